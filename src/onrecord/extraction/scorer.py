"""A learned last check on the statements the rules find: keep a statement or drop it.

The rules propose; a logistic regression over indicator features of each statement (its
type, how its speaker was found, its cue verb's form, frame and learned cue rate, the
speaker mention's head, how its content opens, whether its cue sits inside another
statement's content) estimates how likely PolNeAR's annotators are to have marked the
same attribution, and statements below a threshold are dropped.
``training/learn_scorer.py`` fits the weights on the train split (statements the rules
find there, labelled by the evaluation's own matching); ``data/scorer.json`` ships them
(feature names and weights, no article text). The threshold is tuned on dev.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from .cue_table import cue_table, frame_of
from .cues import document_reads
from ..lexicon import COMMON_DOUBLE_MARKS, CUE_FORMS
from ..model import Statement

SCORER_FILE = "scorer.json"
_WEAK_SUBJECTS = frozenset({"it", "that", "which", "who", "what", "they", "this"})  # often a misparse
_CUE_RATE_MIN_SEEN = 4
_CONTENT_OPENERS = frozenset("that to the a he she it they i we his her their if whether how what why".split())


def features(statement: Statement, doc: Doc, others: Sequence[Statement] = ()) -> list[str]:
    """The statement's indicator features, by name; ``others`` are the article's other statements
    (a report inside another's reported clause is often left out by annotators)."""
    s = statement
    found = [
        f"type={s.type}", f"confidence={s.confidence:.2f}", f"no_cue={s.cue is None}",
        f"no_source={s.speaker.mention is None}", f"kind={s.speaker.kind}", f"named={s.speaker.name is not None}",
        f"spans={min(len(s.spans), 3)}", f"words={min(len(s.text.split()) // 5, 8)}",
    ]
    found += _content_features(s)
    found.append(f"nested={_nested_in(s, others)}")
    if s.cue is not None:
        found += _cue_features(s, doc)
    if s.speaker.mention is not None:
        mention = doc.char_span(s.speaker.mention.start, s.speaker.mention.end, alignment_mode="expand")
        if mention is not None:
            head = mention.root
            found += [f"source_tag={head.tag_}", f"source_word={head.lower_ if head.lower_ in _WEAK_SUBJECTS else 'other'}"]
    return found


def _nested_in(statement: Statement, others: Sequence[Statement]) -> str:
    """Whether the statement's cue sits inside another statement's content, and that one's type."""
    if statement.cue is None:
        return "no"
    at = statement.cue.start
    outer = next((o for o in others if o is not statement and any(a <= at < b for a, b in o.spans)), None)
    return "no" if outer is None else outer.type


def _content_features(statement: Statement) -> list[str]:
    text = statement.text
    first = text.split(maxsplit=1)[0].lower().strip("\"“”'‘’") if text.strip() else ""
    found = [f"first_word={first if first in _CONTENT_OPENERS else 'other'}",
             f"quoted={any(mark in text for mark in COMMON_DOUBLE_MARKS)}"]
    if statement.cue is not None:
        found.append(f"cue_first={statement.cue.start < statement.start}")
    return found


def _cue_features(statement: Statement, doc: Doc) -> list[str]:
    cue = statement.cue
    assert cue is not None
    words = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    verbs = [t for t in words if t.tag_.startswith("VB")] if words is not None else []
    if not verbs:
        return [f"cue_text={cue.text.lower()[:12]}"]
    verb = verbs[-1]
    frame = frame_of(verb)
    rate = cue_table().precision(verb.lower_, frame, min_seen=_CUE_RATE_MIN_SEEN)
    speech = verb.lower_ in CUE_FORMS or document_reads(verb)  # 'the statement read: "..."' speaks
    return [
        f"verb={verb.lower_}", f"cue_words={min(len(words), 4)}",
        f"speech={speech}", f"frame={frame[:7]}", f"verb_tag={verb.tag_}", f"verb_dep={verb.dep_}",
        f"cue_rate={None if rate is None else round(rate, 1)}", f"type_frame={statement.type}/{frame[:7]}/{speech}",
    ]


_QUOTED = re.compile(r'["“]([^"“”]+)["”]')
LONG_QUOTATION_WORDS = 8  # a quoted passage this long is someone's words, not a scare quote or a title


def _long_quotation(statement: Statement) -> bool:
    """A direct statement of a long quoted passage: whatever verb brings it, somebody said it, so
    the check (which learned PolNeAR's habits about verbs and frames) does not drop it."""
    if statement.type == "direct":
        return len(statement.text.split()) >= LONG_QUOTATION_WORDS
    quoted = re.findall(_QUOTED, statement.text) if statement.type == "mixed" else []
    return any(len(q.split()) >= LONG_QUOTATION_WORDS for q in quoted)


def _quoted_by_document(statement: Statement, doc: Doc) -> bool:
    """'The opinion of the Court read in part, "..."': a document's words in quotation marks. PolNeAR's
    annotators saw too few for the check to judge them, and the cue leaves no doubt."""
    if statement.type != "direct" or statement.cue is None:
        return False
    words = doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand")
    return words is not None and any(document_reads(t) for t in words)


@dataclass(frozen=True)
class StatementScorer:
    """Logistic regression weights over indicator features, and the threshold to keep a statement."""

    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, names: Sequence[str]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) for name in names)
        return 1 / (1 + math.exp(-z))

    def keep(self, statements: list[Statement], doc: Doc) -> list[Statement]:
        """The statements likely enough to be kept. A quote with no cue, handed its speaker by the
        paragraphs before it, is always kept: onrecord reports each paragraph of a long quote,
        where PolNeAR often leaves them out."""
        return [s for s in statements
                if s.cue is None or _quoted_by_document(s, doc) or _long_quotation(s)
                or self.probability(features(s, doc, statements)) >= self.threshold]

    def to_json(self) -> str:
        rows = [f"  {json.dumps(name)}: {weight:.4f}" for name, weight in sorted(self.weights.items())]
        return (f'{{"format": 1, "bias": {self.bias:.4f}, "threshold": {self.threshold},\n"weights": {{\n'
                + ",\n".join(rows) + "\n}}")

    @classmethod
    def from_json(cls, text: str) -> "StatementScorer":
        data = json.loads(text)
        return cls(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]))


@lru_cache(maxsize=1)
def statement_scorer() -> StatementScorer | None:
    """The scorer shipped with the package, or None when it is absent (every statement is kept)."""
    path = resources.files("onrecord.extraction.data").joinpath(SCORER_FILE)
    return StatementScorer.from_json(path.read_text(encoding="utf-8")) if path.is_file() else None


def fit(rows: Sequence[Sequence[str]], labels: Sequence[bool], l2: float = 10.0, threshold: float = 0.35,
        iterations: int = 25) -> StatementScorer:
    """L2-regularised logistic regression by Newton's method: deterministic, numpy only."""
    import numpy as np

    names = sorted({name for row in rows for name in row})
    column = {name: j for j, name in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1.0  # the bias, not penalised
    for i, row in enumerate(rows):
        for name in row:
            x[i, column[name]] = 1.0
    y = np.asarray(labels, dtype=float)
    penalty = np.full(len(names) + 1, l2)
    penalty[-1] = 0.0
    w = np.zeros(len(names) + 1)
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return StatementScorer(float(w[-1]), {name: float(w[column[name]]) for name in names}, threshold)
