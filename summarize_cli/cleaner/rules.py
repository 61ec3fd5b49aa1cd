"""The cleaner's rules: fixed text patterns and each language's data from data/boilerplate/*.toml."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

_WORD = re.compile(r"\w+", re.UNICODE)
# Chinese and Japanese write words without spaces: each ideograph or kana counts as one word, so that
# a line's length in words means the same in every script
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+", re.UNICODE)
_BULLET = re.compile(r"^[\s•·▪◦‣○●□■☆★►▸▶»*+–—-]*")
_TRAIL = re.compile(r"[\s•·▪◦‣○●□■☆★|]*$")
_END_PUNCT = re.compile(r"[.!?…:;。！？：；][\s\"'»”’)\]*」』）]*$")
_SENT_INNER = re.compile(r"[.!?…][\"'»”’)]*\s+[\"'«“(]?\s*[A-ZÀ-ÝА-ЯЁΑ-Ω]|[。！？][」』）”]*(?=.)")
_LINKISH = re.compile(r"https?://|www\.|\.(com|fr|org|net|co\.uk)\b|@\w")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_DATE_NUM = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200c\u200d\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


@dataclass(frozen=True)
class _Rules:
    stop: frozenset[str]
    boiler: re.Pattern[str]
    end: re.Pattern[str]
    caption: re.Pattern[str]
    credit: re.Pattern[str]
    line: re.Pattern[str]
    dateline: re.Pattern[str]
    date_lead: re.Pattern[str]
    byline: tuple[re.Pattern[str], ...]
    months: frozenset[str]
    weekdays: frozenset[str]
    menu_words: frozenset[str]
    comment: re.Pattern[str]
    inline: tuple[re.Pattern[str], ...]


def _load_toml(name: str) -> dict:
    from summarize_cli.languages import boilerplate_rules

    # a language's rules are parsed once, by the registry every stage asks; common.toml is not a language
    code = name.removesuffix(".toml")
    rules = boilerplate_rules()
    if code in rules:
        return rules[code]
    ref = resources.files("summarize_cli.data").joinpath("boilerplate", name)
    return tomllib.loads(ref.read_text(encoding="utf-8"))


def _alt(patterns: list[str]) -> re.Pattern[str]:
    if not patterns:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@functools.cache
def _rules(lang: str) -> _Rules:
    from summarize_cli.languages import words_pattern

    common = _load_toml("common.toml")
    try:
        own = _load_toml(f"{lang}.toml")
    except (FileNotFoundError, OSError):
        own = {}  # a language without rules of its own: the common ones only
    return _Rules(
        stop=frozenset(own.get("stopwords", [])),
        boiler=_alt(own.get("boilerplate", [])),
        end=_alt(own.get("end", []) + common.get("end", [])),
        caption=_alt(own.get("caption", [])),
        credit=_alt(common.get("credit", [])),
        line=_alt(common.get("line", []) + own.get("line", [])),
        dateline=_alt(own.get("dateline", [])),
        date_lead=re.compile(rf"^(?:{words_pattern(own.get('date_lead', []))})\b\s*:?\s*", re.IGNORECASE),
        byline=tuple(re.compile(p) for p in own.get("byline", [])),
        months=frozenset(own.get("months", [])),
        weekdays=frozenset(own.get("weekdays", [])),
        menu_words=frozenset(common.get("menu_words", [])),
        comment=_alt(common.get("comment", []) + own.get("comment", [])),
        inline=tuple(re.compile(p, re.IGNORECASE) for p in own.get("inline", []) + common.get("inline", [])),
    )


def _guess_lang(text: str) -> str:
    from summarize_cli.languages import data_languages, guess_language

    # Only the languages that have boilerplate rules are candidates: their rules are what the answer selects.
    return guess_language(text, among=data_languages("boilerplate"))
