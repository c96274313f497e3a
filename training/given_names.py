"""Derive the given-name gender table (src/onrecord/extraction/data/given_names.json) from the
name-gender data of the `nomquamgender` package (MIT), installed with the test extra.

    .venv/bin/python training/given_names.py [--check]

A name is kept when it is all letters, was counted at least MIN_COUNT times and its share of
one gender is at least 1 - UNCERTAINTY (the package's own default threshold). Deterministic;
--check only compares the shipped table with a fresh derivation (a test runs it).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src/onrecord/extraction/data/given_names.json"
MIN_COUNT = 200
UNCERTAINTY = 0.1


def package_data() -> dict[str, list]:
    """nomquamgender's name_data.json, read without importing the package (which loads pandas)."""
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("nomquamgender is not installed: pip install -e '.[test]'")
    path = Path(list(spec.submodule_search_locations)[0]) / "name_data.json"
    return json.loads(path.read_text(encoding="utf-8"))


def derive(data: dict[str, list]) -> dict[str, object]:
    """Each entry is [sources, count, share female, ...]."""
    kept = {name: row for name, row in data.items() if name.isascii() and name.isalpha() and row[1] >= MIN_COUNT}
    return {
        "source": "nomquamgender name_data.json (MIT, https://github.com/ianvanbuskirk/nomquamgender)",
        "min_count": MIN_COUNT,
        "uncertainty": UNCERTAINTY,
        "female": sorted(n for n, row in kept.items() if row[2] >= 1 - UNCERTAINTY),
        "male": sorted(n for n, row in kept.items() if row[2] <= UNCERTAINTY),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped table differs")
    args = parser.parse_args()
    table = derive(package_data())
    text = json.dumps(table, separators=(",", ":")) + "\n"
    if args.check:
        same = OUT.read_text(encoding="utf-8") == text
        print("the shipped table matches" if same else f"{OUT} differs from a fresh derivation")
        sys.exit(0 if same else 1)
    OUT.write_text(text, encoding="utf-8")
    print(f"{len(table['female'])} female and {len(table['male'])} male given names -> {OUT}")


if __name__ == "__main__":
    main()
