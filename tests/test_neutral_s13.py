"""Neutral output (session 13, fresh held-out texts): a statement that names its enemy "the Zionist enemy" /
"the Zionist entity" must not repeat the label in any written field (the notes took the place phrase "of the
Zionist" as the place: "... in Zionist.")."""

from __future__ import annotations

import pytest

from eventcoder.extraction.actors import contains_slur
from tests.test_extract import _events

TEXTS = [
    "Our air force hit the port of Umm al-Rashrash in the south of the Zionist enemy with three drones this "
    "morning, Monday, and the strike reached its target.",
    "The missile unit targeted a power station of the Zionist entity near Ashkelon on Sunday, with precise hits.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_zionist_label_is_never_written(text: str) -> None:
    _, evs = _events(text, published="2026-03-02", source_type="claim")
    assert evs
    for e in evs:
        for value in (e.notes, e.location_text, e.actor1, e.actor2, e.assoc_actor_1, e.assoc_actor_2):
            assert "zionist" not in (value or "").lower(), value


def test_zionist_is_a_label() -> None:
    assert contains_slur("the Zionist enemy") and contains_slur("Zionist entity")
    assert not contains_slur("Zion National Park")
