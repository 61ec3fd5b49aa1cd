"""Stage 1: reading files, stdin and URLs; decoding; HTML sniffing."""

from __future__ import annotations

import gzip
import io
import os
import sys
from pathlib import Path

import pytest

from summarize_cli.errors import BadUrl, BinaryInput, EmptyInput, HttpError, InputError, SourceNotFound, TooLarge
from summarize_cli.options import Options
from summarize_cli.read import decode, read_source

FRENCH = "Le chiffre d’affaires a progressé de 12 % à 1,4 milliard d’euros, a annoncé l’entreprise."


def test_reads_utf8_text_file(sample_fr):
    doc = read_source(str(sample_fr))
    assert doc.kind == "text"
    assert "20 milliards de dollars" in doc.content
    assert decode(sample_fr.read_bytes())[1] == "utf-8"


def test_html_meta_charset_cp1252_is_honoured(sample_html):
    doc = read_source(str(sample_html))
    assert doc.kind == "html"
    assert "Métropole" in doc.content and "« voies lyonnaises »" in doc.content


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_french_text_is_detected(tmp_path, encoding):
    path = tmp_path / "article.txt"
    text = (FRENCH.replace("’", "'") + "\n") * 5
    path.write_bytes(text.encode(encoding))
    assert read_source(str(path)).content.strip().startswith("Le chiffre d'affaires a progressé")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_bom_decides_the_encoding(encoding):
    text, _ = decode(FRENCH.encode(encoding))
    assert text == FRENCH


def test_crlf_and_lone_cr_become_newlines(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Titre\r\n\r\nPremier paragraphe assez long.\rSecond paragraphe.")
    assert read_source(str(path)).content == "Titre\n\nPremier paragraphe assez long.\nSecond paragraphe."


def test_html_is_sniffed_from_content_not_name(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("<!doctype html><html><body><p>Bonjour tout le monde.</p></body></html>")
    assert read_source(str(path)).kind == "html"
    prose = tmp_path / "prose.html"
    prose.write_text("Prices rose 3% while x < y held for the whole year in the region.")
    assert read_source(str(prose)).kind == "text"


def test_missing_file(tmp_path):
    with pytest.raises(SourceNotFound, match="no such file"):
        read_source(str(tmp_path / "nope.txt"))


def test_directory_is_refused(tmp_path):
    with pytest.raises(InputError, match="directory"):
        read_source(str(tmp_path))


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_empty_input(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyInput):
        read_source(str(path))


@pytest.mark.parametrize("content,what", [(b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"), (os.urandom(4096), "binary")])
def test_binary_input_is_refused(tmp_path, content, what):
    path = tmp_path / "file.bin"
    path.write_bytes(content)
    with pytest.raises(BinaryInput, match=what if what != "binary" else "binary|image|archive|PDF|executable|media|MP3"):
        read_source(str(path))


def test_size_cap(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("mot " * 1000)
    with pytest.raises(TooLarge, match="--max-bytes"):
        read_source(str(path), Options(max_bytes=100))


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("texte")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # Tests run as root in CI, where chmod 0 does not stop reading.
    monkeypatch.setattr("summarize_cli.read.open", denied, raising=False)
    with pytest.raises(InputError, match="permission"):
        read_source(str(path))


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FRENCH.encode("utf-8"))))
    doc = read_source("-")
    assert doc.content == FRENCH and doc.source == "-"


def test_url_html(http_server, sample_html):
    url = http_server.add("/article", sample_html.read_bytes(), content_type="text/html")
    doc = read_source(url)
    assert doc.kind == "html" and "Métropole" in doc.content and doc.url == url


def test_url_http_charset_header(http_server):
    body = ("<html><body><p>" + FRENCH.replace("’", "'") + "</p></body></html>").encode("latin-1")
    url = http_server.add("/latin", body, content_type="text/html; charset=ISO-8859-1")
    assert "progressé" in read_source(url).content


def test_url_gzip(http_server):
    url = http_server.add("/gz", gzip.compress(FRENCH.encode()), content_type="text/plain; charset=utf-8", headers={"Content-Encoding": "gzip"})
    assert read_source(url).content == FRENCH


def test_url_gzip_bomb_is_capped(http_server):
    url = http_server.add("/bomb", gzip.compress(b"a" * 5_000_000), content_type="text/plain", headers={"Content-Encoding": "gzip"})
    with pytest.raises(TooLarge):
        read_source(url, Options(max_bytes=1_000_000))


def test_url_404(http_server):
    with pytest.raises(HttpError, match="404"):
        read_source(http_server.url("/missing"))


def test_url_wrong_content_type(http_server):
    url = http_server.add("/img", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    with pytest.raises(InputError, match="image/png"):
        read_source(url)


def test_redirect_to_file_scheme_is_refused(http_server):
    url = http_server.add("/jump", b"", status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(BadUrl, match="refused"):
        read_source(url)


def test_redirect_loop_is_bounded(http_server):
    http_server.add("/loop", b"", status=301, headers={"Location": http_server.url("/loop")})
    with pytest.raises(HttpError, match="redirect"):
        read_source(http_server.url("/loop"), Options(max_redirects=3))


@pytest.mark.parametrize("url", ["ftp://example.org/a.txt", "file:///etc/passwd", "http://"])
def test_unsupported_urls(url):
    with pytest.raises(BadUrl):
        read_source(url)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_file_whose_size_reads_zero_is_read_to_the_cap():
    # /proc files (and devices) announce size 0: the reader must not trust fstat alone.
    doc = read_source("/proc/self/status")
    assert "Name:" in doc.content
    with pytest.raises(TooLarge):
        read_source("/proc/self/status", Options(max_bytes=10))
