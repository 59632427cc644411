"""Long documents stay linear (perf, session 9): a one-line report that names the same places thousands of times
took 250 KB 20 s, 500 KB 62 s, 1 MB 181 s, as geocode compared every name of the text with every place candidate.

No timing here: the tests count the Python calls (cProfile's call counts, deterministic) of a document of N and of
4N sentences; linear work gives about 4 times as many, a quadratic step 16 times in its part."""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable
from pathlib import Path

import pytest

from eventcoder.gazetteer.build import build_from_files
from eventcoder.gazetteer.index import Gazetteer
from eventcoder.pipeline import Pipeline
from eventcoder.records import Document, Event
from eventcoder.settings import Settings
from eventcoder.stages.geocode import _SpanIndex, geocode

FIX = Path(__file__).parent / "fixtures" / "gazetteer"
SENTENCE = (
    "A drone struck Tall Hamis near Manbij, Syria, killing 3 fighters, a monitor said on 2 January 2017. "
)


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = tmp_path_factory.mktemp("gz") / "fixture.sqlite3"
    build_from_files(path, [FIX / "places.csv"])
    return Gazetteer.open(path)


def _calls(fn: Callable[[], object]) -> int:
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    return sum(st[1] for st in pstats.Stats(prof).stats.values())  # type: ignore[attr-defined]


def _one_event(text: str) -> Event:
    """One event whose place candidates are every 'Tall Hamis' of the text (one passage: a one-line report)."""
    cands: list[dict[str, object]] = []
    at = text.find("Tall Hamis")
    while at >= 0:
        cands.append({"text": "Tall Hamis", "start": at, "end": at + 10, "relation": "in", "feature": None})
        at = text.find("Tall Hamis", at + 1)
    return Event(location_text="Tall Hamis", context={"country_hint": "SY", "admin1_hint": None, "region_text": None,
                                                      "place_candidates": cands, "passage": [0, len(text)]})  # fmt: skip


def test_geocode_of_a_long_passage_grows_linearly(gaz: Gazetteer) -> None:
    counts = []
    for n in (50, 200):
        text = SENTENCE * n
        doc, ev = Document.from_text(text), _one_event(text)
        geocode(doc, [ev], Settings(), gaz)  # warm caches
        counts.append(_calls(lambda doc=doc, ev=ev: geocode(doc, [ev], Settings(), gaz)))  # type: ignore[misc]
    # quadratic (each of the 4N 'Manbij' against each of the 4N candidates) gave > 16x; linear is <= 4x
    assert counts[1] <= 5 * counts[0], counts


def test_whole_pipeline_on_a_one_line_report_grows_linearly(gaz: Gazetteer) -> None:
    pipe = Pipeline(Settings(), gazetteer=gaz)
    counts, events = [], []
    for n in (50, 200):
        doc = Document.from_text(SENTENCE * n, doc_id=f"long{n}")
        pipe.process(doc)  # warm caches (compiled patterns, gazetteer look-ups)
        counts.append(_calls(lambda doc=doc: events.append(pipe.process(doc))))  # type: ignore[misc]
    assert events[0] and events[1]
    assert counts[1] <= 5 * counts[0], counts


def test_literal_tests_read_a_long_text_a_bounded_number_of_times(
    gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a gated pattern's .match(text, pos) at each of thousands of positions tested its literals on the whole
    # text each time (C-level substring scans, invisible to call counts): the characters tested grew as N^2
    from eventcoder.extraction import _regexbank

    view = _regexbank._view
    read = [0]

    def counting(text: str) -> tuple[str, set[tuple[str, str, str]]]:
        read[0] += len(text)
        return view(text)

    monkeypatch.setattr(_regexbank, "_view", counting)
    pipe = Pipeline(Settings(), gazetteer=gaz)
    counts = []
    for n in (50, 200):
        doc = Document.from_text(SENTENCE * n, doc_id=f"lit{n}")
        pipe.process(doc)  # warm: patterns are read for their literals after a few uses
        read[0] = 0
        pipe.process(Document.from_text(SENTENCE * n, doc_id=f"lit{n}b"))
        counts.append(read[0])
    assert counts[1] <= 5 * counts[0], counts


def test_span_index_answers_as_the_pairwise_check() -> None:
    spans = [(5, 9), (0, 3), (20, 40), (22, 25), (7, 8), (50, 50)]
    index = _SpanIndex(spans)
    for s in range(-2, 60):
        for e in range(s, s + 12):
            assert index.overlaps(s, e) == any(s < b and a < e for a, b in spans), (s, e)
    assert not _SpanIndex([]).overlaps(0, 10)


def test_in_place_line_checks_answer_as_the_slices() -> None:
    """The dateline test runs in place (pos/endpos from the line start, no copy of the line before every date);
    it must answer as the same pattern on the slice would (the check moved to dates.py in session 12)."""
    import re

    from eventcoder.extraction.dates import _DATELINE_HEAD
    from eventcoder.stages.extract import _line_start

    texts = [
        "",
        "\n",
        "MOGADISHU, \nBAGHDAD,  \t\n  KABUL\nsaid\n\n",
        "A\nBC\n\nD",
        "no newline at all, KABUL",
        "(Nairobi, \nPESHAWAR, Pakistan, ",
    ]
    for text in texts:
        for at in range(len(text) + 1):
            start = _line_start(text, at)
            assert start == text.rfind("\n", 0, at) + 1, (text, at)
            assert bool(_DATELINE_HEAD.match(text, start, at)) == bool(
                re.match(_DATELINE_HEAD.pattern, text[start:at])
            ), (
                text,
                at,
            )
