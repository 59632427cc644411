"""UCDP place phrases -> place candidates (evaluation/runner.phrase_candidates)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventcoder.evaluation.runner import phrase_candidates


def _texts(phrase: str, known: set[str] | None = None) -> list[tuple[str, str, str | None]]:
    look = None if known is None else (lambda n: n in known)
    out = []
    for c in phrase_candidates(phrase, look):
        assert phrase[c["start"] : c["end"]] == c["text"]  # offsets point at the name in the phrase
        out.append((c["text"], c["relation"], c.get("feature")))
    return out


def test_feature_word_is_not_part_of_the_name() -> None:
    assert _texts("Manbij town") == [("Manbij", "in", "town")]
    assert _texts("Chassana village - Mahore sub-district")[0] == ("Chassana", "in", "village")


def test_parenthesised_name_follows_the_outer_one() -> None:
    got = [t for t, _, _ in _texts("Markaz Wolluswali Dahi (Dara-i-Suf) town")]
    assert got == ["Markaz Wolluswali Dahi", "Dara-i-Suf"]


def test_construct_state_reads_the_place_it_belongs_to_only_when_the_whole_name_is_missing() -> None:
    assert _texts("Mashrafet Falita village", {"Falita"}) == [
        ("Mashrafet Falita", "in", "village"),
        ("Falita", "near", None),
    ]
    # the whole name is listed: nothing added
    assert _texts("Mashrafet Falita village", {"Falita", "Mashrafet Falita"}) == [
        ("Mashrafet Falita", "in", "village")
    ]
    # the rest is listed nowhere either, or no gazetteer to ask: nothing added
    assert _texts("Hawijat Saqr island", set()) == [("Hawijat Saqr", "in", "island")]
    assert _texts("Mashrafet Falita village") == [("Mashrafet Falita", "in", "village")]
    # not a construct noun (no -et/-at ending)
    assert _texts("Tall Bazzam", {"Bazzam"}) == [("Tall Bazzam", "in", None)]


def test_slash_gives_both_spellings_unless_the_whole_is_listed() -> None:
    assert _texts("Tadmur/Palmyra town", set()) == [("Tadmur", "in", "town"), ("Palmyra", "in", "town")]
    assert _texts("Tadmur/Palmyra town", {"Tadmur/Palmyra"}) == [("Tadmur/Palmyra", "in", "town")]
    assert [t for t, _, _ in _texts("Husn castle / Krac des Chevaliers")] == [
        "Husn castle",
        "Krac des Chevaliers",
    ]


@given(st.text(alphabet=st.sampled_from("abc XY/-,()"), max_size=30))
def test_any_phrase_gives_valid_spans(phrase: str) -> None:
    for c in phrase_candidates(phrase, lambda n: len(n) % 2 == 0):
        assert 0 <= c["start"] <= c["end"] <= len(phrase)
        assert c["text"].strip()
        assert c["text"] not in phrase or phrase[c["start"] : c["end"]] == c["text"]
