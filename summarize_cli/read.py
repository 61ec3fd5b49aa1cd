"""Stage 1, read: bytes from a file, stdin or URL, decoded to text and sniffed as HTML or text."""

from __future__ import annotations

import codecs
import os
import re
import sys
import zlib
from pathlib import Path
from typing import BinaryIO

from summarize_cli import __version__
from summarize_cli.errors import (
    BadUrl,
    BinaryInput,
    EmptyInput,
    FetchTimeout,
    HttpError,
    InputError,
    NetworkError,
    SourceNotFound,
    TooLarge,
)
from summarize_cli.options import Options
from summarize_cli.schema import Document, InputItem

USER_AGENT = f"summarize-cli/{__version__} (+https://pypi.org/project/summarize-cli/)"

_TEXTUAL_TYPES = ("text/", "application/xhtml+xml", "application/xml", "application/rss+xml", "application/atom+xml", "application/pdf")
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (or an office document)",
    b"\x1f\x8b": "a gzip archive",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
    b"7z\xbc\xaf": "a 7z archive",
    b"\x7fELF": "an executable",
    b"RIFF": "a RIFF media file",
    b"ID3": "an MP3 file",
    b"OggS": "an Ogg media file",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(r"</?(?:p|div|span|a|br|article|section|h[1-6]|ul|li|table|meta|script|title|img)\b[^>]*>", re.I)


def read_source(source: str, options: Options = Options()) -> Document:
    """Read ``source`` (path, http(s) URL or ``-``) into a decoded :class:`Document`."""
    if source == "-":
        data = _read_capped(sys.stdin.buffer, options.max_bytes, "standard input")
        return _document(source, data, None, None)
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source):
        url, data, ctype, charset = _fetch(source, options)
        return _document(redact(source), data, charset, ctype, url=redact(url))
    return _document(source, _read_file(source, options.max_bytes), None, None)


_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@]*@")


def redact(source: str) -> str:
    """``source`` with the user and password of a URL (``http://user:pass@host/``) shown as ``***@``."""
    # Every name shown (messages, JSON "source", file names) goes through here: a password never does.
    return _USERINFO.sub(r"\1***@", source) if "@" in source else source


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes: BOM, then strict UTF-8, then declared/meta charset, then detection."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace"), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # A page that is not valid UTF-8 is most often what its header or <meta> says it is.
    candidates = [declared] if declared else []
    meta = _META_CHARSET.search(data[:8192])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "ignore"))
    for name in candidates:
        enc = _codec(name)
        if enc and enc not in ("utf-8",):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding:
        enc = _codec(best.encoding) or "cp1252"
        return data.decode(enc, errors="replace"), enc
    return data.decode("cp1252", errors="replace"), "cp1252"


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().lower())
        # A label may name a codec that is no text encoding (base64, rot13) or always fails (undefined):
        # such a charset is as good as unknown.
        if not getattr(info, "_is_text_encoding", True):
            return None
        b"a".decode(info.name)
        enc = info.name
    except (LookupError, ValueError, TypeError):
        return None
    # Browsers read latin-1/ascii labels as windows-1252: French pages rely on it for ’ and œ.
    return "cp1252" if enc in ("latin-1", "iso8859-1", "ascii") else enc


def _document(source: str, data: bytes, charset: str | None, ctype: str | None, url: str | None = None) -> Document:
    name = "standard input" if source == "-" else source
    if not data.strip():
        raise EmptyInput(f"{name} is empty", "give a file, URL or stdin that holds an article")
    if data.startswith(b"%PDF-"):
        # a PDF is recognised from its bytes, whatever its name or content type
        from summarize_cli.pdf import pdf_text

        text, notes = pdf_text(data, name)
        return Document(source=source, content=_normalize(text), kind="text", url=url, warnings=notes)
    _reject_binary(data, name)
    text, _encoding = decode(data, charset)
    text = _normalize(text)
    if not text.strip():
        raise EmptyInput(f"{name} holds only white space", "give a source that holds an article")
    from summarize_cli.feeds import looks_like_feed

    kind = "feed" if looks_like_feed(text) else "html" if _looks_like_html(text, ctype, source) else "text"
    return Document(source=source, content=text, kind=kind, url=url)


# Bytes that are not suspicious control characters (tab, newlines, form feed, ESC and NUL are allowed here;
# NUL is judged separately): deleting them leaves only the suspicious ones, at C speed.
_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13, 27, 0))


