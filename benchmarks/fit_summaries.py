#!/usr/bin/env python3
"""Fit the extractive summariser's bullet weights on the dev summary sets, and check the fit across sets and halves.

Run from the repository root:  python benchmarks/fit_summaries.py [--frontier]   (about 10 minutes on 2 cores)

The bullets after the lede are picked by a log-linear score of a few
features (summarize_cli/backends/extractive.py, _FEATURES). This script fits
those weights, the headline-figure bonus and the redundancy penalty by a
compass search (deterministic) on ROUGE-1 + ROUGE-2 F1 of OrangeSum at 3 sentences
(its one-sentence score depends on the lede only) and BBC at 3 and 5, and
prints, for each fit, what it scores on every set and on even and odd ids:

- both sets: the shipped weights. The fit may not lose on any of the three
  figures against the weights it starts from (centrality, coverage, title,
  figures and length as the scorer had them before it was fitted).
- both sets on even ids, then on odd ids: each is checked on the other half.
- one set alone, checked on the other (leave one set out).
- with --frontier: both sets, trading one for the other at set weights
  0.3/0.7, 0.5/0.5 and 0.7/0.3 (OrangeSum/BBC), to show what each costs.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / ".." / "shared" / "bench"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from scoring import ngrams, read_jsonl, tokens  # noqa: E402

from summarize_cli.backends import extractive  # noqa: E402
from summarize_cli.sentences import split_sentences  # noqa: E402

# The scored sizes: OrangeSum at 3 (wire-style highlights), BBC at 3 and at its own 5.
SIZES = {"orangesum": (3,), "bbc": (3, 5)}
NAMES = (*extractive._FEATURES, "headline", "redundancy")
# Before the fit: the hand-set scorer this log-linear one generalises.
START = {"centrality": 1.0, "coverage": 1.0, "title": 0.5, "figures": 0.25, "overlong": -1.0, "position": 0.0, "quotes": 0.0, "words": 0.0,
         "headline": float(np.log(5.0)), "redundancy": 0.0}  # fmt: skip
# Compass search: each weight in turn one step up or down, the step halved when none helps.
FIRST_STEP, LAST_STEP, MAX_SWEEPS = 0.25, 0.03, 40
# Any loss on a figure costs this many times what the same gain earns.
LOSS = 20.0


class Item:
    """One dev article, scored once: its sentences' features and tokens, and its reference's n-grams."""

    def __init__(self, row: dict):
        text = row["text"]
        spans = split_sentences(text, row["lang"])
        self.odd = _number(row["id"]) % 2 == 1
        self.scorer = extractive._Scorer(text, spans, row["lang"], row.get("title"))
        self.tokens = [tokens(text[a:b]) for a, b in spans]
        ref = tokens(row["summary"])
        self.ref = (ngrams(ref, 1), ngrams(ref, 2))
        # The search tries many weights that pick the same sentences.
        self._scored: dict[tuple[int, ...], tuple[float, float]] = {}

    def rouge(self, picked: list[int]) -> tuple[float, float]:
        """ROUGE-1 and ROUGE-2 F1 of the picked sentences (as scoring.rouge_n computes them)."""
        key = tuple(sorted(picked))
        if key not in self._scored:
            self._scored[key] = self._rouge(key)
        return self._scored[key]

    def _rouge(self, picked: tuple[int, ...]) -> tuple[float, float]:
        words = [w for i in picked for w in self.tokens[i]]
        out = []
        for n, ref in zip((1, 2), self.ref):
            pred = ngrams(words, n)
            overlap = sum((pred & ref).values())
            if not overlap:
                out.append(0.0)
                continue
            p, r = overlap / sum(pred.values()), overlap / sum(ref.values())
            out.append(2 * p * r / (p + r))
        return out[0], out[1]


def _number(item_id: str) -> int:
    digits = re.findall(r"\d+", item_id)
    return int(digits[-1]) if digits else 0


Scores = dict[tuple[str, int], tuple[float, float]]


def evaluate(sets: dict[str, list[Item]], params: dict[str, float], half: str = "all") -> Scores:
    """Mean ROUGE-1/2 per (set, size) over ``half`` ("all", "even", "odd") of each set."""
    weights = {name: params[name] for name in extractive._FEATURES}
    out: Scores = {}
    for name, items in sets.items():
        keep = [it for it in items if half == "all" or it.odd == (half == "odd")]
        sizes = SIZES[name]
        got: dict[int, list[tuple[float, float]]] = {k: [] for k in sizes}
        for it in keep:
            if not it.tokens:
                for k in sizes:
                    got[k].append((0.0, 0.0))
                continue
            # Picks come in order, so the first k of the largest size are the pick at size k.
            order = extractive._select(it.scorer, max(sizes), None, weights, params["headline"], params["redundancy"])
            for k in sizes:
                got[k].append(it.rouge(order[:k]))
        for k in sizes:
            out[(name, k)] = (float(np.mean([g[0] for g in got[k]])), float(np.mean([g[1] for g in got[k]])))
    return out


def fit(sets: dict[str, list[Item]], share: dict[str, float] | None, half: str = "all") -> dict[str, float]:
    """Compass search from START; ``share`` weighs the sets' relative gains (None: both count, and no figure may lose)."""
    base = evaluate(sets, START, half)

    def objective(scores: Scores) -> float:
        gains = {key: sum(scores[key]) / max(sum(base[key]), 1e-9) - 1 for key in scores}
        if share is None:
            return sum(gains.values()) + LOSS * sum(min(0.0, g) for g in gains.values())
        return sum(share[name] * np.mean([g for (s, _), g in gains.items() if s == name]) for name in sets)

    params, best, step = dict(START), objective(base), FIRST_STEP
    for _ in range(MAX_SWEEPS):
        if step < LAST_STEP:
            break
        improved = False
        for name in NAMES:
            for sign in (1.0, -1.0):
                trial = {**params, name: params[name] + sign * step}
                # Redundancy is a penalty by definition: a bullet never gains from repeating another.
                if trial["redundancy"] < 0:
                    continue
                value = objective(evaluate(sets, trial, half))
                if value > best + 1e-9:
                    params, best, improved = trial, value, True
                    break
        if not improved:
            step /= 2
    return params


