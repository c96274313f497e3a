"""Posted articles are parsed in a process of their own, never in the one serving pages.

Parsing holds Python's lock for seconds at a time: one authenticated POST of a long article
kept every reader waiting (13.6 s for one of 12k quotes). The writer process starts on the
first POST (loading the pipeline once), takes one batch at a time, and goes with the server.
"""
from __future__ import annotations

import io
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from ..processes import die_with_parent
from ..record.store import Store, StoreBusy


class WriterProcess:
    """One worker process, started when first needed; a crashed one is replaced on the next call."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def run(self, function: Callable[..., Any], *args: Any) -> Any:
        if self._pool is None:
            # spawn: a fork of a threaded server could copy a held lock into the child
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=die_with_parent, initargs=(os.getpid(),))
        try:
            return self._pool.submit(function, *args).result()
        except BrokenProcessPool:
            self.close()
            raise StoreBusy("the process that parses posted articles ended; post again") from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def add_articles(db: Path, lines: bytes) -> dict[str, Any]:
    """Ingest posted articles (JSON Lines) into the store; rejections come back as messages.
    Runs in the writer process; raises ``StoreBusy`` when another run holds the store."""
    from ..extraction.pipeline import extractor
    from ..inputs import read_inputs
    from ..record.ingest import Progress, ingest

    rejected: list[str] = []
    with Store(db) as store:
        summary = ingest(read_inputs(["-"], stdin=io.BytesIO(lines)), store, extractor(),
                         progress=Progress(rejected=lambda r: rejected.append(str(r))), wait=False)
    return {
        "articles": summary.articles, "new": summary.new, "unchanged": summary.unchanged,
        "updated": summary.updated, "copies": summary.copies, "failed": summary.failed,
        "statements": summary.statements, "rejected": rejected,
    }
