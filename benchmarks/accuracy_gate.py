"""The accuracy gate: onrecord's scores on PolNeAR dev must not fall below the pinned floors.

    python benchmarks/accuracy_gate.py                 # check (CI runs this through pytest)
    python benchmarks/accuracy_gate.py --update        # raise floors to today's scores
    python benchmarks/accuracy_gate.py --update --allow-lower "why"   # the only way down

Floors live in benchmarks/accuracy_floors.json with the fingerprint of the data
they were measured on. A floor is pinned a little under the measured score
(TOLERANCE) so that a parse differing by a hair on another CPU does not fail CI.
Lowering any floor takes --allow-lower with a reason, which is kept in the file's
history; say the same in the commit message.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from onrecord.evaluation.brat import read_split, split_fingerprint, texts_and_gold
from onrecord.evaluation.gate import FloorWouldFall, check, update
from onrecord.evaluation.scoring import headline_figures, read_predictions, score_split
from onrecord.extraction.pipeline import extract_texts

REPO = Path(__file__).resolve().parents[1]
FLOORS = REPO / "benchmarks" / "accuracy_floors.json"


def default_split() -> Path | None:
    """PolNeAR dev under the shared data: $ONRECORD_SHARED, else ../shared next to the repo, else /work/shared."""
    candidates = [os.environ.get("ONRECORD_SHARED"), REPO.parent / "shared", "/work/shared"]
    splits = [Path(c) / "data/polnear/dev" for c in candidates if c]
    return next((split for split in splits if (split / "text").is_dir()), None)


def measure(split_dir: Path, predictions: str | None, jobs: int) -> dict[str, float]:
    texts, gold = texts_and_gold(read_split(split_dir))
    predicted = read_predictions(predictions)[0] if predictions else extract_texts(texts, jobs=jobs)
    return headline_figures(score_split(texts, gold, predicted))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", type=Path, default=None)
    parser.add_argument("--predictions", help="score this statement JSONL instead of running onrecord")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--update", action="store_true", help="re-pin the floors to the current scores")
    parser.add_argument("--allow-lower", metavar="REASON", help="with --update: let floors fall, for this reason")
    args = parser.parse_args()

    split_dir = args.split or default_split()
    if split_dir is None:
        print("accuracy gate: PolNeAR dev not found (set ONRECORD_SHARED)", file=sys.stderr)
        return 2
    fingerprint = split_fingerprint(split_dir)
    figures = measure(split_dir, args.predictions, args.jobs)
    pinned = json.loads(FLOORS.read_text()) if FLOORS.exists() else None
    if args.update:
        try:
            repinned = update(pinned, figures, fingerprint, args.allow_lower)
        except FloorWouldFall as error:
            print(f"accuracy gate: {error}", file=sys.stderr)
            return 1
        FLOORS.write_text(json.dumps(repinned, indent=2) + "\n")
        print(f"floors written to {FLOORS.relative_to(REPO)}")
        print("the README's accuracy table comes from peers.json: run `make peers`, then `make docs`")
        return 0
    if pinned is None:
        print("no floors pinned yet: run with --update", file=sys.stderr)
        return 1
    problems = check(pinned, figures, fingerprint)
    for name in sorted(pinned["floors"]):
        print(f"{name:38s} {figures.get(name, 0.0):.4f}  floor {pinned['floors'][name]:.3f}")
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    print("accuracy gate: " + ("passed" if not problems else f"{len(problems)} below the floor"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
