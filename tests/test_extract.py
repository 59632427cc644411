"""extract: one event per incident passage, dates, actors, casualties, places, notes, evidence."""

from __future__ import annotations

import datetime as dt

from eventcoder.extraction.actors import contains_slur
from eventcoder.records import Document, Event, make_event_id
from eventcoder.settings import Settings
from eventcoder.stages.extract import extract, finalize_actors, guess_source_type
from eventcoder.stages.segment import segment

S = Settings()

CLAIM = """Ninawa Wilayah:
On the 12th of Jumada al-Ula, an istishhadi brother, Abu Khattab al-Muhajir, detonated his explosive-laden vehicle on a gathering of the Rafidi army in the village of Imam Gharbi, killing and injuring approximately 40 of them.
Likewise, on the 13th, soldiers of the Khilafah targeted a Humvee of the Rafidi army with a guided missile near Qayyarah, destroying it.

Sinai Wilayah:
On the 14th of Jumada al-Ula, soldiers of the Khilafah detonated an explosive device on a patrol of the murtadd Egyptian army south of Rafah.
Meanwhile, another device was detonated on a second patrol near al-Arish. The two explosions left 6 of them killed.
"""


def _events(text: str, published: str = "2017-02-15", **kw: object) -> tuple[Document, list[Event]]:
    doc = Document.from_text(text, published=published, **kw)  # type: ignore[arg-type]
    return doc, extract(doc, segment(doc, S), S)


def test_claim_roundup_events() -> None:
    doc, evs = _events(CLAIM, source_type="claim")
    assert len(evs) == 4
    e0, e1, e2, e3 = evs
    # 12 Jumada al-Ula 1438 = 9 February 2017 (Umm al-Qura); the bare "13th" is the next day of that month
    assert (e0.event_date, e0.calendar, e0.time_precision) == ("2017-02-09", "hijri", 1)
    assert (e1.event_date, e1.calendar) == ("2017-02-10", "hijri")
    assert e2.event_date == "2017-02-11" and e3.event_date == "2017-02-11"
    assert e3.date_text == "the 14th of Jumada al-Ula"  # inherited from its parent
    assert all(e.actor1 == "Islamic State" and e.claimed and e.source_type == "claim" for e in evs)
    assert [e.actor2 for e in evs] == [
        "Military Forces of Iraq",
        "Military Forces of Iraq",
        "Military Forces of Egypt",
        "Military Forces of Egypt",
    ]
    assert e0.actor2_text == "Rafidi army" and e2.actor2_text == "murtadd Egyptian army"
    assert e0.sub_event_type == "Suicide bomb" and e0.weapon_detail == "suicide vehicle-borne IED"
    assert (e0.killed, e0.killed_or_wounded, e0.casualty_qualifier) == (None, 40, "approximate")
    assert e0.context["attacker_names"] == ["Abu Khattab al-Muhajir"]
    assert "Abu Khattab al-Muhajir" in e0.notes
    assert e1.vehicles_destroyed == 1 and e1.weapon_detail == "guided anti-tank missile"
    assert e0.context["country_hint"] == "IQ" and e2.context["country_hint"] == "EG"
    assert e0.context["region_text"] == "Ninawa Wilayah"
    assert e0.context["place_candidates"][0]["text"] == "Imam Gharbi"
    assert e0.context["place_candidates"][0]["feature"] == "village"
    assert e0.location_text == "in the village of Imam Gharbi"
    # a figure shared by two explosions is stored once, on the first; the other points to it
    assert e2.killed == 6 and e3.killed is None
    assert e2.event_id in e3.notes
    for e in evs:
        assert (
            not contains_slur(e.notes) and not contains_slur(e.actor2) and not contains_slur(e.location_text)
        )
        for k, (a, b) in e.evidence.items():
            assert 0 <= a < b <= len(doc.text), k
    s, t = e0.evidence["actor2"]
    assert doc.text[s:t] == "Rafidi army"
    s, t = e0.evidence["event_date"]
    assert doc.text[s:t] == "the 12th of Jumada al-Ula"


def test_event_ids_stable_and_distinct() -> None:
    _, a = _events(CLAIM, source_type="claim")
    _, b = _events(CLAIM, source_type="claim")
    assert [e.event_id for e in a] == [e.event_id for e in b]
    assert len({e.event_id for e in a}) == len(a)
    assert a[0].event_id == make_event_id(a[0].doc_ids[0], 0, S.digest())


