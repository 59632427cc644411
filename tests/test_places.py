"""extraction/places.py: place phrases the extractor proposes to the geocoder (session 5, ACLED notes)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventcoder.extraction.places import find_places


def _texts(text: str) -> list[str]:
    return [str(c["text"]) for c in find_places(text)]


def test_sentence_opening_on_its_place_is_a_candidate() -> None:
    assert "Kohima" in _texts("In Kohima, supporters of the Southern Angami Youth Organization protested.")
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
    t0 = time.perf_counter()
    cands = find_places(text)
    assert time.perf_counter() - t0 < 5.0
    assert any(c["text"] == chain and c["relation"] == "in" for c in cands)


def test_admin_phrase_scan_is_linear_on_one_long_hyphenated_token() -> None:
    """_ADMIN_RX tried a name at every capital inside 'Aa-al-Aa-al-...' and read the token to its end from each
    (50 kB: 8 s); a phrase after a figure ('North 24-Parganas district') and an article still match."""
    import time

    from eventcoder.extraction.places import _ADMIN_RX, find_admin_hint

    text = "Gunmen came. " + "Aa-al-" * 8000 + " x"
    t0 = time.perf_counter()
    assert find_admin_hint(text) is None
    assert time.perf_counter() - t0 < 2.0
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
