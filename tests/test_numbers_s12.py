"""Casualty rules of session 12 (issue 5; session 11's "Known, left" 1 and 5): each case failed before its rule.

Texts are our own (names, places and figures invented or changed)."""

from __future__ import annotations

import pytest

from eventcoder.extraction.numbers import find_casualties

# --- a part of the toll told after it: where some of the same dead died, or the bodies recovered ------------------


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        (
            "Eight people lost their lives when gunmen set a bus on fire near Kaliganj. Five passengers, including a "
            "girl, died on the spot and 22 others were injured.",
            8,
            22,
        ),
        (
            "Seven people died when a truck hit a mine near Gao. Five died on the spot and two in hospital.",
            7,
            None,
        ),
        (
            "Jets hit a block of flats in Rafah on Monday, killing 9 people.\n\nRescue workers pulled six bodies "
            "from the debris after the raid.",
            9,
            None,
        ),
        # an increment, other people, or a figure above the toll: summed as before
        (
            "Jets hit a house in Rafah, killing 9 people. Rescuers later found four more bodies under the rubble.",
            13,
            None,
        ),
        ("Three soldiers were killed in the ambush near Mopti. Two herders died on the spot.", 5, None),
        ("Two people died in the blast. Five died at the scene of the second blast in Jalalabad.", 7, None),
    ],
)
def test_part_of_the_toll_told_after_it(text: str, killed: int | None, wounded: int | None) -> None:
    cas = find_casualties(text)
    assert (cas.killed, cas.wounded) == (killed, wounded)


# --- a cumulative toll with no time cue ("the violence has left N dead") -------------------------------------------


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "Gunmen killed six farmers near Jos on Sunday. The unrest in the state has left more than 300 dead.",
            6,
        ),
        (
            "A drone strike killed four fighters in Marib. The war has killed tens of thousands, and 2,000 this year.",
            4,
        ),
        (
            "Bandits killed 11 villagers in Maru. The insurgency has claimed more than 350 lives in the region.",
            11,
        ),
        # never the only figure of the passage
        ("The clashes between the two clans have left 12 dead.", 12),
    ],
)
def test_cumulative_toll_without_a_time_cue(text: str, killed: int) -> None:
    assert find_casualties(text).killed == killed


# --- a death toll that has risen, its subject long ----------------------------------------------------------------


def test_risen_toll_with_a_long_subject_replaces_the_increment() -> None:
    text = (
        "The death toll from a raid by armed bandits on cattle herders near the village of Dankolo in the north of "
        "Katsina state has risen to 19 after more bodies were found, an official said on Tuesday. Searchers had "
        "recovered six more bodies on Monday."
    )
    assert find_casualties(text).killed == 19


# --- lists with no "and"; a restatement whose noun phrase runs on ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        (
            "Police opened fire on the marchers in Gaur, in which one marcher was killed two others injured.",
            1,
            2,
        ),
        ("Troops fired on the crowd; three youths were killed four others wounded.", 3, 4),
        # a perfect tense is active: "had killed two" counts two (unchanged)
        ("The gunmen who had killed two guards fled towards the forest.", 2, None),
    ],
)
def test_list_without_and(text: str, killed: int | None, wounded: int | None) -> None:
    cas = find_casualties(text)
    assert (cas.killed, cas.wounded) == (killed, wounded)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "A marcher died in the police firing at Gaur on Monday. Marchers threw stones at the police post. The "
            "police opened fire, in which one marcher was killed.",
            1,
        ),
        # another one, or another place: two people
        ("A guard was killed at the gate in Kano. Later a guard was killed at the depot in Zaria.", 2),
        ("A guard was killed at the gate. Another guard was killed at the depot.", 2),
    ],
)
def test_one_victim_told_with_an_article_then_a_number(text: str, killed: int) -> None:
    assert find_casualties(text).killed == killed


def test_restated_attackers_whose_noun_phrase_runs_on() -> None:
    text = (
        "A rebel leader was among four suspects killed in a shootout with police in Kech. Police were searching the "
        "area when they came under fire. In the gunfight, four militants belonging to the outlawed group were "
        "reportedly killed."
    )
    assert find_casualties(text).killed == 4


