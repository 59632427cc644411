"""Typed records that flow through the pipeline.

    Document  --segment-->  Passage*  --extract-->  Event*  --geocode-->  Event*  --dedupe/store/export

All records are frozen dataclasses; a stage returns new records (``dataclasses.replace``) instead of
mutating its input. Character offsets (``start``/``end``, ``evidence`` spans) always index into
``Document.text`` of the document the record came from, never into a passage.

``Event`` carries exactly the fields of SCHEMA.md (``EVENT_FIELDS``, in that order) plus one private
``context`` mapping for hints that travel between stages (region heading, country hint, geocoder
reasons, per-source figures). ``Event.to_dict()`` emits only the schema fields.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SOURCE_TYPES = ("claim", "news", "official", "ngo", "other")
CASUALTY_QUALIFIERS = ("exact", "approximate", "at_least", "more_than", "vague", "none_stated")

Span = tuple[int, int]


def source_type_or_none(value: Any) -> str | None:
    """A source type as given to the Python API or Settings: None or '' (an empty form or CSV field) is none given;
    anything else must be one of SOURCE_TYPES (ValueError naming it)."""
    if value in (None, ""):
        return None
    if value not in SOURCE_TYPES:
        raise ValueError(f"source_type: {value!r} is not one of {', '.join(SOURCE_TYPES)}")
    return str(value)


# a numeric date not starting with its year: "06/01/2020", "6.1.20", "13-01-2020 10:00"
_NUMERIC_DATE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?!\d)")


DATE_ORDERS = ("dmy", "mdy")
DATE_ORDER_HINT = " (or, for a file, --date-order dmy|mdy)"  # (left out by the CLI options that have no such flag)

# what may follow an ISO date: nothing, or a time of day with an optional zone, as feeds and tools write it:
# "T10:00Z", "t10:00:00z" (RFC 3339 allows lower case), " 10:00:00 GMT", " 10:00 AM", " 10:00:00 EST",
# " 10:00:00 UTC+3", Go's " 10:00:00.123 +0000 UTC m=+0.01", Java's "T10:00+02:00[Europe/Paris]"
_ISO_TIME = re.compile(
    r"(?:[Tt ](?:[01]?\d|2[0-4]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?"  # the time of day
    r"(?:\s*[AaPp]\.?[Mm]\.?)?"  # a 12-hour clock
    r"(?:\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?))?"  # an offset
    r"(?:\s*[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?"  # a zone's name ("UTC", "GMT+3", "CET")
    r"(?:\[[\w/+-]+\])?(?:\s+m=[+-]\d+\.\d+)?)?")  # Java's zone id; Go's monotonic clock reading

# Unix time as feeds write it: seconds (9-10 digits, maybe a fraction) or milliseconds (13 digits)
_EPOCH = re.compile(r"(\d{9,10})(?:\.\d+)?|(\d{13})")


def parse_published(value: Any, date_order: str | None = None) -> dt.date | None:
    """The one reader of a publication date (Settings, the Python API, the CLI's --published, ingested
    rows): a date, a datetime, ISO text ("2017-01-05", "2017-01-05T10:00Z") or other text with a day,
    month and year ("5 January 2017", "Jan 5, 2017", "13/01/2017", "Mon, 01 Jun 2020 10:00:00 GMT"), or Unix
    time in seconds or milliseconds (1590969600, "1590969600000": the UTC day). None or '' is no date.
    Raises ValueError, with a reason that says what to write, for text that is not a date and for a
    numeric date that reads both ways ("06/01/2020": 6 January or June 1?) unless ``date_order`` says
    how the source writes them: "dmy" (06/01/2020 is 6 January) or "mdy" (June 1)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    if not s:
        return None
    if re.match(r"\d{4}-\d{2}-\d{2}", s):  # ISO, maybe with a time of day; never "2020-06-01junk"
        try:
            if _ISO_TIME.fullmatch(s[10:]):
                return dt.date.fromisoformat(s[:10])
        except ValueError:
            pass
        raise ValueError(f"{s!r} is not a date; give YYYY-MM-DD (a time of day may follow: 2020-06-01T10:00Z)")
    if e := _EPOCH.fullmatch(s):  # (the old reader took these through dateparser's timestamp parser)
        seconds = int(e[1]) if e[1] else int(e[2]) // 1000
        return dt.datetime.fromtimestamp(seconds, dt.UTC).date()
    m = _NUMERIC_DATE.match(s)
    if m and date_order is None and int(m[1]) <= 12 and int(m[2]) <= 12 and m[1].lstrip("0") != m[2].lstrip("0"):
        raise ValueError(f"{s!r} is ambiguous (day/month or month/day?); give YYYY-MM-DD{DATE_ORDER_HINT}")
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ValueError(f"date order {date_order!r} is not one of {', '.join(DATE_ORDERS)}")
    import dateparser

    options: dict[str, Any] = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past",
                               # absolute dates only: "yesterday"/"last week" would be read from today's clock
                               "PARSERS": ["custom-formats", "absolute-time"]}
    if m and date_order is not None:  # the order the user named, for numeric dates only
        options["DATE_ORDER"] = date_order.upper()
    parsed = dateparser.parse(s, languages=["en"], settings=options)
    if parsed is None:
        raise ValueError(f"{s!r} is not a date; give YYYY-MM-DD")
    return parsed.date()


