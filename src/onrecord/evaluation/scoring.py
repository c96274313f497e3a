"""Scoring statements against PolNeAR-style gold attributions.

One scorer for every system: onrecord's own output and any other system's
statement JSONL go through the same code.

- Role scores (source = the speaker mention, cue, content): exact-span and
  token-overlap precision, recall and F1. A discontinuous span counts as its
  fragments; spans are compared as sets per article (a mention shared by two
  attributions is one span), whitespace trimmed.
- Attribution scores: a statement matches a gold attribution one-to-one when
  their contents overlap by Dice >= 0.5 over word tokens and the speaker mention
  overlaps the gold source (or neither has one); and the same without the
  speaker condition.
- Everything is micro-averaged: counts are summed over articles.

Subsets (``all``, ``speech``, ``direct``) select gold attributions. A predicted
statement joins a subset when it matches (by content alone) a gold attribution
of that subset; an unmatched prediction is judged by its own cue and content,
and one without a cue counts against the ``speech`` subset. So a system is
neither credited nor blamed, in ``speech``, for a belief it found correctly.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .brat import GoldAttribution
from ..lexicon import DOUBLE_QUOTE_MARKS, is_speech_cue
from ..model import Statement

SUBSETS = ("all", "speech", "direct")
ROLES = ("source", "cue", "content")
DICE_THRESHOLD = 0.5

Fragments = tuple[tuple[int, int], ...]
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Attribution:
    """The three roles of one attribution, system-neutral: fragments of the article text."""

    source: Fragments
    cue: Fragments
    content: Fragments


@dataclass
class Counts:
    """True positives, predicted and gold totals: enough for P, R and F1."""

    tp: float = 0
    predicted: float = 0
    gold: float = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "tp": self.tp, "predicted": self.predicted, "gold": self.gold,
        }


@dataclass
class Scores:
    """Every figure of one subset, summed over the articles scored so far."""

    subset: str
    articles: int = 0
    exact: dict[str, Counts] = field(default_factory=lambda: {role: Counts() for role in ROLES})
    overlap: dict[str, Counts] = field(default_factory=lambda: {role: Counts() for role in ROLES})
    attribution: Counts = field(default_factory=Counts)
    attribution_content_only: Counts = field(default_factory=Counts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "subset": self.subset,
            "articles": self.articles,
            "attribution": self.attribution.to_dict(),
            "attribution_content_only": self.attribution_content_only.to_dict(),
            "exact": {role: counts.to_dict() for role, counts in self.exact.items()},
            "token_overlap": {role: counts.to_dict() for role, counts in self.overlap.items()},
        }


def from_gold(gold: GoldAttribution) -> Attribution:
    return Attribution(gold.source, gold.cue, gold.content)


def from_statement(statement: Statement) -> Attribution:
    mention = statement.speaker.mention
    return Attribution(
        source=((mention.start, mention.end),) if mention else (),
        cue=((statement.cue.start, statement.cue.end),) if statement.cue else (),
        content=tuple(statement.spans),
    )


# --- subsets -----------------------------------------------------------------


def in_subset(attribution: Attribution, subset: str, text: str) -> bool:
    """Whether an attribution belongs to a subset, judged from its own spans."""
    if subset == "all":
        return True
    if subset == "speech":
        cue = " ".join(text[s:e] for s, e in attribution.cue)
        return bool(cue) and is_speech_cue(cue)
    if subset == "direct":
        return any(char in DOUBLE_QUOTE_MARKS for s, e in attribution.content for char in text[s:e])
    raise ValueError(f"unknown subset {subset!r}: choose from {', '.join(SUBSETS)}")


# --- spans and tokens ----------------------------------------------------------


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _fragments(text: str, attributions: Iterable[Attribution], role: str) -> set[tuple[int, int]]:
    spans = set()
    for attribution in attributions:
        for start, end in getattr(attribution, role):
            start, end = _trim(text, start, end)
            if end > start:
                spans.add((start, end))
    return spans


def _word_tokens(text: str, fragments: Iterable[tuple[int, int]]) -> set[tuple[int, int]]:
    """Word tokens as character spans, so two systems' tokens compare by position."""
    tokens = set()
    for start, end in fragments:
        tokens.update(m.span() for m in _WORD.finditer(text, start, end))
    return tokens


def _overlaps(a: Fragments, b: Fragments) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _dice(a: set, b: set) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


# --- matching ------------------------------------------------------------------


