"""Events as data frames: pandas, polars and Arrow, built straight from the dataclass fields.

    import eventcoder
    from eventcoder.frames import to_pandas, to_arrow, to_polars

    events = eventcoder.extract(text, published="2017-01-05")
    df = to_pandas(events)            # one row per event, SCHEMA.md columns in order
    table = to_arrow(events)          # pyarrow.Table with typed columns (no CSV round trip)

Column types: ints are nullable int64, coordinates/confidence float64, booleans bool, ``doc_ids`` a
list of strings, ``evidence`` a map from field name to ``[start, end]`` (Arrow ``map<string,
list<int64>>``; in pandas a ``dict`` per row). pandas, polars and pyarrow are imported lazily.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from eventcoder.records import EVENT_FIELDS, Event

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

_INT = {"time_precision", "geo_precision", "killed", "wounded", "killed_or_wounded", "vehicles_destroyed"}
_FLOAT = {"latitude", "longitude", "confidence"}
_BOOL = {"territory_change", "claimed"}


def arrow_schema() -> pa.Schema:
    """The Arrow schema of an events table (SCHEMA.md field order)."""
    import pyarrow as pa

    fields = []
    for name in EVENT_FIELDS:
        if name in _INT:
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
    return pa.schema(fields)


def _columns(events: Iterable[Event]) -> dict[str, list[Any]]:
    cols: dict[str, list[Any]] = {name: [] for name in EVENT_FIELDS}
    for ev in events:
        for name in EVENT_FIELDS:
            v = getattr(ev, name)
            if name == "evidence":
                v = [(k, [int(s[0]), int(s[1])]) for k, s in (v or {}).items()]
            elif name == "doc_ids":
                v = list(v)
            cols[name].append(v)
    return cols


def to_arrow(events: Iterable[Event]) -> pa.Table:
    """A pyarrow Table, one row per event, typed columns from the dataclass fields."""
    import pyarrow as pa

    schema = arrow_schema()
    cols = _columns(events)
    arrays = [pa.array(cols[f.name], type=f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def to_pandas(events: Iterable[Event]) -> pd.DataFrame:
    """A pandas DataFrame, SCHEMA.md columns in order; nullable ints stay ints (``Int64``)."""
    import pandas as pd

    cols = _columns(events)
    data: dict[str, Any] = {}
    for name in EVENT_FIELDS:
        values = cols[name]
        if name in _INT:
            data[name] = pd.array(values, dtype="Int64")
        elif name in _FLOAT:
            data[name] = pd.array([float("nan") if v is None else v for v in values], dtype="float64")
        elif name in _BOOL:
            data[name] = pd.array(values, dtype="bool")
        elif name == "evidence":
            data[name] = pd.Series([dict(v) for v in values], dtype="object")
        else:
            data[name] = pd.Series(values, dtype="object")
    return pd.DataFrame(data, columns=list(EVENT_FIELDS))


def to_polars(events: Iterable[Event]) -> pl.DataFrame:
    """A polars DataFrame (from the Arrow table, zero-copy where polars allows)."""
    import polars as pl

    df = pl.from_arrow(to_arrow(events))
    assert isinstance(df, pl.DataFrame)
    return df


def from_arrow(table: pa.Table) -> list[Event]:
    """Events back from an Arrow table written by ``to_arrow`` (e.g. a Parquet export)."""
    out = []
    for row in table.to_pylist():
        row["evidence"] = {k: list(v) for k, v in (row.get("evidence") or [])}
        out.append(Event.from_dict(row))
    return out
