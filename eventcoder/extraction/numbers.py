"""Numbers, quantities and casualty figures in conflict reports.

- ``parse_number(s)``: "1,200", "12", "twelve", "twenty-five", "a hundred", "two dozen",
  "three hundred and fifty" -> int; vague words ("tens", "dozens", "several") -> None.
- ``find_quantities(text)``: every count with its qualifier ("at least 40" -> 40 at_least,
  "dozens" -> None vague). "5 4-wheel drive vehicles" is 5: a number glued to a hyphenated word
  ("4-wheel", "25-year-old"), an ordinal, a time ("14:00"), a decimal or a percentage is not a count.
- ``find_casualties(text)``: killed / wounded / killed_or_wounded / vehicles_destroyed for ONE incident
  passage, each with the span of text that states it.

Casualty rules (SCHEMA.md, VOCABULARY.md):

- Clauses add up within the passage: "killing 3 soldiers and 2 civilians" -> 5; "Two were killed. A
  civilian was also killed" -> 3. Figures introduced by "including", "among them", "of whom" are
  subsets and are not added; so are "two of the three killed" and casualties that a protest or a
  reprisal refers to ("in retaliation for strikes that killed 41", "protested the killing of 20").
  "A total of N" and a closing "N fatalities." tally are used only when no other clause gives the
  figure. "The death toll has risen to N" replaces the partial figures (the latest cumulative count).
  A smaller figure told after the toll as where some of the same dead died ("Eight people lost their lives ...
  Five died on the spot") or as the bodies recovered ("killing 9 ... rescuers pulled six bodies") is a part of it
  (not when it says "more", "also", "another"). A closing "N fatalities and M injured." is the tally of both
  fields; "(total of N fatalities)" is a total; "Other sources report that N ..." is a second toll (the lowest).
  A conflict's running toll ("the unrest has left more than 300 dead") is background beside the event's own.
  "lynched" tells a death, read only when nothing else gives the dead (a tally "2 fatalities." wins).
- "killing and injuring 150", "40 killed and wounded", "N casualties" are one combined figure:
  ``killed_or_wounded``, never ``killed``.
- "a/an/one <person> was killed", "killed a soldier" count 1. A definite or named singular victim
  ("the driver was killed", "X was shot and killed") counts 1 only when no numbered clause gives that
  field (it is usually the same victim told twice).
- Perpetrators: +1 killed only when the text says the attacker died: "killing himself", "blew himself
  up", "the bomber was (also) killed", "in addition to the assailant". "including the bomber" adds
  nothing (already in the figure). A suicide attack alone adds nothing.
- Vague words ("several", "dozens", "a number of", ...) leave the count null with qualifier ``vague``;
  a vague clause next to a numbered one turns the qualifier into ``at_least``.
- "no casualties", "no one was hurt", "did not cause any casualties", "no one was killed or injured" ->
  killed 0 and wounded 0 (exact); "no deaths", "killing no one" -> killed 0; "no injuries", "without
  injuring anyone" -> wounded 0. "X was unharmed / was not harmed / was released unharmed" -> 0 and 0 for
  each field the passage says nothing else about; "X survived the attack" -> killed 0. A device found and
  defused, intercepted or shot down, or one that failed to go off, with no detonation, gunfire, fight or
  victim told in the passage -> 0 and 0 (the evidence is the "defused" phrase). A stated figure wins over
  a zero statement; nothing else ever yields a 0 (an unstated figure stays null).
- "a guard was hurt ... and later died", "initially wounded before succumbing": killed.
- "In addition to six assailants, N were killed": the assailants are added; "killing himself ... N were
  killed, including ... the assailant" counts the assailant once.
- ``qualifier`` describes the killed figure when there is one, else the combined one, else wounded:
  exact < at_least < more_than < approximate < vague when clauses are summed (the weakest wins).
- Nothing stated: every count None and qualifier ``none_stated``. Nothing is invented.
- Ranges keep the lowest figure with qualifier at_least ("5-6", "between 5 and 10"); written dates
  ("On 8 May 2020, five ...") are never counts; animals, things and times are not victims.
- Spans (``killed_span`` ...) cover the whole statement ("5 people were killed"); several summed
  clauses give the span from the first to the last. ``clauses`` lists each statement read.

Limits: a victim noun phrase is at most ~9 words between the number and the verb; coreference across
sentences is not resolved ("The victims were injured" after "two teenagers" stays vague), and a figure
given "across the attacks" is returned as stated (splitting it is the extractor's job).

The word lists (qualifiers, vague words, vehicle nouns) are in ``eventcoder/data/numbers_lexicon.csv``.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

from eventcoder.extraction import _re as re  # re with compiled patterns kept on disk (cold start)
from eventcoder.extraction._regexbank import Branches, find_after, gate, rfind_before

__all__ = [
    "Casualties",
    "Quantity",
    "find_casualties",
    "find_quantities",
    "parse_number",
]

Qualifier = Literal["exact", "approximate", "at_least", "more_than", "vague"]
CasualtyQualifier = Literal["exact", "approximate", "at_least", "more_than", "vague", "none_stated"]
Span = tuple[int, int]

# The number words written out, one to ten, and with the vague counts: the one alternation every regex here and
# in taxonomy.py that lists them uses (put inside a group: "(?:\d+|" + COUNT_WORDS + ")")
NUMBER_WORDS_TO_TEN = "one|two|three|four|five|six|seven|eight|nine|ten"
COUNT_WORDS = NUMBER_WORDS_TO_TEN + "|several|some|many"


class SpanIndex:
    """Spans kept sorted by start, asked "does any span overlap [lo, hi)?" without scanning them all.

    ``hits(lo, hi)`` is ``any(a < hi and lo < b for a, b in spans)``: only spans starting before ``hi`` and
    within the longest span's length of ``lo`` can reach past ``lo``, so a long report's thousands of spans
    cost a bisection and a few steps per question, not a scan (the same answer). Special cases:
    ``hits(x, x + 1)`` is ``a <= x < b``; ``hits(x, x)`` is ``a < x < b``.
    """

    __slots__ = ("_starts", "_ends", "_longest")

    def __init__(self, spans: list[Span] | None = None) -> None:
        ordered = sorted(spans or ())
        self._starts = [a for a, _ in ordered]
        self._ends = [b for _, b in ordered]
        self._longest = max((b - a for a, b in ordered), default=0)

    def append(self, span: Span) -> None:
        a, b = span
        i = bisect.bisect_right(self._starts, a)
        self._starts.insert(i, a)
        self._ends.insert(i, b)
        self._longest = max(self._longest, b - a)

    def hits(self, lo: int, hi: int) -> bool:
        starts, ends = self._starts, self._ends
        floor = lo - self._longest  # a span starting at or before this ends at or before lo
        i = bisect.bisect_left(starts, hi) - 1
        while i >= 0 and starts[i] > floor:
            if ends[i] > lo:
                return True
            i -= 1
        return False

    def __bool__(self) -> bool:
        return bool(self._starts)


# --------------------------------------------------------------------------- number words

_UNITS = {
    "zero": 0,
    "no": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_NUMBER_WORDS = [w for w in (*_UNITS, *_TENS, *_SCALES, "dozen") if w != "no"]
_DIGITS_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


def parse_number(s: str) -> int | None:
    """A count written in digits or English words -> int; None for vague or unparseable text.

    "1,200" 1200, "twenty-five" 25, "a hundred" 100, "two dozen" 24, "a dozen" 12,
    "three hundred and fifty" 350, "1.5 million"/"tens"/"dozens"/"several" None.
    """
    s = s.strip().lower().replace("\u2011", "-").replace("\u2010", "-")
    if not s:
        return None
    if _DIGITS_RE.fullmatch(s):
        return int(s.replace(",", ""))
    tokens = [t for t in re.split(r"[\s\-]+", s) if t]
    if not tokens:
        return None
    if tokens[0] in ("a", "an"):
        if len(tokens) < 2 or tokens[1] not in (*_SCALES, "dozen"):
            return None
        tokens[0] = "one"
    total = 0
    current = 0
    prev = ""  # kind of the previous token: unit, teen, tens, hundred, scale, dozen, and
    seen = False
    for tok in tokens:
        if tok == "and":
            if prev not in ("hundred", "scale"):
                return None
            prev = "and"
            continue
        if _DIGITS_RE.fullmatch(tok):
            if seen:
                return None
            current = int(tok.replace(",", ""))
            prev, seen = "digits", True
            continue
        if tok in _UNITS and tok != "no":
            v = _UNITS[tok]
            if prev in ("unit", "teen", "digits") or (prev == "tens" and v >= 10):
                return None
            current += v
            prev, seen = ("teen" if v >= 10 else "unit"), True
        elif tok in _TENS:
            if prev in ("unit", "teen", "tens", "digits") or current % 100:
                return None
            current += _TENS[tok]
            prev, seen = "tens", True
        elif tok == "hundred":
            if prev in ("hundred", "dozen") or current % 100 == 0 and current:
                return None
            current = (current or 1) * 100
            prev, seen = "hundred", True
        elif tok in ("thousand", "million"):
            if prev == "scale":
                return None
            total += (current or 1) * _SCALES[tok]
            current = 0
            prev, seen = "scale", True
        elif tok in ("dozen", "dozens"):
            if tok == "dozens" or prev in ("dozen", "hundred", "scale"):
                return None
            current = (current or 1) * 12
            prev, seen = "dozen", True
        else:
            return None
    if not seen or prev == "and":
        return None
    return total + current


# --------------------------------------------------------------------------- lexicon and patterns


@functools.cache
def _lexicon() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {"qualifier": {}, "vague": {}, "vehicle": {}, "series_noun": {}}
    with (resources.files("eventcoder") / "data" / "numbers_lexicon.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["kind"], {})[row["phrase"].lower()] = row["value"]
    return out


def _alt(phrases: list[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


_WORDNUM = (
    rf"(?:(?:a|an)\s+(?=(?:hundred|thousand|dozen|million)\b))?"
    rf"(?:{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})"
    rf"(?:(?:[\s\-]+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+)"
    rf"(?:{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})){{0,7}}"
)
_DIGNUM = (
    r"(?<![\d.,:/])(?<![A-Za-z]-)(?:\d{1,3}(?:,\d{3})+|\d+)"
    r"(?![\d:/%]|\.\d|,\d|-[A-Za-z]|\s*-\s*(?:year|month|week|day)s?\b|(?:st|nd|rd|th)\b)"
    r"(?:\s+(?:hundred|thousand|million|dozen)\b)?"
)
# numbers followed by these are measures, not counts of people or vehicles
_NOT_COUNT = (
    r"(?!\s*(?:days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|seconds?|km|kms|kilomet(?:er|re)s?|"
    r"miles?|met(?:er|re)s?|m\b|kg|kilos?|tons?|tonnes?|percent|per\s+cent|%|am\b|pm\b|a\.m\.|p\.m\.|"
    r"o['’]clock|GMT|UTC|local\s+time|hrs\b|feet|ft|rounds?|shells?|mortars?|rockets?|missiles?|bullets?)\b)"
)


@dataclass(frozen=True)
class Quantity:
    """A count in the text: ``value`` None for vague quantities ("dozens", "several")."""

    value: int | None
    qualifier: Qualifier
    start: int
    end: int
    text: str


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = _lexicon()
    quals = _alt(list(lex["qualifier"]))
    vague = _alt(list(lex["vague"]))
    number = rf"(?:{_DIGNUM}|\b{_WORDNUM}\b)"
    rng = rf"(?:\s*(?:-|–|to|or)\s*{number})?"
    quantity = (
        rf"(?:\b(?P<qual>{quals})\s+)?(?P<num>{number}){rng}{_NOT_COUNT}"
        rf"|\b(?P<between>between)\s+(?P<lo>{number})\s+and\s+{number}{_NOT_COUNT}"
        rf"|\b(?P<vague>{vague})\b(?!\s+(?:of\s+)?(?:\d|(?:{'|'.join(_NUMBER_WORDS)})\b))"
    )
    return {
        "quantity": re.compile(quantity, re.IGNORECASE),
        "qual_word": re.compile(rf"^(?:{quals})$", re.IGNORECASE),
    }


def _qualifier_of(word: str | None) -> Qualifier:
    if not word:
        return "exact"
    key = re.sub(r"\s+", " ", word.lower())
    return _lexicon()["qualifier"].get(key, "approximate")  # type: ignore[return-value]


def find_quantities(text: str) -> list[Quantity]:
    """Every count in ``text`` with its qualifier, ordered by start."""
    out: list[Quantity] = []
    for m in _patterns()["quantity"].finditer(text):
        if m.group("vague"):
            out.append(Quantity(None, "vague", m.start(), m.end(), m.group(0)))
            continue
        if m.group("between"):
            value = _to_int(m.group("lo"))
            if value is None:
                continue
            out.append(Quantity(value, "at_least", m.start(), m.end(), m.group(0)))
            continue
        value = _to_int(m.group("num"))
        if value is None:
            continue
        qual = _qualifier_of(m.group("qual"))
        if m.end() > m.end("num") and qual == "exact":
            qual = "at_least"  # a range "5-6": the lowest figure (ACLED), at least
        out.append(Quantity(value, qual, m.start(), m.end(), m.group(0)))
    return out


def _to_int(raw: str) -> int | None:
    raw = re.sub(r"\s+", " ", raw.strip())
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+) (hundred|thousand|million|dozen)", raw, re.IGNORECASE)
    if m:
        mult = 12 if m.group(2).lower() == "dozen" else _SCALES[m.group(2).lower()]
        return int(m.group(1).replace(",", "")) * mult
    return parse_number(raw)


# --------------------------------------------------------------------------- casualties


@dataclass(frozen=True)
class Casualties:
    """Casualty figures of one incident passage with the spans (offsets into the text given)."""

    killed: int | None = None
    wounded: int | None = None
    killed_or_wounded: int | None = None
    qualifier: CasualtyQualifier = "none_stated"
    killed_span: Span | None = None
    wounded_span: Span | None = None
    killed_or_wounded_span: Span | None = None
    vehicles_destroyed: int | None = None
    vehicles_span: Span | None = None
    clauses: tuple[Clause, ...] = field(default=(), compare=False, repr=False)
    # a total told across a series ("one of three related attacks ... 14 were killed across the attacks"):
    # (incidents, killed total, wounded total); killed / wounded then hold this incident's share
    series: tuple[int, int | None, int | None] | None = None
    # what the text says of each total: (incidents it is told across, the total's qualifier) for killed and
    # wounded ("16 injured across three of the attacks ... at least 20 killed across all four": (4, at_least),
    # (3, exact)), and whether the number of incidents is itself a lower bound ("one of at least nine attacks")
    series_killed: tuple[int, Qualifier] | None = None
    series_wounded: tuple[int, Qualifier] | None = None
    series_at_least: bool = False


@dataclass(frozen=True)
class Clause:
    """One casualty statement: ``kind`` killed / wounded / kow / vehicles; ``value`` None when vague."""

    kind: str
    value: int | None
    qualifier: Qualifier
    start: int
    end: int
    role: str = "count"  # count, singular (definite victim), zero, total, toll, body, perpetrator
    statement: Span | None = None  # the whole statement ("5 people were killed"), for evidence spans

    @property
    def evidence(self) -> Span:
        return self.statement or (self.start, self.end)


_KILL_PASSIVE = (
    r"killed|dead|died|die|perished|martyred|slain|executed|beheaded|murdered|assassinated|massacred|"
    r"(?:embraced|attained|achieved)\s+(?:shahadat|shahadah|shahadath|martyrdom)|"  # ISPR: "two soldiers embraced shahadat"
    r"slaughtered|lost\s+(?:their|his|her)\s+li(?:ves|fe)|succumbed|drowned|burned\s+to\s+death|"
    r"[a-z]+(?:ed|en|t)\s+to\s+death|shot\s+dead|"
    r"gunned\s+down|deaths?|fatalities|fatality|bodies|corpses|killings|found\s+dead|found\s+deceased|deceased|"
    # "two children were burnt alive"; "kiled"/"killled": misspellings of killed in wire copy ("lynched" is not
    # here: in ACLED's notes a mob's beating, the deaths told apart, "lynched two youths ... one person died")
    r"burn(?:ed|t)\s+alive|kiled|killled|"
    # Sahel communiques: "14 soldiers fallen in the field of honour" (the army's own dead)
    r"(?:fallen|fell)\s+(?:in\s+(?:the\s+)?(?:field\s+of\s+honou?r|action|combat|battle)|on\s+the\s+(?:battlefield|front))"
)
# the armies' words for the enemy dead after a counted noun ("8 terrorists neutralised on the enemy side", "eight
# khwarij were sent to hell"): read only after a number (a singular "the threat was neutralised" is no death)
_OFFICIAL_KILLED = r"neutrali[sz]ed|sent\s+to\s+hell"
_WOUND_PASSIVE = (
    # "inured in the blast": a misspelling of injured ("inured to" is the word itself)
    r"injured|wounded|hurt|maimed|injuries|injury|hospitali[sz]ed|inured(?!\s+to\b)|"
    # "at least nine people are being treated at the cottage hospital for gunshot wounds"
    r"treated(?=\s+(?:at|in)\s+(?:the\s+|a\s+)?(?:[\w'’\-]+\s+){0,3}?(?:hospital|clinic)s?\b|\s+for\s+(?:gunshot|bullet|machete|stab|blast|shrapnel|burn)\b)|"
    r"(?:sustained|suffered|received|sustaining|suffering)\s+(?:[a-z\-]+\s+){0,2}?(?:injuries|wounds|injury|burns)"
)
_KOW_PASSIVE = (
    r"(?:killed|dead|died)\s*(?:,|and|or|and/or|/)\s*(?:(?:also|were|was|seriously|critically)\s+)?(?:injured|wounded|hurt)|"
    r"(?:injured|wounded|hurt)\s*(?:,|and|or|and/or|/)\s*(?:(?:also|were|was|people|others)\s+)?(?:killed|dead)|"
    r"casualties|casualty"
)
_AUX = (
    r"were|was|are|is|have|has|had|been|being|be|got|get|reportedly|also|allegedly|later|all|both|"
    r"subsequently|confirmed|reported|believed|said|to|either|initially|instantly|immediately|"
    r"critically|seriously|severely|fatally|lightly|slightly|gravely|mortally|badly|"
    r"consequently|eventually|then|thereby|further|apparently|likely|who|each|that|which|"
    r"in\s+total|in\s+all|altogether|reported\s+to\s+have\s+been"
)
_MANNER = (
    r"(?:(?:shot|stabbed|hacked|beaten|burn(?:ed|t)|gunned\s+down|hit|struck|abducted|kidnapped|tortured|attacked|"
    r"assaulted|lynched|captured|robbed|raped|dragged|taken|ambushed|targett?ed|tied|blindfolded)"
    # "was shot in the legs and injured": where the shot struck, then the casualty verb
    r"(?:\s+(?:in|on)\s+(?:the|his|her|their)\s+(?:head|chest|back|legs?|arms?|stomach|abdomen|neck|face|feet|foot|"
    r"hands?|shoulders?|thighs?|knees?))?"
    r"\s*,?\s+(?:and\s+)?)+"
)
_STOP = (
    r"were|was|are|is|have|has|had|and|or|but|while|who|which|that|after|when|as|by|"
    r"killed|killing|dead|died|injured|injuring|wounded|wounding|hurt|including|with|during|"
    r"leaving|left|where|following|before|since|until|because|among|lost|suffered|sustained|perished|"
    r"succumbed|remain|remained|remains|got|said|says|reportedly|martyred|slain|executed|murdered|"
    r"assassinated|beheaded|massacred|slaughtered|maimed|hospitali[sz]ed|deaths?|fatalities|fatality|casualties|"
    r"injuries|bodies|then|also|both|all|each|but|were|whom|whose|being|not|no|hit|struck|targeted|"
    r"attacked|exploded|detonated|went|opened|fired|stormed|ambushed|clashed|raided|seized|captured|"
    r"arrested|took|carried|launched|used|destroyed|burned|set|blew|embraced|attained|neutrali[sz]ed|fallen|fell"
)
# "During an intense exchange of fire in North Waziristan, two soldiers died": an article after a preposition opens
# the object of an adverbial, no count of one (it read 3 dead; session 7 review)
_NOT_AFTER_PREP = "".join(rf"(?<!\b{p}\s)" for p in ("during", "amid", "amidst", "after", "following"))
# "Sepoy Ali, 24, died while three terrorists were killed", "Ali, aged 24, was shot": an age, no count (read 24 dead)
_NOT_AGE = r"(?!(?<=[A-Za-z],\s)\d{1,2}\s*,)(?<!\baged\s)(?<!\bage\s)"
_PERP = r"(?:suicide\s+)?(?:bomber|attacker|assailant|perpetrator|gunman|shooter|terrorist|militant|assassin)s?(?:\s*\([^()]{0,60}\))?"


# the zero statements: "no casualties", "nobody was hurt", "without causing injuries", "X was unharmed", ... One
# alternation, kept as its branches: find_casualties runs only those whose own literal test passes on the passage
# (``_regexbank.Branches``, same matches; the whole alternation's test passed on most passages: "no")
_ZERO_BRANCHES = (
    r"\bno\s+(?:(?:reported|immediate|known|confirmed|other|further|serious|human|civilian|major)\s+)*"
    r"(?P<z>casualties|casualty|causalities|injuries|injury|deaths|death|fatalities|fatality|loss\s+of\s+(?:human\s+)?life|losses|victims|harm)\b"
    # "No casualty figures were available": the figures are unknown, not zero
    r"(?!\s+(?:figures?|counts?|tolls?|numbers?|details?|estimates?|information)\b)",
    # "No one was seriously hurt": minor injuries are not ruled out; no figure, but no count either
    r"\b(?:no\s+one|nobody|none)\s+(?:else\s+)?(?:(?:was|were|has\s+been|have\s+been|had\s+been|reportedly|is|are)\s+)*"
    r"(?P<z12>(?:seriously|badly|critically|severely|gravely)\s+(?:hurt|injured|wounded|harmed))\b",
    r"\b(?:no\s+one|nobody|none|no\s+people|no\s+person|no\s+civilians?|no\s+soldiers?)\s+(?:else\s+)?(?:(?:was|were|has\s+been|have\s+been|had\s+been|reportedly|is|are|of\s+them)\s+)*(?P<z2>(?:killed|hurt|injured|wounded|harmed|died)(?:\s*(?:,|or|and|nor)\s*(?:killed|hurt|injured|wounded|harmed))?)\b",
    r"\bwithout\s+(?:causing\s+|any\s+)*(?P<z3>casualties|injuries|deaths|fatalities)\b",
    r"\b(?P<z4>unharmed|unhurt|unscathed|escaped\s+injury|(?:was|were)\s+not\s+(?:(?:physically|seriously)\s+)?(?:harmed|hurt|injured))\b",
    # "did not cause any casualties", "without injuring anyone", "killing no one", "no reports of injuries"
    r"\b(?:did\s+not|didn['’]t)\s+(?:cause|result\s+in|lead\s+to|inflict)\s+(?:any\s+)?(?:(?:human|civilian)\s+)?"
    r"(?P<z5>casualties|injuries|deaths|fatalities|loss\s+of\s+(?:human\s+)?life)\b",
    r"\bwithout\s+(?P<z6>killing|injuring|hurting|harming|wounding)\s+(?:anyone|anybody|any\s+(?:one|people|persons?|civilians?))\b",
    r"\b(?P<z7>killing|injuring|hurting|harming|wounding)\s+(?:no\s*-?\s*one|nobody|none)\b",
    r"\bno\s+reports?\s+of\s+(?:any\s+)?(?P<z8>casualties|injuries|deaths|fatalities)\b",
    # "the two survived the attempt on their lives": nobody died, injuries unknown
    r"\b(?P<z9>survived)\s+(?:the|an?|this)\s+(?:[\w\-]+\s+){0,2}?(?:attack|attempt|assault|blast|explosion|bombing|shooting|ambush)s?\b",
    # "the blast caused only material damage", "damage was only material": nobody was killed or hurt
    r"(?<!\bnot\s)\bonly\s+(?:(?:some|minor|slight|limited)\s+)?(?P<z10>(?:material|property)\s+(?:damage|losses))\b",
    r"\b(?P<z11>(?:the\s+)?(?:damage|losses)\s+(?:was|were)\s+(?:only|purely|merely)\s+material)\b",
)


@functools.cache
def _cas_patterns() -> dict[str, re.Pattern[str]]:
    # each pattern behind its literal test: one that cannot match a text is not run on it (same results);
    # "zero" branch by branch (see _ZERO_BRANCHES)
    out = {k: gate(v) for k, v in _raw_cas_patterns().items()}
    zero: Any = Branches(_ZERO_BRANCHES, re.IGNORECASE, re.compile)  # finditer only, as find_casualties uses it
    out["zero"] = zero
    return out


def _raw_cas_patterns() -> dict[str, re.Pattern[str]]:
    lex = _lexicon()
    quals = _alt(list(lex["qualifier"]))
    vague = _alt([v for v in lex["vague"] if v not in ("some", "few")])
    number = rf"(?:{_DIGNUM}|\b{_WORDNUM}\b)"
    # a lighter number for the second half of ranges and list tails (keeps the compiled patterns small;
    # the values are re-read with the full pattern)
    words = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    # (?!\d): never the "2" of "about 20 kilometres" (the whole number is a distance)
    lite = rf"(?:\d[\d,]*(?!\d)|\b(?:{words})(?:[\s\-](?:{words}))?\b)"
    head = r"\b(?:(?:(?:a\s+|the\s+)?total\s+of|all|all\s+the|all\s+of\s+the|the|another|other|a\s+further|further|its|their|his|her)\s+)?"
    num = (
        rf"{head}(?:\b(?:{quals})\s+)?(?:\b(?:{vague})\b|\bbetween\s+{lite}\s+and\s+{lite}|{_NOT_AGE}(?:{number})(?:\s*(?:-|–|to|or)\s*(?-i:(?![A-Z])){lite}|\s+and\s+(?:up\s+to|as\s+many\s+as)\s+{lite})?|{_NOT_AFTER_PREP}\b(?:a|an|another|both|a\s+second|a\s+third)\b)"
        rf"{_NOT_COUNT}"
    )
    num_lite = (
        rf"{head}(?:\b(?:{quals})\s+)?(?:\b(?:{vague})\b|{lite}(?:\s*(?:-|–|to|or)\s*(?-i:(?![A-Z])){lite})?|\b(?:a|an|another|both)\b)"
        rf"{_NOT_COUNT}"
    )
    np = rf"(?:(?:\s+and(?=\s+(?!(?:{_STOP}|a|an|the|his|her|their|another|{NUMBER_WORDS_TO_TEN}|other|others|several|dozens|many)\b)[a-z][a-z\-]+(?:\s+(?!(?:{_STOP})\b)[a-z][a-z\-]+)?(?:\s+of\s+(?:the\s+)?(?-i:[A-Z])[^,;.]{{0,80}}?)?(?:\s+(?:were|was|killed|injured|wounded|dead|died)\b))|\s+and(?=\s+(?-i:[A-Z][\w\-]*\s+[a-z])))?\s+(?!(?-i:{_STOP})\b|(?:{words})\b)(?:[A-Za-z]|\d+-[A-Za-z])(?:[\w'’\-/]|\.(?=\w)){{0,40}}(?:\s*\([^()]{{0,60}}\)|\s*\[[^\[\]]{{0,60}}\])?){{0,9}}?"
    # possessive: a noun phrase never gives words back, so lists of numbers cannot backtrack exponentially
    np_greedy = np[:-1] + "+"
    item = rf"{num}{np_greedy}"
    items = rf"{item}(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+)(?!(?:{_STOP})\b){num_lite}{np_greedy}){{0,5}}"
    aux = rf"(?:(?:{_AUX}|(?!(?:only|early|family|rally|ally|italy|july)\b)[a-z]+ly)\s+){{0,6}}"
    verb_k = r"neutrali[sz](?:ed|ing|es|e\b)|eliminat(?:ed|ing)|liquidat(?:ed|ing)|killing|killed|kills|kill|executing|executed|beheading|beheaded|murdering|murdered|assassinating|assassinated|massacring|massacred|slaughtering|slaughtered|shooting\s+dead|shot\s+dead|gunning\s+down|gunned\s+down|"
    # the present of a note's headline style ("Gunmen assassinate a colonel", "Police gun down two robbers")
    verb_k += r"assassinates?|murders|beheads?|guns?\s+down|shoots?\s+dead|claim(?:ed|ing|s)?\s+the\s+li(?:ves|fe)\s+of|t(?:ook|aking|akes)\s+the\s+li(?:ves|fe)\s+of|(?:result|resulting|resulted|caus(?:ed|ing|es)?|lead(?:ing|s)?\s+to|led\s+to)\s+(?:in\s+)?the\s+(?:deaths?|martyrdom)\s+of|burn(?:ed|t|ing)\s+alive|kiled|killled"
    # "resulting in the martyrdom of an officer ... and the wounding of another soldier" (Iraqi official phrasing)
    verb_w = r"(?<!\band\s)(?<!\bor\s)(?:the\s+)?(?:wounding|injuring)\s+of|wounding|wounded|wounds|injuring|injured|injures|maiming|maimed"
    verb_kow = r"(?:killing|killed|kills|kill)\s*(?:,|and|or|and/or|/)\s*(?:wounding|injuring|wounded|injured|wounds|injures|wound|injure)|(?:wounding|injuring|wounded|injured)\s*(?:,|and|or|and/or|/)\s*(?:killing|killed)"
    verb_leave = r"leaving|left|leaves|leave|causing|caused|causes|cause|resulting\s+in|resulted\s+in|reporting|reported|with|claiming|claimed|inflicting|inflicted"
    after_np_k = rf"(?:\s+(?:people\s+|persons\s+)?(?:{_KOW_PASSIVE}|{_KILL_PASSIVE}|{_WOUND_PASSIVE}))"
    cnp = (
        r"(?<![\w'’\-])(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Oo]ne|[Aa]nother)\s+|(?=[A-Z])|(?=\d)|"
        r"(?=(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b))"
        rf"(?:(?!(?:{_STOP})\b)[\w'’\-]{{1,40}}\s+){{0,4}}?(?!(?:{_STOP})\b)[\w'’\-]{{1,40}}(?![\w'’\-])(?:\s*\([^()]{{0,60}}\))?"
    )
    return {
        "and_items": re.compile(rf"\s+and\s+(?P<items>{items})", re.IGNORECASE),
        # "The three assailants set off their vests and were killed": the counted subject of a first verb phrase
        # (a past-tense verb, its object) that the casualty verb shares
        "passive_vp": re.compile(
            rf"(?P<items>{item})\s+(?P<vp>(?-i:[a-z]+ed|set|blew|threw|fought|ran|shot|stole|hit|struck)\s+"
            rf"(?:(?!(?:and|but|or|while|who|which|when|after|where|as)\b)[\w'’\-]+\s+){{0,5}}?)and\s+(?:were|was)\s+"
            rf"(?:(?:all|also|later|subsequently|reportedly|both)\s+)*(?P<verb>{_KILL_PASSIVE}|{_WOUND_PASSIVE})\b",
            re.IGNORECASE,
        ),
        "cnp_split": re.compile(r"\s*,\s*and\s+|\s*,\s*|\s+and\s+"),
        # "killing and injuring approximately 150"
        "kow_active": re.compile(
            rf"\b(?=(?:{verb_kow})){_TO_VERB}(?:{verb_kow})\s+(?P<items>{items})", re.IGNORECASE
        ),
        # "killing 5 soldiers and 2 civilians", "wounding 12"
        "active": re.compile(
            rf"\b(?=(?:{verb_k}|{verb_w})){_TO_VERB}{_NOT_PASSIVE}(?P<verb>{verb_k}|{verb_w})\s+(?!(?:in|on|at|by|during|after|when|and|or|as)\b(?!\s+least\b))(?P<items>{items})(?!\s+(?:were|was)\b)",
            re.IGNORECASE,
        ),
        # "leaving 40 dead", "causing 3 deaths", "left 40 killed and wounded"
        "leave": re.compile(
            rf"\b(?:{verb_leave})\s+(?:behind\s+)?(?P<items>{num}{np}){after_np_k}\b", re.IGNORECASE
        ),
        # "5 people were killed", "two others injured", "40 killed and wounded", "3 deaths"
        "passive": re.compile(
            rf"(?P<items>{items})(?P<app>\s*,[^,;.]{{1,140}}?,|\s*,\s*(?:including|among\s+them|among\s+whom)\b[^;.]{{1,220}}?,|\s*\([^()]{{1,120}}\)|\s+(?:who|that)\s+(?:were|had\s+been)\s+[^,;.]{{1,80}}?|\s+(?:including|among\s+them)\s+[^,;.]{{1,80}}?|\s*,\s*(?:including|among\s+them|mostly|mainly|all|both|most|belonging|affiliated|linked|loyal|said|believed|suspected|reportedly|[a-z]+ing|[a-z]+ed)\b[^,;.]{{1,140}}?)?"
            # "Four police officers, including the district chief, and five assailants were killed"
            rf"(?:(?<=,)\s+and\s+(?P<more>{items}))?"
            rf"\s+(?P<aux>{aux})(?P<manner>{_MANNER})?(?P<verb>{_KOW_PASSIVE}|{_KILL_PASSIVE}|{_WOUND_PASSIVE}|{_OFFICIAL_KILLED})\b",
            re.IGNORECASE,
        ),
        # "a mob lynched a suspected thief", "two men were lynched": a death, read only when nothing else in the
        # passage gives the dead ("lynched two youths ... one person died": 1; role "lynch", see _field)
        "lynch": re.compile(
            rf"(?<!\bnearly\s)(?<!\balmost\s)\blynch(?:ed|ing)\s+(?P<items>{items})"
            rf"|(?P<items2>{items})\s+(?:(?:were|was|had\s+been|have\s+been|has\s+been|reportedly|allegedly|later)\s+)+"
            r"lynched\b",
            re.IGNORECASE,
        ),
        "bodies": re.compile(
            rf"\b(?:(?P<items>{num})\s+)?(?:(?:dead|lifeless|decomposed|mutilated|bullet-riddled|beheaded)\s+)?bod(?:y|ies)\b(?:\s+of\s+(?:the\s+(?:remaining|other)\s+)?(?P<of>{items}))?"
            rf"(?:\s+(?:(?:was|were|had\s+been|have\s+been|has\s+been|later|also|subsequently|eventually)\s+)+(?:found|discovered|recovered|retrieved)\b)?",
            re.IGNORECASE,
        ),
        # "the killing of 4 soldiers", "the death of 3 and the injury of 5": numbered only
        "noun_of": re.compile(
            rf"\b(?P<verb>(?:deaths?|killings?)\s+(?:and|or)\s+(?:the\s+)?(?:injury|injuries|wounding|injuring)|"
            rf"deaths?|killings?|injury|injuries|wounding)\s+of\s+(?P<items>{items})",
            re.IGNORECASE,
        ),
        # "Killed: 4", "Fatalities: 3", "Wounded - 7"
        "label": re.compile(
            rf"\b(?P<verb>killed|dead|deaths|fatalities|wounded|injured|injuries|casualties)\s*[:=\-–]\s*(?P<items>{num})",
            re.IGNORECASE,
        ),
        # "inflicting casualties among them", "killing those in it", "killing all on board"
        "vague_cas": re.compile(
            r"\b(?P<verb>(?:inflict|caus|caus)(?:ing|ed|e|es)\s+(?:heavy\s+|many\s+|several\s+|some\s+)?(?:casualties|losses)|"
            r"(?:killing|killed|wounding|wounded|injuring|injured)\s+(?:all\s+)?(?:those|everyone|all)\s+(?:in|on|inside|aboard)\b|"
            r"(?:killing|killed)\s+(?:all\s+)?(?:its|their|the)\s+(?:crews?|occupants|passengers|members|personnel))",
            re.IGNORECASE,
        ),
        "toll": re.compile(
            rf"\b(?:(?:death|casualty|fatality)\s+(?:toll|count|figure)\b(?:(?:\s+[\w'’\-]+){{0,16}}?\s+(?:to|of|at|is|was|reached|stood\s+at|stands\s+at|rose\s+to|climbed\s+to)|(?:\s+[\w'’\-]+){{17,32}}?\s+(?:risen|rose|climbed|jumped|increased)\s+to)"
            # "The toll of the attack ... has risen to 24", "the number of injured ... has risen to 5": a revised count
            rf"|toll\b(?:\s+[\w'’\-]+){{0,32}}?\s+(?:risen|rose|rises|climbed|climbs|increased|jumped)\s+to"
            rf"|number\s+of\s+(?:people\s+|persons\s+|those\s+)?(?P<nverb>killed|dead|deaths|fatalities|injured|wounded|injuries|casualties)\b"
            rf"(?:\s+[\w'’\-]+){{0,32}}?\s+(?:risen|rose|rises|climbed|climbs|increased|jumped)\s+to)"
            rf"\s+(?P<items>(?:(?:{quals})\s+)?{number}){_NOT_COUNT}",
            re.IGNORECASE,
        ),
        # a coder's note: "Unknown fatalities coded as 10", "Fatalities coded as 0 (VoJ reported 1)",
        # "(coded as 7 fatalities total)": the figure the note settles on
        "coded": re.compile(
            rf"\b(?P<verb>fatalit\w*|deaths?)\b[^.;()]{{0,40}}?\b(?:coded|recorded)\s+(?:as|to)\s+(?P<items>{number})(?!\s*[-–/])"
            rf"|\bcoded\s+as\s+(?P<items2>{number})\s+(?P<verb2>fatalities|deaths|killed)\b",
            re.IGNORECASE,
        ),
        # "the driver was killed", "Patra was shot and killed", "he was injured". A name is at most 61
        # characters: unbounded, each capital inside one long hyphenated token ("Aa-al-Aa-al-...") re-read the
        # rest of the token (quadratic: 20 kB took 5 s)
        "singular": re.compile(
            rf"(?:\b(?P<det>(?i:the|his|her|their|its|he|she))\b|\b(?P<name>[A-Z][\w'’\-]{{0,60}})|^(?P<name0>[A-Z][\w'’\-]{{0,60}}))"
            rf"(?P<np>(?:\s+(?!(?:{_STOP})\b)[\w'’\-]+){{0,4}}?)(?P<app>\s*,[^,;.]{{1,120}}?,|\s*,\s+(?:a|an|the)\s+[^,;.]{{1,120}}?)?,?\s+(?:was|has\s+been|had\s+been|is)\s+"
            rf"(?:(?:reportedly|also|later|allegedly|subsequently|critically|seriously|severely|fatally|lightly|slightly|mortally|badly|then|eventually|summarily|abducted\s*,|allegedly)\s+)*"
            rf"(?:{_MANNER})?(?P<verb>{_KILL_PASSIVE}|{_WOUND_PASSIVE})\b"
        ),
        # "Sepoy Adeel Khan (age 24, resident of Karak), having fought gallantly, embraced shahadat": the official
        # and militant idiom for the speaker's own dead, told of one named person in the active voice
        "martyr_singular": re.compile(
            r"\b(?P<name>[A-Z][\w'’\-]{0,60})(?P<np>(?:\s+[\w'’\-]+){0,4}?)(?:\s*\([^()]{0,120}\))?"
            r"(?:\s*,[^,;.]{1,120}?,)?\s+(?:has\s+|had\s+|have\s+)?(?:embraced|attained|achieved)\s+"
            r"(?:shahadat|shahadah|shahadath|martyrdom)\b"
        ),
        # "The informer and his two sons were killed", "Mkhize and his assistant were killed"
        "conjoined": re.compile(
            rf"(?P<items>{cnp}(?:\s*,\s*{cnp}){{0,4}}\s*,?\s+and\s+{cnp})"
            rf"\s+(?:were|have\s+been|had\s+been|are)\s+(?:(?:all|both|reportedly|also|later|subsequently|[a-z]+ly)\s+)*"
            rf"(?:{_MANNER})?(?P<verb>{_KILL_PASSIVE}|{_WOUND_PASSIVE})\b"
        ),
        # "shoot the driver dead", "beat to death two more extortionists"
        "active_dead": re.compile(
            rf"\b(?:shot|shoot|shoots|shooting|beat|beats|beating|stabbed|stabbing|hacked|hacking|stoned|stoning|"
            rf"lynched|lynching|burned|burning|burnt|clubbed|hanged|hanging|tortured|torturing)\s+"
            rf"(?:(?:to\s+death|dead)\s+(?P<items>{items})|(?P<items2>{items}|(?:the|his|her)\s+[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)\s+(?:to\s+death|dead)\b)",
            re.IGNORECASE,
        ),
        # "The man died and the woman was injured", "the driver later succumbed to his injuries"
        "singular_died": re.compile(
            rf"\b(?P<det>[Tt]he|[Aa]n?|[Hh]is|[Hh]er)\s+(?P<np>(?!(?:{_STOP})\b)[\w\-]+(?:\s+(?!(?:{_STOP})\b)[\w\-]+){{0,3}}?)"
            rf"\s+(?:(?:later|subsequently|also|eventually|then)\s+)?(?P<verb>died|succumbed|perished)\b"
        ),
        # "killing a woman and her son", "killed the father and two of his sons"
        "active_conj": re.compile(
            rf"\b(?=(?:{verb_k}|{verb_w})){_TO_VERB}(?P<verb>{verb_k}|{verb_w})\s+(?P<items>{cnp}(?:\s*,\s*{cnp}){{0,4}}\s*,?\s+and\s+{cnp})"
        ),
        "active_pron": re.compile(
            rf"\b(?=(?:{verb_k}|{verb_w})){_TO_VERB}(?P<verb>{verb_k}|{verb_w})\s+(?P<pron>him|her|them|both|all\s+of\s+them)\b(?!\s+(?:and|,))"
        ),
        # "killed Sammy Lagario", "shot and killed the governor"
        "active_singular": re.compile(
            rf"\b(?=(?:{verb_k}|{verb_w})){_TO_VERB}(?P<verb>{verb_k}|{verb_w})\s+(?:(?:the|his|her|their|a|an)\s+)?(?:(?!(?:{_STOP}|in|at|on|near|of|and|or|by|two|three|four|five|six|seven|eight|nine|ten|several|some|many)\b)[a-z][\w\-]*\s+){{0,3}}"
            rf"(?P<name>(?:(?:al|el|ad|ar|as|ash|at|az|ul|bin|ibn|abu|u|de|da|van|von)[\-\s])?[A-Z][\w'’\-]*(?:\s+(?:(?:al|el|bin|ibn|abu|de|da)[\-\s])?[A-Z][\w'’\-]*)*)"
        ),
        # "shot and killed the director of ...", "killed his brother"
        "active_the": re.compile(
            rf"\b(?=(?:{verb_k}|{verb_w})){_TO_VERB}(?P<verb>{verb_k}|{verb_w})\s+(?:the|his|her)\s+(?P<np>(?!(?:{_STOP}|two|three|four|five|six|seven|eight|nine|ten)\b|\d+\b(?!-))[a-z\d][\w\-]*(?:\s+(?!(?:{_STOP})\b)[a-z][\w\-]*){{0,2}})\b",
            re.IGNORECASE,
        ),
        "perp_plural": re.compile(
            r"\b(?:blew|blowing|blow|blown)\s+themselves\s+up\b|\b(?:killing|killed)\s+(?:only\s+)?themselves\b"
            r"|\bdetonat(?:ed|ing)\s+themselves\b",
            re.IGNORECASE,
        ),
        "perp_self": re.compile(
            r"\b(?:killing|killed|kills)\s+(?:himself|herself)\b|\b(?:blew|blowing|blows)\s+(?:himself|herself)\s+up\b"
            # an inghimasi "clashed with them until he was killed" (claims): the attacker died too
            r"|\buntil\s+(?:he|she)\s+was\s+killed\b"
            rf"|\bin\s+addition\s+to\s+the\s+(?:{_PERP}|driver|suicide\s+driver)",
            re.IGNORECASE,
        ),
        # "In addition to six assailants, one soldier and two civilians were killed"
        "perp_in_addition": re.compile(
            rf"\bin\s+addition\s+to\s+(?:the\s+)?(?P<items>{num}\s+(?:[\w\-]+\s+){{0,2}}?{_PERP})\s*,"
            rf"(?P<rest>[^.;]{{0,200}}?)\b(?P<verb>{_KOW_PASSIVE}|{_KILL_PASSIVE}|{_WOUND_PASSIVE})\b",
            re.IGNORECASE,
        ),
        "perp_passive": re.compile(
            rf"\b(?:the|one)\s+(?:(?:\w+\s+){{0,2}}){_PERP}\s+(?:(?:was|were|is|also|later|had|has|been|reportedly)\s+)+(?:{_MANNER})?(?P<verb>killed|died|dead|shot\s+dead|injured|wounded)\b",
            re.IGNORECASE,
        ),
        "zero": re.compile("|".join(_ZERO_BRANCHES), re.IGNORECASE),
        "subset_region": re.compile(
            r"\b(?:including|includes|among\s+them|among\s+whom|of\s+whom|of\s+them|mostly|mainly|namely|consisting\s+of|comprising)\b"
            r"(?:(?!\b(?:were|was|are|is|have|has|had|killing|wounding|injuring)\b)[^,;.()]|\([^()]*\))*",
            re.IGNORECASE,
        ),
        "subset": re.compile(
            r"(?:including|includes|among\s+(?:them|whom|those|the\s+\w+)|of\s+whom|of\s+them|of\s+which|namely)\s*[,:]?\s*(?:the\s+)?$",
            re.IGNORECASE,
        ),
        "vehicles_active": re.compile(
            rf"\b(?:destroy(?:ed|ing|s)?|burn(?:ed|t|ing|s)?|torch(?:ed|ing|es)?|set\s+(?:fire\s+to|ablaze)|setting\s+(?:fire\s+to|ablaze)|blew\s+up|blowing\s+up|blown\s+up|(?:the\s+)?destruction\s+of)\s+(?P<items>{items})",
            re.IGNORECASE,
        ),
        "vehicles_passive": re.compile(
            rf"(?P<items>{items})\s+(?:(?:were|was|have\s+been|has\s+been|had\s+been|also|reportedly|completely|totally)\s+)+(?:destroyed|burned|burnt|torched|set\s+ablaze|set\s+on\s+fire|blown\s+up)\b",
            re.IGNORECASE,
        ),
        "vehicle_noun": re.compile(rf"\b(?:{_alt(list(lex['vehicle']))})(?:s|es)?\b", re.IGNORECASE),
        "item": re.compile(rf"(?P<num>{num})(?P<np>{np_greedy})", re.IGNORECASE),
        "vague_word": re.compile(
            rf"^(?:(?:(?:a\s+|the\s+)?total\s+of|all|the)\s+)?(?:{vague})$", re.IGNORECASE
        ),
    }


# an auxiliary that makes the verb after it passive ("who were killed"); without one, "who shot dead a man" is active
_PASSIVE_AUX = re.compile(r"\b(?:were|was|are|is|been|be|being|got|get|had|have|has)\b", re.IGNORECASE)
_ACTIVE_OBJECT = re.compile(
    r"\s+(?:(?:at\s+least|more\s+than|about|some|nearly)\s+)?(?:\d|the\b|a\b|an\b|his\b|her\b|their\b|two\b|three\b|four\b|five\b|"
    r"six\b|seven\b|eight\b|nine\b|ten\b|one\b|several\b|dozens\b|[A-Z])"
)


def _not_person(np: str) -> bool:
    """True when the noun phrase after a number or "a"/"the" names a thing, an animal or a time."""
    np = re.sub(r"^\s*(?:the|a|an|his|her|their|its|one|another)\s+", " ", np, flags=re.IGNORECASE)
    np = re.sub(r"\([^()]*\)", " ", np)
    cut = _HEAD_END.search(np)
    words = re.findall(r"\w[\w\-]*", np[: cut.start()] if cut else np)
    if not (cut and cut.group(0) in ("a", "an", "the")):  # "a knife stabbed a reporter": a verb
        while len(words) > 1 and _TRAILING_PARTICIPLE.fullmatch(words[-1]):
            words.pop()  # "two IEDs planted (on the road)": the noun is before the participle
    if not words:
        return False
    if _QUANTITY_NOUN.fullmatch(words[0]) or any(_TIME_WORD.fullmatch(w) for w in words):
        return True
    return bool(_NOT_PERSON.fullmatch(words[-1]) or _ANIMALS.fullmatch(words[-1]))


_HEAD_END = re.compile(
    r"\b(?:in|at|of|from|near|on|inside|outside|along|to|for|during|close|who|that|which|a|an|the|"
    r"with|by|as|against|between|over|into|broke|erupted|ensued|occurred|[a-z]+ing)\b"
)
_TRAILING_PARTICIPLE = re.compile(r"(?-i:[a-z]{2,}ed)(?<!hundred)", re.IGNORECASE)
_QUANTITY_NOUN = re.compile(
    r"(?:total|number|lot|few|couple|series|wave|spate|string|dozen|hundred|thousand|unknown|undisclosed|"
    r"unspecified|similar|separate|second|further|new|recent|previous|major|large|small)",
    re.IGNORECASE,
)
_TIME_WORD = re.compile(
    r"(?:time|times|later|earlier|moment|while|day|days|week|weeks|month|months|year|years|hour|hours|"
    r"minute|minutes|night|nights|morning|evening|afternoon|period)",
    re.IGNORECASE,
)
_ANIMALS = re.compile(
    r"(?:cows?|cattle|goats?|sheep|camels?|animals?|livestock|dogs?|donkeys?|horses?|chickens?|"
    r"pigs?|oxen|bulls?|herds?|birds?|poultry)",
    re.IGNORECASE,
)


_FIELD_WORDS = {
    "killed": re.compile(
        r"\b(?:kill\w*|dead|died|dies|death|deaths|fatalit\w*|slain|perished|executed|beheaded|murdered|"
        r"massacred|bod(?:y|ies)|corpses?|succumb\w*|casualt\w*|lives)\b",
        re.IGNORECASE,
    ),
    "wounded": re.compile(r"\b(?:injur\w*|wound\w*|hurt|maimed|hospitali[sz]ed|casualt\w*)\b", re.IGNORECASE),
}
# "Police discovered and defused a bomb", "the grenade failed to explode": nothing went off
_NOTHING_WENT_OFF = re.compile(
    r"\b(?:(?:safely\s+)?(?:defused|disarmed|deactivated|defusing|disarming)|"
    r"(?:failed|fails|failing)\s+to\s+(?:explode|detonate|go\s+off|ignite)|"
    r"(?:did\s+not|didn['’]t|does\s+not)\s+(?:explode|detonate|go\s+off|ignite)|"
    r"before\s+(?:it|they)\s+(?:could\s+)?(?:explode|detonate|go\s+off)|"
    # a drone, rocket or missile brought down in the air, a device blown up by bomb disposal
    r"intercepted|shot\s+down|safely\s+(?:destroyed|detonated|exploded|dismantled|removed))\b",
    re.IGNORECASE,
)
# what "intercepted" must stop for the passage to tell of nothing but a weapon that did no harm
_WEAPON_NOUN = re.compile(
    r"\b(?:drones?|missiles?|rockets?|projectiles?|shells?|bombs?|devices?|ieds?|vbieds?|uavs?|explosives?|"
    r"explosives-laden|grenades?|mortars?)\b",
    re.IGNORECASE,
)
# ... unless something else happened: a detonation, gunfire, a fight, a victim
_SOMETHING_HAPPENED = re.compile(
    r"\b(?:detonated|detonating|exploded|exploding|explosions?|blasts?|went\s+off|opened\s+fire|"
    r"fired\s+(?:on|at|upon|into)|firing\s+(?:on|at|upon|into)|"
    r"shot|shots|shooting|gunfire|gunmen|attacked|assaulted|stabbed|clash(?:ed|es)?|stormed|ambush(?:ed)?|"
    r"abduct(?:ed|ing)|kidnapp?(?:ed|ing)|set\s+fire|burn(?:ed|t|ing)|torched|raided|killed|killing|died|dead|"
    r"injured|injuring|wounded|wounding|hurt|casualt(?:y|ies)|damag(?:ed|ing|e)|blew|blown|blowing|landed|hit|struck)\b",
    re.IGNORECASE,
)
_MOTIVE = re.compile(
    r"\b(?:in\s+response\s+to|in\s+retaliation\s+(?:for|against|to)|to\s+avenge|in\s+revenge\s+for|"
    r"as\s+revenge\s+for|retaliating\s+for|in\s+reprisal\s+for|"
    r"(?:against|condemn\w*|protest\w*(?:\s+(?:against|over))?|mourn\w*|over|denounc\w*|demanding\s+justice\s+for)"
    r"\s+the\s+(?:(?:recent|brutal|alleged|custodial|mysterious|suspicious|extrajudicial|twin)\s+)*"
    r"(?:killings?|deaths?|murders?|assassinations?|lynchings?))\b[^.;]*",
    re.IGNORECASE,
)
_PROTEST_WORD = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ied|ies)|marched|vigils?|dharnas?|blockad\w*|blocked|shutdown|"
    r"rioted|took\s+to\s+the\s+streets|agitat\w*|sit-ins?)\b",
    re.IGNORECASE,
)
_PROTEST_CUE = (
    r"\b(?:after|following|over|against|protesting|to\s+protest|demanding|condemning|"
    r"denouncing|in\s+remembrance\s+of|in\s+memory\s+of|commemorat\w*|mourning|upon\s+learning\s+of)\b"
)
_PROTEST_CAUSE = re.compile(
    rf"{_PROTEST_WORD.pattern}[^.;]*?{_PROTEST_CUE}(?P<cause>[^.;,]{{0,120}})",
    re.IGNORECASE,
)
_PROTEST_CUE_RX = re.compile(_PROTEST_CUE, re.IGNORECASE)
_CLAUSE_RUN = re.compile(r"[^.;]+")


def _protest_causes(text: str) -> list[tuple[int, int]]:
    """Spans of the ``cause`` of every ``_PROTEST_CAUSE`` match, as ``finditer`` over ``text`` gives them, read
    clause by clause (no match crosses '.' or ';') and only up to 120 characters past a clause's last cue: a
    protest word with no cue after it scanned to the end of its clause, once per protest word (quadratic: a
    50 kB clause of 'protested and rallied' took 8.5 s)."""
    out: list[tuple[int, int]] = []
    for run in _CLAUSE_RUN.finditer(text):
        a, b = run.span()
        cue_ends = [m.end() for m in _PROTEST_CUE_RX.finditer(text, a, b)]
        if cue_ends:
            out += [m.span("cause") for m in _PROTEST_CAUSE.finditer(text, a, min(b, cue_ends[-1] + 120))]
    return out


# deaths that are no casualty of any event: a legal sentence ("demanding the death penalty", "sentenced to death")
# and deaths of disease ("died from coronavirus", "a morgue for coronavirus deaths")
_NOT_VIOLENT_DEATH = re.compile(
    r"\bsentenced\s+to\s+death\b|\bdeath\s+(?:penalty|penalties|sentences?|row|warrants?)\b|"
    r"\b(?:died|deaths?|dead|dying)\s+(?:of|from|due\s+to|because\s+of)\s+(?:the\s+|a\s+|an\s+)?(?:suspected\s+)?"
    r"(?:coronavirus|covid(?:-19)?|corona|illness|disease|natural\s+causes|heart\s+attack|cancer|cholera|malaria|dengue)\b|"
    r"\b(?:coronavirus|covid(?:-19)?|corona)(?:-related)?\s+(?:deaths?|victims|patients)\b",
    re.IGNORECASE,
)
# the dead a gathering remembers ("the funeral procession for a member who was killed two days prior", "the
# ceremony for two marchers killed by police earlier", "carrying the coffins of those killed")
_MEMORIAL_OF = re.compile(
    r"\b(?:funeral|burial|ceremony|commemoration|anniversary|memorial|coffins?|mourning)\s+"
    r"(?:(?:procession|service|event|prayers?|rites)\s+)?(?:of|for)\s+"
    r"(?P<cause>(?:(?!\band\b)[^.;,]){0,80}?(?:\bwho\s+(?:was|were|had\s+been|have\s+been)\s+|\s)"
    r"(?:killed|murdered|slain|shot\s+dead|lynched|died)\b)",
    re.IGNORECASE,
)
_RELATIVES_OF = re.compile(
    r"\b(?:family(?:\s+members)?|relatives|parents|friends|colleagues)\s+of\s+(?P<cause>[^.;]{0,80}?\bwho(?:se)?\b[^.;]{0,80})",
    re.IGNORECASE,
)


def _sentence_bounds(text: str, at: int, *, lines: bool = True, semicolon: bool = False) -> Span:
    """The sentence around ``at``: from after the last ". " (and ";" with ``semicolon``) to the next ". ". With
    ``lines`` a line break also ends a sentence (".\n", "\n": a headline, a paragraph) and the quotes, stops and
    spaces opening it are skipped; without, a sentence runs on over line breaks (the older reading, kept where
    the rules were measured with it: protest causes, weapons intercepted, another scene)."""
    marks = (". ", ".\n", "\n") if lines else (". ",)
    start = max(rfind_before(text, m, at) for m in (*marks, ";") if m != ";" or semicolon) + 1
    if lines:
        while start < at and text[start] in " .\n\t\"'":
            start += 1
    stops = [x for x in (find_after(text, m, at) for m in marks) if x >= 0]
    return start, min(stops) if stops else len(text)


def _sentence_of(text: str, at: int) -> str:
    a, b = _sentence_bounds(text, at, lines=False, semicolon=True)
    return text[a:b]


def protest_cause_spans(text: str) -> list[tuple[int, int]]:
    """Where a protest tells what it is about: "held a protest after a young girl was killed", "Relatives of a
    kidnapped boy protested", "a vigil for those killed": the violence told there is the cause of
    the protest, not an act of this event (the same spans ``find_casualties`` sets aside)."""
    spans = _protest_causes(text)
    spans += [m.span("cause") for m in _MEMORIAL_OF.finditer(text)]
    spans += [
        m.span("cause")
        for m in _RELATIVES_OF.finditer(text)
        if _PROTEST_WORD.search(_sentence_of(text, m.start()))
    ]
    return spans


_CLAUSE_START = re.compile(
    r"(?:^|[.;:,!?()\[\]]\s*|\b(?:and|but|while|when|after|as|that|where|whereas|although|though)\s+)$",
    re.IGNORECASE,
)
_AFTER_NUMBER = re.compile(
    rf"(?:\d|\b(?:{NUMBER_WORDS_TO_TEN}|eleven|twelve|[a-z]+teen|[a-z]+ty|hundred|"
    r"several|dozens|many|least|than|some|about|all|both))\s+$",
    re.IGNORECASE,
)
_PART_OF = re.compile(
    rf"\b(?P<part>\d+|{COUNT_WORDS}|most|all|none|both)\s+(?:out\s+)?of\s+"
    r"(?:the\s+|those\s+|these\s+)?$",
    re.IGNORECASE,
)
_REPEATED = re.compile(
    rf"\s+(?:out\s+)?of\s+(?:the\s+|those\s+|these\s+)?(?:\d+|{NUMBER_WORDS_TO_TEN}|dead|killed|"
    r"victims|casualties|wounded|injured|whom|which)\b",
    re.IGNORECASE,
)
_COUNTED_OF_UNIT = re.compile(
    rf"(?:^|[.;:—–]\s+|,\s+|\s-\s+|\b(?:and|but|while|when|after)\s+)(?P<n>(?:at\s+least\s+)?(?:\d+|{NUMBER_WORDS_TO_TEN}|eleven|twelve))"
    r"\s+(?-i:[a-z][\w\-]*s)\s+of\s+$",
    re.IGNORECASE,
)
# the items after it: "the <Named Unit> and their driver", "the X Force, his aide and their cook"
_UNIT_AND_THEIR = re.compile(
    r"the\s+(?-i:[A-Z][\w\-]*)(?:\s+(?-i:[A-Z][\w\-]*|of|and))*?(?:\s*,\s*|\s+and\s+)(?:his|her|their)\s[^.;]*",
    re.IGNORECASE,
)


# "one of the two soldiers killed on Monday was buried": the participle describes the whole, not the part
_BARE_PARTICIPLE = re.compile(
    r"\s+(?:killed|wounded|injured|hurt|slain|murdered|shot|executed|beheaded|massacred|abducted|kidnapped)\b",
    re.IGNORECASE,
)
_PARTITIVE_WHOLE = re.compile(
    rf"\s+(?:out\s+)?of\s+(?:the\s+|those\s+|these\s+)?(?P<whole>\d+|{NUMBER_WORDS_TO_TEN}|eleven|twelve)"
    r"(?P<noun>(?:\s+[a-z][\w\-]*){1,3})",
    re.IGNORECASE,
)


def _partitive(part: str, whole: str, noun: str) -> bool:
    """ "N (out) of (the) M <people>" with N below M: a count of N (not a restated figure, not a thing)."""
    n, m = (parse_number(re.sub(r"^(?:the|those|these)\s+", "", x.strip(), flags=re.I)) for x in (part, whole))
    head = noun.split()[0] if noun.split() else ""
    return bool(
        n
        and m
        and n < m
        and head
        and not _FIELD_WORDS["killed"].search(head)
        and not _FIELD_WORDS["wounded"].search(head)
        and not _not_person(noun)
    )


_VEHICLE_PRONOUN = re.compile(
    r"\b(?:destroy(?:ed|ing|s)?|burn(?:ed|t|ing)|torch(?:ed|ing)|blowing\s+up|blew\s+up)\s+(?P<pron>it|them)\b",
    re.IGNORECASE,
)
# a finite verb with its object inside a would-be list of victims ("repelled the assault and five assailants")
_CLAUSE_IN_LIST = re.compile(r"\b(?-i:[a-z]+ed)\s+(?:the|a|an|their|his|her|its)\s", re.IGNORECASE)
# "wanted to kill a police officer", "threatened to kill them": an intention, not a casualty ("managed to kill
# four", "were able to kill", "went/going on to kill" tell a death); a gerund after "to" is no infinitive ("in
# addition to killing five")
_TO_VERB = (
    r"(?:(?<=managed\sto\s)|(?<=\bon\sto\s)|(?<=\bable\sto\s)(?<!\bnot\sable\sto\s)(?<!n't\sable\sto\s)"
    # FAMa's "the riposte made it possible to neutralise about fifteen terrorists": a death told
    r"|(?<=\bit\spossible\sto\s)"
    r"|(?<!\bto\s)|(?=[a-z]+ing\b))"
)
# "one marcher was killed two others injured": a passive participle, then the next item of a list written without
# "and" (the two were injured, not killed by the marcher)
_NOT_PASSIVE = r"(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\bbeing\s)"
# The patterns put it after "\b(?=<their verbs>)": with the verb checked first the regex engine does not try these
# lookbehinds at every position of the text (first at the start, they made the verb patterns ~5x slower).
_ARTICLE = re.compile(r"(?:the|a|an|his|her|their|its)\b", re.IGNORECASE)
# "four of the wounded died", "a guard was hurt ... and later died of his injuries",
# "a second man was initially wounded before succumbing"
_DIED_LATER = re.compile(
    r"(?:\s+(?:in|during|by)\s+(?:the\s+)?[\w\-]+(?:\s+[\w\-]+)?)?\s*,?"
    r"\s+(?:(?:and|but|before|then)\s+)?(?:(?:later|subsequently|also|eventually|then)\s+)?"
    r"(?:died|succumbed|succumbing|dying)\b",
    re.IGNORECASE,
)
_REPORTING = re.compile(
    r"\s+(?:said|says|told|reported|added|stated|claimed|confirmed|announced|noted|explained|according)\b",
    re.IGNORECASE,
)
_POSSESSIVE_PART = re.compile(r"(?:,|\band)\s+(?:his|her|their|its|the)\s", re.IGNORECASE)
_FAMILY_OF = re.compile(r"\s+family\s+of\s+(\w+)\b", re.IGNORECASE)
_MARTYR = re.compile(r"martyr|shahad", re.IGNORECASE)
_AND_WERE = re.compile(r"\band\s+(?:were|was)\s", re.IGNORECASE)  # passive_vp reads nothing without it
_EMBRACED = re.compile(
    r"\b(?:embraced|attained|achieved)\s+(?:shahadat|shahadah|shahadath|martyrdom)\b", re.IGNORECASE
)
_ANY_CASUALTY_VERB = re.compile(
    r"\b(?:killed|died|dead|injured|wounded|hurt|martyred|slain|neutrali[sz]ed|embraced|attained)\b",
    re.IGNORECASE,
)
_DETERMINERS = ("the", "a", "an", "his", "her", "their", "its", "one", "another", "both")
_LEADING_ADVERBIAL = re.compile(
    r"(?:on|in|at(?!\s+least)|during|after|before|since|meanwhile|however|yesterday|today|also|then|later|earlier|"
    r"separately|elsewhere|overnight|last|this|that)\b",
    re.IGNORECASE,
)
_CLOSING = re.compile(r"\s*\.?\s*")
# "4 fatalities and 6 injured." the wounded half of a coder's closing tally
_CLOSING_WOUNDED = re.compile(
    r"\s*(?:,|and|,\s*and)\s+(?P<n>\d{1,3}(?:,\d{3})*)\s+(?:(?:people|persons|others)\s+)?(?P<w>injured|wounded|injuries)\s*\.?\s*",
    re.IGNORECASE,
)
_SUMMARY = re.compile(
    r"^\s*(?:(?:at\s+least|more\s+than|over|about|around|approximately)\s+)?\d+\s+(?:fatalities|fatality|deaths|killed|dead|people\s+killed)$",
    re.IGNORECASE,
)
_QUAL_RANK = {"exact": 0, "at_least": 1, "more_than": 2, "approximate": 3, "vague": 4}
_NOT_PERSON = re.compile(
    r"(?:total|number|lot|bomb|device|car|vehicle|house|home|building|school|mosque|church|market|village|"
    r"town|city|checkpoint|post|base|camp|attack|blast|explosion|suicide|roadside|vbied|ied|mine|landmine|"
    r"grenade|mortar|rocket|shell|drone|strike|raid|clash|clashes|fire|gunfight|firefight|battle|week|day|"
    r"month|year|time|result|case|similar|separate|second|further|new|recent|previous|major|large|small|"
    r"number|few|couple|series|wave|spate|string|insider|ambush|incident|assault|operation|shooting|"
    r"stabbing|bombing|suicide|airstrike|air|offensive|gun|rifle|knife|weapon|vest|motorbike|motorcycle|truck|"
    r"tank|bus|boat|area|district|province|region|report|statement|video|claim|similar|total|dozen|"
    r"hundred|thousand|unknown|undisclosed|unspecified|period|night|morning|evening|while|round|bullet|"
    r"missile|projectile|property|properties|shop|store|office|headquarters|station|tower|bridge|road|"
    r"hideout|position|outpost|checkpost|convoy|patrol|vessel|ship|plane|aircraft|helicopter|"
    r"compound|residence|hotel|hospital|clinic|facility|camp|prison|jail|warehouse|depot|injury|injuries|"
    r"death|deaths|wound|wounds|damage|destruction|loss|losses|shoot-out|shootout|exchange|fighting|violence|"
    r"skirmish|gunbattle|engagement|encounter|side|front)(?:s|es)?",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=64)
def _date_spans(text: str) -> list[Span]:
    """Spans of written dates ("8 May 2020", "November 26", "22/01"): their numbers are not counts."""
    from eventcoder.extraction.dates import find_dates

    spans = [(d.start, d.end) for d in find_dates(text, None) if d.kind in ("absolute", "month", "hijri")]
    spans += [m.span() for m in _DAY_MONTH.finditer(text)]
    return spans


@functools.lru_cache(maxsize=64)
def _date_index(text: str) -> SpanIndex:
    return SpanIndex(_date_spans(text))


_DAY_MONTH = re.compile(
    r"\b\d{1,2}/\d{1,2}\b|\b(?:in|since|of|year|during|until)\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d\s*,"
)


# "both local and foreign ...": a word that is no plural noun before "and" ("both guards and a driver" counts 2 + 1)
_BOTH_AND = re.compile(r"\s+(?![\w\-]*(?:s|men)\b)[\w\-]+\s+and\s")


def _items(text: str, start: int, end: int, kind: str) -> list[Clause]:
    """Split a list of counted noun phrases ("3 soldiers and 2 civilians") into one clause each."""
    pats = _cas_patterns()
    out: list[Clause] = []
    skip = SpanIndex([(m.start(), m.end()) for m in pats["subset_region"].finditer(text, start, end)])
    dates = _date_index(text)
    for m in pats["item"].finditer(text, start, end):
        raw = m.group("num").strip()
        np = m.group("np")
        low = raw.lower()
        if kind == "vehicles":
            if not pats["vehicle_noun"].search(np):
                continue
        if out and (_REPORTING.match(text, m.end()) or _REPORTING.search(np)):
            # "killing six policemen, a provincial spokesman said"; "..., a security official told AFP"; "killing 12
            # passengers, two residents told the agency"
            continue
        part = _PART_OF.search(text, max(0, m.start() - 40), m.start())
        if part:
            if (
                part.start() < start
                and _partitive(part.group("part"), raw, np)
                and not _BARE_PARTICIPLE.match(text, end)
            ):
                # "three (out) of the seven attackers were killed": the list opens on the whole, the verb
                # counts the part (inside the list, "two of the three killed" restates a figure told before)
                out.append(Clause(kind, parse_number(part.group("part")) or 0, "exact", part.start(), m.end()))
            continue  # "two of the three killed": the three were counted already
        if _REPEATED.match(text, m.end("num")):
            whole = _PARTITIVE_WHOLE.match(text, m.end("num"))
            if whole and _partitive(raw, whole.group("whole"), whole.group("noun")):
                # "killed five out of the eight militants": the verb counts the part
                out.append(Clause(kind, parse_number(raw) or 0, "exact", m.start(), whole.end()))
            continue  # partitive: "two of the three killed" repeats a figure ("4 of them" does not)
        if skip.hits(m.start(), m.start() + 1) or dates.hits(m.start(), m.start() + 1):
            continue  # inside "including ..." (a subset of the figure before it) or a date
        family = _FAMILY_OF.match(text, m.end("num"))
        if family and (n := parse_number(family.group(1))) is not None:
            out.append(Clause(kind, n, "exact", m.start(), m.end()))  # "a family of three"
            continue
        if re.fullmatch(r"both", low):
            if _BOTH_AND.match(text, m.end("num")):
                continue  # "both local and foreign fighters": "both ... and" joins two words, no count of two
            if kind != "vehicles" and _not_person(np):
                continue  # "killed on both sides": no one counted
            out.append(Clause(kind, 2, "exact", m.start(), m.end()))
            continue
        if re.fullmatch(r"(?:the\s+)?(?:a|an|another|a\s+second|a\s+third)", low, re.IGNORECASE):
            if (not np.strip() and low in ("a", "an", "the a", "the an")) or (
                kind != "vehicles" and _not_person(np)
            ):
                continue
            out.append(Clause(kind, 1, "exact", m.start(), m.end()))
            continue
        if re.fullmatch(r"the|its|their|his|her", low):
            continue
        role = "total" if re.match(r"(?:a\s+|the\s+)?total\s+of\b", low) else "count"
        core = re.sub(
            r"^(?:(?:a\s+|the\s+)?total\s+of|all\s+of\s+the|all\s+the|all|the|another|other|a\s+further|further|its|their|his|her)\s+",
            "",
            low,
        )
        if pats["vague_word"].match(core) or pats["vague_word"].match(low):
            out.append(Clause(kind, None, "vague", m.start(), m.end(), role))
            continue
        if kind != "vehicles" and _not_person(np) and np.strip():
            continue
        q = find_quantities(core)
        if not q:
            continue
        first = q[0]
        if first.value is None:
            out.append(Clause(kind, None, "vague", m.start(), m.end()))
        else:
            out.append(Clause(kind, first.value, first.qualifier, m.start(), m.end(), role))
    return out


def _conjoined(text: str, m: re.Match[str], kind: str) -> list[Clause]:
    """ "A, his son and two others were killed": one per noun phrase, or the number it states."""
    start, end = m.span("items")
    parts: list[tuple[int, int]] = []
    comma_before: set[int] = set()  # starts of the parts that follow a comma
    pos = start
    for sep in _cas_patterns()["cnp_split"].finditer(text, start, end):
        parts.append((pos, sep.start()))
        pos = sep.end()
        if "," in sep.group(0):
            comma_before.add(pos)
    parts.append((pos, end))
    out: list[Clause] = []
    prev_name = False
    dates = _date_index(text)
    while parts and (_LEADING_ADVERBIAL.match(text, parts[0][0]) or dates.hits(parts[0][0], parts[0][1])):
        parts.pop(0)  # "On 9 May 2020, a farmer and his brother were killed": the date is not a victim
    numbered_before = shared_noun = False
    for a, b in parts:
        np = text[a:b]
        words = np.split()
        if not words or _not_person(np):
            return []
        has_number = bool([x for x in find_quantities(np) if x.value is not None or x.qualifier == "vague"])
        bare = words[0][0].isupper() and words[0].lower() not in _DETERMINERS and not has_number
        if numbered_before and bare:
            shared_noun = True
            continue  # "15 TTP and LeI militants": a second modifier of the same counted noun
        numbered_before = numbered_before or has_number
        if prev_name and words[0].lower() in ("a", "an") and a in comma_before:
            prev_name = False
            continue  # "Jan Mohammad, a tribal elder, and ...": an appositive, not another victim
        prev_name = words[0][0].isupper() and words[0].lower() not in (
            "the",
            "a",
            "an",
            "his",
            "her",
            "their",
            "one",
        )
        q = [x for x in find_quantities(np) if x.value is not None]
        if any(x.qualifier == "vague" for x in find_quantities(np)):
            out.append(Clause(kind, None, "vague", a, b))
        elif q:
            out.append(Clause(kind, q[0].value, q[0].qualifier, a, b))
        else:
            out.append(Clause(kind, 1, "exact", a, b))
    return out if len(out) >= 2 or (shared_noun and out) else []


def _verb_kind(verb: str) -> str:
    v = verb.lower()
    if re.search(r"casualt", v):
        return "kow"
    has_k = re.search(
        r"neutrali|eliminat|liquidat|kill|kile|dead|deceas|death|die|fatal|perish|martyr|shahad|slain|execut|behead|murder|assassin|massacr|slaughter|li(?:ves|fe)|succumb|drown|bodies|corpses|gunned|guns?\s+down|toll|alive|hell|fallen|fell",
        v,
    )
    has_w = re.search(r"injur|inur|wound|hurt|maim|hospital", v)
    if has_k and has_w:
        return "kow"
    return "killed" if has_k else "wounded"


# a full stop that ends no sentence ("Lt. Col. X", "U.S. soldiers"): blanked for matching (same offsets)
_ABBREVIATION = re.compile(
    r"\b(?:Lt|Col|Gen|Maj|Capt|Cpt|Sgt|Cpl|Pvt|Brig|Lieut|Dr|Mr|Mrs|Ms|Prof|Gov|Sen|Rep|Hon|Rev|St|Jr|Sr)\.(?=\s)"
    r"|\b(?:[A-Z]\.){2,}"
)
# "nine (9) soldiers killed": a figure written twice, the digits in brackets (official statements: FAMa, Niger's
# army); blanked (same offsets) when both say the same number
_DOUBLED_FIGURE = re.compile(rf"\b(?P<w>{_WORDNUM})\s*\((?P<d>\d{{1,4}})\)", re.IGNORECASE)


def _blank_doubled(m: re.Match[str]) -> str:
    if parse_number(m.group("w")) != int(m.group("d")):
        return m.group(0)
    return m.group("w") + " " * (m.end() - m.end("w"))


# a sentence opened by "He/She died": one victim (a singular, so it adds nothing beside a numbered figure)
_PRONOUN_DIED = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s))(?:He|She)\s+(?:(?:later|subsequently|eventually|then)\s+)?(?:died|succumbed)\b"
)
# "the head of a village": the complement of the noun named after an active verb
_OF_COMPLEMENT = re.compile(
    r"(?:\s+of)?(?:\s+(?:the|a|an|his|her|their))?\s+[a-z][\w\-]*(?=\s+and\s)", re.IGNORECASE
)
_OF_END = re.compile(r"\bof(?:\s+(?:the|a|an|his|her|their))?$", re.IGNORECASE)
_OF_NEXT = re.compile(r"\s+of\s", re.IGNORECASE)
# "abducted four boys ... The boys were killed": a definite plural told with its number earlier
_DEFINITE_PLURAL = re.compile(
    rf"\b[Tt]he\s+(?P<noun>[a-z]{{3,}}(?:s|men))\s+(?:(?:were|had\s+been|have\s+been|all|later|subsequently|also|"
    rf"reportedly)\s+)+(?:{_MANNER})?(?P<verb>killed|injured|wounded|executed|beheaded|murdered|shot\s+dead|hurt)\b"
)
# "The victims were injured": the people of the one counted group told before (find_casualties)
_THE_VICTIMS = re.compile(
    rf"\b[Tt]he\s+victims\s+(?:(?:were|had\s+been|have\s+been|all|both|later|also|reportedly|seriously|critically)\s+)+"
    rf"(?:{_MANNER})?(?P<verb>killed|injured|wounded|hurt|executed|beheaded|murdered|shot\s+dead)\b"
)
# "his sister and aunt were killed", "The soldier and civilian were injured": two people, one determiner
_BARE_PAIR = re.compile(
    rf"\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+(?P<a>[a-z]{{3,}})\s+and\s+(?P<b>[a-z]{{3,}})\s+"
    rf"(?:(?:were|had\s+been|have\s+been|both|later|also|reportedly)\s+)+(?:{_MANNER})?"
    rf"(?P<verb>killed|injured|wounded|executed|murdered|shot\s+dead|hurt)\b"
)


# read on every passage: each behind its literal test (same matches, see _regexbank)
_NOTHING_WENT_OFF, _MOTIVE, _MEMORIAL_OF, _VEHICLE_PRONOUN, _NOT_VIOLENT_DEATH = map(
    gate, (_NOTHING_WENT_OFF, _MOTIVE, _MEMORIAL_OF, _VEHICLE_PRONOUN, _NOT_VIOLENT_DEATH)
)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what re's \w and \b take as a word character


def _said_elsewhere(text: str, kind: str, s: int, e: int, found: dict[str, list[int]]) -> bool:
    """``_FIELD_WORDS[kind].search(text[:s] + " " + text[e:])`` without building and reading that text for each
    match (quadratic on a long passage; session 10, perf). The field words are whole words, so a match is one
    word of the text: only the words cut at ``s`` and ``e`` need a search of their own; for the others, where the
    words of the text match (``found``, read once per passage) is enough."""
    rx = _FIELD_WORDS[kind]
    starts = found.get(kind)
    if starts is None:
        starts = found[kind] = [m.start() for m in rx.finditer(text)]
    a, b = s, e
    while a > 0 and _is_word_char(text[a - 1]):
        a -= 1
    while b < len(text) and _is_word_char(text[b]):
        b += 1
    return bool(
        (starts and (starts[0] < a or starts[-1] >= b)) or rx.search(text, a, s) or rx.search(text[e:b])
    )


def find_casualties(text: str) -> Casualties:
    """Casualty figures stated in one incident passage (see the module docstring for the rules)."""
    text = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", " "), text)
    text = _DOUBLED_FIGURE.sub(_blank_doubled, text)
    pats = _cas_patterns()
    clauses: list[Clause] = []
    used = SpanIndex()  # the spans read so far (a span overlapping one is not read again)
    field_words: dict[str, list[int]] = {}  # where _FIELD_WORDS match (_said_elsewhere)

    def free(s: int, e: int) -> bool:
        return not used.hits(s, e)

    def subset(s: int) -> bool:
        return bool(pats["subset"].search(text[max(0, s - 40) : s]))

    subset_regions = [r.span() for r in pats["subset_region"].finditer(text)]
    subset_index = SpanIndex(subset_regions)

    def in_subset(s: int) -> bool:
        return subset_index.hits(s, s)

    def add(cs: list[Clause], span: Span) -> None:
        cs = [c for c in cs if free(c.start, c.end) and not subset(c.start) and not in_subset(c.start)]
        if cs:
            clauses.extend(dataclasses.replace(c, statement=span) for c in cs)
            used.append(span)

    zero_spans = SpanIndex()  # "no casualties", "nobody was hurt": a verb read there counts nobody
    for m in pats["zero"].finditer(text):
        # "X was unharmed": the victim the text names came to no harm (a stated figure elsewhere still wins,
        # field by field: "Mendoza was unharmed, but his sister was killed" -> killed 1, wounded 0)
        if m.group("z12"):
            used.append(m.span())  # "No one was seriously hurt": neither a zero nor a count of one
            zero_spans.append(m.span())
            continue
        if m.group("z4") or m.group("z9"):
            # one named person came to no harm: a zero for a field only when nothing else in the passage
            # speaks of that field ("X was unharmed, but his brother and uncle were killed": killed unknown);
            # a survivor (z9) may still be hurt
            kinds = [
                k
                for k in (("killed",) if m.group("z9") else ("killed", "wounded"))
                if not _said_elsewhere(text, k, *m.span(), field_words)
            ]
            if not kinds:
                continue
        else:
            z = next((g for g in m.groups() if g), "").lower()
            says_k = bool(re.search(r"death|fatal|life|kill|died", z))
            says_w = bool(re.search(r"injur|wound", z))
            kinds = ["killed", "wounded"] if says_k == says_w else ["killed"] if says_k else ["wounded"]
        for k in kinds:
            clauses.append(Clause(k, 0, "exact", m.start(), m.end(), "zero"))
        used.append(m.span())
        zero_spans.append(m.span())

    went_off = next(
        (
            m
            for m in _NOTHING_WENT_OFF.finditer(text)
            # "RSF members who intercepted them (women collecting firewood)": people stopped, not a weapon
            if not m.group(0).lower().startswith("intercept")
            or _WEAPON_NOUN.search(_sentence_of(text, m.start()))
        ),
        None,
    )
    if went_off and not clauses and not _SOMETHING_HAPPENED.search(_NOTHING_WENT_OFF.sub(" ", text)):
        # a device found and defused, or one that failed to go off, and nothing else happened: no one was harmed
        for k in ("killed", "wounded"):
            clauses.append(Clause(k, 0, "exact", went_off.start(), went_off.end(), "zero"))
        used.append(went_off.span())

    for m in pats["perp_plural"].finditer(text):
        # "Two suicide bombers blew themselves up": the perpetrators counted earlier in the sentence
        sentence_start = max(rfind_before(text, ".", m.start()), rfind_before(text, ";", m.start())) + 1
        perps = [
            q
            for q in pats["item"].finditer(text, sentence_start, m.start())
            if re.search(_PERP, q.group("np"), re.I)
        ]
        got = _items(text, perps[-1].start(), perps[-1].end(), "killed") if perps else []
        value = got[0].value if got else None
        clauses.append(
            Clause("killed", value, "exact" if value else "vague", m.start(), m.end(), "perpetrator")
        )
        used.append(m.span())
    for m in pats["perp_self"].finditer(text):
        clauses.append(Clause("killed", 1, "exact", m.start(), m.end(), "perpetrator"))
        used.append(m.span())
        tail = pats["and_items"].match(text, m.end())
        if tail:  # "killing himself and 3 others"
            add(_items(text, *tail.span("items"), "killed"), tail.span())
    for m in pats["perp_in_addition"].finditer(text):
        got = _items(text, *m.span("items"), _verb_kind(m.group("verb")))
        if got and free(*m.span("items")):
            clauses.extend(dataclasses.replace(c, role="perpetrator") for c in got)
            used.append(m.span("items"))
    for m in pats["perp_passive"].finditer(text):
        if free(*m.span()) and not re.search(
            r"\b(?:assailants|attackers|bombers|gunmen|militants)\b", m.group(0), re.I
        ):
            kind = _verb_kind(m.group("verb"))
            clauses.append(Clause(kind, 1, "exact", m.start(), m.end(), "perpetrator"))
            used.append(m.span())
    for m in pats["kow_active"].finditer(text):
        add(_items(text, *m.span("items"), "kow"), m.span())
    for m in pats["leave"].finditer(text):
        after = text[m.end("items") : m.end()]
        add(_items(text, *m.span("items"), _verb_kind(after)), m.span())
    for m in pats["active_dead"].finditer(text):
        if not free(*m.span()):
            continue
        if m.group("items"):
            add(_items(text, *m.span("items"), "killed"), m.span())
        else:
            got = _items(text, *m.span("items2"), "killed")
            if got:
                add(got, m.span())
            elif not _not_person(m.group("items2")):
                clauses.append(Clause("killed", 1, "exact", m.start(), m.end(), "singular"))
                used.append(m.span())
    for m in pats["active_conj"].finditer(text):
        if not free(*m.span()) or not _POSSESSIVE_PART.search(m.group("items")):
            continue  # plain counted lists ("a soldier and 2 civilians") are read by the active rule
        cs = _conjoined(text, m, _verb_kind(m.group("verb")))
        if cs:
            clauses.extend(cs)
            used.append(m.span())
    for m in pats["active"].finditer(text):
        add(_items(text, *m.span("items"), _verb_kind(m.group("verb"))), m.span())
    for m in pats["conjoined"].finditer(text):
        unit = _COUNTED_OF_UNIT.search(text, max(0, m.start() - 40), m.start())
        if unit and free(*m.span()):
            # "Eight jawans of the Reserve Guard and their civilian driver were killed": the counted men of a
            # named unit, then their companions (the unit is no victim)
            cs = _conjoined(text, m, _verb_kind(m.group("verb")))
            whole = find_quantities(unit.group("n"))
            rest = text[m.start("items") : m.end("items")]
            if cs and whole and whole[0].value and _UNIT_AND_THEIR.fullmatch(rest):
                clauses.append(Clause(cs[0].kind, whole[0].value, whole[0].qualifier, unit.start("n"), cs[0].end))
                clauses.extend(cs[1:])
                used.append((unit.start("n"), m.end()))
            continue
        if _AFTER_NUMBER.search(text, max(0, m.start() - 30), m.start()) or not _CLAUSE_START.search(
            text, max(0, m.start() - 30), m.start()
        ):
            continue  # "two militiamen and one civilian": the passive list reads it
        if _CLAUSE_IN_LIST.search(m.group("items")):
            continue  # "Police repelled the attack and four gunmen were killed": a clause, not a victim
        if free(*m.span()) and not subset(m.start()) and not in_subset(m.start()):
            cs = _conjoined(text, m, _verb_kind(m.group("verb")))
            if cs:
                clauses.extend(cs)
                used.append(m.span())
    for m in pats["passive"].finditer(text):
        if zero_spans.hits(*m.span("verb")):
            continue  # "landed in a field, causing no casualties": the field is no victim
        if re.fullmatch(r"(?i)deaths?", m.group("verb")) and _CLAUSE_IN_LIST.search(m.group("items")):
            continue  # "Eleven groups protested the shooting death of a man": a clause, not eleven deaths
        if _SUMMARY.match(m.group(0)) and re.search(
            r"(?:^|[.\]]\s+)$", text[max(0, m.start() - 3) : m.start()]
        ):
            # "... 2 fatalities." a tally: used only when nothing else is stated; the coder's tally that closes the
            # passage replaces the figures told before it, like a death toll ("The victim died. ... 3 fatalities.")
            tally_w = _CLOSING_WOUNDED.fullmatch(text, m.end())
            role = "toll" if tally_w or _CLOSING.fullmatch(text, m.end()) else "total"
            cs = [dataclass_replace_role(c, role) for c in _items(text, *m.span("items"), "killed")]
            add(cs, m.span())
            if tally_w and cs:
                # "... 4 fatalities and 6 injured." closing the passage: the tally of both fields
                value = int(tally_w.group("n").replace(",", ""))
                clauses.append(
                    Clause(
                        "wounded",
                        value,
                        "exact",
                        *tally_w.span("n"),
                        "toll",
                        (tally_w.start("n"), tally_w.end("w")),
                    )
                )
                used.append(tally_w.span())
            continue
        if _DIED_LATER.match(text, m.end()) and _verb_kind(m.group("verb")) == "wounded":
            add(_items(text, *m.span("items"), "killed"), m.span())  # "four of the wounded died overnight"
            continue
        if not _PASSIVE_AUX.search(m.group("aux")) and _ACTIVE_OBJECT.match(text, m.end()):
            continue  # "five gunmen (who allegedly) killed two soldiers": active voice, the subject is not a victim
        if m.group("manner") and not m.group("aux").strip():
            continue  # "a sniper shot and killed ..."
        kind = _verb_kind(m.group("verb"))
        more = _items(text, *m.span("more"), kind) if m.group("more") else []
        got = _items(text, *m.span("items"), kind)
        own_clause = _CLAUSE_IN_LIST.search(text, m.start("items"), m.end("items"))
        if own_clause and len(got) > 1:
            # "Two soldiers repelled the attack and two civilians were killed": the first counted noun is the
            # subject of a clause of its own (a verb and its object), not a victim
            got = [c for c in got if c.start > own_clause.start()]
        add(got + more, m.span())
        if not more and m.group("app"):
            clauses.extend(_included_tail(text, m, kind))
    for m in pats["passive_vp"].finditer(text) if _AND_WERE.search(text) else ():
        if free(*m.span()):
            add(_items(text, *m.span("items"), _verb_kind(m.group("verb"))), m.span())
    for m in pats["bodies"].finditer(text):
        if m.group("of"):
            add(_items(text, *m.span("of"), "killed"), m.span())
        elif m.group("items"):
            add(_items(text, *m.span("items"), "killed"), m.span())
        elif re.search(r"(?:found|discovered|recovered|retrieved)$", m.group(0)) and free(*m.span()):
            clauses.append(Clause("killed", 1, "exact", m.start(), m.end(), "body"))
            used.append(m.span())
    for m in pats["lynch"].finditer(text):
        g = "items" if m.group("items") else "items2"
        add([dataclass_replace_role(c, "lynch") for c in _items(text, *m.span(g), "killed")], m.span())
    for m in pats["noun_of"].finditer(text):
        kind = _verb_kind(m.group("verb"))
        add([c for c in _items(text, *m.span("items"), kind) if not _ARTICLE.match(text, c.start)], m.span())
    for m in pats["label"].finditer(text):
        add(_items(text, *m.span("items"), _verb_kind(m.group("verb"))), m.span())
    for m in pats["vague_cas"].finditer(text):
        if free(*m.span()):
            clauses.append(Clause(_verb_kind(m.group("verb")), None, "vague", m.start(), m.end()))
            used.append(m.span())
    for m in pats["toll"].finditer(text):
        kind = _verb_kind(m.group("nverb")) if m.group("nverb") else "killed"
        lo, hi = m.span("items")
        read = [
            i for i, c in enumerate(clauses) if c.kind == kind and c.role == "count" and lo <= c.start < hi
        ]
        if read:  # "has risen to 24 dead": "24 dead" was read as a count already; it is the revised toll
            for i in read:
                clauses[i] = dataclasses.replace(
                    clauses[i], role="toll", statement=(m.start(), clauses[i].evidence[1])
                )
            continue
        cs = [dataclass_replace_role(c, "toll") for c in _items(text, *m.span("items"), kind)]
        add(cs, m.span())
    coded = list(pats["coded"].finditer(text))
    for m in (
        coded if len(coded) == 1 else []
    ):  # "coded as 5 in one event and 10 in another": not ours to pick
        if re.match(
            r"\s*(?:,\s*|and\s+)*(?:split|spread|divided|shared)\b", text[m.end() : m.end() + 40], re.I
        ):
            continue  # "coded as 10 and split between 3 locations": a shared figure, not this event's
        g = "items" if m.group("items") else "items2"
        kind = _verb_kind(m.group("verb") or m.group("verb2"))
        if re.search(r"\b(?:and|or)\s+injur", m.group(0), re.IGNORECASE):
            kind = "kow"
        cs = [dataclass_replace_role(c, "toll") for c in _items(text, *m.span(g), kind)]
        if cs:  # the note's own figure replaces what the sources reported (like a death toll)
            clauses.extend(dataclasses.replace(c, statement=m.span()) for c in cs)
            used.append(m.span())
    for m in pats["singular"].finditer(text):
        if not free(*m.span()):
            continue
        name = m.group("name") or m.group("name0")
        if name and name.lower() in _CAPITALISED_NON_VICTIMS:
            continue
        # "A cow was killed": the sentence-initial article is read as a name; the animal is still no victim
        det = m.group("det") or (
            name if name and name.lower() in ("a", "an", "one", "the", "his", "her") else None
        )
        if det and _not_person(m.group("np") or ""):
            continue
        clauses.append(Clause(_verb_kind(m.group("verb")), 1, "exact", m.start(), m.end(), "singular"))
        used.append(m.span())
    for m in _EMBRACED.finditer(text):
        # "two brave sons of soil, Havildar A (age 36, ...) and Sepoy B (...), having fought gallantly, embraced
        # shahadat": the number of the counted people that open the sentence, none of whom another verb took
        if not free(*m.span()):
            continue
        start = max(rfind_before(text, ".", m.start()), rfind_before(text, ";", m.start())) + 1
        people = [
            c
            for q in pats["item"].finditer(text, start, m.start())
            if not _not_person(q.group("np"))
            for c in _items(text, q.start(), q.end(), "killed")[:1]
            if (c.value or 0) >= 2
        ]
        if (
            people
            and free(people[0].start, m.end())
            and not _ANY_CASUALTY_VERB.search(text, people[0].end, m.start())
        ):
            clauses.append(dataclasses.replace(people[0], statement=(people[0].start, m.end())))
            used.append((people[0].start, m.end()))
    for m in pats["martyr_singular"].finditer(text):
        first = m.group("name").lower()
        words = (m.group("np") or "").split()
        if not free(*m.span()) or first in _CAPITALISED_NON_VICTIMS or first in _NUMBER_WORDS:
            continue
        if first in _DETERMINERS and (
            not words or words[-1].lower().endswith("s") or _not_person(" ".join(words))
        ):
            continue  # "The soldiers embraced martyrdom": no count stated
        # the idiom names the speaker's own dead, none of the enemy "killed" counted beside it ("three khawarij
        # were killed ... Sepoy X embraced shahadat": 4); among other martyrs it may be one of them
        own = not any(c.kind == "killed" and _MARTYR.search(text, *c.evidence) for c in clauses)
        clauses.append(Clause("killed", 1, "exact", m.start(), m.end(), "count" if own else "singular"))
        used.append(m.span())
    for m in pats["singular_died"].finditer(text):
        if free(*m.span()) and not _not_person(m.group("np")):
            clauses.append(Clause("killed", 1, "exact", m.start(), m.end(), "singular"))
            used.append(m.span())
    for m in _PRONOUN_DIED.finditer(text):
        # "A local leader was injured in a clash ... He died at the hospital": the one victim told before (the one
        # injured person the passage names, if any, is that victim: no longer counted as wounded)
        if free(*m.span()):
            hurt = [c for c in clauses if c.kind == "wounded"]
            if len(hurt) == 1 and hurt[0].value == 1 and hurt[0].start < m.start():
                clauses.remove(hurt[0])
            clauses.append(Clause("killed", 1, "exact", m.start(), m.end(), "singular"))
            used.append(m.span())
    for m in pats["active_singular"].finditer(text):
        if not free(*m.span()) or m.group("name").split()[0].lower() in _CAPITALISED_NON_VICTIMS:
            continue
        clauses.append(Clause(_verb_kind(m.group("verb")), 1, "exact", m.start(), m.end(), "singular"))
        used.append(m.span())
    for m in pats["active_pron"].finditer(text):
        if not free(*m.span()):
            continue
        pron = m.group("pron").lower()
        if pron in ("him", "her"):
            clauses.append(Clause(_verb_kind(m.group("verb")), 1, "exact", m.start(), m.end(), "singular"))
            used.append(m.span())
            continue
        # "captured two spies ... and executed them": the last count of people earlier in the sentence
        sentence_start = max(rfind_before(text, ".", m.start()), rfind_before(text, ";", m.start())) + 1
        earlier = [
            q
            for q in pats["item"].finditer(text, sentence_start, m.start())
            if q.group("np").strip() and not _not_person(q.group("np"))
        ]
        count: int | None = 2 if pron == "both" else None
        if earlier and count is None:
            found = _items(text, earlier[-1].start(), earlier[-1].end(), "killed")
            count = found[0].value if found else None
        kind = _verb_kind(m.group("verb"))
        if count is None:
            clauses.append(Clause(kind, None, "vague", m.start(), m.end(), "count"))
        else:
            clauses.append(Clause(kind, count, "exact", m.start(), m.end(), "count"))
        used.append(m.span())
    for m in pats["active_the"].finditer(text):
        if not free(*m.span()) or _not_person(m.group("np")):
            continue
        kind = _verb_kind(m.group("verb"))
        # "killed the village chief and two others", "executed the head of a hamlet and two men close to
        # him": the counted people after "and" are victims of the same verb, beside the one named
        in_of = _OF_END.search(m.group("np")) or _OF_NEXT.match(text, m.end())
        of = _OF_COMPLEMENT.match(text, m.end()) if in_of else None
        tail = pats["and_items"].match(text, of.end() if of else m.end())
        more = _items(text, *tail.span("items"), kind) if tail and free(*tail.span()) else []
        more = [c for c in more if free(c.start, c.end) and not subset(c.start) and not in_subset(c.start)]
        if tail and more:
            clauses.append(Clause(kind, 1, "exact", m.start(), m.end(), "count"))
            add(more, (m.start(), tail.end()))
            used.append(m.span())
            continue
        clauses.append(Clause(kind, 1, "exact", m.start(), m.end(), "singular"))
        used.append(m.span())
    for m in _DEFINITE_PLURAL.finditer(text):
        if not free(*m.span()) or _not_person(m.group("noun")):
            continue
        noun = m.group("noun").lower()
        earlier = [
            q
            for q in pats["item"].finditer(text, 0, m.start())
            if re.search(rf"\b{re.escape(noun)}\b", q.group("np"), re.IGNORECASE)
        ]
        if earlier and not free(*earlier[-1].span()):
            continue  # "killed three militants ... The militants were killed in a gun battle": told twice
        found = _items(text, earlier[-1].start(), earlier[-1].end(), "killed") if earlier else []
        if found and found[0].value:
            kind = _verb_kind(m.group("verb"))
            clauses.append(Clause(kind, found[0].value, "exact", m.start(), m.end(), "count"))
            used.append(m.span())
    for m in _THE_VICTIMS.finditer(text):
        # "assaulted two teenagers ... The victims were injured": the one counted group of people told before
        kind = _verb_kind(m.group("verb"))
        if not free(*m.span()) or any(c.kind == kind for c in clauses):
            continue
        groups = [
            q
            for q in pats["item"].finditer(text, 0, m.start())
            if q.group("np").strip()
            and not _not_person(q.group("np"))
            and not re.search(_PERP, q.group("np"), re.I)
            and not re.search(
                r"(?:^|[.!?]\s+)$", text[max(0, q.start() - 3) : q.start()]
            )  # the sentence's subject
        ]
        counts = [c.value for q in groups for c in _items(text, q.start(), q.end(), kind)[:1]]
        if len(counts) == 1 and (counts[0] or 0) >= 2:
            clauses.append(Clause(kind, counts[0], "exact", m.start(), m.end(), "count"))
            used.append(m.span())
    for m in _BARE_PAIR.finditer(text):
        a, b = m.group("a").lower(), m.group("b").lower()
        if not free(*m.span()) or a.endswith("s") or b.endswith("s") or _not_person(a) or _not_person(b):
            continue
        if re.fullmatch(rf"(?:{_STOP})", a) or re.fullmatch(rf"(?:{_STOP})", b):
            continue
        clauses.append(Clause(_verb_kind(m.group("verb")), 2, "exact", m.start(), m.end(), "count"))
        used.append(m.span())
    vehicles: list[Clause] = []
    vused = SpanIndex()
    for name in ("vehicles_active", "vehicles_passive"):
        for m in pats[name].finditer(text):
            if vused.hits(m.start(), m.end()):
                continue
            cs = _items(text, *m.span("items"), "vehicles")
            if cs:
                vehicles.extend(cs)
                vused.append(m.span())
    for m in _VEHICLE_PRONOUN.finditer(text):
        # "an explosive device on a Humvee ..., destroying it": the vehicle named earlier in the sentence
        sentence_start = max(rfind_before(text, ".", m.start()), rfind_before(text, ";", m.start())) + 1
        named = [
            c
            for v in pats["item"].finditer(text, sentence_start, m.start())
            for c in _items(text, v.start(), v.end(), "vehicles")
        ]
        if named and not vused.hits(m.start(), m.end()):
            value = 1 if m.group("pron").lower() == "it" else named[-1].value
            vehicles.append(Clause("vehicles", value, "exact", m.start(), m.end()))
            vused.append(m.span())
    counted = SpanIndex([c.evidence for c in clauses if c.kind == "killed" and c.role == "count"])
    if any(c.role == "perpetrator" for c in clauses) and any(
        counted.hits(a - 4, a + 1) and re.search(rf"\b{_PERP}", text[a:b], re.I)  # s0 <= a <= e0 + 3
        for a, b in subset_regions
    ):
        # "... killed himself. Seven people were killed, including ... and the assailant": once
        # (not "Assailants, including suicide bombers, ...": a list of the attackers, not of the dead)
        clauses = [c for c in clauses if c.role != "perpetrator"]
    motives = [m.span() for m in _MOTIVE.finditer(text)]
    # the death a protest is about ("held a protest after a young girl was killed", "family members of a man who
    # died ... demonstrated"): the cause of the protest, not a casualty of it (ACLED counts deaths at the event)
    motives += _protest_causes(text)
    # a statement whose verb lies in a legal or disease death ("demanding the death penalty", "died from
    # coronavirus") or in the dead a funeral or ceremony remembers: no casualty
    remembered = [m.span() for m in _NOT_VIOLENT_DEATH.finditer(text)]
    remembered += [m.span("cause") for m in _MEMORIAL_OF.finditer(text)]
    if remembered:
        gone = SpanIndex(remembered)
        clauses = [
            c
            for c in clauses
            if not (gone.hits(c.start, c.start + 1) or gone.hits(c.evidence[1] - 1, c.evidence[1]))
        ]
    motives += [
        m.span("cause")
        for m in _RELATIVES_OF.finditer(text)
        if _PROTEST_WORD.search(_sentence_of(text, m.start()))
    ]
    if motives:  # "in retaliation for strikes that killed 41": another event's toll
        # a clause that starts or ends inside ("a protest ... against the death of a girl": "death" read as
        # the verb of "a protest")
        told = SpanIndex(motives)  # a <= start < b or a < end <= b
        clauses = [c for c in clauses if not (told.hits(c.start, c.start + 1) or told.hits(c.end - 1, c.end))]
    clauses = _drop_earlier_events(text, clauses)
    clauses = _drop_background(text, clauses)
    clauses = _drop_apposition(text, clauses)
    claims = [m.end() for m in _CLAIM_SAYING.finditer(text)]
    if claims:
        # "IS claimed the attack on Amaq, saying 11 soldiers had been killed": the claimant's figure, not the report's
        clauses = [c for c in clauses if not any(a <= c.evidence[0] < _sentence_end(text, a) for a in claims)]
    clauses = _drop_part_told_after(text, _drop_restated(text, _drop_other_account(text, clauses)))
    return _split_note(text, _series_share(text, _combine(clauses, vehicles)))


# a time before the event told right after a casualty statement, in the same sentence: "killed 13 insurgents in an
# ambush last year", "a trader accused of murdering a student ... in 2011", "even though their chief had murdered a
# farmer two days prior": another, earlier event's dead
_EARLIER_TIME = re.compile(
    r"\b(?:last\s+(?:year|month|week)|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|few|\d+)\s+"
    r"(?:days?|weeks?|months?|years?)\s+(?:ago|prior|earlier)|earlier\s+this\s+(?:year|month)|in\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
# a sentence that opens with a time before the event or with another, earlier incident: "In January, ...", "Last
# year, ...", "Earlier this month, ...", "In a similar attack in 2023, ...": background, not the event's toll
_BACKGROUND_OPEN = re.compile(
    rf"(?:in|back\s+in)\s+(?:(?:{_MONTHS})\b(?!\s+\d{{1,2}}\b)|(?:19|20)\d\d\b)|last\s+(?:year|month)\b|"
    r"earlier\s+this\s+(?:year|month)\b|in\s+(?:a|an)\s+(?:similar|previous|earlier)\s+(?:attack|incident|raid|assault)\b",
    re.IGNORECASE,
)
# a cumulative toll anywhere in the sentence: "has left more than 1,500 dead in the state since September 2024",
# "so far this year"
_CUMULATIVE = re.compile(
    rf"\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:(?:{_MONTHS})(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d|the\s+(?:start|beginning)\s+of)\b|"
    r"\bso\s+far\s+this\s+year\b|\bin\s+total\s+this\s+year\b|\bthis\s+year\s+alone\b|"
    # with no time cue: a conflict's own running toll ("the unrest in the state has left more than 300 dead", "the
    # insurgency has claimed thousands of lives"), a perfect tense whose subject is the violence, not an attacker
    r"\b(?:violence|unrest|fighting|conflict|insurgency|war|crisis|feud|bloodshed|rebellion|clashes|attacks|killings)\b"
    r"(?:\s+[\w'’\-]+){0,6}?\s+(?:has|have)\s+(?:so\s+far\s+|now\s+|already\s+)?(?:left|killed|claimed|cost)\b",
    re.IGNORECASE,
)
# a running toll, whatever else the passage tells: "the conflict has killed more than 6,000 people since it began",
# "With this, 240 Maoists have been killed in the state this year" (a perfect tense with the span of time)
_RUNNING_TOLL = re.compile(
    r"\bsince\s+(?:it|the\s+(?:conflict|war|insurgency|crisis|fighting|unrest|violence|rebellion))\s+"
    r"(?:began|started|erupted|broke\s+out)\b"
    r"|\b(?:has|have)\s+(?:now\s+|so\s+far\s+|already\s+)?(?:been\s+)?(?:killed|died|left|claimed|lost)\b[^.;]{0,60}?"
    r"\b(?:this|so\s+far\s+this|last)\s+year\b",
    re.IGNORECASE,
)
# another source's toll of the same victims: "the army ... gave a toll of 17 dead"
# "Other sources say that N people died": a second account of the same victims (ACLED's notes)
# a disputed figure: the lowest of the accounts is kept
_SECOND_TOLL = re.compile(
    r"\b(?:gave|gives|put|puts|reported)\s+(?:a|the)\s+(?:\w+\s+)?toll\s+(?:of|at)\b"
    r"|\bother\s+(?:sources|reports)\s+(?:report|reported|say|said|state|stated|put|indicate|indicated)\b"
    r"|\baccording\s+to\s+other\s+(?:sources|reports)\b"
    # "The villagers contest that figure, saying 13 civilians were killed": a disputed toll, another account
    r"|\b(?:contest|contests|contested|dispute|disputes|disputed|reject|rejects|rejected|deny|denies|denied)\s+"
    r"(?:that|the|this|these|those|its|their)\s+(?:[\w\-]+\s+)?(?:figures?|tolls?|claims?|accounts?|numbers?|version)\b",
    re.I,
)

# "The rebels denied those claims, saying their fighters killed 9 soldiers": the disputer's own dead enemies,
# other victims than the disputed toll's
_DISPUTER_KILLED = re.compile(
    r"\b(?:it|they|we|its|their|our)\s+(?:[\w\-]+\s+){0,2}(?:had\s+|have\s+|has\s+)?"
    r"(?:killed|shot\s+dead|neutrali[sz]ed|eliminated)\b",
    re.IGNORECASE,
)


def _drop_background(text: str, clauses: list[Clause]) -> list[Clause]:
    """Drop a figure told in a background sentence (opening with an earlier time or incident, or giving a
    cumulative toll), and read another source's toll of the same victims as the lowest of the two (ACLED). Only
    when the event tells a figure of its own (of any kind) elsewhere, outside such sentences: never the only one."""
    if not clauses:
        return clauses
    background, second, running = set(), set(), set()
    for i, c in enumerate(clauses):
        if c.role == "zero":
            continue
        a, b = _sentence_bounds(text, c.evidence[0])
        if a > 0 and _RUNNING_TOLL.search(text, a, b):
            running.add(i)  # a toll over a conflict's life or the year so far: never this event's
        elif a > 0 and (_BACKGROUND_OPEN.match(text, a) or _CUMULATIVE.search(text, a, b)):
            background.add(i)
        elif a > 0 and c.value and c.role != "toll" and (toll := _SECOND_TOLL.search(text, a, c.evidence[0] + 1)):
            if not _DISPUTER_KILLED.search(text, toll.end(), max(c.end, toll.end())):
                second.add(i)
    if running:
        clauses = [c for i, c in enumerate(clauses) if i not in running]
        keep_ix = [i for i in range(len(clauses) + len(running)) if i not in running]
        background = {keep_ix.index(i) for i in background}
        second = {keep_ix.index(i) for i in second}
    if not background and not second:
        return clauses
    own = {
        c.kind for i, c in enumerate(clauses) if i not in background and i not in second and c.role != "zero"
    }
    # the event told its own figures (of any kind: "mortars wounded four ... In August, fighters killed 11" has no
    # deaths of its own): the background's are another event's
    keep = [c for i, c in enumerate(clauses) if i not in background or not own]
    for c in [clauses[i] for i in second]:
        rest = [x for x in keep if x.kind == c.kind and x is not c and x.role != "zero"]
        if not rest or any(x.value is None for x in rest):
            continue
        if (c.value or 0) < sum(x.value or 0 for x in rest):
            keep = [x for x in keep if x not in rest]
        else:
            keep = [x for x in keep if x is not c]
    return keep


# a claim of responsibility that goes on to give the claimant's own toll (F1 of the fresh texts, session 11)
_CLAIM_SAYING = re.compile(
    r"\bclaimed\s+(?:responsibility|the\s+(?:attack|assault|bombing|ambush|raid|operation))\b[^.;]{0,120}?,\s*"
    r"(?:saying|claiming|adding)\b",
    re.IGNORECASE,
)


def _sentence_end(text: str, at: int) -> int:
    end = find_after(text, ".", at)
    return end if end >= 0 else len(text)


def _drop_earlier_events(text: str, clauses: list[Clause]) -> list[Clause]:
    """Drop the casualty statements that hold or are followed, before the sentence ends, by a time before the event
    (``_EARLIER_TIME``; at most 60 characters after the statement and no other casualty statement between)."""
    if not clauses or not _EARLIER_TIME.search(text):
        return clauses
    starts = sorted(c.evidence[0] for c in clauses)
    keep = []
    for c in clauses:
        end = c.evidence[1]
        limit = min([end + 60] + [x for x in starts if x > end])  # never past the next statement
        stop = min([x for x in (text.find(".", end, limit), text.find(";", end, limit)) if x >= 0] or [limit])
        if c.role != "zero" and _EARLIER_TIME.search(text, c.evidence[0], stop):
            continue
        keep.append(c)
    return keep


_INCLUDING_OPEN = re.compile(r"\s*,?\s*(?:including|among\s+them)\s", re.IGNORECASE)


def _included_tail(text: str, m: re.Match[str], kind: str) -> list[Clause]:
    """ "At least three guards, including their commander and six gunmen were killed": the
    list after "including" has no closing comma, so its last counted item may be a second subject. It is, when the
    items named inside would outnumber the figure they are part of (the commander and six > three): 3 + 6 killed.
    Within the figure ("Ten people, including a child and two women, were killed") it stays a subset."""
    app = m.group("app")
    opened = _INCLUDING_OPEN.match(app)
    cut = app.rfind(" and ")
    if opened is None or cut <= opened.end() or app.rstrip().endswith(","):
        return []
    t0 = m.start("app") + cut + len(" and ")
    tail = [c for c in _items(text, t0, m.end("app"), kind) if c.value]
    head = [c for c in _items(text, *m.span("items"), kind) if c.value]
    if not tail or not head or tail[0].start != t0:
        return []
    named = [q.value for q in find_quantities(app[opened.end() : cut]) if q.value] or [1]
    if sum(named) + sum(c.value or 0 for c in tail) <= sum(c.value or 0 for c in head):
        return []
    return [dataclasses.replace(c, statement=m.span()) for c in tail]


# "wounded three people, a policeman and two civilians", "Five people were killed - two policemen and three
# civilians - in ...": the counted list right after a group word (people, civilians, ...; numbers_lexicon.csv
# group_noun) says who they were; "killed six people, four of them children": a part of the figure
_APPOSITION_GAP = re.compile(
    rf"(?:\s+(?:(?:were|was|had\s+been|have\s+been)\s+)?(?:{_KILL_PASSIVE}|{_WOUND_PASSIVE}))?"
    r"\s*(?:,|:|\(|\s[-–—]|[–—])\s*",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"\s*(?:,\s*and|,|and|&)\s+", re.IGNORECASE)
_PARTITIVE_OF = re.compile(r"[\w\-]+\s+of\s+(?:them|whom|those|these)\b", re.IGNORECASE)
# after the list: it is the subject of a verb of its own ("three people, two soldiers were also killed")
_OWN_VERB = re.compile(r"\s+(?:were|was|are|is|have|has|had|died|also)\b", re.IGNORECASE)


@functools.cache
def _group_nouns() -> frozenset[str]:
    return frozenset(w.removesuffix("s") for w in _lexicon().get("group_noun", {}))


@functools.cache
def _armed_nouns() -> frozenset[str]:
    """Counted words for armed men (numbers_lexicon.csv armed_noun, singular): never a kind of civilian."""
    return frozenset(_lexicon().get("armed_noun", {}))


def _drop_apposition(text: str, clauses: list[Clause]) -> list[Clause]:
    """Drop the counted list that restates the figure just before it: after a group word when the items add up
    to no more than its figure ("three people, a policeman and two civilians": 3), or one partitive part
    ("six people, four of them children": 6). Not when the list has a verb of its own or says it adds."""
    counted = sorted(
        (c for c in clauses if c.role == "count" and c.value and c.kind in ("killed", "wounded", "kow")),
        key=lambda c: c.start,
    )
    drop: set[int] = set()
    for i, head in enumerate(counted):
        if id(head) in drop:
            continue
        run = []
        prev = head
        for c in counted[i + 1 :]:
            gap = _APPOSITION_GAP if prev is head else _LIST_GAP
            if c.kind != head.kind or not gap.fullmatch(text, prev.end, c.start):
                break
            run.append(c)
            prev = c
        if (
            not run
            or _OWN_VERB.match(text, run[-1].end)
            or any(_RESTATE_ADDS.search(text, c.start, c.end) for c in run)
        ):
            continue
        total = sum(c.value or 0 for c in run)
        part = len(run) == 1 and _PARTITIVE_OF.match(text, run[0].start, run[0].end)
        group = _noun_class(text[head.start : head.end])
        if total > (head.value or 0) or not (part or group in _group_nouns()):
            continue
        if group == "civilian" and any(_noun_class(text[c.start : c.end]) in _armed_nouns() for c in run):
            continue  # "12 civilians, three soldiers and two police officers": armed men are others (review, s11)
        drop.update(id(c) for c in run)
    return [c for c in clauses if id(c) not in drop] if drop else clauses


# a figure told again in a later sentence of the same passage ("At least seven gunmen were killed ... Seven gunmen
# were killed and four detained"; "12 insurgents were killed ... killing at least 12
# attackers"): the same people, counted once. Nouns of one class name the same people: the attackers' words are one
# class (militants/attackers/suspects...), any other noun only itself (singular or plural)
_RESTATE_PERP = re.compile(
    r"(?:suicide\s+)?(?:bomber|attacker|assailant|perpetrator|gunm[ae]n|shooter|terrorist|militant|insurgent|"
    r"suspect|rebel|fighter|extremist|miscreant)s?$",
    re.IGNORECASE,
)
# "another five", "five more", "also", "other": the later figure says it adds to the earlier one
_RESTATE_ADDS = re.compile(
    r"\b(?:another|other|others|more|further|also|additional|too|as\s+well)\b", re.IGNORECASE
)


_COUNT_LEAD = frozenset(
    "at least more than about nearly some around over up to as many a total of all the another almost roughly "
    "approximately".split()
)


_PARTITIVE_IN_CLASS = re.compile(
    rf"\s+(?:out\s+)?of\s+(?:the\s+|those\s+|these\s+)?(?:\d+|{NUMBER_WORDS_TO_TEN}|eleven|twelve)\b(?=\s+[a-z])",
    re.IGNORECASE,
)
_NOUN_CLASS_END = frozenset(
    # "four fighters belonging to the outlawed group": the fighters, not the group
    "in at near on of from during inside outside across after before when while by with belonging linked affiliated "
    "loyal associated allied who".split()
)


def _noun_class(phrase: str) -> str | None:
    """The people a counted phrase names: "perp" for the attackers' words ("five suspected militants"), else its
    last word without a plural ending ("two policemen" -> "policeman"); "" for a number alone ("managed to kill
    4"); None when the phrase does not open with a count (another rule's statement: not compared)."""
    phrase = _PARTITIVE_IN_CLASS.sub(" ", re.sub(r"\([^()]*\)", " ", phrase))  # "three out of 10 militants"
    words = re.findall(r"[\w\-]+", phrase.lower())
    if words[:1] in (["a"], ["an"]) and words[1:2] != ["total"]:
        words[0] = "one"  # "A demonstrator died ... one demonstrator was killed": one person, told twice
    i = 0
    while i < len(words) and words[i] in _COUNT_LEAD:
        i += 1
    if i >= len(words) or not (words[i][0].isdigit() or words[i] in _NUMBER_WORDS):
        return None
    rest = [w for w in words[i + 1 :] if w not in _NUMBER_WORDS]
    cut = next((k for k, w in enumerate(rest) if k and w in _NOUN_CLASS_END), len(rest))
    rest = rest[:cut]  # "four people in Kano": the people, not the place
    if not rest:
        return ""
    if _RESTATE_PERP.search(" ".join(rest)):
        return "perp"
    return re.sub(r"m[ae]n$", "man", rest[-1]).removesuffix("s")


# a later sentence that tells of another scene: its own word for it ("In a separate attack", "elsewhere"), or a
# place or weekday that the earlier sentence names otherwise ("... in Kano on Monday. ... in Kaduna on Tuesday")
_OTHER_SCENE = re.compile(
    r"(?i)\b(?:separate(?:ly)?|elsewhere|meanwhile|in\s+another|the\s+(?:next|following)\s+day|a\s+day\s+later)\b"
)
_SCENE_PLACE = re.compile(r"\b(?:in|at|near)\s+([A-Z][\w'’-]+)")
_SCENE_DAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _another_scene(text: str, earlier: int, later: int) -> bool:
    """Whether the sentence at ``later`` tells of another place or day than the one at ``earlier``."""
    first, second = _sentence_of(text, earlier), _sentence_of(text, later)
    if _OTHER_SCENE.search(second):
        return True
    for rx in (_SCENE_PLACE, _SCENE_DAY):
        a, b = set(rx.findall(first)), set(rx.findall(second))
        if a and b and not a & b:
            return True
    return False


def _drop_restated(text: str, clauses: list[Clause]) -> list[Clause]:
    """Drop a counted clause that repeats, in a later sentence, the same figure of the same people (same field,
    value and noun class; the later one with no noun of its own counts as the same people). Not when the later
    statement says it adds ("another", "more", "also", "other") or lies in the same sentence ("killing 3 soldiers
    and 3 civilians")."""
    counted = sorted(
        (
            c
            for c in clauses
            if c.role in ("count", "perpetrator") and c.value and c.kind in ("killed", "wounded")
        ),
        key=lambda c: c.start,
    )
    if len(counted) < 2:
        return clauses
    drop: set[int] = set()

    def people(c: Clause) -> str | None:
        # "One terrorist was killed" (the attacker told dead: a perpetrator clause) names the attackers
        return "perp" if c.role == "perpetrator" else _noun_class(text[c.start : c.end])

    for i, later in enumerate(counted):
        own = people(later)
        if own is None:
            continue
        stmt = text[later.evidence[0] : later.evidence[1]]
        if _RESTATE_ADDS.search(stmt):
            continue
        later_sentence = max(rfind_before(text, ". ", later.start), rfind_before(text, ".\n", later.start))
        for earlier in counted[:i]:
            if (
                earlier.kind != later.kind
                or earlier.value != later.value
                or id(earlier) in drop
                or later_sentence < earlier.start  # same sentence
                or _another_scene(text, earlier.start, later.start)
            ):
                continue
            theirs = people(earlier)
            if theirs and (own == "" or own == theirs):
                drop.add(id(later))
                break
    return [c for c in clauses if id(c) not in drop] if drop else clauses


# a party's own account of whom it killed: "Al Shabaab said on its radio that it had killed 23 soldiers", "the
# ministry said it had 'neutralised two PKK terrorists'", "the army said its troops killed 15 of the militants"
_OWN_ACCOUNT = re.compile(
    r"\b(?:said|says|claimed|claims|announced|stated|reported)\b[^.;]{0,80}?\s(?:that\s+)?"
    r"(?:it|they|its\s+(?:[\w\-]+\s+)?(?:troops|forces|fighters|men|soldiers|units)|their\s+(?:[\w\-]+\s+)?(?:fighters|men|forces))"
    r"\s+(?:had\s+|have\s+|has\s+)?[\"'“‘]?(?:killed|neutrali[sz]ed|eliminated|shot\s+dead)\b",
    re.IGNORECASE,
)
# the attackers' words, in a noun class ("perp", "bandit") or in a sentence ("Gunmen killed four people")
_ATTACKERS = re.compile(
    r"\b(?:perp|(?:suicide\s+)?(?:bomber|attacker|assailant|gunm[ae]n|shooter|terrorist|militant|insurgent|rebel|"
    r"extremist|bandit|raider|jihadist|kidnapper|gunman)s?)\b",
    re.IGNORECASE,
)
# a word for people that says nothing of their side ("two members of the YBS"): compared by figure alone
_NEUTRAL_CLASS = frozenset({"", "member", "person", "people", "individual", "man", "men"})


def _drop_other_account(text: str, clauses: list[Clause]) -> list[Clause]:
    """A party's own count of whom it killed, when another sentence already gives the dead of the same people (the
    same noun class, or the same figure when either noun is neutral): a second account of the same victims, not
    more dead; the lowest is kept (ACLED's rule). so02: 6 soldiers killed (an officer) + "its troops killed 15 of
    the militants" + the group's "it had killed 23 soldiers" is 21, not 44."""
    accounts = [m for m in _OWN_ACCOUNT.finditer(text)]
    if not accounts:
        return clauses
    counted = [c for c in clauses if c.kind == "killed" and c.value and c.role in ("count", "perpetrator")]
    drop: set[int] = set()
    for m in accounts:
        end = _sentence_end(text, m.end())
        for c in counted:
            if not (m.end() - 1 <= c.start < end) or id(c) in drop:
                continue
            own = _noun_class(text[c.start : c.end])
            if own is None:
                continue
            mine = _sentence_bounds(text, c.start)
            for x in counted:
                if x is c or id(x) in drop or _sentence_bounds(text, x.start) == mine:
                    continue
                if any(a.end() - 1 <= x.start < _sentence_end(text, a.end()) for a in accounts):
                    continue  # two parties' claims: each its own victims
                theirs = _noun_class(text[x.start : x.end])
                if theirs is None:
                    continue
                if theirs in _NEUTRAL_CLASS and _ATTACKERS.fullmatch(own or "-") and _ATTACKERS.search(
                    text, _sentence_bounds(text, x.start)[0], x.start
                ):
                    continue  # "Gunmen killed four people ... its soldiers killed four bandits": the attackers' victims
                if own == theirs or (x.value == c.value and (own in _NEUTRAL_CLASS or theirs in _NEUTRAL_CLASS)):
                    drop.add(id(c) if (c.value or 0) >= (x.value or 0) else id(x))
                    break
    return [c for c in clauses if id(c) not in drop] if drop else clauses


@functools.cache
def _died_where() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alt(list(_lexicon().get('died_where', {})))})\b", re.IGNORECASE)


