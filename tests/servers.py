"""Hostile servers on 127.0.0.1 for the hardening tests: each is a context manager that stops by itself."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

# No server outlives this, whatever the client does.
MAX_LIFETIME = 30.0


class _TcpServer:
    """Accepts connections in a thread and hands each socket to ``serve`` (in its own thread)."""

    def __init__(self, serve: Callable[[socket.socket], None] | None, accept: bool = True) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.deadline = time.monotonic() + MAX_LIFETIME
        self._serve = serve
        self._conns: list[socket.socket] = []
        self._thread = threading.Thread(target=self._loop, args=(accept,), daemon=True)
        self._thread.start()

    def alive(self) -> bool:
        """False once the test is over or the lifetime has run out."""
        return not self.stop.is_set() and time.monotonic() < self.deadline

    def _loop(self, accept: bool) -> None:
        while self.alive():
            if not accept:
                # A full listen backlog and no accept(): the client connects, then waits forever.
                time.sleep(0.05)
                continue
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(2.0)
            self._conns.append(conn)
            if self._serve is not None:
                threading.Thread(target=self._guarded, args=(conn,), daemon=True).start()

    def _guarded(self, conn: socket.socket) -> None:
        try:
            self._serve(conn)  # type: ignore[misc]
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self._thread.join(timeout=2)
        for conn in self._conns:
            try:
                conn.close()
            except OSError:
                pass
        self.sock.close()


@contextmanager
def _running(serve: Callable[[socket.socket], None] | None, accept: bool = True) -> Iterator[_TcpServer]:
    server = _TcpServer(serve, accept)
    try:
        yield server
    finally:
        server.close()


def _drain_request(conn: socket.socket) -> None:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            return
        data += chunk


@contextmanager
def silent_server() -> Iterator[str]:
    """A port that accepts TCP connections and never says a word: yields its http:// URL."""
    def serve(conn: socket.socket) -> None:
        while server.alive():
            time.sleep(0.05)

    with _running(serve) as server:
        yield f"http://127.0.0.1:{server.port}/article"


@contextmanager
def trickle_server(interval: float = 1.0) -> Iterator[str]:
    """HTTP headers, then one byte of body every ``interval`` seconds (for at most MAX_LIFETIME)."""
    def serve(conn: socket.socket) -> None:
        _drain_request(conn)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n")
        while server.alive():
            conn.sendall(b"a")
            time.sleep(interval)

    with _running(serve) as server:
        yield f"http://127.0.0.1:{server.port}/slow"


@contextmanager
def endless_server(content_length: int | None = None, chunk: bytes = b"<p>" + b"mot " * 16383 + b"</p>") -> Iterator[str]:
    """An HTML body that never ends (a 2 GB page without sending 2 GB): stops when the client hangs up."""
    def serve(conn: socket.socket) -> None:
        _drain_request(conn)
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n"
        if content_length is not None:
            head += f"Content-Length: {content_length}\r\n".encode()
        conn.sendall(head + b"\r\n<html><body>")
        sent = 0
        while server.alive() and sent < 2 * 1024**3:
            conn.sendall(chunk)
            sent += len(chunk)

    with _running(serve) as server:
        yield f"http://127.0.0.1:{server.port}/huge"


@contextmanager
def raw_server(payload: bytes) -> Iterator[int]:
    """A TCP port that answers every connection with ``payload`` and hangs up (SSH banner, garbage...)."""
    def serve(conn: socket.socket) -> None:
        try:
            conn.recv(1024)
        except OSError:
            pass
        conn.sendall(payload)

    with _running(serve) as server:
        yield server.port


@contextmanager
def closed_port() -> Iterator[int]:
    """A port nothing listens on (connection refused)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    yield port


def self_signed_cert(folder: Path) -> tuple[Path, Path] | None:
    """A throw-away certificate and key for 127.0.0.1 (openssl CLI or the cryptography package), else None."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    if shutil.which("openssl"):
        done = subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
             "-days", "1", "-subj", "/CN=127.0.0.1"],
            capture_output=True, timeout=30,
        )
        if done.returncode == 0:
            return cert, key
    try:
        import datetime

        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError:
        return None
    pk = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    crt = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(pk.public_key())
           .serial_number(x509.random_serial_number()).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
           .sign(pk, hashes.SHA256()))
    cert.write_bytes(crt.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(pk.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert, key


@contextmanager
def tls_server(cert: Path, key: Path) -> Iterator[str]:
    """An https server with a self-signed certificate (no client trusts it): yields its https:// URL."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(cert), str(key))

    def serve(conn: socket.socket) -> None:
        try:
            tls = ctx.wrap_socket(conn, server_side=True)
        except (ssl.SSLError, OSError):
            return  # the client refused the certificate: what the test expects
        _drain_request(tls)
        tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello")
        tls.close()

    with _running(serve) as server:
        yield f"https://127.0.0.1:{server.port}/secure"


# --------------------------------------------------------------------------- CLI checks shared by the hardening tests

def invoke(*args: str, input: bytes | str | None = None):  # type: ignore[no-untyped-def]
    """Run the CLI in-process; returns click's Result (stdout and stderr apart)."""
    from typer.testing import CliRunner

    from summarize_cli.cli import app

    return CliRunner().invoke(app, list(args), input=input)


def assert_clean_failure(res, code: int, *, stdout_empty: bool = True) -> str:  # type: ignore[no-untyped-def]
    """Exit ``code``, exactly one one-line error on stderr, no traceback, nothing on stdout; returns the message."""
    assert res.exit_code == code, (res.exit_code, res.stderr, res.exception)
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert "Traceback" not in res.stderr
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("summarize: error")]
    assert len(errors) == 1, res.stderr
    if stdout_empty:
        assert res.stdout == ""
    return errors[0]
