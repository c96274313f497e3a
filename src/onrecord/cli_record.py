"""The record's commands: ingest, search, speakers, speaker, export.

Registered on the ``onrecord`` group by ``onrecord.cli``. Same conventions as
``extract``: messages on standard error, exit 1 when an input was rejected, 2 for
a usage mistake, never a traceback for a user's mistake.
"""
from __future__ import annotations

import json
import re
import sys
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .cli import EXIT_REJECTED, ArticleBar, Reporter, _count_inputs, _date_option, main
from .inputs import MAX_CHARS, Rejection, read_inputs
from .store import DEFAULT_DB, Store, StoreError

db_option = click.option(
    "--db", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False), help="The SQLite store."
)


def _open(db: str, readonly: bool = True) -> Store:
    try:
        return Store(db, readonly=readonly)
    except StoreError as error:
        raise click.ClickException(str(error)) from None


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--date", "default_date", callback=_date_option, metavar="YYYY-MM-DD",
              help="Date for articles that carry none of their own.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for parsing.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=64, show_default=True,
              help="Articles written per transaction.")
@click.option("--max-chars", type=click.IntRange(1), default=MAX_CHARS, show_default=True,
              help="Reject articles longer than this.")
@click.option("--all-attributions", is_flag=True,
              help="Also keep what people are reported to believe, find or want, not only what they said.")
def ingest(paths: tuple[str, ...], db: str, default_date: str | None, jobs: int, batch_size: int, max_chars: int,
           all_attributions: bool) -> None:
    """Extract statements from articles into the store.

    PATHS as for `extract`. Running it again adds only what is new or changed; a
    run that was killed picks up after its last whole batch.
    """
    from .ingest import Progress, ingest as run_ingest
    from .pipeline import ModelNotFound, load_pipeline

    reporter = Reporter()
    try:
        nlp = load_pipeline()
    except ModelNotFound as error:
        raise click.ClickException(str(error)) from None
    store = _open(db, readonly=False)
    show = sys.stderr.isatty()
    items = read_inputs(paths, default_date=default_date, max_chars=max_chars)
    with ArticleBar(show, reporter.console, _count_inputs(paths) if show else None, statements=True) as bar:
        progress = Progress(
            article_done=bar.advance,
            rejected=reporter.rejected,
            warning=reporter.warn,
            failed=lambda article, error: reporter.rejected(Rejection(article.origin, f"extraction failed: {error}")),
        )
        try:
            summary = run_ingest(items, store, jobs=jobs, batch_size=batch_size, progress=progress, nlp=nlp,
                                 all_attributions=all_attributions)
        except StoreError as error:
            bar.stop()
            raise click.ClickException(str(error)) from None
        except KeyboardInterrupt:
            bar.stop()
            stored = store.db.execute("SELECT count(*) FROM articles").fetchone()[0]
            reporter.info(f"interrupted: {stored} articles in {db}; run the same command again to go on")
            sys.exit(130)
        finally:
            store.close()
    reporter.info(f"{summary.line()} ({db}, {summary.seconds:.1f} s)")
    if summary.rejected or summary.failed:
        sys.exit(EXIT_REJECTED)


FORMAT_CHOICE = click.Choice(("table", "jsonl", "csv"))


