"""CTranslate2 runtime: one-time conversion of transformers seq2seq models, then int8 decoding without torch.

Converted models are cached per source folder in ``hub.ct2_cache_dir()`` (by default
``~/.cache/summarize-cli/ct2/<name>-<hash>``, next to ``~/.cache/huggingface``; it follows
``$HF_HOME``; ``$SUMMARIZE_CT2_CACHE`` overrides it). The hash covers the source folder, its
weights' sizes and times, the quantization and the CTranslate2 major version, so a changed
model is converted again. Conversion needs torch and transformers (once); decoding imports
only ``ctranslate2`` and ``sentencepiece``/``tokenizers``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from summarize_cli.backends._runtime import ct2_available, read_json, threads
from summarize_cli.errors import ModelError
from summarize_cli.hub import ct2_cache_dir

# transformers model types whose CTranslate2 loaders are encoder-decoders we can drive.
SEQ2SEQ_TYPES = frozenset({"marian", "bart", "mbart", "t5", "mt5", "m2m_100", "nllb-moe", "pegasus"})
MARKER = "summarize-cli.json"
_BATCH = 32


def available() -> bool:
    """True when ``ctranslate2`` is installed."""
    return ct2_available()


def can_convert(path: Path) -> bool:
    """True when the transformers model at ``path`` is a seq2seq type CTranslate2 can convert."""
    return read_json(path / "config.json").get("model_type") in SEQ2SEQ_TYPES


def converted_dir(path: Path, name: str, quantization: str = "int8") -> Path:
    """The cache folder the conversion of ``path`` goes to (it may not exist yet)."""
    import ctranslate2

    digest = hashlib.sha256()
    digest.update(f"{path.resolve()}|{quantization}|{ctranslate2.__version__.split('.')[0]}".encode())
    for file in sorted([path / "config.json", *path.glob("*.safetensors")]):
        if file.exists():
            st = file.stat()
            digest.update(f"|{file.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    label = re.sub(r"[^A-Za-z0-9._-]+", "--", name).strip("-.")[-60:] or "model"
    return ct2_cache_dir() / f"{label}-{digest.hexdigest()[:12]}"


def is_converted(path: Path, name: str, quantization: str = "int8") -> bool:
    """True when a finished conversion of ``path`` is in the cache."""
    if not available():
        return False
    out = converted_dir(path, name, quantization)
    return (out / "model.bin").exists() and (out / MARKER).exists()


def convert(path: Path, name: str, quantization: str = "int8") -> Path:
    """Convert the model at ``path`` once (cached) and return the CTranslate2 folder."""
    out = converted_dir(path, name, quantization)
    if (out / "model.bin").exists() and (out / MARKER).exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f"{out.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        _run_converter(path, tmp, quantization)
        (tmp / MARKER).write_text(
            json.dumps({"model": name, "source": str(path), "quantization": quantization}), encoding="utf-8"
        )
        try:
            os.replace(tmp, out)
        except OSError:  # another process finished first: keep its copy
            if not (out / "model.bin").exists():
                raise
    except ModelError:
        raise
    except Exception as exc:  # noqa: BLE001 - any converter failure is a model problem
        raise ModelError(
            f"cannot convert model {name} for CTranslate2 ({exc.__class__.__name__}: {exc})",
            "use --backend transformers",
        ) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _run_converter(path: Path, out: Path, quantization: str) -> None:
    from ctranslate2.converters import TransformersConverter

    from summarize_cli.backends._runtime import quiet_transformers

    quiet_transformers()

    class _Converter(TransformersConverter):
        def load_model(self, model_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            kwargs["use_safetensors"] = True
            model = super().load_model(model_class, model_name_or_path, **kwargs)
            # transformers 5 dropped BART's normalize_before; BART is post-norm.
            if not hasattr(model.config, "normalize_before"):
                model.config.normalize_before = False
            return model

    with contextlib.redirect_stdout(io.StringIO()):
        _Converter(str(path), trust_remote_code=False).convert(str(out), quantization=quantization)


class SpmTokenizer:
    """Marian tokenisation from source.spm/target.spm + vocab.json, as MarianTokenizer does it."""

    def __init__(self, path: Path) -> None:
        import sentencepiece as spm

        self._source = spm.SentencePieceProcessor(model_file=str(path / "source.spm"))
        self.vocab = frozenset(read_json(path / "vocab.json"))
        self._specials = {"</s>", "<unk>", "<pad>"}

    def encode(self, text: str) -> list[str]:
        """Source tokens, ``</s>`` included."""
        pieces = self._source.encode(text, out_type=str)
        return [p if p in self.vocab else "<unk>" for p in pieces] + ["</s>"]

    def decode(self, tokens: Sequence[str]) -> str:
        """Text of target tokens, special tokens dropped."""
        kept = [t for t in tokens if t not in self._specials and not (t.startswith(">>") and t.endswith("<<"))]
        return "".join(kept).replace("\u2581", " ").strip()


class JsonTokenizer:
    """Tokenisation from a ``tokenizer.json`` (BART, T5...) with the light ``tokenizers`` library."""

    def __init__(self, path: Path) -> None:
        from tokenizers import Tokenizer

        self._tok = Tokenizer.from_file(str(path / "tokenizer.json"))
        config = read_json(path / "tokenizer_config.json")
        self._tok.no_truncation()
        self._tok.no_padding()
        self.bos = config.get("bos_token") if isinstance(config.get("bos_token"), str) else None

    def encode(self, text: str) -> list[str]:
        """Source tokens, specials added by the tokenizer's post-processor."""
        return self._tok.encode(text).tokens

    def decode(self, tokens: Sequence[str]) -> str:
        """Text of target tokens, special tokens dropped."""
        ids = [i for i in (self._tok.token_to_id(t) for t in tokens) if i is not None]
        return self._tok.decode(ids, skip_special_tokens=True).strip()


