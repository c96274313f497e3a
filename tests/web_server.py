"""A real onrecord server on localhost for the web tests: uvicorn in a thread, over a store built from real articles."""
from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from onrecord.extraction import extractor
from onrecord.record.ingest import ingest
from onrecord.inputs import read_inputs
from onrecord.record.store import Store
from onrecord.web import create_app

HOSTILE_ID = "hostile-2024-05-01"
HOSTILE_TEXT = (
    "Mallory Quinn said: \"<script>window.__pwned = 1</script> We will win <img src=x onerror=\"window.__pwned = 2\">, "
    "and nobody can stop us.\"\n\n"
    "The <b>council</b> said that it would review the plan '); DROP TABLE statements; --.\n"
)


def build_store(db: Path, *paths: Path, nlp) -> Path:
    """A store from real articles plus one hostile article whose text is HTML and script."""
    hostile = db.parent / "hostile.jsonl"
    hostile.write_text(json.dumps({"id": HOSTILE_ID, "date": "2024-05-01", "title": "<i>Hostile</i> article",
                                   "url": "javascript:alert(1)", "text": HOSTILE_TEXT}) + "\n")
    with Store(db) as store:
        ingest(read_inputs([str(p) for p in (*paths, hostile)]), store, extractor(nlp=nlp))
    return db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(db: Path, **options) -> Iterator[str]:
    """Serve the store on a free port; yields the base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, **options), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def first_answer(url: str, seconds: float = 60):
    """GET ``url`` until a server that is starting answers (an httpx.Response), or None."""
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return httpx.get(url, timeout=5)
        except httpx.TransportError:
            time.sleep(0.2)
    return None
