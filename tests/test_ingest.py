from __future__ import annotations

import datetime as dt
import json
import re
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.errors import InputError
from eventcoder.records import content_hash
from eventcoder.settings import Settings
from eventcoder.stages.ingest import decode_bytes, iter_documents, parse_published

REPORT = "On 2 January 2017 a car bomb exploded in Baghdad, killing 3 people, police said.\n"

HTML = """<!DOCTYPE html><html><head><title>Car bomb kills three in Baghdad</title>
<meta name="date" content="2017-01-03"></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a> | Subscribe now</nav>
<article><h1>Car bomb kills three in Baghdad</h1>
<p>On Monday a car bomb exploded in a market in eastern Baghdad, killing three people and wounding ten, police
sources said. No group has so far said it carried out the attack, which came a day after a similar
blast in the same district.</p>
<p>Security forces closed the roads around the market and ambulances took the wounded to hospital.</p>
</article>
<footer>Copyright 2017 Example News. All rights reserved. Cookie policy. Newsletter sign-up.</footer>
</body></html>"""


def collect(paths, s: Settings | None = None):
    errors: list[InputError] = []
    warnings: list[InputError] = []
    docs = list(iter_documents(paths, s or Settings(), errors.append, warnings.append))
    return docs, errors, warnings


def test_plain_text_file(tmp_path: Path) -> None:
    f = tmp_path / "report.txt"
    f.write_text(REPORT, encoding="utf-8")
    docs, errors, _ = collect([f])
    assert not errors
    (doc,) = docs
    assert doc.text == REPORT
    assert doc.content_hash == content_hash(REPORT)
    assert doc.source == "report.txt"
    assert doc.path == str(f)
    assert doc.doc_id == "doc:" + doc.content_hash[:16]


