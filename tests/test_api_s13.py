"""Session 13 (ui), against a real `eventcoder serve` process: place search lists the places whose own name is the
one asked for before those found only by an alternate name (the registry data gives North Pole, Alaska, the
alternate "bei ji", whose name key is Baiji's, so searching "Baiji" listed it above Baiji District)."""

from __future__ import annotations

from pathlib import Path

from test_api_support import serve_places

PLACES = """name,alt_names,country,admin1,admin2,lat,lon,feature,population,source_id
Kerbaza,,IQ,Kirkuk,Kerbaza District,35.2000,44.1000,town,4100,gn:991001
Frost Landing,ker baza|Frostlanding,US,Alaska,,64.7000,-147.3000,village,9000,gn:991003
"""


def test_place_search_lists_own_names_before_alternate_names(tmp_path: Path) -> None:
    with serve_places(tmp_path, PLACES) as c:
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


# A roundup of our own words: the first incident names no place of its own, so the place is the heading's province
HEADED = ("Weekly summary of operations\n\nKirkuk Wilayah:\nOn the 3rd of the month, fighters attacked an army post "
          "with machine guns and killed 4 soldiers.\n")
HEADED_SPEC = dict(event_date="2017-01-03", country="Iraq", iso="IQ", admin1="Kirkuk", location="Kirkuk",
                   latitude=35.47, longitude=44.39, geo_precision=3, event_type="Battles", sub_event_type="Armed clash",
                   killed=4, evidence={"location": "Kirkuk Wilayah", "killed": "4 soldiers",
                                       "notes": "On the 3rd of the month, fighters attacked an army post with "
                                                "machine guns and killed 4 soldiers."})


def test_evidence_in_a_heading_is_marked_as_the_headings(tmp_path: Path) -> None:
    from test_api_support import serve_one_event

    with serve_one_event(tmp_path, HEADED, HEADED_SPEC, {"region_text": "Kirkuk Wilayah", "geo_method": "container"},
                         source="Desk", published="2017-01-05") as (c, ev):
        spans = {sp["field"]: sp for sp in c.get(f"/api/events/{ev.event_id}").json()["evidence"]}
        assert spans["location"]["heading"] is True and spans["location"]["text"] == "Kirkuk Wilayah"
        assert spans["killed"]["heading"] is False and spans["notes"]["heading"] is False


def test_in_heading_tells_a_heading_line_from_a_sentence() -> None:
    from eventcoder.api.places import in_heading

    text = "Kirkuk Wilayah:\nFighters attacked a post near Dibis, killing 4.\nA title without a full stop"
    s = text.index("Dibis")
    assert in_heading(text, 0, 6, None)
    assert not in_heading(text, s, s + 5, None)  # a sentence's line
    assert not in_heading(text, 0, 6, (0, 20))  # inside the incident's own span
    t = text.index("title")
    assert in_heading(text, t, t + 5, None)
    assert not in_heading(text, 5, 200, None)  # a span past the end of the text
