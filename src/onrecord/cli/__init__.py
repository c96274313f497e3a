"""The `onrecord` command: a thin shell over the library. Each command lives in the module of
its concern (``extract``, ``record``, ``evaluate``); ``common`` holds the options, formats and
messages they share. Nothing here loads spaCy until a command needs to parse.
"""
from __future__ import annotations

import logging

import click

from .. import __version__
from .evaluate import eval_command
from .extract import extract, rules
from .record import alias, export, ingest, search, serve, speaker, speakers


@click.group()
@click.version_option(__version__, prog_name="onrecord")
def main() -> None:
    """onrecord: who said what, when, from dated news articles."""
    logging.basicConfig(level=logging.WARNING, format="onrecord: %(message)s")


for command in (extract, ingest, search, speakers, speaker, alias, export, serve, eval_command, rules):
    main.add_command(command)
