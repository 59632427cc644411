"""Find place phrases, region headings and country mentions in report text (no coordinates here).

- ``find_headings(text)``: region heading lines ("Wilayat Raqqah:", "Khayr Wilayah", "Iraq",
  "West Africa Wilayah") with the ISO2 / admin1 hints of ``data/wilayat.csv`` and ``data/countries.csv``.
- ``find_countries(text)``: country names, aliases and nationality adjectives ("Egyptian") as mentions.
- ``find_places(text, offset)``: place phrases, most specific first, as geocoder candidates
  ``{"text", "start", "end", "relation", "feature", "phrase", "phrase_start", "phrase_end"}``:
  ``text`` is the bare name ("Tall Samin"), ``phrase`` the whole phrase as written
  ("near the village of Tall Samin"), ``relation`` one of ``in``, ``near``, ``north_of``, ``south_of``,
  ``east_of``, ``west_of``, ``outskirts``, ``countryside``, ``neighbourhood_of``, and ``feature`` the
  kind of place when the text says it ("village", "town", "district", "province", "neighbourhood",
  "mount", "airport", ...). Offsets are absolute when ``offset`` is the passage start.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from eventcoder.datafiles import data_rows
from eventcoder.extraction import _re as re  # re with compiled patterns kept on disk (cold start)
from eventcoder.extraction._regexbank import RegexBank, rfind_before

__all__ = [
    "CountryInfo",
    "Heading",
    "countries",
    "country_by_iso",
    "find_admin_hint",
    "find_countries",
    "find_headings",
    "find_places",
    "wilayah_lookup",
]


@dataclass(frozen=True)
class CountryInfo:
    iso: str
    name: str  # ACLED short name
    names: tuple[str, ...]  # name + aliases
    adjectives: tuple[str, ...]


@dataclass(frozen=True)
class Heading:
    start: int
    end: int
    text: str  # the heading as written, without trailing colon
    kind: str  # "wilayah" or "country"
    name: str  # the wilayah / country name inside the heading
    iso: str | None
    admin1: str | None


_data_rows = data_rows  # (the short name this module and export.py call; tests/test_datafiles.py reads it)


@functools.cache
def countries() -> tuple[CountryInfo, ...]:
    out = []
    for r in _data_rows("countries.csv"):
        names = [r["name"]] + [a for a in r["aliases"].split(";") if a]
        adjs = [a for a in r["adjectives"].split(";") if a]
        out.append(CountryInfo(r["iso"], r["name"], tuple(names), tuple(adjs)))
    return tuple(out)


def country_by_iso(iso: str | None) -> CountryInfo | None:
    if not iso:
        return None
    for c in countries():
        if c.iso == iso:
            return c
    return None


def _norm(s: str) -> str:
    s = re.sub(r"[’‘ʿʾ'`]", "", s.lower())
    s = re.sub(r"^(al|el|ad|ash|as|az|ez|at|an|ar)[- ]", "", s)
    # "Gharb Ifriqiyah" and "Gharb Ifriqiyyah": a doubled letter is a transliteration's choice (fresh F21)
    return re.sub(r"(\w)\1", r"\1", re.sub(r"[\s-]+", " ", s).strip())


@functools.cache
def _wilayat() -> dict[str, tuple[str | None, str | None]]:
    out: dict[str, tuple[str | None, str | None]] = {}
    for r in _data_rows("wilayat.csv"):
        for n in r["name"].split(";"):
            out[_norm(n)] = (r["iso"] or None, r["admin1"] or None)
    return out


def wilayah_lookup(name: str) -> tuple[str | None, str | None] | None:
    """(iso, admin1) for an IS province name, or None when unknown."""
    return _wilayat().get(_norm(name))


@functools.cache
def _country_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    keys: dict[str, str] = {}
    for c in countries():
        for n in (*c.names, *c.adjectives):
            keys[n.lower()] = c.iso
    alts = sorted(keys, key=len, reverse=True)
    rx = re.compile(r"(?<![\w-])(" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])", re.IGNORECASE)
    return rx, keys


@functools.cache
def _acronyms() -> frozenset[str]:
    """Country aliases that are acronyms in the data file (CAR, DRC, UAE, ...), lower-cased."""
    return frozenset(n.lower() for c in countries() for n in c.names if len(n) > 1 and n.isupper())


def _is_word(token: str) -> bool:
    return len(token) >= 2 and token.isalpha()


class _CapsLines:
    """Whether the line around text[start:end] is written in capitals and has other words of letters.

    Each line is read once (a 50 kB line of capitals listing 'DRC, CAR AND UAE' took 37 s when every acronym
    re-read its whole line); a match then looks only at its own whitespace-separated token."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: dict[int, tuple[bool, int]] = {}

    def __call__(self, start: int, end: int) -> bool:
        text = self.text
        a = rfind_before(text, "\n", start) + 1  # not back over a 50 kB line for each match (session 10)
        if a not in self.lines:
            b = text.find("\n", end)
            line = text[a : len(text) if b < 0 else b]
            self.lines[a] = (not any(c.islower() for c in line), sum(_is_word(x) for x in line.split()))
        no_lower, words = self.lines[a]
        if not no_lower:
            return False
        ts = start
        while ts > a and not text[ts - 1].isspace():
            ts -= 1
        te = end
        while te < len(text) and not text[te].isspace():
            te += 1
        token, rest = text[ts:te], text[ts:start] + text[end:te]
        return words - _is_word(token) + _is_word(rest) >= 1


@functools.cache
def _country_guards() -> dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]]:
    """Word -> (pattern after it, pattern ending before it) that make a country word no country mention."""
    return {
        r["word"].lower(): (
            re.compile(r["not_before"]) if r["not_before"] else None,
            re.compile("(?:" + r["not_after"] + ")$") if r["not_after"] else None,
        )
        for r in _data_rows("country_word_guards.csv")
    }


# a country that backs the party named after it ("Iran-backed militia", "Turkish-backed rebels"): its name tells
# neither where the incident was nor whose forces acted (session 9)
_BACKER_AFTER = re.compile(r"[-‐ ](?:backed|supported|sponsored|funded)\b", re.IGNORECASE)
# foreigners named by their nationality ("Kidnappers of 2 Chinese Nationals in Osun", "a Chinese national was
# abducted in Zamfara", "French tourists"): where they are from, not where the incident was (session 9); never
# "Afghan National Army" (a national institution)
_FOREIGNERS_AFTER = re.compile(
    r"\s+(?:nationals\b|expatriates?\b|expats\b|tourists?\b|"
    r"(?-i:national)(?=\s*[,.;:)]|\s+(?!(?:army|police|guard|security|defen[cs]e|forces?|assembly|team|unity|"
    r"government|park|highway|road|party|front|council|congress|directorate|intelligence|liberation|movement|union|"
    r"league|day|level|interest|elections?)\b)[a-z]))",
    re.IGNORECASE,
)


# workers, engineers or employees named by their nationality count as foreigners only where the attack harms them
# ("kidnapped three Chinese mine workers", "two Chinese engineers were abducted"): "Cambodian workers protested"
# (ACLED codes them in Cambodia) keeps its country (session 9)
_WORKERS_AFTER = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,2}(?:workers|engineers|employees|contractors|labou?rers|technicians)\b", re.IGNORECASE
)
_HARM_VERBS = r"(?:abduct|kidnap|kill|attack|seiz|free|releas|rescu|shot|shoot|murder|ambush|target|hostage|captur)"
_HARMED_AFTER = re.compile(r"\s+(?:who\s+)?(?:were|was|are|have\s+been|had\s+been)\s+(?:\w+\s+)?" + _HARM_VERBS, re.I)
_HARM_BEFORE = re.compile(
    r"\b" + _HARM_VERBS + r"\w*\s+(?:(?:the|a|an|\d+|two|three|four|five|six|seven|eight|nine|ten|several|some|"
    r"\w+teen|of)\s+){0,2}$",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=512)
