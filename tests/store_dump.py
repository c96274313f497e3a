"""A store's content without its surrogate numbers, to compare two stores."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def logical_dump(db: Path) -> dict[str, Any]:
    """Everything a user can see in a store; a quote is named by its first occurrence (article, seq)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        first = {
            quote: (article, seq)
            for quote, article, seq in con.execute(
                "SELECT quote_id, article_id, seq FROM statements s WHERE id = "
                "(SELECT min(id) FROM statements t WHERE t.quote_id = s.quote_id)"
            )
        }
        statements = [
            (article, seq, speaker, text, first.get(quote), date, type_, mention)
            for article, seq, speaker, text, quote, date, type_, mention in con.execute(
                "SELECT article_id, seq, speaker, text, quote_id, date, type, mention FROM statements"
            )
        ]
        return {
            "articles": sorted(con.execute("SELECT id, text_hash, date, title, url, copy_of, error FROM articles")),
            "statements": sorted(statements, key=repr),
            "speakers": sorted(con.execute("SELECT * FROM speakers")),
            "names": sorted(con.execute("SELECT * FROM names")),
            "roles": sorted(con.execute("SELECT * FROM roles")),
            "quotes": sorted((first.get(q), speaker, text) for q, speaker, text in con.execute("SELECT id, speaker, text FROM quotes")),
            "fts": con.execute("SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'said OR the'").fetchone(),
            "integrity": con.execute("PRAGMA integrity_check").fetchone(),
        }
    finally:
        con.close()


def damage(db: Path, page: int = 4096, start: float = 0.5) -> None:
    """Overwrite every third page from ``start`` (a fraction of the file) on with random bytes, leaving
    the schema's pages at the start readable: queries then meet "database disk image is malformed"."""
    import os

    size = db.stat().st_size
    with db.open("r+b") as handle:
        for offset in range(int(size * start) // page * page, size, page * 3):
            handle.seek(offset)
            handle.write(os.urandom(page))
