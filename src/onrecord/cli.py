"""The command line: parses options, calls the library, reports on standard error.

Exit codes: 0 everything read; 1 some input was rejected (the rest still ran);
2 a usage mistake (click's own).
"""
from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from . import __version__
from .inputs import MAX_CHARS, Ignored, Rejection, parse_date, read_inputs
from .model import Article
from .output import FORMATS, make_writer

EXIT_REJECTED = 1


@dataclass
class Tally:
    """What a batch did, for the closing summary and the exit code."""

    articles: int = 0
    statements: int = 0
    rejected: int = 0
    failed: int = 0
    ignored: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.articles} article{'s' if self.articles != 1 else ''} read", f"{self.statements} statements"]
        if self.rejected:
            parts.append(f"{self.rejected} input{'s' if self.rejected != 1 else ''} rejected")
        if self.failed:
            parts.append(f"{self.failed} failed in extraction")
        if self.ignored:
            parts.append(f"{len(self.ignored)} files ignored (not .txt, .jsonl or .html)")
        return ", ".join(parts)


class Reporter:
    """Messages on standard error, kept clear of a progress bar when there is one."""

    def __init__(self) -> None:
        self.console = Console(stderr=True, highlight=False)

    def rejected(self, rejection: Rejection) -> None:
        self.console.print(f"[bold red]rejected[/] {rejection}", markup=True, soft_wrap=True)

    def warn(self, origin: str, message: str) -> None:
        self.console.print(f"[yellow]warning[/] {origin}: {message}", markup=True, soft_wrap=True)

    def info(self, message: str) -> None:
        self.console.print(f"onrecord: {message}", markup=False, soft_wrap=True)


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@click.group()
@click.version_option(__version__, prog_name="onrecord")
def main() -> None:
    """onrecord: who said what, when, from dated news articles."""
    logging.basicConfig(level=logging.WARNING, format="onrecord: %(message)s")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None,
    help="Output format. Default: table on a terminal, jsonl when piped.",
)
@click.option("--date", "default_date", callback=_date_option, metavar="YYYY-MM-DD",
              help="Date for articles that carry none of their own.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for parsing.")
@click.option("--max-chars", type=click.IntRange(1), default=MAX_CHARS, show_default=True,
              help="Reject articles longer than this.")
@click.option("--all-attributions", is_flag=True,
              help="Also output what people are reported to believe, find or want, not only what they said.")
def extract(
    paths: tuple[str, ...], fmt: str | None, default_date: str | None, jobs: int, max_chars: int,
    all_attributions: bool,
) -> None:
    """Extract who said what from articles.

    PATHS are files (.txt, .jsonl, .html), directories (read recursively), glob
    patterns, or - for standard input. A .txt file may begin with `date YYYY-MM-DD`.
    """
    from .pipeline import ModelNotFound, extract_many, load_pipeline

    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    reporter = Reporter()
    tally = Tally()
    try:
        nlp = load_pipeline()
    except ModelNotFound as error:
        raise click.ClickException(str(error)) from None
    writer = make_writer(fmt, sys.stdout, width=None if sys.stdout.isatty() else 140)
    show_progress = sys.stderr.isatty() and not (fmt == "table" and sys.stdout.isatty())
    items = read_inputs(paths, default_date=default_date, max_chars=max_chars)
    articles = _articles_only(items, reporter, tally)
    with ArticleBar(show_progress, reporter.console, _count_inputs(paths) if show_progress else None) as bar:
        for article, statements, error in extract_many(articles, n_process=jobs, nlp=nlp):
            if error:
                tally.failed += 1
                reporter.rejected(Rejection(article.origin, f"extraction failed: {error}"))
            if not all_attributions:
                statements = [s for s in statements if s.speech]
            tally.statements += len(statements)
            writer.write(article, statements)
            bar.advance()
    writer.close()
    reporter.info(tally.summary())
    if tally.rejected or tally.failed:
        sys.exit(EXIT_REJECTED)


def _articles_only(items: Iterator[Article | Rejection | Ignored], reporter: Reporter, tally: Tally) -> Iterator[Article]:
    """Pass articles on; report rejections and warnings as they come."""
    from .inputs import articles_only

    def rejected(rejection: Rejection) -> None:
        tally.rejected += 1
        reporter.rejected(rejection)

    for article in articles_only(items, rejected=rejected, ignored=lambda i: tally.ignored.append(i.origin),
                                 warning=reporter.warn):
        tally.articles += 1
        yield article


def _count_inputs(paths: tuple[str, ...]) -> int | None:
    """A quick count of the articles ahead, for the progress bar's ETA."""
    from pathlib import Path
    import glob as globbing

    from .inputs import JSONL_SUFFIXES, SUPPORTED_SUFFIXES

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


@main.command("eval")
@click.argument("split_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--subset", type=click.Choice(("all", "speech", "direct", "every")), default="every",
              show_default=True, help="Which gold attributions to score against; 'every' prints all three.")
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False),
              help="Score this statement JSONL (any system's) instead of running onrecord.")
@click.option("--json", "as_json", is_flag=True, help="Print the full scores as JSON.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes when onrecord runs on the texts.")
def eval_command(split_dir: str, subset: str, predictions: str | None, as_json: bool, jobs: int) -> None:
    """Score statements against a PolNeAR-style split (text/*.txt + attributions/*.ann).

    Without --predictions, onrecord extracts from the split's texts first.
    """
    import json
    from pathlib import Path

    from .brat import read_split, texts_and_gold
    from .evaluate import SUBSETS, extract_split, format_table, read_predictions, score_split

    reporter = Reporter()
    split = read_split(Path(split_dir))
    if not split:
        raise click.ClickException(f"{split_dir}: no text/*.txt files: not a PolNeAR-style split")
    texts, gold = texts_and_gold(split)
    problems = []
    if predictions:
        predicted, problems = read_predictions(predictions)
        for problem in problems:
            reporter.rejected(problem)
        unknown = sorted(set(predicted) - set(texts))
        if unknown:
            reporter.warn(predictions, f"{len(unknown)} article ids not in the split, ignored (first: {unknown[0]})")
    else:
        predicted = extract_split(texts, jobs=jobs)
    results = score_split(texts, gold, predicted, SUBSETS if subset == "every" else (subset,))
    if as_json:
        click.echo(json.dumps({name: scores.to_dict() for name, scores in results.items()}, indent=2))
    else:
        Console(highlight=False, width=None if sys.stdout.isatty() else 150).print(format_table(results))
    if problems:
        sys.exit(EXIT_REJECTED)


# The record's commands (ingest, search, speakers, speaker, export) register themselves on `main`.
from . import cli_record  # noqa: E402,F401
