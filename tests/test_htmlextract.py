"""Tests for HTML article extraction."""

from __future__ import annotations

from summarize_cli.cleaner import Cleaned
from summarize_cli.htmlextract import extract_html, html_to_text

PARAS = [
    "Le conseil municipal a voté mardi un nouveau budget qui augmente de 12 % les dépenses consacrées aux "
    "transports publics, après plusieurs mois de débats entre le maire et l'opposition.",
    "Les partisans du projet affirment que cet argent permettra de financer des bus plus fréquents et la "
    "réparation de deux lignes de tramway fermées depuis les inondations du printemps.",
    "« C'est le plus gros investissement dans notre réseau depuis dix ans », a déclaré le maire devant "
    "l'hôtel de ville, en ajoutant que les tarifs n'augmenteraient pas l'an prochain.",
    "Les opposants estiment que la mairie n'a pas expliqué comment elle financerait cette hausse lorsque "
    "la subvention de l'État prendra fin en 2027, et plusieurs élus se sont abstenus.",
]
TITLE = "Le conseil municipal adopte le budget des transports"


def _page() -> str:
    body = (
        f"<h1>{TITLE}</h1><p>{TITLE}</p>"
        f"<p>{PARAS[0]}</p><p>{PARAS[1]}</p>"
        "<figure><img src='a.jpg'><figcaption>Le tramway de la ville, le 3 mars 2024. © AFP</figcaption></figure>"
        "<p>Photo : Jean Martin / AFP</p>"
        f"<p>{PARAS[2]}</p>"
        "<div class='related'><p>A lire aussi</p><p><a href='/x'>Le maire présente ses voeux</a></p></div>"
        f"<p>{PARAS[3]}</p>"
        "<p>Partagez cet article</p><p><a href='/y'>Article suivant : la piscine rouvre</a></p>"
    )
    return (
        "<html lang='fr'><head><title>" + TITLE + " - Le Journal</title>"
        "<meta property='og:title' content='" + TITLE + "'></head><body>"
        "<nav><ul><li><a href='/'>Accueil</a></li><li><a href='/monde'>Monde</a></li></ul></nav>"
        "<article>" + body + "</article><footer>Mentions légales - Tous droits réservés</footer></body></html>"
    )


def test_extract_keeps_lead_and_drops_furniture() -> None:
    out = extract_html(_page(), url="https://example.org/a")
    assert isinstance(out, Cleaned)
    assert out.title == TITLE
    assert TITLE not in out.paragraphs
    assert out.paragraphs[0] == PARAS[0]
    joined = "\n".join(out.paragraphs)
    for p in PARAS:
        assert p in joined
    for junk in ("© AFP", "Photo : Jean Martin", "A lire aussi", "Partagez cet article", "Mentions légales", "Accueil"):
        assert junk not in joined


def test_fallback_when_trafilatura_finds_nothing() -> None:
    html = "<html><body><div>" + "</div><div>".join(PARAS[:2]) + "</div></body></html>"
    out = extract_html(html)
    assert out.paragraphs
    assert "transports publics" in "\n".join(out.paragraphs)


def test_never_raises_on_odd_input() -> None:
    for html in ("", "<", "<html></html>", "plain text only", "<p>\x00</p>"):
        assert isinstance(extract_html(html), Cleaned)
        assert isinstance(html_to_text(html), str)


def test_html_to_text_keeps_everything_visible() -> None:
    text = html_to_text(_page())
    assert "Accueil" in text and "Mentions légales" in text and "Partagez cet article" in text
    assert PARAS[1] in text.splitlines()
    assert "<p>" not in text and "og:title" not in text
