"""Stage 6, translate: the summary (or a whole article) into the target language."""

from __future__ import annotations

import os
import re
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

    def retry(self, sentences: Sequence[str]) -> list[str] | None:
        """Translate again with decoding that cannot loop; None when the back end has no other way."""
        ...


class IdentityTranslator:
    """Passes text through: source and target language are the same."""

    model = "identity"

    def translate(self, sentences: Sequence[str]) -> list[str]:
        """Return the sentences unchanged."""
        return list(sentences)

    def retry(self, sentences: Sequence[str]) -> list[str] | None:
        """Nothing to try again: the text is passed through."""
        return None


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

    def retry(self, sentences: Sequence[str]) -> list[str] | None:
        """Translate again with decoding that cannot loop, when the back end offers it; None when it does not."""
        again = getattr(self.inner, "retry", None)
        if again is None:
            return None
        with model_failures(self.model, "translating"):
            return again(sentences)


@cache
def _load(kind: str, model: str, backend: str, device: str, beams: int) -> Translator:
    # Cached per process so a batch loads each model once, whatever its other options.
    with model_failures(model, "loading"):
        return _Guarded(TRANSLATORS[kind](model, backend, device, beams))


def _translator(source: str, target: str, options: Options) -> Translator:
    if source == target:
        return IdentityTranslator()
    model = options.translation_model or default_model(source, target)
    if options.translation_model is None:
        from summarize_cli.hub import hf_cache_dir

        _fetched(model, options.offline, str(hf_cache_dir()), os.environ.get("HF_ENDPOINT", ""))
    return _load("marian", model, options.backend, options.device, options.beams)


@cache
def _fetched(model: str, offline: bool, cache_dir: str, endpoint: str) -> None:
    # English from the first run: the pair's default model is fetched once, then found locally. Asked once per
    # run, not for each article's summary, labels, quotes and title (a cache lookup stats the model's files).
    from summarize_cli.models import fetch_on_first_use

    fetch_on_first_use(model, offline=offline)


def translate_many(summaries: Sequence[Summary], options: Options = Options()) -> list[tuple[Summary, Translation]]:
    """Translate several summaries of one language in one model call; raises ModelError when no model."""
    if not summaries:
        return []
    source, target = summaries[0].language, options.target_lang
    translator = _translator(source, target, options)
    flat = [s for summary in summaries for s in summary.sentences]
    checked = _translated(translator, flat, source, target)
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
        out = _translate(translator, list(labels), language) or []
    except ModelError:
        return {}
    # A label the model blew up (a whole sentence) is worse than the original phrase.
    return {src: dst.strip().rstrip(".") for src, dst in zip(labels, out) if dst.strip() and len(dst) <= 3 * len(src) + 20}


def translate_quotes(quotes: Sequence[Quote], language: str, options: Options = Options()) -> tuple[Quote, ...]:
    """Quotations in the target language, each keeping its original in ``source`` and the number guard's verdict."""
    if not quotes or language == options.target_lang:
        return tuple(quotes)
    translator = _translator(language, options.target_lang, options)
    checked = _translated(translator, [q.text for q in quotes], language, options.target_lang)
    return tuple(replace(q, text=c.text, source=q.text, figures_ok=c.figures_ok) for q, c in zip(quotes, checked))


def translate_titles(titles: Sequence[str | None], language: str, options: Options = Options()) -> list[str | None]:
    """Titles in the target language (one model call); a title the model garbled stays as it was."""
    if language == options.target_lang or not any(titles):
        return list(titles)
    translator = _translator(language, options.target_lang, options)
    given = [t for t in titles if t]
    checked = iter(_translated(translator, given, language, options.target_lang))
    return [next(checked).text if t else t for t in titles]


def translate_text(text: str, language: str, options: Options = Options()) -> tuple[str, Translation]:
    """Translate a whole text sentence by sentence, keeping its paragraphs (for ``summarize translate``)."""
    from summarize_cli.sentences import split_sentences

    target = options.target_lang
    translator = _translator(language, target, options)
    spans = split_sentences(text, language)
    sentences = [text[a:b] for a, b in spans]
    from bisect import bisect

    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    lines = [bisect(newlines, a) for a, _b in spans]
    # Paragraphs numbered from 0 in the order they have sentences: renderers and bilingual output group by it.
    numbers = {line: n for n, line in enumerate(dict.fromkeys(lines))}
    checked = [replace(c, paragraph=numbers[line]) for c, line in zip(_translated(translator, sentences, language, target), lines)]
    paragraphs: list[list[str]] = [[] for _ in numbers]
    for pair in checked:
        paragraphs[pair.paragraph].append(pair.text)
    joined = "\n".join(" ".join(p) for p in paragraphs)
    return joined, Translation(model=translator.model, source_language=language, target_language=target, sentences=tuple(checked))


