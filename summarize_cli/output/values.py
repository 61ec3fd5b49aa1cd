"""Values as every format shows them: figures, quotes, the source line, translation marks; no format of its own."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarize_cli.schema import Article, KeyFigure, Quote, Result, TranslatedSentence

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥", "INR": "₹"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_QUALIFIERS = {"approximately": "about", "more than": "more than", "less than": "less than", "at least": "at least", "up to": "up to", "at most": "at most"}


def format_value(fig: KeyFigure) -> str:
    """Human-readable value of a figure, e.g. ``about $1.4 trillion`` or ``12.5%``."""
    if fig.value is None or fig.kind == "date":
        return fig.text
    qualifier = (fig.note or "").split(";")[0].strip()
    prefix = _QUALIFIERS.get(qualifier, "")
    return f"{prefix} {_bare_value(fig)}" if prefix else _bare_value(fig)


def _bare_value(fig: KeyFigure) -> str:
    assert fig.value is not None
    if fig.kind == "percent":
        return f"{_num(fig.value)}%" if fig.unit in (None, "%") else f"{_num(fig.value)} {fig.unit}"
    if fig.kind == "duration":
        return f"{_num(fig.value)} {_unit(fig.value, fig.unit)}".strip()
    amount = _fraction(fig.value) or _scaled(fig.value)
    if fig.kind == "money":
        if abs(fig.value) < 1e6 and not float(fig.value).is_integer() and round(fig.value, 2) == fig.value:
            amount = f"{fig.value:,.2f}"  # a price keeps its cents: "2,10 €" is €2.10, not €2.1
        # a bare "$" whose country is unknown (note "USD?") is still written as the article wrote it
        sym = _SYMBOLS.get(fig.currency or "") or ("$" if fig.currency is None and "USD?" in (fig.note or "") else None)
        money = f"{sym}{amount}" if sym else f"{amount} {fig.currency or ''}".strip()
        if fig.unit and "/" in fig.unit:
            # "£/MWh" after "£58.87" reads "£58.87/MWh".
            return money + fig.unit[fig.unit.index("/"):]
        return f"{money} {fig.unit}" if fig.unit else money
    unit = _unit(fig.value, fig.unit)
    return f"{amount} {unit}" if unit else amount


def _unit(value: float, unit: str | None) -> str:
    """The unit as read after ``value``: the parser's word units are plural English nouns, so "1 year", "1 ton"."""
    unit = unit or ""
    # symbols are short or not all lower-case letters ("ms", "MW", "Gbit/s", "km²"); "centuries" is the one -ies plural
    if value == 1 and len(unit) > 3 and unit.isalpha() and unit.islower() and unit.endswith("s"):
        return unit[:-3] + "y" if unit.endswith("ies") else unit[:-1]
    return unit


def _fraction(v: float) -> str | None:
    """ "un tiers" is 1/3, not 0.3333: a value that is a simple fraction with no short decimal."""
    for d in (3, 6, 7, 9, 12):
        n = v * d
        if abs(v) < 1 and abs(n - round(n)) < 1e-9 and round(v, 4) != v:
            return f"{round(n)}/{d}"
    return None


def _num(v: float) -> str:
    if float(v).is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.4f}".rstrip("0").rstrip(".")


def _scaled(v: float) -> str:
    for size, word in _SCALES:
        if abs(v) >= size:
            return f"{v / size:.4g} {word}"
    return _num(v)


def key_figures(result: Result) -> list[KeyFigure]:
    """The figures to show, best first: those the pipeline chose, or every distinct one of a Result built by hand."""
    from summarize_cli.figures import key_figures as choose

    shown = result.key_figures or choose(result.figures, None)
    return [result.figures[i] for i in shown if 0 <= i < len(result.figures)]


def distinct_figures(result: Result) -> tuple[int, ...]:
    """Indexes of the result's distinct figures (what ``--figures all`` would show)."""
    from summarize_cli.figures import key_figures as choose

    return choose(result.figures, None)


def more_figures(result: Result, shown: int) -> str | None:
    """What to say about the figures left out after ``shown`` of them, or None when none are."""
    hidden = len(distinct_figures(result)) - shown
    return f"{hidden} more: --figures all, or --format json for every figure" if hidden > 0 else None


def figure_row(fig: KeyFigure) -> tuple[str, str, str, str]:
    """Value, what it refers to, the text as written and its sentence on one line."""
    return (format_value(fig), fig.label or "", fig.text, " ".join((fig.sentence or "").split()))


