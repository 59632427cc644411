"""CLI verbs of the pipeline: ``extract`` (print events, store nothing), ``run`` (ingest into the store),
``export`` (write the store out). (owner: core)

Every bad input gets one line on stderr naming the file and what to do; the rest of the batch goes on.
Exit status: 0 all good, 1 some input failed (the rest was processed and stored), 2 usage error.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from eventcoder.errors import EventcoderError, InputError, ResourceMissing
from eventcoder.records import Document, Event
from eventcoder.settings import DEFAULT_DB, Settings

if TYPE_CHECKING:
    from eventcoder.pipeline import Pipeline

F = TypeVar("F", bound=Callable[..., Any])

FORMAT_CHOICES = ("jsonl", "csv", "acled", "geojson", "parquet")
SOURCE_TYPE_CHOICES = ("claim", "news", "official", "ngo", "other")


# -- shared option groups ---------------------------------------------------------------------------
def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    from eventcoder.records import DATE_ORDER_HINT, parse_published  # the one date reader

    # review U: '--published 06/01/2020 --date-order dmy' was refused, the error naming --date-order (eager, so
    # it is read first); export's --date-from/--date-to have no such flag, so their error does not name it
    order = ctx.params.get("date_order")
    try:
        return parse_published(value, order)
    except ValueError as exc:
        has_order = any(p.name == "date_order" for p in ctx.command.params)
        raise click.BadParameter(str(exc) if has_order else str(exc).replace(DATE_ORDER_HINT, "")) from None


def existing_gazetteer(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """--gazetteer FILE must exist: only the default index is built on first use (a mistyped path would
    otherwise cost a minute's build and leave a new 70 MB index there)."""
    if value is not None and not value.exists():
        raise click.BadParameter(f"{value}: no such gazetteer index (check the path, or build one there with "
                                 f"`eventcoder gazetteer build --index {value}`; leave --gazetteer out for the default)")
    if value is not None:
        from eventcoder.gazetteer.index import stale_problem

        problem = stale_problem(value)
        if problem:  # refused once here, not once per document
            raise click.ClickException(problem)
    return value


def input_options(f: F) -> F:
    """Options that describe the input documents (what a file does not say itself)."""
    f = click.option("--date-order", type=click.Choice(["dmy", "mdy"], case_sensitive=False), default=None,
                     is_eager=True,
                     help="How the input files (and --published) write numeric dates: dmy (06/01/2020 = 6 January 2020) or mdy "
                          "(= June 1). Without it such a date is left empty, with a warning (ISO YYYY-MM-DD "
                          "and month names need nothing).")(f)
    f = click.option("--max-bytes", type=click.IntRange(min=1000), default=Settings.max_bytes, show_default=True,
                     help="Read at most this many bytes of one file (larger files are cut, with a warning).")(f)
    f = click.option("--gazetteer", "gazetteer", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     callback=existing_gazetteer,
                     help="Gazetteer index file (default: $EVENTCODER_HOME/gazetteer.sqlite3; built on first use).")(f)
    f = click.option("--source-type", type=click.Choice(SOURCE_TYPE_CHOICES), default=None,
                     help="Kind of source when a document does not say: claim = the perpetrator's own media.")(f)
    f = click.option("--source", default=None, metavar="NAME",
                     help="Source (outlet) name when a document does not give one (default: the file name).")(f)
    f = click.option("--published", callback=_date, default=None, metavar="YYYY-MM-DD",
                     help="Publication date when a document does not give one; anchors 'on Tuesday' and "
                          "Hijri dates without a year. A numeric date whose day and month could swap "
                          "(06/01/2020) is refused: write YYYY-MM-DD.")(f)
    return f


FORMAT_BY_SUFFIX = {".csv": "csv", ".parquet": "parquet", ".geojson": "geojson", ".jsonl": "jsonl",
                    ".ndjson": "jsonl"}


def resolve_format(fmt: str | None, output: Path | None, default: str = "jsonl") -> str:
    """--format as given, else from the output file's extension (so `-o events.parquet` never holds
    JSONL text), else the default (stdout, or a file name without an extension). Any other extension
    (.feather, .pq, .xlsx, .json, ...) is a usage error listing the ones written: a list of what is
    written, not of what is not, so no format's name is ever filled with JSONL text."""
    if fmt:
        return fmt
    if output is not None and str(output) != "-":
        suffix = output.suffix.lower()
        if suffix and suffix not in FORMAT_BY_SUFFIX:
            raise click.UsageError(
                f"{output}: eventcoder does not write {suffix} files; name it {' '.join(FORMAT_BY_SUFFIX)}, "
                "or give --format (jsonl|csv|acled|parquet|geojson; acled is a CSV that spreadsheets open)")
        return FORMAT_BY_SUFFIX.get(suffix, default)
    return default


class _OutputFile(click.Path):
    """-o FILE; 'out/' (a folder that does not exist yet) wrote the events into a file named 'out'."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and value != "-" and value.endswith(("/", os.sep)):
            self.fail(f"{value!r} names a folder; give a file name in it, e.g. {value}events.csv", param, ctx)
        return super().convert(value, param, ctx)


def output_options(default_format: str = "jsonl", required_out: bool = False) -> Callable[[F], F]:
    """--format and -o/--output, shared by `extract` and `export`."""

    def deco(f: F) -> F:
        f = click.option("-o", "--output", "output", type=_OutputFile(dir_okay=False, path_type=Path),
                         default=None, required=required_out,
                         help="Output file ('-' or omitted: stdout; parquet needs a file).")(f)
        f = click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default=None,
                         help="jsonl/csv: the SCHEMA.md fields then the context columns (docs/exports.md); "
                              "acled: ACLED's 31 export columns; geojson: points; parquet: typed columns. "
                              f"Default: from the -o file's extension ({' '.join(FORMAT_BY_SUFFIX)}; any other "
                              f"is refused), else {default_format}.")(f)
        return f

    return deco


def quiet_option(f: F) -> F:
    return click.option("-q", "--quiet", is_flag=True, help="No progress bar and no warnings; errors still print.")(f)


def friendly_errors(f: F) -> F:
    """Turn EventcoderError into a one-line click error (exit 1) instead of a traceback."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except EventcoderError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper  # type: ignore[return-value]


def make_settings(published: dt.date | None, source: str | None, source_type: str | None,
                  gazetteer: Path | None, max_bytes: int, quiet: bool, date_order: str | None = None,
                  **kw: Any) -> Settings:
    return Settings(published=published, source=source, source_type=source_type, gazetteer_path=gazetteer,
                    max_bytes=max_bytes, quiet=quiet, date_order=date_order, **kw)


# -- reporting --------------------------------------------------------------------------------------
class Reporter:
    """Counts documents and prints one line per problem on stderr (through tqdm when a bar is shown)."""

    def __init__(self, quiet: bool, total: int | None = None, show_bar: bool | None = None) -> None:
        self.quiet = quiet
        self.counts: Counter[str] = Counter()
        self.failed_paths: list[str] = []
        # what the end-of-run summary repeats (the first few of each): why inputs failed, which had no events
        self.failures: list[str] = []
        self.without_events: list[str] = []
        show = (not quiet and sys.stderr.isatty()) if show_bar is None else show_bar
        self.bar: Any = None
        if show:
            import shutil

            from tqdm import tqdm

            cols = shutil.get_terminal_size((100, 24)).columns or 100  # 0 in some pseudo-terminals
            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, ncols=min(cols, 120), smoothing=0.1)
        # Without a bar (stderr not a terminal: logs, batch jobs) a progress line every PROGRESS_SECONDS instead.
        self.total = total
        self.log_progress = not quiet and self.bar is None and show_bar is None
        self.started = self.last_log = time.monotonic()
        self.done = 0

    def _emit(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)

    def error(self, err: Exception) -> None:
        self.counts["failed"] += 1
        if isinstance(err, InputError):
            self.failed_paths.append(err.path)
        if len(self.failures) < SUMMARY_NAMES:
            self.failures.append(str(err))
        self._emit(f"error: {err}")
        self.tick()

    def warning(self, err: Exception) -> None:
        self.counts["warnings"] += 1
        if isinstance(err, InputError) and err.problem == NO_EVENTS and len(self.without_events) < SUMMARY_NAMES:
            self.without_events.append(err.path)  # (both engines warn so; the summary names the first few)
        if not self.quiet:
            self._emit(f"warning: {err}")

    def tick(self) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
        elif self.log_progress and time.monotonic() - self.last_log >= PROGRESS_SECONDS:
            self.last_log = now = time.monotonic()
            self._emit(progress_line(self.done, self.total, now - self.started))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


