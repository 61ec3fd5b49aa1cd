"""The runner: sources through ``pipeline.run_many`` into the output layer, failures reported, one exit code back.

``cli.py`` builds the frozen ``Options``, ``SourceSpec`` and ``OutputSpec`` and calls ``execute`` (or one of the
``models_*`` functions); nothing here parses a command line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from summarize_cli.errors import ExitCode, Misuse, SummarizeError
from summarize_cli.options import Options, OutputSpec, SourceSpec

if TYPE_CHECKING:
    from summarize_cli.cache import ResultCache
    from summarize_cli.output import View
    from summarize_cli.output.sinks import Sink
    from summarize_cli.schema import Result
    from summarize_cli.sources import Sources
    from summarize_cli.terminal import Messages


def execute(sources: SourceSpec, options: Options, spec: OutputSpec) -> ExitCode:
    """Process every source, write the results as ``spec`` says, report failures on stderr; Misuse for a bad command line."""
    from summarize_cli.output import choose
    from summarize_cli.output.sinks import Inputs, open_sink
    from summarize_cli.sources import expand_sources
    from summarize_cli.terminal import Messages, capture_logs, isatty

    from summarize_cli.output import FORMATS
    from summarize_cli.sources import INPUT_FORMATS

    err = Messages(spec.quiet)
    # The CLI offers only valid choices; an API caller's specs are checked the same way.
    if spec.format != "auto" and spec.format not in FORMATS:
        raise Misuse(f"{spec.format!r} is not one of: auto, {', '.join(FORMATS)}", "--format")
    if sources.input_format not in INPUT_FORMATS:
        raise Misuse(f"{sources.input_format!r} is not one of: {', '.join(INPUT_FORMATS)}", "--input-format")
    if spec.output is not None and spec.output_dir is not None:
        raise Misuse("give -o FILE or --output-dir DIR, not both", "--output-dir")
    files: list[str] = []
    try:
        found = expand_sources(
            list(sources.names), from_file=sources.from_file, pattern=sources.pattern, input_format=sources.input_format, files=files, max_bytes=options.max_bytes
        )
    except SummarizeError as exc:
        err.error(str(exc))
        return exc.exit_code
    if not found:
        raise Misuse("give at least one SOURCE (a file, URL or -), or --from-file", "SOURCE")
    if found.named().count("-") > 1:
        raise Misuse("stdin (-) can be read only once", "SOURCE")
    fmt = choose(spec.format, spec.output, spec.output is None and spec.output_dir is None and isatty(sys.stdout))
    inputs = Inputs([*files, *(s for s in found.named() if s != "-" and "://" not in s)])
    with ExitStack() as stack:
        try:
            sink = open_sink(fmt, view_for(options, spec, several=len(found) > 1), inputs, output=spec.output, output_dir=spec.output_dir, overwrite=spec.overwrite)
        except SummarizeError as exc:
            err.error(str(exc))
            return exc.exit_code
        # Whatever ends the run before finish(), the -o file stays as it was.
        stack.callback(sink.discard)
        stack.enter_context(capture_logs(err))  # the cache logs its troubles
        cache = _open_cache(spec, err)
        if cache is not None:
            stack.callback(cache.close)
        return _run(found, options, sink, cache, err, spec)


def view_for(options: Options, spec: OutputSpec = OutputSpec(), *, several: bool = False) -> View:
    """What each result shows, from what the run computes: the one place a task decides the output."""
    from summarize_cli.output import View

    task = options.task
    return View(
        body=task in ("extract", "translate"), figures=task in ("summarize", "figures"), quotes=task == "quotes", translated=task == "translate",
        several=several, bilingual=spec.bilingual,
    )  # fmt: skip


def _run(sources: Sources, options: Options, sink: Sink, cache: ResultCache | None, err: Messages, spec: OutputSpec) -> ExitCode:
    """Feed each result to ``sink``, report failures, and return the exit code."""
    from summarize_cli import pipeline
    from summarize_cli.errors import Interrupted, OutputError, PipeClosed
    from summarize_cli.terminal import silence_stdout, stop_signals

    codes: list[int] = []
    with ExitStack() as stack:
        stack.enter_context(stop_signals())
        progress = stack.enter_context(_progress(err, len(sources)))
        stopped: KeyboardInterrupt | None = None
        unwritten = False
        once: set[str] = set()
        try:
            try:
                for result in pipeline.run_many(sources, options, cache=cache, ordered=not spec.unordered):
                    problem = sink.add(result)
                    codes.append(result.error.exit_code if result.error else 0)
                    _report(err, result, spec.traceback, once)
                    if problem is not None:
                        err.error(str(problem))
                        codes[-1] = problem.exit_code
                    progress.advance()
            except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM/SIGHUP through stop_signals
                progress.stop()
                stopped = exc
            try:
                sink.finish(interrupted=stopped is not None)
            except KeyboardInterrupt as exc:
                # Stopped while the last results were written: nothing half-written is put in place.
                sink.discard()
                stopped, unwritten = exc, True
        except PipeClosed:
            # `| head`: the reader has what it wanted. A normal, quiet end.
            silence_stdout()
            return ExitCode.OK
        except OutputError as exc:
            if sink.to_stdout:
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


def _open_cache(spec: OutputSpec, err: Messages) -> ResultCache | None:
    if not spec.cache:
        return None
    from summarize_cli.cache import ResultCache

    try:
        return ResultCache(spec.cache_dir / "results.sqlite" if spec.cache_dir else None)
    except Exception as exc:  # noqa: BLE001 - a broken cache must never stop a run
        err.warning(f"results cache disabled ({exc})")
        return None


class _Progress(Protocol):
    def advance(self) -> None: ...

    def stop(self) -> None: ...


class _NoProgress:
    """The progress bar's interface, doing nothing (stderr is not a terminal, or --quiet)."""

    def advance(self) -> None:
        return None

    def stop(self) -> None:
        return None


