"""Cache edge cases: the document kind is in the key; a full disk is said once per run, and -q silences it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from servers import invoke
from summarize_cli.cache import ResultCache, cache_key
from summarize_cli.options import Options

PAGE = (
    "Le tramway prolongé jusqu’à l’aéroport\n\n"
    "<p>La métropole a voté jeudi le prolongement de la ligne T3 du tramway, pour un coût de 120 millions d’euros. "
    "Les travaux commenceront en 2026 et dureront trois ans, selon le vice-président chargé des transports.</p>\n"
)


def test_kind_is_part_of_the_key() -> None:
    assert cache_key("x", Options(), {}, "html") != cache_key("x", Options(), {}, "text")


def test_same_bytes_as_html_and_as_text_do_not_share_a_result(http_server, tmp_path: Path) -> None:
    url = http_server.add("/page", PAGE)  # text/html: read as HTML
    path = tmp_path / "page.txt"  # one tag in prose: read as text
    path.write_text(PAGE, encoding="utf-8")
    cache = tmp_path / "cache"
    first = invoke("extract", "--format", "json", "--cache-dir", str(cache), url)
    assert first.exit_code == 0, first.stderr
    again = invoke("extract", "--format", "json", "--cache-dir", str(cache), str(path))
    fresh = invoke("extract", "--format", "json", "--no-cache", str(path))
    # Read as text this page gives another outcome than as HTML; the cache must not hand over the HTML one.
    assert (again.exit_code, again.stdout) == (fresh.exit_code, fresh.stdout) != (first.exit_code, first.stdout)


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cache write fails as on a full disk (SQLITE_FULL)."""
    connect = ResultCache._connect

    def tiny(self: ResultCache) -> sqlite3.Connection:
        conn = connect(self)
        conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
        return conn

    monkeypatch.setattr(ResultCache, "_connect", tiny)


@pytest.mark.parametrize("quiet", [False, True])
def test_full_disk_is_one_prefixed_warning_per_run(full_disk: None, tmp_path: Path, quiet: bool) -> None:
    paths = []
    for i in range(5):
        path = tmp_path / f"a{i}.txt"
        path.write_text(PAGE.replace("<p>", "").replace("</p>", "").replace("T3", f"T{i + 3}"), encoding="utf-8")
        paths.append(str(path))
    res = invoke("figures", "--format", "jsonl", "--cache-dir", str(tmp_path / "c"), *(["-q"] if quiet else []), *paths)
    assert res.exit_code == 0, res.stderr
    assert [json.loads(line)["error"] for line in res.stdout.splitlines()] == [None] * 5
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    if quiet:
        assert lines == []
    else:
        cache_lines = [ln for ln in lines if "cache" in ln]
        assert len(cache_lines) == 1 and cache_lines[0].startswith("summarize: warning: results cache"), res.stderr
        assert "full" in cache_lines[0]
