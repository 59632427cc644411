"""Stage 7, export: events -> jsonl / csv / acled / parquet / geojson files. (owner: core)

    from eventcoder.stages.export import export
    result = export(store.iter_events(), "acled", "events.csv")   # ExportResult(written=.., skipped=..)

All writers stream: events are written as they come, never collected in memory (Parquet in batches).

Formats
  jsonl    one JSON object per line, exactly the SCHEMA.md field names in order (``Event.to_dict()``)
  csv      the same fields as columns; ``evidence`` and ``doc_ids`` as JSON text
  acled    exactly the 31 columns of a current ACLED export (CODEBOOKS.md §1.3), in ACLED's order,
           UTF-8 with BOM, so existing ACLED code loads it unchanged (see the rules below)
  parquet  the same columns with Arrow types (``frames.arrow_schema()``); ``event_date`` is a date (date32), not
           text, so pandas/polars/DuckDB read dates; needs ``-o FILE``
  geojson  a FeatureCollection of Points; events without coordinates are skipped (counted in
           ``ExportResult.skipped`` and reported on stderr by the CLI)

Context columns (jsonl, csv, parquet, geojson properties; not acled, whose layout stays ACLED's 31 columns)
  After the schema fields, the facts an analyst reads that live in ``Event.context`` rather than in a
  schema field (``CONTEXT_COLUMNS``, defined in ``eventcoder/frames.py`` with their types, so the Python
  API's to_pandas/to_arrow carry the same columns; null/blank when the event does not carry them):
  responsibility_claimed  true: the text says a group claimed the attack (GTD's ``claimed``); false: it
                          says no one did; null: silent. Not the schema's ``claimed`` (figures from the
                          perpetrator's own claim).
  series_incidents, series_killed, series_wounded
                          a total stated for a series of N incidents ("the 5 attacks killed 12"), of which
                          this event holds the even share; null when the figures are the event's own
  series_incidents_at_least, series_killed_incidents, series_wounded_incidents, series_killed_qualifier,
  series_wounded_qualifier
                          the rest of ``context["series_total"]``: true for "one of at least N attacks", a
                          total's own N when it differs, a total's qualifier when not exact; null otherwise
  attacker_names          names of attackers given in the text (e.g. a suicide bomber's kunya), a list
  date_basis              stated (the text dates the incident) / inherited (from a heading or the incident
                          it continues) / offset (the inherited day moved by "two days later", "the following
                          day") / publication (the report's own date, given or read from a wire dateline:
                          the incident may be a day or two earlier)
  sources                 a merged event (dedupe): each source's own figures and claim flag, a list of
                          {doc_id, source, source_type, claimed, killed, wounded, killed_or_wounded}
  review_status           proposed / approved / rejected (exports from a store; null from ``extract``)
  geo_reason              why the geocoder chose the place (``context["geo_reason"]``, as the review page and the
                          API show it), or who corrected it and what it was; null when none was recorded
  In csv the two lists are JSON text (as ``doc_ids``); in parquet they are typed (list<string>,
  list<struct>).

ACLED column rules
  event_id_cnty  ISO 3166-1 alpha-3 of the event's country + a number derived from ``event_id``
                 (stable across exports; bumped by one on the rare collision). ``XXX`` when unknown.
  year           from ``event_date``
  disorder_type  from ``event_type``: Battles / Explosions/Remote violence / Violence against civilians /
                 Riots (Mob violence) -> "Political violence"; Protests and Riots (Violent
                 demonstration) -> "Demonstrations"; Protests (Excessive force against protesters) ->
                 "Political violence; Demonstrations"; Strategic developments -> "Strategic developments"
  inter1/inter2  ACLED actor category as text ("State forces", "Rebel group", ...): exact actor names
                 from ``data/actors.csv`` (its ``inter`` column), else the prefix rules of
                 ``data/inter_codes.csv``; "Military Forces of X"/"Police Forces of X" acting outside X
                 are "External/Other forces". Unknown actors stay blank (never guessed).
  interaction    "<lower category>-<higher category>" ordered by code, "<category> only" with one actor
  civilian_targeting  "Civilians targeted" when actor2 is civilians, else blank
  iso            ISO 3166-1 numeric (ACLED's ``iso`` column is numeric), from ``data/acled_regions.csv``
  region         ACLED region from ``data/acled_regions.csv``
  admin3, source_scale, tags   blank (not extracted; never invented)
  fatalities     ACLED's conservative rule (§1.6), applied to what the text states:
                   * ``killed`` when a death toll is stated (the lowest figure: "at least 7" -> 7,
                     "approximately 30" -> 30, "more than 10" -> 10); suicide bombers are included
                     because extraction counts them in ``killed``;
                   * a combined "killed and wounded" figure is NOT counted (ACLED does not count
                     injuries and the share of deaths is unknown) -> 0;
                   * vague words with no number ("dozens", "several") leave ``killed`` null -> 0;
                     we do not turn words into numbers the text does not give;
                   * no figure, or only "casualties" -> 0.
  timestamp      unix time of the export (ACLED: when the row last changed)
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from eventcoder.datafiles import data_rows
from eventcoder.errors import ConfigError
from eventcoder.frames import CONTEXT_COLUMNS, context_values  # the one list, shared with the Python API
from eventcoder.records import EVENT_FIELDS, Event

FORMATS = ("jsonl", "csv", "acled", "parquet", "geojson")

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

INTER_LABELS = {
    1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia", 5: "Rioters",
    6: "Protesters", 7: "Civilians", 8: "External/Other forces",
}


def export_dict(ev: Event) -> dict[str, Any]:
    """One exported record (jsonl, geojson properties): the schema fields, then ``CONTEXT_COLUMNS``."""
    return {**ev.to_dict(), **context_values(ev)}


@dataclass
class ExportResult:
    written: int = 0
    skipped: int = 0  # geojson: events without coordinates
    path: str | None = None


# -- data files -------------------------------------------------------------------------------------
_data_rows = data_rows


@lru_cache(maxsize=1)
def regions() -> dict[str, dict[str, str]]:
    """ISO2 -> {"iso3", "iso_numeric", "region"} from data/acled_regions.csv."""
    return {r["iso"].upper(): r for r in _data_rows("acled_regions.csv")}


@lru_cache(maxsize=1)
def _inter_tables() -> tuple[dict[str, int], list[tuple[str, int]]]:
    exact: dict[str, int] = {}
    prefixes: list[tuple[str, int]] = []
    try:
        for r in _data_rows("actors.csv"):
            name, inter = (r.get("actor") or "").strip(), (r.get("inter") or "").strip()
            if not name or not inter.isdigit():
                continue
            if "{country}" in name:
                prefixes.append((name.split("{country}")[0].rstrip(" ("), int(inter)))
            else:
                exact.setdefault(name.lower(), int(inter))
    except FileNotFoundError:  # actors.csv belongs to the extraction stage; inter_codes.csv suffices
        pass
    for r in _data_rows("inter_codes.csv"):
        if r["match"] == "exact":
            exact.setdefault(r["name"].lower(), int(r["inter"]))
        else:
            prefixes.append((r["name"], int(r["inter"])))
    prefixes.sort(key=lambda p: -len(p[0]))
    return exact, prefixes


def inter_code(actor: str | None, country: str | None = None) -> int | None:
    """ACLED inter code of a normalized actor name, or None when unknown."""
    if not actor:
        return None
    exact, prefixes = _inter_tables()
    code = exact.get(actor.lower())
    if code is None:
        for prefix, c in prefixes:
            if actor.lower().startswith(prefix.lower()):
                code = c
                break
    if code == 1 and country and actor.startswith(("Military Forces of ", "Police Forces of ")):
        state = actor.split(" of ", 1)[1].split(" (", 1)[0].strip().lower().removeprefix("the ")
        if state and state != country.lower().removeprefix("the "):
            code = 8
    return code


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    if not event_type:
        return ""
    if event_type == "Protests":
        if sub_event_type == "Excessive force against protesters":
            return "Political violence; Demonstrations"
        return "Demonstrations"
    if event_type == "Riots":
        return "Political violence" if sub_event_type == "Mob violence" else "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def acled_fatalities(ev: Event) -> int:
    """ACLED's conservative fatality count (see the module docstring)."""
    return int(ev.killed) if ev.killed is not None and ev.killed >= 0 else 0