def find_countries(text: str, offset: int = 0) -> list[tuple[int, int, str, str]]:
    """(start, end, as written, iso) for each country name / adjective (case-sensitive first letter)."""
    rx, keys = _country_regex()
    out = []
    caps_line = _CapsLines(text)
    for m in rx.finditer(text):
        w = m.group(1)
        if not w[0].isupper():
            continue
        if w.lower() in _acronyms() and not w.isupper():
            continue  # "Car bomb kills 5" is no Central African Republic: an acronym alias is written in capitals
        if w.lower() in _acronyms() and caps_line(m.start(), m.end()):
            continue  # "CAR BOMB KILLS 12": in a headline written in capitals, capitals tell nothing
        if _BACKER_AFTER.match(text, m.end()):
            continue  # "Iran-backed militia", "Turkey-backed Syrian rebels": the backer is neither scene nor party
        if _FOREIGNERS_AFTER.match(text, m.end()):
            continue  # "2 Chinese Nationals in Osun": foreigners' country, not the scene
        if (wk := _WORKERS_AFTER.match(text, m.end())) and (
            _HARMED_AFTER.match(text, wk.end()) or _HARM_BEFORE.search(text[max(0, m.start() - 60) : m.start()])
        ):
            continue  # "Gunmen kidnap Chinese railway workers": foreigners the attack harms; not workers who protest
        guard = _country_guards().get(w.lower())
        if guard and (
            (guard[0] and guard[0].match(text, m.end()))
            or (guard[1] and guard[1].search(text[max(0, m.start() - 40) : m.start()]))
        ):
            continue  # "Niger State", "Northern Ireland", "Chad Smith said" (data/country_word_guards.csv)
        out.append((m.start() + offset, m.end() + offset, w, keys[w.lower()]))
    return out


_WIL_RX = re.compile(
    r"^[ \t]*(?:(?P<pre>[A-Z][\w’' ]{1,20}?[ \t]+[-–—:/][ \t]+)?(?:Wilayat|Wilayah of|Wilaya of|Province of)[ \t]+"
    r"(?P<a>(?:(?:al|el|ad|ash|as|az|ar)-)?[A-Z][\w’'ʿ -]{1,30}?)"
    r"|(?P<b>(?:(?:al|el|ad|ash|as|az|ar)-)?[A-Z][\w’'ʿ –—-]{1,30}?)[ \t]+(?:Wilayah|Wilayat|Wilaya|Province))[ \t]*:?[ \t]*$",
    re.MULTILINE,
)
_LINE_RX = re.compile(r"^[ \t]*(?P<h>[A-Z][^\n:]{1,40}?)[ \t]*:?[ \t]*$", re.MULTILINE)


def find_headings(text: str) -> list[Heading]:
    """Region heading lines, in document order."""
    out: list[Heading] = []
    seen: set[int] = set()
    for m in _WIL_RX.finditer(text):
        name = (m.group("a") or m.group("b") or "").strip()
        if m.group("a") and m.group("pre"):  # "Iraq – Wilayat Ninawa": the compound heading, country first
            name = re.sub(r"[\s:/–—-]+$", "", m.group("pre")) + " - " + name
        g = "a" if m.group("a") else "b"
        body = m.group(0).strip().rstrip(":").strip()
        start = m.start() + m.group(0).index(body)
        iso, admin1 = wilayah_lookup(name) or (None, None)
        if iso is None and re.search(r"\s[-–—:/]\s|,", name):
            # compound heading "Iraq - Salahuddin Wilayah", "Sham - Homs Wilayah": the last part names the
            # wilayah; a country named in an earlier part gives the country when the wilayah is unknown.
            parts = [p.strip() for p in re.split(r"\s[-–—:/]\s|,", name) if p.strip()]
            iso, admin1 = wilayah_lookup(parts[-1]) or (None, None)
            if iso is None:
                keys = _country_regex()[1]
                iso = next((keys[p.lower()] for p in parts if p.lower() in keys), None)
            name = parts[-1]
        out.append(Heading(start, start + len(body), body, "wilayah", name, iso, admin1))
        seen.add(m.start(g))
    rx, keys = _country_regex()
    for m in _LINE_RX.finditer(text):
        h = m.group("h").strip()
        low = h.lower()
        if low not in keys and m.start("h") not in seen and _norm(h) in _wilayat() and len(h.split()) <= 3:
            iso, admin1 = _wilayat()[_norm(h)]  # a bare province name on its own line: "Khurasan", "Sinai"
            out.append(Heading(m.start("h"), m.start("h") + len(h), h, "wilayah", h, iso, admin1))
            seen.add(m.start("h"))
            continue
        if (
            low in keys
            and m.start("h") not in seen
            and not any(c.adjectives and low in [a.lower() for a in c.adjectives] for c in countries())
        ):
            out.append(Heading(m.start("h"), m.start("h") + len(h), h, "country", h, keys[low], None))
    out.sort(key=lambda h: h.start)
    return out


# ----------------------------------------------------------------------------------------- places

_ART = r"(?:al|el|ad|ash|as|az|ez|at|an|ar|adh|ath|er|es|ud|um)"
# The hyphen chain is atomic: "-al-Qaim" is one piece (article + word) or two ("-al", "-Qaim"), and letting the
# engine retry every split made "Aa-al-al-...-al x" exponential (28 pieces: 2 s in find_places, 40: minutes).
# Once the longest chain is found it is kept; a shorter one would end before a hyphen, which no pattern takes.
_WORD = r"(?:" + _ART + r"[-‑])?[A-Z][\w’'ʿ]*(?>(?:[-‑](?:" + _ART + r"[-‑])?[\w’'ʿ]+)*)"
# Connecting words between the words of one name: one ("Bab al Hawa", "Tall of Ruwaysat"), or two when a
# conjunction/particle that never occurs in English prose is followed by an article ("Khabb wa ash Shaaf",
# "Ain bin al Hadi", "Villa de la Paz"): at most two, so sentence text ("Kabul as an ...") is not swallowed.
# Romance particles ("Catole do Rocha", "Datem del Maranon", "Amatlan de los Reyes") and the Persian ezafe
# ("Kut e Abdollah") join names too, and the elided French "d'" ("Cote d'Ivoire", "Val d'Oise").
_CONN_PAIR = r"(?:wa|w|bin|ibn|de|da|du)\s+(?:" + _ART + r"|la|le|los|las)"
_CONN = (
    r"(?:\s+(?:" + _CONN_PAIR + r"|" + _ART + r"|bin|ibn|de|da|du|do|dos|das|del|della|di|la|le|el|e|wa|w|of|d['’](?=[A-Z]))"
    r"(?:[-‑]|\s+)?)"
)
# The words of a name are apart (a space or a connecting word): with both optional, a run of capitals after "in"
# could be cut into four "words" every way, O(n^4) on a failed match ("in " + 300 capitals took 42 s)
NAME = _WORD + r"(?:(?:" + _CONN + r"\s*|\s+)" + _WORD + r"){0,3}"
_NAME_RX = NAME

