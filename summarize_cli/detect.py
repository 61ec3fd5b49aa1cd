"""Stage 3, detect language: ISO 639-1 code of an article's text, offline."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

DEFAULT_LANGUAGE = "en"
_WORD = re.compile(r"[^\W\d_]+")
# Fast path only when the text is long enough and one language clearly leads.
_MIN_WORDS = 25
_MIN_SHARE = 0.2
_MIN_LEAD = 3.0


def detect_language(text: str, default: str = DEFAULT_LANGUAGE) -> str:
    """Return the ISO 639-1 code of ``text`` (``default`` when too short to tell)."""
    sample = " ".join(text[:20000].split())[:5000]
    if sum(ch.isalpha() for ch in sample) < 12:
        return default
    quick = _function_word_vote(sample)
    if quick:
        return quick
    # py3langid's model ships inside the wheel (97 languages, no download) but takes 0.5-2 s to load.
    import py3langid

    lang, _score = py3langid.classify(sample)
    return str(lang)


def _function_word_vote(sample: str) -> str | None:
    words = _WORD.findall(sample.lower())
    if len(words) < _MIN_WORDS:
        return None
    table = _function_words()
    counts = {lang: sum(1 for w in words if w in vocab) for lang, vocab in table.items()}
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    (best, hits), runner_up = ranked[0], ranked[1][1]
    if hits >= _MIN_SHARE * len(words) and hits >= _MIN_LEAD * max(runner_up, 1):
        return best
    return None


@cache
def _function_words() -> dict[str, frozenset[str]]:
    raw = (resources.files("summarize_cli") / "data" / "langid" / "function_words.toml").read_text(encoding="utf-8")
    return {lang: frozenset(words) for lang, words in tomllib.loads(raw).items()}
