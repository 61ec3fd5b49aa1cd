"""Source expansion: directories, globs, lists of paths, JSONL rows."""

from __future__ import annotations

import io
import json
import sys

import pytest

from summarize_cli.errors import InputError
from summarize_cli.schema import InputItem
from summarize_cli.sources import expand_sources


def test_directory_recursive_pattern_sorted_and_hidden_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "1.txt").write_text("x")
    (tmp_path / "note.md").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("x")
    got = list(expand_sources([str(tmp_path)], pattern="*.txt"))
    assert got == [str(tmp_path / "1.txt"), str(tmp_path / "b" / "2.txt")]


def test_glob_and_missing_file_kept_for_the_reader(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("x")
    assert list(expand_sources([str(tmp_path / "*.txt")])) == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert list(expand_sources([str(tmp_path / "missing.txt")])) == [str(tmp_path / "missing.txt")]
    # An unmatched glob is that source's error, raised when its turn comes.
    (bad,) = expand_sources([str(tmp_path / "*.html")])
    assert isinstance(bad.error, InputError) and "no file matches" in bad.error.message


def test_from_file_skips_comments(tmp_path):
    listing = tmp_path / "list.txt"
    listing.write_text("# articles\nhttp://127.0.0.1:1/a\n\n/tmp/x.txt\n")
    assert list(expand_sources([], from_file=str(listing))) == ["http://127.0.0.1:1/a", "/tmp/x.txt"]


def test_jsonl_rows_become_items(tmp_path):
    path = tmp_path / "in.jsonl"
    rows = [{"id": "a1", "text": "Bonjour.", "title": "T"}, {"text": "Hello.", "url": "http://x/y"}, "oops", {"text": 3}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{bad json\n")
    items = list(expand_sources([str(path)]))
    assert items[0] == InputItem(source="a1", text="Bonjour.", title="T")
    assert items[1].source == "http://x/y" and items[1].url == "http://x/y"
    assert [i.problem is not None for i in items] == [False, False, True, True, True]
    assert items[4].source == "in.jsonl:5" and "invalid JSON" in items[4].problem


def test_jsonl_from_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"id": "z", "text": "Un texte."}\n'))
    assert list(expand_sources(["-"], input_format="jsonl")) == [InputItem(source="z", text="Un texte.")]
