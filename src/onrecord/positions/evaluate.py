"""Scoring the stance model against a hand-labelled stance set (benchmarks/stance/stance-gold.jsonl).

A gold line names a statement by its article and first content span, a target, and a label. The
statement's words come from a store holding those articles; the targets' words from the
``targets.json`` beside the set (``key``: the words a statement must name; else the proposition's).
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..record.store import Store
from .learned import features, shipped, train
from .stance import LABELS, Target, stance

# A target whose proposition is a repeal is labelled for/against the repeal; the model reads the
# stance toward the thing repealed, and the side flips (set "flip": true in targets.json).
_FLIPPED = {"for": "against", "against": "for", "neither": "neither"}


def is_stance_gold(path: str | Path) -> bool:
    """A JSON Lines file whose first line has target, statement and label."""
    try:
        with open(path, encoding="utf-8") as handle:
            first = json.loads(handle.readline() or "null")
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return isinstance(first, dict) and {"target", "statement", "label", "article"} <= set(first)


@dataclass
class StanceScores:
    confusion: Counter = field(default_factory=Counter)  # (gold, predicted) -> count
    by_target: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    missing: list[dict[str, Any]] = field(default_factory=list)  # gold lines whose statement is not in the store

    @property
    def total(self) -> int:
        return sum(self.confusion.values())

    def accuracy(self, confusion: Counter | None = None) -> float:
        confusion = self.confusion if confusion is None else confusion
        total = sum(confusion.values())
        return sum(confusion[(label, label)] for label in LABELS) / total if total else 0.0

    def f1(self, label: str, confusion: Counter | None = None) -> float:
        confusion = self.confusion if confusion is None else confusion
        hit = confusion[(label, label)]
        predicted = sum(confusion[(other, label)] for other in LABELS)
        actual = sum(confusion[(label, other)] for other in LABELS)
        precision, recall = (hit / predicted if predicted else 0.0), (hit / actual if actual else 0.0)
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def macro_f1(self, confusion: Counter | None = None) -> float:
        return sum(self.f1(label, confusion) for label in LABELS) / len(LABELS)

    def to_dict(self) -> dict[str, Any]:
        return {
            "statements": self.total, "missing": len(self.missing), "accuracy": round(self.accuracy(), 4),
            "macro_f1": round(self.macro_f1(), 4), "f1": {label: round(self.f1(label), 4) for label in LABELS},
            "confusion": {gold: {pred: self.confusion[(gold, pred)] for pred in LABELS} for gold in LABELS},
            "targets": {target: {"statements": sum(c.values()), "accuracy": round(self.accuracy(c), 4),
                                 "macro_f1": round(self.macro_f1(c), 4)} for target, c in sorted(self.by_target.items())},
        }

    def table(self) -> str:
        lines = [f"stance: {self.total} statements ({len(self.missing)} not found in the store): "
                 f"accuracy {self.accuracy():.3f}, macro-F1 {self.macro_f1():.3f}; "
                 + ", ".join(f"F1 {label} {self.f1(label):.3f}" for label in LABELS),
                 "", f"{'gold / predicted':18}" + "".join(f"{label:>9}" for label in LABELS)]
        for gold in LABELS:
            lines.append(f"{gold:18}" + "".join(f"{self.confusion[(gold, pred)]:9d}" for pred in LABELS))
        lines += ["", f"{'target':18}{'n':>5}{'accuracy':>10}{'macro-F1':>10}"]
        for target, counts in sorted(self.by_target.items()):
            lines.append(f"{target:18}{sum(counts.values()):5d}{self.accuracy(counts):10.3f}{self.macro_f1(counts):10.3f}")
        return "\n".join(lines)


def read_targets(gold: Path) -> dict[str, dict[str, Any]]:
    path = gold.parent / "targets.json"
    if not path.exists():
        return {}
    return {t["id"]: t for t in json.loads(path.read_text(encoding="utf-8"))}


@dataclass(frozen=True)
class GoldExample:
    target_id: str
    target: Target
    flip: bool  # the set's label is about a repeal of the target: the model's side is the other one
    label: str  # the set's label
    text: str
    kind: str
    cue: str | None  # an indirect statement's cue, which the model reads as part of its clause

    @property
    def model_label(self) -> str:
        return _FLIPPED[self.label] if self.flip else self.label


def gold_examples(gold_path: str | Path, store: Store) -> tuple[list[GoldExample], list[dict[str, Any]]]:
    """The set's lines with their statements' words from the store, and the lines not found there."""
    gold_path = Path(gold_path)
    targets = read_targets(gold_path)
    examples, missing = [], []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        gold = json.loads(line)
        found = _statement(store, gold["article"], gold["statement"])
        if found is None:
            missing.append(gold)
            continue
        text, kind, cue = found
        about = targets.get(gold["target"], {})
        target = Target.of(about.get("proposition", gold["target"]), key=about.get("key"))
        examples.append(GoldExample(gold["target"], target, bool(about.get("flip")), gold["label"], text, kind,
                                    cue if kind == "indirect" else None))
    return examples, missing


def fingerprint(gold_path: str | Path) -> str:
    """What a model trained on this set records of it, so that eval knows to cross-validate."""
    return hashlib.sha256(Path(gold_path).read_bytes()).hexdigest()[:16]


def score_stances(gold_path: str | Path, store: Store) -> tuple[StanceScores, StanceScores, str]:
    """The stance model and, beside it, the rules alone over every line whose statement the store
    holds. When the shipped model was trained on this very set, each target is scored by a model
    trained on the other targets only (cross-validated by target), never by the shipped one."""
    examples, missing = gold_examples(gold_path, store)
    shipped_model = shipped()
    trained_here = shipped_model.trained_on == fingerprint(gold_path)
    model_scores, rule_scores = StanceScores(missing=missing), StanceScores(missing=missing)
    featured = [features(e.text, e.target, e.cue, e.kind)[0] for e in examples]
    for held in sorted({e.target_id for e in examples}):
        model = shipped_model
        if trained_here:
            model = train([(f, e.model_label) for f, e in zip(featured, examples) if e.target_id != held])
        for example in (e for e in examples if e.target_id == held):
            predicted = model.read(example.text, example.target, example.cue, example.kind).label
            ruled = stance(example.text, example.target, example.cue).label
            for scores, label in ((model_scores, predicted), (rule_scores, ruled)):
                label = _FLIPPED[label] if example.flip else label
                scores.confusion[(example.label, label)] += 1
                scores.by_target[held][(example.label, label)] += 1
    method = "cross-validated by target (the shipped model saw this set)" if trained_here else "the shipped model"
    return model_scores, rule_scores, method


def _statement(store: Store, article: str, span: list[int]) -> tuple[str, str, str | None] | None:
    for text, spans, kind, cue in store.db.execute(
        "SELECT text, spans, type, cue FROM statements WHERE article_id = ?", (article,)
    ):
        if json.loads(spans)[0] == list(span):
            return text, kind, cue
    return None
