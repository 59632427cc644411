"""Session 11 (helper cli): a new user's first hour. `eventcoder run .` in the folder that holds the reports,
the store and the exports; `extract reports/ -o reports/out.jsonl`; docs/bad_input.md (session 11) lists them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.errors import InputError
from eventcoder.settings import Settings
from eventcoder.stages.ingest import iter_documents
from eventcoder.stages.store import Store

REPORT = ("Published: 2016-03-08\n\nKANDAHAR (Valley Courier) - A roadside bomb struck a police pickup near "
          "Kandahar on Monday, killing three officers, a provincial spokesman said.\n")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "kandahar.txt").write_text(REPORT, encoding="utf-8")
    return folder


def _collect(paths: list[Path]) -> tuple[list, list[InputError]]:
    errors: list[InputError] = []
    docs = list(iter_documents(paths, Settings(), errors.append, lambda _w: None))
    return docs, errors


def test_run_with_the_store_inside_the_input_folder_is_clean_twice(tmp_path: Path) -> None:
    """`eventcoder run .` (the store at its default ./eventcoder.duckdb): the store and its .wal were read as
    broken inputs ('binary file (a DuckDB store)'), exit 1 on every run although nothing was wrong."""
    folder = _folder(tmp_path)
    db = folder / "eventcoder.duckdb"
    for _ in range(2):
        r = CliRunner().invoke(main, ["run", str(folder), "--db", str(db), "--no-dedupe"])
        assert r.exit_code == 0, r.output
        assert "DuckDB" not in r.output and ".wal" not in r.output
    with Store(db, read_only=True) as s:
        assert s.count_documents() == 1


def test_extract_does_not_read_its_own_output_file(tmp_path: Path) -> None:
    """`extract reports/ -o reports/out.jsonl`: the output, just opened (empty), was read as an input:
    'error: out.jsonl: empty file', exit 1; a second run read the first run's events as reports."""
    folder = _folder(tmp_path)
    out = folder / "out.jsonl"
    for _ in range(2):
        r = CliRunner().invoke(main, ["extract", str(folder), "-q", "-o", str(out)])
        assert r.exit_code == 0, r.output
        assert "out.jsonl" not in r.output
        assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_exports_in_an_input_folder_are_not_coded_again(tmp_path: Path) -> None:
    """Exports written into the folder that is ingested were read as reports (their 'notes' column): a second
    run stored them as documents and dedupe merged their events into the real ones as a second source."""
    folder = _folder(tmp_path)
    db = tmp_path / "ev.duckdb"
    assert CliRunner().invoke(main, ["run", str(folder), "--db", str(db), "-q"]).exit_code == 0
    names = {"acled": "events_acled.csv", "csv": "events.csv", "jsonl": "events.jsonl",
             "parquet": "events.parquet", "geojson": "events.geojson"}
    for fmt, name in names.items():
        r = CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, "-o", str(folder / name), "-q"])
        assert r.exit_code == 0, r.output
    with Store(db, read_only=True) as s:
        before = (s.count_documents(), s.count_events(include_merged=True))
    r = CliRunner().invoke(main, ["run", str(folder), "--db", str(db), "-q"])
    assert r.exit_code == 1, r.output
    errors = [line for line in r.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(names), errors
    assert all("not reports" in line and "keep exports out" in line for line in errors), errors
    with Store(db, read_only=True) as s:
        assert (s.count_documents(), s.count_events(include_merged=True)) == before


def test_event_like_tables_with_a_report_text_column_are_still_read(tmp_path: Path) -> None:
    """Only tables whose sole text is an event dataset's 'notes' are refused: renaming 'notes' to 'text' (the
    hint), or a table that carries both, is read as reports."""
    header = ["event_id_cnty", "event_date", "country", "fatalities", "text"]
    row = ["XYZ1", "2016-03-07", "Afghanistan", "3", REPORT.split("\n\n", 1)[1]]
    acled_like = tmp_path / "renamed.csv"
    with acled_like.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, row])
    ours = tmp_path / "with_text.jsonl"
    ours.write_text(json.dumps({"event_id": "e1", "doc_ids": ["d"], "evidence": {}, "notes": "n",
                                "text": row[-1]}) + "\n", encoding="utf-8")
    docs, errors = _collect([acled_like, ours])
    assert not errors and len(docs) == 2


