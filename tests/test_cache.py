"""Results cache: JSON round trip, keys, model fingerprints, hits and misses, concurrency, corruption."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize_cli.cache import (
    IGNORED_FIELDS,
    KEY_FIELDS,
    ResultCache,
    cache_key,
    default_cache_path,
    model_fingerprint,
    result_from_json,
    result_to_json,
)
from summarize_cli.options import Options
from summarize_cli.schema import Article, ErrorInfo, KeyFigure, Result, Summary, TranslatedSentence, Translation

FIG = KeyFigure("4,3 milliards de dollars", 10, 34, "money", 4.3e9, unit="USD", currency="USD", note="approx", label="revenue", sentence="OpenAI a réalisé 4,3 milliards de dollars.")


def _full_result(source: str = "a.txt") -> Result:
    summary = Summary(
        sentences=("OpenAI made $4.3 billion.", "Costs rose 50%."),
        language="en",
        method="extractive",
        model="Helsinki-NLP/opus-mt-fr-en",
        source_sentences=("OpenAI a réalisé 4,3 milliards de dollars.", "Les coûts ont augmenté de 50 %."),
        spans=((0, 42), (43, 75)),
        highlights=((FIG,), ()),
    )
    return Result(
        source=source,
        article=Article(source, "Titre", "Corps\nde l'article", "fr", "Par X", "2024-10-01", ("short article",)),
        summary=summary,
        figures=(FIG, dataclasses.replace(FIG, kind="percent", value=None, unit=None, currency=None)),
        translation=Translation("opus", "fr", "en", (TranslatedSentence("a", "b"), TranslatedSentence("c", "d", figures_ok=False))),
        warnings=("w1", "w2"),
    )


# --- JSON round trip -------------------------------------------------------------------------

_text = st.text(max_size=20)
_opt = st.none() | _text
_figure = st.builds(
    KeyFigure,
    text=_text,
    start=st.integers(0, 10_000),
    end=st.integers(0, 10_000),
    kind=st.sampled_from(["money", "percent", "count", "number", "date", "duration"]),
    value=st.none() | st.floats(allow_nan=False) | st.integers(-(10**12), 10**12),
    unit=_opt,
    currency=_opt,
    note=_opt,
    label=_opt,
    sentence=_opt,
)
_strs = st.lists(_text, max_size=3).map(tuple)
_summary = st.builds(
    Summary,
    sentences=_strs,
    language=_text,
    method=_text,
    model=_opt,
    source_sentences=_strs,
    spans=st.lists(st.tuples(st.integers(0, 999), st.integers(0, 999)), max_size=3).map(tuple),
    highlights=st.lists(st.lists(_figure, max_size=2).map(tuple), max_size=3).map(tuple),
)
_article = st.builds(Article, source=_text, title=_opt, text=_text, language=_opt, byline=_opt, date=_opt, warnings=_strs)
_translation = st.builds(
    Translation,
    model=_text,
    source_language=_text,
    target_language=_text,
    sentences=st.lists(st.builds(TranslatedSentence, source=_text, text=_text, figures_ok=st.booleans()), max_size=3).map(tuple),
)
_error = st.builds(ErrorInfo, code=_text, message=_text, exit_code=st.integers(0, 255), traceback=_opt)
_result = st.builds(
    Result,
    source=_text,
    article=st.none() | _article,
    summary=st.none() | _summary,
    figures=st.lists(_figure, max_size=3).map(tuple),
    translation=st.none() | _translation,
    warnings=_strs,
    error=st.none() | _error,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_result)
def test_json_round_trip_any_result(result: Result) -> None:
    assert result_from_json(result_to_json(result)) == result


def test_json_round_trip_keeps_tuples_and_nesting() -> None:
    result = _full_result()
    back = result_from_json(result_to_json(result))
    assert back == result
    assert isinstance(back.summary.spans[0], tuple)
    assert isinstance(back.summary.highlights[0][0], KeyFigure)
    assert isinstance(back.translation.sentences[1], TranslatedSentence)
    assert back.translation.sentences[1].figures_ok is False


def test_json_tolerates_missing_and_unknown_keys() -> None:
    assert result_from_json('{"source": "x", "later_field": 1}') == Result(source="x")


# --- keys and fingerprints -------------------------------------------------------------------


def test_every_option_is_classified() -> None:
    names = {f.name for f in dataclasses.fields(Options)}
    assert names == set(KEY_FIELDS) | IGNORED_FIELDS


def test_cache_key_changes_with_what_changes_the_result() -> None:
    base = cache_key("text", Options(), {"translation": "m@1"})
    assert base == cache_key("text", Options(), {"translation": "m@1"})
    assert len(base) == 64
    assert cache_key("text!", Options(), {"translation": "m@1"}) != base
    assert cache_key("text", Options(), {"translation": "m@2"}) != base
    assert cache_key("text", Options(), {}) != base
    changes = ({"sentences": 5}, {"words": 60}, {"translate": False}, {"task": "figures"}, {"lang": "fr"}, {"beams": 4}, {"backend": "torch"}, {"strict": True})
    for change in changes:
        assert cache_key("text", dataclasses.replace(Options(), **change), {"translation": "m@1"}) != base, change


def test_cache_key_ignores_network_options() -> None:
    base = cache_key("text", Options(), {})
    assert cache_key("text", Options(timeout=1.0, max_bytes=10, max_redirects=0), {}) == base


def test_fingerprint_of_local_folder_follows_its_files(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    first = model_fingerprint(str(folder))
    assert first.startswith(f"{folder}@local-")
    assert model_fingerprint(str(folder)) == first
    os.utime(folder / "config.json", ns=(1_000_000_000, 1_000_000_000))
    touched = model_fingerprint(str(folder))
    assert touched != first
    (folder / "model.safetensors").write_bytes(b"x")
    assert model_fingerprint(str(folder)) not in (first, touched)


def test_fingerprint_of_hf_cache_model_is_its_commit() -> None:
    commit = "0123456789abcdef0123456789abcdef01234567"
    repo = Path(os.environ["HF_HOME"]) / "hub" / "models--org--tiny"
    (repo / "snapshots" / commit).mkdir(parents=True)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit)
    (repo / "snapshots" / commit / "config.json").write_text("{}")
    assert model_fingerprint("org/tiny") == f"org/tiny@{commit}"


def test_fingerprint_of_missing_model(tmp_path: Path) -> None:
    assert model_fingerprint("org/not-installed") == "org/not-installed@missing"
    assert model_fingerprint(str(tmp_path / "nope")) == f"{tmp_path / 'nope'}@missing"


# --- the store -------------------------------------------------------------------------------


def test_default_path_is_under_user_cache_dir() -> None:
    assert default_cache_path() == Path(os.environ["XDG_CACHE_HOME"]) / "summarize-cli" / "results.sqlite"


def test_hit_and_miss(tmp_path: Path) -> None:
    key = cache_key("body", Options(), {})
    with ResultCache(tmp_path / "c.sqlite") as cache:
        assert cache.get(key) is None
        cache.put(key, _full_result())
        assert cache.get(key) == _full_result()
        assert cache.get(cache_key("body", Options(sentences=4), {})) is None
    with ResultCache(tmp_path / "c.sqlite") as again:  # persisted across runs
        assert again.get(key) == _full_result()


def test_default_location_and_folder_argument(tmp_path: Path) -> None:
    with ResultCache() as cache:
        cache.put("k", Result(source="x"))
    assert default_cache_path().exists()
    with ResultCache(tmp_path) as in_folder:
        assert in_folder.path == tmp_path / "results.sqlite"


def test_failed_results_are_not_stored(tmp_path: Path) -> None:
    with ResultCache(tmp_path / "c.sqlite") as cache:
        cache.put("k", Result(source="x", error=ErrorInfo("empty", "no text", 3)))
        assert cache.get("k") is None


def test_invalidation_when_options_or_model_change(tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}")

    def key(options: Options) -> str:
        return cache_key("article", options, {"translation": model_fingerprint(str(model))})

    with ResultCache(tmp_path / "c.sqlite") as cache:
        cache.put(key(Options()), _full_result())
        assert cache.get(key(Options())) == _full_result()
        assert cache.get(key(Options(sentences=2))) is None
        assert cache.get(key(Options(timeout=3.0))) == _full_result()
        os.utime(model / "config.json", ns=(2_000_000_000, 2_000_000_000))
        assert cache.get(key(Options())) is None


def _worker(args: tuple[str, int]) -> int:
    path, w = args
    errors = 0
    with ResultCache(Path(path)) as cache:
        for i in range(50):
            result = _full_result(f"w{w}-{i}")
            cache.put(f"w{w}-{i}", result)
            cache.put("shared", result)  # every process fights over one row too
            if cache.get(f"w{w}-{i}") != result or cache.get("shared") is None:
                errors += 1
    return errors


def test_concurrent_processes_share_one_cache(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    with multiprocessing.get_context("fork").Pool(4) as pool:
        assert pool.map(_worker, [(str(path), w) for w in range(4)]) == [0, 0, 0, 0]
    with ResultCache(path) as cache:
        for w in range(4):
            for i in range(50):
                assert cache.get(f"w{w}-{i}") == _full_result(f"w{w}-{i}")
        assert cache.get("shared") is not None


def test_corrupt_database_is_recreated(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with ResultCache(path) as cache:
        assert cache.get("k") is None
        cache.put("k", _full_result())
        assert cache.get("k") == _full_result()


def test_unusable_location_disables_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with ResultCache(blocker / "sub" / "c.sqlite") as cache:  # parent is a file: cannot create
        cache.put("k", _full_result())
        assert cache.get("k") is None


def test_undecodable_row_is_a_miss(tmp_path: Path) -> None:
    with ResultCache(tmp_path / "c.sqlite") as cache:
        cache.put("k", _full_result())
        cache._conn.execute("UPDATE results SET value = 'not json'")
        assert cache.get("k") is None


def test_edited_prompt_template_changes_the_key(tmp_path: Path) -> None:
    from summarize_cli.pipeline import _model_fingerprints

    template = tmp_path / "mine.txt"
    template.write_text("Summarise {article} in {n} sentences.", encoding="utf-8")
    options = Options(summarizer="instruct", summary_model=str(tmp_path / "no-model"), prompt=str(template))
    first = _model_fingerprints(options)
    assert _model_fingerprints(options) == first
    template.write_text("Summarise {article} in {n} short sentences.", encoding="utf-8")
    assert _model_fingerprints(options)["prompt"] != first["prompt"]
    # The extractive summariser uses no prompt: its key must not depend on one.
    assert "prompt" not in _model_fingerprints(Options(prompt=str(template)))


def test_model_fingerprints_are_taken_once_per_run(tmp_path: Path, monkeypatch) -> None:
    from summarize_cli import pipeline

    calls = []
    real = pipeline._model_fingerprints
    monkeypatch.setattr(pipeline, "_model_fingerprints", lambda options: calls.append(1) or real(options))
    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(f"Article {i}. " + "Une phrase de plus dans cet article. " * 8, encoding="utf-8")
    sources = [str(tmp_path / f"a{i}.txt") for i in range(5)]
    with ResultCache(tmp_path / "c.sqlite") as cache:
        first = list(pipeline.run_many(sources, Options(translate=False), cache=cache))
        again = list(pipeline.run_many(sources, Options(translate=False), cache=cache))
    assert all(r.ok for r in first) and again == first
    assert len(calls) == 2
