"""`onrecord extract`: who said what in articles, written out as JSON Lines, JSON or a table."""
from __future__ import annotations

import sys

import click

from ..inputs import Rejection, read_inputs
from ..model import reported
from .common import (
    EXIT_REJECTED, TABLE_WIDTH, ArticleBar, Reporter, Tally, articles_reported, count_inputs, format_option,
    input_options, load_nlp, pick_format,
)
from .output import FORMATS, make_writer


@click.command()
@click.argument("paths", nargs=-1, required=True)
@format_option(FORMATS)
@input_options("output")
def extract(
    paths: tuple[str, ...], fmt: str | None, default_date: str | None, date_from_name: bool, jobs: int,
    max_chars: int,    all_attributions: bool,
) -> None:
    """Extract who said what from articles.

    PATHS are files (.txt, .jsonl, .html), directories (read recursively), glob
    patterns, or - for standard input. A .txt file may begin with `date YYYY-MM-DD`.
    """
    from ..extraction.pipeline import extract_many

    fmt = pick_format(fmt)
    reporter = Reporter()
    tally = Tally()
    nlp = load_nlp(max_chars)
    writer = make_writer(fmt, sys.stdout, width=None if sys.stdout.isatty() else TABLE_WIDTH)
    show_progress = sys.stderr.isatty() and not (fmt == "table" and sys.stdout.isatty())
    items = read_inputs(paths, default_date=default_date, max_chars=max_chars, date_from_name=date_from_name)
    articles = articles_reported(items, reporter, tally)
    with ArticleBar(show_progress, reporter.console, count_inputs(paths) if show_progress else None) as bar:
        for article, statements, error in extract_many(articles, n_process=jobs, nlp=nlp):
            if error:
                tally.failed += 1
                reporter.rejected(Rejection(article.origin, f"extraction failed: {error}"))
            statements = reported(statements, all_attributions)
            tally.statements += len(statements)
            writer.write(article, statements)
            bar.advance()
    writer.close()
    reporter.info(tally.summary())
    if tally.rejected or tally.failed:
        sys.exit(EXIT_REJECTED)


@click.command()
def rules() -> None:
    """List the extraction rules in the order they run, and the parser-slip repairs."""
    from ..extraction.rules import describe

    click.echo(describe())
