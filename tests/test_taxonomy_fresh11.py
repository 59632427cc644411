"""taxonomy: event-type defects found on the session-11 fresh texts (F8, F10, F12, F13), in our own words."""

from __future__ import annotations

import pytest

from eventcoder.extraction.taxonomy import classify

# (text, actor1 inter, actor2 inter, expected sub_event_type)
CASES = [
    # F8: "No one died" says none; wounded fleeing captives do not turn an abduction into an attack
    (
        "Armed men raided a church in the village and abducted 14 congregants during the service. "
        '"No one died, but three people were hurt as they fled," a witness said.',
        3,
        7,
        "Abduction/forced disappearance",
    ),
    # F8: the killing told in "The incident comes a week after ..." is an earlier event's
    (
        "Bandits surrounded a mosque on Friday and kidnapped 30 worshippers. Nobody was killed. "
        "The incident comes days after gunmen killed a ward head in a nearby district.",
        3,
        7,
        "Abduction/forced disappearance",
    ),
    # F12: weapons seized from arrested suspects are no weapon used: an arrest, not an armed clash
    (
        "On 3 May police arrested four suspects linked to the armed group in the Wadajir district, seizing two rifles "
        "and explosive materials.",
        1,
        3,
        "Arrests",
    ),
    # F13: interceptions told in one sentence, a drone that hit a car and wounded two in another
    (
        "Overnight, air defence units shot down 14 drones over the region. According to the governor, an attack by "
        "an enemy drone on a lorry near the village wounded its driver and a passenger.",
        None,
        7,
        "Air/drone strike",
    ),
    # F10: a suicide car bomb at a base followed by a ground assault and a battle with the garrison
    (
        "Fighters detonated a car bomb at the gate of an army base and then stormed it, killing six soldiers. "
        "Troops repelled the attackers after a battle lasting two hours; the suicide bomber died.",
        2,
        1,
        "Armed clash",
    ),
    (
        "In a martyrdom operation, a brother drove an explosives-laden truck into the base of the apostate army, "
        "followed by an assault by the mujahideen; more than 30 apostates were killed.",
        2,
        1,
        "Armed clash",
    ),
]

# F14: a gang that holds most of a town has overtaken territory; a base raided and left the same day has not
CASES += [
    (
        "Gang members attacked the town on Monday, burning the police station and freeing inmates; ten people "
        "were killed. By Wednesday the gangs controlled most of the town.",
        3,
        1,
        "Non-state actor overtakes territory",
    ),
    (
        "Militants stormed an army base and overran it after a three-hour gunfight, killing four soldiers. The "
        "attackers torched vehicles and took weapons before withdrawing.",
        2,
        1,
        "Armed clash",
    ),
    (
        "The soldiers fought for hours before withdrawing, and the militants took control of the town.",
        2,
        1,
        "Non-state actor overtakes territory",
    ),
]

# controls: what the new rules must leave alone
CONTROLS = [
    ("A suicide bomber blew himself up at a checkpoint, killing four soldiers.", 2, 1, "Suicide bomb"),
    ("A suicide bomber blew himself up in a crowded market, killing 12 shoppers.", 2, 7, "Suicide bomb"),
    (
        "Air defence units shot down three drones over the city; no damage was reported.",
        None,
        None,
        "Disrupted weapons use",
    ),
    ("Gunmen opened fire on worshippers with rifles, killing five.", 3, 7, "Attack"),
]


@pytest.mark.parametrize("text,i1,i2,sub", CASES + CONTROLS)
def test_fresh11_event_types(text: str, i1: int | None, i2: int | None, sub: str) -> None:
    c = classify(text, actor1_inter=i1, actor2_inter=i2)
    assert c is not None
    assert c.sub_event_type == sub
