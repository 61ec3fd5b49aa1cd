"""The writers (text, rich, json) and the values they share: every format shows what the Result holds; JSON follows the schema."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rendering import render, view
from summarize_cli.output import get
from summarize_cli.output.values import format_value, snippet, source_line
from summarize_cli.schema import Article, ErrorInfo, KeyFigure, Quote, Result, Summary, TranslatedSentence, Translation
from summarize_cli.terminal import UNSAFE

TEXT = "Revenue reached $20 billion in 2025. Margins fell 3%."
FIG = KeyFigure(text="$20 billion", start=16, end=27, kind="money", value=2e10, currency="USD", label="revenue", sentence="Revenue reached $20 billion in 2025.")
PCT = KeyFigure(text="3%", start=50, end=52, kind="percent", value=3.0, unit="%", sentence="Margins fell 3%.")
SUMMARY = Summary(
    sentences=("Revenue reached $20 billion in 2025.",), language="en", method="extractive",
    highlights=((KeyFigure(text="$20 billion", start=16, end=27, kind="money", value=2e10, currency="USD"),),),
)
RESULT = Result(source="a.txt", article=Article(source="a.txt", title="Big year", text=TEXT, language="en"), summary=SUMMARY, figures=(FIG, PCT))


def output(result: Result, fmt: str, task: str = "summarize", color: bool = False) -> str:
    return render(result, fmt, view(task), color=color)


def test_plain_has_title_summary_and_figures():
    out = output(RESULT, "plain")
    assert out.startswith("Big year\n")
    assert "- Revenue reached $20 billion in 2025." in out
    assert "$20 billion — revenue" in out and "3%" in out


def test_markdown_bolds_figures_in_summary():
    out = output(RESULT, "markdown")
    assert out.startswith("# Big year")
    assert "- Revenue reached **$20 billion** in 2025." in out
    assert "| $20 billion | revenue |" in out


def test_rich_highlights_with_color():
    out = output(RESULT, "rich", color=True)
    assert "\x1b[" in out and "Key figures" in out and "$20 billion" in out


def test_json_roundtrip_and_offsets():
    obj = json.loads(output(RESULT, "json"))
    assert obj["figures"][0]["value"] == 2e10 and obj["text"][16:27] == "$20 billion"
    assert obj["summary"]["source_sentences"] == obj["summary"]["sentences"]


def test_jsonl_is_one_line():
    assert output(RESULT, "jsonl").count("\n") == 1


def test_error_result_prints_nothing_but_json():
    failed = Result(source="x", error=ErrorInfo("not_found", "no such file: x", 3))
    assert output(failed, "plain") == "" and output(failed, "rich") == ""
    assert json.loads(output(failed, "json"))["error"] == {"code": "not_found", "message": "no such file: x"}


def test_json_array_for_several_sources_or_a_stopped_run():
    import io

    for several, complete in ((True, True), (False, False)):
        buf = io.StringIO()
        get("json").open(buf, view(several=several), False).write_all([RESULT], complete=complete)
        assert len(json.loads(buf.getvalue())) == 1 and buf.getvalue().startswith("[")
    buf = io.StringIO()
    get("json").open(buf, view(several=True), False).write_all([RESULT, RESULT], complete=True)
    assert len(json.loads(buf.getvalue())) == 2


def test_translation_flag_is_visible():
    tr = Translation(model="m", source_language="fr", target_language="en", sentences=(TranslatedSentence("a", "b", figures_ok=False),))
    flagged = Result(source=RESULT.source, article=RESULT.article, summary=SUMMARY, figures=RESULT.figures, translation=tr)
    assert "figures changed in translation" in output(flagged, "plain")
    assert json.loads(output(flagged, "json"))["translation"]["sentences"][0]["figures_ok"] is False


FIGURES_ONLY = Result(source="a.txt", article=RESULT.article, figures=(FIG, PCT))


def test_extract_and_figures_tasks():
    article_only = Result(source="a.txt", article=RESULT.article)
    assert output(article_only, "plain", task="extract") == "Big year\n\n" + TEXT + "\n"
    figs = output(FIGURES_ONLY, "plain", task="figures")
    assert "Summary" not in figs and "$20 billion" in figs and "Big year" not in figs
    assert output(Result(source="a.txt", article=RESULT.article), "plain", task="figures") == "- none found\n"


def test_a_writer_shows_what_the_result_holds():
    # A summary is shown wherever a Result holds one, whatever else the view asks for.
    assert "- Revenue reached $20 billion in 2025." in output(RESULT, "plain", task="figures")
    assert "Summary" not in output(FIGURES_ONLY, "plain") and "$20 billion" in output(FIGURES_ONLY, "plain")
    # The key quotes a Result marks are shown with it; a quotes view lists them, or says there are none.
    quote = Quote(text="We did it", start=0, end=9, speaker="Ann", verb="said")
    quoted = Result(source="a.txt", article=RESULT.article, summary=SUMMARY, figures=RESULT.figures, quotes=(quote,), key_quotes=(0,))
    assert "“We did it” — Ann (said)" in output(quoted, "plain")
    assert "## Quotes" in output(quoted, "markdown") and "Quotes" in output(quoted, "rich")
    assert "- no quotations found" in output(Result(source="a.txt", article=RESULT.article), "plain", task="quotes")


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich"])
@pytest.mark.parametrize("task", ["extract", "figures", "quotes"])
def test_several_sources_open_each_result_with_its_source(fmt, task):
    art = Article(source="a.txt", title="Big year", text=TEXT, language="en", byline="Ann Lee")
    result = Result(source="a.txt", article=art, figures=(FIG, PCT) if task == "figures" else ())
    line = "source: a.txt · by Ann Lee · language: en"
    assert line in render(result, fmt, view(task, several=True))
    alone = render(result, fmt, view(task))
    assert (line in alone) == (task == "quotes" and fmt != "rich")  # one source: as it always was


def test_format_value():
    assert format_value(FIG) == "$20 billion"
    assert format_value(KeyFigure("1,4 trillion de dollars", 0, 1, "money", 1.4e12, currency="USD")) == "$1.4 trillion"
    assert format_value(KeyFigure("12,5 %", 0, 1, "percent", 12.5, unit="%")) == "12.5%"
    assert format_value(KeyFigure("huit ans", 0, 1, "duration", 8.0, unit="years")) == "8 years"
    assert format_value(KeyFigure("un an", 0, 1, "duration", 1.0, unit="years")) == "1 year"
    assert format_value(KeyFigure("environ 1,4 trillion de dollars", 0, 1, "money", 1.4e12, currency="USD", note="approximately; scale")) == "about $1.4 trillion"
    assert format_value(KeyFigure("2.5 percentage points", 0, 1, "percent", 2.5, unit="percentage points")) == "2.5 percentage points"
    assert format_value(KeyFigure("un million", 0, 1, "count", 1e6)) == "1 million"
    assert format_value(KeyFigure("300 CHF", 0, 1, "money", 300.0, currency="CHF")) == "300 CHF"
    assert format_value(KeyFigure("£58.87 per megawatt hour", 0, 1, "money", 58.87, currency="GBP", unit="£/MWh")) == "£58.87/MWh"
    assert format_value(KeyFigure("1 ton", 0, 1, "number", 1.0, unit="tons")) == "1 ton"
    assert format_value(KeyFigure("3 tons", 0, 1, "number", 3.0, unit="tons")) == "3 tons"
    assert format_value(KeyFigure("1 Gbit/s", 0, 1, "number", 1.0, unit="Gbit/s")) == "1 Gbit/s"


def test_snippet_cuts_at_words_around_the_figure():
    sentence = "Au début " + "mot " * 40 + "le chiffre de 20 milliards de dollars " + "suite " * 40 + "fin."
    snip = snippet(sentence, "20 milliards de dollars", width=80)
    assert "20 milliards de dollars" in snip and snip.startswith("…") and snip.endswith("…")
    assert all(w in ("mot", "suite", "le", "chiffre", "de", "20", "milliards", "dollars") for w in snip.strip("…").split())
    assert snippet("Short sentence.", "x") == "Short sentence."


# Article text, file names and model output are outside strings: never markup, never terminal controls.
MARKUP = "[/caption] [link=http://evil.example/]CLICK[/link] [bold red]x[/]"
CONTROLS = "\x1b]0;owned\x07\x1b[2J\x9b31m\u202eevil\u2066"
UNSAFE_CHARS = {chr(c) for c in UNSAFE}


def hostile_result(title: str, sentence: str, label: str, source: str = "a.txt") -> Result:
    text = f"{sentence} Revenue reached $20 billion."
    start = text.index("$20 billion")
    fig = KeyFigure(text="$20 billion", start=start, end=start + 11, kind="money", value=2e10, currency="USD", label=label, sentence=text)
    summary = Summary(sentences=(text,), language="en", method="extractive", model=label or None, highlights=((fig,),))
    return Result(source=source, article=Article(source=source, title=title, text=text, language="en"), summary=summary, figures=(fig,))


def wide(result: Result, fmt: str, task: str = "summarize", color: bool = False) -> str:
    return render(result, fmt, view(task), width=400, color=color)


@pytest.mark.parametrize("task", ["summarize", "extract", "figures"])
def test_rich_shows_markup_as_text(task):
    result = hostile_result(MARKUP, "Sentence " + MARKUP + ".", MARKUP, source=MARKUP)
    out = wide(result, "rich", task, color=True)
    assert "\x1b]8;" not in out  # no hidden hyperlink
    assert "[link=http://evil.example/]CLICK[/link]" in out


@pytest.mark.parametrize("fmt", ["rich", "plain", "markdown"])
@pytest.mark.parametrize("task", ["summarize", "extract", "figures"])
def test_controls_are_shown_not_obeyed(fmt, task):
    result = hostile_result("T" + CONTROLS, "Sentence" + CONTROLS + ".", "label" + CONTROLS, source="s" + CONTROLS)
    out = wide(result, fmt, task)
    assert not UNSAFE_CHARS & set(out)
    assert "\\x1b]0;owned\\x07" in out and "\\u202e" in out


def test_figures_stay_highlighted_next_to_escaped_controls():
    result = hostile_result("T", "\x1b[2J\x1b[2J Up", "l")
    out = wide(result, "rich", color=True)
    assert "\\x1b[2J\\x1b[2J Up" in out
    # The highlight covers the figure itself, not a span shifted by the longer escapes.
    assert "\x1b[1;33m$20 billion\x1b[0m" in out
    assert "**$20 billion**" in wide(result, "markdown")


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_keeps_the_text_exact_and_escaped(fmt):
    result = hostile_result("T" + CONTROLS, "S" + CONTROLS, "l")
    out = wide(result, fmt)
    assert not UNSAFE_CHARS & set(out)
    obj = json.loads(out)
    assert obj["title"] == "T" + CONTROLS and obj["summary"]["sentences"][0].startswith("S" + CONTROLS)


outside = st.text(st.one_of(st.sampled_from(list("[]/\\=:@#\x1b\x07\x9b\u202e\n")), st.characters(blacklist_categories=("Cs",))), max_size=80)


@settings(max_examples=60, deadline=None)
@given(title=outside, sentence=outside, label=outside, source=outside)
def test_any_outside_text_renders_as_text(title, sentence, label, source):
    result = hostile_result(title, sentence, label, source)
    for fmt in ("rich", "plain", "markdown"):
        for task in ("summarize", "extract", "figures"):
            out = wide(result, fmt, task)  # a MarkupError would raise here
            assert not UNSAFE_CHARS & set(out)
    assert json.loads(wide(result, "json"))["title"] == title


def test_header_names_the_authors_and_the_date() -> None:
    art = Article(source="a.html", title="T", text="x", language="fr", byline="Claire Martin, Paul Girard", date="2026-09-15T08:00:00+02:00")
    line = source_line(Result(source="a.html", article=art))
    assert "by Claire Martin, Paul Girard · 2026-09-15 08:00 · language: fr" in line
    assert "by " not in source_line(Result(source="a.txt", article=Article(source="a.txt", title=None, text="x", language="fr")))
