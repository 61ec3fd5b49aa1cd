"""Key figures (money, percentages, counts, plain numbers, dates, durations) in French and English text."""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

from summarize_cli.schema import KeyFigure
from summarize_cli.sentences import split_sentences

# A French "billion"/"trillion" read on the long scale above this is implausible for news (it is
# more than ten times world GDP), so it must be a calque of the English short-scale word.
_SHORT_SCALE_ABOVE = Decimal(10) ** 15
# The sentences that stand for the summary when there is none (the figures command): the lead.
_LEAD_SENTENCES = 3
# Kinds in the order a reader wants them within a rank tier; times of day are never key figures.
_KIND_ORDER = {"money": 0, "percent": 0, "count": 1, "number": 1, "duration": 2, "date": 3, "time": 9}
# Years taken as dates without any cue; outside this range a cue word ("en 1789") is needed.
_YEAR_RANGE = (1900, 2100)
_MAX_DIGITS = 30  # longer digit runs are identifiers, and would overflow a float
_D = "0123456789"  # str.isdigit() also accepts "¹" and other digits the regexes do not read

_SP = "[^\\S\\n]"  # horizontal white space (NBSP and narrow NBSP included), never a line break
_HYPHENS = "-\u2010\u2011"
_WSEP = re.compile(f"{_SP}*[{_HYPHENS}]{_SP}*|{_SP}+")
_WS = re.compile(f"{_SP}*")
_SCALE_GAP = re.compile(f"{_SP}*(?:[{_HYPHENS}](?=[^\\W\\d_]))?")
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_GROUP_SEP = " \u00a0\u202f\u2009'\u2019"
_DIGITS = re.compile(rf"[0-9]+(?:(?:[.,]|[{_GROUP_SEP}](?=[0-9]{{3}}(?![0-9])))[0-9]+)*")
# "1/4", "3 / 4": a simple fraction; anything larger ("9/11", "24/7") is a name or a date.
_DIGIT_FRACTION = re.compile(rf"([1-9]){_SP}?/{_SP}?([2-9]|10)(?![0-9/.,]|{_SP}?[0-9])")
# "18 3/4", "7 1/2 %": a whole number and a fraction in halves, quarters, eighths... (prices, coupons)
_MIXED_FRACTION = re.compile(rf"{_SP}([1-9][0-9]?){_SP}?/{_SP}?(2|4|8|16|32|64)(?![0-9/.,]|{_SP}?[0-9])")
_URL = re.compile(r"(?i)\b(?:https?://|ftp://|www\.)\S+|(?<!\S)[^\s@]+@\S+\.\w+")
_NUMERIC_DATE = re.compile(
    r"(?<![0-9./-])(?:([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
    r"|([0-9]{1,2})([/.-])([0-9]{1,2})\5([0-9]{4}|[0-9]{2}))(?![0-9]|[./-][0-9])"
)


# --------------------------------------------------------------------------- data


def _variants(phrase: str) -> list[str]:
    """Expand optional endings: "dollar(s)" -> ["dollar", "dollars"]."""
    parts = re.split(r"\(([^()]*)\)", phrase)
    out = [""]
    for i, part in enumerate(parts):
        out = [o + x for o in out for x in (("", part) if i % 2 else (part,))]
    return out


def _norm(s: str) -> str:
    s = s.lower().replace("\u2019", "'")
    s = re.sub(f"(?:{_SP}|[{_HYPHENS}])+", " ", s)
    return s.replace("' ", "'").strip()


def _phrase_rx(variant: str) -> str:
    out = []
    for ch in variant:
        if ch in " " + _HYPHENS:
            out.append(f"(?:{_WSEP.pattern})")
        elif ch in "'\u2019":
            out.append(f"['\u2019]{_SP}*")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _table(mapping: dict[str, Any]) -> tuple[re.Pattern[str] | None, dict[str, Any]]:
    """Compile phrases into one regex (longest first) and a lookup by normalised text."""
    lookup: dict[str, Any] = {}
    for phrase, value in mapping.items():
        for v in _variants(phrase):
            lookup.setdefault(_norm(v), value)
    if not lookup:
        return None, lookup
    alts = sorted(lookup, key=len, reverse=True)
    rx = re.compile(r"(?i)(?<![^\W\d_])(?:" + "|".join(_phrase_rx(a) for a in alts) + r")(?![^\W\d_])")
    return rx, lookup


@dataclass(frozen=True)
class _Lang:
    code: str
    decimal: str
    numbers: dict[str, tuple[str, Decimal]]
    short_scale: dict[str, Decimal]
    minus: frozenset[str]
    soft_minus: frozenset[str]
    soft_minus_not_after: frozenset[str]
    decimal_words: frozenset[str]
    and_words: frozenset[str]
    guess: frozenset[str]
    currency: tuple[Any, dict[str, Any]]
    currency_scaled: tuple[Any, dict[str, Any]]
    minor: tuple[Any, dict[str, Any]]
    minor_ratio: dict[str, Decimal]
    percent: tuple[Any, dict[str, Any]]
    units: tuple[Any, dict[str, Any]]
    durations: tuple[Any, dict[str, Any]]
    between: tuple[Any, dict[str, Any]]
    months: tuple[Any, dict[str, Any]]
    ambiguous_months: frozenset[str]
    day_suffix: str
    year_cues: frozenset[str]
    qualifiers: re.Pattern[str]
    qualifier_notes: dict[str, str]
    before_links: frozenset[str]
    after_links: frozenset[str]
    inner: frozenset[str]
    dets: frozenset[str]
    verb_endings: tuple[str, ...]
    plural_verb_endings: tuple[str, ...]
    adverb_endings: tuple[str, ...]
    time_cues: frozenset[str]
    stop: frozenset[str]
    not_counted: frozenset[str]
    per: tuple[Any, dict[str, Any]]
    per_units: tuple[Any, dict[str, Any]]
    per_not_before: frozenset[str]
    trailing_drop: frozenset[str]
    change_verbs: frozenset[str]
    skip_before_verb: frozenset[str]
    identifier_before: frozenset[str]
    minus_after: frozenset[str]
    range_links: frozenset[str]


@dataclass(frozen=True)
class _Common:
    symbols: dict[str, str]
    prefix_rx: re.Pattern[str]
    dollar_prefixes: dict[str, str]
    dollar_suffix_rx: re.Pattern[str]
    dollar_suffixes: dict[str, str]
    code_rx: re.Pattern[str]
    codes: dict[str, str]
    code_scales: dict[str, Decimal]
    abbrev_rx: re.Pattern[str]
    abbrev: dict[str, dict[str, Any]]
    unit_rx: re.Pattern[str]
    unit_symbols: dict[str, str]
    singular: dict[str, str]
    names_before: frozenset[str]
    anchor: re.Pattern[str]
    dollar_users: dict[str, str]
    dollar_places: dict[str, tuple[str, ...]]
    dollar_domains: dict[str, str]
    phone: tuple[re.Pattern[str], ...]
    list_marker: re.Pattern[str]
    time: re.Pattern[str]
    time_hour: re.Pattern[str]


@cache
def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("summarize_cli.data").joinpath("figures", name).read_text("utf-8"))


def _dec(x: Any) -> Decimal:
    # TOML floats like 1e12 are exact powers of ten; go through repr to keep them exact.
    return Decimal(repr(x)) if isinstance(x, float) else Decimal(x)


