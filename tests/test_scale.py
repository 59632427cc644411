"""Corpus-scale ingest: synthetic corpora are deterministic and streamed; an interrupted run resumes
without duplicates."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from eventcoder.scale.synthetic import iter_synthetic, write_synthetic
from eventcoder.stages.store import Store


def test_synthetic_is_deterministic_and_grouped(tmp_path: Path) -> None:
    a = list(iter_synthetic(50, seed=11))
    assert a == list(iter_synthetic(50, seed=11))
    assert a != list(iter_synthetic(50, seed=12))
    assert len(a) == 50 and len({r["id"] for r in a}) == 50
    assert len({r["incident"] for r in a}) < 50  # some incidents are told by several reports
    assert {r["source_type"] for r in a} <= {"news", "official", "claim"}
    out = tmp_path / "c.jsonl"
    assert write_synthetic(out, 50, seed=11) == 50
    assert [json.loads(line) for line in out.read_text().splitlines()] == a


def _snapshot(db: Path) -> tuple[int, list[dict[str, object]], int]:
    with Store(db, read_only=True) as s:
        events = sorted((e.to_dict() for e in s.iter_events(include_merged=True)), key=lambda d: str(d["event_id"]))
        dup = s.con.execute("SELECT count(*) - count(DISTINCT content_hash) FROM documents").fetchone()
        return s.count_documents(), events, int(dup[0]) if dup else -1


def test_killed_run_resumes_without_duplicates(tmp_path: Path) -> None:
    from eventcoder.cli import main

    n = 80
    corpus = tmp_path / "c.jsonl"
    write_synthetic(corpus, n, seed=5)
    db = tmp_path / "r.duckdb"
    wal = Path(str(db) + ".wal")
    proc = subprocess.Popen([sys.executable, "-m", "eventcoder", "run", str(corpus), "--db", str(db), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 20_000:  # a few documents are committed
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)  # a crash, not a polite Ctrl-C
    proc.wait(timeout=30)
    stored, _events, dup = _snapshot(db)
    assert 0 < stored < n and dup == 0
    res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(db), "-q"])
    assert res.exit_code == 0, res.output
    resumed = _snapshot(db)
    assert resumed[0] == n and resumed[2] == 0
    clean = tmp_path / "clean.duckdb"
    res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(clean), "-q"])
    assert res.exit_code == 0, res.output
    assert resumed == _snapshot(clean)


def _batch_sizes(monkeypatch) -> list[int]:  # type: ignore[no-untyped-def]
    """Spy on Store.add_batch: the returned list gets the size of every batch written, in order."""
    sizes: list[int] = []
    real = Store.add_batch

    def spy(self: Store, items):  # type: ignore[no-untyped-def]
        items = list(items)
        sizes.append(len(items))
        return real(self, items)

    monkeypatch.setattr(Store, "add_batch", spy)
    return sizes


def test_run_commits_in_growing_batches_and_resumes_by_lookup(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`run` stores documents in batches of 1, 2, 4, ... (one transaction each), skips stored input with
    batched lookups, and a re-run over a half-stored corpus stores exactly the rest."""
    from eventcoder.cli import main, pipeline_cmds

    corpus = tmp_path / "c.jsonl"
    write_synthetic(corpus, 40, seed=3)
    half = tmp_path / "half.jsonl"
    half.write_text("".join(corpus.read_text().splitlines(keepends=True)[:17]))
    sizes = _batch_sizes(monkeypatch)
    monkeypatch.setattr(pipeline_cmds, "LOOKAHEAD_DOCS", 5)
    monkeypatch.setattr(pipeline_cmds, "RUN_BATCH_SECONDS", 1e9)  # sizes only (a loaded machine hits the 3 s flush)
    db = tmp_path / "b.duckdb"
    res = CliRunner().invoke(main, ["run", str(half), "--db", str(db), "-q", "--no-dedupe"])
    assert res.exit_code == 0, res.output
    assert sizes == [1, 2, 4, 8, 2]  # doubling, then the rest at the end
    sizes.clear()
    res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(db), "-q", "--no-dedupe"])
    assert res.exit_code == 0, res.output
    flat = " ".join(res.stdout.split())
    assert "stored 23" in flat and "skipped (already stored) 17" in flat
    assert sum(sizes) == 23  # the 17 stored documents never reached extraction or the writer
    with Store(db, read_only=True) as s:
        assert s.count_documents() == 40
        dup = s.con.execute("SELECT count(*) - count(DISTINCT content_hash) FROM documents").fetchone()
        assert dup == (0,)


