"""Learn the plain-text cleaner's line weights from three sources of pasted pages.

Usage (from the repo root): python scripts/train_cleaner.py [--bench DIR] [--out FILE] [--cv]

Sources: aeb and orangesum (extraction/text and extraction/selection dumps,
truth in extraction/truth.jsonl) and meta (w3m dumps of meta/html, made on the
fly into the temporary folder, truth meta/truth.jsonl `body`). Each logical
line is labelled 1 when it belongs to the true body (its word trigrams are in
the body, or it equals a body line), then a word-weighted L2 logistic
regression is fitted on the cleaner's own features, every source weighing the
same whatever its number of pages, and the keep thresholds (keep, keep_inner,
keep_edge) are picked on a small grid by mean end-to-end bag-of-words F1 over
the (source, mode) groups. Deterministic: same data, same weights.
--cv also reports leave-one-source-out scores (fit and thresholds on two
sources, score the third) next to the in-source ones: the estimate of how the
cleaner does on sites it never saw.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize_cli import cleaner  # noqa: E402
# clean_text's steps look _model and _analyse up in the module that runs them: that is where evaluate() swaps them
from summarize_cli.cleaner import select as cleaner_select  # noqa: E402

WORD = re.compile(r"\w+", re.UNICODE)
MODES = ("text", "selection")
SOURCES = ("aeb", "orangesum", "meta")
KEEP_GRID = (0.4, 0.5)
EDGE_GRID = (0.0, 0.2, 1.0)
# ridge penalty: strong, because the sources differ more than the pages of one source do (measured
# by leaving each source out: 1.0 fits aeb and orangesum and loses 0.04 on the meta pages)
L2 = 100.0
# how much better a stricter threshold setting must score in-sample to be picked
TIE = 2e-3
W3M = ["w3m", "-dump", "-T", "text/html", "-cols", "20000", "-I", "UTF-8", "-O", "UTF-8"]


def tokens(s: str) -> list[str]:
    return WORD.findall(s.lower())


def prf(pred: str, truth: str) -> float:
    p, t = Counter(tokens(pred)), Counter(tokens(truth))
    if not t:
        return 1.0 if not p else 0.0
    ov = sum((p & t).values())
    if not p or not ov:
        return 0.0
    pr, rc = ov / sum(p.values()), ov / sum(t.values())
    return 2 * pr * rc / (pr + rc)


def label(unit_text: str, tri: set, lines: set) -> int:
    toks = tokens(unit_text)
    if " ".join(toks) in lines:
        return 1
    if len(toks) < 3:
        return 0
    grams = [tuple(toks[i : i + 3]) for i in range(len(toks) - 2)]
    return int(sum(g in tri for g in grams) / len(grams) >= 0.6)


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def meta_texts(bench: Path) -> dict[str, str]:
    """w3m dumps of meta/html, kept in the temporary folder (never in the repository)."""
    html = bench / "meta" / "html"
    if not html.is_dir() or shutil.which("w3m") is None:
        return {}
    cache = Path(tempfile.gettempdir()) / "summarize-meta-text"
    cache.mkdir(exist_ok=True)
    out = {}
    for page in sorted(html.glob("*.html")):
        dump = cache / f"{page.stem}.txt"
        if not dump.exists():
            res = subprocess.run(W3M + [str(page)], capture_output=True, check=False)
            dump.write_bytes(res.stdout)
        out[page.stem] = dump.read_text(encoding="utf-8", errors="replace")
    return out


def sources(bench: Path) -> list[tuple[str, str, str, str]]:
    """(id, source, mode, text) with its true body, for every page of every source."""
    items = []
    for r in _read_jsonl(bench / "extraction" / "truth.jsonl"):
        for mode in MODES:
            text = (bench / "extraction" / mode / f"{r['id']}.txt").read_text(encoding="utf-8")
            items.append((r["id"], r["id"].split("-")[0], mode, text, r["body"]))
    texts = meta_texts(bench)
    for r in _read_jsonl(bench / "meta" / "truth.jsonl") if texts else []:
        if r.get("body") and r["id"] in texts:
            items.append((r["id"], "meta", "text", texts[r["id"]], r["body"]))
    return items


def load(bench: Path) -> list[dict]:
    docs = []
    for id_, src, mode, text, body in sources(bench):
        bt = tokens(body)
        tri = {tuple(bt[i : i + 3]) for i in range(len(bt) - 2)}
        lines = {" ".join(tokens(x)) for x in body.split("\n") if x.strip()}
        lang = cleaner._guess_lang(text)
        units, feats = cleaner._analyse(text, lang)
        docs.append({
            "id": id_, "source": src, "mode": mode, "text": text, "lang": lang, "body": body, "feats": feats,
            "y": [label(u.text, tri, lines) for u in units],
            "w": [min(max(f.nw, 1), 40) for f in feats],
        })
    return docs


def matrix(docs: list[dict], names: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # every source weighs the same: orangesum's 95 pages of one site must not outvote the others
    mass: Counter = Counter()
    for d in docs:
        mass[d["source"]] += sum(d["w"])
    X, y, w = [], [], []
    for d in docs:
        share = 1.0 / mass[d["source"]]
        for f, lab, wt in zip(d["feats"], d["y"], d["w"]):
            X.append([f.vec.get(k, 0.0) for k in names])
            y.append(lab)
            w.append(wt * share)
    return np.array(X), np.array(y, dtype=float), np.array(w, dtype=float)


def fit(X: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = L2, iters: int = 50) -> np.ndarray:
    """Weighted L2 logistic regression by Newton's method (small, convex, deterministic)."""
    beta = np.zeros(X.shape[1])
    w = w / w.mean()
    reg = l2 * np.eye(X.shape[1])
    reg[0, 0] = 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-np.clip(X @ beta, -30, 30)))
        grad = X.T @ (w * (p - y)) + reg @ beta
        hess = (X * (w * p * (1 - p))[:, None]).T @ X + reg
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return beta