@cache
def _common() -> _Common:
    d = _load("common.toml")
    cldr = _load("cldr.toml")
    cur = d["currency"]
    symbols = {**cldr["signs"], **cur["symbols"]}
    symbols.pop("\u00a4", None)  # the generic currency sign names no currency
    sym_class = "[" + re.escape("".join(symbols)) + "]"
    prefixes = {**cldr["dollar_before"], **cur["dollar_prefixes"]}
    spaced = set(cur["spaced_dollar_prefixes"])
    word_codes = set(cur["cldr"]["word_codes"])
    codes = {c: c for c in sorted(set(cldr["territories"].values()) - word_codes)}
    codes.update({c: c for c in cur["codes"]})
    codes.update({c: c.upper() for c in cur["lower_codes"]})
    codes.update(cur["aliases"])
    pre_alts = sorted(set(prefixes) | set(codes), key=len, reverse=True)
    pre = "|".join(
        re.escape(p) + (f"{_SP}?" if p in spaced else "") for p in pre_alts
    )
    # "US$", "us $", "mxn$", "usd$" then the symbol; or a symbol alone; or a code alone.
    prefix_rx = re.compile(
        rf"(?i:(?<![^\W\d_])(?P<pre>{pre}))?(?P<sym>{sym_class})"
        rf"|(?<![^\W\d_])(?P<code>{'|'.join(sorted(map(re.escape, codes), key=len, reverse=True))})(?![^\W\d_])"
    )
    suffixes = {**cldr["dollar_after"], **cur["dollar_suffixes"]}
    dollar_suffix_rx = re.compile(
        rf"{_SP}?(?i:({'|'.join(sorted(map(re.escape, suffixes), key=len, reverse=True))}))(?![^\W\d_'\u2019])"
    )
    code_scales = {k: _dec(v) for k, v in cur["code_scales"].items()}
    code_rx = re.compile(
        rf"(?P<cs>{'|'.join(sorted(map(re.escape, code_scales), key=len, reverse=True))})?"
        rf"(?P<code>{'|'.join(sorted(map(re.escape, codes), key=len, reverse=True))})(?![^\W\d_])"
    )
    abbrev = dict(d["scales"]["abbrev"])
    abbrev_rx = re.compile(
        rf"(?P<sp>{_SP}*)(?P<ab>{'|'.join(sorted(map(re.escape, abbrev), key=len, reverse=True))})(?![^\W\d_])"
    )
    units = dict(d["units"]["symbols"])
    unit_rx = re.compile(
        rf"{_SP}?(?P<u>{'|'.join(sorted(map(re.escape, units), key=len, reverse=True))})(?![^\W\d_]|[0-9²³/])"
    )
    return _Common(
        symbols=symbols,
        prefix_rx=prefix_rx,
        dollar_prefixes=prefixes,
        dollar_suffix_rx=dollar_suffix_rx,
        dollar_suffixes=suffixes,
        code_rx=code_rx,
        codes=codes,
        code_scales=code_scales,
        abbrev_rx=abbrev_rx,
        abbrev=abbrev,
        unit_rx=unit_rx,
        unit_symbols=units,
        singular=dict(d["units"]["singular"]),
        names_before=frozenset(d["names"]["before_number"]),
        # where a figure may start: a digit, a word, a sign or decimal point before a digit, a currency symbol
        anchor=re.compile(rf"[0-9]|[^\W\d_]+|[-\u2212.,](?=[0-9])|[-\u2212](?={_SP}+[0-9])|{sym_class}"),
        dollar_users={t: c for t, c in cldr["territories"].items() if c in set(cldr["dollar_users"])},
        dollar_places={t: tuple(v) for t, v in d["dollar_places"].items()},
        dollar_domains=dict(d["dollar_domains"]),
        phone=tuple(re.compile(x) for x in d["patterns"]["phone"]),
        list_marker=re.compile(d["patterns"]["list_marker"]),
        time=re.compile(d["patterns"]["time"], re.I),
        time_hour=re.compile(d["patterns"]["time_hour"], re.I),
    )


@cache
def _lang(code: str) -> _Lang:
    d = _load(f"{code}.toml")
    numbers = {w: (k, _dec(v)) for w, (k, v) in d["numbers"].items()}
    dur = dict(d["durations"])
    between = dur.pop("duration_between")
    dates = d["dates"]
    notes: dict[str, str] = {}
    for note, phrases in d["qualifiers"].items():
        for p in phrases:
            for v in _variants(p):
                notes[_norm(v)] = note
    alts = sorted(notes, key=len, reverse=True)
    qual = re.compile(
        r"(?i)(?<![^\W\d_])(?:" + "|".join(_phrase_rx(a) for a in alts) + rf")(?:{_SP}*(?:de{_SP}+|d['\u2019]{_SP}*|of{_SP}+))?{_SP}*$"
    )
    lab = d["label"]
    return _Lang(
        code=code,
        decimal=d["decimal"],
        numbers=numbers,
        short_scale={w: _dec(v) for w, v in d.get("short_scale", {}).items()},
        minus=frozenset(d["minus"]),
        soft_minus=frozenset(d["soft_minus"]),
        soft_minus_not_after=frozenset(_norm(x) for x in d["soft_minus_not_after"]),
        decimal_words=frozenset(d["decimal_words"]),
        and_words=frozenset(d["and_words"]),
        guess=frozenset(d["guess"]),
        currency=_table({**_load("cldr.toml")["names"].get(code, {}), **d["currency_names"]}),
        currency_scaled=_table(d.get("currency_names_scaled", {})),
        minor=_table(d["minor_units"]),
        minor_ratio={k: _dec(v) for k, v in d.get("minor_ratio", {}).items()},
        percent=_table(d["percent"]),
        units=_table(d["units"]),
        durations=_table(dur),
        between=_table({b: True for b in between}),
        months=_table(d["months"]),
        ambiguous_months=frozenset(dates["ambiguous_months"]),
        day_suffix="|".join(map(re.escape, dates["day_suffixes"])),
        year_cues=frozenset(_norm(c) for c in dates["year_cues"]),
        qualifiers=qual,
        qualifier_notes=notes,
        before_links=frozenset(_norm(x) for x in lab["before_links"]),
        after_links=frozenset(_norm(x) for x in lab["after_links"]),
        inner=frozenset(_norm(x) for x in lab["inner"]),
        dets=frozenset(_norm(x) for x in lab["dets"]),
        verb_endings=tuple(lab["verb_endings"]),
        plural_verb_endings=tuple(lab["plural_verb_endings"]),
        adverb_endings=tuple(lab["adverb_endings"]),
        time_cues=frozenset(_norm(x) for x in lab["time_cues"]),
        stop=frozenset(_norm(x) for x in lab["stop"]),
        not_counted=frozenset(_norm(x) for x in lab["not_counted"]),
        per=_table(d["per"]["words"]),
        per_units=_table(d["per"]["units"]),
        per_not_before=frozenset(_norm(x) for x in d["per"]["not_before"]),
        trailing_drop=frozenset(_norm(x) for x in lab["trailing_drop"]),
        change_verbs=frozenset(_norm(x) for x in lab["change_verbs"]),
        skip_before_verb=frozenset(_norm(x) for x in lab["skip_before_verb"]),
        identifier_before=frozenset(_norm(x) for x in d["identifier_before"]),
        minus_after=frozenset(_norm(x) for x in d["minus_after"]),
        range_links=frozenset(_norm(x) for x in d["range_links"]),
    )


def _match(table: tuple[Any, dict[str, Any]], text: str, pos: int) -> tuple[int, Any] | None:
    """Match a phrase of ``table`` at ``pos``: (end, value)."""
    rx, lookup = table
    if rx is None:
        return None
    m = rx.match(text, pos)
    if not m:
        return None
    key = _norm(m.group())
    return (m.end(), lookup[key]) if key in lookup else None


# --------------------------------------------------------------------------- numbers


def _grouped(groups: list[str]) -> bool:
    """Thousands groups (1,234,567) or Indian lakh groups (12,34,567)."""
    if not groups or not all(g.isdigit() for g in groups):
        return False
    head, rest = groups[0], groups[1:]
    if 1 <= len(head) <= 3 and rest and all(len(g) == 3 for g in rest):
        return True
    return len(rest) >= 2 and 1 <= len(head) <= 2 and all(len(g) == 2 for g in rest[:-1]) and len(rest[-1]) == 3


def _split_all(seg: str, off: int) -> list[tuple[int, int, Decimal, bool]]:
    return [(off + m.start(), off + m.end(), Decimal(m.group()), False) for m in re.finditer("[0-9]+", seg)]


def _punct_number(seg: str, off: int, dec: str) -> list[tuple[int, int, Decimal, bool]]:
    """Read digits with "." and "," separators; (start, end, value, whole) pieces."""
    parts = re.split("([.,])", seg)
    nums, seps = parts[0::2], parts[1::2]
    if not seps:
        return [(off, off + len(seg), Decimal(seg), True)]
    if len(set(seps)) == 2:
        last = seps[-1]
        if seps.count(last) == 1 and seps[:-1] and _grouped(nums[:-1]):
            return [(off, off + len(seg), Decimal("".join(nums[:-1]) + "." + nums[-1]), True)]
        return _split_all(seg, off)
    if len(seps) >= 2:
        return [(off, off + len(seg), Decimal("".join(nums)), True)] if _grouped(nums) else _split_all(seg, off)
    a, b = nums
    if len(b) != 3 or seps[0] == dec or len(a) > 3 or a == "0":
        return [(off, off + len(seg), Decimal(a + "." + b), True)]
    return [(off, off + len(seg), Decimal(a + b), True)]


def _read_digits(run: str, dec: str) -> list[tuple[int, int, Decimal, bool]]:
    """Interpret a run of digits and separators; invalid runs split into pieces."""
    segs = list(re.finditer(f"[^{_GROUP_SEP}]+", run))
    if len(segs) > 1:
        first, mid, last = segs[0].group(), [s.group() for s in segs[1:-1]], segs[-1].group()
        tail = re.fullmatch(r"([0-9]{3})([.,][0-9]+)?", last)
        if first.isdigit() and 1 <= len(first) <= 3 and all(len(g) == 3 and g.isdigit() for g in mid) and tail:
            frac = tail.group(2)
            if frac and frac[0] != dec:
                frac = None
            if frac:
                return [(0, len(run), Decimal(first + "".join(mid) + tail.group(1) + "." + frac[1:]), True)]
            end = segs[-1].start() + 3
            return [(0, end, Decimal(first + "".join(mid) + tail.group(1)), True)]
        out = _punct_number(first, 0, dec)
        rest = run[segs[1].start():]
        return out + [(a + segs[1].start(), b + segs[1].start(), v, w) for a, b, v, w in _read_digits(rest, dec)]
    return _punct_number(run, 0, dec)


@dataclass
class _Q:
    """A quantity read at some position."""

    start: int
    end: int
    value: Decimal
    short: Decimal | None = None  # short-scale reading when a long-scale word was used
    scale: str | None = None  # scale word or abbreviation used
    scale_flags: dict[str, Any] | None = None
    spelled: bool = False
    bare_one: bool = False
    plain_int: bool = False  # digits only: candidate year
    split: bool = False  # piece of an identifier such as an IP address
    digits_end: int = 0
    mult: Decimal | None = None  # what a scale word or abbreviation multiplied the digits by


