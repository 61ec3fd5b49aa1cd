"""One batch of ~50 sources, a third of them hostile (one of each kind a batch can hold): the good ones come out intact, exit 7."""

from __future__ import annotations

import gzip
import json
import os
from contextlib import ExitStack
from pathlib import Path

from servers import closed_port, invoke, raw_server
from summarize_cli.errors import ExitCode

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
JA = (
    "東京都が新しい交通計画を発表\n\n東京都は十二日、二〇三〇年までに都内の路面電車網を拡張する計画を発表した。総事業費は約千二百億円に上る見通しだ。\n\n"
    "計画によると、新たに三つの路線が整備され、一日あたり約四万五千人の利用が見込まれている。知事は記者会見で「環境に優しい街づくりを進める」と述べた。\n"
)
WALL = (
    "<!doctype html><html><head><title>Le Journal</title></head><body><div id='cookie-wall'><h2>Vos choix concernant les cookies</h2>"
    "<p>Nous et nos 842 partenaires utilisons des cookies et des traceurs pour stocker et accéder à des informations sur votre appareil.</p>"
    "<p>Vous pouvez accepter ou refuser ces cookies, ou personnaliser vos choix à tout moment. Votre consentement est valable treize mois.</p>"
    "<button>Tout accepter</button><button>Tout refuser</button></div></body></html>"
)


def _article(i: int) -> str:
    base = (SAMPLES / ("openai-revenue-fr.txt" if i % 2 else "wind-farm-en.txt")).read_text(encoding="utf-8")
    return base.replace("20", str(20 + i), 1) + f"\nNote {i}: the article was updated on day {i + 1}.\n"


def _html(i: int) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in _article(i).split("\n\n")[1:] if p.strip())
    return f"<html><head><title>Article {i}</title></head><body><article><h1>Article {i}</h1>{paragraphs}</article></body></html>"


