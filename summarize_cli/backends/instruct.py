"""Summaries by a small chat-template instruction model, driven by the prompts/ templates."""

from __future__ import annotations

import re
import string
import warnings
from functools import cache
from importlib import resources
from pathlib import Path

from summarize_cli.backends._runtime import check_cuda, input_limit, pack, quiet_transformers, read_json, require_safetensors, set_torch_threads
from summarize_cli.errors import ModelError, PromptError
from summarize_cli.hub import resolve_model
from summarize_cli.schema import Article, Summary

DEFAULT_MODEL = "Qwen/Qwen2.5-0.5B-Instruct"
PLACEHOLDERS = frozenset({"article", "text", "title", "n", "language", "target_language"})
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")
_HEADING = re.compile(r"^\s*(?:\*\*)?(?:summary|résumé|resume|translation|traduction)\s*(?:\*\*)?\s*:?\s*(?:\*\*)?\s*$", re.I)


# Templates with a variant for summaries written in another language than the article's.
TRANSLATING_VARIANTS = {"summarise": "summarise-en"}


def templates_used(prompt: str) -> tuple[str, ...]:
    """Every template a summary with ``prompt`` may read: the template and its translating variant."""
    variant = TRANSLATING_VARIANTS.get(prompt)
    return (prompt, variant) if variant else (prompt,)


def template_path(prompt: str) -> Path | None:
    """The file of template ``prompt``: a path, else a name in the installed or the repository prompts/ folder."""
    path = Path(prompt).expanduser()
    if path.suffix == ".txt" or "/" in prompt or path.is_file():
        return path if path.is_file() else None
    try:
        packaged = resources.files("summarize_cli") / "prompts" / f"{prompt}.txt"
        if packaged.is_file():
            return Path(str(packaged))
    except (ModuleNotFoundError, OSError):
        pass
    local = Path(__file__).resolve().parents[2] / "prompts" / f"{prompt}.txt"
    return local if local.is_file() else None


def template_names() -> list[str]:
    """Names of the templates shipped with summarize-cli."""
    names: set[str] = set()
    for folder in (resources.files("summarize_cli") / "prompts", Path(__file__).resolve().parents[2] / "prompts"):
        try:
            names.update(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))
        except (OSError, FileNotFoundError):
            continue
    return sorted(names)


@cache
def load_template(prompt: str) -> tuple[str, str]:
    """``(system, user)`` text of template ``prompt`` (name or path), comment header removed."""
    path = template_path(prompt)
    if path is None:
        known = ", ".join(template_names()) or "none found"
        raise PromptError(f"prompt template {prompt!r} not found", f"give a file path or one of: {known}")
    lines = path.read_text(encoding="utf-8").splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    system, user = ("", "\n".join(lines))
    if "---" in (ln.strip() for ln in lines):
        cut = [ln.strip() for ln in lines].index("---")
        system, user = "\n".join(lines[:cut]), "\n".join(lines[cut + 1:])
    for field in _fields(system + "\n" + user):
        if field not in PLACEHOLDERS:
            raise PromptError(f"prompt template {prompt!r} uses unknown placeholder {{{field}}}", "use: " + ", ".join(sorted(PLACEHOLDERS)))
    return system.strip(), user.strip()


