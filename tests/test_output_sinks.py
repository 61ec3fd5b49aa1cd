"""Sinks of the output layer: atomic writes, links replaced, inputs never overwritten, names capped in bytes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarize_cli.errors import ExitCode, OutputConflict, OutputError
from summarize_cli.output.sinks import MAX_NAME_BYTES, AtomicFile, Inputs, file_name


def _leftovers(folder) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.name for p in folder.iterdir() if p.name.startswith(".summarize-")]


def test_nothing_is_visible_before_commit(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old")
    out = AtomicFile(path)
    out.stream.write("new")
    out.stream.flush()
    assert path.read_text() == "old"
    out.commit()
    assert path.read_text() == "new" and _leftovers(tmp_path) == []


def test_discard_keeps_the_old_file(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old")
    out = AtomicFile(path)
    out.stream.write("half")
    out.discard()
    assert path.read_text() == "old" and _leftovers(tmp_path) == []


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old")
    path.chmod(0o640)
    out = AtomicFile(path)
    out.stream.write("new")
    out.commit()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_link_is_replaced_never_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "out.txt"
    link.symlink_to(victim)
    out = AtomicFile(link)
    out.stream.write("summary")
    out.commit()
    assert victim.read_text() == "precious"
    assert not link.is_symlink() and link.read_text() == "summary"


@pytest.mark.parametrize("kind", ["file", "link", "dangling link"])
def test_without_overwrite_nothing_existing_is_touched(tmp_path, kind):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    path = tmp_path / "out.txt"
    if kind == "file":
        path.write_text("old")
    else:
        path.symlink_to(victim if kind == "link" else tmp_path / "nowhere")
    with pytest.raises(OutputConflict, match="exists.*--overwrite") as info:
        AtomicFile(path, overwrite=False)
    assert info.value.exit_code == ExitCode.OUTPUT
    assert victim.read_text() == "precious" and _leftovers(tmp_path) == []
    assert (path.read_text() == "old") if kind == "file" else path.is_symlink()


def test_without_overwrite_a_name_taken_meanwhile_is_refused(tmp_path):
    path = tmp_path / "out.txt"
    out = AtomicFile(path, overwrite=False)
    out.stream.write("mine")
    path.write_text("someone else's")  # between open and commit
    with pytest.raises(OutputConflict):
        out.commit()
    assert path.read_text() == "someone else's" and _leftovers(tmp_path) == []


def test_devices_are_written_in_place():
    out = AtomicFile(Path(os.devnull), devices=True)
    out.stream.write("gone")
    out.commit()
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_device_is_an_output_error():
    out = AtomicFile(Path("/dev/full"), devices=True)
    with pytest.raises(OutputError, match="No space left") as info:
        out.stream.write("x" * 100_000)
        out.commit()
    assert info.value.exit_code == ExitCode.OUTPUT


def test_a_missing_folder_says_so(tmp_path):
    with pytest.raises(OutputError, match="create the folder first"):
        AtomicFile(tmp_path / "no" / "out.txt")


def test_inputs_are_known_by_identity(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("text")
    twin = tmp_path / "twin.txt"
    os.link(article, twin)
    inputs = Inputs([str(article), "https://example.org/x", "-", str(tmp_path / "missing")])
    for same in (article, twin, tmp_path / "." / "a.txt"):
        with pytest.raises(OutputConflict, match="is also an input"):
            inputs.refuse(same, "the output file")
    inputs.refuse(tmp_path / "b.txt", "the output file")  # another file: fine


@given(st.text(max_size=400))
def test_file_names_fit_any_file_system(base):
    name = file_name(base)
    raw = name.encode("utf-8")
    assert 0 < len(raw) <= MAX_NAME_BYTES
    assert "/" not in name and "\x00" not in name and name not in (".", "..") and not name.startswith(".")


def test_cjk_names_are_cut_on_a_character_boundary():
    name = file_name("報" * 100)
    assert name == "報" * (MAX_NAME_BYTES // 3)
