"""Feeds: an RSS or Atom source stands for its entries, each fetched and summarised as an article."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from summarize_cli.cli import app
from summarize_cli.feeds import feed_entries, looks_like_feed

runner = CliRunner()


def _page(title: str, body: str, author: str | None = None) -> str:
    meta = f'<meta name="author" content="{author}">' if author else ""
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return f"<html lang='fr'><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>{paras}</article></body></html>"


BODY_A = (
    "Le conseil régional a adopté jeudi un plan de 450 millions d'euros destiné à rénover les lignes ferroviaires secondaires de la région.\n"
    "« Sans ces travaux, une dizaine de lignes auraient fermé », a déclaré Claire Vidal, vice-présidente chargée des transports.\n"
    "Les premiers chantiers doivent commencer au printemps prochain sur trois lignes du centre de la région."
)
BODY_B = (
    "La ville a inauguré lundi une nouvelle piscine olympique, construite en deux ans pour un coût de 32 millions d'euros.\n"
    "L'équipement doit accueillir 400 000 baigneurs par an, selon les prévisions de la mairie publiées la semaine dernière.\n"
    "Les clubs de natation de la région pourront y organiser des compétitions nationales dès la saison prochaine."
)


def _rss(items: list[tuple[str, str, str, str | None]]) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Le Quotidien</title><link>http://127.0.0.1/</link>']
    for title, link, date, author in items:
        who = f"<author>{author}</author>" if author else ""
        out.append(f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate><guid>{link}</guid>{who}</item>")
    out.append("</channel></rss>")
    return "".join(out)


@pytest.fixture()
def feed(http_server):
    a = http_server.add("/a", _page("Le plan ferroviaire adopté", BODY_A))
    b = http_server.add("/b", _page("", BODY_B))
    broken = http_server.url("/missing")
    rss = _rss([
        ("Le plan ferroviaire adopté", a, "Tue, 01 Dec 2026 08:00:00 GMT", None),
        ("Une piscine olympique inaugurée", b, "Mon, 30 Nov 2026 09:30:00 GMT", "Paul Girard"),
        ("Un lien cassé", broken, "Sun, 15 Nov 2026 10:00:00 GMT", None),
    ])
    url = http_server.add("/feed.xml", rss, content_type="application/rss+xml")
    return http_server, url


def test_feed_entries_are_fetched_and_summarised_in_order_with_fallbacks(feed):
    server, url = feed
    res = runner.invoke(app, [url, "--format", "jsonl", "--no-translate", "--no-cache"])
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["source"] for r in rows] == [server.url("/a"), server.url("/b"), server.url("/missing")]
    assert [r["feed"] for r in rows] == [url] * 3
    assert rows[0]["error"] is None and rows[0]["title"] == "Le plan ferroviaire adopté"
    # the page of /b has no title, date or author: the feed's are used
    assert rows[1]["title"] == "Une piscine olympique inaugurée"
    assert rows[1]["date"] == "2026-11-30T09:30:00+00:00" and rows[1]["byline"] == "Paul Girard"
    assert rows[1]["summary"]["sentences"]
    assert rows[2]["error"]["code"] == "http"
    assert res.exit_code == 7  # one entry failed, the others did not


def test_since_and_limit(feed):
    _server, url = feed
    res = runner.invoke(app, ["extract", url, "--format", "jsonl", "--no-cache", "--since", "2026-11-30"])
    assert [json.loads(x)["title"] for x in res.stdout.splitlines()] == ["Le plan ferroviaire adopté", "Une piscine olympique inaugurée"]
    assert res.exit_code == 0
    res = runner.invoke(app, ["extract", url, "--format", "jsonl", "--no-cache", "--limit", "1"])
    assert len(res.stdout.splitlines()) == 1
    res = runner.invoke(app, ["extract", url, "--since", "yesterday"])
    assert res.exit_code == 2 and "--since" in res.stderr


def test_cached_rerun_fetches_only_new_entries(feed, tmp_path):
    server, url = feed
    seen: list[str] = []
    for path in ("/a", "/b"):
        inner = server.routes[path]

        def counting(req, inner=inner, path=path):
            seen.append(path)
            inner(req)

        server.routes[path] = counting
    args = ["extract", url, "--format", "jsonl", "--cache-dir", str(tmp_path), "--limit", "2"]
    first = runner.invoke(app, args)
    # pages are fetched ahead on threads: in either order
    assert first.exit_code == 0 and sorted(seen) == ["/a", "/b"]
    second = runner.invoke(app, args)
    assert second.exit_code == 0 and second.stdout == first.stdout
    assert sorted(seen) == ["/a", "/b"]  # nothing fetched again


def test_a_feed_file_is_recognised_from_its_content(tmp_path, http_server):
    a = http_server.add("/a", _page("Le plan ferroviaire adopté", BODY_A))
    path = tmp_path / "news.txt"  # not named .xml: the content says it is a feed
    path.write_text(_rss([("Le plan", a, "Tue, 01 Dec 2026 08:00:00 GMT", None)]), encoding="utf-8")
    res = runner.invoke(app, ["figures", str(path), "--format", "json", "--no-cache"])
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["source"] == a


def test_atom_feed_and_relative_links():
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        '<entry><title>Un</title><link href="/articles/1"/><id>urn:1</id><updated>2026-12-01T08:00:00Z</updated>'
        "<author><name>Léa Fabre</name></author></entry>"
        '<entry><title>Sans lien</title><id>urn:2</id><updated>2026-12-01T08:00:00Z</updated></entry></feed>'
    )
    assert looks_like_feed(atom)
    (e,), matched = feed_entries(atom, "https://journal.example/feed", "feed")
    assert matched == 1
    assert (e.link, e.title, e.author, e.published) == ("https://journal.example/articles/1", "Un", "Léa Fabre", "2026-12-01T08:00:00+00:00")


def test_html_and_text_are_not_feeds():
    assert not looks_like_feed("<!DOCTYPE html><html><body><p>rss feed</p></body></html>")
    assert not looks_like_feed("Le format <rss> permet de suivre un site, explique la rédaction.")


def test_a_feed_that_is_not_xml_is_that_sources_error(http_server):
    url = http_server.add("/feed", "<rss version='2.0'><channel><item><title>oops", content_type="application/rss+xml")
    res = runner.invoke(app, ["extract", url, "--format", "json", "--no-cache"])
    doc = json.loads(res.stdout)
    assert doc["error"]["code"] in ("input", "empty_feed")
    assert res.exit_code in (3, 5)


def test_a_feed_inside_a_feed_is_that_entrys_error_and_a_feed_listing_itself_ends(http_server):
    a = http_server.add("/a", _page("Le plan ferroviaire adopté", BODY_A))
    inner = http_server.add("/inner.xml", _rss([("A", a, "Tue, 01 Dec 2026 08:00:00 GMT", None)]), content_type="application/rss+xml")
    outer_url = http_server.url("/outer.xml")
    outer = _rss([
        ("Inner", inner, "Tue, 01 Dec 2026 08:00:00 GMT", "Outer Two"),
        ("Itself", outer_url, "Tue, 01 Dec 2026 07:00:00 GMT", None),
        ("A", a, "Tue, 01 Dec 2026 06:00:00 GMT", None),
    ])
    http_server.add("/outer.xml", outer, content_type="application/rss+xml")
    res = runner.invoke(app, ["extract", outer_url, "--format", "jsonl", "--no-cache"])
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["source"] for r in rows] == [inner, outer_url, a]
    assert rows[0]["error"]["code"] == rows[1]["error"]["code"] == "feed_in_feed"
    assert rows[2]["error"] is None and rows[2]["byline"] is None
    assert res.exit_code == 7


def test_without_limit_a_feed_is_capped_and_says_so():
    from summarize_cli.feeds import DEFAULT_LIMIT

    items = [(f"T{i}", f"https://journal.example/{i}", "Tue, 01 Dec 2026 08:00:00 GMT", None) for i in range(DEFAULT_LIMIT + 50)]
    entries, matched = feed_entries(_rss(items), None, "feed")
    assert len(entries) == DEFAULT_LIMIT and matched == DEFAULT_LIMIT + 50
    entries, matched = feed_entries(_rss(items), None, "feed", limit=3)
    assert [e.title for e in entries] == ["T0", "T1", "T2"]


def test_impossible_feed_dates_are_dropped_not_rolled_over():
    items = [("A", "https://j.example/a", "2026-13-45", None), ("B", "https://j.example/b", "Tue, 01 Dec 9999 08:00:00 GMT", None)]
    entries, _ = feed_entries(_rss(items), None, "feed")
    assert [e.published for e in entries] == [None, None]


def test_unsafe_links_are_skipped_and_entities_not_expanded():
    rss = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<rss version="2.0"><channel><title>&b;</title>'
        "<item><title>x</title><link>javascript:alert(1)</link></item>"
        "<item><title>y</title><link>file:///etc/passwd</link></item>"
        "<item><title>z</title><link>https://j.example/z</link></item></channel></rss>"
    )
    assert looks_like_feed(rss)
    entries, _ = feed_entries(rss, None, "feed")
    assert [e.link for e in entries] == ["https://j.example/z"]


def test_batch_rows_with_only_a_url_are_fetched_pdfs_and_feeds_included(http_server, tmp_path):
    from pdfs import make_pdf

    a = http_server.add("/a", _page("Le plan ferroviaire adopté", BODY_A))
    pdf = http_server.add("/cp.pdf", make_pdf([BODY_B.split("\n")]), content_type="application/pdf")
    feed = http_server.add("/feed.xml", _rss([("Le plan", a, "Tue, 01 Dec 2026 08:00:00 GMT", None)]), content_type="application/rss+xml")
    rows = tmp_path / "in.jsonl"
    rows.write_text("\n".join(json.dumps(r) for r in [{"id": "t1", "text": BODY_B}, {"url": pdf}, {"url": feed}]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["batch", str(rows), "-o", str(out), "--no-translate"])
    assert res.exit_code == 0, res.stderr
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in got] == ["t1", pdf, a]
    assert all(r["error"] is None and r["summary"]["sentences"] for r in got)
    assert "32 millions d'euros" in got[1]["text"]
    assert [q["speaker"] for q in got[2]["quotes"]] == ["Claire Vidal"]  # the feed's article, with its quotation


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich", "json"])
def test_feed_in_every_format(feed, fmt):
    server, url = feed
    res = runner.invoke(app, [url, "--format", fmt, "--no-translate", "--no-cache", "--limit", "2"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.stderr
    assert "Le plan ferroviaire adopté" in res.stdout and "Une piscine olympique inaugurée" in res.stdout
    if fmt == "json":
        assert [r["source"] for r in json.loads(res.stdout)] == [server.url("/a"), server.url("/b")]


def test_python_api_feed_pdf_and_quotes(feed, tmp_path):
    from pdfs import make_pdf

    from summarize_cli import pipeline
    from summarize_cli.options import Options

    server, url = feed
    pdf = tmp_path / "cp.pdf"
    pdf.write_bytes(make_pdf([BODY_A.split("\n")]))
    results = list(pipeline.run_many([url, str(pdf)], Options(translate=False, limit=2)))
    assert [r.source for r in results] == [server.url("/a"), server.url("/b"), str(pdf)]
    assert all(r.ok and r.summary is not None for r in results)
    assert [q.speaker for q in results[0].quotes] == ["Claire Vidal"]
    assert [q.speaker for q in results[2].quotes] == ["Claire Vidal"]


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich"])
def test_each_entry_of_a_single_feed_opens_with_its_source(feed, fmt):
    server, url = feed
    res = runner.invoke(app, ["extract", url, "--format", fmt, "--no-cache", "--limit", "2"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.stderr
    for path in ("/a", "/b"):
        assert f"source: {server.url(path)}" in res.stdout
