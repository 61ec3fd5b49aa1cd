"""The pipeline: numbered stages, failures as results, translation fallback."""

from __future__ import annotations

from summarize_cli import pipeline, readahead
from summarize_cli.options import Options
from summarize_cli.schema import Summary


def test_extract_task_stops_after_language(sample_fr):
    result = pipeline.run(str(sample_fr), Options(task="extract"))
    assert result.ok and result.article.language == "fr"
    assert result.summary is None and result.figures == ()


def test_summary_offsets_point_into_text(sample_fr):
    result = pipeline.run(str(sample_fr), Options(translate=False, sentences=2))
    text = result.article.text
    assert len(result.summary.sentences) == 2
    for sentence, (a, b) in zip(result.summary.sentences, result.summary.spans):
        assert text[a:b] == sentence
    for fig in result.figures:
        assert text[fig.start:fig.end] == fig.text


def test_missing_model_is_a_warning_not_an_error(sample_fr):
    result = pipeline.run(str(sample_fr), Options(translation_model="/nonexistent/model"))
    assert result.ok and result.summary.language == "fr"
    assert any("/nonexistent/model" in w for w in result.warnings)


def test_translator_registry_is_used(sample_fr, use_translator):
    class Upper:
        model = "upper"

        def translate(self, sentences):
            return [s.upper() for s in sentences]

    use_translator(Upper())
    result = pipeline.run(str(sample_fr), Options(translation_model="upper-model"))
    assert result.summary.language == "en" and result.translation.model == "upper"
    assert all(s.startswith("DANS") or s.startswith("«") or s.isupper() for s in result.summary.sentences)
    assert result.summary.source_sentences == tuple(t.source for t in result.translation.sentences)
    assert "Dans un post" in result.summary.source_sentences[0]
    labels = [f.label for f in result.figures if f.label]
    assert "CHIFFRE D'AFFAIRES ANNUEL" in labels  # labels follow the summary's language (the model sees Moses-normalised text)


def test_unexpected_exception_becomes_internal_error(monkeypatch, sample_fr):
    def boom(*a, **k):
        raise RuntimeError("kaput")

    monkeypatch.setattr("summarize_cli.summarize.summarize", boom)
    result = pipeline.run(str(sample_fr), Options(translate=False))
    assert result.error.code == "internal" and "kaput" in result.error.message
    assert "Traceback" in result.error.traceback


def test_run_many_keeps_order(sample_fr, sample_en, tmp_path):
    results = list(pipeline.run_many([str(sample_en), str(tmp_path / "x"), str(sample_fr)], Options(translate=False)))
    assert [r.ok for r in results] == [True, False, True]
    assert isinstance(results[0].summary, Summary)


def test_slow_url_and_files_ordered_and_unordered(sample_fr, sample_en, http_server, monkeypatch):
    import threading
    import time

    release = threading.Event()
    body = sample_en.read_text(encoding="utf-8")

    def slow(req):  # the URL answers only once the files are done (or after 10 s)
        release.wait(10)
        data = body.encode("utf-8")
        req.send_response(200)
        req.send_header("Content-Type", "text/plain; charset=utf-8")
        req.send_header("Content-Length", str(len(data)))
        req.end_headers()
        req.wfile.write(data)

    http_server.routes["/slow"] = slow
    url = http_server.url("/slow")
    read_files: list[str] = []
    real_read = readahead.ReadAhead._read

    def spy(self, source):
        if "://" not in str(source):
            read_files.append(str(source))
        return real_read(self, source)

    monkeypatch.setattr(readahead.ReadAhead, "_read", spy)
    sources = [url, str(sample_fr), str(sample_en)]
    unordered = pipeline.run_many(sources, Options(translate=False), ordered=False)
    first = next(unordered)
    # Files come out while the URL still waits; only one file had been read at that point.
    assert first.source == str(sample_fr) and read_files == [str(sample_fr)]
    second = next(unordered)
    assert second.source == str(sample_en)
    release.set()
    assert [r.source for r in unordered] == [url]
    release.clear()
    started = time.monotonic()
    timer = threading.Timer(0.3, release.set)
    timer.start()
    ordered = list(pipeline.run_many(sources, Options(translate=False)))
    assert [r.source for r in ordered] == sources and all(r.ok for r in ordered)
    assert time.monotonic() - started >= 0.3
