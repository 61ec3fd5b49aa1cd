"""Quote-attribution benchmark: precision and recall of quotation spans and speakers on benchmarks/data/quotes.jsonl.

Run from the repo root: python benchmarks/quotes.py [--data FILE] [--show]

A predicted quotation matches a labelled one when their words agree (word F1 >= 0.9, so a comma
kept or dropped at the edge does not count); each labelled one matches once. A speaker is right
when every word of the labelled speaker is in the predicted one and it has at most twice as many
words. Speaker precision is over matched quotations the tool gave a speaker; speaker recall over
all labelled quotations. Also printed per language and for the even and odd halves of the ids.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize_cli.quotes import find_quotes  # noqa: E402


def _tokens(s: str) -> list[str]:
    return re.findall(r"\w+", (s or "").casefold())


def _f1(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    common = sum(min(ta.count(w), tb.count(w)) for w in set(ta))
    return 0.0 if not common else 2 * common / (len(ta) + len(tb))


def _speaker_ok(pred: str | None, gold: str) -> bool:
    g, p = _tokens(gold), _tokens(pred or "")
    return bool(g) and bool(p) and set(g) <= set(p) and len(p) <= 2 * len(g)


def score(rows: list[dict], show: bool = False) -> dict[str, float]:
    """Span and speaker precision/recall over ``rows`` (each with ``text``, ``lang``, ``quotes``)."""
    n_pred = n_gold = matched = spk_given = spk_right = 0
    for row in rows:
        preds = list(find_quotes(row["text"], row["lang"]))
        gold = row["quotes"]
        n_pred += len(preds)
        n_gold += len(gold)
        used: set[int] = set()
        for g in gold:
            best = max(((i, _f1(p.text, g["quote"])) for i, p in enumerate(preds) if i not in used), key=lambda x: x[1], default=(None, 0.0))
            if best[0] is None or best[1] < 0.9:
                if show:
                    print(f"  missed  {row['id']}: {g['quote'][:70]!r} ({g['speaker']})")
                continue
            used.add(best[0])
            matched += 1
            p = preds[best[0]]
            if p.speaker:
                spk_given += 1
            if _speaker_ok(p.speaker, g["speaker"]):
                spk_right += 1
            elif show:
                print(f"  speaker {row['id']}: {p.speaker!r} for {g['speaker']!r} ({g['quote'][:50]!r})")
        if show:
            for i, p in enumerate(preds):
                if i not in used:
                    print(f"  extra   {row['id']}: {p.text[:70]!r} ({p.speaker})")
    return {
        "span_p": matched / n_pred if n_pred else 1.0,
        "span_r": matched / n_gold if n_gold else 1.0,
        "speaker_p": spk_right / spk_given if spk_given else 1.0,
        "speaker_r": spk_right / n_gold if n_gold else 1.0,
        "n_gold": n_gold,
        "n_pred": n_pred,
    }


def main() -> None:
    """Print span and speaker P/R, overall, per language and per half."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "data" / "quotes.jsonl")
    ap.add_argument("--show", action="store_true", help="list misses, wrong speakers and extra quotations")
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    groups = {"all": rows}
    for lang in sorted({r["lang"] for r in rows}):
        groups[lang] = [r for r in rows if r["lang"] == lang]
    # halves by position in the file (rows 1, 3, 5... and 2, 4, 6...), i.e. odd and even id numbers
    groups["odd ids"] = rows[0::2]
    groups["even ids"] = rows[1::2]
    print(f"{'':10s} {'span P':>7s} {'span R':>7s} {'spk P':>7s} {'spk R':>7s}  quotes")
    for name, part in groups.items():
        s = score(part, show=args.show and name == "all")
        print(f"{name:10s} {s['span_p']:7.3f} {s['span_r']:7.3f} {s['speaker_p']:7.3f} {s['speaker_r']:7.3f}  {s['n_gold']} labelled, {s['n_pred']} found")
    print("goal: span P >= 0.95, R >= 0.90; speakers >= 0.90")


if __name__ == "__main__":
    main()
