"""What every rule shares: one article's parse, its quotes, and the statements claimed so far.

A rule reads the ``ArticleContext`` and adds statements through ``claim``: a statement holds the
quotes it claims, and a quote once claimed is not claimed again by a later rule (``free_quotes``).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..model import Speaker
from .names import ArticleNames
from .quotes import Paragraph, Quote

MIN_QUOTE_WORDS = 3  # "scare quotes" of a word or two are not statements


@dataclass(frozen=True)
class Settings:
    """The extraction's knobs, the ``onrecord`` component's config (defaults: tuned on PolNeAR dev)."""

    learned_check: bool = True  # drop statements the learned scorer doubts (off when training it)
    min_seen: int = 4  # a (form, frame) pair's learned cue rate counts from this many sightings
    speech_verb_floor: float = 0.3  # a speech verb is a cue unless its frame's rate is below this
    other_verb_threshold: float = 0.1  # any other verb is a cue from this rate
    noun_cues: bool = True  # "Trump's claim that ...": nouns with a "that" clause may be cues
    noun_cue_threshold: float = 0.3  # from this learned rate
    quote_holding_candidates: bool = True  # 'hailed the plan as "..."': candidates for the learned check


@dataclass
class Cue:
    tokens: list[Token]  # the cue's words, in order
    source: Token | None
    content: list[int]  # token indices of the reported clause, possibly discontinuous
    verb: Token | None = None  # the word the parse hangs everything on; default: the last
    by_preposition: bool = False  # content is a preposition's object ("complained about X")

    def __post_init__(self) -> None:
        if self.verb is None:
            self.verb = self.tokens[-1]


@dataclass
class Draft:
    """A statement under construction; becomes a ``Statement`` at the end."""

    type: str
    spans: list[tuple[int, int]]
    cue: Cue | None
    quotes: list[Quote] = field(default_factory=list)
    speaker: Speaker | None = None
    how: str = "unresolved"
    base_confidence: float = 0.9


@dataclass
class ArticleContext:
    """One article under extraction; the rules read it and claim quotes through it."""

    doc: Doc
    text: str
    body: list[Paragraph]  # the paragraphs after the headline
    headline_end: int
    quotes: list[Quote]
    in_quote: list[bool]  # per token: inside quotation marks (or a signed paragraph)
    names: ArticleNames
    settings: Settings
    claimed: dict[int, Draft] = field(default_factory=dict)  # quote index -> the statement holding it
    drafts: list[Draft] = field(default_factory=list)  # statements so far, in the order rules made them
    cues: list[Cue] = field(default_factory=list)  # cues with a reported clause
    spare: list[Cue] = field(default_factory=list)  # speech verbs with a speaker but no clause
    candidates: list[Cue] = field(default_factory=list)  # other verbs holding a quote

    def claim(self, draft: Draft, quotes: Iterable[int] = ()) -> Draft:
        """Add a statement; from now on it holds these quotes (by index)."""
        for i in quotes:
            self.claimed[i] = draft
        self.drafts.append(draft)
        return draft

    def claim_quote(self, i: int, cue: Cue | None, confidence: float) -> Draft:
        """A direct statement of one quote, which from now on that statement holds."""
        quote = self.quotes[i]
        return self.claim(Draft("direct", [quote.outer_span], cue, quotes=[quote], base_confidence=confidence), [i])

    def join(self, draft: Draft, i: int) -> None:
        """An existing statement takes one more quote (the other half of an interrupted quote)."""
        self.claimed[i] = draft

    def free_quotes(self) -> Iterator[tuple[int, Quote]]:
        """The quotes no statement holds yet, with their indices."""
        return ((i, q) for i, q in enumerate(self.quotes) if i not in self.claimed)