def test_an_event_export_is_one_error_even_after_a_broken_first_line(tmp_path: Path) -> None:
    f = tmp_path / "events.jsonl"
    line = {"event_id": "e1", "doc_ids": ["d1"], "evidence": {}, "notes": "On 7 March 2016, police were attacked."}
    f.write_text("{broken\n" + json.dumps(line) + "\n" + json.dumps(line) + "\n", encoding="utf-8")
    docs, errors = _collect([f])
    assert not docs
    assert len(errors) == 2 and errors[0].problem.startswith("not valid JSON")
    assert errors[1].problem.startswith("an eventcoder export: coded events, not reports")


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_an_xlsx_sheet_of_reports_is_read_like_a_csv(tmp_path: Path) -> None:
    """Analysts keep report lists in spreadsheets: .xlsx was refused ('save it as CSV'), though openpyxl is a
    core dependency. Each sheet with a text column is read; its header names work as a CSV's; an Excel date
    cell is the publication date; a blank row is passed over; a row without text is one error."""
    import datetime as dt

    body = REPORT.split("\n\n", 1)[1].strip()
    f = _workbook(tmp_path / "reports.xlsx", {
        "Figures": [["province", "count"], ["Kandahar", 3]],
        "Reports": [["Story", "Pub Date", "Outlet", "ID"], [body, dt.datetime(2016, 3, 8, 9, 30), "Valley Courier", 7],
                    [None, None, None, None], ["  ", None, None, 8]],
    })
    docs, errors = _collect([f])
    assert len(docs) == 1
    doc = docs[0]
    assert (doc.text, doc.published, doc.source, doc.doc_id) == (body, dt.date(2016, 3, 8), "Valley Courier", "7")
    assert [e.path for e in errors] == [f"{f}[Reports]:4"]  # (Excel's row number)
    r = CliRunner().invoke(main, ["extract", str(f), "-q"])
    assert r.exit_code == 1 and json.loads(r.stdout.splitlines()[0])["location"] == "Kandahar", r.output


def test_a_broken_or_textless_xlsx_is_one_error(tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("Story\nnot a workbook\n", encoding="utf-8")
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    figures = _workbook(tmp_path / "figures.xlsx", {"Sheet": [["province", "count"], ["Kandahar", 3]]})
    docs, errors = _collect([fake, damaged, figures])
    assert not docs
    assert [(Path(e.path).name, e.problem.split(" (")[0]) for e in errors] == [
        ("fake.xlsx", "not an Excel workbook"), ("damaged.xlsx", "not a readable Excel workbook"),
        ("figures.xlsx", "no text column")]


def test_common_export_column_names_are_read(tmp_path: Path) -> None:
    """NewsAPI's publishedAt and Media Cloud's media_name were not read: no date, the file name as source."""
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps({"story": "Shelling hit a school.", "publishedAt": "2016-03-08T07:00:00Z",
                             "media_name": "Valley Courier"}) + "\n", encoding="utf-8")
    (doc,), errors = _collect([f])
    assert not errors and (doc.text, str(doc.published), doc.source) == ("Shelling hit a school.", "2016-03-08",
                                                                         "Valley Courier")


def test_export_iso_takes_alpha3_and_numeric_codes(tmp_path: Path) -> None:
    """`export --iso AFG` (ACLED and GTD users write alpha-3 or numeric codes) matched nothing: 'none of the
    stored events matches --iso AFG', with no word that the stored codes are alpha-2."""
    db = tmp_path / "ev.duckdb"
    assert CliRunner().invoke(main, ["run", str(_folder(tmp_path)), "--db", str(db), "-q"]).exit_code == 0
    counts = {}
    for code in ("AF", "AFG", "afg", "004", "4", "XYZ"):
        r = CliRunner().invoke(main, ["export", "--db", str(db), "--iso", code])
        assert r.exit_code == 0, r.output
        counts[code] = len(r.stdout.splitlines())
        if code not in ("AF", "XYZ"):
            assert f"--iso {code} read as --iso AF" in r.stderr
    assert counts == {"AF": 1, "AFG": 1, "afg": 1, "004": 1, "4": 1, "XYZ": 0}


