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
_PARTICLES = r"(?:de|du|des|d'|d’|van|von|der|den|da|di|dos|bin|ben|al|el|la|le|y)"
# "L'ex-ministre", "D'abord": an elided article glued to a common noun, capitalised only because it opens a sentence
_ELIDED = re.compile(r"^[A-ZÀ-ÖØ-Þ]['’][a-zà-öø-ÿ]")
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
    name: re.Pattern[str]  # a person's name: capitalised words, particles, initials and abbreviated titles
    leads: re.Pattern[str]  # a determiner that opens an unnamed speaker's noun phrase
    ends: re.Pattern[str]  # a preposition that ends the speaker's phrase ("au cours", "in a statement")
    article_before: re.Pattern[str]  # text ending in an article: the capitalised run after it is no person
    honorifics: frozenset[str]  # "Dr", "Me": a title that may follow an article ("le Dr Juneja")
    articles: frozenset[str]  # "la" in "La ministre Hélène Roux": a subject's title, unlike a possessive
    speech: re.Pattern[str]  # a speech verb inside a phrase: a second clause ("le président, rapporte l'hebdo")


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
    ends = words_pattern([v for d in data for v in d.get("phrase_ends", [])])
    # "M. Soullez", "Dr. Smith": the full stop of an abbreviated title is no sentence end (case-sensitive:
    # "told me." ends one)
    hon = rf"(?-i:\b(?:{words_pattern([v for d in data for v in d.get('honorifics', [])])})\.)"
    # up to two adverbs between the auxiliary and the verb ("a par contre promis", "has also said"), but not
    # a passive "été"/"been" (its subject heard the words)
    adverbs = r"(?:(?!(?:été|been)\b)[^\W\d_]{2,12}[ \u00a0]+){0,2}"
    verb = rf"(?:(?:{clitic})[ \u00a0]*)?(?:(?:{aux})[ \u00a0]+{adverbs})?(?:{verbs})"
    # who: up to 12 words without a sentence end or a quotation mark
    who = rf"(?:{hon}|[^.!?«»“”\"\n]){{1,120}}?"
    who_before = rf"(?:{hon}|[^.!?;«»“”\"\n]){{1,120}}?"
    i = re.IGNORECASE
    after = (
        # », a-t-il déclaré / », ajoute-t-elle / », poursuit-il
        # "aurait-il dit" (no -t- after a final t), "a t-il dit" (a common misspelling), "a-t-il encore assuré"
        re.compile(rf"^[{_SPACE},]*(?P<verb>(?:(?:{aux})(?:[- ]t)?-(?P<pron1>{pron})[ \u00a0]+(?:[^\W\d_]{{2,12}}[ \u00a0]+)?(?:{verbs}))|(?:(?:{verbs})(?:[- ]t)?-(?P<pron2>{pron})))\b", i),
        # », a déclaré Bruno Le Maire / “…,” said Jane Doe / », selon X
        re.compile(rf"^[{_SPACE},]*(?P<verb>{verb}|{acc})[ \u00a0]+(?P<who>{who})(?=[.;:!?)\n]|,[ \u00a0]*[«“\"]|$|[ \u00a0](?:{ends})\b)", i),
        # », témoigne l'enseignante, pour qui « … » / », affirme le directeur, Jean Dupont, tout en …: no
        # sentence end in reach, the speaker is in the first clause or its apposition (``_clause`` picks)
        re.compile(rf"^[{_SPACE},]*(?P<verb>{verb})[ \u00a0]+(?P<who>[^,.!?«»“”\"\n]{{1,80}}(?:,[^,.!?«»“”\"\n]{{1,60}})?)(?=,)", i),
        # “…,” Jane Doe said / “…,” she said / “…,” the spokesman, Paul Smith, told Reuters
        re.compile(rf"^[{_SPACE},]*(?P<who>{who})[ \u00a0]+(?P<verb>{verb})\b", i),
    )
    before = (
        # Bruno Le Maire a affirmé : « / Jane Doe told Reuters: " / she said, “ / Elle a ajouté : «
        re.compile(rf"(?:^|[.!?;][»”\"]?\s+|\n)(?P<who>{who_before})[ \u00a0]+(?P<verb>{verb})\b[^.!?«»“”\"\n]{{0,40}}?[:,][{_SPACE}]*$", i),
        # X said the talks had "stalled over fishing rights" (a partial quotation inside reported speech)
        re.compile(rf"(?:^|[.!?;][»”\"]?\s+|\n)(?P<who>{who_before})[ \u00a0]+(?P<verb>{verb})\b(?P<embedded>[^.!?:;,«»“”\"\n]{{1,60}})$", i),
        # Selon X, « / According to X, "
        re.compile(rf"(?:^|[.!?;]\s+|\n|,[ \u00a0]+)(?P<verb>{acc})[ \u00a0]+(?P<who>[^.!?;«»“”\"\n]{{1,100}}?),[{_SPACE}]*$", i),
    )
    words = lambda key: frozenset(w for d in data for w in d.get(key, []))  # noqa: E731
    word = rf"(?:{hon}|{_WORD_OR_INITIAL})"
    name = re.compile(rf"{word}(?:[ \u00a0](?:{_PARTICLES}[ \u00a0])?{_WORD_OR_INITIAL})*")
    det = words_pattern(sorted(words("determiners")))
    leads = re.compile(rf"\b(?:{det})(?:[ \u00a0]|(?<=['’]))", i)
    articles = words_pattern(sorted(words("determiners") | words("article_contractions")))
    article_before = re.compile(rf"(?:\b(?:{articles})[ \u00a0]+|\b[lL]['’])$", i)
    return _Rules(after, before, words("pronouns"), words("determiners"), name, leads, re.compile(rf"[ \u00a0](?:{ends})\b", i), article_before, words("honorifics"), words("articles"),
                  re.compile(rf"[ \u00a0](?:{verbs})\b", i))


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


