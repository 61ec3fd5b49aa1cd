"""JSON and JSON Lines writers: the documented object of each result, exact text (controls as escapes)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from summarize_cli.output import Stream, View
from summarize_cli.schema import Result
from summarize_cli.terminal import safe_json

if TYPE_CHECKING:
    from summarize_cli.models import ModelInfo


def dumps(obj: object, indent: int | None) -> str:
    """``obj`` as one JSON text and a newline; DEL, C1 and bidi controls as ``\\u`` escapes."""
    return safe_json(json.dumps(obj, ensure_ascii=False, indent=indent)) + "\n"


class JsonWriter:
    """JSON: one object for one source, an array for several (or for a run that was stopped); failures included."""

    indent: int | None = 2

    def __init__(self, stream: Stream, view: View, to_file: bool) -> None:
        self.stream, self.view = stream, view

    def write(self, result: Result) -> None:
        """Write one result's object (the translation pairs each source with its translation: --bilingual changes nothing)."""
        self._put(result.to_dict())

    def write_all(self, results: Sequence[Result], *, complete: bool) -> None:
        """One object when the run had one source and finished, else an array."""
        if complete and not self.view.several and len(results) == 1:
            self.write(results[0])
        else:
            self._put([r.to_dict() for r in results])

    def models(self, rows: Sequence[ModelInfo]) -> None:
        """The models as an array of objects."""
        self._put([r.to_dict() for r in rows])

    def _put(self, obj: object) -> None:
        self.stream.write(dumps(obj, self.indent))
        self.stream.flush()


class JsonLinesWriter(JsonWriter):
    """JSON Lines: one object per line, written as each source finishes; failures included."""

    indent = None
