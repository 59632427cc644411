#!/bin/bash
# usage: [CODE=/work/main] [GAZ=six.sqlite3] bash tools/fresh14/rp.sh DOC   (e.g. ng01, ng01_kaduna_police_blotter.txt, or fb3 for a feed item): prints the events compactly
# (tools/fresh12/rp.sh, pointed at this folder)
here="$(cd "$(dirname "$0")" && pwd)"
FRESH="$here" exec bash "$here/../fresh12/rp.sh" "$@"