FEATURES = (
    r"village|villages|town|city|district|sub-?district|area|region|neighbou?rhood|quarter|suburb|province|"
    r"governorate|state|county|territory|local government area|lga|municipality|countryside|outskirts|camp|"
    r"mount|mountain|hill|valley|wadi|jabal|airport|airbase|air base|base|bridge|road|highway|market|hotel|"
    r"roundabout|square|compound|street|avenue|station|pumping station|gas field|dam|crossing|border crossing|junction|"
    r"hospital|mosque|church|school|checkpoint|island|desert|oil field|oilfield|refinery|prison"
)
_REL = {
    "in": "in",
    "at": "in",
    "inside": "in",
    "on": "in",
    "of": "in",
    "over": "in",
    "targeting": "in",
    "attacked": "in",
    "attacks": "in",  # a headline's present tense: "Boko Haram attacks Kolofata" (session 7, lead)
    "storms": "in",
    "raids": "in",
    "captures": "in",
    "shells": "in",
    "hits": "in",  # "Drone attack hits Port Sudan airport" (session 10)
    "stormed": "in",
    "raided": "in",
    "struck": "in",
    "hit": "in",
    "overran": "in",
    "captured": "in",
    "entered": "in",
    "shelled": "in",
    "bombed": "in",
    "bombarded": "in",
    "besieged": "in",
    "seized": "in",
    "recaptured": "in",
    "near": "near",
    "close to": "near",
    "outside": "near",
    "around": "near",
    "nearby": "near",
    "north of": "north_of",
    "south of": "south_of",
    "east of": "east_of",
    "west of": "west_of",
    "northeast of": "north_of",
    "northwest of": "north_of",
    "southeast of": "south_of",
    "southwest of": "south_of",
    "north-east of": "north_of",  # "30 km south-west of Kirkuk": the whole compass word (session 10)
    "north-west of": "north_of",
    "south-east of": "south_of",
    "south-west of": "south_of",
    "on the outskirts of": "outskirts",
    "in the outskirts of": "outskirts",
    "outskirts of": "outskirts",
    "in the vicinity of": "near",
    # "in the general area of Mir Ali", "the vicinity of X": the qualifier is read as "near" (session 7)
    "in the general area of": "near",
    "the general area of": "near",
    "general area of": "near",
    "the vicinity of": "near",
    "vicinity of": "near",
    "the outskirts of": "outskirts",
    "in the countryside of": "countryside",
    "countryside of": "countryside",
    "between": "near",
    # "off the coast of Eyl": at sea near the town (session 11); a bare "off" is left to geocode's maritime check
    # ("sealed off Tikrit" is no sea)
    "off the coast of": "near",
    "off the shores of": "near",
    "off the shore of": "near",
    "on the road between": "near",
    "on the road to": "near",
    "road to": "near",
}
_FEATURE_WORDS = frozenset(
    {
        "road",
        "street",
        "avenue",
        "square",
        "highway",
        "bridge",
        "market",
        "roundabout",
        "hospital",
        "school",
        "mosque",
        "church",
        "hotel",
        "camp",
        "airport",
        "base",
    }
)
_VERB_RELS = frozenset(
    {"targeting", "attacked", "stormed", "raided", "struck", "hit", "overran", "captured", "entered",
     # "Turkish forces shelled Afrin": the object of a verb of attack or capture is the place (session 7)
     "shelled", "bombed", "bombarded", "besieged", "seized", "recaptured",
     # a headline's present tense (session 7, lead): "Boko Haram attacks Kolofata", "Taliban captures Charkh"
     "attacks", "storms", "raids", "captures", "shells", "hits"}
)
_REL_ALT = "|".join(sorted((re.escape(k) for k in _REL), key=len, reverse=True))
_DIRADJ = (
    r"(?:(?:north|south|east|west|northern|southern|eastern|western|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|central|military|main|old|new|nearby|remote|border|small|rural)\s+){0,2}"
)

# "near the village of X", "in the Achin district of Nangarhar", "in X town", "in X"
_PLACE_RX = re.compile(
    r"(?P<rel>\b(?:" + _REL_ALT + r"))\s+"
    r"(?:(?:the|a|an)\s+)?(?:(?:\d+|one|two|three|several)\s+(?:km|kilometers|kilometres|miles)\s+(?:"
    + _REL_ALT
    + r")\s+(?:the\s+)?)?"
    r"(?:"
    r"(?:" + _DIRADJ + r"(?P<f1>" + FEATURES + r")\s+of\s+(?P<n1>" + NAME + r"))"
    r"|(?:(?P<n2>" + NAME + r")\s+" + _DIRADJ + r"(?P<f2>" + FEATURES + r")(?:\s+of\s+(?P<p2>" + NAME + r"))?)"
    r"|(?:" + _DIRADJ + r"(?P<n3>" + NAME + r"))"
    r")"
)
# The whole head of a wire dateline, where the reporter files from: a line opening on a place in capitals, then
# ", Country" / ", State" names, a date and an agency, then a dash ("KABUL, Afghanistan —", "PESHAWAR, Pakistan,
# Feb 19 (Reuters) -", "MOGADISHU (AP) —", "TAMPA, Fla. —"). Not the event's place: a country hint, a last resort.
_DATELINE_HEAD_RX = re.compile(
    r"^[ \t]*(?P<h>[^\W\d_][\w'’.-]+(?:[ ][^\W\d_][\w'’.-]+){0,3}"  # capitals checked after: "POPAYÁN"
    r"(?:,[ \t]+[A-Z][\w.'’-]*(?:[ \t]+(?:of|the|[A-Z][\w.'’-]*)){0,5}){0,2}"
    r"(?:,?[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}(?:,[ \t]+\d{4})?)?"
    r"(?:[ \t]*\([^()\n]{1,40}\))?)[ \t]*[-–—]",
    re.MULTILINE,
)
# "In Kohima, supporters of ...", "At Nababpur, two persons were injured ...": a sentence opening on its place
# what a capitalised sentence opening "In X," / "At X," names when X is no place (Title Case headlines and
# capitals: "At Dawn, Gunmen Stormed ...", "In Turn, ..."); the words of _STOP are refused as well. _LEAD_NOT
# as the whole name ("Fall River", "Times Square", "Line of Control" are places); _LEAD_NOT_FIRST never starts one.
_LEAD_NOT_FIRST = frozenset(
    "dawn daybreak sunrise noon midday midnight nightfall dusk evening morning afternoon daylight particular brief "
    "contrast conclusion meanwhile spite accordance least".split()
)
_LEAD_NOT = _LEAD_NOT_FIRST | frozenset(
    "night sunset summer winter spring autumn fall early late later first last most all both one two three some "
    "many several each other another separate short sum turn fact general recent times light view case return "
    "reply protest solidarity line".split()
)
_LEAD_RX = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n))(?P<rel>In|At)\s+(?P<n>" + NAME + r")(?=\s*[,(])")
# no start inside a hyphenated word: a start at each capital of "Aa-al-Aa-al-..." re-read the whole token
# (quadratic: 50 kB took 8 s in find_admin_hint); "al-Anbar province" still starts at its article, and
# "North 24-Parganas district" after a figure
_ADMIN_RX = re.compile(r"(?<![\w'’])(?<![A-Za-z][-‑])(?P<n>" + NAME + r")\s+(?P<f>province|governorate|state|region|county|district)\b")

_STOP = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "the",
    "a",
    "an",
    "this",
    "that",
    "which",
    "its",
    "his",
    "their",
    "our",
    "response",
    "order",
    "addition",
    "total",
    "retaliation",
    "islamic",
    "state",
    "allah",
    "god",
    "rabi",
    "jumada",
    "rajab",
    "shaban",
    "ramadan",
    "shawwal",
    "muharram",
    "safar",
    "dhu",
    "police",
    "army",
    "coalition",
    "statement",
    "front",
    "control",
    "support",
    "charge",
    "custody",
    "hospital",
    "government",
    "yes",
    "no",
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "taliban",
    "daesh",
    "isis",
    "isil",
    "pkk",
    "sdf",
    "ypg",
    "ansf",
    "monitor",
    "media",
    "attack",
    "amaq",
    "reuters",
    "afp",
    "according",
    "humvee",
    "humvees",
    "hummer",
    "katyusha",
    "kornet",
    "bmp",
    "toyota",
    "hilux",
    "said",
    "local",
    "security",
    "mr",
    "dr",
    "eid",
    "christmas",
    "day",
    "ministry",
    "operation",
    "operations",
    "lord",
    "praise",
    "update",
    "breaking",
    "general",
    "colonel",
    "commander",
    "president",
    "minister",
    "governor",
    "mullah",
    "maulvi",
    "captain",
    "major",
    "lieutenant",
    "sergeant",
    "brigadier",
    "prime",
    "covid",
    "covid-19",
    "coronavirus",
    "mr.",
    "dr.",
    "mrs",
    "ms",
    "sir",
    "judge",
    "senator",
    "mayor",
    "chief",
    "deputy",
    "inspector",
    "former",
}
_ORG_LAST = {
    "cartel",  # "rival factions of the Sinaloa Cartel" (session 13, fresh12 F8)
    "cartels",
    "army",
    "forces",
    "force",
    "police",
    "patrol",
    "party",
    "union",
    "movement",
    "front",
    "brigade",
    "brigades",
    "corps",
    "council",
    "committee",
    "ministry",
    "department",
    "agency",
    "organization",
    "organisation",
    "islam",
    "incorporated",
    "inc",
    "ltd",
    "company",
    "group",
    "network",
    "militia",
    "guard",
    "guards",
    "battalion",
    "division",
    "regiment",
    "service",
    "services",
    "commission",
    "building",
    "office",
    "church",
    "mosque",
    "school",
    "university",
    "college",
    "hospital",
    "bank",
    "embassy",
    "consulate",
    "administration",
    "congress",
    "court",
    "commerce",
}


