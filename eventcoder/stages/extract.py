"""Stage 3, extract: Passages -> Events (date, actors, types, numbers, place phrase, evidence). (owner: extraction)

Geocoding is not done here: extract sets ``location_text`` (+ evidence) and puts hints for the
geocoder into ``Event.context``: ``region_text`` (heading as written), ``country_hint`` (ISO2),
``admin1_hint``, ``place_candidates`` (list of {"text","start","end","relation","feature"}).

One event per incident passage that tells an event of an ACLED type (see ``extraction/taxonomy.py``);
passages with none give no event. Rules worth knowing:

- **Date**: the passage's own first event date (datelines "MOGADISHU, Jan 2 (Wire) -" and report dates
  "said on Tuesday" are skipped); else the date it inherits from its parent / the passage before it
  under the same heading (segment); else the publication date with ``time_precision`` 2 ("on or shortly
  before", ``date_text`` null, no evidence span; ``context["date_basis"] = "publication"``). A document
  given no publication date takes its wire dateline's full date ("IDLIB, March 3, 2019 (AFP) -",
  ``dates.find_dateline``; the dateline's date is the evidence span); with neither, ``event_date`` stays null. In a Hijri-dated document a bare "the 13th" is
  the 13th of the last Hijri month named before it.
- **Actors**: alias table with region scope (``extraction/actors.py``). In a claim (``source_type``
  claim), actor1 is the claimant (Islamic State unless the text names another group). Elsewhere
  actor1 is the named perpetrator ("by X", "X claimed", "suspected X") or the subject of the first
  violent verb; actor2 the first other actor (victims / opponents). A violent event without a named
  perpetrator gets ``Unidentified Armed Group (<Country>)``, as ACLED codes it. Names with
  ``{country}`` are filled from the country hint; without one the template is kept in
  ``context["actor_templates"]`` and ``finalize_actors`` completes it after geocoding.
- **Casualties** from ``extraction/numbers.find_casualties``; a figure told for several incidents
  ("The two explosions left ...") is stored once, on the first of them, and the others' notes point to it.
  A passage that says its incident is "one of N" and gives a total "across the attacks" gets its even
  share, rounded down (null when the total is below N; the stated totals in ``context["series_total"]``),
  casualty_qualifier ``approximate`` and a note naming the stated total and the number of incidents.
- **Slurs** are read, never written: notes are built from normalized names only and checked.
- **claimed** (SCHEMA: "the figures come from the perpetrator's own claim") is true when the document
  is the perpetrator's own claim (``source_type`` claim) or when the text attributes the figures to the
  perpetrator ("IS said it killed 20 soldiers", "the Taliban claimed to have killed 12"); the evidence
  span is that phrase. A report that only says "X claimed responsibility" names X as actor1 but its own
  figures stay unclaimed (false). GTD's ``claimed`` (someone claimed responsibility) goes to
  ``context["responsibility_claimed"]`` (true / false when the text says no one did / absent when silent),
  with an ``evidence["responsibility_claimed"]`` span; eval scores GTD's column against it.
- **Attacker names** ("an istishhadi, Abu Umar al-Iraqi") go to ``context["attacker_names"]`` with an
  ``evidence["attacker_name"]`` span, and into the notes of a suicide bombing.
- **Context keys** beyond DEVELOPING.md: ``country_basis`` (wilayah / heading / text / province /
  adjective / actor: a group's home country, extraction/headlines.py / document), ``date_basis`` (stated / inherited / offset: the inherited day moved by "two days later" /
  publication / ambiguous_order: "05/01/2020" with no ``--date-order``, ``event_date`` and ``time_precision``
  null, ``date_text`` the date as written, ``date_readings`` both dates), ``actor1_how``,
  ``actor_templates``, ``shared_figure`` / ``shared_figure_on``, ``passage``, ``parent_index``.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Sequence
from importlib import resources
from typing import Any

from eventcoder.extraction import _re as re  # re with compiled patterns kept on disk (cold start)
from eventcoder.extraction.actors import (
    GENERIC_ENEMY,
    ActorMention,
    contains_slur,
    fill_country,
    find_actors,
    force_name,
    period_actor,
)
from eventcoder.extraction.dates import (
    DateMention,
    find_dateline,
    find_dates,
    implied_numeric_order,
    is_dateline_date,
    numeric_order,
    resolve_hijri,
)
from eventcoder.extraction.headlines import (
    actor_country,
    capture_roles,
    capture_split,
    classify_headline,
    group_table,
    is_headline,
    not_origin,
    opens_with_verb,
    reaction_cut,
    repel_by_split,
    repel_split,
    scene_country,
    speaker_end,
)
from eventcoder.extraction.numbers import Casualties, find_casualties
from eventcoder.extraction.places import (
    countries,
    country_by_iso,
    find_admin_countries,
    find_admin_hint,
    find_countries,
    find_headings,
    find_places,
    wilayah_lookup,
)
from eventcoder.extraction.taxonomy import INVESTIGATES, Classification, classify, find_cues
from eventcoder.records import Document, Event, Passage, make_event_id
from eventcoder.settings import Settings
from eventcoder.stages.segment import CLASH_BACK_RX, CONTINUATION_RX, heading_lookup

__all__ = ["extract", "finalize_actors", "guess_source_type"]

_MONTHS = ("January February March April May June July August September October November December").split()
_REPORTING = re.compile(
    r"(?:said|says|told|reported|announced|stated|added|confirmed|statement|reporters|update[d]?|"
    r"according to [^.]{0,60}|claimed responsibility|warned|declared|published|released)"
    r"(?:\s+\w+){0,3}\s+(?:on|late on|early on|this|last)?\s*$",
    re.IGNORECASE,
)
# a bulletin's report time before its date: "Operational information as of 08:00 on 2 July": when the figures were
# counted, not when the events happened (fresh F25b, session 11)
_AS_OF = re.compile(
    r"\bas\s+(?:of|at)\s+\d{1,2}[:.h]?\d{2}(?:\s*(?:hrs|hours|[ap]\.?m\.?|local\s+time|GMT|UTC))?\s+(?:on\s+)?$",
    re.IGNORECASE,
)
# a follow-up's day of counting, not of the attack: "after the discovery of six more bodies on Monday", "a first toll on
# Sunday gave 18 dead" (session 12, fresh12 cd02): the attack's own day, told further on, is the event's
_RECOUNT = re.compile(
    r"(?:\b(?:more|further|additional)\s+(?:\w+\s+){0,2}?(?:bodies|corpses)\b(?:\s+(?:were|was|had\s+been))?"
    r"(?:\s+(?:found|recovered|discovered|retrieved|pulled\s+out))?(?:\s+\w+){0,4}?"
    r"|\b(?:first|initial|earlier|previous|provisional)\s+(?:death\s+)?toll)\s+(?:on|late\s+on|early\s+on)\s*$",
    re.IGNORECASE,
)
# a follow-up's date told against the attack: "recovered more bodies on Sunday, a day after the attack": the
# attack's day is the stated day less the gap (fresh F25, session 11)
_DAYS_AFTER = re.compile(
    r",?\s+(?P<n>a|one|two|three)\s+days?\s+after\s+the\s+(?:\w+\s+){0,2}?"
    r"(?:attack|assault|raid|ambush|bombing|blast|explosion|massacre|strike|shelling)s?\b",
    re.IGNORECASE,
)
_GAP_DAYS = {"a": 1, "one": 1, "two": 2, "three": 3}
_CLAIM_VOCAB = re.compile(
    r"soldiers of the (?:khilafah|caliphate)|istishhadi|inghimasi|mujahidin of the islamic state|"
    r"\bwilayat?\b|\bwilayah\b|murtadd|rafid[ai]|nusayri|crusader",
    re.IGNORECASE,
)
_OFFICIAL_VOCAB = re.compile(
    r"\bour (?:heroic |brave |valiant )?(?:forces|troops|units|army)\b|joint operations command|ministry of "
    r"(?:defen[cs]e|interior)|\bneutrali[sz]ed\b|security media cell|press office of the",
    re.IGNORECASE,
)
_NGO_VOCAB = re.compile(r"humanitarian|flash update|ocha|displaced|aid agenc|relief|bulletin", re.IGNORECASE)
_SHARED_FIG = re.compile(
    r"\b(?:the|both|all|these|those)\s+(?P<n>two|three|four|five|six|\d)?\s*(?:explosions|blasts|attacks|"
    r"operations|bombings|incidents|devices|strikes|raids|ambushes|assaults)\b"
    r"|\bboth\s+(?:explosions|blasts|attacks|operations|bombings|incidents)\b",
    re.IGNORECASE,
)
_TALLY = re.compile(
    r"\s*(?:In total|In all|Overall|Altogether|The total|Total|The harvest|The outcome of the week)\b",
    re.IGNORECASE,
)
# a tally of a front's day in a general staff's summary: counted strikes or engagements, no place (fresh F31)
_FRONT_TALLY = re.compile(
    r"(?i)\b\d+\s+(?:(?:missile|air|drone|rocket|artillery|mortar|combat|kamikaze)\s+)?(?:strikes|airstrikes|attacks|"
    r"engagements|clashes|shellings|bombardments|assaults)\b"
)
_FOREIGN_TROOPS = re.compile(
    r"\s+(?:crusaders?|invaders|occupiers|occupation forces|troops|soldiers|forces|contingents?|peacekeepers|army|"
    r"battalions?)\b",
    re.IGNORECASE,
)
_SELF_NAMED = re.compile(
    r"\b(?i:(?:mujahid(?:ee|i)n|soldiers|fighters|lions|knights|heroes)\s+of\s+(?:the\s+)?)$"
    # "our comrades of the Kani Township People's Defence Force": the issuer names its own unit (session 13, F10)
    r"|\b(?i:our\s+(?:comrades|brothers|fighters|forces|units|heroes)\s+(?:of|in|from)\s+(?:the\s+)?)"
    r"(?:[A-Z][\w'-]*\s+){0,3}$"
)
# "Jama'at Nusrat al-Islam wal-Muslimin" alone on the claim's first line, or "Tehreek-e-Taliban Pakistan: On Sunday
# ...": the masthead names the issuing group (session 13, fresh12 F10)
_MASTHEAD_END = re.compile(r"[ \t]*(?::|\r?\n|$)")
# "On November 18, a unit of the New People's Army ... ambushed": the claim's own unit opens the sentence
_UNIT_OF_SELF = re.compile(
    r"(?i)(?:^|[.;:]\s+|,\s+)(?:an?\s+|the\s+|our\s+)?(?:units?|detachments?|squads?|platoons?|battalions?|companies|"
    r"company|columns?|fighters|forces)\s+(?:of|from)\s+(?:the\s+)?$"
)
# "Battle news of Kani Township PDF Battalion 4": the claim's title line (no sentence end, a few words)
_TITLE_LINE = re.compile(r"[^\n.!?]{3,90}(?=\n)")
_TARGET_PREP = re.compile(r"(?i)\b(?:on|against|targeting|at|in|near|with)\s+(?:the\s+)?(?:\w+\s+){0,2}$")


def _names_issuer(text: str, m: ActorMention) -> bool:
    """Whether armed group mention ``m`` names the group that issued the claim ``text``: "the mujahideen of X", "our
    comrades of the X", "a unit of the X" opening its sentence, X alone at the head of the text ("X: On Sunday ...")
    or in its title line (not as a target: "Attack on X")."""
    if _SELF_NAMED.search(text[max(0, m.start - 40) : m.start]):
        return True
    if not text[: m.start].strip() and _MASTHEAD_END.match(text, m.end):
        return True
    if _UNIT_OF_SELF.search(text[max(0, m.start - 40) : m.start]):
        return True
    lead = len(text) - len(text.lstrip())
    title = _TITLE_LINE.match(text, lead)
    return title is not None and m.end <= title.end() and not _TARGET_PREP.search(text[lead : m.start])


# the opponent is itself the air force: "Crusader warplanes", "coalition aircraft", "air strikes by the coalition"
_AIR_WORDS = re.compile(
    r"\s*(?:'s\s+)?\b(?:warplanes?|aircraft|jets?|drones?|air ?force|helicopters?|gunships?|air ?strikes?|air ?raids?|"
    r"bombers?)\b",
    re.IGNORECASE,
)
_LINE_REGION = re.compile(
    r"^[\s\-•*·–—]*(?:\d{1,2}[.)]\s+)?([A-Z][\w'’ -]{1,25}?)\s+[-–—]\s|^[\s\-•*·–—]*([A-Z][\w'’-]+):\s"
)
# "The army blamed Boko Haram for the attack", "Hamas blamed Israel for the strike": a party that blames another
# reports the incident (not "accused of", "blamed for": the accused)
_BLAMES_AFTER = re.compile(
    r"\s+(?:(?:has|have|had|also|later|swiftly|quickly)\s+)?(?:blamed|accused|blames|accuses)\s+(?!(?:of|for|over|in|on)\b)"
    r"[^.;:]{1,60}?\b(?:for|of|over)\b",
    re.IGNORECASE,
)
# "Taliban said killed 5 soldiers" (press shorthand for a claim: they said they killed) has its object too
_ACTIVE_KILL = re.compile(
    r"\s+(?:(?:said|says?|claim(?:s|ed)?)\s+)?(?:killed|wounded|injured|abducted|kidnapped|assassinated|beheaded|"
    r"lynched|gunned\s+down|shot\s+dead)\s+"
    r"(?:\d|an?\s|the\s|two\s|three\s|four\s|five\s|six\s|"
    r"seven\s|eight\s|nine\s|ten\s|several\s|dozens\s|scores\s|more\s+than\s|at\s+least\s|some\s)",
    re.IGNORECASE,
)
_TALLY_SENT = re.compile(
    r"(?:^|(?<=[.!?;]\s))(?:In all|In total|All told|Altogether|Overall),?\s[^.!?]*?\b(?:these|those|the|both|all|"
    r"the\s+(?:two|three|four|five|six))\s+(?:\w+\s+)?(?:attacks|operations|incidents|ambushes|raids|assaults|"
    r"clashes|strikes|bombings|explosions|blasts)\b[^.!?]*[.!?]?",
    re.IGNORECASE,
)
_TALLY_OPEN = re.compile(r"(?:In all|In total|All told|Altogether|Overall)\b", re.IGNORECASE)
_NUMW = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_DAY_OFFSET = re.compile(
    r"^[\s\-•*·–—]*(?P<ph>(?P<n>two|three|four|five|six|seven|\d) days later|(?:on )?the (?:following|next) "
    r"(?:day|morning|night|evening)|a day later|the day after"
    # "The day before, bandits abducted ...": counted back from the day told before (review of session 11)
    r"|(?P<back>(?P<nb>two|three|four|five|six|seven|\d) days (?:earlier|before)|the (?:day|night|evening) before|"
    r"(?:on )?the previous (?:day|night|evening)|a day earlier))\b",
    re.IGNORECASE,
)
_ATTACKER = re.compile(
    r"\b(?:istishhadi|inghimasi|suicide (?:bomber|attacker)|brother|martyrdom-seeker)s?(?:\s+brother)?,?\s+"
    r"(?P<name>(?:Abu|Umm)\s+[A-Z][\w'’-]+(?:\s+(?:al|as|ash|ad|at|az)-[A-Z][\w'’-]+|\s+[A-Z][\w'’-]+){0,2})"
)
_PASSIVE_BY = re.compile(
    r"\b(?:killed|attacked|attack|attacks|wounded|injured|ambushed|targeted|carried out|perpetrated|abducted|"
    r"kidnapped|shot|bombing|struck|hit|stormed|raided|executed|beheaded|fired|shelled|claimed|blamed|"
    r"assassinated|seized|captured|burned|torched|looted|planted|launched|strikes?|airstrikes?|shelling|"
    # "a landmine left by the Houthi group" (fresh F16)
    r"left|laid|placed|buried)"
    r"\s+(?:\w+\s+){0,4}?by\s+"
    r"(?:an?\s+|the\s+)?(?:\w+\s+){0,2}$"
    # "sniper fire from Houthi positions", "shelling from Houthi-held areas": where the fire came from (fresh F16)
    r"|\b(?:fire|shelling|shells|mortars?|rockets?|missiles?|drones?|gunfire)\s+(?:\w+\s+)?from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_HEADER_DATE_AFTER = re.compile(
    r",\s*(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2},?)\s+\d{4}\s*(?:[.:\n\u2014\u2013-]|$)"
)
_CASUALTY_AS = re.compile(
    # "Two policemen were killed in Bijapur district on Tuesday when Maoists blew up ..." (fresh12 F13): the place and
    # day may come between the casualty word and "when"
    r"(?i)\b(?:killed|dead|die[sd]?|wounded|injured|hurt)\s+(?:[^.;:,]{0,50}?\s)?(?:as|when|after)\s+(?:an?\s+|the\s+)?$"
)
_STRIKES_AFTER = re.compile(
    r"(?i)\s+(?:\w+\s+)?(?:hits?|strikes?|struck|slams?|pounds?|targets?|attacks?|bombs?|shells?|rams?|"
    # "Three policemen were killed when TTP militants stormed a checkpoint" (session 12)
    r"attacked|stormed|ambushed|raided|targeted|shelled|bombed|opened\s+fire|fired|detonated|rammed|blew\s+up)\b"
)
_SUSPECTED_TIE = re.compile(
    r"\s+(?:informants?|informers?|collaborators?|spy|spies|agents?|supporters?|sympathi[sz]ers?|"
    r"affiliates?|relatives?)\b"
)
_SUSPECT = re.compile(
    r"(?:suspected|believed|thought|alleged|blamed (?:\w+\s+){0,3}on|attributed (?:\w+\s+){0,3}to)\s+(?:to\s+be\s+)?"
    r"(?:members?\s+of\s+|fighters\s+of\s+|militants\s+of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_UNIT_FROM = re.compile(
    r"(?i)(?:^|[.;]\s+|,\s+)(?:an?\s+|the\s+)?(?:force|unit|team|detachment|patrol|squad)\s+(?:from|of)\s+(?:the\s+)?$"
    # "Gangs belonging to the Viv Ansanm coalition stormed ...": the group's own people open the clause, so the name
    # is its subject, not a preposition's object (session 13, fresh12 F19 ht01)
    r"|(?i:(?:^|[.;]\s+|,\s+|\s[-–—]\s+)(?:\w+\s+)?(?:gangs?|gunmen|fighters|militants|militiamen|members|"
    r"insurgents|rebels|attackers|assailants|elements)\s+(?:belonging|loyal|linked|affiliated)\s+(?:to|with)\s+"
    r"(?:the\s+)?)$"
)
# "a grenade thrown at a teashop frequented by soldiers": the place's users, the target, not who threw it
_PLACE_USED_BY = re.compile(
    r"(?i)\b(?:frequented|used|visited|owned|run|operated|guarded|manned|occupied|popular)\s+(?:by|with)\s+"
    r"(?:an?\s+|the\s+|local\s+|off-duty\s+|\w+\s+)?$"
)
_HIT_DEVICE = re.compile(
    r"(?i)(?:\s+(?:patrol|convoy|vehicle|truck|unit|team))?\s+(?:had\s+|has\s+)?(?:hit|struck|stepped\s+on|ran\s+over|"
    r"drove\s+over|triggered)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:explosive\s+device|ied|(?:land)?mine|roadside\s+bomb)\b"
)
_HELD_SUSPECTS = re.compile(
    r"(?i)\b(?:arrest(?:ed|ing)|detain(?:ed|ing)|apprehend(?:ed|ing)|nabbed|rounded\s+up|captured|"
    r"(?:arrests?|detention|custody)\s+of)\s+(?:[\w'’-]+\s+){0,3}suspected\s+(?:[\w'’-]+\s+){0,2}$"
)
_CLAIMED_AFTER = re.compile(
    r"^[^.]{0,40}?\b(?:claimed|has said it carried out|said it carried out|"
    r"took responsibility|has claimed)",
    re.IGNORECASE,
)
_VIOLENT_VERB = re.compile(
    r"\b(?:attack(?:ed|s)?|kill(?:ed|s)?|shot|shoot|struck|strikes?|bombed|shelled|clashed|fought|ambushed|"
    r"raided|stormed|detonated|blew|targeted|abducted|kidnapped|executed|beheaded|neutrali[sz]ed|captured|"
    r"fired|opened fire|pounded|bombarded|seized|took control|hit|destroyed|burned|torched|looted|arrested|protested|"
    r"demonstrated|rallied|gathered|marched|rioted|assassinated|stabbed|drove|launched|repelled|dismantled|"
    r"defused|rammed|threw|hurled|planted|exploded|explosion|blast|bombing|bomb|pelted|stoned|beat|beaten|"
    r"lynched|assaulted|vandali[sz]ed|clashed|abducted|"
    # "Two bombs went off in Kunar, killing three police officers": the police are the dead, not the subject
    r"went\s+off|goes\s+off|(?<=, )(?:killing|wounding|injuring))\b",
    re.IGNORECASE,
)


_CLAIM_SENT = re.compile(
    r"(?:^|(?<=[.;:!?]\s)|(?<=\n)|(?<=however,\s))(?P<who>[A-Z][^.;:\n]{1,120}?)\s+(?:has\s+|had\s+|later\s+|also\s+)?"
    r"(?:(?:claimed|claims|took)\s+(?:the\s+)?(?:responsibility|attack|bombing|killing|it\b)|"
    r"(?:confessed|admitted)\s+to\s+carrying\s+out)",
)
_ATTRIB = re.compile(
    r"\b(?:(?:attribut\w*|blamed)\s+(?:the\s+)?(?:attacks?|incidents?|abductions?|assassinations?|bombings?|killings?|"
    r"kidnappings?|explosions?|blasts?|it)\s+(?:to|on)|suspected\s+(?:that|the\s+involvement\s+of)|"
    r"(?:[Ii]t\s+(?:is|was|can\s+be)\s+)(?:assumed|believed|thought|presumed)\s+that|"
    r"(?:was|were)\s+(?:suspected|believed)\s+to\s+(?:be|have\s+been)\s+(?:carried\s+out|perpetrated)\s+by)"
    r"\s+(?:an?\s+)?(?P<who>[^.;\n]{2,140})"
)
# "Al Shabaab are believed to be responsible.", "fighters of Lashkar-e-Islam are suspected to be behind it":
# the group named before the attribution (session 9); only a group the alias table knows is taken
_BELIEVED_BEHIND = re.compile(
    r"(?:^|(?<=[.;:!?]\s)|(?<=\n)|(?<=,\s)|(?<=\bbut\s))(?P<who>[A-Z](?:(?!\s(?:but|and|while)\s)[^.;:,\n]){1,80}?)"
    r"\s+(?:is|are|was|were)\s+"
    r"(?:(?:believed|suspected|thought|assumed|presumed|alleged|said|reported)\s+to\s+(?:be|have\s+been)\s+)"
    r"(?:behind|responsible)\b"
)
_GENERIC_GROUP_WORDS = frozenset(
    {
        "extremists",
        "extremist",
        "militants",
        "militant",
        "rebels",
        "rebel",
        "fighters",
        "fighter",
        "group",
        "groups",
        "members",
        "member",
        "militia",
        "militias",
        "insurgents",
        "gunmen",
        "forces",
        "elements",
        "the",
        "of",
        "and",
        "suspected",
        "armed",
        "movement",
    }
)
# Not a name: "no group", "nobody", pronouns, "an unknown group" (whole words: "Hezbollah" is not "he"),
# after a time adverb or conjunction ("So far, no group", "While no group has claimed ...")
_NOT_GROUP = re.compile(
    r"^(?:(?:so\s+far|to\s+date|as\s+yet|yet|thus\s+far|until\s+now|while|although|though|but|however),?\s+)?"
    r"(?:no|nobody|none|no one|there|it|this|that|he|she|they|sources|officials|"
    r"(?:an?\s+)?(?:unknown|unidentified))\b",
    re.I,
)
# Where a perpetrator's name ends: the verb or clause that follows it ("it is suspected that the TTP are
# responsible", "attributed the attack to X and noted that ..."). Lower-case words only: names are capitalized.
_AFTER_NAME = re.compile(
    r"\s+(?:for\s+the\s+(?:attack|incident|killing|bombing|abduction|assault|explosion|blast)|"
    r"carried out|is|are|were|was|had|have|has|be|been|being|may|might|could|would|will|must|"
    r"appears?|appeared|seems?|seemed|likely|probably|possibly|allegedly|reportedly|responsible|behind|"
    r"and\s+(?:also\s+)?(?:noted|said|stated|added|reported|claimed|warned|indicated|suggested|explained|told|"
    r"announced|believed|threatened|vowed|demanded)|"
    r"in retaliation|in the|on the|at the|after|stating|which|who|as|,)\b.*$"
)


_CLAIM_OPENER = re.compile(
    r"(?:(?:On|Late on|Early on|Later on|Earlier on|By)\s+[^,]{1,30}|Meanwhile|Later|Separately|Earlier|"
    r"In a statement|Hours later|The next day|The following day),\s+",
    re.IGNORECASE,
)


def _named_group(text: str, offset: int, iso: str | None) -> tuple[ActorMention | None, str]:
    """Perpetrator named by a claim ("X claimed responsibility") or attribution ("attributed the attack to X").

    The name is normalized through the alias table; a group the table does not know is kept as written
    (without a leading "the").
    """
    for rx, how in ((_CLAIM_SENT, "claimed"), (_ATTRIB, "attributed")):
        for m in rx.finditer(text):
            who = m.group("who").strip()
            # "A child was also wounded in the blast, no group claimed ...": the clause after the last comma
            if _NOT_GROUP.match(who) or _NOT_GROUP.match(who.rsplit(",", 1)[-1].strip()):
                continue
            # "On Tuesday, the Taliban claimed the attack": the opening adverbial is no part of the name
            opener = _CLAIM_OPENER.match(who)
            lead = re.match(r"(?:the\s+)", who[opener.end() if opener else 0 :], re.I)
            ws = m.start("who") + (opener.end() if opener else 0) + (lead.end() if lead else 0)
            who = who[opener.end() :] if opener else who
            who = who[lead.end() :] if lead else who
            who = _AFTER_NAME.sub("", who).strip(" ,")
            # "assumed that the militant group X is behind": the name after its description
            desc = re.match(
                r"(?:(?:militant|terrorist|armed|insurgent|rebel|banned|outlawed|proscribed|extremist|separatist)\s+)"
                r"(?:group|outfit|organi[sz]ation)\s+(?=[A-Z])",
                who,
            )
            if desc:
                ws, who = ws + desc.end(), who[desc.end() :]
            # "A group calling itself Saraya Awliya al-Dam": the name it calls itself (session 11)
            called = re.match(
                r"(?i:an?\s+|the\s+)?(?i:(?:new|little-known|previously\s+unknown|shadowy|obscure)\s+)?"
                r"(?i:group|organi[sz]ation|outfit|militia|faction)\s+(?i:calling\s+itself|called|known\s+as|named)\s+"
                r"(?:the\s+)?(?=[A-Z])",
                who,
            )
            if called:
                ws, who = ws + called.end(), who[called.end() :]
            generic = bool(re.fullmatch(r"[a-z -]*(?:ists|militia|militias|rebels|insurgents)", who))
            if not who or not (who[0].isupper() or generic) or len(who.split()) > 14:
                continue
            sub = re.search(
                r"\b(?i:faction|brigade|division|wing|unit|cell|chapter|battalion|branch|column|commander|"
                r"leader|members?|fighters?|militants?)\s+(?:\([^)]*\)\s+)?of\s+(?:the\s+)?(?P<y>[A-Z].*)$",
                who,
            )
            if sub is None:
                # "Camilo Torres Front of the National Liberation Army", "Bayanar Area Committee of Maoists":
                # a front/command/committee of a group the alias table knows (not "Popular Front of X")
                sub = re.search(
                    r"\b(?i:front|command|committee)\s+(?:\([^)]*\)\s+)?of\s+(?:the\s+)?(?P<y>[A-Z].*)$", who
                )
                if sub and (
                    not any(a.role != "label" for a in find_actors(sub.group("y"), iso))
                    # the front is the known group itself: "United Liberation Front of Assam"
                    or any(
                        a.role != "label" and a.start <= sub.start() < a.end for a in find_actors(who, iso)
                    )
                ):
                    sub = None
            if sub:  # "the Derry Brigade of the New Irish Republican Army": the organisation itself
                ws += sub.start("y")
                who = sub.group("y")
            # "the Oromo Liberation Front (OLF) and a local militia": two perpetrators, the first is actor1 (an
            # "and" after an acronym or before an article starts another; "Front for Change and Concord" is one)
            two = re.search(r"(?:(?<=\))\s+and\s+|\s+and\s+(?=(?:an?|the)\s))", who)
            if two:
                who = who[: two.start()]
            found = [
                a
                for a in find_actors(who, iso, ws + offset)
                if a.role != "label" and a.actor and "{country}" not in a.actor
            ]
            if found and len(found) == 1:
                rest = (who[: found[0].start - ws - offset] + " " + who[found[0].end - ws - offset :]).lower()
                rest = re.sub(r"\([^)]*\)", " ", rest)
                if set(re.findall(r"[\w'-]+", rest)) <= _GENERIC_GROUP_WORDS:
                    return found[0], how  # "Houthi extremists (Ansar-Allah)"
            if found:
                # "the Al-Barnawi faction (ISWAP) of Boko Haram": the group after "of" is the perpetrator
                best = (
                    found[-1]
                    if re.search(r"\bof\s+(?:the\s+)?$", who[: found[-1].start - ws - offset])
                    else found[0]
                )
                if (
                    (best.end - best.start) >= 0.6 * len(who)
                    or len(found) > 1
                    # "Saraya Awliya al-Dam of Kata'ib Hezbollah": a unit the table does not know, of a group it
                    # does: the group (session 11)
                    or (
                        best.end - ws - offset == len(who)
                        and re.search(r"\bof\s+(?:the\s+)?$", who[: best.start - ws - offset]) is not None
                        # "Hind Province of the Islamic State": a province is named as GTD names it
                        and re.search(r"(?i:province|wilayah?|wilayat)\s+of\s+(?:the\s+)?$",
                                      who[: best.start - ws - offset]) is None
                    )
                ):
                    return best, how
            return ActorMention(
                ws + offset, ws + len(who) + offset, who, who, "perpetrator", None, 2, False
            ), how
    for m in _BELIEVED_BEHIND.finditer(text):
        if _NOT_GROUP.match(m.group("who")):
            continue
        known = [
            a
            for a in find_actors(m.group("who"), iso, m.start("who") + offset)
            if a.role != "label" and a.actor and a.inter in (2, 3, 4)
        ]
        if known:
            return known[-1], "attributed"  # "Militants of Lashkar-e-Islam": the group after "of"
    return None, "none"


def guess_source_type(doc: Document) -> str:
    """claim / official / ngo / news from the document's own vocabulary (used when none was given)."""
    if doc.source_type:
        return doc.source_type
    return _guess_source_type(doc.text[:20000])


