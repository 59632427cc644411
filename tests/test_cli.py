from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.frames import CONTEXT_COLUMNS
from eventcoder.records import EVENT_FIELDS
from eventcoder.stages.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
REPORT_TEXT = ("Published: 2017-01-03\n\nMOGADISHU (Example Wire) - A car bomb exploded at a checkpoint in Mogadishu on "
               "Monday, killing at least seven people, police said.\n")


def runner() -> CliRunner:
    return CliRunner()


def test_help_teaches_with_examples() -> None:
    r = runner().invoke(main, ["--help"])
    assert r.exit_code == 0
    for verb in ("extract", "run", "export"):
        assert verb in r.output
        sub = runner().invoke(main, [verb, "--help"])
        assert sub.exit_code == 0
        assert "Examples:" in sub.output and "eventcoder " + verb in sub.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert runner().invoke(main, ["extract"]).exit_code == 2
    assert runner().invoke(main, ["run"]).exit_code == 2
    r = runner().invoke(main, ["extract", str(tmp_path), "--published", "5 Jan"])
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output
    r = runner().invoke(main, ["extract", str(tmp_path), "--format", "xml"])
    assert r.exit_code == 2
    r = runner().invoke(main, ["export", "--db", str(tmp_path / "x.duckdb"), "--bbox", "1,2,3"])
    assert r.exit_code == 2


def test_published_reads_numeric_dates_in_the_date_order_given(tmp_path: Path) -> None:
    """review U: '--published 06/01/2020 --date-order dmy' was refused ('ambiguous ... --date-order dmy|mdy'),
    and export --date-from named --date-order, an option export does not have."""
    text = "Gunmen killed three people in Baghdad yesterday, police said.\n"
    days = {}
    for order in ("dmy", "mdy"):
        r = runner().invoke(main, ["extract", "-", "-q", "--published", "06/01/2020", "--date-order", order],
                            input=text)
        assert r.exit_code == 0, r.output
        days[order] = {json.loads(line)["event_date"] for line in r.stdout.splitlines() if line.strip()}
    assert days == {"dmy": {"2020-01-05"}, "mdy": {"2020-05-31"}}
    r = runner().invoke(main, ["extract", "-", "--published", "06/01/2020"], input=text)
    assert r.exit_code == 2 and "ambiguous" in r.output and "--date-order" in r.output
    r = runner().invoke(main, ["export", "--db", str(tmp_path / "x.duckdb"), "--date-from", "06/01/2020"])
    assert r.exit_code == 2 and "ambiguous" in r.output and "YYYY-MM-DD" in r.output
    assert "--date-order" not in r.output


def test_extract_prints_schema_jsonl(tmp_path: Path) -> None:
    src = EXAMPLES / "newswire_mogadishu.txt"
    r = runner().invoke(main, ["extract", str(src), "--quiet"])
    assert r.exit_code == 0, r.output
    lines = [line for line in r.stdout.splitlines() if line.strip()]
    assert lines, "the newswire example must give at least one event"
    for line in lines:
        rec = json.loads(line)
        assert list(rec) == [*EVENT_FIELDS, *CONTEXT_COLUMNS]  # the schema fields, then the context columns
        assert rec["doc_ids"] and rec["source"] == "Example Wire"


def test_extract_stdin_and_formats(tmp_path: Path) -> None:
    text = (EXAMPLES / "newswire_mogadishu.txt").read_text(encoding="utf-8")
    r = runner().invoke(main, ["extract", "-", "--format", "csv", "-q"], input=text)
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows and list(rows[0]) == [*EVENT_FIELDS, *CONTEXT_COLUMNS]
    out = tmp_path / "ev.parquet"
    r = runner().invoke(main, ["extract", str(EXAMPLES / "newswire_mogadishu.txt"), "--format", "parquet", "-o",
                               str(out)])
    assert r.exit_code == 0, r.output
    assert out.exists() and "wrote" in r.stderr
    r = runner().invoke(main, ["extract", str(EXAMPLES / "newswire_mogadishu.txt"), "--format", "parquet"])
    assert r.exit_code == 1 and "-o" in r.output


