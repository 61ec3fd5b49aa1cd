"""Direct quotations in an article, each with its speaker and speech verb (French and English rules from data files)."""

from __future__ import annotations

import re
from bisect import bisect_right

from summarize_cli.quotes.marks import _spans
from summarize_cli.quotes.rules import _MAX_ATTRIBUTION, _MIN_UNATTRIBUTED, _MIN_WORDS, _SPACE, _Rules, _rules
from summarize_cli.quotes.speakers import (
    _active,
    _after,
    _cited,
    _clause,
    _holds_view,
    _name_in,
    _next_sentence,
    _People,
    _phrase,
    _relays,
)
from summarize_cli.schema import Quote

__all__ = ["find_quotes"]


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
    named = _People(text, rules, [(q[0], q[3]) for q in marks])

    def antecedent(at: int) -> tuple[str, int] | None:
        # the last speaker, unless someone else has been named since: then nobody can tell (a wrong
        # speaker is worse than none); with no speaker yet, the last person named, if nobody is named
        # after them and they are the subject of their clause (not "les jurés X et Y", "pour... X !")
        people = named.before(at)
        if last_speaker is None:
            return (people[-1][0], people[-1][1]) if people and people[-1][2] else None
        # a name said again, whole or by its end, is the same person ("Mary Steenburgen said", later
        # "Steenburgen"); not the other way round: "Melania Trump" after "Trump said" is someone else
        # who shares the surname (a wife, a daughter), and so is anyone else named since
        surname = last_speaker[0].split()[-1]
        if any(start > last_speaker[1] and name != last_speaker[0] and not last_speaker[0].endswith(" " + name) for name, start, _ in people):
            return None
        # the bare surname of another earlier speaker ("Boudreau gave his players a pep talk") names a
        # person too, and so is a capitalised word that a speech verb follows ("Williams said the call was odd")
        between = text[last_speaker[1] + len(last_speaker[0]) : at]
        others = spoke - {surname}
        if others and re.search(rf"\b(?:{'|'.join(map(re.escape, others))})\b", between):
            return None
        for m in re.finditer(r"\b([A-ZÀ-ÖØ-Þ][\w'’-]+)(?=[ \u00a0])", between):
            word = m.group(1)
            if word != surname and word.lower() not in rules.pronouns_or_determiners and rules.speech.match(between, m.end()):
                return None
        return last_speaker

    said_as: dict[str, str] = {}  # the pronoun that last stood for each speaker

    def referent(at: int, pron: str) -> tuple[str | None, int | None]:
        # "he" and "she" cannot stand for the same person: a speaker once called "he" is not the "she" of a
        # later quotation (another person, not named in an attribution, spoke)
        found = antecedent(at)
        if found is None:
            return None, None
        word = pron.strip().lower()
        if said_as.setdefault(found[0], word) != word:
            return None, None
        return found
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
        m_after = _after(tail, ended, comma, rules)
        tail_at = close_end  # where ``tail`` starts in ``text``
        if m_after is None and not ended:
            # "Mais « … » des produits, a expliqué l'avocate.": a few words end the sentence the quotation is
            # part of, and the attribution follows them after a comma, verb first
            gap = re.match(r"[^,.!?;:«»“”\"\n]{1,60}(?=,)", tail)
            if gap is not None and len(gap.group(0).split()) <= 6:
                m_after = _after(tail[gap.end() :], ended, comma, rules, verb_first=True)
                if m_after is not None:
                    tail, tail_at = tail[gap.end() :], close_end + gap.end()
        # (an attribution after the quotation wins: the ones before it are looked for only when there is none)
        m_before = None if m_after else next((m for m in (p.search(head) for p in rules.before) if m and _active(head, m, rules) and _holds_view(m, rules)), None)
        match, base, is_after = (m_after, tail_at, True) if m_after else (m_before, head_lo, False) if m_before else (None, 0, False)
        if match is not None:
            verb = match.group("verb")
            gd = match.groupdict()
            pron = gd.get("pron1") or gd.get("pron2")
            who = gd.get("who")
            if gd.get("embedded") is not None and nwords < 4:
                continue
            if is_after:
                hi = tail_at + match.end()
            else:
                lo = head_lo + match.start("who") if who is not None else head_lo + match.start()
            if pron is None and who is not None and who.strip().lower() in rules.pronouns:
                pron = who.strip()
            if pron is not None:
                pronoun = True
                speaker, speaker_start = referent(op, pron)
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
                    speaker, speaker_start = referent(op, next_to_verb if next_to_verb in rules.pronouns else who[clause[0] : clause[1]])
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
            if speaker is not None and not pronoun and _relays(verb, speaker, rules):
                # "« … », rapporte Le Parisien, citant un voisin": the outlet relays someone else's words;
                # the speaker is the one it cites by name, else unknown
                s, s_base = (tail, tail_at) if is_after else (head, head_lo)
                cited = _cited(s, match.start("verb"), rules)
                speaker, speaker_start, by_name = (s[cited[0] : cited[1]], s_base + cited[0], True) if cited else (None, None, False)
        elif prev_speaker is not None and para_start <= prev_end and _next_sentence(text, prev_end, op) and not _goes_on(text[b:close_end], tail, rules):
            # “…,” she said. “…” — the next quotation of the same paragraph goes on in the same voice
            speaker, speaker_start = prev_speaker
        elif nwords >= _MIN_UNATTRIBUTED and head.rstrip(_SPACE).endswith(":"):
            # "La glaciologue Mathilde Aubry dresse un constat : « ... »": the person named in the
            # clause that introduces the quotation
            sent_lo = max(para_start, max((head_lo + m.end() for m in re.finditer(r"[.!?]\s", head)), default=head_lo))
            found_name = named.last(op, lo=sent_lo)
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


def _goes_on(closing: str, tail: str, rules: _Rules) -> bool:
    """Whether the quotation's sentence goes on, past a comma in or after its ``closing`` mark, to name someone.

    "« … », s'amuse Roméo", "“…,” chuckled Ann Lee": an attribution that no rule read (a verb not in the
    data) gives the words to whoever it names, so they are not the last speaker's voice going on.
    ("“…,” a detail that fits the film" names no one next to a verb: the same voice may go on.)
    """
    if "," not in closing and re.match(r"[ \u00a0]*,", tail) is None:
        return False
    rest = re.split(r"[.!?\n«»“”\"]", tail, maxsplit=1)[0]
    # an attribution names its speaker next to its verb (", s'amuse Roméo", ", Ann Lee laughed"), or by a full
    # name further on (", a à nouveau assuré jeudi Édouard Philippe"); "I" and a lone capitalised word further on
    # name no one (", before the vote in Congress")
    first = re.findall(r"[^\W\d_][\w'’-]*", rest)[:2]
    full = any(len(m.group().split()) > 1 for m in rules.name.finditer(rest))
    return any(w[0].isupper() and w != "I" for w in first) or full
