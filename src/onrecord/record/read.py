"""Reading the record: search, speakers, and the one-thing views (an article, a quote, a speaker's page).

Every function takes a ``Store`` and returns plain dicts and lists (or None when an id is
unknown): the shapes the CLI prints and the web app's pages and JSON API serve. Statements
come back as in the statement JSONL, plus the ids of their speaker, article and quote.
"""
from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date as Date, timedelta
from collections.abc import Iterator
from typing import Any

from ..lexicon import PRONOUNS, STOP_WORDS

from .query import (
    Criteria, Facets, Matching, QueryError, contains, count_matches, every_id, facets, filters, matching, month_range, ordered,
    page_ids,
)
from .speakers import name_words, slugify
from .store import Store

MAX_LIMIT = 1000
MAX_OFFSET = 2**63 - 1 - MAX_LIMIT  # SQLite's integers are 64-bit
MAX_QUERY_CHARS = 500
_TERM = re.compile(r'"([^"]*)"|(\S+)')
_QUERY_TERM = re.compile(r'(\w+)"?(\*)?')  # a word of an FTS5 query as fts_query writes it, and its prefix star
_SNIPPET_TOKEN = re.compile(r"\w+|\W+")
_OPERATORS = frozenset({"OR", "AND", "NOT"})


@dataclass(frozen=True)
class SearchResult:
    total: int
    results: list[dict[str, Any]]
    ranked_among: int | None = None  # set when only the newest matches were ranked (a very common word)
    # with a speaker filter: every speaker the name given matched (several: "Trump"), none if nobody
    speakers: list[dict[str, Any]] | None = None
    # when no named speaker matched: the words matched in how articles describe unnamed speakers
    described: str | None = None
    facets: Facets | None = None  # counts by speaker, month, type and source, when asked for


