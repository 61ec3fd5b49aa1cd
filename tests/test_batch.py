"""Batch mode through the CLI: ordering, failures isolated, output dir, cache, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from summarize_cli.cli import app
from summarize_cli.errors import ExitCode

runner = CliRunner()


def make_articles(folder: Path, sample_fr: Path, sample_en: Path, n: int = 6) -> list[Path]:
    paths = []
    for i in range(n):
        src = sample_fr if i % 2 == 0 else sample_en
        path = folder / f"art{i:02d}.txt"
        # Distinct texts so the cache cannot mix them up.
        path.write_text(src.read_text(encoding="utf-8") + f"\n\nNote {i}: fin de l'article numéro {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.strip().split("\n") if line]


def test_directory_in_order_with_counts(tmp_path, sample_fr, sample_en):
    make_articles(tmp_path, sample_fr, sample_en)
    res = runner.invoke(app, [str(tmp_path), "--format", "jsonl", "--no-translate", "--pattern", "*.txt"])
    assert res.exit_code == 0
    rows = lines(res.stdout)
    assert [Path(r["source"]).name for r in rows] == [f"art{i:02d}.txt" for i in range(6)]
    assert "6 ok, 0 failed" in res.stderr


def test_failures_are_isolated(tmp_path, sample_fr, sample_en):
    arts = make_articles(tmp_path, sample_fr, sample_en, 3)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    res = runner.invoke(app, [str(arts[0]), str(empty), str(arts[1]), "--format", "jsonl", "--no-translate"])
    assert res.exit_code == ExitCode.PARTIAL
    rows = lines(res.stdout)
    assert [r["error"] is None for r in rows] == [True, False, True]
    assert "2 ok, 1 failed" in res.stderr


def test_jsonl_input_and_unordered(tmp_path, sample_fr, sample_en):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"row{i}", "text": p.read_text()}) for i, p in enumerate([sample_fr, sample_en])) + "\n{broken\n")
    res = runner.invoke(app, [str(src), "--format", "jsonl", "--no-translate", "--unordered"])
    rows = lines(res.stdout)
    assert sorted(r["source"] for r in rows) == ["in.jsonl:3", "row0", "row1"]
    assert res.exit_code == ExitCode.PARTIAL


def test_output_dir_never_overwrites(tmp_path, sample_fr, sample_en):
    arts = make_articles(tmp_path / "in", sample_fr, sample_en, 2) if (tmp_path / "in").mkdir() is None else []
    out = tmp_path / "out"
    res = runner.invoke(app, [*map(str, arts), "--output-dir", str(out), "--format", "json", "--no-translate"])
    assert res.exit_code == 0 and res.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == ["art00.json", "art01.json"]
    assert json.loads((out / "art00.json").read_text())["language"] == "fr"
    res = runner.invoke(app, [*map(str, arts), "--output-dir", str(out), "--format", "json", "--no-translate"])
    assert res.exit_code == ExitCode.OUTPUT and "--overwrite" in res.stderr
    res = runner.invoke(app, [*map(str, arts), "--output-dir", str(out), "--format", "markdown", "--no-translate", "--overwrite"])
    assert res.exit_code == 0 and (out / "art00.md").read_text().startswith("# Sam Altman")


def test_cache_hit_and_invalidation(tmp_path, sample_fr, monkeypatch):
    from summarize_cli import pipeline

    cache_dir = tmp_path / "cache"
    args = [str(sample_fr), "--format", "json", "--no-translate", "--cache-dir", str(cache_dir)]
    first = runner.invoke(app, args)
    calls = []
    real = pipeline._prepare
    monkeypatch.setattr(pipeline, "_prepare", lambda *a: calls.append(1) or real(*a))
    second = runner.invoke(app, args)
    assert calls == [] and json.loads(second.stdout) == json.loads(first.stdout)
    runner.invoke(app, [*args, "--sentences", "1"])
    assert calls == [1]  # other options, other key
    runner.invoke(app, [*args, "--no-cache"])
    assert calls == [1, 1]


def test_ctrl_c_writes_what_is_done(tmp_path, sample_fr, sample_en):
    arts = make_articles(tmp_path, sample_fr, sample_en, 60)
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarize_cli", *map(str, arts), "--format", "jsonl", "--no-translate", "--no-cache"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    first = proc.stdout.readline()
    assert json.loads(first)["error"] is None
    proc.send_signal(signal.SIGINT)
    rest, err = proc.communicate(timeout=60)
    assert proc.returncode == ExitCode.INTERRUPTED
    done = [first] + [line for line in rest.split("\n") if line]
    assert all(json.loads(line)["source"] for line in done) and len(done) < 60
    assert "interrupted" in err and "not processed" in err and "Traceback" not in err


def test_batch_command_local_engine(tmp_path, sample_fr, sample_en):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"row{i}", "text": p.read_text()}) for i, p in enumerate([sample_fr, sample_en])) + "\n")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["batch", str(src), "-o", str(out), "--no-translate"])
    assert res.exit_code == 0, res.stderr
    rows = lines(out.read_text())
    assert [r["source"] for r in rows] == ["row0", "row1"] and rows[0]["language"] == "fr"
    assert "2 ok, 0 failed" in res.stderr


def test_batch_ray_refuses_non_empty_output(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "part-0.json").write_text("{}")
    res = runner.invoke(app, ["batch", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out"), "--engine", "ray"])
    assert res.exit_code in (ExitCode.OUTPUT, ExitCode.USAGE)


def _run_with_terminal_stderr(args: list[str], tmp_path: Path) -> tuple[int, str, str]:
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "COLUMNS": "100", "TERM": "xterm"}
    proc = subprocess.Popen([sys.executable, "-m", "summarize_cli", *args], stdout=subprocess.PIPE, stderr=slave, text=True, env=env)
    os.close(slave)
    out, _ = proc.communicate(timeout=120)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.returncode, out, b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal(tmp_path, sample_fr, sample_en):
    arts = [str(p) for p in make_articles(tmp_path, sample_fr, sample_en, 3)]
    code, out, err = _run_with_terminal_stderr([*arts, "--format", "jsonl", "--no-translate", "--no-cache"], tmp_path)
    assert code == 0 and len(lines(out)) == 3
    assert "articles" in err and "/3" in err  # the bar: description and done/total
    assert "3 ok, 0 failed" in err
    # --quiet on a terminal, or stderr not a terminal: no bar.
    code, out, err = _run_with_terminal_stderr([*arts, "--format", "jsonl", "--no-translate", "--no-cache", "-q"], tmp_path)
    assert code == 0 and "articles" not in err
    res = runner.invoke(app, [*arts, "--format", "jsonl", "--no-translate", "--no-cache"])
    assert res.exit_code == 0 and "articles" not in res.stderr and "3 ok, 0 failed" in res.stderr


def test_json_output_does_not_import_rich(tmp_path, sample_fr):
    code = (
        "import sys, runpy; sys.argv = ['summarize', sys.argv[1], '--format', 'jsonl', '--no-translate', '--no-cache'];"
        "import summarize_cli.cli as cli\n"
        "try:\n    cli.main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print('RICH' if any(m.startswith('rich') for m in sys.modules) else 'NO-RICH', file=sys.stderr)"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(sample_fr)], capture_output=True, text=True, timeout=120)
    assert json.loads(proc.stdout)["error"] is None, proc.stderr
    assert proc.stderr.strip().endswith("NO-RICH"), proc.stderr


def test_an_existing_output_file_is_an_output_error_not_an_input_one(tmp_path, sample_fr, sample_en):
    out = tmp_path / "out"
    out.mkdir()
    (out / "wind-farm-en.txt").write_text("old")
    res = runner.invoke(app, [str(sample_en), "--output-dir", str(out), "--no-translate", "--no-cache"])
    assert res.exit_code == ExitCode.OUTPUT == 9 and (out / "wind-farm-en.txt").read_text() == "old"
    assert res.stderr == f"summarize: error: {out / 'wind-farm-en.txt'} exists (use --overwrite to replace it, or another --output-dir)\n"
    # with another source written, the run is partly done: one error line, exit 7
    res = runner.invoke(app, [str(sample_fr), str(sample_en), "--output-dir", str(out), "--no-translate", "--no-cache"])
    assert res.exit_code == ExitCode.PARTIAL and (out / "openai-revenue-fr.txt").is_file()
    assert res.stderr.count("summarize: error:") == 1 and "1 ok, 1 failed" in res.stderr