def test_run_is_idempotent_and_exports(tmp_path: Path) -> None:
    db = tmp_path / "ev.duckdb"
    r = runner().invoke(main, ["run", str(EXAMPLES), "--db", str(db), "--quiet"])
    assert r.exit_code == 0, r.output
    assert "documents" in r.stdout and "events by type" in r.stdout and str(db.resolve()) in r.stdout
    with Store(db, read_only=True) as s:
        n_docs = s.count_documents()
        n_events = s.count_events(include_merged=True)
    assert n_docs >= 8 and n_events > 0
    r2 = runner().invoke(main, ["run", str(EXAMPLES), "--db", str(db), "--quiet"])
    assert r2.exit_code == 0
    with Store(db, read_only=True) as s:
        assert s.count_documents() == n_docs
        assert s.count_events(include_merged=True) == n_events
    assert f"skipped (already stored) {n_docs}" in " ".join(r2.stdout.split())
    assert "stored 0" in " ".join(r2.stdout.split())
    # the summary in an analyst's words (session 9): what dedupe merged, where the store is, what to run next
    merged = [line for line in r.stdout.splitlines() if line.startswith("duplicates: ")]
    assert len(merged) == 1 and " events reported the same " in merged[0] and "were merged into" in merged[0], r.stdout
    assert f"eventcoder merges --db {db}` lists them" in merged[0]
    assert f"({n_docs} documents, " in r.stdout
    assert f"eventcoder serve --db {db}" in r.stdout and f"eventcoder export --db {db} --format acled" in r.stdout
    assert f"skipped: {n_docs} document(s) already in the store (same text), not stored twice" in r2.stdout
    assert "duplicates: " not in r2.stdout  # nothing new stored: nothing deduplicated
    out = tmp_path / "acled.csv"
    r3 = runner().invoke(main, ["export", "--db", str(db), "--format", "acled", "-o", str(out)])
    assert r3.exit_code == 0, r3.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    gj = tmp_path / "e.geojson"
    r4 = runner().invoke(main, ["export", "--db", str(db), "--format", "geojson", "-o", str(gj)])
    assert r4.exit_code == 0
    assert json.loads(gj.read_text())["type"] == "FeatureCollection"
    r5 = runner().invoke(main, ["export", "--db", str(db), "--limit", "1"])
    assert r5.exit_code == 0 and len(r5.stdout.splitlines()) == 1


def test_run_summary_names_failed_inputs_and_documents_without_events(tmp_path: Path) -> None:
    """An analyst reading the end of a long run learns which inputs failed and why, and which reports gave no
    event, without scrolling back through the log (session 9: the summary only counted them)."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a_report.txt").write_text("A bomb killed 3 people in Mosul, Iraq on 2 January 2017, police said.\n",
                                         encoding="utf-8")
    (corpus / "b_empty.txt").write_text("", encoding="utf-8")
    (corpus / "c_weather.txt").write_text("The weather was mild and the market opened as usual.\n", encoding="utf-8")
    r = runner().invoke(main, ["run", str(corpus), "--db", str(tmp_path / "ev.duckdb"), "--quiet"])
    assert r.exit_code == 1, r.output
    lines = r.stdout.splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("failed: 1 input(s) not stored"))
    assert "b_empty.txt" in lines[i + 1] and "empty" in lines[i + 1]
    j = next(k for k, line in enumerate(lines) if line.startswith("without events: 1 document(s) stored"))
    assert lines[j + 1].strip().endswith("c_weather.txt")
    assert "duplicates: none found" in r.stdout
    table = " ".join(r.stdout.split())  # every input is counted once: read = stored + skipped + failed
    assert "read 3 stored 2 skipped (already stored) 0 failed 1 without events 1" in table
    assert "(2 documents, 1 event)" in r.stdout  # not '1 events'


def test_run_reports_dedupe_progress_by_date_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store-level dedupe ran with no word after 'deduplicating the store...' (38 min at 1M documents);
    it now reports date windows done, with rate and ETA: a bar on a terminal, a line in a log (session 9)."""
    from eventcoder.cli import pipeline_cmds

    monkeypatch.setattr(pipeline_cmds, "PROGRESS_SECONDS", 0.0)
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i, day in enumerate(("2 January 2017", "20 March 2017", "3 June 2017")):
        (corpus / f"r{i}.txt").write_text(f"A bomb killed {i + 3} people in Mosul, Iraq on {day}, police said.\n",
                                          encoding="utf-8")
    r = runner().invoke(main, ["run", str(corpus), "--db", str(tmp_path / "ev.duckdb")])
    assert r.exit_code == 0, r.output
    lines = [line for line in r.stderr.splitlines() if line.startswith("dedupe: ")]
    assert len(lines) >= 2 and re.match(r"dedupe: \d of (\d) date windows \(\d+%\), [\d.]+ windows/s", lines[0]), lines
    total = re.match(r"dedupe: \d of (\d)", lines[0]).group(1)
    assert lines[-1].startswith(f"dedupe: {total} of {total} date windows (100%)") and int(total) >= 2
    quiet = runner().invoke(main, ["run", str(corpus), "--db", str(tmp_path / "q.duckdb"), "--quiet"])
    assert quiet.exit_code == 0 and "dedupe: " not in quiet.stderr


def test_export_missing_store_is_one_line(tmp_path: Path) -> None:
    r = runner().invoke(main, ["export", "--db", str(tmp_path / "nope.duckdb")])
    assert r.exit_code == 1
    assert "nope.duckdb" in r.output and "eventcoder run" in r.output
    assert len(r.output.strip().splitlines()) == 1


