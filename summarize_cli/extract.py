"""Stage 2, extract: the article's title, body and metadata from a decoded document."""

from __future__ import annotations

import re

from summarize_cli.errors import NotAnArticle
from summarize_cli.options import Options
from summarize_cli.schema import Article, Document

_MIN_WORDS = 8


def extract(doc: Document, options: Options = Options()) -> Article:
    """Strip boilerplate from ``doc`` (unless ``options.clean`` is off) and return the :class:`Article`."""
    from summarize_cli.cleaner import clean_text
    from summarize_cli.htmlextract import extract_html, html_to_text

    if doc.kind == "html":
        if options.clean:
            cleaned = extract_html(doc.content, url=doc.url)
            title, paragraphs, byline, date = cleaned.title, cleaned.paragraphs, cleaned.byline, cleaned.date
        else:
            title, paragraphs, byline, date = None, _paragraphs(html_to_text(doc.content)), None, None
    elif options.clean:
        cleaned = clean_text(doc.content, options.lang)
        title, paragraphs, byline, date = cleaned.title, cleaned.paragraphs, cleaned.byline, cleaned.date
    else:
        title, paragraphs, byline, date = None, _paragraphs(doc.content), None, None
    text = "\n".join(paragraphs)
    if len(re.findall(r"\w+", text)) < _MIN_WORDS:
        name = "standard input" if doc.source == "-" else doc.source
        hint = "try --no-clean to take the text as it is" if options.clean else "give a source that holds an article"
        raise NotAnArticle(f"no article text found in {name}", hint)
    return Article(source=doc.source, title=title, text=text, byline=byline, date=date)


def _paragraphs(text: str) -> tuple[str, ...]:
    # --no-clean keeps every line but still folds runs of white space, so offsets stay meaningful.
    return tuple(" ".join(line.split()) for line in text.splitlines() if line.strip())
