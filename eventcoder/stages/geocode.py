"""Stage 4, geocode: fill country/iso/admin1/admin2/location/lat/lon/geo_precision/gazetteer_id. (owner: geocode)"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from eventcoder.records import Document, Event
from eventcoder.settings import Settings

if TYPE_CHECKING:
    from eventcoder.gazetteer.index import Gazetteer


def geocode(doc: Document, events: Sequence[Event], settings: Settings, gazetteer: Gazetteer) -> list[Event]:
    """Stub: returns events unchanged until the geocode stage lands."""
    return list(events)
