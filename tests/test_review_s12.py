"""Session 12 (review): this session's new rules read on ordinary sentences they were not written for."""

from __future__ import annotations

from eventcoder.extraction.places import find_admin_countries
from eventcoder.records import Document, Event
from eventcoder.settings import Settings
from eventcoder.stages.extract import extract
from eventcoder.stages.segment import segment

S = Settings()


def _events(text: str) -> list[Event]:
    doc = Document.from_text(text, doc_id="r12", source="test", published="2022-07-14")
    return extract(doc, segment(doc, S), S)


def test_a_state_force_at_sea_seizing_a_boat_is_no_hijacking() -> None:
    # the hijack cue of 53d94bf ("seized ... a boat") read a navy's or coast guard's seizure as pirates'
    for text in (
        "The navy seized a dhow loaded with 300 kilograms of hashish off Pasni on Sunday, officials said.",
        "Coast guard officers boarded a trawler fishing illegally near Kilifi and detained its nine crew.",
        "Customs agents seized a tanker smuggling diesel near Bandar Abbas on Monday.",
    ):
        evs = _events(text)
        assert all(
            e.attack_type != "Hijacking" and e.sub_event_type != "Abduction/forced disappearance" for e in evs
        ), text
    # pirates still take a vessel, also when a coastguard tells of it
    evs = _events(
        "Armed pirates boarded a cargo ship off Garacad on Friday and held its crew, a coastguard official said."
    )
    assert [e.attack_type for e in evs] == ["Hijacking"]


def test_a_named_group_after_a_rebel_actor1_is_its_foe() -> None:
    # "Islamic State militants" is one perpetrator mention since 53d94bf; the rule for a generic word after a
    # named rebel group ("... killing militants": that group) dropped the named foe
    (ev,) = _events(
        "SDF fighters clashed with Islamic State militants near Shaddadi on Thursday, killing four."
    )
    assert (ev.actor1, ev.actor2) == ("Syrian Democratic Forces", "Islamic State")
    (ev,) = _events("SDF fighters clashed with ISWAP fighters near Damasak on Thursday.")
    assert ev.actor2 == "Islamic State West Africa Province"
    # the generic word is still no second party
    (ev,) = _events("Islamic State fighters attacked Taliban positions in Kunar, killing militants.")
    assert ev.actor2 != "Unidentified Armed Group (Afghanistan)"
    # two named groups given as alternatives are one side, not foes
    (ev,) = _events(
        "On 9 June 2021, suspected JNIM or ISGS militants shot dead a village chief in Foutouri (Tapoa)."
    )
    assert ev.actor2 is None or ev.actor2.startswith("Civilians")


def test_words_several_countries_use_are_no_country_cue() -> None:
    # VDC: Nepal's village committees, and Syria's Violations Documentation Center; a Cambodian leader is named in
    # reports from Bangkok or Paris as often as from Phnom Penh (country_cues.csv, 871033c)
    for text in (
        "Barrel bombs hit Douma on Sunday, the Violations Documentation Center (VDC) said.",
        "Exiles opposed to Hun Sen rallied in Bangkok; Sam Rainsy addressed them by video.",
    ):
        assert find_admin_countries(text) == [], text


def test_another_blast_near_a_body_names_no_new_place() -> None:
    # segment's "Another blast in <new place>" split (53d94bf) counted "Parliament" as a place, which extract drops
    # (extract_not_place_names.txt): the second blast became an event with no place at all
    evs = _events(
        "A car bomb hit a checkpoint in Kismayo on Sunday, killing six. A second blast near the Parliament gate "
        "wounded three guards."
    )
    assert len(evs) == 1 and evs[0].location_text is not None
    # a second blast in a town not named before is still its own incident
    evs = _events("A car bomb hit a checkpoint in Kismayo on Sunday, killing six. Another blast in Jilib wounded three.")
    assert len(evs) == 2