def fts_query(text: str) -> str:
    """The user's words as an FTS5 query.

    Every word (or "quoted phrase") must occur; OR, AND and NOT in capitals between
    words are operators; a trailing * makes a prefix. Anything else is a plain word,
    so no input is an FTS5 syntax error.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text)} characters, at most {MAX_QUERY_CHARS})")
    terms: list[str] = []
    for phrase, word in _TERM.findall(text):
        if word in _OPERATORS:
            if terms and terms[-1] not in _OPERATORS:
                terms.append(word)
            continue
        words = re.findall(r"\w+", phrase if phrase else word)
        if not words:
            continue
        prefix = "*" if word.endswith("*") and not phrase else ""
        terms.append('"' + " ".join(words) + '"' + prefix)
    while terms and terms[-1] in _OPERATORS:
        terms.pop()
    if not terms:
        raise QueryError(f"nothing to search for in {text!r}")
    return " ".join(terms)


def find_speakers(store: Store, name: str) -> list[str]:
    """Speaker ids a name given by a user means: its id, or every speaker whose name holds all its words."""
    slug = slugify(name)
    if store.db.execute("SELECT 1 FROM speakers WHERE id = ?", (slug,)).fetchone():
        return [slug]
    wanted = set(name_words(name))
    if not wanted:
        return []
    pattern = contains(max(wanted, key=len))
    rows = store.db.execute(
        "SELECT id, name FROM speakers WHERE name LIKE ? ESCAPE '\\' ORDER BY statements DESC, id", (pattern,),
    ).fetchall()
    matches = [r["id"] for r in rows if wanted <= set(name_words(r["name"]))]
    if matches:
        return matches
    aliased = store.db.execute(
        "SELECT DISTINCT speaker FROM names WHERE name LIKE ? ESCAPE '\\' ORDER BY speaker", (pattern,)
    ).fetchall()
    return [r[0] for r in aliased if store.db.execute("SELECT 1 FROM speakers WHERE id = ?", (r[0],)).fetchone()]


def search(
    store: Store,
    text: str | None = None,
    *,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,
    source: str | None = None,
    article: str | None = None,
    sort: str = "relevance",
    limit: int = 20,
    offset: int = 0,
    marks: tuple[str, str] = ("[", "]"),
    with_facets: bool = False,
) -> SearchResult:
    """Statements matching the words and filters, a page of them in ``sort`` order (relevance is
    bm25 with words, newest first without), and with ``with_facets`` their counts by speaker,
    month, type and source."""
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
    if not 0 <= offset <= MAX_OFFSET:
        raise QueryError(f"offset must be between 0 and {MAX_OFFSET}")
    plan = plan_search(store, text, speaker=speaker, since=since, until=until, type=type, source=source,
                       article=article)
    if plan.matching is None:
        return SearchResult(0, [], speakers=[])
    m = plan.matching
    total = count_matches(store, m)
    order = ordered(store, m, sort, total)
    ids = page_ids(store, order, limit, offset) if total else []
    results = with_articles(store, statements_by_id(store, ids))
    if m.table is not None and ids:
        _add_snippets(store, m, results, marks)
    found = facets(store, m, total) if with_facets and total else None
    return SearchResult(total, results, order.ranked_among, plan.speakers, _said_of(plan.described, total), found)


@dataclass(frozen=True)
class SearchPlan:
    """A search with the speaker name resolved: ``matching`` is None when the name matches nobody."""

    matching: Matching | None
    speakers: list[dict[str, Any]] | None  # the speakers the name matched (None without a name)
    described: list[str] | None  # description words, when the name matched no named speaker


def plan_search(store: Store, text: str | None = None, *, speaker: str | None = None, since: str | None = None,
                until: str | None = None, type: str | None = None, source: str | None = None,
                article: str | None = None) -> SearchPlan:
    """Resolve the speaker name and turn the search into SQL (``query.matching``)."""
    speakers = find_speakers(store, speaker) if speaker else None
    matched = _speaker_choices(store, speakers) if speakers is not None else None
    described = _description_words(speaker) if speaker and speakers == [] else None
    if speakers == [] and not described:
        return SearchPlan(None, [], None)
    criteria = Criteria(fts_query(text) if text and text.strip() else None, tuple(speakers or ()),
                        tuple(described or ()), since, until, type, source, article)
    return SearchPlan(matching(criteria), matched, described)


def every_match(store: Store, plan: SearchPlan, sort: str = "relevance") -> Iterator[dict[str, Any]]:
    """Every statement a search matches, in ``sort`` order, streamed a batch at a time."""
    if plan.matching is None:
        return
    order = ordered(store, plan.matching, sort, count_matches(store, plan.matching), whole=True)
    for ids in every_id(store, order):
        yield from with_articles(store, statements_by_id(store, ids))


def statements_by_id(store: Store, ids: list[int]) -> list[dict[str, Any]]:
    """The statements with these ids, as records, in the order given."""
    if not ids:
        return []
    rows = {r["id"]: r for r in store.db.execute(
        f"SELECT *, NULL AS snippet FROM statements WHERE id IN ({','.join('?' * len(ids))})", ids)}
    return [statement_record(store, rows[i]) for i in ids if i in rows]


def with_articles(store: Store, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records with their article's headline, source and address (``article_title``,
    ``article_source``, ``article_url``): what a list of results shows beside each statement."""
    ids = sorted({r["article"] for r in records})
    found: dict[str, tuple[str | None, str | None, str | None]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in store.db.execute(
            f"SELECT id, title, source, url FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk
        ):
            found[row["id"]] = (row["title"], row["source"], row["url"])
    for record in records:
        record["article_title"], record["article_source"], record["article_url"] = found.get(record["article"],
                                                                                           (None, None, None))
    return records


def _add_snippets(store: Store, m: Matching, results: list[dict[str, Any]], marks: tuple[str, str]) -> None:
    """Each result's words around its matches, marked; only for the page shown."""
    ids = [r["id"] for r in results]
    if m.table == "statements_fts":
        snippets = dict(store.db.execute(
            f"SELECT rowid, snippet({m.table}, 0, ?, ?, '…', 32) FROM {m.table} "
            f"WHERE {m.table} MATCH ? AND rowid IN ({','.join('?' * len(ids))})",
            [*marks, m.params[0], *ids],
        ).fetchall())
    else:  # FTS5 expands a prefix again for every snippet (10 ms a row at 1M statements): mark it here
        query = m.criteria.query or ""
        snippets = {r["id"]: prefix_snippet(r["content"]["text"], query, marks) for r in results}
    for record in results:
        record["snippet"] = snippets.get(record["id"], record["content"]["text"])


def _said_of(described: list[str] | None, total: int) -> str | None:
    """The description words matched, to tell the user; none when nothing matched (nobody, then)."""
    return " ".join(described) if described and total else None


def _description_words(speaker: str) -> list[str]:
    """The words a speaker filter that names nobody is matched by among unnamed speakers'
    descriptions ("district court judge" for "a U.S. District Court judge"), small words aside."""
    return [w for w in re.findall(r"\w+", speaker.lower()) if w not in STOP_WORDS]


def _speaker_choices(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """The speakers a name matched, most quoted first: what the user may narrow the search to."""
    rows = [_speaker_row(store, slug) for slug in ids]
    found = [{"id": r["id"], "name": r["name"], "statements": r["statements"]} for r in rows if r is not None]
    return sorted(found, key=lambda s: (-s["statements"], s["id"]))


def prefix_snippet(text: str, query: str, marks: tuple[str, str], words: int = 32) -> str:
    """The statement's words around the first that the query matches, matches marked, as FTS5's
    snippet() would: a prefix term matches the words it starts, another term the word itself
    (case and accents folded, as the unstemmed index folds them)."""
    wanted = [(_fold(term), star == "*") for term, star in _QUERY_TERM.findall(query)]
    tokens = _SNIPPET_TOKEN.findall(text)
    hits = [i for i, token in enumerate(tokens)
            if any(_fold(token).startswith(w) if prefix else _fold(token) == w for w, prefix in wanted)]
    if not hits:
        return text
    word_at = [i for i, token in enumerate(tokens) if token[:1].isalnum()]
    first = word_at.index(hits[0]) if hits[0] in word_at else 0
    start = word_at[max(0, min(first - words // 4, len(word_at) - words))]
    end = word_at[min(len(word_at), max(first - words // 4, 0) + words) - 1] + 1
    if not any(t[:1].isalnum() for t in tokens[end:]):
        end = len(tokens)  # only punctuation after the last word: keep it
    hit = set(hits)
    body = "".join(f"{marks[0]}{t}{marks[1]}" if i in hit else t for i, t in enumerate(tokens[start:end], start))
    return ("…" if start > 0 else "") + body.strip() + ("…" if end < len(tokens) else "")


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def statement_record(store: Store, row: sqlite3.Row) -> dict[str, Any]:
    """A stored statement as in the statement JSONL, with its speaker, article and quote ids."""
    speaker = _speaker_row(store, row["speaker"])
    record: dict[str, Any] = {
        "id": row["id"],
        "article": row["article_id"],
        "date": row["date"],
        "type": row["type"],
        "content": {"text": row["text"], "spans": json.loads(row["spans"])},
        "cue": _span(row["cue"], row["cue_start"], row["cue_end"]),
        "speaker": {
            "mention": _span(row["mention"], row["mention_start"], row["mention_end"]),
            "name": speaker["name"] if speaker else row["name"],
            "kind": speaker["kind"] if speaker else row["kind"],
            "id": row["speaker"],
            "description": unnamed_description(row["mention"]) if not (speaker or row["name"]) else None,
        },
        "confidence": row["confidence"],
        "speech": bool(row["speech"]),
        "quote": row["quote_id"],
    }
    if "snippet" in row.keys() and row["snippet"] is not None:
        record["snippet"] = row["snippet"]
    return record


def unnamed_description(mention: str | None) -> str | None:
    """How the article describes a speaker it does not name ("a U.S. District Court judge",
    "officials"); a bare pronoun describes nobody."""
    if not mention or mention.lower() in PRONOUNS:
        return None
    return mention


def speaker_label(speaker: dict[str, Any]) -> str:
    """A statement's speaker in words: the name, or how the article describes one it does not
    name ("a U.S. District Court judge (unnamed)"), or "unknown speaker"."""
    if speaker.get("name"):
        return str(speaker["name"])
    return f"{speaker['description']} (unnamed)" if speaker.get("description") else "unknown speaker"


def _speaker_row(store: Store, slug: str | None) -> sqlite3.Row | None:
    if slug is None:
        return None
    if not store.readonly:
        return store.db.execute("SELECT * FROM speakers WHERE id = ?", (slug,)).fetchone()
    cache = store.__dict__.setdefault("_speaker_rows", {})  # a read-only store's speakers do not change under it
    if slug not in cache:
        cache[slug] = store.db.execute("SELECT * FROM speakers WHERE id = ?", (slug,)).fetchone()
    return cache[slug]


def _span(text: str | None, start: int | None, end: int | None) -> dict[str, Any] | None:
    return None if text is None else {"text": text, "start": start, "end": end}


def speakers(store: Store, *, since: str | None = None, until: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Speakers ranked by how many statements they made (in the date range, when given)."""
    where, params = filters(Criteria(since=since, until=until), speakers=False)
    rows = store.db.execute(
        "SELECT s.speaker AS id, count(*) AS statements, min(s.date) AS first_date, max(s.date) AS last_date "
        f"FROM statements s WHERE s.speaker IS NOT NULL{where} GROUP BY s.speaker "
        "ORDER BY statements DESC, id LIMIT ?",
        [*params, limit],
    ).fetchall()
    out = []
    for row in rows:
        speaker = _speaker_row(store, row["id"])
        out.append({
            "id": row["id"], "name": speaker["name"] if speaker else row["id"],
            "kind": speaker["kind"] if speaker else None, "statements": row["statements"],
            "first_date": row["first_date"], "last_date": row["last_date"],
        })
    return out


def daily_counts(store: Store, slug: str) -> list[tuple[str, int]]:
    """(date, statements) for a speaker's dated statements, oldest first: one pass over the (speaker, date) index."""
    return [(day, count) for day, count in store.db.execute(
        "SELECT date, count(*) FROM statements WHERE speaker = ? AND date IS NOT NULL GROUP BY date ORDER BY date",
        (slug,),
    )]


_SEVERAL = re.compile(r"\s(?:and|&)\s|^both\s", re.I)


def names_several(mention: str) -> bool:
    """A mention of several people at once: "Trump and Ryan", "Both President Trump and some Democrats"."""
    return bool(_SEVERAL.search(mention))


def speaker_profile(store: Store, name: str, *, latest: int = 10) -> dict[str, Any] | None:
    """One speaker: aliases, roles with dates, statements per month, latest statements."""
    ids = find_speakers(store, name)
    if not ids:
        return None
    slug = ids[0]
    speaker = _speaker_row(store, slug)
    mentions = store.db.execute(
        "SELECT mention AS alias, count(*) AS count FROM statements WHERE speaker = ? AND mention IS NOT NULL "
        "GROUP BY mention ORDER BY count DESC, mention",
        (slug,),
    ).fetchall()
    # the ways articles name them; pronouns are counted apart ("she" is nobody's alias), as are
    # mentions of several people ("Trump and Ryan": a way to name two, not one)
    person = speaker["kind"] == "person"  # "Procter & Gamble" is one body
    aliases = [dict(r) for r in mentions
               if r["alias"].lower() not in PRONOUNS and not (person and names_several(r["alias"]))][:50]
    with_others = [dict(r) for r in mentions if person and names_several(r["alias"])][:20]
    pronouns: dict[str, int] = {}
    for row in mentions:
        if row["alias"].lower() in PRONOUNS:
            pronouns[row["alias"].lower()] = pronouns.get(row["alias"].lower(), 0) + row["count"]
    undated = store.db.execute("SELECT count(*) FROM statements WHERE speaker = ? AND date IS NULL", (slug,)).fetchone()[0]
    names = [r[0] for r in store.db.execute("SELECT name FROM names WHERE speaker = ? ORDER BY name", (slug,))]
    roles = store.db.execute(
        f"SELECT role, count(*) AS count, min(date) AS first_date, max(date) AS last_date FROM roles "
        f"WHERE name IN ({','.join('?' * len(names)) or 'NULL'}) GROUP BY role ORDER BY count DESC, role LIMIT 30",
        names,
    ).fetchall()
    months: dict[str, int] = {}
    days = daily_counts(store, slug)
    for day, count in days:
        months[day[:7]] = months.get(day[:7], 0) + count
    rows = store.db.execute(
        "SELECT *, NULL AS snippet FROM statements WHERE speaker = ? ORDER BY date DESC, id DESC LIMIT ?", (slug, latest)
    ).fetchall()
    return {
        "id": slug,
        "name": speaker["name"],
        "kind": speaker["kind"],
        "statements": speaker["statements"],
        "joins": speaker_joins(store, slug),
        "undated": undated,  # statements from undated articles: outside every date range and chart
        "first_date": speaker["first_date"],
        "last_date": speaker["last_date"],
        "names": names,
        "aliases": aliases,
        "with_others": with_others,
        "pronouns": [{"pronoun": p, "count": c} for p, c in sorted(pronouns.items(), key=lambda item: -item[1])],
        "roles": [dict(r) for r in roles],
        "months": [{"month": m, "count": c} for m, c in months.items()],
        "latest": [statement_record(store, r) for r in rows],
        "also_matching": ids[1:],
        "days": days,
    }


def speaker_joins(store: Store, slug: str) -> list[dict[str, Any]]:
    """Why each name and description of a speaker is theirs: the names that join it, on what evidence
    (or a person's override), and the role descriptions resolved to them at their articles' dates."""
    overrides = store.overrides()
    counts = dict(store.db.execute(  # from the (speaker, name, description) index alone
        "SELECT name, count(*) FROM statements WHERE speaker = ? AND name IS NOT NULL GROUP BY name", (slug,)))
    names = [r[0] for r in store.db.execute("SELECT name FROM names WHERE speaker = ?", (slug,))]
    ranked = sorted(names, key=lambda name: (-counts.get(name, 0), name))
    joins = [{"name": name, "statements": counts.get(name, 0), "why": store.names.why(name),
              "override": name in overrides} for name in ranked]
    described = store.db.execute(
        "SELECT description, count(*) AS count FROM statements WHERE speaker = ? AND name IS NULL "
        "AND description IS NOT NULL GROUP BY description ORDER BY count DESC, description LIMIT 20",
        (slug,),
    ).fetchall()
    joins += [{"name": r["description"], "statements": r["count"], "override": False,
               "why": "a role description: the one person seen in that role near the article's date"} for r in described]
    return joins


# -- one thing from the record: an article, a quote, a speaker's page, the overview --
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")


def overview(store: Store, *, latest: int = 10, top: int = 10) -> dict[str, Any]:
    """Corpus size and date range, the most quoted speakers of the latest month, the latest statements."""
    db = store.db
    articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    first, last = db.execute("SELECT min(date), max(date) FROM articles").fetchone()  # two index probes
    statements = db.execute("SELECT count(*) FROM statements").fetchone()[0]
    month = last[:7] if last else None
    leaders = db.execute(  # the month's rows of speaker_months, most statements first, from its index
        "SELECT m.speaker AS id, sp.name, m.statements FROM speaker_months m JOIN speakers sp ON sp.id = m.speaker "
        "WHERE m.month = ? ORDER BY m.statements DESC, m.speaker LIMIT ?", (month, top),
    ).fetchall() if month else []
    rows = db.execute("SELECT * FROM statements ORDER BY date DESC, id DESC LIMIT ?", (latest,)).fetchall()
    return {
        "articles": articles,
        "statements": statements,
        # undated articles lie outside the date range and the month: counted apart, never inside them
        "undated_articles": db.execute("SELECT count(*) FROM articles WHERE date IS NULL").fetchone()[0],
        "undated_statements": db.execute("SELECT count(*) FROM statements WHERE date IS NULL").fetchone()[0],
        "speakers": db.execute("SELECT count(*) FROM speakers").fetchone()[0],
        "quotes": db.execute("SELECT count(*) FROM quotes").fetchone()[0],
        "first_date": first,
        "last_date": last,
        "month": month,
        "top_speakers": [dict(r) for r in leaders],
        "latest": [statement_record(store, r) for r in rows],
    }


def article_view(store: Store, article_id: str) -> dict[str, Any] | None:
    """An article with its text and every statement (offsets index ``text``)."""
    row = store.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    source_id = row["copy_of"] or row["id"]
    statements = store.db.execute("SELECT * FROM statements WHERE article_id = ? ORDER BY seq", (source_id,)).fetchall()
    copies = [r[0] for r in store.db.execute("SELECT id FROM articles WHERE copy_of = ? ORDER BY id", (row["id"],))]
    return {
        "id": row["id"], "date": row["date"], "title": row["title"], "url": row["url"], "source": row["source"],
        "text": row["text"], "body_start": row["body_start"], "copy_of": row["copy_of"], "copies": copies,
        "error": row["error"],
        "statements": [statement_record(store, r) for r in statements],
    }


def quote_view(store: Store, quote_id: int) -> dict[str, Any] | None:
    """A merged quote with every occurrence and the first time it was seen."""
    row = store.db.execute(
        "SELECT q.*, sp.name AS speaker_name FROM quotes q LEFT JOIN speakers sp ON sp.id = q.speaker WHERE q.id = ?",
        (quote_id,),
    ).fetchone()
    if row is None:
        return None
    occurrences = store.db.execute(
        "SELECT s.id, s.article_id, s.date, s.type, s.text, s.spans, a.title, a.url, a.source "
        "FROM statements s JOIN articles a ON a.id = s.article_id WHERE s.quote_id = ? ORDER BY s.date, s.id",
        (quote_id,),
    ).fetchall()
    dates = [o["date"] for o in occurrences if o["date"]]
    return {
        "id": row["id"], "text": row["text"],
        "speaker": {"id": row["speaker"], "name": row["speaker_name"]},
        "first_date": min(dates) if dates else None,
        "count": len(occurrences),
        "articles": len({o["article_id"] for o in occurrences}),  # two occurrences in one article are one report
        "occurrences": [
            {"statement": o["id"], "article": o["article_id"], "date": o["date"], "type": o["type"], "text": o["text"],
             "spans": json.loads(o["spans"]), "title": o["title"], "url": o["url"], "source": o["source"]}
            for o in occurrences
        ],
    }


def statement_view(store: Store, statement_id: int) -> dict[str, Any] | None:
    """One statement with its article, and what it takes to cite it. An indirect statement is
    reported speech, the article's words for what was said: it is never shown as a quote."""
    row = store.db.execute("SELECT *, NULL AS snippet FROM statements WHERE id = ?", (statement_id,)).fetchone()
    if row is None:
        return None
    record = statement_record(store, row)
    article = store.db.execute("SELECT title, url, source, date FROM articles WHERE id = ?",
                               (row["article_id"],)).fetchone()
    record["article_title"], record["article_url"], record["article_source"] = article["title"], article["url"], article["source"]
    record["reported_speech"] = row["type"] == "indirect"
    if row["type"] == "indirect":
        record["quote"] = None  # paraphrase, not quoted words
    words = record["content"]["text"] if row["type"] != "indirect" else f"(reported speech) {record['content']['text']}"
    where = ", ".join(part for part in (article["title"] or row["article_id"], article["source"], row["date"] or "undated") if part)
    record["cite"] = f"{speaker_label(record['speaker'])}: {words} ({where}{', ' + article['url'] if article['url'] else ''})"
    return record


def speaker_page(store: Store, speaker_id: str, *, latest: int = 20) -> dict[str, Any] | None:
    """A speaker's profile (exact id) with timeline, frequent words and the speakers quoted beside them."""
    if store.db.execute("SELECT 1 FROM speakers WHERE id = ?", (speaker_id,)).fetchone() is None:
        return None
    profile = speaker_profile(store, speaker_id, latest=latest)
    assert profile is not None
    profile["timeline"] = timeline(store, speaker_id, profile.pop("days"))
    profile["words"] = frequent_words(store, speaker_id)
    profile["beside"] = quoted_beside(store, speaker_id)
    profile.pop("also_matching", None)
    return profile


def timeline(store: Store, speaker_id: str, days: list[tuple[str, int]] | None = None) -> dict[str, Any]:
    """Statements per month, or per week when they span less than half a year; empty periods included."""
    days = daily_counts(store, speaker_id) if days is None else days
    if not days:
        return {"unit": "month", "bins": []}
    start, end = Date.fromisoformat(days[0][0]), Date.fromisoformat(days[-1][0])
    weekly = (end - start).days < 183
    counts: Counter[str] = Counter()
    for day, count in days:
        counts[_period(Date.fromisoformat(day), weekly)] += count
    return {"unit": "week" if weekly else "month", "bins": [
        {"period": label, "count": counts.get(label, 0)} for label in _periods(start, end, weekly)
    ]}


def _periods(start: Date, end: Date, weekly: bool) -> list[str]:
    """Every week (its Monday) or month (YYYY-MM) from start to end."""
    if weekly:
        monday = start - timedelta(days=start.weekday())
        return [(monday + timedelta(weeks=i)).isoformat() for i in range((end - monday).days // 7 + 1)]
    return month_range({start.isoformat()[:7]: 1, end.isoformat()[:7]: 1})


def _period(day: Date, weekly: bool) -> str:
    if weekly:
        monday = day - timedelta(days=day.weekday())
        return monday.isoformat()
    return day.isoformat()[:7]


def frequent_words(store: Store, speaker_id: str, *, top: int = 15, sample: int = 1000) -> list[dict[str, Any]]:
    """The speaker's most used content words, over their latest statements."""
    counts: Counter[str] = Counter()
    rows = store.db.execute(
        "SELECT text FROM statements WHERE speaker = ? ORDER BY date DESC, id DESC LIMIT ?", (speaker_id, sample)
    )
    for (text,) in rows:
        for word in WORD.findall(text):
            lower = word.lower().replace("’", "'")
            if lower not in STOP_WORDS and not lower.endswith("'s") and len(lower) > 3:
                counts[lower] += 1
    return [{"word": w, "count": c} for w, c in counts.most_common(top) if c > 1 or len(counts) < top]


def quoted_beside(store: Store, speaker_id: str, *, top: int = 10, articles: int = 500) -> list[dict[str, Any]]:
    """Other speakers quoted in the same articles (over the speaker's latest articles)."""
    rows = store.db.execute(
        "WITH mine AS (SELECT DISTINCT article_id FROM statements WHERE speaker = ? ORDER BY date DESC LIMIT ?) "
        "SELECT s.speaker AS id, sp.name, count(DISTINCT s.article_id) AS articles FROM statements s "
        "JOIN mine ON mine.article_id = s.article_id JOIN speakers sp ON sp.id = s.speaker "
        "WHERE s.speaker != ? GROUP BY s.speaker ORDER BY articles DESC, s.speaker LIMIT ?",
        (speaker_id, articles, speaker_id, top),
    ).fetchall()
    return [dict(r) for r in rows]
