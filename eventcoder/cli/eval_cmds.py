"""CLI verbs `eval` and `bench` (owner: eval). Thin wrappers over eventcoder.evaluation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from eventcoder.cli.pipeline_cmds import existing_gazetteer
from eventcoder.errors import EventcoderError


def evaluate(
    gold: str | Path,
    *,
    fmt: str | None = None,
    limit: int | None = None,
    countries: tuple[str, ...] = (),
    seed: int | None = None,
    gazetteer: Path | None = None,
    progress: bool = False,
    ucdp_description: bool = False,
) -> tuple[dict[str, Any], list[dict[str, Any]], Any]:
    """Library entry used by the CLI and the gate test: (summary, worst errors, raw run result)."""
    from eventcoder.evaluation import gold as gold_mod
    from eventcoder.evaluation import metrics, runner
    from eventcoder.pipeline import Pipeline
    from eventcoder.settings import Settings

    all_docs = gold_mod.read_gold(gold, fmt)
    docs = gold_mod.select(all_docs, limit=limit, countries=countries, seed=seed)
    if not docs:
        if not all_docs:
            raise EventcoderError(f"{gold}: no gold records in this file (check that it is the gold export, "
                                  "or pass --format gtd|acled|ucdp|jsonl)")
        raise EventcoderError(f"{gold}: none of its {len(all_docs)} gold documents is in --country "
                              f"{','.join(countries)} (give ISO2 codes or names as the gold file writes them, "
                              "e.g. --country IQ,SY, or leave --country out)")
    pipeline = Pipeline(Settings(gazetteer_path=gazetteer, quiet=True))
    res = runner.run(docs, pipeline, progress=progress, ucdp_description=ucdp_description)
    summary = metrics.summarize(res)
    summary["category_examples"] = metrics.category_examples(res)
    return summary, metrics.worst_errors(res), res


@click.command("eval")
@click.option(
    "--gold",
    "gold",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Gold file: GTD CSV/XLSX, ACLED CSV, UCDP GED CSV or eventcoder JSONL.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["gtd", "acled", "ucdp", "jsonl"]),
    default=None,
    help="Gold layout (default: detected from the extension and columns).",
)
@click.option("--limit", type=click.IntRange(1), default=None, help="Score only N gold documents.")
@click.option(
    "--sample-seed",
    type=int,
    default=None,
    help="With --limit: a random sample drawn with this seed instead of the first N.",
)
@click.option(
    "--country",
    "countries",
    multiple=True,
    help="Only gold events in these countries (ISO2 or name; repeat or comma-separate).",
)
@click.option(
    "--report",
    "report_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write report.json, report.md, worst_errors.jsonl and PNG plots into this folder.",
)
@click.option("--gazetteer", type=click.Path(dir_okay=False, path_type=Path), default=None, callback=existing_gazetteer,
              help="Gazetteer index to use (default: $EVENTCODER_HOME/gazetteer.sqlite3).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON instead of a table.")
@click.option(
    "--ucdp-description",
    is_flag=True,
    help="UCDP GED: also give the geocoder UCDP's where_description as context "
    "(default: the location phrase and its country only, as the UCDP target is defined).",
)
@click.option(
    "--update-baseline",
    is_flag=True,
    help="Rewrite the quality-gate floors (baseline.json beside the gold file) from this run.",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Baseline file for --update-baseline/--check (default: baseline.json beside --gold).",
)
@click.option("--allow-lower", is_flag=True, help="With --update-baseline: allow floors to go down.")
@click.option(
    "--check", "check_gate", is_flag=True, help="Exit 1 when a figure falls below the baseline floors."
)
@click.option(
    "--progress/--no-progress", default=True, show_default=True, help="Show a progress bar (stderr)."
)
def eval_cmd(
    gold: Path,
    fmt: str | None,
    limit: int | None,
    sample_seed: int | None,
    countries: tuple[str, ...],
    report_dir: Path | None,
    gazetteer: Path | None,
    as_json: bool,
    ucdp_description: bool,
    update_baseline: bool,
    baseline_path: Path | None,
    allow_lower: bool,
    check_gate: bool,
    progress: bool,
) -> None:
    """Score the pipeline against human-coded gold (GTD, ACLED, UCDP GED or our JSONL).

    \b
    Each gold record's text is run through the pipeline with the record's date as publication date
    and its id as document id (GTD's leading "MM/DD/YYYY:" is stripped). Predicted and gold events are
    matched one-to-one (same document, date ±1 day, within 25 km; a prediction without coordinates
    matches by date and counts as a location error). See docs/accuracy.md.
    \b
      eventcoder eval --gold ../shared/data/dev/gtd.jsonl --limit 300 --report reports/gtd
      eventcoder eval --gold tests/gold/gold.jsonl --update-baseline
    """
    from eventcoder.evaluation import gate
    from eventcoder.evaluation.report import FIELD_LABELS, write_report

    wanted = tuple(c.strip() for arg in countries for c in arg.split(",") if c.strip())
    try:
        summary, worst, res = evaluate(
            gold,
            fmt=fmt,
            limit=limit,
            countries=wanted,
            seed=sample_seed,
            gazetteer=gazetteer,
            progress=progress,
            ucdp_description=ucdp_description,
        )
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        brief = {k: v for k, v in summary.items() if k != "category_examples"}
        click.echo(json.dumps(brief, indent=1, ensure_ascii=False, default=str))
    else:
        ev = summary["events"]

        def pct(v: float | None) -> str:
            return "-" if v is None else f"{100 * v:5.1f} %"

        click.echo(
            f"{summary['n_docs']} docs, {summary['n_gold_events']} gold events, "
            f"{summary['n_pred_events']} predicted, {summary['seconds']} s"
        )
        if summary["pipeline_errors"]:
            click.echo(f"pipeline errors (scored as no events): {summary['pipeline_errors']}")
        click.echo(
            f"{'event recall':34} {pct(ev['recall'])}   precision {pct(ev['precision'])}   F1 {pct(ev['f1'])}"
        )
        click.echo(f"{'event recall (date only)':34} {pct(ev['recall_date_only'])}")
        for k, v in summary["fields"].items():
            click.echo(f"{FIELD_LABELS.get(k, k):34} {pct(v['acc'])}   ({v['correct']}/{v['n']})")
        loc = summary["location"]
        if loc["n"]:
            click.echo(
                f"{'location median / mean error':34} {loc['median_km']} / {loc['mean_km']} km; "
                f"{loc['pred_without_coords']} of {loc['n']} without coordinates"
            )
        top = list(summary["error_categories"].items())[:8]
        if top:
            click.echo("top error categories: " + "; ".join(f"{k} ({v})" for k, v in top))
    if report_dir is not None:
        title = f"eventcoder eval: {gold.name}" + (f" (limit {limit})" if limit else "")
        files = write_report(report_dir, summary, worst, res, title)
        click.echo(f"report: {', '.join(str(f) for f in files)}", err=True)
    bpath = baseline_path or gold.parent / "baseline.json"
    if update_baseline:
        try:
            info = gate.update(bpath, summary, gate.gold_digest(gold), allow_lower=allow_lower)
        except EventcoderError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(
            f"baseline written: {bpath} ({len(info['floors'])} floors"
            + (f"; lowered: {', '.join(info['lowered'])}" if info["lowered"] else "")
            + ")",
            err=True,
        )
    elif check_gate:
        try:
            problems = gate.check(summary, gate.load(bpath), gate.gold_digest(gold))
        except EventcoderError as exc:
            raise click.ClickException(str(exc)) from None
        if problems:
            for p in problems:
                click.echo(f"gate: {p}", err=True)
            raise SystemExit(1)
        click.echo("gate: all floors hold", err=True)


@click.command("bench")
@click.argument("corpus", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--baseline/--no-baseline",
    default=True,
    show_default=True,
    help="Also time the baseline (spaCy small English NER, else dateparser + string match) on the same text.",
)
@click.option(
    "--baseline-kind",
    type=click.Choice(["auto", "spacy", "plain"]),
    default="auto",
    show_default=True,
    help="auto: spaCy if a model is installed, else plain (dateparser search_dates + gazetteer match).",
)
@click.option(
    "--repeat", type=click.IntRange(1), default=1, show_default=True, help="Runs per side; best is kept."
)
@click.option(
    "--min-docs",
    type=click.IntRange(0),
    default=None,
    help="Replicate the corpus to at least N documents (default corpus: 300).",
)
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the full results as JSON to this file.",
)
@click.option(
    "--cold-runs", type=click.IntRange(1), default=3, show_default=True, help="Cold-start runs (median)."
)
@click.option(
    "--progress/--no-progress", default=True, show_default=True, help="Show progress bars (stderr)."
)
def bench_cmd(
    corpus: tuple[Path, ...],
    baseline: bool,
    baseline_kind: str,
    repeat: int,
    min_docs: int | None,
    json_out: Path | None,
    cold_runs: int,
    progress: bool,
) -> None:
    """Time the pipeline (whole and per stage), cold start and peak RSS, beside a baseline.

    \b
    CORPUS: files or folders (default: examples/ replicated to 300 documents). Prints a Markdown
    summary for docs/benchmarks.md.
      eventcoder bench --repeat 3
      eventcoder bench reports/ --no-baseline
    """
    from eventcoder.evaluation import bench as bench_mod

    try:
        result = bench_mod.bench(
            [str(c) for c in corpus],
            repeat=repeat,
            baseline=baseline,
            baseline_kind=baseline_kind,
            min_docs=min_docs,
            progress=progress,
            cold_runs=cold_runs,
        )
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from None
    if json_out is not None:
        json_out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    click.echo(bench_mod.markdown(result), nl=False)


commands: list[click.Command] = [eval_cmd, bench_cmd]
