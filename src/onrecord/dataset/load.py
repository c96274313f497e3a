"""A dataset of Parquet parts read back as extractions, for ``onrecord ingest DIR``: a cluster
extracts, one process keeps the record, and nothing is parsed twice.

Only finished tasks are read (those with a manifest entry), task by task, so memory stays at one
task's worth whatever the dataset's size. Each article comes back as a ``RecordedArticle`` that
carries its extraction; ``replayed`` is the extractor that hands it over, so ingest's planning
(unchanged articles skipped, copies linked) and batching work as for articles it parses itself.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..inputs import Rejection
from ..model import Article, ArticleExtraction, RoleSighting, Span, Speaker, Statement
from ..values import counted
from .parts import ARTICLES, MANIFEST


@dataclass
class RecordedArticle(Article):
    """An article read from a dataset, with the extraction the dataset holds for it."""

    found: ArticleExtraction | None = None


def is_dataset(path: str | Path) -> bool:
    """A folder ``onrecord extract --format parquet --out`` wrote (it has a ``_manifest`` folder)."""
    return (Path(path) / MANIFEST).is_dir()


def dataset_articles(folders: Iterable[str | Path]) -> int:
    """How many articles the finished tasks of these datasets hold (for a progress bar)."""
    return sum(entry.get("articles", 0) for folder in folders for _, entry in _entries(Path(folder)))


def read_dataset(folder: str | Path) -> Iterator[RecordedArticle | Rejection]:
    """Every article of the dataset's finished tasks, in task order, each with its statements and roles.

    A task whose files are missing or unreadable is one rejection naming the file; so is a
    dataset with parts of unfinished tasks (a run that did not end), after the finished ones.
    """
    folder = Path(folder)
    entries = _entries(folder)
    for manifest, entry in entries:
        try:
            yield from _task_articles(folder, entry)
        except _Unreadable as error:
            yield Rejection(str(error.path), f"{error.reason}; extract the task's input ({entry.get('path')}) "
                                             f"again: delete {manifest} and rerun `onrecord extract`")
    unfinished = _unfinished(folder, {entry["key"] for _, entry in entries})
    if unfinished:
        yield Rejection(str(folder), f"{counted(len(unfinished), 'task')} started but not finished (parts with no "
                                     f"entry in {MANIFEST}/): rerun the same `onrecord extract` to finish them")


def replayed(articles: Iterable[Article], *, needs_parse: Callable[[Article], bool] | None = None
             ) -> Iterator[ArticleExtraction]:
    """The extractor for dataset articles: each one's recorded extraction, nothing parsed. A copy
    the store links (``needs_parse`` False) comes with no statements, as the parsing extractor gives it."""
    for article in articles:
        if not isinstance(article, RecordedArticle) or article.found is None:
            raise TypeError(f"{article.id}: not an article read from a dataset")
        if needs_parse is not None and not needs_parse(article):
            yield ArticleExtraction(article, [])
        else:
            yield article.found


class _Unreadable(Exception):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


def _entries(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The manifest entries, in input order; of two entries for one input range (the file changed
    and was extracted again) the newer comes last, so ingest keeps its version."""
    entries = []
    for path in (folder / MANIFEST).glob("*.json"):
        try:
            entries.append((path, json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError) as error:
            entries.append((path, {"key": path.stem, "path": "", "start": 0, "unreadable": str(error)}))
    return sorted(entries, key=lambda e: (e[1].get("path", ""), e[1].get("start", 0), e[0].stat().st_mtime_ns))


def _task_articles(folder: Path, entry: dict[str, Any]) -> Iterator[RecordedArticle]:
    if "unreadable" in entry:
        raise _Unreadable(folder / MANIFEST / f"{entry['key']}.json", f"not a manifest entry ({entry['unreadable']})")
    statements: dict[str, list[tuple[int, Statement]]] = defaultdict(list)
    for part in entry.get("parts", []):
        for row in _rows(folder / part):
            statements[row["article"]].append((row["seq"], _statement(row)))
    for row in _rows(folder / ARTICLES / f"part-{entry['key']}.parquet"):
        found = sorted(statements.pop(row["article"], []), key=lambda pair: pair[0])
        article = RecordedArticle(
            row["article"], row["text"], date=row["date"], title=row["title"], url=row["url"], source=row["source"],
            body_start=row["body_start"] or 0, origin=row["origin"] or "",
        )
        roles = [RoleSighting(r["name"], r["role"]) for r in row["roles"] or []]
        article.found = ArticleExtraction(article, [s for _, s in found], roles, row["error"])
        yield article


def _rows(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    if not path.exists():
        hint = " (a dataset written before articles were kept beside the parts)" if ARTICLES in path.parts else ""
        raise _Unreadable(path, f"missing{hint}")
    try:
        return pq.read_table(path).to_pylist()
    except Exception as error:  # pyarrow raises several kinds for a damaged file
        raise _Unreadable(path, f"not a readable Parquet file ({error})") from None


def _statement(row: dict[str, Any]) -> Statement:
    return Statement(
        type=row["type"], text=row["text"], spans=tuple((int(a), int(b)) for a, b in row["spans"]),
        cue=_span(row["cue"], row["cue_start"], row["cue_end"]),
        speaker=Speaker(_span(row["mention"], row["mention_start"], row["mention_end"]), row["speaker"],
                        row["speaker_kind"]),
        confidence=row["confidence"], speech=bool(row["speech"]), article=row["article"], date=row["date"],
    )


def _span(text: str | None, start: int | None, end: int | None) -> Span | None:
    return None if text is None or start is None or end is None else Span(text, start, end)


def _unfinished(folder: Path, finished: set[str]) -> set[str]:
    """Task keys with parts in the dataset but no manifest entry."""
    keys = {path.stem.removeprefix("part-") for path in folder.glob("*/part-*.parquet")}
    return keys - finished
