"""`onrecord eval`: score statements against a PolNeAR-style split."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console

from .common import EXIT_REJECTED, Reporter


@click.command("eval")
@click.argument("split_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--subset", type=click.Choice(("all", "speech", "direct", "every")), default="every",
              show_default=True, help="Which gold attributions to score against; 'every' prints all three.")
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False),
              help="Score this statement JSONL (any system's) instead of running onrecord.")
@click.option("--json", "as_json", is_flag=True, help="Print the full scores as JSON.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes when onrecord runs on the texts.")
def eval_command(split_dir: str, subset: str, predictions: str | None, as_json: bool, jobs: int) -> None:
    """Score statements against a PolNeAR-style split (text/*.txt + attributions/*.ann).

    Without --predictions, onrecord extracts from the split's texts first.
    """
    from ..evaluation.brat import read_split, texts_and_gold
    from ..evaluation.scoring import SUBSETS, format_table, read_predictions, score_split

    reporter = Reporter()
    split = read_split(Path(split_dir))
    if not split:
        raise click.ClickException(f"{split_dir}: no text/*.txt files: not a PolNeAR-style split")
    texts, gold = texts_and_gold(split)
    problems = []
    if predictions:
        predicted, problems = read_predictions(predictions)
        for problem in problems:
            reporter.rejected(problem)
        unknown = sorted(set(predicted) - set(texts))
        if unknown:
            reporter.warn(predictions, f"{len(unknown)} article ids not in the split, ignored (first: {unknown[0]})")
    else:
        from ..extraction.pipeline import extract_texts

        predicted = extract_texts(texts, jobs=jobs)
    results = score_split(texts, gold, predicted, SUBSETS if subset == "every" else (subset,))
    if as_json:
        click.echo(json.dumps({name: scores.to_dict() for name, scores in results.items()}, indent=2))
    else:
        Console(highlight=False, width=None if sys.stdout.isatty() else 150).print(format_table(results))
    if problems:
        sys.exit(EXIT_REJECTED)
