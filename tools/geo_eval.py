"""Measure the geocoder on dev data (never on held-out data). Reads ../shared at run time only.

    python tools/geo_eval.py gtd  --index IDX [--threshold 90]   # GTD dev rows of AF IQ NG SO SY YE
    python tools/geo_eval.py ucdp --index IDX                    # UCDP GED dev, where_prec 1-2, six countries
    python tools/geo_eval.py geoparse --index IDX [--dataset lgl ...] [--rows OUT]  # oracle-span benchmarks
                                                                # (--rows: one JSON line per gold toponym)
    python tools/geo_eval.py centroids --index IDX              # district/province centre estimators vs GTD
    python tools/geo_eval.py confident --index IDX --gold FILE [--country AF,IQ] [--no-text-context]
                                                                # end to end: <=25 km and confident wrong
    python tools/geo_eval.py coverage --index IDX [--dataset gtd|acled|ucdp_ged] [-v]
                                                                # share of gold locations the index holds
    python tools/geo_eval.py misses --index IDX --gold FILE [--country AF,IQ] [-v]
                                                                # end to end: the > 25 km rows by class

Distances are great-circle km to the gold coordinates. Prints one JSON summary per run.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventcoder.gazetteer.index import Gazetteer, haversine_km
from eventcoder.gazetteer.resolve import Resolver, _same_admin

# ../shared next to the checkout; EVENTCODER_SHARED overrides it (a git worktree elsewhere has no sibling).
SHARED = Path(os.environ.get("EVENTCODER_SHARED") or Path(__file__).resolve().parents[2] / "shared")
SIX = {"AF", "IQ", "NG", "SO", "SY", "YE"}


def _rows(name: str) -> list[dict]:
    with open(SHARED / "data" / "dev" / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _summary(dists: Sequence[float | None], n: int) -> dict[str, float | None]:
    ok = [d for d in dists if d is not None]
    out: dict[str, float | None] = {"n": n, "resolved": len(ok)}
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
        d = haversine_km(hit.lat, hit.lon or 0.0, r["latitude"], r["longitude"]) if hit and hit.lat is not None else None
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


def _quantile(xs: list[float], f: float) -> float:
    xs = sorted(xs)
    i = f * (len(xs) - 1)
    lo = int(i)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (i - lo)


def _estimators(pts: list[tuple[float, float]], stored: tuple[float, float]) -> dict[str, tuple[float, float]]:
    """Candidate centres of an admin unit from its member places (the stored centre first)."""
    out = {"stored": stored}
    if not pts:
        return out
    la, lo = [p[0] for p in pts], [p[1] for p in pts]
    out["mean"] = (statistics.fmean(la), statistics.fmean(lo))
    out["median"] = (statistics.median(la), statistics.median(lo))
    out["bbox"] = ((min(la) + max(la)) / 2, (min(lo) + max(lo)) / 2)
    for f in (0.02, 0.05, 0.1):
        out[f"bbox{int(f * 100)}-{100 - int(f * 100)}"] = (
            (_quantile(la, f) + _quantile(la, 1 - f)) / 2, (_quantile(lo, f) + _quantile(lo, 1 - f)) / 2
        )  # fmt: skip
    m = out["median"]
    d = sorted(haversine_km(a, b, *m) for a, b in pts)
    cut = d[int(0.9 * (len(d) - 1))]
    keep = [(a, b) for a, b in pts if haversine_km(a, b, *m) <= cut]
    out["trimmed90"] = (statistics.fmean(a for a, _ in keep), statistics.fmean(b for _, b in keep))
    if len(pts) <= 3000:
        out["medoid"] = min(pts, key=lambda p: sum(haversine_km(p[0], p[1], a, b) for a, b in pts))
    for cell in (0.05, 0.1):
        cells = {(round(a / cell), round(b / cell)) for a, b in pts}
        out[f"cells{cell}"] = (statistics.fmean(c[0] * cell for c in cells), statistics.fmean(c[1] * cell for c in cells))
    return out


def eval_centroids(gaz: Gazetteer) -> dict:
    """Which centre of a district (GTD geo_specificity 3) or province (4) is nearest GTD's own centroid: the
    stored one or an estimator computed from the unit's member places. Dev rows of the six countries."""
    res = Resolver(gaz)
    acc: dict[str, dict[str, list[float]]] = {}
    for r in _rows("gtd.jsonl"):
        iso = gaz.country_iso(r["country"] or "")
        spec = r.get("geo_specificity")
        if iso not in SIX or r.get("latitude") is None or spec not in (3, 4):
            continue
        if spec == 4:
            unit = res.admin1_unit(iso, r.get("admin1"))
            col = "admin1"
        else:
            loc = r.get("location") or ""
            hit = res.resolve(loc, country=iso, admin1=r.get("admin1")) if loc and loc.lower() != "unknown" else None
            unit = hit.place if hit is not None and hit.place.feature == "adm2" else None
            col = "admin2"
        if unit is None or unit.lat is None or unit.lon is None:
            continue
        pts = [(a, b) for a, b in gaz.sql(
            f"SELECT lat, lon FROM places WHERE country = ? AND {col} = ? AND lat IS NOT NULL "
            "AND feature NOT IN ('adm1', 'adm2', 'country')", (iso, unit.name))]  # fmt: skip
        for k, (a, b) in _estimators(pts, (unit.lat, unit.lon)).items():
            acc.setdefault(f"spec{spec}", {}).setdefault(k, []).append(haversine_km(a, b, r["latitude"], r["longitude"]))
    return {spec: {k: {"n": len(ds), "acc@25": round(100 * sum(d <= 25 for d in ds) / len(ds), 1),
                       "median_km": round(statistics.median(ds), 1)} for k, ds in by.items()}
            for spec, by in acc.items()}  # fmt: skip


