#!/usr/bin/env python3
"""ROUGE of the extractive summariser against lead-k and sumy on the dev summary sets.

Run from the repository root:  python benchmarks/summaries.py [--no-sumy] [--sets orangesum bbc]

OrangeSum is scored with 1-sentence summaries, BBC with 5 (the sizes the peer
figures in ../shared/bench/README.md were measured with), each next to the
first three sentences (lead-3). A second block scores every method at 3
sentences, the size of wire-style highlights, where lead-3 is the baseline to
beat. Each figure is given for the whole set and for its even and odd ids
(benchmarks/fit_summaries.py fits the weights and checks them across halves
and across sets). sumy is optional
(`pip install sumy`); it is given our sentence splitter and a regex word
tokenizer because its own needs NLTK data that cannot be fetched offline.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / ".." / "shared" / "bench"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from scoring import mean, read_jsonl, rouge_l, rouge_n  # noqa: E402

from summarize_cli.backends.extractive import ExtractiveSummarizer  # noqa: E402
from summarize_cli.schema import Article  # noqa: E402
from summarize_cli.sentences import split_sentences  # noqa: E402

SETS = {"orangesum": 1, "bbc": 5}
WIRE = 3  # sentences in wire-style highlights (CNN/DailyMail)
SUMY_LANG = {"fr": "french", "en": "english"}
Method = Callable[[dict, int], list[str]]


def ours(row: dict, k: int) -> list[str]:
    """This project's extractive summariser."""
    article = Article(source=row["id"], title=row.get("title"), text=row["text"], language=row.get("lang"))
    return list(ExtractiveSummarizer().summarize(article, k).sentences)


def lead(row: dict, k: int) -> list[str]:
    """The first k sentences."""
    text = row["text"]
    return [text[a:b] for a, b in split_sentences(text, row.get("lang"))[:k]]


class _OfflineTokenizer:
    """sumy tokenizer hooks: our sentence splitter, regex words."""

    _WORD = re.compile(r"\w+(?:['’]\w+)*")

    def __init__(self, language: str, lang: str):
        self.language = language
        self._lang = lang

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(paragraph[a:b] for a, b in split_sentences(paragraph, self._lang))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(w for w in self._WORD.findall(sentence) if any(c.isalpha() for c in w))


def sumy_methods() -> dict[str, Method]:
    """TextRank, LexRank, LSA and Luhn from sumy, or nothing when it is missing."""
    try:
        from sumy.nlp.stemmers import Stemmer
        from sumy.parsers.plaintext import PlaintextParser
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.lsa import LsaSummarizer
        from sumy.summarizers.luhn import LuhnSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words
    except ImportError:
        return {}

    def make(cls: type) -> Method:
        cache: dict[str, object] = {}

        def run(row: dict, k: int) -> list[str]:
            lang = row.get("lang") or "en"
            language = SUMY_LANG.get(lang, "english")
            if language not in cache:
                summarizer = cls(Stemmer(language))
                summarizer.stop_words = get_stop_words(language)
                cache[language] = summarizer
            parser = PlaintextParser.from_string(row["text"], _OfflineTokenizer(language, lang))
            return [str(s) for s in cache[language](parser.document, k)]

        return run

    return {
        "sumy TextRank": make(TextRankSummarizer),
        "sumy LexRank": make(LexRankSummarizer),
        "sumy LSA": make(LsaSummarizer),
        "sumy Luhn": make(LuhnSummarizer),
    }


Scores = dict[str, tuple[float, float, float]]


def evaluate(rows: list[dict], k: int, method: Method) -> tuple[Scores, float]:
    """Mean ROUGE-1/2/L F1 over ``rows`` (all, even and odd ids) and the seconds the method took."""
    start = time.perf_counter()
    preds = [" ".join(method(row, k)) for row in rows]
    seconds = time.perf_counter() - start
    scores = [(rouge_n(p, r["summary"], 1), rouge_n(p, r["summary"], 2), rouge_l(p, r["summary"])) for p, r in zip(preds, rows)]
    halves = {"all": lambda _: True, "even": lambda n: n % 2 == 0, "odd": lambda n: n % 2 == 1}
    out: Scores = {}
    for half, keep in halves.items():
        part = [s for s, r in zip(scores, rows) if keep(_number(r["id"]))]
        out[half] = (mean(s[0] for s in part), mean(s[1] for s in part), mean(s[2] for s in part))
    return out, seconds


def _number(item_id: str) -> int:
    digits = re.findall(r"\d+", item_id)
    return int(digits[-1]) if digits else 0


def _row(name: str, k: int, label: str, scores: Scores, seconds: float) -> str:
    cells = " ".join(f"{scores[h][0]:6.3f} {scores[h][1]:6.3f} {scores[h][2]:6.3f} " for h in ("all", "even", "odd"))
    return f"{name:10s} {k:>2d} {label:26s} {cells}{seconds:7.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", choices=sorted(SETS), default=list(SETS))
    ap.add_argument("--no-sumy", action="store_true", help="only this project and lead-k")
    args = ap.parse_args()
    peers = {} if args.no_sumy else sumy_methods()
    if not peers and not args.no_sumy:
        print("(sumy not installed: pip install sumy to compare with it)")
    head = " ".join(f"{'R1':>6s} {'R2':>6s} {'RL':>6s} " for _ in range(3))
    print(f"{'':13s} {'':26s} {'all':^21s} {'even ids':^21s} {'odd ids':^21s}")
    print(f"{'set':10s} {'k':>2s} {'method':26s} {head}{'time s':>7s}")
    verdicts = []
    for size in ("set", "wire"):
        for name in args.sets:
            k = SETS[name] if size == "set" else WIRE
            rows = read_jsonl(BENCH / "summaries" / f"{name}.jsonl")
            methods: dict[str, Method] = {"summarize-cli extractive": ours, f"lead-{k}": lead, **peers}
            results = {}
            for label, method in methods.items():
                results[label] = evaluate(rows, k, method)
                print(_row(name, k, label, *results[label]), flush=True)
            if k != WIRE:
                results["lead-3"] = evaluate(rows, WIRE, lead)
                print(_row(name, WIRE, "lead-3", *results["lead-3"]), flush=True)
            verdicts.append(_verdict(name, k, results))
        print()
    print("\n".join(verdicts))


def _verdict(name: str, k: int, results: dict[str, tuple[Scores, float]]) -> str:
    """Ours against the best other method, figure by figure, on the whole set."""
    mine = results["summarize-cli extractive"][0]["all"]
    others = {label: r[0]["all"] for label, r in results.items() if label != "summarize-cli extractive"}
    parts = []
    for j, fig in enumerate(("R1", "R2", "RL")):
        label, best = max(others.items(), key=lambda kv: kv[1][j])
        parts.append(f"{fig} {mine[j] - best[j]:+.3f} vs {label}")
    return f"{name} at {k}: ours minus the best other: " + ", ".join(parts)


if __name__ == "__main__":
    main()
