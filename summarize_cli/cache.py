"""Results cache: finished Results in SQLite, keyed by content, options and model revisions.

Safe with several processes at once: WAL journal (readers never block the writer), a busy
timeout instead of "database is locked" errors, one short autocommit statement per call and
INSERT OR REPLACE, so two runs that compute the same key simply both write the same value.
Any SQLite failure (corrupt file, full disk, read-only folder) degrades to a cache miss with a
logged warning: the cache can make a run faster, never make it fail.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import random
import sqlite3
import threading
import time
import types
import typing
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from summarize_cli import __version__
from summarize_cli.errors import ModelError
from summarize_cli.options import Options
from summarize_cli.schema import Result

log = logging.getLogger(__name__)

# Bump when the stored JSON or the key recipe changes meaning: old rows then simply never match.
CACHE_FORMAT = 2  # 2: the document kind (html or text) is part of the key
DB_NAME = "results.sqlite"
BUSY_TIMEOUT_S = 30.0

# Options fields that change the Result, hence part of the key (decided field by field):
#   task, sentences, words, clean, lang, summarizer, translate,
#   quotes, figures (how many the Result marks as shown)
#   target_lang                                                        -> what is computed
#   summary_model, translation_model                                   -> which model (its revision is in `models`)
#   prompt                                                             -> the instruct summariser's prompt
#   backend, device, beams                                             -> decoding: CT2 int8 vs torch fp32, int8 vs
#                                                                         int8_float16 on CUDA, beam search give other text
#   strict                                                             -> non-strict keeps a "translation failed" warning
#                                                                         Result that a strict run must not receive
# Left out: timeout, max_bytes, max_redirects only decide whether and how the input is fetched;
# once the content exists (it is hashed itself) they cannot change the Result.
KEY_FIELDS: tuple[str, ...] = (
    "task",
    "sentences",
    "words",
    "quotes",
    "figures",
    "clean",
    "translate",
    "lang",
    "target_lang",
    "summarizer",
    "summary_model",
    "translation_model",
    "backend",
    "device",
    "beams",
    "prompt",
    "strict",
)
# Which feed entries are taken changes which articles run, not any article's result.
IGNORED_FIELDS: frozenset[str] = frozenset({"timeout", "max_bytes", "max_redirects", "since", "limit", "offline"})

_PUT = "INSERT OR REPLACE INTO results (key, value, created) VALUES (?, ?, ?)"
_SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL)"


def default_cache_path() -> Path:
    """``user_cache_dir("summarize-cli")/results.sqlite`` (honours $XDG_CACHE_HOME on Linux)."""
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # platformdirs missing: same answer as it gives on Linux
        base = Path(os.environ.get("XDG_CACHE_HOME") or "~/.cache").expanduser()
        return base / "summarize-cli" / DB_NAME
    return Path(user_cache_dir("summarize-cli", appauthor=False)) / DB_NAME


def cache_key(content: str, options: Options, models: Mapping[str, str], kind: str = "text") -> str:
    """Hex sha256 of the document kind and content, the result-changing options (KEY_FIELDS) and the model fingerprints."""
    h = _recipe_digest(options, tuple(sorted((str(k), str(v)) for k, v in models.items()))).copy()
    # The same bytes read as HTML (a URL) and as text (a file that looked like text) give other articles.
    h.update(kind.encode("ascii") + b"\0")
    h.update(content.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@lru_cache(maxsize=16)
def _recipe_digest(options: Options, models: tuple[tuple[str, str], ...]) -> Any:
    # The same for every article of a run: hashed once, then copied per article.
    unknown = {f.name for f in dataclasses.fields(options)} - set(KEY_FIELDS) - IGNORED_FIELDS
    if unknown:
        # A new Options field must be classified here; keying on it is the safe default until then.
        log.debug("options fields not classified for the cache key: %s", sorted(unknown))
    names = sorted(set(KEY_FIELDS) | unknown)
    recipe = {
        "format": CACHE_FORMAT,
        "version": __version__,
        "options": {name: getattr(options, name) for name in names},
        "models": dict(models),
    }
    h = hashlib.sha256()
    h.update(json.dumps(recipe, sort_keys=True, default=str).encode("utf-8"))
    h.update(b"\0")
    return h


def model_fingerprint(name: str) -> str:
    """``name@revision``: HF snapshot commit, a hash of a local folder's file stats, or ``name@missing``."""
    from summarize_cli.hub import resolve_model

    try:
        path = resolve_model(name)
    except ModelError:  # ModelNotFound included; resolve_model never downloads
        return f"{name}@missing"
    try:
        # HF cache layout: models--org--name/snapshots/<commit>; the commit is the revision.
        if path.parent.name == "snapshots" and path.parent.parent.name.startswith("models--"):
            return f"{name}@{path.name}"
        return f"{name}@{folder_digest(path)}"
    except OSError:
        return f"{name}@missing"


