"""Session 13 (ui), as a new analyst: `geoparse --help` showed its input and output records cut mid-word by
click's rewrapping ('"lati' / 'tude"'); they are now shown as written, one record a line."""

from __future__ import annotations

from click.testing import CliRunner

from eventcoder.cli import main


def test_geoparse_help_shows_its_records_whole() -> None:
    out = CliRunner().invoke(main, ["geoparse", "--help"], terminal_width=80).output
    assert '"latitude","longitude"' in out and '{"id","text"[,"toponyms":[{"start","end"}]]}' in out
    for line in out.splitlines():
        if line.lstrip().startswith(("Input lines", "Output lines")):
            assert line.count("{") >= 2, line  # the record starts on its own line, not rewrapped into prose


def test_a_table_piped_to_stdin_is_refused_with_what_to_do() -> None:
    """`cat feed.jsonl | eventcoder extract -` read the whole file as one report (one event made of all of it, no
    word); a CSV table the same. `-` reads one plain-text report: a table piped in is now one error saying to
    give the file's path."""
    jsonl = ('{"id": "w1", "text": "A bomb killed 2 guards in Hit on 3 May 2018."}\n'
             '{"id": "w2", "text": "Shelling wounded 5 in Haditha on 4 May 2018."}\n')
    csv_table = 'id,text\nw1,"A bomb killed 2 guards in Hit on 3 May 2018."\n'
    for data, kind in ((jsonl, "JSONL"), (csv_table, "CSV table (header: id,text)")):
        r = CliRunner().invoke(main, ["extract", "-", "-q"], input=data)
        assert r.exit_code == 1 and r.stdout == "", (r.output, kind)
        assert f"<stdin>: the input is {'a ' if kind != 'JSONL' else ''}{kind}" in r.stderr, r.stderr
        assert "give the file's path" in r.stderr
