"""The record out to other tools: statements or merged quotes as JSONL, CSV or Parquet.

Records stream from SQLite in id order and are written in chunks, so memory stays
flat however big the store. One record shape per ``by``, the same in every format
(CSV writes the nested fields, spans and occurrences, as JSON text):
- statement: the statement with its speaker and its article's metadata, flat;
- quote: one merged quote with ``text``, ``speaker`` and ``occurrences`` (article,
  date, url, statement id, spans), as Quotebank publishes its quote-centric data.
"""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Literal

from .store import Store

By = Literal["statement", "quote"]
Format = Literal["jsonl", "csv", "parquet"]
CHUNK = 10_000

STATEMENT_FIELDS = [
    "id", "article", "date", "title", "url", "source", "type", "speech", "text", "spans",
    "cue", "cue_start", "cue_end", "mention", "mention_start", "mention_end",
    "speaker", "speaker_id", "speaker_kind", "confidence", "quote_id",
]
QUOTE_FIELDS = ["id", "text", "speaker", "speaker_id", "type", "first_date", "count", "occurrences"]


def statement_records(store: Store) -> Iterator[dict[str, Any]]:
    rows = store.db.execute(
        "SELECT s.*, a.title, a.url, a.source, sp.name AS speaker_name, sp.kind AS speaker_kind "
        "FROM statements s JOIN articles a ON a.id = s.article_id LEFT JOIN speakers sp ON sp.id = s.speaker "
        "ORDER BY s.id"
    )
    for row in rows:
        yield {
            "id": row["id"], "article": row["article_id"], "date": row["date"], "title": row["title"],
            "url": row["url"], "source": row["source"], "type": row["type"], "speech": bool(row["speech"]),
            "text": row["text"], "spans": json.loads(row["spans"]),
            "cue": row["cue"], "cue_start": row["cue_start"], "cue_end": row["cue_end"],
            "mention": row["mention"], "mention_start": row["mention_start"], "mention_end": row["mention_end"],
            "speaker": row["speaker_name"] or row["name"], "speaker_id": row["speaker"],
            "speaker_kind": row["speaker_kind"] or row["kind"], "confidence": row["confidence"],
            "quote_id": row["quote_id"],
        }


def quote_records(store: Store) -> Iterator[dict[str, Any]]:
    rows = store.db.execute(
        "SELECT q.id AS quote_id, q.text AS quote_text, q.speaker AS speaker_id, sp.name AS speaker_name, "
        "s.id AS statement_id, s.type, s.article_id, s.date, s.spans, a.url "
        "FROM quotes q JOIN statements s ON s.quote_id = q.id JOIN articles a ON a.id = s.article_id "
        "LEFT JOIN speakers sp ON sp.id = q.speaker ORDER BY q.id, s.id"
    )
    current: dict[str, Any] | None = None
    for row in rows:
        if current is None or current["id"] != row["quote_id"]:
            if current is not None:
                yield _finish_quote(current)
            current = {
                "id": row["quote_id"], "text": row["quote_text"], "speaker": row["speaker_name"],
                "speaker_id": row["speaker_id"], "type": row["type"], "occurrences": [],
            }
        current["occurrences"].append({
            "article": row["article_id"], "date": row["date"], "url": row["url"],
            "statement": row["statement_id"], "spans": json.loads(row["spans"]),
        })
    if current is not None:
        yield _finish_quote(current)


def _finish_quote(quote: dict[str, Any]) -> dict[str, Any]:
    dates = [o["date"] for o in quote["occurrences"] if o["date"]]
    quote["first_date"] = min(dates) if dates else None
    quote["count"] = len(quote["occurrences"])
    return {name: quote[name] for name in QUOTE_FIELDS}


def export(store: Store, *, by: By = "statement", format: Format = "jsonl", out: str | Path | None = None) -> int:
    """Write every statement (or merged quote) to ``out`` (stdout when None); returns the record count."""
    records = statement_records(store) if by == "statement" else quote_records(store)
    fields = STATEMENT_FIELDS if by == "statement" else QUOTE_FIELDS
    if format == "parquet":
        if out is None:
            raise ValueError("Parquet goes to a file: give --out PATH")
        return _write_parquet(records, by, Path(out))
    with _open_text(out) as stream:
        if format == "jsonl":
            return _write_jsonl(records, stream)
        return _write_csv(records, fields, stream)


@contextmanager
def _open_text(out: str | Path | None) -> Iterator[IO[str]]:
    if out is None or str(out) == "-":
        yield sys.stdout
        return
    with open(out, "w", encoding="utf-8", newline="") as stream:
        yield stream


def _write_jsonl(records: Iterator[dict[str, Any]], stream: IO[str]) -> int:
    count = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(records: Iterator[dict[str, Any]], fields: list[str], stream: IO[str]) -> int:
    writer = csv.DictWriter(stream, fieldnames=fields)
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow({k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in record.items()})
        count += 1
    return count


def parquet_schema(by: By) -> Any:
    import pyarrow as pa

    spans = pa.list_(pa.list_(pa.int64()))
    if by == "statement":
        return pa.schema([
            ("id", pa.int64()), ("article", pa.string()), ("date", pa.string()), ("title", pa.string()),
            ("url", pa.string()), ("source", pa.string()), ("type", pa.string()), ("speech", pa.bool_()),
            ("text", pa.string()), ("spans", spans), ("cue", pa.string()), ("cue_start", pa.int64()),
            ("cue_end", pa.int64()), ("mention", pa.string()), ("mention_start", pa.int64()),
            ("mention_end", pa.int64()), ("speaker", pa.string()), ("speaker_id", pa.string()),
            ("speaker_kind", pa.string()), ("confidence", pa.float64()), ("quote_id", pa.int64()),
        ])
    occurrence = pa.struct([
        ("article", pa.string()), ("date", pa.string()), ("url", pa.string()),
        ("statement", pa.int64()), ("spans", spans),
    ])
    return pa.schema([
        ("id", pa.int64()), ("text", pa.string()), ("speaker", pa.string()), ("speaker_id", pa.string()),
        ("type", pa.string()), ("first_date", pa.string()), ("count", pa.int64()),
        ("occurrences", pa.list_(occurrence)),
    ])


def _write_parquet(records: Iterator[dict[str, Any]], by: By, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(by)
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        chunk: list[dict[str, Any]] = []
        for record in records:
            chunk.append(record)
            if len(chunk) >= CHUNK:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                count += len(chunk)
                chunk = []
        if chunk or count == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count
