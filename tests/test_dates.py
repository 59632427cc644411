"""Date mentions: Gregorian, relative, weekday and Hijri (Umm al-Qura) dates."""

from __future__ import annotations

import csv
import datetime as dt
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.extraction.dates import (
    DateMention,
    find_dateline,
    find_dates,
    gregorian_to_hijri,
    hijri_to_gregorian,
    implied_numeric_order,
    latest_weekday,
    numeric_order,
    resolve_hijri,
    resolve_yearless,
)

PUB = dt.date(2017, 2, 14)  # a Tuesday; 17 Jumada al-Ula 1438


def only(text: str, published: dt.date | None = PUB) -> DateMention:
    found = find_dates(text, published)
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start : m.end] == m.text
    return m


# --------------------------------------------------------------------------- Gregorian absolute


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On 2 January 2017, a bomb exploded.", dt.date(2017, 1, 2)),
        ("On January 2, 2017, a bomb exploded.", dt.date(2017, 1, 2)),
        ("On the 2nd of January 2017 a bomb exploded.", dt.date(2017, 1, 2)),
        ("On Jan. 2 a bomb exploded.", dt.date(2017, 1, 2)),
        ("On 2 Jan a bomb exploded.", dt.date(2017, 1, 2)),
        ("12/01/2016: Assailants attacked a checkpoint.", dt.date(2016, 12, 1)),
        ("on 12/01/2016 assailants attacked", dt.date(2016, 12, 1)),
        ("on 25/01/2017 assailants attacked", dt.date(2017, 1, 25)),  # DD/MM when the first is > 12
        ("Report of 2017-01-02 from Mosul", dt.date(2017, 1, 2)),
        ("Tuesday, 7 February 2017: clashes", dt.date(2017, 2, 7)),
        ("On SEPTEMBER 3, 2016 the town fell", dt.date(2016, 9, 3)),
        ("Protesters marched on Monday [6 February] in the capital.", dt.date(2017, 2, 6)),
        ("Clashes on Friday (3 February 2017) left the town empty.", dt.date(2017, 2, 3)),
    ],
)
def test_gregorian_absolute(text: str, expected: dt.date) -> None:
    with numeric_order("mdy"):  # GTD writes MM/DD/YYYY ("12/01/2016" alone reads both ways: see below)
        m = only(text)
    assert (m.date, m.precision, m.calendar, m.kind) == (expected, 1, "gregorian", "absolute")


def test_sentence_full_stop_is_not_part_of_the_date() -> None:
    assert only("The shop was burned on 30 January.").text == "30 January"
    assert only("He was arrested in March.").text == "March"
    assert only("On Sept. 3, 2016 the town fell").text == "Sept. 3, 2016"


def test_yearless_gregorian_takes_latest_year_on_or_before_published() -> None:
    assert only("on 2 January", dt.date(2017, 1, 5)).date == dt.date(2017, 1, 2)
    assert only("on 2 January", dt.date(2016, 12, 31)).date == dt.date(2016, 1, 2)  # two days after: last year's
    assert only("on 2 January", dt.date(2017, 1, 1)).date == dt.date(2017, 1, 2)  # one day after: the citation lags
    assert only("on 2 January", dt.date(2017, 1, 2)).date == dt.date(2017, 1, 2)
    assert only("on 29 February", dt.date(2019, 3, 1)).date == dt.date(2016, 2, 29)
    assert only("on 2 January", None).date is None  # never invent a year


def test_day_of_month_only() -> None:
    m = only("On the 3rd, gunmen attacked a convoy.")
    assert (m.text, m.date, m.kind) == ("the 3rd", dt.date(2017, 2, 3), "relative")
    assert only("on the 20th, gunmen attacked").date == dt.date(2017, 1, 20)
    assert find_dates("He lived on the 3rd floor.", PUB) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("early January", dt.date(2017, 1, 1)),
        ("in late January", dt.date(2017, 1, 31)),
        ("January 2016", dt.date(2016, 1, 15)),
        ("mid-December 2016", dt.date(2016, 12, 15)),
        ("the end of March 2016", dt.date(2016, 3, 31)),
    ],
)
def test_month_precision(text: str, expected: dt.date) -> None:
    m = only(text)
    assert (m.date, m.precision, m.kind) == (expected, 3, "month")


