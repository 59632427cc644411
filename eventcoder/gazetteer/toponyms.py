"""Geoparsing any text: find toponyms (when not given) and resolve them with document context.

``find_toponyms(text, gazetteer)``: capitalised word sequences (with lower-case joiners such as
"al-", "de", "of") that the gazetteer knows, or that follow a place cue ("in", "near", "village of",
"north of" ...); sentence-initial common words and person-like sequences are dropped. No network
and no statistical model.

``geoparse_record(record, resolver)`` turns ``{"id", "text", "toponyms"?}`` into
``{"id", "toponyms": [{"start", "end", "name", "latitude", "longitude", "country", "admin1",
"feature", "gazetteer_id", "geo_precision", "reason"}]}``. Given spans (oracle) are resolved as given.
Document context: a country named in the text (or the dominant country of the unambiguous toponyms)
is preferred for ambiguous names, and places near the others in the same text win ties.
"""

from __future__ import annotations

import bisect
import csv
import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from eventcoder.gazetteer.build import SETTLEMENT_FEATURES
from eventcoder.gazetteer.index import Gazetteer, Place, haversine_km
from eventcoder.gazetteer.normalize import name_key
from eventcoder.gazetteer.resolve import REGIONAL, DocContext, Resolution, Resolver, _same_admin, peel

# public: the geocoder's passage fallback and text context read capitalised runs the same way
CAP_SEQ = re.compile(
    r"\b(?:[A-Z]\.){2,}|"  # U.S., D.C.
    # Arabic/Persian article forms as written in place names: Deir ez-Zor, Dar es Salaam, Jisr ash-Shughur
    r"\b[A-Z][\w'’\-]*(?:[ \t]+(?:(?:al|el|as|ash|ad|at|an|ar|az|ez|es|ed|et|en|er|de|del|da|do|la|le|of|on|upon|bin|bint|ibn)[ \t\-]+)?"
    r"[A-Z][\w'’\-]*)*"
)
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_CONTRACTION = re.compile(r"['’](?:d|ll|re|s|ve|t|m)$", re.I)
_LOWER_WORD = re.compile(r"\b[a-z][a-z]+\b")
PLACE_CUE = re.compile(
    r"(?:\b(?:in|near|at|from|to|outside|around|of|towards|toward|into|across)\s+(?:the\s+)?$)", re.I
)
STOP_WORDS = {
    "The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We", "I", "This", "That", "These", "Those",
    "Mr", "Mrs", "Ms", "Dr", "President", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "But", "And", "Or", "If", "When", "While", "After", "Before", "His",
    "Her", "Their", "Our", "Its", "There", "Here", "According", "Police", "Government", "Army", "State",
}  # fmt: skip


def find_toponyms(
    text: str, gazetteer: Gazetteer, *, min_population: int = 1000, strict: bool = False
) -> list[dict[str, int]]:
    """Spans of probable toponyms: known to the gazetteer (as a populated place, admin unit or
    country) and either after a place cue or naming a sizeable place."""
    spans: list[dict[str, int]] = []
    lower_words = set(_LOWER_WORD.findall(text))
    surnames = _surnames(text, gazetteer) if strict else set()
    for m in CAP_SEQ.finditer(text):
        s, e = m.start(), m.end()
        words = text[s:e].split()
        while words and words[0].strip(".") in STOP_WORDS:
            s += len(words[0]) + (len(text[s + len(words[0]) :]) - len(text[s + len(words[0]) :].lstrip()))
            words = words[1:]
        if not words:
            continue
        name = text[s:e].rstrip(".'’-")
        e = s + len(name)
        if len(name) < 3 or _CONTRACTION.search(name):
            continue
        if " " not in name and lower_words and name.lower() in lower_words:
            continue  # "Some", "Will", "Cole" written in lower case elsewhere in the text: a common word
        cands = gazetteer.candidates(name)
        if not cands:
            continue
        cue = bool(PLACE_CUE.search(text[max(0, s - 20) : s]))
        big = max((p.population for p in cands), default=0) >= min_population or any(
            p.feature in ("country", "adm1") for p in cands
        )
        if strict and not cue and name in surnames and not any(p.feature in REGIONAL for p in cands):
            continue  # "Steele" where the text also writes "Michael Steele": a person, not the village
        if strict and not cue and name in _not_context() and not any(p.feature in REGIONAL for p in cands):
            continue  # "the federal Liberal government": a party, not Liberal, Kansas
        if strict and not cue and _ACRONYM.fullmatch(name) and not any(p.feature in REGIONAL for p in cands):
            continue  # "BBC", "FDA": an organisation, not the village of that name ("L.A.", "U.S." keep their dots)
        if cue or big:
            spans.append({"start": s, "end": e})
    return spans


@functools.cache
def _not_context() -> frozenset[str]:
    """``data/geoparse_not_context.csv``: capitalised words news uses for parties, ideologies and offices that are
    also names of small places (Liberal, Kansas; Independence, Missouri): with oracle spans, no context place."""
    with resources.files("eventcoder.data").joinpath("geoparse_not_context.csv").open(encoding="utf-8") as fh:
        return frozenset(r["word"] for r in csv.DictReader(line for line in fh if not line.startswith("#")))


def _surnames(text: str, gazetteer: Gazetteer) -> set[str]:
    """Last words of the text's runs of two or more capitalised words that are no place ("Michael Steele",
    "George W. Bush", "Anne McLellan"): the same word alone elsewhere in the text is most likely that person."""
    out: set[str] = set()
    for m in CAP_SEQ.finditer(text):
        words = m.group(0).split()
        if len(words) >= 2 and words[0].strip(".") not in STOP_WORDS and not gazetteer.candidates(m.group(0)):
            last = words[-1].rstrip(".,'’")
            if not _CONTRACTION.search(last):
                out.add(last)
    return out


# score added by the geoparser (chosen on the dev split of the geoparsing benchmarks, docs/accuracy.md):
# a bare admin-1 name; the place's own name (not an alternate name), for a settlement / an admin unit;
# a world region or continent under its own name (more than any context can add to a namesake village);
# a place found inside a longer name must lie in a country the text names (FIT_COUNTRY) and within
# FIT_KM of its other places; a namesake is a stray (STRAY, STRAY_MANY: docs/accuracy.md geoparse rules 15-17) up to
# STRAY_POP people, admin units too (STRAY_ADMIN), never a national capital (STRAY_CAPITAL), measured against
# anchors of ANCHOR_POP+ people; the main place lies in the text's most-named country (MAIN_DOM); with oracle
# spans, a word the text also writes as the last name of a person, or an acronym, is no context place
# (CTX_SURNAMES); a place in
# a country (NAMED), a province (NAMED_A1) or a county (NAMED_A2) the text names outright; a name in a run of listed provinces (LIST_RUN);
# listed aliases (ALIASES), seas (SEAS), "the Gulf" within GULF_KM; the event geocoder's province-over-alternates filter stays off (ADMIN1_OVER_ALT);
# session 7: a province code beats a city abroad listing it as an alternate (CODE_OVER_ALT), a place inside a longer
# name is never the word after a given name (CONTAINED_AFTER_NAME), "St."/"Ste." are "Saint"/"Sainte" in own names (SAINT),
# a country inside a longer name counts under its own name or code, not its adjective (CONTAINED_COUNTRY), a stray's
# anchors in its own country must be named otherwise than it (STRAY_OWN_NAME), a province or district its country is
# named after (Bonaire, Tobago, Barbuda) is never a stray (STRAY_TERRITORY);
# session 8: a name qualified by a province that holds no place of that name lies in that province (QUAL_INSIDE), a
# listed abbreviation qualifies ("Holliday, Mo.": QUAL_ABBREV), a name the index lacks before "in" and a town lies in
# that town (IN_NEXT), a stray among namesakes none of which lies in an anchor's country falls back (STRAY_MANY_MAIN),
# a demonym adds only a demonym ending (DEMONYM_ENDING); with oracle spans a party word is no context place
# (data/geoparse_not_context.csv); a country under its own name inside a longer name fits any text (COUNTRY_FITS);
# a stray's fallback to a contained place only in an anchor's country (STRAY_MANY_FIT, STRAY_FIT_LONE)
# reviewer G: a stray namesake of 100,000+ people written as a word keeps its reading (STRAY_MANY_KEEP_POP)
# session 9: "Eastern and Southern Europe" names Eastern Europe (COMPASS_ELLIPSIS); a bloc adjective ("Western
# governments", "the West", "Arab solidarity") is its world region, not a province or village of that name (BLOC); a
# combining form before a hyphen ("Austro-Hungarian") is its country (COMBINING); "the Cincinnati suburb of West Chester"
# lies within SUBURB_KM of Cincinnati (SUBURB_OF); a name the index lacks lies in the text's main town, not at its
# country's centre (MAIN_TOWN); a bare province of BIG_PROVINCE+ people under its own name beats a village (BIG_PROVINCE);
# the capital of a country the text names outright beats a village of its name abroad (CAPITAL_NAMED); a seat yields to
# its province when the text names a larger town there (SEAT_PROVINCE); a country a multi-word name reaches only
# through part of it ("French Quarter") is no reading of it (PART_COUNTRY); a name the index lacks after a town's
# possessive ("Paris' iconic Champs-Elysees") lies in that town (POSSESSIVE); a stray's fallback needs an anchor of
# another name in its country (FIT_OWN_NAME)
_P = {"ADM1": 1.0, "OWN": 0.5, "OWN_ADMIN": 2.0, "FIT_COUNTRY": 1.0, "FIT_KM": 300.0, "REGION": 10.0, "STRAY": 1.0, "STRAY_MANY": 1.0, "STRAY_POP": 1_000_000, "STRAY_KM": 1000.0, "ANCHOR_POP": 10_000, "STRAY_ADMIN": 1.0, "STRAY_CAPITAL": 1.0, "MAIN_DOM": 1.0, "CTX_SURNAMES": 1.0, "NAMED": 0.5, "NAMED_A1": 1.0, "LIST_RUN": 1.0, "NAMED_A2": 1.0, "ALIASES": 1.0, "SEAS": 1.0, "GULF_KM": 1000.0, "ADMIN1_OVER_ALT": 0.0, "CODE_OVER_ALT": 1.0, "CONTAINED_AFTER_NAME": 1.0, "SAINT": 1.0, "CONTAINED_COUNTRY": 1.0, "STRAY_OWN_NAME": 1.0, "STRAY_TERRITORY": 1.0, "QUAL_INSIDE": 1.0, "QUAL_ABBREV": 1.0, "IN_NEXT": 1.0, "STRAY_MANY_MAIN": 1.0, "DEMONYM_ENDING": 1.0, "COUNTRY_FITS": 1.0, "STRAY_MANY_FIT": 1.0, "STRAY_FIT_LONE": 1.0, "STRAY_MANY_KEEP_POP": 100_000, "COMPASS_ELLIPSIS": 1.0, "BLOC": 1.0, "COMBINING": 1.0, "SUBURB_OF": 1.0, "SUBURB_KM": 60.0, "MAIN_TOWN": 1.0, "BIG_PROVINCE": 1_000_000, "CAPITAL_NAMED": 1.0, "SEAT_PROVINCE": 1.0, "PART_COUNTRY": 1.0, "POSSESSIVE": 1.0, "FIT_OWN_NAME": 1.0}


