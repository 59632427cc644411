"""Headlines (session 8): who did what in a reaction or a repelled attack (extraction/headlines.py, extract.py hooks).

A reaction headline ("Hezbollah condemns bombing in Damascus") reports an incident whose actor it does not name:
the speaker who condemns, mourns, vows revenge, denies involvement, blames, probes or is shocked is no party to it.
A repelled attack ("AMISOM repulsed an Al Shabaab attack") is begun by the attacker (actor1) against the side that
repels it (actor2). Report sentences keep the sentence rules.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcoder.extraction.headlines import reaction_cut, repel_split, tells_no_incident
from eventcoder.records import Document
from eventcoder.settings import Settings
from eventcoder.stages.extract import extract
from eventcoder.stages.segment import segment

PUBLISHED = dt.date(2021, 3, 4)


def events_of(text: str) -> list:
    doc = Document.from_text(text, doc_id="h", source="wire", source_type="news", published=PUBLISHED, title=text)
    settings = Settings()
    return extract(doc, segment(doc, settings), settings)


@pytest.mark.parametrize(
    ("headline", "speaker", "event_type"),
    [
        ("Hezbollah condemns bombing in Damascus", "Hezbollah", "Explosions/Remote violence"),
        ("Hezbollah Condemns Bombing In Damascus", "Hezbollah", "Explosions/Remote violence"),
        ("Taliban deny involvement in Kabul bombing", "Taliban", "Explosions/Remote violence"),
        ("Pakistan blames India for Quetta blast", "India", "Explosions/Remote violence"),
        ("Police probe shooting of Belfast loyalist", "Police", "Violence against civilians"),
        ("Taliban vow revenge after attack kills 12 in Kunduz", "Taliban", None),
        ("Al Shabaab condemns suicide attack in Mogadishu", "Shabaab", "Explosions/Remote violence"),
    ],
)
def test_a_reacting_party_is_never_actor1(headline: str, speaker: str, event_type: str | None) -> None:
    evs = events_of(headline)
    assert len(evs) == 1, headline
    ev = evs[0]
    assert ev.actor1_text is None or speaker not in ev.actor1_text
    assert ev.actor2_text is None or speaker not in ev.actor2_text
    assert ev.actor1 is None or ev.actor1.startswith("Unidentified"), ev.actor1  # honest: the headline names none
    if event_type is not None:
        assert ev.event_type == event_type
    s, e = ev.evidence["event_type"]
    assert s >= reaction_cut(headline) > 0  # the type is read from the incident, not from the reaction


def test_a_reacting_group_gives_no_home_country() -> None:
    # Hezbollah's home country (Lebanon) says nothing of where the bombing it condemns took place
    ev = events_of("Hezbollah condemns car bombing")[0]
    assert ev.context.get("country_basis") != "actor"
    assert ev.context.get("country_hint") is None


@pytest.mark.parametrize(
    ("headline", "actor1", "actor2"),
    [
        ("Army condemns NPA ambush in NegOcc that left 2 soldiers dead", "New People's Army", "Military Forces"),
        ("CHR probes ambush of 3 soldiers in Albay", "Unidentified", "Military Forces"),
        ("Egypt condemns Houthi attacks on Saudi capital", "Ansar Allah", None),
    ],
)
def test_the_incident_keeps_its_own_actors(headline: str, actor1: str, actor2: str | None) -> None:
    ev = events_of(headline)[0]
    assert ev.actor1 is not None and ev.actor1.startswith(actor1), ev.actor1
    if actor2 is not None:
        assert ev.actor2 is not None and ev.actor2.startswith(actor2), ev.actor2


@pytest.mark.parametrize(
    ("headline", "event_type", "actor1"),
    [
        ("U.N. Condemns Iran Deadly Shootings on Border", "Violence against civilians", "Unidentified"),
        ("INEC condemns razing of commission’s offices in Ebonyi", "Strategic developments", "Unidentified"),
        ("Governor expresses shock over herdsmen’s killings in Ebonyi", "Violence against civilians", "Fulani"),
        ("Indigenous leader condemns church fires", "Strategic developments", "Unidentified"),
        # the group named in the incident is its actor
        ("Civil society raises alarm over ADF abductions", "Violence against civilians", "Allied Democratic"),
    ],
)
def test_an_incident_told_as_a_noun_after_a_reaction_is_an_event(headline: str, event_type: str, actor1: str) -> None:
    evs = events_of(headline)
    assert len(evs) == 1, headline
    assert evs[0].event_type == event_type
    assert evs[0].actor1 is not None and evs[0].actor1.startswith(actor1), evs[0].actor1


@pytest.mark.parametrize(
    "headline",
    [
        "Iraq PM vows revenge",
        "Boko Haram vows to attack Abuja",
        "Police deny killing protesters",
        "Thousands mourn slain journalist",
        "Fires rage across California",  # 'fires' is an incident noun only after a reaction
        "Government condemns fuel price hike",
    ],
)
def test_reactions_without_an_incident_stay_without_event(headline: str) -> None:
    assert events_of(headline) == [], headline


def test_a_denial_of_involvement_tells_the_incident() -> None:
    assert not tells_no_incident("Taliban deny involvement in Kabul bombing")
    assert tells_no_incident("Police deny killing protesters")


@pytest.mark.parametrize(
    ("headline", "attacker", "defender"),
    [
        ("AMISOM repulsed an Al Shabaab attack", "Al Shabaab", "AMISOM"),
        ("AMISOM repulses Al Shabaab attack on Somali army base in Lower Shabelle", "Al Shabaab", "AMISOM"),
        ("Somali police repulse al-Shabab attack near Mogadishu", "Al Shabaab", "Police Forces of Somalia"),
        ("PMF repulses an ISIS attack in Diyala", "Islamic State", "Popular Mobilization Forces"),
        ("Kenyan police repulse militants after fierce gun battle", "Unidentified", "Police Forces of Kenya"),
        ("DR Congo army repulses rebel attack in Nord Kivu", "Unidentified", "Military Forces of Democratic"),
        ("Police repel attack on station in Kano", "Unidentified", "Police Forces of Nigeria"),
        ("12 terrorists killed as troops repel attack on Borno base", "Unidentified", "Military Forces of Nigeria"),
    ],
)
def test_the_side_that_repels_is_actor2(headline: str, attacker: str, defender: str) -> None:
    evs = events_of(headline)
    assert len(evs) == 1
    ev = evs[0]
    assert ev.actor1 is not None and ev.actor1.startswith(attacker), ev.actor1
    assert ev.actor2 is not None and ev.actor2.startswith(defender), ev.actor2
    assert ev.event_type == "Battles"


def test_a_passive_repel_is_read_as_written() -> None:
    assert repel_split("Taliban attack on district repulsed, 20 killed in W. Afghanistan") is None
    assert repel_split("C. African Rebels Repelled In Closest Attack Yet To Capital") is None
    ev = events_of("Taliban attack on district repulsed, 20 killed in W. Afghanistan")[0]
    assert ev.actor1 == "Taliban"


def test_sentences_keep_the_sentence_rules() -> None:
    # a report sentence is no headline: neither rule reads it
    assert reaction_cut("Hezbollah condemned the bombing in Damascus on Monday.") == 0
    assert repel_split("AMISOM repulsed an Al Shabaab attack on its base on Monday.") is None


@given(st.lists(st.sampled_from(["Police", "condemn", "repel", "attack", "on", "Kano", "of", "12", "deny",
                                 "involvement", "in", "blames", "for", ",", "Taliban"]), min_size=1, max_size=12))
def test_cuts_stay_inside_the_text(words: list[str]) -> None:
    text = " ".join(words)
    assert 0 <= reaction_cut(text) <= len(text)
    rep = repel_split(text)
    assert rep is None or 0 < rep[0] < rep[1] <= len(text)


@pytest.mark.parametrize(
    ("headline", "actor2", "event_type"),
    [
        # the force named before "martyred"/"slain" is the victim, as before "killed" (headline style)
        ("Four soldiers martyred, five injured in Sibi landmine blast", "Military Forces", None),
        ("Three policemen slain as gunmen burn station", "Police Forces", None),
        ("FC soldier embraces martyrdom amid terrorists' fire", "Military Forces", "Battles"),
        # press shorthand for "reportedly killed"
        ("Five soldiers said killed in south Afghan clashes", "Military Forces", "Battles"),
    ],
)
def test_a_martyred_force_is_the_target(headline: str, actor2: str, event_type: str | None) -> None:
    ev = events_of(headline)[0]
    assert ev.actor1 is not None and ev.actor1.startswith("Unidentified"), ev.actor1
    assert ev.actor2 is not None and ev.actor2.startswith(actor2), ev.actor2
    if event_type is not None:
        assert ev.event_type == event_type


@pytest.mark.parametrize(
    ("headline", "event_type"),
    [
        ("Bloody armed confrontations between security forces and militants in western Jowhar", "Battles"),
        ("'Heavy toll' as rebels engage DR Congo army in Ituri", "Battles"),
        ("Afghan forces claim retaking 2 districts from Taliban", "Battles"),
        ("Jawan Found With Throat Slit Near Odisha Border", "Violence against civilians"),
        ("ANA inflict heavy casualties on Taliban in the past 24 hours", "Battles"),
        ("CPI MLA survives bid on life", "Violence against civilians"),
        ("Herders lay siege to Oyo community", "Violence against civilians"),
    ],
)
def test_more_headline_incident_verbs(headline: str, event_type: str) -> None:
    evs = events_of(headline)
    assert len(evs) == 1, headline
    assert evs[0].event_type == event_type


@pytest.mark.parametrize(
    "headline", ["Cyclone takes 20 lives in Odisha", "FC Barcelona sign new striker", "Fires rage across California"]
)
def test_no_incident_from_the_new_forms(headline: str) -> None:
    assert events_of(headline) == []


@pytest.mark.parametrize(
    ("headline", "iso"),
    [
        ("Three FC personnel martyred in terrorists attack", "PK"),
        ("Attacks on INEC facilities, orchestrated aggression", "NG"),
        # a group active in several countries beside a force of one of them: that country
        ("PKK attack Peshmerga forces in Sidakan area", "IQ"),
    ],
)
def test_force_and_institution_words_give_the_country(headline: str, iso: str) -> None:
    ev = events_of(headline)[0]
    assert ev.context["country_hint"] == iso
    assert ev.context["country_basis"] == "actor"


def test_group_countries_follow_the_single_country_force() -> None:
    from eventcoder.extraction.headlines import group_countries

    assert group_countries("PKK attack Peshmerga forces in Sidakan area") == ("IQ",)
    assert group_countries("PKK attack Turkish base") == ("TR", "IQ", "SY")
    assert group_countries("Boko Haram Kills 12 In Rann")[0] == "NG"


def test_a_headline_opening_with_its_verb_names_no_subject() -> None:
    from eventcoder.extraction.headlines import opens_with_verb

    ev = events_of("Targeting a convoy of the International Coalition in Diwaniyah")[0]
    assert ev.actor1 is not None and ev.actor1.startswith("Unidentified"), ev.actor1
    assert ev.actor2 is not None and "coalition" in ev.actor2.lower()
    assert opens_with_verb("Targeting an international coalition convoy in Diwaniyah")
    assert not opens_with_verb("Taliban targeting convoy in Kunduz")
    assert not opens_with_verb("Targeting a convoy of the coalition in Diwaniyah.")  # a sentence
    # a passive "by" still names the attacker
    assert events_of("Attack on Kabul hospital by Taliban kills 12")[0].actor1 == "Taliban"


@pytest.mark.parametrize(
    ("headline", "iso"),
    [
        ("Yemen's Houthis claim new attack on Saudi airbase", "SA"),
        ("Yemen rebels claim attacks 'deep in Saudi Arabia'", "SA"),
        ("Saudi coalition destroys Houthi explosive boat in Yemeni Hodeida", "YE"),
        # 'in' names the scene before 'toward'
        ("Arab coalition destroys Houthi drone launched toward Saudi Arabia in Yemeni airspace", "YE"),
        # where the fire came from is no scene
        ("Pakistani troops repulse attack from Afghanistan", "PK"),
    ],
)
def test_a_headline_naming_two_countries_takes_the_scene(headline: str, iso: str) -> None:
    assert events_of(headline)[0].context["country_hint"] == iso


def test_scene_country_only_decides_between_countries_of_a_headline() -> None:
    from eventcoder.extraction.headlines import scene_country
    from eventcoder.extraction.places import find_countries

    one = "Houthis claim attack on Saudi airbase"
    assert scene_country(one, 0, find_countries(one, 0)) is None
    two = "Yemen's Houthis claim new attack on Saudi airbase."  # a sentence: the sentence rules decide
    assert scene_country(two, 0, find_countries(two, 0)) is None


@pytest.mark.parametrize(
    ("headline", "actor1"),
    [
        ("Police say gunmen killed 5 in Kano", "Unidentified"),
        ("Maldives police say bomb blast targeting Nasheed ‘act of terror’", "Unidentified"),
        ("Malian armed forces say 11 dead, 11 missing after ambush by militants", "Unidentified"),
        # a claim keeps its claimant: "says it killed", an armed group that says it attacked
        ("Army says it killed 12 militants in Borno", "Military Forces"),
        ("Yemen's Houthis say attacked Saudi border airbase", "Ansar Allah"),
    ],
)
def test_a_force_that_reports_is_no_party(headline: str, actor1: str) -> None:
    ev = events_of(headline)[0]
    assert ev.actor1 is not None and ev.actor1.startswith(actor1), ev.actor1


def test_speaker_end_reads_headlines_only() -> None:
    from eventcoder.extraction.headlines import speaker_end

    assert speaker_end("Police say gunmen killed 5 in Kano") == len("Police say")
    assert speaker_end("Police say gunmen killed 5 in Kano.") == 0  # a sentence
    assert speaker_end("Five soldiers said killed in south Afghan clashes") == 0  # the dead, reportedly
    assert speaker_end("Gunmen kill 5 in Kano, police say") == 0  # the incident comes first



@pytest.mark.parametrize(
    ("headline", "actor1", "actor2"),
    [
        # "X said killed N ...": X said it killed them (a claim), the object is the dead (review, session 8)
        ("Taliban said killed 5 soldiers in Helmand", "Taliban", "Military Forces"),
        ("Al-Shabaab said killed 10 AMISOM soldiers in Lower Shabelle", "Al Shabaab", "AMISOM"),
        ("Taliban claim killed 5 soldiers in Helmand", "Taliban", "Military Forces"),
        # "N X said killed in ...": X are the dead, reportedly; nobody named killed them
        ("Five Taliban said killed in Helmand", "Unidentified", "Taliban"),
        ("Five soldiers said killed in south Afghan clashes", "Unidentified", "Military Forces"),
        # a passive repel with its agent: the attacker named before the verb, the defender after "by" (review,
        # session 8: AMISOM was actor1; the active rule had it right only for "AMISOM repels Al Shabaab attack")
        ("Al Shabaab attack repelled by AMISOM in Lower Shabelle", "Al Shabaab", "AMISOM"),
        ("Boko Haram attack on Monguno repelled by troops", "Boko Haram", "Military Forces"),
        ("Taliban offensive on Kunduz beaten back by Afghan forces", "Taliban", "Military Forces"),
        ("Attack on police station repulsed by police in Kandahar", "Unidentified", "Police Forces"),
    ],
)
def test_actor_roles_as_a_coder_reads_them(headline: str, actor1: str, actor2: str) -> None:
    ev = events_of(headline)[0]
    assert ev.actor1 is not None and ev.actor1.startswith(actor1), ev.actor1
    assert ev.actor2 is not None and ev.actor2.startswith(actor2), ev.actor2


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # report sentences: the headline rules never read them, and the party that tells, condemns or blames is
        # no actor of the incident (review, session 8)
        ("The army blamed Boko Haram for the attack that killed 12 in Maiduguri.", "Boko Haram"),
        ("Police accused Al Shabaab of the bombing that killed 5 in Mogadishu on Monday.", "Al Shabaab"),
        (
            "Hezbollah fighters attacked an Israeli army post near Shebaa on Tuesday, killing two soldiers; "
            "Israel condemned the attack.",
            "Hezbollah",
        ),
        ("Boko Haram militants killed 12 villagers in Maiduguri on Monday. The army blamed the group.", "Boko Haram"),
    ],
)
def test_report_sentences_keep_their_actor1(text: str, actor1: str) -> None:
    evs = events_of(text)
    assert len(evs) == 1, text
    assert evs[0].actor1 is not None and evs[0].actor1.startswith(actor1), evs[0].actor1


@pytest.mark.parametrize(
    "headline", ["Taliban vows to continue fight", "Taliban vow to continue fight", "Police probe missing funds"]
)
def test_a_vow_or_a_probe_of_no_incident_gives_no_event(headline: str) -> None:
    assert events_of(headline) == [], headline


@pytest.mark.parametrize(
    ("headline", "iso"),
    [
        # a border says nothing of which side, so the other country named is the scene (review, session 8: the
        # first name stood, Kenya / Iran)
        ("Somali troops attack al-Shabaab near Kenyan border", "SO"),
        ("Turkish police officer killed in attack on Iran border", "TR"),
        # ... unless a place or an incident of the border follows: it lies on that country's side
        ("Yemen's Houthis claim fresh drone attack at Saudi border airbase", "SA"),
        ("Houthi drones hit Saudi border villages, Yemen rebels say", "SA"),
    ],
)
def test_the_scene_beside_a_border(headline: str, iso: str) -> None:
    ev = events_of(headline)[0]
    assert ev.context.get("country_hint") == iso, ev.context.get("country_hint")


def test_the_party_blamed_for_an_incident_stays_its_actor() -> None:
    # "X blamed for ...", "X accused of ...": X is the accused, not a party that blames (review, session 8)
    ev = events_of("Gunmen blamed for the killing of 5 villagers in Zamfara on Monday escaped.")[0]
    assert ev.actor1_text == "Gunmen", ev.actor1_text
