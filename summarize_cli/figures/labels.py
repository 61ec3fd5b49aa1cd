"""Labels and notes: the noun phrase a figure measures ("dette publique", "chiffre d'affaires annuel") and the
qualifier written before it ("environ" -> approximately, "plus de" -> more than)."""

from __future__ import annotations

import re
from functools import cache

from summarize_cli.figures.lexicon import SP, D, Lexicon, norm, phrase_rx, variants
from summarize_cli.figures.model import Fig

_LTOK = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*['\u2019]?")


def _tokens(text: str, a: int, b: int) -> list[re.Match[str]]:
    return list(_LTOK.finditer(text, a, b))


def _clean_gap(text: str, a: int, b: int) -> bool:
    return text[a:b].strip() == ""


def _verb_slot(text: str, prev: re.Match[str], tok: re.Match[str], lang: Lexicon) -> bool:
    """Is ``tok``, ending like a verb, in a verb's place: after an auxiliary or a modal ("are looking at", "peut monter
    à") or opening a clause after a comma ("…, trying to", "…, ramenés à")? The endings also end nouns, which follow
    a determiner, a noun, a verb or nothing ("un loyer à 700 euros", "raised funding to $5bn", "Spending at 4 %")."""
    gap = text[prev.end():tok.start()]
    return gap.strip() == "," or gap.strip() == "" and norm(prev.group()) in lang.words("label.verb_auxiliaries")


def _is_content(tok: str, lang: Lexicon) -> bool:
    w = norm(tok)
    return (not (w[:1] and w[0] in D) and w not in lang.words("label.stop") and w not in lang.words("label.inner") and w not in lang.words("label.dets")
            and w not in lang.numbers and w not in lang.words("label.trailing_drop") and len(w) > 1
            and not (lang.list("label.adverb_endings") and w.endswith(lang.list("label.adverb_endings"))))


def _phrase(toks: list[re.Match[str]], lang: Lexicon, forward: bool = False) -> tuple[int, int] | None:
    """Trim a run of label tokens: no leading/trailing links, determiners only after a link.

    A determiner that follows no link starts another noun phrase: read forward from the figure ("à deux reprises
    la Syrie") the label ends before it, and before the word that precedes it when that is not the first, for a noun
    phrase and a determiner with no link between hold a verb ("un euro de cotisation ouvre les droits"); read
    backward ("the revenue of") it starts after it."""
    kinds = ["c" if _is_content(t.group(), lang) else "d" if norm(t.group()) in lang.words("label.dets") else "l" for t in toks]
    for i in (range(1, len(toks)) if forward else range(len(toks) - 1, -1, -1)):
        if kinds[i] == "d" and (i == 0 or kinds[i - 1] != "l"):
            cut = i - 1 if i >= 2 else i
            toks, kinds = (toks[:cut], kinds[:cut]) if forward else (toks[i + 1:], kinds[i + 1:])
            break
    while kinds and kinds[0] != "c":
        toks, kinds = toks[1:], kinds[1:]
    while kinds and kinds[-1] != "c":
        toks, kinds = toks[:-1], kinds[:-1]
    return (toks[0].start(), toks[-1].end()) if toks else None


def _label_word(tok: str, lang: Lexicon) -> bool:
    w = norm(tok)
    return _is_content(tok, lang) or w in lang.words("label.inner") or w in lang.words("label.dets")


def _collect_forward(text: str, toks: list[re.Match[str]], i: int, lang: Lexicon) -> tuple[int, int] | None:
    run: list[re.Match[str]] = []
    while i < len(toks) and len(run) < 7:
        t = toks[i]
        if run and not _clean_gap(text, run[-1].end(), t.start()) or not _label_word(t.group(), lang):
            break
        if not run and not _is_content(t.group(), lang):
            break
        if run and lang.list("label.verb_endings") and norm(t.group()).endswith(lang.list("label.verb_endings")):
            break
        if run and lang.list("label.plural_verb_endings") and norm(t.group()).endswith(lang.list("label.plural_verb_endings")) \
                and norm(run[-1].group()).endswith(("s", "x")):
            break  # "cyclistes empruntent": a plural noun, then its verb
        if norm(t.group()) in lang.words("label.change_verbs"):
            break
        run.append(t)
        i += 1
    return _phrase(run, lang, forward=True)


def _collect_backward(text: str, toks: list[re.Match[str]], i: int, lang: Lexicon) -> tuple[int, int] | None:
    run: list[re.Match[str]] = []
    while i >= 0 and len(run) < 6:
        t = toks[i]
        if run and not _clean_gap(text, t.end(), run[0].start()) or not _label_word(t.group(), lang):
            break
        if not run and not _is_content(t.group(), lang) or norm(t.group()) in lang.words("label.change_verbs"):
            break
        run.insert(0, t)
        i -= 1
    return _phrase(run, lang)


def label(text: str, fig: Fig, sent: tuple[int, int], lang: Lexicon, qual_start: int) -> str | None:
    """The noun phrase a figure refers to, from its sentence."""
    if fig.kind in ("date", "duration", "time"):
        return None  # a date, a length of time or a time of day measures nothing of its sentence
    a, b = sent
    after_toks = _tokens(text, fig.end, max(b, fig.end))
    before_toks = _tokens(text, min(a, qual_start), qual_start)

    def after(require_link: bool) -> tuple[int, int] | None:
        if not after_toks or not _clean_gap(text, fig.end, after_toks[0].start()):
            return None
        i = 0
        if norm(after_toks[0].group()) in lang.words("label.after_links"):
            i = 1
            while i < len(after_toks) and norm(after_toks[i].group()) in lang.words("label.stop") | lang.words("label.inner") | lang.words("label.dets") and i < 3:
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
        elif gap == "" and norm(last.group()) in lang.words("label.before_links"):
            i = len(before_toks) - 2
            if i >= 1 and norm(last.group()) in lang.words("label.verb_links") \
                    and norm(before_toks[i].group()).endswith(lang.list("label.link_verb_endings") or ("\0",)) \
                    and _verb_slot(text, before_toks[i - 1], before_toks[i], lang):
                return None  # "you're looking at 590 km", "peut monter à 120 décibels": a verb, no measured noun
        elif gap == "" and norm(last.group()) in lang.words("label.change_verbs"):
            i = len(before_toks) - 1  # "la dette atteint 112 % du PIB": the debt, not the GDP
        else:
            return None
        if i >= 0 and norm(before_toks[i].group()) in lang.words("label.change_verbs"):
            # "le trafic a progressé de 18 %", "sales rose to $5bn": what changed is the verb's subject
            i -= 1
            while i >= 0 and norm(before_toks[i].group()) in lang.words("label.skip_before_verb") \
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


@cache
def _qualifiers(lang: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    notes: dict[str, str] = {}
    stems: dict[str, str] = {}
    links = lang.words("scale_links")
    for note, phrases in lang.get("qualifiers", {}).items():
        for p in phrases:
            for v in variants(p):
                notes[norm(v)] = note
                head, _, last = norm(v).rpartition(" ")
                if head and last in links:
                    stems[head] = note  # "plus de" is also "plus d'un an": any form of its link word follows it
    alts = "|".join(phrase_rx(a) for a in sorted(notes, key=len, reverse=True)) or "(?!)"
    stem_alts = "|".join(phrase_rx(a) for a in sorted(stems, key=len, reverse=True)) or "(?!)"
    tail = rf"(?:{SP}*{lang.scale_link})?{SP}*$"  # "près de", "more than": the link to the number is no part of the qualifier
    rx = rf"(?i)(?<![^\W\d_])(?:(?:{alts}){tail}|(?:{stem_alts}){SP}*{lang.scale_link}{SP}*$)"
    return re.compile(rx), re.compile("(?i)" + tail), {**stems, **notes}


def qualifier(text: str, start: int, lang: Lexicon) -> tuple[int, str] | None:
    """The qualifier right before ``start`` ("environ", "more than"): (where it starts, its note)."""
    window = text[max(0, start - 40):start]
    rx, tail, notes = _qualifiers(lang)
    m = rx.search(window)
    if not m:
        return None
    note = notes.get(norm(tail.sub("", m.group()))) or notes.get(norm(m.group()))
    return (max(0, start - 40) + m.start(), note) if note else None
