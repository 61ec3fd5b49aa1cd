"""The scanner: every figure of a text, left to right, with what is not a quantity (telephone numbers, list
markers, URLs, "page 12", "CAC 40") set apart; the key figures and every number as written come from it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from summarize_cli import languages
from summarize_cli.figures.amounts import parse_at
from summarize_cli.figures.currency import codes, dollar_of, dollar_prefixes, symbol_class
from summarize_cli.figures.digits import DIGITS, read_digits
from summarize_cli.figures.labels import label, qualifier
from summarize_cli.figures.lexicon import HYPHENS, SP, WORD, D, Lexicon, alternation, common, lexicon, norm, prev_word
from summarize_cli.figures.model import Fig, Q
from summarize_cli.figures.numbers import quantity
from summarize_cli.figures.rank import rank_figures
from summarize_cli.schema import KeyFigure
from summarize_cli.sentences import split_sentences

# The sentences that stand for the summary when there is none (the figures command): the lead.
_LEAD_SENTENCES = 3
_URL = re.compile(r"(?i)\b(?:https?://|ftp://|www\.)\S+|(?<!\S)[^\s@]+@\S+\.\w+")


@dataclass(frozen=True)
class Number:
    """One number of a text as written (its scale word included: "1,4 milliard"), and what it is part of:
    a figure's kind (money, percent, count, number, duration, date, time) or phone, marker, ratio, identifier, name."""

    start: int
    end: int
    value: Decimal
    kind: str
    short: Decimal | None = None  # the short-scale reading of a French "billion"
    mult: Decimal | None = None  # the scale its digits were multiplied by
    spelled: bool = False
    digits: str = ""  # the digit run as written ("1 000,5"); "" when spelled
    piece: bool = False  # one piece of a run that reads as no single number ("192.168.1.2", "2,200,12")


def language(text: str, lang: str | None) -> str:
    """The language whose figure words read ``text``: ``lang`` when there are data for it, else the best guess among those."""
    among = languages.data_languages("figures")
    code = (lang or "").strip().lower().replace("_", "-").split("-")[0]
    if code in among:
        return code
    guess = languages.guess_language(text, among=among)
    return guess if guess in among else among[0]


@cache
def _anchor() -> re.Pattern[str]:
    # where a figure may start: a digit, a word, a sign or decimal point before a digit, a currency symbol
    return re.compile(rf"[0-9]|[^\W\d_]+|[-\u2212.,](?=[0-9])|[-\u2212](?={SP}+[0-9])|{symbol_class()}")


@cache
def _sequences() -> tuple[tuple[re.Pattern[str], str], ...]:
    pats = common().get("patterns")
    return ((_URL, "url"), *((re.compile(x), "phone") for x in pats["phone"]), (re.compile(pats["list_marker"]), "marker"),
            (re.compile(pats["ratio"]), "ratio"), (re.compile(pats["year_range_end"]), "date"))


def _scan(text: str, L: Lexicon) -> tuple[list[Fig], list[tuple[int, int, str]]]:
    """Figures, and the spans that hold numbers but no quantity with what they are, both in text order."""
    blocked = sorted((m.start(), m.end(), kind) for rx, kind in _sequences() for m in rx.finditer(text))
    figs: list[Fig] = []
    apart: list[tuple[int, int, str]] = []
    ident_end = -1
    pos = 0
    n = len(text)
    bi = 0
    anchor = _anchor()
    while pos < n:
        m = anchor.search(text, pos)
        if not m:
            break
        p = m.start()
        while bi < len(blocked) and blocked[bi][1] <= p:
            bi += 1
        if bi < len(blocked) and blocked[bi][0] <= p:
            apart.append(blocked[bi])
            pos = blocked[bi][1]
            continue
        tok = m.group()
        if tok[0].isalpha() and not _trigger(tok, L):
            pos = m.end()
            continue
        if tok[0] in D:
            kind = "name" if _after_name(text, p) else "identifier" if _after_identifier(text, p, L) \
                and not _measures_after_identifier(text, p, L) or ident_end >= 0 and norm(text[ident_end:p]) in L.words("range_links") | {","} else None
            if kind:
                pos = ident_end = DIGITS.match(text, p).end()
                apart.append((p, pos, kind))
                continue
        fig = parse_at(text, p, L)
        if fig is None or fig.end <= fig.start or fig.value is not None and not fig.value.is_finite():
            pos = m.end() if not (tok[0] in D) else DIGITS.match(text, p).end()
            continue
        if _names_something(text, fig, L) or _in_compound_word(text, fig, L) or _glued_to_word(text, fig) \
                or _place_code(text, fig, L):
            apart.append((fig.start, fig.end, "name"))
            pos = m.end() if not (tok[0] in D) else DIGITS.match(text, p).end()
            continue
        if _negated_one(text, fig, L):
            pos = fig.end
            continue
        if _number_to_call(text, fig, L):
            apart.append((fig.start, fig.end, "phone"))
            pos = fig.end
            continue
        figs.append(fig)
        pos = fig.end
    figs = _ratios_marked(text, figs, L)
    _share_units(text, figs, L)
    return figs, apart


