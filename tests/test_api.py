"""HTTP API: auth and roles, filters and pagination, review actions with audit, export, limits, errors."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
from click.testing import CliRunner
from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse
from test_api_support import REPORTS, NoPipeline, TestClient, load_reports, submit_body

from eventcoder.api.app import _is_sequence, create_app, refuse_repeated_query
from eventcoder.api.auth import KeyStore
from eventcoder.api.errors import ApiError
from eventcoder.cli import main
from eventcoder.stages.store import Store


@pytest.fixture()
def env(tmp_path: Path) -> Iterator[dict[str, Any]]:
    store = Store(tmp_path / "api.duckdb")
    ks = KeyStore(store.con)
    keys = {role: ks.create(role, f"{role} tester")[1] for role in ("reader", "analyst", "admin")}
    ids = load_reports(store)
    app = create_app(store, pipeline=NoPipeline(), rate_limit=0)
    with TestClient(app) as client:
        yield {"client": client, "store": store, "keys": keys, "ids": ids, "path": tmp_path / "api.duckdb"}
    store.close()


def h(env: dict[str, Any], role: str) -> dict[str, str]:
    return {"X-API-Key": env["keys"][role]}


def assert_error(resp: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body


# -- auth ------------------------------------------------------------------------------------------


def test_reads_need_a_key_unless_public(env: dict[str, Any], tmp_path: Path) -> None:
    c = env["client"]
    assert_error(c.get("/api/events"), 401, "unauthorized")
    assert c.get("/api/events", headers=h(env, "reader")).json()["total"] == 4
    assert c.get("/api/events", headers={"Authorization": "Bearer " + env["keys"]["reader"]}).status_code == 200
    assert_error(c.get("/api/events", headers={"X-API-Key": env["keys"]["reader"] + "x"}), 401)
    assert_error(c.get("/api/events", headers={"X-API-Key": "eck_nope_nope"}), 401)
    public = TestClient(create_app(env["store"], public_read=True, pipeline=NoPipeline(), rate_limit=0))
    assert public.get("/api/events").json()["total"] == 4
    assert public.get("/api/me").json()["role"] == "reader"
    # writes still need a key, even when reads are public
    assert_error(public.post(f"/api/events/{env['ids'][0]}/approve"), 401)
    assert_error(public.post("/api/documents", json={"text": "x"}), 401)


def test_a_credential_header_that_cannot_be_used_is_refused_not_ignored(env: dict[str, Any]) -> None:
    """A malformed Authorization header (or an empty X-API-Key) next to a valid key is a 401: the spec's
    HTTPBearer scheme says ``Bearer <key>``, and a caller that sent a broken credential must learn it."""
    c, good = env["client"], h(env, "reader")
    for bad in ("", "Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Token " + env["keys"]["reader"]):
        body = assert_error(c.get("/api/audit", headers={**good, "Authorization": bad}), 401, "unauthorized")
        assert "Bearer <key>" in body["error"]["message"]
        assert_error(c.get("/api/me", headers={"Authorization": bad}), 401)
    assert_error(c.get("/api/events", headers={"X-API-Key": ""}), 401)
    assert_error(c.get("/api/events", headers={"X-API-Key": " ",
                                               "Authorization": "Bearer " + env["keys"]["reader"]}), 401)
    # well-formed ones still work, the scheme in any case and with extra spaces
    assert c.get("/api/audit", headers={"Authorization": "bearer  " + env["keys"]["reader"]}).status_code == 200
    assert c.get("/api/me", headers={"Authorization": "BEARER " + env["keys"]["analyst"]}).json()["role"] == "analyst"
    assert c.get("/api/me").json()["role"] is None
    public = TestClient(create_app(env["store"], public_read=True, pipeline=NoPipeline(), rate_limit=0))
    body = assert_error(public.get("/api/events", headers={"Authorization": "Basic x"}), 401)
    assert "proxy" in body["error"]["message"]  # says what to do behind a Basic-auth reverse proxy


def test_a_single_valued_query_parameter_given_twice_is_refused(env: dict[str, Any]) -> None:
    """FastAPI would quietly use the last of ``?event_id=a&event_id=b``; the spec declares one value."""
    c, good, ev = env["client"], h(env, "reader"), env["ids"][0]
    body = assert_error(c.get(f"/api/audit?event_id={ev}&event_id=x", headers=good), 422, "invalid_request")
    assert "'event_id' is given 2 times" in body["error"]["message"]
    assert_error(c.get("/api/events?country=Syria&country=Iraq", headers=good), 422)  # a filter dependency
    assert_error(c.get("/api/events?limit=1&limit=2", headers=good), 422)
    assert_error(c.get("/api/export?format=csv&format=csv", headers=good), 422)
    assert c.get(f"/api/audit?event_id={ev}", headers=good).status_code == 200
    assert c.get("/api/events?country=&limit=2", headers=good).json()["limit"] == 2
    # a pair with no name is what the schema test's negative data makes of an object for a query parameter
    # ({'': 'null'} next to 'actor=') -- not a parameter of the spec: refused, not answered 200
    body = assert_error(c.get("/api/events?=null&actor=", headers=good), 422, "invalid_request")
    assert "no name" in body["error"]["message"]
    assert c.get("/api/events?actor=", headers=good).status_code == 200


def _tags(tags: Annotated[list[str] | None, Query()] = None) -> list[str]:  # a dependency's list parameter
    return tags or []


def test_list_query_parameters_may_repeat() -> None:
    # (module-level imports: this module's annotations are strings, resolved in its globals)
    assert _is_sequence(list[str]) and _is_sequence(list[str] | None) and _is_sequence(tuple[int, ...])
    assert not _is_sequence(str) and not _is_sequence(str | None) and not _is_sequence(int)
    app = FastAPI(dependencies=[Depends(refuse_repeated_query)])

    @app.exception_handler(ApiError)
    async def _err(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"message": exc.message}, status_code=exc.status)

    @app.get("/t")
    def t(sub_tags: Annotated[list[str], Depends(_tags)], tag: Annotated[list[str] | None, Query()] = None,
          one: str | None = None) -> dict[str, Any]:
        return {"tag": tag, "tags": sub_tags, "one": one}

    c = TestClient(app)
    assert c.get("/t?tag=a&tag=b&tags=c&tags=d&one=x").json() == {"tag": ["a", "b"], "tags": ["c", "d"], "one": "x"}
    r = c.get("/t?tag=a&one=x&one=y")
    assert r.status_code == 422 and "'one' is given 2 times" in r.json()["message"]


def test_roles(env: dict[str, Any]) -> None:
    c, ev = env["client"], env["ids"][0]
    assert_error(c.post(f"/api/events/{ev}/approve", headers=h(env, "reader")), 403, "forbidden")
    assert c.post(f"/api/events/{ev}/approve", headers=h(env, "analyst")).json()["review_status"] == "approved"
    assert_error(c.get("/api/keys", headers=h(env, "analyst")), 403)
    keys = c.get("/api/keys", headers=h(env, "admin")).json()
    assert {k["role"] for k in keys} == {"reader", "analyst", "admin"}
    assert all("hash" not in k and "key" not in k for k in keys)


def test_keys_are_stored_hashed_and_revocable(env: dict[str, Any]) -> None:
    c = env["client"]
    made = c.post("/api/keys", headers=h(env, "admin"), json={"role": "reader", "name": "temp"}).json()
    key = made["key"]
    rows = env["store"].con.execute("SELECT * FROM api_keys").fetchall()
    assert not any(key in str(v) or key.split("_", 2)[2] in str(v) for row in rows for v in row)
    assert c.get("/api/me", headers={"X-API-Key": key}).json()["role"] == "reader"
    assert c.delete(f"/api/keys/{made['key_id']}", headers=h(env, "admin")).status_code == 204
    assert_error(c.get("/api/events", headers={"X-API-Key": key}), 401)
    assert_error(c.delete(f"/api/keys/{made['key_id']}", headers=h(env, "admin")), 404)


def test_cli_keys_create_list_revoke(tmp_path: Path) -> None:
    db = str(tmp_path / "k.duckdb")
    r = CliRunner().invoke(main, ["keys", "create", "--role", "analyst", "--name", "ana", "--db", db])
    assert r.exit_code == 0, r.output
    key = r.stdout.strip().splitlines()[-1]
    assert key.startswith("eck_")
    with Store(db) as s:
        p = KeyStore(s.con).verify(key)
        assert p is not None and p.role == "analyst"
    listed = CliRunner().invoke(main, ["keys", "list", "--db", db])
    assert "analyst" in listed.output and key not in listed.output
    kid = key.split("_")[1]
    assert CliRunner().invoke(main, ["keys", "revoke", kid, "--db", db]).exit_code == 0
    again = CliRunner().invoke(main, ["keys", "revoke", kid, "--db", db])
    assert again.exit_code != 0 and "no active key" in again.output
    bad = CliRunner().invoke(main, ["keys", "create", "--role", "boss", "--db", db])
    assert bad.exit_code != 0


# -- reading ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=Somalia", 2),
        ("iso=iq", 2),
        ("admin1=Nineveh", 1),
        ("actor=shabaab", 2),
        ("actor=%25", 0),  # % and _ are letters of the user's text, not LIKE wildcards
        ("actor=_", 0),
        ("actor=al_shabaab", 0),
        ("actor=al%20shabaab", 2),
        ("event_type=Battles", 1),
        ("claimed=true", 1),
        ("claimed=false", 3),
        ("date_from=2017-03-01", 1),
        ("date_to=2017-01-02", 3),
        ("date_from=2017-01-02&date_to=2017-01-02", 3),
        ("bbox=40,30,50,40", 2),
        ("bbox=40,0,50,5", 2),
        ("review_status=approved", 0),
        ("review_status=proposed", 4),
    ],
)
def test_filters(env: dict[str, Any], query: str, expected: int) -> None:
    body = env["client"].get(f"/api/events?{query}", headers=h(env, "reader")).json()
    assert body["total"] == expected == len(body["events"])


def _flagged(ev: Any, cut: float) -> bool:
    """The needs-review rule as docs/ui.md states it, in Python: no coordinates, geo_precision 3 or none, or
    confidence below the server's cut-off."""
    return (ev.latitude is None or ev.longitude is None or ev.geo_precision in (None, 3)
            or (ev.confidence is not None and ev.confidence < cut))


