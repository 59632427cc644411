#!/usr/bin/env python3
"""Score eventcoder on a fresh hand-coded key: tools/fresh11 (default) or the folder in $FRESH (tools/fresh12's
run_all.sh sets it). Documents: .txt with front matter, .html pages (mapped back by og:site_name), .jsonl feeds.

usage: CODE=<tree> OUT=<dir> python compare.py [--no-run] [--no-merge] [--docs n01,n02]
Runs `eventcoder extract DOCS --gazetteer $GAZ` (one call over the doc folder; events are
mapped to their doc by the `Id:` header = doc_ids[0]), matches events to key.jsonl (same doc, date within
+-1 day, then location), prints per-field scores, per-doc diffs, a merge check (`eventcoder run` of the merge
sets into a temp store) and a neutrality/evidence scan. Writes OUT/events.jsonl, OUT/scores.json, OUT/report.txt.
"""
import datetime as dt
import difflib
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict

HERE = os.environ.get("FRESH", os.path.dirname(os.path.abspath(__file__)))
CODE = os.environ.get("CODE", "/work/main")
OUT = os.environ.get("OUT", HERE + "/out")
GAZ = os.environ.get("GAZ", "six.sqlite3")  # the six-country index (gazetteer import of ../shared/gazetteer/places/whosonfirst_*.csv)
VENV = "/work/main/.venv/bin"
os.makedirs(OUT, exist_ok=True)
args = sys.argv[1:]
only = None
if "--docs" in args:
    only = set(args[args.index("--docs") + 1].split(","))

def env():
    e = dict(os.environ, PYTHONPATH=CODE, PATH=VENV + ":" + os.environ["PATH"])
    return e

def norm(s):
    if s is None:
        return ""
    s = unicodedata.normalize("NFKD", str(s)).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\((\d{4}-?\d{0,4})\)", "", s)
    s = re.sub(r"\b(al|el|ad|as|ash|at|an|ar|the|of|district|province|state|region|governorate|city|village|town)\b", " ", s)
    s = re.sub(r"[^a-z0-9]+", "", s)
    for a, b in NAME_ALIAS.items():
        s = s.replace(a, b)
    return s

# key spellings vs gazetteer spellings of the same admin1/country (not defects)
NAME_ALIAS = {"palestinianterritory": "palestine", "shabeellahahoose": "lowershabeelle", "lowerjuba": "jubbadahoose",
              "autonomousregioninmuslimmindanao": "bangsamoro", "democraticrepubliccongo": "drcongo",
              "unitedstatesmilitary": "militaryforcesunitedstates"}  # the project's two US names (extract item 8)

COUNTRY_ALIAS = {"drcongo": "democraticrepubliccongo", "congodemocraticrepublic": "democraticrepubliccongo",
                 "palestinianterritory": "palestine", "palestinianterritories": "palestine"}

def same_name(a, b, th=0.8):
    a, b = norm(a), norm(b)
    a, b = COUNTRY_ALIAS.get(a, a), COUNTRY_ALIAS.get(b, b)
    if not a or not b:
        return False
    if a == b or (len(a) >= 4 and a in b) or (len(b) >= 4 and b in a):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= th

def actor_ok(key, got):
    if key is None:
        return got is None
    if got is None:
        return False
    k, g = key.split(":")[0] if ":" in key and len(key.split(":")[0]) <= 8 else key, got
    kn = norm(re.sub(r"\(.*?\)", "", key)); gn = norm(re.sub(r"\(.*?\)", "", got))
    if same_name(key, got, 0.85):
        return True
    # abbreviation-prefixed ACLED names ("RSF: Rapid Support Forces")
    kk = norm(key.split(":", 1)[-1]); gg = norm(got.split(":", 1)[-1])
    if kk and gg and (kk == gg or kk in gg or gg in kk):
        # but the parenthesised country must agree when both give one
        kc = re.findall(r"\(([^)]*)\)", key); gc = re.findall(r"\(([^)]*)\)", got)
        if kc and gc and not any(same_name(x, y) for x in kc for y in gc):
            return False
        return True
    return False

