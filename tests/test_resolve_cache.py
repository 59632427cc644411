"""The resolver's caches and fast paths (session 7, docs/benchmarks.md "session 7: resolver"): each gives the
answer the uncached computation gives, and nothing cached for one index answers for another."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.gazetteer.build import build_from_files
from eventcoder.gazetteer.index import Gazetteer, haversine_km
from eventcoder.gazetteer.normalize import name_key
from eventcoder.gazetteer.resolve import DocContext, Resolver, _listed_skeleton, _skeleton, skeleton

HEADER = "name,alt_names,country,admin1,admin2,lat,lon,feature,population,source_id\n"
# two lists of one country and the same provinces, with other names: a key pool or skeleton pool of one index
# answering for the other would miss the other's names
ROWS_A = """Kafr Nabudah,,SY,Idlib,Maarrat an-Nu'man District,35.60,36.50,village,0,x:1
Qaryat Nayrab,,SY,Aleppo,Jabal Sim'an District,36.18,37.22,village,0,x:2
Idlib,,SY,Idlib,Idlib District,35.93,36.63,city,160000,x:3
Aleppo,,SY,Aleppo,Jabal Sim'an District,36.20,37.16,city,2000000,x:4
"""
ROWS_B = """Kafr Nubl,,SY,Idlib,Kafr Nabl District,35.61,36.56,village,0,y:1
Nayrib,,SY,Aleppo,Jabal Sim'an District,36.10,37.30,village,0,y:2
Idlib,,SY,Idlib,Idlib District,35.93,36.63,city,160000,y:3
Aleppo,,SY,Aleppo,Jabal Sim'an District,36.20,37.16,city,2000000,y:4
"""


def _index(tmp: Path, name: str, rows: str) -> Gazetteer:
    f = tmp / f"{name}.csv"
    f.write_text(HEADER + rows, encoding="utf-8")
    build_from_files(tmp / f"{name}.sqlite3", [f])
    return Gazetteer.open(tmp / f"{name}.sqlite3", build_if_missing=False)


def test_two_indexes_in_one_process_keep_their_own_answers(tmp_path: Path) -> None:
    a, b = _index(tmp_path, "a", ROWS_A), _index(tmp_path, "b", ROWS_B)
    ra, rb = Resolver(a), Resolver(b)
    cases = [
        # a spelling variant within a province (the province key pools of _keys_for), past the generic head "Kafr"
        (ra, "Kafr Nabuta", "Idlib", "Kafr Nabudah", "a", False),
        (rb, "Kafr Nubal", "Idlib", "Kafr Nubl", "b", False),
        # the same consonants in the country (the skeleton pools of one country and first letter)
        (ra, "Nayreb", None, "Qaryat Nayrab", "a", True),
        (rb, "Nayreb", None, "Nayrib", "b", True),
    ]
    for _round in range(2):  # the second round answers from the caches the first one filled
        for r, text, admin1, want, source, weak in cases:
            got = r.resolve(text, country="SY", admin1=admin1)
            assert got is not None and got.method == "fuzzy", (text, source)
            assert (got.place.name, got.place.source, got.weak) == (want, source, weak), (text, source)
    # each index's variant finds nothing in the other
    assert rb.resolve("Kafr Nabuta", country="SY", admin1="Idlib") is None
    assert ra.resolve("Kafr Nubal", country="SY", admin1="Idlib") is None
    a.close()
    b.close()


def test_province_key_pools_are_the_per_province_query(tmp_path: Path) -> None:
    g = _index(tmp_path, "a", ROWS_A + ROWS_B.replace("y:", "z:"))
    con = sqlite3.connect(tmp_path / "a.sqlite3")
    for admin1 in ("Idlib", "Aleppo", "Nowhere"):
        old = [k for (k,) in con.execute("SELECT DISTINCT n.key FROM names n JOIN places p ON p.id = n.place "
                                         "WHERE n.country = ? AND p.admin1 = ?", ("SY", admin1))]  # fmt: skip
        assert g._keys_for("SY", admin1) == old, admin1
        assert (admin1 == "Nowhere") == (not old)
    assert g._keys_for("SY") == [k for (k,) in con.execute("SELECT DISTINCT key FROM names WHERE country = 'SY'")]
    con.close()
    g.close()


_WORDS = st.sampled_from(["Tibarat", "Tabarah", "as", "Sakhana", "Qaryat", "Qariyat", "Kafr", "Nabudah", "al",
                          "Deir", "ez", "Zor", "Qal'ah-ye", "Rostam", "Bin", "Umm", "Hajjeh", "Al-Bu", "Kamal",
                          "Tall", "'Afar", "Dayr", "Hafir", "Mosul", "Kābul", "Ḩalab", "حلب", "ـ", "Nur-Zai"])  # fmt: skip


@given(st.lists(_WORDS, min_size=1, max_size=4), st.sampled_from([" ", "-", ", ", " - "]))
@settings(max_examples=300, deadline=None)
def test_listed_skeleton_is_the_skeleton(words: list[str], sep: str) -> None:
    name = sep.join(words)
    assert _listed_skeleton(name_key(name), name) == skeleton(name) == _skeleton(name)


@given(st.lists(st.tuples(st.floats(-89, 89), st.floats(-179, 179)), min_size=1, max_size=6),
       st.lists(st.tuples(st.floats(-89, 89), st.floats(-179, 179)), min_size=1, max_size=6))  # fmt: skip
@settings(max_examples=100, deadline=None)
def test_nearest_km_is_the_minimum_haversine_and_follows_new_points(
    first: list[tuple[float, float]], more: list[tuple[float, float]]
) -> None:
    ctx = DocContext()
    for lat, lon in first:
        ctx.points.append((lat, lon))
    probe = more[0]
    assert ctx.nearest_km(*probe) == min(haversine_km(*probe, a, b) for a, b in ctx.points)
    for lat, lon in more[1:]:
        ctx.points.append((lat, lon))  # a point added after a query: the memo must not answer for the old points
        assert ctx.nearest_km(*probe) == min(haversine_km(*probe, a, b) for a, b in ctx.points)
    assert ctx.nearest_km(*probe) == pytest.approx(0.0, abs=1e-9) or probe not in ctx.points
