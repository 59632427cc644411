"""data/countries.csv (names as ACLED spells them, aliases, nationality adjectives) and
data/country_word_guards.csv (contexts where a country word is no country), through their readers:
places.find_countries / find_headings and actors' "<adjective> army|police" rows."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import eventcoder
from eventcoder.extraction.actors import _nationality
from eventcoder.extraction.places import countries, find_countries, find_headings

DATA = Path(eventcoder.__file__).parent / "data"


def _isos(text: str) -> list[tuple[str, str]]:
    return [(written, iso) for _s, _e, written, iso in find_countries(text)]


def _force(text: str) -> str | None:
    rx, rows = _nationality()
    m = rx.search(text)
    if not m:
        return None
    mil, pol = rows[m.group("adj").lower()]
    return (pol if m.group("pol") else mil).actor


def test_table_is_well_formed() -> None:
    with open(DATA / "countries.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    isos = [r["iso"] for r in rows]
    assert len(isos) == len(set(isos)), "one row per ISO code"
    assert all(re.fullmatch(r"[A-Z]{2}", i) for i in isos)
    assert len(rows) >= 193  # every UN member state, plus observers and territories
    words: dict[str, str] = {}
    for c in countries():
        for w in (*c.names, *c.adjectives):
            assert w == w.strip() and w, c.iso
            # a word belongs to one country: a second one would silently take it over in find_countries
            assert words.setdefault(w.lower(), c.iso) == c.iso, (w, c.iso, words[w.lower()])


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Clashes in Ivory Coast left 3 dead", "CI"),
        ("Clashes in Côte d'Ivoire left 3 dead", "CI"),
        ("Clashes in Cote d’Ivoire left 3 dead", "CI"),
        ("Protest in Johannesburg, South Africa", "ZA"),
        ("Fighting in Burma's Shan state", "MM"),
        ("Rebels in DR Congo attacked", "CD"),
        ("Rebels in Congo-Kinshasa attacked", "CD"),
        ("Troops of the Democratic Republic of the Congo", "CD"),
        ("Protest in Brazzaville, Republic of Congo", "CG"),
        ("Protest in Congo-Brazzaville", "CG"),
        ("Police in Swaziland fired", "SZ"),
        ("Police in Eswatini fired", "SZ"),
        ("Strike in Vietnam", "VN"),
        ("Attack in Papua New Guinea", "PG"),
        ("Attack in Equatorial Guinea", "GQ"),
        ("Attack in Guinea-Bissau", "GW"),
        ("Attack in Conakry, Guinea", "GN"),
        ("Protest in Pristina, Kosovo", "XK"),
        ("Raid in the Palestinian Territories", "PS"),
        ("Protest in Taipei, Taiwan", "TW"),
        ("Protest in Hong Kong", "HK"),
        ("Camp in Western Sahara", "EH"),
        ("Riot in San Juan, Puerto Rico", "PR"),
        ("Protest in Dublin, Ireland", "IE"),
        ("Blast in Tbilisi, Georgia", "GE"),
        ("Shelling in South Sudan", "SS"),
    ],
)
def test_names_and_aliases(text: str, iso: str) -> None:
    assert [i for _w, i in _isos(text)] == [iso]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Ivorian soldiers were deployed", "Military Forces of Ivory Coast"),
        ("Ivorian troops fired", "Military Forces of Ivory Coast"),
        ("Burkinabe army attacked", "Military Forces of Burkina Faso"),
        ("Congolese army attacked", "Military Forces of Democratic Republic of Congo"),  # documented: DRC's
        ("Sudanese army attacked", "Military Forces of Sudan"),
        ("South Sudanese army attacked", "Military Forces of South Sudan"),
        ("Guinean police dispersed", "Police Forces of Guinea"),
        ("Equatorial Guinean police dispersed", "Police Forces of Equatorial Guinea"),
        ("Papua New Guinean police dispersed", "Police Forces of Papua New Guinea"),
        ("Bissau-Guinean army attacked", "Military Forces of Guinea-Bissau"),
        ("Dominican police dispersed", "Police Forces of Dominican Republic"),
        ("North Korean troops fired", "Military Forces of North Korea"),
        ("South Korean police dispersed", "Police Forces of South Korea"),
        ("Swazi police dispersed", "Police Forces of eSwatini"),
        ("Vietnamese army attacked", "Military Forces of Vietnam"),
        ("South African police dispersed", "Police Forces of South Africa"),
        ("Georgian police dispersed", "Police Forces of Georgia"),
    ],
)
def test_adjectives_name_the_force(text: str, actor: str) -> None:
    assert _force(text) == actor


def test_korean_and_congo_adjectives_are_not_guessed() -> None:
    # bare 'Korean' names neither Korea; 'Congolese' is the DRC's (ACLED's far larger Congo), never the Republic's;
    # bare 'Congo' is left to the gazetteer (GeoNames' Congo is the Republic; tests/test_geocode.py)
    assert _force("Korean troops fired") is None
    assert [c.iso for c in countries() if "congolese" in (a.lower() for a in c.adjectives)] == ["CD"]
    assert not [c for c in countries() if "korean" in (a.lower() for a in c.adjectives)]
    assert not [c for c in countries() if "congo" in (n.lower() for n in c.names)]


@pytest.mark.parametrize(
    "text",
    [
        "Chad Smith said the convoy was hit",
        "Jordan Peterson said nothing",
        "Water was drawn from the Jordan River",
        "Pirates boarded a tanker in the Gulf of Guinea",
        "A bomb exploded in Londonderry, Northern Ireland",
        "The New Irish Republican Army claimed the attack",
        "A shooting in Acworth, Georgia, United States",
        "Chinese-made rifles were seized",
        "Turkish-made drones struck",
        "Fighting in Niger State",
        "Militants in the Niger Delta",
        "Protest in Hohhot, Inner Mongolia",
        "a car bomb exploded",
        "the guinea worm",
    ],
)
def test_refused_risky_words(text: str) -> None:
    assert _isos(text) == [] or all(iso == "US" for _w, iso in _isos(text))


def test_guards_keep_the_country_itself() -> None:
    assert [i for _w, i in _isos("Soldiers in Chad said 12 were killed")] == ["TD"]
    assert [i for _w, i in _isos("Chad Army Kills 20 Boko Haram Fighters")] == ["TD"]
    assert [i for _w, i in _isos("King Abdullah of Jordan said")] == ["JO"]
    assert [i for _w, i in _isos("Jordan, a US ally, said")] == ["JO"]
    assert [i for _w, i in _isos("Attack in Conakry, Guinea")] == ["GN"]


def test_guard_table_names_known_words_and_compiles() -> None:
    with open(DATA / "country_word_guards.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    known = {w.lower() for c in countries() for w in (*c.names, *c.adjectives)}
    for r in rows:
        assert r["word"].lower() in known, r["word"]
        assert r["not_before"] or r["not_after"], r["word"]
        for k in ("not_before", "not_after"):
            if r[k]:
                re.compile(r[k])
        assert r["why"], r["word"]


def test_new_country_heading() -> None:
    text = "Ivory Coast\nGunmen attacked a checkpoint in Tehini.\n"
    hs = find_headings(text)
    assert [(h.kind, h.iso) for h in hs] == [("country", "CI")]
