"""Speed, load time and memory of the gazetteer index (docs/benchmarks.md, "Gazetteer").

    python tools/geo_bench.py --index IDX [--n 50000] [--duckdb]

Open time: ``Gazetteer.open`` on an existing index (fresh process). Look-ups: ``Gazetteer.candidates``
on names drawn from the index itself (distinct keys, so the LRU cache does not help; a second pass
shows the cached rate) and ``Resolver.resolve`` with a country. RSS: peak resident memory of this
process (ru_maxrss). ``--duckdb`` copies the names/places tables into DuckDB and times the same
point query, the comparison behind the choice of SQLite.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time

from eventcoder.gazetteer.index import Gazetteer
from eventcoder.gazetteer.resolve import Resolver


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True)
    ap.add_argument("--n", type=int, default=50_000)
    ap.add_argument("--duckdb", action="store_true")
    a = ap.parse_args()
    base_rss = rss_mb()
    t0 = time.perf_counter()
    g = Gazetteer.open(a.index, build_if_missing=False)
    g.candidates("Mosul")
    t_open = time.perf_counter() - t0
    rows = g.sql("SELECT name, country FROM names WHERE rowid % 7 = 0 LIMIT ?", (a.n * 3,))
    random.seed(1)
    random.shuffle(rows)
    sample = rows[: a.n]
    t0, c0 = time.perf_counter(), time.process_time()
    for name, _ in sample:
        g.candidates(name)
    t_cold, c_cold = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    for name, _ in sample:
        g.candidates(name)
    t_warm = time.perf_counter() - t0
    res = Resolver(g)
    sub = sample[: min(len(sample), 20_000)]
    t0, c0 = time.perf_counter(), time.process_time()
    for name, cc in sub:
        res.resolve(name, country=cc, allow_fuzzy=False)
    t_res, c_res = time.perf_counter() - t0, time.process_time() - c0
    out = {
        "index": a.index,
        "open_s": round(t_open, 4),
        "lookups": len(sample),
        "lookups_per_s_uncached": round(len(sample) / t_cold),
        "lookups_per_cpu_s_uncached": round(len(sample) / c_cold),
        "lookups_per_s_cached": round(len(sample) / t_warm),
        "resolve_per_s": round(len(sub) / t_res),
        "resolve_per_cpu_s": round(len(sub) / c_res),
        "rss_mb_peak": round(rss_mb(), 1),
        "rss_mb_python_baseline": round(base_rss, 1),
    }
    if a.duckdb:
        import duckdb
        import pyarrow as pa

        names = g.sql("SELECT key, place FROM names")
        con = duckdb.connect()
        tbl = pa.table({"key": [r[0] for r in names], "place": [r[1] for r in names]})
        con.register("t", tbl)
        con.execute("CREATE TABLE names AS SELECT * FROM t ORDER BY key")
        con.execute("CREATE INDEX nk ON names(key)")
        keys = [r[0] for r in names[:: max(1, len(names) // 2000)]][:2000]
        t0 = time.perf_counter()
        for k in keys:
            con.execute("SELECT place FROM names WHERE key = ?", [k]).fetchall()
        out["duckdb_point_queries_per_s"] = round(len(keys) / (time.perf_counter() - t0))
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