def test_run_no_dedupe_flag(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(EXAMPLES / "newswire_mogadishu.txt", src)
    shutil.copy(EXAMPLES / "casualty_update_mogadishu.txt", src)
    db = tmp_path / "a.duckdb"
    r = runner().invoke(main, ["run", str(src), "--db", str(db), "--no-dedupe", "-q"])
    assert r.exit_code == 0, r.output
    assert "dedupe:" not in r.stdout


@pytest.mark.parametrize("args", [["extract", "{f}", "-q"]])
def test_real_subprocess_extract(tmp_path: Path, args: list[str]) -> None:
    f = EXAMPLES / "newswire_mogadishu.txt"
    cmd = [sys.executable, "-m", "eventcoder", *[a.format(f=f) for a in args]]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    recs = [json.loads(line) for line in p.stdout.splitlines() if line.strip()]
    assert recs and all(list(r) == [*EVENT_FIELDS, *CONTEXT_COLUMNS] for r in recs)


def test_interrupted_run_resumes_without_duplicates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventcoder.pipeline import Pipeline

    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"r{i}.txt").write_text(f"Report {i}: gunmen killed {i + 2} people in Mogadishu on 2 January 2017.\n")
    db = tmp_path / "i.duckdb"
    real = Pipeline.process
    calls = {"n": 0}

    def flaky(self: Pipeline, doc):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt
        return real(self, doc)

    monkeypatch.setattr(Pipeline, "process", flaky)
    r = runner().invoke(main, ["run", str(src), "--db", str(db), "--no-dedupe", "-q"])
    assert r.exit_code == 130 and "resume" in r.stderr
    with Store(db, read_only=True) as s:
        assert s.count_documents() == 3
    monkeypatch.setattr(Pipeline, "process", real)
    r2 = runner().invoke(main, ["run", str(src), "--db", str(db), "--no-dedupe", "-q"])
    assert r2.exit_code == 0, r2.output
    assert "skipped (already stored) 3" in " ".join(r2.stdout.split())
    with Store(db, read_only=True) as s:
        assert s.count_documents() == 6
        ids = [e.event_id for e in s.iter_events(include_merged=True)]
        assert len(ids) == len(set(ids))