@contextmanager
def _progress(err: Messages, total: int) -> Iterator[_Progress]:
    # Only for people: a progress bar on a terminal, for more than one article.
    if err.quiet or total <= 1 or err.console is None:
        yield _NoProgress()
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err.console, transient=True) as bar:
        job = bar.add_task("articles", total=total)

        class Bar:
            def advance(self) -> None:
                bar.advance(job)

            def stop(self) -> None:
                bar.stop()

        yield Bar()


def _report(err: Messages, result: Result, show_traceback: bool, once: set[str]) -> None:
    from summarize_cli.pipeline import FALLBACK

    if result.error is not None:
        if show_traceback and result.error.traceback:
            err.block(result.error.traceback)
        # One line per failure, whatever a library put in its message: scripts grep stderr.
        err.error(" ".join(result.error.message.split()))
    for warning in result.warnings:
        if FALLBACK in warning:
            # A missing model is the same news for every article of a batch: said once, without a source.
            if warning not in once:
                once.add(warning)
                err.warning(warning)
            continue
        err.warning(f"{result.source}: {warning}")


def _exit_code(codes: list[int]) -> ExitCode:
    failed = [c for c in codes if c]
    if not failed:
        return ExitCode.OK
    if len(failed) == len(codes) and len(set(failed)) == 1:
        return ExitCode(failed[0])
    return ExitCode.PARTIAL if len(failed) < len(codes) else ExitCode(failed[0])


def batch(input: str, output: str, options: Options, *, engine: str = "local", address: str | None = None, quiet: bool = False) -> ExitCode:
    """A JSONL/Parquet data set to JSONL (``local``) or to a folder of part files on a Ray cluster (``ray``)."""
    if engine == "ray":
        return _ray(input, output, options, address, quiet)
    if engine != "local":
        raise Misuse("choose local or ray", "--engine")
    # No results cache: a data set is read once and its results are the output file; caching every row would
    # double the disk a large set takes, for re-runs that the output file already answers.
    spec = OutputSpec(format="jsonl", output=Path(output), quiet=quiet, cache=False)
    return execute(SourceSpec((input,), input_format="jsonl"), options, spec)