def _art_bytes(s: Store) -> int:
    row = s.con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory() WHERE tag = 'ART_INDEX'").fetchone()
    return int(row[0] or 0) if row else 0


def test_store_keeps_no_per_document_index_in_memory(tmp_path: Path) -> None:
    """DuckDB holds every ART index (PRIMARY KEY, UNIQUE, CREATE INDEX) whole in memory, so memory grew with
    the store (~0.4 KB per document); schema 2 keeps none, and re-running still stores nothing twice. The
    schema-1 layout is checked beside it, so the measurement itself is shown to see index memory."""
    from eventcoder.records import Document, Event
    from eventcoder.stages.dedupe import _mark_seen, ensure_merges_table

    def items(lo: int, hi: int) -> list[tuple[Document, list[Event]]]:
        out = []
        for i in range(lo, hi):
            doc = Document.from_text(f"report {i}: a car bomb in Baghdad killed {i % 9} people", doc_id=f"d{i}")
            out.append((doc, [Event(event_id=f"ev:{i}", event_date="2017-01-02", doc_ids=(doc.doc_id,),
                                    evidence={"killed": [0, 6]}, source="wire")]))
        return out

    from test_store import _legacy_store

    _legacy_store(tmp_path / "old.duckdb")
    with Store(tmp_path / "old.duckdb") as old:
        old.add_documents(items(0, 3000))
        assert _art_bytes(old) > 3000 * 50  # the old layout: index memory per stored document
    with Store(tmp_path / "new.duckdb") as s:
        ensure_merges_table(s)
        for lo in range(0, 3000, 500):
            assert s.add_documents(items(lo, lo + 500)) == 500
            _mark_seen(s, [f"ev:{i}" for i in range(lo, lo + 500)])
            _mark_seen(s, [f"ev:{i}" for i in range(lo, lo + 500)])  # marking twice keeps one row each
            assert _art_bytes(s) == 0
        assert s.add_documents(items(0, 3000)) == 0
        assert s.con.execute("SELECT count(*), count(DISTINCT event_id) FROM dedupe_seen").fetchone() == (3000, 3000)
        assert (s.count_documents(), s.count_events()) == (3000, 3000)


def test_run_logs_progress_with_rate_and_eta(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from eventcoder.cli import main, pipeline_cmds

    assert pipeline_cmds.progress_line(1200, 10000, 30.0) == \
        "progress: 1,200 of 10,000 documents (12%), 40.0 docs/s, ETA 3 min 40 s"
    assert pipeline_cmds.progress_line(10, 1_000_000, 10.0).endswith("1.0 docs/s, ETA 277 h 46 min")
    assert pipeline_cmds.progress_line(5, None, 2.0) == "progress: 5 documents, 2.5 docs/s"
    corpus = tmp_path / "c.jsonl"
    write_synthetic(corpus, 6, seed=2)
    monkeypatch.setattr(pipeline_cmds, "PROGRESS_SECONDS", 0.0)
    res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(tmp_path / "p.duckdb"), "--no-dedupe"])
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.output.splitlines() if ln.startswith("progress: ")]
    assert lines[-1].startswith("progress: 6 of 6 documents (100%)") and len(lines) == 6


