"""scripts/cli_snapshot.py, the before/after diff of every command's output, keeps running on the whole CLI."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("cli_snapshot", ROOT / "scripts" / "cli_snapshot.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_every_case_runs_and_is_written(tmp_path):
    script = _script()
    assert script.main([str(tmp_path / "a")]) == 0
    names = {case.name for case in script.cases(None)}
    written = {p.stem: p.read_text(encoding="utf-8") for p in (tmp_path / "a").iterdir()}
    assert set(written) == names and len(names) > 140
    assert not [n for n, text in written.items() if "--- exception" in text]  # no case crashed the CLI
    exits = {n: text.splitlines()[1] for n, text in written.items()}
    assert exits["help-summarize"] == exits["summarize-several-jsonl"] == exits["translate-fake-bilingual-rich-wide"] == "exit 0"
    assert exits["bad-format"] == exits["output-and-dir"] == "exit 2" and exits["output-is-input"] == "exit 9"
    assert exits["summarize-failures-plain"] == exits["output-dir-conflict"] == "exit 7"
    assert "EN La société américaine" in written["translate-fake-one-markdown"]
    assert "<WORK>" not in written["summarize-one-plain"] and "source: samples/openai-revenue-fr.txt" in written["summarize-one-plain"]
    # the same tree gives the same files: a diff of two runs shows only what a change did
    assert script.main([str(tmp_path / "b"), "--only", "one-rich", "--only", "models-list"]) == 0
    again = {p.stem: p.read_text(encoding="utf-8") for p in (tmp_path / "b").iterdir()}
    assert again and all(again[n] == written[n] for n in again)
