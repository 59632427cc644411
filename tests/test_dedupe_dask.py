"""An interrupted Dask dedupe, then a rerun, ends where one uninterrupted local run ends (session 10).

tests/test_dask.py covers a rerun after ``--no-dedupe`` and the Ctrl-C message; this one stops the store-level
dedupe of ``--engine dask`` for real after its first date window (that window's merges are committed, the
rest of the store is not judged) and checks that the rerun, which stores nothing new, judges the rest and
leaves the same events, merges and judged marks as the local engine run once without interruption."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventcoder.scale.synthetic import write_synthetic
from eventcoder.settings import Settings
from eventcoder.stages.store import Store

pytest.importorskip("dask.distributed", reason="pip install -e '.[scale]'")


def _snapshot(db: Path) -> tuple[list[dict[str, object]], list[tuple[str, ...]], int]:
    with Store(db, read_only=True) as s:
        events = sorted((e.to_dict() for e in s.iter_events(include_merged=True, order="id")),
                        key=lambda d: str(d["event_id"]))
        merged = s.con.execute("SELECT event_id, merged_into FROM events WHERE merged_into IS NOT NULL "
                               "ORDER BY event_id").fetchall()
        seen = s.con.execute("SELECT count(DISTINCT event_id) FROM dedupe_seen").fetchone()
        return events, [tuple(r) for r in merged], int(seen[0]) if seen else 0


def test_an_interrupted_dask_dedupe_finishes_on_rerun_as_one_local_run(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from eventcoder.cli import main
    from eventcoder.scale.dask_engine import run_dask
    from eventcoder.stages import dedupe
    from eventcoder.stages.dedupe import unjudged_events

    corpus = tmp_path / "c.jsonl"
    write_synthetic(corpus, 40, seed=5)  # two years of incidents: many 30-day dedupe windows
    local_db = tmp_path / "local.duckdb"
    res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(local_db), "-q"])
    assert res.exit_code == 0, res.output
    local = _snapshot(local_db)
    assert local[1], "dedupe merged nothing: the rerun's dedupe is untested"

    real = dedupe.dedupe_store
    windows: list[tuple[int, int]] = []

    def first_window_then_interrupt(store: Store, settings: Settings, on_chunk: Any = None) -> dict[str, Any]:
        def stop(done: int, total: int) -> None:
            windows.append((done, total))
            raise KeyboardInterrupt  # after the first window's merges were committed

        return real(store, settings, on_chunk=stop)

    dask_db = tmp_path / "dask.duckdb"
    monkeypatch.setattr(dedupe, "dedupe_store", first_window_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        run_dask([str(corpus)], Settings(quiet=True), dask_db, None, n_workers=2, partition_docs=9, processes=False)
    assert windows and windows[0][0] == 1 and windows[0][1] > 2, windows  # stopped after window 1 of several
    with Store(dask_db) as s:
        left = unjudged_events(s)
    assert left > 0, "the interrupted dedupe judged everything: nothing for the rerun to do"
    partial = _snapshot(dask_db)
    assert 0 < partial[2] < local[2] and partial[1] != local[1]

    monkeypatch.setattr(dedupe, "dedupe_store", real)
    again = run_dask([str(corpus)], Settings(quiet=True), dask_db, None, n_workers=1, partition_docs=9,
                     processes=False)
    assert again["stored"] == 0 and again["dedupe"] is not None
    with Store(dask_db) as s:
        assert unjudged_events(s) == 0
    assert _snapshot(dask_db) == local
    # a third run has nothing left to judge and changes nothing
    third = run_dask([str(corpus)], Settings(quiet=True), dask_db, None, n_workers=1, partition_docs=9,
                     processes=False)
    assert third["stored"] == 0 and third["dedupe"] is None
    assert _snapshot(dask_db) == local
