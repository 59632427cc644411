"""Actor aliases: read the labels reports use, return neutral ACLED-style actor names.

The dictionary is data: ``eventcoder/data/actors.csv`` with columns
``pattern`` (case-insensitive regular expression, matched on word boundaries), ``actor`` (normalized
name; ``{country}`` is filled with the event's country, e.g. ``Civilians ({country})``; empty for pure
labels such as "murtadd"), ``role`` (``perpetrator`` | ``target`` | ``either`` | ``label``), ``regions``
(``*`` or ISO2 codes separated by ``;``: where the alias means this actor), ``is_slur`` (1 = a label of
contempt: read, never output), ``target_type`` (GTD), ``inter`` (ACLED inter code) and ``notes``.
Nationality phrases ("murtadd Egyptian army", "Nigerian crusader army", "Afghan police") are built
from ``countries.csv``.

Users add their own aliases with a CSV of the same columns named in the environment variable
``EVENTCODER_ALIASES`` (several files separated by the OS path separator); their rows come first,
so they win over the built-in ones.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from eventcoder.errors import ConfigError
from eventcoder.extraction import _re as re  # re with compiled patterns kept on disk (cold start)
from eventcoder.extraction._regexbank import RegexBank, Spans, gate
from eventcoder.extraction.numbers import NUMBER_WORDS_TO_TEN
from eventcoder.extraction.places import countries

__all__ = [
    "ActorMention",
    "AliasRow",
    "alias_rows",
    "find_actors",
    "fill_country",
    "slur_patterns",
    "contains_slur",
    "period_actor",
    "GENERIC_ENEMY",
]

GENERIC_ENEMY = "Unidentified Armed Group ({country})"

REQUIRED = ("pattern", "actor", "role", "regions", "is_slur")
_LABELS = r"(?:(?:murtadd(?:in|een)?|apostate|crusader|taghut|kafir|rafidi|nusayri|so-called)\s+)"


@dataclass(frozen=True)
class AliasRow:
    pattern: re.Pattern[str]
    actor: str
    role: str
    regions: frozenset[str] | None  # None = everywhere
    is_slur: bool
    target_type: str | None
    inter: int | None
    source: str  # file:line
    # actors_generic_enemies.csv: "named" = may stand for a group the text names, "fixed" = never does
    generic: str = ""
    not_regions: frozenset[str] | None = None  # countries where the row does not apply


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    text: str  # as written (label words before it included: "murtadd Egyptian army")
    actor: str  # may contain "{country}"
    role: str
    target_type: str | None
    inter: int | None
    is_slur: bool
    # an official's word for any enemy ("terrorists": "named", may stand for a group named in the same
    # text; "bandits": "fixed"); "" for every other alias
    generic: str = ""


def _read_rows(fh: Iterable[str], source: str) -> list[AliasRow]:
    reader = csv.DictReader(fh)
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise ConfigError(
            f"{source}: alias CSV lacks column(s) {', '.join(missing)}; "
            f"expected header {','.join(REQUIRED)},target_type,inter,notes"
        )
    rows = []
    for i, r in enumerate(reader, start=2):
        try:
            # "an al Shabaab-planted IED", "a Taliban-laid mine": the group that planted it (session 9)
            rx = re.compile(
                r"(?<![\w-])(?:" + r["pattern"] + r")(?!\w|-(?!(?:planted|laid)\b))", re.IGNORECASE
            )
        except re.error as exc:
            raise ConfigError(
                f"{source}:{i}: bad pattern {r['pattern']!r} ({exc}); fix the regular expression"
            ) from exc
        regions = r.get("regions", "*").strip()
        inter = (r.get("inter") or "").strip()
        rows.append(
            AliasRow(
                pattern=rx,
                actor=(r.get("actor") or "").strip(),
                role=(r.get("role") or "either").strip(),
                regions=None
                if regions in ("", "*")
                else frozenset(x.strip().upper() for x in regions.split(";")),
                is_slur=(r.get("is_slur") or "0").strip() in ("1", "true", "True", "yes"),
                target_type=(r.get("target_type") or "").strip() or None,
                inter=int(inter) if inter.isdigit() else None,
                source=f"{source}:{i}",
            )
        )
    return rows


# a weapon or strike named by a state's adjective is that state's attack ("Israeli strike on ...", "Russian missile
# hits ...", "Israeli fighter jets struck ...", "strikes by Ethiopian government forces"; session 10, D4): "strike" only
# before its target or verb (no labour strike); not "rockets": "Palestinian rockets" are an armed group's, not a state's
_MIL = (
    r"(?:(?:government|federal|regime) (?:army|soldiers|troops|forces|security forces)|"
    r"army|military|soldiers|troops|armed forces|forces|security forces|navy|air ?force|warplanes?|aircraft|"
    r"(?:fighter )?jets?|drones?|artillery|helicopters?|gunships?|missiles?|shelling|"
    r"(?:air|drone|missile) ?strikes?|strikes?(?=\s+(?:on|in|near|at|against|kills?|killed|hits?)\b))"
)
_POL = r"(?:police(?:men|man| officers?| forces| personnel)?|policemen|gendarmerie|gendarmes)"


@functools.cache
def _nationality() -> tuple[re.Pattern[str], dict[str, tuple[AliasRow, AliasRow]]]:
    """One pattern for "<adjective> [label] army|police ..." and, per adjective, its (military, police) rows."""
    rows: dict[str, tuple[AliasRow, AliasRow]] = {}
    for c in countries():
        for adj in c.adjectives:
            rows[adj.lower()] = _force_rows(c.name)
    # the country's name written before the force ("Pakistan Army", "the Pakistan Air Force", "Myanmar police"),
    # as ACLED's and South Asian reports write it; a name two countries share is no clue, and "Georgia" before
    # "police" is most often the US state (session 9)
    named: dict[str, tuple[AliasRow, AliasRow]] = {}
    owners: dict[str, set[str]] = {}
    for c in countries():
        for n in c.names:
            owners.setdefault(n.lower(), set()).add(c.iso)
    for c in countries():
        mil, pol = rows[c.adjectives[0].lower()] if c.adjectives else _force_rows(c.name)
        for n in c.names:
            if (
                len(owners[n.lower()]) == 1
                and n.lower() not in rows
                and n.lower() not in _NAME_NOT_ATTRIBUTIVE
            ):
                named[n.lower()] = (mil, pol)
    rows.update(named)
    rx = re.compile(
        # an aircraft or tank model between them: "Iraqi F-16 aircraft", "Russian Su-34 jets" (session 10, fresh D4b)
        # a kind of weapon between them: "a Russian ballistic missile", "Turkish attack drones" (fresh F16)
        rf"(?<![\w-])(?P<adj>{_trie(rows)})\s+{_LABELS}?(?:[a-z]{{1,3}}-?\d{{1,3}}[a-z]?\s+)?"
        r"(?:(?:ballistic|cruise|guided|hypersonic|kamikaze|attack|combat|unmanned|armed|suicide)\s+)?"
        rf"(?:(?P<pol>{_POL})|(?P<mil>{_MIL}))(?![\w-])",
        re.I,
    )
    return rx, rows


def _trie(words: Iterable[str]) -> str:
    """The alternation of ``words`` (lowercase) as a prefix tree: "niger(?:ian)?" instead of "nigerian|niger".

    Same matches as the longest-first alternation (session 10, perf): the words that can match at one place are
    prefixes of one another (no two branches of a node start with letters that IGNORECASE takes as one), and the
    tree tries each longer one first. ``re`` enters every branch of an IGNORECASE alternation at each word start,
    so the ~460 names took 0.21 s a pass over the bench corpus; the tree enters one branch per letter."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def alt(node: dict[str, Any]) -> str:
        kids = [re.escape(ch) + alt(sub) for ch, sub in sorted(node.items()) if ch]
        if not kids:
            return ""
        body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
        return f"(?:{body})?" if "" in node else body

    return alt(root)


