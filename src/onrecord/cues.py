"""Which verbs report speech or thought, learned from annotated articles.

A verb is a cue or not depending on its frame as much as on the word: "found
that ..." reports a finding, "found a job" does not. The table maps (verb form,
frame) to how often PolNeAR's annotators marked that pair as a cue in the train
split: ``training/learn_cues.py`` counts it, ``data/cues.json`` ships it (verb
forms and counts only, no article text).
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

FRAMES = ("ccomp", "xcomp", "dobj", "none")
TABLE_FILE = "cues.json"


def frame_of(verb: Token) -> str:
    """The verb's frame: what kind of complement it takes ("none" when it has none)."""
    deps = {child.dep_ for child in verb.children}
    return next((frame for frame in FRAMES[:-1] if frame in deps), "none")


@dataclass(frozen=True)
class CueTable:
    """(form, frame) -> (times annotated as a cue, times seen)."""

    counts: dict[tuple[str, str], tuple[int, int]]

    def precision(self, form: str, frame: str, min_seen: int = 1) -> float | None:
        """How often this form in this frame was a cue; None when seen too rarely to say."""
        hits, seen = self.counts.get((form.lower(), frame), (0, 0))
        return hits / seen if seen >= min_seen else None

    def to_json(self) -> str:
        rows = [f"  {json.dumps(f'{form}|{frame}')}: [{hits}, {seen}]" for (form, frame), (hits, seen) in sorted(self.counts.items())]
        return '{"format": 1, "counts": {\n' + ",\n".join(rows) + "\n}}"

    @classmethod
    def from_json(cls, text: str) -> "CueTable":
        data = json.loads(text)
        counts = {}
        for key, (hits, seen) in data["counts"].items():
            form, frame = key.rsplit("|", 1)
            counts[(form, frame)] = (int(hits), int(seen))
        return cls(counts)


@lru_cache(maxsize=1)
def cue_table() -> CueTable:
    """The table shipped with the package."""
    return CueTable.from_json(resources.files("onrecord.data").joinpath(TABLE_FILE).read_text(encoding="utf-8"))


def count_cues(docs: Iterable[tuple[Doc, Iterable[tuple[int, int]]]], min_seen: int = 3) -> CueTable:
    """Count, over parsed documents and their gold cue spans, how often each (form, frame) is a cue."""
    seen: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    for doc, cue_spans in docs:
        in_cue = set()
        for start, end in cue_spans:
            in_cue.update(range(start, end))
        for token in doc:
            if not token.tag_.startswith("VB"):
                continue
            key = (token.lower_, frame_of(token))
            seen[key] += 1
            if token.idx in in_cue:
                hits[key] += 1
    return CueTable({key: (hits[key], n) for key, n in seen.items() if n >= min_seen and hits[key] > 0})
