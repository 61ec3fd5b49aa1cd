"""Bounded work: text from every source is capped the same way, figures are capped per article."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servers import invoke
from summarize_cli import extract, pipeline

SENTENCE = "Le conseil municipal a voté jeudi un budget de {n} millions d’euros pour la ligne de tramway numéro trois."


@settings(max_examples=200, deadline=None)
@given(paragraphs=st.lists(st.text(min_size=1, max_size=300), max_size=40), cap=st.integers(1, 2000))
def test_capped_keeps_leading_paragraphs_within_the_cap(paragraphs: list[str], cap: int) -> None:
    old = extract._MAX_TEXT
    extract._MAX_TEXT = cap
    try:
        warnings: list[str] = []
        kept = extract._capped(tuple(paragraphs), warnings)
    finally:
        extract._MAX_TEXT = old
    assert len("\n".join(kept)) <= max(cap, 0)
    if len("\n".join(paragraphs)) <= cap:
        assert kept == tuple(paragraphs) and warnings == []
    else:
        assert len(warnings) == 1 and "only its first" in warnings[0]
        assert list(kept[:-1]) == paragraphs[: len(kept) - 1]
        assert not kept or paragraphs[len(kept) - 1].startswith(kept[-1])


def test_text_from_html_is_capped_like_pasted_text(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "_MAX_TEXT", 3000)
    body = "".join(f"<p>{SENTENCE.format(n=i)} Le chantier numéro {i} commence.</p>" for i in range(200))
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>Budget</title></head><body><article><h1>Budget</h1>{body}</article></body></html>", encoding="utf-8")
    res = invoke("extract", "--format", "json", "--no-cache", str(page))
    assert res.exit_code == 0, res.stderr
    obj = json.loads(res.stdout)
    assert len(obj["text"]) <= 3000
    assert any("only its first" in w for w in obj["warnings"])
    assert "only its first" in res.stderr and res.stderr.startswith("summarize: warning:")


def test_figures_are_capped_per_article(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MAX_FIGURES", 25)
    text = tmp_path / "ones.txt"
    text.write_text("Chiffres du jour\n\nLe conseil municipal a publié jeudi les chiffres suivants pour la ville : " + ", ".join(["1"] * 2000) + ".\n", encoding="utf-8")
    res = invoke("figures", "--format", "json", "--no-cache", str(text))
    assert res.exit_code == 0, res.stderr
    obj = json.loads(res.stdout)
    assert len(obj["figures"]) == 25
    assert any("figures; only its first 25 are listed" in w for w in obj["warnings"])
    assert "summarize: warning:" in res.stderr and "only its first 25" in res.stderr
