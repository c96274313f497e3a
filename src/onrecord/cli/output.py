"""Writing statements out: JSON Lines, one JSON document, or a readable table."""
from __future__ import annotations

import json
from typing import IO, Protocol

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Article, Statement
from ..record.read import speaker_label, unnamed_description

FORMATS = ("jsonl", "json", "table")


class Writer(Protocol):
    def write(self, article: Article, statements: list[Statement]) -> None: ...

    def close(self) -> None: ...


class JsonlWriter:
    """One statement per line, as the statement JSONL format documents."""

    def __init__(self, stream: IO[str]):
        self.stream = stream

    def write(self, article: Article, statements: list[Statement]) -> None:
        for statement in statements:
            self.stream.write(json.dumps(statement.to_dict(), ensure_ascii=False) + "\n")
        self.stream.flush()

    def close(self) -> None:
        pass


class JsonWriter:
    """One JSON array of articles, each with its metadata and statements."""

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.count = 0

    def write(self, article: Article, statements: list[Statement]) -> None:
        record = {"article": article.metadata(), "statements": [s.to_dict() for s in statements]}
        self.stream.write(("[\n" if self.count == 0 else ",\n") + json.dumps(record, ensure_ascii=False, indent=2))
        self.count += 1

    def close(self) -> None:
        self.stream.write("[]\n" if self.count == 0 else "\n]\n")
        self.stream.flush()


class TableWriter:
    """A table per article: who said what, with the cue and the statement's type."""

    def __init__(self, stream: IO[str], width: int | None = None):
        self.console = Console(file=stream, width=width, highlight=False, soft_wrap=False, markup=False)

    def write(self, article: Article, statements: list[Statement]) -> None:
        title = " ".join(x for x in (article.id, article.date or "", f"· {article.title}" if article.title else "") if x)
        table = Table(title=Text(title, style="bold"), title_justify="left", expand=True, show_lines=False)
        table.add_column("Speaker", style="cyan", ratio=2, overflow="fold")
        table.add_column("Type", no_wrap=True)
        table.add_column("Cue", no_wrap=True, max_width=14, overflow="ellipsis")
        table.add_column("Statement", ratio=7, overflow="fold")
        table.add_column("Conf.", justify="right", no_wrap=True)
        for statement in statements:
            table.add_row(
                _speaker_label(statement),
                statement.type,
                statement.cue.text if statement.cue else "—",
                _short(statement.text, 240),
                f"{statement.confidence:.2f}",
            )
        if not statements:
            table.add_row("—", "", "", Text("no statements found", style="dim"), "")
        self.console.print(table)

    def close(self) -> None:
        pass


def make_writer(fmt: str, stream: IO[str], width: int | None = None) -> Writer:
    if fmt == "jsonl":
        return JsonlWriter(stream)
    if fmt == "json":
        return JsonWriter(stream)
    if fmt == "table":
        return TableWriter(stream, width)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


def _speaker_label(statement: Statement) -> str:
    speaker = statement.speaker
    return speaker_label({"name": speaker.name,
                          "description": unnamed_description(speaker.mention.text if speaker.mention else None)})


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
