"""The command line: CliRunner, exit codes, stdout and stderr kept apart."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from summarize_cli.cli import app
from summarize_cli.errors import ExitCode

runner = CliRunner()

FIGURE_KEYS = {"text", "start", "end", "kind", "value", "unit", "currency", "note"}


def invoke(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


def check_schema(obj: dict) -> None:
    assert {"source", "title", "language", "text", "summary", "figures", "warnings", "error"} <= obj.keys()
    assert obj["title"] is None or isinstance(obj["title"], str)
    assert isinstance(obj["language"], str) and len(obj["language"]) == 2
    assert set(obj["summary"]) >= {"sentences", "language", "method", "model"}
    assert obj["summary"]["sentences"] and all(isinstance(s, str) for s in obj["summary"]["sentences"])
    for fig in obj["figures"]:
        assert FIGURE_KEYS <= fig.keys()
        assert fig["kind"] in {"money", "percent", "count", "number", "date", "duration"}
        assert obj["text"][fig["start"]:fig["end"]] == fig["text"]
    assert isinstance(obj["warnings"], list)
    assert obj["error"] is None


def test_sample_plain_output(sample_fr):
    res = invoke(str(sample_fr), "--no-translate")
    assert res.exit_code == 0, res.stderr
    out = res.stdout
    assert out.startswith("Sam Altman annonce qu’OpenAI")
    assert "Summary" in out and "Key figures" in out
    assert "$20 billion" in out and "$1.4 trillion" in out and "1 million" in out and "2030" in out
    assert "Partagez" not in out and "Illustration générée" not in out
    assert res.stderr == ""


def test_default_run_without_model_warns_and_keeps_french(sample_fr):
    res = invoke(str(sample_fr), "--format", "json")
    assert res.exit_code == 0
    obj = json.loads(res.stdout)
    check_schema(obj)
    assert obj["summary"]["language"] == "fr"
    assert "summarize models pull Helsinki-NLP/opus-mt-fr-en" in res.stderr
    assert any("opus-mt-fr-en" in w for w in obj["warnings"])


def test_strict_without_model_fails_with_model_exit_code(sample_fr):
    res = invoke(str(sample_fr), "--strict", "--format", "json")
    assert res.exit_code == ExitCode.MODEL
    obj = json.loads(res.stdout)
    assert obj["error"]["code"] == "model_not_found"
    assert "summarize models pull" in res.stderr


def test_json_schema_and_sample_figures(sample_fr):
    res = invoke(str(sample_fr), "--format", "json", "--no-translate", "--sentences", "2")
    assert res.exit_code == 0
    obj = json.loads(res.stdout)
    check_schema(obj)
    assert obj["language"] == "fr"
    assert obj["title"].startswith("Sam Altman annonce")
    assert len(obj["text"].split("\n")) == 6
    assert len(obj["summary"]["sentences"]) == 2
    # the sample names no country: its bare "dollars" are left open ("USD?"), not asserted
    money = {(f["value"], f["currency"], f["note"].split("; ")[-1]) for f in obj["figures"] if f["kind"] == "money"}
    assert (2.0e10, None, "USD?") in money and (1.4e12, None, "USD?") in money
    assert any(f["kind"] == "count" and f["value"] == 1e6 for f in obj["figures"])
    assert any(f["kind"] == "date" and "2030" in f["text"] for f in obj["figures"])


def test_stdin(sample_fr):
    res = invoke("-", "--no-translate", "--format", "json", input=sample_fr.read_bytes())
    assert res.exit_code == 0
    obj = json.loads(res.stdout)
    assert obj["source"] == "-" and obj["language"] == "fr"


def test_url(http_server, sample_html):
    url = http_server.add("/velo", sample_html.read_bytes())
    res = invoke(url, "--no-translate", "--format", "json")
    assert res.exit_code == 0, res.stderr
    obj = json.loads(res.stdout)
    check_schema(obj)
    assert obj["title"] == "Lyon ouvre 40 km de pistes cyclables express"
    assert "Accepter" not in obj["text"] and "newsletter" not in obj["text"]
    assert any(f["kind"] == "money" and f["value"] == 95e6 and f["currency"] == "EUR" for f in obj["figures"])


def test_several_sources_json_array_and_jsonl(sample_fr, sample_en):
    res = invoke(str(sample_fr), str(sample_en), "--no-translate", "--format", "json")
    assert res.exit_code == 0
    arr = json.loads(res.stdout)
    assert [o["language"] for o in arr] == ["fr", "en"]
    res = invoke(str(sample_fr), str(sample_en), "--no-translate", "--format", "jsonl")
    lines = res.stdout.strip().split("\n")
    assert len(lines) == 2 and json.loads(lines[1])["source"] == str(sample_en)


def test_english_article_needs_no_model(sample_en):
    res = invoke(str(sample_en), "--format", "json")
    assert res.exit_code == 0
    obj = json.loads(res.stdout)
    assert obj["language"] == "en" and obj["warnings"] == [] and "translation" not in obj
    assert "Share this article" not in obj["text"] and "cookies" not in obj["text"]


def test_missing_file_one_line_no_traceback(tmp_path):
    res = invoke(str(tmp_path / "nope.txt"))
    assert res.exit_code == ExitCode.INPUT
    assert res.stdout == ""
    assert res.stderr.strip().count("\n") == 0
    assert "no such file" in res.stderr and "Traceback" not in res.stderr


def test_one_failure_does_not_stop_the_others(sample_en, tmp_path):
    res = invoke(str(tmp_path / "nope.txt"), str(sample_en), "--format", "jsonl")
    assert res.exit_code == ExitCode.PARTIAL
    first, second = (json.loads(line) for line in res.stdout.strip().split("\n"))
    assert first["error"]["code"] == "not_found" and second["error"] is None


def test_binary_input(tmp_path):
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(b"%PDF-1.4\n\x00\x01\x02")
    res = invoke(str(pdf))
    assert res.exit_code == ExitCode.INPUT and "PDF" in res.stderr


def test_not_an_article(tmp_path):
    path = tmp_path / "menu.txt"
    path.write_text("Accueil\nContact\n")
    res = invoke(str(path))
    assert res.exit_code == ExitCode.NOT_ARTICLE and "no article text" in res.stderr


def test_http_error(http_server):
    res = invoke(http_server.url("/missing"))
    assert res.exit_code == ExitCode.NETWORK and "404" in res.stderr


def test_extract_subcommand(sample_fr):
    res = invoke("extract", str(sample_fr))
    assert res.exit_code == 0
    paragraphs = [p for p in res.stdout.split("\n\n") if p.strip()]
    assert paragraphs[0].startswith("Sam Altman annonce")
    assert len(paragraphs) == 7
    assert "Laisser un commentaire" not in res.stdout


def test_extract_no_clean_keeps_everything(sample_fr):
    res = invoke("extract", "--no-clean", "--format", "json", str(sample_fr))
    obj = json.loads(res.stdout)
    assert "Laisser un commentaire" in obj["text"] and obj["summary"] is None


def test_figures_subcommand_markdown(sample_fr):
    res = invoke("figures", "--format", "markdown", str(sample_fr))
    assert res.exit_code == 0
    assert "| Value |" in res.stdout and "$20 billion" in res.stdout
    assert "## Summary" not in res.stdout


def test_markdown_highlights_figures(sample_fr):
    res = invoke(str(sample_fr), "--no-translate", "--format", "markdown", "-n", "3")
    assert res.stdout.startswith("# Sam Altman")
    assert "**" in res.stdout.split("## Key figures")[0]


def test_output_file_format_from_extension(sample_fr, tmp_path):
    out = tmp_path / "result.json"
    res = invoke(str(sample_fr), "--no-translate", "-o", str(out))
    assert res.exit_code == 0 and res.stdout == ""
    assert json.loads(out.read_text())["language"] == "fr"


def test_lang_override_and_validation(sample_fr):
    res = invoke("extract", "--lang", "fr", "--format", "json", str(sample_fr))
    assert json.loads(res.stdout)["language"] == "fr"
    res = invoke("extract", "--lang", "french", str(sample_fr))
    assert res.exit_code == ExitCode.USAGE and "ISO 639-1" in res.stderr


def test_quiet_hides_warnings(sample_fr):
    res = invoke(str(sample_fr), "--quiet")
    assert res.exit_code == 0 and res.stderr == ""


def test_rich_format_and_no_color(sample_fr, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    res = invoke(str(sample_fr), "--no-translate", "--format", "rich")
    assert res.exit_code == 0
    assert "Key figures" in res.stdout and "\x1b[" not in res.stdout


def test_version():
    res = invoke("--version")
    assert res.exit_code == 0 and res.stdout.startswith("summarize-cli ")


def test_python_m_and_stdin_pipe(sample_fr):
    proc = subprocess.run(
        [sys.executable, "-m", "summarize_cli", "-", "--format", "jsonl", "--no-translate"],
        input=sample_fr.read_bytes(), capture_output=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["language"] == "fr"


def test_cli_import_does_not_import_torch():
    code = "import sys, summarize_cli.cli; bad = [m for m in ('torch', 'transformers') if m in sys.modules]; print(bad); sys.exit(bool(bad))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout


@pytest.mark.parametrize("command", ["summarize", "extract", "figures"])
def test_help_lists_shared_options(command):
    res = invoke(command, "--help")
    assert res.exit_code == 0
    for option in ("--format", "--lang", "--no-clean", "--output"):
        assert option in res.stdout


def test_no_arguments_shows_commands():
    res = invoke()
    assert "extract" in res.stdout and "figures" in res.stdout


def test_each_command_is_a_plain_function_typer_reads_as_written():
    import inspect

    from summarize_cli import cli

    commands = {c.name: c.callback for c in cli.app.registered_commands}
    assert set(commands) == {"summarize", "extract", "figures", "quotes", "translate", "batch"}
    for name, func in commands.items():
        assert func is getattr(cli, f"{name}_command") and func.__name__ == f"{name}_command"
        assert not hasattr(func, "__signature__") and not hasattr(func, "__wrapped__")
        assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in inspect.signature(func).parameters.values())


def test_batch_runs_without_the_results_cache(tmp_path, sample_en, monkeypatch):
    import os

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"id": "a", "text": sample_en.read_text(encoding="utf-8")}) + "\n", encoding="utf-8")
    res = invoke("batch", str(rows), "-o", str(tmp_path / "out.jsonl"), "--no-translate")
    assert res.exit_code == 0, res.stderr
    assert json.loads((tmp_path / "out.jsonl").read_text())["source"] == "a"
    assert not any(name.endswith(".sqlite") for _root, _dirs, files in os.walk(tmp_path / "cache") for name in files)
    # the article commands do use it
    assert invoke(str(sample_en), "--no-translate", "-f", "json").exit_code == 0
    assert any(name.endswith(".sqlite") for _root, _dirs, files in os.walk(tmp_path / "cache") for name in files)
