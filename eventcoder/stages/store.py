"""Stage 6, store: an embedded DuckDB database of documents, events, evidence and an audit log. (owner: core)

    with Store("eventcoder.duckdb") as store:
        if store.add_document(doc, events):       # False: same content already stored, nothing written
            ...
        for ev in store.iter_events(country="Iraq", date_from="2017-01-01", limit=50):
            ...

Tables
  documents      one row per ingested document (``content_hash`` unique: idempotent ingest)
  events         every ``Event`` schema field as a column (``evidence`` JSON, ``doc_ids`` VARCHAR[]),
                 plus ``context`` JSON (stage hints), ``review_status`` ('proposed'|'approved'|'rejected'),
                 ``merged_into`` (event id this one was merged into by dedupe, else NULL) and ``updated_at``
  evidence       one row per (event, field) span: offsets into the text of ``doc_id``
  audit_log      every change made through ``update_event`` (who, when, action, before/after JSON)
  event_sources  each source's own figures for an event (claimed or not), so dedupe can merge by rule
                 and keep the disagreement visible

Schema 2 (``store_meta.schema_version``) has no PRIMARY KEY/UNIQUE/index: DuckDB holds those whole in memory,
so memory grew with the store. ``add_batch`` checks content hashes, document ids and event ids per batch
instead (one scan per key column). Schema 3 adds compact key tables for those scans: ``doc_keys`` (64-bit
keys of each stored document's content hash and id) and ``event_keys`` (of each stored event id), the key
being ``md5_number_upper(text)`` (the first 8 bytes of the MD5 digest, as this DuckDB release reads
them). A batch's keys are probed against 8-byte columns instead of scanning the 64-character hash and
id strings; the strings are read only to confirm a key that matched. Events leave the store only through
``delete_events`` (dedupe merges and splits, replacements), which removes one key row per deleted event, so
the key tables hold one row per stored row; a writable open whose row counts differ (a store from before
that, or a raw INSERT) recomputes them. A schema-2 store gains the key tables
when it is next opened for writing (one pass, seconds at 1M documents). ``store_meta`` 'key_probe' holds the
key of a fixed text: a DuckDB release that computes keys otherwise (the md5_number functions have changed
between releases) finds it different and recomputes the tables on the next writable open (read-only: scans). Schema-1 stores open and work as
they are; ``Store.upgrade()`` (CLI ``eventcoder upgrade-store``) rewrites them.

Each ``add_document`` call is one transaction: a crash leaves either the whole document with its events
or nothing. ``add_documents``/``add_batch`` store many documents in one transaction (``eventcoder run``
commits in batches: one transaction and fsync per document cost more than extracting it). ``iter_events`` hides events merged into another unless ``include_merged=True``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from eventcoder.errors import ConfigError, StorageError
from eventcoder.records import EVENT_FIELDS, Document, Event
from eventcoder.settings import DEFAULT_DB

if TYPE_CHECKING:
    import duckdb

_T = TypeVar("_T")

REVIEW_STATUSES = ("proposed", "approved", "rejected")
SCHEMA_VERSION = 3

# Out-of-memory policy, one for every caller (``Store.with_more_memory``: ``add_batch``, the store-level
# dedupe of ``run`` and ``dedupe``). DuckDB runs under a small cap (``RUN_DB_MEMORY``) so its cache stays
# flat; a step that needs more (a batch of huge documents, a large dedupe chunk) raises OutOfMemory. It is
# then run again with MEMORY_GROWTH x the cap, at most MEMORY_RETRIES times, and never with more than
# MEMORY_RETRY_CEILING: a cap that cannot be read, or one already at or above the ceiling, is the user's
# own choice and is not raised (the error says to set EVENTCODER_DB_MEMORY). Whatever happens, the cap is
# set back afterwards, so one big batch does not leave the rest of the run uncapped.
MEMORY_RETRIES = 3
MEMORY_GROWTH = 4
MEMORY_RETRY_CEILING = 4 * 2**30  # bytes (4 GiB)


def next_memory_limit(limit: int | None, retries_done: int) -> int | None:
    """The cap for the next try after an out-of-memory error under ``limit`` bytes, or None to give up."""
    if limit is None or retries_done >= MEMORY_RETRIES or limit >= MEMORY_RETRY_CEILING:
        return None
    return min(limit * MEMORY_GROWTH, MEMORY_RETRY_CEILING)

# DuckDB column type of each schema field (anything not listed is VARCHAR).
_TYPES: dict[str, str] = {
    "time_precision": "INTEGER",
    "latitude": "DOUBLE",
    "longitude": "DOUBLE",
    "geo_precision": "INTEGER",
    "killed": "BIGINT",
    "wounded": "BIGINT",
    "killed_or_wounded": "BIGINT",
    "vehicles_destroyed": "BIGINT",
    "territory_change": "BOOLEAN",
    "claimed": "BOOLEAN",
    "evidence": "JSON",
    "doc_ids": "VARCHAR[]",
    "confidence": "DOUBLE",
}

EXTRA_EVENT_COLUMNS = ("context", "review_status", "merged_into", "updated_at")
EVENT_COLUMNS: tuple[str, ...] = EVENT_FIELDS + EXTRA_EVENT_COLUMNS

_ORDERS = {
    "date": "event_date ASC NULLS LAST, event_id",
    "-date": "event_date DESC NULLS LAST, event_id",
    "event_date": "event_date ASC NULLS LAST, event_id",
    "-event_date": "event_date DESC NULLS LAST, event_id",
    "id": "event_id",
    "event_id": "event_id",
    "updated": "updated_at ASC, event_id",
    "-updated": "updated_at DESC, event_id",
    "killed": "killed ASC NULLS LAST, event_id",
    "-killed": "killed DESC NULLS LAST, event_id",
}

# "Needs review" (the review page's filter, the API's needs_review): an event not yet approved or rejected with no
# coordinates, a location only to province or larger (geo_precision 3, or none), or confidence below the cut-off
# (docs/ui.md says why 0.9 by default). An approved or rejected event has been reviewed: it leaves the queue.
# One rule, written once here: each check is (SQL condition, SQL text of the reason). NEEDS_REVIEW_SQL (the filter)
# is their OR; REVIEW_REASONS_SQL (the reasons each event carries in the API, `review_reasons`, which the review
# page shows as the amber mark and its tooltip) lists the reasons that hold. Each takes one parameter: the cut-off.
DEFAULT_REVIEW_CONFIDENCE = 0.9
_REVIEW_OPEN = "coalesce(review_status, 'proposed') = 'proposed'"
_REVIEW_CHECKS: tuple[tuple[str, str], ...] = (
    ("latitude IS NULL OR longitude IS NULL", "'no coordinates'"),
    ("latitude IS NOT NULL AND longitude IS NOT NULL AND (geo_precision IS NULL OR geo_precision >= 3)",
     "'location only to province or larger (geo_precision ' || coalesce(CAST(geo_precision AS VARCHAR), 'none') || ')'"),
    ("coalesce(confidence < ?, false)", "'confidence ' || CAST(confidence AS VARCHAR)"),
)
NEEDS_REVIEW_SQL = f"({_REVIEW_OPEN} AND ({' OR '.join(f'({cond})' for cond, _ in _REVIEW_CHECKS)}))"
REVIEW_REASONS_SQL = (f"(CASE WHEN {_REVIEW_OPEN} THEN list_filter([" +
                      ", ".join(f"CASE WHEN {cond} THEN {why} END" for cond, why in _REVIEW_CHECKS) +
                      "], lambda x: x IS NOT NULL) ELSE []::VARCHAR[] END)")

# Fields a reviewer may change via update_event (every schema field but the id, plus review columns).
EDITABLE = frozenset(EVENT_FIELDS) - {"event_id"} | {"review_status", "merged_into"}


def _size(n: int) -> str:
    """Bytes as DuckDB and EVENTCODER_DB_MEMORY write them (decimal units): 2000000000 -> '2GB'."""
    for unit, size in (("TB", 10**12), ("GB", 10**9), ("MB", 10**6)):
        if n >= size:
            return f"{n / size:.3g}{unit}"
    return f"{n}B"


def review_confidence_setting(value: float | str | None = None) -> float:
    """The needs-review confidence cut-off: ``value``, else ``$EVENTCODER_REVIEW_CONFIDENCE``, else 0.9.
    ConfigError unless a number from 0 to 1."""
    where = "review_confidence"
    if value is None:
        value = os.environ.get("EVENTCODER_REVIEW_CONFIDENCE") or None
        where = "EVENTCODER_REVIEW_CONFIDENCE"
    if value is None:
        return DEFAULT_REVIEW_CONFIDENCE
    try:
        cut = float(value)
    except ValueError:
        cut = math.nan
    if not 0 <= cut <= 1:  # (also refuses nan)
        raise ConfigError(f"{where}: {value!r} is not a number from 0 to 1 (events with a confidence below it "
                          "need review; the default is 0.9)")
    return cut


def like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards (% and _) and the escape character itself escaped by a backslash, for a
    pattern compared with ``ESCAPE '\\'``: the text matches itself only."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _q(name: str) -> str:
    return f'"{name}"'


def _schema_sql() -> list[str]:
    cols = ",\n  ".join(f"{_q(f)} {_TYPES.get(f, 'VARCHAR')}" + (" NOT NULL" if f == "event_id" else "")
                        for f in EVENT_FIELDS)
    return [
        """CREATE TABLE IF NOT EXISTS documents (
  doc_id VARCHAR NOT NULL,
  content_hash VARCHAR NOT NULL,
  source VARCHAR,
  source_type VARCHAR,
  published DATE,
  url VARCHAR,
  path VARCHAR,
  title VARCHAR,
  text VARCHAR,
  ingested_at TIMESTAMP
)""",
        f"""CREATE TABLE IF NOT EXISTS events (
  {cols},
  context JSON,
  review_status VARCHAR DEFAULT 'proposed',
  merged_into VARCHAR,
  updated_at TIMESTAMP
)""",
        """CREATE TABLE IF NOT EXISTS evidence (
  event_id VARCHAR, field VARCHAR, doc_id VARCHAR, "start" INTEGER, "end" INTEGER
)""",
        "CREATE SEQUENCE IF NOT EXISTS audit_seq START 1",
        """CREATE TABLE IF NOT EXISTS audit_log (
  id BIGINT DEFAULT nextval('audit_seq'),
  event_id VARCHAR, who VARCHAR, "at" TIMESTAMP, action VARCHAR, "before" JSON, "after" JSON
)""",
        """CREATE TABLE IF NOT EXISTS event_sources (
  event_id VARCHAR, doc_id VARCHAR, source VARCHAR, source_type VARCHAR, claimed BOOLEAN,
  killed BIGINT, wounded BIGINT, killed_or_wounded BIGINT
)""",
        "CREATE TABLE IF NOT EXISTS store_meta (k VARCHAR, v VARCHAR)",
        # schema 3: 64-bit keys for the per-batch uniqueness checks (see the module docstring)
        "CREATE TABLE IF NOT EXISTS doc_keys (hash_key UBIGINT, doc_key UBIGINT)",
        "CREATE TABLE IF NOT EXISTS event_keys (event_key UBIGINT)",
    ]


# key table and column for each checked (table, column); the key of a text is DuckDB's md5_number_upper
# (little-endian first 8 bytes of its MD5 digest, as hashlib computes it: see tests/test_store.py)
_KEYS = {("documents", "content_hash"): ("doc_keys", "hash_key"), ("documents", "doc_id"): ("doc_keys", "doc_key"),
         ("events", "event_id"): ("event_keys", "event_key")}
_KEY_SQL = "md5_number_upper"
_KEY_PROBE = "eventcoder key probe"  # its key is kept in store_meta: a DuckDB that keys it otherwise refills


def _probe_key(con: duckdb.DuckDBPyConnection) -> str:
    """This DuckDB's key of ``_KEY_PROBE``, as kept in ``store_meta`` 'key_probe'."""
    row = con.execute(f"SELECT CAST({_KEY_SQL}(?) AS VARCHAR)", [_KEY_PROBE]).fetchone()
    return str(row[0]) if row else ""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    return str(value)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _event_values(ev: Event, review_status: str = "proposed", merged_into: str | None = None,
                  now: dt.datetime | None = None) -> list[Any]:
    vals: list[Any] = []
    for f in EVENT_FIELDS:
        v = getattr(ev, f)
        if f == "evidence":
            v = _dumps({k: [int(s[0]), int(s[1])] for k, s in (v or {}).items()})
        elif f == "doc_ids":
            v = list(v)
        vals.append(v)
    ctx = {k: v for k, v in (ev.context or {}).items() if k not in ("_review_status", "_merged_into", "_review_reasons")}
    vals += [_dumps(ctx), review_status, merged_into, now or _now()]
    return vals