# "Christian protesters", "Fulani herders", "Turkish soldiers": a capitalised adjective before a plural common
# noun describes people, it names no place (the Kansas village listing "Christian" is no answer). Adjective
# endings, the nationality adjectives of countries.csv and data/places_group_adjectives.txt; a place name used
# the same way ("Garabulli youths", "Bihar homeguards") has none of them and stays a candidate.
# A word known only by its ending may be a town ("Arish", "Bamian") or a sea ("Mediterranean"): it is dropped only
# before a plural in -s or people/men/women/children, never before a verb or function word ("a car bomb in Arish
# kills five", "in Arish was", "in the Mediterranean this week") nor before police/youth/community ("Arish police").
_ADJ_END = re.compile(r"(?:ian|ean|ese|ish|ic)$")
_NEXT_WORD = re.compile(r"\s+(?P<w>[a-z]+)\b(?P<after>[ \t]+[\w-]+(?:[ \t]+[\w-]+)?)?")
_PEOPLE_NOUNS = frozenset({"people", "men", "women", "children"})
_GROUP_NOUNS = frozenset({"police", "youth", "clergy", "faithful", "community"})
# words in -s that are no plural noun: verbs and function words, and sea words that follow a sea's name
_NOT_PLURAL = frozenset(
    {
        "was", "has", "as", "whereas", "its", "does", "says", "thus", "plus", "yes", "towards", "perhaps",
        "always", "besides", "sometimes", "afterwards", "hers", "ours", "theirs", "yours", "news", "waters",
        "kills", "injures", "wounds", "rocks", "leaves", "shakes", "sparks", "hits", "claims", "sees", "gets",
        "takes", "remains", "continues", "becomes", "faces", "reports", "seizes", "storms", "bombs",
    }
)  # fmt: skip
# "kills five", "leaves 3 dead", "hits the": a word in -s followed by a number or article is a verb
_VERB_OBJECT = re.compile(
    r"[ \t]+(?:\d|(?:a|an|the|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|scores|several"
    r"|at[ \t]+least|more[ \t]+than|over|up[ \t]+to)\b)"
)


@functools.cache
def _group_adjectives() -> frozenset[str]:
    words = {a.lower() for c in countries() for a in c.adjectives}
    with resources.files("eventcoder.data").joinpath("places_group_adjectives.txt").open(encoding="utf-8") as fh:
        words |= {ln.split("#")[0].strip().lower() for ln in fh if ln.split("#")[0].strip()}
    return frozenset(words)


def _plural_next(text: str, end: int, listed: bool) -> bool:
    """Whether a plural common noun follows ``end`` (``listed``: the words before it are listed adjectives)."""
    m = _NEXT_WORD.match(text, end)
    if not m:
        return False
    w = m.group("w")
    if w in _PEOPLE_NOUNS or (listed and w in _GROUP_NOUNS):
        return True
    if not w.endswith("s") or w.endswith(("ss", "us", "is")) or w in _NOT_PLURAL:
        return False
    return not _VERB_OBJECT.match(text, m.end("w"))


def _adjective_before_people(name: str, text: str, end: int) -> bool:
    """``name`` (ending at ``end``) is one or more capitalised adjectives followed by a plural common noun."""
    words = name.split()
    if not words or len(words) > 3 or not all(_adjective_like(w) for w in words):
        return False
    return _plural_next(text, end, all(w.lower() in _group_adjectives() for w in words))


def _adjective_like(word: str) -> bool:
    return word.lower() in _group_adjectives() or (len(word) > 4 and bool(_ADJ_END.search(word.lower())))


def _modifier_after_article(name: str, before: str, after: str) -> bool:
    """"attacked a Christian edifice", "struck an IED between ...": after the indefinite article, an adjective or
    an acronym followed by a lower-case word modifies that word and names no place ("a Moirang police station"
    keeps its town; a word known only by its ending may be a town: "an Arish checkpoint")."""
    if not re.fullmatch(r"\s+an?\s+", before) or not re.match(r"\s+[a-z]", after) or " " in name:
        return False
    return name.lower() in _group_adjectives() or bool(re.fullmatch(r"[A-Z]{2,5}", name))


def _clean_name(name: str) -> str:
    return name.strip().rstrip("’'").strip()


# "of the Hashed al-Shaabi paramilitary forces", "of the Wagner group": a name before a word for armed men
_FORCE_AFTER = re.compile(
    r"(?:\s+[a-z][a-z-]+){0,2}?\s+(?:forces|militias?|militiamen|fighters|paramilitar(?:y|ies)|troops|group|rebels|insurgents)\b"
)
# "members of the X", "a commander of the X": X is a body of people
_MEMBERS_BEFORE = re.compile(
    r"\b(?:members?|fighters|militants|militiamen|supporters|commanders?|spokes(?:man|woman|person)|"
    r"faction|wing|elements|cadres?|recruits)\s+$"
)
# "cadres of Chand-led Maoist party": an organisation's head noun after the name
_ORG_HEAD_AFTER = re.compile(r"\s+(?i:party|group|faction|movement|front|outfit|organi[sz]ation)\b")
_NAME_WORD_BEFORE = re.compile(r"(?<![.!?]\s)(?<=\s)[A-Z][\w'’-]+\s+$")
# A name with "Army"/"Forces" stays a place candidate: actors.py reads the bare "Army" of "the Becerra Front of the
# National Liberation Army of Colombia" as a military target unless a place span covers it (its generic rows have
# no inside-a-name guard; GTD dev row, session 10: reported, not fixed here)
_ARMED_WORD = re.compile(r"\b(?:Army|Forces)\b")
# "the Indigenous People of Biafra", "the Communist Party of India": a body of people "of" somewhere is an
# organisation ("Army"/"Forces" stay, as above)
_ORG_OF = re.compile(r"(?i)\b(?:people|peoples|movement|party|front|council|committee|organi[sz]ation)\s+of\s")


