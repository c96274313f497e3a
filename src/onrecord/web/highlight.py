"""An article's text cut into runs, each marked with the statement it belongs to (or none).

Statements can overlap (a quote inside a reported clause); each run goes to the
narrowest statement covering it, so every character shows once and offsets stay
those of the stored text.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PALETTE_SIZE = 8  # colours in style.css: .speaker-0 ... .speaker-7


@dataclass(frozen=True)
class Run:
    text: str
    start: int
    statement: dict[str, Any] | None = None
    colour: int | None = None


def speaker_colours(statements: list[dict[str, Any]]) -> dict[str | None, int]:
    """A colour number per speaker, in order of first appearance; unnamed speakers share none."""
    colours: dict[str | None, int] = {}
    for statement in statements:
        key = statement["speaker"]["id"] or statement["speaker"]["name"]
        if key and key not in colours:
            colours[key] = len(colours) % PALETTE_SIZE
    return colours


def runs(text: str, statements: list[dict[str, Any]]) -> list[Run]:
    """The text as runs; ``"".join(r.text for r in runs) == text``."""
    spans = [
        (start, end, statement)
        for statement in statements
        for start, end in statement["content"]["spans"]
        if 0 <= start < end <= len(text)
    ]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    colours = speaker_colours(statements)
    out: list[Run] = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [(e - s, st) for s, e, st in spans if s <= start and end <= e]
        statement = min(covering, key=lambda c: (c[0], c[1]["id"]))[1] if covering else None
        if out and out[-1].statement is statement:
            last = out.pop()
            out.append(Run(last.text + text[start:end], last.start, statement, last.colour))
            continue
        key = (statement["speaker"]["id"] or statement["speaker"]["name"]) if statement else None
        out.append(Run(text[start:end], start, statement, colours.get(key) if statement else None))
    return out