def test_needs_review_filters_the_whole_store(tmp_path: Path) -> None:
    """The review page's "Needs review" box filtered only the first 1,000 events it had loaded: a store with
    more showed "none need review" for events the page never loaded. The API filters the whole store now
    (needs_review=true|false), with the server's cut-off (review_confidence, shown by /api/me)."""
    from test_api_support import REPORTS, events_of

    from eventcoder.records import Document

    store = Store(tmp_path / "many.duckdb")
    key = KeyStore(store.con).create("reader", "r")[1]
    base = REPORTS[0]
    pairs = []
    for i in range(1200):  # 1,200 documents of one event each; only the last 50 need review
        doc = Document.from_text(f"{base['text']} ({i})", source=base["source"], published=base["published"])
        weak = i >= 1150
        spec = {**base["events"][0], "confidence": 0.5 if weak and i % 2 else 0.95,
                "geo_precision": 3 if weak and not i % 2 else 1}
        pairs.append((doc, events_of(doc, [spec])))
    assert all(store.add_batch(pairs))
    everything = list(store.iter_events())
    for cut, expected in ((0.9, 50), (0.4, 25)):
        with TestClient(create_app(store, pipeline=NoPipeline(), rate_limit=0, review_confidence=cut)) as c:
            assert c.get("/api/me").json()["review_confidence"] == cut
            hk = {"X-API-Key": key}
            page = c.get("/api/events?needs_review=true&limit=10&order=date", headers=hk).json()
            assert page["total"] == expected == sum(_flagged(e, cut) for e in everything)
            assert len(page["events"]) == 10
            rest = c.get("/api/events?needs_review=false&limit=1", headers=hk).json()["total"]
            assert rest == 1200 - expected
            flagged = {e["event_id"] for e in c.get("/api/events?needs_review=true&limit=1000", headers=hk).json()["events"]}
            assert flagged == {e.event_id for e in everything if _flagged(e, cut)}
            # each event says why it needs review, by the filter's own rule (session 9: the page shows these
            # instead of its own copy of the rule): reasons on exactly the flagged events, at this cut-off
            listed = [e for off in (0, 1000) for e in
                      c.get(f"/api/events?limit=1000&offset={off}", headers=hk).json()["events"]]
            assert len(listed) == 1200
            assert {e["event_id"] for e in listed if e["review_reasons"]} == flagged
            weak = [e for e in listed if e["review_reasons"]]
            assert {tuple(e["review_reasons"]) for e in weak} == (
                {("location only to province or larger (geo_precision 3)",), ("confidence 0.5",)} if cut == 0.9
                else {("location only to province or larger (geo_precision 3)",)})
            one = c.get(f"/api/events/{weak[0]['event_id']}", headers=hk).json()["event"]
            assert one["review_reasons"] == weak[0]["review_reasons"]
            # the export takes the same filter
            csv_text = c.get("/api/export?format=csv&needs_review=true", headers=hk).text
            assert len(csv_text.strip().splitlines()) == expected + 1
            assert_error(c.get("/api/events?needs_review=maybe", headers=hk), 422, "invalid_request")
    # review (session 8): an analyst who approves or rejects a flagged event expects it gone from the queue;
    # reopening puts it back
    analyst = {"X-API-Key": KeyStore(store.con).create("analyst", "a")[1]}
    with TestClient(create_app(store, pipeline=NoPipeline(), rate_limit=0)) as c:
        queue = c.get("/api/events?needs_review=true&limit=1000", headers=analyst).json()["events"]
        first, second = queue[0]["event_id"], queue[1]["event_id"]
        assert queue[0]["review_reasons"]
        approved = c.post(f"/api/events/{first}/approve", headers=analyst).json()
        assert approved["review_status"] == "approved" and approved["review_reasons"] == []  # the mark goes at once
        assert c.post(f"/api/events/{second}/reject", headers=analyst).json()["review_status"] == "rejected"
        after = {e["event_id"] for e in c.get("/api/events?needs_review=true&limit=1000", headers=analyst).json()["events"]}
        assert after == {e["event_id"] for e in queue} - {first, second}
        others = c.get("/api/events?needs_review=false&limit=1000&order=-updated", headers=analyst).json()
        assert others["total"] == 1200 - 50 + 2 and {first, second} <= {e["event_id"] for e in others["events"]}
        assert len(c.get("/api/export?format=csv&needs_review=true", headers=analyst).text.strip().splitlines()) == 49
        assert c.post(f"/api/events/{first}/reopen", headers=analyst).json()["review_reasons"] == queue[0]["review_reasons"]
        assert c.get("/api/events?needs_review=true&limit=1", headers=analyst).json()["total"] == 49
    store.close()


