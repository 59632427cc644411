"""Compare two rows files of rowdump.py: per field, rows gained/lost; -v lists them.
usage: python tools/evalrows/rowdiff.py BEFORE.rows.jsonl AFTER.rows.jsonl [-v] [--field F]"""

import json
import sys
from collections import defaultdict

args = [x for x in sys.argv[1:] if not x.startswith("-")]
verbose = "-v" in sys.argv
only = None
if "--field" in sys.argv:
    only = sys.argv[sys.argv.index("--field") + 1]


def load(f):
    d = {}
    for line in open(f):
        r = json.loads(line)
        k = r["gold_id"]
        while k in d:
            k += "+"
        d[k] = r
    return d


A, B = load(args[0]), load(args[1])


def ok(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, dict):
        for key in ("exact", "ok", "correct", "match", "acc"):
            if key in v:
                return bool(v[key])
    return None


gain, lose = defaultdict(list), defaultdict(list)
changed_pred = 0
for k in A.keys() & B.keys():
    fa, fb = A[k]["fields"] or {}, B[k]["fields"] or {}
    if A[k]["pred"] != B[k]["pred"]:
        changed_pred += 1
    for f in set(fa) | set(fb):
        if only and f != only:
            continue
        if f == "km":
            va, vb = fa.get(f), fb.get(f)
            a25 = va is not None and va <= 25
            b25 = vb is not None and vb <= 25
            if a25 != b25:
                (gain if b25 else lose)["km<=25"].append(k)
            continue
        va, vb = ok(fa.get(f)), ok(fb.get(f))
        if va is None and vb is None:
            continue
        if bool(va) != bool(vb):
            (gain if vb else lose)[f].append(k)
print(f"rows {len(A)} vs {len(B)}; predictions changed: {changed_pred}")
for f in sorted(set(gain) | set(lose)):
    print(f"{f:20s} +{len(gain[f]):4d} -{len(lose[f]):4d}")
    if verbose:
        for k in gain[f][:40]:
            print("   +", k)
        for k in lose[f][:40]:
            print("   -", k)
