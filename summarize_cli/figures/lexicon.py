"""The figures grammar's words and conventions: ``data/figures/<code>.toml`` per language, ``common.toml``,
``cldr.toml`` and CLDR's number symbols (Babel), read generically by key, never mirrored field by field."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from functools import cache, cached_property
from importlib import resources
from typing import Any

SP = "[^\\S\\n]"  # horizontal white space (NBSP and narrow NBSP included), never a line break
HYPHENS = "-\u2010\u2011"
WSEP = re.compile(f"{SP}*[{HYPHENS}]{SP}*|{SP}+")
WS = re.compile(f"{SP}*")
SCALE_GAP = re.compile(f"{SP}*(?:[{HYPHENS}](?=[^\\W\\d_]))?")
WORD = re.compile(r"[^\W\d_]+")
LETTER = re.compile(r"[^\W\d_]")
D = "0123456789"  # str.isdigit() also accepts "¹" and other digits the regexes do not read


def variants(phrase: str) -> list[str]:
    """Expand optional endings: "dollar(s)" -> ["dollar", "dollars"]."""
    parts = re.split(r"\(([^()]*)\)", phrase)
    out = [""]
    for i, part in enumerate(parts):
        out = [o + x for o in out for x in (("", part) if i % 2 else (part,))]
    return out


def norm(s: str) -> str:
    """Lower case, one kind of apostrophe, hyphens and runs of spaces as one space."""
    s = s.lower().replace("\u2019", "'")
    s = re.sub(f"(?:{SP}|[{HYPHENS}])+", " ", s)
    return s.replace("' ", "'").strip()


def phrase_rx(variant: str) -> str:
    """A regex for a normalised phrase: its spaces match spaces or hyphens, its apostrophes either apostrophe."""
    out = []
    for ch in variant:
        if ch in " " + HYPHENS:
            out.append(f"(?:{WSEP.pattern})")
        elif ch in "'\u2019":
            out.append(f"['\u2019]{SP}*")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def alternation(words: Any, flags: str = "") -> str:
    """A regex alternation of ``words`` taken literally, longest first; never matches when empty."""
    alts = "|".join(sorted(map(re.escape, words), key=len, reverse=True)) or "(?!)"
    return f"(?{flags}:{alts})" if flags else f"(?:{alts})"


def prev_word(text: str, start: int) -> str:
    """The word right before ``start`` (white space between allowed), normalised; "" when none."""
    prev = re.findall(r"[^\W\d_]+['\u2019]?", text[max(0, start - 20):start])
    return norm(prev[-1]) if prev and text[max(0, start - 20):start].rstrip().endswith(prev[-1]) else ""


def dec(x: Any) -> Decimal:
    """A TOML number as an exact Decimal (floats like 1e12 go through repr to stay exact)."""
    return Decimal(repr(x)) if isinstance(x, float) else Decimal(x)


class Table:
    """Phrases compiled into one regex (longest first) with their values, looked up by normalised text."""

    def __init__(self, mapping: dict[str, Any]) -> None:
        self.lookup: dict[str, Any] = {}
        for phrase, value in mapping.items():
            for v in variants(phrase):
                self.lookup.setdefault(norm(v), value)
        alts = sorted(self.lookup, key=len, reverse=True)
        self.rx = re.compile(r"(?i)(?<![^\W\d_])(?:" + "|".join(phrase_rx(a) for a in alts) + r")(?![^\W\d_])") if alts else None
        self._end_rx: re.Pattern[str] | None = None

    def match(self, text: str, pos: int) -> tuple[int, Any] | None:
        """The phrase at ``pos``: (end, value)."""
        m = self.rx.match(text, pos) if self.rx is not None else None
        if not m:
            return None
        key = norm(m.group())
        return (m.end(), self.lookup[key]) if key in self.lookup else None

    def findall(self, text: str) -> list[str]:
        """Every phrase of ``text``, as written."""
        return self.rx.findall(text) if self.rx is not None else []

    def search_end(self, text: str) -> bool:
        """Does ``text`` end with one of the phrases (white space after it allowed)?"""
        return self.ending(text) is not None

    def ending(self, text: str) -> re.Match[str] | None:
        """The phrase ``text`` ends with (white space after it allowed), if any."""
        if self.rx is None:
            return None
        if self._end_rx is None:  # built once per table: it is asked before every bare number
            self._end_rx = re.compile(f"(?:{self.rx.pattern.removeprefix('(?i)')}){SP}*$", re.IGNORECASE)
        return self._end_rx.search(text)

    def search(self, text: str) -> re.Match[str] | None:
        """The first phrase of ``text``."""
        return self.rx.search(text) if self.rx is not None else None


class Lexicon:
    """One data file, read by dotted key ("label.stop") as words, phrase tables or values; each view built once."""

    def __init__(self, code: str, data: dict[str, Any]) -> None:
        self.code = code
        self.data = data
        self._views: dict[tuple[str, str], Any] = {}

    def get(self, key: str, default: Any = None) -> Any:
        """The raw value at ``key``, or ``default``."""
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def _view(self, how: str, key: str, build: Any) -> Any:
        got = self._views.get((how, key))
        if got is None:
            got = self._views[(how, key)] = build(self.get(key, {} if how in ("table", "decimals") else ()))
        return got

    def words(self, key: str) -> frozenset[str]:
        """The list at ``key``, normalised, as a set."""
        return self._view("words", key, lambda v: frozenset(norm(x) for x in v))

    def list(self, key: str) -> tuple[Any, ...]:
        """The list at ``key``, as written."""
        return self._view("list", key, tuple)

    def table(self, key: str) -> Table:
        """The phrase -> value mapping at ``key``, compiled."""
        return self._view("table", key, Table)

    def phrases(self, key: str) -> Table:
        """The list of phrases at ``key``, compiled (each phrase's value is True)."""
        return self._view("phrases", key, lambda v: Table(dict.fromkeys(v, True)))

    def decimals(self, key: str) -> dict[str, Decimal]:
        """The word -> number mapping at ``key``, with exact values."""
        return self._view("decimals", key, lambda v: {k: dec(x) for k, x in v.items()})

    def flag(self, key: str) -> bool:
        """The boolean at ``key`` (false when absent)."""
        return bool(self.get(key, False))

    @cached_property
    def numbers(self) -> dict[str, tuple[str, Decimal]]:
        """Spelled number words: word -> (kind, value), kind one of unit, teen, tens, hundred, scale, dozen, fraction, part, article."""
        return {w: (k, dec(v)) for w, (k, v) in self.get("numbers", {}).items()}

    @cached_property
    def decimal(self) -> str:
        """The decimal mark (CLDR): "," in French, "." in English."""
        return _cldr_symbols(self.code)[0]

    @cached_property
    def group(self) -> str:
        """The thousands separator (CLDR): a narrow no-break space in French, "," in English."""
        return _cldr_symbols(self.code)[1]

    @cached_property
    def month_first(self) -> bool:
        """Whether a date names the month before the day ("November 26" vs "26 novembre"), from CLDR's long date."""
        return _cldr_symbols(self.code)[2]

    @cached_property
    def scale_link(self) -> str:
        """A regex for the word between a scale and what it counts: "millions de", "millions d'", "millions of"."""
        alts = [phrase_rx(w) + (f"{SP}*" if w.endswith("'") else f"{SP}+") for w in sorted(self.words("scale_links"), key=len, reverse=True)]
        return "(?:" + ("|".join(alts) or "(?!)") + ")"


@cache
def _cldr_symbols(code: str) -> tuple[str, str, bool]:
    from babel import Locale

    loc = Locale.parse(code)
    symbols = loc.number_symbols.get(loc.default_numbering_system or "latn") or loc.number_symbols["latn"]
    pattern = loc.date_formats["long"].pattern
    return symbols["decimal"], symbols["group"], pattern.find("M") < pattern.find("d")


@cache
def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("summarize_cli.data").joinpath("figures", name).read_text("utf-8"))


@cache
def lexicon(code: str) -> Lexicon:
    """The words of a language with a ``data/figures/<code>.toml``."""
    return Lexicon(code, _load(f"{code}.toml"))


@cache
def common() -> Lexicon:
    """Language-free data: currency signs and codes, scale abbreviations, unit symbols, sequence patterns."""
    return Lexicon("", _load("common.toml"))


@cache
def cldr() -> Lexicon:
    """Currency data generated from CLDR by ``scripts/build_cldr.py``."""
    return Lexicon("", _load("cldr.toml"))
