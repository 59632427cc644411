"""Dedup gold set from GTD records and its scorer (owner: dedupe).

Every GTD record cites up to three news reports (``source_citations``: ``"Headline," Outlet, Month D,
YYYY.``). One incident = one gold cluster; its documents are the record's own summary (published on the
incident date, source "GTD") and each cited headline (published on its citation date, source = the
outlet). A citation string cited by more than one record (a weekly roundup covering several incidents)
belongs to no single cluster and is left out (counted in the build stats).

The data is never stored in the repository: ``tools/build_dedup_gold.py`` builds it at run time from
``../shared/data/dev/gtd.jsonl`` into an ignored/temporary path.

Scores: pairwise precision/recall/F1 over all same-cluster document pairs, and B-cubed P/R/F1.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventcoder.errors import EvalError, json_error_words
from eventcoder.records import Document

_CITATION = re.compile(r'^\s*"(?P<headline>.*?),?"\s*,?\s*(?P<outlet>.*?),\s*(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})\.?\s*$')


@dataclass(frozen=True)
class Citation:
    headline: str
    outlet: str
    date: dt.date


def parse_citation(text: str) -> Citation | None:
    """``"Headline," Outlet, January 2, 2021.`` -> Citation; None when the string has another shape."""
    m = _CITATION.match(text)
    if not m:
        return None
    raw_date = m.group("date").replace(".", "")
    for fmt in ("%B %d, %Y", "%b %d, %Y"):
        try:
            day = dt.datetime.strptime(raw_date, fmt).date()
            break
        except ValueError:
            continue
    else:
        return None
    headline = m.group("headline").strip().rstrip(",")
    if not headline:
        return None
    return Citation(headline=headline, outlet=m.group("outlet").strip(), date=day)


@dataclass
class GoldItem:
    doc: Document
    cluster: str


def iter_gtd(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        raise EvalError(f"{path}: GTD dev file not found (pass --gtd with the path to gtd.jsonl)")
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                raise EvalError(f"{path}:{n}: not UTF-8; save the file as UTF-8") from None
            try:
                yield json.loads(line.rstrip("\r\n"))  # (the line end would read as a control character)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}:{n}: not JSON ({json_error_words(exc)}); fix or remove the line") from None


def build_gold(gtd_path: Path) -> tuple[list[GoldItem], dict[str, int]]:
    return build_gold_records(list(iter_gtd(gtd_path)))


def build_gold_records(records: Sequence[Mapping[str, Any]]) -> tuple[list[GoldItem], dict[str, int]]:
    """Gold items from GTD-style records (``id``, ``text``, ``date``, ``source_citations``)."""
    uses: Counter[str] = Counter()
    for r in records:
        for c in set(r.get("source_citations") or []):
            uses[c] += 1
    items: list[GoldItem] = []
    stats = {"records": len(records), "shared_citations_dropped": 0, "unparsed_citations": 0}
    for r in records:
        rid = str(r["id"])
        published = dt.date.fromisoformat(r["date"]) if r.get("date") else None
        items.append(GoldItem(Document.from_text(r["text"], doc_id=f"{rid}#summary", source="GTD",
                                                 source_type="other", published=published), rid))
        for k, c in enumerate(dict.fromkeys(r.get("source_citations") or [])):
            if uses[c] > 1:
                stats["shared_citations_dropped"] += 1
                continue
            cit = parse_citation(c)
            if cit is None:
                stats["unparsed_citations"] += 1
                continue
            items.append(GoldItem(Document.from_text(cit.headline, doc_id=f"{rid}#cit{k}", source=cit.outlet,
                                                     source_type="news", published=cit.date,
                                                     title=cit.headline), rid))
    sizes = Counter(i.cluster for i in items)
    stats["documents"] = len(items)
    stats["clusters"] = len(sizes)
    stats["clusters_2plus"] = sum(1 for v in sizes.values() if v >= 2)
    stats["gold_pairs"] = sum(v * (v - 1) // 2 for v in sizes.values())
    return items, stats


def gold_half(items: Sequence[GoldItem], half: int) -> list[GoldItem]:
    """One of two fixed halves of the gold set, split by incident id (CRC32 parity), so that settings can
    be tuned on half 0 and reported on half 1. Every document of an incident falls in the same half."""
    import zlib

    if half not in (0, 1):
        raise EvalError(f"half must be 0 or 1, not {half}")
    return [it for it in items if zlib.crc32(it.cluster.encode("utf-8")) % 2 == half]


def write_gold(items: Iterable[GoldItem], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for it in items:
            d = it.doc
            fh.write(json.dumps({"id": d.doc_id, "text": d.text, "source": d.source, "source_type": d.source_type,
                                 "published": d.published.isoformat() if d.published else None,
                                 "cluster": it.cluster}, ensure_ascii=False) + "\n")


def read_gold(path: Path) -> list[GoldItem]:
    if not path.exists():
        raise EvalError(f"{path}: gold file not found (build it with tools/build_dedup_gold.py)")
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            out.append(GoldItem(Document.from_text(r["text"], doc_id=r["id"], source=r["source"],
                                                   source_type=r["source_type"], published=r["published"]),
                                r["cluster"]))
    return out


# --------------------------------------------------------------------------------------------------
# metrics


def _pairs(assign: Mapping[str, Hashable]) -> set[tuple[str, str]]:
    groups: dict[Hashable, list[str]] = defaultdict(list)
    for item, c in assign.items():
        groups[c].append(item)
    out: set[tuple[str, str]] = set()
    for members in groups.values():
        m = sorted(members)
        out.update((a, b) for i, a in enumerate(m) for b in m[i + 1:])
    return out


def _prf(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_clusters(pred: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> dict[str, float]:
    """Pairwise and B-cubed precision/recall/F1 of a predicted clustering against gold (same items)."""
    if set(pred) != set(gold):
        missing = sorted(set(gold) ^ set(pred))[:3]
        raise EvalError(f"prediction and gold cover different documents (e.g. {missing})")
    pp, gp = _pairs(pred), _pairs(gold)
    tp = len(pp & gp)
    p = tp / len(pp) if pp else 1.0
    r = tp / len(gp) if gp else 1.0
    pred_groups: dict[Hashable, set[str]] = defaultdict(set)
    gold_groups: dict[Hashable, set[str]] = defaultdict(set)
    for k, v in pred.items():
        pred_groups[v].add(k)
    for k, v in gold.items():
        gold_groups[v].add(k)
    bp = br = 0.0
    for item in gold:
        pc, gc = pred_groups[pred[item]], gold_groups[gold[item]]
        inter = len(pc & gc)
        bp += inter / len(pc)
        br += inter / len(gc)
    n = len(gold) or 1
    bp, br = bp / n, br / n
    return {"pairwise_precision": p, "pairwise_recall": r, "pairwise_f1": _prf(p, r),
            "pred_pairs": float(len(pp)), "gold_pairs": float(len(gp)), "true_pairs": float(tp),
            "bcubed_precision": bp, "bcubed_recall": br, "bcubed_f1": _prf(bp, br)}


def clusters_to_assignment(doc_ids: Sequence[str], clusters: Iterable[Iterable[int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for c, members in enumerate(clusters):
        for i in members:
            out[doc_ids[i]] = c
    return out


def evaluate_raw(items: Sequence[GoldItem], **cfg_overrides: Any) -> dict[str, float]:
    """Dedupe the gold documents with the raw-document path (no extraction) and score it."""
    from eventcoder.stages.dedupe import (
        DedupeConfig,
        cluster,
        embed_available,
        event_from_document,
        load_config,
    )

    events = [event_from_document(it.doc) for it in items]
    # raw-document events know far fewer fields (unknowns score 0.5), so they have their own threshold
    cfg_overrides.setdefault("threshold", load_config()["raw_threshold"])
    cfg_overrides.setdefault("peer_threshold", load_config()["raw_peer_threshold"])
    cfg_overrides.setdefault("weights", load_config()["raw_weights"])
    cfg_overrides.setdefault("char_mix", load_config().get("raw_char_mix", 0.0))
    # a weighted mean is no probability: its logit plus distinctive overlap ranks worse (half 0 0.768 -> 0.762)
    cfg_overrides.setdefault("distinct_weight", load_config().get("raw_distinct_weight", 0.0))
    cfg_overrides.setdefault("log_odds", {})  # measured: the weighted mean ranks raw documents better (docs/dedup.md)
    # WordLlama sentence-embedding cosine mixed into text similarity when the optional extra is installed
    cfg_overrides.setdefault("embed_mix", load_config().get("raw_embed_mix", 0.0) if embed_available() else 0.0)
    result = cluster(events, DedupeConfig.default(**cfg_overrides))
    ids = [it.doc.doc_id for it in items]
    scores = score_clusters(clusters_to_assignment(ids, result.clusters), {it.doc.doc_id: it.cluster for it in items})
    scores["candidates"] = float(result.candidates)
    scores["embed_mix"] = float(cfg_overrides["embed_mix"])
    return scores


def evaluate_pipeline(items: Sequence[GoldItem], **cfg_overrides: Any) -> dict[str, float]:
    """Run the real pipeline on every gold document, dedupe the events, and score documents by the
    cluster of their events (a document with no event falls back to its raw-document event)."""
    from eventcoder.stages.dedupe import DedupeConfig, cluster

    cache = cfg_overrides.pop("cache", None)  # a pickle of the extracted events: try settings without re-extracting
    events, owner, no_event = gold_events(items, pipeline=True, cache=cache)
    texts = {it.doc.doc_id: it.doc.text for it in items}
    result = cluster(events, DedupeConfig.default(**cfg_overrides), source_texts=texts)
    scores = score_clusters(clusters_to_assignment(owner, result.clusters), {it.doc.doc_id: it.cluster for it in items})
    scores["documents_without_event"] = float(no_event)
    return scores


def gold_events(items: Sequence[GoldItem], pipeline: bool = True, cache: str | Path | None = None,
                date_order: str | None = "mdy") -> tuple[list[Any], list[str], int]:
    """One event per gold document: (events, the document id of each, documents without an extracted
    event). ``pipeline``: the real extraction pipeline (a document that yields nothing, or fails, falls back
    to its raw-document event; a publication-dated event keeps that basis); else raw-document events.
    ``cache``: a pickle of the result, read when it exists and written otherwise. ``date_order``: how the texts
    write numeric dates, as ``--date-order`` says it for input files; GTD's summaries open with their date in US
    order ("01/03/2015: ..."), and since 3141a93 a numeric date that reads both ways is left undated unless the
    order is given (undated summaries cost the pipeline path 0.034 of pairwise F1)."""
    from eventcoder.stages.dedupe import event_from_document

    if cache is not None and Path(cache).exists():
        with Path(cache).open("rb") as fh:
            cached = pickle.load(fh)  # noqa: S301 - a file this function wrote
        return list(cached[0]), list(cached[1]), int(cached[2])
    if not pipeline:
        return [event_from_document(it.doc) for it in items], [it.doc.doc_id for it in items], 0
    from eventcoder.pipeline import Pipeline
    from eventcoder.settings import Settings

    pipe = Pipeline(Settings(date_order=date_order))
    events = []
    owner: list[str] = []
    no_event = 0
    for it in items:
        try:
            evs = pipe.process(it.doc)
        except Exception:  # noqa: BLE001 - a failing document falls back to the raw path
            evs = []
        if not evs:
            no_event += 1
            evs = [event_from_document(it.doc)]
        for ev in evs[:1]:  # the document's lead event stands for it
            if ev.event_date is None and it.doc.published:  # dated by publication: may lag the incident
                ev = ev.replace(event_date=it.doc.published.isoformat(),
                                context={**(ev.context or {}), "date_source": "published"})
            events.append(ev.replace(doc_ids=(it.doc.doc_id,)))
            owner.append(it.doc.doc_id)
    if cache is not None:
        with Path(cache).open("wb") as fh:
            pickle.dump((events, owner, no_event), fh)
    return events, owner, no_event


# --------------------------------------------------------------------------------------------------
# training (``eventcoder train``): the dedupe pair scorer fitted on the user's own gold file

TRAIN_FORMATS = ("auto", "gtd", "clusters")
THRESHOLD_GRID = (0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)
PEER_GRID = (0.5, 0.6, 0.7, 0.8, 0.9)
# linking settings ``eventcoder train`` chooses after the threshold, one at a time in this order, on the user's gold
# (session 6): each grid holds the shipped value; a value must beat the current one by LINK_MIN_GAIN to replace it
LINK_GRIDS: tuple[tuple[str, tuple[Any, ...]], ...] = (
    ("published_threshold", (0.1, 0.2, 0.3, 0.5)),
    ("reject_margin", (0.0, 0.005, 0.01, 0.02)),
    ("distinct_weight", (0.0, 2.0, 4.0, 6.0)),
    ("tie_break", ((), ("days",), ("distinct",))),
)
LINK_MIN_GAIN = 0.001
_NEEDS = ("a GTD file whose records cite their news reports (JSONL with 'source_citations', or the GTD "
          "CSV/XLSX with 'scite1'..'scite3'), or a JSONL of documents with 'id', 'text', 'published' and a "
          "'cluster' (or 'incident') naming the incident each tells")


def _gtd_native(row: Mapping[str, Any]) -> dict[str, Any]:
    """A native GTD CSV/XLSX row as the record ``build_gold_records`` reads."""
    def val(key: str) -> str:
        v = row.get(key)
        return "" if v is None or (isinstance(v, float) and v != v) else str(v).strip()

    date = None
    try:
        y, m, d = (int(float(val(k))) for k in ("iyear", "imonth", "iday"))
        date = dt.date(y, m, d).isoformat()
    except ValueError:
        pass
    return {"id": f"gtd:{val('eventid')}", "text": val("summary"), "date": date,
            "source_citations": [c for c in (val(f"scite{i}") for i in (1, 2, 3)) if c]}


def read_training_gold(path: Path | str, fmt: str = "auto") -> tuple[list[GoldItem], dict[str, Any]]:
    """Gold items for training from the user's own file: GTD (JSONL with ``source_citations``, or the native
    CSV/XLSX with ``scite1..3``) or clustered documents (JSONL, ``cluster``/``incident`` field). Raises
    EvalError with the file name and what it needs when the file is missing, unreadable or has no incident
    told by two or more documents."""
    path = Path(path)
    if fmt not in TRAIN_FORMATS:
        raise EvalError(f"unknown training format {fmt!r}; use one of {', '.join(TRAIN_FORMATS)}")
    if not path.is_file():
        raise EvalError(f"{path}: gold file not found; pass {_NEEDS}")
    if path.suffix.lower() in (".csv", ".xlsx", ".xls"):
        from eventcoder.evaluation.gold import _read_csv

        rows = _read_csv(path)
    else:
        rows = list(iter_gtd(path))
    rows = [r for r in rows if isinstance(r, dict)]
    if not rows:
        raise EvalError(f"{path}: no records, nothing to train on; pass {_NEEDS}")
    keys = set().union(*(r.keys() for r in rows[:50]))
    if fmt == "auto":
        if "source_citations" in keys or "scite1" in keys:
            fmt = "gtd"
        elif "cluster" in keys or "incident" in keys:
            fmt = "clusters"
        else:
            raise EvalError(f"{path}: cannot tell what to train on (fields: {', '.join(sorted(keys)[:12])}); "
                            f"pass {_NEEDS}")
    if fmt == "gtd":
        records = [_gtd_native(r) if "scite1" in r or "eventid" in r else r for r in rows]
        records = [r for r in records if r.get("id") and r.get("text")]
        if not records:
            raise EvalError(f"{path}: no GTD record with an id and a summary text; pass {_NEEDS}")
        items, counts = build_gold_records(records)
        stats: dict[str, Any] = dict(counts)
    else:
        items = []
        for n, r in enumerate(rows, 1):
            cluster = r.get("cluster", r.get("incident"))
            if cluster is None or not r.get("text") or not r.get("id"):
                raise EvalError(f"{path}: record {n} lacks 'id', 'text' or 'cluster'; every document needs all three")
            published = r.get("published") or r.get("date")
            items.append(GoldItem(Document.from_text(str(r["text"]), doc_id=str(r["id"]), source=str(r.get("source") or ""),
                                                     source_type=r.get("source_type") or "news",
                                                     published=published), str(cluster)))
        sizes = Counter(i.cluster for i in items)
        stats = {"records": len(rows), "documents": len(items), "clusters": len(sizes),
                 "clusters_2plus": sum(1 for v in sizes.values() if v >= 2),
                 "gold_pairs": sum(v * (v - 1) // 2 for v in sizes.values())}
    stats["format"] = fmt
    if not stats.get("gold_pairs"):
        raise EvalError(f"{path}: no incident is told by two or more documents ({stats.get('documents', 0)} documents), "
                        f"nothing to train on; pass {_NEEDS}")
    return items, stats


def fit_log_odds(pairs: Sequence[tuple[Sequence[str], float]], labels: Sequence[bool], c: float = 1.0) -> dict[str, float]:
    """Logistic regression (L2, scikit-learn) of same-incident on the pair's evidence states (one-hot) and its
    text similarity (``text``, ``text2`` = its square): the ``log_odds`` table of the dedupe scorer."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [{**{state: 1.0 for state in states}, "text": sim, "text2": sim * sim,
             **{"text_" + k[5:]: sim for k in states if k.startswith("kind_")}} for states, sim in pairs]
    vec = DictVectorizer(sparse=True)
    x = vec.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, [bool(y) for y in labels])
    table = {"bias": round(float(model.intercept_[0]), 2)}
    table.update({name: round(float(w), 2) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)})
    return table


