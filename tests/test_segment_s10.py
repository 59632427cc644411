"""Passages, session 10 (places): each test failed before its fix (defects D6, D13 of /tmp/fresh)."""

from __future__ import annotations

from eventcoder.records import Document
from eventcoder.settings import Settings
from eventcoder.stages.segment import segment


def _texts(text: str, source_type: str = "news") -> list[str]:
    doc = Document.from_text(text, published="2024-06-10", source_type=source_type)
    return [doc.text[p.start : p.end] for p in segment(doc, Settings())]


def test_a_later_attack_elsewhere_in_one_paragraph_is_its_own_incident() -> None:
    parts = _texts(
        "A roadside bomb struck an army patrol near Kirkuk on Sunday, killing two soldiers. Hours later, Islamic State"
        " militants attacked a checkpoint in Hawija, killing one fighter."
    )
    assert len(parts) == 2 and parts[1].startswith("Hours later") and "Hawija" in parts[1]


def test_a_later_attack_elsewhere_in_its_own_paragraph_is_its_own_incident() -> None:
    parts = _texts(
        "KIRKUK, Iraq (AFP) - A roadside bomb struck an army patrol south-west of Kirkuk on Sunday, killing two soldiers.\n\n"
        "Hours later, suspected jihadists attacked a checkpoint in the Hawija district, killing one fighter.\n"
    )
    assert len(parts) == 2 and "Hawija" in parts[1]


def test_a_later_word_about_the_same_incident_stays_with_it() -> None:
    # no new place, or no verb of attack: the same incident (toll updates, the attackers' fate)
    for text in [
        "Gunmen attacked a checkpoint in Hawija on Sunday, killing one fighter. Hours later, the attackers were killed in"
        " clashes with police.",
        "Gunmen attacked a checkpoint in Hawija on Sunday, killing one fighter. Hours later, the toll rose to three in"
        " Kirkuk hospital.",
        "Gunmen attacked a checkpoint in Hawija on Sunday, killing one fighter. Hours later, they attacked it again in"
        " Hawija.",
    ]:
        assert len(_texts(text)) == 1, text


def test_fighting_continuing_since_a_day_is_background_beside_an_incident() -> None:
    text = (
        "SUDAN: El Fasher Flash Update No. 3 (16 May 2024)\n\nHIGHLIGHTS\n"
        "- On 14 May, artillery shelling hit Abu Shouk camp, north of El Fasher, killing at least eight civilians.\n"
        "- Fighting between the Sudanese Armed Forces (SAF) and the Rapid Support Forces (RSF) has continued in and"
        " around El Fasher since 10 May.\n"
    )
    parts = _texts(text, "ngo")
    assert len(parts) == 1 and "Abu Shouk" in parts[0]
    # alone, or with a toll of its own, it stays
    assert len(_texts("Fighting has continued in and around El Fasher since 10 May, killing at least 30 people.")) == 1


def test_a_bulletins_next_country_paragraph_is_another_incident() -> None:
    text = (
        "Regional Overview: Africa, 31 May - 6 June 2025\n\n"
        "Mali: On 5 June, JNIM militants ambushed a Malian army convoy near Boni, killing 10 soldiers.\n\n"
        "Burkina Faso: Last week, JNIM militants abducted 18 civilians from a bus near Djibo.\n"
    )
    for source_type in ("ngo", "news"):
        parts = _texts(text, source_type)
        assert len(parts) == 2 and parts[1].startswith("Burkina Faso:"), parts
    # a label that is no country ("Note:", "Mali Update" without a colon) joins nothing new
    assert len(_texts("Mali: On 5 June, JNIM militants ambushed a convoy near Boni, killing 10 soldiers.\n\n"
                      "Note: JNIM also seized two vehicles.\n", "ngo")) == 1


def test_a_general_staffs_direction_paragraph_is_another_operation() -> None:
    text = (
        "General Staff of the Armed Forces of Ukraine, operational update as of 08:00, 14 February 2025.\n\n"
        "Over the past day, Russian forces shelled the city of Kherson with artillery, killing one civilian.\n\n"
        "In the Pokrovsk direction, Ukrainian defenders repelled 23 Russian assaults near Myrnohrad and Udachne.\n"
    )
    parts = _texts(text, "official")
    assert len(parts) == 2 and parts[1].startswith("In the Pokrovsk direction"), parts
