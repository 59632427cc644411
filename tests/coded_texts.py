"""Helpers shared by the hand-coded text tests (tests/test_roundup_texts.py, tests/test_official_statements.py).

Each of those files codes its fixtures' incidents by hand, one row per incident, the way a trained ACLED/GTD coder
records them; these helpers read a fixture, run segmentation and extraction (no gazetteer), give an event's
fields under the row's names, and check the rows' list of known gaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from eventcoder.records import Document, Event
from eventcoder.settings import Settings
from eventcoder.stages.extract import extract
from eventcoder.stages.ingest import iter_documents
from eventcoder.stages.segment import segment

FIX = Path(__file__).parent / "fixtures"

# a row's field -> how to read it from an event ("place" is the location phrase, "iso" the country hint
# extraction hands the geocoder); any other field is the event's own attribute
_READERS = {
    "place": lambda ev: ev.location_text,
    "iso": lambda ev: ev.context.get("country_hint"),
}


def fixture_doc(name: str) -> Document:
    """The one document of ``tests/fixtures/<name>`` (read as ``eventcoder`` reads a file, no error allowed)."""
    errors: list[object] = []
    docs = list(iter_documents([FIX / name], Settings(), errors.append))
    assert len(docs) == 1 and not errors, (name, errors)
    return docs[0]


def events_of(doc: Document) -> list[Event]:
    """Segmentation then extraction with default settings (no geocoding)."""
    return extract(doc, segment(doc, Settings()), Settings())


def coded_fields(ev: Event, fields: Iterable[str]) -> dict[str, Any]:
    """The event's values under the hand-coded rows' field names."""
    return {f: _READERS[f](ev) if f in _READERS else getattr(ev, f) for f in fields}


def known_gaps(
    name: str, diffs: Sequence[tuple[int, str, Any, Any]], known_wrong: Mapping[tuple[str, int, str], Any]
) -> tuple[list[tuple[int, str, Any, Any]], list[tuple[str, int, str]]]:
    """(differences that are no known gap, known gaps of ``name`` the pipeline has closed). A known gap is
    ``(file, row, field) -> what the pipeline gives today``; a closed one must leave the list."""
    unexpected = [d for d in diffs if known_wrong.get((name, d[0], d[1]), object()) != d[2]]
    closed = [k for k in known_wrong if k[0] == name and not any((d[0], d[1]) == k[1:] for d in diffs)]
    return unexpected, closed


def slurs_in_output(ev: Event, slurs: re.Pattern[str]) -> list[tuple[str, str]]:
    """(field, value) of each actor, associated-actor or notes field that repeats a slur (neutral output)."""
    out = []
    for f in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "notes"):
        value = str(getattr(ev, f) or "")
        if slurs.search(value):
            out.append((f, value))
    return out
