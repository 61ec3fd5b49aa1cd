"""Number guard: check that a translation keeps the figures of its source, repair simple slips."""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_CURRENCY = "€$£¥"
# Clock times are written too differently across languages ("14h30", "2:30 p.m.") to compare.
_TIMES = re.compile(
    r"(?<![\w.,])\d{1,2}\s?h\s?\d{2}(?!\d)|(?<![\w.,])\d{1,2}\s?h(?![\w])|(?<![\w.,])\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?|(?<![\w.,])\d{1,2}\s?[ap]\.m\.",
    re.I,
)


@dataclass(frozen=True)
class _Num:
    """One figure of a sentence: its span, every plausible value and how it was written."""

    start: int
    end: int
    values: frozenset[float]
    mantissa: float
    scale: tuple[float, ...]
    decimals: int
    grouped: bool
    digits: str
    percent: bool
    spelled: bool


def check_translation(source: str, translated: str, source_lang: str, target_lang: str) -> tuple[str, bool]:
    """Return ``(translation, figures_ok)``: the translation with slipped figures rewritten from the source, and
    whether every figure of the source now appears, with the same value, in the translation."""
    src = _numbers(source, source_lang)
    tgt = _numbers(translated, target_lang)
    if not src and not tgt:
        return translated, True
    src_left, tgt_left, pairs = _match(src, tgt)
    edits: list[tuple[int, int, str]] = []
    for s, t in pairs:
        # Same value but written the source's way ("1 000" in English): write it the target's way.
        restyled = _restyle(translated, t, target_lang)
        if restyled is not None:
            edits.append((t.start, t.end, restyled))
    # Optional figures (spelled small numbers) may vanish or appear: "huit ans" -> "8 years" is fine.
    src_left = [n for n in src_left if not n.spelled]
    tgt_left = [n for n in tgt_left if not n.spelled]
    ok = len(src_left) == len(tgt_left)
    if ok:
        for s, t in zip(src_left, tgt_left):
            text = _repair(s, t, target_lang)
            if text is None:
                ok = False
            else:
                edits.append((t.start, t.end, text))
    for start, end, text in sorted(edits, reverse=True):
        translated = translated[:start] + text + translated[end:]
    return translated, ok


