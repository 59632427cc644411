"""Stage 4, geocode: fill country/iso/admin1/admin2/location/lat/lon/geo_precision/gazetteer_id. (owner: geocode)

Reads the hints the extract stage leaves in ``Event.context``: ``place_candidates`` (most specific
first, each ``{"text", "start", "end", "relation", "feature"}``), ``country_hint`` (ISO2),
``admin1_hint`` and ``region_text``. For each event the first candidate that resolves wins
(``gazetteer.resolve.Resolver``); a later (less specific) candidate, e.g. the town in "the
neighbourhood of Y in X", gives at best ``geo_precision`` 2. Places the gazetteer lacks are never
dropped and never guessed: the event is anchored to the province (from the text or the region
heading) or the country with ``geo_precision`` 3, ``location_text`` keeps the name, and
``context["geo_unresolved"]`` records it for ``eventcoder gazetteer missing``.

Two passes per document: events whose place has one candidate are resolved first; their coordinates
then pull ambiguous names of the same report towards them (nearest cluster).

Passage fallback: an event left with no place and no country at all (no "in X" phrase the extractor
found) may take a known place its own passage names in another form ("Lahore-Islamabad road", "Delhi
Police"): only a country or province, a place of 100,000+ people, or a place in a country the document's
other events resolved to; never a code in capitals or a run of common words
(``data/geocode_fallback_common_words.txt``); ``geo_method`` "passage", precision 2 (town) or 3.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventcoder.extraction import _re as re  # re with compiled patterns kept on disk (cold start)
from eventcoder.records import Document, Event
from eventcoder.settings import Settings

if TYPE_CHECKING:
    from eventcoder.gazetteer.index import Gazetteer, Place
    from eventcoder.gazetteer.resolve import DocContext, Resolution, Resolver


_MARKS = {ord(c): "'" for c in "‘’ʿʾ"}


def plain(name: str | None) -> str | None:
    """Display form of a gazetteer name: diacritics folded, ayn/hamza marks as an apostrophe."""
    if not name or name.isascii():
        return name  # nothing to fold (most names, and every reason): NFKD and the marks leave ASCII as it is
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.translate(_MARKS)


def _admin1_display(gazetteer: Gazetteer) -> dict[tuple[str, str], str]:
    """English names for admin-1 units ("Halab" -> "Aleppo"): the first name in ``data/admin1_countries.csv``
    (the extract stage's province list) that names the unit; GeoNames' own name otherwise."""
    cached = getattr(gazetteer, "_eventcoder_admin1_display", None)
    if cached is not None:
        return cached
    import csv
    from pathlib import Path

    out: dict[tuple[str, str], str] = {}
    path = Path(__file__).resolve().parent.parent / "data" / "admin1_countries.csv"
    if path.exists():
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for name in (row.get("names") or "").split(";"):
                    name = name.strip()
                    units = [p for p in gazetteer.candidates(name, row["iso"]) if p.feature == "adm1"] if name else []
                    if len(units) == 1:
                        out.setdefault((row["iso"], units[0].name), name)
    gazetteer._eventcoder_admin1_display = out  # type: ignore[attr-defined]
    return out


_ENGLISH_OF = re.compile(r"^(?:State|Province|Region) of (?P<core>[A-Za-z][A-Za-z .'-]+)$")
_ENGLISH_KIND = re.compile(
    r"^(?P<core>[A-Za-z][A-Za-z .'-]+) (?:District|Region|Province|Governorate|Oblast|County|Division|Prefecture)$"
)
_NOT_A_NAME = re.compile(r"(?i)\b(?:regional|autonomous|special|capital|metropolitan|federal)\b")
_LOCAL_KIND = re.compile(r"(?i)\s(?:oblast|oblys|lan|län|novads|shi|sheng|gewest|kraj|rayon|muhafazat)$")


def _english_admin1(gazetteer: Gazetteer, country: str, name: str) -> str:
    """An English name for an admin-1 unit the province list does not name. GeoNames often keeps the local
    name (Israel's "Al Janūbī", Ukraine's "Donetska oblast", "Niedersachsen") and lists the English one among
    the alternates with its kind ("Southern District", "Donetsk Oblast", "State of Lower Saxony"). "State of
    X" is always English; "X District" only replaces a name in another script or with a local kind word
    ("oblast", "län"), and never when X itself is a kind ("Oromia Regional State", "Central Papua Province")."""
    cache: dict[tuple[str, str], str] = gazetteer.__dict__.setdefault("_eventcoder_admin1_english", {})
    key = (country, name)
    if key not in cache:
        from eventcoder.gazetteer.normalize import display_key

        best = name
        unit = gazetteer.admin(country, "adm1", name)
        local = not name.isascii() or bool(_LOCAL_KIND.search(name))
        if unit is not None:
            found = []
            for (alt,) in gazetteer.sql("SELECT name FROM names WHERE place = ?", (unit.id,)):
                alt = alt or ""
                m_of, m_kind = _ENGLISH_OF.match(alt), _ENGLISH_KIND.match(alt) if local else None
                m = m_of or m_kind
                if m and alt.isascii() and not _NOT_A_NAME.search(m.group("core")):
                    found.append((0 if m_of else 1, len(alt), m.group("core") if m_of else alt, m.group("core")))
            if found:
                _kind, _n, english, core = min(found)
                if display_key(core) != display_key(name):  # "State of Illinois" adds nothing to "Illinois"
                    best = english
        cache[key] = best
    return cache[key]


def _resolver(gazetteer: Gazetteer) -> Resolver:
    r = getattr(gazetteer, "_eventcoder_resolver", None)
    if r is None:
        from eventcoder.gazetteer.resolve import Resolver

        r = Resolver(gazetteer)
        gazetteer._eventcoder_resolver = r  # type: ignore[attr-defined]
    return r


@functools.cache
def _compass_names() -> dict[str, tuple[str, re.Pattern[str]]]:
    """data/geocode_compass_names.csv: name -> (the name it means after a compass word, that compass pattern)."""
    import csv

    path = Path(__file__).resolve().parent.parent / "data" / "geocode_compass_names.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    return {r["name"].casefold(): (r["means"], re.compile(r"(?i)\b(?:" + "|".join(re.escape(w) for w in
            r["compass"].split("|")) + r")\s+$")) for r in rows}  # fmt: skip


@functools.lru_cache(maxsize=1)
def _ambiguous_countries() -> dict[str, tuple[str, ...]]:
    """data/geocode_ambiguous_countries.csv: a country name as written -> the countries it may name."""
    import csv

    path = Path(__file__).resolve().parent.parent / "data" / "geocode_ambiguous_countries.csv"
    with path.open(encoding="utf-8") as f:
        return {r["name"].casefold(): tuple(r["isos"].split()) for r in csv.DictReader(x for x in f if not x.startswith("#"))}


def _compass_name(text: str, c: dict[str, Any], doc_text: str) -> str:
    """The name to resolve for candidate ``c``: "eastern Congo" is the DRC's east, not the Republic of the Congo
    the bare name resolves to (data/geocode_compass_names.csv); the evidence stays on the words as written."""
    head, _, rest = text.partition(" ")
    both = _compass_names().get(rest.casefold())
    if both is not None and both[1].search(head + " "):
        return both[0]  # written as one name: "Eastern Congo"
    hit = _compass_names().get(text.casefold())
    start = c.get("start")
    if hit is None or start is None or not doc_text:
        return text
    return hit[0] if hit[1].search(doc_text[max(0, int(start) - 30) : int(start)]) else text


_COMPASS_WORD = re.compile(r"(?i)(?:north|south|east|west|central)(?:-?(?:east|west))?(?:ern)?")


def _sea_name(text: str) -> bool:
    return _sea_place(text) is not None


def _sea_place(text: str) -> Place | None:
    """The point of the sea, gulf or strait so named (data/geoparse_seas.csv), else None."""
    from eventcoder.gazetteer.normalize import name_key
    from eventcoder.gazetteer.toponyms import _seas

    hit = _seas().get(name_key(re.sub(r"(?i)^the\s+", "", text.strip())))
    return hit[0] if hit is not None else None


def _sea_scene(text: str, c: dict[str, Any], i: int) -> tuple[Resolution, dict[str, Any], int] | None:
    """A sea named as the scene and no other place of the text found ("attack ship in Red Sea"): the sea's point,
    no country, geo_precision 3 (SCHEMA: a region larger than a province; UCDP codes water as its own class)."""
    from eventcoder.gazetteer.resolve import Resolution

    sea = _sea_place(text)
    if sea is None:
        return None
    why = f"'{text}' is a sea, which gives no country: the sea's centre (Natural Earth marine area), precision 3"
    return Resolution(sea, 3, why, "sea"), c, i


def _country_after(doc_text: str, c: Mapping[str, Any], iso: str | None) -> bool:
    """The hint country written right after a sea's name ("in the southern Red Sea, Yemen"): the text puts the scene
    in that country's waters, so the country stands (the sea's own point would drop it)."""
    from eventcoder.extraction.places import find_countries

    end = c.get("end")
    if not iso or end is None:
        return False
    m = re.match(r"\s*,\s*", doc_text[int(end) :])
    if m is None:
        return False
    at = int(end) + m.end()
    return any(cs == at and ciso == iso for cs, _ce, _written, ciso in find_countries(doc_text[at : at + 60], at))


# "off Hodeidah", "off the coast of Hodeidah", "off the port city of Hodeidah": at sea near a coast town
_OFF_LEAD = r"\boff\s+(?:the\s+(?:coast|shores?)\s+of\s+)?(?:the\s+(?:port\s+|coastal\s+)?(?:city|town)\s+of\s+)?"
_OFF = re.compile(_OFF_LEAD + r"(?P<n>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
_OFF_BEFORE = re.compile(_OFF_LEAD + "$")


def _at_sea(doc_text: str, hints: Mapping[str, Any]) -> bool:
    """Whether the passage speaks of a vessel or the sea: "off X" there is at sea near X ("sealed off Tikrit" is not)."""
    return _maritime_in(doc_text, *_passage_bounds(doc_text, hints))


# Read once per passage, not per event and per candidate (geocode got 11-21 % slower in session 10 re-reading the
# passage in the sea, off-coast, forces and attacker checks): keyed by the text and the passage's span (session 11).
# The document's text is the same object for all its events, so a hit costs an identity check, not a comparison.
@functools.lru_cache(maxsize=256)
def _maritime_in(doc_text: str, base: int, end: int) -> bool:
    from eventcoder.extraction.places import MARITIME

    return bool(MARITIME.search(doc_text, base, end))


@functools.lru_cache(maxsize=256)
def _countries_in(doc_text: str, base: int, end: int) -> tuple[tuple[int, int, str, str], ...]:
    """``places.find_countries`` over ``doc_text[base:end]`` (offsets into ``doc_text``), once per passage."""
    from eventcoder.extraction.places import find_countries

    return tuple(find_countries(doc_text[base:end], base))


def _country_cue(doc_text: str, hints: Mapping[str, Any], iso: str | None) -> tuple[int, int] | None:
    """The first words of the event's passage that name ``iso``: its name or adjective, else a state, party or
    term of that country alone (data/country_cues.csv): the evidence of a country-level location (session 12)."""
    from eventcoder.extraction.places import find_admin_countries

    if not iso or not doc_text:
        return None
    base, end = _passage_bounds(doc_text, hints)
    for s, e, _w, ciso in (*_countries_in(doc_text, base, end), *find_admin_countries(doc_text[base:end], base)):
        if ciso == iso:
            return s, e
    return None


def _passage_bounds(doc_text: str, hints: Mapping[str, Any]) -> tuple[int, int]:
    span = hints.get("passage")
    return (int(span[0]), int(span[1])) if span else (0, len(doc_text))


def _off_coast(doc_text: str, hints: Mapping[str, Any], res: Resolver,
               iso: str | None) -> tuple[Resolution, dict[str, Any], int] | None:  # fmt: skip
    """No place of the text found, and a vessel at sea "off X" ("a cargo ship in the Red Sea off Hodeidah"):
    near the town X (geo_precision 2), not the sea's or the country's centre (session 10, geo2)."""
    if not _at_sea(doc_text, hints):
        return None
    base, end = _passage_bounds(doc_text, hints)
    for m in _OFF.finditer(doc_text[base:end]):
        name = m.group("n")
        r = res.resolve(name, country=iso, allow_fuzzy=False, allow_admin=False)
        if r is None or r.place.lat is None:
            continue
        cand = {"text": name, "start": base + m.start("n"), "end": base + m.end("n"), "relation": "near", "feature": None}
        return dataclasses.replace(r, precision=max(r.precision, 2), reason=f"at sea off {name}, near it; {r.reason}"), cand, 0
    return None


def _try(ev: Event, res: Resolver, ctx: DocContext | None,
         doc_text: str = "") -> tuple[Resolution | None, dict[str, Any] | None, int]:  # fmt: skip
    hints = ev.context or {}
    iso = hints.get("country_hint")
    admin1 = hints.get("admin1_hint")
    cands = list(hints.get("place_candidates") or [])
    if not cands and ev.location_text:
        cands = [{"text": ev.location_text, "start": None, "end": None, "relation": None, "feature": None}]
    groups = _group_isos(hints, doc_text) if iso and hints.get("country_basis") == "actor" else ()
    if len(groups) > 1:
        # a group active in several countries (Boko Haram: NG, CM, NE, TD): a place read without its home country
        # that lies in one of them is taken ("Bosso": Niger's, not Nigeria's namesake); else its home ranks namesakes
        plain = _try(ev.replace(context={**hints, "country_hint": None, "country_basis": None}), res, ctx, doc_text)
        if plain[0] is not None and plain[0].place.country in groups:
            return plain
    home = hints.get("home_countries")
    if not iso and home:
        # no country known, and the passage names a group whose area is listed (data/actor_countries.csv): a place of
        # the text found exactly in that area is taken ("Al Shabaab fighters attacked a base in Bari": Bari, Somalia,
        # not Italy); nothing found there leaves the event as without it (never the home country's centre)
        at_home = _try(ev.replace(context={**hints, "country_hint": home[0], "country_basis": "actor",
                                           "home_countries": None}), res, ctx, doc_text)  # fmt: skip
        if at_home[0] is not None and at_home[0].method == "exact" and at_home[0].place.country in home:
            r0 = at_home[0]
            plain = _try(ev.replace(context={**hints, "home_countries": None}), res, ctx, doc_text)
            if _bigger_namesake_near(r0, plain[0], home):
                return plain  # reviewer G: "Houthi fighters ... in Najran" is Saudi Arabia's city, not Yemen's village
            why = f"{r0.reason}; no country named: the area of the group the text names ({', '.join(home)})"
            return dataclasses.replace(r0, reason=why), at_home[1], at_home[2]
        plain = _try(ev.replace(context={**hints, "home_countries": None}), res, ctx, doc_text)
        return _far_alternate(plain, res, home)
    cands = _area_first(cands, doc_text, res, iso, ctx)
    chain = [tuple(x) for x in hints.get("chain") or []]
    weak: tuple[Resolution, dict[str, Any], int] | None = None
    sea: tuple[Resolution, dict[str, Any], int] | None = None
    for i, c in enumerate(cands):
        text = _compass_name(str(c.get("text") or ""), c, doc_text)
        if not text:
            continue
        if (text.isupper() and c.get("end") is not None and _country_follows(doc_text, int(c["end"]))
                and res.resolve(text.title(), country=iso, admin1=admin1, allow_fuzzy=False) is not None):  # fmt: skip
            text = text.title()  # "in GAO, Mali": the town written in capitals, not a code for a region (session 12)
        # a building's name ("Al-Thawra hospital", "Al-Nour mosque") is no misspelt village: exact names only
        fuzzy_ok = str(c.get("feature") or "").lower() not in _BUILDINGS and not c.get("at_sea")  # "off X": exact
        r = res.resolve(text, country=iso, admin1=admin1, feature=c.get("feature"), relation=c.get("relation"),
                        context=ctx, allow_fuzzy=fuzzy_ok)  # fmt: skip
        own_province = _in_phrase_province(r, text, c, i, res, iso, ctx, doc_text)
        if own_province is not None:
            return own_province
        if r is None:
            r = _between(text, res, iso, admin1, ctx)
        if r is not None and _acronym_miss(r, text, c, res, doc_text):
            continue
        if r is not None and _COMPASS_WORD.fullmatch(text.strip()) and r.place.country != iso:
            # "Bomb in South kills 2": a compass word alone is a side of the text's country, a place only where that
            # country has a unit so named (Cameroon's South), never a namesake abroad (session 9)
            continue
        scene = _sea_scene(text, c, i) if r is None or r.place.country != iso else None
        if scene is not None:
            # "attack ship in Red Sea": a sea (data/geoparse_seas.csv) gives no country, Sudan's state aside; the
            # sea itself is the last resort, after every other name of the text (session 10)
            sea = sea or scene
            continue
        if r is not None and iso and hints.get("country_basis") in _MENTION_BASES and not hints.get("country_stated"):
            r = _twin_abroad(r, text, c, res, iso)
            if r.method == "fuzzy" and _forces_only(doc_text, hints, iso):
                r = _exact_abroad(r, text, c, res, iso, ctx)
            if r.place.country != iso and i > 0:
                # the place is abroad after all: a name before it, skipped as unknown in the mentioned country, is
                # found abroad too ("Russian artillery shelled Kherson ... in the Dniprovskyi district": Kherson,
                # not Kyiv's Dniprovskyi, read as a twin abroad) (session 12)
                earlier = _elsewhere(cands[:i], res, iso, attackers=_forces_only(doc_text, hints, iso))
                if earlier is not None:
                    return earlier
        if r is not None and not chain and str(c.get("feature") or "").lower() in _TOWN_PARTS:
            town = _part_of_town(r, i, cands, res, iso, admin1, ctx)
            if town is not None:
                return town
        if r is not None and i + 1 < len(cands) and not (iso and admin1):
            abroad = not iso or hints.get("country_basis") in _WEAK_COMMA_BASES
            inside = _in_next(r, text, c, cands[i + 1], i + 1, res, ctx, doc_text, iso, abroad=abroad)
            k = _next_in_text(c, cands)
            if inside is None and k is not None and k != i + 1:
                # the name written right after it, when the candidates' order (most specific first) put another
                # between them ("in Benito Juarez, Nuevo Leon, ... in Colonia Arboledas": Nuevo Leon) (session 8)
                inside = _in_next(r, text, c, cands[k], k, res, ctx, doc_text, iso, own=i, abroad=abroad)
            if inside is not None:
                return inside
        if r is not None and not iso and c.get("start") is not None:
            partner = _between_partner(r, text, c, i, cands, res, ctx, doc_text)
            if partner is not None:
                return partner
        if r is not None and r.method == "fuzzy" and admin1 and iso:
            r = _exact_over_border(r, text, c, res, iso, admin1, ctx)
        if r is not None and chain and (r.method == "fuzzy" or not hints.get("bracket")):
            # a bracket's district ("(Komo-Mondah, Estuaire)") is ACLED's, whose borders the lists seldom share: an
            # exact name inside the stated province stays; only a spelling variant must lie in that district
            outer = _chain_container(r, c, i, cands, chain, res, iso, admin1, ctx)
            if outer is not None:
                return outer
        if r is None and admin1 and iso:
            # the heading's province can be wrong for a wilayah spanning several provinces: exact key only.
            # A province the text states itself (comma chain) is left only for a place just across its border.
            r2 = res.resolve(text, country=iso, feature=c.get("feature"), relation=c.get("relation"),
                             context=ctx, allow_fuzzy=False)  # fmt: skip
            if r2 is not None and not r2.place.is_admin and r2.alternatives >= 1:
                unique = r2.alternatives == 1
                if hints.get("admin1_basis") not in ("chain", "text"):
                    if unique:
                        r = r2
                elif ((unique and _near_province(r2, res, iso, admin1))
                      or ((unique or _one_place(r2, text, res, iso)) and _on_province_border(r2.place, res, iso, admin1))):  # fmt: skip
                    r = _over_border(r2, res, iso, admin1)
            elif r2 is None:
                # no such name anywhere in the country: a spelling variant ("Bismayah" / Qaryat al Basmayah,
                # "Ebenato" / Ebenator) is taken only when it lies on the stated province's border
                r3 = res.resolve(text, country=iso, feature=c.get("feature"), relation=c.get("relation"),
                                 context=ctx, allow_fuzzy=fuzzy_ok)  # fmt: skip
                if (r3 is not None and not r3.place.is_admin and r3.alternatives == 1
                        and _on_province_border(r3.place, res, iso, admin1)):  # fmt: skip
                    r = _over_border(r3, res, iso, admin1)
        if r is not None and r.method == "fuzzy" and iso and not admin1:
            other = _exact_elsewhere(r, cands[i + 1 :], i + 1, res, iso, ctx)
            if other is not None:
                return other
        if r is not None and r.weak:
            # found only by a last resort ("Tangra" ~ Itanagar by its consonants): any other name of the text
            # that resolves otherwise ("... police station in Kolkata") is the better evidence
            weak = weak or (r, c, i)
            continue
        if r is not None:
            return r, c, i
    if weak is not None:
        return weak
    off = _off_coast(doc_text, hints, res, iso)
    if off is not None:
        return off
    if (iso and hints.get("country_basis") in _MENTION_BASES | {"document"} and not hints.get("chain")
            and not hints.get("country_stated") and not (admin1 and any(q.feature == "adm1" for q in res.g.candidates(admin1, iso)))):  # fmt: skip
        # a province of the mentioned country named in the text, exact name ("... neighborhoods, Baghdad, Iraq")
        # makes the country no mere mention: its unlisted places anchor there, never at a namesake abroad (Azamino)
        other = _elsewhere(cands, res, iso, attackers=_forces_only(doc_text, hints, iso))
        if other is not None:
            return other
    if iso and hints.get("country_basis") == "actor":
        # a group's home country (extraction/headlines.py) only ranks namesakes ("Boko Haram ... In Rann": Rann,
        # Nigeria, not Laon): a place the text names that lies only elsewhere is read as without it (session 7)
        plain = _try(ev.replace(context={**hints, "country_hint": None, "country_basis": None}), res, ctx, doc_text)
        return _far_alternate(plain, res, (iso, *groups))
    if sea is not None and not admin1 and hints.get("country_basis") != "province" and not _country_after(doc_text, sea[1], iso):
        return sea  # a province the text names ("in the Red Sea off Hodeidah") is the better anchor
    return None, None, -1


_ACRONYM = re.compile(r"[A-Z]{2,5}")


def _acronym_miss(r: Resolution, text: str, c: Mapping[str, Any], res: Resolver, doc_text: str) -> bool:
    """"Russian airstrikes ... in NES": capitals in a sentence written in lower case are an abbreviation (NES:
    north-east Syria), not a village whose name is spelt alike (Nes', Russia). Only a place that bears the capitals
    as one of its names (DRC, UAE, a country's code) or a region (the resolver's own rule for codes) is taken; a
    line written all in capitals (a dateline "GAO, Mali -", a shouted headline) says nothing (session 11)."""
    from eventcoder.gazetteer.resolve import REGIONAL

    word = text.strip()
    if not _ACRONYM.fullmatch(word) or c.get("start") is None or c.get("feature") == "dateline":
        return False
    if r.place.feature in REGIONAL:
        return False
    s = int(c["start"])
    line = doc_text[doc_text.rfind("\n", 0, s) + 1 : (doc_text.find("\n", s) + 1 or len(doc_text) + 1) - 1]
    if not re.search(r"\b[a-z]{3,}", line):
        return False
    return not res.g.sql("SELECT 1 FROM names WHERE place = ? AND name = ? LIMIT 1", (r.place.id, word))


def _country_follows(doc_text: str, end: int) -> bool:
    """Whether a comma and then a country's name (not an adjective) follow ``end``: "GAO, Mali"."""
    from eventcoder.extraction.places import country_by_iso, find_countries

    m = re.match(r",\s*", doc_text[end : end + 3])
    if m is None:
        return False
    at = end + m.end()
    for cs, _ce, written, iso in find_countries(doc_text[at : at + 40], at):
        info = country_by_iso(iso)
        return cs == at and info is not None and written in info.names
    return False


_BUILDINGS = frozenset({"hospital", "mosque", "church", "school", "market", "hotel", "prison", "station",
                        "compound", "refinery"})  # fmt: skip
# "X in Y", "X in the southern countryside of Y": lower-case words only between "in" and the next name;
# "X district of Y", "X village in (the) Y": a unit's or a settlement's word, then "of" or "in" (session 8)
_IN_NEXT = re.compile(r"\s+in\s+(?:the\s+)?(?:[a-z]+\s+){0,2}(?:of\s+)?")
_UNIT_OF_NEXT = re.compile(
    r"\s+(?:district|sub-?district|county|lga|village|town|city|area|locality|neighbou?rhood|quarter|suburb|desert)"
    r"\s+(?:of|in)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}(?:of\s+)?",
    re.IGNORECASE,
)
# "X, Y" with Y a province: X lies in Y (as in a comma chain that ends without a country)
_COMMA_NEXT = re.compile(r"(?:\s+(?:district|sub-?district|county|lga|village|town|city))?,\s*", re.IGNORECASE)


_LIST_NEXT = re.compile(r"(?:\s*,\s*|\s+and\s+|\s*&\s*)(?P<w>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")


def _listed_on(doc_text: str, end: int, res: Resolver) -> bool:
    """Whether another capitalised name that is no country follows the name ending at ``end`` after a comma or
    "and": the names are a list ("students from Aligarh, Punjab and Haryana"), not a place and its province."""
    m = _LIST_NEXT.match(doc_text, end)
    return m is not None and res.g.country_iso(m.group("w")) is None


# country hints weak enough for "X, P" to move X to a province P of another country: a province name read in the
# text (often X itself: "Santa Fe, Ocotepeque" gave Argentina), a nationality, a group's home
_WEAK_COMMA_BASES = frozenset({"province", "adjective", "actor"})
def _part_of_town(r: Resolution, i: int, cands: list[dict[str, Any]], res: Resolver, iso: str | None,
                  admin1: str | None, ctx: DocContext | None) -> tuple[Resolution, dict[str, Any], int] | None:  # fmt: skip
    """"in Teresina, Piaui, a man was shot in Renascenca neighborhood": a neighbourhood's name found as a place far
    from the one town the same event names (Renascença, a village in Parana, 2,580 km) is a namesake; the
    neighbourhood lies in that town, which is the answer (geo_precision 2 at least, by _apply) (session 8)."""
    from eventcoder.gazetteer.index import haversine_km

    p = r.place
    if p.lat is None or p.lon is None:
        return None
    for k, o in enumerate(cands):
        t = str(o.get("text") or "")
        if k == i or not t or str(o.get("feature") or "").lower() in _TOWN_PARTS:
            continue
        rk = res.resolve(t, country=iso, admin1=admin1 if iso else None, feature=o.get("feature"),
                         relation=o.get("relation"), context=ctx, allow_fuzzy=False)  # fmt: skip
        if rk is None or rk.weak or rk.place.is_admin or rk.place.lat is None:
            continue
        if (rk.alternatives > 1 and not _one_place(rk, t, res, rk.place.country or "")
                and not (rk.place.feature in ("capital", "city") and rk.method == "exact")):  # fmt: skip
            continue  # a city the list calls one, by its exact name, is the town ("... of western Kabul") (session 12)
        if haversine_km(p.lat, p.lon, rk.place.lat, rk.place.lon or 0.0) <= ONE_PLACE_KM:
            return None  # the neighbourhood found lies in or by the town: keep it
        why = (f"{rk.reason}; the neighbourhood '{cands[i].get('text')}' lies in it (its namesake "
               f"{plain(p.name)}, {plain(p.admin1)} is far from it)")  # fmt: skip
        return dataclasses.replace(rk, reason=why, precision=max(rk.precision, 2)), o, k
    return None


ABROAD_NEAR_KM = 100.0


def _near_country(place: Place, res: Resolver, iso: str, km: float) -> bool:
    """Whether a place the gazetteer lists in country ``iso`` lies within ``km`` of ``place``."""
    from eventcoder.gazetteer.index import haversine_km

    if place.lat is None or place.lon is None:
        return False
    dlat, dlon = _box(place.lat, km)
    rows = res.g.sql(
        "SELECT lat, lon FROM places WHERE country = ? AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
        "AND feature NOT IN ('adm1', 'adm2', 'country')",
        (iso, place.lat - dlat, place.lat + dlat, place.lon - dlon, place.lon + dlon),
    )
    return any(haversine_km(place.lat, place.lon, a, b) <= km for a, b in rows if a is not None)


ANCHOR_TO_NAMED_PROVINCE = True  # "X, P" / "X in P", X listed only outside province P: P itself (session 8)


def _next_in_text(c: dict[str, Any], cands: list[dict[str, Any]]) -> int | None:
    """The index of the candidate that starts first after ``c`` ends in the text, if any."""
    e = c.get("end")
    if e is None:
        return None
    after = [(int(x["start"]), k) for k, x in enumerate(cands) if x.get("start") is not None and int(x["start"]) >= int(e)]
    return min(after)[1] if after else None


# "the town of Goniri in Yobe": "in" and a province right after the name (session 12, fresh12 F2; the possessive
# "in Chhattisgarh's Bijapur" is helper geo's _possessive_hint)
_IN_PROVINCE_AFTER = re.compile(r"\s+in\s+(?P<p>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)(?:\s+(?:state|province|region))?"
                                r"(?=[\s,.;:)]|$)")


def _phrase_province(c: Mapping[str, Any], doc_text: str, res: Resolver,
                     iso: str | None) -> tuple[str, str, str] | None:  # fmt: skip
    """(country, province, its name as written) when the name's own phrase puts it in a province: "Goniri in Yobe",
    "Chhattisgarh's Bijapur".
    The province must be one of the text's country or, with none known, of exactly one country."""
    s, e = c.get("start"), c.get("end")
    m = _IN_PROVINCE_AFTER.match(doc_text, int(e)) if e is not None else None
    if m is not None:
        unit, named = _named_province(m.group("p"), res, iso), m.group("p")
    elif s is not None:
        # "on the Kutru-Bedre road in Chhattisgarh's Bijapur district": the possessive before any candidate
        unit, named = _possessive_province(doc_text, int(s), res, iso)
    else:
        return None
    return (unit.country or "", unit.name, named) if unit is not None else None


_POSSESSIVE_BEFORE = re.compile(r"(?P<p>[A-Z][\w-]+(?: [A-Z][\w-]+){0,2})['’]s\s+$")


def _named_province(named: str, res: Resolver, iso: str | None) -> Place | None:
    """The province (adm1) a name denotes, by its name or an alternate one ("Shan State", "North Sinai"): one of the
    text's country when it is known, else a province of exactly one country."""
    units = [q for q in res.g.candidates(named, iso) if q.feature == "adm1"]
    return units[0] if len({(q.country, q.name) for q in units}) == 1 else None


def _possessive_province(doc_text: str, start: int, res: Resolver, iso: str | None) -> tuple[Place | None, str]:
    """"Borno's Konduga", "in Chhattisgarh's Bijapur district": the province written in the possessive right before the
    name starting at ``start`` (None when there is none) and the words as written. Used before the first candidate
    (_possessive_hint, a hint for resolution) and before a later one (_phrase_province, after resolution)."""
    m = _POSSESSIVE_BEFORE.search(doc_text[max(0, start - 40) : start])
    return (_named_province(m.group("p"), res, iso), m.group("p")) if m is not None else (None, "")


def _in_phrase_province(r: Resolution | None, text: str, c: dict[str, Any], i: int, res: Resolver, iso: str | None,
                        ctx: DocContext | None, doc_text: str) -> tuple[Resolution, dict[str, Any], int] | None:  # fmt: skip
    """The name's namesake inside the province its own phrase names, when the pick lies in another (a homonym in
    another state, or the province of a heading that spans several: "Wilayat Gharb Ifriqiya" says Borno)."""
    from eventcoder.gazetteer.resolve import _same_admin

    found = _phrase_province(c, doc_text, res, iso)
    if found is None:
        return None
    country, province, named = found
    if r is not None and r.place.country == country and _same_admin(r.place.admin1, province):
        return None
    r2 = res.resolve(text, country=country, admin1=province, feature=c.get("feature"), relation=c.get("relation"),
                     context=ctx, allow_fuzzy=False)  # fmt: skip
    if r2 is None or r2.weak or r2.place.is_admin and r2.place.feature == "adm1":
        return None
    was = f" (not {plain(r.place.name)}, {plain(r.place.admin1)})" if r is not None else ""
    return dataclasses.replace(r2, reason=f"{r2.reason}; in {named} as its phrase says{was}"), c, i


_AREA_OF = re.compile(r"\s+(?:area|outskirts|countryside)\s+of\s+(?:the\s+)?", re.IGNORECASE)


def _area_first(cands: list[dict[str, Any]], doc_text: str, res: Resolver, iso: str | None,
                ctx: DocContext | None) -> list[dict[str, Any]]:  # fmt: skip
    """"in the Kulachi area of Dera Ismail Khan": the candidates' order put the district first (an area is vague),
    but X, found exactly inside Y's unit, is the more precise place: X goes before Y (fresh12 F7)."""
    starts = {int(o["start"]): k for k, o in reversed(list(enumerate(cands))) if o.get("start") is not None}
    for i, c in enumerate(cands):
        e = c.get("end")
        m = _AREA_OF.match(doc_text, int(e)) if i and e is not None else None
        k = starts.get(m.end()) if m is not None else None
        if k is None or k >= i:
            continue
        rx = res.resolve(str(c.get("text") or ""), country=iso, context=ctx, allow_fuzzy=False)
        ry = res.resolve(str(cands[k].get("text") or ""), country=iso, context=ctx, allow_fuzzy=False)
        if rx is None or ry is None or rx.weak or rx.place.is_admin or rx.place.country != ry.place.country:
            continue
        unit = ry.place.admin2 if ry.place.feature != "adm1" else None
        if unit and rx.place.admin2 == unit or ry.place.feature == "adm1" and rx.place.admin1 == ry.place.admin1:
            return [*cands[:k], c, *cands[k:i], *cands[i + 1 :]]
    return cands


def _in_next(r: Resolution, text: str, c: dict[str, Any], nxt: dict[str, Any], j: int, res: Resolver,
             ctx: DocContext | None, doc_text: str, iso: str | None = None,
             own: int | None = None, abroad: bool = False) -> tuple[Resolution, dict[str, Any], int] | None:  # fmt: skip
    """"shelled Kinda in Idleb", no country known: the name was resolved worldwide (Kinda Kommun, Sweden) while
    the text puts it in the next name's place. When that next name ("Idleb"), written right after "in", resolves
    exactly to a place of another country, the name is looked up in that country (and province): the namesake
    there, else the container itself (geo_precision 2 at least, by _apply). Only the very next candidate, and
    only when the two disagree on the country, or the next name is a province the place lies outside
    ("Springfield in Illinois": not Missouri's) (session 7).

    Session 8: also "X district of Y" / "X village in Y" (a unit's or settlement's word before "of"/"in": "the
    Golbasi district of Adiyaman" is Adiyaman's Golbasi, not Ankara's larger one, though both are Turkish: a namesake
    inside Y's province is taken), "X, Y" with Y a province, and with a country known (but no province) the province
    case ("Bijapur district of south Chhattisgarh" is Chhattisgarh's Bijapur, not Karnataka's)."""
    own = j - 1 if own is None else own  # the index of ``c`` among the candidates
    e, ns = c.get("end"), nxt.get("start")
    if e is None or ns is None:
        return None
    between = doc_text[int(e) : int(ns)]
    unit_of = bool(_UNIT_OF_NEXT.fullmatch(between))
    comma = not unit_of and bool(_COMMA_NEXT.fullmatch(between))
    if not (unit_of or comma or _IN_NEXT.fullmatch(between)):
        return None
    from eventcoder.gazetteer.resolve import _same_admin

    rc = res.resolve(str(nxt.get("text") or ""), feature=nxt.get("feature"), relation=nxt.get("relation"),
                     context=ctx, allow_fuzzy=False)  # fmt: skip
    if rc is None or rc.weak or rc.place.feature in ("country", "continent"):
        return None
    named = str(nxt.get("text") or "")
    if comma and not rc.place.is_admin and rc.place.country and _province_seat(rc.place, named, res):
        # "in Qarabagh, Ghazni": after a comma, the province the seat town is named after ("Ghazni" resolves to the
        # town), which X lies in, not a namesake in another province (session 12)
        seat = next(q for q in res.g.candidates(named, rc.place.country) if q.feature == "adm1" and q.name == rc.place.admin1)
        rc = dataclasses.replace(rc, place=seat)
    province = (rc.place.feature == "adm1" and r.place.feature not in ("adm1", "country")
                and not _same_admin(r.place.admin1, rc.place.name))  # fmt: skip
    if (comma and abroad and not r.place.is_admin and not _listed_on(doc_text, int(nxt.get("end") or ns), res)
            and not any(_same_admin(a, named) for a in (r.place.admin1, r.place.admin2))):  # fmt: skip
        # (a place already in a unit of that name stays: "Rupnagar, Punjab" is India's, not a Pakistani namesake)
        # "in El Alto, La Paz" (Peru's El Alto was taken), "in Valparaiso, Zacatecas" (Chile's): the one province
        # of that name, in any country, that lists a place of X's name; no country known, or only a weak hint
        hits = {}
        for u in res.g.candidates(named):
            if u.feature != "adm1" or u.country == r.place.country or not _same_admin(u.name, named):
                continue
            r3 = res.resolve(text, country=u.country, admin1=u.name, feature=c.get("feature"),
                             relation=c.get("relation"), context=ctx, allow_fuzzy=False)  # fmt: skip
            if r3 is not None and not r3.weak:
                hits[(u.country, u.name)] = r3
        if len(hits) == 1:
            (r3,) = hits.values()
            why = f"{r3.reason}; in {named} as the text says (not {plain(r.place.name)}, {r.place.country})"
            return dataclasses.replace(r3, reason=why), c, own
    # a mentioned nationality's forces act at home or just across its border: "Turkish forces shelled Zinar in
    # Tell Abiad countryside" (Tell Abyad lies on the border), not "Indian troops ... in Ladoora village of Rafiabad"
    # (Rafiabad, Iran, 2,000 km away; the text's is in Baramulla)
    cross = (abroad and rc.place.country != r.place.country
             and (not iso or _near_country(rc.place, res, iso, ABROAD_NEAR_KM)))  # fmt: skip
    # "Kazi village, Masisi territory" with no country known: a district of another country than X's pick is
    # a container as after "in" (below: X's namesake in its province), not only a province of X's own (session 12)
    elsewhere_unit = comma and not iso and rc.place.feature == "adm2" and rc.place.country != r.place.country
    if (iso and not cross) or (comma and not elsewhere_unit):
        # a country known (not a mere mention: "Turkish forces shelled Zinar in Tell Abiad countryside" reads as
        # without it), or only a comma between: only a province of the place's own country that it lies outside:
        # its namesake there, else the province
        if not province or rc.place.country != r.place.country or (iso and rc.place.country != iso):
            return None
        if _listed_on(doc_text, int(nxt.get("end") or ns), res) or any(
            q.feature == "adm1" for q in res.g.candidates(text, rc.place.country)
        ):
            return None  # a list of names ("in Kabul, Ghor, Laghman and Balkh provinces"), or X a province itself
        if _on_province_border(r.place, res, rc.place.country or "", rc.place.name):
            return None  # the name just across the province's border ("Nasirabad, Balochistan": the Sindh town)
        r2 = res.resolve(text, country=rc.place.country, admin1=rc.place.name, feature=c.get("feature"),
                         relation=c.get("relation"), context=ctx, allow_fuzzy=False)  # fmt: skip
        if r2 is None:
            if not ANCHOR_TO_NAMED_PROVINCE:
                return None
            # no place of that name in the province the text puts it in: the province, not a namesake elsewhere
            why = (f"{rc.reason}; '{text}' lies in it as the text says; its namesake {plain(r.place.name)} lies in "
                   f"{plain(r.place.admin1)}")  # fmt: skip
            return dataclasses.replace(rc, reason=why), nxt, j
        why = f"{r2.reason}; in {named} as the text says (not {plain(r.place.name)}, {plain(r.place.admin1)})"
        return dataclasses.replace(r2, reason=why), c, own
    if (unit_of and rc.place.country == r.place.country and not rc.place.is_admin and rc.place.admin1
            and rc.place.admin1 != r.place.admin1
            and all(x.admin1 == rc.place.admin1 for x in res.g.candidates(named, rc.place.country))):  # fmt: skip
        # "the Golbasi district of Adiyaman": Y a town whose province differs from X's pick: X's namesake there
        r2 = res.resolve(text, country=rc.place.country, admin1=rc.place.admin1, feature=c.get("feature"),
                         relation=c.get("relation"), context=ctx, allow_fuzzy=False)  # fmt: skip
        if r2 is None:
            return None
        why = f"{r2.reason}; in {named} as the text says (not {plain(r.place.name)}, {plain(r.place.admin1)})"
        return dataclasses.replace(r2, reason=why), c, own
    if rc.place.country != r.place.country and any(_same_admin(a, named) for a in (r.place.admin1, r.place.admin2)):
        return None  # the place already lies in a unit of that name ("Amritsar in Punjab": India's, not Pakistan's)
    if rc.place.country == r.place.country and not (rc.place.feature == "adm1" and not r.place.is_admin
                                                    and not _same_admin(r.place.admin1, rc.place.name)):  # fmt: skip
        return None  # same country: only a province the text names that the place found lies outside
    if (rc.alternatives > 1 and rc.precision < 3 and rc.place.feature != "adm1"
            and not _one_place(rc, named, res, rc.place.country or "")):  # fmt: skip
        return None  # the container is itself a guess among namesakes (not a province and its seat town)
    unit = rc.place.name if rc.place.feature == "adm1" else rc.place.admin1
    r2 = res.resolve(text, country=rc.place.country, admin1=unit, feature=c.get("feature"), relation=c.get("relation"),
                     context=ctx, allow_fuzzy=False)  # fmt: skip
    if r2 is not None:
        why = f"{r2.reason}; in {nxt.get('text')} as the text says (not {r.place.name}, {r.place.country})"
        return dataclasses.replace(r2, reason=why), c, own
    why = f"{rc.reason}; '{text}' lies in it as the text says, and no place of that name is listed there"
    return dataclasses.replace(rc, reason=why), nxt, j


# "between A and B": the text before the second name of the pair, back to "between" in the same sentence
_BETWEEN_BEFORE = re.compile(r"(?i)\bbetween\s+(?:the\s+)?(?P<a>[^.;:\n]{2,60}?)\s+(?:and|&)\s+(?:the\s+)?$")
_OF_TAIL = re.compile(r"\s+of\s+(?:the\s+)?(?=[A-Z])")


def _between_partner(r: Resolution, text: str, c: dict[str, Any], i: int, cands: list[dict[str, Any]],
                     res: Resolver, ctx: DocContext | None,
                     doc_text: str) -> tuple[Resolution, dict[str, Any], int] | None:  # fmt: skip
    """"a human chain between Maldhunga of Baglung and Nisi", no country known: the second name of the pair was
    resolved worldwide (Nice, France) while the first places the pair in Nepal. When the first name (or, for "A of
    B", its B) resolves exactly and without doubt to a place of another country, the second is looked up there
    (its province first): that namesake, else the first name's place; never a confident point (session 8)."""
    s = int(c["start"])
    m = _BETWEEN_BEFORE.search(doc_text[max(0, s - 80) : s])
    if m is None:
        return None
    first = m.group("a").strip()
    tries = [first] + [first[t.end() :] for t in _OF_TAIL.finditer(first)]
    ra, name = None, first
    for name in tries:
        ra = res.resolve(name, allow_fuzzy=False, context=ctx)
        if ra is not None:
            break
    if (ra is None or ra.weak or ra.place.feature in ("country", "continent") or ra.place.lat is None
            or ra.place.country == r.place.country):  # fmt: skip
        return None
    if ra.alternatives > 1 and ra.precision < 3:
        # namesakes: only when all lie in one country, within ONE_PLACE_KM (a district and its seat town)
        from eventcoder.gazetteer.resolve import peel

        if any(x.country != ra.place.country for x in res.g.candidates(peel(name)[0] or name)):
            return None
        if not _one_place(ra, name, res, ra.place.country or ""):
            return None
    q = ra.place
    unit = q.name if q.feature == "adm1" else q.admin1
    r2 = None
    if unit:
        r2 = res.resolve(text, country=q.country, admin1=unit, feature=c.get("feature"), relation=c.get("relation"),
                         context=ctx, allow_fuzzy=False)  # fmt: skip
    if r2 is None:
        r2 = res.resolve(text, country=q.country, feature=c.get("feature"), relation=c.get("relation"),
                         context=ctx, allow_fuzzy=False)  # fmt: skip
    if r2 is not None and r2.place.feature != "country":
        why = f"{r2.reason}; between {first} and {text}: in the country of the first ({q.country}), not {plain(r.place.name)}, {r.place.country}"
        return dataclasses.replace(r2, precision=max(r2.precision, 2), reason=why), c, i
    why = (f"{ra.reason}; between {first} and {text}, which is listed only elsewhere ({plain(r.place.name)}, "
           f"{r.place.country}): near the first")  # fmt: skip
    end = m.end("a") + max(0, s - 80)
    cand = {"text": name, "start": end - len(name), "end": end, "relation": "near", "feature": None}
    return dataclasses.replace(ra, precision=max(ra.precision, 2), reason=why), cand, i


def _exact_elsewhere(r: Resolution, rest: list[dict[str, Any]], first: int, res: Resolver, iso: str,
                     ctx: DocContext | None) -> tuple[Resolution, dict[str, Any], int] | None:
    """A spelling variant found in the whole country gives way to a later name of the same event that places
    itself exactly (a province or district, or a place without a namesake), when the variant lies outside it (a province or district) or more
    than 25 km from it: "attacked a Shiite militia in Babil" is Babil, not the village Sirtay (91 % alike
    "Shiite") in Dohuk. Never a finer geo_precision than 2 for a town: the event is near it, not at it."""
    from eventcoder.gazetteer.index import haversine_km

    for j, c in enumerate(rest):
        text = str(c.get("text") or "")
        if not text:
            continue
        r2 = res.resolve(text, country=iso, feature=c.get("feature"), relation=c.get("relation"), context=ctx,
                         allow_fuzzy=False)  # fmt: skip
        if r2 is None or r2.place.feature == "country" or (r2.alternatives != 1 and not r2.place.is_admin):
            continue
        p, q = r.place, r2.place
        if q.feature == "adm1":
            inside = p.admin1 == q.name
        elif q.feature == "adm2":
            inside = p.admin2 == q.name
        else:
            inside = (p.lat is not None and q.lat is not None
                      and haversine_km(p.lat, p.lon or 0.0, q.lat, q.lon or 0.0) <= CONTEXT_SAME_KM)  # fmt: skip
        if inside:
            return None
        why = (f"{r2.reason}; the spelling variant found for an earlier name, {plain(p.name)} ({plain(p.admin1)}), "
               "lies outside it: the exact name wins")  # fmt: skip
        return dataclasses.replace(r2, precision=max(r2.precision, 2), reason=why), c, first + j
    return None


# ---------------------------------------------------------------------------------- a country only mentioned
# The country hint of a passage without a heading is the first country its text names ("protested at Jammu city
# against Pakistan", "Bangladeshi peacekeepers ... in Bangui"): a party, not always the place. When no place of
# the passage lies in it, a name that places itself without doubt elsewhere (own name, no namesake in another
# country unless ten times smaller, a province or district or a town of FALLBACK_POPULATION people, exact
# spelling) is the better evidence; the two disagree, so never a confident point (geo_precision 2 at least).
# A hint from a heading, a wilayah, a province or the document is left alone.
_MENTION_BASES = frozenset({"text", "adjective", "actor"})  # actor: a group's home country (headlines.py)


def _group_isos(hints: Mapping[str, Any], doc_text: str) -> tuple[str, ...]:
    """The countries of the group whose home country gave an ``actor`` hint (headlines.group_countries), read from
    the event's passage."""
    from eventcoder.extraction.headlines import group_countries

    span = hints.get("passage")
    text = doc_text[int(span[0]) : int(span[1])] if span else doc_text
    return group_countries(text)
_SCENE = re.compile(r"(?:^|[.!?]\s+|\n\s*)(?:In|At)\s+$")
_UNIT_WORDS = frozenset({"province", "governorate", "state", "district", "region", "county", "lga", "sub-district"})


_IN_COUNTRY = re.compile(r"(?i)\b(?:in|across|throughout|inside)\s+(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?$")


def _twin_abroad(r: Resolution, text: str, c: dict[str, Any], res: Resolver, iso: str) -> Resolution:
    """A place of the mentioned country found only under another name, with a place across the border within
    CONTEXT_SAME_KM that bears the name as its own: the twin town ("Turkish shelling ... in Ras al-Ain": Ceylanpinar,
    Turkey, lists the name; Ra's al 'Ayn, Syria, 3 km away, is it). The country was only mentioned, so precision 2."""
    from eventcoder.gazetteer.index import haversine_km
    from eventcoder.gazetteer.normalize import name_key
    from eventcoder.gazetteer.resolve import peel

    p = r.place
    if r.method != "exact" or p.lat is None or not _by_alternate(r, c):
        return r
    key = name_key(peel(text)[0] or text)
    twins = [q for q in res.g.candidates(text) if q.country not in (iso, None) and not q.is_admin and q.lat is not None
             and name_key(q.name) == key and haversine_km(p.lat, p.lon or 0.0, q.lat, q.lon or 0.0) <= CONTEXT_SAME_KM]  # fmt: skip
    if len(twins) != 1:
        return r
    why = (f"{r.reason}; {plain(p.name)} only lists the name, which {plain(twins[0].name)} ({twins[0].country}), "
           "across the border, bears as its own: that place, precision lowered")  # fmt: skip
    return dataclasses.replace(r, place=twins[0], precision=max(r.precision, 2), reason=why, admin1_override=None)


def _exact_abroad(r: Resolution, text: str, c: dict[str, Any], res: Resolver, iso: str, ctx: Any) -> Resolution:
    """A spelling variant in the attackers' country against the name itself abroad ("Turkish drone kills 3 in
    Qamishli": Kamisli, a Turkish village, by spelling; Al Qamishli, Syria, by its name): the country was only the
    attackers', so the exact name wins (session 10, lead)."""
    exact = res.resolve(text, country=None, feature=c.get("feature"), relation=c.get("relation"), context=ctx,
                        allow_fuzzy=False)  # fmt: skip
    if exact is None or exact.method != "exact" or exact.place.country in (iso, None) or exact.place.is_admin:
        return r
    why = f"{exact.reason}; the text names {iso} only as the attackers', and there it is only a spelling variant"
    return dataclasses.replace(exact, reason=why)


NEAR_ABROAD_KM = 1500.0


def _far_alternate(found: tuple[Resolution | None, dict[str, Any] | None, int], res: Resolver,
                   home: Sequence[str]) -> tuple[Resolution | None, dict[str, Any] | None, int]:  # fmt: skip
    """The reading found worldwide when the text's group ties it to ``home`` (its home country, or the countries it
    fights in) and no place of the name lies there: a place abroad that lists the name only among its others
    (Tehran for "Tirah" in a TTP report, a Ukrainian village once called Babel', an Indian town for "Baga" in a Boko
    Haram one) and lies more than ABROAD_NEAR_KM from every such country is no evidence: the event is left as
    without a place (session 11; a place bearing the name as its own, or one just across a border, stays)."""
    r, c, _i = found
    if r is None or r.place.country in home or not _by_alternate(r, c):
        return found
    if any(_near_country(r.place, res, h, ABROAD_NEAR_KM) for h in home if h):
        return found
    return None, None, -1


def _bigger_namesake_near(home_r: Resolution, plain: Resolution | None, home: Sequence[str]) -> bool:
    """Whether the reading found without the group's area is a larger town abroad within NEAR_ABROAD_KM of the one
    found in it: groups strike across a nearby border ("Houthi fighters ... in Najran": Najran, Saudi Arabia, 330,000
    people, not a Yemeni village of the name; "Taliban ... in Bannu", "in Chaman": Pakistan's towns, not Afghan
    villages), not on another continent ("Al Shabaab ... in Bari" stays Somalia's, Bari, Italy lying 5,500 km off)."""
    from eventcoder.gazetteer.index import haversine_km

    if plain is None or plain.place.country in home or plain.place.is_admin or plain.place.lat is None:
        return False
    h = home_r.place
    if h.lat is None or plain.place.population < max(ELSEWHERE_POPULATION, h.population + 1):
        return False
    return haversine_km(h.lat, h.lon or 0.0, plain.place.lat, plain.place.lon or 0.0) <= NEAR_ABROAD_KM


def _home_countries(doc: Document, ev: Event) -> Event:
    """Notes the countries of a group the passage names (headlines.group_countries, home first) on an event that has
    no country hint, for ``_try`` to look in first; fire from afar (rockets, drones, shelling) gives none."""
    from eventcoder.extraction.headlines import actor_country, group_countries

    hints = ev.context or {}
    span = hints.get("passage")
    if hints.get("country_hint") or not span:
        return ev
    text = doc.text[int(span[0]) : int(span[1])]
    if actor_country(text) is None:
        return ev
    home = group_countries(text)
    return ev.replace(context={**hints, "home_countries": list(home)}) if home else ev


# "officials in Sanaa said", "sources in Kabul told AFP": where the speakers are, not the scene (session 10)
_SPEAKER_BEFORE = re.compile(
    r"(?i)\b(?:officials?|sources?|spokesm[ae]n|spokes(?:wo)?m[ae]n|spokesperson|authorities|ministry|government|"
    r"residents?|witnesses|police|military|army|diplomats?|correspondents?|reporters?)\s+in\s+$"
)
# right after the name, no comma: "in Lahore, said police officials" is the scene, its speakers named after it
_SPEAKER_AFTER = re.compile(r"(?i)^\s+(?:said|say|says|told|reported|report|reports|announced|confirmed|claimed)\b")


def _speaker_place(doc: Document, ev: Event, res: Resolver) -> Event:
    """Drops a place named only as where the speakers are ("... shot dead in Montreux, officials in Sanaa said")
    when the passage names another place; the country hint read from that place alone (basis ``province``: no other
    place of the passage lies in it) goes with it, so the scene is sought without it (session 10). "Talks in
    Montreux failed; 4 civilians were killed in Sanaa" keeps Sanaa."""
    hints = ev.context or {}
    cands = list(hints.get("place_candidates") or [])
    if len(cands) < 2:
        return ev
    text = doc.text

    def speaker(c: dict[str, Any]) -> bool:
        s, e = c.get("start"), c.get("end")
        return (s is not None and e is not None and bool(_SPEAKER_BEFORE.search(text[max(0, int(s) - 40) : int(s)]))
                and bool(_SPEAKER_AFTER.match(text[int(e) : int(e) + 20])))  # fmt: skip

    kept = [c for c in cands if not speaker(c)]
    if not kept or len(kept) == len(cands):
        return ev
    out = {**hints, "place_candidates": kept}
    iso = hints.get("country_hint")
    if iso and hints.get("country_basis") == "province" and not hints.get("admin1_hint"):
        if not any(res.resolve(str(c.get("text") or ""), country=iso, allow_fuzzy=False) for c in kept):
            out.update(country_hint=None, country_basis=None)
    return ev.replace(context=out)


# "fired from Yemen", "drone from Yemen", "crossed from Syria": a country of origin is not the scene (session 9)
# ("citizens from Myanmar", "refugees displaced from Syria": people's origin, which may well be the scene)
_ORIGIN_BEFORE = re.compile(
    r"(?i)\b(?:fired|launched|shot|lobbed|flown|drones?|missiles?|rockets?|shells?|projectiles?|mortars?|crossed|"
    r"infiltrat\w+|incursions?)\s+(?:[\w-]+\s+){0,2}?from\s+(?:the\s+)?(?:neighbou?ring\s+)?$"
)


def _mentioned_country(
    doc: Document, ev: Event
) -> tuple[Mapping[str, Any], str, int, list[tuple[int, int, str, str]]] | None:
    """For an event whose country hint is a mere mention in its passage: (context, the hint's ISO2, the passage's
    start, the countries the passage names); else None. Shared by ``_origin_country`` and ``_stated_country``."""

    hints = ev.context or {}
    span = hints.get("passage")
    iso = hints.get("country_hint")
    if not span or not iso or hints.get("country_basis") not in _MENTION_BASES:
        return None
    base = int(span[0])
    return hints, str(iso), base, list(_countries_in(doc.text, base, int(span[1])))


def _origin_country(doc: Document, ev: Event) -> Event:
    """A hint country the passage names only as an origin ("a missile fired from Yemen") gives way to another
    country it names otherwise ("Saudi air defences"); with none, the hint stays."""
    mention = _mentioned_country(doc, ev)
    if mention is None:
        return ev
    hints, iso, base, found = mention
    origin = [_ORIGIN_BEFORE.search(doc.text[max(base, cs - 40) : cs]) is not None for cs, _e, _w, _i in found]
    own = [o for o, x in zip(origin, found, strict=True) if x[3] == iso]
    other = [x[3] for o, x in zip(origin, found, strict=True) if x[3] != iso and not o]
    if own and all(own) and other:
        return ev.replace(context={**hints, "country_hint": other[0], "country_origin": iso})
    if own and all(own):
        # "a rocket fired from Syria wounded two": the hint still ranks namesakes of the places the text names,
        # but never anchors an event none of whose places is found: the scene's country is unknown (session 10)
        return ev.replace(context={**hints, "country_origin": iso})
    return ev


def _dateline_cue(doc: Document, ev: Event) -> Event:
    """A country hint read only from the wire dateline's city ("BEIRUT, May 10 - ... in the northern Syrian city of
    Manbij") gives way to the country the passage names otherwise: the dateline is where the reporter files from,
    not the scene (session 12, fresh F4). With no other country named, the hint stays."""
    from eventcoder.extraction.places import dateline_heads, find_admin_countries

    hints = ev.context or {}
    span = hints.get("passage")
    iso = hints.get("country_hint")
    if not span or not iso or hints.get("country_basis") != "province":
        return ev
    base, end = int(span[0]), int(span[1])
    heads = dateline_heads(doc.text, base, end)
    if not heads:
        return ev
    cues = [x for x in find_admin_countries(doc.text[base:end], base) if x[3] == iso]
    if not cues or not all(any(a <= x[0] < b for a, b in heads) for x in cues):
        return ev
    other = [x for x in _countries_in(doc.text, base, end)
             if x[3] != iso and not any(a <= x[0] < b for a, b in heads)
             and not _ORIGIN_BEFORE.search(doc.text[max(base, x[0] - 40) : x[0]])]  # fmt: skip
    if not other:
        return ev
    return ev.replace(context={**hints, "country_hint": other[0][3], "country_basis": "adjective", "country_dateline": iso})


def _term_cue(doc: Document, ev: Event, res: Resolver) -> Event:
    """A country hint read only from a party or a term of one country (data/country_cues.csv: "ANP", "lathi",
    "collectorate"), no place of it, gives way to a place the event's own phrases name elsewhere: a place cue of
    another country ("a lathi charge ... in Karachi": Pakistan), or a name found exactly in the home country of a
    group the passage names ("Taliban gunmen overran an ANP checkpoint in Gereshk": ANP is also Afghanistan's police).
    A cue that is a place of the hint's country keeps it; so does a place abroad found otherwise (ACLED dev: BNP or
    Jeay Sindh texts naming unlisted villages that towns abroad share) (session 13, review of session 12)."""
    from eventcoder.extraction.places import find_admin_countries

    hints = ev.context or {}
    span = hints.get("passage")
    iso = hints.get("country_hint")
    cands = [c for c in hints.get("place_candidates") or [] if c.get("start") is not None]
    if not span or not iso or not cands or hints.get("country_basis") != "province" or hints.get("admin1_hint"):
        return ev
    base = int(span[0])
    cues = find_admin_countries(doc.text[base : int(span[1])], base)

    def place(x: tuple[int, int, str, str]) -> bool:  # a term in lower case ("lathi") is none, whatever the list says
        return not x[2].islower() and any(q.feature != "country" for q in res.g.candidates(x[2], x[3]))

    own = [x for x in cues if x[3] == iso]
    if not own or any(place(x) for x in own):
        return ev
    first = cands[0]  # the scene, not a place named beside it ("the border near Gaur ... of Bihar": Nepal's)
    other = [x for x in cues if x[3] != iso and (x[0], x[1]) == (int(first["start"]), int(first["end"])) and place(x)]
    if other:
        return ev.replace(context={**hints, "country_hint": other[0][3], "country_term": iso})
    from eventcoder.extraction.headlines import group_countries

    name = str(first.get("text") or "")
    if res.resolve(name, country=iso, allow_fuzzy=False) is not None:
        return ev  # "Taliban ... ANP ... in Bannu": Pakistan's town, not an Afghan village of the key (ACLED dev)
    for g in group_countries(doc.text[base : int(span[1])]):
        if g != iso and res.resolve(name, country=g, allow_fuzzy=False) is not None:
            return ev.replace(context={**hints, "country_hint": g, "country_term": iso})
    return ev


def _stated_country(doc: Document, ev: Event) -> Event:
    """Marks a passage that puts its events in its hint country outright ("villages in western Yemen"): that
    country is no mere mention, and a place elsewhere never overrules it."""
    mention = _mentioned_country(doc, ev)
    if mention is None:
        return ev
    hints, iso, base, found = mention
    for cs, _ce, _written, ciso in found:
        if ciso == iso and _IN_COUNTRY.search(doc.text[max(base, cs - 40) : cs]):
            return ev.replace(context={**hints, "country_stated": True})
    return ev


@functools.lru_cache(maxsize=1)
def _attacker_rx() -> re.Pattern[str]:
    words = [w.strip() for w in (Path(__file__).resolve().parent.parent / "data" / "geocode_attacker_nouns.txt")
             .read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]  # fmt: skip
    alts = "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") + "s?" for w in sorted(words, key=len, reverse=True))
    # "Russian jets", "Russian-led forces", "the Turkish army's drones", "Russian and Syrian jets"
    return re.compile(rf"(?i)^(?:-(?:led|backed|made)|(?:\s+and\s+[A-Z][a-z]+)?)\s+(?:{alts})\b")


