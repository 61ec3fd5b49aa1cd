"""MarianTranslator on a tiny random Marian model: CTranslate2 and transformers paths, long inputs, safety."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarize_cli.backends import _runtime
from summarize_cli.backends.marian import MarianTranslator
from summarize_cli.errors import ModelError, ModelNotFound

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = [
    "Le chiffre d’affaires annuel atteint 20 milliards de dollars.",
    "OpenAI envisage de devenir un fournisseur de cloud computing.",
]


def test_ct2_is_the_default_on_cpu(tiny_marian: Path) -> None:
    tr = MarianTranslator(str(tiny_marian), device="cpu")
    assert tr.engine == "ctranslate2"
    assert tr.model == str(tiny_marian)
    out = tr.translate([SENTENCES[0], "", SENTENCES[1]])
    assert len(out) == 3 and out[1] == ""
    assert out[0] and out[2]
    assert out == tr.translate([SENTENCES[0], "", SENTENCES[1]])  # greedy: deterministic


def test_ct2_tokenisation_matches_marian_tokenizer(tiny_marian: Path) -> None:
    from transformers import AutoTokenizer

    from summarize_cli.backends.ct2 import SpmTokenizer

    ours = SpmTokenizer(tiny_marian)
    theirs = AutoTokenizer.from_pretrained(str(tiny_marian))
    for text in SENTENCES + ["Émission de 1,4 trillion « AI cloud » ; fin."]:
        assert ours.encode(text) == theirs.convert_ids_to_tokens(theirs(text)["input_ids"])


def test_transformers_backend_and_beams(tiny_marian: Path) -> None:
    tr = MarianTranslator(str(tiny_marian), backend="transformers", beams=2)
    assert tr.engine == "transformers"
    out = tr.translate(SENTENCES)
    assert len(out) == 2 and all(isinstance(s, str) and s for s in out)


def test_engines_agree_on_forced_length(tiny_marian: Path) -> None:
    a = MarianTranslator(str(tiny_marian), backend="ctranslate2", max_length=6, min_length=6)
    b = MarianTranslator(str(tiny_marian), backend="transformers", max_length=6, min_length=6)
    ta, tb = a.translate(SENTENCES), b.translate(SENTENCES)
    # Same tokens: the length bounds mean the same on both engines, and int8 keeps the tiny model's argmax.
    assert ta == tb


def test_long_sentence_is_cut_not_truncated(tiny_marian: Path) -> None:
    tr = MarianTranslator(str(tiny_marian), device="cpu")
    long = ", ".join(["le chiffre d’affaires annuel de la société atteint 20 milliards de dollars"] * 12) + "."
    assert tr._engine.count(long) > tr._engine.max_input
    seen: list[list[str]] = []
    real = tr._engine.generate

    def spy(texts, **kw):  # noqa: ANN001, ANN003
        seen.append(list(texts))
        return real(texts, **kw)

    tr._engine.generate = spy  # type: ignore[method-assign]
    out = tr.translate([long, "Bonjour."])
    pieces = seen[0]
    assert len(out) == 2
    assert len(pieces) > 2  # the long sentence went in several pieces
    assert all(tr._engine.count(p) <= tr._engine.max_input for p in pieces)
    # Nothing dropped: the pieces hold every word of the source.
    assert " ".join(pieces[:-1]).split() == long.split()


def test_hot_path_does_not_import_torch(tiny_marian: Path) -> None:
    MarianTranslator(str(tiny_marian), device="cpu")  # converts once, in this process
    code = (
        "import sys; from summarize_cli.backends.marian import MarianTranslator;"
        f"t = MarianTranslator({str(tiny_marian)!r}, device='cpu'); t.translate(['Bonjour le monde.']);"
        "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))"
    )
    env = dict(os.environ, SUMMARIZE_THREADS="1")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert done.stderr.strip() == ""


def test_pickle_only_checkpoint_is_refused(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "marian", "is_encoder_decoder": True}))
    (tmp_path / "pytorch_model.bin").write_bytes(b"not really a pickle")
    with pytest.raises(ModelError, match="pickle"):
        MarianTranslator(str(tmp_path))


def test_missing_model_names_the_pull_command() -> None:
    with pytest.raises(ModelNotFound) as info:
        MarianTranslator("Helsinki-NLP/opus-mt-xx-yy")
    assert "summarize models pull Helsinki-NLP/opus-mt-xx-yy" in str(info.value)


def test_bad_backend_and_device(tiny_marian: Path) -> None:
    with pytest.raises(ModelError, match="backend"):
        MarianTranslator(str(tiny_marian), backend="onnx")
    with pytest.raises(ModelError, match="device"):
        MarianTranslator(str(tiny_marian), device="tpu")


def test_threads_follow_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_THREADS", "1")
    assert _runtime.threads() == 1
    monkeypatch.setenv("SUMMARIZE_THREADS", "nonsense")
    assert _runtime.threads() >= 1


def test_runtime_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_runtime, "_ct2_cuda", lambda: False)
    monkeypatch.setattr(_runtime, "_torch_cuda", lambda: False)
    assert _runtime.pick_runtime("auto", "auto") == ("ctranslate2", "cpu")
    assert _runtime.pick_runtime("auto", "auto", ct2_ok=False) == ("transformers", "cpu")
    assert _runtime.pick_runtime("transformers", "auto") == ("transformers", "cpu")
    assert _runtime.pick_runtime("auto", "cuda") == ("transformers", "cuda")
    monkeypatch.setattr(_runtime, "_ct2_cuda", lambda: True)
    assert _runtime.pick_runtime("auto", "auto") == ("transformers", "cuda")
    assert _runtime.pick_runtime("ctranslate2", "auto") == ("ctranslate2", "cuda")


def test_split_to_fit_prefers_punctuation() -> None:
    count = lambda s: len(s.split())  # noqa: E731
    text = "un deux trois quatre; cinq six sept huit, neuf dix onze douze"
    parts = _runtime.split_to_fit(text, count, 5)
    assert all(count(p) <= 5 for p in parts)
    assert parts[0] == "un deux trois quatre;"
    assert " ".join(parts).split() == text.split()
    chars = _runtime.split_to_fit("x" * 50, len, 10)
    assert "".join(chars) == "x" * 50 and all(len(p) <= 10 for p in chars)


@pytest.fixture(scope="module")
def tiny_copier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The speed benchmark's kind of model, small: random weights shaped to give back the source and stop."""
    from tinymodels import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-copier"), copier=True)


