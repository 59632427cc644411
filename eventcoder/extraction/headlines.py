"""Headlines and short wire items read as a coder reads them (owner: headlines).

A headline tells its incident in the present tense and in few words ("Boko Haram Beheads Woodcutters In Borno",
"Village chief slain in Camarines Norte town", "Maoists burn 6 road construction vehicles in Jharkhand"), while the
event vocabulary (``data/taxonomy.csv``, segment's cue list) is written for report sentences in the past tense.
For a text that is a headline (one line of at most ``MAX_WORDS`` = 16 words, no sentence-final full stop) this module:

- ``has_incident_verb``: says whether the line has a headline incident verb (``data/headline_verbs.csv``);
- ``classify_headline``: types the line as its past-tense reading would be typed ("slain" -> "killed",
  "Burn Down" -> "burned", "Captures District" -> "took control of District"), with every evidence span mapped
  back onto the headline as written (the rewritten words cover exactly the headline's own words);
- ``actor_country``: the home country of a group named in the text when the text names no country
  (``data/actor_countries.csv``: "Boko Haram" -> NG; ``data/headline_country_words.csv``: force acronyms and press
  shorthand such as "CRPF", "J&K", "KDF", "Pak"), a hint the geocoder weighs as a mention: a place the
  gazetteer finds only elsewhere still wins (geocode's mention bases).

Ordinary sentence text (ACLED notes, GTD summaries, articles) is never read by these rules: callers apply them
to headline lines only, and only where the sentence rules found nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from eventcoder.datafiles import data_rows, group_areas
from eventcoder.extraction import _re as re  # re with compiled patterns kept on disk (cold start)
from eventcoder.extraction.places import country_by_iso

__all__ = [
    "MAX_WORDS",
    "is_headline",
    "has_incident_verb",
    "past_tense_view",
    "classify_headline",
    "actor_country",
    "group_countries",
    "tells_no_incident",
    "reaction_cut",
    "repel_split",
    "repel_by_split",
    "opens_with_verb",
    "scene_country",
    "speaker_end",
    "group_table",
    "capture_split",
    "capture_roles",
    "not_origin",
]

MAX_WORDS = 16  # as segment's title lines; ACLED notes without a final full stop run longer (17-25 words)
# "seizes arms", "captures weapons cache": an object that is no territory
_NOT_TERRITORY = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:arms|weapons?|ammunition|explosives?|drugs?|cache|consignment|vehicles?|cars?|"
    r"trucks?|boats?|cash|money|contraband|narcotics|heroin|cocaine|hashish|phones?|documents?)\b",
    re.IGNORECASE,
)


def is_headline(text: str) -> bool:
    """One line of at most MAX_WORDS words that does not end as a sentence does ("... the official added.")."""
    line = text.strip()
    if not line or "\n" in line:
        return False
    if line.endswith(".") and not line.endswith(("...", "..")):
        return False
    return len(line.split()) <= MAX_WORDS


@dataclass(frozen=True)
class _Verb:
    rx: re.Pattern[str]
    reads_as: str
    territory: bool  # "took control of": not before an object that is no territory
    capture: bool  # "fell to": a place taken, told in the passive (only where ``_capture_at`` accepts it)


@functools.cache
def _verbs() -> tuple[_Verb, ...]:
    rows = data_rows("headline_verbs.csv")
    return tuple(
        _Verb(
            re.compile(r"(?<![\w-])(?<!\w['’])(?:" + r["form"] + r")(?![\w'’-])", re.IGNORECASE),
            r["reads_as"],
            r["reads_as"] == "took control of",
            r["reads_as"] == "fell to",
        )
        for r in rows
    )


# "Army base falls to Taliban", "Military post overrun by al-Shabaab", "District HQ seized by Taliban": a place
# taken by the party after the verb (CODEBOOKS 1.1: Battles / Non-state actor overtakes territory, the taker
# actor1), never "Death toll falls to 12" (no party takes it) nor "Weapons seized by police" (no place is taken)
_TAKER_PREFIX = re.compile(r"\s+(?:the\s+)?(?:suspected\s+|armed\s+|heavily\s+armed\s+)?", re.IGNORECASE)
_TAKER_NOUN = re.compile(
    r"(?:\w+\s+)?(?:militants|rebels|insurgents|jihadists|extremists|terrorists|gunmen|fighters|bandits|"
    r"separatists|militias?|militiamen|troops|soldiers|forces|army)\b",
    re.IGNORECASE,
)
# the subject of "seized/captured/taken by" must be a place (a person seized is an abduction or an arrest)
_PLACE_SUBJECT = re.compile(
    r"\b(?:bases?|airbase|town|city|village|district|post|outpost|check\s?-?posts?|checkpoints?|camps?|"
    r"headquarters|hq|capital|province|county|area|territory|barracks|garrison|hill(?:top)?|airport|port|"
    r"crossing|station|positions?|stronghold|enclave|island|oil\s?field|compound|fort)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# a quantity that falls to a figure or a post that falls to a person
_QUANTITY_SUBJECT = re.compile(
    r"\b(?:toll|rate|number|numbers|price|prices|figure|turnout|inflation|currency|rupee|naira|shares|index|"
    r"output|temperature|level|levels|count|total|responsibility|task|job|duty|presidency|seat|title|crown)\s*$",
    re.IGNORECASE,
)


def _capture_at(text: str, start: int, end: int) -> bool:
    """Whether the passive capture verb at text[start:end] has a taker after it and a place before it."""
    head = text[:start]
    if not head.strip() or _QUANTITY_SUBJECT.search(head):
        return False
    if not text[start:end].lower().startswith(("fall", "fell", "overrun")) and not _PLACE_SUBJECT.search(head):
        return False
    pre = _TAKER_PREFIX.match(text, end)
    at = pre.end() if pre else end
    if _TAKER_NOUN.match(text, at):
        return True
    from eventcoder.extraction.actors import find_actors

    return any(
        m.start <= at + 1 and m.end > at and m.inter != 7 and m.role != "label" and m.actor
        for m in find_actors(text, None, 0)
    )


def capture_split(text: str) -> tuple[int, int] | None:
    """(start, end) of a headline's passive capture verb with its taker after it ("Army base | falls to |
    Taliban"), else None."""
    if not is_headline(text):
        return None
    for s, e, reading in _verb_matches(text):
        if reading == "fell to":
            return s, e
    return None