@functools.lru_cache(maxsize=16)
def _guess_source_type(text: str) -> str:
    """(segment asks twice and extract once of each document: the text is read once)"""
    if len(_CLAIM_VOCAB.findall(text)) >= 2:
        return "claim"
    if _OFFICIAL_VOCAB.search(text):
        return "official"
    if len(_NGO_VOCAB.findall(text)) >= 2:
        return "ngo"
    return "news"


def _as_date(d: Any) -> dt.date | None:
    if d is None:
        return None
    return dt.date(d.year, d.month, d.day)


@functools.lru_cache(maxsize=4)
def _newlines(text: str) -> list[int]:
    return [m.start() for m in re.finditer("\n", text)]


def _line_start(text: str, at: int) -> int:
    """``text.rfind("\\n", 0, at) + 1`` from the newlines found once per text: the scan back from every date of a
    one-line report was quadratic (perf, session 9)."""
    nl = _newlines(text)
    i = bisect.bisect_left(nl, at)
    return nl[i - 1] + 1 if i else 0


def _event_dates(
    doc: Document, text: str, offset: int, hijri_ctx: Callable[[], list[tuple[int, int]]]
) -> list[DateMention]:
    """Event dates in ``text`` (absolute offsets), datelines and report dates removed, Hijri days fixed."""
    out = []
    for d in find_dates(text, doc.published):
        s, e = d.start + offset, d.end + offset
        line_start = _line_start(doc.text, s)
        # matched in place from the line start: a copy of the line before every date of a one-line report was
        # quadratic (perf, session 9)
        if is_dateline_date(doc.text, s, e, line_start):
            continue  # "MOGADISHU, Jan 2 (Wire) -", "(Nairobi, November 22, 2024) –", "Bunia, 15 January 2026 -"
        if _REPORTING.search(doc.text[max(line_start, s - 70) : s]) or _AS_OF.search(doc.text[max(line_start, s - 40) : s]):
            continue  # "police said on Tuesday", "as of 08:00 on 2 July"
        if _RECOUNT.search(doc.text[max(line_start, s - 90) : s]) and not _DAYS_AFTER.match(doc.text, e):
            continue  # "the discovery of six more bodies on Monday", "a first toll on Sunday": counted, not attacked
        date = _as_date(d.date)
        cal, kind, prec = d.calendar, d.kind, d.precision
        if kind == "relative" and re.fullmatch(r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)", d.text.strip(), re.I):
            months = [m for pos, m in hijri_ctx() if pos < s]
            if months and doc.published:
                day = int(re.search(r"\d+", d.text).group(0))  # type: ignore[union-attr]
                try:
                    date = _as_date(resolve_hijri(day, months[-1], doc.published))
                    cal, kind, prec = "hijri", "hijri", 1
                except ValueError:
                    pass
        if date is not None and (after := _DAYS_AFTER.match(doc.text, e)):
            date -= dt.timedelta(days=_GAP_DAYS[after.group("n").lower()])
        out.append(dataclasses.replace(d, start=s, end=e, date=date, calendar=cal, kind=kind, precision=prec))
    return [
        d
        for d in out
        if (d.date is not None or d.readings)  # "05/01/2020" with no --date-order: told, but which day is not
        and (d.date is None or doc.published is None or d.date <= doc.published + dt.timedelta(days=1))
    ]


