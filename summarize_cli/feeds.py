"""RSS and Atom feeds: a feed is a list of articles, each fetched from its link (feedparser reads the feed)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from summarize_cli.errors import InputError

__all__ = ["DEFAULT_LIMIT", "FeedEntry", "feed_entries", "looks_like_feed"]

# Without --limit, a feed gives at most this many articles: a site's feed of 10,000 entries is an archive.
DEFAULT_LIMIT = 100

# An XML document whose root is <rss>, <feed> (Atom) or <rdf:RDF> (RSS 1.0), after the prolog and comments.
_FEED_ROOT = re.compile(r"^\ufeff?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)*<(?:rss|feed|rdf:RDF)\b", re.S | re.I)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: where the article is, and what the feed says of it (fallbacks for the page's own)."""

    link: str
    title: str | None = None
    published: str | None = None  # ISO 8601
    author: str | None = None
    key: str = ""  # what identifies this version of the entry: its id (or link) and its updated date


def looks_like_feed(text: str) -> bool:
    """True when ``text`` is an RSS or Atom document (recognised from its root element, not its name)."""
    return bool(_FEED_ROOT.match(text[:4096]))


def feed_entries(content: str, base_url: str | None, name: str, since: str | None = None, limit: int | None = None) -> tuple[list[FeedEntry], int]:
    """The feed's entries with an http(s) link, in the feed's order, after ``since``, at most ``limit``; and how many matched."""
    import feedparser

    from summarize_cli.dates import iso_datetime

    # the text is already decoded (charset from HTTP, BOM or the XML prolog): hand it over as UTF-8, said so
    headers = {"content-type": "application/xml; charset=utf-8", **({"content-location": base_url} if base_url else {})}
    parsed = feedparser.parse(content.encode("utf-8", "replace"), response_headers=headers)
    if not parsed.entries and parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        raise InputError(f"{name} is not a readable RSS or Atom feed ({type(problem).__name__}: {problem})", "check the feed's URL")
    out: list[FeedEntry] = []
    cap = limit if limit is not None else DEFAULT_LIMIT
    matched = 0
    for e in parsed.entries:
        link = e.get("link") or next((lk.get("href") for lk in e.get("links", []) if lk.get("href")), None)
        if not link:
            continue
        link = urljoin(base_url or "", link)
        if urlsplit(link).scheme not in ("http", "https"):
            continue
        published = None
        # dict.get, not e.get: feedparser's own lookup maps a missing "updated" to "published" with a warning
        for field in ("published", "updated", "created"):
            raw = dict.get(e, field)
            if raw:
                # a date written as ISO that does not parse (2026-13-45) is wrong, not to be rolled over
                iso_like = bool(re.match(r"\s*\d{4}-", str(raw)))
                published = iso_datetime(raw) or (None if iso_like else _from_struct(dict.get(e, f"{field}_parsed")))
                if published:
                    break
        if since and published and published[:10] < since[:10]:
            continue
        author = e.get("author") or ", ".join(a.get("name", "") for a in e.get("authors", []) if a.get("name")) or None
        title = (e.get("title") or "").strip() or None
        key = f"{dict.get(e, 'id') or link}\0{dict.get(e, 'updated') or dict.get(e, 'published') or ''}"
        matched += 1
        if len(out) < cap:
            out.append(FeedEntry(link=link, title=title, published=published, author=author, key=key))
    return out, matched


def _from_struct(st: Any) -> str | None:
    # feedparser turns RFC 822 dates ("Tue, 01 Dec 2026 08:00:00 GMT") into a UTC struct_time
    if st is None:
        return None
    try:
        import calendar
        from datetime import datetime, timezone

        dt = datetime.fromtimestamp(calendar.timegm(tuple(st)), tz=timezone.utc)
        return dt.isoformat() if 1900 <= dt.year <= 2100 else None
    except (TypeError, ValueError, OverflowError):
        return None
