"""Snapshot what onrecord outputs on the dev inputs, to prove a refactor changes no output.

    python benchmarks/snapshot_outputs.py OUT_DIR                 # write the snapshot
    python benchmarks/snapshot_outputs.py OUT_DIR --compare BEFORE_DIR   # ... and diff it with an earlier one

The snapshot: the statement JSONL (every attribution) of the PolNeAR dev texts, of the Wikinews
file and of the reference article, the speech-only JSONL of Wikinews, and `onrecord eval --json`
on PolNeAR dev. Take one before the change (e.g. from a `git worktree` of main) and one after.
"""
from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
RUNS = {
    "polnear-dev.jsonl": ["extract", str(SHARED / "polnear/dev/text"), "--all-attributions"],
    "wikinews.jsonl": ["extract", str(SHARED / "wikinews/wikinews-2019-2021.jsonl"), "--all-attributions"],
    "wikinews-speech.jsonl": ["extract", str(SHARED / "wikinews/wikinews-2019-2021.jsonl")],
    "seed.jsonl": ["extract", str(SHARED / "seed/khan-ceasefire-2023-10-27.txt"), "--all-attributions"],
}


def onrecord(*args: str) -> bytes:
    return subprocess.run([sys.executable, "-m", "onrecord", *args], capture_output=True, check=True).stdout


def snapshot(out: Path, jobs: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, args in RUNS.items():
        (out / name).write_bytes(onrecord(*args, "--format", "jsonl", "--jobs", str(jobs)))
    polnear = out / "polnear-dev.jsonl"
    (out / "eval.json").write_bytes(onrecord("eval", str(SHARED / "polnear/dev"), "--predictions", str(polnear), "--json"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, help="an earlier snapshot to compare with")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    snapshot(args.out, args.jobs)
    if args.compare is None:
        print(f"snapshot written to {args.out}")
        return 0
    names = [*RUNS, "eval.json"]
    _, differ, missing = filecmp.cmpfiles(args.compare, args.out, names, shallow=False)
    for name in names:
        state = "differs" if name in differ else "missing" if name in missing else "identical"
        print(f"{name:24s} {state}")
    return 1 if differ or missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