def test_the_copier_gives_back_its_source_and_passes_the_guard(tiny_copier: Path) -> None:
    # What makes benchmarks/translate_speed.py fair: outputs as long as their sources, no loops, so no retries.
    from tinymodels import sample_lines

    from summarize_cli.sentences import split_sentences
    from summarize_cli.translate import _broken

    sentences = [line[a:b] for line in sample_lines()[:12] for a, b in split_sentences(line, "fr")]
    for backend in ("ctranslate2", "transformers"):
        out = MarianTranslator(str(tiny_copier), backend=backend).translate(sentences)
        assert out == sentences, backend
        assert not any(_broken(s, o) for s, o in zip(sentences, out))


class _Calls:
    """Counts the calls to one method of an object, passing everything else through."""

    def __init__(self, inner: object, name: str) -> None:
        self._inner, self._name, self.calls = inner, name, []

    def __getattr__(self, attr: str):
        value = getattr(self._inner, attr)
        if attr != self._name:
            return value

        def spy(*args, **kwargs):
            self.calls.append(args)
            return value(*args, **kwargs)

        return spy


def test_ct2_tokenises_each_sentence_once(tiny_marian: Path) -> None:
    tr = MarianTranslator(str(tiny_marian), backend="ctranslate2")
    engine = tr._engine
    engine.tokenizer = spy = _Calls(engine.tokenizer, "encode")  # type: ignore[assignment]
    out = tr.translate(SENTENCES + ["Bonjour."])
    assert len(out) == 3
    # counted for the input limit, then decoded: one tokenisation each
    assert sorted(c[0] for c in spy.calls) == sorted(SENTENCES + ["Bonjour."])
    assert engine._tokens == {}  # nothing kept after the call


def test_ct2_gives_each_worker_one_balanced_batch(tiny_marian: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from summarize_cli.backends.ct2 import _batches

    # a summary, its title and labels on two workers: each gets one of the two longest, and the token counts even out
    lengths = [53, 6, 76, 56, 8, 75, 11]
    bins = _batches(lengths, 2)
    assert sorted(i for b in bins for i in b) == list(range(7)) and len(bins) == 2
    assert {lengths[b[0]] for b in bins} == {76, 75}
    sums = [sum(lengths[i] for i in b) for b in bins]
    assert abs(sums[0] - sums[1]) <= 11
    assert _batches(lengths, 1) == [[2, 5, 3, 0, 6, 4, 1]]  # one worker: one batch, longest first
    many = list(range(100))
    batches = _batches(many, 2)  # many texts: batches of similar lengths, the longest first
    assert [len(b) for b in batches] == [32, 32, 32, 4] and batches[0][0] == 99 and batches[-1][-1] == 0

    monkeypatch.setenv("SUMMARIZE_THREADS", "2")
    tr = MarianTranslator(str(tiny_marian), backend="ctranslate2")
    engine = tr._engine
    engine._model = spy = _Calls(engine._model, "translate_batch")  # type: ignore[assignment]
    out = tr.translate(SENTENCES * 4)
    assert [len(c[0]) for c in spy.calls] == [4, 4] and out == tr.translate(SENTENCES * 4)
