#!/bin/bash
# usage: [CODE=/work/main] bash tools/fresh11/rp.sh DOC   (e.g. n01 or n01_maiduguri_wire.txt): prints the events compactly
CODE=${CODE:-/work/main}
f=$(ls "$(cd "$(dirname "$0")" && pwd)"/docs/$1* | head -1)
cd $CODE && PYTHONPATH=$CODE /work/main/.venv/bin/eventcoder extract "$f" -q --gazetteer "${GAZ:-six.sqlite3}" | /work/main/.venv/bin/python -c "
import json,sys
for l in sys.stdin:
    o=json.loads(l)
    print(o['event_date'], repr(o['date_text']), '|', o['country'], o['admin1'], '|', o['location'], repr(o['location_text']), o['geo_precision'], '|', o['event_type'], '/', o['sub_event_type'], '/', o['attack_type'], '|', o['actor1'], '->', o['actor2'], '| k', o['killed'], 'w', o['wounded'], 'kw', o['killed_or_wounded'], o['casualty_qualifier'], '| claimed', o['claimed'])
"