def test_settings_fill_source_and_published(tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_text(REPORT)
    docs, _, _ = collect([f], Settings(published=dt.date(2017, 1, 3), source="Wire", source_type="news"))
    assert docs[0].published == dt.date(2017, 1, 3)
    assert docs[0].source == "Wire" and docs[0].source_type == "news"


def test_html_boilerplate_removed_title_kept(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(HTML)
    docs, errors, warnings = collect([f])
    assert not errors and not warnings
    (doc,) = docs
    assert doc.title == "Car bomb kills three in Baghdad"
    assert "killing three people" in doc.text
    assert "Subscribe" not in doc.text and "Cookie policy" not in doc.text and "<p>" not in doc.text
    assert doc.published == dt.date(2017, 1, 3)


def test_truncated_html_warns_but_keeps_text(tmp_path: Path) -> None:
    f = tmp_path / "cut.html"
    f.write_text(HTML[: HTML.index("Security forces")])
    docs, errors, warnings = collect([f])
    assert not errors
    assert len(docs) == 1 and "car bomb exploded" in docs[0].text
    assert any("truncated" in w.problem and w.path == str(f) for w in warnings)


def test_jsonl_rows_stream_with_aliases_and_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": REPORT, "published": "2017-01-03", "source": "AFP", "url": "http://x/1"}),
        "{not json",
        json.dumps({"id": "a2", "summary": "A summary of an attack.", "date": "2017-02-04T10:00:00Z"}),
        json.dumps({"id": "a3", "notes": "", "text": ""}),
        "",
        json.dumps({"notes": "Notes text only.", "source_type": "official"}),
        json.dumps([1, 2]),
    ]
    f.write_text("\n".join(lines) + "\n")
    docs, errors, _ = collect([f])
    assert [d.doc_id for d in docs[:2]] == ["a1", "a2"]
    assert docs[0].source == "AFP" and docs[0].url == "http://x/1" and docs[0].published == dt.date(2017, 1, 3)
    assert docs[1].text == "A summary of an attack." and docs[1].published == dt.date(2017, 2, 4)
    assert docs[1].source == "docs.jsonl"
    assert docs[2].text == "Notes text only." and docs[2].source_type == "official"
    assert docs[2].doc_id.startswith("doc:")
    assert [e.path for e in errors] == [f"{f}:2", f"{f}:4", f"{f}:7"]
    assert "not valid JSON" in errors[0].problem


def test_same_text_different_ids_are_different_documents(tmp_path: Path) -> None:
    f = tmp_path / "h.jsonl"
    f.write_text(json.dumps({"id": "x", "text": "Bomb kills 3"}) + "\n" + json.dumps({"id": "y", "text": "Bomb kills 3"}))
    docs, _, _ = collect([f])
    assert docs[0].content_hash != docs[1].content_hash
    again, _, _ = collect([f])
    assert [d.content_hash for d in again] == [d.content_hash for d in docs]


def test_csv_and_tsv(tmp_path: Path) -> None:
    f = tmp_path / "d.csv"
    f.write_text('id,text,published,source\nc1,"Line one, with comma\nand newline",2017-01-05,Reuters\nc2,,2017-01-05,X\n')
    t = tmp_path / "d.tsv"
    t.write_text("text\tdate\nTab text\t2018-03-04\n")
    docs, errors, _ = collect([f, t])
    assert [d.doc_id for d in docs][0] == "c1"
    assert docs[0].text == "Line one, with comma\nand newline" and docs[0].source == "Reuters"
    assert docs[1].text == "Tab text" and docs[1].published == dt.date(2018, 3, 4)
    assert len(errors) == 1 and "no text" in errors[0].problem


def test_csv_without_text_column(tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text("a,b\n1,2\n")
    docs, errors, _ = collect([f])
    assert docs == [] and "no text column" in errors[0].problem


def test_parquet_batches(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 2500
    table = pa.table({
        "id": [f"p{i}" for i in range(n)],
        "text": [f"Report number {i}." for i in range(n)],
        "published": [dt.date(2017, 1, 1) + dt.timedelta(days=i % 30) for i in range(n)],
        "extra": list(range(n)),
    })
    f = tmp_path / "t.parquet"
    pq.write_table(table, f, row_group_size=500)
    docs, errors, _ = collect([f], Settings(batch_size=8))
    assert not errors and len(docs) == n
    assert docs[-1].doc_id == "p2499" and docs[-1].published == dt.date(2017, 1, 1) + dt.timedelta(days=2499 % 30)


def test_folder_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("zed report")
    (tmp_path / "a.txt").write_text("a report")
    (tmp_path / "c.txt").write_text("c report")
    (tmp_path / ".hidden.txt").write_text("hidden")
    docs, errors, _ = collect([tmp_path])
    assert [Path(d.path or "").name for d in docs] == ["a.txt", "z.txt", "c.txt"]
    assert not errors


def test_bad_files_are_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "bin.dat").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "latin.txt").write_bytes("Le café à Bagdad: une voiture piégée a explosé près du marché.".encode("latin-1"))
    (tmp_path / "good.txt").write_text(REPORT)
    docs, errors, warnings = collect([tmp_path, tmp_path / "missing.txt"])
    assert sorted(Path(e.path).name for e in errors) == ["bin.dat", "empty.txt", "missing.txt"]
    assert {Path(d.path or "").name for d in docs} == {"latin.txt", "good.txt"}
    latin = next(d for d in docs if d.path and d.path.endswith("latin.txt"))
    assert "café à Bagdad" in latin.text
    assert any(Path(w.path).name == "latin.txt" and "not UTF-8" in w.problem for w in warnings)
    for e in errors:
        assert "\n" not in str(e) and e.path in str(e)


def test_on_error_none_raises(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(InputError, match="empty file"):
        list(iter_documents([tmp_path / "empty.txt"], Settings()))


def test_large_file_is_cut_with_warning(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text("é" * 3000)  # 6000 bytes; cut at an odd byte splits a character
    docs, errors, warnings = collect([f], Settings(max_bytes=1001))
    assert not errors and len(docs) == 1
    assert docs[0].text == "é" * 500
    assert any("read only the first" in w.problem for w in warnings)


def test_jsonl_streaming_memory_is_bounded(tmp_path: Path) -> None:
    f = tmp_path / "many.jsonl"
    with f.open("w") as fh:
        for i in range(20000):
            fh.write(json.dumps({"id": str(i), "text": f"report {i} " + "x" * 200}) + "\n")
    gen = iter_documents([f], Settings())
    tracemalloc.start()
    count = 0
    for _ in gen:
        count += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 20000
    assert peak < 2_000_000, peak  # the file is ~4.5 MB; streaming keeps the peak far below it


@settings(max_examples=50, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_parse_published_iso_round_trip(d: dt.date) -> None:
    assert parse_published(d.isoformat()) == d
    assert parse_published(d.isoformat() + "T12:30:00Z") == d
    assert parse_published(dt.datetime(d.year, d.month, d.day, 5)) == d


def test_parse_published_other_forms() -> None:
    assert parse_published("January 2, 2017") == dt.date(2017, 1, 2)
    assert parse_published("") is None
    with pytest.raises(ValueError):
        parse_published("sometime last year")
    with pytest.raises(ValueError):
        parse_published("January 2017")  # no day: never invent one


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.text(alphabet="abcxyzJUNK!#_/\\", min_size=1, max_size=6))
def test_parse_published_rejects_trailing_garbage(d: dt.date, junk: str) -> None:
    """'2020-06-01junk' was read as 1 June 2020 (only the first ten characters were looked at): text after an
    ISO date that is not a time of day is an error naming the whole value."""
    value = d.isoformat() + junk
    with pytest.raises(ValueError, match=re.escape(repr(value))):
        parse_published(value)


def test_parse_published_iso_with_time_still_reads() -> None:
    for value in ("2020-06-01T10:00Z", "2020-06-01T10:00:00+03:00", "2020-06-01 10:00:00", "2020-06-01T10:00:00.123Z",
                  "2020-06-01 10:00 GMT", "2020-06-01T10:00:00+0300", " 2020-06-01 "):
        assert parse_published(value) == dt.date(2020, 6, 1), value
    with pytest.raises(ValueError, match="'2020-06-01junk'"):
        parse_published("2020-06-01junk")


@settings(max_examples=80, deadline=None)
@given(st.datetimes(min_value=dt.datetime(1970, 1, 2), max_value=dt.datetime(2100, 12, 31)),
       st.sampled_from([0, 3, -5, 5.5]), st.sampled_from(range(9)))
def test_parse_published_reads_timestamps_as_feed_writers_write_them(when: dt.datetime, hours: float,
                                                                     form: int) -> None:
    """Review (session 8): the stricter ISO reader refused timestamps other tools write after the date (it
    had read them by their first ten characters): Go's time.String(), Java's ZonedDateTime, RFC 3339 in
    lower case, a 12-hour clock, a zone's name. Each is the date as written, not converted to UTC."""
    import email.utils

    aware = when.replace(tzinfo=dt.timezone(dt.timedelta(hours=hours)))
    value = [aware.isoformat(), aware.isoformat().lower(), aware.strftime("%Y-%m-%d %H:%M:%S.%f %z UTC m=+0.000123"),
             aware.isoformat(timespec="minutes") + "[Asia/Kabul]", when.strftime("%Y-%m-%d %I:%M %p"),
             when.strftime("%Y-%m-%d %H:%M:%S EST"), when.strftime("%Y-%m-%d %H:%M UTC+3"),
             email.utils.format_datetime(aware), when.strftime("%Y-%m-%dT%H:%M:%S,%fZ")][form]
    assert parse_published(value) == when.date(), value
    with pytest.raises(ValueError, match="is not a date"):  # still no words after the time of day
        parse_published(value.split("[")[0] + " killed" if form != 7 else when.strftime("%Y-%m-%d %H:%M killed"))


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)), st.sampled_from("/.-"))
def test_numeric_date_that_reads_both_ways_is_an_error_everywhere(d: dt.date, sep: str) -> None:
    """'06/01/2020' was read month-first (June 1) by parse_published and refused by Settings: one reader
    now, and a numeric date whose day and month could swap is an error that says to write YYYY-MM-DD."""
    import eventcoder

    text = f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"
    if d.day <= 12 and d.day != d.month:
        for read in (parse_published, lambda v: Settings(published=v).published,
                     lambda v: eventcoder.to_document("x", published=v).published,
                     lambda v: eventcoder.to_document({"text": "x", "date": v}).published):
            with pytest.raises(ValueError, match="ambiguous.*YYYY-MM-DD"):
                read(text)
    else:  # day > 12 (or day == month): one reading only, the same through every door
        assert parse_published(text) == d
        assert Settings(published=text).published == d
        assert eventcoder.to_document("x", published=text).published == d


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=40), st.from_regex(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}.{0,8}", fullmatch=True)),
       st.sampled_from([None, "dmy", "mdy"]))
