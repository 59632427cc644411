"""Find and resolve date mentions in conflict reports.

``find_dates(text, published)`` returns every date phrase with its character span, the Gregorian
date it denotes (or ``None``), an ACLED ``time_precision`` (1 day, 2 week / day uncertain, 3 month),
the calendar it was written in and what kind of phrase it was:

- ``absolute``: "2 January 2017", "January 2, 2017", "Jan. 2", "2017-01-02", "Monday [14 September]" (one
  mention), and numeric dates "05/01/2020", "5.1.2020", "5-1-2020", "05/01/20", "12-03-21", "12.03.21"
  (two-digit years with "-" or "." only where day and month have two digits each: "5-1-20" is a score,
  "1.2.20" a version). A numeric date is read in the order the user configured (``date_order`` "dmy" / "mdy", the
  ``--date-order`` flag; ``with numeric_order(...)``); without one it is read the only way that gives a
  real date (a number over 12 is the day) or that is not after ``published`` (+1 day); when both readings
  remain ("05/01/2020" in a report of June 2020) the mention has ``date=None`` and both dates in
  ``readings``: nothing is guessed. The stages take the order from ``--date-order``, else from the
  document itself when one of its numeric dates tells (``implied_numeric_order``: "25/01/2020" is dmy).
  Not dates: "3/1", "24/7", "1.2.3", "2254/2015", times, phone numbers, except a list item's head "12/11 - MAFA
  LGA:" (line start, then a dash or colon): day and month, read as above within two months before ``published``. Ranges
  ("between January 3, 2021 and January 9, 2021", "22-25 February", "31 Jan - 6 Feb") are one mention
  dated to the midpoint, precision 2 up to a week and 3 up to a month (ACLED).
- ``month``: "January 2017", "early January", "in March", "in March last year": precision 3, dated to the 15th (ACLED), the
  1st for early/beginning, the last day for late/end; never later than ``published``.
- ``relative``: "yesterday", "today" (not "today Thursday 5 November": that day is told), "last night", "3 days ago", "on the 3rd", "earlier this week",
  "last week", "last weekend" (precision 2, the midpoint of the span), "last month" (precision 3).
- ``weekday``: "on Tuesday", "Sunday evening", "last Friday".
- ``hijri``: a Hijri day and month, "On the 12th of Jumada al-Ula", "Ramadan 5", optionally with a
  year ("12 Jumada al-Ula 1438"), converted with the Umm al-Qura calendar (``hijridate``). A Hijri
  month alone is a date only after "during" / "the month of", with early/mid/late or with a year
  ("during Ramadan", "late Safar 1438"): precision 3 ("Safar", "Rajab" are names, "Shawal" a valley).

Resolution rules (``published`` is the document's publication date):

- A date without a year ("2 January", a Hijri day + month) is the latest such day on or before
  ``published``. Hijri dates get one day of slack: a day that converts to ``published + 1`` is taken as
  that day (the author's moon sighting can run one day behind Umm al-Qura), not as the year before.
- A weekday is the latest such weekday on or before ``published``: "Tuesday" in a report published on a
  Tuesday is that same day (news style: "on Tuesday" means today); "last Tuesday" is then a week before.
- Without ``published`` every relative or yearless date gets ``date=None``: nothing is invented.
- Relative phrases always look back ("on Tuesday" is never next Tuesday): reports tell past events.

``find_dateline(text)`` reads a wire dateline opening one of the first lines ("IDLIB, March 3, 2019 -",
"KABUL, 3 March 2019 (AFP) -", "BEIRUT (Reuters), Mar. 3, 2019 -", "ADEN, Yemen, 2019-03-03 -"): the
report's own date, which the stages use as the publication date when none is given (never over a given
one). Only a full date with its year counts: "MOGADISHU, Jan 2 (Wire) -" and "BAGHDAD (Reuters) -" give
none (nothing is invented).

Month names live in ``eventcoder/data/hijri_months.csv`` and ``dates_gregorian_names.csv``. Quote and
ayn marks (’ ‘ ʿ ʾ ' `) inside Hijri month names are not letters: "Rabi’ al-Akhir" = "Rabi al-Akhir".
Pure regular expressions over those tables; no ``dateparser.search_dates`` (it is slow and reads
"killed 12" or "Resolution 2254" as dates).
"""

from __future__ import annotations

import calendar as _calendar
import contextlib
import contextvars
import csv
import datetime as dt
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from eventcoder.extraction import _re as re  # re with compiled patterns kept on disk (cold start)
from eventcoder.extraction._regexbank import Spans, may_match

__all__ = [
    "DateMention",
    "find_dates",
    "find_dateline",
    "is_dateline_date",
    "hijri_to_gregorian",
    "implied_numeric_order",
    "resolve_hijri",
    "resolve_yearless",
    "latest_weekday",
    "numeric_order",
]

Calendar = Literal["gregorian", "hijri"]
Kind = Literal["absolute", "relative", "hijri", "weekday", "month"]


@dataclass(frozen=True)
class DateMention:
    """One date phrase: ``text == source[start:end]``; ``date`` is None when it cannot be resolved."""

    start: int
    end: int
    text: str
    date: dt.date | None
    precision: int  # 1 day, 2 week / day uncertain, 3 month
    calendar: Calendar
    kind: Kind
    readings: tuple[dt.date, ...] = ()  # a numeric date that reads two ways with no order given: both dates


# how numeric dates are written ("dmy" / "mdy"), set by segment and extract from Settings.date_order
_ORDER: contextvars.ContextVar[str | None] = contextvars.ContextVar("eventcoder_date_order", default=None)


@contextlib.contextmanager
def numeric_order(order: str | None) -> Iterator[None]:
    """Within the block, ``find_dates`` reads numeric dates ("05/01/2020") in ``order``: "dmy", "mdy" or
    None (only the readings that the numbers or the publication date allow)."""
    if order not in (None, "dmy", "mdy"):
        raise ValueError(f"date order {order!r} is not one of dmy, mdy")
    token = _ORDER.set(order)
    try:
        yield
    finally:
        _ORDER.reset(token)


