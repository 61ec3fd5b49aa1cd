"""Frozen dataclasses passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

FigureKind = Literal["money", "percent", "count", "number", "date", "duration", "time"]


@dataclass(frozen=True)
class InputItem:
    """One article given as text rather than a path or URL (JSONL input, Python API, Ray)."""

    source: str
    text: str
    title: str | None = None
    url: str | None = None
    problem: str | None = None  # why the input line could not be read, e.g. invalid JSON


@dataclass(frozen=True)
class Document:
    """Decoded input of one source, before extraction."""

    source: str
    content: str
    kind: Literal["html", "text", "feed"]  # a feed's entries are fetched and summarised as articles
    url: str | None = None
    warnings: tuple[str, ...] = ()  # what reading it left out (pages of a long PDF)


@dataclass(frozen=True)
class Article:
    """Cleaned article: title apart, body paragraphs joined by newlines."""

    source: str
    title: str | None
    text: str
    language: str | None = None
    byline: str | None = None
    date: str | None = None  # ISO 8601: the published date, with its time when the page gives one
    warnings: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    modified: str | None = None  # ISO 8601, only when the page gives a later modification date
    site: str | None = None
    url: str | None = None  # the page's canonical URL, else the URL it was fetched from
    title_source: str | None = None  # the original title, when ``title`` is a translation
    # (start, end) spans into ``text``, computed once by the pipeline after the language is known; () when
    # the Article was built by hand (stages then split the text themselves).
    paragraphs: tuple[tuple[int, int], ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class KeyFigure:
    """One figure found in a text; ``text == source_text[start:end]``."""

    text: str
    start: int
    end: int
    kind: FigureKind
    value: float | None
    unit: str | None = None
    currency: str | None = None
    note: str | None = None
    label: str | None = None
    sentence: str | None = None
    rank: int | None = None  # 1 = the figure to show first (see figures.rank_figures)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping, in the documented key order."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "value": self.value,
            "unit": self.unit,
            "currency": self.currency,
            "note": self.note,
            "label": self.label,
            "sentence": self.sentence,
            "rank": self.rank,
        }


@dataclass(frozen=True)
class Quote:
    """A direct quotation; ``text == source_text[start:end]`` and the speaker's name at ``speaker_start``."""

    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_start: int | None = None
    verb: str | None = None
    sentence: str | None = None
    pronoun: bool = False  # the attribution says "il"/"she": the speaker is the last one named before
    source: str | None = None  # the original words, when ``text`` is a translation
    figures_ok: bool = True  # False when the translation changed a figure of the original

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping, in the documented key order."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "speaker_start": self.speaker_start,
            "verb": self.verb,
            "sentence": self.sentence,
            "pronoun": self.pronoun,
            "source": self.source,
            "figures_ok": self.figures_ok,
        }


@dataclass(frozen=True)
class Summary:
    """Summary sentences, in ``language``, with where they came from."""

    sentences: tuple[str, ...]
    language: str
    method: str
    model: str | None = None
    source_sentences: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()
    highlights: tuple[tuple[KeyFigure, ...], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "sentences": list(self.sentences),
            "language": self.language,
            "method": self.method,
            "model": self.model,
            "source_sentences": list(self.source_sentences or self.sentences),
        }


@dataclass(frozen=True)
class TranslatedSentence:
    """A source sentence, its translation and whether their figures agree."""

    source: str
    text: str
    figures_ok: bool = True
    paragraph: int = 0  # which paragraph of the source it belongs to (the translate command keeps them)
    # Why the source sentence was kept instead of the model's output ("empty translation", "repetition loop"), else None.
    note: str | None = None


@dataclass(frozen=True)
class Translation:
    """Which model translated what."""

    model: str
    source_language: str
    target_language: str
    sentences: tuple[TranslatedSentence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {
            "model": self.model,
            "source_language": self.source_language,
            "target_language": self.target_language,
            "sentences": [
                {"source": s.source, "text": s.text, "figures_ok": s.figures_ok, "paragraph": s.paragraph, "note": s.note}
                for s in self.sentences
            ],
        }


@dataclass(frozen=True)
class ErrorInfo:
    """Why a source failed, as shown in JSON output."""

    code: str
    message: str
    exit_code: int
    traceback: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping."""
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class Result:
    """Everything the pipeline produced for one source."""

    source: str
    article: Article | None = None
    summary: Summary | None = None
    figures: tuple[KeyFigure, ...] = ()
    translation: Translation | None = None
    warnings: tuple[str, ...] = field(default=())
    error: ErrorInfo | None = None
    quotes: tuple[Quote, ...] = ()
    key_quotes: tuple[int, ...] = ()  # indexes into ``quotes`` of those the summary shows
    key_figures: tuple[int, ...] = ()  # indexes into ``figures`` of those shown, best first; () shows them all
    feed: str | None = None  # the feed (as given) this article is an entry of

    @property
    def ok(self) -> bool:
        """True when the source was processed without error."""
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON object for this source."""
        art = self.article
        out: dict[str, Any] = {
            "source": self.source,
            "title": art.title if art else None,
            "title_source": art.title_source if art else None,
            "language": art.language if art else None,
            "text": art.text if art else None,
            "byline": art.byline if art else None,
            "authors": list(art.authors) if art else [],
            "date": art.date if art else None,
            "modified": art.modified if art else None,
            "site": art.site if art else None,
            "url": art.url if art else None,
            "feed": self.feed,
            "summary": self.summary.to_dict() if self.summary else None,
            "figures": [f.to_dict() for f in self.figures],
            "quotes": [q.to_dict() for q in self.quotes],
            "warnings": list(self.warnings),
            "error": self.error.to_dict() if self.error else None,
        }
        if self.translation is not None:
            out["translation"] = self.translation.to_dict()
        return out
