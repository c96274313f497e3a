"""Worker processes that end with their parent.

A parent killed with SIGKILL runs no clean-up: its workers (spaCy's parse workers, the web
app's writer) were left blocked on a pipe for minutes, holding hundreds of MB each. Each
worker watches its parent's pid from a thread of its own and ends itself when it changes.
"""
from __future__ import annotations

import os
import threading
import time

_watching: int | None = None  # the pid of the process already watching, if any


def die_with_parent(parent: int | None = None, every: float = 1.0) -> None:
    """From now on this process ends (exit status 1) soon after ``parent`` (by default its parent
    now) is gone, however it ended. Once per process; cheap to call again."""
    global _watching
    if _watching == os.getpid():
        return
    _watching = os.getpid()
    parent = os.getppid() if parent is None else parent

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
