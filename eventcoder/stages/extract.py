"""Stage 3, extract: Passages -> Events (date, actors, types, numbers, place phrase, evidence). (owner: extraction)

Geocoding is not done here: extract sets ``location_text`` (+ evidence) and puts hints for the
geocoder into ``Event.context``: ``region_text`` (heading as written), ``country_hint`` (ISO2),
``admin1_hint``, ``place_candidates`` (list of {"text","start","end","relation"}).
"""

from __future__ import annotations

from collections.abc import Sequence

from eventcoder.records import Document, Event, Passage
from eventcoder.settings import Settings


def extract(doc: Document, passages: Sequence[Passage], settings: Settings) -> list[Event]:
    """Stub: no events until the extraction stage lands."""
    return []
