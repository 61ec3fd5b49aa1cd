#!/usr/bin/env python3
"""ROUGE of the extractive summariser against lead-k and sumy on the dev summary sets.

Run from the repository root:  python benchmarks/summaries.py [--no-sumy] [--sets orangesum bbc]

OrangeSum is scored with 1-sentence summaries, BBC with 5 (the sizes the peer
figures in ../shared/bench/README.md were measured with). sumy is optional
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


def evaluate(rows: list[dict], k: int, method: Method) -> tuple[float, float, float, float]:
    """Mean ROUGE-1/2/L F1 over ``rows`` and the seconds the method took."""
    start = time.perf_counter()
    preds = [" ".join(method(row, k)) for row in rows]
    seconds = time.perf_counter() - start
    r1 = mean(rouge_n(p, r["summary"], 1) for p, r in zip(preds, rows))
    r2 = mean(rouge_n(p, r["summary"], 2) for p, r in zip(preds, rows))
    rl = mean(rouge_l(p, r["summary"]) for p, r in zip(preds, rows))
    return r1, r2, rl, seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", choices=sorted(SETS), default=list(SETS))
    ap.add_argument("--no-sumy", action="store_true", help="only this project and lead-k")
    args = ap.parse_args()
    peers = {} if args.no_sumy else sumy_methods()
    if not peers and not args.no_sumy:
        print("(sumy not installed: pip install sumy to compare with it)")
    print(f"{'set':10s} {'method':26s} {'R1':>6s} {'R2':>6s} {'RL':>6s} {'time s':>7s}")
    for name in args.sets:
        k = SETS[name]
        rows = read_jsonl(BENCH / "summaries" / f"{name}.jsonl")
        methods: dict[str, Method] = {"summarize-cli extractive": ours, f"lead-{k}": lead, **peers}
        for label, method in methods.items():
            r1, r2, rl, seconds = evaluate(rows, k, method)
            print(f"{name:10s} {label:26s} {r1:6.3f} {r2:6.3f} {rl:6.3f} {seconds:7.2f}", flush=True)


if __name__ == "__main__":
    main()
