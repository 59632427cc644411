"""Measure the casualty and date parsers on the dev gold (read at run time from ../shared/data/dev).

    python tools/measure_parsers.py [--data ../shared/data/dev] [--errors N] [--which gtd,acled,speed]

GTD: each summary (its "MM/DD/YYYY:" prefix stripped) against gold killed / wounded where gold is
not null. ACLED: notes against fatalities. Two scores each:
  strict  - find_casualties' figure must equal the gold (None never equals 0);
  coded   - None is read as 0, which is how GTD/ACLED code "no figure stated" (ACLED: no mention -> 0;
            the exporters apply the same rule).
Nothing from the gold is written anywhere; --errors prints the worst cases to the terminal only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import time
from pathlib import Path

from eventcoder.extraction.dates import find_dates
from eventcoder.extraction.numbers import find_casualties

GTD_PREFIX = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}\s*:\s*")


def _load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _score(rows: list[tuple[str, int, int | None]], name: str, n_errors: int) -> None:
    total = len(rows)
    strict = sum(1 for _, gold, got in rows if got == gold)
    coded = sum(1 for _, gold, got in rows if (got or 0) == gold)
    print(f"{name:22s} n={total:5d}  strict {strict / total:6.1%}  coded(None=0) {coded / total:6.1%}")
    if n_errors:
        bad = [r for r in rows if (r[2] or 0) != r[1]]
        random.Random(0).shuffle(bad)
        for text, gold, got in bad[:n_errors]:
            print(f"    gold={gold} got={got} | {text[:300]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--data", default=str(Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "dev")
    )
    ap.add_argument("--errors", type=int, default=0, help="print this many wrong cases per score")
    ap.add_argument("--which", default="gtd,acled,speed")
    args = ap.parse_args()
    data = Path(args.data)
    which = set(args.which.split(","))
    if "gtd" in which:
        rows = _load(data / "gtd.jsonl")
        k, w = [], []
        for r in rows:
            text = GTD_PREFIX.sub("", r["text"] or "")
            c = find_casualties(text)
            if r["killed"] is not None:
                k.append((text, r["killed"], c.killed))
            if r["wounded"] is not None:
                w.append((text, r["wounded"], c.wounded))
        _score(k, "GTD killed", args.errors)
        _score(w, "GTD wounded", args.errors)
    if "acled" in which:
        rows = _load(data / "acled.jsonl")
        a = [
            (r["text"], r["killed"], find_casualties(r["text"] or "").killed)
            for r in rows
            if r["killed"] is not None
        ]
        _score(a, "ACLED fatalities", args.errors)
    if "speed" in which:
        rows = _load(data / "acled.jsonl")
        texts = [r["text"] or "" for r in rows]
        pub = dt.date(2020, 5, 1)
        t0 = time.perf_counter()
        for t in texts:
            find_dates(t, pub)
        t1 = time.perf_counter()
        for t in texts:
            find_casualties(t)
        t2 = time.perf_counter()
        mean = sum(map(len, texts)) / len(texts)
        print(
            f"speed on {len(texts)} ACLED notes (mean {mean:.0f} chars): find_dates {len(texts) / (t1 - t0):,.0f}/s, "
            f"find_casualties {len(texts) / (t2 - t1):,.0f}/s"
        )


if __name__ == "__main__":
    main()
