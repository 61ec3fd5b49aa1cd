"""Tests for ISO 8601 dates from page metadata and from written dates."""

from __future__ import annotations

import pytest

from summarize_cli.dates import calendar_kind, iso_datetime, iso_from_text


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2015-07-24T05:36:09+01:00", "2015-07-24T05:36:09+01:00"),
        ("2019-01-03T07:00:02.000Z", "2019-01-03T07:00:02+00:00"),
        ("2017-11-16T14:15+0000", "2017-11-16T14:15:00+00:00"),
        ("2018-12-21 12:55:00", "2018-12-21T12:55:00"),
        ("2013-04-05", "2013-04-05"),
        ("20160729", "2016-07-29"),
        ("05/29/2007 09:49:00", "2007-05-29T09:49:00"),
        ("not a date", None),
        ("1", None),
        ("2019-02-30", None),
    ],
)
def test_iso_datetime(value: str, iso: str | None) -> None:
    assert iso_datetime(value) == iso


@pytest.mark.parametrize(
    ("text", "lang", "iso"),
    [
        ("le 13 mars 2017", "fr", "2017-03-13"),
        ("27 octobre 2012 à 18:27 (Mis à jour: 19:56)", "fr", "2012-10-27T18:27"),
        ("Publié le 1er janvier 2020 à 9h05", "fr", "2020-01-01T09:05"),
        ("13 févr. 2019", "fr", "2019-02-13"),
        ("Publié le 05/04/2017 à 10h38", "fr", "2017-04-05T10:38"),
        ("Updated March 11, 2015 3:46 PM", "en", "2015-03-11T15:46"),
        ("Published 5 June 2019", "en", "2019-06-05"),
        # ordinals and the words joining a date to its time are read in any language, not from a list
        ("March 3rd, 2015 at 3:46 pm", "en", "2015-03-03T15:46"),
        ("5 June 2019, 14:30", "en", "2019-06-05T14:30"),
        ("05/04/2017", "en", "2017-05-04"),
        ("2017-03-13", None, "2017-03-13"),
        ("05/04/2017", None, None),  # April or May: without a language nobody can tell
        ("13/03/2017", None, "2017-03-13"),
        ("il y a 3 heures", "fr", None),
    ],
)
def test_iso_from_text(text: str, lang: str | None, iso: str | None) -> None:
    assert iso_from_text(text, lang) == iso


def test_calendar_words_of_every_data_language() -> None:
    assert [calendar_kind(w) for w in ("March", "févr.", "Sunday,", "mardi")] == ["month", "month", "weekday", "weekday"]
    assert calendar_kind("Doe") is None and calendar_kind("Marche") is None


def test_impossible_times_give_no_date() -> None:
    assert iso_datetime("1/2/2026 25:99") is None