def eval_confident(
    index: str, gold: str, countries: tuple[str, ...], text_context: bool, rows_out: str | None = None
) -> dict:
    """End to end (``eventcoder eval``'s run): <= 25 km and confident wrong answers (geo_precision 1 and more
    than 25 km from the gold point), each gold event against the predicted event paired with it.
    ``text_context=False`` switches the geocoder's text-context rule off, for before/after figures."""
    from eventcoder.cli.eval_cmds import evaluate
    from eventcoder.stages import geocode as geocode_stage

    if not text_context:
        geocode_stage._text_context = lambda *a, **k: None
    summary, _worst, res = evaluate(gold, gazetteer=Path(index), countries=countries)
    n = ok = wrong = 0
    dump = open(rows_out, "w", encoding="utf-8") if rows_out else None  # noqa: SIM115
    for o in res.outcomes:
        if o.gold.latitude is None:
            continue
        n += 1
        km = o.pair.km if o.pair is not None else None
        ok += km is not None and km <= 25
        wrong += km is not None and km > 25 and o.pred is not None and o.pred.geo_precision == 1
        if dump is not None:  # one line per gold row, to compare two runs row by row
            p = o.pred
            dump.write(json.dumps({
                "gold_id": o.gold.gold_id, "spec": o.gold.geo_prec, "gold_location": o.gold.location,
                "km": None if km is None else round(km, 3), "prec": p.geo_precision if p else None,
                "location": p.location if p else None, "admin1": p.admin1 if p else None,
                "country": p.country if p else None, "gold_country": o.gold.country,
                "reason": str((p.context or {}).get("geo_reason") or "") if p else None,
                "hint": (p.context or {}).get("country_hint") if p else None, "gid": p.gazetteer_id if p else None,
            }, ensure_ascii=False) + "\n")  # fmt: skip
    if dump is not None:
        dump.close()
    return {"n": n, "acc@25": round(100 * ok / max(n, 1), 1), "confident_wrong": wrong,
            "median_km": summary["location"]["median_km"],
            "admin1": round(100 * summary["fields"]["admin1"]["acc"], 1)}  # fmt: skip


