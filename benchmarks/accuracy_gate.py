"""The accuracy gate: onrecord's scores on the dev sets must not fall below the pinned floors.

    python benchmarks/accuracy_gate.py                 # check (CI runs this through pytest)
    python benchmarks/accuracy_gate.py --update        # raise floors to today's scores
    python benchmarks/accuracy_gate.py --update --allow-lower "why"   # the only way down
    python benchmarks/accuracy_gate.py --set wikinews  # one dev set only (polnear, wikinews, stance)

The dev sets: PolNeAR dev (attributions, floors in benchmarks/accuracy_floors.json) and the
Wikinews quotes-gold file (every quoted passage and its speaker, floors in
benchmarks/quotes_gold_floors.json: statements found, speaker right, non-statements left out).
And the stance set (benchmarks/stance/stance-gold.jsonl, floors in benchmarks/stance_floors.json):
its articles ingested from the shared data into a temporary store, then `onrecord eval` on it
(cross-validated by target, as the shipped model was trained on the set).
Each floors file keeps the fingerprint of the data it was measured on. A floor is pinned a
little under the measured score (TOLERANCE) so that a parse differing by a hair on another CPU
does not fail CI. Lowering any floor takes --allow-lower with a reason, which is kept in the
file's history; say the same in the commit message.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from onrecord.evaluation.brat import read_split, split_fingerprint, texts_and_gold
from onrecord.evaluation.gate import FloorWouldFall, check, update
from onrecord.evaluation.scoring import headline_figures, read_predictions, score_split
from onrecord.extraction.pipeline import extract_texts

REPO = Path(__file__).resolve().parents[1]
FLOORS = {"polnear": REPO / "benchmarks" / "accuracy_floors.json",
          "wikinews": REPO / "benchmarks" / "quotes_gold_floors.json",
          "stance": REPO / "benchmarks" / "stance_floors.json"}
NAMES = {"polnear": "PolNeAR dev", "wikinews": "Wikinews quotes-gold", "stance": "stance set"}
STANCE_GOLD = REPO / "benchmarks" / "stance" / "stance-gold.jsonl"


def shared_data() -> Path | None:
    """The shared data: $ONRECORD_SHARED, else ../shared next to the repo, else /work/shared."""
    candidates = [os.environ.get("ONRECORD_SHARED"), REPO.parent / "shared", "/work/shared"]
    return next((Path(c) / "data" for c in candidates if c and (Path(c) / "data").is_dir()), None)


def default_split() -> Path | None:
    data = shared_data()
    return data / "polnear/dev" if data is not None and (data / "polnear/dev/text").is_dir() else None


def default_quotes_gold() -> Path | None:
    data = shared_data()
    return data / "wikinews/quotes-gold.jsonl" if data is not None and (data / "wikinews/quotes-gold.jsonl").is_file() else None


def measure_polnear(split_dir: Path, predictions: str | None, jobs: int) -> tuple[dict[str, float], str]:
    texts, gold = texts_and_gold(read_split(split_dir))
    predicted = read_predictions(predictions)[0] if predictions else extract_texts(texts, jobs=jobs)
    return headline_figures(score_split(texts, gold, predicted)), split_fingerprint(split_dir)


def quotes_gold_scores(gold: Path, jobs: int) -> dict:
    """`onrecord eval --json` on the quotes-gold file, as a user runs it (extraction, speech only)."""
    result = subprocess.run([sys.executable, "-m", "onrecord", "eval", str(gold), "--json", "--jobs", str(jobs)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def measure_quotes_gold(gold: Path, jobs: int) -> tuple[dict[str, float], str]:
    scores = quotes_gold_scores(gold, jobs)
    figures = {"quotes_gold.found": scores["found_rate"], "quotes_gold.speaker": scores["speaker_rate"],
               "quotes_gold.non_statements_left_out": round(1 - scores["taken_rate"], 4)}
    digest = hashlib.sha256()
    for path in sorted(gold.parent.glob("*.jsonl")):
        digest.update(path.name.encode() + path.read_bytes())
    return figures, digest.hexdigest()


def stance_sources(data: Path, ids: set[str], folder: Path) -> set[str]:
    """The stance set's articles copied from the shared data into ``folder``; returns the ids not found."""
    import shutil

    found: set[str] = set()
    for split in ("train", "dev"):
        for path in sorted((data / "polnear" / split / "text").glob("*.txt")):
            if path.stem in ids:
                shutil.copy(path, folder / path.name)
                found.add(path.stem)
    lines = []
    for line in (data / "wikinews" / "wikinews-2019-2021.jsonl").read_text(encoding="utf-8").splitlines():
        article_id = json.loads(line)["id"]
        if article_id in ids:
            lines.append(line)
            found.add(article_id)
    (folder / "wikinews.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for path in (data / "seed").glob("*.txt"):
        if path.stem in ids:
            shutil.copy(path, folder / path.name)
            found.add(path.stem)
    return ids - found


def measure_stance(data: Path, jobs: int) -> tuple[dict[str, float], str]:
    """`onrecord eval` on the stance set over a store of its articles, as a user runs it."""
    import tempfile

    ids = {json.loads(line)["article"] for line in STANCE_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()}
    with tempfile.TemporaryDirectory() as temporary:
        folder, db = Path(temporary) / "articles", Path(temporary) / "stance.db"
        folder.mkdir()
        missing = stance_sources(data, ids, folder)
        if missing:
            raise SystemExit(f"accuracy gate: {len(missing)} stance-set articles not in the shared data, "
                             f"first {sorted(missing)[0]}")
        onrecord = [sys.executable, "-m", "onrecord"]
        subprocess.run([*onrecord, "ingest", str(folder), "--db", str(db), "--date-from-name", "--jobs", str(jobs)],
                       capture_output=True, text=True, check=True)
        result = subprocess.run([*onrecord, "eval", str(STANCE_GOLD), "--db", str(db), "--format", "json"],
                                capture_output=True, text=True, check=True)
    scores = json.loads(result.stdout)
    if scores["missing"]:
        raise SystemExit(f"accuracy gate: {scores['missing']} stance-set statements not found in their articles")
    figures = {"stance.macro_f1": scores["macro_f1"], "stance.accuracy": scores["accuracy"],
               **{f"stance.f1.{label}": f1 for label, f1 in scores["f1"].items()}}
    digest = hashlib.sha256()
    for path in (STANCE_GOLD, STANCE_GOLD.parent / "targets.json"):
        digest.update(path.name.encode() + path.read_bytes())
    return figures, digest.hexdigest()


def gate(name: str, figures: dict[str, float], fingerprint: str, args: argparse.Namespace) -> bool:
    floors_file = FLOORS[name]
    pinned = json.loads(floors_file.read_text()) if floors_file.exists() else None
    if args.update:
        try:
            repinned = update(pinned, figures, fingerprint, args.allow_lower, split=NAMES[name])
        except FloorWouldFall as error:
            print(f"accuracy gate ({NAMES[name]}): {error}", file=sys.stderr)
            return False
        floors_file.write_text(json.dumps(repinned, indent=2) + "\n")
        print(f"floors written to {floors_file.relative_to(REPO)}")
        return True
    if pinned is None:
        print(f"no floors pinned yet for {NAMES[name]}: run with --update", file=sys.stderr)
        return False
    problems = check(pinned, figures, fingerprint)
    for floor in sorted(pinned["floors"]):
        print(f"{floor:38s} {figures.get(floor, 0.0):.4f}  floor {pinned['floors'][floor]:.3f}")
    for problem in problems:
        print(f"FAIL {NAMES[name]}: {problem}", file=sys.stderr)
    print(f"accuracy gate ({NAMES[name]}): " + ("passed" if not problems else f"{len(problems)} below the floor"))
    return not problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=("all", "polnear", "wikinews", "stance"), default="all")
    parser.add_argument("--split", type=Path, default=None, help="PolNeAR dev (default: under the shared data)")
    parser.add_argument("--quotes-gold", type=Path, default=None, help="the quotes-gold file (default: shared)")
    parser.add_argument("--predictions", help="PolNeAR: score this statement JSONL instead of running onrecord")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--update", action="store_true", help="re-pin the floors to the current scores")
    parser.add_argument("--allow-lower", metavar="REASON", help="with --update: let floors fall, for this reason")
    args = parser.parse_args()

    ok = True
    if args.set in ("all", "polnear"):
        split_dir = args.split or default_split()
        if split_dir is None:
            print("accuracy gate: PolNeAR dev not found (set ONRECORD_SHARED)", file=sys.stderr)
            return 2
        ok &= gate("polnear", *measure_polnear(split_dir, args.predictions, args.jobs), args)
    if args.set in ("all", "wikinews"):
        gold = args.quotes_gold or default_quotes_gold()
        if gold is None:
            print("accuracy gate: the Wikinews quotes-gold file not found (set ONRECORD_SHARED)", file=sys.stderr)
            return 2
        ok &= gate("wikinews", *measure_quotes_gold(gold, args.jobs), args)
    if args.set in ("all", "stance"):
        data = shared_data()
        if data is None:
            print("accuracy gate: the shared data (for the stance set's articles) not found (set ONRECORD_SHARED)",
                  file=sys.stderr)
            return 2
        ok &= gate("stance", *measure_stance(data, args.jobs), args)
    if args.update:
        print("the README's accuracy table comes from peers.json: run `make peers`, then `make docs`")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
