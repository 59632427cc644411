"""Session 10 perf: the nationality pattern as a prefix tree, and back-searches that no longer re-read a text.

Every change here keeps the output identical: the tests compare the fast form with the plain one it replaced, and
the growth tests count Python calls (cProfile, deterministic) for N and 4N inputs instead of timing them."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.extraction import actors
from eventcoder.extraction.actors import _LABELS, _MIL, _POL, _nationality, _trie


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


@settings(max_examples=150, deadline=None)
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