def test_progress_bar_shows_rate_and_eta(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventcoder.cli.pipeline_cmds import Reporter

    buf = io.StringIO()
    monkeypatch.setattr(sys, "stderr", buf)
    rep = Reporter(False, 3, show_bar=True)
    rep.warning(Exception("w.txt: a warning"))
    for _ in range(3):
        rep.tick()
    rep.close()
    out = buf.getvalue()
    assert "3/3" in out and "doc/s" in out and "<" in out  # count, rate, elapsed<remaining (ETA)
    assert "warning: w.txt: a warning" in out
    assert Reporter(True, 3).bar is None  # --quiet: no bar


# every command of ours is checked, the dedupe owner's (dedupe, merges, split, train) included
_OTHERS: set[str] = set()


def _all_commands() -> list[list[str]]:
    import click

    out: list[list[str]] = []
    for name, cmd in main.commands.items():  # type: ignore[attr-defined]
        if name in _OTHERS:
            continue
        if isinstance(cmd, click.Group):
            out.append([name])
            out.extend([name, sub] for sub in cmd.commands)
        else:
            out.append([name])
    return out


@pytest.mark.parametrize("verb", _all_commands(), ids=" ".join)
def test_every_command_help_has_an_example(verb: list[str]) -> None:
    """`--help` teaches: each command (and sub-command) shows at least one `eventcoder <verb> ...` line."""
    r = runner().invoke(main, [*verb, "--help"])
    assert r.exit_code == 0, r.output
    examples = [line for line in r.output.splitlines() if "eventcoder " + " ".join(verb) in line
                and not line.startswith("Usage:")]
    assert examples, r.output


def test_geoparse_skips_bad_lines_refuses_binary_and_a_missing_index(tmp_path: Path) -> None:
    from eventcoder.gazetteer.build import build_from_files

    index = tmp_path / "gz.sqlite3"
    build_from_files(index, [Path(__file__).parent / "fixtures" / "gazetteer" / "places.csv"])
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(b'{"id": 1, "text": "Shelling in Manbij."}\n{not json\n"just a string"\n\xff\xfe bad\n'
                    b'{"id": 5, "text": "Mosul and Tal Afar."}\n')
    r = runner().invoke(main, ["geoparse", str(inp), "--index", str(index)])
    assert r.exit_code == 1
    assert [json.loads(x)["id"] for x in r.stdout.splitlines()] == [1, 5]  # the rest still written
    errs = r.stderr.splitlines()
    assert [e.split(": ")[1] for e in errs[:3]] == [f"{inp}:2", f"{inp}:3", f"{inp}:4"]
    assert "not UTF-8" in errs[2] and "each line must be" in errs[0]
    assert "(Expecting property name enclosed in double quotes, column 2)" in errs[0]  # json's own words + where
    assert errs[-1] == f"Error: {inp}: 3 line(s) skipped (see above); fix them and run again"

    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\x7fELF\x00\x01\x02" * 10)
    r = runner().invoke(main, ["geoparse", str(binary), "--index", str(index)])
    assert r.exit_code == 1 and r.output.strip() == (
        f'Error: {binary}: binary file, not JSONL (give one JSON object per line: {{"id": ..., "text": ...}})')
    missing = tmp_path / "typo.sqlite3"
    for args in (["geoparse", str(inp)], ["gazetteer", "lookup", "Mosul"]):
        r = runner().invoke(main, [*args, "--index", str(missing)])
        assert r.exit_code == 1 and "no such gazetteer index" in r.output and "gazetteer build --index" in r.output
        assert not missing.exists()  # never built behind the user's back at a mistyped path


def test_keys_list_and_revoke_need_an_existing_store(tmp_path: Path) -> None:
    db = tmp_path / "typo.duckdb"
    for args in (["keys", "list"], ["keys", "revoke", "abc"]):
        r = runner().invoke(main, [*args, "--db", str(db)])
        assert r.exit_code == 1 and "no such store" in r.output and not db.exists()
    r = runner().invoke(main, ["keys", "create", "--role", "reader", "--db", str(db)])
    assert r.exit_code == 0 and "making a new, empty store" in r.stderr and r.stdout.strip().startswith("eck_")


def test_export_says_why_it_wrote_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    r = runner().invoke(main, ["run", str(EXAMPLES / "newswire_mogadishu.txt"), "--db", str(db), "-q"])
    assert r.exit_code == 0, r.output
    r = runner().invoke(main, ["export", "--db", str(db), "--format", "csv", "--country", "Narnia", "--not-claimed",
                               "-o", str(tmp_path / "n.csv")])
    assert r.exit_code == 0
    (note,) = [line for line in r.stderr.splitlines() if line.startswith("note: ")]
    assert "none of the" in note and "--country Narnia --not-claimed" in note
    r = runner().invoke(main, ["export", "--db", str(db), "--format", "csv", "--country", "somalia", "-o", "-"])
    assert r.exit_code == 0 and "note:" not in r.stderr and len(r.stdout.splitlines()) >= 2  # any case matches
    empty = tmp_path / "empty.duckdb"
    Store(empty).close()
    r = runner().invoke(main, ["export", "--db", str(empty), "--format", "jsonl"])
    assert r.exit_code == 0 and r.stdout == "" and "holds no events yet" in r.stderr


@pytest.mark.parametrize("verb", [["extract", str(EXAMPLES / "newswire_mogadishu.txt")],
                                  ["run", str(EXAMPLES / "newswire_mogadishu.txt"), "--db", "{tmp}/s.duckdb"],
                                  ["eval", "--gold", str(ROOT / "tests" / "gold" / "gold.jsonl")]], ids=lambda v: v[0])
def test_a_mistyped_gazetteer_is_an_error_not_a_new_index(tmp_path: Path, verb: list[str]) -> None:
    missing = tmp_path / "typo.sqlite3"
    r = runner().invoke(main, [*(a.format(tmp=tmp_path) for a in verb), "--gazetteer", str(missing)])
    assert r.exit_code == 2
    last = r.output.strip().splitlines()[-1]
    assert "no such gazetteer index" in last and f"gazetteer build --index {missing}" in last
    assert not missing.exists() and not (tmp_path / "s.duckdb").exists()


def test_format_follows_the_output_extension_unless_given(tmp_path: Path) -> None:
    """`export -o events.parquet` without --format wrote JSONL text into a .parquet file; now the extension
    chooses (csv, parquet, geojson, jsonl), --format still wins, stdout stays jsonl."""
    import pyarrow.parquet as pq

    db = tmp_path / "s.duckdb"
    assert runner().invoke(main, ["run", str(EXAMPLES / "newswire_mogadishu.txt"), "--db", str(db), "-q"]).exit_code == 0
    for name, check in (("e.parquet", lambda p: pq.read_table(p).num_rows > 0),
                        ("e.csv", lambda p: p.read_text(encoding="utf-8").startswith("event_id,")),
                        ("e.geojson", lambda p: json.loads(p.read_text(encoding="utf-8"))["type"] == "FeatureCollection"),
                        ("e", lambda p: json.loads(p.read_text(encoding="utf-8").splitlines()[0])["event_id"])):
        out = tmp_path / name
        r = runner().invoke(main, ["export", "--db", str(db), "-o", str(out)])
        assert r.exit_code == 0 and check(out), (name, r.output)
        assert f"to {out} (" in r.stderr
    r = runner().invoke(main, ["export", "--db", str(db), "--format", "acled", "-o", str(tmp_path / "a.csv")])
    assert r.exit_code == 0 and (tmp_path / "a.csv").read_text(encoding="utf-8-sig").startswith("event_id_cnty,")
    r = runner().invoke(main, ["extract", str(EXAMPLES / "newswire_mogadishu.txt"), "-q", "-o", str(tmp_path / "x.csv")])
    assert r.exit_code == 0 and (tmp_path / "x.csv").read_text(encoding="utf-8").startswith("event_id,")
    r = runner().invoke(main, ["export", "--db", str(db)])
    assert r.exit_code == 0 and json.loads(r.stdout.splitlines()[0])["event_id"]


def test_serve_on_a_taken_port_says_so_before_serving(tmp_path: Path) -> None:
    import socket

    pytest.importorskip("uvicorn")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        db = tmp_path / "s.duckdb"
        Store(db).close()
        before = db.stat().st_mtime_ns
        r = runner().invoke(main, ["serve", "--db", str(db), "--port", str(port)])
    assert r.exit_code == 1 and "serving" not in r.output
    assert f"127.0.0.1:{port}: cannot listen there" in r.output and "another --port" in r.output
    assert db.stat().st_mtime_ns == before  # failed before the store was opened


def test_eval_with_a_country_the_gold_lacks_says_what_to_give() -> None:
    r = runner().invoke(main, ["eval", "--gold", str(ROOT / "tests" / "gold" / "gold.jsonl"), "--country", "Narnia"])
    assert r.exit_code == 1
    assert "gold.jsonl: none of its" in r.output and "--country Narnia" in r.output and "e.g. --country IQ,SY" in r.output


def _geonames_line(gid: int, name: str) -> str:
    return "\t".join([str(gid), name, name, "", "36.1", "37.2", "P", "PPL", "SY", "", "01", "", "", "", "0", "", "",
                      "Asia/Damascus", "2020-01-01"])


def test_gazetteer_import_says_what_a_file_failing_part_way_kept(tmp_path: Path) -> None:
    """A GeoNames file that breaks part-way keeps the rows read before the break: the message says how many
    and at which line it stopped (it used to say 'file skipped'); a file refused before any row says skipped."""
    from eventcoder.gazetteer.build import build_from_files
    from eventcoder.gazetteer.index import Gazetteer

    index = tmp_path / "gz.sqlite3"
    build_from_files(index, [Path(__file__).parent / "fixtures" / "gazetteer" / "places.csv"])
    dump = tmp_path / "SY.txt"
    dump.write_text("\n".join([_geonames_line(99000001, "Qaryat Testa Alif"), _geonames_line(99000002, "Qaryat Testa Ba"),
                               "garbage\tline", _geonames_line(99000003, "Qaryat Testa Jim")]) + "\n", encoding="utf-8")
    nohead = tmp_path / "list.csv"
    nohead.write_text("place,lat\nX,1\n", encoding="utf-8")
    r = runner().invoke(main, ["gazetteer", "import", str(dump), str(nohead), "--index", str(index), "--quiet"])
    assert r.exit_code == 1
    errs = r.stderr.splitlines()
    assert len(errs) == 2, r.stderr
    assert f"{dump}:3: " in errs[0] and "stopped at line 3" in errs[0]
    assert "2 place(s) from lines 1-2 kept" in errs[0] and "file skipped" not in errs[0]
    assert str(nohead) in errs[1] and errs[1].endswith("file skipped")
    assert "2 places added" in r.stdout
    g = Gazetteer.open(index)
    try:
        assert g.candidates("Qaryat Testa Ba") and not g.candidates("Qaryat Testa Jim")  # what the message says was kept
    finally:
        g.close()
    # the message's promise: fixing the line and importing again adds nothing twice (places nor names), nor does a rerun
    import sqlite3

    def counts() -> tuple[int, int]:
        con = sqlite3.connect(index)
        try:
            return (con.execute("SELECT count(*) FROM places").fetchone()[0],
                    con.execute("SELECT count(*) FROM names").fetchone()[0])
        finally:
            con.close()

    kept = counts()
    dump.write_text("\n".join([_geonames_line(99000001, "Qaryat Testa Alif"), _geonames_line(99000002, "Qaryat Testa Ba"),
                               _geonames_line(99000003, "Qaryat Testa Jim")]) + "\n", encoding="utf-8")
    for _ in range(2):
        r = runner().invoke(main, ["gazetteer", "import", str(dump), "--index", str(index), "--quiet"])
        assert r.exit_code == 0, r.output
        assert counts() == (kept[0] + 1, kept[1] + 1)  # only Jim's place and its one name


@pytest.mark.parametrize("name", ["out.xlsx", "out.json", "out.tsv", "out.XLS", "out.feather", "out.pq",
                                  "out.arrow", "out.txt"])
def test_an_output_name_of_another_format_is_refused_not_filled_with_jsonl(tmp_path: Path, name: str) -> None:
    """`-o events.xlsx` without --format used to write JSONL into the .xlsx file ('wrote ... (jsonl)'); a
    denylist of extensions still let .feather and .pq through as JSONL: only the written ones are taken."""
    report = tmp_path / "r.txt"
    report.write_text(REPORT_TEXT, encoding="utf-8")
    out = tmp_path / name
    r = runner().invoke(main, ["extract", str(report), "-o", str(out)])
    assert r.exit_code == 2 and not out.exists()
    assert f"{out}: eventcoder does not write {out.suffix.lower()} files" in r.output and "--format" in r.output
    r = runner().invoke(main, ["extract", str(report), "-o", str(out), "--format", "csv"])  # said explicitly: fine
    assert r.exit_code == 0 and out.read_text(encoding="utf-8").startswith("event_id,")


@pytest.mark.parametrize("name", ["out.csv", "out.jsonl", "out.ndjson", "out.parquet", "out.geojson", "OUT.CSV", "out"])
def test_each_written_output_extension_holds_its_format(tmp_path: Path, name: str) -> None:
    import pyarrow.parquet as pq

    report = tmp_path / "r.txt"
    report.write_text(REPORT_TEXT, encoding="utf-8")
    out = tmp_path / name
    r = runner().invoke(main, ["extract", str(report), "-o", str(out)])
    assert r.exit_code == 0, r.output
    suffix = out.suffix.lower()
    if suffix == ".parquet":
        assert pq.read_table(out).num_rows >= 1
        return
    text = out.read_text(encoding="utf-8")
    if suffix == ".csv":
        assert text.startswith("event_id,")
    elif suffix == ".geojson":
        assert json.loads(text)["type"] == "FeatureCollection"
    else:  # .jsonl, .ndjson and a name without an extension: one JSON object per line
        assert all(json.loads(line)["event_id"] for line in text.splitlines())


def test_gazetteer_import_of_a_folder_skips_a_bad_file_and_imports_the_files_after_it(tmp_path: Path) -> None:
    """A Who's On First folder with one broken .geojson stopped at it: the files after it were never read."""
    from eventcoder.gazetteer.build import build_from_files
    from eventcoder.gazetteer.index import Gazetteer

    index = tmp_path / "gz.sqlite3"
    build_from_files(index, [Path(__file__).parent / "fixtures" / "gazetteer" / "places.csv"])
    wof = tmp_path / "wof"
    wof.mkdir()
    for i, name in enumerate(["Bir Hamdoun", "Tell Zaharat", None, "Ain Kharufa"]):
        f = wof / f"{i}.geojson"
        if name is None:
            f.write_text("{not json", encoding="utf-8")
            continue
        f.write_text(json.dumps({"type": "Feature", "properties": {
            "wof:name": name, "wof:country": "SY", "geom:latitude": 33.0 + i, "geom:longitude": 37.0,
            "wof:placetype": "locality", "wof:id": 770000 + i}}), encoding="utf-8")
    r = runner().invoke(main, ["gazetteer", "import", str(wof), "--index", str(index), "--quiet"])
    assert r.exit_code == 1
    errs = r.stderr.splitlines()
    assert len(errs) == 1 and f"{wof / '2.geojson'}: not a GeoJSON file" in errs[0] and errs[0].endswith("file skipped")
    assert "3 places added" in r.stdout
    g = Gazetteer.open(index)
    try:
        assert g.candidates("Ain Kharufa") and g.candidates("Bir Hamdoun")
    finally:
        g.close()


def test_gazetteer_import_from_events_names_a_bad_row_instead_of_a_traceback(tmp_path: Path) -> None:
    """--from-events with a broken JSONL line or a non-numeric coordinate ended in a Python traceback."""
    from eventcoder.gazetteer.build import build_from_files

    index = tmp_path / "gz.sqlite3"
    build_from_files(index, [Path(__file__).parent / "fixtures" / "gazetteer" / "places.csv"])
    good = {"location": "Bir Hamdoun", "latitude": 33.5, "longitude": 37.5, "country": "SY"}
    feed = tmp_path / "ev.jsonl"
    feed.write_text(json.dumps(good) + '\n{bad\n' + json.dumps({**good, "latitude": "abc"}) + "\n", encoding="utf-8")
    table = tmp_path / "ev.csv"
    table.write_text("location,latitude,longitude,country,geo_precision\nTell Zaharat,34.1,38.2,SY,x\n"
                     "Ain Kharufa,34.5,38.5,SY,1\n", encoding="utf-8")
    r = runner().invoke(main, ["gazetteer", "import", "--from-events", str(feed), str(table), "--index", str(index),
                               "--quiet"])
    # (review U: was 'A and B and C or D', which a SystemExit alone satisfied)
    assert r.exit_code == 1 and "Traceback" not in r.output and (r.exception is None or isinstance(r.exception, SystemExit))
    errs = r.stderr.splitlines()
    assert [e.split(": ")[1] for e in errs] == [f"{feed}:2", f"{feed}:3", f"{table}:2"]
    assert all(e.endswith("row skipped") for e in errs)
    assert "2 places added" in r.stdout
    # review U: a line cut inside a string named no position ('Invalid control character at'), and a file that is
    # not UTF-8 was a UnicodeDecodeError traceback
    cut = tmp_path / "cut.jsonl"
    cut.write_text(json.dumps({**good, "location": "Tell Abyad"}) + '\n{"location": "Tell\n', encoding="utf-8")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("location,latitude,longitude,country\nCaf\u00e9 Tell,34.1,38.2,SY\n".encode("latin-1"))
    r = runner().invoke(main, ["gazetteer", "import", "--from-events", str(cut), str(latin), "--index", str(index),
                               "--quiet"])
    assert r.exit_code == 1 and "Traceback" not in r.output, r.output
    errs = r.stderr.splitlines()
    assert errs[0].startswith(f"error: {cut}:2: not valid JSON (Unterminated string starting at column 14)")
    assert errs[1] == f"error: {latin}: not UTF-8 (save the file as UTF-8 and import it again); file skipped"
    assert "1 places added" in r.stdout or "1 place added" in r.stdout


def test_serve_refuses_a_store_that_does_not_exist(tmp_path: Path) -> None:
    """`serve --db typo.duckdb` made a new, empty store and served it (no keys, so nothing could be read or
    written); now it says how to make the store instead, and leaves no file behind."""
    pytest.importorskip("uvicorn")
    db = tmp_path / "typo.duckdb"
    r = runner().invoke(main, ["serve", "--db", str(db), "--port", "0"])
    assert r.exit_code == 1 and "serving" not in r.output and not db.exists()
    assert f"{db}: no such store" in r.output
    assert f"eventcoder keys create --role analyst --db {db}" in r.output and f"eventcoder run PATH --db {db}" in r.output


def test_export_that_matches_nothing_suggests_the_stored_names_and_refuses_a_reversed_range(tmp_path: Path) -> None:
    """`--admin1 raqqa` or `--event-type Battle` matched nothing with no hint of the stored spelling; a date
    range with from after to quietly wrote an empty file."""
    db = tmp_path / "s.duckdb"
    docs = tmp_path / "d.jsonl"
    docs.write_text(json.dumps({"id": "x", "published": "2017-01-03", "text": REPORT_TEXT.split("\n\n", 1)[1]}) + "\n",
                    encoding="utf-8")
    assert runner().invoke(main, ["run", str(docs), "--db", str(db), "-q"]).exit_code == 0
    (ev,) = list(Store(db, read_only=True).iter_events())
    assert ev.event_type and ev.country == "Somalia"
    r = runner().invoke(main, ["export", "--db", str(db), "--event-type", ev.event_type[:-3], "--country", "somali",
                               "-o", str(tmp_path / "e.csv")])
    assert r.exit_code == 0
    assert "did you mean --country 'Somalia'" in r.stderr and f"--event-type {ev.event_type!r}?" in r.stderr
    r = runner().invoke(main, ["export", "--db", str(db), "--date-from", "2017-02-01", "--date-to", "2017-01-01"])
    assert r.exit_code == 2 and "--date-from 2017-02-01 is after --date-to 2017-01-01" in r.output


def test_date_order_option_reads_numeric_dates_of_input_files(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": "Gunmen attacked a police post in Maiduguri, Nigeria on "
                                "Monday, killing four officers, police said.", "date": "06/01/2020"}) + "\n",
                    encoding="utf-8")
    r = runner().invoke(main, ["extract", str(feed), "--date-order", "dmy"])  # published Mon 6 January 2020
    assert r.exit_code == 0 and "warning" not in r.stderr, r.output
    assert [json.loads(line)["event_date"] for line in r.stdout.splitlines()] == ["2020-01-06"]
    r = runner().invoke(main, ["extract", str(feed)])
    assert r.exit_code == 0 and "is ambiguous" in r.stderr and "--date-order" in r.stderr


