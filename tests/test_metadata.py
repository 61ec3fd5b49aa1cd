"""Tests for page metadata: title, authors, dates, site and URL from a page's own signals."""

from __future__ import annotations

import json

import pytest

from lxml import html as lxml_html

from summarize_cli.metadata import page_metadata, person_names

BODY = "<p>" + "Le gouvernement a présenté mercredi son projet de budget pour l'année prochaine, avec un déficit en baisse. " * 3 + "</p>"


def _meta(head: str, body: str, url: str | None = None):
    return page_metadata(lxml_html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>"), url)


def test_caption_next_to_headline_is_not_the_title() -> None:
    body = (
        "<article><figure><img src='a.jpg'><figcaption><h2>Arnaud Montebourg, ministre du Redressement productif</h2></figcaption></figure>"
        "<h1>Montebourg envisage des privatisations partielles</h1>" + BODY + "</article>"
    )
    meta = _meta("<title>Montebourg envisage des privatisations partielles - Le Monde</title>", body)
    assert meta.title == "Montebourg envisage des privatisations partielles"


def test_site_suffix_is_removed() -> None:
    meta = _meta(
        "<title>Pourquoi la France manque de médecins | Slate</title><meta property='og:site_name' content='Slate.fr'>",
        "<div class='content'>" + BODY + "</div>",
    )
    assert meta.title == "Pourquoi la France manque de médecins"
    assert meta.site == "Slate.fr"


def test_site_suffix_is_removed_from_og_title_when_the_h1_is_missing() -> None:
    meta = _meta("<meta property='og:title' content='La Bourse recule - Le Figaro'><meta property='og:site_name' content='Le Figaro'>", BODY)
    assert meta.title == "La Bourse recule"


def test_site_suffix_named_by_the_domain_under_a_subdomain() -> None:
    meta = _meta("<title>Mozilla - Wikipédia</title><link rel='canonical' href='https://fr.wikipedia.org/wiki/Mozilla'>", BODY)
    assert meta.title == "Mozilla"


def test_blog_title_with_leading_separator_and_author_suffix() -> None:
    head = (
        "<meta property='og:title' content='» Certains rêvent d’un repêchage du Canadien | Mathias Brunet'>"
        "<meta name='author' content='Mathias Brunet'>"
    )
    meta = _meta(head, BODY)
    assert meta.title == "Certains rêvent d’un repêchage du Canadien"
    assert meta.authors == ("Mathias Brunet",)


def test_title_missing_from_title_tag_comes_from_h1_and_og_title() -> None:
    meta = _meta("<meta property='og:title' content='Le chômage baisse au troisième trimestre'>",
                 "<header><h1>Le Journal</h1></header><article><h1>Le chômage baisse au troisième trimestre</h1>" + BODY + "</article>")
    assert meta.title == "Le chômage baisse au troisième trimestre"


def test_h1_is_kept_whole_when_og_title_is_cut() -> None:
    long_title = "Le gouvernement présente un budget qui prévoit une baisse du déficit public et une hausse des investissements"
    meta = _meta(f"<meta property='og:title' content='{long_title[:60]}'>", f"<article><h1>{long_title}</h1>{BODY}</article>")
    assert meta.title == long_title


def test_json_ld_authors_all_listed_without_prefix() -> None:
    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "La BCE maintient ses taux",
        "author": [{"@type": "Person", "name": "Par Marie Lefèvre"}, {"@type": "Person", "name": "Paul Girard"}],
        "publisher": {"@type": "Organization", "name": "Le Figaro"},
        "datePublished": "2019-03-07T14:05:00+01:00", "dateModified": "2019-03-07T18:40:00+01:00",
    }
    head = f"<script type='application/ld+json'>{json.dumps(ld)}</script><meta name='author' content='lefigaro.fr'>"
    meta = _meta(head, "<h1>La BCE maintient ses taux</h1>" + BODY, url="https://www.lefigaro.fr/conjoncture/bce")
    assert meta.authors == ("Marie Lefèvre", "Paul Girard")
    assert meta.published == "2019-03-07T14:05:00+01:00"
    assert meta.modified == "2019-03-07T18:40:00+01:00"
    assert meta.site == "Le Figaro"


