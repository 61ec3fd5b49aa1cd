"""Ray Data engine (extra ``summarize-cli[ray]``): JSONL/Parquet in, the pipeline in actors, JSONL/Parquet out.

Input rows need ``text``; ``id``, ``title`` and ``url`` are optional. Each row becomes
``InputItem(source=id or url or "row-<sha256(text)[:12]>", ...)`` (a global row number does not
exist in a distributed dataset, so the fallback source is derived from the text itself).

Output rows are ``Result.to_dict()`` made Arrow-friendly, one column per top-level key:
``id, source, title, language, text, byline, date, modified, site, url`` (strings or null),
``warnings`` (list of strings), and ``summary``, ``figures``, ``quotes``, ``translation``, ``error``
as JSON strings (null when absent; ``figures`` and ``quotes`` are ``"[]"`` when there are none),
so every Parquet file has the same flat schema. A row failed when ``error`` is not null.

Ray writes a *directory* of part files at ``output_uri``. For one file: JSONL parts are plain
lines, so ``cat OUT/*.json > all.jsonl``; Parquet parts form one dataset, so
``pyarrow.parquet.write_table(pyarrow.dataset.dataset("OUT", format="parquet").to_table(), "all.parquet")``
(or read the folder directly: pandas, DuckDB and Spark all accept it).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from pathlib import Path
from typing import Any

from summarize_cli.errors import InputError, NetworkError, OutputConflict, SourceNotFound, SummarizeError
from summarize_cli.options import Options
from summarize_cli.schema import Result

log = logging.getLogger(__name__)

OUTPUT_COLUMNS: tuple[str, ...] = (
    "id", "source", "title", "language", "text", "byline", "date", "modified", "site", "url",
    "summary", "figures", "quotes", "translation", "warnings", "error",
)  # fmt: skip
_JSON_COLUMNS = ("summary", "figures", "quotes", "translation", "error")
_FORMATS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".parquet": "parquet", ".pq": "parquet",
}  # fmt: skip
_COMPRESSIONS = (".gz", ".bz2", ".zst", ".lz4", ".br")
# How long --address may take to answer a TCP connection: Ray itself retries an unreachable head
# for minutes before giving up.
CONNECT_TIMEOUT_S = 10.0
_ERROR_LINE = re.compile(r"^[A-Za-z_.]*(?:Error|Exception|Invalid)\b[^:]{0,80}:")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def run_ray(
    input_uri: str,
    output_uri: str,
    options: Options,
    *,
    address: str | None = None,
    input_format: str = "auto",
    output_format: str = "auto",
    concurrency: int | None = None,
    batch_size: int = 16,
) -> dict[str, int]:
    """Summarise every row of a JSONL/Parquet dataset on Ray; return ``{"ok": n, "failed": m}``."""
    try:
        import ray
    except ImportError:
        raise SummarizeError("the Ray engine is not installed", "pip install 'summarize-cli[ray]'") from None

    _check_paths(input_uri, output_uri)
    in_fmt = _format(input_uri, input_format, what="input")
    out_fmt = _format(output_uri, output_format, what="output", default=in_fmt)
    started = False
    with _ray_logs_quiet() as logs:
        try:
            if not ray.is_initialized():
                if address:
                    _probe(address)
                    ray.init(address=address, log_to_driver=False)
                else:
                    # At least 2 logical CPUs: one actor plus the read/write tasks beside it.
                    ray.init(num_cpus=max(2, os.cpu_count() or 1), include_dashboard=False, log_to_driver=False)
                started = True
        except SummarizeError:
            raise
        except Exception as exc:  # noqa: BLE001 - Ray's connection errors have no common base
            raise NetworkError(f"cannot start or reach Ray{f' at {address}' if address else ''} ({_plain(exc)})", "check --address and that the cluster is up (ray status)") from None
        try:
            return _run(ray, input_uri, output_uri, options, in_fmt, out_fmt, concurrency, batch_size)
        except SummarizeError:
            raise
        except Exception as exc:  # noqa: BLE001 - a failed Ray job: one line, not Ray's tracebacks
            failure = _job_failure(exc, input_uri)
            if logs.path:
                failure.hint = f"{failure.hint}; Ray's own log: {logs.path}"
            raise failure from None
        finally:
            if started:
                ray.shutdown()


def _check_paths(input_uri: str, output_uri: str) -> None:
    """Refuse a missing local input and a local output that is a file before Ray starts (seconds)."""
    if "://" not in input_uri and not Path(input_uri).expanduser().exists():
        raise SourceNotFound(f"input {input_uri} does not exist", "check the path")
    if "://" not in output_uri and Path(output_uri).expanduser().exists() and not Path(output_uri).expanduser().is_dir():
        raise OutputConflict(f"{output_uri} is a file; the Ray engine writes a folder of part files", "give the name of a new folder")


def _probe(address: str) -> None:
    """Fail within CONNECT_TIMEOUT_S when the head at ``address`` does not answer (Ray would retry for minutes)."""
    import socket

    if address in ("auto", "local") or "://" in address and not address.startswith("ray://"):
        return
    hostport = address.removeprefix("ray://").rstrip("/")
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        host, port = hostport, ("10001" if address.startswith("ray://") else "6379")
    hint = "check --address and that the cluster is up (ray status)"
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT_S) as sock:
            # Both Ray ports (GCS, Ray Client) speak gRPC: an HTTP/2 server answers the client preface with
            # its SETTINGS frame. A port that accepts and stays silent would keep ray.init retrying for minutes.
            sock.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + b"\x00\x00\x00\x04\x00\x00\x00\x00\x00")
            head = b""
            while len(head) < 9:
                chunk = sock.recv(9 - len(head))
                if not chunk:
                    break
                head += chunk
    except OSError as exc:
        what = "no answer" if isinstance(exc, TimeoutError) else (exc.strerror or str(exc))
        raise NetworkError(f"cannot reach the Ray cluster at {address} within {CONNECT_TIMEOUT_S:g} s ({what})", hint) from None
    if len(head) < 9 or head[3] != 4:
        raise NetworkError(f"{address} does not answer like a Ray cluster (no gRPC server there)", hint)


def _plain(exc: BaseException) -> str:
    """The last meaningful line of an exception's text, without the colour codes Ray puts in it."""
    lines = [ln.strip() for ln in _ANSI.sub("", str(exc)).splitlines() if ln.strip()]
    # Ray's texts end with advice about retries; the line that names the error is what tells.
    named = [ln for ln in lines if _ERROR_LINE.match(ln)]
    return (named[-1] if named else lines[0] if lines else exc.__class__.__name__)[:300]


