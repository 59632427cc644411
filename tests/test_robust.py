"""Hostile input, session 9: each test is a file a user really gives (docs/bad_input.md lists them all, with
what happens). Rule: one line naming the file (and line) and what to do; the rest is read and stored; a
rerun stores nothing twice; nothing but InputError ever comes out of the readers."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eventcoder.stages.ingest as ingest
from eventcoder.errors import InputError
from eventcoder.settings import Settings
from eventcoder.stages.ingest import decode_bytes, iter_documents


def report(city: str, n: int, day: int) -> str:
    return f"A roadside bomb killed {n} soldiers in {city}, Iraq on {day} January 2017, police said."


def collect(paths: list[Path], s: Settings | None = None) -> tuple[list, list[InputError], list[InputError]]:
    errors: list[InputError] = []
    warnings: list[InputError] = []
    docs = list(iter_documents(paths, s or Settings(), errors.append, warnings.append))
    return docs, errors, warnings


# -- encodings ----------------------------------------------------------------------------------------
def test_short_latin1_french_is_read_as_western_not_baltic(tmp_path: Path) -> None:
    """charset-normalizer ranked cp1257 first for this short Latin-1 report: 'Maïduguri' became 'Maļduguri'
    and 'à' became 'ą' (stored so, with a warning naming cp1257)."""
    f = tmp_path / "latin1.txt"
    text = "Une bombe a tué 3 soldats à Maïduguri, Nigéria, le 6 janvier 2017, selon la police. Déjà été."
    f.write_bytes(text.encode("latin-1"))
    docs, errors, warnings = collect([f])
    assert not errors and docs[0].text == text
    assert [w.problem for w in warnings] == ["not UTF-8; decoded as cp1252"]


def test_latin1_words_in_an_english_report_are_read_as_western_not_cp775() -> None:
    text = "A roadside bomb killed 7 soldats à Maïduguri in Ramadi, Iraq on 7 January 2017, police said."
    warnings: list[InputError] = []
    assert decode_bytes(text.encode("latin-1"), "x.txt", warnings.append) == text  # (was cp775: 'Ó Ma’duguri')
    assert warnings[0].problem == "not UTF-8; decoded as cp1252"


@pytest.mark.parametrize(("text", "enc"), [
    ("Взрыв в Багдаде: погибли трое военных, сообщила полиция во вторник утром.", "cp1251"),
    ("Έκρηξη στη Βαγδάτη: τρεις στρατιώτες σκοτώθηκαν, είπε η αστυνομία την Τρίτη.", "cp1253"),
])
def test_cyrillic_and_greek_single_byte_pages_keep_their_script(text: str, enc: str) -> None:
    out = decode_bytes(text.encode(enc), "x.txt", lambda e: None)
    assert sum(ch.isascii() for ch in out if ch.isalpha()) == 0  # (cp1252 would show them as À-ÿ letters)


def test_polish_cp1250_keeps_the_detectors_guess() -> None:
    """The Western rule does not take text whose bytes are letters only in Central European pages."""
    text = "Wybuch w Łodzi: zginęło 3 żołnierzy, źródło podało w środę. Żółć gęślą jaźń łódź."
    out = decode_bytes(text.encode("cp1250"), "pl.txt", lambda e: None)
    assert "³" not in out and "¿" not in out


def test_utf8_with_one_broken_byte_keeps_its_accents() -> None:
    """One bad byte in a UTF-8 file sent the whole file to charset detection, which read every 'é' as 'Ã©'."""
    data = "Le café à Maïduguri: déjà 3 morts, été 2017. ".encode() + b"\xff" + " Niamey, Bénin.".encode()
    warnings: list[InputError] = []
    out = decode_bytes(data, "x.txt", warnings.append)
    assert out == "Le café à Maïduguri: déjà 3 morts, été 2017. \ufffd Niamey, Bénin."
    assert len(warnings) == 1 and "1 byte(s) are not UTF-8" in warnings[0].problem


@pytest.mark.parametrize("enc", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom_and_crlf(tmp_path: Path, enc: str) -> None:
    f = tmp_path / f"{enc}.txt"
    f.write_bytes(("Published: 2017-01-08\r\n\r\n" + report("Fallujah", 2, 8) + "\r\nMore.\r\n").encode(enc))
    docs, errors, _ = collect([f])
    assert not errors and docs[0].text == report("Fallujah", 2, 8) + "\nMore.\n"
    assert str(docs[0].published) == "2017-01-08"


# -- binary and NUL -----------------------------------------------------------------------------------
def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", report("Mosul", 3, 2) * 50)
    return buf.getvalue()


@pytest.mark.parametrize(("data", "kind", "hint"), [
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 8, "a PDF document",
     "pdftotext"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "a PNG image", "OCR"),
    (_zip(), "a ZIP archive", "unzip it"),
    (b"\x1f\x8b\x08\x00" + bytes(range(256)) * 8, "gzip-compressed", "decompress it"),
])
def test_binary_renamed_txt_is_named_by_what_it_is(tmp_path: Path, data: bytes, kind: str, hint: str) -> None:
    f = tmp_path / "scan.txt"
    f.write_bytes(data)
    docs, errors, _ = collect([f])
    assert not docs and len(errors) == 1
    assert errors[0].problem.startswith("binary file (" + kind) and hint in errors[0].hint


def test_a_zip_whose_start_is_text_like_is_still_binary(tmp_path: Path) -> None:
    """A stored (uncompressed) ZIP of a text file is mostly that text: its signature decides."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("r.txt", report("Mosul", 3, 2) * 100)
    f = tmp_path / "r.txt"
    f.write_bytes(buf.getvalue())
    _, errors, _ = collect([f])
    assert len(errors) == 1 and errors[0].problem.startswith("binary file (a ZIP")