def num_ok(key, got):
    if isinstance(key, list):
        return got in key
    return key == got

def km(a, b, c, d):
    r = math.radians
    x = math.sin(r(c - a) / 2) ** 2 + math.cos(r(a)) * math.cos(r(c)) * math.sin(r(d - b) / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1, x)))

def loc_ok(k, o):
    """True/False, and how it was judged."""
    if k["location"] is None:
        return (o.get("location") is None or True), "no-key-loc"
    if k["lat"] is not None and o.get("latitude") is not None:
        d = km(k["lat"], k["lon"], o["latitude"], o["longitude"])
        return d <= 25, f"{d:.0f}km"
    if o.get("location") is None:
        return False, "null"
    return (same_name(k["location"], o["location"]) or same_name(k["location"], o.get("location_text") or "")), "name"

def stem(d):
    return os.path.splitext(d)[0]

def load_texts():
    """doc id -> text the evidence spans index (None for HTML: ingest strips the markup, spans not checked)."""
    texts = {}
    for fn in os.listdir(os.path.join(HERE, "docs")):
        t = open(os.path.join(HERE, "docs", fn)).read()
        if fn.endswith(".jsonl"):
            for line in t.splitlines():
                if line.strip():
                    o = json.loads(line)
                    texts[o["id"]] = o["text"]
        elif fn.endswith(".html"):
            texts[stem(fn)] = None
        else:
            texts[stem(fn)] = t.split("\n\n", 1)[1]
    return texts

def html_sites():
    """og:site_name -> doc stem: HTML pages carry no Id header, so their hashed doc id is mapped back by outlet."""
    m = {}
    for fn in os.listdir(os.path.join(HERE, "docs")):
        if fn.endswith(".html"):
            g = re.search(r'og:site_name" content="([^"]+)"', open(os.path.join(HERE, "docs", fn)).read())
            if g:
                m[g.group(1)] = stem(fn)
    return m

def remap(evs):
    sites = html_sites()
    for ev in evs:
        ids = ev.get("doc_ids") or []
        only = next(iter(sites.values())) if len(sites) == 1 else None  # a merged event keeps one outlet's name
        ev["doc_ids"] = [sites.get(ev.get("source"), only or i) if i.startswith("doc:") else i for i in ids]
    return evs

def dd(a, b):
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    except Exception:
        return 99

def run_extract():
    docs = os.path.join(HERE, "docs")
    res = subprocess.run([VENV + "/eventcoder", "extract", docs, "-q", "--gazetteer", GAZ],
                         capture_output=True, text=True, env=env(), cwd=CODE)
    if res.returncode != 0:
        print("extract failed:", res.stderr[-2000:])
    with open(os.path.join(OUT, "events.jsonl"), "w") as f:
        f.write(res.stdout)

FIELDS = ["country", "admin1", "location", "date", "event_type", "sub_event_type", "attack_type", "actor1", "actor2",
          "killed", "wounded", "claimed"]

def score_pair(k, o):
    r = {}
    r["country"] = same_name(k["country"], o.get("country"))
    r["admin1"] = k["admin1"] is None or same_name(k["admin1"], o.get("admin1"), 0.75)
    r["location"] = loc_ok(k, o)[0]
    r["date"] = k.get("date_uncertain") or dd(k["event_date"], o.get("event_date")) <= 1
    r["event_type"] = k["event_type"] == o.get("event_type")
    r["sub_event_type"] = k["sub_event_type"] == o.get("sub_event_type")
    r["attack_type"] = k["attack_type"] is None or k["attack_type"] == o.get("attack_type")
    # ACLED: actor order is meaningless except VAC
    a1, a2 = actor_ok(k["actor1"], o.get("actor1")), actor_ok(k["actor2"], o.get("actor2"))
    if not (a1 and a2) and k["event_type"] not in ("Violence against civilians",) and k["actor2"] is not None:
        if actor_ok(k["actor1"], o.get("actor2")) and actor_ok(k["actor2"], o.get("actor1")):
            a1 = a2 = True
    r["actor1"], r["actor2"] = a1, a2
    r["killed"] = num_ok(k["killed"], o.get("killed"))
    r["wounded"] = num_ok(k["wounded"], o.get("wounded"))
    r["claimed"] = bool(k["claimed"]) == bool(o.get("claimed"))
    return r