def test_parse_published_gives_a_date_none_or_a_value_error(text: str, order: str | None) -> None:
    try:
        got = parse_published(text, order)
    except ValueError as exc:
        assert "YYYY-MM-DD" in str(exc)
    else:
        assert got is None or isinstance(got, dt.date)


def test_ambiguous_date_in_a_row_is_a_warning_that_names_the_fix(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps({"id": "a", "text": REPORT, "published": "06/01/2020"}) + "\n"
                 + json.dumps({"id": "b", "text": REPORT + " ", "published": "13/01/2020"}) + "\n")
    docs, errors, warnings = collect([f])
    assert [d.published for d in docs] == [None, dt.date(2020, 1, 13)]
    assert not errors and len(warnings) == 1
    assert "ambiguous" in str(warnings[0]) and str(warnings[0]).count("YYYY-MM-DD") == 1  # said once


def test_feed_timestamps_read_as_before_the_one_date_reader(tmp_path: Path) -> None:
    """ISO timestamps, RFC 2822 and Unix time (seconds as a number or text, milliseconds): the reader
    of session 6 took epoch seconds through dateparser's timestamp parser; the one reader had dropped them."""
    stamps = ["2020-06-01T10:00:00Z", "Mon, 01 Jun 2020 10:00:00 GMT", 1590969600, "1590969600",
              1590969600.25, "1590969600000", "2020-06-01T23:30:00-05:00"]
    f = tmp_path / "feed.jsonl"
    f.write_text("".join(json.dumps({"id": f"d{i}", "text": f"{REPORT} ({i})", "published": v}) + "\n"
                         for i, v in enumerate(stamps)))
    docs, errors, warnings = collect([f])
    assert not errors and not warnings
    assert [d.published for d in docs] == [dt.date(2020, 6, 1)] * len(stamps)
    assert parse_published(1590969600 - 36001) == dt.date(2020, 5, 31)  # the UTC day
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_published("12345")  # a number too short for Unix time is no date


