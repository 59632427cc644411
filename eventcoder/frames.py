"""Events as data frames and tables: pandas, polars and Arrow, with the same columns as the exports.

    import eventcoder
    from eventcoder.frames import to_pandas, to_arrow, to_polars, from_arrow

    events = eventcoder.extract(text, published="2017-01-05")
    df = to_pandas(events)            # one row per event: SCHEMA.md columns in order, then CONTEXT_COLUMNS
    table = to_arrow(events)          # pyarrow.Table with typed columns (no CSV round trip)
    again = from_arrow(table)         # Events back, Event.context holding the context columns' facts
    same = [from_record(json.loads(line)) for line in open("events.jsonl")]   # from a jsonl export
    same = [from_record(row) for row in csv.DictReader(open("events.csv"))]  # or a csv export (typed back)

Columns: exactly those of the jsonl / csv / parquet / geojson exports (docs/exports.md): the schema fields
(``EVENT_FIELDS``), then ``CONTEXT_COLUMNS``, the analyst-facing facts kept in ``Event.context``. This
module holds the one list and its types; ``stages/export.py`` imports them from here. Pass
``context=False`` for the schema fields only.

Column types: ``event_date`` a date in Arrow, polars and Parquet (``date32``; session 11) and ``YYYY-MM-DD`` text
in pandas, jsonl and csv; ints are nullable int64, coordinates/confidence float64, booleans bool, ``doc_ids`` a
list of strings, ``evidence`` a map from field name to ``[start, end]`` (Arrow ``map<string,
list<int64>>``; in pandas a ``dict`` per row). Context columns: ``responsibility_claimed`` nullable
bool (pandas ``boolean``), the series totals and their own incident counts nullable int64,
``series_incidents_at_least`` nullable bool (true or null), ``attacker_names`` list<string>, ``sources``
list<struct> (in pandas a list of dicts), ``date_basis``/``review_status``/``geo_reason``/the series qualifiers strings.
pandas, polars and pyarrow are imported lazily.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from eventcoder.records import EVENT_FIELDS, Event

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

_INT = {"time_precision", "geo_precision", "killed", "wounded", "killed_or_wounded", "vehicles_destroyed"}
_FLOAT = {"latitude", "longitude", "confidence"}
_BOOL = {"territory_change", "claimed"}

# Analyst-facing facts kept in Event.context, exported after the schema fields (docs/exports.md).
CONTEXT_COLUMNS: tuple[str, ...] = (
    "responsibility_claimed", "series_incidents", "series_killed", "series_wounded",
    "series_incidents_at_least", "series_killed_incidents", "series_wounded_incidents",
    "series_killed_qualifier", "series_wounded_qualifier", "attacker_names", "date_basis", "sources", "review_status",
    "geo_reason",
)
# The keys of one entry of ``sources`` (each merged report's own figures).
SOURCE_KEYS: tuple[str, ...] = ("doc_id", "source", "source_type", "claimed", "killed", "wounded", "killed_or_wounded")
_CTX_INT = {"series_incidents", "series_killed", "series_wounded", "series_killed_incidents", "series_wounded_incidents"}
_CTX_BOOL = {"responsibility_claimed", "series_incidents_at_least"}  # nullable
_CTX_TEXT = {"series_killed_qualifier", "series_wounded_qualifier", "date_basis", "review_status", "geo_reason"}
_SOURCE_INT = {"killed", "wounded", "killed_or_wounded"}
# series_* column -> key of context["series_total"] (extract._series_context): the stated totals and N, always
# present; then what the text says beyond them, each key present only when said ("one of at least nine attacks",
# a field's own N when it differs from the series', a total's qualifier other than exact)
_SERIES = {"series_incidents": "incidents", "series_killed": "killed", "series_wounded": "wounded"}
_SERIES_MORE = {"series_incidents_at_least": "incidents_at_least", "series_killed_incidents": "killed_incidents",
                "series_wounded_incidents": "wounded_incidents", "series_killed_qualifier": "killed_qualifier",
                "series_wounded_qualifier": "wounded_qualifier"}


def _series_value(col: str, v: Any) -> Any:
    if col in _CTX_INT:
        return _int_or_none(v)
    if col in _CTX_BOOL:
        return True if v is True else None  # ("at least N incidents" is only ever said, never denied)
    return str(v) if isinstance(v, str) and v else None


def _int_or_none(v: Any) -> int | None:
    return int(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def context_values(ev: Event) -> dict[str, Any]:
    """The ``CONTEXT_COLUMNS`` of one event, JSON-ready (None when the event does not carry the fact)."""
    ctx = ev.context or {}
    resp = ctx.get("responsibility_claimed")
    series: Mapping[str, Any] = ctx["series_total"] if isinstance(ctx.get("series_total"), Mapping) else {}
    names = ctx.get("attacker_names")
    sources = ctx.get("sources")
    status = ctx.get("_review_status")
    return {
        "responsibility_claimed": resp if isinstance(resp, bool) else None,
        **{col: _int_or_none(series.get(key)) for col, key in _SERIES.items()},
        **{col: _series_value(col, series.get(key)) for col, key in _SERIES_MORE.items()},
        "attacker_names": [str(n) for n in names] if isinstance(names, list | tuple) and names else None,
        "date_basis": str(ctx["date_basis"]) if ctx.get("date_basis") else None,
        "sources": ([{k: (bool(r.get(k)) if k == "claimed" else r.get(k)) for k in SOURCE_KEYS}
                     for r in sources if isinstance(r, Mapping)] or None) if isinstance(sources, list) else None,
        "review_status": str(status) if status else None,
        "geo_reason": str(ctx["geo_reason"]) if ctx.get("geo_reason") else None,
    }


def context_from_values(row: Mapping[str, Any]) -> dict[str, Any]:
    """The inverse of ``context_values``: an ``Event.context`` from a row's context columns (only the
    facts the row carries; stage hints such as place candidates are never exported, so not restored)."""
    ctx: dict[str, Any] = {}
    if isinstance(row.get("responsibility_claimed"), bool):
        ctx["responsibility_claimed"] = row["responsibility_claimed"]
    series = {key: _int_or_none(row.get(col)) for col, key in _SERIES.items()}
    if any(v is not None for v in series.values()):
        more = {key: _series_value(col, row.get(col)) for col, key in _SERIES_MORE.items()}
        ctx["series_total"] = series | {k: v for k, v in more.items() if v is not None}
    if row.get("attacker_names"):
        ctx["attacker_names"] = [str(n) for n in row["attacker_names"]]
    if row.get("date_basis"):
        ctx["date_basis"] = str(row["date_basis"])
    if row.get("sources"):
        ctx["sources"] = [{k: r.get(k) for k in SOURCE_KEYS} for r in row["sources"] if isinstance(r, Mapping)]
    if row.get("review_status"):
        ctx["_review_status"] = str(row["review_status"])
    if row.get("geo_reason"):
        ctx["geo_reason"] = str(row["geo_reason"])
    return ctx


def _context_types() -> dict[str, pa.DataType]:
    import pyarrow as pa

    src = pa.struct([(k, pa.bool_() if k == "claimed" else pa.int64() if k in _SOURCE_INT else pa.string())
                     for k in SOURCE_KEYS])
    return {**{c: pa.bool_() for c in _CTX_BOOL}, **{c: pa.int64() for c in _CTX_INT},
            **{c: pa.string() for c in _CTX_TEXT}, "attacker_names": pa.list_(pa.string()), "sources": pa.list_(src)}


def columns(context: bool = True) -> list[str]:
    """The column names of a table of events (and of the jsonl/csv/parquet exports)."""
    return [*EVENT_FIELDS, *(CONTEXT_COLUMNS if context else ())]


def arrow_schema(context: bool = True) -> pa.Schema:
    """The Arrow schema of an events table: SCHEMA.md fields in order, then the typed ``CONTEXT_COLUMNS``."""
    import pyarrow as pa

    fields = []
    for name in EVENT_FIELDS:
        if name == "event_date":
            t = pa.date32()  # a date, not text (session 11): Parquet readers get dates; csv/jsonl keep YYYY-MM-DD
        elif name in _INT:
            t = pa.int64()
        elif name in _FLOAT:
            t = pa.float64()
        elif name in _BOOL:
            t = pa.bool_()
        elif name == "evidence":
            t = pa.map_(pa.string(), pa.list_(pa.int64()))
        elif name == "doc_ids":
            t = pa.list_(pa.string())
        else:
            t = pa.string()
        fields.append(pa.field(name, t))
    if context:
        types = _context_types()
        fields.extend(pa.field(name, types[name]) for name in CONTEXT_COLUMNS)
    return pa.schema(fields)


def _date(event_id: str, value: str | None) -> dt.date | None:
    """``event_date`` as a date for Arrow: a YYYY-MM-DD that is not a calendar date is an InputError naming the
    event (never written as null: a date the event has is never dropped)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        from eventcoder.errors import InputError

        raise InputError(event_id, f"event_date {value[:40]!r} is not a YYYY-MM-DD date",
                         "correct it (PATCH /api/events/{id} or edit the record) and export again") from None