def train_model(items: Sequence[GoldItem], *, pipeline: bool = True, cache: str | Path | None = None,
                c: float = 1.0, tune: bool = True, tune_peer: bool = True, progress: Any = None,
                **settings: Any) -> dict[str, Any]:
    """Fit the dedupe pair scorer on gold items: extract one event per document, take every candidate pair
    that blocking lets through, label it same-incident or not, fit ``fit_log_odds`` on the pair kinds that have
    both labels, then choose ``threshold`` (and ``peer_threshold`` when peer pairs were fitted) by pairwise F1
    of the clustering on the same items. GTD-built gold says nothing about two full accounts of one incident
    (one summary per incident: its stated-date pairs are different incidents by construction), so
    ``eventcoder train`` passes ``tune_peer=False`` for it: peer pairs are left out of the fit and the shipped
    ``peer_threshold`` stays. Returns the model (without file metadata)."""
    from eventcoder.stages.dedupe import DedupeConfig, cluster, training_pairs

    say = progress or (lambda _msg: None)
    say(f"extracting {len(items)} documents ({'pipeline' if pipeline else 'raw-document events'})")
    events, owner, no_event = gold_events(items, pipeline=pipeline, cache=cache)
    texts = {it.doc.doc_id: it.doc.text for it in items}
    gold = {it.doc.doc_id: it.cluster for it in items}
    base = DedupeConfig.default(model=None, **settings)  # settings: other DedupeConfig fields (e.g. embed_mix)
    pairs = training_pairs(events, base, texts)
    labels = [gold[owner[i]] == gold[owner[j]] for i, j, _s, _t, _k in pairs]
    counts = Counter((kind, y) for (_i, _j, _s, _t, kind), y in zip(pairs, labels, strict=True))
    kinds = [k for k in ("report", "peer", "published") if counts[(k, True)] and counts[(k, False)]
             and (k != "peer" or tune_peer)]
    if not kinds:
        raise EvalError(f"{len(pairs)} candidate pairs ({sum(labels)} same-incident): training needs both "
                        f"same-incident and different-incident pairs among the candidates (incidents close in "
                        f"date and place told by several documents); add more incidents to the gold file")
    used = [(p, y) for p, y in zip(pairs, labels, strict=True) if p[4] in kinds]
    say(f"fitting on {len(used)} candidate pairs ({sum(y for _p, y in used)} same-incident; kinds: {', '.join(kinds)})")
    table = fit_log_odds([(p[2], p[3]) for p, _y in used], [y for _p, y in used], c=c)

    def f1(**over: Any) -> float:
        cfg = DedupeConfig.default(model=None, log_odds=table, **{**settings, **over})
        res = cluster(events, cfg, source_texts=texts)
        return score_clusters(clusters_to_assignment(owner, res.clusters), gold)["pairwise_f1"]

    threshold, peer = base.threshold, base.peer_threshold
    grid: dict[str, float] = {}
    if tune:
        for t in THRESHOLD_GRID:
            grid[f"threshold={t}"] = round(f1(threshold=t, peer_threshold=max(t, peer)), 4)
        threshold = max(THRESHOLD_GRID, key=lambda t: (grid[f"threshold={t}"], -abs(t - base.threshold)))
        say(f"threshold {threshold} (training pairwise F1 {grid[f'threshold={threshold}']})")
        if "peer" in kinds:  # only when tune_peer (kinds leaves peer pairs out otherwise)
            for pt in PEER_GRID:
                grid[f"peer_threshold={pt}"] = round(f1(threshold=threshold, peer_threshold=max(pt, threshold)), 4)
            peer = max(PEER_GRID, key=lambda pt: (grid[f"peer_threshold={pt}"], -abs(pt - base.peer_threshold)))
    chosen: dict[str, Any] = {}  # linking settings: shipped values unless the user's gold says otherwise
    if tune:
        fixed = {"threshold": threshold, "peer_threshold": max(peer, threshold)}
        current = round(f1(**fixed), 4)
        for key, values in LINK_GRIDS:
            if key in settings:  # the caller set it: keep
                continue
            shipped = getattr(base, key)
            scored = {}
            for v in values:
                scored[v] = current if v == shipped else round(f1(**fixed, **chosen, **{key: v}), 4)
                grid[f"{key}={list(v) if isinstance(v, tuple) else v}"] = scored[v]
            pick = max(values, key=lambda v: scored[v])
            if scored[pick] >= current + LINK_MIN_GAIN and pick != shipped:
                chosen[key], current = pick, scored[pick]
        say("linking settings: " + (", ".join(f"{k} {v}" for k, v in chosen.items()) or "the shipped ones"))
    train_f1 = f1(threshold=threshold, peer_threshold=max(peer, threshold), **chosen)
    chosen = {k: list(v) if isinstance(v, tuple) else v for k, v in chosen.items()}
    return {"log_odds": table, "threshold": threshold, "peer_threshold": max(peer, threshold), **chosen, **settings,
            "training": {"events": "pipeline" if pipeline else "raw", "documents": len(items),
                         "documents_without_event": no_event, "candidate_pairs": len(pairs),
                         "pairs_used": len(used), "same_incident_pairs": sum(y for _p, y in used),
                         "pair_kinds": kinds, "C": c, "grid_pairwise_f1": grid, "train_pairwise_f1": round(train_f1, 4)}}


