"""Session 13 (extract): fresh12 defects and review findings, in our own words."""

from __future__ import annotations

from eventcoder.records import Document, Event
from eventcoder.settings import Settings
from eventcoder.stages.extract import extract
from eventcoder.stages.segment import segment

S = Settings()


def _events(text: str, published: str = "2026-04-10", source_type: str | None = None) -> list[Event]:
    doc = Document.from_text(text, doc_id="s13", source="test", published=published, source_type=source_type)
    return extract(doc, segment(doc, S), S)


def _one(text: str, source_type: str | None = None) -> Event:
    evs = _events(text, source_type=source_type)
    assert len(evs) == 1, [(e.event_type, e.actor1, e.location_text) for e in evs]
    return evs[0]


def test_a_claims_masthead_names_its_issuer() -> None:
    # fresh12 F10: a claim headed by its group's name alone, whose body says only "the mujahideen"
    ev = _one(
        "Jama'at Nusrat al-Islam wal-Muslimin\n\n"
        "Praise be to Allah, on Monday the mujahideen ambushed a patrol of the junta army near Menaka, "
        "killing seven of the enemy and seizing two vehicles.",
        source_type="claim",
    )
    assert ev.actor1 == "JNIM: Group for Support of Islam and Muslims"
    assert ev.actor2 is not None and ev.actor2.startswith("Military Forces")
    ev = _one(
        "Tehreek-e-Taliban Pakistan: on Friday night the mujahideen raided a police post in Tank, killing three "
        "policemen.",
        source_type="claim",
    )
    assert ev.actor1 == "Tehreek-i-Taliban Pakistan"


def test_our_comrades_of_a_unit_name_the_issuer_and_its_allies_are_no_opponent() -> None:
    # fresh12 F10: "our comrades of the <Township> People's Defence Force, together with allied ..."
    ev = _one(
        "On 9 May, our comrades of the Pale Township People's Defence Force, together with allied local defence "
        "forces, attacked a column of regime soldiers near Pale, Sagaing Region. Six soldiers were killed.",
        source_type="claim",
    )
    assert ev.actor1 == "PDF: People's Defense Force"
    assert ev.actor2 == "Military Forces of Myanmar"


def test_a_fight_told_after_an_attack_on_civilians_is_its_own_event() -> None:
    # fresh12 F19: the attack on residents stays violence against civilians; the police's fight with the attackers,
    # told in the next paragraph, is a battle on the attack's day and at its place, begun by the attackers' group
    evs = _events(
        "JACMEL, May 4 - Gunmen belonging to the Viv Ansanm coalition raided the town of Marigot on Sunday night, "
        "killing at least seven villagers and burning several houses, local officials said.\n\n"
        "Police officers posted in the town exchanged fire with the attackers until dawn, a police spokesman said. "
        "One officer was wounded.\n\n"
        "Marigot lies on the coast road east of Jacmel, in the South-East department of Haiti.",
        published="2026-05-05",
    )
    assert [e.event_type for e in evs] == ["Violence against civilians", "Battles"], [
        (e.event_type, e.actor1, e.actor2) for e in evs
    ]
    attack, fight = evs
    assert attack.actor1 == "Viv Ansanm" and attack.actor2 == "Civilians (Haiti)"
    assert attack.killed == 7
    assert fight.actor1 == "Viv Ansanm" and fight.actor2 == "Police Forces of Haiti"
    assert fight.event_date == attack.event_date
    assert fight.location_text == attack.location_text
    assert fight.wounded == 1 and fight.killed is None


def test_a_fight_told_with_the_attack_stays_one_battle() -> None:
    # the split needs an attack told without a fight: a raid the police repelled in the same paragraph is one battle
    evs = _events(
        "Gunmen raided a police post in Marigot on Sunday night and exchanged fire with officers for an hour, "
        "killing two of them.\n\nPolice later exchanged fire with the attackers near the river, officials said.",
        published="2026-05-05",
    )
    assert [e.event_type for e in evs] == ["Battles"]
