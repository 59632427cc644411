"""Battles need two armed sides; names are not tactic cues; claim vocabulary (session 10, /tmp/fresh/defects.md D17,
D18a, D21a)."""

from __future__ import annotations

import datetime as dt

from eventcoder.records import Document, Event
from eventcoder.settings import Settings
from eventcoder.stages import extract, segment


def one(text: str, published: dt.date, source_type: str | None = None) -> Event:
    conf = Settings()
    doc = Document.from_text(text, doc_id="d", published=published, source_type=source_type)
    (ev,) = extract.extract(doc, segment.segment(doc, conf), conf)
    return ev


# D18a. al-Shabaab's "martyrdom(-seeking) operation" is a suicide attack (VOCABULARY: the istishhadi family)


def test_martyrdom_operation_is_suicide_bomb() -> None:
    for phrase in ("A martyrdom-seeking operation", "A martyrdom operation"):
        ev = one(f"{phrase} targeted a base of the Crusader AMISOM forces in the town of Baraawe on Wednesday, "
                 "killing dozens of Crusaders.", dt.date(2025, 7, 10), "claim")
        assert (ev.event_type, ev.sub_event_type) == ("Explosions/Remote violence", "Suicide bomb"), phrase


# D21a. "Liberation" inside the name "Baloch Liberation Army" is no retaking


def test_cue_word_inside_actor_name_is_no_tactic() -> None:
    ev = one("Fighters of the Baloch Liberation Army attacked a passenger train near Mach on Sunday, killing six "
             "people.", dt.date(2025, 3, 10))
    assert ev.sub_event_type != "Government regains territory"
    assert not ev.territory_change
    # a real retaking still counts
    ev = one("Government troops recaptured the town of Mach from the Baloch Liberation Army on Sunday.",
             dt.date(2025, 3, 10))
    assert ev.sub_event_type == "Government regains territory"


# D17. Battles with Civilians as the only other side: violence against civilians


def test_battles_against_civilians_becomes_attack() -> None:
    ev = one("Fighters of the paramilitary Rapid Support Forces stormed the village of Wad al-Noura in Gezira state "
             "on Wednesday, killing more than 100 villagers.", dt.date(2024, 11, 7))
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")
    assert ev.actor2 is not None and ev.actor2.startswith("Civilians")
    ev = one("A humanitarian convoy was ambushed near Mukjar on Monday; one driver was wounded.", dt.date(2024, 11, 7))
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")


def test_battle_with_two_armed_sides_stays() -> None:
    ev = one("Soldiers clashed with al-Shabaab fighters near Baraawe on Wednesday, killing five militants.",
             dt.date(2025, 7, 10))
    assert ev.event_type == "Battles"


def test_ambush_on_civilians_without_casualties_is_still_an_event() -> None:
    ev = one("Gunmen ambushed a bus carrying civilians near Mukjar on Monday.", dt.date(2024, 11, 7))
    assert ev.event_type == "Violence against civilians"


# D17 root: the generic head noun of a longer name is not the scene country's military


def test_head_noun_of_unknown_name_is_not_the_state_military() -> None:
    ev = one("Fighters of the Zawiya Martyrs Forces clashed with a rival militia in Zawiya on Tuesday, killing four "
             "fighters.", dt.date(2024, 11, 7))
    assert ev.actor1 is None or not ev.actor1.startswith("Military Forces")
    ev = one("Government forces clashed with militants in Zawiya on Tuesday, killing four fighters.",
             dt.date(2024, 11, 7))
    assert ev.actor1 is not None and ev.actor1.startswith("Military Forces")
    # a state force's acronym or a short form before the head noun is the state's own (six ACLED dev rows were lost
    # to the rule: "ANDSF forces", "FC forces", "Govt forces", "the Pak Army")
    for text in ["On Monday, ANDSF forces killed 6 Taliban militants in Arghandab district, Kandahar.",
                 "On Monday, Govt forces clashed with Al Shabaab militants near Kismayo town.",
                 "Four militants were killed in a search operation by the Pak Army in Kech district, Balochistan."]:  # fmt: skip
        ev = one(text, dt.date(2020, 5, 4))
        assert ev.actor1 is not None and ev.actor1.startswith("Military Forces"), (text, ev.actor1)


def test_shutdown_headline_sentence_is_a_protest() -> None:
    # "Liberation" in the front's name was the only cue that kept this shutdown as an event (a wrong retaking)
    ev = one("Shutdown in Trehgam as the news about the torture of a Jammu Kashmir Liberation Front leader spreads in "
             "his native place on Wednesday.", dt.date(2015, 4, 29))
    assert ev.event_type == "Protests"


def test_rival_armed_groups_clash_has_no_civilian_side() -> None:
    ev = one("Clashes between rival armed groups in the Abu Salim district of Tripoli on Tuesday killed at least eight "
             "people.", dt.date(2024, 11, 7))
    assert ev.event_type == "Battles"
    assert ev.actor2 is not None and not ev.actor2.startswith("Civilians")


def test_hashd_spellings_with_their_forces_are_the_pmf() -> None:
    for text in ("Hashed al-Shaabi paramilitary forces clashed with Islamic State militants near Tuz Khurmatu on Tuesday.",
                 "Fighters of the Hashd al-Shaabi clashed with Islamic State militants near Tuz Khurmatu on Tuesday."):
        ev = one(text, dt.date(2024, 11, 7))
        assert (ev.actor1, ev.actor2) == ("Popular Mobilization Forces", "Islamic State"), text


def test_militants_of_a_named_group_are_that_group() -> None:
    ev = one("Separatist militants of the Baloch Liberation Army (BLA) blew up a railway track and opened fire on a "
             "passenger train near the town of Mach in Balochistan province on Sunday, killing at least six people.",
             dt.date(2025, 3, 10))
    assert ev.actor1 == "BLA: Baloch Liberation Army"
    assert ev.sub_event_type != "Government regains territory"


def test_fighting_for_a_cause_is_no_clash() -> None:
    # D21b: "insurgents fighting for greater autonomy" describes the suspects; the roadside bomb is the event
    ev = one("Two rangers were killed when a roadside bomb hit their patrol vehicle in Bannang Sata district of Yala "
             "province on Monday. Insurgents fighting for greater autonomy in the Malay-Muslim south were suspected.",
             dt.date(2024, 9, 16))
    assert ev.sub_event_type == "Remote explosive/landmine/IED"
    ev = one("Heavy fighting for control of the town of Bakhmut killed dozens of soldiers on Monday.", dt.date(2024, 9, 16))
    assert ev.event_type == "Battles"


def test_force_in_the_victims_relative_clause_is_no_side() -> None:
    ev = one("On the 14th of Dhu al-Qa'dah, the mujahidin killed a mukhtar who cooperates with the Rafidi army with "
             "gunfire in the village of Abu Karma in the Khanaqin area.", dt.date(2019, 7, 18), "claim")
    assert ev.actor2 is None or "Military Forces" not in ev.actor2