def find_figures(
    text: str,
    lang: str | None = None,
    sentences: list[tuple[int, int]] | None = None,
    *,
    url: str | None = None,
    site: str | None = None,
) -> tuple[KeyFigure, ...]:
    """Find money, percentages, counts, numbers, dates, durations and times of day in ``text``.

    Values are full numbers ("20 milliards" -> 2e10); a date's value is its year when it names one,
    else None; amounts in a minor unit ("34 cents") keep that unit's count as value, with the unit
    named in ``unit``. A bare "$" or "dollars" takes the dollar of the source's country (``url``'s
    domain, ``site``, or the places the text names); otherwise its currency is None with "USD?" in
    ``note``. Figures are sorted, never overlap, and ``text[f.start:f.end] == f.text``.
    """
    code = language(text, lang)
    L = lexicon(code)
    if sentences is None:
        sentences = split_sentences(text, code)
    spans = sorted((a, b) for a, b in sentences if 0 <= a <= b <= len(text))
    starts = [a for a, _ in spans]
    figs, _apart = _scan(text, L)
    dollar: tuple[str | None, str] | None = None
    out: list[KeyFigure] = []
    for fig in figs:
        if fig.kind == "ratio":
            continue
        if fig.currency == "$":
            dollar = dollar or dollar_of(text, url, site)
            fig = replace(fig, currency=dollar[0], notes=fig.notes + (dollar[1],))
        out.append(_to_key_figure(text, fig, L, spans, starts))
    return rank_figures(tuple(out), spans[:_LEAD_SENTENCES])


def read_numbers(text: str, lang: str | None = None) -> tuple[Number, ...]:
    """Every number of ``text`` as written, in order: those of its figures, and those of what is no quantity
    (a telephone number's groups, a date's day and year, a time's hour, "page 12"), each with its kind.

    A key figure is a quantity a journalist may print; a number is anything a reader would read as one,
    so a translation must keep them all (the number guard compares these).
    """
    L = lexicon(language(text, lang))
    figs, apart = _scan(text, L)
    regions = sorted([(f.start, f.end, f.kind, f.numbers) for f in figs] + [(a, b, k, ()) for a, b, k in apart],
                     key=lambda r: r[0])
    out: list[Number] = []
    pos, ri = 0, 0
    anchor = _anchor()
    while pos < len(text):
        while ri < len(regions) and regions[ri][1] <= pos:
            ri += 1
        m = anchor.search(text, pos)
        if not m:
            break
        p = m.start()
        if ri < len(regions) and regions[ri][0] <= p:
            a, b, kind, qs = regions[ri]
            if qs:
                out += [_number(text, q, kind, L) for q in qs]
            elif kind != "url":
                for d in re.finditer("[0-9]+(?:[.,][0-9]+)?", text[a:b]):
                    piece = read_digits(d.group(), L.decimal)[0]
                    out.append(Number(a + d.start(), a + d.start() + piece[1], piece[2], kind, digits=d.group()[:piece[1]]))
            pos = max(b, p + 1)
            continue
        q = quantity(text, p, L) if m.group()[0] in D or m.group().lower() in L.numbers else None
        if q is None or q.end <= p or ri < len(regions) and q.end > regions[ri][0]:
            pos = m.end()
            continue
        out.append(_number(text, q, "number", L))
        pos = q.end
    return tuple(out)