def _bad_name(name: str) -> bool:
    words = re.split(r"[\s-]+", name)
    first = words[0].lower().strip("’'")
    if name.endswith(("'s", "’s")) or words[-1].lower() in _ORG_LAST or _ORG_OF.search(name):
        return True
    return first in _STOP or (len(name) < 3 and not any(ch.isdigit() for ch in name)) or name.isdigit()


# ---- headlines: Title Case ("Gunmen Attack Christian Villages In Plateau") and ALL-CAPS ("GUNMEN KILL 12 IN KADUNA
# VILLAGE") lines capitalise their cue words and common words alike, so the sentence rules read no place there. Such a
# line is rewritten at the same length (cue, feature, month and common headline words in lower case; in capitals
# every other word as "Kaduna") and read again; only places after a cue ("In", "Near", "At", "Outside", "North Of")
# are kept. A name read from capitals is a guess at its case: it counts only where the gazetteer knows it (the
# geocoder leaves an unknown name unresolved, never placed).
_HEADLINE_CUES = frozenset(
    {"in", "near", "at", "outside", "around", "inside", "north", "south", "east", "west", "northeast", "northwest",
     "southeast", "southwest", "outskirts", "vicinity", "countryside", "between", "close"}
)  # fmt: skip
_HEADLINE_PHRASE = re.compile(
    r"(?:in|near|at|outside|around|inside|close to|(?:north|south|east|west)(?:east|west)?\s+of|(?:on|in) the outskirts"
    r" of|outskirts of|in the vicinity of|(?:in the )?countryside of|between)\s"
)
_HEADLINE_SMALL = frozenset("a an and the of in on at to for by with from as near or".split())
_ALPHA_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@functools.cache
def _headline_lower() -> frozenset[str]:
    with resources.files("eventcoder.data").joinpath("places_headline_words.txt").open(encoding="utf-8") as fh:
        words = {w.strip().lower() for w in fh if w.strip() and not w.startswith("#")}
    feats = {w for f in FEATURES.split("|") for w in re.split(r"[\s?-]+", f) if w.isalpha()}
    return frozenset(words | feats | _HEADLINE_CUES | {str(w) for w in _STOP} | _LEAD_NOT | {"of", "to", "the"})


def _headline_kind(line: str) -> str | None:
    """"caps" for a line all in capitals, "title" for one whose words are nearly all capitalised, else None."""
    words = _ALPHA_WORD.findall(line)
    if len(words) < 4:
        return None
    if all(not w.isalpha() or w.isupper() for w in words) and sum(len(w) for w in words) >= 12:
        return "caps"
    big = [w for w in words if w.lower() not in _HEADLINE_SMALL]
    if len(big) >= 3 and sum(w[0].isupper() for w in big) >= 0.85 * len(big) and not line.rstrip().endswith("."):
        return "title"
    return None


def _sentence_form(line: str, kind: str) -> str:
    lower = _headline_lower()

    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        if w.lower() in lower:
            return w.lower()
        if kind == "caps":
            t = w[:1] + w[1:].lower()
            return t if len(t) == len(w) else w
        return w

    out = _ALPHA_WORD.sub(fix, line)
    return out if len(out) == len(line) else line