_SAINT = re.compile(r"\b(St|Ste)\b\.?(?=[ \t]+[A-Z])")


def _own_key(name: str) -> str:
    """The name key under which a place's own name is compared with the text's: with SAINT, "St." and "Ste." before
    a name are "Saint" and "Sainte" ("St. Petersburg" is the own name of Saint Petersburg as much as of the Florida
    city; the index keys them apart)."""
    if _P["SAINT"] and "St" in name:
        name = _SAINT.sub(lambda m: "Saint" if m.group(1) == "St" else "Sainte", name)
    return name_key(name)


@dataclass
class _GeoContext(DocContext):
    """The document context plus the kinds of places the text has named (states, countries, towns)."""

    features: Counter[str] = field(default_factory=Counter)
    named_countries: set[str] = field(default_factory=set)  # countries the text names outright
    named_admin1s: set[tuple[str | None, str | None]] = field(default_factory=set)  # ... and provinces
    named_admin2s: set[tuple[str | None, str | None]] = field(default_factory=set)  # ... and counties
    top_town: dict[tuple[str | None, str | None], int] = field(default_factory=dict)  # province -> its largest town named

    def add(self, place: Place) -> None:
        self.features[place.feature or ""] += 1
        if place.feature in SETTLEMENT_FEATURES:
            a1 = (place.country, place.admin1)
            self.top_town[a1] = max(self.top_town.get(a1, 0), place.population)
        if place.feature == "country" and place.country:
            self.named_countries.add(place.country)
        if place.feature == "adm1":
            self.named_admin1s.add((place.country, place.name))
        if place.feature == "adm2":
            self.named_admin2s.add((place.country, place.name))
        if place.feature in ("continent", "region"):
            return  # a continent or world region says nothing about where the text's places lie
        super().add(place)


class GeoparseResolver(Resolver):
    """The resolver with the geoparser's ranking (news and encyclopaedic text of any country, no
    province given): a bare state or province name means the unit, not a same-named village elsewhere;
    a place named by its own name beats one that only lists the name among its alternate names; a
    province's seat stands for the province only when it bears the province's own name."""

    def _names_a_province(self, core: str) -> bool:
        k = name_key(core)
        return any(p.feature == "adm1" and name_key(p.name) == k for p in self.g.candidates(core))

    def _seat_ok(self, seat: Place, core: str, ctx: DocContext | None = None) -> bool:
        """The seat stands for its province under the province's own name ("Kandahar"), except with SEAT_PROVINCE
        when the text names a larger town of that province: "not allowed to stay in Quebec" of a Montreal story is
        the province (Montreal, 1.8 million, is no suburb of Quebec City, 532,000)."""
        if name_key(seat.name) != name_key(core):
            return False
        return not (_P["SEAT_PROVINCE"] and isinstance(ctx, _GeoContext)
                    and ctx.top_town.get((seat.country, seat.admin1), 0) > seat.population)  # fmt: skip

    def _admin1_over_alternates(
        self, cands: list[Place], core: str, country: str | None, province_given: bool, reason_bits: list[str]
    ) -> list[Place]:
        """The event geocoder's filter (a province by its own name drops every place listing the name only as an
        alternate: "in Edo" is Edo State) is not the geoparser's: worldwide text names *Kingston* upon Thames and
        *Hamilton* in articles about them, not the Jamaican or Bermudan parish of that name; the own-name bonus
        (OWN) already ranks them. Measured on the five benchmarks: WikToR +12, LGL -1 (docs/accuracy.md)."""
        if _P["ADMIN1_OVER_ALT"]:
            return super()._admin1_over_alternates(cands, core, country, province_given, reason_bits)
        return cands

    def _keeps_province(self, unit: Place) -> bool:
        """A province its country is named after (*Saba*, *Bonaire*) is known by that name as a capital is: it does
        not yield to a city abroad (``Resolver._city_over_province``; WikToR's article on Saba)."""
        return _territory(unit, self.g.country_name)

    def _score(
        self, p: Place, core: str, level: str | None, feature: str | None, ctx: DocContext | None
    ) -> float:
        s = super()._score(p, core, level, feature, ctx)
        own = _own_key(p.name.split(",")[0]) == _own_key(core)  # "Washington, D.C." is named Washington
        if own:
            if p.feature == "capital" and not level and self._names_a_province(core):
                # a national capital is as prominent as the province of its name (Washington)
                s += _P["OWN_ADMIN"] + _P["ADM1"]
            else:
                s += _P["OWN_ADMIN"] if p.feature in REGIONAL else _P["OWN"]
        if not level and p.feature == "adm1":
            s += _P["ADM1"]
        if own and p.feature in ("region", "continent"):
            s += _P["REGION"]  # "Middle East", "West Africa": the region, whatever village bears its name
        if isinstance(ctx, _GeoContext) and p.feature != "country" and p.country in ctx.named_countries:
            s += _P["NAMED"]  # a country the text names outright ("Canada"), not only one its places lie in
        if isinstance(ctx, _GeoContext) and p.feature not in REGIONAL and (p.country, p.admin1) in ctx.named_admin1s:
            s += _P["NAMED_A1"]  # ... and a province it names outright ("Missouri"), not only one its places lie in
        if isinstance(ctx, _GeoContext) and p.feature not in (*REGIONAL, "adm2") and (p.country, p.admin2) in ctx.named_admin2s:
            s += _P["NAMED_A2"]  # ... or a county or district ("Williamson County")
        return s


_GENERIC = {
    "the", "of", "and", "street", "st", "road", "avenue", "ave", "university", "college", "school", "hospital",
    "church", "park", "national", "county", "co", "township", "twp", "city", "council", "district", "general",
    "international", "airport", "river", "lake", "mount", "valley", "bay", "port", "center", "centre", "state",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "greater",
    "upper", "lower", "new", "old", "great", "saint", "san", "santa", "memorial", "high", "middle", "elementary",
    "rue", "via", "calle", "place", "plaza", "hall", "union", "canal", "plantation", "embassy", "ministry",
    "federal", "reserve", "foreign", "concert", "delta", "golf", "club", "gateway", "house", "square",
}  # fmt: skip


_DEMONYM_ENDINGS = {"s", "n", "ns", "an", "ans", "i", "is"}  # Czechs, Ohioan(s), European(s), Kashmiri(s): what a demonym or plural adds


def _demonym(name: str, resolver: Resolver, ctx: DocContext) -> Resolution | None:
    """'Czechs' -> Czech (a country's demonym), 'European' -> Europe, 'Ohioans' -> Ohio: only names of
    countries, provinces, continents and regions are tried this way."""
    base = name[:-1] if name.endswith("s") and len(name) > 4 else name
    for v in dict.fromkeys((base, base[:-1], base[:-2])):
        if len(v) < 4 or v == name or v != v.rstrip() or len(v.split()[-1]) < 3:
            continue  # "Western US" is no plural of "Western U"
        if _P["DEMONYM_ENDING"] and name[len(v):] not in _DEMONYM_ENDINGS:
            continue  # "Malino" (an Indonesian town the index lacks) is no demonym of Mali
        if any(p.feature in REGIONAL for p in resolver.g.candidates(v)):
            r = resolver.resolve(v, context=ctx, allow_fuzzy=False)
            if r is not None and r.place.feature in REGIONAL:
                return Resolution(
                    r.place, 3, f"demonym or plural of {r.place.name}: {r.reason}", "exact", r.score
                )
    return None


