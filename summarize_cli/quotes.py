"""Direct quotations in an article, each with its speaker and speech verb (French and English rules from data files)."""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from importlib import resources

from summarize_cli.schema import Quote

__all__ = ["find_quotes"]

# Opening mark -> closing mark. Single quotes are left out: they are apostrophes far more often.
_CLOSE = {"«": "»", "“": "”", "„": "“", '"': '"'}
_SPACE = " \t\u00a0\u202f"
# A speaker's name: capitalised words, with the particles and initials names carry.
_WORD_OR_INITIAL = r"(?:[A-ZÀ-ÖØ-Þ]\.(?:-[A-ZÀ-ÖØ-Þ]\.)?|[A-ZÀ-ÖØ-Þ][\w'’]*(?:-[\w'’]+)*)"
_NAME = re.compile(
    rf"{_WORD_OR_INITIAL}(?:[ \u00a0](?:(?:de|du|des|d'|d’|van|von|der|den|da|di|dos|bin|ben|al|el|la|le|y)[ \u00a0])?{_WORD_OR_INITIAL})*"
)
_MAX_ATTRIBUTION = 160  # characters looked at on each side of a quotation for its attribution
_MIN_WORDS = 3  # shorter quoted bits are terms, titles and scare quotes
_MIN_UNATTRIBUTED = 8  # an unattributed quotation must be this long and introduced by a colon
_MAX_QUOTE = 3000


@dataclass(frozen=True)
class _Rules:
    after: tuple[re.Pattern[str], ...]
    before: tuple[re.Pattern[str], ...]
    pronouns: frozenset[str]
    determiners: frozenset[str]


@cache
def _rules(lang: str | None) -> _Rules:
    from summarize_cli.languages import data_languages, words_pattern

    folder = resources.files("summarize_cli.data").joinpath("quotes")
    langs = [lang] if lang in data_languages("quotes") else list(data_languages("quotes"))
    data = [tomllib.loads(folder.joinpath(f"{code}.toml").read_text(encoding="utf-8")) for code in langs]
    verbs = words_pattern([v for d in data for v in d.get("verbs", [])])
    aux = words_pattern([v for d in data for v in d.get("auxiliaries", [])])
    pron = words_pattern([v for d in data for v in d.get("pronouns", [])])
    acc = words_pattern([v for d in data for v in d.get("according", [])])
    # one adverb may sit between the auxiliary and the verb: "a aussitôt répliqué", "has also said"
    clitic = words_pattern([v for d in data for v in d.get("clitics", [])])
    verb = rf"(?:(?:{clitic})[ \u00a0]*)?(?:(?:{aux})[ \u00a0]+(?:[^\W\d_]{{2,12}}[ \u00a0]+)?)?(?:{verbs})"
    # who: up to 12 words without a sentence end or a quotation mark
    who = r"[^.!?«»“”\"\n]{1,120}?"
    i = re.IGNORECASE
    after = (
        # », a-t-il déclaré / », ajoute-t-elle / », poursuit-il
        re.compile(rf"^[{_SPACE},]*(?P<verb>(?:(?:{aux})-t-(?P<pron1>{pron})[ \u00a0]+(?:{verbs}))|(?:(?:{verbs})(?:-t)?-(?P<pron2>{pron})))\b", i),
        # », a déclaré Bruno Le Maire / “…,” said Jane Doe / », selon X
        re.compile(rf"^[{_SPACE},]*(?P<verb>{verb}|{acc})[ \u00a0]+(?P<who>{who})(?=[.;:!?)\n]|,[ \u00a0]*[«“\"]|$| (?:à|to|in|on|lors|during|après|after|when|avant|before)\b)", i),
        # “…,” Jane Doe said / “…,” she said / “…,” the spokesman, Paul Smith, told Reuters
        re.compile(rf"^[{_SPACE},]*(?P<who>{who})[ \u00a0]+(?P<verb>{verb})\b", i),
    )
    before = (
        # Bruno Le Maire a affirmé : « / Jane Doe told Reuters: " / she said, “ / Elle a ajouté : «
        re.compile(rf"(?:^|[.!?;][»”\"]?\s+|\n)(?P<who>[^.!?;«»“”\"\n]{{1,120}}?)[ \u00a0]+(?P<verb>{verb})\b[^.!?«»“”\"\n]{{0,40}}?[:,][{_SPACE}]*$", i),
        # X said the talks had "stalled over fishing rights" (a partial quotation inside reported speech)
        re.compile(rf"(?:^|[.!?;][»”\"]?\s+|\n)(?P<who>[^.!?;«»“”\"\n]{{1,120}}?)[ \u00a0]+(?P<verb>{verb})\b(?P<embedded>[^.!?:;,«»“”\"\n]{{1,60}})$", i),
        # Selon X, « / According to X, "
        re.compile(rf"(?:^|[.!?;]\s+|\n|,[ \u00a0]+)(?P<verb>{acc})[ \u00a0]+(?P<who>[^.!?;«»“”\"\n]{{1,100}}?),[{_SPACE}]*$", i),
    )
    words = lambda key: frozenset(w for d in data for w in d.get(key, []))  # noqa: E731
    return _Rules(after, before, words("pronouns"), words("determiners"))


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