def content_hash(text: str) -> str:
    """sha256 of the normalized text (line endings unified, outer whitespace stripped)."""
    norm = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """One input report, as ingested."""

    doc_id: str  # user-given id (JSONL/CSV `id` column) or "doc:" + content_hash[:16]
    text: str  # plain text (HTML already stripped of boilerplate)
    content_hash: str
    source: str = ""  # publisher / outlet / file name
    source_type: str | None = None  # one of SOURCE_TYPES, or None = let extract guess
    published: dt.date | None = None  # publication date (anchors relative and Hijri dates)
    url: str | None = None
    path: str | None = None  # file the document came from, if any
    title: str | None = None

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        doc_id: str | None = None,
        source: str = "",
        source_type: str | None = None,
        published: dt.date | str | None = None,
        url: str | None = None,
        path: str | None = None,
        title: str | None = None,
    ) -> Document:
        h = content_hash(text)
        if isinstance(published, str):
            published = parse_published(published)
        return cls(
            doc_id=doc_id or f"doc:{h[:16]}",
            text=text,
            content_hash=h,
            source=source,
            source_type=source_type,
            published=published,
            url=url,
            path=path,
            title=title,
        )


@dataclass(frozen=True)
class Passage:
    """One incident-sized piece of a document, with what it inherits from headings and parents."""

    doc_id: str
    index: int  # 0-based order within the document
    start: int  # offsets into Document.text
    end: int
    text: str  # == document.text[start:end]
    region_text: str | None = None  # governing heading as written ("Raqqah Wilayah", "Somalia")
    region_span: Span | None = None
    date_text: str | None = None  # inherited date phrase if the passage states none itself
    date_span: Span | None = None
    parent_index: int | None = None  # passage this one continues ("Meanwhile", "Likewise")


@dataclass(frozen=True)
class Event:
    """One violent event at one place on one day. Fields and order follow SCHEMA.md exactly."""

    event_id: str = ""
    event_date: str | None = None
    time_precision: int | None = None
    date_text: str | None = None
    calendar: str | None = None
    country: str | None = None
    iso: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    gazetteer_id: str | None = None
    location_text: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    attack_type: str | None = None
    weapon_type: str | None = None
    weapon_detail: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    target_type: str | None = None
    actor1_text: str | None = None
    actor2_text: str | None = None
    killed: int | None = None
    wounded: int | None = None
    killed_or_wounded: int | None = None
    casualty_qualifier: str = "none_stated"
    vehicles_destroyed: int | None = None
    territory_change: bool = False
    claimed: bool = False
    source: str = ""
    source_type: str = "other"
    notes: str = ""
    evidence: Mapping[str, list[int]] = field(default_factory=dict)
    doc_ids: tuple[str, ...] = ()
    confidence: float = 0.0
    # Not a schema field: hints passed between stages (never exported by to_dict()).
    context: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The schema fields, in SCHEMA.md order, JSON-ready."""
        out: dict[str, Any] = {}
        for name in EVENT_FIELDS:
            value = getattr(self, name)
            if name == "evidence":
                value = {k: [int(v[0]), int(v[1])] for k, v in value.items()}
            elif name == "doc_ids":
                value = list(value)
            out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Event:
        kwargs = {k: data[k] for k in EVENT_FIELDS if k in data}
        if "doc_ids" in kwargs:
            kwargs["doc_ids"] = tuple(kwargs["doc_ids"] or ())
        if "evidence" in kwargs and kwargs["evidence"] is None:
            kwargs["evidence"] = {}
        return cls(**kwargs)

    def replace(self, **changes: Any) -> Event:
        return dataclasses.replace(self, **changes)


EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Event) if f.name != "context")


def make_event_id(doc_id: str, index: int, settings_digest: str = "") -> str:
    """Stable id: same document, same incident position and same settings give the same id."""
    raw = f"{doc_id}|{index}|{settings_digest}"
    return "ev:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]