def _headline_places(text: str, offset: int, taken: set[object]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        kind = _headline_kind(line) if re.search(r"\b(?:In|Near|At|Outside|IN|NEAR|AT|OUTSIDE)\b", line) else None
        if kind is None:
            continue
        form = _sentence_form(line, kind)
        for c in find_places(form, start + offset, _headline=False):
            ps, pe = int(c["phrase_start"]) - offset - start, int(c["phrase_end"]) - offset - start  # type: ignore[call-overload]
            if c.get("feature") == "dateline" or c["start"] in taken or not _HEADLINE_PHRASE.match(form[ps:pe] + " "):
                continue
            s, e = int(c["start"]) - offset - start, int(c["end"]) - offset - start  # type: ignore[call-overload]
            name = str(c["text"])
            if (
                re.search(r"\s(?:a|an)\s", form[ps:s])  # "In A Terrorist Attack", "Near a Public Center"
                or name.split()[0].lower() in _group_adjectives()  # "At Indonesian Border", "In Rohingya Camps"
                or (kind == "title" and re.fullmatch(r"[A-Z]{2,6}", line[s:e]))  # "At CRPF Camp": an acronym
            ):
                continue
            c = dict(c, phrase=line[ps:pe], headline=kind)
            if kind == "title":
                c["text"] = line[s:e]
            out.append(c)
            taken.add(c["start"])
    return out


_RANK: dict[str | None, float] = {
    "village": 0,
    "villages": 0,
    "neighbourhood": 1,
    "neighborhood": 1,
    "quarter": 1,
    "suburb": 1,
    "town": 0,
    "city": 1,
    "mount": 1,
    "mountain": 1,
    "airport": 1,
    "checkpoint": 1,
    "market": 1,
    None: 2,
    "dateline": 5,
    "area": 2,
    "district": 3,
    "sub-district": 3,
    "subdistrict": 3,
    "lga": 3,
    "local government area": 3,
    "county": 3,
    "countryside": 3,
    "region": 4,
    "province": 4,
    "governorate": 4,
    "state": 4,
    "road": 2.6,
    "street": 2.6,
    "highway": 2.6,
    "avenue": 2.6,
    "square": 2.6,
    "hotel": 2.6,
    "roundabout": 2.6,
    "compound": 2.6,
    "station": 2.6,
    "bridge": 2.6,
    "hospital": 2.6,
    "school": 2.6,
    "mosque": 2.6,
    "church": 2.6,
}


@functools.cache
def _actor_patterns() -> tuple[re.Pattern[str], ...]:
    """The name patterns of ``data/actors.csv`` (groups, missions, forces), as actors.py compiled them (its word
    boundaries hold at both ends of a whole name): a name they match whole is no place."""
    from eventcoder.extraction.actors import _builtin_rows

    return tuple(row.pattern for row in _builtin_rows() if "{" not in row.pattern.pattern)


@functools.cache
def _actor_bank() -> RegexBank:
    return RegexBank(_actor_patterns())


def _actor_name(name: str) -> bool:
    """"a MINUSMA convoy", "fighters of Harakat al-Shabaab": an actor's name or alias is no place (session 7).
    Only the patterns whose required words the name holds are tried (same verdict, see _regexbank)."""
    pats = _actor_patterns()
    return any(pats[i].fullmatch(name) for i in _actor_bank().candidates(name, keep=False))


# "In Achin district of Nangarhar province": the "X <feature>" written before an "of Y" phrase is the place, Y its
# container (the sentence's capitalised "In" reads no relation, so only "of Y" was found)
_X_OF_RX = re.compile(
    r"(?<![\w'’-])(?:(?:In|At|On|Near|Inside|Outside)\s+)?(?P<n>" + NAME + r")\s+" + _DIRADJ + r"(?P<f>" + FEATURES
    + r")\s+$"
)
# "Location: Mir Ali, North Waziristan" (NGO bulletins): the line names the place, then its containers
_LOCATION_RX = re.compile(r"^[ \t]*(?:Location|Locality|Place)[ \t]*:[ \t]*(?P<n>" + NAME + r")", re.MULTILINE)
# "between Kunduz city and Khanabad": the second place of a "between" phrase
_AND_RX = re.compile(
    r"\s+(?:and|&)\s+(?:the\s+)?(?:(?:village|town|city|district)\s+of\s+)?(?P<n>" + NAME + r")(?:\s+(?P<f>"
    + FEATURES + r")\b)?"
)
# "between the Ntambwe and Kamalu communities": names of groups of people, no second place
_PEOPLE_AFTER = re.compile(r"\s+(?:communities|community|tribes|tribe|clans|clan|groups|militias|families|factions)\b")
_TOWN_PART_FEATURES = ("neighbourhood", "neighborhood", "quarter", "suburb")
_DISTRICT_FEATURES = ("district", "sub-district", "subdistrict", "lga", "local government area", "county")


_COMPASS_ABBR = re.compile(r"(?:[NS][EW]?|[EW])\.?\s+(?=[A-Z])")  # "S Iraq", "NE Syria", "N. Nigeria"


def _whole_country(name: str) -> bool:
    return any(s == 0 and e == len(name) for s, e, _w, _i in find_countries(name))


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# "abducted 87 people from Kajuru village", "from the village of X": the village taken from is the scene
_FROM_VILLAGE_RX = re.compile(
    r"\bfrom\s+(?:(?:the\s+)?(?P<f1>village|town)\s+of\s+(?P<n1>" + NAME + r")|(?P<n2>" + NAME + r")\s+(?P<f2>village|town)\b)"
)
# "near Niger's border with Mali": on X's side of the border, in X (the other country only says which border)
_BORDER_RX = re.compile(
    r"\b(?:near|along|on|at|close to)\s+(?:the\s+)?(?P<x>" + NAME + r")['’]s\s+(?:[a-z]+ern\s+)?border\s+with\s+(?P<y>" + NAME + r")"
)
# "a ship off Hodeidah", "off the port city of Aden": at sea near the town, only in a passage speaking of a vessel or
# the sea ("sealed off Tikrit" is none); geocode reads the same words (session 11)
_OFF_RX = re.compile(r"\boff\s+(?:the\s+(?:port\s+|coastal\s+)?(?:city|town)\s+of\s+)?(?P<x>" + NAME + r")")
MARITIME = re.compile(r"(?i)\b(?:ships?|vessels?|tankers?|boats?|freighters?|warships?|ferry|ferries|dhows?|sea|"
                      r"coast|maritime|navy|naval)\b")  # fmt: skip
# "about 10 km from Gao on the road to Ansongo": the distance is from Gao, the place the event lies near; the road's far
# end is no place of the event (session 11, fresh F40)
_KM_FROM_RX = re.compile(
    r"\b(?:\d+|a few|several|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]*(?:km|kilomet(?:er|re)s?|miles?)"
    r"\s+from\s+(?:the\s+)?(?:(?:village|town|city)\s+of\s+)?(?P<x>" + NAME + r")"
)
# "along the Bama–Konduga road": a dash between two names (no hyphen inside one) is a road between two towns,
# near the first ("on the road between X and Y" reads the same)
_DASH_ROAD_RX = re.compile(
    r"(?<![\w'’ʿ-])(?P<x>" + NAME + r")[ \t]?[–—][ \t]?(?P<y>" + NAME + r")\s+(?:road|highway|axis|route)\b"
)


def find_places(text: str, offset: int = 0, _headline: bool = True) -> list[dict[str, object]]:
    """Place phrases in ``text``, most specific first (villages/towns before districts/provinces). A phrase never
    runs across a blank line ("in Syria\n\nTAMPA, Fla."), and a wire dateline is the last resort: taken only
    when nothing else in ``text`` names a place."""
    cands: list[dict[str, object]] = []
    datelines: list[dict[str, object]] = []
    pos = 0
    for stop, nxt in [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)] + [(len(text), len(text))]:
        _places_in(text[pos:stop], offset + pos, _headline, cands, datelines)
        pos = nxt
    # de-duplicate identical spans, keep first
    seen: set[tuple[object, object]] = set()
    out = []
    for c in cands:
        k = (c["start"], c["end"])
        if k in seen or _actor_name(str(c["text"])):
            continue
        seen.add(k)
        out.append(c)
    if not out:
        out = [c for c in datelines if not _actor_name(str(c["text"]))]

    def key(c: dict[str, object]) -> tuple[float, int]:
        r = float(_RANK.get(c["feature"], 2))  # type: ignore[call-overload]
        if c.get("parent"):
            r = max(float(c.get("child_rank", 2)) + 0.5, 1.5)  # type: ignore[arg-type]
        if c.get("headline"):
            r += 0.25  # a place the sentences name at the same rank comes first
        return r, int(c["start"])  # type: ignore[call-overload]

    return sorted(out, key=key)


