from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.errors import StorageError
from eventcoder.records import CASUALTY_QUALIFIERS, SOURCE_TYPES, Document, Event
from eventcoder.stages.store import SCHEMA_VERSION, Store

TEXT = "On 2 January 2017 a car bomb exploded in Baghdad, killing 3 and wounding 10."


def make_event(doc: Document, i: int = 0, **kw: object) -> Event:
    base: dict[str, object] = dict(
        event_id=f"ev:{doc.doc_id}:{i}", event_date="2017-01-02", time_precision=1, date_text="2 January 2017",
        calendar="gregorian", country="Iraq", iso="IQ", admin1="Baghdad", location="Baghdad",
        latitude=33.34, longitude=44.40, geo_precision=1, gazetteer_id="geonames:98182",
        location_text="in Baghdad", event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED", actor1="Unidentified Armed Group (Iraq)",
        actor2="Civilians (Iraq)", killed=3, wounded=10, casualty_qualifier="exact", source=doc.source,
        source_type="news", notes="On 2 January 2017, a car bomb exploded in Baghdad.",
        evidence={"event_date": [3, 17], "location": [43, 50], "killed": [60, 61]}, doc_ids=(doc.doc_id,),
        confidence=0.8,
    )
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


@pytest.fixture()
def store(tmp_path: Path):
    with Store(tmp_path / "t.duckdb") as s:
        yield s


def test_add_document_is_idempotent(store: Store) -> None:
    doc = Document.from_text(TEXT, source="wire", published="2017-01-03")
    ev = make_event(doc)
    assert store.add_document(doc, [ev]) is True
    assert store.has_document(doc.content_hash)
    assert store.add_document(doc, [ev]) is False
    assert store.count_documents() == 1
    assert store.count_events() == 1
    got = store.get_event(ev.event_id)
    assert got == ev
    assert store.get_document(doc.doc_id) == doc
    n_ev = store.con.execute("SELECT count(*) FROM evidence").fetchone()
    assert n_ev == (3,)
    srcs = store.event_sources(ev.event_id)
    assert srcs[0]["killed"] == 3 and srcs[0]["source"] == "wire" and srcs[0]["claimed"] is False


def test_same_text_with_crlf_is_same_document(store: Store) -> None:
    a = Document.from_text("line one\nline two\n")
    b = Document.from_text("line one\r\nline two")
    assert store.add_document(a, []) is True
    assert store.add_document(b, []) is False


def test_failed_transaction_writes_nothing(store: Store) -> None:
    doc = Document.from_text(TEXT)
    ev = make_event(doc)
    with pytest.raises(StorageError):
        store.add_document(doc, [ev, ev])  # duplicate event id -> constraint error mid-transaction
    assert store.count_documents() == 0
    assert store.count_events() == 0
    assert store.con.execute("SELECT count(*) FROM evidence").fetchone() == (0,)
    assert store.add_document(doc, [ev]) is True


def test_filters(store: Store) -> None:
    d1 = Document.from_text("doc one " + TEXT, doc_id="d1")
    d2 = Document.from_text("doc two " + TEXT, doc_id="d2")
    store.add_document(d1, [make_event(d1, 0), make_event(d1, 1, event_date="2017-03-05", claimed=True,
                                                           actor1="Islamic State", event_type="Battles")])
    store.add_document(d2, [make_event(d2, 0, country="Syria", iso="SY", latitude=36.2, longitude=37.1,
                                       admin1="Aleppo")])
    assert store.count_events() == 3
    assert store.count_events(country="iraq") == 2
    assert store.count_events(iso="sy") == 1
    assert store.count_events(date_from="2017-02-01") == 1
    assert store.count_events(date_to="2017-01-02") == 2
    assert store.count_events(claimed=True) == 1
    assert store.count_events(claimed=False) == 2
    assert store.count_events(actor="islamic") == 1
    # the user's text is a plain substring: LIKE's wildcards and the escape character match only themselves
    assert store.count_events(actor="%") == 0
    assert store.count_events(actor="_") == 0
    assert store.count_events(actor="islamic_state") == 0
    assert store.count_events(actor="\\") == 0
    assert store.count_events(actor="c s") == 1
    assert store.count_events(event_type="Battles") == 1
    assert store.count_events(admin1="Aleppo") == 1
    assert store.count_events(bbox=(36, 35, 38, 37)) == 1
    assert store.count_events(bbox=(40, 30, 50, 40)) == 2
    assert store.count_events(doc_id="d2") == 1
    ids = [e.event_id for e in store.iter_events(order="-date")]
    assert ids[0] == "ev:d1:1"
    assert len(list(store.iter_events(limit=2))) == 2
    assert len(list(store.iter_events(limit=2, offset=2))) == 1
    with pytest.raises(StorageError):
        store.count_events(colour="red")
    with pytest.raises(StorageError):
        list(store.iter_events(order="; DROP TABLE events"))


