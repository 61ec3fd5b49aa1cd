"""Seq2SeqSummarizer on a tiny random BART: chunking within the input limit, both engines, model checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize_cli.backends import _runtime
from summarize_cli.backends.seq2seq import Seq2SeqSummarizer
from summarize_cli.errors import ModelError
from summarize_cli.schema import Article
from tinymodels import build_tiny_causal_lm

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "openai-revenue-fr.txt"


def _article(text: str | None = None) -> Article:
    return Article(source="sample", title="OpenAI", text=text or SAMPLE.read_text(encoding="utf-8"), language="fr")


def test_summary_fields(tiny_bart: Path) -> None:
    s = Seq2SeqSummarizer(str(tiny_bart), backend="transformers", device="cpu")
    summary = s.summarize(_article("Sam Altman annonce un chiffre d’affaires de 20 milliards. La société grandit."), 2)
    assert s.name == "seq2seq"
    assert summary.method == "seq2seq" and summary.model == str(tiny_bart) and summary.language == "fr"
    assert 1 <= len(summary.sentences) <= 2
    assert all(isinstance(x, str) for x in summary.sentences)


def test_long_article_is_chunked_then_merged(tiny_bart: Path) -> None:
    s = Seq2SeqSummarizer(str(tiny_bart), backend="transformers", device="cpu")
    engine = s._engine
    calls: list[list[str]] = []
    real = engine.generate

    def spy(texts, **kw):  # noqa: ANN001, ANN003
        calls.append(list(texts))
        real(texts[:1], **kw)  # the real engine runs too
        return [f"Partie {i}." for i in range(len(texts))]

    engine.generate = spy  # type: ignore[method-assign]
    article = _article()
    assert engine.count(article.text) > engine.max_input
    summary = s.summarize(article, 3)
    first = calls[0]
    assert len(first) > 1  # map step: several chunks
    assert all(engine.count(c) <= engine.max_input for c in first)
    # Every sentence of the article went into some chunk: nothing was truncated away.
    words = " ".join(first).split()
    assert words == " ".join(article.text.split()).split()
    # Reduce step: the partial summaries, merged into one input, summarised again.
    assert " ".join(calls[1]) == " ".join(f"Partie {i}." for i in range(len(first)))
    assert len(calls[1]) < len(first) and all(engine.count(c) <= engine.max_input for c in calls[1])
    assert summary.sentences[0] == "Partie 0."


def test_ct2_engine_for_bart(tiny_bart: Path) -> None:
    s = Seq2SeqSummarizer(str(tiny_bart), backend="ctranslate2", device="cpu", beams=2)
    assert s._engine.engine == "ctranslate2"
    summary = s.summarize(_article("Le chiffre d’affaires atteint 20 milliards de dollars. Il double."), 3)
    assert summary.sentences and summary.method == "seq2seq"


def test_causal_model_is_rejected(tmp_path: Path) -> None:
    path = build_tiny_causal_lm(tmp_path / "causal")
    with pytest.raises(ModelError, match="encoder-decoder"):
        Seq2SeqSummarizer(str(path))


def test_pack_keeps_order_and_limit() -> None:
    count = lambda s: len(s.split())  # noqa: E731
    parts = ["a b c", "d e", "f g h i", "j"]
    chunks = _runtime.pack(parts, count, 5)
    assert chunks == ["a b c d e", "f g h i j"]
    assert _runtime.pack(["a b c d e f g"], count, 3) and all(count(c) <= 3 for c in _runtime.pack(["a b c d e f g"], count, 3))
