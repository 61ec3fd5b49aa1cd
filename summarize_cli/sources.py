"""Turn command-line arguments into sources: files, directories, globs, lists of paths and JSONL rows."""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO, Union

from summarize_cli.errors import InputError
from summarize_cli.schema import InputItem

Source = Union[str, InputItem]
_GLOB_CHARS = set("*?[")


def expand_sources(
    args: list[str],
    *,
    from_file: str | None = None,
    pattern: str = "*",
    input_format: str = "auto",
    files: list[str] | None = None,
) -> list[Source]:
    """Expand ``args`` (and ``--from-file``) into sources, in a stable order; ``files`` gets the lists and JSONL files read."""
    out: list[Source] = []
    read = files if files is not None else []
    for arg in args:
        out.extend(_expand(arg, pattern, input_format, read))
    if from_file is not None:
        if from_file != "-":
            read.append(from_file)
        for line in _lines(from_file):
            out.extend(_expand(line, pattern, input_format, read))
    return out


def _expand(arg: str, pattern: str, input_format: str, read: list[str]) -> Iterator[Source]:
    if "://" in arg:
        yield arg
        return
    if arg == "-":
        if input_format == "jsonl":
            yield from _jsonl(sys.stdin, "stdin")
        else:
            yield arg
        return
    path = Path(arg).expanduser()
    if path.is_dir():
        # Hidden files and folders (.git, .DS_Store) are never articles.
        files = sorted(p for p in path.rglob(pattern) if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
        if not files:
            raise InputError(f"no files matching {pattern!r} in {arg}", "check the folder, or set --pattern")
        for p in files:
            yield from _expand(str(p), pattern, input_format, read)
        return
    if not path.exists() and _GLOB_CHARS & set(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            raise InputError(f"no file matches {arg}", "check the pattern")
        for match in matches:
            yield from _expand(match, pattern, input_format, read)
        return
    if input_format == "jsonl" or (input_format == "auto" and path.suffix.lower() in (".jsonl", ".ndjson")):
        if not path.is_file():
            yield arg  # reported as missing by the reader
            return
        read.append(str(path))
        with path.open(encoding="utf-8", errors="replace") as fh:
            yield from _jsonl(fh, path.name)
        return
    yield arg


def _lines(from_file: str) -> Iterator[str]:
    if from_file == "-":
        stream: TextIO = sys.stdin
        lines = list(stream)
    else:
        try:
            lines = Path(from_file).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as exc:
            raise InputError(f"cannot read the list of sources {from_file}: {exc.strerror or exc}", "check --from-file") from None
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def _jsonl(stream: TextIO, name: str) -> Iterator[InputItem]:
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputItem(source=where, text="", problem=f"invalid JSON ({exc.msg})")
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            yield InputItem(source=where, text="", problem='each line needs an object with a "text" string')
            continue
        ident = row.get("id")
        source = str(ident) if ident not in (None, "") else str(row.get("url") or where)
        title, url = row.get("title"), row.get("url")
        yield InputItem(source=source, text=row["text"], title=title if isinstance(title, str) else None, url=url if isinstance(url, str) else None)
