"""Session 8 speed work on extraction: every shortcut gives what the plain computation gives.

Each test computes the same thing the slow way (every pattern run, nothing cached) and compares. The whole
documents are compared field by field in tests/test_golden.py and tests/test_proxy_roundup.py; these tests pin
the pieces (docs/benchmarks.md, "Session 8: extraction speed").
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.extraction import _regexbank, places
from eventcoder.extraction.actors import _builtin_rows, contains_slur, find_actors, slur_patterns
from eventcoder.extraction.dates import find_dates
from eventcoder.extraction.places import _actor_name, _actor_patterns

# words the alias table knows (slurs, group names, forces) mixed with words it does not
_ALIAS_WORDS = sorted({w for r in _builtin_rows() for w in r.pattern.pattern.replace("(", " ").split() if w.isalpha()})
WORDS = st.sampled_from(
    _ALIAS_WORDS[:400] + ["Rafidi", "Crusader", "apostates", "Daesh", "army", "the", "in", "Mosul", "killed", "İ", "ſ"]
)
PHRASES = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(PHRASES)
def test_contains_slur_is_any_slur_pattern(text: str) -> None:
    assert contains_slur(text) == any(p.search(text) for p in slur_patterns())


def test_contains_slur_on_known_phrases() -> None:
    assert contains_slur("the Rafidi army") and contains_slur("NUSAYRI regime")
    assert not contains_slur("the Iraqi army") and not contains_slur("") and not contains_slur(None)


@settings(max_examples=300, deadline=None)
@given(PHRASES)
def test_actor_name_is_any_whole_name_match(name: str) -> None:
    for _ in range(_regexbank._DEFER + 1):  # past the bank's first uses, when its literal test starts
        got = _actor_name(name)
    assert got == any(rx.fullmatch(name) for rx in _actor_patterns())


def test_short_names_leave_the_passage_views_alone() -> None:
    passage = "Gunmen attacked an army post near Mosul, killing two soldiers."
    _regexbank._view(passage)
    before = list(_regexbank._views)
    bank = places._actor_bank()
    for _ in range(_regexbank._DEFER + 1):
        bank.candidates("warm-up", keep=False)
    for name in ("Harakat al-Shabaab", "MINUSMA", "Kolofata", "Islamic State") * 5:
        bank.candidates(name, keep=False)
    assert list(_regexbank._views) == before  # no name among the texts kept, none pushed out


@settings(max_examples=200, deadline=None)
@given(PHRASES)
def test_keep_false_gives_the_same_candidates(text: str) -> None:
    bank = _regexbank.RegexBank([r.pattern for r in _builtin_rows()])
    for _ in range(_regexbank._DEFER + 1):
        bank.candidates(text)
    assert bank.candidates(text, keep=False) == bank.candidates(text, keep=True)


def test_find_actors_is_the_same_at_any_offset_and_a_fresh_list() -> None:
    text = "Islamic State fighters attacked the Iraqi army near Tal Afar; Daesh claimed it."
    a = find_actors(text, "IQ")
    b = find_actors(text, "IQ", 100)
    assert a and [dataclasses.replace(m, start=m.start + 100, end=m.end + 100) for m in a] == b
    a.clear()
    assert find_actors(text, "IQ") == [dataclasses.replace(m, start=m.start - 100, end=m.end - 100) for m in b]
    assert find_actors(text, "IQ") is not find_actors(text, "IQ")


def test_find_actors_follows_the_country() -> None:
    # region-scoped rows are read per country: the cache is keyed by it (review: the test compared a call with
    # itself and could not fail; now the same text is read for two countries in turn, each after the other)
    text = "the Hashd shelled the town"
    for _ in range(2):
        assert [m.actor for m in find_actors(text, "IQ")] == ["Popular Mobilization Forces"]
        assert find_actors(text, "NG") == []
        assert [m.actor for m in find_actors(text, None)] == ["Popular Mobilization Forces"]


def test_find_actors_follows_the_user_alias_files(tmp_path, monkeypatch) -> None:
    # the same text before and after EVENTCODER_ALIASES names a file with a new group: never the old reading
    text = "Zorgan Brigade fighters attacked the army"
    before = [m.actor for m in find_actors(text, "IQ")]
    assert "Zorgan Brigade" not in before
    aliases = tmp_path / "aliases.csv"
    aliases.write_text(
        "pattern,actor,role,regions,is_slur,target_type,inter,notes\n"
        "zorgan brigade,Zorgan Brigade,perpetrator,*,0,,2,test\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EVENTCODER_ALIASES", str(aliases))
    assert "Zorgan Brigade" in [m.actor for m in find_actors(text, "IQ")]
    monkeypatch.delenv("EVENTCODER_ALIASES")
    assert [m.actor for m in find_actors(text, "IQ")] == before


def test_find_dates_follows_the_published_date() -> None:
    # a weekday is read against the publication date: two dates never share a cached reading
    text = "Gunmen attacked a checkpoint on Monday."
    for _ in range(2):
        assert [d.date for d in find_dates(text, dt.date(2021, 3, 4))] == [dt.date(2021, 3, 1)]
        assert [d.date for d in find_dates(text, dt.date(2021, 3, 11))] == [dt.date(2021, 3, 8)]
        assert [d.date for d in find_dates(text, None)] == [None]


def test_find_dates_returns_a_fresh_list() -> None:
    text = "On 3 March 2021 gunmen attacked a post; two days later, on March 5, 2021, another."
    day = dt.date(2021, 3, 9)
    first = find_dates(text, day)
    assert [d.date for d in first] == [dt.date(2021, 3, 3), dt.date(2021, 3, 5)]
    first.pop()
    assert len(find_dates(text, day)) == 2 and find_dates(text, day) is not find_dates(text, day)
    assert [d.date for d in find_dates(text, None)] == [dt.date(2021, 3, 3), dt.date(2021, 3, 5)]
