"""The languages the tool has data for, found from its data files: one registry for every stage."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

__all__ = ["data_languages", "boilerplate_rules"]


@cache
def data_languages(kind: str) -> tuple[str, ...]:
    """ISO 639-1 codes that have a ``data/<kind>/<code>.toml`` or ``.txt`` file, sorted."""
    folder = resources.files("summarize_cli.data").joinpath(kind)
    codes = {p.name.split(".")[0] for p in folder.iterdir() if p.name.endswith((".toml", ".txt"))}
    return tuple(sorted(c for c in codes if len(c) == 2 and c.isalpha()))


@cache
def boilerplate_rules() -> dict[str, dict]:
    """Each language's boilerplate rules (``data/boilerplate/<code>.toml``), parsed."""
    folder = resources.files("summarize_cli.data").joinpath("boilerplate")
    return {code: tomllib.loads(folder.joinpath(f"{code}.toml").read_text(encoding="utf-8")) for code in data_languages("boilerplate")}
