"""Positions over time: for each speaker who spoke of a target, their stance now, since when, and
every change, each backed by the statement that shows it.

The statements are those a search for the topic finds (the full-text index), read in date order;
each gets its stance toward the target (``stance.stance``), kept in the store's ``stances`` table
when the store can be written, so it is worked out once per statement, target and model.
"""
from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from typing import Any

from ..record.query import count_matches, every_id, ordered
from ..record.read import SearchPlan, plan_search
from ..record.store import Store
from .learned import MODEL_VERSION, shipped
from .stance import Stance, Target

MAX_STATEMENTS = 50_000  # statements read for one topic; beyond, the newest this many (and said)
# Stances worked out by a reader that cannot keep them in the store (the web app opens it read-only)
# are remembered in the process, keyed by store, statement, text, target and model.
MEMO_SIZE = 500_000
_MEMO: dict[tuple[str, int, str, str, str], Stance] = {}


def positions(
    store: Store, topic: str, *, target: str | None = None, speaker: str | None = None,
    since: str | None = None, until: str | None = None, keep: bool = True,
) -> dict[str, Any]:
    """Who is for the target, who against, since when: one entry per named speaker, most
    statements first, and the statements of speakers the record does not name, apart."""
    wanted = Target.of(target or topic)
    plan = plan_search(store, topic, speaker=speaker, since=since, until=until)
    statements = _found(store, plan)
    stances = stances_of(store, statements, wanted, keep=keep)
    people: dict[str, list[tuple[dict[str, Any], Stance]]] = {}
    unnamed: list[dict[str, Any]] = []
    for record in statements:
        found = stances[record["id"]]
        if found.mentions == 0:
            continue  # found by the topic's words, but never names the target
        if record["speaker"]["id"]:
            people.setdefault(record["speaker"]["id"], []).append((record, found))
        else:
            unnamed.append(_point(record, found))
    rows = [_speaker_position(slug, points) for slug, points in people.items()]
    rows.sort(key=lambda row: (-row["statements"], row["id"]))
    return {"topic": topic, "target": wanted.text, "key_words": list(wanted.key), "model": MODEL_VERSION,
            "speakers": rows, "unnamed": unnamed, "read": len(statements),
            "capped": len(statements) >= MAX_STATEMENTS}


def _found(store: Store, plan: SearchPlan) -> list[dict[str, Any]]:
    """The statements a search finds, oldest first, with only what positions read of them (a page of
    a few thousand statements must not build each one's full record)."""
    if plan.matching is None:
        return []
    order = ordered(store, plan.matching, "oldest", count_matches(store, plan.matching), whole=True)
    names: dict[str, str] = {}
    found: list[dict[str, Any]] = []
    for ids in every_id(store, order):
        rows = {r["id"]: r for r in store.db.execute(
            "SELECT id, article_id, date, type, text, cue, speaker, name FROM statements "
            f"WHERE id IN ({','.join('?' * len(ids))})", ids)}
        for statement_id in ids:
            row = rows[statement_id]
            slug = row["speaker"]
            if slug and slug not in names:
                names[slug] = store.db.execute("SELECT name FROM speakers WHERE id = ?", (slug,)).fetchone()[0]
            found.append({"id": row["id"], "article": row["article_id"], "date": row["date"], "type": row["type"],
                          "content": {"text": row["text"]}, "cue": {"text": row["cue"]} if row["cue"] else None,
                          "speaker": {"id": slug, "name": names.get(slug) if slug else row["name"]}})
            if len(found) >= MAX_STATEMENTS:
                return found
    return found


