"""Command-line adapter: options in, ``pipeline`` per source, rendering out, exit code back."""

from __future__ import annotations

import enum
import functools
import inspect
import os
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from summarize_cli import __version__
from summarize_cli.errors import ExitCode, SummarizeError
from summarize_cli.options import DEFAULT_MAX_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT, Options


class _DefaultGroup(TyperGroup):
    """A group whose first argument, when not a subcommand, goes to ``summarize``."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help", "--version"):
            args = ["summarize", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_DefaultGroup,
    name="summarize",
    help="Summarise, clean and translate news articles from files, stdin or URLs, with local models only.\n\n"
    "Run `summarize SOURCE...` (same as `summarize summarize SOURCE...`) or one of the commands below.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
models_app = typer.Typer(help="List, download and locate local models.", no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(models_app, name="models")


class Fmt(str, enum.Enum):
    """Output formats; ``auto`` is rich on a terminal and plain otherwise."""

    auto = "auto"
    rich = "rich"
    plain = "plain"
    markdown = "markdown"
    json = "json"
    jsonl = "jsonl"


class InputFmt(str, enum.Enum):
    """How SOURCE files are read: ``auto`` treats *.jsonl as JSON Lines."""

    auto = "auto"
    article = "article"
    jsonl = "jsonl"


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
FormatOpt = Annotated[Fmt, typer.Option("--format", "-f", help="Output format (auto: rich on a terminal, plain when piped, or from the -o file's extension).", rich_help_panel="Output")]
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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarize-cli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    pass


def _shared(
    output: OutputOpt = None,
    output_dir: OutputDirOpt = None,
    overwrite: OverwriteOpt = False,
    unordered: UnorderedOpt = False,
    from_file: FromFile = None,
    pattern: PatternOpt = "*",
    input_format: InputFmtOpt = InputFmt.auto,
    quiet: QuietOpt = False,
    show_traceback: TracebackOpt = False,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    max_redirects: RedirectsOpt = DEFAULT_MAX_REDIRECTS,
    since: Annotated[Optional[str], typer.Option("--since", help="Feeds: only entries published on or after DATE (YYYY-MM-DD).", rich_help_panel="Feeds")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", help="Feeds: at most N entries per feed, newest first as the feed lists them.", min=1, rich_help_panel="Feeds")] = None,
) -> None:
    """The options every article command takes after its own: input, output, cache, network and feeds."""


def _article_command(func: Callable[..., None]) -> Callable[..., None]:
    """``func`` with ``_shared``'s options after its own; it receives them in ``**shared``."""
    own = [p for p in inspect.signature(func, eval_str=True).parameters.values() if p.kind is not p.VAR_KEYWORD]
    params = own + list(inspect.signature(_shared, eval_str=True).parameters.values())

    def command(**kwargs: Any) -> None:
        func(**kwargs)

    functools.update_wrapper(command, func)
    # typer reads the signature and the annotations: give it the merged, evaluated ones.
    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    del command.__wrapped__  # type: ignore[attr-defined]
    return command


def _network(shared: dict[str, Any]) -> dict[str, Any]:
    """The Options fields every article command takes from the shared options: network limits and feed filters."""
    return {
        **{name: shared[name] for name in ("timeout", "max_bytes", "max_redirects")},
        "since": _since(shared.get("since")),
        "limit": shared.get("limit"),
    }


def _since(value: str | None) -> str | None:
    from summarize_cli.dates import iso_datetime

    if value is None:
        return None
    iso = iso_datetime(value)
    if iso is None:
        raise typer.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD", param_hint="--since")
    return iso[:10]


