"""`eventcoder train`: fit the dedupe scorer on the user's own gold; the stage uses the model it writes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.errors import ConfigError, EvalError
from eventcoder.evaluation.dedup_gold import read_training_gold
from eventcoder.stages import dedupe as D
from eventcoder.stages.store import Store

# Team-written fixture (no licensed text): incidents in a few towns over a fortnight, each told by a dated
# summary and one or two terse headlines published on the day or a day or two later. Several incidents share
# a country and a week, so blocking lets through both same-incident and different-incident pairs.
TOWNS = [("Mogadishu", "Somalia"), ("Kismayo", "Somalia"), ("Maiduguri", "Nigeria"), ("Kano", "Nigeria"),
         ("Mosul", "Iraq"), ("Kirkuk", "Iraq")]
WEAPONS = [("car bomb", "exploded near"), ("roadside bomb", "struck"), ("gunmen", "opened fire on")]
TARGETS = ["a market", "a police station", "an army convoy", "a checkpoint"]


def _cluster_rows(n: int = 24) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    start = dt.date(2021, 3, 1)
    for k in range(n):
        town, country = TOWNS[k % len(TOWNS)]
        weapon, verb = WEAPONS[k % len(WEAPONS)]
        target = TARGETS[(k // 2) % len(TARGETS)]
        day = start + dt.timedelta(days=(k * 5) % 14)
        killed, wounded = 2 + (k * 7) % 19, 1 + (k * 5) % 23
        inc = f"inc{k}"
        rows.append({"id": f"{inc}-s", "cluster": inc, "published": day.isoformat(), "source": "Summary",
                     "text": f"{day:%m/%d/%Y}: A {weapon} {verb} {target} in {town}, {country}. {killed} people were "
                             f"killed and {wounded} others were wounded."})
        for h in range(1 + k % 2):
            pub = day + dt.timedelta(days=h + k % 2)
            rows.append({"id": f"{inc}-h{h}", "cluster": inc, "published": pub.isoformat(), "source": f"Wire {h}",
                         "source_type": "news", "text": f"{weapon.capitalize()} kills {killed} at {target.split()[-1]} "
                                                         f"in {town}"})
    return rows


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    return _write_jsonl(tmp_path / "clusters.jsonl", _cluster_rows())


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("EVENTCODER_HOME", str(home))
    monkeypatch.delenv(D.MODEL_ENV, raising=False)
    return home


def _pair() -> tuple[D._Feat, D._Feat]:
    from eventcoder.records import Event

    a = Event(event_id="a", event_date="2021-03-02", country="Somalia", location="Mogadishu", geo_precision=1,
              event_type="Explosions/Remote violence", killed=5, notes="A car bomb exploded near a market in Mogadishu.",
              doc_ids=("da",))
    b = Event(event_id="b", event_date="2021-03-03", country="Somalia", event_type="Explosions/Remote violence",
              killed=5, notes="Car bomb kills 5 at market in Mogadishu", doc_ids=("db",),
              context={"date_basis": "publication"})
    return D._features(a), D._features(b)


def test_train_writes_a_model_that_changes_the_scores(gold_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "m" / "model.json"
    res = CliRunner().invoke(main, ["train", "--gold", str(gold_file), "--raw", "--out", str(out)])
    assert res.exit_code == 0, res.output
    model = json.loads(out.read_text())
    assert model["format"] == D.MODEL_FORMAT and model["gold"]["sha256"]
    assert model["training"]["same_incident_pairs"] > 0 and model["training"]["pairs_used"] > model["training"]["same_incident_pairs"]
    assert 0 < model["threshold"] < 1 and {"bias", "text"} <= set(model["log_odds"])
    shipped = D.DedupeConfig.default(model="shipped")
    trained = D.DedupeConfig.default(model=out)
    assert shipped.model == "shipped" and trained.model == str(out)
    assert trained.log_odds == model["log_odds"] and trained.log_odds != shipped.log_odds
    a, b = _pair()
    assert D.log_odds_score(a, b, 0.6, trained) != pytest.approx(D.log_odds_score(a, b, 0.6, shipped), abs=1e-3)
    # the fit reads the evidence the right way round on its own data: a shared figure and shared words help
    assert trained.log_odds["text"] > 0
    assert model["features"] == D.MODEL_FEATURES  # the evidence set it was fitted on


def test_a_model_fitted_on_an_older_evidence_set_loads_and_says_to_retrain(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A model file written before the evidence set was versioned (no "features") lacks states added since
    (group_differs, series_*): it still scores (they weigh 0) but the user is told, once, to retrain."""
    old = tmp_path / "old_model.json"
    table = {k: v for k, v in D.DedupeConfig.default(model="shipped").log_odds.items()
             if k not in ("group_differs", "series_one")}
    old.write_text(json.dumps({"format": D.MODEL_FORMAT, "version": 1, "log_odds": table, "threshold": 0.5}))
    cfg = D.DedupeConfig.default(model=old)
    err = capsys.readouterr().err
    assert cfg.log_odds == table and "old_model.json" in err and "retrain" in err and err.count("\n") == 1
    D.DedupeConfig.default(model=old)
    assert capsys.readouterr().err == ""  # once per file
    current = tmp_path / "current.json"
    current.write_text(json.dumps({"format": D.MODEL_FORMAT, "features": D.MODEL_FEATURES, "log_odds": table}))
    D.DedupeConfig.default(model=current)
    assert capsys.readouterr().err == ""


