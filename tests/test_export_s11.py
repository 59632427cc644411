"""Session 11 export defects (ui):

2. ``context["geo_reason"]`` (why the geocoder chose the place, shown by the API and the review page) was in no
   export: it is a context column of the csv / parquet / geojson / jsonl exports, never of the ACLED layout.
3. A Parquet export's ``event_date`` was text: it is a Parquet date, read back as dates by pyarrow, pandas, polars
   and DuckDB; the csv export keeps ``YYYY-MM-DD`` text, and a Parquet export still round-trips to the same events.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from eventcoder.errors import InputError
from eventcoder.records import Event
from eventcoder.stages.export import ACLED_COLUMNS, export

REASON = "the village in the phrase, nearest the other places of the report"
A = Event(event_id="ev:a", event_date="2016-02-29", time_precision=1, country="Nigeria", iso="NG", admin1="Borno",
          location="Kawuri", latitude=11.9, longitude=13.4, geo_precision=1, event_type="Battles",
          source="Desk", source_type="news", context={"geo_reason": REASON, "geo_method": "exact"})
B = Event(event_id="ev:b", event_date="2019-12-31", country="Yemen", iso="YE", latitude=15.3, longitude=44.2,
          source="Desk", source_type="news")  # no reason recorded
C = Event(event_id="ev:c", source="Desk", source_type="news")  # no date, no place


def test_geo_reason_is_a_column_of_csv_parquet_geojson_and_jsonl_but_not_acled(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    export([A, B], "csv", tmp_path / "e.csv")
    with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["geo_reason"] for r in rows] == [REASON, ""]

    export([A, B], "parquet", tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    assert str(table.schema.field("geo_reason").type) == "string"
    assert table.column("geo_reason").to_pylist() == [REASON, None]

    export([A, B], "geojson", tmp_path / "e.geojson")
    feats = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["geo_reason"] for f in feats] == [REASON, None]

    out = io.StringIO()
    export([A], "jsonl", out)
    assert json.loads(out.getvalue())["geo_reason"] == REASON
    assert "geo_method" not in json.loads(out.getvalue())  # a working note, not exported

    acled = io.StringIO()
    export([A], "acled", acled)
    header = acled.getvalue().lstrip("\ufeff").splitlines()[0].split(",")
    assert header == list(ACLED_COLUMNS) and "geo_reason" not in header
    assert REASON not in acled.getvalue()


def test_geo_reason_read_back_from_each_export_restores_the_context(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from eventcoder.frames import from_arrow, from_record

    export([A], "parquet", tmp_path / "e.parquet")
    [back] = from_arrow(pq.read_table(tmp_path / "e.parquet"))
    assert back.context["geo_reason"] == REASON
    out = io.StringIO()
    export([A], "csv", out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert from_record(row).context["geo_reason"] == REASON


def test_parquet_event_date_is_a_date_for_pyarrow_pandas_polars_and_duckdb(tmp_path: Path) -> None:
    import duckdb
    import pandas as pd
    import polars as pl
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "e.parquet"
    export([A, B, C], "parquet", path)
    assert pq.read_schema(path).field("event_date").type == pa.date32()
    want = [dt.date(2016, 2, 29), dt.date(2019, 12, 31), None]

    df = pd.read_parquet(path)
    assert df["event_date"].tolist()[:2] == want[:2] and df["event_date"].isna().tolist() == [False, False, True]
    assert pd.to_datetime(df["event_date"]).dt.year.tolist()[:2] == [2016, 2019]  # date arithmetic works
    frame = pl.read_parquet(path)
    assert frame.schema["event_date"] == pl.Date
    assert frame["event_date"].to_list() == want
    con = duckdb.connect()
    try:
        got = con.execute("SELECT typeof(event_date), event_date FROM read_parquet(?) ORDER BY event_id",
                          [str(path)]).fetchall()
    finally:
        con.close()
    assert got == [("DATE", want[0]), ("DATE", want[1]), ("DATE", None)]


def test_csv_keeps_the_date_as_text_and_parquet_round_trips_to_the_same_events(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from eventcoder.frames import from_arrow

    out = io.StringIO()
    export([A, B, C], "csv", out)
    assert [r["event_date"] for r in csv.DictReader(io.StringIO(out.getvalue()))] == ["2016-02-29", "2019-12-31", ""]
    export([A, B, C], "parquet", tmp_path / "e.parquet")
    back = from_arrow(pq.read_table(tmp_path / "e.parquet"))
    assert back == [A, B, C]
    assert [e.event_date for e in back] == ["2016-02-29", "2019-12-31", None]  # text again, as the schema has it


def test_a_stored_date_that_is_no_calendar_date_stops_the_parquet_export_naming_the_event(tmp_path: Path) -> None:
    bad = A.replace(event_id="ev:bad", event_date="2017-02-30")
    with pytest.raises(InputError, match=r"ev:bad.*2017-02-30"):
        export([A, bad], "parquet", tmp_path / "e.parquet")
