"""The HTTP API and the review page, one FastAPI app over one DuckDB store. (owner: api)

    app = create_app("eventcoder.duckdb", public_read=False)
    uvicorn.run(app, host="127.0.0.1", port=8000)        # or: eventcoder serve --db eventcoder.duckdb

Concurrency: this process owns the DuckDB file. Every request works on its own cursor (a DuckDB
connection to the same database, its own transaction), so readers run while an ingest writes; writers
are serialised by one lock so two edits never race. Each document is stored in one transaction
(``Store.add_document``): a kill -9 leaves either the whole document with its events or nothing.

Security: API keys (``auth.py``) with roles reader < analyst < admin; anonymous requests may read only
with ``public_read``; request bodies are capped; a token-bucket rate limit per key (or per client
address); every error has one JSON shape (``errors.py``); every response carries a Content-Security-Policy
that allows scripts only from this origin (the review page has no inline script and inserts all text with
``textContent``).
"""


import datetime as dt
import hashlib
import math
import re
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, cast, get_args, get_origin, get_type_hints

from fastapi import Body, Depends, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventcoder import __version__
from eventcoder.api import errors
from eventcoder.api.auth import ROLES, KeyStore, Principal
from eventcoder.api.errors import ApiError, from_eventcoder
from eventcoder.errors import EventcoderError, InputError
from eventcoder.records import EVENT_FIELDS, SOURCE_TYPES, Document, Event, make_event_id
from eventcoder.stages.store import (  # review_confidence_setting: serve's and export's cut-off
    _ORDERS,
    REVIEW_STATUSES,
    Store,
    review_confidence_setting,
)

if TYPE_CHECKING:
    from eventcoder.gazetteer.index import Gazetteer

STATIC_DIR = Path(__file__).parent / "static"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]

DEFAULT_MAX_BODY = 25_000_000  # bytes; a 20 MB document (Settings.max_bytes) plus JSON overhead
MAX_PAGE = 1000
DATE_RE = r"^\d{4}-\d{2}-\d{2}$"


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True
ID_RE = r"^[\x21-\x7e]{1,200}$"  # printable ASCII, no spaces: every id eventcoder makes fits

# -- models (OpenAPI) -----------------------------------------------------------------------------


def _iso_date_text(value: Any) -> Any:
    """Dates come as ``YYYY-MM-DD`` text only (pydantic would also take numbers as timestamps)."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.match(DATE_RE, value):
        raise ValueError("give the date as YYYY-MM-DD")
    return value


def _whole_number(value: Any) -> Any:
    """JSON integers only: 3 and 3.0 are fine; true, "3" and 3.5 are not."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("give a whole number")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("give a whole number")
        return int(value)
    return value


Precision = Annotated[int, Field(strict=False, ge=1, le=3), BeforeValidator(_whole_number)]
Count = Annotated[int, Field(strict=False, ge=0, le=10_000_000), BeforeValidator(_whole_number)]
Offset = Annotated[int, Field(strict=False, ge=0, le=2**31 - 1), BeforeValidator(_whole_number)]
Span = Annotated[list[Offset], Field(min_length=2, max_length=2)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_text), Field(strict=False)]

_hints = get_type_hints(Event)


def _field_type(name: str) -> Any:
    if name == "evidence":
        return dict[str, list[int]]
    if name == "event_date":
        return IsoDate
    if name == "doc_ids":
        return list[str]
    return _hints[name]


EventOut = create_model(  # type: ignore[call-overload]
    "Event",
    **{name: (_field_type(name), ...) for name in EVENT_FIELDS},
    review_status=(str, ...),
    merged_into=(str | None, None),
    geo_reason=(str | None, Field(default=None, description=(
        "why this place: the geocode stage's reason for its choice, or who corrected it by hand, when and what "
        "it was before (session 10); null when no place was chosen"))),
    review_reasons=(list[str], Field(default_factory=list, description=(
        "why the event needs review (no coordinates; location only to province or larger; confidence below the "
        "server's review_confidence); empty when it needs none: the rule of the needs_review filter"))),
)

# Constraints for editable fields; anything not listed accepts its schema type.
_PATCH_CONSTRAINTS: dict[str, Any] = {
    "latitude": Field(default=None, ge=-90, le=90),
    "longitude": Field(default=None, ge=-180, le=180),
    "confidence": Field(default=None, ge=0, le=1),
}
_NOT_NULL = {"casualty_qualifier", "territory_change", "claimed", "source", "source_type", "notes",
             "evidence", "doc_ids", "confidence"}
_PATCHABLE = [f for f in EVENT_FIELDS if f not in ("event_id", "doc_ids")]


def _patch_field(name: str) -> tuple[Any, Any]:
    typ = _field_type(name)
    if name == "casualty_qualifier":
        from eventcoder.records import CASUALTY_QUALIFIERS

        typ = Literal[CASUALTY_QUALIFIERS]
    elif name == "source_type":
        typ = Literal[SOURCE_TYPES]
    elif name == "evidence":
        typ = dict[str, Span]
    elif name in ("time_precision", "geo_precision"):
        typ = Precision
    elif typ in (int, int | None):
        typ = Count
    return (typ if name in _NOT_NULL else typ | None), _PATCH_CONSTRAINTS.get(name, None)


EventPatch = create_model(  # type: ignore[call-overload]
    "EventPatch",
    __config__=ConfigDict(extra="forbid", strict=True, json_schema_extra={"minProperties": 1}),
    **{name: _patch_field(name) for name in _PATCHABLE},
)


