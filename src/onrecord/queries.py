"""Reading one thing from the record: an article, a quote, a speaker's page, the overview.

The web app's pages and JSON API both use these (``search.py`` has search and
speaker lists). Every function returns plain dicts, or None when the id is unknown.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date as Date, timedelta
from typing import Any

from .search import daily_counts, speaker_profile, statement_record
from .store import Store

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")


def overview(store: Store, *, latest: int = 10, top: int = 10) -> dict[str, Any]:
    """Corpus size and date range, the most quoted speakers of the latest month, the latest statements."""
    db = store.db
    articles, first, last = db.execute("SELECT count(*), min(date), max(date) FROM articles").fetchone()
    statements = db.execute("SELECT count(*) FROM statements").fetchone()[0]
    month = last[:7] if last else None
    leaders = db.execute(
        "SELECT s.speaker AS id, sp.name, count(*) AS statements FROM statements s JOIN speakers sp ON sp.id = s.speaker "
        "WHERE s.date >= ? AND s.date < ? GROUP BY s.speaker ORDER BY statements DESC, s.speaker LIMIT ?",
        (f"{month}-01", f"{month}-32", top),
    ).fetchall() if month else []
    rows = db.execute("SELECT * FROM statements ORDER BY date DESC, id DESC LIMIT ?", (latest,)).fetchall()
    return {
        "articles": articles,
        "statements": statements,
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
        "text": row["text"], "copy_of": row["copy_of"], "copies": copies, "error": row["error"],
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
        "occurrences": [
            {"statement": o["id"], "article": o["article_id"], "date": o["date"], "type": o["type"], "text": o["text"],
             "spans": json.loads(o["spans"]), "title": o["title"], "url": o["url"], "source": o["source"]}
            for o in occurrences
        ],
    }


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
    labels, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        labels.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return labels


def _period(day: Date, weekly: bool) -> str:
    if weekly:
        monday = day - timedelta(days=day.weekday())
        return monday.isoformat()
    return day.isoformat()[:7]


def frequent_words(store: Store, speaker_id: str, *, top: int = 15, sample: int = 1000) -> list[dict[str, Any]]:
    """The speaker's most used content words, over their latest statements."""
    from spacy.lang.en.stop_words import STOP_WORDS

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