def _number(text: str, q: Q, kind: str, L: Lexicon) -> Number:
    if q.spelled:
        # "un million", "deux cent mille": the scale word's value is what multiplies the rest
        mult = L.numbers[q.scale][1] if q.scale in L.numbers else None
        return Number(q.start, q.end, q.value, kind, q.short, mult, True)
    run = DIGITS.search(text, q.start, max(q.end, q.start + 1))
    return Number(q.start, q.end, q.value, kind, q.short, q.mult, False, run.group() if run else "", q.split)


def _after_identifier(text: str, p: int, lang: Lexicon) -> bool:
    """ "page 12", "article 49.3", "ligne de bus 21", "n° 5": a number that names, not counts."""
    m = re.search(r"([^\W\d_]+[°º]?)\.?[^\S\n]*$", text[max(0, p - 30):p])
    return bool(m and norm(m.group(1)) in lang.words("identifier_before"))


def _measures_after_identifier(text: str, p: int, lang: Lexicon) -> bool:
    """ "an area 30 miles south", "a sector 40 km wide", "the week 10 people died": a number after an identifier word
    measures when it has a unit, a currency or a percent sign (a number that names is bare: "area 51", "zone 4"), or,
    after a lower-case time noun, when it counts a noun (a numbered week is capitalised or bare: "its Week 11 game",
    "in week 10"; a stage before its noun stays a name: "phase 3 trials")."""
    fig = parse_at(text, p, lang)
    if fig is None or fig.start != p:
        return False
    if fig.unit or fig.currency or fig.kind in ("money", "percent", "duration"):
        return True
    word = re.search(r"([^\W\d_]+)[^\S\n]*$", text[max(0, p - 30):p])
    return fig.kind == "count" and word is not None and word.group(1).islower() \
        and lang.table("durations").match(word.group(1), 0) is not None


def _names_something(text: str, fig: Fig, lang: Lexicon) -> bool:
    """ "Mouvement 5 étoiles", "Apollo 11": a bare number right after a capitalised word inside a sentence."""
    if fig.kind not in ("number", "count") or fig.unit or fig.value is None or fig.mult is not None:
        return False
    m = re.search(r"([^\W\d_]{2,})[^\S\n]$", text[max(0, fig.start - 40):fig.start])
    if not m or not m.group(1)[0].isupper() or m.group(1).isupper():
        return False
    w = norm(m.group(1))
    if w in lang.words("label.stop") | lang.words("label.dets") | lang.words("function_words") or w in lang.numbers \
            or lang.table("months").match(m.group(1), 0):
        return False
    before = text[:fig.start - len(m.group())].rstrip()
    return bool(before) and before[-1] not in ".!?:;\n«\"“([—–-"


_BRACKETED_AFTER_NAME = re.compile(r"[A-ZÀ-Þ][^\W\d_]*[^\S\n]?\(([0-9]{2,3})\)")


def _place_code(text: str, fig: Fig, lang: Lexicon) -> bool:
    """ "l'Ain (01)", "le Bas-Rhin (67), le Haut-Rhin (68) et les Vosges (88)": a code of the language's place
    numbering (French départements) in brackets right after a capitalised name is the place's code, no quantity,
    when it is zero-padded (no quantity is written with a leading zero) or one of a list of three or more such,
    in increasing order, as places are listed by their code.

    One number in brackets after a name reads as well as an age or a score ("Jean Dupont (45)", "les Bleus (23)
    et les Italiens (12)"); a missed code is a stray number where a lost age or score is a lost figure."""
    rx = lang.get("place_code")
    digits = text[fig.start:fig.end]
    if not rx or fig.kind != "number" or fig.unit or not re.fullmatch(rx, digits) or text[fig.end:fig.end + 1] != ")" \
            or not re.search(r"[A-ZÀ-Þ][^\W\d_]*[^\S\n]?\($", text[max(0, fig.start - 40):fig.start]):
        return False
    if digits[0] == "0":
        return True
    a = max(text.rfind(c, 0, fig.start) for c in ".!?\n") + 1
    b = min((i for i in (text.find(c, fig.end) for c in ".!?\n") if i >= 0), default=len(text))
    codes = [int(m.group(1)) for m in _BRACKETED_AFTER_NAME.finditer(text, a, b)]
    return len(codes) >= 3 and all(x < y for x, y in zip(codes, codes[1:]))


