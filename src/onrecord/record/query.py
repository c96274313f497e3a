"""Which statements a search means, as SQL: one ``Matching`` shared by the page of results, its
facets and histogram, and the download of every match.

A search is words (matched in a full-text index), speakers, dates, a type, a source and an article,
all optional. ``matching`` turns them into one FROM ... WHERE clause that yields statement ids;
ordering (relevance, newest, oldest), counting, sampling for facets and streaming every id build on
that clause, so what a page shows, what its facets count and what its CSV holds are the same set.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from ..values import parse_date
from .store import Store

SORTS = ("relevance", "newest", "oldest")
RANK_AT_MOST = 20_000  # matches bm25 ranks for one query; beyond, the newest this many
# A prefix expands to every word it starts ("presi*": president, presidential, ...), each ranked:
# bm25 over the newest 5,000 keeps such a query near the time of a plain one.
PREFIX_RANK_AT_MOST = 5_000
# Facets count every match up to this many; beyond, an even sample of about this many (1 in k by
# id), and the counts are estimates scaled by k: the page says so.
FACET_SAMPLE = 1_000
# A page of many matches by date walks the date index and keeps those that match (quick when matches
# are common, and it stops at the page); few matches, or all of them, are fetched and sorted.
_WALK_DATES_FROM = 2_000
STATEMENT_TYPES = ("direct", "mixed", "indirect")


class QueryError(ValueError):
    """A search the user asked for cannot run (bad date, unknown type, empty query)."""


@dataclass(frozen=True)
class Criteria:
    """What a search asks for; ``speakers`` are speaker ids already resolved from a name."""

    query: str | None = None  # an FTS5 query (``fts_query``), not the user's words
    speakers: tuple[str, ...] = ()
    described: tuple[str, ...] = ()  # words every unnamed speaker's description must hold
    since: str | None = None
    until: str | None = None
    type: str | None = None
    source: str | None = None
    article: str | None = None


@dataclass(frozen=True)
class Matching:
    """``SELECT {ids} {sql}`` yields the matching statement ids (``sql`` is FROM ... WHERE ...)."""

    sql: str
    params: list[Any]
    ids: str  # the id column: the full-text table's rowid, or s.id
    table: str | None = None  # the full-text table, when words are searched
    joined: bool = True  # statements are joined as s (always without words)
    criteria: Criteria = field(default_factory=Criteria)


def speaker_token(slug: str) -> str:
    """The one search token a speaker id is indexed as (see ``speaker_key`` in schema.sql)."""
    return "spk" + slug.encode("utf-8").hex().upper() + "0"


def word_index(query: str) -> str:
    """The full-text table to match a query in: the stemmed one, or for a query with a prefix
    ("immigra*") the unstemmed one, where words are kept as written (stems would cut "immigration"
    to "immigr", which "immigra*" does not start)."""
    return "statements_words" if '"*' in query else "statements_fts"


def contains(word: str) -> str:
    """A LIKE pattern for text holding ``word`` as typed: its own "%" and "_" are no wildcards."""
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def matching(criteria: Criteria) -> Matching:
    """The SQL for the statements ``criteria`` mean. Words and speakers are matched in the full-text
    index (one posting-list intersection); the statements are joined only for filters on their
    columns (dates, type, descriptions); a source or an article is a set of ids the matches are
    looked up in."""
    if criteria.type is not None and criteria.type not in STATEMENT_TYPES:
        raise QueryError(f"unknown type {criteria.type!r}: use one of {', '.join(STATEMENT_TYPES)}")
    if not criteria.query:
        where, params = filters(criteria, speakers=True)
        among, among_params = _among(criteria, "s.id")
        return Matching(f"FROM statements s WHERE 1 = 1{where}{among}", [*params, *among_params], "s.id",
                        criteria=criteria)
    table = word_index(criteria.query)
    match = f"text : ({criteria.query})"
    if criteria.speakers:
        match = f"speaker_key : ({' OR '.join(speaker_token(s) for s in criteria.speakers)}) AND {match}"
    where, params = filters(criteria, speakers=False)
    # "+": a filter on each match, never a list of rowids for FTS5 to match one at a time
    among, among_params = _among(criteria, f"+{table}.rowid")
    if where:
        return Matching(f"FROM {table} JOIN statements s ON s.id = {table}.rowid WHERE {table} MATCH ?{where}{among}",
                        [match, *params, *among_params], f"{table}.rowid", table, True, criteria)
    return Matching(f"FROM {table} WHERE {table} MATCH ?{among}", [match, *among_params], f"{table}.rowid", table,
                    False, criteria)


def _among(criteria: Criteria, ids: str) -> tuple[str, list[Any]]:
    """The source and article filters as sets of statement ids (from the articles' index and the
    statements' (article_id, seq) key): no statement row is read to test them."""
    clauses, params = [], []
    if criteria.source:
        clauses.append(f"{ids} IN (SELECT a_s.id FROM statements a_s WHERE a_s.article_id IN "
                       "(SELECT id FROM articles WHERE source = ?))")
        params.append(criteria.source)
    if criteria.article:
        clauses.append(f"{ids} IN (SELECT a_s.id FROM statements a_s WHERE a_s.article_id = "
                       "(SELECT coalesce(copy_of, id) FROM articles WHERE id = ?))")
        params.append(criteria.article)
    return "".join(" AND " + c for c in clauses), params


def filters(criteria: Criteria, *, speakers: bool) -> tuple[str, list[Any]]:
    """The criteria on the statements' own columns (speakers, descriptions, dates, type) as
    " AND ..." clauses over statements ``s``."""
    clauses: list[str] = []
    params: list[Any] = []
    if speakers and criteria.speakers:
        clauses.append(f"s.speaker IN ({','.join('?' * len(criteria.speakers))})")
        params += criteria.speakers
    if criteria.described:  # unnamed speakers whose description holds every word (LIKE folds ASCII case)
        clauses.append("s.speaker IS NULL AND s.name IS NULL"
                       + " AND s.mention LIKE ? ESCAPE '\\'" * len(criteria.described))
        params += [contains(word) for word in criteria.described]
    for value, op in ((criteria.since, ">="), (criteria.until, "<=")):
        if value:
            try:
                parse_date(value)
            except ValueError as error:
                raise QueryError(str(error)) from None
            clauses.append(f"s.date {op} ?")
            params.append(value)
    if criteria.type:
        clauses.append("s.type = ?")
        params.append(criteria.type)
    return "".join(" AND " + c for c in clauses), params


def count_matches(store: Store, m: Matching) -> int:
    return store.db.execute(f"SELECT count(*) {m.sql}", m.params).fetchone()[0]


@dataclass(frozen=True)
class Ordered:
    """How one search's ids are ordered: SQL to page through, and how many were ranked. Sorted by
    date, dated statements come first (``sql``), then the undated ones (``undated_sql``)."""

    sql: str
    params: list[Any]
    ranked_among: int | None = None
    undated_sql: str | None = None


def ordered(store: Store, m: Matching, sort: str, total: int, *, whole: bool = False) -> Ordered:
    """The matches in ``sort`` order: relevance (bm25; newest first without words), newest or oldest
    (by date, undated last, then by id). ``whole``: every match will be read (a download), not a page."""
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
    if m.table is None or sort != "relevance":
        return _by_date(m, sort == "oldest", 0 if whole else total)
    sql, params, ranked_among = m.sql, list(m.params), None
    at_most = RANK_AT_MOST if m.table == "statements_fts" else PREFIX_RANK_AT_MOST
    if total > at_most:
        # bm25 costs per match: a very common word is ranked among its newest matches only
        newest = store.db.execute(f"SELECT {m.ids} {sql} ORDER BY {m.ids} DESC LIMIT 1 OFFSET ?",
                                  [*params, at_most - 1]).fetchone()[0]
        sql, params, ranked_among = sql + f" AND {m.ids} >= ?", [*params, newest], at_most
    return Ordered(f"SELECT {m.ids} {sql} ORDER BY bm25({m.table}, 1.0, 0.0), {m.ids}", params, ranked_among)


def _by_date(m: Matching, oldest: bool, total: int) -> Ordered:
    desc = "" if oldest else " DESC"
    if m.table is not None and total >= _WALK_DATES_FROM:
        inner = f"s.id IN (SELECT {m.ids} {m.sql})"
        return Ordered(
            f"SELECT s.id FROM statements s INDEXED BY statements_date WHERE s.date IS NOT NULL AND {inner} "
            f"ORDER BY s.date{desc}, s.id{desc}", m.params,
            undated_sql=f"SELECT s.id FROM statements s WHERE s.date IS NULL AND {inner} ORDER BY s.id{desc}",
        )
    sql = m.sql if m.joined else m.sql.replace(" WHERE ", f" JOIN statements s ON s.id = {m.table}.rowid WHERE ", 1)
    return Ordered(f"SELECT s.id {sql} AND s.date IS NOT NULL ORDER BY s.date{desc}, s.id{desc}", m.params,
                   undated_sql=f"SELECT s.id {sql} AND s.date IS NULL ORDER BY s.id{desc}")


def page_ids(store: Store, order: Ordered, limit: int, offset: int) -> list[int]:
    ids = [r[0] for r in store.db.execute(f"{order.sql} LIMIT ? OFFSET ?", [*order.params, limit, offset])]
    if order.undated_sql is None or len(ids) == limit:
        return ids
    dated = offset + len(ids) if ids else _count_of(store, order.sql, order.params)
    return ids + [r[0] for r in store.db.execute(f"{order.undated_sql} LIMIT ? OFFSET ?",
                                                 [*order.params, limit - len(ids), max(0, offset - dated)])]


def _count_of(store: Store, sql: str, params: list[Any]) -> int:
    return store.db.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]


