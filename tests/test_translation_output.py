"""Translations a journalist can check: the translate command's text, --bilingual, marks and warnings, language codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from summarize_cli import translate
from summarize_cli.cli import app
from summarize_cli.errors import ExitCode

runner = CliRunner()

ARTICLE = (
    "La société lève des fonds records pour ses centres de données\n\n"
    "La société américaine a annoncé lundi un chiffre d’affaires annuel de 20 milliards de dollars pour cette année. "
    "Elle prévoit aussi environ 1,4 trillion de dollars d’engagements pour des centres de données au cours des prochaines années.\n\n"
    "Le directeur financier a évoqué des prêts garantis par le gouvernement, une idée vite nuancée par la direction. "
    "Cette phrase reste vide une fois traduite par le modèle de traduction.\n\n"
    "Parmi les projets futurs, la société a mentionné des dispositifs grand public et de la robotique, ainsi que la science. "
    "Ces initiatives visent à diversifier les sources de revenus de la société.\n"
)


class Fake:
    """A translator that tags each sentence, slips on one figure, returns nothing for one sentence."""

    model = "fake-fr-en"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def translate(self, sentences):
        self.seen += list(sentences)
        out = []
        for s in sentences:
            if "vide" in s:
                out.append("")
            elif "boucle" in s:
                out.append("the the the the the the the")
            else:
                out.append("EN " + s.replace("1,4 trillion de dollars", "1.4 billion dollars"))
        return out


@pytest.fixture()
def fake(use_translator):
    return use_translator(Fake())


@pytest.fixture()
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return str(path)


def invoke(*args: str):
    return runner.invoke(app, [*args, "--no-cache", "--lang", "fr", "--translation-model", "fake"])


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich"])
def test_translate_prints_the_translated_paragraphs_with_marks(fake, article, fmt):
    res = invoke("translate", article, "-f", fmt)
    assert res.exit_code == 0, res.stderr
    out = " ".join(res.stdout.split())  # rich wraps lines
    assert "EN La société lève des fonds records" in out  # the title, translated
    assert "Key figures" not in out and "none found" not in out
    assert "EN La société américaine" in out and "EN Ces initiatives" in out
    assert "figures changed in translation" in out and "not translated (empty translation)" in out
    # the sentence the model left empty is kept, in French, never an empty line
    assert "Cette phrase reste vide" in out
    if fmt != "rich":
        paragraphs = [p for p in res.stdout.split("\n\n") if p.strip()]
        body = paragraphs[-3:]  # after the title and the header line: the article's three paragraphs
        assert body[0].startswith("EN La société américaine") and "EN Elle prévoit" in body[0] and "\n" not in body[0]
        assert body[1].startswith("EN Le directeur") and body[2].startswith("EN Parmi les projets")
    # "20 milliards" left in French is flagged, never rewritten into "20 billion milliards"
    assert "figures changed in translation: “20 milliards”, “1,4 trillion” -> “20”, “1.4 billion”" in res.stderr
    assert res.stderr.count("figures changed in translation") == 1
    assert "1 sentence left in 'fr' (empty translation from fake-fr-en)" in res.stderr


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich"])
def test_translate_bilingual_shows_each_source_paragraph(fake, article, fmt, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    res = invoke("translate", article, "-f", fmt, "--bilingual")
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    src = next(i for i, ln in enumerate(lines) if "La société américaine a annoncé" in ln and "EN" not in ln)
    dst = next(i for i, ln in enumerate(lines) if "EN La société américaine" in ln)
    assert src < dst  # one under the other: the source first
    if fmt == "plain":
        assert lines[src].startswith("[fr] La société américaine") and lines[dst].startswith("[en] EN La société américaine")
    if fmt == "markdown":
        assert lines[src].startswith("> La société américaine")


def test_translate_bilingual_side_by_side_on_a_wide_terminal(fake, article, monkeypatch):
    monkeypatch.setenv("COLUMNS", "140")
    res = invoke("translate", article, "-f", "rich", "--bilingual")
    assert res.exit_code == 0, res.stderr
    row = next(ln for ln in res.stdout.splitlines() if ln.startswith("La société américaine"))
    assert "EN La société américaine" in row  # the translation on the same line, in the second column


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich"])
def test_summary_bilingual_in_every_format(fake, article, fmt, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    res = invoke(article, "-f", fmt, "--bilingual", "-n", "2")
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    dst = next(i for i, ln in enumerate(lines) if "EN La société américaine" in ln)
    src = next(i for i, ln in enumerate(lines) if "La société américaine" in ln and "EN " not in ln and i > dst)
    assert src > dst  # the translation first, its source under it
    if fmt == "plain":
        assert lines[src] == "  [fr] La société américaine a annoncé lundi un chiffre d’affaires annuel de 20 milliards de dollars pour cette année."
        assert lines[1] == "[fr] La société lève des fonds records pour ses centres de données"  # the original title
    plain = invoke(article, "-f", fmt, "-n", "2")
    assert "[fr]" not in plain.stdout


def test_summary_bilingual_side_by_side_and_json(fake, article, monkeypatch):
    monkeypatch.setenv("COLUMNS", "140")
    res = invoke(article, "-f", "rich", "--bilingual", "-n", "2")
    row = next(ln for ln in res.stdout.splitlines() if "EN La société américaine" in ln)
    assert "  La société américaine a annoncé" in row
    doc = json.loads(invoke(article, "-f", "json", "--bilingual", "-n", "2").stdout)
    pairs = doc["translation"]["sentences"]
    assert [p["text"] for p in pairs] == doc["summary"]["sentences"] and [p["source"] for p in pairs] == doc["summary"]["source_sentences"]


def test_title_follows_the_summary_into_english(fake, article):
    res = invoke(article, "-f", "json", "-n", "2")
    doc = json.loads(res.stdout)
    assert doc["title"] == "EN La société lève des fonds records pour ses centres de données"
    assert doc["title_source"] == "La société lève des fonds records pour ses centres de données"
    assert "EN La société lève" in invoke(article, "-f", "plain").stdout.splitlines()[0]
    doc = json.loads(runner.invoke(app, [article, "-f", "json", "--no-cache", "--no-translate"]).stdout)
    assert doc["title"].startswith("La société") and doc["title_source"] is None


def test_translate_json_pairs_carry_paragraph_and_note(fake, article):
    doc = json.loads(invoke("translate", article, "-f", "json").stdout)
    pairs = doc["translation"]["sentences"]
    assert [p["paragraph"] for p in pairs] == [0, 0, 1, 1, 2, 2]
    empty = next(p for p in pairs if "vide" in p["source"])
    assert empty["text"] == empty["source"] and empty["note"] == "empty translation"
    assert doc["title_source"].startswith("La société lève")


def test_missing_model_is_warned_once_per_run(article, tmp_path):
    res = runner.invoke(app, [article, article, article, "-f", "jsonl", "--no-cache", "--lang", "fr"])
    assert res.exit_code == 0, res.stderr
    assert res.stderr.count("Helsinki-NLP/opus-mt-fr-en is not installed") == 1
    rows = [json.loads(ln) for ln in res.stdout.splitlines()]
    assert all(any("not installed" in w for w in r["warnings"]) for r in rows)  # each JSON still says so


@pytest.mark.parametrize(("option", "value", "hint"), [("--to", "zz", "for example fr"), ("--lang", "french", "did you mean fr?"), ("--to", "eng", "for example")])
def test_language_codes_are_checked_against_cldr(article, option, value, hint):
    res = runner.invoke(app, [article, option, value, "--no-cache"])
    assert res.exit_code == ExitCode.USAGE and res.stdout == ""
    message = " ".join(res.stderr.replace("│", " ").split())  # click's box wraps it
    assert f"Invalid value for {option}: '{value}' is not an ISO 639-1 language code" in message and hint in message
    res = runner.invoke(app, ["translate", article, option, value])
    assert res.exit_code == ExitCode.USAGE and "ISO 639-1" in res.stderr


def test_language_codes_are_normalised(fake, article):
    res = runner.invoke(app, [article, "--lang", "FR", "--to", "en-GB", "-f", "json", "--no-cache", "--translation-model", "fake"])
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["summary"]["language"] == "en"


def test_input_is_shaped_as_opus_mt_was_trained(fake):
    from summarize_cli.translate import _translate

    out = _translate(fake, ["LE GOUVERNEMENT ANNONCE UN PLAN", "« Nous serons\u00a0vigilants », a-t-il dit\u202f!"], "fr")
    assert fake.seen[0] == "Le gouvernement annonce un plan"  # sentence case for the model
    assert out[0] == "EN LE GOUVERNEMENT ANNONCE UN PLAN"  # capitals restored
    assert "«" not in fake.seen[1] and "\u00a0" not in fake.seen[1] and "\u202f" not in fake.seen[1]
    assert fake.seen[1].startswith('"Nous serons vigilants"')


def test_loops_and_empty_output_keep_the_source(fake):
    from summarize_cli.options import Options
    from summarize_cli.translate import translate_text

    text, translation = translate_text("Une phrase en boucle sans fin.\nUne phrase vide.", "fr", Options(translation_model="fake"))
    assert text == "Une phrase en boucle sans fin.\nUne phrase vide."
    assert [t.note for t in translation.sentences] == ["repetition loop", "empty translation"]


def test_a_looping_sentence_is_retried_with_decoding_that_cannot_loop(use_translator):
    from summarize_cli.options import Options
    from summarize_cli.translate import translate_text

    class Looping(Fake):
        def retry(self, sentences):
            return ["A sentence translated again." for _ in sentences]

    use_translator(Looping())
    text, translation = translate_text("Une phrase en boucle sans fin.\nUne autre phrase.", "fr", Options(translation_model="looping"))
    assert text == "A sentence translated again.\nEN Une autre phrase."
    assert [t.note for t in translation.sentences] == [None, None]


def test_marian_retry_uses_no_repeat_ngrams(tiny_marian):
    from summarize_cli.backends.marian import MarianTranslator

    tr = MarianTranslator(str(tiny_marian))
    out = tr.retry(["Sans ces travaux, le réseau ne tiendra pas."])[0].split()
    trigrams = [tuple(out[i:i + 3]) for i in range(len(out) - 2)]
    assert out and len(trigrams) == len(set(trigrams))  # the random model loops greedily; not with the retry's decoding


class Counting(Fake):
    """The Fake translator, counting its model calls and what it was asked to try again."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[list[str]] = []
        self.retried: list[list[str]] = []

    def translate(self, sentences):
        self.calls.append(list(sentences))
        return super().translate(sentences)

    def retry(self, sentences):
        self.retried.append(list(sentences))
        return ["A sentence translated again." for _ in sentences]


