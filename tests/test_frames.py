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
