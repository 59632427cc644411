"""Session 13 (ui): CSV rows swallowed by a quote, told by file:line. A quote opened in one row and closed at the very
end of a later row is valid CSV: the rows between were read as one row's text, without a word. And a last row
that opens a quote and never closes it says so in plain words (it said "odd quoting (unexpected end of data)")."""

from __future__ import annotations

from pathlib import Path

from eventcoder.errors import InputError
from eventcoder.settings import Settings
from eventcoder.stages.ingest import iter_documents


def _read(path: Path) -> tuple[list, list[InputError], list[InputError]]:
    errors: list[InputError] = []
    warnings: list[InputError] = []
    docs = list(iter_documents([path], Settings(), on_error=errors.append, on_warning=warnings.append))
    return docs, errors, warnings


def test_rows_swallowed_by_a_quote_closed_at_a_later_rows_end_are_read(tmp_path: Path) -> None:
    f = tmp_path / "desk.csv"
    f.write_text("id,text\n"
                 'k1,"Two mortar rounds fell on a market in Samarra on 8 March 2018, wounding 6."\n'
                 'k2,"The governor said ""calm has returned\n'
                 "k3,A convoy was ambushed near Baquba on 9 March 2018 and 3 drivers were killed.\n"
                 'k4,Locals in Tuz called it ""the worst night"\n', encoding="utf-8")  # the quote closes here
    docs, errors, warnings = _read(f)
    assert [d.doc_id for d in docs] == ["k1", "k3", "k4"], [d.text for d in docs]
    assert docs[1].text.startswith("A convoy was ambushed near Baquba")
    (e,) = errors
    assert e.path == f"{f}:3" and "runs on to line 5" in e.problem and "row of its own" in e.problem
    assert not warnings


def test_a_quoted_text_over_several_lines_stays_one_row(tmp_path: Path) -> None:
    """A report's own paragraphs, one of them starting like a row ('2018,the ministry ...'), are not rows."""
    f = tmp_path / "desk.csv"
    f.write_text("id,text\n"
                 'k1,"Gunmen attacked a checkpoint near Baiji on 4 April 2018.\n\n'
                 '2018,the ministry said, was the worst year for the district.\nTwo soldiers died."\n'
                 "k2,A bomb exploded in Hit on 5 April 2018.\n", encoding="utf-8")
    docs, errors, warnings = _read(f)
    assert [d.doc_id for d in docs] == ["k1", "k2"] and not errors and not warnings
    assert docs[0].text.endswith("Two soldiers died.")
    g = tmp_path / "two.csv"  # each later line a row-like line, but not of this row's kind ('k' + digits)
    g.write_text('id,text\nk1,"Shelling hit Tal Afar on 6 April 2018.\n7,000 people fled"\n', encoding="utf-8")
    docs, errors, _ = _read(g)
    assert [d.doc_id for d in docs] == ["k1"] and not errors and docs[0].text.endswith("7,000 people fled")


def test_a_last_row_whose_quote_is_never_closed_says_so(tmp_path: Path) -> None:
    f = tmp_path / "desk.csv"
    f.write_text('id,text\nk1,"Rockets hit Balad on 1 May 2018."\nk2,"Clashes in Haditha on 2 May 2018 left 4 dead.\n',
                 encoding="utf-8")
    docs, errors, warnings = _read(f)
    assert [d.doc_id for d in docs] == ["k1", "k2"] and not errors
    (w,) = warnings
    assert w.path == f"{f}:3" and "never closed (the file ends inside it)" in w.problem
    g = tmp_path / "more.csv"  # the same, with lines after it: those are read, the row is skipped
    g.write_text('id,text\nk1,"Clashes in Haditha on 2 May 2018 left 4 dead.\nk2,Rockets hit Balad on 1 May 2018.\n'
                 "k3,A mine killed 2 herders near Rutba on 3 May 2018; police said more mines lay there\n",
                 encoding="utf-8")
    docs, errors, _ = _read(g)
    assert [d.doc_id for d in docs] == ["k2", "k3"]
    (e,) = errors
    assert e.path == f"{g}:2" and "never closed (the file ends inside it, line 4)" in e.problem


def test_a_page_with_menus_only_is_refused_by_name(tmp_path: Path) -> None:
    """A saved page whose story its JavaScript would load holds only its menu: it was read as the report 'Home
    World Sport' and came back as 'no events found (is it a conflict report?)'."""
    page = tmp_path / "story.html"
    page.write_text('<html><head><title>Daily Wire</title><script>load("story")</script></head><body><nav>'
                    '<a href="/">Home</a> <a href="/w">World</a> <a href="/s">Sport</a></nav><div id="root"></div>'
                    "</body></html>", encoding="utf-8")
    short = tmp_path / "short.html"  # a short report is still read
    short.write_text("<p>Clashes in Ramadi overnight</p>", encoding="utf-8")
    docs, errors, _ = _read(tmp_path)
    assert [Path(d.path).name for d in docs] == ["short.html"] and "Ramadi" in docs[0].text
    (e,) = errors
    assert e.path == str(page) and "no article text" in e.problem and "'Home World Sport'" in e.problem
    assert "JavaScript" in e.hint
