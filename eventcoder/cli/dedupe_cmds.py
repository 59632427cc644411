"""CLI verbs of the dedupe stage: dedupe, split, merges (owner: dedupe)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from eventcoder.settings import DEFAULT_DB

_db = click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB,
                   show_default=True, help="DuckDB store file")


def _open(db: Path, read_only: bool = False, memory_limit: str | None = None) -> Any:
    from eventcoder.errors import EventcoderError
    from eventcoder.stages.store import Store

    if not db.exists():
        raise click.ClickException(f"{db}: no such store (run `eventcoder run INPUT --db {db}` first)")
    try:
        return Store(db, read_only=read_only, memory_limit=memory_limit)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from None


@click.command("dedupe")
@_db
@click.option("--threshold", type=float, help="merge when the pair score is at least this (default from data file)")
@click.option("--window", "window_days", type=int, help="date window in days for candidate pairs (default 2)")
@click.option("--who", default="cli", show_default=True, help="name recorded in the merges table and audit log")
@click.option("--dedupe-model", "model", default="auto", show_default=True, metavar="PATH|auto|shipped",
              help="pair scorer: a model file from `eventcoder train`; auto = $EVENTCODER_DEDUPE_MODEL, else "
                   "$EVENTCODER_HOME/dedupe_model.json when it exists, else the shipped table")
@click.option("-q", "--quiet", is_flag=True, help="No progress (date windows done) on stderr; the summary still prints.")
def dedupe_cmd(db: Path, threshold: float | None, window_days: int | None, who: str, model: str,
               quiet: bool = False) -> None:
    """Merge events that report the same incident across documents (reversible with `split`).

    `run` already does this after each ingest; run it alone after changing the threshold or the scorer.

    \b
    Examples:
      eventcoder dedupe --db eventcoder.duckdb
      eventcoder dedupe --db events.duckdb --threshold 0.8 --window 1
      eventcoder dedupe --db events.duckdb --dedupe-model my_model.json   # from `eventcoder train`
    Then: eventcoder merges --db eventcoder.duckdb
    """
    from eventcoder.cli.pipeline_cmds import DEDUPE_DB_MEMORY, _DedupeProgress
    from eventcoder.errors import EventcoderError
    from eventcoder.stages.dedupe import DedupeConfig, dedupe_store

    overrides = {k: v for k, v in (("threshold", threshold), ("window_days", window_days)) if v is not None}
    try:
        cfg = DedupeConfig.default(model=model, **overrides)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from None
    # the same DuckDB memory cap (and retry with more) as the dedupe inside `run`: memory stays flat on big stores
    progress = _DedupeProgress(quiet)  # date windows done, as run's dedupe: a bar on a terminal, else lines
    with _open(db, memory_limit=DEDUPE_DB_MEMORY) as store:
        try:
            report = dedupe_store(store, None, who=who, cfg=cfg, on_chunk=progress)
        finally:
            progress.close()
    click.echo(f"dedupe: {report['events']} events looked at, {report['candidates']} candidate pairs, "
               f"{report['clusters']} incidents merged from {report['merged']} events; pair scorer: {cfg.scorer}")


@click.command("split")
@click.argument("event_id")
@_db
@click.option("--who", default="cli", show_default=True, help="name recorded in the merges table and audit log")
def split_cmd(event_id: str, db: Path, who: str) -> None:
    """Undo the merge that produced EVENT_ID: its member events come back and are never re-merged.

    \b
    Examples:
      eventcoder merges --db eventcoder.duckdb            # find the merged event's id
      eventcoder split EVENT_ID --db eventcoder.duckdb --who analyst1
    """
    from eventcoder.errors import EventcoderError
    from eventcoder.stages.dedupe import split_merge

    with _open(db) as store:
        try:
            members = split_merge(store, event_id, who=who)
        except EventcoderError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"split {event_id}: restored {len(members)} events: {', '.join(members)}")


@click.command("merges")
@_db
@click.option("--json", "as_json", is_flag=True, help="one JSON object per merge")
def merges_cmd(db: Path, as_json: bool) -> None:
    """List the merges dedupe made (who, when, members, score, split or not).

    \b
    Examples:
      eventcoder merges --db eventcoder.duckdb
      eventcoder merges --db eventcoder.duckdb --json > merges.jsonl
    """
    from eventcoder.stages.dedupe import list_merges

    with _open(db) as store:
        rows = list_merges(store)
    if not rows:  # review U: printed nothing and exited 0, as if the command had not run
        click.echo(f"no merges recorded in {db} (`eventcoder dedupe --db {db}` makes them; `run` does unless "
                   "--no-dedupe)", err=True)
    for r in rows:
        if as_json:
            click.echo(json.dumps(r, default=str))
        else:
            click.echo(f"{r['id']}\t{r['merged_id']}\t{r['status']}\tscore={r['score']:.3f}\t{r['who']}\t"
                       f"{r['at']:%Y-%m-%d %H:%M}\t{' '.join(r['members'])}")


commands: list[click.Command] = [dedupe_cmd, split_cmd, merges_cmd]
