"""Ingestion: articles in, through extraction, into the store in whole batches.

Before an article is parsed (the costly part) the store is asked what writing it
would do: an unchanged article is skipped, and a copy of a text already stored (or
met earlier in this run) is linked without a parse. Everything else is extracted
on ``jobs`` processes and written ``batch_size`` articles per transaction, so a
killed run keeps its whole batches and a rerun skips them.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..inputs import Ignored, Rejection, articles_only, ignored_summary
from ..model import Article, ArticleExtraction, Extractor, reported
from .store import Outcome, Store, text_hash
from ..values import counted

DEFAULT_BATCH = 64
UNDATED_WARNINGS = 10  # undated articles named one by one; the summary counts them all


@dataclass
class IngestSummary:
    """What a run did, for the closing line and the exit code."""

    new: int = 0
    unchanged: int = 0
    updated: int = 0
    copies: int = 0
    failed: int = 0
    rejected: int = 0
    statements: int = 0
    speakers: int = 0
    seconds: float = 0.0
    undated: int = 0  # articles read with no date: their statements are stored undated
    ignored: list[Ignored] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.new + self.unchanged + self.updated + self.copies + self.failed

    def add(self, outcome: Outcome, count: int = 1) -> None:
        attribute = {"copy": "copies"}.get(outcome, outcome)
        setattr(self, attribute, getattr(self, attribute) + count)

    def line(self) -> str:
        parts = [
            f"{counted(self.articles, 'article')}: {self.new:,} new, {self.unchanged:,} unchanged, {self.updated:,} updated, "
            f"{counted(self.copies, 'copy', 'copies')} linked, {self.failed:,} failed, {self.rejected:,} rejected",
            f"{counted(self.statements, 'statement')} stored",
            f"{counted(self.speakers, 'speaker')} in the store",
        ]
        if self.undated:
            parts.append(f"{self.undated:,} undated (no date header, \"date\" field, --date or --date-from-name)")
        return "; ".join(parts + ignored_summary(self.ignored))


@dataclass
class Progress:
    """Callbacks the caller may watch: one call per article done, one per rejected input."""

    article_done: Callable[[int], None] = lambda statements: None
    rejected: Callable[[Rejection], None] = lambda rejection: None
    warning: Callable[[str, str], None] = lambda origin, message: None
    failed: Callable[[Article, str], None] = lambda article, error: None
    waiting: Callable[[str], None] = lambda message: None  # another run holds the store's writer lock


def ingest(
    items: Iterable[Article | Rejection | Ignored],
    store: Store,
    extractor: Extractor,
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    all_attributions: bool = False,
    wait: bool = True,
) -> IngestSummary:
    """Read, extract (with ``extractor``, e.g. ``onrecord.extraction.extractor()``) and store every
    article; returns what happened.

    Like ``extract``, only speech is kept unless ``all_attributions`` (beliefs,
    findings and intentions too). The run holds the store's writer lock: another
    run waits for it to end (or, with ``wait=False``, this one raises ``StoreBusy``).
    """
    progress = progress or Progress()
    with store.writer(progress.waiting, wait=wait):
        return _ingest(items, store, extractor, batch_size, progress, all_attributions)


def _ingest(
    items: Iterable[Article | Rejection | Ignored], store: Store, extractor: Extractor, batch_size: int,
    progress: Progress, all_attributions: bool,
) -> IngestSummary:
    summary = IngestSummary()
    started = time.perf_counter()
    planner = _Planner(store)
    work = planner.articles_to_write(_articles(items, summary, progress), summary, progress)
    batch: list[ArticleExtraction] = []
    for found in extractor(work, needs_parse=planner.needs_parse):
        if found.error:
            progress.failed(found.article, found.error)
        found.statements = reported(found.statements, all_attributions)
        batch.append(found)
        progress.article_done(len(found.statements))  # as each parse ends: a batch commits later
        if len(batch) >= batch_size:
            _write(store, batch, summary, progress)
            batch = []
    if batch:
        _write(store, batch, summary, progress)
    store.finish()
    summary.speakers = store.db.execute("SELECT count(*) FROM speakers").fetchone()[0]
    summary.seconds = time.perf_counter() - started
    return summary


def _articles(
    items: Iterable[Article | Rejection | Ignored], summary: IngestSummary, progress: Progress
) -> Iterator[Article]:
    def rejected(rejection: Rejection) -> None:
        summary.rejected += 1
        progress.rejected(rejection)

    for article in articles_only(items, rejected=rejected, ignored=summary.ignored.append,
                                 warning=progress.warning):
        if article.date is None:
            summary.undated += 1
            if summary.undated <= UNDATED_WARNINGS:
                last = summary.undated == UNDATED_WARNINGS
                progress.warning(article.origin, "no date: its statements are stored undated"
                                 + (" (more undated articles are only counted)" if last else ""))
        yield article


def _write(store: Store, batch: list[ArticleExtraction], summary: IngestSummary, progress: Progress) -> None:
    result = store.write(batch)
    for outcome, count in result.outcomes.items():
        summary.add(outcome, count)
    summary.statements += result.statements


class _Planner:
    """Decides, before the parse, which articles need one; remembers this run's texts."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.pending_ids: dict[str, str] = {}  # id -> text hash, for articles not yet committed
        self.pending_hashes: dict[str, str] = {}  # text hash -> first id with it
        # copies to link without a parse, by id() until the extractor asks about them; the object is
        # held so that no later article can be given its id() (a freed object's id is reused, and an
        # article so mistaken would be stored with no statements)
        self.skip_parse: dict[int, Article] = {}

    def articles_to_write(
        self, articles: Iterator[Article], summary: IngestSummary, progress: Progress
    ) -> Iterator[Article]:
        for article in articles:
            outcome = self.plan(article)
            if outcome == "unchanged":
                summary.unchanged += 1
                progress.article_done(0)
                continue
            if outcome == "copy":
                self.skip_parse[id(article)] = article
            yield article

    def plan(self, article: Article) -> Outcome:
        digest = text_hash(article.text)
        if self.pending_ids.get(article.id) == digest:
            return "unchanged"
        first = self.pending_hashes.setdefault(digest, article.id)
        self.pending_ids[article.id] = digest
        if first != article.id:
            return "copy"
        return self.store.plan(article)

    def needs_parse(self, article: Article) -> bool:
        return self.skip_parse.pop(id(article), None) is not article