def test_month_in_current_month_is_not_after_published() -> None:
    m = only("fighting in February", dt.date(2017, 2, 10))
    assert m.date == dt.date(2017, 2, 10) and m.precision == 3


@pytest.mark.parametrize(
    "text, expected, precision",
    [
        ("Sometime between January 3, 2017 and January 9, 2017, gunmen", dt.date(2017, 1, 6), 2),
        ("strikes from 9-13 January 2017 in the north", dt.date(2017, 1, 11), 2),
        ("January 1-3, 2017", dt.date(2017, 1, 2), 2),
        ("a week of protests (31 Jan - 6 Feb) in the capital", dt.date(2017, 2, 3), 2),
        ("between 1 January 2017 and 20 January 2017", dt.date(2017, 1, 10), 3),
    ],
)
def test_ranges_give_the_midpoint(text: str, expected: dt.date, precision: int) -> None:
    m = only(text)
    assert (m.date, m.precision, m.kind) == (expected, precision, "absolute")


def test_distant_dates_are_not_a_range() -> None:
    found = find_dates("between 1 January 2016 and 20 January 2017", PUB)
    assert [m.date for m in found] == [dt.date(2016, 1, 1), dt.date(2017, 1, 20)]


# --------------------------------------------------------------------------- relative


@pytest.mark.parametrize(
    "text, expected, precision",
    [
        ("yesterday", dt.date(2017, 2, 13), 1),
        ("Yesterday morning", dt.date(2017, 2, 13), 1),
        ("today", dt.date(2017, 2, 14), 1),
        ("last night", dt.date(2017, 2, 13), 1),
        ("this morning", dt.date(2017, 2, 14), 1),
        ("the day before yesterday", dt.date(2017, 2, 12), 1),
        ("three days ago", dt.date(2017, 2, 11), 1),
        ("earlier this week", dt.date(2017, 2, 13), 2),
        ("last week", dt.date(2017, 2, 9), 2),
        ("last weekend", dt.date(2017, 2, 11), 2),
        ("last month", dt.date(2017, 1, 15), 3),
    ],
)
def test_relative(text: str, expected: dt.date, precision: int) -> None:
    m = only(f"Gunmen attacked a checkpoint {text}, officials said.")
    assert (m.date, m.precision, m.kind) == (expected, precision, "relative")


def test_relative_without_published_is_none() -> None:
    for text in ("yesterday", "last week", "on Tuesday", "the 12th of Jumada al-Ula", "on the 3rd"):
        (m,) = find_dates(text, None)
        assert m.date is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on Tuesday", dt.date(2017, 2, 14)),  # published on a Tuesday: the same day
        ("last Tuesday", dt.date(2017, 2, 7)),
        ("on Sunday evening", dt.date(2017, 2, 12)),
        ("on Wednesday", dt.date(2017, 2, 8)),
        ("Monday night", dt.date(2017, 2, 13)),
    ],
)
def test_weekday(text: str, expected: dt.date) -> None:
    m = only(f"Clashes broke out {text} in the old city.")
    assert (m.date, m.precision, m.kind) == (expected, 1, "weekday")


# --------------------------------------------------------------------------- Hijri


def test_vocabulary_example() -> None:
    m = only("On the 12th of Jumada al-Ula, soldiers of the Khilafah targeted a barracks.")
    assert m.text == "the 12th of Jumada al-Ula"
    assert (m.date, m.precision, m.calendar, m.kind) == (dt.date(2017, 2, 9), 1, "hijri", "hijri")


