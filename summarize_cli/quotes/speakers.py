"""Who is speaking: names, noun phrases, clauses and pronoun antecedents around a quotation."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from summarize_cli.quotes.rules import _ELIDED, _Rules

_ACRONYM = re.compile(r"^[A-ZÀ-ÖØ-Þ]{2,}$")
# "AFP", "U.N.": alone, an agency, a party, a country (a dotted one inside a run is part of it: "J.K. Rowling",
# "U.S. Attorney Nealy Cox", "the U.N. Security Council")
_LONE_ACRONYM = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ]{2,}|(?:[A-ZÀ-ÖØ-Þ]\.){2,})$")
_WINDOW = 3000  # characters looked back for a pronoun's antecedent


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
            # "On Monday, the paper warned", "En Bretagne, le maire a dit": a place or a time, not who spoke
            if words and words[0].lower() in rules.prepositions:
                continue
            # "Pour Aurore Vidal, « … »": the view is hers; "Pour" is no part of her name
            if len(words) > 1 and words[0].lower() in rules.viewpoint:
                words = words[1:]
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
            if not words or (len(words) == 1 and _LONE_ACRONYM.match(words[0])):
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
            # "le ministère de la Défense", "une source au Parisien": the capital belongs to a complement;
            # "l'avocate de la société Meta", "the company Meta": a run right after a noun for an
            # organisation names it, not a person
            before = frag[:wstart].rstrip()
            if rules.link_before.search(before) or _of_organisation(before, rules):
                continue
            runs.append((wstart, pos))
    if not runs:
        return None
    return runs[-1] if last else runs[0]


def _of_organisation(before: str, rules: _Rules) -> bool:
    """True when ``before`` ends in a noun for an organisation that a link word ties to a noun ("l'avocate de la société")."""
    words = before.lower().replace("’", "'").split()
    if len(words) < 2:
        return False
    elided = re.match(r"\w'", words[-1])  # "de l'entreprise"
    if words[-1][elided.end() if elided else 0 :] not in rules.organisations:
        return False
    rest = words[:-1]
    if not elided and rest[-1] in rules.determiners:
        rest = rest[:-1]
    return bool(rest) and rules.link_before.search(" ".join(rest)) is not None


def _relays(verb: str, speaker: str, rules: _Rules) -> bool:
    """True for "rapporte Le Parisien", "rapporte l'AFP", "rapporte le quotidien": a medium that relays words it did not say.

    A reporting verb's subject is a speaker only as a common noun phrase for a person ("a rapporté un
    gendarme"); a title or an organisation passes on someone else's words.
    """
    if not any(w in rules.reporting for w in re.split(r"[\s-]+", verb.lower())):
        return False
    # the article opening the phrase is capitalised by its place ("Le Parisien" as "Le témoin"): look past it
    phrase = re.sub(r"^\w['’]", "", speaker).split()
    if phrase and phrase[0].lower() in rules.determiners:
        phrase = phrase[1:]
    return any(w[:1].isupper() or w.lower() in rules.relaying for w in phrase)


def _after_article(text: str, start: int, first: str, rules: _Rules, lo: int = 0) -> bool:
    """True when the capitalised run at ``start`` follows an article and does not open with a title."""
    return first.rstrip(".") not in rules.honorifics and rules.article_before.search(text, lo, start) is not None


def _active(s: str, m: re.Match[str], rules: _Rules) -> bool:
    """False when the speech verb is passive ("was told"): its subject heard the words, it did not say them."""
    return not rules.passive.search(s[: m.start("verb")])


def _after(tail: str, ended: bool, comma: bool, rules: _Rules, verb_first: bool = False) -> re.Match[str] | None:
    """The attribution that opens ``tail`` (the text after a quotation), if any; ``verb_first``: only one whose subject follows its verb."""
    for pattern in rules.after:
        m = pattern.match(tail)
        if m is None or (verb_first and (m.groupdict().get("who") is None or m.start("who") < m.start("verb"))):
            continue
        if _cut_at_abbreviation(tail, m, rules):
            continue
        if _attributes(tail, m, ended, comma, rules) and _active(tail, m, rules) and _holds_view(m, rules):
            return m
    return None


def _cut_at_abbreviation(tail: str, m: re.Match[str], rules: _Rules) -> bool:
    """True when the speaker ends on a title whose full stop follows ("a souligné M. Cardoux, estimant"): the stop
    is the abbreviation's, not the sentence's, so another rule must read the name."""
    who = (m.groupdict().get("who") or "").split()
    if not who or tail[m.end("who") : m.end("who") + 1] != ".":
        return False
    # after a given name the letter is the name's initial ("Sophie M.", "Malcolm X."): the stop ends it
    return who[-1] in rules.honorifics and (len(who) == 1 or not who[-2][:1].isupper())


def _holds_view(m: re.Match[str], rules: _Rules) -> bool:
    """False for "Pour le moment, « … »": "pour"/"for" names a view's holder, a person or a noun phrase ("Pour l'avocat"), not a time."""
    if m.group("verb").lower() not in rules.viewpoint:
        return True
    who = m.groupdict().get("who") or ""
    if _name_in(who, last=False, rules=rules) is not None:
        return True
    words = [re.sub(r"^\w['’]", "", w) for w in who.lower().split()]
    return rules.leads.match(who.strip()) is not None and not any(w in rules.adverbial for w in words)


