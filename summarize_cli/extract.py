"""Stage 2, extract: the article's title, body and metadata from a decoded document."""

from __future__ import annotations

import re
from dataclasses import replace

from summarize_cli.errors import NotAnArticle
from summarize_cli.options import Options
from summarize_cli.schema import Article, Document

_MIN_WORDS = 8
# Chinese and Japanese write no spaces between words: a word there is about two characters, so each
# ideograph or kana counts as half a word (Korean, which spaces its words, is counted like Latin text).
_SPACELESS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_SPACED_WORD = re.compile(rf"[^\W{_SPACELESS}]+")
_SPACELESS_CHAR = re.compile(rf"[{_SPACELESS}]")
# A consent (cookie) wall served instead of the article: its sentences all speak of cookies, consent
# or personal data, and it asks to accept or refuse. A story about cookies has sentences that do not.
_CONSENT = re.compile(
    r"cookie|traceur|tracker|consent|einwilligung|zustimmung|données personnelles|personal data|personenbezogen"
    r"|privacy|vie privée|confidentialité|datenschutz|privacidad|datos personales",
    re.I,
)
_CONSENT_ACTION = re.compile(
    r"\b(?:accept|refuse|reject|agree|manage|accepter|refuser|paramétrer|personnaliser|akzeptieren|ablehnen|zustimmen"
    r"|aceptar|rechazar|accetta|rifiuta)",
    re.I,
)
_WALL_MAX_WORDS = 400
# No news article comes near these sizes, and trafilatura and the text cleaner take
# minutes on more (a 20 MB page): past them only the start of the input is used, with a warning.
_MAX_HTML = 3_000_000
_MAX_TEXT = 500_000
# libxml2 checks attributes for duplicates pairwise: one tag with 200,000 attributes parses for hours.
# No real tag needs more than this many characters, so longer ones keep only their name.
_HUGE_TAG = re.compile(r"<([A-Za-z][\w:-]{0,40})[^<>]{20000,}>")


def extract(doc: Document, options: Options = Options()) -> Article:
    """Strip boilerplate from ``doc`` (unless ``options.clean`` is off) and return the :class:`Article`."""
    from summarize_cli.cleaner import clean_text
    from summarize_cli.dates import iso_from_text
    from summarize_cli.htmlextract import extract_html, html_to_text
    from summarize_cli.metadata import PageMeta, person_names

    warnings: list[str] = list(doc.warnings)
    if doc.kind == "html" and len(doc.content) > 20000:
        doc = replace(doc, content=_HUGE_TAG.sub(r"<\1>", doc.content))
    content = doc.content
    if doc.kind == "html" and len(content) > _MAX_HTML:
        content = _shrunk(content)
        if len(content) > _MAX_HTML:
            doc = replace(doc, content=html_to_text(content), kind="text")
            warnings.append(f"the page is too large for page analysis ({len(content):,} characters of markup); its visible text was cleaned instead")
        else:
            doc = replace(doc, content=content)
    if doc.kind == "text" and len(doc.content) > _MAX_TEXT:
        cut = doc.content.rfind("\n", 0, _MAX_TEXT)
        cut = cut if cut > _MAX_TEXT // 2 else _MAX_TEXT
        warnings.append(f"the text is {len(doc.content):,} characters long; only its first {cut:,} were used")
        doc = replace(doc, content=doc.content[:cut])
    meta = PageMeta(url=doc.url)
    if doc.kind == "html":
        if options.clean:
            page = extract_html(doc.content, url=doc.url)
            meta, paragraphs = page.meta, page.paragraphs
            warnings.extend(page.warnings)
        else:
            paragraphs = _paragraphs(html_to_text(doc.content))
    elif options.clean:
        cleaned = clean_text(doc.content, options.lang)
        paragraphs = cleaned.paragraphs
        warnings.extend(cleaned.warnings)
        meta = replace(
            meta,
            title=cleaned.title,
            authors=tuple(person_names(cleaned.byline)) if cleaned.byline else (),
            published=iso_from_text(cleaned.date, options.lang) if cleaned.date else None,
        )
    else:
        paragraphs = _paragraphs(doc.content)
    # Whatever the source, the article the later stages get is capped the same way (a page's text too).
    paragraphs = _capped(paragraphs, warnings)
    text = "\n".join(paragraphs)
    # A menu or a list of links has many words but no sentence: an article has at least one.
    prose = any(word_count(p) >= _MIN_WORDS for p in paragraphs)
    if options.task == "figures" and not text.strip() and doc.kind == "text":
        paragraphs = _paragraphs(doc.content)  # the cleaner took it all for boilerplate: a figure needs no article
        text = "\n".join(paragraphs)
    if not options.clean or options.task == "figures" and doc.kind == "text":
        prose = bool(re.search(r"\w", text))  # text taken as it is, and the figures of any text, need no sentence: "12 %" is enough
    if not prose:
        name = "standard input" if doc.source == "-" else doc.source
        hint = "try --no-clean to take the text as it is" if options.clean else "give a source that holds an article"
        raise NotAnArticle(f"no article text found in {name}", hint)
    if _consent_wall(paragraphs, doc.content):
        name = "standard input" if doc.source == "-" else doc.source
        raise NotAnArticle(
            f"{name} shows only a consent/cookie wall, not the article",
            "open the page in a browser, answer the consent banner, then save the page or copy its text",
        )
    return Article(
        source=doc.source,
        title=meta.title,
        text=text,
        byline=", ".join(meta.authors) or None,
        date=meta.published,
        warnings=tuple(warnings),
        authors=meta.authors,
        modified=meta.modified,
        site=meta.site,
        url=meta.url,
    )


