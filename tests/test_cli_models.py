"""The CLI with real (tiny, random) models: translation, seq2seq and instruct summaries, model commands."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from summarize_cli.cli import app
from summarize_cli.errors import ExitCode

runner = CliRunner()


def run_json(*args: str):
    res = runner.invoke(app, [*args, "--format", "json", "--no-cache"])
    return res, (json.loads(res.stdout) if res.stdout.strip() else None)


def test_english_summary_through_the_translation_model(sample_fr, tiny_marian):
    res, obj = run_json(str(sample_fr), "--translation-model", str(tiny_marian))
    assert res.exit_code == 0, res.stderr
    assert obj["summary"]["language"] == "en"
    assert obj["translation"]["model"] == str(tiny_marian)
    assert len(obj["translation"]["sentences"]) == len(obj["summary"]["sentences"]) == 3
    # The source sentences stay, in French, for checking.
    assert obj["summary"]["source_sentences"][0] in obj["text"]
    assert all(isinstance(s["figures_ok"], bool) for s in obj["translation"]["sentences"])


def test_missing_model_strict_exit_code_and_message(sample_fr, tmp_path):
    not_a_model = tmp_path / "empty-model"
    not_a_model.mkdir()
    res, obj = run_json(str(sample_fr), "--translation-model", str(not_a_model), "--strict")
    assert res.exit_code == ExitCode.MODEL
    assert obj["error"]["code"].startswith("model")
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr


def test_translate_command_keeps_paragraphs(sample_fr, tiny_marian):
    res, obj = run_json("translate", str(sample_fr), "--translation-model", str(tiny_marian))
    assert res.exit_code == 0, res.stderr
    assert obj["language"] == "en" and len(obj["text"].split("\n")) == 6
    assert obj["translation"]["sentences"][0]["source"].startswith("En novembre 2025")


def test_translate_command_without_model_is_an_error(sample_fr):
    res, obj = run_json("translate", str(sample_fr))
    assert res.exit_code == ExitCode.MODEL and "summarize models pull" in res.stderr


def test_seq2seq_summarizer(sample_en, tiny_bart):
    res, obj = run_json(str(sample_en), "--summarizer", "seq2seq", "--summary-model", str(tiny_bart), "-n", "2")
    assert res.exit_code == 0, res.stderr
    assert obj["summary"]["method"] == "seq2seq" and obj["summary"]["model"] == str(tiny_bart)
    assert 1 <= len(obj["summary"]["sentences"]) <= 2


def test_instruct_summarizer_with_prompt_file(sample_en, tiny_causal, tmp_path):
    res, obj = run_json(str(sample_en), "--summarizer", "instruct", "--summary-model", str(tiny_causal), "--no-translate", "-n", "1")
    assert res.exit_code == 0, res.stderr
    assert obj["summary"]["method"] == "instruct"
    bad = tmp_path / "bad.txt"
    bad.write_text("Summarise {nonsense}\n")
    res, obj = run_json(str(sample_en), "--summarizer", "instruct", "--summary-model", str(tiny_causal), "--prompt", str(bad))
    assert res.exit_code != 0 and "nonsense" in res.stderr


def test_models_list_and_path(tiny_marian):
    res = runner.invoke(app, ["models", "list", "--format", "json"])
    assert res.exit_code == 0
    names = [m["name"] for m in json.loads(res.stdout)]
    assert "Helsinki-NLP/opus-mt-fr-en" in names
    res = runner.invoke(app, ["models", "path", str(tiny_marian)])
    assert res.exit_code == 0 and res.stdout.strip() == str(tiny_marian)
    res = runner.invoke(app, ["models", "path", "Helsinki-NLP/opus-mt-fr-en"])
    assert res.exit_code == ExitCode.MODEL and "summarize models pull Helsinki-NLP/opus-mt-fr-en" in res.stderr


def test_models_pull_offline_never_downloads():
    res = runner.invoke(app, ["models", "pull", "Helsinki-NLP/opus-mt-fr-en", "--offline"])
    assert res.exit_code == ExitCode.MODEL and "offline" in res.stderr and res.stdout == ""


def test_translate_cache_is_keyed_by_the_model(sample_fr, tiny_marian, tmp_path):
    import shutil

    other = tmp_path / "other-model"
    shutil.copytree(tiny_marian, other)
    args = ["translate", str(sample_fr), "--format", "json", "--cache-dir", str(tmp_path / "cache")]
    first = json.loads(runner.invoke(app, [*args, "--translation-model", str(tiny_marian)]).stdout)
    second = json.loads(runner.invoke(app, [*args, "--translation-model", str(other)]).stdout)
    assert first["translation"]["model"] == str(tiny_marian) and second["translation"]["model"] == str(other)


def test_models_remove_deletes_the_model_and_says_what_it_freed(tiny_marian):
    from summarize_cli.hub import hf_cache_dir
    from tinymodels import install_in_hf_cache

    install_in_hf_cache(tiny_marian, "Helsinki-NLP/opus-mt-fr-en", hf_cache_dir())
    assert runner.invoke(app, ["models", "path", "Helsinki-NLP/opus-mt-fr-en"]).exit_code == 0
    res = runner.invoke(app, ["models", "remove", "Helsinki-NLP/opus-mt-fr-en"])
    assert res.exit_code == 0 and res.stderr == ""
    assert res.stdout.startswith("removed Helsinki-NLP/opus-mt-fr-en (") and res.stdout.endswith(" KB freed)\n")
    rows = {m["name"]: m for m in json.loads(runner.invoke(app, ["models", "list", "--format", "json"]).stdout)}
    assert rows["Helsinki-NLP/opus-mt-fr-en"]["installed"] is False
    res = runner.invoke(app, ["models", "remove", "Helsinki-NLP/opus-mt-fr-en"])
    assert res.exit_code == ExitCode.MODEL and res.stdout == ""
    assert "model Helsinki-NLP/opus-mt-fr-en is not installed (see `summarize models list`)" in res.stderr


def test_models_list_shows_every_id_in_full_at_80_columns():
    from summarize_cli.models import list_models

    res = runner.invoke(app, ["models", "list", "--format", "rich"], env={"COLUMNS": "80"}, terminal_width=80)
    assert res.exit_code == 0, res.output
    ids = [r.name for r in list_models()]
    assert "Helsinki-NLP/opus-mt-tc-big-fr-en" in ids
    for name in ids:
        assert name in res.stdout, name
    assert max(len(line) for line in res.stdout.splitlines()) <= 80