def test_pagination_and_order(env: dict[str, Any]) -> None:
    c = env["client"]
    seen = []
    for offset in range(0, 4, 3):
        page = c.get(f"/api/events?limit=3&offset={offset}&order=-date", headers=h(env, "reader")).json()
        assert page["total"] == 4 and page["limit"] == 3
        seen += [e["event_id"] for e in page["events"]]
    assert sorted(seen) == sorted(env["ids"])
    dates = [e["event_date"] for e in c.get("/api/events?order=-date", headers=h(env, "reader")).json()["events"]]
    assert dates == sorted(dates, reverse=True)
    assert_error(c.get("/api/events?limit=5000", headers=h(env, "reader")), 422, "invalid_request")
    assert_error(c.get("/api/events?order=sideways", headers=h(env, "reader")), 422)
    assert_error(c.get("/api/events?date_from=yesterday", headers=h(env, "reader")), 422)
    assert_error(c.get("/api/events?bbox=1,2,3", headers=h(env, "reader")), 422)


def test_event_detail_has_source_and_evidence_text(env: dict[str, Any]) -> None:
    ev = env["ids"][0]
    d = env["client"].get(f"/api/events/{ev}", headers=h(env, "reader")).json()
    assert d["event"]["event_id"] == ev and d["event"]["review_status"] == "proposed"
    assert d["documents"][0]["text"] == REPORTS[0]["text"]
    spans = {e["field"]: e["text"] for e in d["evidence"]}
    assert spans == {"event_date": "2 January 2017", "location": "Baghdad", "killed": "killing 3",
                     "wounded": "wounding 10", "sub_event_type": "car bomb"}
    assert d["passage"]["text"] in REPORTS[0]["text"] and "Baghdad" in d["passage"]["text"]
    assert d["sources"][0]["source"] == "Example Wire"
    assert_error(env["client"].get("/api/events/ev:missing", headers=h(env, "reader")), 404, "not_found")


# -- review actions ----------------------------------------------------------------------------------


def test_patch_approve_reject_are_audited(env: dict[str, Any]) -> None:
    c, ev = env["client"], env["ids"][1]
    new = c.patch(f"/api/events/{ev}", headers=h(env, "analyst"), json={"killed": 11, "admin1": None}).json()
    assert new["killed"] == 11 and new["admin1"] is None
    assert c.post(f"/api/events/{ev}/reject", headers=h(env, "analyst")).json()["review_status"] == "rejected"
    assert c.post(f"/api/events/{ev}/approve", headers=h(env, "analyst")).json()["review_status"] == "approved"
    audit = c.get(f"/api/events/{ev}/audit", headers=h(env, "reader")).json()
    assert [a["action"] for a in audit] == ["edit", "reject", "approve"]
    assert audit[0]["before"] == {"killed": 12, "admin1": "Nineveh"}
    assert audit[0]["after"] == {"killed": 11, "admin1": None}
    assert audit[0]["who"].startswith("key:") and "analyst tester" in audit[0]["who"]
    assert audit[0]["at"] and audit[2]["before"] == {"review_status": "rejected"}
    assert env["store"].get_event(ev).killed == 11  # type: ignore[union-attr]
    # invalid corrections are refused with the error shape and change nothing
    assert_error(c.patch(f"/api/events/{ev}", headers=h(env, "analyst"), json={"killed": -1}), 422)
    assert_error(c.patch(f"/api/events/{ev}", headers=h(env, "analyst"), json={"event_id": "x"}), 422)
    assert_error(c.patch(f"/api/events/{ev}", headers=h(env, "analyst"), json={"review_status": "approved"}), 422)
    assert_error(c.patch(f"/api/events/{ev}", headers=h(env, "analyst"), json={}), 422)
    assert_error(c.patch(f"/api/events/{ev}", headers=h(env, "analyst"),
                         json={"casualty_qualifier": "lots"}), 422)
    assert_error(c.patch("/api/events/ev:none", headers=h(env, "analyst"), json={"killed": 1}), 404)
    assert len(c.get(f"/api/events/{ev}/audit", headers=h(env, "reader")).json()) == 3