def _places_in(
    text: str, offset: int, _headline: bool, cands: list[dict[str, object]], datelines: list[dict[str, object]]
) -> None:
    """The place phrases of one paragraph (no blank line inside), appended to ``cands``; its dateline to ``datelines``."""
    for m in _PLACE_RX.finditer(text):
        rel = _REL.get(m.group("rel").lower(), "in")
        parent = None
        if m.group("n1"):
            name_g, feat = "n1", m.group("f1").lower()
        elif m.group("n2"):
            name_g, feat = "n2", m.group("f2").lower()
            if m.group("p2"):
                parent = "p2"
        else:
            name_g, feat = "n3", ""
        name = _clean_name(m.group(name_g))
        ns = m.start(name_g)
        if (side := _COMPASS_ABBR.match(name)) and _whole_country(name[side.end() :]):
            ns += side.end()  # "S Iraq", "NE Syria": a headline's "southern Iraq", a side of the country (session 9)
            name = name[side.end() :]
        poss = re.match(r"(?P<x>.+?)['’]s\s+(?P<y>\S.*)$", name)
        if poss:  # "Kirkuk's Hawija": Hawija, inside Kirkuk
            px = poss.group("x")
            if not _bad_name(px):
                cands.append(
                    {
                        "text": px, "start": ns + offset, "end": ns + len(px) + offset, "relation": "in",
                        "feature": None, "phrase": text[m.start() : m.end()], "phrase_start": m.start() + offset,
                        "phrase_end": m.end() + offset, "parent": True, "child_rank": 3,
                    }
                )  # fmt: skip
            ns += poss.start("y")
            name = poss.group("y")
        elif name.endswith(("'s", "’s")) and name_g == "n2":  # "Raqqa's eastern countryside"
            name = name[:-2]
        if _bad_name(name) or (name_g in ("n2", "n3") and _adjective_before_people(name, text, ns + len(name))):
            continue
        if m.group("rel") == "of" and name_g == "n3" and (
            _FORCE_AFTER.match(text, ns + len(name))
            or (
                (text[m.end("rel") : ns].strip() == "the" or _ORG_HEAD_AFTER.match(text, ns + len(name)))
                and _MEMBERS_BEFORE.search(text, max(0, m.start() - 40), m.start())
            )
            or (
                text[m.end("rel") : ns].strip() == "the"
                and _NAME_WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
                and not _ARMED_WORD.search(name)
            )
        ):
            # "a checkpoint of the Hashed al-Shaabi paramilitary forces", "12 members of the Volunteers for the
            # Defence of the Homeland": whose it is or whom they belong to, not where ("members of the X" or "of X
            # party" only: "Community members of Kannauj clashed" are from a place); "Defence of the Homeland":
            # "of the" after a capitalised word is inside a longer name
            continue
        if name_g == "n3" and _modifier_after_article(name, text[m.end("rel") : ns], text[ns + len(name) :]):
            continue
        last = name.split()[-1].lower() if " " in name else ""
        if not feat and last in _FEATURE_WORDS:
            feat = last  # "Airport Road", "Andalus Square"
        phrase_start, phrase_end = m.start(), m.end()
        if (
            m.group("rel").lower() in _VERB_RELS
        ):  # "attacked the village of X": the phrase starts after the verb
            phrase_start = (
                m.end("rel") + len(text[m.end("rel") : m.end()]) - len(text[m.end("rel") : m.end()].lstrip())
            )
        if feat in ("outskirts",):
            rel = "outskirts"
        elif feat == "countryside":
            rel = "countryside"
        elif feat in ("neighbourhood", "neighborhood", "quarter", "suburb") and parent:
            rel = "neighbourhood_of"
        as_container: dict[str, object] = {}
        x_of = (
            _X_OF_RX.search(text, max(0, m.start() - 120), m.start())
            if m.group("rel") == "of" and name_g in ("n2", "n3") and not m.group("p2")
            else None
        )
        if x_of is not None:
            xn = _clean_name(x_of.group("n"))
            xf = x_of.group("f").lower()
            if not _bad_name(xn) and not _actor_name(xn) and xn.lower() not in _FEATURE_WORDS:  # "50 Street area of"
                xs = x_of.start("n")
                cands.append(
                    {
                        "text": xn, "start": xs + offset, "end": xs + len(xn) + offset,
                        "relation": "neighbourhood_of" if xf in _TOWN_PART_FEATURES else "in", "feature": xf,
                        "phrase": text[xs:phrase_end], "phrase_start": xs + offset, "phrase_end": phrase_end + offset,
                    }
                )  # fmt: skip
                # Y is X's container: ranked after X, its own comma chain read as before
                as_container = {"parent": True, "child_rank": _RANK.get(xf, 2)}  # "Kakapora area of Pulwama"
                if xf in _TOWN_PART_FEATURES:
                    feat = "city"
        if m.group("rel").lower() in ("between", "on the road between"):
            am = _AND_RX.match(text, m.end())
            if am is not None:
                yn = _clean_name(am.group("n"))
                if not (
                    _bad_name(yn)
                    or _actor_name(yn)
                    or _PEOPLE_AFTER.match(text, am.end())
                    or _adjective_before_people(yn, text, am.start("n") + len(yn))  # "and Indian troops"
                ):
                    ys = am.start("n")
                    cands.append(
                        {
                            "text": yn, "start": ys + offset, "end": ys + len(yn) + offset, "relation": "near",
                            "feature": (am.group("f") or "").lower() or None, "phrase": text[phrase_start : am.end()],
                            "phrase_start": phrase_start + offset, "phrase_end": am.end() + offset, "parent": True,
                            "child_rank": 4.5,  # after X and the containers the text names: near X, or Y's container
                        }
                    )  # fmt: skip
        cands.append(
            {
                "text": name,
                "start": ns + offset,
                "end": ns + len(name) + offset,
                "relation": rel,
                "feature": feat or None,
                "phrase": text[phrase_start:phrase_end],
                "phrase_start": phrase_start + offset,
                "phrase_end": phrase_end + offset,
                **as_container,
            }
        )
        # "in Nowhatta neighbourhood, Srinagar, Jammu and Kashmir": the names after the commas contain it
        chain_pos = m.end()
        child_rank = (
            1
            if feat
            in (
                "neighbourhood",
                "neighborhood",
                "quarter",
                "suburb",
                "area",
                "road",
                "street",
                "square",
                "market",
                "roundabout",
                "avenue",
                "highway",
            )
            or not feat
            else 3
        )
        if feat in ("village", "town", "city", None, ""):
            child_rank = 0 if feat in ("village", "town") else 2
        if as_container:  # "Thalang district of Phuket, Thailand": the chain after Y contains Y
            child_rank = max(child_rank, int(_RANK.get(xf, 2)) + 1)
        for hop in range(3):
            cm = re.match(r",\s+(?P<n>" + NAME + r")", text[chain_pos:])
            if not cm:
                break
            cn = _clean_name(cm.group("n"))
            cs = chain_pos + cm.start("n")
            chain_pos += cm.end()
            if _bad_name(cn):
                continue
            cands.append(
                {
                    "text": cn,
                    "start": cs + offset,
                    "end": cs + len(cn) + offset,
                    "relation": "in",
                    "feature": None,
                    "phrase": text[phrase_start:chain_pos],
                    "phrase_start": phrase_start + offset,
                    "phrase_end": chain_pos + offset,
                    "parent": True,
                    "child_rank": child_rank + hop,
                }
            )
        if parent:
            pn = _clean_name(m.group(parent))
            if not _bad_name(pn):
                ps = m.start(parent)
                cands.append(
                    {
                        "text": pn,
                        "start": ps + offset,
                        "end": ps + len(pn) + offset,
                        "relation": "in",
                        "feature": "city"
                        if feat in ("neighbourhood", "neighborhood", "quarter", "suburb")
                        else None,
                        "phrase": text[phrase_start:phrase_end],
                        "phrase_start": phrase_start + offset,
                        "phrase_end": phrase_end + offset,
                        "parent": True,
                        # "the Catatumbo region of Norte de Santander": after the region itself, not before a
                        # town the text names first ("in the rural area of Tibu, in the Catatumbo region of ...")
                        # (session 13, fresh12 F7)
                        "child_rank": 4
                        if feat in ("region", "province", "governorate", "state")
                        else 3
                        if feat
                        in (
                            "district",
                            "sub-district",
                            "subdistrict",
                            "lga",
                            "local government area",
                            "county",
                        )
                        else 1,
                    }
                )
    for m in _LOCATION_RX.finditer(text):
        name = _clean_name(m.group("n").split("\n")[0])
        ns = m.start("n")
        if _bad_name(name) or _actor_name(name):
            continue
        chain_pos = ns + len(name)
        cands.append(
            {
                "text": name, "start": ns + offset, "end": ns + len(name) + offset, "relation": "in",
                "feature": None, "phrase": name, "phrase_start": ns + offset, "phrase_end": ns + len(name) + offset,
            }
        )  # fmt: skip
        for hop in range(3):
            cm = re.match(r",[ \t]*(?P<n>" + NAME + r")", text[chain_pos:])
            if not cm:
                break
            cn = _clean_name(cm.group("n").split("\n")[0])
            cs = chain_pos + cm.start("n")
            chain_pos = cs + len(cn)
            if not _bad_name(cn):
                cands.append(
                    {
                        "text": cn, "start": cs + offset, "end": cs + len(cn) + offset, "relation": "in",
                        "feature": None, "phrase": text[ns:chain_pos], "phrase_start": ns + offset,
                        "phrase_end": chain_pos + offset, "parent": True, "child_rank": 2 + hop,
                    }
                )  # fmt: skip
    for m in _FROM_VILLAGE_RX.finditer(text):
        g = "n1" if m.group("n1") else "n2"
        name, ns = _clean_name(m.group(g)), m.start(g)
        if not _bad_name(name):
            cands[:] = [c for c in cands if c["start"] != ns + offset]  # "of Kajuru" read without its feature
            cands.append(
                {
                    "text": name, "start": ns + offset, "end": ns + len(name) + offset, "relation": "in",
                    "feature": (m.group("f1") or m.group("f2")).lower(), "phrase": text[m.start() : m.end()],
                    "phrase_start": m.start() + offset, "phrase_end": m.end() + offset,
                }
            )  # fmt: skip
    for m in _BORDER_RX.finditer(text):
        x, xs = _clean_name(m.group("x")), m.start("x")
        if not _bad_name(x):
            cands.append(
                {
                    "text": x, "start": xs + offset, "end": xs + len(x) + offset, "relation": "near", "feature": None,
                    "phrase": text[m.start() : m.end()], "phrase_start": m.start() + offset, "phrase_end": m.end() + offset,
                }
            )  # fmt: skip
    if "off" in text and MARITIME.search(text):
        for m in _OFF_RX.finditer(text):
            x, xs = _clean_name(m.group("x")), m.start("x") + offset
            same = [c for c in cands if c["start"] == xs]
            for c in same:  # "off the port city of Aden": read "of Aden" already, at sea near it all the same
                c["relation"] = "near"
            if not same and not _bad_name(x):
                # last (ranked as a container) and exact names only ("at_sea"): a place the text names on land is the
                # better evidence, as when geocode read "off" only once every name had failed (ACLED dev: "off
                # <hamlet>" spelt like a town abroad put a Jaffna event in India)
                cands.append({"text": x, "start": xs, "end": xs + len(x), "relation": "near", "feature": None,
                              "phrase": text[m.start() : m.end()], "phrase_start": m.start() + offset,
                              "phrase_end": m.end() + offset, "parent": True, "child_rank": 4.5, "at_sea": True})  # fmt: skip
    if "from" in text:
        for m in _KM_FROM_RX.finditer(text):
            x, xs = _clean_name(m.group("x")), m.start("x") + offset
            same = [c for c in cands if c["start"] == xs]
            for c in same:  # "20 km from the town of Gusau": read "of Gusau" already; near it all the same
                c["relation"] = "near"
            if not same and not _bad_name(x):
                cands.append({"text": x, "start": xs, "end": xs + len(x), "relation": "near", "feature": None,
                              "phrase": text[m.start() : m.end()], "phrase_start": m.start() + offset,
                              "phrase_end": m.end() + offset})  # fmt: skip
    for m in _DASH_ROAD_RX.finditer(text):
        x, y = _clean_name(m.group("x")), _clean_name(m.group("y"))
        if _bad_name(x) or _bad_name(y):
            continue
        xs, ys = m.start("x") + offset, m.start("y") + offset
        cands[:] = [c for c in cands if c["start"] not in (xs, ys)]  # "on the Bama": no place at Bama itself
        common = {"relation": "near", "feature": None, "phrase": text[m.start() : m.end()],
                  "phrase_start": m.start() + offset, "phrase_end": m.end() + offset}  # fmt: skip
        cands.append({"text": x, "start": xs, "end": xs + len(x), **common})
        cands.append({"text": y, "start": ys, "end": ys + len(y), **common, "parent": True, "child_rank": 4.5})
    for m in _LEAD_RX.finditer(text):
        name = _clean_name(m.group("n"))
        ns = m.start("n")
        if _bad_name(name) or name.lower() in _LEAD_NOT or name.split()[0].lower() in _LEAD_NOT_FIRST or any(c["start"] == ns + offset for c in cands):
            continue
        cands.append(
            {
                "text": name, "start": ns + offset, "end": ns + len(name) + offset, "relation": "in",
                "feature": None, "phrase": text[m.start() : ns + len(name)], "phrase_start": m.start() + offset,
                "phrase_end": ns + len(name) + offset,
            }
        )  # fmt: skip
    for hs, he in dateline_heads(text):
        n = _dateline_place(text[hs:he])
        if not _bad_name(n.title()) and n not in ("UPDATE", "BREAKING", "URGENT"):
            datelines.append(
                {
                    "text": n.title(), "start": hs + offset, "end": hs + len(n) + offset,
                    "relation": "near",  # where the reporter files from: at most near the event (never precision 1)
                    "feature": "dateline", "phrase": n, "phrase_start": hs + offset, "phrase_end": hs + len(n) + offset,
                }
            )  # fmt: skip
    if _headline:
        cands += _headline_places(text, offset, {c["start"] for c in cands})


