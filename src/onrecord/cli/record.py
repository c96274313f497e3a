"""The record's commands: ingest, search, speakers, speaker, alias, export, serve.

Same conventions as ``extract``: messages on standard error, exit 1 when an input was
rejected, 2 for a usage mistake, never a traceback for a user's mistake.
"""
from __future__ import annotations

import itertools
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from ..inputs import Ignored, Rejection, ignored_summary, read_inputs
from ..model import Article
from ..record.query import Facets
from ..record.read import speaker_label
from ..record.store import StoreError
from ..values import counted
from .common import (
    EXIT_REJECTED, ArticleBar, Reporter, console, count_inputs, date_option, db_option, emit_rows, format_option,
    format_with_json_alias, input_options, json_alias_option, load_nlp, open_store, pick_format,
)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@input_options("keep")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=64, show_default=True,
              help="Articles written per transaction.")
def ingest(paths: tuple[str, ...], db: str, default_date: str | None, date_from_name: bool, jobs: int,
           batch_size: int, max_chars: int, all_attributions: bool) -> None:
    """Extract statements from articles into the store.

    PATHS as for `extract`, or the folders of datasets `extract --format parquet`
    wrote (on a cluster, say): their statements are stored as they are, with no
    parse. Running it again adds only what is new or changed; a run that was
    killed picks up after its last whole batch.
    """
    from ..dataset.load import dataset_articles, is_dataset, read_dataset, replayed
    from ..extraction.pipeline import extractor
    from ..record.ingest import Progress, ingest as run_ingest

    reporter = Reporter()
    datasets = [path for path in paths if is_dataset(path)]
    show = sys.stderr.isatty()
    if datasets:
        if len(datasets) < len(paths):
            raise click.UsageError("a dataset folder (one with _manifest/) is ingested on its own, without "
                                   "article files: run `onrecord ingest` once for each")
        items: Iterator[Any] = itertools.chain.from_iterable(read_dataset(path) for path in datasets)
        expected, extract = dataset_articles(datasets) if show else None, replayed
    else:
        items = read_inputs(paths, default_date=default_date, max_chars=max_chars, date_from_name=date_from_name)
        expected, extract = count_inputs(paths) if show else None, None
    items = _unless_no_article(items, reporter, db)
    if extract is None:
        extract = extractor(nlp=load_nlp(max_chars), jobs=jobs)
    store = open_store(db, readonly=False, create=True)
    with ArticleBar(show, reporter.console, expected, statements=True) as bar:
        progress = Progress(
            article_done=bar.advance,
            rejected=reporter.rejected,
            warning=reporter.warn,
            failed=lambda article, error: reporter.rejected(Rejection(article.origin, f"extraction failed: {error}")),
            waiting=reporter.info,
        )
        try:
            summary = run_ingest(items, store, extract, batch_size=batch_size,
                                 progress=progress, all_attributions=all_attributions)
        except StoreError as error:
            bar.stop()
            raise click.ClickException(str(error)) from None
        except KeyboardInterrupt:
            bar.stop()
            stored = store.db.execute("SELECT count(*) FROM articles").fetchone()[0]
            reporter.info(f"interrupted: {counted(stored, 'article')} in {db}; run the same command again to go on")
            sys.exit(130)
        finally:
            store.close()
    reporter.info(f"{summary.line()} ({db}, {summary.seconds:.1f} s)")
    if summary.rejected or summary.failed:
        sys.exit(EXIT_REJECTED)


def _unless_no_article(items: Iterator[Article | Rejection | Ignored], reporter: Reporter,
                       db: str) -> Iterator[Article | Rejection | Ignored]:
    """The inputs, read up to their first article before the store is opened; when none holds one,
    say why and exit without making (or touching) the store."""
    ahead: list[Article | Rejection | Ignored] = []
    for item in items:
        ahead.append(item)
        if isinstance(item, Article):
            return itertools.chain(ahead, items)
    rejected = [item for item in ahead if isinstance(item, Rejection)]
    for rejection in rejected:
        reporter.rejected(rejection)
    parts = [f"{counted(len(rejected), 'input')} rejected"] if rejected else []
    parts += ignored_summary(item for item in ahead if isinstance(item, Ignored))
    untouched = "left as it was" if Path(db).exists() else "not created"
    reporter.info(f"nothing ingested, {db} {untouched}: {', '.join(parts) or 'no article found'}")
    sys.exit(EXIT_REJECTED if rejected else 0)


