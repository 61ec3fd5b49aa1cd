"""Which figures are key: ranks (money and percentages of the summary first) and the ones to show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from summarize_cli.figures.lexicon import norm
from summarize_cli.schema import KeyFigure

# Kinds in the order a reader wants them within a rank tier; times of day are never key figures.
_KIND_ORDER = {"money": 0, "percent": 0, "count": 1, "number": 1, "duration": 2, "date": 3, "time": 9}


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
        same = (f.kind, f.value, f.unit, f.currency, norm(f.label or ""), f.text if f.value is None else None)
        if same in seen:
            continue
        seen.add(same)
        out.append(i)
        if limit is not None and len(out) >= limit:
            break
    return tuple(out)


