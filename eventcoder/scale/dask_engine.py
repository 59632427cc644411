"""Scale-out on Dask: ``eventcoder run --engine dask [--scheduler ADDRESS]`` (owner: dedupe).

    client side                            workers (LocalCluster, or Client(ADDRESS))
    -----------                            ------------------------------------------
    stream documents (ingest), skip        segment -> extract -> geocode each document
    those already stored, cut into         of one partition; write the partition as
    partitions of ``partition_docs``  -->  Parquet  <out>/part-<n>.parquet
    merge each finished partition     <--  (documents + events as JSON, context included)
    into the DuckDB store (one
    transaction per partition)
    then dedupe the whole store (dedupe runs on the merged store, so incidents whose reports
    fell into different partitions still meet: blocking is by date window over all partitions)

Memory stays bounded: at most ``2 x workers`` partitions are in flight; the client never holds the
corpus. Resumable like the local engine: stored documents are skipped on a re-run (content hash).
With ``scheduler=None`` a LocalCluster of ``EVENTCODER_DASK_WORKERS`` (default 2) single-threaded
worker processes is started and closed again. Point it at a real cluster with the scheduler address
(every worker needs eventcoder installed and the gazetteer index at the same path; the Parquet
directory must be on storage both the workers and the client can reach: ``EVENTCODER_DASK_OUT``).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from eventcoder.errors import InputError
from eventcoder.records import Document, Event
from eventcoder.settings import Settings

_PIPELINES: dict[str, Any] = {}

DOC_COLUMNS = ("doc_id", "content_hash", "text", "source", "source_type", "published", "url", "path", "title")


def _pipeline(settings: Settings) -> Any:
    """One Pipeline per worker process and settings (the gazetteer opens once, not per partition)."""
    from eventcoder.pipeline import Pipeline

    key = repr(settings)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(settings)
    return _PIPELINES[key]


def _event_json(ev: Event) -> dict[str, Any]:
    data = ev.to_dict()
    data["context"] = dict(ev.context or {})
    return data


def _event_from_json(data: dict[str, Any]) -> Event:
    ev = Event.from_dict(data)
    return ev.replace(context=data.get("context") or {})


def process_partition(rows: list[dict[str, Any]], settings: Settings, out_path: str) -> dict[str, Any]:
    """Worker task: run the per-document pipeline over one partition and write it as Parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from eventcoder.errors import EventcoderError

    pipe = _pipeline(settings)
    cols: dict[str, list[Any]] = {c: [] for c in (*DOC_COLUMNS, "events", "error")}
    n_events = 0
    for row in rows:
        doc = Document(**row)
        error = None
        try:
            events = pipe.process(doc)
            doc = pipe.prepare(doc)
        except EventcoderError as exc:
            events, error = [], str(exc)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop a partition
            events, error = [], f"internal error {type(exc).__name__}: {exc}"
        n_events += len(events)
        for c in DOC_COLUMNS:
            v = getattr(doc, c)
            cols[c].append(v.isoformat() if c == "published" and v is not None else v)
        cols["events"].append(json.dumps([_event_json(e) for e in events], ensure_ascii=False, default=str))
        cols["error"].append(error)
    table = pa.table({k: pa.array(v, type=pa.string()) for k, v in cols.items()})
    tmp = out_path + ".tmp"
    pq.write_table(table, tmp)
    os.replace(tmp, out_path)  # a partition file is whole or absent
    return {"path": out_path, "documents": len(rows), "events": n_events}


def _doc_row(doc: Document) -> dict[str, Any]:
    return {c: getattr(doc, c) for c in DOC_COLUMNS}