class _Spelled:
    """Accumulator for spelled-out numbers, kept on both the long and the short scale."""

    def __init__(self) -> None:
        self.total = [Decimal(0), Decimal(0)]
        self.cur = Decimal(0)
        self.last: str | None = None
        self.last_val = Decimal(0)
        self.last_scale = [Decimal(0), Decimal(0)]
        self.words = 0
        self.scale_word: str | None = None

    def add_scale(self, v_long: Decimal, v_short: Decimal) -> bool:
        for i, v in enumerate((v_long, v_short)):
            if self.last == "scale" and self.cur == 0:
                if v <= self.last_scale[i]:
                    return False
                self.total[i] = self.total[i] * v
            elif self.total[i] and v > self.last_scale[i] and self.last_scale[i]:
                self.total[i] = (self.total[i] + (self.cur or 1)) * v
            else:
                self.total[i] += (self.cur or 1) * v
            self.last_scale[i] = v
        self.cur = Decimal(0)
        return True

    def values(self) -> tuple[Decimal, Decimal]:
        return self.total[0] + self.cur, self.total[1] + self.cur


def _small_ok(acc: _Spelled, kind: str, v: Decimal, fr: bool) -> bool:
    """May a word worth ``v`` (< 100) follow what was read so far?"""
    last = acc.last
    if last is None or last in ("scale", "article"):
        return last != "article" and acc.cur == 0
    if last == "hundred":
        return acc.cur % 100 == 0
    if last == "tens":
        if kind == "unit":
            return v > 0
        return fr and kind == "teen" and acc.cur % 100 in (60, 80)
    if last == "teen":
        return fr and kind == "unit" and acc.last_val == 10 and v >= 7
    if last == "unit":
        return fr and kind == "tens" and v == 20 and acc.last_val == 4 and acc.cur % 100 == 4
    return False


def _spelled(text: str, pos: int, lang: _Lang, after_digits: bool = False) -> _Q | None:
    """Read a spelled-out number ("vingt-cinq", "three hundred and two", "un million")."""
    fr = lang.code == "fr"
    acc = _Spelled()
    p, end = pos, pos
    frac_end = pos
    after_and = False
    while True:
        m = _WORD.match(text, p)
        if not m:
            break
        w = m.group().lower()
        entry = lang.numbers.get(w)
        if entry is None:
            if w in lang.and_words and acc.words and not after_and and acc.last in ("tens", "hundred", "scale", "unit", "teen"):
                # "and a half" / "et demi"
                s = _WSEP.match(text, m.end())
                nxt = s.end() if s else m.end()
                half = re.compile(r"(?i)(?:a\s+half|demie?)(?![^\W\d_])").match(text, nxt)
                if half and acc.last != "scale":
                    # "one and a half million": a scale may still follow
                    acc.cur += Decimal("0.5")
                    end = half.end()
                    acc.last = "half"
                    acc.words += 1
                    s = _WSEP.match(text, end)
                    if not s:
                        break
                    p = s.end()
                    continue
                if half and acc.last == "scale":
                    for i in range(2):
                        acc.total[i] += acc.last_scale[i] / 2
                    end = half.end()
                    break
                if acc.last in ("unit", "teen"):
                    break
                after_and = True
                p = nxt
                continue
            if w in lang.decimal_words and acc.words and acc.last not in ("article", "fraction", "dozen"):
                digits, q = "", m.end()
                while True:
                    s = _WSEP.match(text, q)
                    if not s:
                        break
                    m2 = _WORD.match(text, s.end())
                    e2 = lang.numbers.get(m2.group().lower()) if m2 else None
                    if not m2 or not e2 or e2[0] not in ("unit", "teen", "tens"):
                        break
                    val = int(e2[1])
                    q = m2.end()
                    if e2[0] == "tens":
                        s3 = _WSEP.match(text, q)
                        m3 = _WORD.match(text, s3.end()) if s3 else None
                        e3 = lang.numbers.get(m3.group().lower()) if m3 else None
                        if e3 and e3[0] == "unit" and e3[1] > 0:
                            val += int(e3[1])
                            q = m3.end()
                    digits += str(val)
                if digits:
                    lv, sv = acc.values()
                    frac = Decimal("0." + digits)
                    acc.total, acc.cur = [lv + frac, sv + frac], Decimal(0)
                    acc.last = "decimal"
                    end = q
            break
        kind, v = entry
        if kind == "article":
            if acc.words:
                if not (acc.last == "fraction"):
                    break
                acc.last = "fraction_article"
            else:
                acc.cur, acc.last = Decimal(1), "article"
            acc.words += 1
        elif kind in ("unit", "teen", "tens"):
            if after_and and acc.last == "tens" and not (kind == "unit" and v == 1 or kind == "teen" and v == 11):
                break
            if not _small_ok(acc, kind, v, fr):
                break
            if acc.last == "unit" and kind == "tens":  # quatre-vingt
                acc.cur += v * 4 - 4
            else:
                acc.cur += v
            acc.last, acc.last_val = kind, v
            acc.words += 1
            end = m.end()
        elif kind == "hundred":
            if acc.last is None and (w.endswith("s") and not after_digits or not fr and not after_digits and not _next_is_scale(text, m.end(), lang)):
                break  # "hundreds of" is vague; English "hundred" alone needs "a" or a scale after it
            if acc.last in (None, "article"):
                acc.cur = Decimal(100)
            elif acc.last in ("unit", "teen", "tens") and acc.cur < 100 and acc.cur >= 1:
                acc.cur *= 100
            elif acc.last == "scale" and acc.cur == 0 and not fr:
                acc.cur = Decimal(100)
            else:
                break
            acc.last = "hundred"
            acc.words += 1
            end = m.end()
        elif kind == "scale":
            if acc.last is None:
                # "mille euros" needs no number before it; "milliards" alone is vague ("des milliards")
                if not after_digits and (v != 1000 or w.endswith("s")):
                    break
                acc.cur = Decimal(1)
            if not acc.add_scale(v, lang.short_scale.get(w, v)):
                break
            if w in lang.short_scale:
                acc.scale_word = w
            elif acc.scale_word is None or v >= Decimal(10) ** 9:
                acc.scale_word = acc.scale_word if acc.scale_word in lang.short_scale else w
            acc.last = "scale"
            acc.words += 1
            end = m.end()
        elif kind == "dozen":
            if acc.last is None and not after_digits or acc.last == "dozen":
                break
            # Like "and a half", a dozen binds to the group just before it: "three hundred and two dozen"
            # is 300 + 2 x 12, "two thousand three dozen" 2000 + 36; after "hundred" or a scale it takes all.
            local = acc.cur % 100 if acc.last in ("unit", "teen", "tens") else Decimal(0)
            for i in range(2):
                if local and (acc.cur >= 100 or acc.total[i]):
                    acc.total[i] += acc.cur - local + local * v
                else:
                    acc.total[i] = (acc.total[i] + (acc.cur or (1 if acc.last is None else 0))) * v
            acc.cur = Decimal(0)
            acc.last = "dozen"
            acc.words += 1
            end = m.end()
            break
        elif kind == "part":
            # "a third", "deux tiers": a fraction that stands on its own
            if acc.last == "article" or acc.last == "unit" and 1 <= acc.cur < 10:
                acc.cur *= v
            else:
                break
            acc.last = "part"
            acc.words += 1
            end = m.end()
            break
        elif kind == "fraction":
            if acc.last is None or acc.last == "article":
                acc.cur = v
            elif acc.last == "unit" and acc.cur < 10:
                acc.cur *= v
            else:
                break
            acc.last = "fraction"
            acc.words += 1
            frac_end = m.end()
        after_and = False
        s = _WSEP.match(text, m.end())
        if not s:
            break
        p = s.end()
    if acc.last == "fraction" and acc.words > 1:
        end = frac_end  # "un quart des habitants": no scale came, so the fraction stands alone and its word is part of it
    if end == pos or acc.last in ("article",):
        return None
    lv, sv = acc.values()
    if lv == 0 and acc.words and acc.last not in ("unit", "decimal"):
        return None
    q = _Q(start=pos, end=end, value=lv, spelled=True, digits_end=end)
    if sv != lv:
        q.short = sv
    q.scale = acc.scale_word
    words = _WORD.findall(text[pos:end])
    q.bare_one = len(words) == 1 and lv == 1
    return q


def _next_is_scale(text: str, p: int, lang: _Lang) -> bool:
    s = _WSEP.match(text, p)
    m = _WORD.match(text, s.end()) if s else None
    entry = lang.numbers.get(m.group().lower()) if m else None
    return bool(entry and entry[0] == "scale")


