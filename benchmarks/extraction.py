"""Extraction benchmark: this project vs trafilatura and jusText on the dev set.

Run from the repo root: python benchmarks/extraction.py [--bench DIR] [--quick]

Modes: html (raw pages), text (w3m whole-page dump), selection (what a reader
selects). Scores are bag-of-words P/R/F1 averaged over pages, as in
../shared/bench/scoring.py. Peers on text are given the text wrapped into one
<p> per line, as the shared README describes. Also prints the share of words
kept when clean article bodies (../shared/bench/summaries/*.jsonl) are cleaned,
and the in-process time of our HTML extraction. Last, the text cleaner's
in-source scores (the shipped weights, fitted on all three training sources)
next to its cross-source ones (refitted without the source it is scored on,
scripts/train_cleaner.py), the estimate of how it does on sites it never saw;
--no-cross skips that part (about a minute).
"""

from __future__ import annotations

import argparse
import html as html_lib
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize_cli.cleaner import _guess_lang, clean_text  # noqa: E402
from summarize_cli.htmlextract import extract_html  # noqa: E402

CORPORA = ("aeb", "orangesum")


def _scorer(bench: Path):
    sys.path.insert(0, str(bench))
    import scoring  # type: ignore[import-not-found]

    return scoring


def _wrap(text: str) -> str:
    paras = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return "<html><body>" + "".join(f"<p>{html_lib.escape(p)}</p>" for p in paras) + "</body></html>"


def _trafilatura(page: str) -> str:
    import trafilatura

    return trafilatura.extract(page) or ""


def _justext(page: str) -> str:
    import justext

    lang = "French" if _guess_lang(re.sub(r"<[^>]+>", " ", page)) == "fr" else "English"
    paras = justext.justext(page.encode("utf-8"), justext.get_stoplist(lang))
    return "\n".join(p.text for p in paras if not p.is_boilerplate)


def _ours_text(text: str) -> str:
    return "\n".join(clean_text(text).paragraphs)


def _ours_html(page: str) -> str:
    return "\n".join(extract_html(page).paragraphs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", default=str(ROOT / ".." / "shared" / "bench"))
    ap.add_argument("--quick", action="store_true", help="skip the peers")
    ap.add_argument("--no-cross", action="store_true", help="skip the cross-source scores of the text cleaner")
    a = ap.parse_args()
    bench = Path(a.bench).resolve()
    sc = _scorer(bench)
    ext = bench / "extraction"
    truth = sc.read_jsonl(ext / "truth.jsonl")

    def read(mode: str, id_: str) -> str:
        suffix = "html" if mode == "html" else "txt"
        return (ext / mode / f"{id_}.{suffix}").read_text(encoding="utf-8", errors="replace")

    systems = {
        "html": [("summarize-cli", _ours_html), ("trafilatura", _trafilatura), ("jusText", _justext)],
        "text": [("summarize-cli", _ours_text), ("trafilatura (wrapped)", lambda t: _trafilatura(_wrap(t))),
                 ("jusText (wrapped)", lambda t: _justext(_wrap(t))), ("keep everything", lambda t: t)],
    }
    systems["selection"] = systems["text"]
    timings: dict[str, float] = {}
    rows = []
    for mode in ("html", "text", "selection"):
        for name, fn in systems[mode]:
            if a.quick and name != "summarize-cli":
                continue
            per: dict[str, list] = {c: [] for c in CORPORA}
            t0 = time.perf_counter()
            for t in truth:
                try:
                    pred = fn(read(mode, t["id"]))
                except Exception:  # noqa: BLE001 - a peer failing on a page scores zero there
                    pred = ""
                per[t["id"].split("-")[0]].append(sc.prf(pred, t["body"]))
            timings[f"{mode}/{name}"] = time.perf_counter() - t0
            for c in CORPORA:
                s = per[c]
                rows.append((c, mode, name, sc.mean(x[0] for x in s), sc.mean(x[1] for x in s), sc.mean(x[2] for x in s), len(s)))
    for c in CORPORA:
        print(f"\n{c}")
        print(f"  {'mode':10s} {'system':24s} {'P':>6s} {'R':>6s} {'F1':>6s}")
        for r in rows:
            if r[0] == c:
                print(f"  {r[1]:10s} {r[2]:24s} {r[3]:6.3f} {r[4]:6.3f} {r[5]:6.3f}")
    word = re.compile(r"\w+")
    print("\nclean input (summaries *.jsonl 'text'), share of words kept:")
    for path in sorted((bench / "summaries").glob("*.jsonl")):
        total = kept = 0
        for r in sc.read_jsonl(path):
            total += len(word.findall(r["text"]))
            kept += len(word.findall(_ours_text(r["text"])))
        print(f"  {path.stem:10s} {kept / max(total, 1):.4f}")
    n = len(truth)
    print(f"\nin-process time for {n} pages: " + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()))
    if not a.no_cross:
        _cross(bench)


def _cross(bench: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_cleaner

    from summarize_cli import cleaner

    docs = train_cleaner.load(bench)
    names = train_cleaner.feature_names(docs)
    rows = train_cleaner.cross_source(docs, names, model=cleaner._model())
    print("\ntext cleaner, F1 in-source (shipped weights) vs cross-source (refitted without that source):")
    print(f"  {'source':10s} {'mode':10s} {'in-source':>9s} {'cross':>7s} {'pages':>6s}")
    pages = {k: sum(1 for d in docs if (d["source"], d["mode"]) == k) for k in rows}
    for (src, mode), (ins, cross) in rows.items():
        print(f"  {src:10s} {mode:10s} {ins:9.3f} {cross:7.3f} {pages[(src, mode)]:6d}")


if __name__ == "__main__":
    main()
