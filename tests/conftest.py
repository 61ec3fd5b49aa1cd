"""Shared fixtures: sample paths, a local HTTP server on 127.0.0.1, an isolated config/cache dir."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def sample_fr() -> Path:
    """The reference French article as a reader copied it."""
    return SAMPLES / "openai-revenue-fr.txt"


@pytest.fixture(scope="session")
def sample_en() -> Path:
    """An English article in plain text."""
    return SAMPLES / "wind-farm-en.txt"


@pytest.fixture(scope="session")
def sample_html() -> Path:
    """A French news page in HTML."""
    return SAMPLES / "velo-lyon-fr.html"


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the user's caches and from the network."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HF_HOME", str(home / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    # CTranslate2 conversions are keyed by model content: one folder serves the whole session.
    monkeypatch.setenv("SUMMARIZE_CT2_CACHE", str(tmp_path_factory.getbasetemp() / "ct2"))
    monkeypatch.delenv("NO_COLOR", raising=False)


Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


@dataclass
class LocalServer:
    """A real HTTP server on 127.0.0.1 whose routes tests fill in."""

    port: int = 0
    routes: dict[str, Handler] = field(default_factory=dict)

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes | str, status: int = 200, content_type: str | None = "text/html; charset=utf-8", headers: dict[str, str] | None = None) -> str:
        """Serve a fixed answer at ``path``; return its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body

        def handler(req: http.server.BaseHTTPRequestHandler) -> None:
            req.send_response(status)
            if content_type:
                req.send_header("Content-Type", content_type)
            for k, v in (headers or {}).items():
                req.send_header(k, v)
            req.send_header("Content-Length", str(len(data)))
            req.end_headers()
            req.wfile.write(data)

        self.routes[path] = handler
        return self.url(path)


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    """Start a threaded HTTP server on 127.0.0.1 for one test."""
    server = LocalServer()

    class _Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            handler = server.routes.get(self.path.split("?")[0])
            if handler is None:
                self.send_error(404)
                return
            try:
                handler(self)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weight Marian fr->en model with a sentencepiece vocabulary trained on the samples."""
    from tinymodels import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-marian"))


@pytest.fixture(scope="session")
def tiny_bart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weight BART summariser."""
    from tinymodels import build_tiny_bart

    return build_tiny_bart(tmp_path_factory.mktemp("tiny-bart"))


@pytest.fixture(scope="session")
def tiny_causal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weight Llama-style causal LM with a chat template."""
    from tinymodels import build_tiny_causal_lm

    return build_tiny_causal_lm(tmp_path_factory.mktemp("tiny-causal"))


@pytest.fixture
def use_translator(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., object]]:
    """Install a stand-in translator for every model name (or a ``factory`` of its own, e.g. one that raises)."""
    from summarize_cli import translate

    def install(translator: object = None, *, factory: Callable[..., object] | None = None) -> object:
        monkeypatch.setitem(translate.TRANSLATORS, "marian", factory or (lambda *a: translator))
        translate._load.cache_clear()  # models load afresh: the stand-in, not a cached one
        return translator

    yield install
    translate._load.cache_clear()