def test_stage_finds_the_trained_model_in_home_and_says_so(gold_file: Path, _isolated_home: Path,
                                                           monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert D.DedupeConfig.default().model == "shipped"  # nothing trained yet
    res = CliRunner().invoke(main, ["train", "--gold", str(gold_file), "--raw", "--half", "0"])
    assert res.exit_code == 0, res.output
    path = _isolated_home / D.MODEL_FILE
    assert path.is_file() and json.loads(path.read_text())["gold"]["half"] == 0
    assert D.DedupeConfig.default().model == str(path)
    db = tmp_path / "s.duckdb"
    Store(db).close()
    res = CliRunner().invoke(main, ["dedupe", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert f"trained model {path}" in res.output
    with Store(db) as store:
        assert D.dedupe_store(store)["model"] == str(path)
    res = CliRunner().invoke(main, ["dedupe", "--db", str(db), "--dedupe-model", "shipped"])
    assert res.exit_code == 0 and "shipped table" in res.output
    monkeypatch.setenv(D.MODEL_ENV, "shipped")
    assert D.DedupeConfig.default().model == "shipped"


def test_gtd_layout_with_citations_is_read(tmp_path: Path) -> None:
    recs = [{"id": "gtd:1", "date": "2021-03-02", "text": "03/02/2021: A car bomb exploded in Mogadishu, Somalia.",
             "source_citations": ['"Car bomb kills 5 in Mogadishu," Example Wire, March 3, 2021.',
                                  '"Blast in Somali capital," Demo Press, March 2, 2021.']},
            {"id": "gtd:2", "date": "2021-03-02", "text": "03/02/2021: Gunmen attacked a convoy in Mosul, Iraq.",
             "source_citations": []}]
    items, stats = read_training_gold(_write_jsonl(tmp_path / "gtd.jsonl", recs))
    assert stats["format"] == "gtd" and stats["gold_pairs"] == 3 and len(items) == 4
    assert {i.cluster for i in items if i.doc.doc_id.startswith("gtd:1")} == {"gtd:1"}


@pytest.mark.parametrize(("content", "needle"), [
    ("", "no records, nothing to train on"),
    ('{"id": 1, "text": "x"\n', ":1: not JSON"),
    # a line cut inside a string: json's reason with its column, not 'Invalid control character' (the line end)
    ('{"id": 1, "text": "x", "cluster": "c"}\n{"id": 2, "text": "cut\n', ":2: not JSON (Unterminated string starting at column 19)"),
    ('{"foo": 1}\n', "cannot tell what to train on"),
    ('{"id": "a", "text": "Bomb in Kano", "cluster": "c1"}\n{"id": "b", "text": "Raid in Mosul", "cluster": "c2"}\n',
     "no incident is told by two or more documents"),
    ('{"id": "a", "text": "Bomb in Kano", "cluster": "c1"}\n{"id": "b", "cluster": "c1"}\n', "lacks 'id', 'text' or 'cluster'"),
])
def test_bad_gold_files_give_one_clear_error(tmp_path: Path, content: str, needle: str) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(EvalError, match="bad.jsonl"):
        read_training_gold(bad)
    res = CliRunner().invoke(main, ["train", "--gold", str(bad), "--raw"])
    assert res.exit_code != 0 and needle in res.output and "bad.jsonl" in res.output
    assert "Traceback" not in res.output


def test_gold_line_not_utf8_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "x", "cluster": "c"}\n{"id": "b", "text": "caf\xe9", "cluster": "c"}\n')
    res = CliRunner().invoke(main, ["train", "--gold", str(bad), "--raw"])
    assert res.exit_code != 0 and "bad.jsonl:2: not UTF-8" in res.output and "Traceback" not in res.output


def test_missing_gold_and_missing_or_broken_model(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["train", "--gold", str(tmp_path / "nope.jsonl")])
    assert res.exit_code != 0 and "gold file not found" in res.output
    with pytest.raises(ConfigError, match="no such dedupe model"):
        D.DedupeConfig.default(model=tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "something else"}')
    with pytest.raises(ConfigError, match="not an eventcoder dedupe model"):
        D.DedupeConfig.default(model=broken)
    db = tmp_path / "s.duckdb"
    Store(db).close()
    res = CliRunner().invoke(main, ["dedupe", "--db", str(db), "--dedupe-model", str(broken)])
    assert res.exit_code != 0 and "broken.json" in res.output


def test_no_candidate_pairs_with_both_labels(tmp_path: Path) -> None:
    rows = [{"id": "a", "cluster": "c", "published": "2021-03-01", "text": "03/01/2021: A bomb exploded in Kano, Nigeria."},
            {"id": "b", "cluster": "c", "published": "2021-03-01", "text": "Bomb kills 3 in Kano"}]
    res = CliRunner().invoke(main, ["train", "--gold", str(_write_jsonl(tmp_path / "one.jsonl", rows)), "--raw"])
    assert res.exit_code != 0 and "both same-incident and different-incident pairs" in res.output


def test_pair_kinds_and_peer_pairs_option(gold_file: Path, tmp_path: Path) -> None:
    a, b = _pair()
    assert D._states(a, b, D.DedupeConfig.default())[-1] == "kind_report"  # a stated incident + a headline
    assert D._states(a, a, D.DedupeConfig.default())[-1] == "kind_peer"
    out = tmp_path / "np.json"
    res = CliRunner().invoke(main, ["train", "--gold", str(gold_file), "--raw", "--no-peer-pairs", "--out", str(out)])
    assert res.exit_code == 0, res.output
    model = json.loads(out.read_text())
    assert "peer" not in model["training"]["pair_kinds"] and "kind_peer" not in model["log_odds"]
    assert model["peer_threshold"] == max(D.DedupeConfig.default(model="shipped").peer_threshold, model["threshold"])
    # a per-kind text slope is learned and used: the trained score moves with it
    trained = D.DedupeConfig.default(model=out)
    assert "text_report" in trained.log_odds
    bumped = D.DedupeConfig.default(model=out, log_odds={**trained.log_odds, "text_report": trained.log_odds["text_report"] + 1})
    assert D.log_odds_score(a, b, 0.5, bumped) > D.log_odds_score(a, b, 0.5, trained)


def test_native_gtd_csv_with_scite_columns(tmp_path: Path) -> None:
    import csv

    path = tmp_path / "gtd_export.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["eventid", "iyear", "imonth", "iday", "country_txt", "summary",
                                           "scite1", "scite2", "scite3"])
        w.writeheader()
        w.writerow({"eventid": "202103020001", "iyear": 2021, "imonth": 3, "iday": 2, "country_txt": "Somalia",
                    "summary": "03/02/2021: A car bomb exploded near a market in Mogadishu, Somalia.",
                    "scite1": '"Car bomb kills 5 in Mogadishu," Example Wire, March 3, 2021.',
                    "scite2": '"Blast hits Somali capital," Demo Press, March 2, 2021.', "scite3": ""})
        w.writerow({"eventid": "202103020002", "iyear": 2021, "imonth": 3, "iday": 2, "country_txt": "Iraq",
                    "summary": "03/02/2021: Gunmen attacked a convoy in Mosul, Iraq.", "scite1": "", "scite2": "",
                    "scite3": ""})
    items, stats = read_training_gold(path)
    assert stats["format"] == "gtd" and stats["documents"] == 4 and stats["gold_pairs"] == 3
    by_id = {i.doc.doc_id: i for i in items}
    assert by_id["gtd:202103020001#summary"].doc.published == dt.date(2021, 3, 2)
    assert by_id["gtd:202103020001#cit0"].cluster == "gtd:202103020001"
    assert by_id["gtd:202103020001#cit0"].doc.source == "Example Wire"