_NAME_NOT_ATTRIBUTIVE = frozenset({"georgia"})
# a word before a country's name or a force that makes them part of another name ("New Mexico police", "Northern
# Ireland police", "National Liberation Army of Colombia", "Revolutionary Armed Forces of Colombia")
_NAME_BEFORE = re.compile(r"(?<![\w-])(?P<w>[A-Z][\w'-]*)\s+$")
_NOT_NAME_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "by",
        "of",
        "in",
        "on",
        "at",
        "and",
        "as",
        "when",
        "with",
        "from",
        "between",
        "after",
        "while",
        *NUMBER_WORDS_TO_TEN.split("|"),
        "several",
        "some",
        "many",
        "all",
        "both",
    }
)


_WHO_WORKS_WITH = re.compile(
    r"\bwho\s+(?:(?:had|has|have)\s+)?(?:cooperat|collaborat|work|spie|spy|spies|inform)\w*\s+(?:for|with)\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
_MEMBERS_OF = re.compile(r"\s+(?:of|from|belonging\s+to|loyal\s+to)\s+(?:the\s+)?")
# words before "forces"/"army" that qualify the state's own ("Government forces", "Special Forces", "Coalition
# forces"), not a group's name
_FORCE_QUALIFIERS = frozenset(
    "government coalition special allied security armed federal regime state border marine naval ground air "
    "regular national royal pro-government govt gov't pak".split()
)


@functools.cache
def _adjective_keys() -> frozenset[str]:
    return frozenset(a.lower() for c in countries() for a in c.adjectives)


def _inside_name(text: str, start: int) -> bool:
    m = _NAME_BEFORE.search(text, max(0, start - 40), start)
    return m is not None and m.group("w").lower() not in _NOT_NAME_WORDS


@functools.cache
def _with_article() -> frozenset[str]:
    with resources.files("eventcoder.data").joinpath("actors_state_article.txt").open(encoding="utf-8") as fh:
        return frozenset(x.strip() for x in fh if x.strip() and not x.startswith("#"))


def force_name(kind: str, name: str) -> str:
    """``kind`` ("Military"/"Police") Forces of the country called ``name`` in countries.csv, as ACLED writes it
    ("Military Forces of the United States", "Police Forces of Kenya")."""
    return f"{kind} Forces of {'the ' if name in _with_article() else ''}{name}"


def _force_rows(name: str) -> tuple[AliasRow, AliasRow]:
    return (
        AliasRow(
            re.compile(""),
            force_name("Military", name),
            "either",
            None,
            False,
            "Military",
            1,
            "countries.csv",
        ),
        AliasRow(
            re.compile(""), force_name("Police", name), "either", None, False, "Police", 1, "countries.csv"
        ),
    )


@functools.cache
def _forces_of() -> tuple[re.Pattern[str], dict[str, tuple[AliasRow, AliasRow]]]:
    """ "military forces of Armenia", "the troops of India and Pakistan", "the Armed Forces of the Philippines":
    a force named by the country it serves, after "of" (a second country after "and" is the other side's force)."""
    rows: dict[str, tuple[AliasRow, AliasRow]] = {}
    owners: dict[str, set[str]] = {}
    for c in countries():
        for n in c.names:
            owners.setdefault(n.lower(), set()).add(c.iso)
    for c in countries():
        for n in c.names:
            if len(owners[n.lower()]) == 1:
                rows[n.lower()] = _force_rows(c.name)
    names = "|".join(re.escape(a) for a in sorted(rows, key=len, reverse=True))
    rx = re.compile(
        r"(?<![\w-])(?:(?P<pol>police(?:\s+forces)?|gendarmerie)|(?P<mil>(?:military|armed|security|defen[cs]e)\s+"
        r"forces|army|armies|military|troops|soldiers|navy|air ?force))\s+of\s+(?:the\s+)?"
        rf"(?P<adj>{names})(?:\s+and\s+(?:the\s+)?(?P<adj2>{names}))?(?![\w-])",
        re.I,
    )
    return rx, rows


@functools.cache
def _builtin_rows() -> tuple[AliasRow, ...]:
    with resources.files("eventcoder.data").joinpath("actors.csv").open(encoding="utf-8") as fh:
        return tuple(_read_rows(fh, "eventcoder/data/actors.csv"))


@functools.cache
def _generic_rows() -> tuple[AliasRow, ...]:
    """``data/actors_generic_enemies.csv``: words a government uses for any enemy ("armed terrorist groups",
    "takfiri gangs", "khawarij", "bandits"). They name no group: Unidentified Armed Group (country), unless
    the same text names the group (then it is that group). They win over actors.csv rows for the same words."""
    out = []
    with (
        resources.files("eventcoder.data").joinpath("actors_generic_enemies.csv").open(encoding="utf-8") as fh
    ):
        for i, r in enumerate(csv.DictReader(fh), start=2):
            regions = (r.get("regions") or "*").strip()
            # "!IQ": everywhere but Iraq (there VOCABULARY's convention names the group: actors.csv)
            excluded = (
                frozenset(x.strip().upper() for x in regions[1:].split(";"))
                if regions.startswith("!")
                else None
            )
            regions = "*" if excluded else regions
            out.append(
                AliasRow(
                    re.compile(r"(?<![\w-])(?:" + r["pattern"] + r")(?![\w-])", re.IGNORECASE),
                    GENERIC_ENEMY,
                    "either",
                    None
                    if regions in ("", "*")
                    else frozenset(x.strip().upper() for x in regions.split(";")),
                    False,
                    "Terrorists/Non-State Militia",
                    3,
                    f"eventcoder/data/actors_generic_enemies.csv:{i}",
                    "named" if (r.get("stands_for_named_group") or "1").strip() == "1" else "fixed",
                    excluded,
                )
            )
    return tuple(out)


@dataclass(frozen=True)
class _Period:
    regions: frozenset[str] | None
    start: str  # ISO date or ""
    end: str
    instead: str


@functools.cache
def _periods() -> dict[str, tuple[_Period, ...]]:
    out: dict[str, list[_Period]] = {}
    with resources.files("eventcoder.data").joinpath("actor_periods.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            regions = (r.get("regions") or "*").strip()
            out.setdefault(r["actor"].strip(), []).append(
                _Period(
                    None
                    if regions in ("", "*")
                    else frozenset(x.strip().upper() for x in regions.split(";")),
                    (r.get("from") or "").strip(),
                    (r.get("to") or "").strip(),
                    r["instead"].strip(),
                )
            )
    return {k: tuple(v) for k, v in out.items()}


def period_actor(actor: str | None, iso: str | None, date: str | None) -> str | None:
    """The force an alias meant on the event's date (``data/actor_periods.csv``).

    "Crusader forces" in Iraq is the US-led coalition (CJTF-OIR) from 2014, but in a 2008 report the US
    forces; AMISOM became ATMIS in April 2022. Without a date or country the name is kept."""
    if not actor or not date or iso is None:
        return actor
    day = date[:10]
    for p in _periods().get(actor, ()):
        if (
            (p.regions is None or iso in p.regions)
            and (not p.start or day >= p.start)
            and (not p.end or day <= p.end)
        ):
            return p.instead
    return actor


@functools.cache
def _user_rows(spec: str) -> tuple[AliasRow, ...]:
    rows: list[AliasRow] = []
    for part in spec.split(os.pathsep):
        if not part.strip():
            continue
        p = Path(part)
        if not p.is_file():
            raise ConfigError(
                f"EVENTCODER_ALIASES: {p} not found; point it at a CSV with columns "
                f"{','.join(REQUIRED)},target_type,inter,notes"
            )
        with p.open(encoding="utf-8") as fh:
            rows.extend(_read_rows(fh, str(p)))
    return tuple(rows)


def alias_rows() -> tuple[AliasRow, ...]:
    """User rows (EVENTCODER_ALIASES) first, then the built-in table (nationality phrases are matched apart)."""
    user = _user_rows(os.environ.get("EVENTCODER_ALIASES", ""))
    return user + _builtin_rows()


def slur_patterns() -> tuple[re.Pattern[str], ...]:
    """Compiled patterns of every ``is_slur`` alias (built-in and user)."""
    return _slur_patterns(os.environ.get("EVENTCODER_ALIASES", ""))


@functools.cache
def _slur_patterns(spec: str) -> tuple[re.Pattern[str], ...]:
    return tuple(r.pattern for r in alias_rows() if r.is_slur)


@functools.cache
def _slur_bank(spec: str) -> tuple[tuple[re.Pattern[str], ...], RegexBank]:
    pats = _slur_patterns(spec)
    return pats, RegexBank(pats)


def contains_slur(text: str | None) -> bool:
    """Whether a slur alias occurs in ``text``. Called on many short phrases (place candidates, notes): a
    pattern none of whose required strings is in the folded phrase is not run (same verdict, see _regexbank).
    One bank over all slur patterns: a trigram-set intersection instead of each pattern's strings in turn
    (perf, session 13: half the time per phrase)."""
    if not text:
        return False
    pats, bank = _slur_bank(os.environ.get("EVENTCODER_ALIASES", ""))
    return any(pats[i].search(text) for i in bank.candidates(text, keep=False))


@functools.cache
def _nationality_gated() -> Any:
    return gate(_nationality()[0])  # skipped on texts without army/police/forces/... (same matches)


@functools.cache
def _forces_of_gated() -> Any:
    return gate(_forces_of()[0])


@functools.cache
def _generic_gated() -> tuple[Any, ...]:
    return tuple(gate(r.pattern) for r in _generic_rows())  # each behind its literal test (same matches)


@functools.cache
def _bank(spec: str) -> RegexBank:
    return RegexBank([r.pattern for r in alias_rows()])


def _applies(row: AliasRow, iso: str | None) -> bool:
    return row.regions is None or iso is None or iso in row.regions


def find_actors(text: str, iso: str | None = None, offset: int = 0) -> list[ActorMention]:
    """Non-overlapping actor mentions in ``text`` (longest first, then table order), in text order.

    ``iso`` is the event's country (ISO2) if known: rows scoped to other regions are skipped and a
    region-scoped row wins over a global one for the same words.
    """
    out = []
    for ws, e, row in _mentions(text, iso, os.environ.get("EVENTCODER_ALIASES", "")):
        out.append(
            ActorMention(
                ws + offset,
                e + offset,
                text[ws:e],
                row.actor,
                row.role,
                row.target_type,
                row.inter,
                row.is_slur,
                row.generic,
            )
        )
    return out


_LABELS_BEFORE = re.compile(_LABELS + "+$", re.IGNORECASE)


@functools.lru_cache(maxsize=32)
def _mentions(text: str, iso: str | None, spec: str) -> tuple[tuple[int, int, AliasRow], ...]:
    """(start, end, row) of each mention, start with the label words before it. Cached: a one-passage report
    is read whole and as its passage with the same country, a claim with and without its country."""
    found: list[tuple[int, int, int, AliasRow]] = []
    rows = alias_rows()
    for order in _bank(spec).candidates(text):
        row = rows[order]
        if not _applies(row, iso):
            continue
        for m in row.pattern.finditer(text):
            if m.end() > m.start():
                # a row scoped to the event's country first; with no country known, a global row before one
                # scoped to some region ("US forces": the US military, not the coalition in Afghanistan)
                scoped = 1 if row.regions is None else (0 if iso is not None else 2)
                found.append((m.start(), m.end(), scoped * 10000 + order, row))
    nrows = _nationality()[1]
    nrx = _nationality_gated()
    nat_order = len(_user_rows(spec))  # after user rows, before built-ins
    for grow, grx in zip(_generic_rows(), _generic_gated(), strict=True):
        if _applies(grow, iso) and not (grow.not_regions and iso in grow.not_regions):
            for m in grx.finditer(text):
                # before every built-in row for the same words (actors.csv reads "khawarij" as Islamic State)
                found.append((m.start(), m.end(), nat_order, grow))
    for m in nrx.finditer(text):
        if m.group("adj").lower() not in _adjective_keys() and _inside_name(text, m.start()):
            continue  # "New Mexico police" (an adjective is never part of a name: "Five Egyptian soldiers")
        mil, pol = nrows[m.group("adj").lower()]
        found.append((m.start(), m.end(), 10000 + nat_order, pol if m.group("pol") else mil))
    frows = _forces_of()[1]
    for m in _forces_of_gated().finditer(text):
        if _inside_name(text, m.start()):
            continue
        mil, pol = frows[m.group("adj").lower()]
        found.append((m.start(), m.end("adj"), 10000 + nat_order, pol if m.group("pol") else mil))
        if m.group("adj2"):
            mil2, pol2 = frows[m.group("adj2").lower()]
            found.append(
                (m.start("adj2"), m.end("adj2"), 10000 + nat_order, pol2 if m.group("pol") else mil2)
            )
    found.sort(key=lambda t: (-(t[1] - t[0]), t[2], t[0]))
    taken: list[tuple[int, int, AliasRow]] = []
    spans = Spans()
    for s, e, _o, row in found:
        if spans.overlaps(s, e):
            continue
        taken.append((s, e, row))
        spans.add(s, e)
    taken.sort()
    # "Rapid Support Forces", "the Zawiya Martyrs Forces", "the X Liberation Army": the generic head noun of a longer
    # name the table does not know is that group's, not the scene country's military (session 10, fresh texts D17)
    taken = [
        t
        for t in taken
        if not (
            t[2].actor == "Military Forces of {country}"
            and text[t[0] : t[1]].lower() in ("forces", "army")
            and (w := _NAME_BEFORE.search(text, max(0, t[0] - 40), t[0])) is not None
            and (x := w.group("w").lower()) not in _NOT_NAME_WORDS
            and x not in _FORCE_QUALIFIERS
            and x not in _adjective_keys()
            and not w.group("w").isupper()  # "ANDSF forces", "FC forces", "FARDC forces": a state force's acronym
        )
    ]
    # "Separatist militants of the Baloch Liberation Army", "fighters from the Islamic State": the unnamed word is the
    # named group's own people, not a second, unidentified group (session 10, fresh texts D21a)
    taken = [
        t
        for t, nxt in zip(taken, [*taken[1:], None], strict=False)  # the last is followed by None
        if not (
            nxt is not None
            and t[2].actor == "Unidentified Armed Group ({country})"
            and "{country}" not in nxt[2].actor
            and _MEMBERS_OF.fullmatch(text, t[1], nxt[0])
        )
    ]
    # "TTP militants", "ISWAP fighters": the generic word after a named group's name is that group's people; the
    # name's mention spans both and keeps the word's role ("militants" are told as perpetrators)
    merged: list[tuple[int, int, AliasRow]] = []
    for t in taken:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and t[2].actor == "Unidentified Armed Group ({country})"
            and "{country}" not in prev[2].actor
            and prev[2].inter in (2, 3)
            and prev[1] < t[0]
            and not text[prev[1] : t[0]].strip()
        ):
            row = prev[2] if prev[2].role != "either" else dataclasses.replace(prev[2], role=t[2].role)
            merged[-1] = (prev[0], t[1], row)
        else:
            merged.append(t)
    taken = merged
    # "killed a mukhtar who cooperates with the Rafidi army": a relative clause tells who the victim works with, that
    # force is no party to the event (session 10, fresh texts D18b)
    if "who" in text:
        taken = [t for t in taken if not _WHO_WORKS_WITH.search(text, max(0, t[0] - 60), t[0])]
    taken = _community_labels(text, taken)
    taken = _generic_named(taken)
    out = []
    for s, e, row in taken:
        # include label words just before ("murtadd Egyptian army") in the as-written phrase
        lm = _LABELS_BEFORE.search(text[max(0, s - 40) : s])
        out.append((s - len(lm.group(0)) if lm else s, e, row))
    return tuple(out)


def _generic_named(taken: list[tuple[int, int, AliasRow]]) -> list[tuple[int, int, AliasRow]]:
    """ "Our forces killed 12 terrorists ... the Daesh gangs": a generic enemy word in a text that names one
    armed group is that group (the nearest one named, when several are)."""
    generic = [t for t in taken if t[2].generic == "named" and t[2].actor == GENERIC_ENEMY]
    if not generic:
        return taken
    named = [
        t
        for t in taken
        if t[2].inter == 2 and t[2].actor and "{country}" not in t[2].actor and t[2].role != "label"
    ]
    if not named:
        return taken
    out = []
    for s, e, row in taken:
        if (s, e, row) in generic:
            near = min(named, key=lambda t: min(abs(t[0] - e), abs(s - t[1])))[2]
            row = dataclasses.replace(
                row, actor=near.actor, inter=near.inter, target_type=near.target_type, source=row.source
            )
        out.append((s, e, row))
    return out


@functools.cache
def _community_rx() -> re.Pattern[str] | None:
    with (
        resources.files("eventcoder.data")
        .joinpath("actors_community_adjectives.txt")
        .open(encoding="utf-8") as fh
    ):
        words = [w.strip() for w in fh if w.strip() and not w.startswith("#")]
    if not words:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")\s+$", re.I)


_COMMUNITY_ROW = AliasRow(
    re.compile(""),
    "Civilians ({country})",
    "target",
    None,
    True,
    "Private Citizens & Property",
    7,
    "actors_community_adjectives.txt",
)


def _community_labels(text: str, taken: list[tuple[int, int, AliasRow]]) -> list[tuple[int, int, AliasRow]]:
    """ "5 Christian kuffar": a label after a community word is that community's civilians, not a mere label."""
    rx = _community_rx()
    if rx is None:
        return taken
    out = []
    for s, e, row in taken:
        if row.role == "label" and not row.actor:
            m = rx.search(text, max(0, s - 20), s)
            if m is not None:
                out.append((m.start(), e, _COMMUNITY_ROW))
                continue
        out.append((s, e, row))
    return out


def fill_country(actor: str | None, country: str | None) -> str | None:
    """``Civilians ({country})`` -> ``Civilians (Iraq)``; without a country the bracket is dropped."""
    if actor is None or "{country}" not in actor:
        return actor
    if country:
        return actor.replace("{country}", country)
    return re.sub(r"\s*\(\{country\}\)|\s*of \{country\}|\{country\}", "", actor).strip() or None
