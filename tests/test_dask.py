"""The Dask engine gives the same events as the local engine on the same input (LocalCluster)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.scale.synthetic import write_synthetic
from eventcoder.settings import Settings
from eventcoder.stages.store import Store

pytest.importorskip("dask.distributed", reason="pip install -e '.[scale]'")


def _snapshot(db: Path) -> tuple[list[dict[str, object]], int, list[tuple[str, ...]]]:
    with Store(db, read_only=True) as s:
        events = sorted((e.to_dict() for e in s.iter_events(include_merged=True, order="id")),
                        key=lambda d: str(d["event_id"]))
        merged = s.con.execute("SELECT event_id, merged_into FROM events WHERE merged_into IS NOT NULL "
                               "ORDER BY event_id").fetchall()
        return events, s.count_documents(), [tuple(r) for r in merged]


# a one-line headline document and the account of its incident: the headline joins the incident only when dedupe
# reads the stored document texts (dedupe.headline_reports, session 9); without them it is scored as a full account
HEADLINE = {"id": "hl-head", "text": "Mogadishu explosion kills several Jan. 2", "published": "2017-01-02",
            "source": "Radio Example", "source_type": "news"}
ACCOUNT = {"id": "hl-acc", "text": "On 2 January 2017, a suicide car bomber struck a checkpoint near the Sahafi hotel in "
           "Mogadishu, Somalia. Seven people were killed and ten were wounded, police said.", "published": "2017-01-02",
           "source": "Example Wire", "source_type": "news"}


def test_dask_matches_local(tmp_path: Path) -> None:
    import json

    from eventcoder.cli import main
    from eventcoder.scale.dask_engine import run_dask
    from eventcoder.stages import dedupe as D

    corpus = tmp_path / "c.jsonl"
    write_synthetic(corpus, 60, seed=3)
    # the headline first and its account last: they fall into different partitions
    lines = [json.dumps(HEADLINE), *corpus.read_text(encoding="utf-8").splitlines(), json.dumps(ACCOUNT)]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    local_db = tmp_path / "local.duckdb"
    res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(local_db), "-q"])
    assert res.exit_code == 0, res.output
    dask_db = tmp_path / "dask.duckdb"
    out = tmp_path / "parts"
    # partitions of 7 documents: reports of one incident land in different partitions
    summary = run_dask([str(corpus)], Settings(quiet=True), dask_db, None, n_workers=2, partition_docs=7,
                       processes=False, out_dir=out)
    assert summary["stored"] == 62 and summary["partitions"] == 9
    assert len(list(out.glob("part-*.parquet"))) == 9
    local, dask = _snapshot(local_db), _snapshot(dask_db)
    assert dask[1] == local[1] == 62
    assert local[0], "the pipeline found no events in the synthetic corpus"
    assert dask[0] == local[0]
    assert dask[2] == local[2]
    assert local[2], "dedupe merged nothing: cross-partition dedupe is untested"
    # both engines' dedupe read the document texts: the headline joined its account's incident, which it does
    # not without them (so the equality above fails if the Dask path's dedupe is not given the texts)
    with Store(local_db, read_only=True) as s:
        pair = sorted((e for e in s.iter_events(include_merged=True, order="id")
                       if e.doc_ids in (("hl-acc",), ("hl-head",))), key=lambda e: e.doc_ids)  # not the merged event
        texts = dict(s.con.execute("SELECT doc_id, text FROM documents WHERE doc_id LIKE 'hl-%'").fetchall())
    merged = dict(local[2])
    assert len(pair) == 2 and merged.get(pair[0].event_id) and merged.get(pair[0].event_id) == merged.get(pair[1].event_id)
    assert D.cluster(pair, D.DedupeConfig.default(), source_texts=texts).clusters == [[0, 1]]
    assert D.cluster(pair, D.DedupeConfig.default()).clusters == [[0], [1]]
    # re-running skips everything that is stored
    again = run_dask([str(corpus)], Settings(quiet=True), dask_db, None, n_workers=1, partition_docs=7,
                     processes=False)
    assert again["stored"] == 0 and again["skipped"] == 62
    assert _snapshot(dask_db) == dask


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventcoder.cli import main

    monkeypatch.setenv("EVENTCODER_DASK_CONNECT_TIMEOUT", "1s")
    corpus = tmp_path / "c.jsonl"
    write_synthetic(corpus, 3)
    res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(tmp_path / "x.duckdb"), "--engine", "dask",
                                    "--scheduler", "tcp://127.0.0.1:9", "-q"])
    assert res.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in res.output
    # an address without a port used to end in distributed's ValueError traceback
    res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(tmp_path / "x.duckdb"), "--engine", "dask",
                                    "--scheduler", "nonsense", "-q"])
    assert res.exit_code == 1 and res.exception is None or isinstance(res.exception, SystemExit)
    assert "--scheduler nonsense: not a Dask scheduler address (missing port number" in res.output
    assert "tcp://HOST:8786" in res.output


def test_dask_dedupe_retries_out_of_memory_with_more(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Dask engine's store-level dedupe runs under the same out-of-memory policy as `run` and `dedupe`
    (Store.with_more_memory, applied per chunk inside dedupe_store): a chunk that runs out is redone under
    4x the cap and the merges still happen; without the retry the error would end the run."""
    import duckdb

    from eventcoder.scale.dask_engine import run_dask
    from eventcoder.stages import dedupe as D

    corpus = tmp_path / "c.jsonl"
    write_synthetic(corpus, 20, seed=3)
    real = D._dedupe_chunk
    caps: list[int | None] = []

    def flaky(store: Store, *a: object) -> dict[str, int]:
        caps.append(store.memory_limit_bytes())
        if len(caps) == 1:
            raise duckdb.OutOfMemoryException("could not allocate block")
        return real(store, *a)  # type: ignore[arg-type]

    monkeypatch.setattr(D, "_dedupe_chunk", flaky)
    summary = run_dask([str(corpus)], Settings(quiet=True), tmp_path / "d.duckdb", None, n_workers=1,
                       partition_docs=10, processes=False)
    assert summary["stored"] == 20 and summary["dedupe_merged"] > 0
    assert caps[0] is not None and (caps[1] or 0) > 3.9 * caps[0]  # the failed chunk, again under 4x the cap
    assert all(c == caps[0] for c in caps[2:])  # then the cap is set back