@pytest.mark.parametrize(
    "text",
    [
        "On the 3rd of Rabi’ al-Akhir",
        "on 3 Rabi' al-Thani",
        "on 3 Rabi' II",
        "on 3 Rabi al-Akhar",
        "on 3 Rabiʿ al-Ākhir".replace("Ā", "A"),
        "Rabi‘ al-Akhir 3",
        "on the third of Rabi ath-Thani",
    ],
)
def test_hijri_month_variants(text: str) -> None:
    # 3 Rabi al-Akhir 1438 = 1 January 2017
    assert only(text).date == dt.date(2017, 1, 1)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On the 12th of Jumada I", dt.date(2017, 2, 9)),
        ("On the 12th of Jumada al-Awwal", dt.date(2017, 2, 9)),
        ("the 29th of Dhu al-Hijjah", hijri_to_gregorian(29, 12, 1437)),
        ("the 9th of Dhul-Hijjah", hijri_to_gregorian(9, 12, 1437)),
        ("on 10 Muharram", hijri_to_gregorian(10, 1, 1438)),
        ("on 5 Safar", hijri_to_gregorian(5, 2, 1438)),
        ("Ramadan 5", hijri_to_gregorian(5, 9, 1437)),
        ("on 15 Sha'ban", hijri_to_gregorian(15, 8, 1437)),
        ("on 2 Shawwal", hijri_to_gregorian(2, 10, 1437)),
        ("on 20 Dhu al-Qa'dah", hijri_to_gregorian(20, 11, 1437)),
        ("12 Jumada al-Ula 1438", dt.date(2017, 2, 9)),
        ("12 Jumada al-Ula 1437 AH", hijri_to_gregorian(12, 5, 1437)),
    ],
)
def test_hijri(text: str, expected: dt.date) -> None:
    m = only(text)
    assert (m.date, m.calendar) == (expected, "hijri")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("attacks during Ramadan", hijri_to_gregorian(15, 9, 1437)),
        ("attacks in Ramadan 1437", hijri_to_gregorian(15, 9, 1437)),
        ("during the holy month of Ramadan 1437", hijri_to_gregorian(15, 9, 1437)),
        ("in early Muharram 1438 AH", hijri_to_gregorian(1, 1, 1438)),
        ("in late Safar", hijri_to_gregorian(29, 2, 1438) + dt.timedelta(days=0)),
        ("the month of Jumada al-Ula", dt.date(2017, 2, 12)),
    ],
)
def test_hijri_month_only(text: str, expected: dt.date) -> None:
    m = only(text)
    assert (m.date, m.precision, m.calendar, m.kind) == (expected, 3, "hijri", "hijri")


def test_hijri_month_names_alone_are_not_dates() -> None:
    assert find_dates("Rajab said the Safar road was closed.", PUB) == []
    assert find_dates("A drone strike killed 6 militants in Shawal, North Waziristan.", PUB) == []


def test_hijri_with_year_needs_no_published() -> None:
    assert only("on 12 Jumada al-Ula 1438", None).date == dt.date(2017, 2, 9)


def test_every_spelling_in_the_data_file_is_found() -> None:
    path = resources.files("eventcoder") / "data" / "hijri_months.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {int(r["month"]) for r in rows} == set(range(1, 13))
    for row in rows:
        m = only(f"On the 4th of {row['name']}, fighters attacked.")
        assert m.kind == "hijri", row
        assert m.date == resolve_hijri(4, int(row["month"]), PUB), row


def test_hijri_day_30_in_a_29_day_month_is_the_next_day() -> None:
    # Umm al-Qura gives Jumada al-Akhirah 1438 29 days: "30th" is read as the day after the 29th
    year, month = 1438, 6
    assert hijri_to_gregorian(30, month, year) == hijri_to_gregorian(29, month, year) + dt.timedelta(days=1)
    with pytest.raises(ValueError):
        hijri_to_gregorian(31, 1, 1438)
    with pytest.raises(ValueError):
        hijri_to_gregorian(1, 13, 1438)


