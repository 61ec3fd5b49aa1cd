"""Model management for `summarize models`: what is known, what is installed, pulling and removing."""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarize_cli.errors import ModelError, ModelNotFound, NetworkError, NoSuchModel
from summarize_cli.hub import ct2_cache_dir, hf_cache_dir, resolve_model

Progress = Callable[[str, int, "int | None"], None]

# Weights are only ever taken as safetensors: pickles can run code when loaded.
ALLOW_PATTERNS = ["*.json", "*.safetensors", "*.spm", "*.model", "*.txt", "*.tiktoken", "*.jinja", "tokenizer*"]
IGNORE_PATTERNS = ["*.bin", "*.pt", "*.pth", "*.ckpt", "*.pkl", "*.h5", "*.msgpack", "*.onnx", "*.ot", "onnx/*", "tf_model*", "flax_model*"]


@dataclass(frozen=True)
class KnownModel:
    """A model summarize-cli knows how to use."""

    name: str
    task: str
    description: str


@dataclass(frozen=True)
class ModelInfo:
    """One row of `summarize models list`."""

    name: str
    task: str | None
    description: str | None
    installed: bool
    path: Path | None = None
    size_bytes: int = 0
    ct2: bool = False
    known: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "name": self.name,
            "task": self.task,
            "description": self.description,
            "installed": self.installed,
            "path": str(self.path) if self.path else None,
            "size_bytes": self.size_bytes,
            "ct2": self.ct2,
            "known": self.known,
        }


_KNOWN = (
    KnownModel("Helsinki-NLP/opus-mt-fr-en", "translation", "French -> English (OPUS-MT, default translator)"),
    KnownModel(
        "Helsinki-NLP/opus-mt-tc-big-fr-en", "translation",
        "French -> English, better and slower (OPUS-MT transformer-big, CC-BY-4.0, FLORES-200 BLEU 46.0): pull it, then --translation-model",
    ),
    KnownModel("Helsinki-NLP/opus-mt-de-en", "translation", "German -> English (OPUS-MT)"),
    KnownModel("Helsinki-NLP/opus-mt-es-en", "translation", "Spanish -> English (OPUS-MT)"),
    KnownModel("Helsinki-NLP/opus-mt-it-en", "translation", "Italian -> English (OPUS-MT)"),
    KnownModel("Helsinki-NLP/opus-mt-en-fr", "translation", "English -> French (OPUS-MT)"),
    KnownModel("sshleifer/distilbart-cnn-12-6", "summarization", "English abstractive summaries (--summarizer seq2seq)"),
    KnownModel("Qwen/Qwen2.5-0.5B-Instruct", "instruct", "Small multilingual instruction model (--summarizer instruct)"),
    KnownModel("HuggingFaceTB/SmolLM2-360M-Instruct", "instruct", "Tiny English instruction model (--summarizer instruct)"),
)
KNOWN_MODELS: dict[str, KnownModel] = {m.name: m for m in _KNOWN}


def model_path(name: str) -> Path:
    """Local folder of model ``name`` (HF id in the cache, or a path); raises ModelNotFound."""
    return resolve_model(name)


def list_models() -> list[ModelInfo]:
    """Known models (installed or not) and every model in the local HF cache, with size and CT2 status."""
    rows: dict[str, ModelInfo] = {}
    for repo in _cached_repos():
        path = _snapshot(repo)
        known = KNOWN_MODELS.get(repo.repo_id)
        rows[repo.repo_id] = ModelInfo(
            name=repo.repo_id,
            task=known.task if known else (_task(path) if path else None),
            description=known.description if known else None,
            installed=path is not None,
            path=path,
            size_bytes=int(repo.size_on_disk),
            ct2=_converted(path, repo.repo_id) if path else False,
            known=known is not None,
        )
    for known in _KNOWN:
        rows.setdefault(known.name, ModelInfo(known.name, known.task, known.description, installed=False, known=True))
    order = {m.name: i for i, m in enumerate(_KNOWN)}
    return sorted(rows.values(), key=lambda r: (order.get(r.name, len(order)), r.name.lower()))


def pull(name: str, *, progress: Progress | None = None, offline: bool = False) -> Path:
    """Download ``name`` (safetensors only) into the HF cache, then convert it for CTranslate2 when useful."""
    if offline or _env_offline():
        try:
            path = resolve_model(name)
        except ModelNotFound:
            raise ModelNotFound(
                f"model {name} is not installed and downloads are off (offline mode)",
                "unset HF_HUB_OFFLINE and run `summarize models pull` with internet access, or copy the model folder here",
            ) from None
    else:
        path = _download(name, progress)
    _require_weights(path, name)
    _convert(path, name, progress)
    return path


