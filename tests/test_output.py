"""The output layer's registry and runner side: formats by name or -o extension, a format added in one place, the View of each task."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarize_cli import output
from summarize_cli.cli import app
from summarize_cli.options import Options, OutputSpec
from summarize_cli.output import Format, Stream, View, choose
from summarize_cli.run import view_for
from summarize_cli.schema import Result

runner = CliRunner()


def test_formats_by_name_by_extension_and_by_terminal():
    assert [f.name for f in output.FORMATS.values()] == ["rich", "plain", "markdown", "json", "jsonl"]
    assert choose("markdown", Path("x.json"), True).name == "markdown"  # a named format wins over the extension
    assert {ext: choose("auto", Path("out" + ext), False).name for ext in (".json", ".JSONL", ".ndjson", ".md", ".markdown", ".txt", "")} == {
        ".json": "json", ".JSONL": "jsonl", ".ndjson": "jsonl", ".md": "markdown", ".markdown": "markdown", ".txt": "plain", "": "plain",
    }  # fmt: skip
    assert choose("auto", None, True).name == "rich" and choose("auto", None, False).name == "plain"
    # One article a file: JSON Lines writes each as a JSON object in a .json file, rich as text.
    assert output.get("jsonl").per_article == "json" and output.get("json").suffix == ".json" and output.get("rich").suffix == ".txt"
    assert not output.get("json").streaming and output.get("jsonl").streaming


def test_each_task_shows_what_it_computes():
    assert view_for(Options(task="summarize")) == View(figures=True)
    assert view_for(Options(task="extract")) == View(body=True)
    assert view_for(Options(task="translate"), OutputSpec(bilingual=True)) == View(body=True, translated=True, bilingual=True)
    assert view_for(Options(task="figures"), several=True) == View(figures=True, several=True)
    assert view_for(Options(task="quotes")) == View(quotes=True)


class ToyWriter:
    """One line per result, ``TOY source title``; the models list as their names."""

    def __init__(self, stream: Stream, view: View, to_file: bool) -> None:
        self.stream = stream

    def write(self, result: Result) -> None:
        title = result.article.title if result.article else None
        self.stream.write(f"TOY {result.source} {title if result.ok else 'failed'}\n")

    def write_all(self, results: Sequence[Result], *, complete: bool) -> None:
        for result in results:
            self.write(result)

    def models(self, rows: Sequence[object]) -> None:
        self.stream.write("TOY MODELS " + " ".join(getattr(r, "name") for r in rows) + "\n")


@pytest.fixture()
def toy() -> Iterator[Format]:
    fmt = Format("toy", ToyWriter, ".toy", (".toy",))
    output.register(fmt)  # the one line a new format adds to the registry
    yield fmt
    del output.FORMATS["toy"]


def test_a_format_is_one_writer_and_one_registry_line(toy, sample_fr, sample_en, tmp_path):
    args = ["--no-translate", "--no-cache"]
    res = runner.invoke(app, [str(sample_fr), str(tmp_path / "missing.txt"), "-f", "toy", *args])
    assert res.exit_code == 7 and res.stdout.splitlines() == [f"TOY {sample_fr} Sam Altman annonce qu’OpenAI a un chiffre d’affaires annuel de "
                                                               "20 milliards de dollars et environ 1,4 trillion de dollars d’engagements pour des centres de données",
                                                               f"TOY {tmp_path / 'missing.txt'} failed"]  # fmt: skip
    # chosen from the -o file's name, and one file per article named with its suffix
    res = runner.invoke(app, ["extract", str(sample_en), "-o", str(tmp_path / "out.toy"), "--no-cache"])
    assert res.exit_code == 0 and (tmp_path / "out.toy").read_text().startswith(f"TOY {sample_en} North Sea wind farm")
    res = runner.invoke(app, ["figures", str(sample_en), "-f", "toy", "--output-dir", str(tmp_path / "out"), "--no-cache"])
    assert res.exit_code == 0 and [p.name for p in (tmp_path / "out").iterdir()] == ["wind-farm-en.toy"]
    # `models list` writes through the same registry
    res = runner.invoke(app, ["models", "list", "-f", "toy"])
    assert res.exit_code == 0 and res.stdout.startswith("TOY MODELS Helsinki-NLP/opus-mt-fr-en ")


def test_an_unknown_format_is_a_usage_error_naming_the_choices():
    res = runner.invoke(app, ["extract", "x.txt", "-f", "xml"])
    assert res.exit_code == 2 and res.stdout == ""
    assert "'xml' is not one of 'auto', 'rich', 'plain', 'markdown', 'json', 'jsonl'." in " ".join(res.stderr.replace("│", " ").split())


def test_models_list_json_is_the_rows():
    rows = json.loads(runner.invoke(app, ["models", "list", "-f", "json"]).stdout)
    assert rows[0]["name"] == "Helsinki-NLP/opus-mt-fr-en" and rows[0]["installed"] is False
    table = runner.invoke(app, ["models", "list", "-f", "plain"]).stdout
    assert "Helsinki-NLP" in table and "installed" in table and table.startswith("Models")