def test_resolve_hijri_one_day_slack() -> None:
    # 18 Jumada al-Ula 1438 = 15 Feb 2017, one day after PUB: a calendar difference, not last year
    assert resolve_hijri(18, 5, PUB) == dt.date(2017, 2, 15)
    assert resolve_hijri(18, 5, PUB, slack_days=0) == hijri_to_gregorian(18, 5, 1437)


@settings(max_examples=150, deadline=None)
@given(
    st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.integers(min_value=0, max_value=300),
)
def test_resolve_hijri_round_trip(day: dt.date, lag: int) -> None:
    _, hm, hd = gregorian_to_hijri(day)
    published = day + dt.timedelta(days=lag)
    assert resolve_hijri(hd, hm, published) == day
    names = {1: "Muharram", 5: "Jumada al-Ula", 9: "Ramadan", 12: "Dhul-Hijjah"}
    if hm in names:
        assert only(f"On the {hd}th of {names[hm]}, an attack", published).date == day


# --------------------------------------------------------------------------- property tests, Gregorian

FORMATS = [
    lambda d: f"{d.day} {d:%B} {d.year}",
    lambda d: f"{d:%B} {d.day}, {d.year}",
    lambda d: f"{d.day} {d:%b}. {d.year}" if f"{d:%b}" != f"{d:%B}" else f"{d.day} {d:%B} {d.year}",
    lambda d: f"the {d.day}th of {d:%B} {d.year}",
    lambda d: d.isoformat(),
    lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",
    lambda d: f"{d:%A}, {d.day} {d:%B} {d.year}",
]


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31)),
    st.sampled_from(range(len(FORMATS))),
    st.sampled_from(["On ", "Report: ", "", "Fighting resumed on "]),
    st.sampled_from([", 12 people were killed.", " in Mosul.", "", " (local time)"]),
)
def test_gregorian_round_trip(day: dt.date, fmt: int, before: str, after: str) -> None:
    written = FORMATS[fmt](day)
    with numeric_order("mdy"):
        m = only(before + written + after, None)
    assert m.date == day and m.text == written and m.precision == 1


@settings(max_examples=150, deadline=None)
@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.integers(min_value=0, max_value=360),
)
def test_yearless_round_trip(day: dt.date, lag: int) -> None:
    published = day + dt.timedelta(days=lag)
    assert only(f"on {day.day} {day:%B}, clashes", published).date == day
    assert resolve_yearless(day.day, day.month, published) == day


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)), st.integers(0, 6))
def test_weekday_is_latest_on_or_before(published: dt.date, weekday: int) -> None:
    d = latest_weekday(weekday, published)
    assert d.weekday() == weekday and 0 <= (published - d).days <= 6


# --------------------------------------------------------------------------- not dates


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed 12 people and wounded 30.",
        "Security Council Resolution 2254 calls for a ceasefire.",
        "A 25-year-old man, aged 25, was shot at 14:00.",
        "The blast hit the 3rd Brigade headquarters.",
        "Militants may 5 times have attacked.",
        "They fired 120 mortar rounds; 3/4 of the town was hit.",
        "the Safar road and Rajab's house",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, PUB) == []


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=0, max_value=9999), st.sampled_from(["killed", "wounded", "arrested", "displaced"])
)
def test_counts_are_not_dates(n: int, verb: str) -> None:
    assert find_dates(f"Militants {verb} {n} people near the border.", PUB) == []


