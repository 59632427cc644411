#!/bin/bash
# usage: [CODE=/work/main] [GAZ=six.sqlite3] bash tools/fresh12/rp.sh DOC   (e.g. ng01, ng01_goniri_wire.txt, or fd3 for a feed item): prints the events compactly
CODE=${CODE:-/work/main}
D="${FRESH:-$(cd "$(dirname "$0")" && pwd)}/docs"  # FRESH: another set's folder (tools/fresh13/rp.sh)
f=$(ls "$D"/$1* 2>/dev/null | head -1); only=""
if [ -z "$f" ]; then f=$(ls "$D"/*.jsonl | head -1); only=$1; fi
cd $CODE && PYTHONPATH=$CODE /work/main/.venv/bin/eventcoder extract "$f" -q --gazetteer "${GAZ:-six.sqlite3}" | ONLY="$only" /work/main/.venv/bin/python -c "
import json,sys,os
only=os.environ.get('ONLY')
for l in sys.stdin:
    o=json.loads(l)
    if only and o['doc_ids'][0]!=only: continue
    print(o['doc_ids'][0] if not only else '', o['event_date'], repr(o['date_text']), '|', o['country'], o['admin1'], '|', o['location'], repr(o['location_text']), o['geo_precision'], '|', o['event_type'], '/', o['sub_event_type'], '/', o['attack_type'], '|', o['actor1'], '->', o['actor2'], '| k', o['killed'], 'w', o['wounded'], 'kw', o['killed_or_wounded'], o['casualty_qualifier'], '| claimed', o['claimed'])
"
