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


def test_non_is_claims_name_their_issuer() -> None:
    # fresh13 F1: "X announces:", "a unit of the X", a title line naming X's unit, "Ansar al-Sharia" (AQAP in Yemen)
    ev = _one(
        "In the name of Allah. Jama'at Nusrat al-Islam wal-Muslimin announces: on Monday the mujahideen attacked "
        "a post of the junta army in the town of Arbinda, killing nine soldiers.",
        source_type="claim",
    )
    assert ev.actor1 == "JNIM: Group for Support of Islam and Muslims"
    ev = _one(
        "On March 2, a unit of the New People's Army under its regional command ambushed a patrol of the fascist AFP "
        "near Catubig, Northern Samar. Three enemy soldiers were killed.",
        source_type="claim",
    )
    assert ev.actor1 == "New People's Army"
    ev = _one(
        "Combat report of Pale Township PDF Battalion 2\n\n"
        "On May 9, our Battalion 2 ambushed a column of junta soldiers near Pale, Sagaing Region. Seven soldiers "
        "of the junta were killed.",
        source_type="claim",
    )
    assert ev.actor1 == "PDF: People's Defense Force"
    ev = _one(
        "On Friday the mujahideen of Ansar al-Sharia targeted a vehicle of the Security Belt militia with an "
        "explosive device in Lawdar district, Abyan province, killing three of them.",
        source_type="claim",
    )
    assert ev.actor1 == "Al Qaeda in the Arabian Peninsula"
    ev = _one(
        "The Yemeni Armed Forces carried out a military operation targeting a ship in the Gulf of Aden with a "
        "winged missile, and the hit was accurate.",
        source_type="claim",
    )
    assert ev.actor1 == "Ansar Allah (Houthis)"


def test_a_title_naming_the_target_is_no_issuer() -> None:
    ev = _one(
        "Attack on the PKK militia near Raqqa\n\n"
        "On Sunday, soldiers of the Khilafah attacked a checkpoint of the PKK militia near Raqqa, killing four of them.",
        source_type="claim",
    )
    assert ev.actor1 == "Islamic State"


def test_a_claims_toll_paragraph_is_the_operations_toll() -> None:
    # fresh13 F7: the paragraph with the storming and the toll became a second, country-level event
    evs = _events(
        "Tehreek-e-Taliban Pakistan statement\n\n"
        "On the night of 3 March, the mujahideen of Tehreek-e-Taliban Pakistan attacked a check post of the army "
        "in the Mir Ali area of North Waziristan with heavy weapons.\n\n"
        "As a result of the attack 5 soldiers were killed and several wounded, and the mujahideen returned safely.\n\n"
        "The enemy fled towards Miranshah after the battle.",
        published="2026-03-05",
        source_type="claim",
    )
    assert len(evs) == 1, [(e.location_text, e.killed) for e in evs]
    assert evs[0].actor1 == "Tehreek-i-Taliban Pakistan"
    assert evs[0].killed == 5