def _fields(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise PromptError(f"prompt template is malformed ({exc})", "write {{ and }} for literal braces") from None


def render(prompt: str, **values: object) -> list[dict[str, str]]:
    """Chat messages of template ``prompt`` filled with ``values``."""
    system, user = load_template(prompt)
    filled = {k: "" for k in PLACEHOLDERS} | {k: "" if v is None else str(v) for k, v in values.items()}
    messages = [{"role": "system", "content": system.format_map(filled)}] if system else []
    return messages + [{"role": "user", "content": user.format_map(filled)}]


def language_name(code: str | None) -> str:
    """English name of a language code (the code itself when unknown)."""
    if not code:
        return "the original language"
    from summarize_cli.languages import language_name as cldr_name

    return cldr_name(code.split("-")[0].lower())


class CausalLM:
    """A chat-template causal LM run by transformers, greedy decoding."""

    def __init__(self, model: str, *, device: str = "auto") -> None:
        self.model = model
        path = resolve_model(model)
        require_safetensors(path, model)
        config = read_json(path / "config.json")
        if config.get("is_encoder_decoder"):
            raise ModelError(f"model {model} is an encoder-decoder, not an instruction model", "use --summarizer seq2seq for it")
        quiet_transformers()
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        if device not in ("auto", "cpu", "cuda"):
            raise ModelError(f"unknown device {device!r}", "choose one of: auto, cpu, cuda")
        device = ("cuda" if torch.cuda.is_available() else "cpu") if device == "auto" else device
        check_cuda(device)
        set_torch_threads()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.tokenizer = AutoTokenizer.from_pretrained(str(path), trust_remote_code=False)
                lm = AutoModelForCausalLM.from_pretrained(
                    str(path), use_safetensors=True, trust_remote_code=False, dtype=torch.float32 if device == "cpu" else "auto"
                )
        except Exception as exc:  # noqa: BLE001 - any loading failure is a model problem
            raise ModelError(f"cannot load model {model} ({exc.__class__.__name__}: {exc})", "check the model folder") from None
        if not getattr(self.tokenizer, "chat_template", None):
            raise ModelError(f"model {model} has no chat template", "use an instruction-tuned (chat) model")
        self._torch = torch
        self._device = device
        self._lm = lm.to(device).eval()
        self.max_input = input_limit(path, default=2048)

    def count(self, text: str) -> int:
        """Tokens of ``text``."""
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def chat(self, messages: list[dict[str, str]], max_new_tokens: int) -> str:
        """The model's answer to ``messages``."""
        try:
            prompt = self.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        except Exception:  # noqa: BLE001 - templates without a system role: fold it into the user turn
            merged = "\n\n".join(m["content"] for m in messages)
            prompt = self.tokenizer.apply_chat_template([{"role": "user", "content": merged}], tokenize=False, add_generation_prompt=True)
        enc = self.tokenizer(prompt, return_tensors="pt", add_special_tokens=False).to(self._device)
        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else self.tokenizer.eos_token_id
        with self._torch.inference_mode():
            out = self._lm.generate(
                **enc, max_new_tokens=max_new_tokens, do_sample=False, temperature=None, top_p=None, top_k=None, pad_token_id=pad
            )
        return self.tokenizer.decode(out[0, enc["input_ids"].shape[1]:], skip_special_tokens=True).strip()


@cache
def _causal_lm(model: str, device: str) -> CausalLM:
    # One load per process, shared by the summariser and the translator.
    return CausalLM(model, device=device)


def _clean_lines(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        if not line.strip() or _HEADING.match(line):
            continue
        lines.append(_BULLET.sub("", line).strip().strip("*").strip())
    return [ln for ln in lines if ln]


class InstructSummarizer:
    """Summariser prompting an instruction model; can summarise straight into ``target_lang``."""

    name = "instruct"

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        prompt: str = "summarise",
        device: str = "auto",
        target_lang: str | None = None,
        max_new_tokens: int | None = None,
    ) -> None:
        self.model = model
        self.prompt = prompt
        self.target_lang = target_lang
        self._max_new = max_new_tokens
        load_template(prompt)  # fail early on a bad template, before loading the model
        self._lm = _causal_lm(model, device)

    def summarize(self, article: Article, n: int) -> Summary:
        """Summarise ``article`` in at most ``n`` sentences, in ``target_lang`` when given."""
        from summarize_cli.sentences import split_sentences

        n = max(1, n)
        lang = article.language or "und"
        out_lang = self.target_lang or lang
        prompt = TRANSLATING_VARIANTS.get(self.prompt, self.prompt) if out_lang != lang else self.prompt
        system, user = load_template(prompt)
        if "{target_language}" not in system + user:
            out_lang = lang
        values = {
            "title": article.title or "",
            "n": n,
            "language": language_name(article.language),
            "target_language": language_name(out_lang),
        }
        max_new = self._max_new or 48 * n + 32
        text = self._map_reduce(article.text, prompt, values, max_new, lang)
        sentences = [s[a:b] for s in _clean_lines(text) for a, b in split_sentences(s, out_lang)]
        return Summary(sentences=tuple(sentences[:n]), language=out_lang, method="instruct", model=self.model)

    def _map_reduce(self, text: str, prompt: str, values: dict[str, object], max_new: int, lang: str) -> str:
        from summarize_cli.sentences import split_sentences

        lm = self._lm
        overhead = sum(lm.count(m["content"]) for m in render(prompt, **values)) + 32
        budget = lm.max_input - max_new - overhead
        if budget < 64:
            raise ModelError(f"model {self.model} has too small a context ({lm.max_input} tokens) for this prompt", "use a larger model")
        if lm.count(text) <= budget:
            return lm.chat(render(prompt, article=text, text=text, **values), max_new)
        # Too long for the context: summarise parts, then summarise the joined partial summaries.
        parts = [text[a:b] for a, b in split_sentences(text, lang)] or [text]
        for _ in range(3):
            chunks = pack(parts, lm.count, budget)
            partial = [lm.chat(render(prompt, article=c, text=c, **values), max_new) for c in chunks]
            joined = "\n".join(partial)
            if len(chunks) == 1 or lm.count(joined) <= budget:
                return lm.chat(render(prompt, article=joined, text=joined, **values), max_new) if len(chunks) > 1 else partial[0]
            parts = partial
        return joined
