"""Run the fuzz targets for a bounded time: atheris (libFuzzer) when installed, else a plain random-input loop.

    python fuzz/run.py --seconds 60 [--target figures|extract|all]

Each target runs in its own process, seeded from samples/. Exit status 0 when nothing broke, 1 when a target
crashed, timed out or ran out of memory (the input is saved and its path printed), 2 when a target would not start.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FUZZ = ROOT / "fuzz"
SAMPLES = ROOT / "samples"

TARGETS = {"figures": FUZZ / "fuzz_figures.py", "extract": FUZZ / "fuzz_extract.py"}
# How each target reads its bytes: fuzz_figures takes atheris' UTF-16 form (leading byte 2), fuzz_extract raw bytes.
ENCODERS: dict[str, Callable[[str], list[bytes]]] = {
    "figures": lambda t: [b"\x02" + t.encode("utf-16-le", "surrogatepass")],
    "extract": lambda t: [t.encode("utf-8"), t.encode("cp1252", "replace"), t.encode("utf-16")],
}
MAX_LEN = 8192
RSS_LIMIT_MB = 2048
ARTIFACT_PREFIXES = ("crash-", "timeout-", "oom-", "leak-", "slow-unit-")


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and fuzz each chosen target in turn."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=int, default=60, help="fuzzing time per target (default 60)")
    ap.add_argument("--target", choices=[*TARGETS, "all"], default="all")
    ap.add_argument("--engine", choices=["auto", "atheris", "random"], default="auto",
                    help="auto: atheris when importable, else the random loop")
    ap.add_argument("--workdir", type=Path, default=ROOT / "build" / "fuzz",
                    help="corpus, artifacts and logs go here (default build/fuzz, git-ignored)")
    ap.add_argument("--input-timeout", type=int, default=10, help="seconds one input may take before it counts as a hang")
    ap.add_argument("--seed", type=int, default=None, help="random loop seed (default: random)")
    ap.add_argument("--worker", choices=list(TARGETS), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        return _random_worker(args)

    engine = args.engine
    if engine == "auto":
        engine = "atheris" if _have_atheris() else "random"
    if engine == "atheris" and not _have_atheris():
        print("fuzz: atheris is not installed (pip install atheris)", file=sys.stderr)
        return 2
    names = list(TARGETS) if args.target == "all" else [args.target]
    worst = 0
    for name in names:
        worst = max(worst, _run_target(name, engine, args))
    return worst


def _have_atheris() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


def _prepare(name: str, workdir: Path) -> tuple[Path, Path, Path]:
    base = workdir / name
    corpus, seeds, artifacts = base / "corpus", base / "seeds", base / "artifacts"
    for d in (corpus, artifacts):
        d.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(seeds, ignore_errors=True)
    seeds.mkdir(parents=True)
    for sample in sorted(SAMPLES.iterdir()):
        if not sample.is_file():
            continue
        text = sample.read_text(encoding="utf-8", errors="replace")
        pieces = [text] + [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        for piece in pieces:
            for data in ENCODERS[name](piece):
                data = data[:MAX_LEN]
                (seeds / hashlib.sha1(data).hexdigest()).write_bytes(data)
    return corpus, seeds, artifacts


def _artifacts(folder: Path) -> set[Path]:
    return {p for p in folder.iterdir() if p.name.startswith(ARTIFACT_PREFIXES)}


def _run_target(name: str, engine: str, args: argparse.Namespace) -> int:
    corpus, seeds, artifacts = _prepare(name, args.workdir)
    before = _artifacts(artifacts)
    log = args.workdir / name / "fuzz.log"
    if engine == "atheris":
        cmd = [sys.executable, str(TARGETS[name]), str(corpus), str(seeds),
               f"-max_total_time={args.seconds}", f"-rss_limit_mb={RSS_LIMIT_MB}", f"-timeout={args.input_timeout}",
               f"-max_len={MAX_LEN}", f"-artifact_prefix={artifacts}{os.sep}", "-print_final_stats=1"]
    else:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", name, "--seconds", str(args.seconds),
               "--workdir", str(args.workdir), "--input-timeout", str(args.input_timeout)]
        if args.seed is not None:
            cmd += ["--seed", str(args.seed)]
    print(f"fuzz: {name}: {engine} for {args.seconds}s (log {_rel(log)})", flush=True)
    started = time.monotonic()
    with log.open("wb") as out:
        try:
            # Generous wall limit: start-up, the seed pass and the final stats come on top of the fuzzing time.
            proc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
                                  timeout=args.seconds + 10 * args.input_timeout + 120)
            rc = proc.returncode
        except subprocess.TimeoutExpired:
            rc = -1
    elapsed = time.monotonic() - started
    text = log.read_text(encoding="utf-8", errors="replace")
    new = sorted(_artifacts(artifacts) - before)
    written = [Path(m) for m in re.findall(r"Test unit written to (\S+)", text)]
    found = sorted(set(new) | {p.resolve() for p in written if p.exists()})
    if rc == 0 and not found:
        execs = re.search(r"stat::number_of_executed_units:\s*(\d+)", text) or re.search(r"executed (\d+) inputs", text)
        runs = execs.group(1) if execs else "?"
        print(f"fuzz: {name}: ok, {runs} inputs in {elapsed:.0f}s, corpus {sum(1 for _ in corpus.iterdir())} files")
        return 0
    tail = "\n".join(text.splitlines()[-40:])
    print(f"fuzz: {name}: FAILED (exit {rc}) after {elapsed:.0f}s\n{tail}", file=sys.stderr)
    if not found:
        print(f"fuzz: {name}: no crashing input was saved; see {_rel(log)}", file=sys.stderr)
        return 2 if "Traceback" in text and "TestOneInput" not in text else 1
    for path in found:
        print(f"fuzz: {name}: crashing input: {_rel(path)}", file=sys.stderr)
        print(f"fuzz: {name}: replay with: python {_rel(TARGETS[name])} {_rel(path)}", file=sys.stderr)
    return 1


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- fallback: plain random loop

class _Hang(Exception):
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _Hang()


def _mutate(rng: random.Random, seeds: list[bytes]) -> bytes:
    base = bytearray(rng.choice(seeds)) if seeds else bytearray()
    op = rng.randrange(7)
    if op == 0 or not base:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(512)))
    if op == 1:
        for _ in range(rng.randrange(1, 16)):
            base[rng.randrange(len(base))] = rng.randrange(256)
    elif op == 2:
        i = rng.randrange(len(base) + 1)
        base[i:i] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))
    elif op == 3:
        i = rng.randrange(len(base))
        del base[i:i + rng.randrange(1, 256)]
    elif op == 4 and len(seeds) > 1:
        other = rng.choice(seeds)
        base = base[: rng.randrange(len(base) + 1)] + other[rng.randrange(len(other) + 1):]
    elif op == 5:
        # a repeated chunk: where quadratic loops and deep recursion show up
        i = rng.randrange(len(base))
        chunk = bytes(base[i:i + rng.randrange(1, 16)])
        base[i:i] = chunk * rng.randrange(2, MAX_LEN // max(1, len(chunk)))
    else:
        base = base[: rng.randrange(len(base) + 1)]
    return bytes(base[:MAX_LEN])


def _random_worker(args: argparse.Namespace) -> int:
    name = args.worker
    spec = importlib.util.spec_from_file_location(f"_fuzz_{name}", TARGETS[name])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    one: Callable[[bytes], None] = module.TestOneInput
    base = args.workdir / name
    seeds = [p.read_bytes() for folder in (base / "seeds", base / "corpus") for p in sorted(folder.iterdir())]
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    print(f"random loop, seed {seed}, {len(seeds)} seed inputs", flush=True)
    signal.signal(signal.SIGALRM, _on_alarm)
    deadline = time.monotonic() + args.seconds
    runs = 0
    queue = list(seeds)
    while time.monotonic() < deadline:
        data = queue.pop() if queue else _mutate(rng, seeds)
        signal.setitimer(signal.ITIMER_REAL, args.input_timeout)
        try:
            one(data)
        except _Hang:
            return _save(base / "artifacts", "timeout-", data, f"input took over {args.input_timeout}s")
        except Exception:  # noqa: BLE001 - every exception is a finding
            return _save(base / "artifacts", "crash-", data, traceback.format_exc())
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        runs += 1
    print(f"executed {runs} inputs", flush=True)
    return 0


def _save(folder: Path, prefix: str, data: bytes, why: str) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (prefix + hashlib.sha1(data).hexdigest())
    path.write_bytes(data)
    print(why, flush=True)
    print(f"Test unit written to {path}", flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
