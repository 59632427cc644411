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
    ap.add_argument("--which", default="gtd,acled,dates,speed")
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
    if "dates" in which:
        _measure_dates(data)
    if "speed" in which:
        rows = _load(data / "acled.jsonl")
        texts = [r["text"] or "" for r in rows]
        pub = dt.date(2020, 5, 1)
        find_dates("warm up on 2 May", pub)
        find_casualties("warm up: 2 killed")
        t0 = time.process_time()
        for t in texts:
            find_dates(t, pub)
        t1 = time.process_time()
        for t in texts:
            find_casualties(t)
        t2 = time.process_time()
        mean = sum(map(len, texts)) / len(texts)
        print(
            f"speed on {len(texts)} ACLED notes (mean {mean:.0f} chars), per CPU second: "
            f"find_dates {len(texts) / (t1 - t0):,.0f}/s, find_casualties {len(texts) / (t2 - t1):,.0f}/s"
        )


def _measure_dates(data: Path) -> None:
    """GTD: the "MM/DD/YYYY:" prefix must give the gold date. ACLED: the first resolved date mention of
    a note, read as if the note were published 3 days after the event, against the gold date."""
    rows = _load(data / "gtd.jsonl")
    ok = sum(
        1 for r in rows if (found := find_dates(r["text"] or "", None)) and str(found[0].date) == r["date"]
    )
    print(f"GTD date prefix         n={len(rows):5d}  first mention == gold {ok / len(rows):6.1%}")
    rows = _load(data / "acled.jsonl")
    by_kind: dict[str, list[int]] = {}
    covered = 0
    for r in rows:
        gold = dt.date.fromisoformat(r["date"])
        found = [d for d in find_dates(r["text"] or "", gold + dt.timedelta(days=3)) if d.date]
        if not found:
            continue
        covered += 1
        d = found[0]
        stats = by_kind.setdefault(d.kind, [0, 0, 0])
        stats[0] += 1
        stats[1] += d.date == gold
        stats[2] += abs((d.date - gold).days) <= 1 if d.date else 0
    print(f"ACLED notes with a date n={len(rows):5d}  {covered / len(rows):6.1%} have a resolved mention")
    for kind, (n, exact, near) in sorted(by_kind.items()):
        print(f"    first mention {kind:9s} n={n:5d}  exact {exact / n:6.1%}  within 1 day {near / n:6.1%}")


if __name__ == "__main__":
    main()