@pytest.fixture()
def counting(use_translator):
    return use_translator(Counting())


def _result(n: int, language: str = "fr"):
    from summarize_cli.schema import Article, KeyFigure, Quote, Result, Summary

    article = Article(source=f"a{n}.txt", title=f"Titre numéro {n} de l’article", text="…", language=language)
    summary = Summary(sentences=(f"Première phrase {n}.", f"Deuxième phrase {n}."), language=language, method="extractive")
    figures = (KeyFigure(text="20 milliards", start=0, end=1, kind="money", value=2e10, label="chiffre d’affaires"), KeyFigure(text="3", start=0, end=1, kind="count", value=3))
    quotes = (Quote(text=f"Nous serons prêts {n}.", start=0, end=1),)
    return Result(source=f"a{n}.txt", article=article, summary=summary, figures=figures, quotes=quotes)


def test_translate_results_is_one_model_call_per_language(counting):
    from summarize_cli.options import Options
    from summarize_cli.translate import translate_results

    results = [_result(1), _result(2, "de"), _result(3)]
    done = translate_results(results, Options(translation_model="fake"))
    assert len(counting.calls) == 2  # fr and de, each with its summaries, titles, quotes and labels together
    fr = next(c for c in counting.calls if "Première phrase 1." in c)
    # the model sees the text as OPUS-MT was trained on it: Moses-normalised punctuation (’ -> ')
    assert {"Première phrase 3.", "Titre numéro 1 de l'article", "Titre numéro 3 de l'article", "Nous serons prêts 3.", "chiffre d'affaires"} <= set(fr)
    assert len(fr) == 2 * 2 + 2 + 2 + 1  # the shared label once
    assert counting.retried == []  # nothing tripped the guard: no second call
    for original, (result, (summary, translation)) in zip(results, done):
        assert result.source == original.source  # in input order
        assert summary.sentences == tuple(f"EN {s}" for s in original.summary.sentences) and summary.language == "en"
        assert [t.source for t in translation.sentences] == list(original.summary.sentences)
        assert result.article.title == f"EN {original.article.title}".replace("’", "'") and result.article.title_source == original.article.title
        assert result.quotes[0].text == f"EN {original.quotes[0].text}" and result.quotes[0].source == original.quotes[0].text
        assert [f.label for f in result.figures] == ["EN chiffre d'affaires", None]