def test_a_stray_nul_does_not_make_a_csv_or_text_binary(tmp_path: Path) -> None:
    """One NUL byte (a database dump, a bad conversion) made the whole file 'binary file, not CSV'."""
    c = tmp_path / "nul.csv"
    c.write_bytes(b"id,text\nn1,A bomb\x00 killed 3 in Mosul on 2 January 2017.\nn2," + report("Kirkuk", 2, 3).encode()
                  + b"\n")
    t = tmp_path / "nul.txt"
    t.write_bytes(report("Tikrit", 4, 5).encode() + b"\x00\n")
    docs, errors, warnings = collect([c, t])
    assert not errors
    assert [d.doc_id for d in docs[:2]] == ["n1", "n2"] and docs[0].text == "A bomb killed 3 in Mosul on 2 January 2017."
    assert docs[2].text.startswith(report("Tikrit", 4, 5))
    assert any("1 NUL character(s) removed" in w.problem for w in warnings)


# -- HTML -------------------------------------------------------------------------------------------
def test_an_html_fragment_without_body_is_read(tmp_path: Path) -> None:
    """'<p>report</p>' saved as .html: trafilatura found nothing and html2txt gave '' -> 'no text found'."""
    f = tmp_path / "frag.html"
    f.write_text("<p>" + report("Duhok", 2, 26) + " &amp; more &eacute;</p><script>var x = 'killed 99';</script>"
                 "<style>p{color:red}</style><p>Second paragraph.</p>", encoding="utf-8")
    docs, errors, _ = collect([f])
    assert not errors
    assert docs[0].text == report("Duhok", 2, 26) + " & more é\nSecond paragraph."