# --------------------------------------------------------------------------- calendar arithmetic


def hijri_to_gregorian(day: int, month: int, year: int) -> dt.date:
    """Umm al-Qura Hijri ``day``/``month``/``year`` -> Gregorian date.

    Day 30 of a month that Umm al-Qura counts as 29 days is read as the day after the 29th (the author's
    calendar ran one day behind). Raises ``ValueError`` for a month outside 1-12, a day outside 1-30
    or a year outside the Umm al-Qura table (1343-1500 AH).
    """
    from hijridate import Hijri

    if not 1 <= month <= 12:
        raise ValueError(f"Hijri month must be 1-12, got {month}")
    if not 1 <= day <= 30:
        raise ValueError(f"Hijri day must be 1-30, got {day}")
    if not 1343 <= year <= 1500:
        raise ValueError(f"Hijri year must be 1343-1500 (Umm al-Qura table), got {year}")
    h = Hijri(year, month, 1, validate=False)
    length = h.month_length()
    if day <= length:
        return Hijri(year, month, day).to_gregorian()
    return Hijri(year, month, length).to_gregorian() + dt.timedelta(days=day - length)


def gregorian_to_hijri(date: dt.date) -> tuple[int, int, int]:
    """Gregorian date -> Umm al-Qura (year, month, day)."""
    from hijridate import Gregorian

    h = Gregorian(date.year, date.month, date.day).to_hijri()
    return h.year, h.month, h.day


def resolve_hijri(day: int, month: int, published: dt.date, slack_days: int = 1) -> dt.date:
    """The latest Gregorian date on or before ``published`` (+ ``slack_days``) that is Hijri ``day``/``month``.

    ``slack_days`` (default 1) accepts a day that converts to just after ``published``: reports are
    written after the fact, so "the 12th" converting to tomorrow is a one-day calendar difference, not an
    event a year ago.
    """
    hy = gregorian_to_hijri(published)[0]
    limit = published + dt.timedelta(days=slack_days)
    for year in (hy + 1, hy, hy - 1, hy - 2):
        try:
            g = hijri_to_gregorian(day, month, year)
        except (ValueError, OverflowError):
            continue
        if g <= limit:
            return g
    raise ValueError(f"cannot resolve Hijri {day}/{month} before {published}")