PROGRESS_SECONDS = 30.0
NO_EVENTS = "no events found"
SUMMARY_NAMES = 5  # failed inputs / documents without events the summary names (the rest are counted)


def progress_line(done: int, total: int | None, seconds: float, what: str = "documents", per: str = "docs",
                  head: str = "progress") -> str:
    """'progress: 1,200 of 10,000 documents (12%), 40.0 docs/s, ETA 3 min 40 s' (no ETA without a total)."""
    rate = done / seconds if seconds > 0 else 0.0
    line = f"{head}: {done:,}" + (f" of {total:,} {what} ({100 * done / total:.0f}%)" if total else f" {what}")
    line += f", {rate:.1f} {per}/s"
    if total and rate > 0 and done < total:
        left = int((total - done) / rate)
        line += f", ETA {left // 3600} h {left % 3600 // 60} min" if left >= 3600 else f", ETA {left // 60} min {left % 60} s"
    return line


class _DedupeProgress:
    """Progress of the store-level dedupe, one step per date window (at 1M documents it ran 38 min with no
    word): a bar on a terminal, else a line every PROGRESS_SECONDS and at the end; nothing with --quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = not quiet and sys.stderr.isatty()
        self.bar: Any = None
        self.started = self.last = time.monotonic()
        self.started_dedupe = False  # (Ctrl-C: say whether `eventcoder dedupe` is needed to finish)

    def __call__(self, done: int, total: int) -> None:
        self.started_dedupe = True
        if self.quiet or not total:  # (0, 0): the dask engine saying that its dedupe begins
            return
        if self.tty:
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=total, unit="window", desc="dedupe", file=sys.stderr, smoothing=0.1)
            self.bar.update(done - self.bar.n)
            return
        now = time.monotonic()
        if now - self.last >= PROGRESS_SECONDS or done == total:
            self.last = now
            click.echo(progress_line(done, total, now - self.started, "date windows", "windows", "dedupe"), err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _say_dedupe_starts(unjudged: int, t0: float, quiet: bool) -> None:
    """The line before run's store-level dedupe (both engines): why it dedupes when nothing new was stored."""
    if unjudged and not quiet:
        click.echo(f"{unjudged} stored event(s) not yet judged by dedupe (an earlier dedupe was interrupted "
                   "or skipped): deduplicating the store...", err=True)
    elif not quiet:
        click.echo(f"ingest done in {time.perf_counter() - t0:.1f} s; deduplicating the store...", err=True)


