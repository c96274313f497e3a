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

COMPLEMENT_FRAMES = ("ccomp", "xcomp", "dobj")
# "complained about the mic", "called for a ceasefire": a preposition that takes the content.
FRAME_PREPOSITIONS = ("about", "for", "on", "against", "of", "to", "with")
NOUN_THAT = "noun:that"  # the frame of a noun with a "that" clause: "his claim that ...", "the idea that ..."
TABLE_FILE = "cues.json"
PRIOR_RATE, PRIOR_WEIGHT = 1 / 3, 3  # smoothing of the learned rates


def frame_of(verb: Token) -> str:
    """The verb's frame: its complement ("ccomp", "xcomp", "dobj"), else "prep:about"
    and the like for a preposition with an object, else "none"."""
    deps = {child.dep_ for child in verb.children}
    frame = next((frame for frame in COMPLEMENT_FRAMES if frame in deps), None)
    if frame:
        return frame
    preposition = frame_preposition(verb)
    return f"prep:{preposition.lower_}" if preposition is not None else "none"


def noun_clause(noun: Token) -> Token | None:
    """The clause a noun takes right after it with "that" ("the claim that it failed"), if any;
    not a relative clause ("the car that he bought", where "that" is the object)."""
    doc = noun.doc
    if noun.tag_ not in {"NN", "NNS"} or noun.i + 1 >= len(doc) or doc[noun.i + 1].lower_ != "that":
        return None
    that = doc[noun.i + 1]
    clause = that.head
    if that.dep_ != "mark" or clause.head != noun or clause.dep_ not in {"acl", "ccomp", "relcl", "appos"}:
        return None
    return clause


def frame_preposition(verb: Token) -> Token | None:
    """The first preposition after the verb that heads its frame, if any."""
    return next(
        (c for c in verb.rights if c.dep_ == "prep" and c.lower_ in FRAME_PREPOSITIONS
         and any(g.dep_ in {"pobj", "pcomp"} for g in c.children)),
        None,
    )


@dataclass(frozen=True)
class CueTable:
    """(form, frame) -> (times annotated as a cue, times seen)."""

    counts: dict[tuple[str, str], tuple[int, int]]

    def precision(self, form: str, frame: str, min_seen: int = 1) -> float | None:
        """How often this form in this frame was a cue, None when seen too rarely to say.

        Smoothed towards PRIOR_RATE, so that 3 cues in 6 sightings count for less than 30 in 60.
        """
        hits, seen = self.counts.get((form.lower(), frame), (0, 0))
        if seen < min_seen:
            return None
        return (hits + PRIOR_RATE * PRIOR_WEIGHT) / (seen + PRIOR_WEIGHT)

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
    return CueTable.from_json(resources.files("onrecord.extraction.data").joinpath(TABLE_FILE).read_text(encoding="utf-8"))


def count_cues(docs: Iterable[tuple[Doc, Iterable[tuple[int, int]]]], min_seen: int = 3) -> CueTable:
    """Count, over parsed documents and their gold cue spans, how often each (form, frame) is a cue:
    verbs in their frames, and nouns with a "that" clause (frame ``NOUN_THAT``)."""
    seen: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    for doc, cue_spans in docs:
        in_cue = set()
        for start, end in cue_spans:
            in_cue.update(range(start, end))
        for token in doc:
            if token.tag_.startswith("VB"):
                key = (token.lower_, frame_of(token))
            elif noun_clause(token) is not None:
                key = (token.lower_, NOUN_THAT)
            else:
                continue
            seen[key] += 1
            if token.idx in in_cue:
                hits[key] += 1
    return CueTable({key: (hits[key], n) for key, n in seen.items() if n >= min_seen and hits[key] > 0})