GTD_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "dev" / "gtd.jsonl"


@pytest.mark.slow
@pytest.mark.devdata
@pytest.mark.skipif("'slow' not in (config.getoption('-m') or '')",
                    reason="slow (about 3.5 min): select with -m 'slow and devdata'")
def test_model_trained_on_half_0_beats_the_shipped_table_on_held_out_half_1(tmp_path: Path) -> None:
    """docs/dedup.md fourth pass: held-out half 1, pipeline path, shipped 0.690 -> trained on half 0 0.705 (about
    3 min; session 6: 0.722 -> 0.732; session 7: 0.749 -> 0.753; session 8: 0.766 -> 0.769). The shipped table is hand-set, so the trained model's lead shrinks as the shipped evidence improves
    (third pass: 0.634 -> 0.692; session 8's outlet and side-of-country states took most of what was left of it); a
    trained model must still beat it, and the shipped table must stay above 0.72 (session 8: 0.766)."""
    if not GTD_DEV.exists():
        pytest.skip("needs ../shared/data/dev/gtd.jsonl")
    from eventcoder.evaluation.dedup_gold import evaluate_pipeline, gold_half

    out = tmp_path / "m.json"
    res = CliRunner().invoke(main, ["train", "--gold", str(GTD_DEV), "--half", "0", "--out", str(out)])
    assert res.exit_code == 0, res.output
    items, _ = read_training_gold(GTD_DEV)
    h1 = gold_half(items, 1)
    cache = str(tmp_path / "h1.pkl")
    shipped = evaluate_pipeline(h1, cache=cache, model="shipped")["pairwise_f1"]
    trained = evaluate_pipeline(h1, cache=cache, model=str(out))["pairwise_f1"]
    assert shipped >= 0.72 and trained > shipped, (shipped, trained)