def _scales_after(text: str, q: _Q, lang: _Lang, com: _Common) -> None:
    """Extend a digit quantity with scale words or abbreviations ("20 milliards", "1.2bn", "3 dozens")."""
    p = q.end
    m = com.abbrev_rx.match(text, p)
    if m:
        ab = m.group("ab")
        flags = com.abbrev[ab]
        attached = not m.group("sp")
        nxt = text[m.end():m.end() + 1]
        ok = True
        if flags.get("attached") and not attached:
            ok = False
        if flags.get("before_symbol") and nxt not in com.symbols:
            ok = False
        if ab in ("M", "m") and nxt == "." and not attached:
            ok = False  # "5 M. Dupont"
        if ok:
            q.value *= _dec(flags["value"])
            q.mult = _dec(flags["value"])
            q.end = m.end()
            q.scale, q.scale_flags = ab, dict(flags)
            q.plain_int = False
            return
    s = _SCALE_GAP.match(text, p)  # "$20-million deal": the hyphen joins the scale, it starts no range
    m = _WORD.match(text, s.end())
    if not m:
        return
    w = m.group().lower()
    entry = lang.numbers.get(w)
    if not entry or entry[0] not in ("scale", "hundred", "dozen"):
        return
    if entry[0] == "hundred" and lang.code == "fr" and _is_coin(text, q, w, lang, com):
        return
    sub = _spelled(text, s.end(), lang, after_digits=True)
    if sub is None:
        return
    long_v = q.value * sub.value
    short_v = q.value * (sub.short if sub.short is not None else sub.value)
    q.value, q.short = long_v, (short_v if short_v != long_v else None)
    q.mult = sub.value
    q.end = sub.end
    q.scale = sub.scale or w
    q.plain_int = False


def _spaced_minus(text: str, pos: int, digits: int, lang: _Lang) -> bool:
    """Is "- 10" (a dash, a space, digits) a minus sign rather than a dash or a list bullet?

    Only where a bare value stands: at the start of a line or after "(", ":", "=", with no words after it
    on its line ("Renault (- 3,2 %)", "Variation : - 10 k"). "- 10 morts" is a bullet, "2 - 3" a range.
    """
    before = text[:pos].rstrip(" \t\u00a0\u202f")
    if _prev_word(text, pos) in lang.minus_after:
        return True  # "et même - 3,5 %": a dash after "and" starts no aside
    if before and before[-1] not in "\n(:=":
        return False
    stop = min((i for i in (text.find(c, digits) for c in "\n);,") if i >= 0), default=len(text))
    return not re.search(r"[^\W\d_]{3,}", text[digits:stop])


def _is_coin(text: str, q: _Q, word: str, lang: _Lang, com: _Common) -> bool:
    """Is a French "cent(s)" after digits the coin ("12 cents") rather than "hundred" ("322 cent")?"""
    if not q.plain_int:
        return True  # "1,5 cent": only the coin takes decimals
    a = max(text.rfind("\n", 0, q.start), *(text.rfind(c + " ", 0, q.start) for c in ".!?"))
    b = min((i for i in (text.find("\n", q.end), *(text.find(c + " ", q.end) for c in ".!?")) if i >= 0), default=len(text))
    window = text[a + 1:b]
    money_words = [rx for rx in (com.code_rx, lang.currency[0]) if rx is not None]
    coins = lang.minor[0].findall(window) if lang.minor[0] is not None else []
    if any(c in window for c in com.symbols) or any(rx.search(window) for rx in money_words) or len(coins) > 1:
        return True  # money talk in the sentence: cents are coins
    # The coin takes a plural ("12 cents"), and a sum of 100 coins or more would be written in the main unit;
    # with no currency anywhere near, "322 cent(s)" is the numeral.
    return q.value < 100 and (word.endswith("s") or q.value == 1)


def _quantity(text: str, pos: int, lang: _Lang, com: _Common, glued: bool = False) -> _Q | None:
    """Read a number (digits or words, with sign and scale) starting at ``pos``."""
    m = _WORD.match(text, pos)
    soft = m is not None and m.group().lower() in lang.soft_minus and _prev_word(text, pos) not in lang.soft_minus_not_after \
        and not text[:pos].rstrip()[-1:] in _D
    if m and (m.group().lower() in lang.minus or soft):
        s = _WS.match(text, m.end())
        if s.end() > m.end():
            inner = _quantity(text, s.end(), lang, com)
            if inner is not None and not inner.split:
                inner.start, inner.value, inner.bare_one = pos, -inner.value, False
                inner.short = -inner.short if inner.short is not None else None
                inner.plain_int = False
                return inner
        return None
    if m:
        return _spelled(text, pos, lang)
    neg = False
    start = pos
    if pos < len(text) and text[pos] in "-\u2212" and pos + 1 < len(text) and text[pos + 1] not in _D:
        sp = _WS.match(text, pos + 1).end()
        if sp == pos + 1 or sp >= len(text) or text[sp] not in _D or not _spaced_minus(text, pos, sp, lang):
            return None
        inner = _quantity(text, sp, lang, com)
        if inner is None or inner.split:
            return None
        inner.start, inner.value, inner.plain_int = pos, -inner.value, False
        inner.short = -inner.short if inner.short is not None else None
        return inner
    if pos < len(text) and text[pos] in "-\u2212" and pos + 1 < len(text) and (text[pos + 1] in _D):
        if pos > 0 and not (text[pos - 1].isspace() or text[pos - 1] in "([{:;=/"):
            return None
        neg, pos = True, pos + 1
    if pos < len(text) and text[pos] in ".," and pos + 1 < len(text) and text[pos + 1] in "0123456789":
        # ".25" / ",08": a leading decimal separator, in the language's own convention only
        if text[pos] != lang.decimal or (pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in ".,")):
            return None
        m2 = re.compile("[0-9]+").match(text, pos + 1)
        if not m2 or m2.end() - m2.start() > _MAX_DIGITS or re.match(r"[.,][0-9]", text[m2.end():m2.end() + 2]):
            return None
        val = Decimal("0." + m2.group())
        return _Q(start=start, end=m2.end(), value=-val if neg else val, digits_end=m2.end())
    if pos > 1 and text[pos - 1] in ".," and (text[pos - 2] in _D):
        # the rest of an identifier already split up ("192.168.1.2")
        m2 = re.compile("[0-9]+").match(text, pos)
        if not m2 or m2.end() - pos > _MAX_DIGITS:
            return None
        return _Q(start=pos, end=m2.end(), value=Decimal(m2.group()), split=True, digits_end=m2.end())
    frac = _DIGIT_FRACTION.match(text, pos)
    if frac and not neg and int(frac.group(1)) < int(frac.group(2)) and not (pos and (text[pos - 1].isalnum() or text[pos - 1] in "/.,")):
        return _Q(start=start, end=frac.end(), value=Decimal(frac.group(1)) / Decimal(frac.group(2)), digits_end=frac.end())
    m2 = _DIGITS.match(text, pos)
    if not m2:
        return None
    if pos > 0 and (_LETTER.match(text[pos - 1]) and not glued or (text[pos - 1] in _D) or text[pos - 1] == "_"):
        return None
    if pos > 1 and text[pos - 1] in _HYPHENS and _LETTER.match(text[pos - 2]):
        return None  # "COVID-19", "F-16"
    pieces = _read_digits(m2.group(), lang.decimal)
    a, b, value, whole = pieces[0]
    if b - a > _MAX_DIGITS + 10:
        return None
    run = m2.group()[a:b]
    q = _Q(start=start, end=pos + b, value=-value if neg else value, digits_end=pos + b)
    q.split = len(pieces) > 1 and not whole or (len(pieces) > 1 and pieces[1][0] == b + 1 and m2.group()[b] in ".,")
    q.plain_int = run.isdigit() and not neg
    mixed = _MIXED_FRACTION.match(text, q.end) if q.plain_int and len(pieces) == 1 else None
    if mixed and int(mixed.group(1)) < int(mixed.group(2)):
        q.value += Decimal(mixed.group(1)) / Decimal(mixed.group(2))
        q.end = q.digits_end = mixed.end()
        q.plain_int = False
        return q
    if not q.split:
        _scales_after(text, q, lang, com)
        q.digits_end = pos + b
    return q


# --------------------------------------------------------------------------- suffixes


def _currency_after(text: str, p: int, lang: _Lang, com: _Common, scaled: bool) -> tuple[int, str | None, str] | None:
    """A currency right after a quantity: (end, ISO code or None, what matched)."""
    s = _WS.match(text, p)
    q = s.end()
    # French "millions de dollars", "20 milliards d'euros"; English "millions of dollars"
    link = re.compile(rf"(?i)(?:de{_SP}+|d['\u2019]{_SP}*|of{_SP}+)").match(text, q)
    starts = [q] + ([link.end()] if link and scaled else [])
    for q in starts:
        if q < len(text) and text[q] in com.symbols:
            code = com.symbols[text[q]]
            end = q + 1
            if text[q] == "$":
                m = com.dollar_suffix_rx.match(text, end)
                if m:
                    code, end = com.dollar_suffixes[m.group(1).lower()], m.end()
            m = re.compile(f"{_SP}?").match(text, end)
            m2 = com.code_rx.match(text, m.end()) if m else None
            if m2 and not m2.group("cs"):
                code, end = com.codes[m2.group("code")], m2.end()
            return end, code, "symbol"
        m = com.code_rx.match(text, q)
        if m and (m.start() == p or not _LETTER.match(text[m.start() - 1] if m.start() else " ")):
            if m.group("cs") and scaled:
                continue
            return m.end(), com.codes[m.group("code")], "code:" + (m.group("cs") or "")
        hit = _match(lang.currency, text, q) or (_match(lang.currency_scaled, text, q) if scaled else None)
        if hit:
            return hit[0], hit[1] or None, "name"
    hy = _SCALE_GAP.match(text, p)
    hit = _match(lang.currency, text, hy.end()) if hy.end() > p and text[hy.end() - 1] in _HYPHENS else None
    return (hit[0], hit[1] or None, "name") if hit else None  # "a 10-dollar bill"