_BODIES_WORD = re.compile(r"\bbod(?:y|ies)\b", re.IGNORECASE)


def _drop_part_told_after(text: str, clauses: list[Clause]) -> list[Clause]:
    """Drop a smaller killed figure told in a later sentence as a part of the toll told before it: where some of
    the dead died ("Eight people lost their lives ... Five passengers died on the spot": 8) or the bodies recovered
    ("killing 9 people. Rescue workers pulled six bodies from the debris": 9). The later figure names the same
    people (no noun, the same noun, or one kind of the group word before), says nothing adds ("more", "also",
    "another") and tells no other scene; a figure above the toll is another group's (summed as before)."""
    counted = sorted(
        (c for c in clauses if c.role == "count" and c.value and c.kind == "killed"), key=lambda c: c.start
    )
    if len(counted) < 2:
        return clauses
    drop: set[int] = set()
    for i, later in enumerate(counted):
        a, b = _sentence_bounds(text, later.start)
        stmt = text[later.evidence[0] : later.evidence[1]]
        bodies = bool(_BODIES_WORD.search(stmt))
        if _RESTATE_ADDS.search(stmt) or not (bodies or _died_where().search(text, later.evidence[0], b)):
            continue
        own = _noun_class(text[later.start : later.end])
        for earlier in counted[:i]:
            if id(earlier) in drop or earlier.start >= a or _another_scene(text, earlier.start, later.start):
                continue
            theirs = _noun_class(text[earlier.start : earlier.end])
            if theirs is None or own is None:
                continue
            same = own in ("", "body", theirs) or (theirs in _group_nouns() and own not in _armed_nouns())
            if same and (later.value or 0) <= (earlier.value or 0) - (0 if bodies else 1):
                drop.add(id(later))
                break
    return [c for c in clauses if id(c) not in drop] if drop else clauses