class EventList(BaseModel):
    total: int
    limit: int
    offset: int
    events: list[EventOut]  # type: ignore[valid-type]


class DocumentOut(BaseModel):
    doc_id: str
    source: str
    source_type: str | None
    published: str | None
    url: str | None
    title: str | None
    text: str


class EvidenceOut(BaseModel):
    field: str
    doc_id: str | None
    start: int
    end: int
    text: str
    heading: bool = Field(default=False, description=(
        "the span lies in a heading of the report (a line of its own: a roundup's province heading, a title), "
        "not in the incident's sentence: the field was taken from the heading"))


class Passage(BaseModel):
    doc_id: str
    start: int
    end: int
    text: str


class AuditEntry(BaseModel):
    id: int
    event_id: str | None
    who: str | None
    at: str | None
    action: str | None
    before: Any = None
    after: Any = None
    undoable: bool | None = Field(default=None, description=(
        "(session 11) an edit that POST /api/events/{id}/undo would take back now: false for one already undone "
        "or changed since, and for other actions; null where not worked out (GET /api/audit)"))
    undo_refused: str | None = Field(default=None, description=(
        "why an undo would be refused (the 409's message), when undoable is false"))


class EventDetail(BaseModel):
    event: EventOut  # type: ignore[valid-type]
    documents: list[DocumentOut]
    evidence: list[EvidenceOut]
    passage: Passage | None
    sources: list[dict[str, Any]]
    merged: list[str]
    audit: list[AuditEntry]


