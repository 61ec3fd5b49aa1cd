"""Hostile URLs on 127.0.0.1: every failure is one line on stderr, exit 3 or 4, in bounded time; a batch goes on."""

from __future__ import annotations

import gzip
import json
import time
import zlib

import pytest

from servers import (
    assert_clean_failure,
    closed_port,
    endless_server,
    invoke,
    raw_server,
    self_signed_cert,
    silent_server,
    tls_server,
    trickle_server,
)
from summarize_cli.errors import ExitCode

ARTICLE = (
    "<html><head><title>Le tramway prolongé</title></head><body><article><h1>Le tramway prolongé</h1>"
    "<p>La métropole a voté jeudi le prolongement de la ligne T3 du tramway, pour un coût de 120 millions d’euros.</p>"
    "<p>Les travaux commenceront en 2026 et dureront trois ans, selon le vice-président chargé des transports.</p>"
    "<p>La fréquentation de la ligne a progressé de 12 % en un an, avec 45 000 voyageurs par jour en semaine.</p>"
    "</article></body></html>"
)


@pytest.mark.parametrize("status", [404, 500, 503])
def test_http_error_status(http_server, status):
    url = http_server.add("/err", "<html><body>Oups</body></html>", status=status)
    msg = assert_clean_failure(invoke("figures", url), ExitCode.NETWORK)
    assert str(status) in msg


def test_redirect_loop(http_server):
    http_server.add("/a", b"", status=301, headers={"Location": "/b"})
    http_server.add("/b", b"", status=302, headers={"Location": "/a"})
    msg = assert_clean_failure(invoke("figures", http_server.url("/a")), ExitCode.NETWORK)
    assert "redirect" in msg


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/article.html", "gopher://127.0.0.1/x", "data:text/html,<p>x</p>"])
def test_redirect_to_another_scheme_is_refused(http_server, target):
    url = http_server.add("/jump", b"", status=302, headers={"Location": target})
    msg = assert_clean_failure(invoke("figures", url), ExitCode.NETWORK)
    assert "refused" in msg or "unsupported" in msg


def test_server_that_never_answers_hits_the_timeout():
    with silent_server() as url:
        t0 = time.monotonic()
        msg = assert_clean_failure(invoke("figures", url, "--timeout", "0.5"), ExitCode.NETWORK)
        assert time.monotonic() - t0 < 5
    assert "0.5 s" in msg


def test_trickling_server_hits_the_overall_deadline():
    # One byte per interval never trips the per-read timeout; the whole download is capped at 3x --timeout.
    # (1 byte/s with --timeout 2 behaves the same, only slower.)
    with trickle_server(interval=0.1) as url:
        t0 = time.monotonic()
        msg = assert_clean_failure(invoke("figures", url, "--timeout", "0.5"), ExitCode.NETWORK)
        assert time.monotonic() - t0 < 6
    assert "longer than" in msg


def test_endless_body_is_cut_at_the_size_cap():
    with endless_server() as url:
        t0 = time.monotonic()
        msg = assert_clean_failure(invoke("figures", url, "--max-bytes", "2000000"), ExitCode.INPUT)
        assert time.monotonic() - t0 < 10
    assert "--max-bytes" in msg


def test_declared_2gb_body_is_refused_before_reading():
    with endless_server(content_length=2 * 1024**3) as url:
        msg = assert_clean_failure(invoke("figures", url), ExitCode.INPUT)
    assert "2048.0 MB" in msg


@pytest.mark.parametrize("encoding,compress", [("gzip", gzip.compress), ("deflate", zlib.compress)])
def test_decompression_bomb_is_capped(http_server, encoding, compress):
    bomb = compress(b"\0" * 30_000_000)  # ~30 KB on the wire, 30 MB unpacked: over the default 20 MiB cap
    url = http_server.add("/bomb", bomb, content_type="text/html", headers={"Content-Encoding": encoding})
    msg = assert_clean_failure(invoke("figures", url), ExitCode.INPUT)
    assert "decompresses" in msg


def test_brotli_is_refused(http_server):
    # We ask for gzip/deflate only; a server sending br anyway (maybe a bomb) is refused unread.
    url = http_server.add("/br", b"\x1b\xff\xff\x0f" * 100, content_type="text/html", headers={"Content-Encoding": "br"})
    msg = assert_clean_failure(invoke("figures", url), ExitCode.NETWORK)
    assert "'br'" in msg


