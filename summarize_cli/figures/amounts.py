"""Amounts: a number with what it counts (currency, minor unit, percent, unit, duration) and what it is per
("283,82 €/MWh", "$80 a barrel", "1 500 € par mois"); the figure that starts at a position."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import cache

from summarize_cli.figures.currency import code_rx, code_scales, currency_after, minor_after, names, prefix_currency, symbols
from summarize_cli.figures.dates import clock_cue, date_at, time_at
from summarize_cli.figures.lexicon import HYPHENS, LETTER, SP, WORD, WS, D, Lexicon, alternation, common, dec, norm, prev_word
from summarize_cli.figures.model import Fig, Q
from summarize_cli.figures.numbers import abbrev_rx, quantity

# A French "billion"/"trillion" read on the long scale above this is implausible for news (it is
# more than ten times world GDP), so it must be a calque of the English short-scale word.
_SHORT_SCALE_ABOVE = Decimal(10) ** 15
# Years taken as dates without any cue; outside this range a cue word ("en 1789") is needed.
_YEAR_RANGE = (1900, 2100)


@cache
def unit_rx() -> re.Pattern[str]:
    """Unit symbols after a number ("50 GW", "283,82 €/MWh"), case-sensitive, never followed by a letter."""
    # nor by an elision apostrophe: "fin 2023 l'usage", "5 m'a dit" are elided words (l', m', d'), never litres or
    # metres; an elision is followed by its word's letter, a closing quote is not ("the ‘100 m’ race")
    return re.compile(rf"{SP}?(?P<u>{alternation(common().get('units.symbols'))})(?![^\W\d_]|[0-9²³/]|['\u2019][^\W\d_])")


def unit_symbols() -> dict[str, str]:
    return common().get("units.symbols")


def _blocks_merge(text: str, p: int, lang: Lexicon) -> bool:
    """Is what follows ``p`` something that makes a trailing small number its own figure?"""
    s = WS.match(text, p).end()
    if s >= len(text):
        return False
    if text[s] in symbols() or text[s] in "%‰" or (text[s] in D):
        return True
    if code_rx().match(text, s) or abbrev_rx().match(text, s) or unit_rx().match(text, s):
        return True
    for table in (names(lang.code), lang.table("percent"), lang.table("units"), lang.table("durations"), lang.table("minor_units")):
        if table.match(text, s):
            return True
    m = WORD.match(text, s)
    return bool(m and m.group().lower() in lang.numbers)


def _minor_merge(text: str, p: int, lang: Lexicon, spelled: bool = False) -> tuple[int, Decimal] | None:
    """ "15 dollars 50", "thirteen dollars and forty-five cents": the minor amount after a currency."""
    s = WS.match(text, p).end()
    m = WORD.match(text, s)
    joined = False
    if m and m.group().lower() in lang.words("and_words"):
        s, joined = WS.match(text, m.end()).end(), True
    elif s < len(text) and text[s] == ",":
        return None
    q = quantity(text, s, lang)
    if q is not None and q.spelled and q.value >= 100:
        # "quarante-cinq cents" after "treize euros": the coin, not "hundred"
        last = list(WORD.finditer(text, q.start, q.end))[-1]
        if lang.table("minor_units").match(text, last.start()):
            q = quantity(text[:last.start()].rstrip(), s, lang)
    if q is None or q.scale or q.split or q.value < 0 or q.value >= 100 or q.value != q.value.to_integral_value():
        return None
    minor = minor_after(text, q.end, lang)
    if minor:
        ratio = lang.decimals("minor_ratio").get(minor[1], Decimal("0.01"))
        if ratio != Decimal("0.01"):
            # "five mao five": the next unit down follows without its name
            rest = quantity(text, WS.match(text, minor[0]).end(), lang)
            if rest is not None and 0 < rest.value < 10 and rest.value == int(rest.value) and not rest.scale \
                    and not _blocks_merge(text, rest.end, lang):
                return rest.end, q.value * ratio + rest.value * ratio / 10
        return minor[0], q.value * ratio
    if joined and not (spelled and q.spelled) or not q.spelled and not re.fullmatch("[0-9]{2}", text[q.start:q.end]) or _blocks_merge(text, q.end, lang):
        return None  # only "15 dollars 50": a bare number after "and" is something else ("$4 and 32 is the quantity")
    nxt = WS.match(text, q.end).end()
    m = WORD.match(text, nxt)
    if m and (m.group().lower() == "x" or (lang.table("units").match(text, nxt) or (0, None))[1] == "times"):
        return None
    return q.end, q.value / 100


def _scale_note(q: Q, lang: Lexicon, money: bool) -> tuple[Decimal, str | None]:
    """Choose between the long- and short-scale readings of a "billion"/"trillion" in a long-scale language."""
    if q.short is None or q.scale is None:
        return q.value, None
    from summarize_cli.languages import language_name

    if abs(q.value) > _SHORT_SCALE_ABOVE:
        return q.short, (
            f"{language_name(lang.code)} '{q.scale}' read on the short scale as in English (10^{_exp(q.short / q.value * _scale_unit(lang, q.scale))}); "
            f"the long-scale reading would be {_fmt(q.value)}"
        )
    return q.value, (
        f"{language_name(lang.code)} '{q.scale}' read on the long scale (10^{_exp(_scale_unit(lang, q.scale))}); "
        f"if it translates the English word it would be {_fmt(q.short)}"
    )


def _scale_unit(lang: Lexicon, word: str) -> Decimal:
    entry = lang.numbers.get(word)
    return entry[1] if entry else Decimal(1)


def _exp(x: Decimal) -> int:
    try:
        return round(x.log10()) if x > 0 else 0
    except (InvalidOperation, ValueError):
        return 0


def _fmt(x: Decimal) -> str:
    return f"{float(x):.4g}"




def parse_at(text: str, pos: int, lang: Lexicon) -> Fig | None:
    """The figure that starts at ``pos``, if any."""
    box: list[Q] = []
    fig = _parse(text, pos, lang, box)
    if fig is not None and box:
        fig.mult, fig.numbers = box[0].mult, tuple(box)
    return fig


def _parse(text: str, pos: int, lang: Lexicon, box: list[Q]) -> Fig | None:
    date = date_at(text, pos, lang) or time_at(text, pos, lang)
    if date is not None:
        return date
    notes: list[str] = []
    currency = None
    money = False
    start = pos
    pre = prefix_currency(text, pos)
    if pre is not None:
        p = WS.match(text, pre[0]).end()
        if p - pre[0] > 1 and not pre[2]:
            return None
        q = quantity(text, p, lang, glued=p == pre[0] and not pre[2])
        if q is None or q.split:
            return None
        currency, money = pre[1], True
        if not pre[2] and p == pre[0] and not (text[p] in D):
            return None
    else:
        q = quantity(text, pos, lang)
        if q is None:
            return _percent_of(text, pos, lang)
    box.append(q)
    if q.split:
        return Fig(q.start, q.end, "number", q.value)
    end = q.end
    unit = None
    scaled = q.scale is not None
    # a currency after the number (also after a prefix: "$ 10 usd" is fine, "75 USD million")
    cur = currency_after(text, end, lang, scaled or q.spelled)
    if cur is not None and money and cur[1] and currency not in (None, "$", cur[1]):
        cur = None
    if cur is not None and (not money or cur[2] != "name"):
        cend, ccode, how = cur
        if how.startswith("code:") and how[5:]:
            q.value *= code_scales()[how[5:]]
            scaled = True
        if not money or ccode:
            currency = ccode if (ccode or not money) else currency
        money = True
        end = cend
    if money and not scaled:
        # "75 USD million"
        m = WS.match(text, end)
        w = WORD.match(text, m.end())
        entry = lang.numbers.get(w.group().lower()) if w else None
        if entry and entry[0] == "scale" and cur is not None:
            q.value *= entry[1]
            q.mult = entry[1]
            if w.group().lower() in lang.decimals("short_scale"):
                q.short = q.value / entry[1] * lang.decimals("short_scale")[w.group().lower()]
                q.scale = w.group().lower()
            end, scaled = w.end(), True
    if q.scale_flags and q.scale_flags.get("money") and not money:
        # "100m" without a currency is metres, not millions
        q.value /= dec(q.scale_flags["value"])
        q.end, q.scale, q.scale_flags = q.digits_end, None, None
        return _finish_number(text, q, lang, start, notes)
    if money:
        if not scaled and q.value == q.value.to_integral_value():
            mm = _minor_merge(text, end, lang, q.spelled)
            if mm is not None:
                q.value += mm[1] if q.value >= 0 else -mm[1]
                end = mm[0]
        pu = _per_unit(text, end, lang)
        if pu:
            per = next((k for k, v in symbols().items() if v == currency), currency or "")
            unit, end = f"{per}/{pu[1]}", pu[0]
        value, note = _scale_note(q, lang, True)
        if note:
            notes.append(note)
        return Fig(start, end, "money", value, unit=unit, currency=currency, notes=tuple(notes), prefixed=pre is not None)
    minor = minor_after(text, end, lang, q.scale is not None)
    if minor:
        value, note = _scale_note(q, lang, True)
        return Fig(start, minor[0], "money", value, unit=minor[1], notes=(note,) if note else ())
    return _finish_number(text, q, lang, start, notes)


def _per_unit(text: str, p: int, lang: Lexicon) -> tuple[int, str] | None:
    """What a price or rate is per: "/MWh", "per megawatt hour", "a barrel", "par an", "le litre": (end, unit)."""
    m = re.compile(rf"{SP}?/{SP}?").match(text, p)
    if m:
        um = unit_rx().match(text, m.end())
        if um:
            return um.end(), unit_symbols()[um.group("u")]
        u = lang.table("units").match(text, m.end()) or lang.table("per.units").match(text, m.end())
        return u if u else None
    s = WS.match(text, p).end()
    if s == p:
        return None
    word = lang.table("per.words").match(text, s)
    if not word:
        el = re.compile(r"[^\W\d_]+['\u2019]").match(text, s)  # an elided article: "l'once"
        value = lang.table("per.words").lookup.get(norm(el.group())) if el else None
        if value is None:
            return None
        word = (el.end(), value)
    q = WS.match(text, word[0]).end()
    um = unit_rx().match(text, q) if word[1] == "per" else None
    if um:
        return um.end(), unit_symbols()[um.group("u")]
    u = lang.table("units").match(text, q) or lang.table("per.units").match(text, q)
    if u is not None and u[1] in ("times", "points"):
        return None
    if u is None and word[1] in ("per", "time"):
        d = lang.table("durations").match(text, q)
        u = (d[0], common().get("units.singular").get(d[1], d[1])) if d else None
    if u is None:
        return None
    after = WORD.match(text, WS.match(text, u[0]).end())
    if word[1] != "per" and after and norm(after.group()) in lang.words("per.not_before"):
        return None  # "$5bn a year earlier"
    return u


def _percent_of(text: str, pos: int, lang: Lexicon) -> Fig | None:
    """ "percent of 10" (a percentage word before its number) at the start of a clause."""
    hit = lang.table("percent").match(text, pos)
    if not hit or hit[1] != "%":
        return None
    before = text[max(0, pos - 3):pos].strip()
    if before and before[-1] not in ".,;:!?()[]«»\"“”":
        return None
    m = re.compile(rf"(?i){SP}+{lang.scale_link}").match(text, hit[0])
    if not m:
        return None
    q = quantity(text, m.end(), lang)
    if q is None or q.split:
        return None
    after = text[q.end:q.end + 2].strip()
    if after and after[0] not in ".,;:!?)":
        return None
    return Fig(pos, q.end, "percent", q.value, unit="%", numbers=(q,))


def _finish_number(text: str, q: Q, lang: Lexicon, start: int, notes: list[str]) -> Fig | None:
    """Percent, duration, unit, year, count or plain number."""
    end = q.end
    s = WS.match(text, end).end()
    value, note = _scale_note(q, lang, False)
    if note:
        notes = notes + [note]
    # percentages
    if s < len(text) and text[s] in "%" and s - end <= 1:
        return Fig(start, s + 1, "percent", value, unit="%", notes=tuple(notes))
    hit = lang.table("percent").match(text, s) if s - end >= 1 or q.spelled else None
    if hit:
        return Fig(start, hit[0], "percent", value, unit=hit[1], notes=tuple(notes))
    # "3,5 millions de tonnes", "2 million barrels of": a unit after the scale
    if q.scale:
        link = re.compile("(?i)" + lang.scale_link).match(text, s)
        uw = lang.table("units").match(text, link.end()) if link else None
        if uw:
            return Fig(start, uw[0], "number", value, unit=uw[1], notes=tuple(notes))
    # "a 10-year bond", "un parcours de 5-km"
    hy = re.compile(rf"{SP}*[{HYPHENS}]{SP}*").match(text, end)
    if hy and s == end:
        s = hy.end()
    # durations ("huit prochaines années", "eight more years", "3 ans")
    p = s
    between = lang.phrases("dates.duration_between").match(text, p)
    if between:
        p = WS.match(text, between[0]).end()
    dur = lang.table("durations").match(text, p) if p > end or q.spelled else None
    if dur and _titled(text, p, dur[0], start):
        return None  # "selon 20 Minutes", "60 Minutes": the number is part of a title
    if dur and not q.split:
        if dur[1] == "hours" and value == value.to_integral_value() and 0 <= value <= 24 and clock_cue(text, start, dur[0], lang):
            return Fig(start, dur[0], "time", None)  # "à 20 heures" is a time of day
        if q.bare_one and dur[1] in lang.words("dates.indefinite_one") and not _counts_one(text, start, dur[0], lang):
            return None  # "un jour, il reviendra": some day, no duration
        half = _and_a_half(text, dur[0], lang, value)
        if half:
            return Fig(start, half, "duration", value + Decimal("0.5"), unit=dur[1], notes=tuple(notes))
        return Fig(start, dur[0], "duration", value, unit=dur[1], notes=tuple(notes))
    # units
    um = unit_rx().match(text, end)
    if um and not (q.spelled and um.start() == end):
        return _with_per(text, Fig(start, um.end(), "number", value, unit=unit_symbols()[um.group("u")], notes=tuple(notes)), lang)
    uw = lang.table("units").match(text, s) if s > end or q.spelled else None
    if uw and q.spelled and uw[1] in lang.list("digit_units"):
        uw = None  # "on their own two feet", "one foot in retirement": body parts; a measure is written in digits
    if uw and _titled(text, s, uw[0], start):
        return None  # "24 Heures", "7 Jours": the number is part of a title
    if uw and uw[1] == "times" and q.bare_one:
        return None  # "une fois son discours bouclé" is "once", not a count
    if uw:
        half = _and_a_half(text, uw[0], lang, value) if uw[1] not in ("times", "points") else None
        if half:
            return Fig(start, half, "number", value + Decimal("0.5"), unit=uw[1], notes=tuple(notes))
        return _with_per(text, Fig(start, uw[0], "number", value, unit=uw[1], notes=tuple(notes)), lang)
    # a letter glued to the digits that nothing above explained: "5G", "3D", "2nd", "1er"
    if not q.spelled and end < len(text) and LETTER.match(text[end]):
        if text[end] == "s" and q.plain_int and len(text[start:end]) == 4 and not LETTER.match(text[end + 1:end + 2] or " "):
            return Fig(start, end + 1, "date", value, unit="decade")
        return None
    if q.bare_one:
        return None
    # years
    if q.plain_int and len(text[start:end]) == 4:
        y = int(value)
        cue = prev_word(text, start).rstrip("'") in lang.words("dates.year_cues")
        if _YEAR_RANGE[0] <= y <= _YEAR_RANGE[1] or (1000 <= y <= 2999 and cue):
            return Fig(start, end, "date", value)
    # counts: a noun after the number ("huit ministres", "un million de clients")
    m = WORD.match(text, s) if s > end else None
    if m is not None:
        w = norm(m.group())
        link = None
        if w in {x.rstrip("'") for x in lang.words("scale_links")} and (q.scale or q.spelled and q.value >= 1000):
            nxt = re.compile(rf"['\u2019]?{SP}*").match(text, m.end()).end()
            link = WORD.match(text, nxt)
        if link is not None:
            m, w = link, norm(link.group())
        if m.group()[:1].islower() and w not in lang.words("label.stop") and w not in lang.words("label.not_counted") and len(w) > 1 \
                and w not in lang.numbers:
            return Fig(start, end, "count", value, notes=tuple(notes), count_from=m.start())
    return Fig(start, end, "number", value, notes=tuple(notes))


def _counts_one(text: str, start: int, end: int, lang: Lexicon) -> bool:
    """Does a cue around "un jour"/"one day" make it a duration ("pendant un jour", "one day later")?

    "Some day" is never hyphenated ("a one-day strike" is an adjective of length) nor the first of a range ("un jour
    ou deux": a link then another number)."""
    if re.search(f"[{HYPHENS}]", text[start:end]):
        return True
    after = WORD.match(text, WS.match(text, end).end())
    if after and norm(after.group()) in lang.words("range_links"):
        nxt = re.compile(rf"{SP}+([0-9]|[^\W\d_]+)").match(text, after.end())
        if nxt and (nxt.group(1) in D or norm(nxt.group(1)) in lang.numbers):
            return True
    return prev_word(text, start) in lang.words("dates.one_cues_before") \
        or bool(after and norm(after.group()) in lang.words("dates.one_cues_after"))


def _and_a_half(text: str, p: int, lang: Lexicon, value: Decimal) -> int | None:
    """ "deux ans et demi", "three hours and a half": the half comes after the unit; where it ends, or None."""
    if value != value.to_integral_value():
        return None
    m = _and_rx(lang).match(text, p)
    half = lang.phrases("grammar.and_a_half").match(text, m.end()) if m else None
    return half[0] if half else None


@cache
def _and_rx(lang: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"{SP}+({alternation(lang.words('and_words'))}){SP}+", re.IGNORECASE)


def _with_per(text: str, fig: Fig, lang: Lexicon) -> Fig:
    """"120 km per hour", "8 tonnes par hectare": a unit per another one."""
    if fig.unit in ("times", "points", "°", "°C", "°F") or "/" in (fig.unit or "/"):
        return fig
    pu = _per_unit(text, fig.end, lang)
    if pu is None:
        return fig
    return replace(fig, end=pu[0], unit=f"{fig.unit}/{pu[1]}")


def _titled(text: str, start: int, end: int, number: int) -> bool:
    """Whether the unit word at ``start:end`` is capitalised like a name ("Minutes", not "minutes" nor the symbol "MW").

    A unit is a common noun and comes after its number, never first in a sentence: written with a capital, it is
    part of a title (the daily "20 Minutes", the programme "60 Minutes"), unless the words around are capitalised
    too: a Title Case headline ("Storm Dumps 30 Inches Of Snow") capitalises its units with every other word.
    """
    word = text[start:end].strip()
    return len(word) > 2 and word[0].isupper() and word[1].islower() and not _title_case_run(text, number, end)


def _title_case_run(text: str, number: int, end: int) -> bool:
    """Is the number at ``number`` inside a Title Case run: the word before it capitalised, and not only as the first
    word of a sentence ("Selon 20 Minutes"): the word before that one or the word after ``end`` capitalised too."""
    before = re.search(rf"(?:^|([^\W\d_]+)|([.!?:;«\"“(\n]))({SP}*)([^\W\d_]+){SP}+$", text[max(0, number - 60):number])
    if not before or not before.group(4)[0].isupper() or before.group(4).isupper():
        return False
    if before.group(1) and before.group(1)[0].isupper():
        return True
    after = re.compile(rf"{SP}+([^\W\d_]+)").match(text, end)
    return bool(after and after.group(1)[0].isupper())
