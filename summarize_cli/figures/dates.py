"""Dates ("26 novembre 2025", "November 26, 2025", "17/05/2018", "2025-11-26") and times of day ("12 h 30", "10:38",
"3pm"); the order of day and month in words is CLDR's for the language."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from summarize_cli.figures.labels import qualifier
from summarize_cli.figures.lexicon import LETTER, SP, WS, D, Lexicon, alternation, common, norm, prev_word
from summarize_cli.figures.model import Fig

# Year first: ISO "2025-11-26", and the same order with dots or slashes ("2025.11.26", "2025/11/26"), as East
# Asian and some European sources write it; a four-digit head with two more groups is never one number.
NUMERIC_DATE = re.compile(
    r"(?<![0-9./-])(?:([0-9]{4})([-./])([0-9]{1,2})\2([0-9]{1,2})"
    r"|([0-9]{1,2})([/.-])([0-9]{1,2})\6([0-9]{4}|[0-9]{2}))(?![0-9]|[./-][0-9])"
)


@cache
def _time_rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(common().get("patterns.time"), re.IGNORECASE), re.compile(common().get("patterns.time_hour"), re.IGNORECASE)


def year_from(s: str | None) -> Decimal | None:
    if not s:
        return None
    y = int(s)
    if len(s) == 2:
        y += 2000 if y < 50 else 1900
    return Decimal(y)


def date_at(text: str, pos: int, lang: Lexicon) -> Fig | None:
    """Dates: "26 novembre 2025", "November 26, 2025", "novembre 2025", "17/05/2018", "2025-11-26"."""
    if pos < len(text) and (text[pos] in D):
        m = NUMERIC_DATE.match(text, pos)
        if m:
            if m.group(1):
                mo, d = int(m.group(3)), int(m.group(4))
                y = m.group(1)
            else:
                a, b, y = int(m.group(5)), int(m.group(7)), m.group(8)
                if m.group(6) == "." and len(y) != 4:
                    return None
                mo, d = (b, a) if b <= 12 and a <= 31 else (a, b)
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return Fig(pos, m.end(), "date", year_from(y))
            return None
        rx = _rx(lang)
        m = rx.day_first.match(text, pos)
        if m and 1 <= int(m.group(1)) <= 31 and (pos == 0 or not text[pos - 1].isalnum()):
            hit = lang.table("months").match(text, m.end())
            if hit and not _word_after_day(text, m.end(), hit[0], lang):
                end = _after_abbreviation(text, m.end(), hit[0], lang)
                y = rx.year_after.match(text, end)
                return Fig(pos, y.end() if y else end, "date", year_from(y.group(1)) if y else None)
        d = rx.bare_day.match(text, pos)
        if d and 1 <= int(d.group()) <= 31 and (pos == 0 or not text[pos - 1].isalnum()) and _days_before_month(text, d.end(), lang):
            return Fig(pos, d.end(), "date", None)
        return None
    first = lang.phrases("dates.first_day").match(text, pos)  # "premier mai" ("1er mai" is read as digits above)
    if first:
        s = WS.match(text, first[0]).end()
        hit = lang.table("months").match(text, s)
        if hit:
            y = _rx(lang).year_after.match(text, hit[0])
            return Fig(pos, y.end() if y else hit[0], "date", year_from(y.group(1)) if y else None)
    hit = lang.table("months").match(text, pos)
    if not hit:
        return None
    ambiguous = _common_word(text, pos, hit[0], lang)
    end = _after_abbreviation(text, pos, hit[0], lang)
    md = _rx(lang).day_after.match(text, end)
    if md and 1 <= int(md.group(1)) <= 31 and lang.month_first and (md.group(2) or not ambiguous):
        return Fig(pos, md.end(), "date", year_from(md.group(2)))
    y = _rx(lang).year_after_month.match(text, end)
    if y:
        return Fig(pos, y.end(), "date", year_from(y.group(1)))
    return None




def time_at(text: str, pos: int, lang: Lexicon) -> Fig | None:
    """A time of day ("12 h 30", "10:38", "3pm", "à 9 h"): never a quantity."""
    if pos >= len(text) or text[pos] not in D:
        return None
    m = _time_rx()[0].match(text, pos)
    if m is None:
        m = _time_rx()[1].match(text, pos)
        m = m if m and clock_cue(text, pos, m.end(), lang) else None
    nxt = text[m.end():m.end() + 1] if m else ""
    if m is None or nxt and (LETTER.match(nxt) or nxt in D):
        return None
    return Fig(pos, m.end(), "time", None)




def _days_before_month(text: str, p: int, lang: Lexicon) -> bool:
    """ "les 17 et 18 mai", "du 3 au 5 juin", "1, 2 et 3 mars": after a day, more days joined by range links or
    commas, then a month written once for them all."""
    rx = _rx(lang)
    for _ in range(_MAX_LISTED_DAYS):
        lk = rx.day_link.match(text, p)
        d = rx.listed_day.match(text, lk.end()) if lk and lk.end() > p else None
        if d is None or not 1 <= int(d.group(1)) <= 31:
            return False
        hit = lang.table("months").match(text, d.end())
        if hit:
            return not _word_after_day(text, d.end(), hit[0], lang)  # "Questions 3 and 4 may be skipped"
        p = d.start() + len(d.group(1))
    return False


def _common_word(text: str, start: int, end: int, lang: Lexicon) -> bool:
    """Is the month word at ``start:end`` one of the ambiguous ones ("may", "mars"), written as the common word?"""
    word = norm(text[start:end]).rstrip(".")
    return word in lang.words("dates.ambiguous_months") and not text[start].isupper()


def _word_after_day(text: str, start: int, end: int, lang: Lexicon) -> bool:
    """Is the month word at ``start:end``, after a day number, the common word ("4 may be skipped")?

    Only where the language capitalises its months (English): there a lower-case "may" is the modal even after a
    number; French writes "le 3 mars" in lower case, so a day number is enough there."""
    return lang.flag("dates.months_capitalised") and _common_word(text, start, end, lang)


@cache
def _abbreviations(lang: Lexicon) -> frozenset[str]:
    """The month words that shorten another one of the same month ("sept" for "september", "févr" for "février")."""
    months = lang.table("months").lookup
    return frozenset(w.rstrip(".") for w, n in months.items()
                     if any(o != w and o.startswith(w.rstrip(".")) and months[o] == n for o in months))


def _after_abbreviation(text: str, start: int, end: int, lang: Lexicon) -> int:
    """Where the month word at ``start:end`` ends, with the full stop of an abbreviation ("Oct. 25", "Sept. 29").

    A full stop after a whole month word ends the sentence: "in May. 25 people protested" names no 25 May, and
    "le 3 mai. 2024 sera" no year."""
    if text[end:end + 1] == "." and norm(text[start:end]) in _abbreviations(lang):
        return end + 1
    return end


class _Rx:
    """A language's date regexes, compiled once."""

    def __init__(self, lang: Lexicon) -> None:
        suffix = _day_suffix(lang)
        self.day_first = re.compile(rf"([0-9]{{1,2}})(?:{suffix})?\.?{SP}+")
        self.year_after = re.compile(rf",?{SP}+([0-9]{{4}})(?![0-9])")
        self.year_after_month = re.compile(rf",?{SP}+([0-9]{{4}})(?![0-9]|[.,][0-9])")
        self.day_after = re.compile(rf"{SP}+([0-9]{{1,2}})(?:{suffix})?(?![0-9])(?:,?{SP}+([0-9]{{4}})(?![0-9]))?")
        self.bare_day = re.compile("[0-9]{1,2}(?![0-9]|[.,][0-9])")
        self.day_link = re.compile(rf"{SP}*(?:{alternation(lang.list('range_links'))}|,(?={SP})){SP}*")
        self.listed_day = re.compile(rf"([0-9]{{1,2}})(?![0-9]|[.,/-][0-9])(?:{suffix})?(?:{SP}+|(?=,))")


@cache
def _rx(lang: Lexicon) -> _Rx:
    return _Rx(lang)


_MAX_LISTED_DAYS = 6
_NO_CLOCK_BOUNDS = ("more than", "less than", "at least")


def clock_cue(text: str, start: int, end: int, lang: Lexicon) -> bool:
    """Does a time cue make the hours at ``start:end`` a time of day ("à 20 heures", "le 20 heures")? Not after a
    bound ("plus de 20 heures": no clock time is "more than"; "vers", "jusqu'à" are fine), nor before a rate
    ("12 heures par jour")."""
    qual = qualifier(text, start, lang)
    if prev_word(text, start) not in lang.words("label.time_cues") or qual is not None and qual[1] in _NO_CLOCK_BOUNDS:
        return False
    return lang.table("per.words").match(text, WS.match(text, end).end()) is None


def _day_suffix(lang: Lexicon) -> str:
    return alternation(lang.list("dates.day_suffixes"))
