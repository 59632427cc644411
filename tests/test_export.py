from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from eventcoder.errors import ConfigError
from eventcoder.records import EVENT_FIELDS, Event
from eventcoder.stages.export import (
    ACLED_COLUMNS,
    CONTEXT_COLUMNS,
    acled_fatalities,
    disorder_type,
    export,
    inter_code,
    regions,
)

# The 31 columns of CODEBOOKS.md §1.3, pinned here so the test runs without ../shared.
ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
    "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
)

E1 = Event(
    event_id="ev:1", event_date="2017-01-02", time_precision=1, country="Iraq", iso="IQ", admin1="Nineveh",
    location="Mosul", latitude=36.335, longitude=43.1189, geo_precision=1, event_type="Battles",
    sub_event_type="Armed clash", actor1="Islamic State", actor2="Military Forces of Iraq", killed=5,
    wounded=2, casualty_qualifier="at_least", claimed=True, source="Example roundup", source_type="claim",
    notes="On 2 January 2017, Islamic State clashed with Military Forces of Iraq in Mosul (Nineveh).",
    evidence={"killed": [10, 11]}, doc_ids=("doc:a", "doc:b"), confidence=0.7,
)
E2 = Event(
    event_id="ev:2", event_date="2017-01-03", country="Somalia", iso="SO", event_type="Violence against civilians",
    sub_event_type="Attack", actor1="Al Shabaab", actor2="Civilians (Somalia)", killed_or_wounded=30,
    casualty_qualifier="approximate", source="Wire, with \"quotes\"", notes="Line one\nline two",
)
E3 = Event(event_id="ev:3", event_date="2017-01-04", country="Syria", iso="SY", latitude=35.8, longitude=38.5,
           event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
           actor1="Military Forces of the United States", actor2="Islamic State", casualty_qualifier="vague")


