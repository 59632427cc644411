"""Session 11 perf: taxonomy's target and weapon-detail tables ask the cue bank once per text which rows may match,
instead of each row testing its own literals; geocode's display names skip the Unicode fold for ASCII.

Both keep the output identical: the tests count the work (row gate tests) rather than time it, and compare the fast
paths with the plain forms they short-cut."""

from __future__ import annotations

import unicodedata

import pytest

from eventcoder.extraction import _regexbank, taxonomy
from eventcoder.stages.geocode import _MARKS, plain

# our own words: one target word (a school) and one weapon detail, nothing else of the tables
_TEXT = "Unknown attackers threw a petrol bomb at a secondary school on Sunday night, witnesses said."


@pytest.fixture
def gate_tests(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The patterns whose own literal test ran (one entry per test)."""
    seen: list[str] = []
    orig = _regexbank.Gated._may

    def counting(self: _regexbank.Gated, text: str) -> bool:
        seen.append(self.pattern)
        return orig(self, text)

    monkeypatch.setattr(_regexbank.Gated, "_may", counting)
    return seen


def _warm() -> None:
    for _ in range(_regexbank._DEFER + 2):  # past the bank's first calls, which return every row
        taxonomy._cue_bank().candidates(_TEXT)


def test_target_rows_are_asked_once_per_text(gate_tests: list[str]) -> None:
    _warm()
    target_rows = {rx.pattern for kind, _n, rx in taxonomy._rows() if kind == "target"}
    assert len(target_rows) > 10
    found = taxonomy.target_type_for(_TEXT)
    assert found is not None and found[0] == "Educational Institution"
    tested = [p for p in gate_tests if p in target_rows]
    # before: every target row ran its own literal test on the text (one per row); now only the rows the bank
    # keeps run at all
    assert len(tested) <= 3, len(tested)


def test_detail_rows_are_asked_once_per_text(gate_tests: list[str]) -> None:
    _warm()
    detail_rows = {rx.pattern for kind, _n, rx in taxonomy._rows() if kind == "detail"}
    assert len(detail_rows) > 5
    taxonomy._detail(_TEXT, False, 0)
    assert len([p for p in gate_tests if p in detail_rows]) <= 3


def test_rows_in_keeps_every_row_that_matches() -> None:
    _warm()
    texts = [
        _TEXT,
        "Police officers at a checkpoint were shot dead by gunmen who fled on motorbikes.",
        "A roadside device struck an army convoy; two soldiers died and a bus driver was hurt.",
        "Militants kidnapped aid workers and burned a church, a mosque and the governor's residence.",
    ]
    for text in texts:
        for kind in ("cue", "target", "detail"):
            kept = taxonomy._rows_in(text, kind)
            matching = [row for row in taxonomy._rows() if row[0] == kind and row[2].search(text)]
            assert [r for r in kept if r in matching] == matching  # same rows, same order


def _plain_fold(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).translate(_MARKS)


@pytest.mark.parametrize(
    "name", ["Kabul", "Ma'rib", "Sa’dah", "Ḩalab", "Çanakkale", "al-Ḩasakah", "Dar es Salaam", "", "Zé’ev"]
)
def test_plain_fast_path_is_the_fold(name: str) -> None:
    assert plain(name) == (_plain_fold(name) if name else name)
    assert plain(None) is None


def test_weather_nouns_are_behind_their_literal_test() -> None:
    # classify reads every passage for a weather noun; almost none has "storm" or "blizzard", so the pattern (a long
    # alternation tried at each position) runs only where one of them occurs
    rx = taxonomy._WEATHER_SUBJECT
    assert isinstance(rx, _regexbank.Gated)
    assert _regexbank.literals(rx) is not None
    for _ in range(_regexbank._DEFER + 2):
        rx.search("x")
    assert rx._may("Rebels shelled the market at dawn.") is False
    for text in ("A severe storm killed five near the coast.", "Gunmen storm a hotel", "The blizzard cut roads. Storms"):
        assert [m.span(1) for m in rx.finditer(text)] == [m.span(1) for m in rx.rx.finditer(text)]
