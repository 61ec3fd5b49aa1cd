"""Translation speed: plain transformers vs this project's MarianTranslator vs CTranslate2 int8, same sentences.

Builds a model with exactly the shape of Helsinki-NLP/opus-mt-fr-en (d_model 512, 6+6 layers, 8 heads, FFN 2048,
vocabulary 59,514) in a temporary folder, so no download is needed: the compute per token is the real model's.

    python benchmarks/translate_speed.py --runs 5 --skip-plain  # the numbers quoted in issues
    python benchmarks/translate_speed.py --device cuda          # transformers on the GPU vs CTranslate2 on the GPU

Part 1 (engines): 100 newstest2014 sentences, the same output length forced on every engine. Targets: project >= 3x
plain transformers and >= 1.0x CTranslate2 direct.

Part 2 (whole process): on samples/openai-revenue-fr.txt, `summarize FILE` (the English summary) and `summarize
translate FILE` (the whole article), each timed from process start to exit, against CTranslate2 translating the
article's sentences in-process (model loaded, warmed up). Targets: summary <= 0.5x, translate <= 1.0x; peak RSS <= 1 GB.
It also prints the floor of the summary's ratio on this machine: a `--no-translate` process (everything the summary
does before translating) plus its longest bullet decoded alone, in-process, at the fastest setting; the bullets are
known only once the summary is chosen, so those two add up whatever else runs in parallel.

Why part 2 is fair. Random weights decode to the length cap, usually in loops: every output would trip the CLI's
loop/length guard and be decoded again with a beam of 4, work the baseline never does and a real model rarely
causes. So the weights are shaped (tests/tinymodels.make_copier, deterministic): every sublayer is near zero except
one cross-attention that aligns target position t with source position t, so greedy decoding copies the source and
emits </s> where the source ends. Like a real translation, each output is about as long as its source (here
exactly) and repeats no n-gram its source does not: the guard passes it, as it passes a real model's output on
clean news text. Shapes, int8 weights and per-step compute are unchanged. Both sides decode greedily under the same
length rule (at most 2n+16 tokens, n the longest input of a batch), which never binds because </s> comes first. The
script prints the guard's retry count for each CLI run and the baseline's output length, so a reader sees both.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / ".." / "shared" / "bench" / "translation" / "newstest2014-fr-en.jsonl"
SAMPLE = ROOT / "samples" / "openai-revenue-fr.txt"
VOCAB = 59514


def build_opus_shaped(path: Path, sentences: list[str]) -> Path:
    """A random MarianMT with the opus-mt-fr-en shape, tokenizer files included."""
    import io

    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    path.mkdir(parents=True, exist_ok=True)
    text = sentences + SAMPLE.read_text(encoding="utf-8").splitlines()
    blob = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([t for t in text if t.strip()]), model_writer=blob, vocab_size=4000, hard_vocab_limit=False,
        unk_id=0, bos_id=-1, eos_id=1, pad_id=-1, minloglevel=2,
    )
    (path / "source.spm").write_bytes(blob.getvalue())
    (path / "target.spm").write_bytes(blob.getvalue())
    sp = spm.SentencePieceProcessor(model_proto=blob.getvalue())
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(sp.get_piece_size()):
        vocab.setdefault(sp.id_to_piece(i), len(vocab))
    while len(vocab) < VOCAB - 1:  # pad to the real vocabulary size: the output layer dominates decoding
        vocab[f"<extra_{len(vocab)}>"] = len(vocab)
    vocab["<pad>"] = VOCAB - 1
    (path / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    config = MarianConfig(
        vocab_size=VOCAB, d_model=512, encoder_layers=6, decoder_layers=6, encoder_attention_heads=8, decoder_attention_heads=8,
        encoder_ffn_dim=2048, decoder_ffn_dim=2048, max_position_embeddings=512, pad_token_id=VOCAB - 1, eos_token_id=0,
        decoder_start_token_id=VOCAB - 1, forced_eos_token_id=0, scale_embedding=True, share_encoder_decoder_embeddings=True,
        activation_function="swish",
    )
    torch.manual_seed(0)
    sys.path.insert(0, str(ROOT / "tests"))
    from tinymodels import make_copier

    # Copies its source and stops at its </s>: real output lengths, no loops (see the module docstring).
    make_copier(MarianMTModel(config).eval()).save_pretrained(path)
    MarianTokenizer(str(path / "source.spm"), str(path / "target.spm"), str(path / "vocab.json"), source_lang="fr", target_lang="en").save_pretrained(path)
    return path


def plain_transformers(model_dir: Path, sentences: list[str], length: int, device: str, batch: int = 16):
    """The textbook loop: tokenizer + generate on batches in input order, fp32, greedy."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(model_dir))
    model = AutoModelForSeq2SeqLM.from_pretrained(str(model_dir)).to(device).eval()

    def run() -> None:
        for i in range(0, len(sentences), batch):
            enc = tok(sentences[i:i + batch], return_tensors="pt", padding=True).to(device)
            with torch.no_grad():
                model.generate(**enc, num_beams=1, do_sample=False, min_new_tokens=length, max_new_tokens=length + 1)

    return run