def match(keys, outs):
    """Greedy: date +-1 then location; second pass: location only (date wrong). Returns pairs, unmatched outs."""
    pairs, used = [], set()
    order = sorted(range(len(keys)), key=lambda i: keys[i].get("optional", False))
    for pass_ in (1, 2):
        for i in order:
            k = keys[i]
            if any(p[0] == i for p in pairs):
                continue
            best, bs = None, -1
            for j, o in enumerate(outs):
                if j in used:
                    continue
                dok = k.get("date_uncertain") or dd(k["event_date"], o.get("event_date")) <= 1
                lok, _ = loc_ok(k, o)
                if pass_ == 1 and not dok:
                    continue
                if pass_ == 2 and not lok:
                    continue
                s = 2 * lok + (k["event_type"] == o.get("event_type")) + (k["sub_event_type"] == o.get("sub_event_type")) \
                    + 0.5 * actor_ok(k["actor1"], o.get("actor1")) + 0.2 * (dd(k["event_date"], o.get("event_date")) == 0)
                if s > bs:
                    best, bs = j, s
            if best is not None:
                used.add(best)
                pairs.append((i, best))
    return pairs, [j for j in range(len(outs)) if j not in used]

SLURS = re.compile(r"mercenar|fitna|burhan militia|kizan|rafid|nusayr|murtad|apostat|crusader|kuffar|kafir|mushrik|khawarij|khwarij|kharji|taghut|sahwa|"
                   r"sent to hell|\bhell\b|cowardly|gallant|heroe?s?\b|martyr|shahadat|neutrali[sz]|miscreant|occupier|"
                   r"\bterrorists?\b|invader|puppet|hireling|\bjunta\b|militia elements|agents of|bandit", re.I)
NORMFIELDS = ["actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "notes", "location", "admin1", "admin2", "country",
              "weapon_detail"]
EVID = ["event_date", "location", "actor1", "actor2", "killed", "wounded", "killed_or_wounded", "event_type",
        "sub_event_type", "country"]

