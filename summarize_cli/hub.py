"""Where models live: local paths and the standard Hugging Face cache (never downloads)."""

from __future__ import annotations

from pathlib import Path

from summarize_cli.errors import ModelError, ModelNotFound


def resolve_model(name: str) -> Path:
    """Return the local folder of model ``name`` (a path or a HF id already in the cache)."""
    path = Path(name).expanduser()
    if path.exists():
        if not path.is_dir():
            raise ModelError(f"model path {name} is a file, not a model folder", "give the folder that holds config.json")
        return path
    if name.startswith((".", "/", "~")) or name.count("/") > 1:
        raise ModelNotFound(f"model folder {name} does not exist", "check the path")
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        # local_files_only: a summary run never downloads; `summarize models pull` does.
        return Path(snapshot_download(name, local_files_only=True, cache_dir=hf_cache_dir()))
    except LocalEntryNotFoundError:
        raise ModelNotFound(f"model {name} is not installed", f"get it with: summarize models pull {name}") from None
    except Exception as exc:  # malformed ids, broken cache entries
        raise ModelNotFound(f"model {name} cannot be found locally ({exc.__class__.__name__})", f"get it with: summarize models pull {name}") from None


def hf_cache_dir() -> Path:
    """The Hugging Face hub cache folder ($HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub)."""
    import os

    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    return _hf_home() / "hub"


def ct2_cache_dir() -> Path:
    """Where CTranslate2 conversions go: $SUMMARIZE_CT2_CACHE, else summarize-cli/ct2 next to the HF home."""
    import os

    if os.environ.get("SUMMARIZE_CT2_CACHE"):
        return Path(os.environ["SUMMARIZE_CT2_CACHE"]).expanduser()
    # Next to ~/.cache/huggingface (or $HF_HOME), so clearing one cache folder clears both.
    return _hf_home().parent / "summarize-cli" / "ct2"


def _hf_home() -> Path:
    import os

    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(xdg).expanduser() / "huggingface"
