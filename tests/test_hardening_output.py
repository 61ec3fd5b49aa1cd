"""Hostile outputs: markup and controls in articles, outputs over inputs, planted links, full disks,
closed streams, closed pipes and stop signals. Each ends with a documented exit code and at most one line."""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from servers import assert_clean_failure, invoke
from summarize_cli.errors import ExitCode

PARA = (
    "La métropole a voté jeudi le prolongement de la ligne T3 du tramway, pour un coût de 120 millions d’euros. "
    "Les travaux commenceront en 2026 et dureront trois ans, selon le vice-président chargé des transports. "
    "La fréquentation de la ligne a progressé de 12 % en un an, avec 45 000 voyageurs par jour en semaine."
)
ARTICLE = "Le tramway prolongé jusqu’à l’aéroport\n\n" + PARA + "\n\n" + PARA.replace("jeudi", "mardi") + "\n"
HOSTILE = ARTICLE.replace("120 millions d’euros.", "120 millions d’euros [/caption] [link=http://evil.example/]CLICK[/link].").replace(
    "en semaine.", "en semaine.\x1b]0;owned\x07\x1b[2J\u202e"
)
CONTROL_BYTES = {"\x1b", "\x07", "\u202e"}


def _article(folder: Path, name: str = "a.txt", text: str = ARTICLE) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _run(args: list[str], *, shell_redirect: str = "", timeout: float = 90, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """The real entry point in a child process; ``shell_redirect`` such as ``>&-`` is applied by bash."""
    cmd = [sys.executable, "-m", "summarize_cli", *args]
    if shell_redirect:
        cmd = ["bash", "-c", f'exec "$0" "$@" {shell_redirect}', *cmd]
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(cmd, stderr=subprocess.PIPE, text=True, timeout=timeout, **kwargs)


def _one_error(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarize: error: "), stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
    return lines[0]


# 1. Markup: article text is text.


def test_markup_in_an_article_stops_nothing(tmp_path):
    first = _article(tmp_path, "a.txt", HOSTILE)
    second = _article(tmp_path, "b.txt", ARTICLE.replace("tramway", "métro"))
    res = invoke(str(first), str(second), "--format", "rich", "--no-translate", "--no-clean", "--no-cache")
    assert res.exit_code == 0, res.stderr
    assert "[/caption]" in res.stdout and "[link=http://evil.example/]CLICK[/link]" in res.stdout
    assert "\x1b]8;" not in res.stdout and "métro" in res.stdout


# 2. Control characters: shown, never obeyed, on stdout and stderr; exact in JSON.


@pytest.mark.parametrize("fmt", ["rich", "plain", "markdown"])
@pytest.mark.parametrize("command", ["summarize", "extract"])
def test_no_clean_article_controls_are_escaped(tmp_path, fmt, command):
    # In every sentence, so that whatever the summary picks carries them.
    text = ARTICLE.replace(", ", ",\x1b]0;owned\x07\x1b[2J\u202e ")
    extra = ["--no-translate"] if command == "summarize" else []
    res = invoke(command, str(_article(tmp_path, text=text)), "--format", fmt, *extra, "--no-clean", "--no-cache")
    assert res.exit_code == 0, res.stderr
    assert not CONTROL_BYTES & set(res.stdout)
    assert "\\x1b]0;owned\\x07\\x1b[2J\\u202e" in res.stdout.replace("\n", "").replace("│", "").replace(" ", "")


def test_extract_no_clean_shows_every_control(tmp_path):
    res = invoke("extract", str(_article(tmp_path, text=HOSTILE)), "--format", "plain", "--no-clean", "--no-cache")
    assert res.exit_code == 0 and not CONTROL_BYTES & set(res.stdout)
    assert "\\x1b]0;owned\\x07\\x1b[2J\\u202e" in res.stdout


def test_jsonl_title_and_id_controls(tmp_path):
    rows = tmp_path / "in.jsonl"
    rows.write_text(json.dumps({"id": "id\x1b[2J", "title": "T\x1b]0;owned\x07", "text": ARTICLE}) + "\n", encoding="utf-8")
    plain = invoke(str(rows), "--format", "plain", "--no-translate", "--no-cache")
    assert plain.exit_code == 0 and not CONTROL_BYTES & set(plain.stdout) and "id\\x1b[2J" in plain.stdout
    exact = invoke(str(rows), "--format", "jsonl", "--no-translate", "--no-cache")
    assert json.loads(exact.stdout)["source"] == "id\x1b[2J"


def test_file_name_in_an_error_is_escaped(tmp_path):
    msg = assert_clean_failure(invoke(str(tmp_path / "x\x1b]0;owned\x07\n.txt"), "--no-cache"), ExitCode.INPUT)
    # The newline does not split the line (assert_clean_failure counts one); the controls show as escapes.
    assert "x\\x1b]0;owned\\x07" in msg and "\x1b" not in msg and "\x07" not in msg


# 3. Outputs never clobber inputs nor follow links; names fit the file system.


def test_output_file_that_is_an_input_is_refused(tmp_path):
    path = _article(tmp_path)
    os.link(path, tmp_path / "twin.txt")
    for target in (path, tmp_path / "twin.txt"):
        msg = assert_clean_failure(invoke(str(path), "-o", str(target), "--no-translate", "--no-cache"), ExitCode.OUTPUT)
        assert "is also an input" in msg
    assert path.read_text(encoding="utf-8") == ARTICLE


def test_source_list_and_jsonl_inputs_are_inputs_too(tmp_path):
    listing = tmp_path / "list.txt"
    listing.write_text(str(_article(tmp_path)) + "\n")
    assert_clean_failure(invoke("--from-file", str(listing), "-o", str(listing), "--no-cache"), ExitCode.OUTPUT)
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"text": ARTICLE}) + "\n")
    assert_clean_failure(invoke("batch", str(rows), "-o", str(rows), "--no-translate"), ExitCode.OUTPUT)
    assert json.loads(rows.read_text())["text"] == ARTICLE


