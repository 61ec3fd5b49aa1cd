"""Tiny random-weight models built on the fly, so model tests run without downloads.

Each builder trains a small tokenizer on ``samples/*.txt``, saves a randomly initialised
model with ``save_pretrained`` (safetensors only) and returns the folder. The weights are
random, so outputs are gibberish: tests check shapes, plumbing and determinism, not quality.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


def sample_lines() -> list[str]:
    """Non-empty lines of the sample articles (the tokenizers' training text)."""
    lines: list[str] = []
    for path in sorted(SAMPLES.glob("*.txt")):
        lines += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    # A few English lines so the target side of a fr->en model has English pieces too.
    lines += [
        "Sam Altman says OpenAI has annual revenue of 20 billion dollars and about 1.4 trillion dollars of commitments.",
        "The company expects to exceed this figure by the end of the year, according to its chief executive.",
        "Revenue rose 12.5% to $3,400 million in 2025, up from 1,000 customers in 2023.",
    ]
    return lines


def _train_spm(vocab_size: int = 400) -> bytes:
    import sentencepiece as spm

    out = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sample_lines()),
        model_writer=out,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        model_type="unigram",
        character_coverage=1.0,
        unk_id=0,
        bos_id=-1,
        eos_id=1,
        pad_id=-1,
        minloglevel=2,
    )
    return out.getvalue()


def _quiet() -> None:
    import warnings

    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    warnings.filterwarnings("ignore", message=".*sacremoses.*")
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()


def build_tiny_marian(path: str | Path, *, max_positions: int = 128, copier: bool = False) -> Path:
    """A random MarianMT model with source.spm/target.spm/vocab.json like Helsinki-NLP/opus-mt-*.

    With ``copier``, a wider model (d_model 128) shaped by :func:`make_copier`: it gives back its source and stops.
    """
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    _quiet()
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    blob = _train_spm()
    (path / "source.spm").write_bytes(blob)
    (path / "target.spm").write_bytes(blob)
    sp = spm.SentencePieceProcessor(model_proto=blob)
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    # Marian's layout: </s>=0, <unk>=1, pieces..., <pad> last (also the decoder start).
    vocab = {"</s>": 0, "<unk>": 1}
    for piece in pieces:
        if piece not in vocab:
            vocab[piece] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (path / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=128 if copier else 32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=4 if copier else 2,
        decoder_attention_heads=4 if copier else 2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=max_positions,
        pad_token_id=pad,
        eos_token_id=0,
        decoder_start_token_id=pad,
        forced_eos_token_id=0,
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        activation_function="swish",
    )
    torch.manual_seed(0)
    model = MarianMTModel(config).eval()
    if copier:
        make_copier(model)
    model.generation_config.max_length = max_positions
    model.generation_config.bad_words_ids = [[pad]]
    model.save_pretrained(path)
    tok = MarianTokenizer(
        str(path / "source.spm"),
        str(path / "target.spm"),
        str(path / "vocab.json"),
        source_lang="fr",
        target_lang="en",
        model_max_length=max_positions,
    )
    tok.save_pretrained(path)
    return path


def _train_bpe(specials: list[str], vocab_size: int = 600):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers

    tok = Tokenizer(models.BPE(unk_token=None))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=specials,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(sample_lines(), trainer=trainer)
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    return tok


def build_tiny_bart(path: str | Path, *, max_positions: int = 64) -> Path:
    """A random BART summariser with a byte-level BPE tokenizer.json (like facebook/bart, distilbart)."""
    import torch
    from tokenizers import processors
    from transformers import BartConfig, BartForConditionalGeneration, PreTrainedTokenizerFast

    _quiet()
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    tok = _train_bpe(specials)
    bos, pad, eos = tok.token_to_id("<s>"), tok.token_to_id("<pad>"), tok.token_to_id("</s>")
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", bos), ("</s>", eos)]
    )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token="<s>",
        eos_token="</s>",
        pad_token="<pad>",
        unk_token="<unk>",
        mask_token="<mask>",
        model_max_length=max_positions,
    )
    config = BartConfig(
        vocab_size=tok.get_vocab_size(),
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=max_positions,
        bos_token_id=bos,
        pad_token_id=pad,
        eos_token_id=eos,
        decoder_start_token_id=eos,
        forced_bos_token_id=bos,
        forced_eos_token_id=eos,
    )
    torch.manual_seed(0)
    model = BartForConditionalGeneration(config).eval()
    model.generation_config.max_length = 24
    model.generation_config.min_length = 4
    model.save_pretrained(path)
    fast.save_pretrained(path)
    return path


