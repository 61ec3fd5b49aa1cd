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
    assert not any("Illustration générée par intelligence artificielle" in p for p in out.paragraphs)
    for ln in lines[-8:]:
        assert ln not in out.paragraphs
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
    assert out.date == "March 4, 2024"
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


def test_share_lines_are_not_body() -> None:
    out = clean_text(_page(EN_BODY), "en")
    assert list(out.paragraphs) == EN_BODY
    assert "Facebook" not in out.paragraphs and "Share this article" not in out.paragraphs


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


def test_links_to_other_stories_inside_the_body_dropped() -> None:
    teaser_en = "Related: Possible Water Plumes on Europa: The Discovery in Images From the Hubble Space Telescope"
    out = clean_text("\n\n".join([EN_BODY[0], EN_BODY[1], teaser_en, EN_BODY[2], EN_BODY[3]]), "en")
    assert list(out.paragraphs) == EN_BODY
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
    assert list(out.paragraphs) == fr_body


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


FR_BODY = [
    "Le gouvernement a présenté mercredi un plan de rénovation des écoles qui prévoit de consacrer deux milliards "
    "d'euros à l'isolation des bâtiments d'ici à la fin de la décennie.",
    "Selon le ministre de l'Éducation, plus de la moitié des établissements construits avant 1975 n'ont jamais été "
    "rénovés et consomment deux fois plus d'énergie que les bâtiments récents.",
    "Les collectivités locales, qui financent l'essentiel des travaux, réclament depuis des années un soutien de "
    "l'État pour faire face à la hausse des prix de l'énergie.",
    "Les syndicats d'enseignants ont salué une annonce attendue, tout en regrettant que le calendrier des travaux "
    "reste flou pour les communes rurales.",
]
_COMMENTS = [
    "Nouveau ça vient de sortir, il fait parti des 27% de la population qui pense que tout va bien dans ce pays.",
    "Encore des promesses, on verra bien dans dix ans si les écoles de nos villages ont vu la couleur de cet argent.",
    "Il faudrait surtout recruter des enseignants au lieu de repeindre les murs, mais personne ne veut l'entendre.",
    "Dans ma commune l'école a été rénovée il y a trois ans et la facture de chauffage a été divisée par deux.",
    "Toujours la même chose avec ce gouvernement, des annonces avant les élections et rien après, c'est lassant.",
    "Merci pour cet article très clair, il explique bien pourquoi les communes rurales sont les grandes oubliées.",
    "Deux milliards pour toutes les écoles de France, cela fait bien peu par établissement quand on fait le calcul.",
    "Les bâtiments des années soixante-dix sont de vraies passoires thermiques, il était temps de faire quelque chose.",
    "Je suis enseignante et dans ma classe il fait 14 degrés en hiver, alors oui ce plan est une bonne nouvelle.",
    "On nous parle d'isolation mais les fenêtres de notre collège ne ferment plus depuis des années, qui va payer ?",
]


def _thread(n_lines: int) -> list[str]:
    out: list[str] = ["12 commentaires", ""]
    i = 0
    while len(out) < n_lines:
        out += ["Avatar", f"Lecteur{i} D.", f"il y a {i + 2} heures", "", _COMMENTS[i % len(_COMMENTS)], "", "Répondre", "Signaler", ""]
        i += 1
    return out


def _fr_page(before: list[str], after: list[str]) -> str:
    head = ["Accueil", "Politique", "Économie", "", "Écoles : un plan de rénovation de deux milliards d'euros", "",
            "Par Marie Martin", "Publié le 4 mars 2024 à 10h12", ""]
    return "\n".join(before + head + [p + "\n" for p in FR_BODY] + after)


def test_comment_thread_below_the_article_is_dropped() -> None:
    out = clean_text(_fr_page([], _thread(60)), "fr")
    assert list(out.paragraphs) == FR_BODY
    assert out.date is not None and "2024" in out.date
    assert not any("27%" in p for p in out.paragraphs)


def test_comment_thread_above_the_article_is_never_chosen() -> None:
    # the thread is longer and just as well punctuated as the article: only its furniture gives it away
    out = clean_text(_fr_page(_thread(90), ["Partager", "Facebook"]), "fr")
    assert list(out.paragraphs) == FR_BODY
    assert not any(c in out.paragraphs for c in _COMMENTS)


def test_comment_thread_alone_is_not_an_article_and_is_flagged() -> None:
    out = clean_text("\n".join(_thread(60)), "fr")
    assert not out.paragraphs
    assert out.warnings


