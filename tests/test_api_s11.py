"""Session 11 (ui), against a real `eventcoder serve` process over a real store:

1. Each audit entry of an event says whether an undo would take it back now (``undoable``) and, when not, why
   (``undo_refused``, the 409's own message): the review page showed its undo button on edits whose undo the
   server then refused (a field set again since, an edit already undone).
2. ``geo_reason`` reaches ``GET /api/export`` in csv and geojson (and not the ACLED layout), a correction's
   "corrected by" reason included.
3. ``country=NG`` (the review page's Country box holding the ISO code) matched nothing: two letters are the code.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest
from test_api_support import serve_one_event

TEXT = "Armed men raided a police post in Dalori village on 9 June 2018; four officers were killed."
SPEC = dict(event_date="2018-06-09", country="Nigeria", iso="NG", admin1="Borno", location="Dalori",
            latitude=11.79, longitude=13.21, geo_precision=1, event_type="Battles", actor1="Unidentified gunmen",
            killed=4, confidence=0.95, evidence={"location": "Dalori", "killed": "four officers were killed"})
REASON = "the village in the phrase, in the heading's state"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    with serve_one_event(tmp_path_factory.mktemp("home"), TEXT, SPEC, {"geo_reason": REASON, "geo_method": "exact"},
                         source="Desk", published="2018-06-10") as (client, ev):
        yield {"c": client, "id": ev.event_id}


def _audit(c: Any, eid: str) -> list[dict[str, Any]]:
    detail = c.get(f"/api/events/{eid}").json()["audit"]
    assert detail == c.get(f"/api/events/{eid}/audit").json()  # the same entries, the same verdicts
    return list(detail)


def test_each_audit_entry_says_whether_an_undo_would_be_refused(server: dict[str, Any]) -> None:
    c, eid = server["c"], server["id"]
    assert c.patch(f"/api/events/{eid}", json={"killed": 5}).status_code == 200
    assert c.patch(f"/api/events/{eid}", json={"killed": 6}).status_code == 200
    assert c.patch(f"/api/events/{eid}", json={"actor1": "Boko Haram"}).status_code == 200
    assert c.post(f"/api/events/{eid}/approve").status_code == 200
    first, second, third, approve = _audit(c, eid)
    # the first edit's field was set again by the second: its undo is refused, and the page must not offer it
    assert first["undoable"] is False
    assert first["undo_refused"] == (f"killed changed after audit entry {first['id']}: undo the later change "
                                     f"(audit entry {second['id']}) first")
    assert (second["undoable"], second["undo_refused"]) == (True, None)
    assert (third["undoable"], third["undo_refused"]) == (True, None)
    assert approve["undoable"] is False and "reopen takes it back" in approve["undo_refused"]
    # every verdict is the server's own: what it says is refused is refused, what it offers goes through
    r = c.post(f"/api/events/{eid}/undo", json={"audit_id": first["id"]})
    assert r.status_code == 409 and r.json()["error"]["message"] == first["undo_refused"]
    assert c.post(f"/api/events/{eid}/undo", json={"audit_id": second["id"]}).status_code == 200
    entries = {a["id"]: a for a in _audit(c, eid)}
    assert entries[second["id"]]["undoable"] is False and "already undone" in entries[second["id"]]["undo_refused"]
    assert entries[first["id"]]["undoable"] is True  # the later change is taken back: now this one can be
    undo = max(entries.values(), key=lambda a: a["id"])
    assert undo["action"] == "undo" and undo["undoable"] is False
    # the store-wide log does not work the verdicts out: null, not a false "no"
    assert {(a["undoable"], a["undo_refused"]) for a in c.get("/api/audit").json()} == {(None, None)}


def test_geo_reason_reaches_the_api_exports_but_not_acled(server: dict[str, Any]) -> None:
    c, eid = server["c"], server["id"]
    rows = list(csv.DictReader(io.StringIO(c.get("/api/export", params={"format": "csv"}).text)))
    assert [r["geo_reason"] for r in rows] == [REASON]
    # an analyst's correction of the place: its reason ("corrected by ...") is what the export says now
    assert c.patch(f"/api/events/{eid}", json={"location": "Maiduguri", "latitude": 11.85,
                                              "longitude": 13.16}).status_code == 200
    feats = c.get("/api/export", params={"format": "geojson"}).json()["features"]
    assert feats[0]["properties"]["geo_reason"].startswith("corrected by key:")
    assert REASON in feats[0]["properties"]["geo_reason"]  # (was: ..., the geocoder's reason)
    acled = c.get("/api/export", params={"format": "acled"}).text.lstrip("\ufeff")
    assert "geo_reason" not in acled.splitlines()[0] and "corrected by" not in acled


def test_a_two_letter_country_is_the_iso_code(server: dict[str, Any]) -> None:
    c = server["c"]
    by_name = c.get("/api/events", params={"country": "nigeria"}).json()
    assert by_name["total"] == 1
    for code in ("NG", "ng"):
        got = c.get("/api/events", params={"country": code}).json()
        assert [e["event_id"] for e in got["events"]] == [e["event_id"] for e in by_name["events"]], code
    assert c.get("/api/events", params={"country": "IQ"}).json()["total"] == 0  # a code, not any country
    rows = list(csv.DictReader(io.StringIO(c.get("/api/export", params={"format": "csv", "country": "NG"}).text)))
    assert [r["event_id"] for r in rows] == [server["id"]]
