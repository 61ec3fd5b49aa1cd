"""Tests for the plain-text boilerplate cleaner."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from summarize_cli.cleaner import Cleaned, _guess_lang, clean_text

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "openai-revenue-fr.txt"
WORD = re.compile(r"\w+")

EN_BODY = [
    "The city council voted on Tuesday to approve a new budget that raises spending on public transport by "
    "12 percent, after months of debate between the mayor and opposition members.",
    "Supporters of the plan said the money would pay for more frequent buses and the repair of two tram "
    "lines that have been closed since the spring floods.",
    "\u201cThis is the biggest investment in our network for a decade,\u201d the mayor told reporters outside "
    "the town hall, adding that fares would not rise next year.",
    "Critics argued that the council had not explained how it would fund the increase once a federal grant "
    "runs out in 2027, and several members abstained.",
]


def _page(body: list[str]) -> str:
    head = ["Home", "News", "Sport", "Weather", "Sign in", "", "Council approves transport budget", "",
            "By Jane Smith", "Published March 4, 2024", "", "Share this article", "Facebook", "Twitter", ""]
    tail = ["", "Share this article", "Facebook", "Twitter", "Email", "", "Related articles",
            "Mayor unveils new cycling lanes", "Tram line to close for repairs", "",
            "Sign up for our newsletter", "Privacy policy", "Terms of use", "\u00a9 2024 Daily News"]
    return "\n".join(head + [p + "\n" for p in body] + tail)


def test_sample_reference() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip()]
    out = clean_text(text)
    assert isinstance(out, Cleaned)
    assert out.title == lines[0]
    assert len(out.paragraphs) == 6
    assert list(out.paragraphs) == lines[2:8]
    assert any(p.startswith("\u00ab OpenAI envisage") for p in out.paragraphs)
    assert "Illustration générée par intelligence artificielle" in out.dropped
    for ln in lines[-8:]:
        assert ln not in out.paragraphs
        assert ln in out.dropped
    assert out.title not in out.paragraphs


def test_crlf_and_cr_line_endings() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    base = clean_text(text)
    assert clean_text(text.replace("\n", "\r\n")).paragraphs == base.paragraphs
    assert clean_text(text.replace("\n", "\r")).paragraphs == base.paragraphs


def test_english_page_furniture_removed_and_metadata_kept() -> None:
    out = clean_text(_page(EN_BODY), "en")
    assert list(out.paragraphs) == EN_BODY
    assert out.title == "Council approves transport budget"
    assert out.byline == "Jane Smith"
    assert out.date is not None and "2024" in out.date
    joined = "\n".join(out.paragraphs)
    for junk in ("Share this article", "Related articles", "newsletter", "Privacy policy", "Facebook"):
        assert junk not in joined


def test_hard_wrapped_page_is_rejoined() -> None:
    wrapped = [textwrap.fill(p, 78) for p in EN_BODY]
    assert all("\n" in w for w in wrapped)
    out = clean_text(_page(wrapped))
    assert list(out.paragraphs) == EN_BODY


def test_clean_input_kept() -> None:
    text = "\n\n".join(EN_BODY)
    out = clean_text(text)
    kept = len(WORD.findall("\n".join(out.paragraphs)))
    assert kept >= 0.99 * len(WORD.findall(text))


def test_caption_and_read_more_dropped_inside_body() -> None:
    body = EN_BODY[:2] + ["Read more: Council rejects parking fee rise", "The new tram depot. Photo: Getty Images"] + EN_BODY[2:]
    out = clean_text("\n\n".join(body), "en")
    assert list(out.paragraphs) == EN_BODY


def test_language_guess() -> None:
    assert _guess_lang(SAMPLE.read_text(encoding="utf-8")) == "fr"
    assert _guess_lang(" ".join(EN_BODY)) == "en"


def test_never_raises_on_odd_input() -> None:
    for text in ("", "   \n\n ", "\x00\x01", "a", "[image]", "\u2028\u2029", "x" * 5000, "•\n•\n•", None):
        out = clean_text(text)  # type: ignore[arg-type]
        assert isinstance(out, Cleaned)
        assert all(p.strip() for p in out.paragraphs)


_line = st.one_of(
    st.sampled_from(EN_BODY + ["Share this article", "Facebook", "Read more", "By Jane Smith", "", "Publicité",
                               "Lire aussi", "Photo: AFP", "12:39", "\u2022 Menu", "Council approves transport budget"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_line, max_size=25))
def test_idempotent(lines: list[str]) -> None:
    once = clean_text("\n".join(lines))
    twice = clean_text("\n".join(once.paragraphs))
    assert twice.paragraphs == once.paragraphs


def test_date_not_taken_from_photo_caption() -> None:
    head = ["Council approves transport budget", "", "Photo taken on March 1, 2019. Photo: Getty Images", ""]
    out = clean_text("\n".join(head) + "\n" + "\n\n".join(EN_BODY), "en")
    assert out.date is None or "2019" not in out.date
    dated = clean_text("\n".join(head + ["Published March 4, 2024", ""]) + "\n" + "\n\n".join(EN_BODY), "en")
    assert dated.date is not None and "2024" in dated.date


def test_dropped_lists_each_line_once() -> None:
    out = clean_text(_page(EN_BODY), "en")
    assert len(out.dropped) == len(set(out.dropped))
    assert "Facebook" in out.dropped and "Share this article" in out.dropped
    assert not set(out.dropped) & set(out.paragraphs)


def test_short_body_lines_between_lead_and_closing_block_kept() -> None:
    body = [EN_BODY[0], EN_BODY[1], "What the plan pays for:", "\u2022 Faster buses on six routes", "\u2022 Two repaired tram lines"]
    out = clean_text(_page(body), "en")
    for item in ("What the plan pays for:", "Faster buses on six routes", "Two repaired tram lines"):
        assert item in out.paragraphs
    assert "Share this article" not in out.paragraphs


def test_horizontal_rule_closes_article() -> None:
    about = ("Acme is a global provider of widgets and services to hospitals, with offices in twelve countries "
             "and around 1,300 employees who design, build and support its products worldwide.")
    body = EN_BODY + ["\u2501" * 40 + "\ufffd", about]
    out = clean_text("\n\n".join(body), "en")
    assert list(out.paragraphs) == EN_BODY
    assert about in out.dropped


def test_list_lead_in_between_body_lines_kept() -> None:
    body = [EN_BODY[0], "What the plan pays for:", "\u2022 Faster buses on six routes", EN_BODY[1], EN_BODY[2]]
    out = clean_text("\n\n".join(body), "en")
    assert "What the plan pays for:" in out.paragraphs
    assert "Faster buses on six routes" in out.paragraphs


def test_leaked_markup_is_junk_but_a_title_in_angle_brackets_is_not() -> None:
    from summarize_cli.cleaner import _rules

    line = _rules("en").line
    assert line.search('<div class="share">Share</div>')
    assert line.search("Read more <a href=\"/x\">here</a>")
    assert line.search("&lt;p&gt;")
    # Works are often named in angle brackets in English written from Korean, Japanese or Chinese.
    assert not line.search("Visitors came to watch <The Palace: Tale of Jang Noksu> and loved it.")
    assert not line.search("Prices rose <5% while wages rose >3%.")


def test_wordy_caption_and_share_prompt_inside_the_body_dropped() -> None:
    caption = "The mayor speaks to reporters outside the town hall in the city centre after the vote on Tuesday (Image: GETTY)"
    body = [EN_BODY[0], EN_BODY[1], caption, EN_BODY[2], EN_BODY[3], "Like this story? Share it with a friend!"]
    out = clean_text("\n\n".join(body), "en")
    assert list(out.paragraphs) == EN_BODY
    assert caption in out.dropped


def test_links_to_other_stories_inside_the_body_dropped() -> None:
    teaser_en = "Related: Possible Water Plumes on Europa: The Discovery in Images From the Hubble Space Telescope"
    out = clean_text("\n\n".join([EN_BODY[0], EN_BODY[1], teaser_en, EN_BODY[2], EN_BODY[3]]), "en")
    assert list(out.paragraphs) == EN_BODY and teaser_en in out.dropped
    fr_body = [
        "Le conseil municipal a adopté mardi un budget qui augmente de 12 % les dépenses consacrées aux transports "
        "publics, après des mois de débat entre le maire et l'opposition.",
        "Les partisans du projet affirment que cet argent financera des bus plus fréquents et la réparation de deux "
        "lignes de tramway fermées depuis les inondations du printemps.",
        "Les critiques estiment que le conseil n'a pas expliqué comment il financerait cette hausse une fois "
        "épuisée une subvention de l'État, et plusieurs élus se sont abstenus.",
    ]
    teaser_fr = "Lire aussi | Transports : la région promet des trains plus fréquents entre Lyon et Saint-Étienne dès 2026"
    out = clean_text("\n\n".join([fr_body[0], fr_body[1], teaser_fr, fr_body[2]]), "fr")
    assert list(out.paragraphs) == fr_body and teaser_fr in out.dropped


def test_title_is_the_first_heading_not_a_caption_before_the_body() -> None:
    text = (
        "Accueil\nEconomie\nMontebourg envisage des privatisations partielles\nPar Jean Dupont\nPublié le 13 mars 2017 à 18h27\n"
        "Arnaud Montebourg, ministre du Redressement productif\n"
        "Le ministre Arnaud Montebourg a indiqué dimanche qu'il envisageait de céder une partie des participations de l'État "
        "dans plusieurs entreprises pour financer l'investissement.\n"
        "Selon le ministre du Redressement productif, ces privatisations partielles pourraient rapporter plusieurs milliards "
        "d'euros à l'État dès l'année prochaine.\n"
    )
    out = clean_text(text, "fr")
    assert out.title == "Montebourg envisage des privatisations partielles"
    assert out.byline == "Jean Dupont"
    assert "ministre du Redressement productif\n" not in "\n".join(out.paragraphs) + "\n"
