"""actors: alias table with region scope, slurs read but never output, user alias files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from eventcoder.errors import ConfigError
from eventcoder.extraction import actors
from eventcoder.extraction.actors import alias_rows, contains_slur, fill_country, find_actors


def _names(text: str, iso: str | None = None) -> list[str]:
    return [m.actor for m in find_actors(text, iso) if m.actor]


@pytest.mark.parametrize(
    ("text", "iso", "actor"),
    [
        ("a gathering of the Rafidi army", "IQ", "Military Forces of Iraq"),
        ("positions of the Nusayri army", "SY", "Military Forces of Syria"),
        ("a Humvee of the murtadd Egyptian army", "EG", "Military Forces of Egypt"),
        ("a barracks of the Nigerian crusader army", "NG", "Military Forces of Nigeria"),
        ("an element of the murtadd Puntland police", "SO", "Police Forces of Somalia (Puntland)"),
        ("the Rafidi Mobilization near Tal Afar", "IQ", "Popular Mobilization Forces"),
        ("a headquarters of the PKK", "SY", "Syrian Democratic Forces"),
        ("a headquarters of the PKK", "TR", "Kurdistan Workers' Party (PKK)"),
        ("the Sahwat near Azaz", "SY", "Syrian opposition factions"),
        ("the Sahwat near Fallujah", "IQ", "Sahwa (Awakening) tribal militia"),
        ("neutralized 15 Daesh terrorists", "IQ", "Islamic State"),
        ("pursuit of the Khawarij", "IQ", "Islamic State"),
        ("a hideout of ISIS remnants", "IQ", "Islamic State"),
        ("soldiers of the Khilafah attacked", None, "Islamic State"),
        ("mujahideen of the Islamic Emirate attacked", "AF", "Taliban"),
        ("puppet forces fled", "AF", "Military Forces of Afghanistan"),
        ("Al shabaab militants", "SO", "Al Shabaab"),
        ("Crusader AMISOM troops", "SO", "AMISOM: African Union Mission in Somalia"),
        ("unidentified gunmen opened fire", "AF", "Unidentified Armed Group ({country})"),
        ("gatherings of the Rafidah in a market", "IQ", "Civilians ({country})"),
    ],
)
def test_alias_to_neutral_actor(text: str, iso: str | None, actor: str) -> None:
    assert actor in _names(text, iso)


def test_as_written_phrase_includes_labels() -> None:
    m = find_actors("blew up a Humvee of the murtadd Egyptian army", "EG")
    assert [x.text for x in m if x.actor] == ["murtadd Egyptian army"]
    assert m[-1].start == len("blew up a Humvee of the ")


def test_region_scope_skips_other_countries() -> None:
    # "Rafidi militias" means the PMF in Iraq but Iranian-backed militias in Syria
    assert "Popular Mobilization Forces" in _names("Rafidi militias", "IQ")
    assert "Iranian-backed militias" in _names("Rafidi militias", "SY")
    assert "Popular Mobilization Forces" not in _names("Rafidi militias", "SY")


def test_labels_are_not_actors_and_are_slurs() -> None:
    ms = find_actors("the kuffar and mushrikin", None)
    assert all(not m.actor and m.role == "label" and m.is_slur for m in ms)
    assert len(ms) == 2


def test_no_normalized_name_is_a_slur() -> None:
    names = {r.actor for r in alias_rows() if r.actor}
    bad = [n for n in names if contains_slur(n)]
    assert not bad, bad
    for word in (
        "Rafidi",
        "Nusayri",
        "murtadd",
        "kuffar",
        "Crusader",
        "apostate",
        "mushrikin",
        "Rafidah",
        "Daesh",
    ):
        assert contains_slur(f"the {word} forces"), word


def test_fill_country() -> None:
    assert fill_country("Civilians ({country})", "Iraq") == "Civilians (Iraq)"
    assert fill_country("Military Forces of {country}", "Syria") == "Military Forces of Syria"
    assert fill_country("Unidentified Armed Group ({country})", None) == "Unidentified Armed Group"
    assert fill_country("Islamic State", None) == "Islamic State"


def test_user_alias_file_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "mine.csv"
    with f.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["pattern", "actor", "role", "regions", "is_slur", "target_type", "inter", "notes"])
        w.writerow(["black banners", "Islamic State", "perpetrator", "*", "0", "", "2", "test"])
        w.writerow(["hashd", "Hashd al-Shaabi (user name)", "either", "IQ", "0", "Military", "3", "override"])
    monkeypatch.setenv("EVENTCODER_ALIASES", str(f))
    assert _names("the black banners attacked", "IQ") == ["Islamic State"]
    assert _names("a Hashd checkpoint", "IQ") == ["Hashd al-Shaabi (user name)"]
    monkeypatch.delenv("EVENTCODER_ALIASES")
    assert _names("a Hashd checkpoint", "IQ") == ["Popular Mobilization Forces"]


def test_bad_user_alias_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "bad.csv"
    f.write_text("word,name\nx,y\n")
    monkeypatch.setenv("EVENTCODER_ALIASES", str(f))
    with pytest.raises(ConfigError, match="lacks column"):
        find_actors("x", None)
    monkeypatch.setenv("EVENTCODER_ALIASES", str(tmp_path / "missing.csv"))
    with pytest.raises(ConfigError, match="not found"):
        find_actors("x", None)
    actors._user_rows.cache_clear()


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        # the claimant is a party even when it defends; "PKK" in Syria is IS's name for the SDF
        (
            "Al-Kheir Wilayah\nOn Tuesday the mujahidin repelled an attack by the PKK militia on the town of "
            "Hajin, killing 5 of them.",
            "Islamic State",
            "Syrian Democratic Forces",
        ),
        (
            "Yemen\nThe soldiers of the caliphate targeted positions of the Houthi Rafidah in al-Bayda with "
            "mortar shells, killing 3 of them.",
            "Islamic State",
            "Ansar Allah (Houthis)",
        ),
    ],
)
def test_claim_roundup_opponents(text: str, actor1: str, actor2: str) -> None:
    from eventcoder.records import Document
    from eventcoder.settings import Settings
    from eventcoder.stages import extract, segment

    doc = Document.from_text(text, doc_id="t", source="test", source_type="claim", published="2019-01-10")
    settings = Settings(quiet=True)
    evs = extract.extract(doc, segment.segment(doc, settings), settings)
    assert [(e.actor1, e.actor2) for e in evs] == [(actor1, actor2)]
    assert not any(contains_slur(f) for e in evs for f in (e.actor1, e.actor2, e.notes))
