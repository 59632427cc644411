"""Headlines (session 9): captures told in the passive, sabotage of infrastructure, a backer's adjective, and the
probe of a non-violent crime (extraction/headlines.py, the extract.py and segment.py hooks).

CODEBOOKS 1.1: a non-state actor that takes a base, town or district by fighting is Battles / Non-state actor
overtakes territory, the taker actor1; destruction of property outside a clash is Strategic developments /
Looting/property destruction, and GTD codes an attack on infrastructure without explosives or fire as a
Facility/Infrastructure Attack. An investigation of a theft is no political violence at all.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.extraction.headlines import capture_split
from eventcoder.extraction.places import find_countries
from eventcoder.records import Document
from eventcoder.settings import Settings
from eventcoder.stages.extract import extract
from eventcoder.stages.segment import segment

PUBLISHED = dt.date(2021, 5, 4)


def events_of(text: str) -> list:
    doc = Document.from_text(text, doc_id="h", source="wire", source_type="news", published=PUBLISHED, title=text)
    settings = Settings()
    return extract(doc, segment(doc, settings), settings)


@pytest.mark.parametrize(
    ("headline", "taker", "defender"),
    [
        ("Army base falls to Taliban", "Taliban", "Military Forces of"),
        ("Army base falls to Taliban, scores of soldiers missing in Ghazni", "Taliban", "Military Forces of"),
        ("Key district falls to Taliban in Kunduz", "Taliban", None),
        ("Palma falls to Islamic State insurgents", "Islamic State", None),
        ("Military post overrun by al-Shabaab in Lower Shabelle", "Al Shabaab", "Military Forces of"),
        ("District headquarters seized by Taliban in Badakhshan", "Taliban", None),
        ("Police checkpoint captured by Boko Haram in Borno", "Boko Haram", "Police Forces of"),
    ],
)
def test_a_place_that_falls_to_a_group_is_taken_by_it(headline: str, taker: str, defender: str | None) -> None:
    evs = events_of(headline)
    assert len(evs) == 1, headline
    ev = evs[0]
    assert ev.event_type == "Battles", (headline, ev.event_type)
    assert ev.sub_event_type == "Non-state actor overtakes territory", (headline, ev.sub_event_type)
    assert ev.actor1 is not None and ev.actor1.startswith(taker), (headline, ev.actor1)
    if defender is None:
        assert ev.actor2 is None or not ev.actor2.startswith(taker), (headline, ev.actor2)
    else:
        assert ev.actor2 is not None and ev.actor2.startswith(defender), (headline, ev.actor2)
    s, e = ev.evidence["sub_event_type"]
    assert headline[s:e].lower().startswith(("falls", "overrun", "seized", "captured")), headline[s:e]


def test_a_town_that_falls_to_the_army_is_regained() -> None:
    ev = events_of("Town falls to Nigerian troops in Borno")[0]
    assert ev.sub_event_type == "Government regains territory", ev.sub_event_type
    assert ev.actor1 is not None and ev.actor1.startswith("Military Forces of Nigeria"), ev.actor1


def test_a_denied_fall_is_no_capture() -> None:
    assert events_of("Afghanistan- Logar Governor Rejects District Fall to Taliban") == []
    assert events_of("Governor dismisses reports of district capture by Taliban") == []


@pytest.mark.parametrize(
    "headline", ["Weapons seized by police in Kano", "Militant commander captured by troops in Borno"]
)
def test_a_thing_or_person_seized_is_no_place_taken(headline: str) -> None:
    assert capture_split(headline) is None
    for ev in events_of(headline):
        assert ev.sub_event_type != "Non-state actor overtakes territory", (headline, ev.sub_event_type)


@pytest.mark.parametrize(
    "headline",
    [
        "Death toll falls to 12 in Kabul",
        "Rupee falls to record low",
        "Inflation falls to 5 percent in Nigeria",
        "Responsibility falls to the governor, minister says",
    ],
)
def test_a_quantity_that_falls_to_a_figure_is_no_capture(headline: str) -> None:
    assert capture_split(headline) is None
    for ev in events_of(headline):
        assert ev.sub_event_type not in ("Non-state actor overtakes territory", "Government regains territory")


@pytest.mark.parametrize(
    "headline",
    [
        "Militants destroyed power pylons",
        "Militants destroy power pylons in Balochistan",
        "Taliban destroys bridge on Kabul-Jalalabad highway",
        "Power Pylons Destroyed, Leaving Kabul in The Dark",
        "Insurgents sabotage gas pipeline in Sinai",
        "Maoists damage mobile tower in Jharkhand",
    ],
)
def test_infrastructure_destroyed_without_fire_or_explosives_is_sabotage(headline: str) -> None:
    evs = events_of(headline)
    assert len(evs) == 1, headline
    ev = evs[0]
    assert ev.event_type == "Strategic developments", (headline, ev.event_type)
    assert ev.sub_event_type == "Looting/property destruction", (headline, ev.sub_event_type)
    assert ev.attack_type == "Facility/Infrastructure Attack", (headline, ev.attack_type)
    s, e = ev.evidence["sub_event_type"]
    assert any(w in headline[s:e].lower() for w in ("destr", "sabot", "damage")), headline[s:e]


@pytest.mark.parametrize(
    "headline",
    [
        # a state's forces that destroy a weapon or a drone disrupt its use; that stays as it was
        "Saudi-led coalition destroys 2 rebel drones from Yemen",
        "Air force destroys Taliban's car bomb in S. Afghanistan",
    ],
)
def test_a_destroyed_weapon_is_no_sabotage(headline: str) -> None:
    for ev in events_of(headline):
        assert ev.sub_event_type != "Looting/property destruction", (headline, ev.sub_event_type)


@pytest.mark.parametrize(
    ("headline", "actor1"),
    [
        ("Turkey-backed Syrian rebels accused of kidnapping Afrin civilians", "Syrian opposition factions"),
        ("Turkish-backed rebels kidnap civilians in Afrin", "Syrian opposition factions"),
        ("Iran-backed Houthi rebels attack Saudi Arabia airport", "Ansar Allah (Houthis)"),
    ],
)
def test_a_backers_adjective_names_no_actor(headline: str, actor1: str) -> None:
    evs = events_of(headline)
    assert len(evs) == 1, headline
    ev = evs[0]
    assert ev.actor1 == actor1, (headline, ev.actor1)
    for field in (ev.actor1, ev.actor2, ev.assoc_actor_1):
        assert field is None or not field.startswith(("Military Forces of Turkey", "Military Forces of Iran")), field


@pytest.mark.parametrize(
    "headline",
    [
        "Police probe theft of missing funds",
        "Police probe theft of missing funds in Lagos",
        "EFCC investigates embezzlement of security votes",
        "Anti-graft agency probes fraud at ministry",
    ],
)
def test_the_probe_of_a_non_violent_crime_is_no_event(headline: str) -> None:
    assert events_of(headline) == [], headline


@pytest.mark.parametrize(
    "headline",
    [
        "Police probe shooting of Belfast loyalist",
        "Police probe theft of weapons after gunmen raid armoury",
        "CHR probes ambush of 3 soldiers in Albay",
    ],
)
def test_the_probe_of_violence_still_tells_it(headline: str) -> None:
    assert len(events_of(headline)) == 1, headline


_SUBJECTS = st.sampled_from(["Army base", "Key district", "Military post", "The town", "Police checkpoint"])
_GROUPS = st.sampled_from(["Taliban", "Boko Haram", "al-Shabaab", "Islamic State"])
_VERBS = st.sampled_from(["falls to", "fell to", "Falls To", "overrun by", "seized by", "captured by"])


@settings(deadline=None)  # the first call compiles the actor table (seconds on a loaded machine)
@given(_SUBJECTS, _VERBS, _GROUPS)
def test_capture_split_finds_the_verb_as_written(subject: str, verb: str, group: str) -> None:
    text = f"{subject} {verb} {group}"
    span = capture_split(text)
    assert span is not None, text
    assert text[span[0] : span[1]].lower() == verb.lower()


@settings(deadline=None)
@given(st.sampled_from(["falls to", "fell to"]), st.integers(min_value=0, max_value=10_000))
def test_capture_split_never_reads_a_number_as_a_taker(verb: str, n: int) -> None:
    assert capture_split(f"Death toll {verb} {n}") is None
    assert capture_split(f"Army base {verb} {n} militants".replace(f"{n} militants", f"{n} percent")) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Kidnappers of 2 Chinese Nationals in Osun Demand N10m Ransom", None),
        ("Gunmen abduct French tourists", None),
        ("Iran-Backed Militia Blows Up Truck", None),
        ("Afghan National Army soldiers killed in Helmand", "AF"),
        ("Afghan national army soldiers killed in Helmand", "AF"),
        ("Chinese national sustains minor injuries in attack", None),
        ("Nigerian national assembly members attacked", "NG"),
        ("Turkish troops shell Kurdish positions", "TR"),
    ],
)
def test_a_backer_or_foreigners_nationality_is_no_country_mention(text: str, iso: str | None) -> None:
    isos = {c[3] for c in find_countries(text)}
    assert isos == ({iso} if iso else set()), (text, isos)


@pytest.mark.parametrize(
    ("headline", "victim"),
    [
        ("Emirati-backed soldier assassinated southeast Yemen", "Military Forces of Yemen"),
        ("Police officer gunned down in Kano", "Police Forces of Nigeria"),
    ],
)
def test_a_force_assassinated_or_gunned_down_is_the_victim(headline: str, victim: str) -> None:
    ev = events_of(headline)[0]
    assert ev.actor2 == victim, (headline, ev.actor1, ev.actor2)
    assert ev.actor1 is None or not ev.actor1.startswith(victim), ev.actor1


def test_a_force_that_guns_down_others_stays_actor1() -> None:
    ev = events_of("Taliban gunned down 3 soldiers in Ghazni")[0]
    assert ev.actor1 == "Taliban", ev.actor1


@pytest.mark.parametrize(
    ("headline", "iso"),
    [
        ("Pak soldier killed in firing from across Afghan border: Army", "PK"),
        ("UNLF from Myanmar ordered grenade attack on Manipur Guv house", "IN"),
        ("Rockets fired from Syria hit Israeli town", "IL"),
        ("3 PKK terrorists killed in retaliation to rocket fire from Iran", None),
    ],
)
def test_where_a_headlines_attack_came_from_is_no_scene(headline: str, iso: str | None) -> None:
    ev = events_of(headline)[0]
    assert ev.context.get("country_hint") == iso, (headline, ev.context.get("country_hint"))


def test_a_report_sentence_keeps_the_origin_of_its_attackers() -> None:
    # ACLED names a group by where it came from ("Unidentified Armed Group (Pakistan)"): sentences keep the origin
    text = "On 12 June 2021, three armed infiltrators believed to be from Pakistan fired on an army patrol in Kathua."
    ev = events_of(text)[0]
    assert ev.context.get("country_hint") == "PK", ev.context.get("country_hint")
