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
APP = create_app(_store, pipeline=NoPipeline(), rate_limit=0)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)

# Key management stays out: generated keys would only add noise; it is covered in test_api.py.
schema = schema.exclude(path_regex="^/api/keys")


@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_spec(case: schemathesis.Case) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # Upload: multipart fields left empty count as absent (FastAPI), and a schema cannot say "a text
        # file", so random bytes are refused with 422 by ingest; both are by design, so these two
        # checks are off for that one operation (test_api.py covers upload).
        # POST /api/documents: evidence spans must lie inside ``text`` and event ids must not repeat, rules
        # across fields that JSON Schema cannot state, so schema-valid bodies may get 422 (test_api.py checks).
        excluded = ([schemathesis.checks.negative_data_rejection, schemathesis.checks.positive_data_acceptance]
                    if case.path == "/api/upload" else
                    [schemathesis.checks.positive_data_acceptance] if case.path == "/api/documents" else [])
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
