"""Sentence splitting for news text, with each language's abbreviations from data/sentences/."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import cache
from importlib import resources

from summarize_cli.languages import data_languages

# The line breaks str.splitlines() knows: each one always ends a sentence.
_LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
# A run of sentence-final marks, then closing quotes/brackets; French puts a
# (narrow) space before » and the marks may be separated from the word by one.
_END = re.compile(
    r"(?:\.{2,}|[.!?…‽]+)(?:[.!?…‽]|[»”’)\]]|[ \u00a0\u202f]+»)*"
)
# A heading glued to the next paragraph by a lost line break: `choses"Pour`,
# or to a quotation opening it: `odieux""Toutes`.
_GLUED_QUOTE = re.compile(r"(?<=[^\W\d_])[\"”»](?=[^\W\d_]|[\"“«])")
_OPENERS = "«“‘\"'([{—–-•*¿¡ \u00a0\u202f\t"
_WORD_AFTER = re.compile(r"[^\W\d_][\w'’-]*")
_DOTTED = re.compile(r"^(?:[^\W\d_]{1,2}\.)+-?[^\W\d_]{1,2}$|^(?:[^\W\d_]\.-)[^\W\d_]$")
# Hyphenated initials (J.-M., J.-P.) stand before a surname, which may well
# start with Le, La or De: only those listed as "maybe" (J.-C.) end sentences.
_HYPHEN_INITIALS = re.compile(r"^[^\W\d_]\.-[^\W\d_]$")
# An elided article or pronoun glued to an abbreviation: l'art., d'env.
_ELISION = re.compile(r"^[^\W\d_]{1,3}['’](?=[^\W\d_])")
# Longer "sentences" (tables, lists or text run together) are cut at a space, so that
# the stages after us (figure labels, summaries) work on bounded pieces.
_MAX_SENTENCE = 1000
# How far the boundary tests look around a mark: keeps a 5 MB single line linear.
_LOOK = 256


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where each paragraph of an article's text is: the text is its paragraphs joined by newlines, blank lines skipped."""
    spans, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return tuple(spans)