def capture_roles(mentions: list[Any], vstart: int, vend: int) -> tuple[Any, Any]:
    """(taker, defender) of a passive capture: the taker is the first party named after the verb, the defender
    the last one named before it ("Army base falls to Taliban": Taliban, the army); a civilian is neither."""
    real = [m for m in mentions if m.role != "label" and m.actor and m.inter != 7]
    after = [m for m in real if m.start >= vend]
    taker = after[0] if after else None
    before = [m for m in real if m.end <= vstart]
    defender = before[-1] if before else None
    if defender is not None and taker is not None and defender.actor == taker.actor:
        defender = None
    return taker, defender


def _weather_noun_at(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is the weather noun "storm" ("Storm Damages Power Pylons", "Tropical Storm Kills
    12"), not the verb ("Troops storm rebel base"): taxonomy's reading of a weather subject."""
    from eventcoder.extraction.taxonomy import weather_noun_spans

    return any(s <= start and end <= e for s, e in weather_noun_spans(text))


def _verb_matches(text: str) -> list[tuple[int, int, str]]:
    """(start, end, past-tense reading) of each headline verb, first row first when two overlap."""
    taken: list[tuple[int, int, str]] = []
    for v in _verbs():
        for m in v.rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e, _r in taken):
                continue
            if v.territory and _NOT_TERRITORY.match(text, m.end()):
                continue
            if v.capture and not _capture_at(text, m.start(), m.end()):
                continue
            if _weather_noun_at(text, m.start(), m.end()):
                continue  # "Storm Kills 5 In Dhaka": the weather noun, no verb "stormed" (review E, session 9)
            taken.append((m.start(), m.end(), v.reads_as))
    return sorted(taken)


@functools.cache
def _reaction_nouns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """An incident told as a noun after a reaction ("condemns razing of offices", "shock over herdsmen's killings"):
    data/headline_reaction_nouns.csv, read only after a reaction verb (``reaction_cut``)."""
    return tuple(
        (re.compile(r"(?<![\w-])(?:" + r["form"] + r")(?![\w'’-])", re.IGNORECASE), r["reads_as"])
        for r in data_rows("headline_reaction_nouns.csv")
    )


def _matches(text: str) -> list[tuple[int, int, str]]:
    """The headline verbs, and after a reaction verb the incident nouns it reacts to, in text order."""
    taken = _verb_matches(text)
    cut = _reaction_at(text, taken)
    if cut is None:
        return taken
    for rx, reading in _reaction_nouns():
        for m in rx.finditer(text, cut[1]):
            if not any(m.start() < e and s < m.end() for s, e, _r in taken):
                taken.append((m.start(), m.end(), reading))
    return sorted(taken)


# a reaction to an incident: the speaker who condemns, mourns, vows, denies, blames, probes or is shocked by it is
# no party to it ("Hezbollah condemns bombing in Damascus", "CHR probes ambush of 3 soldiers in Albay", "Taliban
# deny involvement in Kabul bombing"); "X blames/accuses Y for/of": an accusation, Y is no finding either
_REACTION = re.compile(
    r"\b(?:condemn(?:s|ed|ing)?|mourns?|mourning|(?:vows?|vowed)(?=\s+(?:revenge|retaliation|retribution|justice|action|to\s))|"
    r"den(?:y|ies|ied)\s+(?:any\s+)?(?:involvement|role|hand|links?|responsibility|part)\s+(?:in|for|with|behind|of)|"
    r"slams?|slammed|decr(?:y|ies|ied)|denounc(?:es?|ed)|deplor(?:es?|ed)|regrets?|regretted|"
    r"(?:express(?:es|ed)?|voices?|voiced)\s+(?:deep\s+|grave\s+|great\s+)?(?:shock|concern|regret|outrage|grief|"
    r"sorrow|condolences?|sadness)\s+(?:over|at|about|for|on)|"
    r"(?:concerned|troubled|shocked|alarmed|saddened|outraged|worried|appalled|horrified)\s+(?:over|at|about|by)|"
    r"raises?\s+(?:the\s+)?alarm\s+(?:over|on|about)|urges?\s+calm\s+(?:after|following|over)|"
    r"probes?|probing|investigat(?:es?|ing)|(?:urges?|calls?\s+for|orders?|seeks?|launch(?:es)?)\s+(?:a\s+)?"
    r"(?:probe|investigation)\s+(?:into|on|of)|"
    r"(?:blames?|blamed|accuses?|accused)\s+(?P<who>(?:[\w'’.-]+\s+){1,5}?)(?:for|of|over)\b)",
    re.IGNORECASE,
)
# "has been/was accused of": a passive accusation names the accused as its subject, no speaker before it
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being)\s+$", re.IGNORECASE)


