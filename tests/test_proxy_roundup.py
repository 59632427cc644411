"""Issue 3's held-out check, on a proxy roundup the lead wrote without showing it to the extraction work.

tests/fixtures/proxy_roundup/roundup.txt: 28 incidents in Syria, Iraq, Nigeria, Egypt, Afghanistan, Somalia and
Yemen, Hijri dates without a year (Ramadan 1439, published 2018-06-14), region headings with and without colons,
compound headings ("Iraq - Salahuddin Wilayah"), combined casualty figures and slurs for every enemy.
key.json gives, per incident, the Gregorian date, country and the named town's coordinates (public facts), and
the stated figures. The issue's bar: >= 24 of ~30 found with the right date (+-1 day), country, coordinates
within 25 km and a neutral actor2; stated figures in the right field; no slur in actor or notes fields; <= 45 events.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path

import pytest

from eventcoder.pipeline import Pipeline
from eventcoder.settings import Settings
from eventcoder.stages.ingest import iter_documents

HERE = Path(__file__).parent / "fixtures" / "proxy_roundup"
SLURS = re.compile(
    r"rafid|nusayr|murtad|kuffar|kafir|crusader|mushrik|apostate|polytheist|infidel|taghut|khilaf", re.I
)


def _km(a: float, b: float, c: float, d: float) -> float:
    p = math.pi / 180
    x = math.sin((c - a) * p / 2) ** 2 + math.cos(a * p) * math.cos(c * p) * math.sin((d - b) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(x))


@pytest.fixture(scope="module")
def events() -> list[dict[str, object]]:
    errors: list[object] = []
    docs = list(iter_documents([HERE / "roundup.txt"], Settings(), errors.append))
    assert len(docs) == 1 and not errors
    return [e.to_dict() for e in Pipeline(Settings()).process(docs[0])]


def _match(events: list[dict[str, object]]) -> list[dict[str, object] | None]:
    key = json.loads((HERE / "key.json").read_text(encoding="utf-8"))
    used: set[int] = set()
    out: list[dict[str, object] | None] = []
    for k in key:
        best: tuple[int, float] | None = None
        for j, e in enumerate(events):
            if j in used or not e["event_date"] or e["latitude"] is None:
                continue
            days = abs((dt.date.fromisoformat(str(e["event_date"])) - dt.date.fromisoformat(k["date"])).days)
            dist = _km(k["lat"], k["lon"], float(e["latitude"]), float(e["longitude"]))  # type: ignore[arg-type]
            if days <= 1 and e["iso"] == k["iso"] and dist <= 25 and (best is None or dist < best[1]):
                best = (j, dist)
        if best is None:
            out.append(None)
            continue
        used.add(best[0])
        out.append({**events[best[0]], "_key": k})
    return out


def test_incidents_found_with_date_country_place_and_neutral_opponent(events: list[dict[str, object]]) -> None:
    matched = _match(events)
    found = [m for m in matched if m and m["actor2"] and not SLURS.search(str(m["actor2"]))]
    assert len(found) >= 26, [i for i, m in enumerate(matched) if m is None]  # 27 of 28 when pinned


def test_stated_figures_land_in_their_own_field(events: list[dict[str, object]]) -> None:
    matched = [m for m in _match(events) if m]
    right = [
        m for m in matched
        if (m["killed"], m["wounded"], m["killed_or_wounded"])
        == (m["_key"]["killed"], m["_key"]["wounded"], m["_key"]["killed_or_wounded"])  # type: ignore[index]
    ]
    assert len(right) >= len(matched) - 1
    combined = [m for m in matched if m["_key"]["killed_or_wounded"]]  # type: ignore[index]
    assert combined and all(m["killed"] is None for m in combined)  # a combined figure is never 'killed'


def test_no_slur_in_normalized_fields_and_no_event_flood(events: list[dict[str, object]]) -> None:
    assert 24 <= len(events) <= 45
    for e in events:
        for f in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "notes", "location", "admin1"):
            assert not SLURS.search(str(e[f] or "")), (f, e[f])
        assert e["source_type"] == "claim"
        # claimed (SCHEMA: the figures come from the perpetrator's own claim) holds for every incident the group
        # claims; the roundup's one report of a coalition strike on the group's side is told by its target
        assert e["claimed"] is (e["actor1"] != "US-led coalition (CJTF-OIR)"), (e["actor1"], e["notes"])
    assert sum(not e["claimed"] for e in events) == 1
