"""Dedupe pair check of two documents (why two reports of one incident did or did not merge).

usage: GAZ=six.sqlite3 PYTHONPATH=<tree> python tools/fresh12/pair.py DOC1 DOC2: for each cross-document pair of their
events: compatible() (blocking), the log-odds states and the pair score (links at >= threshold; two stated-date
events at >= peer_threshold, data/dedupe.json)."""
import os
import sys

from eventcoder.pipeline import Pipeline
from eventcoder.settings import Settings
from eventcoder.stages import dedupe as D
from eventcoder.stages import ingest

s = Settings(gazetteer_path=os.environ.get("GAZ", "six.sqlite3"))
p = Pipeline(s)
evs, texts = [], {}
for path in sys.argv[1:]:
    for doc in ingest.iter_documents([path]):
        texts[doc.doc_id] = doc.text
        evs.extend(p.process(doc))
cfg = D.DedupeConfig.default()
feats, tx = D._prepare(evs, cfg, texts)
for i in range(len(evs)):
    for j in range(i + 1, len(evs)):
        if evs[i].doc_ids == evs[j].doc_ids:
            continue
        a, b = feats[i], feats[j]
        comp = D.compatible(a, b, cfg)
        print(evs[i].doc_ids, evs[i].location, evs[i].event_date, "|", evs[j].doc_ids, evs[j].location, evs[j].event_date)
        print("  compatible", comp)
        if comp:
            print("  states", D._states(a, b, cfg))
            print("  score", round(D._pair_score(a, b, tx.sim(i, j), cfg), 3), "sim", round(tx.sim(i, j), 3))
