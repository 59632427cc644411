"""One frozen settings object, passed to every stage. No module state; CLI flags map onto it in one place."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_DB = "eventcoder.duckdb"


def default_gazetteer_path() -> Path:
    """Where the gazetteer index lives unless told otherwise (EVENTCODER_HOME or ~/.local/share)."""
    import os

    home = os.environ.get("EVENTCODER_HOME")
    base = Path(home) if home else Path.home() / ".local" / "share" / "eventcoder"
    return base / "gazetteer.sqlite3"


@dataclass(frozen=True)
class Settings:
    published: dt.date | None = None  # default publication date when a document has none
    source: str | None = None  # override source name
    source_type: str | None = None  # override source type
    gazetteer_path: Path | None = None  # None = default_gazetteer_path() (built on first use); a named file must exist
    dedupe: bool = True
    max_bytes: int = 20_000_000  # larger inputs are truncated to this many bytes, with a warning
    batch_size: int = 64
    quiet: bool = False
    date_order: str | None = None  # "dmy"/"mdy": how input files write numeric dates (06/01/2020); None = ISO only

    def __post_init__(self) -> None:
        """A path or a date written as text (Settings(gazetteer_path="g.sqlite3", published="2017-01-05"))
        is turned into a Path / date here, not found wrong deep inside a stage."""
        gaz: Any = self.gazetteer_path
        if isinstance(gaz, str):  # '' is the default index (as published '' is no date); '~' is the home folder
            object.__setattr__(self, "gazetteer_path", Path(gaz.strip()).expanduser() if gaz.strip() else None)
        order: Any = self.date_order
        if order is not None:
            from eventcoder.records import DATE_ORDERS

            order = str(order).strip().lower() or None
            if order is not None and order not in DATE_ORDERS:
                raise ValueError(f"date_order: {self.date_order!r} is not one of {', '.join(DATE_ORDERS)}")
            object.__setattr__(self, "date_order", order)
        pub: Any = self.published
        if isinstance(pub, dt.datetime):
            object.__setattr__(self, "published", pub.date())
        elif isinstance(pub, str):  # the one date reader (records.parse_published), as documents' dates are read
            from eventcoder.records import parse_published

            try:
                object.__setattr__(self, "published", parse_published(pub, self.date_order))
            except ValueError as exc:
                raise ValueError(f"published: {exc}") from None
        elif pub is not None and not isinstance(pub, dt.date):  # (20170103 failed deep inside, at .weekday())
            raise ValueError(f"published: {pub!r} is not a date; give a datetime.date or YYYY-MM-DD")
        from eventcoder.records import source_type_or_none

        object.__setattr__(self, "source_type", source_type_or_none(self.source_type))

    def digest(self) -> str:
        """Digest of the settings that change extraction results (part of every event_id)."""
        relevant = {"published": str(self.published), "source_type": self.source_type}
        return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:8]

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)

    def resolved_gazetteer_path(self) -> Path:
        return self.gazetteer_path or default_gazetteer_path()