def _columns(events: Iterable[Event], context: bool = True, arrow: bool = False) -> dict[str, list[Any]]:
    cols: dict[str, list[Any]] = {name: [] for name in columns(context)}
    for ev in events:
        for name in EVENT_FIELDS:
            v = getattr(ev, name)
            if name == "evidence":
                v = [(k, [int(s[0]), int(s[1])]) for k, s in (v or {}).items()]
            elif name == "event_date" and arrow:
                v = _date(ev.event_id, v)
            elif name == "doc_ids":
                v = list(v)
            cols[name].append(v)
        if context:
            for name, v in context_values(ev).items():
                cols[name].append(v)
    return cols


def to_arrow(events: Iterable[Event], context: bool = True) -> pa.Table:
    """A pyarrow Table, one row per event: typed schema fields, then the context columns (as in a Parquet
    export; ``context=False`` leaves them out)."""
    import pyarrow as pa

    schema = arrow_schema(context)
    cols = _columns(events, context, arrow=True)
    arrays = [pa.array(cols[f.name], type=f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def to_pandas(events: Iterable[Event], context: bool = True) -> pd.DataFrame:
    """A pandas DataFrame: SCHEMA.md columns in order, then the context columns; nullable ints stay ints
    (``Int64``), ``responsibility_claimed`` is a nullable ``boolean``."""
    import pandas as pd

    cols = _columns(events, context)
    data: dict[str, Any] = {}
    for name, values in cols.items():
        if name in _INT or name in _CTX_INT:
            data[name] = pd.array(values, dtype="Int64")
        elif name in _FLOAT:
            data[name] = pd.array([float("nan") if v is None else v for v in values], dtype="float64")
        elif name in _BOOL:
            data[name] = pd.array(values, dtype="bool")
        elif name in _CTX_BOOL:
            data[name] = pd.array(values, dtype="boolean")
        elif name == "evidence":
            data[name] = pd.Series([dict(v) for v in values], dtype="object")
        else:
            data[name] = pd.Series(values, dtype="object")
    return pd.DataFrame(data, columns=list(cols))


def to_polars(events: Iterable[Event], context: bool = True) -> pl.DataFrame:
    """A polars DataFrame (from the Arrow table, zero-copy where polars allows), the same columns."""
    import polars as pl

    df = pl.from_arrow(to_arrow(events, context))
    assert isinstance(df, pl.DataFrame)
    return df


def from_record(row: Mapping[str, Any]) -> Event:
    """One Event from an exported record (a line of a jsonl export, a row of a csv export as
    ``csv.DictReader`` gives it, a GeoJSON feature or its properties, a row of ``to_arrow(...).to_pylist()``):
    the schema fields, typed, and ``Event.context`` from the context columns.
    A feature's Point fills latitude/longitude when its properties lack them. Raises InputError for a
    FeatureCollection (pass each of its features) or a record without an ``event_id``."""
    from eventcoder.errors import InputError

    if row.get("type") == "FeatureCollection":
        raise InputError("from_record", "a GeoJSON FeatureCollection, not one event record",
                         "pass each of its 'features': [from_record(f) for f in data['features']]")
    if row.get("type") == "Feature" and isinstance(row.get("properties"), Mapping | None):
        props = dict(row.get("properties") or {})
        geom = row.get("geometry")
        coords = geom.get("coordinates") if isinstance(geom, Mapping) and geom.get("type") == "Point" else None
        if isinstance(coords, list | tuple) and len(coords) >= 2:
            if props.get("longitude") is None and props.get("latitude") is None:
                props["longitude"], props["latitude"] = float(coords[0]), float(coords[1])
        if not props.get("event_id") and row.get("id"):
            props["event_id"] = str(row["id"])
        row = props
    if not row.get("event_id"):
        raise InputError("from_record", "no event_id: not an exported event record",
                         "pass a line of a jsonl export, a GeoJSON feature, or a row of to_arrow(...).to_pylist()")
    row = _typed(row)
    ev = Event.from_dict(row)
    ctx = context_from_values(row)
    return ev.replace(context=ctx) if ctx else ev


@functools.cache
def _nullable_text() -> frozenset[str]:
    """Event's text fields that default to None (read once: ``_typed`` runs for every row of a csv export)."""
    import dataclasses

    return frozenset({f.name for f in dataclasses.fields(Event) if f.default is None} - _INT - _FLOAT)


def _typed(row: Mapping[str, Any]) -> dict[str, Any]:
    """A csv export row (every value a string; lists and mappings as JSON text; None as '') with the types a
    jsonl line has; values that are not strings are left as they are."""
    import json

    nullable = _nullable_text()
    out = dict(row)
    if isinstance(row.get("event_date"), dt.date):  # from Arrow/Parquet (date32): the schema's YYYY-MM-DD text
        out["event_date"] = row["event_date"].isoformat()
    for k, v in row.items():
        if not isinstance(v, str):
            continue
        try:
            if k in _INT or k in _CTX_INT:
                number = float(v) if v.strip() else None
                if number is not None and not number.is_integer():  # ('5.5' was read as 5)
                    raise ValueError("not a whole number")
                out[k] = int(number) if number is not None else None
            elif k in _FLOAT:
                out[k] = float(v) if v.strip() else (0.0 if k == "confidence" else None)
            elif k in _BOOL or k in _CTX_BOOL:
                low = v.strip().lower()
                if low and low not in ("true", "1", "yes", "false", "0", "no"):  # ('maybe' was read as False)
                    raise ValueError("not true or false")
                out[k] = True if low in ("true", "1", "yes") else False if low or k in _BOOL else None
            elif k in ("evidence", "doc_ids", "attacker_names", "sources"):
                out[k] = json.loads(v) if v.strip() else ({} if k == "evidence" else [] if k == "doc_ids" else None)
            elif (k in nullable or k in _CTX_TEXT) and not v:
                out[k] = None
        except ValueError as exc:
            from eventcoder.errors import InputError

            raise InputError("from_record", f"{k}: cannot read {v[:40]!r} ({exc})",
                             "pass a row as the csv export writes it") from None
    return out


def from_arrow(table: pa.Table) -> list[Event]:
    """Events back from an Arrow table written by ``to_arrow`` or read from a Parquet export
    (``pyarrow.parquet.read_table``): the schema fields, and ``Event.context`` rebuilt from the context
    columns when the table has them (``context_values(ev)`` is the same as before the round trip)."""
    out = []
    for row in table.to_pylist():
        row["evidence"] = {k: list(v) for k, v in (row.get("evidence") or [])}
        out.append(from_record(row))
    return out
