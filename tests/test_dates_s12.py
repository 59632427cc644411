"""Date defects found on session 12's fresh texts (helper "fresh", defects F31/F32): each told in our own words."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.extraction.dates import find_dateline, find_dates, is_dateline_date
from eventcoder.records import Document, Event
from eventcoder.settings import Settings
from eventcoder.stages import extract, segment


def events(text: str, published: dt.date | None) -> list[Event]:
    conf = Settings()
    doc = Document.from_text(text, doc_id="d", published=published)
    return extract.extract(doc, segment.segment(doc, conf), conf)


def _mention(text: str, date_text: str) -> tuple[int, int]:
    (d,) = [d for d in find_dates(text) if d.text.endswith(date_text)]
    return d.start, d.end


# F31: a statement's release line in title case ("Place, 4 March 2025 -", "Place - 12 June 2025:") is the report's
# date; the event's own date further on wins


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        ("Garoua, 4 March 2025 - The mission deplores the raid by armed men on the night of 2 March on a camp for "
         "displaced families near Mokolo, which killed six people.", dt.date(2025, 3, 4), "2025-03-02"),
        ("Quetta - 12 June 2025: On 11 June 2025, security forces raided a hideout in Turbat and killed three "
         "militants.", dt.date(2025, 6, 12), "2025-06-11"),
        ("PRESS NOTE\n\nMaiduguri, 20 August 2025 – Troops on 18 August 2025 ambushed fighters near Bama and killed "
         "four of them.", dt.date(2025, 8, 20), "2025-08-18"),
    ],
)
def test_a_title_case_release_line_is_the_reports_date(text: str, published: dt.date, want: str) -> None:
    assert [e.event_date for e in events(text, published)] == [want]


def test_without_a_publication_date_the_release_line_gives_it() -> None:
    text = "Quetta - 12 June 2025: Security forces raided a hideout in Turbat on Tuesday and killed three militants."
    d = find_dateline(text)
    assert d is not None and d.date == dt.date(2025, 6, 12)
    (ev,) = events(text, None)
    assert ev.event_date == "2025-06-10"  # the Tuesday before Thursday 12 June


@pytest.mark.parametrize(
    ("text", "date_text"),
    [
        # a weekday or a preposition is no place
        ("Monday, 12 May 2025 - a roadside bomb killed two men in Kandahar.", "12 May 2025"),
        ("On 12 May 2025 - the day of the vote - a bomb killed two men in Kandahar.", "12 May 2025"),
        # a bulletin's dated line further down is an incident's date, not a release line
        ("Weekly list\nKabul\nNangarhar\nKunar\nKandahar, 12 May 2025: a roadside bomb killed two men.", "12 May 2025"),
        # no year: only the capitals form of a wire dateline may leave it out
        ("Kandahar, 12 May - a roadside bomb killed two men.", "12 May"),
    ],
)
def test_what_is_no_release_line(text: str, date_text: str) -> None:
    assert not is_dateline_date(text, *_mention(text, date_text))


def test_the_capitals_dateline_is_still_one() -> None:
    text = "KANDAHAR, May 12 (Wire) - A roadside bomb killed two men on Sunday."
    assert is_dateline_date(text, *_mention(text, "May 12"))


# F32: a paragraph that counts from the incident told before it ("A day later", "on the same day") counts from that
# incident's day, not from the wire dateline's date above it


def test_a_day_later_counts_from_the_incident_not_the_dateline() -> None:
    text = ("KHARTOUM, June 9 - Fighters shelled a market in Omdurman on Saturday, killing five people.\n\n"
            "A day later, a drone hit a fuel depot in Port Sudan, wounding two guards.")
    evs = events(text, dt.date(2025, 6, 9))
    assert [e.event_date for e in evs] == ["2025-06-07", "2025-06-08"]


def test_a_separate_incident_on_the_same_day_takes_that_day() -> None:
    text = ("NAIROBI, Oct 7 - A bomb hit a bus near Garissa on Monday morning, killing three travellers.\n\n"
            "In a separate incident on the same day, gunmen shot dead a chief in Hulugho, about 100 km away.")
    evs = events(text, dt.date(2025, 10, 7))
    assert [e.event_date for e in evs] == ["2025-10-06", "2025-10-06"]


# a toll update's day of counting ("after eleven more bodies were found on Tuesday", "a first toll on Sunday") is not
# the attack's day when the report tells that further on (fresh12 cd02)


@pytest.mark.parametrize(
    "lead",
    [
        "The toll of the raid on Kitsimba village has risen to 31, local officials said, after eleven more bodies "
        "were found on Tuesday.",
        "The toll of the raid on Kitsimba village has risen to 31, local officials said. A first toll on Tuesday "
        "gave 20 dead.",
    ],
)
def test_a_recount_day_is_not_the_attack_day(lead: str) -> None:
    text = lead + " Gunmen had stormed the village with machetes on Saturday night, burning houses."
    (ev,) = events(text, dt.date(2025, 5, 21))  # a Wednesday
    assert ev.event_date == "2025-05-17"


def test_bodies_found_are_the_event_when_nothing_else_is_told() -> None:
    (ev,) = events("The bodies of four men with gunshot wounds were found on Tuesday beside a road outside Navolato.",
                   dt.date(2025, 5, 21))
    assert ev.event_date == "2025-05-20"
