"""Stage 7, render: results as rich, plain, markdown, JSON or JSON Lines.

Every string here comes from an article, a file name or a model: rich output builds ``Text`` objects (never
markup) and every format passes its text through ``terminal.safe`` (JSON through ``terminal.safe_json``).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, TextIO, Union

from summarize_cli.schema import KeyFigure, Quote, Result, TranslatedSentence
from summarize_cli.terminal import rich_text, safe, safe_json

if TYPE_CHECKING:
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.text import Text

# Where results go: a text stream, or a rich Console (the rich format builds one on a stream itself).
# rich is imported only for the rich format: JSON and plain output start ~25 ms faster without it.
Output = Union[TextIO, "Console"]

Format = Literal["rich", "plain", "markdown", "json", "jsonl"]
FORMATS: tuple[str, ...] = ("rich", "plain", "markdown", "json", "jsonl")

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥", "INR": "₹"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_HIGHLIGHT = "bold yellow"
# Side by side needs room for two readable columns; below this the source goes under its translation.
SIDE_BY_SIDE_WIDTH = 100
_QUALIFIERS = {"approximately": "about", "more than": "more than", "less than": "less than", "at least": "at least", "up to": "up to", "at most": "at most"}


def render(result: Result, fmt: Format, out: Output, task: str = "summarize", *, bilingual: bool = False) -> None:
    """Write one result to ``out`` in format ``fmt`` (errors only as JSON objects); ``bilingual`` shows sources too."""
    if fmt in ("json", "jsonl"):
        # The JSON always has both sides: translation.sentences[] pairs each source with its translation.
        stream = _stream(out)
        stream.write(_json(result.to_dict(), indent=2 if fmt == "json" else None))
        stream.flush()
        return
    if not result.ok or result.article is None:
        return
    if fmt == "rich":
        console = _console(out)
        if task == "translate":
            console.print(_rich_translation(result, bilingual, console.width))
        else:
            console.print(_rich(result, task, bilingual, console.width))
    else:
        stream = _stream(out)
        if task == "translate":
            text = _markdown_translation(result, bilingual) if fmt == "markdown" else _plain_translation(result, bilingual)
        else:
            text = _markdown(result, task, bilingual) if fmt == "markdown" else _plain(result, task, bilingual)
        stream.write(safe(text))
        stream.flush()


def render_json_array(results: Sequence[Result], out: Output) -> None:
    """Write several results as one JSON array."""
    stream = _stream(out)
    stream.write(_json([r.to_dict() for r in results], indent=2))
    stream.flush()


def _json(obj: object, indent: int | None) -> str:
    return safe_json(json.dumps(obj, ensure_ascii=False, indent=indent)) + "\n"


def _is_console(out: object) -> bool:
    # A Console can only exist once rich is imported: no need to import it to ask.
    rich_console = sys.modules.get("rich.console")
    return rich_console is not None and isinstance(out, rich_console.Console)


def _stream(out: Output) -> TextIO:
    return out.file if _is_console(out) else out  # type: ignore[union-attr,return-value]


def _console(out: Output) -> Console:
    if _is_console(out):
        return out  # type: ignore[return-value]
    from rich.console import Console

    return Console(file=out, highlight=False)  # type: ignore[arg-type]


def format_value(fig: KeyFigure) -> str:
    """Human-readable value of a figure, e.g. ``about $1.4 trillion`` or ``12.5%``."""
    if fig.value is None or fig.kind == "date":
        return fig.text
    qualifier = (fig.note or "").split(";")[0].strip()
    prefix = _QUALIFIERS.get(qualifier, "")
    return f"{prefix} {_bare_value(fig)}" if prefix else _bare_value(fig)


def _bare_value(fig: KeyFigure) -> str:
    assert fig.value is not None
    if fig.kind == "percent":
        return f"{_num(fig.value)}%" if fig.unit in (None, "%") else f"{_num(fig.value)} {fig.unit}"
    if fig.kind == "duration":
        unit = fig.unit or ""
        # "1 years" reads wrong; the parser's units are plural English nouns.
        if fig.value == 1 and unit.endswith("s"):
            unit = unit[:-1]
        return f"{_num(fig.value)} {unit}".strip()
    amount = _fraction(fig.value) or _scaled(fig.value)
    if fig.kind == "money":
        if abs(fig.value) < 1e6 and not float(fig.value).is_integer() and round(fig.value, 2) == fig.value:
            amount = f"{fig.value:,.2f}"  # a price keeps its cents: "2,10 €" is €2.10, not €2.1
        # a bare "$" whose country is unknown (note "USD?") is still written as the article wrote it
        sym = _SYMBOLS.get(fig.currency or "") or ("$" if fig.currency is None and "USD?" in (fig.note or "") else None)
        money = f"{sym}{amount}" if sym else f"{amount} {fig.currency or ''}".strip()
        if fig.unit and "/" in fig.unit:
            # "£/MWh" after "£58.87" reads "£58.87/MWh".
            return money + fig.unit[fig.unit.index("/"):]
        return f"{money} {fig.unit}" if fig.unit else money
    return f"{amount} {fig.unit}" if fig.unit else amount


def _fraction(v: float) -> str | None:
    """ "un tiers" is 1/3, not 0.3333: a value that is a simple fraction with no short decimal."""
    for d in (3, 6, 7, 9, 12):
        n = v * d
        if abs(v) < 1 and abs(n - round(n)) < 1e-9 and round(v, 4) != v:
            return f"{round(n)}/{d}"
    return None


def _num(v: float) -> str:
    if float(v).is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.4f}".rstrip("0").rstrip(".")


def _scaled(v: float) -> str:
    for size, word in _SCALES:
        if abs(v) >= size:
            return f"{v / size:.4g} {word}"
    return _num(v)


def _key_figures(result: Result) -> list[KeyFigure]:
    # The pipeline chose and ranked them (Options.figures); a Result built by hand shows every distinct one.
    from summarize_cli.figures import key_figures

    shown = result.key_figures or key_figures(result.figures, None)
    return [result.figures[i] for i in shown if 0 <= i < len(result.figures)]


def _more(result: Result) -> str | None:
    hidden = len(_unique(result)) - len(_key_figures(result))
    return f"{hidden} more: --figures all, or --format json for every figure" if hidden > 0 else None


def _unique(result: Result) -> tuple[int, ...]:
    from summarize_cli.figures import key_figures

    return key_figures(result.figures, None)


def _header_line(result: Result) -> str:
    art = result.article
    assert art is not None
    bits = [f"source: {result.source}"]
    # who wrote it and when: what a journalist cites next to a figure or a quote
    if art.byline:
        bits.append(f"by {art.byline}")
    if art.date:
        bits.append(art.date.replace("T", " ")[:16])
    bits.append(f"language: {art.language}")
    if result.summary is not None:
        s = result.summary
        bits.append(f"summary: {s.method}" + (f" ({s.model})" if s.model else "") + f", {s.language}")
    if result.translation is not None:
        bits.append(f"translated from {result.translation.source_language} by {result.translation.model}")
    return " · ".join(bits)


def _mark(t: TranslatedSentence, source_language: str) -> str | None:
    """What a reader must know about one translated sentence: kept in the source language, or its figures changed."""
    if t.note:
        return f"not translated ({t.note}): left in {source_language}"
    return None if t.figures_ok else "figures changed in translation"


def _marks(result: Result) -> list[str | None]:
    if result.translation is None or result.summary is None:
        return [None] * (len(result.summary.sentences) if result.summary else 0)
    return [_mark(t, result.translation.source_language) for t in result.translation.sentences]


def _sources(result: Result) -> list[str | None]:
    """Each summary sentence's original, when the summary was translated."""
    if result.translation is None or result.summary is None:
        return [None] * (len(result.summary.sentences) if result.summary else 0)
    return [t.source for t in result.translation.sentences]


