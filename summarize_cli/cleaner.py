"""Boilerplate removal for plain text: a line classifier for French and English news pages."""

from __future__ import annotations

import functools
import json
import math
import re
import tomllib
from dataclasses import dataclass, replace
from importlib import resources

__all__ = ["Cleaned", "clean_text"]


@dataclass(frozen=True)
class Cleaned:
    """Article text split from what came with it: title, body paragraphs, metadata."""

    title: str | None
    paragraphs: tuple[str, ...]
    byline: str | None = None
    date: str | None = None
    warnings: tuple[str, ...] = ()


# --- rules -------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)
# Chinese and Japanese write words without spaces: each ideograph or kana counts as one word, so that
# a line's length in words means the same in every script
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+", re.UNICODE)
_BULLET = re.compile(r"^[\s•·▪◦‣○●□■☆★►▸▶»*+–—-]*")
_TRAIL = re.compile(r"[\s•·▪◦‣○●□■☆★|]*$")
_END_PUNCT = re.compile(r"[.!?…:;。！？：；][\s\"'»”’)\]*」』）]*$")
_SENT_INNER = re.compile(r"[.!?…][\"'»”’)]*\s+[\"'«“(]?\s*[A-ZÀ-ÝА-ЯЁΑ-Ω]|[。！？][」』）”]*(?=.)")
_LINKISH = re.compile(r"https?://|www\.|\.(com|fr|org|net|co\.uk)\b|@\w")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_DATE_NUM = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200c\u200d\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


@dataclass(frozen=True)
class _Rules:
    stop: frozenset[str]
    boiler: re.Pattern[str]
    end: re.Pattern[str]
    caption: re.Pattern[str]
    credit: re.Pattern[str]
    line: re.Pattern[str]
    dateline: re.Pattern[str]
    date_lead: re.Pattern[str]
    byline: tuple[re.Pattern[str], ...]
    months: frozenset[str]
    weekdays: frozenset[str]
    menu_words: frozenset[str]
    comment: re.Pattern[str]
    inline: tuple[re.Pattern[str], ...]


def _load_toml(name: str) -> dict:
    from summarize_cli.languages import boilerplate_rules

    # a language's rules are parsed once, by the registry every stage asks; common.toml is not a language
    code = name.removesuffix(".toml")
    rules = boilerplate_rules()
    if code in rules:
        return rules[code]
    ref = resources.files("summarize_cli.data").joinpath("boilerplate", name)
    return tomllib.loads(ref.read_text(encoding="utf-8"))


def _alt(patterns: list[str]) -> re.Pattern[str]:
    if not patterns:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@functools.cache
def _rules(lang: str) -> _Rules:
    from summarize_cli.languages import words_pattern

    common = _load_toml("common.toml")
    try:
        own = _load_toml(f"{lang}.toml")
    except (FileNotFoundError, OSError):
        own = {}  # a language without rules of its own: the common ones only
    return _Rules(
        stop=frozenset(own.get("stopwords", [])),
        boiler=_alt(own.get("boilerplate", [])),
        end=_alt(own.get("end", []) + common.get("end", [])),
        caption=_alt(own.get("caption", [])),
        credit=_alt(common.get("credit", [])),
        line=_alt(common.get("line", []) + own.get("line", [])),
        dateline=_alt(own.get("dateline", [])),
        date_lead=re.compile(rf"^(?:{words_pattern(own.get('date_lead', []))})\b\s*:?\s*", re.IGNORECASE),
        byline=tuple(re.compile(p) for p in own.get("byline", [])),
        months=frozenset(own.get("months", [])),
        weekdays=frozenset(own.get("weekdays", [])),
        menu_words=frozenset(common.get("menu_words", [])),
        comment=_alt(common.get("comment", []) + own.get("comment", [])),
        inline=tuple(re.compile(p, re.IGNORECASE) for p in own.get("inline", []) + common.get("inline", [])),
    )


@functools.cache
def _model() -> dict:
    ref = resources.files("summarize_cli.data").joinpath("boilerplate", "weights.json")
    try:
        return json.loads(ref.read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError, ValueError):
        return _DEFAULT_MODEL


# Hand-set weights used only if the learned file is missing (see scripts/train_cleaner.py).
_DEFAULT_MODEL: dict = {
    "weights": {
        "bias": -1.0, "log_words": 1.2, "stop_ratio": 3.0, "end_punct": 1.5, "inner_sent": 1.0,
        "comma": 2.0, "caps_ratio": -1.5, "digit_ratio": -1.0, "bullet": -1.5, "indent": -0.5,
        "boiler": -4.0, "caption": -3.0, "line_rule": -4.0, "repeated": -1.5, "dateish": -2.0,
        "menu": -3.0, "linkish": -2.0, "quoted": 0.5, "nb_prose": 2.0, "nb_short": -1.0,
        "in_run": 2.0, "before_run": -1.0, "after_run": -1.5, "after_end": -2.0, "run_dist": -0.5,
        "short_noend": -0.5,
    },
    "keep": 0.5,
}

