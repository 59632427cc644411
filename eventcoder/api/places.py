"""Gazetteer places as event fields, for correcting an event's place by hand (GET /api/places), and what
such a correction does to the event's evidence and geo reason (PATCH /api/events/{id})."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from eventcoder.gazetteer.index import Gazetteer, Place, haversine_km
from eventcoder.records import Event

# geo_precision as the geocode stage sets it: 1 a town or village (or any point place), 2 a district,
# 3 a province or a country (the place is known only to that level)
_PRECISION = {"adm2": 2, "adm1": 3, "country": 3, "continent": 3, "region": 3}


def place_fields(gazetteer: Gazetteer, place: Place) -> dict[str, Any]:
    """The event fields ``place`` sets, written as the geocode stage writes them (English admin-1 names,
    plain ASCII-folded names: 'Al Hawijah', not 'Al Ḩawījah')."""
    # the geocode stage's own display rules (its owner's helpers, read only)
    from eventcoder.stages.geocode import _admin1_display, _english_admin1, plain

    iso = place.country
    admin1 = place.admin1
    if admin1 and iso:
        admin1 = _admin1_display(gazetteer).get((iso, admin1)) or _english_admin1(gazetteer, iso, admin1)
    admin2 = place.name if place.feature == "adm2" else (place.admin2 if place.feature != "adm1" else None)
    is_country = place.feature == "country"
    return {
        "gazetteer_id": place.gid,
        "location": plain(place.name),
        "feature": place.feature,
        "country": plain(gazetteer.country_name(iso)) if iso else None,
        "iso": iso,
        "admin1": None if is_country else plain(admin1),
        "admin2": None if is_country else plain(admin2),
        "latitude": round(place.lat, 5) if place.lat is not None else None,
        "longitude": round(place.lon, 5) if place.lon is not None else None,
        "geo_precision": _PRECISION.get(place.feature or "", 1),
        "population": int(place.population or 0),
    }


def find_places(gazetteer: Gazetteer, name: str, iso: str | None = None, limit: int = 10) -> list[dict[str, Any]]:
    """Places the gazetteer lists under ``name`` (exact name key; ``iso`` narrows to one country): first those
    whose own name has the key asked for (a district's or province's without its kind word: "Baiji District"),
    then those found only by one of their alternate names (North Pole, Alaska, is also "bei ji", Baiji's key:
    session 13); within each, towns and villages first, then districts, provinces and countries; the most populous
    first. A place the index holds without coordinates (a district none of whose towns it lists) is left out:
    choosing it would set the event's latitude and longitude to null while naming a place, as the geocode stage
    never does."""
    from eventcoder.gazetteer.normalize import name_key
    from eventcoder.gazetteer.toponyms import _core_key  # the resolver's rule (read only)

    key = name_key(name)
    cands = [p for p in gazetteer.candidates(name, iso) if p.lat is not None and p.lon is not None]
    cands.sort(key=lambda p: (_core_key(p) != key and name_key(p.name) != key, p.is_admin, -(p.population or 0),
                              p.gid))
    out: list[dict[str, Any]] = []
    for p in cands:
        fields = place_fields(gazetteer, p)
        # one place listed by two sources (GeoNames' Tikrit town, Who's On First's "Tekrit" locality 2.4 km
        # away): two buttons setting nearly the same point; the first (the town, the more populous) stands for
        # both (session 12)
        if any(_same_place(fields, o) for o in out):
            continue
        out.append(fields)
        if len(out) == limit:
            break
    return out


# Two sources' points for one town lie up to ~3.5 km apart in the six-country index (Mosul, Baiji); two villages
# of one name within this distance in one source stay apart, as do districts and provinces (precision 2, 3).
NEAR_DUPLICATE_KM = 5.0


def _same_place(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (a["geo_precision"] == b["geo_precision"] == 1 and (a["iso"], a["admin1"]) == (b["iso"], b["admin1"])
            and str(a["gazetteer_id"]).split(":")[0] != str(b["gazetteer_id"]).split(":")[0]
            and haversine_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"]) <= NEAR_DUPLICATE_KM)


def in_heading(text: str, start: int, end: int, incident: tuple[int, int] | None) -> bool:
    """Whether the evidence span ``start:end`` of ``text`` lies in a heading of the report, outside the incident's
    own sentence (``incident``: the notes span, when there is one): a line of its own, short and not ending a
    sentence ("Kirkuk Wilayah:", a title). An event placed from a roundup's heading cites the heading; the page
    says so rather than mark it as if the sentence named the place (session 13)."""
    if not 0 <= start < end <= len(text) or (incident is not None and incident[0] <= start < incident[1]):
        return False
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    line = text[lo:hi if hi >= 0 else len(text)].strip()
    return 0 < len(line) <= HEADING_CHARS and not line.endswith((".", "!", "?")) and ". " not in line


HEADING_CHARS = 100  # a heading line: "Kirkuk Wilayah:", a report's title; a sentence's line is longer or ends in "."


# What an analyst's place correction touches: the fields that say which place it is (an edit of admin1 alone
# is an ordinary field edit), and the evidence span that cites the place's name in the text. location_text's
# span stays: it justifies the phrase as written (SCHEMA.md), which the correction leaves true.
PLACE_KEYS = ("location", "latitude", "longitude", "gazetteer_id")
PLACE_EVIDENCE = ("location",)


def _folded(s: str) -> str:
    from eventcoder.stages.geocode import plain

    return " ".join(re.findall(r"\w+", (plain(s) or "").casefold()))


def names_place(span_text: str, name: str | None, gazetteer: Gazetteer | None = None,
                gazetteer_id: str | None = None) -> bool:
    """Whether the words of ``span_text`` (an evidence span) name the place: its name ``name`` as written
    ('near Mosul' names 'Mosul'), or, given the ``gazetteer`` and the place's ``gazetteer_id``, any of the
    gazetteer's names for that place ('Rakka' names 'Ar Raqqah', gn:172955: an alternate name of it; session 10).
    The alternates are looked up through the index's name key: every run of up to five words of the span."""
    want = _folded(name or "")
    if want and re.search(rf"(?<!\w){re.escape(want)}(?!\w)", _folded(span_text)) is not None:
        return True
    if gazetteer is None or not gazetteer_id:
        return False
    words = re.findall(r"\w+", span_text)  # as written: the name key folds them (Arabic names stay)
    runs = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(i + 5, len(words)) + 1)}
    return any(p.gid == gazetteer_id for run in runs for p in gazetteer.candidates(run))


