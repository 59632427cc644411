#!/bin/bash
# usage: GAZ=six.sqlite3 CODE=/work/main OUT=/tmp/fresh14_out bash tools/fresh14/run_all.sh [--docs ng01,fb1] [--no-merge] [--no-run]
# (the scorer is tools/fresh11/compare.py, pointed at this folder)
set -u
here="$(cd "$(dirname "$0")" && pwd)"
export GAZ=${GAZ:-six.sqlite3}
FRESH="$here" CODE=${CODE:-/work/main} OUT=${OUT:-/tmp/fresh14_out} nice python3 "$here/../fresh11/compare.py" "$@"