def folder_digest(folder: Path) -> str:
    """``local-`` and 16 hex digits over the names, sizes and modification times of the files under ``folder``."""
    # Names, sizes and modification times stand for the contents: no file is read. Compiled bytecode
    # is left out: it appears after the first run without changing anything.
    h = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        st = file.stat()
        h.update(f"{file.relative_to(folder).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))
    return "local-" + h.hexdigest()[:16]


def result_to_json(result: Result) -> str:
    """Every field of the Result, nested dataclasses included, as compact JSON."""
    return json.dumps(_encode(result), ensure_ascii=False, separators=(",", ":"))


def result_from_json(s: str) -> Result:
    """Inverse of result_to_json: tuples come back as tuples, so the Results compare equal."""
    return _decode(json.loads(s), Result)


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(data: Any, tp: Any) -> Any:
    return _decoder(tp)(data)


def _identity(value: Any) -> Any:
    return value


@cache
def _decoder(tp: Any) -> Callable[[Any], Any]:
    # Driven by the dataclasses' own type hints, so schema fields added later round-trip too. One decoder
    # is built per type and reused: a cached batch decodes thousands of figures.
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            return _identity
        inner = _decoder(args[0])
        if inner is _identity:  # Optional[str], Optional[float]...: nothing to convert
            return _identity
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            if item is _identity:
                return tuple
            return lambda data: tuple(map(item, data))
        items = [_decoder(a) for a in args]
        return lambda data: tuple(f(v) for v, f in zip(data, items, strict=True))
    if origin is list:
        item = _decoder(typing.get_args(tp)[0])
        return lambda data: list(map(item, data))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(tp)]
        names = {name for name, _ in fields}
        nested = [(name, f) for name, f in fields if f is not _identity]
        plain = not hasattr(tp, "__post_init__") and not hasattr(tp, "__slots__")

        def build(data: Any) -> Any:
            if not isinstance(data, dict):
                raise ValueError(f"expected an object for {tp.__name__}")
            if plain and data.keys() == names:
                # The usual row, written by this version, has every field: set them as __init__ would,
                # without its frozen per-field __setattr__ (a cached batch builds thousands of figures).
                state = dict(data)
                for name, f in nested:
                    state[name] = f(state[name])
                obj = object.__new__(tp)
                obj.__dict__.update(state)
                return obj
            # Unknown keys are dropped and missing ones take their defaults (rows written by another version).
            return tp(**{name: f(data[name]) for name, f in fields if name in data})

        return build
    return _identity


class ResultCache:
    """SQLite store of successful Results; every failure is logged and treated as a miss."""

    def __init__(self, path: Path | None = None) -> None:
        path = Path(path).expanduser() if path is not None else default_cache_path()
        if path.is_dir():  # --cache-dir gives a folder
            path = path / DB_NAME
        self.path = path
        self._conn: sqlite3.Connection | None = None
        # One connection may be used from the pipeline's reader threads: one statement at a time.
        self._lock = threading.Lock()
        # A full disk fails every write of a run the same way: said once, then writes stop for this run.
        self._writes_off = False
        self._read_warned = False
        self._open()

    def get(self, key: str) -> Result | None:
        """The stored Result for ``key``, or None (miss, unreadable row or disabled cache)."""
        conn = self._conn
        if conn is None:
            return None
        try:
            with self._lock:
                row = _retry_busy(lambda: conn.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone())
        except sqlite3.DatabaseError as exc:
            if not self._read_warned:
                self._read_warned = True
                log.warning("results cache %s: read failed (%s); later read failures in this run are not reported", self.path, exc)
            return None
        if row is None:
            return None
        try:
            return result_from_json(row[0])
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("results cache %s: undecodable entry %s… (%s)", self.path, key[:12], exc)
            return None

    def put(self, key: str, result: Result) -> None:
        """Store ``result`` under ``key``; failed Results are never stored."""
        conn = self._conn
        if conn is None or result.error is not None or self._writes_off:
            return
        value = result_to_json(result)
        try:
            with self._lock:
                _retry_busy(lambda: conn.execute(_PUT, (key, value, time.time())))
        except sqlite3.DatabaseError as exc:
            self._writes_off = True
            log.warning("results cache %s: write failed (%s); no more results are cached in this run", self.path, exc)

    def close(self) -> None:
        """Close the database; later get/put are misses and no-ops."""
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                finally:
                    self._conn = None

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open(self) -> None:
        try:
            self._conn = _retry_busy(self._connect)
            return
        except sqlite3.OperationalError as exc:
            # Locked past the busy timeout, unwritable folder...: the file may be fine, so leave it alone.
            log.warning("results cache %s cannot be opened (%s); caching is off", self.path, exc)
            return
        except sqlite3.DatabaseError as exc:  # "file is not a database", malformed image...
            log.warning("results cache %s is unusable (%s); recreating it", self.path, exc)
        except OSError as exc:
            log.warning("results cache %s cannot be created (%s); caching is off", self.path, exc)
            return
        try:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self._conn = self._connect()
        except (sqlite3.DatabaseError, OSError) as exc:
            log.warning("results cache %s could not be recreated (%s); caching is off", self.path, exc)
            self._conn = None

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: autocommit, so no transaction outlives its single statement.
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(_SCHEMA)
            conn.execute("SELECT 1 FROM results LIMIT 1").fetchall()
        except BaseException:
            conn.close()
            raise
        return conn


_T = typing.TypeVar("_T")


def _retry_busy(work: typing.Callable[[], _T], deadline_s: float = BUSY_TIMEOUT_S) -> _T:
    # SQLite skips the busy handler in a few cases (switching a new file to WAL while another process
    # opens it, WAL recovery), answering "database is locked" at once: wait and try again instead.
    end = time.monotonic() + deadline_s
    delay = 0.01
    while True:
        try:
            return work()
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if ("locked" not in text and "busy" not in text) or time.monotonic() + delay > end:
                raise
        time.sleep(delay + random.random() * delay)
        delay = min(delay * 2, 0.5)