# an incident told before the reaction ("Report of shots fired at Enniskillen PSNI station results in fruitless
# probe", "One casualty in car explosion in Holon, police investigating"): the reaction frames nothing
_TOLD_BEFORE = re.compile(r"\b(?:shots?|fired|gunfire|casualt\w+|dead|wounded|injured|hurt)\b", re.IGNORECASE)


def _reaction_at(text: str, verbs: list[tuple[int, int, str]], accused: bool = True) -> tuple[int, int] | None:
    """(start, end) of the reaction words (with the accused of "blames X for": ``accused``) when a headline reacts to
    an incident it names after them, with no incident of its own told before them ("Gunmen kill 5, governor
    condemns attack" tells its incident first)."""
    if not is_headline(text):
        return None
    for m in _REACTION.finditer(text):
        if m.start() == 0 or _PASSIVE_BEFORE.search(text[: m.start()]):
            continue  # no speaker before the verb ("Probe Launched in ...", "NAS accused of killing civilians")
        head = text[: m.start()]
        if any(s < m.start() for s, _e, _r in verbs) or _INCIDENT_WORD.search(head) or _TOLD_BEFORE.search(head):
            return None
        end = m.end() if accused or m.group("who") is None else m.start("who")
        return m.start(), end
    return None


def reaction_cut(text: str, accused: bool = True) -> int:
    """Where the incident of a reaction headline begins ("Hezbollah condemns | bombing in Damascus"): every actor
    before it is the speaker (with ``accused``, the accused too: "Pakistan blames India for | Quetta blast"; an
    accusation is no finding), no party to the incident; 0 when the text is no reaction headline."""
    cut = _reaction_at(text, _verb_matches(text), accused)
    return 0 if cut is None else cut[1]