def _fmt_float(v: float | None) -> str:
    return "" if v is None else f"{v:.4f}"


def _s(v: Any) -> str:
    return "" if v is None else str(v)


def acled_row(ev: Event, number: int, timestamp: int) -> dict[str, Any]:
    reg = regions().get((ev.iso or "").upper(), {})
    i1 = inter_code(ev.actor1, ev.country)
    i2 = inter_code(ev.actor2, ev.country)
    if i1 is None:
        interaction = ""
    elif not ev.actor2:
        interaction = f"{INTER_LABELS[i1]} only"
    elif i2 is None:
        interaction = ""
    else:
        a, b = sorted((i1, i2))
        interaction = f"{INTER_LABELS[a]}-{INTER_LABELS[b]}"
    civ = "Civilians targeted" if (ev.actor2 or "").startswith("Civilians") else ""
    return {
        "event_id_cnty": f"{reg.get('iso3', 'XXX')}{number}",
        "event_date": _s(ev.event_date),
        "year": ev.event_date[:4] if ev.event_date else "",
        "time_precision": _s(ev.time_precision),
        "disorder_type": disorder_type(ev.event_type, ev.sub_event_type),
        "event_type": _s(ev.event_type),
        "sub_event_type": _s(ev.sub_event_type),
        "actor1": _s(ev.actor1),
        "assoc_actor_1": _s(ev.assoc_actor_1),
        "inter1": INTER_LABELS.get(i1, "") if i1 else "",
        "actor2": _s(ev.actor2),
        "assoc_actor_2": _s(ev.assoc_actor_2),
        "inter2": INTER_LABELS.get(i2, "") if i2 else "",
        "interaction": interaction,
        "civilian_targeting": civ,
        "iso": reg.get("iso_numeric", ""),
        "region": reg.get("region", ""),
        "country": _s(ev.country),
        "admin1": _s(ev.admin1),
        "admin2": _s(ev.admin2),
        "admin3": "",
        "location": _s(ev.location),
        "latitude": _fmt_float(ev.latitude),
        "longitude": _fmt_float(ev.longitude),
        "geo_precision": _s(ev.geo_precision),
        "source": _s(ev.source),
        "source_scale": "",
        "notes": _s(ev.notes),
        "fatalities": acled_fatalities(ev),
        "tags": "",
        "timestamp": timestamp,
    }


