"""Browsing the record: the speakers, articles and sources indexes, and speakers compared on a topic.

Each index takes its filters and a page (``limit``, ``offset``) and returns ``(total, rows)``; rows
are plain dicts, as the CLI prints them and the web app serves them.
"""
from __future__ import annotations

from typing import Any

from ..values import parse_date
from .query import (
    Criteria, contains, count_matches, filters, matching, month_bounds, month_counts, month_range, next_month, ordered,
    page_ids, previous_month,
)
from .read import find_speakers, fts_query, statements_by_id, with_articles
from .speakers import name_words
from .store import Store

KINDS = ("person", "organization", "group")
MAX_COMPARED = 5


def _like_all(column: str, words: list[str]) -> tuple[str, list[str]]:
    """" AND column LIKE %w%" for every word: all must occur (ASCII case folded)."""
    return "".join(f" AND {column} LIKE ? ESCAPE '\\'" for _ in words), [contains(w) for w in words]


def speaker_directory(
    store: Store, *, name: str | None = None, kind: str | None = None, since: str | None = None,
    until: str | None = None, limit: int = 50, offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    """Speakers ranked by statements (in the date range, when given), filtered by words of their
    name and by kind."""
    words = list(name_words(name)) if name else []
    named, name_params = _like_all("sp.name", words)
    kinds = " AND sp.kind = ?" if kind else ""
    kind_params = [kind] if kind else []
    if not (since or until):
        where = f"WHERE 1 = 1{named}{kinds}"
        total = store.db.execute(f"SELECT count(*) FROM speakers sp {where}", [*name_params, *kind_params]).fetchone()[0]
        rows = store.db.execute(
            f"SELECT sp.id, sp.name, sp.kind, sp.statements, sp.first_date, sp.last_date FROM speakers sp {where} "
            "ORDER BY sp.statements DESC, sp.id LIMIT ? OFFSET ?", [*name_params, *kind_params, limit, offset],
        ).fetchall()
        return total, [dict(r) for r in rows]
    start, end = since or _OPEN_START, until or _OPEN_END
    counted, params = _counts_between(store, start, end)
    where = f"WHERE g.statements > 0{named}{kinds}"
    params = [*params, *name_params, *kind_params]
    joined = f"FROM ({counted}) g JOIN speakers sp ON sp.id = g.id {where}"
    rows = store.db.execute(  # the total comes with the page (a window over the counted rows): one pass
        f"SELECT g.id, sp.name, sp.kind, g.statements, count(*) OVER () AS total "
        f"{joined} ORDER BY g.statements DESC, g.id LIMIT ? OFFSET ?", [*params, limit, offset],
    ).fetchall()
    if rows:
        total = rows[0]["total"]
    else:
        total = store.db.execute(f"SELECT count(*) {joined}", params).fetchone()[0] if offset else 0
    shown = []
    for row in rows:  # first and last dates in the range: two probes of (speaker, date) per row shown
        first, last = (store.db.execute(
            f"SELECT date FROM statements WHERE speaker = ? AND date >= ? AND date <= ? ORDER BY date {way} LIMIT 1",
            (row["id"], start, end)).fetchone()[0] for way in ("ASC", "DESC"))
        shown.append({"id": row["id"], "name": row["name"], "kind": row["kind"], "statements": row["statements"],
                      "first_date": first, "last_date": last})
    return total, shown


_OPEN_START, _OPEN_END = "1000-01-01", "2999-12-31"  # open ends of a range, as dates month_bounds can take


def _counts_between(store: Store, start: str, end: str) -> tuple[str, list[str]]:
    """SQL for (id, statements) per speaker between two dates. Whole months come from
    ``speaker_months``: summed over the months inside the range, or, when the range holds most
    of the record, each speaker's dated statements less the months outside it (so a range of years
    costs what a month does); the days of partial months at either edge are counted in the statements."""
    for value in (start, end):
        parse_date(value)  # the caller's check; a bad date here is a bug, not a user's mistake
    first_full = start[:7] if start.endswith("-01") else next_month(start[:7])
    last_full = end[:7] if end == month_bounds(end[:7])[1] else previous_month(end[:7])
    parts: list[str] = []
    params: list[str] = []
    if first_full > last_full:
        edges = [(">=", start, "<=", end)]  # no whole month inside: count the days
    else:
        edges = [(">=", start, "<", f"{first_full}-01"), (">", month_bounds(last_full)[1], "<=", end)]
        inside = store.db.execute("SELECT count(*) FROM speaker_months WHERE month >= ? AND month <= ?",
                                  (first_full, last_full)).fetchone()[0]
        every = store.db.execute("SELECT count(*) FROM speaker_months").fetchone()[0]
        if inside <= every - inside:
            parts.append("SELECT speaker AS id, sum(statements) AS statements FROM speaker_months "
                         "WHERE month >= ? AND month <= ? GROUP BY speaker")  # the (month, statements) index
            params += [first_full, last_full]
        else:
            parts.append("SELECT id, dated AS statements FROM speakers WHERE dated > 0")
            parts.append("SELECT speaker AS id, -sum(statements) AS statements FROM speaker_months "
                         "WHERE month < ? OR month > ? GROUP BY speaker")
            params += [first_full, last_full]
    for low_op, low, high_op, high in edges:
        parts.append("SELECT speaker AS id, count(*) AS statements FROM statements INDEXED BY statements_date "
                     f"WHERE speaker IS NOT NULL AND date {low_op} ? AND date {high_op} ? GROUP BY speaker")
        params += [low, high]
    return f"SELECT id, sum(statements) AS statements FROM ({' UNION ALL '.join(parts)}) GROUP BY id", params


def article_index(
    store: Store, *, title: str | None = None, source: str | None = None, since: str | None = None,
    until: str | None = None, limit: int = 50, offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    """Articles newest first (undated last, as SQLite sorts NULL), filtered by words of the title, source and date range;
    each with its number of statements (a copy counts those of the article it copies)."""
    words = [w for w in (title or "").split() if w]
    clauses, params = _like_all("a.title", words)
    if source:
        clauses, params = clauses + " AND a.source = ?", [*params, source]
    dated, date_params = filters(Criteria(since=since, until=until), speakers=False)
    clauses, params = clauses + dated.replace("s.date", "a.date"), [*params, *date_params]
    # title words are looked for in the (date, title) index, never in the rows that hold the text
    table = "articles a INDEXED BY articles_date_title" if words and not source else "articles a"
    total = store.db.execute(f"SELECT count(*) FROM {table} WHERE 1 = 1{clauses}", params).fetchone()[0]
    rows = store.db.execute(
        f"SELECT a.id, a.date, a.title, a.source, a.url, a.copy_of, a.error FROM {table} WHERE 1 = 1{clauses} "
        "ORDER BY a.date DESC, a.rowid DESC LIMIT ? OFFSET ?", [*params, limit, offset],
    ).fetchall()
    out = []
    for row in rows:
        record = dict(row)
        record["statements"] = store.db.execute(
            "SELECT count(*) FROM statements WHERE article_id = ?", (row["copy_of"] or row["id"],)).fetchone()[0]
        out.append(record)
    return total, out


def source_index(store: Store, *, name: str | None = None, limit: int = 50,
                 offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """Sources (outlets) ranked by articles, with their date range; filtered by words of the name.
    Articles without a source are counted as one row with source None."""
    words = [w for w in (name or "").split() if w]
    clauses, params = _like_all("source", words)
    grouped = (f"SELECT source, count(*) AS articles, min(date) AS first_date, max(date) AS last_date "
               f"FROM articles WHERE 1 = 1{clauses} GROUP BY source")
    total = store.db.execute(f"SELECT count(*) FROM ({grouped})", params).fetchone()[0]
    rows = store.db.execute(f"{grouped} ORDER BY articles DESC, source LIMIT ? OFFSET ?",
                            [*params, limit, offset]).fetchall()
    return total, [dict(r) for r in rows]


def compare(
    store: Store, names: list[str], *, topic: str | None = None, since: str | None = None,
    until: str | None = None, latest: int = 3,
) -> dict[str, Any]:
    """Speakers side by side on a topic: for each, statements about it per month on one shared axis
    and their latest words. A name matching several speakers stands for the most quoted of them
    (``others`` lists the rest); a name matching nobody is listed in ``unknown``; names past the
    first ``MAX_COMPARED`` in ``left_out``."""
    query = fts_query(topic) if topic and topic.strip() else None
    columns: list[dict[str, Any]] = []
    unknown: list[str] = []
    for name in names[:MAX_COMPARED]:
        ids = find_speakers(store, name)
        if not ids:
            unknown.append(name)
            continue
        ranked = sorted(ids, key=lambda slug: -_statements_of(store, slug))
        if any(column["id"] == ranked[0] for column in columns):
            continue  # the same speaker named twice ("Khan", "Sadiq Khan") is one column
        m = matching(Criteria(query, (ranked[0],), since=since, until=until))
        total = count_matches(store, m)
        months, undated = month_counts(store, m) if query or since or until else _kept_months(store, ranked[0])
        order = ordered(store, m, "newest", total)
        row = store.db.execute("SELECT name, kind FROM speakers WHERE id = ?", (ranked[0],)).fetchone()
        columns.append({
            "query": name, "id": ranked[0], "name": row["name"], "kind": row["kind"], "statements": total,
            "months": months, "undated": undated,
            "latest": with_articles(store, statements_by_id(store, page_ids(store, order, latest, 0))) if total else [],
            "others": [{"id": slug, "name": _name_of(store, slug)} for slug in ranked[1:6]],
        })
    months = month_range({m: 1 for column in columns for m in column["months"]})
    for column in columns:
        column["months"] = [{"month": m, "count": column["months"].get(m, 0)} for m in months]
    return {"topic": topic, "since": since, "until": until, "months": months, "speakers": columns, "unknown": unknown,
            "left_out": names[MAX_COMPARED:]}


def _kept_months(store: Store, slug: str) -> tuple[dict[str, int], int]:
    """A speaker's statements per month as the store keeps them, and how many are undated."""
    months = dict(store.db.execute("SELECT month, statements FROM speaker_months WHERE speaker = ?", (slug,)))
    return months, _statements_of(store, slug) - sum(months.values())


def _statements_of(store: Store, slug: str) -> int:
    row = store.db.execute("SELECT statements FROM speakers WHERE id = ?", (slug,)).fetchone()
    return row[0] if row else 0


def _name_of(store: Store, slug: str) -> str:
    row = store.db.execute("SELECT name FROM speakers WHERE id = ?", (slug,)).fetchone()
    return row[0] if row else slug