def test_output_dir_over_the_input_folder_keeps_the_articles(tmp_path):
    a, b = _article(tmp_path, "a.txt"), _article(tmp_path, "b.txt")
    res = invoke(str(tmp_path), "--output-dir", str(tmp_path), "--overwrite", "--format", "plain", "--no-translate", "--no-cache")
    assert res.exit_code == ExitCode.OUTPUT
    assert res.stderr.count("is also an input") == 2 and "Traceback" not in res.stderr
    assert a.read_text(encoding="utf-8") == ARTICLE and b.read_text(encoding="utf-8") == ARTICLE


def test_a_planted_link_is_replaced_not_followed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (out / "a.json").symlink_to(victim)
    res = invoke(str(_article(tmp_path)), "--output-dir", str(out), "--overwrite", "--format", "json", "--no-translate", "--no-cache")
    assert res.exit_code == 0, res.stderr
    assert victim.read_text() == "precious"
    assert not (out / "a.json").is_symlink() and json.loads((out / "a.json").read_text())["error"] is None


def test_existing_output_dir_file_is_an_output_conflict(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.json").write_text("old")
    res = invoke(str(_article(tmp_path)), "--output-dir", str(out), "--format", "json", "--no-translate", "--no-cache")
    msg = assert_clean_failure(res, ExitCode.OUTPUT)
    assert "--overwrite" in msg and (out / "a.json").read_text() == "old"


def test_long_cjk_ids_make_short_enough_names(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(json.dumps({"id": "報" * 100 + tail, "text": ARTICLE}) + "\n" for tail in ("", "x")), encoding="utf-8")
    out = tmp_path / "out"
    res = invoke(str(rows), "--output-dir", str(out), "--format", "json", "--no-translate", "--no-cache")
    assert res.exit_code == 0, res.stderr
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 and all(len(n.encode()) <= 210 for n in names)


def test_full_disk_keeps_the_old_output(tmp_path):
    """A real write failure (the file-size limit stands in for a full disk): old file kept, no temp file left."""
    out = tmp_path / "out.json"
    out.write_text("old")

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))

    arts = [str(_article(tmp_path, f"a{i}.txt")) for i in range(3)]
    done = _run([*arts, "--format", "json", "-o", str(out), "--no-translate", "--no-cache"], preexec_fn=small_files)
    assert done.returncode == ExitCode.OUTPUT
    assert "cannot write" in _one_error(done.stderr)
    assert out.read_text() == "old" and [p.name for p in tmp_path.iterdir() if p.name.startswith(".summarize-")] == []


