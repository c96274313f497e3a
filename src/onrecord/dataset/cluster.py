"""The dataset's tasks on a Dask cluster (dask.distributed): a scheduler's address, or a LocalCluster
of N worker processes on this machine.

Each worker loads the spaCy pipeline once (a worker plugin), not once per task. A task writes its
own parts and manifest entry (``parts.run_task``), atomically, so a task run twice (a worker lost
midway, its task rescheduled) writes the same files under the same names: nothing lost, nothing
doubled.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from .parts import Task, TaskResult, run_task

_LOCAL = re.compile(r"^local(?::(\d+))?$")


class PipelineLoader(WorkerPlugin):
    """A worker plugin: the pipeline, loaded when the worker starts and kept on it."""

    name = "onrecord-pipeline"

    def __init__(self, max_chars: int | None = None) -> None:
        self.max_chars = max_chars

    def setup(self, worker: Any) -> None:
        from ..extraction.pipeline import load_pipeline

        nlp = load_pipeline()
        if self.max_chars:
            nlp.max_length = max(nlp.max_length, self.max_chars)
        worker.onrecord_nlp = nlp

    def teardown(self, worker: Any) -> None:
        worker.onrecord_nlp = None


def _run_on_worker(task: Task, out: str, options: dict[str, Any]) -> dict[str, Any]:
    from distributed import get_worker

    nlp = getattr(get_worker(), "onrecord_nlp", None)
    return asdict(run_task(task, Path(out), nlp, **options))


def local_workers(address: str) -> int | None:
    """"local" or "local:N": a LocalCluster of N workers (2 by default); anything else: an address."""
    found = _LOCAL.match(address)
    if not found:
        return None
    return int(found.group(1) or 2)


def run_on_dask(tasks: Sequence[Task], out: Path, address: str, options: dict[str, Any],
                max_chars: int | None = None) -> Iterator[TaskResult]:
    """Run the tasks on the cluster at ``address`` ("local[:N]" starts one); yields each task's
    result as it finishes. Failed tasks are retried twice (a lost worker's tasks are rescheduled by
    the scheduler itself)."""
    from distributed import Client, LocalCluster, as_completed

    workers = local_workers(address)
    logging.getLogger("distributed").setLevel(logging.ERROR)  # the cluster's own chatter is not the user's news
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR) if workers else None
    client = Client(cluster if cluster else address)
    try:
        _register(client, PipelineLoader(max_chars))
        futures = client.map(_run_on_worker, list(tasks), out=str(out), options=options, pure=False, retries=2)
        for future in as_completed(futures):
            yield TaskResult(**future.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _register(client: Any, plugin: PipelineLoader) -> None:
    register: Callable[..., Any] = getattr(client, "register_plugin", None) or client.register_worker_plugin
    register(plugin, name=plugin.name)
