"""Hostile sources in one run: each bad one is that source's error, the others run, exit 7."""

from __future__ import annotations

import json
import os
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servers import invoke
from summarize_cli.errors import ExitCode
from summarize_cli.sources import Unreadable, expand_sources

ARTICLE = (
    "Le tramway prolongé jusqu’à l’aéroport\n\n"
    "La métropole a voté jeudi le prolongement de la ligne T3 du tramway, pour un coût de 120 millions d’euros. "
    "Les travaux commenceront en 2026 et dureront trois ans, selon le vice-président chargé des transports.\n"
)


def _lines(res) -> list[dict]:  # type: ignore[no-untyped-def]
    return [json.loads(line) for line in res.stdout.splitlines()]


def _one_bad(tmp_path: Path, bad: list[str], *extra: str) -> tuple[list[dict], str]:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    res = invoke("figures", "--format", "jsonl", "--no-cache", str(good), *bad, *extra)
    assert res.exit_code == ExitCode.PARTIAL, (res.exit_code, res.stderr, res.exception)
    assert "Traceback" not in res.stderr and res.exception is None or isinstance(res.exception, SystemExit)
    rows = _lines(res)
    assert rows[0]["source"] == str(good) and rows[0]["error"] is None and rows[0]["figures"]
    assert all(r["error"] is not None for r in rows[1:]) and len(rows) == 1 + len(bad)
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("summarize: error:")]
    assert len(errors) == len(bad), res.stderr
    return rows, res.stderr


def test_unmatched_glob(tmp_path: Path) -> None:
    rows, err = _one_bad(tmp_path, [str(tmp_path / "nothing-*.html")])
    assert "no file matches" in err and rows[1]["error"]["code"] == "input"


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    _rows, err = _one_bad(tmp_path, [str(tmp_path / "empty")])
    assert "no files matching" in err


def test_name_over_255_bytes(tmp_path: Path) -> None:
    _rows, err = _one_bad(tmp_path, [str(tmp_path / ("é" * 200))])
    assert "too long" in err.lower()


def test_absolute_pattern(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    _rows, err = _one_bad(tmp_path, [str(folder)], "--pattern", "/etc/*")
    assert "not relative" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_folder_and_path_inside_it(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    (locked / "in").mkdir(parents=True)
    (locked / "in" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0)
    try:
        _one_bad(tmp_path, [str(locked), str(locked / "in" / "x.txt"), str(locked / "*.txt")])
    finally:
        locked.chmod(0o755)


def test_globs_take_regular_files_once_without_loops(tmp_path: Path) -> None:
    d = tmp_path / "d"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "sub" / "c.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(d / "fifo.txt")  # read, it would block the run forever
    (d / "link.txt").symlink_to(d / "a.txt")  # the same real file twice
    (d / "loop").symlink_to(d)  # a linked folder that leads back to itself
    for arg in (str(d / "**" / "*.txt"), str(d)):
        got = list(expand_sources([arg], pattern="*.txt"))
        assert got == [str(d / "a.txt"), str(d / "sub" / "c.txt")], (arg, got)
    res = invoke("figures", "--format", "jsonl", "--no-cache", str(d / "*.txt"))
    assert res.exit_code == 0 and [r["source"] for r in _lines(res)] == [str(d / "a.txt")]


_NAME = st.text(string.ascii_letters + string.digits + "._-*?[]!/ é", min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=st.lists(_NAME, min_size=1, max_size=4), pattern=_NAME)
def test_expansion_never_raises_and_yields_only_readable_things(tmp_path: Path, args: list[str], pattern: str) -> None:
    root = tmp_path / "tree"
    if not root.exists():
        (root / "x" / ".hidden").mkdir(parents=True)
        (root / "a.txt").write_text("a")
        (root / "x" / "b.html").write_text("b")
        (root / "x" / ".hidden" / "c.txt").write_text("c")
        (root / "x" / "up").symlink_to(root)
        os.mkfifo(root / "x" / "pipe.txt")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        got = list(expand_sources([*args, str(root)], pattern=pattern))
    finally:
        os.chdir(cwd)
    for source in got:
        if isinstance(source, Unreadable):
            assert source.error is not None and source.error.message
        elif isinstance(source, str) and Path(root, source).exists():
            assert Path(root, source).is_file() or not any(c in a for a in args for c in "*?[")


def test_jsonl_is_streamed_and_capped_per_line(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": ARTICLE}, {"id": "big", "text": "mot " * 5000}, {"id": "b", "text": ARTICLE}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    sources = expand_sources([str(path)], max_bytes=2000)
    assert len(sources) == 3
    items = iter(sources)
    assert next(items).source == "a"  # the first row comes before the rest is read
    big = next(items)
    assert isinstance(big, Unreadable) and big.error is not None and "longer than 2,000 bytes" in big.error.message
    res = invoke("figures", "--format", "jsonl", "--no-cache", "--max-bytes", "2000", str(path))
    assert res.exit_code == ExitCode.PARTIAL, res.stderr
    assert [r["error"] is None for r in _lines(res)] == [True, False, True]
    assert "in.jsonl:2 is longer than 2,000 bytes" in res.stderr
