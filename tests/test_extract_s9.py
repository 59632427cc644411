"""extract: the document-level readings are made once per document, not once per passage (session 9)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventcoder.extraction import headlines
from eventcoder.records import Document
from eventcoder.settings import Settings
from eventcoder.stages import extract, segment

FIXTURE = Path(__file__).parent / "fixtures" / "roundup_is_weekly_list.txt"


@pytest.mark.parametrize(
    "text",
    [
        FIXTURE.read_text(encoding="utf-8"),
        "Boko Haram Kills 12 In Rann",  # a headline: every passage asks the headline-only rules
    ],
)
def test_is_headline_is_read_once_per_document(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """_country_context asked is_headline up to three times per passage (it strips a copy of the whole text:
    quadratic on a long report) although extract already had the document's answer."""
    conf = Settings()
    doc = Document.from_text(text, doc_id="d", published=dt.date(2017, 2, 14))
    passages = segment.segment(doc, conf)
    expected = extract.extract(doc, passages, conf)
    calls: list[int] = []
    real = headlines.is_headline

    def counting(t: str) -> bool:
        calls.append(len(t))
        return real(t)

    monkeypatch.setattr(extract, "is_headline", counting)
    got = extract.extract(doc, passages, conf)
    assert got == expected and got
    assert len(passages) >= 1 and len(calls) == 1, (len(passages), len(calls))
