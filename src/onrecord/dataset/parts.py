"""Extraction into a dataset of Parquet parts that DuckDB, pandas, Spark and Dask read as it is.

The inputs are cut into tasks: a whole file, or a line-aligned byte range of a large JSON Lines
file. Each task's statements are written as parts of a hive-partitioned dataset
(``month=YYYY-MM/part-<task>.parquet``, ``month=undated`` for undated articles), each part under a
temporary name first and then renamed. Beside them, ``_articles/part-<task>.parquet`` holds the
task's articles as read (text, metadata, the roles they name, a failed extraction's error), what
``onrecord ingest DIR`` needs to keep them in the store without parsing again; dataset readers skip
folders whose names start with "_". Once all its parts are in place the task's manifest entry
(``_manifest/<task>.json``) is written the same way. A rerun skips every task with a manifest
entry and writes the others again under the same names: a run killed at any point, rerun, ends
with what an uninterrupted run writes, nothing lost and nothing doubled.

The task key is a hash of the file's path, size and modification time and the byte range: a
changed file is a new task.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..inputs import JSONL_SUFFIXES, SUPPORTED_SUFFIXES, Ignored, Rejection, format_suffix, read_inputs, read_jsonl_lines
from ..model import Article, ArticleExtraction, Statement, reported

TASK_BYTES = 32 * 2**20  # tens of MB of input a task: minutes of parsing on one core
MANIFEST = "_manifest"
ARTICLES = "_articles"


@dataclass(frozen=True)
class Task:
    path: str
    start: int = 0
    end: int | None = None  # None: the whole file
    key: str = ""


@dataclass
class TaskResult:
    key: str
    articles: int = 0
    statements: int = 0
    failed: int = 0
    rejected: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # web archive records with no page, by reason
    parts: list[str] = field(default_factory=list)


def plan(paths: Iterable[str], task_bytes: int = TASK_BYTES) -> list[Task]:
    """The tasks for these inputs, in input order: one per file, or per byte range of a large .jsonl."""
    tasks = []
    for path in _files(paths):
        if path is None or not path.exists():
            continue
        stat = path.stat()
        ranges = [(0, None)]
        if format_suffix(path) in JSONL_SUFFIXES and stat.st_size > task_bytes:
            ranges = [(start, min(start + task_bytes, stat.st_size)) for start in range(0, stat.st_size, task_bytes)]
        for start, end in ranges:
            key = hashlib.sha1(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{start}|{end}".encode()).hexdigest()[:16]
            tasks.append(Task(str(path), start, end, key))
    return tasks


def _files(paths: Iterable[str]) -> Iterator[Path | None]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
                              and format_suffix(p) in SUPPORTED_SUFFIXES)
        else:
            yield path


def done(out: Path, task: Task) -> bool:
    return (out / MANIFEST / f"{task.key}.json").exists()


def run_task(task: Task, out: Path, nlp: Any, *, all_attributions: bool = False, max_chars: int | None = None,
             default_date: str | None = None) -> TaskResult:
    """Extract one task's articles and write its parts, its articles, then its manifest entry (each atomically)."""
    from ..extraction.pipeline import extract_articles

    result = TaskResult(task.key)

    def articles() -> Iterator[Article]:
        for item in _task_items(task, default_date, max_chars):
            if isinstance(item, Rejection):
                result.rejected.append(str(item))
            elif isinstance(item, Ignored):
                result.skipped[item.reason] = result.skipped.get(item.reason, 0) + 1
            elif isinstance(item, Article):
                yield item

    return write_task(task, out, extract_articles(articles(), nlp=nlp), result, all_attributions=all_attributions)