def _partitions(docs: Iterable[Document], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for doc in docs:
        batch.append(_doc_row(doc))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _report(on_error: Callable[[InputError], None] | None, path: str | None, doc_id: str, problem: str) -> None:
    """One line for a document, named as the local engine names it (a table row: file and id)."""
    if on_error is not None:
        problem = problem.removeprefix(f"{path or doc_id}: ")
        where = f"{path} [id {doc_id}]" if path and not doc_id.startswith("doc:") else (path or doc_id)
        on_error(InputError(where, problem, "the rest of the batch is stored"))


def merge_partition(store: Any, path: str, counts: dict[str, int],
                    on_error: Callable[[InputError], None] | None = None,
                    on_warning: Callable[[InputError], None] | None = None) -> None:
    """Client side: add every document of one Parquet partition (and its events) to the store. A document
    the worker could not process, or whose id clashes with a stored one, is counted in ``failed`` and passed
    to ``on_error`` (its path or id and the problem); a stored document without events is counted in
    ``no_events`` and passed to ``on_warning``, as the local engine does."""
    import datetime as dt

    import pyarrow.parquet as pq

    from eventcoder.errors import EventcoderError

    table = pq.read_table(path)
    batch: list[tuple[Document, list[Event]]] = []
    for row in table.to_pylist():
        if row.get("error"):
            counts["failed"] += 1
            _report(on_error, row.get("path"), str(row.get("doc_id")), str(row["error"]))
            continue
        published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
        doc = Document(**{**{c: row[c] for c in DOC_COLUMNS}, "published": published})
        batch.append((doc, [_event_from_json(e) for e in json.loads(row["events"] or "[]")]))
    try:
        results: list[bool | None] = list(store.add_batch(batch))  # the whole partition: one transaction
    except EventcoderError:  # one document conflicts with a stored id: store the others one by one
        results = []
        for doc, events in batch:
            try:
                results.append(store.add_document(doc, events))
            except EventcoderError as exc:
                _report(on_error, doc.path, doc.doc_id, str(exc))
                results.append(None)
    for (doc, events), ok in zip(batch, results, strict=True):
        if ok is None:
            counts["failed"] += 1
        elif ok:
            counts["stored"] += 1
            counts["events"] += len(events)
            if not events:
                counts["no_events"] = counts.get("no_events", 0) + 1
                if on_warning is not None:
                    name = f"{doc.path} [id {doc.doc_id}]" if doc.path and not doc.doc_id.startswith("doc:") \
                        else (doc.path or doc.doc_id)
                    on_warning(InputError(name, "no events found",
                                          "is it a conflict report? check --published and --source-type"))
        else:
            counts["skipped"] += 1


def _client(scheduler: str | None, n_workers: int, processes: bool) -> tuple[Any, Any]:
    from dask.distributed import Client, LocalCluster

    if scheduler:
        from eventcoder.errors import ConfigError

        timeout = os.environ.get("EVENTCODER_DASK_CONNECT_TIMEOUT", "20s")
        try:
            return Client(scheduler, timeout=timeout), None
        except (OSError, TimeoutError) as exc:
            raise ConfigError(
                f"cannot reach the Dask scheduler at {scheduler} ({type(exc).__name__}); start one with "
                "`dask scheduler` and `dask worker ADDRESS`, or drop --scheduler to use a local cluster") from None
        except ValueError as exc:  # distributed's address parser: "missing port number in address 'x'"
            raise ConfigError(f"--scheduler {scheduler}: not a Dask scheduler address ({exc}); give "
                              "tcp://HOST:8786, as `dask scheduler` prints it") from None
    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=processes,
                           dashboard_address=None, silence_logs=40)
    return Client(cluster), cluster


