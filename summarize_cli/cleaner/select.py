"""What the cleaner keeps: the body run, title, byline, date, inline cuts and warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarize_cli.cleaner.features import (
    _THREAD_SPAN,
    _analyse,
    _densest_run,
    _end_index,
    _Feat,
    _norm_key,
    _Unit,
)
from summarize_cli.cleaner.model import _model, _prob
from summarize_cli.cleaner.rules import _Rules, _rules


@dataclass(frozen=True)
class Cleaned:
    """Article text split from what came with it: title, body paragraphs, metadata."""

    title: str | None
    paragraphs: tuple[str, ...]
    byline: str | None = None
    date: str | None = None
    warnings: tuple[str, ...] = ()


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