def _reject_binary(data: bytes, name: str) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise BinaryInput(f"{name} is {what}, not text", "convert it to text or HTML first")
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return
    head = data[:65536]
    if b"\x00" in head:
        # UTF-16 without a BOM has a NUL in every other byte; real binaries are not so regular.
        if head[1::2].count(0) > 0.4 * len(head) / 2 or head[0::2].count(0) > 0.4 * len(head) / 2:
            return
        if head.count(0) > len(head) // 100:
            raise BinaryInput(f"{name} looks like a binary file, not text", "give a text or HTML file")
    controls = len(head.translate(None, _NOT_CONTROL))
    if controls > len(head) * 0.05:
        raise BinaryInput(f"{name} looks like a binary file, not text", "give a text or HTML file")


def _looks_like_html(text: str, ctype: str | None, source: str) -> bool:
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    if ctype and "html" in ctype and _HTML_TAG.search(head):
        return True
    # Fragments pasted from a page source still have plenty of tags; prose with a stray "<" does not.
    window = text[:20000]
    if "<" not in window:  # plain text, most pasted articles: skip the tag scan
        return False
    tags = len(_HTML_TAG.findall(window))
    return tags >= 3 and tags * 40 > min(len(text), 20000) / 10


def _read_capped(stream: BinaryIO, cap: int, name: str, head: bytes = b"") -> bytes:
    data = head + stream.read(cap + 1 - len(head))
    if len(data) > cap:
        raise TooLarge(f"{name} is larger than {_mb(cap)}", "raise the limit with --max-bytes")
    return data


def _read_file(source: str, cap: int) -> bytes:
    # One open and one fstat: no window between checking a path and reading it, and no extra system
    # calls per file in a batch of thousands.
    try:
        with open(os.path.expanduser(source), "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > cap:
                raise TooLarge(f"{source} is {_mb(size)}, larger than the {_mb(cap)} limit", "raise it with --max-bytes")
            # Read what fstat announced plus one byte, not a cap-sized buffer; a file that grew since (or
            # a /proc or device file, whose size reads 0) is read on, up to the cap.
            data = fh.read(size + 1)
            return data if len(data) <= size else _read_capped(fh, cap, source, head=data)
    except FileNotFoundError:
        raise SourceNotFound(f"no such file: {source}", "check the path, or give an http(s):// URL or - for stdin") from None
    except IsADirectoryError:
        raise InputError(f"{source} is a directory", "give the path of a file inside it") from None
    except PermissionError:
        raise InputError(f"permission denied reading {source}", "check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror or exc}", "check the file") from None


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _fetch(url: str, options: Options) -> tuple[str, bytes, str | None, str | None]:
    import http.client
    import socket
    import ssl
    import urllib.error
    import urllib.parse
    import urllib.request

    given, url = url, redact(url)  # ``url`` as shown in every message from here on
    try:
        parts = urllib.parse.urlsplit(given)
        _ = parts.port  # "http://[::1" or a port over 65535 raise here, not deep in urllib
        host = parts.hostname
        user, password = parts.username, parts.password
    except ValueError:
        raise BadUrl(f"malformed URL: {url}", "check the URL") from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise BadUrl(f"unsupported or malformed URL: {url}", "only http:// and https:// URLs are read")

    class _Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = options.max_redirects

        def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
            target = headers.get("location") or headers.get("uri") or ""
            if not target:
                raise HttpError(f"{url}: HTTP {code} redirect without a Location header", "the server's redirect is broken; open the page in a browser to find its address")
            scheme = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, target)).scheme.lower()
            if target and scheme not in ("http", "https"):
                raise BadUrl(f"{url} redirects to a {scheme}:// URL, which is refused", "only http(s) redirects are followed")
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    opener = urllib.request.build_opener(_Redirects())
    netloc = parts.netloc.rpartition("@")[2]
    request = urllib.request.Request(
        urllib.parse.urlunsplit(parts._replace(netloc=netloc)),
        headers={
            "User-Agent": os.environ.get("SUMMARIZE_USER_AGENT", USER_AGENT),
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "gzip, deflate",
        },
    )
    if user is not None:
        import base64

        # Basic auth from the URL, sent to this host only: an unredirected header is not forwarded by redirects.
        token = base64.b64encode(f"{urllib.parse.unquote(user)}:{urllib.parse.unquote(password or '')}".encode()).decode("ascii")
        request.add_unredirected_header("Authorization", f"Basic {token}")
    try:
        with opener.open(request, timeout=options.timeout) as resp:
            ctype = resp.headers.get_content_type() if resp.headers.get("Content-Type") else None
            charset = resp.headers.get_content_charset()
            if ctype and not ctype.startswith(_TEXTUAL_TYPES):
                raise InputError(f"{url} serves {ctype}, not a web page or text", "give the URL of an HTML page or text")
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > options.max_bytes:
                raise TooLarge(f"{url} is {_mb(int(length))}, larger than the {_mb(options.max_bytes)} limit", "raise it with --max-bytes")
            raw = _read_body(resp, options, url)
            if length and length.isdigit() and len(raw) < int(length):
                # http.client ends a short body quietly: a cut download must not pass (or be cached) as the page.
                raise NetworkError(f"{url}: the connection closed after {len(raw):,} of {int(length):,} bytes", "try again later")
            data = _decompress(raw, resp.headers.get("Content-Encoding", ""), options.max_bytes, url)
            return resp.geturl(), data, ctype, charset
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            raise HttpError(f"{url}: too many redirects (more than {options.max_redirects})", "check the URL in a browser") from None
        raise HttpError(f"{url}: HTTP {exc.code} {exc.reason}", "check the URL, or try again later") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise FetchTimeout(f"{url}: no answer within {options.timeout:g} s", "try again or raise --timeout") from None
        if isinstance(reason, ssl.SSLError):
            raise NetworkError(f"{url}: TLS error ({reason})", "check the URL or the server's certificate") from None
        raise NetworkError(f"{url}: cannot connect ({reason})", "check the URL and your connection") from None
    except (socket.timeout, TimeoutError):
        raise FetchTimeout(f"{url}: no answer within {options.timeout:g} s", "try again or raise --timeout") from None
    except (http.client.HTTPException, ConnectionError, ssl.SSLError, ValueError) as exc:
        raise NetworkError(f"{url}: bad answer from server ({exc.__class__.__name__})", "check that the URL is an http(s) web server") from None