_TRIED = re.compile(r"^'([^']+)' not in the gazetteer|match '([^']+)'")


def _miss_class(gaz: Gazetteer, o: Any) -> str:
    """One > 25 km row's class: the name the geocoder tried, against every listed name within 25 km of the gold
    point (same key; a spelling >= 80 % alike; none), and the gold's own precision (GTD specificity)."""
    from rapidfuzz import fuzz

    from eventcoder.gazetteer.normalize import name_key
    from eventcoder.gazetteer.resolve import peel

    g, p = o.gold, o.pred
    spec = g.geo_prec if g.source == "gtd" else None
    if spec in (3, 4, 5):
        return {3: "GTD district centroid (spec 3)", 4: "GTD province centroid (spec 4)", 5: "GTD spec 5 (vague)"}[spec]
    why = str(((p.context or {}).get("geo_reason") if p else "") or "")
    m = _TRIED.search(why)
    k = name_key(peel(m.group(1) or m.group(2))[0] if m else (g.location or ""))
    dlat = 25 / 110.5
    dlon = 25 / max(111.32 * math.cos(math.radians(abs(g.latitude))), 1.0)
    rows = gaz.sql(
        "SELECT n.key, p.lat, p.lon FROM names n JOIN places p ON p.id = n.place WHERE p.lat BETWEEN ? AND ? "
        "AND p.lon BETWEEN ? AND ? AND p.feature NOT IN ('country', 'adm1')",
        (g.latitude - dlat, g.latitude + dlat, g.longitude - dlon, g.longitude + dlon),
    )
    near = [nk for nk, a, b in rows if haversine_km(g.latitude, g.longitude, a, b) <= 25]
    best = max((100.0 if nk == k else fuzz.ratio(k, nk) for nk in near), default=0.0) if k else 0.0
    if best >= 100:
        c = "a place of the same key lies <= 25 km; a namesake was chosen"
    elif best >= 80:
        c = "a place <= 25 km has a spelling 80-99 % alike that the key misses"
    elif p is None or p.geo_precision == 3 or "not in the gazetteer" in why:
        c = "in no list near the gold point: anchored to a container"
    else:
        c = "in no list near the gold point: a namesake or variant elsewhere taken"
    return f"spec {spec}: {c}" if spec else f"{g.source}: {c}"


def eval_misses(index: str, gold: str, countries: tuple[str, ...], verbose: bool) -> dict:
    """End to end (``eventcoder eval``'s run): the rows more than 25 km from the gold point, by class."""
    from eventcoder.cli.eval_cmds import evaluate

    _summary, _worst, res = evaluate(gold, gazetteer=Path(index), countries=countries)
    gaz = Gazetteer.open(index, build_if_missing=False)
    by: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    n = 0
    for o in res.outcomes:
        km = o.fields.get("km")
        if "km" not in o.fields or o.gold.latitude is None or o.gold.longitude is None:
            continue
        if o.gold.source == "ucdp" and o.gold.geo_prec not in (1, 2):
            continue  # the target's rows: where_prec 1-2
        n += 1
        if km is not None and km <= 25:
            continue
        c = _miss_class(gaz, o)
        by[c] += 1
        examples.setdefault(c, []).append(str(o.gold.location or o.gold.gold_id))
    out: dict[str, Any] = {"n": n, "missed": sum(by.values()), "classes": dict(by.most_common())}
    if verbose:
        out["examples"] = {c: ex[:10] for c, ex in examples.items()}
    return out


