"""English from the first run: the default model is fetched once from a mirror on 127.0.0.1, then used offline."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import pytest
from hubmirror import HubMirror

from summarize_cli.errors import ExitCode

REPO = "Helsinki-NLP/opus-mt-fr-en"


def _env(tmp_path, endpoint: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "all_proxy", "hf_hub_offline")}
    env.update(
        HF_HOME=str(tmp_path / "hf"), HF_ENDPOINT=endpoint, HF_HUB_DISABLE_XET="1", HF_HUB_DISABLE_TELEMETRY="1",
        SUMMARIZE_CT2_CACHE=str(tmp_path / "ct2"), XDG_CACHE_HOME=str(tmp_path / "cache"), NO_PROXY="127.0.0.1", no_proxy="127.0.0.1",
        **extra,
    )  # fmt: skip
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "summarize_cli", *args], env=env, capture_output=True, text=True, timeout=240)


@pytest.fixture()
def mirror(tiny_marian):
    with HubMirror(REPO, tiny_marian) as m:
        yield m


def test_first_run_fetches_the_default_model_then_sends_nothing(mirror, sample_fr, tmp_path):
    env = _env(tmp_path, mirror.endpoint)
    first = _run(env, str(sample_fr), "-f", "json", "--no-cache")
    assert first.returncode == 0, first.stderr
    notice = [ln for ln in first.stderr.splitlines() if ln.startswith("summarize: fetching")]
    assert len(notice) == 1 and REPO in notice[0] and str(tmp_path / "hf") in notice[0] and "KB" in notice[0], first.stderr
    assert json.loads(first.stdout)["summary"]["language"] == "en"
    assert "not installed" not in first.stderr
    # no tqdm bar when stderr is not a terminal (its rate reads "12.3it/s" or "4.5MB/s"; a path may hold "it/s")
    assert "Fetching" not in first.stderr and not re.search(r"\d(?:it|[kMG]?B)/s\b", first.stderr)
    got = [r for r in mirror.requests if r.startswith("GET /" + REPO)]
    assert {r.rsplit("/", 1)[-1] for r in got} >= {"model.safetensors", "config.json"}
    assert not any(r.endswith((".bin", ".pt", ".h5")) for r in mirror.requests)  # safetensors only
    mirror.requests.clear()
    second = _run(env, str(sample_fr), "-f", "json", "--no-cache")
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout)["summary"]["language"] == "en" and "fetching" not in second.stderr
    assert mirror.requests == []  # the model is present: no request at all


@pytest.mark.parametrize("how", ["--offline", "HF_HUB_OFFLINE"])
def test_offline_sends_no_request(mirror, sample_fr, tmp_path, how):
    env = _env(tmp_path, mirror.endpoint, **({"HF_HUB_OFFLINE": "1"} if how == "HF_HUB_OFFLINE" else {}))
    res = _run(env, str(sample_fr), "-f", "json", "--no-cache", *(["--offline"] if how == "--offline" else []))
    assert res.returncode == 0, res.stderr
    assert mirror.requests == []
    assert json.loads(res.stdout)["summary"]["language"] == "fr"
    assert "downloads are off (offline mode)" in res.stderr and f"summarize models pull {REPO}" in res.stderr
    url = _run(env, "http://127.0.0.1:9/page", "--offline")
    assert url.returncode == ExitCode.NETWORK and "--offline sends no request" in url.stderr and url.stdout == ""


def test_mirror_down_warns_once_and_falls_back_quickly(sample_fr, tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = _env(tmp_path, f"http://127.0.0.1:{port}")
    start = time.monotonic()
    res = _run(env, str(sample_fr), str(sample_fr), "-f", "jsonl", "--no-cache")
    assert time.monotonic() - start < 60
    assert res.returncode == 0, res.stderr
    assert [json.loads(ln)["summary"]["language"] for ln in res.stdout.splitlines()] == ["fr", "fr"]
    warnings = [ln for ln in res.stderr.splitlines() if "warning" in ln]
    assert len(warnings) == 1 and "could not be fetched from http://127.0.0.1" in warnings[0] and "the summary stays in 'fr'" in warnings[0]


def test_a_pair_without_a_model_is_said_plainly(mirror, sample_fr, tmp_path):
    env = _env(tmp_path, mirror.endpoint)
    res = _run(env, str(sample_fr), "--to", "de", "-f", "json", "--no-cache")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["summary"]["language"] == "fr"
    warnings = [ln for ln in res.stderr.splitlines() if "warning" in ln]
    assert len(warnings) == 1 and "there is no translation model for French -> German" in warnings[0], res.stderr
    assert "models pull" not in res.stderr and "--translation-model" in warnings[0]
    assert not any("/resolve/" in r for r in mirror.requests)  # nothing downloaded