def resolve_yearless(day: int, month: int, published: dt.date, slack_days: int = 0) -> dt.date:
    """The latest Gregorian ``day``/``month`` on or before ``published`` (+ ``slack_days``; 29 February: the last
    leap year)."""
    limit = published + dt.timedelta(days=slack_days)
    for year in range(limit.year, limit.year - 9, -1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        if d <= limit:
            return d
    raise ValueError(f"no {day}/{month} before {published}")


YEARLESS_SLACK_DAYS = 1  # a stated day and month may lie this many days after publication (not a holiday, month)


def latest_weekday(weekday: int, published: dt.date) -> dt.date:
    """The latest date with ``weekday`` (Monday 0) on or before ``published`` (same day included)."""
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _month_day(year: int, month: int, where: str) -> dt.date:
    if where == "early":
        return dt.date(year, month, 1)
    if where == "late":
        return dt.date(year, month, _calendar.monthrange(year, month)[1])
    return dt.date(year, month, 15)


# --------------------------------------------------------------------------- name tables

_QUOTES = "’‘ʿʾ'`´ʼ"


@functools.cache
def _names() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """(hijri spelling -> month, gregorian spelling -> month, weekday -> 0..6)."""
    data = resources.files("eventcoder") / "data"
    hijri: dict[str, int] = {}
    with (data / "hijri_months.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            hijri[_hijri_key(row["name"])] = int(row["month"])
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    with (data / "dates_gregorian_names.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["kind"] == "holiday":
                continue
            table = months if row["kind"] == "month" else weekdays
            table[row["name"].lower()] = int(row["number"])
    return hijri, months, weekdays


@functools.cache
def _holidays() -> dict[str, tuple[int, int]]:
    """Fixed-date holidays ("New Year's Day" -> (1, 1)), keyed by the name in lower case without quote marks."""
    data = resources.files("eventcoder") / "data"
    out: dict[str, tuple[int, int]] = {}
    with (data / "dates_gregorian_names.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["kind"] == "holiday":
                n = int(row["number"])
                out[_holiday_key(row["name"])] = (n // 100, n % 100)
    return out


def _holiday_key(name: str) -> str:
    """ "New Year’s Day", "new years  day" -> "new years day" (quote marks dropped, spaces collapsed)."""
    return " ".join(re.sub(r"['’]", "", name.lower()).split())


def _holiday_pattern(key: str) -> str:
    """A key as a case-insensitive pattern: any spacing, an optional quote before a possessive s."""
    words = [re.escape(w[:-1]) + r"['’]?s" if w.endswith("s") else re.escape(w) for w in key.split()]
    return "(?i:" + r"\s+".join(words) + ")"


def _h_holiday(m: re.Match[str], published: dt.date | None) -> _Result:
    """ "on New Year's Day", "Christmas Eve 2019": a fixed day; without a year the latest on or before publication."""
    month, day = _holidays()[_holiday_key(m.group("hol"))]
    if m.group("year"):
        return dt.date(int(m.group("year")), month, day), 1, "gregorian", "absolute"
    if published is None:
        return None, 1, "gregorian", "absolute"
    return resolve_yearless(day, month, published), 1, "gregorian", "absolute"


@functools.cache
def _hijri_stems() -> tuple[str, ...]:
    """Lower-case openings of every Hijri month spelling (first word, 2-3 letters, article skipped).

    A cheap substring test: the Hijri rules only run on text that contains one of them.
    """
    stems = set()
    for name in _hijri_spellings():
        words = [w for w in re.split(r"[\s\-]+", name) if w and w not in ("al", "el")]
        stems.add(words[0][:3])
    return tuple(sorted(stems))


def _hijri_key(name: str) -> str:
    """Lower case, quote marks dropped, hyphens/spaces removed: the lookup key of a Hijri month name."""
    name = name.lower()
    for q in _QUOTES:
        name = name.replace(q, "")
    return re.sub(r"[\s\-]+", "", name)


@functools.cache
def _hijri_spellings() -> tuple[str, ...]:
    """Every spelling in hijri_months.csv, lower case, quote marks removed."""
    out = []
    with (resources.files("eventcoder") / "data" / "hijri_months.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = row["name"].lower()
            for q in _QUOTES:
                name = name.replace(q, "")
            out.append(name.strip())
    return tuple(out)


def _hijri_name_pattern(name: str) -> str:
    """Regex for one spelling (quotes already removed): any run of spaces/hyphens, or none, between words."""
    return r"[\s\-]*".join(re.escape(w) for w in re.split(r"[\s\-]+", name) if w)


_QUOTE_RE = re.compile(f"[{_QUOTES}]")


def _strip_quotes(text: str) -> tuple[str, list[int] | None]:
    """``text`` without quote/ayn marks, and for each kept character its offset in ``text``."""
    if not _QUOTE_RE.search(text):
        return text, None
    keep = [i for i, ch in enumerate(text) if ch not in _QUOTES]
    return "".join(text[i] for i in keep), keep


def _alt(names: list[str]) -> str:
    return "|".join(sorted(names, key=len, reverse=True))


_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty-second": 22,
    "twenty-third": 23,
    "twenty-fourth": 24,
    "twenty-fifth": 25,
    "twenty-sixth": 26,
    "twenty-seventh": 27,
    "twenty-eighth": 28,
    "twenty-ninth": 29,
    "thirtieth": 30,
    "thirty-first": 31,
}
_SMALL_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "a couple of": 2,
    "a few": 3,
}

_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)"
_YEAR = r"(?:19|20)\d{2}"
_PARTS = r"(?:morning|afternoon|evening|night|dawn|noon)"


# --------------------------------------------------------------------------- patterns

_Result = tuple[dt.date | None, int, Calendar, Kind] | tuple[dt.date | None, int, Calendar, Kind, tuple[dt.date, ...]] | None
_Handler = Callable[..., _Result]  # (match, published), and the numeric order for rules with ``ordered``


@dataclass(frozen=True)
class _Rule:
    regex: re.Pattern[str]
    handler: _Handler
    priority: int  # lower wins ties between equally long overlapping matches
    needs: tuple[str, ...] = ()  # lower-case substrings, one of which must occur for the rule to run
    calendar: Calendar = "gregorian"  # hijri rules run on the text with quote marks removed
    ordered: bool = False  # the handler also takes the numeric order ("dmy" / "mdy" / None)


def _group(m: re.Match[str], name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def _gmonth(m: re.Match[str], group: str = "month") -> int:
    name = m.group(group).lower().rstrip(".")
    return _names()[1][name]


def _safe_date(y: int, mo: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def _h_gregorian_dm(m: re.Match[str], published: dt.date | None) -> _Result:
    month = _gmonth(m)
    day = int(m.group("day"))
    if m.group("year"):
        d = _safe_date(int(m.group("year")), month, day)
        return (d, 1, "gregorian", "absolute") if d else None
    if _safe_date(2000, month, day) is None:  # 31 April never exists
        return None
    if published is None:
        return None, 1, "gregorian", "absolute"
    # a stated day one day after the citation date is that day, not last year's ("early April 26" cited on April 25:
    # the citation date lags the report's own time zone; session 7 review, dedup gold headlines)
    return resolve_yearless(day, month, published, slack_days=YEARLESS_SLACK_DAYS), 1, "gregorian", "absolute"


def _h_day_range(m: re.Match[str], published: dt.date | None) -> _Result:
    """ "22-25 February 2015", "January 1-3, 2021": the midpoint, precision 2 (ACLED: week -> midpoint)."""
    res = _h_gregorian_dm(m, published)
    first = int(m.group("d1"))
    if res is None or first >= int(m.group("day")):
        return None
    end = res[0]
    if end is None:
        return None, 2, "gregorian", "absolute"
    start = end.replace(day=first)
    return _range_date(start, end), _range_precision(start, end), "gregorian", "absolute"


def _range_date(start: dt.date, end: dt.date) -> dt.date:
    return start + (end - start) / 2


def _range_precision(start: dt.date, end: dt.date) -> int:
    days = (end - start).days
    return 1 if days == 0 else 2 if days <= 7 else 3


def _h_month(m: re.Match[str], published: dt.date | None) -> _Result:
    month = _gmonth(m)
    mod = (m.group("mod") or "").lower()
    where = (
        "early"
        if mod.startswith(("early", "beginning", "the beginning", "start", "the start"))
        else ("late" if mod.startswith(("late", "end", "the end")) else "mid")
    )
    if _group(m, "year"):
        d = _month_day(int(m.group("year")), month, where)
    elif published is None:
        return None, 3, "gregorian", "month"
    elif _group(m, "lastyear"):  # "in January last year" (fresh13 F26): not this year's January
        d = _month_day(published.year - 1, month, where)
    else:
        first = resolve_yearless(1, month, published)
        d = _month_day(first.year, month, where)
    if published is not None and d > published and d.replace(day=1) <= published:
        d = published
    return d, 3, "gregorian", "month"


def _h_iso(m: re.Match[str], published: dt.date | None) -> _Result:
    d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return (d, 1, "gregorian", "absolute") if d else None


# what a number that is no date follows: a label ("Room", "No.", "version", "Tel", "score") or another number
_NUMBER_LABEL = re.compile(
    r"(?i)(?:\b(?:rooms?|rm|no|nos|numbers?|versions?|ver|tel|telephone|phone|mobile|cell|fax|call|dial|scores?|"
    r"scored|ref|flat|plot|house|apt|unit|block|code|id|serial|model|build|release|ward|case|file)\.?"
    r"(?:\s+(?:was|is|were|of|at))?|[#\d])\s*[:#]?\s*$"
)


def _h_numeric(m: re.Match[str], published: dt.date | None, order: str | None) -> _Result:
    """ "05/01/2020", "5.1.2020", "5-1-2020", "05/01/20": see the module docstring for the order."""
    a, b, raw = int(m.group("a")), int(m.group("b")), m.group("y")
    y = int(raw)
    if len(raw) == 2:
        if m.group("sep") != "/" and not (len(m.group("a")) == len(m.group("b")) == 2):
            return None  # "5-1-20", "1.2.20": scores, versions; "12-03-21", "12.03.21" (two digits each): dates
        if m.group("sep") != "/" and _NUMBER_LABEL.search(m.string, max(0, m.start() - 24), m.start()):
            return None  # "Room 12-03-21", "version 10.12.19", "+92 300 12-03-21": a label's number, no date
        y += 2000
        if published is not None and y > published.year + 1:
            y -= 100
    dmy, mdy = _safe_date(y, b, a), _safe_date(y, a, b)
    if order is not None:
        d = (dmy if order == "dmy" else mdy) or dmy or mdy  # "25/01/2020" under mdy: a number over 12 is the day
        return (d, 1, "gregorian", "absolute") if d else None
    readings = sorted({x for x in (dmy, mdy) if x is not None})
    if len(readings) > 1 and published is not None:
        limit = published + dt.timedelta(days=YEARLESS_SLACK_DAYS)
        readings = [x for x in readings if x <= limit] or readings
    if not readings:
        return None
    if len(readings) == 1:
        return readings[0], 1, "gregorian", "absolute"
    return None, 1, "gregorian", "absolute", tuple(readings)


LIST_HEAD_DAYS = 62  # a list item's "12/11 -" head lies within this many days before publication (fresh13 F24)


def _h_list_dm(m: re.Match[str], published: dt.date | None, order: str | None) -> _Result:
    """ "12/11 - MAFA LGA: ...": a list item's day and month without a year (NGO digests, security incident lists).
    The order given, else the reading(s) within LIST_HEAD_DAYS before publication ("12/11" in a digest of 17
    November 2026 is 12 November, not 11 December 2025); two recent readings: no date, both kept."""
    if published is None:
        return None, 1, "gregorian", "absolute"
    a, b = int(m.group("a")), int(m.group("b"))

    def latest(day: int, month: int) -> dt.date | None:
        try:
            return resolve_yearless(day, month, published, YEARLESS_SLACK_DAYS) if month <= 12 else None
        except ValueError:
            return None

    dmy, mdy = latest(a, b), latest(b, a)
    if order is not None:
        d = (dmy if order == "dmy" else mdy) or dmy or mdy
        return (d, 1, "gregorian", "absolute") if d else None
    recent = sorted({x for x in (dmy, mdy) if x is not None and (published - x).days <= LIST_HEAD_DAYS})
    if not recent:
        return None
    if len(recent) == 1:
        return recent[0], 1, "gregorian", "absolute"
    return None, 1, "gregorian", "absolute", tuple(recent)


def _h_day_only(m: re.Match[str], published: dt.date | None) -> _Result:
    day = int(m.group("day"))
    if published is None:
        return None, 1, "gregorian", "relative"
    for k in range(0, 3):
        y, mo = published.year, published.month - k
        while mo < 1:
            mo += 12
            y -= 1
        d = _safe_date(y, mo, day)
        if d and d <= published:
            return d, 1, "gregorian", "relative"
    return None


def _offset(days: int, precision: int = 1) -> _Handler:
    def handler(m: re.Match[str], published: dt.date | None) -> _Result:
        if published is None:
            return None, precision, "gregorian", "relative"
        return published - dt.timedelta(days=days), precision, "gregorian", "relative"

    return handler


def _h_days_ago(m: re.Match[str], published: dt.date | None) -> _Result:
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else _SMALL_NUMBERS[re.sub(r"\s+", " ", raw)]
    unit = m.group("unit").lower()
    days = n * 7 if unit.startswith("week") else n
    precision = 2 if unit.startswith("week") or raw in ("a few",) else 1
    if published is None:
        return None, precision, "gregorian", "relative"
    return published - dt.timedelta(days=days), precision, "gregorian", "relative"


def _h_week(m: re.Match[str], published: dt.date | None) -> _Result:
    """Week-level phrases: precision 2, the midpoint of the span they cover (ACLED)."""
    phrase = re.sub(r"\s+", " ", m.group(0).lower())
    if published is None:
        return None, 2, "gregorian", "relative"
    monday = published - dt.timedelta(days=published.weekday())
    if "weekend" in phrase:
        # the latest Saturday strictly before publication unless published on Sat/Sun ("this weekend")
        sat = latest_weekday(5, published)
        if phrase.startswith("last") and published.weekday() >= 5:
            sat -= dt.timedelta(days=7)
        return sat, 2, "gregorian", "relative"
    if "last week" in phrase or "past week" in phrase or "previous week" in phrase:
        if "past" in phrase:
            return published - dt.timedelta(days=3), 2, "gregorian", "relative"
        return monday - dt.timedelta(days=4), 2, "gregorian", "relative"  # Thursday of last week
    # "earlier this week", "this week": from Monday up to the day before publication
    end = max(monday, published - dt.timedelta(days=1))
    return monday + (end - monday) / 2, 2, "gregorian", "relative"


def _h_rel_month(m: re.Match[str], published: dt.date | None) -> _Result:
    phrase = m.group(0).lower()
    if published is None:
        return None, 3, "gregorian", "relative"
    if "last" in phrase or "previous" in phrase:
        first = (published.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        return first.replace(day=15), 3, "gregorian", "relative"
    return min(published.replace(day=15), published), 3, "gregorian", "relative"


def _h_weekday(m: re.Match[str], published: dt.date | None) -> _Result:
    wd = _names()[2][m.group("wd").lower()]
    if published is None:
        return None, 1, "gregorian", "weekday"
    d = latest_weekday(wd, published)
    if m.group("last") and d == published:
        d -= dt.timedelta(days=7)
    return d, 1, "gregorian", "weekday"


def _hijri_day(m: re.Match[str]) -> int:
    raw = m.group("hday").lower()
    if raw[0].isdigit():
        return int(re.match(r"\d+", raw).group(0))  # type: ignore[union-attr]
    return _ORDINAL_WORDS[re.sub(r"[\s\-]+", "-", raw)]


def _h_hijri(m: re.Match[str], published: dt.date | None) -> _Result:
    day = _hijri_day(m)
    month = _names()[0][_hijri_key(m.group("hmonth"))]
    if not 1 <= day <= 30:
        return None
    if m.group("hyear"):
        try:
            return hijri_to_gregorian(day, month, int(m.group("hyear"))), 1, "hijri", "hijri"
        except ValueError:
            return None
    if published is None:
        return None, 1, "hijri", "hijri"
    try:
        return resolve_hijri(day, month, published), 1, "hijri", "hijri"
    except ValueError:
        return None


def _h_hijri_month(m: re.Match[str], published: dt.date | None) -> _Result:
    """ "in Ramadan", "during the month of Muharram 1438", "late Safar": precision 3, the 15th of the
    month (1st / last day for early / late), never after ``published``."""
    month = _names()[0][_hijri_key(m.group("hmonth"))]
    mod = (m.group("hmod") or "").lower()
    where = (
        "early"
        if mod.startswith(("early", "beginning", "the beginning", "start", "the start"))
        else ("late" if mod.startswith(("late", "end", "the end")) else "mid")
    )
    if m.group("hyear"):
        year = int(m.group("hyear"))
    elif published is None:
        return None, 3, "hijri", "hijri"
    else:
        year = gregorian_to_hijri(resolve_hijri(1, month, published, slack_days=0))[0]
    from hijridate import Hijri

    try:
        first = hijri_to_gregorian(1, month, year)
        length = Hijri(year, month, 1, validate=False).month_length()
    except (ValueError, OverflowError):
        return None
    last = first + dt.timedelta(days=length - 1)
    d = first if where == "early" else last if where == "late" else first + dt.timedelta(days=14)
    if published is not None and first <= published < d:
        d = published
    return d, 3, "hijri", "hijri"


@functools.cache
def _rules() -> tuple[_Rule, ...]:
    hijri, months, weekdays = _names()
    # Gregorian month names: capitalised or upper case (so "may" the verb is not a month)
    gm_names: list[str] = []
    longest = {m: max(len(n) for n, k in months.items() if k == m) for m in set(months.values())}
    for name, number in months.items():
        dot = r"\.?" if len(name) < longest[number] else ""  # "Jan." but not "March."
        gm_names += [re.escape(name.capitalize()) + dot, re.escape(name.upper()) + dot]
    gm = rf"(?P<month>{_alt(gm_names)})"
    gm_alt = _alt(gm_names)
    wd_names = []
    for name in weekdays:
        wd_names += [name.capitalize(), name.upper()]
    wd_alt = _alt(wd_names)
    hm = f"(?P<hmonth>{_alt(sorted({_hijri_name_pattern(n) for n in _hijri_spellings()}))})"
    ord_words = _alt([w.replace("-", r"[\s\-]") for w in _ORDINAL_WORDS])
    hday = rf"(?P<hday>{_DAY}{_ORD}?(?!\d)|(?i:{ord_words}))"
    hyear = r"(?:,?\s+(?P<hyear>1[34]\d\d)(?:\s*(?:A\.?H\.?|H\.?|هـ)(?![A-Za-z]))?)?"
    weekday_prefix = rf"(?:(?:{wd_alt})(?:\s+(?i:{_PARTS}))?(?:,?\s+|\s*(?P<open>[\[(])\s*))?"
    close = r"(?(open)\s*[\])])"
    year = rf"(?:,?\s+(?P<year>{_YEAR})(?!\d))?"
    after_day = r"(?=\s*(?:[,.;:)\]]|$)|\s+(?:of\s+(?:this|the)\s+month|at|in|and|when|during|after|before|morning|evening|night|afternoon|near|around)\b)"
    word_n = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a\s+couple\s+of|a\s+few|a"

    def c(p: str, flags: int = 0) -> re.Pattern[str]:
        return re.compile(p, flags)

    hijri_stems = _hijri_stems()
    hol_alt = "|".join(_holiday_pattern(k) for k in sorted(_holidays(), key=len, reverse=True))
    month_stems = tuple(sorted({k[:3] for k in months}))
    rules = [
        # Hijri day + month (+ year)
        _Rule(
            c(rf"(?<![\w/])(?:(?i:the)\s+)?{hday}(?:\s+(?i:day\s+)?(?i:of))?\s+(?i:{hm})(?![A-Za-z]){hyear}"),
            _h_hijri,
            0,
            hijri_stems,
            "hijri",
        ),
        _Rule(c(rf"(?<![\w/])(?i:{hm})\s+{hday}(?![A-Za-z]){hyear}"), _h_hijri, 0, hijri_stems, "hijri"),
        # Hijri month without a day: only after "during" / "the month of", with early/late, or with a year
        # ("Safar", "Rajab" are names and "Shawal" a valley in Waziristan)
        _Rule(
            c(
                rf"\b(?i:in|since|until)\s+(?P<body>(?P<hmod>)(?i:{hm})(?![A-Za-z]),?\s+(?P<hyear>1[34]\d\d)(?!\d)(?:\s*(?:A\.?H\.?|H\.?)(?![A-Za-z]))?)"
            ),
            _h_hijri_month,
            3,
            hijri_stems,
            "hijri",
        ),
        _Rule(
            c(
                rf"\b(?:(?i:during|throughout)\s+(?:(?i:the\s+(?:holy\s+)?month\s+of)\s+)?|"
                rf"(?i:the\s+(?:holy\s+)?month\s+of)\s+)"
                rf"(?P<body>(?P<hmod>(?i:early|mid|late)[\s\-]+)?(?i:{hm})(?![A-Za-z]){hyear})(?!\s+\d)"
            ),
            _h_hijri_month,
            3,
            hijri_stems,
            "hijri",
        ),
        _Rule(
            c(
                rf"\b(?P<body>(?P<hmod>(?i:early|mid|late|the\s+beginning\s+of|the\s+end\s+of|the\s+middle\s+of)[\s\-]+)"
                rf"(?i:{hm})(?![A-Za-z]){hyear})(?!\s+\d)"
            ),
            _h_hijri_month,
            3,
            hijri_stems,
            "hijri",
        ),
        # Gregorian absolute
        _Rule(
            c(
                rf"\b{weekday_prefix}(?:(?i:the)\s+)?(?P<day>{_DAY}){_ORD}?(?:\s+(?i:of))?\s+{gm}(?![A-Za-z]){year}{close}"
                r"(?(year)|(?!(?<=\.)\s+\d{1,2}(?![\d:])))"  # "injures 12 Feb. 25": "Feb. 25" is the date, 12 a count
            ),
            _h_gregorian_dm,
            1,
            month_stems,
        ),
        _Rule(
            c(
                rf"\b{weekday_prefix}{gm}\s+(?:(?i:the)\s+)?(?P<day>{_DAY}){_ORD}?(?![\d:A-Za-z]){year}{close}"
            ),
            _h_gregorian_dm,
            1,
            month_stems,
        ),
        _Rule(
            c(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d-])"),
            _h_iso,
            1,
            ("-",),
        ),
        _Rule(
            _NUMERIC,
            _h_numeric,
            1,
            ("/", ".", "-"),
            ordered=True,
        ),
        # a list item's head "12/11 - MAFA LGA:", "3/4: ..." (day and month, no year; not "24/7" in a sentence)
        _Rule(
            c(
                r"(?m)^[ \t]*(?:[-*\u2022][ \t]*|\d{1,3}[.)][ \t]+)?(?P<body>(?P<a>0?[1-9]|[12]\d|3[01])/"
                r"(?P<b>0?[1-9]|[12]\d|3[01]))(?=[ \t]*(?:-{1,2}|\u2013|\u2014|:)[ \t])"
            ),
            _h_list_dm,
            1,
            ("/",),
            ordered=True,
        ),
        # fixed-date holidays: "on New Year's Day", "Christmas Eve"
        _Rule(
            c(rf"\b(?P<hol>{hol_alt})(?![A-Za-z]){year}"),
            _h_holiday,
            1,
            ("new year", "christmas"),
        ),
        # day ranges inside one month
        _Rule(
            c(
                rf"\b(?P<d1>{_DAY}){_ORD}?\s*(?:-|–|to|and|until)\s*(?P<day>{_DAY}){_ORD}?(?:\s+(?i:of))?\s+{gm}(?![A-Za-z]){year}"
            ),
            _h_day_range,
            1,
            month_stems,
        ),
        _Rule(
            c(
                rf"\b{gm}\s+(?P<d1>{_DAY}){_ORD}?\s*(?:-|–|to|until)\s*(?P<day>{_DAY}){_ORD}?(?![\d:A-Za-z]){year}"
            ),
            _h_day_range,
            1,
            month_stems,
        ),
        # month level
        _Rule(
            c(
                rf"\b(?P<mod>(?i:early|mid|late|the\s+beginning\s+of|beginning\s+of|the\s+start\s+of|start\s+of|the\s+end\s+of|end\s+of|the\s+middle\s+of|middle\s+of)[\s\-]+){gm}(?![A-Za-z]){year}"
                r"(?(year)|(?!\.?\s+\d{1,2}(?!\d)))"  # "early Jan. 3": the day is told (headlines, session 7)
            ),
            _h_month,
            2,
            month_stems,
        ),
        _Rule(c(rf"(?P<mod>)\b{gm}(?![A-Za-z]),?\s+(?P<year>{_YEAR})(?!\d)"), _h_month, 2, month_stems),
        _Rule(
            c(
                rf"\b(?i:in|during|since|until|throughout)\s+(?P<body>(?P<mod>){gm}"
                r"(?P<lastyear>,?\s+(?i:(?:of\s+)?(?:last|the\s+previous)\s+year))?)(?![A-Za-z\d])(?!\s+\d)"
            ),
            _h_month,
            3,
            month_stems,
        ),
        # day of the month only
        _Rule(
            c(rf"\b(?i:on|since|from|until)\s+(?P<body>(?i:the)\s+(?P<day>{_DAY}){_ORD}){after_day}"),
            _h_day_only,
            4,
            ("st", "nd", "rd", "th"),
        ),
        # relative to publication
        _Rule(c(r"\b(?i:the\s+day\s+before\s+yesterday)\b"), _offset(2), 2, ("yesterday",)),
        _Rule(c(rf"\b(?i:yesterday)(?:\s+(?i:{_PARTS}))?\b"), _offset(1), 2, ("yesterday",)),
        _Rule(c(r"\b(?i:last\s+night)\b"), _offset(1), 2, ("night",)),
        # a daily bulletin's "Over the past day, ...": the day before it was issued (fresh F25b, session 11)
        _Rule(c(r"\b(?i:(?:over|in|during)\s+the\s+(?:past|last|previous)\s+day)\b(?!\s+or)"), _offset(1), 2, ("day",)),
        # a statement's paragraph opening "Overnight, jets struck ...": the night before it was issued, either day
        _Rule(c(r"(?<![^\n])(?i:overnight)(?=\s*,)"), _offset(0, 2), 2, ("overnight",)),
        _Rule(  # not "today Thursday 5 November": the date told right after it is the day (fresh13 F25)
            c(
                r"\b(?i:today|tonight|this\s+(?:morning|afternoon|evening))\b"
                rf"(?![ \t]*,?[ \t]*(?:(?:{wd_alt}),?[ \t]+)?(?:(?:the[ \t]+)?{_DAY}{_ORD}?[ \t]+(?:of[ \t]+)?(?:{gm_alt})|"
                rf"(?:{gm_alt})[ \t]+{_DAY}(?!\d)))"
            ),
            _offset(0),
            2,
            ("today", "tonight", "this"),
        ),
        _Rule(
            c(rf"\b(?P<n>(?i:{word_n}))\s+(?P<unit>(?i:days?|weeks?))\s+(?i:ago)\b"), _h_days_ago, 2, ("ago",)
        ),
        _Rule(
            c(
                r"\b(?i:(?:earlier|later)\s+this\s+week|this\s+week|last\s+week|the\s+previous\s+week|the\s+past\s+week|(?:over\s+)?(?:the|this|last)\s+weekend)\b"
            ),
            _h_week,
            2,
            ("week",),
        ),
        _Rule(
            c(r"\b(?i:last\s+month|the\s+previous\s+month|earlier\s+this\s+month)\b"),
            _h_rel_month,
            2,
            ("month",),
        ),
        _Rule(
            c(rf"\b(?:(?P<last>(?i:last|this\s+past|past))\s+)?(?P<wd>{wd_alt})(?:\s+(?i:{_PARTS}))?\b"),
            _h_weekday,
            5,
            ("day",),
        ),
    ]
    return tuple(rules)


@functools.lru_cache(maxsize=32)
def _scan(text: str) -> tuple[tuple[_Rule, tuple[re.Match[str], ...], list[int] | None], ...]:
    """Each rule's matches in ``text`` (hijri rules on the text without quote marks, with the offset map).
    A passage is read by segment, extract and the casualty reader in turn: the scan is done once."""
    out = []
    low = text.lower()
    stripped: tuple[str, list[int] | None] | None = None
    for rule in _rules():
        if rule.needs and not any(map(low.__contains__, rule.needs)):
            continue
        source, index = text, None
        if rule.calendar == "hijri":  # quote and ayn marks are not letters: match on text without them
            if stripped is None:
                stripped = _strip_quotes(text)
            source, index = stripped
        if not may_match(rule.regex, source):  # none of the words the rule requires (e.g. a month name)
            continue
        found = tuple(rule.regex.finditer(source))
        if found:
            out.append((rule, found, index))
    return tuple(out)


_NUMERIC = re.compile(
    r"(?<![\w/.\-:+,])(?P<a>0?[1-9]|[12]\d|3[01])(?P<sep>[/.\-])(?P<b>0?[1-9]|[12]\d|3[01])(?P=sep)"
    r"(?P<y>(?:19|20)\d{2}|\d{2})(?![\w/\-]|[.,:]\d)"
)


def implied_numeric_order(text: str) -> str | None:
    """The order a text writes its numeric dates in, when one of them tells ("25/01/2020": dmy) and none
    contradicts it; else None. A report is written one way: its other numeric dates follow (session 9)."""
    if not any(sep in text for sep in "/.-"):
        return None
    seen = set()
    for m in _NUMERIC.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 >= b:
            seen.add("dmy")
        elif b > 12 >= a:
            seen.add("mdy")
    return seen.pop() if len(seen) == 1 else None


def find_dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    """Every date mention in ``text``, ordered by start; overlapping matches keep the longest one.

    ``published`` anchors relative, weekday and yearless dates; without it their ``date`` is None.
    """
    return list(_find_dates(text, published, _ORDER.get()))


@functools.lru_cache(maxsize=32)
def _find_dates(text: str, published: dt.date | None, order: str | None) -> tuple[DateMention, ...]:
    """(segment reads a passage's dates, then extract the same passage's: half the calls repeat one)"""
    candidates: list[tuple[int, int, int, DateMention]] = []
    for rule, found, index in _scan(text):
        for m in found:
            try:
                res = rule.handler(m, published, order) if rule.ordered else rule.handler(m, published)
            except (KeyError, ValueError, OverflowError):
                res = None
            if res is None:
                continue
            date, precision, cal, kind = res[:4]
            readings: tuple[dt.date, ...] = res[4] if len(res) > 4 else ()
            s, e = m.span("body") if "body" in m.re.groupindex else m.span()
            if index is not None:
                s, e = index[s], index[e - 1] + 1
            mention = DateMention(s, e, text[s:e], date, precision, cal, kind, readings)
            candidates.append((s, e, rule.priority, mention))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken = Spans()
    out: list[DateMention] = []
    for s, e, _, mention in candidates:
        if taken.overlaps(s, e):
            continue
        taken.add(s, e)
        out.append(mention)
    out.sort(key=lambda d: d.start)
    return tuple(_merge_ranges(text, out))


_RANGE_JOIN = re.compile(r"\s*(?:-|–|to|and|until|through|till)\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:\b(?:sometime\s+)?(?:between|from)\s+)$", re.IGNORECASE)


def _merge_ranges(text: str, found: list[DateMention]) -> list[DateMention]:
    """ "between January 3, 2021 and January 9, 2021", "31 Jan - 6 Feb": one mention, the midpoint,
    precision 2 for up to a week, 3 for up to a month (longer spans stay two mentions)."""
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        a = found[i]
        if i + 1 < len(found):
            b = found[i + 1]
            joined = _RANGE_JOIN.fullmatch(text[a.end : b.start]) or text[a.end : b.start].strip() in (
                "-",
                "–",
            )
            if joined and a.date and b.date and b.date < a.date and not re.search(r"\d{4}", b.text):
                # "31 Jan - 6 Feb" read before 6 Feb: the end takes the start's year, not the year before
                moved = _safe_date(a.date.year + (b.date.month < a.date.month), b.date.month, b.date.day)
                if moved:
                    b = DateMention(b.start, b.end, b.text, moved, b.precision, b.calendar, b.kind)
            if (
                joined
                and a.kind == b.kind == "absolute"
                and a.date is not None
                and b.date is not None
                and 0 < (b.date - a.date).days <= 31
            ):
                opener = _RANGE_OPEN.search(text, max(0, a.start - 20), a.start)
                start = opener.start() if opener else a.start
                date = _range_date(a.date, b.date)
                prec = _range_precision(a.date, b.date)
                out.append(
                    DateMention(start, b.end, text[start : b.end], date, prec, "gregorian", "absolute")
                )
                i += 2
                continue
        out.append(a)
        i += 1
    return out


# the head of a dateline: a place in capitals ("IDLIB", "DERA ISMAIL KHAN"), optionally ", Country" names,
# "(Agency)" before or after the date; the date itself is read by find_dates
_DL_SEP = re.compile(r"[ \t]+(?:-{1,2}|–|—)[ \t]+|[ \t]*(?:--|–|—)[ \t]*|:[ \t]+")
_DL_AGENCY = re.compile(r"[ \t]*\([^()\n]{1,40}\)[ \t]*")
_DL_PLACE = re.compile(
    r"[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]*){0,3}(?:,[ \t]*[A-Z][A-Za-z'’.\-]*(?:[ \t]+[A-Z][A-Za-z'’.\-]*){0,2}){0,2}"
)


def find_dateline(text: str, max_lines: int = 3) -> DateMention | None:
    """The date of a wire dateline opening one of the first ``max_lines`` non-blank lines of ``text``
    (offsets into ``text``), or None. The date must be a full day with its year."""
    pos = 0
    seen = 0
    while seen < max_lines and pos < len(text) and pos < 2000:
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        if line.strip():
            seen += 1
            # the first dash, or the second after a release header's place ("TAMPA, Fla. – Dec. 3, 2023 –")
            for i, sep in enumerate(_DL_SEP.finditer(line, 0, 120)):
                found = _dateline_date(line[: sep.start()])
                if found is not None:
                    s, e = found.start + pos, found.end + pos
                    return DateMention(s, e, found.text, found.date, 1, found.calendar, found.kind)
                if i:
                    break
        if nl < 0:
            break
        pos = nl + 1
    return None


# a dateline head before its date: "MOGADISHU,", "PESHAWAR, Pakistan,", "BUNIA, Democratic Republic of Congo,"
# (the country part in title case), or a release header "(Nairobi, November 22, 2024) –"
_DATELINE_HEAD = re.compile(
    r"[ \t]*(?:[A-Z][A-Z' -]{2,30}[A-Z]?"
    r"(?:,[ \t]*[A-Z][A-Za-z'’.\-]*(?:[ \t]+(?:of|the|and|[A-Z][A-Za-z'’.\-]*)){0,4}){0,2}"
    # a release header's dash before its date: "TAMPA, Fla. – Dec. 3 –" (session 11)
    r"(?:[ \t]+[\u2013\u2014-])?"
    r"|\([A-Z][A-Za-z'’. \-]{2,30}),?\s*"
)
# a statement's release line in title case, with the year: "Bunia, 15 January 2026 -", "Rawalpindi - 9 October 2026:"
# (session 12); not a weekday or an opening preposition ("On 3 May 2026 -" is no place)
_RELEASE_PLACE = re.compile(
    r"[ \t]*(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:On|In|At|By|From|Since|Until|As of)\b)"
    r"[A-Z][a-z'’.\-]+(?:[ \t]+[A-Z][a-z'’.\-]+){0,2}"
    r"(?:,[ \t]*[A-Z][A-Za-z'’.\-]+(?:[ \t]+[A-Z][A-Za-z'’.\-]+){0,2})?"
    r"(?:[ \t]*,|[ \t]+(?:-{1,2}|–|—))[ \t]*"
)
_RELEASE_AFTER = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:-{1,2}|–|—|:)")


def is_dateline_date(text: str, start: int, end: int, line_start: int | None = None) -> bool:
    """Whether the date at ``text[start:end]`` is a dateline's or a release line's (the report's date, not the
    event's): a capitals head on its line before it ("MOGADISHU, Jan 2 (Wire) -", "(Nairobi, November 22, 2024) –"),
    or, in the first lines of a statement, a title-case place and a full date with its year, then a dash or colon
    ("Bunia, 15 January 2026 - ...", "Rawalpindi - 9 October 2026: On 8 October 2026, ..."). ``line_start``: the
    start of the date's line when the caller knows it (a one-line report of 1 MB: no scan back per date)."""
    if line_start is None:
        line_start = text.rfind("\n", 0, start) + 1
    if _DATELINE_HEAD.match(text, line_start, start) and re.match(r"\)?\s*(?:\(|-|–|—)", text[end : end + 4]):
        return True
    if line_start > 600 or len([ln for ln in text[:line_start].split("\n") if ln.strip()]) > 3:
        return False
    return bool(
        _RELEASE_PLACE.fullmatch(text, line_start, start)
        and re.search(r"\b\d{4}\b", text[start:end])
        and _RELEASE_AFTER.match(text, end)
    )


def _dateline_date(head: str) -> DateMention | None:
    """The date of a dateline head ("IDLIB, March 3, 2019 (AFP)"), or None when the head is anything else."""
    dates = [d for d in find_dates(head) if d.kind == "absolute" and d.date is not None and d.precision == 1]
    if len(dates) != 1:
        return None
    d = dates[0]
    before = _DL_AGENCY.sub(" ", head[: d.start]).strip()
    before = re.sub(r"[ \t]*(?:-{1,2}|–|—)$", ",", before)  # "TAMPA, Fla. – Dec. 3, 2023": the place, then a dash
    after = _DL_AGENCY.sub(" ", head[d.end :])
    if not before.endswith(",") and not head[: d.start].rstrip().endswith(")"):
        return None
    if not re.fullmatch(r"[ \t,]*", after):
        return None
    if not _DL_PLACE.fullmatch(before.rstrip(", \t")) and not (
            _RELEASE_PLACE.fullmatch(before) and re.search(r"\b\d{4}\b", d.text)):
        return None  # (a title-case place only with the year: "Quetta - 12 June 2025:", session 12)
    return d
