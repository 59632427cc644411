"""Stage 4, geocode: fill country/iso/admin1/admin2/location/lat/lon/geo_precision/gazetteer_id. (owner: geocode)

Reads the hints the extract stage leaves in ``Event.context``: ``place_candidates`` (most specific
first, each ``{"text", "start", "end", "relation", "feature"}``), ``country_hint`` (ISO2),
``admin1_hint`` and ``region_text``. For each event the first candidate that resolves wins
(``gazetteer.resolve.Resolver``); a later (less specific) candidate, e.g. the town in "the
neighbourhood of Y in X", gives at best ``geo_precision`` 2. Places the gazetteer lacks are never
dropped and never guessed: the event is anchored to the province (from the text or the region
heading) or the country with ``geo_precision`` 3, ``location_text`` keeps the name, and
``context["geo_unresolved"]`` records it for ``eventcoder gazetteer missing``.

Two passes per document: events whose place has one candidate are resolved first; their coordinates
then pull ambiguous names of the same report towards them (nearest cluster).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from eventcoder.records import Document, Event
from eventcoder.settings import Settings

if TYPE_CHECKING:
    from eventcoder.gazetteer.index import Gazetteer
    from eventcoder.gazetteer.resolve import DocContext, Resolution, Resolver


_MARKS = {ord(c): "'" for c in "‘’ʿʾ"}


def plain(name: str | None) -> str | None:
    """Display form of a gazetteer name: diacritics folded, ayn/hamza marks as an apostrophe."""
    if not name:
        return name
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.translate(_MARKS)


def _admin1_display(gazetteer: Gazetteer) -> dict[tuple[str, str], str]:
    """English names for admin-1 units ("Halab" -> "Aleppo"): the first name in ``data/admin1_countries.csv``
    (the extract stage's province list) that names the unit; GeoNames' own name otherwise."""
    cached = getattr(gazetteer, "_eventcoder_admin1_display", None)
    if cached is not None:
        return cached
    import csv
    from pathlib import Path

    out: dict[tuple[str, str], str] = {}
    path = Path(__file__).resolve().parent.parent / "data" / "admin1_countries.csv"
    if path.exists():
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for name in (row.get("names") or "").split(";"):
                    name = name.strip()
                    units = [p for p in gazetteer.candidates(name, row["iso"]) if p.feature == "adm1"] if name else []
                    if len(units) == 1:
                        out.setdefault((row["iso"], units[0].name), name)
    gazetteer._eventcoder_admin1_display = out  # type: ignore[attr-defined]
    return out


def _resolver(gazetteer: Gazetteer) -> Resolver:
    r = getattr(gazetteer, "_eventcoder_resolver", None)
    if r is None:
        from eventcoder.gazetteer.resolve import Resolver

        r = Resolver(gazetteer)
        gazetteer._eventcoder_resolver = r  # type: ignore[attr-defined]
    return r


def _try(ev: Event, res: Resolver, ctx: DocContext | None) -> tuple[Resolution | None, dict[str, Any] | None, int]:
    hints = ev.context or {}
    iso = hints.get("country_hint")
    admin1 = hints.get("admin1_hint")
    cands = list(hints.get("place_candidates") or [])
    if not cands and ev.location_text:
        cands = [{"text": ev.location_text, "start": None, "end": None, "relation": None, "feature": None}]
    for i, c in enumerate(cands):
        text = str(c.get("text") or "")
        if not text:
            continue
        r = res.resolve(text, country=iso, admin1=admin1, feature=c.get("feature"), relation=c.get("relation"),
                        context=ctx)  # fmt: skip
        if r is None and admin1 and iso:
            # the heading's province can be wrong for a wilayah spanning several provinces: exact key only
            r2 = res.resolve(text, country=iso, feature=c.get("feature"), relation=c.get("relation"),
                             context=ctx, allow_fuzzy=False)  # fmt: skip
            if r2 is not None and r2.alternatives == 1 and not r2.place.is_admin:
                r = r2
        if r is not None:
            return r, c, i
    return None, None, -1


def geocode(doc: Document, events: Sequence[Event], settings: Settings, gazetteer: Gazetteer) -> list[Event]:
    from eventcoder.gazetteer.resolve import DocContext

    res = _resolver(gazetteer)
    ctx = DocContext()
    results: list[tuple[Resolution | None, dict[str, Any] | None, int]] = [(None, None, -1)] * len(events)
    pending = []
    for i, ev in enumerate(events):
        r = _try(ev, res, None)
        if r[0] is not None and r[0].alternatives == 1:
            results[i] = r
            ctx.add(r[0].place)
        else:
            pending.append(i)
    for i in pending:
        results[i] = _try(events[i], res, ctx)
        if results[i][0] is not None:
            ctx.add(results[i][0].place)  # type: ignore[union-attr]
    # ambiguous names once more, against every other place the report resolved (later ones included)
    for i in pending:
        r0 = results[i][0]
        if r0 is None or r0.alternatives <= 1 or len(events) < 2:
            continue
        full = DocContext()
        for j, (rj, _c, _k) in enumerate(results):
            if j != i and rj is not None:
                full.add(rj.place)
        again = _try(events[i], res, full)
        if again[0] is not None:
            results[i] = again
    return [_apply(ev, *results[i], res, gazetteer) for i, ev in enumerate(events)]


def _apply(ev: Event, r: Resolution | None, cand: dict[str, Any] | None, idx: int, res: Resolver,
           gazetteer: Gazetteer) -> Event:  # fmt: skip
    hints = dict(ev.context or {})
    iso = hints.get("country_hint")
    evidence = dict(ev.evidence)
    cands = list(hints.get("place_candidates") or [])
    unresolved = [str(c["text"]) for c in cands[: max(idx, 0) if r is not None else len(cands)] if c.get("text")]
    if r is None:
        r = res.container(country=iso, admin1=hints.get("admin1_hint"), region_text=hints.get("region_text"))
        if r is None:
            if unresolved:
                hints["geo_unresolved"] = unresolved
                hints["geo_reason"] = "place not in the gazetteer and no country known: left without coordinates"
            return ev.replace(context=hints)
        precision = 3
        reason = r.reason
        if unresolved:
            reason = f"'{unresolved[0]}' not in the gazetteer; {reason}"
        span = hints.get("region_span")
        if span:
            evidence["location"] = list(span)
    else:
        precision = r.precision
        reason = r.reason
        if idx > 0:
            precision = max(precision, 2)
            if unresolved:
                reason = f"'{unresolved[0]}' not in the gazetteer; anchored to '{cand and cand.get('text')}': {reason}"
        if cand is not None and cand.get("start") is not None:
            evidence["location"] = [int(cand["start"]), int(cand["end"])]
        elif "location_text" in evidence:
            evidence["location"] = list(evidence["location_text"])
    if unresolved:
        hints["geo_unresolved"] = unresolved
    p = r.place
    admin1 = r.admin1
    admin2 = p.name if p.feature == "adm2" else (p.admin2 if p.feature != "adm1" else None)
    hints["geo_reason"] = reason
    hints["geo_method"] = r.method
    country_name = gazetteer.country_name(p.country) if p.country else None
    if admin1 and p.country:
        admin1 = _admin1_display(gazetteer).get((p.country, admin1), admin1)
    return ev.replace(
        country=plain(country_name),
        iso=p.country,
        admin1=plain(admin1) if p.feature != "country" else None,
        admin2=plain(admin2) if p.feature != "country" else None,
        location=plain(p.name),
        latitude=round(p.lat, 5) if p.lat is not None else None,
        longitude=round(p.lon, 5) if p.lon is not None else None,
        geo_precision=precision,
        gazetteer_id=p.gid,
        evidence=evidence,
        context=hints,
    )
