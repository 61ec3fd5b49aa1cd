"""The rich writer: panels and tables on a terminal (the only module that imports rich for results)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, cast

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich import box
from rich.table import Table
from rich.text import Text

from summarize_cli.output import Stream, View
from summarize_cli.output.values import (
    figure_row, highlights, key_figures, mark, more_figures, paragraphs, pieces, shown_quotes, snippet, source_line, source_tag, speaker, summary_marks,
    summary_sources, translated_paragraphs,
)  # fmt: skip
from summarize_cli.schema import Quote, Result, TranslatedSentence
from summarize_cli.terminal import rich_text

if TYPE_CHECKING:
    from summarize_cli.models import ModelInfo

HIGHLIGHT = "bold yellow"
# Side by side needs room for two readable columns; below this the source goes under its translation.
SIDE_BY_SIDE_WIDTH = 100
# Files get a fixed width: the same output wherever the run was started.
FILE_WIDTH = 100


def console(stream: Stream, *, for_file: bool) -> Console:
    """A rich Console on ``stream``: for a file, fixed width and no colours; else colours if it is a terminal."""
    # Any text stream will do: rich only writes and flushes it (and asks isatty, which guarded streams pass on).
    file = cast(IO[str], stream)
    if not for_file:
        return Console(file=file, highlight=False)
    return Console(file=file, force_terminal=False, no_color=True, width=FILE_WIDTH, highlight=False)


class RichWriter:
    """Rich output: a panel with the summary, tables of figures and quotes; results apart by a rule."""

    def __init__(self, stream: Stream, view: View, to_file: bool) -> None:
        self.console, self.view = console(stream, for_file=to_file), view
        self._shown = 0

    def write(self, result: Result) -> None:
        """Print ``result`` (nothing for a failed source: its error is on stderr)."""
        if not result.ok or result.article is None:
            return
        if self._shown:
            self.console.print(Rule())
        self.console.print(self.renderable(result))
        self._shown += 1

    def write_all(self, results: Sequence[Result], *, complete: bool) -> None:
        """Print each result in turn."""
        for result in results:
            self.write(result)

    def models(self, rows: Sequence[ModelInfo]) -> None:
        """The models table."""
        from summarize_cli.models import human_size

        # An id is what the user copies into --translation-model or `models pull`: never cut, even at 80 columns;
        # the description wraps instead, and size and CTranslate2 share the "installed" cell to leave it room.
        table = Table(title="Models", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("name", no_wrap=True)
        table.add_column("task", no_wrap=True)
        table.add_column("installed", no_wrap=True)
        table.add_column("description", ratio=1, min_width=10)
        for r in rows:
            installed = " · ".join(["yes", human_size(r.size_bytes), *(["ct2"] if r.ct2 else [])]) if r.installed else "no"
            # Names come from folder names in the model cache: text, never markup.
            table.add_row(*map(rich_text, (r.name, r.task or "", installed, r.description or "")))
        self.console.print(table)

    def renderable(self, result: Result) -> RenderableType:
        """What one result shows."""
        art, view = result.article, self.view
        assert art is not None
        parts: list[RenderableType] = []
        # The panel of a summary says where it comes from; other views say it in a line under the title.
        head = result.summary is None and (view.translated or view.several or result.feed is not None)
        if view.body or head:
            if art.title:
                parts.append(rich_text(art.title, style="bold"))
            if view.bilingual and art.title_source:
                parts.append(rich_text(art.title_source, style="dim"))
            if head:
                parts.append(rich_text(source_line(result), style="dim"))
        if view.body:
            return Group(*parts, *self._paragraphs(result))
        if head:
            parts.append(Text(""))
        if result.summary is not None:
            parts.append(self._summary(result))
        if view.quotes:
            parts.append(_quotes(shown_quotes(result)) if result.quotes else Text("No quotations found.", style="dim"))
            return Group(*parts)
        if view.figures:
            parts.append(_figures(result))
        if result.key_quotes:
            parts.append(_quotes(shown_quotes(result)))
        return Group(*parts)

    def _summary(self, result: Result) -> Panel:
        art, summary, bilingual = result.article, result.summary, self.view.bilingual
        assert art is not None and summary is not None
        # A grid keeps wrapped lines indented under their bullet.
        side = bilingual and result.translation is not None and self.console.width >= SIDE_BY_SIDE_WIDTH
        body = Table.grid(padding=(0, 1))
        body.add_column(no_wrap=True)
        body.add_column(ratio=1)
        if side:
            body.add_column(ratio=1, style="dim")
        for sentence, figs, m, source in zip(summary.sentences, highlights(result), summary_marks(result), summary_sources(result)):
            # Built piece by piece: safe() may lengthen the text, so figure offsets cannot be reused.
            line = Text()
            for text, figure in pieces(sentence, figs):
                line.append(rich_text(text, style=HIGHLIGHT if figure else ""))
            if m:
                line.append(f"  ⚠ {m}", style="bold red")
            if side:
                body.add_row(Text("•"), line, rich_text(source or ""))
                continue
            if bilingual and source is not None:
                line.append(rich_text(f"\n{source_tag(result)} {source}", style="dim"))
            body.add_row(Text("•"), line)
        title = rich_text(art.title or result.source)
        if bilingual and art.title_source:
            title.append(rich_text(f" · {art.title_source}", style="dim"))
        return Panel(body, title=title, title_align="left", subtitle=rich_text(source_line(result)), subtitle_align="left", border_style="cyan")

    def _paragraphs(self, result: Result) -> list[RenderableType]:
        art = result.article
        assert art is not None
        groups = translated_paragraphs(result)
        if groups is None or result.translation is None:
            return [line for p in paragraphs(art) for line in (Text(""), rich_text(p))]
        lang, target = result.translation.source_language, result.translation.target_language

        def translated(group: list[TranslatedSentence]) -> Text:
            line = Text()
            for n, t in enumerate(group):
                line.append(rich_text((" " if n else "") + t.text))
                m = mark(t, lang)
                if m:
                    line.append(f" ⚠ {m}", style="bold red")
            return line

        if self.view.bilingual and self.console.width >= SIDE_BY_SIDE_WIDTH:
            table = Table(show_header=True, show_lines=True, expand=True, box=None, padding=(0, 2, 1, 0))
            table.add_column(rich_text(lang), style="dim", ratio=1)
            table.add_column(rich_text(target), ratio=1)
            for group in groups:
                table.add_row(rich_text(" ".join(t.source for t in group)), translated(group))
            return [Text(""), table]
        out: list[RenderableType] = []
        for group in groups:
            out.append(Text(""))
            if self.view.bilingual:
                out.append(rich_text(" ".join(t.source for t in group), style="dim"))
            out.append(translated(group))
        return out


def _quotes(quotes: list[Quote]) -> Table:
    table = Table(title="Quotes", title_justify="left", show_lines=False, expand=False)
    table.add_column("Quote", overflow="fold")
    table.add_column("Speaker", style="bold")
    for q in quotes:
        said = rich_text(f"“{q.text}”")
        if q.source and q.source != q.text:
            said.append(rich_text(f"\n“{q.source}”", style="dim"))
        if not q.figures_ok:
            said.append("\n⚠ figures changed in translation", style="bold red")
        table.add_row(said, rich_text(speaker(q)))
    return table


def _figures(result: Result) -> RenderableType:
    rows = key_figures(result)
    if not rows:
        return Text("No key figures found.", style="dim")
    table = Table(title="Key figures", title_justify="left", show_lines=False, expand=False)
    table.add_column("Value", style=HIGHLIGHT, no_wrap=True)
    table.add_column("Refers to")
    table.add_column("Sentence", style="dim", overflow="fold")
    for fig in rows:
        value, label, _text, sentence = figure_row(fig)
        table.add_row(rich_text(value), rich_text(label), rich_text(snippet(sentence, fig.text)))
    if more := more_figures(result, len(rows)):
        table.caption = Text(more)
    return table
