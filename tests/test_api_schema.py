"""The OpenAPI spec is checked against the running app with schemathesis (property-based, bounded)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the dev extra")
from hypothesis import HealthCheck, settings  # noqa: E402
from test_api_support import REPORTS, NoPipeline, load_reports  # noqa: E402

from eventcoder.api.app import create_app  # noqa: E402
from eventcoder.api.auth import KeyStore  # noqa: E402
from eventcoder.stages.store import Store  # noqa: E402

_tmp = Path(__import__("tempfile").mkdtemp(prefix="eventcoder-schema-"))
_store = Store(_tmp / "schema.duckdb")
ANALYST = KeyStore(_store.con).create("analyst", "schemathesis")[1]
load_reports(_store, REPORTS)

from eventcoder.gazetteer.build import build_from_files  # noqa: E402
from eventcoder.gazetteer.index import Gazetteer  # noqa: E402

build_from_files(_tmp / "places.sqlite3", [Path(__file__).parent / "fixtures" / "gazetteer" / "places.csv"])


class _WithGazetteer(NoPipeline):  # GET /api/places searches it (session 9); extraction still finds nothing
    gazetteer = Gazetteer.open(_tmp / "places.sqlite3")


APP = create_app(_store, pipeline=_WithGazetteer(), rate_limit=0)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)

# Key management stays out: generated keys would only add noise; it is covered in test_api.py.
schema = schema.exclude(path_regex="^/api/keys")


def _dates_reversed(case: schemathesis.Case) -> bool:
    """date_from after date_to: refused with 422 ('nothing can match; swap them'), a rule across two fields
    that JSON Schema cannot state. Found by review U with 150 random examples per operation
    (GET /api/export?date_from=0633-08-29&date_to=0036-04-25): the flake of 9d0ff2c."""
    q = case.query or {}
    d_from, d_to = q.get("date_from"), q.get("date_to")
    return isinstance(d_from, str) and isinstance(d_to, str) and bool(d_from) and bool(d_to) and d_from > d_to


# derandomize: the same cases every run (a failure found at random once, at 9d0ff2c, did not reproduce);
# database=None: no example saved by one run changes the next. Explore with more examples by hand
# (EVENTCODER_SCHEMA_EXAMPLES=150 pytest tests/test_api_schema.py) when the API changes.
@schema.parametrize()
@settings(max_examples=int(__import__("os").environ.get("EVENTCODER_SCHEMA_EXAMPLES", "6")), deadline=None,
          suppress_health_check=list(HealthCheck), derandomize=True, database=None)
def test_api_conforms_to_its_openapi_spec(case: schemathesis.Case) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # Upload: multipart fields left empty count as absent (FastAPI), and a schema cannot say "a text
        # file", so random bytes are refused with 422 by ingest; both are by design, so these two
        # checks are off for that one operation (test_api.py covers upload).
        # POST /api/documents: evidence spans must lie inside ``text`` and event ids must not repeat, rules
        # across fields that JSON Schema cannot state, so schema-valid bodies may get 422 (test_api.py checks);
        # so may a query whose date_from is after its date_to (test_reversed_and_empty_dates_are_refused_with_the_fix).
        excluded = ([schemathesis.checks.negative_data_rejection, schemathesis.checks.positive_data_acceptance]
                    if case.path == "/api/upload" else
                    [schemathesis.checks.positive_data_acceptance]
                    if case.path == "/api/documents" or _dates_reversed(case) else [])
        case.call_and_validate(headers={"X-API-Key": ANALYST}, excluded_checks=excluded)


# The check above draws 6 cases per operation, so a rare accepted negative case shows up as a flake
# (GET /api/audit failed about 1 run in 25). This one draws many negative cases with a fixed seed, so the
# same inputs run every time: before the fix, seed 0 found for both operations a request that was answered
# 200 though invalid (a single-valued query parameter sent several times, which FastAPI resolved to its
# last value, plus an ``Authorization`` header that is not ``Bearer <key>``, which HTTPBearer ignored).
@pytest.mark.parametrize("path", ["/api/audit", "/api/events"])
def test_negative_requests_are_rejected_reproducibly(path: str) -> None:
    from hypothesis import given, seed

    operation = schema[path]["GET"]
    accepted: list[str] = []

    @seed(0)
    @settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(operation.as_strategy(generation_mode=schemathesis.GenerationMode.NEGATIVE))
    def check(case: schemathesis.Case) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                case.call_and_validate(headers={"X-API-Key": ANALYST},
                                       checks=[schemathesis.checks.negative_data_rejection])
            except BaseException as exc:  # schemathesis raises a FailureGroup (a BaseExceptionGroup)
                if not isinstance(exc, Exception | BaseExceptionGroup):
                    raise
                accepted.append(f"query={case.query!r} headers={case.headers!r}"[:300])

    check()
    assert not accepted, accepted


def test_reversed_and_empty_dates_are_refused_with_the_fix() -> None:
    """The case the conformance test leaves to this one (reversed dates: refused, naming both dates and the fix)
    and the case it found (an empty date is no date)."""
    from starlette.testclient import TestClient

    with TestClient(APP) as client:
        for path in ("/api/export", "/api/events"):
            r = client.get(path, params={"date_from": "0633-08-29", "date_to": "0036-04-25"},
                           headers={"X-API-Key": ANALYST})
            assert r.status_code == 422, (path, r.text)
            assert "date_from 0633-08-29 is after date_to 0036-04-25" in r.json()["error"]["message"]
            assert "swap them" in r.json()["error"]["message"]
            # the second case 300 random examples found: an empty date was read as none (200)
            r = client.get(f"{path}?date_from=", headers={"X-API-Key": ANALYST})
            assert r.status_code == 422 and r.json()["error"]["message"] == \
                "date_from: '' is not a date; give YYYY-MM-DD or leave it out", r.text