def test_html_with_scripts_styles_entities_keeps_only_the_text(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text("<html><head><title>T &amp; Q</title><style>body{color:red}</style><script>var x='<p>killed 99 in "
                 "Paris</p>';</script></head><body><p>" + report("Erbil", 3, 25) + " &#8212; &eacute;</p>"
                 "<script>alert(1)</script></body></html>", encoding="utf-8")
    docs, errors, _ = collect([f])
    assert not errors and "Paris" not in docs[0].text and "alert" not in docs[0].text
    assert report("Erbil", 3, 25) in docs[0].text and "— é" in docs[0].text


@pytest.mark.parametrize("html", ["<html><head><title>Only a title</title></head></html>",
                                  "<html><body><script>document.write('x')</script></body></html>"])
def test_html_without_text_is_one_error(tmp_path: Path, html: str) -> None:
    f = tmp_path / "empty.html"
    f.write_text(html, encoding="utf-8")
    docs, errors, _ = collect([f])
    assert not docs and [e.problem for e in errors] == ["no text found"]


# -- JSONL ------------------------------------------------------------------------------------------
def test_jsonl_lines_of_the_wrong_kind_say_what_they_are(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"id": "j1", "text": report("Hit", 2, 10)}), "[1, 2]", '"a string"', "42", "null",
             json.dumps({"id": "j3", "title": "no text"}), json.dumps({"id": "j4", "text": None}),
             json.dumps({"id": "j5", "text": 12345}), json.dumps({"id": "j6", "text": ["a"]}),
             json.dumps({"id": "j7", "text": "   "}), json.dumps({"id": "j8", "text": report("Rawa", 3, 15)})]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors, _ = collect([f])
    assert [d.doc_id for d in docs] == ["j1", "j8"]
    got = {e.path.rsplit(":", 1)[1]: e.problem for e in errors}
    assert got == {
        "2": "line is a list, not a JSON object", "3": "line is a string ('a string'), not a JSON object",
        "4": "line is a number (42), not a JSON object", "5": "line is null, not a JSON object",
        "6": "row has no text (its fields: id, title)", "7": "row has no text ('text' is null, not a string)",
        "8": "row has no text ('text' is a number (12345), not a string)",
        "9": "row has no text ('text' is a list, not a string)", "10": "row has no text ('text' is empty)",
    }


def test_a_jsonl_cut_inside_its_last_line_says_so(tmp_path: Path) -> None:
    f = tmp_path / "cut.jsonl"
    f.write_text(json.dumps({"id": "t1", "text": report("Karbala", 2, 18)}) + '\n{"id": "t2", "text": "A bomb kil',
                 encoding="utf-8")
    docs, errors, _ = collect([f])
    assert [d.doc_id for d in docs] == ["t1"]
    (e,) = errors
    assert e.path.endswith("cut.jsonl:2") and "the file ends inside this line" in e.hint
    g = tmp_path / "broken_middle.jsonl"  # a broken line with lines after it is not 'cut off'
    g.write_text('{"id": "b1", "text": broken\n' + json.dumps({"id": "b2", "text": report("Hit", 2, 3)}) + "\n",
                 encoding="utf-8")
    docs, errors, _ = collect([g])
    assert [d.doc_id for d in docs] == ["b2"] and errors[0].hint == "one JSON object per line"


def test_a_jsonl_line_longer_than_the_limit_is_skipped_without_holding_it(tmp_path: Path) -> None:
    f = tmp_path / "long.jsonl"
    s = Settings(max_bytes=1000)  # lines over 4 x max(max_bytes, 128 KiB) = 512 KiB are refused
    with f.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "a", "text": report("Mosul", 2, 3)}) + "\n")
        fh.write(json.dumps({"id": "big", "text": "x" * 2_000_000}) + "\n")
        fh.write(json.dumps({"id": "c", "text": report("Kirkuk", 2, 4)}))  # (no final newline)
    docs, errors, _ = collect([f], s)
    assert [d.doc_id for d in docs] == ["a", "c"]
    (e,) = errors
    assert e.path.endswith("long.jsonl:2") and "line longer than 524,288 bytes" in e.problem


def test_repeated_ids_with_different_texts_and_numeric_ids(tmp_path: Path) -> None:
    f = tmp_path / "ids.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in [
        {"id": 99, "text": report("Rutba", 3, 12)}, {"id": None, "text": report("Anah", 3, 13)},
        {"id": "k1", "text": report("Hit", 2, 10)}, {"id": "k1", "text": report("Haditha", 3, 11)}]) + "\n",
        encoding="utf-8")
    docs, errors, _ = collect([f])
    assert not errors  # (the store names the repeated id: test_bad_input.py)
    assert [d.doc_id for d in docs][:3] == ["99", docs[1].doc_id, "k1"] and docs[1].doc_id.startswith("doc:")


