"""Stage 6, translate: the summary (or a whole article) into the target language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from typing import Protocol

from summarize_cli.errors import ModelError
from summarize_cli.options import Options
from summarize_cli.schema import Summary, TranslatedSentence, Translation


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


@cache
def _load(kind: str, model: str, backend: str, device: str, beams: int) -> Translator:
    # Cached per process so a batch loads each model once, whatever its other options.
    return TRANSLATORS[kind](model, backend, device, beams)


def _translator(source: str, target: str, options: Options) -> Translator:
    if source == target:
        return IdentityTranslator()
    model = options.translation_model or default_model(source, target)
    return _load("marian", model, options.backend, options.device, options.beams)


def translate(summary: Summary, options: Options = Options()) -> tuple[Summary, Translation | None]:
    """Translate the summary sentences to ``options.target_lang``; raises ModelError when no model."""
    source, target = summary.language, options.target_lang
    if not options.translate or source == target:
        return summary, None
    translator = _translator(source, target, options)
    out = translator.translate(summary.sentences)
    pairs = tuple(TranslatedSentence(source=s, text=t) for s, t in zip(summary.sentences, out))
    translated = replace(
        summary,
        sentences=tuple(out),
        language=target,
        source_sentences=summary.sentences,
    )
    return translated, Translation(model=translator.model, source_language=source, target_language=target, sentences=pairs)