def test_json_ld_in_a_graph_and_cdata() -> None:
    ld = {"@graph": [{"@type": "WebSite", "name": "Ouest"}, {"@type": ["NewsArticle"], "headline": "Tempête sur la côte",
                                                               "author": {"@type": "Person", "name": "Anne Le Gall"}}]}
    head = f"<script type='application/ld+json'>//<![CDATA[\n{json.dumps(ld)}\n//]]></script>"
    assert _meta(head, BODY).authors == ("Anne Le Gall",)


def test_organisation_declared_as_author_is_the_byline_when_no_person_is_named() -> None:
    ld = {"@type": "Article", "name": "Nouvelle-Zélande", "author": {"@type": "Organization", "name": "Contributeurs des projets Wikimedia"},
          "publisher": {"@type": "Organization", "name": "Wikimedia Foundation"}}
    head = f"<script type='application/ld+json'>{json.dumps(ld)}</script>"
    assert _meta(head, "<h1>Nouvelle-Zélande</h1>" + BODY).authors == ("Contributeurs des projets Wikimedia",)
    # a person named by the byline markup is the author; the organisation is then only the publisher's desk
    body = "<article><h1>Nouvelle-Zélande</h1><p class='byline'>Par Anne Le Gall</p>" + BODY + "</article>"
    assert _meta(head, body).authors == ("Anne Le Gall",)


def test_related_article_byline_is_not_the_author() -> None:
    body = (
        "<article><header><h1>Un séisme frappe le Népal</h1><div class='info'><span class='author'>Par Sébastien Farcis</span></div></header>"
        + BODY
        + "<aside class='related'><ul><li><span class='author'>Par Laurence Defranoux</span> Un autre article</li></ul></aside>"
        "</article><div class='teaser-list'><p class='byline'>Par Pierre Alonso</p></div>"
    )
    assert _meta("<title>Un séisme frappe le Népal</title>", body).authors == ("Sébastien Farcis",)


def test_byline_near_the_headline_beats_one_in_a_sidebar_before_it() -> None:
    body = (
        "<div class='sidebar'><span class='byline'>Jenny Kutner</span></div>"
        "<div class='articleInner'><h1>The sharing economy is a lie</h1><span class='byline'><a rel='author' href='/w/r'>Richard Eskow</a></span>"
        + BODY + "</div>"
    )
    assert _meta("", body).authors == ("Richard Eskow",)


def test_two_authors_in_the_byline_when_the_metadata_names_one() -> None:
    body = (
        "<article><h1>Les députés adoptent la réforme</h1><p class='byline'><a class='author' href='/a'>Claire Martin</a> et "
        "<a class='author' href='/b'>Louis Bernard</a></p>" + BODY + "</article>"
    )
    meta = _meta("<meta name='author' content='Claire Martin'>", body)
    assert meta.authors == ("Claire Martin", "Louis Bernard")


def test_person_names_strip_prefixes_dates_and_roles() -> None:
    assert person_names("By STEVEN DAVIDOFF SOLOMON JULY 29, 2016") == ["Steven Davidoff Solomon"]
    assert person_names("Par Claire Martin et Louis Bernard") == ["Claire Martin", "Louis Bernard"]
    assert person_names("By Joshua Sokol May 20, 2019") == ["Joshua Sokol"]
    assert person_names("Bradley M. Kuhn (http://ebb.org/bkuhn/)") == ["Bradley M. Kuhn"]
    assert person_names("Jane Doe | 12/03/2019 10:38") == ["Jane Doe"]
    assert person_names("https://www.theguardian.com/profile/eleanor-ainge-roy") == []
    assert person_names("Mac & i") == ["Mac & i"]


