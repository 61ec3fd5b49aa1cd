"""Hostile HTML: deep nesting, entity bombs, huge attributes, script-only pages, frames; bounded and clean."""

from __future__ import annotations

import json
import time

import pytest

from servers import assert_clean_failure, invoke
from summarize_cli.errors import ExitCode

PARA = (
    "<p>La métropole a voté jeudi le prolongement de la ligne T3 du tramway, pour un coût de 120 millions d’euros. "
    "Les travaux commenceront en 2026 et dureront trois ans, selon le vice-président chargé des transports.</p>"
)


def _run(tmp_path, html: str | bytes, *args: str, limit: float = 20.0):  # type: ignore[no-untyped-def]
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("utf-8") if isinstance(html, str) else html)
    t0 = time.monotonic()
    res = invoke(*(args or ("figures",)), str(path), "--format", "json")
    assert time.monotonic() - t0 < limit
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert "Traceback" not in res.stderr
    assert res.exit_code in (0, ExitCode.NOT_ARTICLE), res.stderr
    obj = json.loads(res.stdout)
    if res.exit_code:
        assert obj["error"]["code"] == "not_article"
        assert len([ln for ln in res.stderr.splitlines() if ln.startswith("summarize: error")]) == 1
    return res.exit_code, obj


@pytest.mark.parametrize("tag", ["div", "span", "b", "table"])
def test_100k_nested_levels(tmp_path, tag):
    # libxml2 stops nesting at 255 levels (deeper text is dropped); nothing recurses past that.
    depth = 100_000
    html = "<html><body>" + PARA + f"<{tag}>" * depth + PARA + f"</{tag}>" * depth + "</body></html>"
    for cmd in ("figures", "extract"):
        code, obj = _run(tmp_path, html, cmd)
        if code == 0:
            assert "120 millions" in obj["text"]


def test_100k_unclosed_tags(tmp_path):
    _run(tmp_path, "<html><body>" + PARA + "<div><p><i>" * 100_000 + "texte " * 100)


def test_recursion_in_our_own_walk(tmp_path):
    from summarize_cli.htmlextract import html_to_text

    text = html_to_text("<div>" * 50_000 + "fin" + "</div>" * 50_000)
    assert isinstance(text, str)


def test_billion_laughs(tmp_path):
    ents = '<!ENTITY lol "lol">' + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
    html = f'<?xml version="1.0"?><!DOCTYPE html [{ents}]><html><body>{PARA}<p>&lol9;</p></body></html>'
    code, obj = _run(tmp_path, html, limit=10)
    if code == 0:
        assert len(obj["text"]) < 100_000  # never expanded


def test_many_entities(tmp_path):
    _run(tmp_path, "<html><body>" + PARA + "<p>" + "&amp;&#x41;&eacute;&#99999999;&bogus;" * 200_000 + "</p></body></html>")


def test_huge_attribute(tmp_path):
    code, obj = _run(tmp_path, "<html><body><div data-x='" + "A" * 8_000_000 + "'>" + PARA + PARA.replace("jeudi", "mardi") + "</div></body></html>")
    if code == 0:
        assert "AAAA" not in obj["text"]


def test_tag_with_200k_attributes(tmp_path):
    # libxml2 checks attributes pairwise: unguarded, this page parsed for hours.
    attrs = " ".join(f"a{i}={i!r}" for i in range(200_000))
    code, obj = _run(tmp_path, f"<html><body><div {attrs}>" + PARA + "</div></body></html>")
    assert code == 0 and "a199999" not in obj["text"]


def test_all_script_page(tmp_path):
    html = "<html><head><script>" + "var a = 1;\n" * 100_000 + "</script></head><body><script>document.write('x')</script></body></html>"
    code, _ = _run(tmp_path, html)
    assert code == ExitCode.NOT_ARTICLE


def test_page_with_no_article(tmp_path):
    nav = "".join(f"<li><a href='/r{i}'>Rubrique {i}</a></li>" for i in range(40))
    # Many words, no sentence: a menu is not an article.
    code, _ = _run(tmp_path, f"<html><body><nav><ul>{nav}</ul></nav><footer>© 2025 Le Journal</footer></body></html>")
    assert code == ExitCode.NOT_ARTICLE


def test_frameset(tmp_path):
    html = "<html><frameset cols='50%,50%'><frame src='a.html'><frame src='b.html'><noframes>Votre navigateur</noframes></frameset></html>"
    code, _ = _run(tmp_path, html)
    assert code == ExitCode.NOT_ARTICLE


def test_iframe_only(tmp_path):
    code, _ = _run(tmp_path, "<html><body><iframe src='https://example.org/article'></iframe></body></html>")
    assert code == ExitCode.NOT_ARTICLE


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>" + "<" * 100_000 + "</p></body></html>",
        "<html><body><p>Texte <b>gras <i>italique</b> fin</i></p><p>" + PARA + "</html",
        "<html><body>" + PARA + "<!-- un commentaire jamais fermé " + "x" * 100_000,
        "<html><body>" + PARA + "<script>" + "while(1){}" * 1000,
        "<!doctype html><html><body>" + PARA + "<p>" + "é" * 10 + "\x00\x01\x02" + "</p></body></html>",
        "<html><body>" + "</div>" * 50_000 + PARA + "</body></html>",
        "<html><body><table>" + "<tr><td>1</td><td>2 %</td>" * 50_000 + "</table>" + PARA + "</body></html>",
        "<html>\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace") + PARA,
    ],
    ids=["lt-flood", "misnested", "open-comment", "open-script", "controls", "stray-closers", "big-table", "lone-surrogate"],
)
def test_malformed_markup(tmp_path, html):
    _run(tmp_path, html)


@pytest.mark.parametrize(
    "body",
    [
        json.dumps({"title": "Le tramway", "items": [{"id": i, "price": "120 millions"} for i in range(2000)]}),
        "\n".join(f"{i},{i * 3.5},Lyon,{i % 7} %" for i in range(20_000)),
        "%PDF-1.4 not really",
        "body { color: red; }\n" * 5000,
    ],
    ids=["json", "csv", "pdf-ish-text", "css"],
)
def test_non_html_served_as_html(http_server, body):
    url = http_server.add("/page", body, content_type="text/html; charset=utf-8")
    res = invoke("figures", url, "--format", "json")
    assert res.exit_code in (0, ExitCode.NOT_ARTICLE, ExitCode.INPUT), res.stderr
    assert "Traceback" not in res.stderr and json.loads(res.stdout)["source"] == url


def test_no_clean_on_hostile_page(tmp_path):
    _run(tmp_path, "<html><body>" + "<div>" * 100_000 + PARA + "</body></html>", "extract", "--no-clean")


def test_hostile_page_in_a_batch(tmp_path):
    good = tmp_path / "good.html"
    good.write_text("<html><body><article>" + PARA * 3 + "</article></body></html>", encoding="utf-8")
    bad = tmp_path / "bad.html"
    bad.write_text("<html><body>" + "<div>" * 100_000 + "</body></html>", encoding="utf-8")
    res = invoke("figures", "--format", "jsonl", str(bad), str(good))
    assert res.exit_code == ExitCode.PARTIAL and "Traceback" not in res.stderr
    objs = [json.loads(line) for line in res.stdout.splitlines()]
    assert objs[0]["error"]["code"] == "not_article" and objs[1]["error"] is None
    assert_clean_failure(invoke("figures", str(bad)), ExitCode.NOT_ARTICLE)
