"""Page metadata from an HTML page's own signals: JSON-LD, meta tags, the headline and byline markup, reconciled."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator
from urllib.parse import urljoin, urlsplit

from summarize_cli.dates import calendar_kind, iso_datetime

__all__ = ["PageMeta", "person_names", "page_metadata", "same_title"]


@dataclass(frozen=True)
class PageMeta:
    """What a page says about itself; every field may be missing."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    modified: str | None = None
    site: str | None = None
    url: str | None = None
    # the visible element that repeats the page's description: the standfirst, when trafilatura drops it
    standfirst: str | None = None


_ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report|SocialMediaPosting|LiveBlogPosting)$")
_TITLE_SEP = re.compile(r"\s+[|\-–—·•»«:/]{1,2}\s+|\s*[|_｜]\s*")
_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
# Blocks whose bylines and headlines belong to other articles or to readers.
_ELSEWHERE = re.compile(
    r"comment|related|teaser|recommend|sidebar|widget|promo|more-?from|popular|most-?read|newsletter|next-?post|share",
    re.I,
)
_CLASS_DEPTH = 6
_NAME_CLASS = re.compile(r"(^|[-_\s])(byline|author|authors|author-?name|authorname|contributor|writer)([-_\s]|$)", re.I)
_URLISH = re.compile(r"https?://|www\.|\.\w{2,4}/|@\w")
_DIGIT = re.compile(r"\d")

_TITLE_META = ("og:title", "twitter:title", "parsely-title", "dc.title", "sailthru.title", "title")
_AUTHOR_META = (
    "author", "article:author", "article:author_name", "og:article:author", "parsely-author", "sailthru.author",
    "dc.creator", "byl", "dcsext.author", "citation_author", "cxenseparse:author",
)
_SITE_META = ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:app:name:iphone")
_PUBLISHED_META = (
    "article:published_time", "article:published", "og:published_time", "datepublished", "parsely-pub-date",
    "sailthru.date", "dc.date", "dc.date.issued", "dcterms.created", "pubdate", "publishdate", "publish_date",
    "date", "pdate", "dcsext.articlefirstpublished",
)
_MODIFIED_META = ("article:modified_time", "article:modified", "og:updated_time", "datemodified", "dcterms.modified", "last_updated")
_DESC_META = ("og:description", "description", "twitter:description", "dc.description")


def page_metadata(root: Any, url: str | None = None) -> PageMeta:
    """Title, authors, dates, site and canonical URL of a parsed page (an lxml root), reconciled across sources."""
    metas = _metas(root)
    ld = _main_ld(root)
    page_url = _canonical(root, metas, ld, url)
    sites = _site_names(metas, ld, page_url)
    site = sites[0] if sites else None
    h1s = _headlines(root)
    ld_authors = _ld_people(ld.get("author")) if ld else ()
    ld_orgs = _ld_people(ld.get("author"), organisations=True) if ld else ()
    meta_authors = tuple(n for k in _AUTHOR_META for v in metas.get(k, ()) for n in person_names(v))
    title = _title(root, metas, ld, h1s, sites, ld_authors + meta_authors)
    authors = _authors(root, ld_authors, meta_authors, sites, h1s) or ld_orgs
    published = _first_date([_ld_str(ld, "datePublished"), _ld_str(ld, "dateCreated")] + _meta_values(metas, _PUBLISHED_META) + _time_tags(root))
    modified = _first_date([_ld_str(ld, "dateModified")] + _meta_values(metas, _MODIFIED_META))
    if modified == published:
        modified = None
    description = next((c for c in map(_clean, [_ld_str(ld, "description")] + _meta_values(metas, _DESC_META)) if c), None)
    return PageMeta(
        title=title,
        authors=authors,
        published=published,
        modified=modified,
        site=site,
        url=page_url,
        standfirst=_standfirst(root, description),
    )


# --- reading the page ------------------------------------------------------------------


def _clean(s: str | None) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFC", s or "")).strip()


def _metas(root: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        val = _clean(m.get("content"))
        if key and val:
            out.setdefault(key, []).append(val)
    return out


def _meta_values(metas: dict[str, list[str]], keys: Iterable[str]) -> list[str]:
    return [v for k in keys for v in metas.get(k, ())]


def _ld_objects(root: Any) -> Iterator[dict]:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        # CMSs wrap the JSON in CDATA or comments; anything still unparsable is skipped, like a browser would
        raw = re.sub(r"^\s*(//\s*)?<!\[CDATA\[|(//\s*)?\]\]>\s*$|^\s*<!--|-->\s*$", "", raw)
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):  # RecursionError: JSON nested 100,000 deep
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(reversed(node))
            elif isinstance(node, dict):
                yield node
                if "@graph" in node:
                    stack.append(node["@graph"])