# "Maldives police say bomb blast targeting Nasheed 'act of terror'", "Malian armed forces say 11 dead after ambush":
# the party that reports an incident; not "Army says it killed 12" (its own claim), "Houthis say attacked Saudi
# airbase" (a claim without its pronoun), nor "Five soldiers said killed" (the dead, reportedly)
_SAYS = re.compile(
    r"\b(?:says?|said|tells?|told)\b(?!\s+(?:it|they|he|she|we|i|its|their|his|her|our|to\s+be)\b)"
    r"(?<!said)(?<!told)|\bsaid\b(?!\s+(?:it|they|he|she|we|i|its|their|his|her|our|to\s+(?:be|have))\b)"
    r"(?!\s+(?:killed|dead|died|wounded|injured|hurt|missing|kidnapped|abducted|slain|martyred)\b)",
    re.IGNORECASE,
)


def speaker_end(text: str) -> int:
    """End of "X say(s)" that opens a headline reporting an incident it does not claim ("Cameroon Military Says Rebels
    Turning to IEDs", "Buhari Mourns Gulak, As Police Say Assassins Killed"), with no incident told before it; 0 when
    there is none. The extractor reads no state force or official before it as a party (it reports the incident)."""
    if not is_headline(text):
        return 0
    m = _SAYS.search(text)
    if m is None or m.start() == 0:
        return 0
    head = text[: m.start()]
    if _INCIDENT_WORD.search(head) or _TOLD_BEFORE.search(head) or _matches(head):
        return 0
    if re.match(r"\s+\w+ed\b", text[m.end() :]):
        return 0  # "Houthis say attacked Saudi border airbase": a claim
    return m.end()


def opens_with_verb(text: str) -> bool:
    """A headline that opens with its incident verb ("Targeting a convoy of the International Coalition in
    Diwaniyah", "Slain Police Officer ..."): it names no subject, so no party it names is the actor."""
    if not is_headline(text):
        return False
    verbs = _verb_matches(text)
    return bool(verbs) and verbs[0][0] == len(text) - len(text.lstrip())


# "AMISOM repulsed an Al Shabaab attack", "Kenyan police repulse militants": the side that repels is the one
# attacked (actor2), the attacker the initiator (actor1); passive ("attack on district repulsed") is read as written
_REPEL = re.compile(
    r"\b(?:repel(?:s|led|ling)?|repuls(?:es?|ed|ing)|fights?\s+off|fought\s+off|beats?\s+back|beat\s+back|"
    r"fends?\s+off|fended\s+off|push(?:es|ed)?\s+back)(?=\s+(?!(?:in|at|near|on|as|after|by|from|into|during|"
    r"amid|while|with|to|for|ahead)\b)['‘’\w])",
    re.IGNORECASE,
)


def repel_split(text: str) -> tuple[int, int] | None:
    """(start, end) of an active repel verb with its object after it in a headline ("Troops repel Boko Haram attack
    on Marte"), else None."""
    if not is_headline(text):
        return None
    m = _REPEL.search(text)
    if m is None or m.start() == 0 or _PASSIVE_BEFORE.search(text[: m.start()]):
        return None
    if any(s < m.start() for s, _e, _r in _verb_matches(text)):
        return None  # "Boko Haram burns police station as troops repel attack": the first incident leads
    return m.start(), m.end()


# the passive with its agent ("Al Shabaab attack repelled by AMISOM in Lower Shabelle"): the attack's side named
# before the verb began it, the side after "by" repelled it (review, session 8: AMISOM was actor1)
_REPEL_BY = re.compile(
    r"\b(?:repelled|repulsed|fought\s+off|beaten\s+back|fended\s+off|pushed\s+back)\s+by\b", re.IGNORECASE
)


