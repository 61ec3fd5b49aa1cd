"""InstructSummarizer on a tiny random chat model, and the prompt templates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from summarize_cli.backends import instruct
from summarize_cli.backends.instruct import InstructSummarizer, load_template, render
from summarize_cli.errors import ModelError
from summarize_cli.schema import Article

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "openai-revenue-fr.txt"


def _spy_chat(monkeypatch: pytest.MonkeyPatch, summarizer: object, answer: str | None = None) -> list[list[dict[str, str]]]:
    lm = summarizer._lm  # type: ignore[attr-defined]
    calls: list[list[dict[str, str]]] = []
    real = lm.chat

    def chat(messages, max_new_tokens):  # noqa: ANN001
        calls.append(messages)
        out = real(messages, min(max_new_tokens, 4))
        return out if answer is None else answer

    monkeypatch.setattr(lm, "chat", chat)
    return calls


def test_templates_ship_with_placeholders() -> None:
    for name in ("summarise", "summarise-en"):
        system, user = load_template(name)
        assert system and user and "#" not in system[:1]
    assert "{article}" in load_template("summarise")[1]
    assert "{target_language}" in load_template("summarise-en")[1]
    messages = render("summarise", article="Texte.", n=2, language="French", target_language="French", title="T")
    assert [m["role"] for m in messages] == ["system", "user"]
    assert "Texte." in messages[1]["content"] and "2 sentences" in messages[1]["content"]


def test_template_by_path_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "mine.txt"
    good.write_text("# comment\nSay {n} things about {article}\n", encoding="utf-8")
    assert load_template(str(good)) == ("", "Say {n} things about {article}")
    bad = tmp_path / "bad.txt"
    bad.write_text("Hello {name}", encoding="utf-8")
    with pytest.raises(ModelError, match="placeholder"):
        load_template(str(bad))
    with pytest.raises(ModelError, match="summarise"):  # the hint lists the shipped templates
        load_template("no-such-template")


def test_summary_in_article_language(tiny_causal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = InstructSummarizer(str(tiny_causal), device="cpu")
    calls = _spy_chat(monkeypatch, s, "- Première phrase.\n- Deuxième phrase. Troisième phrase.\n4. Quatrième.")
    summary = s.summarize(Article(source="x", title="T", text="Le chiffre atteint 20 milliards. Fin.", language="fr"), 3)
    assert s.name == "instruct" and summary.method == "instruct" and summary.model == str(tiny_causal)
    assert summary.language == "fr"
    assert summary.sentences == ("Première phrase.", "Deuxième phrase.", "Troisième phrase.")
    assert "in French" in calls[0][-1]["content"]


def test_summary_straight_into_english(tiny_causal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = InstructSummarizer(str(tiny_causal), device="cpu", target_lang="en")
    calls = _spy_chat(monkeypatch, s, "Revenue reached 20 billion.")
    summary = s.summarize(Article(source="x", title=None, text="Le chiffre atteint 20 milliards.", language="fr"), 2)
    assert summary.language == "en"
    assert "French news article" in calls[0][-1]["content"] and "written in English" in calls[0][-1]["content"]


def test_real_generation_runs(tiny_causal: Path) -> None:
    s = InstructSummarizer(str(tiny_causal), device="cpu", max_new_tokens=8)
    summary = s.summarize(Article(source="x", title=None, text="Le chiffre atteint 20 milliards.", language="fr"), 2)
    assert isinstance(summary.sentences, tuple) and len(summary.sentences) <= 2


def test_long_article_is_map_reduced(tiny_causal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    s = InstructSummarizer(str(tiny_causal), device="cpu", max_new_tokens=16)
    calls = _spy_chat(monkeypatch, s, "Court résumé.")
    text = SAMPLE.read_text(encoding="utf-8")
    assert s._lm.count(text) > s._lm.max_input
    s.summarize(Article(source="x", title=None, text=text, language="fr"), 3)
    assert len(calls) >= 3  # several parts, then the merge
    for messages in calls:
        assert sum(s._lm.count(m["content"]) for m in messages) + 16 <= s._lm.max_input


def test_model_without_chat_template_is_refused(tiny_causal: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(tiny_causal, plain)
    (plain / "chat_template.jinja").unlink(missing_ok=True)
    instruct._causal_lm.cache_clear()
    with pytest.raises(ModelError, match="chat template"):
        InstructSummarizer(str(plain), device="cpu")