def _types(node: dict) -> list[str]:
    t = node.get("@type")
    return [str(x) for x in (t if isinstance(t, list) else [t]) if x]


def _main_ld(root: Any) -> dict:
    """The JSON-LD object describing the article itself (the first of an article type that has a headline)."""
    found = [n for n in _ld_objects(root) if any(_ARTICLE_TYPES.search(t) for t in _types(n))]
    with_headline = [n for n in found if n.get("headline")]
    return (with_headline or found or [{}])[0]


def _ld_str(ld: dict, key: str) -> str | None:
    v = ld.get(key) if ld else None
    if isinstance(v, list):
        v = v[0] if v else None
    if isinstance(v, dict):
        v = v.get("@id") or v.get("url") or v.get("name")
    return _clean(v) if isinstance(v, str) else None


def _ld_people(value: Any, organisations: bool = False) -> tuple[str, ...]:
    """Person names among JSON-LD authors; with ``organisations``, the names of the organisations instead."""
    items = value if isinstance(value, list) else [value]
    people: list[str] = []
    for item in items:
        if isinstance(item, str) and not organisations:
            people.extend(person_names(item))
        elif isinstance(item, dict) and ("Organization" in _types(item)) == organisations:
            name = item.get("name")
            if isinstance(name, str):
                people.extend(person_names(name) if not organisations else [_clean(name)] if _WORD.search(name) else [])
    return tuple(people)


def _elsewhere(el: Any) -> bool:
    """True when ``el`` sits in a block that belongs to other articles, readers or the site's frame."""
    # <body> and <html> classes describe the whole page ("single-post has-comments"), not this block
    chain = [n for n in (el, *el.iterancestors()) if n.tag not in ("body", "html")]
    in_article = any(n.tag == "article" for n in chain)
    for depth, node in enumerate(chain):
        tag = node.tag if isinstance(node.tag, str) else ""
        # an <article>'s own <footer> holds its author (HTML5); the page's footer does not
        if tag in ("nav", "aside", "form") or (tag == "footer" and not in_article):
            return True
        # class names only speak for the block they are near: a CMS may wrap the whole
        # article in a "widget" or "comments-enabled" container far above it
        ident = f"{node.get('class') or ''} {node.get('id') or ''}"
        if depth < _CLASS_DEPTH and ident.strip() and _ELSEWHERE.search(ident):
            return True
    return False


def _text(el: Any) -> str:
    return _clean(el.text_content())


def _headlines(root: Any) -> list[Any]:
    return [h for h in root.iter("h1") if len(_WORD.findall(_text(h))) >= 1 and not _elsewhere(h)]


def _canonical(root: Any, metas: dict[str, list[str]], ld: dict, url: str | None) -> str | None:
    cands = [link.get("href") for link in root.iter("link") if "canonical" in (link.get("rel") or "").lower().split()]
    cands += metas.get("og:url", []) + [_ld_str(ld, "url"), _ld_str(ld, "mainEntityOfPage")]
    for c in cands:
        if not c:
            continue
        try:
            full = urljoin(url or "", c.strip())
            if urlsplit(full).scheme in ("http", "https") and urlsplit(full).netloc:
                return full
        except ValueError:  # "http://[::1" and other URLs urllib cannot split
            continue
    try:
        return url if url and urlsplit(url).scheme in ("http", "https") else None
    except ValueError:
        return None


def _site_names(metas: dict[str, list[str]], ld: dict, url: str | None) -> list[str]:
    names = _meta_values(metas, _SITE_META)
    pub = ld.get("publisher") if ld else None
    if isinstance(pub, dict) and isinstance(pub.get("name"), str):
        names.append(_clean(pub["name"]))
    try:
        host = urlsplit(url).netloc.lower() if url else ""
    except ValueError:
        host = ""
    names += [n.lstrip("@") for n in metas.get("twitter:site", [])]
    out = list(dict.fromkeys(n for n in names if n))
    if host:
        out.append(host.split(":")[0].removeprefix("www."))
        # the registrable domain names the site under any subdomain: "en.wikipedia.org" is "wikipedia"
        domain = _registrable_domain(url or "")
        if domain and domain not in out:
            out.append(domain)
    return out