def test_train_chooses_the_linking_settings_on_the_users_gold(gold_file: Path, tmp_path: Path) -> None:
    """Session 6: besides the table and threshold, `eventcoder train` tries the linking settings (headline-to-
    headline threshold, reject margin, distinctive-overlap weight, tie-breaks) on the user's gold and keeps a
    value only where it scores better there; the dedupe stage then uses what the model file says."""
    from eventcoder.evaluation.dedup_gold import LINK_GRIDS

    out = tmp_path / "m.json"
    res = CliRunner().invoke(main, ["train", "--gold", str(gold_file), "--raw", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "linking settings:" in res.output
    model = json.loads(out.read_text())
    grid = model["training"]["grid_pairwise_f1"]
    for key, values in LINK_GRIDS:
        assert all(f"{key}={list(v) if isinstance(v, tuple) else v}" in grid for v in values), key
        if key in model:  # chosen: it beat the shipped value on this gold
            shipped = getattr(D.DedupeConfig.default(model="shipped"), key)
            shown = list(shipped) if isinstance(shipped, tuple) else shipped
            assert grid[f"{key}={model[key]}"] > grid[f"{key}={shown}"]
    assert model["training"]["train_pairwise_f1"] >= max(v for k, v in grid.items() if k.startswith("threshold="))
    # a model file's linking settings reach the stage's config; bad ones are one clear error
    custom = tmp_path / "custom.json"
    custom.write_text(json.dumps({**model, "published_threshold": 0.5, "reject_margin": 0.0, "distinct_weight": 1.5,
                                  "tie_break": ["days"]}))
    cfg = D.DedupeConfig.default(model=custom)
    assert (cfg.published_threshold, cfg.reject_margin, cfg.distinct_weight, cfg.tie_break) == (0.5, 0.0, 1.5, ("days",))
    for bad, needle in (({"tie_break": ["coin"]}, "tie_break"), ({"distinct_weight": -1}, "distinct_weight"),
                        ({"reject_margin": 2}, "reject_margin")):
        broken = tmp_path / f"bad_{needle}.json"
        broken.write_text(json.dumps({**model, **bad}))
        with pytest.raises(ConfigError, match=needle):
            D.DedupeConfig.default(model=broken)
