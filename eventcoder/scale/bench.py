"""Scale benchmark: peak RSS and throughput of ``eventcoder run`` as the corpus grows (owner: dedupe).

    python -m eventcoder.scale.bench --sizes 1000 10000 --mode pipeline      # the real pipeline
    python -m eventcoder.scale.bench --sizes 10000 100000 1000000 --mode store --docs-per-day 100
    python -m eventcoder.scale.bench --sizes 2000 --mode dask --workers 1 2
    python -m eventcoder.scale.bench --score corpus.jsonl events.duckdb      # dedupe P/R/F1 vs ground truth
    python -m eventcoder.scale.bench --keycheck store.duckdb [--batch 1000]  # per-batch key checks, seconds

Each size runs in a fresh process under ``/usr/bin/time`` (peak RSS = its maximum resident set).
``pipeline`` runs ``eventcoder run`` as shipped. ``store`` runs the same command loop (ingest ->
store -> dedupe, resumability checks, progress counters) with extraction replaced by a template
parser that only knows the synthetic corpus: it measures what corpus size costs outside extraction
(streaming ingest, the DuckDB store, store-level dedupe) at sizes the 2-core machine cannot extract
in the time available. ``dask`` runs ``--engine dask`` with 1 and 2 workers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from eventcoder.scale.synthetic import TOWNS, write_synthetic

_STUB = r'''
import re, sys, zlib
from eventcoder.records import Event, make_event_id
from eventcoder.pipeline import Pipeline
TOWNS = dict(%s)
PAT = re.compile(r"in (%s)\b")
KILL = re.compile(r"(\d+) (?:people|soldiers)")
def process(self, doc):
    doc = self.prepare(doc)
    m = PAT.search(doc.text)
    if not m:
        return []
    town = m.group(1); h = zlib.crc32(town.encode())
    k = KILL.search(doc.text)
    return [Event(event_id=make_event_id(doc.doc_id, 0, self.settings.digest()),
                  event_date=doc.published.isoformat() if doc.published else None, time_precision=1,
                  country=TOWNS[town], location=town, latitude=(h %% 6000) / 100.0 - 30.0,
                  longitude=(h // 6000 %% 9000) / 100.0, geo_precision=1, event_type="Explosions/Remote violence",
                  killed=int(k.group(1)) if k else None, source=doc.source,
                  source_type=doc.source_type or "news", claimed=doc.source_type == "claim",
                  notes=doc.text[:200], doc_ids=(doc.doc_id,), confidence=0.5)]
Pipeline.process = process
Pipeline.gazetteer = property(lambda self: None)  # no geocoding here: never open (or build) the index
from eventcoder.cli import main
sys.argv = ["eventcoder"] + sys.argv[1:]
main()
'''


def _stub_source() -> str:
    towns = ", ".join(repr((t, c)) for t, c in TOWNS)
    alts = "|".join(re.escape(t) for t, _c in TOWNS)
    return _STUB % ("[" + towns + "]", alts)


def run_once(corpus: Path, db: Path, mode: str, workers: int = 2, extra: list[str] | None = None) -> dict[str, Any]:
    time_bin = shutil.which("time") or "/usr/bin/time"
    if mode == "store":
        script = db.with_suffix(".stub.py")
        script.write_text(_stub_source())
        cmd = [sys.executable, str(script), "run", str(corpus), "--db", str(db), "-q"]
    else:
        cmd = [sys.executable, "-m", "eventcoder", "run", str(corpus), "--db", str(db), "-q"]
        if mode == "dask":
            cmd += ["--engine", "dask"]
    cmd += extra or []
    env = {**os.environ, "EVENTCODER_DASK_WORKERS": str(workers)}
    t0 = time.perf_counter()
    proc = subprocess.run([time_bin, "-f", "BENCH %M %e", *cmd], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    m = re.search(r"BENCH (\d+) ([\d.]+)", proc.stderr)
    if proc.returncode != 0 or not m:
        raise SystemExit(f"bench run failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return {"peak_rss_mb": round(int(m.group(1)) / 1024, 1), "seconds": round(wall, 1),
            "summary": [ln for ln in proc.stdout.splitlines()
                        if ln.startswith(("stored ", "events stored", "dedupe:", "store:")) or "docs/s" in ln]}


def score_store(corpus: Path, db: Path) -> dict[str, Any]:
    """Dedupe quality of a store built from a synthetic corpus: each document's cluster is the unmerged
    event that cites it; gold is the corpus' ``incident`` column (pairwise and B-cubed scores)."""
    from eventcoder.evaluation.dedup_gold import score_clusters
    from eventcoder.stages.store import Store

    gold: dict[str, str] = {}
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            gold[row["id"]] = row["incident"]
    pred: dict[str, str] = {}
    with Store(db, read_only=True) as store:
        for k, ev in enumerate(store.iter_events()):
            for d in ev.doc_ids:
                pred.setdefault(d, f"e{k}")
    missing = sum(1 for d in gold if d not in pred)
    for d in gold:
        pred.setdefault(d, "none:" + d)
    scores = score_clusters(pred, gold)
    return {"documents": len(gold), "incidents": len(set(gold.values())), "documents_without_event": missing,
            **{k: round(v, 4) for k, v in scores.items()}}


