#!/usr/bin/env python3
"""Batch speed: one `summarize` call over the OrangeSum dev articles vs one call per article, and the cache.

usage: python benchmarks/batch.py [--per-call-sample N] [--runs K] [--modes extractive,translate]

Writes the 287 OrangeSum dev articles (../shared/bench/summaries/orangesum.jsonl) to a temp folder as
ID.txt, then times, for each mode (extractive: --no-translate; translate: English summaries through a
tiny random Marian model built on the spot):
  - one call per article (a sample of N articles, extrapolated to all of them),
  - one batch call over all articles (--no-cache, median of K runs),
  - a first and a second batch run sharing a fresh --cache-dir.
Prints seconds, articles/s and the ratios the batch issue asks for (batch >= 5x, cache >= 20x), and checks
that the cached run prints exactly what the first run printed. Output goes to files, as in `summarize ... > out`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench" / "summaries" / "orangesum.jsonl"


def summarize(args: list[str], out: Path = Path(os.devnull)) -> float:
    """Seconds one `summarize` call takes, its stdout going to ``out`` as a script's `> out` would."""
    # Python as users run it: bytecode cached after the first call (some sandboxes set PYTHONDONTWRITEBYTECODE,
    # which would recompile the whole package on every call and time the compiler instead of summarize).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with out.open("wb") as fh:
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "summarize_cli", *args], stdout=fh, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
        took = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"summarize failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-call-sample", type=int, default=30, help="articles timed one call each (extrapolated)")
    ap.add_argument("--runs", type=int, default=3, help="runs of each batch timing (median)")
    ap.add_argument("--modes", default="extractive,translate")
    a = ap.parse_args()
    rows = [json.loads(line) for line in BENCH.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory(prefix="summarize-batch-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        files = []
        for row in rows:
            path = folder / f"{row['id']}.txt"
            path.write_text(row["text"], encoding="utf-8")
            files.append(str(path))
        env_home = Path(tmp) / "home"
        os.environ["XDG_CACHE_HOME"] = str(env_home / "cache")
        os.environ["HF_HOME"] = str(env_home / "hf")
        os.environ["HF_HUB_OFFLINE"] = "1"
        summarize([files[0], "--format", "json", "--no-cache", "--no-translate"])  # warm-up: bytecode, disk cache
        modes = {"extractive": ["--no-translate"]}
        if "translate" in a.modes:
            sys.path.insert(0, str(ROOT / "tests"))
            from tinymodels import build_tiny_marian

            model = build_tiny_marian(Path(tmp) / "tiny-marian")
            modes["translate"] = ["--translation-model", str(model)]
            # Convert once for CTranslate2 so no timing below pays for it.
            summarize([files[0], "--format", "json", "--no-cache", *modes["translate"]])
        n = len(files)
        print(f"{n} OrangeSum dev articles, {os.cpu_count()} CPUs, python {sys.version.split()[0]}")
        print(f"{'mode':<11} {'per call (s/article)':>21} {'batch (s)':>10} {'articles/s':>11} {'batch speed-up':>15} {'cache 1st (s)':>14} {'cache 2nd (s)':>14} {'cache speed-up':>15}")
        for name in a.modes.split(","):
            extra = modes[name]
            sample = files[: a.per_call_sample]
            per_call = [summarize([f, "--format", "json", "--no-cache", *extra]) for f in sample]
            per_article = statistics.median(per_call)
            batch = statistics.median(summarize([*files, "--format", "jsonl", "--no-cache", "-q", *extra]) for _ in range(a.runs))
            firsts, seconds = [], []
            for run in range(a.runs):
                cache_dir = Path(tmp) / f"cache-{name}-{run}"
                outs = [Path(tmp) / f"out-{name}-{run}-{i}.jsonl" for i in (1, 2)]
                firsts.append(summarize([*files, "--format", "jsonl", "--cache-dir", str(cache_dir), "-q", *extra], outs[0]))
                seconds.append(summarize([*files, "--format", "jsonl", "--cache-dir", str(cache_dir), "-q", *extra], outs[1]))
                if outs[0].read_bytes() != outs[1].read_bytes():
                    sys.exit(f"{name}: the cached run printed something else than the first run")
            first, second = statistics.median(firsts), statistics.median(seconds)
            print(
                f"{name:<11} {per_article:>21.3f} {batch:>10.2f} {n / batch:>11.1f} {per_article * n / batch:>14.1f}x "
                f"{first:>14.2f} {second:>14.2f} {first / second:>14.1f}x"
            )
        print(f"(per call: median of {a.per_call_sample} single-article calls, times {n}; batch and cache: median of {a.runs} runs)")


if __name__ == "__main__":
    main()
