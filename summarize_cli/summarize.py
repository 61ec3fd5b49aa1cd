"""Stage 5, summarise: pick or generate the summary with the chosen back end."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from summarize_cli.errors import SummarizeError
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

    return ExtractiveSummarizer()


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


def summarize(article: Article, options: Options = Options()) -> Summary:
    """Summarise ``article`` with the back end named by ``options.summarizer``."""
    factory = SUMMARIZERS.get(options.summarizer)
    if factory is None:
        known = ", ".join(sorted(SUMMARIZERS))
        raise SummarizeError(f"unknown summarizer {options.summarizer!r}", f"choose one of: {known}")
    return factory(options).summarize(article, max(1, options.sentences))