@app.command("summarize")
@_article_command
def summarize_command(
    sources: Sources = None,
    fmt: FormatOpt = Fmt.auto,
    sentences: Annotated[int, typer.Option("--sentences", "-n", help="Number of summary sentences.", min=1, max=50)] = 3,
    words: Annotated[Optional[int], typer.Option("--words", help="Summary length in words instead of sentences: whole sentences within N.", min=1)] = None,
    quotes: Annotated[int, typer.Option("--quotes", help="Quotations shown with the summary, speakers named first (0: none; JSON has all).", min=0, max=100)] = 3,
    figures: FiguresOpt = "8",
    no_clean: NoCleanOpt = False,
    no_translate: Annotated[bool, typer.Option("--no-translate", help="Keep the summary in the article's language.", rich_help_panel="Models")] = False,
    lang: LangOpt = None,
    to: ToOpt = "en",
    summarizer: Annotated[str, typer.Option("--summarizer", help="extractive (no model), seq2seq or instruct.", rich_help_panel="Models")] = "extractive",
    summary_model: Annotated[Optional[str], typer.Option("--summary-model", help="Model for --summarizer seq2seq/instruct: a Hugging Face id or a local folder.", rich_help_panel="Models")] = None,
    prompt: Annotated[str, typer.Option("--prompt", help="Prompt template for --summarizer instruct: a name in prompts/ or a file path.", rich_help_panel="Models")] = "summarise",
    translation_model: TranslationModelOpt = None,
    backend: BackendOpt = "auto",
    device: DeviceOpt = "auto",
    beams: BeamsOpt = 1,
    strict: StrictOpt = False,
    offline: OfflineOpt = False,
    bilingual: BilingualOpt = False,
    **shared: Any,
) -> None:
    """Summarise articles (the default command): summary, key figures, translation to English."""
    options = Options(
        task="summarize", sentences=sentences, words=words, quotes=quotes, figures=_figure_limit(figures), clean=not no_clean, translate=not no_translate,
        lang=_lang(lang), target_lang=_lang(to, "--to") or "en", summarizer=_choice(summarizer, ("extractive", "seq2seq", "instruct"), "--summarizer"),
        summary_model=summary_model, translation_model=translation_model, backend=_choice(backend, ("auto", "ctranslate2", "transformers"), "--backend"),
        device=_choice(device, ("auto", "cpu", "cuda"), "--device"), beams=beams, prompt=prompt, strict=strict, offline=offline, **_network(shared),
    )  # fmt: skip
    _execute({"sources": sources, "fmt": fmt, "bilingual": bilingual, **shared}, options)


def _task_command(task: str, doc: str) -> Callable[..., None]:
    """Build ``extract`` / ``figures``: same options, no models, one task each."""

    def command(sources: Sources = None, fmt: FormatOpt = Fmt.auto, no_clean: NoCleanOpt = False, lang: LangOpt = None, **shared: Any) -> None:
        options = Options(task=task, clean=not no_clean, lang=_lang(lang), **_network(shared))  # type: ignore[arg-type]
        _execute({"sources": sources, "fmt": fmt, **shared}, options)

    def figures_command(sources: Sources = None, fmt: FormatOpt = Fmt.auto, no_clean: NoCleanOpt = False, lang: LangOpt = None, figures: FiguresOpt = "8", **shared: Any) -> None:
        options = Options(task="figures", clean=not no_clean, lang=_lang(lang), figures=_figure_limit(figures), **_network(shared))
        _execute({"sources": sources, "fmt": fmt, **shared}, options)

    if task == "figures":
        command = figures_command  # the one task command with a choice of its own: how many figures it shows
    command.__doc__ = doc
    command.__name__ = command.__qualname__ = f"{task}_command"
    return _article_command(command)


app.command("extract")(_task_command("extract", "Print the cleaned article only: title and body, boilerplate removed."))
app.command("figures")(_task_command("figures", "Print the key figures only: money, percentages, counts, dates, durations."))
app.command("quotes")(_task_command("quotes", "Print the direct quotations only, each with its speaker and speech verb."))


