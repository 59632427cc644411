"""The one reader of the CSV tables shipped in ``eventcoder/data`` (alias lists, taxonomies, label maps).

    data_rows("countries.csv")                    # -> [{"iso": "AF", "name": "Afghanistan", ...}, ...]
    data_rows("label_maps/country_aliases.csv")

A table is UTF-8 CSV with a header line. Blank lines and lines starting with ``#`` (notes to the reader) are
skipped, every value is stripped of outer spaces, and a value missing from a short row is ``""``.
"""

from __future__ import annotations

import csv
from importlib import resources


def data_rows(name: str) -> list[dict[str, str]]:
    """Rows of ``eventcoder/data/<name>`` (``name`` may hold a sub folder: ``label_maps/x.csv``)."""
    node = resources.files("eventcoder.data")
    for part in name.split("/"):
        node = node.joinpath(part)
    text = node.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(lines)]


__all__ = ["data_rows"]
