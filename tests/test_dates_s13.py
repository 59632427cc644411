"""Dates in session 13's fresh held-out texts (tools/fresh13 F24-F26): list heads "12/11 -", "today" followed by
the day it names, and "in <month> last year"."""

from __future__ import annotations

import datetime as dt

from eventcoder.extraction.dates import find_dates, numeric_order
from tests.test_extract import _events

PUB = dt.date(2026, 11, 17)


def _dates(text: str, published: dt.date = PUB) -> list[tuple[str, str | None]]:
    return [(d.text, d.date.isoformat() if d.date else None) for d in find_dates(text, published)]


def test_list_item_heads_with_day_and_month() -> None:
    text = "WEEKLY DIGEST\n\n09/11 - KUKAWA LGA: a convoy was ambushed.\n13/11 - MONGUNO: shops were looted.\n"
    assert _dates(text) == [("09/11", "2026-11-09"), ("13/11", "2026-11-13")]


def test_list_head_after_a_number_or_bullet() -> None:
    assert _dates("3. 14/11: an IED went off.\n- 2/11 - a raid.") == [("14/11", "2026-11-14"), ("2/11", "2026-11-02")]


def test_list_head_two_recent_readings_keep_both() -> None:
    (d,) = find_dates("10/11 - a clash was reported.", dt.date(2026, 11, 20))
    assert d.date is None and d.readings == (dt.date(2026, 10, 11), dt.date(2026, 11, 10))
    with numeric_order("dmy"):
        (d,) = find_dates("10/11 - a clash was reported.", dt.date(2026, 11, 20))
    assert d.date == dt.date(2026, 11, 10)


def test_no_list_head_in_a_sentence_or_far_back() -> None:
    assert _dates("The clinic is open 24/7 - every day.") == []
    assert _dates("5/3 - a note from long ago.") == []  # 5 March / 3 May: neither within two months


def test_today_followed_by_the_day_it_names() -> None:
    pub = dt.date(2026, 11, 6)
    assert _dates("Our units took the town today Thursday 5 November after a siege.", pub) == [
        ("Thursday 5 November", "2026-11-05")
    ]
    assert _dates("It was carried out today, Wednesday, November 4, at dawn.", pub) == [
        ("Wednesday, November 4", "2026-11-04")
    ]
    assert _dates("Gunmen struck today.", pub) == [("today", "2026-11-06")]


def test_month_last_year() -> None:
    assert _dates("In a similar raid in February last year, 30 died.") == [("February last year", "2025-02-15")]
    assert _dates("in June of the previous year") == [("June of the previous year", "2025-06-15")]
    assert _dates("in February, 30 died.") == [("February", "2026-02-15")]


def test_list_items_get_their_own_dates() -> None:
    text = (
        "SECURITY DIGEST (10-15 November 2026)\n\n"
        "11/11 - KONDUGA LGA: Gunmen killed two herders near Auno.\n\n"
        "14/11 - BAMA LGA: An IED struck a truck near Banki, killing three passengers.\n"
    )
    _, evs = _events(text, published="2026-11-16", source_type="ngo")
    assert sorted(e.event_date for e in evs) == ["2026-11-11", "2026-11-14"]