def eval_geoparse(
    gaz: Gazetteer, datasets: list[str], verbose: bool, limit: int | None = None, rows_out: str | None = None
) -> dict:
    from eventcoder.gazetteer.toponyms import geoparse_record

    res = Resolver(gaz)
    out = {}
    dump = open(rows_out, "w", encoding="utf-8") if rows_out else None  # noqa: SIM115
    for ds in datasets:
        dists: list[float | None] = []
        flipped: list[float] = []  # misses within 161 km of the gold point with its latitude or longitude sign flipped
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
                for k, (t, g) in enumerate(zip(gold, got, strict=True)):
                    n += 1
                    if dump is not None:  # one line per gold toponym, to compare two runs toponym by toponym
                        km = None if g.get("latitude") is None else round(
                            haversine_km(g["latitude"], g["longitude"], t["latitude"], t["longitude"]), 1)
                        dump.write(json.dumps({
                            "ds": ds, "doc": rec["id"], "k": k, "name": t["name"], "km": km,
                            "gold_id": t.get("geonameid"), "got": g.get("gazetteer_id"), "got_name": g.get("name"),
                            "country": g.get("country"), "feature": g.get("feature"), "reason": g.get("reason"),
                            "lat": g.get("latitude"), "lon": g.get("longitude"),
                            "gold_lat": t["latitude"], "gold_lon": t["longitude"],
                        }, ensure_ascii=False) + "\n")  # fmt: skip
                    if g.get("latitude") is None:
                        dists.append(None)
                        if verbose:
                            print(f"NONE {ds} {t['name']!r}", file=sys.stderr)
                        continue
                    d = haversine_km(g["latitude"], g["longitude"], t["latitude"], t["longitude"])
                    dists.append(d)
                    if d > 161 and min(haversine_km(g["latitude"], g["longitude"], t["latitude"], -t["longitude"]),
                                       haversine_km(g["latitude"], g["longitude"], -t["latitude"], t["longitude"])) <= 161:
                        flipped.append(d)  # fmt: skip
                    if verbose and d > 161:
                        print(f"MISS {ds} {round(d)} km {t['name']!r} -> {g['name']} {g['country']} "
                              f"{g.get('reason', '')}", file=sys.stderr)  # fmt: skip
        # unresolved toponyms count as wrong (and at 20,038 km, half the earth, for the mean error)
        ok = [d if d is not None else 20038.0 for d in dists]
        s: dict[str, Any] = dict(_summary(ok, n))
        s["unresolved"] = sum(d is None for d in dists)
        # a gold point that lost its hemisphere's sign (WikToR: "84°54′23″W" stored as +84.9) scores a right pick as
        # thousands of km off: counted here, never corrected in the figures above
        s["sign_flipped_gold"] = {"misses": len(flipped), "summed_error_share": round(
            100 * sum(flipped) / max(sum(ok), 1.0), 1)}  # fmt: skip
        out[ds] = s
    if dump is not None:
        dump.close()
    return out