_ACRONYM = re.compile(r"^[A-ZÀ-ÖØ-Þ]{2,}$")
_RELATIVE = re.compile(r"\s*(?:who|whom|whose|which|that|qui|que|dont|lequel|laquelle|lesquels)\b", re.I)
# "John Smith was told by Mary Jones": the subject of a passive speech verb is the listener
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be|été|être|était)\s*$", re.I)


def _name_in(frag: str, last: bool, rules: _Rules, opens: bool = True) -> tuple[int, int] | None:
    """The person's name in ``frag``: a capitalised run that is not an acronym and not the complement of a noun."""
    runs = []
    for m in _NAME.finditer(frag):
        # an acronym glued to a name is an agency or a party, not a first name: "à l'AFP Anastasia Kyriazis"
        pieces: list[tuple[int, int]] = []
        for w in re.finditer(r"\S+", m.group(0)):
            a, b = m.start() + w.start(), m.start() + w.end()
            if _ACRONYM.match(w.group(0)) or not pieces or _ACRONYM.match(frag[pieces[-1][0] : pieces[-1][1]]):
                pieces.append((a, b))
            else:
                pieces[-1] = (pieces[-1][0], b)
        for start, pos in pieces:
            piece = frag[start:pos]
            words = piece.split()
            # "John Smith's lawyer": the name owns the speaker, it is not the speaker
            if words and words[-1].endswith(("'s", "’s")):
                continue
            # a capitalised determiner opening a sentence ("Le ministre") is not a name; inside one it is
            # part of a title ("selon Le Monde")
            at_start = (opens and not frag[:start].strip()) or frag[:start].rstrip().endswith((".", ":", ";"))
            while at_start and words and words[0].lower() in rules.determiners:
                words = words[1:]
            if not words or (len(words) == 1 and _ACRONYM.match(words[0])):
                continue
            wstart = start + piece.index(words[0])
            # "le ministère de la Défense", "une source au Parisien": the capital belongs to a complement
            before = frag[:wstart].rstrip().lower()
            if re.search(r"(?:\b(?:de|du|des|de la|of|the|au|aux|à|to|chez|for|by|with|about|pour|avec|par|sur|contre)|d['’])$", before) and re.search(r"\w", before):
                continue
            runs.append((wstart, pos))
    if not runs:
        return None
    return runs[-1] if last else runs[0]


def _active(s: str, m: re.Match[str]) -> bool:
    """False when the speech verb is passive ("was told"): its subject heard the words, it did not say them."""
    return not _PASSIVE.search(s[: m.start("verb")])


def _attributes(tail: str, m: re.Match[str], ended: bool) -> bool:
    """False for "“….” She said hospitals should plan for “…”": a new sentence of reported speech, not an attribution."""
    if "who" not in m.groupdict() or m.group("who") is None or m.start("who") > m.start("verb"):
        return True
    rest = re.split(r"[.!?\n«»“”\"]", tail[m.end() :], maxsplit=1)[0]
    if ended:
        # after a quotation that ends its sentence, an attribution is a short sentence of its own ("He said.")
        after = tail[m.end() + len(rest) : m.end() + len(rest) + 1]
        return len(rest.split()) <= 6 and after in (".", "!", "?", "\n", "")
    return len(rest.split()) <= 6


def _next_sentence(text: str, prev_close: int, op: int) -> bool:
    """True when only the previous quotation's attribution stands between it and ``op`` (same voice goes on)."""
    gap = text[prev_close:op]
    if len(gap) > 200 or any(c in gap for c in "«»“”\""):
        return False
    # the attribution's sentence may end before the next quotation, but no new sentence may start:
    # "she told parliament. Opposition leader Kofi Mensah called the pledge “…”" is someone else
    ends = [m.end() for m in re.finditer(r"[.!?](?:\s|$)", gap)]
    return not ends or not gap[ends[-1] :].strip()


