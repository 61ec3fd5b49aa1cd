"""The Ray engine's failures: one line on stderr, a documented exit code, in bounded time (skipped without Ray)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

pytest.importorskip("ray")

from servers import closed_port, invoke, silent_server  # noqa: E402
from summarize_cli import ray_engine  # noqa: E402
from summarize_cli.errors import ExitCode  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*")
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _one_line(res, code: int) -> str:  # type: ignore[no-untyped-def]
    assert res.exit_code == code, (res.exit_code, res.stderr, res.exception)
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("summarize: error: "), res.stderr
    assert "Traceback" not in res.stderr and "\x1b" not in res.stderr and "\\x1b" not in res.stderr
    return lines[0]


def _jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    text = (SAMPLES / "openai-revenue-fr.txt").read_text(encoding="utf-8")
    path.write_text(json.dumps({"id": "a", "text": text}) + "\n{not json\n", encoding="utf-8")
    return path


def test_missing_input(tmp_path: Path) -> None:
    msg = _one_line(invoke("batch", str(tmp_path / "missing.jsonl"), "--engine", "ray", "-o", str(tmp_path / "out")), ExitCode.INPUT)
    assert "does not exist" in msg


def test_output_that_is_a_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    msg = _one_line(invoke("batch", str(_jsonl(tmp_path)), "--engine", "ray", "-o", str(out)), ExitCode.OUTPUT)
    assert "is a file" in msg and out.read_text(encoding="utf-8") == "keep me\n"


def test_unreachable_address_fails_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ray_engine, "CONNECT_TIMEOUT_S", 1.0)
    with closed_port() as port:
        start = time.monotonic()
        msg = _one_line(invoke("batch", str(_jsonl(tmp_path)), "--engine", "ray", "--address", f"127.0.0.1:{port}", "-o", str(tmp_path / "o")), ExitCode.NETWORK)
    assert "cannot reach the Ray cluster" in msg and time.monotonic() - start < 10
    with silent_server() as url:  # accepts, never answers: Ray itself would retry for minutes
        port = int(re.search(r":(\d+)", url.removeprefix("http://")).group(1))  # type: ignore[union-attr]
        start = time.monotonic()
        msg = _one_line(invoke("batch", str(_jsonl(tmp_path)), "--engine", "ray", "--address", f"ray://127.0.0.1:{port}", "-o", str(tmp_path / "o")), ExitCode.NETWORK)
    assert "127.0.0.1" in msg and time.monotonic() - start < 10


def test_plain_error_text_has_no_colour_codes() -> None:
    exc = RuntimeError("ray.exceptions.RayTaskError(ValueError): \x1b[36mray::Read()\x1b[39m\nValueError: bad line\nTo change retry attempts, configure it.")
    assert ray_engine._plain(exc) == "ValueError: bad line"


def test_malformed_jsonl_line_is_one_input_error(tmp_path: Path) -> None:
    import ray

    if ray.is_initialized():
        ray.shutdown()
    res = invoke("batch", str(_jsonl(tmp_path)), "--engine", "ray", "--no-translate", "-o", str(tmp_path / "out"))
    msg = _one_line(res, ExitCode.INPUT)
    assert "cannot read" in msg and "in.jsonl" in msg and "JSON" in msg
