"""Stage 5, dedupe: one incident told by many reports -> one event citing them all. (owner: dedupe)"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventcoder.records import Event
from eventcoder.settings import Settings


def dedupe(events: Sequence[Event]) -> list[Event]:
    """Stub: within-batch dedupe returns events unchanged until the dedupe stage lands."""
    return list(events)


def dedupe_store(store: Any, settings: Settings) -> dict[str, int]:
    """Stub: store-level dedupe does nothing until the dedupe stage lands."""
    return {"pairs": 0, "merged": 0}
