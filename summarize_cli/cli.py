"""The command line: typer commands that build ``Options``, ``SourceSpec`` and ``OutputSpec`` and call ``run``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from summarize_cli import __version__, run
from summarize_cli.cli_options import (
    AddressOpt, BackendOpt, BatchInput, BatchNoTranslateOpt, BatchOutput, BatchSentencesOpt, BeamsOpt, BilingualOpt, CacheDirOpt,
    DeviceOpt, EngineOpt, FiguresOpt, FormatOpt, FromFile, InputFmt, InputFmtOpt, LangOpt, LimitOpt, MaxBytesOpt, ModelsFormatOpt,
    NoCacheOpt, NoCleanOpt, NoTranslateOpt, OfflineOpt, OutputDirOpt, OutputOpt, OverwriteOpt, PatternOpt, PromptOpt, QuietOpt, QuotesOpt,
    RedirectsOpt, SentencesOpt, SinceOpt, Sources, StrictOpt, SummarizerOpt, SummaryModelOpt, TimeoutOpt, ToOpt, TracebackOpt,
    TranslationModelOpt, UnorderedOpt, WordsOpt, choice, figure_limit, language, since_date, target,
)  # fmt: skip
from summarize_cli.errors import ExitCode, Misuse
from summarize_cli.languages import DEFAULT_TARGET
from summarize_cli.options import DEFAULT_MAX_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT, Options, OutputSpec, SourceSpec


class _DefaultGroup(TyperGroup):
    """A group whose first argument, when not a subcommand, goes to ``summarize``."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help", "--version"):
            args = ["summarize", *args]
        return super().parse_args(ctx, args)


HELP = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(
    cls=_DefaultGroup, name="summarize", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, context_settings=HELP,
    help="Summarise, clean and translate news articles from files, stdin or URLs, with local models only.\n\n"
    "Run `summarize SOURCE...` (same as `summarize summarize SOURCE...`) or one of the commands below.",
)  # fmt: skip
models_app = typer.Typer(help="List, download, locate and remove local models.", no_args_is_help=True, context_settings=HELP)
app.add_typer(models_app, name="models")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarize-cli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    pass


@app.command("summarize")
def summarize_command(
    sources: Sources = None, fmt: FormatOpt = "auto", sentences: SentencesOpt = 3, words: WordsOpt = None, quotes: QuotesOpt = 3,
    figures: FiguresOpt = "8", no_clean: NoCleanOpt = False, no_translate: NoTranslateOpt = False, lang: LangOpt = None,
    to: ToOpt = DEFAULT_TARGET,
    summarizer: SummarizerOpt = "extractive", summary_model: SummaryModelOpt = None, prompt: PromptOpt = "summarise",
    translation_model: TranslationModelOpt = None, backend: BackendOpt = "auto", device: DeviceOpt = "auto", beams: BeamsOpt = 1,
    strict: StrictOpt = False, offline: OfflineOpt = False, bilingual: BilingualOpt = False,
    output: OutputOpt = None, output_dir: OutputDirOpt = None, overwrite: OverwriteOpt = False, unordered: UnorderedOpt = False,
    from_file: FromFile = None, pattern: PatternOpt = "*", input_format: InputFmtOpt = InputFmt.auto, quiet: QuietOpt = False,
    show_traceback: TracebackOpt = False, no_cache: NoCacheOpt = False, cache_dir: CacheDirOpt = None,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT, max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES, max_redirects: RedirectsOpt = DEFAULT_MAX_REDIRECTS,
    since: SinceOpt = None, limit: LimitOpt = None,
) -> None:  # fmt: skip
    """Summarise articles (the default command): summary, key figures, translation to English."""
    from summarize_cli.backends._runtime import BACKENDS, DEVICES
    from summarize_cli.summarize import SUMMARIZERS

    options = Options(
        task="summarize", sentences=sentences, words=words, quotes=quotes, figures=figure_limit(figures), clean=not no_clean,
        translate=not no_translate, lang=language(lang), target_lang=target(to),
        summarizer=choice(summarizer, tuple(SUMMARIZERS), "--summarizer"), summary_model=summary_model, prompt=prompt,
        translation_model=translation_model, backend=choice(backend, BACKENDS, "--backend"),
        device=choice(device, DEVICES, "--device"), beams=beams, strict=strict, offline=offline,
        timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects, since=since_date(since), limit=limit,
    )  # fmt: skip
    spec = _spec(fmt, output, output_dir, overwrite, unordered, quiet, show_traceback, no_cache, cache_dir, bilingual=bilingual)
    _execute(sources, from_file, pattern, input_format, options, spec)