DOCUMENT_COLUMNS = ("doc_id", "content_hash", "source", "source_type", "published", "url", "path", "title", "text",
                    "ingested_at")
EVIDENCE_COLUMNS = ("event_id", "field", "doc_id", "start", "end")
SOURCE_COLUMNS = ("event_id", "doc_id", "source", "source_type", "claimed", "killed", "wounded", "killed_or_wounded")
_ARROW_MIN_ROWS = 64  # from here on an Arrow scan beats a parameterized VALUES list (~0.1 vs ~1.3 ms/row)


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str],
                 rows: Sequence[Sequence[Any]], chunk: int = 200) -> None:
    """Insert rows: multi-row VALUES for a few rows, an Arrow table scan for many."""
    if not rows:
        return
    cols = ", ".join(_q(c) for c in columns)
    if len(rows) >= _ARROW_MIN_ROWS:
        import pyarrow as pa

        try:
            data = pa.table({f"c{i}": [r[i] for r in rows] for i in range(len(columns))})
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed Python types in a column: use VALUES below
            data = None
        if data is not None:
            import duckdb

            name = f"_eventcoder_rows_{id(data)}"
            con.register(name, data)
            try:
                sel = ", ".join(f"c{i}" for i in range(len(columns)))
                con.execute(f"INSERT INTO {table} ({cols}) SELECT {sel} FROM {name}")
            finally:
                with suppress(duckdb.TransactionException):  # an aborted transaction: its rollback drops the view
                    con.unregister(name)
            return
    one = "(" + ", ".join("?" for _ in columns) + ")"
    for i in range(0, len(rows), chunk):
        part = rows[i : i + chunk]
        con.execute(f"INSERT INTO {table} ({cols}) VALUES " + ", ".join([one] * len(part)),
                    [v for r in part for v in r])