def _job_failure(exc: BaseException, input_uri: str) -> SummarizeError:
    """One SummarizeError for a failed Ray job: an unreadable input is an input error, the rest a failure of the job."""
    cause: BaseException = exc
    for _ in range(10):  # RayTaskError wraps the worker's exception as its cause
        inner = getattr(cause, "cause", None) or cause.__cause__
        if inner is None or inner is cause:
            break
        cause = inner
    text = _plain(cause)
    if isinstance(cause, FileNotFoundError):
        return SourceNotFound(f"input {input_uri} does not exist ({text})", "check the path or URL")
    if isinstance(cause, (ValueError, UnicodeDecodeError)) or "Arrow" in type(cause).__name__:
        return InputError(f"cannot read {input_uri}: {text}", 'each line must be one JSON object with a "text" string (or give Parquet)')
    return SummarizeError(f"the Ray job failed: {type(cause).__name__}: {text}", "run it again; if it fails the same way, report it")


class _ray_logs_quiet:
    """While Ray runs, its own output (tracebacks, coloured lines, C++ logs on fd 2) goes to a log file, ours to stderr."""

    path: str | None = None

    def __enter__(self) -> _ray_logs_quiet:
        import sys
        import tempfile

        # Ray Data sets up its console logger when a dataset runs; this level, read then, keeps it quiet.
        self.saved_level = os.environ.get("RAY_DATA_LOG_LEVEL")
        os.environ.setdefault("RAY_DATA_LOG_LEVEL", "CRITICAL")
        try:
            sys.stderr.flush()
            fd, self.path = tempfile.mkstemp(prefix="summarize-ray-", suffix=".log")
            self.saved_fd = os.dup(2)
        except (OSError, ValueError, AttributeError):
            self.path = None
            return self
        self.saved_stream = sys.stderr
        # Our messages keep the real stderr (a copy of fd 2); Ray's handlers and its C++ core write to fd 2.
        if getattr(sys.stderr, "fileno", None) is not None and _is_fd2(sys.stderr):
            sys.stderr = os.fdopen(os.dup(self.saved_fd), "w", buffering=1, encoding=getattr(sys.stderr, "encoding", None) or "utf-8", errors="backslashreplace")
        os.dup2(fd, 2)
        os.close(fd)
        return self

    def __exit__(self, *exc: object) -> None:
        import sys

        if self.saved_level is None:
            os.environ.pop("RAY_DATA_LOG_LEVEL", None)
        if self.path is None:
            return
        os.dup2(self.saved_fd, 2)
        os.close(self.saved_fd)
        if sys.stderr is not self.saved_stream:
            try:
                sys.stderr.close()
            finally:
                sys.stderr = self.saved_stream
        if exc[0] is None:
            Path(self.path).unlink(missing_ok=True)