def repel_by_split(text: str) -> tuple[int, int] | None:
    """(start, end) of a passive repel verb with "by" in a headline, the attack told before it ("Al Shabaab attack
    repelled by AMISOM"), else None."""
    if not is_headline(text):
        return None
    m = _REPEL_BY.search(text)
    if m is None or not _ATTACK_NOUN.search(text[: m.start()]):
        return None
    return m.start(), m.end()


_ATTACK_NOUN = re.compile(r"\b(?:attacks?|assaults?|raids?|offensive|incursions?|ambush(?:es)?)\b", re.IGNORECASE)


# a headline that tells no incident of its own though it names one (session 7 review): a denial ("Police deny
# killing protesters"), an intention, threat or promise ("Boko Haram threatens to attack Abuja", "Taliban says it
# will not attack schools"), footage of an earlier event ("Boko Haram video shows kidnapped girls"), and a burial
# or mourning of the dead of an earlier one ("Slain Police Officer Buried at Jayapura")
_INCIDENT_BASE = (
    r"(?:kill|attack|abduct|kidnap|bomb|strike|hit|target|fight|storm|raid|capture|seize|destroy|burn|execute|"
    r"behead|shoot|invade|retake|overrun|ambush|massacre|assassinate)"
)
_NO_INCIDENT_FRAME = re.compile(
    r"\bden(?:y|ies|ied)\b"
    # a denial of a capture or of a report of one ("Governor Rejects District Fall to Taliban", session 9)
    r"|\b(?:rejects?|rejected|dismiss(?:es|ed)?|refutes?|refuted)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:fall|capture|takeover|claims?|reports?|rumou?rs?)\b"
    # a court's news of an earlier incident ("Man sentenced to death for killing 7 in Kano")
    r"|\b(?:sentenced|sentences?|convicted|convicts?|jailed|jails?|acquitted|acquits?|arraigned|indicted|pleads?\s+guilty)\b"
    r"|\b(?:vows?|vowed|threatens?|threatened|pledges?|pledged|promises?|promised|(?:says?|said)\s+"
    r"(?:it|they|he|she|we)\s+(?:will|would|won['’]t))\s+(?:to\s+)?(?:not\s+)?(?:\w+\s+)?"
    + _INCIDENT_BASE
    + r"\b",
    re.IGNORECASE,
)
# a digest of many incidents over weeks or months ("Iraq Monthly Roundup: 166 Killed in April", "Timeline: Attacks on
# Afghanistan's Hazara", "World: Attacks on Health Care Monthly News Brief - June 2021"): no one incident (session 9)
_DIGEST = re.compile(
    r"^(?:[\w’' .-]{0,40}:\s*)?(?:timeline|factbox)\s*:|\b(?:monthly|weekly|bi-weekly|quarterly|annual)\s+"
    r"(?:news\s+)?(?:roundup|round-up|brief|review|update|report|digest|summary)\b",
    re.IGNORECASE,
)
_FOOTAGE = re.compile(r"\b(?:video|videos|footage|photos?|images?|pictures?)\s+(?:shows?|showing|of)\b", re.IGNORECASE)
_MOURNING = re.compile(
    r"\b(?:buried|burial|laid to rest|funerals?\s+(?:held|prayers?|of|for)|mourns?|mourned|bids?\s+farewell|"
    r"pays?\s+(?:last\s+)?(?:tributes?|respects))\b",
    re.IGNORECASE,
)
# what still tells an incident beside footage or mourning ("IS images show 'raid on barracks'", "Buhari Mourns
# Gulak, As Police Say Assassins Killed"); the dead's own adjective ("Slain", "Martyred") is none
_INCIDENT_WORD = re.compile(
    r"\b(?:attack\w*|raid\w*|bomb\w*|blasts?|explosions?|ambush\w*|assault\w*|clash\w*|fighting|strikes?|"
    r"massacre\w*|execut\w*|behead\w*|shooting|shot|gunmen|assassin\w*|kill(?:s|ed|ing)?|storm\w*)\b",
    re.IGNORECASE,
)