def _registrable_domain(url: str) -> str | None:
    from courlan import extract_domain  # comes with trafilatura; knows the public suffixes (co.uk, com.br)

    return extract_domain(url)


# --- comparing strings -----------------------------------------------------------------


def _fold(s: str) -> str:
    """Lower case without accents or anything but letters and digits: 'Libération.fr' -> 'liberationfr'."""
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in s if c.isalnum())


def _tokens(s: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKD", s.casefold()).encode("ascii", "ignore").decode() or s.casefold())


def _f1(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    common = sum(min(ta.count(w), tb.count(w)) for w in set(ta))
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def same_title(a: str | None, b: str | None) -> bool:
    """True when two strings are the same headline, give or take a word or its punctuation."""
    return bool(a) and bool(b) and _f1(a or "", b or "") >= 0.8


def _is_site(segment: str, sites: list[str]) -> bool:
    f = _fold(segment)
    if not f:
        return True
    for s in sites:
        g = _fold(s.split(".")[0] if "." in s and " " not in s else s)
        if g and (f == g or (len(g) >= 3 and (g in f or f in g) and len(f) <= len(g) + 6)):
            return True
    return False


# --- title ---------------------------------------------------------------------------------


def _strip_site(title: str, sites: list[str], people: tuple[str, ...]) -> str:
    """The title without the site name, section, author or date that CMSs put before or after it."""
    title = _clean(title).strip(" »«|-–—·•")
    parts = _TITLE_SEP.split(title)
    seps = _TITLE_SEP.findall(title)
    if len(parts) < 2:
        return title

    def removable(p: str) -> bool:
        return _is_site(p, sites) or any(_fold(p) == _fold(n) for n in people) or bool(re.fullmatch(r"[\d./\s-]+", p))

    lo, hi = 0, len(parts)
    while hi - lo > 1 and removable(parts[hi - 1]):
        hi -= 1
    while hi - lo > 1 and removable(parts[lo]):
        lo += 1
    out = parts[lo]
    for sep, part in zip(seps[lo:hi - 1], parts[lo + 1:hi]):
        out += sep + part
    return out.strip(" »«|-–—·•") or title


def _title(root: Any, metas: dict[str, list[str]], ld: dict, h1s: list[Any], sites: list[str], people: tuple[str, ...]) -> str | None:
    doc_title = root.find(".//title")
    claims = [_ld_str(ld, "headline")] + _meta_values(metas, _TITLE_META) + [_text(doc_title) if doc_title is not None else None]
    claims = [_strip_site(c, sites, people) for c in claims if c]
    claims = [c for c in claims if _WORD.search(c)]
    # The visible headline wins when the page's own metadata agrees with it: it is complete
    # (og:title is often cut at 100 characters) and carries no site name.
    for h in h1s:
        text = _text(h)
        if any(_f1(text, c) >= 0.6 or (len(text) >= 15 and _fold(text) in _fold(c)) for c in claims):
            return text
    if claims:
        return claims[0]
    return _text(h1s[0]) if h1s else None


# --- authors -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _byline_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Byline prefixes ('By', 'Par') and name joiners ('and', 'et') of every language the tool has data for."""
    from summarize_cli.languages import boilerplate_rules, words_pattern

    prefixes: list[str] = []
    joiners: list[str] = []
    for rules in boilerplate_rules().values():
        prefixes += rules.get("byline_prefix", [])
        joiners += rules.get("name_joiner", [])
    alt, jalt = words_pattern(prefixes), words_pattern(joiners)
    return re.compile(rf"^(?:{alt})\s*:?\s+", re.I), re.compile(rf"\s*[,;/]\s*|\s+(?:{jalt})\s+|\s+&\s+(?=\S+\s+\S)", re.I)


# Where a byline's names end: a separator, or a date or dateline that the CMS appended.
_SEPARATOR = re.compile(r"\s*(?:[|•·—–]|\s-\s)")
_TOKEN = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _dateline() -> re.Pattern[str]:
    """The dateline words ('Updated', 'Mis à jour') of every language the tool has data for, anywhere in a string."""
    from summarize_cli.languages import boilerplate_rules

    # the data's patterns match a line's start; in a byline they follow the names
    pats = [p.removeprefix("^") for rules in boilerplate_rules().values() for p in rules.get("dateline", [])]
    return re.compile("|".join(f"(?:\\b(?:{p}))" for p in pats) or "(?!)", re.I)


@lru_cache(maxsize=1)
def _not_author() -> re.Pattern[str]:
    from summarize_cli.languages import boilerplate_rules, words_pattern

    credits = [c for rules in boilerplate_rules().values() for c in rules.get("byline_not_author", [])]
    alt = words_pattern(credits)
    return re.compile(rf"^(?:{alt})\b", re.I)


def _date_start(s: str) -> int | None:
    """Where a date begins in ``s``: its first number, with the month or weekday names written before it."""
    tokens = list(_TOKEN.finditer(s))
    for i, tok in enumerate(tokens):
        t = tok.group().strip("(),.;:")
        # a day, year or time: "3rd", "1er", "11:57", "2015-04-30T07:19" but not "20Minutes", a name
        if t[:1].isdigit() and sum(c.isalpha() for c in t) <= 3:
            j = i
            # "on Sunday, Feb 1, 2015": the calendar words written before the day or year are the date's. A name
            # that is also a month or weekday is not: one followed by a comma ("Brian May, 12 March"), one before
            # a time or an all-digit date ("Arthur Sun, 12:30", "Marie Avril 12/03/2024").
            if not any(c in t for c in ":/-"):
                while j > 0 and _date_word_before(tokens[j - 1].group(), tokens[j].group(), j == i):
                    j -= 1
            return tokens[j].start()
    return None


def _date_word_before(word: str, after: str, next_is_number: bool) -> bool:
    """Whether ``word`` (a token right before ``after``) belongs to the date that ``after`` starts or continues."""
    kind = calendar_kind(word)
    if kind is None:
        return False
    if next_is_number:
        # a month is written next to its day or year, without a comma ("March 3", "Feb 1, 2015"); a weekday may
        # keep one ("Sunday, 1 February")
        return kind == "weekday" or not word.endswith(",")
    # a weekday before the month already taken: "Sunday, Feb 1"
    return kind == "weekday" and calendar_kind(after) == "month"


def _names_part(s: str) -> str | None:
    """The part of a byline before its separator, date or dateline; None when the byline is only a dateline."""
    found = [(m.start(), kind) for m, kind in ((_SEPARATOR.search(s), "separator"), (_dateline().search(s), "dateline")) if m]
    date = _date_start(s)
    if date is not None:
        found.append((date, "date"))
    if not found:
        return s
    cut, kind = min(found)
    head = s[:cut]
    # "Last Updated: January 7" is a dateline, not a person called Last
    if kind == "dateline" and len(head.split()) < 2:
        return None
    # the words that joined the names to the date ("le", "on") are not the names' either
    words = head.split()
    while words and words[-1][:1].islower():
        words.pop()
    return " ".join(words)


def person_names(raw: str) -> list[str]:
    """Person names in one byline string, without 'By', dates, handles or roles."""
    prefix, joiner = _byline_words()
    s = _clean(raw)
    if not s or "://" in s and " " not in s:
        return []
    s = prefix.sub("", s)
    # "(http://ebb.org/bkuhn/)", "(@handle)", "(AFP)" say where, not who; "(R.J.)" is part of the name
    s = re.sub(r"\s*\((?:[^()]*(?:https?:|www\.|@|\d)[^()]*)\)", " ", s)
    names = _names_part(s)
    if names is None:
        return []
    out: list[str] = []
    for part in joiner.split(names):
        part = part.strip(" .,:;-")
        # "Editing by Bill Berkrot", "Additional reporting by ...": credited, not the article's authors
        if _not_author().match(part):
            continue
        part = prefix.sub("", part)
        part = re.sub(r"\s+@\w+$", "", part)
        if _looks_like_name(part):
            out.append(part.title() if part.isupper() and len(part) > 3 else part)
    return out


def _looks_like_name(s: str) -> bool:
    words = s.split()
    if not words or len(words) > 5 or len(s) > 60 or _URLISH.search(s) or _DIGIT.search(s):
        return False
    words = [w.strip("()") for w in words if w.strip("()")]
    cased = [w for w in words if w[:1].isalpha() and w[:1].lower() != w[:1].upper()]
    if not cased:
        return len(s) <= 12  # scripts without case (Chinese, Japanese): short strings only
    # names are capitalised; particles (de, van, von, bin) are not
    return sum(w[:1].isupper() for w in cased) >= max(1, len(cased) - 2) and words[0][:1].isupper()


def _markup_authors(root: Any, h1s: list[Any]) -> list[tuple[str, str]]:
    """Names in byline markup near the headline: the first byline block after it, outside teasers and comments."""
    anchor = h1s[0] if h1s else None
    order = {el: i for i, el in enumerate(root.iter())}
    start = order.get(anchor, 0)
    blocks: list[tuple[int, Any]] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("meta", "link", "script", "style", "img", "html", "body"):
            continue
        rel = (el.get("rel") or "").lower().split()
        itemprop = (el.get("itemprop") or "").lower().split()
        cls = f"{el.get('class') or ''} {el.get('id') or ''}"
        if "author" in rel or "author" in itemprop or _NAME_CLASS.search(cls):
            if not _elsewhere(el):
                blocks.append((order[el], el))
    if not blocks:
        return []
    # Bylines sit just after the headline (or just before it, on pages that put them above):
    # the nearest block after it wins, then the nearest before it.
    after = [b for b in blocks if b[0] >= start]
    before = [b for b in blocks if b[0] < start]
    for _, el in after[:4] + list(reversed(before))[:2]:
        names = _block_names(el)
        if names:
            return names
    return []


def _block_names(el: Any) -> list[tuple[str, str]]:
    """Names in a byline block, each with the kind of element it came from (its tag and class)."""
    # the innermost name element (itemprop=name, an author link) is the name without role or date
    inner = el.xpath(".//*[@itemprop='name'] | .//a[@rel='author'] | .//*[contains(@class,'name')] | .//a")
    names: list[tuple[str, str]] = []
    for x in inner:
        names += [(n, f"{x.tag}.{x.get('class') or ''}") for n in person_names(_text(x))]
    if not names:
        names = [(n, f"{el.tag}.{el.get('class') or ''}") for n in person_names(_text(el))]
    return list(dict.fromkeys(names))


def _dedupe(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for n in names:
        seen.setdefault(_fold(n), n)
    return tuple(seen.values())


def _authors(root: Any, ld_people: tuple[str, ...], meta_people: tuple[str, ...], sites: list[str], h1s: list[Any]) -> tuple[str, ...]:
    people = [n for n in ld_people + meta_people if not _is_site(n, sites)]
    markup = [(n, kind) for n, kind in _markup_authors(root, h1s) if not _is_site(n, sites)]
    if people:
        # the byline block may name co-authors that the metadata lists only once: names set in
        # the same kind of element as one the metadata confirms ("Deal Professor" in a column
        # link beside the author's name is not one)
        kinds = {kind for n, kind in markup if any(_fold(n) == _fold(p) for p in people)}
        return _dedupe(people + [n for n, kind in markup if kind in kinds])
    if markup:
        return _dedupe(n for n, _ in markup)
    # an organisation as the only author (a wire story, "BBC News") is still the byline; so is one
    # that JSON-LD declares as the author ("Contributors to Wikimedia projects"), when no person is named
    return _dedupe(ld_people + meta_people)


# --- dates, standfirst ---------------------------------------------------------------------


def _time_tags(root: Any) -> list[str]:
    tags = [t for t in root.iter("time") if t.get("datetime") and not _elsewhere(t)]
    pub = [t for t in tags if "datepublished" in (t.get("itemprop") or "").lower() or "pubdate" in t.attrib]
    return [t.get("datetime") for t in pub + tags[:1]]


def _first_date(values: list[str | None]) -> str | None:
    for v in values:
        iso = iso_datetime(v) if v else None
        if iso:
            return iso
    return None


def _standfirst(root: Any, description: str | None) -> str | None:
    """The visible paragraph that the page's description repeats: the lead that introduces the article."""
    if not description or len(_WORD.findall(description)) < 8:
        return None
    want = _fold(description.rstrip(".…")[:200])
    if len(want) < 30:
        return None
    best: str | None = None
    for el in root.iter("p", "div", "h2", "h3", "span", "section", "header"):
        text = _text(el)
        if not (len(want) <= len(_fold(text)) * 1.05 and len(text) < 1.5 * len(description) + 40):
            continue
        # the smallest element that holds the description is the lead itself, not a container around it
        if _fold(text).startswith(want[: max(30, int(len(want) * 0.9))]) and (best is None or len(text) < len(best)):
            if not _elsewhere(el):
                best = text
    return best
