"""Where results go: stdout, one file or one file per article; files written whole or not at all, never over an input or through a link."""

from __future__ import annotations

import errno
import io
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from dataclasses import replace
from typing import Protocol

from summarize_cli.errors import OutputConflict, OutputError
from summarize_cli.output import Format, Stream, View, get
from summarize_cli.schema import Result
from summarize_cli.terminal import Guarded, guarded_stdout, safe

# Most file systems allow 255 bytes per name; this leaves room for "-12" and ".json".
MAX_NAME_BYTES = 200


class Inputs:
    """The files a run reads, by identity (device and inode): hard links and other spellings match too."""

    def __init__(self, paths: Iterable[str | os.PathLike[str]]) -> None:
        self._ids: set[tuple[int, int]] = set()
        for path in paths:
            ident = _identity(path)
            if ident is not None:
                self._ids.add(ident)

    def refuse(self, target: str | os.PathLike[str], what: str) -> None:
        """Raise OutputConflict when writing ``target`` would replace one of the inputs."""
        ident = _identity(target)
        if ident is not None and ident in self._ids:
            raise OutputConflict(
                f"{what} {target} is also an input; it would be replaced by its own summary", "write the results to another file or folder"
            )


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


class AtomicFile:
    """A text file written under a temporary name in its folder, renamed into place by ``commit``."""

    def __init__(self, path: Path, *, overwrite: bool = True, devices: bool = False) -> None:
        # devices: a path the user named may be /dev/null, /dev/stdout or a FIFO, written in place.
        self.path = path
        self.overwrite = overwrite
        self.devices = devices
        self._temp: str | None = None
        self._raw: io.TextIOWrapper | None = None
        self.stream = Guarded(self._open(), str(path))

    def _open(self) -> io.TextIOWrapper:
        if self.devices and _is_special(self.path):
            # /dev/null, /dev/stdout, a FIFO: nothing to replace, and no folder of ours to rename in.
            try:
                self._raw = open(self.path, "w", encoding="utf-8", newline="\n")
            except OSError as exc:
                raise _error(self.path, exc) from None
            return self._raw
        if not self.overwrite and os.path.lexists(self.path):
            raise _exists(self.path)
        folder = self.path.parent
        # A short random name: the final one may already be at the file system's limit.
        self._temp = str(folder / f".summarize-{os.urandom(6).hex()}.tmp")
        try:
            fd = os.open(self._temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        except OSError as exc:
            self._temp = None
            raise _error(self.path, exc) from None
        try:
            # A replaced file keeps its permissions; a new one gets the umask's, as with open().
            st = os.lstat(self.path)
            if stat.S_ISREG(st.st_mode):
                os.chmod(fd, stat.S_IMODE(st.st_mode))
        except OSError:
            pass
        self._raw = open(fd, "w", encoding="utf-8", newline="\n")
        return self._raw

    def commit(self) -> None:
        """Flush and put the file in place (a link there is replaced, never followed); OutputError if not."""
        raw, self._raw = self._raw, None
        if raw is None:
            return
        try:
            raw.close()
        except OSError as exc:
            self._drop()
            raise _error(self.path, exc) from None
        if self._temp is None:
            return
        try:
            if self.overwrite:
                os.replace(self._temp, self.path)
            else:
                self._place_new()
        except OutputError:
            self._drop()
            raise
        except OSError as exc:
            self._drop()
            raise _error(self.path, exc) from None
        self._temp = None

    def _place_new(self) -> None:
        assert self._temp is not None
        try:
            # link() fails on any existing name, dangling links included, with no window between test and act.
            os.link(self._temp, self.path)
        except FileExistsError:
            raise _exists(self.path) from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
                raise
            # No hard links here (FAT, some network shares): test, then rename.
            if os.path.lexists(self.path):
                raise _exists(self.path) from None
            os.replace(self._temp, self.path)
            return
        os.unlink(self._temp)

    def discard(self) -> None:
        """Forget what was written; whatever was at the path stays as it was."""
        raw, self._raw = self._raw, None
        if raw is not None:
            try:
                raw.close()
            except OSError:
                pass
        self._drop()

    def _drop(self) -> None:
        if self._temp is not None:
            try:
                os.unlink(self._temp)
            except OSError:
                pass
            self._temp = None


# /dev/stdout and its kin are links into /proc/self/fd, whatever they point at now.
_STREAM_LINKS = re.compile(r"^/(?:dev/(?:stdout|stderr|fd/)|proc/)")


def _is_special(path: Path) -> bool:
    # Devices, FIFOs and the standard streams are written in place: there is nothing to replace.
    if _STREAM_LINKS.match(str(path)):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _error(path: Path, exc: OSError) -> OutputError:
    hints = {
        errno.ENOSPC: "free some space, or write elsewhere", errno.ENOENT: "create the folder first", errno.EACCES: "check the folder's permissions",
    }  # fmt: skip
    return OutputError(f"cannot write {path}: {exc.strerror or exc}", hints.get(exc.errno or 0, "write elsewhere"))


def _exists(path: Path) -> OutputConflict:
    return OutputConflict(f"{path} exists", "use --overwrite to replace it, or another --output-dir")


def file_name(base: str) -> str:
    """A file name from ``base``: word characters, dots and dashes only, at most MAX_NAME_BYTES in UTF-8."""
    name = re.sub(r"[^\w.-]+", "_", base).strip("._")
    # Cut by bytes, on a character boundary: 100 CJK characters are 300 bytes.
    return name.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore").rstrip("._") or "article"


class Sink(Protocol):
    """Where a run's results go."""

    to_stdout: bool

    def add(self, result: Result) -> OutputError | None:
        """Write or keep ``result``; an --output-dir file that could not be written comes back as its error."""
        ...

    def finish(self, *, interrupted: bool = False) -> None:
        """Write what was kept back and put the output in place."""
        ...

    def discard(self) -> None:
        """Leave the output as it was before the run (after a failure)."""
        ...


class _Streamed:
    """Results in one format on one stream: each written as it comes, or all at the end when the format is not streaming."""

    to_stdout = False

    def __init__(self, stream: Stream, fmt: Format, view: View, *, to_file: bool) -> None:
        self.fmt = fmt
        self.writer = fmt.open(stream, view, to_file)
        self._kept: list[Result] = []

    def add(self, result: Result) -> OutputError | None:
        """Write ``result`` now, or keep it for the end."""
        if self.fmt.streaming:
            self.writer.write(result)
        else:
            self._kept.append(result)
        return None

    def finish(self, *, interrupted: bool = False) -> None:
        """Write what was kept back (a JSON array)."""
        if not self.fmt.streaming:
            self.writer.write_all(self._kept, complete=not interrupted)

    def discard(self) -> None:
        """Nothing to undo: what reached a stream is gone."""


class Stdout(_Streamed):
    """Results on standard output."""

    to_stdout = True

    def __init__(self, fmt: Format, view: View) -> None:
        super().__init__(guarded_stdout(), fmt, view, to_file=False)


class File(_Streamed):
    """Results in one file (``-o``), put in place whole when the run ends."""

    def __init__(self, path: Path, fmt: Format, view: View, inputs: Inputs) -> None:
        # Refused before anything is read or written: the input is still whole.
        inputs.refuse(path, "the output file")
        self._file = AtomicFile(path, devices=True)
        super().__init__(self._file.stream, fmt, view, to_file=True)

    def finish(self, *, interrupted: bool = False) -> None:
        """Write what was kept back and put the file in place."""
        super().finish(interrupted=interrupted)
        self._file.commit()

    def discard(self) -> None:
        """Leave the file as it was before the run."""
        self._file.discard()


class Folder:
    """One file per article (``--output-dir``), named from its source; existing files kept unless ``overwrite``."""

    to_stdout = False

    def __init__(self, folder: Path, fmt: Format, view: View, inputs: Inputs, *, overwrite: bool = False) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _error(folder, exc) from None
        self.folder, self.overwrite, self._inputs = folder, overwrite, inputs
        # Each file holds one article: it opens as a lone result does, in the format made for one article a file.
        self.fmt = get(fmt.per_article or fmt.name)
        self.view = replace(view, several=False)
        self._names: set[str] = set()

    def add(self, result: Result) -> OutputError | None:
        """Write ``result``'s file (none for a failed source); its error when it cannot be written."""
        if not result.ok:
            return None
        stem = file_name(_base(result.source))
        name, n = stem, 2
        while name in self._names:
            name, n = f"{stem}-{n}", n + 1
        self._names.add(name)
        path = self.folder / (name + self.fmt.suffix)
        try:
            self._inputs.refuse(path, "the output")
            target = AtomicFile(path, overwrite=self.overwrite)
            try:
                self.fmt.open(target.stream, self.view, True).write(result)
                target.commit()
            except BaseException:
                target.discard()
                raise
        except OutputError as exc:
            return exc
        return None

    def finish(self, *, interrupted: bool = False) -> None:
        """Every file is in place as soon as it is written."""

    def discard(self) -> None:
        """Files written are whole: they stay."""


def open_sink(fmt: Format, view: View, inputs: Inputs, *, output: Path | None = None, output_dir: Path | None = None, overwrite: bool = False) -> Sink:
    """The sink for ``-o FILE``, ``--output-dir DIR`` or stdout; OutputError when it cannot be opened."""
    if output_dir is not None:
        return Folder(output_dir, fmt, view, inputs, overwrite=overwrite)
    if output is not None:
        return File(output, fmt, view, inputs)
    return Stdout(fmt, view)


def print_line(text: str) -> None:
    """One line of outside text (a path) on stdout, terminal-safe."""
    stream = guarded_stdout()
    stream.write(safe(text) + "\n")
    stream.flush()


def _base(source: str) -> str:
    if "://" in source:
        from urllib.parse import urlsplit

        parts = urlsplit(source)
        return (parts.hostname or "url") + "-" + (parts.path.strip("/").replace("/", "-") or "index")
    if source == "-":
        return "stdin"
    return Path(source).stem or Path(source).name
