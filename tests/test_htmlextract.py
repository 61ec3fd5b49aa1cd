"""Tests for HTML article extraction."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest

from summarize_cli.errors import ExitCode, InstallError
from summarize_cli.htmlextract import HtmlArticle, extract_html, html_to_text

COMMENTS_PAGE = Path(__file__).parent / "data" / "article-with-comments.html"

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
    assert out.meta.title == TITLE
    assert out.warnings == ()
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
        assert isinstance(extract_html(html), HtmlArticle)
        assert isinstance(html_to_text(html), str)


def test_html_to_text_keeps_everything_visible() -> None:
    text = html_to_text(_page())
    assert "Accueil" in text and "Mentions légales" in text and "Partagez cet article" in text
    assert PARAS[1] in text.splitlines()
    assert "<p>" not in text and "og:title" not in text


def test_comment_thread_is_dropped_and_metadata_kept() -> None:
    out = extract_html(COMMENTS_PAGE.read_text(encoding="utf-8"))
    text = "\n".join(out.paragraphs)
    assert out.meta.title == "Le plan ferroviaire de la région adopté"
    assert out.meta.authors == ("Claire Dubois",)
    assert out.meta.published == "2026-03-12T07:30:00+01:00"
    assert out.meta.site == "Le Quotidien de l'Ouest"
    assert "450 millions d'euros" in text and "progressé de 18 %" in text
    for junk in ("réaction n°", "Répondre", "j'aime", "Photo : Jean Roux", "Partager cet article", "Laisser un commentaire"):
        assert junk not in text


def test_title_is_not_repeated_as_first_line_even_with_site_suffix() -> None:
    page = _page().replace(f"<p>{TITLE}</p>", f"<p>{TITLE} - Le Journal</p>")
    out = extract_html(page)
    assert not any(p.startswith(TITLE) for p in out.paragraphs)


def test_standfirst_dropped_by_trafilatura_is_the_first_paragraph() -> None:
    lead = "Le budget des transports progresse de 12 % et finance des bus plus fréquents ainsi que deux lignes de tramway."
    page = _page().replace("</title>", f'</title><meta name="description" content="{lead}">').replace(
        f"<h1>{TITLE}</h1>", f'<h1>{TITLE}</h1><div class="chapo"><p class="standfirst">{lead}</p></div>'
    )
    out = extract_html(page)
    assert out.paragraphs[0] == lead
    assert "\n".join(out.paragraphs).count(lead) == 1


def test_missing_trafilatura_is_an_installation_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def broken(name: str, *args, **kwargs):  # noqa: ANN002, ANN003 - same signature as __import__
        if name == "trafilatura":
            raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(__import__("sys").modules, "trafilatura", raising=False)
    monkeypatch.setattr(builtins, "__import__", broken)
    with pytest.raises(InstallError) as err:
        extract_html(_page())
    assert err.value.exit_code == ExitCode.INSTALL
    assert "lxml_html_clean" in str(err.value) and "reinstall" in str(err.value)


def test_trafilatura_failure_on_one_page_falls_back_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def boom(*args, **kwargs):  # noqa: ANN002, ANN003
        raise ValueError("odd page")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    out = extract_html(_page())
    assert out.warnings and "trafilatura failed on this page (ValueError: odd page)" in out.warnings[0]
    assert PARAS[1] in "\n".join(out.paragraphs)
    assert out.meta.title == TITLE
