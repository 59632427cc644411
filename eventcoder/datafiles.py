"""The one reader of the CSV tables shipped in ``eventcoder/data`` (alias lists, taxonomies, label maps).

    data_rows("countries.csv")                    # -> [{"iso": "AF", "name": "Afghanistan", ...}, ...]
    data_rows("label_maps/country_aliases.csv")

A table is UTF-8 CSV with a header line. Blank lines and lines starting with ``#`` (notes to the reader) are
skipped, every value is stripped of outer spaces, and a value missing from a short row is ``""``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


def data_rows(name: str) -> list[dict[str, str]]:
    """Rows of ``eventcoder/data/<name>`` (``name`` may hold a sub folder: ``label_maps/x.csv``)."""
    node = resources.files("eventcoder.data")
    for part in name.split("/"):
        node = node.joinpath(part)
    text = node.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(lines)]


ANYWHERE = "*"


@dataclass(frozen=True)
class GroupArea:
    """One row of ``data/actor_countries.csv``: where an armed group fights."""

    actor: str  # canonical name (actors.csv) when ``home`` is set
    home: str  # ISO2 home country, the headline/geocoder hint; "" = no hint
    also_active: tuple[str, ...]  # other ISO2 countries it fights in
    anywhere: bool  # claims attacks anywhere: evidence for its countries, never against another
    names: tuple[str, ...]  # normalized name prefixes dedupe recognises it by

    @property
    def countries(self) -> tuple[str, ...]:
        return ((self.home,) if self.home else ()) + self.also_active


@cache
def group_areas() -> tuple[GroupArea, ...]:
    """The rows of ``data/actor_countries.csv``, the one list of where armed groups fight (session 9: headlines and
    the geocoder read ``home``/``also_active``, dedupe ``names``/``anywhere``)."""
    return tuple(
        GroupArea(r["actor"], r.get("iso2", ""), tuple((r.get("also_active") or "").split()),
                  (r.get("anywhere") or "").lower() in {"y", "yes", "1"},
                  tuple(n.strip() for n in (r.get("names") or "").split("|") if n.strip()))
        for r in data_rows("actor_countries.csv")
    )  # fmt: skip


@cache
def group_names() -> dict[str, frozenset[str]]:
    """Normalized name prefix -> ISO2 codes of the groups it names (the union where a name is on several rows:
    "taliban": the Afghan Taliban and the TTP), with ``ANYWHERE`` for a group that claims attacks anywhere; longest
    name first, so a prefix match takes the most specific ("al qaeda in the arabian peninsula" before "al qaeda")."""
    out: dict[str, set[str]] = {}
    for g in group_areas():
        for n in g.names:
            out.setdefault(n, set()).update(g.countries + ((ANYWHERE,) if g.anywhere else ()))
    return {k: frozenset(out[k]) for k in sorted(out, key=len, reverse=True)}


__all__ = ["ANYWHERE", "GroupArea", "data_rows", "group_areas", "group_names"]
