"""Boilerplate removal for plain text: a line classifier for French and English news pages."""

from __future__ import annotations

from dataclasses import replace

# The private names are re-exported: htmlextract, the tests, benchmarks and scripts reach them through summarize_cli.cleaner.
from summarize_cli.cleaner.features import _analyse, _end_index, _features, _Unit  # noqa: F401
from summarize_cli.cleaner.model import _model  # noqa: F401
from summarize_cli.cleaner.rules import _guess_lang, _rules  # noqa: F401
from summarize_cli.cleaner.select import Cleaned, _byline, _clean_once, _date_text  # noqa: F401

__all__ = ["Cleaned", "clean_text"]


def _clean_stable(text: str, code: str) -> Cleaned:
    """Clean, then re-clean our own output until it is stable (idempotence)."""
    out = _clean_once(text, code)
    for _ in range(8):
        again = _clean_once("\n".join(out.paragraphs), code)
        if again.paragraphs == out.paragraphs:
            break
        if again.title and out.title is None:
            out = replace(out, title=again.title, paragraphs=again.paragraphs)
        else:
            out = replace(out, paragraphs=again.paragraphs, byline=out.byline or again.byline, date=out.date or again.date)
    return out


def clean_text(text: str, lang: str | None = None) -> Cleaned:
    """Strip page furniture from plain text and return title, body paragraphs and metadata."""
    try:
        if not isinstance(text, str) or not text.strip():
            return Cleaned(None, (), None, None)
        from summarize_cli.languages import data_languages

        given = lang in data_languages("boilerplate")
        code = lang if given and lang else _guess_lang(text)
        out = _clean_stable(text, code)
        if not given:
            # A guessed language must also be what the output is guessed as, or cleaning the output
            # again (with its own guess) would remove more: converge on a language that agrees.
            for _ in range(3):
                body = "\n".join(out.paragraphs)
                guess = _guess_lang(body) if body.strip() else code
                if guess == code:
                    break
                code = guess
                nxt = _clean_stable(body, code)
                out = replace(out, title=out.title or nxt.title, paragraphs=nxt.paragraphs, byline=out.byline or nxt.byline, date=out.date or nxt.date)
        return out
    except Exception as exc:  # noqa: BLE001 - the cleaner must never fail the pipeline, but says so
        lines = tuple(ln.strip() for ln in str(text).splitlines() if ln.strip())
        return Cleaned(None, lines, None, None, (f"the text cleaner failed ({exc.__class__.__name__}: {exc}); the text is kept as it is",))
