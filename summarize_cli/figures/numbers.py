"""The number reader: digits or words at a position, with their sign and scale ("- 3,5", "20 milliards",
"1.2bn", "three hundred and two"); every stage that needs a number's value reads it here."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from summarize_cli.figures.currency import is_coin, symbols
from summarize_cli.figures.digits import DIGIT_FRACTION, DIGITS, MAX_DIGITS, MIXED_FRACTION, read_digits
from summarize_cli.figures.lexicon import HYPHENS, LETTER, SCALE_GAP, SP, WORD, WS, D, Lexicon, alternation, common, dec, prev_word
from summarize_cli.figures.model import Q
from summarize_cli.figures.spelled import spelled


@cache
def abbrev_rx() -> re.Pattern[str]:
    """Scale abbreviations after a number ("5bn", "3 Md", "12 M€"), with the space before them."""
    return re.compile(rf"(?P<sp>{SP}*)(?P<ab>{alternation(common().get('scales.abbrev'))})(?![^\W\d_])")

def scales_after(text: str, q: Q, lang: Lexicon) -> None:
    """Extend a digit quantity with scale words or abbreviations ("20 milliards", "1.2bn", "3 dozens")."""
    p = q.end
    m = abbrev_rx().match(text, p)
    if m:
        ab = m.group("ab")
        flags = common().get("scales.abbrev")[ab]
        attached = not m.group("sp")
        nxt = text[m.end():m.end() + 1]
        ok = True
        if flags.get("attached") and not attached:
            ok = False
        if flags.get("before_symbol") and nxt not in symbols():
            ok = False
        if ab in ("M", "m") and nxt == "." and not attached:
            ok = False  # "5 M. Dupont"
        if ok:
            q.value *= dec(flags["value"])
            q.mult = dec(flags["value"])
            q.end = m.end()
            q.scale, q.scale_flags = ab, dict(flags)
            q.plain_int = False
            return
    s = SCALE_GAP.match(text, p)  # "$20-million deal": the hyphen joins the scale, it starts no range
    m = WORD.match(text, s.end())
    if not m:
        return
    w = m.group().lower()
    entry = lang.numbers.get(w)
    if not entry or entry[0] not in ("scale", "hundred", "dozen"):
        return
    if entry[0] == "hundred" and lang.table("minor_units").match(text, s.end()) and is_coin(text, q, w, lang):
        return
    sub = spelled(text, s.end(), lang, after_digits=True)
    if sub is None:
        return
    long_v = q.value * sub.value
    short_v = q.value * (sub.short if sub.short is not None else sub.value)
    q.value, q.short = long_v, (short_v if short_v != long_v else None)
    q.mult = sub.value
    q.end = sub.end
    q.scale = sub.scale or w
    q.plain_int = False


def spaced_minus(text: str, pos: int, digits: int, lang: Lexicon) -> bool:
    """Is "- 10" (a dash, a space, digits) a minus sign rather than a dash or a list bullet?

    Only where a bare value stands: at the start of a line or after "(", ":", "=", with no words after it
    on its line ("Renault (- 3,2 %)", "Variation : - 10 k"). "- 10 morts" is a bullet, "2 - 3" a range.
    """
    before = text[:pos].rstrip(" \t\u00a0\u202f")
    if prev_word(text, pos) in lang.words("minus_after"):
        return True  # "et même - 3,5 %": a dash after "and" starts no aside
    if before and before[-1] not in "\n(:=":
        return False
    stop = min((i for i in (text.find(c, digits) for c in "\n);,") if i >= 0), default=len(text))
    return not re.search(r"[^\W\d_]{3,}", text[digits:stop])



def quantity(text: str, pos: int, lang: Lexicon, glued: bool = False) -> Q | None:
    """Read a number (digits or words, with sign and scale) starting at ``pos``."""
    m = WORD.match(text, pos)
    soft = m is not None and m.group().lower() in lang.words("soft_minus") and prev_word(text, pos) not in lang.words("soft_minus_not_after") \
        and not text[:pos].rstrip()[-1:] in D
    if m and (m.group().lower() in lang.words("minus") or soft):
        s = WS.match(text, m.end())
        if s.end() > m.end():
            inner = quantity(text, s.end(), lang)
            if inner is not None and not inner.split:
                inner.start, inner.value, inner.bare_one = pos, -inner.value, False
                inner.short = -inner.short if inner.short is not None else None
                inner.plain_int = False
                return inner
        return None
    if m:
        return spelled(text, pos, lang)
    neg = False
    start = pos
    if pos < len(text) and text[pos] in "-\u2212" and pos + 1 < len(text) and text[pos + 1] not in D:
        sp = WS.match(text, pos + 1).end()
        if sp == pos + 1 or sp >= len(text) or text[sp] not in D or not spaced_minus(text, pos, sp, lang):
            return None
        inner = quantity(text, sp, lang)
        if inner is None or inner.split:
            return None
        inner.start, inner.value, inner.plain_int = pos, -inner.value, False
        inner.short = -inner.short if inner.short is not None else None
        return inner
    if pos < len(text) and text[pos] in "-\u2212" and pos + 1 < len(text) and (text[pos + 1] in D):
        if pos > 0 and not (text[pos - 1].isspace() or text[pos - 1] in "([{:;=/"):
            return None
        neg, pos = True, pos + 1
    if pos < len(text) and text[pos] in ".," and pos + 1 < len(text) and text[pos + 1] in "0123456789":
        # ".25" / ",08": a leading decimal separator, in the language's own convention only
        if text[pos] != lang.decimal or (pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in ".,")):
            return None
        m2 = re.compile("[0-9]+").match(text, pos + 1)
        if not m2 or m2.end() - m2.start() > MAX_DIGITS or re.match(r"[.,][0-9]", text[m2.end():m2.end() + 2]):
            return None
        val = Decimal("0." + m2.group())
        return Q(start=start, end=m2.end(), value=-val if neg else val, digits_end=m2.end())
    if pos > 1 and text[pos - 1] in ".," and (text[pos - 2] in D):
        # the rest of an identifier already split up ("192.168.1.2")
        m2 = re.compile("[0-9]+").match(text, pos)
        if not m2 or m2.end() - pos > MAX_DIGITS:
            return None
        return Q(start=pos, end=m2.end(), value=Decimal(m2.group()), split=True, digits_end=m2.end())
    frac = DIGIT_FRACTION.match(text, pos)
    if frac and not neg and int(frac.group(1)) < int(frac.group(2)) and not (pos and (text[pos - 1].isalnum() or text[pos - 1] in "/.,")):
        return Q(start=start, end=frac.end(), value=Decimal(frac.group(1)) / Decimal(frac.group(2)), digits_end=frac.end())
    m2 = DIGITS.match(text, pos)
    if not m2:
        return None
    if pos > 0 and (LETTER.match(text[pos - 1]) and not glued or (text[pos - 1] in D) or text[pos - 1] == "_"):
        return None
    if pos > 1 and text[pos - 1] in HYPHENS and LETTER.match(text[pos - 2]):
        return None  # "COVID-19", "F-16"
    pieces = read_digits(m2.group(), lang.decimal)
    a, b, value, whole = pieces[0]
    if b - a > MAX_DIGITS + 10:
        return None
    run = m2.group()[a:b]
    q = Q(start=start, end=pos + b, value=-value if neg else value, digits_end=pos + b)
    q.split = len(pieces) > 1 and not whole or (len(pieces) > 1 and pieces[1][0] == b + 1 and m2.group()[b] in ".,")
    q.plain_int = run.isdigit() and not neg
    mixed = MIXED_FRACTION.match(text, q.end) if q.plain_int and len(pieces) == 1 else None
    if mixed and int(mixed.group(1)) < int(mixed.group(2)):
        q.value += Decimal(mixed.group(1)) / Decimal(mixed.group(2))
        q.end = q.digits_end = mixed.end()
        q.plain_int = False
        return q
    if not q.split:
        scales_after(text, q, lang)
        q.digits_end = pos + b
    return q


