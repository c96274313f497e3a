"""Reading PolNeAR-style attribution annotations (brat standoff) as gold statements.

A split is ``text/<name>.txt`` plus ``attributions/<name>_<annotator>.ann``; where an
article has several annotators' files, the first in sorted order is gold.
The evaluation harness (issue 3) scores extracted statements against these.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

Fragments = tuple[tuple[int, int], ...]
_ROLES = ("Source", "Cue", "Content")


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution: each role is a tuple of (start, end) fragments, or empty."""

    source: Fragments
    cue: Fragments
    content: Fragments


def parse_ann(text: str) -> list[GoldAttribution]:
    """The attribution relations (``E`` lines) of one .ann file."""
    spans: dict[str, tuple[str, Fragments]] = {}
    relations: list[dict[str, str]] = []
    for line in text.splitlines():
        if line.startswith("T"):
            ident, middle, _surface = (line.split("\t") + ["", ""])[:3]
            kind, _, offsets = middle.partition(" ")
            fragments = tuple(
                (int(start), int(end)) for start, end in (part.split() for part in offsets.split(";") if part.strip())
            )
            spans[ident] = (kind, fragments)
        elif line.startswith("E"):
            _ident, args = line.split("\t", 1)
            relations.append(dict(arg.split(":", 1) for arg in args.split() if ":" in arg))
    gold = []
    for relation in relations:
        roles = {role: spans.get(relation[role], ("", ()))[1] if role in relation else () for role in _ROLES}
        if roles["Content"]:
            gold.append(GoldAttribution(roles["Source"], roles["Cue"], roles["Content"]))
    return gold


def read_split(split_dir: Path) -> dict[str, tuple[str, list[GoldAttribution]]]:
    """Article name -> (text, gold attributions) for a PolNeAR-style split."""
    texts = sorted((split_dir / "text").glob("*.txt"))
    annotations: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        annotations.setdefault(name, ann)  # sorted: the first annotator's file is gold
    split = {}
    for path in texts:
        ann = annotations.get(path.stem)
        gold = parse_ann(ann.read_text(encoding="utf-8")) if ann else []
        split[path.stem] = (path.read_text(encoding="utf-8"), gold)
    return split


def texts_and_gold(
    split: dict[str, tuple[str, list[GoldAttribution]]],
) -> tuple[dict[str, str], dict[str, list[GoldAttribution]]]:
    """A read split as the scorer takes it: name -> text, and name -> gold attributions."""
    return {name: text for name, (text, _) in split.items()}, {name: gold for name, (_, gold) in split.items()}


def split_fingerprint(split_dir: Path) -> str:
    """A sha256 over the split's file names and contents: says whether the data changed."""
    import hashlib

    digest = hashlib.sha256()
    for folder in ("text", "attributions"):
        for path in sorted((split_dir / folder).glob("*")):
            digest.update(f"{folder}/{path.name}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