def keycheck(db: Path, batch: int = 1000, batches: int = 12, memory: str = "48MB") -> dict[str, Any]:
    """Seconds per batch of the uniqueness checks ``Store.add_batch`` makes before writing (content hashes,
    document ids, event ids) for ``batch`` new documents of one event each, against the stored ``db``,
    opened read-only under ``run``'s DuckDB cap (nothing is written). A schema-2 store opened read-only keeps
    the string scans, so the same command measures both layouts. The first batch (cold cache) is reported
    apart from the median of the others."""
    import statistics

    from eventcoder.records import Document, Event
    from eventcoder.stages.store import Store

    with Store(db, read_only=True, memory_limit=memory) as store:
        # new ids inside the stored ids' range, as a growing corpus makes them (an id outside it would let
        # DuckDB skip every row group by its min/max and flatter the string scan)
        low_doc, low_event = store.con.execute("SELECT (SELECT min(doc_id) FROM documents), "
                                               "(SELECT min(event_id) FROM events)").fetchone() or ("", "")
        times = []
        for b in range(batches):
            pairs = []
            for i in range(batch):
                doc = Document.from_text(f"keycheck report {b}-{i}", doc_id=f"{low_doc}/new-{b}-{i}")
                pairs.append((doc, [Event(event_id=f"{low_event}/new-{b}-{i}", doc_ids=(doc.doc_id,))]))
            t0 = time.perf_counter()
            store.stored_hashes([doc.content_hash for doc, _ in pairs])
            store._check_new_ids(pairs)
            times.append(time.perf_counter() - t0)
        # key_tables false on a schema-3 store: its keys came from another DuckDB release or predate the key
        # probe (0d6ea05): the checks scanned strings; open it once for writing to recompute the keys
        return {"db": str(db), "schema": store.schema_version, "key_tables": store._keyed,
                "documents": store.count_documents(),
                "events": store.count_events(include_merged=True), "batch": batch, "first_s": round(times[0], 4),
                "median_s": round(statistics.median(times[1:]), 4), "max_s": round(max(times[1:]), 4),
                "load": os.getloadavg()[0]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--score", nargs=2, type=Path, metavar=("CORPUS", "DB"),
                    help="only score the dedupe of DB (built from the synthetic CORPUS) and exit")
    ap.add_argument("--keycheck", type=Path, metavar="DB",
                    help="only time add_batch's per-batch key checks against the stored DB and exit")
    ap.add_argument("--batch", type=int, default=1000, help="documents per batch for --keycheck")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--mode", choices=["pipeline", "store", "dask"], default="pipeline")
    ap.add_argument("--workers", type=int, nargs="+", default=[2])
    ap.add_argument("--dir", type=Path, default=None, help="work folder (default: a temp folder, removed)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--docs-per-day", type=float, default=None,
                    help="corpus density: the span grows with the size (default: a fixed two-year span)")
    ap.add_argument("--no-dedupe", action="store_true", help="pass --no-dedupe to eventcoder run")
    args = ap.parse_args(argv)
    if args.score:
        print(json.dumps(score_store(*args.score)))
        return 0
    if args.keycheck:
        print(json.dumps(keycheck(args.keycheck, args.batch)))
        return 0
    work = args.dir or Path(tempfile.mkdtemp(prefix="eventcoder-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        for n in args.sizes:
            dens = f"-d{args.docs_per_day:g}" if args.docs_per_day else ""
            corpus = work / f"corpus-{n}{dens}.jsonl"
            if not corpus.exists():
                write_synthetic(corpus, n, args.seed, args.docs_per_day)
            for w in args.workers if args.mode == "dask" else [1]:
                db = work / f"{args.mode}-{n}{dens}-{w}.duckdb"
                for p in (db, Path(str(db) + ".wal")):
                    p.unlink(missing_ok=True)
                res = run_once(corpus, db, args.mode, w, ["--no-dedupe"] if args.no_dedupe else [])
                row = {"mode": args.mode, "documents": n, "docs_per_day": args.docs_per_day, "workers": w,
                       "dedupe": not args.no_dedupe, **res,
                       "docs_per_s": round(n / res["seconds"], 1) if res["seconds"] else None}
                print(json.dumps(row), flush=True)
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
