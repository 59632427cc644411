"""Shared fixtures for the API tests (no tests here): hand-made documents with evidence-cited events."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from eventcoder.records import Document, Event

with warnings.catch_warnings():  # starlette warns that httpx is deprecated for its TestClient
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: F401  (re-exported for the tests)

HOSTILE = (
    "<script>alert('xss-script')</script> Fighters attacked <img src=x onerror=\"alert('xss-img')\"> "
    "the checkpoint in \u202eRamadi\u202c, see javascript:alert('xss-url') and "
    "<a href=\"javascript:alert('xss-a')\">link</a>. 5 soldiers were killed."
)

REPORTS: list[dict[str, Any]] = [
    {
        "text": "On 2 January 2017 a car bomb exploded in Baghdad, killing 3 and wounding 10.",
        "source": "Example Wire", "source_type": "news", "published": "2017-01-03",
        "events": [dict(event_date="2017-01-02", country="Iraq", iso="IQ", admin1="Baghdad", location="Baghdad",
                        latitude=33.34, longitude=44.40, geo_precision=1, event_type="Explosions/Remote violence",
                        sub_event_type="Remote explosive/landmine/IED", actor1="Unidentified Armed Group (Iraq)",
                        actor2="Civilians (Iraq)", killed=3, wounded=10, casualty_qualifier="exact",
                        evidence={"event_date": "2 January 2017", "location": "Baghdad", "killed": "killing 3",
                                  "wounded": "wounding 10", "sub_event_type": "car bomb"})],
    },
    {
        "text": "Islamic State fighters clashed with the army near Mosul on 5 March 2017; 12 fighters were killed.",
        "source": "Example Claim", "source_type": "claim", "published": "2017-03-06",
        "events": [dict(event_date="2017-03-05", country="Iraq", iso="IQ", admin1="Nineveh", location="Mosul",
                        latitude=36.34, longitude=43.13, geo_precision=2, event_type="Battles",
                        sub_event_type="Armed clash", actor1="Islamic State", actor2="Military Forces of Iraq",
                        killed=12, casualty_qualifier="exact", claimed=True,
                        evidence={"actor1": "Islamic State", "location": "near Mosul", "event_date": "5 March 2017",
                                  "killed": "12 fighters were killed"})],
    },
    {
        "text": "A suicide car bomber struck a checkpoint in Mogadishu on 2 January 2017, killing at least 7.",
        "source": "Other Wire", "source_type": "news", "published": "2017-01-02",
        "events": [dict(event_date="2017-01-02", country="Somalia", iso="SO", admin1="Banaadir", location="Mogadishu",
                        latitude=2.04, longitude=45.34, geo_precision=1, event_type="Explosions/Remote violence",
                        sub_event_type="Suicide bomb", actor1="Al Shabaab", killed=7, casualty_qualifier="at_least",
                        evidence={"location": "Mogadishu", "event_date": "2 January 2017", "killed": "at least 7",
                                  "sub_event_type": "suicide car bomber"})],
    },
    {
        "text": "Police said a second report confirmed the Mogadishu checkpoint bombing of 2 January 2017.",
        "source": "Third Wire", "source_type": "news", "published": "2017-01-03",
        "events": [dict(event_date="2017-01-02", country="Somalia", iso="SO", admin1="Banaadir", location="Mogadishu",
                        latitude=2.04, longitude=45.34, geo_precision=1, event_type="Explosions/Remote violence",
                        sub_event_type="Suicide bomb", actor1="Al Shabaab",
                        evidence={"location": "Mogadishu"})],
    },
]


def hostile_report(big_line: int = 0) -> dict[str, Any]:
    """A document full of markup, script URLs and RTL overrides; the event fields carry them too."""
    text = HOSTILE + ("\n" + "A" * big_line if big_line else "")
    start = text.index("\u202eRamadi")
    return {
        "text": text, "source": "<b onmouseover=alert('xss-src')>Hostile</b>", "source_type": "claim",
        "published": "2017-02-01", "url": "javascript:alert('xss-doc-url')", "title": "<svg onload=alert(1)>",
        "events": [dict(event_date="2017-02-01", country="Iraq", iso="IQ", admin1="Anbar",
                        location="\u202eRamadi\u202c <img src=x onerror=alert('xss-loc')>", latitude=33.42,
                        longitude=43.30, geo_precision=1, event_type="Battles", sub_event_type="Armed clash",
                        actor1="<script>alert('xss-actor')</script>", actor2="javascript:alert('xss-a2')",
                        killed=5, casualty_qualifier="exact", notes="<iframe src=javascript:alert(2)></iframe>",
                        evidence={"location": [start, start + 7], "actor1": [0, len("<script>alert('xss-script')</script>")], "killed": [text.index("5 sold"),
                                                                                            text.index("5 sold") + 1]})],
    }


def spans(text: str, spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with evidence phrases turned into [start, end] offsets into ``text``."""
    ev = {}
    for field, phrase in spec.get("evidence", {}).items():
        if isinstance(phrase, str):
            i = text.index(phrase)
            ev[field] = [i, i + len(phrase)]
        else:
            ev[field] = list(phrase)
    return {**spec, "evidence": ev}