def test_ambiguous_dates_in_a_big_table_are_a_few_lines_not_one_per_row(tmp_path: Path) -> None:
    """A 10,000-row CSV of European dates printed one warning per ambiguous row (2,856 lines); now the first
    three and one line counting the rest, naming the file, the first hidden row and the fix. One ambiguous
    row in a table is one line. (2,000 rows here, for time.)"""
    import csv

    ROWS = 2_000  # noqa: N806

    def write(name: str, date_of) -> Path:
        f = tmp_path / name
        with f.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["id", "text", "published"])
            for i in range(ROWS):
                w.writerow([f"r{i}", f"Gunmen killed {i} people in Kabul.", date_of(i)])
        return f

    eu = write("eu.csv", lambda i: f"{i % 28 + 1:02d}/{i % 12 + 1:02d}/2020")
    docs, errors, warnings = collect([eu])
    ambiguous = sum(1 for i in range(ROWS) if i % 28 + 1 <= 12 and i % 28 != i % 12)
    assert len(docs) == ROWS and not errors and ambiguous > 500
    assert sum(d.published is None for d in docs) == ambiguous
    assert len(warnings) == 4 and all("ambiguous" in str(w) for w in warnings[:3])
    assert str(warnings[3]).startswith(f"{eu}: publication date left empty in {ambiguous - 3:,} more rows (the first "
                                       "at line 33)")
    assert "--date-order" in str(warnings[3])
    one = write("one.csv", lambda i: "06/01/2020" if i == 1000 else f"2020-06-{i % 28 + 1:02d}")
    docs, errors, warnings = collect([one])
    assert [str(w) for w in warnings] == [f"{one}:1002: publication date left empty: '06/01/2020' is ambiguous "
                                          "(day/month or month/day?); give YYYY-MM-DD (or, for a file, --date-order dmy|mdy)"]
    docs, errors, warnings = collect([eu], Settings(date_order="dmy"))
    assert not warnings and docs[1].published == dt.date(2020, 2, 2)


