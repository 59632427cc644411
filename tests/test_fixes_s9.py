"""Session 9 fixes outside the fixes engineer's own modules: `eventcoder dedupe` progress."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main


def test_dedupe_command_reports_progress_by_date_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`eventcoder dedupe` said nothing until its summary (run's own dedupe reports date windows since 1317d53):
    it now reports them the same way on stderr, and nothing with --quiet; the summary stays on stdout."""
    from eventcoder.cli import pipeline_cmds

    monkeypatch.setattr(pipeline_cmds, "PROGRESS_SECONDS", 0.0)
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i, day in enumerate(("2 January 2017", "20 March 2017", "3 June 2017")):
        (corpus / f"r{i}.txt").write_text(f"A bomb killed {i + 3} people in Mosul, Iraq on {day}, police said.\n",
                                          encoding="utf-8")
    db = str(tmp_path / "ev.duckdb")
    r = CliRunner().invoke(main, ["run", str(corpus), "--db", db, "--no-dedupe", "--quiet"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["dedupe", "--db", db])
    assert r.exit_code == 0, r.output
    lines = [line for line in r.stderr.splitlines() if line.startswith("dedupe: ")]
    assert len(lines) >= 2 and re.match(r"dedupe: \d of (\d) date windows \(\d+%\), [\d.]+ windows/s", lines[0]), lines
    total = re.match(r"dedupe: \d of (\d)", lines[0]).group(1)  # type: ignore[union-attr]
    assert lines[-1].startswith(f"dedupe: {total} of {total} date windows (100%)") and int(total) >= 2
    assert "events looked at" in r.stdout and "date windows" not in r.stdout
    quiet = CliRunner().invoke(main, ["dedupe", "--db", db, "--quiet"])
    assert quiet.exit_code == 0 and "date windows" not in quiet.stderr and "events looked at" in quiet.stdout