def _negated_one(text: str, fig: Fig, lang: Lexicon) -> bool:
    """ "pas un euro", "not one day": a spelled "one" after a negation means none at all, no figure of 1."""
    return bool(fig.numbers) and fig.numbers[0].bare_one and fig.numbers[0].start == fig.start \
        and prev_word(text, fig.start) in lang.words("negations")


def _glued_to_word(text: str, fig: Fig) -> bool:
    """ "ID.3", "No.5", "v.2": digits joined by a full stop to a short word before them, with no space, end a name.

    The word is one or two letters, or three with a capital; a longer one ("Soullez.25 agents", "ils.68%") is a
    sentence run into the next by a lost space, and the number is a figure."""
    if fig.kind not in ("number", "count") or fig.unit or text[fig.start] not in D or fig.start < 2 or text[fig.start - 1] != ".":
        return False
    m = re.search(r"(?<![^\W\d_])[^\W\d_]{1,3}$", text[max(0, fig.start - 5):fig.start - 1])
    return bool(m and (len(m.group()) <= 2 or m.group()[0].isupper()))


def _number_to_call(text: str, fig: Fig, lang: Lexicon) -> bool:
    """ "called 911", "appelez le 17": a bare number right after a verb of calling is a number to dial, not a quantity
    ("called 12 witnesses" counts a noun and stays a figure)."""
    if fig.kind != "number" or fig.unit or fig.value is None or fig.mult is not None:
        return False
    return lang.phrases("phone_before").search_end(text[max(0, fig.start - 30):fig.start])


def _ratios_marked(text: str, figs: list[Fig], lang: Lexicon) -> list[Fig]:
    """``figs`` with the terms of each ratio ("un Français sur sept", "three out of four") of kind "ratio": no key figure.

    Read alone, "sept" would be a count of seven; the ratio is one in seven, which only the pair says. (Their
    numbers are still read, so a translation must keep them.) A ratio's first term is in the same sentence, at
    most two words before the link ("in": none), and no larger than the second ("500 salariés sur 12 sites" is
    no ratio); a spelled "one" is also an article, so it makes a ratio only before a capitalised noun or none
    ("un Français sur sept", not "un rapport sur trente pays").
    """
    links, adjacent = lang.phrases("ratio_links"), lang.phrases("ratio_links_adjacent")
    if links.rx is None and adjacent.rx is None:
        return figs
    drop: set[int] = set()
    for i, fig in enumerate(figs):
        if not _bare(fig):
            continue
        lo = max(0, fig.start - 12)
        m, between = adjacent.ending(text[lo:fig.start]), 0
        if m is None:
            m, between = links.ending(text[lo:fig.start]), 2
        if m is None:
            continue
        at = lo + m.start()  # where the link starts
        first = None
        for j in range(i - 1, -1, -1):
            if figs[j].end < at - _RATIO_GAP:
                break  # the figures before are further still
            if _bare(figs[j]) and _ratio_gap(text[figs[j].end:at], between):
                first = j
                break
        # "one in five", "1 in 5", "nine in ten"; "10 in 12 games" is a tally, not a ratio
        plain = first is not None and (between > 0 or figs[first].value == 1 or bool(figs[first].numbers) and figs[first].numbers[0].spelled)
        if first is not None and plain and figs[first].value is not None and fig.value is not None and figs[first].value <= fig.value:
            drop.update({i, first})
            continue
        gap = re.search(rf"(?:^|\s)([^\W\d_]+)((?:\s+[^\W\d_][\w'’-]*){{0,{between}}})\s*$", text[max(0, at - 40):at])
        if gap and norm(gap.group(1)) in lang.numbers and lang.numbers[norm(gap.group(1))][1] == 1 \
                and all(w[0].isupper() for w in gap.group(2).split()):
            drop.add(i)
    return [replace(f, kind="ratio") if i in drop else f for i, f in enumerate(figs)]


