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