def test_merge_and_split(env: dict[str, Any]) -> None:
    c, ids = env["client"], env["ids"]
    into, other = ids[2], ids[3]
    merged = c.post("/api/merge", headers=h(env, "analyst"), json={"into": into, "event_ids": [other]}).json()
    assert len(merged["doc_ids"]) == 2
    listed = c.get("/api/events?country=Somalia", headers=h(env, "reader")).json()
    assert [e["event_id"] for e in listed["events"]] == [into]
    assert c.get("/api/events?country=Somalia&include_merged=true", headers=h(env, "reader")).json()["total"] == 2
    d = c.get(f"/api/events/{into}", headers=h(env, "reader")).json()
    assert d["merged"] == [other] and len(d["documents"]) == 2
    assert env["store"].get_event(other).context["_merged_into"] == into  # type: ignore[union-attr]
    assert_error(c.post("/api/merge", headers=h(env, "analyst"), json={"into": into, "event_ids": [other]}),
                 409)
    assert_error(c.post("/api/merge", headers=h(env, "analyst"), json={"into": into, "event_ids": [into]}),
                 422)
    out = c.post(f"/api/events/{into}/split", headers=h(env, "analyst"), json={}).json()
    assert out["split_off"] == [other] and len(out["event"]["doc_ids"]) == 1
    assert c.get("/api/events?country=Somalia", headers=h(env, "reader")).json()["total"] == 2
    actions = [a["action"] for a in env["store"].audit()]
    assert actions.count("merge") == 2 and actions.count("split") == 2
    # split a document off an event that cites two (e.g. merged by the dedupe stage)
    c.post("/api/merge", headers=h(env, "analyst"), json={"into": into, "event_ids": [other]})
    second = c.get(f"/api/events/{into}", headers=h(env, "reader")).json()["event"]["doc_ids"][1]
    out = c.post(f"/api/events/{into}/split", headers=h(env, "analyst"), json={"doc_ids": [second]}).json()
    assert out["event"]["doc_ids"] == [out["event"]["doc_ids"][0]] and len(out["split_off"]) == 1
    new = c.get(f"/api/events/{out['split_off'][0]}", headers=h(env, "reader")).json()["event"]
    assert new["doc_ids"] == [second] and new["evidence"] == {}


def test_merge_and_split_of_events_from_one_document_are_in_the_targets_audit(env: dict[str, Any]) -> None:
    """Events of one roundup share their document: merging one into another left the target's doc_ids as they
    were, so the target (the event the review page shows) had no audit entry for the merge or the split."""
    c, into = env["client"], env["ids"][2]
    target = env["store"].get_event(into)
    env["store"].add_events([target.replace(event_id="ev:sibling0000000")])
    r = c.post("/api/merge", headers=h(env, "analyst"), json={"into": into, "event_ids": ["ev:sibling0000000"]})
    assert r.status_code == 200 and r.json()["doc_ids"] == list(target.doc_ids)
    audit = c.get(f"/api/events/{into}/audit", headers=h(env, "reader")).json()
    assert [a["action"] for a in audit] == ["merge"]
    assert c.post(f"/api/events/{into}/split", headers=h(env, "analyst"), json={}).json()["split_off"] == [
        "ev:sibling0000000"]
    audit = c.get(f"/api/events/{into}/audit", headers=h(env, "reader")).json()
    assert [a["action"] for a in audit] == ["merge", "split"]


def test_upload_lists_warnings_and_takes_a_date_order(env: dict[str, Any]) -> None:
    """An uploaded CSV whose dates read both ways (06/01/2020) had them left empty with no word: the CLI warns,
    the API said nothing. Its answer now lists warnings, and date_order (dmy|mdy) reads them as the CLI does."""
    c = env["client"]
    rows = "id,text,date\nu1,Report one.,06/01/2020\n"
    r = c.post("/api/upload", headers=h(env, "analyst"), files={"file": ("feed.csv", rows.encode(), "text/csv")})
    assert r.status_code == 201, r.text
    assert r.json()["errors"] == [] and len(r.json()["warnings"]) == 1
    assert r.json()["warnings"][0].startswith("feed.csv:2: publication date left empty: '06/01/2020' is ambiguous")
    assert env["store"].get_document("u1").published is None
    rows2 = "id,text,date\nu2,Report two.,06/01/2020\n"
    r = c.post("/api/upload", headers=h(env, "analyst"), data={"date_order": "dmy"},
               files={"file": ("feed2.csv", rows2.encode(), "text/csv")})
    assert r.status_code == 201 and r.json()["warnings"] == [], r.text
    assert str(env["store"].get_document("u2").published)[:10] == "2020-01-06"
    # review U: past three such rows one line counts the rest, naming the upload, never its temporary path
    rows3 = "id,text,date\n" + "".join(f"v{i},Report v{i}.,0{i}/0{i + 1}/2020\n" for i in range(1, 6))
    r = c.post("/api/upload", headers=h(env, "analyst"), files={"file": ("feed3.csv", rows3.encode(), "text/csv")})
    assert r.status_code == 201, r.text
    assert [w.split(": ")[0] for w in r.json()["warnings"]] == ["feed3.csv:2", "feed3.csv:3", "feed3.csv:4", "feed3.csv"]
    assert r.json()["warnings"][3].startswith("feed3.csv: publication date left empty in 2 more rows (the first at "
                                              "line 5), for the reasons above"), r.json()["warnings"]
    assert_error(c.post("/api/upload", headers=h(env, "analyst"), data={"date_order": "ymd"},
                        files={"file": ("feed3.csv", rows2.encode(), "text/csv")}), 422, "invalid_request")


def test_json_array_upload_numbers_records_from_1(env: dict[str, Any]) -> None:
    """An uploaded JSON array's warning named its second record 'feed.json[1]' (0-based) where the same rows as
    JSONL said 'feed.jsonl:2'."""
    c = env["client"]
    rows = [{"id": "j1", "text": "Report one.", "date": "2020-06-01"}, {"id": "j2", "text": "Report two.",
                                                                         "date": "06/01/2020"}]
    r = c.post("/api/upload", headers=h(env, "analyst"),
               files={"file": ("feed.json", json.dumps(rows).encode(), "application/json")})
    assert r.status_code == 201, r.text
    assert [w.split(": ")[0] for w in r.json()["warnings"]] == ["feed.json#record2"], r.json()
    lines = "".join(json.dumps({**row, "id": row["id"] + "l"}) + "\n" for row in rows)
    r = c.post("/api/upload", headers=h(env, "analyst"), files={"file": ("feed.jsonl", lines.encode(), "text/plain")})
    assert [w.split(": ")[0] for w in r.json()["warnings"]] == ["feed.jsonl:2"], r.json()


