"""Tests for summarize_cli.summarize: the back-end registry and the word budget."""

from __future__ import annotations

import pytest

from summarize_cli.options import Options
from summarize_cli.schema import Article, Summary
from summarize_cli.summarize import SUMMARIZERS, summarize

STORY = [
    "The city council approved a new tram line on Monday after a long debate.",
    "The tram line will cost 300 million euros and open in 2028.",
    "Council members said the tram line would cut traffic in the city centre.",
    "Residents near the planned tram line asked for noise barriers.",
    "The council will publish the tram line route next month.",
]


def _article(text: str, title: str | None = None, language: str | None = "en") -> Article:
    return Article(source="test", title=title, text=text, language=language)


def _body(*sentences: str) -> str:
    return " ".join(sentences)


@pytest.mark.parametrize("budget", [12, 25, 40, 1000])
def test_word_budget_keeps_whole_sentences_within_it(budget: int) -> None:
    text = _body(*STORY)
    summary = summarize(_article(text, "Council approves tram line", "en"), Options(words=budget))
    assert summary.sentences and all(s in STORY for s in summary.sentences)
    assert sum(len(s.split()) for s in summary.sentences) <= budget
    left = [s for s in STORY if s not in summary.sentences]
    used = sum(len(s.split()) for s in summary.sentences)
    # Greedy by score: nothing that was left out would still have fitted.
    assert all(used + len(s.split()) > budget for s in left)


def test_word_budget_smaller_than_any_sentence_gives_one_sentence() -> None:
    summary = summarize(_article(_body(*STORY), "Council approves tram line", "en"), Options(words=3))
    assert len(summary.sentences) == 1


def test_word_budget_cuts_model_summaries_at_whole_sentences(monkeypatch) -> None:
    asked: list[int] = []

    class Model:
        name = "fake"

        def summarize(self, article: Article, n: int) -> Summary:
            asked.append(n)
            return Summary(sentences=("One two three four five.", "Six seven eight.", "Nine ten."), language="en", method="fake")

    monkeypatch.setitem(SUMMARIZERS, "fake", lambda options: Model())
    summary = summarize(_article("Some text here."), Options(summarizer="fake", words=9))
    assert summary.sentences == ("One two three four five.", "Six seven eight.")
    assert asked == [1]
    assert summarize(_article("x"), Options(summarizer="fake", words=2)).sentences == ("One two three four five.",)


def test_words_option_on_the_command_line(sample_fr) -> None:
    import json

    from typer.testing import CliRunner

    from summarize_cli.cli import app

    res = CliRunner().invoke(app, [str(sample_fr), "--no-translate", "--no-cache", "--format", "json", "--words", "60"])
    assert res.exit_code == 0, res.stderr
    sentences = json.loads(res.stdout)["summary"]["sentences"]
    assert sentences and sum(len(s.split()) for s in sentences) <= 60