def test_date_order_reads_a_files_numeric_dates_the_way_the_user_says(tmp_path: Path) -> None:
    f = tmp_path / "feed.csv"
    f.write_text('id,text,date\na,"' + REPORT.strip() + '",06/01/2020\nb,Another report.,2020-02-03\n', encoding="utf-8")
    for order, want in (("dmy", dt.date(2020, 1, 6)), ("mdy", dt.date(2020, 6, 1))):
        docs, errors, warnings = collect([f], Settings(date_order=order))
        assert [d.published for d in docs] == [want, dt.date(2020, 2, 3)] and not errors and not warnings
        assert parse_published("06/01/20", order) == want
    assert Settings(date_order="DMY", published="06/01/2020").published == dt.date(2020, 1, 6)
    with pytest.raises(ValueError, match="date_order: 'ymd' is not one of dmy, mdy"):
        Settings(date_order="ymd")
    import eventcoder

    assert eventcoder.to_document({"text": "x", "date": "06/01/2020"}, date_order="dmy").published == dt.date(2020, 1, 6)
    docs, _errors, warnings = collect([f])  # no order given: left empty, and the warning names the option
    assert docs[0].published is None and "--date-order" in str(warnings[0])


def test_a_web_address_is_named_as_one() -> None:
    """'https://example.com/report' was reported as 'https:/example.com/report: no such file or folder'."""
    docs, errors, _warnings = collect(["https://example.com/report"])
    assert not docs and len(errors) == 1
    assert str(errors[0]).startswith("https://example.com/report: a web address, not a file") and "curl" in str(errors[0])


def test_settings_and_python_api_read_the_same_dates() -> None:
    import eventcoder

    for text, want in (("2017-01-05", dt.date(2017, 1, 5)), ("5 January 2017", dt.date(2017, 1, 5)),
                       ("2020/06/01", dt.date(2020, 6, 1)), ("", None)):
        assert Settings(published=text).published == want
        assert eventcoder.to_document("x", published=text or None).published == want
    with pytest.raises(ValueError, match="not a date"):
        Settings(published="last week")


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200))
def test_decode_utf8_round_trip(text: str) -> None:
    # a leading U+FEFF in UTF-8 is the byte-order mark, which is dropped: hypothesis found '\ufeff' -> ''
    assert decode_bytes(text.encode("utf-8"), "x", lambda e: None) == text.removeprefix("\ufeff")


def test_front_matter_is_metadata(tmp_path: Path) -> None:
    f = tmp_path / "fm.txt"
    f.write_text("Published: 2017-01-05\nSource: Example Wire\nSource-Type: news\nId: w-1\n\n" + REPORT)
    g = tmp_path / "nofm.txt"
    g.write_text("Baghdad: a car bomb exploded.\n\nMore text.")
    docs, errors, _ = collect([f, g])
    assert not errors
    assert docs[0].text == REPORT and docs[0].doc_id == "w-1"
    assert docs[0].published == dt.date(2017, 1, 5) and docs[0].source == "Example Wire"
    assert docs[0].source_type == "news"
    assert docs[1].text.startswith("Baghdad: a car bomb") and docs[1].published is None


