"""Reading ahead of the CPU work: URLs on a thread pool, bounded overall and per host; local files when their turn comes."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from summarize_cli.errors import NetworkError
from summarize_cli.options import Options
from summarize_cli.schema import Document, InputItem
from summarize_cli.sources import Source

# URLs fetched at once overall, and per host (polite to one site, fast across many).
FETCH_WORKERS = 8
PER_HOST = 2
# Reads in flight at most: enough to hide network latency, bounded so a million sources don't pile up.
READ_AHEAD = 32


class ReadAhead:
    """Reads sources ahead of the CPU work: URLs on a thread pool (bounded overall and per host), files inline."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.pool = ThreadPoolExecutor(max_workers=FETCH_WORKERS, thread_name_prefix="summarize-read")
        self.hosts: dict[str, threading.Semaphore] = {}
        self.lock = threading.Lock()

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(self, *exc: object) -> None:
        # On Ctrl-C, queued reads are dropped; running ones end within their timeout.
        self.pool.shutdown(wait=exc[0] is None, cancel_futures=True)

    def stream(self, sources: Iterable[Source], ordered: bool) -> Iterator[tuple[Source, Future[Document]]]:
        """Yield (source, future) pairs, keeping a bounded window of URL fetches in flight."""
        from concurrent.futures import FIRST_COMPLETED, wait

        todo = iter(sources)
        # None stands for a local source: read when its turn comes, so a batch holds one file at a time.
        window: list[tuple[Source, Future[Document] | None]] = []

        def refill() -> None:
            while len(window) < READ_AHEAD:
                source = next(todo, None)
                if source is None:
                    return
                remote = isinstance(source, str) and "://" in source
                window.append((source, self.pool.submit(self._read, source) if remote else None))

        refill()
        while window:
            if ordered:
                source, fetch = window.pop(0)
            else:
                if all(f is not None and not f.done() for _, f in window):
                    wait([f for _, f in window if f is not None], return_when=FIRST_COMPLETED)
                source, fetch = pair = next(p for p in window if p[1] is None or p[1].done())
                window.remove(pair)
            refill()
            yield source, fetch if fetch is not None else self._read_here(source)

    def _read_here(self, source: Source) -> Future[Document]:
        # Files, stdin and JSONL items are read on this thread: a local read takes microseconds, and a
        # reader thread would only fight the main thread for the GIL (a cached re-run is mostly such reads).
        future: Future[Document] = Future()
        try:
            future.set_result(self._read(source))
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 - handed to _guarded like a pool thread's failure
            future.set_exception(exc)
        return future

    def _read(self, source: Source) -> Document:
        from summarize_cli.read import read_item, read_source, redact

        if isinstance(source, InputItem):
            return read_item(source)
        if "://" not in source:
            return read_source(source, self.options)
        if self.options.offline:
            raise NetworkError(f"{redact(source)} is not fetched: --offline sends no request", "save the page and give the file instead")
        from urllib.parse import urlsplit

        try:
            host = (urlsplit(source).hostname or "").lower()
        except ValueError:  # "http://[::1": read_source says why, as a BadUrl
            host = ""
        with self.lock:
            gate = self.hosts.setdefault(host, threading.Semaphore(PER_HOST))
        with gate:
            return read_source(source, self.options)