def main():
    if "--no-run" not in args:
        run_extract()
    key = [json.loads(l) for l in open(os.path.join(HERE, "key.jsonl"))]
    outs = remap([json.loads(l) for l in open(os.path.join(OUT, "events.jsonl")) if l.strip()])
    texts = load_texts()
    by_doc_k, by_doc_o = defaultdict(list), defaultdict(list)
    for k in key:
        by_doc_k[stem(k["doc"])].append(k)
    for o in outs:
        by_doc_o[o["doc_ids"][0]].append(o)
    docs = sorted(set(by_doc_k) | set(by_doc_o))
    if only:
        docs = [d for d in docs if d in only or d.split("_")[0] in only]
    tot = defaultdict(int); n_req = n_found = n_extra = n_opt_found = 0
    lines = []
    for d in docs:
        ks, os_ = by_doc_k[d], by_doc_o[d]
        pairs, extra = match(ks, os_)
        dl = []
        matched = {i for i, _ in pairs}
        for i, k in enumerate(ks):
            if not k.get("optional"):
                n_req += 1
            if i not in matched:
                if not k.get("optional"):
                    dl.append(f"  MISSED  {k['event_date']} {k['location']} {k['event_type']}/{k['sub_event_type']} {k['actor1']} -> {k['actor2']} k={k['killed']} w={k['wounded']}")
                continue
        for i, j in pairs:
            k, o = ks[i], os_[j]
            if k.get("optional"):
                n_opt_found += 1
                continue
            n_found += 1
            r = score_pair(k, o)
            bad = [f for f in FIELDS if not r[f]]
            for f in FIELDS:
                tot[f] += r[f]
            if bad:
                show = {"country": (k["country"], o.get("country")), "admin1": (k["admin1"], o.get("admin1")),
                        "location": (k["location"], f"{o.get('location')} [{loc_ok(k, o)[1]}] '{o.get('location_text')}'"),
                        "date": (k["event_date"], f"{o.get('event_date')} '{o.get('date_text')}'"),
                        "event_type": (k["event_type"], o.get("event_type")),
                        "sub_event_type": (k["sub_event_type"], o.get("sub_event_type")),
                        "attack_type": (k["attack_type"], o.get("attack_type")),
                        "actor1": (k["actor1"], f"{o.get('actor1')} '{o.get('actor1_text')}'"),
                        "actor2": (k["actor2"], f"{o.get('actor2')} '{o.get('actor2_text')}'"),
                        "killed": (k["killed"], f"{o.get('killed')} (kw={o.get('killed_or_wounded')}, {o.get('casualty_qualifier')})"),
                        "wounded": (k["wounded"], o.get("wounded")), "claimed": (k["claimed"], o.get("claimed"))}
                dl.append(f"  EVENT {k['event_date']} {k['location']}: " + "; ".join(f"{f}: want {show[f][0]!r} got {show[f][1]}" for f in bad))
        for j in extra:
            o = os_[j]
            n_extra += 1
            dl.append(f"  EXTRA   {o.get('event_date')} {o.get('location')} '{o.get('location_text')}' {o.get('event_type')}/{o.get('sub_event_type')} {o.get('actor1')} -> {o.get('actor2')} k={o.get('killed')} w={o.get('wounded')}")
        # neutrality / evidence
        for o in os_:
            for f in NORMFIELDS:
                v = o.get(f)
                if isinstance(v, str) and SLURS.search(v):
                    dl.append(f"  SLUR/LOADED {f}={v!r}")
            ev = o.get("evidence") or {}
            t = texts.get(d, "")
            for f in EVID:
                if f == "country" and o.get(f) and f not in ev and "location" in ev:
                    continue  # country follows from the location's evidence (counted in the summary)
                if o.get(f) not in (None, "", []) and f not in ev:
                    dl.append(f"  NO-EVIDENCE {f}={o.get(f)!r} ({o.get('location')})")
            for f, span in (ev.items() if t is not None else []):
                if f in ("killed", "wounded", "location", "event_date", "actor1", "actor2") and isinstance(span, list) and len(span) == 2 and span[1] - span[0] > 250:
                    dl.append(f"  WIDE-SPAN {f}={o.get(f)!r}: evidence is {span[1]-span[0]} chars ({t[span[0]:span[0]+40]!r}...)")
                if not (isinstance(span, list) and len(span) == 2 and 0 <= span[0] <= span[1] <= len(t)):
                    dl.append(f"  BAD-SPAN {f}={span}")
        if dl:
            lines.append(f"{d}  (key {len(ks)}, got {len(os_)})")
            lines.extend(dl)
    res = {"docs": len(docs), "key_events": n_req, "found": n_found, "extra": n_extra, "optional_found": n_opt_found}
    for f in FIELDS:
        res[f] = tot[f]
    table = ["| metric | value |", "|---|---|", f"| docs | {len(docs)} |",
             f"| events found (of {n_req} required) | {n_found} ({100*n_found/max(1,n_req):.0f} %) |",
             f"| extra events (not in key; optional matches {n_opt_found} not counted) | {n_extra} |"]
    for f in FIELDS:
        name = "location <=25 km (or name when no coords)" if f == "location" else f
        table.append(f"| {name} (of found) | {tot[f]}/{n_found} ({100*tot[f]/max(1,n_found):.0f} %) |")
    merge = "" if "--no-merge" in args else merge_check(key)
    rep = "\n".join(table) + "\n\n" + merge + "\n\nPER-DOC DIFFS\n" + "\n".join(lines) + "\n"
    open(os.path.join(OUT, "report.txt"), "w").write(rep)
    json.dump(res, open(os.path.join(OUT, "scores.json"), "w"), indent=1)
    print(rep)