def place_correction(ev: Event, changes: dict[str, Any], text: str | None, who: str, today: dt.date,
                     gazetteer: Gazetteer | None = None) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """A PATCH that moves ``ev`` to another place, as the store should record it: ``changes`` plus the
    evidence without the spans that do not name the new place (unless the analyst sent evidence), and the
    context hints (``geo_reason``: who corrected it, when, and what it was; ``geo_method``: 'analyst').
    ``text``: the event's first document (its evidence offsets point into it). ``gazetteer``: where the new
    place's other names are looked up (a span naming the place by one of them keeps it). An edit that leaves the place
    as it was returns ``changes`` unchanged and no context."""
    if not any(k in changes and changes[k] != getattr(ev, k) for k in PLACE_KEYS):
        return changes, None
    ctx = ev.context or {}
    was = ", ".join(str(v) for v in (ev.location, ev.country) if v) or "no place"
    reason = f"corrected by {who} on {today.isoformat()} (was: {was}, {ctx.get('geo_reason') or 'no reason given'})"
    if "evidence" not in changes:
        new_name = changes.get("location", ev.location)
        new_gid = changes.get("gazetteer_id", ev.gazetteer_id)
        evidence = dict(ev.evidence or {})
        for key in PLACE_EVIDENCE:
            span = evidence.get(key)
            if span is not None and not (text is not None and names_place(
                    text[int(span[0]):int(span[1])], new_name, gazetteer, new_gid)):
                del evidence[key]
        if evidence != dict(ev.evidence or {}):
            changes = {**changes, "evidence": evidence}
    return changes, {"geo_reason": reason, "geo_method": "analyst"}