# a crime without violence that a reaction or an inquiry is about ("Police probe theft of missing funds", "EFCC
# investigates embezzlement"): no political violence and no demonstration (CODEBOOKS 1.1, GTD inclusion)
_NONVIOLENT_CRIME = re.compile(
    r"\b(?:thefts?|stolen|steal(?:ing|s)?|embezzl\w*|fraud\w*|graft|corruption|misappropriat\w*|brib\w*|"
    r"smuggl\w*|forger(?:y|ies)|scams?|money\s+laundering|tax\s+evasion|missing\s+(?:funds|money|cash))\b",
    re.IGNORECASE,
)


def tells_no_incident(text: str) -> bool:
    """A headline line whose frame tells no incident of its own: a denial, a court's news, a threat or promise ("Police
    deny killing protesters", "Man sentenced to death for killing 7", "Boko Haram threatens to attack Abuja", "Taliban
    says it will not attack schools") unless an incident verb of its own comes first; footage ("Boko Haram video
    shows kidnapped girls") or a burial/mourning ("Slain Police Officer Buried at Jayapura") that names no incident
    besides ("IS images show 'raid on barracks'", "Mourners killed as gunmen attack funeral" still tell one)."""
    if not is_headline(text):
        return False
    r = _reaction_at(text, _verb_matches(text))
    if r is not None and text[r[0] : r[0] + 3].lower() == "den":
        return False  # "Taliban deny involvement in Kabul bombing": the bombing is told (its actor is unknown)
    if (
        r is not None
        and _NONVIOLENT_CRIME.search(text, r[1])
        and not _INCIDENT_WORD.search(text)
        and not any(s >= r[1] for s, _e, _r in _verb_matches(text))
    ):
        return True  # "Police probe theft of missing funds": an inquiry into a crime without violence
    if _DIGEST.search(text):
        return True
    frame = _NO_INCIDENT_FRAME.search(text)
    if frame is not None:
        # an incident verb of its own before the frame tells the incident ("Gunmen kill 5, police deny negligence")
        return not any(s < frame.start() for s, _e, _r in _matches(text))
    if _FOOTAGE.search(text) or _MOURNING.search(text):
        own = [text[s:e].lower() for s, e, _r in _matches(text)]
        return not _INCIDENT_WORD.search(text) and all(w in ("slain", "martyred") for w in own)
    return False


def has_incident_verb(text: str) -> bool:
    """A headline line with an incident verb of its own ("Volunteer slain in Narathiwat")."""
    return is_headline(text) and bool(_matches(text))


def past_tense_view(text: str) -> tuple[str, Callable[[int, int], tuple[int, int]]]:
    """The line with each headline verb in its past-tense reading, and a map from a span of the view back to the
    span of the line (a span touching a rewritten verb covers the whole verb as written)."""
    parts: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []  # (view start, view end, text start, text end) of each rewrite
    pos = 0
    out_len = 0
    for s, e, reading in _matches(text):
        parts.append(text[pos:s])
        out_len += s - pos
        parts.append(reading)
        pieces.append((out_len, out_len + len(reading), s, e))
        out_len += len(reading)
        pos = e
    parts.append(text[pos:])
    view = "".join(parts)

    def to_text(pos_view: int, is_end: bool) -> int:
        shift = 0
        for vs, ve, ts, te in pieces:
            if pos_view < vs or (pos_view == vs and not is_end):
                break
            if pos_view < ve or (pos_view == ve and is_end):
                return te if is_end else ts
            shift = te - ve
        return pos_view + shift

    def span_map(a: int, b: int) -> tuple[int, int]:
        return to_text(a, False), to_text(b, True)

    return view, span_map


def classify_headline(text: str, offset: int = 0, **kwargs: Any) -> Any:
    """``taxonomy.classify`` of the past-tense reading of a headline line; spans point into the line as written
    (plus ``offset``). None when the line is no headline, has no headline verb, or still tells no event."""
    from eventcoder.extraction.taxonomy import classify

    if not is_headline(text) or not _matches(text):
        return None
    view, span_map = past_tense_view(text)
    span = kwargs.pop("actor2_span", None)
    if span is not None:
        span = _view_span(text, span[0] - offset, span[1] - offset)
    span1 = kwargs.pop("actor1_span", None)  # the attacker's own words, never its target (review session 9)
    if span1 is not None:
        span1 = _view_span(text, span1[0] - offset, span1[1] - offset)
    cls = classify(view, offset=0, actor2_span=span, actor1_span=span1, **kwargs)
    if cls is None:
        return None
    spans = {}
    for k, (a, b) in cls.spans.items():
        s, e = span_map(a, b)
        spans[k] = (s + offset, e + offset)
    return replace(cls, spans=spans)


