"""Measure the geocoder on dev data (never on held-out data). Reads ../shared at run time only.

    python tools/geo_eval.py gtd  --index IDX [--threshold 90]   # GTD dev rows of AF IQ NG SO SY YE
    python tools/geo_eval.py ucdp --index IDX                    # UCDP GED dev, where_prec 1-2, six countries
    python tools/geo_eval.py geoparse --index IDX [--dataset lgl ...]  # oracle-span benchmarks

Distances are great-circle km to the gold coordinates. Prints one JSON summary per run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from pathlib import Path

from eventcoder.gazetteer.index import Gazetteer, haversine_km
from eventcoder.gazetteer.resolve import Resolver, _same_admin

SHARED = Path(__file__).resolve().parents[2] / "shared"
SIX = {"AF", "IQ", "NG", "SO", "SY", "YE"}


def _rows(name: str) -> list[dict]:
    with open(SHARED / "data" / "dev" / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _summary(dists: list[float], n: int) -> dict[str, float]:
    ok = [d for d in dists if d is not None]
    out = {"n": n, "resolved": len(ok)}
    for km in (1, 25, 161):
        out[f"acc@{km}"] = round(100 * sum(d <= km for d in ok) / max(n, 1), 1)
    out["median_km"] = round(statistics.median(ok), 1) if ok else None
    out["mean_km"] = round(statistics.fmean(ok), 1) if ok else None
    return out


def eval_events(gaz: Gazetteer, source: str, threshold: float, verbose: bool) -> dict:
    res = Resolver(gaz, fuzzy_threshold=threshold)
    rows = _rows(f"{source}.jsonl")
    out: dict[str, dict] = {}
    buckets: dict[str, list] = {}
    a1_ok = a1_n = 0
    misses: Counter[str] = Counter()
    for r in rows:
        iso = gaz.country_iso(r["country"] or "")
        if iso not in SIX or r.get("latitude") is None:
            continue
        if source == "ucdp_ged":
            prec = r.get("where_prec")
            if prec not in (1, 2):
                continue
            loc = (r.get("location") or "").split(",")[0].split("(")[0].strip()
            spec = str(prec)
        else:
            loc = r.get("location") or ""
            spec = str(r.get("geo_specificity"))
            if loc.lower() == "unknown":
                loc = ""
        admin1 = r.get("admin1")
        hit = res.resolve(loc, country=iso, admin1=admin1) if loc else None
        how = "place"
        if hit is None:
            hit = res.container(country=iso, admin1=admin1)
            how = "container"
        d = haversine_km(hit.lat, hit.lon, r["latitude"], r["longitude"]) if hit and hit.lat is not None else None
        for b in ("all", f"spec{spec}"):
            buckets.setdefault(b, []).append(d)
        if admin1 and hit is not None:
            a1_n += 1
            gold_unit = res.admin1_unit(iso, admin1)
            got = hit.admin1
            if _same_admin(got, admin1) or (gold_unit is not None and _same_admin(got, gold_unit.name)):
                a1_ok += 1
        if d is not None and d > 25 and hit is not None and hit.precision == 1:
            misses["confident_wrong(prec1,>25km)"] += 1
        if d is None or d > 25:
            misses[how] += 1
            if verbose:
                print(f"MISS {d and round(d)} km [{how}] {r['country']} | {admin1} | {loc!r} -> "
                      f"{hit and hit.place.name} ({hit and hit.place.admin1}) {hit and hit.reason}", file=sys.stderr)  # fmt: skip
    for b, ds in sorted(buckets.items()):
        out[b] = _summary(ds, len(ds))
    out["admin1_acc"] = {"n": a1_n, "acc": round(100 * a1_ok / max(a1_n, 1), 1)}
    out["misses_by_kind"] = dict(misses)
    return out


def eval_geoparse(gaz: Gazetteer, datasets: list[str], verbose: bool, limit: int | None = None) -> dict:
    from eventcoder.gazetteer.toponyms import geoparse_record

    res = Resolver(gaz)
    out = {}
    for ds in datasets:
        dists: list[float | None] = []
        n = 0
        with open(SHARED / "data" / "geoparse" / f"{ds}.jsonl", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if limit and i >= limit:
                    break
                rec = json.loads(line)
                gold = [t for t in rec["toponyms"] if t.get("latitude") is not None and t.get("span_ok", True)]
                if not gold:
                    continue
                spans = [{"start": t["start"], "end": t["end"]} for t in gold]
                got = geoparse_record({"id": rec["id"], "text": rec["text"], "toponyms": spans}, res)["toponyms"]
                for t, g in zip(gold, got, strict=True):
                    n += 1
                    if g.get("latitude") is None:
                        dists.append(None)
                        if verbose:
                            print(f"NONE {ds} {t['name']!r}", file=sys.stderr)
                        continue
                    d = haversine_km(g["latitude"], g["longitude"], t["latitude"], t["longitude"])
                    dists.append(d)
                    if verbose and d > 161:
                        print(f"MISS {ds} {round(d)} km {t['name']!r} -> {g['name']} {g['country']} "
                              f"{g.get('reason', '')}", file=sys.stderr)  # fmt: skip
        # unresolved toponyms count as wrong (and at 20,038 km, half the earth, for the mean error)
        ok = [d if d is not None else 20038.0 for d in dists]
        s = _summary(ok, n)
        s["unresolved"] = sum(d is None for d in dists)
        out[ds] = s
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["gtd", "ucdp", "geoparse"])
    ap.add_argument("--index", required=True)
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--dataset", action="append")
    ap.add_argument("--limit", type=int)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)
    gaz = Gazetteer.open(a.index, build_if_missing=False)
    from eventcoder.gazetteer.resolve import FUZZY_THRESHOLD

    thr = a.threshold if a.threshold is not None else FUZZY_THRESHOLD
    if a.what == "geoparse":
        result = eval_geoparse(gaz, a.dataset or ["lgl", "trnews", "geowebnews", "geovirus", "wiktor"], a.verbose, a.limit)
    else:
        result = eval_events(gaz, "gtd" if a.what == "gtd" else "ucdp_ged", thr, a.verbose)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
