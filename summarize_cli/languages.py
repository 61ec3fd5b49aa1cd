"""The languages the tool has data for, found from its data files, and the one language guesser: one registry for every stage."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from functools import cache
from importlib import resources

__all__ = [
    "DEFAULT_LANGUAGE", "DEFAULT_TARGET", "data_languages", "boilerplate_rules", "guess_language", "iso_639_1", "language_name", "words_pattern",
]  # fmt: skip

# The language assumed when a text is too short to tell.
DEFAULT_LANGUAGE = "en"
# The language summaries and translations are written in unless --to says otherwise.
DEFAULT_TARGET = "en"

_WORD = re.compile(r"[^\W\d_]+")
# The function-word vote decides alone only when the text is long enough and one language clearly leads.
_MIN_WORDS = 25
_MIN_SHARE = 0.2
_MIN_LEAD = 3.0


@cache
def data_languages(kind: str) -> tuple[str, ...]:
    """ISO 639-1 codes that have a ``data/<kind>/<code>.toml`` or ``.txt`` file, sorted."""
    folder = resources.files("summarize_cli.data").joinpath(kind)
    codes = {p.name.split(".")[0] for p in folder.iterdir() if p.name.endswith((".toml", ".txt"))}
    return tuple(sorted(c for c in codes if len(c) == 2 and c.isalpha()))


@cache
def boilerplate_rules() -> dict[str, dict]:
    """Each language's boilerplate rules (``data/boilerplate/<code>.toml``), parsed."""
    folder = resources.files("summarize_cli.data").joinpath("boilerplate")
    return {code: tomllib.loads(folder.joinpath(f"{code}.toml").read_text(encoding="utf-8")) for code in data_languages("boilerplate")}


@cache
def _cldr_codes() -> frozenset[str]:
    # CLDR's language names, as Babel ships them: the two-letter ones are ISO 639-1 (no hand-kept list).
    from babel import Locale

    return frozenset(code for code in Locale("en").languages if len(code) == 2 and code.isalpha())


def iso_639_1(code: str) -> str:
    """``code`` normalised ("FR " -> "fr"); UnknownLanguage when CLDR has no such ISO 639-1 code."""
    from summarize_cli.errors import UnknownLanguage

    norm = code.strip().lower().replace("_", "-").split("-")[0]
    if len(norm) == 2 and norm in _cldr_codes():
        return norm
    from babel import Locale

    # A name or a three-letter code the user may have meant: say which two letters to type.
    guess = next((c for c, name in Locale("en").languages.items() if name.lower() == code.strip().lower() and c in _cldr_codes()), None)
    hint = f"did you mean {guess}?" if guess else "for example fr, en, de, es"
    raise UnknownLanguage(f"{code.strip()!r} is not an ISO 639-1 language code", hint)


def language_name(code: str) -> str:
    """The English name of a language code ("fr" -> "French"), or the code itself."""
    from babel import Locale

    return Locale("en").languages.get(code, code)


def words_pattern(words: list[str]) -> str:
    """A regex alternation matching any of ``words`` literally, longest first, either apostrophe for "'"; never matches when empty."""
    escaped = sorted({re.escape(w).replace("'", "['’]") for w in words}, key=len, reverse=True)
    return "|".join(escaped) or "(?!)"


def guess_language(text: str, among: Collection[str] | None = None, default: str = DEFAULT_LANGUAGE) -> str:
    """ISO 639-1 code of ``text``; with ``among``, the best of those languages by function words, else ``default``.

    Without ``among``: a fast vote of distinctive function words when one language clearly leads, else py3langid.
    """
    sample = " ".join(text[:20000].split())[:5000]
    table = _function_words()
    if among is not None:
        # A stage that has data for some languages only asks which of them fits best: no model load.
        words = _WORD.findall(sample.lower())
        counts = {code: sum(1 for w in words if w in table[code]) for code in among if code in table}
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return default
        return ranked[0][0]
    if sum(ch.isalpha() for ch in sample) < 12:
        return default
    quick = _function_word_vote(sample, table)
    if quick:
        return quick
    # py3langid's model ships inside the wheel (97 languages, no download) but takes 0.5-2 s to load.
    import py3langid

    lang, _score = py3langid.classify(sample)
    return str(lang)


def _function_word_vote(sample: str, table: dict[str, frozenset[str]]) -> str | None:
    words = _WORD.findall(sample.lower())
    if len(words) < _MIN_WORDS:
        return None
    counts = {lang: sum(1 for w in words if w in vocab) for lang, vocab in table.items()}
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    (best, hits), runner_up = ranked[0], ranked[1][1]
    if hits >= _MIN_SHARE * len(words) and hits >= _MIN_LEAD * max(runner_up, 1):
        return best
    return None


@cache
def _function_words() -> dict[str, frozenset[str]]:
    raw = resources.files("summarize_cli.data").joinpath("langid", "function_words.toml").read_text(encoding="utf-8")
    return {lang: frozenset(words) for lang, words in tomllib.loads(raw).items()}