def _bare(fig: Fig) -> bool:
    return fig.kind in ("count", "number") and not fig.unit and not fig.currency


# Most characters between a ratio's first term and its link ("trois élèves sur", "un Français sur").
_RATIO_GAP = 30


def _ratio_gap(gap: str, words: int) -> bool:
    """Whether ``gap`` (between a ratio's first term and its link) is at most ``words`` words of the same sentence."""
    return len(gap) <= _RATIO_GAP and not re.search(r"[.!?;:]", gap) and len(gap.split()) <= words


def _in_compound_word(text: str, fig: Fig, lang: Lexicon) -> bool:
    """ "les deux-roues", "Colombey-les-Deux-Églises": in a language that makes nouns of them (in any language when the
    word is capitalised: "Take-Two"), a spelled number hyphenated to a word that is no number word is part of that word."""
    if not fig.numbers or not fig.numbers[0].spelled:
        return False
    a, b = fig.start, fig.end  # the figure's ends: "une-demi-heure" is one duration, "deux-roues" a count of nothing
    before = re.search(rf"([^\W\d_]+)[{HYPHENS}]$", text[max(0, a - 40):a])
    after = re.compile(rf"[{HYPHENS}]([^\W\d_]+)").match(text, b)
    if not lang.flag("grammar.hyphen_compounds_are_words"):
        # English makes adjectives of them ("a three-hour delay"); joined to a capitalised word the compound is a
        # name ("Take-Two", "Catch-Twenty")
        before = before if before and before.group(1)[0].isupper() else None
        after = after if after and after.group(1)[0].isupper() else None
    return bool(before or after and norm(after.group(1)) not in lang.numbers)


_THOUSANDS_NOTE = "thousands shared with the end of the range"
_GROUPED_THOUSANDS = re.compile(r"[0-9]{1,3}[ .,\u00a0\u202f]000")


def _shares_thousands(text: str, prev: Fig, head: Fig, lang: Lexicon) -> bool:
    """ "de 500 à 600.000 prothèses", "between 40 and 50,000 fans": a bare first number of the same order as the
    thousands of the second shares them (a range from 500 to 600 000 would not be written so).

    Only in a range ("à", "to", a dash, "entre … et", "between … and"): "9 et 10 000 euros" lists two amounts; and only
    from two digits: "de 1 à 2 000 euros" and "between 5 and 10,000 years" are ranges from a small number."""
    if prev.kind != "number" or prev.unit or prev.currency or prev.notes or prev.mult is not None or head.mult is not None \
            or prev.value is None or head.value is None or not re.fullmatch("[0-9]{2,3}", text[prev.start:prev.end]):
        return False
    link = norm(text[prev.end:head.start])
    if link not in lang.words("range_to") and not (link in lang.words("and_words")
                                                    and prev_word(text, prev.start) in lang.words("range_between")):
        return False
    digits = text[head.numbers[0].start:head.numbers[0].end] if head.numbers else ""
    thousands = head.value / 1000
    return bool(_GROUPED_THOUSANDS.fullmatch(digits)) and thousands / 10 < prev.value < thousands


