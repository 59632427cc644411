"""CLI verb `train`: fit the learned parts on the user's own licensed gold data (owner: dedupe).

Nothing shipped is fitted on GTD/ACLED/UCDP rows (their terms forbid redistribution); a user who holds a
licensed copy trains here, and the model stays on their machine.
"""

from __future__ import annotations

from pathlib import Path

import click

EPILOG = """\b
Examples:
  eventcoder train --gold globalterrorismdb.csv          # GTD export: summaries + cited headlines (scite1-3)
  eventcoder train --gold gtd.jsonl --half 0             # fit on half of the incidents, score the other half
  eventcoder train --gold my_clusters.jsonl --format clusters --out /tmp/dedupe_model.json
  eventcoder dedupe --db events.duckdb --dedupe-model /tmp/dedupe_model.json

\b
The model is written to $EVENTCODER_HOME/dedupe_model.json (default ~/.local/share/eventcoder/) unless
--out is given; the dedupe stage (`eventcoder run`, `eventcoder dedupe`) then uses it automatically and
says so. EVENTCODER_DEDUPE_MODEL=PATH (or =shipped) overrides the choice. Delete the file to go back to
the shipped table.
"""


@click.command("train", epilog=EPILOG)
@click.option("--gold", "gold", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Your gold file: GTD (JSONL with source_citations, or CSV/XLSX with scite1-3), or a JSONL of "
                   "documents (id, text, published, source, cluster) grouped into incidents.")
@click.option("--format", "fmt", type=click.Choice(["auto", "gtd", "clusters"]), default="auto", show_default=True,
              help="Layout of --gold (auto: from its fields).")
@click.option("--half", type=click.IntRange(0, 1), default=None,
              help="Train on one half of the incidents only (split by incident id), to score the other half.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Model file to write [default: $EVENTCODER_HOME/dedupe_model.json].")
@click.option("--raw", is_flag=True,
              help="Read events straight from the text instead of running extraction (fast; for trying it out).")
@click.option("--cache", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Pickle of the extracted events: written if missing, else read (re-fit without re-extracting).")
@click.option("--c", "c", type=float, default=1.0, show_default=True, help="Inverse L2 regularisation strength.")
@click.option("--peer-pairs/--no-peer-pairs", "peer_pairs", default=None,
              help="Fit pairs of two stated-date reports and choose peer_threshold [default: yes for --format "
                   "clusters; no for GTD, whose one summary per incident makes every such pair negative].")
def train_cmd(gold: Path, fmt: str, half: int | None, out: Path | None, raw: bool, cache: Path | None, c: float,
              peer_pairs: bool | None) -> None:
    """Fit the dedupe pair scorer (log-odds table and thresholds) on your own gold data.

    Builds same-incident / different-incident document pairs from GOLD (GTD: each record's summary and its
    cited news headlines are one incident), extracts an event from each document, fits a logistic
    regression on the evidence the dedupe stage weighs (time, place, type, actors, figures, text), picks the
    link threshold by pairwise F1, and writes a model file that the dedupe stage uses from then on.
    """
    from eventcoder.errors import EventcoderError
    from eventcoder.evaluation.dedup_gold import gold_half, read_training_gold, train_model, write_model
    from eventcoder.stages.dedupe import default_model_path

    try:
        items, stats = read_training_gold(gold, fmt)
        if half is not None:
            items = gold_half(items, half)
        click.echo(f"train: {gold}: {stats['documents']} documents, {stats['clusters']} incidents, "
                   f"{stats['gold_pairs']} same-incident pairs" + (f"; half {half}: {len(items)} documents" if half is not None else ""),
                   err=True)
        model = train_model(items, pipeline=not raw, cache=cache, c=c, tune_peer=stats["format"] == "clusters" if peer_pairs is None else peer_pairs,
                            progress=lambda m: click.echo(f"train: {m}", err=True))
        path = write_model(model, out or default_model_path(), gold, stats, half)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from None
    t = model["training"]
    click.echo(f"wrote {path}: {t['pairs_used']} pairs fitted, threshold {model['threshold']}, "
               f"training pairwise F1 {t['train_pairwise_f1']}")
    if out is not None and out.expanduser().resolve() != default_model_path().resolve():
        click.echo(f"use it with: eventcoder dedupe --dedupe-model {path} (or EVENTCODER_DEDUPE_MODEL={path})")


commands: list[click.Command] = [train_cmd]