def test_validation_messages_are_plain_words(env: dict[str, Any]) -> None:
    """'published: Value error, give the date as YYYY-MM-DD' and 'query.format: ...' showed pydantic's own
    prefixes to the analyst; the message now names the field and says what to give."""
    c, ev = env["client"], env["ids"][0]
    body = assert_error(c.post("/api/documents", headers=h(env, "analyst"),
                               json={"text": "Report.", "published": "06/05/2019"}), 422, "invalid_request")
    assert body["error"]["message"].startswith("published: give") and "Value error" not in body["error"]["message"]
    body = assert_error(c.patch(f"/api/events/{ev}", headers=h(env, "analyst"), json={"killed": 2.5}),
                        422, "invalid_request")
    assert body["error"]["message"].startswith("killed: ") and "Value error" not in body["error"]["message"]
    body = assert_error(c.get("/api/export?format=xlsx", headers=h(env, "reader")), 422, "invalid_request")
    assert body["error"]["message"].startswith("format: ")


def test_submit_document_runs_pipeline_and_is_idempotent(env: dict[str, Any]) -> None:
    c = env["client"]
    before = NoPipeline.calls
    r = c.post("/api/documents", headers=h(env, "analyst"), json={"text": "Nothing happened today.", "source": "x"})
    assert r.status_code == 201 and r.json()["stored"] is True and r.json()["events"] == []
    assert NoPipeline.calls == before + 1
    again = c.post("/api/documents", headers=h(env, "analyst"), json={"text": "Nothing happened today."})
    assert again.json()["stored"] is False
    body = submit_body(REPORTS[0]) | {"text": REPORTS[0]["text"] + " Update."}
    made = c.post("/api/documents", headers=h(env, "analyst"), json=body).json()
    assert made["stored"] and len(made["events"]) == 1
    got = env["store"].get_event(made["events"][0])
    assert got is not None and got.killed == 3 and got.doc_ids == (made["doc_id"],)
    bad = dict(body, text="short", events=[{"evidence": {"killed": [0, 99]}}])
    assert_error(c.post("/api/documents", headers=h(env, "analyst"), json=bad), 422)
    assert_error(c.post("/api/documents", headers=h(env, "analyst"), json={"text": ""}), 422)


def test_upload_file(env: dict[str, Any]) -> None:
    c = env["client"]
    r = c.post("/api/upload", headers=h(env, "analyst"),
               files={"file": ("report.html", b"<html><head><title>T</title></head><body><p>" + b"Shelling hit "
                               b"the market in the town. " * 20 + b"</p></body></html>", "text/html")},
               data={"source": "Upload Desk", "published": "2017-05-01"})
    assert r.status_code == 201, r.text
    doc_id = r.json()["documents"][0]["doc_id"]
    doc = c.get(f"/api/documents/{doc_id}", headers=h(env, "reader")).json()
    assert "Shelling hit the market" in doc["text"] and "<p>" not in doc["text"]
    assert doc["source"] == "Upload Desk" and doc["published"] == "2017-05-01"
    body = assert_error(c.post("/api/upload", headers=h(env, "analyst"),
                               files={"file": ("x.txt", b"", "text/plain")}), 422)
    assert body["error"]["message"].startswith("[E002] x.txt: empty file")  # the user's name, not a temp path


def test_upload_with_a_bad_row_stores_the_rest_and_names_the_row(env: dict[str, Any]) -> None:
    c = env["client"]
    rows = (b'{"id": "u1", "published": "2017-05-02", "text": "A car bomb killed 4 people in Kirkuk, Iraq on '
            b'Tuesday, police said."}\n{"id": "u2", "text": broken\n'
            b'{"id": "u3", "published": "2017-05-03", "text": "Gunmen killed 2 soldiers in Tikrit, Iraq on '
            b'Wednesday."}\n')
    r = c.post("/api/upload", headers=h(env, "analyst"), files={"file": ("mine.jsonl", rows, "application/jsonl")})
    assert r.status_code == 201, r.text
    got = r.json()
    assert [d["doc_id"] for d in got["documents"]] == ["u1", "u3"] and all(d["stored"] for d in got["documents"])
    assert got["errors"] == ["mine.jsonl:2: not valid JSON (Expecting value, column 22) (one JSON object per line)"]
    again = c.post("/api/upload", headers=h(env, "analyst"), files={"file": ("mine.jsonl", rows, "application/jsonl")})
    assert again.status_code == 201 and not any(d["stored"] for d in again.json()["documents"])  # nothing twice
    body = assert_error(c.post("/api/upload", headers=h(env, "analyst"),
                               files={"file": ("scan.pdf", b"%PDF-1.4\n\x00\x01\x02binary", "application/pdf")}),
                        422, "invalid_input")
    assert "scan.pdf: binary file" in body["error"]["message"] and "eventcoder-upload" not in body["error"]["message"]


# -- export ------------------------------------------------------------------------------------------