def test_dates_are_iso_and_published_is_preferred() -> None:
    head = (
        "<meta property='article:published_time' content='2015-09-17T16:57:43+01:00'>"
        "<meta itemprop='datePublished' content='2016-05-08T10:11:51+01:00'>"
        "<meta property='article:modified_time' content='2016-05-08T10:11:51+01:00'>"
    )
    meta = _meta(head, BODY)
    assert meta.published == "2015-09-17T16:57:43+01:00"
    assert meta.modified == "2016-05-08T10:11:51+01:00"


def test_date_from_a_time_tag_and_compact_forms() -> None:
    assert _meta("", f"<article><h1>Titre de l'article du jour</h1><time datetime='2013-04-05'>5 avril 2013</time>{BODY}</article>").published == "2013-04-05"
    assert _meta("<meta name='pdate' content='20160729'>", BODY).published == "2016-07-29"
    assert _meta("<meta property='article:published_time' content='2019-01-03T07:00:02.000Z'>", BODY).published == "2019-01-03T07:00:02+00:00"


def test_canonical_url_is_absolute() -> None:
    meta = _meta("<link rel='canonical' href='/politique/budget'>", BODY, url="https://journal.example/amp/politique/budget?x=1")
    assert meta.url == "https://journal.example/politique/budget"


def test_standfirst_is_the_element_that_repeats_the_description() -> None:
    desc = "L'institution abaisse ses prévisions pour 2019, avec un PIB à 1,4 %, et s'inquiète du ralentissement mondial."
    body = f"<article><h1>La Banque de France revoit sa croissance</h1><div class='wrap'><p class='article__desc'>{desc}</p>{BODY}</div></article>"
    meta = _meta(f'<meta name="description" content="{desc}">', body)
    assert meta.standfirst == desc


def test_no_standfirst_when_the_description_is_not_on_the_page() -> None:
    meta = _meta("<meta name='description' content='Toute l’actualité économique, politique et internationale en continu sur le site.'>", BODY)
    assert meta.standfirst is None


def test_a_dateline_in_byline_markup_is_no_author() -> None:
    assert person_names("Last Updated: January 7, 2025") == []
    assert person_names("Jane Doe Updated March 3, 2020") == ["Jane Doe"]
    assert person_names("Dernière mise à jour : 3 mars") == []


def test_the_date_after_a_name_goes_with_the_word_that_joins_it() -> None:
    assert person_names("Par Jean Dupont le 13 mars 2017 à 18:27") == ["Jean Dupont"]
    assert person_names("By Jane Doe Sunday, Feb 1, 2015 11:57 AM") == ["Jane Doe"]
    # a month name is a date only next to a number; a number glued to letters is a name
    assert person_names("By Theresa May") == ["Theresa May"]
    assert person_names("Source 20Minutes") == []


def test_editors_and_other_credits_are_not_authors() -> None:
    assert person_names("Reporting by Jane Doe; Writing by Mark Potter; Editing by Bill Berkrot") == ["Jane Doe", "Mark Potter"]


def test_hostile_json_ld_and_urls_do_not_break_the_page() -> None:
    deep = "<script type='application/ld+json'>" + "[" * 100000 + "]" * 100000 + "</script>"
    assert _meta(deep, BODY).authors == ()
    assert _meta("<link rel='canonical' href='http://[::1'>", BODY, url="http://a.example/").url == "http://a.example/"
    assert _meta("", BODY, url="http://[::1").url is None


@pytest.mark.parametrize("byline,names", [
    ("By Brian May, 12 March 2024", ["Brian May"]),
    ("By Jan Smith and Mark August, March 3, 2024", ["Jan Smith", "Mark August"]),
    ("Par Marie Avril 12/03/2024", ["Marie Avril"]),
    ("By Arthur Sun, 12:30 PM", ["Arthur Sun"]),
    ("By Jane Doe on Sunday, Feb 1, 2015", ["Jane Doe"]),
    ("By GILLIAN MOHNEY March 11, 2015 3:46 PM", ["Gillian Mohney"]),
])
def test_a_surname_that_is_a_month_or_weekday_is_not_taken_for_the_date(byline, names):
    assert person_names(byline) == names