def _source_tag(result: Result) -> str:
    return f"[{result.translation.source_language}]" if result.translation else "[original]"


def _paragraphs(result: Result) -> list[list[TranslatedSentence]]:
    """The translated sentences of the translate command, grouped by the source paragraph they belong to."""
    assert result.translation is not None
    groups: dict[int, list[TranslatedSentence]] = {}
    for t in result.translation.sentences:
        groups.setdefault(t.paragraph, []).append(t)
    return [groups[k] for k in sorted(groups)]


def _plain_translation(result: Result, bilingual: bool) -> str:
    art = result.article
    assert art is not None
    lines: list[str] = []
    if art.title:
        lines.append(art.title)
    if bilingual and art.title_source:
        lines.append(f"{_source_tag(result)} {art.title_source}")
    lines += [_header_line(result), ""]
    if result.translation is None:  # already in the target language
        return "\n".join(lines + [p + "\n" for p in art.text.split("\n")]).rstrip("\n") + "\n"
    src, dst = _source_tag(result), f"[{result.translation.target_language}]"
    for group in _paragraphs(result):
        text = " ".join(t.text + (f" [{m}]" if (m := _mark(t, result.translation.source_language)) else "") for t in group)
        if bilingual:
            lines += [f"{src} " + " ".join(t.source for t in group), f"{dst} {text}", ""]
        else:
            lines += [text, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _markdown_translation(result: Result, bilingual: bool) -> str:
    art = result.article
    assert art is not None
    out: list[str] = []
    if art.title:
        out += [f"# {art.title}", ""]
    if bilingual and art.title_source:
        out += [f"> {_source_tag(result)} {art.title_source}", ""]
    out += [f"*{_header_line(result)}*", ""]
    if result.translation is None:
        return "\n".join(out + [p + "\n" for p in art.text.split("\n")]).rstrip("\n") + "\n"
    for group in _paragraphs(result):
        text = " ".join(t.text + (f" ⚠ *{m}*" if (m := _mark(t, result.translation.source_language)) else "") for t in group)
        if bilingual:
            # The original as a quotation above its translation: GitHub and pandoc both render it apart.
            out += ["> " + " ".join(t.source for t in group), ""]
        out += [text, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _rich_translation(result: Result, bilingual: bool, width: int) -> Group:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    art = result.article
    assert art is not None
    parts: list = []
    if art.title:
        parts.append(rich_text(art.title, style="bold"))
    if bilingual and art.title_source:
        parts.append(rich_text(art.title_source, style="dim"))
    parts.append(rich_text(_header_line(result), style="dim"))
    if result.translation is None:
        for p in art.text.split("\n"):
            parts += [Text(""), rich_text(p)]
        return Group(*parts)
    lang = result.translation.source_language

    def translated(group: list[TranslatedSentence]) -> Text:
        line = Text()
        for n, t in enumerate(group):
            line.append(rich_text((" " if n else "") + t.text))
            mark = _mark(t, lang)
            if mark:
                line.append(f" ⚠ {mark}", style="bold red")
        return line

    groups = _paragraphs(result)
    if bilingual and width >= SIDE_BY_SIDE_WIDTH:
        table = Table(show_header=True, show_lines=True, expand=True, box=None, padding=(0, 2, 1, 0))
        table.add_column(rich_text(lang), style="dim", ratio=1)
        table.add_column(rich_text(result.translation.target_language), ratio=1)
        for group in groups:
            table.add_row(rich_text(" ".join(t.source for t in group)), translated(group))
        parts += [Text(""), table]
        return Group(*parts)
    for group in groups:
        parts.append(Text(""))
        if bilingual:
            parts.append(rich_text(" ".join(t.source for t in group), style="dim"))
        parts.append(translated(group))
    return Group(*parts)


def _pieces(sentence: str, figures: Sequence[KeyFigure]) -> list[tuple[str, bool]]:
    """``sentence`` cut into (text, is a figure) pieces, for formats that mark figures."""
    out, pos = [], 0
    for fig in sorted(figures, key=lambda f: f.start):
        if fig.start < pos or sentence[fig.start:fig.end] != fig.text:
            continue
        out += [(sentence[pos:fig.start], False), (fig.text, True)]
        pos = fig.end
    out.append((sentence[pos:], False))
    return out


def _marked(sentence: str, figures: Sequence[KeyFigure], left: str, right: str) -> str:
    return "".join(f"{left}{text}{right}" if figure else text for text, figure in _pieces(sentence, figures))


def _highlights(result: Result) -> list[Sequence[KeyFigure]]:
    s = result.summary
    assert s is not None
    return list(s.highlights) if len(s.highlights) == len(s.sentences) else [()] * len(s.sentences)


def _figure_row(fig: KeyFigure) -> tuple[str, str, str, str]:
    return (format_value(fig), fig.label or "", fig.text, " ".join((fig.sentence or "").split()))


def _plain(result: Result, task: str, bilingual: bool = False) -> str:
    art = result.article
    assert art is not None
    lines: list[str] = []
    if task == "extract":
        if art.title:
            lines += [art.title, ""]
        lines += [p + "\n" for p in art.text.split("\n")]
        return "\n".join(lines).rstrip("\n") + "\n"
    if task != "figures":
        if art.title:
            lines.append(art.title)
        if bilingual and art.title_source:
            lines.append(f"{_source_tag(result)} {art.title_source}")
        lines += [_header_line(result), ""]
        if result.summary is not None:
            lines.append("Summary")
            for sentence, mark, source in zip(result.summary.sentences, _marks(result), _sources(result)):
                lines.append(f"- {sentence}" + (f"  [{mark}]" if mark else ""))
                if bilingual and source is not None:
                    lines.append(f"  {_source_tag(result)} {source}")
            lines.append("")
        lines.append("Quotes" if task == "quotes" else "Key figures")
    if task == "quotes":
        lines += [f"- {_quote_line(q)}" for q in _shown_quotes(result)] or ["- no quotations found"]
        return "\n".join(lines) + "\n"
    for fig in _key_figures(result):
        value, label, text, sentence = _figure_row(fig)
        lines.append(f"- {value}" + (f" — {label}" if label else "") + f" ({fig.kind}: “{text}”)")
    if not _unique(result):
        lines.append("- none found")
    elif more := _more(result):
        lines.append(f"- ({more})")
    if task == "summarize" and result.key_quotes:
        lines += ["", "Quotes"] + [f"- {_quote_line(q)}" for q in _shown_quotes(result)]
    return "\n".join(lines) + "\n"


def _shown_quotes(result: Result) -> list[Quote]:
    return [result.quotes[i] for i in result.key_quotes if 0 <= i < len(result.quotes)]


def _speaker(q: Quote) -> str:
    if not q.speaker:
        return "unattributed"
    if not q.pronoun:
        return q.speaker
    # "a-t-il ajouté" -> il; "she said" keeps no pronoun in the verb
    said = re.search(r"-(?:t-)?([^\W\d_]+)", q.verb or "")
    return f"{q.speaker} (“{said.group(1)}”: last named speaker)" if said else f"{q.speaker} (pronoun: last named speaker)"


def _quote_line(q: Quote) -> str:
    original = f" [original: “{q.source}”]" if q.source and q.source != q.text else ""
    changed = "" if q.figures_ok else "  [figures changed in translation]"
    return f"“{q.text}” — {_speaker(q)}" + (f" ({q.verb})" if q.verb and not q.pronoun else "") + original + changed


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(result: Result, task: str, bilingual: bool = False) -> str:
    art = result.article
    assert art is not None
    out: list[str] = []
    if art.title:
        out += [f"# {art.title}", ""]
    if bilingual and art.title_source and task != "extract":
        out += [f"> {_source_tag(result)} {art.title_source}", ""]
    if task == "extract":
        out += [p + "\n" for p in art.text.split("\n")]
        return "\n".join(out).rstrip("\n") + "\n"
    if task != "figures":
        out += [f"*{_header_line(result)}*", ""]
        if result.summary is not None:
            out += ["## Summary", ""]
            for sentence, figs, mark, source in zip(result.summary.sentences, _highlights(result), _marks(result), _sources(result)):
                out.append("- " + _marked(sentence, figs, "**", "**") + (f" ⚠ *{mark}*" if mark else ""))
                if bilingual and source is not None:
                    out.append(f"  > {_source_tag(result)} {source}")
            out.append("")
        out += ["## Quotes" if task == "quotes" else "## Key figures", ""]
    if task == "quotes":
        out += [f"- {_md_cell(_quote_line(q))}" for q in _shown_quotes(result)] or ["- no quotations found"]
        return "\n".join(out) + "\n"
    out += ["| Value | Refers to | As written | Sentence |", "|---|---|---|---|"]
    for fig in _key_figures(result):
        out.append("| " + " | ".join(_md_cell(c) for c in _figure_row(fig)) + " |")
    if more := _more(result):
        out += ["", f"*{_md_cell(more)}*"]
    if task == "summarize" and result.key_quotes:
        out += ["", "## Quotes", ""] + [f"- {_md_cell(_quote_line(q))}" for q in _shown_quotes(result)]
    return "\n".join(out) + "\n"


def _rich(result: Result, task: str, bilingual: bool = False, width: int = 80) -> Group | Panel | Text:
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    art = result.article
    assert art is not None
    parts: list = []
    if task == "extract":
        if art.title:
            parts.append(rich_text(art.title, style="bold"))
        for p in art.text.split("\n"):
            parts += [Text(""), rich_text(p)]
        return Group(*parts)
    if task != "figures":
        if result.summary is not None:
            # A grid keeps wrapped lines indented under their bullet.
            side = bilingual and result.translation is not None and width >= SIDE_BY_SIDE_WIDTH
            body = Table.grid(padding=(0, 1))
            body.add_column(no_wrap=True)
            body.add_column(ratio=1)
            if side:
                body.add_column(ratio=1, style="dim")
            for sentence, figs, mark, source in zip(result.summary.sentences, _highlights(result), _marks(result), _sources(result)):
                # Built piece by piece: safe() may lengthen the text, so figure offsets cannot be reused.
                line = Text()
                for text, figure in _pieces(sentence, figs):
                    line.append(rich_text(text, style=_HIGHLIGHT if figure else ""))
                if mark:
                    line.append(f"  ⚠ {mark}", style="bold red")
                if side:
                    body.add_row(Text("•"), line, rich_text(source or ""))
                    continue
                if bilingual and source is not None:
                    line.append(rich_text(f"\n{_source_tag(result)} {source}", style="dim"))
                body.add_row(Text("•"), line)
            title = rich_text(art.title or result.source)
            if bilingual and art.title_source:
                title.append(rich_text(f" · {art.title_source}", style="dim"))
            parts.append(
                Panel(body, title=title, title_align="left", subtitle=rich_text(_header_line(result)), subtitle_align="left", border_style="cyan")
            )
    if task == "quotes" or (task == "summarize" and result.key_quotes):
        quotes = Table(title="Quotes", title_justify="left", show_lines=False, expand=False)
        quotes.add_column("Quote", overflow="fold")
        quotes.add_column("Speaker", style="bold")
        for q in _shown_quotes(result):
            said = rich_text(f"“{q.text}”")
            if q.source and q.source != q.text:
                said.append(rich_text(f"\n“{q.source}”", style="dim"))
            if not q.figures_ok:
                said.append("\n⚠ figures changed in translation", style="bold red")
            quotes.add_row(said, rich_text(_speaker(q)))
        if task == "quotes":
            parts.append(quotes if result.quotes else Text("No quotations found.", style="dim"))
            return Group(*parts)
    table = Table(title="Key figures", title_justify="left", show_lines=False, expand=False)
    table.add_column("Value", style=_HIGHLIGHT, no_wrap=True)
    table.add_column("Refers to")
    table.add_column("Sentence", style="dim", overflow="fold")
    rows = _key_figures(result)
    for fig in rows:
        value, label, _text, sentence = _figure_row(fig)
        table.add_row(rich_text(value), rich_text(label), rich_text(_snippet(sentence, fig.text)))
    if more := _more(result):
        table.caption = Text(more)
    parts.append(table if rows else Text("No key figures found.", style="dim"))
    if task == "summarize" and result.key_quotes:
        parts.append(quotes)
    return Group(*parts)


def _snippet(sentence: str, text: str, width: int = 140) -> str:
    """The part of a long sentence around ``text``, cut at word boundaries."""
    if len(sentence) <= width:
        return sentence
    at = max(0, sentence.find(text))
    start = max(0, min(at - width // 3, len(sentence) - width))
    end = min(len(sentence), start + width)
    if start:
        start = sentence.find(" ", start) + 1 or start
    if end < len(sentence):
        end = sentence.rfind(" ", start, end) if sentence.rfind(" ", start, end) > at + len(text) else end
    return ("…" if start else "") + sentence[start:end].strip() + ("…" if end < len(sentence) else "")
