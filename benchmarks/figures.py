#!/usr/bin/env python3
"""Key-figure precision/recall of find_figures (and, if installed, Recognizers-Text) on the dev set.

Run from the repository root:  python benchmarks/figures.py [--no-peer] [--show-misses] [--halves] [--key-only]

--halves also scores the even and the odd ids apart (half A, half B): the rules were never fitted to
either, so a gap between them is what to expect on held-out sentences of the same sources.

Scores each system's predictions with the matching rules of ../shared/bench/scoring.py (what
../shared/bench/score.py runs), on the cases of each set only. The
Recognizers-Text Python port (`recognizers-text-suite`) is scored too when it is
importable; it is not a dependency.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / ".." / "shared" / "bench"
DATA = BENCH / "figures" / "recognizers.jsonl"
sys.path.insert(0, str(ROOT))

from summarize_cli.figures import find_figures, read_numbers  # noqa: E402


def read_cases() -> list[dict[str, Any]]:
    with open(DATA, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def key_only(text: str, lang: str) -> list[dict[str, Any]]:
    """The key figures alone: what a journalist is shown (no telephone digits, no day of a date)."""
    return [{"kind": f.kind, "value": f.value, "currency": f.currency, "text": f.text} for f in find_figures(text, lang)]


def ours(text: str, lang: str) -> list[dict[str, Any]]:
    """The key figures, and every number of the text (read_numbers) as kind "number": a number recogniser finds the
    numbers of a telephone number or a date too, which are no key figures. Money and percent are scored on the key
    figures only (the scorer takes predictions of the case's kind); number cases take any kind."""
    numbers = [{"kind": "number", "value": float(n.value), "text": text[n.start:n.end], "of": n.kind} for n in read_numbers(text, lang)]
    return key_only(text, lang) + numbers


def recognizers() -> Callable[[str, str], list[dict[str, Any]]] | None:
    """The Recognizers-Text Python port as a predictor, or None when it is not installed."""
    try:
        from recognizers_number import recognize_number, recognize_percentage  # type: ignore[import-not-found]
        from recognizers_number_with_unit import recognize_currency  # type: ignore[import-not-found]
        from recognizers_text import Culture  # type: ignore[import-not-found]
    except ImportError:
        return None
    cultures = {"en": Culture.English, "fr": Culture.French}
    codes = {"Dollar": "USD", "United States dollar": "USD", "Euro": "EUR", "British pound": "GBP", "Pound": "GBP",
             "Japanese yen": "JPY", "Swiss franc": "CHF", "Chinese yuan": "CNY", "Canadian dollar": "CAD",
             "Hong Kong dollar": "HKD", "Mexican peso": "MXN", "Turkish lira": "TRY"}

    def num(x: Any) -> float:
        # the French models resolve with a decimal comma ("2,75")
        return float(str(x).replace(",", ".").rstrip("%"))

    def predict(text: str, lang: str) -> list[dict[str, Any]]:
        c = cultures[lang]
        out: list[dict[str, Any]] = []
        for r in recognize_currency(text, c):
            res = r.resolution or {}
            try:
                value = num(res.get("value"))
            except (TypeError, ValueError):
                continue
            out.append({"kind": "money", "value": value, "currency": res.get("isoCurrency") or codes.get(res.get("unit"))})
        for r in recognize_percentage(text, c):
            try:
                out.append({"kind": "percent", "value": num((r.resolution or {}).get("value", ""))})
            except ValueError:
                pass
        for r in recognize_number(text, c):
            try:
                out.append({"kind": "number", "value": num((r.resolution or {}).get("value"))})
            except (TypeError, ValueError):
                pass
        return out

    return predict


def score(name: str, predict: Callable[[str, str], list[dict[str, Any]]], cases: list[dict[str, Any]], show: bool) -> None:
    t0 = time.perf_counter()
    rows = [{"id": c["id"], "figures": predict(c["input"], c["lang"])} for c in cases]
    dt = time.perf_counter() - t0
    sys.path.insert(0, str(BENCH))
    from scoring import report_figures, score_figures  # type: ignore[import-not-found]

    print(f"== {name}: {len(cases)} sentences in {dt:.2f} s")
    print(report_figures(score_figures(cases, {r["id"]: r["figures"] for r in rows})))
    if show:
        for c, r in zip(cases, rows):
            want = {round(e["value"], 6) for e in c["expected"]}
            got = [p for p in r["figures"] if c["kind"] == "number" or p["kind"] == c["kind"]]
            have = {round(p["value"], 6) for p in got if p["value"] is not None}
            if want != have and not (c["kind"] == "number" and want <= have):
                print(f"  {c['id']}: {c['input'][:90]!r}\n     want {[(e['text'], e['value']) for e in c['expected']]}"
                      f"\n     got  {[(p.get('text'), p['kind'], p['value'], p.get('currency')) for p in got]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-peer", action="store_true", help="skip Recognizers-Text even if installed")
    ap.add_argument("--show-misses", action="store_true", help="list the cases we get wrong")
    ap.add_argument("--halves", action="store_true", help="also score even ids (half A) and odd ids (half B) apart")
    ap.add_argument("--key-only", action="store_true", help="also score the key figures without the other numbers")
    a = ap.parse_args()
    cases = read_cases()
    sets = [("all", cases)]
    if a.halves:
        sets += [("half A (even ids)", [c for c in cases if int(c["id"].rsplit("-", 1)[1]) % 2 == 0]),
                 ("half B (odd ids)", [c for c in cases if int(c["id"].rsplit("-", 1)[1]) % 2 == 1])]
    peer = None if a.no_peer else recognizers()
    for name, part in sets:
        suffix = "" if name == "all" else f" [{name}]"
        score("summarize_cli.figures" + suffix, ours, part, a.show_misses and name == "all")
        if a.key_only:
            score("summarize_cli.figures, key figures only" + suffix, key_only, part, False)
        if peer is not None:
            score("Recognizers-Text (Python port)" + suffix, peer, part, False)
    if peer is None and not a.no_peer:
        print("(Recognizers-Text Python port not installed: peer not scored)")


if __name__ == "__main__":
    main()