_VICTIM_BEFORE = re.compile(
    r"(?i)\b(?:kill(?:ed|ing|s)?|wound(?:ed|ing|s)?|injur(?:ed|ing|es)|attack(?:ed|ing|s)?|target(?:ed|ing|s)?|"
    r"ambush(?:ed|ing|es)?|abduct(?:ed|ing|s)?|kidnap(?:ped|ping|s)?|captur(?:ed|ing|es)|shot|struck|hit|"
    r"against)\b[^.;:!?]{0,30}$"
)
_COMBATANTS = re.compile(
    r"(?i)^(?:-\w+)?\s+(?:\w+\s+)?(?:militants?|fighters?|rebels?|insurgents?|terrorists?|jihadists?|gunmen|"
    r"intruders?|infiltrators?|soldiers?|troop(?:er)?s?|forces?|army|military|militias?|police(?:men)?)\b"
)
_STATE_FORCES = re.compile(
    r"(?i)^\s+(?:(?:army|military|government|regime|border)\s+)?(?:soldiers?|troop(?:er)?s?|forces?|army|military|"
    r"positions?|posts?|bases?|outposts?|police(?:men)?)\b"
)
_BOMBED_BEFORE = re.compile(r"(?i)\b(?:bomb|shell|pound|raid|strafe)(?:ed|ing|s)?\b[^.;:!?]{0,30}$")
_BY_BEFORE = re.compile(r"(?i)\bby\s+(?:the\s+)?$")  # "killed by Russian jets": the attackers after all


