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
# the same names in two lists, at other places and in other provinces
ROWS_A = """Kafr Nabudah,,SY,Hama,As-Suqaylabiyah District,35.44,36.39,village,0,x:1
Tall Bazzam,,SY,Hama,Hama District,35.10,36.70,village,0,x:2
Hama,,SY,Hama,Hama District,35.13,36.75,city,700000,x:3
Qaryat Nayrab,,SY,Aleppo,Jabal Sim'an District,36.18,37.22,village,0,x:4
Aleppo,,SY,Aleppo,Jabal Sim'an District,36.20,37.16,city,2000000,x:5
"""
ROWS_B = """Kafr Nabudah,,SY,Idlib,Maarrat an-Nu'man District,35.60,36.50,village,0,y:1
Tall Bazzam,,SY,Idlib,Idlib District,35.90,36.60,village,0,y:2
Idlib,,SY,Idlib,Idlib District,35.93,36.63,city,160000,y:3
Qaryat Nayrab,,SY,Idlib,Idlib District,35.85,36.70,village,0,y:4
"""


def _index(tmp: Path, name: str, rows: str) -> Gazetteer:
    f = tmp / f"{name}.csv"
    f.write_text(HEADER + rows, encoding="utf-8")
    build_from_files(tmp / f"{name}.sqlite3", [f])
    return Gazetteer.open(tmp / f"{name}.sqlite3", build_if_missing=False)


def test_two_indexes_in_one_process_keep_their_own_answers(tmp_path: Path) -> None:
    a, b = _index(tmp_path, "a", ROWS_A), _index(tmp_path, "b", ROWS_B)
    ra, rb = Resolver(a), Resolver(b)
    for _round in range(2):  # the second round answers from the caches the first one filled
        # exact names, and the consonant skeleton (Nayreb = Qaryat Nayrab) in the country
        for text in ("Kafr Nabudah", "Kafr Nabuda", "Tall Bazzam", "Tal Bazam", "Nayreb"):
            ga, gb = ra.resolve(text, country="SY"), rb.resolve(text, country="SY")
            assert ga is not None and gb is not None, text
            assert (ga.place.source, gb.place.source) == ("a", "b"), text
            assert (ga.weak, gb.weak) == ((True, True) if text == "Nayreb" else (False, False)), text
        # spelling variants within a province (the province key pools of _keys_for) and past a generic head
        for text, in_a in (("Kafr Nabuta", "Hama"), ("Nayreb", "Aleppo")):
            pa = ra.resolve(text, country="SY", admin1=in_a)
            pb = rb.resolve(text, country="SY", admin1="Idlib")
            assert pa is not None and pa.place.admin1 == in_a and pa.method == "fuzzy", text
            assert pb is not None and pb.place.admin1 == "Idlib" and pb.method == "fuzzy", text
            other = ra.resolve(text, country="SY", admin1="Idlib")  # index a has no Idlib: never b's place
            assert other is None or (other.place.source, other.place.admin1) == ("a", in_a), text
    a.close()
    b.close()


def test_province_key_pools_are_the_per_province_query(tmp_path: Path) -> None:
    g = _index(tmp_path, "a", ROWS_A + ROWS_B.replace("y:", "z:"))
    con = sqlite3.connect(tmp_path / "a.sqlite3")
    for admin1 in ("Hama", "Idlib", "Aleppo", "Nowhere"):
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
