"""Logical lines of a pasted text and their features: line shape, rules, comment threads, the prose run."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from summarize_cli.cleaner.rules import (
    _BULLET,
    _CTRL,
    _DATE_NUM,
    _END_PUNCT,
    _LINKISH,
    _SENT_INNER,
    _SPACES,
    _TOKEN,
    _TRAIL,
    _WORD,
    _YEAR,
    _load_toml,
    _Rules,
    _rules,
)


@dataclass
class _Unit:
    text: str
    raw: str
    bullet: bool
    indent: bool
    gap: bool  # blank line before


def _normalise(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CTRL.sub("", text.replace("\t", " "))
    return [_SPACES.sub(" ", ln).rstrip() if ln.strip() else "" for ln in text.split("\n")]


def _wrap_width(lines: list[str]) -> int | None:
    """Width a text was hard-wrapped at, or None when lines are paragraphs already."""
    # a wrapper cannot break a line without spaces (rules, long URLs): they say nothing of the width
    lens = [len(ln) for ln in lines if len(ln.strip()) >= 20 and " " in ln.strip()]
    if len(lens) < 4:
        return None
    top = max(lens)
    if top > 160 or top < 40:
        # w3m and mail wrap at 72-132 columns; longer lines mean unwrapped text
        near = [x for x in lens if x > 160]
        if len(near) > 0.03 * len(lens) or top < 40:
            return None
        lens = [x for x in lens if x <= 160]
        top = max(lens)
    near = sum(1 for x in lens if x >= top - 12)
    if near >= 3 and near >= 0.25 * sum(1 for x in lens if x >= top // 2):
        return top
    return None


def _units(lines: list[str]) -> list[_Unit]:
    width = _wrap_width(lines)
    units: list[_Unit] = []
    gap = True
    cur: list[str] = []
    first_raw = ""

    def flush() -> None:
        nonlocal cur, gap
        if cur:
            joined = " ".join(cur)
            stripped = _TRAIL.sub("", _BULLET.sub("", joined)).strip()
            lead = first_raw[: len(first_raw) - len(first_raw.lstrip())]
            bullet = bool(re.match(r"^\s*[•·▪◦‣○●□■☆★►▸▶*+]", first_raw))
            units.append(_Unit(stripped or joined.strip(), joined.strip(), bullet, len(lead) >= 2, gap))
            gap = False
        cur = []

    for ln in lines:
        if not ln:
            flush()
            gap = True
            continue
        if cur and width is not None:
            prev = cur[-1]
            nxt = ln.lstrip().split(" ", 1)[0]
            # greedy wrapping broke here only if the next word did not fit on the previous line
            if len(prev) + 1 + len(nxt) > width and not re.match(r"^\s*[•·▪◦‣○●□■☆★►▸▶*+]\s", ln):
                cur.append(ln.strip())
                continue
        flush()
        cur = [ln.strip()]
        first_raw = ln
    flush()
    units = [u for u in units if u.text]
    if units and sum(u.gap for u in units) <= 0.1 * len(units):
        # no blank lines at all: every line is a paragraph of its own
        for u in units:
            u.gap = True
    return units


def _norm_key(s: str) -> str:
    return " ".join(_WORD.findall(s.lower()))


def _is_menu(words: list[str], rules: _Rules) -> bool:
    return bool(words) and (" ".join(words) in rules.menu_words or all(w in rules.menu_words for w in words))


def _dateish(text: str, words: list[str], rules: _Rules) -> bool:
    if len(words) > 12:
        return False
    if rules.dateline.search(text) or _DATE_NUM.search(text):
        return True
    has_month = any(w in rules.months for w in words)
    return has_month and (bool(_YEAR.search(text)) or any(w in rules.weekdays for w in words))


@dataclass
class _Feat:
    words: list[str]
    nw: int
    prose: float
    boiler: bool
    end: bool
    caption: bool
    line_rule: bool
    dateish: bool
    vec: dict[str, float]
    # a comment thread's furniture: reply and report buttons, vote counts, avatars, timestamps
    mark: float = 0.0


def _base(u: _Unit, rules: _Rules, counts: dict[str, int], common: frozenset[str] = frozenset()) -> _Feat:
    t = u.text
    words = _TOKEN.findall(t.lower())
    nw = len(words)
    # function words of any language are the page's most frequent words: Italian or Russian prose
    # is as rich in them as French or English prose is in the listed stop words
    stop = max(sum(1 for w in words if w in rules.stop), sum(1 for w in words if w in common)) / nw if nw else 0.0
    end_p = bool(_END_PUNCT.search(t)) and not t.endswith(("...", "…")) or t.endswith(('."', ".»", ". »", '!"', '?"'))
    caps = sum(1 for w in _WORD.findall(t) if w[:1].isupper()) / nw if nw else 0.0
    digits = sum(1 for w in words if w.isdigit()) / nw if nw else 0.0
    low = t.lower()
    boiler = bool(rules.boiler.search(t)) and nw <= 40
    end = bool(rules.end.search(t)) and nw <= 12
    line_rule = bool(rules.line.search(t)) and nw <= 40
    caption = nw <= 40 and not end_p and bool(rules.caption.search(t) or rules.credit.search(t))
    dateish = _dateish(low, words, rules)
    menu = _is_menu(words, rules)
    linkish = bool(_LINKISH.search(low)) and nw <= 30
    quoted = t[:1] in "«\"“"
    inner = min(len(_SENT_INNER.findall(t)), 3) / 3
    commas = min(t.count(",") / nw, 0.3) if nw else 0.0
    repeated = counts.get(_norm_key(t), 0) > 1 and nw >= 2
    prose = float(nw >= 10 and end_p and stop >= 0.15 and not boiler)
    mark = 1.0 if nw <= 12 and rules.comment.search(t) else (0.5 if dateish and nw <= 8 and not end_p else 0.0)
    vec = {
        "bias": 1.0,
        "log_words": math.log1p(nw) / 4,
        "stop_ratio": stop,
        "end_punct": float(end_p),
        "inner_sent": inner,
        "comma": commas,
        "caps_ratio": caps,
        "digit_ratio": digits,
        "bullet": float(u.bullet),
        "indent": float(u.indent),
        "boiler": float(boiler),
        "caption": float(caption),
        "line_rule": float(line_rule),
        "repeated": float(repeated),
        "dateish": float(dateish),
        "menu": float(menu),
        "linkish": float(linkish),
        "quoted": float(quoted),
        "short_noend": float(nw < 8 and not end_p),
        "short_words": sum(1 for w in words if len(w) <= 3) / nw if nw else 0.0,
        "gap": float(u.gap),
    }
    return _Feat(words, nw, prose, boiler, end, caption, line_rule, dateish, vec, mark)


# how far (in lines) a comment's text lies from its thread's furniture
_THREAD_SPAN = 4


def _threads(feats: list[_Feat]) -> None:
    """Mark lines inside a comment thread: furniture on both sides, and a reply or vote mark among it."""
    for i, f in enumerate(feats):
        before = [g.mark for g in feats[max(0, i - _THREAD_SPAN) : i]]
        after = [g.mark for g in feats[i + 1 : i + 1 + _THREAD_SPAN]]
        own = f.mark
        near = sum(before) + sum(after) + own
        # the article's last paragraph has a thread after it only, its first one a thread before it
        # only, and a dateline above the article is one timestamp, not a comment's header
        sandwiched = min(sum(before), sum(after)) + own >= 1
        strong = any(m >= 1 for m in before + after + [own])
        f.vec["thread"] = float(bool(sandwiched and strong and near >= 2.5))


def _densest_run(scores: list[float]) -> tuple[int, int]:
    """Bounds (inclusive) of the maximum-sum run of scores; (0, -1) if all are negative."""
    best, best_a, best_b = 0.0, 0, -1
    cur, a = 0.0, 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur, a = s, i
        else:
            cur += s
        if cur > best:
            best, best_a, best_b = cur, a, i
    return best_a, best_b


# how many of a page's most frequent words stand for its language's function words
_COMMON_TOP = 30


def _common_words(units: list[_Unit]) -> frozenset[str]:
    """The page's most frequent words in sentence-length lines (digits and one-letter tokens aside)."""
    freq: dict[str, int] = {}
    for u in units:
        words = _TOKEN.findall(u.text.lower())
        if len(words) >= 8:
            for w in words:
                if not w.isdigit():
                    freq[w] = freq.get(w, 0) + 1
    top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:_COMMON_TOP]
    return frozenset(w for w, c in top if c >= 3) | _function_words()


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset(_load_toml("common.toml").get("function_words", []))


