"""onrecord on the Wikinews quotes-gold file: statements found, speakers right, non-statements taken,
and the misses by family, kept in benchmarks/results/quotes_gold.json (the README renders it).

    python benchmarks/quotes_gold.py [--jobs 2]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from accuracy_gate import default_quotes_gold, quotes_gold_scores

RESULTS = Path(__file__).resolve().parent / "results" / "quotes_gold.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    gold = default_quotes_gold()
    if gold is None:
        print("the Wikinews quotes-gold file not found (set ONRECORD_SHARED)", file=sys.stderr)
        return 2
    scores = quotes_gold_scores(gold, args.jobs)
    scores["set"] = "Wikinews quotes-gold (235 articles, 2019-2021)"
    RESULTS.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(scores, indent=2))
    print(f"written to {RESULTS}; run `make docs` to update the README")
    return 0


if __name__ == "__main__":
    sys.exit(main())
