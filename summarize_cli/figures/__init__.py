"""Key figures (money, percentages, counts, plain numbers, dates, durations) and every number of a text.

One grammar in modules: ``lexicon`` (the words and conventions, from data), ``digits`` and ``spelled`` (how
numbers are written), ``numbers`` (the number reader), ``currency`` and ``amounts`` (what a number counts and
per what), ``dates`` (dates and times of day), ``labels`` (what a figure measures), ``scanner`` (the pass over
a text) and ``rank`` (which figures are key).
"""

from __future__ import annotations

from summarize_cli.figures.rank import key_figures, rank_figures
from summarize_cli.figures.scanner import Number, find_figures, read_numbers

__all__ = ["Number", "find_figures", "key_figures", "rank_figures", "read_numbers"]