def _speaker_position(slug: str, points: list[tuple[dict[str, Any], Stance]]) -> dict[str, Any]:
    """One speaker's stances in date order: the current one (their latest that takes a side, else
    neither), when each side was first taken, and each change of side with its evidence."""
    dated = [(r, s) for r, s in points if r["date"]]
    sided = [(r, s) for r, s in dated if s.label != "neither"]
    first_of: dict[str, str] = {}
    for record, found in dated:
        first_of.setdefault(found.label, record["date"])
    changes = []
    for (before, was), (after, now) in zip(sided, sided[1:]):
        if was.label != now.label:
            changes.append({"date": after["date"], "from": was.label, "to": now.label, "statement": _point(after, now)})
    current = sided[-1] if sided else (dated[-1] if dated else points[-1])
    counts = {label: sum(1 for _, s in points if s.label == label) for label in ("for", "against", "neither")}
    since = current[0]["date"]
    for record, found in reversed(sided):  # the start of the current run of one side
        if found.label != current[1].label:
            break
        since = record["date"]
    return {
        "id": slug, "name": points[0][0]["speaker"]["name"], "statements": len(points), "counts": counts,
        "current": current[1].label, "conditional": current[1].conditional, "since": since,
        "first": first_of, "changes": changes, "evidence": _point(*current),
        "undated": [_point(r, s) for r, s in points if not r["date"]],
        "points": [_point(r, s) for r, s in points],
    }


def _point(record: dict[str, Any], found: Stance) -> dict[str, Any]:
    return {"statement": record["id"], "date": record["date"], "article": record["article"], "type": record["type"],
            "text": record["content"]["text"], "stance": found.label, "confidence": found.confidence,
            "evidence": found.evidence, "conditional": found.conditional}


def stances_of(store: Store, statements: Iterable[dict[str, Any]], target: Target, *,
               keep: bool = True) -> dict[int, Stance]:
    """Each statement's stance toward the target: kept ones read from the store, the rest worked out
    (and kept, when ``keep`` and the store can be written)."""
    statements = list(statements)
    key = target_key(target)
    kept = _kept(store, [r["id"] for r in statements], key)
    found: dict[int, Stance] = {}
    new_rows = []
    model = shipped()
    where = str(store.path)
    for record in statements:
        text = record["content"]["text"]
        digest = hashlib.sha1(text.encode()).hexdigest()[:16]
        if record["id"] in kept and kept[record["id"]][0] == digest:
            found[record["id"]] = kept[record["id"]][1]
            continue
        memo_key = (where, record["id"], digest, key, MODEL_VERSION)
        if memo_key in _MEMO:
            found[record["id"]] = _MEMO[memo_key]
            continue
        cue = (record.get("cue") or {}).get("text") if record["type"] == "indirect" else None
        found[record["id"]] = result = model.read(text, target, cue, record["type"])
        if len(_MEMO) >= MEMO_SIZE:
            _MEMO.clear()  # a rough bound: a reader that cannot keep stances in the store reads them again
        _MEMO[memo_key] = result
        new_rows.append((record["id"], key, MODEL_VERSION, digest, result.label, result.confidence, result.evidence,
                         int(result.conditional), result.mentions))
    if keep and new_rows and not store.readonly:
        with store.db:
            store.db.executemany(
                "INSERT OR REPLACE INTO stances (statement_id, target, model, text_hash, label, confidence, evidence, "
                "conditional, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", new_rows)
    return found


def target_key(target: Target) -> str:
    """How a target is keyed in the store: its key words, in order."""
    return " ".join(target.key)


def _kept(store: Store, ids: list[int], key: str) -> dict[int, tuple[str, Stance]]:
    kept: dict[int, tuple[str, Stance]] = {}
    try:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for row in store.db.execute(
                "SELECT statement_id, text_hash, label, confidence, evidence, conditional, mentions FROM stances "
                f"WHERE target = ? AND model = ? AND statement_id IN ({','.join('?' * len(chunk))})",
                [key, MODEL_VERSION, *chunk],
            ):
                kept[row[0]] = (row[1], Stance(row[2], row[3], row[4], bool(row[5]), row[6]))
    except sqlite3.OperationalError:  # a store from before the stances table: nothing kept yet
        return {}
    return kept