@app.command("extract")
def extract_command(
    sources: Sources = None, fmt: FormatOpt = "auto", no_clean: NoCleanOpt = False, lang: LangOpt = None,
    output: OutputOpt = None, output_dir: OutputDirOpt = None, overwrite: OverwriteOpt = False, unordered: UnorderedOpt = False,
    from_file: FromFile = None, pattern: PatternOpt = "*", input_format: InputFmtOpt = InputFmt.auto, quiet: QuietOpt = False,
    show_traceback: TracebackOpt = False, no_cache: NoCacheOpt = False, cache_dir: CacheDirOpt = None,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT, max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES, max_redirects: RedirectsOpt = DEFAULT_MAX_REDIRECTS,
    since: SinceOpt = None, limit: LimitOpt = None,
) -> None:  # fmt: skip
    """Print the cleaned article only: title and body, boilerplate removed."""
    options = Options(
        task="extract", clean=not no_clean, lang=language(lang),
        timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects, since=since_date(since), limit=limit,
    )  # fmt: skip
    spec = _spec(fmt, output, output_dir, overwrite, unordered, quiet, show_traceback, no_cache, cache_dir)
    _execute(sources, from_file, pattern, input_format, options, spec)


@app.command("figures")
def figures_command(
    sources: Sources = None, fmt: FormatOpt = "auto", no_clean: NoCleanOpt = False, lang: LangOpt = None, figures: FiguresOpt = "8",
    output: OutputOpt = None, output_dir: OutputDirOpt = None, overwrite: OverwriteOpt = False, unordered: UnorderedOpt = False,
    from_file: FromFile = None, pattern: PatternOpt = "*", input_format: InputFmtOpt = InputFmt.auto, quiet: QuietOpt = False,
    show_traceback: TracebackOpt = False, no_cache: NoCacheOpt = False, cache_dir: CacheDirOpt = None,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT, max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES, max_redirects: RedirectsOpt = DEFAULT_MAX_REDIRECTS,
    since: SinceOpt = None, limit: LimitOpt = None,
) -> None:  # fmt: skip
    """Print the key figures only: money, percentages, counts, dates, durations."""
    options = Options(
        task="figures", clean=not no_clean, lang=language(lang), figures=figure_limit(figures),
        timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects, since=since_date(since), limit=limit,
    )  # fmt: skip
    spec = _spec(fmt, output, output_dir, overwrite, unordered, quiet, show_traceback, no_cache, cache_dir)
    _execute(sources, from_file, pattern, input_format, options, spec)


@app.command("quotes")
def quotes_command(
    sources: Sources = None, fmt: FormatOpt = "auto", no_clean: NoCleanOpt = False, lang: LangOpt = None,
    output: OutputOpt = None, output_dir: OutputDirOpt = None, overwrite: OverwriteOpt = False, unordered: UnorderedOpt = False,
    from_file: FromFile = None, pattern: PatternOpt = "*", input_format: InputFmtOpt = InputFmt.auto, quiet: QuietOpt = False,
    show_traceback: TracebackOpt = False, no_cache: NoCacheOpt = False, cache_dir: CacheDirOpt = None,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT, max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES, max_redirects: RedirectsOpt = DEFAULT_MAX_REDIRECTS,
    since: SinceOpt = None, limit: LimitOpt = None,
) -> None:  # fmt: skip
    """Print the direct quotations only, each with its speaker and speech verb."""
    options = Options(
        task="quotes", clean=not no_clean, lang=language(lang),
        timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects, since=since_date(since), limit=limit,
    )  # fmt: skip
    spec = _spec(fmt, output, output_dir, overwrite, unordered, quiet, show_traceback, no_cache, cache_dir)
    _execute(sources, from_file, pattern, input_format, options, spec)