def dateline_heads(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans (absolute) of the wire datelines opening lines of ``text[start:end]`` ("KABUL, Afghanistan",
    "PESHAWAR, Pakistan, Feb 19 (Reuters)"): the place filed from, never the event's own place."""
    out = []
    for m in _DATELINE_HEAD_RX.finditer(text, start, len(text) if end is None else end):
        place = _dateline_place(m.group("h"))
        if len(place) >= 3 and place.isupper():
            out.append((m.start("h"), m.end("h")))
    return out


def _dateline_place(head: str) -> str:
    """The place of a dateline head: "KABUL" of "KABUL, Afghanistan", "MOGADISHU" of "MOGADISHU (AP)"."""
    return re.split(r"[,(]", head, maxsplit=1)[0].strip()


# "shot dead nine men from Punjab province", "labourers hailing from Sindh province", "natives of Herat province":
# where the people come from, not where the event is (session 13, fresh12 F1)
_PEOPLE_FROM = re.compile(
    r"(?i)\b(?:(?:men|women|people|persons|labou?rers|workers|passengers|travell?ers|pilgrims|migrants|"
    r"tourists|students|traders|drivers)\s+(?:\w+\s+)?from|hail(?:s|ed|ing)\s+from|natives?\s+of|"
    r"residents?\s+of)\s+(?:the\s+)?$"
)


def find_admin_hint(text: str) -> tuple[str, int, int] | None:
    """First "X province/governorate/state" phrase: (X, start, end); not one that says where people come from."""
    for m in _ADMIN_RX.finditer(text):
        n = _clean_name(m.group("n"))
        if m.group("f") in ("province", "governorate", "state") and not _bad_name(n):
            if n.lower().startswith(("islamic", "the")):
                continue
            if _PEOPLE_FROM.search(text, max(0, m.start() - 40), m.start()):
                continue
            if any(c[2] == n for c in find_countries(n)):
                continue  # "the northwestern Mexican state of Sinaloa": a nationality, not a state (session 13)
            return n, m.start("n"), m.start("n") + len(n)
    return None


@functools.cache
def _admin_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    keys: dict[str, str] = {}
    for r in _data_rows("admin1_countries.csv") + _data_rows("country_cues.csv"):
        for n in r["names"].split(";"):
            if n:
                keys.setdefault(n.lower(), r["iso"])
    alts = sorted(keys, key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])", re.IGNORECASE
    ), keys


def find_admin_countries(text: str, offset: int = 0) -> list[tuple[int, int, str, str]]:
    """(start, end, as written, iso) for province / major-town names that fix the country
    (``data/admin1_countries.csv``: conflict-country provinces and a few unambiguous cities;
    ``data/country_cues.csv``: states, cities, parties and terms specific to one country)."""
    rx, keys = _admin_regex()
    # "RAIPUR, Apr 27 (PTI) -": the agency in a dateline's brackets (Press Trust of India) is no cue (PTI, the
    # Pakistani party); the dateline's own place stays one (session 11, fresh F20)
    return [
        (m.start() + offset, m.end() + offset, m.group(1), keys[m.group(1).lower()])
        for m in rx.finditer(text)
        if (m.group(1)[0].isupper() or m.group(1).lower() in _lower_cues())
        and not (text[m.end() : m.end() + 1] == ")"
                 and _AGENCY_BEFORE.search(text, text.rfind("\n", 0, m.start()) + 1, m.start()))  # fmt: skip
    ]


# a wire dateline up to its agency's bracket: "RAIPUR, Apr 27 (", "PESHAWAR (" (with or without the dash after)
_AGENCY_BEFORE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z.'’ -]{2,}(?:,[^\n()]{0,60})?[ \t]*\($")


@functools.cache
def _lower_cues() -> frozenset[str]:
    """Cue words written in lower case in the data ("upazila", "hartal"): they match in any case."""
    return frozenset(
        n for r in _data_rows("country_cues.csv") for n in r["names"].split(";") if n and n[0].islower()
    )