def _clause(frag: str, last: bool, rules: _Rules) -> tuple[int, int] | None:
    """The comma-separated clause of ``frag`` that holds the speaker.

    Before a quotation it is the last one, next to the verb ("Devant les élus, il a dit"); after it, the
    first that names someone ("Martha Ellison, the chief executive of X, said"), else the first.
    """
    parts = [(m.start(), m.end()) for m in re.finditer(r"[^,;()]+", frag) if m.group(0).strip()]
    # "Mary Jones, who replaced John Smith, said": a relative clause describes the speaker, it does not name them
    parts = [p for p in parts if not _RELATIVE.match(frag[p[0] : p[1]])] or parts
    if not parts:
        return None
    if last:
        # "Devant les élus, il a dit" / "le ministre, Bruno Le Maire, a dit": the clause next to the verb,
        # when it is a pronoun or names someone; else the subject that opens the sentence
        # ("A senior official, speaking on condition of anonymity, said")
        near = frag[parts[-1][0] : parts[-1][1]]
        if near.strip().lower() in rules.pronouns or _name_in(near, True, rules) or len(parts) == 1:
            return parts[-1]
        return parts[0]
    return next((p for p in parts if _name_in(frag[p[0] : p[1]], False, rules)), parts[0])


def _last_person(text: str, before: int, rules: _Rules, lo: int = 0) -> tuple[str, int] | None:
    """The last person named before ``before``: a run of two or more capitalised words (a pronoun's antecedent)."""
    window_lo = max(lo, before - 3000)
    best = None
    for m in _NAME.finditer(text, window_lo, before):
        words = m.group(0).split()
        while words and words[0].lower() in rules.determiners:
            words = words[1:]
        if len(words) >= 2:
            start = m.start() + m.group(0).index(words[0])
            best = (text[start : m.end()], start)
    return best


def _phrase(frag: str, last: bool) -> tuple[int, int] | None:
    """An unnamed speaker's noun phrase: the clause nearest the quotation, at most 8 words."""
    parts = [(m.start(), m.end()) for m in re.finditer(r"[^,;:()]+", frag)]
    parts = [(a, b) for a, b in parts if frag[a:b].strip()]
    if not parts:
        return None
    a, b = parts[-1] if last else parts[0]
    # "a déclaré à Jean Dupont son avocat", "told AFP a spokesman": the recipient is not the speaker
    lead = re.match(r"\s*(?:à|au|aux|to)\s+(?:l['’]|la\s|le\s|les\s)?(?:[A-ZÀ-ÖØ-Þ][\w'’-]*\s*)+", frag[a:b])
    if lead is not None and lead.end() < b - a:
        a += lead.end()
    # "rétorque encore l'avocat", "a ajouté à l'AFP un proche": the phrase starts at its determiner;
    # a recipient after it ("une source au Parisien") is not part of who spoke
    det = re.search(r"\b(?:un|une|le|la|les|l['’]|des|son|sa|ses|leur|the|a|an|his|her|their|one)\b", frag[a:b], re.I)
    if det is not None and det.start() > 0 and len(frag[a : a + det.start()].split()) <= 2:
        a += det.start()
    cut = re.search(r"\s(?:au|aux|à|auprès de|to)\s", frag[a:b])
    if cut is not None and cut.start() > 0:
        b = a + cut.start()
    while a < b and frag[a].isspace():
        a += 1
    while b > a and frag[b - 1].isspace():
        b -= 1
    return (a, b) if 0 < len(frag[a:b].split()) <= 8 else None