def _acled_number(event_id: str, used: set[int]) -> int:
    n = int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:12], 16) % 90_000_000 + 10_000_000
    while n in used:
        n += 1
    used.add(n)
    return n


# -- writers ----------------------------------------------------------------------------------------
@contextmanager
def _open_text(out: str | Path | IO[str] | None, bom: bool = False) -> Iterator[IO[str]]:
    if out is None or str(out) == "-":
        if bom:
            sys.stdout.write("\ufeff")
        yield sys.stdout
        sys.stdout.flush()
        return
    if not isinstance(out, str | Path):
        if bom:
            out.write("\ufeff")
        yield out
        return
    path = Path(out)
    try:
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        fh = path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="")
    except OSError as exc:
        raise _output_error(path, exc) from None
    with fh:
        yield fh


def _output_error(path: Path, exc: OSError) -> ConfigError:
    """An output that cannot be opened for writing (a folder, /proc/x.csv, no permission): one line naming it
    and what to do, instead of the OSError's traceback (the CLI exits 1 with it)."""
    reason = "it is a folder" if path.is_dir() else (exc.strerror or str(exc).splitlines()[0])
    return ConfigError(f"{path}: cannot write the output ({reason}); give -o a file name in a folder you can "
                       "write to, or check that folder's permissions")


