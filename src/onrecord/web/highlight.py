"""An article's text cut into runs, each marked with the statement it belongs to (or none).

Statements can overlap (a quote inside a reported clause); each run goes to the
narrowest statement covering it, so every character shows once and offsets stay
those of the stored text.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

# Colours in style.css: .speaker-0 ... .speaker-19, light tints that black text reads on. Colour is
# never the only cue: each speaker also has a number, shown at the start of their statements and
# in the legend, and the second ten are underlined dashed.
PALETTE_SIZE = 20


@dataclass(frozen=True)
class Run:
    text: str
    start: int
    statement: dict[str, Any] | None = None
    colour: int | None = None
    first: bool = False  # the statement's first run: where its speaker's number is shown


def speaker_colours(statements: list[dict[str, Any]]) -> dict[str | None, int]:
    """A colour number per speaker, in order of first appearance; unnamed speakers share none."""
    colours: dict[str | None, int] = {}
    for statement in statements:
        key = statement["speaker"]["id"] or statement["speaker"]["name"]
        if key and key not in colours:
            colours[key] = len(colours) % PALETTE_SIZE
    return colours


def runs(text: str, statements: list[dict[str, Any]], body_start: int = 0) -> list[Run]:
    """The text from ``body_start`` on (after a header such as "date 2023-10-27") as runs;
    ``"".join(r.text for r in runs) == text[body_start:]`` and each run's ``start`` indexes ``text``."""
    spans = [
        (start, end, statement)
        for statement in statements
        for start, end in statement["content"]["spans"]
        if 0 <= start < end <= len(text)
    ]
    inside = [cut for s, e, _ in spans for cut in (s, e) if cut > body_start]
    cuts = sorted({body_start, len(text), *inside})
    colours = speaker_colours(statements)
    out: list[Run] = []
    seen: set[int] = set()
    for start, end in zip(cuts, cuts[1:]):
        covering = [(e - s, st) for s, e, st in spans if s <= start and end <= e]
        statement = min(covering, key=lambda c: (c[0], c[1]["id"]))[1] if covering else None
        if out and out[-1].statement is statement:
            last = out.pop()
            out.append(dataclasses.replace(last, text=last.text + text[start:end]))
            continue
        key = (statement["speaker"]["id"] or statement["speaker"]["name"]) if statement else None
        first = statement is not None and statement["id"] not in seen
        if statement is not None:
            seen.add(statement["id"])
        out.append(Run(text[start:end], start, statement, colours.get(key) if statement else None, first))
    return out
