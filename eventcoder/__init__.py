"""eventcoder: conflict reports in, coded, geocoded, source-cited events out.

Python API (for notebooks and pipelines)::

    import eventcoder
    events = eventcoder.extract(text, published="2017-01-05", source="Example Wire", source_type="news")
    for ev in eventcoder.pipe(["report one ...", {"text": "...", "published": "2017-01-03"}]):
        ...
    from eventcoder.frames import to_pandas, to_polars, to_arrow

Heavy modules are imported inside the functions, so ``import eventcoder`` stays fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from eventcoder.records import Document, Event, source_type_or_none

if TYPE_CHECKING:
    from eventcoder.pipeline import Pipeline
    from eventcoder.settings import Settings

__version__ = "0.1.0"

__all__ = ["__version__", "Document", "Event", "extract", "pipe", "to_document"]

_PIPELINES: dict[Any, Pipeline] = {}


def _pipeline(settings: Settings | None) -> Pipeline:
    """One Pipeline per settings object (the gazetteer is opened once and reused)."""
    from eventcoder.pipeline import Pipeline
    from eventcoder.settings import Settings

    settings = settings or Settings()
    key = settings
    if key not in _PIPELINES:
        _PIPELINES.clear()  # keep at most one: settings rarely change within a session
        _PIPELINES[key] = Pipeline(settings)
    return _PIPELINES[key]


def _published(value: Any, date_order: str | None = None) -> dt.date | None:
    from eventcoder.records import DATE_ORDER_HINT, parse_published  # the one date reader

    try:
        return parse_published(value, date_order)
    except ValueError as exc:  # its reason says what to write ("06/01/2020" reads both ways), in Python's words
        reason = str(exc).replace(DATE_ORDER_HINT, " (or date_order='dmy'|'mdy')")
        raise ValueError(f"published: {reason}") from None
    except (TypeError, OverflowError):
        raise ValueError(f"published: {value!r} is not a date; give YYYY-MM-DD or a datetime.date") from None


def to_document(
    item: Document | str | Mapping[str, Any],
    *,
    published: dt.date | str | None = None,
    source: str = "",
    source_type: str | None = None,
    date_order: str | None = None,
) -> Document:
    """A Document from a Document (unchanged), a string, or a mapping with ``text`` (or ``summary``/
    ``notes``) and optional ``published``/``date``, ``source``, ``source_type``, ``url``, ``title``, ``id``
    (keys read as ingest reads table columns: any case, 'Published Date', 'Source Name', ...).
    A numeric date that reads both ways ('06/01/2020') is a ValueError unless ``date_order`` is "dmy" or "mdy".
    Raises ValueError for a date that is not one or an unknown source type, TypeError for other items."""
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        text = item.replace("\r\n", "\n").replace("\r", "\n")
        return Document.from_text(text, source=source, source_type=source_type_or_none(source_type),
                                  published=_published(published, date_order))
    if isinstance(item, Mapping):
        from eventcoder.stages.ingest import TEXT_KEYS, canonical_row

        row = canonical_row(item)
        found = next((row[k] for k in TEXT_KEYS if isinstance(row.get(k), str) and row[k].strip()), None)
        if found is None:
            others = ", ".join(repr(k) for k in TEXT_KEYS[1:])
            keys = ", ".join(repr(k) for k in list(item)[:8]) or "none"
            raise TypeError(f"a document mapping needs a non-empty 'text' string (or one of {others}, in any case); "
                            f"its keys: {keys}")
        pub = row.get("published") or row.get("date") or row.get("publication_date") or published
        doc_id = row.get("id")
        return Document.from_text(
            str(found).replace("\r\n", "\n").replace("\r", "\n"),
            doc_id=str(doc_id) if doc_id not in (None, "") else None,
            source=str(row.get("source") or source),
            source_type=source_type_or_none(row.get("source_type") or source_type),
            published=_published(pub, date_order),
            url=row.get("url"),
            title=row.get("title"),
        )
    raise TypeError(f"cannot make a document from {type(item).__name__}; give a str, a dict or a Document")


def extract(
    text: str,
    published: dt.date | str | None = None,
    source: str = "",
    source_type: str | None = None,
    *,
    settings: Settings | None = None,
) -> list[Event]:
    """Events in one report: segmented, extracted and geocoded (not deduplicated, not stored).

    ``published`` anchors relative dates ("on Tuesday") and Hijri dates without a year.
    ``source_type``: ``claim`` (perpetrator media), ``news``, ``official``, ``ngo`` or ``other``.
    """
    doc = to_document(text, published=published, source=source, source_type=source_type)
    return _pipeline(settings).process(doc)


def pipe(
    documents: Iterable[Document | str | Mapping[str, Any]],
    *,
    settings: Settings | None = None,
    published: dt.date | str | None = None,
    source: str = "",
    source_type: str | None = None,
) -> Iterator[Event]:
    """Stream events from an iterable of documents (str, dict or Document), in input order, lazily:
    one document is processed at a time, so a generator over millions of rows runs in flat memory."""
    pipeline = _pipeline(settings)
    for i, item in enumerate(documents):
        try:
            doc = to_document(item, published=published, source=source, source_type=source_type,
                              date_order=pipeline.settings.date_order)
        except (TypeError, ValueError) as exc:  # say which item: the stream may be long
            raise type(exc)(f"documents item {i}: {exc}") from None
        yield from pipeline.process(doc)
