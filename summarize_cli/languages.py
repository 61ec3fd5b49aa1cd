"""The languages the tool has data for, found from its data files: one registry for every stage."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

__all__ = ["data_languages", "boilerplate_rules", "iso_639_1", "language_name", "words_pattern"]


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
    import re

    escaped = sorted({re.escape(w).replace("'", "['’]") for w in words}, key=len, reverse=True)
    return "|".join(escaped) or "(?!)"