ROW_FORMATS = ("table", "jsonl", "csv")


@click.command()
@click.argument("text", required=False)
@db_option
@click.option("--speaker", help="Only this speaker (a name, part of one, or a speaker id).")
@date_option("--since", "Only statements from this date on.")
@date_option("--until", "Only statements up to this date.")
@click.option("--type", "type_", type=click.Choice(("direct", "mixed", "indirect")), help="Only this kind of statement.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="At most this many results.")
@click.option("--offset", type=click.IntRange(0), default=0, help="Skip this many results (paging).")
@click.option("--source", help="Only statements from articles of this source (outlet), exactly as stored.")
@click.option("--sort", type=click.Choice(("relevance", "newest", "oldest")), default="relevance", show_default=True,
              help="Order: best match (newest first without words), newest or oldest (undated last).")
@click.option("--facets", is_flag=True, help="Also count the matches by speaker, month, type and source (table format).")
@format_option(ROW_FORMATS)
def search(text: str | None, db: str, speaker: str | None, since: str | None, until: str | None,
           type_: str | None, limit: int, offset: int, source: str | None, sort: str, facets: bool,
           fmt: str | None) -> None:
    """Search statements: words (all must occur; "a phrase" in quotes; prefix*), filters, or both."""
    from ..record.read import QueryError, search as run_search

    fmt = pick_format(fmt)
    if facets and fmt != "table":
        raise click.UsageError("--facets prints tables: use --format table (the web app's /api/search?facets=true "
                               "gives the counts as JSON)")
    with open_store(db) as store:
        try:
            found = run_search(store, text, speaker=speaker, since=since, until=until, type=type_, source=source,
                               sort=sort, limit=limit, offset=offset, marks=(_OPEN, _CLOSE), with_facets=facets)
        except QueryError as error:
            raise click.UsageError(str(error)) from None
    reporter = Reporter()
    if found.described:
        reporter.info(f"no named speaker matches {speaker!r}: statements of unnamed speakers described with "
                      f"{found.described!r} ({found.total:,})")
    elif found.speakers == []:
        reporter.info(f"no speaker matches {speaker!r} (`onrecord speakers` lists them)")
    elif found.speakers is not None and len(found.speakers) > 1:
        choices = ", ".join(f"{s['id']} ({s['statements']:,})" for s in found.speakers[:10])
        more = f" and {len(found.speakers) - 10} more" if len(found.speakers) > 10 else ""
        reporter.info(f"{speaker!r} matches {len(found.speakers)} speakers, all searched: {choices}{more}; "
                      "give an id to --speaker to pick one")
    if fmt == "table":
        _search_table(found.results, found.total, offset)
        if found.facets is not None:
            _facet_tables(found.facets)
    else:
        rows = [_plain_snippet(r) for r in found.results]
        emit_rows(rows, fmt, ["date", "speaker", "speaker_description", "type", "text", "snippet", "article", "id", "quote"],
                  _flat_statement)
    showing = f", showing {len(found.results)}" if found.total > len(found.results) else ""
    reporter.info(f"{counted(found.total, 'statement')} match{'es' if found.total == 1 else ''}{showing}")


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
        "date": record["date"], "speaker": record["speaker"]["name"],
        "speaker_description": record["speaker"].get("description"), "type": record["type"],
        "text": record["content"]["text"], "snippet": record.get("snippet"), "article": record["article"],
        "id": record["id"], "quote": record["quote"],
    }


def _facet_tables(facets: Facets) -> None:
    """The matches counted by speaker, type, source and month, side by side."""
    estimated = f" (estimated from 1 match in {facets.sampled})" if facets.sampled else ""
    columns = [
        ("speaker", [(f["name"], f["count"]) for f in facets.speakers]),
        ("type", [(f["type"], f["count"]) for f in facets.types]),
        ("source", [(f["source"], f["count"]) for f in facets.sources]),
        ("month", [(m["month"], m["count"]) for m in reversed(facets.months) if m["count"]][:12]
         + ([("undated", facets.undated)] if facets.undated else [])),
    ]
    grid = Table(title=f"Matches by speaker, type, source and month{estimated}", show_lines=False)
    for name, _ in columns:
        grid.add_column(name, overflow="fold")
        grid.add_column("n", justify="right", style="cyan")
    for i in range(max(len(rows) for _, rows in columns)):
        cells: list[str] = []
        for _, rows in columns:
            label, count = rows[i] if i < len(rows) else ("", "")
            cells += [str(label), f"{count:,}" if count != "" else ""]
        grid.add_row(*cells)
    console().print(grid)


