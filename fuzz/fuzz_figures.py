"""Atheris target: the figures parser and the sentence splitter on any Unicode text.

Run by fuzz/run.py; by hand: ``python fuzz/fuzz_figures.py CORPUS_DIR -max_total_time=60``,
or ``python fuzz/fuzz_figures.py CRASH_FILE`` to replay one input.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

try:
    import atheris
except ImportError:  # fuzz/run.py falls back to a plain random loop
    atheris = None

if atheris is not None:
    with atheris.instrument_imports(include=["summarize_cli"]):
        from summarize_cli.figures import find_figures, read_numbers
        from summarize_cli.sentences import split_sentences
else:
    from summarize_cli.figures import find_figures, read_numbers
    from summarize_cli.sentences import split_sentences

from summarize_cli.languages import data_languages  # noqa: E402

LANGS = (None, *data_languages("figures"))



def _unicode(data: bytes) -> str:
    if atheris is not None:
        return atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    # Same three forms as atheris: 0 -> UTF-32, 2 -> UTF-16, odd -> ASCII; lone surrogates replaced.
    if not data:
        return ""
    head, body = data[0], data[1:]
    if head & 1:
        return bytes(b & 0x7F for b in body).decode("ascii")
    if head & 2:
        text = body[: len(body) // 2 * 2].decode("utf-16-le", "replace")
    else:
        units = [int.from_bytes(body[i:i + 4], "little") % 0x110000 for i in range(0, len(body) - 3, 4)]
        text = "".join(chr(u) for u in units)
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)


def check(text: str, lang: str | None) -> None:
    """Raise AssertionError when an invariant breaks (any other exception is a crash too)."""
    spans = split_sentences(text, lang)
    prev = 0
    for a, b in spans:
        if not (0 <= prev <= a < b <= len(text)):
            raise AssertionError(f"bad sentence span {(a, b)} after {prev} in text of length {len(text)}")
        prev = b
    for with_spans in (None, spans):
        figs = find_figures(text, lang, with_spans)
        if sorted(f.rank or 0 for f in figs) != list(range(1, len(figs) + 1)):
            raise AssertionError(f"ranks {[f.rank for f in figs]} are not 1..{len(figs)}")
        if any(a.end > b.start for a, b in zip(figs, figs[1:])):
            raise AssertionError("figures overlap or are out of order")
        for fig in figs:
            if not (0 <= fig.start < fig.end <= len(text)):
                raise AssertionError(f"figure {fig.text!r} has offsets {(fig.start, fig.end)} outside 0..{len(text)}")
            if text[fig.start:fig.end] != fig.text:
                raise AssertionError(f"text[{fig.start}:{fig.end}] = {text[fig.start:fig.end]!r} != figure text {fig.text!r}")
    prev = 0
    for n in read_numbers(text, lang):
        if not (0 <= prev <= n.start < n.end <= len(text)) or not n.value.is_finite():
            raise AssertionError(f"number {n} out of order or outside 0..{len(text)}")
        prev = n.end


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris' name
    """One fuzz input: decode to Unicode, check both stages in the language the input picks."""
    text = _unicode(data)
    check(text, LANGS[len(data) % len(LANGS)])


def main() -> None:
    """Hand argv (corpus dirs, libFuzzer flags) to atheris."""
    if atheris is None:
        sys.exit("atheris is not installed; use `python fuzz/run.py` for the plain random loop")
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