def test_folder_walk_skips_readme(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# about this folder")
    (tmp_path / "r.txt").write_text(REPORT)
    docs, _, _ = collect([tmp_path])
    assert [Path(d.path or "").name for d in docs] == ["r.txt"]
    docs, _, _ = collect([tmp_path / "README.md"])
    assert len(docs) == 1


_row_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                    min_size=1, max_size=80).filter(lambda t: t.strip() != "")


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(_row_text, min_size=1, max_size=5))
def test_jsonl_and_csv_round_trip_any_text(tmp_path_factory: pytest.TempPathFactory, texts: list[str]) -> None:
    import csv as csv_mod

    folder = tmp_path_factory.mktemp("rt")
    expected = [t.replace("\r\n", "\n").replace("\r", "\n") for t in texts]
    j = folder / "rows.jsonl"
    j.write_text("".join(json.dumps({"id": f"r{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    c = folder / "rows.csv"
    with c.open("w", encoding="utf-8", newline="") as fh:
        w = csv_mod.writer(fh)
        w.writerow(["id", "text"])
        for i, t in enumerate(texts):
            w.writerow([f"r{i}", t])
    for path in (j, c):
        docs, errors, _ = collect([path])
        assert not errors, errors
        assert [d.text for d in docs] == expected
        assert [d.doc_id for d in docs] == [f"r{i}" for i in range(len(texts))]


def test_gzipped_jsonl_and_csv_stream(tmp_path: Path) -> None:
    import gzip

    j = tmp_path / "feed.jsonl.gz"
    with gzip.open(j, "wt", encoding="utf-8") as fh:
        for i in range(5):
            fh.write(json.dumps({"id": f"g{i}", "text": f"report {i}"}) + "\n")
    c = tmp_path / "feed.csv.gz"
    with gzip.open(c, "wt", encoding="utf-8", newline="") as fh:
        fh.write("id,text\nc1,\"csv, report\"\n")
    t = tmp_path / "page.txt.gz"
    with gzip.open(t, "wt") as fh:
        fh.write("plain")
    docs, errors, _ = collect([j, c, t])
    assert [d.doc_id for d in docs] == ["g0", "g1", "g2", "g3", "g4", "c1"]
    assert docs[-1].text == "csv, report"
    assert len(errors) == 1 and "decompress" in str(errors[0])
    from eventcoder.stages.ingest import count_documents

    assert count_documents([j, c]) == 6


def test_odd_column_names_are_read_case_and_space_insensitively_with_common_aliases(tmp_path: Path) -> None:
    """A spreadsheet export's header (' Text ', 'Published Date', 'Source Name', 'ID', BOM first) is read as
    text/published/source/id; it used to be refused as 'no text column' (or its date silently dropped)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    f = tmp_path / "sheet.csv"
    f.write_bytes("\ufeff Text ,Published Date,Source Name,ID,Source-Type,Headline\n"
                  f'"{REPORT.strip()}",2017-01-03,Wire A,r1,news,Car bomb\n'.encode())
    j = tmp_path / "feed.jsonl"
    j.write_text(json.dumps({"Text": REPORT, "Date Published": "2017-01-04", "Source": "Wire B", "Doc ID": "r2"}) + "\n")
    p = tmp_path / "t.parquet"
    pq.write_table(pa.table({"Body": [REPORT], "PUBLISHED": ["2017-01-05"], "source name": ["Wire C"]}), p)
    docs, errors, _ = collect([f, j, p])
    assert errors == []
    assert [(d.doc_id[:3], d.published, d.source) for d in docs] == [
        ("r1", dt.date(2017, 1, 3), "Wire A"), ("r2", dt.date(2017, 1, 4), "Wire B"),
        ("doc", dt.date(2017, 1, 5), "Wire C")]
    assert docs[0].source_type == "news" and docs[0].title == "Car bomb" and docs[0].text == REPORT.strip()


def test_a_table_without_a_text_column_names_the_columns_it_would_take(tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text("headline,when\nx,2017-01-01\n")
    _, errors, _ = collect([f])
    assert "no text column" in errors[0].problem and "headline, when" in errors[0].problem
    assert "text" in errors[0].hint and "body" in errors[0].hint


def test_a_broken_jsonl_line_names_the_column(tmp_path: Path) -> None:
    f = tmp_path / "b.jsonl"
    f.write_text('{"id": "j2", "text": "broken\n')
    _, errors, _ = collect([f])
    assert errors[0].path == f"{f}:1"
    assert errors[0].problem == "not valid JSON (Unterminated string starting at column 22)"


def test_front_matter_of_a_windows_file_is_read(tmp_path: Path) -> None:
    """A .txt saved with CRLF line ends ('Published: ...\\r\\n\\r\\n') lost its front matter: no date, and
    the 'Published:' line stayed in the text."""
    f = tmp_path / "crlf.txt"
    f.write_bytes(b"Published: 2018-01-02\r\nSource: Wire W\r\n\r\nA car bomb killed 3 in Kirkuk, Iraq on Monday.\r\n")
    (doc,), errors, _ = collect([f])
    assert errors == [] and doc.published == dt.date(2018, 1, 2) and doc.source == "Wire W"
    assert doc.text == "A car bomb killed 3 in Kirkuk, Iraq on Monday.\n"


@pytest.mark.parametrize("delim", [";", "|"])
def test_a_csv_with_semicolons_or_pipes_is_read(tmp_path: Path, delim: str) -> None:
    """Spreadsheets in many locales save CSV with ';': it was refused as 'no text column (header: text;...)'."""
    f = tmp_path / "semi.csv"
    f.write_text(f'Text{delim}Published{delim}Source\n"Bomb in Kirkuk{delim} 3 killed, police said."{delim}2018-01-02'
                 f'{delim}Wire\n', encoding="utf-8-sig")
    (doc,), errors, _ = collect([f])
    assert errors == [] and doc.text == f"Bomb in Kirkuk{delim} 3 killed, police said." and doc.source == "Wire"
    assert doc.published == dt.date(2018, 1, 2)


def test_utf16_without_a_byte_order_mark_is_text_not_binary(tmp_path: Path) -> None:
    text = "Published: 2018-05-06\n\nA car bomb killed five people in Mogadishu on Saturday, police said.\n"
    for enc in ("utf-16-le", "utf-16-be"):
        f = tmp_path / f"{enc}.txt"
        f.write_bytes(text.encode(enc))
        (doc,), errors, warnings = collect([f])
        assert errors == [] and doc.published == dt.date(2018, 5, 6) and doc.text == text.split("\n\n", 1)[1]
        assert "not UTF-8" in warnings[0].problem
    binary = tmp_path / "b.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    _, errors, _ = collect([binary])
    assert "binary" in errors[0].problem


def test_stdin_is_read_as_a_text_file_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """`cat report.txt | eventcoder extract -` dropped the report's 'Published:' front matter (so 'on Sunday'
    had no anchor), read UTF-16 without it too, and called binary input 'cannot detect the text encoding'."""
    import io
    import sys

    def read(data: bytes) -> tuple[list, list[InputError]]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        docs, errors, _ = collect(["-"])
        return docs, errors

    text = "Published: 2019-03-04\nSource: Test Wire\n\nA suicide bomber killed 12 people in Kabul on Sunday.\n"
    for data in (text.encode(), text.replace("\n", "\r\n").encode(), text.encode("utf-16")):
        (doc,), errors = read(data)
        assert errors == [] and doc.published == dt.date(2019, 3, 4) and doc.source == "Test Wire"
        assert doc.text == "A suicide bomber killed 12 people in Kabul on Sunday.\n"
    (doc,), _ = read(HTML.encode())
    assert doc.title == "Car bomb kills three in Baghdad" and "Subscribe" not in doc.text
    docs, errors = read(bytes(range(256)) * 20)
    assert docs == [] and errors[0].path == "<stdin>" and "binary" in errors[0].problem


def test_a_symlink_loop_in_a_folder_is_walked_once(tmp_path: Path) -> None:
    """A link back up the tree ('a/loop -> ..') made the folder walk read the same files again and again
    until the path grew too long (hundreds of copies of every report)."""
    from eventcoder.stages.ingest import iter_files

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "s.txt").write_text(REPORT + "again\n", encoding="utf-8")
    (tmp_path / "a" / "link").symlink_to(tmp_path / "elsewhere")  # a link to another folder is still followed
    files = [f.relative_to(tmp_path).as_posix() for f in iter_files([tmp_path])]
    assert files == ["a/link/s.txt", "a/r.txt"]


@pytest.mark.parametrize(("name", "hint"), [("sheet.ods", "save it as .xlsx, or as CSV"), ("report.pdf", "pdftotext"),
                                            ("memo.docx", "save it as plain text")])
def test_a_spreadsheet_or_office_file_gets_a_hint_for_its_kind(tmp_path: Path, name: str, hint: str) -> None:
    f = tmp_path / name
    f.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    _, errors, _ = collect([f])
    assert errors[0].path == str(f) and "binary file" in errors[0].problem and hint in errors[0].hint


def test_feed_columns_description_and_article_are_read_after_text(tmp_path: Path) -> None:
    f = tmp_path / "feed.csv"
    f.write_text("Description,Article\nShort summary.,\nShort summary.,The full article text.\n", encoding="utf-8")
    g = tmp_path / "both.csv"
    g.write_text("description,text\nShort summary.,The full text wins.\n", encoding="utf-8")
    docs, errors, _ = collect([f, g])
    assert errors == [] and [d.text for d in docs] == ["Short summary.", "The full article text.", "The full text wins."]


def test_a_utf16_jsonl_file_is_read_not_refused_line_by_line(tmp_path: Path) -> None:
    """review U: PowerShell's Out-File writes UTF-16 (with a byte-order mark); a .jsonl saved so was one
    'not valid JSON' / 'not UTF-8' error per line (and its trailing NUL byte a line of its own), while .txt
    and .csv read UTF-16. A broken line in it still names its line."""
    lines = [json.dumps({"id": "w1", "text": REPORT, "published": "2017-01-03"}), '{"id": "w2", "text": "cut',
             json.dumps({"id": "w3", "text": REPORT + " Later.", "published": "2017-01-04"})]
    for enc in ("utf-16", "utf-16-le", "utf-16-be"):
        f = tmp_path / f"{enc}.jsonl"
        f.write_bytes(("\r\n".join(lines) + "\r\n").encode(enc))
        docs, errors, warnings = collect([f])
        assert [(d.doc_id, d.published) for d in docs] == [("w1", dt.date(2017, 1, 3)), ("w3", dt.date(2017, 1, 4))]
        assert docs[0].text == REPORT.strip() or docs[0].text == REPORT
        assert [e.path for e in errors] == [f"{f}:2"] and "Unterminated string" in errors[0].problem
        assert "not UTF-8; decoded as utf-16" in warnings[0].problem


def test_a_feeds_description_is_a_teaser_its_content_column_wins(tmp_path: Path) -> None:
    """review U: 'description'/'abstract' were read as 'summary' (9a2e8b8), which ranks before 'body'/'content':
    a feed with a short description and the full content lost the article (before 9a2e8b8 it read the content)."""
    f = tmp_path / "feed.csv"
    f.write_text("title,description,content\nBomb,Short summary.,The full article text.\n"
                 "Raid,Only a teaser.,\n", encoding="utf-8")
    g = tmp_path / "feed.jsonl"
    g.write_text(json.dumps({"Abstract": "Short.", "Body": "The full body."}) + "\n", encoding="utf-8")
    docs, errors, _ = collect([f, g])
    assert errors == [] and [d.text for d in docs] == ["The full article text.", "Only a teaser.", "The full body."]


def test_json_array_records_are_numbered_from_1_as_jsonl_lines_are(tmp_path: Path) -> None:
    """A JSON array's warnings and errors said 'x.json[1]' for its second record (0-based) while the same
    rows as JSONL said 'x.jsonl:2': both count from 1 now."""
    rows = [{"text": "Report one.", "date": "2020-06-01"}, {"text": "Report two.", "date": "06/01/2020"},
            {"text": ""}] + [{"text": f"Report {i}.", "date": "06/01/2020"} for i in range(4, 8)]
    (tmp_path / "a.json").write_text(json.dumps(rows), encoding="utf-8")
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    said: dict[str, list[str]] = {}
    for name in ("a.json", "a.jsonl"):
        msgs: list[InputError] = []
        list(iter_documents([tmp_path / name], Settings(), on_error=msgs.append, on_warning=msgs.append))
        said[name] = [str(m).replace(str(tmp_path / name), "X") for m in msgs]
    assert [m.split(": ")[0] for m in said["a.jsonl"]] == ["X:2", "X:3", "X:4", "X:5", "X"]
    assert [m.split(": ")[0] for m in said["a.json"]] == ["X#record2", "X#record3", "X#record4", "X#record5", "X"]
    assert "(the first at line 6)" in said["a.jsonl"][-1]
    assert "(the first at record 6)" in said["a.json"][-1]
