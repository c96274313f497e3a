"""Learn the statement scorer (src/onrecord/extraction/data/scorer.json) from PolNeAR's train split.

    .venv/bin/python training/learn_scorer.py [--split ../shared/data/polnear/train]

Runs the rules on every train article (learned check off), labels each statement
by the evaluation's own matching (content Dice >= 0.5 and the speaker overlapping
the gold source: ``evaluate.match``), and fits a logistic regression over
``scorer.features``. Deterministic; about 2 minutes on one core, most of it parsing.
Only train is read; the threshold (``--threshold``) is tuned on dev.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from onrecord.evaluation.brat import read_split
from onrecord.evaluation.scoring import from_gold, from_statement, match
from onrecord.extraction.pipeline import load_pipeline
from onrecord.extraction.scorer import SCORER_FILE, features, fit

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", type=Path, default=REPO.parent / "shared/data/polnear/train")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--threshold", type=float, default=0.35)
    parser.add_argument("--l2", type=float, default=10.0)
    parser.add_argument("--out", type=Path, default=REPO / "src/onrecord/extraction/data" / SCORER_FILE)
    args = parser.parse_args()

    started = time.perf_counter()
    split = read_split(args.split)
    nlp = load_pipeline(learned_check=False)  # the rules' statements, before the check being trained
    rows, labels = [], []
    pairs = ((text, gold) for text, gold in split.values())
    for doc, gold in nlp.pipe(pairs, as_tuples=True, n_process=args.jobs, batch_size=16):
        statements = doc._.statements
        matched = {i for i, _ in match(doc.text, [from_statement(s) for s in statements],
                                       [from_gold(g) for g in gold], with_source=True)}
        for i, statement in enumerate(statements):
            rows.append(features(statement, doc, statements))
            labels.append(i in matched)
    scorer = fit(rows, labels, l2=args.l2, threshold=args.threshold)
    args.out.write_text(scorer.to_json() + "\n", encoding="utf-8")
    print(f"{len(split)} articles, {len(rows)} statements ({sum(labels)} matched), "
          f"{len(scorer.weights)} features -> {args.out} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