def _span(c: dict[str, Any]) -> tuple[int, int]:
    """(start, end) of a place candidate."""
    return int(c["start"]), int(c["end"])


class _Covers:
    """Containment tests against a set of spans in O(log n) each (the pairwise ``any(...)`` scans were
    quadratic: a 1 MB report with thousands of actor and place mentions took minutes)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self._starts = [a for a, _b in spans]
        self._max_end: list[int] = []  # the largest end among spans[0..i]
        for _a, b in spans:
            self._max_end.append(max(b, self._max_end[-1]) if self._max_end else b)

    def _reach(self, i: int) -> int:
        """The largest end among the first ``i`` spans (by start); -1 when none."""
        return self._max_end[i - 1] if i > 0 else -1

    def covers(self, start: int, end: int) -> bool:
        """Some span [a, b] has a <= start and end <= b."""
        return self._reach(bisect.bisect_right(self._starts, start)) >= end

    def strictly(self, start: int, end: int) -> bool:
        """Some span covers [start, end] and is longer (a different span)."""
        return (self._reach(bisect.bisect_right(self._starts, start)) > end
                or self._reach(bisect.bisect_left(self._starts, start)) >= end)

    def starts_in(self, pos: int) -> bool:
        """Some span [a, b) has a <= pos < b."""
        return self._reach(bisect.bisect_right(self._starts, pos)) > pos


def _first_event_sentence_end(text: str) -> int:
    """End offset of the first sentence that tells an event (a violent/event verb), else of the first sentence."""
    pos = 0
    for m in re.finditer(r"[.!?](?:\s+|$)|\n", text):
        sent = text[pos : m.end()]
        if _VIOLENT_VERB.search(sent) or classify(sent) is not None:
            return m.end()
        pos = m.end()
    return len(text)


def _doc_groups(text: str, iso: str | None, in_heading: Callable[[int], bool]) -> list[ActorMention]:
    """The armed groups a document names (not the generic words an official uses for any of them)."""
    groups: list[ActorMention] = []
    for m in find_actors(text, iso):
        if (
            m.inter == 2
            and not m.generic
            and m.role != "label"
            and m.actor
            and "{country}" not in m.actor
            and not in_heading(m.start)
            and all(g.actor != m.actor for g in groups)
        ):
            groups.append(m)
    return groups


def _hijri_months(doc: Document) -> list[tuple[int, int]]:
    from eventcoder.extraction.dates import gregorian_to_hijri

    out = []
    for d in find_dates(doc.text, doc.published):
        if d.calendar == "hijri" and d.date is not None:
            out.append((d.start, gregorian_to_hijri(_as_date(d.date))[1]))  # type: ignore[arg-type]
    return out


def _inside_headings(headings: list[Any]) -> Callable[[int], bool]:
    """``pos -> any(h.start <= pos < h.end for h in headings)`` in O(log n) when the headings are in text
    order: among those starting at or before ``pos``, the largest end decides."""
    starts = [h.start for h in headings]
    if any(a > b for a, b in zip(starts, starts[1:], strict=False)):
        return lambda pos: any(h.start <= pos < h.end for h in headings)
    maxend = [-1]
    for h in headings:
        maxend.append(max(maxend[-1], h.end))
    return lambda pos: maxend[bisect.bisect_right(starts, pos)] > pos  # headings [0, i) start <= pos


def _first_sentence_end(text: str) -> int:
    """Where the first sentence of ``text`` ends (its period's offset + 1, else the text's end)."""
    m = re.search(r"[.!?](?=\s|$)", text)
    return m.end() if m else len(text)


def _group_scene(text: str, offset: int, iso: str) -> str | None:
    """The home country of the first armed group named in ``text`` whose alias is scoped to other countries than
    ``iso`` (data/actors.csv regions) and that fights only elsewhere (data/actor_countries.csv), else None. Asked
    where ``iso`` came from a nationality adjective alone ("Turkish jets"): forces serve abroad, such a group
    does not (session 10)."""
    kept = {(m.start, m.end) for m in find_actors(text, iso, offset)}
    table = group_table()
    for m in find_actors(text, None, offset):
        if (m.start, m.end) not in kept and (countries := table.get(str(m.actor))) and iso not in countries:
            return countries[0]
    return None


def _country_context(
    doc: Document,
    p: Passage,
    governing: Callable[[int], tuple[Any, Any]],
    doc_iso: str | None,
    doc_iso_from_troops: bool = False,
    headline: bool | None = None,
) -> dict[str, Any]:
    """``headline``: the document's ``is_headline`` (extract reads it once per document; None: read here)."""
    if headline is None:
        headline = is_headline(doc.text)
    wil, ctry = governing(p.start)
    iso = admin1 = None
    basis = None
    if wil is not None and wil.iso:
        iso, admin1, basis = wil.iso, wil.admin1, "wilayah"
    elif ctry is not None:
        iso, basis = ctry.iso, "heading"
    elif (lead := _LINE_REGION.match(p.text)) is not None and (
        found := wilayah_lookup(lead.group(1) or lead.group(2))
    ):
        iso, admin1 = found  # "Khurasan - 1 Muharram: Killing 4 ...": a list line led by its wilayah
        basis = "wilayah" if iso else None
    names = find_countries(p.text, p.start)
    if headline:  # "intercepts rebel drone from Yemen": where it came from is no scene (headlines.py)
        names = not_origin(p.text, p.start, names)
    exact = [c for c in names if country_by_iso(c[3]) and c[2] in country_by_iso(c[3]).names]  # type: ignore[union-attr]
    # "a convoy of the American invaders near Bagram": troops named by nationality are no place clue when the
    # document names the country elsewhere
    exact_set = set(exact)  # a set: a long report names its country thousands of times (perf, session 9)
    troops = [c for c in names if c not in exact_set and _FOREIGN_TROOPS.match(doc.text, c[1])]
    if iso is None and headline and (scene := scene_country(p.text, p.start, names)) is not None:
        # "Yemen's Houthis claim new attack on Saudi airbase": the country the attack is on (headlines.py)
        iso, basis = scene, ("text" if any(c[3] == scene for c in exact) else "adjective")
    if iso is None and exact:
        iso, basis = exact[0][3], "text"
    if (
        wil is not None
        and wil.iso
        and (exact or names)
        and (exact or names)[0][3] != wil.iso
        and wil.name.lower() in ("west africa", "khurasan", "khorasan", "central africa", "furat")
    ):
        # a wilayah over several countries: a country named in the item, else the nationality of the forces
        # it fought ("the murtadd Chadian army near Baga Sola"), says which
        iso, basis = (exact or names)[0][3], "text" if exact else "adjective"
        admin1 = None  # the wilayah's province belongs to its main country
    if iso is None:
        adm = find_admin_countries(p.text, p.start)
        if adm:
            iso, basis = adm[0][3], "province"
    plain = [c for c in names if c not in troops]
    if iso is None and plain:
        iso, basis = plain[0][3], "adjective"
    if iso is None and doc_iso:
        # troops named by nationality serve abroad ("Turkish forces shelled villages near Afrin"): their country is
        # a mention, which a place that lies clearly elsewhere overrules (geocode's mention bases), not the scene
        # (so is the report's country when only such troops named it: "Crusader Kenyan soldiers" near Mandera
        # say nothing of the raid in Leego, Bay region, that the same claim tells before them)
        troop_iso = doc_iso_from_troops or any(c[3] == doc_iso for c in troops)
        iso, basis = doc_iso, ("adjective" if troop_iso else "document")
    if iso is None and names:
        iso, basis = names[0][3], "adjective"
    if iso is None and headline and (home := actor_country(p.text[reaction_cut(p.text, accused=False) :])) is not None:
        # "Boko Haram Kills 12 In Rann": the group's home country, a mention (headlines only: on ACLED notes it
        # put 29 more countries right but events at a country's centre, event F1 -1.8 points; session 7)
        iso, basis = home[0], "actor"
    ah = find_admin_hint(p.text)
    if ah and not admin1:
        admin1 = ah[0]
    return {
        "iso": iso,
        "admin1": admin1,
        "basis": basis,
        "region": wil or ctry,
    }


_AFTER_BEFORE = re.compile(r"\b(?:after|when|as)\s+(?:the\s+|security\s+|government\s+)?$", re.IGNORECASE)
_INITIATED_AFTER = re.compile(
    r"\s+(?:had\s+)?(?:raided|attacked|stormed|ambushed|assaulted|launched|opened fire|besieged|surrounded|"
    r"fired\s+(?:at|on|upon)|shelled|targeted)\b"
)  # "a soldier was hurt as Pakistani troops fired at posts" (session 10: fired, shelled, targeted)
_INCLUDING = re.compile(
    r"[\s,]*(?:including|among them|among whom|of whom|of them)\s+(?:(?:at least|about|some|\w+)\s+){0,2}$",
    re.IGNORECASE,
)