class EventIn(BaseModel):
    """A pre-coded event submitted with its document (skips extraction)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    event_id: str | None = Field(default=None, pattern=ID_RE)
    event_date: IsoDate | None = None
    time_precision: Precision | None = None
    date_text: str | None = None
    calendar: str | None = None
    country: str | None = None
    iso: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    geo_precision: Precision | None = None
    gazetteer_id: str | None = None
    location_text: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    attack_type: str | None = None
    weapon_type: str | None = None
    weapon_detail: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    target_type: str | None = None
    actor1_text: str | None = None
    actor2_text: str | None = None
    killed: Count | None = None
    wounded: Count | None = None
    killed_or_wounded: Count | None = None
    casualty_qualifier: Literal[
        "exact", "approximate", "at_least", "more_than", "vague", "none_stated"] = "none_stated"
    vehicles_destroyed: Count | None = None
    territory_change: bool = False
    claimed: bool = False
    source_type: Literal["claim", "news", "official", "ngo", "other"] | None = None
    notes: str = ""
    evidence: dict[str, Span] = {}
    confidence: float = Field(default=0.0, ge=0, le=1)


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    text: str = Field(min_length=1)
    doc_id: str | None = Field(default=None, pattern=ID_RE)
    source: str = ""
    source_type: Literal["claim", "news", "official", "ngo", "other"] | None = None
    published: IsoDate | None = None
    url: str | None = None
    title: str | None = None
    events: list[EventIn] | None = Field(
        default=None, max_length=1000,
        description="Pre-coded events (analyst): stored as given instead of running extraction.")


class SubmitOut(BaseModel):
    doc_id: str
    stored: bool
    events: list[str]


class UploadOut(BaseModel):
    documents: list[SubmitOut]
    # one line per row or file that could not be read (the file's own name and line, and what to do);
    # the rest of the upload is stored
    errors: list[str] = []
    # what was read but left out or cut, as the CLI warns (a row's ambiguous date left empty, a file cut at
    # max_bytes, truncated HTML): one line each, the file's own name
    warnings: list[str] = []


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    into: str = Field(pattern=ID_RE)
    event_ids: list[Annotated[str, Field(pattern=ID_RE)]] = Field(min_length=1, max_length=1000)


class UndoIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    audit_id: Annotated[int, Field(strict=False, ge=1, le=2**63 - 1, description="the id of the audit entry (an edit) "
                                   "to take back"), BeforeValidator(_whole_number)]


class SplitIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    event_ids: list[Annotated[str, Field(pattern=ID_RE)]] | None = Field(
        default=None, max_length=1000, description="Merged events to detach (default: all of them).")
    doc_ids: list[Annotated[str, Field(pattern=ID_RE)]] | None = Field(
        default=None, max_length=1000, description="Documents to split off into new events of their own.")


class SplitOut(BaseModel):
    event: EventOut  # type: ignore[valid-type]
    split_off: list[str]


class KeyIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    role: Literal["reader", "analyst", "admin"]
    name: str = Field(default="", max_length=200)


class PlaceOut(BaseModel):
    """A gazetteer place as the event fields it would set (GET /api/places; PATCH them to correct a place)."""
    gazetteer_id: str
    location: str | None
    feature: str | None
    country: str | None
    iso: str | None
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    population: int


class KeyOut(BaseModel):
    key_id: str
    role: str
    name: str
    created_at: str | None
    revoked_at: str | None


class KeyCreated(BaseModel):
    key_id: str
    role: str
    key: str = Field(description="Shown once; only a salted hash is stored.")


class Me(BaseModel):
    role: str | None
    key_id: str | None
    public_read: bool
    version: str
    review_confidence: float = Field(description="needs_review's cut-off: events with confidence below it need "
                                                 "review (eventcoder serve --review-confidence)")


class Health(BaseModel):
    status: str
    documents: int
    events: int


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorOut} for s in (400, 401, 403, 404, 409, 413, 422, 429, 503)
}

# -- event serialisation --------------------------------------------------------------------------


def event_json(ev: Event, review_reasons: list[str] | None = None) -> dict[str, Any]:
    """An event as the API sends it: the schema fields, ``review_status``, ``merged_into``, ``geo_reason``
    (why the geocoder chose the place, from the event's context) and ``review_reasons``
    (why it needs review, from ``Store.review_reasons``: the needs_review filter's rule; [] = it needs none)."""
    out = ev.to_dict()
    ctx = ev.context or {}
    out["review_status"] = ctx.get("_review_status") or "proposed"
    out["merged_into"] = ctx.get("_merged_into")
    out["geo_reason"] = ctx.get("geo_reason")
    out["review_reasons"] = list(review_reasons or [])
    return out


# -- middleware -----------------------------------------------------------------------------------


class _TooLarge(Exception):
    pass


async def _send_error(send: Send, status: int, code: str, message: str,
                      extra: list[tuple[bytes, bytes]] | None = None) -> None:
    payload = errors.body_bytes(code, message)
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    headers += SECURITY_HEADERS + (extra or [])
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


class GuardMiddleware:
    """Security headers on every response, a request body cap and a token-bucket rate limit."""

    def __init__(self, app: ASGIApp, max_body: int, rate: float, burst: int) -> None:
        self.app = app
        self.max_body = max_body
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def _identities(self, scope: Scope) -> list[tuple[str, float]]:
        """Buckets a request draws from: without a key, its client address; with one, the key's (rate x1)
        and the address's keyed bucket (rate x4: several keys may share an address, made-up key ids cannot
        dodge the limit)."""
        client = scope.get("client")
        addr = client[0] if client else "?"
        for name, value in scope.get("headers", []):
            if name in (b"x-api-key", b"authorization"):
                parts = value.decode("latin-1").split("_", 2)
                if len(parts) == 3:
                    return [("key:" + parts[1][:32], 1.0), ("keys-from:" + addr, 4.0)]
        return [("ip:" + addr, 1.0)]

    def _allow(self, idents: list[tuple[str, float]]) -> float:
        """0 if allowed now (one token taken from each bucket), else seconds to wait."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            if len(self._buckets) > 100_000:  # bound memory under a spray of client addresses
                self._buckets.clear()
            state = {}
            wait = 0.0
            for ident, scale in idents:
                rate, burst = self.rate * scale, float(self.burst) * scale
                tokens, last = self._buckets.get(ident, (burst, now))
                tokens = min(burst, tokens + (now - last) * rate)
                state[ident] = tokens
                if tokens < 1.0:
                    wait = max(wait, (1.0 - tokens) / rate)
            for ident, tokens in state.items():
                self._buckets[ident] = (tokens if wait else tokens - 1.0, now)
            return wait

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wait = self._allow(self._identities(scope))
        if wait > 0:
            retry = str(max(1, int(wait + 0.999))).encode()
            await _send_error(send, 429, "rate_limited",
                              f"too many requests; retry in {retry.decode()} s",
                              [(b"retry-after", retry)])
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    await _send_error(send, 400, "bad_request", "invalid Content-Length header")
                    return
                if length > self.max_body:
                    await _send_error(send, 413, "payload_too_large",
                                      f"request body of {length} bytes exceeds the limit of {self.max_body} "
                                      "bytes (split the document or ask the operator to raise --max-body)")
                    return
        received = 0
        started = False
        too_large = False
        too_large_msg = f"request body exceeds the limit of {self.max_body} bytes"

        async def guarded_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    too_large = True
                    raise _TooLarge()
            return message

        async def secured_send(message: Message) -> None:
            nonlocal started
            if too_large:  # the framework caught _TooLarge and answers 400: answer 413 instead
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await _send_error(send, 413, "payload_too_large", too_large_msg)
                return
            if message["type"] == "http.response.start":
                started = True
                names = {n.lower() for n, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        try:
            await self.app(scope, guarded_receive, secured_send)
        except _TooLarge:
            if not started:
                await _send_error(send, 413, "payload_too_large", too_large_msg)


# -- application state ------------------------------------------------------------------------------


class ApiState:
    """What every request needs: the store, the write lock, the key store, the pipeline."""

    def __init__(self, store: Store, public_read: bool, pipeline: Any = None) -> None:
        self.store = store
        self.public_read = public_read
        self.write_lock = threading.RLock()
        self._pipeline = pipeline
        self._pipeline_lock = threading.Lock()
        self.process_lock = threading.Lock()
        self._cursor_lock = threading.Lock()  # one extraction at a time: stages may hold per-thread handles
        with self.write_lock:
            KeyStore(store.con)  # creates api_keys if needed
        self._key_cache: dict[str, tuple[Principal | None, float]] = {}

    def view(self) -> Store:
        """A Store on its own DuckDB cursor: same database, its own transactions."""
        v = Store.__new__(Store)
        v.__dict__.update(self.store.__dict__)
        with self._cursor_lock:  # the parent connection is not thread-safe; its cursors are
            v.con = self.store.con.cursor()
        return v

    @property
    def pipeline(self) -> Any:
        with self._pipeline_lock:
            if self._pipeline is None:
                from eventcoder.pipeline import Pipeline

                self._pipeline = Pipeline()
            return self._pipeline

    def principal(self, key: str, store: Store) -> Principal | None:
        digest = hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()
        now = time.monotonic()
        hit = self._key_cache.get(digest)
        if hit and now - hit[1] < 30:
            return hit[0]
        p = KeyStore(store.con, create=False).verify(key)
        if len(self._key_cache) > 10_000:
            self._key_cache.clear()
        self._key_cache[digest] = (p, now)
        return p

    def forget_keys(self) -> None:
        self._key_cache.clear()


# -- app factory ------------------------------------------------------------------------------------


def create_app(
    db: str | Path | Store,
    *,
    public_read: bool = False,
    max_body: int = DEFAULT_MAX_BODY,
    rate_limit: float = 50.0,
    rate_burst: int = 200,
    pipeline: Any = None,
    review_confidence: float | None = None,
) -> FastAPI:
    """Build the app. ``db`` is a store path (opened read-write, owned by this app) or an open Store.
    ``review_confidence``: the needs-review cut-off (default ``$EVENTCODER_REVIEW_CONFIDENCE``, else 0.9)."""
    review_cut = review_confidence_setting(review_confidence)
    store = db if isinstance(db, Store) else Store(db)
    state = ApiState(store, public_read=public_read, pipeline=pipeline)

    app = FastAPI(
        title="eventcoder API",
        version=__version__,
        description="Review, correct and export coded conflict events. Authenticate with `X-API-Key: <key>` "
                    "or `Authorization: Bearer <key>` (keys: `eventcoder keys create --role analyst`).",
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
        responses=ERROR_RESPONSES,
        dependencies=[Depends(refuse_repeated_query)],
    )
    app.state.api = state
    app.add_middleware(GuardMiddleware, max_body=max_body, rate=rate_limit, burst=rate_burst)

    # -- errors: one shape -------------------------------------------------------------------------
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(errors.body(exc.code, exc.message), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = errors.STATUS_CODES.get(exc.status_code, f"http_{exc.status_code}")
        msg = exc.detail if isinstance(exc.detail, str) else code
        if exc.status_code == 404 and msg == "Not Found":
            msg = f"no such resource: {request.url.path[:200]}"
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            msg = f"method {request.method} not allowed on {request.url.path[:200]}"
            headers["Allow"] = ", ".join(_allowed_methods(app, request.url.path))
        return JSONResponse(errors.body(code, msg), status_code=exc.status_code, headers=headers or None)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(errors.body("invalid_request", errors.validation_message(list(exc.errors()))),
                            status_code=422)

    @app.exception_handler(EventcoderError)
    async def _lib_error(request: Request, exc: EventcoderError) -> JSONResponse:
        err = errors.from_eventcoder(exc)
        return JSONResponse(errors.body(err.code, err.message), status_code=err.status)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(errors.body("internal_error", f"internal error ({type(exc).__name__}); "
                                        "see the server log"), status_code=500)

    # -- dependencies ------------------------------------------------------------------------------
    api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)
    bearer = HTTPBearer(auto_error=False)

    def get_store() -> Iterator[Store]:
        v = state.view()
        try:
            yield v
        finally:
            v.con.close()

    StoreDep = Annotated[Store, Depends(get_store)]

    def current(
        request: Request,
        store: StoreDep,
        x_api_key: Annotated[str | None, Depends(api_key_header)] = None,
        auth: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
    ) -> Principal | None:
        # The two security dependencies only document the schemes in OpenAPI; the key is read by
        # request_key, which also refuses a malformed Authorization header that HTTPBearer would ignore.
        key = request_key(request)
        if key is None:
            return None
        p = state.principal(key, store)
        if p is None:
            raise ApiError(401, "invalid or revoked API key", headers={"WWW-Authenticate": "Bearer"})
        return p

    def need(role: str) -> Callable[..., Principal]:
        def dep(p: Annotated[Principal | None, Depends(current)]) -> Principal:
            if p is None:
                if role == "reader" and state.public_read:
                    return Principal(key_id=None, role="reader")
                raise ApiError(401, f"this request needs an API key with role {role!r} "
                               "(send X-API-Key or Authorization: Bearer)",
                               headers={"WWW-Authenticate": "Bearer"})
            if not p.allows(role):
                raise ApiError(403, f"your key has role {p.role!r}; this request needs {role!r}")
            return p
        return dep

    Reader = Annotated[Principal, Depends(need("reader"))]
    Analyst = Annotated[Principal, Depends(need("analyst"))]
    Admin = Annotated[Principal, Depends(need("admin"))]

    def filters(
        # the spec says what is valid (format, pattern); the checks below say what is wrong, in words
        date_from: Annotated[str | None, Query(description="YYYY-MM-DD", json_schema_extra={"format": "date"})] = None,
        date_to: Annotated[str | None, Query(description="YYYY-MM-DD", json_schema_extra={"format": "date"})] = None,
        country: Annotated[str | None, Query(max_length=200, description=(
            "country name, any case; two letters are its ISO 3166-1 alpha-2 code (as iso=)"))] = None,
        iso: Annotated[str | None, Query(max_length=3)] = None,
        admin1: Annotated[str | None, Query(max_length=200)] = None,
        actor: Annotated[str | None, Query(max_length=200)] = None,
        event_type: Annotated[str | None, Query(max_length=200)] = None,
        sub_event_type: Annotated[str | None, Query(max_length=200)] = None,
        claimed: bool | None = None,
        review_status: Literal["proposed", "approved", "rejected"] | None = None,
        bbox: Annotated[str | None, Query(description="west,south,east,north in degrees", json_schema_extra={
            "pattern": r"^\s*-?\d+(\.\d+)?\s*(,\s*-?\d+(\.\d+)?\s*){3}$"})] = None,
        doc_id: Annotated[str | None, Query(max_length=200)] = None,
        source_type: Literal["claim", "news", "official", "ngo", "other"] | None = None,
        include_merged: bool = False,
        needs_review: Annotated[bool | None, Query(description=(
            "true: only events that need review (no coordinates, geo_precision 3 or none, or confidence below the "
            "server's review_confidence, see /api/me); false: only the others"))] = None,
    ) -> dict[str, Any]:
        out: dict[str, Any] = {k: v for k, v in {
            "date_from": date_from, "date_to": date_to, "country": country, "iso": iso, "admin1": admin1,
            "actor": actor, "event_type": event_type, "sub_event_type": sub_event_type, "claimed": claimed,
            "review_status": review_status, "doc_id": doc_id, "source_type": source_type,
        }.items() if v is not None and v != ""}
        if country and re.fullmatch(r"\s*[A-Za-z]{2}\s*", country) and not iso:
            # no country is named with two letters: 'IQ' (or 'iq') in the page's Country box is the ISO code
            # (session 11: it matched nothing, silently)
            out["iso"] = out.pop("country").strip()
        # a real day (2019-02-30 is not), written YYYY-MM-DD; review U: 'date_from=' (empty) was read as no date
        # though the spec says format date (schemathesis found it at random; the review page leaves empty fields out)
        for name, value in (("date_from", date_from), ("date_to", date_to)):
            if value is not None and not (re.fullmatch(DATE_RE, value) and _is_date(value)):
                raise ApiError(422, f"{name}: {value!r} is not a date; give YYYY-MM-DD"
                                    + (" or leave it out" if not value else ""), "invalid_request")
        if out.get("date_from") and out.get("date_to") and out["date_from"] > out["date_to"]:  # (as `export` refuses)
            raise ApiError(422, f"date_from {out['date_from']} is after date_to {out['date_to']}: nothing can match; "
                                "swap them", "invalid_request")
        if include_merged:
            out["include_merged"] = True
        if needs_review is not None:
            out["needs_review"] = needs_review
            out["review_confidence"] = review_cut
        if bbox:
            try:
                w, s, e, n = (float(x) for x in bbox.split(","))
                if not all(math.isfinite(x) for x in (w, s, e, n)):
                    raise ValueError(bbox)
            except ValueError:
                raise ApiError(422, "bbox: give west,south,east,north as four numbers", "invalid_request") from None
            # a box beyond the world is the world; south above north matches nothing
            w, e = (max(-180.0, min(180.0, x)) for x in (w, e))
            s, n = (max(-90.0, min(90.0, x)) for x in (s, n))
            out["bbox"] = (w, s, e, n)
        return out

    Filters = Annotated[dict[str, Any], Depends(filters)]
    Order = Literal[tuple(_ORDERS)]  # type: ignore[valid-type]

    def event_out(store: Store, ev: Event) -> dict[str, Any]:
        return event_json(ev, store.review_reasons([ev.event_id], review_cut).get(ev.event_id))

    def load(store: Store, event_id: str) -> Event:
        ev = store.get_event(event_id)
        if ev is None:
            raise ApiError(404, f"no event {event_id!r}")
        return ev

    # -- read endpoints ----------------------------------------------------------------------------
    @app.get("/api/health", response_model=Health, tags=["meta"])
    def health(store: StoreDep) -> dict[str, Any]:
        return {"status": "ok", "documents": store.count_documents(), "events": store.count_events()}

    @app.get("/api/me", response_model=Me, tags=["meta"])
    def me(request: Request, store: StoreDep) -> dict[str, Any]:
        """Who the caller is. Works without a key (then ``role`` says what anonymous callers may do)."""
        p = current(request, store)  # called, not a dependency: /api/me declares no security scheme
        return {"role": p.role if p else ("reader" if state.public_read else None),
                "key_id": p.key_id if p else None, "public_read": state.public_read, "version": __version__,
                "review_confidence": review_cut}

    @app.get("/api/events", response_model=EventList, tags=["events"])
    def list_events(
        store: StoreDep, _: Reader, f: Filters,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0, le=2**62)] = 0,
        order: Order = "date",  # type: ignore[valid-type]
    ) -> dict[str, Any]:
        events = [event_json(ev, (ev.context or {}).get("_review_reasons")) for ev in
                  store.iter_events(limit=limit, offset=offset, order=order, reasons_at=review_cut, **f)]
        return {"total": store.count_events(**f), "limit": limit, "offset": offset, "events": events}

    @app.get("/api/events/{event_id}", response_model=EventDetail, tags=["events"])
    def get_event(store: StoreDep, _: Reader, event_id: str) -> dict[str, Any]:
        from eventcoder.api.places import in_heading

        ev = load(store, event_id)
        docs = []
        texts: dict[str, str] = {}
        for d in ev.doc_ids:
            doc = store.get_document(d)
            if doc is None:
                continue
            texts[d] = doc.text
            docs.append({"doc_id": doc.doc_id, "source": doc.source, "source_type": doc.source_type,
                         "published": doc.published.isoformat() if doc.published else None,
                         "url": doc.url, "title": doc.title, "text": doc.text})
        primary = ev.doc_ids[0] if ev.doc_ids else None
        evidence: list[dict[str, Any]] = []
        notes = (ev.evidence or {}).get("notes")
        incident = (int(notes[0]), int(notes[1])) if notes else None
        for fld, span in (ev.evidence or {}).items():
            s, e = int(span[0]), int(span[1])
            text = texts.get(primary or "", "")
            evidence.append({"field": fld, "doc_id": primary, "start": s, "end": e, "text": text[s:e],
                             "heading": fld != "notes" and in_heading(text, s, e, incident)})
        passage = None
        if primary in texts and evidence:
            text = texts[primary]
            s = max(0, min(x["start"] for x in evidence) - 200)
            e = min(len(text), max(x["end"] for x in evidence) + 200)
            passage = {"doc_id": primary, "start": s, "end": e, "text": text[s:e]}
        merged = [r[0] for r in store.con.execute(
            "SELECT event_id FROM events WHERE merged_into = ? ORDER BY event_id", [event_id]).fetchall()]
        sources = [{k: v for k, v in row.items()} for row in store.event_sources(event_id)]
        return {"event": event_out(store, ev), "documents": docs, "evidence": evidence, "passage": passage,
                "sources": sources, "merged": merged, "audit": _event_audit_rows(store, ev)}

    @app.get("/api/events/{event_id}/audit", response_model=list[AuditEntry], tags=["audit"])
    def event_audit(store: StoreDep, _: Reader, event_id: str) -> list[dict[str, Any]]:
        return _event_audit_rows(store, load(store, event_id))

    @app.get("/api/audit", response_model=list[AuditEntry], tags=["audit"])
    def audit(
        store: StoreDep, _: Reader,
        event_id: Annotated[str | None, Query(max_length=200)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0, le=2**62)] = 0,
    ) -> list[dict[str, Any]]:
        rows = store.audit(event_id)
        rows.reverse()  # newest first
        return [_audit_row(a) for a in rows[offset:offset + limit]]

    def server_gazetteer() -> "Gazetteer | None":
        """The pipeline's gazetteer (opened once, as GET /api/places opens it); None on a server without one."""
        try:
            return cast("Gazetteer", state.pipeline.gazetteer)
        except (AttributeError, EventcoderError):  # tests' stand-in pipeline; no index at the configured path
            return None

    @app.get("/api/places", response_model=list[PlaceOut], tags=["events"])
    def places(
        _: Reader,
        name: Annotated[str, Query(min_length=1, max_length=200, description="a place name, in any spelling the gazetteer knows")],
        iso: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$", description="ISO2 country to search in")] = None,
        limit: Annotated[int, Query(ge=1, le=50)] = 10,
    ) -> list[dict[str, Any]]:
        """Gazetteer places named ``name`` (most populous first), each as the event fields it sets: the review
        page's "find place" corrects an event's place with one PATCH of these fields (session 9)."""
        from eventcoder.api.places import find_places

        try:
            gazetteer = state.pipeline.gazetteer
        except AttributeError:  # a pipeline without a gazetteer (tests' stand-in)
            raise ApiError(503, "no gazetteer on this server", "resource_missing") from None
        return find_places(gazetteer, name, iso.upper() if iso else None, limit)

    @app.get("/api/documents/{doc_id}", response_model=DocumentOut, tags=["documents"])
    def get_document(store: StoreDep, _: Reader, doc_id: str) -> dict[str, Any]:
        doc = store.get_document(doc_id)
        if doc is None:
            raise ApiError(404, f"no document {doc_id!r}")
        return {"doc_id": doc.doc_id, "source": doc.source, "source_type": doc.source_type,
                "published": doc.published.isoformat() if doc.published else None,
                "url": doc.url, "title": doc.title, "text": doc.text}

    @app.get("/api/export", tags=["export"],
             responses={200: {"content": {"text/csv": {}, "application/geo+json": {},
                                          "application/vnd.apache.parquet": {}, "application/x-ndjson": {}}}})
    def export(
        store: StoreDep, _: Reader, f: Filters,
        format: Literal["acled", "csv", "geojson", "parquet", "jsonl"] = "acled",
        limit: Annotated[int | None, Query(ge=1, le=10_000_000)] = None,
    ) -> Response:
        from eventcoder.api import exporting

        data, media, name = exporting.export_bytes(store, f, format, limit)
        return Response(content=data, media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    # -- write endpoints ---------------------------------------------------------------------------
    def submit(store: Store, doc: Document, events: list[Event] | None) -> dict[str, Any]:
        if events is None:
            pipeline = state.pipeline
            with state.process_lock:  # extraction runs outside the write lock: readers are never blocked
                events = pipeline.process(doc)
            doc = pipeline.prepare(doc)
        with state.write_lock:
            stored = store.add_document(doc, events)
        return {"doc_id": doc.doc_id, "stored": stored, "events": [e.event_id for e in events] if stored else []}

    @app.post("/api/documents", response_model=SubmitOut, status_code=201, tags=["documents"])
    def post_document(store: StoreDep, p: Analyst, body: DocumentIn) -> dict[str, Any]:
        doc = Document.from_text(body.text, doc_id=body.doc_id, source=body.source,
                                 source_type=body.source_type, published=body.published, url=body.url,
                                 title=body.title)
        events = None
        if body.events is not None:
            events = []
            for i, e in enumerate(body.events):
                data = e.model_dump()
                data["event_id"] = data["event_id"] or make_event_id(doc.doc_id, i)
                if data["event_date"] is not None:
                    data["event_date"] = data["event_date"].isoformat()
                data["source"] = doc.source
                data["source_type"] = data["source_type"] or doc.source_type or "other"
                data["doc_ids"] = (doc.doc_id,)
                for fld, (s, en) in data["evidence"].items():
                    if not s <= en <= len(doc.text):
                        raise ApiError(422, f"events[{i}].evidence.{fld}: span [{s}, {en}] is outside the "
                                       f"text (0..{len(doc.text)})", "invalid_request")
                events.append(Event.from_dict(data))
            if len({e.event_id for e in events}) != len(events):
                raise ApiError(422, "events: event_id values repeat", "invalid_request")
        return submit(store, doc, events)

    @app.post("/api/upload", response_model=UploadOut, status_code=201, tags=["documents"])
    def upload_document(
        store: StoreDep, p: Analyst,
        file: Annotated[UploadFile, File(description="a report: .txt, .html, .jsonl, .csv ...", json_schema_extra={"minLength": 1})],
        source: Annotated[str, Form(max_length=500)] = "",
        source_type: Annotated[str, Form(pattern="^(claim|news|official|ngo|other)?$")] = "",
        published: Annotated[IsoDate, Form()] = None,  # type: ignore[assignment]
        date_order: Annotated[str, Form(pattern="^(dmy|mdy)?$")] = "",
    ) -> dict[str, Any]:
        from eventcoder.settings import Settings
        from eventcoder.stages.ingest import iter_documents

        name = Path(file.filename or "upload.txt").name
        suffix = re.sub(r"[^A-Za-z0-9.]", "", Path(name).suffix)[:10] or ".txt"
        settings = Settings(source=source or None, source_type=source_type or None, published=published,
                            date_order=date_order or None)
        out = []
        problems: list[InputError] = []
        warned: list[InputError] = []
        with tempfile.TemporaryDirectory(prefix="eventcoder-upload-") as tmp:
            path = Path(tmp) / f"upload{suffix}"
            with path.open("wb") as fh:
                while chunk := file.file.read(1 << 20):
                    fh.write(chunk)

            def named(err: InputError) -> InputError:  # the user's file name, never the temporary path
                where = name + err.path[len(str(path)):] if err.path.startswith(str(path)) else err.path
                return InputError(where, err.problem, err.hint)

            docs = list(iter_documents([path], settings, on_error=lambda e: problems.append(named(e)),
                                       on_warning=lambda e: warned.append(named(e))))
        if problems and not docs:  # nothing readable: the whole upload is one client error
            raise from_eventcoder(problems[0])
        for doc in docs:
            doc = Document(**{**doc.__dict__, "path": name, "source": doc.source or source or name})
            out.append(submit(store, doc, None))
        return {"documents": out, "errors": [str(e) for e in problems], "warnings": [str(e) for e in warned]}

    @app.patch("/api/events/{event_id}", response_model=EventOut, tags=["review"])
    def patch_event(store: StoreDep, p: Analyst, event_id: str, body: EventPatch) -> dict[str, Any]:  # type: ignore[valid-type]
        changes = cast(BaseModel, body).model_dump(exclude_unset=True)
        if changes.get("event_date") is not None:
            changes["event_date"] = changes["event_date"].isoformat()
        if not changes:
            raise ApiError(422, "give at least one field to change", "invalid_request")
        from eventcoder.api.places import place_correction

        with state.write_lock:
            ev = load(store, event_id)
            doc = store.get_document(ev.doc_ids[0]) if ev.doc_ids else None
            changes, context = place_correction(ev, changes, doc.text if doc else None, p.who,
                                                dt.datetime.now(dt.UTC).date(), server_gazetteer())
            return event_out(store, store.update_event(event_id, changes, who=p.who, action="edit", context=context))

    def set_status(store: Store, p: Principal, event_id: str, status: str, action: str) -> dict[str, Any]:
        with state.write_lock:
            ev = load(store, event_id)
            if ((ev.context or {}).get("_review_status") or "proposed") == status:
                return event_out(store, ev)  # already so: no audit entry that changes nothing (session 10)
            return event_out(store, store.update_event(event_id, {"review_status": status}, who=p.who, action=action))

    @app.post("/api/events/{event_id}/approve", response_model=EventOut, tags=["review"])
    def approve(store: StoreDep, p: Analyst, event_id: str) -> dict[str, Any]:
        return set_status(store, p, event_id, "approved", "approve")

    @app.post("/api/events/{event_id}/reject", response_model=EventOut, tags=["review"])
    def reject(store: StoreDep, p: Analyst, event_id: str) -> dict[str, Any]:
        return set_status(store, p, event_id, "rejected", "reject")

    @app.post("/api/events/{event_id}/reopen", response_model=EventOut, tags=["review"])
    def reopen(store: StoreDep, p: Analyst, event_id: str) -> dict[str, Any]:
        return set_status(store, p, event_id, "proposed", "reopen")

    @app.post("/api/events/{event_id}/undo", response_model=EventOut, tags=["review"])
    def undo(store: StoreDep, p: Analyst, event_id: str, body: UndoIn) -> dict[str, Any]:
        """Take back one edit (its audit entry): the fields, evidence and place reason it changed get their earlier
        values, recorded as an `undo` (not as a new correction); 409 when something changed them since."""
        from eventcoder.api import review

        with state.write_lock:
            return event_out(store, review.undo(store, event_id, body.audit_id, who=p.who))

    @app.post("/api/merge", response_model=EventOut, tags=["review"])
    def merge(store: StoreDep, p: Analyst, body: MergeIn) -> dict[str, Any]:
        from eventcoder.api import review

        with state.write_lock:
            return event_out(store, review.merge(store, body.into, body.event_ids, who=p.who))

    @app.post("/api/events/{event_id}/split", response_model=SplitOut, tags=["review"])
    def split(store: StoreDep, p: Analyst, event_id: str,
              body: Annotated[SplitIn | None, Body()] = None) -> dict[str, Any]:
        from eventcoder.api import review

        body = body or SplitIn()
        with state.write_lock:
            ev, off = review.split(store, event_id, who=p.who, event_ids=body.event_ids, doc_ids=body.doc_ids)
        return {"event": event_out(store, ev), "split_off": off}

    # -- keys (admin) ------------------------------------------------------------------------------
    @app.get("/api/keys", response_model=list[KeyOut], tags=["keys"])
    def list_keys(store: StoreDep, _: Admin) -> list[dict[str, Any]]:
        return KeyStore(store.con, create=False).list()

    @app.post("/api/keys", response_model=KeyCreated, status_code=201, tags=["keys"])
    def create_key(store: StoreDep, _: Admin, body: KeyIn) -> dict[str, Any]:
        with state.write_lock:
            key_id, key = KeyStore(store.con, create=False).create(body.role, body.name)
        return {"key_id": key_id, "role": body.role, "key": key}

    @app.delete("/api/keys/{key_id}", status_code=204, tags=["keys"])
    def revoke_key(store: StoreDep, _: Admin, key_id: str) -> Response:
        with state.write_lock:
            ok = KeyStore(store.con, create=False).revoke(key_id)
        state.forget_keys()
        if not ok:
            raise ApiError(404, f"no active key {key_id!r}")
        return Response(status_code=204)

    # -- review page -------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method some route serves at ``path`` (for the Allow header of a 405)."""
    from fastapi.routing import APIRoute

    methods: set[str] = set()
    for route in app.routes:
        if isinstance(route, APIRoute) and route.path_regex.match(path):
            methods |= set(route.methods or ()) - {"HEAD"}
    return sorted(methods)


_BEARER_RE = re.compile(r"^[Bb][Ee][Aa][Rr][Ee][Rr] +(\S+) *$")


def request_key(request: Request) -> str | None:
    """The API key a request sends, or None when it sends none.

    ``X-API-Key`` is taken first; otherwise ``Authorization`` must be ``Bearer <key>`` as the spec's
    HTTPBearer scheme says. A credential header that is present but unusable (an empty ``X-API-Key``, an
    ``Authorization`` header with another scheme or no token) is refused with 401 rather than ignored:
    a caller that meant to authenticate must not silently be served as someone else (the schema test
    found ``Authorization: ''`` next to a valid ``X-API-Key`` answered 200)."""
    x_key = request.headers.get("x-api-key")
    auth = request.headers.get("authorization")
    if auth is not None:
        m = _BEARER_RE.match(auth)
        if m is None:
            raise ApiError(401, "the Authorization header must be 'Bearer <key>' (or send X-API-Key alone; "
                           "behind a proxy with its own Basic auth, do not forward its Authorization header)",
                           headers={"WWW-Authenticate": "Bearer"})
        bearer_key: str | None = m.group(1)
    else:
        bearer_key = None
    if x_key is not None:
        if not x_key.strip():
            raise ApiError(401, "the X-API-Key header is empty", headers={"WWW-Authenticate": "Bearer"})
        return x_key
    return bearer_key


def _is_sequence(annotation: Any) -> bool:
    """Whether a query parameter's annotation takes several values (list/tuple/set, maybe in a union)."""
    origin = get_origin(annotation)
    if origin in (list, tuple, set, frozenset) or annotation in (list, tuple, set, frozenset):
        return True
    return any(_is_sequence(a) for a in get_args(annotation)) if origin is not None else False


def _multi_query_names(route: Any) -> frozenset[str]:
    """Names of the query parameters of ``route`` (with its sub-dependencies) that take several values."""
    cached = getattr(route, "_eventcoder_multi_query", None)
    if cached is None:
        names: set[str] = set()
        todo = [route.dependant]
        while todo:  # the route's own parameters and those of every dependency it uses
            dependant = todo.pop()
            names.update(p.alias for p in dependant.query_params if _is_sequence(p.field_info.annotation))
            todo.extend(dependant.dependencies)
        cached = frozenset(names)
        route._eventcoder_multi_query = cached
    return cast(frozenset[str], cached)


def refuse_repeated_query(request: Request) -> None:
    """422 when a single-valued query parameter is given more than once, or a query pair has no name.

    Starlette keeps every value of ``?event_id=a&event_id=b`` and FastAPI would silently use the last,
    so the request was answered as if it were valid although the spec declares one string (the schema
    test's negative data sends arrays and objects this way). Parameters declared as lists may repeat."""
    route = request.scope.get("route")
    multi = _multi_query_names(route) if route is not None and hasattr(route, "dependant") else frozenset()
    # one pass over the pairs: getlist() per name would scan them all for each name (quadratic in a long URL)
    for name, n in Counter(k for k, _ in request.query_params.multi_items()).items():
        if not name:  # "?=null": the negative data's object for a query parameter, serialized; no parameter
            raise ApiError(422, "a query parameter has no name (write name=value)", "invalid_request")
        if n > 1 and name not in multi:
            raise ApiError(422, f"query parameter {name[:100]!r} is given {n} times; give it once",
                           "invalid_request")


def _audit_row(a: dict[str, Any]) -> dict[str, Any]:
    at = a.get("at")
    return {**a, "at": at.isoformat() if isinstance(at, dt.date) else at}


def _event_audit_rows(store: Store, ev: Event) -> list[dict[str, Any]]:
    """One event's audit log, each entry saying whether an undo would take it back now (the review page shows
    its undo button only on those: session 10 showed it on edits whose undo the server then refused)."""
    from eventcoder.api.review import undo_refusal

    entries = store.audit(ev.event_id)
    now = ev.to_dict()
    rows = []
    for a in entries:
        refused = undo_refusal(entries, a["id"], now)
        rows.append({**_audit_row(a), "undoable": refused is None, "undo_refused": refused})
    return rows


__all__ = ["ROLES", "REVIEW_STATUSES", "create_app", "event_json"]
