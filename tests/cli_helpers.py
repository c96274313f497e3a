"""Two ways to run the `onrecord` command in tests, in one place.

``invoke`` runs it in this process with click's ``CliRunner``: no new interpreter and the
spaCy pipeline loaded once (``load_pipeline`` is cached), so most CLI tests use it. ``run_process``
and ``command`` start a real ``python -m onrecord``, for what needs a real process: being killed,
several worker processes, a real pipe for standard output, a server to stop.
"""
from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from click.testing import CliRunner, Result

from onrecord.cli import main


def command(*args: str) -> list[str]:
    """The argv of a real ``python -m onrecord ARGS`` (for ``subprocess.Popen``)."""
    return [sys.executable, "-m", "onrecord", *args]


def run_process(*args: str, stdin: bytes | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """``python -m onrecord ARGS`` in a new process; standard output and error captured apart, as bytes."""
    return subprocess.run(command(*args), input=stdin, capture_output=True, timeout=timeout, check=False)


@contextmanager
def _root_logger_as_in_a_fresh_process() -> Iterator[None]:
    """``main`` calls ``logging.basicConfig``, which does nothing when the root logger has handlers
    (pytest's) and otherwise adds one bound to the current stderr. Empty the root logger for the run,
    so a logged message reaches the runner's stderr as it would a real one, then put it back, so no
    handler bound to a finished run's stream outlives it."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    root.handlers.clear()
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def invoke(*args: str, input: bytes | str | None = None, env: Mapping[str, str | None] | None = None) -> Result:
    """``onrecord ARGS`` in this process. ``result.stdout`` and ``result.stderr`` are apart (click >= 8.2);
    ``result.exit_code`` is what the process would exit with. An exception the command does not turn
    into an exit code is raised here rather than becoming exit code 1, so it cannot pass for a rejection."""
    with _root_logger_as_in_a_fresh_process():
        return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False, prog_name="onrecord")


def process_running(pid: int) -> bool:
    """Whether a process runs (a zombie, ended and waiting for its parent to reap it, does not)."""
    try:
        return "\nState:\tZ" not in open(f"/proc/{pid}/status", encoding="ascii").read()
    except OSError:
        return False
