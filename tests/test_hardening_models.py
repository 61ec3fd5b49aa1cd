"""Hostile model folders through the CLI: not a model, wrong kind, truncated weights, pickles, remote code."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from servers import invoke
from summarize_cli.errors import ExitCode

# Written by the "remote code" model if anything ever imports it.
_MARKER_ENV = "SUMMARIZE_TEST_REMOTE_CODE_MARKER"


# --------------------------------------------------------------------------- hostile folders

def _empty(tmp: Path, **_: Path) -> Path:
    folder = tmp / "empty"
    folder.mkdir()
    return folder


def _random_files(tmp: Path, **_: Path) -> Path:
    folder = tmp / "random"
    folder.mkdir()
    rng = __import__("random").Random(7)
    (folder / "config.json").write_bytes(bytes(rng.randrange(256) for _ in range(300)))
    (folder / "model.safetensors").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    (folder / "tokenizer.json").write_text("{not json", encoding="utf-8")
    (folder / "notes.txt").write_text("hello\n", encoding="utf-8")
    return folder


def _truncated(tmp: Path, marian: Path, **_: Path) -> Path:
    folder = tmp / "truncated"
    shutil.copytree(marian, folder)
    weights = folder / "model.safetensors"
    size = weights.stat().st_size
    with weights.open("r+b") as fh:
        fh.truncate(size // 2)
    return folder


def _pickle_only(tmp: Path, marian: Path, **_: Path) -> Path:
    import torch
    from safetensors.torch import load_file

    folder = tmp / "pickle-only"
    shutil.copytree(marian, folder)
    state = load_file(str(folder / "model.safetensors"))
    torch.save(state, folder / "pytorch_model.bin")
    (folder / "model.safetensors").unlink()
    return folder


def _remote_code(tmp: Path, marian: Path, **_: Path) -> Path:
    folder = tmp / "remote-code"
    shutil.copytree(marian, folder)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config.update(
        architectures=["EvilForConditionalGeneration"],
        model_type="evil",
        auto_map={
            "AutoConfig": "modeling_evil.EvilConfig",
            "AutoModel": "modeling_evil.EvilForConditionalGeneration",
            "AutoModelForSeq2SeqLM": "modeling_evil.EvilForConditionalGeneration",
            "AutoModelForCausalLM": "modeling_evil.EvilForConditionalGeneration",
        },
    )
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    (folder / "modeling_evil.py").write_text(
        "import os, pathlib\n"
        f"pathlib.Path(os.environ[{_MARKER_ENV!r}]).write_text('ran')\n"
        "raise SystemExit('remote code ran')\n",
        encoding="utf-8",
    )
    return folder


def _causal(tmp: Path, causal: Path, **_: Path) -> Path:
    folder = tmp / "causal"
    shutil.copytree(causal, folder)
    return folder


def _marian_copy(tmp: Path, marian: Path, **_: Path) -> Path:
    folder = tmp / "marian"
    shutil.copytree(marian, folder)
    return folder


Builder = Callable[..., Path]

BROKEN: dict[str, Builder] = {
    "empty-dir": _empty,
    "random-files": _random_files,
    "truncated-safetensors": _truncated,
    "pickle-only": _pickle_only,
    "remote-code": _remote_code,
}


@pytest.fixture
def marker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Path that remote code would write; the test asserts it never appears."""
    path = tmp_path / "remote-code-ran"
    monkeypatch.setenv(_MARKER_ENV, str(path))
    return path


def _build(name: str, tmp_path: Path, tiny_marian: Path, tiny_causal: Path | None = None) -> Path:
    builders = {**BROKEN, "causal-lm": _causal, "marian": _marian_copy}
    return builders[name](tmp_path, marian=tiny_marian, causal=tiny_causal)


def _assert_model_failure(res, *, remote_marker: Path) -> dict:  # type: ignore[no-untyped-def]
    """Exit 6, one ``summarize: error:`` line, no traceback, stdout the JSON object with error set."""
    assert res.exit_code == ExitCode.MODEL, (res.exit_code, res.stderr, res.exception)
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith("summarize: error:")]
    assert len(errors) == 1, res.stderr
    # The whole message on that one line: no continuation lines from a library's multi-line exception text.
    assert lines == errors, res.stderr
    obj = json.loads(res.stdout)
    assert obj["error"] is not None and obj["error"]["code"].startswith("model"), obj["error"]
    assert obj["error"]["message"]
    assert not remote_marker.exists(), "remote code from the model folder was executed"
    return obj