def test_dask_engine_names_each_bad_input_and_stores_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`run --engine dask` printed nothing for bad input (only a count): now one line each, as the local engine."""
    from eventcoder.cli import main
    from eventcoder.scale import dask_engine

    real_client = dask_engine._client
    monkeypatch.setattr(dask_engine, "_client", lambda sched, n, _proc: real_client(sched, 1, False))  # threads: fast
    corpus = tmp_path / "in"
    corpus.mkdir()
    write_synthetic(corpus / "c.jsonl", 5, seed=4)
    with (corpus / "c.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"id": "x", "text": broken\n')
    (corpus / "d.jsonl").write_text('{"id": "k1", "text": "A bomb killed 3 in Mosul, Iraq on 2 January 2017."}\n'
                                    '{"id": "k1", "text": "Gunmen killed 2 in Kabul on 3 January 2017."}\n',
                                    encoding="utf-8")
    (corpus / "b.txt").write_bytes(b"\x7fELF\x00\x00\x01")
    (tmp_path / "empty").mkdir()
    db = tmp_path / "d.duckdb"
    args = ["run", str(corpus), str(tmp_path / "empty"), "--db", str(db), "--engine", "dask", "-q"]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 1, res.output
    errors = [line for line in res.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 4, res.stderr
    assert any(e.endswith("d.jsonl [id k1]: document id 'k1' is already stored or repeated with different content "
                          "(give each document a unique id) (the rest of the batch is stored)") for e in errors), errors
    assert any("c.jsonl:6: not valid JSON" in e for e in errors) and any("b.txt: binary file" in e for e in errors)
    assert any("empty: folder holds no files" in e for e in errors)
    assert "failed: 4 input(s)" in res.stdout
    failed_row = [line for line in res.stdout.splitlines() if line.startswith("failed ")]
    assert failed_row and failed_row[0].split()[-1] == "4"  # counted once, not twice
    with Store(db, read_only=True) as s:
        assert s.count_documents() == 6
    # the summary is the local engine's (daskfix, session 9): its table said read 7 under --engine dask (the inputs
    # ingest refused were never counted as read), 10 locally, so read = stored + skipped + failed did not hold
    local = CliRunner().invoke(main, [*args[:3], "--db", str(tmp_path / "l.duckdb"), "--engine", "local", "-q"])
    assert local.exit_code == 1, local.output

    def table(out: str) -> list[str]:
        return [line.replace(str(tmp_path / "l.duckdb"), "DB").replace(str(db), "DB") for line in out.splitlines()
                if line.startswith(("read ", "stored ", "skipped ", "failed", "without events", "events stored",
                                    "duplicates: ", "  "))]

    assert table(res.stdout) == table(local.stdout), (table(res.stdout), table(local.stdout))
    assert "read                            10" in res.stdout
    res = CliRunner().invoke(main, args)
    with Store(db, read_only=True) as s:
        assert s.count_documents() == 6


def test_dask_engine_counts_and_names_documents_without_events(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The summary's 'without events' row said 0 under --engine dask for a report the local engine counted
    (and warned about): both engines now count it and name it. The dask summary also lacked the dedupe line."""
    from eventcoder.cli import main
    from eventcoder.scale import dask_engine

    real_client = dask_engine._client
    monkeypatch.setattr(dask_engine, "_client", lambda sched, n, _proc: real_client(sched, 1, False))  # threads: fast
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A bomb killed 3 people in Mosul, Iraq on 2 January 2017, police said.\n",
                                  encoding="utf-8")
    (corpus / "quiet.txt").write_text("The weather was mild and the market opened as usual.\n", encoding="utf-8")
    rows = {}
    for engine in ("local", "dask"):
        res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(tmp_path / f"{engine}.duckdb"),
                                        "--engine", engine])
        assert res.exit_code == 0, res.output
        rows[engine] = [line for line in res.stdout.splitlines() if line.startswith(("without events", "duplicates: "))]
        assert any(line.startswith("warning: ") and "quiet.txt: no events found" in line
                   for line in res.stderr.splitlines()), (engine, res.stderr)
    assert rows["dask"] == rows["local"] and rows["local"][0].split()[-1] == "1"
    # the summary names the document without events and says in words what dedupe did (session 9)
    assert rows["local"][1].startswith("duplicates: none found")
    assert rows["local"][2].startswith("without events: 1 document(s) stored, but no conflict event found")


