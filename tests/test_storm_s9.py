"""Review E's storm items (session 9): a weather noun that heads a headline, a possessive crowd's attack repelled,
and a comma between two attackers in a headline (extraction/headlines.py, extraction/taxonomy.py, stages/extract.py).

CODEBOOKS: a natural hazard (a storm, cyclone, lightning) that kills or damages is no political violence: no event.
"Storm" is also a verb ("Troops storm rebel base"), read as one only where a subject comes before it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.extraction.headlines import past_tense_view
from eventcoder.extraction.taxonomy import classify, weather_noun_spans
from eventcoder.records import Document
from eventcoder.settings import Settings
from eventcoder.stages.extract import extract
from eventcoder.stages.segment import segment

PUBLISHED = dt.date(2021, 5, 4)


def events_of(text: str) -> list:
    doc = Document.from_text(text, doc_id="s", source="wire", source_type="news", published=PUBLISHED, title=text)
    settings_ = Settings()
    return extract(doc, segment(doc, settings_), settings_)


@pytest.mark.parametrize(
    "headline",
    [
        "Storm Kills 5 In Dhaka",
        "Storm Damages Power Pylons",
        "Tropical Storm Kills 12 In Philippines",
        "Storm Ciara Kills 3 In Britain",
        "Severe Storm Destroys Homes In Kano",
        "Blizzard Kills 3 In Kabul",
        "Cyclone Kills 20 In Bangladesh",
        "Lightning Kills 3 Farmers In Uganda",
        "Typhoon Kills 8 In Vietnam",
    ],
)
def test_weather_noun_subject_is_no_event(headline: str) -> None:
    assert events_of(headline) == []


def test_storm_noun_is_not_read_as_the_verb() -> None:
    assert past_tense_view("Storm Kills 5 In Dhaka")[0] == "Storm killed 5 In Dhaka"
    assert past_tense_view("Troops storm rebel base")[0] == "Troops stormed rebel base"


@pytest.mark.parametrize(
    ("headline", "actor1"),
    [
        ("Troops storm rebel base", "Military Forces"),
        ("Gunmen Storm Hotel In Mogadishu", "Unidentified Armed Group"),
        ("Troops Storm Rebel Base In Idlib", "Military Forces"),
    ],
)
def test_storm_as_verb_stays_an_event(headline: str, actor1: str) -> None:
    evs = events_of(headline)
    assert evs, headline
    assert evs[0].actor1 is not None and evs[0].actor1.startswith(actor1)


def test_storm_noun_in_prose() -> None:
    assert classify("A storm killed 5 people in Dhaka.") is None
    assert classify("The severe storm damaged power pylons.") is None
    cls = classify("Militants stormed the village and killed 5 people.")
    assert cls is not None and cls.event_type == "Battles"
    assert weather_noun_spans("Gunmen storm hotel") == []


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["Storm", "storm", "Gunmen", "the", "a", "Tropical", "kill", "Kills", "5", "\n", "."]),
                max_size=10))
def test_weather_noun_spans_point_at_storm_words(words: list[str]) -> None:
    text = " ".join(words)
    for s, e in weather_noun_spans(text):
        assert text[s:e].lower().startswith("storm")


@pytest.mark.parametrize(
    ("text", "attacker", "defender"),
    [
        ("Police repelled the protesters' attack", "Protesters", "Police Forces"),
        ("Police repelled the protesters' attack on the governor's office in Kano on Monday, the police spokesman "
         "said.", "Protesters", "Police Forces"),
        ("Police repelled an attack by protesters on the station in Kano on Monday.", "Protesters", "Police Forces"),
        ("Troops repel Boko Haram attack in Borno", "Boko Haram", "Military Forces"),
    ],
)
def test_repelled_crowd_attack_is_the_attacker(text: str, attacker: str, defender: str) -> None:
    evs = events_of(text)
    assert evs, text
    assert (evs[0].actor1 or "").startswith(attacker), evs[0].actor1
    assert (evs[0].actor2 or "").startswith(defender), evs[0].actor2


@pytest.mark.parametrize(
    "headline",
    ["Turkish Jets, Turkey-Backed Rebels Pound Afrin", "Turkish Jets And Turkey-Backed Rebels Pound Afrin"],
)
def test_headline_comma_between_attackers_is_and(headline: str) -> None:
    evs = events_of(headline)
    assert evs
    assert evs[0].actor1 == "Military Forces of Turkey"
    assert evs[0].actor2 is None  # the rebels attacked alongside the jets; Afrin's defenders are not named


def test_headline_comma_keeps_two_sides_that_clash() -> None:
    evs = events_of("Army, Boko Haram clash in Borno")
    assert evs and evs[0].actor2 == "Boko Haram"


def test_storm_of_protest_is_no_weather() -> None:
    assert weather_noun_spans("The killings triggered a storm of protest in Patsoi.") == []
    assert weather_noun_spans("A storm of criticism followed") == []
    assert weather_noun_spans("Storm Shadow Missiles Hit Crimea") == []
