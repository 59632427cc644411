"""Headlines read as a coder reads them (extraction/headlines.py; session 7, headlines owner)."""

from __future__ import annotations

import csv
import datetime as dt
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcoder.datafiles import group_areas
from eventcoder.extraction.headlines import (
    actor_country,
    classify_headline,
    has_incident_verb,
    is_headline,
    past_tense_view,
    tells_no_incident,
)
from eventcoder.extraction.places import country_by_iso
from eventcoder.records import Document
from eventcoder.settings import Settings
from eventcoder.stages.extract import extract
from eventcoder.stages.segment import segment

PUBLISHED = dt.date(2021, 3, 4)


def events_of(text: str) -> list:
    doc = Document.from_text(text, doc_id="h", source="wire", source_type="news", published=PUBLISHED, title=text)
    settings = Settings()
    return extract(doc, segment(doc, settings), settings)


def test_is_headline() -> None:
    assert is_headline("Volunteer slain in Narathiwat")
    assert is_headline("Breaking: Video, photos emerge as attackers burn down two offices in southe...")
    assert not is_headline("The area has been cordoned off and a hunt has been launched, the official added.")
    assert not is_headline("Gunmen attack village\nTwo killed")
    assert not is_headline(" ".join(["word"] * 30))
    assert not is_headline("   ")


def test_view_maps_spans_back_onto_the_headline() -> None:
    text = "Boko Haram Beheads Woodcutters, Burns Down Houses In Borno"
    view, back = past_tense_view(text)
    assert view == "Boko Haram beheaded Woodcutters, burned Houses In Borno"
    a = view.index("beheaded")
    assert text[slice(*back(a, a + len("beheaded")))] == "Beheads"
    a = view.index("burned")
    assert text[slice(*back(a, a + len("burned")))] == "Burns Down"
    a = view.index("Borno")
    assert text[slice(*back(a, a + 5))] == "Borno"
    # a span over both a rewritten and a plain word covers both as written
    assert text[slice(*back(0, view.index(" Woodcutters")))] == "Boko Haram Beheads"


@given(st.lists(st.sampled_from(["Gunmen", "kill", "slain", "burn down", "In", "Kano", "seize", "arms", "12", ","]),
                min_size=1, max_size=12))
def test_view_spans_stay_inside_the_text(words: list[str]) -> None:
    text = " ".join(words)
    view, back = past_tense_view(text)
    for a in range(len(view) + 1):
        for b in range(a, min(len(view), a + 12) + 1):
            s, e = back(a, b)
            assert 0 <= s <= e <= len(text)


@pytest.mark.parametrize(
    ("headline", "verb", "event_type"),
    [
        ("Village chief slain in Camarines Norte town", "slain", "Violence against civilians"),
        ("Maoists burn 6 road construction vehicles in Jharkhand", "burn", "Strategic developments"),
        ("Taliban Blow Up Bridge on Kabul-Jalalabad Road", "Blow Up", "Explosions/Remote violence"),
        ("Houthis shell Marib populated areas", "shell", "Explosions/Remote violence"),
        ("Taliban captures Charkh district in Logar province", "captures", "Battles"),
        ("Yemen southern separatists 'storm stadium, prevent football match'", "storm", "Battles"),
    ],
)
def test_headline_verbs_type_the_event_with_evidence_as_written(headline: str, verb: str, event_type: str) -> None:
    evs = events_of(headline)
    assert len(evs) == 1
    ev = evs[0]
    assert ev.event_type == event_type
    s, e = ev.evidence["event_type"]
    assert headline[s:e] == verb
    assert ev.event_date == PUBLISHED.isoformat()  # no date words: the publication date, as for any report
    assert ev.context["date_basis"] == "publication"


@pytest.mark.parametrize(
    "headline",
    [
        "Iraq PM vows revenge",
        "Afghan media highlights 4 Jun 21",
        "Terrorism Digest: 7-8 Jun 21",
        "Police seize arms in Kano",  # a seizure of arms is no territory taken
        "Voting starts in West Bengal, Assam polls",
        "Former minister dies at 90",  # 'dies' tells an incident only as 'dies in ...'
    ],
)
def test_headlines_without_an_incident_yield_none(headline: str) -> None:
    assert events_of(headline) == []


def test_sentences_are_not_read_as_headlines() -> None:
    # the same words as a sentence: the sentence rules alone decide (no present-tense reading)
    assert events_of("Volunteer slain in Narathiwat.") == []
    assert has_incident_verb("Volunteer slain in Narathiwat")
    assert not has_incident_verb("Volunteer slain in Narathiwat.")
    assert classify_headline("Volunteer slain in Narathiwat.") is None