def test_update_event_writes_audit_log(store: Store) -> None:
    doc = Document.from_text(TEXT)
    ev = make_event(doc)
    store.add_document(doc, [ev])
    new = store.update_event(ev.event_id, {"killed": 4, "review_status": "approved"}, who="alice", action="edit")
    assert new.killed == 4
    assert store.review_status(ev.event_id) == "approved"
    log = store.audit(ev.event_id)
    assert len(log) == 1
    assert log[0]["who"] == "alice" and log[0]["before"]["killed"] == 3 and log[0]["after"]["killed"] == 4
    assert store.count_events(review_status="approved") == 1
    store.update_event(ev.event_id, {"merged_into": "ev:other"}, who="dedupe", action="merge")
    assert store.count_events() == 0
    assert store.count_events(include_merged=True) == 1
    assert len(store.audit()) == 2
    with pytest.raises(StorageError):
        store.update_event(ev.event_id, {"event_id": "x"}, who="a")
    with pytest.raises(StorageError):
        store.update_event("nope", {"killed": 1}, who="a")
    with pytest.raises(StorageError):
        store.update_event(ev.event_id, {"review_status": "maybe"}, who="a")


def test_update_evidence_rewrites_evidence_rows(store: Store) -> None:
    doc = Document.from_text(TEXT)
    ev = make_event(doc)
    store.add_document(doc, [ev])
    store.update_event(ev.event_id, {"evidence": {"killed": [60, 61]}}, who="bob")
    rows = store.con.execute('SELECT field, "start", "end" FROM evidence').fetchall()
    assert rows == [("killed", 60, 61)]