def test_jsonl_is_schema_dicts(tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    res = export([E1, E2], "jsonl", out)
    assert res.written == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert list(rows[0]) == [*EVENT_FIELDS, *CONTEXT_COLUMNS]  # the schema fields first, in order
    assert {k: rows[0][k] for k in EVENT_FIELDS} == E1.to_dict()
    assert all(rows[0][k] is None for k in CONTEXT_COLUMNS)  # E1 carries no context: null, never guessed
    assert Event.from_dict(rows[1]) == E2


def test_csv_schema_columns_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    export([E1, E2], "csv", out)
    with out.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == [*EVENT_FIELDS, *CONTEXT_COLUMNS]
    assert json.loads(rows[0]["doc_ids"]) == ["doc:a", "doc:b"]
    assert json.loads(rows[0]["evidence"]) == {"killed": [10, 11]}
    assert rows[1]["notes"] == "Line one\nline two" and rows[1]["source"] == 'Wire, with "quotes"'
    assert rows[1]["killed"] == ""


def test_acled_layout_bom_and_values(tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    export([E1, E2, E3], "acled", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == ACLED_HEADER
    assert ",".join(ACLED_COLUMNS) == ACLED_HEADER and len(ACLED_COLUMNS) == 31
    rows = list(csv.DictReader(io.StringIO(text)))
    r1, r2, r3 = rows
    assert r1["event_id_cnty"].startswith("IRQ") and r1["event_id_cnty"][3:].isdigit()
    assert r2["event_id_cnty"].startswith("SOM")
    assert r1["year"] == "2017" and r1["iso"] == "368" and r1["region"] == "Middle East"
    assert r1["disorder_type"] == "Political violence"
    assert (r1["inter1"], r1["inter2"], r1["interaction"]) == ("Rebel group", "State forces",
                                                               "State forces-Rebel group")
    assert r1["fatalities"] == "5"
    assert r1["latitude"] == "36.3350" and r1["longitude"] == "43.1189"
    assert r2["civilian_targeting"] == "Civilians targeted" and r2["interaction"] == "Rebel group-Civilians"
    assert r2["fatalities"] == "0"  # combined killed-and-wounded figure: not counted (ACLED counts deaths only)
    assert r2["region"] == "Eastern Africa" and r2["iso"] == "706"
    assert r3["inter1"] == "External/Other forces"  # US forces acting in Syria
    assert r3["fatalities"] == "0"
    assert int(r1["timestamp"]) > 1_600_000_000


def test_acled_loads_with_pandas_like_acled_code(tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "acled.csv"
    export([E1, E2, E3], "acled", out)
    df = pd.read_csv(out)
    assert list(df.columns) == ACLED_HEADER.split(",")
    assert df["fatalities"].tolist() == [5, 0, 0]
    assert df["event_date"].tolist() == ["2017-01-02", "2017-01-03", "2017-01-04"]


def test_acled_ids_stable_and_unique() -> None:
    a, b = io.StringIO(), io.StringIO()
    export([E1, E2, E3], "acled", a)
    export([E3, E1], "acled", b)
    ids_a = {r["event_id_cnty"] for r in csv.DictReader(io.StringIO(a.getvalue().lstrip("\ufeff")))}
    ids_b = {r["event_id_cnty"] for r in csv.DictReader(io.StringIO(b.getvalue().lstrip("\ufeff")))}
    assert len(ids_a) == 3 and ids_b <= ids_a


def test_fatality_rule() -> None:
    assert acled_fatalities(Event(killed=7, casualty_qualifier="at_least")) == 7
    assert acled_fatalities(Event(killed=None, casualty_qualifier="vague")) == 0
    assert acled_fatalities(Event(killed_or_wounded=150, casualty_qualifier="approximate")) == 0
    assert acled_fatalities(Event()) == 0


def test_inter_and_disorder_rules() -> None:
    assert inter_code("Military Forces of Iraq (Counter-Terrorism Service)", "Iraq") == 1
    assert inter_code("Military Forces of Iraq", "Syria") == 8
    assert inter_code("Unidentified Armed Group (Nigeria)", "Nigeria") == 3
    assert inter_code("Civilians (Iraq)") == 7
    assert inter_code("Some Group Nobody Knows") is None
    assert disorder_type("Protests", "Peaceful protest") == "Demonstrations"
    assert disorder_type("Protests", "Excessive force against protesters") == "Political violence; Demonstrations"
    assert disorder_type("Strategic developments", "Arrests") == "Strategic developments"
    assert disorder_type(None, None) == ""
    assert regions()["NG"]["iso3"] == "NGA"


def test_geojson_skips_events_without_coordinates(tmp_path: Path) -> None:
    out = tmp_path / "e.geojson"
    res = export([E1, E2, E3], "geojson", out)
    assert (res.written, res.skipped) == (2, 1)
    fc = json.loads(out.read_text())
    assert fc["type"] == "FeatureCollection"
    assert [f["geometry"]["coordinates"] for f in fc["features"]] == [[43.1189, 36.335], [38.5, 35.8]]
    assert fc["features"][0]["properties"]["event_id"] == "ev:1"
    empty = tmp_path / "none.geojson"
    export([], "geojson", empty)
    assert json.loads(empty.read_text())["features"] == []


def test_parquet_round_trip(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from eventcoder.frames import from_arrow

    out = tmp_path / "e.parquet"
    res = export([E1, E2, E3], "parquet", out)
    assert res.written == 3
    table = pq.read_table(out)
    assert table.column_names == [*EVENT_FIELDS, *CONTEXT_COLUMNS]
    assert from_arrow(table) == [E1, E2, E3]
    export([], "parquet", tmp_path / "empty.parquet")
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0
    with pytest.raises(ConfigError, match="-o"):
        export([E1], "parquet", None)


def test_unknown_format() -> None:
    with pytest.raises(ConfigError, match="jsonl"):
        export([E1], "xml", None)


def test_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    export([E1], "jsonl", None)
    row = json.loads(capsys.readouterr().out)
    assert {k: row[k] for k in EVENT_FIELDS} == E1.to_dict()


# An event as the store gives it back after extraction and dedupe: facts an analyst needs in its context.
E4 = E1.replace(event_id="ev:4", context={
    "responsibility_claimed": False, "series_total": {"incidents": 5, "killed": 12, "wounded": None},
    "attacker_names": ["Abu Umar al-Iraqi"], "date_basis": "publication", "place_candidates": [{"text": "Mosul"}],
    "geo_reason": "exact name match", "_review_status": "approved", "_merged_into": None,
    "sources": [{"doc_id": "doc:a", "source": "Wire", "source_type": "news", "claimed": False, "killed": 5,
                 "wounded": 2, "killed_or_wounded": None, "extra": "not exported"},
                {"doc_id": "doc:b", "source": "Amaq", "source_type": "claim", "claimed": True, "killed": 40,
                 "wounded": None, "killed_or_wounded": None}],
})
E4_CONTEXT = {
    "responsibility_claimed": False, "series_incidents": 5, "series_killed": 12, "series_wounded": None,
    "series_incidents_at_least": None, "series_killed_incidents": None, "series_wounded_incidents": None,
    "series_killed_qualifier": None, "series_wounded_qualifier": None, "attacker_names": ["Abu Umar al-Iraqi"], "date_basis": "publication", "review_status": "approved",
    "geo_reason": "exact name match",
    "sources": [{"doc_id": "doc:a", "source": "Wire", "source_type": "news", "claimed": False, "killed": 5,
                 "wounded": 2, "killed_or_wounded": None},
                {"doc_id": "doc:b", "source": "Amaq", "source_type": "claim", "claimed": True, "killed": 40,
                 "wounded": None, "killed_or_wounded": None}],
}


def test_context_columns_in_jsonl_geojson_csv_and_parquet_not_acled(tmp_path: Path) -> None:
    """responsibility_claimed, the series totals, attacker names, date basis, each source's own figures
    the review status and (session 11) geo_reason reach every format of ours with the same names; stage hints
    (place candidates) and the store's private keys do not; the ACLED layout stays exactly ACLED's."""
    import pyarrow.parquet as pq

    export([E4], "jsonl", tmp_path / "e.jsonl")
    row = json.loads((tmp_path / "e.jsonl").read_text(encoding="utf-8"))
    assert {k: row[k] for k in CONTEXT_COLUMNS} == E4_CONTEXT
    assert not {"place_candidates", "_review_status", "context"} & set(row)

    export([E4], "geojson", tmp_path / "e.geojson")
    props = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))["features"][0]["properties"]
    assert {k: props[k] for k in CONTEXT_COLUMNS} == E4_CONTEXT

    export([E4, E2], "csv", tmp_path / "e.csv")
    with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["responsibility_claimed"] == "False" and rows[0]["claimed"] == "True"  # same spelling
    assert (rows[0]["series_incidents"], rows[0]["series_killed"], rows[0]["series_wounded"]) == ("5", "12", "")
    assert json.loads(rows[0]["attacker_names"]) == ["Abu Umar al-Iraqi"]
    assert json.loads(rows[0]["sources"]) == E4_CONTEXT["sources"]
    assert (rows[0]["date_basis"], rows[0]["review_status"]) == ("publication", "approved")
    assert all(rows[1][k] == "" for k in CONTEXT_COLUMNS)

    export([E4, E2], "parquet", tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    got = table.select(list(CONTEXT_COLUMNS)).to_pylist()
    assert got[0] == E4_CONTEXT and all(v is None for v in got[1].values())
    assert str(table.schema.field("series_killed").type) == "int64"
    assert str(table.schema.field("responsibility_claimed").type) == "bool"

    out = io.StringIO()
    export([E4], "acled", out)
    assert out.getvalue().lstrip("\ufeff").splitlines()[0] == ACLED_HEADER


def test_context_columns_from_a_store_after_extraction_and_dedupe(tmp_path: Path) -> None:
    """End to end: two reports of one bombing (one says a group claimed it) stored and merged by dedupe;
    `eventcoder export` writes the merged event with its sources and responsibility_claimed."""
    from click.testing import CliRunner

    from eventcoder.cli import main

    docs = tmp_path / "docs.jsonl"
    docs.write_text("\n".join(json.dumps(d) for d in [
        {"id": "w1", "published": "2017-03-02", "source": "Wire A", "source_type": "news",
         "text": "MOGADISHU, March 1, 2017: A car bomb exploded at a market in Mogadishu, Somalia on Wednesday, "
                 "killing 12 people and wounding 20, police said. Al Shabaab claimed responsibility for the attack."},
        {"id": "w2", "published": "2017-03-02", "source": "Wire B", "source_type": "news",
         "text": "A car bomb killed at least 15 people at a busy market in Mogadishu, Somalia on Wednesday "
                 "1 March 2017, a police officer said."},
    ]) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    res = CliRunner().invoke(main, ["run", str(docs), "--db", str(db), "-q"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "jsonl", "-o", str(tmp_path / "e.jsonl")])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 1, rows  # one incident
    row = rows[0]
    assert sorted(row["doc_ids"]) == ["w1", "w2"]
    assert sorted((s["doc_id"], s["killed"]) for s in row["sources"]) == [("w1", 12), ("w2", 15)]
    assert row["responsibility_claimed"] is True and row["review_status"] == "proposed"
    assert row["date_basis"] == "stated"


def test_python_api_frames_carry_the_export_columns_and_parquet_round_trip_restores_context(tmp_path: Path) -> None:
    """One column list: to_arrow/to_pandas/to_polars have exactly the columns (and Arrow types) of a Parquet
    export, and a Parquet export read back through frames.from_arrow gives each event's context facts back."""
    import pyarrow.parquet as pq

    from eventcoder.frames import (
        arrow_schema,
        context_values,
        from_arrow,
        to_arrow,
        to_pandas,
        to_polars,
    )

    events = [E4, E2, E1]
    export(events, "parquet", tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.schema.equals(to_arrow(events).schema) and table.schema.equals(arrow_schema())
    assert to_arrow(events).to_pylist() == table.to_pylist()

    back = from_arrow(table)
    assert back == events  # the schema fields
    assert [context_values(ev) for ev in back] == [E4_CONTEXT, *(context_values(ev) for ev in events[1:])]
    assert back[0].context["series_total"] == {"incidents": 5, "killed": 12, "wounded": None}
    assert back[0].context["_review_status"] == "approved" and back[0].context["responsibility_claimed"] is False
    assert "place_candidates" not in back[0].context  # stage hints are not exported, so not restored
    assert back[1].context == {} and back[2].context == {}
    # a second trip writes the same file contents
    export(back, "parquet", tmp_path / "again.parquet")
    assert pq.read_table(tmp_path / "again.parquet").equals(table)

    df = to_pandas(events)
    assert list(df.columns) == [*EVENT_FIELDS, *CONTEXT_COLUMNS]
    assert str(df["responsibility_claimed"].dtype) == "boolean" and not df["responsibility_claimed"].iloc[0]
    assert df["responsibility_claimed"].isna().iloc[1]
    assert str(df["series_killed"].dtype) == "Int64" and df["series_killed"].iloc[0] == 12
    assert df["sources"].iloc[0] == E4_CONTEXT["sources"] and df["sources"].iloc[1] is None
    assert df["review_status"].iloc[0] == "approved"
    # the same values as a jsonl export, column by column
    export(events, "jsonl", tmp_path / "e.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [{k: r[k] for k in CONTEXT_COLUMNS} for r in rows] == table.select(list(CONTEXT_COLUMNS)).to_pylist()
    from eventcoder.frames import from_record

    from_jsonl = [from_record(r) for r in rows]  # a jsonl export reads back the same way
    assert from_jsonl == events and [context_values(e) for e in from_jsonl] == [context_values(e) for e in back]
    assert to_polars(events).columns == [*EVENT_FIELDS, *CONTEXT_COLUMNS]
    assert to_arrow(events, context=False).column_names == list(EVENT_FIELDS)
    assert list(to_pandas(events, context=False).columns) == list(EVENT_FIELDS)
    assert from_arrow(to_arrow(events, context=False))[0].context == {}  # schema-only tables still read


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "acled", "geojson", "parquet"])
def test_an_output_that_cannot_be_written_is_a_config_error_naming_it(tmp_path: Path, fmt: str) -> None:
    """`export -o` to a path that cannot be opened for writing ended in a traceback (the OSError of
    ``_open_text`` went through, session 9): it is now a ConfigError naming the path and what to do."""
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    for out in (blocker / "sub" / "e.out", folder):  # its folder is a file (cannot be made); a folder itself
        with pytest.raises(ConfigError) as err:
            export([E1], fmt, out)
        msg = str(err.value)
        assert msg.startswith(f"{out}: cannot write") and "\n" not in msg
        assert "give -o" in msg
    assert blocker.read_text(encoding="utf-8") == "x"