def events_of(doc: Document, specs: Sequence[dict[str, Any]]) -> list[Event]:
    out = []
    for i, spec in enumerate(spans(doc.text, s) for s in specs):
        out.append(Event(event_id=f"ev:{doc.doc_id[4:12]}{i}", source=doc.source,
                         source_type=doc.source_type or "other", doc_ids=(doc.doc_id,), **spec))
    return out


def load_reports(store: Any, reports: Sequence[dict[str, Any]] = REPORTS) -> list[str]:
    """Store the reports directly (no HTTP); returns the event ids in order."""
    ids = []
    for r in reports:
        doc = Document.from_text(r["text"], source=r["source"], source_type=r["source_type"],
                                 published=r["published"], url=r.get("url"), title=r.get("title"))
        evs = events_of(doc, r["events"])
        store.add_document(doc, evs)
        ids += [e.event_id for e in evs]
    return ids


class NoPipeline:
    """Stands in for the extraction pipeline (tests must not need the gazetteer): finds no events."""

    calls = 0

    def process(self, doc: Document) -> list[Event]:
        NoPipeline.calls += 1
        return []

    def prepare(self, doc: Document) -> Document:
        return doc


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def submit_body(report: dict[str, Any]) -> dict[str, Any]:
    """The POST /api/documents body for a report (evidence phrases resolved to offsets)."""
    body = {k: v for k, v in report.items() if k != "events"}
    body["events"] = [spans(report["text"], e) for e in report["events"]]
    return body


SERVE_START_S = float(os.environ.get("EVENTCODER_SERVE_START_S", "180"))


@contextlib.contextmanager
def serve_process(db: Path, home: Path, key: str) -> Iterator[Any]:
    """A real ``eventcoder serve`` process on ``db`` (EVENTCODER_HOME=``home``, no rate limit): yields an
    ``httpx.Client`` on it sending ``key``; the server is stopped with SIGINT (killed if it hangs)."""
    import httpx

    port = free_port()
    env = dict(os.environ, EVENTCODER_HOME=str(home), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "eventcoder", "serve", "--db", str(db), "--port", str(port),
                             "--rate-limit", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    url = f"http://127.0.0.1:{port}"
    # a start takes ~2 s on a quiet machine and over 30 s at load average 15 on the team's 2 cores (session 13: two
    # "Connection refused" errors at 30 s); the wait ends as soon as the server answers, so a long limit costs nothing
    deadline = time.time() + SERVE_START_S
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError("server exited: " + (proc.stderr.read().decode() if proc.stderr else ""))
            try:
                if httpx.get(url + "/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                if time.time() > deadline:
                    raise
                time.sleep(0.1)
        with httpx.Client(base_url=url, headers={"X-API-Key": key}, timeout=30) as client:
            yield client
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextlib.contextmanager
def serve_places(home: Path, places_csv: str) -> Iterator[Any]:
    """An empty store in ``home`` with an analyst key, the place list ``places_csv`` (CSV text) built as the default
    index of ``home``, and a real ``eventcoder serve`` on it: yields its client."""
    from eventcoder.api.auth import KeyStore
    from eventcoder.gazetteer.build import build_from_files
    from eventcoder.stages.store import Store

    csv = home / "places.csv"
    csv.write_text(places_csv, encoding="utf-8")
    build_from_files(home / "gazetteer.sqlite3", [csv])  # the default index of EVENTCODER_HOME
    db = home / "events.duckdb"
    store = Store(db)
    key = KeyStore(store.con).create("analyst", "ana")[1]
    store.close()
    with serve_process(db, home, key) as client:
        yield client


@contextlib.contextmanager
def serve_one_event(home: Path, text: str, spec: dict[str, Any], context: dict[str, Any],
                    source: str, published: str) -> Iterator[tuple[Any, Event]]:
    """A store in ``home`` holding one news document and its one event (``spec``, with ``context``), an analyst
    key 'ana', the fixture gazetteer as the default index (a PATCH looks places up; else the default is built),
    and a real ``eventcoder serve`` on it: yields (client, event)."""
    from eventcoder.api.auth import KeyStore
    from eventcoder.gazetteer.build import build_from_files
    from eventcoder.stages.store import Store

    build_from_files(home / "gazetteer.sqlite3", [Path(__file__).parent / "fixtures" / "gazetteer" / "places.csv"])
    db = home / "events.duckdb"
    store = Store(db)
    key = KeyStore(store.con).create("analyst", "ana")[1]
    doc = Document.from_text(text, source=source, source_type="news", published=published)
    [ev] = events_of(doc, [spec])
    store.add_document(doc, [ev.replace(context=context)])
    store.close()
    with serve_process(db, home, key) as client:
        yield client, ev