def _contained(name: str, resolver: Resolver, ctx: DocContext) -> Resolution | None:
    """The longest run of words inside a longer name that the gazetteer knows as a place (not a continent, nor a
    country named by its adjective: 'Russian Embassy' is not at the centre of Russia)."""
    words = [w.strip(".,’'") for w in name.split()]
    if len(words) < 2:
        return None
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            part = words[i : i + size]
            if all(w.lower() in _GENERIC for w in part) or not part[0][:1].isupper():
                continue
            if _P["CONTAINED_AFTER_NAME"] and i > 0 and words[i - 1][:1].isupper() and words[i - 1].lower() not in _GENERIC:
                continue  # after a given name or title: a person ("Karl Bremer Hospital", "Sheikh Akil graveyard")
            r = resolver.resolve(" ".join(part), context=ctx, allow_fuzzy=False)
            if r is None or r.place.feature == "continent":
                continue
            own_country = r.place.feature == "country" and _names_country(" ".join(part), r.place)
            if not _fits(r.place, ctx) and not (_P["COUNTRY_FITS"] and own_country):
                continue  # (a country under its own name or code fits any text: "US Federal Reserve" in a UK story)
            if r.place.feature == "country":
                if _P["CONTAINED_COUNTRY"] and _names_country(" ".join(part), r.place):
                    # "Bank of Japan", "US Federal Reserve": the country under its own name or code, not its
                    # adjective ("Russian Embassy" lies in no centre of Russia)
                    return Resolution(r.place, 3, f"'{' '.join(part)}' inside '{name}': {r.reason}", "exact", r.score)
                continue
            return Resolution(r.place, 2, f"'{' '.join(part)}' inside '{name}': {r.reason}", "exact", r.score)
    return None