def test_gtd_like_summary() -> None:
    text = (
        "03/14/2021: Assailants opened fire at a police post on the edge of Kunduz city, Kunduz, Afghanistan. "
        "Two police officers were killed and a third was injured there. No group has claimed "
        "the shooting, but local sources attributed the attack to the Taliban."
    )
    _, evs = _events(text, published="2021-03-14")
    assert len(evs) == 1
    e = evs[0]
    assert e.event_date == "2021-03-14" and e.time_precision == 1
    assert e.actor1 == "Taliban" and e.actor2 == "Police Forces of Afghanistan"
    assert (e.attack_type, e.weapon_type, e.target_type) == ("Armed Assault", "Firearms", "Police")
    assert e.sub_event_type == "Armed clash"
    assert e.context["country_hint"] == "AF"


def test_unknown_group_kept_as_written() -> None:
    text = (
        "05/02/2021: An explosive device detonated near a bus in Kalat, Zabul, Afghanistan. One civilian was "
        "killed. The Free Mountain Brigade claimed responsibility for the incident."
    )
    _, evs = _events(text, published="2021-05-02")
    assert evs[0].actor1 == "Free Mountain Brigade"
    assert evs[0].sub_event_type == "Remote explosive/landmine/IED"


def test_no_perpetrator_named_gives_unidentified_armed_group() -> None:
    text = "On 4 May 2020, an explosive device detonated close to a police vehicle in Mogadishu, killing one officer."
    _, evs = _events(text, published="2020-05-05")
    assert evs[0].actor1 == "Unidentified Armed Group (Somalia)"
    assert evs[0].context["actor_templates"]["actor1"] == "Unidentified Armed Group ({country})"


def test_undated_passage_uses_publication_date_with_week_precision() -> None:
    _, evs = _events("Gunmen killed two farmers in a village near Gwoza.", published="2019-03-10")
    e = evs[0]
    assert (e.event_date, e.time_precision, e.date_text) == ("2019-03-10", 2, None)
    assert e.context["date_basis"] == "publication" and "event_date" not in e.evidence
    assert e.notes.startswith("On or shortly before 10 March 2019")
    doc = Document.from_text("Gunmen killed two farmers in a village near Gwoza.")
    evs2 = extract(doc, segment(doc, S), S)
    assert evs2[0].event_date is None and evs2[0].time_precision is None  # nothing invented


def test_dateline_and_report_dates_skipped() -> None:
    text = (
        "KABUL, May 6 (Wire) - A roadside bomb killed three soldiers in Ghazni province on Monday, "
        "officials said on Wednesday."
    )
    _, evs = _events(text, published="2020-05-06")
    assert evs[0].event_date == "2020-05-04" and evs[0].date_text == "Monday"


def test_official_statement_actors() -> None:
    text = (
        "Our forces neutralized 12 Daesh terrorists in clashes near Tarmiyah on Monday, "
        "the Security Media Cell said."
    )
    doc, evs = _events(text, published="2020-05-06")
    assert guess_source_type(doc) == "official"
    assert evs[0].actor2 == "Islamic State" and evs[0].source_type == "official"
    assert "Daesh" not in evs[0].notes


def test_protest_event() -> None:
    text = "On 3 May 2020, about 200 teachers protested in Lahore, demanding unpaid salaries."
    _, evs = _events(text, published="2020-05-03")
    e = evs[0]
    assert (e.event_type, e.sub_event_type) == ("Protests", "Peaceful protest")
    assert e.actor1 == "Protesters (Pakistan)" or e.actor1 == "Protesters"
    assert e.attack_type is None


def test_non_event_text_gives_nothing() -> None:
    _, evs = _events("Humanitarian partners distributed food to families in Damboa.")
    assert evs == []


def test_finalize_actors_fills_country_after_geocoding() -> None:
    _, evs = _events(
        "Unidentified gunmen shot dead a shopkeeper in Xyzville on Monday.", published="2020-05-06"
    )
    e = evs[0]
    assert e.actor1 == "Unidentified Armed Group"  # no country known to extract
    (g,) = finalize_actors([e.replace(country="Kenya")])
    assert g.actor1 == "Unidentified Armed Group (Kenya)" and g.actor2 == "Civilians (Kenya)"
    assert dt.date.fromisoformat(g.event_date or "") == dt.date(2020, 5, 4)