def _view_span(text: str, a: int, b: int) -> tuple[int, int]:
    """A span of the line as written, moved into the past-tense view (words before it may change length)."""
    shift = 0
    for s, e, reading in _matches(text):
        if e <= a:
            shift += len(reading) - (e - s)
    return a + shift, b + shift


@functools.cache
def group_table() -> dict[str, tuple[str, ...]]:
    """actor -> (home country, other countries it is active in) from data/actor_countries.csv (the shared reader,
    ``datafiles.group_areas``)."""
    return {g.actor: g.countries for g in group_areas() if g.home}


def _actor_countries() -> dict[str, str]:
    return {a: isos[0] for a, isos in group_table().items()}


# fire from afar ("Hamas rockets on ...", "Houthi drone targets ...", "shells"): the launcher's home country says
# nothing of where the rounds land (session 7 review: Hamas rocket headlines went to the Palestinian Territory,
# Houthi drones over Saudi airports to Yemen)
_REMOTE_FIRE = re.compile(
    r"\b(?:rockets?|missiles?|mortars?|drones?|UAVs?|projectiles?|shell(?:s|ed|ing)?|airstrikes?|air strikes?)\b",
    re.IGNORECASE,
)


def group_countries(text: str) -> tuple[str, ...]:
    """Every country the first listed group named in ``text`` is active in, home first (data/actor_countries.csv
    ``also_active``: Boko Haram -> NG, CM, NE, TD); () when the text names no listed group. The geocoder reads a
    home-country hint of a group active in several countries as a choice among them, not as the scene. A force of
    one of them named beside it ("PKK attack Peshmerga forces"): that country alone."""
    hit = _hint(text, 0)
    return hit[0] if hit is not None and hit[4] else ()


def _hint(text: str, offset: int) -> tuple[tuple[str, ...], str, int, int, bool] | None:
    """(countries, who, start, end, whether a group leads) of the first listed group, else of the first force acronym
    or shorthand; a group
    active in several countries gives way to a single-country group or force of one of them named beside it ("PKK
    attack Peshmerga forces in Sidakan": PKK is active in TR, IQ and SY, the Peshmerga in IQ only)."""
    from eventcoder.extraction.actors import find_actors

    table = group_table()
    rx, words = _country_words()
    hits: list[tuple[tuple[str, ...], str, int, int]] = [
        (table[m.actor], str(m.actor), m.start, m.end) for m in find_actors(text, None, offset) if m.actor in table
    ]
    hits += [((words[w.group()],), w.group(), w.start() + offset, w.end() + offset) for w in rx.finditer(text)]
    if not hits:
        return None
    group = hits[0][1] in table
    if len(hits[0][0]) > 1:
        for h in hits:
            if len(h[0]) == 1 and h[0][0] in hits[0][0]:
                return (*h, group)
    return (*hits[0], group)


@functools.cache
def _country_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """Force acronyms and press shorthand with one country ("CRPF", "J&K", "KDF"; data/headline_country_words.csv):
    matched as written (case matters: "Pak", not "pak")."""
    table = {r["word"]: r["iso2"] for r in data_rows("headline_country_words.csv") if r.get("word") and r.get("iso2")}
    alt = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
    return re.compile(r"(?<![\w&'’-])(?:" + alt + r")(?:(?=['’]s\b)|(?![\w&'’-]))"), table


def actor_country(text: str, offset: int = 0) -> tuple[str, str, int, int] | None:
    """(iso2, who, start, end) of the first group in ``text`` whose home country is listed (data/actor_countries.csv),
    else of the first force acronym or shorthand with one country (data/headline_country_words.csv), else None.
    None too for fire from afar (rockets, missiles, drones, shelling): it lands elsewhere than it is launched."""
    if _REMOTE_FIRE.search(text):
        return None
    hit = _hint(text, offset)
    return None if hit is None else (hit[0][0], hit[1], hit[2], hit[3])