def _guess_lang(text: str) -> str:
    from summarize_cli.languages import data_languages, guess_language

    # Only the languages that have boilerplate rules are candidates: their rules are what the answer selects.
    return guess_language(text, among=data_languages("boilerplate"))


# --- units: logical lines ----------------------------------------------------------


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


# --- features ------------------------------------------------------------------------


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


def _prob(vec: dict[str, float], weights: dict[str, float]) -> float:
    z = sum(weights.get(k, 0.0) * v for k, v in vec.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# --- decoding ------------------------------------------------------------------------


# a numbered list item ("3. Business News" in a breadcrumb) is a list item, like a bulleted one
_NUMBERED = re.compile(r"^\d{1,3}\.\s")
# words are compared by their first letters, so that a headline's "libertarians" is the body's "libertarian"
_STEM = 5


def _title_index(units: list[_Unit], feats: list[_Feat], start: int, rules: _Rules) -> int | None:
    body_words: set[str] = set()
    for f in feats[start : start + 4]:
        body_words.update(w[:_STEM] for w in f.words if len(w) > 3 and w not in rules.stop)
    best, best_score = None, 0.0
    lo = max(0, start - 25)
    for i in range(start - 1, lo - 1, -1):
        f, t = feats[i], units[i].text
        if not (3 <= f.nw <= 35) or f.boiler or f.line_rule or f.caption or f.dateish or f.vec["menu"]:
            continue
        if t.endswith((".", "…")) and not t.endswith("..."):
            continue
        if f.vec["linkish"] or f.vec["bullet"] or _NUMBERED.match(t) or _byline(t, rules) is not None:
            continue
        content = [w for w in f.words if len(w) > 3 and w not in rules.stop]
        if not content:
            continue
        overlap = sum(w[:_STEM] in body_words for w in content) / len(content)
        if not overlap:
            continue  # the text's first line too: a headline speaks of the body ("Latest News" does not)
        score = overlap - 0.015 * (start - 1 - i) + (0.3 if i == 0 else 0.0)
        if score >= 0.25:
            # the headline is the first line that speaks of the body: a caption or a standfirst
            # between it and the body may share more of the body's words, but comes after it
            best, best_score = i, score
    return best


_PLACEHOLDER = re.compile(r"^\[[^\]]*\]$")

# how far (in lines) the body may be extended beyond its surest lines
_EDGE_SPAN = 60


def _furniture(f: _Feat) -> bool:
    """Captions, credits, leaked markup, closing-block headings and menus: never body, however wordy."""
    return f.caption or f.line_rule or f.end or bool(f.vec["menu"])


def _hard_junk(u: _Unit, f: _Feat, rules: _Rules) -> bool:
    """A line that no body context can redeem."""
    if _furniture(f) or f.boiler or f.dateish or f.vec["linkish"] or f.vec["repeated"] or f.vec["thread"] or f.mark >= 1:
        return True
    return f.nw <= 12 and _byline(u.text, rules) is not None


def _byline(text: str, rules: _Rules) -> str | None:
    for p in rules.byline:
        m = p.search(text)
        if m:
            name = (m.groupdict().get("name") or text).strip(" ,;:-|")
            return name or None
    return None


def _analyse(text: str, lang: str) -> tuple[list[_Unit], list[_Feat]]:
    units = _units(_normalise(text))
    return units, _features(units, _rules(lang))


def _clean_once(text: str, lang: str) -> Cleaned:
    rules = _rules(lang)
    units, feats = _analyse(text, lang)
    if not units:
        return Cleaned(None, (), None, None)
    model = _model()
    weights = model["weights"]
    keep_t = float(model.get("keep", 0.5))
    probs = [_prob(f.vec, weights) for f in feats]
    # the article is the densest run of kept lines; short dubious lines cost little
    scores = [(p - keep_t) * min(max(f.nw, 1), 40) for p, f in zip(probs, feats)]
    # a comment thread is never the article, however wordy and well punctuated its comments
    scores = [-abs(s) - 1.0 if f.vec["thread"] else s for s, f in zip(scores, feats)]
    a, b = _densest_run(scores)
    if b < a:
        only = (_WARN_THREAD_ONLY,) if any(f.vec["thread"] for f in feats) else ()
        return Cleaned(None, (), None, None, only)
    # the first closing block (share, comments, related) after some prose ends the article
    cut = _end_index(feats, a, b)
    if cut is not None:
        b = cut - 1
    ti = _title_index(units, feats, a, rules)
    if ti is None and a <= b and feats[a].nw >= 3 and feats[a].vec["end_punct"] == 0 and a + 1 <= b:
        # selection or clean text starting with its headline
        t = units[a].text
        if feats[a].nw <= 35 and not (feats[a].boiler or feats[a].dateish or feats[a].caption) and feats[a + 1].prose:
            ti = a
    title = units[ti].text if ti is not None else None
    start = a if ti is None or ti < a else ti + 1
    byline = date = None
    head_lo = ti + 1 if ti is not None and ti < a else max(0, a - 6)
    keep_in = float(model.get("keep_inner", keep_t))
    keep_edge = float(model.get("keep_edge", 1.0))
    sure = [i for i in range(start, b + 1) if probs[i] >= keep_t]
    keep: list[int] = []
    for i in range(start, b + 1):
        if probs[i] >= keep_t:
            if not _furniture(feats[i]) and not feats[i].vec["thread"]:
                keep.append(i)
        elif sure and sure[0] < i < sure[-1] and probs[i] >= min(keep_in, keep_edge) and not _hard_junk(units[i], feats[i], rules):
            # a weaker line between two sure ones is a list item or subheading of the body; it is
            # at least as likely body as a line at the body's edge, which keep_edge admits
            keep.append(i)
    if keep and keep_edge < 1.0:
        # the body runs on over short lines (lead-in, list items, subheadings) until something
        # that is surely not body: a date, byline, share or comments block, menu, caption
        lo = ti + 1 if ti is not None and ti < keep[0] else max(0, keep[0] - _EDGE_SPAN)
        head = []
        for i in range(keep[0] - 1, lo - 1, -1):
            if _PLACEHOLDER.match(units[i].text):
                continue
            if probs[i] < keep_edge or _hard_junk(units[i], feats[i], rules):
                break
            head.append(i)
        hi = min(len(units) - 1, keep[-1] + _EDGE_SPAN, cut - 1 if cut is not None else len(units))
        tail = []
        for i in range(keep[-1] + 1, hi + 1):
            if _PLACEHOLDER.match(units[i].text):
                # an image inside the article (w3m shows it as [name]) does not end it
                continue
            if probs[i] < keep_edge or _hard_junk(units[i], feats[i], rules):
                break
            tail.append(i)
        keep = sorted(head) + keep + tail
    # metadata: bylines and datelines near the start of the body
    meta_zone = set(range(head_lo, min(b + 1, (keep[0] if keep else a) + 3)))
    paragraphs: list[str] = []
    kept_set: set[int] = set()
    seen_keys: set[str] = set()
    for i in range(len(units)):
        f, t = feats[i], units[i].text
        if i in meta_zone and f.nw <= 20 and not f.prose:
            # a date in a photo caption or credit is when the photo was taken, not the article
            dated = f.dateish and date is None and not (f.caption or rules.caption.search(t) or rules.credit.search(t))
            bl = _byline(t, rules)
            if bl and byline is None:
                byline = bl
                if dated:
                    date = _date_text(t, rules)
                continue
            if dated:
                date = _date_text(t, rules)
                continue
    for i in keep:
        f, t = feats[i], units[i].text
        if i in meta_zone and f.nw <= 20 and not f.prose and (_byline(t, rules) or f.dateish):
            continue
        key = _norm_key(t)
        if f.nw >= 5 and key in seen_keys:
            continue
        seen_keys.add(key)
        t, cuts = _cut_inline(t, rules)
        if not t:
            continue
        paragraphs.append(t)
        kept_set.add(i)
    warnings = _doubts(scores, feats, sorted(kept_set))
    short = [i for i in kept_set if feats[i].nw < 12]
    if len(kept_set) >= 6 and len(short) > 0.5 * len(kept_set):
        warnings.append(_WARN_SHORT)
    return Cleaned(title, tuple(paragraphs), byline, date, tuple(warnings))


_WARN_TWO = "the text holds two parts of similar weight that could each be the article; the cleaner kept one, check it is the right one"
_WARN_THREAD = "the kept text sits among comment-thread furniture (replies, votes, timestamps): it may be readers' comments, not the article"
_WARN_THREAD_ONLY = "the text looks like a comment thread and nothing else: readers' comments were not taken for the article"
_WARN_SHORT = "the article is mostly short lines (a dialogue, an interview or a list): check that the cleaner kept all of it and nothing else"
# a second candidate body this close to the first in weight (and this long) makes the choice a guess
_RIVAL = 0.6
_RIVAL_WORDS = 60
# lines without body text that part two blocks of kept lines
_GAP = 5


def _doubts(scores: list[float], feats: list[_Feat], keep: list[int]) -> list[str]:
    """Warnings when the kept lines might not be, or not all be, the article."""
    out = []
    # the kept lines fall into blocks; a rival block outside them or a second block among them of
    # similar weight means two texts could each be the article
    blocks: list[list[int]] = []
    for i in keep:
        if blocks and i - blocks[-1][-1] <= _GAP:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    weights = sorted((sum(feats[i].nw for i in blk) for blk in blocks), reverse=True)
    kept = set(keep)
    masked = [(-abs(s) - 1.0 if i in kept or (keep and keep[0] <= i <= keep[-1]) else s) for i, s in enumerate(scores)]
    c, d = _densest_run(masked)
    if d >= c:
        weights.append(sum(feats[i].nw for i in range(c, d + 1) if masked[i] > 0))
        weights.sort(reverse=True)
    if len(weights) >= 2 and weights[1] >= _RIVAL * weights[0] and weights[1] >= _RIVAL_WORDS:
        out.append(_WARN_TWO)
    lo, hi = (keep[0], keep[-1]) if keep else (0, -1)
    near = feats[max(0, lo - _THREAD_SPAN) : hi + 1 + _THREAD_SPAN]
    if keep and sum(f.mark >= 1 for f in near) >= 3 and sum(f.mark >= 1 for f in near) >= 0.15 * (hi - lo + 1):
        out.append(_WARN_THREAD)
    return out


# a caption glued after a promotion: a short label, a colon, one sentence ("Flying high: Half of ...")
_GLUED_CAPTION = re.compile(r"^\s*[A-ZÀ-Ý][^\s:.!?]*(?: [^\s:.!?]+){0,3}: [^.!?]{3,300}[.!?]\s*")


def _cut_inline(text: str, rules: _Rules) -> tuple[str, list[str]]:
    """Cut promotions and captions that copying glued into a paragraph; return the rest and the cuts."""
    cuts: list[str] = []
    for p in rules.inline:
        while True:
            m = p.search(text)
            if not m or not m.group().strip():
                break
            cut, rest = m.group(), text[m.end() :]
            g = _GLUED_CAPTION.match(rest)
            if g and g.end() < len(rest):
                cut, rest = cut + g.group(), rest[g.end() :]
            cuts.append(cut.strip())
            text = (text[: m.start()].rstrip() + " " + rest.lstrip()).strip()
    return text, cuts


def _date_text(text: str, rules: _Rules) -> str:
    # "Publié le 3 mars" -> "3 mars": the words that introduce a date are the language's data
    t = rules.date_lead.sub("", text, count=1)
    return t.strip(" ,;:-|") or text


def _clean_stable(text: str, code: str) -> Cleaned:
    """Clean, then re-clean our own output until it is stable (idempotence)."""
    out = _clean_once(text, code)
    for _ in range(8):
        again = _clean_once("\n".join(out.paragraphs), code)
        if again.paragraphs == out.paragraphs:
            break
        if again.title and out.title is None:
            out = replace(out, title=again.title, paragraphs=again.paragraphs)
        else:
            out = replace(out, paragraphs=again.paragraphs, byline=out.byline or again.byline, date=out.date or again.date)
    return out


def clean_text(text: str, lang: str | None = None) -> Cleaned:
    """Strip page furniture from plain text and return title, body paragraphs and metadata."""
    try:
        if not isinstance(text, str) or not text.strip():
            return Cleaned(None, (), None, None)
        from summarize_cli.languages import data_languages

        given = lang in data_languages("boilerplate")
        code = lang if given and lang else _guess_lang(text)
        out = _clean_stable(text, code)
        if not given:
            # A guessed language must also be what the output is guessed as, or cleaning the output
            # again (with its own guess) would remove more: converge on a language that agrees.
            for _ in range(3):
                body = "\n".join(out.paragraphs)
                guess = _guess_lang(body) if body.strip() else code
                if guess == code:
                    break
                code = guess
                nxt = _clean_stable(body, code)
                out = replace(out, title=out.title or nxt.title, paragraphs=nxt.paragraphs, byline=out.byline or nxt.byline, date=out.date or nxt.date)
        return out
    except Exception as exc:  # noqa: BLE001 - the cleaner must never fail the pipeline, but says so
        lines = tuple(ln.strip() for ln in str(text).splitlines() if ln.strip())
        return Cleaned(None, lines, None, None, (f"the text cleaner failed ({exc.__class__.__name__}: {exc}); the text is kept as it is",))
