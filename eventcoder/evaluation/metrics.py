"""Aggregate per-event outcomes into the figures of docs/accuracy.md (JSON-ready dict)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from eventcoder.evaluation.labels import country_iso, old_acled_type
from eventcoder.evaluation.match import SCORED_FIELDS, pred_attack_type
from eventcoder.evaluation.runner import Outcome, RunResult

SIX = ("AF", "IQ", "NG", "SO", "SY", "YE")  # countries with imported place lists (issue 5 targets)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _f1(p: float | None, r: float | None) -> float | None:
    if not p or not r:
        return 0.0 if p is not None and r is not None else None
    return round(2 * p * r / (p + r), 4)


def field_table(outcomes: Iterable[Outcome]) -> dict[str, dict[str, Any]]:
    ok: Counter[str] = Counter()
    n: Counter[str] = Counter()
    for o in outcomes:
        for name in SCORED_FIELDS:
            if name in o.fields:
                n[name] += 1
                ok[name] += bool(o.fields[name])
    return {
        name: {"acc": _ratio(ok[name], n[name]), "correct": ok[name], "n": n[name]}
        for name in SCORED_FIELDS
        if n[name]
    }


def location_stats(outcomes: Iterable[Outcome]) -> dict[str, Any]:
    scored = [o for o in outcomes if "km" in o.fields]
    kms = [o.fields["km"] for o in scored if o.fields["km"] is not None]
    res: dict[str, Any] = {
        "n": len(scored),
        "pred_without_coords": sum(1 for o in scored if o.fields["km"] is None),
        "median_km": round(statistics.median(kms), 1) if kms else None,
        "mean_km": round(statistics.fmean(kms), 1) if kms else None,
    }
    for radius in (1, 25, 161):
        res[f"acc{radius}"] = _ratio(sum(1 for o in scored if o.fields[f"acc{radius}"]), len(scored))
    return res


def null_confusion(outcomes: Iterable[Outcome], fname: str) -> dict[str, int]:
    c: Counter[str] = Counter()
    for o in outcomes:
        v = o.fields.get(f"{fname}_null")
        if v:
            c[f"gold {v[0]} / pred {v[1]}"] += 1
    return dict(sorted(c.items()))


def confusion(outcomes: Iterable[Outcome], kind: str) -> dict[str, dict[str, int]]:
    m: dict[str, Counter[str]] = defaultdict(Counter)
    for o in outcomes:
        g, p = o.gold, o.pred
        if p is None:
            continue
        if kind == "event_type" and "event_type" in o.fields:
            m[g.event_type or "-"][p.event_type or "(none)"] += 1
        elif kind == "event_type_pre2019" and "event_type_pre2019" in o.fields:
            m[g.event_type or "-"][old_acled_type(p.event_type, p.sub_event_type) or "(none)"] += 1
        elif kind == "sub_event_type" and "sub_event_type" in o.fields:
            m[g.sub_event_type or "-"][p.sub_event_type or "(none)"] += 1
        elif kind == "attack_type" and "attack_type" in o.fields:
            m[g.attack_type or "-"][pred_attack_type(p)[0] or "(none)"] += 1
    return {k: dict(v.most_common()) for k, v in sorted(m.items())}


def categories(o: Outcome) -> list[str]:
    """Error categories of one gold event (empty = fully right)."""
    if o.pair is None:
        return [f"missed: {o.why_unmatched}"]
    cats = []
    if o.pair.kind == "far":
        cats.append("matched by date only: located more than 25 km away")
    f = o.fields
    p = o.pred
    assert p is not None
    for name in SCORED_FIELDS:
        if name not in f or f[name] or name in ("acc1", "attack_type_any", "killed_10pct", "wounded_10pct"):
            continue
        if name in ("acc25", "acc161"):
            continue
        if name.endswith(("_loose", "_unstated0")):
            continue
        if name == "date_exact" and not f.get("date_pm1", True):
            continue
        value = {
            "date_exact": p.event_date,
            "country": p.iso or p.country,
            "admin1": p.admin1,
            "actor1": p.actor1,
            "actor2": p.actor2,
            "event_type": p.event_type,
            "event_type_pre2019": p.event_type,
            "sub_event_type": p.sub_event_type,
            "attack_type": pred_attack_type(p)[0],
            "weapon_type": p.weapon_type,
            "target_type": p.target_type,
            "killed_exact": p.killed,
            "wounded_exact": p.wounded,
        }.get(name, True)
        label = name.replace("_exact", "")
        cats.append(f"{label} missing" if value is None else f"{label} wrong")
    if "km" in f:
        km = f["km"]
        if km is None:
            cats.append("location: no coordinates")
        elif km > 161:
            cats.append("location: > 161 km off")
        elif km > 25:
            cats.append("location: 25-161 km off")
    return cats


def severity(o: Outcome) -> float:
    if o.pair is None:
        return 100.0
    cats = categories(o)
    km = o.fields.get("km")
    return 10.0 * len(cats) + (min(km, 2000.0) / 100.0 if km else 0.0)


def summarize(res: RunResult) -> dict[str, Any]:
    outs = res.outcomes
    n_gold = len(outs)
    strict = sum(1 for o in outs if o.pair is not None and o.pair.kind != "far")
    doc_level = sum(1 for o in outs if o.pair is not None)
    recall = _ratio(strict, n_gold)
    precision = _ratio(strict, res.n_preds)
    matched = [o for o in outs if o.pair is not None]
    out: dict[str, Any] = {
        "n_docs": res.n_docs,
        "n_gold_events": n_gold,
        "n_pred_events": res.n_preds,
        "seconds": round(res.seconds, 2),
        "docs_per_s": round(res.n_docs / res.seconds, 2) if res.seconds else None,
        "reader_notes": dict(res.notes),
        "pipeline_errors": dict(res.errors),
        "pipeline_error_examples": res.error_examples,
        "events": {
            "matched": strict,
            "recall": recall,
            "precision": precision,
            "f1": _f1(precision, recall),
            "matched_date_only": doc_level,
            "recall_date_only": _ratio(doc_level, n_gold),
        },
        "fields": field_table(matched),
        "location": location_stats(matched),
        "attack_type_from_sub_event_map": sum(1 for o in matched if o.fields.get("_attack_mapped")),
        "killed_null_confusion": null_confusion(matched, "killed"),
        "wounded_null_confusion": null_confusion(matched, "wounded"),
        "confusion": {
            k: confusion(matched, k)
            for k in ("event_type", "event_type_pre2019", "sub_event_type", "attack_type")
        },
    }
    by_src: dict[str, list[Outcome]] = defaultdict(list)
    for o in outs:
        by_src[o.gold.source].append(o)
    if len(by_src) > 1:
        out["by_source"] = {
            s: {
                "n_gold_events": len(v),
                "recall": _ratio(sum(1 for o in v if o.pair and o.pair.kind != "far"), len(v)),
                "fields": field_table(o for o in v if o.pair),
                "location": location_stats(o for o in v if o.pair),
            }
            for s, v in sorted(by_src.items())
        }
    six = [o for o in matched if country_iso(o.gold.country) in SIX]
    rest = [o for o in matched if country_iso(o.gold.country) not in SIX]
    out["location_six_countries"] = location_stats(six)
    out["location_other_countries"] = location_stats(rest)
    for src, v in by_src.items():
        if src == "ucdp":
            good = [
                o for o in v if o.pair and o.gold.geo_prec in (1, 2) and country_iso(o.gold.country) in SIX
            ]
            out["ucdp_six_prec12"] = location_stats(good)
            out["ucdp_prec12"] = location_stats(o for o in v if o.pair and o.gold.geo_prec in (1, 2))
    by_country: dict[str, list[Outcome]] = defaultdict(list)
    for o in outs:
        by_country[country_iso(o.gold.country) or (o.gold.country or "?")].append(o)
    out["by_country"] = {
        c: {
            "n": len(v),
            "recall": _ratio(sum(1 for o in v if o.pair and o.pair.kind != "far"), len(v)),
            "acc25": location_stats(o for o in v if o.pair)["acc25"],
        }
        for c, v in sorted(by_country.items(), key=lambda kv: -len(kv[1]))
    }
    cats: Counter[str] = Counter()
    for o in outs:
        cats.update(categories(o))
    cats["extra event (no gold match)"] += len(res.spurious)
    out["error_categories"] = dict(cats.most_common())
    return out


def _event_view(e: Any) -> dict[str, Any]:
    keys = (
        "event_date", "country", "admin1", "location", "latitude", "longitude", "event_type", "sub_event_type",
        "attack_type", "weapon_type", "target_type", "actor1", "actor2", "killed", "wounded", "claimed",
    )  # fmt: skip
    out = {}
    for k in keys:
        v: Any = getattr(e, k, None)
        if isinstance(v, dt.date):
            v = v.isoformat()
        if v is not None and v is not False:
            out[k] = v
    return out


def worst_errors(res: RunResult, n: int = 50, text_chars: int = 700) -> list[dict[str, Any]]:
    ranked = sorted((o for o in res.outcomes if categories(o)), key=lambda o: (-severity(o), o.gold.gold_id))
    rows = []
    for o in ranked[:n]:
        text = res.doc_texts.get(o.doc.doc_id) or o.doc.place_phrase or ""
        evidence = {}
        if o.pred is not None:
            full = res.doc_texts.get(o.doc.doc_id, "")
            for k, span in (o.pred.evidence or {}).items():
                if full and len(span) == 2:
                    evidence[k] = {
                        "span": [int(span[0]), int(span[1])],
                        "text": full[int(span[0]) : int(span[1])],
                    }
        rows.append(
            {
                "gold_id": o.gold.gold_id,
                "doc_id": o.doc.doc_id,
                "severity": round(severity(o), 1),
                "errors": categories(o),
                "km": o.fields.get("km"),
                "gold": _event_view(o.gold),
                "pred": _event_view(o.pred) if o.pred is not None else None,
                "preds_in_doc": o.n_preds_in_doc,
                "text": text[:text_chars] + ("…" if len(text) > text_chars else ""),
                "evidence": evidence,
            }
        )
    return rows


def category_examples(
    res: RunResult, per: int = 3, top: int = 12, text_chars: int = 300
) -> dict[str, list[dict[str, Any]]]:
    """A few examples for each of the most frequent error categories (first seen, deterministic order)."""
    counts: Counter[str] = Counter()
    for o in res.outcomes:
        counts.update(categories(o))
    wanted = [c for c, _ in counts.most_common(top)]
    out: dict[str, list[dict[str, Any]]] = {c: [] for c in wanted}
    for o in res.outcomes:
        for c in categories(o):
            if c in out and len(out[c]) < per:
                text = res.doc_texts.get(o.doc.doc_id) or o.doc.place_phrase or ""
                out[c].append(
                    {
                        "gold_id": o.gold.gold_id,
                        "gold": _event_view(o.gold),
                        "pred": _event_view(o.pred) if o.pred is not None else None,
                        "text": text[:text_chars] + ("…" if len(text) > text_chars else ""),
                    }
                )
    return out