def _minor_after(text: str, p: int, lang: _Lang, scaled: bool = False) -> tuple[int, str] | None:
    s = _WS.match(text, p).end()
    link = re.compile(rf"(?i)(?:de{_SP}+|d['\u2019]{_SP}*|of{_SP}+)").match(text, s) if scaled else None
    return _match(lang.minor, text, s) or (_match(lang.minor, text, link.end()) if link else None)


def _blocks_merge(text: str, p: int, lang: _Lang, com: _Common) -> bool:
    """Is what follows ``p`` something that makes a trailing small number its own figure?"""
    s = _WS.match(text, p).end()
    if s >= len(text):
        return False
    if text[s] in com.symbols or text[s] in "%‰" or (text[s] in _D):
        return True
    if com.code_rx.match(text, s) or com.abbrev_rx.match(text, s) or com.unit_rx.match(text, s):
        return True
    for table in (lang.currency, lang.percent, lang.units, lang.durations, lang.minor):
        if _match(table, text, s):
            return True
    m = _WORD.match(text, s)
    return bool(m and m.group().lower() in lang.numbers)


def _minor_merge(text: str, p: int, lang: _Lang, com: _Common, spelled: bool = False) -> tuple[int, Decimal] | None:
    """ "15 dollars 50", "thirteen dollars and forty-five cents": the minor amount after a currency."""
    s = _WS.match(text, p).end()
    m = _WORD.match(text, s)
    joined = False
    if m and m.group().lower() in lang.and_words:
        s, joined = _WS.match(text, m.end()).end(), True
    elif s < len(text) and text[s] == "," and lang.code == "en":
        return None
    q = _quantity(text, s, lang, com)
    if q is not None and q.spelled and q.value >= 100:
        # "quarante-cinq cents" after "treize euros": the coin, not "hundred"
        last = list(_WORD.finditer(text, q.start, q.end))[-1]
        if _match(lang.minor, text, last.start()):
            q = _quantity(text[:last.start()].rstrip(), s, lang, com)
    if q is None or q.scale or q.split or q.value < 0 or q.value >= 100 or q.value != q.value.to_integral_value():
        return None
    minor = _minor_after(text, q.end, lang)
    if minor:
        ratio = lang.minor_ratio.get(minor[1], Decimal("0.01"))
        if ratio != Decimal("0.01"):
            # "five mao five": the next unit down follows without its name
            rest = _quantity(text, _WS.match(text, minor[0]).end(), lang, com)
            if rest is not None and 0 < rest.value < 10 and rest.value == int(rest.value) and not rest.scale \
                    and not _blocks_merge(text, rest.end, lang, com):
                return rest.end, q.value * ratio + rest.value * ratio / 10
        return minor[0], q.value * ratio
    if joined and not (spelled and q.spelled) or not q.spelled and not re.fullmatch("[0-9]{2}", text[q.start:q.end]) or _blocks_merge(text, q.end, lang, com):
        return None  # only "15 dollars 50": a bare number after "and" is something else ("$4 and 32 is the quantity")
    nxt = _WS.match(text, q.end).end()
    m = _WORD.match(text, nxt)
    if m and m.group().lower() in ("times", "fois", "x"):
        return None
    return q.end, q.value / 100


# --------------------------------------------------------------------------- figures


@dataclass
class _Fig:
    start: int
    end: int
    kind: str
    value: Decimal | None
    unit: str | None = None
    currency: str | None = None
    notes: tuple[str, ...] = ()
    count_from: int | None = None  # where the counted noun starts
    mult: Decimal | None = None  # the scale applied to the written digits ("12,5 millions": 10^6)
    prefixed: bool = False  # the currency is written before the number ("$5", "USD 5")


def _scale_note(q: _Q, lang: _Lang, money: bool) -> tuple[Decimal, str | None]:
    """Choose between the long- and short-scale readings of a French "billion"/"trillion"."""
    if q.short is None or q.scale is None:
        return q.value, None
    if abs(q.value) > _SHORT_SCALE_ABOVE:
        return q.short, (
            f"French '{q.scale}' read on the short scale as in English (10^{_exp(q.short / q.value * _scale_unit(lang, q.scale))}); "
            f"the long-scale reading would be {_fmt(q.value)}"
        )
    return q.value, (
        f"French '{q.scale}' read on the long scale (10^{_exp(_scale_unit(lang, q.scale))}); "
        f"if it translates the English word it would be {_fmt(q.short)}"
    )


def _scale_unit(lang: _Lang, word: str) -> Decimal:
    entry = lang.numbers.get(word)
    return entry[1] if entry else Decimal(1)


def _exp(x: Decimal) -> int:
    try:
        return int(round(x.log10())) if x > 0 else 0
    except (InvalidOperation, ValueError):
        return 0


def _fmt(x: Decimal) -> str:
    return f"{float(x):.4g}"


def _year_from(s: str | None) -> Decimal | None:
    if not s:
        return None
    y = int(s)
    if len(s) == 2:
        y += 2000 if y < 50 else 1900
    return Decimal(y)


def _date_at(text: str, pos: int, lang: _Lang) -> _Fig | None:
    """Dates: "26 novembre 2025", "November 26, 2025", "novembre 2025", "17/05/2018", "2025-11-26"."""
    if pos < len(text) and (text[pos] in _D):
        m = _NUMERIC_DATE.match(text, pos)
        if m:
            if m.group(1):
                mo, d = int(m.group(2)), int(m.group(3))
                y = m.group(1)
            else:
                a, b, y = int(m.group(4)), int(m.group(6)), m.group(7)
                if m.group(5) == "." and len(y) != 4:
                    return None
                mo, d = (b, a) if b <= 12 and a <= 31 else (a, b)
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return _Fig(pos, m.end(), "date", _year_from(y))
            return None
        m = re.compile(rf"([0-9]{{1,2}})(?:{lang.day_suffix})?\.?{_SP}+").match(text, pos)
        if m and 1 <= int(m.group(1)) <= 31 and (pos == 0 or not text[pos - 1].isalnum()):
            hit = _match(lang.months, text, m.end())
            if hit:
                end = hit[0]
                y = re.compile(rf",?{_SP}+([0-9]{{4}})(?![0-9])").match(text, end)
                return _Fig(pos, y.end() if y else end, "date", _year_from(y.group(1)) if y else None)
        return None
    m = re.compile(r"(?i)(?:1er|premier)\b").match(text, pos)
    if m and lang.code == "fr":
        s = _WS.match(text, m.end()).end()
        hit = _match(lang.months, text, s)
        if hit:
            y = re.compile(rf"{_SP}+([0-9]{{4}})(?![0-9])").match(text, hit[0])
            return _Fig(pos, y.end() if y else hit[0], "date", _year_from(y.group(1)) if y else None)
    hit = _match(lang.months, text, pos)
    if not hit:
        return None
    word = _norm(text[pos:hit[0]]).rstrip(".")
    ambiguous = word in lang.ambiguous_months and not text[pos].isupper()
    end = hit[0]
    md = re.compile(rf"{_SP}+([0-9]{{1,2}})(?:{lang.day_suffix})?(?![0-9])(?:,?{_SP}+([0-9]{{4}})(?![0-9]))?").match(text, end)
    if md and 1 <= int(md.group(1)) <= 31 and lang.code == "en" and (md.group(2) or not ambiguous):
        return _Fig(pos, md.end(), "date", _year_from(md.group(2)))
    y = re.compile(rf",?{_SP}+([0-9]{{4}})(?![0-9]|[.,][0-9])").match(text, end)
    if y:
        return _Fig(pos, y.end(), "date", _year_from(y.group(1)))
    return None


def _prefix_currency(text: str, pos: int, com: _Common) -> tuple[int, str | None, bool] | None:
    """ "$", "US$", "us $", "HK$", "USD", "€": (end, code, is_symbol)."""
    m = com.prefix_rx.match(text, pos)
    if not m:
        return None
    if m.group("sym"):
        pre = m.group("pre")
        if pre:
            key = _norm(pre).replace(" ", "")
            code = com.dollar_prefixes.get(key) or com.codes.get(pre.strip()) or com.codes.get(key.upper())
            if m.group("sym") != "$" and key not in com.codes and key.upper() not in com.codes:
                return None
            if code is None:
                return None
            return m.end(), code, True
        return m.end(), com.symbols[m.group("sym")], True
    return m.end(), com.codes[m.group("code")], False


def _time_at(text: str, pos: int, lang: _Lang, com: _Common) -> _Fig | None:
    """A time of day ("12 h 30", "10:38", "3pm", "à 9 h"): never a quantity."""
    if pos >= len(text) or text[pos] not in _D:
        return None
    m = com.time.match(text, pos)
    if m is None and _prev_word(text, pos) in lang.time_cues:
        m = com.time_hour.match(text, pos)
    nxt = text[m.end():m.end() + 1] if m else ""
    if m is None or nxt and (_LETTER.match(nxt) or nxt in _D):
        return None
    return _Fig(pos, m.end(), "time", None)


