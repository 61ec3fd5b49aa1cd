"""Article extraction from HTML: trafilatura, repaired where it lets page furniture through."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from summarize_cli import cleaner
from summarize_cli.cleaner import clean_text
from summarize_cli.dates import iso_datetime, iso_from_text
from summarize_cli.errors import InstallError
from summarize_cli.languages import data_languages, guess_language
from summarize_cli.metadata import PageMeta, page_metadata, person_names, same_title

__all__ = ["HtmlArticle", "extract_html", "html_to_text"]

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody thead tfoot tr td th ul title option".split()
)
_SKIP_TAGS = frozenset("script style noscript template svg head iframe object canvas".split())
_WS = re.compile(r"[ \t\r\f\v\u00a0]+")


def html_to_text(html: str) -> str:
    """Whole visible text of a page, one block per line, with no boilerplate removal."""
    try:
        from lxml import html as lxml_html

        root = lxml_html.document_fromstring(html or "<html></html>")
    except Exception:  # noqa: BLE001 - unparsable markup: strip tags by pattern
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html or "")
        text = re.sub(r"(?s)<[^>]+>", "\n", text)
        return _tidy(text)
    parts: list[str] = []

    def walk(el) -> None:  # noqa: ANN001 - lxml element
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if tag in _SKIP_TAGS:
            if el.tail:
                parts.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    import html as html_lib

    lines = [_WS.sub(" ", html_lib.unescape(ln)).strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip()


def _norm(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


def _repair(lines: list[str], titles: list[str], lang: str) -> list[str]:
    """Drop captions, credits, share/related widgets and a repeated title from trafilatura's paragraphs."""
    rules = cleaner._rules(lang)
    units = [cleaner._Unit(ln, ln, False, False, True) for ln in lines]
    feats = cleaner._features(units, rules)
    keep: list[str] = []
    cut = cleaner._end_index(feats, 0, len(feats) - 1)
    seen: set[str] = set()
    n = len(lines)
    for i, (ln, f) in enumerate(zip(lines, feats)):
        key = _norm(ln)
        edge = i < 3 or i >= n - 2
        junk = (
            (cut is not None and i >= cut)
            # the headline repeated as the first body line (with or without the site name)
            or (i < 3 and f.nw <= 40 and any(same_title(ln, t) for t in titles))
            or (not f.prose and f.nw <= 25 and (f.line_rule or f.caption or f.boiler or f.vec["menu"]))
            # bylines and datelines are metadata, not body text
            or (edge and not f.prose and f.nw <= 16 and (f.dateish or cleaner._byline(ln, rules) is not None))
            # pages that repeat their article (AMP copies, teasers) must not count it twice
            or (f.nw >= 4 and key in seen)
        )
        seen.add(key)
        if not junk:
            keep.append(ln)
    return keep


@dataclass(frozen=True)
class HtmlArticle:
    """What an HTML page yields: the article's paragraphs and the page's metadata."""

    paragraphs: tuple[str, ...]
    meta: PageMeta
    warnings: tuple[str, ...] = ()


def _trafilatura() -> Any:
    # A broken install must not pass for a bad page: without trafilatura every page would be
    # cleaned as plain text, which keeps comment threads, and nothing would say why.
    try:
        import trafilatura
    except Exception as exc:  # noqa: BLE001 - ImportError and what a half-installed lxml raises
        raise InstallError(
            f"the HTML extractor (trafilatura) cannot be imported: {type(exc).__name__}: {exc}",
            "reinstall the tool in a fresh virtual environment as the README says (pip install .)",
        ) from exc
    return trafilatura


def extract_html(html: str, url: str | None = None) -> HtmlArticle:
    """Extract the article's paragraphs and the page's title, authors, dates, site and URL from an HTML page."""
    trafilatura = _trafilatura()
    from lxml import etree
    from lxml import html as lxml_html

    try:
        meta = page_metadata(lxml_html.document_fromstring(html), url)
    except (etree.ParserError, ValueError):  # an empty or unparsable document says nothing about itself
        meta = PageMeta(url=url)
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=True)
    except Exception as exc:  # noqa: BLE001 - trafilatura's failure on one page is that page's, not the run's
        return _fallback(html, meta, f"trafilatura failed on this page ({type(exc).__name__}: {exc}); its visible text was cleaned as plain text instead")
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return _fallback(html, meta, "trafilatura found no article in this page; its visible text was cleaned as plain text instead")
    own_title = (getattr(doc, "title", None) or "").strip() or None
    own_date = getattr(doc, "date", None)
    meta = replace(
        meta,
        title=meta.title or own_title,
        published=meta.published or (iso_datetime(own_date) if own_date else None),
        site=meta.site or (getattr(doc, "sitename", None) or None),
    )
    lines = [ln.strip() for ln in text.replace("\r", "\n").split("\n") if ln.strip()]
    if meta.standfirst and _norm(meta.standfirst)[:100] not in _norm(text):
        # trafilatura drops the lead paragraph (chapô) that many sites set apart from the body;
        # a description that only repeats the body's opening is not one
        lines.insert(0, meta.standfirst)
    # the repair reads the cleaner's rules, so only a language with boilerplate data can be its answer
    lang = guess_language(text, among=data_languages("boilerplate"))
    titles = [t for t in (meta.title, own_title) if t]
    paragraphs = _repair(lines, titles, lang) or lines
    return HtmlArticle(tuple(paragraphs), meta)


def _fallback(html: str, meta: PageMeta, warning: str) -> HtmlArticle:
    cleaned = clean_text(html_to_text(html or ""))
    meta = replace(
        meta,
        title=meta.title or cleaned.title,
        authors=meta.authors or tuple(person_names(cleaned.byline or "")),
        published=meta.published or (iso_from_text(cleaned.date) if cleaned.date else None),
    )
    return HtmlArticle(cleaned.paragraphs, meta, (warning,))