def test_mentions_are_ordered_and_do_not_overlap() -> None:
    text = "On 3 January 2017 and again yesterday, and on the 12th of Jumada al-Ula, attacks hit Mosul."
    found = find_dates(text, PUB)
    assert [m.kind for m in found] == ["absolute", "relative", "hijri"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


# ---- wire datelines: the report's own date, used when no publication date is given


@pytest.mark.parametrize(
    ("text", "date_text"),
    [
        ("IDLIB, March 3, 2019 - Government forces shelled the town.", "March 3, 2019"),
        ("KABUL, 3 March 2019 (AFP) - A bomb exploded.", "3 March 2019"),
        ("BEIRUT (Reuters), Mar. 3, 2019 - Shelling.", "Mar. 3, 2019"),
        ("BEIRUT (Reuters) Mar. 3, 2019 – Shelling.", "Mar. 3, 2019"),
        ("ADEN, Yemen, 2019-03-03 - Clashes.", "2019-03-03"),
        ("ALEPPO, Syria, March 3, 2019 (SANA)-- Clashes.", "March 3, 2019"),
        (
            "Shelling in Idlib\n\nDERA ISMAIL KHAN, Pakistan, Monday, March 3, 2019 (AP) — x",
            "Monday, March 3, 2019",
        ),
    ],
)
def test_dateline_full_date(text: str, date_text: str) -> None:
    d = find_dateline(text)
    assert d is not None and d.date == dt.date(2019, 3, 3) and d.precision == 1
    assert text[d.start : d.end] == d.text == date_text


@pytest.mark.parametrize(
    "text",
    [
        "MOGADISHU, Jan 2 (Wire) - no year: nothing is invented",
        "BAGHDAD (Reuters) - A bomb went off on March 3, 2019 - police said.",
        "Government forces said on March 3, 2019 - x",
        "On March 3, 2019 - forces shelled the town.",
        "MOSUL, Tuesday (AP) - a weekday is no date without a publication date",
        "IDLIB, March 3, 2019 and March 4, 2019 - two dates are no dateline",
        "one\ntwo\nthree\nIDLIB, March 3, 2019 - only the first three lines",
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


@settings(max_examples=60, deadline=None)
@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.sampled_from(["IDLIB", "DERA ISMAIL KHAN", "N'DJAMENA", "ADEN, Yemen"]),
    st.sampled_from(["", " (AFP)", " (Reuters)"]),
    st.sampled_from([" - ", " – ", " — ", "-- "]),
)
def test_dateline_any_day(day: dt.date, place: str, agency: str, sep: str) -> None:
    head = f"{place}, {day.strftime('%B')} {day.day}, {day.year}{agency}"
    d = find_dateline(head + sep + "Forces shelled the town on Tuesday.")
    assert d is not None and d.date == day and d.end <= len(head)


# ---- review (session 7): the citation date may lag the stated day by one ----


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_a_stated_day_one_day_after_publication_is_that_day(day: dt.date) -> None:
    published = day - dt.timedelta(days=1)  # "early April 26" cited on April 25 (also 1 January cited on 31 December)
    assert only(f"on {day.day} {day:%B}, clashes", published).date == day
    two_after = only(f"on {day.day} {day:%B}, clashes", day - dt.timedelta(days=2)).date
    assert two_after is not None and two_after < day - dt.timedelta(days=300)  # beyond the slack: an earlier year
    # the bare rule stays strict: holidays and months call it without slack
    assert resolve_yearless(day.day, day.month, published) < day


def test_a_count_before_an_abbreviated_month_day_is_no_day() -> None:
    published = dt.date(2021, 2, 25)
    m = only("Car bomb kills four and injures 12 Feb. 25", published)
    assert (m.text, m.date) == ("Feb. 25", dt.date(2021, 2, 25))
    # day-first dates are unchanged: with a year, a full month name, or nothing after
    assert only("On 12 Feb. 2021, gunmen struck", published).date == dt.date(2021, 2, 12)
    assert only("On 12 March 25 people were killed", published).date == dt.date(2020, 3, 12)
    assert only("On 12 Feb., gunmen struck", published).date == dt.date(2021, 2, 12)


# --------------------------------------------------------------------------- numeric dates (session 9)

NUMERIC_FORMS = ["{d:02d}/{m:02d}/{y}", "{d}.{m}.{y}", "{d}-{m}-{y}", "{d:02d}/{m:02d}/{yy:02d}"]


@pytest.mark.parametrize("form", NUMERIC_FORMS)
@pytest.mark.parametrize("order", ["dmy", "mdy"])
def test_numeric_dates_follow_the_configured_order(form: str, order: str) -> None:
    written = form.format(d=5, m=1, y=2020, yy=20) if order == "dmy" else form.format(d=1, m=5, y=2020, yy=20)
    with numeric_order(order):
        m = only(f"A bomb killed 4 people in Kirkuk on {written}.", dt.date(2020, 6, 1))
    assert (m.text, m.date, m.precision, m.kind, m.readings) == (written, dt.date(2020, 1, 5), 1, "absolute", ())


def test_numeric_dates_without_an_order_are_never_guessed() -> None:
    pub = dt.date(2020, 6, 1)
    m = only("killed 4 people on 05/01/2020 in Kirkuk", pub)  # 5 January or 1 May: both before publication
    assert m.date is None and m.readings == (dt.date(2020, 1, 5), dt.date(2020, 5, 1))
    assert only("on 25.01.2020 gunmen", pub).date == dt.date(2020, 1, 25)  # 25 can only be the day
    assert only("on 01-25-2020 gunmen", pub).date == dt.date(2020, 1, 25)
    assert only("on 05/01/2020 gunmen", dt.date(2020, 2, 1)).date == dt.date(2020, 1, 5)  # 1 May is after publication
    assert only("on 07/07/2020 gunmen", pub).date == dt.date(2020, 7, 7)  # reads the same both ways
    with numeric_order("mdy"):  # a configured order still cannot make 25 a month
        assert only("on 25/01/2020 gunmen", pub).date == dt.date(2020, 1, 25)
    with pytest.raises(ValueError, match="dmy, mdy"):
        with numeric_order("ymd"):
            pass


@pytest.mark.parametrize(
    "text",
    [
        "The home side won 3/1 after extra time.",
        "Medics worked 24/7 at the hospital.",
        "The app was updated to version 1.2.3 and v2.1.2020 last year.",
        "Security Council resolution 2254/2015 was cited.",
        "Half (1/2) of the village, a 3:1 ratio, fled at 10.30 and 22:15.",
        "Call 0300-12-2020 or +964-5-1-2020 for help; the 1.2.20 build; a 5-1-20 score.",
        "The IP 192.168.1.20 and 10.5.1.2020.4 were blocked.",
    ],
)
@pytest.mark.parametrize("order", [None, "dmy", "mdy"])
def test_numeric_non_dates(text: str, order: str | None) -> None:
    with numeric_order(order):
        assert find_dates(text, dt.date(2020, 6, 1)) == []


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31)),
    st.sampled_from(range(len(NUMERIC_FORMS))),
    st.sampled_from(["dmy", "mdy"]),
    st.sampled_from(["On ", "", "Report of ", "("]),
    st.sampled_from(["", ", 12 people were killed.", ".", ")", " in Mosul"]),
)
def test_numeric_round_trip(day: dt.date, form: int, order: str, before: str, after: str) -> None:
    a, b = (day.day, day.month) if order == "dmy" else (day.month, day.day)
    if form == 3 and not 2000 <= day.year <= 2099:
        return
    written = NUMERIC_FORMS[form].format(d=a, m=b, y=day.year, yy=day.year % 100)
    with numeric_order(order):
        m = only(before + written + after, None)
    assert m.date == day and m.text == written and m.precision == 1


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 9999), min_size=1, max_size=4),
    st.sampled_from(["/", ".", ":", "-", " ", ","]),
    st.sampled_from([None, "dmy", "mdy"]),
)
def test_numbers_that_are_no_date_never_parse(parts: list[int], sep: str, order: str | None) -> None:
    """Two numbers, four numbers, a time or a count are never a date; three are one only when they are a
    valid day and month (in either order) and a year of two digits after "/" or four digits 19xx/20xx."""
    text = f"gunmen fired {sep.join(map(str, parts))} rounds"
    with numeric_order(order):
        found = find_dates(text, dt.date(2020, 6, 1))
    if len(parts) != 3 or sep not in "/.-" or not found:
        assert found == []
        return
    a, b, y = parts
    assert sep == "/" and y < 100 or 1900 <= y <= 2099
    assert any(_ok(y, m, d) for m, d in ((a, b), (b, a)))