def _read_body(resp, options: Options, url: str) -> bytes:  # type: ignore[no-untyped-def]
    import time

    deadline = time.monotonic() + options.timeout * 3
    chunks: list[bytes] = []
    total = 0
    while True:
        # A server trickling bytes never trips the socket timeout; an overall deadline does.
        if time.monotonic() > deadline:
            raise FetchTimeout(f"{url}: download took longer than {options.timeout * 3:g} s", "try again or raise --timeout")
        chunk = resp.read1(65536) if hasattr(resp, "read1") else resp.read(65536)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > options.max_bytes:
            raise TooLarge(f"{url} is larger than the {_mb(options.max_bytes)} limit", "raise it with --max-bytes")
        chunks.append(chunk)


def _decompress(data: bytes, encoding: str, cap: int, url: str) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return data
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise NetworkError(f"{url}: unsupported content encoding {encoding!r}", "the server sent a compression this tool does not read")
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    try:
        dec = zlib.decompressobj(wbits)
        # max_length bounds memory however small the compressed bomb is.
        out = dec.decompress(data, cap + 1)
    except zlib.error:
        raise NetworkError(f"{url}: corrupt {encoding} data", "try again later") from None
    if len(out) > cap or dec.unconsumed_tail:
        raise TooLarge(f"{url} decompresses to more than {_mb(cap)}", "raise it with --max-bytes")
    if not dec.eof:
        raise NetworkError(f"{url}: the {encoding} data ends in the middle (a cut download)", "try again later")
    return out


def read_item(item: InputItem) -> Document:
    """A :class:`Document` from text given directly (JSONL rows, the Python API, Ray)."""
    error = getattr(item, "error", None)  # sources.Unreadable: its expansion failed
    if error is not None:
        raise error
    if item.problem:
        raise InputError(f"{item.source}: {item.problem}", "fix that input line")
    text = _normalize(item.text or "")
    if not text.strip():
        raise EmptyInput(f"{item.source} has no text", "give a non-empty \"text\" field")
    kind = "html" if _looks_like_html(text, None, item.source) else "text"
    return Document(source=item.source, content=text, kind=kind, url=item.url)


def _normalize(text: str) -> str:
    # Every later stage splits on "\n" only; NULs break lxml and terminals. (Most texts have neither:
    # looking is cheaper than copying them three times.)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "") if "\x00" in text else text
