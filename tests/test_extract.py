"""Tests for the extract stage: metadata fields of the Article from HTML and from pasted text."""

from __future__ import annotations

from pathlib import Path

from summarize_cli.extract import extract
from summarize_cli.schema import Document

PAGE = (Path(__file__).parent / "data" / "article-with-comments.html").read_text(encoding="utf-8")


def test_html_article_carries_page_metadata() -> None:
    art = extract(Document(source="p.html", content=PAGE, kind="html", url="https://quotidien-ouest.example/amp/x"))
    assert art.title == "Le plan ferroviaire de la région adopté"
    assert art.byline == "Claire Dubois" and art.authors == ("Claire Dubois",)
    assert art.date == "2026-03-12T07:30:00+01:00"
    assert art.site == "Le Quotidien de l'Ouest"
    assert art.url == "https://quotidien-ouest.example/region/plan-ferroviaire"
    assert not art.text.startswith(art.title)


def test_pasted_text_date_is_iso_and_byline_has_no_prefix() -> None:
    text = (
        "Le plan ferroviaire de la région adopté\nPar Claire Dubois\nPublié le 12 mars 2026 à 7h30\n"
        "Le conseil régional a adopté jeudi un plan de 450 millions d'euros destiné à rénover les lignes ferroviaires "
        "secondaires, dont une dizaine menaçaient de fermer.\n"
        "Le texte prévoit de remettre en état 320 kilomètres de voies ferroviaires et de rouvrir trois gares de la région.\n"
    )
    art = extract(Document(source="a.txt", content=text, kind="text"))
    assert art.title == "Le plan ferroviaire de la région adopté"
    assert art.byline == "Claire Dubois"
    assert art.date == "2026-03-12T07:30"
    assert art.url is None and art.site is None
