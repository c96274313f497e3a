"""The learned side of the stance model: a logistic regression over the rules' reading and the
statement's words, trained on the stance set (training/learn_stance.py), weights in data/stance.json.

The rules say where the target is named and which words decided (``stance.stance``); the
regression weighs those readings with the words around them, and learns what the rules' word lists
miss. A statement that never names the target stays neither. Trained on hand-labelled statements
of sixteen targets; its figures are measured by leaving each target out in turn (never on what the
model saw).
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from ..lexicon import STOP_WORDS
from .stance import LABELS, NEGATORS, Stance, Target, _stem, stance

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
L2 = 1.0
MODEL_VERSION = "rules-1+regression-1"  # kept stances are worked out again when this changes


def features(text: str, target: Target, cue: str | None, kind: str) -> tuple[list[str], Stance]:
    """What the regression reads of a statement, and the rules' reading it starts from."""
    ruled = stance(text, target, cue)
    found = [f"rule:{ruled.label}", f"type:{kind}", f"named:{min(ruled.mentions, 2)}",
             f"evidence:{ruled.evidence[:12]}"]
    if ruled.conditional:
        found.append("conditional")
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    keys = set(target.key)
    found += [f"w:{w}" for w in words if w not in STOP_WORDS and len(w) > 2 and _stem(w) not in keys]
    found += [f"cue:{w.lower()}" for w in _WORD.findall(cue or "")]
    negations = sum(1 for w in words if w in NEGATORS or w.endswith("n't"))
    found.append(f"negations:{min(negations, 2)}")
    return found, ruled


@dataclass(frozen=True)
class StanceModel:
    vocabulary: dict[str, int]
    weights: list[list[float]]  # one row per feature (the last: the bias), one column per label
    trained_on: str | None = None  # the fingerprint of the stance set it learned from

    def scores(self, found: Sequence[str]) -> list[float]:
        rows = [self.vocabulary[f] for f in set(found) if f in self.vocabulary] + [len(self.vocabulary)]
        totals = [sum(self.weights[r][j] for r in rows) for j in range(len(LABELS))]
        top = max(totals)
        exps = [math.exp(t - top) for t in totals]
        return [e / sum(exps) for e in exps]

    def read(self, text: str, target: Target, cue: str | None, kind: str) -> Stance:
        """The stance: neither when the target is not named; the rules' side where they find one;
        else (the target named, no side found by the rules) the regression's label, with the
        weightiest words it saw."""
        found, ruled = features(text, target, cue, kind)
        if ruled.mentions == 0 or ruled.label != "neither":
            return ruled  # the rules' side, where they found one, with the words that decided it
        probabilities = self.scores(found)
        best = max(range(len(LABELS)), key=lambda j: probabilities[j])
        label = LABELS[best]
        if label == ruled.label:
            evidence = ruled.evidence
        else:
            weighty = sorted((f for f in set(found) if f.startswith(("w:", "cue:")) and f in self.vocabulary),
                             key=lambda f: -self.weights[self.vocabulary[f]][best])[:3]
            evidence = "learned from: " + ", ".join(f.split(":", 1)[1] for f in weighty) if weighty else "learned"
        return Stance(label, round(probabilities[best], 3), evidence, ruled.conditional and label != "neither",
                      ruled.mentions)

    def to_json(self, **about: object) -> str:
        return json.dumps({**about, "labels": list(LABELS), "vocabulary": self.vocabulary,
                           "weights": [[round(w, 5) for w in row] for row in self.weights]}, indent=0)

    @classmethod
    def from_json(cls, text: str) -> "StanceModel":
        data = json.loads(text)
        return cls(data["vocabulary"], data["weights"], data.get("trained_on"))


def train(examples: Sequence[tuple[list[str], str]], *, l2: float = L2, epochs: int = 400,
          rate: float = 0.5) -> StanceModel:
    """A class-balanced, L2-regularised logistic regression (softmax) by gradient descent."""
    import numpy as np

    vocabulary = {f: i for i, f in enumerate(sorted({f for found, _ in examples for f in found}))}
    x = np.zeros((len(examples), len(vocabulary) + 1))
    x[:, -1] = 1
    for i, (found, _) in enumerate(examples):
        x[i, [vocabulary[f] for f in set(found)]] = 1
    y = np.array([LABELS.index(label) for _, label in examples])
    balance = (len(y) / (len(LABELS) * np.maximum(np.bincount(y, minlength=len(LABELS)), 1)))[y]
    wanted = np.eye(len(LABELS))[y]
    weights = np.zeros((x.shape[1], len(LABELS)))
    for _ in range(epochs):
        z = x @ weights
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        weights -= rate * (x.T @ ((p - wanted) * balance[:, None]) / len(y) + l2 * weights / len(y))
    return StanceModel(vocabulary, weights.tolist())


@lru_cache(maxsize=1)
def shipped() -> StanceModel:
    """The model trained on the whole stance set (training/learn_stance.py)."""
    return StanceModel.from_json(files("onrecord.positions").joinpath("data/stance.json").read_text(encoding="utf-8"))