# -- CSV --------------------------------------------------------------------------------------------
def test_an_unclosed_quote_no_longer_swallows_the_rows_after_it(tmp_path: Path) -> None:
    """The lenient csv reader read a quote opened and never closed to the end of the file (or to the next
    quote) as one field: rows r3 and r4 became part of r2's text, with no error."""
    f = tmp_path / "q.csv"
    f.write_text("id,text\n"
                 f'r1,"{report("Mosul", 3, 2)}"\n'
                 f'r2,"{report("Kirkuk", 2, 3)}\n'
                 f"r3,{report('Tikrit', 2, 4).replace(',', ';')}\n"
                 f'r4,"{report("Hit", 2, 5)}"\n'
                 f'r5,"multi\nline {report("Anah", 2, 6)}"\n', encoding="utf-8")
    docs, errors, _ = collect([f])
    assert [d.doc_id for d in docs] == ["r1", "r3", "r4", "r5"]
    assert docs[1].text == report("Tikrit", 2, 4).replace(",", ";") and docs[3].text.startswith("multi\nline ")
    (e,) = errors
    assert e.path.endswith("q.csv:3") and "not closed properly" in e.problem and 'written ""' in e.hint
    g = tmp_path / "eof.csv"  # never closed at all: the rest of the file was one field
    g.write_text(f'id,text\nr1,"{report("Mosul", 3, 2)}\nr2,{report("Hit", 2, 3).replace(",", "")}\n',
                 encoding="utf-8")
    docs, errors, _ = collect([g])
    assert [d.doc_id for d in docs] == ["r2"] and errors[0].path.endswith("eof.csv:2")


def test_a_stray_quote_after_a_quoted_field_is_read_with_a_warning(tmp_path: Path) -> None:
    f = tmp_path / "stray.csv"
    f.write_text('\ufeffid,text\nr1,"Quoted" then more in Hit on 2 January 2017\n', encoding="utf-8")
    docs, errors, warnings = collect([f])
    assert not errors and docs[0].text == "Quoted then more in Hit on 2 January 2017"
    assert any(w.path.endswith("stray.csv:2") and "odd quoting" in w.problem for w in warnings)