def _row_to_event(cols: Sequence[str], row: Sequence[Any]) -> Event:
    data = dict(zip(cols, row, strict=True))
    kwargs: dict[str, Any] = {}
    for f in EVENT_FIELDS:
        v = data.get(f)
        if f == "evidence":
            v = json.loads(v) if isinstance(v, str) else (v or {})
        elif f == "doc_ids":
            v = tuple(v or ())
        elif f in ("territory_change", "claimed"):
            v = bool(v)
        elif f == "casualty_qualifier" and v is None:
            v = "none_stated"
        elif f in ("source", "notes") and v is None:
            v = ""
        elif f == "source_type" and v is None:
            v = "other"
        elif f == "confidence" and v is None:
            v = 0.0
        kwargs[f] = v
    ctx = data.get("context")
    ctx_d: dict[str, Any] = json.loads(ctx) if isinstance(ctx, str) else dict(ctx or {})
    for extra in ("review_status", "merged_into", "review_reasons"):
        if extra in data:
            ctx_d[f"_{extra}"] = list(data[extra] or []) if extra == "review_reasons" else data[extra]
    return Event(**kwargs, context=ctx_d)


# A DuckDB database file holds b"DUCK" at bytes 8-11 of its first block.
_DUCKDB_MAGIC = (8, b"DUCK")


def store_files(path: str | Path) -> list[Path]:
    """The store file and those DuckDB keeps beside it while it is open (its write-ahead log, a temporary
    file): a run's folder walk passes over them (`eventcoder run .` read its own store as a broken input)."""
    p = Path(path)
    return [p, p.with_name(p.name + ".wal"), p.with_name(p.name + ".tmp")]