# --- the coder's closing tally for both fields; a total in brackets; another source's toll -------------------------


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        (
            "A soldier was wounded. Later a shell killed 3 people near the market. 4 fatalities and 6 injured.",
            4,
            6,
        ),
        ("Police fired on the crowd. 2 fatalities and 5 injured.", 2, 5),
        (
            "Inmates clashed with the guards at Kenema prison, killing one. 9 inmates were also killed (total of 10 "
            "fatalities).",
            10,
            None,
        ),
        (
            "A roadside bomb hit a patrol near Lodar, killing 1 soldier and injuring 2 others. Other sources report "
            "that 3 soldiers were killed and 4 injured.",
            1,
            2,
        ),
        # a coder's "coded as N" beside accounts that differ is the figure (not a second source's toll)
        (
            "Rebels attacked army posts near Kitchanga. Different reports said either 5 soldiers or one captain were "
            "killed, while 4-6 rebels were killed (coded as 6 fatalities total).",
            6,
            None,
        ),
    ],
)
def test_closing_tallies_and_other_sources(text: str, killed: int | None, wounded: int | None) -> None:
    cas = find_casualties(text)
    assert (cas.killed, cas.wounded) == (killed, wounded)


# --- "lynched" tells a death, read only when nothing else in the passage gives the dead ----------------------------


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A mob lynched a suspected thief in Ikeja on Friday.", 1),
        ("Two men accused of stealing a goat were lynched by villagers in Kano.", 2),
        ("Residents lynched three suspected kidnappers at the market in Bukuru.", 3),
        # the deaths told apart: the lynching adds nothing ("lynched two ... one died")
        ("At least one person died after residents lynched two youths who tried to throw bombs.", 1),
        # the coder's tally beside it is the figure ("lynched ... 2 fatalities.")
        (
            "Two men who had robbed a shop were lynched and burned in their car. 2 fatalities. [size=no report]",
            2,
        ),
        # a lynching prevented or attempted: no death
        ("A man accused of theft was nearly lynched in the market before police arrived.", None),
        ("A crowd tried to lynch two suspected thieves before officers stepped in.", None),
    ],
)
def test_lynched_is_killed(text: str, killed: int | None) -> None:
    assert find_casualties(text).killed == killed


# --- fresh12 F27/F29/F30: revised tolls, a background toll beside the event's other figures, doubled figures --------


@pytest.mark.parametrize(
    ("text", "killed", "wounded"),
    [
        # a revised toll with no "death" before it, its figure followed by "dead"
        (
            "The toll of the raid by armed men on the hamlet of Kasinga in Beni territory has risen to 31 dead, "
            "officials said, after eight more bodies were found. A first toll on Friday gave 23 dead.",
            31,
            None,
        ),
        # "the number of people killed ... has risen to N"; people treated in hospital are wounded
        (
            "The number of people killed when bandits stormed Tudun village in Zurmi on Sunday night has risen to "
            "19, an official said. At least seven people are being treated at the general hospital for gunshot "
            "wounds. The raid came a week after four people were killed in a separate attack nearby.",
            19,
            7,
        ),
        # a revised count of the injured replaces the first one
        (
            "10:05 Sumy. A drone hit a shop; 2 injured.\n\n12:30 Sumy. Update: the number of injured after the "
            "drone strike on the shop has risen to 4.",
            None,
            4,
        ),
        # an army's figures written twice, "seven (7)"
        (
            "On the friendly side, seven (7) soldiers killed and three (3) wounded; on the enemy side, seventeen "
            "(17) terrorists neutralised.",
            24,
            3,
        ),
        # the event's own figure is of another kind: a background sentence's dead are another event's
        (
            "Mortar shells hit a market in Hodan district on Friday, wounding four civilians. In July, fighters "
            "stormed a hotel in the city, killing at least 14 people.",
            None,
            4,
        ),
        # unchanged: the background sentence alone, or a first sentence opening "In July"
        ("In July, fighters stormed a hotel in the city, killing at least 14 people.", 14, None),
    ],
)
def test_fresh12_revised_tolls_and_background(text: str, killed: int | None, wounded: int | None) -> None:
    cas = find_casualties(text)
    assert (cas.killed, cas.wounded) == (killed, wounded)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # fresh12 F30 (ml01): FAMa's formula for the enemy dead, an infinitive that tells a death
        (
            "The counter-attack made it possible to neutralise about twenty terrorists and to seize weapons. On the "
            "friendly side, the toll is three soldiers killed.",
            23,
        ),
        # fresh12 F30 (pk01): "another engagement" is no victim beside the counted dead
        ("In another engagement near Bannu, three more khwarij were neutralised.", 3),
        # an intention is still no death
        ("Troops tried to neutralise the gunmen hiding in the school.", None),
    ],
)
def test_fresh12_official_formulas(text: str, killed: int | None) -> None:
    assert find_casualties(text).killed == killed
