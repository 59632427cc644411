"""Session 12 (ui), against a real `eventcoder serve` process: GET /api/places lists a town once when two sources
of the index give it (GeoNames' town and Who's On First's locality a few km apart: Tikrit and "Tekrit" in the
six-country index), and keeps apart what is not one place."""

from __future__ import annotations

from pathlib import Path

from test_api_support import serve_places

PLACES = """name,alt_names,country,admin1,admin2,lat,lon,feature,population,source_id
Tell Sabun,,SY,Aleppo,Sabun District,36.5000,37.9000,town,5200,gn:990001
Tal Saboun,Tell Sabun,SY,Aleppo,Saboun,36.5200,37.9100,locality,0,wof:990002
Tell Sabun,,SY,Aleppo,Sabun District,36.5300,37.9400,village,300,gn:990003
Tell Sabun,,SY,Idlib,Harim District,36.5100,37.8700,locality,0,wof:990004
Tell Sabun,,SY,Aleppo,Sabun District,36.9000,37.9000,locality,0,wof:990006
Tell Sabun,,IQ,Nineveh,,36.5050,37.9050,village,0,wof:990007
"""


def test_places_lists_a_town_given_by_two_sources_once(tmp_path: Path) -> None:
    with serve_places(tmp_path, PLACES) as c:
        r = c.get("/api/places", params={"name": "Tell Sabun"})
        assert r.status_code == 200, r.text
        ids = [p["gazetteer_id"] for p in r.json()]
        # wof:990002 is the town itself (2.4 km, another source): gone. Kept: a village of the same source 3.5 km
        # away (gn:990003), the namesake in another province (wof:990004) or 44 km off (wof:990006), and the point
        # in another country (its coordinates are made up, as a mistyped country's would be)
        assert "wof:990002" not in ids, ids
        assert sorted(ids) == sorted(["geonames:990001", "geonames:990003", "wof:990004", "wof:990006",
                                      "wof:990007"]), ids
        assert ids[0] == "geonames:990001"  # the town (most populous) stands for both
        # the limit counts the places shown, not the duplicates left out
        two = c.get("/api/places", params={"name": "Tell Sabun", "limit": 2}).json()
        assert [p["gazetteer_id"] for p in two] == ids[:2]
        # asked in one country the same
        sy = [p["gazetteer_id"] for p in c.get("/api/places", params={"name": "Tell Sabun", "iso": "sy"}).json()]
        assert sy == [i for i in ids if i != "wof:990007"]


def test_the_pages_country_numbers_name_every_shape_of_its_base_map() -> None:
    """The review page warns when a map pick lies outside the event's country (session 12): it finds the base
    map's shape holding the point and reads the shape's ISO 3166 number as ISO2 from static/country_numbers.json
    (made from the registry data's country table). Every shape must be named, or a pick there says nothing."""
    import json

    from eventcoder.api.app import STATIC_DIR

    codes = json.loads((STATIC_DIR / "country_numbers.json").read_text(encoding="utf-8"))
    topo = json.loads((STATIC_DIR / "vendor" / "world-atlas" / "countries-50m.json").read_text(encoding="utf-8"))
    shapes = topo["objects"]["countries"]["geometries"]
    unnamed = [g["properties"]["name"] for g in shapes
               if g.get("id") not in codes["by_number"] and g["properties"]["name"] not in codes["by_name"]]
    assert unnamed == ["Indian Ocean Ter.", "Siachen Glacier"], unnamed  # no ISO country of their own
    assert codes["by_number"]["368"] == ["IQ", "Iraq"] and codes["by_number"]["760"] == ["SY", "Syria"]
    assert codes["by_name"]["Somaliland"][0] == "SO"
    iso2 = {v[0] for v in codes["by_number"].values()}
    assert len(iso2) == len(codes["by_number"])  # one shape number per country
