"""Currencies: signs, ISO codes and names from CLDR (``cldr.toml``) and the language's data, written before
or after a number; minor units ("cents", "centimes"); which dollar a bare "$" is."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from summarize_cli.figures.lexicon import HYPHENS, LETTER, SCALE_GAP, SP, WS, Lexicon, Table, alternation, cldr, common, dec, lexicon, norm
from summarize_cli.figures.model import Q


@cache
def symbols() -> dict[str, str]:
    """Currency signs -> ISO code ("$" -> "$": which dollar is decided later)."""
    out = {**cldr().get("signs"), **common().get("currency.symbols")}
    out.pop("\u00a4", None)  # the generic currency sign names no currency
    return out


def symbol_class() -> str:
    """A regex character class of the currency signs."""
    return "[" + re.escape("".join(symbols())) + "]"


@cache
def codes() -> dict[str, str]:
    """ISO codes (and aliases such as "RMB") as written next to a number -> ISO code."""
    cur = common().get("currency")
    out = {c: c for c in sorted(set(cldr().get("territories").values()) - set(cur["cldr"]["word_codes"]))}
    out.update({c: c for c in cur["codes"]})
    out.update({c: c.upper() for c in cur["lower_codes"]})
    out.update(cur["aliases"])
    return out


@cache
def dollar_prefixes() -> dict[str, str]:
    """Letters written before "$" ("US$", "NZ$", "C$") -> ISO code."""
    return {**cldr().get("dollar_before"), **common().get("currency.dollar_prefixes")}


@cache
def dollar_suffixes() -> dict[str, str]:
    """Letters written after "$" ("10 $ US", "$CA") -> ISO code."""
    return {**cldr().get("dollar_after"), **common().get("currency.dollar_suffixes")}


@cache
def _prefix_rx() -> re.Pattern[str]:
    spaced = set(common().get("currency.spaced_dollar_prefixes"))
    pre = "|".join(re.escape(p) + (f"{SP}?" if p in spaced else "")
                   for p in sorted(set(dollar_prefixes()) | set(codes()), key=len, reverse=True))
    # "US$", "us $", "mxn$", "usd$" then the symbol; or a symbol alone; or a code alone.
    return re.compile(
        rf"(?i:(?<![^\W\d_])(?P<pre>{pre}))?(?P<sym>{symbol_class()})"
        rf"|(?<![^\W\d_])(?P<code>{alternation(codes())})(?![^\W\d_])"
    )


@cache
def _dollar_suffix_rx() -> re.Pattern[str]:
    return re.compile(rf"{SP}?({alternation(dollar_suffixes(), 'i')})(?![^\W\d_'\u2019])")


@cache
def code_scales() -> dict[str, Decimal]:
    """Scale letters glued before a code ("48.5 MGBP") -> multiplier."""
    return {k: dec(v) for k, v in common().get("currency.code_scales").items()}


@cache
def code_rx() -> re.Pattern[str]:
    """An ISO code, with a scale letter glued before it when there is one."""
    return re.compile(rf"(?P<cs>{alternation(code_scales())})?(?P<code>{alternation(codes())})(?![^\W\d_])")


@cache
def names(code: str) -> Table:
    """Currency names of a language, CLDR's and the data file's ("dollars canadiens", "yuans", "quid")."""
    return Table({**cldr().get(f"names.{code}", {}), **lexicon(code).get("currency_names", {})})


def prefix_currency(text: str, pos: int) -> tuple[int, str | None, bool] | None:
    """A currency before a number: "$", "US$", "us $", "HK$", "USD", "€": (end, code, is_symbol)."""
    m = _prefix_rx().match(text, pos)
    if not m:
        return None
    if m.group("sym"):
        pre = m.group("pre")
        if pre:
            key = norm(pre).replace(" ", "")
            code = dollar_prefixes().get(key) or codes().get(pre.strip()) or codes().get(key.upper())
            if m.group("sym") != "$" and key not in codes() and key.upper() not in codes():
                return None
            if code is None:
                return None
            return m.end(), code, True
        return m.end(), symbols()[m.group("sym")], True
    return m.end(), codes()[m.group("code")], False




def currency_after(text: str, p: int, lang: Lexicon, scaled: bool) -> tuple[int, str | None, str] | None:
    """A currency right after a quantity: (end, ISO code or None, what matched)."""
    s = WS.match(text, p)
    q = s.end()
    # French "millions de dollars", "20 milliards d'euros"; English "millions of dollars"
    link = re.compile("(?i)" + lang.scale_link).match(text, q)
    starts = [q] + ([link.end()] if link and scaled else [])
    for q in starts:
        if q < len(text) and text[q] in symbols():
            code = symbols()[text[q]]
            end = q + 1
            if text[q] == "$":
                m = _dollar_suffix_rx().match(text, end)
                if m:
                    code, end = dollar_suffixes()[m.group(1).lower()], m.end()
            m = re.compile(f"{SP}?").match(text, end)
            m2 = code_rx().match(text, m.end()) if m else None
            if m2 and not m2.group("cs"):
                code, end = codes()[m2.group("code")], m2.end()
            return end, code, "symbol"
        m = code_rx().match(text, q)
        if m and (m.start() == p or not LETTER.match(text[m.start() - 1] if m.start() else " ")):
            if m.group("cs") and scaled:
                continue
            return m.end(), codes()[m.group("code")], "code:" + (m.group("cs") or "")
        hit = names(lang.code).match(text, q) or (lang.table("currency_names_scaled").match(text, q) if scaled else None)
        if hit:
            return hit[0], hit[1] or None, "name"
    hy = SCALE_GAP.match(text, p)
    hit = names(lang.code).match(text, hy.end()) if hy.end() > p and text[hy.end() - 1] in HYPHENS else None
    return (hit[0], hit[1] or None, "name") if hit else None  # "a 10-dollar bill"


def minor_after(text: str, p: int, lang: Lexicon, scaled: bool = False) -> tuple[int, str] | None:
    s = WS.match(text, p).end()
    link = re.compile("(?i)" + lang.scale_link).match(text, s) if scaled else None
    return lang.table("minor_units").match(text, s) or (lang.table("minor_units").match(text, link.end()) if link else None)




def is_coin(text: str, q: Q, word: str, lang: Lexicon) -> bool:
    """Is a word that is both a coin and "hundred" (French "cent(s)") after digits the coin ("12 cents"), not "322 cent"?"""
    if not q.plain_int:
        return True  # "1,5 cent": only the coin takes decimals
    a = max(text.rfind("\n", 0, q.start), *(text.rfind(c + " ", 0, q.start) for c in ".!?"))
    b = min((i for i in (text.find("\n", q.end), *(text.find(c + " ", q.end) for c in ".!?")) if i >= 0), default=len(text))
    window = text[a + 1:b]
    coins = lang.table("minor_units").findall(window)
    if any(c in window for c in symbols()) or code_rx().search(window) or names(lang.code).search(window) or len(coins) > 1:
        return True  # money talk in the sentence: cents are coins
    # The coin takes a plural ("12 cents"), and a sum of 100 coins or more would be written in the main unit;
    # with no currency anywhere near, "322 cent(s)" is the numeral.
    return q.value < 100 and (word.endswith("s") or q.value == 1)




def dollar_of(text: str, url: str | None, site: str | None) -> tuple[str | None, str]:
    """Which dollar a bare "$" is: (ISO code or None, note)."""
    from urllib.parse import urlsplit

    host = ""
    for where in (url, site):
        if where and not host:
            cand = (urlsplit(where).hostname or "") if "//" in where else where.strip().lower()
            host = cand if re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", cand or "") else ""
    tld = host.rsplit(".", 1)[-1] if host else ""
    terr = common().get("dollar_domains").get(tld, tld.upper())
    if terr in _dollar_users():
        code = _dollar_users()[terr]
        return code, f"dollars read as {code}: the source is a .{tld} site"
    def count(hay: str) -> dict[str, int]:
        return {t: sum(len(re.findall(rf"(?<![^\W_]){re.escape(w)}(?![^\W_])", hay)) for w in words)
                for t, words in common().get("dollar_places").items()}

    named = [t for t, n in count(site or "").items() if n]
    if len(named) == 1 and named[0] in _dollar_users():
        code = _dollar_users()[named[0]]
        return code, f"dollars read as {code}: the source is {site}"  # "Radio-Canada", "The Sydney Morning Herald"
    counts = count(text)
    best = max(counts, key=lambda t: counts[t], default=None)
    if best and counts[best] >= 2 and all(counts[best] > n for t, n in counts.items() if t != best) and best in _dollar_users():
        code = _dollar_users()[best]
        return code, f"dollars read as {code}: the text is about {best} ({counts[best]} place names)"
    return None, "USD?"




@cache
def _dollar_users() -> dict[str, str]:
    users = set(cldr().get("dollar_users"))
    return {t: c for t, c in cldr().get("territories").items() if c in users}
