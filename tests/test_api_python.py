from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

import eventcoder
from eventcoder.records import EVENT_FIELDS, Document, Event

ROOT = Path(__file__).resolve().parents[1]
REPORT = (
    "Car bomb kills at least seven near Mogadishu checkpoint\n\n"
    "MOGADISHU (Example Wire) - A car bomb exploded at a checkpoint in Mogadishu on Monday, killing at "
    "least seven people and wounding 12, police said. Al-Shabaab claimed responsibility."
)


def readme_python_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_readme_example_runs() -> None:
    blocks = readme_python_blocks()
    assert blocks, "README must have a runnable Python example"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for block in blocks:
            exec(compile(block, "README.md", "exec"), {"__name__": "__readme__"})
    printed = out.getvalue()
    assert "Mogadishu" in printed and "2017-01-02" in printed


def test_extract_returns_typed_events() -> None:
    events = eventcoder.extract(REPORT, published="2017-01-03", source="Example Wire", source_type="news")
    assert events and all(isinstance(e, Event) for e in events)
    ev = events[0]
    assert ev.event_date == "2017-01-02"  # "on Monday" before a Tuesday publication date
    assert ev.killed == 7 and ev.wounded == 12
    assert ev.source == "Example Wire"
    start, end = ev.evidence["killed"]
    assert "seven" in REPORT[start:end]


def test_extract_same_as_document_path() -> None:
    doc = Document.from_text(REPORT, source="W", published=dt.date(2017, 1, 3))
    a = eventcoder.extract(REPORT, published=dt.date(2017, 1, 3), source="W")
    b = list(eventcoder.pipe([doc]))
    assert a == b


def test_pipe_streams_lazily_and_accepts_str_dict_document() -> None:
    seen: list[int] = []

    def feed():
        for i in range(3):
            seen.append(i)
            yield {"id": f"d{i}", "text": REPORT, "published": "2017-01-03"} if i != 1 else REPORT

    it = eventcoder.pipe(feed(), published="2017-01-03")
    first = next(it)
    assert seen == [0] and first.doc_ids == ("d0",)
    rest = list(it)
    assert seen == [0, 1, 2] and rest
    assert rest[-1].doc_ids == ("d2",)


