"""Throughput of extraction four ways on the same articles: one process, `--jobs 2`, and the dataset
on Dask `local:1` and `local:2`; with the largest process' peak memory and Parquet bytes per statement.

    python benchmarks/scale.py [--articles 120]

The articles are the shared Wikinews set (or the demo's 36 if it is not there), split into four
files so that the dataset has four tasks. Every run is a real `onrecord extract` process, timed
from start to end (the model's load and, for Dask, the cluster's start included). Writes
benchmarks/results/scale.json; docs/scale.md turns the figures into a plan.
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results" / "scale.json"
SHARED = REPO.parent / "shared" / "data" / "wikinews" / "wikinews-2019-2021.jsonl"
ONRECORD = [sys.executable, "-m", "onrecord"]


def run(args: list[str]) -> tuple[float, float, str]:
    """Seconds, the peak RSS (MiB) of the largest process of the run, and its standard error."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([*ONRECORD, *args], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"onrecord {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest descendant waited for so far
    return seconds, max(peak, before) / 1024, done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=120)
    args = parser.parse_args()
    source = SHARED if SHARED.exists() else REPO / "samples" / "wikinews-demo.jsonl"
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()][: args.articles]
    words = sum(len(json.loads(line)["text"].split()) for line in lines)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "in"
        inputs.mkdir()
        for n in range(4):
            (inputs / f"part{n}.jsonl").write_text("\n".join(lines[n::4]) + "\n", encoding="utf-8")
        runs = {
            "1 process (dataset)": ["extract", str(inputs), "--format", "parquet", "--out", f"{folder}/one"],
            "--jobs 2 (JSON Lines)": ["extract", str(inputs), "--jobs", "2", "--format", "jsonl"],
            "--dask local:1 (dataset)": ["extract", str(inputs), "--format", "parquet", "--out", f"{folder}/d1",
                                         "--dask", "local:1"],
            "--dask local:2 (dataset)": ["extract", str(inputs), "--format", "parquet", "--out", f"{folder}/d2",
                                         "--dask", "local:2"],
        }
        peak_so_far = 0.0
        for name, argv in runs.items():
            seconds, peak, stderr = run(argv)
            grown = peak if peak > peak_so_far else None  # ru_maxrss only grows: a smaller run shows no figure
            peak_so_far = max(peak_so_far, peak)
            results[name] = {"seconds": round(seconds, 1), "articles_per_s": round(len(lines) / seconds, 2),
                             "words_per_s": round(words / seconds), "peak_rss_mib": round(grown, 1) if grown else None}
            print(f"{name:26} {seconds:6.1f} s  {len(lines) / seconds:5.2f} articles/s  {words / seconds:7,.0f} words/s"
                  + (f"  peak RSS {grown:,.0f} MiB" if grown else ""))
        dataset = Path(folder) / "d2"
        size = sum(p.stat().st_size for p in dataset.rglob("*.parquet"))
        import duckdb

        statements = duckdb.sql(f"SELECT count(*) FROM read_parquet('{dataset}/*/*.parquet')").fetchall()[0][0]
    ratio = results["--dask local:2 (dataset)"]["articles_per_s"] / results["--jobs 2 (JSON Lines)"]["articles_per_s"]
    result = {"articles": len(lines), "words": words, "statements": statements, "runs": results,
              "dask_local2_vs_jobs2": round(ratio, 3), "parquet_bytes_per_statement": round(size / statements, 1),
              "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores",
              "python": platform.python_version(), "date": time.strftime("%Y-%m-%d")}
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"Dask local:2 at {ratio:.2f}x --jobs 2; {size / statements:,.0f} Parquet bytes per statement "
          f"({statements:,} statements); results in {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
