"""Abstractive summaries with an encoder-decoder (BART, DistilBART, mT5...), long articles map-reduced."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from summarize_cli.backends._runtime import (
    check_cuda,
    input_limit,
    pack,
    pick_runtime,
    quiet_transformers,
    read_json,
    require_safetensors,
    set_torch_threads,
)
from summarize_cli.errors import ModelError
from summarize_cli.hub import resolve_model
from summarize_cli.schema import Article, Summary

DEFAULT_MODEL = "sshleifer/distilbart-cnn-12-6"
_BATCH = 16
_MAX_ROUNDS = 3


class HFSeq2Seq:
    """An encoder-decoder run by transformers (fp32): text in, text out."""

    engine = "transformers"

    def __init__(self, path: Path, name: str, *, device: str = "cpu", max_input: int = 512) -> None:
        quiet_transformers()
        check_cuda(device)
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        set_torch_threads()
        self.max_input = max_input
        self._torch = torch
        self._device = device
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.tokenizer = AutoTokenizer.from_pretrained(str(path), trust_remote_code=False)
                model = AutoModelForSeq2SeqLM.from_pretrained(
                    str(path), use_safetensors=True, trust_remote_code=False, dtype=torch.float32
                )
        except Exception as exc:  # noqa: BLE001 - any loading failure is a model problem
            raise ModelError(f"cannot load model {name} ({exc.__class__.__name__}: {exc})", "check the model folder") from None
        self._model = model.to(device).eval()

    def count(self, text: str) -> int:
        """Input tokens of ``text``, specials included."""
        return len(self.tokenizer(text, truncation=False)["input_ids"])

    def generate(
        self, texts: Sequence[str], *, beams: int = 1, max_new: Callable[[int], int], min_new: Callable[[int], int] | int = 0, **options: Any
    ) -> list[str]:
        """Decode every text (batched by length); ``max_new``/``min_new`` map an input length to output bounds."""
        lengths = [self.count(t) for t in texts]
        order = sorted(range(len(texts)), key=lambda i: lengths[i])
        out: list[str] = [""] * len(texts)
        for b in range(0, len(order), _BATCH):
            idx = order[b:b + _BATCH]
            longest = max(lengths[i] for i in idx)
            low = min_new(longest) if callable(min_new) else min_new
            high = max(max_new(longest), low, 1)
            # +1: transformers counts the end token in max_new_tokens, CTranslate2 does not.
            enc = self.tokenizer([texts[i] for i in idx], padding=True, truncation=False, return_tensors="pt").to(self._device)
            with self._torch.inference_mode():
                ids = self._model.generate(
                    **enc, num_beams=max(1, beams), do_sample=False, max_new_tokens=high + 1, min_new_tokens=low, **options
                )
            for i, text in zip(idx, self.tokenizer.batch_decode(ids, skip_special_tokens=True)):
                out[i] = text.strip()
        return out


def open_seq2seq(path: Path, name: str, backend: str, device: str) -> HFSeq2Seq | Any:
    """The engine for an encoder-decoder: CTranslate2 (converted once) on CPU, else transformers."""
    from summarize_cli.backends import ct2

    require_safetensors(path, name)
    config = read_json(path / "config.json")
    if not config.get("is_encoder_decoder", False) and config.get("model_type") not in ct2.SEQ2SEQ_TYPES:
        raise ModelError(f"model {name} is not an encoder-decoder (model_type {config.get('model_type')!r})", "give a seq2seq model")
    engine, device = pick_runtime(backend, device, ct2_ok=ct2.can_convert(path))
    limit = input_limit(path)
    if engine == "ctranslate2":
        try:
            return ct2.Ct2Seq2Seq(path, name, device=device, max_input=limit)
        except ModelError:
            if backend != "auto":
                raise
            # auto: a model CTranslate2 cannot take still runs with transformers.
    return HFSeq2Seq(path, name, device=device if engine == "transformers" else "cpu", max_input=limit)


class Seq2SeqSummarizer:
    """Abstractive summariser: chunks within the model's input limit, summarised, then merged."""

    name = "seq2seq"

    def __init__(self, model: str = DEFAULT_MODEL, *, backend: str = "auto", device: str = "auto", beams: int | None = None) -> None:
        self.model = model
        path = resolve_model(model)
        self._engine = open_seq2seq(path, model, backend, device)
        gen = read_json(path / "generation_config.json")
        config = read_json(path / "config.json")
        task = (config.get("task_specific_params") or {}).get("summarization") or {}
        self._beams = beams or gen.get("num_beams") or task.get("num_beams") or 1
        self._max_len = int(gen.get("max_length") or task.get("max_length") or 142)
        self._min_len = int(gen.get("min_length") or task.get("min_length") or 0)
        self._options = {k: gen[k] for k in ("no_repeat_ngram_size", "length_penalty") if gen.get(k)}
        # T5-style models want a task prefix ("summarize: ").
        self._prefix = task.get("prefix") or config.get("prefix") or ""

    def summarize(self, article: Article, n: int) -> Summary:
        """Summarise ``article`` in at most ``n`` sentences (abstractive)."""
        from summarize_cli.sentences import split_sentences

        lang = article.language or "und"
        text = self._reduce(article.text, lang)
        sentences = [text[a:b] for a, b in split_sentences(text, article.language)]
        return Summary(sentences=tuple(sentences[: max(1, n)]), language=lang, method="seq2seq", model=self.model)

    def _reduce(self, text: str, lang: str) -> str:
        from summarize_cli.sentences import split_sentences

        engine = self._engine
        # Leave room for the task prefix; inputs are never truncated, only cut at sentence ends.
        limit = max(8, engine.max_input - (engine.count(self._prefix) if self._prefix else 0))
        parts = [text[a:b] for a, b in split_sentences(text, lang)] or [text]
        chunks = pack(parts, engine.count, limit)
        for _ in range(_MAX_ROUNDS):
            outputs = engine.generate(
                [self._prefix + c for c in chunks],
                beams=self._beams,
                max_new=lambda _n: self._max_len,
                min_new=lambda n_in: min(self._min_len, max(0, n_in // 2)),
                **self._options,
            )
            if len(outputs) == 1:
                return outputs[0]
            merged = pack(outputs, engine.count, limit)
            if len(merged) >= len(chunks):  # summaries too long to merge further
                return " ".join(outputs)
            chunks = merged
        return " ".join(chunks)
