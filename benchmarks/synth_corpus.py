"""A synthetic corpus of any size from real articles, for scale runs.

Each synthetic article is a real one (Wikinews, and the PolNeAR train+dev texts
when present) with a new id, a new date and its paragraphs after the first
shuffled. The output holds third-party text: write it outside the repository
(the default is under /tmp).

    python benchmarks/synth_corpus.py 10000 --out /tmp/onrecord-synth-10k.jsonl

The same module gives ``sources()`` and ``synthesise()`` to the scale benchmark,
which replays each source's extraction onto its shuffled copies.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from conftest import SHARED  # noqa: E402  (the one place that knows where the shared data is)

FIRST_DAY, DAYS = date(2019, 1, 1), 7 * 365


@dataclass(frozen=True)
class Source:
    id: str
    text: str
    paragraphs: tuple[tuple[int, int], ...]  # (start, end) of each non-empty line


def sources() -> list[Source]:
    """The real articles synthetic ones are made from, in a fixed order."""
    found: list[tuple[str, str]] = []
    wikinews = SHARED / "data" / "wikinews" / "wikinews-2019-2021.jsonl"
    for line in wikinews.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        found.append((record["id"], record["text"]))
    for split in ("train", "dev"):
        folder = SHARED / "data" / "polnear" / split / "text"
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            found.append((f"polnear-{split}-{path.stem}", path.read_text(encoding="utf-8")))
    return [Source(i, t, tuple((m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", t))) for i, t in found]


@dataclass(frozen=True)
class Synthetic:
    id: str
    date: str
    source: Source
    order: tuple[int, ...]  # source paragraph numbers in their new order

    @property
    def text(self) -> str:
        return "\n\n".join(self.source.text[s:e] for s, e in (self.source.paragraphs[i] for i in self.order))

    def shifts(self) -> dict[int, int]:
        """Source paragraph number -> how far its characters move in the synthetic text."""
        moved, position = {}, 0
        for i in self.order:
            start, end = self.source.paragraphs[i]
            moved[i] = position - start
            position += end - start + 2
        return moved


def synthesise(count: int, pool: list[Source], seed: int = 7) -> Iterator[Synthetic]:
    rng = random.Random(seed)
    for n in range(count):
        source = pool[rng.randrange(len(pool))]
        body = list(range(1, len(source.paragraphs)))
        rng.shuffle(body)
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        yield Synthetic(f"synth-{n:07d}", day.isoformat(), source, tuple([0, *body]) if source.paragraphs else ())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("--out", type=Path, default=None, help="JSONL file (default /tmp/onrecord-synth-COUNT.jsonl)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    out = args.out or Path(f"/tmp/onrecord-synth-{args.count}.jsonl")
    pool = sources()
    with out.open("w", encoding="utf-8") as stream:
        for article in synthesise(args.count, pool, args.seed):
            record = {"id": article.id, "date": article.date, "source": f"synthetic from {article.source.id}",
                      "text": article.text}
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{args.count} synthetic articles from {len(pool)} real ones written to {out}")


if __name__ == "__main__":
    main()
