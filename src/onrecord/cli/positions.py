"""`onrecord positions`: who is for a proposition, who against, and since when."""
from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from ..positions.timeline import positions as find_positions
from ..record.read import QueryError
from ..record.store import Store, StoreBusy, StoreError
from .common import Reporter, console, date_option, db_option, emit_rows, format_option, open_store, pick_format

FIELDS = ["speaker", "speaker_id", "current", "conditional", "since", "first_for", "first_against", "for", "against",
          "neither", "changes", "undated", "evidence_date", "evidence", "evidence_text", "evidence_statement"]


@click.command()
@click.argument("topic")
@db_option
@click.option("--target", help="The proposition, in words (default: TOPIC); its words are what a statement must name.")
@click.option("--speaker", help="Only this speaker (a name, part of one, or a speaker id).")
@date_option("--since", "Only statements from this date on.")
@date_option("--until", "Only statements up to this date.")
@format_option(("table", "jsonl", "csv"))
def positions(topic: str, db: str, target: str | None, speaker: str | None, since: str | None, until: str | None,
              fmt: str | None) -> None:
    """Who is for TARGET, who against, and since when: each speaker's stance now, the date they first
    took each side, every change with its statement. TOPIC finds the statements ("a phrase", OR, prefix*)."""
    reporter = Reporter()
    with ExitStack() as stack:
        store, keep = _store_for_stances(stack, db)
        try:
            found = find_positions(store, topic, target=target, speaker=speaker, since=since, until=until, keep=keep)
        except QueryError as error:
            raise click.UsageError(str(error)) from None
    fmt = pick_format(fmt)
    if fmt == "table":
        _table(found)
    else:
        emit_rows(found["speakers"], fmt, FIELDS, _flat)
    named = sum(len(s["points"]) for s in found["speakers"])
    reporter.info(f"{named:,} statement{'s' if named != 1 else ''} naming the target by {len(found['speakers']):,} "
                  f"speaker{'s' if len(found['speakers']) != 1 else ''}, {len(found['unnamed']):,} by unnamed speakers "
                  f"(of {found['read']:,} found by {topic!r}; stance model {found['model']})")


def _store_for_stances(stack: ExitStack, db: str) -> tuple[Store, bool]:
    """The store, writable when it can be (stances worked out are kept), else read-only."""
    if not Path(db).exists():
        return stack.enter_context(open_store(db)), False
    try:
        store = stack.enter_context(Store(db))
        stack.enter_context(store.writer(wait=False))
        return store, True
    except (StoreBusy, StoreError):
        return stack.enter_context(open_store(db)), False


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    evidence = row["evidence"]
    return {
        "speaker": row["name"], "speaker_id": row["id"], "current": row["current"], "conditional": row["conditional"],
        "since": row["since"], "first_for": row["first"].get("for"), "first_against": row["first"].get("against"),
        "for": row["counts"]["for"], "against": row["counts"]["against"], "neither": row["counts"]["neither"],
        "changes": "; ".join(f"{c['date']} {c['from']}->{c['to']}" for c in row["changes"]),
        "undated": len(row["undated"]), "evidence_date": evidence["date"], "evidence": evidence["evidence"],
        "evidence_text": evidence["text"], "evidence_statement": evidence["statement"],
    }


def _table(found: dict[str, Any]) -> None:
    table = Table(title=f"Positions on {found['target']!r}", show_lines=True)
    table.add_column("speaker", style="bold", max_width=24)
    table.add_column("now", no_wrap=True)
    table.add_column("since", style="cyan", no_wrap=True)
    table.add_column("for/against/neither", justify="right", no_wrap=True)
    table.add_column("changes", max_width=26)
    table.add_column("evidence", min_width=40, overflow="fold")
    for row in found["speakers"]:
        counts = row["counts"]
        now = row["current"] + (" (conditional)" if row["conditional"] else "")
        changes = ", ".join(f"{c['date']} {c['from']}→{c['to']}" for c in row["changes"]) or "—"
        evidence = row["evidence"]
        table.add_row(row["name"], now, row["since"] or "undated",
                      f"{counts['for']}/{counts['against']}/{counts['neither']}", changes,
                      f"{evidence['text']} [{evidence['evidence']}; {evidence['date'] or 'undated'}]")
    console().print(table)
