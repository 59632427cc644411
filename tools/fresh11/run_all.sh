#!/bin/bash
# usage: CODE=/work/main OUT=/tmp/fresh11_out bash tools/fresh11/run_all.sh [--docs n01,c01] [--no-merge]
set -u
CODE=${CODE:-/work/main} OUT=${OUT:-/tmp/fresh11_out} nice python3 "$(dirname "$0")/compare.py" "$@"
