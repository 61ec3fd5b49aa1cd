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


def test_long_texts_skip_the_slow_model(sample_fr, sample_en):
    import subprocess
    import sys

    code = (
        "import sys; from summarize_cli.detect import detect_language as d; "
        f"r = d(open({str(sample_fr)!r}).read()), d(open({str(sample_en)!r}).read()); "
        "print(r, 'py3langid' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert out.strip() == "('fr', 'en') False"


def test_long_german_text_by_function_words():
    text = "Die Regierung hat am Montag einen neuen Haushalt vorgestellt, der auch mehr Geld für die Schulen vorsieht. " * 4
    assert detect_language(text) == "de"