def _doc_name(doc: Document) -> str:
    if doc.path and not doc.doc_id.startswith("doc:"):  # a row of a table: name its id too
        return f"{doc.path} [id {doc.doc_id}]"
    return doc.path or doc.doc_id


# Characters on one line past which a report is said to be slow before it is read: a passage with no line
# breaks costs more than its length (one-line reports of 250 KB / 500 KB: 14 / 27 s CPU; 1 MB minutes, 20 MB
# most of an hour: docs/ui.md, session 12), and nothing was printed meanwhile.
LONG_LINE = 1_000_000


def longest_line(text: str) -> int:
    longest = start = 0
    while (end := text.find("\n", start)) >= 0:
        longest, start = max(longest, end - start), end + 1
    return max(longest, len(text) - start)


def process_documents(
    docs: Iterable[Document], pipeline: Pipeline, rep: Reporter
) -> Iterator[tuple[Document, list[Event]]]:
    """(prepared document, events) for each document; a failing document is reported and skipped."""
    for doc in docs:
        rep.counts["read"] += 1
        if len(doc.text) > LONG_LINE and (line := longest_line(doc.text)) > LONG_LINE:
            rep.warning(InputError(_doc_name(doc), f"a line of {line / 1e6:.1f} million characters with no line "
                                   "break: one passage this long takes minutes per million characters to read",
                                   "if it holds many reports, put each on its own line or paragraph"))
        try:
            events = pipeline.process(doc)
        except ResourceMissing:
            raise
        except EventcoderError as exc:
            rep.counts["failed_after_read"] += 1
            rep.error(InputError(_doc_name(doc), str(exc), "see the message; the rest of the batch goes on"))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch of thousands
            rep.counts["failed_after_read"] += 1
            rep.error(InputError(_doc_name(doc), f"internal error {type(exc).__name__}: {exc}",
                                 "please report this with the file"))
            continue
        if not events:
            rep.counts["no_events"] += 1
            rep.warning(InputError(_doc_name(doc), NO_EVENTS,
                                   "is it a conflict report? check --published and --source-type"))
        yield pipeline.prepare(doc), events


def _documents(paths: Iterable[str | Path], settings: Settings, rep: Reporter,
               own: Iterable[Path] = ()) -> Iterator[Document]:
    """The documents under ``paths``; ``own``: this command's own files (its store, its output), passed over
    when a folder walk meets them (`eventcoder run .` with the store in that folder)."""
    from eventcoder.stages.ingest import iter_documents

    return iter_documents(paths, settings, rep.error, rep.warning, exclude=own)


def _progress_total(paths: Iterable[str | Path], quiet: bool, own: Iterable[Path] = ()) -> int | None:
    if quiet or any(str(p) == "-" for p in paths):
        return None
    from eventcoder.stages.ingest import count_documents

    return count_documents(paths, own)


class _UntilInterrupted:
    """Iterates ``items`` until Ctrl-C, which ends the input instead of the command, so that the writer closes
    its file properly: `extract -o x.geojson` stopped with 'Aborted!' (exit 1) left a GeoJSON without its closing
    brackets and a Parquet file without the rows written so far."""

    def __init__(self, items: Iterable[Event]) -> None:
        self.items, self.interrupted = items, False

    def __iter__(self) -> Iterator[Event]:
        try:
            yield from self.items
        except KeyboardInterrupt:
            self.interrupted = True


def _write_interruptible(export: Callable[..., Any], items: _UntilInterrupted, fmt: str, target: Path | None) -> Any:
    try:
        return export(items, fmt, target)
    except KeyboardInterrupt:  # (inside the writer itself: rare, reading the events takes the time)
        click.echo(f"\ninterrupted while writing{f' {target}' if target else ''}: the output may be cut off; run "
                   "the command again", err=True)
        raise SystemExit(130) from None


def _say_interrupted(after: str, target: Path | None, fmt: str, written: int) -> None:
    where = f"{target} holds {written:,} event(s), a complete {fmt} file" if target else f"{written:,} event(s) written"
    click.echo(f"\ninterrupted{' ' + after if after else ''}: {where}; run the command again for all of them",
               err=True)
    raise SystemExit(130)


