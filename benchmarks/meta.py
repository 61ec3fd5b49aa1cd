"""Page-metadata benchmark: title, byline and body of ours vs trafilatura, on ../shared/bench/meta (Readability's test pages).

Run from the repo root: python benchmarks/meta.py [--bench DIR]

Ours is the installed CLI (`summarize extract --format jsonl`), as a user runs it; trafilatura is
`bare_extraction(with_metadata=True)` on the same bytes. Scored with the shared scorer
(title right: word F1 >= 0.8; byline right: every name word present). Also prints the pages where
the two disagree, and the same scores on the pages' text dumps (w3m) when w3m is installed.
Note: the references are Readability's outputs; some keep the site name in the title
("Mozilla - Wikipedia") or a date in the byline, which this tool drops on purpose (README, "Page metadata").
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _ours(paths: list[Path]) -> dict[str, dict]:
    cmd = [sys.executable, "-m", "summarize_cli", "extract", "--no-cache", "--format", "jsonl", *map(str, paths)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    return {Path(r["source"]).stem: {"title": r.get("title"), "byline": r.get("byline"), "text": r.get("text") or ""} for r in rows}


def _trafilatura(paths: list[Path]) -> dict[str, dict]:
    import trafilatura

    preds = {}
    for p in paths:
        doc = trafilatura.bare_extraction(p.read_bytes().decode("utf-8", "replace"), with_metadata=True)
        preds[p.stem] = {"title": getattr(doc, "title", None), "byline": getattr(doc, "author", None), "text": getattr(doc, "text", None) or ""}
    return preds


def _dumps(paths: list[Path], folder: Path) -> list[Path]:
    out = []
    for p in paths:
        dump = subprocess.run(["w3m", "-dump", "-T", "text/html", "-cols", "20000", "-I", "UTF-8", "-O", "UTF-8", str(p)], capture_output=True)
        target = folder / f"{p.stem}.txt"
        target.write_bytes(dump.stdout)
        out.append(target)
    return out


def main() -> None:
    """Print ours and trafilatura's title/byline/body scores side by side."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    args = ap.parse_args()
    sys.path.insert(0, str(args.bench))
    import scoring  # type: ignore[import-not-found]

    truth = scoring.read_jsonl(args.bench / "meta" / "truth.jsonl")
    pages = sorted((args.bench / "meta" / "html").glob("*.html"))
    runs = {"summarize-cli (html)": _ours(pages), "trafilatura (html)": _trafilatura(pages)}
    if shutil.which("w3m"):
        with tempfile.TemporaryDirectory() as tmp:
            runs["summarize-cli (w3m text)"] = _ours(_dumps(pages, Path(tmp)))
    halves = (truth[0::2], truth[1::2])  # rows 1, 3, 5... and 2, 4, 6...: a score that holds on one half only is luck
    print(f"{'':28s} {'title':>7s} {'byline':>7s} {'body F1':>8s}   halves (rows 1,3,... | rows 2,4,...)   "
          f"(n={len(truth)}; bylines n={sum(1 for t in truth if t.get('byline'))})")
    for name, preds in runs.items():
        s = scoring.score_meta(truth, preds)
        h = [scoring.score_meta(rows, preds) for rows in halves]
        split = " | ".join(f"{x['title']:.3f} {x['byline']:.3f} {x['body_f1']:.3f}" for x in h)
        print(f"{name:28s} {s['title']:7.3f} {s['byline']:7.3f} {s['body_f1']:8.3f}   {split}")
    ours, theirs = runs["summarize-cli (html)"], runs["trafilatura (html)"]
    print("\nPages where ours is wrong (reference | ours | trafilatura):")
    for t in truth:
        o, p = ours.get(t["id"], {}), theirs.get(t["id"], {})
        if t.get("title") and not scoring.title_ok(o.get("title"), t["title"]):
            print(f"  title  {t['id']}: {t['title']!r} | {o.get('title')!r} | {p.get('title')!r}")
        if t.get("byline") and not scoring.byline_ok(o.get("byline") or "", t["byline"]):
            print(f"  byline {t['id']}: {' '.join(t['byline'].split())!r} | {o.get('byline')!r} | {p.get('byline')!r}")


if __name__ == "__main__":
    main()