def test_only_what_trips_the_guard_is_translated_again(counting):
    from dataclasses import replace

    from summarize_cli.options import Options
    from summarize_cli.translate import translate_results

    result = _result(1)
    result = replace(result, summary=replace(result.summary, sentences=("Une phrase en boucle sans fin.", "Une phrase sûre.")))
    ((_, (summary, translation)),) = translate_results([result], Options(translation_model="fake"))
    assert counting.retried == [["Une phrase en boucle sans fin."]]
    assert summary.sentences == ("A sentence translated again.", "EN Une phrase sûre.")
    assert all(t.note is None for t in translation.sentences)


def test_translate_results_without_a_model_leaves_each_result_as_it_was(use_translator):
    from summarize_cli.errors import ModelError
    from summarize_cli.options import Options
    from summarize_cli.translate import translate_results

    def missing(*a):
        raise ModelError("model fake is not installed", "pull it")

    use_translator(factory=missing)
    results = [_result(1), _result(2)]
    done = translate_results(results, Options(translation_model="fake"))
    assert [r for r, _ in done] == results  # title, labels and quotes untouched
    assert all(isinstance(got, ModelError) and "not installed" in str(got) for _, got in done)
    assert translate_results([], Options(translation_model="fake")) == []


def test_the_translate_command_translates_the_title_with_the_text(counting, article):
    res = invoke("translate", article, "-f", "json")
    assert res.exit_code == 0, res.stderr
    assert len(counting.calls) == 1 and counting.calls[0][-1] == "La société lève des fonds records pour ses centres de données"
    doc = json.loads(res.stdout)
    assert doc["title"] == "EN La société lève des fonds records pour ses centres de données"
    assert len(doc["translation"]["sentences"]) == 6  # the title is not one of the text's sentences
    assert counting.retried == [["Cette phrase reste vide une fois traduite par le modèle de traduction."]]  # the empty one only


