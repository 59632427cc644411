"""Bad input: every bad file gets one line naming it and what to do; the rest of the batch is stored;
the exit status says something failed; re-running stores nothing twice."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.errors import InputError
from eventcoder.settings import Settings
from eventcoder.stages.ingest import iter_documents
from eventcoder.stages.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "bad"
BIG_BYTES = 52 * 1024 * 1024


def _write_big(path: Path) -> None:
    """A >50 MB text file with one real report at its start, written at test time (never committed)."""
    head = (FIXTURES / "good.txt").read_text(encoding="utf-8").replace("Baghdad market", "Baghdad market again")
    head = head.replace("killing at least four", "killing at least three")
    filler = ("Markets opened as usual and the weather was mild in the capital on the day. " * 100 + "\n").encode()
    with path.open("wb") as fh:
        fh.write(head.encode() + b"\n")
        while fh.tell() < BIG_BYTES:
            fh.write(filler)


@pytest.fixture()
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    shutil.copytree(FIXTURES, folder)
    _write_big(folder / "huge.txt")
    return folder


def _lines(output: str, name: str) -> list[str]:
    return [line for line in output.splitlines() if name in line]


def test_ingest_reads_first_max_bytes_of_a_50mb_file(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    _write_big(big)
    assert big.stat().st_size > 50 * 1024 * 1024
    warnings: list[InputError] = []
    docs = list(iter_documents([big], Settings(), None, warnings.append))
    assert len(docs) == 1
    assert len(docs[0].text.encode()) <= Settings().max_bytes
    assert docs[0].text.startswith("Car bomb kills four in Baghdad market again")
    assert len(warnings) == 1 and "read only the first 20,000,000" in str(warnings[0])


def test_bad_batch_cli(batch: Path, tmp_path: Path) -> None:
    db = tmp_path / "bad.duckdb"
    args = ["run", str(batch), "--db", str(db), "--max-bytes", "200000", "--no-dedupe"]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 1, r.output
    err = r.stderr
    # one line each, naming the file and what to do
    (empty,) = _lines(err, "empty.txt")
    assert empty.startswith("error: ") and "empty file" in empty and "(" in empty
    (binary,) = _lines(err, "binary.dat")
    assert binary.startswith("error: ") and "binary" in binary and "convert" in binary
    latin = _lines(err, "latin1.txt")  # decoded with a warning (and maybe "no events": French text)
    assert any(line.startswith("warning: ") and "not UTF-8" in line for line in latin)
    assert any("truncated" in line for line in _lines(err, "truncated.html"))
    huge = _lines(err, "huge.txt")
    assert any(line.startswith("warning: ") and "read only the first" in line for line in huge)
    (none,) = _lines(err, "no_events.txt")
    assert none.startswith("warning: ") and "no events" in none
    assert not _lines(err, "good.txt")
    with Store(db, read_only=True) as s:
        paths = {Path(p).name for (p,) in s.con.execute("SELECT path FROM documents").fetchall()}
        assert paths == {"good.txt", "latin1.txt", "truncated.html", "huge.txt", "no_events.txt"}
        good_events = list(s.iter_events(doc_id=_doc_id(s, "good.txt")))
        assert good_events and good_events[0].killed == 4 and good_events[0].country == "Iraq"
        latin_doc = s.get_document(_doc_id(s, "latin1.txt"))
        assert latin_doc is not None and "Maïduguri" in latin_doc.text
        n_docs, n_events = s.count_documents(), s.count_events(include_merged=True)
    assert "failed" in r.stdout and str(db.resolve()) in r.stdout

    # again: nothing stored twice, the same files fail again, exit status still 1
    r2 = CliRunner().invoke(main, args)
    assert r2.exit_code == 1
    assert len(_lines(r2.stderr, "empty.txt")) == 1
    with Store(db, read_only=True) as s:
        assert (s.count_documents(), s.count_events(include_merged=True)) == (n_docs, n_events)

    # only good input: exit 0
    r3 = CliRunner().invoke(main, ["run", str(batch / "good.txt"), "--db", str(db), "-q"])
    assert r3.exit_code == 0


def _doc_id(store: Store, name: str) -> str:
    row = store.con.execute("SELECT doc_id FROM documents WHERE path LIKE ?", [f"%{name}"]).fetchone()
    assert row is not None
    return str(row[0])


def test_bad_batch_real_subprocess(batch: Path, tmp_path: Path) -> None:
    (batch / "huge.txt").unlink()  # covered above; keep the subprocess quick
    db = tmp_path / "sub.duckdb"
    cmd = [sys.executable, "-m", "eventcoder", "run", str(batch), "--db", str(db), "--no-dedupe"]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert p.returncode == 1, p.stderr
    assert "Traceback" not in p.stderr
    assert len(_lines(p.stderr, "empty.txt")) == 1 and len(_lines(p.stderr, "binary.dat")) == 1
    assert "good.txt" not in p.stderr
    p2 = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert p2.returncode == 1
    with Store(db, read_only=True) as s:
        assert s.count_documents() == 4


def test_extract_bad_inputs_exit_1_and_still_prints_good(batch: Path) -> None:
    (batch / "huge.txt").unlink()
    r = CliRunner().invoke(main, ["extract", str(batch), "-q"])
    assert r.exit_code == 1
    assert '"Baghdad"' in r.stdout  # the good report's events are printed
    assert _lines(r.stderr, "binary.dat") and not _lines(r.stderr, "latin1.txt")  # -q hides warnings


def test_locked_store_from_cli(tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    Store(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb,sys; c=duckdb.connect({str(db)!r}); print('ok', flush=True); "
         "sys.stdin.read()"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        r = CliRunner().invoke(main, ["run", str(FIXTURES / "good.txt"), "--db", str(db), "-q"])
        assert r.exit_code == 1
        assert "close the other eventcoder process or use --db another.duckdb" in r.output
        assert "Traceback" not in r.output
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


def test_analyst_bad_inputs_one_line_each_rest_stored_rerun_stores_nothing_twice(tmp_path: Path) -> None:
    """A broken JSONL line, an empty folder, a CSV without a text column: one line each on stderr naming
    the file (and line) and what to do; the good rows are stored; a rerun stores nothing twice."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)  # an empty folder inside the corpus is no error
    (tmp_path / "nothing_here").mkdir()  # an empty folder given on the command line is
    (tmp_path / "only_hidden").mkdir()
    (tmp_path / "only_hidden" / ".DS_Store").write_bytes(b"\x00\x01")
    good = (FIXTURES / "good.txt").read_text(encoding="utf-8")
    (folder / "rows.jsonl").write_text(
        '{"id": "r1", "published": "2017-01-02", "text": ' + json.dumps(good) + '}\n{"id": "r2", "text": broken\n',
        encoding="utf-8")
    (folder / "titles.csv").write_text("title,url\nA title,http://example.org/a\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    args = ["run", str(folder), str(tmp_path / "nothing_here"), str(tmp_path / "only_hidden"), "--db", str(db), "-q",
            "--no-dedupe"]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 1, r.output
    errors = [line for line in r.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 4, r.stderr
    (empty,) = _lines(r.stderr, "nothing_here")
    assert "folder holds no files" in empty and "put the reports in it" in empty
    (hidden,) = _lines(r.stderr, "only_hidden")
    assert "folder holds no files" in hidden
    (broken,) = _lines(r.stderr, "rows.jsonl:2")
    assert "not valid JSON" in broken and "one JSON object per line" in broken
    (csv_line,) = _lines(r.stderr, "titles.csv")
    assert "no text column" in csv_line and "title, url" in csv_line and "add a 'text' column" in csv_line
    with Store(db, read_only=True) as s:
        counts = (s.count_documents(), s.count_events(include_merged=True))
    assert counts[0] == 1 and counts[1] >= 1
    r2 = CliRunner().invoke(main, args)
    assert r2.exit_code == 1 and len([x for x in r2.stderr.splitlines() if x.startswith("error: ")]) == 4
    with Store(db, read_only=True) as s:
        assert (s.count_documents(), s.count_events(include_merged=True)) == counts
    r4 = CliRunner().invoke(main, ["run", str(tmp_path / "nothing_here"), "--db", str(tmp_path / "new.duckdb"), "-q"])
    assert r4.exit_code == 1 and "next: nothing is stored yet" in r4.stdout and "next: eventcoder export" not in r4.stdout
    # extract of an empty folder says so too (it printed nothing and exited 0 before)
    r3 = CliRunner().invoke(main, ["extract", str(tmp_path / "nothing_here")])
    assert r3.exit_code == 1 and "folder holds no files" in r3.stderr


@pytest.mark.parametrize("kind", ["jsonl", "csv", "sqlite", "folder"])
def test_db_that_is_not_a_store_is_refused_and_left_untouched(tmp_path: Path, kind: str) -> None:
    """--db given a report file, a CSV, the gazetteer's SQLite index or a folder: DuckDB 2 would open such a
    file as an empty in-memory database, so `run` reported documents stored that vanished on exit (and a
    SQLite file made DuckDB try to download an extension). Now one line names the file and what to do."""
    import sqlite3

    target = tmp_path / {"jsonl": "reports.jsonl", "csv": "events.csv", "sqlite": "gaz.sqlite3",
                         "folder": "out"}[kind]
    if kind == "jsonl":
        target.write_text('{"id": "a", "text": "A bomb killed 3 in Mosul, Iraq on 2 January 2017."}\n', encoding="utf-8")
    elif kind == "csv":
        target.write_text("event_id,country\nev:1,Iraq\n", encoding="utf-8")
    elif kind == "sqlite":
        con = sqlite3.connect(target)
        con.execute("CREATE TABLE t (x)")
        con.commit()
        con.close()
    else:
        target.mkdir()
    before = target.read_bytes() if target.is_file() else None
    for args in (["run", str(FIXTURES / "good.txt"), "--db", str(target), "-q"],
                 ["export", "--db", str(target), "--format", "jsonl"],
                 ["keys", "create", "--role", "reader", "--db", str(target)],
                 ["gazetteer", "missing", "--db", str(target)]):
        r = CliRunner().invoke(main, args)
        assert r.exit_code in (1, 2), (args, r.output)
        last = r.output.strip().splitlines()[-1]  # click's usage errors put 'Usage:' lines above the one line
        assert last.startswith("Error: ") and str(target) in last and "Traceback" not in r.output, r.output
        if kind != "folder":
            assert "not an eventcoder store" in r.output and "new file name" in r.output, r.output
    if before is not None:
        assert target.read_bytes() == before
    else:
        assert list(target.iterdir()) == []


def test_a_repeated_row_id_is_named_once_and_the_rest_stored(tmp_path: Path) -> None:
    rows = tmp_path / "dup.jsonl"
    rows.write_text('{"id": "k1", "text": "A bomb killed 3 in Mosul, Iraq on 2 January 2017."}\n'
                    '{"id": "k1", "text": "Gunmen killed 2 in Kabul on 3 January 2017."}\n'
                    '{"id": "k2", "text": "A roadside bomb killed 4 in Kirkuk on 4 January 2017."}\n', encoding="utf-8")
    db = tmp_path / "s.duckdb"
    r = CliRunner().invoke(main, ["run", str(rows), "--db", str(db), "-q", "--no-dedupe"])
    assert r.exit_code == 1
    (line,) = [x for x in r.stderr.splitlines() if x.startswith("error: ")]
    assert line == (f"error: {rows} [id k1]: document id 'k1' is already stored or repeated with different content "
                    "(give each document a unique id) (the rest of the batch is stored)")
    with Store(db, read_only=True) as s:
        assert s.count_documents() == 2
