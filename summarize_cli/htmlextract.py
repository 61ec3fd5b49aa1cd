"""Article extraction from HTML: trafilatura, repaired where it lets page furniture through."""

from __future__ import annotations

import re

from summarize_cli import cleaner
from summarize_cli.cleaner import Cleaned, clean_text

__all__ = ["extract_html", "html_to_text"]

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


def _repair(lines: list[str], title: str | None, lang: str) -> tuple[list[str], list[str]]:
    """Drop captions, credits, share/related widgets and a repeated title from trafilatura's paragraphs."""
    rules = cleaner._rules(lang)
    units = [cleaner._Unit(ln, ln, False, False, True) for ln in lines]
    feats = cleaner._features(units, rules)
    tkey = _norm(title or "")
    keep: list[str] = []
    dropped: list[str] = []
    cut = cleaner._end_index(feats, 0, len(feats) - 1)
    seen: set[str] = set()
    n = len(lines)
    for i, (ln, f) in enumerate(zip(lines, feats)):
        key = _norm(ln)
        edge = i < 3 or i >= n - 2
        junk = (
            (cut is not None and i >= cut)
            or (tkey and i < 3 and key == tkey)
            or (not f.prose and f.nw <= 25 and (f.line_rule or f.caption or f.boiler or f.vec["menu"]))
            # bylines and datelines are metadata, not body text
            or (edge and not f.prose and f.nw <= 16 and (f.dateish or cleaner._byline(ln, rules) is not None))
            # pages that repeat their article (AMP copies, teasers) must not count it twice
            or (f.nw >= 4 and key in seen)
        )
        seen.add(key)
        (dropped if junk else keep).append(ln)
    return keep, dropped


def extract_html(html: str, url: str | None = None) -> Cleaned:
    """Extract title, body paragraphs, byline and date from an HTML page."""
    try:
        import trafilatura

        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception:  # noqa: BLE001 - fall back to our own text cleaner below
        doc = None
    text = getattr(doc, "text", None) if doc is not None else None
    if isinstance(doc, dict):
        text = doc.get("text")
    if not text or not text.strip():
        try:
            return clean_text(html_to_text(html or ""))
        except Exception:  # noqa: BLE001
            return Cleaned(None, (), None, None, ())
    meta = doc if isinstance(doc, dict) else {
        "title": getattr(doc, "title", None), "author": getattr(doc, "author", None), "date": getattr(doc, "date", None)
    }
    title = (meta.get("title") or "").strip() or None
    lines = [ln.strip() for ln in text.replace("\r", "\n").split("\n") if ln.strip()]
    lang = cleaner._guess_lang(text)
    paragraphs, dropped = _repair(lines, title, lang)
    if not paragraphs:
        paragraphs, dropped = lines, []
    byline = (meta.get("author") or "").strip() or None
    date = (meta.get("date") or "").strip() or None
    return Cleaned(title, tuple(paragraphs), byline, date, tuple(dropped))
