"""Session 10 review (reviewer E): counter-examples to the session-10 extraction rules, where they must not fire."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.extraction.dates import find_dates, numeric_order
from eventcoder.extraction.numbers import find_casualties
from eventcoder.records import Document, Event
from eventcoder.settings import Settings
from eventcoder.stages import extract, segment

PUB = dt.date(2019, 3, 4)


def one(text: str) -> Event:
    conf = Settings()
    doc = Document.from_text(text, doc_id="d", published=PUB)
    (ev,) = extract.extract(doc, segment.segment(doc, conf), conf)
    return ev


# the crowd rule (6d7a37e): a crowd word is the rioter only as the subject of the burning or looting, not as the
# victim ("their homes were looted"), the source ("Villagers said unknown people burned ...") or beside another
# subject ("Students said thieves looted ...")


@pytest.mark.parametrize(
    "text",
    [
        "Residents fled as their homes were looted in Beni on Sunday.",
        "Villagers said unknown people burned down three houses in Beni on Sunday.",
        "Locals said their shops were looted overnight in Kano.",
        "Villagers returned on Sunday to find their huts burned down in Jos.",
        "Students said thieves looted the school canteen in Kano on Sunday.",
    ],
)
def test_a_crowd_that_is_victim_or_source_is_no_rioter(text: str) -> None:
    ev = one(text)
    assert ev.event_type != "Riots"
    assert ev.actor1 is None or not ev.actor1.startswith("Rioters")


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of angry students on Sunday burned a bus in Dhaka.",
        "Students, angry over fees, burned a bus in Dhaka on Sunday.",
        "Opposition supporters reportedly looted shops in Kano on Sunday.",
        "Supporters of the governor looted shops in Kano on Sunday.",
        "Family members of the victim burned tyres in Kano on Sunday.",
        "A dozen motorbike-ridden activists waylaid a bus and set the bus on fire in Pune on Sunday.",
    ],
)
def test_a_crowd_that_burns_or_loots_riots(text: str) -> None:
    ev = one(text)
    assert (ev.event_type, ev.sub_event_type) == ("Riots", "Mob violence")
    assert ev.actor1 is not None and ev.actor1.startswith("Rioters")


# two-digit years after "-"/"." (d9c23ac): a label's number or a phone number is no date


@pytest.mark.parametrize(
    "text",
    [
        "The meeting was in Room 12-03-21 of the ministry.",
        "Version 10.12.19 was released.",
        "Call +92 300 12-03-21 for help.",
        "Tel: 12-03-21",
        "The final score was 12-03-21 in the third set.",
        "Case No. 12-03-21 was heard.",
    ],
)
def test_a_labelled_number_is_no_two_digit_year_date(text: str) -> None:
    assert not [d for d in find_dates(text, PUB) if "-" in d.text or "." in d.text]


@pytest.mark.parametrize("text", ["Gunmen attacked the post on 12-03-21 in Kabul.", "Attack of 12.03.21: 3 killed."])
def test_a_two_digit_year_date_still_reads(text: str) -> None:
    with numeric_order("dmy"):
        (d,) = find_dates(text, dt.date(2021, 4, 1))
    assert d.date == dt.date(2021, 3, 12)


# the speaker rule (d9c23ac/6d7a37e): a force that tells of militants' deaths killed them only when its sentence
# names no other cause; the force named as the other side of the fight comes before the speaker


@pytest.mark.parametrize(
    "text",
    [
        "The army said 3 militants were killed in an explosion while they were making bombs in Bannu on Sunday.",
        "The army said 3 militants were killed in infighting with rival militants in Bannu on Sunday.",
        "Police said 3 militants were killed in a US drone strike in Bannu on Sunday.",
        "The army said 3 militants were killed when their vehicle overturned in Bannu on Sunday.",
    ],
)
def test_a_speaker_is_no_killer_when_something_else_killed(text: str) -> None:
    ev = one(text)
    assert ev.actor1 is None or not ev.actor1.startswith(("Military Forces", "Police Forces"))


def test_the_force_fought_comes_before_the_speaker() -> None:
    ev = one("Police said 3 militants were killed in a clash with the army in Bannu on Sunday.")
    assert ev.actor1 is not None and ev.actor1.startswith("Military Forces")
    ev = one("The Pakistan Army said 3 militants were killed in Bannu on Sunday.")
    assert ev.actor1 == "Military Forces of Pakistan"


# a reporting verb's subject (4767beb): "told X to ..." is an order, its subject still the actor
def test_an_order_is_no_report() -> None:
    ev = one("Soldiers told villagers to leave and then burned their houses in Kano on Sunday.")
    assert ev.actor1 is not None and ev.actor1.startswith("Military Forces")
    ev = one("Gunmen attacked a police post in Kano on Sunday, wounding eight people, police told reporters.")
    assert ev.actor1 is not None and not ev.actor1.startswith("Police")


# natural hazards (693dc69): a hazard told as background or as a modifier does not make the passage's deaths its
# own; one that acts still does


@pytest.mark.parametrize(
    "text",
    [
        "Five people were killed in Maiduguri on Sunday, a month after floods displaced thousands there.",
        "Five displaced people were killed in a camp for flood victims in Maiduguri on Sunday.",
    ],
)
def test_a_background_hazard_leaves_the_killing(text: str) -> None:
    ev = one(text)
    assert ev.killed == 5


def test_a_hazard_that_acts_killed() -> None:
    conf = Settings()
    text = "Floods submerged large parts of Maiduguri on Sunday. At least 30 people died and 4,000 were displaced."
    doc = Document.from_text(text, doc_id="d", published=PUB)
    assert not [e for e in extract.extract(doc, segment.segment(doc, conf), conf) if e.event_type]


# the restated-figure rule (5fd77c9): the same figure of the same people in a later sentence about another place,
# day or "separate" attack is other people, both counted


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Five militants were killed in a raid in Kunduz. In a separate attack in Helmand, five militants were killed.", 10),
        ("Three civilians were killed in Kabul on Monday. On Tuesday, three civilians were killed in Herat.", 6),
        ("Four people were killed in Kano on Monday. Four people were killed in Kaduna on Tuesday.", 8),
        # the same scene told again: once
        ("At least five militants were killed in the raid in Kunduz. Five militants were killed and six arrested.", 5),
        ("Four people were killed in Kano on Monday. Police said four people were killed in Kano.", 4),
    ],
)
def test_a_figure_for_another_scene_is_no_restatement(text: str, killed: int) -> None:
    assert find_casualties(text).killed == killed