@app.command("translate")
@_article_command
def translate_command(
    sources: Sources = None,
    fmt: FormatOpt = Fmt.auto,
    no_clean: NoCleanOpt = False,
    lang: LangOpt = None,
    to: ToOpt = "en",
    translation_model: TranslationModelOpt = None,
    backend: BackendOpt = "auto",
    device: DeviceOpt = "auto",
    beams: BeamsOpt = 1,
    offline: OfflineOpt = False,
    bilingual: BilingualOpt = False,
    **shared: Any,
) -> None:
    """Translate whole cleaned articles, paragraph by paragraph (a missing model is an error here)."""
    options = Options(
        task="translate", clean=not no_clean, lang=_lang(lang), target_lang=_lang(to, "--to") or "en", translation_model=translation_model,
        backend=_choice(backend, ("auto", "ctranslate2", "transformers"), "--backend"), device=_choice(device, ("auto", "cpu", "cuda"), "--device"),
        beams=beams, strict=True, offline=offline, **_network(shared),
    )  # fmt: skip
    _execute({"sources": sources, "fmt": fmt, "bilingual": bilingual, **shared}, options)


@app.command("batch")
def batch_command(
    input: Annotated[str, typer.Argument(help="JSONL or Parquet file of articles ({\"text\", \"id\"?, \"title\"?, \"url\"?}); any fsspec URL with --engine ray.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Where results go: a JSONL file (local engine) or a folder/URL (ray).")],
    engine: Annotated[str, typer.Option("--engine", help="local (this process) or ray (a Ray cluster, pip install 'summarize-cli[ray]').")] = "local",
    address: Annotated[Optional[str], typer.Option("--address", help="Ray cluster address (e.g. auto, ray://head:10001); default: a local Ray instance.")] = None,
    sentences: Annotated[int, typer.Option("--sentences", "-n", min=1, max=50, help="Number of summary sentences.")] = 3,
    no_translate: Annotated[bool, typer.Option("--no-translate", help="Keep summaries in the articles' languages.")] = False,
    to: ToOpt = "en",
    translation_model: TranslationModelOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Summarise a whole JSONL/Parquet data set, locally or on a Ray cluster."""
    options = Options(task="summarize", sentences=sentences, translate=not no_translate, target_lang=_lang(to, "--to") or "en", translation_model=translation_model)
    if engine == "ray":
        from summarize_cli.terminal import Messages, capture_logs

        err = Messages(quiet)
        try:
            from summarize_cli.ray_engine import run_ray
        except ImportError as exc:
            err.error(f"the Ray engine is not installed ({exc}); install it with: pip install 'summarize-cli[ray]'")
            raise typer.Exit(ExitCode.USAGE) from None
        local = Path(output) if "://" not in output else None
        if local is not None and local.is_dir() and any(local.iterdir()):
            # Ray adds part files to a folder: a second run would mix old and new rows.
            err.error(f"{output} is not empty; give a new folder or remove it first")
            raise typer.Exit(ExitCode.OUTPUT)
        try:
            with capture_logs(err):
                counts = run_ray(input, output, options, address=address)
        except SummarizeError as exc:
            err.error(str(exc))
            raise typer.Exit(exc.exit_code) from None
        err.note(f"{counts.get('ok', 0)} ok, {counts.get('failed', 0)} failed")
        raise typer.Exit(ExitCode.PARTIAL if counts.get("failed") else ExitCode.OK)
    if engine != "local":
        raise typer.BadParameter("choose local or ray", param_hint="--engine")
    _execute({"sources": [input], "fmt": Fmt.jsonl, "output": Path(output), "input_format": InputFmt.jsonl, "quiet": quiet}, options)


@models_app.command("list")
def models_list(fmt: Annotated[Fmt, typer.Option("--format", "-f", help="rich/plain table or json.")] = Fmt.auto) -> None:
    """Known default models and what is in the local cache, with sizes."""
    import json

    from summarize_cli.models import human_size, list_models
    from summarize_cli.terminal import rich_text

    rows = list_models()
    out = _stdout()
    if fmt in (Fmt.json, Fmt.jsonl):
        out.file.write(json.dumps([r.to_dict() for r in rows], indent=2 if fmt is Fmt.json else None) + "\n")
        return
    from rich.table import Table

    table = Table(title="Models", title_justify="left")
    for col in ("name", "task", "installed", "size", "ct2", "description"):
        table.add_column(col)
    for r in rows:
        # Names come from folder names in the model cache: text, never markup.
        cells = (r.name, r.task or "", "yes" if r.installed else "no", human_size(r.size_bytes) if r.installed else "", "yes" if r.ct2 else "", r.description or "")
        table.add_row(*map(rich_text, cells))
    out.print(table)


@models_app.command("pull")
def models_pull(
    name: Annotated[str, typer.Argument(help="Hugging Face id, e.g. Helsinki-NLP/opus-mt-fr-en.")],
    offline: Annotated[bool, typer.Option("--offline", help="Never touch the network: only check the local cache.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Download a model into the Hugging Face cache (safetensors only) and prepare it for CTranslate2."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    from summarize_cli.models import pull
    from summarize_cli.terminal import Messages, safe

    err = Messages(quiet)
    # File names from the Hub are shown as text, never as markup.
    columns = (TextColumn("{task.description}", markup=False), BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with Progress(*columns, console=err.console, disable=quiet or err.console is None, transient=True) as bar:
        tasks: dict[str, Any] = {}

        def progress(desc: str, done: int, total: int | None) -> None:
            if desc not in tasks:
                tasks[desc] = bar.add_task(safe(desc, one_line=True), total=total)
            bar.update(tasks[desc], completed=done, total=total)

        try:
            path = pull(name, progress=progress, offline=offline)
        except SummarizeError as exc:
            bar.stop()
            err.error(str(exc))
            raise typer.Exit(exc.exit_code) from None
    _stdout().file.write(safe(f"{path}") + "\n")


@models_app.command("path")
def models_path(name: Annotated[str, typer.Argument(help="Hugging Face id or local folder.")]) -> None:
    """Print the local folder of an installed model."""
    from summarize_cli.models import model_path
    from summarize_cli.terminal import Messages, safe

    try:
        path = model_path(name)
    except SummarizeError as exc:
        Messages().error(str(exc))
        raise typer.Exit(exc.exit_code) from None
    _stdout().file.write(safe(f"{path}") + "\n")


def _stdout():  # type: ignore[no-untyped-def]
    from summarize_cli.outputs import console
    from summarize_cli.terminal import guarded_stdout

    return console(guarded_stdout(), for_file=False)


def _lang(code: str | None, option: str = "--lang") -> str | None:
    from summarize_cli.languages import iso_639_1

    if code is None:
        return None
    try:
        return iso_639_1(code)
    except SummarizeError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


def _figure_limit(value: str) -> int | None:
    """--figures N|all: how many figures to show (None: all)."""
    if value.strip().lower() == "all":
        return None
    if not value.strip().isdigit() or int(value) < 1:
        raise typer.BadParameter(f"{value!r} is not a positive number or 'all'", param_hint="--figures")
    return int(value)


def _choice(value: str, allowed: tuple[str, ...], name: str) -> str:
    if value not in allowed:
        raise typer.BadParameter(f"{value!r} is not one of: {', '.join(allowed)}", param_hint=name)
    return value


def _resolve_format(fmt: Fmt, output: Path | None, stdout_tty: bool) -> str:
    if fmt is not Fmt.auto:
        return fmt.value
    if output is not None:
        return {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".md": "markdown", ".markdown": "markdown"}.get(output.suffix.lower(), "plain")
    return "rich" if stdout_tty else "plain"


def _execute(args: dict[str, Any], options: Options) -> None:
    """Run the pipeline over the sources in ``args`` (the command's parameters) and exit."""
    from summarize_cli.outputs import Inputs, Results
    from summarize_cli.sources import expand_sources
    from summarize_cli.terminal import Messages, capture_logs, isatty

    quiet, show_tb = args.get("quiet", False), args.get("show_traceback", False)
    err = Messages(quiet)
    output: Path | None = args.get("output")
    output_dir: Path | None = args.get("output_dir")
    if output is not None and output_dir is not None:
        raise typer.BadParameter("give -o FILE or --output-dir DIR, not both", param_hint="--output-dir")
    input_format = args.get("input_format", InputFmt.auto).value
    files: list[str] = []
    try:
        sources = expand_sources(args.get("sources") or [], from_file=args.get("from_file"), pattern=args.get("pattern", "*"), input_format=input_format, files=files, max_bytes=options.max_bytes)
    except SummarizeError as exc:
        err.error(str(exc))
        raise typer.Exit(exc.exit_code) from None
    if not sources:
        raise typer.BadParameter("give at least one SOURCE (a file, URL or -), or --from-file", param_hint="SOURCE")
    if sources.named().count("-") > 1:
        raise typer.BadParameter("stdin (-) can be read only once", param_hint="SOURCE")
    fmt = _resolve_format(args.get("fmt", Fmt.auto), output, output is None and output_dir is None and isatty(sys.stdout))
    inputs = Inputs([*files, *(s for s in sources.named() if s != "-" and "://" not in s)])
    with ExitStack() as stack:
        try:
            results = Results(fmt, options.task, len(sources), output=output, output_dir=output_dir, overwrite=args.get("overwrite", False), inputs=inputs, bilingual=args.get("bilingual", False))
        except SummarizeError as exc:
            err.error(str(exc))
            raise typer.Exit(exc.exit_code) from None
        # Whatever ends the run before finish(), the -o file stays as it was.
        stack.callback(results.discard)
        stack.enter_context(capture_logs(err))  # the cache logs its troubles
        cache = _open_cache(args, err)
        if cache is not None:
            stack.callback(cache.close)
        code = _run(sources, options, results, cache, err, show_tb, unordered=args.get("unordered", False))
    raise typer.Exit(code)


def _run(sources: Any, options: Options, results: Any, cache: Any, err: Any, show_tb: bool, *, unordered: bool) -> int:
    """Feed each result to ``results``, report failures, and return the exit code."""
    from summarize_cli import pipeline
    from summarize_cli.errors import Interrupted, OutputError, PipeClosed
    from summarize_cli.terminal import silence_stdout, stop_signals

    codes: list[int] = []
    with ExitStack() as stack:
        stack.enter_context(stop_signals())
        progress = stack.enter_context(_progress(err, len(sources)))
        job = progress.add_task("articles", total=len(sources))
        stopped: KeyboardInterrupt | None = None
        unwritten = False
        once: set[str] = set()
        try:
            try:
                for result in pipeline.run_many(sources, options, cache=cache, ordered=not unordered):
                    code = result.error.exit_code if result.error else 0
                    problem = results.add(result)
                    codes.append(code)
                    _report(err, result, show_tb, once)
                    if problem is not None:
                        err.error(str(problem))
                        codes[-1] = problem.exit_code
                    progress.advance(job)
            except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM/SIGHUP through stop_signals
                progress.stop()
                stopped = exc
            try:
                results.finish(interrupted=stopped is not None)
            except KeyboardInterrupt as exc:
                # Stopped while the last results were written: nothing half-written is put in place.
                results.discard()
                stopped, unwritten = exc, True
        except PipeClosed:
            # `| head`: the reader has what it wanted. A normal, quiet end.
            silence_stdout()
            return ExitCode.OK
        except OutputError as exc:
            if results.to_stdout:
                silence_stdout()
            progress.stop()
            err.error(str(exc))
            return exc.exit_code
    if stopped is not None:
        how = f"interrupted by {stopped.name}" if isinstance(stopped, Interrupted) else "interrupted"
        lost = " (while writing them: the output was not replaced)" if unwritten else ""
        err.note(f"{how}: {len(codes)} of {len(sources)} sources done{lost}, {len(sources) - len(codes)} not processed", always=True)
        return stopped.exit_code if isinstance(stopped, Interrupted) else ExitCode.INTERRUPTED
    if len(sources) > 1:
        failed = sum(1 for c in codes if c)
        err.note(f"{len(codes) - failed} ok, {failed} failed")
    return _exit_code(codes)


def _open_cache(args: dict[str, Any], err: Any) -> Any:
    if args.get("no_cache") or "no_cache" not in args:
        return None
    try:
        from summarize_cli.cache import ResultCache
    except ImportError:
        return None
    cache_dir: Path | None = args.get("cache_dir")
    try:
        return ResultCache(cache_dir / "results.sqlite" if cache_dir else None)
    except Exception as exc:  # a broken cache must never stop a run
        err.warning(f"results cache disabled ({exc})")
        return None


def _progress(err: Any, total: int) -> Any:
    # Only for people: a progress bar on a terminal, for more than one article.
    if err.quiet or total <= 1 or err.console is None:
        return _NoProgress()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
        console=err.console, transient=True,
    )  # fmt: skip


class _NoProgress:
    """The progress bar's interface, doing nothing (stderr is not a terminal, or --quiet)."""

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_task(self, description: str, total: int | None = None) -> int:
        return 0

    def advance(self, task: int) -> None:
        return None

    def stop(self) -> None:
        return None


def _report(err: Any, result: Any, show_traceback: bool, once: set[str] | None = None) -> None:
    from summarize_cli.pipeline import FALLBACK

    if result.error is not None:
        if show_traceback and result.error.traceback:
            err.block(result.error.traceback)
        # One line per failure, whatever a library put in its message: scripts grep stderr.
        err.error(" ".join(result.error.message.split()))
    for warning in result.warnings:
        if FALLBACK in warning and once is not None:
            # A missing model is the same news for every article of a batch: said once, without a source.
            if warning not in once:
                once.add(warning)
                err.warning(warning)
            continue
        err.warning(f"{result.source}: {warning}")


def _exit_code(codes: list[int]) -> int:
    failed = [c for c in codes if c]
    if not failed:
        return ExitCode.OK
    if len(failed) == len(codes) and len(set(failed)) == 1:
        return failed[0]
    return ExitCode.PARTIAL if len(failed) < len(codes) else failed[0]


def main() -> None:
    """Console-script entry point."""
    import gc

    from summarize_cli.errors import Interrupted, PipeClosed
    from summarize_cli.terminal import Messages, reserve_standard_streams, silence_stdout

    # Before anything is opened: a file must never land on fd 0, 1 or 2.
    reserve_standard_streams()
    # One short-lived process: what is imported by now lives until exit. Keep it out of the cyclic
    # collector's scans, which otherwise run over it again and again while a batch builds thousands of
    # results (~10% of a cached re-run). Here, not in _execute: in-process callers keep a normal collector.
    gc.freeze()
    try:
        app()
    except KeyboardInterrupt as exc:  # outside a run's own handling (SIGTERM/SIGHUP are Interrupted)
        Messages().note(f"interrupted by {exc.name}" if isinstance(exc, Interrupted) else "interrupted", always=True)
        _stop_now(exc.exit_code if isinstance(exc, Interrupted) else ExitCode.INTERRUPTED)
    except SystemExit as exc:
        if exc.code in (ExitCode.INTERRUPTED, ExitCode.TERMINATED, ExitCode.HANGUP):
            _stop_now(int(exc.code))
        raise
    except (PipeClosed, BrokenPipeError):
        silence_stdout()
        sys.exit(ExitCode.OK)
    except SummarizeError as exc:  # commands that write outside _execute: models, --version
        Messages().error(str(exc))
        sys.exit(exc.exit_code)


def _stop_now(code: int) -> None:
    """End an interrupted run at once: what is done is written and flushed by now."""
    # A URL fetch still waiting on its server would hold the interpreter's exit for up to 3x --timeout
    # (it joins worker threads); a stopped run must not wait for work it has given up on.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    os._exit(code)
