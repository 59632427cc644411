"""Quality gate: team gold set vs pinned floors (tests/gold/baseline.json); dev-data sample when present."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.cli.eval_cmds import evaluate
from eventcoder.errors import EvalError
from eventcoder.evaluation import gate

GOLD = Path(__file__).parent / "gold" / "gold.jsonl"
BASELINE = GOLD.parent / "baseline.json"
DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev"


def test_gold_set_digest_matches_baseline() -> None:
    assert gate.load(BASELINE)["gold_digest"] == gate.gold_digest(GOLD), (
        "tests/gold changed: run `eventcoder eval --gold tests/gold/gold.jsonl --update-baseline`"
    )


def test_quality_gate_floors_hold() -> None:
    summary, _, _ = evaluate(GOLD)
    problems = gate.check(summary, gate.load(BASELINE), gate.gold_digest(GOLD))
    assert not problems, "\n".join(problems)


def _summary(f1: float, date: float) -> dict[str, object]:
    return {
        "n_gold_events": 3,
        "events": {"recall": f1, "precision": f1, "f1": f1},
        "fields": {"date_pm1": {"acc": date, "correct": 1, "n": 1}},
    }


def test_gate_check_update_and_refuse_lower(tmp_path: Path) -> None:
    b = tmp_path / "baseline.json"
    gate.update(b, _summary(0.8, 0.9), "abc")
    data = gate.load(b)
    assert data["floors"] == {
        "events.f1": 0.8,
        "events.precision": 0.8,
        "events.recall": 0.8,
        "fields.date_pm1": 0.9,
    }
    assert gate.check(_summary(0.8, 0.9), data, "abc") == []
    problems = gate.check(_summary(0.7, 0.95), data, "xyz")
    assert any("digest" in p for p in problems) and any(
        p.startswith("events.f1: 0.7000 < floor") for p in problems
    )
    with pytest.raises(EvalError, match="refusing to lower floors.*events.f1 0.800->0.700"):
        gate.update(b, _summary(0.7, 0.95), "abc")
    assert gate.load(b)["floors"]["events.f1"] == 0.8  # unchanged
    info = gate.update(b, _summary(0.7, 0.95), "abc", allow_lower=True)
    assert "events.f1" in info["lowered"] and gate.load(b)["floors"]["fields.date_pm1"] == 0.95
    # floors round down, so a rerun of the same figures never fails
    gate.update(b, _summary(0.71239, 0.95), "abc")
    assert gate.load(b)["floors"]["events.f1"] == 0.712


def test_digest_covers_referenced_documents(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("one")
    g = tmp_path / "g.jsonl"
    g.write_text(json.dumps({"id": "a", "path": "doc.txt", "no_event": True}) + "\n")
    d1 = gate.gold_digest(g)
    (tmp_path / "doc.txt").write_text("two")
    assert gate.gold_digest(g) != d1


def test_cli_update_baseline_refuses_lower(tmp_path: Path) -> None:
    (tmp_path / "tests" / "gold").mkdir(parents=True)
    (tmp_path / "examples").symlink_to(GOLD.parents[2] / "examples")  # gold rows point to ../../examples/
    gold = tmp_path / "tests" / "gold" / "gold.jsonl"
    shutil.copy(GOLD, gold)
    base = gold.parent / "baseline.json"
    floors = {k: 1.0 for k in gate.load(BASELINE)["floors"]}
    base.write_text(json.dumps({"gold_digest": gate.gold_digest(gold), "floors": floors}))
    r = CliRunner().invoke(main, ["eval", "--gold", str(gold), "--no-progress", "--update-baseline"])
    if any(v < 1.0 for v in gate.current_figures(evaluate(gold)[0]).values()):
        assert r.exit_code == 1 and "refusing to lower floors" in r.output
        r = CliRunner().invoke(main, ["eval", "--gold", str(gold), "--no-progress", "--check"])
        assert r.exit_code == 1 and "< floor" in r.output
    r = CliRunner().invoke(
        main, ["eval", "--gold", str(gold), "--no-progress", "--update-baseline", "--allow-lower"]
    )
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["eval", "--gold", str(gold), "--no-progress", "--check"])
    assert r.exit_code == 0 and "all floors hold" in r.output


@pytest.mark.devdata
@pytest.mark.parametrize(
    ("name", "floors"),
    [
        # small seeded samples keep the suite fast; floors are sanity checks, the full figures are in docs/accuracy.md
        ("gtd.jsonl", {"events.recall_date_only": 0.8, "fields.date_pm1": 0.8, "fields.country": 0.5}),
        ("acled.jsonl", {"events.recall_date_only": 0.3}),
        ("ucdp_ged.jsonl", {"fields.country": 0.9, "fields.acc161": 0.3}),
    ],
)
def test_devdata_sample(name: str, floors: dict[str, float]) -> None:
    path = DEV / name
    if not path.exists():
        pytest.skip(f"{path} absent (dev data is only on the team machine)")
    summary, worst, _ = evaluate(path, limit=40, seed=5)
    assert summary["n_docs"] == 40 and not summary["pipeline_errors"], summary["pipeline_error_examples"]
    for key, floor in floors.items():
        section, field = key.split(".")
        value = summary[section][field]["acc"] if section == "fields" else summary[section][field]
        assert value is not None and value >= floor, (key, value)
    assert all(w["text"] for w in worst)
