"""Review U (session 9): the run summary's lists of failed inputs and documents without events, past their first few."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.cli.pipeline_cmds import SUMMARY_NAMES


def test_summary_names_the_first_few_and_counts_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    extra = 2
    for i in range(SUMMARY_NAMES + extra):
        (corpus / f"empty{i}.txt").write_text("", encoding="utf-8")
        (corpus / f"quiet{i}.txt").write_text(f"The market opened as usual on day {i}; the weather was mild.\n",
                                              encoding="utf-8")
    res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(tmp_path / "s.duckdb"), "--no-dedupe"])
    assert res.exit_code == 1, res.output
    lines = res.stdout.splitlines()
    at = lines.index(next(line for line in lines if line.startswith("failed: ")))
    assert lines[at].startswith(f"failed: {SUMMARY_NAMES + extra} input(s) not stored")
    named = lines[at + 1:at + 1 + SUMMARY_NAMES]
    assert all(line.startswith("  ") and "empty" in line and "empty file" in line for line in named), named
    assert lines[at + 1 + SUMMARY_NAMES] == f"  ... and {extra} more (each printed above as 'error:')"
    at = lines.index(next(line for line in lines if line.startswith("without events: ")))
    assert lines[at].startswith(f"without events: {SUMMARY_NAMES + extra} document(s) stored")
    assert all("quiet" in line for line in lines[at + 1:at + 1 + SUMMARY_NAMES])
    assert lines[at + 1 + SUMMARY_NAMES] == f"  ... and {extra} more"
