"""One-to-one matching of predicted events to gold events, and field-by-field comparison of a pair.

Matching rule (docs/accuracy.md, "How events are matched"):

- Only events of the same document are compared (the gold record id is the document id).
- A pair is *admissible* when both dates are known and differ by at most ``max_days`` (1), or the gold
  date is unknown.
- Admissible pairs are ranked: both have coordinates and lie within ``max_km`` (25 km) first, then a
  prediction without coordinates, then pairs farther apart; ties by date difference and distance.
  Pairs are taken greedily in that order, each gold and each prediction at most once.
- The pair's ``kind`` is ``geo`` (within 25 km), ``nogeo`` (prediction or gold without coordinates:
  matched on date only; its location is scored wrong when the gold has coordinates) or ``far``
  (coordinates more than 25 km apart).
- **Event recall/precision** count ``geo`` and ``nogeo`` pairs (the issue's rule: same date +/-1 and within
  25 km; a prediction without coordinates matches by date within its document). ``far`` pairs are
  unmatched there, but they are kept for the *document-level* figures: field accuracies are scored over
  all pairs, so a badly geocoded but otherwise right event shows up as a location error instead of
  vanishing, and Acc@161 km means something.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventcoder.evaluation.gold import GoldEvent, parse_date
from eventcoder.evaluation.labels import (
    actor_key,
    attack_from_sub_event,
    country_iso,
    fold,
    gtd_type,
    old_acled_type,
    place_key,
)
from eventcoder.gazetteer.index import haversine_km  # one great-circle distance for the project
from eventcoder.records import Event


def has_coords(lat: float | None, lon: float | None) -> bool:
    return lat is not None and lon is not None


def distance(gold: GoldEvent, pred: Event) -> float | None:
    if has_coords(gold.latitude, gold.longitude) and has_coords(pred.latitude, pred.longitude):
        return haversine_km(gold.latitude, gold.longitude, pred.latitude, pred.longitude)  # type: ignore[arg-type]
    return None


def date_diff(gold: GoldEvent, pred: Event) -> int | None:
    pd = parse_date(pred.event_date)
    if gold.event_date is None or pd is None:
        return None
    return abs((pd - gold.event_date).days)


@dataclass(frozen=True)
class Pair:
    gold: int
    pred: int
    kind: str  # geo | nogeo | far
    km: float | None
    days: int | None


def match(
    golds: Sequence[GoldEvent], preds: Sequence[Event], *, max_days: int = 1, max_km: float = 25.0
) -> list[Pair]:
    cands: list[tuple[tuple[int, int, float], Pair]] = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            days = date_diff(g, p)
            if g.event_date is not None and (days is None or days > max_days):
                continue
            km = distance(g, p)
            if km is not None and km <= max_km:
                kind, rank = "geo", 0
            elif km is None:
                kind, rank = "nogeo", 1
            else:
                kind, rank = "far", 2
            cands.append(((rank, days or 0, km if km is not None else 0.0), Pair(gi, pi, kind, km, days)))
    cands.sort(key=lambda c: c[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, pair in cands:
        if pair.gold in used_g or pair.pred in used_p:
            continue
        used_g.add(pair.gold)
        used_p.add(pair.pred)
        pairs.append(pair)
    return sorted(pairs, key=lambda p: p.gold)


# ---------------------------------------------------------------------------------------------- fields


def _eq(a: str | None, b: str | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and fold(a) == fold(b))


def admin1_equal(gold: str, pred: str | None) -> bool:
    if pred is None:
        return False
    a, b = place_key(gold), place_key(pred)
    if not a or not b:
        return False
    if a == b:
        return True
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) >= 85  # transliteration variants: Nangarhar/Ningarhar, Ninawa/Nineveh


def loose_actor(name: str | None) -> str | None:
    """Actor key without any trailing qualifier: "Protesters (India)" ~ "Protesters" (diagnostic only)."""
    import re

    key = actor_key(name)
    if key is None:
        return None
    return re.sub(r"\s*\([^)]*\)\s*$", "", key).casefold() or None


def within10(gold: int, pred: int) -> bool:
    return abs(pred - gold) <= 0.1 * gold if gold else pred == 0


def pred_attack_type(p: Event) -> tuple[str | None, bool]:
    """Our attack type, else the one mapped from our ACLED sub-event type (second value True = mapped)."""
    if p.attack_type:
        return p.attack_type, False
    mapped = attack_from_sub_event(p.sub_event_type)
    return mapped, mapped is not None


def compare(g: GoldEvent, p: Event, km: float | None, days: int | None) -> dict[str, Any]:
    """Field results for one pair: True/False when scored, absent when the gold does not code it."""
    r: dict[str, Any] = {}
    if g.event_date is not None and g.source != "ucdp":  # UCDP: the date is given, not extracted
        r["date_exact"] = days == 0
        r["date_pm1"] = days is not None and days <= 1
    giso = country_iso(g.country)
    if giso:
        r["country"] = (p.iso or country_iso(p.country)) == giso
    if g.admin1:
        r["admin1"] = admin1_equal(g.admin1, p.admin1)
    if has_coords(g.latitude, g.longitude):
        r["km"] = km  # None = prediction without coordinates (scored wrong at every radius)
        for radius in (1, 25, 161):
            r[f"acc{radius}"] = km is not None and km <= radius
    if g.source == "ucdp":
        return r  # UCDP has no narrative: only the geocoder ran, so only place fields are scored
    # actors
    pk1 = actor_key(p.actor1)
    if g.source == "gtd":
        keys = {actor_key(a) for a in (g.actor1_all or (g.actor1,)) if a}
        if keys:
            if keys == {"Unknown"}:
                r["actor1"] = pk1 in (None, "Unknown")
            else:
                r["actor1"] = pk1 in keys
    elif g.actor1 is not None:
        r["actor1"] = pk1 == actor_key(g.actor1)
        r["actor1_loose"] = loose_actor(p.actor1) == loose_actor(g.actor1)
    if g.source == "acled" or (g.source == "team" and g.actor2 is not None):
        r["actor2"] = actor_key(p.actor2) == actor_key(g.actor2)
        r["actor2_loose"] = loose_actor(p.actor2) == loose_actor(g.actor2)
    # types
    if g.source in ("acled", "team") and g.event_type:
        if g.acled_taxonomy == "pre-2019":
            r["event_type_pre2019"] = _eq(old_acled_type(p.event_type, p.sub_event_type), g.event_type)
        else:
            r["event_type"] = _eq(p.event_type, g.event_type)
            if g.sub_event_type:
                r["sub_event_type"] = _eq(p.sub_event_type, g.sub_event_type)
    if g.source == "ucdp" and g.event_type:
        pass  # UCDP type_of_violence is not one of our fields
    if g.attack_type:
        at, mapped = pred_attack_type(p)
        r["attack_type"] = _eq(at, g.attack_type)
        r["attack_type_any"] = at is not None and fold(at) in {
            fold(a) for a in g.attack_types or (g.attack_type,)
        }
        r["_attack_mapped"] = mapped
    if g.weapon_type:
        r["weapon_type"] = _eq(p.weapon_type, gtd_type(g.weapon_type))
    if g.target_type:
        r["target_type"] = _eq(p.target_type, g.target_type)
    # casualties
    for fname in ("killed", "wounded"):
        gv: int | None = getattr(g, fname)
        pv: int | None = getattr(p, fname)
        if g.source == "acled" and fname == "wounded":
            continue
        if g.source == "acled" and pv is None:
            pv = 0  # ACLED fatalities rule: no number stated -> 0 (CODEBOOKS 1.6)
        r[f"{fname}_null"] = ("value" if gv is not None else "null", "value" if pv is not None else "null")
        if gv is not None:
            r[f"{fname}_exact"] = pv == gv
            r[f"{fname}_unstated0"] = (0 if pv is None else pv) == gv  # diagnostic: silent text read as 0
            r[f"{fname}_10pct"] = pv is not None and within10(gv, pv)
    if g.claimed is not None:
        # GTD claimed = someone claimed responsibility (CODEBOOKS §2), not SCHEMA's claimed (figures' source)
        if g.source == "gtd":
            r["claimed"] = bool(p.context.get("responsibility_claimed")) == g.claimed
        else:
            r["claimed"] = bool(p.claimed) == g.claimed
    return r


SCORED_FIELDS = (
    "date_exact",
    "date_pm1",
    "country",
    "admin1",
    "acc1",
    "acc25",
    "acc161",
    "actor1",
    "actor1_loose",
    "actor2",
    "actor2_loose",
    "event_type",
    "event_type_pre2019",
    "sub_event_type",
    "attack_type",
    "attack_type_any",
    "weapon_type",
    "target_type",
    "killed_exact",
    "killed_10pct",
    "killed_unstated0",
    "wounded_exact",
    "wounded_10pct",
    "wounded_unstated0",
    "claimed",
)