_OF_VICTIM = re.compile(r"\b[a-z]\w+\s+(?:of|on|against)\s+(?:the\s+|an?\s+|\d+\s+)?(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)


def _repel_roles(
    mentions: list[ActorMention], vstart: int, vend: int
) -> tuple[ActorMention | None, ActorMention | None]:
    """(attacker, defender) of a headline's active repel verb: the defender is the last party named before the verb,
    the attacker an armed group named after it ("an ISIS attack", "militants"), else anywhere besides the defender
    ("12 terrorists killed as troops repel attack"), else unknown."""
    real = [m for m in mentions if m.role != "label" and m.actor and m.inter != 7]
    before = [m for m in real if m.end <= vstart]
    defender = before[-1] if before else None
    rebels = [m for m in real if m is not defender and m.inter in (2, 3, 4)]
    # "Police repel the protesters' attack": a crowd whose attack the verb names is the attacker too (review E, s9)
    after = [m for m in real if m is not defender and m.start >= vend and m.inter in (2, 3, 4, 5, 6)]
    attacker = after[0] if after else (rebels[0] if rebels else None)
    return attacker, defender


def _repel_by_roles(
    mentions: list[ActorMention], vstart: int, vend: int
) -> tuple[ActorMention | None, ActorMention | None]:
    """(attacker, defender) of a headline's passive repel verb with "by": the defender is the first party named
    after it, the attacker an armed group named before it, else anywhere besides the defender, else unknown."""
    real = [m for m in mentions if m.role != "label" and m.actor and m.inter != 7]
    after = [m for m in real if m.start >= vend]
    defender = after[0] if after else None
    rebels = [m for m in real if m is not defender and m.inter in (2, 3, 4)]
    before = [m for m in rebels if m.end <= vstart]
    attacker = before[-1] if before else (rebels[0] if rebels else None)
    return attacker, defender


_SYMMETRIC_AFTER = re.compile(
    r"(?i)\s+(?:have\s+|had\s+|reportedly\s+|again\s+)?(?:clash(?:ed|es)?|fought|fight|skirmished|"
    r"(?:exchanged|traded)\s+(?:heavy\s+)?(?:fire|gunfire|shots|artillery\s+fire))\b"
)
_ADJ_AND_BEFORE = re.compile(r"(?<![\w-])([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\s+and\s+$")
_FORCES_OF = re.compile(r"^(Military|Police) Forces of ")


# the two forces of "between Pakistani and Indian troops", "firing between the troops of India and Pakistan",
# "Indian and Pakistani troops resorted to firing", "troops of India and Pakistan on Friday traded fire"
# are the two sides (session 9)
_BETWEEN_BEFORE = re.compile(r"(?i)\bbetween\s+(?:the\s+|an?\s+)?$")
_MUTUAL_AFTER = re.compile(
    r"(?i)[^.;:]{0,60}?\b(?:clash(?:ed|es)?|fought|skirmished|exchanged|traded|each\s+other(?:'s)?|"
    r"resorted\s+to|exchange\s+of\s+fire)\b"
)
_AND_BETWEEN = re.compile(r"\s*,?\s+and\s+(?:the\s+)?")


def _mutual(text: str, rel_s: int, rel_e: int) -> bool:
    """Whether the forces written in text[rel_s:rel_e] fight each other: "between" before, or a mutual verb
    after them in the same sentence."""
    return bool(
        _BETWEEN_BEFORE.search(text[max(0, rel_s - 20) : rel_s])
        or _SYMMETRIC_AFTER.match(text, rel_e)
        or _MUTUAL_AFTER.match(text, rel_e)
    )


def _opposed_forces(
    text: str, offset: int, mentions: list[ActorMention]
) -> tuple[ActorMention, ActorMention] | None:
    """Two states' forces coordinated by "and" that fight each other (``_mutual``): (first written, second)."""
    forces = [m for m in mentions if _FORCES_OF.match(m.actor or "")]
    for m1, m2 in zip(forces, forces[1:], strict=False):
        if m1.actor == m2.actor or not _AND_BETWEEN.fullmatch(text, m1.end - offset, m2.start - offset):
            continue
        if _mutual(text, m1.start - offset, m2.end - offset):
            return m1, m2
    return None


# "Afghan forces repulsed their attack", "Iraqi forces repelled an IS attack", "pro-Hadi forces thwarted a Houthi
# incursion", "repelled an attack of Boko Haram": the side whose attack was repelled began the fight (actor1), the
# side that repelled it is actor2, as ACLED codes it (session 9)
_REPEL_PROSE = re.compile(
    r"\b(?:repelled|repulsed|thwarted|foiled|fought\s+off|beat\s+back|pushed\s+back)\s+"
    r"(?P<obj>(?:(?:an?|the|two|three|several|multiple|their|its)\s+)?(?:[^.;,\s]+\s+){0,4}?"
    r"(?:attacks?|incursions?|assaults?|offensives?|raids?|infiltration)\b"
    r"(?:\s+(?:of|by|from)\s+(?:the\s+)?(?:[^.;,\s]+\s+){0,3}?[^.;,\s]+)?)",
    re.IGNORECASE,
)


def _repel_sides(
    text: str, offset: int, mentions: list[ActorMention]
) -> tuple[ActorMention, ActorMention] | None:
    """(attacker, defender) of "D repelled X's attack" in report prose: the defender is the last party named before
    the verb in its sentence, the attacker the party named in the attack's words, or for "their attack" the
    other party named in the sentence."""
    m = _REPEL_PROSE.search(text)
    if m is None or re.search(r"\b(?:was|were|been|being|is|are)\s+$", text[: m.start()]):
        return None
    sent = text.rfind(". ", 0, m.start()) + 1
    real = [x for x in mentions if x.role != "label" and x.actor and x.inter not in (5, 6, 7)]
    before = [x for x in real if sent <= x.start - offset and x.end - offset <= m.start()]
    if not before:
        return None
    k = len(before) - 1
    # "AMISOM troops and the Somali National Army repulsed ...": co-subjects defend together; the first written
    # is actor2, as ACLED lists the named side first
    while k > 0 and _CO_DEFENDER.fullmatch(
        _FORCE_NOUN_LEAD.sub("", text[before[k - 1].end - offset : before[k].start - offset], count=1)
    ):
        k -= 1
    defender = before[k]
    os_, oe = m.start("obj"), m.end("obj")
    # "Police repelled the protesters' attack": a crowd named in the attack's words began it (review E, session 9)
    crowd = [x for x in mentions if x.role != "label" and x.actor and x.inter in (5, 6)]
    named = [x for x in real + crowd if os_ <= x.start - offset < oe and x.actor != defender.actor]
    named.sort(key=lambda x: x.start)
    if named:
        return named[0], defender
    if re.match(r"(?i)(?:their|its)\b", m.group("obj")):
        others = [x for x in real if sent <= x.start - offset < m.start() and x.actor != defender.actor]
        if others:
            return others[0], defender
    return None


# "our forces", "our mujahideen": the side whose statement it is (session 11)
_OUR_SIDE = re.compile(
    r"(?i)\bour\s+(?:(?:heroic|brave|valiant|own|glorious)\s+)?(?P<noun>forces|troops|units|fighters|"
    r"mujahide?en|mujahidin|army|soldiers|comrades|heroes|brigades|cadres)\b"
)
_SPEAKS_AFTER = re.compile(
    r"(?i)(?:'s?\s+(?:spokes\w+|statement|media\s+(?:office|wing)))?\s+(?:has\s+|had\s+|also\s+)?"
    r"(?:said|says|announced|announces|stated|states|claimed|claims|reported|declared|declares)\b"
)
_STATEMENT_OF = re.compile(
    r"(?i)\b(?:statement|communiqu[eé]|press\s+release|spokes(?:man|person|woman))\s+(?:by|of|from|for|issued\s+by)"
    r"\s+(?:the\s+)?$"
)


def _group_speaker(text: str, iso: str | None) -> ActorMention | None:
    """The one non-state armed group that speaks in ``text`` ("The Arakan Army said ...", "a statement by the
    SDF"), or None (none, or several)."""
    found = [
        m
        for m in find_actors(text, iso)
        if m.actor
        and m.role != "label"
        and m.inter in (2, 3, 4)
        and "{country}" not in m.actor
        and (_SPEAKS_AFTER.match(text, m.end) or _STATEMENT_OF.search(text[max(0, m.start - 40) : m.start]))
    ]
    return found[0] if found and len({m.actor for m in found}) == 1 else None


def _our_side(text: str, offset: int, mentions: list[ActorMention], speaker: ActorMention) -> list[ActorMention]:
    """ "The Arakan Army said our forces killed 20 junta soldiers": "our forces" are the speaking group's, not the
    state's (nor the country's army a bare "forces" stands for)."""
    out = list(mentions)
    for m in _OUR_SIDE.finditer(text):
        s, e = m.start("noun") + offset, m.end("noun") + offset
        own = dataclasses.replace(
            speaker, start=s, end=e, text=m.group("noun"), role="either", is_slur=False, generic=""
        )
        out = [x for x in out if x.end <= s or x.start >= e] + [own]
    return sorted(out, key=lambda x: x.start)


def _split_coordinated_forces(text: str, offset: int, mentions: list[ActorMention]) -> list[ActorMention]:
    """ "Burundian and Rwandan soldiers clashed": both adjectives name a side of a symmetric fight; the
    first written is actor1, the one bound to the noun actor2 (only the noun's was a mention: actor1 was
    Rwanda's army) (session 8, scene). Session 9: also "between Pakistani and Indian troops" and a mutual verb
    later in the sentence ("Indian and Pakistani troops on Sunday resorted to firing")."""
    out = list(mentions)
    for m in mentions:
        kind = _FORCES_OF.match(m.actor or "")
        rel_s, rel_e = m.start - offset, m.end - offset
        if kind is None:
            continue
        before = _ADJ_AND_BEFORE.search(text[max(0, rel_s - 40) : rel_s])
        if before is None or not _mutual(text, rel_s - len(before.group(0)), rel_e):
            continue
        adj = before.group(1).lower()
        c = next((c for c in countries() if adj in (a.lower() for a in c.adjectives)), None)
        if c is None or (m.actor or "") == force_name(kind.group(1), c.name):
            continue
        s = m.start - len(before.group(0))  # the match begins with the adjective
        out.append(dataclasses.replace(m, start=s, end=s + len(before.group(1)), text=before.group(1),
                                       actor=force_name(kind.group(1), c.name)))  # fmt: skip
    return sorted(out, key=lambda x: x.start)


# "and", "along with", "together with" between two parties acting together
_JOINER = r"(?:,?\s+and|,?\s+along\s+with|,?\s+together\s+with)"
_CO_SUBJECT = re.compile(
    rf"(?i)\s*{_JOINER}\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:[\w'’]+-(?:backed|allied|aligned|affiliated|led)\s+|allied\s+)?"
)

_FORCE_NOUN_LEAD = re.compile(r"(?i)^\s+(?:troops|forces|soldiers|personnel|units|fighters)\b")
# what joins two defenders named before "repelled": nothing ("AMISOM troops": the force noun of the name before it)
# or "and (the) <Name words>" ("AMISOM troops and the Somali National Army": the force's own name words)
_CO_DEFENDER = re.compile(
    rf"\s*|(?i:\s*{_JOINER}\s+(?:the\s+)?)(?:[A-Z][\w'’-]*\s+){{0,3}}"
)

_TO_VERB = re.compile(r"(?i)\s*(?:(?:have|had|also|jointly|reportedly|then|later)\s+){0,2}")  # "rebels (also) pounded"
_CO_COMMA = re.compile(r"(?i)\s*,\s*(?:the\s+|its\s+|their\s+)?(?:[\w'’]+-(?:backed|allied|aligned|affiliated|led)\s+)?")


def _act_after(text: str, pos: int) -> bool:
    """Whether ``text`` tells a violent act after ``pos``, not one planned ("to attack", "plotting to bomb"): the act
    the suspects held are suspected of (review, session 11)."""
    m = _VIOLENT_VERB.search(text, pos)
    return m is not None and not re.search(r"(?i)\bto\s+$", text[max(0, m.start() - 4) : m.start()])


def _pick_actors(
    text: str, offset: int, mentions: list[ActorMention], claim: bool, claimant: ActorMention | None
) -> tuple[ActorMention | None, ActorMention | None, str]:
    """(actor1, actor2, how actor1 was found)."""
    real = [m for m in mentions if m.role != "label" and m.actor]
    if not real and claimant is None:
        return None, None, "none"
    a1: ActorMention | None = None
    how = "none"
    # "In a separate strike, an Israeli drone hit ...": the opener's noun is no verb of the clause (session 11)
    lead = CONTINUATION_RX.match(text)
    verb = _VIOLENT_VERB.search(text, lead.end() if lead else 0)
    vpos = verb.start() + offset if verb else offset + len(text)
    passive = bool(verb) and bool(
        re.search(r"\b(?:was|were|been|being|is|are)\s+(?:\w+\s+)?$", text[: verb.start()] if verb else "")
    )
    # in a claim the claimant is a party even when it defends ("the mujahidin repelled an attack by the
    # PKK"): "by X" there names the opponent, so only news reports take actor1 from it
    for m in [] if claim else real:
        rel_s, rel_e = m.start - offset, m.end - offset
        if m.role == "target" and m.inter == 7:
            continue
        if (
            _PASSIVE_BY.search(text[max(0, rel_s - 70) : rel_s])
            # "a suspected military informant": a person suspected of a tie, the target, not the perpetrator
            or (
                _SUSPECT.search(text[max(0, rel_s - 60) : rel_s])
                and not _SUSPECTED_TIE.match(text[rel_e:])
                # "Police detained four suspected al-Shabaab financiers": the suspects held, not perpetrators,
                # unless the text goes on to tell the act they are suspected of ("... after a bomb killed two")
                and not (_HELD_SUSPECTS.search(text[max(0, rel_s - 90) : rel_s]) and not _act_after(text, rel_e))
            )
            or _CLAIMED_AFTER.match(text[rel_e:])
            # "... were killed in a clash after troops raided a militant hideout": who began it
            or (_AFTER_BEFORE.search(text[max(0, rel_s - 30) : rel_s]) and _INITIATED_AFTER.match(text[rel_e:]))
            # "Two killed as Russian missile hits Kharkiv": the subject of the clause told after the dead (D4g)
            or (_CASUALTY_AS.search(text[max(0, rel_s - 90) : rel_s]) and _STRIKES_AFTER.match(text[rel_e:]))
        ):
            a1, how = m, "named"
            break
    if a1 is None and claim:
        perp = [m for m in real if m.role == "perpetrator"]
        a1 = perp[0] if perp else claimant
        how = "claim"
    if a1 is None and not passive:
        # "2 soldiers killed in Wau": a victim in headline style, not the subject
        subj = [
            m
            for m in real
            if m.start < vpos
            and m.inter != 7
            # "attached to an Afghan National Army vehicle": the object of a preposition, even inside a name (not "a
            # force from the Counter-Terrorism Service arrested ...": the force's own service, session 11)
            and not (
                re.search(
                r"\b(?:to|on|at|in|near|against|targeting|with|from|into|onto|inside|outside)\s+(?:an?\s+|the\s+)?"
                r"(?:[A-Z][\w'’-]*\s+){0,3}(?:[A-Z][\w'’-]*\s+\()?$",
                text[max(0, m.start - offset - 60) : m.start - offset],
                )
                and not _UNIT_FROM.search(text, 0, m.start - offset)
            )
            and (
                not re.match(
                    r"\s*(?:(?:were|was|have\s+been|had\s+been|reportedly|allegedly|also|later|found|said)\s+){0,2}"
                    r"(?:killed|wounded|injured|dead|died|abducted|kidnapped|hurt|missing|slain|martyred|embrac(?:es|ed|e)\s+martyrdom|"
                    r"assassinated|beheaded|lynched|gunned\s+down|shot\s+dead)\b",
                    text[m.end - offset : m.end - offset + 40],
                )
                # "our forces killed 12 terrorists": a verb with its object is no headline-style victim
                or bool(_ACTIVE_KILL.match(text, m.end - offset))
            )
            and not _PLACE_USED_BY.search(text, max(0, m.start - offset - 40), m.start - offset)
            # "Police are investigating the killing": the investigator, not the perpetrator (review session 9)
            and not INVESTIGATES.match(text, m.end - offset)
            # "an army patrol had hit an explosive device": the force the device hit (session 11)
            and not _HIT_DEVICE.match(text, m.end - offset)
            # "General Staff of the Armed Forces of Ukraine, 14 February 2025.": the statement's dated header names
            # its publisher, not a party (session 10, D4e)
            and not _HEADER_DATE_AFTER.match(text, m.end - offset)
            # "..., wounding eight people, police said": the source of the report (not "the army said it killed")
            and not _REPORTS_AFTER.match(text, m.end - offset)
        ]
        if subj:
            a1, how = subj[0], "subject"
    if a1 is None:
        perp = [m for m in real if m.role == "perpetrator"]
        if perp:
            a1, how = perp[0], "perpetrator"
    # actor2: prefer the sentence that tells the event
    vs = text.rfind(". ", 0, vpos - offset) + 1 if verb else 0
    ve = text.find(". ", vpos - offset) if verb else -1
    ve = len(text) if ve < 0 else ve

    def ok(m: ActorMention) -> bool:
        if a1 is not None and (m.actor == a1.actor or (m.start == a1.start and m.end == a1.end)):
            return False
        if INVESTIGATES.match(text, m.end - offset):
            return False  # "Police are investigating the killing": no party to it
        if (
            a1 is not None
            and m.inter == a1.inter
            and offset <= a1.start < a1.end <= m.start
            and not text[a1.end - offset : m.start - offset].strip()
        ):
            return False  # "IDF troops": the second word is part of the first force, not its opponent
        if (
            a1 is not None
            # "our comrades of the X PDF, together with allied local defence forces, ambushed ...": so the claimant
            # and a second subject of its verb (session 13, fresh12 F10)
            and (how == "subject" or (how == "claim" and a1.end > offset))
            and a1.end <= m.start < vpos
            and (
                _CO_SUBJECT.fullmatch(text, a1.end - offset, m.start - offset)
                # "Turkish Jets, Turkey-Backed Rebels Pound Afrin": a headline's comma between subjects is "and"; so
                # in prose where the second runs straight into the verb (session 10; not "Troops, the militants
                # said, attacked ...")
                or (
                    _CO_COMMA.fullmatch(text, a1.end - offset, m.start - offset)
                    and (is_headline(text) or _TO_VERB.fullmatch(text, m.end - offset, vpos - offset))
                )
            )
            and not _mutual(text, a1.start - offset, m.end - offset)
            # "fighting between government troops and the KIA": two sides however many words precede them
            and not re.search(
                r"(?i)\bbetween\b", text[text.rfind(". ", 0, a1.start - offset) + 1 : a1.start - offset]
            )
        ):
            # "Turkish jets and Turkey-backed rebels shelled villages": a second subject of the same verb attacked
            # alongside actor1, it is not its opponent (review session 9; "Pakistani and Indian troops exchanged
            # fire" stays two sides)
            return False
        before = text[max(0, m.start - offset - 20) : m.start - offset]
        if a1 is not None and a1.inter in (1, 8) and re.search(r"\b(?:our|we)\s+(?:\w+\s+)?$", before, re.I):
            return False  # "the army ... Our forces killed 12 terrorists": the statement's own side, not the opponent
        # "Islamic State ... killing militants": a generic word after a named rebel group is that group, and so is
        # a named one joined to it ("JNIM or ISGS militants"); a named one told apart is its foe ("SDF fighters
        # clashed with Islamic State militants": one perpetrator mention since 53d94bf) (review, session 12)
        joined = a1 is not None and re.fullmatch(r"\s*(?:,|/|or|and|and/or)\s*", text[a1.end - offset : m.start - offset])
        return not (m.role == "perpetrator" and m.inter in (2, 3) and a1 is not None and a1.inter == 2
                    and ("{country}" in (m.actor or "{country}") or joined))  # fmt: skip

    # a force that speaks and is named no earlier ("Police said 3 civilians were killed by gunmen", "... Police said
    # the motive was unclear"); "the NPA and the military engaged in a firefight ... the military reported
    # retrieving weapons": a party that also tells of it stays a party
    spk = next(
        (
            m
            for i, m in enumerate(real)
            if (_speaks(text, m, offset) or _spokesman(text, m, offset))
            and not any(o.actor == m.actor for o in real[:i])
        ),
        None,
    )
    # "Three Taliban militants (were) killed in a clash with the Afghan army": no subject was found, the armed
    # group is the victim of the passive (session 11)
    victims = a1 if a1 is not None and how == "perpetrator" else None
    if a1 is None:
        victims = next((m for m in real if m.inter in (2, 3, 4) and _VICTIM_AFTER.match(text, m.end - offset)), None)
    if (
        victims is not None
        and victims.inter in (2, 3, 4)
        and _VICTIM_AFTER.match(text, victims.end - offset)
        and (force := _victims_foe(text, offset, real, victims, spk)) is not None
    ):
        # "The Pakistan Army said 3 militants were killed", "9 militants were killed in a clash with security
        # forces": the force that reports the militants' deaths (VOCABULARY: a statement speaks of its own side's
        # operations) or that fought them killed them; the militants are its opponent
        return force, victims, "statement" if force is spk else "named"
    if a1 is None:
        # "Four soldiers died in a clash with Al-Shabaab": the armed group the fallen force fought is the
        # perpetrator, the force its opponent (the mirror of the militants' case above)
        fallen = next((m for m in real if m.inter in (1, 8) and _VICTIM_AFTER.match(text, m.end - offset)), None)
        if fallen is not None and (foe := _fight_foe(text, offset, real, fallen, (2, 3))) is not None:
            return foe, fallen, "named"
    # "Police said 3 civilians were killed by gunmen": the force that tells of it is its source, not a party
    cands = [m for m in real if ok(m) and m is not spk and not _spokesman(text, m, offset)]
    near = [m for m in cands if vs <= m.start - offset < ve]
    a2 = near[0] if near else (cands[0] if cands else None)
    if a2 is not None and a2.inter == 7:
        # "killing six people, including four soldiers": the forces among the dead are the target (ACLED)
        for m in cands:
            if m.start >= a2.end and m.inter in (1, 8) and _INCLUDING.match(text[a2.end - offset : m.start - offset]):
                a2 = m
                break
    return a1, a2, how


# a statement's speaker ("The army said", "Police reported that"), unless what it says is of its own side
# ("said it killed", "said its troops", "said two of its soldiers"); "soldiers said killed": no speaker
_SAID_AFTER = re.compile(
    r"(?i)\s+(?:has\s+|had\s+|also\s+|later\s+)?(?:said|says|reported|reports|announced|stated|claimed|confirmed)"
    r"(?:\s+(?:on\s+\w+|in\s+a\s+statement))?,?\s+(?:that\s+)?"
    r"(?!(?:it|its|they|their|we|our|\w+\s+of\s+its|to|dead|slain|\w+ed)\b)"
)
# a party that reports the event, not one in it: "police said", "a Taliban official said" (not "said it killed")
_REPORTS_AFTER = re.compile(
    r"(?i),?\s+(?P<noun>(?:official|officials|spokesman|spokesperson|spokeswoman|sources?|commander)\s+)?"
    r"(?:has\s+|had\s+|also\s+|later\s+)?(?:said|says|told|reported|reports|stated|announced|confirmed)\b"
    r"(?!,?\s+(?:that\s+)?(?:it|its|they|their|we|our|he|his|to|\w+ed)\b)"  # "Taliban said killed 5 soldiers"
    r"(?<!told(?=\s(?:the\s+)?\w+\s+(?:not\s+)?to\s))"  # "Soldiers told villagers to leave and burned ...": an order
)
# a passive casualty right after a party: it was the victim ("3 militants were killed", "a TTP commander was
# killed"), with no agent after it
_VICTIM_AFTER = re.compile(
    r"(?i)(?:\s*\([^()]{1,20}\))?(?:\s+(?:commanders?|militants?|fighters?|members?|leaders?|insurgents?|"
    r"terrorists?|rebels?))?,?\s+(?:(?:were|was|have\s+been|had\s+been)\s+(?:\w+\s+)?"
    r"(?:killed|neutrali[sz]ed|eliminated|wounded|injured|shot\s+dead|gunned\s+down)"
    # headline style and "died": "Three Taliban militants killed in a clash with ..." (not "militants killed five")
    r"|(?:were\s+|have\s+)?(?:died|killed|wounded|injured)(?=\s+(?:in|during|when|while|as)\b))"
    r"\b(?!\s+by\b)"
)


# the fight a party's dead fell in, told with the force on the other side: "(killed) in a clash with (the) ..."
_IN_FIGHT_WITH = re.compile(
    r"(?i)\b(?:clash(?:es)?|gunfights?|gun\s*battles?|firefights?|encounters?|exchanges?\s+of\s+fire|battles?|"
    r"operations?|raids?|shootouts?|fighting)\s+(?:with|by|against|conducted\s+by|launched\s+by|carried\s+out\s+by)"
    r"\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$"
)


# what else may have killed them, told in the casualty's sentence: no speaker's doing ("The army said 3 militants
# were killed in an explosion while making bombs", "... in a US drone strike", "... in infighting with rivals")
_OTHER_CAUSE = re.compile(
    r"(?i)\b(?:explosions?|blasts?|bombs?|ieds?|(?:land)?mines?|(?:air|drone)\s*strikes?|drones?|airstrikes?|"
    r"infighting|rivals?|accident\w*|overturned|crash\w*|prematurely|stampede)\b"
)


def _victims_foe(
    text: str, offset: int, real: list[ActorMention], victims: ActorMention, spk: ActorMention | None
) -> ActorMention | None:
    """The state force that killed armed ``victims`` told in the passive: the force named as the other side of the
    fight they fell in, in the same sentence ("Police said 3 militants were killed in a clash with the army": the
    army), else the speaker before them when that sentence tells of no other cause (``_OTHER_CAUSE``)."""
    end = text.find(". ", victims.end - offset)
    rest = text[victims.end - offset : end if end >= 0 else len(text)]
    force = _fight_foe(text, offset, real, victims, (1, 8))
    if force is not None:
        return force
    if spk is not None and spk is not victims and spk.start < victims.start and not _OTHER_CAUSE.search(rest):
        return spk
    return None


def _fight_foe(
    text: str, offset: int, real: list[ActorMention], fallen: ActorMention, inters: tuple[int, ...]
) -> ActorMention | None:
    """The party of kind ``inters`` named after ``fallen`` in the same sentence as the other side of the fight they
    fell in ("... were killed in a clash with the army", "Four soldiers died in a clash with Al-Shabaab")."""
    for m in real:
        if m.inter in inters and m.start > fallen.end:
            between = text[fallen.end - offset : m.start - offset]
            if ". " not in between and _IN_FIGHT_WITH.search(between):
                return m
    return None


@functools.cache
def _not_place_names() -> frozenset[str]:
    with resources.files("eventcoder.data").joinpath("extract_not_place_names.txt").open(encoding="utf-8") as fh:
        return frozenset(w.strip().lower() for w in fh if w.strip() and not w.startswith("#"))


_GROUP_NOUN_AFTER = re.compile(
    r"\s+(?:forces|troops|fighters|militants|militiam[ae]n|militias?|rebels|insurgents|gunmen|members|soldiers|"
    r"police|units?|dissidents|cadres|supporters|loyalists)\b",
    re.IGNORECASE,
)
_SIDE_SUFFIX = re.compile(r"(?i)-(?:held|controlled|backed|led|allied|aligned|affiliated|run)$")


def _not_a_place(text: str, c: dict[str, Any], offset: int) -> bool:
    """Whether place candidate ``c`` names a group or a body: "DFA" in "DFA forces", "Houthi-held", "Assembly"."""
    name = str(c["text"])
    end = _span(c)[1] - offset
    return bool(
        _SIDE_SUFFIX.search(name)
        or name.lower() in _not_place_names()
        or (name.isupper() and _GROUP_NOUN_AFTER.match(text, end))
    )


def _hurt_civilians(p: Passage) -> ActorMention | None:
    """Civilians as the other side, on the evidence of the passage's dead or wounded, when it tells of some ("several
    seriously wounded": no figure, still some; not "no one was hurt")."""
    hurt = find_casualties(p.text)
    sp = next(
        (
            span
            for n, span in (
                (hurt.killed, hurt.killed_span),
                (hurt.wounded, hurt.wounded_span),
                (hurt.killed_or_wounded, hurt.killed_or_wounded_span),
            )
            if span is not None and n != 0
        ),
        None,
    )
    if sp is None:
        return None
    return ActorMention(
        p.start + sp[0], p.start + sp[1], p.text[sp[0] : sp[1]], "Civilians ({country})", "target",
        "Private Citizens & Property", 7, False,
    )


def _speaks(text: str, m: ActorMention, offset: int) -> bool:
    """Whether state force ``m`` is the speaker of a statement about the event."""
    return m.inter in (1, 8) and _SAID_AFTER.match(text, m.end - offset) is not None


# "the Taliban spokesman for the Herat police, said", "a spokesman for the Taliban said": an organisation named only
# as whose spokesperson speaks, however many words follow before "said" (fresh F9)
_SPOKES_AFTER = re.compile(
    r"(?i)(?:'s|’s)?\s+(?:\w+\s+)?(?:spokes(?:man|woman|person)|official\s+spokes\w+)\b(?=[^.]{0,80}?\b(?:said|says|told|stated)\b)"
)
_SPOKES_FOR = re.compile(
    r"\b(?i:spokes(?:man|woman|person))\s+(?:for|of)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,2}$"
)


def _spokesman(text: str, m: ActorMention, offset: int) -> bool:
    """Whether ``m`` is named only as whose official speaks ("a Taliban official said")."""
    said = _REPORTS_AFTER.match(text, m.end - offset)
    if said is not None and said.group("noun") is not None:
        return True
    return bool(
        _SPOKES_AFTER.match(text, m.end - offset)
        or _SPOKES_FOR.search(text, max(0, m.start - offset - 40), m.start - offset)
    )


def _date_words(d: dt.date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


_VERBS = {
    "Armed clash": "clashed with {a2}",
    "Attack": "attacked {a2}",
    "Suicide bomb": "carried out a suicide bombing against {a2}",
    "Remote explosive/landmine/IED": "detonated an explosive device against {a2}",
    "Shelling/artillery/missile attack": "shelled {a2}",
    "Air/drone strike": "carried out an air strike against {a2}",
    "Grenade": "threw a grenade at {a2}",
    "Chemical weapon": "used a chemical weapon against {a2}",
    "Abduction/forced disappearance": "abducted {a2}",
    "Sexual violence": "committed sexual violence against {a2}",
    "Non-state actor overtakes territory": "took control of territory from {a2}",
    "Government regains territory": "regained territory from {a2}",
    "Peaceful protest": "held a protest",
    "Protest with intervention": "held a protest that was dispersed",
    "Excessive force against protesters": "held a protest met with lethal force",
    "Violent demonstration": "held a violent demonstration",
    "Mob violence": "attacked {a2}",
    "Arrests": "arrested {a2}",
    "Looting/property destruction": "looted or destroyed property of {a2}",
    "Disrupted weapons use": "disrupted a weapons use by {a2}",
    "Agreement": "reached an agreement with {a2}",
    "Change to group/activity": "changed its activity",
    "Headquarters or base established": "established a base",
    "Other": "was involved in a strategic development",
}
_REL_WORDS = {
    "in": "in",
    "near": "near",
    "north_of": "north of",
    "south_of": "south of",
    "east_of": "east of",
    "west_of": "west of",
    "outskirts": "on the outskirts of",
    "countryside": "in the countryside of",
    "neighbourhood_of": "in",
}
_QUAL = {
    "at_least": "at least ",
    "more_than": "more than ",
    "approximate": "approximately ",
    "exact": "",
    "vague": "",
    "none_stated": "",
}


def _notes(
    ev: Event, place: dict[str, Any] | None, country: str | None, attacker: str | None, basis: str | None
) -> str:
    if ev.event_date:
        d = dt.date.fromisoformat(ev.event_date)
        when = ("On or shortly before " if basis == "publication" else "On ") + _date_words(d)
    elif basis == "ambiguous_order" and ev.date_text:  # "05/01/2020" with no --date-order
        when = f"On {ev.date_text} (day and month order not known)"
    else:
        when = "On an unstated date"
    a1 = fill_country(ev.actor1, country) or "an unidentified actor"
    a2 = fill_country(ev.actor2, country)
    verb = _VERBS.get(ev.sub_event_type or "", "was involved in an event involving {a2}")
    if "{a2}" in verb:
        if a2:
            verb = verb.replace("{a2}", a2)
        else:
            verb = re.sub(r"\s*(?:against|with|from|at|of|by)?\s*\{a2\}", "", verb)
            if verb == "attacked":
                verb = "carried out an attack"
            elif verb == "arrested":
                verb = "made arrests"
    subj = a1
    if ev.sub_event_type == "Suicide bomb" and attacker:
        subj = f"{a1} (suicide attacker {attacker})"
    where = ""
    if place is not None:
        where = f" {_REL_WORDS.get(str(place['relation']), 'in')} {place['text']}"
    elif country:
        where = f" in {country}"
    cas = ""
    q = _QUAL.get(ev.casualty_qualifier, "")
    parts = []
    if ev.killed is not None:
        parts.append(f"{q}{ev.killed} killed")
    if ev.wounded is not None:
        parts.append(f"{q if ev.killed is None else ''}{ev.wounded} wounded")
    if ev.killed_or_wounded is not None:
        parts.append(f"{q}{ev.killed_or_wounded} killed or wounded")
    if parts:
        cas = (
            " ("
            + " and ".join(parts)
            + (
                ", as told by the targeted group's media"
                if ev.source_type == "claim" and ev.context.get("actor1_how") == "strike_on_claimant"
                else ", as claimed by the perpetrator"
                if ev.claimed and ev.source_type == "claim"
                else ""
            )
            + ")"
        )
    elif ev.casualty_qualifier == "vague":
        cas = " (an unstated number of casualties)"
    s = f"{when}, {subj} {verb}{where}{cas}."
    if contains_slur(s):  # never: fall back to the bare minimum built from normalized fields
        s = f"{when}, {a1} {ev.sub_event_type or 'event'}."
    return s


def _series_context(cas: Casualties) -> dict[str, Any]:
    """``context["series_total"]``: {"incidents", "killed", "wounded"} (the stated totals and N), plus what the
    text says beyond the bare figures: "incidents_at_least" ("one of at least nine attacks"), a field's own N when
    it differs ("wounded_incidents": 16 injured across three of the four attacks) and a total's qualifier
    ("killed_qualifier": "at_least" for "at least 101 killed across the attacks")."""
    assert cas.series is not None
    out: dict[str, Any] = dict(zip(("incidents", "killed", "wounded"), cas.series, strict=True))
    if cas.series_at_least:
        out["incidents_at_least"] = True
    for f, told in (("killed", cas.series_killed), ("wounded", cas.series_wounded)):
        if told is not None and out[f] is not None:
            n, qual = told
            if n != out["incidents"]:
                out[f + "_incidents"] = n
            if qual != "exact":
                out[f + "_qualifier"] = qual
    return out


def _series_note(series: dict[str, Any], ev: Event) -> str:
    """'; killed: share of 14 stated for 3 related incidents' for each field holding a share of a total
    ('; killed: 2 stated for 3 related incidents, this one's share unknown' when the total is below N), in the
    text's own terms: 'at least 101' for a total told as at least, 'at least 9 related incidents' for "one of at
    least nine attacks", and each field's own N (killed across four incidents, wounded across three)."""

    def one(f: str, total: int) -> str:
        n = series.get(f + "_incidents") or series["incidents"]
        of = _QUAL.get(str(series.get(f + "_qualifier") or "exact"), "") + str(total)
        across = ("at least " if series.get("incidents_at_least") else "") + f"{n} related incidents"
        v = getattr(ev, f)
        if v is None:
            return f"; {f}: {of} stated for {across}, this one's share unknown"
        if n and v != total // n:
            # this incident's own figure plus its share, or a total told across fewer of the incidents
            return f"; {f}: {v} includes a share of {of} stated for {across}"
        return f"; {f}: share of {of} stated for {across}"

    return "".join(one(f, t) for f in ("killed", "wounded") if (t := series.get(f)) is not None)


# a report's own figures and the group's competing one: "... claimed responsibility ..., saying it had killed 15
# soldiers" in a news or official report is the claimant's count, never added to the report's "at least six"
_CLAIMED_FIGURE_RX = re.compile(
    r"\b(?:claim(?:ed|ing)|said it (?:had )?carried out)\b[^.;]{0,160}?,?\s*(?:saying|claiming|adding|and said) "
    r"(?:that )?(?:it|they|its (?:fighters|men|militants|members))(?:'d| had| have| has)? "
    r"(?:killed|kill|wounded|injured|destroyed)\b[^.;]*",
    re.IGNORECASE,
)
_AIRCRAFT_RX = re.compile(
    r"\b(?:air ?strikes?|air raids?|aerial (?:bombardment|attack|strike)s?|warplanes?|jets?|aircraft|"
    r"helicopter(?: gunship)?s?|bombers)\b",
    re.IGNORECASE,
)


# "troops rescued 23 kidnapped victims": the forces freed people an earlier abduction took; no abduction by them
_RESCUED_RX = re.compile(
    r"\b(?:rescued|freed|liberated|released|recovered|reunited)\s+(?:(?:an?|the|\w+|\d[\d,]*)\s+){0,3}?"
    r"(?P<k>kidnapped|abducted|kidnap|abduction|hostages?|abductees?|captives?)\b",
    re.IGNORECASE,
)


def _mask_rescued(text: str) -> str:
    """``text`` with the kidnap words of a rescue blanked (same length), for typing the event."""
    out = text
    for m in _RESCUED_RX.finditer(text):
        a, b = m.span("k")
        out = out[:a] + " " * (b - a) + out[b:]
    return out


def _mask_claimed_figures(text: str) -> str:
    """``text`` with the claimant's own figures blanked (same length) when the rest still states a figure."""
    spans = [m.span() for m in _CLAIMED_FIGURE_RX.finditer(text)]
    if not spans:
        return text
    out = text
    for a, b in spans:
        out = out[:a] + " " * (b - a) + out[b:]
    rest = find_casualties(out)
    if rest.killed is None and rest.wounded is None and rest.killed_or_wounded is None:
        return text  # the claim is the only count the report gives: keep it
    return out


def _apply_casualties(
    ev: dict[str, Any], cas: Casualties, offset: int, evidence: dict[str, list[int]]
) -> None:
    ev["killed"], ev["wounded"], ev["killed_or_wounded"] = cas.killed, cas.wounded, cas.killed_or_wounded
    ev["casualty_qualifier"] = cas.qualifier
    ev["vehicles_destroyed"] = cas.vehicles_destroyed
    for f, sp in (
        ("killed", cas.killed_span),
        ("wounded", cas.wounded_span),
        ("killed_or_wounded", cas.killed_or_wounded_span),
        ("vehicles_destroyed", cas.vehicles_span),
    ):
        if sp is not None and ev.get(f) is not None:
            evidence[f] = [sp[0] + offset, sp[1] + offset]
    if cas.qualifier != "none_stated":
        first = cas.killed_span or cas.killed_or_wounded_span or cas.wounded_span
        if first is not None:
            evidence["casualty_qualifier"] = [first[0] + offset, first[1] + offset]


def extract(doc: Document, passages: Sequence[Passage], settings: Settings) -> list[Event]:
    """One Event per incident passage that tells an event."""
    # "05/01/2020" read as --date-order says, else as the report's own unambiguous numeric dates ("25/01/2020")
    with numeric_order(settings.date_order or implied_numeric_order(doc.text)):
        return _extract(doc, passages, settings)


def _extract(doc: Document, passages: Sequence[Passage], settings: Settings) -> list[Event]:
    dateline = find_dateline(doc.text) if doc.published is None else None
    if dateline is not None:  # "IDLIB, March 3, 2019 -": the report's date when none is given (as segment)
        doc = dataclasses.replace(doc, published=dateline.date)
    text = doc.text
    source_type = guess_source_type(doc) if not settings.source_type else settings.source_type
    claim = source_type == "claim"
    headings = find_headings(text)
    # the Hijri months the report names, read from its whole text only when a bare day ("the 3rd") needs one
    hijri_ctx = functools.cache(functools.partial(_hijri_months, doc))
    in_heading = _inside_headings(headings)
    doc_countries = [c for c in find_countries(text) if not in_heading(c[0])]
    headline = is_headline(text)  # one reading per document (it strips a copy of the whole text)
    if headline:
        doc_countries = not_origin(text, 0, doc_countries)
    # "27 of the Burundian Crusaders": troops named by nationality may serve abroad, so they name the report's
    # country only when neither a country nor a province is named
    troops = [c for c in doc_countries if _FOREIGN_TROOPS.match(text, c[1])]
    doc_countries = [c for c in doc_countries if c not in troops]
    doc_iso = doc_countries[0][3] if doc_countries else None
    # "... lies on the road to the Dominican border": a country the report names only by an adjective, told after
    # a passage that names none and in no passage (background), is a mention for it (as the passage's own adjective
    # would be), not the document's stated country (session 13: ht01's attack became its own passage, apart from
    # the paragraph with the adjective)
    adjective_from = (
        doc_countries[0][0]
        if doc_countries
        and not any((ci := country_by_iso(c[3])) is not None and c[2] in ci.names for c in doc_countries)
        and not any(p.start <= doc_countries[0][0] < p.end for p in passages)
        else None
    )
    if doc_iso is None:
        adm = find_admin_countries(text)
        doc_iso = adm[0][3] if adm else None
    doc_iso_from_troops = doc_iso is None and bool(troops)
    if doc_iso_from_troops:
        doc_iso = troops[0][3]
    claimant = None
    if claim:
        # (a heading, "Wilayat Sinai", heads a section only)
        found = [m for m in find_actors(text) if not in_heading(m.start)]
        for m in found:
            if m.role == "perpetrator" and m.actor and "{country}" not in m.actor:
                claimant = m
                break
        for m in found:
            # "the mujahideen of Harakat al-Shabaab al-Mujahideen": the claiming group names itself
            if (
                m.actor
                and m.inter == 2
                and m.role == "either"
                and (claimant is None or (m.start < claimant.start and m.actor != claimant.actor))
                and _names_issuer(text, m)
            ):
                claimant = m
                break
        if claimant is None and (speaker := _group_speaker(text, doc_iso)) is not None:
            # "Statement of the National Resistance Front": the group whose statement it is (session 11, fresh F15)
            claimant = dataclasses.replace(speaker, role="perpetrator")
        if claimant is None:
            # a claim that never names its group: the group whose words it uses (data/claimant_cues.csv)
            by_words = next(
                (
                    who
                    for rx, who, regions in _claimant_cues()
                    if (regions is None or doc_iso is None or doc_iso in regions) and rx.search(text)
                ),
                "Islamic State",
            )
            claimant = ActorMention(0, 0, "", by_words, "perpetrator", None, 2, False)

    named_isos = {c[3] for c in doc_countries if (ci := country_by_iso(c[3])) is not None and c[2] in ci.names}
    several = source_type == "official" and len(named_isos) >= 2 and len(passages) > 1
    # the armed groups the document names, read only once a passage has a generic enemy word they may name
    doc_groups = functools.cache(functools.partial(_doc_groups, text, doc_iso, in_heading))
    doc_speaker = functools.cache(functools.partial(_group_speaker, text, doc_iso))
    events: list[Event] = []
    built: list[tuple[Passage, Event]] = []
    governing = heading_lookup(headings)
    digest = settings.digest()
    for p in passages:
        # a statement naming two countries ("... Aita al-Shaab in southern Lebanon" / "... in Khan Yunis" / "Gaza
        # City"): a paragraph naming neither is in no country the document names first; the gazetteer says where
        ctx = _country_context(
            doc, p, governing, None if several else doc_iso, doc_iso_from_troops or (adjective_from is not None and adjective_from >= p.end), headline
        )
        iso = ctx["iso"]
        if ctx["basis"] == "adjective" and iso is not None and (scene := _group_scene(p.text, p.start, iso)):
            # "Turkish jets, Turkey-backed rebels pounded ...": the jets' adjective made the country Turkey, which
            # skipped the alias of a group that fights in Syria only; the group's country is the better hint
            ctx = {**ctx, "iso": scene, "basis": "actor"}
            iso = scene
        cinfo = country_by_iso(iso)
        country = cinfo.name if cinfo else None
        raw_places = find_places(p.text, p.start)
        inside_place = _Covers([_span(c) for c in raw_places])
        mentions = [
            m for m in find_actors(p.text, iso, p.start) if not inside_place.strictly(m.start, m.end)
        ]  # "Imam" inside the village name "Imam Gharbi"
        # "Hezbollah condemns bombing in Damascus": a reaction headline's speaker is no party (headlines.py)
        cut = p.start + reaction_cut(p.text) if headline else p.start
        mentions = [m for m in mentions if m.start >= cut]
        if not headline:
            # "The army blamed Boko Haram for the attack that killed 12": the party that blames is no party to it
            mentions = [
                m for m in mentions if not (m.role != "label" and _BLAMES_AFTER.match(p.text, m.end - p.start))
            ]
        if headline and (said := speaker_end(p.text)):
            # "Police say gunmen killed 5 in Kano": the force that reports the incident is no party to it
            mentions = [m for m in mentions if not (m.inter in (1, 8) and m.end <= p.start + said)]
        if (
            not claim
            and any(m.generic == "named" and m.actor == GENERIC_ENEMY for m in mentions)
            and len(groups := doc_groups()) == 1
        ):
            # "killed 5 terrorists" in a statement whose other paragraph names "Daesh remnants": its one enemy
            mentions = [
                dataclasses.replace(m, actor=groups[0].actor, inter=2, target_type=groups[0].target_type)
                if m.generic == "named" and m.actor == GENERIC_ENEMY
                else m
                for m in mentions
            ]
        if not claim and _OUR_SIDE.search(p.text) and (speaker := doc_speaker()) is not None:
            mentions = _our_side(p.text, p.start, mentions, speaker)
        mentions = _split_coordinated_forces(p.text, p.start, mentions)
        a1, a2, how = _pick_actors(p.text, p.start, mentions, claim, claimant)
        if (pair := _opposed_forces(p.text, p.start, mentions)) is not None and (a1 is None or a1 in pair):
            # "A civilian was killed in firing between the troops of India and Pakistan": the two sides, even
            # when the sentence is passive (no subject was picked)
            a1, a2, how = pair[0], pair[1], "subject"
        elif not claim and not headline and (sides := _repel_sides(p.text, p.start, mentions)) is not None:
            a1, a2, how = sides[0], sides[1], "named"  # named by the attack's words: no defused device's actor
        named, named_how = (None, "none") if claim else _named_group(p.text, p.start, iso)
        if named is not None and named.start < cut:
            named, named_how = None, "none"
        if (
            a1 is not None
            and named is None
            and (
                (cut > p.start and _OF_VICTIM.search(text[max(0, a1.start - 40) : a1.start]))
                or (how == "subject" and headline and opens_with_verb(p.text))
            )
        ):
            # "CHR probes ambush of 3 soldiers", "Targeting a convoy of the International Coalition": the target
            a1, a2, how = None, a2 or a1, "none"
        if named is not None:
            if a2 is not None and a2.actor == named.actor:
                a2 = None
            a1, how = named, named_how
            if a2 is not None and a2.actor == a1.actor:
                a2 = None
            if a2 is None:
                others = [
                    m
                    for m in mentions
                    if m.role != "label"
                    and m.actor
                    and m.actor != a1.actor
                    and not (m.start >= a1.start and m.end <= a1.end)
                    and m.inter != 2
                    and m.role != "perpetrator"
                ]
                a2 = others[0] if others else None
        if claim and a1 is not None and a1.start == 0 and a1.end == 0:
            a1 = claimant
        if (
            source_type == "official"
            and a1 is None
            and a2 is not None
            and (a2.inter == 2 or a2.generic)
            and _VIOLENT_VERB.search(p.text) is not None
        ):
            # "units of the 20th Division killed 5 terrorists" in a government statement: its own forces act
            a1 = ActorMention(0, 0, "", "Military Forces of {country}", "either", "Military", 1, False)
            how = "statement"
        elif (
            source_type == "official"
            and a1 is None
            and a2 is not None
            and a2.inter in (1, 8)
            and _VIOLENT_VERB.search(p.text) is not None
        ):
            # "own troops engaged the khawarij location ... six khawarij were killed": a statement's forces
            # reporting their operation in the passive are its initiator, the group they fought the opponent
            foes = [m for m in mentions if m.actor and m.role != "label" and (m.inter in (2, 3) or m.generic)]
            if foes:
                a1, a2, how = a2, foes[0], "statement"
        if a2 is None and p.parent_index is not None:
            # "Meanwhile, another device ... on a second patrol": the continuation keeps its parent's opponent
            parent_ev = next((ev for pp, ev in built if pp.index == p.parent_index), None)
            if parent_ev is not None and parent_ev.context.get("_a2") is not None:
                a2 = parent_ev.context["_a2"]
        if headline and (rep := repel_split(p.text)) is not None:
            # "Somali police repulse al-Shabab attack": the attacker began it, the side that repels is actor2
            roles = _repel_roles(mentions, p.start + rep[0], p.start + rep[1])
            if roles[1] is not None:
                a1, a2 = roles
                how = "subject" if a1 is not None else "none"
        elif headline and (rep := repel_by_split(p.text)) is not None:
            # "Al Shabaab attack repelled by AMISOM": the same roles, the defender named after "by"
            roles = _repel_by_roles(mentions, p.start + rep[0], p.start + rep[1])
            if roles[1] is not None:
                a1, a2 = roles
                how = "subject" if a1 is not None else "none"
        elif headline and (cap := capture_split(p.text)) is not None:
            # "Army base falls to Taliban": the party after the verb took the place, the one before held it
            a1, a2 = capture_roles(mentions, p.start + cap[0], p.start + cap[1])
            how = "subject" if a1 is not None else "none"
        if built and (back := CLASH_BACK_RX.search(p.text, 0, _first_sentence_end(p.text))) is not None:
            # "Peacekeepers ... exchanged fire with the attackers": the attackers are the group of the attack told
            # before, which began the fight (actor1); the force that answered is its opponent (session 13, F19)
            prev_a1 = built[-1][1].actor1
            force = next((m for m in (a1, a2) if m is not None and m.inter in (1, 8)), None)
            if prev_a1 and not prev_a1.startswith("Unidentified") and force is not None:
                s0, e0 = p.start + back.start(), p.start + back.end()
                a1 = ActorMention(s0, e0, p.text[back.start() : back.end()], prev_a1, "perpetrator", None, 2, False)
                a2, how = force, "named"
        typing_context: dict[str, Any] = {
            "actor1_inter": a1.inter if a1 else None,
            "actor2_inter": a2.inter if a2 else None,
            "actor2_target_type": a2.target_type if a2 else None,
            "actor2_span": (a2.start, a2.end) if a2 else None,
            "source_type": source_type,
        }
        # the attacker's own words are never its target ("soldiers of the Khilafah detonated ...")
        a1_span = (a1.start, a1.end) if a1 is not None and a1.end > a1.start else None
        cls: Classification | None = classify(
            _mask_rescued(p.text), offset=p.start, actor1_span=a1_span, **typing_context
        )
        if cls is None and headline:  # "Boko Haram Beheads Woodcutters": a headline's present tense
            cls = classify_headline(p.text, offset=p.start, actor1_span=a1_span, **typing_context)
        if cls is None:
            continue
        if (
            claim
            and how == "claim"
            and cls.sub_event_type == "Air/drone strike"
            and a2 is not None
            and a2.inter in (1, 8)
            and (
                _AIR_WORDS.search(a2.text)
                or _AIR_WORDS.match(p.text, a2.end - p.start)
                or re.search(
                    r"\b(?:strikes?|raids?|bombing) (?:by|of) (?:the )?$", p.text[: a2.start - p.start]
                )
            )
        ):
            # "Crusader coalition warplanes bombed Hajin, killing 7 Muslims": the claimant's media tells a strike
            # on its side; the air force is actor1, the dead the target. ``claimed`` is false (SCHEMA: the figures
            # come from the *perpetrator's* own claim; these are the target's media's): source_type stays "claim"
            # and the note says whose media told it
            victims = [
                m for m in mentions if m.role != "label" and m.actor and m.inter == 7 and m.start > a2.end
            ]
            a1, a2 = a2, (victims[0] if victims else claimant)
            how = "strike_on_claimant"
            cls = (
                classify(
                    p.text,
                    offset=p.start,
                    actor1_inter=a1.inter,
                    actor2_inter=a2.inter if a2 else None,
                    actor2_target_type=a2.target_type if a2 else None,
                    actor2_span=(a2.start, a2.end) if a2 and a2.end > a2.start else None,
                    source_type=source_type,
                )
                or cls
            )
        if (
            cls.sub_event_type == "Disrupted weapons use"
            and a1 is not None
            and a1.inter in (1, 8)
            and how not in ("claimed", "attributed", "named")
        ):
            # "Security forces defused an explosive device": the one who planted it is the perpetrator
            a1, a2, how = None, a1, "none"
        evidence: dict[str, list[int]] = {}
        fields: dict[str, Any] = {}
        # ---- date
        basis = None
        own = _event_dates(doc, p.text, p.start, hijri_ctx)
        # the date of this event is told where the event is told; a date in a later sentence ("the previous
        # month", "released on June 9") belongs to another event unless it is recent
        first_end = p.start + _first_event_sentence_end(p.text)
        lead = [d for d in own if d.start < first_end]
        if not lead and doc.published is not None:
            lead = [d for d in own if d.date is not None and d.date >= doc.published - dt.timedelta(days=7)]
        date_m: DateMention | None = lead[0] if lead else None
        if date_m is None and p.date_span is not None:
            inh = _event_dates(doc, text[p.date_span[0] : p.date_span[1]], p.date_span[0], hijri_ctx)
            date_m = inh[0] if inh else None
            basis = "inherited" if date_m else None
            off = _DAY_OFFSET.match(p.text)
            if date_m is not None and date_m.date is not None and off is not None:
                # "Two days later, they ...": the inherited day moved by the stated offset; the evidence is
                # the offset phrase (the day it counts from is the parent's date, cited by the parent)
                n = off.group("n") or off.group("nb")
                days = 1 if n is None else int(n) if n.isdigit() else _NUMW.get(n.lower(), 0)
                days = -days if off.group("back") else days
                if days and (doc.published is None or date_m.date + dt.timedelta(days=days) <= doc.published):
                    date_m = dataclasses.replace(
                        date_m,
                        date=date_m.date + dt.timedelta(days=days),
                        text=off.group("ph"),
                        start=p.start + off.start("ph"),
                        end=p.start + off.end("ph"),
                    )
                    basis = "offset"
        if date_m is not None:
            fields.update(
                event_date=date_m.date.isoformat() if date_m.date else None,
                time_precision=date_m.precision,
                date_text=date_m.text,
                calendar=date_m.calendar,
            )
            evidence["event_date"] = evidence["date_text"] = evidence["time_precision"] = [
                date_m.start,
                date_m.end,
            ]
            evidence["calendar"] = [date_m.start, date_m.end]
            basis = basis or "stated"
            if date_m.date is None and date_m.readings:  # day and month cannot be told apart: no date is chosen
                fields["time_precision"] = None
                basis = "ambiguous_order"
                del evidence["event_date"], evidence["time_precision"]
        elif doc.published is not None:
            fields.update(event_date=doc.published.isoformat(), time_precision=2)
            basis = "publication"
            if dateline is not None:  # the publication date read from the dateline: its span is the evidence
                evidence["event_date"] = evidence["time_precision"] = [dateline.start, dateline.end]
        # ---- actors
        actor_templates: dict[str, str] = {}
        if cls.event_type in ("Protests", "Riots"):
            # ACLED: the demonstrators are actor1 ("Protesters (India)", "Rioters (India)"); actor2 only for the
            # forces that intervene or the people the rioters attack, never the demonstrators themselves
            crowd = [m for m in mentions if m.actor and m.inter in (5, 6, 7)]
            state = [m for m in mentions if m.actor and m.inter in (1, 8)]
            if cls.event_type == "Riots" and a1 is not None and a1.inter in (1, 8):
                # "clashes broke out between police and UDMF cadres": the rioters are actor1 and the forces
                # they fight actor2 (ACLED never codes a state force as a riot's actor1)
                a1, a2 = None, a1
            # a protest's actor1 is its crowd, never the force or the armed group it is about ("protests against
            # HTS in Idlib", "locals protested the explosion of bombs by unidentified assailants"); a perpetrator
            # word that is the sentence's subject acted ("Assailants attacked an MP at a farmers' protest"), and so did
            # one the text holds responsible ("... sources attributed the attack to Tiv militia") (session 9)
            if (
                a1 is None
                or a1.inter in (5, 6, 7)
                or (
                    cls.event_type == "Protests"
                    and how not in ("claimed", "attributed")
                    and not (how == "subject" and a1.role == "perpetrator")
                )
            ):
                a1 = crowd[0] if crowd else None
                if a1 is not None:
                    a1 = dataclasses.replace(
                        a1,
                        actor="Protesters ({country})"
                        if cls.event_type == "Protests"
                        else "Rioters ({country})",
                    )
            if cls.sub_event_type == "Peaceful protest":
                a2 = None
            elif cls.event_type == "Protests":
                a2 = state[0] if state else None
            elif a2 is not None and a1 is not None and a2.inter == a1.inter and a2.inter in (5, 6, 7):
                a2 = None
            if cls.event_type == "Riots" and a2 is None and (a1 is None or a1.inter in (5, 6, 7)):
                # "a clash between two factions of the BCL": both crowds are rioters (ACLED); else "students
                # rioted ... clashing with police": the forces the rioters face are the other side
                rival = [
                    c
                    for c in find_cues(p.text, p.start).get("rival_clash", [])
                    if not any(c.start <= m.start < c.end for m in state)
                ]
                if rival:
                    a2 = ActorMention(
                        rival[0].start, rival[0].end, rival[0].text, "Rioters ({country})", "either", None, 5, False
                    )
                else:
                    a2 = next((m for m in state if a1 is None or m.actor != a1.actor), None)
            if cls.sub_event_type == "Mob violence" and a2 is None:
                # "villagers lynched a suspected thief", "cadres attacked three candidates ... several seriously
                # wounded": the people a mob kills or wounds are its other side (ACLED: Civilians)
                a2 = _hurt_civilians(p)
        if cls.event_type == "Explosions/Remote violence" and a2 is None:
            # "A roadside bomb hit a minibus, killing 9", "mortar shells killed one in Hodan": the unnamed dead and
            # wounded of a blast or a strike are civilians (ACLED; session 12, ACLED actor2 misses)
            a2 = _hurt_civilians(p)
        if cls.event_type == "Violence against civilians" and a2 is None:
            # "Islamist militants gunned down a Christian priest": the victims of violence against civilians are
            # civilians whether or not an actor word names them (ACLED); the evidence is the target ("the mayor"),
            # else the casualty phrase, else the typing cue; not actor1's own words ("Gunmen ... shot dead the mayor"
            # had actor2_text "Gunmen"; session 10, D14f) nor before the cue ("Taliban vow revenge after attack kills")
            cue = cls.spans.get("sub_event_type") or cls.spans.get("event_type")
            hurt = find_casualties(p.text)
            sp = next(
                (
                    s
                    for s in (
                        cls.spans.get("target_type"),
                        (p.start + hurt.killed_span[0], p.start + hurt.killed_span[1]) if hurt.killed_span else None,
                    )
                    if s is not None
                    and (cue is None or s[0] >= cue[0])
                    and (a1 is None or s[1] <= a1.start or s[0] >= a1.end)
                ),
                cue,
            )
            if sp is not None:
                a2 = ActorMention(
                    sp[0], sp[1], doc.text[sp[0] : sp[1]], "Civilians ({country})", "target",
                    "Private Citizens & Property", 7, False,
                )
        if cls.event_type == "Battles" and a2 is not None and a2.inter == 7 and (a1 is None or a1.inter != 1):
            # "Clashes between rival armed groups ... killed at least eight people": the dead are the toll, not a
            # side; a battle's other side is armed (CODEBOOKS 1.1): the rival named by the clash phrase, of the
            # same kind as actor1 (ACLED: UAG vs UAG; session 10, fresh texts D17)
            rival = find_cues(p.text, p.start).get("rival_clash", [])
            if rival:
                a2 = ActorMention(
                    rival[0].start, rival[0].end, rival[0].text,
                    a1.actor if a1 is not None and a1.inter in (2, 3, 4) else "Unidentified Armed Group ({country})",
                    "either", None, a1.inter if a1 is not None and a1.inter in (2, 3, 4) else 3, False,
                )
        if a1 is None and cls.sub_event_type == "Air/drone strike" and _AIRCRAFT_RX.search(p.text):
            a1_name: str | None = None  # "an airstrike hit a compound": armed groups fly no warplanes; no one named
        elif a1 is None and (
            cls.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians")
            or cls.sub_event_type in ("Disrupted weapons use", "Looting/property destruction")
        ):
            a1_name = "Unidentified Armed Group ({country})"
        elif a1 is None and cls.event_type in ("Protests", "Riots"):
            a1_name = "Protesters ({country})" if cls.event_type == "Protests" else "Rioters ({country})"
        else:
            a1_name = a1.actor if a1 else None
        if a1 is not None and a1.text:
            fields["actor1_text"] = a1.text
            evidence["actor1"] = evidence["actor1_text"] = [a1.start, a1.end]
        a2_name = a2.actor if a2 else None
        if a2 is not None:
            fields["actor2_text"] = a2.text
            evidence["actor2"] = evidence["actor2_text"] = [a2.start, a2.end]
        for key, name in (("actor1", a1_name), ("actor2", a2_name)):
            # a force named by an alias that outlived it ("Crusader forces" in 2008 is no 2014 coalition)
            name = period_actor(name, iso, fields.get("event_date"))
            if name and "{country}" in name:
                actor_templates[key] = name
            fields[key] = fill_country(name, country)
        # ---- type fields
        fields.update(
            event_type=cls.event_type,
            sub_event_type=cls.sub_event_type,
            attack_type=cls.attack_type,
            weapon_type=cls.weapon_type,
            weapon_detail=cls.weapon_detail,
            target_type=cls.target_type,
            territory_change=cls.territory_change,
            claimed=cls.claimed and how != "strike_on_claimant",
        )
        for f, sp in cls.spans.items():
            evidence[f] = [sp[0], sp[1]]
        if fields["claimed"] and "claimed" not in evidence:
            src = ctx["region"]
            if a1 is not None and a1.text:
                evidence["claimed"] = [a1.start, a1.end]
            elif src is not None:
                evidence["claimed"] = [src.start, src.end]
        # ---- casualties
        # (only after other incidents of its section: in a one-incident report "In total" is that incident's)
        tally_m = _TALLY_SENT.search(p.text) if built and built[-1][0].region_span == p.region_span else None
        tally_cas = None
        if tally_m is not None:
            # "In all, 15 were killed in these attacks": a total over this section's incidents, kept apart from
            # this incident's own figures and spread by _share_figures (never added to this one's)
            a, b = tally_m.span()
            tally_cas = find_casualties(" " * a + p.text[a:b] + " " * (len(p.text) - b))
            if tally_cas.killed is None and tally_cas.wounded is None and tally_cas.killed_or_wounded is None:
                tally_cas = None
        if tally_cas is not None and tally_m is not None:
            a, b = tally_m.span()
            cas = find_casualties(p.text[:a] + " " * (b - a) + p.text[b:])
        else:
            own_text = _mask_claimed_figures(p.text) if not claim else p.text
            cas = find_casualties(own_text)
            if own_text != p.text and fields["claimed"]:
                # the figures kept are the report's own, not the group's ("... and said it had killed 20")
                fields["claimed"] = False
                evidence.pop("claimed", None)
        _apply_casualties(fields, cas, p.start, evidence)
        # ---- place
        inside_mention = _Covers([(m.start, m.end) for m in mentions])
        cands = [
            c
            for c in raw_places
            if not inside_mention.covers(*_span(c))
            and not contains_slur(str(c["text"]))
            and not (date_m is not None and date_m.start <= _span(c)[0] < date_m.end)
        ]
        # "clashes between DFA forces and ...", "the Houthi-held port", "House of Assembly": a group or a body named
        # where a place phrase would be, no place (fresh F35)
        cands = [c for c in cands if not _not_a_place(p.text, c, p.start)]
        cspans = find_countries(p.text, p.start)
        ccodes = {c[2].lower() for c in cspans}
        in_country = _Covers([(cs, ce) for cs, ce, _w, _i in cspans])
        cands = [
            c
            for c in cands
            if str(c["text"]).lower() not in ccodes
            and not (in_country.starts_in(_span(c)[0]) and not str(c["text"]).endswith(" City"))  # "Gaza City"
        ]
        place = cands[0] if cands else None
        clash_back = CLASH_BACK_RX.search(p.text, 0, _first_sentence_end(p.text)) if built else None
        if clash_back is not None and (place is None or _span(place)[0] >= p.start + _first_sentence_end(p.text)):
            # "Police officers stationed in the town exchanged fire with the attackers": the fight after the attack
            # told before (segment splits it off) was where that attack was, unless its own sentence names a place
            prev_place = built[-1][1].context.get("_place")
            if prev_place is not None:
                place = prev_place
                cands = [prev_place, *[c for c in cands if c is not prev_place]]
        if (
            claim
            and place is None
            and basis in ("publication", None)
            and p.region_text is None
            or (claim and _TALLY.match(p.text))
        ):
            continue  # a claim's summary ("In total, 45 operations killed 120 ..."): no incident of its own
        if (
            place is None
            and not cspans
            and fields.get("killed") is None
            and fields.get("wounded") is None
            and _FRONT_TALLY.search(p.text)
        ):
            continue  # "Over the past day the enemy carried out 4 missile strikes and 57 air strikes": a front's tally
        if place is not None:
            if contains_slur(str(place["phrase"])):  # never repeat a label: keep only the name itself
                fields["location_text"] = place["text"]
                evidence["location_text"] = [place["start"], place["end"]]  # type: ignore[list-item]
            else:
                fields["location_text"] = place["phrase"]
                evidence["location_text"] = [place["phrase_start"], place["phrase_end"]]  # type: ignore[list-item]
        # ---- attacker name
        am = _ATTACKER.search(p.text)
        attacker = am.group("name") if am else None
        # ---- provenance
        fields.update(source=doc.source or "", source_type=source_type, doc_ids=(doc.doc_id,))
        conf = (
            0.4
            + 0.15 * (basis in ("stated", "inherited", "offset"))
            + 0.15 * (a1 is not None)
            + 0.1 * (place is not None)
            + 0.1 * (cas.qualifier != "none_stated")
            + 0.05 * (a2 is not None)
        )
        context: dict[str, Any] = {
            "region_text": p.region_text,
            "country_hint": iso,
            "admin1_hint": ctx["admin1"],
            "country_basis": ctx["basis"],
            "place_candidates": [  # "at_sea": read from "off X" (places._OFF_RX), exact names only (session 11)
                {k: c[k] for k in ("text", "start", "end", "relation", "feature", "at_sea") if k in c} for c in cands
            ],
            "passage": [p.start, p.end],
            "passage_index": p.index,
            "parent_index": p.parent_index,
            "date_basis": basis,
            **({"date_readings": [d.isoformat() for d in date_m.readings]} if basis == "ambiguous_order" and date_m else {}),
            "actor1_how": how,
        }
        if cas.series is not None:  # a series total divided among its incidents (numbers._series_share)
            context["series_total"] = _series_context(cas)
        if cls.responsibility_claimed is not None:  # GTD's claimed (responsibility), not SCHEMA's claimed
            context["responsibility_claimed"] = cls.responsibility_claimed
        if actor_templates:
            context["actor_templates"] = actor_templates
        if attacker:
            context["attacker_names"] = [attacker]
            evidence["attacker_name"] = [am.start("name") + p.start, am.end("name") + p.start]  # type: ignore[union-attr]
        if p.region_span is not None:
            context["region_span"] = list(p.region_span)
        ev = Event(
            event_id=make_event_id(doc.doc_id, p.index, digest),
            confidence=round(min(conf, 0.95), 2),
            evidence=evidence,
            context=context,
            **fields,
        )
        built.append((p, ev))
        context["_place"] = place
        context["_a2"] = a2
        context["_country"] = country
        context["_attacker"] = attacker
        context["_tally"] = tally_cas
    built = _share_tallies(_share_figures(text, built))
    for p, ev in built:
        ctx = dict(ev.context)
        place, country, attacker = ctx.pop("_place"), ctx.pop("_country"), ctx.pop("_attacker")
        ctx.pop("_a2", None)
        ctx.pop("_tally", None)
        notes = _notes(ev, place, country, attacker, ctx.get("date_basis"))
        if ctx.get("series_total"):  # a divided series total: say so, with the stated total and N
            notes = notes[:-1] + _series_note(ctx["series_total"], ev) + "."
        tot = (ctx.get("shared_figure") or {}).get("total")
        if tot:  # the remainder of a section total: say what each figure was derived from
            notes = notes[:-1] + "".join(
                f"; {f.replace('_', ' or ')}: {t['stated_in_all']} stated in all for these incidents, less "
                f"{t['less_stated']} stated for the others"
                for f, t in tot.items()
            ) + "."
        if ctx.get("shared_figure_on"):
            notes = (
                notes[:-1]
                + "; the casualty figure given for this and related incidents is recorded on event "
                + str(ctx["shared_figure_on"])
                + "."
            )
        ev_ev = dict(ev.evidence)
        ev_ev["notes"] = [p.start, p.end]
        events.append(ev.replace(notes=notes, context=ctx, evidence=ev_ev))
    return events


@functools.cache
def _claimant_cues() -> tuple[tuple[re.Pattern[str], str, frozenset[str] | None], ...]:
    """(pattern, claimant, regions or None for anywhere) of data/claimant_cues.csv, in file order."""
    out = []
    with resources.files("eventcoder.data").joinpath("claimant_cues.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            regions = None if row["regions"].strip() in ("", "*") else frozenset(row["regions"].split(";"))
            out.append((re.compile(row["pattern"], re.IGNORECASE), row["claimant"], regions))
    return tuple(out)


# how vague a casualty_qualifier is (SCHEMA.md values): a derived figure never makes an event's qualifier firmer
_QUAL_RANK = {"none_stated": 0, "exact": 1, "at_least": 2, "more_than": 2, "approximate": 3, "vague": 4}


def _share_tallies(built: list[tuple[Passage, Event]]) -> list[tuple[Passage, Event]]:
    """Spread a section total ("In all, 15 apostates were killed in these attacks") over the incidents it sums.

    The incidents are those told before it under the same heading (back to an earlier total) and its own. Per
    field: when none of them states a figure, the total is stored once, on the first of them (the others point
    to it); when some do, what the total leaves beyond their sum is stored on the first of the silent ones
    (never more than stated, never counted twice); a total no larger than the stated figures adds nothing.
    """
    out = list(built)
    for i, (p, ev) in enumerate(built):
        tally: Casualties | None = ev.context.get("_tally")
        if tally is None:
            continue
        group = [i]
        for j in range(i - 1, -1, -1):
            if built[j][0].region_span != p.region_span or built[j][1].context.get("_tally") is not None:
                break
            group.insert(0, j)
        for f, total, span in (
            ("killed", tally.killed, tally.killed_span),
            ("wounded", tally.wounded, tally.wounded_span),
            ("killed_or_wounded", tally.killed_or_wounded, tally.killed_or_wounded_span),
        ):
            if total is None or span is None:
                continue
            evs = [out[j][1] for j in group]
            stated = sum(getattr(e, f) or 0 for e in evs)
            silent = [j for j, e in zip(group, evs, strict=True) if getattr(e, f) is None]
            if not silent or total - stated <= 0:
                continue
            first = silent[0]
            fp, fev = out[first]
            fe = dict(fev.evidence)
            fe[f] = [p.start + span[0], p.start + span[1]]
            changes: dict[str, Any] = {f: total - stated}
            # the total as stated; a remainder is no figure the text states: "approximate" (or "at_least" when the
            # total is a floor and the figures taken from it are exact), never "exact"; a vaguer own qualifier stays
            qual = tally.qualifier
            if stated:
                exact_parts = all(e.casualty_qualifier == "exact" for e in evs if getattr(e, f) is not None)
                qual = "at_least" if tally.qualifier == "at_least" and exact_parts else "approximate"
            if _QUAL_RANK.get(qual, 0) > _QUAL_RANK.get(fev.casualty_qualifier, 0):
                changes["casualty_qualifier"] = qual
                fe["casualty_qualifier"] = fe[f]
            fctx = dict(fev.context)
            shared = dict(fctx.get("shared_figure") or {})
            shared["covers"] = [out[j][1].event_id for j in silent]
            shared["stated_at"] = fe[f]
            if stated:  # per field: the stated total and the others' figures taken from it (the notes say both)
                shared["total"] = {**(shared.get("total") or {}), f: {"stated_in_all": total, "less_stated": stated}}
            fctx["shared_figure"] = shared
            out[first] = (fp, fev.replace(evidence=fe, context=fctx, **changes))
            for j in silent[1:]:
                jp, jev = out[j]
                out[j] = (jp, jev.replace(context={**jev.context, "shared_figure_on": fev.event_id}))
    return out


def _share_figures(text: str, built: list[tuple[Passage, Event]]) -> list[tuple[Passage, Event]]:
    """Move a figure told for several incidents onto the first of them; the others point to it."""
    out = list(built)
    for i, (p, ev) in enumerate(built):
        m = _SHARED_FIG.search(p.text)
        if not m or (ev.killed is None and ev.wounded is None and ev.killed_or_wounded is None):
            continue
        span = [ev.evidence.get(f) for f in ("killed", "wounded", "killed_or_wounded")]
        first_span = min((s for s in span if s), key=lambda s: s[0], default=None)
        # "In all, 15 were killed in these attacks": a tally sentence names the figure before the attacks
        sent_start = max(p.text.rfind(". ", 0, m.start()) + 2, 0) if ". " in p.text[: m.start()] else 0
        tally = _TALLY_OPEN.match(p.text[sent_start:])
        if first_span is None or (
            first_span[0] < p.start + m.start() - 5
            and not re.search(r"\b(?:left|leaving|resulted|killed)\b", p.text[m.end() : m.end() + 60])
            and not (tally and first_span[0] >= p.start + sent_start)
        ):
            continue
        n = _NUMW.get((m.group("n") or "").lower()) or (
            int(m.group("n")) if (m.group("n") or "").isdigit() else 2
        )
        if tally and not m.group("n"):
            # no count: every incident told before it under the same heading, back to the last one with its own
            # figure (that one's total is its own)
            n = 1
            for j in range(i - 1, -1, -1):
                jp, jev = built[j]
                if jp.region_span != p.region_span or any(
                    getattr(jev, f) is not None for f in ("killed", "wounded", "killed_or_wounded")
                ):
                    break
                n += 1
        group = [j for j in range(i - 1, -1, -1) if built[j][0].region_span == p.region_span][: n - 1]
        if len(group) < n - 1 or not group:
            continue
        first = min(group)
        fp, fev = out[first]
        moved = {f: getattr(ev, f) for f in ("killed", "wounded", "killed_or_wounded", "casualty_qualifier")}
        fe = dict(fev.evidence)
        ee = dict(ev.evidence)
        for f in ("killed", "wounded", "killed_or_wounded", "casualty_qualifier"):
            if f in ee:
                fe[f] = ee.pop(f)
            else:
                fe.pop(f, None)
        fctx = dict(fev.context)
        fctx["shared_figure"] = {
            "covers": [out[j][1].event_id for j in sorted(group) + [i]],
            "stated_at": first_span,
        }
        out[first] = (fp, fev.replace(evidence=fe, context=fctx, **moved))
        ectx = dict(ev.context)
        ectx["shared_figure_on"] = fev.event_id
        out[i] = (
            p,
            ev.replace(
                evidence=ee,
                context=ectx,
                killed=None,
                wounded=None,
                killed_or_wounded=None,
                casualty_qualifier="none_stated",
            ),
        )
        for j in group:
            if j != first:
                jp, jev = out[j]
                jctx = dict(jev.context)
                jctx["shared_figure_on"] = fev.event_id
                out[j] = (jp, jev.replace(context=jctx))
    return out


def finalize_actors(events: Sequence[Event]) -> list[Event]:
    """After geocoding: name ``{country}`` actors ("Civilians (Kenya)") after ``Event.country``.

    The pipeline calls this after the geocode stage; the geocoder's country wins over extract's hint,
    and the names in ``notes`` follow.
    """
    out = []
    for ev in events:
        tpl = ev.context.get("actor_templates") or {}
        if not tpl or not ev.country:
            out.append(ev)
            continue
        changes: dict[str, Any] = {}
        notes = ev.notes
        for key, template in tpl.items():
            new = fill_country(template, ev.country)
            old = getattr(ev, key)
            if new and old != new:
                changes[key] = new
                if old:  # the name as a whole: "Military Forces" is not the start of "Military Forces of Israel"
                    notes = re.sub(re.escape(old) + r"(?![\w(]| of\b| \()", new.replace("\\", "\\\\"), notes, count=1)
        if changes:
            changes["notes"] = notes
            out.append(ev.replace(**changes))
        else:
            out.append(ev)
    return out
