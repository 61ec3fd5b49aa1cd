"""Ray engine end to end on a small local Ray instance (skipped when the [ray] extra is absent)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")
pq = pytest.importorskip("pyarrow.parquet")

from summarize_cli.options import Options  # noqa: E402
from summarize_cli.ray_engine import result_row, run_ray  # noqa: E402
from summarize_cli.schema import ErrorInfo, Result  # noqa: E402

# Ray Data's own DataContext emits deprecation warnings about its settings: not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*")

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
OPTIONS = Options(translate=False)


@pytest.fixture(scope="module")
def local_ray(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One small Ray instance for the whole module (ray.init costs seconds); run_ray reuses it."""
    home = tmp_path_factory.mktemp("ray-home")
    env = {"HF_HOME": str(home / "hf"), "HF_HUB_OFFLINE": "1", "XDG_CACHE_HOME": str(home / "cache"), "SUMMARIZE_THREADS": "1"}
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, runtime_env={"env_vars": env})
    try:
        yield
    finally:
        ray.shutdown()


def _rows() -> list[dict[str, object]]:
    fr = (SAMPLES / "openai-revenue-fr.txt").read_text(encoding="utf-8")
    en = (SAMPLES / "wind-farm-en.txt").read_text(encoding="utf-8")
    return [
        {"id": "fr-1", "text": fr, "title": None, "url": None},
        {"id": "en-1", "text": en, "title": "Wind farm", "url": None},
        {"id": None, "text": en.split("\n\n", 3)[-1], "title": None, "url": "https://example.com/wind"},
        {"id": None, "text": fr, "title": None, "url": None},
        {"id": "bad", "text": "", "title": None, "url": None},
    ]


def _read_jsonl(folder: Path) -> list[dict[str, object]]:
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "_")))
    assert files, f"no output files in {folder}"
    return [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def _check(rows: list[dict[str, object]]) -> None:
    by_source = {r["source"]: r for r in rows}
    assert len(rows) == 5
    assert {"fr-1", "en-1", "https://example.com/wind", "bad"} <= set(by_source)
    hashed = [s for s in by_source if str(s).startswith("row-")]
    assert len(hashed) == 1
    bad = by_source["bad"]
    assert bad["error"] is not None and json.loads(bad["error"])["code"]
    for source in ("fr-1", "en-1", "https://example.com/wind", hashed[0]):
        row = by_source[source]
        assert row["error"] is None, row["error"]
        summary = json.loads(row["summary"])
        assert summary["sentences"], source
        assert isinstance(json.loads(row["figures"]), list)
        assert isinstance(json.loads(row["quotes"]), list)
        assert row["translation"] is None  # translate=False
    assert by_source["fr-1"]["language"] == "fr"
    assert by_source["en-1"]["language"] == "en"
    assert by_source["fr-1"]["id"] == "fr-1" and by_source["https://example.com/wind"]["id"] is None
    assert any("2,4" in f["text"] or "2.4" in f["text"] for f in json.loads(by_source["en-1"]["figures"]))


def test_jsonl_in_parquet_out(local_ray: None, tmp_path: Path) -> None:
    import pyarrow as pa

    src = tmp_path / "articles.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _rows()), encoding="utf-8")
    out = tmp_path / "out.parquet"  # format from the extension; Ray writes a folder of part files
    counts = run_ray(str(src), str(out), OPTIONS, concurrency=1, batch_size=2)
    assert counts == {"ok": 4, "failed": 1}
    table = pq.read_table(out)
    assert table.schema.field("warnings").type == pa.list_(pa.string())
    _check(table.to_pylist())


def test_parquet_in_jsonl_out(local_ray: None, tmp_path: Path) -> None:
    import pyarrow as pa

    src = tmp_path / "articles.parquet"
    pq.write_table(pa.Table.from_pylist(_rows()), src)
    out = tmp_path / "out"
    counts = run_ray(str(src), str(out), OPTIONS, output_format="jsonl")
    assert counts == {"ok": 4, "failed": 1}
    _check(_read_jsonl(out))


def test_formats_from_names(tmp_path: Path) -> None:
    from summarize_cli.errors import InputError
    from summarize_cli.ray_engine import _format

    assert _format("s3://b/a.jsonl.gz", "auto", what="input") == "jsonl"
    assert _format("gs://b/a.parquet", "auto", what="input") == "parquet"
    assert _format("s3://b/out/", "auto", what="output", default="parquet") == "parquet"
    (tmp_path / "part-0.parquet").write_bytes(b"")
    assert _format(str(tmp_path), "auto", what="input") == "parquet"
    with pytest.raises(InputError):
        _format(str(tmp_path / "missing"), "auto", what="input")
    with pytest.raises(InputError):
        _format("a.jsonl", "csv", what="input")


def test_result_row_flattens_nested_objects() -> None:
    row = result_row(Result(source="x", error=ErrorInfo("empty", "no text", 3)), "id-1")
    assert row["id"] == "id-1" and row["source"] == "x"
    assert json.loads(row["error"]) == {"code": "empty", "message": "no text"}
    assert row["summary"] is None and row["figures"] == "[]" and row["warnings"] == []


def test_actor_in_process_without_translation_model() -> None:
    import pyarrow as pa

    from summarize_cli.ray_engine import SummarizeActor, output_schema

    actor = SummarizeActor(Options(), counter=None)  # no model installed: warm-up only warns
    fr = (SAMPLES / "openai-revenue-fr.txt").read_text(encoding="utf-8")
    out = actor(pa.Table.from_pylist([{"id": 7, "text": fr}, {"id": 8, "text": None}]))
    assert out.schema == output_schema()
    first, second = out.to_pylist()
    assert first["id"] == "7" and first["error"] is None and first["warnings"]
    assert json.loads(first["summary"])["language"] == "fr"  # stays untranslated, with a warning
    assert second["source"] == "8" and second["error"] is not None