def _is_fd2(stream: Any) -> bool:
    try:
        return stream.fileno() == 2
    except (OSError, ValueError, AttributeError):
        return False


def _run(ray: Any, input_uri: str, output_uri: str, options: Options, in_fmt: str, out_fmt: str, concurrency: int | None, batch_size: int) -> dict[str, int]:
    import ray.data

    src_path, src_fs = _filesystem(input_uri)
    if in_fmt == "parquet":
        ds = ray.data.read_parquet(src_path, filesystem=src_fs)
    else:
        ds = ray.data.read_json(src_path, filesystem=src_fs, lines=True)
    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
    if concurrency is None:
        # Autoscaling pool of single-CPU actors (each loads its models once), one CPU left free:
        # actors holding every CPU would starve the read and write tasks and the dataset would hang.
        pool = ray.data.ActorPoolStrategy(min_size=1, max_size=max(1, cpus - 1))
    else:
        if concurrency >= cpus:
            log.warning("%d actors on %d CPUs leave none for reading and writing; the run may stall", concurrency, cpus)
        pool = ray.data.ActorPoolStrategy(size=max(1, concurrency))
    counter = ray.remote(_Counter).options(num_cpus=0).remote()
    results = ds.map_batches(
        SummarizeActor,
        fn_constructor_kwargs={"options": options, "counter": counter},
        batch_format="pyarrow",
        batch_size=batch_size,
        compute=pool,
        num_cpus=1,
    )
    out_path, out_fs = _filesystem(output_uri)
    if out_fmt == "parquet":
        results.write_parquet(out_path, filesystem=out_fs)
    else:
        results.write_json(out_path, filesystem=out_fs, force_ascii=False)
    counts = ray.get(counter.get.remote())
    log.info("ray batch done: %d ok, %d failed -> %s", counts["ok"], counts["failed"], output_uri)
    return counts


class _Counter:
    """Rows done, summed over every actor (a tiny Ray actor, so writing need not re-run the pipeline)."""

    def __init__(self) -> None:
        self.counts = {"ok": 0, "failed": 0}

    def add(self, ok: int, failed: int) -> None:
        self.counts["ok"] += ok
        self.counts["failed"] += failed

    def get(self) -> dict[str, int]:
        return dict(self.counts)


class SummarizeActor:
    """Ray Data callable class: set up once per worker, then summarise pyarrow batches row by row."""

    def __init__(self, options: Options, counter: Any = None) -> None:
        self.options = options
        self.counter = counter
        try:
            import ray

            cpus = ray.get_runtime_context().get_assigned_resources().get("CPU")
        except Exception:  # not inside Ray (tests, direct use)
            cpus = None
        if cpus and "SUMMARIZE_THREADS" not in os.environ:
            # Without this every actor would size its thread pool to the whole machine.
            os.environ["SUMMARIZE_THREADS"] = str(max(1, int(cpus)))
        _warm_up(options)

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        rows = [_row_fields(row) for row in batch.to_pylist()]
        results = self._run_rows(rows)
        out = [result_row(result, ident) for result, (ident, *_rest) in zip(results, rows, strict=True)]
        if self.counter is not None:
            import ray

            failed = sum(1 for r in results if r.error is not None)
            # Waited for: fire-and-forget calls could land after the driver reads the totals.
            ray.get(self.counter.add.remote(len(results) - failed, failed))
        return pa.Table.from_pylist(out, schema=output_schema())

    def _run_rows(self, rows: list[tuple[str | None, str, str, str | None, str | None]]) -> list[Result]:
        from summarize_cli import pipeline
        from summarize_cli.schema import InputItem

        items = [InputItem(source=source, text=text, title=title, url=url) for _id, source, text, title, url in rows]
        # run_many translates the batch's summaries together: far faster than one call per row.
        return list(pipeline.run_many(items, self.options))


