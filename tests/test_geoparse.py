"""`eventcoder geoparse`: oracle spans resolved as given, otherwise toponyms found first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.gazetteer.build import build_from_files
from eventcoder.gazetteer.index import Gazetteer
from eventcoder.gazetteer.resolve import Resolver
from eventcoder.gazetteer.toponyms import find_toponyms, geoparse_record

FIX = Path(__file__).parent / "fixtures" / "gazetteer"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gz") / "fixture.sqlite3"
    build_from_files(path, [FIX / "places.csv"])
    return path


def test_find_toponyms_skips_people_and_sentence_starts(index: Path) -> None:
    g = Gazetteer.open(index)
    text = "The army said on Monday that fighters near Tall Hamis and in Mosul, Iraq, were killed. Chatham said so."
    got = [text[s["start"] : s["end"]] for s in find_toponyms(text, g)]
    assert got == ["Tall Hamis", "Mosul", "Iraq", "Chatham"]


def test_oracle_spans_use_context_of_other_places(index: Path) -> None:
    res = Resolver(Gazetteer.open(index))
    text = "Springfield is a city near Chatham in Sangamon County, Illinois."
    rec = geoparse_record({"id": "x", "text": text, "toponyms": [{"start": 0, "end": 11}]}, res)
    [t] = rec["toponyms"]
    assert t["name"] == "Springfield" and t["admin1"] == "Illinois" and t["country"] == "US"
    text2 = "Springfield is the county seat of Greene County, Missouri."
    [t2] = geoparse_record({"id": "y", "text": text2, "toponyms": [{"start": 0, "end": 11}]}, res)["toponyms"]
    assert t2["admin1"] == "Missouri"


def test_geoparse_cli(index: Path, tmp_path: Path) -> None:
    inp = tmp_path / "in.jsonl"
    inp.write_text(
        json.dumps({"id": 1, "text": "Shelling in Manbij and near Qaryat Zzyzx."}) + "\n"
        + json.dumps({"id": 2, "text": "Mosul and Tal Afar.", "toponyms": [{"start": 10, "end": 18}]}) + "\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(main, ["geoparse", str(inp), "--index", str(index)])
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.output.splitlines()]
    assert [t["name"] for t in lines[0]["toponyms"]] == ["Manbij"]
    [t] = lines[1]["toponyms"]
    assert (t["start"], t["end"], t["gazetteer_id"], t["country"]) == (10, 18, "geonames:90393", "IQ")
    assert set(t) >= {"start", "end", "name", "latitude", "longitude", "country", "admin1", "feature", "gazetteer_id"}
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    r2 = CliRunner().invoke(main, ["geoparse", str(bad), "--index", str(index)])
    assert r2.exit_code != 0 and "bad.jsonl: line 1" in r2.output
