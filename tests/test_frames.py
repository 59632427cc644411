"""frames.from_record reads back every record shape the exports write: a jsonl line, a GeoJSON feature
(the whole feature or its properties), a row of an Arrow table; and says clearly when a record is not one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventcoder.errors import InputError
from eventcoder.frames import context_values, from_record
from eventcoder.records import Event
from eventcoder.stages.export import export

EV = Event(
    event_id="ev:geo1", event_date="2017-01-02", time_precision=1, country="Iraq", iso="IQ", admin1="Nineveh",
    location="Mosul", latitude=36.335, longitude=43.1189, geo_precision=1, event_type="Battles",
    sub_event_type="Armed clash", actor1="Islamic State", actor2="Military Forces of Iraq", killed=5,
    casualty_qualifier="at_least", claimed=True, source="Example roundup", source_type="claim",
    evidence={"killed": [10, 11], "location": [20, 25]}, doc_ids=("doc:a", "doc:b"), confidence=0.7,
    context={"responsibility_claimed": True, "series_total": {"incidents": 3, "killed": 9, "wounded": None},
             "date_basis": "stated", "_review_status": "approved",
             "sources": [{"doc_id": "doc:a", "source": "Wire", "source_type": "news", "claimed": False,
                          "killed": 5, "wounded": None, "killed_or_wounded": None}]},
)
NO_COORDS = EV.replace(event_id="ev:geo2", latitude=None, longitude=None, geo_precision=None)


def _features(tmp_path: Path) -> list[dict]:
    out = tmp_path / "e.geojson"
    res = export([EV, NO_COORDS], "geojson", out)
    assert res.written == 1 and res.skipped == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    return list(data["features"])


def test_from_record_reads_a_geojson_feature_and_its_properties(tmp_path: Path) -> None:
    (feat,) = _features(tmp_path)
    for rec in (feat, feat["properties"]):
        ev = from_record(rec)
        assert ev == EV  # every schema field, coordinates included
        assert context_values(ev) == context_values(EV)
        assert ev.evidence == {"killed": [10, 11], "location": [20, 25]}


def test_from_record_takes_coordinates_from_the_geometry_when_properties_lack_them(tmp_path: Path) -> None:
    (feat,) = _features(tmp_path)
    props = {k: v for k, v in feat["properties"].items() if k not in ("latitude", "longitude")}
    ev = from_record({**feat, "properties": props})
    assert (ev.latitude, ev.longitude) == (EV.latitude, EV.longitude)
    # the properties win over the geometry when both are there
    moved = {**feat, "geometry": {"type": "Point", "coordinates": [1.0, 2.0]}}
    assert (from_record(moved).latitude, from_record(moved).longitude) == (EV.latitude, EV.longitude)


def test_from_record_reads_a_feature_collection_row_by_row_and_refuses_what_is_not_a_record(tmp_path: Path) -> None:
    feats = _features(tmp_path)
    assert [from_record(f) for f in feats] == [EV]
    with pytest.raises(InputError, match="FeatureCollection"):
        from_record({"type": "FeatureCollection", "features": feats})
    with pytest.raises(InputError, match="event_id"):
        from_record({"type": "Feature", "geometry": None, "properties": {"location": "Mosul"}})
    with pytest.raises(InputError, match="event_id"):
        from_record({"location": "Mosul"})


def test_from_record_reads_a_csv_export_row_with_its_types(tmp_path: Path) -> None:
    """A row of the csv export (csv.DictReader: every value a string, lists as JSON text, None as '') came
    back with killed='5', evidence as text, doc_ids as one string: now typed as from a jsonl line."""
    import csv

    out = tmp_path / "e.csv"
    export([EV, NO_COORDS, Event(event_id="ev:bare")], "csv", out)
    with open(out, encoding="utf-8", newline="") as fh:
        back = [from_record(row) for row in csv.DictReader(fh)]
    assert back == [EV, NO_COORDS, Event(event_id="ev:bare")]
    assert [context_values(e) for e in back] == [context_values(e) for e in (EV, NO_COORDS, Event(event_id="x"))]
    assert back[0].killed == 5 and back[0].doc_ids == ("doc:a", "doc:b") and back[0].claimed is True
    # review U: a value the export never writes is an error naming its column, not quietly another value
    with open(out, encoding="utf-8", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert from_record({**row, "killed": "5.0", "claimed": "FALSE"}).claimed is False
    for column, value in (("claimed", "maybe"), ("killed", "5.5")):  # were read as False and 5
        with pytest.raises(InputError, match=f"{column}: cannot read '{value}'"):
            from_record({**row, column: value})


# -- every field of the record survives each export (session 7) ---------------------------------------
# Every schema field set to a value other than its default, and every analyst-facing fact of Event.context,
# series_total with all the keys extract._series_context can write (session 6 added the last five; they were
# in no export column).
FULL = Event(
    event_id="ev:full", event_date="2017-01-02", time_precision=2, date_text="on Monday", calendar="gregorian",
    country="Iraq", iso="IQ", admin1="Nineveh", admin2="Mosul District", location="Mosul", latitude=36.335,
    longitude=43.1189, geo_precision=2, gazetteer_id="gn:99072", location_text="in Mosul", event_type="Battles",
    sub_event_type="Armed clash", attack_type="Armed Assault", weapon_type="Firearms", weapon_detail="rifles",
    actor1="Islamic State", assoc_actor_1="Unidentified tribe", actor2="Military Forces of Iraq",
    assoc_actor_2="Popular Mobilization Forces", target_type="Military", actor1_text="the group",
    actor2_text="the army", killed=5, wounded=3, killed_or_wounded=8, casualty_qualifier="at_least",
    vehicles_destroyed=2, territory_change=True, claimed=True, source="Example roundup", source_type="claim",
    notes="A note, with \"quotes\", a comma\nand a new line.", evidence={"killed": [10, 11], "location": [20, 25]},
    doc_ids=("doc:a", "doc:b"), confidence=0.73,
    context={"responsibility_claimed": True, "attacker_names": ["Abu Umar"], "date_basis": "offset",
             "_review_status": "rejected", "geo_reason": "the town in the phrase, in the heading's province",
             "series_total": {"incidents": 9, "killed": 21, "wounded": 12, "incidents_at_least": True,
                              "killed_qualifier": "at_least", "wounded_incidents": 3, "killed_incidents": 4,
                              "wounded_qualifier": "approximate"},
             "sources": [{"doc_id": "doc:a", "source": "Wire", "source_type": "news", "claimed": False,
                          "killed": 5, "wounded": None, "killed_or_wounded": 8}]},
)
# The pipeline's working notes, documented as not exported (docs/exports.md)
FULL_WITH_HINTS = FULL.replace(context={**FULL.context, "place_candidates": [{"text": "Mosul"}], "geo_method": "exact",
                                        "region_text": "Ninawa Wilayah", "_merged_into": None})


def _back(fmt: str, path: Path) -> list[Event]:
    import csv

    import pyarrow.parquet as pq

    from eventcoder.frames import from_arrow

    export([FULL_WITH_HINTS], fmt, path)
    if fmt == "parquet":
        return from_arrow(pq.read_table(path))
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as fh:
            return [from_record(row) for row in csv.DictReader(fh)]
    if fmt == "geojson":
        return [from_record(f) for f in json.loads(path.read_text(encoding="utf-8"))["features"]]
    return [from_record(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "geojson"])
def test_every_event_field_round_trips_through_each_export(tmp_path: Path, fmt: str) -> None:
    import dataclasses

    from eventcoder.frames import to_arrow, to_pandas

    (ev,) = _back(fmt, tmp_path / f"e.{fmt}")
    for f in dataclasses.fields(Event):
        if f.name != "context":
            assert getattr(ev, f.name) == getattr(FULL, f.name), f.name
    assert dict(ev.context) == dict(FULL.context)  # every analyst fact, series_total's every key included
    # the Python API's frames carry the same columns and values
    assert to_arrow([ev]).to_pylist() == to_arrow([FULL]).to_pylist()
    assert list(to_pandas([ev]).columns) == list(to_arrow([FULL]).column_names)


def test_series_total_of_a_real_extraction_round_trips_through_each_export(tmp_path: Path) -> None:
    import csv

    import eventcoder
    from eventcoder.frames import to_arrow

    events = eventcoder.extract(
        "On 2 June 2021, gunmen attacked a village in Benue, Nigeria. This was one of at least nine related "
        "attacks in the area. At least 21 people were killed across the attacks.", published="2021-06-02")
    series = events[0].context["series_total"]
    assert series["incidents_at_least"] is True and series["killed_qualifier"] == "at_least"
    out = tmp_path / "e.csv"
    export(events, "csv", out)
    with out.open(encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert (row["series_incidents_at_least"], row["series_killed_qualifier"]) == ("True", "at_least")
    assert from_record(row).context["series_total"] == series
    assert to_arrow(events).to_pylist()[0]["series_incidents_at_least"] is True
