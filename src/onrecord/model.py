"""The records onrecord reads and writes: articles in, statements out.

Every offset is a Python string index into the article text exactly as read.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

StatementType = Literal["direct", "mixed", "indirect"]
SpeakerKind = Literal["person", "organization", "group"]


@dataclass(frozen=True)
class Span:
    """A stretch of the article text: ``text == article_text[start:end]``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Speaker:
    """Who made a statement: the words the article uses and who they name."""

    mention: Span | None = None
    name: str | None = None
    kind: SpeakerKind | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "mention": self.mention.to_dict() if self.mention else None,
            "name": self.name,
            "kind": self.kind,
        }


@dataclass(frozen=True)
class Statement:
    """One thing somebody said, as the article reports it.

    ``spans`` holds one (start, end) pair per fragment of the content: a quote
    interrupted by "he said" has two. ``text`` is the fragments joined by a space.
    """

    type: StatementType
    text: str
    spans: tuple[tuple[int, int], ...]
    cue: Span | None
    speaker: Speaker
    confidence: float
    speech: bool = True
    article: str | None = None
    date: str | None = None

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "date": self.date,
            "type": self.type,
            "content": {"text": self.text, "spans": [list(s) for s in self.spans]},
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict(),
            "confidence": round(self.confidence, 2),
            "speech": self.speech,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Statement:
        """The inverse of ``to_dict``: a statement from a line of statement JSONL."""
        cue = data.get("cue")
        speaker = data.get("speaker") or {}
        mention = speaker.get("mention")
        return cls(
            type=data["type"],
            text=data["content"]["text"],
            spans=tuple((int(s), int(e)) for s, e in data["content"]["spans"]),
            cue=Span(cue["text"], cue["start"], cue["end"]) if cue else None,
            speaker=Speaker(
                Span(mention["text"], mention["start"], mention["end"]) if mention else None,
                speaker.get("name"),
                speaker.get("kind"),
            ),
            confidence=float(data.get("confidence", 0.0)),
            speech=bool(data.get("speech", True)),
            article=data.get("article"),
            date=data.get("date"),
        )


def reported(statements: list[Statement], all_attributions: bool = False) -> list[Statement]:
    """What a user asked for: speech only (said, told, according to), or every attribution too
    (what people are reported to believe, find or want)."""
    return list(statements) if all_attributions else [s for s in statements if s.speech]


@dataclass(frozen=True)
class RoleSighting:
    """An article calls a person by a role: ("Sadiq Khan", "london mayor")."""

    name: str
    role: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role}


@dataclass
class Article:
    """One article as read: ``text`` is exactly what offsets index.

    ``body_start`` is where the article body begins inside ``text`` (after a
    ``date YYYY-MM-DD`` header, for instance); extraction ignores what is before it.
    """

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    body_start: int = 0
    origin: str = ""
    warnings: list[str] = field(default_factory=list)

    def metadata(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.date, "title": self.title, "url": self.url, "source": self.source}


@dataclass
class ArticleExtraction:
    """What extraction found in one article: its statements, the roles it names, or why it failed."""

    article: Article
    statements: list[Statement]
    roles: list[RoleSighting] = field(default_factory=list)
    error: str | None = None


class Extractor(Protocol):
    """Articles in, their extractions out, in input order (``onrecord.extraction.extractor`` makes one).

    Articles for which ``needs_parse`` says False pass through unparsed, with no statements.
    """

    def __call__(
        self, articles: Iterable[Article], *, needs_parse: Callable[[Article], bool] | None = None
    ) -> Iterator[ArticleExtraction]: ...
