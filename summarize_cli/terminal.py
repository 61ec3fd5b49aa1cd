"""The terminal side of the output layer: safe text, messages on stderr, guarded streams, stop signals."""

from __future__ import annotations

import logging
import os
import re
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from summarize_cli.errors import ExitCode, InputError, Interrupted, OutputError, PipeClosed

# Characters a terminal acts on instead of showing: C0 controls but tab and newline (ESC starts the
# sequences that retitle windows, clear screens and forge hyperlinks; CR and backspace overwrite what
# was printed), DEL, the C1 controls (0x9b is a one-character CSI on many terminals) and the bidi
# embeddings, overrides and isolates that make a line display in another order than it reads.
UNSAFE = (
    *range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0),
    *range(0x202A, 0x202F), *range(0x2066, 0x206A),
)  # fmt: skip
# Shown as the escape a programmer would type: unambiguous, ASCII, and the same in every font.
_VISIBLE = {c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" for c in UNSAFE}
_VISIBLE_LINE = {**_VISIBLE, 0x0A: "\\n"}
_FOUND = re.compile("[" + "".join(re.escape(chr(c)) for c in UNSAFE) + "]")
_FOUND_LINE = re.compile("[\n" + "".join(re.escape(chr(c)) for c in UNSAFE) + "]")
# JSON escapes C0 itself; the rest get \\u escapes, so that decoded strings stay exactly the article's.
_JSON = {c: f"\\u{c:04x}" for c in UNSAFE if c >= 0x7F}
_FOUND_JSON = re.compile("[" + "".join(re.escape(chr(c)) for c in _JSON) + "]")


def safe(text: str, *, one_line: bool = False) -> str:
    """``text`` with every character a terminal would act on shown as an escape (``\\x1b``, ``\\u202e``)."""
    found, table = (_FOUND_LINE, _VISIBLE_LINE) if one_line else (_FOUND, _VISIBLE)
    # Most text holds none: one regex scan, no copy.
    return text.translate(table) if found.search(text) else text


def safe_json(serialized: str) -> str:
    """JSON text with DEL, C1 and bidi controls written as ``\\u`` escapes: same data, harmless on a terminal."""
    return serialized.translate(_JSON) if _FOUND_JSON.search(serialized) else serialized


def rich_text(text: str, style: str = "") -> Any:
    """A rich ``Text`` of outside ``text``: never read as markup, terminal-safe."""
    from rich.text import Text

    return Text(safe(text), style=style)


def isatty(stream: Any) -> bool:
    """Whether ``stream`` is a terminal (False for closed or stand-in streams)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class Messages:
    """Progress, warnings and errors on stderr: one terminal-safe line each, rich only on a terminal."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.is_terminal = isatty(sys.stderr)
        self.console: Any = None
        if self.is_terminal:
            from rich.console import Console

            self.console = Console(stderr=True, highlight=False, soft_wrap=True)

    def error(self, text: str) -> None:
        """``summarize: error: text``, shown even with --quiet."""
        self._write("summarize: error: " + safe(text, one_line=True))

    def warning(self, text: str) -> None:
        """``summarize: warning: text``, unless --quiet."""
        if not self.quiet:
            self._write("summarize: warning: " + safe(text, one_line=True))

    def note(self, text: str, *, always: bool = False) -> None:
        """``summarize: text`` (counts, interruptions), unless --quiet and not ``always``."""
        if always or not self.quiet:
            self._write("summarize: " + safe(text, one_line=True))

    def block(self, text: str) -> None:
        """Several lines as they are, made safe (a traceback asked for with --traceback)."""
        self._write(safe(text.rstrip("\n")))

    def _write(self, line: str) -> None:
        try:
            if self.console is not None:
                from rich.text import Text

                self.console.print(Text(line))
            else:
                sys.stderr.write(line + "\n")
                sys.stderr.flush()
        except (OSError, ValueError, AttributeError):
            # stderr is closed or failing: nowhere is left to say it, and the exit code still does.
            pass


class _ToMessages(logging.Handler):
    """Log records of this package as warnings through Messages (safe, one line, --quiet respected)."""

    def __init__(self, messages: Messages) -> None:
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        """Show ``record`` as a warning, or as a notice when logged with ``extra={"notice": True}``."""
        try:
            if getattr(record, "notice", False):
                self.messages.note(record.getMessage())
            else:
                self.messages.warning(record.getMessage())
        except Exception:  # noqa: BLE001 - a malformed log call must not end a run
            self.handleError(record)


@contextmanager
def capture_logs(messages: Messages) -> Iterator[None]:
    """While inside, the package's log warnings (cache, Ray) go through ``messages``."""
    handler = _ToMessages(messages)
    logger = logging.getLogger("summarize_cli")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


class Guarded:
    """A text stream whose write failures raise OutputError, or PipeClosed when the reader went away."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream = stream
        self.name = name

    def write(self, text: str) -> int:
        """Write ``text``; a failure becomes an OutputError naming this stream."""
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise self._failure(exc) from None

    def flush(self) -> None:
        """Flush; a failure becomes an OutputError naming this stream."""
        try:
            self._stream.flush()
        except OSError as exc:
            raise self._failure(exc) from None

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._stream, attr)

    def _failure(self, exc: OSError) -> OutputError:
        if isinstance(exc, BrokenPipeError):
            return PipeClosed(f"{self.name}: the reader went away")
        return OutputError(f"cannot write to {self.name}: {exc.strerror or exc}", "free some space, or write elsewhere with -o FILE")


def guarded_stdout() -> Guarded:
    """The process's stdout, guarded; OutputError at once when it was closed (``>&-``)."""
    if sys.stdout is None or isinstance(sys.stdout, ClosedStream):
        raise OutputError("standard output is closed", "redirect it to a file, or write with -o FILE")
    return sys.stdout if isinstance(sys.stdout, Guarded) else Guarded(sys.stdout, "standard output")


def silence_stdout() -> None:
    """Point stdout's file descriptor at /dev/null: the interpreter's last flush of a dead stdout stays quiet."""
    # What the Python docs recommend for SIGPIPE: the unwritten buffer would fail again at exit.
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (an in-process runner's buffer): nothing will flush it at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


class ClosedStream:
    """Stands for a standard stream that was closed when the process started (``<&-``, ``>&-``)."""

    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def buffer(self) -> ClosedStream:
        """Itself: binary readers fail the same way."""
        return self

    def read(self, *args: object) -> str:
        """Fail: a closed stdin holds no article."""
        raise InputError(f"{self.name} is closed", "give a file or URL, or connect it: summarize - < article.txt")

    readline = read

    def __iter__(self) -> Iterator[str]:
        self.read()
        return iter(())

    def write(self, text: str) -> int:
        """Fail: what is written to a closed stdout would be lost."""
        raise OutputError(f"{self.name} is closed", "redirect it to a file, or write with -o FILE")

    def flush(self) -> None:
        """Nothing to flush."""

    def isatty(self) -> bool:
        """Never a terminal."""
        return False


def reserve_standard_streams() -> None:
    """Give closed fds 0-2 to /dev/null, so that no file we open lands on them, and stand-ins to sys."""
    # A file opened while fd 1 is closed would get fd 1: a library writing to "stdout" would write into it.
    streams = ((0, "stdin", "standard input", os.O_RDONLY), (1, "stdout", "standard output", os.O_WRONLY), (2, "stderr", "standard error", os.O_WRONLY))
    for fd, attr, name, mode in streams:
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        opened = os.open(os.devnull, mode)
        if opened != fd:  # the lower ones were open after all
            os.dup2(opened, fd)
            os.close(opened)
        if getattr(sys, attr) is None:
            # Closed stderr: messages go nowhere, quietly (there is no one to tell); stdin and stdout fail
            # with a message when they are used.
            setattr(sys, attr, open(fd, "w", closefd=False) if fd == 2 else ClosedStream(name))


_STOPS = (("SIGTERM", ExitCode.TERMINATED), ("SIGHUP", ExitCode.HANGUP))


@contextmanager
def stop_signals() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise Interrupted, as Ctrl-C raises KeyboardInterrupt."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    previous: dict[int, Any] = {}

    def stop(signum: int, frame: object) -> None:
        # A second signal while the finished results are written ends the process the default way.
        restore()
        name = signal.Signals(signum).name
        raise Interrupted(signum, name, dict(_STOPS)[name])

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        previous.clear()

    for name, _code in _STOPS:
        signum = getattr(signal, name, None)
        # nohup and service managers ignore SIGHUP on purpose: an ignored signal stays ignored.
        if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, stop)
    try:
        yield
    finally:
        restore()