def _features(units: list[_Unit], rules: _Rules) -> list[_Feat]:
    counts: dict[str, int] = {}
    for u in units:
        k = _norm_key(u.text)
        counts[k] = counts.get(k, 0) + 1
    common = _common_words(units)
    feats = [_base(u, rules, counts, common) for u in units]
    n = len(feats)
    _threads(feats)
    # heuristic prose score: long, punctuated, function-word-rich lines form the article
    rough = []
    for f in feats:
        if f.vec["thread"]:
            # a comment reads like prose, but a thread is never the article, wherever it is on the page
            rough.append(-1.0)
        elif f.prose:
            rough.append(min(f.nw, 60) / 10)
        elif f.boiler or f.line_rule or f.vec["menu"]:
            rough.append(-1.5)
        elif f.nw >= 10 and f.vec["stop_ratio"] >= 0.2:
            rough.append(0.3)
        else:
            rough.append(-0.6)
    a, b = _densest_run(rough)
    cut = _end_index(feats, a, b)
    # where a line sits in the page's prose, not in its lines: menus and related links come before
    # the first paragraph or after the last one, whatever the page's length
    mass = [f.nw if f.prose and not f.vec["thread"] else 0 for f in feats]
    total = sum(mass) or 1
    seen = 0
    for i, f in enumerate(feats):
        lo, hi = max(0, i - 2), min(n, i + 3)
        nb = [feats[j] for j in range(lo, hi) if j != i]
        f.vec["nb_prose"] = sum(g.prose for g in nb) / len(nb) if nb else 0.0
        lo, hi = max(0, i - 3), min(n, i + 4)
        nb = [feats[j] for j in range(lo, hi) if j != i]
        f.vec["nb_short"] = sum(g.nw < 5 for g in nb) / len(nb) if nb else 0.0
        f.vec["in_run"] = float(a <= i <= b)
        f.vec["before_run"] = float(i < a)
        f.vec["after_run"] = float(i > b)
        dist = a - i if i < a else (i - b if i > b else 0)
        f.vec["run_dist"] = math.log1p(dist) / 3
        f.vec["after_end"] = float(cut is not None and i >= cut)
        f.vec["before_prose"] = float(seen == 0)
        seen += mass[i]
        f.vec["after_prose"] = float(seen >= total)
    return feats


def _end_index(feats: list[_Feat], a: int, b: int) -> int | None:
    """First closing block (share, comments, related) in a..b that little prose follows."""
    prose = [f.nw if f.prose else 0 for f in feats]
    total = sum(prose[a : b + 1])
    before = 0
    for i in range(a, b + 1):
        if feats[i].end and before > 0 and sum(prose[i : b + 1]) <= 0.3 * total:
            return i
        before += prose[i]
    return None


def _analyse(text: str, lang: str) -> tuple[list[_Unit], list[_Feat]]:
    units = _units(_normalise(text))
    return units, _features(units, _rules(lang))
