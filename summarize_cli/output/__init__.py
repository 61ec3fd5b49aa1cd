"""The output layer: one registry of formats, what each result shows (``View``), and the ``Writer`` every format is.

Adding a format is one module with a writer class and one ``register`` line below. ``sinks`` says where the
results go (stdout, a file, one file per article); ``values`` how figures, quotes and source lines read; ``text``,
``rich`` and ``json`` are the writers. Every string here comes from an article, a file name or a model: writers
pass it through ``terminal.safe`` (rich builds ``Text``, never markup; JSON uses ``terminal.safe_json``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from summarize_cli.models import ModelInfo
    from summarize_cli.schema import Result

__all__ = ["FORMATS", "Format", "Stream", "View", "Writer", "choose", "get", "register"]


class Stream(Protocol):
    """A text stream a writer writes to (stdout or a file, guarded: a failed write is an OutputError)."""

    def write(self, text: str, /) -> int:
        """Write ``text``."""
        ...

    def flush(self) -> None:
        """Flush what was written."""
        ...


@dataclass(frozen=True)
class View:
    """What every result of a run shows besides what it holds, decided once per run from what was computed."""

    body: bool = False  # the article's text: as cleaned, or translated paragraph by paragraph when the Result holds that
    figures: bool = False  # the key figures, "none found" included
    quotes: bool = False  # every quotation found, "none found" included (a summary shows its key ones anyway)
    translated: bool = False  # the text was to be translated: its source line says by which model, or the language it kept
    several: bool = False  # more than one source: each result opens with its title and source line
    bilingual: bool = False  # each translated sentence or paragraph with its original


class Writer(Protocol):
    """Results (or the `models list` rows) in one format on one stream."""

    def write(self, result: Result) -> None:
        """Write one result now, after a separator when it is not the first (formats that cannot show a failure skip it)."""
        ...

    def write_all(self, results: Sequence[Result], *, complete: bool) -> None:
        """Write a run's results at once, at its end; ``complete`` is False when the run was stopped before all were done."""
        ...

    def models(self, rows: Sequence[ModelInfo]) -> None:
        """Write the rows of `summarize models list`."""
        ...


# A writer on a stream; ``to_file`` says the stream is a file (fixed width, no colours), not the terminal's stdout.
Opener = Callable[[Stream, View, bool], Writer]


@dataclass(frozen=True)
class Format:
    """One output format, as ``--format`` names it."""

    name: str
    open: Opener
    suffix: str  # of its --output-dir files
    extensions: tuple[str, ...] = ()  # with --format auto, an -o FILE ending so is written in this format
    streaming: bool = True  # each result is written as it comes; else all of them at the end (one JSON array)
    per_article: str | None = None  # the format of its --output-dir files when another one (jsonl: one JSON object a file)


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> None:
    """Make ``fmt`` a choice of ``--format`` (and of ``-o`` names under ``auto``)."""
    FORMATS[fmt.name] = fmt


def get(name: str) -> Format:
    """The format called ``name``; KeyError when none is."""
    return FORMATS[name]


def choose(name: str, output: Path | None, stdout_tty: bool) -> Format:
    """The format of ``--format name``: ``auto`` is the -o file's by its extension (else plain), rich on a terminal, else plain."""
    if name != "auto":
        return FORMATS[name]
    if output is not None:
        suffix = output.suffix.lower()
        return next((f for f in FORMATS.values() if suffix in f.extensions), FORMATS["plain"])
    return FORMATS["rich" if stdout_tty else "plain"]


def _lazy(module: str, name: str) -> Opener:
    # A writer's module is imported when the format is used: rich costs ~25 ms of start-up that JSON never pays.
    def open_writer(stream: Stream, view: View, to_file: bool) -> Writer:
        writer: Opener = getattr(import_module(f"summarize_cli.output.{module}"), name)
        return writer(stream, view, to_file)

    return open_writer


register(Format("rich", _lazy("rich", "RichWriter"), ".txt"))
register(Format("plain", _lazy("text", "PlainWriter"), ".txt"))
register(Format("markdown", _lazy("text", "MarkdownWriter"), ".md", (".md", ".markdown")))
register(Format("json", _lazy("json", "JsonWriter"), ".json", (".json",), streaming=False))
register(Format("jsonl", _lazy("json", "JsonLinesWriter"), ".jsonl", (".jsonl", ".ndjson"), per_article="json"))
