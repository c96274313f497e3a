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
@click.option("--dask", "dask_address", metavar="ADDRESS", help="With --out: run the tasks on a Dask cluster: a "
              "scheduler's address (tcp://host:8786), or local[:N] for N worker processes here.")
@input_options("output")
def extract(
    paths: tuple[str, ...], fmt: str | None, out: str | None, dask_address: str | None, default_date: str | None,
    date_from_name: bool, jobs: int, max_chars: int, all_attributions: bool,
) -> None:
    """Extract who said what from articles.

    PATHS are files (.txt, .jsonl, .jsonl.gz, .html, .warc, .warc.gz), directories (read
    recursively), glob patterns, or - for standard input. A .txt file may begin with `date YYYY-MM-DD`.
    """
    from ..extraction.pipeline import extract_many

    if fmt == "parquet" or out or dask_address:
        if fmt not in (None, "parquet") or not out:
            raise click.UsageError("a Parquet dataset is written with --format parquet --out FOLDER")
        _extract_dataset(paths, Path(out), default_date, max_chars, all_attributions, dask_address)
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


def _extract_dataset(paths: tuple[str, ...], out: Path, default_date: str | None, max_chars: int,
                     all_attributions: bool, dask_address: str | None) -> None:
    """Every task of the inputs not yet done, its statements written as Parquet parts (dataset.parts),
    here one task after another, or on a Dask cluster."""
    from ..dataset.parts import done, plan, run_task

    reporter = Reporter()
    if "-" in paths:
        raise click.UsageError("a dataset is made from files, not standard input")
    missing = [p for p in paths if not Path(p).exists()]
    for path in missing:
        reporter.rejected(Rejection(path, "no such file or directory"))
    tasks = plan(paths)
    todo = [task for task in tasks if not done(out, task)]
    if len(todo) < len(tasks):
        reporter.info(f"{counted(len(tasks) - len(todo), 'task')} of {len(tasks):,} already done in {out}: skipped")
    options = {"all_attributions": all_attributions, "max_chars": max_chars, "default_date": default_date}
    if dask_address and todo:
        from ..dataset.cluster import run_on_dask

        results = run_on_dask(todo, out, dask_address, options, max_chars)
    else:
        nlp = load_nlp(max_chars) if todo else None
        results = (run_task(task, out, nlp, **options) for task in todo)
    totals = {"articles": 0, "statements": 0, "rejected": 0}
    started = time.monotonic()
    for number, result in enumerate(results, 1):
        totals["articles"] += result.articles
        totals["statements"] += result.statements
        totals["rejected"] += len(result.rejected)
        for line in result.rejected:
            reporter.console.print(f"rejected {line}", markup=False, soft_wrap=True)
        elapsed = max(time.monotonic() - started, 1e-9)
        left = (len(todo) - number) * elapsed / number
        reporter.info(f"{number:,} of {len(todo):,} tasks done, {totals['articles']:,} articles, "
                      f"{totals['articles'] / elapsed:,.1f} articles/s, about {left:,.0f} s left")
    reporter.info(f"{counted(totals['articles'], 'article')} read, {counted(totals['statements'], 'statement')} "
                  f"written to {out}" + (f", {counted(totals['rejected'], 'input')} rejected" if totals["rejected"] else ""))
    if totals["rejected"] or missing:
        sys.exit(EXIT_REJECTED)


@click.command()
def rules() -> None:
    """List the extraction rules in the order they run, and the parser-slip repairs."""
    from ..extraction.rules import describe

    click.echo(describe())