_ANALYSED: dict[tuple[str, str], tuple] = {}


def _analyse_cached(text: str, lang: str) -> tuple:
    # features do not depend on the weights: analyse each text once across the threshold search
    key = (text, lang)
    if key not in _ANALYSED:
        _ANALYSED[key] = _ANALYSE(text, lang)
    return _ANALYSED[key]


_ANALYSE = cleaner._analyse


def evaluate(docs: list[dict], model: dict) -> dict[tuple[str, str], float]:
    saved = cleaner_select._model
    cleaner_select._model = lambda: model
    cleaner_select._analyse = _analyse_cached
    try:
        out: dict[tuple[str, str], list[float]] = {}
        for d in docs:
            c = cleaner.clean_text(d["text"], d["lang"])
            out.setdefault((d["source"], d["mode"]), []).append(prf("\n".join(c.paragraphs), d["body"]))
    finally:
        cleaner_select._model = saved
        cleaner_select._analyse = _ANALYSE
    return {k: sum(v) / len(v) for k, v in sorted(out.items())}


def train(docs: list[dict], names: list[str], l2: float = L2) -> dict:
    X, y, w = matrix(docs, names)
    beta = fit(X, y, w, l2=l2)
    weights = {k: round(float(b), 4) for k, b in zip(names, beta)}
    best = None
    # all three thresholds together: the edge extension changes which keep threshold is best. The grid
    # runs from the most permissive setting up, and a stricter one must win by TIE: in-sample scores
    # are nearly flat across the grid, and unseen pages (other languages, lists, tables) get lower
    # line probabilities than the pages the weights were fitted on, so leniency generalises better.
    grid = [
        {"keep": k, "keep_inner": k_in, "keep_edge": edge}
        for k in KEEP_GRID for k_in in (0.2, k) for edge in EDGE_GRID
    ]
    for params in grid:
        model = {"weights": weights, **params}
        score = evaluate(docs, model)
        mean = sum(score.values()) / len(score)
        if best is None or mean > best[0] + TIE:
            best = (mean, model, score)
    return best[1]


def cross_source(docs: list[dict], names: list[str], l2: float = L2, model: dict | None = None) -> dict[tuple[str, str], tuple[float, float]]:
    """(in-source, cross-source) F1 per (source, mode): `model` (else one trained on all sources), and one trained on the others."""
    full = evaluate(docs, model or train(docs, names, l2))
    out = {}
    for src in sorted({d["source"] for d in docs}):
        model = train([d for d in docs if d["source"] != src], names, l2)
        for k, v in evaluate([d for d in docs if d["source"] == src], model).items():
            out[k] = (full[k], v)
    return out


def feature_names(docs: list[dict]) -> list[str]:
    return ["bias"] + sorted(k for k in docs[0]["feats"][0].vec if k != "bias")


def _scores(score: dict) -> dict[str, float]:
    return {f"{k[0]}/{k[1]}": round(v, 3) for k, v in score.items()}


def _thresholds(model: dict) -> str:
    return f"keep {model['keep']} {model['keep_inner']} {model['keep_edge']}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", default=str(ROOT / ".." / "shared" / "bench"))
    ap.add_argument("--out", default=str(ROOT / "summarize_cli" / "data" / "boilerplate" / "weights.json"))
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--l2", type=float, default=L2, help="ridge penalty of the logistic regression")
    a = ap.parse_args()
    docs = load(Path(a.bench))
    names = feature_names(docs)
    if a.cv:
        for (src, mode), (ins, cross) in cross_source(docs, names, a.l2).items():
            print(f"{src}/{mode}: in-source {ins:.3f}  left out {cross:.3f}")
    model = train(docs, names, a.l2)
    print("train:", _scores(evaluate(docs, model)), _thresholds(model))
    model = {"about": "learned by scripts/train_cleaner.py; logistic weights over cleaner._base/_features", **model}
    Path(a.out).write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