# --------------------------------------------------------------------------- translation model

def _cases(*names: str) -> list[str]:
    return list(names)


TRANSLATION_CASES = _cases(*BROKEN, "causal-lm")


@pytest.mark.parametrize("case", TRANSLATION_CASES)
def test_bad_translation_model_strict(case: str, tmp_path: Path, sample_fr: Path, tiny_marian: Path, tiny_causal: Path, marker: Path) -> None:
    folder = _build(case, tmp_path, tiny_marian, tiny_causal)
    res = invoke(str(sample_fr), "--translation-model", str(folder), "--strict", "--format", "json", "--no-cache")
    _assert_model_failure(res, remote_marker=marker)


@pytest.mark.parametrize("case", TRANSLATION_CASES)
def test_bad_translation_model_falls_back_to_french(case: str, tmp_path: Path, sample_fr: Path, tiny_marian: Path, tiny_causal: Path, marker: Path) -> None:
    folder = _build(case, tmp_path, tiny_marian, tiny_causal)
    res = invoke(str(sample_fr), "--translation-model", str(folder), "--format", "json", "--no-cache")
    assert res.exit_code == 0, (res.exit_code, res.stderr, res.exception)
    assert "Traceback" not in res.stderr
    obj = json.loads(res.stdout)
    assert obj["error"] is None
    assert obj["summary"]["language"] == "fr"
    assert obj["summary"]["sentences"] and all(s in obj["text"] for s in obj["summary"]["sentences"])
    assert obj.get("translation") is None
    assert any(str(folder) in w or "model" in w for w in obj["warnings"]), obj["warnings"]
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert lines and all(ln.startswith("summarize: warning:") for ln in lines), res.stderr
    assert not marker.exists()


# --------------------------------------------------------------------------- summary models

@pytest.mark.parametrize("case", _cases(*BROKEN, "causal-lm"))
def test_bad_seq2seq_model_strict(case: str, tmp_path: Path, sample_en: Path, tiny_marian: Path, tiny_causal: Path, marker: Path) -> None:
    folder = _build(case, tmp_path, tiny_marian, tiny_causal)
    res = invoke(str(sample_en), "--summarizer", "seq2seq", "--summary-model", str(folder), "--strict",
                 "--format", "json", "--no-cache", "--no-translate")
    _assert_model_failure(res, remote_marker=marker)


@pytest.mark.parametrize("case", [*BROKEN, "marian"])
def test_bad_instruct_model_strict(case: str, tmp_path: Path, sample_en: Path, tiny_marian: Path, marker: Path) -> None:
    folder = _build(case, tmp_path, tiny_marian)
    res = invoke(str(sample_en), "--summarizer", "instruct", "--summary-model", str(folder), "--strict",
                 "--format", "json", "--no-cache", "--no-translate")
    _assert_model_failure(res, remote_marker=marker)


def test_good_models_still_load(tmp_path: Path, sample_fr: Path, sample_en: Path, tiny_marian: Path, tiny_bart: Path, marker: Path) -> None:
    """The checks above must not refuse sound models (guards against refusing everything)."""
    res = invoke(str(sample_fr), "--translation-model", str(tiny_marian), "--strict", "--format", "json", "--no-cache")
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["summary"]["language"] == "en"
    res = invoke(str(sample_en), "--summarizer", "seq2seq", "--summary-model", str(tiny_bart), "--strict",
                 "--format", "json", "--no-cache", "--no-translate", "-n", "1")
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["summary"]["method"] == "seq2seq"


def test_pickle_is_never_unpickled(tmp_path: Path, sample_fr: Path, tiny_marian: Path, marker: Path) -> None:
    """A pickle checkpoint that would run code when loaded is refused before anything reads it."""
    folder = tmp_path / "evil-pickle"
    shutil.copytree(tiny_marian, folder)
    (folder / "model.safetensors").unlink()

    class _Evil:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (Path.write_text, (Path(os.environ[_MARKER_ENV]), "ran"))

    import pickle

    (folder / "pytorch_model.bin").write_bytes(pickle.dumps({"weight": _Evil()}))
    res = invoke(str(sample_fr), "--translation-model", str(folder), "--strict", "--format", "json", "--no-cache")
    obj = _assert_model_failure(res, remote_marker=marker)
    assert "pickle" in obj["error"]["message"]


# --------------------------------------------------------------------------- models that load, then fail inside their libraries

