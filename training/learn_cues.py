"""Learn the cue table (src/onrecord/extraction/data/cues.json) from PolNeAR's train split.

    .venv/bin/python training/learn_cues.py [--split ../shared/data/polnear/train]

Counts, for every verb form in each frame and every noun with a "that" clause, how often
the annotators marked it as a cue. Deterministic (counts, no sampling): about 1-2 minutes
on 2 cores. Only the train split is read; dev is for tuning the thresholds that use the
table (see attribution.py), never for counting.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from onrecord.evaluation.brat import read_split
from onrecord.extraction.cue_table import TABLE_FILE, count_cues
from onrecord.extraction.pipeline import load_pipeline

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", type=Path, default=REPO.parent / "shared/data/polnear/train")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=REPO / "src/onrecord/extraction/data" / TABLE_FILE)
    args = parser.parse_args()

    started = time.perf_counter()
    split = read_split(args.split)
    nlp = load_pipeline()
    pairs = ((text, [fragment for g in gold for fragment in g.cue]) for text, gold in split.values())
    docs = nlp.pipe(pairs, as_tuples=True, n_process=args.jobs, batch_size=16, disable=["onrecord"])
    table = count_cues(docs)
    args.out.write_text(table.to_json() + "\n", encoding="utf-8")
    print(f"{len(split)} articles, {len(table.counts)} (form, frame) pairs -> {args.out} "
          f"in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
