"""Extractive summariser: picks the article's most representative sentences, no model."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import resources

import numpy as np

from summarize_cli.schema import Article, Summary
from summarize_cli.sentences import split_sentences

_WORD = re.compile(r"\w+")
# Prefix truncation is a crude but language-neutral stemmer: it folds French
# and English inflections (plural, gender, tense) together well enough.
_STEM = 7
# Weights measured on the dev sets (see benchmarks/summaries.py). The first
# pick is the lede: frequent-word coverage, title similarity, centrality and a
# mild lead bias find the sentence that states the story. Position and title
# only hurt the further picks, which are left to word-overlap centrality.
_BASE, _W_TITLE, _W_CENTRAL, _POS_DECAY = 0.5, 0.5, 0.5, 0.35
_DAMPING, _ITERATIONS = 0.85, 30
# Sentences this similar to one already chosen repeat it.
_DUPLICATE = 0.8


class ExtractiveSummarizer:
    """Pure-Python extractive summariser: a lede sentence, then the most central ones."""

    name = "extractive"

    def summarize(self, article: Article, n: int) -> Summary:
        """Pick up to ``n`` sentences of ``article.text``, returned in article order."""
        text = article.text or ""
        lang = article.language or _guess_language(text)
        spans = split_sentences(text, lang)
        chosen = _select(text, spans, lang, article.title, n) if n > 0 else []
        picked = tuple(spans[i] for i in chosen)
        return Summary(
            sentences=tuple(text[a:b] for a, b in picked),
            language=lang,
            method="extractive",
            model=None,
            spans=picked,
        )


def rank_sentences(text: str, lang: str | None, title: str | None = None) -> list[tuple[int, float]]:
    """(index into ``split_sentences(text, lang)``, score) in pick order: the lede (score > 1), then by centrality."""
    lang = lang or _guess_language(text)
    spans = split_sentences(text, lang)
    if not spans:
        return []
    scorer = _Scorer(text, spans, lang, title)
    scores = scorer.body.copy()
    scores[scorer.lede] = 1.0 + float(scorer.lede_scores[scorer.lede])
    return [(i, float(scores[i])) for i in scorer.order()]


def _select(text: str, spans: list[tuple[int, int]], lang: str, title: str | None, n: int) -> list[int]:
    if not spans:
        return []
    scorer = _Scorer(text, spans, lang, title)
    chosen: list[int] = []
    for i in scorer.order():
        if len(chosen) >= n:
            break
        if chosen and float(np.max(scorer.vectors[chosen] @ scorer.vectors[i])) > _DUPLICATE:
            continue
        chosen.append(i)
    if len(chosen) < n:
        # Only near-duplicates left: better a repeat than a shorter summary than asked.
        chosen += [i for i in scorer.order() if i not in chosen][: n - len(chosen)]
    return sorted(chosen)


class _Scorer:
    """Lede and body scores of the sentences of one text."""

    def __init__(self, text: str, spans: list[tuple[int, int]], lang: str, title: str | None):
        stop = _stopwords(lang)
        bags = [Counter(_terms(text[a:b], stop)) for a, b in spans]
        n = len(bags)
        doc_tf: Counter[str] = Counter()
        df: Counter[str] = Counter()
        for bag in bags:
            doc_tf.update(bag)
            df.update(bag.keys())
        title_bag = Counter(_terms(title or "", stop))
        idf = {w: np.log((n + 1) / (d + 0.5)) for w, d in df.items()}
        # Only shared words (or title words) can make two vectors overlap, so the
        # matrix keeps those columns; norms still count every word.
        columns = [w for w, d in df.items() if d > 1 or w in title_bag]
        col = {w: j for j, w in enumerate(columns)}
        matrix = np.zeros((n, len(columns)))
        norms = np.zeros(n)
        for i, bag in enumerate(bags):
            for w, c in bag.items():
                weight = c * idf[w]
                norms[i] += weight * weight
                if w in col:
                    matrix[i, col[w]] = weight
        norms = np.sqrt(norms)
        norms[norms == 0] = 1.0
        self.vectors = matrix / norms[:, None]
        coverage = np.array(
            [sum(doc_tf[w] for w in bag if doc_tf[w] > 1) for bag in bags], dtype=float
        )
        # The lede: the sentence that best states the story.
        self.lede_scores = (
            _unit(coverage)
            * (
                _BASE
                + _W_TITLE * _unit(self._title_similarity(title_bag, col, idf))
                + _W_CENTRAL * _unit(_pagerank(self.vectors @ self.vectors.T))
            )
            / (1.0 + np.arange(n)) ** _POS_DECAY
        )
        self.lede = int(np.argmax(self.lede_scores))
        # The rest: TextRank (Mihalcea & Tarau 2004) over shared words, whose
        # log-length normalisation favours full, content-rich sentences.
        present = (matrix > 0).astype(float)
        lengths = np.log(np.maximum([sum(bag.values()) for bag in bags], 1))
        norm = lengths[:, None] + lengths[None, :]
        overlap = present @ present.T
        sim = np.divide(overlap, norm, out=np.zeros_like(overlap), where=norm > 0)
        self.body = _unit(_pagerank(sim))

    def order(self) -> list[int]:
        """Sentence indices in pick order: the lede, then by body score."""
        rest = sorted((i for i in range(len(self.body)) if i != self.lede), key=lambda i: (-self.body[i], i))
        return [self.lede, *rest]

    def _title_similarity(self, title_bag: Counter[str], col: dict[str, int], idf: dict[str, float]) -> np.ndarray:
        vec = np.zeros(self.vectors.shape[1])
        for w, c in title_bag.items():
            if w in col:
                vec[col[w]] = c * idf[w]
        norm = float(np.linalg.norm(vec))
        return self.vectors @ vec / norm if norm else np.zeros(len(self.vectors))


def _pagerank(sim: np.ndarray) -> np.ndarray:
    """Stationary scores of a random walk over a similarity graph (self-loops ignored)."""
    n = len(sim)
    sim = sim.copy()
    np.fill_diagonal(sim, 0.0)
    rows = sim.sum(axis=1, keepdims=True)
    rows[rows == 0] = 1.0
    walk = (sim / rows).T
    rank = np.full(n, 1.0 / n)
    for _ in range(_ITERATIONS):
        rank = (1 - _DAMPING) / n + _DAMPING * walk @ rank
    return rank


def _unit(x: np.ndarray) -> np.ndarray:
    top = float(x.max()) if len(x) else 0.0
    return x / top if top > 0 else np.zeros_like(x)


def _terms(text: str, stop: frozenset[str]) -> list[str]:
    return [
        w[:_STEM]
        for w in _WORD.findall(text.lower())
        if len(w) > 1 and not w.isdigit() and w not in stop
    ]


def _guess_language(text: str) -> str:
    """'fr' or 'en', whichever stop-word list covers more of the text."""
    words = _WORD.findall(text[:5000].lower())
    fr = sum(w in _stopwords("fr") for w in words)
    en = sum(w in _stopwords("en") for w in words)
    return "fr" if fr > en else "en"


@cache
def _stopwords(lang: str) -> frozenset[str]:
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    if code not in ("en", "fr"):
        return _stopwords("en") | _stopwords("fr") if code else frozenset()
    path = resources.files("summarize_cli.data").joinpath("stopwords", f"{code}.txt")
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(
        w for line in raw.splitlines() if not line.lstrip().startswith("#") for w in line.split()
    )