def _corrupt_spm(tmp: Path, marian: Path, **_: Path) -> Path:
    folder = tmp / "corrupt-spm"
    shutil.copytree(marian, folder)
    (folder / "source.spm").write_bytes(b"not a sentencepiece model" * 20)
    return folder


def _broken_tokenizer_json(tmp: Path, marian: Path, **_: Path) -> Path:
    folder = tmp / "broken-tokenizer-json"
    shutil.copytree(marian, folder)
    (folder / "tokenizer.json").write_text('{"version": "1.0", "model": 5}', encoding="utf-8")
    return folder


def _one_position(tmp: Path, marian: Path, **_: Path) -> Path:
    folder = tmp / "one-position"
    shutil.copytree(marian, folder)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["max_position_embeddings"] = 1
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return folder


def _id_out_of_range(tmp: Path, marian: Path, **_: Path) -> Path:
    folder = tmp / "id-out-of-range"
    shutil.copytree(marian, folder)
    vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
    for piece in list(vocab)[5:60]:
        vocab[piece] = 100_000  # past the embedding table
    (folder / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    return folder


FAILING_INSIDE: dict[str, Builder] = {
    "corrupt-spm": _corrupt_spm,
    "broken-tokenizer-json": _broken_tokenizer_json,
    "one-position": _one_position,
    "id-out-of-range": _id_out_of_range,
}


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
@pytest.mark.parametrize("case", list(FAILING_INSIDE))
def test_library_failures_are_model_errors(case: str, backend: str, tmp_path: Path, sample_fr: Path, tiny_marian: Path, marker: Path) -> None:
    folder = FAILING_INSIDE[case](tmp_path, marian=tiny_marian)
    common = ("--translation-model", str(folder), "--backend", backend, "--no-cache")
    strict = invoke(str(sample_fr), *common, "--strict", "--format", "json")
    if strict.exit_code == 0:
        # Some back ends never read the broken part (CTranslate2 uses source.spm, not tokenizer.json).
        assert json.loads(strict.stdout)["summary"]["language"] == "en"
        return
    _assert_model_failure(strict, remote_marker=marker)
    # Without --strict: a warning, the summary in French, and the other source of the batch as well.
    res = invoke(str(sample_fr), str(sample_fr), *common, "--format", "jsonl")
    assert res.exit_code == 0, (res.stderr, res.exception)
    assert "Traceback" not in res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["summary"]["language"] for r in rows] == ["fr", "fr"] and all(r["error"] is None for r in rows)
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert lines[-1] == "summarize: 2 ok, 0 failed"
    # One warning for the batch: the model's trouble is the same for every article, so it is said once per run.
    assert len(lines) == 2 and all(ln.startswith("summarize: warning:") and str(folder) in ln for ln in lines[:-1]), res.stderr


def test_summary_model_failing_inside_is_a_model_error(tmp_path: Path, sample_en: Path, tiny_bart: Path, marker: Path) -> None:
    folder = tmp_path / "bart-one-position"
    shutil.copytree(tiny_bart, folder)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["max_position_embeddings"] = 1
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    for backend in ("ctranslate2", "transformers"):
        res = invoke(str(sample_en), "--summarizer", "seq2seq", "--summary-model", str(folder), "--backend", backend,
                     "--strict", "--format", "json", "--no-cache", "--no-translate")
        _assert_model_failure(res, remote_marker=marker)


@pytest.mark.parametrize("case", ["truncated-safetensors", "one-position"])
def test_summary_model_failure_without_strict_falls_back_to_extractive(case: str, tmp_path: Path, sample_en: Path, tiny_marian: Path, tiny_bart: Path, marker: Path) -> None:
    if case == "one-position":
        folder = tmp_path / "bart-one-position"
        shutil.copytree(tiny_bart, folder)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        config["max_position_embeddings"] = 1
        (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    else:
        folder = _build(case, tmp_path, tiny_marian)
    res = invoke(str(sample_en), "--summarizer", "seq2seq", "--summary-model", str(folder), "--format", "json", "--no-cache", "--no-translate")
    assert res.exit_code == 0, (res.stderr, res.exception)
    obj = json.loads(res.stdout)
    assert obj["error"] is None and obj["summary"]["method"] == "extractive" and obj["summary"]["sentences"]
    assert any(str(folder) in w and "extractive instead" in w for w in obj["warnings"]), obj["warnings"]
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert lines and all(ln.startswith("summarize: warning:") for ln in lines), res.stderr
    assert not marker.exists()