def every_id(store: Store, order: Ordered, batch: int = 1000) -> Iterator[list[int]]:
    """Every matching id in order, a batch at a time (for downloads: the whole result, not a page)."""
    for sql in (order.sql, order.undated_sql):
        if sql is None:
            continue
        cursor = store.db.execute(sql, order.params)
        while rows := cursor.fetchmany(batch):
            yield [r[0] for r in rows]


# -- facets: who, when, what kind, where, among the matches ------------------------------------
@dataclass
class Facets:
    speakers: list[dict[str, Any]]
    months: list[dict[str, Any]]  # every month from the first match's to the last's, with zeros
    types: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    undated: int
    sampled: int | None = None  # counts estimated from 1 match in this many

    def as_dict(self) -> dict[str, Any]:
        return {"speakers": self.speakers, "months": self.months, "types": self.types, "sources": self.sources,
                "undated": self.undated, "estimated_from_one_in": self.sampled}


def facets(store: Store, m: Matching, total: int, *, top: int = 10, names: dict[str, str] | None = None) -> Facets:
    """Counts by speaker, month, type and source over the matches: exact up to ``FACET_SAMPLE``
    matches, estimated from an even sample beyond."""
    step = max(1, -(-total // FACET_SAMPLE))
    sql, params, prefix = m.sql, list(m.params), ""
    last_id = (store.db.execute("SELECT max(id) FROM statements").fetchone()[0] or 0) if step > 1 else 0
    if step > 1 and m.table is None and last_id // step * 10 < total:
        # many matches without words (a type, a year): visit every step-th id rather than read them all
        prefix = "WITH RECURSIVE stride(id) AS (SELECT ? UNION ALL SELECT id + ? FROM stride WHERE id + ? <= ?) "
        sql = sql.replace("FROM statements s WHERE", "FROM stride CROSS JOIN statements s ON s.id = stride.id WHERE", 1)
        params = [step, step, step, last_id, *params]
    elif step > 1:
        sql, params = sql + f" AND {m.ids} % ? = 0", [*params, step]
    if not m.joined:
        sql = sql.replace(" WHERE ", f" JOIN statements s ON s.id = {m.table}.rowid WHERE ", 1)
    rows = store.db.execute(f"{prefix}SELECT s.speaker, s.date, s.type, s.article_id {sql}", params).fetchall()
    speakers: Counter[str] = Counter()
    months: Counter[str] = Counter()
    types: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    undated = 0
    for speaker, day, kind, article in rows:
        if speaker:
            speakers[speaker] += step
        if day:
            months[day[:7]] += step
        else:
            undated += step
        types[kind] += step
        articles[article] += step
    return Facets(
        speakers=_speaker_counts(store, speakers, top, names or {}),
        months=[{"month": month, "count": months.get(month, 0)} for month in month_range(months)],
        types=[{"type": t, "count": types[t]} for t in STATEMENT_TYPES if types.get(t)],
        sources=_source_counts(store, articles, top),
        undated=undated,
        sampled=step if step > 1 else None,
    )


def _speaker_counts(store: Store, counts: Counter[str], top: int, names: dict[str, str]) -> list[dict[str, Any]]:
    leaders = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    missing = [slug for slug, _ in leaders if slug not in names]
    if missing:
        names = {**names, **dict(store.db.execute(
            f"SELECT id, name FROM speakers WHERE id IN ({','.join('?' * len(missing))})", missing).fetchall())}
    return [{"id": slug, "name": names.get(slug, slug), "count": n} for slug, n in leaders]


def _source_counts(store: Store, per_article: Counter[str], top: int) -> list[dict[str, Any]]:
    sources: Counter[str] = Counter()
    ids = list(per_article)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for article, source in store.db.execute(
            f"SELECT id, source FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk
        ):
            if source:
                sources[source] += per_article[article]
    return [{"source": s, "count": n} for s, n in sorted(sources.items(), key=lambda item: (-item[1], item[0]))[:top]]


_MONTH = re.compile(r"^\d{4}-\d{2}$")


def month_counts(store: Store, m: Matching) -> tuple[dict[str, int], int]:
    """Exact statements per month among the matches, and how many are undated."""
    sql = m.sql if m.joined else m.sql.replace(" WHERE ", f" JOIN statements s ON s.id = {m.table}.rowid WHERE ", 1)
    counts = dict(store.db.execute(f"SELECT substr(s.date, 1, 7) AS month, count(*) {sql} GROUP BY month", m.params))
    return {k: v for k, v in counts.items() if k}, counts.get(None, 0)


def month_range(months: Counter[str] | dict[str, int]) -> list[str]:
    """Every month (YYYY-MM) from the earliest key to the latest."""
    keys = sorted(k for k in months if _MONTH.match(k))
    if not keys:
        return []
    out = [keys[0]]
    while out[-1] < keys[-1]:
        out.append(next_month(out[-1]))
    return out


def next_month(month: str) -> str:
    year, number = (int(p) for p in month.split("-"))
    return f"{year + (number == 12):04d}-{number % 12 + 1:02d}"


def previous_month(month: str) -> str:
    year, number = (int(p) for p in month.split("-"))
    return f"{year - (number == 1):04d}-{(number - 2) % 12 + 1:02d}"


def month_bounds(month: str) -> tuple[str, str]:
    """The first and last day of a month ("2023-02" -> "2023-02-01", "2023-02-28")."""
    year, number = (int(p) for p in month.split("-"))
    following = Date(year + (number == 12), number % 12 + 1, 1)
    return f"{month}-01", Date.fromordinal(following.toordinal() - 1).isoformat()
