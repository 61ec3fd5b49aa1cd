"""Number guard: check that a translation keeps the figures of its source, repair simple slips."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from summarize_cli import languages
from summarize_cli.figures import Number, read_numbers
from summarize_cli.figures.digits import alternatives, written
from summarize_cli.figures.lexicon import Lexicon, lexicon

# Clock times are written too differently across languages ("14h30", "2:30 p.m.") to compare; URLs are copied.
_SKIPPED = ("time", "url")


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
        restyled = _restyle(translated, s, t, target_lang)
        if restyled is not None:
            edits.append((t.start, t.end, restyled))
    # Optional figures (spelled small numbers) may vanish or appear: "huit ans" -> "8 years" is fine.
    src_left = [n for n in src_left if not n.spelled]
    tgt_left = [n for n in tgt_left if not n.spelled]
    ok = len(src_left) == len(tgt_left)
    if ok:
        kept = _numbers(translated, source_lang) if src_left else []
        for s, t in zip(src_left, tgt_left):
            # The model left the figure (or its scale word) in the source's words ("20 milliards de dollars" in
            # English): rewriting the digits would garble it ("20 billion milliards"); it is flagged instead.
            untranslated = any(k.start == t.start and k.end > t.end for k in kept)
            text = None if untranslated else _repair(s, t, target_lang)
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
    """Pair figures of equal value (any plausible reading), in order; return the unpaired ones and the pairs.

    Figures written in digits pair among themselves first, so that an optional spelled one ("un homme") cannot take
    the partner of a written one; then whatever is left pairs in any way ("huit ans" -> "8 years")."""
    free = list(tgt)
    paired: set[int] = set()
    pairs: list[tuple[_Num, _Num]] = []
    for written_only in (True, False):
        for i, s in enumerate(src):
            if i in paired or written_only and s.spelled:
                continue
            hit = next((t for t in free if _same(s, t) and not (written_only and t.spelled)), None)
            if hit is not None:
                free.remove(hit)
                paired.add(i)
                pairs.append((s, hit))
    return [s for i, s in enumerate(src) if i not in paired], free, pairs


def _restyle(text: str, s: _Num, t: _Num, lang: str) -> str | None:
    """``t`` (same value as the source's ``s``) written in ``lang``'s conventions when it is not; None to leave it."""
    conv = _lexicon(lang)
    if conv is None or t.spelled or not t.grouped:
        return None
    raw = text[t.start:t.end]
    head = re.match(r"[\d\s\u00a0\u202f.,']+", raw)
    if head is None:
        return None
    number = head.group().rstrip()
    group, decimal = re.escape(conv.group), re.escape(conv.decimal)
    if re.fullmatch(rf"\d{{1,3}}(?:{group}\d{{3}})*(?:{decimal}\d+)?|\d+(?:{decimal}\d+)?", number):
        return None  # already written the target's way
    # Keep every decimal the figure has: "3,5 million" is "3.5 million", never "4 million".
    decimals = max(t.decimals, s.decimals, _places(t.mantissa))
    restyled = _format(t.mantissa, decimals, True, conv)
    if not math.isclose(float(restyled.replace(conv.group, "").replace(conv.decimal, ".")), t.mantissa, rel_tol=1e-12):
        return None  # a rewrite must never change the number
    return restyled + raw[len(number):]


def _places(value: float) -> int:
    """How many decimals ``value`` needs to be written exactly (3.5 -> 1, 2.75 -> 2, 20.0 -> 0)."""
    text = repr(float(value))
    if "e" in text or "." not in text:
        return 0
    return len(text.split(".")[1].rstrip("0"))


def _same(a: _Num, b: _Num) -> bool:
    return a.percent == b.percent and any(math.isclose(x, y, rel_tol=1e-9) for x in a.values for y in b.values)


def _repair(s: _Num, t: _Num, lang: str) -> str | None:
    """The source figure written in ``lang``'s conventions, to replace ``t``; None when not deterministic."""
    if s.spelled or s.percent != t.percent or len(s.scale) > 1:
        return None  # an ambiguous source (French "billion") cannot be rewritten with certainty
    if not (s.digits == t.digits or _distance(s.digits, t.digits) <= 2):
        return None  # not a slip of the same figure: a dropped or invented one
    conv = _lexicon(lang)
    if conv is None:
        return None
    scale = s.scale[0] if s.scale else 1.0
    word = ""
    if scale != 1.0:
        names = {float(k): v for k, v in conv.get("render.scales", {}).items()}
        if scale not in names:
            return None
        word = " " + names[scale][1 if s.mantissa >= 2 else 0]
    # The span holds the figure and its scale word only: currency and % signs around it stay as written.
    return _format(s.mantissa, s.decimals, s.grouped or s.mantissa >= 10_000, conv) + word


def _format(value: float, decimals: int, grouped: bool, conv: Lexicon) -> str:
    text = f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"
    return text.replace(",", "\0").replace(".", conv.decimal).replace("\0", conv.group)


def _distance(a: str, b: str) -> int:
    """Levenshtein distance between two digit strings."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _lexicon(lang: str | None) -> Lexicon | None:
    """The number words and conventions of ``lang``, or None when the figures reader has no data for it."""
    code = (lang or "").strip().lower().replace("_", "-").split("-")[0]
    return lexicon(code) if code in languages.data_languages("figures") else None


def _numbers(text: str, lang: str) -> list[_Num]:
    """Every number of ``text`` as the figures reader reads it in ``lang``, times of day and URLs left out."""
    conv = _lexicon(lang)
    out: list[_Num] = []
    for n in _whole_runs(text, read_numbers(text, lang)):
        if n.kind in _SKIPPED:
            continue
        mult = n.mult or Decimal(1)
        mantissa = n.value / mult
        scale = () if n.mult is None else (float(mult),) if n.short is None else (float(mult), float(n.short / mantissa))
        alts = [a * mult for a in alternatives(n.digits, conv.decimal)] if conv and n.digits else []
        values = frozenset(float(v) for v in (n.value, n.short, *alts) if v is not None)
        decimals, grouped = written(n.digits, conv.decimal if conv else ".") if n.digits else (0, False)
        digits = re.sub(r"\D", "", n.digits).lstrip("0") or "0" if n.digits else str(int(abs(mantissa)))
        out.append(_Num(n.start, n.end, values, float(mantissa), scale, decimals, grouped, digits, n.kind == "percent",
                        n.spelled and n.mult is None))
    return out


def _whole_runs(text: str, numbers: tuple[Number, ...]) -> list[Number]:
    """Pieces of one digit run that reads as no number ("2,200,12") joined back: a slip of one figure, to repair as one."""
    out: list[Number] = []
    for n in numbers:
        prev = out[-1] if out else None
        if n.piece and prev is not None and prev.piece and text[prev.end:n.start] in (".", ","):
            digits = text[prev.start:n.end]
            out[-1] = replace(prev, end=n.end, value=Decimal(re.sub(r"\D", "", digits)), digits=re.sub(r"\D", "", digits))
        else:
            out.append(n)
    return out
