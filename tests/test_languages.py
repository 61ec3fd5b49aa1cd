"""The languages registry: languages found from data files, and the one guesser every stage uses."""

import subprocess
import sys

import pytest

from summarize_cli import languages
from summarize_cli.languages import data_languages, guess_language


def test_reference_article_is_french(sample_fr):
    assert guess_language(sample_fr.read_text()) == "fr"


def test_english_sample(sample_en):
    assert guess_language(sample_en.read_text()) == "en"


@pytest.mark.parametrize("text,lang", [
    ("Die Regierung hat am Montag einen neuen Haushalt vorgestellt.", "de"),
    ("El gobierno presentó el lunes un nuevo presupuesto para el año.", "es"),
])
def test_other_languages(text, lang):
    assert guess_language(text) == lang


def test_too_short_falls_back_to_default():
    assert guess_language("42 !", default="fr") == "fr"


def test_long_texts_skip_the_slow_model(sample_fr, sample_en):
    code = (
        "import sys; from summarize_cli.languages import guess_language as d; "
        f"r = d(open({str(sample_fr)!r}).read()), d(open({str(sample_en)!r}).read()); "
        "print(r, 'py3langid' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert out.strip() == "('fr', 'en') False"


def test_long_german_text_by_function_words():
    text = "Die Regierung hat am Montag einen neuen Haushalt vorgestellt, der auch mehr Geld für die Schulen vorsieht. " * 4
    assert guess_language(text) == "de"


def test_among_picks_the_best_of_the_given_languages():
    assert guess_language("Le gouvernement a présenté les mesures pour le budget.", among=("en", "fr")) == "fr"
    assert guess_language("The government presented the measures for the budget.", among=("en", "fr")) == "en"


def test_among_never_loads_the_model_and_answers_default_when_undecided():
    code = (
        "import sys; from summarize_cli.languages import guess_language as d; "
        "print(d('12 345 678', among=('en', 'fr'), default='fr'), d('Die und der', among=('en', 'fr')), 'py3langid' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert out.strip() == "fr en False"


def test_among_ignores_languages_without_function_words():
    assert guess_language("Le chat est sur la table avec les enfants.", among=("xx", "fr")) == "fr"
    assert guess_language("Le chat est sur la table.", among=("xx",), default="en") == "en"


def test_data_languages_come_from_the_data_files():
    for kind in ("figures", "boilerplate", "stopwords", "quotes", "sentences"):
        found = data_languages(kind)
        assert "fr" in found and "en" in found, kind
        assert all(len(c) == 2 for c in found)


def test_defaults_are_iso_codes():
    assert languages.iso_639_1(languages.DEFAULT_LANGUAGE) == languages.DEFAULT_LANGUAGE
    assert languages.iso_639_1(languages.DEFAULT_TARGET) == languages.DEFAULT_TARGET


def test_no_module_but_the_registry_names_a_language_code():
    import re
    from pathlib import Path

    root = Path(languages.__file__).resolve().parent
    codes = {c for kind in ("figures", "boilerplate", "stopwords", "quotes", "sentences") for c in data_languages(kind)}
    literal = re.compile(r"""["'](%s)["']""" % "|".join(sorted(codes)))
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for path in sorted(root.rglob("*.py")) if path.name != "languages.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if literal.search(line)
    ]
    assert not offenders, offenders
