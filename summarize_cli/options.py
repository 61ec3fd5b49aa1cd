"""The frozen options every stage reads, built by the CLI or by API callers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Task = Literal["summarize", "extract", "figures", "translate", "quotes"]

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Options:
    """What to do with each source; defaults are the CLI's defaults."""

    task: Task = "summarize"
    sentences: int = 3
    # A length limit in words instead of sentences: whole sentences that fit in it.
    words: int | None = None
    clean: bool = True
    # How many quotations the summary shows (all of them are in the JSON): the first ones with a named speaker.
    quotes: int = 3
    # How many key figures rich, plain and markdown show, best ranked first (None: all; the JSON has all).
    figures: int | None = 8
    translate: bool = True
    lang: str | None = None
    target_lang: str = "en"
    summarizer: str = "extractive"
    summary_model: str | None = None
    translation_model: str | None = None
    backend: str = "auto"
    device: str = "auto"
    beams: int = 1
    prompt: str = "summarise"
    strict: bool = False
    # Nothing leaves the machine: no model is fetched, a URL source is refused.
    offline: bool = False
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    # Feeds: entries published on or after this ISO date only, and at most this many per feed.
    since: str | None = None
    limit: int | None = None
