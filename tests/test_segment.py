"""segment: incident passages, inherited dates and headings, no over-splitting of news."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.records import Document
from eventcoder.settings import Settings
from eventcoder.stages.segment import segment

ROUNDUP = """Weekly summary of operations

Wilayat Raqqah:
On the 3rd of Rajab, soldiers of the Khilafah attacked a position of the PKK near the village of Tall Abyad, killing 3 of them.
Meanwhile, they destroyed a vehicle of the PKK with an explosive device near Ayn Issa.

Iraq

Salahuddin Wilayah:
On the 4th of Rajab, the mujahidin clashed with the Rafidi army near Baiji. This was followed by the shelling of their positions in the same area with mortar rounds.

Somalia:
An element of the apostate militia was killed in Bosaso.

Praise be to Allah.
"""


def _doc(text: str, **kw: object) -> Document:
    return Document.from_text(text, published="2017-04-05", **kw)  # type: ignore[arg-type]


def test_roundup_passages_headings_and_continuations() -> None:
    doc = _doc(ROUNDUP, source_type="claim")
    ps = segment(doc, Settings())
    assert [p.text[:12] for p in ps] == [
        "On the 3rd o",
        "Meanwhile, t",
        "On the 4th o",
        "This was fol",
        "An element o",
    ]
    for p in ps:
        assert doc.text[p.start : p.end] == p.text
    assert [p.region_text for p in ps] == [
        "Wilayat Raqqah",
        "Wilayat Raqqah",
        "Salahuddin Wilayah",
        "Salahuddin Wilayah",
        "Somalia",
    ]
    assert ps[1].parent_index == 0 and ps[3].parent_index == 2
    assert ps[0].parent_index is None and ps[4].parent_index is None
    # continuations inherit the parent's date phrase, with its span into the document
    assert ps[1].date_text == "the 3rd of Rajab"
    assert (
        ps[1].date_span is not None
        and doc.text[ps[1].date_span[0] : ps[1].date_span[1]] == "the 3rd of Rajab"
    )
    assert ps[3].date_text == "the 4th of Rajab"
    assert ps[0].date_text is None  # it states its own date
    # title and closing formula are not incidents
    assert not any("Praise" in p.text or "Weekly summary" in p.text for p in ps)


def test_roundup_detected_without_source_type() -> None:
    ps = segment(_doc(ROUNDUP), Settings())
    assert len(ps) == 5


def test_news_article_is_one_incident() -> None:
    text = (
        "Bomb kills four in market\n\n"
        "KABUL, May 3 (Wire) - A bomb exploded in a crowded market in Kabul on Tuesday, killing four people.\n\n"
        "Police said the device was hidden in a cart. Meanwhile, hospital officials said 12 people were wounded.\n\n"
        "No group claimed the attack. Taliban fighters have carried out many bombings in the capital."
    )
    ps = segment(_doc(text, source_type="news"), Settings())
    assert len(ps) == 1
    assert ps[0].text.startswith("KABUL, May 3")  # the headline is not part of the incident
    assert "No group claimed" in ps[0].text


def test_news_splits_on_separate_attack() -> None:
    text = (
        "On 3 May 2017, gunmen killed two policemen in Kandahar city.\n\n"
        "In a separate attack, a roadside bomb wounded three soldiers in Helmand province on the same day."
    )
    ps = segment(_doc(text, source_type="news"), Settings())
    assert len(ps) == 2
    assert ps[1].parent_index == 0


def test_short_single_paragraph_never_split() -> None:
    text = (
        "03/14/2021: Gunmen raided an army outpost in Surkh Rod, Nangarhar, Afghanistan. Meanwhile three "
        "guards were killed. It was one of five similar attacks. Nobody has claimed the raid."
    )
    assert len(segment(_doc(text), Settings())) == 1


def test_empty_and_cueless_documents() -> None:
    assert segment(_doc("   \n  "), Settings()) == []
    assert segment(_doc("The weather was mild and the market reopened."), Settings()) == []


def test_heading_variants() -> None:
    from eventcoder.extraction.places import find_headings

    text = "Iraq\n\nWilayat al-Khayr\nx\n\nAl-Baraka Wilayah:\ny\n\nKhurasan\nz\n\nSomalia:\nw\n"
    hs = [(h.text, h.kind, h.iso, h.admin1) for h in find_headings(text)]
    assert hs == [
        ("Iraq", "country", "IQ", None),
        ("Wilayat al-Khayr", "wilayah", "SY", "Deir ez-Zor"),
        ("Al-Baraka Wilayah", "wilayah", "SY", "Al-Hasakah"),
        ("Khurasan", "wilayah", "AF", None),
        ("Somalia", "country", "SO", None),
    ]


def test_bulleted_roundup_lines() -> None:
    text = (
        "Wilayat Ninawa:\n"
        "- On the 3rd of Rajab, soldiers of the Khilafah killed 2 elements of the Rafidi army near Badush.\n"
        "- On the 4th of Rajab, they destroyed a Humvee of the Rafidi army with an IED in Tal Afar.\n"
        "2) Meanwhile, a sniper killed a Rafidi policeman in the Yarmouk neighbourhood of Mosul.\n"
    )
    ps = segment(_doc(text, source_type="claim"), Settings())
    assert len(ps) == 3
    assert ps[2].parent_index == 1 and ps[2].date_text == "the 4th of Rajab"


def _split_dated_clauses_reference(text: str, sents: list[tuple[int, int]], published: object) -> object:
    """The first version of segment._split_dated_clauses (re-read the whole part before every break)."""
    import re

    from eventcoder.extraction.dates import find_dates

    brk = re.compile(r",\s+while\s+|;\s+(?:while\s+|and\s+)?")
    out, starts = [], set()
    for s, e in sents:
        cur = s
        for m in brk.finditer(text, s, e):
            before = [d for d in find_dates(text[cur : m.start()], published) if d.precision == 1]  # type: ignore[arg-type]
            after_end = next((b.start() for b in brk.finditer(text, m.end(), e)), e)
            after = [d for d in find_dates(text[m.end() : after_end], published) if d.precision == 1]  # type: ignore[arg-type]
            if before and after and before[0].date != after[0].date:
                out.append((cur, m.start()))
                cur = m.end()
                starts.add(cur)
        out.append((cur, e))
    return out, starts


_CLAUSES = [
    "soldiers of the Khilafah attacked a post of the army",
    "on the 1st of Safar",
    "an istishhadi struck a barracks on the 2nd of Safar",
    "killing 14",
    "on 3 March 2019 they shelled the town",
    "on the 2nd of Safar the mujahidin clashed with them",
    "the army fled",
]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_CLAUSES), st.sampled_from([", while ", "; ", "; and ", ", ", "; while "])),
        min_size=1,
        max_size=12,
    )
)
def test_dated_clause_split_answers_as_the_rescan_did(parts: list[tuple[str, str]]) -> None:
    from eventcoder.stages.segment import _split_dated_clauses

    text = "".join(c + sep for c, sep in parts).rstrip(", ;") + "."
    sents = [(0, len(text))]
    pub = dt.date(2019, 3, 10)
    assert _split_dated_clauses(text, sents, pub) == _split_dated_clauses_reference(text, sents, pub)


def test_a_long_line_of_clauses_is_split_in_linear_time() -> None:
    import time

    from eventcoder.stages.segment import _split_dated_clauses

    text = "On the 1st of Safar, " + "soldiers attacked the army near the village; " * 1200
    t0 = time.process_time()
    _split_dated_clauses(text, [(0, len(text))], dt.date(2019, 10, 10))
    assert time.process_time() - t0 < 5  # 27 s with the part before each break re-read (a 54 kB line)