def find_quotes(text: str, lang: str | None, sentences: list[tuple[int, int]] | None = None) -> tuple[Quote, ...]:
    """Direct quotations in ``text`` with their speakers; offsets index ``text`` (``text[q.start:q.end] == q.text``)."""
    from summarize_cli.sentences import split_sentences

    rules = _rules(lang)
    spans = sentences if sentences is not None else split_sentences(text, lang)
    starts = [s for s, _ in spans]
    found: list[Quote] = []
    prev_end, prev_speaker = -1, None
    # a pronoun speaker is the last one named in an attribution, else the last person named before it
    last_speaker: tuple[str, int] | None = None

    def antecedent(at: int) -> tuple[str, int] | None:
        # the last speaker, unless someone else has been named since: then nobody can tell (a wrong
        # speaker is worse than none)
        named = _last_person(text, at, rules)
        if last_speaker is None:
            return named
        if named is not None and named[1] > last_speaker[1] and named[0] != last_speaker[0]:
            return None
        return last_speaker
    for op, a, b, close_end in _spans(text):
        inner = text[a:b]
        nwords = len(re.findall(r"\w+", inner))
        if nwords < _MIN_WORDS:
            continue
        para_start = text.rfind("\n", 0, op) + 1
        para_end = text.find("\n", close_end)
        para_end = len(text) if para_end < 0 else para_end
        tail = text[close_end : min(para_end, close_end + _MAX_ATTRIBUTION)]
        head_lo = max(para_start, op - _MAX_ATTRIBUTION)
        head = text[head_lo:op]
        speaker = verb = None
        speaker_start: int | None = None
        pronoun = False
        lo, hi = op, close_end
        ended = inner.rstrip("»”\" ").endswith((".", "!", "?", "…"))
        m_after = next((m for m in (p.match(tail) for p in rules.after) if m and _attributes(tail, m, ended) and _active(tail, m)), None)
        m_before = next((m for m in (p.search(head) for p in rules.before) if m and _active(head, m)), None)
        match, base, is_after = (m_after, close_end, True) if m_after else (m_before, head_lo, False) if m_before else (None, 0, False)
        if match is not None:
            verb = match.group("verb")
            gd = match.groupdict()
            pron = gd.get("pron1") or gd.get("pron2")
            who = gd.get("who")
            if gd.get("embedded") is not None and nwords < 4:
                continue
            if is_after:
                hi = close_end + match.end()
            else:
                lo = head_lo + match.start("who") if who is not None else head_lo + match.start()
            if pron is None and who is not None and who.strip().lower() in rules.pronouns:
                pron = who.strip()
            if pron is not None:
                pronoun = True
                speaker, speaker_start = antecedent(op) or (None, None)
            elif who is not None:
                wstart = base + match.start("who")
                # The subject is the clause next to the verb: "Devant les élus de Quillan, il a dit" (il),
                # "le ministre de l'Économie, Bruno Le Maire, a dit" (Bruno Le Maire); after a quotation the
                # first clause names the speaker: "Martha Ellison, the chief executive of X, said".
                who_first = match.start("who") < match.start("verb")
                # "Selon le délégué Karim Haddad, pourtant, «": the speaker follows "selon"
                according = not who_first
                clause = _clause(who, last=not is_after and not according, rules=rules)
                if clause is not None and who[clause[0] : clause[1]].strip().lower() in rules.pronouns:
                    pronoun = True
                    speaker, speaker_start = antecedent(op) or (None, None)
                elif clause is not None:
                    frag = who[clause[0] : clause[1]]
                    # the name nearest the verb: "WeWork chairman Marcelo Claure said", "said Paul Smith"
                    # after a verb ("selon Le Monde") a capitalised article is part of the name
                    span = _name_in(frag, last=who_first, rules=rules, opens=who_first) or _phrase(frag, last=who_first)
                    if span is not None:
                        raw = frag[span[0] : span[1]]
                        speaker = raw.strip(" ,")
                        speaker_start = wstart + clause[0] + span[0] + (len(raw) - len(raw.lstrip(" ,")))
        elif prev_speaker is not None and para_start <= prev_end and _next_sentence(text, prev_end, op):
            # “…,” she said. “…” — the next quotation of the same paragraph goes on in the same voice
            speaker, speaker_start = prev_speaker
        elif nwords >= _MIN_UNATTRIBUTED and head.rstrip(_SPACE).endswith(":"):
            # "La glaciologue Mathilde Aubry dresse un constat : « ... »": the person named in the
            # clause that introduces the quotation
            sent_lo = max(para_start, max((head_lo + m.end() for m in re.finditer(r"[.!?]\s", head)), default=head_lo))
            found_name = _last_person(text[:op], op, rules, lo=sent_lo)
            if found_name is not None:
                speaker, speaker_start = found_name
        else:
            continue
        k = max(0, bisect_right(starts, lo) - 1)
        j = max(k, bisect_right(starts, max(lo, hi - 1)) - 1)
        sentence = text[spans[k][0] : spans[j][1]] if spans else text[para_start:para_end]
        found.append(Quote(inner, a, b, speaker, speaker_start, verb, sentence, pronoun))
        if speaker and speaker_start is not None and not pronoun and _NAME.fullmatch(speaker) and len(speaker.split()) >= 2:
            last_speaker = (speaker, speaker_start)
        prev_end, prev_speaker = close_end, ((speaker, speaker_start) if speaker and speaker_start is not None else None)
    return tuple(found)