# -- files and folders -------------------------------------------------------------------------------
def test_broken_links_pipes_and_link_loops(tmp_path: Path) -> None:
    """A broken link in a folder was passed over in silence; a named pipe given as input blocked forever."""
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "sub" / "name with spaces é.txt").write_text(report("Zakho", 2, 28), encoding="utf-8")
    (d / "موصل.txt").write_text(report("Mosul", 2, 29), encoding="utf-8")
    (d / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (d / "sub" / "loop").symlink_to(d)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    docs, errors, _ = collect([d, fifo])
    assert sorted(Path(x.path or "").name for x in docs) == ["name with spaces é.txt", "موصل.txt"]
    assert sorted((Path(e.path).name, e.problem.split(" (")[0]) for e in errors) == [
        ("gone.txt", "broken symbolic link"), ("pipe.txt", "not a regular file")]


@pytest.mark.parametrize("name", ["rows.jsonl", "rows.csv"])
def test_an_unreadable_table_is_one_error_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        name: str) -> None:
    """chmod 000 (or a file deleted between the walk and the read): the JSONL/CSV reader's OSError escaped
    iter_documents and ended the run with a traceback. (Simulated: the tests may run as root.)"""
    bad = tmp_path / name
    bad.write_text("id,text\n" if name.endswith(".csv") else "", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(report("Mosul", 2, 3), encoding="utf-8")
    real = ingest._open_binary

    def deny(path: Path):  # type: ignore[no-untyped-def]
        if path == bad:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(ingest, "_open_binary", deny)
    docs, errors, _ = collect([bad, good])
    assert [Path(d.path or "").name for d in docs] == ["good.txt"]
    (e,) = errors
    assert e.path == str(bad) and e.problem == "cannot read (Permission denied)"


def test_a_file_deleted_mid_run_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    for i, city in enumerate(["Mosul", "Kirkuk", "Tikrit"]):
        (tmp_path / f"{i}.txt").write_text(report(city, 2, i + 1), encoding="utf-8")
    errors: list[InputError] = []
    seen = []
    for doc in iter_documents([tmp_path], Settings(), errors.append, None):
        seen.append(Path(doc.path or "").name)
        if len(seen) == 1:
            (tmp_path / "1.txt").unlink()
    assert seen == ["0.txt", "2.txt"] and [Path(e.path).name for e in errors] == ["1.txt"]


# -- the readers never raise anything but InputError ------------------------------------------------
_LINE = st.one_of(
    st.binary(max_size=60),
    st.builds(lambda d: json.dumps(d).encode(), st.dictionaries(
        st.sampled_from(["id", "text", "published", "source_type", "title", "Text", "summary"]),
        st.one_of(st.none(), st.integers(), st.text(max_size=20), st.lists(st.integers(), max_size=2)),
        max_size=4)),
    st.sampled_from([b'{"text": "cut', b'"q",', b'a,"b\n', b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b'""', b"\r"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_LINE, max_size=8), suffix=st.sampled_from([".jsonl", ".csv", ".tsv", ".json", ".txt"]),
       header=st.booleans())
def test_any_bytes_give_documents_or_input_errors_only(tmp_path: Path, lines: list[bytes], suffix: str,
                                                       header: bool) -> None:
    f = tmp_path / f"x{suffix}"
    f.write_bytes((b"id,text,published\n" if header and suffix in (".csv", ".tsv") else b"") + b"\n".join(lines))
    errors: list[InputError] = []
    docs = list(iter_documents([f], Settings(max_bytes=5000), errors.append, errors.append))
    for e in errors:
        assert isinstance(e, InputError) and e.path.startswith(str(f))
        assert "\n" not in str(e) and "\r" not in str(e)
    for d in docs:
        assert d.text.strip() and d.path == str(f)
    try:  # without a handler, the first problem is raised: an InputError, nothing else
        list(iter_documents([f], Settings(max_bytes=5000)))
    except InputError:
        pass


# -- the CLI end to end ------------------------------------------------------------------------------
def _hostile_folder(root: Path) -> tuple[dict[str, str], set[str]]:
    """A folder of hostile files: {name: the words its one error line must hold}, and the names stored."""
    d = root / "in"
    (d / "sub" / "deeper").mkdir(parents=True)
    bad = {
        "zero.txt": "empty file", "ws.txt": "empty file", "scan.txt": "binary file (a PDF document)",
        "photo.txt": "binary file (a PNG image)", "nobody.html": "no text found",
        "cut.jsonl:2": "the file ends inside this line", "q.csv:2": "not closed properly",
        "gone.txt": "broken symbolic link",
    }
    (d / "zero.txt").write_bytes(b"")
    (d / "ws.txt").write_bytes(b"  \n\t\r\n")
    (d / "scan.txt").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    (d / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (d / "nobody.html").write_text("<html><head><title>t</title></head></html>", encoding="utf-8")
    (d / "cut.jsonl").write_text(json.dumps({"id": "t1", "text": report("Karbala", 2, 18)}) + '\n{"id": "t2", "text": "A b',
                                 encoding="utf-8")
    (d / "q.csv").write_text(f'\ufeffid,text\nq1,"{report("Hillah", 2, 23)}\nq2,"{report("Kut", 4, 22)}"\n',
                             encoding="utf-8")
    (d / "gone.txt").symlink_to(root / "nowhere.txt")
    (d / "latin1.txt").write_bytes(report("Ramadi", 7, 7).replace("soldiers", "soldats à Maïduguri").encode("latin-1"))
    (d / "crlf.txt").write_bytes(("Published: 2017-01-08\r\n\r\n" + report("Fallujah", 2, 8) + "\r\n").encode())
    (d / "utf16.txt").write_bytes(report("Samarra", 6, 5).encode("utf-16"))
    (d / "frag.html").write_text("<p>" + report("Duhok", 2, 26) + "</p>", encoding="utf-8")
    (d / "sub" / "deeper" / "name with spaces é.txt").write_text(report("Zakho", 2, 28), encoding="utf-8")
    (d / "sub" / "loop").symlink_to(d)
    stored = {"latin1.txt", "crlf.txt", "utf16.txt", "frag.html", "name with spaces é.txt", "cut.jsonl", "q.csv"}
    return bad, stored


def test_hostile_folder_through_the_real_cli(tmp_path: Path) -> None:
    import subprocess
    import sys

    from eventcoder.stages.store import Store

    bad, stored = _hostile_folder(tmp_path)
    db = tmp_path / "s.duckdb"
    cmd = [sys.executable, "-m", "eventcoder", "run", str(tmp_path / "in"), "--db", str(db), "--no-dedupe",
           "--max-bytes", "100000"]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert p.returncode == 1 and "Traceback" not in p.stderr, p.stderr
    errors = [line for line in p.stderr.splitlines() if line.startswith("error: ")]
    for name, words in bad.items():
        (line,) = [e for e in errors if f"/{name}:" in e or f"/{name} " in e]
        assert words in line and line.rstrip().endswith(")"), line  # the hint, in parentheses, ends the line
    assert len(errors) == len(bad), errors
    with Store(db, read_only=True) as s:
        names = sorted(Path(p).name for (p,) in s.con.execute("SELECT path FROM documents").fetchall())
        counts = (s.count_documents(), s.count_events(include_merged=True))
        texts = [t for (t,) in s.con.execute("SELECT text FROM documents").fetchall()]
    assert set(names) == stored and len(names) == 7  # (q.csv: its row q2; cut.jsonl: its row t1)
    assert any("Maïduguri" in t for t in texts) and not any("\r" in t for t in texts)
    p2 = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert p2.returncode == 1 and [x for x in p2.stderr.splitlines() if x.startswith("error: ")] == errors
    with Store(db, read_only=True) as s:
        assert (s.count_documents(), s.count_events(include_merged=True)) == counts


def test_interrupted_run_resumes_and_stores_nothing_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C on the 150th document: exit 130, what was processed is kept; the same command again stores the
    rest and nothing twice."""
    from click.testing import CliRunner

    from eventcoder.cli import main
    from eventcoder.pipeline import Pipeline
    from eventcoder.stages.store import Store

    rows = tmp_path / "rows.jsonl"
    cities = ["Mosul", "Kirkuk", "Tikrit", "Ramadi", "Fallujah"]
    rows.write_text("".join(json.dumps({"id": f"m{i}", "published": "2017-02-01",
                                        "text": report(cities[i % 5], i % 9 + 1, i % 28 + 1) + f" Report {i}."}) + "\n"
                            for i in range(300)), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    real = Pipeline.process
    calls = {"n": 0}

    def process(self: Pipeline, doc):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 150:
            raise KeyboardInterrupt
        return real(self, doc)

    monkeypatch.setattr(Pipeline, "process", process)
    args = ["run", str(rows), "--db", str(db), "-q", "--no-dedupe"]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 130 and "Run the same command again to resume" in r.stderr
    with Store(db, read_only=True) as s:
        assert s.count_documents() == 149
    monkeypatch.setattr(Pipeline, "process", real)
    r2 = CliRunner().invoke(main, args)
    assert r2.exit_code == 0, r2.output
    assert "skipped (already stored)       149" in r2.stdout
    with Store(db, read_only=True) as s:
        n_docs = s.count_documents()
        dup = s.con.execute("SELECT count(*) - count(DISTINCT event_id) FROM events").fetchone()
        docs_without = s.con.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                                     "(SELECT 1 FROM events e WHERE e.doc_ids[1] = d.doc_id)").fetchone()
    assert n_docs == 300 and dup == (0,) and docs_without == (0,)


def test_ctrl_c_while_deduplicating_says_how_to_finish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C in run's dedupe phase printed 'Aborted!' (exit 1); the rerun stored nothing new and so skipped
    dedupe, leaving the store undeduplicated with no word about it (2,500 reports: 1,135 merges missing)."""
    from click.testing import CliRunner

    import eventcoder.stages.dedupe as dedupe
    from eventcoder.cli import main

    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(json.dumps({"id": f"d{i}", "text": report("Mosul", 3, 2) + f" Source {i}."}) + "\n"
                            for i in range(3)), encoding="utf-8")
    db = tmp_path / "s.duckdb"

    def interrupted(*_a, **_k):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(dedupe, "dedupe_store", interrupted)
    r = CliRunner().invoke(main, ["run", str(rows), "--db", str(db), "-q"])
    assert r.exit_code == 130 and r.stderr.strip().endswith(f"Finish with: eventcoder dedupe --db {db}"), r.output
    monkeypatch.undo()
    r2 = CliRunner().invoke(main, ["dedupe", "--db", str(db)])
    assert r2.exit_code == 0 and "3 events looked at" in r2.output, r2.output


def test_a_cut_or_damaged_or_fake_gzip_is_one_error_and_its_first_rows_are_kept(tmp_path: Path) -> None:
    """A truncated .jsonl.gz raised EOFError and a damaged one zlib.error: a traceback that ended the run."""
    import gzip

    data = gzip.compress("".join(json.dumps({"id": f"g{i}", "text": report("Mosul", 2, i % 28 + 1) + f" No. {i}."})
                                 + "\n" for i in range(3000)).encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    damaged = bytearray(data)
    damaged[500:520] = b"x" * 20  # (zlib: invalid distance too far back)
    (tmp_path / "damaged.jsonl.gz").write_bytes(bytes(damaged))
    (tmp_path / "plain.csv.gz").write_bytes(b"id,text\na,b\n")
    for name, problem in [("cut.jsonl.gz", "compressed data cut off or damaged"),
                          ("damaged.jsonl.gz", "compressed data cut off or damaged"), ("plain.csv.gz", "not gzip data")]:
        docs, errors, _ = collect([tmp_path / name])
        assert len(errors) == 1 and errors[0].problem.startswith(problem), (name, errors)
        assert name != "cut.jsonl.gz" or len(docs) > 100  # the rows before the cut are read


def test_a_pretty_printed_json_named_jsonl_is_read_as_json(tmp_path: Path) -> None:
    """json.dump(rows, f, indent=2) saved as .jsonl: one 'not valid JSON' error per line, nothing read."""
    f = tmp_path / "pretty.jsonl"
    f.write_text(json.dumps([{"id": f"p{i}", "text": report("Mosul", i + 1, 2)} for i in range(3)], indent=2),
                 encoding="utf-8")
    docs, errors, warnings = collect([f])
    assert [d.doc_id for d in docs] == ["p0", "p1", "p2"] and not errors
    assert [w.problem for w in warnings] == ["one JSON document over several lines, not one object per line; "
                                             "read as JSON"]
    g = tmp_path / "broken_pretty.jsonl"  # not JSON as a whole either: per-line errors as before
    g.write_text('[\n  {"id": "x", "text": "cut\n', encoding="utf-8")
    _, errors, _ = collect([g])
    assert [e.path.rsplit(":", 1)[1] for e in errors] == ["1", "2"]


def test_a_csv_column_named_twice_keeps_the_first_non_empty_value(tmp_path: Path) -> None:
    f = tmp_path / "twice.csv"
    f.write_text(f"id,text,text\na,{report('Mosul', 3, 2).replace(',', '')},second\nb,,{report('Hit', 2, 3)}\n"
                 .replace(report("Hit", 2, 3), report("Hit", 2, 3).replace(",", "")), encoding="utf-8")
    docs, errors, warnings = collect([f])
    assert not errors and [d.text.split(" killed")[0] for d in docs] == ["A roadside bomb", "A roadside bomb"]
    assert "Mosul" in docs[0].text and "Hit" in docs[1].text  # (the last column won: 'second')
    assert any("names 'text' more than once" in w.problem for w in warnings)


def test_a_csv_with_only_a_header_is_one_error(tmp_path: Path) -> None:
    f = tmp_path / "header_only.csv"
    f.write_text("\ufeffid,text\n", encoding="utf-8")
    docs, errors, _ = collect([f])
    assert not docs and [e.problem for e in errors] == ["no rows under the header"]


def test_a_damaged_parquet_names_the_row_and_keeps_the_rows_before(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    f = tmp_path / "t.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": f"p{i}", "text": report("Mosul", i % 5 + 1, 2) + f" No. {i}."}
                                         for i in range(20000)]), f, row_group_size=2000)
    data = bytearray(f.read_bytes())
    data[len(data) * 3 // 4: len(data) * 3 // 4 + 400] = b"\x00" * 400
    f.write_bytes(bytes(data))
    docs, errors, _ = collect([f])
    (e,) = errors
    assert e.problem.startswith("damaged Parquet data after row ") and 1000 < len(docs) < 20000
    assert e.problem.startswith(f"damaged Parquet data after row {len(docs):,} ")


def test_text_or_binary_named_jsonl_is_one_error_not_one_per_line(tmp_path: Path) -> None:
    """A 5,000-line text file named .jsonl gave 5,000 error lines; a ZIP named .jsonl one per line of it."""
    text = tmp_path / "notes.jsonl"
    text.write_text("\n".join(f"Plain report line {i}, not JSON." for i in range(5000)), encoding="utf-8")
    z = tmp_path / "archive.jsonl"
    z.write_bytes(_zip())
    few = tmp_path / "few.jsonl"  # fewer broken lines than the limit, then JSON: each broken line named
    few.write_text("oops\n{bad\n" + json.dumps({"id": "f1", "text": report("Hit", 2, 3)}) + "\n", encoding="utf-8")
    docs, errors, _ = collect([text, z, few])
    assert [d.doc_id for d in docs] == ["f1"]
    assert [(Path(e.path).name, e.problem.split(" (")[0].split(":")[0]) for e in errors] == [
        ("notes.jsonl", "not JSONL"), ("archive.jsonl", "binary file"), ("few.jsonl:1", "not valid JSON"),
        ("few.jsonl:2", "not valid JSON")]
    assert "first 20 lines are not JSON" in errors[0].problem and "name it .txt" in errors[0].hint


def test_a_deep_tree_and_an_unreadable_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A tree deeper than the recursion limit: the walk's RecursionError was caught as a link loop, so the report
    at the bottom was lost and the folder called empty (1,100 levels under the default limit; here 300 levels
    under a limit 150 frames above this test's). A subfolder that cannot be listed was skipped in silence."""
    import inspect
    import sys

    deep = tmp_path / "deep"
    d = deep
    deep.mkdir()
    for _ in range(300):
        d = d / "d"
        d.mkdir()
    (d / "r.txt").write_text(report("Mosul", 3, 2), encoding="utf-8")
    locked = deep / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text(report("Hit", 2, 3), encoding="utf-8")
    real_iterdir = Path.iterdir

    def iterdir(self: Path):  # type: ignore[no-untyped-def]
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 150)
    try:
        docs, errors, _ = collect([deep])
    finally:
        sys.setrecursionlimit(limit)
    monkeypatch.undo()
    _remove_bottom_up(deep)  # pytest's own clean-up of old temp folders walks trees recursively
    assert [Path(x.path or "").name for x in docs] == ["r.txt"]
    (e,) = errors
    assert e.path == str(locked) and e.problem.startswith("cannot read the folder (Permission denied)")


def _remove_bottom_up(root: Path) -> None:
    """Delete a folder tree without recursion (the deep tree above would trip a recursive delete)."""
    import os

    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        for name in filenames:
            os.unlink(os.path.join(dirpath, name))
        for name in dirnames:
            os.rmdir(os.path.join(dirpath, name))
    os.rmdir(root)


def test_a_missing_path_is_one_plain_sentence(tmp_path: Path) -> None:
    """The hint is printed in brackets after the problem; a hint with its own brackets read
    "(check the path (or was it moved or deleted during the run?))"."""
    docs, errors, _ = collect([tmp_path / "gone.txt"])
    (e,) = errors
    assert not docs and e.problem == "no such file or folder"
    text = str(e)
    assert "check the path" in text and text.count("(") == 1 and text.count(")") == 1
