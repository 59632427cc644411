"""Build the GTD dedup gold set at run time (never into the repo) and score the dedupe stage on it.

    python tools/build_dedup_gold.py                      # build into $TMPDIR and score the raw path
    python tools/build_dedup_gold.py --pipeline           # score with the real extraction pipeline
    python tools/build_dedup_gold.py --out /tmp/g.jsonl --threshold 0.55 --window 3
    python tools/build_dedup_gold.py --half 0             # tune on half 0 of the incidents, report on --half 1
    python tools/build_dedup_gold.py --pipeline --half 1 --dedupe-model /tmp/m.json   # a model from `eventcoder train`
    python tools/build_dedup_gold.py --write-synthetic-train 1500 --out /tmp/syn_train.jsonl  # the shipped table's data
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from eventcoder.errors import EventcoderError
from eventcoder.evaluation.dedup_gold import (
    build_gold,
    evaluate_pipeline,
    evaluate_raw,
    gold_half,
    write_gold,
)


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gtd", type=Path, default=here.parent / "shared" / "data" / "dev" / "gtd.jsonl")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "eventcoder_dedup_gold.jsonl")
    ap.add_argument("--pipeline", action="store_true", help="extract events with the pipeline before dedupe")
    ap.add_argument("--threshold", type=float)
    ap.add_argument("--window", type=int, dest="window_days")
    ap.add_argument("--guard", type=float)
    ap.add_argument("--lag", type=int, dest="lag_days")
    ap.add_argument("--peer-threshold", type=float, dest="peer_threshold")
    ap.add_argument("--half", type=int, choices=(0, 1),
                    help="score one half of the incidents only (split by incident id: tune on 0, report on 1)")
    ap.add_argument("--cache", type=Path, help="--pipeline: pickle of the extracted events (written if missing, else read)")
    ap.add_argument("--write-synthetic-train", type=int, metavar="N",
                    help="write the project's own clustered training corpus (N synthetic reports + headlines; no "
                         "GTD rows) to --out and exit: the data the shipped log-odds table is fitted on")
    ap.add_argument("--dedupe-model", default="auto", metavar="PATH|auto|shipped",
                    help="pipeline path: pair scorer (a model from `eventcoder train`; auto = as the dedupe stage "
                         "chooses; shipped = the built-in table). The raw path always uses its weighted mean.")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=JSON",
                    help="any other DedupeConfig setting, e.g. --set char_mix=0.3 (repeatable)")
    args = ap.parse_args(argv)
    if args.write_synthetic_train is not None:
        from eventcoder.evaluation.dedup_gold import synthetic_training_rows

        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as fh:
            count = sum(fh.write(json.dumps(r) + "\n") > 0 for r in synthetic_training_rows(args.write_synthetic_train))
        print(f"wrote {count} documents to {args.out}")
        return 0
    try:
        items, stats = build_gold(args.gtd)
    except EventcoderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.half is not None:
        items = gold_half(items, args.half)
        stats["half"] = args.half
        stats["half_documents"] = len(items)
    write_gold(items, args.out)
    overrides = {k: v for k, v in (("threshold", args.threshold), ("window_days", args.window_days),
                                   ("guard", args.guard), ("lag_days", args.lag_days), ("peer_threshold", args.peer_threshold)) if v is not None}
    for item in args.set:
        key, _, value = item.partition("=")
        overrides[key.strip()] = json.loads(value)
    if args.cache is not None and args.pipeline:
        overrides["cache"] = str(args.cache)
    model = "raw path: weighted mean (raw_weights)"
    if args.pipeline:
        from eventcoder.stages.dedupe import resolve_model_path

        try:
            path = resolve_model_path(args.dedupe_model)
        except EventcoderError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        overrides["model"] = str(path) if path else "shipped"
        model = overrides["model"]
    t0 = time.perf_counter()
    scores = (evaluate_pipeline if args.pipeline else evaluate_raw)(items, **overrides)
    scores["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps({"gold": str(args.out), "stats": stats, "path": "pipeline" if args.pipeline else "raw",
                      "model": model, "overrides": overrides, "scores": {k: round(v, 4) for k, v in scores.items()}}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
