"""Tests for summarize_cli.backends.extractive."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize_cli.backends.extractive import ExtractiveSummarizer, rank_sentences
from summarize_cli.schema import Article, Summary
from summarize_cli.sentences import split_sentences

FR = (
    "Le gouvernement a présenté mardi son budget pour 2024. "
    "Le budget prévoit une hausse des dépenses de défense de 7 %. "
    "Il fait beau à Paris. "
    "Les dépenses de défense atteindront 47 milliards d'euros selon le budget. "
    "Le ministre a défendu ce budget devant les députés.\n"
    "La séance a duré trois heures."
)
EN = (
    "The company reported record profits on Tuesday. "
    "Profits rose 12% as the company sold more phones. "
    "The weather was mild. "
    "Analysts said the company's phone sales drove the profits. "
    "Shares in the company rose 3%."
)


def _article(text: str, title: str | None = None, language: str | None = None) -> Article:
    return Article(source="test", title=title, text=text, language=language)


def test_summary_shape_and_spans() -> None:
    art = _article(FR, "Le budget de la défense en hausse", "fr")
    summary = ExtractiveSummarizer().summarize(art, 3)
    assert isinstance(summary, Summary)
    assert summary.method == "extractive" and summary.model is None
    assert summary.language == "fr"
    assert len(summary.sentences) == 3 == len(summary.spans)
    assert [FR[a:b] for a, b in summary.spans] == list(summary.sentences)
    assert list(summary.spans) == sorted(summary.spans)
    assert all(span in split_sentences(FR, "fr") for span in summary.spans)


def test_off_topic_sentence_is_left_out() -> None:
    summary = ExtractiveSummarizer().summarize(_article(FR, "Budget : la défense en hausse", "fr"), 3)
    assert "Il fait beau à Paris." not in summary.sentences
    summary = ExtractiveSummarizer().summarize(_article(EN, None, "en"), 3)
    assert "The weather was mild." not in summary.sentences


def test_one_sentence_prefers_the_story_over_filler() -> None:
    summary = ExtractiveSummarizer().summarize(_article(EN, "Company profits rise on phone sales"), 1)
    assert len(summary.sentences) == 1
    assert "profits" in summary.sentences[0].lower()


def test_language_is_guessed_when_missing() -> None:
    assert ExtractiveSummarizer().summarize(_article(FR), 1).language == "fr"
    assert ExtractiveSummarizer().summarize(_article(EN), 1).language == "en"
    assert ExtractiveSummarizer().summarize(_article(EN, language="en-GB"), 1).language == "en-GB"


def test_n_larger_than_article_and_zero() -> None:
    s = ExtractiveSummarizer()
    assert len(s.summarize(_article(EN), 50).sentences) == 5
    assert s.summarize(_article(EN), 0).sentences == ()


@pytest.mark.parametrize("text", ["", "   \n  ", "...", "Un seul mot"])
def test_degenerate_texts(text: str) -> None:
    summary = ExtractiveSummarizer().summarize(_article(text), 3)
    assert len(summary.sentences) == len(summary.spans) <= 1
    assert all(text[a:b] == s for (a, b), s in zip(summary.spans, summary.sentences))


def test_near_duplicates_are_skipped() -> None:
    text = EN + " Profits rose 12% as the company sold more phones."
    summary = ExtractiveSummarizer().summarize(_article(text, "Profits rise", "en"), 3)
    assert len(set(summary.sentences)) == 3


def test_rank_sentences_orders_all_sentences() -> None:
    ranked = rank_sentences(FR, "fr", "Budget : la défense en hausse")
    assert sorted(i for i, _ in ranked) == list(range(len(split_sentences(FR, "fr"))))
    scores = [s for _, s in ranked]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] > 1.0 >= scores[1]
    assert rank_sentences("", None) == []


def test_deterministic_and_fast_on_long_text() -> None:
    long = " ".join(f"Sentence {i} mentions topic{i % 7} and topic{i % 11} again." for i in range(1000))
    start = time.perf_counter()
    first = ExtractiveSummarizer().summarize(_article(long, "topic3"), 5)
    assert time.perf_counter() - start < 5.0
    assert first == ExtractiveSummarizer().summarize(_article(long, "topic3"), 5)
    assert len(first.sentences) == 5


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=40)), st.integers(0, 6))
def test_any_text_gives_a_valid_summary(text: str, title: str | None, n: int) -> None:
    summary = ExtractiveSummarizer().summarize(_article(text, title), n)
    assert len(summary.sentences) <= n
    assert summary.language in ("fr", "en")
    assert [text[a:b] for a, b in summary.spans] == list(summary.sentences)