@main.command()
@click.argument("text", required=False)
@db_option
@click.option("--speaker", help="Only this speaker (a name, part of one, or a speaker id).")
@click.option("--since", callback=_date_option, metavar="YYYY-MM-DD", help="Only statements from this date on.")
@click.option("--until", callback=_date_option, metavar="YYYY-MM-DD", help="Only statements up to this date.")
@click.option("--type", "type_", type=click.Choice(("direct", "mixed", "indirect")), help="Only this kind of statement.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, help="Skip this many results (paging).")
@click.option("--format", "fmt", type=FORMAT_CHOICE, default=None, help="Default: table on a terminal, jsonl when piped.")
def search(text: str | None, db: str, speaker: str | None, since: str | None, until: str | None,
           type_: str | None, limit: int, offset: int, fmt: str | None) -> None:
    """Search statements: words (all must occur; "a phrase" in quotes; prefix*), filters, or both."""
    from .search import QueryError, search as run_search

    with _open(db) as store:
        try:
            found = run_search(store, text, speaker=speaker, since=since, until=until, type=type_,
                               limit=limit, offset=offset, marks=(_OPEN, _CLOSE))
        except QueryError as error:
            raise click.UsageError(str(error)) from None
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt == "table":
        _search_table(found.results, found.total, offset)
    else:
        rows = [_plain_snippet(r) for r in found.results]
        _emit(rows, fmt, ["date", "speaker", "type", "text", "snippet", "article", "id", "quote"], _flat_statement)
    Reporter().info(f"{found.total} statement{'s' if found.total != 1 else ''} match" + (f", showing {len(found.results)}" if found.total > len(found.results) else ""))


_OPEN, _CLOSE = "\x02", "\x03"  # around matched words in snippets; no article text holds them


def _plain_snippet(record: dict[str, Any]) -> dict[str, Any]:
    if "snippet" in record:
        record["snippet"] = record["snippet"].replace(_OPEN, "").replace(_CLOSE, "")
    return record


def _highlighted(snippet: str) -> Text:
    text = Text()
    for i, part in enumerate(re.split(f"[{_OPEN}{_CLOSE}]", snippet)):
        text.append(part, style="bold yellow" if i % 2 else "")
    return text


def _flat_statement(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "date": record["date"], "speaker": record["speaker"]["name"], "type": record["type"],
        "text": record["content"]["text"], "snippet": record.get("snippet"), "article": record["article"],
        "id": record["id"], "quote": record["quote"],
    }


def _search_table(results: list[dict[str, Any]], total: int, offset: int) -> None:
    table = Table(show_lines=False)
    table.add_column("date", style="cyan", no_wrap=True)
    table.add_column("speaker", style="bold", max_width=22)
    table.add_column("type", no_wrap=True)
    table.add_column("statement", min_width=40, overflow="fold")
    table.add_column("article", style="dim", max_width=24, overflow="ellipsis", no_wrap=True)
    for record in results:
        text = _highlighted(record.get("snippet") or record["content"]["text"])
        table.add_row(record["date"] or "", record["speaker"]["name"] or "—", record["type"], text, record["article"])
    _console().print(table)


def _console() -> Console:
    """Standard output; a fixed width when it is not a terminal, so tables stay readable in files."""
    return Console(highlight=False, width=None if sys.stdout.isatty() else 140)


def _emit(rows: list[dict[str, Any]], fmt: str, fields: list[str], flatten) -> None:
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    import csv

    writer = csv.DictWriter(sys.stdout, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow(flatten(row))


@main.command()
@db_option
@click.option("--since", callback=_date_option, metavar="YYYY-MM-DD")
@click.option("--until", callback=_date_option, metavar="YYYY-MM-DD")
@click.option("--limit", type=click.IntRange(1, 10_000), default=30, show_default=True)
@click.option("--format", "fmt", type=FORMAT_CHOICE, default=None, help="Default: table on a terminal, jsonl when piped.")
def speakers(db: str, since: str | None, until: str | None, limit: int, fmt: str | None) -> None:
    """Speakers ranked by statements, with their first and last dates."""
    from .search import speakers as ranked

    with _open(db) as store:
        rows = ranked(store, since=since, until=until, limit=limit)
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt != "table":
        _emit(rows, fmt, ["id", "name", "kind", "statements", "first_date", "last_date"], lambda r: r)
        return
    table = Table()
    for column in ("speaker", "statements", "first", "last", "id"):
        table.add_column(column, justify="right" if column == "statements" else "left")
    for row in rows:
        table.add_row(row["name"], str(row["statements"]), row["first_date"] or "", row["last_date"] or "", row["id"])
    _console().print(table)


@main.command()
@click.argument("name")
@db_option
@click.option("--latest", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
def speaker(name: str, db: str, latest: int, as_json: bool) -> None:
    """One speaker: aliases, roles, statements per month and latest statements."""
    from .search import speaker_profile

    with _open(db) as store:
        profile = speaker_profile(store, name, latest=latest)
    if profile is None:
        raise click.ClickException(f"no speaker matches {name!r} (try `onrecord speakers`)")
    if as_json:
        click.echo(json.dumps(profile, ensure_ascii=False, indent=2))
        return
    console = _console()
    console.print(f"[bold]{profile['name']}[/] ({profile['kind'] or 'unknown kind'}, id {profile['id']}): "
                  f"{profile['statements']} statements, {_date_range(profile['first_date'], profile['last_date'])}")
    if profile["also_matching"]:
        console.print(f"also matching {name!r}: {', '.join(profile['also_matching'])}")
    console.print("aliases: " + ", ".join(f"{a['alias']} ({a['count']})" for a in profile["aliases"]), markup=False)
    console.print("roles: " + (", ".join(
        f"{r['role']} ({_date_range(r['first_date'], r['last_date'])})" for r in profile["roles"]) or "none seen"),
        markup=False)
    console.print("per month: " + ", ".join(f"{m['month']}: {m['count']}" for m in profile["months"]), markup=False)
    table = Table(title="latest statements")
    for column in ("date", "type", "statement", "article"):
        table.add_column(column, overflow="fold")
    for record in profile["latest"]:
        table.add_row(record["date"] or "", record["type"], record["content"]["text"], record["article"])
    console.print(table)


def _date_range(first: str | None, last: str | None) -> str:
    if not first:
        return "undated"
    return first if first == last else f"{first} to {last}"


@main.command()
@db_option
@click.option("--by", type=click.Choice(("statement", "quote")), default="statement", show_default=True,
              help="One record per statement, or per merged quote with its occurrences.")
@click.option("--format", "fmt", type=click.Choice(("jsonl", "csv", "parquet")), default="jsonl", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Output file (default: standard output).")
def export(db: str, by: str, fmt: str, out: str | None) -> None:
    """Write the record for other tools (pandas, DuckDB, Spark)."""
    from .export import export as run_export

    if fmt == "parquet" and not out:
        raise click.UsageError("Parquet needs a file: give --out PATH")
    with _open(db) as store:
        count = run_export(store, by=by, format=fmt, out=out)  # type: ignore[arg-type]
    Reporter().info(f"{count} {by} records written" + (f" to {out}" if out else ""))


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--allow-write", is_flag=True, help="Accept POST /api/articles (needs --token).")
@click.option("--token", envvar="ONRECORD_TOKEN", help="The token POST /api/articles must send as a Bearer token "
              "(or $ONRECORD_TOKEN).")
def serve(db: str, host: str, port: int, allow_write: bool, token: str | None) -> None:
    """Browse the record in a web browser, with a JSON API beside every page."""
    import uvicorn

    from .web import create_app

    if allow_write and not token:
        raise click.UsageError("--allow-write needs --token (or $ONRECORD_TOKEN)")
    try:
        app = create_app(db, allow_write=allow_write, token=token)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    Reporter().info(f"serving {db} at http://{host}:{port}/ (JSON API under /api, described at /openapi.json; Ctrl-C stops)"
                    + ("; writing allowed with the token" if allow_write else "; read-only"))
    uvicorn.run(app, host=host, port=port, log_level="warning")