def split_sentences(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Return sorted ``(start, end)`` spans of the sentences of ``text``; newlines always split."""
    spans: list[tuple[int, int]] = []
    try:
        rules = _rules(_lang(lang))
        for line in _LINE.finditer(text):
            _split_line(text, line.start(), line.end(), rules, spans)
    except Exception:  # noqa: BLE001 - a splitter must never break the pipeline
        spans = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    return [_trim(text, a, b) for a0, b0 in spans for a, b in _capped(text, a0, b0) if text[a:b].strip()]


def _capped(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out = []
    while b - a > _MAX_SENTENCE:
        cut = text.rfind(" ", a + _MAX_SENTENCE // 2, a + _MAX_SENTENCE)
        cut = cut + 1 if cut > a else a + _MAX_SENTENCE
        out.append((a, cut))
        a = cut
    out.append((a, b))
    return out


def _lang(lang: str | None) -> str | None:
    """The language code of ``lang`` when there are abbreviations for it, else None (every language's rules)."""
    if not lang:
        return None
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    return code if code in data_languages("sentences") else None


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


class _Rules:
    """Abbreviations and sentence openers for one language (or all)."""

    def __init__(self, strict: frozenset[str], maybe: frozenset[str], openers: frozenset[str]):
        self.strict = strict
        self.maybe = maybe
        self.openers = openers

    def kind(self, word: str) -> str | None:
        """'strict', 'maybe' or None for the word before a period."""
        forms = [word, word[:1].lower() + word[1:]]
        if "'" in word or "’" in word:
            bare = _ELISION.sub("", word)
            forms += [bare, bare[:1].lower() + bare[1:]]
        for w in forms:
            if w in self.strict:
                return "strict"
            if w in self.maybe:
                return "maybe"
        return None


@cache
def _rules(lang: str | None) -> _Rules:
    langs = (lang,) if lang else data_languages("sentences")
    strict: set[str] = set()
    maybe: set[str] = set()
    openers: set[str] = set()
    for code in langs:
        for line in _data_lines("sentences", code):
            if line.endswith(" ?"):
                maybe.add(line[:-2].strip())
            else:
                strict.add(line)
        for line in _data_lines("stopwords", code):
            openers.update(line.split())
    return _Rules(frozenset(strict), frozenset(maybe - strict), frozenset(openers))


@cache
def _data_lines(folder: str, lang: str) -> tuple[str, ...]:
    path = resources.files("summarize_cli.data").joinpath(folder, f"{lang}.txt")
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError:
        return ()
    lines = (ln.strip() for ln in raw.splitlines())
    return tuple(ln for ln in lines if ln and not ln.startswith("#"))


def _split_line(text: str, lo: int, hi: int, rules: _Rules, out: list[tuple[int, int]]) -> None:
    line = text[lo:hi]
    closing, inside = _quotations(line)
    cuts: set[int] = set()
    start = 0
    for m in _END.finditer(line):
        end = m.end()
        while end < len(line) and line[end] in "\")]”’»" and (line[end] != '"' or end in closing):
            end += 1
        # A mark inside a quotation or bracket that closes further on is not the
        # sentence's end: the quotation and its attribution stay one sentence.
        if inside is not None and inside(m.start(), end):
            continue
        if _is_boundary(line, start, m.start(), end, rules):
            cuts.add(end)
            start = end
    for m in _GLUED_QUOTE.finditer(line):
        if m.group() != '"' or m.start() in closing:
            cuts.add(m.end())
    pieces: list[list[int]] = []
    prev = 0
    for cut in sorted(cuts) + [len(line)]:
        if line[prev:cut].strip():
            pieces.append([prev, cut])
            prev = cut
    # A lone mark or bracket is never a sentence: it belongs to the one before
    # it, or to the one after it at the start of a line.
    merged: list[list[int]] = []
    for piece in pieces:
        if merged and not _has_words(line, *merged[-1]):
            merged[-1][1] = piece[1]
        elif merged and not _has_words(line, *piece):
            merged[-1][1] = piece[1]
        else:
            merged.append(piece)
    out.extend((lo + a, lo + b) for a, b in merged)


def _has_words(line: str, a: int, b: int) -> bool:
    return any(c.isalnum() for c in line[a:b])


_PAIRS = {"«": "»", "“": "”", "(": ")", "[": "]"}
_OPENER_OF = {c: o for o, c in _PAIRS.items()}
_PAIRED = re.compile(r"[«»“”()\[\]]")
_STRAIGHT = re.compile(r'"')
# Quotations or brackets longer than this are read as text that lost its
# closing mark (or a whole quoted paragraph): sentences are cut inside them.
_MAX_QUOTED = 400


def _quotations(line: str) -> tuple[set[int], Callable[[int, int], bool] | None]:
    """Closing straight quotes, and a test (None: no quotation) whether a cut at ``end`` after the mark at ``pos`` is inside one."""
    closing: set[int] = set()
    spans: list[tuple[int, int]] = []
    stacks: dict[str, list[int]] = {}
    open_straight = -1
    for i in (m.start() for m in _STRAIGHT.finditer(line)):
        if _closes(line, i, open_straight >= 0):
            closing.add(i)
            if open_straight >= 0:
                spans.append((open_straight, i))
            open_straight = -1
        else:
            # A second opening before any close: the first was never closed
            # (a quotation running on over paragraphs reopens each one).
            open_straight = i
    for m in _PAIRED.finditer(line):
        i, ch = m.start(), m.group()
        if ch in _PAIRS:
            stacks.setdefault(ch, []).append(i)
        elif stacks.get(_OPENER_OF[ch]):
            spans.append((stacks[_OPENER_OF[ch]].pop(), i))
    spans = sorted((a, b) for a, b in spans if b - a <= _MAX_QUOTED)
    starts = [a for a, _ in spans]

    def inside(pos: int, end: int) -> bool:
        for k in range(bisect_left(starts, pos) - 1, -1, -1):
            a, b = spans[k]
            if pos - a > _MAX_QUOTED:
                break
            if a < pos and end <= b:
                return True
        return False

    return closing, inside if spans else None


def _closes(line: str, i: int, is_open: bool) -> bool:
    """Whether the straight quote at ``i`` closes a quotation: read from its neighbours, else from what is open."""
    before = line[i - 1] if i else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    left = before.isspace() or before in "([{«“‘—–-/"
    right = after.isspace() or after in ".,;:!?)]}»”…'’"
    if left != right:
        return right
    return is_open


def _is_boundary(line: str, sent_start: int, t0: int, t1: int, rules: _Rules) -> bool:
    rest = line[t1:t1 + _LOOK]
    if not rest.strip():
        return True
    glued = not rest[0].isspace()
    nxt = rest.lstrip(_OPENERS)
    if not nxt:
        return True
    c = nxt[0]
    marks = line[t0:t1].rstrip("»”’\")] \u00a0\u202f")
    if glued:
        # A lost paragraph break: `fin.Début`, never inside numbers, URLs or `U.S.A.`.
        if not (c.isupper() and len(nxt) > 1 and nxt[1].islower()):
            return False
        if marks == "." and line[t1:t1 + 1] not in "«“\"":
            word = _word_before(line, 0, t0)
            if len(word) < 2 or "." in word or rules.kind(word.lstrip(_OPENERS)):
                return False
            if word.isupper() and len(word) <= 4:
                return False
        return True
    if c.islower():
        return False
    if not (c.isupper() or c.isdigit() or c.isalpha()):
        return c not in ",;:)]}%"
    if marks != ".":
        return True
    word = _word_before(line, sent_start, t0).lstrip(_OPENERS)
    if not word:
        return True
    if word.isdigit():
        # `1. Item` opens a numbered list; `en 2019. Le` ends a sentence.
        return bool(line[sent_start:t0 - len(word)].strip())
    kind = rules.kind(word)
    if kind == "strict":
        return False
    if kind != "maybe" and _HYPHEN_INITIALS.match(word):
        return False
    single = len(word) == 1 and word.isalpha()
    if kind == "maybe" or single or _DOTTED.match(word):
        return _opens_sentence(nxt, rules)
    return True


def _word_before(line: str, lo: int, t0: int) -> str:
    """The run of non-space characters ending at ``t0`` (at most ``_LOOK`` of them: no abbreviation is longer)."""
    i = t0
    stop = max(lo, t0 - _LOOK)
    while i > stop and not line[i - 1].isspace():
        i -= 1
    return line[i:t0]


def _opens_sentence(nxt: str, rules: _Rules) -> bool:
    """True when ``nxt`` starts with a capitalised function word (and not an initial)."""
    m = _WORD_AFTER.match(nxt)
    if not m:
        return not nxt[:1].isdigit()
    word = m.group()
    if nxt[m.end():m.end() + 1] == ".":
        return False
    head = re.split(r"['’-]", word)[0]
    return word[:1].isupper() and head.lower() in rules.openers