def test_dask_ctrl_c_while_deduplicating_names_the_command_that_finishes(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Review U (session 9): 4b29573 made Ctrl-C during the local engine's dedupe exit 130 naming
    `eventcoder dedupe --db DB` (a rerun stores nothing new, so it never dedupes); under --engine dask it was
    still 'Aborted!' (exit 1) and the store stayed undeduplicated with no word. The dask engine also showed no
    dedupe progress (the local one does, 1317d53)."""
    from eventcoder.cli import main
    from eventcoder.scale import dask_engine
    from eventcoder.stages import dedupe

    real_client = dask_engine._client
    monkeypatch.setattr(dask_engine, "_client", lambda sched, n, _proc: real_client(sched, 1, False))  # threads: fast
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A bomb killed 3 people in Mosul, Iraq on 2 January 2017, police said.\n",
                                  encoding="utf-8")
    db = tmp_path / "d.duckdb"
    real = dedupe.dedupe_store
    calls: list[tuple[int, int]] = []

    def windows_then_interrupt(store: Store, settings: Settings, on_chunk=None):  # type: ignore[no-untyped-def]
        real(store, settings, on_chunk=lambda done, total: calls.append((done, total)))
        assert on_chunk is not None and calls  # the CLI's progress reaches dedupe_store
        on_chunk(*calls[-1])
        raise KeyboardInterrupt

    monkeypatch.setattr(dedupe, "dedupe_store", windows_then_interrupt)
    res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(db), "--engine", "dask"])
    assert res.exit_code == 130, res.output
    assert f"Finish with: eventcoder dedupe --db {db}" in res.stderr
    assert "dedupe: " in res.stderr  # a progress line (no terminal: a line per window)
    with Store(db, read_only=True) as s:
        assert s.count_documents() == 1


def test_dask_rerun_dedupes_what_was_never_judged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Review U (session 9): 9133153 made a local rerun that stores nothing dedupe the events no dedupe judged
    (after --no-dedupe or an interrupted dedupe); under --engine dask the rerun still skipped them."""
    from eventcoder.cli import main
    from eventcoder.scale import dask_engine
    from eventcoder.stages.dedupe import unjudged_events

    real_client = dask_engine._client
    monkeypatch.setattr(dask_engine, "_client", lambda sched, n, _proc: real_client(sched, 1, False))  # threads: fast
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A bomb killed 3 people in Mosul, Iraq on 2 January 2017, police said.\n",
                                  encoding="utf-8")
    (corpus / "b.txt").write_text("Three people were killed by a bomb in Mosul, Iraq on 2 January 2017.\n",
                                  encoding="utf-8")
    db = tmp_path / "d.duckdb"
    args = ["run", str(corpus), "--db", str(db), "--engine", "dask"]
    assert CliRunner().invoke(main, [*args, "--no-dedupe"]).exit_code == 0
    with Store(db) as s:
        assert unjudged_events(s) > 0
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "skipped (already stored)         2" in res.stdout and "duplicates: " in res.stdout, res.stdout
    # and says why it dedupes, as the local engine does (daskfix: it dedupes silently)
    assert "2 stored event(s) not yet judged by dedupe (an earlier dedupe was interrupted or skipped): " \
           "deduplicating the store..." in res.stderr, res.stderr
    with Store(db) as s:
        assert unjudged_events(s) == 0