def tokenizer_for(path: Path) -> SpmTokenizer | JsonTokenizer:
    """The torch-free tokenizer of the transformers model at ``path``."""
    if (path / "source.spm").exists() and (path / "vocab.json").exists():
        return SpmTokenizer(path)
    if (path / "tokenizer.json").exists():
        return JsonTokenizer(path)
    raise ModelError(f"model at {path} has no tokenizer CTranslate2 can use (no source.spm or tokenizer.json)", "use --backend transformers")


class Ct2Seq2Seq:
    """A converted encoder-decoder run by CTranslate2: text in, text out."""

    engine = "ctranslate2"

    def __init__(self, path: Path, name: str, *, device: str = "cpu", compute_type: str | None = None, max_input: int = 512) -> None:
        import ctranslate2

        self.max_input = max_input
        self.tokenizer = tokenizer_for(path)
        folder = convert(path, name)
        compute = compute_type or ("int8" if device == "cpu" else "int8_float16")
        gen = read_json(path / "generation_config.json")
        # BART-style models must emit <s> first: transformers forces it, CTranslate2 takes it as a prefix.
        forced = gen.get("forced_bos_token_id", read_json(path / "config.json").get("forced_bos_token_id"))
        self._prefix = [self.tokenizer.bos] if forced is not None and getattr(self.tokenizer, "bos", None) else None
        # Tokens of the texts ``count`` has seen, for the ``generate`` call that follows (one tokenisation per text).
        self._tokens: dict[str, list[str]] = {}
        try:
            # One thread per batch, batches in parallel: decoding a few sentences is a chain of small
            # matrix products where thread synchronisation costs more than it saves (2.2x faster on 2 cores).
            self._workers = threads() if device == "cpu" else 1
            self._model = ctranslate2.Translator(
                str(folder), device=device, compute_type=compute, intra_threads=1 if device == "cpu" else threads(),
                inter_threads=self._workers,
            )
        except Exception as exc:  # noqa: BLE001
            raise ModelError(f"CTranslate2 cannot load model {name} ({exc})", "use --backend transformers") from None

    def count(self, text: str) -> int:
        """Input tokens of ``text``, specials included."""
        tokens = self._tokens.get(text)
        if tokens is None:
            tokens = self._tokens[text] = self.tokenizer.encode(text)
        return len(tokens)

    def generate(
        self, texts: Sequence[str], *, beams: int = 1, max_new: Callable[[int], int], min_new: Callable[[int], int] | int = 0, **options: Any
    ) -> list[str]:
        """Decode every text (batched by length); ``max_new``/``min_new`` map an input length to output bounds."""
        # Texts counted since the last call are not tokenised again; the rest of them is forgotten (bounded memory).
        seen, self._tokens = self._tokens, {}
        tokens = [seen.get(t) or self.tokenizer.encode(t) for t in texts]
        pending = []
        for idx in _batches([len(t) for t in tokens], self._workers):
            longest = max(len(tokens[i]) for i in idx)
            low = min_new(longest) if callable(min_new) else min_new
            high = max(max_new(longest), low, 1)
            prefix = [list(self._prefix)] * len(idx) if self._prefix else None
            jobs = self._model.translate_batch(
                [tokens[i] for i in idx],
                target_prefix=prefix,
                beam_size=max(1, beams),
                max_decoding_length=high + (1 if prefix else 0),
                min_decoding_length=low + (1 if prefix else 0),
                max_input_length=0,  # we cut long inputs ourselves; never let the runtime truncate
                max_batch_size=len(idx),
                asynchronous=True,
                **options,
            )
            pending.append((idx, jobs))
        out: list[str] = [""] * len(tokens)
        for idx, jobs in pending:
            for i, job in zip(idx, jobs):
                out[i] = self.tokenizer.decode(job.result().hypotheses[0])
        return out


def _batches(lengths: Sequence[int], workers: int) -> list[list[int]]:
    """Indexes of the texts in each batch: one balanced batch per worker, or batches of similar lengths when there are many."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    if len(order) > _BATCH * workers:
        # Many texts: batches of similar lengths, so short ones do not wait for long ones; the longest go first
        # and each worker takes the next batch when it is done.
        return [order[b:b + _BATCH] for b in range(0, len(order), _BATCH)]
    # A decoding step reads every weight once (memory-bound: about 50 MB for OPUS-MT), so one batch of a few
    # texts costs little more than one text (finished ones leave it): each worker gets one batch, and the
    # longest first to the least loaded keeps the workers' token counts even (a summary with its title and
    # labels: 0.44 s, vs 0.45 s in two batches of sorted lengths, 0.51 s in one batch on one worker).
    bins: list[list[int]] = [[] for _ in range(min(workers, len(order)))]
    load = [0] * len(bins)
    for i in order:
        w = load.index(min(load))
        bins[w].append(i)
        load[w] += lengths[i]
    return bins
