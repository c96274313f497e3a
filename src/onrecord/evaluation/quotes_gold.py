"""Scoring statements against a quotes-gold file: every quoted passage of a set of articles,
judged by reading (``../shared/data/wikinews/quotes-gold.jsonl``; its README has the format).

- found: a real statement (``is_statement``) is found when statements' content spans cover at
  least 80% of the passage's characters;
- speaker right: among found statements with a named gold speaker, the statement covering most
  of the passage names the gold speaker (case and accents folded; a surname alone counts when
  the gold name ends with it and no other first name is given);
- non-statements taken: a title, name or scare quote that statements cover at least half of.

Each miss and wrong speaker is put in a family (``ERROR_FAMILIES``) so that ``onrecord eval
--errors`` shows where the work is.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import Statement

FOUND_COVER = 0.8
TAKEN_COVER = 0.5

ERROR_FAMILIES = {
    "missed: not extracted": "no statement covers the passage",
    "missed: partly covered": "statements cover part of the passage, under 80%",
    "missed: not speech": "found only among non-speech attributions (believes, found), left out by default",
    "speaker: none named": "found, but the statement names nobody",
    "speaker: extra words": "the name holds the gold name and more (a title, a party, a place)",
    "speaker: part of the name": "the name is part of the gold name, not its surname",
    "speaker: someone else": "another person or body",
    "non-statement taken": "a title, name or scare quote taken as a statement",
}


@dataclass(frozen=True)
class GoldPassage:
    article: str
    start: int
    end: int
    text: str
    is_statement: bool
    speaker: str | None
    description: str | None = None


@dataclass
class QuoteErrors:
    family: str
    passage: GoldPassage
    got: str | None = None  # the speaker name given, for speaker errors


@dataclass
class QuoteScores:
    statements: int = 0
    found: int = 0
    named: int = 0
    right: int = 0
    non_statements: int = 0
    taken: int = 0
    errors: list[QuoteErrors] = field(default_factory=list)

    @property
    def found_rate(self) -> float:
        return self.found / self.statements if self.statements else 0.0

    @property
    def speaker_rate(self) -> float:
        return self.right / self.named if self.named else 0.0

    @property
    def taken_rate(self) -> float:
        return self.taken / self.non_statements if self.non_statements else 0.0

    def families(self) -> Counter[str]:
        return Counter(error.family for error in self.errors)

    def to_dict(self) -> dict[str, Any]:
        return {
            "statements": self.statements, "found": self.found, "found_rate": round(self.found_rate, 4),
            "named": self.named, "speaker_right": self.right, "speaker_rate": round(self.speaker_rate, 4),
            "non_statements": self.non_statements, "taken": self.taken, "taken_rate": round(self.taken_rate, 4),
            "families": dict(sorted(self.families().items())),
        }

    def summary(self) -> str:
        return (f"quotes-gold: {self.found}/{self.statements} statements found ({self.found_rate:.3f}), speaker right "
                f"for {self.right}/{self.named} ({self.speaker_rate:.3f}), {self.taken}/{self.non_statements} "
                f"non-statements taken ({self.taken_rate:.3f})")


def is_quotes_gold(path: str) -> bool:
    """Whether a file's first record looks like quotes-gold (a passage with ``is_statement``)."""
    try:
        with open(path, encoding="utf-8") as handle:
            first = next((line for line in handle if line.strip()), "")
        record = json.loads(first)
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return isinstance(record, dict) and {"article", "start", "end", "is_statement"} <= set(record)


def read_gold(path: str) -> list[GoldPassage]:
    passages = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                r = json.loads(line)
                passages.append(GoldPassage(r["article"], int(r["start"]), int(r["end"]), r.get("text", ""),
                                            bool(r["is_statement"]), r.get("speaker"), r.get("speaker_description")))
    return passages