_FORCES_AFTER = re.compile(r"(?i)^\s+(?:(?:army|military|government|border|special)\s+)?(?:soldiers?|troops?|forces?|army|military)\b")


def _forces_only(doc_text: str, hints: Mapping[str, Any], iso: str) -> bool:
    """Whether the country hint is a nationality adjective and each of its mentions in the passage names its
    forces as the actors ("Russian forces shelled ...", "Israeli jets struck ..."), never as victims: the attackers'
    country, which says nothing against a place abroad (session 10, geo2; ``_attacker_country`` takes weapons only)."""

    if hints.get("country_attacker") == iso:
        return True
    if hints.get("country_basis") != "adjective" or not doc_text:
        return False
    base, end = _passage_bounds(doc_text, hints)
    own = [x for x in _countries_in(doc_text, base, end) if x[3] == iso]
    rx = _attacker_rx()
    return bool(own) and all(
        (rx.match(doc_text[x[1] : x[1] + 40]) or _FORCES_AFTER.match(doc_text[x[1] : x[1] + 30]))
        and not _victim(doc_text[max(0, x[0] - 60) : x[0]])
        for x in own
    )


def _victim(before: str) -> bool:
    return bool(_VICTIM_BEFORE.search(before)) and not _BY_BEFORE.search(before)