def test_export_formats_follow_filters(env: dict[str, Any]) -> None:
    c = env["client"]
    c.patch(f"/api/events/{env['ids'][0]}", headers=h(env, "analyst"), json={"location": "Baghdad Centre"})
    r = c.get("/api/export?format=acled&country=Iraq", headers=h(env, "reader"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == 2 and "event_id_cnty" in rows[0] and "fatalities" in rows[0]
    assert "Baghdad Centre" in {row["location"] for row in rows}
    assert "review_status" not in rows[0]  # ACLED's 31 columns only
    own = list(csv.DictReader(io.StringIO(c.get("/api/export?format=csv&country=Iraq", headers=h(env, "reader")).text)))
    assert len(own) == 2 and {row["review_status"] for row in own} == {"proposed"}  # the context columns
    assert "responsibility_claimed" in own[0] and "sources" in own[0]
    gj = json.loads(c.get("/api/export?format=geojson&country=Somalia", headers=h(env, "reader")).content)
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 2
    assert all(f["properties"]["review_status"] == "proposed" for f in gj["features"])
    pq = c.get("/api/export?format=parquet", headers=h(env, "reader"))
    assert pq.status_code == 200 and pq.content[:4] == b"PAR1"
    import pyarrow.parquet as papq

    assert papq.read_table(io.BytesIO(pq.content)).num_rows == 4
    assert_error(c.get("/api/export?format=xls", headers=h(env, "reader")), 422)
    assert_error(c.get("/api/export"), 401)


# -- errors, limits, headers ---------------------------------------------------------------------------


def test_one_error_shape(env: dict[str, Any]) -> None:
    c = env["client"]
    assert_error(c.get("/api/nothing-here"), 404, "not_found")
    assert_error(c.get("/static/missing.js"), 404, "not_found")
    assert_error(c.delete("/api/events", headers=h(env, "admin")), 405, "method_not_allowed")
    assert_error(c.post("/api/merge", headers=h(env, "analyst"), content=b"{not json",
                        ), 422, "invalid_request")
    assert_error(c.post("/api/keys", headers=h(env, "admin"), json={"role": "god"}), 422)


def test_body_size_limit(env: dict[str, Any]) -> None:
    small = TestClient(create_app(env["store"], max_body=2000, pipeline=NoPipeline(), rate_limit=0))
    big = {"text": "x" * 5000}
    assert_error(small.post("/api/documents", headers=h(env, "analyst"), json=big), 413, "payload_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while reading
        yield b'{"text": "'
        for _ in range(10):
            yield b"y" * 500
        yield b'"}'

    r = small.post("/api/documents", headers=h(env, "analyst") | {"Content-Type": "application/json"},
                   content=chunks())
    assert_error(r, 413, "payload_too_large")
    assert env["store"].count_documents() == 4


def test_rate_limit(env: dict[str, Any]) -> None:
    limited = TestClient(create_app(env["store"], rate_limit=1, rate_burst=5, pipeline=NoPipeline()))
    codes = [limited.get("/api/health").status_code for _ in range(8)]
    assert codes[:5] == [200] * 5 and 429 in codes[5:]
    r = limited.get("/api/health")
    assert_error(r, 429, "rate_limited")
    assert int(r.headers["retry-after"]) >= 1
    # another key has its own bucket (the address allows 4x the rate) ...
    assert limited.get("/api/me", headers=h(env, "reader")).status_code == 200
    # ... but made-up key ids do not escape the address's bucket
    fake = [limited.get("/api/me", headers={"X-API-Key": f"eck_{i:06d}_x"}).status_code for i in range(30)]
    assert 429 in fake


def test_security_headers_everywhere(env: dict[str, Any]) -> None:
    c = env["client"]
    for resp in (c.get("/"), c.get("/static/app.js"), c.get("/api/events"), c.get("/nope")):
        csp = resp.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert resp.headers["x-content-type-options"] == "nosniff"
        assert resp.headers["x-frame-options"] == "DENY"


def test_openapi_served(env: dict[str, Any]) -> None:
    spec = env["client"].get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in ("/api/events", "/api/events/{event_id}", "/api/merge", "/api/events/{event_id}/split",
                 "/api/export", "/api/documents", "/api/keys"):
        assert path in spec["paths"], path
    assert "patch" in spec["paths"]["/api/events/{event_id}"]


def test_split_undoes_a_dedupe_merge(env: dict[str, Any]) -> None:
    from eventcoder.stages import dedupe

    store, ids = env["store"], env["ids"]
    report = dedupe.dedupe_store(store)  # the two Mogadishu reports are one incident
    if not report.get("merged"):
        pytest.skip(f"the dedupe stage merged nothing here ({report})")
    merged_id = dedupe.list_merges(store)[0]["merged_id"]
    c = env["client"]
    assert c.get("/api/events?country=Somalia", headers=h(env, "reader")).json()["total"] == 1
    assert sorted(c.get(f"/api/events/{merged_id}", headers=h(env, "reader")).json()["merged"]) == sorted(ids[2:4])
    out = c.post(f"/api/events/{merged_id}/split", headers=h(env, "analyst"), json={}).json()
    assert sorted(out["split_off"]) == sorted(ids[2:4])
    assert store.get_event(merged_id) is None
    assert c.get("/api/events?country=Somalia", headers=h(env, "reader")).json()["total"] == 2
    assert dedupe.list_merges(store)[0]["status"] == "split"


def test_submit_runs_the_real_pipeline(tmp_path: Path) -> None:
    from eventcoder.settings import Settings

    if not Settings().resolved_gazetteer_path().exists():
        pytest.skip("no gazetteer index (run `eventcoder gazetteer build`)")
    text = (Path(__file__).resolve().parents[1] / "examples" / "newswire_mogadishu.txt").read_text(encoding="utf-8")
    with Store(tmp_path / "real.duckdb") as store:
        key = KeyStore(store.con).create("analyst")[1]
        c = TestClient(create_app(store, rate_limit=0))
        r = c.post("/api/documents", headers={"X-API-Key": key},
                   json={"text": text, "published": "2017-01-02", "source": "Example Wire"})
        assert r.status_code == 201, r.text
        ids = r.json()["events"]
        assert ids, "the pipeline found no event in a report of a bombing"
        d = c.get(f"/api/events/{ids[0]}", headers={"X-API-Key": key}).json()
        assert d["evidence"], "events carry evidence spans"
        for span in d["evidence"]:
            assert span["text"] == text[span["start"]:span["end"]] != ""


def test_a_body_that_is_not_json_or_not_an_object_is_named_as_the_body(env: dict[str, Any]) -> None:
    """'0: JSON decode error' and 'request: Input should be a valid dictionary' told a user nothing: the
    message names the body, says it is not valid JSON (with the parser's reason and position) or not an object."""
    c, ev = env["client"], env["ids"][1]
    hdr = {**h(env, "analyst"), "Content-Type": "application/json"}
    msg = assert_error(c.patch(f"/api/events/{ev}", headers=hdr, content=b"not json"), 422, "invalid_request")
    assert msg["error"]["message"].startswith("body: not valid JSON (Expecting value at character 0")
    msg = assert_error(c.patch(f"/api/events/{ev}", headers=hdr, content=b"[1, 2]"), 422, "invalid_request")
    assert msg["error"]["message"].startswith("body: ") and "object" in msg["error"]["message"]
    msg = assert_error(c.post("/api/merge", headers=hdr, content=b'{"into": "x", '), 422, "invalid_request")
    assert msg["error"]["message"].startswith("body: not valid JSON (")


@pytest.mark.parametrize(("query", "says"), [
    ("date_from=2019-02-30", "date_from: '2019-02-30' is not a date; give YYYY-MM-DD"),
    ("date_to=2019-3-1", "date_to: '2019-3-1' is not a date; give YYYY-MM-DD"),
    ("bbox=1,2,3", "bbox: give west,south,east,north as four numbers"),
    ("bbox=a,b,c,d", "bbox: give west,south,east,north as four numbers"),
    # a reversed range matched nothing and answered an empty list, while `eventcoder export` refuses it
    ("date_from=2020-01-05&date_to=2020-01-01", "date_from 2020-01-05 is after date_to 2020-01-01: nothing can match; "
                                                "swap them"),
])
def test_a_filter_that_is_not_a_date_or_a_box_is_refused_in_words(env: dict[str, Any], query: str, says: str) -> None:
    """date_from=2019-02-30 used to be accepted (and filter on a day that does not exist); a malformed date or
    box answered with the regular expression it failed. Both lists and exports refuse them, in words."""
    for path in ("/api/events", "/api/export"):
        body = assert_error(env["client"].get(f"{path}?{query}", headers=h(env, "reader")), 422, "invalid_request")
        assert body["error"]["message"] == says


def test_an_upload_with_an_unknown_source_type_says_which_are_known(env: dict[str, Any]) -> None:
    """The multipart form answered "String should match pattern '^(claim|news|official|ngo|other)?$'"."""
    r = env["client"].post("/api/upload", headers=h(env, "analyst"), data={"source_type": "blog"},
                           files={"file": ("r.txt", b"A car bomb killed 4 people in Kirkuk, Iraq on Tuesday.", "text/plain")})
    body = assert_error(r, 422, "invalid_request")
    assert body["error"]["message"] == "source_type: 'blog' is not one of claim, news, official, ngo, other"


def test_review_confidence_setting_comes_from_the_argument_then_the_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from eventcoder.api.app import review_confidence_setting
    from eventcoder.errors import ConfigError

    monkeypatch.delenv("EVENTCODER_REVIEW_CONFIDENCE", raising=False)
    assert review_confidence_setting() == 0.9
    monkeypatch.setenv("EVENTCODER_REVIEW_CONFIDENCE", "0.75")
    assert review_confidence_setting() == 0.75
    assert review_confidence_setting(0.5) == 0.5  # the argument (--review-confidence) wins
    for bad in ("high", "1.5", "nan", "-0.1"):
        monkeypatch.setenv("EVENTCODER_REVIEW_CONFIDENCE", bad)
        with pytest.raises(ConfigError, match="EVENTCODER_REVIEW_CONFIDENCE: .* is not a number from 0 to 1"):
            review_confidence_setting()


def test_places_lists_gazetteer_places_as_event_fields_and_one_patch_corrects_a_place(tmp_path: Path) -> None:
    """Correcting a place meant typing location, latitude, longitude, admin1, geo_precision and gazetteer_id one
    by one (six PATCHes, six audit entries, coordinates copied from elsewhere). GET /api/places gives the
    gazetteer's places as the event fields they set (session 9); one PATCH of them corrects the place."""
    from test_api_support import REPORTS

    from eventcoder.gazetteer.build import build_from_files
    from eventcoder.gazetteer.index import Gazetteer

    fixture = Path(__file__).parent / "fixtures" / "gazetteer" / "places.csv"
    build_from_files(tmp_path / "g.sqlite3", [fixture])

    class WithGazetteer(NoPipeline):
        gazetteer = Gazetteer.open(tmp_path / "g.sqlite3")

    store = Store(tmp_path / "p.duckdb")
    ks = KeyStore(store.con)
    reader, analyst = ks.create("reader", "r")[1], ks.create("analyst", "a")[1]
    [first, *_] = load_reports(store, REPORTS[:1])
    with TestClient(create_app(store, pipeline=WithGazetteer(), rate_limit=0)) as c:
        hr = {"X-API-Key": reader}
        found = c.get("/api/places", params={"name": "Raqqa"}, headers=hr).json()
        assert found and found[0]["location"] == "Ar Raqqah" and found[0]["iso"] == "SY"
        assert found[0]["geo_precision"] == 1 and found[0]["latitude"] == 35.9528 and found[0]["country"]
        assert found[0]["gazetteer_id"] and found[0]["feature"] == "city"
        assert c.get("/api/places", params={"name": "Raqqa", "iso": "iq"}, headers=hr).json() == []
        assert c.get("/api/places", params={"name": "Nowhere Such"}, headers=hr).json() == []
        assert_error(c.get("/api/places", params={"name": "Raqqa"}), 401, "unauthorized")
        assert_error(c.get("/api/places", params={"name": ""}, headers=hr), 422, "invalid_request")
        fields = {k: v for k, v in found[0].items() if k not in ("feature", "population")}
        ev = c.patch(f"/api/events/{first}", json=fields, headers={"X-API-Key": analyst}).json()
        assert {k: ev[k] for k in fields} == fields
        assert not any("location" in why or "coordinates" in why for why in ev["review_reasons"])
        assert [a["action"] for a in c.get(f"/api/events/{first}/audit", headers=hr).json()] == ["edit"]
    with TestClient(create_app(store, pipeline=NoPipeline(), rate_limit=0)) as c:
        assert_error(c.get("/api/places", params={"name": "Raqqa"}, headers=hr), 503, "resource_missing")
    store.close()


def test_places_leaves_out_a_place_without_coordinates(tmp_path: Path) -> None:
    """Review U (session 9): the index keeps districts without coordinates (13,970 adm2 in the default build);
    GET /api/places listed them and choosing one PATCHed latitude/longitude null onto the event."""
    from eventcoder.api.places import find_places
    from eventcoder.gazetteer.build import build_from_files
    from eventcoder.gazetteer.index import Gazetteer

    csv = tmp_path / "p.csv"
    csv.write_text("name,alt_names,country,admin1,admin2,lat,lon,feature,population,source_id\n"
                   "Dhaid,,AE,Ash Shariqah,,,,adm2,0,gn:1\n"
                   "Adh Dhayd,Dhaid,AE,Ash Shariqah,,25.28812,55.88157,town,20165,gn:2\n", encoding="utf-8")
    build_from_files(tmp_path / "g.sqlite3", [csv])
    g = Gazetteer.open(tmp_path / "g.sqlite3")
    assert [p.feature for p in g.candidates("Dhaid", "AE")].count("adm2") == 1  # the index has it
    found = find_places(g, "Dhaid", "AE")
    assert [p["location"] for p in found] == ["Adh Dhayd"]
    assert all(p["latitude"] is not None and p["longitude"] is not None for p in found)


def test_a_corrected_place_no_longer_claims_the_text_span_or_the_geocoders_reason(tmp_path: Path) -> None:
    """Reviewer U (session 9): after an analyst corrected an event's place with one PATCH, evidence['location']
    still pointed at the old place's words and context['geo_reason'] still gave the geocoder's reason, so the
    page and the exports said the text named the place. The PATCH path now says who corrected it and keeps the
    span only where the new place's name is the one written there; the audit entry keeps every old value."""
    from test_api_support import events_of

    from eventcoder.records import Document
    from eventcoder.stages.export import write_csv, write_geojson

    store = Store(tmp_path / "p.duckdb")
    ks = KeyStore(store.con)
    analyst = ks.create("analyst", "ana")[1]
    text = "Gunmen attacked a checkpoint near Bari town in Somalia on 2 January 2017, killing 4."
    doc = Document.from_text(text, source="Wire", source_type="news", published="2017-01-03")
    spec = dict(event_date="2017-01-02", country="Italy", iso="IT", admin1="Apulia", location="Bari",
                latitude=41.12, longitude=16.87, geo_precision=1, gazetteer_id="gn:1", event_type="Battles",
                sub_event_type="Armed clash", actor1="Unidentified Armed Group (Somalia)", killed=4,
                casualty_qualifier="exact", location_text="near Bari town",
                evidence={"location": "Bari", "killed": "killing 4", "location_text": "near Bari town"})
    [ev] = events_of(doc, [spec])
    ev = ev.replace(context={"geo_reason": "exact name match", "geo_method": "exact"})
    store.add_document(doc, [ev])
    hdr = {"X-API-Key": analyst}
    somali_bari = {"location": "Bari", "country": "Somalia", "iso": "SO", "admin1": "Bari", "admin2": None,
                   "latitude": 10.6, "longitude": 49.9, "geo_precision": 3, "gazetteer_id": "gn:2"}
    with TestClient(create_app(store, pipeline=NoPipeline(), rate_limit=0)) as c:
        # the same name, another place: the span still names it; the reason says who chose it and what it was
        out = c.patch(f"/api/events/{ev.event_id}", json=somali_bari, headers=hdr).json()
        assert out["evidence"]["location"] == [text.index("Bari"), text.index("Bari") + 4]
        got = store.get_event(ev.event_id)
        assert got is not None and got.context is not None
        reason = got.context["geo_reason"]
        assert reason.startswith("corrected by key:") and "(ana)" in reason
        assert "(was: Bari, Italy, exact name match)" in reason and got.context["geo_method"] == "analyst"
        # a place the text does not name: the old span no longer stands as evidence for it
        mogadishu = {**somali_bari, "location": "Mogadishu", "admin1": "Banaadir", "latitude": 2.04,
                     "longitude": 45.34, "geo_precision": 1, "gazetteer_id": "gn:3"}
        out = c.patch(f"/api/events/{ev.event_id}", json=mogadishu, headers=hdr).json()
        assert "location" not in out["evidence"] and "killed" in out["evidence"]
        assert out["location_text"] == "near Bari town" and "location_text" in out["evidence"]  # still as written
        detail = c.get(f"/api/events/{ev.event_id}", headers=hdr).json()
        assert sorted(e["field"] for e in detail["evidence"]) == ["killed", "location_text"]
        audit = detail["audit"]
        assert [a["action"] for a in audit] == ["edit", "edit"]
        assert audit[1]["before"]["location"] == "Bari" and audit[1]["after"]["location"] == "Mogadishu"
        assert audit[1]["before"]["evidence"]["location"] == [text.index("Bari"), text.index("Bari") + 4]
        assert "location" not in audit[1]["after"]["evidence"]
        assert audit[0]["before"]["context"] == {"geo_reason": "exact name match", "geo_method": "exact"}
        assert audit[1]["after"]["context"]["geo_reason"].startswith("corrected by key:")
        # an edit that leaves the place alone leaves the reason alone; evidence sent by the analyst wins
        reason2 = store.get_event(ev.event_id).context["geo_reason"]  # type: ignore[union-attr]
        c.patch(f"/api/events/{ev.event_id}", json={"killed": 5}, headers=hdr)
        assert store.get_event(ev.event_id).context["geo_reason"] == reason2  # type: ignore[union-attr]
        assert c.get(f"/api/events/{ev.event_id}/audit", headers=hdr).json()[2]["before"] == {"killed": 4}
        mog = [text.index("checkpoint"), text.index("checkpoint") + 10]
        out = c.patch(f"/api/events/{ev.event_id}", headers=hdr,
                      json={"location": "Mogadishu Checkpoint", "evidence": {"location": mog}}).json()
        assert out["evidence"] == {"location": mog}
    # the exports of the corrected event carry its new place and no span for a place the text does not name
    store.update_event(ev.event_id, {"evidence": {"killed": [text.index("killing 4"), text.index("killing 4") + 9]},
                                     "location": "Mogadishu"}, who="test")
    corrected = store.get_event(ev.event_id)
    assert corrected is not None
    write_csv([corrected], tmp_path / "e.csv")
    write_geojson([corrected], tmp_path / "e.geojson")
    [row] = list(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8-sig")))
    assert row["location"] == "Mogadishu" and row["country"] == "Somalia" and "location" not in row["evidence"]
    feat = json.loads((tmp_path / "e.geojson").read_text())["features"][0]
    assert feat["geometry"]["coordinates"] == [45.34, 2.04] and "location" not in feat["properties"]["evidence"]
    store.close()


def test_names_place_matches_whole_words_of_the_span_only() -> None:
    """The rule that keeps a corrected place's evidence span: the new name, accent- and case-folded, as whole
    words of the span; never part of a longer word, never an empty name."""
    from hypothesis import given
    from hypothesis import strategies as st

    from eventcoder.api.places import names_place

    word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)

    @given(st.lists(word, min_size=1, max_size=3), word)
    def check(words: list[str], glue: str) -> None:
        name = " ".join(w.title() for w in words)
        assert names_place(f"near the town of {name}, in", name)
        assert names_place(name.upper(), name)
        assert not names_place(f"{glue}{name.lower()}{glue}", name)
        assert not names_place(f"near {name}", "") and not names_place("", name)

    check()
    assert names_place("near Ḩawījah", "Hawijah") and not names_place("Raqqa", "Ar Raqqah")