def word_count(text: str) -> float:
    """Words in ``text``: runs of letters and digits, and half a word per Chinese or Japanese character."""
    return len(_SPACED_WORD.findall(text)) + len(_SPACELESS_CHAR.findall(text)) / 2


def _consent_wall(paragraphs: tuple[str, ...], page: str) -> bool:
    """Whether the article's text is only a consent banner: every sentence-length paragraph about consent, and a choice to make."""
    prose = [p for p in paragraphs if word_count(p) >= _MIN_WORDS]
    if not prose or sum(word_count(p) for p in prose) > _WALL_MAX_WORDS:
        return False
    if not all(_CONSENT.search(p) for p in prose):
        return False
    # The choice is often only on the banner's buttons, which extraction drops: look at the whole page.
    return any(_CONSENT_ACTION.search(p) for p in paragraphs) or bool(_CONSENT_ACTION.search(page, 0, 200_000))


def _capped(paragraphs: tuple[str, ...] | list[str], warnings: list[str]) -> tuple[str, ...]:
    """The leading whole paragraphs within _MAX_TEXT characters (a first paragraph over it is cut), with a warning."""
    total = sum(len(p) + 1 for p in paragraphs)
    if total <= _MAX_TEXT + 1:
        return tuple(paragraphs)
    kept: list[str] = []
    used = 0
    for p in paragraphs:
        if used + len(p) > _MAX_TEXT:
            if not kept:
                kept.append(p[:_MAX_TEXT])
            break
        kept.append(p)
        used += len(p) + 1
    cut = sum(len(p) + 1 for p in kept) - 1
    if not any(w.startswith("the text is") for w in warnings):
        warnings.append(f"the article's text is {total - 1:,} characters long; only its first {cut:,} were used")
    return tuple(kept)


def _shrunk(html: str) -> str:
    """The page without scripts, styles and comments: what makes most big pages big."""
    try:
        from lxml import etree
        from lxml import html as lxml_html

        root = lxml_html.document_fromstring(html)
        etree.strip_elements(root, "script", "style", "noscript", "svg", "template", etree.Comment, with_tail=False)
        return lxml_html.tostring(root, encoding="unicode")
    except Exception:  # noqa: BLE001 - unparsable: the caller falls back to visible text
        return html


def _paragraphs(text: str) -> tuple[str, ...]:
    # --no-clean keeps every line but still folds runs of white space, so offsets stay meaningful.
    return tuple(" ".join(line.split()) for line in text.splitlines() if line.strip())