def _name_in(frag: str, last: bool, rules: _Rules, opens: bool = True, initial: bool = False) -> tuple[int, int] | None:
    """The person's name in ``frag``: a capitalised run that is not an acronym and not the complement of a noun.

    ``initial``: ``frag`` opens a sentence (before a quotation), so its first word is capitalised by its place.
    """
    runs = []
    for m in rules.name.finditer(frag):
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
            # a name opens with a capital, not with the particle left after an elided article
            while words and (_ELIDED.match(words[0]) or words[0][0].islower()):
                words = words[1:]
            if not words or (len(words) == 1 and _ACRONYM.match(words[0])):
                continue
            # "Quelques instants après, le ministre a dit", "Si elle se dit": a single word that opens the
            # sentence is capitalised by its place; it is a name only when it is the whole subject
            # ("Trump said")
            if initial and at_start and len(words) == 1 and frag[pos:].strip(" ,"):
                continue
            wstart = start + piece.index(words[0])
            # "une Grecque de 17 ans", "the White House": a capitalised word after an article is a common
            # noun (a nationality), an institution or a place; a person's name takes no article, unless it
            # starts with a title ("le Dr Juneja")
            if _after_article(frag, wstart, words[0], rules):
                continue
            # "le ministère de la Défense", "une source au Parisien": the capital belongs to a complement
            before = frag[:wstart].rstrip().lower()
            if re.search(r"(?:\b(?:de|du|des|de la|of|the|au|aux|à|to|chez|for|by|with|about|pour|avec|par|sur|contre)|d['’])$", before) and re.search(r"\w", before):
                continue
            runs.append((wstart, pos))
    if not runs:
        return None
    return runs[-1] if last else runs[0]


def _after_article(text: str, start: int, first: str, rules: _Rules, lo: int = 0) -> bool:
    """True when the capitalised run at ``start`` follows an article and does not open with a title."""
    return first.rstrip(".") not in rules.honorifics and rules.article_before.search(text, lo, start) is not None


def _active(s: str, m: re.Match[str]) -> bool:
    """False when the speech verb is passive ("was told"): its subject heard the words, it did not say them."""
    return not _PASSIVE.search(s[: m.start("verb")])


