"""The runner called from Python: specs are checked like the command line's options."""

import pytest

from summarize_cli import run
from summarize_cli.cli_options import InputFmt
from summarize_cli.errors import ExitCode, Misuse
from summarize_cli.options import Options, OutputSpec, SourceSpec
from summarize_cli.sources import INPUT_FORMATS


def test_an_unknown_format_is_a_usage_error(sample_en):
    with pytest.raises(Misuse) as exc:
        run.execute(SourceSpec((str(sample_en),)), Options(task="extract"), OutputSpec(format="xml", cache=False))
    assert exc.value.option == "--format" and "'xml'" in str(exc.value)
    assert exc.value.exit_code == ExitCode.USAGE


def test_an_unknown_input_format_is_a_usage_error(sample_en):
    with pytest.raises(Misuse) as exc:
        run.execute(SourceSpec((str(sample_en),), input_format="csv"), Options(task="extract"), OutputSpec(cache=False))
    assert exc.value.option == "--input-format"


def test_the_cli_offers_the_input_formats_the_runner_takes():
    assert tuple(f.value for f in InputFmt) == INPUT_FORMATS


def test_a_valid_spec_runs(sample_en, tmp_path):
    out = tmp_path / "a.json"
    code = run.execute(SourceSpec((str(sample_en),)), Options(task="extract"), OutputSpec(format="json", output=out, cache=False))
    assert code == ExitCode.OK
    assert '"title"' in out.read_text(encoding="utf-8")