def match(
    text: str, predicted: Sequence[Attribution], gold: Sequence[Attribution], *, with_source: bool
) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs, best content overlap first."""
    predicted_tokens = [_word_tokens(text, p.content) for p in predicted]
    gold_tokens = [_word_tokens(text, g.content) for g in gold]
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            dice = _dice(predicted_tokens[i], gold_tokens[j])
            if dice < DICE_THRESHOLD:
                continue
            if with_source and not (_overlaps(p.source, g.source) or (not p.source and not g.source)):
                continue
            candidates.append((-dice, i, j))
    candidates.sort()
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def select(
    text: str, predicted: Sequence[Attribution], gold: Sequence[Attribution], subset: str
) -> tuple[list[Attribution], list[Attribution]]:
    """The predictions and gold attributions that belong to a subset (see the module doc)."""
    if subset == "all":
        return list(predicted), list(gold)
    gold_in = [in_subset(g, subset, text) for g in gold]
    matched = dict(match(text, predicted, gold, with_source=False))
    chosen_predicted = [
        p for i, p in enumerate(predicted)
        if (gold_in[matched[i]] if i in matched else in_subset(p, subset, text))
    ]
    return chosen_predicted, [g for g, keep in zip(gold, gold_in) if keep]


def score_article(
    scores: Scores, text: str, predicted: Sequence[Attribution], gold: Sequence[Attribution]
) -> None:
    """Add one article's counts to ``scores``."""
    predicted, gold = select(text, predicted, gold, scores.subset)
    scores.articles += 1
    for role in ROLES:
        p_spans, g_spans = _fragments(text, predicted, role), _fragments(text, gold, role)
        scores.exact[role].add(Counts(len(p_spans & g_spans), len(p_spans), len(g_spans)))
        p_tokens, g_tokens = _word_tokens(text, p_spans), _word_tokens(text, g_spans)
        scores.overlap[role].add(Counts(len(p_tokens & g_tokens), len(p_tokens), len(g_tokens)))
    for with_source, counts in ((True, scores.attribution), (False, scores.attribution_content_only)):
        pairs = match(text, predicted, gold, with_source=with_source)
        counts.add(Counts(len(pairs), len(predicted), len(gold)))


def score_split(
    texts: dict[str, str],
    gold: dict[str, Sequence[GoldAttribution]],
    predictions: dict[str, Sequence[Statement]],
    subsets: Sequence[str] = SUBSETS,
) -> dict[str, Scores]:
    """Scores for each subset over every article of a split."""
    results = {subset: Scores(subset) for subset in subsets}
    for name, text in texts.items():
        predicted = [from_statement(s) for s in predictions.get(name, ())]
        golden = [from_gold(g) for g in gold.get(name, ())]
        for scores in results.values():
            score_article(scores, text, predicted, golden)
    return results


# --- running a system on a split -------------------------------------------------


@dataclass(frozen=True)
class BadLine:
    """A predictions line that could not be read: where, and why."""

    origin: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}:{self.line}: {self.reason}"


def read_predictions(path: str) -> tuple[dict[str, list[Statement]], list[BadLine]]:
    """Statements from a statement-JSONL file, by article id; unreadable lines are reported, not fatal."""
    import json

    predictions: dict[str, list[Statement]] = {}
    problems: list[BadLine] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                statement = Statement.from_dict(record)
                article = record["article"]
            except (ValueError, KeyError, TypeError, IndexError) as error:
                problems.append(BadLine(path, number, f"not a statement: {type(error).__name__}: {error}"))
                continue
            predictions.setdefault(str(article), []).append(statement)
    return predictions, problems


def format_table(results: dict[str, Scores]) -> "Any":
    """A rich table of the headline figures: attribution F1 and each role's exact and overlap F1."""
    from rich.table import Table

    table = Table(title="onrecord eval (micro-averaged over articles)")
    table.add_column("subset")
    table.add_column("gold", justify="right")
    table.add_column("attribution P / R / F1", justify="right")
    table.add_column("content-only F1", justify="right")
    for role in ROLES:
        table.add_column(f"{role} exact / overlap F1", justify="right")
    for subset, scores in results.items():
        a = scores.attribution
        table.add_row(
            subset,
            str(int(a.gold)),
            f"{a.precision:.3f} / {a.recall:.3f} / {a.f1:.3f}",
            f"{scores.attribution_content_only.f1:.3f}",
            *(f"{scores.exact[role].f1:.3f} / {scores.overlap[role].f1:.3f}" for role in ROLES),
        )
    return table


def headline_figures(results: dict[str, Scores]) -> dict[str, float]:
    """Flat 'subset.measure' -> F1, the figures the accuracy gate pins."""
    figures = {}
    for subset, scores in results.items():
        figures[f"{subset}.attribution"] = scores.attribution.f1
        figures[f"{subset}.attribution_content_only"] = scores.attribution_content_only.f1
        for role in ROLES:
            figures[f"{subset}.exact.{role}"] = scores.exact[role].f1
            figures[f"{subset}.overlap.{role}"] = scores.overlap[role].f1
    return {name: round(value, 4) for name, value in figures.items()}
