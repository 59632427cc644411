"""The literal prefilter (extraction/_regexbank.py) must never skip a pattern that matches.

Every pattern that the extractors put behind it (taxonomy cues, targets and weapon details, actor aliases,
casualty rules, date rules) is checked on strings generated from the pattern itself, so a new row in the
data files is covered without touching this file."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from eventcoder.extraction import _regexbank as rb
from eventcoder.extraction import actors, dates, numbers, taxonomy
from eventcoder.extraction._regexbank import Gated, RegexBank, Spans, fold, gate, literals, may_match

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(autouse=True)
def _read_literals_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Patterns are read after a few uses in production (``_DEFER``); here the test is on from the start."""
    monkeypatch.setattr(rb, "_DEFER", 0)


def _example_texts() -> list[str]:
    return [
        p.read_text(encoding="utf-8", errors="replace") for p in sorted(EXAMPLES.iterdir()) if p.is_file()
    ]


def _raw(rx: object) -> re.Pattern[str]:
    return rx.rx if isinstance(rx, Gated) else rx  # type: ignore[return-value]


def _all_patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = [(f"taxonomy {k} {n}", _raw(rx)) for k, n, rx in taxonomy._rows()]
    out += [(f"actor {r.actor}", r.pattern) for r in actors.alias_rows()]
    out += [(f"casualty {n}", _raw(rx)) for n, rx in numbers._cas_patterns().items()]
    out += [(f"date rule {i}", r.regex) for i, r in enumerate(dates._rules())]
    out.append(("nationality", actors._nationality()[0]))
    return out


def test_fold_covers_every_character_ignorecase_matches_to_ascii() -> None:
    # any non-ASCII character that re.IGNORECASE matches to an ASCII character must fold to that character
    any_ascii = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    odd = [
        chr(c)
        for c in range(0x80, sys.maxunicode + 1)
        if not 0xD800 <= c <= 0xDFFF and any_ascii.fullmatch(chr(c))
    ]
    assert odd, "re.IGNORECASE matches some non-ASCII characters to ASCII letters (Kelvin sign, long s, ...)"
    for ch in odd:
        hits = [a for a in map(chr, range(128)) if re.fullmatch(re.escape(a), ch, re.IGNORECASE)]
        assert [fold(ch)] == [h.lower() for h in hits][:1], (hex(ord(ch)), hits, fold(ch))
    assert fold("İSTANBUL ſhot") == "istanbul shot"


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"car bombs?|vbied", re.I, {"car bomb", "vbied"}),
        (r"\bkill(?:ed|ing)\b", 0, {"killed", "killing"}),
        (r"took (\w+ )?hostages?", re.I, {"hostage"}),  # an unknown word breaks the run: no "took  hostage"
        (r"\b(?i:today|tonight|this\s+(?:morning|evening))\b", 0, {"morning", "evening", "oday", "onight"}),
        (r"\d+ killed|wounded", 0, {" killed", "wounded"}),
        (r"(?:a|b)?c", 0, {"c"}),
        (r"\w+", 0, None),
        (r"x*", 0, None),
    ],
)
def test_literals(pattern: str, flags: int, expected: set[str] | None) -> None:
    got = literals(re.compile(pattern, flags))
    assert (set(got) if got is not None else None) == expected


def test_every_pattern_literals_are_in_its_matches_on_the_examples() -> None:
    texts = _example_texts()
    for label, rx in _all_patterns():
        lits = literals(rx)
        if lits is None:
            continue
        for t in texts:
            for m in rx.finditer(t):
                assert any(s in fold(m.group(0)) for s in lits), (label, m.group(0), lits)
            assert may_match(rx, t) or rx.search(t) is None, label


_ROWS = list(taxonomy._rows())
_ALIASES = list(actors.alias_rows())


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
@given(st.data())
def test_every_taxonomy_row_is_reachable_through_the_prefilter(data: st.DataObject) -> None:
    """A text made of any string a taxonomy.csv pattern matches keeps that row a candidate of the bank."""
    i = data.draw(st.integers(0, len(_ROWS) - 1))
    kind, name, rx = _ROWS[i]
    raw = rx.pattern[len(r"(?<![\w])(?:") : -len(r")(?![\w])")]
    try:
        s = data.draw(st.from_regex(re.compile(raw, re.IGNORECASE), fullmatch=True))
    except (InvalidArgument, re.error):
        return  # a construct hypothesis cannot generate from (the example-text test still covers the row)
    text = f"Reports said {s} near the town."
    if not _raw(rx).search(text):
        return  # the word guards refuse it (e.g. it ends in a letter glued to "near"): nothing to reach
    assert i in taxonomy._cue_bank().candidates(text), (kind, name, s)
    assert rx.search(text) is not None, (kind, name, s)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
