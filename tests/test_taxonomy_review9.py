"""Session 9 review (reviewer E): fixes found while reviewing session 9's extraction rules."""

from __future__ import annotations

import pytest

from eventcoder.extraction.taxonomy import classify
from eventcoder.records import Document
from eventcoder.settings import Settings
from eventcoder.stages import extract, segment


def _events(text: str, source_type: str | None = None) -> list[tuple[str | None, str | None, str | None, str]]:
    doc = Document.from_text(text, doc_id="t", source="test", published="2020-05-01", source_type=source_type)
    s = Settings()
    out = []
    for e in extract.extract(doc, segment.segment(doc, s), s):
        span = e.evidence.get("target_type")
        out.append((e.actor1, e.actor2, e.target_type, doc.text[span[0] : span[1]] if span else ""))
    return out


def test_attackers_self_name_is_never_the_target() -> None:
    # IS's propaganda self-name "soldiers of the Khilafah" is the attacker, not soldiers set upon
    text = (
        "Baghdad Wilayah:\nOn the 6th of Rabi' al-Akhir, soldiers of the Khilafah detonated an explosive device "
        "on a gathering of civilians in a market in Sadr City in Baghdad."
    )
    evs = _events(text, source_type="claim")
    assert evs, "the detonation is an event"
    a1, _a2, target, said = evs[0]
    assert a1 == "Islamic State"
    assert target != "Military"
    assert "soldiers" not in said.lower()


def test_actor1_span_blanks_only_the_attacker() -> None:
    text = "Soldiers of the Khilafah attacked soldiers at a checkpoint near the town."
    end = len("Soldiers of the Khilafah")
    cls = classify(text, offset=100, actor1_span=(100, 100 + end))
    assert cls is not None
    # the second 'soldiers' (the ones attacked) stays the target, with its own evidence
    assert cls.target_type == "Military"
    assert cls.spans["target_type"][0] > 100 + end
    # without the attacker's span the first word was read as the target (the defect)
    before = classify(text, offset=100)
    assert before is not None and before.spans["target_type"][0] == 100


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Gunmen attacked a police station in the town, killing two officers.", "Police"),
        ("Militants detonated a bomb near a school in the village.", "Educational Institution"),
    ],
)
def test_a_target_after_the_attacker_still_found(text: str, target: str) -> None:
    evs = _events(text)
    assert evs and evs[0][2] == target


@pytest.mark.parametrize(
    "text",
    [
        "Heavy rains destroyed two bridges in Swat.",
        "Floods damaged the bridge and several schools in the district.",
        "Two schools were damaged by floods in Sindh.",
        "An earthquake toppled power pylons near the town.",
    ],
)
def test_nature_destroying_infrastructure_is_no_event(text: str) -> None:
    # 028ac00's infrastructure alternatives of the looting cue read these as Looting/property destruction
    assert classify(text) is None
    assert _events(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Militants destroyed two bridges in Swat.",
        "Unidentified men destroyed a mobile tower in Kupwara; heavy rains lashed the area later.",
    ],
)
def test_people_destroying_infrastructure_stays_an_event(text: str) -> None:
    cls = classify(text)
    assert cls is not None and cls.sub_event_type == "Looting/property destruction"


def test_a_second_subject_attacks_alongside_actor1() -> None:
    # the backed rebels shelled with the jets: not the jets' opponent (actor2 was "Unidentified Armed Group")
    evs = _events("Turkish jets and Turkey-backed rebels shelled villages near Afrin, killing three civilians.")
    assert evs and evs[0][0] == "Military Forces of Turkey"
    assert evs[0][1] is not None and evs[0][1].startswith("Civilians")
    evs = _events("Russian jets and Syrian troops pounded rebel-held towns in Idlib, killing 12 civilians.")
    assert evs and evs[0][1] is not None and evs[0][1].startswith("Civilians")


def test_two_forces_that_fight_each_other_stay_two_sides() -> None:
    evs = _events("Pakistani and Indian troops exchanged fire along the Line of Control.")
    assert evs and (evs[0][0], evs[0][1]) == ("Military Forces of Pakistan", "Military Forces of India")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Police are investigating the killing of a journalist in Lagos.", "Journalists & Media"),
        ("Police launched a probe into the attack on a church in Jos on Sunday.", "Religious Figures/Institutions"),
    ],
)
def test_the_investigator_is_no_party(text: str, target: str) -> None:
    # the police had been actor1 (a state perpetrator: GTD fields null) and the target read from "Police"
    evs = _events(text)
    assert evs
    a1, a2, ttype, said = evs[0]
    assert a1 is not None and a1.startswith("Unidentified Armed Group")
    assert a2 is not None and a2.startswith("Civilians")
    assert ttype == target and "police" not in said.lower()


def test_police_who_shoot_stay_the_perpetrator() -> None:
    evs = _events("Police shot dead two robbers in Lagos.")
    assert evs and evs[0][0] == "Police Forces of Nigeria"


@pytest.mark.parametrize(
    "text",
    [
        "Floods Kill 20 In Assam",
        "Lightning Kills 3 Farmers In Bihar",
        "Heavy rains killed 12 people in Swat on Monday.",
        "Three people were killed in a landslide in Rangamati.",
    ],
)
def test_a_hazard_that_kills_is_no_attack(text: str) -> None:
    # these were Violence against civilians by an Unidentified Armed Group
    assert _events(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "A bomb killed 5 people during heavy rains in Quetta.",
        "Gunmen killed 5 people in Zamfara after heavy rains.",
    ],
)
def test_an_attack_in_bad_weather_stays_an_attack(text: str) -> None:
    evs = _events(text)
    assert evs and evs[0][1] is not None and evs[0][1].startswith("Civilians")


def test_is_planted_names_the_group() -> None:
    # 2bb956c's "X-planted" reading missed IS: its upper-case row wanted a space or comma after it
    evs = _events("An IS-planted roadside bomb killed two soldiers in Diyala, Iraq.")
    assert evs and evs[0][0] == "Islamic State"
    assert _events("THIS IS-planted text") == []