def _row_fields(row: dict[str, Any]) -> tuple[str | None, str, str, str | None, str | None]:
    """``(id, source, text, title, url)`` of one input row; the source is id, else url, else a text hash."""
    text = row.get("text")
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    ident = _str_or_none(row.get("id"))
    url = _str_or_none(row.get("url"))
    title = _str_or_none(row.get("title"))
    source = ident or url or "row-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return ident, source, text, title, url


def output_schema() -> Any:
    """The Arrow schema of every output row (see the module docstring)."""
    import pyarrow as pa

    fields = [pa.field(name, pa.string()) for name in OUTPUT_COLUMNS if name != "warnings"]
    fields.insert(OUTPUT_COLUMNS.index("warnings"), pa.field("warnings", pa.list_(pa.string())))
    return pa.schema(fields)


def result_row(result: Result, ident: str | None = None) -> dict[str, Any]:
    """``Result.to_dict()`` flattened for Arrow: nested objects as JSON strings, plus the input ``id``."""
    data = result.to_dict()
    row: dict[str, Any] = {name: data.get(name) for name in OUTPUT_COLUMNS}
    row["id"] = ident
    row["warnings"] = [str(w) for w in data.get("warnings") or []]
    for name in _JSON_COLUMNS:
        value = data.get(name)
        row[name] = None if value is None else json.dumps(value, ensure_ascii=False)
    return row


def _warm_up(options: Options) -> None:
    # Load the translation model now, once per actor, rather than inside the first batch.
    # Which model the rows need is known up front only when --lang says the articles' language.
    if not options.translate or options.task != "summarize" or options.lang is None or options.lang == options.target_lang:
        return
    source = options.lang
    try:
        from summarize_cli.schema import Summary
        from summarize_cli.translate import translate_many

        translate_many([Summary(sentences=("Bonjour.",), language=source, method="warm-up")], options)
    except Exception as exc:  # best effort: each row reports (or warns about) the model through the pipeline
        log.warning("translation model not ready on this worker: %s", exc)


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None


def _format(uri: str, given: str, *, what: str, default: str | None = None) -> str:
    if given in ("jsonl", "json"):
        return "jsonl"
    if given == "parquet":
        return given
    if given != "auto":
        raise InputError(f"unknown {what} format {given!r}", "choose one of: auto, jsonl, parquet")
    name = uri.rstrip("/").lower()
    for comp in _COMPRESSIONS:
        name = name.removesuffix(comp)
    for ext, fmt in _FORMATS.items():
        if name.endswith(ext):
            return fmt
    if default is not None:
        return default
    found = _format_of_folder(uri)
    if found is None:
        raise InputError(f"cannot tell the format of {uri}", "name it *.jsonl or *.parquet, or give the format")
    return found


def _format_of_folder(uri: str) -> str | None:
    import fsspec

    fs, path = fsspec.core.url_to_fs(uri)
    if not fs.exists(path):
        raise InputError(f"input {uri} does not exist", "check the path or URL")
    if not fs.isdir(path):
        return None
    for name in sorted(fs.ls(path, detail=False)):
        lower = str(name).lower()
        for comp in _COMPRESSIONS:
            lower = lower.removesuffix(comp)
        for ext, fmt in _FORMATS.items():
            if lower.endswith(ext):
                return fmt
    return None


def _filesystem(uri: str) -> tuple[str, Any]:
    """Path and filesystem for Ray: pyarrow's own when it knows the scheme, else fsspec wrapped for Arrow."""
    import pyarrow.fs as pafs

    if "://" not in uri:
        # Absolute, because Ray workers do not share the driver's working directory.
        return str(Path(uri).expanduser().resolve()), None
    try:
        pafs.FileSystem.from_uri(uri)
        return uri, None  # file://, s3://, gs://, hdfs:// ...: Ray resolves these itself
    except (ValueError, OSError):  # pyarrow.ArrowInvalid is a ValueError
        pass
    import fsspec

    fs, path = fsspec.core.url_to_fs(uri)
    return path, pafs.PyFileSystem(pafs.FSSpecHandler(fs))