def test_slur_inside_place_phrase_is_dropped() -> None:
    text = (
        "Wilayat Halab\nOn the 3rd of Rajab, soldiers of the Khilafah attacked the Nusayri army "
        "in the Rafidah village of Nubl, killing 4 of them."
    )
    _, evs = _events(text, published="2017-04-05", source_type="claim")
    assert evs and evs[0].location_text is not None
    for e in evs:
        for value in (e.location_text, e.notes, e.actor1, e.actor2):
            assert not contains_slur(value)


def test_claim_summary_paragraphs_give_no_event() -> None:
    text = (
        "Harvest of the week\n\n"
        "The soldiers of the Khilafah continued their blessed operations, killing dozens of the apostates.\n\n"
        "Wilayat Ninawa\n"
        "On the 3rd of Rajab, soldiers of the Khilafah killed 2 elements of the Rafidi army near Badush.\n\n"
        "In total, 45 operations were carried out this week, killing and wounding 120 of the apostates.\n"
    )
    _, evs = _events(text, published="2017-04-05", source_type="claim")
    assert len(evs) == 1 and evs[0].location_text == "near Badush"


def test_protest_actors_follow_acled() -> None:
    _, evs = _events(
        "On 3 May 2020, teachers protested in Lahore against unpaid salaries.", published="2020-05-03"
    )
    assert evs[0].actor1 == "Protesters (Pakistan)" and evs[0].actor2 is None
    _, evs = _events(
        "On 4 May 2020, police fired tear gas to disperse students protesting in Lahore.",
        published="2020-05-04",
    )
    e = evs[0]
    assert e.sub_event_type == "Protest with intervention"
    assert e.actor1 == "Protesters (Pakistan)" and e.actor2 == "Police Forces of Pakistan"


def test_possessive_place_names() -> None:
    from eventcoder.extraction.places import find_places

    got = [
        (c["text"], c["relation"]) for c in find_places("attacked a checkpoint in Kirkuk's Hawija district")
    ]
    assert got == [("Hawija", "in"), ("Kirkuk", "in")]


def test_named_group_stops_at_the_verb_that_follows_it() -> None:
    """A suspicion or attribution ends at its verb: 'the Free Mountain Brigade are responsible' names the brigade."""
    cases = {
        "No group has claimed it, but it is suspected that the Free Mountain Brigade are responsible.": (
            "Free Mountain Brigade"
        ),
        "It is suspected that the Free Mountain Brigade is behind it.": "Free Mountain Brigade",
        "Officials attributed the attack to the Free Mountain Brigade and said that more attacks may follow.": (
            "Free Mountain Brigade"
        ),
        "Officials attributed the attack to the TTP and noted that the group may strike again.": (
            "Tehreek-i-Taliban Pakistan"
        ),
        "The attack was believed to have been carried out by the Free Mountain Brigade, which may be new.": (
            "Free Mountain Brigade"
        ),
    }
    for tail, want in cases.items():
        text = (
            f"On 2 May 2021, an explosive device detonated near a bus in Kalat, killing one civilian. {tail}"
        )
        _, evs = _events(text, published="2021-05-02")
        assert evs[0].actor1 == want, (tail, evs[0].actor1)
        assert evs[0].context["actor1_how"] == "attributed", (tail, evs[0].context["actor1_how"])


def test_no_group_after_a_time_adverb_is_not_a_name() -> None:
    text = (
        "On 4 May 2020, an explosive device detonated close to a police vehicle in Mogadishu, killing one officer. "
        "So far, no militant group has claimed responsibility for the attack."
    )
    _, evs = _events(text, published="2020-05-05")
    assert evs[0].actor1 == "Unidentified Armed Group (Somalia)"


def test_place_names_with_two_connecting_words() -> None:
    import re

    from eventcoder.extraction.places import NAME

    rx = re.compile(NAME)
    for name in (
        "Khabb wa ash Shaaf",
        "Ain bin al Hadi",
        "Villa de la Paz",
        "Bab al Hawa",
        "Mosul wa Raqqa",
        "Catole do Rocha",
        "Datem del Maranon",
        "Amatlan de los Reyes",
        "Kut e Abdollah",
    ):
        assert rx.match(name + " district was hit").group(0) == name  # type: ignore[union-attr]
    # English prose after a name is not a name: "as an", "of the", "at a" are not connectors
    for text, want in (
        ("Kabul as an Afghan", "Kabul"),
        ("Kabul of the Taliban", "Kabul"),
        ("Herat at a Market", "Herat"),
    ):
        assert rx.match(text).group(0) == want  # type: ignore[union-attr]
    text = "On 3 March 2019, an airstrike hit a house in Khabb wa ash Shaaf district, Yemen, killing four civilians."
    _, evs = _events(text, published="2019-03-04")
    assert evs[0].context["place_candidates"][0]["text"] == "Khabb wa ash Shaaf"
    assert evs[0].context["place_candidates"][0]["feature"] == "district"