def build_tiny_causal_lm(path: str | Path, *, max_positions: int = 512) -> Path:
    """A random Llama-style instruct model with a ChatML chat template (like Qwen2.5/SmolLM2 instruct)."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    _quiet()
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    tok = _train_bpe(specials)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=None,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        model_max_length=max_positions,
    )
    fast.chat_template = CHATML_TEMPLATE
    config = LlamaConfig(
        vocab_size=tok.get_vocab_size(),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=max_positions,
        bos_token_id=None,
        eos_token_id=tok.token_to_id("<|im_end|>"),
        pad_token_id=tok.token_to_id("<|endoftext|>"),
        tie_word_embeddings=True,
    )
    torch.manual_seed(0)
    model = LlamaForCausalLM(config).eval()
    model.generation_config.max_new_tokens = 24
    model.save_pretrained(path)
    fast.save_pretrained(path)
    return path


def install_in_hf_cache(folder: str | Path, repo_id: str, cache_dir: str | Path) -> Path:
    """Lay ``folder`` out as ``repo_id`` in a Hugging Face hub cache (blobs, snapshot symlinks, refs/main)."""
    folder, cache_dir = Path(folder), Path(cache_dir)
    repo = cache_dir / ("models--" + repo_id.replace("/", "--"))
    commit = hashlib.sha1(repo_id.encode()).hexdigest()
    snap = repo / "snapshots" / commit
    (repo / "blobs").mkdir(parents=True, exist_ok=True)
    snap.mkdir(parents=True, exist_ok=True)
    (repo / "refs").mkdir(exist_ok=True)
    (repo / "refs" / "main").write_text(commit)
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        blob = repo / "blobs" / digest
        if not blob.exists():
            shutil.copyfile(file, blob)
        link = snap / file.relative_to(folder)
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.exists() or link.is_symlink():
            link.unlink()
        link.symlink_to(os.path.relpath(blob, link.parent))
    return snap


def _copy_frequencies(dim: int, positions: int, count: int) -> list[int]:
    """Sinusoid indices whose summed cosines peak sharply at distance 0 (and nowhere else) up to ``positions``."""
    import numpy as np

    rates = 10000 ** (-2 * np.arange(dim // 2 - 1) / dim)  # the last one is kept as a near-zero reference
    cos = np.cos(np.outer(np.arange(1, positions), rates))
    chosen: list[int] = []
    for _ in range(count):
        # Greedy: each added frequency keeps the smallest gap between distance 0 and any other distance largest.
        gaps = [(len(chosen) + 1 - cos[:, chosen + [k]].sum(1)).min() if k not in chosen else -1.0 for k in range(len(rates))]
        chosen.append(int(np.argmax(gaps)))
    return sorted(chosen)


def make_copier(model, *, seed: int = 0, width: float = 24.0, copy_gain: float = 4.0, sharpness: float = 12.0, noise: float = 1e-4):
    """Shape a MarianMT's weights so that greedy decoding copies its source tokens, then stops at the source's ``</s>``.

    Random weights decode to the length cap, often in loops: unlike a real translation model. Here every sublayer is
    near zero (same shapes, so the same compute) except the last decoder layer's cross-attention, whose queries and keys
    read sinusoidal positions only (target position t attends to source position t) and whose values carry the source
    token's code. Token embeddings are random codes orthogonal to the positions' chosen dimensions, so the tied output
    layer picks the attended token. The output is as long as the source and repeats only what the source repeats.
    """
    import torch

    cfg = model.config
    dim, heads = cfg.d_model, cfg.decoder_attention_heads
    head = dim // heads
    gen = torch.Generator().manual_seed(seed)
    sin0, cos0 = 0, dim // 2  # Marian's sinusoids: sin in the first half of the vector, cos in the second
    freqs = _copy_frequencies(dim, cfg.max_position_embeddings, head // 2)
    ref = sin0 + dim // 2 - 1  # sin of the slowest rate: ~0 at every position, so it measures LayerNorm's shift
    position_dims = {sin0 + k for k in freqs} | {cos0 + k for k in freqs} | {ref}
    token_dims = [i for i in range(dim) if i not in position_dims][: dim - head]
    with torch.no_grad():
        for name, param in model.named_parameters():
            if "embed_positions" in name:
                continue
            if "layer_norm" in name or "layernorm" in name:
                param.fill_(1.0 if name.endswith("weight") else 0.0)
            elif name.endswith("bias"):
                param.zero_()
            else:
                param.copy_(torch.randn(param.shape, generator=gen) * noise)
        vocab = model.model.shared.weight
        codes = torch.zeros_like(vocab)
        raw = torch.randn(vocab.shape[0], len(token_dims), generator=gen)
        raw -= raw.mean(1, keepdim=True)  # zero mean: LayerNorm's centring leaves the code alone
        codes[:, token_dims] = raw / raw.norm(dim=1, keepdim=True) * width
        codes[cfg.pad_token_id] = 0.0  # the decoder starts from a zero embedding (CTranslate2) or <pad> (transformers)
        vocab.copy_(codes / (dim**0.5 if cfg.scale_embedding else 1.0))
        if hasattr(model, "final_logits_bias"):
            model.final_logits_bias.zero_()
        cross = model.model.decoder.layers[-1].encoder_attn
        for proj in (cross.q_proj, cross.k_proj):
            w = proj.weight
            w.zero_()
            for h in range(heads):
                for i, k in enumerate(freqs):
                    # (component - reference): LayerNorm subtracts the vector's mean from every component alike.
                    for row, col in ((h * head + 2 * i, sin0 + k), (h * head + 2 * i + 1, cos0 + k)):
                        w[row, col] = sharpness
                        w[row, ref] = -sharpness
        cross.v_proj.weight.copy_(torch.randn(cross.v_proj.weight.shape, generator=gen) * noise)
        cross.out_proj.weight.copy_(torch.randn(cross.out_proj.weight.shape, generator=gen) * noise)
        for slot, d in enumerate(token_dims):
            cross.v_proj.weight[head + slot] = 0.0
            cross.v_proj.weight[head + slot, d] = copy_gain
            cross.out_proj.weight[:, head + slot] = 0.0
            cross.out_proj.weight[d, head + slot] = 1.0
    return model
