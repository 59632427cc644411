"""Session 10 perf: the nationality pattern as a prefix tree, and back-searches that no longer re-read a text.

Every change here keeps the output identical: the tests compare the fast form with the plain one it replaced, and
the growth test counts Python calls (cProfile) and the characters searched for N and 4N inputs instead of timing them."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_long_documents import _calls  # Python calls made (cProfile)

from eventcoder.extraction import _regexbank, actors, numbers
from eventcoder.extraction._regexbank import find_after, rfind_before
from eventcoder.extraction.actors import _LABELS, _MIL, _POL, _nationality, _trie
from eventcoder.extraction.numbers import _said_elsewhere


def _plain(words: list[str]) -> re.Pattern[str]:
    """The session-9 form: every word, longest first."""
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-])(?P<adj>{alt})\s+{_LABELS}?(?:(?P<pol>{_POL})|(?P<mil>{_MIL}))(?![\w-])", re.I
    )


def _found(rx: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str, str | None, str | None]]:
    return [(m.span(), m.group("adj"), m.group("pol"), m.group("mil")) for m in rx.finditer(text)]


def test_trie_is_a_prefix_tree_of_the_words() -> None:
    assert _trie(["niger", "nigerian", "nigeria"]) == "niger(?:ia(?:n)?)?"
    assert re.fullmatch(_trie(["a.b", "a"]), "a.b") and not re.fullmatch(_trie(["a.b"]), "axb")
    assert _trie([]) == ""


def test_no_two_branches_start_with_letters_ignorecase_takes_as_one() -> None:
    # the tree matches as the longest-first alternation only if one letter of a text enters at most one branch
    letters = sorted({ch for w in _nationality()[1] for ch in w})
    for i, a in enumerate(letters):
        for b in letters[i + 1 :]:
            assert not re.fullmatch(re.escape(a), b, re.I), (a, b)


def test_nationality_pattern_matches_as_the_longest_first_alternation() -> None:
    rx, rows = _nationality()
    plain = _plain(list(rows))
    forces = ["army", "Police officers", "murtadd  troops", "Air Force", "policing"]
    texts = []
    for w in rows:
        for f in forces:
            for v in (w, w.upper(), w.title(), w + "n", w[:-1], "New " + w, w + "-" + w, "x" + w):
                texts.append(f"{v} {f}")
    big = ". ".join(texts)
    assert _found(rx, big) == _found(plain, big)
    assert len(_found(rx, big)) > 4 * len(rows)  # the texts do name forces


_WORDS = st.lists(
    st.text(alphabet="abnigeré’ -.", min_size=1, max_size=7), min_size=1, max_size=12, unique=True
)


@settings(max_examples=80, deadline=None)
@given(words=_WORDS, parts=st.lists(st.sampled_from(["army", "police", "Nige", "niger", "ab", " ", "-", "É", "é",
                                                      "e ", "murtadd", "."]), max_size=14))  # fmt: skip
def test_trie_matches_as_the_alternation_on_any_words(words: list[str], parts: list[str]) -> None:
    words = [w.lower() for w in words]
    tree = re.compile(
        rf"(?<![\w-])(?P<adj>{_trie(words)})\s+{_LABELS}?(?:(?P<pol>{_POL})|(?P<mil>{_MIL}))(?![\w-])", re.I
    )
    text = " ".join(parts + [w + " army" for w in words[:3]])
    assert _found(tree, text) == _found(_plain(words), text)


def test_mentions_still_read_nationality_forces() -> None:
    found = actors.find_actors("Five Egyptian soldiers and the Pakistan Air Force; New Mexico police")
    assert [(m.text, m.actor) for m in found][:2] == [
        ("Egyptian soldiers", "Military Forces of Egypt"),
        ("Pakistan Air Force", "Military Forces of Pakistan"),
    ]


# ------------------------------------------------------------------------- back-searches


_MARK_TEXT = st.text(alphabet=". ;\nab", max_size=40)


@settings(max_examples=150, deadline=None)
@given(text=_MARK_TEXT, at=st.integers(-3, 45), near=st.integers(0, 5))
def test_rfind_before_and_find_after_answer_as_str(text: str, at: int, near: int) -> None:
    old = _regexbank._NEAR
    _regexbank._NEAR = near  # a small window, so that the index answers too
    try:
        for mark in (". ", ";", ".", ".\n", "\n"):
            assert rfind_before(text, mark, at) == text.rfind(mark, 0, at), (mark, at)
            assert find_after(text, mark, at) == text.find(mark, at), (mark, at)
    finally:
        _regexbank._NEAR = old


def test_a_mark_that_can_overlap_itself_is_refused() -> None:
    with pytest.raises(ValueError, match="overlap"):
        _regexbank._mark_positions("aaaa", "aa")


_PIECES = [
    "killed",
    "kill",
    "dead",
    "deadline",
    "hurt",
    "wounded",
    "x",
    "_",
    " ",
    ".",
    "é",
    "1",
    "lives",
    "ñ",
]


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(st.sampled_from(_PIECES), max_size=12),
    cut=st.tuples(st.integers(0, 60), st.integers(0, 12)),
)
def test_said_elsewhere_answers_as_the_text_without_the_match(parts: list[str], cut: tuple[int, int]) -> None:
    text = "".join(parts)
    s = min(cut[0], len(text))
    e = min(s + cut[1], len(text))
    found: dict[str, list[int]] = {}
    for kind in ("killed", "wounded"):
        want = bool(numbers._FIELD_WORDS[kind].search(text[:s] + " " + text[e:]))
        assert _said_elsewhere(text, kind, s, e, found) == want, (text, kind, s, e)


class _CountingSearch:
    """A compiled pattern that counts the characters its searches are given."""

    def __init__(self, rx: re.Pattern[str], read: list[int]) -> None:
        self.rx, self.read = rx, read

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        self.read[0] += min(endpos, len(text)) - pos
        return self.rx.search(text, pos, endpos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        self.read[0] += len(text)
        return self.rx.finditer(text)


# one passage without a full stop: each casualty rule that looks back to the start of its sentence, and the zero
# rule that asks whether the rest of the passage names the field, read the whole passage per match before
_LONG = (
    "Gunmen captured two spies and executed them; the driver, Mendoza, was unharmed, and two suicide bombers blew "
    "themselves up near a Humvee, destroying it, and relatives of a boy who had been kidnapped protested, "
)


def test_casualty_back_searches_grow_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    read, indexed, asked = [0], [0], [0]
    for kind, rx in list(numbers._FIELD_WORDS.items()):
        monkeypatch.setitem(numbers._FIELD_WORDS, kind, _CountingSearch(rx, read))
    positions = _regexbank._mark_positions.__wrapped__

    @functools.lru_cache(maxsize=16)
    def counting_positions(text: str, mark: str) -> list[int]:
        indexed[0] += len(text)
        return positions(text, mark)

    def counting_rfind(text: str, mark: str, at: int) -> int:
        asked[0] += 1
        return rfind_before(text, mark, at)

    monkeypatch.setattr(_regexbank, "_mark_positions", counting_positions)
    monkeypatch.setattr(numbers, "rfind_before", counting_rfind)
    numbers.find_casualties(_LONG * 5)  # warm: compiled patterns
    calls, chars, index, found = [], [], [], []
    for n in (20, 80):
        read[0] = indexed[0] = asked[0] = 0
        calls.append(_calls(lambda n=n: found.append(numbers.find_casualties(_LONG * n))))  # type: ignore[misc]
        chars.append(read[0])
        index.append(indexed[0])
        assert (
            asked[0] >= n
        )  # the sentence starts are found through the index (str.rfind read back to the start)
    assert found[0].killed is not None and found[1].killed is not None
    assert calls[1] <= 5 * calls[0], calls
    # the zero rule searched the passage without its match once per match: 16x for 4x the text
    assert 0 < chars[1] <= 5 * chars[0], chars
    assert 0 < index[1] <= 5 * index[0], index