def schema_row(ev: Event) -> dict[str, Any]:
    """One CSV row: the schema fields then ``CONTEXT_COLUMNS``; lists and mappings as JSON text, None as empty."""
    d = ev.to_dict()
    d["evidence"] = json.dumps(d["evidence"], ensure_ascii=False)
    d["doc_ids"] = json.dumps(d["doc_ids"], ensure_ascii=False)
    for k, v in context_values(ev).items():
        d[k] = json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
    return {k: ("" if v is None else v) for k, v in d.items()}


def write_jsonl(events: Iterable[Event], out: str | Path | IO[str] | None) -> ExportResult:
    res = ExportResult()
    with _open_text(out) as fh:
        for ev in events:
            fh.write(json.dumps(export_dict(ev), ensure_ascii=False) + "\n")
            res.written += 1
    return res


def write_csv(events: Iterable[Event], out: str | Path | IO[str] | None) -> ExportResult:
    res = ExportResult()
    with _open_text(out) as fh:
        w = csv.DictWriter(fh, fieldnames=[*EVENT_FIELDS, *CONTEXT_COLUMNS], lineterminator="\n")
        w.writeheader()
        for ev in events:
            w.writerow(schema_row(ev))
            res.written += 1
    return res


def write_acled(events: Iterable[Event], out: str | Path | IO[str] | None, now: int | None = None) -> ExportResult:
    res = ExportResult()
    ts = int(time.time()) if now is None else int(now)
    used: set[int] = set()
    with _open_text(out, bom=True) as fh:
        w = csv.DictWriter(fh, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
        w.writeheader()
        for ev in events:
            w.writerow(acled_row(ev, _acled_number(ev.event_id, used), ts))
            res.written += 1
    return res


def geojson_feature(ev: Event) -> dict[str, Any] | None:
    if ev.latitude is None or ev.longitude is None:
        return None
    props = export_dict(ev)
    return {"type": "Feature", "id": ev.event_id,
            "geometry": {"type": "Point", "coordinates": [ev.longitude, ev.latitude]}, "properties": props}


def write_geojson(events: Iterable[Event], out: str | Path | IO[str] | None) -> ExportResult:
    res = ExportResult()
    with _open_text(out) as fh:
        fh.write('{"type": "FeatureCollection", "features": [\n')
        first = True
        for ev in events:
            feat = geojson_feature(ev)
            if feat is None:
                res.skipped += 1
                continue
            fh.write(("" if first else ",\n") + json.dumps(feat, ensure_ascii=False))
            first = False
            res.written += 1
        fh.write("\n]}\n")
    return res


def write_parquet(events: Iterable[Event], out: str | Path | None, batch_size: int = 10_000) -> ExportResult:
    if out is None or str(out) == "-" or hasattr(out, "write"):
        raise ConfigError("parquet is a binary format: give a file with -o events.parquet")
    import pyarrow.parquet as pq

    res = ExportResult()
    path = Path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        parquet = pq.ParquetWriter(path, parquet_schema())
    except OSError as exc:
        raise _output_error(path, exc) from None
    with parquet as writer:
        batch: list[Event] = []
        for ev in events:
            batch.append(ev)
            if len(batch) >= batch_size:
                writer.write_table(_parquet_table(batch))
                res.written += len(batch)
                batch = []
        if batch or res.written == 0:
            writer.write_table(_parquet_table(batch))
            res.written += len(batch)
    return res


def parquet_schema() -> Any:
    """The Arrow schema of a Parquet export: ``frames.arrow_schema()`` (schema fields, then the typed
    ``CONTEXT_COLUMNS``)."""
    from eventcoder.frames import arrow_schema

    return arrow_schema()


def _parquet_table(events: list[Event]) -> Any:
    from eventcoder.frames import to_arrow

    return to_arrow(events)


def export(events: Iterable[Event], fmt: str, out: str | Path | IO[str] | None = None) -> ExportResult:
    """Write events in one of FORMATS to a path, an open text stream, or stdout (None or "-")."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")
    writer = {"jsonl": write_jsonl, "csv": write_csv, "acled": write_acled, "geojson": write_geojson,
              "parquet": write_parquet}[fmt]
    res: ExportResult = writer(events, out)  # type: ignore[operator]
    res.path = None if out is None or hasattr(out, "write") else str(out)
    return res
