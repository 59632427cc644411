"""Reliability with a real server process (`eventcoder serve` on 127.0.0.1, a free port).

- readers never see half a document while an ingest writes (each document is one transaction);
- kill -9 in the middle of an ingest loses no acknowledged event and leaves no half-written document;
- the restarted server opens the same file and carries on.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_api_support import SERVE_START_S, free_port

from eventcoder.api.auth import KeyStore
from eventcoder.stages.store import Store

PER_DOC = 40  # events per document


def make_doc(n: int) -> dict[str, Any]:
    text = " ".join(f"Incident {i}: a shell hit village {n}-{i}." for i in range(PER_DOC))
    events = []
    for i in range(PER_DOC):
        phrase = f"village {n}-{i}"
        start = text.index(phrase)
        events.append({"event_id": f"ev:rel{n:05d}{i:03d}", "event_date": "2017-01-02", "country": "Iraq",
                       "location": phrase, "latitude": 33.0, "longitude": 44.0, "killed": i,
                       "evidence": {"location": [start, start + len(phrase)]}})
    return {"text": text, "doc_id": f"rel:{n:05d}", "source": "reliability", "events": events}


class ServerProcess:
    def __init__(self, db: Path) -> None:
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> ServerProcess:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "eventcoder", "serve", "--db", str(self.db), "--host", "127.0.0.1",
             "--port", str(self.port), "--rate-limit", "0"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        deadline = time.time() + SERVE_START_S
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + (self.proc.stderr.read().decode() if self.proc.stderr else ""))
            try:
                if httpx.get(self.url + "/api/health", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError(f"server did not start in {SERVE_START_S:.0f} s")

    def kill9(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill9()


@pytest.fixture()
def db(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    path = tmp_path / "rel.duckdb"
    with Store(path) as s:
        key = KeyStore(s.con).create("analyst", "reliability")[1]
    yield path, key


def test_readers_never_see_half_a_document_while_ingest_writes(db: tuple[Path, str]) -> None:
    path, key = db
    srv = ServerProcess(path).start()
    h = {"X-API-Key": key}
    done = threading.Event()
    problems: list[str] = []
    seen: list[int] = []

    def writer() -> None:
        with httpx.Client(base_url=srv.url, headers=h, timeout=30) as c:
            for n in range(12):
                r = c.post("/api/documents", json=make_doc(n))
                if r.status_code != 201:
                    problems.append(f"write {n}: {r.status_code} {r.text[:200]}")
        done.set()

    def reader() -> None:
        with httpx.Client(base_url=srv.url, headers=h, timeout=30) as c:
            last = 0
            while not done.is_set():
                r = c.get("/api/events", params={"limit": 1000, "order": "id"})
                if r.status_code != 200:
                    problems.append(f"read: {r.status_code} {r.text[:200]}")
                    continue
                body = r.json()
                total = body["total"]
                if total % PER_DOC or len(body["events"]) % PER_DOC:
                    problems.append(f"half a document visible: total {total}, page {len(body['events'])}")
                if total < last:
                    problems.append(f"events went backwards: {last} -> {total}")
                last = total
                seen.append(total)
                if body["events"]:
                    one = c.get(f"/api/events/{body['events'][-1]['event_id']}")
                    if one.status_code != 200 or not one.json()["evidence"]:
                        problems.append(f"event detail: {one.status_code}")

    try:
        threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert not problems, problems[:5]
        assert len(seen) >= 6 and len(set(seen)) >= 2, seen  # the readers really ran during the ingest
        final = httpx.get(srv.url + "/api/events", params={"limit": 1}, headers=h).json()["total"]
        assert final == 12 * PER_DOC
    finally:
        srv.stop()


def test_kill9_mid_ingest_loses_nothing_committed_and_restart_recovers(db: tuple[Path, str]) -> None:
    path, key = db
    srv = ServerProcess(path).start()
    h = {"X-API-Key": key}
    acked: list[str] = []
    stop = threading.Event()

    def writer() -> None:
        with httpx.Client(base_url=srv.url, headers=h, timeout=30) as c:
            n = 0
            while not stop.is_set():
                try:
                    r = c.post("/api/documents", json=make_doc(n))
                except httpx.HTTPError:
                    return  # the server died under us: this document was never acknowledged
                if r.status_code == 201:
                    acked.append(f"rel:{n:05d}")
                n += 1

    t = threading.Thread(target=writer)
    t.start()
    deadline = time.time() + 60
    while len(acked) < 5 and time.time() < deadline:
        time.sleep(0.02)
    time.sleep(0.05)  # land the kill while a request is in flight
    srv.kill9()
    stop.set()
    t.join(timeout=30)
    assert len(acked) >= 5

    with Store(path) as s:  # the killed process released the file; DuckDB replays its WAL
        docs = [r[0] for r in s.con.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()]
        per_doc = dict(s.con.execute(
            "SELECT doc_ids[1], count(*) FROM events GROUP BY 1").fetchall())
        evidence = s.con.execute("SELECT count(*) FROM evidence").fetchone()
        sources = s.con.execute("SELECT count(*) FROM event_sources").fetchone()
    assert set(acked) <= set(docs), "an acknowledged document was lost"
    assert len(docs) - len(acked) <= 1  # at most the one in flight, and then complete
    assert all(per_doc.get(d) == PER_DOC for d in docs), per_doc
    assert set(per_doc) == set(docs)  # no events without their document
    assert evidence == (len(docs) * PER_DOC,) and sources == (len(docs) * PER_DOC,)

    srv2 = ServerProcess(path).start()
    try:
        c = httpx.Client(base_url=srv2.url, headers=h, timeout=30)
        assert c.get("/api/events", params={"limit": 1}).json()["total"] == len(docs) * PER_DOC
        r = c.post("/api/documents", json=make_doc(99_999))
        assert r.status_code == 201 and len(r.json()["events"]) == PER_DOC
        again = c.post("/api/documents", json=make_doc(0))  # re-sending a stored document is harmless
        assert again.status_code == 201 and again.json()["stored"] is False
        assert c.get("/api/health").json()["events"] == (len(docs) + 1) * PER_DOC
    finally:
        srv2.stop()
