"""Stage 5, summarise: pick or generate the summary with the chosen back end."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from summarize_cli.errors import SummarizeError, model_failures
from summarize_cli.options import Options
from summarize_cli.schema import Article, Summary


class Summarizer(Protocol):
    """A summariser back end: ``n`` sentences for one article."""

    name: str

    def summarize(self, article: Article, n: int) -> Summary:
        """Summarise ``article`` in about ``n`` sentences."""
        ...


def _extractive(options: Options) -> Summarizer:
    from summarize_cli.backends.extractive import ExtractiveSummarizer

    return ExtractiveSummarizer(words=options.words)


def default_summary_model(summarizer: str) -> str:
    """The model a model-based summariser uses when ``--summary-model`` is not given."""
    if summarizer == "seq2seq":
        from summarize_cli.backends.seq2seq import DEFAULT_MODEL
    else:
        from summarize_cli.backends.instruct import DEFAULT_MODEL
    return DEFAULT_MODEL


def _seq2seq(options: Options) -> Summarizer:
    from summarize_cli.backends.seq2seq import DEFAULT_MODEL, Seq2SeqSummarizer

    model = options.summary_model or DEFAULT_MODEL
    return _cached(Seq2SeqSummarizer, model, backend=options.backend, device=options.device, beams=options.beams if options.beams > 1 else None)


def _instruct(options: Options) -> Summarizer:
    from summarize_cli.backends.instruct import DEFAULT_MODEL, InstructSummarizer

    # An instruction model writes the summary straight in the target language: no translation pass.
    target = options.target_lang if options.translate else None
    return _cached(InstructSummarizer, options.summary_model or DEFAULT_MODEL, prompt=options.prompt, device=options.device, target_lang=target)


_LOADED: dict[tuple, Summarizer] = {}


def _cached(cls: Callable[..., Summarizer], model: str, **kwargs: object) -> Summarizer:
    # One model load per process, whatever the other options of each call.
    key = (cls, model, tuple(sorted(kwargs.items())))
    if key not in _LOADED:
        _LOADED[key] = cls(model, **kwargs)
    return _LOADED[key]


SUMMARIZERS: dict[str, Callable[[Options], Summarizer]] = {"extractive": _extractive, "seq2seq": _seq2seq, "instruct": _instruct}

# A back end that does not take a word budget itself is asked for about as
# many sentences as the budget holds (news sentences run to some 20 words);
# its summary is then cut to the budget.
_WORDS_PER_SENTENCE = 20
# The CLI's largest --sentences: the count bound when words are the limit.
_MAX_SENTENCES = 50


def summarize(article: Article, options: Options = Options()) -> Summary:
    """Summarise ``article`` with the back end named by ``options.summarizer``."""
    factory = SUMMARIZERS.get(options.summarizer)
    if factory is None:
        known = ", ".join(sorted(SUMMARIZERS))
        raise SummarizeError(f"unknown summarizer {options.summarizer!r}", f"choose one of: {known}")
    if options.summarizer == "extractive":
        return _run(factory(options), article, options)
    # A model's failures, in loading or in running, are ModelErrors: the other sources go on.
    model = options.summary_model or default_summary_model(options.summarizer)
    with model_failures(model, "loading"):
        backend = factory(options)
    with model_failures(model, "summarising"):
        return _run(backend, article, options)


def _run(backend: Summarizer, article: Article, options: Options) -> Summary:
    words = options.words
    if not words:
        return backend.summarize(article, max(1, options.sentences))
    # The extractive back end holds the budget and picks what fits rather than cutting what it picked.
    n = _MAX_SENTENCES if getattr(backend, "words", None) == words else math.ceil(words / _WORDS_PER_SENTENCE)
    return _within_words(backend.summarize(article, n), words)


def _within_words(summary: Summary, words: int) -> Summary:
    """``summary`` cut to its leading whole sentences that fit in ``words`` words (always the first one)."""
    kept, used = 0, 0
    for sentence in summary.sentences:
        used += len(sentence.split())
        if kept and used > words:
            break
        kept += 1
    if kept == len(summary.sentences):
        return summary
    return replace(
        summary,
        sentences=summary.sentences[:kept],
        source_sentences=summary.source_sentences[:kept],
        spans=summary.spans[:kept],
        highlights=summary.highlights[:kept],
    )