# -- extract ----------------------------------------------------------------------------------------
EXTRACT_HELP = """Extract events from reports and print them (nothing is stored).

\b
PATH is a file or folder (read recursively): .txt, .html, .jsonl, .csv, .tsv (also .jsonl.gz .csv.gz .tsv.gz),
.parquet, .xlsx, or - for stdin. The -o file and eventcoder's own exports met in a folder are not read.
Ctrl-C stops it with exit status 130, leaving -o a complete file of the events extracted so far.
Output is one JSON object per event per line: the SCHEMA.md fields, then the context columns (docs/exports.md).

\b
Examples:
  eventcoder extract examples/is_weekly_roundup.txt
  eventcoder extract report.txt --published 2017-01-05 --source-type claim
  eventcoder extract reports/ --format acled -o events.csv
  cat report.txt | eventcoder extract - --published 2017-01-05
"""


@click.command("extract", help=EXTRACT_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@input_options
@output_options()
@quiet_option
@friendly_errors
def extract_cmd(paths: tuple[str, ...], published: dt.date | None, source: str | None, source_type: str | None,
                gazetteer: Path | None, max_bytes: int, date_order: str | None, fmt: str | None, output: Path | None,
                quiet: bool) -> None:
    from eventcoder.pipeline import Pipeline
    from eventcoder.stages.export import export

    settings = make_settings(published, source, source_type, gazetteer, max_bytes, quiet, date_order)
    pipeline = Pipeline(settings)
    own = [] if output is None or str(output) == "-" else [output]
    rep = Reporter(quiet, _progress_total(paths, quiet, own))

    def events() -> Iterator[Event]:
        for _doc, evs in process_documents(_documents(paths, settings, rep, own), pipeline, rep):
            rep.tick()
            yield from evs

    target = None if output is None or str(output) == "-" else output
    items = _UntilInterrupted(events())
    try:
        fmt = resolve_format(fmt, output)
        res = _write_interruptible(export, items, fmt, target)
    finally:
        rep.close()
    if items.interrupted:
        _say_interrupted(f"after {rep.counts['read']:,} document(s)", target, fmt, res.written)
    if res.skipped:
        click.echo(f"note: {res.skipped} event(s) without coordinates left out of the GeoJSON", err=True)
    if output is not None and str(output) != "-" and not quiet:
        click.echo(f"wrote {res.written} event(s) to {output} ({fmt})", err=True)
    if rep.counts["failed"]:
        raise SystemExit(1)


# -- run --------------------------------------------------------------------------------------------
RUN_HELP = """Ingest reports into the event store: extract, geocode, store, deduplicate.

\b
PATH: as for `eventcoder extract` (.txt .html .jsonl .csv .tsv .parquet .xlsx, .jsonl.gz ...; folders
recursively; the --db store and exports met in a folder are not read).
Documents already in the store (same content hash) are skipped, so an interrupted run can simply be
started again. Documents are stored with their events in batches, one transaction each (at least
every few seconds), so a crash loses at most the last few seconds of work. At the end a summary
table is printed. Exit status 1 when some input failed (the rest is stored); 130 when interrupted
(Ctrl-C: run it again to resume, or, if it stopped while deduplicating, `eventcoder dedupe --db DB`).

\b
Examples:
  eventcoder run examples/ --db eventcoder.duckdb
  eventcoder run feed.jsonl --db events.duckdb --published 2017-01-05 --no-dedupe
  eventcoder run corpus/ --db events.duckdb --engine dask --scheduler tcp://10.0.0.5:8786
Then: eventcoder export --db eventcoder.duckdb --format acled -o events.csv
"""


@click.command("run", help=RUN_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path(DEFAULT_DB), show_default=True,
              help="DuckDB store file (created if missing).")
@click.option("--no-dedupe", is_flag=True, help="Skip cross-report deduplication after ingest.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: one process; dask: partitions across Dask workers (needs eventcoder[scale]).")
@click.option("--scheduler", default=None, metavar="ADDR",
              help="Dask scheduler address (tcp://host:8786); default: a LocalCluster on this machine.")
@input_options
@quiet_option
@friendly_errors
def run_cmd(paths: tuple[str, ...], db: Path, no_dedupe: bool, engine: str, scheduler: str | None,
            published: dt.date | None, source: str | None, source_type: str | None, gazetteer: Path | None,
            max_bytes: int, date_order: str | None, quiet: bool) -> None:
    from eventcoder.stages.store import Store, store_files

    settings = make_settings(published, source, source_type, gazetteer, max_bytes, quiet, date_order,
                             dedupe=not no_dedupe)
    pipeline: Pipeline | None = None
    if engine == "local":
        from eventcoder.pipeline import Pipeline

        pipeline = Pipeline(settings)
        pipeline.gazetteer  # noqa: B018 - open (or build, first time) before the clock starts; fails fast
    t0 = time.perf_counter()
    dedupe_report: dict[str, Any] | None = None  # (the dask engine dedupes itself and returns its report)
    if engine == "dask":
        rep = Reporter(quiet, show_bar=False)
        try:
            from eventcoder.scale.dask_engine import run_dask
        except ImportError as exc:
            raise click.ClickException(
                f"the dask engine is not available ({exc}); install it with pip install -e '.[scale]'") from None
        progress = _DedupeProgress(quiet)
        try:
            result = run_dask(list(paths), settings, str(db), scheduler, on_error=rep.error,
                              on_warning=rep.warning, on_dedupe=progress,
                              on_dedupe_start=lambda unjudged: _say_dedupe_starts(unjudged, t0, quiet))
        except KeyboardInterrupt:  # as the local engine: a rerun stores nothing new, so it would not dedupe
            progress.close()
            if progress.started_dedupe:
                click.echo(f"\ninterrupted while deduplicating; every document is stored, and each date chunk's "
                           f"merges are whole or absent. Finish with: eventcoder dedupe --db {db}", err=True)
            else:
                click.echo("\ninterrupted; every stored document is complete. Run the same command again to "
                           "resume (stored documents are skipped).", err=True)
            raise SystemExit(130) from None
        progress.close()
        if isinstance(result, dict):  # the engine's counts (rep.error counted the failures too: set, not add)
            rep.counts.update({k: int(v) - rep.counts[k] for k, v in result.items() if isinstance(v, int)})
            dedupe_report = result.get("dedupe") if isinstance(result.get("dedupe"), dict) else None
    else:
        rep = Reporter(quiet, _progress_total(paths, quiet, store_files(db)))
        with Store(db, memory_limit=RUN_DB_MEMORY) as store:
            try:
                _run_local(paths, settings, store, rep, pipeline, own=store_files(db))
            except KeyboardInterrupt:
                click.echo(f"\ninterrupted after {rep.counts['stored']} stored document(s); every stored document "
                           "is complete. Run the same command again to resume (stored documents are skipped).",
                           err=True)
                raise SystemExit(130) from None
        # an input the ingest stage refused (empty, binary, a broken line) was never counted as read: count it, so
        # that read = stored + skipped + failed in the summary (it said read 17, stored 17, failed 1)
        rep.counts["read"] += rep.counts["failed"] - rep.counts["failed_after_read"]
    if pipeline is not None:  # free the gazetteer and extraction caches before the store-level dedupe
        gz = getattr(pipeline, "_gazetteer", None)
        if gz is not None:
            gz.close()
        pipeline = None
        gc.collect()
    with Store(db, memory_limit=DEDUPE_DB_MEMORY) as store:
        # Dedupe when this run stored something new, or when stored events were never judged (a dedupe
        # interrupted with Ctrl-C, runs with --no-dedupe): otherwise a re-run over stored input changes nothing.
        unjudged = 0
        if not no_dedupe and engine == "local" and rep.counts["stored"] == 0:
            from eventcoder.stages.dedupe import unjudged_events

            unjudged = unjudged_events(store)
        if not no_dedupe and engine == "local" and (rep.counts["stored"] > 0 or unjudged):
            from eventcoder.stages.dedupe import dedupe_store

            _say_dedupe_starts(unjudged, t0, quiet)
            try:
                progress = _DedupeProgress(quiet)
                try:  # out of memory: retried chunk by chunk inside
                    dedupe_report = dict(dedupe_store(store, settings, on_chunk=progress))
                finally:
                    progress.close()
            except KeyboardInterrupt:  # (a rerun dedupes what was left unjudged; `eventcoder dedupe` does too)
                click.echo(f"\ninterrupted while deduplicating; every document is stored, and each date chunk's "
                           "merges are whole or absent (the same command again also dedupes what is left). "
                           f"Finish with: eventcoder dedupe --db {db}", err=True)
                raise SystemExit(130) from None
        summary = store.summary()
        summary["schema_version"] = store.schema_version
    elapsed = time.perf_counter() - t0
    _print_summary(rep, summary, dedupe_report, db, elapsed)
    if rep.counts["failed"]:
        raise SystemExit(1)


# Documents are committed in batches: one DuckDB transaction (and one fsync) per document cost more than
# extracting it. A batch grows 1, 2, 4, ... up to RUN_BATCH_DOCS, and is committed at least every
# RUN_BATCH_SECONDS, so a crash loses at most a few seconds of work (re-running redoes it).
RUN_BATCH_DOCS = 1000
RUN_BATCH_CHARS = 8_000_000  # a batch is also committed once its texts reach this size (fits RUN_DB_MEMORY)
RUN_BATCH_SECONDS = 3.0
# DuckDB's buffer cache during `run` (EVENTCODER_DB_MEMORY overrides): without a cap it keeps every block the
# run wrote or scanned (≈ 0.3 KB per stored document), so memory would grow with the store. Both phases need
# little: a batch or dedupe chunk that needs more is retried with a bigger cap by one policy
# (Store.with_more_memory: 4x, at most 3 times, never above 4 GiB; the cap is set back afterwards).
RUN_DB_MEMORY = "48MB"
DEDUPE_DB_MEMORY = "48MB"
LOOKAHEAD_DOCS = 256  # documents checked against the store with one query


class _BatchWriter:
    """Buffers (document, events) and stores them with ``Store.add_batch``, one transaction per batch."""

    def __init__(self, store: Any, rep: Reporter, max_docs: int | None = None,
                 max_seconds: float | None = None) -> None:
        self.store = store
        self.rep = rep
        self.max_docs = RUN_BATCH_DOCS if max_docs is None else max_docs
        self.max_seconds = RUN_BATCH_SECONDS if max_seconds is None else max_seconds
        self.size = 1
        self.pending: list[tuple[Document, list[Event]]] = []
        self.pending_chars = 0
        self.last = time.monotonic()

    def add(self, doc: Document, events: list[Event]) -> None:
        self.pending.append((doc, events))
        self.pending_chars += len(doc.text)
        if (len(self.pending) >= self.size or self.pending_chars >= RUN_BATCH_CHARS
                or time.monotonic() - self.last >= self.max_seconds):
            self.flush()

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        self.pending_chars = 0
        self.last = time.monotonic()
        self.size = min(self.size * 2, self.max_docs)
        if not batch:
            return
        try:
            results = self.store.add_batch(batch)
        except EventcoderError:  # one bad document (an id stored with other content): find it, store the rest
            results = []
            for doc, events in batch:
                try:
                    results.append(self.store.add_document(doc, events))
                except EventcoderError as exc:  # the message starts with the file: name it once, with the row id
                    problem = str(exc).removeprefix(f"{doc.path or doc.doc_id}: ")
                    self.rep.counts["failed_after_read"] += 1
                    self.rep.error(InputError(_doc_name(doc), problem, "the rest of the batch is stored"))
                    results.append(None)
        for (_doc, events), ok in zip(batch, results, strict=True):
            if ok is None:
                continue  # reported (and ticked) above
            if ok:
                self.rep.counts["stored"] += 1
                self.rep.counts["events"] += len(events)
            else:
                self.rep.counts["skipped"] += 1
            self.rep.tick()


def _run_local(paths: Iterable[str], settings: Settings, store: Any, rep: Reporter,
               pipeline: Pipeline | None = None, own: Iterable[Path] = ()) -> None:
    from eventcoder.pipeline import Pipeline

    live = rep
    pipeline = pipeline or Pipeline(settings)
    def skipped(_doc: Document) -> None:
        live.counts["read"] += 1
        live.counts["skipped"] += 1
        live.tick()

    fresh_documents = store.unstored(_documents(paths, settings, live, own), skipped, chunk=LOOKAHEAD_DOCS)
    writer = _BatchWriter(store, live)
    try:
        for doc, events in process_documents(fresh_documents, pipeline, live):
            writer.add(doc, events)
        writer.flush()
    except KeyboardInterrupt:
        writer.flush()  # every document processed so far is complete: keep it
        raise
    finally:
        live.close()


def _table(title: str, rows: list[tuple[str, Any]]) -> list[str]:
    width = max([len(str(k)) for k, _ in rows] + [len(title)])
    out = [title, "-" * (width + 10)]
    out += [f"{str(k):<{width}}  {v:>8}" for k, v in rows]
    return out


def _dedupe_line(report: dict[str, Any], db: Path) -> str:
    """The dedupe stage's report in an analyst's words: how many events were folded into how many."""
    merged, clusters = int(report.get("merged") or 0), int(report.get("clusters") or 0)
    scorer = f"; scorer: {report['model']}" if report.get("model") else ""
    if not merged:  # (report["events"] counts an event once per date window it falls in: not shown as a count)
        return f"duplicates: none found{scorer}"
    return (f"duplicates: {merged:,} events reported the same {clusters:,} incident(s) and were merged into "
            f"{clusters:,} ({merged - clusters:,} fewer events; each merged event lists every report{scorer}; "
            f"`eventcoder merges --db {db}` lists them, `eventcoder split EVENT_ID --db {db}` undoes one)")


def _first_few(title: str, names: list[str], total: int, more_note: str = "") -> list[str]:
    """A summary section naming the first few of ``total`` (failed inputs, documents without events)."""
    if not names:
        return []
    out = [title, *(f"  {name}" for name in names)]
    if total > len(names):
        out.append(f"  ... and {total - len(names):,} more{more_note}")
    return out


def _print_summary(rep: Reporter, summary: dict[str, Any], dedupe_report: dict[str, Any] | None, db: Path,
                   elapsed: float) -> None:
    c = rep.counts
    read = c["read"]
    rate = read / elapsed if elapsed > 0 else 0.0
    lines = ["", "summary", "=" * 7]
    lines += _table("documents", [
        ("read", read), ("stored", c["stored"]), ("skipped (already stored)", c["skipped"]),
        ("failed", c["failed"]), ("without events", c["no_events"]), ("events stored this run", c["events"]),
    ])
    lines.append(f"{read:,} document(s) in {_duration(elapsed)} ({rate:.1f} docs/s)")
    if c["skipped"]:
        lines.append(f"skipped: {c['skipped']:,} document(s) already in the store (same text), not stored twice")
    if dedupe_report is not None:
        lines.append(_dedupe_line(dedupe_report, db))
    lines += _first_few(f"failed: {c['failed']:,} input(s) not stored; fix them and run the same command again "
                        "(stored documents are skipped):", rep.failures, c["failed"], " (each printed above as 'error:')")
    lines += _first_few(f"without events: {c['no_events']:,} document(s) stored, but no conflict event found in them "
                        "(not a conflict report? check --published and --source-type):", rep.without_events,
                        c["no_events"])
    lines.append("")
    lines += _table(f"events in store ({summary['events']:,}) by country", summary["by_country"][:15] or [("(none)", 0)])
    lines.append("")
    lines += _table("events by type", summary["by_type"][:15] or [("(none)", 0)])
    lines.append("")
    lines.append(f"store: {db.resolve()}  ({_count(summary['documents'], 'document')}, "
                 f"{_count(summary['events'], 'event')})")
    if isinstance(summary.get("schema_version"), int) and summary["schema_version"] < 2:
        lines.append(f"note: this store has the older schema {summary['schema_version']} (its memory grows with its "
                     f"size); `eventcoder upgrade-store --db {db}` rewrites it (back it up first)")
    if rep.failed_paths and not rep.failures:
        lines.append(f"failed: {len(rep.failed_paths)} input(s); fix them and run again (stored documents are skipped)")
    if summary["events"]:
        lines.append(f"next: eventcoder export --db {db} --format acled -o events_acled.csv   "
                     "# a CSV in ACLED's columns (also --format csv|parquet|geojson)")
        lines.append(f"      eventcoder keys create --role analyst --db {db} && eventcoder serve --db {db}   "
                     "# review on a map: http://127.0.0.1:8000/")
    elif not summary["documents"]:
        lines.append("next: nothing is stored yet; give `run` files or folders of reports (see `eventcoder run --help`)")
    click.echo("\n".join(lines))


def _count(n: int, word: str) -> str:
    """'1 event', '1,664 events'."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _duration(seconds: float) -> str:
    """'16.1 s', '3 min 05 s', '2 h 04 min'."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    s = int(round(seconds))
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"


# -- export -----------------------------------------------------------------------------------------
EXPORT_HELP = """Write the events in a store to a file (or stdout).

\b
Examples:
  eventcoder export --db eventcoder.duckdb --format acled -o events_acled.csv
  eventcoder export --db eventcoder.duckdb --format geojson -o events.geojson --country Iraq
  eventcoder export --db eventcoder.duckdb --format parquet -o events.parquet --date-from 2017-01-01
  eventcoder export --db eventcoder.duckdb --bbox 38,32,48,38 --claimed
"""


def _bbox(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[float, ...] | None:
    if value is None:
        return None
    try:
        parts = tuple(float(x) for x in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4:
        raise click.BadParameter("give west,south,east,north in degrees, e.g. 38,32,48,38")
    return parts


@click.command("export", help=EXPORT_HELP)
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path(DEFAULT_DB), show_default=True,
              help="DuckDB store to read.")
@output_options()
@click.option("--date-from", callback=_date, default=None, metavar="YYYY-MM-DD", help="Events on or after.")
@click.option("--date-to", callback=_date, default=None, metavar="YYYY-MM-DD", help="Events on or before.")
@click.option("--country", default=None, help="Country name, e.g. Iraq.")
@click.option("--iso", default=None, help="ISO 3166-1 alpha-2 code, e.g. IQ (alpha-3 IRQ and numeric 368 are read as IQ).")
@click.option("--admin1", default=None, help="First-level division, e.g. Nineveh.")
@click.option("--actor", default=None, help="Substring of actor1/actor2/associated actors.")
@click.option("--event-type", default=None, help="ACLED event type, e.g. Battles.")
@click.option("--claimed/--not-claimed", default=None, help="Only events from perpetrator claims (or only not).")
@click.option("--review-status", type=click.Choice(["proposed", "approved", "rejected"]), default=None, help="Only events with this review status.")
@click.option("--bbox", callback=_bbox, default=None, metavar="W,S,E,N", help="Bounding box in degrees.")
@click.option("--needs-review/--no-needs-review", default=None,
              help="Only events that need review (still proposed, and no coordinates, only province-level ones or a "
                   "confidence below --review-confidence), or only those that do not; unset: all (docs/ui.md).")
@click.option("--review-confidence", type=click.FloatRange(0, 1), default=None,
              help="With --needs-review/--no-needs-review: the confidence cut-off. Default: "
                   "$EVENTCODER_REVIEW_CONFIDENCE, else 0.9 (as `eventcoder serve`).")
@click.option("--include-merged", is_flag=True, help="Also export events merged into another by dedupe.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most N events.")
@quiet_option
@friendly_errors
def export_cmd(db: Path, fmt: str | None, output: Path | None, date_from: dt.date | None, date_to: dt.date | None,
               country: str | None, iso: str | None, admin1: str | None, actor: str | None,
               event_type: str | None, claimed: bool | None, review_status: str | None,
               bbox: tuple[float, float, float, float] | None, needs_review: bool | None,
               review_confidence: float | None, include_merged: bool, limit: int | None, quiet: bool) -> None:
    from eventcoder.stages.export import export
    from eventcoder.stages.store import Store, review_confidence_setting

    if review_confidence is not None and needs_review is None:
        raise click.UsageError("--review-confidence sets the cut-off of --needs-review/--no-needs-review: give one "
                               "of those too (without them every event is exported)")

    filters: dict[str, Any] = {
        "date_from": date_from.isoformat() if date_from else None,
        "date_to": date_to.isoformat() if date_to else None,
        "country": country, "iso": iso, "admin1": admin1, "actor": actor, "event_type": event_type,
        "claimed": claimed, "review_status": review_status, "bbox": bbox, "include_merged": include_merged,
        "needs_review": needs_review,
        "review_confidence": None if needs_review is None else review_confidence_setting(review_confidence),
    }
    filters = {k: v for k, v in filters.items() if v is not None}
    if iso is not None and (iso2 := _iso2(iso)) != iso:  # `--iso IRQ` matched nothing, with no word why
        filters["iso"] = iso2
        if not quiet:
            click.echo(f"note: --iso {iso} read as --iso {iso2} (the stored codes are ISO 3166-1 alpha-2)", err=True)
    if date_from and date_to and date_from > date_to:
        raise click.UsageError(f"--date-from {date_from} is after --date-to {date_to}: nothing can match; swap them")
    hints: list[str] = []
    target = None if output is None or str(output) == "-" else output
    with Store(db, read_only=True) as store:
        fmt = resolve_format(fmt, output)
        items = _UntilInterrupted(store.iter_events(limit=limit, **filters))
        res = _write_interruptible(export, items, fmt, target)
        if items.interrupted:
            _say_interrupted("", target, fmt, res.written)
        held = store.count_events() if res.written == 0 and limit != 0 else None
        for name in ("country", "admin1", "event_type") if held else ():  # a name filter that alone matches
            value = filters.get(name)                                       # nothing: the stored spellings
            if isinstance(value, str) and not store.count_events(**{name: value}):
                hints += [f"--{name.replace('_', '-')} {v!r}" for v in store.close_values(name, value)]
    if held == 0:
        click.echo(f"note: {db} holds no events yet (`eventcoder run PATH --db {db}` stores some)", err=True)
    elif held:
        given = " ".join(_flag(k, v) for k, v in filters.items() if k not in ("include_merged", "review_confidence"))
        click.echo(f"note: none of the {held} stored events matches {given} (names are matched whole, in any case, "
                   f"e.g. --country Iraq --iso IQ; `eventcoder export --db {db} --format csv` lists them all)"
                   + (f"; did you mean {' or '.join(hints)}?" if hints else ""), err=True)
    if res.skipped:
        click.echo(f"note: {res.skipped} event(s) without coordinates left out of the GeoJSON", err=True)
    if output is not None and str(output) != "-" and not quiet:
        click.echo(f"wrote {res.written} event(s) to {output} ({fmt})", err=True)


def _iso2(code: str) -> str:
    """The alpha-2 code of an alpha-3 or numeric ISO 3166-1 code ('IRQ', '368' -> 'IQ'); others unchanged."""
    from eventcoder.stages.export import regions

    key = code.strip().upper()
    if len(key) == 2:
        return code
    for iso2, row in regions().items():
        if key == str(row.get("iso3") or "").upper() or (key.isdigit() and key.lstrip("0") == str(
                row.get("iso_numeric") or "").lstrip("0")):
            return iso2
    return code


def _flag(name: str, value: Any) -> str:
    """A filter as the user typed it (for messages)."""
    if isinstance(value, bool):
        return f"--{'' if value else ('no-' if name == 'needs_review' else 'not-')}{name.replace('_', '-')}"
    if isinstance(value, tuple):
        value = ",".join(f"{v:g}" for v in value)
    return f"--{name.replace('_', '-')} {value}"


UPGRADE_HELP = """Rewrite a store made by an older eventcoder in the current schema (same rows).

Stores written before schema version 2 keep primary-key/unique indexes that DuckDB holds in memory
(about 0.4 KB per document); they still open and work, but their memory grows with their size. This
rewrites the tables without those indexes, in one transaction (back the file up first if it is precious).

\b
Example:
  eventcoder upgrade-store --db events.duckdb
"""


@click.command("upgrade-store", help=UPGRADE_HELP)
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path(DEFAULT_DB), show_default=True,
              help="DuckDB store to upgrade.")
@friendly_errors
def upgrade_store_cmd(db: Path) -> None:
    from eventcoder.stages.store import SCHEMA_VERSION, Store

    if not db.exists():
        raise click.ClickException(f"{db}: no such store (check --db: give the .duckdb file that `eventcoder run` made)")
    with Store(db) as store:
        before = store.schema_version
        changed = store.upgrade()
    click.echo(f"{db}: schema {before} -> {SCHEMA_VERSION}" if changed else f"{db}: already schema {before}")


commands: list[click.Command] = [extract_cmd, run_cmd, export_cmd, upgrade_store_cmd]