def _ok(y: int, m: int, d: int) -> bool:
    try:
        dt.date(2000 + y if y < 100 else y, m, d)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    "order, published, expected, precision, basis",
    [
        ("dmy", dt.date(2020, 6, 1), "2020-01-05", 1, "stated"),
        ("mdy", dt.date(2020, 6, 1), "2020-05-01", 1, "stated"),
        ("dmy", None, "2020-01-05", 1, "stated"),
        (None, dt.date(2020, 2, 1), "2020-01-05", 1, "stated"),  # 1 May would be after publication
        (None, dt.date(2020, 6, 1), None, None, "ambiguous_order"),  # either: no date is chosen
        (None, None, None, None, "ambiguous_order"),
    ],
)
def test_numeric_date_reaches_the_event(
    order: str | None, published: dt.date | None, expected: str | None, precision: int | None, basis: str
) -> None:
    """The stages read --date-order (Settings.date_order): the event's date is the one written, with its span."""
    from eventcoder.records import Document
    from eventcoder.settings import Settings
    from eventcoder.stages import extract, segment

    text = "A bomb killed 4 people in Kirkuk on 05/01/2020."
    conf = Settings(date_order=order)
    doc = Document.from_text(text, doc_id="d", published=published)
    (ev,) = extract.extract(doc, segment.segment(doc, conf), conf)
    assert (ev.event_date, ev.time_precision, ev.date_text) == (expected, precision, "05/01/2020")
    assert ev.context["date_basis"] == basis
    assert ev.evidence["date_text"] == [text.index("05/"), text.index("05/") + 10]
    if basis == "ambiguous_order":
        assert ev.context["date_readings"] == ["2020-01-05", "2020-05-01"]
        assert "event_date" not in ev.evidence and "05/01/2020 (day and month order not known)" in ev.notes
    else:
        assert ev.evidence["event_date"] == ev.evidence["date_text"]


