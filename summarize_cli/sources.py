"""Turn command-line arguments into sources: files, directories, globs, lists of paths and JSONL rows.

A source that cannot be expanded (an unmatched glob, an empty or unreadable folder, a name the system
refuses) becomes an :class:`Unreadable` item that carries its error: it is reported in its turn, as
one failed source, and the others run.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import BinaryIO, ContextManager, Union

from summarize_cli.errors import InputError, SummarizeError, TooLarge
from summarize_cli.options import DEFAULT_MAX_BYTES
from summarize_cli.schema import InputItem

Source = Union[str, InputItem]
# How SOURCE files are read: "auto" takes *.jsonl files as JSON Lines, "article" never does, "jsonl" always does.
INPUT_FORMATS = ("auto", "article", "jsonl")
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Unreadable(InputItem):
    """A source that failed while the arguments were expanded; reading it raises its error."""

    error: SummarizeError | None = None


class Sources:
    """The expanded sources in a stable order; JSONL files are read a line at a time as they are used."""

    def __init__(self, parts: list[Source | _Rows]) -> None:
        self._parts = parts

    def __len__(self) -> int:
        return sum(len(p) if isinstance(p, _Rows) else 1 for p in self._parts)

    def __iter__(self) -> Iterator[Source]:
        for part in self._parts:
            if isinstance(part, _Rows):
                yield from part
            else:
                yield part

    def named(self) -> list[str]:
        """The sources given by name (paths, URLs, ``-``), without reading any JSONL file."""
        return [p for p in self._parts if isinstance(p, str)]


def expand_sources(
    args: list[str],
    *,
    from_file: str | None = None,
    pattern: str = "*",
    input_format: str = "auto",
    files: list[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Sources:
    """Expand ``args`` (and ``--from-file``) into sources, in a stable order; ``files`` gets the lists and JSONL files read."""
    out: list[Source | _Rows] = []
    read = files if files is not None else []
    for arg in args:
        out.extend(_expand(arg, pattern, input_format, read, max_bytes))
    if from_file is not None:
        if from_file != "-":
            read.append(from_file)
        for line in _lines(from_file):
            out.extend(_expand(line, pattern, input_format, read, max_bytes))
    return Sources(out)


def _expand(arg: str, pattern: str, input_format: str, read: list[str], max_bytes: int) -> list[Source | _Rows]:
    # Whatever goes wrong with one argument is that argument's error, never the run's.
    try:
        return list(_expand_one(arg, pattern, input_format, read, max_bytes))
    except SummarizeError as exc:
        return [Unreadable(source=arg, text="", error=exc)]
    except OSError as exc:
        return [Unreadable(source=arg, text="", error=InputError(f"cannot read {arg}: {exc.strerror or exc}", "check the path and its permissions"))]


def _expand_one(arg: str, pattern: str, input_format: str, read: list[str], max_bytes: int) -> Iterator[Source | _Rows]:
    if "://" in arg:
        yield arg
        return
    if arg == "-":
        yield _Rows.from_stdin(max_bytes) if input_format == "jsonl" else arg
        return
    path = Path(arg).expanduser()
    if path.is_dir():
        if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
            raise InputError(f"--pattern {pattern!r} is not relative to the folder {arg}", "give a pattern such as '*.html' or 'sub/*.txt'")
        found = _files(path, ("**", *Path(pattern).parts), arg)
        if not found:
            raise InputError(f"no files matching {pattern!r} in {arg}", "check the folder, or set --pattern")
        for p in found:
            yield from _expand(p, pattern, input_format, read, max_bytes) if isinstance(p, str) else [p]
        return
    if not path.exists() and _GLOB_CHARS & set(arg):
        parts = path.parts
        first = next(i for i, part in enumerate(parts) if _GLOB_CHARS & set(part))
        found = _files(Path(*parts[:first]) if first else Path(), parts[first:], arg)
        if not found:
            raise InputError(f"no file matches {arg}", "check the pattern")
        for p in found:
            yield from _expand(p, pattern, input_format, read, max_bytes) if isinstance(p, str) else [p]
        return
    if input_format == "jsonl" or (input_format == "auto" and path.suffix.lower() in (".jsonl", ".ndjson")):
        if not path.is_file():
            yield arg  # reported as missing by the reader
            return
        read.append(str(path))
        yield _Rows(path, path.name, max_bytes)
        return
    yield arg


def _files(base: Path, parts: tuple[str, ...], arg: str) -> list[str | Unreadable]:
    """Regular files under ``base`` matching glob ``parts``, each real file once, sorted; unreadable folders as errors.

    Folders and globs share it: ``**`` never descends through a linked folder (no loops), FIFOs, devices
    and sockets are never taken (a FIFO would block the run), hidden names only match a pattern that
    starts with a dot.
    """
    # One name per real file: the first met, unless a later one is the file itself rather than a link to it.
    seen: dict[tuple[int, int], int] = {}
    files: list[str] = []
    errors: list[Unreadable] = []

    def listing(folder: Path) -> list[os.DirEntry[str]]:
        try:
            with os.scandir(folder) as it:
                return sorted(it, key=lambda e: e.name)
        except OSError as exc:
            if folder != base:
                errors.append(Unreadable(source=str(folder), text="", error=InputError(
                    f"cannot read folder {folder} (matched by {arg}): {exc.strerror or exc}", "check its permissions")))
            elif not isinstance(exc, (FileNotFoundError, NotADirectoryError)):
                raise
            return []

    def walk(folder: Path, rest: tuple[str, ...]) -> None:
        if not rest:
            try:
                st = os.stat(folder)
            except OSError:
                return  # a dangling link: nothing to read
            if not stat.S_ISREG(st.st_mode):
                return
            key = (st.st_dev, st.st_ino)
            if key not in seen:
                seen[key] = len(files)
                files.append(str(folder))
            elif os.path.islink(files[seen[key]]) and not os.path.islink(folder):
                files[seen[key]] = str(folder)
            return
        head, tail = rest[0], rest[1:]
        if head == "**":
            walk(folder, tail)
            for entry in listing(folder):
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    walk(folder / entry.name, rest)
                elif not tail:  # a trailing ** matches the files too
                    walk(folder / entry.name, ())
        elif not _GLOB_CHARS & set(head):
            walk(folder / head, tail)
        else:
            for entry in listing(folder):
                if (head.startswith(".") or not entry.name.startswith(".")) and fnmatchcase(entry.name, head):
                    walk(folder / entry.name, tail)

    walk(base, parts)
    return [*sorted(files), *errors]


class _Rows:
    """The rows of one JSONL file (or of stdin, spooled to a temporary file), read one line at a time."""

    def __init__(self, path: Path | None, name: str, cap: int, stream: BinaryIO | None = None) -> None:
        self.path, self.name, self.cap, self.stream = path, name, cap, stream
        with self._open() as fh:
            self._count = sum(1 for line in _capped_lines(fh, cap) if line is None or line.strip())

    @classmethod
    def from_stdin(cls, cap: int) -> _Rows:
        """Standard input's rows: spooled to disk, so they are counted and read without holding them in memory."""
        spool = tempfile.TemporaryFile()
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None:  # a text stand-in (tests, embedding programs)
            spool.write(sys.stdin.read().encode("utf-8", "surrogatepass"))
        else:
            while chunk := stdin.read(1 << 20):
                spool.write(chunk)
        return cls(None, "stdin", cap, stream=spool)

    def _open(self) -> ContextManager[BinaryIO]:
        if self.stream is None:
            assert self.path is not None
            return self.path.open("rb")
        self.stream.seek(0)
        # the spooled stream is read twice (counted, then parsed): used without being closed
        return nullcontext(self.stream)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[InputItem | str]:
        with self._open() as fh:
            yield from _jsonl(_capped_lines(fh, self.cap), self.name, self.cap)