def test_gazetteer_import_writes_no_progress_bar_into_a_log(tmp_path: Path) -> None:
    """Without a terminal (a log, a pipe, CliRunner) tqdm's bar left a stray 'villages.csv: 0 rows [00:00, ?
    rows/s]' line after the import's own messages."""
    from eventcoder.gazetteer.build import build_from_files

    index = tmp_path / "gz.sqlite3"
    build_from_files(index, [Path(__file__).parent / "fixtures" / "gazetteer" / "places.csv"])
    villages = tmp_path / "villages.csv"
    villages.write_text("name,alt_names,country,admin1,admin2,lat,lon,feature\n"
                        "Tall Samin,Tal Samin,SY,Ar Raqqah,,36.21,39.02,village\n", encoding="utf-8")
    r = runner().invoke(main, ["gazetteer", "import", str(villages), "--index", str(index)])
    assert r.exit_code == 0, r.output
    assert "rows/s" not in r.stderr and "1 places added" in r.output


def test_gazetteer_build_shows_its_progress_bar_on_terminals_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`gazetteer build` into a log or a pipe wrote its tqdm bar as some 300 redrawn 'cities500: ..%' chunks."""
    import eventcoder.gazetteer.build as build

    asked: list[bool] = []
    monkeypatch.setattr(build, "build_default", lambda path, progress=False: asked.append(progress) or {"places": 1})
    r = runner().invoke(main, ["gazetteer", "build", "--index", str(tmp_path / "g.sqlite3")])
    assert r.exit_code == 0 and asked == [False], (r.output, asked)


def test_export_needs_review_filter_takes_serves_cut_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The API and the Python API filter on needs-review; `export` had no such option. Unset exports all; the
    cut-off is --review-confidence, else $EVENTCODER_REVIEW_CONFIDENCE, else 0.9, as for `serve`."""
    from test_api_support import REPORTS, events_of

    from eventcoder.records import Document

    monkeypatch.delenv("EVENTCODER_REVIEW_CONFIDENCE", raising=False)
    db = tmp_path / "r.duckdb"
    base = REPORTS[0]
    pairs = []
    for i, (conf, prec) in enumerate([(0.95, 1), (0.8, 1), (0.5, 1), (0.95, 3)]):
        doc = Document.from_text(f"{base['text']} ({i})", source=base["source"], published=base["published"])
        pairs.append((doc, events_of(doc, [{**base["events"][0], "confidence": conf, "geo_precision": prec}])))
    with Store(db) as store:
        assert all(store.add_batch(pairs))

    def confidences(*args: str) -> list[float]:
        r = runner().invoke(main, ["export", "--db", str(db), "--format", "jsonl", *args])
        assert r.exit_code == 0, r.output
        return sorted(json.loads(line)["confidence"] for line in r.stdout.splitlines())

    assert confidences() == [0.5, 0.8, 0.95, 0.95]
    assert confidences("--needs-review") == [0.5, 0.8, 0.95]  # 0.8 < 0.9; the 0.95 one is province-level
    assert confidences("--no-needs-review") == [0.95]
    assert confidences("--needs-review", "--review-confidence", "0.6") == [0.5, 0.95]
    monkeypatch.setenv("EVENTCODER_REVIEW_CONFIDENCE", "0.6")
    assert confidences("--needs-review") == [0.5, 0.95]
    assert confidences("--no-needs-review", "--review-confidence", "0.9") == [0.95]
    monkeypatch.setenv("EVENTCODER_REVIEW_CONFIDENCE", "high")
    r = runner().invoke(main, ["export", "--db", str(db), "--needs-review"])
    assert r.exit_code != 0 and "EVENTCODER_REVIEW_CONFIDENCE: 'high' is not a number from 0 to 1" in r.output
    assert confidences() == [0.5, 0.8, 0.95, 0.95]  # unset: the cut-off is not read
    r = runner().invoke(main, ["export", "--db", str(db), "--review-confidence", "0.5"])
    assert r.exit_code == 2 and "give one of those too" in r.output


