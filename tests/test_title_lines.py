"""segment's title line and headlines' one-line document share the word limit and differ in their endings.

``segment._is_title`` skips or dates a story by a line alone above it; ``headlines.is_headline`` says whether a
whole document is one headline. Inside a report a line ending "?", "!", ":" or a closing quote is a question,
an exclamation or quotation of the story, or the heading a roundup's list hangs from; a document that is one
such line is still a headline (segment.py, ``_is_title``'s docstring). These tests pin where the two agree and
where they differ, so that a change to either is a decision, not a drift.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcoder.extraction.headlines import MAX_WORDS, is_headline
from eventcoder.stages.segment import _is_title, _Unit


def title(line: str) -> bool:
    """The line as the first line of a two-line report."""
    text = f"{line}\nGunmen killed two soldiers in Kunduz on Monday, officials said."
    return _is_title(text, _Unit(0, len(line), 0, None, "plain"))


@pytest.mark.parametrize(
    "line",
    ["Taliban behind Kabul attack?", "Gunmen storm hotel!", "Wilayat Raqqah:", 'Militants kill 5 in "revenge"',
     "Militants kill 5 in “revenge”"],  # fmt: skip
)
def test_endings_a_headline_takes_and_a_title_line_does_not(line: str) -> None:
    assert is_headline(line) and not title(line)


@pytest.mark.parametrize("line", ["Boko Haram beheads woodcutters...", "Boko Haram beheads woodcutters.."])
def test_an_ellipsis_ends_a_headline_but_not_a_title_line(line: str) -> None:
    assert is_headline(line) and not title(line)


WORD = st.sampled_from(["Gunmen", "kill", "two", "soldiers", "in", "Kunduz", "Boko", "Haram", "attack", "base"])


@given(st.lists(WORD, min_size=1, max_size=MAX_WORDS + 4), st.sampled_from(["", ".", " "]))
def test_same_word_limit_and_full_stop(words: list[str], end: str) -> None:
    line = " ".join(words) + end
    assert title(line) == is_headline(line) == (end != "." and len(words) <= MAX_WORDS)


def test_a_title_line_must_stand_alone() -> None:
    text = "Gunmen kill two soldiers in Kunduz and more words follow on the same line"
    assert not _is_title(text, _Unit(0, 20, 0, None, "plain"))
