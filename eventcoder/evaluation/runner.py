"""Run the pipeline over gold documents and collect per-event outcomes (``Outcome``) for ``metrics``.

Narrative gold (GTD, ACLED, team): the whole pipeline runs on the text, with the gold date as the
publication date and the gold id as the document id. UCDP GED (no narrative): only the geocoder runs,
on the ``location`` phrase, with the country given as a hint -- that is what the UCDP target measures.
A document on which the pipeline raises is recorded (``errors``) and scored as yielding no events.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventcoder.evaluation.gold import GoldDoc, GoldEvent
from eventcoder.evaluation.labels import country_iso
from eventcoder.evaluation.match import Pair, compare, match
from eventcoder.records import Document, Event


@dataclass
class Outcome:
    """One gold event and the prediction paired with it (if any)."""

    doc: GoldDoc
    gold: GoldEvent
    pred: Event | None
    pair: Pair | None
    fields: dict[str, Any] = field(default_factory=dict)
    n_preds_in_doc: int = 0
    why_unmatched: str | None = None


@dataclass
class RunResult:
    outcomes: list[Outcome]
    spurious: list[tuple[GoldDoc, Event]]  # predictions matched to no gold event (strict rule)
    n_docs: int
    n_preds: int
    seconds: float
    errors: Counter[str] = field(default_factory=Counter)
    error_examples: dict[str, str] = field(default_factory=dict)
    notes: Counter[str] = field(default_factory=Counter)
    doc_texts: dict[str, str] = field(default_factory=dict)


def _why(g: GoldEvent, preds: Sequence[Event], n_total: int) -> str:
    """Why a gold event found no partner among the document's still-unpaired predictions."""
    from eventcoder.evaluation.match import date_diff, distance

    if not n_total:
        return "no event extracted"
    if not preds:
        return "fewer events extracted than reported (merged or skipped)"
    dated = [p for p in preds if p.event_date]
    if not dated:
        return "event(s) extracted without a date"
    diffs = [d for d in (date_diff(g, p) for p in dated) if d is not None]
    if diffs and min(diffs) > 1:
        return "date off by more than 1 day"
    kms = [k for k in (distance(g, p) for p in preds) if k is not None]
    if kms and min(kms) > 25:
        return "located more than 25 km away"
    return "every candidate already paired"


FEATURE_WORDS = re.compile(
    r"\s+(town|village|city|district|province|governorate|area|region|camp|locality|suburb|mountain|island|"
    r"farms?|valley|base|neighbou?rhood|quarter|hill)$",
    re.I,
)
# an Arabic noun in the construct state (-et/-at: "Mashrafet Falita" = the overlook of Falita, "Hawijat Saqr",
# "Khirbet X", "Mazraat X"): when the whole name is in no list, the place it belongs to is read after it
CONSTRUCT = re.compile(r"^(\w{3,}(?:et|at))\s+(\S.*)$")


def phrase_candidates(phrase: str, known: Callable[[str], bool] | None = None) -> list[dict[str, Any]]:
    """Place candidates of a UCDP location phrase, most specific first (see ``geocode_only``).

    "Chassana village - Mahore sub-district" gives the village then the sub-district; "Markaz ... (Dara-i-Suf)
    town" the name outside the parentheses, then the one inside; "Tadmur/Palmyra town" both spellings unless the
    gazetteer holds the whole. A trailing feature word ("town", "village") is the candidate's ``feature``, not
    part of its name. ``known(name)`` tells whether the gazetteer holds a name: a name in the construct state it
    lacks adds the place it belongs to ("Mashrafet Falita" -> Falita, near).
    """
    cands: list[dict[str, Any]] = []
    pos = 0
    parts = re.split(r"\s+-\s+|,\s*|\s+/\s+", phrase)  # "Chassana village - Mahore sub-district"
    alt = [m.group(1) for m in re.finditer(r"\(([^)]+)\)", phrase)]  # "Markaz ... (Dara-i-Suf) town"
    for part in [re.sub(r"\s*\([^)]*\)", "", p) for p in parts] + alt:
        start = max(phrase.find(part, pos if part in phrase[pos:] else 0), 0)
        pos = start + len(part)
        m = FEATURE_WORDS.search(part)
        name = FEATURE_WORDS.sub("", part).strip() or part.strip()
        if not name:
            continue
        names = [name]
        if "/" in name and (known is None or not known(name)):
            names = [n.strip() for n in name.split("/") if n.strip()]  # "Tadmur/Palmyra"
        for nm in names:
            off = phrase.find(nm, start)
            off = off if off >= 0 else start + max(name.find(nm), 0)  # "A (b) C": no exact span of "A C"
            cand: dict[str, Any] = {"text": nm, "start": off, "end": off + len(nm), "relation": "in"}
            if m:
                cand["feature"] = m.group(1).lower()
            cands.append(cand)
            c = CONSTRUCT.match(nm)
            if c and known is not None and not known(nm) and known(c.group(2)):
                o = off + c.start(2)
                cands.append({"text": c.group(2), "start": o, "end": o + len(c.group(2)), "relation": "near"})
    return cands