def _share_units(text: str, figs: list[Fig], lang: Lexicon) -> None:
    """Ranges and lists share the unit, currency and scale written once: "entre 50 et 100 millions d'euros", "2, 3 et 4 %"."""
    for i in range(len(figs) - 1, 0, -1):
        head = figs[i]
        if head.kind == "count" or head.kind == "number" and not head.unit:
            prev = figs[i - 1]
            if norm(text[prev.end:head.start]) in lang.words("range_links") and _shares_thousands(text, prev, head, lang):
                figs[i - 1] = replace(prev, kind=head.kind, value=prev.value * 1000, notes=(_THOUSANDS_NOTE,))
            continue
        if head.kind not in ("money", "percent", "duration") and not (head.kind == "number" and head.unit):
            continue
        j = i
        while j > 0:
            prev, gap = figs[j - 1], norm(text[figs[j - 1].end:figs[j].start])
            if not (gap in lang.words("range_links") or gap == "," and j < i) or prev.kind != "number" or prev.unit \
                    or prev.currency or prev.value is None or prev.notes:
                break
            value = prev.value
            thousands = _shares_thousands(text, prev, head, lang)
            if thousands:
                value *= 1000
            elif head.mult is not None and prev.mult is None:
                # "de 10 à 12,5 millions": the scale is shared only when the first stays below the second
                if head.value is None or not abs(value) < abs(head.value / head.mult):
                    break
                value *= head.mult
            elif prev.mult is not None and head.mult is None:
                break
            figs[j - 1] = replace(prev, kind=head.kind, value=value, unit=head.unit, currency=head.currency,
                                  notes=(_THOUSANDS_NOTE,) if thousands else (), mult=head.mult)
            j -= 1
    for i in range(len(figs) - 1):
        # "$10-12" shares the leading currency; after "and" a bare number is something else ("$4.25 and 32")
        head, nxt = figs[i], figs[i + 1]
        gap = text[head.end:nxt.start].strip()
        if head.kind == "money" and head.prefixed and gap in ("-", "\u2013", "\u2014") and nxt.kind == "number" \
                and not nxt.unit and not nxt.notes and nxt.mult == head.mult and nxt.value is not None \
                and head.value is not None and abs(nxt.value) > abs(head.value):
            figs[i + 1] = replace(nxt, kind="money", unit=head.unit, currency=head.currency, notes=(), prefixed=True)


def _trigger(word: str, lang: Lexicon) -> bool:
    """May a figure start with this word (a number word, a sign, a currency code or prefix, a month, a percent word)?"""
    w = word.lower()
    return w in _first_words(lang) or word in codes() or word.upper() in codes() or lang.table("months").match(word, 0) is not None


@cache
def _first_words(lang: Lexicon) -> frozenset[str]:
    # The first word of each phrase a figure may start with ("u" of "u.s. $", "per" of "per cent", "premier" of "premier mai").
    phrases = [*lang.numbers, *lang.words("minus"), *lang.words("soft_minus"), *codes(), *dollar_prefixes(),
               *lang.table("percent").lookup, *lang.phrases("dates.first_day").lookup]
    return frozenset(m.group().lower() for p in phrases for m in [WORD.match(p)] if m)


def _after_name(text: str, p: int) -> bool:
    """Numbers that belong to a name: "CAC 40", "S&P 500", "Boeing 737"."""
    m = re.search(r"([^\W\d_]+)[ &\u00a0]$", text[max(0, p - 20):p])
    return bool(m and m.group(1) in common().list("names.before_number"))


def _to_key_figure(text: str, fig: Fig, lang: Lexicon, spans: list[tuple[int, int]], starts: list[int]) -> KeyFigure:
    i = bisect.bisect_right(starts, fig.start) - 1
    sent = spans[i] if i >= 0 and spans[i][0] <= fig.start < max(spans[i][1], spans[i][0] + 1) else None
    notes = list(fig.notes)
    qual = qualifier(text, fig.start, lang)
    qual_start = fig.start
    if qual is not None and (sent is None or qual[0] >= sent[0]):
        notes.insert(0, qual[1])
        qual_start = qual[0]
    what = label(text, fig, sent or (fig.start, fig.end), lang, qual_start)
    value = None if fig.value is None else float(fig.value)
    return KeyFigure(
        text=text[fig.start:fig.end],
        start=fig.start,
        end=fig.end,
        kind=fig.kind,  # type: ignore[arg-type]
        value=value,
        unit=fig.unit,
        currency=fig.currency,
        note="; ".join(notes) or None,
        label=what,
        sentence=text[sent[0]:sent[1]] if sent else None,
    )
