"""OPUS-MT (Marian) translation: CTranslate2 int8 on CPU by default, transformers fp32 for CUDA or on request."""

from __future__ import annotations

from collections.abc import Sequence

from summarize_cli.backends._runtime import split_to_fit
from summarize_cli.backends.seq2seq import open_seq2seq
from summarize_cli.hub import resolve_model


class MarianTranslator:
    """Translate sentences with a Marian model (HF id or local folder); long sentences are cut, never truncated."""

    name = "marian"

    def __init__(
        self,
        model: str,
        *,
        backend: str = "auto",
        device: str = "auto",
        beams: int = 1,
        max_length: int | None = None,
        min_length: int = 0,
    ) -> None:
        self.model = model
        self.beams = max(1, beams)
        self._max_length = max_length
        self._min_length = min_length
        path = resolve_model(model)
        self._engine = open_seq2seq(path, model, backend, device)
        # Input limit without the end-of-sentence token.
        self._limit = max(4, self._engine.max_input - 1)

    @property
    def engine(self) -> str:
        """The runtime in use: ``ctranslate2`` or ``transformers``."""
        return self._engine.engine

    def retry(self, sentences: Sequence[str]) -> list[str]:
        """Translate again with a beam and no repeated 3-grams: what stops OPUS-MT looping on odd input."""
        return self.translate(sentences, beams=max(4, self.beams), no_repeat_ngram_size=3)

    def translate(self, sentences: Sequence[str], *, beams: int | None = None, **options: object) -> list[str]:
        """Translate each sentence; same length and order as the input (``options`` go to the decoder)."""
        pieces: list[str] = []
        owners: list[int] = []
        for i, sentence in enumerate(sentences):
            if not sentence.strip():
                continue
            for piece in split_to_fit(sentence.strip(), self._engine.count, self._limit + 1):
                pieces.append(piece)
                owners.append(i)
        if not pieces:
            return [""] * len(sentences)
        outputs = self._engine.generate(pieces, beams=beams or self.beams, max_new=self._max_new, min_new=self._min_length, **options)
        joined: list[list[str]] = [[] for _ in sentences]
        for owner, text in zip(owners, outputs):
            joined[owner].append(text)
        return [" ".join(parts) for parts in joined]

    def _max_new(self, n_in: int) -> int:
        if self._max_length is not None:
            return self._max_length
        # A translation is rarely twice its source; the cap stops a degenerate loop early.
        return min(self._engine.max_input, 2 * n_in + 16)
