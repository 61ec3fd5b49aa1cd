"""Text of a PDF document (press releases, reports), without its running headers, footers and page numbers."""

from __future__ import annotations

import io
import re
from collections import Counter

from summarize_cli.errors import InputError

__all__ = ["pdf_text"]

# Lines that only number the page: "3", "- 3 -", "Page 3", "3 / 12", "p. 3".
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:(?:page|p\.)\s*)?\d{1,4}(?:\s*(?:/|sur|of)\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I)
_EDGE = 3  # lines at the top and bottom of a page where running headers and footers sit
_MAX_PAGES = 500


def pdf_text(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """The PDF's text, page after page, with lines repeated at the edge of most pages and page numbers removed; and warnings."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs what it repairs ("EOF marker not found") on the root logger's stderr: our warnings say what matters
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # An owner password only restricts printing or copying: the text opens with an empty user password.
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises its own errors or NotImplementedError for unknown ciphers
                ok = 0
            if not ok:
                raise InputError(f"{name} is an encrypted PDF", "open it with its password and save a copy without one, or export its text")
        pages = []
        total = len(reader.pages)
        for page in reader.pages[:_MAX_PAGES]:
            pages.append(page.extract_text() or "")
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError, NotImplementedError, MemoryError) as exc:
        raise InputError(f"{name} is a PDF that cannot be read ({type(exc).__name__}: {exc})", "export its text from a PDF viewer") from exc
    text = _strip_furniture([p.splitlines() for p in pages])
    warnings = (f"{name} has {total:,} pages; only the first {_MAX_PAGES:,} were read",) if total > _MAX_PAGES else ()
    if len(re.findall(r"\w+", text)) < 5:
        raise InputError(f"{name} is a PDF without a text layer (a scan?)", "run it through OCR first (e.g. ocrmypdf); this tool reads text, not images")
    return text, warnings


def _key(line: str) -> str:
    # Running headers often carry the page number: "Rapport annuel 2024 — page 3" repeats as "Rapport annuel 2024 — page #".
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _strip_furniture(pages: list[list[str]]) -> str:
    """Drop lines that come back at the top or bottom of most pages, and page numbers, then rejoin wrapped lines."""
    kept_pages = [[ln for ln in lines if ln.strip()] for lines in pages]
    edges: Counter[str] = Counter()
    for kept in kept_pages:
        for ln in set(_key(x) for x in kept[:_EDGE] + kept[-_EDGE:]):
            edges[ln] += 1
    # a line at the edge of at least half the pages (and of two at least) is a running header or footer
    repeated = {k for k, n in edges.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    out: list[str | None] = []
    for number, kept in enumerate(kept_pages, start=1):
        n = len(kept)
        for i, ln in enumerate(kept):
            at_edge = i < _EDGE or i >= n - _EDGE
            if at_edge and (_key(ln) in repeated or _is_page_number(ln, number)):
                continue
            out.append(" ".join(ln.split()))
        out.append(None)  # a page break: a paragraph may go on over it
    return _unwrap(out)


def _is_page_number(line: str, number: int) -> bool:
    """ "3", "- 3 -", "Page 3", "3 / 12" on page 3 (or one off, for an unnumbered cover); "2024" in a table is not."""
    m = _PAGE_NUMBER.match(line)
    if m is None:
        return False
    digits = re.search(r"\d+", line)
    return digits is not None and abs(int(digits.group(0)) - number) <= 1


def _unwrap(lines: list[str | None]) -> str:
    """Join the lines of a paragraph that the PDF broke at its column width; finished sentences end one, None is a page break."""
    paras: list[str] = []
    cur = ""
    for ln in lines:
        if ln is None:
            # a page that ends mid-sentence goes on at the top of the next one
            if cur and cur.endswith((".", "!", "?", "»", "”", '"', ":")):
                paras.append(cur)
                cur = ""
            continue
        if not cur:
            cur = ln
        elif cur.endswith("-") and ln[:1].islower():
            cur = cur[:-1] + ln  # a word hyphenated at the line's end
        elif cur.endswith((".", "!", "?", ":", "»", "”", '"')) or ln[:1] in "•-–—*" or len(cur) < 40:
            paras.append(cur)
            cur = ln
        else:
            cur = f"{cur} {ln}"
    if cur:
        paras.append(cur)
    return "\n".join(paras)