def test_an_output_path_ending_in_a_slash_is_refused(tmp_path: Path) -> None:
    """`export -o out/` (a folder not made yet) wrote the events as JSONL into a file named 'out'."""
    db = tmp_path / "ev.duckdb"
    assert CliRunner().invoke(main, ["run", str(_folder(tmp_path)), "--db", str(db), "-q"]).exit_code == 0
    for cmd in (["export", "--db", str(db)], ["extract", str(tmp_path / "reports"), "-q"]):
        r = CliRunner().invoke(main, [*cmd, "-o", f"{tmp_path}/out/"])
        assert r.exit_code == 2 and "names a folder; give a file name in it" in r.output, r.output
        assert not (tmp_path / "out").exists()


def test_gazetteer_import_of_a_latin1_place_list_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """README's `eventcoder gazetteer import villages.csv` with a list saved as Latin-1 (Excel's default 'CSV'
    in Western locales) ended in a UnicodeDecodeError traceback, and the good lists after it were not imported."""
    from eventcoder.gazetteer.build import build_from_files

    index = tmp_path / "gz.sqlite3"
    build_from_files(index, [Path(__file__).parent / "fixtures" / "gazetteer" / "places.csv"])
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name,country,lat,lon\nTell Qasr\u00e9,SY,34.6,38.9\n".encode("latin-1"))
    good = tmp_path / "good.csv"
    good.write_text("name,country,lat,lon\nTell Umm Sawsan,SY,34.7,38.8\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["gazetteer", "import", str(latin), str(good), "--index", str(index), "--quiet"])
    assert r.exit_code == 1 and "Traceback" not in r.output and isinstance(r.exception, SystemExit), r.output
    assert r.stderr.splitlines() == [f"error: {latin}: not UTF-8 (byte 0xe9 at offset 30) (save the file as UTF-8 "
                                     "and import it again); file skipped"]
    assert "1 places added" in r.stdout


def test_gazetteer_import_reads_a_semicolon_place_list(tmp_path: Path) -> None:
    """A list saved with ';' between columns (spreadsheets in many locales) was refused as having no 'name'
    column, with the expected header printed where the file's own would have shown the cause."""
    from eventcoder.gazetteer.build import build_from_files

    index = tmp_path / "gz.sqlite3"
    build_from_files(index, [Path(__file__).parent / "fixtures" / "gazetteer" / "places.csv"])
    semi = tmp_path / "semi.csv"
    semi.write_text("Name;Country;Lat;Lon\r\nTell Umm Sawsan;SY;34.7;38.8\r\n", encoding="utf-8")
    other = tmp_path / "other.csv"
    other.write_text("place,country\nTell Umm Sawsan,SY\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["gazetteer", "import", str(semi), str(other), "--index", str(index), "--quiet"])
    assert r.exit_code == 1 and "1 places added" in r.stdout, r.output
    assert r.stderr.splitlines() == [f"error: {other}: place list has no 'name' column (its header: 'place,country') "
                                     "(the header should be name,alt_names,country,admin1,admin2,lat,lon,feature); "
                                     "file skipped"]


def test_ctrl_c_during_extract_leaves_a_complete_output_file(tmp_path: Path, monkeypatch) -> None:
    """Ctrl-C during `extract -o events.geojson` printed 'Aborted!' (exit 1, where 130 is documented) and left
    a GeoJSON without its closing brackets and a Parquet file without the rows extracted so far."""
    import pandas as pd

    from eventcoder.pipeline import Pipeline

    folder = _folder(tmp_path)
    (folder / "later.txt").write_text(REPORT.replace("Monday", "Tuesday"), encoding="utf-8")
    real, calls = Pipeline.process, []

    def process(self, doc):  # the second document is where the analyst presses Ctrl-C
        calls.append(doc)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(self, doc)

    monkeypatch.setattr(Pipeline, "process", process)
    for fmt in ("geojson", "parquet"):
        calls.clear()
        out = tmp_path / f"events.{fmt}"
        r = CliRunner().invoke(main, ["extract", str(folder), "-o", str(out)])
        assert r.exit_code == 130, r.output
        assert f"interrupted after 2 document(s): {out} holds 1 event(s), a complete {fmt} file" in r.stderr
        n = (len(json.loads(out.read_text(encoding="utf-8"))["features"]) if fmt == "geojson"
             else len(pd.read_parquet(out)))
        assert n == 1


def test_an_api_response_saved_as_json_gives_its_records(tmp_path: Path) -> None:
    """A news API's response saved as .json ({"status": "ok", "articles": [...]}, each article's source an
    object) was one error, 'row has no text (its fields: status, totalresults, articles)'; a source object in a
    JSONL row was stored as its Python text."""
    body = REPORT.split("\n\n", 1)[1].strip()
    f = tmp_path / "response.json"
    f.write_text(json.dumps({"status": "ok", "totalResults": 2, "articles": [
        {"source": {"id": None, "name": "Valley Courier"}, "title": "Bomb", "publishedAt": "2016-03-08T06:00:00Z",
         "content": body},
        {"source": {"id": "vc", "name": "Valley Courier"}, "title": "No text here", "content": None}]}),
        encoding="utf-8")
    g = tmp_path / "rows.jsonl"
    g.write_text(json.dumps({"source": {"name": "Hill Gazette"}, "text": body}) + "\n", encoding="utf-8")
    docs, errors = _collect([f, g])
    assert [(d.text, d.source) for d in docs] == [(body, "Valley Courier"), (body, "Hill Gazette")]
    assert str(docs[0].published) == "2016-03-08"
    assert [e.path for e in errors] == [f"{f}#record2"]
    several = tmp_path / "two_lists.json"  # which list would hold the reports is not guessed
    several.write_text(json.dumps({"a": [{"x": 1}], "b": [{"y": 2}]}), encoding="utf-8")
    docs, errors = _collect([several])
    assert not docs and "row has no text" in errors[0].problem


def test_the_progress_total_counts_a_workbooks_rows(tmp_path: Path) -> None:
    from eventcoder.stages.ingest import count_documents

    rows = [["text"], *[[f"Report {i} about shelling."] for i in range(5)]]
    assert count_documents([_workbook(tmp_path / "five.xlsx", {"Sheet": rows})]) == 5  # (was 1)


def test_dask_run_with_the_store_inside_the_input_folder_is_clean(tmp_path: Path, monkeypatch) -> None:
    """The same as the local engine: `run . --engine dask` read its store (and .wal) as broken inputs, exit 1."""
    from eventcoder.scale import dask_engine

    real_client = dask_engine._client
    monkeypatch.setattr(dask_engine, "_client", lambda sched, n, _proc: real_client(sched, 1, False))  # threads
    folder = _folder(tmp_path)
    db = folder / "eventcoder.duckdb"
    for _ in range(2):
        r = CliRunner().invoke(main, ["run", str(folder), "--db", str(db), "--engine", "dask", "--no-dedupe", "-q"])
        assert r.exit_code == 0, r.output
        assert "DuckDB" not in r.output and ".wal" not in r.output


def test_ctrl_c_during_export_leaves_a_complete_output_file(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "ev.duckdb"
    folder = _folder(tmp_path)
    (folder / "later.txt").write_text(REPORT.replace("Kandahar", "Herat"), encoding="utf-8")
    assert CliRunner().invoke(main, ["run", str(folder), "--db", str(db), "-q", "--no-dedupe"]).exit_code == 0
    real = Store.iter_events

    def iter_events(self, *a, **kw):  # Ctrl-C after the first event was read from the store
        it = real(self, *a, **kw)
        yield next(it)
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "iter_events", iter_events)
    out = tmp_path / "events.geojson"
    r = CliRunner().invoke(main, ["export", "--db", str(db), "-o", str(out)])
    assert r.exit_code == 130 and f"interrupted: {out} holds 1 event(s), a complete geojson file" in r.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) == 1
