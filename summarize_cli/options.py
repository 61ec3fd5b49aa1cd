"""The frozen options of a run: what to compute (``Options``, read by every stage), which sources (``SourceSpec``) and
how to write the results (``OutputSpec``), built by the CLI or by API callers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from summarize_cli.languages import DEFAULT_TARGET

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
    target_lang: str = DEFAULT_TARGET
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


@dataclass(frozen=True)
class SourceSpec:
    """The sources of a run as given: names (paths, folders, globs, URLs, ``-``), a list file, how to read them."""

    names: tuple[str, ...] = ()
    from_file: str | None = None  # more names, one per line (``-``: stdin)
    pattern: str = "*"  # the files taken from folders
    input_format: str = "auto"  # auto, article or jsonl (auto: *.jsonl files are read as JSON Lines)


@dataclass(frozen=True)
class OutputSpec:
    """How a run writes its results and reports on stderr; defaults are the CLI's defaults."""

    format: str = "auto"  # a name in summarize_cli.output.FORMATS, or auto (rich on a terminal, else from -o's extension or plain)
    output: Path | None = None  # one file for every result (-o)
    output_dir: Path | None = None  # one file per article (--output-dir)
    overwrite: bool = False  # --output-dir replaces existing files
    unordered: bool = False  # each result when done, not in input order
    bilingual: bool = False  # each translated sentence (summary) or paragraph (translate) with its original
    quiet: bool = False  # no warnings, progress or counts on stderr
    traceback: bool = False  # the Python traceback of internal errors
    cache: bool = True  # read and write the results cache
    cache_dir: Path | None = None  # where the cache is (None: the user cache folder)
