"""eventcoder bench: corpus replication, baseline matcher, report text, and one small end-to-end run."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.evaluation import bench

REPORT = (
    "Published: 2017-01-03\nSource-Type: news\n\n"
    "MOSUL (Example Wire) - A car bomb exploded at a market in Mosul, Iraq, on Monday, "
    "killing five civilians.\n"
)


def test_load_corpus_replicates_with_new_ids(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT)
    docs = bench.load_corpus([str(tmp_path)], min_docs=5)
    assert len(docs) == 5
    assert len({d.doc_id for d in docs}) == 5
    assert {d.text for d in docs} == {docs[0].text}
    assert all(d.published is not None for d in docs)


def test_plain_gazetteer_matcher_longest_first() -> None:
    m = bench.PlainGazetteerMatcher()
    found = m.find("Clashes in Deir ez-Zor and Mosul, Iraq; nothing in Xyzzyville.")
    assert "mosul" in found and "iraq" in found
    assert not any("xyzzy" in f for f in found)


def test_machine_and_markdown() -> None:
    mach = bench.machine()
    assert mach["nproc"] and mach["cpu"]
    stage = {"seconds": 1.0, "docs_per_s": 10.0, "kb_per_s": 5.0, "events_per_s": 20.0}
    r = {
        "machine": mach,
        "corpus": ["x"],
        "repeat": 1,
        "pipeline": {"docs": 10, "kb": 5.0, "events": 20, "peak_rss_mb": 50.0, "gazetteer_open_s": 0.1,
                     "warmup_s": 0.2, "stages": {"whole": stage}},
        "baseline": {"name": "b", "seconds": 2.0, "docs_per_s": 5.0, "kb_per_s": 2.5, "entities": 3,
                     "load_s": 1.0, "peak_rss_mb": 100.0},
        "speed_ratio": 2.0,
        "cold_start": {"seconds": 0.9, "file": "a.txt"},
    }  # fmt: skip
    md = bench.markdown(r)
    assert "| whole | 1.0 | – | 10.0 | 5.0 | 20.0 |" in md and "2.0× wall-clock" in md and "0.9 s" in md


def test_bench_cli_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT)
    out = tmp_path / "b.json"
    r = CliRunner().invoke(
        main,
        ["bench", str(tmp_path), "--baseline-kind", "plain", "--min-docs", "4", "--cold-runs", "1",
         "--no-progress", "--json", str(out)],
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text())
    p = data["pipeline"]
    assert p["docs"] == 4 and p["peak_rss_mb"] > 10
    assert set(p["stages"]) == {"whole", "segment", "extract", "geocode"}
    assert all(v["cpu_seconds"] >= 0 for v in p["stages"].values())
    assert data["baseline"]["name"].startswith("dateparser") and data["baseline"]["docs"] == 4
    assert data["speed_ratio"] is not None and data["speed_ratio"] > 0
    assert "Speed ratio" in r.output
