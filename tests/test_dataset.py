"""Extraction into a dataset of Parquet parts: the same statements as one process, read by DuckDB,
and a rerun after a run killed at any point ends with what an uninterrupted run writes."""
from __future__ import annotations

import json

import duckdb
import pytest

from cli_helpers import invoke
from conftest import REPO
from onrecord.dataset.parts import MANIFEST, done, plan, run_task

DEMO = REPO / "samples" / "wikinews-demo.jsonl"


def rows(folder) -> list[tuple]:
    return sorted(duckdb.sql(
        f"SELECT article, seq, text, spans::VARCHAR, speaker, month FROM read_parquet('{folder}/month=*/*.parquet', "
        "hive_partitioning = true)").fetchall())


@pytest.fixture(scope="module")
def whole(tmp_path_factory, nlp):
    """The demo's articles as one task, and the statements `extract` gives for them."""
    out = tmp_path_factory.mktemp("whole")
    [task] = plan([str(DEMO)])
    run_task(task, out, nlp)
    extracted = invoke("extract", str(DEMO), "--format", "jsonl")
    return out, [json.loads(line) for line in extracted.stdout.splitlines()]


def test_the_dataset_holds_what_extract_gives_partitioned_by_month(whole):
    out, extracted = whole
    found = rows(out)
    assert len(found) == len(extracted) > 300
    assert sorted((r[0], r[2]) for r in found) == sorted((s["article"], s["content"]["text"]) for s in extracted)
    months = {r[5] for r in found}
    assert all(len(m) == 7 and m[4] == "-" for m in months) and len(months) > 10  # month=YYYY-MM, hive style
    manifest = json.loads(next((out / MANIFEST).glob("*.json")).read_text())
    assert manifest["articles"] == 36 and manifest["statements"] == len(found)


def test_byte_ranges_of_a_large_file_together_give_the_whole_file(whole, tmp_path, nlp):
    out, _ = whole
    tasks = plan([str(DEMO)], task_bytes=20_000)  # lines cut by range boundaries belong to the range they start in
    assert len(tasks) > 5 and tasks[0].start == 0 and tasks[-1].end == DEMO.stat().st_size
    for task in tasks:
        run_task(task, tmp_path, nlp)
    assert rows(tmp_path) == rows(out)


def test_a_rerun_after_a_killed_run_skips_what_is_done_and_ends_as_an_uninterrupted_run(whole, tmp_path, nlp):
    out, _ = whole
    tasks = plan([str(DEMO)], task_bytes=40_000)
    for task in tasks:
        run_task(task, tmp_path, nlp)
    # killed: one task's parts written but not its manifest entry, and a half-written temporary part
    (tmp_path / MANIFEST / f"{tasks[1].key}.json").unlink()
    (tmp_path / "month=2020-03" / f".part-{tasks[1].key}.parquet.99.tmp").write_bytes(b"PAR1 half")
    assert [done(tmp_path, t) for t in tasks].count(False) == 1
    for task in tasks:
        if not done(tmp_path, task):
            run_task(task, tmp_path, nlp)
    assert rows(tmp_path) == rows(out)  # the task's parts written again under the same names: nothing doubled


def test_the_command_writes_a_dataset_and_its_rerun_skips_it(tmp_path):
    out = tmp_path / "dataset"
    first = invoke("extract", str(REPO / "samples" / "wikinews-sample.jsonl"), "--format", "parquet", "--out", str(out))
    assert first.exit_code == 0 and "statements written to" in first.stderr
    again = invoke("extract", str(REPO / "samples" / "wikinews-sample.jsonl"), "--format", "parquet", "--out", str(out))
    assert again.exit_code == 0 and "1 task of 1 already done" in again.stderr
    wrong = invoke("extract", str(REPO / "samples" / "wikinews-sample.jsonl"), "--format", "parquet")
    assert wrong.exit_code == 2 and "--out" in wrong.output


@pytest.fixture(scope="module")
def cluster():
    """A real dask.distributed LocalCluster: a scheduler and two worker processes (each with a nanny)."""
    import logging

    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as started:
        yield started


def test_on_a_dask_cluster_the_dataset_is_what_one_process_writes(whole, tmp_path, cluster):
    from onrecord.dataset.cluster import run_on_dask

    out, _ = whole
    tasks = plan([str(DEMO)], task_bytes=20_000)
    results = list(run_on_dask(tasks, tmp_path, cluster.scheduler_address, {}))
    assert sorted(r.key for r in results) == sorted(t.key for t in tasks)
    assert rows(tmp_path) == rows(out)


def test_a_worker_killed_midway_and_the_run_still_ends_with_the_same_dataset(whole, tmp_path, cluster):
    import os
    import signal

    from onrecord.dataset.cluster import run_on_dask

    out, _ = whole
    tasks = plan([str(DEMO)], task_bytes=10_000)
    finished = []
    for result in run_on_dask(tasks, tmp_path, cluster.scheduler_address, {}):
        finished.append(result.key)
        if len(finished) == 1:  # a worker's process ends with tasks still to do; its nanny starts another
            pid = next(iter(cluster.workers.values())).process.process.pid
            os.kill(pid, signal.SIGKILL)
    assert sorted(finished) == sorted(t.key for t in tasks)
    assert rows(tmp_path) == rows(out)


def test_a_rerun_after_a_killed_client_skips_the_finished_tasks(whole, tmp_path, cluster):
    import signal
    import subprocess
    import time

    from cli_helpers import command

    out, _ = whole
    folder = tmp_path / "in"
    folder.mkdir()
    lines = DEMO.read_text(encoding="utf-8").splitlines(keepends=True)
    for n in range(4):  # four files: four tasks
        (folder / f"part{n}.jsonl").write_text("".join(lines[n::4]), encoding="utf-8")
    dataset = tmp_path / "dataset"
    args = ["extract", str(folder), "--format", "parquet", "--out", str(dataset), "--dask", cluster.scheduler_address]
    client = subprocess.Popen(command(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not list((dataset / MANIFEST).glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.2)
    client.send_signal(signal.SIGKILL)  # the client dies with tasks done and tasks not
    client.wait()
    finished = len(list((dataset / MANIFEST).glob("*.json")))
    assert 1 <= finished
    rerun = invoke(*args)
    assert rerun.exit_code == 0
    if finished < 4:
        assert f"{finished} task{'s' if finished > 1 else ''} of 4 already done" in rerun.stderr
    assert rows(dataset) == rows(out)