def _line(label: str, scores_by_half: dict[str, Scores]) -> str:
    keys = [(name, k) for name in SIZES for k in SIZES[name]]
    cells = []
    for key in keys:
        cells.append(" ".join(f"{scores_by_half[h][key][0]:.3f}/{scores_by_half[h][key][1]:.3f}" for h in ("all", "even", "odd")))
    return f"{label:34s} " + " | ".join(cells)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frontier", action="store_true", help="also fit with the sets weighted 0.3/0.7, 0.5/0.5, 0.7/0.3")
    args = ap.parse_args()
    sets = {name: [Item(row) for row in read_jsonl(BENCH / "summaries" / f"{name}.jsonl")] for name in SIZES}
    heads = " | ".join(f"{f'{name} {k}: R1/R2 all, even, odd':^41s}" for name in SIZES for k in SIZES[name])
    print(f"{'fit':34s} {heads}")

    def report(label: str, params: dict[str, float]) -> None:
        print(_line(label, {h: evaluate(sets, params, h) for h in ("all", "even", "odd")}), flush=True)
        print("    " + " ".join(f"{n}={params[n]:.6g}" for n in NAMES), flush=True)

    shipped = {**{n: extractive._WEIGHTS[n] for n in extractive._FEATURES}, "headline": extractive._HEADLINE_FIGURES, "redundancy": extractive._REDUNDANCY}
    report("start (before the fit)", START)
    report("shipped (extractive.py)", shipped)
    report("both sets, all ids", fit(sets, None))
    report("both sets, even ids (check: odd)", fit(sets, None, "even"))
    report("both sets, odd ids (check: even)", fit(sets, None, "odd"))
    for name in SIZES:
        report(f"{name} only (check: the other)", fit({name: sets[name]}, {name: 1.0}))
    if args.frontier:
        for share in (0.3, 0.5, 0.7):
            report(f"both, weighted {share:.1f}/{1 - share:.1f}", fit(sets, {"orangesum": share, "bbc": 1 - share}))


if __name__ == "__main__":
    main()