@functools.cache
def _country_short_names() -> dict[str, frozenset[str]]:
    """iso2 -> name keys of the short names news writes for that country ("US", "U.K.", "DRC", "CAR", "UAE"):
    ``data/countries.csv`` aliases and ``data/gazetteer_country_aliases.csv``."""
    out: dict[str, set[str]] = {}
    data = resources.files("eventcoder.data")
    with data.joinpath("countries.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for a in (row.get("aliases") or "").split(";"):
                if a.strip():
                    out.setdefault(row["iso"], set()).add(name_key(a))
    with data.joinpath("gazetteer_country_aliases.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            out.setdefault(row["iso2"], set()).add(name_key(row["alias"]))
    return {k: frozenset(v) for k, v in out.items()}


def _names_country(part: str, country: Place) -> bool:
    """Whether words name a country by its own name or a short name news writes for it ("Japan", "US", "U.K.",
    "DRC"), not by an adjective, nor by a bare ISO code that is a word or acronym of its own ("AU Commission" is
    no Australia, "IS Media" no Iceland, "PM Office" no Saint Pierre and Miquelon)."""
    key = name_key(part)
    return key == name_key(country.name) or key in _country_short_names().get(country.country or "", frozenset())


def _fits(p: Place, ctx: DocContext) -> bool:
    """A place found inside a longer name must fit the text ('Royal' in 'Royal Street' is no village
    of that name abroad): in a country the text names and near its other places, when it has any."""
    if not ctx.countries:
        return True
    if p.country not in ctx.countries and _P["FIT_COUNTRY"]:
        return False
    if ctx.points and p.lat is not None and p.lon is not None and p.feature not in ("adm1", "adm2", "country"):
        return min(haversine_km(p.lat, p.lon, a, b) for a, b in ctx.points) <= _P["FIT_KM"]
    return True


class _Anchors:
    """The text's anchors besides any one result: its context places and resolved places that are units or have
    ANCHOR_POP+ people (two small namesakes abroad, *Heathrow* and *Aberdeen* of Florida, must not vouch for each
    other), in text order (context places first, then the toponyms), kept up to date as results change. Held as
    counts by place and positions by country, so that each question costs O(distinct places), not O(mentions):
    listing every anchor for every toponym made a 50 kB text of 2,700 mentions take 17 s."""

    def __init__(self, ctx_places: list[Place], results: list[Resolution | None]) -> None:
        self.n0 = len(ctx_places)
        self.slot: list[Place | None] = [None] * (len(ctx_places) + len(results))
        self.count: Counter[int] = Counter()  # place id -> its anchor positions
        self.place: dict[int, Place] = {}
        self.at: dict[str | None, list[int]] = {}  # country -> sorted anchor positions
        for k, p in enumerate([*ctx_places, *(r.place if r is not None else None for r in results)]):
            self._set(k, p)

    def _set(self, k: int, p: Place | None) -> None:
        old = self.slot[k]
        if old is not None:
            self.count[old.id] -= 1
            if not self.count[old.id]:
                del self.count[old.id], self.place[old.id]
            pos = self.at[old.country]
            del pos[bisect.bisect_left(pos, k)]
        if p is not None and (p.feature not in SETTLEMENT_FEATURES or p.population >= _P["ANCHOR_POP"]):
            self.slot[k] = p
            self.count[p.id] += 1
            self.place[p.id] = p
            bisect.insort(self.at.setdefault(p.country, []), k)
        else:
            self.slot[k] = None

    def update(self, i: int, r: Resolution | None) -> None:
        """Result ``i`` is now ``r``."""
        self._set(self.n0 + i, r.place if r is not None else None)

    def weighted(self, but: int | None) -> list[tuple[Place, int]]:
        """Each anchor place but the one of id ``but``, with its number of mentions."""
        return [(self.place[k], c) for k, c in self.count.items() if k != but]

    def countries(self, i: int) -> list[str]:
        """The anchors' countries besides result ``i``'s own mention, most anchors first, ties in text order (as
        ``Counter.most_common`` orders them)."""
        me = self.n0 + i
        rows = []
        for cc, pos in self.at.items():
            n = len(pos) - (self.slot[me] is not None and self.slot[me].country == cc)  # type: ignore[union-attr]
            if cc and n > 0:
                rows.append((-n, pos[1] if pos[0] == me else pos[0], cc))
        return [cc for _n, _first, cc in sorted(rows)]


def _core_key(p: Place) -> str:
    """A place's name key, a district's or province's without its descriptor ("Karak District" -> "karak"; a town's
    whole name: "Kansas City" is no reading of "Kansas")."""
    return name_key(peel(p.name)[0] if p.feature in ("adm1", "adm2") else p.name)


def _territory(p: Place, country_name: Callable[[str], str | None] | None) -> bool:
    """A province or district its country is named after (*Bonaire* of "Bonaire, Saint Eustatius and Saba",
    *Tobago*, *Barbuda*, *Principe*): known by that name the world over, like a national capital."""
    whole = country_name(p.country) if country_name is not None and p.country else None
    if not whole or p.feature not in ("adm1", "adm2"):
        return False
    parts = {name_key(x) for x in re.split(r",|\band\b|&", whole) if x.strip()}
    return _core_key(p) in parts


def _stray(i: int, results: list[Resolution | None], anchors: _Anchors, *, lone: bool = True,
           country_name: Callable[[str], str | None] | None = None) -> bool:  # fmt: skip
    """Result ``i`` is the only candidate of its name (``lone``; else one of several), a settlement (or, with
    STRAY_ADMIN, a province or district: *Western* of Uganda in a British story) of under STRAY_POP people and
    no national capital (a capital is known the world over: *Jerusalem* in a US story), in no country the text's
    other anchors lie in and more than STRAY_KM from each of them (at least two of them)."""
    r = results[i]
    kinds = SETTLEMENT_FEATURES + (("adm1", "adm2") if _P["STRAY_ADMIN"] else ())
    if r is None or (r.alternatives == 1) != lone or r.place.feature not in kinds or r.place.lat is None:
        return False
    if r.place.population >= _P["STRAY_POP"] or (r.place.feature == "capital" and _P["STRAY_CAPITAL"]):
        return False
    if _P["STRAY_TERRITORY"] and _territory(r.place, country_name):
        return False
    me = r.place.id
    if len(anchors.count) - (me in anchors.count) < 2:
        return False
    others = anchors.weighted(me)
    if len(anchors.at.get(r.place.country, ())) - anchors.count.get(me, 0) > 0:
        # an anchor in its country; with STRAY_OWN_NAME, not one named like it (*Karak* and *Karak district* of
        # Pakistan, two readings of one name in a Jordan story, vouch for nothing)
        if not _P["STRAY_OWN_NAME"]:
            return False
        core = _core_key(r.place)
        others = [(o, n) for o, n in others if _core_key(o) != core]
        if len(others) < 2 or any(o.country == r.place.country for o, _n in others):
            return False
    pts = [(o.lat, o.lon) for o, _n in others if o.lat is not None and o.lon is not None]
    return bool(pts) and min(haversine_km(r.place.lat, r.place.lon or 0.0, a, b) for a, b in pts) > _P["STRAY_KM"]


def _main_place(names: list[str], results: list[Resolution | None]) -> Resolution | None:
    """The place the text names most often, preferring a settlement to a province to a country; with MAIN_DOM,
    among the places of the country the text's toponyms lie in most often (a Dublin story that names London
    three times and Dublin, Cork and Galway four times in all is anchored to Dublin; a street read as a
    namesake town abroad, *State* as Statte in Italy in a Chicago story, no longer decides)."""
    rank = {"country": 0, "continent": 0, "region": 0, "adm1": 1, "adm2": 2}
    counts: Counter[int] = Counter()
    by_id: dict[int, Place] = {}
    places = [r.place for r in results if r is not None]
    for p in places:
        counts[p.id] += 1
        by_id[p.id] = p
    if not counts:
        return None
    if _P["MAIN_DOM"]:
        by_country = Counter(p.country for p in places if p.country and p.feature not in ("continent", "region"))
        if by_country:
            top = by_country.most_common(1)[0][0]
            counts = Counter({k: v for k, v in counts.items() if by_id[k].country == top}) or counts
    if _P["MAIN_TOWN"]:
        # a street, building or school the index lacks lies in a town of the text, not at its country's centre
        # ("a student at Xavier University" in a Cincinnati story naming the U.S. eight times)
        towns = Counter({k: v for k, v in counts.items() if by_id[k].feature != "country"})
        counts = towns or counts
    best = max(counts, key=lambda k: (counts[k], rank.get(by_id[k].feature or "", 3)))
    p = by_id[best]
    return Resolution(p, 3, f"not in the gazetteer: anchored to the text's main place {p.name}", "container")


def _doc_country(cands: list[list[Place]]) -> str | None:
    """A country the text is about: named outright, else shared by most unambiguous toponyms."""
    named = [c[0].country for c in cands if len(c) >= 1 and all(p.feature == "country" for p in c)]
    if named:
        return Counter(named).most_common(1)[0][0]
    single = [c[0].country for c in cands if len({p.country for p in c}) == 1]
    if len(single) >= 2:
        country, n = Counter(single).most_common(1)[0]
        if n >= 2:
            return country
    return None


_QUALIFIER = re.compile(r",[ \t]*((?:[A-Z][\w'’.\-]*)(?:[ \t]+[A-Z][\w'’.\-]*){0,2})")


def _qualifier(text: str, end: int, resolver: Resolver) -> Place | None:
    """The province or country written right after a name ("Paris, Texas", "Parkland, Florida",
    "London, Ontario", "Kabul, Afghanistan"): the text's own disambiguation, stronger than any
    other context. The longest leading run of capitalised words that names an admin-1 unit or a
    country, else None."""
    m = _QUALIFIER.match(text, end)
    if m is None:
        return None
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        q = " ".join(words[:n]).rstrip(",")
        if _P["QUAL_ABBREV"] and q in _aliases() and _aliases()[q][3] == "abbreviation":
            u = _alias(q, None, resolver)  # "Mo.", "Ky.": Missouri and Kentucky, not Macao and the Cayman Islands
            if u is not None:
                return u.place
        q = q.rstrip(".")
        if len(q) < 2:
            continue
        units = [p for p in resolver.g.candidates(q) if p.feature in ("adm1", "country") and p.lat is not None]
        own = [p for p in units if name_key(p.name) == name_key(q)]
        pick = own or units
        if pick:
            return max(pick, key=lambda p: (p.feature == "country", p.population))
    return None


def _qualified(name: str, q: Place, resolver: Resolver, ctx: DocContext) -> Resolution | None:
    """``name`` resolved inside the province or country the text writes after it; None when the
    gazetteer has no such place there (the name then goes through the usual ranking)."""
    if any(p.feature in REGIONAL and name_key(p.name) == name_key(name) for p in resolver.g.candidates(name)):
        return None  # "Russia, United States, China": a list of units, not a place and its province
    if q.feature == "country":
        r = resolver.resolve(name, country=q.country, context=ctx, allow_fuzzy=False, allow_admin=False)
    else:
        r = resolver.resolve(name, country=q.country, admin1=q.name, context=ctx, allow_fuzzy=False,
                             allow_admin=False)  # fmt: skip
        if r is not None and r.admin1_override:
            return None  # only across the province border: not what the text says
    if r is None or r.place.is_admin:
        return None
    return replace(r, reason=f"qualified by '{q.name}' after it: {r.reason}")


def _absent_inside(name: str, q: Place, resolver: Resolver) -> bool:
    """Whether ``name``, written before its province ``q`` ("Holliday, Missouri"), has no place of that name in that
    province nor just across its border, while a namesake elsewhere would otherwise be taken (not a list of units)."""
    if q.feature != "adm1" or name.strip() in _aliases() or _is_gulf(name) or name_key(name) in _seas():
        return False  # a listed alias ("English"), a sea or "the Gulf" has its own rule
    cands = resolver.g.candidates(name)
    core = name_key(peel(name)[0])
    if not cands or any(p.is_admin and name_key(peel(p.name)[0]) == core for p in cands):
        return False  # "Sulu, Zamboanga Peninsula", "Greene County, Iowa": a unit's own name, as in a list of units
    return not any(p.country == q.country and (_same_admin(p.admin1, q.name) or p.id == q.id) for p in cands) and (
        resolver.resolve(name, country=q.country, admin1=q.name, allow_fuzzy=False, allow_admin=False) is None)


_IN_NEXT = re.compile(r",?[ \t]+in[ \t]+(?:the[ \t]+)?(?=[A-Z])")
_LISTED_ON = re.compile(r"[ \t]*(?:,|;|&|\band\b|\bor\b)[ \t]*(?:and[ \t]+|or[ \t]+)?[A-Z]")


def _listed_on(text: str, end: int) -> bool:
    """Whether the qualifier written after a name ending at ``end`` is followed by another capitalised name in a
    list ("Copenhagen, Hamburg, Brasov and Mannheim": four cities, not Copenhagen in Hamburg)."""
    m = _QUALIFIER.match(text, end)
    return m is not None and _LISTED_ON.match(text, m.end()) is not None


def _in_unit(p: Place, q: Place) -> bool:
    """Whether place ``p`` is province ``q`` or lies inside it."""
    return p.id == q.id or (p.country == q.country and _same_admin(p.admin1, q.name))


_LIST_GAP = re.compile(r"\s*(?:,|;|&|and|or|,\s*and|,\s*or)\s*", re.I)


def _list_unit(
    i: int, spans: list[dict[str, Any]], places: list[Place | None], text: str, name: str, resolver: Resolver
) -> Place | None:
    """A name listed among countries ("Benin, Ghana, Niger and Senegal") is the country of that name; one
    listed among states or provinces of one country ("Virginia, Washington, West Virginia") is that
    country's province -- not the same-named province or capital elsewhere. None when the listed
    neighbours are of mixed kinds or the name has no such unit under its own name."""
    sib: list[Place] = []
    for j in (i - 1, i + 1):
        if not 0 <= j < len(spans) or places[j] is None:
            continue
        a, b = (j, i) if j < i else (i, j)
        if _LIST_GAP.fullmatch(text[int(spans[a]["end"]) : int(spans[b]["start"])]):
            sib.append(places[j])  # type: ignore[arg-type]
    if not sib:
        return None
    kinds = {p.feature for p in sib}
    if kinds == {"country"}:
        units = [p for p in resolver.g.candidates(name) if p.feature == "country"]
    elif kinds == {"adm1"} and len({p.country for p in sib}) == 1:
        units = [p for p in resolver.g.candidates(name) if p.feature == "adm1" and p.country == sib[0].country]
    else:
        return None
    units = [p for p in units if p.lat is not None and name_key(p.name) == name_key(name)]
    return units[0] if len(units) == 1 else None


class _Run:
    """A run of listed names (spans ``lo``..``hi``): the kinds of their places and where each kind first occurs."""

    def __init__(self, lo: int, hi: int, places: list[Place | None]) -> None:
        self.lo, self.hi = lo, hi
        self.at: dict[tuple[str | None, str | None], list[int]] = {}
        for j in range(lo, hi + 1):
            p = places[j]
            if p is not None:
                self.at.setdefault((p.feature, p.country if p.feature == "adm1" else None), []).append(j)

    def top_kind(self, k: int) -> tuple[tuple[str | None, str | None], int] | None:
        """``Counter(kinds of the others than k).most_common(1)[0]``: most places, ties to the kind met first."""
        best = None
        for kind, pos in self.at.items():
            x = bisect.bisect_left(pos, k)
            n = len(pos) - (x < len(pos) and pos[x] == k)
            if n > 0:
                key = (-n, pos[1] if pos[0] == k else pos[0])
                if best is None or key < best[0]:
                    best = (key, kind, n)
        return None if best is None else (best[1], best[2])


def _list_runs(spans: list[dict[str, Any]], places: list[Place | None], text: str) -> list[_Run]:
    """Each span's run of listed names (spans joined by commas, "and", "or"), found once for the whole text."""
    out: list[_Run] = []
    lo = 0
    for k in range(len(spans)):
        if k == len(spans) - 1 or not _LIST_GAP.fullmatch(text[int(spans[k]["end"]) : int(spans[k + 1]["start"])]):
            run = _Run(lo, k, places)
            out += [run] * (k - lo + 1)
            lo = k + 1
    return out


def _list_run_unit(
    k: int, spans: list[dict[str, Any]], places: list[Place | None], text: str, name: str, resolver: Resolver,
    runs: list[_Run] | None = None,
) -> Place | None:
    """A name inside a run of three or more listed names ("Alaska, Alabama, ..., Nevada, New Mexico, ...") of
    which at least two thirds of the others are provinces of one country (or all countries): the unit of that
    kind under the name's own name, whatever its immediate neighbours went to. ``runs``: _list_runs of the same
    spans, places and text (else found here)."""
    run = (runs or _list_runs(spans, places, text))[k]
    n_others = run.hi - run.lo
    if n_others < 2:
        return None
    top = run.top_kind(k)
    if top is None:
        return None
    (feature, cc), n = top
    if feature not in ("adm1", "country") or 3 * n < 2 * n_others:
        return None
    units = [p for p in resolver.g.candidates(name) if p.feature == feature and (cc is None or p.country == cc)
             and p.lat is not None and name_key(p.name) == name_key(name)]  # fmt: skip
    return units[0] if len(units) == 1 else None


@functools.cache
def _aliases() -> dict[str, tuple[str, str, str, str]]:
    """``data/geoparse_aliases.csv``: alias as written -> (target name, iso2, feature, kind)."""
    with resources.files("eventcoder.data").joinpath("geoparse_aliases.csv").open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {r["alias"]: (r["target"], r["iso2"], r["feature"], r["kind"]) for r in rows}


_HYPHEN = "-‐‑–"


def _alias(name: str, current: Resolution | None, resolver: Resolver, after: str = "-", rest: str = "") -> Resolution | None:
    """The unit a listed abbreviation or adjective stands for ("Ont." -> Ontario, "English" -> England), unless
    the name already went to a country, province or region under its own name; None when not listed. A combining
    form ("Austro", "Sino") stands for its country only before a hyphen (``after``: the text's next character):
    "Austro-Hungarian", not General Franco; and not when the word after the hyphen (``rest``) is a sea, ocean,
    region or continent ("Indo-Pacific" is no part of India). Bloc adjectives ("Western", "Arab") are ``_bloc``'s."""
    hit = _aliases().get(name.strip()) if _P["ALIASES"] else None
    if hit is None or hit[3] == "bloc adjective":
        return None
    if hit[3] == "combining form" and (not _P["COMBINING"] or not after or after not in _HYPHEN):
        return None
    if hit[3] == "combining form" and _region_word(rest, resolver):
        return None  # "Indo-Pacific", "Afro-Eurasia": a region spanning both, not the country
    if current is not None and current.place.feature in REGIONAL and name_key(current.place.name) == name_key(name):
        return None
    target, cc, feature, kind = hit
    units = [p for p in resolver.g.candidates(target, cc or None)
             if p.feature == feature and p.country == (cc or None) and p.lat is not None]  # fmt: skip
    if not units:
        return None
    u = units[0]
    return Resolution(u, 3 if u.feature in REGIONAL else 2, f"'{name}' is {'an' if kind[0] in 'aeiou' else 'a'} {kind} of {u.name} ({u.country})", "exact")


_NEXT_WORD = re.compile(r"[\w'’]+")
_OCEAN_NEXT = re.compile(r"[ \t]+Ocean\b")


def _region_word(text: str, resolver: Resolver) -> bool:
    """Whether the word ``text`` starts with is a sea or ocean ("Pacific") or, read on its own, a region or
    continent ("Asia", "Caribbean")."""
    m = _NEXT_WORD.match(text)
    if m is None:
        return False
    word = m.group(0)
    if name_key(word) in _seas() or (_OCEAN_NEXT.match(text, m.end()) and name_key(word + " Ocean") in _seas()):
        return True  # "Indo-Pacific", "Afro-Indian Ocean"; not "Sino-Indian" (Indian alone is India's adjective)
    r = resolver.resolve(word, allow_fuzzy=False)
    return r is not None and r.place.feature in ("region", "continent")


# a list item: a capitalised word, then a comma or conjunction ("North Eastern and Western"; not "Arab ministers and
# Western diplomats", where a common noun comes before "and")
_LISTED_BEFORE = re.compile(r"[A-Z][\w'’.\-]*[ \t]*(?:,|\band|\bor|&)[ \t]*$")


# a bloc word used as a place's name, not as an adjective: nothing after it, a stop, a preposition, a verb in the
# past with its object or a stop after it ("Floods in Western killed five"; not the participle of "Western armed
# forces") or a unit word ("hit Western, Kakamega", "Western province"); "the West" is the bloc
_NAME_USE_AFTER = re.compile(
    r"[ \t]*(?:$|[,.;:!?)\]\"”])|[ \t]+(?:on|in|at|and|or|to|from|for|with|by|of|as|is|was|were|are|has|had|have|said|"
    r"says|after|before|since|during|near|into|where|which|who)\b|[ \t]+[a-z]+ed(?=[ \t]*(?:$|[,.;:!?])|[ \t]+(?:a|an|the|"
    r"at|in|on|over|up|\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many|dozens|scores|hundreds|"
    r"thousands|his|her|their|its|people|residents)\b)")
# a comma or conjunction after a bloc word and then another adjective of a people or bloc: a list of adjectives
# ("Western and Arab states", "Arab, European and Asian leaders"), the bloc
_ADJECTIVE_NEXT = re.compile(r"[ \t]*(?:,|and|or|&)[ \t]*(?:,?[ \t]*(?:and|or)[ \t]+)?([A-Z][a-z]+)\b")
_ADJECTIVE_END = re.compile(r"(?:an|ish|ese|ic|i)$")
_UNIT_AFTER = re.compile(r"[ \t]+(?:province|region|district|state|county)\b", re.I)
_THE_BEFORE = re.compile(r"\b[Tt]he[ \t]+$")


def _bloc(name: str, current: Resolution | None, text: str, start: int, home: list[tuple[float, float]],
          resolver: Resolver) -> Resolution | None:  # fmt: skip
    """A bloc adjective (``data/geoparse_aliases.csv`` kind "bloc adjective": "Western governments", "the West",
    "Arab solidarity", "Latin-born") is its world region, as GeoNames and GeoWebNews place them (the West at Western
    Europe), not Uganda's Western province nor Arab, Alabama. Not an item of a list ("Nyanza, Rift Valley, North
    Eastern and Western": Kenya's provinces), nor a name standing alone ("Floods hit Western, Kakamega officials
    said", "in Western on Monday", "Western killed five": no "the" before it and a stop, a preposition or a past
    verb after it; or a unit word after it, "the Western province": a province, whatever the index lacks), nor when the current reading lies within FIT_KM of one
    of ``home`` (the points of the text's other places: "West" of a story about Waco is the Texas town)."""
    hit = _aliases().get(name.strip()) if _P["BLOC"] else None
    if hit is None or hit[3] != "bloc adjective" or _LISTED_BEFORE.search(text, max(0, start - 40), start):
        return None
    end = start + len(name)
    adj = _ADJECTIVE_NEXT.match(text, end)
    listed_adjective = adj is not None and (adj.group(1) in _aliases() or bool(_ADJECTIVE_END.search(adj.group(1))))
    if _UNIT_AFTER.match(text, end) or (not _THE_BEFORE.search(text, max(0, start - 8), start)
                                        and not listed_adjective and _NAME_USE_AFTER.match(text, end)):  # fmt: skip
        return None
    if current is not None and current.place.feature in ("region", "continent"):
        return None
    at = (current.place.lat, current.place.lon) if current is not None else (None, None)
    if at[0] is not None and at[1] is not None and any(
            haversine_km(at[0], at[1], a, b) <= _P["FIT_KM"] for a, b in home):  # fmt: skip
        return None
    target, cc, feature, _kind = hit
    units = [p for p in resolver.g.candidates(target, cc or None)
             if p.feature == feature and p.country == (cc or None) and p.lat is not None]  # fmt: skip
    if not units:
        return None
    return Resolution(units[0], 3, f"'{name}' is a bloc adjective: {units[0].name}", "exact")


_COMPASS_WORDS = frozenset(
    ("north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower"))
_ELLIPSIS = re.compile(
    r"[ \t]*(?:,[ \t]*[A-Z][a-z]+[ \t]*)*,?[ \t]*(?:and|or|&)[ \t]+[A-Z][a-z]+[ \t]+([A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)?)")


_UNIT_SUFFIXES = ("Agency", "District", "Province", "Governorate", "Region", "State", "County")


def _ellipsis(name: str, text: str, end: int, resolver: Resolver) -> Resolution | None:
    """A compass word coordinated with another before a shared head ("Eastern and Southern Europe", "North and South
    Korea", "East, West and Central Africa") is that head's part: Eastern Europe, not Uganda's Eastern province.
    Only a region, country, province or district of that whole name under its own name ("North and South
    Waziristan": North Waziristan, not Cameroon's North province)."""
    if not _P["COMPASS_ELLIPSIS"] or name.strip().lower() not in _COMPASS_WORDS:
        return None
    m = _ELLIPSIS.match(text, end)
    if m is None:
        return None
    head = m.group(1).split()
    for k in range(len(head), 0, -1):
        whole = f"{name.strip()} {' '.join(head[:k])}"
        own = {name_key(whole)} | {name_key(f"{whole} {w}") for w in _UNIT_SUFFIXES}  # "North Waziristan Agency"
        units = [p for p in resolver.g.candidates(whole) if p.feature in (*REGIONAL, "adm2") and p.lat is not None
                 and name_key(p.name) in own]  # fmt: skip
        if units:
            u = max(units, key=lambda p: p.population)
            return Resolution(u, 2 if u.feature == "adm2" else 3,
                              f"'{name}' shares its head with the next name: {u.name} ({u.feature})", "exact")  # fmt: skip
    return None


# a town's possessive, then at most one word that is no particle ("Paris' iconic Champs-Elysees", "Kabul's Shar-e Naw"):
# "Moscow's troops near X", "Kyiv's forces retook X", "Washington's envoy to X" name a government, not a container
_POSSESSOR = re.compile(
    r"\b([A-Z][\w.\-]*(?:[ \t]+[A-Z][\w.\-]*)*)(?:['’]s|(?<=s)['’])[ \t]+"
    r"(?:(?!(?:and|or|but|to|near|in|at|from|into|on|of|with|for|by|against|towards?|over|across|around)\b)"
    r"[a-z][a-z\-]*[ \t]+)?\Z")  # fmt: skip
_SUBURB_OF = re.compile(
    r"\b(?:the|a|an)[ \t]+([A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*)*)[ \t]+(?:suburb|exurb|neighbou?rhood|"
    r"enclave|outskirts)[ \t]+of[ \t]+$")


def _suburb_of(text: str, start: int) -> int | None:
    """Where the town starts in "the Cincinnati suburb of West Chester" (for the name at ``start``), else None."""
    if not _P["SUBURB_OF"]:
        return None
    m = _SUBURB_OF.search(text, max(0, start - 80), start)
    return m.start(1) if m is not None else None


@functools.cache
def _seas() -> dict[str, tuple[Place, int]]:
    """``data/geoparse_seas.csv`` (tools/build_seas.py): name key of each sea's name (and short name) -> its point
    and its area in km²."""
    out: dict[str, tuple[Place, int]] = {}
    with resources.files("eventcoder.data").joinpath("geoparse_seas.csv").open(encoding="utf-8") as fh:
        for k, r in enumerate(csv.DictReader(line for line in fh if not line.startswith("#"))):
            p = Place(-1 - k, f"ne-marine:{r['name']}", r["name"], None, None, None, float(r["lat"]),
                      float(r["lon"]), "sea", 0, "naturalearth")  # fmt: skip
            for n in (r["name"], r["short"]):
                if n:
                    out.setdefault(name_key(n), (p, int(r["area_km2"])))
    return out


_COMPASS_LEAD = re.compile(r"(?:north|south|east|west|northern|southern|eastern|western|central)[ \t]+", re.I)


def _sea(name: str, current: Resolution | None) -> Resolution | None:
    """A sea or ocean ("Atlantic", "Gulf of Aden", "the Black Sea") where the index offers nothing better than a
    small namesake (Atlantic, Iowa; Pacific, Missouri): a country, province, region or place of 100,000+ people
    under that name stays."""
    if not _P["SEAS"]:
        return None
    hit = _seas().get(name_key(name))
    m = _COMPASS_LEAD.match(name)
    if hit is None and m:  # "North Atlantic" (Ocean), "Eastern Mediterranean": that ocean or part of that sea
        hit = _seas().get(name_key(name + " Ocean")) or _seas().get(name_key(name[m.end() :]))
    if hit is None:
        return None
    p = hit[0]
    if current is not None and (current.place.feature in REGIONAL or current.place.population >= 100_000):
        return None
    return Resolution(p, 3, f"sea or ocean {p.name} (Natural Earth marine polygon, centroid)", "exact")


def _is_gulf(name: str) -> bool:
    return bool(_P["GULF_KM"]) and name_key(name) in ("gulf", "the gulf")


@functools.cache
def _gulfs() -> list[tuple[Place, int]]:
    """Each named gulf of data/geoparse_seas.csv once, with its area."""
    return [(p, area) for p, area in {p.id: (p, a) for p, a in _seas().values()}.values() if "Gulf" in p.name.split()]


def _nearest_gulf(name: str, anchors: list[tuple[Place, int]], current: Resolution | None) -> Resolution | None:
    """"the Gulf" alone is the named gulf with the most of the text's anchors (mentions) within GULF_KM, the larger
    on a tie (the Persian Gulf, not the smaller Gulf of Oman, in a story about Dubai; the Gulf of Mexico in one
    about Houston), when it lies nearer them than the current reading (a Florida county, a Papuan province).
    ``anchors``: the text's anchor places with their numbers of mentions."""
    if not _is_gulf(name):
        return None
    cur = current.place.id if current is not None else None  # other mentions of the name vouch for nothing
    # each point once, weighted by its mentions: a 50 kB text naming Dubai and Doha 2,500 times took 245 s when
    # every "Gulf" measured every gulf against every mention
    pts: Counter[tuple[float, float]] = Counter()
    for a, w in anchors:
        if a.lat is not None and a.lon is not None and a.id != cur:
            pts[(a.lat, a.lon)] += w
    if not pts:
        return None

    def near(p: Place) -> float:
        return min(haversine_km(p.lat or 0.0, p.lon or 0.0, a, b) for a, b in pts)

    def count(p: Place) -> int:
        return sum(w for (a, b), w in pts.items() if haversine_km(p.lat or 0.0, p.lon or 0.0, a, b) <= _P["GULF_KM"])

    gulfs = [(count(p), area, p) for p, area in _gulfs()]
    n, _area, best = max(gulfs, key=lambda g: (g[0], g[1]))
    if n == 0:
        return None
    if current is not None and current.place.lat is not None and near(current.place) <= near(best):
        return None
    return Resolution(best, 3, f"'{name}' alone: the gulf most of the text's places lie near, {best.name} (Natural Earth)", "exact")


_CODE = re.compile(r"(?:[A-Z]\.?){2,3}")


def _province_code(name: str, countries: set[str | None], resolver: Resolver) -> Place | None:
    """'NSW', 'B.C.', 'WA': the ISO 3166-2 code of a province of a country the text names (AU-NSW,
    CA-BC); None when no such code exists there or it fits provinces of several of the text's countries."""
    if not _CODE.fullmatch(name.strip()):
        return None
    letters = name.replace(".", "").strip().upper()
    found: list[Place] = []
    for cc in sorted(c for c in countries if c):
        for (unit,) in resolver.g.sql("SELECT name FROM admin_codes WHERE code = ?", (f"{cc}-{letters}",)):
            found += [p for p in resolver.g.candidates(unit, cc) if p.feature == "adm1" and p.lat is not None][:1]
    return found[0] if len({p.id for p in found}) == 1 else None


def _overlapping(spans: list[dict[str, Any]]) -> Callable[[dict[str, int]], bool]:
    """Whether a span overlaps any of ``spans``: the spans sorted by start with the running maximum of their ends,
    so each question is a binary search (testing every context span against every toponym was quadratic)."""
    iv = sorted((int(b["start"]), int(b["end"])) for b in spans)
    starts = [a for a, _b in iv]
    reach = list(itertools.accumulate((b for _a, b in iv), max))

    def overlaps(a: dict[str, int]) -> bool:
        k = bisect.bisect_left(starts, a["end"])  # the spans that start before ``a`` ends
        return k > 0 and reach[k - 1] > a["start"]

    return overlaps


class _PlaceCounts:
    """A multiset of places (the text's context places and its toponyms' current places) from which the document
    context of one name, without the places of that name's own mentions, is made in O(distinct places)."""

    def __init__(self) -> None:
        self.count: Counter[int] = Counter()
        self.place: dict[int, Place] = {}

    def add(self, p: Place, n: int = 1) -> None:
        self.count[p.id] += n
        self.place[p.id] = p
        if not self.count[p.id]:
            del self.count[p.id], self.place[p.id]

    def context(self, admin1_votes: dict[tuple[str | None, str | None], float], without: Counter[int]) -> _GeoContext:
        """The _GeoContext that adding every place (each as often as counted, less ``without``) gives."""
        ctx = _GeoContext(admin1_votes=admin1_votes)
        for k, c in self.count.items():
            c -= without.get(k, 0)
            if c <= 0:
                continue
            p = self.place[k]
            ctx.add(p)  # sets and points once; the counters as often as the place is counted
            ctx.features[p.feature or ""] += c - 1
            if p.feature not in ("continent", "region", "country"):
                ctx.admin1_count[(p.country, p.name if p.feature == "adm1" else p.admin1)] += c - 1
        return ctx


def _geoparse_resolver(resolver: Resolver) -> Resolver:
    """The geoparser's ranking on the same gazetteer and thresholds (made once per resolver)."""
    if isinstance(resolver, GeoparseResolver):
        return resolver
    gp = getattr(resolver, "_geoparse", None)
    if gp is None:
        gp = GeoparseResolver(resolver.g, fuzzy_threshold=resolver.fuzzy_threshold,
                              fuzzy_threshold_admin1=resolver.fuzzy_threshold_admin1)  # fmt: skip
        resolver._geoparse = gp  # type: ignore[attr-defined]
    return gp


def geoparse_record(record: dict[str, Any], resolver: Resolver) -> dict[str, Any]:
    resolver = _geoparse_resolver(resolver)
    text = str(record.get("text") or "")
    spans = record.get("toponyms")
    found = find_toponyms(text, resolver.g, strict=spans is not None and bool(_P["CTX_SURNAMES"]))
    if spans is None:
        spans = found
        context_spans: list[dict[str, int]] = []
    else:  # oracle spans: the other places the text names are context only
        overlaps = _overlapping(spans)
        context_spans = [c for c in found if not overlaps(c)]
    names = [text[int(t["start"]) : int(t["end"])] for t in spans]
    ctx = _GeoContext()
    distinct = {n for n in names} | {text[c["start"] : c["end"]] for c in context_spans}
    ctx.vote([resolver.g.candidates(n) for n in sorted(distinct)])
    # 1. context: the text's own unambiguous places, countries and provinces, then the rest near them
    ctx_names = [text[c["start"] : c["end"]] for c in context_spans]
    later = []
    ctx_places: list[Place] = []
    ctx_at: dict[int, Place] = {}  # context span index -> its place
    for k, n in enumerate(ctx_names):
        r = resolver.resolve(n, allow_fuzzy=False)
        if r is not None and (r.alternatives == 1 or r.place.feature in ("country", "adm1")):
            ctx.add(r.place)
            ctx_places.append(r.place)
            ctx_at[k] = r.place
        elif r is not None:
            later.append(k)
    for k in later:
        r = resolver.resolve(ctx_names[k], context=ctx, allow_fuzzy=False)
        if r is not None:
            ctx.add(r.place)
            ctx_places.append(r.place)
            ctx_at[k] = r.place
    # 2. the toponyms themselves, least ambiguous first, each one adding to the context
    cands = [resolver.g.candidates(n) for n in names]
    doc_country = _doc_country([c for c in cands if c])
    results: list[Resolution | None] = [None] * len(names)
    order = sorted(range(len(names)), key=lambda i: len(cands[i]) if cands[i] else 99)
    quals = [_qualifier(text, int(t["end"]), resolver) for t in spans]
    quals_listed = [q is not None and _listed_on(text, int(t["end"])) for q, t in zip(quals, spans, strict=True)]
    qualified: set[int] = set()
    inside: dict[int, Place] = {}  # a name qualified by a province that holds no place of that name -> the province
    for i in order:
        q = quals[i]
        r = _qualified(names[i], q, resolver, ctx) if q is not None else None
        if r is not None:
            qualified.add(i)
            results[i] = r
            ctx.add(r.place)
            continue
        if q is not None and _P["QUAL_INSIDE"] and not quals_listed[i] and _absent_inside(names[i], q, resolver):
            qualified.add(i)  # "Holliday, Missouri" where the index has only Texas' Holliday: somewhere in Missouri
            inside[i] = q
            continue
        r = resolver.resolve(names[i], context=ctx, allow_fuzzy=False)
        if r is None and doc_country:
            r = resolver.resolve(names[i], country=doc_country, context=ctx)
        if (_P["PART_COUNTRY"] and r is not None and r.place.feature == "country" and " " in names[i].strip()
                and r.place not in cands[i] and r.method != "fuzzy"):  # fmt: skip
            # "French Quarter" (of New Orleans) read as a quarter of France: a name the index lacks; a spelling
            # variant of the whole name is no part of it ("Democratic Republic of Congo" ~ "... of the Congo")
            r = None
        results[i] = r
        if r is not None:
            ctx.add(r.place)
    # 3. once more, each ambiguous name against everything else the text resolved (the first pass
    #    only saw the places resolved before it): the context places and every other name's current place.
    #    That context is the same for every mention of a name until some result changes: made once per name
    #    and state from counts (rebuilding it from all mentions for each mention was quadratic)
    counts = _PlaceCounts()
    for c in ctx_places:
        counts.add(c)
    mentions: dict[str, list[int]] = {}
    for j, rj in enumerate(results):
        mentions.setdefault(names[j], []).append(j)
        if rj is not None:
            counts.add(rj.place)
    state = 0  # bumped whenever a result's place changes
    memo: dict[str, tuple[int, Resolution | None]] = {}
    for i in order:
        if results[i] is None or results[i].alternatives <= 1 or i in qualified:  # type: ignore[union-attr]
            continue
        hit = memo.get(names[i])
        if hit is not None and hit[0] == state:
            r = hit[1]
        else:
            own = Counter(results[j].place.id for j in mentions[names[i]] if results[j] is not None)  # type: ignore[union-attr]
            r = resolver.resolve(names[i], context=counts.context(ctx.admin1_votes, own), allow_fuzzy=False)
            memo[names[i]] = (state, r)
        if r is not None:
            prev = results[i].place  # type: ignore[union-attr]
            results[i] = r
            if prev.id != r.place.id:
                counts.add(prev, -1)
                counts.add(r.place)
                state += 1
    # 3b. a name listed among countries, or among one country's provinces, is a unit of the same kind
    #     (the text's other toponyms count as list neighbours too)
    every = [(int(t["start"]), i, t, results[i].place if results[i] is not None else None)  # type: ignore[union-attr]
             for i, t in enumerate(spans)] + [(int(c["start"]), -1, c, ctx_at.get(k))
                                              for k, c in enumerate(context_spans)]  # fmt: skip
    every.sort(key=lambda e: e[0])
    ordered_spans = [e[2] for e in every]
    ordered_places = [e[3] for e in every]
    runs = _list_runs(ordered_spans, ordered_places, text)
    for k, (_s, i, _t, _p) in enumerate(every):
        if i < 0 or i in qualified:
            continue
        u = _list_unit(k, ordered_spans, ordered_places, text, names[i], resolver)
        if u is None and _P["LIST_RUN"]:
            u = _list_run_unit(k, ordered_spans, ordered_places, text, names[i], resolver, runs)
        if u is not None and (results[i] is None or results[i].place.id != u.id):  # type: ignore[union-attr]
            results[i] = Resolution(u, 3, f"listed with other {'countries' if u.feature == 'country' else 'provinces'}"
                                    f" of the text: {u.name} ({u.feature}; {u.country})", "exact")  # fmt: skip
    # 4. names the gazetteer does not hold: a demonym or plural of a country/province/continent
    #    ("Czechs", "European", "Ohioans"), else the place a longer name contains ("Colchester General
    #    Hospital", "Loudon Co.", "Tijuana River"), else the text's main place (streets, buildings and
    #    parks of a local story lie in its town) -- each with its reason and a lower precision
    full = _GeoContext(admin1_votes=ctx.admin1_votes)
    for c in ctx_places:
        full.add(c)
    for rj in results:
        if rj is not None:
            full.add(rj.place)
    # the text's main place; when none of its toponyms resolved (a Wikipedia article on a village the index
    # lacks), the main place of the other places it names
    main = _main_place(names, results) or _main_place(names, [Resolution(c, 3, "", "exact") for c in ctx_places])
    # ``full`` stays as it is below, so what a name gives against it is asked once per name (and country)
    anchors = _Anchors(ctx_places, results)
    fallbacks: dict[str, Resolution | None] = {}
    codes: dict[str, Place | None] = {}
    in_country: dict[tuple[str, str], Resolution | None] = {}
    cname = resolver.g.country_name

    def fallback(n: str) -> Resolution | None:
        if n not in fallbacks:
            fallbacks[n] = _demonym(n, resolver, full) or _contained(n, resolver, full)
        return fallbacks[n]

    starts: dict[int, tuple[int, Place | None]] = {int(t["start"]): (i, None) for i, t in enumerate(spans)}
    starts.update({int(c["start"]): (-1, ctx_at.get(k)) for k, c in enumerate(context_spans)})

    def within(i: int) -> Resolution | None:
        """A name the index lacks written just before "in" and a place of the text ("Thomas Memorial Hospital in South
        Charleston"): it lies in that place (not in a namesake of a word of its name)."""
        m = _IN_NEXT.match(text, int(spans[i]["end"]))
        j, p = starts.get(m.end(), (-1, None)) if m is not None else (-1, None)
        if j >= 0 and results[j] is not None:
            p = results[j].place  # type: ignore[union-attr]
        if p is None or p.feature in REGIONAL or p.lat is None:  # a province's centre is no closer than a guess
            return None
        return Resolution(p, 3, f"not in the gazetteer: in {p.name}, as the text says ('{m.group(0).strip()}')",  # type: ignore[union-attr]
                          "container")  # fmt: skip

    owners: dict[str, Resolution | None] = {}

    def owner(n: str) -> Resolution | None:
        """A name the index lacks written after a town's possessive ("Paris' iconic Champs-Elysees", "Kabul's Shar-e Naw")
        lies in that town, at every mention of the name (POSSESSIVE)."""
        if not _P["POSSESSIVE"]:
            return None
        if n not in owners:
            owners[n] = None
            for j in mentions[n]:
                m = _POSSESSOR.search(text, max(0, int(spans[j]["start"]) - 60), int(spans[j]["start"]))
                k, p = starts.get(m.start(1), (-1, None)) if m is not None else (-1, None)
                if k >= 0 and results[k] is not None:
                    p = results[k].place  # type: ignore[union-attr]
                if p is not None and p.feature not in REGIONAL and p.lat is not None:
                    owners[n] = Resolution(p, 3, f"not in the gazetteer: in {p.name}, whose possessive the text "
                                           "writes before it", "container")  # fmt: skip
                    break
        return owners[n]

    def fits(fb: Resolution | None, i: int, rule: float) -> bool:
        """Whether a stray's fallback may stand: a demonym names its unit itself; a place inside the name must lie in
        an anchor's country (with the stray's own reading in the context, any place of its country "fitted")."""
        if fb is None:
            return False
        if not rule or fb.reason.startswith("demonym"):
            return True
        if not _P["FIT_OWN_NAME"]:
            return fb.place.country in anchors.countries(i)
        # an anchor of another name (*Karak*, still read as Pakistan's town, vouches for no fallback of *Karak
        # district* to that town)
        me = results[i].place.id if results[i] is not None else None  # type: ignore[union-attr]
        cores = {_core_key(fb.place)} | ({_core_key(results[i].place)} if results[i] is not None else set())  # type: ignore[union-attr]
        return any(o.country == fb.place.country and o.id != me and _core_key(o) not in cores
                   for o in anchors.place.values())  # fmt: skip

    def put(i: int, r: Resolution | None) -> None:
        results[i] = r
        anchors.update(i, r)

    for i, q in inside.items():
        # inside its qualifier: the place a longer name contains or the text's main place when either lies there
        # (the streets and hamlets of a local story lie in its town), else the province itself
        r = next((x for x in (fallback(names[i]), main) if x is not None and _in_unit(x.place, q)), None)
        put(i, replace(r, reason=f"qualified by '{q.name}', where the gazetteer has no '{names[i]}': {r.reason}")
            if r is not None else Resolution(q, 3, f"qualified by '{q.name}', where the gazetteer has no "
                                             f"'{names[i]}': the province itself", "container"))  # fmt: skip
    def suburb(i: int) -> Resolution | None:
        """"the Cincinnati suburb of West Chester": the name within SUBURB_KM of that town (Westchester County,
        New York, is no reading), else the town itself."""
        at = _suburb_of(text, int(spans[i]["start"]))
        j, p = starts.get(at, (-1, None)) if at is not None else (-1, None)
        if j >= 0 and results[j] is not None:
            p = results[j].place  # type: ignore[union-attr]
        if p is None or p.feature in REGIONAL or p.lat is None or p.lon is None:
            return None

        def near(x: Resolution | None) -> bool:
            return (x is not None and x.place.lat is not None and x.place.lon is not None
                    and haversine_km(x.place.lat, x.place.lon, p.lat or 0.0, p.lon or 0.0) <= _P["SUBURB_KM"])  # fmt: skip

        if near(results[i]):
            return None
        r = resolver.resolve(names[i], country=p.country, context=full, allow_fuzzy=False)
        if r is not None and near(r):
            return replace(r, reason=f"a suburb of {p.name}, as the text says: {r.reason}")
        return Resolution(p, 2, f"a suburb of {p.name}, as the text says; no '{names[i]}' near it in the gazetteer",
                          "container")  # fmt: skip

    def big_province(i: int) -> Resolution | None:
        """A bare province name of BIG_PROVINCE+ people under its own name ("California") that went to a village of
        that name (California, Missouri, in a Missouri story): the province."""
        r = results[i]
        if not _P["BIG_PROVINCE"] or r is None or r.place.feature in REGIONAL:
            return None
        if names[i] not in provinces:
            k = name_key(names[i])
            units = [p for p in resolver.g.candidates(names[i]) if p.feature == "adm1" and name_key(p.name) == k
                     and p.population >= _P["BIG_PROVINCE"] and p.lat is not None]  # fmt: skip
            provinces[names[i]] = max(units, key=lambda p: p.population) if units else None
        u = provinces[names[i]]
        if u is None or r.place.population * 100 > u.population or r.place.country != u.country:
            return None
        if written_qualified(i):
            return None  # "Nevada, Missouri: police in Nevada said": the text says which Nevada
        if r.place.admin2 and (r.place.country, r.place.admin2) in full.named_admin2s:
            return None  # "Washington is the county seat of Washington County, Pennsylvania": the text names its county
        return Resolution(u, 3, f"a province of {u.population:,} people by its own name, not a village of "
                          f"{r.place.population:,} ({r.place.name}, {r.place.admin1})", "exact")  # fmt: skip

    def named_capital(i: int) -> Resolution | None:
        """"Paris" of a Kentucky story that names France outright ("Dr. Maggard is in France ... on Paris' Champs-
        Elysees"): the capital of a country the text names, not Paris, Kentucky (a village of 9,000 nearer the
        text's other places). Only over a settlement smaller than the capital, in a country the text does not name
        outright itself, and not where a mention of the name is written with its province ("Paris, Texas"); at
        precision 2: a guess against the context's ranking, never a confident point."""
        r = results[i]
        if not _P["CAPITAL_NAMED"] or r is None or r.place.feature in REGIONAL or r.place.feature == "capital":
            return None
        if r.place.country in full.named_countries:
            return None  # "Dublin is a city in Alameda County, California, United States ... named after Dublin, Ireland"
        if written_qualified(i):
            return None  # "PARIS, Texas -- ... flown in from France. Paris police said": the text says which Paris
        k = _own_key(names[i])
        caps = [p for p in resolver.g.candidates(names[i]) if p.feature == "capital" and p.lat is not None
                and p.country in full.named_countries and p.country != r.place.country
                and _own_key(p.name) == k and p.population > r.place.population]  # fmt: skip
        if len(caps) != 1:
            return None
        return Resolution(caps[0], 2, f"the capital of {caps[0].country}, a country the text names, not "
                          f"{r.place.name} ({r.place.admin1}, {r.place.country})", "exact")  # fmt: skip

    homes: dict[str, list[tuple[float, float]]] = {}
    provinces: dict[str, Place | None] = {}
    # names the text writes with the province or country of their reading at some mention ("Paris, Texas",
    # "Athens, Georgia"): the text says which place it means; BIG_PROVINCE and CAPITAL_NAMED leave them alone
    written_with: dict[str, list[Place]] = {}
    for j, q in enumerate(quals):
        if q is not None:
            written_with.setdefault(name_key(names[j]), []).append(q)

    def written_qualified(i: int) -> bool:
        """Whether the text writes ``names[i]`` with the province (or country) of its current reading at some
        mention ("Athens, Georgia" names Georgia the country too: a qualifier of that name counts)."""
        p = results[i].place  # type: ignore[union-attr]
        return any((q.country == p.country and (q.feature == "country" or q.admin1 == p.admin1))
                   or (p.admin1 is not None and name_key(q.name) == name_key(p.admin1))
                   for q in written_with.get(name_key(names[i]), ()))  # fmt: skip

    def home(n: str) -> list[tuple[float, float]]:
        """The points of the text's places other than ``n``'s mentions and other bloc adjectives, countries and
        regions (asked only for bloc adjectives)."""
        if n not in homes:
            others = [*ctx_places, *(r.place for j, r in enumerate(results) if r is not None and names[j] != n
                                     and _aliases().get(names[j].strip(), ("",) * 4)[3] != "bloc adjective")]  # fmt: skip
            homes[n] = list({(p.lat, p.lon) for p in others if p.lat is not None and p.lon is not None
                             and p.feature not in ("country", "region", "continent")})  # fmt: skip
        return homes[n]

    for i, n in enumerate(names):
        end = int(spans[i]["end"])
        a = None if i in qualified else (
            _ellipsis(n, text, end, resolver)
            or (_bloc(n, results[i], text, int(spans[i]["start"]), home(n), resolver)
                if n.strip() in _aliases() else None)
            or suburb(i) or big_province(i) or named_capital(i)
            or _alias(n, results[i], resolver, text[end : end + 1], text[end + 1 : end + 40]) or _sea(n, results[i])
            or (_nearest_gulf(n, anchors.weighted(results[i].place.id if results[i] is not None else None),  # type: ignore[union-attr]
                              results[i]) if _is_gulf(n) else None)
        )  # fmt: skip
        if a is not None:  # "Ont.", "Newfoundland", "English" (not the Indiana village of that name)
            put(i, a)
            continue
        rp = results[i].place if results[i] is not None else None  # type: ignore[union-attr]
        small = rp is None or (rp.feature not in REGIONAL and rp.population < 100_000)
        alt = rp is not None and rp.feature not in REGIONAL and name_key(rp.name) != name_key(n)
        if small or (_P["CODE_OVER_ALT"] and alt):
            # a code is a province of a country the text names ("NSW", "B.C."), not a small place that lists
            # it among its names ("Avenue B and C"), nor a city abroad that does ("WA", Warsaw, in a story of
            # Western Australia); "L.A." stays Los Angeles (a city of the code's own country)
            if n not in codes:
                codes[n] = _province_code(n, full.countries, resolver)
            u = codes[n]
            if u is not None and (small or u.country != rp.country):  # type: ignore[union-attr]
                put(i, Resolution(u, 3, f"'{n}' is the ISO 3166-2 code of {u.name} ({u.country}), a country "
                                  "the text names", "exact"))  # fmt: skip
                continue
        if results[i] is not None and _P["STRAY"] and _stray(i, results, anchors, country_name=cname):
            # a lone small namesake far from everything else the text names, in none of its countries
            # (*Heathrow*, the Florida village, in a story about London's airports), is no answer either
            fb = fallback(n)
            put(i, (fb if fits(fb, i, _P["STRAY_FIT_LONE"]) else None) or main or results[i])
            continue
        if results[i] is not None and _P["STRAY_MANY"] and _stray(i, results, anchors, lone=False, country_name=cname):
            # one of several namesakes, small, far from all the text's anchors and in none of their countries
            # (*Aberdeen*, Florida, among London and Edinburgh): the namesake in an anchor's country, if any
            for cc in anchors.countries(i):
                if (n, cc) not in in_country:
                    in_country[(n, cc)] = resolver.resolve(n, country=cc, context=full, allow_fuzzy=False)
                r2 = in_country[(n, cc)]
                if r2 is not None and r2.place.country == cc:
                    put(i, r2)
                    break
            else:
                big = results[i].place.population >= _P["STRAY_MANY_KEEP_POP"] and not _ACRONYM.fullmatch(n)  # type: ignore[union-attr]
                if _P["STRAY_MANY_MAIN"] and not big:
                    # (a city of 100,000+ named as a word stays: *Geneva* or *Lausanne* of peace talks in a story of
                    # Aleppo and Idlib is no Aleppo; an acronym is an organisation's, *CHU*, not Vietnam's city Chu)
                    # no namesake in an anchor's country (*Victoria Park* of Hong Kong or Perth in a story of London,
                    # Ontario, that also names Aleppo): it falls back like a name the index lacks, to a place it
                    # contains only in an anchor's country (not Victoria, Hong Kong's old capital, for that park)
                    fb = fallback(n)
                    put(i, (fb if fits(fb, i, _P["STRAY_MANY_FIT"]) else None) or main or results[i])
            continue
        if results[i] is None:
            put(i, owner(n) or (_P["IN_NEXT"] and within(i)) or fallback(n) or main)
    out = []
    for t, n, r in zip(spans, names, results, strict=True):
        item: dict[str, Any] = {"start": int(t["start"]), "end": int(t["end"]), "name": n}
        if r is None:
            item.update(latitude=None, longitude=None, country=None, admin1=None, feature=None, gazetteer_id=None,
                        geo_precision=None, reason="not in the gazetteer")  # fmt: skip
        else:
            p = r.place
            item.update(latitude=p.lat, longitude=p.lon, country=p.country,
                        admin1=p.name if p.feature == "adm1" else p.admin1, feature=p.feature,
                        gazetteer_id=p.gid, geo_precision=3 if p.feature in ("continent", "region") else r.precision,
                        reason=r.reason)  # fmt: skip
        out.append(item)
    return {"id": record.get("id"), "toponyms": out}
