"""Hostile files: each one ends fast with a documented exit code and one line on stderr, or is read correctly."""

from __future__ import annotations

import json
import os
import time

import pytest

from servers import assert_clean_failure, invoke
from summarize_cli.errors import ExitCode

PARA = (
    "La métropole a voté jeudi le prolongement de la ligne T3 du tramway, pour un coût de 120 millions d’euros. "
    "Les travaux commenceront en 2026 et dureront trois ans, selon le vice-président chargé des transports. "
    "La fréquentation de la ligne a progressé de 12 % en un an, avec 45 000 voyageurs par jour en semaine."
)
ARTICLE = "Le tramway prolongé jusqu’à l’aéroport\n\n" + PARA + "\n\n" + PARA.replace("jeudi", "mardi") + "\n"


def _ok(res) -> dict:  # type: ignore[no-untyped-def]
    assert res.exit_code == 0, (res.stderr, res.exception)
    assert "Traceback" not in res.stderr
    return json.loads(res.stdout)


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("empty.txt", b"", ExitCode.INPUT),
        ("blank.txt", b"  \n\t\r\n \x0c \n", ExitCode.INPUT),
        ("nbsp.txt", "\u00a0\u2003\u3000\n".encode(), ExitCode.INPUT),
        ("doc.pdf", b"%PDF-1.7\n1 0 obj <<>> endobj\n" + bytes(range(256)), ExitCode.INPUT),
        ("img.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), ExitCode.INPUT),
        ("random.bin", os.urandom(1 << 16), ExitCode.INPUT),
        ("zip.txt", b"PK\x03\x04" + os.urandom(300), ExitCode.INPUT),
        ("elf", b"\x7fELF\x02\x01\x01" + bytes(100), ExitCode.INPUT),
        ("nuls.txt", b"\x00" * 5000, ExitCode.INPUT),
        ("punct.txt", b"!!! ... --- ??? ***\n" * 3, ExitCode.NOT_ARTICLE),
    ],
)
@pytest.mark.parametrize("command", ["summarize", "extract", "figures"])
def test_unusable_files(tmp_path, name, content, code, command):
    path = tmp_path / name
    path.write_bytes(content)
    msg = assert_clean_failure(invoke(command, str(path)), code)
    assert str(path) in msg


def test_directory(tmp_path):
    # A directory stands for the files in it; an empty one is an input error with a one-line message.
    msg = assert_clean_failure(invoke("figures", str(tmp_path)), ExitCode.INPUT)
    assert "no files" in msg
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    res = invoke("figures", str(tmp_path), "--format", "jsonl")
    assert res.exit_code == ExitCode.PARTIAL and "Traceback" not in res.stderr
    assert [json.loads(line)["error"] is None for line in res.stdout.splitlines()] == [True, False]


def test_directory_given_to_the_reader(tmp_path):
    from summarize_cli.errors import InputError
    from summarize_cli.read import read_source

    with pytest.raises(InputError, match="directory"):
        read_source(str(tmp_path))


def test_missing_file(tmp_path):
    assert_clean_failure(invoke(str(tmp_path / "nope.txt")), ExitCode.INPUT)


def test_no_permission(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads anything: fake the kernel's answer
        def denied(*args, **kwargs):  # type: ignore[no-untyped-def]
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("summarize_cli.read.open", denied, raising=False)
    msg = assert_clean_failure(invoke("figures", str(path)), ExitCode.INPUT)
    assert "permission" in msg.lower()


def test_50_mb_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1000 * 1000)
    t0 = time.monotonic()
    msg = assert_clean_failure(invoke("figures", str(path)), ExitCode.INPUT)
    assert time.monotonic() - t0 < 2
    assert "--max-bytes" in msg


