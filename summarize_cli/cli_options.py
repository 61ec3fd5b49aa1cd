"""The typer parameters the commands share, declared once, and the checks of their values (usage errors, exit 2)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from summarize_cli import output
from summarize_cli.errors import SummarizeError


class InputFmt(str, enum.Enum):
    """How SOURCE files are read: ``auto`` treats *.jsonl as JSON Lines."""

    auto = "auto"
    article = "article"
    jsonl = "jsonl"


def check_format(value: str) -> str:
    """``--format``: auto or a registered format."""
    names = ("auto", *output.FORMATS)  # the registry as it is now: a format registered later is a choice too
    if value not in names:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(map(repr, names))}.")
    return value


# Options shared by the commands, declared once.
Sources = Annotated[Optional[list[str]], typer.Argument(help="File, directory, glob, http(s):// URL, or - for stdin. Several may be given.", show_default=False)]
FromFile = Annotated[Optional[str], typer.Option("--from-file", help="Read more sources (paths or URLs), one per line, from FILE (- for stdin).", rich_help_panel="Input")]
PatternOpt = Annotated[str, typer.Option("--pattern", help="Files taken from directories (recursively).", rich_help_panel="Input")]
InputFmtOpt = Annotated[InputFmt, typer.Option("--input-format", help="jsonl: each line is {\"text\", \"id\"?, \"title\"?, \"url\"?}.", rich_help_panel="Input")]
LangOpt = Annotated[Optional[str], typer.Option("--lang", help="Article language (ISO 639-1), instead of detecting it.", rich_help_panel="Input")]
NoCleanOpt = Annotated[bool, typer.Option("--no-clean", help="Take the text as it is: no boilerplate removal.", rich_help_panel="Input")]
FiguresOpt = Annotated[str, typer.Option("--figures", help="Key figures shown, best ranked first: N or all (JSON has every figure, with its rank).")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", help="Seconds to wait for a server (a download may take 3x this).", min=0.1, rich_help_panel="Input")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", help="Largest input accepted, in bytes.", min=1, rich_help_panel="Input")]
RedirectsOpt = Annotated[int, typer.Option("--max-redirects", help="Most HTTP redirects followed.", min=0, rich_help_panel="Input")]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Feeds: only entries published on or after DATE (YYYY-MM-DD).", rich_help_panel="Feeds")]
LimitOpt = Annotated[Optional[int], typer.Option("--limit", help="Feeds: at most N entries per feed, newest first as the feed lists them.", min=1, rich_help_panel="Feeds")]
FORMAT_METAVAR = "<" + "|".join(("auto", *output.FORMATS)) + ">"
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="Output format (auto: rich on a terminal, plain when piped, or from the -o file's extension).", metavar=FORMAT_METAVAR, callback=check_format, rich_help_panel="Output")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write results to FILE instead of stdout.", dir_okay=False, rich_help_panel="Output")]
OutputDirOpt = Annotated[Optional[Path], typer.Option("--output-dir", help="Write one file per article into DIR.", file_okay=False, rich_help_panel="Output")]
OverwriteOpt = Annotated[bool, typer.Option("--overwrite", help="Replace existing files in --output-dir.", rich_help_panel="Output")]
UnorderedOpt = Annotated[bool, typer.Option("--unordered", help="Print each result when done, not in input order.", rich_help_panel="Output")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No warnings or progress on stderr (errors still shown).", rich_help_panel="Output")]
TracebackOpt = Annotated[bool, typer.Option("--traceback", help="Show the Python traceback of internal errors.", rich_help_panel="Output")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the results cache.", rich_help_panel="Cache")]
CacheDirOpt = Annotated[Optional[Path], typer.Option("--cache-dir", help="Folder of the results cache (default: the user cache dir).", file_okay=False, rich_help_panel="Cache")]
ToOpt = Annotated[str, typer.Option("--to", help="Language to translate into.", rich_help_panel="Models")]
TranslationModelOpt = Annotated[Optional[str], typer.Option("--translation-model", help="Translation model: a Hugging Face id or a local folder (default Helsinki-NLP/opus-mt-{lang}-en).", rich_help_panel="Models")]
BackendOpt = Annotated[str, typer.Option("--backend", help="Model runtime: auto, ctranslate2 or transformers.", rich_help_panel="Models")]
DeviceOpt = Annotated[str, typer.Option("--device", help="auto, cpu or cuda.", rich_help_panel="Models")]
BeamsOpt = Annotated[int, typer.Option("--beams", help="Beam size (1 = greedy, fastest).", min=1, max=16, rich_help_panel="Models")]
OfflineOpt = Annotated[bool, typer.Option("--offline", help="Send no request: no model is fetched (as with HF_HUB_OFFLINE=1) and URL sources are refused.", rich_help_panel="Models")]
BilingualOpt = Annotated[bool, typer.Option("--bilingual", help="Show each source sentence (summary) or paragraph (translate) with its translation.", rich_help_panel="Output")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Fail (exit 6) instead of falling back when a model is missing.", rich_help_panel="Models")]
SummarizerOpt = Annotated[str, typer.Option("--summarizer", help="extractive (no model), seq2seq or instruct.", rich_help_panel="Models")]
SummaryModelOpt = Annotated[Optional[str], typer.Option("--summary-model", help="Model for --summarizer seq2seq/instruct: a Hugging Face id or a local folder.", rich_help_panel="Models")]
PromptOpt = Annotated[str, typer.Option("--prompt", help="Prompt template for --summarizer instruct: a name in prompts/ or a file path.", rich_help_panel="Models")]
NoTranslateOpt = Annotated[bool, typer.Option("--no-translate", help="Keep the summary in the article's language.", rich_help_panel="Models")]
SentencesOpt = Annotated[int, typer.Option("--sentences", "-n", help="Number of summary sentences.", min=1, max=50)]
WordsOpt = Annotated[Optional[int], typer.Option("--words", help="Summary length in words instead of sentences: whole sentences within N.", min=1)]
# batch, and models list
BatchInput = Annotated[str, typer.Argument(help="JSONL or Parquet file of articles ({\"text\", \"id\"?, \"title\"?, \"url\"?}); any fsspec URL with --engine ray.")]
BatchOutput = Annotated[str, typer.Option("--output", "-o", help="Where results go: a JSONL file (local engine) or a folder/URL (ray).")]
EngineOpt = Annotated[str, typer.Option("--engine", help="local (this process) or ray (a Ray cluster, pip install 'summarize-cli[ray]').")]
AddressOpt = Annotated[Optional[str], typer.Option("--address", help="Ray cluster address (e.g. auto, ray://head:10001); default: a local Ray instance.")]
BatchSentencesOpt = Annotated[int, typer.Option("--sentences", "-n", min=1, max=50, help="Number of summary sentences.")]
BatchNoTranslateOpt = Annotated[bool, typer.Option("--no-translate", help="Keep summaries in the articles' languages.")]
ModelsFormatOpt = Annotated[str, typer.Option("--format", "-f", help="rich/plain table or json.", metavar=FORMAT_METAVAR, callback=check_format)]
QuotesOpt = Annotated[int, typer.Option("--quotes", help="Quotations shown with the summary, speakers named first (0: none; JSON has all).", min=0, max=100)]


def language(code: str | None, option: str = "--lang") -> str | None:
    """A language option as an ISO 639-1 code (None stays None); a usage error naming ``option`` when it is none."""
    return None if code is None else target(code, option)


def target(code: str, option: str = "--to") -> str:
    """``--to`` as an ISO 639-1 code; a usage error when it is none."""
    from summarize_cli.languages import iso_639_1

    try:
        return iso_639_1(code)
    except SummarizeError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def since_date(value: str | None) -> str | None:
    """``--since`` as an ISO date (YYYY-MM-DD); a usage error when it is no date."""
    from summarize_cli.dates import iso_datetime

    if value is None:
        return None
    if (iso := iso_datetime(value)) is None:
        raise typer.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD", param_hint="--since")
    return iso[:10]


def figure_limit(value: str) -> int | None:
    """``--figures N|all``: how many figures to show (None: all); a usage error when neither."""
    if value.strip().lower() == "all":
        return None
    if not value.strip().isdigit() or int(value) < 1:
        raise typer.BadParameter(f"{value!r} is not a positive number or 'all'", param_hint="--figures")
    return int(value)


def choice(value: str, allowed: tuple[str, ...], name: str) -> str:
    """``value`` when it is one of ``allowed``; a usage error of option ``name`` when not."""
    if value not in allowed:
        raise typer.BadParameter(f"{value!r} is not one of: {', '.join(allowed)}", param_hint=name)
    return value
