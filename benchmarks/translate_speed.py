"""Translation speed: plain transformers vs this project's MarianTranslator vs CTranslate2 int8, same sentences.

Builds a randomly initialised model with exactly the shape of Helsinki-NLP/opus-mt-fr-en (d_model 512,
6+6 layers, 8 heads, FFN 2048, vocabulary 59,514) in a temporary folder, so no download is needed, and
forces the same output length on every engine (random weights would otherwise stop at random places).

    python benchmarks/translate_speed.py                 # 100 newstest2014 sentences, 2 threads
    python benchmarks/translate_speed.py --device cuda   # transformers on the GPU vs CTranslate2 on the GPU

Also times the `summarize` command end to end (process start to exit) on samples/openai-revenue-fr.txt
with that model, against CTranslate2 translating the whole article in-process, and reports the
command's peak memory (RSS). Targets: project >= 3x plain transformers and >= 1.0x CTranslate2 direct;
end to end <= 0.5x the whole-article translation; peak RSS <= 1 GB.
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
    MarianMTModel(config).eval().save_pretrained(path)
    MarianTokenizer(str(path / "source.spm"), str(path / "target.spm"), str(path / "vocab.json"), source_lang="fr", target_lang="en").save_pretrained(path)
    return path


def _median_time(fn, runs: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def plain_transformers(model_dir: Path, sentences: list[str], length: int, device: str, batch: int = 16):  # noqa: ANN201
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


def ct2_direct(model_dir: Path, ct2_dir: Path, sentences: list[str], length: int | None, device: str):  # noqa: ANN201
    """CTranslate2 int8 called directly with the sentencepiece model."""
    import ctranslate2
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
    vocab = set(json.loads((model_dir / "vocab.json").read_text(encoding="utf-8")))
    threads = int(os.environ.get("SUMMARIZE_THREADS", "2"))
    tr = ctranslate2.Translator(str(ct2_dir), device=device, compute_type="int8" if device == "cpu" else "int8_float16", intra_threads=threads)

    def run() -> None:
        tokens = [[p if p in vocab else "<unk>" for p in sp.encode(s, out_type=str)] + ["</s>"] for s in sentences]
        if length is None:  # the CLI's own rule for free decoding: at most 2n+16 tokens
            longest = max(len(t) for t in tokens)
            kw = {"max_decoding_length": min(512, 2 * longest + 16)}
        else:
            kw = {"max_decoding_length": length, "min_decoding_length": length}
        tr.translate_batch(tokens, beam_size=1, max_batch_size=32, **kw)

    return run


# Runs the command from a small process: a child forked straight from this (large) benchmark process
# would count the parent's pages in its peak RSS until it execs.
_WRAP = """
import json, os, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:], stdout=open(sys.argv[1], "wb"), stderr=subprocess.PIPE)
_, status, usage = os.wait4(proc.pid, 0)
elapsed = time.perf_counter() - t0
print(json.dumps({"elapsed": elapsed, "rss_kb": usage.ru_maxrss, "code": os.waitstatus_to_exitcode(status),
                  "stderr": proc.stderr.read().decode()[-500:]}))
"""


def end_to_end(model_dir: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """Wall time (s, process start to exit) and peak RSS (MB) of one `summarize` process, and its stdout."""
    # --no-cache: time the work, not a lookup in the results cache.
    cmd = [sys.executable, "-m", "summarize_cli", str(SAMPLE), "--translation-model", str(model_dir), "--format", "json", "--no-cache"]
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        done = subprocess.run([sys.executable, "-c", _WRAP, out.name, *cmd], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
        report = json.loads(done.stdout)
        stdout = Path(out.name).read_text(encoding="utf-8")
    if report["code"] != 0:
        raise RuntimeError(f"summarize exited {report['code']}: {report['stderr']}")
    return report["elapsed"], report["rss_kb"] / 1024, stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=100, help="sentences of newstest2014 (default 100)")
    ap.add_argument("--length", type=int, default=32, help="output tokens forced per sentence")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per engine (median)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", choices=("cpu", "cuda"), default="cpu")
    ap.add_argument("--skip-plain", action="store_true", help="skip the slow plain transformers run")
    ap.add_argument("--skip-cli", action="store_true", help="skip the end-to-end `summarize` run")
    args = ap.parse_args()

    os.environ["SUMMARIZE_THREADS"] = str(args.threads)
    work = Path(tempfile.mkdtemp(prefix="translate-speed-"))
    os.environ["SUMMARIZE_CT2_CACHE"] = str(work / "ct2")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    torch.set_num_threads(args.threads)
    sys.path.insert(0, str(ROOT))
    from summarize_cli.backends import ct2
    from summarize_cli.backends._runtime import quiet_transformers
    from summarize_cli.backends.marian import MarianTranslator

    quiet_transformers()
    rows = [json.loads(line) for line in BENCH.read_text(encoding="utf-8").splitlines()[: args.n]]
    sentences = [r["fr"] for r in rows]
    t0 = time.perf_counter()
    model_dir = build_opus_shaped(work / "opus-mt-fr-en-random", sentences)
    print(f"model built in {time.perf_counter() - t0:.1f}s: {model_dir}")
    t0 = time.perf_counter()
    ct2_dir = ct2.convert(model_dir, str(model_dir))
    print(f"CTranslate2 conversion (once per model): {time.perf_counter() - t0:.1f}s -> {ct2_dir}")
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

    if args.skip_cli:
        return
    from summarize_cli.sentences import split_sentences

    article = SAMPLE.read_text(encoding="utf-8")
    article_sentences = [article[a:b] for a, b in split_sentences(article, "fr")]
    whole = ct2_direct(model_dir, ct2_dir, article_sentences, None, args.device)
    whole()
    whole_s = _median_time(whole, args.runs)
    print(f"(c) CTranslate2 translating the whole article in-process ({len(article_sentences)} sentences): {whole_s:.2f} s")
    env = dict(os.environ)
    try:
        end_to_end(model_dir, env)  # warm the OS file cache
        runs = [end_to_end(model_dir, env) for _ in range(args.runs)]
    except RuntimeError as exc:
        print(f"`summarize` end to end: FAILED ({exc})")
        return
    e2e = statistics.median(r[0] for r in runs)
    peak = max(r[1] for r in runs)
    data = json.loads(runs[0][2])
    items = data if isinstance(data, list) else [data]
    translated = any(i.get("translation") for i in items if isinstance(i, dict))
    print(f"`summarize {SAMPLE.name} --translation-model DIR --format json`: {e2e:.2f} s end to end, "
          f"{e2e / whole_s:.2f}x the whole-article translation (target <= 0.5x); translated: {translated}")
    print(f"peak RSS of the summarize process: {peak:.0f} MB (target <= 1024 MB)")


if __name__ == "__main__":
    main()