def test_run_commits_a_batch_once_its_texts_are_large(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A batch is committed at RUN_BATCH_CHARS of text too, so huge documents never pile up past the cap."""
    from eventcoder.cli import main, pipeline_cmds

    corpus = tmp_path / "c.jsonl"
    write_synthetic(corpus, 12, seed=4)
    sizes = _batch_sizes(monkeypatch)
    monkeypatch.setattr(pipeline_cmds, "RUN_BATCH_CHARS", 1)  # every document fills a batch
    monkeypatch.setattr(pipeline_cmds, "RUN_BATCH_SECONDS", 1e9)
    res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(tmp_path / "b.duckdb"), "-q", "--no-dedupe"])
    assert res.exit_code == 0, res.output
    assert sizes == [1] * 12


def _stored_corpus(tmp_path: Path, n: int = 30) -> Path:
    """A store of ``n`` synthetic documents, extracted by `eventcoder run --no-dedupe` (nothing merged yet)."""
    from eventcoder.cli import main

    corpus = tmp_path / "c.jsonl"
    write_synthetic(corpus, n, seed=3)
    db = tmp_path / "s.duckdb"
    res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(db), "-q", "--no-dedupe"])
    assert res.exit_code == 0, res.output
    return db


def _merges(db: Path) -> list[tuple[str, str]]:
    with Store(db, read_only=True) as s:
        return [tuple(r) for r in s.con.execute("SELECT event_id, merged_into FROM events "
                                                "WHERE merged_into IS NOT NULL ORDER BY event_id").fetchall()]


def _deduped_and_copy(tmp_path: Path) -> tuple[Path, Path, dict[str, object]]:
    """A stored corpus deduped once under a 16 MB cap (the clean pass: its path and report) and an undeduped
    copy of it for a pass that runs out of memory."""
    import shutil

    from eventcoder.stages import dedupe as D

    db = _stored_corpus(tmp_path)
    flaky_db = tmp_path / "flaky.duckdb"
    shutil.copy(db, flaky_db)
    with Store(db, memory_limit="16MB") as s:
        clean = D.dedupe_store(s, None)
    assert clean["merged"] > 0, "the synthetic corpus gave dedupe nothing to merge"
    return db, flaky_db, clean


def test_dedupe_store_retries_a_chunk_that_runs_out_of_memory(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The retry lives in dedupe_store itself (every caller: run, dedupe, the Dask engine, the Python API):
    a chunk that runs out of memory is redone under 4x the cap, the others run under the cap, and the
    result (merges and counts) is the same as a pass that never ran out."""
    import duckdb
    import pytest

    from eventcoder.errors import StorageError
    from eventcoder.stages import dedupe as D

    db, flaky_db, clean = _deduped_and_copy(tmp_path)

    real = D._dedupe_chunk
    caps: list[int | None] = []

    def flaky(store: Store, *a: object) -> dict[str, int]:
        caps.append(store.memory_limit_bytes())
        if len(caps) == 2:  # the second chunk runs out once
            raise duckdb.OutOfMemoryException("could not allocate block")
        return real(store, *a)  # type: ignore[arg-type]

    monkeypatch.setattr(D, "_dedupe_chunk", flaky)
    with Store(flaky_db, memory_limit="16MB") as s:
        cap = s.memory_limit_bytes()
        assert cap is not None
        assert D.dedupe_store(s, None) == clean  # counts of the failed try are not added twice
        assert s.memory_limit_bytes() == cap  # set back after the retry
    assert caps[0] == caps[1] == cap and (caps[2] or 0) > 3.9 * cap  # 4x (DuckDB rounds to 0.1 MiB)
    assert all(c == cap for c in caps[3:])  # the next chunks run under the cap again
    assert _merges(flaky_db) == _merges(db)

    tries: list[int | None] = []

    def always(store: Store, *a: object) -> dict[str, int]:
        tries.append(store.memory_limit_bytes())
        raise duckdb.OutOfMemoryException("could not allocate block")

    monkeypatch.setattr(D, "_dedupe_chunk", always)
    with Store(db, memory_limit="16MB") as s:
        with pytest.raises(StorageError, match=r"in the dedupe .*EVENTCODER_DB_MEMORY higher .*eventcoder dedupe"):
            D.dedupe_store(s, None)
        # the same policy as Store.add_batch (test_store.py): 4x, at most 3 retries, the cap set back
        assert [round((c or 0) / cap) for c in tries] == [1, 4, 16, 64]
        assert s.memory_limit_bytes() == cap



def test_a_chunk_that_runs_out_of_memory_after_its_merges_leaves_nothing_half_done(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Out of memory inside a chunk's merge transaction (here: marking its events judged, the last step) rolls
    the whole chunk back, so its retry redoes it from scratch: the same merges and counts as a pass that never
    ran out. (When the judged marks were written after the merges' commit, the retry found the merges done and
    its events unjudged: the report lost the chunk's merges and the merged events could pair again.)"""
    import duckdb

    from eventcoder.stages import dedupe as D

    db, flaky_db, clean = _deduped_and_copy(tmp_path)

    real = D._mark_seen
    raised: list[int] = []

    def flaky(store: Store, ids: object) -> None:
        done = store.con.execute("SELECT count(*) FROM merges").fetchone()
        if not raised and done and done[0] > 0:  # the chunk's merges are written: run out now, once
            raised.append(done[0])
            raise duckdb.OutOfMemoryException("could not allocate block")
        real(store, ids)  # type: ignore[arg-type]

    monkeypatch.setattr(D, "_mark_seen", flaky)
    with Store(flaky_db, memory_limit="16MB") as s:
        assert D.dedupe_store(s, None) == clean
        assert raised
        assert s.con.execute("SELECT count(*) FROM merges").fetchone() == (clean["clusters"],)  # none twice
    assert _merges(flaky_db) == _merges(db)


def test_keycheck_says_whether_the_key_tables_were_used(tmp_path: Path) -> None:
    """`bench --keycheck` on a schema-3 store whose keys another DuckDB release made (or made before the key
    probe) measures string scans: its output says so, instead of passing them off as key-table checks."""
    from eventcoder.records import Document, Event
    from eventcoder.scale.bench import keycheck

    db = tmp_path / "k.duckdb"
    with Store(db) as s:
        docs = [Document.from_text(f"stored {i}", doc_id=f"d{i}") for i in range(20)]
        s.add_documents([(d, [Event(event_id=f"e{i}", doc_ids=(d.doc_id,))]) for i, d in enumerate(docs)])
    out = keycheck(db, batch=5, batches=3)
    assert out["schema"] == 3 and out["key_tables"] is True and out["documents"] == 20
    with Store(db) as s:
        s.con.execute("UPDATE store_meta SET v = 'another release' WHERE k = 'key_probe'")
    assert keycheck(db, batch=5, batches=3)["key_tables"] is False


_SPAN = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1]))


@given(st.lists(_SPAN, max_size=25), _SPAN)
def test_span_containment_index_answers_as_the_pairwise_scan_did(spans: list[tuple[int, int]],
                                                                 probe: tuple[int, int]) -> None:
    """extract's containment tests (an actor inside a longer place name, a place inside an actor mention, a
    place starting inside a country name) were pairwise scans, quadratic in a long report (a 1 MB report
    took ~100 s, most of it there); the sorted index must give the same answers."""
    from eventcoder.stages.extract import _Covers

    idx = _Covers(spans)
    s, e = probe
    assert idx.covers(s, e) == any(a <= s and e <= b for a, b in spans)
    assert idx.strictly(s, e) == any(a <= s and e <= b and b - a > e - s for a, b in spans)
    assert idx.starts_in(s) == any(a <= s < b for a, b in spans)
