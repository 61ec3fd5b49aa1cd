"""What `pip install .` ships: every Python package of the source tree, so a new package is never left out of the wheel."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_declared():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "summarize_cli").rglob("__init__.py")}
    missing = found - declared
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml"