def _translated(translator: Translator, sentences: Sequence[str], source: str, target: str) -> list[TranslatedSentence]:
    """Each sentence translated and checked; one the model looped on or blanked is tried once more, differently."""
    outputs = _translate(translator, sentences, source) or []
    failed = [i for i, (s, o) in enumerate(zip(sentences, outputs)) if _broken(s, o) is not None]
    if failed:
        again = _translate(translator, [sentences[i] for i in failed], source, retry=True)
        if again is not None:
            for i, out in zip(failed, again):
                outputs[i] = out
    return _checked(sentences, outputs, source, target)


def _checked(sources: Sequence[str], outputs: Sequence[str], source: str, target: str) -> list[TranslatedSentence]:
    # Models slip on digits ("283,82" -> "28,82"): compare figures, repair what is certain, flag the rest.
    from summarize_cli.numguard import check_translation

    pairs = []
    for src, out in zip(sources, outputs):
        note = _broken(src, out)
        if note is not None:
            # A journalist can check a sentence left in the source language; an empty bullet or a loop says nothing.
            pairs.append(TranslatedSentence(source=src, text=src, figures_ok=True, note=note))
            continue
        text, ok = check_translation(src, out, source, target)
        pairs.append(TranslatedSentence(source=src, text=text, figures_ok=ok))
    return pairs


EMPTY = "empty translation"
LOOP = "repetition loop"
TOO_LONG = "translation much longer than the source"


def _broken(source: str, output: str) -> str | None:
    """Why the model's output cannot stand for ``source`` (empty, looping, far too long), else None."""
    if not source.strip():
        return None
    if not output.strip():
        return EMPTY
    words = output.split()
    # OPUS-MT's failure on odd input is a word or a short phrase repeated until the length cap.
    if any(len(set(words[i:i + 4])) == 1 for i in range(len(words) - 3)) or _repeated_ngram(words, 3, 3):
        return LOOP
    if len(output) > 3 * len(source) + 20:
        return TOO_LONG
    return None


def _repeated_ngram(words: Sequence[str], n: int, times: int) -> bool:
    counts: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - n + 1):
        gram = tuple(w.lower() for w in words[i:i + n])
        counts[gram] = counts.get(gram, 0) + 1
        if counts[gram] >= times and len(words) >= 4 * n:
            return True
    return False


_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
_FRENCH_QUOTES = re.compile(r"«\s*|\s*»")


def _translate(translator: Translator, sentences: Sequence[str], language: str, *, retry: bool = False) -> list[str] | None:
    """The translator's output for text shaped as OPUS-MT was trained on (sentence case, Moses punctuation); None when it cannot retry."""
    call: Callable[[Sequence[str]], list[str] | None] = translator.retry if retry else translator.translate
    shouting = [_all_capitals(s) for s in sentences]
    prepared = [_normalise(s.capitalize() if caps else s, language) for s, caps in zip(sentences, shouting)]
    if list(prepared) == list(sentences):
        return call(sentences)
    outputs = call(prepared)
    if outputs is None:  # the back end cannot retry
        return outputs
    # A headline in capitals comes out in capitals, but the model only saw it in sentence case.
    return [out.upper() if caps else out for out, caps in zip(outputs, shouting)]


def _all_capitals(sentence: str) -> bool:
    letters = [c for c in sentence if c.isalpha()]
    # The model learnt capitals as names and acronyms: a sentence of them is out of its training data.
    return len(letters) >= 8 and all(c.isupper() for c in letters)


def _normalise(sentence: str, language: str) -> str:
    """French quotes as ASCII ones and no-break spaces as spaces, then Moses normalisation as MarianTokenizer does."""
    text = _FRENCH_QUOTES.sub('"', sentence.translate(_SPACES))
    normaliser = _moses(language)
    return normaliser.normalize(text) if normaliser is not None else text


@cache
def _moses(language: str):  # type: ignore[no-untyped-def]
    try:
        from sacremoses import MosesPunctNormalizer
    except ImportError:  # optional, as in transformers: the quote and space rules above still apply
        return None
    return MosesPunctNormalizer(lang=language)


def translation_warnings(translation: Translation) -> list[str]:
    """At most one warning per kind for a translated text: the figures that differ, the sentences kept in the source."""
    from summarize_cli.numguard import figure_changes

    warnings, lost, gained = [], [], []
    for t in translation.sentences:
        if not t.figures_ok:
            a, b = figure_changes(t.source, t.text, translation.source_language, translation.target_language)
            lost += a
            gained += b
    if lost or gained:
        # Figures as written on each side: what a journalist looks for in the article.
        was = ", ".join(f"“{x}”" for x in lost) or "nothing"
        now = ", ".join(f"“{x}”" for x in gained) or "nothing"
        warnings.append(f"figures changed in translation: {was} -> {now}; check them against the source")
    elif any(not t.figures_ok for t in translation.sentences):
        warnings.append("figures changed in translation; check the marked sentences against the source")
    kept: dict[str, int] = {}
    for t in translation.sentences:
        if t.note:
            kept[t.note] = kept.get(t.note, 0) + 1
    for note, n in kept.items():
        warnings.append(f"{n} sentence{'s' if n > 1 else ''} left in {translation.source_language!r} ({note} from {translation.model})")
    return warnings