def write_task(task: Task, out: Path, extractions: Iterable[ArticleExtraction], result: TaskResult | None = None,
               *, all_attributions: bool = False) -> TaskResult:
    """Write a task's extractions: its statements as parts by month, its articles, then its manifest entry."""
    result = result or TaskResult(task.key)
    by_month: dict[str, list[dict[str, Any]]] = defaultdict(list)
    article_rows: list[dict[str, Any]] = []
    for found in extractions:
        article = found.article
        if found.error:
            result.failed += 1
            result.rejected.append(f"{article.origin}: extraction failed: {found.error}")
        statements = reported(found.statements, all_attributions)
        article_rows.append(article_row(found, len(statements)))
        for seq, statement in enumerate(statements):
            by_month[(article.date or "undated")[:7]].append(statement_row(article, seq, statement))
            result.statements += 1
    result.articles = len(article_rows)  # one row for every article read, its extraction failed or not
    for month, rows in sorted(by_month.items()):
        part = out / f"month={month}" / f"part-{task.key}.parquet"
        _write_rows(rows, part, schema())
        result.parts.append(str(part.relative_to(out)))
    _write_rows(article_rows, out / ARTICLES / f"part-{task.key}.parquet", articles_schema())
    _write_atomically(out / MANIFEST / f"{task.key}.json",
                      json.dumps({**asdict(task), **asdict(result)}, indent=1).encode())
    return result


def _task_items(task: Task, default_date: str | None, max_chars: int | None) -> Iterator[Any]:
    options = {"default_date": default_date}
    if max_chars:
        options["max_chars"] = max_chars
    if task.end is None:
        yield from read_inputs([task.path], **options)
        return
    path = Path(task.path)
    yield from read_jsonl_lines(_line_range(path, task.start, task.end), task.path, path.stem, **options)


def _line_range(path: Path, start: int, end: int) -> Iterator[bytes]:
    """The lines that start inside [start, end): a line split by the boundary belongs to the range
    where it starts."""
    with path.open("rb") as handle:
        handle.seek(start)
        if start > 0:
            handle.seek(start - 1)
            if handle.read(1) != b"\n":
                handle.readline()  # the rest of a line that started before this range
        while handle.tell() < end:
            line = handle.readline()
            if not line:
                return
            yield line


def statement_row(article: Article, seq: int, statement: Statement) -> dict[str, Any]:
    record = statement.to_dict()
    cue, speaker = record.get("cue") or {}, record["speaker"]
    mention = speaker.get("mention") or {}
    return {
        "article": article.id, "seq": seq, "date": article.date, "title": article.title, "url": article.url,
        "source": article.source, "type": record["type"], "speech": record.get("speech", True),
        "text": record["content"]["text"], "spans": record["content"]["spans"],
        "cue": cue.get("text"), "cue_start": cue.get("start"), "cue_end": cue.get("end"),
        "mention": mention.get("text"), "mention_start": mention.get("start"), "mention_end": mention.get("end"),
        "speaker": speaker.get("name"), "speaker_kind": speaker.get("kind"), "confidence": record["confidence"],
    }


def article_row(found: ArticleExtraction, statements: int) -> dict[str, Any]:
    """An article as read, with what ingest needs besides its statements: its text and its roles."""
    article = found.article
    return {
        "article": article.id, "date": article.date, "title": article.title, "url": article.url,
        "source": article.source, "origin": article.origin, "body_start": article.body_start, "text": article.text,
        "error": found.error, "statements": statements, "roles": [s.to_dict() for s in found.roles],
    }


def schema() -> Any:
    import pyarrow as pa

    return pa.schema([
        ("article", pa.string()), ("seq", pa.int64()), ("date", pa.string()), ("title", pa.string()),
        ("url", pa.string()), ("source", pa.string()), ("type", pa.string()), ("speech", pa.bool_()),
        ("text", pa.string()), ("spans", pa.list_(pa.list_(pa.int64()))), ("cue", pa.string()),
        ("cue_start", pa.int64()), ("cue_end", pa.int64()), ("mention", pa.string()),
        ("mention_start", pa.int64()), ("mention_end", pa.int64()), ("speaker", pa.string()),
        ("speaker_kind", pa.string()), ("confidence", pa.float64()),
    ])


def articles_schema() -> Any:
    import pyarrow as pa

    return pa.schema([
        ("article", pa.string()), ("date", pa.string()), ("title", pa.string()), ("url", pa.string()),
        ("source", pa.string()), ("origin", pa.string()), ("body_start", pa.int64()), ("text", pa.string()),
        ("error", pa.string()), ("statements", pa.int64()),
        ("roles", pa.list_(pa.struct([("name", pa.string()), ("role", pa.string())]))),
    ])


def _write_rows(rows: list[dict[str, Any]], path: Path, table_schema: Any) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=table_schema), temporary, compression="zstd")
    os.replace(temporary, path)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
