"""The `eventcoder` command line. Verbs mirror the pipeline; each is a thin wrapper over a library call.

Each module here owns a group of verbs and exposes ``commands: list[click.Command]``:
  pipeline_cmds   extract, run, export
  gazetteer_cmds  gazetteer (build/import/download/missing/info), geoparse
  eval_cmds       eval, bench
  dedupe_cmds     dedupe, split
  train_cmds      train (dedupe model on the user's own gold)
  serve_cmds      serve, keys
Heavy libraries are imported inside the command functions so `eventcoder --help` stays fast.
"""

from __future__ import annotations

import click

from eventcoder import __version__
from eventcoder.cli import dedupe_cmds, eval_cmds, gazetteer_cmds, pipeline_cmds, serve_cmds, train_cmds

CREDITS = (
    "Place data: GeoNames (geonames.org, CC BY 4.0); country and admin-1 points checked against Natural Earth\n"
    "(naturalearthdata.com, public domain) and iso3166-2; sea and ocean points from Natural Earth's marine polygons\n"
    "(public domain); Who's On First (whosonfirst.org, CC0) when imported."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, message=f"eventcoder %(version)s\n{CREDITS}")
def main() -> None:
    """eventcoder: conflict reports in, coded, geocoded, source-cited events out.

    \b
    Typical use:
      eventcoder run examples/ --db eventcoder.duckdb      # ingest a folder into the store
      eventcoder export --db eventcoder.duckdb --format acled -o events.csv
      eventcoder extract report.txt --published 2017-01-02  # print JSONL events, store nothing
    """


for _module in (pipeline_cmds, gazetteer_cmds, eval_cmds, dedupe_cmds, serve_cmds, train_cmds):
    for _cmd in _module.commands:
        main.add_command(_cmd)
