"""The cleaner's line model: learned weights from data/boilerplate/weights.json and line scores."""

from __future__ import annotations

import functools
import json
import math
from importlib import resources


@functools.cache
def _model() -> dict:
    ref = resources.files("summarize_cli.data").joinpath("boilerplate", "weights.json")
    try:
        return json.loads(ref.read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError, ValueError):
        return _DEFAULT_MODEL


# Hand-set weights used only if the learned file is missing (see scripts/train_cleaner.py).
_DEFAULT_MODEL: dict = {
    "weights": {
        "bias": -1.0, "log_words": 1.2, "stop_ratio": 3.0, "end_punct": 1.5, "inner_sent": 1.0,
        "comma": 2.0, "caps_ratio": -1.5, "digit_ratio": -1.0, "bullet": -1.5, "indent": -0.5,
        "boiler": -4.0, "caption": -3.0, "line_rule": -4.0, "repeated": -1.5, "dateish": -2.0,
        "menu": -3.0, "linkish": -2.0, "quoted": 0.5, "nb_prose": 2.0, "nb_short": -1.0,
        "in_run": 2.0, "before_run": -1.0, "after_run": -1.5, "after_end": -2.0, "run_dist": -0.5,
        "short_noend": -0.5,
    },
    "keep": 0.5,
}


def _prob(vec: dict[str, float], weights: dict[str, float]) -> float:
    z = sum(weights.get(k, 0.0) * v for k, v in vec.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