def _ray(input: str, output: str, options: Options, address: str | None, quiet: bool) -> ExitCode:
    from summarize_cli.terminal import Messages, capture_logs

    err = Messages(quiet)
    try:
        from summarize_cli.ray_engine import run_ray
    except ImportError as exc:
        err.error(f"the Ray engine is not installed ({exc}); install it with: pip install 'summarize-cli[ray]'")
        return ExitCode.USAGE
    local = Path(output) if "://" not in output else None
    if local is not None and local.is_dir() and any(local.iterdir()):
        # Ray adds part files to a folder: a second run would mix old and new rows.
        err.error(f"{output} is not empty; give a new folder or remove it first")
        return ExitCode.OUTPUT
    try:
        with capture_logs(err):
            counts = run_ray(input, output, options, address=address)
    except SummarizeError as exc:
        err.error(str(exc))
        return exc.exit_code
    err.note(f"{counts.get('ok', 0)} ok, {counts.get('failed', 0)} failed")
    return ExitCode.PARTIAL if counts.get("failed") else ExitCode.OK


def models_list(format: str) -> ExitCode:
    """`summarize models list`: known defaults and what the local cache holds, in ``format`` (json/jsonl, else a table)."""
    from summarize_cli.models import list_models
    from summarize_cli.output import View, choose
    from summarize_cli.terminal import guarded_stdout, isatty

    rows = list_models()
    return _guarded(lambda: choose(format, None, isatty(sys.stdout)).open(guarded_stdout(), View(), False).models(rows))


def models_pull(name: str, *, offline: bool = False, quiet: bool = False) -> ExitCode:
    """`summarize models pull`: download into the Hugging Face cache (safetensors only), convert, print the folder."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TextColumn, TransferSpeedColumn

    from summarize_cli.models import pull
    from summarize_cli.output.sinks import print_line
    from summarize_cli.terminal import Messages, safe

    err = Messages(quiet)
    # File names from the Hub are shown as text, never as markup.
    columns = (TextColumn("{task.description}", markup=False), BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with Progress(*columns, console=err.console, disable=quiet or err.console is None, transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(desc: str, done: int, total: int | None) -> None:
            if desc not in tasks:
                tasks[desc] = bar.add_task(safe(desc, one_line=True), total=total)
            bar.update(tasks[desc], completed=done, total=total)

        try:
            path = pull(name, progress=progress, offline=offline)
        except SummarizeError as exc:
            bar.stop()
            err.error(str(exc))
            return exc.exit_code
    return _guarded(lambda: print_line(str(path)))


def models_path(name: str) -> ExitCode:
    """`summarize models path`: print the local folder of an installed model."""
    from summarize_cli.models import model_path
    from summarize_cli.output.sinks import print_line

    return _guarded(lambda: print_line(str(model_path(name))))


def models_remove(name: str) -> ExitCode:
    """`summarize models remove`: delete a model and its CTranslate2 conversions; print what was freed."""
    from summarize_cli.models import human_size, remove
    from summarize_cli.output.sinks import print_line

    def work() -> None:
        freed = remove(name)
        print_line(f"removed {name} ({human_size(freed)} freed)")

    return _guarded(work)


def _guarded(work: Callable[[], None]) -> ExitCode:
    """Run ``work``; an expected failure is one error line and its exit code."""
    from summarize_cli.errors import PipeClosed
    from summarize_cli.terminal import Messages

    try:
        work()
    except PipeClosed:
        raise
    except SummarizeError as exc:
        Messages().error(str(exc))
        return exc.exit_code
    return ExitCode.OK


def main(app: Callable[[], object]) -> None:
    """Run the command line ``app`` as the process: standard streams kept apart, signals and closed pipes handled."""
    import gc

    from summarize_cli.errors import Interrupted, PipeClosed
    from summarize_cli.terminal import Messages, reserve_standard_streams, silence_stdout

    # Before anything is opened: a file must never land on fd 0, 1 or 2.
    reserve_standard_streams()
    # One short-lived process: what is imported by now lives until exit. Keep it out of the cyclic
    # collector's scans, which otherwise run over it again and again while a batch builds thousands of
    # results (~10% of a cached re-run). Here, not in execute: in-process callers keep a normal collector.
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
    except SummarizeError as exc:  # what fails outside a run: --version on a closed stdout
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
