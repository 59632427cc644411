"""Bounded load test of the events list on loopback: a real `eventcoder serve` process, N requests, then stop.

    python tools/loadtest.py --requests 10000 --concurrency 16 --events 2000

Seeds a temporary store with synthetic events (one document per 20 events), starts the server on
127.0.0.1 and a free port (rate limit off), sends GET /api/events?limit=50&offset=... with an API key from
``concurrency`` async clients until ``requests`` have completed, and prints requests/s and latency
percentiles (milliseconds). Every response must be 200 or the run fails. The server is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def seed(db: Path, n_events: int) -> str:
    from eventcoder.api.auth import KeyStore
    from eventcoder.records import Document, Event
    from eventcoder.stages.store import Store

    countries = [("Iraq", "IQ", 33.3, 44.4), ("Syria", "SY", 35.0, 38.5), ("Somalia", "SO", 2.0, 45.3),
                 ("Nigeria", "NG", 11.8, 13.1), ("Egypt", "EG", 31.0, 33.8)]
    with Store(db) as store:
        key = KeyStore(store.con).create("reader", "loadtest")[1]
        per_doc = 20
        for d in range(0, n_events, per_doc):
            text = " ".join(f"Report {d + i}: clashes near town {d + i}." for i in range(per_doc))
            doc = Document.from_text(text, doc_id=f"load:{d}", source="loadtest", source_type="news")
            events = []
            for i in range(min(per_doc, n_events - d)):
                country, iso, lat, lon = countries[(d + i) % len(countries)]
                phrase = f"town {d + i}"
                s = text.index(phrase)
                events.append(Event(
                    event_id=f"ev:load{d + i:08d}", event_date=f"2017-{1 + (d + i) % 12:02d}-{1 + (d + i) % 28:02d}",
                    country=country, iso=iso, location=phrase, latitude=lat, longitude=lon,
                    event_type="Battles", sub_event_type="Armed clash", actor1="Unidentified Armed Group",
                    killed=(d + i) % 9, source="loadtest", source_type="news",
                    evidence={"location": [s, s + len(phrase)]}, doc_ids=(doc.doc_id,)))
            store.add_document(doc, events)
    return key


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def hammer(url: str, key: str, total: int, concurrency: int, n_events: int) -> tuple[list[float], float]:
    import httpx

    latencies: list[float] = []
    counter = iter(range(total))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def worker(client: httpx.AsyncClient) -> None:
        for i in counter:
            offset = (i * 50) % max(1, n_events - 50)
            t0 = time.perf_counter()
            r = await client.get("/api/events", params={"limit": 50, "offset": offset})
            latencies.append(time.perf_counter() - t0)
            if r.status_code != 200:
                raise RuntimeError(f"request {i}: HTTP {r.status_code} {r.text[:200]}")

    async with httpx.AsyncClient(base_url=url, headers={"X-API-Key": key}, limits=limits, timeout=30) as client:
        start = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
    return latencies, elapsed


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
    return ordered[k] * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=10_000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--events", type=int, default=2000, help="events seeded into the temporary store")
    ap.add_argument("--json", action="store_true", help="print the result as one JSON line")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="eventcoder-load-") as tmp:
        db = Path(tmp) / "load.duckdb"
        key = seed(db, args.events)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([sys.executable, "-m", "eventcoder", "serve", "--db", str(db), "--port", str(port),
                                 "--rate-limit", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            import httpx

            deadline = time.time() + 30
            while True:
                try:
                    if httpx.get(url + "/api/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.time() > deadline or proc.poll() is not None:
                    print("server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.1)
            asyncio.run(hammer(url, key, min(200, args.requests), args.concurrency, args.events))  # warm-up
            lat, elapsed = asyncio.run(hammer(url, key, args.requests, args.concurrency, args.events))
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(proc.pid, signal.SIGKILL)
    result = {"requests": len(lat), "concurrency": args.concurrency, "events": args.events, "page": 50,
              "seconds": round(elapsed, 2), "rps": round(len(lat) / elapsed, 1), "p50_ms": round(pct(lat, 50), 1),
              "p95_ms": round(pct(lat, 95), 1), "p99_ms": round(pct(lat, 99), 1), "max_ms": round(max(lat) * 1000, 1),
              "cpus": os.cpu_count()}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['requests']} requests, concurrency {args.concurrency}, {args.events} events, page 50: "
              f"{result['rps']} req/s; latency p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
              f"p99 {result['p99_ms']} ms, max {result['max_ms']} ms ({result['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
