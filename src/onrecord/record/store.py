"""The record: a SQLite store of articles, statements, speakers and merged quotes.

Writing happens in batches, one transaction each (WAL mode), so a killed ingest
leaves the store as it was after its last whole batch and a rerun picks up from
there. Within a batch:
1. each article is new, unchanged (same id and text: nothing to do), changed
   (same id, new text: its old statements go) or a copy of another article's text;
2. the names it uses join the name index; names whose speaker changes because of
   them ("Khan" once "Sadiq Khan" arrives) move their statements;
3. its statements go in with their speaker, then join a merged quote;
4. the speakers touched get their counts and dates again.
``Store.finish`` (end of every ingest) resolves role descriptions ("the London
mayor") against the roles the whole corpus has seen.

Reading (search, speakers, export) is in ``onrecord.search`` and ``onrecord.export``.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import IO, Literal
from urllib.parse import quote

from .merge import anchors, is_variant, may_merge_exact, may_merge_near, normalise_quote, similarity
from ..model import Article, ArticleExtraction, Statement
from ..values import normalise_word
from .speakers import NameIndex, RoleSpell, description_key, holders_of, pick_by_context, post_key, role_key

SCHEMA_VERSION = "6"
# Schema versions that opening for writing brings up to date (3 added indexes, 4 the unstemmed word
# index, 5 the name overrides, 6 indexes for browsing: articles by source and by title, statements by type, speakers by month).
UPGRADABLE = frozenset({"2", "3", "4", "5"})
DEFAULT_DB = "onrecord.db"
_TABLES = frozenset({"meta", "articles", "names", "name_overrides", "speakers", "speaker_months", "roles",
                     "statements", "quotes", "statements_fts", "statements_words"})
Outcome = Literal["new", "unchanged", "updated", "copy", "failed"]


WRITER_CACHE_MIB = 256  # SQLite's page cache for a writing connection

_SPEAKER_MONTHS = ("INSERT INTO speaker_months (speaker, month, statements, first_date, last_date) "
                   "SELECT speaker, substr(date, 1, 7) AS month, count(*), min(date), max(date) FROM statements")
# an upsert's date range widened by the new row's (NULL is no date: min() and max() would keep it)
_EARLIER = ("{column} = CASE WHEN {column} IS NULL OR excluded.{column} < {column} "
            "THEN excluded.{column} ELSE {column} END")
_LATER = ("{column} = CASE WHEN {column} IS NULL OR excluded.{column} > {column} "
          "THEN excluded.{column} ELSE {column} END")


class StoreError(RuntimeError):
    """The database cannot be used (not an onrecord store, a newer schema, locked)."""


class UnknownName(StoreError):
    """No speaker name in the store matches what was asked for."""


class StoreBusy(StoreError):
    """Another run is writing to the store, and this one was asked not to wait."""


def is_busy(error: sqlite3.Error) -> bool:
    """Whether SQLite gave up waiting for another writer."""
    return "locked" in str(error) or "busy" in str(error)


def busy_message(error: sqlite3.Error) -> str:
    return f"the store is busy ({error}); is another ingest writing to it?"


def damaged_message(error: sqlite3.Error) -> str:
    return f"the store is damaged ({error}): restore it from a copy, or ingest the articles into a new store"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class BatchResult:
    outcomes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    statements: int = 0


class Store:
    """A SQLite file holding the record. Use as a context manager, or call ``close``."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, readonly: bool = False, busy_timeout: float = 30.0) -> None:
        self.path = Path(path)
        if readonly and not self.path.exists():
            raise StoreError(f"{self.path}: no such store (run `onrecord ingest` first)")
        try:
            self.db = self._connect(readonly, busy_timeout)
            if not readonly:
                self._prepare_for_writing()
                # a batch touches a page of each of the statements' indexes per row: with SQLite's 2 MB
                # default, a large store spills dirty pages to the WAL again and again within a batch
                self.db.execute(f"PRAGMA cache_size = -{WRITER_CACHE_MIB * 1024}")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._check_schema()
            self._check_tables()
        except sqlite3.DatabaseError as error:
            if is_busy(error):
                raise StoreError(f"{self.path}: {busy_message(error)}") from None
            if "malformed" in str(error):
                raise StoreError(f"{self.path}: {damaged_message(error)}") from None
            if not readonly and self.path.exists() and ("unable to open" in str(error) or "readonly" in str(error)):
                raise StoreError(f"{self.path}: cannot write to the store ({error}): "
                                 "is the file or its folder read-only?") from None
            raise StoreError(f"{self.path}: not an onrecord store ({error})") from None
        self.readonly = readonly
        self._writer_depth = 0  # runs of this Store holding the writer lock (it is re-entrant)
        self._names: NameIndex | None = None
        self._spells: dict[tuple[str, str, frozenset[str]], list[str]] | None = None
        self._spells_by_head: dict[str, list[tuple[str, str, frozenset[str]]]] = defaultdict(list)

    # -- lifecycle -------------------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _connect(self, readonly: bool, busy_timeout: float) -> sqlite3.Connection:
        """A connection, tried at once. Read-only, a store in a folder no one may write to (where its
        WAL index cannot be made) is opened as immutable: as it was last written."""
        options = dict(timeout=busy_timeout, isolation_level=None, check_same_thread=False)
        uri = f"file:{quote(str(self.path))}?mode=ro" if readonly else str(self.path)
        db = sqlite3.connect(uri, uri=readonly, **options)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as error:
            if not readonly or "unable to open" not in str(error):
                raise
            db.close()
            db = sqlite3.connect(uri + "&immutable=1", uri=True, **options)
        db.row_factory = sqlite3.Row
        return db

    def _prepare_for_writing(self) -> None:
        """Make a new store, upgrade an older one, and find out now (not after a first parse) that
        the file cannot be written or belongs to another program."""
        if not self._has_schema():
            with self._lock_file() as lock:  # two processes making one new store: one makes it, then the other looks
                fcntl.flock(lock, fcntl.LOCK_EX)
                tables = [r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
                if tables and "meta" not in tables:
                    raise StoreError(f"{self.path}: a SQLite database of another program (tables: {', '.join(tables[:5])}); "
                                     "onrecord writes only its own stores: give another --db")
                if not tables:
                    self.db.execute("PRAGMA journal_mode = WAL")
                    self._create_schema()
        elif self._schema_version() in UPGRADABLE:
            self._upgrade()
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("ROLLBACK")
        except sqlite3.OperationalError as error:
            if "readonly" in str(error) or "read-only" in str(error):
                raise StoreError(f"{self.path}: cannot write to the store ({error})") from None
            raise

    def _check_tables(self) -> None:
        present = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = sorted(_TABLES - present)
        if missing:
            raise StoreError(f"{self.path}: a damaged onrecord store (missing tables: {', '.join(missing)}); "
                             "ingest the articles into a new store")

    def _has_schema(self) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone() is not None

    def _create_schema(self) -> None:
        # one transaction: a second process opening the new store meanwhile sees all of it or none
        # (it had seen a meta table without its version: "store schema unknown")
        script = files("onrecord.record").joinpath("schema.sql").read_text(encoding="utf-8")
        self.db.executescript(f"BEGIN IMMEDIATE;\n{script}\n"
                              f"INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '{SCHEMA_VERSION}');\nCOMMIT;")

    def _schema_version(self) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return row[0] if row else None

    def _upgrade(self) -> None:
        """Bring an older store up to date: the schema script only adds what is missing; a word index
        it adds is filled from the statements already there."""
        had_words = self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'statements_words'").fetchone()
        had_months = self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'speaker_months'").fetchone()
        columns = {r[1] for r in self.db.execute("PRAGMA table_info(speakers)")}
        if "dated" not in columns:  # CREATE TABLE IF NOT EXISTS adds no column to a table that exists
            self.db.execute("ALTER TABLE speakers ADD COLUMN dated INTEGER NOT NULL DEFAULT 0")
            self.db.execute("UPDATE speakers SET dated = (SELECT count(date) FROM statements WHERE speaker = speakers.id)")
        self.db.executescript(files("onrecord.record").joinpath("schema.sql").read_text(encoding="utf-8"))
        if not had_words:
            self.db.execute("INSERT INTO statements_words (statements_words) VALUES ('rebuild')")
        if not had_months:
            self.db.execute(_SPEAKER_MONTHS + " WHERE speaker IS NOT NULL AND date IS NOT NULL GROUP BY speaker, month")
        self.db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))

    def _check_schema(self) -> None:
        version = self._schema_version()
        if version in UPGRADABLE:
            raise StoreError(f"{self.path}: made by an older onrecord (schema {version}); "
                             "any `onrecord ingest` into it brings it up to date")
        if version != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: store schema {version or 'unknown'}, this onrecord reads {SCHEMA_VERSION}: "
                "ingest the articles into a new store"
            )

    # -- one writing run at a time ----------------------------------------------------------
    @contextmanager
    def writer(self, waiting: Callable[[str], None] | None = None, *, wait: bool = True) -> Iterator[None]:
        """Hold the store's writer lock for a whole run (an ingest, a correction). Two runs writing at
        once would each decide who is who from names the other had not yet committed (a person split
        in two, statements given to the wrong speaker), so a second run waits, calling ``waiting``
        with a message first, or, with ``wait=False``, raises ``StoreBusy``. The lock is an advisory
        lock on "<store>.lock" beside the store, dropped by the kernel if the process dies."""
        if self._writer_depth:
            self._writer_depth += 1
            try:
                yield
            finally:
                self._writer_depth -= 1
            return
        with self._lock_file() as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not wait:
                    raise StoreBusy(f"{self.path}: another run is writing to this store; try again when it ends") from None
                if waiting is not None:
                    waiting(f"waiting for another run writing to {self.path} to end ...")
                fcntl.flock(handle, fcntl.LOCK_EX)
            self._names = self._spells = None  # the other run may have added names and roles: read them afresh
            self._writer_depth = 1
            try:
                yield
            finally:
                self._writer_depth = 0
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _lock_file(self) -> IO[str]:
        """"<store>.lock" beside the store, for advisory locks (the file stays; the locks go with
        their process)."""
        lock_path = self.path.with_name(self.path.name + ".lock")
        try:
            return lock_path.open("a")
        except OSError as error:
            raise StoreError(f"{lock_path}: cannot open the writer lock ({error.strerror or error})") from None

    # -- in-memory indexes, rebuilt from the tables --------------------------------------
    @property
    def names(self) -> NameIndex:
        if self._names is None:
            index = NameIndex()
            for name, kind in self.db.execute("SELECT name, kind FROM names"):
                index.add(name, kind)
            index.set_overrides(self.overrides())
            index.set_one_person(self._one_person_pairs(index))
            self._names = index
        return self._names

    def version(self) -> tuple[int, ...]:
        """What changes whenever a write is committed (the file's and its WAL's size and time): a
        reader caching what it built from the tables (the name index) builds it again when it changes."""
        marks: list[int] = []
        for path in (self.path, Path(f"{self.path}-wal")):
            try:
                stat = path.stat()
                marks += [stat.st_mtime_ns, stat.st_size]
            except OSError:
                marks += [0, 0]
        return tuple(marks)

    def adopt_names(self, index: NameIndex) -> None:
        """Use a name index built by another connection to this store at the same ``version()``
        (a read-only reader's; building one costs 100 ms at a million statements)."""
        if not self.readonly:
            raise StoreError("only a read-only store takes a name index built elsewhere")
        self._names = index

    @property
    def spells(self) -> dict[tuple[str, str, frozenset[str]], list[str]]:
        """(name, role head, role words) -> [first date, last date], from dated role sightings."""
        if self._spells is None:
            self._spells, self._spells_by_head = {}, defaultdict(list)
            for name, role, date in self.db.execute("SELECT name, role, date FROM roles WHERE date IS NOT NULL"):
                self._widen_spell(name, role, date)
        return self._spells

    def _widen_spell(self, name: str, role: str, date: str) -> None:
        key = role_key(role)
        if key is None:
            return
        spells = self.spells
        if (name, *key) not in spells:
            self._spells_by_head[key[0]].append((name, *key))
        spell = spells.setdefault((name, *key), [date, date])
        spell[0], spell[1] = min(spell[0], date), max(spell[1], date)

    # -- planning ----------------------------------------------------------------------
    def plan(self, article: Article) -> Outcome:
        """What writing this article would do, without doing it (to skip extracting it)."""
        digest = text_hash(article.text)
        row = self.db.execute("SELECT text_hash FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row is not None and row[0] == digest:
            return "unchanged"
        if self._original_of(digest, article.id) is not None:
            return "copy"
        return "updated" if row is not None else "new"

    def _original_of(self, digest: str, article_id: str) -> str | None:
        row = self.db.execute(
            "SELECT id FROM articles WHERE text_hash = ? AND copy_of IS NULL AND id != ? ORDER BY id LIMIT 1",
            (digest, article_id),
        ).fetchone()
        return row[0] if row else None

    # -- writing -------------------------------------------------------------------------
    def write(self, batch: Iterable[ArticleExtraction]) -> BatchResult:
        """Write a batch of extracted articles in one transaction."""
        batch = list(batch)
        result = BatchResult()
        self._begin()
        try:
            touched = _Touched()
            self._add_names(batch, touched)
            for found in batch:
                outcome = self._write_article(found, touched)
                result.outcomes[outcome] += 1
                if outcome in ("new", "updated"):
                    result.statements += len(found.statements)
            self._assign_quotes(touched)
            self._refresh_speakers(touched)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            self._names = self._spells = None  # rebuilt from what was committed
            raise
        return result

    def _add_names(self, batch: list[ArticleExtraction], touched: "_Touched") -> None:
        """New names join the index; statements of names whose speaker changes move with them."""
        changed: set[str] = set()
        for found in batch:
            for statement in found.statements:
                if statement.speaker.name and self.names.add(statement.speaker.name, statement.speaker.kind):
                    changed.add(statement.speaker.name)
            for sighting in found.roles:
                if self.names.add(sighting.name, "person"):
                    changed.add(sighting.name)
        related = set().union(*(self.names.related(n) for n in changed)) if changed else set()
        for name in sorted(related):
            slug, _ = self.names.speaker_of(name)
            row = self.db.execute("SELECT speaker FROM names WHERE name = ?", (name,)).fetchone()
            self.db.execute(
                "INSERT INTO names (name, kind, speaker) VALUES (?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, speaker = excluded.speaker",
                (name, self.names.kinds[name], slug),
            )
            if row is not None and row[0] != slug:
                self._move_statements("name = ?", (name,), slug, touched)

    def _move_statements(self, where: str, params: tuple, slug: str | None, touched: "_Touched") -> None:
        rows = self.db.execute(f"SELECT id, speaker FROM statements WHERE {where}", params).fetchall()
        for statement_id, old in rows:
            if old != slug:
                touched.moved.add(statement_id)
                touched.speakers.update({old, slug})
        self.db.execute(f"UPDATE statements SET speaker = ? WHERE {where}", (slug, *params))

    def _write_article(self, found: ArticleExtraction, touched: "_Touched") -> Outcome:
        article = found.article
        digest = text_hash(article.text)
        row = self.db.execute("SELECT text_hash FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row is not None and row[0] == digest:
            return "unchanged"
        if row is not None:
            self._remove_article(article.id, touched)
        original = self._original_of(digest, article.id)
        self.db.execute(
            "INSERT INTO articles (id, text_hash, text, body_start, date, title, url, source, origin, copy_of, error) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, digest, article.text, article.body_start, article.date, article.title, article.url,
             article.source, article.origin, original, found.error),
        )
        if original is not None:
            return "copy"
        for sighting in found.roles:
            self._add_role(article, sighting.name, sighting.role)
        for seq, statement in enumerate(found.statements):
            statement_id, speaker = self._insert_statement(article, seq, statement)
            touched.new.append(statement_id)
            touched.added[speaker].append(article.date)
        if found.error:
            return "failed"
        return "updated" if row is not None else "new"

    def _add_role(self, article: Article, name: str, role: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO roles (article_id, name, role, date) VALUES (?, ?, ?, ?)",
            (article.id, name, role, article.date),
        )
        if article.date:
            self._widen_spell(name, role, article.date)

    def _insert_statement(self, article: Article, seq: int, statement: Statement) -> tuple[int, str | None]:
        """Insert one statement; returns its id and the speaker it was given."""
        mention, cue = statement.speaker.mention, statement.cue
        description = _description(statement)
        if statement.speaker.name:
            speaker = self.names.speaker_of(statement.speaker.name)[0]
        else:
            speaker = self._holder(description, article.date)
        cursor = self.db.execute(
            "INSERT INTO statements (article_id, seq, date, type, speech, text, spans, cue, cue_start, cue_end, "
            "mention, mention_start, mention_end, name, kind, description, speaker, confidence, norm) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id, seq, article.date, statement.type, int(statement.speech), statement.text,
                json.dumps([list(s) for s in statement.spans]),
                cue.text if cue else None, cue.start if cue else None, cue.end if cue else None,
                mention.text if mention else None, mention.start if mention else None,
                mention.end if mention else None, statement.speaker.name, statement.speaker.kind, description,
                speaker, statement.confidence, normalise_quote(statement.text),
            ),
        )
        return int(cursor.lastrowid), speaker

    def _holder(self, description: str | None, date: str | None) -> str | None:
        """The one speaker a role description names at a date, if exactly one fits."""
        if description is None or date is None:
            return None
        head, *words = description.split()
        known = self.spells
        spells = [RoleSpell(*key, *known[key]) for key in self._spells_by_head.get(head, ())]
        slugs = {self.names.speaker_of(name)[0] for name in holders_of((head, frozenset(words)), date, spells)}
        return slugs.pop() if len(slugs) == 1 else None

    def _remove_article(self, article_id: str, touched: "_Touched") -> None:
        """A changed article's statements, roles and copies' links go before its new text comes in."""
        rows = self.db.execute("SELECT id, speaker, quote_id FROM statements WHERE article_id = ?", (article_id,))
        for _statement_id, speaker, quote_id in rows.fetchall():
            touched.speakers.add(speaker)
            if quote_id is not None:
                touched.emptied_quotes.add(quote_id)
        names = [r[0] for r in self.db.execute("SELECT DISTINCT name FROM roles WHERE article_id = ?", (article_id,))]
        self.db.execute("DELETE FROM statements WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM roles WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        self.db.execute("UPDATE articles SET copy_of = NULL WHERE copy_of = ?", (article_id,))
        if names:
            self._spells = None  # a role may have lost its first or last sighting

    # -- merged quotes --------------------------------------------------------------------
    def _assign_quotes(self, touched: "_Touched") -> None:
        """New and moved statements join quotes; quotes that lost members are formed again."""
        pending = set(touched.new) | touched.moved
        quotes = set(touched.emptied_quotes)
        if touched.moved:
            quotes |= {
                q for (q,) in self._select_in("SELECT DISTINCT quote_id FROM statements WHERE id IN ({})", touched.moved)
                if q is not None
            }
        if quotes:
            pending |= {i for (i,) in self._select_in("SELECT id FROM statements WHERE quote_id IN ({})", quotes)}
            self._execute_in("UPDATE statements SET quote_id = NULL WHERE quote_id IN ({})", quotes)
            self._execute_in("DELETE FROM quotes WHERE id IN ({})", quotes)
        for statement_id in sorted(pending):
            self._assign_quote(statement_id)

    def _assign_quote(self, statement_id: int) -> None:
        row = self.db.execute("SELECT speaker, text, norm FROM statements WHERE id = ?", (statement_id,)).fetchone()
        if row is None:
            return
        speaker, text, norm = row
        quote_id = self._matching_quote(speaker, norm)
        if quote_id is None:
            head, tail = anchors(norm)
            cursor = self.db.execute(
                "INSERT INTO quotes (speaker, text, norm, head, tail) VALUES (?, ?, ?, ?, ?)",
                (speaker, text, norm, head, tail),
            )
            quote_id = cursor.lastrowid
        self.db.execute("UPDATE statements SET quote_id = ? WHERE id = ?", (quote_id, statement_id))

    def _matching_quote(self, speaker: str | None, norm: str) -> int | None:
        anonymous = speaker is None
        if may_merge_exact(norm, anonymous):
            row = self.db.execute(
                "SELECT id FROM quotes WHERE speaker IS ? AND norm = ? ORDER BY id LIMIT 1", (speaker, norm)
            ).fetchone()
            if row is not None:
                return int(row[0])
        if not may_merge_near(norm, anonymous):
            return None
        head, tail = anchors(norm)
        candidates = self.db.execute(
            "SELECT id, norm FROM quotes WHERE speaker = ? AND head = ? "
            "UNION SELECT id, norm FROM quotes WHERE speaker = ? AND tail = ? ORDER BY id",
            (speaker, head, speaker, tail),
        ).fetchall()
        variants = [(similarity(norm, other), -quote_id, quote_id) for quote_id, other in candidates if is_variant(norm, other)]
        return max(variants)[2] if variants else None

    # -- speakers ---------------------------------------------------------------------------
    def _refresh_speakers(self, touched: "_Touched") -> None:
        """Speakers that lost or changed statements are counted again; those that only gained new
        ones have them added, so a batch costs what it holds, not what its speakers said before."""
        for slug in sorted(s for s in touched.speakers if s):
            self._recount_speaker(slug)
        for slug, dates in sorted((s, d) for s, d in touched.added.items() if s and s not in touched.speakers):
            self._add_to_speaker(slug, dates)

    def _recount_speaker(self, slug: str) -> None:
        count, dated, first, last = self.db.execute(
            "SELECT count(*), count(date), min(date), max(date) FROM statements WHERE speaker = ?", (slug,)
        ).fetchone()
        self.db.execute("DELETE FROM speaker_months WHERE speaker = ?", (slug,))
        self.db.execute(_SPEAKER_MONTHS + " WHERE speaker = ? AND date IS NOT NULL GROUP BY month", (slug,))
        if not count:
            self.db.execute("DELETE FROM speakers WHERE id = ?", (slug,))
            return
        self._put_speaker(slug, count, dated, first, last, adding=False)

    def _add_to_speaker(self, slug: str, dates: list[str | None]) -> None:
        dated = sorted(d for d in dates if d)
        first, last = (dated[0], dated[-1]) if dated else (None, None)
        self._put_speaker(slug, len(dates), len(dated), first, last, adding=True)
        months: dict[str, list[str]] = defaultdict(list)
        for day in dated:
            months[day[:7]].append(day)
        for month, days in sorted(months.items()):
            self.db.execute(
                "INSERT INTO speaker_months (speaker, month, statements, first_date, last_date) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (speaker, month) DO UPDATE SET statements = statements + excluded.statements, "
                + _EARLIER.format(column="first_date") + ", " + _LATER.format(column="last_date"),
                (slug, month, len(days), days[0], days[-1]),
            )

    def _put_speaker(self, slug: str, count: int, dated: int, first: str | None, last: str | None, *,
                     adding: bool) -> None:
        """The speaker's row with its display name: these counts and dates, or (``adding``) these added to its own."""
        name, kind = self._display_name(slug)
        counts = ("statements = statements + excluded.statements, dated = dated + excluded.dated, "
                  + _EARLIER.format(column="first_date") + ", " + _LATER.format(column="last_date")) if adding else (
                  "statements = excluded.statements, first_date = excluded.first_date, "
                  "last_date = excluded.last_date, dated = excluded.dated")
        self.db.execute(
            "INSERT INTO speakers (id, name, kind, statements, first_date, last_date, dated) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, " + counts,
            (slug, name, kind, count, first, last, dated),
        )

    def _display_name(self, slug: str) -> tuple[str, str | None]:
        """The speaker's name as articles write it: a person's fullest form, else the most capitalised."""
        rows = self.db.execute("SELECT name, kind FROM names WHERE speaker = ?", (slug,)).fetchall()
        displays = sorted({self.names.speaker_of(name)[1] for name, _ in rows}, key=lambda d: (d == d.lower(), d))
        kinds = [kind for _, kind in rows]
        kind = "person" if "person" in kinds else next((k for k in sorted(filter(None, kinds))), None)
        return (displays[0] if displays else slug), kind

    # -- a person's corrections ------------------------------------------------------------
    def override(self, name: str, joins: str | None) -> int:
        """From now on ``name`` stands for the speaker of ``joins`` (a name or a speaker id), or for a
        speaker of its own when ``joins`` is None; kept in the store, so re-ingests keep it. Returns
        how many statements moved."""
        name = self.known_name(name)
        target = self.known_name(joins) if joins is not None else None
        return self._correct("INSERT INTO name_overrides (name, joins, made) VALUES (?, ?, datetime('now')) "
                             "ON CONFLICT (name) DO UPDATE SET joins = excluded.joins, made = excluded.made",
                             (name, target))

    def clear_override(self, name: str) -> int:
        """The rules decide for ``name`` again. Returns how many statements moved."""
        name = self.known_name(name)
        if self.db.execute("SELECT 1 FROM name_overrides WHERE name = ?", (name,)).fetchone() is None:
            raise StoreError(f"{name!r} has no override")
        return self._correct("DELETE FROM name_overrides WHERE name = ?", (name,))

    def overrides(self) -> dict[str, str | None]:
        return dict(self.db.execute("SELECT name, joins FROM name_overrides ORDER BY name").fetchall())

    def known_name(self, name: str) -> str:
        """A name as the store holds it: exactly, case aside, or the display name or id of a speaker."""
        for sql in ("SELECT name FROM names WHERE name = ?", "SELECT name FROM names WHERE lower(name) = lower(?)",
                    "SELECT n.name FROM speakers sp JOIN names n ON n.name = sp.name WHERE sp.id = ?",
                    "SELECT name FROM names WHERE speaker = ? ORDER BY length(name) DESC, name LIMIT 1"):
            row = self.db.execute(sql, (name,)).fetchone()
            if row is not None:
                return row[0]
        raise UnknownName(f"no speaker name {name!r} in {self.path} (`onrecord speakers` lists them)")

    def _correct(self, sql: str, params: tuple) -> int:
        """Change the overrides, then move every name whose speaker changed, and what follows from it."""
        with self.writer():
            return self._correct_now(sql, params)

    def _correct_now(self, sql: str, params: tuple) -> int:
        self._begin()
        try:
            self.db.execute(sql, params)
            self.names.set_overrides(self.overrides())
            touched = _Touched()
            self._move_renamed(touched)
            self._settle(touched)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            self._names = None
            raise
        return len(touched.moved)

    def _move_renamed(self, touched: "_Touched") -> None:
        """Every name whose speaker the index now gives differently moves there, with its statements."""
        for name, speaker in self.db.execute("SELECT name, speaker FROM names").fetchall():
            slug = self.names.speaker_of(name)[0]
            if slug != speaker:
                self.db.execute("UPDATE names SET speaker = ? WHERE name = ?", (slug, name))
                self._move_statements("name = ?", (name,), slug, touched)

    # -- one person under a generational suffix ----------------------------------------------
    def _one_person_pairs(self, index: NameIndex) -> frozenset[frozenset[str]]:
        """Plain and suffixed forms of a name that are one person: both seen in one post (the same
        role, not a relation such as "son"), and never both named in one article. "Joseph R. Biden"
        and "Joseph R. Biden Jr.", each "vice president", are; "Donald Trump" and "Donald Trump Jr."
        share no post and are named together, and stay father and son."""
        pairs = set()
        for plain, suffixed in index.suffix_pairs():
            if self._posts(plain) & self._posts(suffixed) and not self._named_together(plain, suffixed):
                pairs.add(frozenset((plain, suffixed)))
        return frozenset(pairs)

    def _posts(self, name: str) -> set[tuple[str, ...]]:
        keys = {post_key(role) for (role,) in self.db.execute("SELECT DISTINCT role FROM roles WHERE name = ?", (name,))}
        return {key for key in keys if key is not None}

    def _named_together(self, a: str, b: str) -> bool:
        sql = "SELECT article_id FROM roles WHERE name = ? UNION SELECT article_id FROM statements WHERE name = ?"
        return not set(self.db.execute(sql, (a, a))).isdisjoint(self.db.execute(sql, (b, b)))

    # -- the end of an ingest ----------------------------------------------------------------
    def finish(self) -> int:
        """Weigh the suffix evidence, resolve role descriptions and shared surnames against the whole
        corpus; returns how many statements moved."""
        self._begin()
        try:
            touched = _Touched()
            # every name decided again on all the names and roles, whatever order they came in
            self.names.set_one_person(self._one_person_pairs(self.names))
            self._move_renamed(touched)  # also what an ingest stopped before this step left behind
            self._settle(touched)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return len(touched.moved)

    def _settle(self, touched: "_Touched") -> None:
        """Role descriptions and shared surnames against the whole corpus, then quotes and speaker rows."""
        for statement_id, old, new in self._described_speakers() + self._shared_surname_speakers():
            self.db.execute("UPDATE statements SET speaker = ? WHERE id = ?", (new, statement_id))
            touched.moved.add(statement_id)
            touched.speakers.update({old, new})
        self._assign_quotes(touched)
        self._refresh_speakers(touched)

    def _described_speakers(self) -> list[tuple[int, str | None, str | None]]:
        """(statement, old speaker, new speaker) for role descriptions whose holder changed."""
        rows = self.db.execute("SELECT id, description, date, speaker FROM statements WHERE description IS NOT NULL")
        changes = []
        for statement_id, description, date, speaker in rows:  # streamed: memory stays flat
            slug = self._holder(description, date)
            if slug != speaker:
                changes.append((statement_id, speaker, slug))
        return changes

    def _shared_surname_speakers(self) -> list[tuple[int, str | None, str | None]]:
        """A bare surname two people share goes to the one its article's words point to, if any."""
        ambiguous = self.names.ambiguous()
        if not ambiguous:
            return []
        role_words: dict[str, set[str]] = defaultdict(set)  # by the full name a role's holder stands for
        for name, _head, words in self.spells:
            role_words[self.names.speaker_of(name)[1]] |= words
        rows = self.db.execute(
            f"SELECT id, name, speaker, article_id FROM statements WHERE name IN ({','.join('?' * len(ambiguous))}) "
            "ORDER BY article_id, id",
            ambiguous,
        )
        changes, article, article_words, capitalised = [], None, set(), set()
        for statement_id, name, speaker, article_id in rows:
            if article_id != article:  # one article's words at a time
                text = self.db.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
                article, article_words = article_id, {normalise_word(w) for w in set(re.findall(r"\w+", text.lower()))}
                capitalised = {normalise_word(w.lower()) for w in set(re.findall(r"\b[A-Z]\w+", text))}
            choice = pick_by_context(self.names.full_forms(name), article_words, role_words, capitalised)
            slug = self.names.speaker_of(choice or name)[0]
            if slug != speaker:
                changes.append((statement_id, speaker, slug))
        return changes

    # -- helpers -----------------------------------------------------------------------------
    def _begin(self) -> None:
        """Start a write transaction; another writer holding the store past the busy timeout is a clear error."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise StoreError(f"{self.path}: {busy_message(error)}") from None

    def _select_in(self, sql: str, ids: set[int]) -> list[tuple]:
        out: list[tuple] = []
        ordered = sorted(ids)
        for i in range(0, len(ordered), 500):
            chunk = ordered[i:i + 500]
            out += self.db.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
        return out

    def _execute_in(self, sql: str, ids: set[int]) -> None:
        ordered = sorted(ids)
        for i in range(0, len(ordered), 500):
            chunk = ordered[i:i + 500]
            self.db.execute(sql.format(",".join("?" * len(chunk))), chunk)


def _description(statement: Statement) -> str | None:
    """The role an unnamed speaker mention describes, stored as "head word word ..." ("mayor london mayor")."""
    mention = statement.speaker.mention
    if statement.speaker.name is not None or mention is None:
        return None
    key = description_key(mention.text)
    return " ".join([key[0], *sorted(key[1])]) if key else None


@dataclass
class _Touched:
    """What a batch changed, for the steps after it."""

    new: list[int] = field(default_factory=list)  # statements inserted
    added: dict[str | None, list[str | None]] = field(default_factory=lambda: defaultdict(list))  # their dates, by speaker
    moved: set[int] = field(default_factory=set)  # statements whose speaker changed
    emptied_quotes: set[int] = field(default_factory=set)  # quotes that lost statements
    speakers: set[str | None] = field(default_factory=set)  # speakers that lost or moved statements: counted again