def write_model(model: Mapping[str, Any], out: Path | str, gold_path: Path | str, stats: Mapping[str, Any],
                half: int | None = None) -> Path:
    """Write a trained model file (JSON) that ``DedupeConfig.default`` reads."""
    import hashlib

    from eventcoder import __version__
    from eventcoder.stages.dedupe import MODEL_FEATURES, MODEL_FORMAT

    gold_path = Path(gold_path)
    digest = hashlib.sha256(gold_path.read_bytes()).hexdigest()
    doc = {"format": MODEL_FORMAT, "version": 1, "features": MODEL_FEATURES,
           "_note": "Fitted by `eventcoder train` on the gold file below: derived from that data, keep it under "
                    "the data's licence (do not redistribute it where the data's terms forbid).",
           "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "eventcoder": __version__,
           "gold": {"file": str(gold_path.resolve()), "sha256": digest, "half": half, **dict(stats)},
           **dict(model)}
    out = Path(out).expanduser()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(out)
    return out


# --------------------------------------------------------------------------------------------------
# the project's own training data for the shipped table (no GTD/ACLED/UCDP rows)

_HEADLINES = (  # team-written headline shapes: {W} weapon word, {T} target word, figures and place optional
    ("{W} kills {k} in {town}", 3),
    ("{k} killed in {country} {w} attack", 2),
    ("Attack on {t} in {town} leaves {k} dead", 2),
    ("{country}: {w} hits {t}", 2),
    ("Several dead as {w} strikes {town}", 2),
    ("{W} in {town} kills {k}, wounds {wd}", 1),
    ("Death toll in {town} {w} attack rises to {k2}", 1),
    ("Militants attack {t} in {country}", 1),
    ("{k} soldiers among dead in {town}", 1),
)
_WEAPON_WORDS = {"car bomb": ("car bomb", "blast", "explosion"), "roadside bomb": ("roadside bomb", "blast", "IED"),
                 "suicide bomber": ("suicide bomber", "suicide blast", "explosion"),
                 "mortar attack": ("mortar fire", "shelling", "mortar"), "group of gunmen": ("gunmen", "gunfire", "shooting"),
                 "grenade": ("grenade", "grenade attack", "blast")}
