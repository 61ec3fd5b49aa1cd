"""Stage 3, detect language: ISO 639-1 code of an article's text, offline."""

from __future__ import annotations

DEFAULT_LANGUAGE = "en"


def detect_language(text: str, default: str = DEFAULT_LANGUAGE) -> str:
    """Return the ISO 639-1 code of ``text`` (``default`` when too short to tell)."""
    sample = " ".join(text.split())[:5000]
    if sum(ch.isalpha() for ch in sample) < 12:
        return default
    # py3langid's model ships inside the wheel (97 languages, no download) and loads lazily.
    import py3langid

    lang, _score = py3langid.classify(sample)
    return str(lang)
