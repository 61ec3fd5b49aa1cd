"""Shared plumbing of the model back ends: engine and device choice, threads, safe weights, long inputs."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import warnings
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from summarize_cli.errors import ModelError

BACKENDS = ("auto", "ctranslate2", "transformers")
DEVICES = ("auto", "cpu", "cuda")

_PICKLE_WEIGHTS = ("pytorch_model*.bin", "*.pt", "*.pth", "*.ckpt", "*.pkl", "tf_model.h5", "flax_model.msgpack")
# Where a too-long sentence may be cut, best first.
_CUTS = (re.compile(r"[;:]\s+"), re.compile(r",\s+"), re.compile(r"\s+[–—-]\s+"), re.compile(r"\s+"))


def threads() -> int:
    """CPU threads for inference: $SUMMARIZE_THREADS, else the CPUs this process may use."""
    env = os.environ.get("SUMMARIZE_THREADS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def ct2_available() -> bool:
    """True when the CTranslate2 runtime can be imported."""
    return importlib.util.find_spec("ctranslate2") is not None


def pick_runtime(backend: str, device: str, *, ct2_ok: bool = True) -> tuple[str, str]:
    """Resolve ``(engine, device)``: CTranslate2 on CPU when possible, transformers for CUDA or on request."""
    if backend not in BACKENDS:
        raise ModelError(f"unknown backend {backend!r}", "choose one of: " + ", ".join(BACKENDS))
    if device not in DEVICES:
        raise ModelError(f"unknown device {device!r}", "choose one of: " + ", ".join(DEVICES))
    has_ct2 = ct2_ok and ct2_available()
    if backend == "ctranslate2":
        if not has_ct2:
            raise ModelError("the CTranslate2 back end is not installed", "pip install ctranslate2, or use --backend transformers")
        if device == "auto":
            device = "cuda" if _ct2_cuda() else "cpu"
        if device == "cuda" and not _ct2_cuda():
            raise ModelError("no CUDA device is visible to CTranslate2", "use --device cpu")
        return "ctranslate2", device
    if backend == "auto" and device != "cuda":
        cuda = _ct2_cuda() if has_ct2 else _torch_cuda()
        if device == "auto" and cuda:
            return "transformers", "cuda"
        if has_ct2:
            return "ctranslate2", "cpu"
        return "transformers", "cpu"
    if device == "auto":
        device = "cuda" if _torch_cuda() else "cpu"
    return "transformers", device


def _ct2_cuda() -> bool:
    try:
        import ctranslate2

        return ctranslate2.get_cuda_device_count() > 0
    except Exception:  # noqa: BLE001 - a broken CUDA install means no CUDA
        return False


def _torch_cuda() -> bool:
    try:
        import torch

        return bool(torch.cuda.is_available())
    except Exception:  # noqa: BLE001
        return False


def check_cuda(device: str) -> None:
    """Raise ModelError when transformers is asked for CUDA and torch cannot see a GPU."""
    if device == "cuda" and not _torch_cuda():
        raise ModelError("CUDA was requested but torch sees no GPU", "use --device cpu")


def require_safetensors(path: Path, name: str) -> None:
    """Refuse folders that would run code: remote-code models, and pickle-only weights."""
    config = read_json(path / "config.json") if (path / "config.json").is_file() else {}
    code = sorted(p.name for p in path.glob("*.py"))
    if config.get("auto_map") or code:
        raise ModelError(
            f"model {name} ships its own Python code ({', '.join(code) or 'auto_map in config.json'}); summarize-cli never runs model code",
            "use a model that transformers supports natively",
        )
    if any(path.glob("*.safetensors")) or (path / "model.safetensors.index.json").exists():
        return
    pickles = sorted({p.name for pattern in _PICKLE_WEIGHTS for p in path.glob(pattern)})
    if pickles:
        raise ModelError(
            f"model {name} only has pickle weights ({', '.join(pickles)}), which can run code when loaded; refusing them",
            "use a model that ships model.safetensors, or convert it to safetensors yourself",
        )
    raise ModelError(f"model {name} has no weights (no *.safetensors in {path})", "check the folder, or pull the model again")


@cache
def read_json(path: Path) -> dict[str, Any]:
    """A JSON file as a dict; {} when absent or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def input_limit(path: Path, default: int = 512) -> int:
    """Most input tokens (specials included) the model at ``path`` accepts."""
    config = read_json(path / "config.json")
    limits = [config.get(k) for k in ("max_position_embeddings", "n_positions", "max_seq_len")]
    tok = read_json(path / "tokenizer_config.json").get("model_max_length")
    # T5-style relative positions have no table: the tokenizer's limit (or 512) applies.
    limits.append(tok if isinstance(tok, int) and tok < 1_000_000 else None)
    limits = [v for v in limits if isinstance(v, int) and v > 0]
    return min(limits) if limits else default


def quiet_transformers() -> None:
    """Silence transformers' and the hub's progress bars, warnings and advice (stdout stays clean)."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()
    warnings.filterwarnings("ignore", message=".*sacremoses.*")
    warnings.filterwarnings("ignore", module="transformers")


def set_torch_threads() -> None:
    """Give torch the thread count of :func:`threads`."""
    import torch

    n = threads()
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)


def split_to_fit(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` tokens: at ;/: then commas, dashes, spaces, else characters."""
    if count(text) <= limit or len(text) < 2:
        return [text]
    for pattern in _CUTS:
        cuts = [m for m in pattern.finditer(text) if 0 < m.start() and m.end() < len(text)]
        if cuts:
            # The cut nearest the middle keeps the recursion shallow and the pieces even.
            mid = len(text) / 2
            best = min(cuts, key=lambda m: abs(m.start() - mid))
            head, tail = text[: best.start() + len(best.group().rstrip())].rstrip(), text[best.end():]
            if head and tail:
                return split_to_fit(head, count, limit) + split_to_fit(tail, count, limit)
    mid = len(text) // 2
    return split_to_fit(text[:mid], count, limit) + split_to_fit(text[mid:], count, limit)


def pack(texts: Sequence[str], count: Callable[[str], int], limit: int, joiner: str = " ") -> list[str]:
    """Join consecutive texts into chunks of at most ``limit`` tokens (longer texts are cut first)."""
    pieces = [p for t in texts for p in split_to_fit(t, count, limit)]
    chunks: list[str] = []
    current: list[str] = []
    total = 0
    for piece in pieces:
        # Each piece's count includes its special tokens, so the sum errs on the safe side.
        size = count(piece)
        if current and total + size > limit:
            chunks.append(joiner.join(current))
            current, total = [], 0
        current.append(piece)
        total += size
    if current:
        chunks.append(joiner.join(current))
    return chunks
