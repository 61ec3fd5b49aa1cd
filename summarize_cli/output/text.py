"""Plain text and Markdown writers: one block per result, a separator between them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from summarize_cli.output import Stream, View
from summarize_cli.output.values import (
    distinct_figures, figure_row, highlights, key_figures, mark, more_figures, paragraphs, pieces, quote_line, shown_quotes, source_line,
    source_tag, summary_marks, summary_sources, translated_paragraphs,
)  # fmt: skip
from summarize_cli.schema import Result
from summarize_cli.terminal import safe

if TYPE_CHECKING:
    from summarize_cli.models import ModelInfo


def opens_with_source(result: Result, view: View) -> bool:
    """Whether a text block starts with the title and the source line (a summary, quotes, a translation, several results)."""
    return result.summary is not None or view.quotes or view.translated or view.several or result.feed is not None


class _TextWriter:
    """What plain and Markdown share: skip failures, separate results, write safe text."""

    separator = "\n"

    def __init__(self, stream: Stream, view: View, to_file: bool) -> None:
        self.stream, self.view = stream, view
        self._shown = 0

    def write(self, result: Result) -> None:
        """Write ``result``'s block (nothing for a failed source: its error is on stderr)."""
        if not result.ok or result.article is None:
            return
        if self._shown:
            self.stream.write(self.separator)
        self.stream.write(safe(self.text(result)))
        self.stream.flush()
        self._shown += 1

    def write_all(self, results: Sequence[Result], *, complete: bool) -> None:
        """Write each result in turn."""
        for result in results:
            self.write(result)

    def models(self, rows: Sequence[ModelInfo]) -> None:
        """The models table, as on a terminal (rich draws it)."""
        from summarize_cli.output.rich import RichWriter

        RichWriter(self.stream, self.view, False).models(rows)

    def text(self, result: Result) -> str:
        """The block of one result."""
        raise NotImplementedError

    def _mark(self, mark: str) -> str:
        """How a sentence's mark (figures changed, not translated) follows it."""
        raise NotImplementedError

    def _bilingual(self, result: Result, source: str, text: str) -> str:
        """A paragraph under its original, for --bilingual."""
        raise NotImplementedError

    def _paragraphs(self, result: Result) -> list[str]:
        """The article's paragraphs, or its translation's with their marks (and their originals with --bilingual)."""
        art = result.article
        assert art is not None
        groups = translated_paragraphs(result)
        if groups is None or result.translation is None:
            return [p + "\n" for p in paragraphs(art)]
        lang = result.translation.source_language
        out = []
        for group in groups:
            text = " ".join(t.text + (self._mark(m) if (m := mark(t, lang)) else "") for t in group)
            out.append(self._bilingual(result, " ".join(t.source for t in group), text) if self.view.bilingual else text + "\n")
        return out


class PlainWriter(_TextWriter):
    """Plain text: titles as lines, lists with dashes."""

    def text(self, result: Result) -> str:
        """The block of one result."""
        art, view = result.article, self.view
        assert art is not None
        lines: list[str] = []
        head = opens_with_source(result, view)
        if head:
            if art.title:
                lines.append(art.title)
            if view.bilingual and art.title_source:
                lines.append(f"{source_tag(result)} {art.title_source}")
            lines += [source_line(result), ""]
        elif view.body and art.title:
            lines += [art.title, ""]
        if result.summary is not None:
            lines.append("Summary")
            for sentence, m, source in zip(result.summary.sentences, summary_marks(result), summary_sources(result)):
                lines.append(f"- {sentence}" + (f"  [{m}]" if m else ""))
                if view.bilingual and source is not None:
                    lines.append(f"  {source_tag(result)} {source}")
            lines.append("")
        if view.body:
            return "\n".join(lines + self._paragraphs(result)).rstrip("\n") + "\n"
        if view.quotes:
            lines.append("Quotes")
            lines += [f"- {quote_line(q)}" for q in shown_quotes(result)] or ["- no quotations found"]
            return "\n".join(lines) + "\n"
        if view.figures:
            if head:
                lines.append("Key figures")
            figures = key_figures(result)
            for fig in figures:
                value, label, text, _sentence = figure_row(fig)
                lines.append(f"- {value}" + (f" — {label}" if label else "") + f" ({fig.kind}: “{text}”)")
            if not distinct_figures(result):
                lines.append("- none found")
            elif more := more_figures(result, len(figures)):
                lines.append(f"- ({more})")
        if result.key_quotes:
            lines += ["", "Quotes"] + [f"- {quote_line(q)}" for q in shown_quotes(result)]
        return "\n".join(lines) + "\n"

    def _mark(self, mark: str) -> str:
        return f" [{mark}]"

    def _bilingual(self, result: Result, source: str, text: str) -> str:
        assert result.translation is not None
        return f"{source_tag(result)} {source}\n[{result.translation.target_language}] {text}\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


class MarkdownWriter(_TextWriter):
    """Markdown: headings, figures in bold, a table of key figures; results apart by a rule."""

    separator = "\n---\n\n"

    def text(self, result: Result) -> str:
        """The block of one result."""
        art, view = result.article, self.view
        assert art is not None
        out: list[str] = []
        if art.title:
            out += [f"# {art.title}", ""]
        if view.bilingual and art.title_source:
            out += [f"> {source_tag(result)} {art.title_source}", ""]
        head = opens_with_source(result, view)
        if head:
            out += [f"*{source_line(result)}*", ""]
        if result.summary is not None:
            out += ["## Summary", ""]
            for sentence, figs, m, source in zip(result.summary.sentences, highlights(result), summary_marks(result), summary_sources(result)):
                out.append("- " + "".join(f"**{text}**" if figure else text for text, figure in pieces(sentence, figs)) + (f" ⚠ *{m}*" if m else ""))
                if view.bilingual and source is not None:
                    out.append(f"  > {source_tag(result)} {source}")
            out.append("")
        if view.body:
            return "\n".join(out + self._paragraphs(result)).rstrip("\n") + "\n"
        if view.quotes:
            out += ["## Quotes", ""]
            out += [f"- {_cell(quote_line(q))}" for q in shown_quotes(result)] or ["- no quotations found"]
            return "\n".join(out) + "\n"
        if view.figures:
            if head:
                out += ["## Key figures", ""]
            out += ["| Value | Refers to | As written | Sentence |", "|---|---|---|---|"]
            figures = key_figures(result)
            for fig in figures:
                out.append("| " + " | ".join(_cell(c) for c in figure_row(fig)) + " |")
            if more := more_figures(result, len(figures)):
                out += ["", f"*{_cell(more)}*"]
        if result.key_quotes:
            out += ["", "## Quotes", ""] + [f"- {_cell(quote_line(q))}" for q in shown_quotes(result)]
        return "\n".join(out) + "\n"

    def _mark(self, mark: str) -> str:
        return f" ⚠ *{mark}*"

    def _bilingual(self, result: Result, source: str, text: str) -> str:
        # The original as a quotation above its translation: GitHub and pandoc both render it apart.
        return f"> {source}\n\n{text}\n"

