"""Downloads: every page's rows as CSV, streamed a batch at a time (a whole search, not one page of
it), and the flat statement row that CSV and spreadsheets read."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

STATEMENT_COLUMNS = [
    "id", "date", "speaker_id", "speaker", "speaker_kind", "speaker_description", "type", "text", "cue",
    "confidence", "article", "article_title", "article_source", "article_url", "quote",
]


def statement_row(record: dict[str, Any]) -> dict[str, Any]:
    """A statement as one flat row: who, what, when, where it was read, and how sure the reading is."""
    speaker = record["speaker"]
    return {
        "id": record["id"], "date": record["date"], "speaker_id": speaker["id"], "speaker": speaker["name"],
        "speaker_kind": speaker["kind"], "speaker_description": speaker.get("description"), "type": record["type"],
        "text": record["content"]["text"], "cue": (record.get("cue") or {}).get("text"),
        "confidence": record["confidence"], "article": record["article"],
        "article_title": record.get("article_title"), "article_source": record.get("article_source"),
        "article_url": record.get("article_url"), "quote": record["quote"] if record["type"] != "indirect" else None,
    }


def csv_lines(columns: list[str], rows: Iterable[dict[str, Any]], batch: int = 500) -> Iterator[str]:
    """A header, then the rows as CSV text, a batch of rows per chunk."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for n, row in enumerate(rows, 1):
        writer.writerow({k: _cell(v) for k, v in row.items()})
        if n % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: a formula-like start ("=", "+", "-", "@") gets a quote mark,
    so an article's words never run as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