def test_hostile_third_of_a_batch(tmp_path: Path, http_server) -> None:  # type: ignore[no-untyped-def]
    good: list[str] = []
    for i in range(20):  # files
        path = tmp_path / f"good-{i:02}.txt"
        path.write_text(_article(i), encoding="utf-8")
        good.append(str(path))
    for i in range(20, 28):  # pages on 127.0.0.1
        good.append(http_server.add(f"/page-{i}", _html(i)))
    (tmp_path / "ja.txt").write_text(JA, encoding="utf-8")  # class 12: no spaces between words
    good.append(str(tmp_path / "ja.txt"))
    globbed = tmp_path / "globbed"
    globbed.mkdir()
    for i in range(28, 31):
        (globbed / f"g-{i}.txt").write_text(_article(i), encoding="utf-8")
    os.mkfifo(globbed / "fifo.txt")  # class 6: a glob never takes a FIFO (it would hang)
    (globbed / "loop").symlink_to(globbed)  # class 6: nor loops through a linked folder
    (globbed / "again.txt").symlink_to(globbed / "g-28.txt")  # class 6: each real file once
    globbed_good = [str(globbed / f"g-{i}.txt") for i in range(28, 31)]
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        json.dumps({"id": "row-ok-1", "text": _article(31)}) + "\n"
        + json.dumps({"id": "row-huge", "text": "mot " * 60_000}) + "\n"  # class 8: over --max-bytes, on one line
        + "{not json\n"
        + json.dumps({"id": "row-ok-2", "text": _article(32)}) + "\n",
        encoding="utf-8",
    )
    # classes 1 and 2: rich markup and terminal escapes in the article and in a row's id and title come out as text
    (tmp_path / "markup.txt").write_text("[/caption] [link=http://evil.example/]CLICK[/link]\n" + _article(42), encoding="utf-8")
    (tmp_path / "escapes.txt").write_text("\x1b]0;pwned\x07\x1b[2J\n" + _article(43), encoding="utf-8")
    escaped_rows = tmp_path / "escaped.jsonl"
    escaped_rows.write_text(json.dumps({"id": "row-\x1b[2J", "title": "\x1b]0;t\x07", "text": _article(44)}) + "\n", encoding="utf-8")
    hostile_ok = [str(tmp_path / "markup.txt"), str(tmp_path / "escapes.txt"), "row-\x1b[2J"]
    (tmp_path / "empty").mkdir()
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    body = _html(40).encode()
    packed = gzip.compress(body)
    ok_head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    with ExitStack() as stack:
        short = stack.enter_context(raw_server(f"{ok_head}Content-Length: {len(body) + 99}\r\n\r\n".encode() + body))
        cut = stack.enter_context(raw_server(f"{ok_head}Content-Encoding: gzip\r\nConnection: close\r\n\r\n".encode() + packed[: len(packed) // 2]))
        nowhere = stack.enter_context(raw_server(b"HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n"))
        refused = stack.enter_context(closed_port())
        hostile = [
            str(tmp_path / "no-such-*.html"),  # 6: unmatched glob
            str(tmp_path / "empty"),  # 6: empty folder
            str(tmp_path / ("n" * 300)),  # 6: a name over 255 bytes
            str(tmp_path / "missing.txt"),
            str(tmp_path / "bin.txt"),
            f"http://127.0.0.1:{short}/short",  # 9: shorter than Content-Length
            f"http://127.0.0.1:{cut}/cut",  # 9: gzip cut in the middle
            f"http://127.0.0.1:{nowhere}/redirect",  # 9: redirect without Location
            f"http://user:hunter2@127.0.0.1:{refused}/",  # 9: credentials never shown
            http_server.add("/wall", WALL),  # 12: consent wall
            http_server.add("/odd-charset", _html(41).encode("cp1252", "replace"), content_type="text/html; charset=base64"),  # 9: ok, unknown charset
            "http://[::1",  # malformed URL
            "ftp://127.0.0.1/a.txt",
        ]
        args = [*good[:10], *hostile[:7], str(globbed / "*.txt"), *good[10:20], str(rows), *hostile[7:], *hostile_ok[:2], str(escaped_rows), *good[20:]]
        res = invoke("--no-translate", "--format", "jsonl", "--no-cache", "--max-bytes", "200000", *args)
    assert res.exit_code == ExitCode.PARTIAL, (res.exit_code, res.stderr[-2000:], res.exception)
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert "Traceback" not in res.stderr and "hunter2" not in res.stderr + res.stdout
    results = [json.loads(line) for line in res.stdout.splitlines()]
    by_source = {r["source"]: r for r in results}
    oks = [*good, *globbed_good, "row-ok-1", "row-ok-2", hostile[10], *hostile_ok]
    failed = [r["source"] for r in results if r["error"] is not None]
    assert len(results) == len(oks) + len(failed) and 45 <= len(results) <= 60, [r["source"] for r in results]
    # 14 that fail and 4 that must come out safe (the odd charset, markup, escapes): a third of the batch is hostile
    assert len(failed) + 4 >= len(results) / 3, failed
    assert set(oks) <= set(by_source) and not set(oks) & set(failed), failed
    assert f"http://***@127.0.0.1:{refused}/" in failed
    # JSON keeps outside text exact; nothing raw reaches the terminal on stderr
    assert by_source["row-\x1b[2J"]["source"] == "row-\x1b[2J" and "\x1b" not in res.stderr
    # Every good source's result is the one it gets alone.
    for source in good[:4] + good[20:22] + globbed_good[:1] + [good[-1]]:
        alone = invoke("--no-translate", "--format", "json", "--no-cache", source)
        assert alone.exit_code == 0, alone.stderr
        assert by_source[source] == json.loads(alone.stdout), source
    for source in oks:
        assert by_source[source]["summary"]["sentences"], source
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("summarize: error:")]
    assert len(errors) == len(failed)
    assert res.stderr.splitlines()[-1] == f"summarize: {len(oks)} ok, {len(failed)} failed"