# the scene of a headline that names two countries: the one after "in/at/inside/near/over" ("Yemen rebels claim attacks
# deep in Saudi Arabia"), else after "on/against/into/targeting/hits" ("Yemen's Houthis claim new attack on Saudi
# airbase"), a name before an adjective ("in Ugandan rebel attack in northeastern DRC"); a country named only as where
# fire came from ("rebel drone from Yemen") or before "border" ("near Somali border") is no scene
_SCENE_PREP = re.compile(
    r"\b(?:(?P<at>in|at|inside|near|over|within)|(?:on|against|into|targeting|targets?|hits?))\s+"
    r"(?:the\s+)?(?:(?:north|south|east|west|central|occupied)\w*\s+)?['‘\"]?$",
    re.IGNORECASE,
)
_ORIGIN_PREP = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
# ... but "Saudi border airbase", "Myanmar Border Bombings": a place or incident on that country's side
_BORDER_AFTER = re.compile(
    r"['’]?s?\s+(?:border|frontier)s?\b(?!\s+(?:air\s*bases?|posts?|outposts?|towns?|city|cities|villages?|"
    r"districts?|areas?|regions?|provinces?|checkpoints?|bombings?|shelling)\b)",
    re.IGNORECASE,
)
# "near Niger's border with Mali": Niger's own side, the scene (session 10, places)
_OWN_BORDER = re.compile(r"['’]s\s+(?:[a-z]+ern\s+)?border\s+with\s", re.IGNORECASE)


# the country an attack, a weapon or a group came from ("Saudi-led coalition intercepts rebel drone from Yemen", "Pak
# soldier killed in firing from across Afghan border", "UNLF from Myanmar ordered grenade attack on Manipur Guv house")
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?(?:across\s+(?:the\s+)?)?$", re.IGNORECASE)


def not_origin(text: str, offset: int, names: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """The countries a headline names (``names``: places.find_countries of ``text`` at ``offset``) less those it names
    as an origin: where an attack, a weapon or a group came from is not where the incident was (session 9). Headlines
    only: ACLED names an actor by where it came from ("terrorists believed to be from Pakistan": Unidentified Armed
    Group (Pakistan)), so report sentences keep them."""
    return [n for n in names if not _FROM_BEFORE.search(text, max(0, n[0] - offset - 30), n[0] - offset)]


def scene_country(text: str, offset: int, names: list[tuple[int, int, str, str]]) -> str | None:
    """The ISO code of the scene among the countries a headline names (``names``: places.find_countries of ``text``
    at ``offset``) when they are two or more; None when the text is no headline, names one country, or no preposition
    tells the scene (the sentence rules' order then stands)."""
    if not is_headline(text) or len({n[3] for n in names}) < 2:
        return None
    ranked: list[tuple[int, bool, int, str]] = []
    # "near Somali border": no side; "near Niger's border with Mali": Niger's side
    border = [n for n in names if _BORDER_AFTER.match(text, n[1] - offset) and not _OWN_BORDER.match(text, n[1] - offset)]
    for s, e, w, iso in names:
        if (s, e, w, iso) in border:
            continue  # "near Somali border", "Near Afghan Border": a border says nothing of which side
        m = _SCENE_PREP.search(text[max(0, s - offset - 30) : s - offset])
        if m is not None:
            info = country_by_iso(iso)
            adjective = info is None or w not in info.names  # "in Ugandan rebel attack in northeastern DRC"
            ranked.append((0 if m.group("at") else 1, adjective, s, iso))
    if ranked:
        return min(ranked)[3]
    # nor is the country whose border it is the scene when another is named ("Somali troops attack al-Shabaab near
    # Kenyan border": Somalia; review, session 8: the first name, Kenya, stood)
    rest = [
        n
        for n in names
        if n not in border and not _ORIGIN_PREP.search(text[max(0, n[0] - offset - 12) : n[0] - offset])
    ]
    return rest[0][3] if rest and len(rest) < len(names) else None