def _capped_lines(fh: BinaryIO, cap: int) -> Iterator[bytes | None]:
    """Each line of ``fh``, or None for a line over ``cap`` bytes (skipped without holding it)."""
    while True:
        line = fh.readline(cap + 2)
        if not line:
            return
        if len(line) > cap + 1 or (len(line) == cap + 1 and not line.endswith(b"\n")):
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield None
            continue
        yield line


def _lines(from_file: str) -> Iterator[str]:
    if from_file == "-":
        lines = list(sys.stdin)
    else:
        try:
            lines = Path(from_file).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as exc:
            raise InputError(f"cannot read the list of sources {from_file}: {exc.strerror or exc}", "check --from-file") from None
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def _jsonl(lines: Iterator[bytes | None], name: str, cap: int) -> Iterator[InputItem | str]:
    lineno = 0
    for raw in lines:
        lineno += 1
        where = f"{name}:{lineno}"
        if raw is None:
            error = TooLarge(f"{where} is longer than {cap:,} bytes", "raise the limit with --max-bytes, or split that line")
            yield Unreadable(source=where, text="", error=error)
            continue
        if not raw.strip():
            continue
        try:
            row = json.loads(raw.decode("utf-8", errors="replace"))
        except json.JSONDecodeError as exc:
            yield InputItem(source=where, text="", problem=f"invalid JSON ({exc.msg})")
            continue
        if isinstance(row, dict) and row.get("text") is None and isinstance(row.get("url"), str) and row["url"].startswith(("http://", "https://")):
            # a row with only a URL is fetched like a URL on the command line: a page, a PDF or a feed
            yield row["url"]
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            yield InputItem(source=where, text="", problem='each line needs an object with a "text" string, or a "url" to fetch')
            continue
        ident = row.get("id")
        source = str(ident) if ident not in (None, "") else str(row.get("url") or where)
        title, url = row.get("title"), row.get("url")
        yield InputItem(source=source, text=row["text"], title=title if isinstance(title, str) else None, url=url if isinstance(url, str) else None)
