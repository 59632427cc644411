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

from eventcoder.errors import EvalError
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
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}:{n}: not JSON ({exc.msg}); fix or remove the line") from None


def build_gold(gtd_path: Path) -> tuple[list[GoldItem], dict[str, int]]:
    records = list(iter_gtd(gtd_path))
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
    from eventcoder.stages.dedupe import DedupeConfig, cluster, event_from_document, load_config

    events = [event_from_document(it.doc) for it in items]
    # raw-document events know far fewer fields (unknowns score 0.5), so they have their own threshold
    cfg_overrides.setdefault("threshold", load_config()["raw_threshold"])
    cfg_overrides.setdefault("peer_threshold", load_config()["raw_peer_threshold"])
    cfg_overrides.setdefault("weights", load_config()["raw_weights"])
    cfg_overrides.setdefault("char_mix", load_config().get("raw_char_mix", 0.0))
    cfg_overrides.setdefault("log_odds", {})  # measured: the weighted mean ranks raw documents better (docs/dedup.md)
    result = cluster(events, DedupeConfig.default(**cfg_overrides))
    ids = [it.doc.doc_id for it in items]
    scores = score_clusters(clusters_to_assignment(ids, result.clusters), {it.doc.doc_id: it.cluster for it in items})
    scores["candidates"] = float(result.candidates)
    return scores


def evaluate_pipeline(items: Sequence[GoldItem], **cfg_overrides: Any) -> dict[str, float]:
    """Run the real pipeline on every gold document, dedupe the events, and score documents by the
    cluster of their events (a document with no event falls back to its raw-document event)."""
    from eventcoder.pipeline import Pipeline
    from eventcoder.stages.dedupe import DedupeConfig, cluster, event_from_document

    cache = cfg_overrides.pop("cache", None)  # a pickle of the extracted events: try settings without re-extracting
    if cache is not None and Path(cache).exists():
        with Path(cache).open("rb") as fh:
            events, owner, no_event = pickle.load(fh)  # noqa: S301 - a file this function wrote
        texts = {it.doc.doc_id: it.doc.text for it in items}
        result = cluster(events, DedupeConfig.default(**cfg_overrides), source_texts=texts)
        scores = score_clusters(clusters_to_assignment(owner, result.clusters),
                                {it.doc.doc_id: it.cluster for it in items})
        scores["documents_without_event"] = float(no_event)
        return scores
    pipe = Pipeline()
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
    texts = {it.doc.doc_id: it.doc.text for it in items}
    result = cluster(events, DedupeConfig.default(**cfg_overrides), source_texts=texts)
    scores = score_clusters(clusters_to_assignment(owner, result.clusters), {it.doc.doc_id: it.cluster for it in items})
    scores["documents_without_event"] = float(no_event)
    return scores