def ct2_direct(
    model_dir: Path, ct2_dir: Path, sentences: list[str], length: int | None, device: str, out: list | None = None, threads: int | None = None
):
    """CTranslate2 int8 called directly with the sentencepiece model (``out`` receives each run's token lists)."""
    import ctranslate2
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
    vocab = set(json.loads((model_dir / "vocab.json").read_text(encoding="utf-8")))
    threads = threads or int(os.environ.get("SUMMARIZE_THREADS", "2"))
    tr = ctranslate2.Translator(str(ct2_dir), device=device, compute_type="int8" if device == "cpu" else "int8_float16", intra_threads=threads)

    def run() -> None:
        tokens = [[p if p in vocab else "<unk>" for p in sp.encode(s, out_type=str)] + ["</s>"] for s in sentences]
        if length is None:  # the CLI's own rule for free decoding: at most 2n+16 tokens
            longest = max(len(t) for t in tokens)
            kw = {"max_decoding_length": min(512, 2 * longest + 16)}
        else:
            kw = {"max_decoding_length": length, "min_decoding_length": length}
        done = tr.translate_batch(tokens, beam_size=1, max_batch_size=32, **kw)
        if out is not None:
            out[:] = [(t, r.hypotheses[0]) for t, r in zip(tokens, done)]

    return run


# Runs the command from a small process: a child forked straight from this (large) benchmark process
# would count the parent's pages in its peak RSS until it execs.
_WRAP = """
import json, os, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:], stdout=open(sys.argv[1], "wb"), stderr=subprocess.PIPE)
err = proc.stderr.read().decode()
_, status, usage = os.wait4(proc.pid, 0)
elapsed = time.perf_counter() - t0
print(json.dumps({"elapsed": elapsed, "rss_kb": usage.ru_maxrss, "code": os.waitstatus_to_exitcode(status), "stderr": err}))
"""
# `python -m summarize_cli ARGS` with the translation guard's debug line ("... N of M sentences retried") on stderr.
_BOOT = """
import logging, runpy, sys
handler = logging.StreamHandler()
handler.setFormatter(logging.Formatter("bench: %(message)s"))
log = logging.getLogger("summarize_cli.translate")
log.setLevel(logging.DEBUG)
log.addHandler(handler)
sys.argv[0] = "summarize"
runpy.run_module("summarize_cli", run_name="__main__", alter_sys=True)
"""
_RETRIED = re.compile(r"^bench: translation guard: (\d+) of (\d+) sentences retried$", re.MULTILINE)