def test_the_guard_logs_its_retries(counting, caplog):
    import logging

    from summarize_cli.options import Options
    from summarize_cli.translate import translate_text

    with caplog.at_level(logging.DEBUG, logger="summarize_cli.translate"):
        translate_text("Une phrase en boucle sans fin.\nUne phrase sûre.", "fr", Options(translation_model="fake"))
    assert "translation guard: 1 of 2 sentences retried" in caplog.text


def test_text_is_prepared_as_opus_mt_training_data_was():
    from summarize_cli.translate import _normalise

    # French quotes and no-break spaces, then Moses punctuation normalisation (sacremoses is a dependency, never skipped)
    assert _normalise("« Bonjour »\u00a0: l’été coûte 1,4\u202f%…", "fr") == "\"Bonjour\": l'été coûte 1,4%..."


def test_a_missing_sacremoses_is_an_installation_error(monkeypatch):
    import importlib.util

    from summarize_cli.errors import ExitCode, InstallError

    translate._moses_module.cache_clear()
    translate._moses.cache_clear()
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "sacremoses" else real(name, *a))
    try:
        with pytest.raises(InstallError) as exc:
            translate._normalise("Bonjour.", "fr")
        assert exc.value.exit_code == ExitCode.INSTALL and "pip install" in str(exc.value)
    finally:
        translate._moses_module.cache_clear()
        translate._moses.cache_clear()


@pytest.mark.parametrize("command", ["summarize", "translate"])
def test_a_title_whose_figure_changed_stays_in_the_original(fake, tmp_path, command):
    path = tmp_path / "titled.txt"
    title = "Des engagements de 1,4 trillion de dollars pour la société"
    path.write_text(ARTICLE.replace("La société lève des fonds records pour ses centres de données", title, 1), encoding="utf-8")
    res = invoke(command, str(path), "-f", "json")
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["title"] == title and doc["title_source"] is None  # never "1.4 billion" in a headline
    assert "the title's translation changed a figure; the title stays in 'fr'" in res.stderr
