"""Casualty rules of session 11 (issue 5): each case failed before its rule (numbers.find_casualties)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.extraction.numbers import find_casualties

_WORDS = "one two three four five six seven eight nine".split()


# --- a counted list right after a group word says who the group were (apposition) ---------------------------------


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        ("Bandits wounded three people, a nurse and two traders, in a raid on Tsafe market.", None, 3),
        ("Five persons were killed - two guards and three pilgrims - when the shrine was hit.", 5, None),
        ("The shelling killed seven civilians: a teacher, two women and four children.", 7, None),
        ("The blast killed nine people, six of them students, at a college in Hilla.", 9, None),
        # a list of other people, one with a verb of its own, or one that says it adds: summed as before
        ("Gunmen killed three guards, two drivers and a cook at the depot.", 6, None),
        ("Gunmen killed three people, two herders were also killed nearby.", 5, None),
        ("Raiders killed two people, three soldiers and a child in the village.", 6, None),
        # armed men listed after "N civilians" are others, not civilians (review, session 11)
        ("The ambush killed 11 civilians, four soldiers and two police officers near Dori.", 17, None),
        ("A mortar round wounded 14 civilians, 5 troops and a guard at the crossing.", None, 20),
        ("A truck carrying 30 workers was ambushed, killing 4 of them.", 4, None),
    ],
)
def test_apposition_list_restates_the_group(text: str, killed: int | None, wounded: int | None) -> None:
    cas = find_casualties(text)
    assert (cas.killed, cas.wounded) == (killed, wounded)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4))
def test_apposition_sum_is_the_group_figure(a: int, b: int) -> None:
    total = a + b
    text = f"Gunmen killed {_WORDS[total - 1]} people, {_WORDS[a - 1]} farmers and {_WORDS[b - 1]} herders, near Gusau."
    assert find_casualties(text).killed == total


# --- a figure told again by a source, the first one with its place -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Gunmen shot dead six traders in Zaria. Police said six traders were killed.", 6),
        (
            "Raiders killed five villagers in Bakura on Sunday. Residents said that five villagers died in the raid.",
            5,
        ),
        (
            "One member of the Border Rifles was killed in an ambush in Ukhrul. The NSCN said its fighters attacked the "
            "patrol, killing one BR member.",
            1,
        ),
        # another place in the later sentence: two events' dead, summed as before
        ("Gunmen killed five villagers in Bakura. Five villagers were killed in Maru.", 10),
    ],
)
def test_restatement_after_a_place(text: str, killed: int) -> None:
    assert find_casualties(text).killed == killed


# --- a counted subject with a verb phrase of its own before the casualty verb ---------------------------------------


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        (
            "Guards spotted two suicide bombers at the gate. The two attackers set off their belts and were killed.",
            2,
            None,
        ),
        ("Four raiders stormed the bank in Gao and were killed by the guards.", 4, None),
        # a clause before the counted victims: its subject is no victim
        ("Three policemen repelled the raid and two porters were killed.", 2, None),
        ("Three policemen and two porters were killed.", 5, None),
    ],
)
def test_subject_of_a_first_verb_phrase(text: str, killed: int | None, wounded: int | None) -> None:
    cas = find_casualties(text)
    assert (cas.killed, cas.wounded) == (killed, wounded)


# --- where the shot struck, between the manner verb and the casualty verb ------------------------------------------


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        ("The shopkeeper was shot in the leg and wounded during the robbery.", None, 1),
        ("Two herders were shot in the chest and killed near the river.", 2, None),
    ],
)
def test_shot_in_a_body_part(text: str, killed: int | None, wounded: int | None) -> None:
    cas = find_casualties(text)
    assert (cas.killed, cas.wounded) == (killed, wounded)


# --- "The victims were injured": the one counted group told before -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wounded"),
    [
        ("A crowd beat four students in Lyon. The victims were injured during the assault.", 4),
        # two counted groups, or one person: which victims is not said, nothing is counted
        ("Men abducted two drivers and beat a porter. The victims were injured.", None),
        ("A crowd beat a student in Lyon. The victims were injured during the assault.", None),
    ],
)
def test_the_victims_are_the_counted_group(text: str, wounded: int | None) -> None:
    assert find_casualties(text).wounded == wounded


# --- the coder's closing tally, "N fatality/fatalities." at the end of a note, replaces the figures before it ------


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A farmer went missing in Jalisco. Two days later his body was found in a ditch. 1 fatality.", 1),
        ("Police returned fire and hit the robber, who died. 1 fatality", 1),
        (
            "Armed men shot a vendor near a bakery. The victim died. Hours later a taxi driver was shot. The victim died. "
            "4 fatalities.",
            4,
        ),
        ("A man was found dead by a canal; a second bag next to him held remains. At least 1 fatality.", 1),
        # a tally that does not close the note (split over days) stays a fallback
        ("Villagers clashed over a well; one man was killed. 2 fatalities spread across two days.", 1),
    ],
)
def test_closing_tally(text: str, killed: int) -> None:
    assert find_casualties(text).killed == killed


# --- things that are not victims at the head of a list, active relative clauses -----------------------------------


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A gunfight broke out and a smuggler was shot and died. Agents seized a rifle.", 1),
        ("Troops led an offensive against rebels near Tumba, leaving 3 rebel fighters dead.", 3),
        ("Two men who reportedly shot dead a guard fled the scene.", 1),
        ("Two guards who were killed on Monday were buried in Tumba.", 2),
    ],
)
def test_not_a_victim_at_the_head(text: str, killed: int) -> None:
    assert find_casualties(text).killed == killed


# --- a note's headline present tense, two words of a victim noun after "and" ---------------------------------------


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Police gun down two robbers wanted for a bank raid in Onitsha.", 2),
        ("Unknown gunmen assassinate a district judge near his home.", 1),
        ("Soldiers shoot dead four smugglers near the border post.", 4),
        ("8 ISKP and foreign fighters were killed in an air strike in Kunar.", 8),
        ("He threatened to assassinate two judges.", None),
    ],
)
def test_headline_present_and_two_word_tail(text: str, killed: int | None) -> None:
    assert find_casualties(text).killed == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "20 rebels were killed as jets struck Boyo; in raids like it both Afghan and Uzbek gunmen were killed.",
            20,
        ),
        ("Gunmen killed both guards and a driver at the gate.", 3),
    ],
)
def test_both_joining_two_words_is_no_count(text: str, killed: int) -> None:
    assert find_casualties(text).killed == killed


# --- fresh held-out defects (session 11): a dateline's day is no range; people "intercepted" are no weapon ---------


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        # F3: "June 3 - Two ..." was read as the range 3-2 inside a date: nothing counted
        ("KUMBA, Cameroon, May 9 - Three soldiers were shot dead at a roadblock near Kumba.", 3, None),
        ("Gunmen killed 4 - 5 villagers near Kumba.", 4, None),
        # F4: an invented zero from "intercepted" (the women stopped by the fighters, no weapon)
        (
            "Monitors recorded the assault of four girls by militiamen who intercepted them on the road to the wells.",
            None,
            None,
        ),
        # a weapon intercepted and nothing else told: no one was harmed (unchanged)
        ("The army said a drone loaded with explosives was intercepted over Abha.", 0, 0),
    ],
)
def test_fresh_dateline_and_intercepted(text: str, killed: int | None, wounded: int | None) -> None:
    cas = find_casualties(text)
    assert (cas.killed, cas.wounded) == (killed, wounded)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # F2: the armies' words after a counted noun
        ("Final toll: 2 soldiers killed on our side; 6 terrorists neutralised on the enemy side.", 8),
        ("After a heavy exchange of fire, five khwarij were sent to hell.", 5),
        # the counted people opening the sentence, far from "embraced shahadat"
        (
            "However, three brave sons of soil, Naik Ali (age 30, of Kohat) and Sepoy Khan (age 22, of Bannu) and Sepoy "
            "Aziz, having fought gallantly, embraced shahadat.",
            3,
        ),
        ("Sepoy Aziz embraced shahadat.", 1),
        # a thing neutralised is no death
        ("Two IEDs were neutralised by the bomb squad.", None),
    ],
)
def test_fresh_official_words(text: str, killed: int | None) -> None:
    assert find_casualties(text).killed == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # F1 (part): the claimant's own toll after "claimed responsibility ..., saying N" is not the report's figure
        (
            "Fighters killed six guards at the depot in Bosaso. The group claimed responsibility on its radio, saying "
            "30 guards died.",
            6,
        ),
        (
            "Gunmen killed four police officers in Kano. IS claimed the attack on its outlet, saying 9 policemen had "
            "been killed.",
            4,
        ),
        # a claim whose clause tells the event's own toll is read as before
        ("The Taliban claimed responsibility for the ambush that killed 12 soldiers.", 12),
    ],
)
def test_fresh_claimants_toll(text: str, killed: int) -> None:
    assert find_casualties(text).killed == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # F1: a background sentence (earlier time or earlier incident) or a cumulative toll is not the event's figure
        (
            "Bandits shot dead at least 9 herders near Gusau on Tuesday. In March, at least 35 herders were killed in a "
            "comparable raid nearby.",
            9,
        ),
        (
            "A car bomb killed eight people in the market. Last year, 60 people were killed in the same district.",
            8,
        ),
        (
            "Gunmen killed five people at a bar on Friday. The feud between two gangs has left more than 900 dead in "
            "the province since March 2023.",
            5,
        ),
        (
            "Militants killed three traders on Sunday. Earlier this month, 12 traders were killed on the same road.",
            3,
        ),
        ("Two soldiers died in the blast. In a similar attack in 2022, 20 soldiers were killed there.", 2),
        # another source's toll of the same victims: the lowest of the two
        (
            "At least 31 villagers were killed by the rebels. A military spokesman confirmed the raid but gave a toll "
            "of 19 dead.",
            19,
        ),
        ("Rebels killed 12 villagers. The governor gave a toll of 15 dead.", 12),
        # the only figure of its kind is kept, even in such a sentence; the event told on a date in January is read
        ("In January, gunmen killed seven people in the village.", 7),
    ],
)
def test_fresh_background_tolls(text: str, killed: int) -> None:
    assert find_casualties(text).killed == killed
