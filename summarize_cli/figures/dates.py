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
        m = re.compile(rf"([0-9]{{1,2}})(?:{_day_suffix(lang)})?\.?{SP}+").match(text, pos)
        if m and 1 <= int(m.group(1)) <= 31 and (pos == 0 or not text[pos - 1].isalnum()):
            hit = lang.table("months").match(text, m.end())
            if hit:
                end = hit[0]
                y = re.compile(rf"\.?,?{SP}+([0-9]{{4}})(?![0-9])").match(text, end)
                return Fig(pos, y.end() if y else end, "date", year_from(y.group(1)) if y else None)
        d = re.compile("[0-9]{1,2}(?![0-9]|[.,][0-9])").match(text, pos)
        if d and 1 <= int(d.group()) <= 31 and (pos == 0 or not text[pos - 1].isalnum()) and _days_before_month(text, d.end(), lang):
            return Fig(pos, d.end(), "date", None)
        return None
    first = lang.phrases("dates.first_day").match(text, pos)  # "premier mai" ("1er mai" is read as digits above)
    if first:
        s = WS.match(text, first[0]).end()
        hit = lang.table("months").match(text, s)
        if hit:
            y = re.compile(rf"{SP}+([0-9]{{4}})(?![0-9])").match(text, hit[0])
            return Fig(pos, y.end() if y else hit[0], "date", year_from(y.group(1)) if y else None)
    hit = lang.table("months").match(text, pos)
    if not hit:
        return None
    word = norm(text[pos:hit[0]]).rstrip(".")
    ambiguous = word in lang.words("dates.ambiguous_months") and not text[pos].isupper()
    end = hit[0]
    # "Oct. 25", "Sept. 29": an abbreviated month keeps its full stop
    md = re.compile(rf"\.?{SP}+([0-9]{{1,2}})(?:{_day_suffix(lang)})?(?![0-9])(?:,?{SP}+([0-9]{{4}})(?![0-9]))?").match(text, end)
    if md and 1 <= int(md.group(1)) <= 31 and lang.month_first and (md.group(2) or not ambiguous):
        return Fig(pos, md.end(), "date", year_from(md.group(2)))
    y = re.compile(rf",?{SP}+([0-9]{{4}})(?![0-9]|[.,][0-9])").match(text, end)
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
    link = re.compile(rf"{SP}*(?:{alternation(lang.list('range_links'))}|,(?={SP})){SP}*")
    day = re.compile(rf"([0-9]{{1,2}})(?![0-9]|[.,/-][0-9])(?:{_day_suffix(lang)})?(?:{SP}+|(?=,))")
    for _ in range(_MAX_LISTED_DAYS):
        lk = link.match(text, p)
        d = day.match(text, lk.end()) if lk and lk.end() > p else None
        if d is None or not 1 <= int(d.group(1)) <= 31:
            return False
        if lang.table("months").match(text, d.end()):
            return True
        p = d.start() + len(d.group(1))
    return False


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
