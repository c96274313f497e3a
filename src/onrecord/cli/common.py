"""What every command shares: option decorators, the output format, messages on standard error,
the progress bar, and the writer for rows of the record.

Exit codes: 0 everything read; 1 some input was rejected (the rest still ran); 2 a usage
mistake (click's own).
"""
from __future__ import annotations

import csv
import glob as globbing
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import click
from click.core import ParameterSource
from rich.console import Console
from rich.text import Text
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..inputs import JSONL_SUFFIXES, MAX_CHARS, SUPPORTED_SUFFIXES, Ignored, Rejection, articles_only, ignored_summary
from ..model import Article
from ..record.store import DEFAULT_DB, Store, StoreError
from ..values import counted, parse_date

EXIT_REJECTED = 1
TABLE_WIDTH = 140  # tables written to a file or a pipe keep this width, so they stay readable
F = TypeVar("F", bound=Callable[..., Any])


# -- options ------------------------------------------------------------------------------
def _date_value(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def date_option(name: str, help: str | None = None) -> Callable[[F], F]:
    """A YYYY-MM-DD option, checked before the command runs."""
    dest = {"--date": "default_date"}.get(name, name.lstrip("-"))
    return click.option(name, dest, callback=_date_value, metavar="YYYY-MM-DD", help=help)


def input_options(what: str) -> Callable[[F], F]:
    """The options of a command that reads and extracts articles: --date, --date-from-name, --jobs,
    --max-chars, --all-attributions. ``what`` says what happens to statements ("output", "keep")."""
    def decorate(command: F) -> F:
        for option in reversed((
            date_option("--date", "Date for articles that carry none of their own."),
            click.option("--date-from-name", is_flag=True,
                         help="A file with no date of its own takes a YYYY-MM-DD date in its name "
                              "(before --date)."),
            click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
                         help="Worker processes for parsing."),
            click.option("--max-chars", type=click.IntRange(1), default=MAX_CHARS, show_default=True,
                         help="Reject articles longer than this."),
            click.option("--all-attributions", is_flag=True,
                         help=f"Also {what} what people are reported to believe, find or want, not only what they said."),
        )):
            command = option(command)
        return command
    return decorate


def format_option(choices: tuple[str, ...], default: str | None = None) -> Callable[[F], F]:
    """--format; with no default, ``pick_format`` chooses table on a terminal and jsonl when piped."""
    if default is not None:
        return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                            help="Output format.")
    return click.option("--format", "fmt", type=click.Choice(choices), default=None,
                        help="Output format. Default: table on a terminal, jsonl when piped.")


def pick_format(fmt: str | None) -> str:
    return fmt or ("table" if sys.stdout.isatty() else "jsonl")


def json_alias_option(command: F) -> F:
    """--json, hidden from --help: the old spelling of --format json, kept so scripts go on working."""
    return click.option("--json", "as_json", is_flag=True, hidden=True,
                        help="Deprecated: the same as --format json.")(command)


def format_with_json_alias(fmt: str, as_json: bool) -> str:
    """The format asked for, --json read as --format json (with a note that --json is deprecated)."""
    if not as_json:
        return fmt
    given = click.get_current_context().get_parameter_source("fmt") is ParameterSource.COMMANDLINE
    if given and fmt != "json":
        raise click.UsageError(f"--json means --format json: give --format {fmt} or --json, not both")
    Reporter().info("--json is deprecated: use --format json")
    return "json"


db_option = click.option(
    "--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False), help="The SQLite store."
)


def open_store(db: str, readonly: bool = True, *, create: bool = False) -> Store:
    """The store at ``db``. Only ``create`` (ingest) makes a new one, in a folder that must be there."""
    path = Path(db)
    if not path.exists() and not create:
        raise click.ClickException(f"{db}: no such store (run `onrecord ingest` first)")
    if not path.exists() and not path.parent.is_dir():
        raise click.ClickException(f"{db}: no folder {path.parent} to make the store in")
    try:
        return Store(db, readonly=readonly)
    except StoreError as error:
        raise click.ClickException(str(error)) from None


def load_nlp(max_chars: int = MAX_CHARS) -> Any:
    """The spaCy pipeline, or a clear message when no English model is installed. It takes every
    article the reader lets through: spaCy's own length limit (E088) is raised to --max-chars."""
    from ..extraction.pipeline import ModelNotFound, load_pipeline

    try:
        nlp = load_pipeline()
    except ModelNotFound as error:
        raise click.ClickException(str(error)) from None
    nlp.max_length = max(nlp.max_length, max_chars)
    return nlp