def eval_coverage(gaz: Gazetteer, source: str, verbose: bool) -> dict:
    """How much of a dev gold file's locations the index holds: a row counts as covered when a place named
    like its location (or one of its comma/"and"-separated parts) lies within 25 km of the gold point;
    ``near`` counts rows with any settlement within 25 km. Rows without a location or point are skipped.
    Split by the six list countries and the others (which only the default index serves)."""
    rows = _rows(f"{source}.jsonl")
    out: dict[str, Counter[str]] = {"six": Counter(), "other": Counter()}
    missing: Counter[str] = Counter()
    grid: dict[tuple[int, int], list[tuple[float, float]]] = {}  # settlements by quarter-degree cell
    for p in gaz.iter_places("lat IS NOT NULL AND feature NOT IN ('adm1', 'adm2', 'country', 'continent', 'region')"):
        if p.lat is not None and p.lon is not None:  # (the query already keeps only places with a point)
            grid.setdefault((int(p.lat // 0.25), int(p.lon // 0.25)), []).append((p.lat, p.lon))
    for r in rows:
        loc = (r.get("location") or "").strip()
        if r.get("latitude") is None or not loc or loc.lower() == "unknown":
            continue
        iso = gaz.country_iso(r.get("country") or "")
        part = "six" if iso in SIX else "other"
        lat, lon = float(r["latitude"]), float(r["longitude"])
        names = [loc] + [p.strip() for p in loc.replace(" and ", ",").split(",") if p.strip()]
        hit = any(
            p.lat is not None and p.lon is not None and haversine_km(lat, lon, p.lat, p.lon) <= 25
            for n in dict.fromkeys(names) for p in gaz.candidates(n)
        )  # fmt: skip
        ci, cj = int(lat // 0.25), int(lon // 0.25)
        near = any(
            haversine_km(lat, lon, a, b) <= 25
            for di in (-1, 0, 1) for dj in (-2, -1, 0, 1, 2) for a, b in grid.get((ci + di, cj + dj), ())
        )  # fmt: skip
        out[part]["n"] += 1
        out[part]["covered"] += hit
        out[part]["near"] += near
        if not hit:
            missing[f"{iso} {loc}"] += 1
    if verbose:
        for name, k in missing.most_common():
            print(f"ABSENT {source} {name} x{k}", file=sys.stderr)
    return {
        part: {"n": c["n"], "covered_pct": round(100 * c["covered"] / max(c["n"], 1), 1),
               "settlement_within_25km_pct": round(100 * c["near"] / max(c["n"], 1), 1)}
        for part, c in out.items()
    }  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["gtd", "ucdp", "geoparse", "centroids", "confident", "coverage", "misses"])
    ap.add_argument("--gold", help="confident: gold file (eventcoder eval formats)")
    ap.add_argument("--country", default="", help="confident: ISO2 codes, comma-separated")
    ap.add_argument("--no-text-context", action="store_true", help="confident: switch the text-context rule off")
    ap.add_argument("--rows", help="confident: also write one JSON line per gold row (km, geo_precision, reason); "
                    "geoparse: one per gold toponym (km, gazetteer id, reason)")
    ap.add_argument("--index", required=True)
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--dataset", action="append")
    ap.add_argument("--limit", type=int)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)
    if a.what == "confident":
        if not a.gold:
            ap.error("confident needs --gold FILE")
        countries = tuple(c for c in a.country.split(",") if c)
        print(json.dumps(eval_confident(a.index, a.gold, countries, not a.no_text_context, a.rows), indent=1))
        return
    if a.what == "misses":
        if not a.gold:
            ap.error("misses needs --gold FILE")
        countries = tuple(c for c in a.country.split(",") if c)
        print(json.dumps(eval_misses(a.index, a.gold, countries, a.verbose), indent=1))
        return
    gaz = Gazetteer.open(a.index, build_if_missing=False)
    if a.what == "centroids":
        print(json.dumps(eval_centroids(gaz), indent=1))
        return
    if a.what == "coverage":
        print(json.dumps({ds: eval_coverage(gaz, ds, a.verbose) for ds in a.dataset or ["gtd"]}, indent=1))
        return
    from eventcoder.gazetteer.resolve import FUZZY_THRESHOLD

    thr = a.threshold if a.threshold is not None else FUZZY_THRESHOLD
    if a.what == "geoparse":
        sets = a.dataset or ["lgl", "trnews", "geowebnews", "geovirus", "wiktor"]
        folder = SHARED / "data" / "geoparse"
        missing = [d for d in sets if not (folder / f"{d}.jsonl").is_file()]
        if missing:  # one line, not a traceback ("--dataset tr-news")
            have = ", ".join(sorted(f.stem for f in folder.glob("*.jsonl"))) or "none"
            ap.error(f"no geoparse benchmark {', '.join(missing)} in {folder}; give --dataset one of: {have}")
        result = eval_geoparse(gaz, sets, a.verbose, a.limit, a.rows)
    else:
        result = eval_events(gaz, "gtd" if a.what == "gtd" else "ucdp_ged", thr, a.verbose)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
