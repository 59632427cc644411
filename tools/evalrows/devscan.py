"""Licence check: any 50-char window (step 10) of a GTD/ACLED dev row's texts (text, weapon_detail, motive,
addnotes, source_citations, target_entity...) found in a tracked file of the repo tree.
usage: python tools/evalrows/devscan.py [TREE] [-v]"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

DEV = os.path.join(os.environ.get("EVENTCODER_SHARED", "../shared"), "data", "dev")

tree = next((a for a in sys.argv[1:] if not a.startswith("-")), ".")
W, STEP = 50, 10


def norm(s):
    return re.sub(r"\s+", " ", s.lower())


wins = {}
for f in ("gtd", "acled"):
    for line in open(f"{DEV}/{f}.jsonl"):
        r = json.loads(line)
        for k in (
            "text",
            "weapon_detail",
            "motive",
            "addnotes",
            "source_citations",
            "location_detail",
            "target",
        ):
            v = r.get(k)
            if not v or v == "None" or len(v) < W:
                continue
            t = norm(v)
            if k == "text" and f == "gtd":
                t = re.sub(r"^\d\d/\d\d/\d{4}: ", "", t)
            for i in range(0, len(t) - W + 1, STEP):
                wins.setdefault(t[i : i + W], r["id"] + ":" + k)
files = subprocess.run(["git", "-C", tree, "ls-files"], capture_output=True, text=True).stdout.split()
hits = {}
for fn in files:
    p = Path(tree) / fn
    try:
        s = p.read_text(encoding="utf-8")
    except Exception:
        continue
    t, idx = [], []
    prev_space = False
    for j, ch in enumerate(s.lower()):
        if ch.isspace():
            if prev_space:
                continue
            ch = " "
            prev_space = True
        else:
            prev_space = False
        t.append(ch)
        idx.append(j)
    t = "".join(t)
    for i in range(len(t) - W + 1):
        w = t[i : i + W]
        if w in wins:
            line = s.count("\n", 0, idx[i]) + 1
            hits.setdefault((fn, wins[w]), (line, w))
print(f"{len(wins)} windows; {len(files)} files; {len(hits)} hits")
for (fn, rid), (line, w) in sorted(hits.items()):
    print(f"{fn}:~{line}  {rid}  |{w}|" if "-v" in sys.argv else f"{fn}  {rid}")
