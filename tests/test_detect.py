"""Stage 3: language detection."""

import pytest

from summarize_cli.detect import detect_language


def test_reference_article_is_french(sample_fr):
    assert detect_language(sample_fr.read_text()) == "fr"


def test_english_sample(sample_en):
    assert detect_language(sample_en.read_text()) == "en"


@pytest.mark.parametrize("text,lang", [
    ("Die Regierung hat am Montag einen neuen Haushalt vorgestellt.", "de"),
    ("El gobierno presentó el lunes un nuevo presupuesto para el año.", "es"),
])
def test_other_languages(text, lang):
    assert detect_language(text) == lang


def test_too_short_falls_back_to_default():
    assert detect_language("42 !", default="fr") == "fr"