def test_corrupt_gzip(http_server):
    url = http_server.add("/gz", b"\x1f\x8b\x08\x00garbage" * 10, content_type="text/html", headers={"Content-Encoding": "gzip"})
    assert_clean_failure(invoke("figures", url), ExitCode.NETWORK)


@pytest.mark.parametrize("ctype", ["image/png", "application/octet-stream", "video/mp4"])
def test_wrong_content_type_is_refused(http_server, ctype):
    url = http_server.add("/x", ARTICLE, content_type=ctype)
    msg = assert_clean_failure(invoke("figures", url), ExitCode.INPUT)
    assert ctype in msg


def test_missing_content_type_is_sniffed(http_server):
    url = http_server.add("/noctype", ARTICLE, content_type=None)
    res = invoke("figures", url, "--format", "json")
    assert res.exit_code == 0, res.stderr
    assert any(f["text"].startswith("120 millions") for f in json.loads(res.stdout)["figures"])


def test_html_served_as_text_plain_is_still_html(http_server):
    url = http_server.add("/plain", ARTICLE, content_type="text/plain")
    res = invoke("extract", url, "--format", "json")
    assert res.exit_code == 0, res.stderr
    assert "<p>" not in json.loads(res.stdout)["text"]


def test_binary_served_as_html_is_refused(http_server):
    url = http_server.add("/fake", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, content_type="text/html")
    assert_clean_failure(invoke("figures", url), ExitCode.INPUT)


def test_tls_garbage_server():
    # An https:// URL whose port speaks no TLS at all.
    with raw_server(b"HTTP/1.1 200 OK\r\n\r\nnot tls at all\n" * 4) as port:
        msg = assert_clean_failure(invoke("figures", f"https://127.0.0.1:{port}/", "--timeout", "2"), ExitCode.NETWORK)
    assert "TLS" in msg or "bad answer" in msg or "connect" in msg


def test_tls_self_signed_certificate_is_refused(tmp_path):
    pair = self_signed_cert(tmp_path)
    if pair is None:
        pytest.skip("neither openssl nor cryptography is available to make a certificate")
    with tls_server(*pair) as url:
        msg = assert_clean_failure(invoke("figures", url, "--timeout", "3"), ExitCode.NETWORK)
    assert "TLS" in msg and "certificate" in msg.lower()


@pytest.mark.parametrize("banner", [b"SSH-2.0-OpenSSH_9.6\r\n", b"\x00\x01\x02\x03garbage", b""])
def test_non_http_port(banner):
    with raw_server(banner) as port:
        assert_clean_failure(invoke("figures", f"http://127.0.0.1:{port}/", "--timeout", "2"), ExitCode.NETWORK)


def test_connection_refused():
    with closed_port() as port:
        msg = assert_clean_failure(invoke("figures", f"http://127.0.0.1:{port}/"), ExitCode.NETWORK)
    assert "connect" in msg


@pytest.mark.parametrize("url", ["http://", "http://[::1", "http://127.0.0.1:99999/", "https://bad host/", "ftp://127.0.0.1/a", "file:///etc/passwd", "javascript:alert(1)"])
def test_malformed_or_foreign_urls(url):
    res = invoke("figures", url)
    assert res.exit_code in (ExitCode.NETWORK, ExitCode.INPUT)
    assert_clean_failure(res, res.exit_code)


def test_batch_goes_on_after_network_failures(http_server):
    good = http_server.add("/good", ARTICLE)
    http_server.add("/loop", b"", status=301, headers={"Location": "/loop"})
    with silent_server() as silent:
        res = invoke("figures", "--format", "jsonl", "--timeout", "0.5", http_server.url("/missing"), good, silent, http_server.url("/loop"))
    assert res.exit_code == ExitCode.PARTIAL, res.stderr
    assert "Traceback" not in res.stderr
    objs = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(objs) == 4
    by_source = {o["source"]: o for o in objs}
    assert by_source[good]["error"] is None and by_source[good]["figures"]
    failed = [o for o in objs if o["error"]]
    assert len(failed) == 3 and all(o["figures"] == [] and o["text"] is None for o in failed)
    assert len([ln for ln in res.stderr.splitlines() if ln.startswith("summarize: error")]) == 3
