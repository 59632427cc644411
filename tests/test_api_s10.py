"""Session 10 review defects, against a real `eventcoder serve` process over a real store and gazetteer.

1. ``geo_reason`` (why the geocoder chose the place) is part of the API's event JSON.
2. Undoing a change is recorded as an undo that restores the earlier values (evidence and reason too), not as a
   new correction; the needs-review reasons follow the restored values.
3. A place span "Rakka" corrected to "Ar Raqqah" keeps its evidence: the gazetteer's alternate names of the
   new place are compared with the span, not only the new display name.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_api_support import events_of, free_port

from eventcoder.api.auth import KeyStore
from eventcoder.records import Document
from eventcoder.stages.store import Store

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Islamic State fighters attacked an army checkpoint in Rakka on 3 May 2017, killing 2 soldiers."
# the geocoder's (wrong) choice: only the province, so the event needs review
SPEC = dict(event_date="2017-05-03", country="Syria", iso="SY", admin1="Ar Raqqah", location="Ar Raqqah",
            latitude=35.8, longitude=38.9, geo_precision=3, gazetteer_id="gn:admin1-raqqa",
            event_type="Battles", sub_event_type="Armed clash", actor1="Islamic State",
            actor2="Military Forces of Syria", killed=2, casualty_qualifier="exact", confidence=0.95,
            location_text="in Rakka",
            evidence={"location": "Rakka", "killed": "killing 2", "location_text": "in Rakka"})
REASON = "admin-1 fallback: 'Rakka' matched the province only"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from eventcoder.gazetteer.build import build_from_files

    home = tmp_path_factory.mktemp("home")
    build_from_files(home / "gazetteer.sqlite3", [ROOT / "tests" / "fixtures" / "gazetteer" / "places.csv"])
    db = home / "s10.duckdb"
    store = Store(db)
    key = KeyStore(store.con).create("analyst", "ana")[1]
    doc = Document.from_text(TEXT, source="Wire", source_type="news", published="2017-05-04")
    [ev] = events_of(doc, [SPEC])
    store.add_document(doc, [ev.replace(context={"geo_reason": REASON, "geo_method": "admin1"})])
    store.close()
    port = free_port()
    env = dict(os.environ, EVENTCODER_HOME=str(home), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "eventcoder", "serve", "--db", str(db), "--port", str(port),
                             "--rate-limit", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
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
    try:
        with httpx.Client(base_url=url, headers={"X-API-Key": key}, timeout=30) as client:
            yield {"c": client, "id": ev.event_id, "span": [TEXT.index("Rakka"), TEXT.index("Rakka") + 5]}
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _event(server: dict[str, Any]) -> dict[str, Any]:
    return dict(server["c"].get(f"/api/events/{server['id']}").json()["event"])


def test_events_carry_the_geocoders_reason(server: dict[str, Any]) -> None:
    c = server["c"]
    [listed] = c.get("/api/events").json()["events"]
    assert listed["geo_reason"] == REASON
    assert _event(server)["geo_reason"] == REASON
    spec = c.get("/api/openapi.json").json()["components"]["schemas"]["Event"]["properties"]
    assert "geo_reason" in spec


def test_names_place_reads_the_gazetteers_alternate_names(tmp_path: Path) -> None:
    from eventcoder.api.places import names_place
    from eventcoder.gazetteer.build import build_from_files
    from eventcoder.gazetteer.index import Gazetteer

    build_from_files(tmp_path / "g.sqlite3", [ROOT / "tests" / "fixtures" / "gazetteer" / "places.csv"])
    g = Gazetteer.open(tmp_path / "g.sqlite3")
    try:
        assert names_place("Rakka", "Ar Raqqah", g, "geonames:172955")
        assert names_place("near Rakka city", "Ar Raqqah", g, "geonames:172955")
        assert names_place("الرقة", "Ar Raqqah", g, "geonames:172955")
        assert not names_place("Rakka", "Ar Raqqah", g, "geonames:167357")  # Manbij is not called Rakka
        assert not names_place("Manbij", "Ar Raqqah", g, "geonames:172955")
        assert not names_place("Rakka", "Ar Raqqah")  # no gazetteer: the name as written only
    finally:
        g.close()