def source_line(result: Result) -> str:
    """``source: ... · by ... · date · language: .. · summary: ... · translated from .. by ...``."""
    art = result.article
    assert art is not None
    bits = [f"source: {result.source}"]
    # who wrote it and when: what a journalist cites next to a figure or a quote
    if art.byline:
        bits.append(f"by {art.byline}")
    if art.date:
        bits.append(art.date.replace("T", " ")[:16])
    bits.append(f"language: {art.language}")
    if result.summary is not None:
        s = result.summary
        bits.append(f"summary: {s.method}" + (f" ({s.model})" if s.model else "") + f", {s.language}")
    if result.translation is not None:
        bits.append(f"translated from {result.translation.source_language} by {result.translation.model}")
    return " · ".join(bits)


def mark(t: TranslatedSentence, source_language: str) -> str | None:
    """What a reader must know about one translated sentence: kept in the source language, or its figures changed."""
    if t.note:
        return f"not translated ({t.note}): left in {source_language}"
    return None if t.figures_ok else "figures changed in translation"


def summary_marks(result: Result) -> list[str | None]:
    """Each summary sentence's mark (see ``mark``), None for all when the summary was not translated."""
    if result.translation is None or result.summary is None:
        return [None] * (len(result.summary.sentences) if result.summary else 0)
    return [mark(t, result.translation.source_language) for t in result.translation.sentences]


def summary_sources(result: Result) -> list[str | None]:
    """Each summary sentence's original, when the summary was translated."""
    if result.translation is None or result.summary is None:
        return [None] * (len(result.summary.sentences) if result.summary else 0)
    return [t.source for t in result.translation.sentences]


def source_tag(result: Result) -> str:
    """``[fr]`` before an original when the result was translated from French, else ``[original]``."""
    return f"[{result.translation.source_language}]" if result.translation else "[original]"


def paragraphs(article: Article) -> list[str]:
    """The article's paragraphs: its spans when the pipeline found them, else its lines."""
    from summarize_cli.sentences import paragraph_spans

    return [article.text[start:end] for start, end in article.paragraphs or paragraph_spans(article.text)]


def translated_paragraphs(result: Result) -> list[list[TranslatedSentence]] | None:
    """The article's translated sentences grouped by source paragraph; None when the Result holds no translated text."""
    if result.translation is None or result.summary is not None:
        return None
    groups: dict[int, list[TranslatedSentence]] = {}
    for t in result.translation.sentences:
        groups.setdefault(t.paragraph, []).append(t)
    return [groups[k] for k in sorted(groups)]


def pieces(sentence: str, figures: Sequence[KeyFigure]) -> list[tuple[str, bool]]:
    """``sentence`` cut into (text, is a figure) pieces, for formats that mark figures."""
    out, pos = [], 0
    for fig in sorted(figures, key=lambda f: f.start):
        if fig.start < pos or sentence[fig.start:fig.end] != fig.text:
            continue
        out += [(sentence[pos:fig.start], False), (fig.text, True)]
        pos = fig.end
    out.append((sentence[pos:], False))
    return out


def highlights(result: Result) -> list[Sequence[KeyFigure]]:
    """The figures inside each summary sentence (none when the Result does not say)."""
    s = result.summary
    assert s is not None
    return list(s.highlights) if len(s.highlights) == len(s.sentences) else [()] * len(s.sentences)


def shown_quotes(result: Result) -> list[Quote]:
    """The quotations the Result marks as shown, in the article's order."""
    return [result.quotes[i] for i in result.key_quotes if 0 <= i < len(result.quotes)]


def speaker(q: Quote) -> str:
    """Who said it, saying so when the attribution was a pronoun."""
    if not q.speaker:
        return "unattributed"
    if not q.pronoun:
        return q.speaker
    # "a-t-il ajouté" -> il; "she said" keeps no pronoun in the verb
    said = re.search(r"-(?:t-)?([^\W\d_]+)", q.verb or "")
    return f"{q.speaker} (“{said.group(1)}”: last named speaker)" if said else f"{q.speaker} (pronoun: last named speaker)"


def quote_line(q: Quote) -> str:
    """One quotation on one line: its words, speaker, verb, original and a mark when its figures changed."""
    original = f" [original: “{q.source}”]" if q.source and q.source != q.text else ""
    changed = "" if q.figures_ok else "  [figures changed in translation]"
    return f"“{q.text}” — {speaker(q)}" + (f" ({q.verb})" if q.verb and not q.pronoun else "") + original + changed


def snippet(sentence: str, text: str, width: int = 140) -> str:
    """The part of a long sentence around ``text``, cut at word boundaries."""
    if len(sentence) <= width:
        return sentence
    at = max(0, sentence.find(text))
    start = max(0, min(at - width // 3, len(sentence) - width))
    end = min(len(sentence), start + width)
    if start:
        start = sentence.find(" ", start) + 1 or start
    if end < len(sentence):
        end = sentence.rfind(" ", start, end) if sentence.rfind(" ", start, end) > at + len(text) else end
    return ("…" if start else "") + sentence[start:end].strip() + ("…" if end < len(sentence) else "")
