"""Number guard: hand-made translations with slipped, missing and reformatted figures."""

from __future__ import annotations

import pytest

from summarize_cli.numguard import check_translation


@pytest.mark.parametrize(
    ("source", "translated"),
    [
        ("OpenAI a un chiffre d’affaires de 20 milliards de dollars et 1,4 trillion d’engagements.",
         "OpenAI has revenue of $20 billion and $1.4 trillion in commitments."),
        ("Il y a 1 000 salariés.", "There are 1,000 employees."),
        ("Le PIB a progressé de 0,7 % en 2025.", "GDP grew by 0.7 percent in 2025."),
        ("Un million de clients en huit ans.", "One million customers in 8 years."),
        ("Le COVID-19 a frappé le 1er mars à 14h30.", "COVID-19 struck on March 1 at 2:30 p.m."),
        ("Un déficit de 5 Md€ et 300 M€.", "A deficit of €5bn and €300m."),
        ("Aucun chiffre ici.", "No figure here."),
    ],
)
def test_faithful_translations_pass_unchanged(source: str, translated: str) -> None:
    assert check_translation(source, translated, "fr", "en") == (translated, True)


@pytest.mark.parametrize(
    ("source", "translated", "repaired"),
    [
        ("Le prix est de 283,82 €.", "The price is €28.82.", "The price is €283.82."),
        ("Le prix est de 283,82 €.", "The price is 28,82 €.", "The price is 283.82 €."),
        ("La ville compte 2.200.112 habitants.", "The city has 2,200,12 inhabitants.", "The city has 2,200,112 inhabitants."),
        ("Le chiffre atteint 1,4 milliard d'euros.", "The figure reached 1.4 million euros.", "The figure reached 1.4 billion euros."),
        ("Le chiffre atteint 1,4 milliard d'euros.", "The figure reached 1.4 euros.", "The figure reached 1.4 billion euros."),
        ("La hausse est de 3,5 % en 2025.", "The increase is 35% in 2025.", "The increase is 3.5% in 2025."),
        ("Il y a 12 500 salariés.", "There are 12.500 employees.", "There are 12,500 employees."),
        ("Il y a 1 000 salariés.", "There are 1 000 employees.", "There are 1,000 employees."),
    ],
)
def test_slipped_figures_are_rewritten_from_the_source(source: str, translated: str, repaired: str) -> None:
    assert check_translation(source, translated, "fr", "en") == (repaired, True)


@pytest.mark.parametrize(
    ("source", "translated"),
    [
        ("Il a payé 12 millions.", "He paid."),  # dropped
        ("Il a payé 12 millions.", "He paid 12 million and 40 more."),  # invented
        ("Le budget est de 450 euros.", "The budget is 7,913 euros."),  # unrelated, not a slip
        ("Il possède 3 billions d'euros.", "He owns 3 million euros."),  # long-scale: cannot choose
    ],
)
def test_unrepairable_figures_are_flagged(source: str, translated: str) -> None:
    assert check_translation(source, translated, "fr", "en") == (translated, False)


def test_long_scale_billion_accepts_both_readings() -> None:
    src = "Il possède 1 billion d'euros."
    assert check_translation(src, "He owns 1 trillion euros.", "fr", "en")[1]
    assert check_translation(src, "He owns 1 billion euros.", "fr", "en")[1]


def test_english_to_french_conventions() -> None:
    out, ok = check_translation("The price is $1,500.5.", "Le prix est de 1,5005 $.", "en", "fr")
    assert ok and out == "Le prix est de 1\u202f500,5 $."


def test_written_figures_pair_before_spelled_ones() -> None:
    # "Un" is the numeral 1 as well as the article: it must not take the partner of the written "1"
    assert check_translation("Un homme a payé 1 €.", "A man paid €1.", "fr", "en") == ("A man paid €1.", True)


def test_dates_phones_and_cents_are_numbers_too() -> None:
    assert check_translation("Il est né le 17/05/2018.", "He was born on 05/17/2018.", "fr", "en")[1]
    assert check_translation("Le 1er mars 2020 à 14h30.", "On March 1, 2021 at 2:30 p.m.", "fr", "en") \
        == ("On March 1, 2020 at 2:30 p.m.", True)
    assert check_translation("Il a payé 15 dollars 50.", "He paid $15.50.", "fr", "en")[1]


def test_repairs_write_the_target_scale_word() -> None:
    # French "mille" takes no plural
    assert check_translation("He paid 3 thousand euros.", "Il a payé 3 millions euros.", "en", "fr") \
        == ("Il a payé 3 mille euros.", True)


@pytest.mark.parametrize("source,translated,expected", [
    # the model kept the French decimal comma: written the English way, every decimal kept
    ("3,5 millions d'habitants.", "3,5 million inhabitants.", ("3.5 million inhabitants.", True)),
    ("une hausse de 2,75 milliards d'euros.", "an increase of 2,75 billion euros.", ("an increase of 2.75 billion euros.", True)),
    ("15,3 millions de dollars", "$15,3 million", ("$15.3 million", True)),
    # the model left the scale word in French: flagged, never garbled into "20 billion milliards"
    ("dépasser 20 milliards de dollars.", "exceed 20 milliards de dollars.", ("exceed 20 milliards de dollars.", False)),
    ("20 milliards", "20 millions", ("20 millions", False)),
])
def test_a_rewrite_never_changes_or_garbles_a_figure(source, translated, expected):
    assert check_translation(source, translated, "fr", "en") == expected
