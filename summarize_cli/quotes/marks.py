"""Quotation marks: where each quotation opens and closes, across continued paragraphs."""

from __future__ import annotations

from summarize_cli.quotes.rules import _CLOSE, _MAX_QUOTE, _SPACE


def _spans(text: str) -> list[tuple[int, int, int, int]]:
    """``(open, inner_start, inner_end, close_end)`` of each quotation; nested ones are inside their outer one."""
    out: list[tuple[int, int, int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch not in _CLOSE or (ch == '"' and not _opens_straight(text, i)):
            i += 1
            continue
        end = _closing(text, i)
        if end is None:
            i += 1
            continue
        a, b = i + 1, end
        while a < b and text[a] in _SPACE:
            a += 1
        while b > a and text[b - 1] in _SPACE:
            b -= 1
        # “We will rebuild,” she said: the comma belongs to the sentence around the quotation
        if b > a and text[b - 1] == ",":
            b -= 1
        out.append((i, a, b, end + 1))
        i = end + 1
    return out


def _opens_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{:—–-\n") and not after.isspace()


def _closing(text: str, i: int) -> int | None:
    """Index of the mark that closes the quotation opened at ``i``, across continued paragraphs; None if unclosed."""
    op = text[i]
    cl = _CLOSE[op]
    # cheap refusals first (C-speed searches): no closing mark in reach, or the paragraph ends before it
    # without the mark that continues a quotation: 100,000 unclosed « stay linear
    nxt = text.find(cl, i + 1, i + _MAX_QUOTE)
    if nxt < 0:
        return None
    nl = text.find("\n", i + 1, nxt)
    if nl >= 0:
        k = nl + 1
        while k < len(text) and text[k] in _SPACE + "\n":
            k += 1
        if k >= len(text) or text[k] not in (op, cl):
            return None
    depth, j, n = 1, i + 1, min(len(text), i + _MAX_QUOTE)
    while j < n:
        c = text[j]
        if c == "\n":
            # a quotation continued in the next paragraph reopens it with a mark (« or » in French, “ in English)
            k = j + 1
            while k < n and text[k] in _SPACE + "\n":
                k += 1
            if k < n and text[k] in (op, cl) and (op != '"' or _opens_straight(text, k)):
                j = k + 1
                continue
            return None
        if op == '"':
            if c == '"':
                return j
        elif c == cl and op != cl:
            depth -= 1
            if depth == 0:
                return j
        elif c == op:
            depth += 1
        j += 1
    return None