def _parse_at(text: str, pos: int, lang: _Lang, com: _Common) -> _Fig | None:
    """The figure that starts at ``pos``, if any."""
    box: list[_Q] = []
    fig = _parse_quantity(text, pos, lang, com, box)
    if fig is not None and box:
        fig.mult = box[0].mult
    return fig


def _parse_quantity(text: str, pos: int, lang: _Lang, com: _Common, box: list[_Q]) -> _Fig | None:
    date = _date_at(text, pos, lang) or _time_at(text, pos, lang, com)
    if date is not None:
        return date
    notes: list[str] = []
    currency = None
    money = False
    start = pos
    pre = _prefix_currency(text, pos, com)
    if pre is not None:
        p = _WS.match(text, pre[0]).end()
        if p - pre[0] > 1 and not pre[2]:
            return None
        q = _quantity(text, p, lang, com, glued=p == pre[0] and not pre[2])
        if q is None or q.split:
            return None
        currency, money = pre[1], True
        if not pre[2] and p == pre[0] and not (text[p] in _D):
            return None
    else:
        q = _quantity(text, pos, lang, com)
        if q is None:
            return _percent_of(text, pos, lang, com)
    box.append(q)
    if q.split:
        return _Fig(q.start, q.end, "number", q.value)
    end = q.end
    unit = None
    scaled = q.scale is not None
    # a currency after the number (also after a prefix: "$ 10 usd" is fine, "75 USD million")
    cur = _currency_after(text, end, lang, com, scaled or q.spelled)
    if cur is not None and money and cur[1] and currency not in (None, "$", cur[1]):
        cur = None
    if cur is not None and (not money or cur[2] != "name"):
        cend, ccode, how = cur
        if how.startswith("code:") and how[5:]:
            q.value *= com.code_scales[how[5:]]
            scaled = True
        if not money or ccode:
            currency = ccode if (ccode or not money) else currency
        money = True
        end = cend
    if money and not scaled:
        # "75 USD million"
        m = _WS.match(text, end)
        w = _WORD.match(text, m.end())
        entry = lang.numbers.get(w.group().lower()) if w else None
        if entry and entry[0] == "scale" and cur is not None:
            q.value *= entry[1]
            q.mult = entry[1]
            if w.group().lower() in lang.short_scale:
                q.short = q.value / entry[1] * lang.short_scale[w.group().lower()]
                q.scale = w.group().lower()
            end, scaled = w.end(), True
    if q.scale_flags and q.scale_flags.get("money") and not money:
        # "100m" without a currency is metres, not millions
        q.value /= _dec(q.scale_flags["value"])
        q.end, q.scale, q.scale_flags = q.digits_end, None, None
        return _finish_number(text, q, lang, com, start, notes)
    if money:
        if not scaled and q.value == q.value.to_integral_value():
            mm = _minor_merge(text, end, lang, com, q.spelled)
            if mm is not None:
                q.value += mm[1] if q.value >= 0 else -mm[1]
                end = mm[0]
        pu = _per_unit(text, end, lang, com)
        if pu:
            per = next((k for k, v in com.symbols.items() if v == currency), currency or "")
            unit, end = f"{per}/{pu[1]}", pu[0]
        value, note = _scale_note(q, lang, True)
        if note:
            notes.append(note)
        return _Fig(start, end, "money", value, unit=unit, currency=currency, notes=tuple(notes), prefixed=pre is not None)
    minor = _minor_after(text, end, lang, q.scale is not None)
    if minor and not q.spelled or minor and q.spelled and not (lang.code == "fr"):
        value, note = _scale_note(q, lang, True)
        return _Fig(start, minor[0], "money", value, unit=minor[1], notes=(note,) if note else ())
    return _finish_number(text, q, lang, com, start, notes)


def _per_unit(text: str, p: int, lang: _Lang, com: _Common) -> tuple[int, str] | None:
    """What a price or rate is per: "/MWh", "per megawatt hour", "a barrel", "par an", "le litre": (end, unit)."""
    m = re.compile(rf"{_SP}?/{_SP}?").match(text, p)
    if m:
        um = com.unit_rx.match(text, m.end())
        if um:
            return um.end(), com.unit_symbols[um.group("u")]
        u = _match(lang.units, text, m.end()) or _match(lang.per_units, text, m.end())
        return u if u else None
    s = _WS.match(text, p).end()
    if s == p:
        return None
    word = _match(lang.per, text, s)
    if not word:
        el = re.compile(r"[^\W\d_]+['\u2019]").match(text, s)  # an elided article: "l'once"
        value = lang.per[1].get(_norm(el.group())) if el else None
        if value is None:
            return None
        word = (el.end(), value)
    q = _WS.match(text, word[0]).end()
    um = com.unit_rx.match(text, q) if word[1] == "per" else None
    if um:
        return um.end(), com.unit_symbols[um.group("u")]
    u = _match(lang.units, text, q) or _match(lang.per_units, text, q)
    if u is not None and u[1] in ("times", "points"):
        return None
    if u is None and word[1] in ("per", "time"):
        d = _match(lang.durations, text, q)
        u = (d[0], com.singular.get(d[1], d[1])) if d else None
    if u is None:
        return None
    after = _WORD.match(text, _WS.match(text, u[0]).end())
    if word[1] != "per" and after and _norm(after.group()) in lang.per_not_before:
        return None  # "$5bn a year earlier"
    return u


def _percent_of(text: str, pos: int, lang: _Lang, com: _Common) -> _Fig | None:
    """ "percent of 10" (a percentage word before its number) at the start of a clause."""
    hit = _match(lang.percent, text, pos)
    if not hit or hit[1] != "%":
        return None
    before = text[max(0, pos - 3):pos].strip()
    if before and before[-1] not in ".,;:!?()[]«»\"“”":
        return None
    m = re.compile(rf"(?i){_SP}+(?:of|de){_SP}+").match(text, hit[0])
    if not m:
        return None
    q = _quantity(text, m.end(), lang, com)
    if q is None or q.split:
        return None
    after = text[q.end:q.end + 2].strip()
    if after and after[0] not in ".,;:!?)":
        return None
    return _Fig(pos, q.end, "percent", q.value, unit="%")


def _finish_number(text: str, q: _Q, lang: _Lang, com: _Common, start: int, notes: list[str]) -> _Fig | None:
    """Percent, duration, unit, year, count or plain number."""
    end = q.end
    s = _WS.match(text, end).end()
    value, note = _scale_note(q, lang, False)
    if note:
        notes = notes + [note]
    # percentages
    if s < len(text) and text[s] in "%":
        if s - end <= 1:
            return _Fig(start, s + 1, "percent", value, unit="%", notes=tuple(notes))
    hit = _match(lang.percent, text, s) if s - end >= 1 or q.spelled else None
    if hit:
        return _Fig(start, hit[0], "percent", value, unit=hit[1], notes=tuple(notes))
    # "3,5 millions de tonnes", "2 million barrels of": a unit after the scale
    if q.scale:
        link = re.compile(rf"(?i)(?:de{_SP}+|d['\u2019]{_SP}*|of{_SP}+)").match(text, s)
        uw = _match(lang.units, text, link.end()) if link else None
        if uw:
            return _Fig(start, uw[0], "number", value, unit=uw[1], notes=tuple(notes))
    # "a 10-year bond", "un parcours de 5-km"
    hy = re.compile(rf"{_SP}*[{_HYPHENS}]{_SP}*").match(text, end)
    if hy and s == end:
        s = hy.end()
    # durations ("huit prochaines années", "eight more years", "3 ans")
    p = s
    between = _match(lang.between, text, p)
    if between:
        p = _WS.match(text, between[0]).end()
    dur = _match(lang.durations, text, p) if p > end or q.spelled else None
    if dur and not q.split:
        if dur[1] == "hours" and _prev_word(text, start) in lang.time_cues:
            return _Fig(start, dur[0], "time", None)  # "à 20 heures" is a time of day
        return _Fig(start, dur[0], "duration", value, unit=dur[1], notes=tuple(notes))
    # units
    um = com.unit_rx.match(text, end)
    if um and not (q.spelled and um.start() == end):
        return _with_per(text, _Fig(start, um.end(), "number", value, unit=com.unit_symbols[um.group("u")], notes=tuple(notes)), lang, com)
    uw = _match(lang.units, text, s) if s > end or q.spelled else None
    if uw and uw[1] == "times" and q.bare_one:
        return None  # "une fois son discours bouclé" is "once", not a count
    if uw:
        return _with_per(text, _Fig(start, uw[0], "number", value, unit=uw[1], notes=tuple(notes)), lang, com)
    # a letter glued to the digits that nothing above explained: "5G", "3D", "2nd", "1er"
    if not q.spelled and end < len(text) and _LETTER.match(text[end]):
        if text[end] == "s" and q.plain_int and len(text[start:end]) == 4 and not _LETTER.match(text[end + 1:end + 2] or " "):
            return _Fig(start, end + 1, "date", value, unit="decade")
        return None
    if q.bare_one:
        return None
    # years
    if q.plain_int and len(text[start:end]) == 4:
        y = int(value)
        cue = _prev_word(text, start).rstrip("'") in lang.year_cues
        if _YEAR_RANGE[0] <= y <= _YEAR_RANGE[1] or (1000 <= y <= 2999 and cue):
            return _Fig(start, end, "date", value)
    # counts: a noun after the number ("huit ministres", "un million de clients")
    m = _WORD.match(text, s) if s > end else None
    if m is not None:
        w = _norm(m.group())
        link = None
        if w in ("de", "d", "of") and (q.scale or q.spelled and q.value >= 1000):
            nxt = re.compile(rf"['\u2019]?{_SP}*").match(text, m.end()).end()
            link = _WORD.match(text, nxt)
        if link is not None:
            m, w = link, _norm(link.group())
        if m.group()[:1].islower() and w not in lang.stop and w not in lang.not_counted and len(w) > 1 \
                and w not in lang.numbers:
            return _Fig(start, end, "count", value, notes=tuple(notes), count_from=m.start())
    return _Fig(start, end, "number", value, notes=tuple(notes))


