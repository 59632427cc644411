#!/bin/bash
# usage: GAZ=six.sqlite3 CODE=/work/main OUT=/tmp/fresh12_out bash tools/fresh12/run_all.sh [--docs ng01,fd1] [--no-merge] [--no-run]
set -u
export GAZ=${GAZ:-six.sqlite3}
CODE=${CODE:-/work/main} OUT=${OUT:-/tmp/fresh12_out} nice python3 "$(dirname "$0")/compare.py" "$@"