@app.command("translate")
def translate_command(
    sources: Sources = None, fmt: FormatOpt = "auto", no_clean: NoCleanOpt = False, lang: LangOpt = None, to: ToOpt = DEFAULT_TARGET,
    translation_model: TranslationModelOpt = None, backend: BackendOpt = "auto", device: DeviceOpt = "auto", beams: BeamsOpt = 1,
    offline: OfflineOpt = False, bilingual: BilingualOpt = False,
    output: OutputOpt = None, output_dir: OutputDirOpt = None, overwrite: OverwriteOpt = False, unordered: UnorderedOpt = False,
    from_file: FromFile = None, pattern: PatternOpt = "*", input_format: InputFmtOpt = InputFmt.auto, quiet: QuietOpt = False,
    show_traceback: TracebackOpt = False, no_cache: NoCacheOpt = False, cache_dir: CacheDirOpt = None,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT, max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES, max_redirects: RedirectsOpt = DEFAULT_MAX_REDIRECTS,
    since: SinceOpt = None, limit: LimitOpt = None,
) -> None:  # fmt: skip
    """Translate whole cleaned articles, paragraph by paragraph (a missing model is an error here)."""
    from summarize_cli.backends._runtime import BACKENDS, DEVICES

    options = Options(
        task="translate", clean=not no_clean, lang=language(lang), target_lang=target(to), translation_model=translation_model,
        backend=choice(backend, BACKENDS, "--backend"),
        device=choice(device, DEVICES, "--device"), beams=beams, strict=True, offline=offline,
        timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects, since=since_date(since), limit=limit,
    )  # fmt: skip
    spec = _spec(fmt, output, output_dir, overwrite, unordered, quiet, show_traceback, no_cache, cache_dir, bilingual=bilingual)
    _execute(sources, from_file, pattern, input_format, options, spec)


@app.command("batch")
def batch_command(
    input: BatchInput, output: BatchOutput, engine: EngineOpt = "local", address: AddressOpt = None, sentences: BatchSentencesOpt = 3,
    no_translate: BatchNoTranslateOpt = False, to: ToOpt = DEFAULT_TARGET, translation_model: TranslationModelOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Summarise a whole JSONL/Parquet data set, locally or on a Ray cluster."""
    options = Options(
        task="summarize", sentences=sentences, translate=not no_translate, target_lang=target(to), translation_model=translation_model,
    )  # fmt: skip
    _exit(lambda: run.batch(input, output, options, engine=engine, address=address, quiet=quiet))


@models_app.command("list")
def models_list(
    fmt: ModelsFormatOpt = "auto",
) -> None:
    """Known default models and what is in the local cache, with sizes."""
    raise typer.Exit(run.models_list(fmt))


@models_app.command("pull")
def models_pull(
    name: Annotated[str, typer.Argument(help="Hugging Face id, e.g. Helsinki-NLP/opus-mt-fr-en.")],
    offline: Annotated[bool, typer.Option("--offline", help="Never touch the network: only check the local cache.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Download a model into the Hugging Face cache (safetensors only) and prepare it for CTranslate2."""
    raise typer.Exit(run.models_pull(name, offline=offline, quiet=quiet))


@models_app.command("path")
def models_path(name: Annotated[str, typer.Argument(help="Hugging Face id or local folder.")]) -> None:
    """Print the local folder of an installed model."""
    raise typer.Exit(run.models_path(name))


@models_app.command("remove")
def models_remove(name: Annotated[str, typer.Argument(help="Hugging Face id, e.g. Helsinki-NLP/opus-mt-fr-en.")]) -> None:
    """Delete a model from the Hugging Face cache, with its CTranslate2 conversions."""
    raise typer.Exit(run.models_remove(name))


def _spec(
    fmt: str, output: Path | None, output_dir: Path | None, overwrite: bool, unordered: bool, quiet: bool, show_traceback: bool,
    no_cache: bool, cache_dir: Path | None, *, bilingual: bool = False,
) -> OutputSpec:  # fmt: skip
    """How an article command writes its results, from the output options every such command takes."""
    return OutputSpec(
        format=fmt, output=output, output_dir=output_dir, overwrite=overwrite, unordered=unordered, bilingual=bilingual, quiet=quiet,
        traceback=show_traceback, cache=not no_cache, cache_dir=cache_dir,
    )  # fmt: skip


def _execute(
    names: list[str] | None, from_file: str | None, pattern: str, input_format: InputFmt,
    options: Options, spec: OutputSpec,
) -> None:
    sources = SourceSpec(tuple(names or ()), from_file=from_file, pattern=pattern, input_format=input_format.value)
    _exit(lambda: run.execute(sources, options, spec))


def _exit(work: Callable[[], ExitCode]) -> None:
    """Exit with ``work``'s code; its Misuse is click's usage error (exit 2, the usage line, the option named)."""
    try:
        code = work()
    except Misuse as exc:
        raise typer.BadParameter(exc.message, param_hint=exc.option) from None
    raise typer.Exit(code)


def main() -> None:
    """Console-script entry point."""
    run.main(app)