@given(st.data())
def test_every_actor_alias_is_reachable_through_the_prefilter(data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(_ALIASES) - 1))
    row = _ALIASES[i]
    try:
        text = "On Monday " + data.draw(st.from_regex(row.pattern, fullmatch=False)) + " and others."
    except (InvalidArgument, re.error):
        return  # a construct hypothesis cannot generate from
    if row.pattern.search(text):
        assert i in actors._bank("").candidates(text), (row.actor, text)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
@given(st.data())
def test_casualty_and_date_rules_are_reachable(data: st.DataObject) -> None:
    pats = [(n, _raw(rx)) for n, rx in numbers._cas_patterns().items()] + [
        (f"date {i}", r.regex) for i, r in enumerate(dates._rules())
    ]
    pats = [(n, rx) for n, rx in pats if len(rx.pattern) < 4000]  # generating from the largest is too slow
    label, rx = data.draw(st.sampled_from(pats))
    try:
        text = data.draw(st.from_regex(rx, fullmatch=False))
    except (InvalidArgument, re.error):
        return  # a construct hypothesis cannot generate from (conditional groups)
    if rx.search(text):
        assert may_match(rx, text), (label, text)


def test_gated_pattern_gives_the_same_results() -> None:
    rx = re.compile(r"\b(?P<n>\d+)\s+(?:people|civilians)\s+(?:were\s+)?killed\b", re.IGNORECASE)
    g = gate(rx)
    assert isinstance(g, Gated)
    for t in [*_example_texts(), "5 People were KILLED.", "nothing here", ""]:
        assert [m.span() for m in g.finditer(t)] == [m.span() for m in rx.finditer(t)]
        gm, rm = g.search(t), rx.search(t)
        assert (gm.span() if gm else None) == (rm.span() if rm else None)
        assert g.findall(t) == rx.findall(t)
        assert g.sub("X", t) == rx.sub("X", t)
        assert g.split(t) == rx.split(t)
        assert bool(g.match(t)) == bool(rx.match(t))
    assert g.groupindex == rx.groupindex and g.pattern == rx.pattern
    anything = gate(re.compile(r"\w+"))  # nothing required: always run
    assert anything.search("x") is not None and gate(anything) is anything


def test_literals_are_read_only_after_a_few_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rb, "_DEFER", 2)
    g = gate(re.compile(r"car bomb", re.I))
    assert g._may("nothing") and g._may("nothing")  # not read yet: run it
    assert not g._may("nothing") and g._may("a CAR BOMB")
    bank = RegexBank([re.compile("car bomb"), re.compile("drone")])
    assert bank.candidates("x") == [0, 1] and bank.candidates("x") == [0, 1]
    assert bank.candidates("x") == [] and bank.candidates("a drone") == [1]


def test_bank_candidates_include_every_matching_pattern() -> None:
    pats = [
        re.compile(p, re.I) for p in (r"air ?strikes?", r"\bIED\b", r"kill\w*", r"\d+", r"is", r"qasad|sdf")
    ]
    bank = RegexBank(pats)
    for t in [*_example_texts(), "an airstrike", "SDF fighters", "IED", ""]:
        cands = bank.candidates(t)
        assert cands == sorted(cands)
        assert {i for i, p in enumerate(pats) if p.search(t)} <= set(cands)
    assert 0 not in bank.candidates("nothing to see")