def _attributes(tail: str, m: re.Match[str], ended: bool, comma: bool, rules: _Rules) -> bool:
    """False for "“….” She said hospitals should plan for “…”": a new sentence of reported speech, not an attribution."""
    if "who" not in m.groupdict() or m.group("who") is None or m.start("who") > m.start("verb"):
        return True
    if not re.search(r"\w", m.group("who")) or (m.group("who").rstrip().endswith(",") and not _name_in(m.group("who"), True, rules)):
        # "« … » des produits, a exposé l'avocate": a comma between a subject and its verb only closes an
        # apposition to a name ("Martha Ellison, the chief executive, said"); else the words before the
        # comma end the sentence and the subject comes after the verb
        return False
    if comma:
        # “…,” the man wrote in a letter to the editor: a comma inside the closing mark says the sentence
        # goes on with its attribution, however long
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
        # "Arrivé sur place, le Premier ministre a dit": a clause opened by a determiner is the subject
        if near.strip().lower() in rules.pronouns or _name_in(near, True, rules) or len(parts) == 1:
            return parts[-1]
        # "Arrivé sur place, le Premier ministre a dit": when the opening clause names nobody, a clause
        # opened by a determiner next to the verb is the subject
        if rules.leads.match(near.strip()) and not _name_in(frag[parts[0][0] : parts[0][1]], True, rules, initial=True):
            return parts[-1]
        return parts[0]
    return next((p for p in parts if _name_in(frag[p[0] : p[1]], False, rules)), parts[0])


def _people(text: str, before: int, rules: _Rules, quoted: list[tuple[int, int]], lo: int = 0) -> list[tuple[str, int, bool]]:
    """``(name, start, subject)`` of the people named before ``before``: runs of two or more capitalised words.

    Left out: names inside a quotation (the quoted voice mentions them, the narrator does not refer to
    them) and runs right after an article ("l'Institut Pasteur", "du Centre Hospitalier", "an Oliver
    Sacks kind of way": an institution, a place or a work). ``subject`` is True when the name opens its
    sentence or clause, bare or after a determiner and a title ("La ministre Hélène Roux s'est rendue"):
    the position a later pronoun refers back to.
    """
    window_lo = max(lo, before - 3000)
    opens = [q[0] for q in quoted]
    out = []
    for m in rules.name.finditer(text, window_lo, before):
        k = bisect_right(opens, m.start()) - 1
        if k >= 0 and m.start() < quoted[k][1]:
            continue
        words = m.group(0).split()
        while words and (words[0].lower() in rules.determiners or _ELIDED.match(words[0]) or words[0][0].islower()):
            words = words[1:]
        if len(words) < 2:
            continue
        start = m.start() + m.group(0).index(words[0])
        if _after_article(text, start, words[0], rules, max(window_lo, start - 30)):
            continue
        # (not after a colon: "elle partage sa vie : Bernard Dupont" names an object)
        # (nor after a suspension mark: "professeur d'anglais pour... Cyril Lignac !")
        clause = re.split(r"(?:(?<!\.)\.(?!\.)|[!?;,()—–])\s|\n", " " + text[max(window_lo, start - 200) : start])[-1].split()
        subject = not clause or (re.sub(r"(?<=['’]).*", "", clause[0].lower()).replace("’", "'") in rules.articles and len(clause) <= 3)
        out.append((text[start : m.end()], start, subject))
    return out


def _last_person(text: str, before: int, rules: _Rules, quoted: list[tuple[int, int]], lo: int = 0) -> tuple[str, int] | None:
    """The last person named before ``before`` (see ``_people``), in any position."""
    people = _people(text, before, rules, quoted, lo)
    return (people[-1][0], people[-1][1]) if people else None


