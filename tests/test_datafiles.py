"""datafiles.data_rows is the one CSV reader of eventcoder/data: places, export and the label maps each had
their own copy. The rows it gives are the rows each copy gave, for every table it reads."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

import eventcoder
from eventcoder.datafiles import data_rows

PKG = Path(eventcoder.__file__).parent
# the tables the three old copies read (headlines.py reads through datafiles.data_rows since session 10)
CALLS = {"extraction/places.py": (r'_data_rows\("([^"]+)"\)', ""), "extraction/headlines.py": (r'data_rows\("([^"]+)"\)', ""),
         "stages/export.py": (r'_data_rows\("([^"]+)"\)', ""), "evaluation/labels.py": (r'_rows\("([^"]+)"\)', "label_maps/")}
TABLES = sorted({folder + m for src, (pattern, folder) in CALLS.items()
                 for m in re.findall(pattern, (PKG / src).read_text(encoding="utf-8"))
                 if (PKG / "data" / (folder + m)).exists()})


def _plain_copy(name: str) -> list[dict[str, str]]:  # places._data_rows and export._data_rows as they were
    text = (PKG / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _label_copy(name: str) -> list[dict[str, str]]:  # evaluation/labels._rows as it was
    text = (PKG / "data" / name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(lines)]


def test_there_are_tables() -> None:
    assert {"countries.csv", "acled_regions.csv", "label_maps/country_aliases.csv", "headline_verbs.csv"} <= set(TABLES)


@pytest.mark.parametrize("name", TABLES)
def test_rows_are_those_each_old_copy_gave(name: str) -> None:
    rows = data_rows(name)
    assert rows, name
    # a table with '#' comment lines (actor_countries.csv since session 9) was never read by the plain copies,
    # which had no comment rule: it is compared with the copy that skipped comments
    commented = any(ln.lstrip().startswith("#") for ln in (PKG / "data" / name).read_text(encoding="utf-8").splitlines())
    expected = _label_copy(name) if name.startswith("label_maps/") or commented else _plain_copy(name)
    assert rows == expected


def test_the_three_callers_use_it() -> None:
    from eventcoder.evaluation import labels
    from eventcoder.extraction import places
    from eventcoder.stages import export

    assert places._data_rows is data_rows
    assert export._data_rows is data_rows
    assert labels._rows("country_aliases.csv") == data_rows("label_maps/country_aliases.csv")


def test_comments_blank_lines_and_spaces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import eventcoder.datafiles as datafiles

    (tmp_path / "t.csv").write_text("# a note\nname,key\n\n  Raqqa , ar-raqqa\nshort\n", encoding="utf-8")

    class _Files:
        def __init__(self, p: Path) -> None:
            self.p = p

        def joinpath(self, part: str) -> _Files:
            return _Files(self.p / part)

        def read_text(self, encoding: str) -> str:
            return self.p.read_text(encoding=encoding)

    monkeypatch.setattr(datafiles.resources, "files", lambda _pkg: _Files(tmp_path))
    assert datafiles.data_rows("t.csv") == [{"name": "Raqqa", "key": "ar-raqqa"}, {"name": "short", "key": ""}]