def test_said_blanking_and_attribution_sentence_as_the_plain_patterns() -> None:
    """taxonomy's sentence-wise 'officials said' blanking and sentence-anchored attribution pattern give
    what the plain substitutions over the whole text give."""
    plain_said = _raw(taxonomy._SAID)
    plain_attrib = re.compile(
        _raw(taxonomy._ATTRIB_SENT).pattern.replace("(?<![^.\\n])", "", 1), re.IGNORECASE
    )

    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group(0)) if re.search(r"said|told|say|reported|added|confirmed|according", m.group(0), re.I) else m.group(0)  # fmt: skip

    rng = random.Random(5)
    texts = _example_texts()
    parts = [s for t in texts for s in re.split(r"(?<=[.\n])", t) if s]
    texts += [" ".join(rng.sample(parts, 6)) for _ in range(200)]
    texts += ["Local officials said. The Taliban were blamed\nSources told Reuters, police said."]
    for t in texts:
        assert taxonomy._blank_said(t) == plain_said.sub(blank, t)
        assert taxonomy._ATTRIB_SENT.sub("#", t) == plain_attrib.sub("#", t)


def test_spans_overlap_as_the_linear_test() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        spans, taken = Spans(), []
        for _ in range(rng.randint(1, 30)):
            s = rng.randint(0, 40)
            e = s + rng.choice([0, 0, 1, 2, 3, 5, 9])
            linear = any(s < te and ts < e for ts, te in taken)
            assert spans.overlaps(s, e) == linear
            if not linear:
                spans.add(s, e)
                taken.append((s, e))


def test_view_is_recomputed_for_a_new_text() -> None:
    low, tri = rb._view("Car BOMB")
    assert low == "car bomb" and ("b", "o", "m") in tri
    low2, _ = rb._view("other")
    assert low2 == "other"



def test_without_re_pattern_reader_every_pattern_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """``re._parser`` is private: on a Python without it the module still loads, and its gate lets every
    pattern run, with the same matches."""
    import importlib.util

    monkeypatch.delattr(re, "_parser", raising=False)
    monkeypatch.setitem(sys.modules, "re._parser", None)  # makes ``from re import _parser`` raise ImportError
    spec = importlib.util.spec_from_file_location("_regexbank_copy", rb.__file__)
    assert spec is not None and spec.loader is not None
    copy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(copy)
    assert copy._parser is None
    rx = re.compile(r"car bomb", re.I)
    assert copy.literals(rx) is None
    g = copy.gate(rx)
    assert g._may("nothing") and [m.span() for m in g.finditer("a CAR BOMB")] == [(2, 10)]
    assert copy.RegexBank([rx, re.compile("drone")]).candidates("x") == [0, 1]


def _session8_gated() -> list[tuple[str, re.Pattern[str]]]:
    """The module-level patterns session 8 put behind the gate (numbers 4d18f2a, taxonomy 6bfb4dc, actors
    4dc8fef): each is compared with its plain pattern on text generated from it (review, session 8)."""
    out = [
        (f"numbers {n}", _raw(getattr(numbers, n)))
        for n in ("_NOTHING_WENT_OFF", "_MOTIVE", "_MEMORIAL_OF", "_VEHICLE_PRONOUN", "_NOT_VIOLENT_DEATH")
    ]
    out += [
        (f"taxonomy {n}", _raw(getattr(taxonomy, n)))
        for n in ("_TITLE_TARGET", "_NAMED_TARGET", "_PERSON_TARGET", "_NAMED_VICTIM", "_ARSON_HOME", "_ELITE_VICTIM")
    ]
    out += [(f"generic {r.actor} {i}", r.pattern) for i, r in enumerate(actors._generic_rows())]
    return out


# spellings a writer varies that the patterns may or may not accept: the gate must follow the pattern either way
_VARIANTS = (str, str.upper, str.title, str.swapcase, lambda s: s.replace("'", "\u2019"), lambda s: s.replace("-", " "))


@settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
@given(st.data())
def test_session8_gated_patterns_match_as_the_plain_ones(data: st.DataObject) -> None:
    label, rx = data.draw(st.sampled_from(_session8_gated()))
    try:
        s = data.draw(st.from_regex(rx, fullmatch=False))
    except (InvalidArgument, re.error):
        return  # a construct hypothesis cannot generate from
    variant = data.draw(st.sampled_from(_VARIANTS))
    for text in (s, variant(s), f"Officials said {variant(s)} on Monday."):
        g = gate(rx)
        for _ in range(2):  # _DEFER is 0 here: the literal test is on from the first call
            assert [m.span() for m in g.finditer(text)] == [m.span() for m in rx.finditer(text)], (label, text)
        if rx.search(text):
            lits = literals(rx)
            assert lits is None or any(x in fold(text) for x in lits), (label, text, lits)
