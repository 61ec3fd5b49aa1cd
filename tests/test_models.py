"""Model management: listing the HF cache, offline pulls, safetensors-only downloads, CT2 status."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from summarize_cli import models
from summarize_cli.errors import ModelError, ModelNotFound
from summarize_cli.hub import ct2_cache_dir, hf_cache_dir
from tinymodels import install_in_hf_cache

REPO = "Helsinki-NLP/opus-mt-fr-en"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_cache_folders_follow_hf_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUMMARIZE_CT2_CACHE", raising=False)
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    assert hf_cache_dir() == tmp_path / "hf" / "hub"
    assert ct2_cache_dir() == tmp_path / "summarize-cli" / "ct2"


def test_list_shows_known_models_when_cache_is_empty() -> None:
    rows = models.list_models()
    names = [r.name for r in rows]
    assert names[0] == REPO
    assert "sshleifer/distilbart-cnn-12-6" in names
    assert all(not r.installed and r.known for r in rows)
    assert set(models.KNOWN_MODELS) <= set(names)


def test_installed_model_is_listed_pulled_offline_and_converted(tiny_marian: Path) -> None:
    snap = install_in_hf_cache(tiny_marian, REPO, hf_cache_dir())
    install_in_hf_cache(tiny_marian, "someone/custom-mt", hf_cache_dir())
    row = next(r for r in models.list_models() if r.name == REPO)
    assert row.installed and row.path == snap and row.size_bytes > 10_000 and row.task == "translation"
    assert not row.ct2
    assert models.model_path(REPO) == snap
    seen: list[tuple[str, int, int | None]] = []
    assert models.pull(REPO, progress=lambda d, n, t: seen.append((d, n, t))) == snap  # HF_HUB_OFFLINE=1 in tests
    assert seen[-1] == ("converting for CTranslate2", 1, 1)
    rows = {r.name: r for r in models.list_models()}
    assert rows[REPO].ct2 and rows[REPO].known
    assert rows["someone/custom-mt"].installed and not rows["someone/custom-mt"].known
    freed = models.remove(REPO)
    assert freed > 10_000
    assert not next(r for r in models.list_models() if r.name == REPO).installed
    assert models._conversions_of(REPO) == []


def test_offline_pull_of_missing_model_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    with pytest.raises(ModelNotFound, match="offline"):
        models.pull("Helsinki-NLP/opus-mt-xx-yy", offline=True)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelNotFound):
        models.pull("Helsinki-NLP/opus-mt-xx-yy")


def test_online_pull_asks_for_safetensors_only(tiny_marian: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import huggingface_hub

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    asked: dict[str, object] = {}

    def fake_download(repo_id: str, **kwargs: object) -> str:
        asked.update(kwargs, repo_id=repo_id)
        bar = kwargs["tqdm_class"](total=3, desc="Fetching 3 files")  # type: ignore[operator]
        bar.update(3)
        bar.close()
        return str(install_in_hf_cache(tiny_marian, repo_id, hf_cache_dir()))

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_download)
    seen: list[tuple[str, int, int | None]] = []
    path = models.pull("Helsinki-NLP/opus-mt-de-en", progress=lambda d, n, t: seen.append((d, n, t)))
    assert (path / "model.safetensors").exists()
    assert "*.safetensors" in asked["allow_patterns"]  # type: ignore[operator]
    assert "*.bin" in asked["ignore_patterns"] and "*.pt" in asked["ignore_patterns"]  # type: ignore[operator]
    assert ("Fetching 3 files", 3, 3) in seen


def test_pull_refuses_repo_without_safetensors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import huggingface_hub

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    only_config = tmp_path / "cfg"
    only_config.mkdir()
    (only_config / "config.json").write_text('{"model_type": "marian"}')
    monkeypatch.setattr(huggingface_hub, "snapshot_download", lambda repo_id, **kw: str(only_config))
    with pytest.raises(ModelError, match="safetensors"):
        models.pull("old/pickle-only")