# A first run must not hang on a black-holed network: the mirror answers a TCP connect within this, or is down.
CONNECT_TIMEOUT_S = 3.0
_UNREACHABLE: dict[str, ModelNotFound] = {}


def fetch_on_first_use(name: str, *, offline: bool = False) -> Path:
    """The local folder of default model ``name``, downloaded (with a one-line notice) when it is not there yet.

    Raises ModelNotFound, without sending anything, when offline; and when the mirror cannot be reached, once
    per process (a batch does not try again for each article).
    """
    import logging

    try:
        return resolve_model(name)
    except ModelNotFound:
        if offline or _env_offline():
            raise ModelNotFound(
                f"model {name} is not installed and downloads are off (offline mode)", f"get it once with: summarize models pull {name}"
            ) from None
    if name in _UNREACHABLE:
        raise _UNREACHABLE[name]
    endpoint = hub_endpoint()
    try:
        _probe(endpoint)
        size = _download_size(name, endpoint)
        # A notice, not a warning: logged at WARNING so it is not filtered, shown as "summarize: fetching ...".
        logging.getLogger("summarize_cli").warning(
            "fetching %s (%s, first use) from %s into %s; later runs need no network", name, human_size(size) if size else "size unknown", endpoint, hf_cache_dir(),
            extra={"notice": True},
        )
        path = _download(name, None, endpoint)
        _require_weights(path, name)
        _convert(path, name, None)
        return path
    except NoSuchModel:
        from summarize_cli.languages import language_name

        pair = name.rsplit("opus-mt-", 1)[-1] if "opus-mt-" in name else ""
        what = " -> ".join(language_name(c) for c in pair.split("-")) if pair.count("-") == 1 else name
        failure = NoSuchModel(f"there is no translation model for {what}: {endpoint} has no {name}", "give one with --translation-model, or use --no-translate")
        _UNREACHABLE[name] = failure
        raise failure from None
    except (NetworkError, ModelError, OSError) as exc:
        reason = exc.message if isinstance(exc, ModelError | NetworkError) else f"{exc.__class__.__name__}: {exc}"
        failure = ModelNotFound(f"model {name} is not installed and could not be fetched from {endpoint} ({reason})", f"get it later with: summarize models pull {name}")
        _UNREACHABLE[name] = failure
        raise failure from None


def hub_endpoint() -> str:
    """The Hub or mirror models come from: $HF_ENDPOINT, else huggingface.co."""
    return (os.environ.get("HF_ENDPOINT") or "https://huggingface.co").rstrip("/")