def _search_table(results: list[dict[str, Any]], total: int, offset: int) -> None:
    table = Table(show_lines=False)
    table.add_column("date", style="cyan", no_wrap=True)
    table.add_column("speaker", style="bold", max_width=22)
    table.add_column("type", no_wrap=True)
    table.add_column("statement", min_width=40, overflow="fold")
    table.add_column("article", style="dim", max_width=24, overflow="ellipsis", no_wrap=True)
    for record in results:
        text = _highlighted(record.get("snippet") or record["content"]["text"])
        table.add_row(record["date"] or "", speaker_label(record["speaker"]), record["type"], text, record["article"])
    console().print(table)


@click.command()
@db_option
@date_option("--since", "Count only statements from this date on.")
@date_option("--until", "Count only statements up to this date.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=30, show_default=True, help="At most this many speakers.")
@format_option(ROW_FORMATS)
def speakers(db: str, since: str | None, until: str | None, limit: int, fmt: str | None) -> None:
    """Speakers ranked by statements, with their first and last dates."""
    from ..record.read import speakers as ranked

    with open_store(db) as store:
        rows = ranked(store, since=since, until=until, limit=limit)
    fmt = pick_format(fmt)
    if fmt != "table":
        emit_rows(rows, fmt, ["id", "name", "kind", "statements", "first_date", "last_date"])
        return
    table = Table()
    for column in ("speaker", "statements", "first", "last", "id"):
        table.add_column(column, justify="right" if column == "statements" else "left")
    for row in rows:
        table.add_row(row["name"], str(row["statements"]), row["first_date"] or "", row["last_date"] or "", row["id"])
    console().print(table)


@click.command()
@click.argument("name")
@db_option
@click.option("--latest", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="Show this many of the speaker's latest statements.")
@format_option(("table", "json"), default="table")
@json_alias_option
@click.option("--why", is_flag=True, help="Say which names and descriptions join this speaker, and on what evidence "
              "(the JSON holds this under \"joins\").")
def speaker(name: str, db: str, latest: int, fmt: str, as_json: bool, why: bool) -> None:
    """One speaker: aliases, roles, statements per month and latest statements."""
    from ..record.read import speaker_profile

    fmt = format_with_json_alias(fmt, as_json)
    with open_store(db) as store:
        profile = speaker_profile(store, name, latest=latest)
    if profile is None:
        raise click.ClickException(f"no speaker matches {name!r} (try `onrecord speakers`)")
    if fmt == "json":  # the whole profile, --why or not: its "joins" say who is joined and why
        click.echo(json.dumps(profile, ensure_ascii=False, indent=2))
        return
    if why:
        _print_joins(profile)
        return
    out = console()
    out.print(Text(profile["name"], style="bold"), f"({profile['kind'] or 'unknown kind'}, id {profile['id']}): "
                  f"{counted(profile['statements'], 'statement')}, {_date_range(profile['first_date'], profile['last_date'])}"
                  + (f" ({profile['undated']:,} undated, outside that range)" if profile["undated"] and profile["first_date"] else ""))
    if profile["also_matching"]:
        out.print(f"also matching {name!r}: {', '.join(profile['also_matching'])}")
    out.print("aliases: " + ", ".join(f"{a['alias']} ({a['count']})" for a in profile["aliases"]), markup=False)
    if profile["pronouns"]:
        out.print("by pronoun: " + ", ".join(f"{p['pronoun']} ({p['count']})" for p in profile["pronouns"]), markup=False)
    if profile["with_others"]:
        out.print("named with others: " + ", ".join(f"{a['alias']} ({a['count']})" for a in profile["with_others"]),
                  markup=False)
    out.print("roles: " + (", ".join(
        f"{r['role']} ({_date_range(r['first_date'], r['last_date'])})" for r in profile["roles"]) or "none seen"),
        markup=False)
    out.print("per month: " + (", ".join(f"{m['month']}: {m['count']}" for m in profile["months"]) or "none dated"),
              markup=False)
    table = Table(title="latest statements")
    for column in ("date", "type", "statement", "article"):
        table.add_column(column, overflow="fold")
    for record in profile["latest"]:
        table.add_row(record["date"] or "", record["type"], record["content"]["text"], record["article"])
    out.print(table)


def _print_joins(profile: dict[str, Any]) -> None:
    table = Table(title=f"{profile['name']} (id {profile['id']}): who is joined, and why")
    for column, justify in (("name or description", "left"), ("statements", "right"), ("why", "left")):
        table.add_column(column, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for join in profile["joins"]:
        table.add_row(Text(join["name"]), f"{join['statements']:,}", Text(join["why"]))
    console().print(table)


@click.command()
@click.argument("name")
@db_option
@click.option("--to", "joins", metavar="OTHER", help="NAME stands for OTHER's speaker (a name or a speaker id).")
@click.option("--own", is_flag=True, help="NAME gets a speaker of its own (split it off).")
@click.option("--clear", is_flag=True, help="Forget the correction for NAME: the rules decide again.")
def alias(name: str, db: str, joins: str | None, own: bool, clear: bool) -> None:
    """Correct who is who: join a name to another speaker, split it off, or clear the correction.

    Corrections are kept in the store and outlive re-ingests: `onrecord alias "Joe Biden" --to
    "Joseph R. Biden Jr."`, `onrecord alias "Frank Fiorina" --own`. `onrecord speaker X --why` shows them.
    """
    if sum((joins is not None, own, clear)) != 1:
        raise click.UsageError("give exactly one of --to OTHER, --own or --clear")
    with open_store(db, readonly=False) as store:
        try:
            with store.writer(Reporter().info):
                moved = store.clear_override(name) if clear else store.override(name, None if own else joins)
        except StoreError as error:
            raise click.ClickException(str(error)) from None
        slug, display = store.names.speaker_of(store.known_name(name))
    done = "cleared" if clear else "split off" if own else f"joined to {display}"
    click.echo(f"{name}: {done} (speaker id {slug}); {moved:,} statement{'s' if moved != 1 else ''} moved", err=True)


def _date_range(first: str | None, last: str | None) -> str:
    if not first:
        return "undated"
    return first if first == last else f"{first} to {last}"


@click.command()
@db_option
@click.option("--by", type=click.Choice(("statement", "quote")), default="statement", show_default=True,
              help="One record per statement, or per merged quote with its occurrences.")
@format_option(("jsonl", "csv", "parquet"), default="jsonl")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Output file (default: standard output).")
def export(db: str, by: str, fmt: str, out: str | None) -> None:
    """Write the record for other tools (pandas, DuckDB, Spark)."""
    from ..record.export import export as run_export

    if fmt == "parquet" and not out:
        raise click.UsageError("Parquet needs a file: give --out PATH")
    with open_store(db) as store:
        count = run_export(store, by=by, format=fmt, out=out)  # type: ignore[arg-type]
    Reporter().info(f"{counted(count, by + ' record')} written" + (f" to {out}" if out else ""))


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--allow-write", is_flag=True, help="Accept POST /api/articles (needs --token).")
@click.option("--token", envvar="ONRECORD_TOKEN", help="The token POST /api/articles must send as a Bearer token. "
              "A token on the command line shows in `ps`: prefer $ONRECORD_TOKEN or --token-file.")
@click.option("--token-file", type=click.File("r", encoding="utf-8"), help="Read the token from this file (its first line).")
def serve(db: str, host: str, port: int, allow_write: bool, token: str | None, token_file: Any) -> None:
    """Browse the record in a web browser, with a JSON API beside every page."""
    import uvicorn

    from ..web import create_app

    if token_file is not None:
        token = (token_file.readline().strip() or None) if token is None else token
    if allow_write and not token:
        raise click.UsageError("--allow-write needs a token: $ONRECORD_TOKEN, --token-file FILE or --token")
    try:
        app = create_app(db, allow_write=allow_write, token=token)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    Reporter().info(f"serving {db} at http://{host}:{port}/ (JSON API under /api, described at /openapi.json; Ctrl-C stops)"
                    + ("; writing allowed with the token" if allow_write else "; read-only"))
    uvicorn.run(app, host=host, port=port, log_level="warning")