def _attacker_country(doc: Document, ev: Event) -> Event:
    """A nationality adjective is the only country clue and every mention of that country in the passage names
    armed forces ("Russian jets killed 12 civilians", "Turkish drones struck a car"): the attackers' country,
    not the scene. A victim's or a location's adjective of another country in the passage ("... killed 12 Syrian
    civilians") takes its place; with none, ``country_attacker`` keeps the country from anchoring an event
    whose places are all unknown (it still ranks namesakes, as a mention: _MENTION_BASES) (session 8)."""

    hints = ev.context or {}
    iso = hints.get("country_hint")
    span = hints.get("passage")
    if not iso or hints.get("country_basis") != "adjective":
        return ev
    base, end = (int(span[0]), int(span[1])) if span else (0, len(doc.text))
    found = _countries_in(doc.text, base, end)
    own = [x for x in found if x[3] == iso] or [x for x in _countries_in(doc.text, 0, len(doc.text)) if x[3] == iso]
    rx = _attacker_rx()

    def armed(x: tuple[int, int, str, str]) -> bool:
        # forces that are the object of the harm ("gunmen killed 4 Nigerian soldiers") are victims, not attackers
        return bool(rx.match(doc.text[x[1] : x[1] + 40])) and not _victim(doc.text[max(0, x[0] - 60) : x[0]])

    if not own or not all(armed(x) for x in own):
        return ev
    # a victim's or a place's adjective ("12 Syrian civilians", "a Syrian village"); fighters of another
    # nationality ("killed three Pakistani militants" in Kupwara) say nothing of the place
    # ... but a state's forces under the attackers' fire are at home ("Israeli jets struck Syrian troops|army
    # positions", "Russian warplanes bombed Turkish soldiers"): their country is the scene (session 8, scene)
    def home_target(x: tuple[int, int, str, str]) -> bool:
        before = doc.text[max(0, x[0] - 60) : x[0]]
        return bool(_STATE_FORCES.match(doc.text[x[1] : x[1] + 30])) and (
            _victim(before) or bool(_BOMBED_BEFORE.search(before))
        )

    other = [x for x in found if x[3] != iso and not armed(x)
             and (not _COMBATANTS.match(doc.text[x[1] : x[1] + 30]) or home_target(x))]  # fmt: skip
    if other:
        return ev.replace(context={**hints, "country_hint": other[0][3], "country_attacker": iso})
    return ev.replace(context={**hints, "country_attacker": iso})


def _province_seat(p: Place, name: str, res: Resolver) -> bool:
    """Whether ``p`` is a town whose province also goes by ``name`` (the resolver takes such a seat for a name
    both list: "Mogilev" -> Mahilyow, "Pondicherry" -> Puducherry city): as good as the province it stands for."""
    return not p.is_admin and any(q.feature == "adm1" and q.country == p.country and q.name == p.admin1
                                  for q in res.g.candidates(name))  # fmt: skip


# a town named elsewhere overrules a mentioned country from this size (FALLBACK_POPULATION before session 7: Manbij,
# Afrin, Jogbani, Kilkis stayed at the mentioned country's centre; 10,000 on ACLED dev: +8 rows <= 25 km, 0 lost)
ELSEWHERE_POPULATION = 10_000


def _elsewhere(cands: list[dict[str, Any]], res: Resolver, iso: str,
               attackers: bool = False) -> tuple[Resolution, dict[str, Any], int] | None:  # fmt: skip
    from eventcoder.extraction.places import country_by_iso
    from eventcoder.gazetteer.normalize import name_key
    from eventcoder.gazetteer.resolve import peel

    info = country_by_iso(iso)
    for i, c in enumerate(cands):
        text = str(c.get("text") or "")
        core = peel(text)[0]
        if not core or text.isupper() or all(w in _FALLBACK_COMMON for w in core.split()) or _sea_name(text):
            continue  # a sea gives no country (session 9)
        r = res.resolve(text, feature=c.get("feature"), relation=c.get("relation"), allow_fuzzy=False)
        if r is None or r.place.country == iso or r.place.feature in ("country", "continent") or r.weak:
            continue
        p = r.place
        if (name_key(core) != name_key(p.name) and p.feature != "adm1" and r.alternatives > 1
                and not _province_seat(p, core, res)
                and any(q.country != p.country for q in res.g.candidates(core))):  # fmt: skip
            # found only under an alternate name, which places of other countries share (a province's seat aside;
            # "Hodeidah": the city, its governorate and district, all Yemen's, leave no doubt on the country: session 11)
            continue
        # namesakes: other countries' places of that very name (not those listing it among their alternates)
        # ("Sanaa governorate": only other provinces or districts of that name, not Saña, a town in Peru)
        unit_word = str(c.get("feature") or "").lower() in _UNIT_WORDS
        named = res.g.candidates(core)
        others = [q.population for q in named if q.country != p.country
                  and name_key(q.name) == name_key(core) and (q.is_admin or not unit_word)]  # fmt: skip
        if others and max(others) * 10 >= max(p.population, 1):
            continue
        small = (not p.is_admin and p.population < ELSEWHERE_POPULATION
                 and not any(q.is_admin and q.country == p.country for q in named))  # fmt: skip
        if small and not (attackers and not others and name_key(core) == name_key(p.name)):
            # a small place, unless a district or province of its country bears the name (Tall 'Afar), or the country
            # is only the attackers' and no other country has a place of that name ("An Israeli drone ... near Kfar
            # Kila": a Lebanese village of 6,000, session 11)
            continue
        if attackers and name_key(core) == name_key(p.name):
            # the country is only the attackers' ("Russian forces shelled the city of Kherson"): a place abroad is
            # what the text leads one to expect, no doubt on it when it bears the name as its own (session 10, geo2)
            why = f"{info.name if info else iso}, the country it mentions, only as the attackers'; {r.reason}"
            return dataclasses.replace(r, reason=why), c, i
        why = (f"no place of the text in {info.name if info else iso}, the country it mentions; "
               f"{r.reason}; precision lowered")  # fmt: skip
        return dataclasses.replace(r, precision=max(r.precision, 2), reason=why), c, i
    return None