def _phrase(frag: str, last: bool, rules: _Rules) -> tuple[int, int] | None:
    """An unnamed speaker's noun phrase: the clause nearest the quotation, at most 8 words, opened by a determiner."""
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
    det = rules.leads.search(frag, a, b)
    if det is not None and det.start() > a and len(frag[a : det.start()].split()) <= 2:
        a = det.start()
    # "le chercheur dans les colonnes du quotidien", "a spokesman in a statement": where, when or to whom
    cut = rules.ends.search(frag, a + 1, b)
    if cut is not None:
        b = cut.start()
    # "lui a conseillé le président rapporte l'hebdomadaire": a speech verb after the phrase's noun starts
    # the clause of whoever reports the words ("le juge" keeps its noun)
    verb = rules.speech.search(frag, a, b)
    if verb is not None and len(frag[a : verb.start()].split()) >= 2:
        b = verb.start()
    # "le président républicain qui est en retard": a relative clause describes the speaker
    rel = re.search(r"\s(?:who|whom|which|that|qui|que|dont)\b", frag[a:b], re.I)
    if rel is not None:
        b = a + rel.start()
    while a < b and frag[a].isspace():
        a += 1
    while b > a and frag[b - 1].isspace():
        b -= 1
    # a speaker without a name is a noun phrase, opened by a determiner ("un proche", "the spokesman") or
    # a possessive ("John Smith's lawyer"); anything else is a piece of the sentence ("a malgré tout
    # mérité sa victoire", "a t-il encore"), and no speaker is better than that
    if not (rules.leads.match(frag, a) or re.search(r"\w['’]s\b", frag[a:b])):
        return None
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
    spoke: set[str] = set()  # surnames of the speakers named so far

    marks = _spans(text)
    quoted = [(q[0], q[3]) for q in marks]

    def antecedent(at: int) -> tuple[str, int] | None:
        # the last speaker, unless someone else has been named since: then nobody can tell (a wrong
        # speaker is worse than none); with no speaker yet, the last person named, if nobody is named
        # after them and they are the subject of their clause (not "les jurés X et Y", "pour... X !")
        people = _people(text, at, rules, quoted)
        if last_speaker is None:
            return (people[-1][0], people[-1][1]) if people and people[-1][2] else None
        # "Mary Steenburgen" after "Steenburgen said" is the same person
        surname = last_speaker[0].split()[-1]
        if any(start > last_speaker[1] and name.split()[-1] != surname for name, start, _ in people):
            return None
        # the bare surname of another earlier speaker ("Boudreau gave his players a pep talk") names a
        # person too
        others = spoke - {surname}
        if others and re.search(rf"\b(?:{'|'.join(map(re.escape, others))})\b", text[last_speaker[1] + len(last_speaker[0]) : at]):
            return None
        return last_speaker
    for op, a, b, close_end in marks:
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
        pronoun = by_name = False
        lo, hi = op, close_end
        ended = inner.rstrip("»”\" ").endswith((".", "!", "?", "…"))
        comma = text[b : b + 1] == ","
        m_after = next((m for m in (p.match(tail) for p in rules.after) if m and _attributes(tail, m, ended, comma, rules) and _active(tail, m)), None)
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
                # "…, dont elle a expliqué le déroulement :": a pronoun right before the verb is its subject
                next_to_verb = who.split()[-1].lower() if who_first and who.split() else ""
                if next_to_verb in rules.pronouns or (clause is not None and who[clause[0] : clause[1]].strip().lower() in rules.pronouns):
                    pronoun = True
                    speaker, speaker_start = antecedent(op) or (None, None)
                elif clause is not None:
                    frag = who[clause[0] : clause[1]]
                    # the name nearest the verb: "WeWork chairman Marcelo Claure said", "said Paul Smith"
                    # after a verb ("selon Le Monde") a capitalised article is part of the name
                    span = _name_in(frag, last=who_first, rules=rules, opens=who_first, initial=who_first and not is_after)
                    by_name = span is not None
                    span = span or _phrase(frag, last=who_first, rules=rules)
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
            found_name = _last_person(text, op, rules, quoted, lo=sent_lo)
            if found_name is not None:
                (speaker, speaker_start), by_name = found_name, True
        else:
            continue
        k = max(0, bisect_right(starts, lo) - 1)
        j = max(k, bisect_right(starts, max(lo, hi - 1)) - 1)
        sentence = text[spans[k][0] : spans[j][1]] if spans else text[para_start:para_end]
        found.append(Quote(inner, a, b, speaker, speaker_start, verb, sentence, pronoun))
        # a name given by an attribution, even a bare surname ("Steenburgen said"), is what a later pronoun
        # refers back to
        if speaker and speaker_start is not None and not pronoun and by_name and rules.name.fullmatch(speaker):
            last_speaker = (speaker, speaker_start)
            spoke.add(speaker.split()[-1])
        prev_end, prev_speaker = close_end, ((speaker, speaker_start) if speaker and speaker_start is not None else None)
    return tuple(found)
