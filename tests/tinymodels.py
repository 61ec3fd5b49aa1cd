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


def build_tiny_marian(path: str | Path, *, max_positions: int = 128) -> Path:
    """A random MarianMT model with source.spm/target.spm/vocab.json like Helsinki-NLP/opus-mt-*."""
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
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
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
