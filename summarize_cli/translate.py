"""Stage 6, translate: the summary (or a whole article) into the target language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from typing import Protocol

from summarize_cli.errors import ModelError, model_failures
from summarize_cli.options import Options
from summarize_cli.schema import Quote, Summary, TranslatedSentence, Translation


class Translator(Protocol):
    """A translation back end for one language pair."""

    model: str

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Translate each sentence; same length and order as the input."""
        ...


class IdentityTranslator:
    """Passes text through: source and target language are the same."""

    model = "identity"

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Return the sentences unchanged."""
        return list(sentences)


def default_model(source: str, target: str) -> str:
    """Hugging Face id of the OPUS-MT model for a language pair."""
    return f"Helsinki-NLP/opus-mt-{source}-{target}"


def _marian(model: str, backend: str, device: str, beams: int) -> Translator:
    try:
        from summarize_cli.backends.marian import MarianTranslator
    except ImportError as exc:
        raise ModelError(f"the translation back end is not available ({exc})", "reinstall summarize-cli") from None
    return MarianTranslator(model, backend=backend, device=device, beams=beams)


TRANSLATORS: dict[str, Callable[[str, str, str, int], Translator]] = {"marian": _marian}


class _Guarded:
    """A translator whose failures, whatever its back end raises, are ModelErrors naming the model."""

    def __init__(self, inner: Translator) -> None:
        self.inner = inner
        self.model = inner.model

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Translate with the wrapped translator."""
        with model_failures(self.model, "translating"):
            return self.inner.translate(sentences)


@cache
def _load(kind: str, model: str, backend: str, device: str, beams: int) -> Translator:
    # Cached per process so a batch loads each model once, whatever its other options.
    with model_failures(model, "loading"):
        return _Guarded(TRANSLATORS[kind](model, backend, device, beams))


def _translator(source: str, target: str, options: Options) -> Translator:
    if source == target:
        return IdentityTranslator()
    model = options.translation_model or default_model(source, target)
    return _load("marian", model, options.backend, options.device, options.beams)


def translate_many(summaries: Sequence[Summary], options: Options = Options()) -> list[tuple[Summary, Translation]]:
    """Translate several summaries of one language in one model call; raises ModelError when no model."""
    if not summaries:
        return []
    source, target = summaries[0].language, options.target_lang
    translator = _translator(source, target, options)
    flat = [s for summary in summaries for s in summary.sentences]
    checked = _checked(flat, translator.translate(flat), source, target)
    out, pos = [], 0
    for summary in summaries:
        pairs = tuple(checked[pos:pos + len(summary.sentences)])
        pos += len(summary.sentences)
        translated = replace(summary, sentences=tuple(p.text for p in pairs), language=target, source_sentences=summary.sentences)
        out.append((translated, Translation(model=translator.model, source_language=source, target_language=target, sentences=pairs)))
    return out


def translate_labels(labels: Sequence[str], language: str, options: Options = Options()) -> dict[str, str]:
    """Translate short noun phrases (figure labels) in one call; {} when no model is at hand."""
    if not labels or language == options.target_lang:
        return {}
    try:
        translator = _translator(language, options.target_lang, options)
        out = translator.translate(list(labels))
    except ModelError:
        return {}
    # A label the model blew up (a whole sentence) is worse than the original phrase.
    return {src: dst.strip().rstrip(".") for src, dst in zip(labels, out) if dst.strip() and len(dst) <= 3 * len(src) + 20}


def translate_quotes(quotes: Sequence[Quote], language: str, options: Options = Options()) -> tuple[Quote, ...]:
    """Quotations in the target language, each keeping its original in ``source`` and the number guard's verdict."""
    if not quotes or language == options.target_lang:
        return tuple(quotes)
    translator = _translator(language, options.target_lang, options)
    checked = _checked([q.text for q in quotes], translator.translate([q.text for q in quotes]), language, options.target_lang)
    return tuple(replace(q, text=c.text, source=q.text, figures_ok=c.figures_ok) for q, c in zip(quotes, checked))


def translate_text(text: str, language: str, options: Options = Options()) -> tuple[str, Translation]:
    """Translate a whole text sentence by sentence, keeping its paragraphs (for ``summarize translate``)."""
    from summarize_cli.sentences import split_sentences

    target = options.target_lang
    translator = _translator(language, target, options)
    spans = split_sentences(text, language)
    sentences = [text[a:b] for a, b in spans]
    checked = _checked(sentences, translator.translate(sentences), language, target)
    from bisect import bisect

    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    paragraphs: list[list[str]] = []
    last_line = -1
    for (a, _b), pair in zip(spans, checked):
        line = bisect(newlines, a)
        if line != last_line:
            paragraphs.append([])
            last_line = line
        paragraphs[-1].append(pair.text)
    joined = "\n".join(" ".join(p) for p in paragraphs)
    return joined, Translation(model=translator.model, source_language=language, target_language=target, sentences=tuple(checked))


def _checked(sources: Sequence[str], outputs: Sequence[str], source: str, target: str) -> list[TranslatedSentence]:
    # Models slip on digits ("283,82" -> "28,82"): compare figures, repair what is certain, flag the rest.
    from summarize_cli.numguard import check_translation

    pairs = []
    for src, out in zip(sources, outputs):
        text, ok = check_translation(src, out, source, target)
        pairs.append(TranslatedSentence(source=src, text=text, figures_ok=ok))
    return pairs