def test_inline_promotion_and_glued_caption_cut_from_the_sentence() -> None:
    para = ("The kite rose above the beach on Sunday as hundreds of people watched. Scroll down for video "
            "Flying high: Half of the kite was torn away by the wind. Organisers said the festival would go on next year.")
    out = clean_text("\n\n".join([EN_BODY[0], para, EN_BODY[1]]), "en")
    assert out.paragraphs[1] == ("The kite rose above the beach on Sunday as hundreds of people watched. "
                                 "Organisers said the festival would go on next year.")
    fr = FR_BODY[1] + " Lire aussi : Les communes rurales attendent toujours leurs crédits Les maires ont écrit au Premier ministre."
    out = clean_text("\n\n".join([FR_BODY[0], fr, FR_BODY[2]]), "fr")
    assert out.paragraphs[1] == FR_BODY[1] + " Les maires ont écrit au Premier ministre."


def test_interview_of_short_lines_is_kept_and_flagged() -> None:
    qa = [
        "— Pourquoi ce livre maintenant ?", "— Parce que je n'en pouvais plus de me taire.", "— Vous aviez peur ?",
        "— Oui, souvent.", "— De quoi ?", "— Du regard des autres, surtout.", "— Et aujourd'hui ?",
        "— Aujourd'hui je suis libre.", "— Vous le referiez ?", "— Sans hésiter.",
    ]
    out = clean_text("\n\n".join([FR_BODY[0]] + qa + [FR_BODY[3]]), "fr")
    joined = "\n".join(out.paragraphs)
    for line in qa:
        assert line.lstrip("— ") in joined
    assert out.warnings


def test_two_bodies_of_similar_weight_are_flagged() -> None:
    other = ["Le club de football de la ville a remporté samedi son troisième match de la saison devant plus de "
             "quatre mille supporters réunis dans le stade municipal.",
             "L'entraîneur a salué la performance de ses joueurs, qui restaient sur deux défaites, et promis de "
             "garder la même équipe pour le déplacement de la semaine prochaine.",
             "Le président du club a annoncé que les travaux de la nouvelle tribune commenceraient au printemps, "
             "avec l'aide de la région et de plusieurs entreprises locales.",
             "Les abonnés pourront assister gratuitement au prochain match à domicile, a précisé le club dans un "
             "communiqué publié dimanche soir.",
             ]
    text = "\n\n".join(FR_BODY) + "\n\nAccueil\nSport\nMétéo\nFacebook\nTwitter\nMenu\nRechercher\n\n" + "\n\n".join(other)
    out = clean_text(text, "fr")
    assert out.warnings
    assert not clean_text("\n\n".join(FR_BODY), "fr").warnings


def test_image_placeholder_does_not_end_the_body() -> None:
    items = ["1 Kyle Busch 5040 5 1 17 27", "2 Martin Truex Jr. 5035 7 0 15 24", "3 Kevin Harvick 5033 4 6 15 26"]
    text = "\n\n".join([EN_BODY[0], EN_BODY[1], "[standings-2019]", "Final standings after 36 races:"] + items)
    out = clean_text(text, "en")
    assert "Final standings after 36 races:" in out.paragraphs
    assert "[standings-2019]" not in out.paragraphs


HOTEL_BODY = [
    "The owner of a small hotel in Devon revealed that rooms are often cleaned in a hurry between two guests, "
    "and that sheets are not always changed when they look clean enough.",
    "Another owner said the secret of a good review is the breakfast, not the bed, and that most guests never "
    "notice what happens behind the scenes of the hotel trade.",
    "Cleaners told the same story: too many rooms, too little time, and managers who count every towel that "
    "goes to the laundry at the end of the day.",
]


def _hotel_page(head: list[str]) -> str:
    return "\n".join(head + [""] + [p + "\n" for p in HOTEL_BODY])


def test_title_shares_the_body_words_in_any_inflection() -> None:
    # "owners", "reveal", "cleaning", "secrets" are the body's "owner", "revealed", "cleaned", "secret"
    out = clean_text(_hotel_page(["The Daily Example", "", "Hotel owners reveal cleaning secrets"]), "en")
    assert out.title == "Hotel owners reveal cleaning secrets"


def test_title_is_not_a_numbered_breadcrumb_or_a_line_that_shares_nothing_with_the_body() -> None:
    head = ["Latest stories from our team", "", "1. News", "2. Travel", "3. Hotel News", "", "Hotel owners reveal cleaning secrets"]
    assert clean_text(_hotel_page(head), "en").title == "Hotel owners reveal cleaning secrets"


def test_a_byline_is_not_the_title() -> None:
    body = list(HOTEL_BODY)
    body[1] = "Lucy Akins, who owns the Harbour Hotel, said the secret of a good review is the breakfast, not the bed."
    out = clean_text("\n".join(["By Lucy Akins", ""] + [p + "\n" for p in body]), "en")
    assert out.title is None


def test_words_that_introduce_a_date_are_not_kept_in_it() -> None:
    text = "\n".join(["Le conseil vote le budget des transports", "Par Jeanne Martin", "Publié le 4 mars 2024 à 10h12", "", *FR_BODY])
    out = clean_text(text, "fr")
    assert out.date == "4 mars 2024 à 10h12"
