"""Merge and split of reviewed events as store-level operations, each audit-logged. (owner: api)

merge(store, into, event_ids, who): the events in ``event_ids`` are the same incident as ``into``;
    ``into`` gains their documents (``doc_ids`` union, order kept) and each of them gets
    ``merged_into = into`` (hidden from listings, kept for the record and for ``split``).
split(store, event_id, who, event_ids=None, doc_ids=None): undo a merge (``event_ids``: merged events to
    detach, default all), or cut documents out of an event into events of their own (``doc_ids``).
undo(store, event_id, audit_id, who): take back one edit: its fields, evidence and geo hints as they were.
undo_refusal(entries, audit_id, now): why such an undo would be refused (None: it can be undone).

Every change goes through ``Store.update_event`` so the audit log has who, when, before and after.
The caller holds the API's write lock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from eventcoder.api.errors import ApiError
from eventcoder.records import Event
from eventcoder.stages.store import Store


def _merged_into(ev: Event) -> str | None:
    return (ev.context or {}).get("_merged_into")


def _load(store: Store, event_id: str) -> Event:
    ev = store.get_event(event_id)
    if ev is None:
        raise ApiError(404, f"no event {event_id!r}")
    return ev


def merge(store: Store, into: str, event_ids: Sequence[str], who: str) -> Event:
    target = _load(store, into)
    if _merged_into(target):
        raise ApiError(409, f"event {into!r} is itself merged into {_merged_into(target)!r}; merge into that one")
    others = []
    for eid in dict.fromkeys(event_ids):
        if eid == into:
            raise ApiError(422, f"cannot merge event {into!r} into itself", "invalid_request")
        ev = _load(store, eid)
        if _merged_into(ev):
            raise ApiError(409, f"event {eid!r} is already merged into {_merged_into(ev)!r}")
        if store.con.execute("SELECT 1 FROM events WHERE merged_into = ? LIMIT 1", [eid]).fetchone():
            raise ApiError(409, f"event {eid!r} has events merged into it; split them first or merge into it")
        others.append(ev)
    doc_ids = list(target.doc_ids)
    for ev in others:
        doc_ids += [d for d in ev.doc_ids if d not in doc_ids]
    for ev in others:
        store.update_event(ev.event_id, {"merged_into": into}, who=who, action="merge")
    # written even when its doc_ids stay the same (events of one roundup share their document): the target's
    # own audit log, the one the review page shows, must say that events were merged into it
    return store.update_event(into, {"doc_ids": doc_ids}, who=who, action="merge")


def _split_dedupe_merge(store: Store, event_id: str, who: str) -> list[str] | None:
    """If ``event_id`` was made by the dedupe stage (a row in its ``merges`` table), undo that merge with
    the dedupe stage's own ``split_merge`` (the merged event goes, its members come back, and they are
    recorded as cannot-link). None when it is not such an event."""
    try:
        from eventcoder.stages import dedupe
    except ImportError:  # pragma: no cover - the stage is part of the package
        return None
    split_merge = getattr(dedupe, "split_merge", None)
    if split_merge is None:
        return None
    has_table = store.con.execute(
        "SELECT 1 FROM information_schema.tables WHERE table_name = 'merges'").fetchone()
    if not has_table or not store.con.execute(
            "SELECT 1 FROM merges WHERE merged_id = ? AND status = 'merged'", [event_id]).fetchone():
        return None
    members = list(split_merge(store, event_id, who=who))
    return members or None


def split(
    store: Store,
    event_id: str,
    who: str,
    event_ids: Sequence[str] | None = None,
    doc_ids: Sequence[str] | None = None,
) -> tuple[Event, list[str]]:
    """Returns the event after the split and the ids of the events split off."""
    ev = _load(store, event_id)
    if event_ids is None and doc_ids is None:
        members = _split_dedupe_merge(store, event_id, who)
        if members is not None:
            return _load(store, members[0]), members
    children = [r[0] for r in store.con.execute(
        "SELECT event_id FROM events WHERE merged_into = ? ORDER BY event_id", [event_id]).fetchall()]
    if event_ids is None and doc_ids is None:
        event_ids = children
        if not event_ids:
            raise ApiError(409, f"event {event_id!r} has no merged events; give doc_ids to split documents off")
    split_off: list[str] = []
    for cid in dict.fromkeys(event_ids or ()):
        if cid not in children:
            raise ApiError(409, f"event {cid!r} is not merged into {event_id!r}")
    detached = list(dict.fromkeys(event_ids or ()))
    if detached:
        remaining = [c for c in children if c not in detached]
        keep_docs: set[str] = {ev.doc_ids[0]} if ev.doc_ids else set()
        for cid in remaining:
            keep_docs.update(_load(store, cid).doc_ids)
        drop: set[str] = set()
        for cid in detached:
            child = _load(store, cid)
            store.update_event(cid, {"merged_into": None}, who=who, action="split")
            drop.update(d for d in child.doc_ids if d not in keep_docs)
            split_off.append(cid)
        new_docs = [d for d in ev.doc_ids if d not in drop]  # (audited even when unchanged, as merge)
        ev = store.update_event(event_id, {"doc_ids": new_docs}, who=who, action="split")
    for d in dict.fromkeys(doc_ids or ()):
        if d not in ev.doc_ids:
            raise ApiError(409, f"document {d!r} is not a source of event {event_id!r}")
        if d == ev.doc_ids[0]:
            raise ApiError(409, f"document {d!r} is the event's first source (its evidence points into it); "
                           "split the other documents off instead")
        new_id = "ev:" + hashlib.sha256(f"{event_id}|split|{d}".encode()).hexdigest()[:16]
        if store.get_event(new_id) is not None:
            raise ApiError(409, f"document {d!r} was split off {event_id!r} before (event {new_id!r})")
        new = ev.replace(event_id=new_id, doc_ids=(d,), evidence={}, context={})
        store.add_events([new])
        store.update_event(new_id, {"doc_ids": [d]}, who=who, action="split")
        ev = store.update_event(event_id, {"doc_ids": [x for x in ev.doc_ids if x != d]}, who=who, action="split")
        split_off.append(new_id)
    return ev, split_off


# what else takes back the actions an undo does not: approve/reject -> reopen, merge -> split, an undo -> a new edit
_UNDONE_BY = {"approve": "reopen", "reject": "reopen", "reopen": "approve or reject", "merge": "split",
              "split": "merge", "undo": "edit the field again"}


def undo_refusal(entries: Sequence[Mapping[str, Any]], audit_id: int, now: Mapping[str, Any]) -> str | None:
    """Why an undo of audit entry ``audit_id`` would be refused (409), or None when it can be undone: the entry is
    not an edit, was undone already, or a field it set has been set since by an edit not undone, even to the same
    value (reviewer U: an analyst who set killed=3 again kept it), or otherwise changed (``now``: the event's
    fields as they are): the message names the newest such edit, which can itself be undone. ``entries``: the
    event's audit log, oldest first. The review page shows its undo button only where this is None (session 11)."""
    entry = next((a for a in entries if a["id"] == audit_id), None)
    if entry is None:
        return None
    if entry["action"] != "edit":
        other = _UNDONE_BY.get(entry["action"], "another action")
        return f"audit entry {audit_id} is an '{entry['action']}', not an edit: {other} takes it back"
    undone = {(a["after"] or {}).get("undoes"): a["id"] for a in entries if a["action"] == "undo"}
    if audit_id in undone:
        return f"audit entry {audit_id} is already undone (audit entry {undone[audit_id]})"
    after = {k: v for k, v in (entry["after"] or {}).items() if k != "context"}
    live = [a for a in entries if a["id"] > audit_id and a["action"] == "edit" and a["id"] not in undone]
    changed = [k for k in after if now.get(k) != after[k] or any(k in (a["after"] or {}) for a in live)]
    if changed:
        later = [a["id"] for a in live if set(changed) & set(a["after"] or {})]
        which = f" (audit entry {later[-1]})" if later else ""
        return f"{', '.join(changed)} changed after audit entry {audit_id}: undo the later change{which} first"
    return None


def undo(store: Store, event_id: str, audit_id: int, who: str) -> Event:
    """Take back the edit ``audit_id`` of ``event_id``: the fields it changed get their ``before`` values again,
    its evidence and its geo hints (``geo_reason``, ``geo_method``) included, recorded as one audit entry with
    action ``undo`` and ``after["undoes"] = audit_id`` (not as a new correction: session 10). Refused (409) for
    the reasons of ``undo_refusal``."""
    entries = store.audit(event_id)
    entry = next((a for a in entries if a["id"] == audit_id), None)
    if entry is None:
        raise ApiError(404, f"no audit entry {audit_id} for event {event_id!r}")
    refusal = undo_refusal(entries, audit_id, _load(store, event_id).to_dict())
    if refusal:
        raise ApiError(409, refusal)
    before = entry["before"] or {}
    changes = {k: before.get(k) for k in entry["after"] or {} if k not in ("context", "undoes")}
    context = before.get("context") or None
    return store.update_event(event_id, changes, who=who, action="undo", context=context, undoes=audit_id)
