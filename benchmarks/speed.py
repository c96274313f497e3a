"""Extraction speed beside a bare spaCy en_core_web_sm full-pipeline parse of the same texts.

    python benchmarks/speed.py [--texts DIR ...] [--out benchmarks/results/speed.json]

Defaults to the PolNeAR train and dev texts in ../shared/data/polnear. Prints words/s and
articles/s for the bare parse and for onrecord with 1 and 2 processes, and writes the
figures (with the machine and versions) to a generated JSON file.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import spacy

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from onrecord import __version__, extract_many, load_pipeline  # noqa: E402
from onrecord.inputs import read_inputs  # noqa: E402
from onrecord.model import Article  # noqa: E402
from onrecord.extraction.pipeline import load_model_name  # noqa: E402

DEFAULT_DIRS = [REPO.parent / "shared/data/polnear/train/text", REPO.parent / "shared/data/polnear/dev/text"]


def timed(label: str, run, articles: list[Article], words: int) -> dict:
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    row = {
        "run": label,
        "seconds": round(seconds, 2),
        "words_per_s": round(words / seconds),
        "articles_per_s": round(len(articles) / seconds, 1),
    }
    print(f"{label:<34} {row['seconds']:>8.1f} s {row['words_per_s']:>9,} words/s {row['articles_per_s']:>8.1f} articles/s", flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", nargs="*", type=Path, default=DEFAULT_DIRS)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks/results/speed.json")
    args = parser.parse_args()

    articles = [a for a in read_inputs([str(p) for p in args.texts]) if isinstance(a, Article)]
    if args.limit:
        articles = articles[: args.limit]
    if not articles:
        sys.exit(f"no articles found in {', '.join(map(str, args.texts))}")
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(articles)} articles, {words:,} words; {os.cpu_count()} cores; model {load_model_name()}")

    full = spacy.load(load_model_name())
    nlp = load_pipeline()
    list(full.pipe(texts[:5]))  # warm-up
    list(extract_many(articles[:5], nlp=nlp))

    rows = [
        timed("bare spaCy full parse, 1 process", lambda: list(full.pipe(texts)), articles, words),
        timed("onrecord extract, 1 process", lambda: list(extract_many(articles, nlp=nlp)), articles, words),
        timed("onrecord extract, 2 processes", lambda: list(extract_many(articles, nlp=nlp, n_process=2)), articles, words),
    ]
    ratio = rows[1]["words_per_s"] / rows[0]["words_per_s"]
    print(f"onrecord (1 process) runs at {ratio:.2f}x the bare parse: floor {'met' if ratio >= 1 else 'NOT met'}")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "generated_by": "benchmarks/speed.py",
                "texts": [str(p.relative_to(REPO.parent)) if p.is_relative_to(REPO.parent) else str(p) for p in args.texts],
                "articles": len(articles),
                "words": words,
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
                "versions": {"onrecord": __version__, "spacy": spacy.__version__, "model": load_model_name()},
                "runs": rows,
                "speedup_over_bare_parse": round(ratio, 2),
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")
    print("the README shows these figures: run `make docs` to update it")


if __name__ == "__main__":
    main()