def test_to_document_errors() -> None:
    with pytest.raises(TypeError, match="text"):
        eventcoder.to_document({"title": "no text"})
    with pytest.raises(TypeError, match="str, a dict or a Document"):
        eventcoder.to_document(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^documents item 2: a document mapping needs a non-empty 'text'"):
        list(eventcoder.pipe(["", "  ", {"title": "no text"}]))
    # review U: a Python caller was told of the CLI's '--date-order dmy|mdy'; the keyword it has is named
    for call in (lambda: eventcoder.to_document({"text": "x", "date": "06/01/2020"}),
                 lambda: eventcoder.to_document("x", published="06/01/2020")):
        with pytest.raises(ValueError, match=r"ambiguous .*give YYYY-MM-DD \(or date_order='dmy'\|'mdy'\)$"):
            call()
    assert eventcoder.to_document("x", published="06/01/2020", date_order="dmy").published == dt.date(2020, 1, 6)


def test_frames() -> None:
    from eventcoder.frames import CONTEXT_COLUMNS, context_values, from_arrow, to_arrow, to_pandas, to_polars

    events = eventcoder.extract(REPORT, published="2017-01-03", source="Example Wire")
    events = [*events, Event(event_id="ev:empty")]
    table = to_arrow(events)
    assert table.column_names == [*EVENT_FIELDS, *CONTEXT_COLUMNS] and table.num_rows == len(events)
    assert from_arrow(table) == events
    assert [context_values(e) for e in from_arrow(table)] == [context_values(e) for e in events]
    assert context_values(events[0])["date_basis"] is not None  # extraction's facts reach the table
    df = to_pandas(events)
    assert list(df.columns) == [*EVENT_FIELDS, *CONTEXT_COLUMNS]
    assert str(df["killed"].dtype) == "Int64" and df["killed"].iloc[0] == 7 and df["killed"].isna().iloc[-1]
    assert df["evidence"].iloc[0] == dict(events[0].evidence)
    pl_df = to_polars(events)
    assert pl_df.shape == (len(events), len(EVENT_FIELDS) + len(CONTEXT_COLUMNS)) and pl_df["killed"][0] == 7


def test_import_is_light() -> None:
    code = "import sys, eventcoder; heavy = {'pandas', 'pyarrow', 'duckdb', 'trafilatura', 'polars'}; " \
           "print(sorted(heavy & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_a_missing_gazetteer_path_is_refused_as_the_cli_refuses_it(tmp_path: Path) -> None:
    """Settings(gazetteer_path=<missing file>) used to build a new index there behind the user's back (a
    minute, 70 MB) while `--gazetteer <missing>` is refused: both now name the path and the build command."""
    from eventcoder.errors import ResourceMissing
    from eventcoder.pipeline import Pipeline
    from eventcoder.settings import Settings

    missing = tmp_path / "typo" / "gaz.sqlite3"
    settings = Settings(gazetteer_path=missing)
    with pytest.raises(ResourceMissing) as exc:
        eventcoder.extract(REPORT, published="2017-01-03", settings=settings)
    msg = str(exc.value)
    assert str(missing) in msg and "no such gazetteer index" in msg
    assert f"eventcoder gazetteer build --index {missing}" in msg
    with pytest.raises(ResourceMissing):
        list(eventcoder.pipe([REPORT], settings=settings))
    with pytest.raises(ResourceMissing):
        Pipeline(settings).gazetteer  # noqa: B018
    assert not missing.exists() and not missing.parent.exists()


def test_python_api_reads_what_ingest_reads_and_refuses_bad_arguments_in_words() -> None:
    """A dict with 'Text'/'Published Date' keys was refused though a CSV with that header is read; a datetime
    `published` crashed deep in extraction ('can't compare datetime.datetime to datetime.date'); an unknown
    source_type was kept silently; an impossible date raised 'day is out of range for month'."""
    want = eventcoder.extract(REPORT, published="2017-01-03")
    (ev,) = want
    got = list(eventcoder.pipe([{"Text": REPORT, "Published Date": "2017-01-03", "Source Name": "Example Wire"}]))
    assert [(e.event_date, e.location, e.killed, e.source) for e in got] == [
        (ev.event_date, ev.location, ev.killed, "Example Wire")]
    at_ten = eventcoder.extract(REPORT, published=dt.datetime(2017, 1, 3, 10, 30))
    assert [(e.event_date, e.location) for e in at_ten] == [(ev.event_date, ev.location)]
    with pytest.raises(ValueError, match=r"published: '2017-02-30' is not a date; give YYYY-MM-DD"):
        eventcoder.extract(REPORT, published="2017-02-30")
    with pytest.raises(ValueError, match=r"documents item 0: published: 'soon' is not a date"):
        list(eventcoder.pipe([{"text": REPORT, "published": "soon"}]))
    with pytest.raises(ValueError, match=r"source_type: 'blog' is not one of claim, news, official, ngo, other"):
        eventcoder.extract(REPORT, source_type="blog")


def test_settings_take_a_path_or_date_written_as_text() -> None:
    """Settings(gazetteer_path='...') and Settings(published='2017-01-03') failed deep inside with
    AttributeError ('str' object has no attribute 'exists' / 'weekday')."""
    from eventcoder.settings import Settings, default_gazetteer_path

    s = Settings(gazetteer_path=str(default_gazetteer_path()), published="2017-01-03")  # type: ignore[arg-type]
    assert s.gazetteer_path == default_gazetteer_path() and s.published == dt.date(2017, 1, 3)
    assert Settings(published=dt.datetime(2017, 1, 3, 9)).published == dt.date(2017, 1, 3)
    (ev,) = eventcoder.extract(REPORT, settings=s)
    assert (ev.event_date, ev.location) == ("2017-01-02", "Mogadishu")
    with pytest.raises(ValueError, match="published: '3 Jan' is not a date; give YYYY-MM-DD"):
        Settings(published="3 Jan")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="source_type: 'blog' is not one of claim, news, official, ngo, other"):
        Settings(source_type="blog")  # was kept and written into every event of a document without one
    # review U: '' was Path('.') (a folder) and '~' was not expanded; '' source_type is none given, as '' published;
    # a number as published failed deep inside
    assert Settings(gazetteer_path="").gazetteer_path is None  # type: ignore[arg-type]
    assert Settings(gazetteer_path="~/g.sqlite3").gazetteer_path == Path.home() / "g.sqlite3"  # type: ignore[arg-type]
    assert Settings(source_type="", published="").source_type is None  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="published: 20170103 is not a date"):
        Settings(published=20170103)  # type: ignore[arg-type]


def test_docs_python_md_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/python.md's blocks run as written, top to bottom, in an empty folder (session 9: the guide the
    README points Python users to), and print what the guide says they print."""
    text = (ROOT / "docs" / "python.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 5
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    scope: dict[str, object] = {"__name__": "__docs__"}
    with contextlib.redirect_stdout(out):
        for i, block in enumerate(blocks):
            exec(compile(block, f"docs/python.md#{i}", "exec"), scope)
    printed = out.getvalue()
    assert "killed: 'killing at least seven people'" in printed
    assert "2017-01-03 stated" in printed  # 'on Tuesday' before a publication date of Thursday 5 January 2017
    assert "2 documents, 2 events" in printed and "8 {'killed': 8}" in printed
    assert printed.rstrip().endswith(" 8")  # the correction reaches the export and reads back
    assert (tmp_path / "events_acled.csv").read_bytes().startswith(b"\xef\xbb\xbf")
