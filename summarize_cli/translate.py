"""Stage 6, translate: the summary (or a whole article) into the target language."""

from __future__ import annotations

import itertools
import logging
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import cache
from types import ModuleType
from typing import Protocol, Union

from summarize_cli.errors import ModelError, model_failures
from summarize_cli.languages import DEFAULT_LANGUAGE
from summarize_cli.options import Options
from summarize_cli.schema import Article, Result, Summary, TranslatedSentence, Translation

log = logging.getLogger(__name__)
# What translate_results gives for a result's summary: the translated summary and its Translation, or why there is none.
Outcome = Union[tuple[Summary, Translation], ModelError]


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
    checked = _translated(translator, [s for summary in summaries for s in summary.sentences], source, target)
    return _summaries(summaries, iter(checked), translator.model, target)


def _summaries(summaries: Sequence[Summary], checked: Iterator[TranslatedSentence], model: str, target: str) -> list[tuple[Summary, Translation]]:
    out = []
    for summary in summaries:
        pairs = tuple(itertools.islice(checked, len(summary.sentences)))
        translated = replace(summary, sentences=tuple(p.text for p in pairs), language=target, source_sentences=summary.sentences)
        out.append((translated, Translation(model=model, source_language=summary.language, target_language=target, sentences=pairs)))
    return out


def translate_results(results: Sequence[Result], options: Options = Options()) -> list[tuple[Result, Outcome]]:
    """Summaries, titles, figure labels and quotes of several results in one model call per language.

    Each result comes back with its title, labels and quotes translated, beside its translated summary and
    Translation, or beside the ModelError that left it in its own language (then nothing of it is translated).
    """
    groups: dict[str, list[int]] = {}
    for i, result in enumerate(results):
        assert result.summary is not None
        groups.setdefault(result.summary.language, []).append(i)
    done: dict[int, tuple[Result, Outcome]] = {}
    for language, indices in groups.items():
        group = [results[i] for i in indices]
        try:
            pairs = _translate_group(group, language, options)
        except ModelError as exc:
            pairs = [(result, exc) for result in group]
        done.update(zip(indices, pairs))
    return [done[i] for i in range(len(results))]


def _translate_group(results: Sequence[Result], language: str, options: Options) -> list[tuple[Result, Outcome]]:
    target = options.target_lang
    translator = _translator(language, target, options)
    summaries = [r.summary for r in results if r.summary is not None]
    titles = [r.article.title if r.article is not None else None for r in results]
    quotes = [q for r in results for q in r.quotes]
    # Labels say what a figure is about; short phrases, so the guard's retry is not for them (the original stands in).
    labels = sorted({f.label for r in results for f in r.figures if f.label})
    guarded = [s for summary in summaries for s in summary.sentences] + [t for t in titles if t] + [q.text for q in quotes]
    checked_all, raw = _translated_with(translator, guarded, labels, language, target)
    checked = iter(checked_all)
    pairs = _summaries(summaries, checked, translator.model, target)
    new_titles = [_title(t, next(checked), language) if t else (t, None) for t in titles]
    # A quote the model could not translate stays in the original words, not dressed as a translation of itself.
    new_quotes = iter([
        replace(q, text=c.text, source=q.text, figures_ok=c.figures_ok) if c.note is None else q for q, c in zip(quotes, checked)
    ])  # fmt: skip
    names = _labels(labels, raw)
    out: list[tuple[Result, tuple[Summary, Translation] | ModelError]] = []
    for result, pair, (title, why) in zip(results, pairs, new_titles):
        figures = tuple(replace(f, label=names.get(f.label, f.label)) if f.label else f for f in result.figures)
        article = result.article
        if article is not None and title != article.title:
            # The title is read first: it follows the summary into the output language, the original kept beside it.
            article = replace(article, title=title, title_source=article.title)
        quoted = tuple(itertools.islice(new_quotes, len(result.quotes)))
        left = sum(1 for q in quoted if q.source is None)
        warnings = (*result.warnings, *([why] if why else []), *([f"{left} quote{'s' if left > 1 else ''} left in {language!r} (the model gave no usable translation)"] if left else []))
        out.append((replace(result, figures=figures, quotes=quoted, article=article, warnings=warnings), pair))
    return out


def _title(original: str, checked: TranslatedSentence, language: str) -> tuple[str, str | None]:
    """The title to show, and why it is the original when it is: a title whose figure changed is never shown translated."""
    if not checked.figures_ok:
        return original, f"the title's translation changed a figure; the title stays in {language!r}"
    return checked.text, None


def _labels(labels: Sequence[str], outputs: Sequence[str]) -> dict[str, str]:
    # A label the model blew up (a whole sentence) is worse than the original phrase.
    return {src: dst.strip().rstrip(".") for src, dst in zip(labels, outputs) if dst.strip() and len(dst) <= 3 * len(src) + 20}