@pytest.mark.parametrize(
    "text, order",
    [
        ("Clashes on 25/01/2020 and again on 05/02/2020.", "dmy"),  # 25 can only be the day: the writer is dmy
        ("Clashes on 01.25.2020 and again on 02.05.2020.", "mdy"),
        ("Clashes on 05/02/2020.", None),  # nothing tells
        ("Clashes on 25/01/2020 and on 01/25/2020.", None),  # the text contradicts itself: no order
        ("Resolution 2254/2015, a 3/1 win, 24/7 at 10:30", None),
    ],
)
def test_implied_numeric_order(text: str, order: str | None) -> None:
    assert implied_numeric_order(text) == order


def test_a_document_writes_its_numeric_dates_one_way() -> None:
    """ "05/02/2020" alone reads both ways; after "25/01/2020" in the same report it is 5 February."""
    from eventcoder.records import Document
    from eventcoder.settings import Settings
    from eventcoder.stages import extract, segment

    text = "On 25/01/2020, a bomb killed 4 people in Kirkuk.\n\nOn 05/02/2020, gunmen killed 2 soldiers in Mosul."
    doc = Document.from_text(text, doc_id="d", published=dt.date(2020, 6, 1))
    evs = extract.extract(doc, segment.segment(doc, Settings()), Settings())
    assert sorted(e.event_date for e in evs) == ["2020-01-25", "2020-02-05"]
    conf = Settings(date_order="mdy")  # a configured order wins (25/01 is still the 25th: no month 25)
    evs = extract.extract(doc, segment.segment(doc, conf), conf)
    assert sorted(e.event_date for e in evs) == ["2020-01-25", "2020-05-02"]