def check_store_file(path: str) -> None:
    """Refuse a --db that is a folder or an existing file of another kind (a JSONL/CSV report file, the
    gazetteer's SQLite index): DuckDB 2 would open such a file as an empty in-memory database (or try to
    download a reader extension), so a run would report documents stored that vanish on exit."""
    if path == ":memory:" or path.startswith(("md:", "motherduck:")):
        return
    p = Path(path)
    if p.is_dir():
        raise StorageError(f"{path}: is a folder, not a store file (give --db a file name such as events.duckdb)")
    try:
        with p.open("rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return  # a new store
    except OSError as exc:
        raise StorageError(f"{path}: cannot read the store file ({exc.strerror or exc}; check the path and "
                           "permissions)") from None
    offset, magic = _DUCKDB_MAGIC
    if not head:
        raise StorageError(f"{path}: an empty file, not a store (DuckDB cannot use it); remove it, or give --db a "
                           "new file name such as events.duckdb")
    if head[offset:offset + len(magic)] != magic:
        kind = "a SQLite file" if head.startswith(b"SQLite format 3") else "not a DuckDB file"
        raise StorageError(f"{path}: not an eventcoder store ({kind}); give --db the .duckdb file that "
                           "`eventcoder run` made, or a new file name such as events.duckdb")


class Store:
    """The DuckDB event store. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False, *,
                 memory_limit: str | None = None) -> None:
        """``memory_limit`` (e.g. "128MB") caps DuckDB's buffer cache and query memory (default: DuckDB's own,
        80% of RAM); the environment variable ``EVENTCODER_DB_MEMORY`` overrides it. ``eventcoder run`` passes
        ``RUN_DB_MEMORY``: the cache then stops growing with the store, so peak memory stays flat."""
        import duckdb

        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StorageError(f"{self.path}: no such store (run `eventcoder run PATH --db {self.path}` first)")
        check_store_file(self.path)
        if not read_only and self.path != ":memory:" and not Path(self.path).parent.exists():
            try:  # a new store in a new folder (as export -o makes its folder)
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"{self.path}: cannot make its folder ({exc.strerror or exc}; check the path)") from None
        config: dict[str, str | bool | int | float | list[str]] = {}
        limit = os.environ.get("EVENTCODER_DB_MEMORY") or memory_limit  # e.g. 512MB: caps DuckDB's cache
        self._memory_setting = limit
        if limit:
            config["memory_limit"] = limit
        try:
            self.con: duckdb.DuckDBPyConnection = duckdb.connect(self.path, read_only=read_only, config=config)
        except duckdb.IOException as exc:
            msg = str(exc)
            if "lock" in msg.lower():
                import re

                pid = re.search(r"\(PID (\d+)\)", msg)  # DuckDB names the holder: say which process to look for
                raise StorageError(
                    f"{self.path}: the store is locked by another process{f' (PID {pid[1]})' if pid else ''}; "
                    "an `eventcoder serve` holds its store while it runs: "
                    # review U: `run` and `dedupe` were told to read through it; they write
                    + ("read through it (GET /api/export)" if read_only else "send reports through it (POST "
                       "/api/upload)") + " or stop it (close the other eventcoder process or use --db another.duckdb)"
                ) from None
            # DuckDB says why (Permission denied, Read-only file system), not what to do
            todo = ("check that the file and its folder can be read" if read_only else
                    "give --db a file in a folder you can write to, or check the permissions of the file and its folder")
            raise StorageError(f"{self.path}: cannot open the store ({msg.splitlines()[0]}); {todo}") from None
        except duckdb.Error as exc:
            if limit and "memory" in str(exc).lower():
                raise StorageError(f"EVENTCODER_DB_MEMORY={limit!r} is not a memory size (use e.g. 512MB or 2GB)") from None
            raise StorageError(
                f"{self.path}: not a readable eventcoder store ({str(exc).splitlines()[0]}; "
                "use --db with a new file name)"
            ) from None
        version = self._read_schema_version()
        if version is not None and version > SCHEMA_VERSION:
            self.con.close()
            raise StorageError(
                f"{self.path}: this store has schema version {version}, written by a newer eventcoder (this one "
                f"reads up to {SCHEMA_VERSION}); upgrade eventcoder (pip install -U eventcoder) or use another --db"
            )
        if not read_only:
            for sql in _schema_sql():
                self.con.execute(sql)
            if not self.con.execute("SELECT 1 FROM store_meta WHERE k = 'schema_version'").fetchone():
                version = SCHEMA_VERSION if version is None else version
                self.con.execute("INSERT INTO store_meta VALUES ('schema_version', ?)", [str(version)])
            if version == 2 or (version is not None and version >= 3
                                and (self._key_probe_stale() or self._key_counts_differ())):
                # schema 2: additive, fill the key tables from the stored rows; schema 3 whose keys another
                # DuckDB release computed (md5_number_upper's definition has changed between releases, and a
                # key that no longer matches would let a stored document in again), or whose key tables do not
                # hold one row per stored row (stale keys left by merges and splits before session 5, or a
                # raw INSERT that skipped them): recompute them, one pass
                with self.transaction() as con:
                    self._fill_key_tables(con)
                    con.execute("UPDATE store_meta SET v = ? WHERE k = 'schema_version'", [str(SCHEMA_VERSION)])
                version = SCHEMA_VERSION
        #: 1: a store written before 2026-11-30 (primary-key/unique indexes, kept in memory by DuckDB);
        #: 2: no in-database key indexes (uniqueness is checked by ``add_batch``), memory flat as the store grows;
        #: 3: as 2, with the 64-bit key tables that make those checks cheap.
        self.schema_version = SCHEMA_VERSION if version is None else version
        # writable: made current just above; read-only, keys from another DuckDB release: check by the strings
        # (slower, right) until opened to write
        self._keys_current = not read_only or self.schema_version < 3 or not self._key_probe_stale()

    @property
    def _keyed(self) -> bool:
        """Whether doc_keys/event_keys are complete and computed as this DuckDB computes keys (schema 3):
        else checks scan the string columns."""
        return self.schema_version >= 3 and self._keys_current

    def _key_probe_stale(self) -> bool:
        """Whether the key tables were filled by a DuckDB that computes ``_KEY_SQL`` otherwise than this one
        (or before the probe was recorded): ``store_meta`` 'key_probe' is the key of a fixed text."""
        import duckdb

        try:
            row = self.con.execute("SELECT v FROM store_meta WHERE k = 'key_probe'").fetchone()
        except duckdb.CatalogException:  # a read-only file without store_meta
            return True
        return row is None or row[0] != _probe_key(self.con)

    def _key_counts_differ(self) -> bool:
        """Whether ``event_keys``/``doc_keys`` hold other than one row per stored event/document (four row
        counts: cheap at any size)."""
        row = self.con.execute(
            "SELECT (SELECT count(*) FROM event_keys) <> (SELECT count(*) FROM events) "
            "OR (SELECT count(*) FROM doc_keys) <> (SELECT count(*) FROM documents)").fetchone()
        return bool(row and row[0])

    @staticmethod
    def _fill_key_tables(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("SET enable_progress_bar = false")  # a one-off pass inside `run`: no DuckDB bar on stderr
        con.execute("DELETE FROM doc_keys")
        con.execute("DELETE FROM event_keys")
        con.execute(f"INSERT INTO doc_keys SELECT {_KEY_SQL}(content_hash), {_KEY_SQL}(doc_id) FROM documents")
        con.execute(f"INSERT INTO event_keys SELECT {_KEY_SQL}(event_id) FROM events")
        con.execute("DELETE FROM store_meta WHERE k = 'key_probe'")
        con.execute("INSERT INTO store_meta VALUES ('key_probe', ?)", [_probe_key(con)])
        con.execute("RESET enable_progress_bar")

    @staticmethod
    def _add_keys(con: duckdb.DuckDBPyConnection, docs: Sequence[Document] = (),
                  event_ids: Sequence[str] = ()) -> None:
        """Record the keys of documents and events inserted in this transaction (schema 3)."""
        if docs:
            con.execute(f"INSERT INTO doc_keys SELECT {_KEY_SQL}(h), {_KEY_SQL}(d) "
                        "FROM (SELECT unnest(?::VARCHAR[]) AS h, unnest(?::VARCHAR[]) AS d)",
                        [[d.content_hash for d in docs], [d.doc_id for d in docs]])
        if event_ids:
            con.execute(f"INSERT INTO event_keys SELECT {_KEY_SQL}(unnest(?::VARCHAR[]))", [list(event_ids)])

    def _read_schema_version(self) -> int | None:
        """The schema version of the open file: None for a new (empty) store, 1 for a store written before
        versions were recorded (it has a documents table but no store_meta)."""
        tables = {r[0] for r in self.con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()").fetchall()}
        if "store_meta" in tables:
            row = self.con.execute("SELECT v FROM store_meta WHERE k = 'schema_version'").fetchone()
            if row is not None:
                try:
                    return int(row[0])
                except ValueError:
                    raise StorageError(f"{self.path}: unreadable schema version {row[0]!r} in store_meta "
                                       "(use --db with a new file name)") from None
        return 1 if "documents" in tables else None

    def upgrade(self) -> bool:
        """Rewrite a schema-1 store as schema 2 (same rows; the key indexes dropped), in one transaction.
        False when there is nothing to do. (``eventcoder upgrade-store --db FILE``.)"""
        if self.read_only:
            raise StorageError(f"{self.path}: opened read-only; cannot upgrade it")
        if self.schema_version >= SCHEMA_VERSION:
            return False
        ddl = {name: sql for sql in _schema_sql() if sql.startswith("CREATE TABLE")
               for name in [sql.split()[5]]}
        with self.transaction() as con:
            con.execute("DROP INDEX IF EXISTS evidence_event")
            con.execute("DROP INDEX IF EXISTS sources_event")
            for table in ("documents", "events", "audit_log"):
                con.execute(ddl[table].replace(f"EXISTS {table} (", f"EXISTS {table}_v2 (", 1))
                cols = ", ".join(_q(r[0]) for r in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
                    "AND table_name = ? ORDER BY column_index", [table]).fetchall())
                con.execute(f"INSERT INTO {table}_v2 ({cols}) SELECT {cols} FROM {table}")
                con.execute(f"DROP TABLE {table}")
                con.execute(f"ALTER TABLE {table}_v2 RENAME TO {table}")
            if con.execute("SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() "
                           "AND table_name = 'dedupe_seen'").fetchone():  # dedupe's table: its key index too
                con.execute("CREATE TABLE dedupe_seen_v2 (event_id VARCHAR)")
                con.execute("INSERT INTO dedupe_seen_v2 SELECT event_id FROM dedupe_seen")
                con.execute("DROP TABLE dedupe_seen")
                con.execute("ALTER TABLE dedupe_seen_v2 RENAME TO dedupe_seen")
            self._fill_key_tables(con)
            con.execute("UPDATE store_meta SET v = ? WHERE k = 'schema_version'", [str(SCHEMA_VERSION)])
        self.con.execute("CHECKPOINT")
        self.schema_version = SCHEMA_VERSION
        return True

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        try:
            self.con.close()
        except Exception:  # noqa: BLE001 - closing twice is harmless
            pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction on the store's connection: commit on success, roll back on any error."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # -- documents -------------------------------------------------------------------------------
    def has_document(self, content_hash: str) -> bool:
        row = self.con.execute("SELECT 1 FROM documents WHERE content_hash = ? LIMIT 1", [content_hash]).fetchone()
        return row is not None

    def get_document(self, doc_id: str) -> Document | None:
        row = self.con.execute(
            "SELECT doc_id, text, content_hash, source, source_type, published, url, path, title "
            "FROM documents WHERE doc_id = ?",
            [doc_id],
        ).fetchone()
        if row is None:
            return None
        return Document(
            doc_id=row[0], text=row[1] or "", content_hash=row[2], source=row[3] or "",
            source_type=row[4], published=row[5], url=row[6], path=row[7], title=row[8],
        )

    def count_documents(self) -> int:
        row = self.con.execute("SELECT count(*) FROM documents").fetchone()
        return int(row[0]) if row else 0

    def add_document(self, doc: Document, events: Sequence[Event]) -> bool:
        """Store a document and its events in one transaction. False (nothing written) if already stored."""
        return self.add_batch([(doc, events)])[0]

    def stored_hashes(self, hashes: Sequence[str]) -> set[str]:
        """The content hashes among ``hashes`` that are stored already (one query for the whole batch)."""
        return self._stored_keys("documents", "content_hash", hashes)

    def _stored_keys(self, table: str, column: str, keys: Sequence[str]) -> set[str]:
        """The values of ``keys`` present in ``table.column``: one scan of its 8-byte key column (schema 3),
        else of the column itself (the store keeps no in-memory key index, so this costs the same at any
        batch size: check many keys per call)."""
        if not keys:
            return set()
        keys = list(keys)
        if self._keyed and (table, column) in _KEYS:
            # probe the 8-byte keys first; only keys that match (stored, or a 1-in-2^64 collision) are
            # confirmed against the strings, so a batch of new documents never reads the string column
            key_table, key_column = _KEYS[(table, column)]
            keys = [r[0] for r in self.con.execute(
                f"SELECT k FROM (SELECT unnest(?::VARCHAR[]) AS k) "
                f"WHERE {_KEY_SQL}(k) IN (SELECT {key_column} FROM {key_table})", [keys]).fetchall()]
            if not keys:
                return set()
        rows = self.con.execute(
            f"SELECT DISTINCT {_q(column)} FROM {table} WHERE {_q(column)} IN (SELECT unnest(?::VARCHAR[]))",
            [keys],
        ).fetchall()
        return {r[0] for r in rows}

    def _check_new_ids(self, pairs: Sequence[tuple[Document, Sequence[Event]]]) -> None:
        """Raise StorageError if a document id or event id of these new documents repeats within them or is
        stored already (the uniqueness that PRIMARY KEY indexes gave schema-1 stores, checked per batch)."""
        def clash(doc: Document, what: str, key: str) -> StorageError:
            return StorageError(f"{doc.path or doc.doc_id}: {what} {key!r} is already stored or repeated with "
                                "different content (give each document a unique id)")

        by_doc: dict[str, Document] = {}
        by_event: dict[str, Document] = {}
        for doc, events in pairs:
            if doc.doc_id in by_doc:
                raise clash(doc, "document id", doc.doc_id)
            by_doc[doc.doc_id] = doc
            for ev in events:
                if ev.event_id in by_event:
                    raise clash(doc, "event id", ev.event_id)
                by_event[ev.event_id] = doc
        for key in sorted(self._stored_keys("documents", "doc_id", list(by_doc))):
            raise clash(by_doc[key], "document id", key)
        for key in sorted(self._stored_keys("events", "event_id", list(by_event))):
            raise clash(by_event[key], "event id", key)

    def unstored(self, docs: Iterable[Document], on_skip: Callable[[Document], None], *,
                 chunk: int = 256) -> Iterator[Document]:  # fmt: skip
        """The documents of ``docs`` whose content hash is not stored yet, looked up ``chunk`` at a time with
        one query each; ``on_skip`` is called for the others. A store empty now is never queried (it can hold
        nothing of this input but what the caller stores; ``add_batch`` still skips a repeat by its hash)."""
        check = self.count_documents() > 0

        def gen() -> Iterator[Document]:
            buf: list[Document] = []

            def drain() -> Iterator[Document]:
                stored = self.stored_hashes([d.content_hash for d in buf]) if check else set()
                for doc in buf:
                    if doc.content_hash in stored:
                        on_skip(doc)
                    else:
                        yield doc
                buf.clear()

            for doc in docs:
                buf.append(doc)
                if len(buf) >= chunk:
                    yield from drain()
            yield from drain()

        return gen()

    def add_documents(self, items: Iterable[tuple[Document, Sequence[Event]]]) -> int:
        """Bulk ingest (``eventcoder run``, scale-out merge, imports): many documents in ONE transaction.

        Documents whose content hash is stored already (or repeats within ``items``) are skipped.
        All or nothing: on any error nothing of this batch is written. Returns how many were stored.
        """
        return sum(self.add_batch(items))

    def add_batch(self, items: Iterable[tuple[Document, Sequence[Event]]]) -> list[bool]:
        """Like ``add_documents``, but says for each item whether it was stored (False: already stored)."""
        docs: list[list[Any]] = []
        pairs: list[tuple[Document, Sequence[Event]]] = []
        batch = list(items)
        seen = self.stored_hashes([doc.content_hash for doc, _ in batch])
        stored: list[bool] = []
        now = _now()
        for doc, events in batch:
            if doc.content_hash in seen:
                stored.append(False)
                continue
            seen.add(doc.content_hash)
            stored.append(True)
            docs.append([doc.doc_id, doc.content_hash, doc.source, doc.source_type, doc.published, doc.url,
                         doc.path, doc.title, doc.text, now])
            pairs.append((doc, events))
        if not docs:
            return stored
        self._check_new_ids(pairs)
        # one batch bigger than the cap (huge documents): retried with more memory (a failed try wrote nothing)
        self.with_more_memory(lambda: self._write_batch(docs, pairs, now), f"storing {len(docs)} document(s)")
        return stored

    def with_more_memory(self, run: Callable[[], _T], what: str, then: str = "") -> _T:
        """``run()``; when DuckDB runs out of memory under its cap, run it again with more, by the one
        policy above (``next_memory_limit``); the cap is set back afterwards. ``run`` must leave nothing
        half-done when it fails (one transaction, or work that resumes where it stopped). ``what`` and
        ``then`` word the error when it gives up: "... ran out of memory {what} ...; set ... higher{then}"."""
        import duckdb

        original = self.memory_limit_bytes()
        limit = original
        try:
            for retries_done in range(MEMORY_RETRIES + 1):
                try:
                    return run()
                except duckdb.OutOfMemoryException as exc:
                    bigger = next_memory_limit(limit, retries_done)
                    if bigger is None:
                        now = f"than {_size(limit)} " if limit is not None else ""
                        suggest = _size(max(2 * 10**9, MEMORY_GROWTH * (limit or 0)))
                        raise StorageError(
                            f"{self.path}: DuckDB ran out of memory {what} ({str(exc).splitlines()[0]}); "
                            f"set EVENTCODER_DB_MEMORY higher {now}(e.g. {suggest}){then}") from None
                    self.con.execute(f"SET memory_limit = '{bigger}B'")
                    limit = bigger
            raise AssertionError("unreachable: next_memory_limit gives up after MEMORY_RETRIES")
        finally:
            if original is not None and self.memory_limit_bytes() != original:
                self.con.execute(f"SET memory_limit = '{self._memory_setting or f'{original}B'}'")

    def memory_limit_bytes(self) -> int | None:
        """DuckDB's memory limit now, in bytes (None when it cannot be read)."""
        row = self.con.execute("SELECT value FROM duckdb_settings() WHERE name = 'memory_limit'").fetchone()
        units = {"B": 1, "KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40,
                 "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12}
        try:
            num, unit = str(row[0]).split() if row else ("", "")
            return int(float(num) * units[unit])
        except (ValueError, KeyError):
            return None

    def _write_batch(self, docs: list[list[Any]], pairs: list[tuple[Document, Sequence[Event]]],
                     now: dt.datetime) -> None:
        import duckdb

        try:
            with self.transaction() as con:
                _insert_rows(con, "documents", DOCUMENT_COLUMNS, docs)
                ev_rows: list[list[Any]] = []
                evi_rows: list[list[Any]] = []
                src_rows: list[list[Any]] = []
                for doc, events in pairs:
                    for ev in events:
                        ev_rows.append(_event_values(ev, now=now))
                        ev_doc = ev.doc_ids[0] if ev.doc_ids else doc.doc_id
                        evi_rows += [[ev.event_id, f, ev_doc, int(sp[0]), int(sp[1])] for f, sp in (ev.evidence or {}).items()]
                        src_rows.append([ev.event_id, doc.doc_id, ev.source or doc.source, ev.source_type, ev.claimed,
                                         ev.killed, ev.wounded, ev.killed_or_wounded])
                _insert_rows(con, "events", EVENT_COLUMNS, ev_rows)
                _insert_rows(con, "evidence", EVIDENCE_COLUMNS, evi_rows)
                _insert_rows(con, "event_sources", SOURCE_COLUMNS, src_rows)
                if self._keyed:
                    self._add_keys(con, [doc for doc, _ in pairs], [ev.event_id for _, evs in pairs for ev in evs])
        except duckdb.ConstraintException as exc:  # schema-1 stores: their key indexes check too
            raise StorageError(
                f"{self.path}: a document id or event id in this batch is already stored with different content "
                f"(give each document a unique id) [{str(exc).splitlines()[0]}]"
            ) from None

    def add_events(self, events: Sequence[Event], review_status: str = "proposed") -> int:
        """Insert or replace events that belong to already-stored documents (dedupe, dask merge). One transaction."""
        ids = [ev.event_id for ev in events]
        if len(set(ids)) != len(ids):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise StorageError(f"{self.path}: event id {dup!r} appears twice in one add_events call")
        with self.transaction() as con:
            self.delete_events(con, ids, keep_sources=True)
            self._insert_events(con, events, None, review_status=review_status)
        return len(events)

    def delete_events(self, con: duckdb.DuckDBPyConnection, event_ids: Sequence[str], *,
                      keep_sources: bool = False) -> int:
        """Delete these events (inside the caller's transaction ``con``) with their evidence rows, their
        ``event_sources`` rows unless ``keep_sources``, and (schema 3) one ``event_keys`` row per deleted
        event, so the key table holds exactly one key per stored event however often dedupe merges, splits
        or replaces events. Every deletion of events goes through here. Returns how many were deleted."""
        ids = list(dict.fromkeys(event_ids))
        if not ids:
            return 0
        gone = [r[0] for r in con.execute("DELETE FROM events WHERE list_contains(?, event_id) RETURNING event_id",
                                          [ids]).fetchall()]
        for table in ("evidence",) if keep_sources else ("evidence", "event_sources"):
            con.execute(f"DELETE FROM {table} WHERE list_contains(?, event_id)", [ids])
        if gone and self._keyed:
            # one key row per deleted event: two ids that share a 64-bit key (a collision) keep their rows apart
            con.execute(
                f"DELETE FROM event_keys WHERE rowid IN (SELECT k.rowid FROM (SELECT rowid, event_key, "
                f"row_number() OVER (PARTITION BY event_key ORDER BY rowid) AS rn FROM event_keys "
                f"WHERE event_key IN (SELECT {_KEY_SQL}(unnest(?::VARCHAR[])))) k JOIN (SELECT {_KEY_SQL}(i) AS "
                f"key, count(*) AS c FROM unnest(?::VARCHAR[]) t(i) GROUP BY key) d ON k.event_key = d.key "
                f"WHERE k.rn <= d.c)", [gone, gone])
        return len(gone)

    def _insert_events(
        self,
        con: duckdb.DuckDBPyConnection,
        events: Sequence[Event],
        doc: Document | None,
        review_status: str = "proposed",
    ) -> None:
        if not events:
            return
        _insert_rows(con, "events", EVENT_COLUMNS, [_event_values(ev, review_status) for ev in events])
        if self._keyed:  # a replaced event's old key row went with it (delete_events)
            self._add_keys(con, event_ids=[ev.event_id for ev in events])
        ev_rows = []
        src_rows = []
        for ev in events:
            ev_doc = ev.doc_ids[0] if ev.doc_ids else (doc.doc_id if doc else None)
            for fld, span in (ev.evidence or {}).items():
                ev_rows.append([ev.event_id, fld, ev_doc, int(span[0]), int(span[1])])
            if doc is not None:
                src_rows.append([ev.event_id, doc.doc_id, ev.source or doc.source, ev.source_type, ev.claimed,
                                 ev.killed, ev.wounded, ev.killed_or_wounded])
        _insert_rows(con, "evidence", EVIDENCE_COLUMNS, ev_rows)
        _insert_rows(con, "event_sources", SOURCE_COLUMNS, src_rows)

    # -- events ----------------------------------------------------------------------------------
    def _where(self, filters: Mapping[str, Any]) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        known = {"date_from", "date_to", "country", "iso", "admin1", "actor", "event_type", "sub_event_type",
                 "claimed", "review_status", "bbox", "doc_id", "source_type", "include_merged", "needs_review",
                 "review_confidence"}
        unknown = set(filters) - known
        if unknown:
            raise StorageError(f"unknown event filter(s): {', '.join(sorted(unknown))} (use one of {sorted(known)})")
        if not filters.get("include_merged"):
            clauses.append("merged_into IS NULL")
        if filters.get("date_from"):
            clauses.append("event_date >= ?")
            params.append(str(filters["date_from"]))
        if filters.get("date_to"):
            clauses.append("event_date <= ?")
            params.append(str(filters["date_to"]))
        for key in ("country", "admin1", "event_type", "sub_event_type", "source_type"):
            if filters.get(key):
                clauses.append(f"lower({key}) = lower(?)")
                params.append(str(filters[key]))
        if filters.get("iso"):
            clauses.append("upper(iso) = upper(?)")
            params.append(str(filters["iso"]))
        if filters.get("actor"):
            # a plain substring match: the user's % and _ are letters, not LIKE wildcards ('actor=%' once matched all)
            clauses.append("(" + " OR ".join(f"{col} ILIKE ? ESCAPE '\\'" for col in
                                             ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")) + ")")
            params += [f"%{like_escape(str(filters['actor']))}%"] * 4
        if filters.get("claimed") is not None:
            clauses.append("claimed = ?")
            params.append(bool(filters["claimed"]))
        if filters.get("review_status"):
            if filters["review_status"] not in REVIEW_STATUSES:
                raise StorageError(f"review_status must be one of {', '.join(REVIEW_STATUSES)}")
            clauses.append("review_status = ?")
            params.append(filters["review_status"])
        if filters.get("needs_review") is not None:
            cut = filters.get("review_confidence")
            clauses.append(NEEDS_REVIEW_SQL if filters["needs_review"] else f"NOT {NEEDS_REVIEW_SQL}")
            params.append(float(DEFAULT_REVIEW_CONFIDENCE if cut is None else cut))
        if filters.get("doc_id"):
            clauses.append("list_contains(doc_ids, ?)")
            params.append(filters["doc_id"])
        if filters.get("bbox") is not None:
            w, s, e, n = (float(x) for x in filters["bbox"])
            clauses.append("latitude BETWEEN ? AND ?")
            params += [s, n]
            if w <= e:
                clauses.append("longitude BETWEEN ? AND ?")
                params += [w, e]
            else:  # crosses the antimeridian
                clauses.append("(longitude >= ? OR longitude <= ?)")
                params += [w, e]
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return where, params

    def iter_events(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        order: str = "date",
        batch: int = 1000,
        reasons_at: float | None = None,
        **filters: Any,
    ) -> Iterator[Event]:
        """Stream events matching the filters (date_from, date_to, country, iso, admin1, actor, event_type,
        sub_event_type, claimed, review_status, bbox=(w,s,e,n), doc_id, source_type, include_merged,
        needs_review=True|False with review_confidence=cut-off (default DEFAULT_REVIEW_CONFIDENCE)).
        ``reasons_at=cut-off``: each event's ``context["_review_reasons"]`` says why it needs review at that cut-off
        (REVIEW_REASONS_SQL; [] = it needs none), computed in the same query."""
        if order not in _ORDERS:
            raise StorageError(f"unknown order {order!r} (use one of {', '.join(_ORDERS)})")
        where, params = self._where(filters)
        cols = list(EVENT_COLUMNS)
        select = ", ".join(_q(c) for c in EVENT_COLUMNS)
        if reasons_at is not None:  # in the same query: a second one by id scanned the table again (+40 % per page)
            select += f", {REVIEW_REASONS_SQL} AS review_reasons"
            cols.append("review_reasons")
            params.insert(0, float(reasons_at))
        sql = f"SELECT {select} FROM events{where} ORDER BY {_ORDERS[order]}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        if offset:
            sql += " OFFSET ?"
            params.append(int(offset))
        cur = self.con.cursor()
        try:
            cur.execute(sql, params)
            while True:
                rows = cur.fetchmany(batch)
                if not rows:
                    break
                for row in rows:
                    yield _row_to_event(cols, row)
        finally:
            cur.close()

    def close_values(self, column: str, value: str, n: int = 3) -> list[str]:
        """Stored values of a name column (country, admin1, event_type, ...) spelled like ``value``: the
        export's hint when a filter matched nothing ('raqqa' -> 'Ar-Raqqa')."""
        import difflib

        if column not in EVENT_COLUMNS:
            raise ValueError(f"not an event column: {column!r}")
        rows = self.con.execute(f"SELECT DISTINCT {_q(column)} FROM events WHERE {_q(column)} IS NOT NULL "
                                "LIMIT 20000").fetchall()
        names = {str(r[0]).lower(): str(r[0]) for r in rows}
        v = value.lower()
        hits = [k for k in names if v in k or k in v]  # a part of the name ('raqqa' in 'ar-raqqa')
        hits += [k for k in difflib.get_close_matches(v, list(names), n=n, cutoff=0.6) if k not in hits]
        return [names[k] for k in hits[:n]]

    def count_events(self, **filters: Any) -> int:
        where, params = self._where(filters)
        row = self.con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()
        return int(row[0]) if row else 0

    def get_event(self, event_id: str) -> Event | None:
        sql = f"SELECT {', '.join(_q(c) for c in EVENT_COLUMNS)} FROM events WHERE event_id = ?"
        row = self.con.execute(sql, [event_id]).fetchone()
        return _row_to_event(EVENT_COLUMNS, row) if row else None

    def review_reasons(self, event_ids: Sequence[str], review_confidence: float | None = None) -> dict[str, list[str]]:
        """Why each of these events needs review (the rule of NEEDS_REVIEW_SQL, with the cut-off
        ``review_confidence``, default DEFAULT_REVIEW_CONFIDENCE): event id -> reasons, [] for one that needs none
        (approved, rejected, or sure and well placed). Ids not stored are left out."""
        if not event_ids:
            return {}
        cut = float(DEFAULT_REVIEW_CONFIDENCE if review_confidence is None else review_confidence)
        rows = self.con.execute(f"SELECT event_id, {REVIEW_REASONS_SQL} FROM events "
                                "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [cut, list(event_ids)]).fetchall()
        return {str(r[0]): list(r[1] or []) for r in rows}

    def review_status(self, event_id: str) -> str | None:
        row = self.con.execute("SELECT review_status FROM events WHERE event_id = ?", [event_id]).fetchone()
        return row[0] if row else None

    def event_sources(self, event_id: str) -> list[dict[str, Any]]:
        cur = self.con.execute(
            "SELECT event_id, doc_id, source, source_type, claimed, killed, wounded, killed_or_wounded "
            "FROM event_sources WHERE event_id = ? ORDER BY doc_id",
            [event_id],
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def update_event(self, event_id: str, changes: Mapping[str, Any], who: str, action: str = "edit",
                     context: Mapping[str, Any] | None = None, undoes: int | None = None) -> Event:
        """Change fields of one event and write the audit log, in one transaction. Returns the new event.
        ``context``: stage hints to set with it (a corrected place's ``geo_reason``); the audit entry keeps
        their old and new values under ``"context"``. ``undoes``: the id of the audit entry this change takes
        back (action ``undo``), kept as ``after["undoes"]``."""
        bad = set(changes) - EDITABLE
        if bad:
            raise StorageError(f"cannot change field(s) {', '.join(sorted(bad))} (editable: schema fields, "
                               "review_status, merged_into)")
        if "review_status" in changes and changes["review_status"] not in REVIEW_STATUSES:
            raise StorageError(f"review_status must be one of {', '.join(REVIEW_STATUSES)}")
        with self.transaction() as con:
            cols = ", ".join(_q(c) for c in EVENT_COLUMNS)
            row = con.execute(f"SELECT {cols} FROM events WHERE event_id = ?", [event_id]).fetchone()
            if row is None:
                raise StorageError(f"no event {event_id!r} in {self.path}")
            data = dict(zip(EVENT_COLUMNS, row, strict=True))
            before = {k: self._jsonable(k, data[k]) for k in changes}
            if context:
                ctx = data["context"]
                ctx_d: dict[str, Any] = json.loads(ctx) if isinstance(ctx, str) else dict(ctx or {})
                before["context"] = {k: ctx_d.get(k) for k in context}
                ctx_d.update(context)
                changes = {**changes, "context": ctx_d}
            sets: list[str] = []
            params: list[Any] = []
            for k, v in changes.items():
                if k == "evidence":
                    v = _dumps({f: [int(s[0]), int(s[1])] for f, s in (v or {}).items()})
                elif k == "doc_ids":
                    v = list(v or ())
                elif k == "context":
                    v = _dumps(v)
                sets.append(f"{_q(k)} = ?")
                params.append(v)
            sets.append("updated_at = ?")
            params.append(_now())
            con.execute(f"UPDATE events SET {', '.join(sets)} WHERE event_id = ?", [*params, event_id])
            if "evidence" in changes or "doc_ids" in changes:
                new = con.execute("SELECT evidence, doc_ids FROM events WHERE event_id = ?", [event_id]).fetchone()
                assert new is not None
                evidence = json.loads(new[0]) if isinstance(new[0], str) else (new[0] or {})
                first = new[1][0] if new[1] else None
                con.execute("DELETE FROM evidence WHERE event_id = ?", [event_id])
                for fld, span in evidence.items():
                    con.execute('INSERT INTO evidence (event_id, field, doc_id, "start", "end") VALUES (?, ?, ?, ?, ?)',
                                [event_id, fld, first, int(span[0]), int(span[1])])
            after = {k: self._jsonable(k, v) for k, v in changes.items() if k != "context"}
            if context:
                after["context"] = dict(context)
            if undoes is not None:
                after["undoes"] = undoes
            con.execute(
                'INSERT INTO audit_log (event_id, who, "at", action, "before", "after") VALUES (?, ?, ?, ?, ?, ?)',
                [event_id, who, _now(), action, _dumps(before), _dumps(after)],
            )
        ev = self.get_event(event_id)
        assert ev is not None
        return ev

    @staticmethod
    def _jsonable(key: str, value: Any) -> Any:
        if key == "evidence" and isinstance(value, str):
            return json.loads(value)
        if key == "evidence" and isinstance(value, Mapping):
            return {k: [int(s[0]), int(s[1])] for k, s in value.items()}
        if isinstance(value, tuple):
            return list(value)
        return value

    def audit(self, event_id: str | None = None) -> list[dict[str, Any]]:
        sql = 'SELECT id, event_id, who, "at", action, "before", "after" FROM audit_log'
        params: list[Any] = []
        if event_id is not None:
            sql += " WHERE event_id = ?"
            params.append(event_id)
        cur = self.con.execute(sql + " ORDER BY id", params)
        out = []
        for r in cur.fetchall():
            out.append({"id": r[0], "event_id": r[1], "who": r[2], "at": r[3], "action": r[4],
                        "before": json.loads(r[5]) if r[5] else None, "after": json.loads(r[6]) if r[6] else None})
        return out

    def summary(self) -> dict[str, Any]:
        """Counts for the CLI summary: documents, events, events by country and by type (merged hidden)."""
        by_country = self.con.execute(
            "SELECT coalesce(country, '(unknown)') c, count(*) n FROM events WHERE merged_into IS NULL "
            "GROUP BY c ORDER BY n DESC, c").fetchall()
        by_type = self.con.execute(
            "SELECT coalesce(event_type, '(unknown)') t, count(*) n FROM events WHERE merged_into IS NULL "
            "GROUP BY t ORDER BY n DESC, t").fetchall()
        return {
            "documents": self.count_documents(),
            "events": self.count_events(),
            "by_country": [(c, int(n)) for c, n in by_country],
            "by_type": [(t, int(n)) for t, n in by_type],
        }