def test_actor_home_country_is_a_mention_hint() -> None:
    ev = events_of("Boko Haram Kills 12 In Rann")[0]
    assert ev.context["country_hint"] == "NG"
    assert ev.context["country_basis"] == "actor"
    # a country the text names wins over the group's home country
    ev = events_of("Boko Haram Kills 12 In Cameroon Village")[0]
    assert ev.context["country_hint"] == "CM"
    assert ev.context["country_basis"] != "actor"
    # report sentences keep their rules: no home-country hint (ACLED notes, GTD summaries)
    ev = events_of("Boko Haram fighters killed 12 people in Rann.")[0]
    assert ev.context["country_basis"] != "actor"
    hit = actor_country("Suspected Al-Shabaab fighters ambush convoy", 100)
    assert hit is not None and hit[0] == "SO" and hit[2] >= 100
    assert actor_country("Gunmen kill 12 in village") is None


def test_actor_countries_table_names_known_actors_and_countries() -> None:
    with resources.files("eventcoder.data").joinpath("actors.csv").open(encoding="utf-8") as fh:
        actors = {r["actor"] for r in csv.DictReader(fh)}
    rows = group_areas()  # session 9: the one list dedupe reads too; a row without home gives no hint
    assert rows
    for r in rows:
        assert r.actor in actors or not r.home, r.actor
        assert r.countries and all(country_by_iso(iso) is not None for iso in r.countries), r
    with resources.files("eventcoder.data").joinpath("headline_country_words.csv").open(encoding="utf-8") as fh:
        words = list(csv.DictReader(fh))
    assert words
    for r in words:
        assert None not in r, r
        assert r["word"].strip() == r["word"] and country_by_iso(r["iso2"]) is not None, r


def _events_on(text: str, published: dt.date) -> list:
    doc = Document.from_text(text, doc_id="h", source="wire", source_type="news", published=published, title=text)
    settings = Settings()
    return extract(doc, segment(doc, settings), settings)


@pytest.mark.parametrize(
    ("headline", "published", "date", "said"),
    [
        # a weekday in a headline is the last such day on or before the citation date, as in an article
        ("Mali: three MSF workers abducted Tuesday in central Mali", dt.date(2021, 2, 25), "2021-02-23", "Tuesday"),
        ("ISIS claims responsibility for Saturday's attack at Iraq's oilfield", dt.date(2021, 4, 18),
         "2021-04-17", "Saturday"),
        # "early Jan. 3": the day is told; "early" no longer reads the month alone (the 1st)
        ("CAR: Assailants attack Bangassou early Jan. 3", dt.date(2021, 1, 3), "2021-01-03", "Jan. 3"),
        ("Yemen: Explosion reported in front of Al Qasr Hotel, Aden, early April 26", dt.date(2021, 4, 26),
         "2021-04-26", "April 26"),
    ],
)
def test_headline_date_words_read_against_the_citation_date(
    headline: str, published: dt.date, date: str, said: str
) -> None:
    ev = _events_on(headline, published)[0]
    assert ev.event_date == date
    s, e = ev.evidence["event_date"]
    assert headline[s:e] == said


def test_long_unpunctuated_notes_are_not_headlines() -> None:
    # ACLED notes sometimes lack the final full stop; at 17+ words they are read as sentences
    note = "6 LI and TTP militants killed while 2 others hurt in air strikes by jets over the Tirah valley on Friday"
    assert len(note.split()) > 16
    assert not is_headline(note)
    assert is_headline("Four TTP militants killed in Tirah")


@pytest.mark.parametrize(
    ("headline", "iso"),
    [
        ("8 civilians injured in grenade attack in J&K's Pulwama", "IN"),
        ("Militants throw grenade on CRPF", "IN"),
        ("7 KDF Officers Killed in Bomb Attack", "KE"),
        ("Pak anti-terrorism official shot dead", "PK"),
    ],
)
def test_force_acronyms_and_shorthand_give_a_country_hint(headline: str, iso: str) -> None:
    ev = events_of(headline)[0]
    assert ev.context["country_hint"] == iso
    assert ev.context["country_basis"] == "actor"


def test_shorthand_is_matched_as_written() -> None:
    assert actor_country("Soldiers pak up and leave") is None  # case matters
    assert actor_country("BANANA republic") is None  # inside a word: no "ANA"
    hit = actor_country("Grenade hurled at CRPF in Rainawari", 7)
    assert hit is not None and hit[:2] == ("IN", "CRPF") and hit[2] == 7 + len("Grenade hurled at ")


# ---- review (session 7): a group's home country is no scene ----


def _placed(headline: str, gaz: object) -> object:
    from eventcoder.stages.geocode import geocode

    doc = Document.from_text(
        headline, doc_id="h", source="wire", source_type="news", published=PUBLISHED, title=headline
    )
    settings = Settings()
    [ev] = geocode(doc, extract(doc, segment(doc, settings), settings), settings, gaz)  # type: ignore[arg-type]
    return ev


