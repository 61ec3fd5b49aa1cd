"""`summarize quotes` and the Quotes section of a summary, in every format."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from summarize_cli.cli import app

runner = CliRunner()

ARTICLE = (
    "La ministre des Transports, Claire Vidal, a présenté jeudi un plan de 450 millions d'euros pour rénover les petites lignes "
    "ferroviaires du pays, dont plusieurs menaçaient de fermer faute d'entretien.\n"
    "« Sans ces travaux, une dizaine de lignes auraient fermé d'ici à 2028 », a déclaré Claire Vidal devant les élus régionaux.\n"
    "Les associations d'usagers saluent un effort inédit mais demandent un calendrier précis pour chaque chantier annoncé.\n"
    "« Nous serons vigilants sur chaque euro dépensé », a prévenu Paul Girard, président de la fédération des usagers.\n"
    "« Le calendrier sera tenu », a-t-il ajouté en fin de séance.\n"
    "Les premiers chantiers doivent commencer au printemps prochain sur trois lignes du centre du pays.\n"
)


@pytest.fixture()
def article(tmp_path):
    path = tmp_path / "quotes.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return str(path)


def test_quotes_json_has_offsets_speakers_and_verbs(article):
    res = runner.invoke(app, ["quotes", article, "--format", "json", "--no-cache"])
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    quotes = doc["quotes"]
    assert [q["speaker"] for q in quotes] == ["Claire Vidal", "Paul Girard", "Paul Girard"]
    assert [q["verb"] for q in quotes] == ["a déclaré", "a prévenu", "a-t-il ajouté"]
    assert [q["pronoun"] for q in quotes] == [False, False, True]
    for q in quotes:
        assert doc["text"][q["start"] : q["end"]] == q["text"]
        assert doc["text"][q["speaker_start"] : q["speaker_start"] + len(q["speaker"])] == q["speaker"]
        assert set(q) == {"text", "start", "end", "speaker", "speaker_start", "verb", "sentence", "pronoun", "source", "figures_ok"}
    assert doc["figures"] == [] and doc["summary"] is None


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich"])
def test_quotes_command_lists_each_quote_with_its_speaker(article, fmt):
    # wide enough that rich does not wrap a quotation inside its table cell
    res = runner.invoke(app, ["quotes", article, "--format", fmt, "--no-cache"], env={"COLUMNS": "220"})
    assert res.exit_code == 0, res.stderr
    assert "Quotes" in res.stdout
    assert "Sans ces travaux" in res.stdout and "Claire Vidal" in res.stdout
    assert "Le calendrier sera tenu" in res.stdout and "last named speaker" in res.stdout
    assert "Key figures" not in res.stdout


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich"])
def test_summary_shows_quotes_and_quotes_option_limits_them(article, fmt):
    res = runner.invoke(app, [article, "--format", fmt, "--no-cache", "--no-translate"])
    assert res.exit_code == 0, res.stderr
    assert "Quotes" in res.stdout and "Nous serons vigilants" in res.stdout
    res = runner.invoke(app, [article, "--format", fmt, "--no-cache", "--no-translate", "--quotes", "1"])
    assert "Sans ces travaux" in res.stdout and "Nous serons vigilants" not in res.stdout
    res = runner.invoke(app, [article, "--format", fmt, "--no-cache", "--no-translate", "--quotes", "0"])
    assert "Quotes" not in res.stdout


def test_summary_json_keeps_every_quote_whatever_quotes_says(article):
    res = runner.invoke(app, [article, "--format", "json", "--no-cache", "--no-translate", "--quotes", "0"])
    assert res.exit_code == 0, res.stderr
    assert len(json.loads(res.stdout)["quotes"]) == 3


def test_translated_summary_translates_each_quote_and_keeps_its_original(article, tiny_marian, use_translator):
    res = runner.invoke(app, [article, "--format", "json", "--no-cache", "--translation-model", str(tiny_marian)])
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["summary"]["language"] == "en"
    quotes = doc["quotes"]
    assert len(quotes) == 3
    for q in quotes:
        # the original words stay checkable against the article, by their offsets; a quote the model could not
        # translate is the original itself (no "source": it is not a translation), and a warning says so
        assert (q["source"] or q["text"]) == doc["text"][q["start"] : q["end"]]
        assert isinstance(q["text"], str) and isinstance(q["figures_ok"], bool)
    left = sum(1 for q in quotes if q["source"] is None)
    assert left and f"{left} quote{'s' if left > 1 else ''} left in 'fr'" in res.stderr
    assert [q["speaker"] for q in quotes] == ["Claire Vidal", "Paul Girard", "Paul Girard"]
    # The tiny model only loops (so its quotes stay in French): a translator that writes something shows the original.

    class Tagger:
        model = "tagger"

        def translate(self, sentences):
            return [f"EN {s}" for s in sentences]

    use_translator(Tagger())
    plain = runner.invoke(app, [article, "--format", "plain", "--no-cache", "--translation-model", "tagger"])
    assert "“EN Sans ces travaux" in plain.stdout and "[original: “Sans ces travaux" in plain.stdout


def test_untranslated_quotes_have_no_source(article):
    res = runner.invoke(app, [article, "--format", "json", "--no-cache", "--no-translate"])
    assert all(q["source"] is None and q["figures_ok"] for q in json.loads(res.stdout)["quotes"])