_LAGS = (0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 6)


def synthetic_training_rows(n: int, seed: int = 11, days: int = 120) -> Iterator[dict[str, Any]]:
    """A clustered training corpus made only from the project's own templates: the synthetic corpus's
    reports (``eventcoder.scale.synthetic``: wire story, official statement, claim) of incidents packed into
    ``days`` days, plus for most incidents one or two terse headlines published 0-6 days later that name
    the town or only the country, give the figure or not (``_HEADLINES``), as news headlines do. Rows have
    ``cluster`` = the incident (for ``eventcoder train --format clusters``)."""
    import random

    from eventcoder.scale.synthetic import iter_synthetic

    rng = random.Random(seed)
    shapes = [s for s, w in _HEADLINES for _ in range(w)]
    seen: set[str] = set()
    for row in iter_synthetic(n, seed=seed, days=days):
        inc = str(row["incident"])
        yield {**row, "cluster": inc}
        if inc in seen or rng.random() < 0.25:
            continue
        seen.add(inc)
        text = str(row["text"])
        facts = _synthetic_facts(text)
        if facts is None:
            continue
        day = dt.date.fromisoformat(str(row["published"]))
        for h in range(rng.choice((1, 1, 2))):
            w = rng.choice(_WEAPON_WORDS.get(facts["weapon"], (facts["weapon"],)))
            shape = rng.choice(shapes)
            k = facts["killed"]
            fields = {"W": w[:1].upper() + w[1:], "w": w, "t": facts["target"].split()[-1], "town": facts["town"],
                      "country": facts["country"], "k": k, "k2": k + rng.randint(1, 4), "wd": facts["wounded"]}
            pub = day + dt.timedelta(days=rng.choice(_LAGS))
            yield {"id": f"{row['id']}-h{h}", "text": shape.format(**fields), "published": pub.isoformat(),
                   "source": rng.choice(("Example Wire", "Demo Press", "Sample News Agency")), "source_type": "news",
                   "cluster": inc}


def _synthetic_facts(text: str) -> dict[str, Any] | None:
    """Town, country, weapon, target and figures of a synthetic wire story (the first report of an incident)."""
    m = re.search(r"A (?P<weapon>[a-z ]+?) (?:exploded|detonated|blew himself up|struck|opened fire|was thrown) near "
                  r"(?P<target>an? [a-z ]+?) in (?P<town>[^,]+), (?P<country>[^,]+?) on \w+, killing (?P<k>\d+) people "
                  r"and wounding (?P<wd>\d+)", text)
    if not m:
        return None
    return {"weapon": m.group("weapon"), "target": m.group("target"), "town": m.group("town"),
            "country": m.group("country"), "killed": int(m.group("k")), "wounded": int(m.group("wd"))}
