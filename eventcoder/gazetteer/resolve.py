"""Toponym resolution: one place name (+ what the text says around it) -> one gazetteer entry, with why.

Order of evidence (each step recorded in ``Resolution.reason``):
 1. candidates whose normalization key equals the name's key (``normalize.name_key``), after peeling
    descriptors off the phrase ("the village of X", "X district", "X Governorate" -> feature hints);
 2. the country the text gives is a hard filter; the province (admin-1) it gives is a strong preference;
 3. only when no exact-key candidate is left: rapidfuzz within that country (and province when given),
    score >= ``FUZZY_THRESHOLD``; a fuzzy match never leaves the given country/province;
 4. scoring among candidates: province fit, feature fit (district -> admin-2 unit, province -> admin-1,
    village/town -> a settlement), closeness to the other places resolved in the same document,
    exact spelling, then population.
``geo_precision`` (ACLED): 1 the settlement itself; 2 near it / its countryside / a district (admin-2)
centroid; 3 a province (admin-1) or country centroid.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path

from eventcoder.gazetteer.index import Gazetteer, Place, haversine_km
from eventcoder.gazetteer.normalize import _MARKS, _SEP, display_key, name_key

_DATA = Path(__file__).resolve().parent.parent / "data"


def _data_lines(name: str) -> list[str]:
    return [w.strip() for w in (_DATA / name).read_text(encoding="utf-8").splitlines()
            if w.strip() and not w.startswith("#")]  # fmt: skip


# the words that begin many names ("Tall", "Markaz Woluswali"), as word-key tuples, longest first; spellings of
# one word (one line of the file) share a kind
_HEAD_KIND = {tuple(name_key(w) for w in h.split()): i for i, line in enumerate(_data_lines("geocode_generic_heads.txt"))
              for h in line.split("|") if h.strip()}  # fmt: skip
_HEADS = sorted(_HEAD_KIND, key=len, reverse=True)
# descriptors before a name that are not part of it ("FOB Shinwar", "military base X")
_DESCRIPTOR = re.compile(
    r"(?i)^(?:" + "|".join(re.escape(d).replace(r"\ ", r"\s+") for d in
                           sorted(_data_lines("geocode_descriptor_prefixes.txt"), key=len, reverse=True))
    + r")\s+(?=\S)"
)  # fmt: skip
_TERRAIN = {name_key(w) for w in ("tall", "jabal", "kuh", "koh")}  # heads that name a hill or mountain
REGIONAL = ("country", "adm1", "continent", "region")  # features that name a region, not a point

FUZZY_THRESHOLD = 90.0  # within a country; chosen on GTD dev rows (see docs/accuracy.md, Geocoding)
AMBIGUOUS_MARGIN = 0.3  # score gap under which two distant namesakes count as a tie
DISTRICT_NAMESAKE_POP = 1000  # a village smaller than this, named like a district elsewhere, is not a confident point
SEAT_KM = 25.0  # a place listing a province's name this close to the province's centre is its seat, not a namesake
ADMIN1_SPELLING_RATIO = 80.0  # a province's spelling ("Babel" / Babil) against places listing the name as an alternate
NEAR_PROVINCE_KM = 120.0  # an exact name outside the given province is accepted this close to its centre
FUZZY_THRESHOLD_ADMIN1 = 82.0  # within the province the text gives (a much smaller pool)
# a key this short (letters, spaces aside) changed in one letter is another name, not a spelling of it ("Badam" /
# Badamtu, "Manbar" / Manarah: 83-86 % alike): such a key needs FUZZY_THRESHOLD, which lets one letter be added or
# dropped ("Kamana" / Kamanah) but none replaced (GTD six, keys <= 6 letters under 90 %: 17 wrong, 6 right; session 12)
SHORT_KEY_LETTERS = 6
# a province yields to a city of its very name abroad with at least this share of its people, and this many (geoparse
# owner, session 8: "Jalalabad" with no country named was Kyrgyzstan's province, not Afghanistan's city)
CITY_OVER_PROVINCE = 0.5
CITY_OVER_PROVINCE_POP = 100_000

_PRE = re.compile(
    r"^(?:the\s+)?(?:(?P<f>village|town|city|hamlet|district|province|governorate|region|area|neighbou?rhood|"
    r"quarter|suburb|camp|outskirts|countryside|vicinity|municipality|county|state|wilayah?|wilayat|mount|"
    r"mountain|hill|airport|base|sub-?district|locality)s?\s+of\s+)+",
    re.I,
)
_POST = re.compile(
    r"\s+(?P<f>district|province|governorate|region|area|city|town|village|hamlet|suburb|neighbou?rhood|quarter|camp|"
    r"locality|mountain|farms?|castle|dam|base|hill|bridge|checkpoint|crossing|"
    r"municipality|county|state|wilayah?|sub-?district|local government area|lga|prefecture|department|"
    r"countryside|outskirts|airport|community|ward|front|desert|valley)$",
    re.I,
)
_FEATURE_LEVEL = {
    "district": "adm2", "sub-district": "adm2", "subdistrict": "adm2", "county": "adm2", "municipality": "adm2",
    "local government area": "adm2", "lga": "adm2", "department": "adm2", "prefecture": "adm2", "territory": "adm2",
    "province": "adm1", "governorate": "adm1", "state": "adm1", "region": "adm1", "wilayah": "adm1",
    "wilaya": "adm1", "wilayat": "adm1",
}  # fmt: skip
_SETTLEMENT = {"village", "town", "city", "capital", "hamlet", "neighbourhood", "neighborhood", "quarter", "suburb", "camp",
               "locality", "dateline"}  # fmt: skip
_SMALL = {"village", "hamlet", "suburb"}  # words that never describe a large city
SMALL_MAX_POP = 100_000
SEAT_TOWN_POP = 10_000  # a province's namesake town this big stands in for a place of the province no list holds
SHARED_SEAT_SHARE = 0.1  # a town listing its province's name stands for it from this share of its people
_TOWN_PART = {"suburb", "neighbourhood", "neighborhood", "quarter"}
SUBURB_KM = 20.0  # a suburb or quarter lies this close to its city
_FACILITY = {"airport", "airfield", "hospital", "base", "military base", "mount", "mountain", "hill", "dam",
             "bridge", "road", "prison", "school", "mosque", "market", "oil field", "checkpoint", "camp"}  # fmt: skip
_ABBREV = re.compile(r"^(?:[A-Z]\.?){2,4}$")
_NEAR = {"near", "outskirts", "countryside", "north_of", "south_of", "east_of", "west_of", "vicinity",
         "northeast_of", "northwest_of", "southeast_of", "southwest_of", "between", "road"}  # fmt: skip


@dataclass(frozen=True)
class Resolution:
    place: Place
    precision: int
    reason: str
    method: str  # exact | fuzzy | container
    score: float = 0.0
    alternatives: int = 0
    similarity: float = 100.0  # rapidfuzz ratio of the keys for fuzzy matches
    admin1_override: str | None = None  # the text's province when the gazetteer draws the border elsewhere
    weak: bool = False  # found only by a last resort (its consonants; a hill by its village): other evidence wins

    @property
    def admin1(self) -> str | None:
        if self.admin1_override:
            return self.admin1_override
        return self.place.name if self.place.feature == "adm1" else self.place.admin1

    @property
    def lat(self) -> float | None:
        return self.place.lat

    @property
    def lon(self) -> float | None:
        return self.place.lon


@dataclass
class DocContext:
    """What the document has told us so far: places already resolved (for the nearest-cluster rule)."""

    points: list[tuple[float, float]] = field(default_factory=list)
    admin1s: set[tuple[str | None, str | None]] = field(default_factory=set)
    countries: set[str | None] = field(default_factory=set)
    admin1_count: Counter[tuple[str | None, str | None]] = field(default_factory=Counter)
    # before resolving: how strongly the text's names, taken together, point at each province
    # (each name spreads one vote over the provinces its candidates lie in)
    admin1_votes: dict[tuple[str | None, str | None], float] = field(default_factory=dict)
    # ``points`` holds each resolved point once: the nearest-point rule takes a minimum over them, so a
    # repeat adds nothing but cost (a long document naming one town a thousand times was quadratic)
    _point_set: set[tuple[float, float]] = field(default_factory=set, repr=False)
    # nearest_km's memo: each place's distance to the nearest point and how many of the points it covers (``points``
    # only grows: a new point is compared, not the old ones again), and the points' latitude in radians and its
    # cosine (computed once, not per candidate)
    _near_list: list[tuple[float, float]] | None = field(default=None, repr=False, compare=False)
    _near_memo: dict[tuple[float, float], tuple[int, float]] = field(default_factory=dict, repr=False, compare=False)
    _near_trig: list[tuple[float, float, float]] = field(default_factory=list, repr=False, compare=False)

    def nearest_km(self, lat: float, lon: float) -> float:
        """``min(haversine_km(lat, lon, a, b) for a, b in self.points)``, the same float: each distance is computed
        once per place and point (the scoring asks it for every candidate of every name while the document's
        points grow; in the geoparser's long articles it was most of the per-mention cost). ``points`` must
        not be empty."""
        pts = self.points
        if self._near_list is not pts or len(pts) < len(self._near_trig):  # another list: start again
            self._near_list, self._near_trig, self._near_memo = pts, [], {}
        n, trig = len(pts), self._near_trig
        if len(trig) < n:
            trig.extend((math.radians(a), math.cos(math.radians(a)), b) for a, b in pts[len(trig) :])
        done = self._near_memo.get((lat, lon))
        if done is not None and done[0] == n:
            return done[1]
        # haversine_km (index.py) term by term, in the same order, so that every float is the same; the minimum
        # of the new points' distances and the memo's is the minimum over all of them
        p1 = math.radians(lat)
        c1 = math.cos(p1)
        d = min(
            2 * 6371.0088 * math.asin(min(1.0, math.sqrt(
                math.sin((p2 - p1) / 2) ** 2 + c1 * c2 * math.sin(math.radians(b - lon) / 2) ** 2)))
            for p2, c2, b in islice(trig, done[0] if done is not None else 0, n)
        )  # fmt: skip
        if done is not None and not d < done[1]:
            d = done[1]
        self._near_memo[(lat, lon)] = (n, d)
        return d

    def vote(self, candidate_sets: list[list[Place]]) -> None:
        for cands in candidate_sets:
            units = {(p.country, p.name if p.feature == "adm1" else p.admin1) for p in cands
                     if p.feature not in ("country", "continent") and (p.admin1 or p.feature == "adm1")}  # fmt: skip
            for u in units:
                self.admin1_votes[u] = self.admin1_votes.get(u, 0.0) + 1.0 / len(units)

    def add(self, place: Place) -> None:
        if place.country is None:
            return  # a sea's point (geocode, session 10) says nothing about the places of a country
        if place.feature != "country":
            self.admin1s.add((place.country, place.name if place.feature == "adm1" else place.admin1))
            self.admin1_count[(place.country, place.name if place.feature == "adm1" else place.admin1)] += 1
        self.countries.add(place.country)
        if place.lat is not None and place.lon is not None and place.feature not in ("country", "adm1"):
            pt = (place.lat, place.lon)
            if pt not in self._point_set:
                self._point_set.add(pt)
                self.points.append(pt)


def peel(name: str) -> tuple[str, str | None]:
    """Strip descriptor words: 'the village of Tall Samin' -> ('Tall Samin', 'village');
    'Nad-e Ali district' -> ('Nad-e Ali', 'district')."""
    feature = None
    s = name.strip().strip(".,;:")
    m = _PRE.match(s)
    if m and m.end() < len(s):
        feature = m.group("f").lower()
        s = s[m.end() :]
    m2 = _POST.search(s)
    if m2 and m2.start() > 0:
        feature = feature or m2.group("f").lower()
        s = s[: m2.start()]
    s = re.sub(r"^(?:the)\s+", "", s, flags=re.I)
    return s.strip(), feature


def _words(name: str) -> list[str]:
    """A name's words as written, ezafe ("-e-", "-ye") left out: "Qala-e-Rostam" -> ["Qala", "Rostam"]."""
    return [w for w in re.split(r"[\s-]+", name.strip()) if w and name_key(w) not in _EZAFE]


def _head(name: str) -> tuple[str, ...] | None:
    """The generic head a name begins with ("Tall Bazzam" -> ("tal",)), if any and if a name follows it."""
    words = tuple(name_key(w) for w in _words(name))
    for h in _HEADS:
        if len(words) > len(h) and words[: len(h)] == h:
            return h
    return None


def _other_head(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two generic heads are different words ("Albu" / "Abu", "Tall" / "Kafr"), not spellings of one
    ("Deir" / "Dayr") nor one the start of the other ("Markaz" / "Markaz Woluswali")."""
    return a[0] != b[0] and _HEAD_KIND.get(a) != _HEAD_KIND.get(b)


def _after_head(name: str, head: tuple[str, ...], n: int | None = None) -> str:
    """The name key of what follows the head (its first ``n`` words): "Qal'ah-ye Rustam" -> "rustam"."""
    rest = _words(name)[len(head) :]
    return name_key(" ".join(rest[:n] if n else rest))


SKELETON_MIN = 4  # consonants: shorter skeletons match too many unrelated names ("Husn" is not "Al Hisn")
SKELETON_MIN_RATIO = 75.0  # and the keys must still be this similar
_CONSTRUCT = re.compile(r"(?i)(?<=[a-z]{3})(?:at|ah|eh)\b(?=[\s-]+\w)")  # "Tibarat/Tabarah as-Sakhana"
_EZAFE = {"e", "ye", "i", "yi"}
_VOWELS = re.compile(r"[aeiou]+")


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """The first letter and the consonants of a name's key: "Nayreb", "An Nayrab", "Nairab" -> "nyrb" (see
    ``_skeleton``, which defines it; this is the same, most often from the name's own key)."""
    return _listed_skeleton(name_key(name), name)


def _skeleton(name: str) -> str:
    """The first letter and the consonants of a name's key: "Nayreb", "An Nayrab", "Nairab" -> "nyrb". A spelling
    that differs only in its vowels (the usual difference between transliterations of Arabic and Persian
    names) has the same skeleton; a construct -at ("Tibarat X") counts as the -ah/-a it is written as."""
    key = name_key(_CONSTRUCT.sub("a", display_key(name)))
    if not key.isascii() or not key:
        return ""
    return _consonants(key)


def _spelled_apart(seat: str, unit: str) -> bool:
    """Whether a town's own name is its province's in another transliteration: GeoNames' city "Dihok" in the
    governorate "Dahūk", "Erbil" in "Arbīl" (``skeleton`` without a first vowel agrees, 3+ consonants; one name
    spelled alike is not "apart": a seat of its province's very name stands for it under that name only, as
    before). Such a seat stands for the province under any name of both, matched exactly ("Duhok", "Arbil")."""

    def inner(name: str) -> str:
        sk = skeleton(name)
        return sk[1:] if sk[:1] in ("a", "e", "i", "o", "u") else sk

    own = inner(seat)
    return len(own) >= 3 and own == inner(unit) and name_key(seat) != name_key(unit)


_DOUBLED = re.compile(r"([a-z])\1+")


_VOWEL_PAIRS = {"e": "i", "i": "e", "o": "u", "u": "o"}


def _fold_vowels(key: str) -> str:
    """A name key with e read as i and o as u (doubled letters collapsed): the spellings ``_vowel_variants`` joins."""
    return _DOUBLED.sub(r"\1", key.replace("e", "i").replace("o", "u"))


def _consonants(key: str) -> str:
    return _DOUBLED.sub(r"\1", key[0] + _VOWELS.sub("", key[1:]))


def _listed_skeleton(key: str, name: str) -> str:
    """``_skeleton(name)`` of a name whose ``name_key`` is ``key`` (as the index stores it), without keying the
    name again where that key already decides it: a key with Arabic letters has no skeleton (the letters stay in
    any key of the name); a name whose display key is ASCII and has no construct
    -at/-ah/-eh has the skeleton of its own key (``name_key`` begins with the steps of ``display_key``, so
    ``name_key(display_key(n)) == name_key(n)`` when the display key is ASCII). Building a country's pools
    keyed every name twice (GTD six countries: 181k names, most of the resolver's time). Checked against
    ``_skeleton`` on every name of the default and six-list indexes (docs/benchmarks.md)."""
    if not key.isascii():
        return ""
    if name.isascii():  # display_key without the Unicode steps, which leave ASCII as it is
        shown = " ".join(w for w in _SEP.split(name.translate(_MARKS).lower()) if w)
    else:
        shown = display_key(name)
    if shown.isascii() and not _CONSTRUCT.search(shown):
        return _consonants(key) if key else ""
    return _skeleton(name)


def _far_apart(best: Place, scored: list[tuple[float, Place]]) -> bool:
    """Whether another of the scored candidates lies more than 25 km from ``best``."""
    return any(
        p.lat is not None and best.lat is not None and p is not best
        and haversine_km(best.lat, best.lon or 0.0, p.lat, p.lon or 0.0) > 25 for _, p in scored
    )  # fmt: skip


def _near(p: Place, unit: Place) -> bool:
    """Whether a place lies within SEAT_KM of a province's centre: its seat listed under another spelling and
    another province field (Janin, "West Bank", for the governorate Jenin; Belgrade, "Central Serbia", for Beograd)."""
    return (p.lat is not None and unit.lat is not None
            and haversine_km(p.lat, p.lon or 0.0, unit.lat, unit.lon or 0.0) <= SEAT_KM)  # fmt: skip


def _derived(key: str, province: str) -> bool:
    """Whether a name key is a word made from a province's name rather than a spelling of it: the name with letters
    added ("Sindhi", "Baghdadi", "Parwana") or a nisba -i for its last vowel ("Jigawi" / Jigawa): an adjective, a
    family name, or a village named after the province, which may lie anywhere (on dev, every gold place name of
    that shape with a province's consonants and >= 80 % alike lies in another province: 4 of 4)."""
    if len(key) > len(province) and key.startswith(province):
        return True
    return key.endswith("i") and not province.endswith("i") and key[:-1] == province[:-1]


def _nisba(key: str, unit: str) -> bool:
    """Whether a name key is an adjective (nisba) made from a province's or district's name by a final -i: the
    name itself plus -i ("Badghisi", "Helmandi": a tribe, a family name, "of Badghis") or with -i for its last
    vowel ("Jigawi"). Such a word is 90-93 % alike the unit's name, but no spelling of it: not the unit."""
    if not unit or unit.endswith("i") or not key.endswith("i") or len(unit) < 4:
        return False
    return key[:-1] == unit or (unit[-1] in "aeiou" and key[:-1] == unit[:-1])


@lru_cache(maxsize=200_000)
def _unspaced(name: str) -> str:
    """The display key without spaces: "Nur Zai" and "Nurzai" are one spelling, spaced differently."""
    return display_key(name).replace(" ", "")


def _same_admin(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    ka2, kb2 = name_key(a.split("(")[0]), name_key(b.split("(")[0])
    if not ka2 or not kb2:
        return False
    if ka2 == kb2:
        return True
    # "Raqqa" inside "Raqqa Governorate"; never short keys ("Ibb" is not in "Marib")
    return (len(ka2) >= 5 and ka2 in kb) or (len(kb2) >= 5 and kb2 in ka)


class Resolver:
    def __init__(
        self, gazetteer: Gazetteer, *, fuzzy_threshold: float = FUZZY_THRESHOLD,
        fuzzy_threshold_admin1: float = FUZZY_THRESHOLD_ADMIN1,
    ) -> None:  # fmt: skip
        self.g = gazetteer
        self.fuzzy_threshold = fuzzy_threshold
        self.fuzzy_threshold_admin1 = fuzzy_threshold_admin1
        self._admin_cache: dict[tuple[str, str], Place | None] = {}

    def admin1_unit(self, country: str | None, text: str | None) -> Place | None:
        """The province (admin-1 unit) a text names: exact key on its names, else fuzzy among the country's."""
        if not country or not text:
            return None
        ck = (country, text)
        if ck in self._admin_cache:
            return self._admin_cache[ck]
        core = peel(text)[0] or text
        found = None
        for variant in (text, core, core.split("(")[0]):
            hits = [p for p in self.g.candidates(variant, country) if p.feature == "adm1"]
            if hits:
                found = max(hits, key=lambda p: p.population)
                break
        if found is None:
            from rapidfuzz import fuzz, process

            units = {p.id: p for p in self.g.admin_units(country, "adm1")}
            pairs = self.g.sql(
                "SELECT n.key, n.place FROM names n JOIN places p ON p.id = n.place "
                "WHERE p.country = ? AND p.feature = 'adm1'",
                (country,),
            )
            k = name_key(core)
            best = process.extractOne(k, [kk for kk, _ in pairs], scorer=fuzz.ratio, score_cutoff=75) if k else None
            if best is not None:
                found = units.get(pairs[best[2]][1])
        self._admin_cache[ck] = found
        return found

    def resolve(
        self,
        name: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        feature: str | None = None,
        relation: str | None = None,
        context: DocContext | None = None,
        allow_fuzzy: bool = True,
        allow_admin: bool = True,
    ) -> Resolution | None:
        if "/" in name:  # "Tadmur/Palmyra town": the first alternative that resolves
            tail = peel(name)[1] or ""
            for part in name.split("/"):
                part = part.strip()
                r = self.resolve(f"{part} {tail}".strip() if tail and tail not in part else part, country=country,
                                 admin1=admin1, feature=feature, relation=relation, context=context,
                                 allow_fuzzy=allow_fuzzy, allow_admin=allow_admin) if part else None  # fmt: skip
                if r is not None:
                    return r
            return None
        core, peeled = peel(name)
        if core != name.strip() and self.g.candidates(name.strip().strip(".,;:")):
            core, peeled = name.strip().strip(".,;:"), None  # "Kansas City", "Sadr City": the descriptor is the name
        feature = (feature or peeled or "").lower() or None
        level = _FEATURE_LEVEL.get(feature or "")
        if not name_key(core):
            return None
        # entries without coordinates (an admin unit with no known member places) cannot place an event
        cands = [p for p in self.g.candidates(core) if p.lat is not None]
        reason_bits: list[str] = []
        method = "exact"
        sim = 100.0
        override = None
        if country:
            cands = [p for p in cands if p.country == country]
        if not allow_admin:
            cands = [p for p in cands if not p.is_admin]
        unit = self.admin1_unit(country, admin1)
        outside: list[Place] = []
        if unit is not None:
            inside = [p for p in cands if p.admin1 == unit.name or _same_admin(p.admin1, admin1)]
            outside = [p for p in cands if p not in inside
                       and (not p.is_admin or (level == "adm2" and p.feature == "adm2"))]  # fmt: skip
            cands = inside
            if inside:
                reason_bits.append(f"in {unit.name} as the text says")
        if cands and not level and feature not in _SETTLEMENT:
            cands = self._admin1_over_alternates(cands, core, country, unit is not None, reason_bits)
            cands = self._city_over_province(cands, core, reason_bits, context)
        if not cands and not outside and _DESCRIPTOR.match(core):
            # "FOB Shinwar": the whole phrase is in no list; the base lies near the place its name gives,
            # most often the district it is named after (a town of that name: near it, geo_precision 2)
            rest = core[_DESCRIPTOR.match(core).end():]  # type: ignore[union-attr]
            r = self.resolve(rest, country=country, admin1=admin1, feature="district", relation=relation,
                             context=context, allow_fuzzy=allow_fuzzy, allow_admin=allow_admin)  # fmt: skip
            if r is not None:
                return r
        hits: list[tuple[Place, float]] = []
        consonants = False
        if not cands and allow_fuzzy and country and unit is not None:
            hits, consonants = self._fuzzy(core, country, self.fuzzy_threshold_admin1, unit.name)
        elif not cands and allow_fuzzy and country:
            hits, consonants = self._fuzzy(core, country, self.fuzzy_threshold, None)
        if not cands and not hits and outside and unit is not None and unit.lat is not None:
            # province borders differ between sources (GTD puts Tarmiyah in Salah ad-Din, GeoNames in
            # Baghdad): an exact name just across the border is accepted, the nearest one
            # (under its own name: a place that lists the name among its alternates is no evidence here)
            near = [(haversine_km(p.lat, p.lon or 0.0, unit.lat, unit.lon or 0.0), p) for p in outside
                    if p.lat is not None and name_key(p.name) == name_key(core)]  # fmt: skip
            near = [t for t in near if t[0] <= NEAR_PROVINCE_KM]
            if near:
                units = [t for t in near if level == "adm2" and t[1].feature == "adm2"]
                d, p = min(units or near, key=lambda t: t[0])  # "Gizab district": the district, not its town
                cands = [p]
                override = unit.name
                reason_bits.append(f"the gazetteer puts it in {p.admin1}, {d:.0f} km from the centre of {unit.name}")
        elif outside and not cands:
            reason_bits.append(f"same-name places outside {unit.name if unit else admin1} rejected")
        if hits:
            if not allow_admin:
                hits = [(p, s) for p, s in hits if not p.is_admin]
            if hits:
                best = sim = max(s for _, s in hits)
                cands = [p for p, s in hits if s >= best - 0.01]
                method = "fuzzy"
                reason_bits.append(f"spelling variant (similarity {best:.0f}{', same consonants' if consonants else ''})")
        if (not cands and not outside and allow_fuzzy and allow_admin and country and unit is None
                and level in (None, "adm1") and feature not in _SETTLEMENT):  # fmt: skip
            # "in Babel", Iraq, where no list has that name: the one province spelt alike (Babil), not the country
            variant = self._admin1_spelling(country, core)
            if variant is not None:
                cands, method = [variant], "fuzzy"
                reason_bits.append(f"'{core}' is a spelling of the province {variant.name}")
        if not cands:
            head = _head(core)
            if head and head[0] in _TERRAIN and allow_fuzzy and country and not outside:
                # "Tall Azzan mountain", "Jabal as Sadarah" in no list: the hill is named after the village at
                # its foot (or the village after it): near that village, exact name only, never a point
                rest = " ".join(_words(core)[len(head):])
                r = self.resolve(rest, country=country, admin1=admin1, feature="mountain", relation=relation,
                                 context=context, allow_fuzzy=False, allow_admin=False)  # fmt: skip
                if r is not None:
                    why = f"'{core}' not in the gazetteer: near {rest}, which names it; {r.reason}"
                    return Resolution(r.place, max(r.precision, 2), why, r.method, r.score, r.alternatives,
                                      r.similarity, r.admin1_override, weak=True)  # fmt: skip
            return None
        if _ABBREV.match(core.strip()):  # "US", "U.S.", "UK": a code names a country or province, not a village
            big = [p for p in cands if p.feature in REGIONAL]
            cands = big or cands
        scored = sorted(((self._score(p, core, level, feature, context), p) for p in cands), key=lambda t: -t[0])
        score, best_p = scored[0]
        tied = self._tie_break(scored, core) if method == "exact" else None
        if tied is not None:
            best_p, why_tied = tied
            scored = [(score, best_p)] + [t for t in scored if t[1] is not best_p]
            reason_bits.append(f"of places fitting alike, {best_p.name} {why_tied}")
        own_seat = None
        if (not country and not level and method == "exact" and not best_p.is_admin
                and name_key(best_p.name) != name_key(core) and not (context and context.countries)):  # fmt: skip
            own_seat = self._own_seat(scored, core)
            if own_seat is not None:
                reason_bits.append(f"{best_p.name} ({best_p.country}) only lists the name; {own_seat.name} bears it "
                                   "and its district is named after it")  # fmt: skip
                best_p = own_seat
                score = next(sc for sc, p in scored if p is best_p)
                scored = [(score, best_p)] + [t for t in scored if t[1] is not best_p]
        seat_apart = False
        if not level and best_p.feature in ("adm1", "adm2") and feature not in _SMALL:
            # a province named after its town (Kandahar, Raqqa, Mosul district): the text means the town
            seat = [p for sc, p in scored if not p.is_admin and p.country == best_p.country
                    and (p.admin1 == best_p.name or p.admin2 == best_p.name)
                    and (best_p.feature != "adm2" or p.admin1 == best_p.admin1)  # DeKalb County, Georgia is not Illinois'
                    and p.population >= 0.02 * best_p.population
                    and (self._seat_ok(p, core, context) or (method == "exact" and _spelled_apart(p.name, best_p.name))
                         or self._shared_seat(p, best_p, core, method))]  # fmt: skip
            if seat:
                best_p = seat[0]
                score = next(sc for sc, p in scored if p is best_p)
                scored = [(score, best_p)] + [t for t in scored if t[1] is not best_p]
                # a seat taken only because its name is the province's in another spelling (Jizan for "Jazan",
                # Dihok for "Duhok"): the text may mean the province as well; the town's point, not a confident one
                seat_apart = not self._seat_ok(best_p, core, context)
        n = len(cands)
        if n > 1:
            runner = scored[1][1]
            why = self._why(best_p, runner, level, context)
            reason_bits.append(f"{n} candidates; {why}")
        else:
            reason_bits.append("only candidate" if method == "exact" else "closest spelling")
        precision = self._precision(best_p, relation, feature)
        if method == "fuzzy" and precision == 1 and (sim < 90 or name_key(core)[:1] != name_key(best_p.name)[:1]):
            precision = 2  # a loose spelling match, or one that changes the first sound, is not a confident point
        if method == "fuzzy" and precision == 1 and _far_apart(best_p, scored):
            precision = 2  # a spelling variant shared by places far apart: which one is a guess
            reason_bits.append("the spelling fits places far apart: precision lowered")
        if method == "fuzzy" and precision == 1:
            # any spelling variant is a guess that the list lacks the name as written, never a confident point: at
            # 90-97 % alike GTD six had 13 right and 1 wrong (Mufash ~ Al Muftash, 45 km), ACLED 12 right and 6 wrong
            # ("Moegok" ~ Mogok 114 km, "Bargari" ~ Bargarh 1,339 km) (session 9)
            precision = 2
            reason_bits.append("a spelling variant: precision lowered")
        if precision == 1 and feature in _TOWN_PART and _far_apart(best_p, scored):
            precision = 2  # "Bom Jardim neighbourhood": the one by a city is likelier, not certain
        if override and precision == 1:
            precision = 2  # the gazetteer and the text disagree on the province: not a confident point
        if own_seat is not None and precision == 1:
            precision = 2  # no country known: the likelier reading, not a confident point
        if seat_apart and precision == 1:
            precision = 2
            reason_bits.append("the province's name in another spelling: its seat, precision lowered")
        if precision == 1 and n > 1 and best_p.lat is not None:
            # a near tie with any distant namesake, not only the runner-up: of five villages "Al Haymah" scored
            # alike, the second may lie 15 km away and the third 43 km: which one is meant is a guess
            if any(score - sc2 < AMBIGUOUS_MARGIN and not p2.is_admin and p2.lat is not None
                   and haversine_km(best_p.lat, best_p.lon or 0.0, p2.lat, p2.lon or 0.0) > 25
                   for sc2, p2 in scored[1:]):  # fmt: skip
                precision = 2  # a near tie between distant namesakes: not a confident point
                reason_bits.append("near tie with a namesake elsewhere: precision lowered")
        if (precision == 1 and country and method == "exact" and not best_p.is_admin and best_p.lat is not None
                and name_key(best_p.name) != name_key(core)
                and any(not p2.is_admin and p2.lat is not None and name_key(p2.name) == name_key(core)
                        and haversine_km(best_p.lat, best_p.lon or 0.0, p2.lat, p2.lon or 0.0) > 25
                        for _sc, p2 in scored[1:])):  # fmt: skip
            # "Adra town", Syria: Dar'a (98,000 people) lists the name among its alternates; `Adra, 116 km off, bears
            # it as its own: the larger place is the likelier reading, not a confident point (reviewer G, session 10)
            precision = 2
            reason_bits.append("found under another of its names, which a place elsewhere bears as its own: "
                               "precision lowered")  # fmt: skip
        if (precision == 1 and not level and not best_p.is_admin and best_p.lat is not None
                and best_p.population < DISTRICT_NAMESAKE_POP):  # fmt: skip
            # "attacked Shirin Tagab, Faryab": the bare name is also a district's, and the village found lies in
            # another district: the district (or its centre) is as likely meant as the village (a town that
            # big is the seat its district is named after, wherever the lists draw the district: Kismayo)
            districts = [p2 for _sc, p2 in scored[1:] if p2.feature == "adm2" and p2.lat is not None
                         and name_key(p2.name) == name_key(core) and not _same_admin(best_p.admin2, p2.name)
                         and haversine_km(best_p.lat, best_p.lon or 0.0, p2.lat, p2.lon or 0.0) > 25]  # fmt: skip
            if districts:
                precision = 2
                reason_bits.append("also the name of a district elsewhere: precision lowered")
                # that district lies in the province the text gives, the village in another of its districts: "X,
                # <province>" is how reports name a district; a village of no known size is no likelier, and the
                # district holds the event if the district is meant (session 12: Shirin Tagab, Faryab, 34 -> 3 km)
                own = [p2 for p2 in districts if unit is not None and _same_admin(p2.admin1, unit.name)]
                if own and len({(p2.admin1, name_key(p2.name)) for p2 in own}) == 1:  # one district, listed once or twice
                    best_p = own[0]
                    reason_bits.append(f"the district {best_p.name} of that province taken, not the village")
        where = ", ".join(x for x in (best_p.admin2, best_p.admin1, best_p.country) if x)
        reason = f"{method} name match '{core}' -> {best_p.name} ({best_p.feature}; {where}): " + "; ".join(reason_bits)
        return Resolution(best_p, precision, reason, method, score, n, sim, override, weak=consonants and method == "fuzzy")

    def _tie_break(self, scored: list[tuple[float, Place]], core: str) -> tuple[Place, str] | None:
        """Of places fitting exactly alike (most often villages of population 0 in one province), whatever order the
        lists came in: the one bearing the name as its own over one only listing it among its alternates, then the
        one whose name (its own or the alternate matched) is spelt closest to the text's ("Jar Quduq": Jar-e Quduq,
        not Jar Kuduk). None when the first already is that one."""
        from rapidfuzz import fuzz

        top, first = scored[0]
        if len(scored) < 2 or first.is_admin:
            return None
        tied = [p for sc, p in scored if sc >= top - 1e-9 and not p.is_admin]
        if len(tied) < 2:
            return None
        key, said = name_key(core), _unspaced(core)

        def rank(p: Place) -> tuple[bool, float]:
            names = [n for (n,) in self.g.sql("SELECT name FROM names WHERE key = ? AND place = ?", (key, p.id)) if n]
            return name_key(p.name) == key, max((fuzz.ratio(said, _unspaced(n)) for n in [p.name, *names]), default=0.0)

        ranks = [rank(p) for p in tied]
        best = max(range(len(tied)), key=lambda i: ranks[i])  # the first of equals: the lists' order otherwise
        if ranks[best] == ranks[0]:
            return None
        return tied[best], ("bears the name as its own" if ranks[best][0] and not ranks[0][0]
                            else "is spelt closest to the text")  # fmt: skip

    def _own_seat(self, scored: list[tuple[float, Place]], core: str) -> Place | None:
        """With no country known, the best candidate found only under another name (Rosh Ha'Ayin, Israel, lists
        "Ras al-Ain"): the one place bearing the name as its own whose province holds a district of that name
        (Ra's al 'Ayn, Syria, seat of Ras al-Ayn District) is a district seat, whatever population the list
        records for it (GeoNames: 0), and the likelier reading (session 10)."""
        key = name_key(core)
        own = [p for _sc, p in scored if not p.is_admin and p.lat is not None and name_key(p.name) == key]
        if not own:
            return None
        districts = {(q.country, q.admin1) for q in self.g.candidates(core)
                     if q.feature == "adm2" and name_key(peel(q.name)[0] or q.name) == key}  # fmt: skip
        seats = [p for p in own if (p.country, p.admin1) in districts]
        return seats[0] if len(seats) == 1 else None

    # -- a province and a city abroad of one name (geoparse owner, session 8) --------------------------------------
    def _city_over_province(
        self, cands: list[Place], core: str, reason_bits: list[str], ctx: DocContext | None = None
    ) -> list[Place]:
        """A province is no likelier than a city of its very name in another country with CITY_OVER_PROVINCE of its
        people and CITY_OVER_PROVINCE_POP or more: a province's people live across a province, a city's in one
        place ("Jalalabad" alone is Afghanistan's city of 272,000, not Kyrgyzstan's province Jalal-Abad of 386,000,
        which won on population). A province of unknown population, or one ``_keeps_province`` keeps, stays; so
        does one whose country the text's other places lie in and the city's not (reviewer G: "Bari" in a story
        that names Bosaso is Somalia's province, not Italy's city), and one the city is spelled otherwise than the
        text writes it ("Kayah", Myanmar's state, is no "Kaya" of Burkina Faso: one key, not one name)."""
        key = name_key(core)
        written = display_key(core)
        towns = [p for p in cands if not p.is_admin and p.lat is not None and name_key(p.name) == key
                 and display_key(p.name) == written]  # fmt: skip
        if not towns:
            return cands
        seen = ctx.countries if ctx is not None else set()
        drop = [a for a in cands if a.feature == "adm1" and a.population > 0 and name_key(a.name) == key
                and not self._keeps_province(a) and any(
                    t.country != a.country and t.population >= max(CITY_OVER_PROVINCE * a.population,
                                                                   CITY_OVER_PROVINCE_POP)
                    and (a.country not in seen or t.country in seen) for t in towns)]  # fmt: skip
        if not drop or len(drop) == len(cands):
            return cands
        reason_bits.append(f"a city of that name abroad as big as the province {drop[0].name} ({drop[0].country})")
        return [p for p in cands if p not in drop]

    def _keeps_province(self, unit: Place) -> bool:
        return False

    # -- a province under its own name, a place under another ----------------------------------------
    def _admin1_over_alternates(
        self, cands: list[Place], core: str, country: str | None, province_given: bool, reason_bits: list[str]
    ) -> list[Place]:
        """A province named by its own name (or, in the text's country, a spelling of it) beats places that list
        the name only among their alternates: "in Edo" is Nigeria's Edo State, not Tokyo (once called Edo);
        "in Babel", Iraq, is the province Babil, not the village Bubil that lists "Babel" as another name.
        Places inside that province, and places under their own name, stay candidates."""
        key = name_key(core)
        alt_only = [p for p in cands if not p.is_admin and name_key(p.name) != key]
        if not alt_only:
            return cands
        own = [p for p in cands if p.feature == "adm1" and name_key(p.name) == key]
        if not own and country and not province_given and len(alt_only) == len(cands):
            variant = self._admin1_spelling(country, core)
            if variant is not None and not any(_same_admin(p.admin1, variant.name) for p in alt_only):
                reason_bits.append(f"'{core}' is a spelling of the province {variant.name}; the places listing it "
                                   "as another name lie elsewhere")  # fmt: skip
                return [variant]
            return cands
        drop = [p for p in alt_only if not any(p.country == a.country and (_same_admin(p.admin1, a.name) or _near(p, a))
                                               for a in own)]  # fmt: skip
        if not own or not drop:
            return cands
        reason_bits.append("a province of that name beats places listed under it only as another name")
        return [p for p in cands if p not in drop]

    def _admin1_spelling(self, country: str, core: str) -> Place | None:
        """The country's province whose name (or listed alternate) has the same consonants and a key at least
        ADMIN1_SPELLING_RATIO alike ("Babel" / Babil, "Ninawa" / Ninawa): one only, else None."""
        from rapidfuzz import fuzz

        key, sk = name_key(core), skeleton(core)
        if len(key) < 4 or not sk:
            return None
        done = self.__dict__.setdefault("_admin1_spelling_cache", {})
        if (country, key) in done:
            return done[(country, key)]
        units = self.__dict__.setdefault("_admin1_names_cache", {})
        if country not in units:  # the country's provinces with the keys and skeletons of their names, once
            # one query by the (country, key) index: "WHERE place = ?" has no index and read the whole names table
            # once per province (GTD --limit 300: 25 s of 45 s in this function, uncached per country)
            listed: dict[int, list[str]] = {}
            for pid, n in self.g.sql(
                "SELECT n.place, n.name FROM names n JOIN places p ON p.id = n.place "
                "WHERE n.country = ? AND p.country = ? AND p.feature = 'adm1'",
                (country, country),
            ):
                listed.setdefault(pid, []).append(n)
            # by skeleton: each province (in the order of admin_units) with the keys of its names of that skeleton,
            # so that a name is compared with the few provinces spelt with its consonants, not with all of them
            by_sk: dict[str, list[tuple[Place, list[str]]]] = {}
            for p in self.g.admin_units(country, "adm1"):
                if p.lat is not None:
                    names = listed.get(p.id) or [p.name]
                    mine: dict[str, list[str]] = {}
                    for n in names:
                        mine.setdefault(skeleton(n), []).append(name_key(n))
                    for s2, keys in mine.items():
                        by_sk.setdefault(s2, []).append((p, keys))
            units[country] = by_sk
        found: dict[str, Place] = {}
        for p, keys in units[country].get(sk, ()):
            if any(fuzz.ratio(key, k2) >= ADMIN1_SPELLING_RATIO and not _derived(key, k2) for k2 in keys):
                k = name_key(p.name)  # one province may be listed twice (its own row and one built from its places)
                if k not in found or p.population > found[k].population:
                    found[k] = p
        out = next(iter(found.values())) if len(found) == 1 else None
        done[(country, key)] = out
        return out

    # -- spelling variants ---------------------------------------------------------------------------
    def _fuzzy(
        self, core: str, country: str, threshold: float, admin1: str | None
    ) -> tuple[list[tuple[Place, float]], bool]:
        """Spelling variants of ``core`` in the country (and province): rapidfuzz on the name keys; else the same
        consonants (``skeleton``: "Nayreb" = "An Nayrab", "Tabarah as-Sakhana" = "Tibarat as Sakhanah"), which
        the ratio rates too low for short names, never a district (a district name is known, not misspelt).
        Either way ``_head_guard`` applies. Returns the hits and whether they are by consonants."""
        from rapidfuzz import fuzz

        key = name_key(core)
        if len(key.replace(" ", "")) <= SHORT_KEY_LETTERS:
            threshold = max(threshold, FUZZY_THRESHOLD)
        hits = [(p, sc) for p, sc in self.g.fuzzy(core, country, threshold=threshold, admin1=admin1)
                if not (p.is_admin and _nisba(key, name_key(p.name)))]  # fmt: skip
        hits = self._head_guard(core, hits, threshold)
        if hits:
            return hits, False
        sk = skeleton(core)
        if len(sk) < SKELETON_MIN:
            return (self._vowel_variants(key, sk, country, admin1) if admin1 else []), False
        pool = self._skeletons(country, sk[0])
        out: list[tuple[Place, float]] = []
        for k in pool.get(sk, ()):
            sc = fuzz.ratio(key, k)
            if sc < SKELETON_MIN_RATIO:
                continue
            out.extend((p, float(sc)) for p in self.g.lookup(k)
                       if p.lat is not None and p.country == country and (admin1 is None or p.admin1 == admin1)
                       and p.feature not in ("adm2", "country", "continent", "region")
                       and not (p.is_admin and _nisba(key, name_key(p.name))))  # fmt: skip
        return self._head_guard(core, out, threshold), True

    def _vowel_variants(self, key: str, sk: str, country: str, admin1: str) -> list[tuple[Place, float]]:
        """A short name (too few consonants for ``skeleton``) spelt with e for i or o for u, in the province the text
        gives: "Womdeo" = "Womdiou", "Kohi" = "Kuhi". The key keeps these vowels apart (folding them in the key,
        KEY_VERSION 6, was measured in session 13: GTD six +4/-5 rows, one more confident wrong); only where no
        spelling variant was found, never a confident point (a fuzzy match)."""
        from rapidfuzz import fuzz

        if not sk:  # a name in Arabic script has no skeleton (its key keeps the letters)
            return []
        folded = _fold_vowels(key)
        firsts = {sk[0]} | set(_VOWEL_PAIRS.get(sk[0], ""))  # "Etikan" = "Itikan": the first letter may differ
        out: list[tuple[Place, float]] = []
        for first in sorted(firsts):
            for k in self._skeletons(country, first).get(first + sk[1:], ()):
                if k != key and _fold_vowels(k) == folded:
                    out.extend((p, float(fuzz.ratio(key, k))) for p in self.g.lookup(k)
                               if p.lat is not None and p.country == country and p.admin1 == admin1
                               and p.feature not in ("adm2", "country", "continent", "region"))  # fmt: skip
        return out

    def _head_guard(self, core: str, hits: list[tuple[Place, float]], threshold: float) -> list[tuple[Place, float]]:
        """Spelling variants of a name that begins with a generic head ("Tall", "Markaz Woluswali") must also
        match after it, the head set aside: "Tall Bazzam" is not "Tall Adam", "Tall Azzan" not "Tal'adah"."""
        from rapidfuzz import fuzz

        head = _head(core)
        if not head or not hits:
            return hits
        qrest = _after_head(core, head)
        nq = len(_words(core)) - len(head)
        kept = []
        listed = self.__dict__.setdefault("_place_names_cache", {})  # "WHERE place = ?" reads the whole table
        for p, sc in hits:
            if p.id not in listed:
                listed[p.id] = [n for (n,) in self.g.sql("SELECT name FROM names WHERE place = ?", (p.id,))]
            names = listed[p.id] or [p.name]
            best = max(names, key=lambda n: fuzz.ratio(name_key(core), name_key(n)))
            # what follows the head, whole or its first words ("Rostam" ~ "Rustam-e Zal"), or what follows
            # it in a name written as one word ("Tal'adah")
            hk, bk = "".join(head), name_key(best)
            if _head(best) is not None and _other_head(head, _head(best)):  # type: ignore[arg-type]
                continue  # "Al-Bu Bakr" is not "Abu Bakr": another generic word, another name
            if _head(best) == head:
                rests = [_after_head(best, head), _after_head(best, head, nq)]
            elif _head(best) is None and bk.startswith(hk) and len(bk) > len(hk):
                rests = [bk[len(hk) :]]
            else:
                rests = []
            if rests and max(fuzz.ratio(qrest, x) for x in rests) < threshold:
                continue
            kept.append((p, sc))
        return kept

    def _skeletons(self, country: str, first: str) -> dict[str, list[str]]:
        """The country's name keys by skeleton, for names whose key begins with ``first`` (built on first use;
        one letter at a time, so that a first unknown name costs a fraction of a second, not the country)."""
        cache = self.__dict__.setdefault("_skeleton_cache", {})
        ck = (country, first)
        if ck not in cache:
            by: dict[str, list[str]] = {}
            rows = self.g.sql("SELECT DISTINCT key, name FROM names WHERE country = ? AND key >= ? AND key < ?",
                              (country, first, first + "\uffff"))  # fmt: skip
            for k, n in rows:
                by.setdefault(_listed_skeleton(k, n), []).append(k)
            cache[ck] = {sk: sorted(set(ks)) for sk, ks in by.items()}
        return cache[ck]

    # -- scoring -----------------------------------------------------------------------------------
    def _shared_seat(self, seat: Place, unit: Place, core: str, method: str) -> bool:
        """Whether a town and its province both only list the name ("Nabatieh": the governorate An Nabaţīyah and
        the town Nabatîyé et Tahta, 120,000 of its 232,311 people): the name is the town's as much as the
        province's, and a town that big is the seat it is named after (a province bearing the name as its own
        keeps it: "Parwan" is not Jabal os Saraj, which lists it) (session 10, geo2)."""
        key = name_key(core)
        return (method == "exact" and name_key(unit.name) != key and name_key(seat.name) != key
                and seat.population >= SHARED_SEAT_SHARE * unit.population)  # fmt: skip

    def _seat_ok(self, seat: Place, core: str, ctx: DocContext | None = None) -> bool:
        """Whether a town named like its province may stand for it: only under its own name ("Kandahar" is the
        town Kandahar; "Parwan" is not the town Jabal os Saraj, which lists "Parwan" among its alternates).
        ``ctx``, the document context of the look-up, is for subclasses (the geoparser's rule reads it)."""
        return name_key(seat.name) == name_key(core)

    def _score(
        self, p: Place, core: str, level: str | None, feature: str | None, ctx: DocContext | None
    ) -> float:
        s = 0.0
        if level:
            s += 3.0 if p.feature == level else (1.0 if p.feature in ("adm1", "adm2") else 0.0)
        else:
            s += 1.0 if not p.is_admin else {"country": 2.0, "adm1": 1.0, "continent": 2.0, "region": 2.0}.get(p.feature or "", 0.0)
            if feature in _SETTLEMENT and not p.is_admin:
                s += 0.5
            if feature in _SMALL and p.population >= SMALL_MAX_POP and p.feature != "adm2":
                # "Al Hamah suburb", "X village": not the city of 460,000 (nor the province) sharing the name;
                # a district may be (GeoNames lists Behsud district under its seat, Jalalabad)
                s -= 2.0
            if p.feature == "capital":
                s += 1.0  # "Washington" in the news is the capital more often than the state
            if feature in _TOWN_PART and not p.is_admin and p.population < SMALL_MAX_POP and self._by_city(p):
                s += 1.0  # "Al Hamah suburb": of two villages named so, the one on a city's edge
        if ctx:
            if p.feature in ("country", "continent"):
                s += 3.0 if p.country in ctx.countries and p.feature == "country" else 0.0
            elif p.feature == "adm1" and (p.country, p.name) in ctx.admin1s:
                s += 3.0  # the text's other places lie inside it
            elif ctx.points and p.lat is not None and p.lon is not None:
                d = ctx.nearest_km(p.lat, p.lon)
                s += 3.0 * math.exp(-d / 100.0)
            a1 = (p.country, p.name if p.feature == "adm1" else p.admin1)
            if p.feature != "country" and a1 in ctx.admin1s:
                # the province most of the text's places are in counts most (local news)
                s += 1.0 + 1.5 * ctx.admin1_count[a1] / max(ctx.admin1_count.values())
            if p.country in ctx.countries:
                s += 1.0
            if ctx.admin1_votes and p.feature != "country":
                top = max(ctx.admin1_votes.values())
                v = ctx.admin1_votes.get(a1, 0.0)
                if top >= 1.5 and v > 0:
                    s += 2.0 * v / top
        if _unspaced(p.name) == _unspaced(core):
            s += 0.3  # the text's own spelling ("Nur Zai" and "Nurzai" are one spelling, spaced differently)
        s += 0.35 * math.log10(1 + max(p.population, 0))
        return s

    def _by_city(self, p: Place) -> bool:
        """Whether a place lies within SUBURB_KM of a city of SMALL_MAX_POP people or more (its suburb)."""
        if p.lat is None or p.lon is None or not p.country:
            return False
        cache = self.__dict__.setdefault("_city_cache", {})
        if p.country not in cache:
            cache[p.country] = [(a, b) for a, b in self.g.sql(
                "SELECT lat, lon FROM places WHERE country = ? AND population >= ? AND lat IS NOT NULL "
                "AND feature NOT IN ('adm1', 'adm2', 'country', 'continent', 'region')", (p.country, SMALL_MAX_POP))]  # fmt: skip
        return any(haversine_km(p.lat, p.lon, a, b) <= SUBURB_KM for a, b in cache[p.country])

    def _why(self, best: Place, runner: Place, level: str | None, ctx: DocContext | None) -> str:
        if level and best.feature == level and runner.feature != level:
            return f"the text says {level}"
        if ctx and ctx.points and best.lat is not None and runner.lat is not None:
            db = ctx.nearest_km(best.lat, best.lon or 0)
            dr = ctx.nearest_km(runner.lat, runner.lon or 0)
            if db + 50 < dr:
                return f"nearest to the other places in the report ({db:.0f} km vs {dr:.0f} km)"
        if best.population > runner.population:
            return f"largest population ({best.population:,} vs {runner.population:,})"
        return "best overall fit"

    @staticmethod
    def _precision(p: Place, relation: str | None, feature: str | None) -> int:
        if p.feature in ("adm1", "country", "continent", "region"):
            return 3
        if p.feature == "adm2":
            return 2
        if relation and relation.lower() in _NEAR:
            return 2
        if feature and feature.lower() in _FACILITY and p.feature not in _FACILITY:
            return 2  # "the airport of X" resolved to the town X: near it, not at it
        if feature and feature.lower() in _FEATURE_LEVEL:
            return 2  # "X district" resolved to a town X: the district is around it, not at it
        return 1

    # -- containers (unresolved places are anchored, never guessed) ----------------------------------
    def container(
        self, *, country: str | None, admin1: str | None = None, region_text: str | None = None
    ) -> Resolution | None:
        if country and (admin1 or region_text):
            a = self.admin1_unit(country, admin1) or self.admin1_unit(country, region_text)
            if a is not None and a.lat is not None:
                said = admin1 if self.admin1_unit(country, admin1) is a else region_text
                seat = self._namesake_seat(a, said or "")
                if seat is not None:
                    return Resolution(seat, 3, f"place not in the gazetteer: anchored to {seat.name}, the town its "
                                      f"province {a.name} is named after (the text's '{said}' names both)", "container")  # fmt: skip
                return Resolution(a, 3, f"place not in the gazetteer: anchored to its province {a.name}", "container")
        if country:
            c = self.g.country(country)
            if c is not None and c.lat is not None:
                return Resolution(c, 3, f"place not in the gazetteer: anchored to the country {c.name}", "container")
        return None

    def _namesake_seat(self, unit: Place, said: str) -> Place | None:
        """The town a province is named after, when the text names the province by that bare name ("in Bakawal,
        Ghazni": the city or the province): a village no list holds is likelier near the town, where people and
        events gather, than at the province's centre, which may lie in empty mountains (GTD codes the town; Ghazni's
        centre is 60 km from it). Not when the text says "province", nor for a town under SEAT_TOWN_POP."""
        core, descriptor = peel(said)
        key = name_key(core)
        if descriptor or not key or name_key(unit.name) != key:
            return None
        seats = [p for p in self.g.candidates(core) if p.country == unit.country and not p.is_admin
                 and p.lat is not None and p.admin1 == unit.name and name_key(p.name) == key
                 and p.population >= SEAT_TOWN_POP]  # fmt: skip
        return max(seats, key=lambda p: p.population) if seats else None

    def resolve_many(
        self, names: Sequence[tuple[str, dict[str, str | None]]]
    ) -> list[Resolution | None]:
        """Resolve several names of one document: unambiguous ones first, then the rest near them."""
        ctx = DocContext()
        out: list[Resolution | None] = [None] * len(names)
        pending = []
        for i, (n, kw) in enumerate(names):
            r = self.resolve(n, **kw)  # type: ignore[arg-type]
            if r is not None and r.alternatives == 1:
                out[i] = r
                ctx.add(r.place)
            else:
                pending.append(i)
        for i in pending:
            n, kw = names[i]
            out[i] = self.resolve(n, context=ctx, **kw)  # type: ignore[arg-type]
        return out