def geocode_only(doc: GoldDoc, pipeline: Any, *, with_description: bool = False) -> list[Event]:
    """UCDP: geocode the gold place phrase given the gold country (no extraction).

    With ``with_description`` UCDP's own ``where_description`` follows the phrase as the document's text,
    so the geocoder may read the other places it names as context. Off by default: the issue's UCDP target
    is the ``location`` phrase given its country, and the README of the dev data lists ``where_description``
    among the geo gold fields.
    """
    from eventcoder.stages import geocode as geocode_stage

    phrase = doc.place_phrase or ""
    if not phrase:
        return []
    # UCDP's own description of the place ("Kakrak area on the outskirts of Tarin Kot city") follows the
    # phrase as the document's other text: the geocoder may read the places it names as context
    desc = next((str(e.extra.get("where_description") or "") for e in doc.events[:1]), "") if with_description else ""
    text = f"{phrase}\n{desc}" if desc and desc.strip() != phrase.strip() else phrase
    document = Document.from_text(text, doc_id=doc.doc_id, source="ucdp", published=doc.published)
    iso = country_iso(doc.country)
    gaz = getattr(pipeline, "gazetteer", None)
    known = (lambda name: bool(gaz.candidates(name, iso))) if gaz is not None else None
    cands = phrase_candidates(phrase, known)
    event = Event(
        event_date=doc.published.isoformat() if doc.published else None,
        location_text=phrase,
        evidence={"location_text": [0, len(phrase)]},
        doc_ids=(doc.doc_id,),
        context={
            "region_text": None,
            "country_hint": iso,
            "admin1_hint": None,
            "place_candidates": cands,
        },
    )
    return list(geocode_stage.geocode(document, [event], pipeline.settings, pipeline.gazetteer))


def run(
    docs: Sequence[GoldDoc],
    pipeline: Any,
    *,
    progress: bool = True,
    on_doc: Callable[[GoldDoc, list[Event]], None] | None = None,
    ucdp_description: bool = False,
) -> RunResult:
    from tqdm import tqdm

    outcomes: list[Outcome] = []
    spurious: list[tuple[GoldDoc, Event]] = []
    errors: Counter[str] = Counter()
    examples: dict[str, str] = {}
    notes: Counter[str] = Counter()
    texts: dict[str, str] = {}
    n_preds = 0
    t0 = time.perf_counter()
    for gd in tqdm(docs, desc="eval", unit="doc", disable=not progress, mininterval=1.0):
        for n in gd.notes:
            notes[n] += 1
        preds: list[Event] = []
        try:
            if gd.text is None:
                preds = geocode_only(gd, pipeline, with_description=ucdp_description)
            else:
                document = Document.from_text(
                    gd.text,
                    doc_id=gd.doc_id,
                    source=gd.source,
                    source_type=gd.source_type,
                    published=gd.published,
                )
                texts[gd.doc_id] = gd.text
                preds = list(pipeline.process(document))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop a 2,000-document run
            key = f"{type(exc).__name__}: {str(exc)[:120]}"
            errors[type(exc).__name__] += 1
            examples.setdefault(type(exc).__name__, f"{gd.doc_id}: {key}")
            preds = []
        if on_doc is not None:
            on_doc(gd, preds)
        n_preds += len(preds)
        pairs = match(gd.events, preds)
        by_gold = {p.gold: p for p in pairs}
        matched_preds = {p.pred for p in pairs if p.kind != "far"}
        free = [p for i, p in enumerate(preds) if i not in {q.pred for q in pairs}]
        for gi, g in enumerate(gd.events):
            pair = by_gold.get(gi)
            if pair is None:
                outcomes.append(
                    Outcome(
                        gd, g, None, None, n_preds_in_doc=len(preds), why_unmatched=_why(g, free, len(preds))
                    )
                )
                continue
            p = preds[pair.pred]
            o = Outcome(gd, g, p, pair, compare(g, p, pair.km, pair.days), n_preds_in_doc=len(preds))
            if pair.kind == "far":
                o.why_unmatched = "located more than 25 km away"
            outcomes.append(o)
        for pi, p in enumerate(preds):
            if pi not in matched_preds:
                spurious.append((gd, p))
    return RunResult(
        outcomes=outcomes,
        spurious=spurious,
        n_docs=len(docs),
        n_preds=n_preds,
        seconds=time.perf_counter() - t0,
        errors=errors,
        error_examples=examples,
        notes=notes,
        doc_texts=texts,
    )
