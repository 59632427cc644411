"""Reviewer U, session 10: the undo of an edit (POST /api/events/{id}/undo) never takes back a later analyst's
edit, and its refusals name an entry that can be undone. In-process (TestClient), no gazetteer."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from test_api_support import NoPipeline, TestClient, events_of

from eventcoder.api.app import create_app
from eventcoder.api.auth import KeyStore
from eventcoder.records import Document
from eventcoder.stages.store import Store

TEXT = "Gunmen attacked a checkpoint in Rakka on 3 May 2017, killing 2 soldiers."
SPEC = dict(event_date="2017-05-03", country="Syria", iso="SY", admin1="Ar Raqqah", location="Ar Raqqah",
            latitude=35.8, longitude=38.9, geo_precision=3, event_type="Battles", actor1="Unidentified gunmen",
            killed=2, confidence=0.9, evidence={"location": "Rakka", "killed": "killing 2"})


@pytest.fixture()
def api(tmp_path: Path) -> Any:
    store = Store(tmp_path / "u.duckdb")
    key = KeyStore(store.con).create("analyst", "ana")[1]
    doc = Document.from_text(TEXT, source="Wire", source_type="news", published="2017-05-04")
    [ev] = events_of(doc, [SPEC])
    store.add_document(doc, [ev.replace(context={"geo_reason": "province only", "geo_method": "admin1"})])
    c = TestClient(create_app(store, pipeline=NoPipeline()))
    c.headers["X-API-Key"] = key
    yield c, ev.event_id
    store.close()


def _edit(c: Any, eid: str, **changes: Any) -> int:
    r = c.patch(f"/api/events/{eid}", json=changes)
    assert r.status_code == 200, r.text
    return _last(c, eid)


def _last(c: Any, eid: str) -> int:
    return int(c.get(f"/api/events/{eid}/audit").json()[-1]["id"])  # oldest first


def _undo(c: Any, eid: str, audit_id: int) -> Any:
    return c.post(f"/api/events/{eid}/undo", json={"audit_id": audit_id})


def test_undo_out_of_order_of_edits_to_different_fields_keeps_the_later_edit(api: Any) -> None:
    c, eid = api
    first = _edit(c, eid, killed=3)
    _edit(c, eid, actor1="Islamic State")
    r = _undo(c, eid, first)
    assert r.status_code == 200, r.text
    assert (r.json()["killed"], r.json()["actor1"]) == (2, "Islamic State")


def test_undo_never_takes_back_a_later_edit_that_set_the_same_value_again(api: Any) -> None:
    c, eid = api
    first = _edit(c, eid, killed=3)
    second = _edit(c, eid, killed=5)
    third = _edit(c, eid, killed=3)  # another analyst sets 3 again, on purpose: the value matches edit 1's
    r = _undo(c, eid, first)
    assert r.status_code == 409, r.text
    assert f"undo the later change (audit entry {third}) first" in r.json()["error"]["message"]
    assert c.get(f"/api/events/{eid}").json()["event"]["killed"] == 3
    for later in (third, second):  # newest first, each refusal pointing at one that can be undone
        assert _undo(c, eid, later).status_code == 200
    assert _undo(c, eid, first).json()["killed"] == 2


def test_a_refusal_names_a_live_edit_not_an_undo_entry(api: Any) -> None:
    c, eid = api
    first = _edit(c, eid, killed=3)
    second = _edit(c, eid, killed=4)
    third = _edit(c, eid, killed=5)
    assert _undo(c, eid, third).json()["killed"] == 4
    r = _undo(c, eid, first)
    assert r.status_code == 409
    assert f"(audit entry {second})" in r.json()["error"]["message"]  # not the undo entry, which cannot be undone
    assert _undo(c, eid, second).status_code == 200
    assert _undo(c, eid, first).json()["killed"] == 2


def test_a_place_correction_blocks_the_undo_of_an_older_edit_of_a_field_it_sent(api: Any) -> None:
    c, eid = api
    first = _edit(c, eid, admin1="Raqqa Governorate")
    # a place correction sends every place field, admin1 unchanged among them: it chose that admin1 too
    place = dict(location="Ar Raqqah", admin1="Raqqa Governorate", latitude=35.95, longitude=39.01, geo_precision=1)
    corr = _edit(c, eid, **place)
    r = _undo(c, eid, first)
    assert r.status_code == 409 and f"(audit entry {corr})" in r.json()["error"]["message"]
    undone = _undo(c, eid, corr).json()
    assert (undone["latitude"], undone["geo_precision"], undone["geo_reason"]) == (35.8, 3, "province only")
    assert _undo(c, eid, first).json()["admin1"] == "Ar Raqqah"


def test_undo_of_an_undo_or_of_a_status_change_is_refused_with_what_to_do(api: Any) -> None:
    c, eid = api
    first = _edit(c, eid, killed=3)
    _undo(c, eid, first)
    undo_id = _last(c, eid)
    r = _undo(c, eid, undo_id)
    assert r.status_code == 409
    msg = r.json()["error"]["message"]
    assert "'undo'" in msg and "edit the field again" in msg, msg
    c.post(f"/api/events/{eid}/approve")
    approve_id = _last(c, eid)
    assert "reopen" in _undo(c, eid, approve_id).json()["error"]["message"]
    actions = [a["action"] for a in c.get(f"/api/events/{eid}/audit").json()]
    assert actions == ["edit", "undo", "approve"]  # nothing deleted: the history can be replayed


def _documented_endpoints() -> set[tuple[str, str]]:
    """(method, path) of each row of docs/api.md's endpoint table: '`POST /api/events/{id}/approve` · `/reject`'
    (a sibling of the path before), '`GET/POST /api/keys`' (two methods), '?query' and path-parameter names dropped."""
    out: set[tuple[str, str]] = set()
    for line in (Path(__file__).resolve().parents[1] / "docs" / "api.md").read_text(encoding="utf-8").splitlines():
        if not line.startswith("| `"):
            continue
        last: tuple[list[str], str] | None = None
        for item in re.findall(r"`([^`]+)`", line.split(" | ")[0]):
            m = re.match(r"([A-Z/]+) (/\S+)", item)
            if m:
                methods, path = m.group(1).split("/"), m.group(2)
            elif item.startswith("/") and last is not None:
                methods, path = last[0], last[1].rsplit("/", 1)[0] + item
            else:
                continue
            path = re.sub(r"\{[^}]+\}", "{}", path.split("?")[0])
            last = (methods, path)
            out |= {(x, path) for x in methods}
    return out


def test_docs_api_md_lists_exactly_the_endpoints_the_server_serves(api: Any) -> None:
    c, _ = api
    spec = c.get("/api/openapi.json").json()
    served = {(m.upper(), re.sub(r"\{[^}]+\}", "{}", p)) for p, ops in spec["paths"].items() for m in ops}
    documented = _documented_endpoints()
    assert len(documented) >= 20  # the parser read the table
    assert served - documented == set(), "served but not in docs/api.md"
    assert documented - served == set(), "in docs/api.md but not served"