def test_reopen_keeps_data_and_read_only(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    doc = Document.from_text(TEXT)
    with Store(db) as s:
        s.add_document(doc, [make_event(doc)])
    with Store(db, read_only=True) as s:
        assert s.count_events() == 1
        assert s.summary()["by_country"] == [("Iraq", 1)]
    with pytest.raises(StorageError, match="no such store"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_locked_store_gives_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    Store(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb,sys,time; c=duckdb.connect({str(db)!r}); print('ok', flush=True); "
         "sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StorageError, match="close the other eventcoder process or use --db another.duckdb"):
            Store(db)
        with pytest.raises(StorageError, match=rf"locked by another process \(PID {holder.pid}\); an `eventcoder serve`"):
            Store(db)  # the holder named, and the usual holder (a running server) with what to do
        # review U: a writer (run, dedupe) is told to send reports through the server, a reader to read through it
        with pytest.raises(StorageError, match=r"send reports through it \(POST /api/upload\)"):
            Store(db)
        with pytest.raises(StorageError, match=r"read through it \(GET /api/export\)"):
            Store(db, read_only=True)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


def test_a_new_store_in_a_new_folder_and_a_file_that_is_no_store(tmp_path: Path) -> None:
    with Store(tmp_path / "new" / "deeper" / "s.duckdb") as s:  # folders made, as export -o does
        assert s.count_documents() == 0
    report = tmp_path / "reports.jsonl"
    report.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    for ro in (False, True):
        with pytest.raises(StorageError, match=r"reports.jsonl: not an eventcoder store \(not a DuckDB file\); give --db"):
            Store(report, read_only=ro)
    assert report.read_text(encoding="utf-8") == '{"id": "a", "text": "x"}\n'
    with pytest.raises(StorageError, match="is a folder"):
        Store(tmp_path / "new")
    (tmp_path / "touched.duckdb").touch()
    with pytest.raises(StorageError, match=r"touched.duckdb: an empty file, not a store .*remove it"):
        Store(tmp_path / "touched.duckdb")
    with Store(":memory:") as s:  # DuckDB's in-memory database is still allowed (tests, notebooks)
        assert s.count_documents() == 0


def test_not_a_database_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_text("this is not a database, just text\n" * 100)
    with pytest.raises(StorageError, match="bad.duckdb"):
        Store(bad)


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
_opt_text = st.none() | _text
_opt_int = st.none() | st.integers(min_value=0, max_value=2**62)
_opt_float = st.none() | st.floats(allow_nan=False, allow_infinity=False)
_span = st.lists(st.integers(min_value=0, max_value=10**6), min_size=2, max_size=2)

events = st.builds(
    Event,
    event_id=st.text(alphabet="abcdef0123456789:", min_size=1, max_size=20),
    event_date=st.none() | st.dates().map(lambda d: d.isoformat()),
    time_precision=st.none() | st.integers(1, 3),
    date_text=_opt_text, calendar=st.none() | st.sampled_from(["gregorian", "hijri"]),
    country=_opt_text, iso=_opt_text, admin1=_opt_text, admin2=_opt_text, location=_opt_text,
    latitude=_opt_float, longitude=_opt_float, geo_precision=st.none() | st.integers(1, 3),
    gazetteer_id=_opt_text, location_text=_opt_text, event_type=_opt_text, sub_event_type=_opt_text,
    attack_type=_opt_text, weapon_type=_opt_text, weapon_detail=_opt_text, actor1=_opt_text,
    assoc_actor_1=_opt_text, actor2=_opt_text, assoc_actor_2=_opt_text, target_type=_opt_text,
    actor1_text=_opt_text, actor2_text=_opt_text, killed=_opt_int, wounded=_opt_int, killed_or_wounded=_opt_int,
    casualty_qualifier=st.sampled_from(CASUALTY_QUALIFIERS), vehicles_destroyed=_opt_int,
    territory_change=st.booleans(), claimed=st.booleans(), source=_text,
    source_type=st.sampled_from(SOURCE_TYPES), notes=_text,
    evidence=st.dictionaries(st.sampled_from(["event_date", "killed", "actor1", "location"]), _span),
    doc_ids=st.lists(_text, max_size=3).map(tuple),
    confidence=st.floats(min_value=0, max_value=1),
    context=st.dictionaries(st.text(max_size=5, alphabet="abc"), st.integers(0, 5), max_size=2),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ev=events, body=st.text(min_size=1, max_size=50).filter(lambda t: t.strip() and "\x00" not in t))
def test_event_round_trip(tmp_path: Path, ev: Event, body: str) -> None:
    with Store(":memory:") as s:
        doc = Document.from_text(body.encode("utf-8", "replace").decode("utf-8", "replace"))
        assert s.add_document(doc, [ev])
        got = s.get_event(ev.event_id)
        assert got == ev
        assert got is not None and got.to_dict() == ev.to_dict()
        assert dict(got.context) == {**ev.context, "_review_status": "proposed", "_merged_into": None}
        assert list(s.iter_events(include_merged=True)) == [ev]


def test_add_documents_bulk_one_transaction(store: Store) -> None:
    docs = [Document.from_text(f"report {i}: {TEXT}", doc_id=f"b{i}") for i in range(300)]
    items = [(d, [make_event(d, 0), make_event(d, 1)]) for d in docs]
    assert store.add_documents(items[:100]) == 100
    assert store.add_documents(items) == 200  # the first 100 are skipped
    assert store.add_documents(items) == 0
    assert (store.count_documents(), store.count_events()) == (300, 600)
    assert store.get_event("ev:b250:1") == items[250][1][1]
    bad = Document.from_text("different text, same id", doc_id="b0")
    new = Document.from_text("a new one", doc_id="new")
    with pytest.raises(StorageError, match="unique id"):
        store.add_documents([(new, []), (bad, [])])
    assert store.count_documents() == 300 and not store.has_document(new.content_hash)  # all or nothing


@settings(max_examples=15, deadline=None)
@given(evs=st.lists(events, min_size=1, max_size=3))
def test_bulk_round_trip_through_arrow_path(evs: list[Event]) -> None:
    # > 64 rows per table takes the Arrow insert path; results must equal the VALUES path
    many = [e.replace(event_id=f"{e.event_id}#{i}") for i in range(70) for e in evs]
    many = list({e.event_id: e for e in many}.values())
    with Store(":memory:") as s:
        doc = Document.from_text("bulk body", doc_id="bulk")
        assert s.add_documents([(doc, many)]) == 1
        got = {e.event_id: e for e in s.iter_events(include_merged=True)}
        assert got == {e.event_id: e for e in many}
        n_evidence = sum(len(e.evidence) for e in many)
        assert s.con.execute("SELECT count(*) FROM evidence").fetchone() == (n_evidence,)


def test_add_batch_says_which_were_stored_and_stored_hashes(store: Store) -> None:
    docs = [Document.from_text(f"batch {i}: {TEXT}", doc_id=f"k{i}") for i in range(5)]
    assert store.add_batch([(docs[0], [make_event(docs[0])])]) == [True]
    repeat = Document.from_text(f"batch 3: {TEXT}", doc_id="k3-again")  # same content as k3
    items = [(d, [make_event(d)]) for d in docs] + [(repeat, [])]
    assert store.add_batch(items) == [False, True, True, True, True, False]
    assert store.stored_hashes([d.content_hash for d in docs] + ["nope"]) == {d.content_hash for d in docs}
    assert store.stored_hashes([]) == set()
    assert store.get_document("k3-again") is None and store.count_events() == 5


def test_db_memory_env_caps_duckdb_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCODER_DB_MEMORY", "300MB")
    with Store(tmp_path / "m.duckdb") as s:
        limit = s.con.execute("SELECT current_setting('memory_limit')").fetchone()
        assert limit is not None and limit[0].startswith("286")  # 300 MB = 286.1 MiB
    monkeypatch.setenv("EVENTCODER_DB_MEMORY", "lots")
    with pytest.raises(StorageError, match="EVENTCODER_DB_MEMORY='lots' is not a memory size"):
        Store(tmp_path / "n.duckdb")


# -- schema 2: no in-memory key indexes; uniqueness checked per batch; schema-1 stores keep working --------------


def _key_indexes(s: Store) -> list[tuple[str, str]]:
    rows = s.con.execute("SELECT table_name, constraint_type FROM duckdb_constraints() "
                         "WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE') AND table_name IN "
                         "('documents', 'events', 'evidence', 'event_sources', 'audit_log')").fetchall()
    return rows + s.con.execute("SELECT table_name, index_name FROM duckdb_indexes()").fetchall()


def test_new_store_keeps_no_key_index_and_records_its_schema(tmp_path: Path) -> None:
    with Store(tmp_path / "v3.duckdb") as s:
        assert s.schema_version == SCHEMA_VERSION == 3
        assert _key_indexes(s) == []
        assert s.upgrade() is False
    with Store(tmp_path / "v3.duckdb", read_only=True) as s:
        assert s.schema_version == 3


def _key_rows(s: Store) -> tuple[list[tuple[int, int]], list[tuple[int]]]:
    return (s.con.execute("SELECT hash_key, doc_key FROM doc_keys ORDER BY ALL").fetchall(),
            s.con.execute("SELECT event_key FROM event_keys ORDER BY ALL").fetchall())


def test_key_tables_hold_the_md5_key_of_every_stored_hash_and_id(store: Store) -> None:
    import hashlib

    def key(text: str) -> int:  # DuckDB's md5_number_upper: the first 8 bytes of the MD5 digest, little-endian
        return int.from_bytes(hashlib.md5(text.encode()).digest()[:8], "little")

    docs = [Document.from_text(f"keyed {i}: {TEXT}", doc_id=f"k{i}") for i in range(70)]  # > 64: Arrow path
    assert store.add_documents([(d, [make_event(d), make_event(d, 1)]) for d in docs]) == 70
    extra = make_event(docs[0], 5)
    store.add_events([extra])
    docs_keys, event_keys = _key_rows(store)
    assert docs_keys == sorted((key(d.content_hash), key(d.doc_id)) for d in docs)
    assert event_keys == sorted([(key(f"ev:{d.doc_id}:{i}"),) for d in docs for i in (0, 1)] + [(key(extra.event_id),)])


def test_a_matched_key_is_confirmed_against_the_stored_strings(store: Store) -> None:
    """A key with no stored row behind it (an event replaced or deleted, or a 64-bit collision) is no clash."""
    doc = Document.from_text(f"ghost: {TEXT}", doc_id="g1")
    store.con.execute("INSERT INTO event_keys SELECT md5_number_upper('ev:g1:0')")
    store.con.execute("INSERT INTO doc_keys SELECT md5_number_upper(?), md5_number_upper('g1')", [doc.content_hash])
    assert store.stored_hashes([doc.content_hash]) == set()
    assert store.add_batch([(doc, [make_event(doc)])]) == [True]
    assert store.stored_hashes([doc.content_hash, "nope"]) == {doc.content_hash}
    other = Document.from_text("other text", doc_id="g2")
    with pytest.raises(StorageError, match="event id 'ev:g1:0'"):
        store.add_document(other, [make_event(other, event_id="ev:g1:0")])


_ids = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               min_size=1, max_size=12)


@settings(max_examples=40, deadline=None)
@given(stored=st.lists(_ids, min_size=1, max_size=20, unique=True), probe=st.lists(_ids, max_size=20))
def test_key_table_lookups_equal_the_string_scans(stored: list[str], probe: list[str]) -> None:
    """Any ids (any Unicode): the probe through doc_keys/event_keys finds exactly what a scan of the
    strings finds (schema-2 path), for content hashes, document ids and event ids."""
    with Store(":memory:") as s:
        docs = [Document.from_text(f"text {i}", doc_id=d) for i, d in enumerate(stored)]
        s.add_batch([(d, [make_event(d, event_id="e:" + d.doc_id)]) for d in docs])
        hashes = [d.content_hash for d in docs[::2]] + [Document.from_text(p_).content_hash for p_ in probe]
        cases = [("documents", "doc_id", probe + stored[::3]), ("documents", "content_hash", hashes),
                 ("events", "event_id", ["e:" + x for x in probe + stored[1::2]])]
        keyed = [s._stored_keys(t, c, keys) for t, c, keys in cases]
        s.schema_version = 2  # the string scans, as on a schema-2 store
        assert keyed == [s._stored_keys(t, c, keys) for t, c, keys in cases]
        assert keyed[0] == set(probe + stored[::3]) & set(stored)


def test_schema2_store_gains_its_key_tables_when_opened_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "v2.duckdb"
    docs = [Document.from_text(f"v2 {i}: {TEXT}", doc_id=f"w{i}") for i in range(5)]
    with Store(path) as s:
        s.add_documents([(d, [make_event(d)]) for d in docs])
        expected = _key_rows(s)
        s.con.execute("DROP TABLE doc_keys")  # what a schema-2 store looks like
        s.con.execute("DROP TABLE event_keys")
        s.con.execute("UPDATE store_meta SET v = '2' WHERE k = 'schema_version'")
    with Store(path, read_only=True) as s:  # read-only: left as it is, checks scan the strings
        assert s.schema_version == 2 and not s._keyed
        assert s.stored_hashes([docs[1].content_hash, "x"]) == {docs[1].content_hash}
    with Store(path) as s:
        assert s.schema_version == 3 and _key_rows(s) == expected
        assert s.add_documents([(d, [make_event(d)]) for d in docs]) == 0
        clash = Document.from_text("new text, old id", doc_id="w3")
        with pytest.raises(StorageError, match="document id 'w3'"):
            s.add_document(clash, [])


def test_ids_stay_unique_without_indexes(store: Store) -> None:
    docs = [Document.from_text(f"unique {i}: {TEXT}", doc_id=f"u{i}") for i in range(3)]
    assert store.add_batch([(d, [make_event(d)]) for d in docs[:2]]) == [True, True]
    # a new text under a stored document id
    clash = Document.from_text("another text", doc_id="u0", path="feed.jsonl")
    with pytest.raises(StorageError, match=r"feed.jsonl: document id 'u0' .*unique id"):
        store.add_batch([(docs[2], [make_event(docs[2])]), (clash, [])])
    # a new document whose event id is stored already
    other = Document.from_text("a third text", doc_id="u9")
    with pytest.raises(StorageError, match="event id 'ev:u1:0'"):
        store.add_document(other, [make_event(other, event_id="ev:u1:0")])
    # the same document id twice within one batch
    twin = Document.from_text("twin text", doc_id="u2")
    with pytest.raises(StorageError, match="document id 'u2'"):
        store.add_batch([(docs[2], []), (twin, [])])
    assert (store.count_documents(), store.count_events()) == (2, 2)  # nothing of the failed batches
    assert store.add_batch([(docs[2], [make_event(docs[2])])]) == [True]
    assert store.add_batch([(d, [make_event(d)]) for d in docs]) == [False, False, False]  # re-run: nothing twice
    assert (store.count_documents(), store.count_events()) == (3, 3)
    with pytest.raises(StorageError, match="appears twice"):
        store.add_events([make_event(docs[0]), make_event(docs[0])])


def _legacy_store(path: Path) -> None:
    """A store as eventcoder wrote it before schema versions (PRIMARY KEY/UNIQUE indexes, no store_meta)."""
    import duckdb

    from eventcoder.stages.store import _schema_sql

    con = duckdb.connect(str(path))
    for sql in _schema_sql():
        if "store_meta" in sql:
            continue
        sql = (sql.replace("doc_id VARCHAR NOT NULL", "doc_id VARCHAR PRIMARY KEY")
               .replace("content_hash VARCHAR NOT NULL", "content_hash VARCHAR UNIQUE NOT NULL")
               .replace('"event_id" VARCHAR NOT NULL', '"event_id" VARCHAR PRIMARY KEY')
               .replace("id BIGINT DEFAULT", "id BIGINT PRIMARY KEY DEFAULT"))
        con.execute(sql)
    con.execute("CREATE INDEX evidence_event ON evidence(event_id)")
    con.execute("CREATE INDEX sources_event ON event_sources(event_id)")
    con.execute("CREATE TABLE dedupe_seen (event_id VARCHAR PRIMARY KEY)")  # as dedupe made it then
    con.execute("INSERT INTO dedupe_seen VALUES ('ev:o1:0'), ('ev:o2:0')")
    con.close()


def test_schema1_store_opens_works_and_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _legacy_store(path)
    docs = [Document.from_text(f"old {i}: {TEXT}", doc_id=f"o{i}") for i in range(70)]  # > 64: Arrow path
    with Store(path) as s:
        assert s.schema_version == 1 and len(_key_indexes(s)) == 6
        assert s.con.execute("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'dedupe_seen' "
                             "AND constraint_type = 'PRIMARY KEY'").fetchone() == (1,)
        assert s.add_documents([(d, [make_event(d)]) for d in docs]) == 70
        s.update_event("ev:o3:0", {"killed": 4}, who="tester")
        assert s.add_documents([(d, [make_event(d)]) for d in docs]) == 0
        before = ([e.to_dict() for e in s.iter_events(order="id")], s.audit(),
                  s.con.execute("SELECT * FROM documents ORDER BY doc_id").fetchall(),
                  s.con.execute("SELECT * FROM evidence ORDER BY event_id, field").fetchall())
    with Store(path) as s:  # reopening keeps it schema 1
        assert s.schema_version == 1
        assert s.upgrade() is True
        assert s.schema_version == SCHEMA_VERSION and _key_indexes(s) == []
        assert [len(rows) for rows in _key_rows(s)] == [70, 70]
        assert s.con.execute("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'dedupe_seen' "
                             "AND constraint_type = 'PRIMARY KEY'").fetchone() == (0,)
        assert s.con.execute("SELECT event_id FROM dedupe_seen ORDER BY 1").fetchall() == [("ev:o1:0",), ("ev:o2:0",)]
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        after = ([e.to_dict() for e in s.iter_events(order="id")], s.audit(),
                 s.con.execute("SELECT * FROM documents ORDER BY doc_id").fetchall(),
                 s.con.execute("SELECT * FROM evidence ORDER BY event_id, field").fetchall())
        assert after == before
        assert s.add_documents([(d, [make_event(d)]) for d in docs]) == 0
        s.update_event("ev:o4:0", {"killed": 5}, who="tester")
        assert [a["id"] for a in s.audit()] == [1, 2]  # the audit sequence goes on
        assert s.get_event("ev:o4:0").killed == 5  # type: ignore[union-attr]


def test_upgrade_store_cli(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventcoder.cli import main

    path = tmp_path / "old.duckdb"
    _legacy_store(path)
    res = CliRunner().invoke(main, ["upgrade-store", "--db", str(path)])
    assert res.exit_code == 0 and "schema 1 -> 3" in res.output
    res = CliRunner().invoke(main, ["upgrade-store", "--db", str(path)])
    assert res.exit_code == 0 and "already schema 3" in res.output


def test_run_on_a_schema1_store_stores_once_and_names_upgrade_store(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventcoder.cli import main

    path = tmp_path / "old.duckdb"
    _legacy_store(path)
    report = tmp_path / "r.txt"
    report.write_text("Published: 2017-01-03\n\n" + TEXT, encoding="utf-8")
    res = CliRunner().invoke(main, ["run", str(report), "--db", str(path), "-q", "--no-dedupe"])
    assert res.exit_code == 0, res.output
    assert f"`eventcoder upgrade-store --db {path}`" in res.stdout
    res = CliRunner().invoke(main, ["run", str(report), "--db", str(path), "-q", "--no-dedupe"])
    with Store(path, read_only=True) as s:
        assert s.count_documents() == 1 and s.schema_version == 1
    CliRunner().invoke(main, ["upgrade-store", "--db", str(path)])
    res = CliRunner().invoke(main, ["run", str(report), "--db", str(path), "-q", "--no-dedupe"])
    assert res.exit_code == 0 and "upgrade-store" not in res.stdout


def test_store_from_a_newer_version_gives_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    with Store(path) as s:
        s.con.execute("UPDATE store_meta SET v = '99' WHERE k = 'schema_version'")
    for ro in (False, True):
        with pytest.raises(StorageError, match=r"schema version 99, written by a newer eventcoder"):
            Store(path, read_only=ro)


def test_memory_limit_argument_and_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTCODER_DB_MEMORY", raising=False)
    with Store(tmp_path / "a.duckdb", memory_limit="100MB") as s:
        assert s.con.execute("SELECT current_setting('memory_limit')").fetchone()[0].startswith("95")  # type: ignore[index]
    monkeypatch.setenv("EVENTCODER_DB_MEMORY", "300MB")
    with Store(tmp_path / "a.duckdb", memory_limit="100MB") as s:
        assert s.con.execute("SELECT current_setting('memory_limit')").fetchone()[0].startswith("286")  # type: ignore[index]


def test_out_of_memory_policy_grows_the_cap_4x_at_most_3_times_never_above_4_gib() -> None:
    from eventcoder.stages.store import MEMORY_RETRY_CEILING, next_memory_limit

    mb, gib = 10**6, 2**30
    caps, limit = [], 48 * mb
    for done in range(10):
        nxt = next_memory_limit(limit, done)
        if nxt is None:
            break
        caps.append(nxt)
        limit = nxt
    assert caps == [192 * mb, 768 * mb, 3072 * mb]  # then it gives up
    assert next_memory_limit(3 * gib, 0) == 4 * gib == MEMORY_RETRY_CEILING  # clamped, not 12 GiB
    assert next_memory_limit(4 * gib, 1) is None and next_memory_limit(6 * gib, 0) is None
    assert next_memory_limit(None, 0) is None


def _always_out_of_memory(monkeypatch: pytest.MonkeyPatch, seen: list[int | None]) -> None:
    import duckdb

    def oom(self: Store, *a: object) -> None:
        seen.append(self.memory_limit_bytes())
        raise duckdb.OutOfMemoryException("could not allocate block of size 256.0 KiB")

    monkeypatch.setattr(Store, "_write_batch", oom)


def test_a_large_memory_cap_is_not_raised_past_the_ceiling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 3 GB cap may grow once, to 4 GiB, then the error tells the user to raise it (before the policy was
    shared, add_batch checked only the starting cap and went on to 12, 48 and 192 GB)."""
    from eventcoder.stages.store import MEMORY_RETRY_CEILING

    monkeypatch.delenv("EVENTCODER_DB_MEMORY", raising=False)
    with Store(tmp_path / "big.duckdb", memory_limit="3GB") as s:
        cap = s.memory_limit_bytes()
        assert cap is not None and 2.7e9 < cap <= 3e9
        seen: list[int | None] = []
        _always_out_of_memory(monkeypatch, seen)
        doc = Document.from_text("one document", doc_id="d1")
        with pytest.raises(StorageError, match=r"EVENTCODER_DB_MEMORY higher than 4\.29GB"):
            s.add_batch([(doc, [make_event(doc)])])
        assert seen[0] == cap and len(seen) == 2
        assert all(c is not None and c <= MEMORY_RETRY_CEILING for c in seen), seen
        assert abs((seen[1] or 0) - MEMORY_RETRY_CEILING) < 2**20  # DuckDB rounds to 0.1 MiB
        assert s.memory_limit_bytes() == cap


def test_out_of_memory_gives_up_after_3_retries_writes_nothing_and_restores_the_cap(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTCODER_DB_MEMORY", raising=False)
    with Store(tmp_path / "g.duckdb", memory_limit="16MB") as s:
        cap = s.memory_limit_bytes()
        assert cap is not None
        seen: list[int | None] = []
        with monkeypatch.context() as m:
            _always_out_of_memory(m, seen)
            doc = Document.from_text("one document", doc_id="d1")
            with pytest.raises(StorageError, match=r"g\.duckdb: DuckDB ran out of memory storing 1 document\(s\)"
                                                   r" \(could not allocate block.*EVENTCODER_DB_MEMORY higher"):
                s.add_batch([(doc, [make_event(doc)])])
        assert len(seen) == 4  # the first try and 3 retries
        assert [round((c or 0) / cap) for c in seen] == [1, 4, 16, 64]
        assert s.memory_limit_bytes() == cap and s.count_documents() == 0
        assert s.add_batch([(doc, [make_event(doc)])]) == [True]  # the store still works under its cap


def test_batch_bigger_than_the_memory_cap_is_retried_then_the_cap_restored(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTCODER_DB_MEMORY", raising=False)
    with Store(tmp_path / "cap.duckdb", memory_limit="16MB") as s:
        cap = s.memory_limit_bytes()
        assert cap is not None and 15_000_000 < cap <= 16_000_000
        docs = [Document.from_text(f"big {i} " + "word " * 200_000, doc_id=f"big{i}") for i in range(24)]  # 24 MB
        calls: list[int | None] = []
        real = Store._write_batch

        def spy(self: Store, *a: object) -> None:
            calls.append(self.memory_limit_bytes())
            real(self, *a)  # type: ignore[arg-type]

        monkeypatch.setattr(Store, "_write_batch", spy)
        assert s.add_batch([(d, [make_event(d)]) for d in docs]) == [True] * 24
        assert len(calls) >= 2 and calls[0] == cap and (calls[1] or 0) > 3 * cap  # ran out once, retried with more
        assert s.memory_limit_bytes() == cap
        assert (s.count_documents(), s.count_events()) == (24, 24)


def test_keys_computed_by_another_duckdb_release_are_recomputed(tmp_path: Path) -> None:
    """md5_number_upper's definition has changed between DuckDB releases: a store whose key tables another
    release filled (its 'key_probe' differs) must not let a stored document in again. Read-only: the checks
    scan the strings; opened to write: the keys are recomputed once."""
    path = tmp_path / "k.duckdb"
    docs = [Document.from_text(f"probe {i}: {TEXT}", doc_id=f"p{i}") for i in range(5)]
    with Store(path) as s:
        assert s._keyed
        s.add_documents([(d, [make_event(d)]) for d in docs])
        expected = _key_rows(s)
        probe = s.con.execute("SELECT v FROM store_meta WHERE k = 'key_probe'").fetchone()
        assert probe is not None and probe[0] == str(s.con.execute("SELECT md5_number_upper(?)", ["eventcoder key probe"]).fetchone()[0])  # type: ignore[index]
        # what another release's keys look like to this one: none of them match
        s.con.execute("UPDATE doc_keys SET hash_key = xor(hash_key, 1::UBIGINT), doc_key = xor(doc_key, 1::UBIGINT)")
        s.con.execute("UPDATE event_keys SET event_key = xor(event_key, 1::UBIGINT)")
        s.con.execute("UPDATE store_meta SET v = '12345' WHERE k = 'key_probe'")
    with Store(path, read_only=True) as s:
        assert s.schema_version == 3 and not s._keyed
        assert s.stored_hashes([docs[2].content_hash, "x"]) == {docs[2].content_hash}
    with Store(path) as s:
        assert s._keyed and _key_rows(s) == expected
        assert s.add_documents([(d, [make_event(d)]) for d in docs]) == 0
        assert s.count_documents() == 5
    with Store(path) as s:  # the probe now matches: nothing to redo
        assert s._keyed and _key_rows(s) == expected


def _keys_match_rows(s: Store) -> bool:
    """event_keys holds exactly one key per stored event (a multiset equal to the events' keys)."""
    held = s.con.execute("SELECT event_key FROM event_keys ORDER BY 1").fetchall()
    rows = s.con.execute("SELECT md5_number_upper(event_id) FROM events ORDER BY 1").fetchall()
    return held == rows


def test_event_keys_stay_one_per_event_through_merges_splits_and_replacements(store: Store) -> None:
    """Measured before the fix on a 30-document synthetic store: three dedupe/split rounds left 39 key rows
    for 30 events (each split left the merged event's key) and each add_events replacement added one more."""
    from eventcoder.stages import dedupe as D

    docs = [Document.from_text(f"report {i}: {TEXT}", doc_id=f"r{i}", source=f"Wire {i}") for i in range(6)]
    store.add_documents([(d, [make_event(d)]) for d in docs])
    evs = list(store.iter_events(order="id"))
    assert _keys_match_rows(store)
    D.ensure_merges_table(store)
    for round_ in range(3):  # merge in pairs, then undo every merge, three times
        merged = D._write_merges(store, [(evs[k:k + 2], 0.9) for k in range(0, 6, 2)], "t")
        assert len(merged) == 3 and store.count_events(include_merged=True) == 9
        assert _keys_match_rows(store), f"round {round_}: after the merges"
        for m in merged:
            D.split_merge(store, m.event_id, who="t")
        assert store.count_events(include_merged=True) == 6
        assert _keys_match_rows(store), f"round {round_}: after the splits"
    store.add_events([evs[0], evs[1]])  # replaced in place
    store.add_events([evs[0]])
    assert _keys_match_rows(store)
    with store.transaction() as con:
        assert store.delete_events(con, [evs[2].event_id, evs[2].event_id, "ev:not-stored"]) == 1
    assert _keys_match_rows(store) and store.count_events(include_merged=True) == 5
    # a deleted event's id can be stored again (its key went), and a stored one still cannot
    store.add_events([evs[2]])
    other = Document.from_text("other text", doc_id="o1")
    with pytest.raises(StorageError, match=f"event id '{evs[3].event_id}'"):
        store.add_document(other, [make_event(other, event_id=evs[3].event_id)])


def test_stale_key_rows_are_recomputed_when_the_store_is_opened_for_writing(tmp_path: Path) -> None:
    """A store whose key tables grew stale before session 5 (merged events split, replaced events) is
    healed on the next writable open: the key tables hold one row per stored row again."""
    path = tmp_path / "stale.duckdb"
    docs = [Document.from_text(f"stale {i}: {TEXT}", doc_id=f"s{i}") for i in range(4)]
    with Store(path) as s:
        s.add_documents([(d, [make_event(d)]) for d in docs])
        expected = _key_rows(s)
        s.con.execute("INSERT INTO event_keys SELECT md5_number_upper('ev:gone')")  # a split merged event's key
        s.con.execute("INSERT INTO event_keys SELECT md5_number_upper('ev:s0:0')")  # a replaced event's 2nd key
        s.con.execute("INSERT INTO doc_keys SELECT 1, 2")
    with Store(path, read_only=True) as s:  # read-only: left as it is (a stale key is only confirmed)
        assert s.con.execute("SELECT count(*) FROM event_keys").fetchone() == (6,)
        assert s.stored_hashes([docs[0].content_hash]) == {docs[0].content_hash}
    with Store(path) as s:
        assert _key_rows(s) == expected and _keys_match_rows(s)
        assert s.add_documents([(d, [make_event(d)]) for d in docs]) == 0


def test_needs_review_filter(store: Store) -> None:
    """needs_review=True: not approved or rejected, and no coordinates, geo_precision 3 or none, or confidence below
    the cut-off (0.9 unless review_confidence says); False: every other event, those with no confidence stored
    included."""
    cases = {  # name -> (fields, flagged at 0.9, flagged at 0.5)
        "sure": (dict(confidence=0.95), False, False),
        "unsure": (dict(confidence=0.8), True, False),
        "very unsure": (dict(confidence=0.4), True, True),
        "province": (dict(confidence=0.95, geo_precision=3), True, True),
        "no precision": (dict(confidence=0.95, geo_precision=None), True, True),
        "no point": (dict(confidence=0.95, latitude=None, longitude=None), True, True),
        # reviewed (approved or rejected): out of the queue whatever its location and confidence (review, session 8)
        "approved": (dict(confidence=0.4, geo_precision=3, _status="approved"), False, False),
        "rejected": (dict(confidence=0.4, latitude=None, longitude=None, _status="rejected"), False, False),
        "reopened": (dict(confidence=0.4, _status="proposed"), True, True),
    }
    ids = {}
    for n, (name, (fields, _, _)) in enumerate(cases.items()):
        doc = Document.from_text(f"{TEXT} ({n})", source="wire")
        ev = make_event(doc, **{k: v for k, v in fields.items() if k != "_status"})
        store.add_document(doc, [ev])
        ids[name] = ev.event_id
        if "_status" in fields:
            store.update_event(ev.event_id, {"review_status": fields["_status"]}, "tester", "review")
    for cut, col in ((None, 1), (0.9, 1), (0.5, 2)):
        kw = {} if cut is None else {"review_confidence": cut}
        flagged = {ids[k] for k, v in cases.items() if v[col]}
        assert {e.event_id for e in store.iter_events(needs_review=True, **kw)} == flagged
        assert {e.event_id for e in store.iter_events(needs_review=False, **kw)} == set(ids.values()) - flagged
        assert store.count_events(needs_review=True, **kw) == len(flagged)
        # one rule (session 9): the reasons each event carries (the review page's amber mark) are those of the filter
        reasons = store.review_reasons(list(ids.values()), cut)
        assert {i for i, why in reasons.items() if why} == flagged
    why = store.review_reasons([ids["unsure"], ids["province"], ids["no point"], ids["approved"], "ev:none"])
    assert why == {ids["unsure"]: ["confidence 0.8"],
                   ids["province"]: ["location only to province or larger (geo_precision 3)"],
                   ids["no point"]: ["no coordinates"], ids["approved"]: []}
    assert store.review_reasons([ids["very unsure"]], 0.5) == {ids["very unsure"]: ["confidence 0.4"]}
    assert store.review_reasons([ids["no precision"]]) == {
        ids["no precision"]: ["location only to province or larger (geo_precision none)"]}
    assert store.review_reasons([]) == {}
    # the list query gives the same reasons in the same pass (reasons_at), filtered or not
    for cut in (0.9, 0.5):
        listed = {e.event_id: e.context["_review_reasons"] for e in store.iter_events(reasons_at=cut)}
        assert listed == store.review_reasons(list(ids.values()), cut)
        kept = {e.event_id: e.context["_review_reasons"] for e in
                store.iter_events(reasons_at=cut, needs_review=True, review_confidence=cut, country="Iraq")}
        assert kept and kept == {i: why for i, why in listed.items() if why}



def test_a_store_where_nothing_can_be_written_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unwritable --db (/sys/x.duckdb) named DuckDB's reason but not what to do (session 9): the message
    now says to give --db a file in a folder one can write to, or check the permissions. DuckDB's refusal is
    simulated too (root writes anywhere a test could chmod)."""
    import duckdb

    paths = [Path("/sys/x.duckdb")] if Path("/sys/kernel").is_dir() else []
    for path in paths:
        with pytest.raises(StorageError) as err:
            Store(path)
        msg = str(err.value)
        assert msg.startswith(f"{path}: cannot open the store (IO Error") and "\n" not in msg, msg
        assert "give --db a file in a folder you can write to" in msg and "permissions" in msg, msg

    def refuse(path: str, **_kw: object) -> None:
        raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Permission denied\nmore')

    monkeypatch.setattr(duckdb, "connect", refuse)
    with pytest.raises(StorageError) as err:
        Store(tmp_path / "x.duckdb")
    msg = str(err.value)
    assert msg.startswith(f"{tmp_path / 'x.duckdb'}: cannot open the store (IO Error: Cannot open file") and "more" not in msg
    assert "give --db a file in a folder you can write to" in msg and "permissions" in msg, msg


def test_an_unwritable_db_is_one_line_exit_1_in_the_cli(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventcoder.cli import main

    blocker = tmp_path / "afile"  # a path under a file: refused before DuckDB, with the same advice
    blocker.write_text("x", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("A bomb killed 3 people in Mosul, Iraq on 2 January 2017.\n", encoding="utf-8")
    dbs = [blocker / "x.duckdb"] + ([Path("/sys/x.duckdb")] if Path("/sys/kernel").is_dir() else [])
    for db in dbs:
        r = CliRunner().invoke(main, ["run", str(report), "--db", str(db), "-q"])
        assert r.exit_code == 1 and "Traceback" not in r.output
        line = r.stderr.strip().splitlines()[-1]
        assert line.startswith(f"Error: {db}: cannot ") and "permissions" in line, line
    assert blocker.read_text(encoding="utf-8") == "x"
