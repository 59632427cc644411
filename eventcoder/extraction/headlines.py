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
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from eventcoder.extraction.places import _data_rows

__all__ = [
    "MAX_WORDS",
    "is_headline",
    "has_incident_verb",
    "past_tense_view",
    "classify_headline",
    "actor_country",
    "group_countries",
    "tells_no_incident",
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


@functools.cache
def _verbs() -> tuple[_Verb, ...]:
    rows = _data_rows("headline_verbs.csv")
    return tuple(
        _Verb(
            re.compile(r"(?<![\w-])(?<!\w['’])(?:" + r["form"] + r")(?![\w'’-])", re.IGNORECASE),
            r["reads_as"],
            r["reads_as"] == "took control of",
        )
        for r in rows
    )


def _matches(text: str) -> list[tuple[int, int, str]]:
    """(start, end, past-tense reading) of each headline verb, first row first when two overlap."""
    taken: list[tuple[int, int, str]] = []
    for v in _verbs():
        for m in v.rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e, _r in taken):
                continue
            if v.territory and _NOT_TERRITORY.match(text, m.end()):
                continue
            taken.append((m.start(), m.end(), v.reads_as))
    return sorted(taken)


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
    # a court's news of an earlier incident ("Man sentenced to death for killing 7 in Kano")
    r"|\b(?:sentenced|sentences?|convicted|convicts?|jailed|jails?|acquitted|acquits?|arraigned|indicted|pleads?\s+guilty)\b"
    r"|\b(?:vows?|vowed|threatens?|threatened|pledges?|pledged|promises?|promised|(?:says?|said)\s+"
    r"(?:it|they|he|she|we)\s+(?:will|would|won['’]t))\s+(?:to\s+)?(?:not\s+)?(?:\w+\s+)?"
    + _INCIDENT_BASE
    + r"\b",
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


def tells_no_incident(text: str) -> bool:
    """A headline line whose frame tells no incident of its own: a denial, a court's news, a threat or promise ("Police
    deny killing protesters", "Man sentenced to death for killing 7", "Boko Haram threatens to attack Abuja", "Taliban
    says it will not attack schools") unless an incident verb of its own comes first; footage ("Boko Haram video
    shows kidnapped girls") or a burial/mourning ("Slain Police Officer Buried at Jayapura") that names no incident
    besides ("IS images show 'raid on barracks'", "Mourners killed as gunmen attack funeral" still tell one)."""
    if not is_headline(text):
        return False
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
    cls = classify(view, offset=0, actor2_span=span, **kwargs)
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
def _actor_table() -> dict[str, tuple[str, ...]]:
    """actor -> (home country, other countries it is active in) from data/actor_countries.csv."""
    return {
        r["actor"]: (r["iso2"], *(r.get("also_active") or "").split())
        for r in _data_rows("actor_countries.csv")
        if r.get("iso2")
    }


def _actor_countries() -> dict[str, str]:
    return {a: isos[0] for a, isos in _actor_table().items()}


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
    home-country hint of a group active in several countries as a choice among them, not as the scene."""
    from eventcoder.extraction.actors import find_actors

    table = _actor_table()
    for m in find_actors(text, None, 0):
        isos = table.get(m.actor or "")
        if isos:
            return isos
    return ()


@functools.cache
def _country_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """Force acronyms and press shorthand with one country ("CRPF", "J&K", "KDF"; data/headline_country_words.csv):
    matched as written (case matters: "Pak", not "pak")."""
    table = {r["word"]: r["iso2"] for r in _data_rows("headline_country_words.csv") if r.get("word") and r.get("iso2")}
    alt = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
    return re.compile(r"(?<![\w&'’-])(?:" + alt + r")(?:(?=['’]s\b)|(?![\w&'’-]))"), table


def actor_country(text: str, offset: int = 0) -> tuple[str, str, int, int] | None:
    """(iso2, who, start, end) of the first group in ``text`` whose home country is listed (data/actor_countries.csv),
    else of the first force acronym or shorthand with one country (data/headline_country_words.csv), else None.
    None too for fire from afar (rockets, missiles, drones, shelling): it lands elsewhere than it is launched."""
    from eventcoder.extraction.actors import find_actors

    if _REMOTE_FIRE.search(text):
        return None
    table = _actor_countries()
    for m in find_actors(text, None, offset):
        iso = table.get(m.actor or "")
        if iso:
            return iso, str(m.actor), m.start, m.end
    rx, words = _country_words()
    w = rx.search(text)
    if w is not None:
        return words[w.group()], w.group(), w.start() + offset, w.end() + offset
    return None
