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


SUMMARIZERS: dict[str, Callable[[Options], Summarizer]] = {"extractive": _extractive}


def summarize(article: Article, options: Options = Options()) -> Summary:
    """Summarise ``article`` with the back end named by ``options.summarizer``."""
    factory = SUMMARIZERS.get(options.summarizer)
    if factory is None:
        known = ", ".join(sorted(SUMMARIZERS))
        raise SummarizeError(f"unknown summarizer {options.summarizer!r}", f"choose one of: {known}")
    return factory(options).summarize(article, max(1, options.sentences))
