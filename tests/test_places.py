"""extraction/places.py: place phrases the extractor proposes to the geocoder (session 5, ACLED notes)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventcoder.extraction.places import find_places


def _texts(text: str) -> list[str]:
    return [str(c["text"]) for c in find_places(text)]


def test_sentence_opening_on_its_place_is_a_candidate() -> None:
    assert "Kohima" in _texts("In Kohima, members of a students' union staged a sit-in.")
    assert "Nababpur" in _texts("Police arrived. At Nababpur, two persons were injured in a cocktail blast.")
    assert "Bhairahwa" in _texts("In Bhairahwa (Siddharthanagar), nine activists were arrested.")
    c = next(c for c in find_places("In Kohima, people protested.") if c["text"] == "Kohima")
    assert (c["relation"], c["start"], c["end"]) == ("in", 3, 9)


def test_sentence_openings_that_are_no_place_are_not_candidates() -> None:
    for text in ("In March, farmers protested.", "In Addition, three were hurt.", "In Response, police fired.",
                 "At least 5 people died.", "In Kohima the police fired."):  # no comma: left to the other rules
        assert not [t for t in _texts(text) if t in ("March", "Addition", "Response", "least")], text
    # Title Case headlines and capitals: a time of day or a sentence adverb opening the sentence is no place
    for word in ("Dawn", "Midnight", "Turn", "Fact", "Contrast", "Particular", "Short", "Meanwhile", "Least", "DAWN"):
        for rel in ("In", "At", "IN"):
            assert word not in _texts(f"Two Died. {rel} {word}, Gunmen Stormed The Camp."), (rel, word)
    assert "Dawnabad" in _texts("Two died. At Dawnabad, gunmen stormed the camp.")  # a place whose name starts so
    for place in ("Line of Control", "Fall River", "Times Square"):  # places whose first word is such a word
        assert place in _texts(f"Two died. At {place}, gunmen stormed the camp."), place


@given(st.text(alphabet="abcdefgh ,.InAtKXYZ()", max_size=60))
def test_find_places_spans_always_point_at_their_text(text: str) -> None:
    for c in find_places(text):
        written = text[int(c["start"]) : int(c["end"])]  # type: ignore[call-overload]
        # a dateline in capitals ("KABUL —") is named in title case; its span is the capitals as written
        assert written == c["text"] or (c["feature"] == "dateline" and written.title() == c["text"])


def test_an_acronym_country_alias_must_be_written_in_capitals() -> None:
    from eventcoder.extraction.places import find_countries

    assert find_countries("Car bomb kills five in market") == []  # a headline's first word, not the CAR
    assert [c[3] for c in find_countries("CAR: gunmen kill five in Bangui")] == ["CF"]
    assert [c[3] for c in find_countries("Fighting resumed in the DRC and in Uganda")] == ["CD", "UG"]


def test_hyphen_chain_of_articles_is_linear() -> None:
    """'Aa-al-al-...-al x' let the name pattern retry every article/word split of the chain (exponential:
    28 pieces took 2 s, 40 minutes); 50 kB of it must take well under a second and still find the name."""
    import time

    chain = "Aa" + "-al" * 30
    text = f"Gunmen attacked {chain} x. In {chain}, two died. " + "Bb" + "-al" * 16000 + " x"
    t0 = time.process_time()
    cands = find_places(text)
    assert time.process_time() - t0 < 5.0
    assert any(c["text"] == chain and c["relation"] == "in" for c in cands)


def test_admin_phrase_scan_is_linear_on_one_long_hyphenated_token() -> None:
    """_ADMIN_RX tried a name at every capital inside 'Aa-al-Aa-al-...' and read the token to its end from each
    (50 kB: 8 s); a phrase after a figure ('North 24-Parganas district') and an article still match."""
    import time

    from eventcoder.extraction.places import _ADMIN_RX, find_admin_hint

    text = "Gunmen came. " + "Aa-al-" * 8000 + " x"
    t0 = time.process_time()
    assert find_admin_hint(text) is None
    assert time.process_time() - t0 < 2.0
    assert [m.group("n") for m in _ADMIN_RX.finditer("in North 24-Parganas district")] == ["Parganas"]
    assert find_admin_hint("clashes in al-Anbar province") == ("al-Anbar", 11, 19)


def _cands(text: str) -> dict[str, dict[str, object]]:
    return {str(c["text"]): c for c in find_places(text)}


def test_title_case_headline_cues_read_places() -> None:
    c = _cands("Gunmen Attack Christian Villages In Plateau")
    assert list(c) == ["Plateau"]  # "Attack", "Christian", "Villages" are no names
    assert (c["Plateau"]["relation"], c["Plateau"]["phrase"], c["Plateau"]["start"]) == ("in", "In Plateau", 36)
    c = _cands("Suicide Bomber Kills 5 Near Mogadishu Police Station")
    assert list(c) == ["Mogadishu"] and c["Mogadishu"]["relation"] == "near"
    assert list(_cands("Bomb Blast In Kabul Kills Five")) == ["Kabul"]


def test_all_caps_headline_cues_read_places_with_offsets() -> None:
    text = "GUNMEN KILL 12 IN KADUNA VILLAGE"
    c = find_places("x\n" + text, 100)
    assert [(d["text"], d["feature"], d["relation"], d["phrase"]) for d in c] == [
        ("Kaduna", "village", "in", "IN KADUNA VILLAGE")
    ]
    s, e = int(c[0]["start"]) - 100, int(c[0]["end"]) - 100  # type: ignore[call-overload]
    assert ("x\n" + text)[s:e] == "KADUNA"
    assert [d["text"] for d in find_places("AT DAWN GUNMEN STORMED THE CAMP NEAR MAIDUGURI")] == ["Maiduguri"]


def test_headlines_without_a_place_after_a_cue_give_none() -> None:
    for text in ("Police Chief Of Kano Sacked After Protest", "Gunmen Attack Police In Night Raid",
                 "ATTACK ON POLICE AT CHECKPOINT", "Soldiers Killed In Ambush", "IN BRIEF: TWO KILLED",
                 "Two Die In A Terrorist Attack", "Blast At CRPF Camp Injures Two", "Fire In Rohingya Camps Kills 3",
                 "GUNMEN KILL EIGHT IN EIGHT VILLAGES"):
        assert _texts(text) == [], text


def test_sentence_text_is_read_as_before() -> None:
    # a sentence-case line never goes through the headline reading: "In Attack" would need a lower-case cue
    assert _texts("Gunmen attack villages. In Attack On Police, Two Died.") == []
    assert [c.get("headline") for c in find_places("Three died in Kaduna village on Monday.")] == [None]


@given(st.lists(st.sampled_from(["Gunmen", "KILL", "In", "IN", "Near", "Kaduna", "Village", "12", "Al-Qaim", "At",
                                 "of", "The", "ÉTAT", "ß", "\n", ","]), max_size=12))
def test_headline_reading_keeps_spans_inside_the_text(words: list[str]) -> None:
    text = " ".join(words)
    for c in find_places(text):
        s, e = int(c["start"]), int(c["end"])  # type: ignore[call-overload]
        assert 0 <= s < e <= len(text)
        assert text[s:e].lower() == str(c["text"]).lower()


# ---- session 7 (places2): defects read in NGO bulletins, military statements and ACLED-style notes


def _full(text: str) -> list[dict[str, object]]:
    return find_places(text)


def test_x_feature_of_y_puts_x_first_and_y_as_its_container() -> None:
    text = "In Achin district of Nangarhar province, a drone strike killed 5 militants."
    cs = _full(text)
    assert [c["text"] for c in cs] == ["Achin", "Nangarhar"]
    assert (cs[0]["feature"], cs[0]["relation"]) == ("district", "in")
    assert cs[0]["phrase"] == "Achin district of Nangarhar province"
    assert cs[1].get("parent") is True
    for c in cs:
        assert text[int(c["start"]) : int(c["end"])] == c["text"]  # type: ignore[call-overload]
    # mid-sentence, with no relation word before X, the same holds
    assert _texts("Five died as Kot district of Nangarhar was shelled.")[:2] == ["Kot", "Nangarhar"]
    # "the district of X" keeps X (no name before the feature)
    assert _texts("Militants attacked the district of Achin.") == ["Achin"]


def test_actor_names_are_no_places() -> None:
    assert _texts("Gunmen attacked a MINUSMA convoy near Kidal.") == ["Kidal"]
    assert _texts("Fighters of Harakat al-Shabaab attacked the base in Balad.") == ["Balad"]
    assert _texts("A statement of Harakat al-Shabaab said so.") == []
    assert "Boko Haram" not in _texts("The attack of Boko Haram in Maiduguri.")
    assert _texts("Clashes in Kidal.") == ["Kidal"]  # a place is kept


def test_location_line_names_the_place_then_its_containers() -> None:
    text = "Incident report\nLocation: Mir Ali, North Waziristan\nTwo soldiers were killed."
    cs = _full(text)
    assert [c["text"] for c in cs] == ["Mir Ali", "North Waziristan"]
    assert cs[0]["relation"] == "in" and cs[1].get("parent") is True
    for c in cs:
        assert text[int(c["start"]) : int(c["end"])] == c["text"]  # type: ignore[call-overload]
    assert _texts("Location: Kabul\nA blast.") == ["Kabul"]
    assert _texts("The location: of the blast was not given.") == []


def test_between_x_and_y_gives_both_places_first_one_first() -> None:
    cs = _full("Clashes between Kunduz city and Khanabad left 4 dead.")
    assert [(c["text"], c["relation"]) for c in cs] == [("Kunduz", "near"), ("Khanabad", "near")]
    assert cs[0]["feature"] == "city"
    cs = _full("An IED hit a convoy on the road between Kunduz and the village of Khanabad.")
    assert [c["text"] for c in cs] == ["Kunduz", "Khanabad"]
    assert _texts("Clashes between Taliban and police in Kunduz.") == ["Kunduz"]  # no place after "between"


def test_general_area_vicinity_and_outskirts_qualifiers_are_stripped() -> None:
    for text, rel in (
        ("A drone struck in the general area of Mir Ali on Monday.", "near"),
        ("A drone struck the general area of Mir Ali on Monday.", "near"),
        ("Shelling hit the vicinity of Mir Ali.", "near"),
        ("Shelling hit the outskirts of Mir Ali.", "outskirts"),
    ):
        cs = _full(text)
        assert [(c["text"], c["relation"]) for c in cs] == [("Mir Ali", rel)], text
        assert not str(cs[0]["phrase"]).startswith("of "), text


def test_neighbourhood_of_a_city_named_like_a_country_keeps_the_city() -> None:
    from eventcoder.records import Document
    from eventcoder.settings import Settings
    from eventcoder.stages import extract, segment

    s = Settings()
    d = Document.from_text("Israeli strikes hit the Zeitoun neighbourhood of Gaza City on Monday, killing 3.",
                           doc_id="z", published="2024-03-05")  # fmt: skip
    evs = extract.extract(d, segment.segment(d, s), s)
    cands = [(c["text"], c["relation"]) for c in evs[0].context["place_candidates"]]
    assert cands[:2] == [("Zeitoun", "neighbourhood_of"), ("Gaza City", "in")]
    assert evs[0].context["country_hint"] == "PS"


def test_container_of_x_and_its_chain_rank_after_x() -> None:
    assert _texts("A militant was killed in Nowhatta area of old Srinagar.")[:2] == ["Nowhatta", "Srinagar"]
    assert _texts("A fire in tambon Pa Khlok, Thalang district of Phuket, Thailand.") == [
        "Thalang", "Phuket", "Thailand"]  # fmt: skip
    assert "Indian" not in _texts("Clashes between Pakistani and Indian troops in Kupwara.")  # people, no place
    assert "Kamalu" not in _texts("A conflict between the Ntambwe and Kamalu communities left 2 dead.")
    # the second place of "between" comes after the containers the text names
    assert _texts("Fighting between Bulo Burte and Jalalaqsi area in Hiiraan region.") == ["Bulo Burte", "Hiiraan", "Jalalaqsi"]
    assert _texts("Gunfire in 50 Street area of Hudaydah city.") == ["Hudaydah"]  # a feature word is no name


def test_a_headlines_present_tense_verb_of_attack_names_its_object_as_a_place() -> None:
    # "Boko Haram attacks Kolofata" gave no candidate (only the past tense was read), so the event stayed at country level
    assert _texts("Boko Haram attacks Kolofata") == ["Kolofata"]
    assert _texts("Taliban captures Charkh district")[:1] == ["Charkh"]
    assert _texts("Militants storms Mubi, kill 12")[:1] == ["Mubi"]
    # the plural noun with a weekday or a group's name after it is no verb of a place
    assert _texts("The attacks Sunday killed 5 in Kabul.") == ["Kabul"]
    assert _texts("He said the attacks Islamic State carried out were brutal.") == []


def test_elided_french_particle_joins_a_place_name() -> None:
    names = [c["text"] for c in find_places("Jihadist attacks kill 4 in Cote d'Ivoire", 0)]
    assert any("Cote d'Ivoire" in n for n in names), names
    names = [c["text"] for c in find_places("Gunmen attack two customs posts in Cote d’Ivoire", 0)]
    assert any("Cote d’Ivoire" in n for n in names), names

