"""Spelled-out numbers ("vingt-cinq", "three hundred and two", "un million", "deux tiers"), read by one grammar
whose language-specific compounds ("soixante-dix", "quatre-vingts", "dix-sept") come from each language's data."""

from __future__ import annotations

from decimal import Decimal

from summarize_cli.figures.lexicon import WORD, WSEP, Lexicon
from summarize_cli.figures.model import Q


class _Acc:
    """Accumulator for spelled-out numbers, kept on both the long and the short scale."""

    def __init__(self) -> None:
        self.total = [Decimal(0), Decimal(0)]
        self.cur = Decimal(0)
        self.last: str | None = None
        self.last_val = Decimal(0)
        self.last_scale = [Decimal(0), Decimal(0)]
        self.words = 0
        self.scale_word: str | None = None

    def add_scale(self, v_long: Decimal, v_short: Decimal) -> bool:
        for i, v in enumerate((v_long, v_short)):
            if self.last == "scale" and self.cur == 0:
                if v <= self.last_scale[i]:
                    return False
                self.total[i] = self.total[i] * v
            elif self.total[i] and v > self.last_scale[i] and self.last_scale[i]:
                self.total[i] = (self.total[i] + (self.cur or 1)) * v
            else:
                self.total[i] += (self.cur or 1) * v
            self.last_scale[i] = v
        self.cur = Decimal(0)
        return True

    def values(self) -> tuple[Decimal, Decimal]:
        return self.total[0] + self.cur, self.total[1] + self.cur


def _small_ok(acc: _Acc, kind: str, v: Decimal, lang: Lexicon) -> bool:
    """May a word worth ``v`` (< 100) follow what was read so far? The compounds beyond "tens + unit" are the language's."""
    last = acc.last
    if last is None or last in ("scale", "article"):
        return last != "article" and acc.cur == 0
    if last == "hundred":
        return acc.cur % 100 == 0
    if last == "tens":
        if kind == "unit":
            return v > 0
        return kind == "teen" and acc.cur % 100 in _grammar(lang, "tens_before_teens")
    if last == "teen":
        return kind == "unit" and acc.last_val == 10 and v in _grammar(lang, "units_after_ten")
    if last == "unit":
        return kind == "tens" and [acc.last_val, v] in lang.list("grammar.units_times_tens") and acc.cur % 100 == acc.last_val
    return False


def _grammar(lang: Lexicon, key: str) -> frozenset[Decimal]:
    return frozenset(Decimal(x) for x in lang.list(f"grammar.{key}"))


