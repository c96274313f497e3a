"""`onrecord extract`: who said what in articles, written out as JSON Lines, JSON or a table."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from ..inputs import Rejection, read_inputs
from ..model import reported
from ..values import counted
from .common import (
    EXIT_REJECTED, TABLE_WIDTH, ArticleBar, Reporter, Tally, articles_reported, count_inputs, format_option,
    input_options, load_nlp, pick_format,
)
from .output import FORMATS, make_writer


@click.command()
@click.argument("paths", nargs=-1, required=True)
@format_option((*FORMATS, "parquet"))
@click.option("--out", type=click.Path(file_okay=False), help="With --format parquet: the folder of the dataset "
              "(hive-partitioned Parquet parts, month=YYYY-MM); a rerun skips what is done.")
@input_options("output")
def extract(
    paths: tuple[str, ...], fmt: str | None, out: str | None, default_date: str | None, date_from_name: bool,
    jobs: int, max_chars: int, all_attributions: bool,
) -> None:
    """Extract who said what from articles.

    PATHS are files (.txt, .jsonl, .jsonl.gz, .html, .warc, .warc.gz), directories (read
    recursively), glob patterns, or - for standard input. A .txt file may begin with `date YYYY-MM-DD`.
    """
    from ..extraction.pipeline import extract_many

    if fmt == "parquet" or out:
        if fmt not in (None, "parquet") or not out:
            raise click.UsageError("a Parquet dataset is written with --format parquet --out FOLDER")
        _extract_dataset(paths, Path(out), default_date, jobs, max_chars, all_attributions)
        return
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


def _extract_dataset(paths: tuple[str, ...], out: Path, default_date: str | None, jobs: int, max_chars: int,
                     all_attributions: bool) -> None:
    """Every task of the inputs not yet done, its statements written as Parquet parts (dataset.parts)."""
    from ..dataset.parts import done, plan, run_task

    reporter = Reporter()
    if "-" in paths:
        raise click.UsageError("a dataset is made from files, not standard input")
    tasks = plan(paths)
    missing = [p for p in paths if not Path(p).exists()]
    for path in missing:
        reporter.rejected(Rejection(path, "no such file or directory"))
    todo = [task for task in tasks if not done(out, task)]
    if len(todo) < len(tasks):
        reporter.info(f"{counted(len(tasks) - len(todo), 'task')} of {len(tasks):,} already done in {out}: skipped")
    nlp = load_nlp(max_chars) if todo else None
    articles = statements = rejected = 0
    started = time.monotonic()
    for number, task in enumerate(todo, 1):
        result = run_task(task, out, nlp, all_attributions=all_attributions, max_chars=max_chars,
                          default_date=default_date)
        articles, statements, rejected = articles + result.articles, statements + result.statements, rejected + len(result.rejected)
        for line in result.rejected:
            reporter.console.print(f"rejected {line}", markup=False, soft_wrap=True)
        rate = articles / max(time.monotonic() - started, 1e-9)
        reporter.info(f"task {number:,} of {len(todo):,} done ({task.path}): {articles:,} articles, "
                      f"{rate:,.1f} articles/s")
    reporter.info(f"{counted(articles, 'article')} read, {counted(statements, 'statement')} written to {out}"
                  + (f", {counted(rejected, 'input')} rejected" if rejected else ""))
    if rejected or missing:
        sys.exit(EXIT_REJECTED)


@click.command()
def rules() -> None:
    """List the extraction rules in the order they run, and the parser-slip repairs."""
    from ..extraction.rules import describe

    click.echo(describe())
