"""The terminal side of the output layer: safe text, messages, guarded streams, stop signals."""

from __future__ import annotations

import errno
import io
import json
import logging
import os
import signal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarize_cli.errors import ExitCode, InputError, Interrupted, OutputError, PipeClosed
from summarize_cli.terminal import UNSAFE, ClosedStream, Guarded, Messages, capture_logs, safe, safe_json, stop_signals

UNSAFE_CHARS = {chr(c) for c in UNSAFE}
# Text biased towards what terminals act on: escapes, C1 controls, bidi controls, plus ordinary text.
hostile = st.text(st.one_of(st.sampled_from(sorted(UNSAFE_CHARS | {"\n", "\t", "[", "]", "/", "\\"})), st.characters()), max_size=200)


@given(hostile)
def test_safe_leaves_nothing_a_terminal_acts_on(text):
    out = safe(text)
    assert not UNSAFE_CHARS & set(out)
    # Tab and newline are layout, not control: they stay.
    assert out.count("\n") == text.count("\n") and out.count("\t") >= text.count("\t")


@given(hostile)
def test_safe_one_line_has_no_newline(text):
    out = safe(text, one_line=True)
    assert "\n" not in out and not UNSAFE_CHARS & set(out)


@given(st.text(st.characters(blacklist_characters=sorted(UNSAFE_CHARS))))
def test_safe_text_is_unchanged(text):
    assert safe(text) == text


@given(hostile)
def test_safe_shows_each_control_as_its_escape(text):
    # Every unsafe character becomes exactly one visible escape, in place: nothing is dropped.
    def shown(c: str) -> str:
        if c not in UNSAFE_CHARS:
            return c
        return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"

    assert safe(text) == "".join(map(shown, text))


def test_safe_examples():
    assert safe("\x1b]0;owned\x07title") == "\\x1b]0;owned\\x07title"
    assert safe("\x1b[2J") == "\\x1b[2J"
    assert safe("abc\u202edef\u2066") == "abc\\u202edef\\u2066"
    assert safe("\x9b31m\x7f") == "\\x9b31m\\x7f"
    assert safe("a\r\nb\tc") == "a\\x0d\nb\tc"


@given(hostile)
def test_safe_json_keeps_the_text_exact(text):
    serialized = safe_json(json.dumps({"t": text}, ensure_ascii=False))
    assert json.loads(serialized) == {"t": text}
    assert not UNSAFE_CHARS & set(serialized)


def test_messages_are_one_safe_line(capsys):
    Messages().error("no such file: a\x1b]0;x\x07\nb.txt")
    err = capsys.readouterr().err
    assert err == "summarize: error: no such file: a\\x1b]0;x\\x07\\nb.txt\n"


def test_messages_quiet_keeps_errors_only(capsys):
    m = Messages(quiet=True)
    m.warning("w")
    m.note("n")
    m.note("stopped", always=True)
    m.error("e")
    assert capsys.readouterr().err == "summarize: stopped\nsummarize: error: e\n"


def test_messages_survive_a_dead_stderr(monkeypatch):
    class Dead(io.StringIO):
        def write(self, s):  # type: ignore[no-untyped-def]
            raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("sys.stderr", Dead())
    Messages().error("nobody hears this")  # must not raise


def test_package_log_warnings_go_through_messages(capsys):
    with capture_logs(Messages()):
        logging.getLogger("summarize_cli.cache").warning("results cache %s: read failed", "/tmp/c\x1b[2J")
    assert capsys.readouterr().err == "summarize: warning: results cache /tmp/c\\x1b[2J: read failed\n"


class _Failing(io.StringIO):
    def __init__(self, exc: OSError) -> None:
        super().__init__()
        self.exc = exc

    def write(self, s):  # type: ignore[no-untyped-def]
        raise self.exc


def test_guarded_write_errors():
    with pytest.raises(OutputError, match="cannot write to out: No space left on device") as info:
        Guarded(_Failing(OSError(errno.ENOSPC, "No space left on device")), "out").write("x")
    assert info.value.exit_code == ExitCode.OUTPUT and not isinstance(info.value, PipeClosed)
    with pytest.raises(PipeClosed) as closed:
        Guarded(_Failing(BrokenPipeError(errno.EPIPE, "Broken pipe")), "out").write("x")
    assert closed.value.exit_code == ExitCode.OK


def test_guarded_delegates_everything_else():
    buf = io.StringIO()
    g = Guarded(buf, "buf")
    g.write("abc")
    assert g.getvalue() == "abc" and g.isatty() is False


def test_closed_stream_stands_in():
    stdin, stdout = ClosedStream("standard input"), ClosedStream("standard output")
    with pytest.raises(InputError, match="standard input is closed"):
        stdin.buffer.read(10)
    with pytest.raises(InputError):
        list(stdin)
    with pytest.raises(OutputError, match="standard output is closed"):
        stdout.write("x")
    stdout.flush()  # the interpreter flushes it at exit: that must not fail
    assert stdout.isatty() is False


@pytest.mark.parametrize("name,code", [("SIGTERM", ExitCode.TERMINATED), ("SIGHUP", ExitCode.HANGUP)])
def test_stop_signals_raise_like_ctrl_c(name, code):
    signum = getattr(signal, name)
    # Libraries loaded by earlier tests (Ray) leave their own handler; stop_signals keeps any
    # handler it finds, so the default is set here as a fresh process has it.
    outer = signal.signal(signum, signal.SIG_DFL)
    try:
        with pytest.raises(Interrupted) as info, stop_signals():
            os.kill(os.getpid(), signum)
            for _ in range(1000):  # the handler runs between bytecodes
                pass
        assert isinstance(info.value, KeyboardInterrupt) and info.value.exit_code == code and info.value.name == name
        assert signal.getsignal(signum) is signal.SIG_DFL
    finally:
        signal.signal(signum, outer)


def test_an_ignored_sighup_stays_ignored():
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with stop_signals():
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
            os.kill(os.getpid(), signal.SIGHUP)  # nohup: nothing happens
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)
