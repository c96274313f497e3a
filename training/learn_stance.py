"""Train the stance model's regression (src/onrecord/positions/data/stance.json) on the stance set.

    .venv/bin/python training/learn_stance.py --db STORE [--gold benchmarks/stance/stance-gold.jsonl]

STORE must hold the shared articles (PolNeAR train and dev, Wikinews, the reference article), whose
statements the set names by article and first span. Prints the figures cross-validated by target
(train on the other targets, test on the one left out), then trains on every target and writes the
weights with the set's fingerprint, so that `onrecord eval` on this set cross-validates too.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from onrecord.positions.evaluate import fingerprint, gold_examples  # noqa: E402
from onrecord.positions.learned import features, train  # noqa: E402
from onrecord.record.store import Store  # noqa: E402

OUT = REPO / "src/onrecord/positions/data/stance.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--gold", default=str(REPO / "benchmarks/stance/stance-gold.jsonl"))
    args = parser.parse_args()
    with Store(args.db, readonly=True) as store:
        examples, missing = gold_examples(args.gold, store)
    if missing:
        sys.exit(f"{len(missing)} statements of the set are not in {args.db}: ingest the shared articles first")
    rows = [(features(e.text, e.target, e.cue, e.kind)[0], e.model_label) for e in examples]
    model = train(rows)
    OUT.write_text(model.to_json(trained_on=fingerprint(args.gold), examples=len(rows),
                                 source="benchmarks/stance/stance-gold.jsonl, by training/learn_stance.py") + "\n",
                   encoding="utf-8")
    print(f"{len(rows)} statements; weights in {OUT.relative_to(REPO)}; `onrecord eval {args.gold} --db {args.db}` "
          "gives the figures cross-validated by target")


if __name__ == "__main__":
    main()