def translate_article(article: Article, options: Options = Options()) -> tuple[Article, Translation]:
    """The whole article and its title in the target language, paragraphs kept, in one model call (``summarize translate``)."""
    language, target = article.language or DEFAULT_LANGUAGE, options.target_lang
    from summarize_cli.sentences import paragraph_spans, split_sentences

    translator = _translator(language, target, options)
    text = article.text
    spans = article.sentences or tuple(split_sentences(text, language))
    sentences = [text[a:b] for a, b in spans]
    titles = [article.title] if article.title else []
    checked = _translated(translator, sentences + titles, language, target)
    title, why = _title(article.title, checked.pop(), language) if article.title else (article.title, None)
    joined, translation = _paragraphs(text, spans, checked, translator.model, language, target)
    # The spans found on the source would cut the translation at the wrong places: the translation's paragraphs are its own.
    translated = replace(
        article, text=joined, title=title, language=target, title_source=article.title if title != article.title else None,
        paragraphs=paragraph_spans(joined), sentences=(), warnings=(*article.warnings, *([why] if why else [])),
    )  # fmt: skip
    return translated, translation


def translate_text(text: str, language: str, options: Options = Options()) -> tuple[str, Translation]:
    """Translate a whole text sentence by sentence, keeping its paragraphs."""
    translated, translation = translate_article(Article(source="", title=None, text=text, language=language), options)
    return translated.text, translation


def _paragraphs(
    text: str, spans: Sequence[tuple[int, int]], checked: Sequence[TranslatedSentence], model: str, language: str, target: str
) -> tuple[str, Translation]:
    from bisect import bisect

    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    lines = [bisect(newlines, a) for a, _b in spans]
    # Paragraphs numbered from 0 in the order they have sentences: renderers and bilingual output group by it.
    numbers = {line: n for n, line in enumerate(dict.fromkeys(lines))}
    numbered = [replace(c, paragraph=numbers[line]) for c, line in zip(checked, lines)]
    paragraphs: list[list[str]] = [[] for _ in numbers]
    for pair in numbered:
        paragraphs[pair.paragraph].append(pair.text)
    joined = "\n".join(" ".join(p) for p in paragraphs)
    return joined, Translation(model=model, source_language=language, target_language=target, sentences=tuple(numbered))


def _translated(translator: Translator, sentences: Sequence[str], source: str, target: str) -> list[TranslatedSentence]:
    """Each sentence translated and checked; one the model looped on or blanked is tried once more, differently."""
    return _translated_with(translator, sentences, (), source, target)[0]


def _translated_with(
    translator: Translator, sentences: Sequence[str], plain: Sequence[str], source: str, target: str
) -> tuple[list[TranslatedSentence], list[str]]:
    """``sentences`` checked as in :func:`_translated` and ``plain`` as the model gave them, all in one model call."""
    outputs = _translate(translator, [*sentences, *plain], source) or []
    outputs, rest = outputs[: len(sentences)], outputs[len(sentences):]
    failed = [i for i, (s, o) in enumerate(zip(sentences, outputs)) if _broken(s, o) is not None]
    # Retries are the guard's cost: a reader of the log (and the speed benchmark) sees how many there were.
    log.debug("translation guard: %d of %d sentences retried", len(failed), len(sentences))
    if failed:
        again = _translate(translator, [sentences[i] for i in failed], source, retry=True)
        if again is not None:
            for i, out in zip(failed, again):
                outputs[i] = out
    return _checked(sentences, outputs, source, target), rest


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
    """French quotes as ASCII ones and no-break spaces as spaces, then Moses punctuation normalisation, as OPUS-MT's training data was."""
    text = _FRENCH_QUOTES.sub('"', sentence.translate(_SPACES))
    return _moses(language)(text)


@cache
def _moses(language: str) -> Callable[[str], str]:
    # The one place text is normalised for the model, whatever the engine: CTranslate2's tokenizer and
    # MarianTokenizer (which in transformers 5 never calls its normaliser) then see the same text.
    return _moses_module().MosesPunctNormalizer(lang=language).normalize


@cache
def _moses_module() -> ModuleType:
    # sacremoses' package __init__ imports its tokenizer, truecaser and joblib (0.25 s, a quarter of a summary's
    # run); its normaliser is one module that needs only `regex`: load that module alone (13 ms).
    import importlib.util
    from pathlib import Path

    from summarize_cli.errors import InstallError

    package = importlib.util.find_spec("sacremoses")
    path = Path(package.submodule_search_locations[0]) / "normalize.py" if package and package.submodule_search_locations else None
    spec = importlib.util.spec_from_file_location("summarize_cli._moses_normalize", path) if path and path.is_file() else None
    if spec is None or spec.loader is None:
        raise InstallError("sacremoses (Moses punctuation normalisation for the translation model) is not installed", "reinstall: pip install .")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except ImportError as exc:  # its one dependency (regex) missing, or a sacremoses whose normaliser moved
        raise InstallError(f"sacremoses' normaliser cannot be loaded ({exc})", "reinstall: pip install .") from exc
    return module


def translation_warnings(translation: Translation) -> list[str]:
    """At most one warning per kind for a translated text: the figures that differ, the sentences kept in the source."""
    from summarize_cli.numguard import figure_changes

    warnings: list[str] = []
    lost: list[str] = []
    gained: list[str] = []
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
