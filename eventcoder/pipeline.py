"""The pipeline: ingest -> segment -> extract -> geocode -> dedupe -> store -> export.

Each stage is one module in ``eventcoder/stages`` with one typed function. ``Pipeline`` wires the
per-document stages (segment, extract, geocode, in-document dedupe) and streams documents in order.
Storing and exporting are done by the caller (CLI ``run``/``extract``, the API, eval) so the pipeline
itself has no I/O besides the gazetteer it opens lazily.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from eventcoder.errors import EventcoderError, ResourceMissing
from eventcoder.records import Document, Event
from eventcoder.settings import Settings
from eventcoder.stages import extract as extract_stage
from eventcoder.stages import geocode as geocode_stage
from eventcoder.stages import segment as segment_stage

if TYPE_CHECKING:
    from eventcoder.gazetteer.index import Gazetteer

ErrorHandler = Callable[[Document, Exception], None]


def _raise(doc: Document, exc: Exception) -> None:
    raise exc


class Pipeline:
    """Per-document processing. Build once, reuse for many documents."""

    def __init__(self, settings: Settings | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.settings = settings or Settings()
        self._gazetteer = gazetteer
        self.error_handler: ErrorHandler = _raise

    @classmethod
    def from_config(cls, settings: Settings | None = None) -> Pipeline:
        return cls(settings)

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            from eventcoder.gazetteer.index import Gazetteer, _is_default_index

            path = self.settings.resolved_gazetteer_path()
            if not path.exists() and not _is_default_index(path):
                # only the default index is built on first use; a named path that is missing (a typo) is an
                # error, as `--gazetteer` is for the CLI, not a minute's build of a new index there
                raise ResourceMissing(f"{path}: no such gazetteer index (check the path, or build one there with "
                                      f"`eventcoder gazetteer build --index {path}`; leave gazetteer_path unset "
                                      "for the default index, built on first use)")
            self._gazetteer = Gazetteer.open(path)
        return self._gazetteer

    def set_error_handler(self, handler: ErrorHandler) -> None:
        self.error_handler = handler

    def prepare(self, doc: Document) -> Document:
        """Apply settings overrides (source, source type, default publication date) to a document."""
        s = self.settings
        changes: dict[str, object] = {}
        if s.source and not doc.source:
            changes["source"] = s.source
        if s.source_type and not doc.source_type:
            changes["source_type"] = s.source_type
        if s.published and doc.published is None:
            changes["published"] = s.published
        if not changes:
            return doc
        import dataclasses

        return dataclasses.replace(doc, **changes)  # type: ignore[arg-type]

    def process(self, doc: Document) -> list[Event]:
        doc = self.prepare(doc)
        passages = segment_stage.segment(doc, self.settings)
        events = extract_stage.extract(doc, passages, self.settings)
        events = geocode_stage.geocode(doc, events, self.settings, self.gazetteer)
        events = extract_stage.finalize_actors(events)  # "Civilians ({country})" after the geocoded country
        return events

    def pipe(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """Yield (document, events) in input order. Errors go to the error handler."""
        for doc in docs:
            try:
                events = self.process(doc)
            except EventcoderError as exc:
                self.error_handler(doc, exc)
                continue
            yield self.prepare(doc), events
