#!/bin/bash
# The lead's full dev run, one line per gold row beside each summary (compare two commits with rowdiff.py).
# usage: CODE=<tree> OUT=<dir> DEFAULT=<default index> SIX=<six-country index> bash tools/evalrows/run.sh [gtd gtd_six acled ucdp_six geoparse dedup]
# DEFAULT = `eventcoder gazetteer build` (a copy of it); SIX = a copy + `eventcoder gazetteer import --index SIX
# ../shared/gazetteer/places/whosonfirst_*.csv`. Dev data: $EVENTCODER_SHARED (default ../shared) /data/dev.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
export PYTHONPATH=$CODE
mkdir -p "$OUT"
D=${EVENTCODER_SHARED:-../shared}/data/dev
C=AF,IQ,NG,SO,SY,YE
parts=${@:-gtd gtd_six acled ucdp_six geoparse dedup}
cd "$CODE"
for p in $parts; do
  s=$(date +%s)
  case $p in
    gtd) nice python "$here/rowdump.py" $D/gtd.jsonl "$DEFAULT" "$OUT/gtd" ;;
    gtd_six) nice python "$here/rowdump.py" $D/gtd.jsonl "$SIX" "$OUT/gtd_six" --country $C ;;
    acled) nice python "$here/rowdump.py" $D/acled.jsonl "$DEFAULT" "$OUT/acled" ;;
    ucdp_six) nice python "$here/rowdump.py" $D/ucdp_ged.jsonl "$SIX" "$OUT/ucdp_six" --country $C ;;
    geoparse) nice python tools/geo_eval.py geoparse --index "$DEFAULT" > "$OUT/geoparse.txt" 2>&1 ;;
    dedup) nice python tools/build_dedup_gold.py --pipeline > "$OUT/dedup_pipe.txt" 2>&1 ;;
  esac > "$OUT/$p.log" 2>&1
  echo "$p done in $(( $(date +%s) - s )) s" >> "$OUT/times.txt"
done