def _exact_over_border(r: Resolution, text: str, c: dict[str, Any], res: Resolver, iso: str, admin1: str,
                       ctx: DocContext | None) -> Resolution:  # fmt: skip
    """A spelling variant found inside the stated province gives way to the name itself, written exactly, on the
    province's border just outside it ("Tuz Khurmatu, Kirkuk": the town of that name in Salah ad Din, a few km
    over the border, not Tazah Khurmatu 54 km inside Kirkuk): unique in the country, or all its namesakes one place;
    geo_precision 2 and the text's province kept, as the gazetteer and the text disagree on the province."""
    r2 = res.resolve(text, country=iso, feature=c.get("feature"), relation=c.get("relation"), context=ctx,
                     allow_fuzzy=False)  # fmt: skip
    if (r2 is None or r2.method != "exact" or r2.place.is_admin or r2.alternatives < 1
            or not (r2.alternatives == 1 or _one_place(r2, text, res, iso))
            or not _on_province_border(r2.place, res, iso, admin1)):  # fmt: skip
        return r
    out = _over_border(r2, res, iso, admin1)
    why = f"{r2.reason}; the exact name on the border of {out.admin1_override or admin1} beats the spelling variant inside it"
    return dataclasses.replace(out, reason=why)


def _over_border(r: Resolution, res: Resolver, iso: str, admin1: str) -> Resolution:
    """``r``, a place outside the stated province, with the text's province kept and geo_precision 2 at best:
    the gazetteer and the text disagree on the province, so it is not a confident point."""
    unit = res.admin1_unit(iso, admin1)
    return dataclasses.replace(r, admin1_override=unit.name if unit else None, precision=max(r.precision, 2))


# ---------------------------------------------------------------------------------- comma chains
# "... in Abbasiya, Samarra, Saladin, Iraq." (GTD summaries, wire datelines, many NGO bulletins): the names
# before a country name, separated by commas, go from the most specific to the province. The country that
# closes the chain is authoritative, the name before it (when it names one of that country's provinces) is
# the province, and the first name is the place itself.

_CHAIN_SKIP = re.compile(r"(?i)\b(?:police\s+district|PD\s*\d|district\s+\d|ward\s+\d)")
_POLICE_DISTRICT = re.compile(r"(?i)(?:police\s+district|\bPD)(?:\s+(?:no\.?\s*)?\d+)?,?\s*$")
_CHAIN_FEATURES = (
    r"village|town|city|district|sub-?district|area|neighbou?rhood|quarter|suburb|community|ward|council ward|"
    r"locality|local government area|lga|county|municipality|province|governorate|state|region|camp"
)


@functools.cache
def _element_rx() -> re.Pattern[str]:
    from eventcoder.extraction.places import NAME

    return re.compile(
        r"(?<![\w'’-])(?P<n>(?:\d+(?:st|nd|rd|th)\s+)?" + NAME + r"(?:\s+(?:and|&)\s+" + NAME + r")?)(?:\s+(?P<f>" + _CHAIN_FEATURES + r"))?\s*,\s*$"
    )


@functools.cache
def _town_in_rx() -> re.Pattern[str]:
    from eventcoder.extraction.places import NAME

    return re.compile(r"(?<![\w'’-])(?P<n>" + NAME + r")\s+(?P<f>town|village|city)\s+(?:in|of)\s+$")


@functools.cache
def _after_comma_rx() -> re.Pattern[str]:
    from eventcoder.extraction.places import NAME

    return re.compile(r",\s+(?P<n>" + NAME + r")(?=\s*(?:[.;:()]|$|,\s+(?:[a-z]|$)))")


