"""Tests for summarize_cli.backends.extractive."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize_cli import pipeline
from summarize_cli.backends import extractive
from summarize_cli.backends.extractive import ExtractiveSummarizer
from summarize_cli.languages import data_languages
from summarize_cli.options import Options
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


def test_sentence_spans_of_the_article_are_used_when_given() -> None:
    # Spans the splitter would not find (it cuts at every period): only they can be bullets.
    spans = ((0, FR.index("Il fait")), (FR.index("Il fait"), len(FR)))
    spans = tuple((a, a + len(FR[a:b].rstrip())) for a, b in spans)
    summary = ExtractiveSummarizer().summarize(replace(_article(FR, "Budget", "fr"), sentences=spans), 3)
    assert summary.spans == spans
    assert summary.sentences == tuple(FR[a:b] for a, b in spans)


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
    assert summary.language in data_languages("stopwords")
    assert [text[a:b] for a, b in summary.spans] == list(summary.sentences)


SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "openai-revenue-fr.txt"


def test_reference_article_bullets_hold_the_headline_figures_and_not_the_pull_quote() -> None:
    result = pipeline.run(str(SAMPLE), Options(translate=False))
    bullets = result.summary.sentences
    assert len(bullets) == 3
    joined = " ".join(bullets)
    assert "20 milliards de dollars" in joined and "1,4 trillion de dollars" in joined
    pull_quote = next(line for line in result.article.text.splitlines() if line.startswith("«"))
    assert pull_quote not in bullets


def _body(*sentences: str) -> str:
    return " ".join(sentences)


STORY = [
    "The city council approved a new tram line on Monday after a long debate.",
    "The tram line will cost 300 million euros and open in 2028.",
    "Council members said the tram line would cut traffic in the city centre.",
    "Residents near the planned tram line asked for noise barriers.",
    "The council will publish the tram line route next month.",
]


@pytest.mark.parametrize(
    "fragment",
    [
        "and the city council said the new tram line would cut traffic in the city centre by 2028.",  # lowercase start
        "» The city council approved the new tram line, which will cut traffic in the city centre.",  # closing quote
        "Noise barriers later.",  # under four words
    ],
)
def test_fragments_are_never_bullets(fragment: str) -> None:
    # Line breaks always split, so the splitter hands the fragment over as a sentence.
    text = "\n".join([*STORY[:2], fragment, *STORY[2:]])
    assert fragment in [text[a:b] for a, b in split_sentences(text, "en")]
    summary = ExtractiveSummarizer().summarize(_article(text, "Council approves tram line", "en"), 6)
    assert summary.sentences == tuple(STORY)


def test_title_copied_into_the_body_is_not_a_bullet() -> None:
    title = "Will the new tram line cut traffic in the city centre?"
    text = title + "\n" + _body(*STORY)
    summary = ExtractiveSummarizer().summarize(_article(text, title, "en"), 3)
    assert title not in summary.sentences
    assert len(summary.sentences) == 3


def test_pull_quote_paragraph_is_not_a_bullet() -> None:
    quote = "« La ligne de tramway coûtera 300 millions d'euros au conseil municipal. »"
    text = "\n".join([
        "Le conseil municipal a approuvé lundi une nouvelle ligne de tramway.",
        quote,
        "La ligne de tramway coûtera 300 millions d'euros et ouvrira en 2028, selon le conseil municipal.",
        "Les riverains de la ligne de tramway demandent des murs antibruit au conseil municipal.",
    ])
    summary = ExtractiveSummarizer().summarize(_article(text, "Tramway : le conseil municipal dit oui", "fr"), 3)
    assert quote not in summary.sentences
    assert len(summary.sentences) == 3


def test_a_near_copy_of_a_bullet_is_left_out() -> None:
    copy = "The tram line will cost 300 million euros and will open in 2028."
    text = _body(*STORY[:2], copy, *STORY[2:])
    summary = ExtractiveSummarizer().summarize(_article(text, "Council approves tram line", "en"), 6)
    assert not {STORY[1], copy} <= set(summary.sentences)
    assert len(summary.sentences) == 5


def test_directed_centrality_credits_what_comes_first(monkeypatch) -> None:
    # A similarity graph that reads the same backwards: only the direction of
    # the votes can tell its first sentence from its last.
    rng = np.random.default_rng(0)
    sim = rng.random((6, 6))
    sim = sim + sim.T
    sim = (sim + sim[::-1, ::-1]) / 2
    rank = extractive._directed_pagerank(sim)
    assert rank[0] > rank[5] and rank[1] > rank[4] and rank[2] > rank[3]
    monkeypatch.setattr(extractive, "_BACKWARD", 1.0)
    rank = extractive._directed_pagerank(sim)
    assert np.allclose(rank, rank[::-1])


@pytest.mark.parametrize("feature,loser,winner", [
    # Two sentences alike in every word but a figure: only the figure can break the tie.
    ("figures", "Council members said the tram line would cost many million euros.", "Council members said the tram line would cost 300 million euros."),
    # Alike in every word: only the quotation marks can break the tie (the first one wins a tie).
    ("quotes", '"The tram line would cost many million euros," council members said.', "The tram line would cost many million euros, council members said."),
])
def test_one_feature_breaks_a_tie_between_sentences_alike_in_every_word(monkeypatch, feature: str, loser: str, winner: str) -> None:
    text = _body(STORY[0], loser, winner, *STORY[3:])
    art = _article(text, "Council approves tram line", "en")
    monkeypatch.setattr(extractive, "_DUPLICATE", 2.0)
    picked = ExtractiveSummarizer().summarize(art, 2).sentences
    assert winner in picked and loser not in picked
    monkeypatch.setitem(extractive._WEIGHTS, feature, 0.0)
    picked = ExtractiveSummarizer().summarize(art, 2).sentences
    assert loser in picked and winner not in picked


def test_a_figure_of_the_headline_gets_into_the_summary() -> None:
    title = "Tram line to cost 300 million euros"
    figure = "Officials put the bill for the line at 300 million euros over ten years."
    text = _body(STORY[0], *STORY[2:], "Work on the tram line starts in the spring.", figure)
    summary = ExtractiveSummarizer().summarize(_article(text, title, "en"), 3)
    assert figure in summary.sentences


def test_bullets_come_in_pick_order_from_select_and_in_article_order_in_the_summary() -> None:
    scorer = extractive._Scorer(EN, split_sentences(EN, "en"), "en", "Company profits rise on phone sales")
    order = extractive._select(scorer, 3)
    assert order[0] == scorer.lede() and len(set(order)) == 3
    # Picks are greedy: a smaller summary is the start of a larger one.
    assert extractive._select(scorer, 2) == order[:2]
    summary = ExtractiveSummarizer().summarize(_article(EN, "Company profits rise on phone sales", "en"), 3)
    assert list(summary.spans) == sorted(summary.spans)
