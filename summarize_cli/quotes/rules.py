"""Attribution rules of one language: speech verbs, pronouns, titles and the patterns built from them (data files)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

_CLOSE = {"«": "»", "“": "”", "„": "“", '"': '"'}
_SPACE = " \t\u00a0\u202f"
# A speaker's name: capitalised words, with the particles and initials names carry.
_WORD_OR_INITIAL = r"(?:(?:[A-ZÀ-ÖØ-Þ]\.){2,}|[A-ZÀ-ÖØ-Þ]\.(?:-[A-ZÀ-ÖØ-Þ]\.)?|[A-ZÀ-ÖØ-Þ][\w'’]*(?:-[\w'’]+)*)"
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
    prepositions: frozenset[str]  # "On Monday", "En Bretagne": a capitalised run they open is no person
    viewpoint: frozenset[str]  # "Pour X, « … »": the name after it holds the view; the word is no part of it
    links: frozenset[str]  # "de", "of": a name right after one is the complement of the noun before it
    link_before: re.Pattern[str]  # text ending in a link word ("l'avocat de", "a source close to")
    relative: re.Pattern[str]  # a word opening a relative clause ("qui", "who"), searched with a space before
    passive: re.Pattern[str]  # text ending in a passive auxiliary ("was", "été")
    reporting: frozenset[str]  # "rapporte": the subject relays someone else's words
    citing: re.Pattern[str]  # "citant", "quoting": the name after it is whose words are relayed
    organisations: frozenset[str]  # "société", "company": the capitalised run after one is no person
    media: frozenset[str]  # "quotidien", "newspaper": a medium that relays words ("rapporte le quotidien")
    adverbial: frozenset[str]  # "moment": "Pour le moment" is an adverb, not a view's holder
    conjunctions: frozenset[str]  # "and", "et": after a name, no sign that it is a subject
    # unions asked for every name or word of an article, built once here
    not_verb_after: frozenset[str]  # prepositions, links and conjunctions: after a name, no verb of its own
    pronouns_or_determiners: frozenset[str]  # a capitalised word that is one of these names no one
    relaying: frozenset[str]  # organisations and media: their "rapporte" relays someone else's words


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
    # time words as written: "Marie Lundi" is a name, "jeudi" a day
    ends = words_pattern([v for d in data for v in d.get("phrase_ends", [])]) + "|(?-i:" + words_pattern([v for d in data for v in d.get("time_words", [])]) + ")"
    # "M. Soullez", "Dr. Smith": the full stop of an abbreviated title is no sentence end (case-sensitive:
    # "told me." ends one)
    hon = rf"(?-i:\b(?:{words_pattern([v for d in data for v in d.get('honorifics', [])])})\.)"
    # up to two adverbs between the auxiliary and the verb ("a par contre promis", "has also said"), but not
    # a passive "été"/"been" (its subject heard the words)
    adverbs = r"(?:(?!(?:été|been)\b)[^\W\d_]{2,12}[ \u00a0]+){0,2}"
    verb = rf"(?:(?:{clitic})[ \u00a0]*)?(?:(?:{aux})[ \u00a0]+{adverbs})?(?:{verbs})"
    # who: up to 12 words without a sentence end or a quotation mark
    # nor does the stop of a dotted acronym or of an initial before a name ("said U.S. Attorney Nealy Cox",
    # "a U.N. spokesman", "John F. Kennedy", "J.-M. Durand")
    # (not when a determiner or a pronoun follows: "le porte-parole de l'O.N.U. Les combats", "Malcolm X. He was")
    opener = words_pattern(sorted({v for d in data for k in ("determiners", "pronouns", "articles") for v in d.get(k, [])}))
    dotted = (rf"(?-i:\b(?:[A-ZÀ-ÖØ-Þ]\.){{2,}}(?=[ \u00a0]+(?!(?i:{opener})\b)\w)"
              rf"|\b[A-ZÀ-ÖØ-Þ]\.(?:-[A-ZÀ-ÖØ-Þ]\.)?(?=[ \u00a0]+(?!(?i:{opener})\b)[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]))")
    who = rf"(?:{hon}|{dotted}|[^.!?«»“”\"\n]){{1,120}}?"
    who_before = rf"(?:{hon}|{dotted}|[^.!?;«»“”\"\n]){{1,120}}?"
    i = re.IGNORECASE
    after = (
        # », a-t-il déclaré / », ajoute-t-elle / », poursuit-il
        # "aurait-il dit" (no -t- after a final t), "a t-il dit" (a common misspelling), "a-t-il encore assuré"
        re.compile(rf"^[{_SPACE},]*(?P<verb>(?:(?:{aux})(?:[- ]t)?-(?P<pron1>{pron})[ \u00a0]+(?:[^\W\d_]{{2,12}}[ \u00a0]+)?(?:{verbs}))|(?:(?:{verbs})(?:[- ]t)?-(?P<pron2>{pron})))\b", i),
        # », a déclaré Bruno Le Maire / “…,” said Jane Doe / », selon X
        re.compile(rf"^[{_SPACE},]*(?P<verb>{verb}|{acc})[ \u00a0]+(?P<who>{who})(?=[.;:!?)\n]|,[ \u00a0]*[«“\"]|$|[ \u00a0](?:{ends})\b)", i),
        # », témoigne l'enseignante, pour qui « … » / », affirme le directeur, Jean Dupont, tout en …: no
        # sentence end in reach, the speaker is in the first clause or its apposition (``_clause`` picks)
        re.compile(rf"^[{_SPACE},]*(?P<verb>{verb})[ \u00a0]+(?P<who>(?:{hon}|{dotted}|[^,.!?«»“”\"\n]){{1,80}}(?:,[^,.!?«»“”\"\n]{{1,60}})?)(?=,)", i),
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
    # a def, not a lambda bound to a name (E731)
    def words(key: str) -> frozenset[str]:
        return frozenset(w for d in data for w in d.get(key, []))

    word = rf"(?:{hon}|{_WORD_OR_INITIAL})"
    name = re.compile(rf"{word}(?:[ \u00a0](?:{_PARTICLES}[ \u00a0])?{_WORD_OR_INITIAL})*")
    det = words_pattern(sorted(words("determiners")))
    leads = re.compile(rf"\b(?:{det})(?:[ \u00a0]|(?<=['’]))", i)
    articles = words_pattern(sorted(words("determiners") | words("article_contractions")))
    article_before = re.compile(rf"(?:\b(?:{articles})[ \u00a0]+|\b[lL]['’])$", i)
    links = words_pattern(sorted(words("links")))
    link_before = re.compile(rf"\b(?:{links})[ \u00a0]*$", i)
    relative = re.compile(rf"\s(?:{words_pattern(sorted(words('relatives')))})\b", i)
    passive = re.compile(rf"\b(?:{words_pattern(sorted(words('passive')))})\s*$", i)
    citing = re.compile(rf"\b(?:{words_pattern(sorted(words('citing')))})[ \u00a0]+", i)
    return _Rules(after, before, words("pronouns"), words("determiners"), name, leads, re.compile(rf"[ \u00a0](?:{ends})\b", i), article_before, words("honorifics"), words("articles"),
                  re.compile(rf"[ \u00a0](?:{verbs})\b", i), words("prepositions"), words("viewpoint"), words("links"), link_before, relative, passive,
                  words("reporting"), citing, words("organisations"), words("media"), words("adverbial"),
                  words("conjunctions"), words("prepositions") | words("links") | words("conjunctions"),
                  words("pronouns") | words("determiners"), words("organisations") | words("media"))
