"""Command-line adapter: options in, ``pipeline.run`` per source, rendering out, exit code back."""

from __future__ import annotations

import enum
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Optional

import click
import typer
from typer.core import TyperGroup

from summarize_cli import __version__
from summarize_cli.errors import ExitCode
from summarize_cli.options import DEFAULT_MAX_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT, Options


class _DefaultGroup(TyperGroup):
    """A group whose first argument, when not a subcommand, goes to ``summarize``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
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


class Fmt(str, enum.Enum):
    """Output formats; ``auto`` is rich on a terminal and plain otherwise."""

    auto = "auto"
    rich = "rich"
    plain = "plain"
    markdown = "markdown"
    json = "json"
    jsonl = "jsonl"


Sources = Annotated[list[str], typer.Argument(help="File path, http(s):// URL, or - for stdin. Several may be given.", show_default=False)]
FormatOpt = Annotated[Fmt, typer.Option("--format", "-f", help="Output format (auto: rich on a terminal, plain when piped, or from the -o file's extension).")]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write results to FILE instead of stdout.", dir_okay=False)]
LangOpt = Annotated[Optional[str], typer.Option("--lang", help="Article language (ISO 639-1), instead of detecting it.")]
NoCleanOpt = Annotated[bool, typer.Option("--no-clean", help="Take the text as it is: no boilerplate removal.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No warnings or progress on stderr (errors still shown).")]
TracebackOpt = Annotated[bool, typer.Option("--traceback", help="Show the Python traceback of internal errors.")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", help="Seconds to wait for a server (a download may take 3x this).", min=0.1)]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", help="Largest input accepted, in bytes.", min=1)]
RedirectsOpt = Annotated[int, typer.Option("--max-redirects", help="Most HTTP redirects followed.", min=0)]


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
    sources: Sources,
    fmt: FormatOpt = Fmt.auto,
    sentences: Annotated[int, typer.Option("--sentences", "-n", help="Number of summary sentences.", min=1, max=50)] = 3,
    no_clean: NoCleanOpt = False,
    no_translate: Annotated[bool, typer.Option("--no-translate", help="Keep the summary in the article's language.")] = False,
    lang: LangOpt = None,
    to: Annotated[str, typer.Option("--to", help="Language to translate the summary into.")] = "en",
    summarizer: Annotated[str, typer.Option("--summarizer", help="Summariser back end: extractive.")] = "extractive",
    translation_model: Annotated[Optional[str], typer.Option("--translation-model", help="Translation model: a Hugging Face id or a local folder.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 6) instead of falling back when a model is missing.")] = False,
    output: OutputOpt = None,
    quiet: QuietOpt = False,
    show_traceback: TracebackOpt = False,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    max_redirects: RedirectsOpt = DEFAULT_MAX_REDIRECTS,
) -> None:
    """Summarise articles (the default command): summary, key figures, translation to English."""
    options = Options(
        task="summarize", sentences=sentences, clean=not no_clean, translate=not no_translate,
        lang=_lang(lang), target_lang=_lang(to) or "en", summarizer=summarizer, translation_model=translation_model,
        strict=strict, timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects,
    )  # fmt: skip
    _execute(sources, options, fmt, output, quiet, show_traceback)


@app.command("extract")
def extract_command(
    sources: Sources,
    fmt: FormatOpt = Fmt.auto,
    no_clean: NoCleanOpt = False,
    lang: LangOpt = None,
    output: OutputOpt = None,
    quiet: QuietOpt = False,
    show_traceback: TracebackOpt = False,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    max_redirects: RedirectsOpt = DEFAULT_MAX_REDIRECTS,
) -> None:
    """Print the cleaned article only: title and body, boilerplate removed."""
    options = Options(task="extract", clean=not no_clean, lang=_lang(lang), timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects)
    _execute(sources, options, fmt, output, quiet, show_traceback)


@app.command("figures")
def figures_command(
    sources: Sources,
    fmt: FormatOpt = Fmt.auto,
    no_clean: NoCleanOpt = False,
    lang: LangOpt = None,
    output: OutputOpt = None,
    quiet: QuietOpt = False,
    show_traceback: TracebackOpt = False,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    max_redirects: RedirectsOpt = DEFAULT_MAX_REDIRECTS,
) -> None:
    """Print the key figures only: money, percentages, counts, dates, durations."""
    options = Options(task="figures", clean=not no_clean, lang=_lang(lang), timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects)
    _execute(sources, options, fmt, output, quiet, show_traceback)


def _lang(code: str | None) -> str | None:
    if code is None:
        return None
    code = code.strip().lower()
    if len(code) != 2 or not code.isalpha():
        raise typer.BadParameter(f"{code!r} is not an ISO 639-1 code such as fr or en", param_hint="--lang/--to")
    return code


def _resolve_format(fmt: Fmt, output: Path | None, stdout_tty: bool) -> str:
    if fmt is not Fmt.auto:
        return fmt.value
    if output is not None:
        return {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".md": "markdown", ".markdown": "markdown"}.get(output.suffix.lower(), "plain")
    return "rich" if stdout_tty else "plain"


def _execute(sources: list[str], options: Options, fmt: Fmt, output: Path | None, quiet: bool, show_traceback: bool) -> None:
    from rich.console import Console
    from rich.rule import Rule

    from summarize_cli import pipeline
    from summarize_cli.render import render, render_json_array

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if sources.count("-") > 1:
        raise typer.BadParameter("stdin (-) can be read only once", param_hint="SOURCE")
    with ExitStack() as stack:
        if output is not None:
            try:
                fh = stack.enter_context(output.open("w", encoding="utf-8", newline="\n"))
            except OSError as exc:
                err.print(f"summarize: error: cannot write {output}: {exc.strerror or exc}")
                raise typer.Exit(ExitCode.INPUT) from None
            out = Console(file=fh, force_terminal=False, no_color=True, width=100, highlight=False)
        else:
            out = Console(highlight=False)
        chosen = _resolve_format(fmt, output, out.is_terminal and output is None)
        codes: list[int] = []
        collected = []
        try:
            for result in pipeline.run_many(sources, options):
                if chosen == "json":
                    collected.append(result)
                elif result.ok:
                    if len(codes) and chosen in ("rich", "plain", "markdown"):
                        out.print(Rule()) if chosen == "rich" else out.file.write("\n---\n\n" if chosen == "markdown" else "\n")
                    render(result, chosen, out, options.task)  # type: ignore[arg-type]
                else:
                    if chosen == "jsonl":
                        render(result, chosen, out, options.task)  # type: ignore[arg-type]
                codes.append(result.error.exit_code if result.error else 0)
                _report(err, result, quiet, show_traceback)
        except KeyboardInterrupt:
            err.print(f"summarize: interrupted after {len(codes)} of {len(sources)} sources")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        if chosen == "json":
            if len(collected) == 1:
                render(collected[0], "json", out, options.task)
            else:
                render_json_array(collected, out)
    raise typer.Exit(_exit_code(codes))


def _report(err, result, quiet: bool, show_traceback: bool) -> None:  # type: ignore[no-untyped-def]
    from rich.markup import escape

    if result.error is not None:
        if show_traceback and result.error.traceback:
            err.print(escape(result.error.traceback.rstrip()))
        err.print(escape(f"summarize: error: {result.error.message}"))
    if not quiet:
        for warning in result.warnings:
            err.print(escape(f"summarize: warning: {result.source}: {warning}"))


def _exit_code(codes: list[int]) -> int:
    failed = [c for c in codes if c]
    if not failed:
        return ExitCode.OK
    if len(failed) == len(codes) and len(set(failed)) == 1:
        return failed[0]
    return ExitCode.PARTIAL if len(failed) < len(codes) else failed[0]


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("summarize: interrupted\n")
        sys.exit(ExitCode.INTERRUPTED)