class _SpanIndex:
    """Spans (start, end) to ask whether any overlaps a given one in O(log n): sorted by start, with the
    largest end among the spans up to each, so a document that names thousands of places is not quadratic."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        pairs = sorted(spans)
        self.starts = [a for a, _b in pairs]
        self.max_end: list[int] = []
        for _a, b in pairs:
            self.max_end.append(max(b, self.max_end[-1]) if self.max_end else b)

    def overlaps(self, s: int, e: int) -> bool:
        """Whether some span (a, b) has a < e and s < b."""
        i = bisect.bisect_left(self.starts, e)  # the spans that start before e
        return i > 0 and self.max_end[i - 1] > s


@dataclass(frozen=True)
class Chain:
    iso: str
    country_span: tuple[int, int]
    elements: tuple[tuple[str, int, int, str | None], ...]  # (name, start, end, feature word), text order
    police_district: bool  # "in Police District 4, Kabul, Afghanistan": the town of the province's name


def find_chain(text: str, start: int, end: int, country_iso: Callable[[str], str | None] | None = None) -> Chain | None:
    """The first comma chain "X, Y, Country" inside ``text[start:end]`` (absolute offsets), or None.

    Countries are those of ``data/countries.csv`` and, with ``country_iso`` (the gazetteer's country lookup),
    any country named after a comma ("London, Ontario, Canada"; not a code such as "(Chennai, TN)"). When a country is followed by another
    (", Georgia, United States"), the last one closes the chain and the earlier one is an element of it."""
    from eventcoder.extraction.places import country_by_iso, dateline_heads, find_countries

    mentions: dict[tuple[int, int], str] = {}
    for cs, ce, written, iso in find_countries(text[start:end], start):
        info = country_by_iso(iso)
        if info is not None and written in info.names:
            mentions[(cs, ce)] = iso  # an adjective ("Afghan") closes no chain
    if country_iso is not None:
        # the names after commas never overlap one another (finditer), so only the countries found above can
        # overlap one: indexed, as a long report has thousands of each (perf, session 9)
        countries = _SpanIndex(mentions)
        for m in _after_comma_rx().finditer(text, start, end):
            span = (m.start("n"), m.end("n"))
            if not countries.overlaps(*span) and not m.group("n").isupper():
                iso2 = country_iso(m.group("n"))
                if iso2:
                    mentions[span] = iso2
    # "KABUL, Afghanistan —": a wire dateline names where the reporter files from, no chain of the event's place
    heads = dateline_heads(text, start, end)
    ordered = sorted(m for m in mentions.items() if not any(a <= m[0][0] < b for a, b in heads))
    closing = [
        (span, iso)
        for k, (span, iso) in enumerate(ordered)
        if not (k + 1 < len(ordered) and re.fullmatch(r",\s+", text[span[1] : ordered[k + 1][0][0]]))
    ]
    rx = _element_rx()
    for (cs, ce), iso in closing:
        elements: list[tuple[str, int, int, str | None]] = []
        pos = cs
        police = False
        for _ in range(5):
            lo = max(start, pos - 90)
            em = rx.search(text, lo, pos)
            if em is None or em.end() != pos:
                break
            name = em.group("n").strip()
            pos = em.start()
            if _CHAIN_SKIP.search(name) or name[0].isdigit():
                police = police or bool(re.search(r"(?i)police|PD", name))
                continue
            elements.append((name, em.start("n"), em.start("n") + len(name), (em.group("f") or "").lower() or None))
        if not police and _POLICE_DISTRICT.search(text[max(start, pos - 40) : pos]):
            police = True
        if elements:
            # "infiltrate Dikwa town in Borno, Nigeria": a named town/village just before the chain is its first element
            em = _town_in_rx().search(text, max(start, pos - 90), pos)
            if em is not None and em.end() == pos:
                name = em.group("n").strip()
                elements.append((name, em.start("n"), em.start("n") + len(name), em.group("f").lower()))
        if elements or police:
            return Chain(iso, (cs, ce), tuple(reversed(elements)), police)
    return None


_WHOLE_PROVINCE = re.compile(
    r"(?i)(?:\b(?:north|south|east|west|central)\w*\s+$|\b(?:highways?|roads?|across|throughout)\b[^.]{0,60}$)"
)
_TOWN_PARTS = frozenset({"neighbourhood", "neighborhood", "quarter", "suburb"})
_STREETS = re.compile(r"(?i)\b(?:road|street|avenue|square|roundabout|boulevard|market|bazaar)$")


METROPOLIS_POP = 1_500_000  # "X, Kabul, Afghanistan": in a province named after a city this big, X is in the city
# (chosen on GTD dev rows: 1.0 M also takes Kirkuk, whose unknown places GTD puts in the countryside)


def _metropolis(res: Resolver, iso: str, province: str) -> bool:
    """Whether the province is named after a city of ``METROPOLIS_POP`` people, which its places mostly lie in."""
    return any(p.population >= METROPOLIS_POP and not p.is_admin and p.country == iso for p in res.g.candidates(province))


def _in_town(element: tuple[str, int, int, str | None]) -> bool:
    return element[3] in _TOWN_PARTS or bool(_STREETS.search(element[0]))


def _chain_district(res: Resolver, name: str, iso: str, province: str) -> bool:
    """Whether a middle element of "X, Y, P, Country" names a district of P and no settlement of that name lies in it:
    between a place and its province an address gives the district ("Mbayer-Yandev, Guma, Benue, Nigeria": Guma
    LGA), and a village called Y in another district is no container. A district's seat town of the same name
    ("X, Baquba, Diyala") stays a town (session 9)."""
    unit = res.admin1_unit(iso, province)
    if unit is None:
        return False
    cands = [p for p in res.g.candidates(name, iso) if p.lat is not None]
    units = [p for p in cands if p.feature == "adm2" and (p.admin1 == unit.name or _in_unit(p.admin1, province))]
    if len(units) != 1:
        return False
    # a town of that name in the district, or one of ELSEWHERE_POPULATION people in the province (GeoNames files the
    # city of Samarra under Al-Daur district): "Jallam al-Dour area, Samarra, Saladin" is near the town
    return not any(not p.is_admin and (_in_unit(p.admin2, units[0].name)
                                       or (p.admin1 == unit.name and p.population >= ELSEWHERE_POPULATION))
                   for p in cands)  # fmt: skip


def _province_by_spelling_only(res: Resolver, name: str, iso: str) -> bool:
    """Whether a lone chain name ("in Adra, Syria") reaches a province only as a spelling variant (admin1_unit's
    fuzzy match: "Adra" ~ Dar'a) while a place of the country bears the name as its own (`Adra, Rif Dimashq): the
    place, not the province's ("in Dar'a as the text says", precision 1, 116 km off) (reviewer G, session 10)."""
    from eventcoder.gazetteer.normalize import name_key

    cands = res.g.candidates(name, iso)
    if any(p.feature == "adm1" for p in cands):
        return False
    key = name_key(name)
    return any(not p.is_admin and name_key(p.name) == key for p in cands)


def _chain_hints(doc: Document, ev: Event, res: Resolver) -> Event:
    """Country, province and place candidates from the event passage's comma chain, when it has one."""
    hints = dict(ev.context or {})
    span = hints.get("passage")
    if not span:
        return ev
    chain = find_chain(doc.text, int(span[0]), int(span[1]), res.g.country_iso)
    if chain is None:
        return _possessive_hint(doc, _bracket_hints(doc, ev, res), res)
    iso = chain.iso
    elements = list(chain.elements)
    options = _ambiguous_countries().get(doc.text[chain.country_span[0] : chain.country_span[1]].casefold())
    if options and elements:
        # "near Beni, Congo": of the countries the name may mean, the one that lists the chain's first name
        fits = [o for o in options if (rr := res.resolve(elements[0][0], country=o, allow_fuzzy=False)) and not rr.weak]
        if len(fits) == 1:
            iso = fits[0]
    admin1 = hints.get("admin1_hint") if hints.get("country_hint") == iso else None
    province = None
    if elements and elements[-1][3] in (None, "province", "governorate", "state", "region"):
        unit = res.admin1_unit(iso, elements[-1][0])
        if unit is not None and unit.lat is None:
            unit = None  # a unit no place of the gazetteer lies in ("Beograd" beside "Central Serbia") constrains nothing
        if unit is not None and (len(elements) > 1 or chain.police_district or elements[-1][3]):
            province = elements.pop()
            admin1 = province[0]
        elif unit is not None and len(elements) == 1 and not _province_by_spelling_only(res, elements[-1][0], iso):
            # "in Kirkuk, Iraq" / "Sirwah, northwest of Marib, Yemen": the province, whose town shares its
            # name; the town is tried after the other places the passage names
            province = elements.pop()
            admin1 = province[0]
    cands = list(hints.get("place_candidates") or [])
    # "near Maas, Al-Jadaan, Marib, Yemen": the extractor's relation for the same name is kept (near it, not at it)
    said = {(c.get("start"), c.get("end")): str(c.get("relation") or "") for c in cands}
    chain_cands: list[dict[str, Any]] = [
        {"text": n, "start": s, "end": e,
         "relation": said[(s, e)] if said.get((s, e), "").lower() in _NEAR_RELATIONS else "in",
         "feature": f if f not in ("ward", "council ward", "community", "area") else None}
        for n, s, e, f in elements
    ]  # fmt: skip
    if province is not None:
        for cc in chain_cands[1:]:
            if cc.get("feature") is None and _chain_district(res, str(cc["text"]), iso, province[0]):
                cc["feature"] = "district"  # "Mbayer-Yandev, Guma, Benue": Guma LGA, not the village Guma elsewhere
    lone = province is not None and len(elements) == 1
    in_town = lone and _in_town(elements[0])
    if province is not None and (in_town or (lone and _metropolis(res, iso, province[0]))):
        # "Bar neighborhood, Kirkuk, Iraq", "Martyr X Road, Herat, Afghanistan": a neighbourhood or street lies
        # in a town, here the province's town of the same name (tried after the neighbourhood itself); so does an
        # unknown place of a province named after a metropolis ("Shorbazar, Kabul, Afghanistan")
        chain_cands.append({"text": province[0], "start": province[1], "end": province[2], "relation": "in",
                            "feature": "city"})  # fmt: skip
    if chain.police_district and not elements and province is not None:
        chain_cands = [{"text": province[0], "start": province[1], "end": province[2], "relation": "in",
                        "feature": "city"}]  # fmt: skip
    if province is not None and chain_cands:
        # names after the chain ("... in X, P, Country. ... Fulani extremists ...") are no container of its
        # place: when the chain's own names fail, the event lies in the chain's province, not at a later name
        # (a district named later, "attacks in Imam Sahib district on this date", still contains it, and a
        # place it is said to be near, "related attacks near Lashkar Gah", is near it)
        cands = [c for c in cands if c.get("start") is None or int(c["start"]) < chain.country_span[0]
                 or _FEATURE_LEVEL_ADM2.get(str(c.get("feature") or "").lower())
                 or str(c.get("relation") or "").lower() in _NEAR_RELATIONS]  # fmt: skip
    if province is not None and not chain_cands:
        same = [c for c in cands if str(c.get("text") or "").lower() == province[0].lower()]
        if _WHOLE_PROVINCE.search(doc.text[max(int(span[0]), province[1] - 80) : province[1]]):
            # "in southern Marib governorate", "along the Kandahar-Uruzgan highway in Uruzgan": the province
            same = [{**c, "feature": c.get("feature") or "province"} for c in same]
        cands = [c for c in cands if str(c.get("text") or "").lower() != province[0].lower()] + same
    if chain_cands:
        # the chain's own names first (most specific first), then what else the passage names
        taken = {(c["start"], c["end"]) for c in chain_cands}
        rest = [c for c in cands if (c.get("start"), c.get("end")) not in taken]
        if province is not None:
            rest = [c for c in rest if not (c.get("start") == province[1] and c.get("end") == province[2])]
        first = chain_cands[0]
        inside = [c for c in rest if c.get("start") is not None and first["start"] <= c["start"] < first["end"]]
        if inside:  # a candidate the extractor found inside the first name ("Kaleri" of "Kaleri neighborhood")
            rest = [c for c in rest if c not in inside]
        # a named village/town/neighbourhood just before the chain ("the village of X in Y, P, C") is more specific
        head = [c for c in rest if c.get("start") is not None and first["start"] - 60 <= int(c["start"]) < first["start"]
                and c.get("feature") in ("village", "villages", "town", "neighbourhood", "neighborhood", "quarter")]  # fmt: skip
        cands = head + chain_cands + [c for c in rest if c not in head]
    hints["place_candidates"] = cands
    hints["country_hint"] = iso
    hints["admin1_hint"] = admin1
    hints["chain"] = [[n, s, e] for n, s, e, _f in elements]
    if in_town and province is not None:
        # the neighbourhood must lie in that town: a namesake elsewhere in the province gives way to the town
        hints["chain"].append([province[0], province[1], province[2]])
    if province is not None:
        hints["admin1_basis"] = "chain"  # stated in the text: no namesake outside it is taken
    return ev.replace(context=hints)


# ---------------------------------------------------------------------------------- bracketed containers
# ACLED-style notes give a place's containers in brackets, with no country: "at Pakherpora town (Budgam
# district, J&K)", "in Morideni (Logobou, Tapoa)", "Hyderabad city (Hyderabad, Sindh)", "Benin City (Oredo LGA,
# Edo)". The last element the gazetteer knows as a province or district of exactly one country (or of the
# country the passage already names, among several) gives the country and province; the place is then looked
# for inside that province only (as for a comma chain), then the bracket's district, else the event stays at
# the province (geo_precision 3). A country from a heading or wilayah is never overruled.
_BRACKET_UNIT = (
    r"district|state|province|region|county|governorate|division|municipality|lga|l\.g\.a\.|tehsil|block|"
    r"sub-?district|department|prefecture|oblast|raion|rayon|commune|upazila|zone|sector"
)
_BRACKET_BASES = frozenset({None, "text", "adjective", "actor", "province", "document"})


@functools.cache
def _bracket_rx() -> re.Pattern[str]:
    from eventcoder.extraction.places import NAME

    el = r"(?:" + NAME + r"|[A-Z]{1,3}&[A-Z]{1,3})(?:\s+(?:" + _BRACKET_UNIT + r"))?"
    return re.compile(
        r"(?<![\w'’-])(?P<n>" + NAME + r")(?:\s+(?P<f>town|village|city|area|camp|neighbou?rhood|locality|"
        r"settlement))?\s*\((?P<b>" + el + r"(?:\s*,\s*" + el + r"){0,3})\)"
    )


def _bracket_unit(name: str, res: Resolver, iso: str | None) -> Place | None:
    """The one province or district a bracket element names (in ``iso`` when it has one there)."""
    from eventcoder.gazetteer.resolve import peel

    core = peel(name)[0] or name
    units = [p for p in res.g.candidates(core) if p.feature in ("adm1", "adm2") and p.lat is not None]
    if not units:
        return None
    here = [p for p in units if p.country == iso] if iso else []
    if here:
        units = here
    if len({p.country for p in units}) != 1:
        return None
    return max(units, key=lambda p: (p.feature == "adm1", p.population))


def _possessive_hint(doc: Document, ev: Event, res: Resolver) -> Event:
    """"in Chhattisgarh's Bijapur district", "Borno's Konduga": a province written in the possessive right before the
    first place candidate is that place's province (Bijapur, Chhattisgarh, not Karnataka's larger district), when the
    country is known and the province is one of its own, or the name is a province of one country only (session 12,
    fresh F2). No province hint of another kind is overruled."""
    hints = dict(ev.context or {})
    cands = list(hints.get("place_candidates") or [])
    if hints.get("admin1_hint") or not cands or cands[0].get("start") is None:
        return ev
    unit, _ = _possessive_province(doc.text, int(cands[0]["start"]), res, hints.get("country_hint"))
    if unit is None:
        return ev
    return ev.replace(context={**hints, "country_hint": unit.country, "admin1_hint": unit.name, "admin1_basis": "text",
                               "country_basis": hints.get("country_basis") or "province"})  # fmt: skip


def _bracket_hints(doc: Document, ev: Event, res: Resolver) -> Event:
    hints = dict(ev.context or {})
    span = hints.get("passage")
    if not span or hints.get("country_basis") not in _BRACKET_BASES:
        return ev
    iso = hints.get("country_hint")
    for m in _bracket_rx().finditer(doc.text, int(span[0]), int(span[1])):
        parts = [x.strip() for x in m.group("b").split(",")]
        if len(parts) < 2 and not re.search(r"(?i)\s(?:" + _BRACKET_UNIT + r")$", parts[0]):
            continue  # "(DU)", "(Tangmarg)": an acronym or a lone name is no container
        unit = None
        for k in range(len(parts) - 1, -1, -1):
            unit = _bracket_unit(parts[k], res, iso)
            if unit is not None:
                break
        if unit is None or (iso and unit.country != iso and hints.get("country_basis") == "document"):
            continue
        base = m.start("b")
        offs = []
        pos = base
        for x in m.group("b").split(","):
            lead = len(x) - len(x.lstrip())
            offs.append((pos + lead, pos + lead + len(x.strip())))
            pos += len(x) + 1
        admin1 = unit.name if unit.feature == "adm1" else unit.admin1
        name = m.group("n").strip()
        own = list(hints.get("place_candidates") or [])
        at = next((j for j, c in enumerate(own) if c.get("start") is not None
                   and int(c["start"]) < m.start("n") + len(name) and m.start("n") < int(c["end"])), None)  # fmt: skip
        if own and at is None:
            continue  # the bracket belongs to another place of the passage than the event's own
        before = own[: at or 0]  # "wells of Boulsi Baogo, near Namssiguia (Bourzanga, Bam)": tried first, inside it
        cands: list[dict[str, Any]] = [{"text": name, "start": m.start("n"), "end": m.start("n") + len(name),
                                        "relation": "in", "feature": (m.group("f") or "").lower() or None}]  # fmt: skip
        for x, (s0, e0) in zip(parts[:k], offs[:k], strict=True):
            cands.append({"text": x, "start": s0, "end": e0, "relation": "in", "feature": "district"})
        if unit.feature == "adm2":
            cands.append({"text": parts[k], "start": offs[k][0], "end": offs[k][1], "relation": "in",
                          "feature": "district"})  # fmt: skip
        said = {(c.get("start"), c.get("end")): c for c in hints.get("place_candidates") or []}
        first = said.get((cands[0]["start"], cands[0]["end"]))
        if first is not None:
            cands[0] = {**cands[0], "relation": first.get("relation") or "in", "feature": first.get("feature") or cands[0]["feature"]}
        taken = {(c["start"], c["end"]) for c in cands}
        rest = [c for c in hints.get("place_candidates") or [] if (c.get("start"), c.get("end")) not in taken
                and not (c.get("start") is not None and m.start() <= int(c["start"]) < m.end())]  # fmt: skip
        rest = [c for c in rest if c not in before]
        hints["place_candidates"] = before + cands + rest
        hints["country_hint"] = unit.country
        hints["admin1_hint"] = admin1
        hints["admin1_basis"] = "chain"
        hints["chain"] = [[c["text"], c["start"], c["end"]] for c in cands]  # the place must lie in its containers
        hints["bracket"] = m.group(0)
        return ev.replace(context=hints)
    return ev


_FEATURE_LEVEL_ADM2 = {"district": True, "sub-district": True, "subdistrict": True, "county": True,
                       "local government area": True, "lga": True}  # fmt: skip
_NEAR_RELATIONS = frozenset({"near", "outskirts", "vicinity", "north_of", "south_of", "east_of", "west_of",
                             "northeast_of", "northwest_of", "southeast_of", "southwest_of"})  # fmt: skip
CHAIN_BORDER_KM = 150.0  # a stated province is left only for a unique exact name this close to its centre


def _near_province(r: Resolution, res: Resolver, iso: str, admin1: str) -> bool:
    from eventcoder.gazetteer.index import haversine_km

    unit = res.admin1_unit(iso, admin1)
    if unit is None or unit.lat is None or r.place.lat is None:
        return False
    return haversine_km(r.place.lat, r.place.lon or 0.0, unit.lat, unit.lon or 0.0) <= CHAIN_BORDER_KM


def _box(lat: float, km: float) -> tuple[float, float]:
    """Half-sides in degrees (latitude, longitude) of a box holding every point within ``km`` of latitude ``lat``:
    a degree of longitude shrinks with cos(latitude) (a fixed 80 km missed places 22-25 km east or west of a
    point north of 44 degrees, such as Ukraine's)."""
    import math

    return km / 110.5, km / max(111.32 * math.cos(math.radians(min(abs(lat) + km / 110.5, 89.9))), 1.0)


ONE_PLACE_KM = 25.0  # namesakes this close together are one place (a district, its seat, a quarter of it)
PROVINCE_BORDER_KM = 25.0  # a place this close to a place of the stated province sits on its border


def _one_place(r: Resolution, text: str, res: Resolver, iso: str) -> bool:
    """Whether every namesake of the name in the country lies within ONE_PLACE_KM of the chosen place
    ("Abu Ghraib": the district, its town and a quarter named after it are one place, not a choice)."""
    from eventcoder.gazetteer.index import haversine_km
    from eventcoder.gazetteer.resolve import peel

    p = r.place
    if p.lat is None or p.lon is None:
        return False
    cands = [c for c in res.g.candidates(peel(text)[0] or text, iso) if c.lat is not None]
    return bool(cands) and all(haversine_km(p.lat, p.lon, c.lat, c.lon or 0.0) <= ONE_PLACE_KM for c in cands)  # type: ignore[arg-type]


def _on_province_border(place: Place, res: Resolver, iso: str, admin1: str) -> bool:
    """Whether ``place`` lies within PROVINCE_BORDER_KM of a place the gazetteer lists in the stated province
    (GTD puts Abu Ghraib in Al Anbar, GeoNames in Baghdad: a province's centre says nothing of its border)."""
    from eventcoder.gazetteer.index import haversine_km

    unit = res.admin1_unit(iso, admin1)
    if unit is None or place.lat is None or place.lon is None:
        return False
    km = PROVINCE_BORDER_KM
    dlat, dlon = _box(place.lat, km)
    rows = res.g.sql(
        "SELECT lat, lon FROM places WHERE country = ? AND admin1 = ? AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
        "AND feature NOT IN ('adm1', 'adm2', 'country')",
        (iso, unit.name, place.lat - dlat, place.lat + dlat, place.lon - dlon, place.lon + dlon),
    )
    return any(haversine_km(place.lat, place.lon, a, b) <= km for a, b in rows if a is not None)


# how far a place may lie from the town named after it / from the centre of a district it is not in
CONTAINER_KM = {"settlement": 30.0, "adm2_outside": 25.0}


def _borders(res: Resolver, place: Place, unit: Place, km: float = 5.0) -> bool:
    """Whether ``place`` lies within ``km`` of a member place of the district ``unit`` (it sits on its border)."""
    from eventcoder.gazetteer.index import haversine_km

    if place.lat is None or place.lon is None:
        return False
    dlat, dlon = _box(place.lat, km)
    rows = res.g.sql(
        "SELECT lat, lon FROM places WHERE country = ? AND admin2 = ? AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
        (unit.country, unit.name, place.lat - dlat, place.lat + dlat, place.lon - dlon, place.lon + dlon),
    )
    return any(haversine_km(place.lat, place.lon, a, b) <= km for a, b in rows if a is not None)


def _in_unit(admin: str | None, unit: str) -> bool:
    from eventcoder.gazetteer.normalize import name_key
    from eventcoder.gazetteer.resolve import peel

    if not admin:
        return False
    return name_key(peel(admin)[0] or admin) == name_key(peel(unit)[0] or unit)


def _chain_container(r: Resolution, c: dict[str, Any], i: int, cands: list[dict[str, Any]],
                     chain: list[tuple[Any, ...]], res: Resolver, iso: str | None, admin1: str | None,
                     ctx: DocContext | None) -> tuple[Resolution, dict[str, Any], int] | None:  # fmt: skip
    """"Gwange area, Maiduguri, Borno": a place the chain puts inside a town or district must lie near it;
    a namesake far from the container gives way to the container itself (geo_precision 2)."""
    from eventcoder.gazetteer.index import haversine_km

    pos = next((k for k, e in enumerate(chain) if e[1] == c.get("start") and e[2] == c.get("end")), None)
    if pos is None and c.get("start") is not None and chain and int(c["start"]) < int(chain[0][1]):
        pos = -1  # "the village of X in Y, P": a named place just before the chain lies in its first element
    if pos is None or r.place.lat is None:
        return None
    for name, s, e in chain[pos + 1 :]:
        j = next((k for k, cc in enumerate(cands) if cc.get("start") == s and cc.get("end") == e), None)
        if j is None or j <= i:
            continue
        cc = cands[j]
        rc = res.resolve(str(name), country=iso, admin1=admin1, feature=cc.get("feature"), relation="in",
                         context=ctx, allow_fuzzy=False)  # fmt: skip
        if rc is None or rc.place.lat is None or rc.place.feature in ("adm1", "country"):
            continue
        d = haversine_km(r.place.lat, r.place.lon or 0.0, rc.place.lat, rc.place.lon or 0.0)
        if rc.place.feature == "adm2":
            # "X, Y district, P": the namesake inside the district the text names (the district settles a tie
            # between namesakes), else the district itself unless the place lies on its border
            inside = [p for p in res.g.candidates(str(c.get("text") or ""), iso)
                      if not p.is_admin and p.lat is not None and _in_unit(p.admin2, rc.place.name)]  # fmt: skip
            if r.method == "exact" and len(inside) == 1:
                prec = res._precision(inside[0], c.get("relation"), c.get("feature"))
                if inside[0].id == r.place.id and prec == r.precision:
                    return None
                return dataclasses.replace(r, place=inside[0], precision=prec, reason=f"{r.reason}; the namesake in "
                                           f"{rc.place.name}, the district the text names"), c, i  # fmt: skip
            if _in_unit(r.place.admin2, rc.place.name):
                return None
            if r.method == "fuzzy" or (d > CONTAINER_KM["adm2_outside"] and not _borders(res, r.place, rc.place)):
                return rc, cc, j
            return None
        if d > CONTAINER_KM["settlement"]:
            return rc, cc, j
        return None
    return None


def geocode(doc: Document, events: Sequence[Event], settings: Settings, gazetteer: Gazetteer) -> list[Event]:
    from eventcoder.gazetteer.index import haversine_km
    from eventcoder.gazetteer.resolve import DocContext, _same_admin

    res = _resolver(gazetteer)
    events = [_term_cue(doc, _speaker_place(doc, ev, res), res) for ev in events]
    events = [_home_countries(doc, _chain_hints(doc, _stated_country(doc, _origin_country(doc, _attacker_country(doc, _dateline_cue(doc, ev)))), res))
              for ev in events]  # fmt: skip
    ctx = DocContext()
    results: list[tuple[Resolution | None, dict[str, Any] | None, int]] = [(None, None, -1)] * len(events)
    pending = []
    for i, ev in enumerate(events):
        r = _try(ev, res, None, doc.text)
        if r[0] is not None and r[0].alternatives == 1:
            results[i] = r
            ctx.add(r[0].place)
        else:
            pending.append(i)
    for i in pending:
        results[i] = _try(events[i], res, ctx, doc.text)
        if results[i][0] is not None:
            ctx.add(results[i][0].place)  # type: ignore[union-attr]
    # ambiguous names once more, against every other place the report resolved (later ones included).
    # The context "all places but this event's own" depends only on that place's fields (DocContext.add
    # reads nothing else), so it is built once per distinct place, not once per event: a long document
    # naming the same towns many times stays linear.
    contexts: dict[tuple[Any, ...], DocContext] = {}
    for i in pending:
        r0 = results[i][0]
        if r0 is None or r0.alternatives <= 1 or len(events) < 2:
            continue
        own = _ctx_key(r0.place)
        full = contexts.get(own)
        if full is None:
            full = DocContext()
            skipped = False
            for rj, _c, _k in results:
                if rj is None:
                    continue
                if not skipped and _ctx_key(rj.place) == own:
                    skipped = True  # leave out one instance: the event's own place
                    continue
                full.add(rj.place)
            contexts[own] = full
        again = _try(events[i], res, full, doc.text)
        if again[0] is not None:
            results[i] = again
    # a report with one resolved place: its other names (not this event's own) are the only context left
    if sum(r is not None for r, _c, _k in results) <= 1:
        for i, ev in enumerate(events):
            if len(events) > 1 and not (ev.context or {}).get("passage"):
                continue  # the event's own text is unknown: another event's places are no evidence about it
            r0 = results[i][0]
            if r0 is not None and r0.alternatives <= 1 and not _by_alternate(r0, results[i][1]):
                continue
            found = _text_context(doc, ev, res)
            if found is None:
                continue
            tctx, names, items = found
            if r0 is not None and r0.weak:
                # a last-resort match gives way to the place the text's other names anchor it to, when it lies
                # outside it ("Al-Sadara mountain ... in Rahabah district": the district, not a namesake 75 km
                # off; "Keran wa Menjan ... Badakhshan" keeps Kuran wa Munjan, which lies in Badakhshan)
                anchor = _context_container(ev, items, res, doc.text)
                if anchor is not None and not _agrees(r0.place, anchor[0].place):
                    results[i] = anchor
                    continue
            province = _context_province(ev, items, res) if r0 is not None else None
            inside = province is not None and r0 is not None and (
                r0.place.admin1 == province.name or r0.admin1 == province.name
            )
            if province is not None and r0 is not None and not inside:
                # "Shahi Kot locality" / "Shah-e-Kot valley (paktia province)": the province its text names,
                # and nothing else there contradicts, is the event's province as if the extractor had found it
                hinted = ev.replace(context={**(ev.context or {}), "admin1_hint": province.name, "admin1_basis": "text"})
                again = _try(hinted, res, tctx, doc.text)
                # a spelling variant inside the province never displaces an exact name just outside it
                # ("al-Kinda village in Latakia countryside" lies across the border, in Idlib)
                if (again[0] is not None and again[2] == results[i][2]
                        and (again[0].method != "fuzzy" or r0.method == "fuzzy")):  # fmt: skip
                    why = f"{again[0].reason}; the province its text names: {plain(province.name)}"
                    prec = max(again[0].precision, r0.precision if r0 is not None else 1)
                    results[i] = (dataclasses.replace(again[0], reason=why, precision=prec), again[1], again[2])
                    continue
            if r0 is None:
                anchor = _context_container(ev, items, res, doc.text)
                if anchor is not None:
                    results[i] = anchor
                continue
            again = _try(ev, res, tctx, doc.text)
            chosen = again[0] or r0
            unit = province or _context_unit(ev, items, res)
            if (unit is not None and not chosen.place.is_admin and chosen.place.admin1 != unit.name
                    and (chosen.place.population < CONTEXT_KNOWN_POP or _far_namesakes(chosen, results[i][1], ev, res))
                    and chosen.place.lat is not None and unit.lat is not None
                    and haversine_km(chosen.place.lat, chosen.place.lon or 0.0, unit.lat, unit.lon or 0.0)
                    > NEAR_PROVINCE_KM_TEXT):  # fmt: skip
                # even the nearest namesake lies far outside the one province of the text's other places: the
                # text's place is missing from the gazetteer ("Al Mallah farms" near Handarat, Aleppo; the
                # list's Mallah is in As-Suwayda): the province, not a confident point 400 km away
                anchor = _context_container(ev, items, res, doc.text)
                if anchor is not None:
                    why = (f"{plain(chosen.place.name)} ({plain(chosen.place.admin1)}) lies far outside "
                           f"{plain(unit.name)}, where the text's other places are; {anchor[0].reason}")  # fmt: skip
                    results[i] = (dataclasses.replace(anchor[0], reason=why), anchor[1], anchor[2])
                    continue
            if again[0] is not None:
                # evidence for a choice among namesakes, not for a confident point: never a finer precision
                why = f"{again[0].reason}; other places the text names: {names}"
                prec = max(again[0].precision, r0.precision)
                results[i] = (dataclasses.replace(again[0], reason=why, precision=prec), again[1], again[2])
    for i, ev in enumerate(events):
        r0, c0, k0 = results[i]
        if (r0 is not None and r0.precision == 1 and c0 is not None and c0.get("start") is not None
                and not c0.get("feature")
                and _SCENE.search(doc.text[max(0, int(c0["start"]) - 8) : int(c0["start"])])):  # fmt: skip
            # "In Gazipur, a procession ...": a sentence opening on a bare name sets the scene, the town or the
            # district around it (ACLED codes either), where the event itself happened is not said: not a point
            why = f"{r0.reason}; the sentence opens on the name (the scene, not the spot): precision lowered"
            results[i] = r0, c0, k0 = (dataclasses.replace(r0, precision=2, reason=why), c0, k0)
        if (r0 is not None and r0.precision == 1 and not (ev.context or {}).get("country_hint")
                and _by_alternate(r0, c0)
                and (r0.alternatives > 1 or r0.place.population < FALLBACK_POPULATION)):  # fmt: skip
            # no country known and the name only another place's alternate ("Tirah" listed for Tehran among 8
            # places, "Christian" for a Kansas village): a guess, never a confident point ("Kiev", the one place
            # of that name, a city of millions, stays one)
            why = f"{r0.reason}; no country known and found only under another name: precision lowered"
            results[i] = r0, c0, k0 = (dataclasses.replace(r0, precision=2, reason=why), c0, k0)
        hints = ev.context or {}
        if (r0 is not None and r0.precision == 1 and not hints.get("country_hint")
                and not _same_admin(r0.admin1, hints.get("admin1_hint"))
                and r0.place.country not in (hints.get("home_countries") or ())
                and not r0.place.is_admin and r0.place.population < ELSEWHERE_POPULATION):  # fmt: skip
            # no country (nor the province it lies in, nor a group's area) known and a village or small town: the
            # list's one place of the name is often a namesake of the text's ("Mesel", Sudan: Messel, Germany;
            # "Sipah", Pakistan: Sipa, Ivory Coast). ACLED dev, precision 1, no country: under 10,000 people 24 right
            # / 14 wrong (session 10)
            why = f"{r0.reason}; no country known and a place of under {ELSEWHERE_POPULATION:,} people: precision lowered"
            results[i] = (dataclasses.replace(r0, precision=2, reason=why), c0, k0)
    split = {i: left for i, ev in enumerate(events) if (left := _provinces_abroad(ev, results[i], res)) is not None}
    for i in split:
        results[i] = (None, None, -1)
    out = [_apply(ev, *results[i], res, gazetteer, doc.text) for i, ev in enumerate(events)]
    for i, left in split.items():
        out[i] = out[i].replace(context={**(out[i].context or {}), "geo_reason": left})
    # no place and no country at all: a known place the passage names outside any "in X" phrase
    missing = [i for i, ev in enumerate(out) if results[i][0] is None and not ev.iso and not ev.country]
    # ... or only the country, from words that name it ("BJP workers", "Cambodian"): a known place of that country
    # the passage names outside any "in X" phrase is finer ("outside the Phnom Penh Municipal Court") (session 12)
    national = {i for i, ev in enumerate(out) if results[i][0] is None and ev.iso and ev.admin1 is None
                and ev.location is not None and ev.location == ev.country}  # fmt: skip
    missing += sorted(national)
    if missing:
        doc_ctx = DocContext()
        for ev in out:
            if ev.iso:
                doc_ctx.countries.add(ev.iso)
        for rj, _c, _k in results:
            if rj is not None:
                doc_ctx.add(rj.place)
        for i in missing:
            fb = _fallback(doc, events[i], res, doc_ctx)
            if fb is None or (i in national and (fb[0].place.country != out[i].iso or fb[0].place.feature == "country")):
                continue
            hints = events[i].context or {}
            done = _apply(events[i], fb[0], fb[1], 0, res, gazetteer, doc.text)
            extra = dict(done.context or {})
            extra["geo_method"] = "passage"
            if hints.get("place_candidates") or out[i].context.get("geo_unresolved"):
                extra["geo_unresolved"] = (out[i].context or {}).get("geo_unresolved") or []
            out[i] = done.replace(context=extra)
    for i, ev in enumerate(out):
        if results[i][0] is None and not ev.iso and not ev.country:
            out[i] = _group_country(doc, events[i], res, gazetteer) or ev
    return out


def _group_country(doc: Document, ev: Event, res: Resolver, gazetteer: Gazetteer) -> Event | None:
    """No place and no country found, and the passage's first armed group fights in one country only
    (data/actor_countries.csv: "CPI-Maoist cadres torched ...", "the KIA attacked ..."): that country, at country
    level, its evidence the group's name; never a point (session 13). None when the group is active in several
    countries, or fires from afar (headlines.actor_country)."""
    from eventcoder.extraction.headlines import actor_country, group_table

    hints = ev.context or {}
    span = hints.get("passage")
    if not span:
        return None
    found = actor_country(doc.text[int(span[0]) : int(span[1])], int(span[0]))
    if found is None or len(group_table().get(found[1]) or ()) != 1:
        return None
    iso, who, s, e = found
    done = _apply(ev.replace(context={**hints, "country_hint": iso, "country_basis": "actor"}), None, None, -1, res,
                  gazetteer, doc.text)  # fmt: skip
    if done.iso != iso or done.geo_precision != 3:
        return None
    why = f"{(done.context or {}).get('geo_reason')}; the country of the group the text names ({who}), active there only"
    return done.replace(evidence={**done.evidence, "country": [s, e]}, context={**(done.context or {}), "geo_reason": why})


_SETTLEMENT_WORDS = frozenset({"village", "town", "city", "hamlet", "neighbourhood", "neighborhood", "quarter",
                               "suburb", "camp", "market", "road", "street", "bridge", "area"})  # fmt: skip
_UNIT_SUFFIX = re.compile(r"(?i)\s+(?:district|rayon|raion|commune|county|prefecture|territory|lga|municipality)$")


def _provinces_abroad(ev: Event, found: tuple[Resolution | None, dict[str, Any] | None, int],
                      res: Resolver) -> str | None:  # fmt: skip
    """No country known, and the one place found a province whose very name a province of another country of
    comparable size bears ("in Punjab": India's and Pakistan's): a choice between countries the text does not make,
    never made by population (ACLED dev: Punjab 12 of 14 in India). The reason, else None (session 12)."""
    from eventcoder.gazetteer.normalize import name_key

    r, c, _k = found
    hints = ev.context or {}
    if (r is None or c is None or r.place.feature != "adm1" or hints.get("country_hint") or hints.get("home_countries")
            or hints.get("admin1_hint")):  # fmt: skip
        return None
    name = str(c.get("text") or "")
    twins = {q.country or "" for q in res.g.candidates(name) if q.feature == "adm1" and q.country != r.place.country
             and name_key(q.name) == name_key(name) and q.population * 10 >= r.place.population}  # fmt: skip
    if not twins:
        return None
    isos = ", ".join(sorted({r.place.country or "", *twins}))
    return f"'{name}' names provinces of several countries ({isos}) and the text does not say which: left without a place"


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", (plain(name) or "").lower())


def _pointless_unit(cands: Sequence[dict[str, Any]], iso: str | None, res: Resolver) -> Resolution | None:
    """A district or province the index lists without a point ("Senapati", an adm2 of Manipur), its name unique
    in the country (anywhere, when no country is known): its own province's point, precision 3 (session 9). The
    unit's own name as written, not an alternate or a sound-alike key ("Bir at Tutah" is no Birtouta), and not a
    name the text calls a village or town ("Bara Bara village" is no district of Saint Lucia)."""
    from eventcoder.gazetteer.resolve import Resolution

    for c in cands:
        name = str(c.get("text") or "")
        if not name or str(c.get("feature") or "").lower() in _SETTLEMENT_WORDS:
            continue
        found = res.g.candidates(name, iso)
        units = [p for p in found if p.is_admin and p.feature != "country" and p.lat is None and p.country
                 and _letters(name) in (_letters(p.name), _letters(_UNIT_SUFFIX.sub("", p.name)))]  # fmt: skip
        if not units or any(p.lat is not None for p in found):
            continue  # a place with a point of that name was the resolver's to take or refuse
        if len({(p.country, p.admin1) for p in units}) != 1:
            continue  # namesakes in two provinces or countries: no province to anchor to
        u = units[0]
        prov = res.admin1_unit(u.country, u.admin1)
        if prov is None or prov.lat is None:
            continue
        why = (f"'{name}' in the gazetteer without a point ({u.feature}; {plain(u.name)}, {plain(prov.name)}): "
               f"anchored to its province {plain(prov.name)}")  # fmt: skip
        return Resolution(prov, 3, why, "container")
    return None


def _agrees(place: Place, anchor: Place) -> bool:
    """Whether ``place`` lies in the unit ``anchor`` is (a province, a district) or near it (a settlement)."""
    from eventcoder.gazetteer.index import haversine_km

    if anchor.feature == "adm1":
        return place.admin1 == anchor.name
    if anchor.feature == "adm2" and place.admin2 == anchor.name:
        return True
    if anchor.feature == "country":
        return place.country == anchor.country
    return (place.lat is not None and anchor.lat is not None
            and haversine_km(place.lat, place.lon or 0.0, anchor.lat, anchor.lon or 0.0) <= CONTEXT_SAME_KM)  # fmt: skip


def _ctx_key(place: Any) -> tuple[Any, ...]:
    """The fields of a place that DocContext.add reads."""
    return (place.country, place.admin1, place.name, place.feature, place.lat, place.lon)


def _apply(ev: Event, r: Resolution | None, cand: dict[str, Any] | None, idx: int, res: Resolver,
           gazetteer: Gazetteer, doc_text: str = "") -> Event:  # fmt: skip
    hints = dict(ev.context or {})
    iso = hints.get("country_hint")
    evidence = dict(ev.evidence)
    cands = list(hints.get("place_candidates") or [])
    unresolved = [str(c["text"]) for c in cands[: max(idx, 0) if r is not None else len(cands)] if c.get("text")]
    if r is None:
        multi = hints.get("country_basis") == "actor" and unresolved and len(_group_isos(hints, doc_text)) > 1
        # a named place not found, and the only country a group's home though it fights in several: no country
        attacker = bool(iso) and iso in (hints.get("country_attacker"), hints.get("country_origin")) and not hints.get("admin1_hint") and not hints.get("region_text")
        pointless = None if multi or attacker or hints.get("admin1_hint") else _pointless_unit(cands, iso, res)
        if pointless is not None:
            r, unresolved = pointless, []  # "Senapati district": in the index, without a point (session 9)
        else:
            r = None if multi or attacker else res.container(country=iso, admin1=hints.get("admin1_hint"), region_text=hints.get("region_text"))
        if r is None:
            if attacker:
                hints["geo_reason"] = (
                    "the only country the text names is where the fire came from, not the scene: left without coordinates"
                    if hints.get("country_origin") == iso else
                    "the only country the text names is the attackers' nationality, not the place: left without coordinates"
                )  # fmt: skip
                if unresolved:
                    hints["geo_unresolved"] = unresolved
                return ev.replace(context=hints)
            if unresolved:
                hints["geo_unresolved"] = unresolved
                hints["geo_reason"] = (
                    "place not in the gazetteer; the group's home country is one of several it is active in: left without coordinates"
                    if multi else "place not in the gazetteer and no country known: left without coordinates"
                )  # fmt: skip
                if not multi and _sea_name(unresolved[0]):
                    hints["geo_reason"] = f"'{unresolved[0]}' is a sea, which gives no country: left without coordinates"
            return ev.replace(context=hints)
        precision = 3
        reason = r.reason
        if unresolved:
            reason = f"'{unresolved[0]}' not in the gazetteer; {reason}"
            if _sea_name(unresolved[0]):
                reason = f"'{unresolved[0]}' is a sea, which gives no country; {reason.split('; ', 1)[1]}"
        span = hints.get("region_span")
        if span:
            evidence["location"] = list(span)
        elif r.place.feature == "country" and (cue := _country_cue(doc_text, hints, r.place.country)) is not None:
            evidence["country"] = list(cue)  # the words that name the country ("Indian", "BJP workers")
    else:
        precision = r.precision
        reason = r.reason
        if precision == 1 and cand is not None and cand.get("start") is not None and _OFF_BEFORE.search(
                doc_text[max(0, int(cand["start"]) - 60) : int(cand["start"])]) and _at_sea(doc_text, hints):  # fmt: skip
            precision, reason = 2, f"at sea off {cand.get('text')}, near it; {reason}"
        if idx > 0:
            precision = max(precision, 2)
            if unresolved:
                reason = f"'{unresolved[0]}' not in the gazetteer; anchored to '{cand and cand.get('text')}': {reason}"
        if cand is not None and cand.get("start") is not None:
            evidence["location"] = [int(cand["start"]), int(cand["end"])]
        elif "location_text" in evidence:
            evidence["location"] = list(evidence["location_text"])
    if unresolved:
        hints["geo_unresolved"] = unresolved
    p = r.place
    admin1 = r.admin1
    admin2 = p.name if p.feature == "adm2" else (p.admin2 if p.feature != "adm1" else None)
    hints["geo_reason"] = plain(reason)  # the names as the fields write them (one spelling for the analyst)
    hints["geo_method"] = r.method
    country_name = gazetteer.country_name(p.country) if p.country else None
    if admin1 and p.country:
        admin1 = _admin1_display(gazetteer).get((p.country, admin1)) or _english_admin1(gazetteer, p.country, admin1)
    return ev.replace(
        country=plain(country_name),
        iso=p.country,
        admin1=plain(admin1) if p.feature != "country" else None,
        admin2=plain(admin2) if p.feature != "country" else None,
        location=plain(p.name),
        latitude=round(p.lat, 5) if p.lat is not None else None,
        longitude=round(p.lon, 5) if p.lon is not None else None,
        geo_precision=precision,
        gazetteer_id=p.gid,
        evidence=evidence,
        context=hints,
    )


# ---------------------------------------------------------------------------------- passage fallback
# An event with no resolved place and no country ("blocked Lahore-Islamabad road", "Delhi Police arrested",
# "attacked Kenjarh area in East Jebel Marrah") still often names a known place outside any "in X" phrase.
# Only then, the passage's toponyms (the geoparser's finder, plus the parts of hyphenated names and the
# leading words of "Delhi Police"-style names) are tried, conservatively: a country or province name, or a
# place of at least FALLBACK_POPULATION people, or one in a country the document's other events resolved to;
# places in those countries first, then the most specific, then the first in the text.

FALLBACK_POPULATION = 100_000
_FALLBACK_RUN = 8  # leading words of a capitalised run tried as one name (no place name is longer)
_FALLBACK_RANK = {"country": 0, "adm1": 1, "adm2": 2}
_FALLBACK_COMMON = frozenset(
    w.strip()
    for w in (Path(__file__).resolve().parent.parent / "data" / "geocode_fallback_common_words.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if w.strip() and not w.startswith("#")
)


def _cap_runs(text: str, word: str) -> Iterator[tuple[re.Match[str], list[tuple[str, int, int]]]]:
    """Each run of capitalised words of the text with its words (``word``: the pattern of one word) and their
    spans, leading stop words ("The", "In") dropped; runs of stop words only are skipped."""
    from eventcoder.gazetteer.toponyms import CAP_SEQ, STOP_WORDS

    for m in CAP_SEQ.finditer(text):
        words = [(w.group(), m.start() + w.start(), m.start() + w.end()) for w in re.finditer(word, m.group())]
        while words and words[0][0].strip(".") in STOP_WORDS:
            words = words[1:]
        if words:
            yield m, words


def _fallback_names(text: str, gazetteer: Gazetteer) -> list[tuple[str, int, int]]:
    from eventcoder.gazetteer.toponyms import find_toponyms

    out = [(text[t["start"] : t["end"]], t["start"], t["end"]) for t in find_toponyms(text, gazetteer)]
    seen = {(s, e) for _n, s, e in out}
    for m, words in _cap_runs(text, r"[^\s\-]+"):
        # "Lahore-Islamabad" -> each part; "Delhi Police" -> the longest leading run the gazetteer knows
        parts = list(words) if len(words) > 1 and "-" in m.group() else []
        # at most _FALLBACK_RUN leading words: trying every prefix of a run of hundreds of capitalised words
        # ("Aa-Bb-Cc-..." as one token) keyed ever longer strings (quadratic: 50 kB took 3 minutes)
        for n in range(min(len(words) - 1, _FALLBACK_RUN), 0, -1):
            s, e = words[0][1], words[n - 1][2]
            if gazetteer.candidates(text[s:e]):
                parts.append((text[s:e], s, e))
                break
        for name, s, e in parts:
            name = name.strip(".,;:'’")
            e = s + len(name)
            if len(name) >= 3 and name[:1].isupper() and (s, e) not in seen and gazetteer.candidates(name):
                seen.add((s, e))
                out.append((name, s, e))
    return sorted((t for t in out if not _sea_name(t[0])), key=lambda t: t[1])  # a sea gives no country (session 9)


def _fallback(doc: Document, ev: Event, res: Resolver, ctx: DocContext) -> tuple[Resolution, dict[str, Any]] | None:
    span = (ev.context or {}).get("passage")
    if not span:
        return None
    base = int(span[0])
    text = doc.text[base : int(span[1])]
    best: tuple[tuple[int, int, int], Resolution, dict[str, Any]] | None = None
    from eventcoder.gazetteer.normalize import name_key
    from eventcoder.gazetteer.resolve import peel

    for name, s, e in _fallback_names(text, res.g):
        if name.isupper() or all(w in _FALLBACK_COMMON for w in name.split()):
            continue  # "IIT", "GNA", "MNDAA": codes of organisations; "West", "New", "First" (but "East Delhi")
        if re.match(r"-[a-z]", text[e : e + 2]) or peel(name)[0] != name:
            continue  # "Saudi-led", "Chinese-owned": an adjective; "Qaryat ar": a descriptor with no name
        r = res.resolve(name, context=ctx, allow_fuzzy=False)
        if r is None:
            continue
        p = r.place
        if p.feature == "country" and _ORIGIN_BEFORE.search(text[max(0, s - 40) : s]):
            continue  # "intercepts drone from Yemen": where it came from, not the scene (session 9)
        if p.feature == "country" and (ev.context or {}).get("country_attacker"):
            continue  # the attackers' nationality or other fighters' ("Russian jets killed three Syrian militants")
        if (p.feature == "country" and _attacker_rx().match(text[e : e + 40])
                and not _victim(text[max(0, s - 60) : s])):  # fmt: skip
            continue  # "Russian jets killed 12 civilians": the attackers' nationality is no place (session 8)
        known = bool(ctx.countries) and p.country in ctx.countries
        own = name_key(name) == name_key(p.name)
        if not own and not ((p.feature in ("country", "adm1") or _province_seat(p, name, res)) and len(name) >= 4):
            continue  # an alternate name ("Salem" for Jerusalem, "Bir" for Beed) is too weak on its own
        others = [c.population for c in res.g.candidates(name) if c.country != p.country]
        if not known and others and not (p.population >= 1_000_000 and max(others) * 10 < p.population):
            continue  # namesakes in several countries ("Punjab", "Safi") and nothing in the document to choose
        if p.feature not in ("country", "adm1") and p.population < FALLBACK_POPULATION and not known:
            continue
        if ctx.countries and not known and p.feature != "country":
            continue  # the document is about other countries: a namesake elsewhere is too likely
        key = (0 if known else 1, -_FALLBACK_RANK.get(p.feature or "", 3), s)
        if best is None or key < best[0]:
            best = (key, r, {"text": name, "start": base + s, "end": base + e, "relation": None, "feature": None})
    if best is None:
        return None
    _key, r, cand = best
    precision = 3 if r.place.feature in ("country", "adm1") else 2
    reason = f"no 'in X' place: '{cand['text']}' named elsewhere in the passage ({r.reason})"
    return dataclasses.replace(r, precision=precision, reason=reason), cand


# ---------------------------------------------------------------------------------- text context
# One event and one place name with namesakes (two villages "Kakarak" in different provinces, or two
# "Sadiyah" in one): the other places its own text names ("on the outskirts of Tarin Kot city", "along
# the Obokun-Osogbo road", "Deir Ezzor : Salhia") are the only evidence left. Only names that place
# themselves without doubt count: a province by its own name, or an exact name whose every namesake in
# the event's country lies within CONTEXT_SAME_KM of the others (a district and its seat town are one
# place); never a fuzzy match, never another spelling of the event's own name ("Shiwan area" for
# "Shewan village": a different entry of the gazetteer is not evidence about this one).

CONTEXT_SAME_KM = 25.0
_NEAR_BEFORE = re.compile(r"(?i)\b(?:near|vicinity of|outskirts of|close to|around|nearby)\b[^.;\n]*$")
_NEAR_AFTER = re.compile(r"(?i)^['’]?s?\s+(?:countryside|outskirts|suburbs?|vicinity)\b")
CONTEXT_KNOWN_POP = 1000  # a town this big, with no namesake far away, is what the text means wherever it lies
_LOWER_NOT_A_NAME = frozenset(
    "northern southern eastern western central north south east west same whole entire other neighbouring "
    "neighboring restive southeastern southwestern northeastern northwestern border coastal capital home".split()
)
_LOWER_PROVINCE = re.compile(r"(?<![\w'’-])([a-z][a-z'’-]{3,})\s+(?:province|governorate)\b")
NEAR_PROVINCE_KM_TEXT = 120.0  # as the resolver's NEAR_PROVINCE_KM: borders differ between sources
CONTEXT_ALT_MIN_LEN = 6
_DISTRICT_AFTER = re.compile(r"(?i)^\)?\s+(?:district|sub-?district|lga|local government area)\b")
CONTEXT_OWN_SIMILARITY = 80.0
_CONTEXT_FEATURE = re.compile(
    r"(?i)^\s+(?:district|province|governorate|state|city|town|village|area|region|countryside|lga|camp|locality|"
    r"neighbou?rhood)\b"
)


def _context_place(name: str, iso: str, res: Resolver, district: bool = False) -> Place | None:
    """The one place a name of the text stands for in the country, or None when it is not certain
    (``district``: the text calls it a district, so the district rather than its seat town).

    A province by its own name; else the largest place of that name once the units named after it that
    contain it ("Aleppo": the governorate Halab and its city) and its own duplicates within
    CONTEXT_SAME_KM are set aside, when nothing else is left. A name the gazetteer knows only as another
    place's alternate must be CONTEXT_ALT_MIN_LEN characters long ("Deir Ezzor", not "Omar")."""
    from eventcoder.gazetteer.index import haversine_km
    from eventcoder.gazetteer.normalize import name_key

    key = name_key(name)
    cands = [p for p in res.g.candidates(name, iso) if p.lat is not None and p.lon is not None]
    if not cands or not key:
        return None
    units = [p for p in cands if p.feature == "adm1" and name_key(p.name) == key]
    if units:
        return units[0]
    if district:  # "Barmal district": a district under another spelling of its name (Bêrmal) is still it
        cands = [p for p in cands if p.feature == "adm2"] or cands
    own = [p for p in cands if name_key(p.name) == key or (district and p.feature == "adm2")]
    if not own and len(key) < CONTEXT_ALT_MIN_LEN:
        return None
    pool = [p for p in (own or cands) if (p.feature == "adm2") == district] or own or cands
    best = max(pool, key=lambda p: (p.population, p.feature not in ("adm1", "adm2")))
    if best.feature in ("country", "continent"):
        return None  # the country is known already
    for p in cands:
        if p is best or (p.feature == "adm1" and best.admin1 == p.name) or (p.feature == "adm2" and best.admin2 == p.name):
            continue
        if p.feature in ("country", "adm1") or haversine_km(best.lat, best.lon, p.lat, p.lon) > CONTEXT_SAME_KM:  # type: ignore[arg-type]
            return None
    return best


def _text_context(doc: Document, ev: Event, res: Resolver) -> tuple[DocContext, str, list[tuple[Place, str, int, int]]] | None:
    """The places the event's text names outside its own place phrase: a DocContext, their names, and each
    place with the name and its span in the document."""
    from rapidfuzz import fuzz

    from eventcoder.gazetteer.normalize import name_key
    from eventcoder.gazetteer.resolve import DocContext, peel

    hints = ev.context or {}
    iso = hints.get("country_hint")
    if not iso or not doc.text:
        return None
    span = hints.get("passage")
    base, end = (int(span[0]), int(span[1])) if span else (0, len(doc.text))
    text = doc.text[base:end]
    own = _SpanIndex((int(c["start"]) - base, int(c["end"]) - base) for c in hints.get("place_candidates") or []
                     if c.get("start") is not None and c.get("end") is not None)  # fmt: skip
    # each spelling once, and each name of the text compared once: a long report names the same places thousands
    # of times, and comparing every name with every candidate was quadratic (perf, session 9)
    own_keys = list(dict.fromkeys(k for k in (name_key(peel(str(c.get("text") or ""))[0])
                                              for c in hints.get("place_candidates") or []) if k))  # fmt: skip
    like_own: dict[str, bool] = {}
    admin1 = res.admin1_unit(iso, hints.get("admin1_hint")) if hints.get("admin1_hint") else None
    ctx = DocContext()
    used: list[str] = []
    items: list[tuple[Place, str, int, int]] = []
    for name, s, e in _context_names(text, res.g):
        if own.overlaps(s, e):
            continue
        key = name_key(name)
        if key and key not in like_own:
            like_own[key] = any(fuzz.ratio(key, k) >= CONTEXT_OWN_SIMILARITY for k in own_keys)
        if not key or like_own[key]:
            continue  # the event's own place in another spelling
        if name.isupper() or all(w in _FALLBACK_COMMON for w in name.split()):
            continue
        p = _context_place(name, iso, res, district=bool(_DISTRICT_AFTER.match(text[e : e + 20])))
        if p is None or (admin1 is not None and p.feature == "adm1" and p.name == admin1.name):
            continue  # the province the event already keeps to adds nothing
        ctx.add(p)
        used.append(plain(p.name) or name)
        items.append((p, name, base + s, base + e))
    if not used:
        return None
    return ctx, ", ".join(dict.fromkeys(used)), items


def _far_namesakes(r: Resolution, cand: dict[str, Any] | None, ev: Event, res: Resolver) -> bool:
    """Whether the name has namesakes far apart (other places, not the place's own province or district), or
    was found only under another name: only then can the text's other places overrule the gazetteer."""
    from eventcoder.gazetteer.index import haversine_km
    from eventcoder.gazetteer.resolve import peel

    if _by_alternate(r, cand):
        return True
    text = peel(str((cand or {}).get("text") or ""))[0]
    iso = (ev.context or {}).get("country_hint") or r.place.country
    p = r.place
    return any(
        q.id != p.id and not q.is_admin and q.lat is not None and p.lat is not None
        and haversine_km(p.lat, p.lon or 0.0, q.lat, q.lon or 0.0) > CONTEXT_SAME_KM
        for q in (res.g.candidates(text, iso) if text else [])
    )  # fmt: skip


BETWEEN_KM = 60.0
_BORDER = re.compile(r"(?i)^(?:the\s+)?(?:(?:border|frontier|boundary)(?:\s+area)?\s+)?between\s+")
_AND = re.compile(r"\s+(?:and|&)\s+")


def _between(text: str, res: Resolver, iso: str | None, admin1: str | None, ctx: DocContext | None) -> Resolution | None:
    """"between Shibam and Seiyun": two places that both resolve, exactly, within BETWEEN_KM of each other: the
    event lies near the first (geo_precision 2); farther apart or either unknown, nothing (the container)."""
    from eventcoder.gazetteer.index import haversine_km

    parts = [x.strip() for x in _AND.split(text)]
    if len(parts) != 2 or not all(parts):
        return None
    m = _BORDER.match(parts[0])
    if m:
        # "border between Razih district and Saudi Arabia": the stretch of border next to the place
        first = parts[0][m.end():]
        other = res.g.country_iso(parts[1])
        if first and other and other != iso:
            r = res.resolve(first, country=iso, admin1=admin1, context=ctx, allow_fuzzy=False)
            if r is not None and r.place.feature != "country":
                why = f"on the border of {first} with {parts[1]}; {r.reason}"
                return dataclasses.replace(r, precision=max(r.precision, 2), reason=why)
        parts[0] = first
    rs = [res.resolve(x, country=iso, admin1=admin1, context=ctx, allow_fuzzy=False) for x in parts]
    a, b = rs
    if a is None or b is None or a.place.lat is None or b.place.lat is None or a.place.is_admin or b.place.is_admin:
        return None
    d = haversine_km(a.place.lat, a.place.lon or 0.0, b.place.lat, b.place.lon or 0.0)
    if d > BETWEEN_KM:
        return None
    why = f"between {parts[0]} and {parts[1]} ({d:.0f} km apart): near the first; {a.reason}"
    return dataclasses.replace(a, precision=max(a.precision, 2), reason=why)


def _by_alternate(r: Resolution, cand: dict[str, Any] | None) -> bool:
    """Whether a place was found only under another name or spelling than the text's ("Shahi Kot" listed as
    an alternate of Sershakhi): the text's own province may then overrule it."""
    from eventcoder.gazetteer.normalize import name_key
    from eventcoder.gazetteer.resolve import peel

    text = peel(str((cand or {}).get("text") or ""))[0]
    return r.method == "fuzzy" or (bool(text) and name_key(text) != name_key(r.place.name))


def _context_province(ev: Event, items: list[tuple[Place, str, int, int]], res: Resolver) -> Place | None:
    """The province an event's text names by name (itself, or its city: "the countryside of Aleppo") when
    every place of the text lies in it and the extractor gave none; else None."""
    if _sole_province(ev, items) is None:
        return None
    units = {p.id: p for p, _n, _s, _e in items if p.feature == "adm1"}
    for p, name, _s, _e in items:
        if p.feature != "adm1":
            units.update({u.id: u for u in res.g.candidates(name, p.country) if u.feature == "adm1" and u.name == p.admin1})
    if len(units) != 1:
        return None
    return next(iter(units.values()))


def _sole_province(ev: Event, items: list[tuple[Place, str, int, int]]) -> str | None:
    """The name of the one province every place of an event's text lies in (named or not), when the
    extractor gave none (no admin1 hint, no region text); else None."""
    hints = ev.context or {}
    if hints.get("admin1_hint") or hints.get("region_text"):
        return None
    provinces = {p.name if p.feature == "adm1" else p.admin1 for p, _n, _s, _e in items}
    return provinces.pop() if len(provinces) == 1 else None


def _context_unit(ev: Event, items: list[tuple[Place, str, int, int]], res: Resolver) -> Place | None:
    """The province every place of an event's text lies in (named or not), when the extractor gave none."""
    province = _sole_province(ev, items)
    return None if province is None else res.admin1_unit(items[0][0].country, province)


def _context_container(
    ev: Event, items: list[tuple[Place, str, int, int]], res: Resolver, doc_text: str = ""
) -> tuple[Resolution, dict[str, Any], int] | None:
    """An unknown place with only its country known ("Tangi village" / "Tangi locality, Barmal district,
    Paktika"): the province every other place of its text lies in (geo_precision 3), or the one district
    they name when they all lie in it (geo_precision 2), or the one settlement the text says it is near
    ("vicinity of ... Handarat camp", "in Al-Qamishli countryside": geo_precision 2). A province the text
    gives is never left."""
    from eventcoder.gazetteer.index import haversine_km
    from eventcoder.gazetteer.resolve import Resolution

    province = _sole_province(ev, items)
    if province is None:
        return None
    hints = ev.context or {}
    districts = [t for t in items if t[0].feature == "adm2"]
    n_cands = len(hints.get("place_candidates") or [])
    if len({t[0].id for t in districts}) == 1:
        d = districts[0][0]
        if all(p.feature == "adm1" or p.admin2 == d.name or p.id == d.id
               or haversine_km(p.lat, p.lon, d.lat, d.lon) <= CONTEXT_SAME_KM for p, _n, _s, _e in items):  # type: ignore[arg-type]  # fmt: skip
            _p, name, s, e = districts[0]
            why = f"place not in the gazetteer: anchored to the district its text names ({plain(d.name)})"
            return Resolution(d, 2, why, "container"), {"text": name, "start": s, "end": e}, n_cands
    towns = [t for t in items if not t[0].is_admin]
    if doc_text and towns and all(
        haversine_km(t[0].lat, t[0].lon, towns[0][0].lat, towns[0][0].lon) <= CONTEXT_SAME_KM for t in towns  # type: ignore[arg-type]
    ):
        near = [t for t in towns if _NEAR_BEFORE.search(doc_text[max(0, t[2] - 60) : t[2]])
                or _NEAR_AFTER.match(doc_text[t[3] : t[3] + 25])]  # fmt: skip
        if near:
            p, name, s, e = near[0]
            why = f"place not in the gazetteer: anchored to the place its text says it is near ({plain(p.name)})"
            return Resolution(p, 2, why, "container"), {"text": name, "start": s, "end": e}, n_cands
    unit = next((t for t in items if t[0].feature == "adm1"), None)
    place = unit[0] if unit else res.admin1_unit(items[0][0].country, province)
    if place is None or place.lat is None:
        return None
    _p, name, s, e = unit or items[0]
    why = f"place not in the gazetteer: anchored to the province its text's other places lie in ({plain(place.name)})"
    return Resolution(place, 3, why, "container"), {"text": name, "start": s, "end": e}, n_cands


def _context_names(text: str, gazetteer: Gazetteer) -> list[tuple[str, int, int]]:
    """Toponyms of a text for context: a capitalised name the gazetteer knows (as written, or without a
    descriptor: "Khwaja Sabz Posh District", "Ghor's") after a place cue, before a feature word, or naming a
    province, district or a place of 1,000+ people; and the parts of hyphenated names ("Obokun-Osogbo
    road"). Never the leading words of a longer name ("Feroz" of "commander Feroz Khan")."""
    from eventcoder.gazetteer.resolve import peel
    from eventcoder.gazetteer.toponyms import PLACE_CUE

    out: list[tuple[str, int, int]] = []
    for _m, words in _cap_runs(text, r"\S+"):
        s, e = words[0][1], words[-1][2]
        name = re.sub(r"['’]s$", "", text[s:e].rstrip(".,;:'’"))
        core = name if gazetteer.candidates(name) else peel(name)[0]  # "Mexico City" is a name, not "Mexico"
        parts = [(core, s, s + len(core))] if "-" not in core or " " in core else []
        if "-" in core and " " not in core:
            parts += [(w.group(), s + w.start(), s + w.end()) for w in re.finditer(r"[^\-]+", core)]
        for nm, a, b in parts:
            if len(nm) < 3 or not nm[:1].isupper():
                continue
            cands = gazetteer.candidates(nm)
            if not cands:
                continue
            cue = bool(PLACE_CUE.search(text[max(0, a - 20) : a])) or core != name or bool(
                _CONTEXT_FEATURE.match(text[b : b + 20])
            )
            big = any(p.feature in ("adm1", "adm2") or p.population >= 1000 for p in cands)
            if cue or big or len(parts) > 1:
                out.append((nm, a, b))
    # a province written in lower case ("Shah-e-Kot valley (paktia province)"): only as a province
    for m in _LOWER_PROVINCE.finditer(text):
        nm = m.group(1)
        if nm in _FALLBACK_COMMON or nm.capitalize() in _FALLBACK_COMMON or nm in _LOWER_NOT_A_NAME:
            continue  # "the eastern province", "the same province"
        if any(p.feature == "adm1" for p in gazetteer.candidates(nm)):
            out.append((nm, m.start(1), m.end(1)))
    return sorted(out, key=lambda t: t[1])