_N = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
_HOSTAGES = re.compile(r"\b(?:hostages|captives|abductees|kidnap(?:ping)?\s+victims)\b", re.I)
_ABDUCTED = re.compile(r"\b(?:abducted|kidnapped|taken\s+hostage|taken\s+captive)\b", re.I)
_THIS_INCIDENT = re.compile(r"\bin\s+this\s+(?:attack|incident|assault|clash|raid|blast|explosion)\b", re.I)


@functools.cache
def _series_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = _alt(list(_lexicon()["series_noun"]))
    one_of = re.compile(
        rf"\bone\s+of\s+(?:the\s+)?(?P<least>at\s+least\s+)?(?P<n>{_N})\s+(?:[\w-]+\s+){{0,4}}?(?:{nouns})\b",
        re.I,
    )
    across = re.compile(
        rf"\b(?:across|in|during|throughout|from|as\s+a\s+result\s+of)\s+(?:all\s+of\s+)?(?:(?P<both>both)|(?:the\s+|these\s+|all\s+)?"
        rf"(?P<n>{_N})?)\s*(?:(?!(?:{nouns})\b)[\w-]+\s+){{0,2}}?(?:{nouns})\b",
        re.I,
    )
    return one_of, across


def _series_share(text: str, cas: Casualties) -> Casualties:
    """A total told across a series of incidents, divided evenly among them (CODEBOOKS §1.6).

    "This was one of three related attacks ... 14 were killed across the attacks": the passage tells one
    incident of three, and its figure is the whole series'. Stored whole on each incident it would be counted
    three times in the dataset, so each incident gets its share, rounded down so that the shares never add up
    to more than the stated total (ACLED gives the remainder to the first incident; which one that is, a single
    report does not say, so the remainder stays with the total in ``series``). A total smaller than the number of
    incidents gives no share: the field stays null (this incident's figure is not known) and ``series`` keeps the
    total. Only when the passage says this incident is "one of N" is anything divided; a document that tells
    its own event "in the two blasts" keeps its figure whole (SCHEMA: a shared figure is stored once, whole).
    A figure told in a sentence that says "across/in/as a result of the attacks" is divided; one told for this
    incident ("two soldiers were killed in this attack") is kept whole and added to the shares of the others.
    "One of at least N attacks": the number of incidents is not known, so a total told across them gives no
    share (null, the total in ``series``).
    """
    if cas.killed is None and cas.wounded is None:
        return cas
    one_of, across = _series_patterns()
    head = one_of.search(text)
    if head is None:  # the passage never says this incident is one of several
        return cas

    def incidents_in(at: int) -> int | None:
        start = max(rfind_before(text, ". ", at), rfind_before(text, ".\n", at)) + 1
        stop = find_after(text, ". ", at)
        m = across.search(text[start : stop if stop >= 0 else len(text)])
        if m is None:
            # "40 people were abducted across the attacks ... The bodies of at least 18 hostages
            # were found": the dead are the hostages the series took, a total told across the same attacks
            if _HOSTAGES.search(text, start, stop if stop >= 0 else len(text)):
                for am in across.finditer(text):
                    a0 = max(rfind_before(text, ". ", am.start()), rfind_before(text, ".\n", am.start())) + 1
                    if a0 < start and _ABDUCTED.search(text, a0, am.start()):
                        return 2 if am.group("both") else parse_number(am.group("n") or head.group("n"))
            return None
        if start + m.start() > at and _THIS_INCIDENT.search(text, at, start + m.start()):
            return None  # "four were killed in this attack while 27 were killed across both clashes"
        if m.group("both"):
            return 2
        return parse_number(m.group("n") or head.group("n"))

    def parts(kind: str) -> list[tuple[int, int | None, Qualifier]]:
        # (value, incidents the figure is told across, None: told for this incident alone, its qualifier)
        return [
            (c.value or 0, incidents_in(c.start), c.qualifier)
            for c in cas.clauses
            if c.kind == kind and c.value
        ]

    def weakest(qs: list[Qualifier]) -> Qualifier:
        return max(qs, key=lambda q: _QUAL_RANK[q]) if qs else "exact"

    def share(kind: str, v: int | None) -> tuple[int | None, int | None, int | None, Qualifier]:
        """(this incident's figure, incidents the total was told across, that total as the text states it,
        the total's qualifier: "at least 101 killed across the attacks" is at_least)."""
        ps = parts(kind) if v else []
        ns = {n for _, n, _ in ps}
        if v is None or not ps or not any(n and n >= 2 for n in ns):
            return v, None, None, "exact"
        if head.group("least"):
            # "one of at least nine attacks ... 21 killed across the clashes": the share is not known
            return None, parse_number(head.group("n")), v, weakest([q for _, _, q in ps])
        if len(ns) == 1:
            # every figure of the field told "across the attacks": rounded down (the shares never add up to
            # more than the total); no share of a total below the number of incidents: unknown
            n = ns.pop()
            assert n is not None
            return (v // n or None), n, v, weakest([q for _, _, q in ps])
        if sum(x for x, _, _ in ps) == v:
            # "two soldiers were killed in this attack ... 20 gunmen were killed across all four attacks":
            # this incident's own figure whole, plus its share of each total told across the series;
            # "two killed across three of the attacks ... 20 across all four": each total divided by its own N.
            # The series keeps the total told across the most incidents (20 for 4), a figure the text states,
            # never own + total (22), which it does not.
            own = sum(x for x, n, _ in ps if n is None)
            most = max(n for n in ns if n)
            return (
                own + sum(x // n for x, n, _ in ps if n),
                most,
                sum(x for x, n, _ in ps if n == most),
                weakest([q for _, n, q in ps if n == most]),
            )
        return v, None, None, "exact"

    killed, nk, tk, qk = share("killed", cas.killed)
    wounded, nw, tw, qw = share("wounded", cas.wounded)
    n = nk or nw
    if n is None or n < 2:
        return cas
    return dataclasses.replace(
        cas,
        killed=killed,
        wounded=wounded,
        # a share is the text's total divided, not a figure the text states for this incident
        qualifier="approximate",
        series=(n, tk if nk else None, tw if nw else None),
        series_killed=(nk, qk) if nk else None,
        series_wounded=(nw, qw) if nw else None,
        series_at_least=bool(head.group("least")),
    )


_NUM = rf"(?:\d{{1,4}}|{NUMBER_WORDS_TO_TEN}|eleven|twelve)"
# a data note that splits the fatalities among events (ACLED: "Fatalities are split across 2 events (7)", "1 fatality
# split among 8 events", "unknown fatalities coded as 12 and spread over two locations")
_SPLIT_NOTE = re.compile(
    rf"\bfatalit\w*(?:\s+and\s+injuries)?\s+"
    rf"(?:(?:are|were|is|was|have\s+been|has\s+been)\s+)?(?:coded\s+(?:as|to)\s+(?P<coded>\d{{1,4}})\s*,?\s*(?:and\s+)?)?"
    rf"(?:split|spread|divided)\s+(?:up\s+)?(?:between|among|across)\s+(?P<n>{_NUM})\s+"
    rf"(?:events?|locations?|incidents?|places?|areas?)\b(?:\s*\((?P<k>\d{{1,4}})\))?",
    re.IGNORECASE,
)
# the note's own total before it ("1 fatality split among 12 events", "Unknown reported fatalities ..."): looked for
# in the few words before "fatalit..." only (a bounded window, so a long token costs no rescans)
_SPLIT_TOTAL = re.compile(rf"\b(?P<total>{_NUM})\s+(?:[\w-]+\s+){{0,3}}?$", re.IGNORECASE)


def _split_note(text: str, cas: Casualties) -> Casualties:
    """A data note that splits the fatalities among N events: this event's share.

    "Fatalities are split across 2 events (7)": the note states this event's figure (7). "Fatalities split
    between 2 events" after "15 were killed", "unknown fatalities coded as 12 and spread over two
    locations": the total (the note's own, else the figure the text reports) divided by N, rounded down like a
    series total (the shares never add up to more than the total; one below N gives no share: null), the total
    in ``series``. Only one such note, and only when no series share was taken already.
    """
    notes = list(_SPLIT_NOTE.finditer(text))
    if len(notes) != 1 or cas.series is not None:
        return cas
    m = notes[0]
    n = parse_number(m.group("n"))
    if n is None or n < 2:
        return cas
    if m.group("k"):
        qualifier = "exact" if cas.qualifier == "none_stated" else cas.qualifier
        return dataclasses.replace(cas, killed=int(m.group("k")), killed_span=m.span(), qualifier=qualifier)
    before = _SPLIT_TOTAL.search(text, max(0, m.start() - 60), m.start())
    told = m.group("coded") or (before.group("total") if before else None)
    total = parse_number(told) if told else cas.killed
    if total is None:
        return cas
    return dataclasses.replace(
        cas,
        killed=total // n or None,
        killed_span=m.span() if told or cas.killed_span is None else cas.killed_span,
        qualifier="approximate" if cas.qualifier != "none_stated" or told else cas.qualifier,
        series=(n, total, None),
        series_killed=(n, "exact"),
    )


def dataclass_replace_role(c: Clause, role: str) -> Clause:
    return dataclasses.replace(c, role=role)


_CAPITALISED_NON_VICTIMS = {
    "no",
    "it",
    "this",
    "that",
    "there",
    "one",
    "nobody",
    "none",
    "which",
    "who",
    "in",
    "on",
    "at",
    "however",
    "meanwhile",
    "police",
    "sources",
    "authorities",
    "officials",
    "reports",
    "according",
}


def _field(cs: list[Clause]) -> tuple[int | None, Qualifier | None, Span | None]:
    """Sum the clauses of one field; returns (value, qualifier, span)."""
    if not cs:
        return None, None, None
    counts = [c for c in cs if c.role in ("count", "perpetrator")]
    numbered = [c for c in counts if c.value is not None and c.role == "count"]
    singular = [c for c in cs if c.role == "singular"]
    totals = [c for c in cs if c.role == "total" and c.value is not None]
    zeros = [c for c in cs if c.role == "zero"]
    tolls = [c for c in cs if c.role == "toll" and c.value is not None]
    if tolls:  # "the death toll has risen to 11": the latest cumulative figure replaces the partial ones
        last = tolls[-1]
        return last.value, last.qualifier, last.evidence
    chosen = list(counts)
    if not numbered:
        chosen += singular
        if not chosen:
            chosen += [c for c in cs if c.role == "body"][:1]
        if not chosen and not totals:  # "were lynched ... 2 fatalities.": the tally
            chosen += [c for c in cs if c.role == "lynch"][:1]
        if not any(c.value is not None for c in chosen) and totals:
            chosen += totals[:1]
    if not chosen:
        chosen = zeros[:1]
    if not chosen:
        chosen = [c for c in cs if c.role == "total"][:1]
    if not chosen:
        return None, None, None
    values = [c.value for c in chosen if c.value is not None]
    span = (min(c.evidence[0] for c in chosen), max(c.evidence[1] for c in chosen))
    if not values:
        return None, "vague", span
    quals = [c.qualifier for c in chosen if c.value is not None]
    qual: Qualifier = max(quals, key=lambda q: _QUAL_RANK[q])
    if len(values) < len(chosen):
        qual = "at_least" if _QUAL_RANK[qual] < _QUAL_RANK["at_least"] else qual
    return sum(values), qual, span


def _combine(clauses: list[Clause], vehicles: list[Clause]) -> Casualties:
    by = {k: [c for c in clauses if c.kind == k] for k in ("killed", "wounded", "kow")}
    killed, kq, ks = _field(by["killed"])
    wounded, wq, ws = _field(by["wounded"])
    kow, cq, cs = _field(by["kow"])
    # "no casualties" zero statements yield to real figures elsewhere; a combined 0 is killed 0 + wounded 0
    if kow == 0 and all(c.role == "zero" for c in by["kow"]):
        kow, cq, cs = None, None, None
    qualifier: CasualtyQualifier = "none_stated"
    for q, present in ((kq, ks), (cq, cs), (wq, ws)):
        if present is not None and q is not None:
            qualifier = q
            break
    vvalue, _, vspan = _field(vehicles)
    return Casualties(
        killed=killed,
        wounded=wounded,
        killed_or_wounded=kow,
        qualifier=qualifier,
        killed_span=ks,
        wounded_span=ws,
        killed_or_wounded_span=cs,
        vehicles_destroyed=vvalue,
        vehicles_span=vspan,
        clauses=tuple(sorted(clauses, key=lambda c: c.start)),
    )