def run_dask(paths: Iterable[str | Path], settings: Settings, db_path: str | Path, scheduler: str | None = None,
             *, n_workers: int | None = None, partition_docs: int = 500, processes: bool = True,
             out_dir: str | Path | None = None, keep_parquet: bool = False,
             on_error: Callable[[InputError], None] | None = None,
             on_warning: Callable[[InputError], None] | None = None,
             on_dedupe: Callable[[int, int], None] | None = None,
             on_dedupe_start: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Run the pipeline on Dask and merge into the store at ``db_path``. Returns a summary dict.

    Input that cannot be read is counted (``failed``) and passed to ``on_error`` (the CLI prints one line
    naming the file and what to do), warnings to ``on_warning``; the rest of the batch is stored.
    ``on_dedupe(done, total)`` is called once with (0, 0) when the store-level dedupe starts, then after each
    date window (the CLI's progress, and its word on Ctrl-C, as for the local engine). ``on_dedupe_start(n)``
    before the dedupe: ``n`` stored events no dedupe judged when nothing new was stored (else 0), so the CLI says
    why it dedupes, as for the local engine."""
    from dask.distributed import as_completed

    dedupe_report: dict[str, Any] | None = None

    from eventcoder.cli.pipeline_cmds import DEDUPE_DB_MEMORY
    from eventcoder.stages.ingest import iter_documents
    from eventcoder.stages.store import Store, store_files

    n_workers = n_workers or int(os.environ.get("EVENTCODER_DASK_WORKERS", "2"))
    base = Path(out_dir or os.environ.get("EVENTCODER_DASK_OUT") or tempfile.mkdtemp(prefix="eventcoder-dask-"))
    base.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {"read": 0, "stored": 0, "skipped": 0, "events": 0, "failed": 0, "no_events": 0,
                              "partitions": 0}
    t0 = time.perf_counter()

    def count_error(err: InputError) -> None:  # an input ingest refused: read and failed, as the local engine counts
        counts["read"] += 1  # it (read = stored + skipped + failed in the summary)
        counts["failed"] += 1
        if on_error is not None:
            on_error(err)

    client, cluster = _client(scheduler, n_workers, processes)
    try:
        with Store(db_path, memory_limit=DEDUPE_DB_MEMORY) as store:  # merges, then dedupes: the dedupe's cap
            def read(docs: Iterable[Document]) -> Iterator[Document]:
                for doc in docs:
                    counts["read"] += 1
                    yield doc

            def skipped(_doc: Document) -> None:
                counts["skipped"] += 1

            docs = iter_documents(paths, settings, count_error, on_warning or (lambda _w: None),
                                  exclude=store_files(db_path))  # (the store in its input folder: not an input)
            fresh = store.unstored(read(docs), skipped)

            in_flight = as_completed()
            limit = max(2, 2 * n_workers)
            pending = 0
            written: list[str] = []

            def drain(block_until: int) -> None:
                nonlocal pending
                while pending > block_until:
                    fut = next(in_flight)
                    result = fut.result()
                    pending -= 1
                    merge_partition(store, result["path"], counts, on_error, on_warning)
                    written.append(result["path"])

            for n, part in enumerate(_partitions(fresh, partition_docs)):
                out_path = str(base / f"part-{n:06d}.parquet")
                in_flight.add(client.submit(process_partition, part, settings, out_path, pure=False))
                pending += 1
                counts["partitions"] += 1
                drain(limit - 1)
            drain(0)
            # as the local engine (9133153): also when nothing new was stored but stored events were never judged
            # (an interrupted dedupe, runs with --no-dedupe)
            from eventcoder.stages.dedupe import dedupe_store, unjudged_events

            unjudged = unjudged_events(store) if settings.dedupe and not counts["stored"] else 0
            if settings.dedupe and (counts["stored"] or unjudged):
                if on_dedupe_start is not None:
                    on_dedupe_start(unjudged)
                if on_dedupe is not None:
                    on_dedupe(0, 0)
                rep = dedupe_store(store, settings, on_chunk=on_dedupe)
                counts["dedupe_clusters"] = rep["clusters"]
                counts["dedupe_merged"] = rep["merged"]
                dedupe_report = dict(rep)
        if not keep_parquet and out_dir is None and not os.environ.get("EVENTCODER_DASK_OUT"):
            for p in written:
                Path(p).unlink(missing_ok=True)
            try:
                base.rmdir()
            except OSError:
                pass
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    counts["seconds"] = int(time.perf_counter() - t0)
    counts["workers"] = n_workers
    return {**counts, "dedupe": dedupe_report}  # the CLI prints the dedupe line from it, as for the local engine
