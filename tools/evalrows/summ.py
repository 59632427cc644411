"""usage: python3 tools/evalrows/summ.py DIR [DIR...]: the headline figures of run.sh outputs side by side"""

import json
import os
import sys

DEV = os.path.join(os.environ.get("EVENTCODER_SHARED", "../shared"), "data", "dev")
ucdp_p12 = set()
for line in open(DEV + "/ucdp_ged.jsonl"):
    r = json.loads(line)
    if r.get("where_prec") in ("1", "2", 1, 2):
        ucdp_p12.add(r["id"])
gtd_spec1 = set()
for line in open(DEV + "/gtd.jsonl"):
    r = json.loads(line)
    if str(r.get("geo_specificity")) == "1":
        gtd_spec1.add(r["id"])


def within_25(rows_path, ids):
    """Share of the scored rows among ``ids`` whose point is within 25 km ("ok/n" beside it)."""
    n = ok = 0
    for line in open(rows_path):
        r = json.loads(line)
        if r["gold_id"] in ids and "km" in (r["fields"] or {}):
            n += 1
            ok += r["fields"]["km"] is not None and r["fields"]["km"] <= 25
    return f"{100 * ok / max(n, 1):.1f} ({ok}/{n})"


def f(d, k):
    v = d["fields"].get(k)
    return f"{100 * v['acc']:.1f} ({v['correct']}/{v['n']})" if v else "-"


rows = {}
for D in sys.argv[1:]:
    out = {}

    def load(n, D=D):
        p = os.path.join(D, n + ".json")
        return json.load(open(p)) if os.path.exists(p) else None

    g = load("gtd")
    if g:
        out["GTD recall"] = f"{100 * g['events']['recall']:.1f} ({g['events']['matched']})"
        for k in (
            "date_pm1",
            "country",
            "admin1",
            "acc25",
            "acc161",
            "actor1",
            "attack_type",
            "weapon_type",
            "target_type",
            "killed_exact",
            "wounded_exact",
            "killed_unstated0",
            "wounded_unstated0",
            "claimed",
        ):
            out["GTD " + k] = f(g, k)
    s = load("gtd_six")
    if s:
        out["GTD6 acc25"] = f(s, "acc25")
        out["GTD6 acc161"] = f(s, "acc161")
        out["GTD6 admin1"] = f(s, "admin1")
        out["GTD6 spec1 acc25"] = within_25(os.path.join(D, "gtd_six.rows.jsonl"), gtd_spec1)
    a = load("acled")
    if a:
        for k in (
            "event_type",
            "sub_event_type",
            "event_type_pre2019",
            "killed_exact",
            "actor1",
            "actor2",
            "country",
            "admin1",
            "acc25",
        ):
            out["ACLED " + k] = f(a, k)
    u = load("ucdp_six")
    if u:
        out["UCDP6 prec1-2 acc25"] = within_25(os.path.join(D, "ucdp_six.rows.jsonl"), ucdp_p12)
        out["UCDP6 all acc25"] = f(u, "acc25")
    rows[D] = out
keys = list(dict.fromkeys(k for o in rows.values() for k in o))
print("| figure | " + " | ".join(os.path.basename(D.rstrip("/")) for D in rows) + " |")
for k in keys:
    print(f"| {k} | " + " | ".join(rows[D].get(k, "-") for D in rows) + " |")
# confident wrong: precision 1 and > 25 km
print()
for D in sys.argv[1:]:
    out = []
    for n in ("gtd", "gtd_six", "acled", "ucdp_six"):
        p = os.path.join(D, n + ".rows.jsonl")
        if not os.path.exists(p):
            continue
        cw = 0
        for line in open(p):
            r = json.loads(line)
            km = (r["fields"] or {}).get("km")
            if km is not None and km > 25 and r["pred"] and r["pred"]["geo_precision"] == 1:
                cw += 1
        out.append(f"{n} cw {cw}")
    print(os.path.basename(D.rstrip("/")), "; ".join(out))
