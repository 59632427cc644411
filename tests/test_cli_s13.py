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