def spelled(text: str, pos: int, lang: Lexicon, after_digits: bool = False) -> Q | None:
    """Read a spelled-out number ("vingt-cinq", "three hundred and two", "un million")."""
    acc = _Acc()
    p, end = pos, pos
    frac_end = pos
    after_and = False
    while True:
        m = WORD.match(text, p)
        if not m:
            break
        w = m.group().lower()
        entry = lang.numbers.get(w)
        if entry is None:
            if w in lang.words("and_words") and acc.words and not after_and and acc.last in ("tens", "hundred", "scale", "unit", "teen"):
                # "and a half" / "et demi"
                s = WSEP.match(text, m.end())
                nxt = s.end() if s else m.end()
                half = lang.phrases("grammar.and_a_half").match(text, nxt)
                if half and acc.last != "scale":
                    # "one and a half million": a scale may still follow
                    acc.cur += Decimal("0.5")
                    end = half[0]
                    acc.last = "half"
                    acc.words += 1
                    s = WSEP.match(text, end)
                    if not s:
                        break
                    p = s.end()
                    continue
                if half and acc.last == "scale":
                    for i in range(2):
                        acc.total[i] += acc.last_scale[i] / 2
                    end = half[0]
                    break
                if acc.last in ("unit", "teen"):
                    break
                after_and = True
                p = nxt
                continue
            if w in lang.words("decimal_words") and acc.words and acc.last not in ("article", "fraction", "dozen"):
                digits, q = "", m.end()
                while True:
                    s = WSEP.match(text, q)
                    if not s:
                        break
                    m2 = WORD.match(text, s.end())
                    e2 = lang.numbers.get(m2.group().lower()) if m2 else None
                    if not m2 or not e2 or e2[0] not in ("unit", "teen", "tens"):
                        break
                    val = int(e2[1])
                    q = m2.end()
                    if e2[0] == "tens":
                        s3 = WSEP.match(text, q)
                        m3 = WORD.match(text, s3.end()) if s3 else None
                        e3 = lang.numbers.get(m3.group().lower()) if m3 else None
                        if e3 and e3[0] == "unit" and e3[1] > 0:
                            val += int(e3[1])
                            q = m3.end()
                    digits += str(val)
                if digits:
                    lv, sv = acc.values()
                    frac = Decimal("0." + digits)
                    acc.total, acc.cur = [lv + frac, sv + frac], Decimal(0)
                    acc.last = "decimal"
                    end = q
            break
        kind, v = entry
        if kind == "article":
            if acc.words:
                if acc.last != "fraction":
                    break
                acc.last = "fraction_article"
            else:
                acc.cur, acc.last = Decimal(1), "article"
            acc.words += 1
        elif kind in ("unit", "teen", "tens"):
            if after_and and acc.last == "tens" and not (kind == "unit" and v == 1 or kind == "teen" and v == 11):
                break
            if not _small_ok(acc, kind, v, lang):
                break
            if acc.last == "unit" and kind == "tens":  # "quatre-vingts": the unit multiplies the tens
                acc.cur += acc.last_val * v - acc.last_val
            else:
                acc.cur += v
            acc.last, acc.last_val = kind, v
            acc.words += 1
            end = m.end()
        elif kind == "hundred":
            if acc.last is None and not after_digits and (w.endswith("s") or not lang.flag("grammar.hundred_alone")
                                                           and not next_is_scale(text, m.end(), lang)):
                break  # "hundreds of" is vague; where "hundred" alone is no number ("cent" is) it needs "a" or a scale after it
            if acc.last in (None, "article"):
                acc.cur = Decimal(100)
            elif acc.last in ("unit", "teen", "tens") and acc.cur < 100 and acc.cur >= 1:
                acc.cur *= 100
            elif acc.last == "scale" and acc.cur == 0:
                acc.cur = Decimal(100)
            else:
                break
            acc.last = "hundred"
            acc.words += 1
            end = m.end()
        elif kind == "scale":
            if acc.last is None:
                # "mille euros" needs no number before it; "milliards" alone is vague ("des milliards")
                if not after_digits and (v != 1000 or w.endswith("s")):
                    break
                acc.cur = Decimal(1)
            if not acc.add_scale(v, lang.decimals("short_scale").get(w, v)):
                break
            if w in lang.decimals("short_scale"):
                acc.scale_word = w
            elif acc.scale_word is None or v >= Decimal(10) ** 9:
                acc.scale_word = acc.scale_word if acc.scale_word in lang.decimals("short_scale") else w
            acc.last = "scale"
            acc.words += 1
            end = m.end()
        elif kind == "dozen":
            if acc.last is None and not after_digits or acc.last == "dozen":
                break
            # Like "and a half", a dozen binds to the group just before it: "three hundred and two dozen"
            # is 300 + 2 x 12, "two thousand three dozen" 2000 + 36; after "hundred" or a scale it takes all.
            local = acc.cur % 100 if acc.last in ("unit", "teen", "tens") else Decimal(0)
            for i in range(2):
                if local and (acc.cur >= 100 or acc.total[i]):
                    acc.total[i] += acc.cur - local + local * v
                else:
                    acc.total[i] = (acc.total[i] + (acc.cur or (1 if acc.last is None else 0))) * v
            acc.cur = Decimal(0)
            acc.last = "dozen"
            acc.words += 1
            end = m.end()
            break
        elif kind == "part":
            # "a third", "deux tiers": a fraction that stands on its own
            if acc.last == "article" or acc.last == "unit" and 1 <= acc.cur < 10:
                acc.cur *= v
            else:
                break
            acc.last = "part"
            acc.words += 1
            end = m.end()
            break
        elif kind == "fraction":
            if acc.last is None or acc.last == "article":
                acc.cur = v
            elif acc.last == "unit" and acc.cur < 10:
                acc.cur *= v
            else:
                break
            acc.last = "fraction"
            acc.words += 1
            frac_end = m.end()
        after_and = False
        s = WSEP.match(text, m.end())
        if not s:
            break
        p = s.end()
    if acc.last == "fraction" and acc.words > 1:
        end = frac_end  # "un quart des habitants": no scale came, so the fraction stands alone and its word is part of it
    if end == pos or acc.last in ("article",):
        return None
    lv, sv = acc.values()
    if lv == 0 and acc.words and acc.last not in ("unit", "decimal"):
        return None
    q = Q(start=pos, end=end, value=lv, spelled=True, digits_end=end)
    if sv != lv:
        q.short = sv
    q.scale = acc.scale_word
    words = WORD.findall(text[pos:end])
    q.bare_one = len(words) == 1 and lv == 1
    return q


def next_is_scale(text: str, p: int, lang: Lexicon) -> bool:
    s = WSEP.match(text, p)
    m = WORD.match(text, s.end()) if s else None
    entry = lang.numbers.get(m.group().lower()) if m else None
    return bool(entry and entry[0] == "scale")