def _probe(endpoint: str) -> None:
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(endpoint)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        socket.create_connection((parts.hostname or "", port), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as exc:
        raise NetworkError(f"cannot connect to {parts.hostname}:{port} ({exc.__class__.__name__})", "check the connection or HF_ENDPOINT") from None


def _download_size(name: str, endpoint: str) -> int | None:
    from fnmatch import fnmatch

    from huggingface_hub import HfApi

    from huggingface_hub.errors import RepositoryNotFoundError

    try:
        info = HfApi(endpoint=endpoint).model_info(name, files_metadata=True)
    except RepositoryNotFoundError:
        raise NoSuchModel(f"there is no model {name} on the Hugging Face Hub", "check the name (owner/model)") from None
    except Exception:  # noqa: BLE001 - the size is for the notice only; the download says what went wrong
        return None
    wanted = [s for s in info.siblings or () if any(fnmatch(s.rfilename, p) for p in ALLOW_PATTERNS) and not any(fnmatch(s.rfilename, p) for p in IGNORE_PATTERNS)]
    return sum(s.size or 0 for s in wanted) or None


def human_size(size: float) -> str:
    """A byte count as people read it: "715.2 KB", "1.2 GB"."""
    for unit in ("B", "KB", "MB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


def remove(name: str) -> int:
    """Delete model ``name`` from the HF cache and its CTranslate2 conversions; returns the bytes freed."""
    freed = 0
    for repo in _cached_repos():
        if repo.repo_id == name:
            freed += int(repo.size_on_disk)
            shutil.rmtree(repo.repo_path, ignore_errors=True)
    for folder in _conversions_of(name):
        freed += _du(folder)
        shutil.rmtree(folder, ignore_errors=True)
    if not freed:
        raise ModelNotFound(f"model {name} is not installed", "see `summarize models list`")
    return freed


def _env_offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def _download(name: str, progress: Progress | None, endpoint: str | None = None) -> Path:
    import huggingface_hub
    from huggingface_hub import errors
    from huggingface_hub.utils import are_progress_bars_disabled, disable_progress_bars, enable_progress_bars

    # huggingface_hub's own bars (tqdm) are for a terminal: in a pipe or a log file they are noise
    from summarize_cli.terminal import isatty

    quiet_bars = progress is None and not isatty(sys.stderr) and not are_progress_bars_disabled()
    if quiet_bars:
        disable_progress_bars()
    try:
        folder = huggingface_hub.snapshot_download(
            name,
            cache_dir=hf_cache_dir(),
            endpoint=endpoint,
            allow_patterns=ALLOW_PATTERNS,
            ignore_patterns=IGNORE_PATTERNS,
            tqdm_class=_bar_class(progress) if progress else None,
        )
    except errors.RepositoryNotFoundError:
        raise NoSuchModel(f"there is no model {name} on the Hugging Face Hub", "check the name (owner/model)") from None
    except errors.GatedRepoError:
        raise ModelError(f"model {name} is gated", "accept its licence on huggingface.co and set HF_TOKEN") from None
    except errors.RevisionNotFoundError:
        raise ModelNotFound(f"model {name} has no main revision", "check the name") from None
    except (errors.LocalEntryNotFoundError, errors.HfHubHTTPError, OSError) as exc:
        raise NetworkError(f"cannot download model {name} ({exc.__class__.__name__})", "check your internet connection") from None
    finally:
        if quiet_bars:
            enable_progress_bars()
    return Path(folder)


def _require_weights(path: Path, name: str) -> None:
    from summarize_cli.backends._runtime import require_safetensors

    try:
        require_safetensors(path, name)
    except ModelError:
        raise ModelError(
            f"model {name} publishes no safetensors weights; summarize-cli does not load pickle checkpoints",
            "choose a model that ships model.safetensors",
        ) from None


def _convert(path: Path, name: str, progress: Progress | None) -> None:
    from summarize_cli.backends import ct2

    if not (ct2.available() and ct2.can_convert(path)):
        return
    if progress:
        progress("converting for CTranslate2", 0, 1)
    ct2.convert(path, name)
    if progress:
        progress("converting for CTranslate2", 1, 1)


def _bar_class(progress: Progress) -> type:
    from tqdm.auto import tqdm

    class _Bar(tqdm):  # type: ignore[misc, valid-type]
        """A silent tqdm that reports to ``progress`` (the CLI draws its own bar)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.pop("name", None)
            kwargs["file"] = io.StringIO()
            kwargs["disable"] = False
            super().__init__(*args, **kwargs)
            progress(self.desc or "downloading", self.n, self.total)

        def update(self, n: float | None = 1) -> bool | None:
            out = super().update(n)
            progress(self.desc or "downloading", int(self.n), self.total)
            return out

    return _Bar


def _cached_repos() -> list[Any]:
    cache = hf_cache_dir()
    if not cache.is_dir():
        return []
    from huggingface_hub import scan_cache_dir

    try:
        info = scan_cache_dir(cache)
    except Exception:  # noqa: BLE001 - a damaged cache lists as empty rather than failing `models list`
        return []
    return [r for r in info.repos if r.repo_type == "model"]


def _snapshot(repo: Any) -> Path | None:
    revisions = list(repo.revisions)
    if not revisions:
        return None
    main = [r for r in revisions if "main" in r.refs]
    best = main[0] if main else max(revisions, key=lambda r: r.last_modified)
    return Path(best.snapshot_path)


def _task(path: Path) -> str | None:
    from summarize_cli.backends._runtime import read_json

    config = read_json(path / "config.json")
    if not config:
        return None
    if config.get("model_type") == "marian" or any("MT" in a for a in config.get("architectures", [])):
        return "translation"
    if config.get("is_encoder_decoder"):
        return "summarization"
    return "instruct" if (path / "chat_template.jinja").exists() or "chat_template" in read_json(path / "tokenizer_config.json") else "causal-lm"


def _converted(path: Path, name: str) -> bool:
    from summarize_cli.backends import ct2

    return ct2.can_convert(path) and ct2.is_converted(path, name)


def _conversions_of(name: str) -> list[Path]:
    import json

    root = ct2_cache_dir()
    if not root.is_dir():
        return []
    found = []
    for marker in root.glob("*/summarize-cli.json"):
        try:
            if json.loads(marker.read_text(encoding="utf-8")).get("model") == name:
                found.append(marker.parent)
        except (OSError, ValueError):
            continue
    return found


def _du(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