def fold(name: str | None) -> str:
    """A name folded for comparison: accents and case gone, "the" and edge punctuation dropped."""
    ascii_name = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    return " ".join(w.strip(".,'\u2019") for w in ascii_name.replace("-", " ").split() if w != "the")


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    """"Graham" for "Lindsey Graham", "Erdogan" for "Recep Tayyip Erdogan"; not "Imran Khan" for "Sadiq Khan"."""
    p, g = fold(predicted), fold(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    pw, gw = p.split(), g.split()
    return pw[-1] == gw[-1] and set(pw[:-1]) <= set(gw[:-1])


def score(
    texts: dict[str, str], gold: Iterable[GoldPassage], predicted: dict[str, list[Statement]],
    also_predicted: dict[str, list[Statement]] | None = None,
) -> QuoteScores:
    """Score ``predicted`` statements (by article id); ``also_predicted`` (every attribution, not only
    speech) only tells a miss that extraction found but left out from one it never found."""
    covers = {article: _cover(len(text), predicted.get(article, [])) for article, text in texts.items()}
    wider = {article: _cover(len(text), also_predicted.get(article, [])) for article, text in texts.items()} \
        if also_predicted is not None else {}
    scores = QuoteScores()
    for passage in gold:
        if passage.article not in covers:
            continue
        hit = [s for s in covers[passage.article][passage.start:passage.end] if s is not None]
        length = max(1, passage.end - passage.start)
        if not passage.is_statement:
            scores.non_statements += 1
            if hit and len(hit) >= TAKEN_COVER * length:
                scores.taken += 1
                scores.errors.append(QuoteErrors("non-statement taken", passage, _speaker_of(hit)))
            continue
        scores.statements += 1
        if len(hit) < FOUND_COVER * length:
            scores.errors.append(QuoteErrors(_miss_family(hit, wider.get(passage.article), passage, length), passage))
            continue
        scores.found += 1
        if passage.speaker:
            scores.named += 1
            name = _speaker_of(hit)
            if same_speaker(name, passage.speaker):
                scores.right += 1
            else:
                scores.errors.append(QuoteErrors(_speaker_family(name, passage.speaker), passage, name))
    return scores


def _cover(length: int, statements: list[Statement]) -> list[Statement | None]:
    """Per character of the article, the statement whose content covers it (the last one wins)."""
    cover: list[Statement | None] = [None] * length
    for statement in statements:
        for a, b in statement.spans:
            cover[max(0, a):min(length, b)] = [statement] * (min(length, b) - max(0, a))
    return cover


def _speaker_of(hit: list[Statement]) -> str | None:
    """The speaker of the statement covering most of the passage."""
    counts = Counter(id(s) for s in hit)
    best = next(s for s in hit if id(s) == counts.most_common(1)[0][0])
    return best.speaker.name


def _miss_family(hit: list, wider_cover: list | None, passage: GoldPassage, length: int) -> str:
    if wider_cover is not None:
        wider_hit = [s for s in wider_cover[passage.start:passage.end] if s is not None]
        if len(wider_hit) >= FOUND_COVER * length:
            return "missed: not speech"
    return "missed: partly covered" if hit else "missed: not extracted"


def _speaker_family(name: str | None, gold: str) -> str:
    if not name:
        return "speaker: none named"
    p, g = fold(name).split(), fold(gold).split()
    if " ".join(g) in " ".join(p):  # "Senator Lindsey Graham" for "Lindsey Graham"
        return "speaker: extra words"
    if p and set(p) < set(g):
        return "speaker: part of the name"
    return "speaker: someone else"


def format_errors(scores: QuoteScores, texts: dict[str, str], *, limit: int = 0) -> str:
    """The misses and wrong speakers by family, with counts and (up to ``limit`` a family) examples."""
    lines = []
    by_family: dict[str, list[QuoteErrors]] = {}
    for error in scores.errors:
        by_family.setdefault(error.family, []).append(error)
    for family, explanation in ERROR_FAMILIES.items():
        errors = by_family.get(family, [])
        if not errors:
            continue
        lines.append(f"{family} ({len(errors)}): {explanation}")
        for error in errors[:limit] if limit else errors:
            p = error.passage
            context = " ".join(texts[p.article][max(0, p.start - 80):p.end + 60].split())
            got = f" got {error.got!r}" if error.family.startswith(("speaker", "non-")) else ""
            lines.append(f"  {p.article}:{p.start} gold {p.speaker!r}{got} | {context}")
    return "\n".join(lines)
