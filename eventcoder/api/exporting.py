"""Export endpoint helper: the filtered events written by the export stage into bytes. (owner: api)

The writers are the export stage's (``eventcoder.stages.export``); this module only streams the store's
filtered events into them through a temporary file and picks the media type.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from eventcoder.stages.store import Store

MEDIA = {
    "acled": ("text/csv; charset=utf-8", "csv"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "jsonl": ("application/x-ndjson", "jsonl"),
}

def export_bytes(store: Store, filters: dict[str, Any], fmt: str, limit: int | None) -> tuple[bytes, str, str]:
    """(content, media type, file name) of the filtered events in ``fmt``."""
    media, ext = MEDIA[fmt]
    from eventcoder.stages.export import export

    events = store.iter_events(limit=limit, **filters)
    with tempfile.TemporaryDirectory(prefix="eventcoder-export-") as tmp:
        path = Path(tmp) / f"events.{ext}"
        export(events, fmt, path)
        data = path.read_bytes()
    return data, media, f"events.{ext}" if fmt != "acled" else "events_acled.csv"
