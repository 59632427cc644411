from __future__ import annotations

import re
from pathlib import Path

from eventcoder.records import EVENT_FIELDS, Document, Event

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "SCHEMA.md"

# The schema field order, as SCHEMA.md lists it (pinned here so the test runs without ../shared).
EXPECTED = (
    "event_id event_date time_precision date_text calendar country iso admin1 admin2 location latitude "
    "longitude geo_precision gazetteer_id location_text event_type sub_event_type attack_type weapon_type "
    "weapon_detail actor1 assoc_actor_1 actor2 assoc_actor_2 target_type actor1_text actor2_text killed "
    "wounded killed_or_wounded casualty_qualifier vehicles_destroyed territory_change claimed source "
    "source_type notes evidence doc_ids confidence"
).split()


def test_event_fields_follow_schema_order() -> None:
    assert list(EVENT_FIELDS) == EXPECTED


def test_schema_md_lists_the_same_fields_when_present() -> None:
    if not SCHEMA.exists():
        return
    names: list[str] = []
    for line in SCHEMA.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| (`[^|]+`) \|", line)
        if m:
            names += re.findall(r"`([a-z0-9_]+)`", m.group(1))
    assert names == EXPECTED


def test_to_dict_round_trip_and_context_not_exported() -> None:
    ev = Event(event_id="ev:1", killed=3, evidence={"killed": [4, 9]}, doc_ids=("a",), context={"x": 1})
    d = ev.to_dict()
    assert "context" not in d
    assert d["evidence"] == {"killed": [4, 9]}
    assert Event.from_dict(d) == ev


def test_document_id_from_content_hash_ignores_line_endings() -> None:
    a = Document.from_text("one\r\ntwo\n")
    b = Document.from_text("one\ntwo")
    assert a.doc_id == b.doc_id and a.doc_id.startswith("doc:")
