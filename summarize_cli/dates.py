"""Dates as ISO 8601: machine-readable page dates and dates written out in an article's language."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cache

__all__ = ["calendar_kind", "iso_datetime", "iso_from_text"]

_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_US_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_TZ_COMPACT = re.compile(r"([+-]\d{2})(\d{2})$")


def iso_datetime(value: str) -> str | None:
    """A machine-readable date (ISO 8601 and its common variants) as ISO 8601, time kept when given; else None."""
    s = " ".join(value.split())
    if not s:
        return None
    m = _COMPACT.match(s)
    if m:
        return _iso_date(int(m[1]), int(m[2]), int(m[3]))
    m = _US_SLASH.match(s)
    if m:
        # schema.org and CMS fields written with slashes are US order (month first) in practice
        d = _iso_date(int(m[3]), int(m[1]), int(m[2]))
        if d and m[4]:
            if int(m[4]) > 23 or int(m[5]) > 59 or int(m[6] or 0) > 59:
                return None  # "1/2/2026 25:99" is no time: better no date than a wrong one
            return f"{d}T{int(m[4]):02d}:{m[5]}:{m[6] or '00'}"
        return d
    s = s.replace("Z", "+00:00") if s.endswith("Z") else s
    s = _TZ_COMPACT.sub(r"\1:\2", s)
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        try:
            return date.fromisoformat(s[:10]).isoformat() if re.match(r"^\d{4}-\d{2}-\d{2}\b", s) else None
        except ValueError:
            return None
    if not 1900 <= dt.year <= 2100:
        return None
    if len(s) <= 10:
        return dt.date().isoformat()
    return dt.replace(microsecond=0).isoformat()


def _iso_date(y: int, m: int, d: int) -> str | None:
    try:
        out = date(y, m, d)
    except ValueError:
        return None
    return out.isoformat() if 1900 <= y <= 2100 else None


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s.casefold()) if not unicodedata.combining(c)).rstrip(".")


@cache
def _months() -> dict[str, int]:
    """Month names and abbreviations of every language the tool has data for, from CLDR (Babel)."""
    from babel.dates import get_month_names

    return _calendar_names(get_month_names)


@cache
def _weekdays() -> frozenset[str]:
    from babel.dates import get_day_names

    return frozenset(_calendar_names(get_day_names))


def _calendar_names(table: Callable[..., Mapping[int, str]]) -> dict[str, int]:
    # table: babel.dates.get_month_names or get_day_names
    from babel import Locale

    from summarize_cli.languages import data_languages

    out: dict[str, int] = {}
    for code in data_languages("boilerplate"):
        loc = Locale.parse(code)
        for width in ("wide", "abbreviated"):
            for ctx in ("format", "stand-alone"):
                for num, name in table(width, ctx, loc).items():
                    out.setdefault(_fold(name), num)
    return out


def calendar_kind(word: str) -> str | None:
    """"month" or "weekday" for such a name or abbreviation ('March', 'févr.', 'Sunday') in a language with data, else None."""
    key = _fold(word.strip(",.;:"))
    return "month" if key in _months() else "weekday" if key in _weekdays() else None


# Written dates in any language: the month is checked against CLDR's names, an ordinal is the day
# number's letters or dot ("1er", "3rd", "3."), and the date is joined to its time by punctuation or
# by one or two short words ("à", "at", "um", "a las"): no language's words are listed here.
_ORDINAL = r"(?:[^\W\d_]{1,3}|\.)?"
_JOIN = r"(?:\s*(?:[,@–-]|(?:[^\W\d_]{1,4}\s+){1,2}))?\s*"
_WORDY = re.compile(
    rf"(?:(?P<d1>\d{{1,2}}){_ORDINAL}\s+(?P<m1>[^\W\d_]{{3,}}\.?)\s*,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>[^\W\d_]{{3,}}\.?)\s+(?P<d2>\d{{1,2}}){_ORDINAL}\s*,?\s+(?P<y2>\d{{4}}))"
    rf"(?:{_JOIN}(?P<h>\d{{1,2}})\s*(?:[:h])\s*(?P<mi>\d{{2}})(?!\d)(?:\s*(?P<ap>[ap])\.?m\b\.?)?)?",
    re.IGNORECASE,
)
_NUMERIC = re.compile(rf"\b(?P<d>\d{{1,2}})[/.](?P<m>\d{{1,2}})[/.](?P<y>\d{{4}})\b(?:{_JOIN}(?P<h>\d{{1,2}})\s*[:h]\s*(?P<mi>\d{{2}}))?")
_ISO_IN_TEXT = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?\b")


def iso_from_text(text: str, lang: str | None = None) -> str | None:
    """The first date written in ``text`` ('le 13 mars 2017 à 18:27', 'March 13, 2017', '13/03/2017') as ISO 8601."""
    m = _ISO_IN_TEXT.search(text)
    found: list[tuple[int, str]] = []
    if m:
        iso = iso_datetime(m.group(0))
        if iso:
            found.append((m.start(), iso))
    months = _months()
    for m in _WORDY.finditer(text):
        name = m["m1"] or m["m2"]
        num = months.get(_fold(name))
        if num is None:
            continue
        d = _iso_date(int(m["y1"] or m["y2"]), num, int(m["d1"] or m["d2"]))
        if d:
            hour = m["h"]
            if hour and m["ap"]:
                # 12-hour clock: 12:30 AM is 00:30, 3:46 PM is 15:46
                hour = str(int(hour) % 12 + (12 if m["ap"].lower() == "p" else 0))
            found.append((m.start(), _with_time(d, hour, m["mi"])))
            break
    m = _NUMERIC.search(text)
    if m:
        a, b = int(m["d"]), int(m["m"])
        # 05/04/2017 is April in Paris and May in New York: the language's CLDR short date says which;
        # without a language only an unambiguous date is read
        day_first = _day_first(lang) if a <= 12 and b <= 12 and a != b else a > 12
        d = _iso_date(int(m["y"]), b, a) if day_first else _iso_date(int(m["y"]), a, b)
        if d and (day_first is not None):
            found.append((m.start(), _with_time(d, m["h"], m["mi"])))
    return min(found)[1] if found else None


@cache
def _day_first(lang: str | None) -> bool | None:
    if not lang:
        return None
    from babel import Locale, UnknownLocaleError

    try:
        pattern = Locale.parse(lang).date_formats["short"].pattern
    except (UnknownLocaleError, ValueError, KeyError):
        return None
    return pattern.find("d") < pattern.find("M")


def _with_time(d: str, h: str | None, mi: str | None) -> str:
    if h is None or mi is None or int(h) > 23 or int(mi) > 59:
        return d
    return f"{d}T{int(h):02d}:{mi}"