# -- output -------------------------------------------------------------------------------
def console() -> Console:
    """Standard output; a fixed width when it is not a terminal, so tables stay readable in files."""
    return Console(highlight=False, markup=False, width=None if sys.stdout.isatty() else TABLE_WIDTH)


def emit_rows(rows: list[dict[str, Any]], fmt: str, fields: list[str],
              flatten: Callable[[dict[str, Any]], dict[str, Any]] = lambda row: row) -> None:
    """Rows of the record as JSON Lines (whole) or CSV (``flatten``ed to ``fields``)."""
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow(flatten(row))


# -- reporting ------------------------------------------------------------------------------
@dataclass
class Tally:
    """What a batch did, for the closing summary and the exit code."""

    articles: int = 0
    statements: int = 0
    rejected: int = 0
    failed: int = 0
    ignored: list[Ignored] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{counted(self.articles, 'article')} read", counted(self.statements, "statement")]
        if self.rejected:
            parts.append(f"{counted(self.rejected, 'input')} rejected")
        if self.failed:
            parts.append(f"{self.failed:,} failed in extraction")
        return ", ".join(parts + ignored_summary(self.ignored))


class Reporter:
    """Messages on standard error, kept clear of a progress bar when there is one."""

    def __init__(self) -> None:
        # markup off: file names and article text are data ("[/].txt", "[sic]"), never styles
        self.console = Console(stderr=True, highlight=False, markup=False)

    def rejected(self, rejection: Rejection) -> None:
        self.console.print(Text.assemble(("rejected", "bold red"), f" {rejection}"), soft_wrap=True)

    def warn(self, origin: str, message: str) -> None:
        self.console.print(Text.assemble(("warning", "yellow"), f" {origin}: {message}"), soft_wrap=True)

    def info(self, message: str) -> None:
        self.console.print(f"onrecord: {message}", markup=False, soft_wrap=True)


def articles_reported(items: Iterator[Article | Rejection | Ignored], reporter: Reporter, tally: Tally) -> Iterator[Article]:
    """Pass articles on; report rejections and warnings as they come."""
    def rejected(rejection: Rejection) -> None:
        tally.rejected += 1
        reporter.rejected(rejection)

    for article in articles_only(items, rejected=rejected, ignored=tally.ignored.append,
                                 warning=reporter.warn):
        tally.articles += 1
        yield article


def count_inputs(paths: tuple[str, ...]) -> int | None:
    """A quick count of the articles ahead, for the progress bar's ETA."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        candidates = [Path(p) for p in globbing.glob(path, recursive=True)] or [Path(path)]
        for candidate in candidates:
            files = candidate.rglob("*") if candidate.is_dir() else [candidate]
            for file in files:
                if not file.is_file() or file.suffix.lower() not in SUPPORTED_SUFFIXES:
                    continue
                if file.suffix.lower() in JSONL_SUFFIXES:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                else:
                    total += 1
    return total


class ArticleBar:
    """A progress bar on a terminal (articles, optionally statements, articles/s, ETA); nothing otherwise."""

    def __init__(self, enabled: bool, console: Console, total: int | None, *, statements: bool = False):
        self.enabled, self.console, self.total, self.with_statements = enabled, console, total, statements
        self.statements = 0

    def __enter__(self) -> "ArticleBar":
        if self.enabled:
            columns = [TextColumn("articles"), BarColumn(), MofNCompleteColumn()]
            if self.with_statements:
                columns.append(TextColumn("{task.fields[statements]} statements"))
            columns += [TextColumn("{task.fields[rate]:.1f} articles/s"), TimeRemainingColumn()]
            self.bar = Progress(*columns, console=self.console, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("articles", total=self.total, statements=0, rate=0.0)
        return self

    def advance(self, statements: int = 0) -> None:
        if not self.enabled:
            return
        self.statements += statements
        self.bar.advance(self.task)
        task = self.bar.tasks[0]
        self.bar.update(self.task, statements=self.statements, rate=task.completed / max(task.elapsed or 1e-9, 1e-9))

    def stop(self) -> None:
        if self.enabled:
            self.bar.stop()
            self.enabled = False

    def __exit__(self, *exc: object) -> None:
        self.stop()
