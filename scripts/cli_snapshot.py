"""Every command's --help and output, in every format, on fixed inputs: one text file per case, to diff two trees.

usage: python scripts/cli_snapshot.py OUTDIR [--tiny-marian DIR] [--only TEXT]

Run it before and after a change of the command line or the output layer, then ``diff -r BEFORE AFTER``: every
difference must be one the change meant. Cases run in this process through typer's CliRunner (stdout is not a
terminal, 100 columns unless a case says otherwise, no colours, no network, fresh caches). Translations come
from a fake translator that tags each sentence (deterministic on any machine); with ``--tiny-marian DIR`` a few
cases also run the random tiny Marian model the tests build (built into DIR when DIR is empty; seeded).
Each file holds the command, its exit code, its stdout, its stderr and any file it wrote.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The tree this script is in, not whatever summarize-cli is installed.
sys.path.insert(0, str(ROOT))

ONE = ["samples/openai-revenue-fr.txt"]
SEVERAL = ["samples/openai-revenue-fr.txt", "samples/wind-farm-en.txt", "samples/velo-lyon-fr.html", "tests/data/article-with-comments.html"]
FORMATS = ("rich", "plain", "markdown", "json", "jsonl")
# The translations the fake translator gives: a tag, one figure changed, one sentence left empty.
FAKE = "fake-fr-en"


@dataclass(frozen=True)
class Case:
    """One command line to run, and what it needs around it."""

    name: str
    args: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)
    stdin: str | None = None
    # Files the case reads or writes, relative to its work folder: given before the run, shown after it.
    files: dict[str, str] = field(default_factory=dict)
    # Hugging Face ids under which the tiny Marian model is put in the case's model cache first.
    installed: tuple[str, ...] = ()


class FakeTranslator:
    """Tags each sentence with EN; changes one figure (the number guard flags it); blanks a sentence with 'vide'."""

    model = FAKE

    def translate(self, sentences: list[str]) -> list[str]:
        """One output per sentence."""
        out = []
        for s in sentences:
            if "vide" in s:
                out.append("")
            else:
                out.append("EN " + s.replace("1,4 trillion de dollars", "1.4 billion dollars"))
        return out

    def retry(self, sentences: list[str]) -> list[str] | None:
        """Nothing better the second time."""
        return None


FAKE_ARTICLE = (
    "La société lève des fonds records pour ses centres de données\n\n"
    "La société américaine a annoncé lundi un chiffre d’affaires annuel de 20 milliards de dollars pour cette année. "
    "Elle prévoit aussi environ 1,4 trillion de dollars d’engagements pour des centres de données au cours des prochaines années.\n\n"
    "Le directeur financier a évoqué des prêts garantis par le gouvernement, une idée vite nuancée par la direction. "
    "Cette phrase reste vide une fois traduite par le modèle de traduction.\n\n"
    "« Nous allons doubler nos capacités », a déclaré le directeur général.\n"
)


def cases(tiny_marian: Path | None) -> Iterator[Case]:
    """Every case, in a fixed order."""
    # --help of every command, and the bare command (its help too)
    commands = ("summarize", "extract", "figures", "quotes", "translate", "batch", "models", "models list", "models pull", "models path", "models remove")
    for cmd in ((), *(tuple(c.split()) for c in commands)):
        yield Case("help-" + ("-".join(cmd) or "root"), (*cmd, "--help"))
    yield Case("no-args", ())
    yield Case("version", ("--version",))
    # the article commands without models, one source and several, in every format
    commands = {"summarize": ("--no-translate",), "extract": (), "figures": (), "quotes": ()}
    for cmd, extra in commands.items():
        for n, sources in (("one", ONE), ("several", SEVERAL)):
            for fmt in FORMATS:
                yield Case(f"{cmd}-{n}-{fmt}", (cmd, *sources, *extra, "-f", fmt, "--no-cache"))
    yield Case("default-command-one-plain", (*ONE, "--no-translate", "--no-cache"))
    yield Case("summarize-one-rich-narrow", ("summarize", *ONE, "--no-translate", "-f", "rich", "--no-cache"), env={"COLUMNS": "60"})
    yield Case("summarize-options-plain", ("summarize", *ONE, "--no-translate", "-n", "2", "--figures", "2", "--quotes", "0", "--no-cache"))
    yield Case("summarize-words-plain", ("summarize", "samples/wind-farm-en.txt", "--words", "40", "--figures", "all", "--no-cache"))
    yield Case("figures-all-plain", ("figures", *ONE, "--figures", "all", "--no-cache"))
    yield Case("figures-two-markdown", ("figures", *ONE, "--figures", "2", "-f", "markdown", "--no-cache"))
    yield Case("extract-no-clean-plain", ("extract", "samples/velo-lyon-fr.html", "--no-clean", "--no-cache"))
    yield Case("extract-lang-json", ("extract", "samples/wind-farm-en.txt", "--lang", "en", "-f", "json", "--no-cache"))
    yield Case("extract-stdin-plain", ("extract", "-", "--no-cache"), stdin=(ROOT / ONE[0]).read_text(encoding="utf-8"))
    # no translation model (HF offline): the warning said once, the summary in French
    for fmt in ("plain", "json"):
        yield Case(f"summarize-missing-model-{fmt}", ("summarize", *ONE, "-f", fmt, "--no-cache"))
        yield Case(f"summarize-missing-model-several-{fmt}", ("summarize", *SEVERAL[:3], "-f", fmt, "--no-cache"))
    yield Case("summarize-strict-missing-model-plain", ("summarize", *ONE, "--strict", "--no-cache"))
    yield Case("translate-missing-model-plain", ("translate", *ONE, "--no-cache"))
    # translations by the fake translator
    fake = ("--lang", "fr", "--translation-model", FAKE, "--no-cache")
    files = {"article.txt": FAKE_ARTICLE}
    for cmd in ("summarize", "translate"):
        for fmt in FORMATS:
            yield Case(f"{cmd}-fake-one-{fmt}", (cmd, "article.txt", *fake, "-f", fmt), files=files)
            yield Case(f"{cmd}-fake-several-{fmt}", (cmd, "article.txt", *ONE, *fake, "-f", fmt), files=files)
        for fmt in ("plain", "markdown", "json"):
            yield Case(f"{cmd}-fake-bilingual-{fmt}", (cmd, "article.txt", *fake, "--bilingual", "-f", fmt), files=files)
        yield Case(f"{cmd}-fake-bilingual-rich-wide", (cmd, "article.txt", *fake, "--bilingual", "-f", "rich"), env={"COLUMNS": "120"}, files=files)
        yield Case(f"{cmd}-fake-bilingual-rich-narrow", (cmd, "article.txt", *fake, "--bilingual", "-f", "rich"), env={"COLUMNS": "80"}, files=files)
        yield Case(f"{cmd}-fake-bilingual-several-plain", (cmd, "article.txt", *ONE, *fake, "--bilingual"), files=files)
    yield Case("translate-fake-to-fr-plain", ("translate", "article.txt", "--to", "fr", *fake), files=files)
    yield Case("translate-english-plain", ("translate", "samples/wind-farm-en.txt", "--translation-model", FAKE, "--no-cache"))
    yield Case("translate-english-markdown", ("translate", "samples/wind-farm-en.txt", "--translation-model", FAKE, "-f", "markdown", "--no-cache"))
    yield Case("translate-english-rich", ("translate", "samples/wind-farm-en.txt", "--translation-model", FAKE, "-f", "rich", "--no-cache"))
    # failures among the sources
    broken = ("samples/wind-farm-en.txt", "missing.txt", "menu.txt")
    menu = {"menu.txt": "Accueil\nContact\n"}
    for fmt in FORMATS:
        yield Case(f"summarize-failures-{fmt}", ("summarize", *broken, "-f", fmt, "--no-cache"), files=menu)
    yield Case("extract-failures-plain", ("extract", *broken, "--no-cache"), files=menu)
    yield Case("missing-one-plain", ("summarize", "missing.txt", "--no-cache"))
    yield Case("bad-lang", ("summarize", *ONE, "--lang", "french"))
    yield Case("bad-format", ("summarize", *ONE, "-f", "xml"))
    yield Case("bad-format-models", ("models", "list", "-f", "xml"))
    yield Case("bad-input-format", ("summarize", *ONE, "--input-format", "csv"))
    yield Case("bad-figures", ("figures", *ONE, "--figures", "zero"))
    yield Case("bad-since", ("summarize", *ONE, "--since", "yesterday"))
    yield Case("output-and-dir", ("summarize", *ONE, "-o", "a.txt", "--output-dir", "d"))
    yield Case("stdin-twice", ("summarize", "-", "-"), stdin="x")
    # output files: -o (format from the extension), --output-dir, conflicts
    for name in ("out.md", "out.json", "out.jsonl", "out.txt"):
        yield Case(f"output-file-{name}", ("summarize", *SEVERAL[:2], "--no-translate", "-o", name, "--no-cache"))
    yield Case("output-file-one-json", ("summarize", *ONE, "--no-translate", "-o", "out.json", "--no-cache"))
    yield Case("output-file-rich", ("summarize", *ONE, "--no-translate", "-f", "rich", "-o", "out.txt", "--no-cache"))
    for fmt in FORMATS:
        yield Case(f"output-dir-{fmt}", ("summarize", *SEVERAL, "--no-translate", "-f", fmt, "--output-dir", "out", "--no-cache"))
    yield Case("output-dir-auto", ("extract", *SEVERAL[:2], "--output-dir", "out", "--no-cache"))
    yield Case("output-dir-conflict", ("summarize", *SEVERAL[:2], "--no-translate", "--output-dir", "out", "--no-cache"), files={"out/openai-revenue-fr.txt": "old\n"})
    yield Case("output-dir-overwrite", ("summarize", *SEVERAL[:2], "--no-translate", "--output-dir", "out", "--overwrite", "--no-cache"), files={"out/openai-revenue-fr.txt": "old\n"})
    yield Case("output-is-input", ("summarize", "article.txt", "--no-translate", "-o", "article.txt", "--no-cache"), files=files)
    # JSONL input, the cache
    rows = '{"id": "a", "text": %s}\n{"id": "b", "text": %s, "title": "Wind"}\n' % tuple(
        __import__("json").dumps((ROOT / p).read_text(encoding="utf-8")) for p in ("samples/openai-revenue-fr.txt", "samples/wind-farm-en.txt")
    )
    yield Case("jsonl-input-plain", ("summarize", "rows.jsonl", "--no-translate", "--no-cache"), files={"rows.jsonl": rows})
    yield Case("jsonl-input-stdin-json", ("figures", "-", "--input-format", "jsonl", "-f", "json", "--no-cache"), stdin=rows)
    yield Case("cache-first-json", ("summarize", *ONE, "--no-translate", "-f", "json", "--cache-dir", "cache"))
    yield Case("cache-dir-plain", ("summarize", *ONE, "--no-translate", "--cache-dir", "cache"))
    # batch
    yield Case("batch-no-translate", ("batch", "rows.jsonl", "-o", "results.jsonl", "--no-translate"), files={"rows.jsonl": rows})
    yield Case("batch-default", ("batch", "rows.jsonl", "-o", "results.jsonl", "-n", "2"), files={"rows.jsonl": rows})
    yield Case("batch-fake", ("batch", "rows.jsonl", "-o", "results.jsonl", "--translation-model", FAKE), files={"rows.jsonl": rows})
    yield Case("batch-bad-engine", ("batch", "rows.jsonl", "-o", "results.jsonl", "--engine", "spark"), files={"rows.jsonl": rows})
    # models
    for fmt in ("auto", *FORMATS):
        yield Case(f"models-list-{fmt}", ("models", "list", "-f", fmt))
    yield Case("models-path-missing", ("models", "path", "Helsinki-NLP/opus-mt-fr-en"))
    yield Case("models-remove-missing", ("models", "remove", "Helsinki-NLP/opus-mt-fr-en"))
    yield Case("models-pull-offline", ("models", "pull", "Helsinki-NLP/opus-mt-fr-en", "--offline"))
    if tiny_marian is not None:
        tiny = ("--translation-model", str(tiny_marian), "--no-cache")
        for fmt in ("plain", "rich", "json"):
            yield Case(f"tiny-summarize-{fmt}", ("summarize", *ONE, *tiny, "-f", fmt))
        for fmt in ("plain", "markdown", "rich", "json"):
            yield Case(f"tiny-translate-{fmt}", ("translate", *ONE, *tiny, "-f", fmt))
        yield Case("tiny-summarize-bilingual-plain", ("summarize", *ONE, *tiny, "--bilingual"))
        yield Case("tiny-translate-bilingual-rich", ("translate", *ONE, *tiny, "--bilingual", "-f", "rich"), env={"COLUMNS": "120"})
        for fmt in ("plain", "json"):
            yield Case(f"tiny-models-list-installed-{fmt}", ("models", "list", "-f", fmt), installed=("Helsinki-NLP/opus-mt-fr-en", "someone/tiny-mt"))
        yield Case("tiny-models-remove-installed", ("models", "remove", "Helsinki-NLP/opus-mt-fr-en"), installed=("Helsinki-NLP/opus-mt-fr-en",))
        yield Case("tiny-models-path-installed", ("models", "path", "Helsinki-NLP/opus-mt-fr-en"), installed=("Helsinki-NLP/opus-mt-fr-en",))
        yield Case("tiny-summarize-installed-default-plain", ("summarize", *ONE, "--no-cache"), installed=("Helsinki-NLP/opus-mt-fr-en",))


@contextmanager
def environment(home: Path, extra: dict[str, str]) -> Iterator[None]:
    """A fixed environment: no colours forced, fixed width, no network, caches under ``home``."""
    saved = dict(os.environ)
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "CLICOLOR_FORCE", "GITHUB_ACTIONS", "HF_ENDPOINT", "HF_TOKEN", "LINES"):
        os.environ.pop(name, None)
    os.environ.update(
        {
            "COLUMNS": "100", "TERM": "dumb", "HF_HOME": str(home / "hf"), "HF_HUB_OFFLINE": "1", "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_CONFIG_HOME": str(home / "config"), "SUMMARIZE_CT2_CACHE": str(home / "ct2"), **extra,
        }
    )  # fmt: skip
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextmanager
def fake_translator() -> Iterator[None]:
    """The translation model named FAKE is the FakeTranslator; any other is loaded as usual."""
    from summarize_cli import translate

    real = translate.TRANSLATORS["marian"]

    def load(model: str, *args: object) -> object:
        return FakeTranslator() if model == FAKE else real(model, *args)

    translate.TRANSLATORS["marian"] = load
    translate._load.cache_clear()
    try:
        yield
    finally:
        translate.TRANSLATORS["marian"] = real
        translate._load.cache_clear()


def run_case(case: Case, work: Path, home: Path, tiny: Path | None = None) -> tuple[str, int]:
    """The case's text (command, exit code, stdout, stderr, files) and its exit code."""
    from typer.testing import CliRunner

    from summarize_cli.cli import app

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for name, text in case.files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text, encoding="utf-8")
    if case.installed:
        assert tiny is not None
        sys.path.insert(0, str(ROOT / "tests"))
        from tinymodels import install_in_hf_cache

        for repo_id in case.installed:
            install_in_hf_cache(tiny, repo_id, home / "hf" / "hub")
    for src in ("samples", "tests"):
        (work / src).symlink_to(ROOT / src)
    before = {p.relative_to(work) for p in work.rglob("*") if p.is_file() and not _linked(p, work)}
    old = os.getcwd()
    os.chdir(work)
    try:
        with environment(home, case.env):
            res = CliRunner().invoke(app, list(case.args), input=case.stdin)
    finally:
        os.chdir(old)
    code = res.exit_code
    parts = ["$ summarize " + " ".join(case.args), f"exit {code}", "--- stdout", res.stdout, "--- stderr", res.stderr]
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        parts += ["--- exception", repr(res.exception)]
    for path in sorted(p.relative_to(work) for p in work.rglob("*") if p.is_file() and not _linked(p, work)):
        if path in before and (work / path).read_text(encoding="utf-8") == case.files.get(str(path)):
            continue
        if path.parts[0] in ("cache",):
            parts += [f"--- file {path} (exists)"]
            continue
        parts += [f"--- file {path}", (work / path).read_text(encoding="utf-8", errors="replace")]
    text = "\n".join(parts)
    for path, name in ((str(tiny or "<TINY>"), "<TINY>"), (str(work), "<WORK>"), (str(home), "<HOME>"), (str(ROOT), "<ROOT>")):
        text = text.replace(path, name)
    return text, code


def _linked(path: Path, work: Path) -> bool:
    return path.relative_to(work).parts[0] in ("samples", "tests")


def main(argv: list[str] | None = None) -> int:
    """Write one file per case into OUTDIR; return 0."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--tiny-marian", type=Path, help="folder of the tiny Marian model (built there when empty)")
    ap.add_argument("--only", action="append", default=[], help="run only the cases whose name contains TEXT (repeatable)")
    a = ap.parse_args(argv)
    if a.tiny_marian is not None and not (a.tiny_marian / "config.json").is_file():
        sys.path.insert(0, str(ROOT / "tests"))
        from tinymodels import build_tiny_marian

        build_tiny_marian(a.tiny_marian)
    a.outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cli-snapshot-") as tmp, fake_translator():
        tiny = a.tiny_marian.resolve() if a.tiny_marian else None
        for case in cases(tiny):
            if a.only and not any(o in case.name for o in a.only):
                continue
            # A fresh home per case: no case sees another's cache or models.
            home = Path(tmp) / "home"
            shutil.rmtree(home, ignore_errors=True)
            text, _code = run_case(case, Path(tmp) / "work", home, tiny)
            (a.outdir / f"{case.name}.txt").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
