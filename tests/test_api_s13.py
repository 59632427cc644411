"""Session 13 (ui), against a real `eventcoder serve` process: place search lists the places whose own name is the
one asked for before those found only by an alternate name (the registry data gives North Pole, Alaska, the
alternate "bei ji", whose name key is Baiji's, so searching "Baiji" listed it above Baiji District)."""

from __future__ import annotations

from pathlib import Path

from test_api_support import serve_process

PLACES = """name,alt_names,country,admin1,admin2,lat,lon,feature,population,source_id
Kerbaza,,IQ,Kirkuk,Kerbaza District,35.2000,44.1000,town,4100,gn:991001
Frost Landing,ker baza|Frostlanding,US,Alaska,,64.7000,-147.3000,village,9000,gn:991003
"""


def test_place_search_lists_own_names_before_alternate_names(tmp_path: Path) -> None:
    from eventcoder.api.auth import KeyStore
    from eventcoder.gazetteer.build import build_from_files
    from eventcoder.stages.store import Store

    csv = tmp_path / "places.csv"
    csv.write_text(PLACES, encoding="utf-8")
    build_from_files(tmp_path / "gazetteer.sqlite3", [csv])  # the default index of EVENTCODER_HOME
    db = tmp_path / "events.duckdb"
    store = Store(db)
    key = KeyStore(store.con).create("analyst", "ana")[1]
    store.close()
    with serve_process(db, tmp_path, key) as c:
        r = c.get("/api/places", params={"name": "Kerbaza"})
        assert r.status_code == 200, r.text
        ids = [p["gazetteer_id"] for p in r.json()]
        # the town, then its district ("Kerbaza District", made from the town's admin2: Kerbaza without its kind
        # word), then the village abroad known by that name only as an alternate, though it is the more populous
        # settlement
        assert len(ids) == 3 and ids[0] == "geonames:991001" and ids[1].startswith("adm2:IQ:"), ids
        assert ids[2] == "geonames:991003", ids
        # its own name still finds the village first
        r = c.get("/api/places", params={"name": "Frost Landing"})
        assert [p["gazetteer_id"] for p in r.json()] == ["geonames:991003"]