_CONN_FIRST = ("wa", "w", "bin", "ibn", "de", "da", "du")
_CONN_SECOND = ("al", "ash", "as", "ad", "an", "ar", "el", "la", "le", "los", "las")
_CONN_ONE = ("do", "dos", "das", "del", "della", "di", "e")


def _cap_word() -> object:
    from hypothesis import strategies as st

    return st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True)


def test_place_name_connectors_property() -> None:
    """Generated names with one or two connecting words are read whole; a third connector or lower-case
    sentence text after the name is never swallowed."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from eventcoder.extraction.places import NAME

    rx = re.compile(NAME)
    word = _cap_word()
    conn = st.one_of(
        st.sampled_from(_CONN_FIRST + _CONN_SECOND[:-2] + _CONN_ONE + ("of",)),
        st.tuples(st.sampled_from(_CONN_FIRST), st.sampled_from(_CONN_SECOND)).map(" ".join),
    )
    prose = st.from_regex(r"(?: [a-z]{3,9}){1,4}", fullmatch=True).filter(
        lambda s: not any(w in _CONN_FIRST + _CONN_SECOND + _CONN_ONE + ("of",) for w in s.split())
    )

    @settings(max_examples=300, deadline=None)
    @given(word, st.lists(st.tuples(conn, word), max_size=3), prose)
    def check(first: str, rest: list[tuple[str, str]], tail: str) -> None:
        name = first + "".join(f" {c} {w}" for c, w in rest)
        assert rx.match(name + tail).group(0) == name  # type: ignore[union-attr]

    @settings(max_examples=100, deadline=None)
    @given(
        word, st.sampled_from(_CONN_FIRST), st.sampled_from(_CONN_SECOND), st.sampled_from(_CONN_SECOND), word
    )
    def three(first: str, c1: str, c2: str, c3: str, last: str) -> None:
        # three connecting words in a row: the name stops before them
        assert rx.match(f"{first} {c1} {c2} {c3} {last}").group(0) == first  # type: ignore[union-attr]

    check()
    three()


def test_divided_series_total_is_approximate_and_noted() -> None:
    """A share of a total told across a series is not a stated figure: qualifier approximate, and the notes
    name the stated total and the number of incidents (SCHEMA: every value says how vague it is)."""
    from eventcoder.extraction.numbers import find_casualties

    text = (
        "On 2 May 2021, assailants attacked an army post in Kalat, Afghanistan. This was one of three related "
        "attacks in the district on this date. Eight assailants and six soldiers were killed and five "
        "assailants and three soldiers were injured during the clashes that followed."
    )
    c = find_casualties(text)
    # the share's rounding is numbers.py's policy: here only that it is a share, not the total
    assert (c.series, c.qualifier) == ((3, 14, 8), "approximate")
    assert c.killed is not None and c.wounded is not None and 3 <= c.killed <= 5 and 2 <= c.wounded <= 3
    _, evs = _events(text, published="2021-05-02")
    ev = evs[0]
    assert (ev.killed, ev.wounded, ev.casualty_qualifier) == (c.killed, c.wounded, "approximate")
    assert ev.context["series_total"] == {"incidents": 3, "killed": 14, "wounded": 8}
    assert "killed: share of 14 stated for 3 related incidents" in ev.notes
    assert "wounded: share of 8 stated for 3 related incidents" in ev.notes
    assert ev.notes.endswith(".") and f"approximately {c.killed} killed" in ev.notes
    # a figure told for this incident alone stays exact, with no share in the notes
    own = "On 2 May 2021, assailants attacked an army post in Kalat, Afghanistan. Six soldiers were killed."
    _, evs = _events(own, published="2021-05-02")
    assert (evs[0].killed, evs[0].casualty_qualifier) == (6, "exact")
    assert "share of" not in evs[0].notes and "series_total" not in evs[0].context


def test_not_a_name_is_whole_words_and_clause_aware() -> None:
    """'Hezbollah' is not the pronoun 'he', 'Shebab' not 'she'; 'no group' after a comma or a conjunction and
    'an unknown group' name nobody."""
    from eventcoder.stages.extract import _named_group

    for text, want in (
        ("Hezbollah claimed responsibility for the attack.", "Hezbollah"),
        ("Shebab claimed responsibility for the attack.", "Shebab"),
        ("Thevar Front claimed responsibility for the attack.", "Thevar Front"),
    ):
        found, how = _named_group(text, 0, None)
        assert found is not None and found.text == want and how == "claimed", (text, found)
    for text in (
        "A shopkeeper was also hurt by the blast, no group claimed responsibility for it.",
        "While no group has yet claimed responsibility for the bombing, police suspect a rival gang.",
        "An unknown group later claimed responsibility for the raid.",
        "Unidentified assailants claimed responsibility for the incident.",
    ):
        assert _named_group(text, 0, None) == (None, "none"), text


def test_front_of_a_known_group_and_two_perpetrators() -> None:
    """A front/command/committee 'of' a known group is that group; a known group that is itself a 'Front of'
    stays whole; of two perpetrators joined by 'and' (after an acronym or before an article) the first is
    actor1, while a name with 'and' inside stays whole."""
    from eventcoder.stages.extract import _named_group

    for text, iso, want in (
        (
            "The Camilo Torres Front of the National Liberation Army (ELN) claimed the attack.",
            "CO",
            "ELN: National Liberation Army",
        ),
        ("The United Liberation Front of Assam (ULFA) has claimed the bombing.", "IN", "ULFA"),
        ("The Popular Front of Free Valley claimed responsibility.", None, "Popular Front of Free Valley"),
        (
            "Officials attributed the killings to the Oromo Liberation Front (OLF) and a rival militia.",
            "ET",
            "OLF",
        ),
        (
            "The Free Mountain Brigade and the Valley Front claimed responsibility.",
            None,
            "Free Mountain Brigade",
        ),
        (
            "The Front for Change and Concord in Chad (FACT) then claimed the attack on the garrison.",
            "TD",
            "Front for Change and Concord in Chad",
        ),
    ):
        found, _ = _named_group(text, 0, iso)
        assert found is not None and want in found.actor, (text, found)


def test_object_inside_a_name_and_suspected_ties_are_not_actor1() -> None:
    """'attached to an Afghan National Army (ANA) vehicle': the army is what was hit, even inside its name;
    'a suspected military informant' is a target, not a suspected perpetrator."""
    text = (
        "On 1 February 2021, a bomb attached to an Afghan National Army (ANA) truck went off in western "
        "Kabul, Afghanistan. One soldier and one civilian were killed. No group claimed responsibility."
    )
    _, evs = _events(text, published="2021-02-01")
    assert evs[0].actor1 == "Unidentified Armed Group (Afghanistan)"
    assert evs[0].actor2 == "Military Forces of Afghanistan"
    text = (
        "On 25 June 2021, assailants opened fire and injured a suspected military informant in Mandalay, Myanmar. "
        "No group claimed responsibility."
    )
    _, evs = _events(text, published="2021-06-25")
    assert evs[0].actor1 == "Unidentified Armed Group (Myanmar)"
    text = "On 25 June 2021, suspected Taliban militants attacked a checkpoint in Kunduz, Afghanistan."
    _, evs = _events(text, published="2021-06-25")
    assert evs[0].actor1 == "Taliban"


def test_series_total_below_the_count_and_a_reports_own_two_blasts() -> None:
    """A total smaller than the number of incidents gives no share (null, the total named in the notes); a report
    that never says its incident is one of several keeps its own figure whole (SCHEMA: stored once, whole)."""
    text = (
        "On 2 May 2021, a bomb exploded at a checkpoint in Kalat, Afghanistan. This was one of four related "
        "attacks in the district on this date. One police officer was killed across the attacks."
    )
    _, evs = _events(text, published="2021-05-02")
    ev = evs[0]
    assert ev.killed is None and ev.context["series_total"]["killed"] == 1
    assert "killed: 1 stated for 4 related incidents, this one's share unknown" in ev.notes
    own = "On 2 May 2021, ten people were killed and 20 wounded in the two blasts in Kalat, Afghanistan."
    _, evs = _events(own, published="2021-05-02")
    assert (evs[0].killed, evs[0].wounded) == (10, 20) and "series_total" not in evs[0].context


def test_own_figure_plus_series_share_is_noted_as_such() -> None:
    """review (session 5): 'three killed in the attack' + a share of 25 across five attacks is 8, which the
    notes called 'share of 25' (25 / 5 is 5): they now say the figure includes the share."""
    text = (
        "On 2 May 2021, gunmen attacked a checkpoint in Kalat, Afghanistan, and at least three soldiers were "
        "killed in the attack. This was one of five related attacks on this date. At least 25 assailants were killed "
        "across the five attacks."
    )
    _, evs = _events(text, published="2021-05-02")
    ev = evs[0]
    assert (ev.killed, ev.casualty_qualifier) == (8, "approximate")
    assert ev.context["series_total"] == {
        "incidents": 5, "killed": 25, "wounded": None, "killed_qualifier": "at_least"  # "At least 25 ..."
    }
    assert "killed: 8 includes a share of at least 25 stated for 5 related incidents" in ev.notes
    assert "killed: share of 25" not in ev.notes


def test_dateline_is_the_publication_date_when_none_given() -> None:
    text = "IDLIB, March 3, 2019 - Government forces shelled Khan Shaykhun in Idlib province, killing nine civilians."
    doc = Document.from_text(text)
    (ev,) = extract(doc, segment(doc, S), S)
    assert (ev.event_date, ev.time_precision, ev.date_text) == ("2019-03-03", 2, None)
    assert ev.context["date_basis"] == "publication"
    a, b = ev.evidence["event_date"]
    assert text[a:b] == "March 3, 2019"
    assert ev.notes.startswith("On or shortly before 3 March 2019")
    # a relative day counts back from the dateline (5 March 2019 was a Tuesday) ...
    text = "BAGHDAD, March 7, 2019 (Reuters) - A roadside bomb killed three soldiers in Tarmiyah on Tuesday."
    doc = Document.from_text(text)
    (ev,) = extract(doc, segment(doc, S), S)
    assert (ev.event_date, ev.date_text, ev.context["date_basis"]) == ("2019-03-05", "Tuesday", "stated")
    # ... a given publication date is never overridden, and a year-less dateline invents nothing
    _doc, (ev,) = _events(text, published="2019-03-14")
    assert ev.event_date == "2019-03-12"
    doc = Document.from_text("MOGADISHU, Jan 2 (Wire) - A bomb killed three people in Hodan district.")
    (ev,) = extract(doc, segment(doc, S), S)
    assert ev.event_date is None and "event_date" not in ev.evidence


def test_troops_named_by_nationality_are_a_mention_a_place_elsewhere_overrules() -> None:
    """Forces named by nationality serve abroad: with no country or province named, their country is the hint, but
    only as a mention (like a country adjective), so a place that lies clearly elsewhere takes the event there; a
    place of their own country stays (session 6, lead: ACLED dev +7 <= 25 km / 0 lost, 11 rows to the right country)."""
    import eventcoder

    (abroad,) = eventcoder.extract("Israeli forces raided homes near Hebron and detained two men.", published="2020-01-05")
    assert (abroad.country, abroad.location) == ("Palestinian Territory", "Hebron")  # was Israel, country level
    assert abroad.geo_precision == 2 and "the country it mentions" in abroad.context["geo_reason"]
    (home,) = eventcoder.extract("Turkish forces shelled villages near Diyarbakir, killing three militants.",
                                 published="2020-01-05")
    assert home.country == "Turkey" and home.location == "Diyarbakır"


def test_coordinated_nationality_forces_of_a_symmetric_fight_pair_in_written_order() -> None:
    """ "Burundian and Rwandan soldiers clashed": only the adjective bound to the noun was a mention, so Rwanda's
    army became actor1 (ACLED codes the first named); both are sides, the first written actor1 (session 8, scene)."""
    for text, want in [
        ("On 3 May 2020, Burundian and Rwandan soldiers clashed near an island of Lake Cohoha.", ("Burundi", "Rwanda")),
        ("On 3 May 2020, Rwandan and Burundian soldiers clashed near an island of Lake Cohoha.", ("Rwanda", "Burundi")),
        ("On 8 May 2020, Indian and Chinese troops exchanged fire in Ladakh.", ("India", "China")),
        ("On 8 May 2020, Kenyan and Somali forces fought in Mandera.", ("Kenya", "Somalia")),
    ]:
        _doc, (ev,) = _events(text, published="2020-05-10")
        assert (ev.actor1 or "").startswith(("Military Forces of " + want[0], "Police Forces of " + want[0])), text
        assert (ev.actor2 or "").startswith(("Military Forces of " + want[1], "Police Forces of " + want[1])), text
    # not a symmetric fight: allies acting together are no opponents
    _doc, (ev,) = _events("On 8 May 2020, Kenyan and Somali troops killed 12 al-Shabaab fighters in Gedo.",
                          published="2020-05-10")
    assert "Kenya" not in (ev.actor2 or "") and "Somalia" not in (ev.actor2 or "")
