"""The `onrecord` command: a thin shell over the library. Each command lives in the module of
its concern (``extract``, ``record``, ``positions``, ``evaluate``); ``common`` holds the options, formats and
messages they share. Nothing here loads spaCy until a command needs to parse.
"""
from __future__ import annotations

import logging
import sqlite3

import click

from .. import __version__
from ..record.store import busy_message, damaged_message, is_busy
from .evaluate import eval_command
from .extract import extract, rules
from .positions import positions
from .record import alias, export, ingest, search, serve, speaker, speakers


class _Commands(click.Group):
    """Commands whose store may turn out damaged mid-way: one clear line, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except sqlite3.DatabaseError as error:
            raise click.ClickException(busy_message(error) if is_busy(error) else damaged_message(error)) from None


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="onrecord")
def main() -> None:
    """onrecord: who said what, when, from dated news articles."""
    logging.basicConfig(level=logging.WARNING, format="onrecord: %(message)s")


for command in (extract, ingest, search, speakers, speaker, positions, alias, export, serve, eval_command, rules):
    main.add_command(command)