# 4. Write errors and closed streams: one line and a documented code; a closed pipe is a quiet end.


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("where", ["stdout", "-o"])
def test_dev_full(tmp_path, where):
    args = [str(_article(tmp_path)), "--format", "plain", "--no-translate", "--no-cache"]
    if where == "stdout":
        with open("/dev/full", "w") as full:
            done = _run(args, stdout=full)
    else:
        done = _run([*args, "-o", "/dev/full"])
    assert done.returncode == ExitCode.OUTPUT
    assert "No space left on device" in _one_error(done.stderr)


def test_closed_stdout(tmp_path):
    done = _run([str(_article(tmp_path)), "--no-translate", "--no-cache"], shell_redirect=">&-")
    assert done.returncode == ExitCode.OUTPUT
    assert "standard output is closed" in _one_error(done.stderr)


def test_closed_stdout_does_not_matter_with_o(tmp_path):
    out = tmp_path / "out.json"
    done = _run([str(_article(tmp_path)), "-o", str(out), "--no-translate", "--no-cache"], shell_redirect=">&-")
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["error"] is None


def test_closed_stdin(tmp_path):
    done = _run(["-", "--no-translate", "--no-cache"], shell_redirect="<&-")
    assert done.returncode == ExitCode.INPUT
    assert "standard input is closed" in _one_error(done.stderr)
    assert done.stdout == ""


def test_closed_stderr(tmp_path):
    out = tmp_path / "out.json"
    done = _run([str(_article(tmp_path)), "-o", str(out), "--no-translate", "--no-cache"], shell_redirect="2>&-")
    # No file may take fd 2 (a library writing to "stderr" would write into it): the JSON stays clean.
    assert done.returncode == 0 and json.loads(out.read_text())["error"] is None
    failed = _run([str(tmp_path / "missing.txt"), "--no-cache"], shell_redirect="2>&-")
    assert failed.returncode == ExitCode.INPUT and failed.stdout == ""


def test_head_ends_quietly(tmp_path, sample_en):
    arts = [str(_article(tmp_path, f"a{i}.txt", sample_en.read_text(encoding="utf-8") + f"\nNote {i}.\n")) for i in range(40)]
    cmd = [sys.executable, "-m", "summarize_cli", "figures", *arts, "--format", "jsonl", "--no-cache"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert json.loads(proc.stdout.readline())["error"] is None  # type: ignore[union-attr]
    proc.stdout.close()  # type: ignore[union-attr]
    err = proc.stderr.read()  # type: ignore[union-attr]
    assert proc.wait(timeout=90) == 0
    assert err == ""


# 5. SIGTERM and SIGHUP: what is done is written, the rest reported.


@contextmanager
def _hanging_url() -> Iterator[tuple[str, threading.Event]]:
    """A URL whose server accepts the connection and never answers; the event says it was asked."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(4)
    asked = threading.Event()
    conns: list[socket.socket] = []

    def accept() -> None:
        try:
            conns.append(sock.accept()[0])
            asked.set()
        except OSError:
            pass

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/slow", asked
    finally:
        sock.close()
        for conn in conns:
            conn.close()


@pytest.mark.parametrize("name,code", [("SIGTERM", ExitCode.TERMINATED), ("SIGHUP", ExitCode.HANGUP)])
def test_stop_signal_writes_what_is_done(tmp_path, name, code):
    out = tmp_path / "out.json"
    out.write_text('["old"]')
    arts = [str(_article(tmp_path, f"a{i}.txt", ARTICLE.replace("jeudi", f"le {i + 1} mars"))) for i in range(2)]
    with _hanging_url() as (url, asked):
        proc = subprocess.Popen(
            [sys.executable, "-m", "summarize_cli", *arts, url, "-f", "json", "-o", str(out), "--no-translate", "--no-cache", "--timeout", "60"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert asked.wait(30)
        time.sleep(2.0)  # the two local articles finish while the URL hangs
        assert out.read_text() == '["old"]'  # nothing replaced while running
        proc.send_signal(getattr(signal, name))
        sent = time.monotonic()
        stdout, stderr = proc.communicate(timeout=60)
        # It does not wait for the hanging fetch (--timeout 60) before it exits.
        assert time.monotonic() - sent < 15
    assert proc.returncode == code, stderr
    assert stdout == "" and "Traceback" not in stderr
    done = json.loads(out.read_text())
    assert isinstance(done, list) and all(r["error"] is None for r in done) and len(done) <= 2
    assert f"summarize: interrupted by {name}: {len(done)} of 3 sources done, {3 - len(done)} not processed" in stderr
