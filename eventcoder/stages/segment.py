"""Stage 2, segment: Document -> incident Passages, with inherited date and region heading. (owner: extraction)"""

from __future__ import annotations

from eventcoder.records import Document, Passage
from eventcoder.settings import Settings


def segment(doc: Document, settings: Settings) -> list[Passage]:
    """Split a document into incident passages (stub: one passage = whole text)."""
    return [Passage(doc_id=doc.doc_id, index=0, start=0, end=len(doc.text), text=doc.text)]