def _cited(s: str, at: int, rules: _Rules) -> tuple[int, int] | None:
    """The span in ``s`` of the person named after "citant"/"quoting" in the sentence from ``at``, if any."""
    end = re.search(r"[!?;«»“”\"\n]|(?<![A-Z])\.", s[at:])
    stop = at + end.start() if end else len(s)
    cite = rules.citing.search(s, at, stop)
    if cite is None:
        return None
    span = _name_in(s[cite.end() : stop], last=False, rules=rules, opens=False)
    return (cite.end() + span[0], cite.end() + span[1]) if span else None


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
    parts = [p for p in parts if not rules.relative.match(frag[p[0] : p[1]])] or parts
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


class _People:
    """The people named in one text, found once (on the first look-up) and looked up by position.

    A person is a run of two or more capitalised words. Left out: names inside a quotation (the quoted
    voice mentions them, the narrator does not refer to them) and runs right after an article
    ("l'Institut Pasteur", "du Centre Hospitalier", "an Oliver Sacks kind of way": an institution, a
    place or a work). Each comes with ``subject``: True when the name is in the position a later pronoun
    refers back to (see ``_subject``).
    """

    def __init__(self, text: str, rules: _Rules, quoted: list[tuple[int, int]]) -> None:
        self._text, self._rules, self._quoted = text, rules, quoted
        self._found: list[tuple[str, int, bool]] | None = None
        self._starts: list[int] = []

    def before(self, at: int, lo: int = 0) -> list[tuple[str, int, bool]]:
        """``(name, start, subject)`` of the people named from ``lo`` (at most ``_WINDOW`` back) to ``at``."""
        if self._found is None:
            self._found = self._scan()
            self._starts = [start for _, start, _ in self._found]
        i = bisect_left(self._starts, max(lo, at - _WINDOW))
        j = bisect_left(self._starts, at)
        return [p for p in self._found[i:j] if p[1] + len(p[0]) <= at]

    def last(self, at: int, lo: int = 0) -> tuple[str, int] | None:
        """The last person named before ``at`` (from ``lo``), in any position."""
        people = self.before(at, lo)
        return (people[-1][0], people[-1][1]) if people else None

    def _scan(self) -> list[tuple[str, int, bool]]:
        text, rules, quoted = self._text, self._rules, self._quoted
        opens = [q[0] for q in quoted]
        out = []
        for m in rules.name.finditer(text):
            k = bisect_right(opens, m.start()) - 1
            if k >= 0 and m.start() < quoted[k][1]:
                continue
            words = m.group(0).split()
            if words and words[0].lower() in rules.prepositions:
                continue
            view = len(words) > 1 and words[0].lower() in rules.viewpoint
            if view:
                words = words[1:]
            while words and (words[0].lower() in rules.determiners or _ELIDED.match(words[0]) or words[0][0].islower()):
                words = words[1:]
            if len(words) < 2:
                continue
            start = m.start() + m.group(0).index(words[0])
            if _after_article(text, start, words[0], rules, max(0, start - 30)):
                continue
            # "Pour Aurore Vidal, …" opens its sentence with the view's holder: the place a pronoun refers back to
            lead = m.start() if view else start
            out.append((text[start : m.end()], start, _subject(text[max(0, lead - 200) : lead], text[m.end() : m.end() + 40], rules)))
        return out


def _subject(before: str, after: str, rules: _Rules) -> bool:
    """True when a name between ``before`` and ``after`` (the text up to it and from its end) is the subject of its clause.

    So it is when it opens the clause, or follows a title: "La ministre Hélène Roux", "L'ex-ministre X",
    and, opening a sentence, a bare one ("Local trader Sunita Rao", "Former president Barack Obama").
    Not after a colon ("elle partage sa vie : Bernard Dupont" names an object), a suspension mark
    ("pour... Cyril Lignac !"), a possessive ("His daughter Jane Smith": a relative of someone else), or
    the noun a link word ties the name to ("L'avocat de Marie Dubois", "The lawyer for John Smith": the
    lawyer is the subject).
    """
    pieces = re.split(r"((?:(?<!\.)\.(?!\.)|[!?;,()—–])\s|\n)", " " + before)
    words = pieces[-1].split()
    if not words:
        return True
    if rules.link_before.search(pieces[-1].rstrip()):
        return False
    low = [w.lower().replace("’", "'") for w in words]
    first = re.sub(r"(?<=').*", "", low[0])
    if first in rules.determiners and first not in rules.articles:
        return False
    # the title's words: an elided article ("L'avocat") is glued to the first of them
    title = low[1:] if low[0] in rules.articles else low
    if len(title) > 2 or any(w in rules.pronouns for w in title) or rules.speech.search(" " + " ".join(low)):
        return False
    if first in rules.articles:
        return True
    # a bare title (no article) only opens a sentence: "However, police arrested John Smith" names an object
    if len(pieces) >= 3 and pieces[-2].startswith(","):
        return False
    # and the words before the name may be a verb ("Police arrested John Smith on Monday"): a subject is followed
    # by its verb or an apposition, an object by a preposition or the end of the sentence
    nxt = re.match(r"\s*([^\W\d_][\w'’-]*|[,.;:!?]|$)", after)
    token = nxt.group(1).lower() if nxt else ""
    return token == "," or bool(token) and token[0].isalpha() and token not in rules.not_verb_after


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
    # the clause of whoever reports the words ("le juge" keeps its noun); only after a complete noun
    # phrase: after a link word or a determiner it is a noun spelled like a verb ("le directeur de la
    # note", "l'avocat du juge", "the author of the reports")
    for verb in rules.speech.finditer(frag, a, b):
        noun = frag[a : verb.start()].rstrip()
        if len(noun.split()) >= 2 and not rules.link_before.search(noun) and not rules.article_before.search(noun + " "):
            b = verb.start()
            break
    # "le président républicain qui est en retard": a relative clause describes the speaker
    rel = rules.relative.search(frag, a + 1, b)
    if rel is not None:
        b = rel.start()
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
