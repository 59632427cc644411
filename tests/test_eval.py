"""eventcoder eval: gold readers, matching, field comparison, metrics, report, CLI (fixtures written here)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from eventcoder.cli import main
from eventcoder.errors import EvalError
from eventcoder.evaluation import gold as gold_mod
from eventcoder.evaluation import metrics, runner
from eventcoder.evaluation.gold import GoldDoc, GoldEvent, read_gold, select, strip_gtd_prefix
from eventcoder.evaluation.match import compare, haversine_km, match
from eventcoder.evaluation.report import write_report
from eventcoder.records import Document, Event

# ------------------------------------------------------------------------------------------ fixtures


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


GTD_ROW = {
    "eventid": "999901010001",
    "iyear": "2021",
    "imonth": "1",
    "iday": "5",
    "country_txt": "Iraq",
    "provstate": "Nineveh",
    "city": "Mosul",
    "latitude": "36.34",
    "longitude": "43.13",
    "specificity": "1",
    "summary": "01/05/2021: Assailants detonated an explosive device in Mosul, Nineveh, Iraq. Two civilians were killed.",
    "attacktype1_txt": "Bombing/Explosion",
    "attacktype2_txt": "",
    "attacktype3_txt": "",
    "weaptype1_txt": "Explosives",
    "targtype1_txt": "Private Citizens & Property",
    "gname": "Islamic State of Iraq and the Levant (ISIL)",
    "gname2": "",
    "gname3": "",
    "nkill": "2",
    "nwound": "-99",
    "claimed": "0",
}

ACLED_ROW = {
    "event_id_cnty": "SOM1",
    "event_date": "2020-05-03",
    "year": "2020",
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "actor1": "Al Shabaab",
    "actor2": "Military Forces of Somalia (2017-)",
    "country": "Somalia",
    "admin1": "Middle Shabelle",
    "location": "Balcad",
    "latitude": "2.3572",
    "longitude": "45.3874",
    "geo_precision": "1",
    "notes": "On 3 May 2020, Al Shabaab clashed with Somali soldiers in Balcad. 4 killed.",
    "fatalities": "4",
}

UCDP_ROW = {
    "id": "42",
    "date_start": "2015-03-01",
    "country": "Syria",
    "adm_1": "Aleppo governorate",
    "where_coordinates": "Manbij town",
    "where_description": "Manbij town",
    "where_prec": "1",
    "latitude": "36.5281",
    "longitude": "37.9549",
    "type_of_violence": "1",
    "side_a": "Government of Syria",
    "side_b": "IS",
    "best": "3",
}


def test_gtd_csv_reader_strips_date_prefix_and_unknown_codes(tmp_path: Path) -> None:
    p = _write_csv(tmp_path / "gtd.csv", [GTD_ROW])
    docs = read_gold(p)
    assert len(docs) == 1
    d = docs[0]
    assert d.doc_id == "gtd:999901010001" and d.source == "gtd"
    assert d.text is not None and d.text.startswith("Assailants detonated")  # "01/05/2021:" gone
    assert d.published == dt.date(2021, 1, 5)
    assert d.notes == ("stripped GTD date prefix",)
    g = d.events[0]
    assert (g.attack_type, g.weapon_type, g.killed, g.wounded, g.claimed) == (
        "Bombing/Explosion",
        "Explosives",
        2,
        None,
        False,
    )
    assert g.actor1_all == ("Islamic State of Iraq and the Levant (ISIL)",)


def test_acled_and_ucdp_csv_readers(tmp_path: Path) -> None:
    a = read_gold(_write_csv(tmp_path / "acled.csv", [ACLED_ROW]))[0]
    assert a.doc_id == "acled:SOM1" and a.events[0].acled_taxonomy == "2019+" and a.events[0].killed == 4
    old = dict(ACLED_ROW, event_type="Battle-No change of territory")
    del old["sub_event_type"]
    assert read_gold(_write_csv(tmp_path / "old.csv", [old]))[0].events[0].acled_taxonomy == "pre-2019"
    u = read_gold(_write_csv(tmp_path / "ucdp.csv", [UCDP_ROW]))[0]
    assert u.text is None and u.place_phrase == "Manbij town" and u.events[0].geo_prec == 1


def test_jsonl_reader_normalized_rows(tmp_path: Path) -> None:
    rows = [
        {"id": "gtd:1", "source": "gtd", "text": "01/02/2021: A bomb exploded.", "date": "2021-01-02", "killed": -9,
         "attack_types": ["Bombing/Explosion", "Armed Assault"], "actor1_all": ["Unknown"], "country": "Iraq"},
        {"id": "acled:x:1", "source": "acled", "acled_taxonomy": "pre-2019", "text": "Protest.", "date": "2015-01-01",
         "event_type": "Riots/Protests", "killed": 0, "country": "India"},
        {"id": "ucdp_ged:5", "source": "ucdp_ged", "text": None, "location": "Aleppo city", "date": "2014-01-01",
         "country": "Syria", "where_prec": 1, "latitude": 36.2, "longitude": 37.15},
    ]  # fmt: skip
    p = tmp_path / "g.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    docs = read_gold(p)
    assert [d.source for d in docs] == ["gtd", "acled", "ucdp"]
    assert docs[0].text == "A bomb exploded." and docs[0].events[0].killed is None
    assert docs[0].events[0].attack_types == ("Bombing/Explosion", "Armed Assault")
    assert docs[2].place_phrase == "Aleppo city"


def test_team_rows_group_by_doc_and_read_path(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("Published: 2017-01-05\nSource-Type: news\n\nBody text here.\n")
    rows = [
        {"id": "a#1", "doc_id": "a", "path": "r.txt", "date": "2017-01-04", "country": "Syria"},
        {"id": "a#2", "doc_id": "a", "date": "2017-01-03"},
        {
            "id": "b#none",
            "doc_id": "b",
            "text": "Nothing happened.",
            "published": "2017-01-01",
            "no_event": True,
        },
    ]
    p = tmp_path / "g.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows))
    docs = read_gold(p)
    assert [d.doc_id for d in docs] == ["a", "b"]
    assert docs[0].text == "Body text here.\n" and docs[0].published == dt.date(2017, 1, 5)
    assert docs[0].source_type == "news" and len(docs[0].events) == 2
    assert docs[1].events == ()


def test_reader_errors_are_one_line_and_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(EvalError, match=r"x\.csv: cannot tell the gold format"):
        read_gold(bad)
    j = tmp_path / "y.jsonl"
    j.write_text('{"id": 1}\nnot json\n')
    with pytest.raises(EvalError, match=r"y\.jsonl:2: not valid JSON"):
        read_gold(j)
    with pytest.raises(EvalError, match="not found"):
        read_gold(tmp_path / "missing.csv")


@given(st.integers(1, 12), st.integers(1, 28), st.integers(1970, 2030), st.text(min_size=1, max_size=40))
def test_strip_gtd_prefix_property(m: int, d: int, y: int, body: str) -> None:
    text, stripped = strip_gtd_prefix(f"{m:02d}/{d:02d}/{y}: {body}")
    assert stripped and text == body.lstrip()
    assert strip_gtd_prefix(body.replace("/", "")) == (body.replace("/", ""), False) or "/" in body


def test_select_country_limit_and_seed() -> None:
    docs = [
        GoldDoc(f"d{i}", "t", None, "gtd", (), country=c)
        for i, c in enumerate(["Iraq", "Syria", "Iraq", "Nigeria", "Iraq"])
    ]
    assert [d.doc_id for d in select(docs, countries=["IQ"])] == ["d0", "d2", "d4"]
    assert [d.doc_id for d in select(docs, countries=["Syria", "NG"])] == ["d1", "d3"]
    assert len(select(docs, limit=2)) == 2 and select(docs, limit=2)[0].doc_id == "d0"
    a, b = select(docs, limit=3, seed=7), select(docs, limit=3, seed=7)
    assert [d.doc_id for d in a] == [d.doc_id for d in b]


# ------------------------------------------------------------------------------------------ matching


def _g(
    date: str = "2021-01-05", lat: float | None = 36.34, lon: float | None = 43.13, **kw: Any
) -> GoldEvent:
    return GoldEvent(gold_id=kw.pop("gold_id", "g"), source=kw.pop("source", "gtd"),
                     event_date=dt.date.fromisoformat(date), latitude=lat, longitude=lon, **kw)  # fmt: skip


def _p(
    date: str | None = "2021-01-05", lat: float | None = 36.34, lon: float | None = 43.13, **kw: Any
) -> Event:
    return Event(event_date=date, latitude=lat, longitude=lon, **kw)


def test_haversine_known_distance() -> None:
    # Baghdad -> Mosul is about 340 km.
    assert 330 < haversine_km(33.3152, 44.3661, 36.34, 43.13) < 360
    assert haversine_km(1.0, 1.0, 1.0, 1.0) == 0.0


def test_match_rules() -> None:
    g = [_g()]
    assert match(g, [_p()])[0].kind == "geo"
    assert match(g, [_p(date="2021-01-06")])[0].days == 1
    assert match(g, [_p(date="2021-01-07")]) == []  # two days off
    assert match(g, [_p(date=None)]) == []  # no date, no match
    assert match(g, [_p(lat=None, lon=None)])[0].kind == "nogeo"
    far = match(g, [_p(lat=33.3, lon=44.4)])[0]
    assert far.kind == "far" and far.km is not None and far.km > 25
    # one-to-one: the closer prediction wins, the other stays unmatched
    pairs = match(g, [_p(lat=36.5, lon=43.13), _p()])
    assert len(pairs) == 1 and pairs[0].pred == 1
    # two golds, two preds, crossed order
    g2 = [_g(gold_id="a"), _g(date="2021-01-09", gold_id="b")]
    pairs = match(g2, [_p(date="2021-01-09"), _p()])
    assert [(p.gold, p.pred) for p in pairs] == [(0, 1), (1, 0)]


def test_compare_fields() -> None:
    g = _g(country="Iraq", admin1="Ninawa", attack_type="Bombing/Explosion", attack_types=("Bombing/Explosion",),
           weapon_type="Explosives", target_type="Police", actor1="Khorasan Chapter of the Islamic State",
           actor1_all=("Khorasan Chapter of the Islamic State",), killed=10, wounded=None, claimed=True)  # fmt: skip
    p = _p(iso="IQ", admin1="Nineveh", sub_event_type="Suicide bomb", weapon_type="Explosives", target_type="Military",
           actor1="Islamic State", killed=11, claimed=False, context={"responsibility_claimed": True})  # fmt: skip
    r = compare(g, p, 0.0, 0)  # GTD claimed = responsibility claimed (context), not SCHEMA's claimed
    assert r["country"] and r["admin1"] and r["acc1"] and r["actor1"] and r["claimed"]
    assert r["attack_type"] and r["_attack_mapped"]  # taken from the sub-event map
    assert r["weapon_type"] and not r["target_type"]
    assert not r["killed_exact"] and r["killed_10pct"]
    assert r["wounded_null"] == ("null", "null") and "wounded_exact" not in r
    # GTD "Unknown" perpetrator: right when we name nobody or an unidentified group
    gu = _g(actor1="Unknown", actor1_all=("Unknown",))
    assert compare(gu, _p(actor1="Unidentified Armed Group (Iraq)"), 0.0, 0)["actor1"]
    assert not compare(gu, _p(actor1="Taliban"), 0.0, 0)["actor1"]


def test_compare_acled_taxonomies_and_null_fatalities() -> None:
    new = _g(
        source="acled", event_type="Battles", sub_event_type="Armed clash", acled_taxonomy="2019+", killed=0
    )
    p = _p(event_type="Battles", sub_event_type="Government regains territory")
    r = compare(new, p, 0.0, 0)
    assert r["event_type"] and not r["sub_event_type"] and r["killed_exact"]  # ACLED: null fatalities = 0
    old = _g(source="acled", event_type="Remote violence", acled_taxonomy="pre-2019")
    r = compare(old, _p(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike"), 0.0, 0)
    assert r["event_type_pre2019"] and "sub_event_type" not in r and "event_type" not in r
    r = compare(old, _p(event_type="Battles", sub_event_type="Armed clash"), 0.0, 0)
    assert not r["event_type_pre2019"]


# ------------------------------------------------------------------------------------------ run + metrics


class FakePipeline:
    """Returns canned events per document id (so metrics can be checked by hand)."""

    def __init__(self, answers: dict[str, list[Event]], fail: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        self.answers = answers
        self.fail = fail

    def process(self, doc: Document) -> list[Event]:
        if doc.doc_id in self.fail:
            raise ValueError("boom")
        return [e.replace(doc_ids=(doc.doc_id,)) for e in self.answers.get(doc.doc_id, [])]


def _docs() -> list[GoldDoc]:
    g1 = _g(gold_id="d1", country="Iraq", killed=2)
    g2 = _g(gold_id="d2", country="Iraq", killed=0, lat=33.3, lon=44.4)
    g3 = _g(gold_id="d3", country="Syria", killed=1)
    return [
        GoldDoc(g.gold_id, "text " + g.gold_id, g.event_date, "gtd", (g,), country=g.country)
        for g in (g1, g2, g3)
    ]


def test_run_and_summarize_by_hand() -> None:
    answers = {
        "d1": [_p(iso="IQ", killed=2), _p(date="2021-03-01")],  # right + one spurious
        "d2": [_p(iso="IQ", killed=0)],  # 340 km away: far
    }
    res = runner.run(_docs(), FakePipeline(answers, fail={"d3"}), progress=False)
    s = metrics.summarize(res)
    assert s["n_pred_events"] == 3 and s["n_gold_events"] == 3
    ev = s["events"]
    assert ev["matched"] == 1 and ev["recall"] == pytest.approx(1 / 3, abs=1e-3)
    assert ev["precision"] == pytest.approx(1 / 3, abs=1e-3) and ev["matched_date_only"] == 2
    assert s["fields"]["killed_exact"]["acc"] == 1.0 and s["fields"]["killed_exact"]["n"] == 2
    assert s["fields"]["acc25"] == {"acc": 0.5, "correct": 1, "n": 2}
    assert s["pipeline_errors"] == {"ValueError": 1}
    assert s["error_categories"]["missed: no event extracted"] == 1
    assert s["error_categories"]["extra event (no gold match)"] == 2  # the spurious one + the far one
    assert s["by_country"]["IQ"]["recall"] == 0.5
    worst = metrics.worst_errors(res)
    assert worst[0]["gold_id"] == "d3" and worst[0]["errors"] == ["missed: no event extracted"]


def test_report_files(tmp_path: Path) -> None:
    res = runner.run(
        _docs(), FakePipeline({"d1": [_p(iso="IQ", killed=2, evidence={"killed": [0, 4]})]}), progress=False
    )
    s = metrics.summarize(res)
    files = write_report(tmp_path / "rep", s, metrics.worst_errors(res), res, "t")
    names = sorted(f.name for f in files)
    assert names == sorted(
        [
            "report.json",
            "report.md",
            "worst_errors.jsonl",
            "error_distance.png",
            "type_confusion.png",
            "recall_by_country.png",
        ]
    )
    for f in files:
        assert f.stat().st_size > 100
        if f.suffix == ".png":
            assert f.read_bytes()[:4] == b"\x89PNG"
    md = (tmp_path / "rep" / "report.md").read_text()
    assert "| recall (date ±1 d, ≤ 25 km) | 33.3 %" in md
    data = json.loads((tmp_path / "rep" / "report.json").read_text())
    assert data["summary"]["events"]["matched"] == 1


def test_ucdp_geocode_only_passes_phrase_and_country(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_geocode(doc: Document, events: list[Event], settings: Any, gaz: Any) -> list[Event]:
        seen["ctx"] = dict(events[0].context)
        return [events[0].replace(latitude=36.53, longitude=37.95, iso="SY")]

    from eventcoder.stages import geocode as geocode_stage

    monkeypatch.setattr(geocode_stage, "geocode", fake_geocode)

    class P:
        settings = None
        gazetteer = None

    g = _g(gold_id="u", source="ucdp", lat=36.5281, lon=37.9549, country="Syria", geo_prec=1)
    doc = GoldDoc("u", None, g.event_date, "ucdp", (g,), country="Syria", place_phrase="Manbij town")
    res = runner.run([doc], P(), progress=False)
    assert seen["ctx"]["country_hint"] == "SY"
    assert seen["ctx"]["place_candidates"][0]["text"] == "Manbij"
    assert seen["ctx"]["place_candidates"][0].get("feature") == "town"
    s = metrics.summarize(res)
    assert s["events"]["recall"] == 1.0 and s["fields"]["acc25"]["acc"] == 1.0


# ------------------------------------------------------------------------------------------ CLI


def test_cli_eval_on_team_jsonl(tmp_path: Path) -> None:
    rows = [
        {"id": "t#1", "doc_id": "t", "text": "Nothing to see.", "published": "2021-01-01", "no_event": True}
    ]
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps(rows[0]) + "\n")
    r = CliRunner().invoke(main, ["eval", "--gold", str(p), "--no-progress", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["n_docs"] == 1


def test_cli_eval_bad_gold_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n")
    r = CliRunner().invoke(main, ["eval", "--gold", str(bad), "--no-progress"])
    assert r.exit_code == 1
    assert "cannot tell the gold format" in r.output and "Traceback" not in r.output


def test_gold_module_formats_constant() -> None:
    assert gold_mod.FORMATS == ("gtd", "acled", "ucdp", "jsonl")


_ev = st.tuples(st.integers(0, 6), st.one_of(st.none(), st.floats(-0.5, 0.5)), st.floats(-0.5, 0.5))


@given(st.lists(_ev, max_size=5), st.lists(_ev, max_size=6))
def test_match_is_one_to_one_and_respects_rules(golds: list[Any], preds: list[Any]) -> None:
    base = dt.date(2021, 1, 1)
    g = [
        _g(date=(base + dt.timedelta(days=d)).isoformat(), lat=36 + (a or 0), lon=43 + b, gold_id=f"g{i}")
        for i, (d, a, b) in enumerate(golds)
    ]
    p = [
        _p(
            date=(base + dt.timedelta(days=d)).isoformat(),
            lat=None if a is None else 36 + a,
            lon=None if a is None else 43 + b,
        )
        for d, a, b in preds
    ]
    pairs = match(g, p)
    assert len({x.gold for x in pairs}) == len(pairs) == len({x.pred for x in pairs})
    for x in pairs:
        assert x.days is not None and x.days <= 1
        assert (x.kind == "nogeo") == (x.km is None)
        assert x.kind != "geo" or (x.km is not None and x.km <= 25)
    # maximality: no admissible pair of a free gold and a free prediction is left over
    free_g = set(range(len(g))) - {x.gold for x in pairs}
    free_p = set(range(len(p))) - {x.pred for x in pairs}
    assert not match([g[i] for i in free_g], [p[j] for j in free_p])


def test_gtd_xlsx_reader_matches_csv(tmp_path: Path) -> None:
    import pandas as pd

    row = {k: (int(v) if k in ("eventid", "iyear", "imonth", "iday", "nkill", "nwound", "claimed") else v)
           for k, v in GTD_ROW.items()}  # fmt: skip
    xlsx = tmp_path / "gtd.xlsx"
    pd.DataFrame([row]).to_excel(xlsx, index=False)
    from_xlsx = read_gold(xlsx)[0]
    from_csv = read_gold(_write_csv(tmp_path / "gtd.csv", [GTD_ROW]))[0]
    assert from_xlsx.doc_id == from_csv.doc_id == "gtd:999901010001"
    assert from_xlsx.text == from_csv.text and from_xlsx.events[0] == from_csv.events[0]


def test_gtd_unknown_province_is_not_gold(tmp_path: Path) -> None:
    row = dict(GTD_ROW, provstate="Unknown", city="Unknown")
    g = read_gold(_write_csv(tmp_path / "gtd.csv", [row]))[0].events[0]
    assert g.admin1 is None and g.location is None


def test_ucdp_description_is_context_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The UCDP target is the location phrase given its country: where_description (a geo gold field)
    reaches the geocoder only with --ucdp-description."""
    from eventcoder.evaluation import runner

    row = dict(UCDP_ROW, where_description="Manbij town, north-east of Aleppo city")
    doc = read_gold(_write_csv(tmp_path / "ucdp.csv", [row]))[0]
    seen: list[str] = []

    class Stop(Exception):
        pass

    def spy(text: str, **kw: object) -> None:
        seen.append(text)
        raise Stop

    monkeypatch.setattr(runner.Document, "from_text", spy)
    for flag in (False, True):
        with pytest.raises(Stop):
            runner.geocode_only(doc, pipeline=None, with_description=flag)
    assert seen == ["Manbij town", "Manbij town\nManbij town, north-east of Aleppo city"]
