"""Run eventcoder's eval and dump the summary + one line per gold event (fields verdicts + prediction).
usage: PYTHONPATH=<tree> python tools/evalrows/rowdump.py GOLD INDEX OUTPREFIX [--country AF,IQ] [--limit N]
writes OUTPREFIX.json (summary) and OUTPREFIX.rows.jsonl"""

import argparse
import json
from pathlib import Path

from eventcoder.cli.eval_cmds import evaluate

ap = argparse.ArgumentParser()
ap.add_argument("gold")
ap.add_argument("index")
ap.add_argument("out")
ap.add_argument("--country", default="")
ap.add_argument("--limit", type=int)
a = ap.parse_args()
countries = tuple(c for c in a.country.split(",") if c)
summary, worst, res = evaluate(a.gold, gazetteer=Path(a.index), countries=countries, limit=a.limit)
Path(a.out + ".json").write_text(json.dumps(summary, indent=1, default=str))
KEYS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "attack_type",
    "actor1",
    "actor2",
    "killed",
    "wounded",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "weapon_type",
    "target_type",
)
with open(a.out + ".rows.jsonl", "w") as fh:
    for o in res.outcomes:
        p = o.pred
        pred = None
        if p is not None:
            pred = {k: getattr(p, k, None) for k in KEYS}
            pred["geo_reason"] = str((p.context or {}).get("geo_reason") or "")
        fh.write(
            json.dumps(
                {
                    "gold_id": o.gold.gold_id,
                    "fields": o.fields,
                    "pred": pred,
                    "why_unmatched": o.why_unmatched,
                },
                default=str,
                ensure_ascii=False,
            )
            + "\n"
        )
print(json.dumps({k: summary.get(k) for k in list(summary)[:8]}, default=str)[:2000])
