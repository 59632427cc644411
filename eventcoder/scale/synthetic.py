"""Synthetic conflict-report corpora for scale tests (owner: dedupe).

    python -m eventcoder.scale.synthetic 100000 -o /tmp/corpus.jsonl --seed 7
    python -m eventcoder.scale.synthetic 1000000 -o /tmp/c1m.jsonl --docs-per-day 100   # span grows with N

Writes N documents as JSONL (``id``, ``text``, ``published``, ``source``, ``source_type``, ``incident``),
streamed line by line (memory does not grow with N) and deterministic for a seed. Documents are built
from templates: each incident (a town, a day, a weapon, figures, an actor) is told by one to three
reports in different words and with different figures (a wire story, an official statement, a claim),
so dedupe has real work; ``incident`` names the incident each report tells (ground truth, ignored by
ingest). All names are fictional-neutral placeholders drawn from small tables below; nothing is copied
from any dataset.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TOWNS = [
    ("Mogadishu", "Somalia"), ("Baidoa", "Somalia"), ("Kismayo", "Somalia"), ("Maiduguri", "Nigeria"),
    ("Bama", "Nigeria"), ("Monguno", "Nigeria"), ("Mosul", "Iraq"), ("Kirkuk", "Iraq"), ("Tikrit", "Iraq"),
    ("Raqqa", "Syria"), ("Deir ez-Zor", "Syria"), ("Idlib", "Syria"), ("Kandahar", "Afghanistan"),
    ("Jalalabad", "Afghanistan"), ("Kunduz", "Afghanistan"), ("Quetta", "Pakistan"), ("Peshawar", "Pakistan"),
    ("Arish", "Egypt"), ("Gao", "Mali"), ("Mopti", "Mali"), ("Djibo", "Burkina Faso"), ("Beni", "DR Congo"),
    ("Marib", "Yemen"), ("Taiz", "Yemen"), ("Cotabato", "Philippines"),
]
WEAPONS = [("car bomb", "exploded"), ("roadside bomb", "detonated"), ("suicide bomber", "blew himself up"),
           ("mortar attack", "struck"), ("group of gunmen", "opened fire"), ("grenade", "was thrown")]
TARGETS = ["a security checkpoint", "a market", "a police station", "an army convoy", "a mosque", "a bus station",
           "a government office", "a military base"]
ACTORS = ["unidentified militants", "an armed group", "insurgents"]
WIRES = ["Example Wire", "Sample News Agency", "Demo Press", "Placeholder Times", "Test Gazette"]
OFFICIAL = ["Ministry of Interior", "Police spokesman", "Army press office"]

WIRE_T = ("{weekday_cap}: A {weapon} {verb} near {target} in {town}, {country} on {weekday}, killing {killed} people "
          "and wounding {wounded} others, officials said. Witnesses said {actor} were seen leaving the area. "
          "No group immediately claimed the attack. Report {serial}.")
OFFICIAL_T = ("{source} statement: On {date_long}, {actor} carried out an attack with a {weapon} on {target} in "
              "{town}. {killed2} people were killed and {wounded2} injured. Security forces sealed off the area "
              "and an investigation is under way. Ref {serial}.")
CLAIM_T = ("Statement: the fighters targeted {target} in {town} with a {weapon} on {date_long}, killing {killed3} "
           "soldiers and apostates and wounding many. Issue {serial}.")


def _incident(rng: random.Random, n: int, start: dt.date, days: int) -> dict[str, Any]:
    town, country = TOWNS[rng.randrange(len(TOWNS))]
    weapon, verb = WEAPONS[rng.randrange(len(WEAPONS))]
    day = start + dt.timedelta(days=rng.randrange(days))
    killed = rng.randint(0, 25)
    return {"n": n, "town": town, "country": country, "weapon": weapon, "verb": verb,
            "target": TARGETS[rng.randrange(len(TARGETS))], "actor": ACTORS[rng.randrange(len(ACTORS))],
            "day": day, "killed": killed, "wounded": rng.randint(0, 40)}


def iter_synthetic(n: int, seed: int = 7, start: dt.date = dt.date(2017, 1, 1), days: int = 730,
                   ) -> Iterator[dict[str, Any]]:
    """Yield ``n`` document rows (deterministic for ``seed``)."""
    rng = random.Random(seed)
    written = 0
    inc_no = 0
    while written < n:
        inc = _incident(rng, inc_no, start, days)
        inc_no += 1
        reports = rng.choice((1, 1, 2, 2, 3))
        kinds = ["wire", "official", "claim"][:reports]
        for k, kind in enumerate(kinds):
            if written >= n:
                return
            day: dt.date = inc["day"]
            published = day + dt.timedelta(days=rng.choice((0, 0, 1)) if kind != "wire" else 0)
            fields = dict(inc)
            fields.update({
                "weekday": day.strftime("%A"), "weekday_cap": inc["town"].upper(),
                "date_long": f"{day.day} {day:%B %Y}", "serial": f"{seed}-{inc_no}-{k}",
                "killed2": inc["killed"] + rng.randint(0, 3), "wounded2": inc["wounded"],
                "killed3": inc["killed"] * 2 + 5,
            })
            if kind == "wire":
                text, source, stype = WIRE_T.format(**fields), WIRES[rng.randrange(len(WIRES))], "news"
            elif kind == "official":
                source = OFFICIAL[rng.randrange(len(OFFICIAL))]
                text, stype = OFFICIAL_T.format(source=source, **{k2: v for k2, v in fields.items() if k2 != "source"}), "official"
            else:
                text, source, stype = CLAIM_T.format(**fields), "Claim channel", "claim"
            yield {"id": f"syn-{seed}-{written}", "text": text, "published": published.isoformat(),
                   "source": source, "source_type": stype, "incident": f"inc-{seed}-{inc['n']}"}
            written += 1


def span_for_density(n: int, docs_per_day: float, end: dt.date = dt.date(2020, 1, 1)) -> tuple[dt.date, int]:
    """(start, days) of a corpus of ``n`` documents at ``docs_per_day`` ending at ``end``: real corpora grow
    in time, not in density, so a 1M corpus at constant density spans 10x the days of a 100k one."""
    days = max(1, round(n / docs_per_day))
    return end - dt.timedelta(days=days), days


def write_synthetic(path: Path | str, n: int, seed: int = 7, docs_per_day: float | None = None) -> int:
    """Stream ``n`` synthetic documents to ``path`` (JSONL). Returns the number written.
    ``docs_per_day``: spread them over a span that keeps this density (default: the fixed two-year span)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    kw: dict[str, Any] = {}
    if docs_per_day:
        kw["start"], kw["days"] = span_for_density(n, docs_per_day)
    with path.open("w", encoding="utf-8") as fh:
        for row in iter_synthetic(n, seed, **kw):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="Write a synthetic JSONL corpus of conflict reports.")
    ap.add_argument("n", type=int, help="number of documents")
    ap.add_argument("-o", "--out", type=Path, required=True, help="output .jsonl file")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--docs-per-day", type=float, default=None,
                    help="keep this many documents per day (the span grows with N); default: a fixed two-year span")
    args = ap.parse_args(argv)
    if args.n < 0:
        print("error: n must be >= 0", file=sys.stderr)
        return 2
    if args.docs_per_day is not None and args.docs_per_day <= 0:
        print("error: --docs-per-day must be > 0", file=sys.stderr)
        return 2
    written = write_synthetic(args.out, args.n, args.seed, args.docs_per_day)
    print(f"wrote {written} documents to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