@pytest.mark.parametrize("verb", ["export", "extract"])
def test_an_output_that_cannot_be_written_is_one_line_exit_1(tmp_path: Path, verb: str) -> None:
    """`eventcoder export -o /proc/x.csv` (or `extract -o`) ended in a FileNotFoundError traceback (session 9)."""
    report = tmp_path / "r.txt"
    report.write_text(REPORT_TEXT, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    if verb == "export":
        assert runner().invoke(main, ["run", str(report), "--db", str(db), "--no-dedupe", "-q"]).exit_code == 0
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    outs = [blocker / "x.csv"] + ([Path("/proc/x.csv")] if Path("/proc/self").exists() else [])
    for out in outs:
        args = ["export", "--db", str(db)] if verb == "export" else ["extract", str(report)]
        r = runner().invoke(main, [*args, "--format", "csv", "-o", str(out)])
        assert r.exit_code == 1, r.output
        assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
        err = r.stderr.strip().splitlines()
        assert err[-1].startswith(f"Error: {out}: cannot write the output (") and "give -o" in err[-1], err
        assert "Traceback" not in r.output


def test_a_rerun_after_an_interrupted_dedupe_dedupes_what_was_never_judged(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C in run's dedupe phase, then the same command: the rerun stored nothing new, so it skipped dedupe
    and the events never judged (not in ``dedupe_seen``) stayed unmerged with no word (session 9). It now
    dedupes what is left, says so, and ends with the merges of an uninterrupted run."""
    from eventcoder.cli import pipeline_cmds
    from eventcoder.stages.dedupe import list_merges

    src = tmp_path / "in"
    src.mkdir()
    (src / "early.txt").write_text("Published: 2016-01-05\n\nGunmen killed 4 people in Kirkuk, Iraq on 4 January "
                                   "2016, police said.\n", encoding="utf-8")  # the first date window alone
    shutil.copy(EXAMPLES / "newswire_mogadishu.txt", src)  # two reports of one incident, a year later
    shutil.copy(EXAMPLES / "casualty_update_mogadishu.txt", src)
    whole = tmp_path / "whole.duckdb"
    assert runner().invoke(main, ["run", str(src), "--db", str(whole), "-q"]).exit_code == 0
    with Store(whole) as s:
        expected = sorted(sorted(m["members"]) for m in list_merges(s))
    assert expected, "the two Mogadishu reports should merge"

    real = pipeline_cmds._DedupeProgress.__call__

    def interrupt(self: object, done: int, total: int) -> None:
        real(self, done, total)  # type: ignore[arg-type]
        if total and done == 1:  # after the first date window's merges are committed
            raise KeyboardInterrupt

    db = tmp_path / "i.duckdb"
    monkeypatch.setattr(pipeline_cmds._DedupeProgress, "__call__", interrupt)
    r = runner().invoke(main, ["run", str(src), "--db", str(db), "-q"])
    assert r.exit_code == 130 and "eventcoder dedupe --db" in r.stderr, r.output
    with Store(db) as s:
        assert not list_merges(s)
    monkeypatch.setattr(pipeline_cmds._DedupeProgress, "__call__", real)
    r2 = runner().invoke(main, ["run", str(src), "--db", str(db)])
    assert r2.exit_code == 0, r2.output
    assert "skipped (already stored) 3" in " ".join(r2.stdout.split())
    assert re.search(r"\d+ stored event\(s\) not yet judged by dedupe", r2.stderr), r2.stderr
    with Store(db) as s:
        assert sorted(sorted(m["members"]) for m in list_merges(s)) == expected
    r3 = runner().invoke(main, ["run", str(src), "--db", str(db)])  # all judged now: no dedupe, no word
    assert r3.exit_code == 0 and "not yet judged" not in r3.stderr and "deduplicating" not in r3.stderr, r3.output