@pytest.fixture(scope="module")
def sahel_gaz(tmp_path_factory: pytest.TempPathFactory) -> object:
    from eventcoder.gazetteer.build import build_from_files
    from eventcoder.gazetteer.index import Gazetteer

    tmp = tmp_path_factory.mktemp("sahel")
    csv_path = tmp / "p.csv"
    csv_path.write_text(
        "name,alt_names,country,admin1,admin2,lat,lon,feature,population,source_id\n"
        "Bosso,,NE,Diffa,Bosso,13.70,13.31,town,12000,t:1\n"
        "Bosso,,NG,Niger,Bosso,9.65,6.52,town,2000,t:2\n"
        "Rann,,NG,Borno,Kala/Balge,12.29,14.47,town,5000,t:3\n"
        "Mandera,,KE,Mandera,Mandera East,3.94,41.86,town,30000,t:4\n"
        "Sderot,,IL,Southern District,,31.52,34.60,town,27000,t:5\n",
        encoding="utf-8",
    )
    build_from_files(tmp / "g.sqlite3", [csv_path])
    return Gazetteer.open(tmp / "g.sqlite3")


def test_group_active_in_several_countries_forces_no_country(sahel_gaz: object) -> None:
    from eventcoder.extraction.headlines import group_countries

    assert group_countries("Boko Haram kills 5 in Bosso")[:1] == ("NG",)
    assert {"CM", "NE", "TD"} <= set(group_countries("Boko Haram kills 5 in Bosso"))
    assert group_countries("Gunmen kill 5 in Bosso") == ()
    # Bosso of Niger (Diffa), where Boko Haram fights, is not displaced by Nigeria's smaller namesake
    assert _placed("Boko Haram kills 5 in Bosso", sahel_gaz).iso == "NE"  # type: ignore[attr-defined]
    # a single-country home still ranks namesakes and places a town only it has
    assert _placed("Boko Haram Kills 12 In Rann", sahel_gaz).iso == "NG"  # type: ignore[attr-defined]
    # Al Shabaab in Kenya's Mandera: the place decides
    assert _placed("Al Shabaab kills 3 in Mandera", sahel_gaz).iso == "KE"  # type: ignore[attr-defined]
    # a place the index lacks (Cameroon's Fotokol): no country rather than the home country's centre
    ev = _placed("Boko Haram kills 9 in Fotokol", sahel_gaz)
    assert ev.country is None and ev.latitude is None  # type: ignore[attr-defined]
    assert "several" in ev.context["geo_reason"]  # type: ignore[attr-defined]
    # a group with one listed country and no place: its home country, as before
    assert _placed("Taliban kill 7 policemen", sahel_gaz).iso == "AF"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "headline",
    [
        "Hamas rockets hit Sderot",
        "Hamas anti-tank missile hits IDF bus",
        "Houthi drone targets Abha airport",
        "Hezbollah shells Israeli positions",
    ],
)
def test_fire_from_afar_gives_no_home_country(headline: str) -> None:
    assert actor_country(headline) is None
    for ev in events_of(headline):
        assert ev.context.get("country_basis") != "actor", headline


def test_rockets_land_where_the_text_says(sahel_gaz: object) -> None:
    assert _placed("Hamas rockets hit Sderot", sahel_gaz).iso == "IL"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "headline",
    [
        "Police deny killing protesters",
        "Taliban deny attacking convoy",
        "Boko Haram threatens to attack Abuja",
        "Taliban says it will not attack schools",
        "Taliban leader vows to fight on",
        "Kenya to withdraw troops from Somalia",
        "Boko Haram video shows kidnapped girls",
        "Slain Police Officer Buried at Jayapura",
        "Thousands mourn slain journalist",
        "Man sentenced to death for killing 7 in Kano",
        "Court jails 5 over 2019 church attack",
    ],
)
def test_headlines_that_deny_threaten_show_or_mourn_yield_no_incident(headline: str) -> None:
    assert events_of(headline) == [], headline


@pytest.mark.parametrize(
    "headline",
    [
        "Mourners killed as gunmen attack funeral in Kabul",
        "Troops fire at funeral as Myanmar mourns bloodiest day since coup",
        "IS images show raid on barracks in Borno",
        "Gunmen kill 5, police deny negligence",
        "Gunmen kill 3 in Kano; suspect charged",
        "Taliban vow revenge after attack kills 12",
        "Buhari Mourns Gulak, As Police Say Assassins Killed",
    ],
)
def test_an_incident_told_beside_a_denial_or_mourning_stays(headline: str) -> None:
    assert not tells_no_incident(headline)
    assert events_of(headline), headline


def test_sentences_keep_their_rules_beside_denials() -> None:
    # the frame is read on one-line headlines only: a report sentence keeps the sentence rules
    assert not tells_no_incident("Police denied killing protesters in Kano on Monday.")
