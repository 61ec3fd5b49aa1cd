"""Tests for summarize_cli.sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize_cli.sentences import split_sentences

LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def _split(text: str, lang: str | None = None) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # Quotes: the sentence ends inside the closing quote.
        ("fr", "Il a dit : « Je viens. » Puis il est parti.", ["Il a dit : « Je viens. »", "Puis il est parti."]),
        ("fr", "« C'est fini ! » a-t-il dit. Il part.", ["« C'est fini ! » a-t-il dit.", "Il part."]),
        ("fr", "« C'est fini ! » Le président est parti.", ["« C'est fini ! »", "Le président est parti."]),
        ("en", "He said “I'm done.” Then he left.", ["He said “I'm done.”", "Then he left."]),
        ("en", 'He said: "Stop." Then "go."', ['He said: "Stop."', 'Then "go."']),
        # Decimals.
        (
            "fr",
            "La croissance a atteint 1,4 % en 2019. Le taux est de 7.5 %. C'est bien.",
            ["La croissance a atteint 1,4 % en 2019.", "Le taux est de 7.5 %.", "C'est bien."],
        ),
        ("en", "Sales rose 1.4 per cent. Profits fell.", ["Sales rose 1.4 per cent.", "Profits fell."]),
        # Abbreviations.
        ("fr", "M. Dupont et Mme Martin sont là. Le Dr Watson aussi.", ["M. Dupont et Mme Martin sont là.", "Le Dr Watson aussi."]),
        ("fr", "M. Le Drian est arrivé. Il parle.", ["M. Le Drian est arrivé.", "Il parle."]),
        ("en", "The U.S. Senate voted. Mr. Smith left St. Louis.", ["The U.S. Senate voted.", "Mr. Smith left St. Louis."]),
        ("en", "He moved to the U.S. The move was costly.", ["He moved to the U.S.", "The move was costly."]),
        ("en", "Apple Inc. said it grew. Acme Corp. The end.", ["Apple Inc. said it grew.", "Acme Corp.", "The end."]),
        ("en", "It was No. 1 in sales. Dr. Who agreed.", ["It was No. 1 in sales.", "Dr. Who agreed."]),
        ("en", "Apples, pears, etc. The rest rotted.", ["Apples, pears, etc.", "The rest rotted."]),
        ("en", "Apples, pears, etc. are fine.", ["Apples, pears, etc. are fine."]),
        ("fr", "Le 3 janv. 2020, p. ex. il a plu. Ensuite il a neigé.", ["Le 3 janv. 2020, p. ex. il a plu.", "Ensuite il a neigé."]),
        ("fr", "En 52 av. J.-C. César gagna. Puis il rentra.", ["En 52 av. J.-C. César gagna.", "Puis il rentra."]),
        # Initials.
        ("en", "J. K. Rowling met Kevin P. Weil. They talked.", ["J. K. Rowling met Kevin P. Weil.", "They talked."]),
        # Ellipses.
        ("fr", "Consternant... mais vrai. Un enfant est mort.", ["Consternant... mais vrai.", "Un enfant est mort."]),
        ("fr", "Il attendit… Rien ne vint.", ["Il attendit…", "Rien ne vint."]),
        # French spacing before ? and !.
        ("fr", "C'est vrai ? Oui ! Vraiment ?! Non.", ["C'est vrai ?", "Oui !", "Vraiment ?!", "Non."]),
        ("fr", "Objectif ? Réduire la vitesse.", ["Objectif ?", "Réduire la vitesse."]),
        ("fr", "Vraiment ? demande-t-il.", ["Vraiment ? demande-t-il."]),
        # Numbered lists and newlines.
        ("en", "1. First item\n2. Second item", ["1. First item", "2. Second item"]),
        ("en", "Steps:\n1. Open the box. Take it out.\n2. Plug it in", ["Steps:", "1. Open the box.", "Take it out.", "2. Plug it in"]),
        ("en", "A title without stop\nThe body starts here.", ["A title without stop", "The body starts here."]),
        # Paragraph breaks lost when text was flattened.
        (
            "fr",
            "La police privilégie l'accident.Consternant... mais vrai. Il s'est noyé.Lorsque les secours sont arrivés",
            ["La police privilégie l'accident.", "Consternant... mais vrai.", "Il s'est noyé.", "Lorsque les secours sont arrivés"],
        ),
        (
            "fr",
            'sur sa propriété."On attend un accident"Pour cela, il a utilisé un tube.',
            ["sur sa propriété.", '"On attend un accident"', "Pour cela, il a utilisé un tube."],
        ),
        ("en", "Visit example.com today. See www.site.org.", ["Visit example.com today.", "See www.site.org."]),
    ],
)
def test_split_cases(lang: str, text: str, expected: list[str]) -> None:
    assert _split(text, lang) == expected


# Hard cases seen in news text: each one once split a sentence in two or glued two together.
HARD_CASES = [
    # Quotations stay whole, with the attribution that follows them.
    ("fr", "« Nous prendrons le temps. Rien ne presse », a déclaré le ministre. La réunion est finie.",
     ["« Nous prendrons le temps. Rien ne presse », a déclaré le ministre.", "La réunion est finie."]),
    ("fr", "«Et pour rappel, la décision relève du ministre de l'Économie», ajoute un proche. Il se tait.",
     ["«Et pour rappel, la décision relève du ministre de l'Économie», ajoute un proche.", "Il se tait."]),
    ("fr", "« Le Brexit est une folie. C'est une erreur historique », annonce-t-il. Puis il part.",
     ["« Le Brexit est une folie. C'est une erreur historique », annonce-t-il.", "Puis il part."]),
    ("fr", "« Qui peut contester ? Personne. » Le débat est clos.", ["« Qui peut contester ? Personne. »", "Le débat est clos."]),
    ("fr", "Le coronavirus « ressemble à un gros rhume. Vous pouvez tousser », dit-il. Fin.",
     ["Le coronavirus « ressemble à un gros rhume. Vous pouvez tousser », dit-il.", "Fin."]),
    ("fr", "« C'est terrifiant ». L'avion a atterri.", ["« C'est terrifiant ».", "L'avion a atterri."]),
    ("en", '"We will fight. We will win," said Mr. Smith. The crowd cheered.',
     ['"We will fight. We will win," said Mr. Smith.', "The crowd cheered."]),
    ("en", "“We are done. It is over,” he told the U.S. Senate. Then he left.",
     ["“We are done. It is over,” he told the U.S. Senate.", "Then he left."]),
    ("en", "She said it was “absurd.” The board met later.", ["She said it was “absurd.”", "The board met later."]),
    ("en", 'Mr Blair said: "I am sure of it." He then left.', ['Mr Blair said: "I am sure of it."', "He then left."]),
    # A quotation running over paragraphs reopens each one and closes only at the end.
    ("en", '"The economy is weak. "Even so, we expect growth," she said.',
     ['"The economy is weak.', '"Even so, we expect growth," she said.']),
    ("en", '"What you find is change. "Many push for less competition."\nNext.',
     ['"What you find is change.', '"Many push for less competition."', "Next."]),
    # A heading glued to the quotation that opens the next paragraph.
    ("fr", "Il a été interpellé.\"Acte odieux\"\"Mes pensées vont aux victimes\", a écrit le ministre.",
     ["Il a été interpellé.", '"Acte odieux"', '"Mes pensées vont aux victimes", a écrit le ministre.']),
    # Brackets: a period inside them ends nothing, a closing one is never alone.
    ("fr", "Les joueurs (cat. A). Les autres suivent.", ["Les joueurs (cat. A).", "Les autres suivent."]),
    ("fr", "Le permis (cat. B) est requis. Il coûte cher.", ["Le permis (cat. B) est requis.", "Il coûte cher."]),
    ("en", "The deal (worth $1.5bn. at the time) collapsed. Shares fell.",
     ["The deal (worth $1.5bn. at the time) collapsed.", "Shares fell."]),
    ("en", "He works for Apple (U.S.). She works for Sony.", ["He works for Apple (U.S.).", "She works for Sony."]),
    ("fr", "Il est parti (voir plus haut). Elle reste.", ["Il est parti (voir plus haut).", "Elle reste."]),
    ("fr", "». Il part. Fin.", ["». Il part.", "Fin."]),
    # Abbreviations, in both languages, elided or not.
    ("fr", "Selon l'art. 49 de la Constitution, le texte passe. Le débat continue.",
     ["Selon l'art. 49 de la Constitution, le texte passe.", "Le débat continue."]),
    ("fr", "Il habite au n° 5. Il part demain.", ["Il habite au n° 5.", "Il part demain."]),
    ("fr", "Voir p. 12 du rapport. La suite est en annexe.", ["Voir p. 12 du rapport.", "La suite est en annexe."]),
    ("fr", "Mme Martin et M. Dupont, etc. Ils sont partis.", ["Mme Martin et M. Dupont, etc.", "Ils sont partis."]),
    ("fr", "Mme Martin, M. Dupont, etc. sont partis.", ["Mme Martin, M. Dupont, etc. sont partis."]),
    ("en", "Gov. Brown met Sen. Jones at 9 a.m. on Monday. They talked.",
     ["Gov. Brown met Sen. Jones at 9 a.m. on Monday.", "They talked."]),
    ("en", "Shares in Acme Inc. rose 3%. Acme Inc. The end.", ["Shares in Acme Inc. rose 3%.", "Acme Inc.", "The end."]),
    ("en", "It was, e.g. a big deal. Others disagreed.", ["It was, e.g. a big deal.", "Others disagreed."]),
    ("en", "Prof. Green, of St. Andrews, spoke. Dr. Who agreed.", ["Prof. Green, of St. Andrews, spoke.", "Dr. Who agreed."]),
    ("en", "The firm's profit was £1.04bn. That beat forecasts.", ["The firm's profit was £1.04bn.", "That beat forecasts."]),
    # Initials, dotted and hyphenated; U.S. ends a sentence only before a sentence opener.
    ("fr", "J.-M. Le Pen était présent. Il a parlé.", ["J.-M. Le Pen était présent.", "Il a parlé."]),
    ("fr", "En 52 av. J.-C. Il rentra à Rome.", ["En 52 av. J.-C.", "Il rentra à Rome."]),
    ("en", "The U.S. economy grew. Prices rose in the U.K. The Fed waited.",
     ["The U.S. economy grew.", "Prices rose in the U.K.", "The Fed waited."]),
    ("fr", "L'enquête a été confiée à la PJ. Les parents sont entendus.",
     ["L'enquête a été confiée à la PJ.", "Les parents sont entendus."]),
    ("fr", "Le vol AF 447 (Rio-Paris) s'est abîmé. 228 personnes sont mortes.",
     ["Le vol AF 447 (Rio-Paris) s'est abîmé.", "228 personnes sont mortes."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), HARD_CASES)
def test_hard_cases(lang: str, text: str, expected: list[str]) -> None:
    assert _split(text, lang) == expected


def test_there_are_thirty_hard_cases() -> None:
    assert len(HARD_CASES) >= 30


def test_a_quotation_too_long_to_be_one_sentence_is_cut_inside() -> None:
    # Past a few sentences a "quotation" is a lost closing mark or a quoted paragraph: bullets must stay short.
    inner = " ".join(f"Phrase numéro {i} du discours." for i in range(30))
    text = f"« {inner} », a-t-il dit."
    assert len(_split(text, "fr")) > 10


def test_lang_none_and_unknown_use_both_lists() -> None:
    text = "M. Dupont a vu Mr. Smith. Ils parlent."
    expected = ["M. Dupont a vu Mr. Smith.", "Ils parlent."]
    assert _split(text) == expected
    assert _split(text, "de") == expected
    assert _split(text, "fr-FR") == _split(text, "fr")


def test_spans_index_the_original_text() -> None:
    text = "  Premier point.  \n\n  Second point !  "
    spans = split_sentences(text, "fr")
    assert spans == [(2, 16), (22, 36)]


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "...", "« »"])
def test_degenerate_inputs(text: str) -> None:
    spans = split_sentences(text)
    assert all(text[a:b].strip() for a, b in spans)


def _check(text: str, spans: list[tuple[int, int]]) -> None:
    prev = 0
    for a, b in spans:
        assert prev <= a < b <= len(text)
        assert text[a:b].strip()
        assert text[a:b] == text[a:b].strip()
        assert not any(c in LINE_BREAKS for c in text[a:b])
        if not any(c.isalnum() for c in text[a:b]):
            # A lone mark is never a sentence unless it is all its line holds.
            line = [(x, y) for x, y in spans if not any(c in LINE_BREAKS for c in text[min(a, x):max(b, y)])]
            assert line == [(a, b)], (text, spans)
        prev = b
    covered = set()
    for a, b in spans:
        covered.update(range(a, b))
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())


LANGS = st.sampled_from([None, "fr", "en", "de", ""])
TRICKY = st.text(alphabet="Aa bÉé1.,!?…«»“”\"'()\n\u00a0\u202fMJUS-", max_size=80)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), LANGS)
def test_any_unicode_gives_valid_spans(text: str, lang: str | None) -> None:
    _check(text, split_sentences(text, lang))


@settings(max_examples=300, deadline=None)
@given(TRICKY, LANGS)
def test_punctuation_soup_gives_valid_spans(text: str, lang: str | None) -> None:
    _check(text, split_sentences(text, lang))
