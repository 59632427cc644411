"""Session 12 (geofresh): geocoding defects of the fresh12 held-out reports, in our own words."""

from __future__ import annotations

from eventcoder.records import Document, Event
from eventcoder.settings import Settings
from eventcoder.stages.extract import extract
from eventcoder.stages.segment import segment

S = Settings()


def _events(text: str, published: str = "2021-03-10") -> list[Event]:
    doc = Document.from_text(text, doc_id="gf12", source="test", published=published)
    return extract(doc, segment(doc, S), S)


def test_central_africa_province_under_its_arabic_heading() -> None:
    # F6: a section headed with the Arabic name of the Central Africa province must not inherit the Iraqi section's
    # country from above
    evs = _events(
        "Wilayat al-Iraq - Anbar\n"
        "On the 3rd of Shawwal, soldiers of the Khilafah blew up a vehicle of the Iraqi army near the village of "
        "Rutba, killing 2 soldiers.\n\n"
        "Wilayat Wasat Afriqiya\n"
        "On the 4th of Shawwal, soldiers of the Khilafah killed six Christians near the village of Mamove."
    )
    last = [e for e in evs if "Mamove" in (e.location_text or "")]
    assert last and last[0].context.get("country_hint") == "CD"
