"""The merge rule, session 10 (defect D19b): a stated revision of the toll, and a named perpetrator."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.records import Document, Event
from eventcoder.stages import dedupe as D
from eventcoder.stages.store import Store

FIRST = ("KUNDUZ (Example Wire) — A suicide bomber blew himself up inside a Shiite mosque in the northern Afghan "
         "city of Kunduz during Friday prayers, killing at least 46 worshippers and wounding dozens, a Taliban "
         "spokesman said.")
LATER = ("KABUL (Example Wire) — The death toll from Friday's suicide bombing at a Shiite mosque in the northern "
         "city of Kunduz has risen to 72, a Taliban official said Wednesday, as families continued to bury their "
         "dead.\n\nInitially officials said 46 people were killed. More than 140 people were wounded in the blast, "
         "which tore through the Gozar-e-Sayed Abad mosque during Friday prayers.\n\nThe Islamic State group's "
         "affiliate in Afghanistan claimed responsibility, saying the bomber was a Uyghur Muslim.")
UAG = "Unidentified Armed Group (Afghanistan)"
ISK = "Islamic State (Khorasan)"


@pytest.fixture(autouse=True)
def _shipped_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(D.MODEL_ENV, "shipped")


def _span(text: str, phrase: str) -> list[int]:
    start = text.index(phrase)
    return [start, start + len(phrase)]


def report(eid: str, text: str, killed_phrase: str, killed: int, *, actor1: str | None = UAG,
           source: str = "Wire A", qualifier: str = "at_least", wounded: int | None = None,
           source_type: str = "news", claimed: bool = False) -> Event:
    return Event(
        event_id=eid, event_date="2021-10-08", time_precision=1, country="Afghanistan", iso="AF", admin1="Kunduz",
        location="Kunduz", latitude=36.72895, longitude=68.857, geo_precision=1,
        event_type="Explosions/Remote violence", sub_event_type="Suicide bomb", actor1=actor1, actor1_text=actor1,
        actor2="Civilians (Afghanistan)", killed=killed, wounded=wounded, casualty_qualifier=qualifier,
        source=source, source_type=source_type, claimed=claimed,
        notes=f"On 8 October 2021, {actor1 or 'an unknown actor'} carried out a suicide bombing in Kunduz.",
        evidence={"killed": _span(text, killed_phrase), "actor1": [0, 5]}, doc_ids=(f"d-{eid}",), confidence=0.9,
    )


def kunduz(first_actor: str | None = UAG, later_actor: str | None = UAG) -> tuple[list[Event], dict[str, str]]:
    a = report("a", FIRST, "killing at least 46 worshippers", 47, actor1=first_actor)
    b = report("b", LATER, "death toll from Friday's suicide bombing at a Shiite mosque in the northern city of "
               "Kunduz has risen to 72", 72, actor1=later_actor, source="Wire B", qualifier="exact", wounded=140)
    return [a, b], {"d-a": FIRST, "d-b": LATER}


def test_stated_revision_replaces_the_earlier_lower_count() -> None:
    events, texts = kunduz()
    for order in (events, events[::-1]):
        m = D.merge_events(order, texts)
        assert m.killed == 72 and m.casualty_qualifier == "exact"
        assert m.context["figures_from"]["killed"] == "d-b"
        rows = {r["doc_id"]: r for r in m.context["sources"]}
        assert rows["d-a"]["killed"] == 47 and rows["d-b"]["killed"] == 72  # both reports' own figures stay
        assert rows["d-b"]["killed_revised"] is True and "killed_revised" not in rows["d-a"]
        assert "Sources differ on fatalities: 47 (Wire A), 72 (Wire B, revised toll)." in m.notes
        assert m.wounded == 140


def test_revision_survives_a_second_merge() -> None:
    events, texts = kunduz()
    first = D.merge_events(events, texts)
    third = report("c", "Officials said 50 people were killed.", "50 people were killed", 50, source="Wire C")
    m = D.merge_events([first, third], {"d-c": "Officials said 50 people were killed."})
    assert m.killed == 72


def test_without_a_stated_revision_the_lowest_figure_stays() -> None:
    a = report("a", FIRST, "killing at least 46 worshippers", 47)
    text = "Officials said 72 people were killed in the bombing."
    b = report("b", text, "72 people were killed", 72, source="Wire B")
    assert D.merge_events([a, b], {"d-a": FIRST, "d-b": text}).killed == 47
    assert D.merge_events([a, b]).killed == 47  # no texts: nothing read as a revision


def test_a_claims_revision_does_not_beat_independent_sources() -> None:
    a = report("a", FIRST, "killing at least 46 worshippers", 47)
    text = "The death toll of the martyrdom operation has risen to 120, the group said."
    c = report("c", text, "death toll of the martyrdom operation has risen to 120", 120, source="Amaq",
               source_type="claim", claimed=True)
    m = D.merge_events([a, c], {"d-a": FIRST, "d-c": text})
    assert m.killed == 47 and m.claimed is False


def test_named_perpetrator_replaces_an_unidentified_one() -> None:
    events, texts = kunduz(first_actor=UAG, later_actor=ISK)
    for order in (events, events[::-1]):
        m = D.merge_events(order, texts)
        assert m.actor1 == ISK and m.actor1_text == ISK
        assert UAG not in m.notes
        rows = {r["doc_id"]: r for r in m.context["sources"]}
        assert rows["d-a"]["actor1"] == UAG and rows["d-b"]["actor1"] == ISK  # each report's own actor stays
        assert m.context["figures_from"]["actor1"] == "d-b"


def test_a_named_lead_perpetrator_is_kept() -> None:
    events, texts = kunduz(first_actor="Taliban", later_actor=ISK)
    m = D.merge_events(events, texts)
    assert m.actor1 in ("Taliban", ISK)
    assert D.merge_events(events[::-1], texts).actor1 == m.actor1  # the order of the reports does not matter


def test_the_named_actor_is_never_the_other_side() -> None:
    events, texts = kunduz(first_actor=UAG, later_actor="Taliban")
    events[0] = events[0].replace(actor2="Taliban")
    m = D.merge_events(events, texts)
    assert not (m.actor1 == m.actor2 == "Taliban")


def test_store_dedupe_reads_the_revision_from_the_document(tmp_path: Path) -> None:
    events, texts = kunduz(first_actor=UAG, later_actor=ISK)
    with Store(tmp_path / "k.duckdb") as store:
        for e in events:
            assert store.add_document(Document.from_text(texts[e.doc_ids[0]], doc_id=e.doc_ids[0], source=e.source),
                                      [e])
        D.ensure_merges_table(store)
        merged = D._write_merges(store, [(events, 0.9)], "t", texts=texts)
        assert merged[0].killed == 72 and merged[0].actor1 == ISK
        got = [e for e in store.iter_events() if e.event_id == merged[0].event_id]
        assert got and got[0].killed == 72
