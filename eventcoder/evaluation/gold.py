"""Gold readers: GTD (CSV/XLSX), ACLED (CSV), UCDP GED (CSV) and our normalized JSONL -> ``GoldDoc``.

One ``GoldDoc`` is one text to run the pipeline on, with the gold events it should yield. GTD/ACLED/UCDP give
one event per row, so one row = one document whose ``doc_id`` is the row id. Our JSONL may group several
events under one document (rows sharing ``doc_id``; the text is given by ``text`` or by ``path``, relative
to the gold file) -- that is how ``tests/gold/`` describes whole reports.

Honesty rules applied while reading:
- GTD summaries begin with the incident date ``MM/DD/YYYY:``; it is stripped, so the event date must come
  from the text (or the extract stage's default), not from a prefix that copies the gold answer.
- The document's publication date is the gold event date (the best a user would know).
- GTD/UCDP negative "unknown" codes (-9, -99) and blanks become ``None``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventcoder.errors import EvalError

FORMATS = ("gtd", "acled", "ucdp", "jsonl")
GTD_DATE_PREFIX = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}\s*:\s*")


@dataclass(frozen=True)
class GoldEvent:
    """One gold event, in our field names. ``source`` says which codebook coded it."""

    gold_id: str
    source: str  # gtd | acled | ucdp | team
    event_date: dt.date | None
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_prec: int | None = None  # GTD specificity / ACLED geo_precision / UCDP where_prec
    event_type: str | None = None
    sub_event_type: str | None = None
    acled_taxonomy: str | None = None  # "2019+" | "pre-2019" | None
    attack_type: str | None = None
    attack_types: tuple[str, ...] = ()
    weapon_type: str | None = None
    target_type: str | None = None
    actor1: str | None = None
    actor1_all: tuple[str, ...] = ()
    actor2: str | None = None
    killed: int | None = None
    wounded: int | None = None
    claimed: bool | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class GoldDoc:
    doc_id: str
    text: str | None  # None for UCDP (no narrative): only the place phrase is geocoded
    published: dt.date | None
    source: str
    events: tuple[GoldEvent, ...]
    country: str | None = None  # document-level country (for --country filter and recall-by-country)
    place_phrase: str | None = None  # UCDP: the place phrase to geocode
    source_type: str | None = None
    notes: tuple[str, ...] = ()  # what the reader changed (e.g. stripped GTD date prefix)


# ---------------------------------------------------------------------------------------------- helpers


def _none(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, float) and v != v:  # NaN
        return None
    if isinstance(v, str):
        s = v.strip()
        return s or None
    return v


def _place(v: Any) -> str | None:
    """GTD writes "Unknown" for an unknown province or city: that is no gold value."""
    v = _none(v)
    return None if v is None or str(v).casefold() == "unknown" else str(v)


def _int(v: Any) -> int | None:
    v = _none(v)
    if v is None:
        return None
    try:
        n = int(float(v))
    except (TypeError, ValueError):
        return None
    return None if n < 0 else n  # GTD -9/-99 = unknown


def _float(v: Any) -> float | None:
    v = _none(v)
    if v is None:
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _bool(v: Any) -> bool | None:
    v = _none(v)
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    n = _int(v)
    if n is None:
        s = str(v).casefold()
        if s in ("true", "yes"):
            return True
        if s in ("false", "no"):
            return False
        return None
    return bool(n)


def parse_date(v: Any) -> dt.date | None:
    """ISO ``YYYY-MM-DD`` (optionally with time), ``DD Month YYYY`` (old ACLED), ``DD/MM/YYYY`` (ACLED)."""
    v = _none(v)
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    s = str(v).strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    for fmt in ("%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%d-%b-%y", "%B %d, %Y"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    return None


def strip_gtd_prefix(text: str) -> tuple[str, bool]:
    m = GTD_DATE_PREFIX.match(text)
    if not m:
        return text, False
    return text[m.end() :], True


def _tuple(v: Any) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, list | tuple):
        return tuple(str(x) for x in v if _none(x) is not None)
    return (str(v),)


# ---------------------------------------------------------------------------------------------- rows


def gtd_row(row: Mapping[str, Any], *, native: bool) -> GoldDoc | None:
    """A GTD row, native (``eventid``, ``summary``, ``iyear``...) or normalized JSONL (``id``, ``text``)."""
    if native:
        gid = f"gtd:{_none(row.get('eventid')) or ''}"
        text = _none(row.get("summary"))
        y, m, d = _int(row.get("iyear")), _int(row.get("imonth")), _int(row.get("iday"))
        date = dt.date(y, m, d) if y and m and d else None
        attack = [_none(row.get(f"attacktype{i}_txt")) for i in (1, 2, 3)]
        weapons = [_none(row.get(f"weaptype{i}_txt")) for i in (1, 2, 3, 4)]
        targets = [_none(row.get(f"targtype{i}_txt")) for i in (1, 2, 3)]
        groups = [_none(row.get(f"gname{i}" if i > 1 else "gname")) for i in (1, 2, 3)]
        ev = dict(
            country=_none(row.get("country_txt")),
            admin1=_place(row.get("provstate")),
            location=_place(row.get("city")),
            latitude=_float(row.get("latitude")),
            longitude=_float(row.get("longitude")),
            geo_prec=_int(row.get("specificity")),
            attack_types=tuple(a for a in attack if a),
            weapon_type=weapons[0],
            target_type=targets[0],
            actor1_all=tuple(g for g in groups if g),
            killed=_int(row.get("nkill")),
            wounded=_int(row.get("nwound")),
            claimed=_bool(row.get("claimed")),
        )
    else:
        gid = str(row["id"])
        text = _none(row.get("text"))
        date = parse_date(row.get("date"))
        ev = dict(
            country=_none(row.get("country")),
            admin1=_place(row.get("admin1")),
            location=_place(row.get("location")),
            latitude=_float(row.get("latitude")),
            longitude=_float(row.get("longitude")),
            geo_prec=_int(row.get("geo_specificity")),
            attack_types=_tuple(row.get("attack_types")) or _tuple(row.get("attack_type")),
            weapon_type=_none(row.get("weapon_type")),
            target_type=_none(row.get("target_type")),
            actor1_all=_tuple(row.get("actor1_all")) or _tuple(row.get("actor1")),
            killed=_int(row.get("killed")),
            wounded=_int(row.get("wounded")),
            claimed=_bool(row.get("claimed")),
        )
    if text is None:
        return None
    text, stripped = strip_gtd_prefix(str(text))
    attack_types: tuple[str, ...] = ev.pop("attack_types")
    actors: tuple[str, ...] = ev.pop("actor1_all")
    event = GoldEvent(
        gold_id=gid,
        source="gtd",
        event_date=date,
        attack_type=attack_types[0] if attack_types else None,
        attack_types=attack_types,
        actor1=actors[0] if actors else None,
        actor1_all=actors,
        **ev,
    )
    return GoldDoc(
        doc_id=gid,
        text=text,
        published=date,
        source="gtd",
        events=(event,),
        country=event.country,
        notes=("stripped GTD date prefix",) if stripped else (),
    )


OLD_ACLED_TYPES = {
    "Battle-No change of territory",
    "Battle-Government regains territory",
    "Battle-Non-state actor overtakes territory",
    "Remote violence",
    "Riots/Protests",
    "Strategic development",
    "Headquarters or base established",
    "Non-violent transfer of territory",
}


def acled_row(row: Mapping[str, Any], *, native: bool) -> GoldDoc | None:
    if native:
        rid = _none(row.get("event_id_cnty")) or _none(row.get("data_id")) or _none(row.get("event_id"))
        gid = f"acled:{rid}"
        text = _none(row.get("notes"))
        killed = _int(row.get("fatalities"))
        sub = _none(row.get("sub_event_type"))
        etype = _none(row.get("event_type"))
        taxonomy = "pre-2019" if (etype in OLD_ACLED_TYPES or ("sub_event_type" not in row)) else "2019+"
        assoc1, assoc2 = _none(row.get("assoc_actor_1")), _none(row.get("assoc_actor_2"))
    else:
        gid = str(row["id"])
        text = _none(row.get("text"))
        killed = _int(row.get("killed"))
        sub = _none(row.get("sub_event_type"))
        etype = _none(row.get("event_type"))
        taxonomy = _none(row.get("acled_taxonomy")) or ("pre-2019" if etype in OLD_ACLED_TYPES else "2019+")
        assoc1, assoc2 = _none(row.get("assoc_actor1")), _none(row.get("assoc_actor2"))
    if text is None:
        return None
    date = parse_date(row.get("event_date") if native else row.get("date"))
    event = GoldEvent(
        gold_id=gid,
        source="acled",
        event_date=date,
        country=_none(row.get("country")),
        admin1=_none(row.get("admin1")),
        location=_none(row.get("location")),
        latitude=_float(row.get("latitude")),
        longitude=_float(row.get("longitude")),
        geo_prec=_int(row.get("geo_precision")),
        event_type=etype,
        sub_event_type=sub,
        acled_taxonomy=taxonomy,
        actor1=_none(row.get("actor1")),
        actor2=_none(row.get("actor2")),
        killed=killed,
        extra={"assoc_actor_1": assoc1, "assoc_actor_2": assoc2, "dataset": _none(row.get("dataset"))},
    )
    return GoldDoc(
        doc_id=gid, text=str(text), published=date, source="acled", events=(event,), country=event.country
    )


def ucdp_row(row: Mapping[str, Any], *, native: bool) -> GoldDoc | None:
    gid = f"ucdp_ged:{row.get('id')}" if native else str(row["id"])
    phrase = _none(row.get("where_coordinates")) if native else _none(row.get("location"))
    phrase = phrase or _none(row.get("where_description"))
    date = parse_date(row.get("date_start") if native else row.get("date"))
    event = GoldEvent(
        gold_id=gid,
        source="ucdp",
        event_date=date,
        country=_none(row.get("country")),
        admin1=_none(row.get("adm_1") if native else row.get("admin1")),
        location=phrase,
        latitude=_float(row.get("latitude")),
        longitude=_float(row.get("longitude")),
        geo_prec=_int(row.get("where_prec")),
        event_type=_none(row.get("type_of_violence") if native else row.get("event_type")),
        actor1=_none(row.get("side_a") if native else row.get("actor1")),
        actor2=_none(row.get("side_b") if native else row.get("actor2")),
        killed=_int(row.get("best") if native else row.get("killed")),
        extra={"where_description": _none(row.get("where_description"))},
    )
    return GoldDoc(
        doc_id=gid,
        text=None,
        published=date,
        source="ucdp",
        events=(event,),
        country=event.country,
        place_phrase=phrase,
    )


def team_rows(rows: Sequence[Mapping[str, Any]], base: Path) -> list[GoldDoc]:
    """Our own gold JSONL (``tests/gold``): rows grouped by ``doc_id``; a doc with no events is allowed
    (``"events": []`` row) to test that nothing is extracted."""
    order: list[str] = []
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for r in rows:
        did = str(r.get("doc_id") or r["id"])
        if did not in grouped:
            order.append(did)
            grouped[did] = []
        grouped[did].append(r)
    docs = []
    for did in order:
        group = grouped[did]
        head = group[0]
        text = _none(head.get("text"))
        meta: dict[str, str] = {}
        if text is None and head.get("path"):
            from eventcoder.stages.ingest import split_front_matter

            p = base / str(head["path"])
            if not p.exists():
                raise EvalError(f"{p}: gold document not found (fix `path` in the gold file)")
            meta, text = split_front_matter(p.read_text(encoding="utf-8").replace("\r\n", "\n"))
        if text is None:
            raise EvalError(f"gold doc {did}: no `text` or `path` (give one of them)")
        events = []
        for r in group:
            if r.get("no_event"):
                continue
            events.append(
                GoldEvent(
                    gold_id=str(r.get("id") or did),
                    source=str(r.get("source") or "team"),
                    event_date=parse_date(r.get("date") or r.get("event_date")),
                    country=_none(r.get("country")),
                    admin1=_none(r.get("admin1")),
                    location=_none(r.get("location")),
                    latitude=_float(r.get("latitude")),
                    longitude=_float(r.get("longitude")),
                    geo_prec=_int(r.get("geo_precision")),
                    event_type=_none(r.get("event_type")),
                    sub_event_type=_none(r.get("sub_event_type")),
                    acled_taxonomy="2019+" if _none(r.get("event_type")) else None,
                    attack_type=_none(r.get("attack_type")),
                    attack_types=_tuple(r.get("attack_type")),
                    weapon_type=_none(r.get("weapon_type")),
                    target_type=_none(r.get("target_type")),
                    actor1=_none(r.get("actor1")),
                    actor1_all=_tuple(r.get("actor1")),
                    actor2=_none(r.get("actor2")),
                    killed=_int(r.get("killed")),
                    wounded=_int(r.get("wounded")),
                    claimed=_bool(r.get("claimed")),
                )
            )
        docs.append(
            GoldDoc(
                doc_id=did,
                text=str(text),
                published=parse_date(head.get("published") or meta.get("published"))
                or (events[0].event_date if events else None),
                source="team",
                events=tuple(events),
                country=events[0].country if events else _none(head.get("country")),
                source_type=_none(head.get("source_type") or meta.get("source_type")),
            )
        )
    return docs


# ---------------------------------------------------------------------------------------------- files


def _read_csv(path: Path) -> list[dict[str, Any]]:
    if path.suffix.lower() in (".xlsx", ".xls"):
        try:
            import pandas as pd

            frame = pd.read_excel(path, dtype=object)
        except ImportError as exc:
            raise EvalError(
                f"{path}: reading Excel needs openpyxl (pip install openpyxl), or save as CSV"
            ) from exc
        return [dict(r) for r in frame.to_dict(orient="records")]
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))
    except UnicodeDecodeError:
        with path.open(encoding="latin-1", newline="") as fh:  # GTD CSV exports are often cp1252
            return list(csv.DictReader(fh))


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}:{n}: not valid JSON ({exc.msg}); one JSON object per line") from exc
    return rows


def detect_format(path: Path, sample: Mapping[str, Any] | None) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        return "jsonl"
    keys = set(sample or ())
    if "summary" in keys and ("eventid" in keys or "iyear" in keys):
        return "gtd"
    if "notes" in keys and ("event_date" in keys or "fatalities" in keys):
        return "acled"
    if "where_prec" in keys or "type_of_violence" in keys:
        return "ucdp"
    raise EvalError(
        f"{path}: cannot tell the gold format from its columns; pass --format gtd|acled|ucdp|jsonl"
    )


def _jsonl_doc(row: Mapping[str, Any]) -> GoldDoc | None:
    src = str(row.get("source") or "").lower()
    if src == "gtd":
        return gtd_row(row, native=False)
    if src == "acled":
        return acled_row(row, native=False)
    if src in ("ucdp_ged", "ucdp"):
        return ucdp_row(row, native=False)
    return None


def read_gold(path: str | Path, fmt: str | None = None) -> list[GoldDoc]:
    """Read a gold file into documents. ``fmt`` None = detect from extension and columns."""
    path = Path(path)
    if not path.exists():
        raise EvalError(f"{path}: gold file not found")
    if fmt is not None and fmt not in FORMATS:
        raise EvalError(f"unknown gold format {fmt!r}; use one of {', '.join(FORMATS)}")
    is_jsonl = path.suffix.lower() in (".jsonl", ".json", ".ndjson")
    rows: list[dict[str, Any]] = _read_jsonl(path) if is_jsonl else _read_csv(path)
    if not rows:
        raise EvalError(f"{path}: no gold rows")
    fmt = fmt or detect_format(path, rows[0])
    docs: list[GoldDoc] = []
    if is_jsonl:
        team = []
        for r in rows:
            if str(r.get("source") or "").lower() not in ("gtd", "acled", "ucdp", "ucdp_ged"):
                team.append(r)
                continue
            d = _jsonl_doc(r)
            if d is not None:
                docs.append(d)
        if team:
            docs.extend(team_rows(team, path.parent))
        return docs
    reader = {"gtd": gtd_row, "acled": acled_row, "ucdp": ucdp_row}.get(fmt)
    if reader is None:
        raise EvalError(f"{path}: format {fmt!r} needs a .jsonl file")
    for r in rows:
        d = reader(r, native=True)
        if d is not None:
            docs.append(d)
    return docs


def select(
    docs: Iterable[GoldDoc],
    *,
    limit: int | None = None,
    countries: Iterable[str] = (),
    seed: int | None = None,
) -> list[GoldDoc]:
    """Filter by country (names or ISO2) and keep ``limit`` docs: the first ones, or a seeded sample."""
    from eventcoder.evaluation.labels import country_iso

    wanted = {c.upper() if len(c) == 2 else (country_iso(c) or c) for c in countries}
    out = [d for d in docs if not wanted or country_iso(d.country) in wanted]
    if limit is not None and limit < len(out):
        if seed is not None:
            import random

            rng = random.Random(seed)
            idx = sorted(rng.sample(range(len(out)), limit))
            out = [out[i] for i in idx]
        else:
            out = out[:limit]
    return out


def iter_texts(docs: Iterable[GoldDoc]) -> Iterator[str]:
    for d in docs:
        if d.text:
            yield d.text