def _with_per(text: str, fig: _Fig, lang: _Lang, com: _Common) -> _Fig:
    """"120 km per hour", "8 tonnes par hectare": a unit per another one."""
    if fig.unit in ("times", "points", "°", "°C", "°F") or "/" in (fig.unit or "/"):
        return fig
    pu = _per_unit(text, fig.end, lang, com)
    if pu is None:
        return fig
    return _Fig(fig.start, pu[0], fig.kind, fig.value, unit=f"{fig.unit}/{pu[1]}", notes=fig.notes)


def _prev_word(text: str, start: int) -> str:
    prev = re.findall(r"[^\W\d_]+['\u2019]?", text[max(0, start - 20):start])
    return _norm(prev[-1]) if prev and text[max(0, start - 20):start].rstrip().endswith(prev[-1]) else ""


# --------------------------------------------------------------------------- labels and notes


_LTOK = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*['\u2019]?")


def _tokens(text: str, a: int, b: int) -> list[re.Match[str]]:
    return list(_LTOK.finditer(text, a, b))


def _clean_gap(text: str, a: int, b: int) -> bool:
    return text[a:b].strip() == ""


def _is_content(tok: str, lang: _Lang) -> bool:
    w = _norm(tok)
    return (not (w[:1] and w[0] in _D) and w not in lang.stop and w not in lang.inner and w not in lang.dets
            and w not in lang.numbers and w not in lang.trailing_drop and len(w) > 1
            and not (lang.adverb_endings and w.endswith(lang.adverb_endings)))


def _phrase(toks: list[re.Match[str]], lang: _Lang) -> tuple[int, int] | None:
    """Trim a run of label tokens: no leading/trailing links, determiners only after a link."""
    kinds = ["c" if _is_content(t.group(), lang) else "d" if _norm(t.group()) in lang.dets else "l" for t in toks]
    for i in range(len(toks) - 1, -1, -1):
        if kinds[i] == "d" and (i == 0 or kinds[i - 1] != "l"):
            toks, kinds = toks[i + 1:], kinds[i + 1:]
            break
    while kinds and kinds[0] != "c":
        toks, kinds = toks[1:], kinds[1:]
    while kinds and kinds[-1] != "c":
        toks, kinds = toks[:-1], kinds[:-1]
    return (toks[0].start(), toks[-1].end()) if toks else None


def _label_word(tok: str, lang: _Lang) -> bool:
    w = _norm(tok)
    return _is_content(tok, lang) or w in lang.inner or w in lang.dets


def _collect_forward(text: str, toks: list[re.Match[str]], i: int, lang: _Lang) -> tuple[int, int] | None:
    run: list[re.Match[str]] = []
    while i < len(toks) and len(run) < 7:
        t = toks[i]
        if run and not _clean_gap(text, run[-1].end(), t.start()) or not _label_word(t.group(), lang):
            break
        if not run and not _is_content(t.group(), lang):
            break
        if run and lang.verb_endings and _norm(t.group()).endswith(lang.verb_endings):
            break
        if run and lang.plural_verb_endings and _norm(t.group()).endswith(lang.plural_verb_endings) \
                and _norm(run[-1].group()).endswith(("s", "x")):
            break  # "cyclistes empruntent": a plural noun, then its verb
        if _norm(t.group()) in lang.change_verbs:
            break
        run.append(t)
        i += 1
    return _phrase(run, lang)


def _collect_backward(text: str, toks: list[re.Match[str]], i: int, lang: _Lang) -> tuple[int, int] | None:
    run: list[re.Match[str]] = []
    while i >= 0 and len(run) < 6:
        t = toks[i]
        if run and not _clean_gap(text, t.end(), run[0].start()) or not _label_word(t.group(), lang):
            break
        if not run and not _is_content(t.group(), lang) or _norm(t.group()) in lang.change_verbs:
            break
        run.insert(0, t)
        i -= 1
    return _phrase(run, lang)


def _label(text: str, fig: _Fig, sent: tuple[int, int], lang: _Lang, qual_start: int) -> str | None:
    """The noun phrase a figure refers to, from its sentence."""
    if fig.kind in ("date", "duration"):
        return None
    a, b = sent
    after_toks = _tokens(text, fig.end, max(b, fig.end))
    before_toks = _tokens(text, min(a, qual_start), qual_start)

    def after(require_link: bool) -> tuple[int, int] | None:
        if not after_toks or not _clean_gap(text, fig.end, after_toks[0].start()):
            return None
        i = 0
        if _norm(after_toks[0].group()) in lang.after_links:
            i = 1
            while i < len(after_toks) and _norm(after_toks[i].group()) in lang.stop | lang.inner | lang.dets and i < 3:
                i += 1
        elif require_link:
            return None
        return _collect_forward(text, after_toks, i, lang)

    def before() -> tuple[int, int] | None:
        if not before_toks:
            return None
        last = before_toks[-1]
        gap = text[last.end():qual_start].strip()
        if gap in (":", "="):
            i = len(before_toks) - 1
        elif gap == "" and _norm(last.group()) in lang.before_links:
            i = len(before_toks) - 2
        elif gap == "" and _norm(last.group()) in lang.change_verbs:
            i = len(before_toks) - 1  # "la dette atteint 112 % du PIB": the debt, not the GDP
        else:
            return None
        if i >= 0 and _norm(before_toks[i].group()) in lang.change_verbs:
            # "le trafic a progressé de 18 %", "sales rose to $5bn": what changed is the verb's subject
            i -= 1
            while i >= 0 and _norm(before_toks[i].group()) in lang.skip_before_verb \
                    and _clean_gap(text, before_toks[i].end(), before_toks[i + 1].start()):
                i -= 1
            if i < 0 or not _clean_gap(text, before_toks[i].end(), before_toks[i + 1].start()):
                return None
        return _collect_backward(text, before_toks, i, lang)

    if fig.kind == "count":
        span = after(False) or before()
    else:
        span = before() or after(fig.kind in ("number",))
    if span is None:
        return None
    label = text[span[0]:span[1]].strip()
    return label or None


def _qualifier(text: str, start: int, lang: _Lang) -> tuple[int, str] | None:
    window = text[max(0, start - 40):start]
    m = lang.qualifiers.search(window)
    if not m:
        return None
    key = _norm(re.sub(rf"(?:{_SP}*(?:de{_SP}+|d['\u2019]{_SP}*|of{_SP}+))?{_SP}*$", "", m.group(), flags=re.I))
    note = lang.qualifier_notes.get(key)
    if note is None:
        note = lang.qualifier_notes.get(_norm(m.group()))
    return (max(0, start - 40) + m.start(), note) if note else None


# --------------------------------------------------------------------------- public


def _guess_lang(text: str) -> str:
    fr, en = _lang("fr").guess, _lang("en").guess
    nfr = nen = 0
    for w in re.findall(r"[^\W\d_]+", text[:20000].lower()):
        nfr += w in fr
        nen += w in en
    return "fr" if nfr > nen else "en"


def find_figures(
    text: str,
    lang: str | None = None,
    sentences: list[tuple[int, int]] | None = None,
    *,
    url: str | None = None,
    site: str | None = None,
) -> tuple[KeyFigure, ...]:
    """Find money, percentages, counts, numbers, dates, durations and times of day in ``text``.

    Values are full numbers ("20 milliards" -> 2e10); a date's value is its year when it names one,
    else None; amounts in a minor unit ("34 cents") keep that unit's count as value, with the unit
    named in ``unit``. A bare "$" or "dollars" takes the dollar of the source's country (``url``'s
    domain, ``site``, or the places the text names); otherwise its currency is None with "USD?" in
    ``note``. Figures are sorted, never overlap, and ``text[f.start:f.end] == f.text``.
    """
    code = (lang or "").lower()[:2]
    if code not in ("fr", "en"):
        code = _guess_lang(text)
    L, com = _lang(code), _common()
    if sentences is None:
        sentences = split_sentences(text, code)
    spans = sorted((a, b) for a, b in sentences if 0 <= a <= b <= len(text))
    starts = [a for a, _ in spans]
    blocked = sorted(
        [(m.start(), m.end()) for m in _URL.finditer(text)]
        + [(m.start(), m.end()) for rx in com.phone for m in rx.finditer(text)]
        + [(m.start(), m.end()) for m in com.list_marker.finditer(text)]
    )
    figs: list[_Fig] = []
    ident_end = -1
    pos = 0
    n = len(text)
    bi = 0
    while pos < n:
        m = com.anchor.search(text, pos)
        if not m:
            break
        p = m.start()
        while bi < len(blocked) and blocked[bi][1] <= p:
            bi += 1
        if bi < len(blocked) and blocked[bi][0] <= p:
            pos = blocked[bi][1]
            continue
        tok = m.group()
        if tok[0].isalpha() and not _trigger(tok, L, com):
            pos = m.end()
            continue
        if (tok[0] in _D) and (_after_name(text, p, com) or _after_identifier(text, p, L)
                               or ident_end >= 0 and _norm(text[ident_end:p]) in L.range_links | {","}):
            pos = ident_end = _DIGITS.match(text, p).end()
            continue
        fig = _parse_at(text, p, L, com)
        if fig is None or fig.end <= fig.start or fig.value is not None and not fig.value.is_finite() \
                or _names_something(text, fig, L):
            pos = m.end() if not (tok[0] in _D) else _DIGITS.match(text, p).end()
            continue
        figs.append(fig)
        pos = fig.end
    _share_units(text, figs, L)
    dollar: tuple[str | None, str] | None = None
    out: list[KeyFigure] = []
    for fig in figs:
        if fig.currency == "$":
            dollar = dollar or _dollar_of(text, url, site, com)
            fig = replace(fig, currency=dollar[0], notes=fig.notes + (dollar[1],))
        out.append(_to_key_figure(text, fig, L, spans, starts))
    return rank_figures(tuple(out), spans[:_LEAD_SENTENCES])


def rank_figures(figures: Sequence[KeyFigure], summary: Sequence[tuple[int, int]]) -> tuple[KeyFigure, ...]:
    """Number the figures 1..n: money and percentages of the summary sentences first, then the summary's
    other figures, then the rest; within a tier money and percentages before counts, dates and times, then by position."""
    inside = [any(a <= f.start < b for a, b in summary) for f in figures]

    def key(i: int) -> tuple[int, int, int]:
        f = figures[i]
        weight = _KIND_ORDER.get(f.kind, 5)
        tier = 0 if inside[i] and weight == 0 else 1 if inside[i] else 2
        return tier, weight, f.start

    order = sorted(range(len(figures)), key=key)
    ranks = {i: r for r, i in enumerate(order, 1)}
    return tuple(replace(f, rank=ranks[i]) for i, f in enumerate(figures))


def key_figures(figures: Sequence[KeyFigure], limit: int | None) -> tuple[int, ...]:
    """Indexes of the figures to show, best rank first: no times of day, and a figure repeated with the same
    value, unit, currency and label shown once ("1,3 % du PIB" of France stays next to the euro zone's 1.3 %)."""
    seen: set[tuple[object, ...]] = set()
    out: list[int] = []
    for i in sorted(range(len(figures)), key=lambda i: (figures[i].rank is None, figures[i].rank or 0, i)):
        f = figures[i]
        if f.kind == "time":
            continue
        same = (f.kind, f.value, f.unit, f.currency, _norm(f.label or ""), f.text if f.value is None else None)
        if same in seen:
            continue
        seen.add(same)
        out.append(i)
        if limit is not None and len(out) >= limit:
            break
    return tuple(out)


def _after_identifier(text: str, p: int, lang: _Lang) -> bool:
    """ "page 12", "article 49.3", "ligne de bus 21", "n° 5": a number that names, not counts."""
    m = re.search(r"([^\W\d_]+[°º]?)\.?[^\S\n]*$", text[max(0, p - 30):p])
    return bool(m and _norm(m.group(1)) in lang.identifier_before)


def _names_something(text: str, fig: _Fig, lang: _Lang) -> bool:
    """ "Mouvement 5 étoiles", "Apollo 11": a bare number right after a capitalised word inside a sentence."""
    if fig.kind not in ("number", "count") or fig.unit or fig.value is None or fig.mult is not None:
        return False
    m = re.search(r"([^\W\d_]{2,})[^\S\n]$", text[max(0, fig.start - 40):fig.start])
    if not m or not m.group(1)[0].isupper() or m.group(1).isupper():
        return False
    w = _norm(m.group(1))
    if w in lang.stop or w in lang.dets or w in lang.numbers or w in lang.guess or _match(lang.months, m.group(1), 0):
        return False
    before = text[:fig.start - len(m.group())].rstrip()
    return bool(before) and before[-1] not in ".!?:;\n«\"“([—–-"


def _share_units(text: str, figs: list[_Fig], lang: _Lang) -> None:
    """Ranges and lists share the unit, currency and scale written once: "entre 50 et 100 millions d'euros", "2, 3 et 4 %"."""
    for i in range(len(figs) - 1, 0, -1):
        head = figs[i]
        if head.kind not in ("money", "percent", "duration") and not (head.kind == "number" and head.unit):
            continue
        j = i
        while j > 0:
            prev, gap = figs[j - 1], _norm(text[figs[j - 1].end:figs[j].start])
            if not (gap in lang.range_links or gap == "," and j < i) or prev.kind != "number" or prev.unit \
                    or prev.currency or prev.value is None or prev.notes:
                break
            value = prev.value
            if head.mult is not None and prev.mult is None:
                # "de 10 à 12,5 millions": the scale is shared only when the first stays below the second
                if head.value is None or not abs(value) < abs(head.value / head.mult):
                    break
                value *= head.mult
            elif prev.mult is not None and head.mult is None:
                break
            figs[j - 1] = _Fig(prev.start, prev.end, head.kind, value, head.unit, head.currency, (), mult=head.mult)
            j -= 1
    for i in range(len(figs) - 1):
        # "$10-12" shares the leading currency; after "and" a bare number is something else ("$4.25 and 32")
        head, nxt = figs[i], figs[i + 1]
        gap = text[head.end:nxt.start].strip()
        if head.kind == "money" and head.prefixed and gap in ("-", "\u2013", "\u2014") and nxt.kind == "number" \
                and not nxt.unit and not nxt.notes and nxt.mult == head.mult and nxt.value is not None \
                and head.value is not None and abs(nxt.value) > abs(head.value):
            figs[i + 1] = _Fig(nxt.start, nxt.end, "money", nxt.value, head.unit, head.currency, (), mult=nxt.mult, prefixed=True)


def _dollar_of(text: str, url: str | None, site: str | None, com: _Common) -> tuple[str | None, str]:
    """Which dollar a bare "$" is: (ISO code or None, note)."""
    from urllib.parse import urlsplit

    host = ""
    for where in (url, site):
        if where and not host:
            cand = (urlsplit(where).hostname or "") if "//" in where else where.strip().lower()
            host = cand if re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", cand or "") else ""
    tld = host.rsplit(".", 1)[-1] if host else ""
    terr = com.dollar_domains.get(tld, tld.upper())
    if terr in com.dollar_users:
        code = com.dollar_users[terr]
        return code, f"dollars read as {code}: the source is a .{tld} site"
    def count(hay: str) -> dict[str, int]:
        return {t: sum(len(re.findall(rf"(?<![^\W_]){re.escape(w)}(?![^\W_])", hay)) for w in words)
                for t, words in com.dollar_places.items()}

    named = [t for t, n in count(site or "").items() if n]
    if len(named) == 1 and named[0] in com.dollar_users:
        code = com.dollar_users[named[0]]
        return code, f"dollars read as {code}: the source is {site}"  # "Radio-Canada", "The Sydney Morning Herald"
    counts = count(text)
    best = max(counts, key=lambda t: counts[t], default=None)
    if best and counts[best] >= 2 and all(counts[best] > n for t, n in counts.items() if t != best) and best in com.dollar_users:
        code = com.dollar_users[best]
        return code, f"dollars read as {code}: the text is about {best} ({counts[best]} place names)"
    return None, "USD?"


def _trigger(word: str, lang: _Lang, com: _Common) -> bool:
    w = word.lower()
    return (
        w in lang.numbers
        or w in lang.minus
        or w in lang.soft_minus
        or w in com.codes
        or word in com.codes
        or word.upper() in com.codes
        or w in com.dollar_prefixes
        or w in ("u", "percent", "per", "premier", "1er")
        or _match(lang.months, word, 0) is not None
    )


def _after_name(text: str, p: int, com: _Common) -> bool:
    """Numbers that belong to a name: "CAC 40", "S&P 500", "Boeing 737"."""
    m = re.search(r"([^\W\d_]+)[ &\u00a0]$", text[max(0, p - 20):p])
    return bool(m and m.group(1) in com.names_before)


def _to_key_figure(text: str, fig: _Fig, lang: _Lang, spans: list[tuple[int, int]], starts: list[int]) -> KeyFigure:
    i = bisect.bisect_right(starts, fig.start) - 1
    sent = spans[i] if i >= 0 and spans[i][0] <= fig.start < max(spans[i][1], spans[i][0] + 1) else None
    notes = list(fig.notes)
    qual = _qualifier(text, fig.start, lang)
    qual_start = fig.start
    if qual is not None and (sent is None or qual[0] >= sent[0]):
        notes.insert(0, qual[1])
        qual_start = qual[0]
    label = _label(text, fig, sent or (fig.start, fig.end), lang, qual_start)
    value = None if fig.value is None else float(fig.value)
    return KeyFigure(
        text=text[fig.start:fig.end],
        start=fig.start,
        end=fig.end,
        kind=fig.kind,  # type: ignore[arg-type]
        value=value,
        unit=fig.unit,
        currency=fig.currency,
        note="; ".join(notes) or None,
        label=label,
        sentence=text[sent[0]:sent[1]] if sent else None,
    )