def test_20_mb_html_page_is_processed_in_bounded_time(tmp_path):
    # Just under the 20 MiB cap: scripts are stripped, then the page's visible text is cleaned (first 500,000 characters).
    block = "<div class='c'><script>var x = '" + "z" * 4000 + "';</script><p>" + PARA + "</p></div>\n"
    body = block * ((20 * 1024 * 1024 - 1000) // len(block.encode()))
    path = tmp_path / "big.html"
    path.write_text("<!doctype html><html><head><title>Grosse page</title></head><body>" + body + "</body></html>", encoding="utf-8")
    assert 19 * 1024 * 1024 < path.stat().st_size < 20 * 1024 * 1024
    t0 = time.monotonic()
    obj = _ok(invoke("figures", str(path), "--format", "json"))
    assert time.monotonic() - t0 < 30
    assert obj["figures"] and "120 millions" in obj["text"]


def test_5_mb_single_line(tmp_path):
    path = tmp_path / "line.txt"
    line = (PARA + " ") * (5_000_000 // len((PARA + " ").encode()))
    path.write_text(line, encoding="utf-8")
    assert "\n" not in path.read_text(encoding="utf-8")
    t0 = time.monotonic()
    res = invoke(str(path), "--format", "json", "--no-translate")
    assert time.monotonic() - t0 < 30
    obj = _ok(res)
    assert obj["summary"]["sentences"]
    assert any("only its first" in w for w in obj["warnings"])
    for fig in obj["figures"][:200]:
        assert obj["text"][fig["start"]:fig["end"]] == fig["text"]


def test_5_mb_single_line_without_spaces_or_periods(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_text("a" * 5_000_000, encoding="ascii")
    t0 = time.monotonic()
    res = invoke("figures", str(path))
    assert time.monotonic() - t0 < 30
    assert res.exit_code in (0, ExitCode.NOT_ARTICLE) and "Traceback" not in res.stderr


def test_nul_bytes_inside_text(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(ARTICLE.encode().replace(b"tramway", b"tram\x00way", 1))
    obj = _ok(invoke("extract", str(path), "--format", "json"))
    assert "\x00" not in obj["text"] and "\x00" not in (obj["title"] or "")


def test_mixed_encodings(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(ARTICLE.encode("utf-8") + b"\n" + PARA.replace("’", "'").encode("cp1252") + b"\n")
    obj = _ok(invoke("figures", str(path), "--format", "json"))
    assert "120 millions" in obj["text"]


def test_invalid_utf8(tmp_path):
    path = tmp_path / "bad.txt"
    data = bytearray(ARTICLE.encode("utf-8"))
    for i in range(50, len(data), 97):
        data[i] = 0xFF
    path.write_bytes(bytes(data) + b"\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc")
    obj = _ok(invoke("figures", str(path), "--format", "json"))
    assert obj["text"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
def test_utf16_and_other_boms(tmp_path, encoding):
    path = tmp_path / "u.txt"
    raw = ARTICLE.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        raw = ("\ufeff" + ARTICLE).encode(encoding)
    path.write_bytes(raw)
    obj = _ok(invoke("figures", str(path), "--format", "json"))
    assert "120 millions d’euros" in obj["text"] and not obj["text"].startswith("\ufeff")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n\r", "\u2028"])
def test_line_endings(tmp_path, newline):
    path = tmp_path / "nl.txt"
    path.write_bytes(ARTICLE.replace("\n", newline).encode("utf-8"))
    obj = _ok(invoke("extract", str(path), "--format", "json"))
    assert "\r" not in obj["text"] and "120 millions" in obj["text"]


def test_right_to_left_and_emoji(tmp_path):
    text = (
        "ارتفعت أسعار النفط بنسبة 3 % يوم الخميس بعد إعلان المنظمة عن خفض الإنتاج 🚀📈.\n"
        "השוק הגיב בחדות והמדד עלה ב-2.5 אחוזים במהלך היום 👍🏽.\n"
        "👨‍👩‍👧‍👦 Les familles 🇫🇷 ont dépensé 1 200 € en moyenne cette année, selon l’Insee. 🎉\n"
        "\u202eCeci est un texte inversé\u202c avec des marques de direction \u200f et \u200e.\n"
    )
    path = tmp_path / "rtl.txt"
    path.write_text(text * 3, encoding="utf-8")
    for cmd in (["figures"], ["extract"], ["--no-translate"]):
        res = invoke(*cmd, str(path), "--format", "json")
        assert res.exit_code in (0, ExitCode.NOT_ARTICLE), res.stderr
        assert "Traceback" not in res.stderr
        if res.exit_code == 0:
            obj = json.loads(res.stdout)
            for fig in obj.get("figures", []):
                assert obj["text"][fig["start"]:fig["end"]] == fig["text"]


def test_stdin_binary_and_empty():
    assert_clean_failure(invoke("figures", "-", input=b""), ExitCode.INPUT)
    assert_clean_failure(invoke("figures", "-", input=b"%PDF-1.4\n" + bytes(300)), ExitCode.INPUT)


def test_batch_of_bad_files_keeps_the_good_one(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"\n \n")
    (tmp_path / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    sources = [str(tmp_path / "empty.txt"), str(good), str(tmp_path / "blank.txt"), str(tmp_path / "img.png"), str(tmp_path / "missing")]
    res = invoke("figures", "--format", "jsonl", *sources)
    assert res.exit_code == ExitCode.PARTIAL
    assert "Traceback" not in res.stderr
    objs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [o["source"] for o in objs] == sources
    assert [o["error"] is None for o in objs] == [False, True, False, False, False]
    assert objs[1]["figures"]
    assert len([ln for ln in res.stderr.splitlines() if ln.startswith("summarize: error")]) == 4
    # Plain output: nothing at all on stdout for the failed ones.
    plain = invoke("figures", "--format", "plain", *sources)
    assert plain.exit_code == ExitCode.PARTIAL
    assert plain.stdout.count("- ") >= 3 and "error" not in plain.stdout


def test_same_failures_share_their_exit_code(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b" ")
    res = invoke("figures", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert res.exit_code == ExitCode.INPUT and res.stdout == ""


def test_traceback_only_on_request(tmp_path, monkeypatch):
    import summarize_cli.figures as figures

    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("synthetic bug")

    monkeypatch.setattr(figures, "find_figures", boom)
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    res = invoke("figures", str(path))
    assert_clean_failure(res, ExitCode.FAILURE)
    assert "synthetic bug" in res.stderr
    res = invoke("figures", str(path), "--traceback")
    assert res.exit_code == ExitCode.FAILURE and "Traceback" in res.stderr and "synthetic bug" in res.stderr


def test_big_file_through_a_real_process(tmp_path):
    """The installed entry point, as a user runs it: no traceback, one line, exit 3."""
    import subprocess
    import sys

    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(21 * 1024 * 1024)
    done = subprocess.run([sys.executable, "-m", "summarize_cli", "figures", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == ExitCode.INPUT
    assert done.stdout == "" and done.stderr.count("\n") == 1 and done.stderr.startswith("summarize: error:")