def end_to_end(model_dir: Path, env: dict[str, str], command: tuple[str, ...] = ()) -> tuple[float, float, str, tuple[int, int]]:
    """Wall time (s, process start to exit), peak RSS (MB), stdout and (retried, guarded) sentences of one `summarize` process."""
    # --no-cache: time the work, not a lookup in the results cache.
    cmd = [sys.executable, "-c", _BOOT, *command, str(SAMPLE), "--translation-model", str(model_dir), "--format", "json", "--no-cache"]
    report, stdout = _timed(cmd, env)
    counts = [(int(a), int(b)) for a, b in _RETRIED.findall(report["stderr"])]
    if not counts:
        raise RuntimeError(f"no translation guard line on stderr (was anything translated?): {report['stderr'][-500:]}")
    return report["elapsed"], report["rss_kb"] / 1024, stdout, (sum(a for a, _ in counts), sum(b for _, b in counts))


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[dict, str]:
    """The wrapper's report (elapsed, rss_kb, code, stderr) and the stdout of one process; raises if it failed."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        done = subprocess.run([sys.executable, "-c", _WRAP, out.name, *cmd], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
        report = json.loads(done.stdout)
        stdout = Path(out.name).read_text(encoding="utf-8")
    if report["code"] != 0:
        raise RuntimeError(f"summarize exited {report['code']}: {report['stderr'][-500:]}")
    return report, stdout


def untranslated(env: dict[str, str]) -> float:
    """Wall time (s) of one `summarize --no-translate` process: everything the summary does before its translation."""
    cmd = [sys.executable, "-m", "summarize_cli", str(SAMPLE), "--no-translate", "--format", "json", "--no-cache"]
    return float(_timed(cmd, env)[0]["elapsed"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=100, help="sentences of newstest2014 (default 100)")
    ap.add_argument("--length", type=int, default=32, help="output tokens forced per sentence")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per engine (median)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", choices=("cpu", "cuda"), default="cpu")
    ap.add_argument("--skip-plain", action="store_true", help="skip the slow plain transformers run")
    ap.add_argument("--skip-cli", action="store_true", help="skip part 2, the end-to-end `summarize` runs")
    ap.add_argument("--skip-engines", action="store_true", help="skip part 1, the engines on newstest2014")
    args = ap.parse_args()

    os.environ["SUMMARIZE_THREADS"] = str(args.threads)
    work = Path(tempfile.mkdtemp(prefix="translate-speed-"))
    try:
        run_all(work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # the model and its conversion: 360 MB per run


def run_all(work: Path, args: argparse.Namespace) -> None:
    """Build the model in ``work``, convert it, then run the parts asked for."""
    os.environ["SUMMARIZE_CT2_CACHE"] = str(work / "ct2")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    torch.set_num_threads(args.threads)
    sys.path.insert(0, str(ROOT))
    from summarize_cli.backends import ct2
    from summarize_cli.backends._runtime import quiet_transformers

    quiet_transformers()
    rows = [json.loads(line) for line in BENCH.read_text(encoding="utf-8").splitlines()[: args.n]]
    sentences = [r["fr"] for r in rows]
    t0 = time.perf_counter()
    model_dir = build_opus_shaped(work / "opus-mt-fr-en-random", sentences)
    print(f"model built in {time.perf_counter() - t0:.1f}s: {model_dir}")
    t0 = time.perf_counter()
    ct2_dir = ct2.convert(model_dir, str(model_dir))
    print(f"CTranslate2 conversion (once per model): {time.perf_counter() - t0:.1f}s -> {ct2_dir}")
    if not args.skip_engines:
        engines_part(model_dir, ct2_dir, sentences, args)
    if not args.skip_cli:
        whole_process(model_dir, ct2_dir, args)


def engines_part(model_dir: Path, ct2_dir: Path, sentences: list[str], args: argparse.Namespace) -> None:
    """Part 1: the same sentences and forced output length on every engine."""
    from summarize_cli.backends.marian import MarianTranslator

    print(f"{len(sentences)} sentences, {args.length} output tokens each, {args.threads} threads, device {args.device}, median of {args.runs}")

    tokens = len(sentences) * args.length
    results: dict[str, float] = {}
    engines = []
    if not args.skip_plain:
        engines.append(("(a) transformers fp32 generate", plain_transformers(model_dir, sentences, args.length, args.device)))
    project = MarianTranslator(str(model_dir), device=args.device, backend="ctranslate2" if args.device == "cpu" else "auto",
                               max_length=args.length, min_length=args.length)
    engines.append((f"(b) MarianTranslator [{project.engine}]", lambda: project.translate(sentences)))
    engines.append(("(c) CTranslate2 int8 direct", ct2_direct(model_dir, ct2_dir, sentences, args.length, args.device)))
    for _, run in engines:
        run()  # warm-up
    # Interleaved runs, so no engine pays for another's leftovers (caches, spinning thread pools).
    times: dict[str, list[float]] = {label: [] for label, _ in engines}
    for _ in range(args.runs):
        for label, run in engines:
            t0 = time.perf_counter()
            run()
            times[label].append(time.perf_counter() - t0)
    for label, _ in engines:
        results[label] = seconds = statistics.median(times[label])
        print(f"{label:42s} {seconds:7.2f} s  {tokens / seconds:8.1f} tokens/s")
    b = results[engines[-2][0]]
    if not args.skip_plain:
        print(f"project vs plain transformers: {results[engines[0][0]] / b:.2f}x (target >= 3x)")
    print(f"project vs CTranslate2 direct: {results[engines[-1][0]] / b:.2f}x (target >= 1.0x)")


def whole_process(model_dir: Path, ct2_dir: Path, args: argparse.Namespace) -> None:
    """Part 2: the summary and the translate command end to end vs CTranslate2 on the whole article in-process."""
    from summarize_cli.sentences import split_sentences
    from summarize_cli.translate import _broken

    article = SAMPLE.read_text(encoding="utf-8")
    article_sentences = [article[a:b] for a, b in split_sentences(article, "fr")]
    decoded: list = []
    whole = ct2_direct(model_dir, ct2_dir, article_sentences, None, args.device, decoded)
    whole()  # warm-up
    # What `summarize translate` translates: the cleaned article's sentences and its title (boilerplate lines dropped).
    extract = [sys.executable, "-m", "summarize_cli", "extract", str(SAMPLE), "--format", "json", "--no-cache"]
    cleaned = json.loads(subprocess.run(extract, capture_output=True, text=True, cwd=ROOT, check=True).stdout)
    same_sentences = [cleaned["text"][a:b] for a, b in split_sentences(cleaned["text"], "fr")] + [cleaned["title"]]
    same = ct2_direct(model_dir, ct2_dir, same_sentences, None, args.device)
    same()
    env = dict(os.environ)
    commands = {"summary": (), "translate": ("translate",)}
    for command in commands.values():
        end_to_end(model_dir, env, command)  # warm the OS file cache
    # Interleaved, so the baseline and both commands share whatever else the machine is doing.
    times: dict[str, list[float]] = {"baseline": [], "same": [], **{name: [] for name in commands}}
    runs: dict[str, list] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, baseline in (("baseline", whole), ("same", same)):
            t0 = time.perf_counter()
            baseline()
            times[name].append(time.perf_counter() - t0)
        for name, command in commands.items():
            try:
                run = end_to_end(model_dir, env, command)
            except RuntimeError as exc:
                print(f"`summarize {' '.join(command)}` end to end: FAILED ({exc})")
                return
            runs[name].append(run)
            times[name].append(run[0])
    whole_s = statistics.median(times["baseline"])
    sp = [len(t) - 1 for t, _ in decoded]
    out_tokens = [len(h) for _, h in decoded]
    texts = ["".join(h).replace("\u2581", " ").strip() for _, h in decoded]
    tripped = sum(_broken(s, o) is not None for s, o in zip(article_sentences, texts))
    print(f"(c) CTranslate2 translating the whole article in-process ({len(article_sentences)} sentences, {sum(sp)} source tokens "
          f"-> {sum(out_tokens)} output tokens; the guard would retry {tripped}): {whole_s:.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in times['baseline'])})")
    same_s = statistics.median(times["same"])
    print(f"    the same in-process on what `translate` translates ({len(same_sentences)} segments: the cleaned article's "
          f"sentences and title): {same_s:.2f} s")
    targets = {"summary": 0.5, "translate": 1.0}
    for name, command in commands.items():
        e2e = statistics.median(times[name])
        retried, guarded = runs[name][0][3]
        data = json.loads(runs[name][0][2])
        items = data if isinstance(data, list) else [data]
        translated = any(i.get("translation") for i in items if isinstance(i, dict))
        label = f"`summarize {' '.join((*command, SAMPLE.name))} --translation-model DIR --format json`"
        print(f"{label}: {e2e:.2f} s end to end (runs: {', '.join(f'{t:.2f}' for t in times[name])}), "
              f"{e2e / whole_s:.2f}x the whole-article translation (target <= {targets[name]}x); "
              f"translated: {translated}; guard retried {retried} of {guarded} sentences")
        if name == "translate":
            print(f"    {e2e / same_s:.2f}x the in-process translation of the same segments")
    floor(model_dir, ct2_dir, env, runs["summary"][0][2], whole_s, args)
    peak = max(r[1] for rs in runs.values() for r in rs)
    # The ratios hold on an idle machine; with other processes on the cores, parallel decoding loses most.
    print(f"load average at the end (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    print(f"peak RSS of the summarize processes: {peak:.0f} MB (target <= 1024 MB)")


def floor(model_dir: Path, ct2_dir: Path, env: dict[str, str], summary_json: str, whole_s: float, args: argparse.Namespace) -> None:
    """The least the English summary can cost here: the untranslated process, then its longest bullet decoded alone."""
    bullets = json.loads(summary_json)["summary"]["source_sentences"]
    longest = max(bullets, key=len)
    # Batch of one: one thread is the fastest setting for it (a decoding step is memory-bound; threads only synchronise).
    alone = ct2_direct(model_dir, ct2_dir, [longest], None, args.device, threads=1)
    alone()
    decode, before = [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        alone()
        decode.append(time.perf_counter() - t0)
        before.append(untranslated(env))
    d, b = statistics.median(decode), statistics.median(before)
    # The bullets exist only once the summary is chosen, so the two add up whatever runs in parallel.
    print(f"    floor for the summary: `--no-translate` process {b:.2f} s ({b / whole_s:.2f}x) + its longest bullet "
          f"({len(longest)} characters) decoded alone in-process {d:.2f} s ({d / whole_s:.2f}x) = {(b + d) / whole_s:.2f}x")


if __name__ == "__main__":
    main()