def figure_changes(source: str, translated: str, source_lang: str, target_lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The figures as written in ``source`` that the translation lacks, and those it has that the source lacks."""
    src, tgt = _numbers(source, source_lang), _numbers(translated, target_lang)
    src_left, tgt_left, _pairs = _match(src, tgt)
    # Spelled small numbers may vanish or appear ("huit ans" -> "8 years"): the guard does not count them either.
    return tuple(source[n.start:n.end] for n in src_left if not n.spelled), tuple(translated[n.start:n.end] for n in tgt_left if not n.spelled)


def _match(src: list[_Num], tgt: list[_Num]) -> tuple[list[_Num], list[_Num], list[tuple[_Num, _Num]]]:
    """Pair figures of equal value (any plausible reading), in order; return the unpaired ones and the pairs."""
    free = list(tgt)
    left: list[_Num] = []
    pairs: list[tuple[_Num, _Num]] = []
    for s in src:
        hit = next((t for t in free if _same(s, t)), None)
        if hit is None:
            left.append(s)
        else:
            free.remove(hit)
            pairs.append((s, hit))
    return left, free, pairs


def _restyle(text: str, t: _Num, lang: str) -> str | None:
    conv = _conventions(_lang(lang))
    if conv is None or t.spelled or not t.grouped:
        return None
    group = conv.get("group", ",")
    raw = text[t.start:t.end]
    head = re.match(r"[\d\s\u00a0\u202f.,']+", raw)
    spaces = " \u00a0\u202f"
    allowed = {group, conv["decimal"], *(spaces if group in spaces else "")}
    if head is None or not any(c in head.group() for c in spaces + ".,'" if c not in allowed):
        return None
    number = head.group().rstrip()
    return _format(t.mantissa, t.decimals, True, conv) + raw[len(number):]


def _same(a: _Num, b: _Num) -> bool:
    return a.percent == b.percent and any(math.isclose(x, y, rel_tol=1e-9) for x in a.values for y in b.values)


def _repair(s: _Num, t: _Num, lang: str) -> str | None:
    """The source figure written in ``lang``'s conventions, to replace ``t``; None when not deterministic."""
    if s.spelled or s.percent != t.percent or len(s.scale) > 1:
        return None  # an ambiguous source (French "billion") cannot be rewritten with certainty
    if not (s.digits == t.digits or _distance(s.digits, t.digits) <= 2):
        return None  # not a slip of the same figure: a dropped or invented one
    conv = _conventions(_lang(lang))
    if conv is None:
        return None
    scale = s.scale[0] if s.scale else 1.0
    word = ""
    if scale != 1.0:
        names = {float(k): v for k, v in conv.get("render", {}).items() if k != "plural"}
        if scale not in names:
            return None
        plural = conv.get("render", {}).get("plural", "") if s.mantissa >= 2 else ""
        word = " " + names[scale] + plural
    # The span holds the figure and its scale word only: currency and % signs around it stay as written.
    return _format(s.mantissa, s.decimals, s.grouped or s.mantissa >= 10_000, conv) + word


def _format(value: float, decimals: int, grouped: bool, conv: dict[str, Any]) -> str:
    text = f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"
    group = conv.get("group", ",")
    return text.replace(",", "\0").replace(".", conv["decimal"]).replace("\0", group)


def _distance(a: str, b: str) -> int:
    """Levenshtein distance between two digit strings."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _lang(lang: str | None) -> str:
    return (lang or "").strip().lower().replace("_", "-").split("-")[0]


@cache
def _all_conventions() -> dict[str, Any]:
    raw = resources.files("summarize_cli.data").joinpath("numguard.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


def _conventions(lang: str) -> dict[str, Any] | None:
    return _all_conventions().get(lang)


@cache
def _patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str]]:
    """(figure, scale word, abbreviation, percent) patterns for ``lang`` (both conventions when unknown)."""
    conv = _conventions(lang)
    seps = "".join(re.escape(c) for c in (conv["groups"] if conv else [" ", "\u00a0", "\u202f", ".", ","]))
    digits = re.compile(rf"(?<![\w.,])(?:\d{{1,3}}(?:[{seps}]\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![.,]?\d)")
    words = dict(conv.get("scales", {})) if conv else {}
    abbrevs = dict(conv.get("abbrevs", {})) if conv else {}
    scale = _alternation(words, re.I) if words else None
    abbrev = _alternation(abbrevs, 0) if abbrevs else None
    percent = [re.escape(p).replace(r"\ ", r"\s+") for p in (conv["percent"] if conv else ["%"])]
    return digits, scale, abbrev, re.compile(r"\s*(?:" + "|".join(percent) + r")(?![^\W\d_])", re.I)


def _alternation(words: dict[str, Any], flags: int) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{alts})(?![^\W\d_])", flags)


@cache
def _word_pattern(lang: str) -> tuple[re.Pattern[str] | None, dict[str, float], frozenset[str]]:
    conv = _conventions(lang) or {}
    words = {k.lower(): float(v) for k, v in conv.get("words", {}).items()}
    articles = frozenset(a.lower() for a in conv.get("articles", []))
    vocab = set(words) | articles
    if not vocab:
        return None, words, articles
    alts = "|".join(re.escape(w) for w in sorted(vocab, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{alts})(?![^\W\d_])", re.I), words, articles


def _numbers(text: str, lang: str) -> list[_Num]:
    """Every figure of ``text`` read in ``lang``'s conventions, in order."""
    lang = _lang(lang)
    conv = _conventions(lang)
    digits_re, scale_re, abbrev_re, percent_re = _patterns(lang)
    blocked = [m.span() for m in _TIMES.finditer(text)]
    out: list[_Num] = []
    for m in digits_re.finditer(text):
        if any(a <= m.start() < b for a, b in blocked) or _is_identifier(text, m.start()):
            continue
        values, decimals, grouped = _read_digits(m.group(), conv)
        end = m.end()
        scale, end = _scale_after(text, end, lang, scale_re, abbrev_re)
        out.append(_make(m.start(), end, text, values, scale, decimals, grouped, m.group(), percent_re, spelled=False))
    word_re, words, articles = _word_pattern(lang)
    if word_re is not None:
        for m in word_re.finditer(text):
            if any(n.start <= m.start() < n.end for n in out):
                continue
            scale, end = _scale_after(text, m.end(), lang, scale_re, None)
            word = m.group().lower()
            if not scale and word in articles:
                continue
            value = 1.0 if word in articles else words[word]
            out.append(_make(m.start(), end, text, [value], scale, 0, False, str(int(value)), percent_re, spelled=not scale))
    return sorted(out, key=lambda n: n.start)


def _make(start: int, end: int, text: str, mantissas: list[float], scale: tuple[float, ...], decimals: int, grouped: bool,
          raw: str, percent_re: re.Pattern[str], *, spelled: bool) -> _Num:
    pct = percent_re.match(text, end)
    factors = scale or (1.0,)
    values = frozenset(m * f for m in mantissas for f in factors)
    digits = re.sub(r"\D", "", raw).lstrip("0") or "0"
    return _Num(start, end, values, mantissas[0], scale, decimals, grouped, digits, bool(pct), spelled)


def _is_identifier(text: str, start: int) -> bool:
    """True for digits that belong to a name: ``COVID-19``, ``GPT-4``, ``A-320``."""
    return start >= 2 and text[start - 1] in "-‑" and text[start - 2].isalpha()


def _read_digits(raw: str, conv: dict[str, Any] | None) -> tuple[list[float], int, bool]:
    """Plausible values of a digit string (first = the reading of ``conv``), its decimals, and whether grouped."""
    compact = re.sub(r"[\s\u00a0\u202f']", "", raw)
    grouped = compact != raw
    decimal = conv["decimal"] if conv else None
    readings: list[tuple[float, int, bool]] = []
    for mark in ([decimal] if decimal else []) + [d for d in ".," if d != decimal]:
        reading = _reading(compact, mark)
        if reading is not None and reading not in readings:
            readings.append(reading)
    if not readings:
        return [float(re.sub(r"\D", "", compact) or 0)], 0, grouped
    first = readings[0]
    values = [first[0]]
    # "1.500" in French may be 1500 or an English-style 1.5; "1,5" in English can only be a slip.
    if conv and decimal == "," and re.fullmatch(r"\d{1,3}\.\d{3}", compact):
        values.append(float(compact))
    return values, first[1], grouped or first[2]


def _reading(compact: str, mark: str) -> tuple[float, int, bool] | None:
    """Value, decimals and grouping of ``compact`` read with decimal ``mark`` (None when impossible)."""
    other = "," if mark == "." else "."
    head, sep, tail = compact.rpartition(mark)
    if not sep:
        head, tail = compact, ""
    elif other in tail:
        return None
    groups = head.split(other)
    if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
        return None
    number = "".join(groups) + ("." + tail if tail else "")
    try:
        return float(number), len(tail), len(groups) > 1
    except ValueError:
        return None


def _scale_after(text: str, end: int, lang: str, scale_re: re.Pattern[str] | None,
                 abbrev_re: re.Pattern[str] | None) -> tuple[tuple[float, ...], int]:
    """The multiplier written right after a figure (``milliards``, ``bn``, ``M€``) and where it ends."""
    conv = _conventions(lang) or {}
    gap = re.compile(r"[ \u00a0\u202f]*")
    pos = gap.match(text, end).end()
    if scale_re is not None:
        m = scale_re.match(text, pos)
        if m:
            key = next(k for k in conv["scales"] if k.lower() == m.group().lower())
            return tuple(float(v) for v in conv["scales"][key]), m.end()
    if abbrev_re is not None:
        m = abbrev_re.match(text, pos)
        # Glued ("5bn") or followed by a currency sign ("5 M€"): otherwise "5 m" is five metres.
        if m and (pos == end or text[m.end():m.end() + 1] in _CURRENCY):
            return tuple(float(v) for v in conv["abbrevs"][m.group()]), m.end()
    return (), end
