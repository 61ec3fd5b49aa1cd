"""Numbers written in digits: thousands groups, decimal marks, simple and mixed fractions."""

from __future__ import annotations

import re
from decimal import Decimal

from summarize_cli.figures.lexicon import SP

MAX_DIGITS = 30  # longer digit runs are identifiers, and would overflow a float
GROUP_SEP = " \u00a0\u202f\u2009'\u2019"
DIGITS = re.compile(rf"[0-9]+(?:(?:[.,]|[{GROUP_SEP}](?=[0-9]{{3}}(?![0-9])))[0-9]+)*")
# "1/4", "3 / 4": a simple fraction; anything larger ("9/11", "24/7") is a name or a date.
DIGIT_FRACTION = re.compile(rf"([1-9]){SP}?/{SP}?([2-9]|10)(?![0-9/.,]|{SP}?[0-9])")
# "18 3/4", "7 1/2 %": a whole number and a fraction in halves, quarters, eighths... (prices, coupons)
MIXED_FRACTION = re.compile(rf"{SP}([1-9][0-9]?){SP}?/{SP}?(2|4|8|16|32|64)(?![0-9/.,]|{SP}?[0-9])")

Piece = tuple[int, int, Decimal, bool]  # start, end, value, whether the whole run was one number


def _grouped(groups: list[str]) -> bool:
    """Thousands groups (1,234,567) or Indian lakh groups (12,34,567)."""
    if not groups or not all(g.isdigit() for g in groups):
        return False
    head, rest = groups[0], groups[1:]
    if 1 <= len(head) <= 3 and rest and all(len(g) == 3 for g in rest):
        return True
    return len(rest) >= 2 and 1 <= len(head) <= 2 and all(len(g) == 2 for g in rest[:-1]) and len(rest[-1]) == 3


def _split_all(seg: str, off: int) -> list[Piece]:
    return [(off + m.start(), off + m.end(), Decimal(m.group()), False) for m in re.finditer("[0-9]+", seg)]


def _punct_number(seg: str, off: int, dec: str) -> list[Piece]:
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


def read_digits(run: str, dec: str) -> list[Piece]:
    """Interpret a run of digits and separators with decimal mark ``dec``; invalid runs split into pieces."""
    segs = list(re.finditer(f"[^{GROUP_SEP}]+", run))
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
        return out + [(a + segs[1].start(), b + segs[1].start(), v, w) for a, b, v, w in read_digits(rest, dec)]
    return _punct_number(run, 0, dec)


def written(run: str, dec: str) -> tuple[int, bool]:
    """How a number was written: its count of decimals and whether it groups thousands."""
    compact = re.sub(f"[{GROUP_SEP}]", "", run)
    grouped = compact != run
    head, sep, tail = compact.rpartition(dec)
    other = "," if dec == "." else "."
    if not sep or other in tail or not tail.isdigit():
        return 0, grouped or other in compact
    return len(tail), grouped or other in head


def alternatives(run: str, dec: str) -> tuple[Decimal, ...]:
    """Readings of ``run`` in the other decimal convention that a text may mix in: "1.500" in a French
    translation is 1500 by the language's rules, but machine translation often keeps the English decimal point."""
    if dec != "." and re.fullmatch(r"[0-9]{1,3}\.[0-9]{3}", run):
        return (Decimal(run),)
    return ()
