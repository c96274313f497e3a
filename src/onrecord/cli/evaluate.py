"""`onrecord eval`: score statements against gold: a PolNeAR-style split, or a quotes-gold file."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console

from ..model import Statement, reported
from .common import (
    EXIT_REJECTED, Reporter, db_option, format_option, format_with_json_alias, json_alias_option, open_store,
)


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True))
@click.option("--subset", type=click.Choice(("all", "speech", "direct", "every")), default="every",
              show_default=True, help="PolNeAR: which gold attributions to score against; 'every' prints all three.")
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False),
              help="Score this statement JSONL (any system's) instead of running onrecord.")
@click.option("--articles", type=click.Path(exists=True),
              help="quotes-gold: the articles it judges (default: the other .jsonl files beside it).")
@click.option("--errors", is_flag=True, help="quotes-gold: list every miss and wrong speaker, by family.")
@format_option(("table", "json"), default="table")
@json_alias_option
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes when onrecord runs on the texts.")
@db_option
def eval_command(gold: str, subset: str, predictions: str | None, articles: str | None, errors: bool,
                 fmt: str, as_json: bool, jobs: int, db: str) -> None:
    """Score statements against GOLD: a PolNeAR-style split (a folder of text/*.txt and
    attributions/*.ann), a quotes-gold file (JSON Lines of quoted passages and their speakers), or a
    stance set (JSON Lines of statements' stances toward targets; their words are read from --db).

    Without --predictions, onrecord extracts from the texts first.
    """
    from ..evaluation.quotes_gold import is_quotes_gold
    from ..positions.evaluate import is_stance_gold

    as_json = format_with_json_alias(fmt, as_json) == "json"
    if Path(gold).is_file() and is_stance_gold(gold):
        _eval_stances(gold, db, as_json)
    elif Path(gold).is_file():
        if not is_quotes_gold(gold):
            raise click.ClickException(f"{gold}: neither a quotes-gold file (JSON Lines with article, start, end, "
                                       "is_statement) nor a stance set (JSON Lines with target, article, statement, label)")
        _eval_quotes_gold(gold, predictions, articles, errors, as_json, jobs)
    else:
        _eval_split(gold, subset, predictions, as_json, jobs)


def _eval_stances(gold: str, db: str, as_json: bool) -> None:
    from ..positions.evaluate import score_stances

    with open_store(db) as store:
        scores, rules, method = score_stances(gold, store)
    if as_json:
        click.echo(json.dumps({**scores.to_dict(), "method": method, "rules_alone": rules.to_dict()}, indent=2))
    else:
        click.echo(f"The stance model, {method}:\n{scores.table()}\n\nThe rules alone: accuracy {rules.accuracy():.3f}, "
                   f"macro-F1 {rules.macro_f1():.3f}")
    if scores.missing:
        Reporter().info(f"{len(scores.missing)} statements of {gold} are not in {db} (ingest their articles; "
                        f"first: {scores.missing[0]['article']})")


def _eval_split(split_dir: str, subset: str, predictions: str | None, as_json: bool, jobs: int) -> None:
    from ..evaluation.brat import read_split, texts_and_gold
    from ..evaluation.scoring import SUBSETS, format_table, score_split

    reporter = Reporter()
    split = read_split(Path(split_dir))
    if not split:
        raise click.ClickException(f"{split_dir}: no text/*.txt files: not a PolNeAR-style split")
    texts, gold = texts_and_gold(split)
    predicted, problems = _predictions(predictions, texts, reporter, jobs)
    results = score_split(texts, gold, predicted, SUBSETS if subset == "every" else (subset,))
    if as_json:
        click.echo(json.dumps({name: scores.to_dict() for name, scores in results.items()}, indent=2))
    else:
        Console(highlight=False, markup=False, width=None if sys.stdout.isatty() else 150).print(format_table(results))
    if problems:
        sys.exit(EXIT_REJECTED)


def _eval_quotes_gold(gold_path: str, predictions: str | None, articles: str | None, errors: bool,
                      as_json: bool, jobs: int) -> None:
    from ..evaluation.quotes_gold import format_errors, read_gold, score
    from ..inputs import read_inputs

    reporter = Reporter()
    gold = read_gold(gold_path)
    wanted = {p.article for p in gold}
    sources = [articles] if articles else [str(p) for p in sorted(Path(gold_path).parent.glob("*.jsonl"))
                                           if p.resolve() != Path(gold_path).resolve()]
    found = [a for a in read_inputs(sources) if getattr(a, "id", None) in wanted]
    texts = {a.id: a.text for a in found}
    missing = wanted - set(texts)
    if missing:
        raise click.ClickException(f"{len(missing)} articles of {gold_path} not found in {', '.join(sources) or 'no file'}"
                                   " (give --articles)")
    everything, problems = _predictions(predictions, texts, reporter, jobs, found)
    if predictions:  # a system's statements as it gives them
        scores = score(texts, gold, everything)
    else:  # onrecord's default output (speech); every attribution tells what was found but left out
        speech = {article: reported(statements) for article, statements in everything.items()}
        scores = score(texts, gold, speech, also_predicted=everything)
    if as_json:
        click.echo(json.dumps(scores.to_dict(), indent=2))
    else:
        if errors:
            click.echo(format_errors(scores, texts))
        else:
            for family, count in sorted(scores.families().items()):
                click.echo(f"{count:5d}  {family}")
        click.echo(scores.summary())
    if problems:
        sys.exit(EXIT_REJECTED)


def _predictions(predictions: str | None, texts: dict[str, str], reporter: Reporter, jobs: int,
                 articles: list | None = None) -> tuple[dict[str, list[Statement]], list]:
    """Statements by article id: read from a statement JSONL, or extracted (every attribution)."""
    if predictions:
        from ..evaluation.scoring import read_predictions

        predicted, problems = read_predictions(predictions)
        for problem in problems:
            reporter.rejected(problem)
        unknown = sorted(set(predicted) - set(texts))
        if unknown:
            reporter.warn(predictions, f"{len(unknown)} article ids not in the gold, ignored (first: {unknown[0]})")
        return predicted, problems
    from ..extraction.pipeline import extract_many, extract_texts

    if articles is None:
        return extract_texts(texts, jobs=jobs), []
    return {article.id: statements for article, statements, _ in extract_many(articles, n_process=jobs)}, []
