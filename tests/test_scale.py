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


def test_run_commits_in_growing_batches_and_resumes_by_lookup(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`run` stores documents in batches of 1, 2, 4, ... (one transaction each), skips stored input with
    batched lookups, and a re-run over a half-stored corpus stores exactly the rest."""
    from eventcoder.cli import main, pipeline_cmds

    corpus = tmp_path / "c.jsonl"
    write_synthetic(corpus, 40, seed=3)
    half = tmp_path / "half.jsonl"
    half.write_text("".join(corpus.read_text().splitlines(keepends=True)[:17]))
    sizes: list[int] = []
    real = Store.add_batch

    def spy(self: Store, items):  # type: ignore[no-untyped-def]
        items = list(items)
        sizes.append(len(items))
        return real(self, items)

    monkeypatch.setattr(Store, "add_batch", spy)
    monkeypatch.setattr(pipeline_cmds, "LOOKAHEAD_DOCS", 5)
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