def merge_check(key):
    clusters = defaultdict(set)
    for k in key:
        if k.get("cluster"):
            clusters[k["cluster"]].add(k["doc"])
    # related clusters: pairs named M5a / M5b must not merge; Mn must merge
    docs = sorted({d for s in clusters.values() for d in s})
    tmp = tempfile.mkdtemp(prefix="fresh_")
    for d in docs:
        os.symlink(os.path.join(HERE, "docs", d), os.path.join(tmp, d))
    db = tempfile.mkdtemp(prefix="freshdb_") + "/s.duckdb"
    r = subprocess.run([VENV + "/eventcoder", "run", tmp, "--db", db, "--gazetteer", GAZ, "-q"], capture_output=True,
                       text=True, env=env(), cwd=CODE)
    if r.returncode != 0:
        r = subprocess.run([VENV + "/eventcoder", "run", tmp, "--db", db, "--gazetteer", GAZ], capture_output=True,
                           text=True, env=env(), cwd=CODE)
    e = subprocess.run([VENV + "/eventcoder", "export", "--db", db, "--format", "jsonl"], capture_output=True, text=True,
                       env=env(), cwd=CODE)
    evs = remap([json.loads(l) for l in e.stdout.splitlines() if l.strip()])
    out = ["MERGE CHECK (eventcoder run of %d docs; %d stored events)" % (len(docs), len(evs))]
    # cluster -> which stored events hold its key docs at the key place
    key_by_c = defaultdict(list)
    for k in key:
        if k.get("cluster"):
            key_by_c[k["cluster"]].append(k)
    ok = 0
    for c, ks in sorted(key_by_c.items()):
        hits = []
        for ev in evs:
            ids = set(ev.get("doc_ids") or [])
            if ids & {stem(k["doc"]) for k in ks} and any(loc_ok(k, ev)[0] for k in ks):
                hits.append(ev)
        docs_c = {stem(k["doc"]) for k in ks}
        merged = [ev for ev in hits if docs_c <= set(ev["doc_ids"])]
        if len(docs_c) > 1:
            good = bool(merged)
            out.append(f"  {c}: docs {sorted(docs_c)} -> {'MERGED' if good else 'NOT merged'}: " +
                       "; ".join(f"{ev['location']} {ev['event_date']} k={ev['killed']} docs={ev['doc_ids']}" for ev in hits))
            ok += good
    # different incidents must not share a stored event: each doc's key events at this place and date (+-1) give
    # the clusters it may stand for; a merged event whose docs share no cluster is a wrong merge
    for ev in evs:
        ids = list(ev.get("doc_ids") or [])
        if len(ids) < 2:
            continue
        per_doc = []
        for i in ids:
            ks = [k for k in key if stem(k["doc"]) == i]
            near = [k for k in ks if loc_ok(k, ev)[0] and (k.get("date_uncertain") or dd(k["event_date"], ev.get("event_date")) <= 1)]
            per_doc.append({k.get("cluster") or ("solo:" + i) for k in (near or ks)})
        if not set.intersection(*per_doc):
            out.append(f"  WRONG MERGE: {ev['location']} {ev['event_date']} docs={ev['doc_ids']} clusters={per_doc}")
    ok_pairs = [c for c in sorted(key_by_c) if re.fullmatch(r"M\d+[a-z]", c)]
    out.append(f"  must-not-merge clusters checked: {', '.join(ok_pairs)}")
    if r.returncode != 0:
        out.append("  run failed: " + r.stderr[-500:])
    return "\n".join(out)

if __name__ == "__main__":
    main()
