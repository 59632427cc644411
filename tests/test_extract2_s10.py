"""Extraction defects found on the fresh held-out texts of session 10 (/tmp/fresh/defects.md): each a case the
coder reads one way and the extractor read another, fixed by a general rule."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.extraction.numbers import find_casualties
from eventcoder.records import Document, Event
from eventcoder.settings import Settings
from eventcoder.stages import extract, segment


def events(text: str, published: dt.date, source_type: str | None = None) -> list[Event]:
    conf = Settings()
    doc = Document.from_text(text, doc_id="d", published=published, source_type=source_type)
    return extract.extract(doc, segment.segment(doc, conf), conf)


def one(text: str, published: dt.date, source_type: str | None = None) -> Event:
    (ev,) = events(text, published, source_type)
    return ev


# D2. a date in the dateline / release header is the publication date: it anchors "Tuesday", the event's own date wins


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        ("PESHAWAR, Pakistan, Feb 19 (Reuters) - Gunmen attacked a police checkpoint in Bannu on Tuesday, "
         "killing four policemen.", dt.date(2025, 2, 19), dt.date(2025, 2, 18)),
        ("IMPHAL, India, May 17 (Reuters) - Gunmen killed three villagers in Chandel district on Friday.",
         dt.date(2024, 5, 17), dt.date(2024, 5, 17)),
        ("(Nairobi, November 22, 2024) – Burkina Faso soldiers executed at least 56 civilians in Ouahigouya on "
         "March 3, 2024, Human Rights Watch said today.", dt.date(2024, 11, 22), dt.date(2024, 3, 3)),
        ("BUNIA, Democratic Republic of Congo, Jan 20 (Reuters) - Rebels killed 18 people in the village of "
         "Mayikengo late on Saturday.", dt.date(2025, 1, 20), dt.date(2025, 1, 18)),
    ],
)
def test_header_date_is_the_publication_date_not_the_event_date(text: str, published: dt.date, want: dt.date) -> None:
    ev = one(text, published)
    assert ev.event_date == want.isoformat()


# D12. a reporting verb's subject ("police said", "a Taliban official said") is the source, not a party


@pytest.mark.parametrize(
    "text",
    [
        "A grenade was thrown into a crowded bar in the town of Tame on Saturday night, wounding eight people, "
        "police said.",
        "Unknown attackers threw a grenade into a crowded bar in Tame on Saturday, wounding eight people, police said.",
        "Police said a grenade was thrown into a crowded bar in Tame on Saturday, wounding eight people.",
    ],
)
def test_police_telling_of_an_attack_is_not_the_attacker(text: str) -> None:
    ev = one(text, dt.date(2025, 1, 12))
    assert "Police" not in (ev.actor1 or "") and "Police" not in (ev.actor2 or "")


def test_a_spokesman_of_the_authorities_is_no_party() -> None:
    ev = one("The death toll from Friday's suicide bombing at a Shiite mosque in the northern city of Kunduz has "
             "risen to 72, a Taliban official said Wednesday.", dt.date(2021, 10, 13))
    assert ev.actor2 != "Taliban" and ev.actor1 != "Taliban"


def test_a_force_saying_it_killed_stays_actor1() -> None:
    ev = one("The army said it killed 12 militants in a raid in Kunduz on Tuesday.", dt.date(2021, 10, 13))
    assert (ev.actor1 or "").startswith("Military Forces")


# D3. deaths a natural hazard caused, with no attacker, weapon or attack word, are no event


@pytest.mark.parametrize(
    "text",
    [
        "Flash floods swept away homes in the Swat valley on Saturday, killing 12 people.",
        "Following the collapse of the Alau dam on 10 September, floods submerged large parts of Maiduguri. "
        "At least 30 people died and more than 400,000 were displaced.",
        "A landslide buried a village in Dolakha district on Monday, killing nine people.",
    ],
)
def test_deaths_a_hazard_caused_are_no_event(text: str) -> None:
    assert events(text, dt.date(2024, 9, 11)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed 12 people in a village in the Swat valley on Saturday as floods cut the roads.",
        "Militants attacked a relief convoy carrying flood aid in Swat on Saturday, killing 12 people.",
        "Unknown attackers shot dead 12 people displaced by the floods in a camp near Maiduguri on Monday.",
    ],
)
def test_an_attack_during_a_flood_stays_an_event(text: str) -> None:
    ev = one(text, dt.date(2024, 9, 11))
    assert ev.event_type == "Violence against civilians"


# D15. a protest headline's present-tense torching, storming or pelting is a riot


@pytest.mark.parametrize(
    "text",
    [
        "Protesters torch police station in Sylhet",
        "Protesters storm parliament in Dhaka",
        "Demonstrators pelt police with stones in Srinagar",
        "Students torch buses in Dhaka protest over quota",
    ],
)
def test_protest_headline_with_riot_verb_is_a_riot(text: str) -> None:
    ev = one(text, dt.date(2024, 8, 5))
    assert (ev.event_type, ev.sub_event_type) == ("Riots", "Violent demonstration")


@pytest.mark.parametrize(
    "text", ["Protesters hold torch rally in Dhaka", "Protesters march to parliament in Dhaka"]
)
def test_protest_headline_without_riot_verb_stays_peaceful(text: str) -> None:
    ev = one(text, dt.date(2024, 8, 5))
    assert (ev.event_type, ev.sub_event_type) == ("Protests", "Peaceful protest")


# D7 a distance is never a toll; D8 figures not available are unknown, not zero


@pytest.mark.parametrize(
    "text",
    [
        "Insurgents killed two civilians in Nanduli, about 20 kilometres north of Mocimboa da Praia, on Friday.",
        "Insurgents killed two civilians in Nanduli, some 35 miles from Mocimboa da Praia, on Friday.",
    ],
)
def test_a_distance_after_a_toll_is_no_count(text: str) -> None:
    cas = find_casualties(text)
    assert (cas.killed, cas.qualifier) == (2, "exact")


@pytest.mark.parametrize(
    "text",
    [
        "Resistance fighters clashed with regime troops near Kale town on Monday. No casualty figures were available.",
        "Fighters clashed with troops near Kale on Monday. There were no immediate reports of casualties.",
        "Fighters clashed with troops near Kale on Monday. No casualty figures were immediately available.",
    ],
)
def test_figures_not_available_are_unknown(text: str) -> None:
    cas = find_casualties(text)
    assert (cas.killed, cas.wounded, cas.qualifier) == (None, None, "none_stated")


def test_no_casualties_still_zero() -> None:
    cas = find_casualties("A rocket hit an empty field near Kale on Monday. There were no casualties.")
    assert (cas.killed, cas.wounded) == (0, 0)


# D4b. a state's aircraft named with its model ("Iraqi F-16 aircraft") is that state's force, and the actor1


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Iraqi F-16 aircraft carried out an airstrike on a hideout of Daesh terrorists south of Kirkuk, killing four "
         "terrorists.", "Military Forces of Iraq"),
        ("Russian Su-34 jets bombed a market in Idlib on Monday, killing nine civilians.", "Military Forces of Russia"),
    ],
)
def test_a_force_named_with_its_aircraft_model_is_actor1(text: str, want: str) -> None:
    ev = one(text, dt.date(2025, 4, 22), "official")
    assert ev.actor1 == want


# D4a. "U.S. Central Command forces" striking abroad are the United States' forces, not the scene country's


def test_us_command_forces_abroad_are_not_the_scene_countrys_military() -> None:
    ev = one("On Jan. 12, U.S. Central Command forces conducted an airstrike in northwest Syria, killing a senior "
             "Hurras al-Din leader.", dt.date(2025, 1, 13), "official")
    assert "United States" in (ev.actor1 or "")


def test_centcom_forces_in_a_headline_are_the_united_states() -> None:
    ev = one("CENTCOM Forces Kill Senior Hurras al-Din Leader in Syria", dt.date(2025, 1, 13), "official")
    assert "United States" in (ev.actor1 or "")
