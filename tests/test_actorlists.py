"""data/actor_countries.csv is the one list of where armed groups fight (session 9, actorlists): headlines and the
geocoder read its home/also_active columns, dedupe its names/anywhere columns (before, dedupe.json held a second
list that disagreed with it for seven groups)."""

from __future__ import annotations

import csv
from importlib import resources

from eventcoder.datafiles import ANYWHERE, group_areas, group_names
from eventcoder.extraction.headlines import actor_country, group_countries
from eventcoder.stages.dedupe import _actor_countries, load_config


def test_table_has_no_stray_column() -> None:
    text = resources.files("eventcoder.data").joinpath("actor_countries.csv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    rows = list(csv.reader(lines))
    assert rows[0] == ["actor", "iso2", "also_active", "anywhere", "names", "notes"]
    assert all(len(r) == len(rows[0]) for r in rows), [r for r in rows if len(r) != len(rows[0])]


def test_dedupe_reads_the_one_list() -> None:
    assert "actor_countries" not in load_config()  # no second copy
    names = group_names()
    assert names["taliban"] == {"AF", "PK"}  # the Afghan Taliban and the TTP ('Pakistani Taliban')
    assert names["maoists"] == {"IN", "NP"}
    assert ANYWHERE in names["islamic state"] and ANYWHERE in names["al qaeda"]
    assert ANYWHERE not in names["aqap"]
    keys = list(names)  # a prefix match takes the longer name
    assert keys.index("al qaeda in the arabian peninsula") < keys.index("al qaeda")
    table = _actor_countries()
    assert set(table) == set(names)
    assert table["al qaeda in the arabian peninsula"] == {"yemen", "saudi arabia"}
    assert "*" in table["isis"] and "pakistan" in table["isis"]


def test_headline_hints_read_home_rows_only() -> None:
    homes = [g for g in group_areas() if g.home]
    assert {g.actor for g in homes} >= {"Boko Haram", "Al Shabaab", "Taliban"}
    assert all(g.names for g in group_areas() if not g.home)  # a row without a home is there for dedupe
    # the countries the two lists disagreed on, now one: Al Shabaab's Ethiopia, the Houthis' Saudi Arabia
    assert group_countries("Al Shabaab fighters attacked a base in Bari") == ("SO", "KE", "ET")
    assert "SA" in group_countries("Houthi fighters attacked a border post")
    hit = actor_country("Suspected Al-Shabaab fighters ambush convoy")
    assert hit is not None and hit[0] == "SO"
    assert actor_country("Islamic State claims attack on a checkpoint") is None  # no home country: no hint
