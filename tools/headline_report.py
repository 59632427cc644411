"""List the dedup gold set's cited headlines with what the pipeline extracts from each (headlines owner).

    python tools/headline_report.py --out /tmp/headlines.jsonl          # one JSON line per headline
    python tools/headline_report.py --out /tmp/h.jsonl --summary         # + counts on stdout

Each line: the headline, its citation date, its incident's GTD date and country (read at run time from
``../shared/data/dev/gtd.jsonl``, never stored), and the lead event's date, date basis, place, country, actors and
type (``null`` when the pipeline extracts no event). Nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from eventcoder.errors import EventcoderError
from eventcoder.evaluation.dedup_gold import build_gold, iter_gtd


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gtd", type=Path, default=here.parent / "shared" / "data" / "dev" / "gtd.jsonl")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--summary", action="store_true", help="print counts (events, dates, places, countries)")
    args = ap.parse_args(argv)
    try:
        items, _ = build_gold(args.gtd)
        gold = {str(r["id"]): r for r in iter_gtd(args.gtd)}
    except EventcoderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from eventcoder.pipeline import Pipeline

    pipe = Pipeline()
    counts: Counter[str] = Counter()
    with args.out.open("w", encoding="utf-8") as fh:
        for it in items:
            if "#cit" not in it.doc.doc_id:
                continue
            g = gold.get(it.cluster, {})
            evs = pipe.process(it.doc)
            ev = evs[0] if evs else None
            row = {
                "id": it.doc.doc_id,
                "headline": it.doc.text,
                "published": it.doc.published.isoformat() if it.doc.published else None,
                "gold_date": g.get("date"),
                "gold_country": g.get("country"),
                "events": len(evs),
            }
            if ev is not None:
                ctx = ev.context or {}
                row.update(
                    event_date=ev.event_date, date_text=ev.date_text, location=ev.location,
                    location_text=ev.location_text, country=ev.country, actor1=ev.actor1, actor2=ev.actor2,
                    event_type=ev.event_type, sub_event_type=ev.sub_event_type,
                    geo_reason=ctx.get("geo_reason"), country_hint=ctx.get("country_hint"),
                )
                counts["with_event"] += 1
                counts["dated_in_text"] += ev.date_text is not None
                counts["date_equals_gold"] += ev.event_date == g.get("date")
                counts["with_location"] += ev.location is not None
                counts["with_country"] += ev.country is not None
                counts["country_equals_gold"] += ev.country is not None and ev.country == g.get("country")
                counts["country_wrong"] += ev.country is not None and ev.country != g.get("country")
            counts["headlines"] += 1
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    if args.summary:
        print(json.dumps(dict(counts), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
