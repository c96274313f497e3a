"""A statement's stance toward a target proposition: for, against or neither, with the words that
decided it. Rules over the statement's words, fast enough for a record (no parse: 10,000 statements
in well under a second).

The mechanism, in order, for each place the statement names the target:
1. the clause around the mention (cut at sentence ends, semicolons and "but"/"while"/"whereas");
2. an alternative preferred to the target ("a pause rather than a ceasefire", "instead of the wall"):
   against the target;
3. the nearest stance word before the mention in its clause, or a judgement of it right after
   ("the deal is a disaster"): for or against;
4. whose position that is: a stance word whose subject is other people ("calls for a ceasefire
   have increased", "critics want the wall") is nobody's position here: neither;
5. negation between the stance word and the start of its clause ("does not support") flips it;
   "would not rule out", "open to" are openness: neither;
6. a condition after it ("only if the hostages are freed") keeps the side and marks it conditional;
   "not until", "unless" read as the target refused: against.
A statement with no stance word about the target is neither. The statement's cue counts as the
first words of its clause ("Starmer has resisted calls for ..." has the cue "resisted").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..lexicon import STOP_WORDS

LABELS = ("for", "against", "neither")

# Words (lowercase, apostrophes straight) that take a side on what follows them in their clause.
FOR_WORDS = frozenset("""
support supports supported supporting backing back backs backed endorse endorses endorsed endorsing
favour favor favours favors favoured favored favouring favoring urge urges urged urging demand demands
demanded demanding want wants wanted wanting need needs needed welcome welcomes welcomed welcoming
call calls called calling join joins joined joining defend defends defended defending embrace embraces
embraced praise praises praised champion champions championed build builds building push pushes pushed
pushing approve approves approved sign signs signed pass passes passed keep keeps kept restore advocate
advocates advocated advocating implement implemented enforce enforced extend extended impose imposed
introduce introduced order ordered require requires required mandate mandated fund funds funded funding
""".split())
AGAINST_WORDS = frozenset("""
oppose opposes opposed opposing opposition reject rejects rejected rejecting dismiss dismisses dismissed
resist resists resisted resisting against scrap scraps scrapped tear ditch ditched kill kills killed
block blocks blocked stop stops stopped end ends ended repeal repeals repealed repealing undo abolish
abolished criticise criticize criticised criticized criticising criticizing condemn condemns condemned
slam slams slammed blast blasts blasted attack attacks attacked denounce denounced withdraw withdrew
withdrawn quit quitting abandon abandoned halt halted lift lifted lifting ease eased easing overturn
veto vetoed refuse refused refuses reverse reversed fight fought fighting
""".split())
# Judgements said of the target right after it ("the deal is a disaster") or right before ("a terrible deal").
GOOD_WORDS = frozenset("good great best right necessary essential vital important needed effective fair smart "
                       "historic win success beautiful strong work works worked working succeed help helps".split())
BAD_WORDS = frozenset("bad terrible horrible worst wrong disaster disastrous mistake stupid dangerous unfair "
                      "failure failed catastrophe catastrophic ridiculous absurd dumb crazy insane "
                      "unacceptable unconstitutional illegal racist immoral useless waste".split())
NEGATORS = frozenset("not no never neither nor nobody none nothing cannot without n't won't don't doesn't didn't isn't aren't "
                     "wasn't weren't wouldn't shouldn't can't couldn't".split())
OPENNESS = (("rule", "out"), ("open", "to"), ("consider",), ("considering",), ("considered",))
# Who else may hold a stance the statement reports: the words before a stance word that make it theirs.
OTHERS = frozenset("critics opponents supporters protesters activists some others many campaigners voices "
                   "people they those groups members".split())
SPEAKER_SUBJECTS = frozenset("i we he she you it".split())  # the speaker, or in reported speech the speaker's "he"
PRESSURE = frozenset("call calls demand demands pressure appeals appeal pleas".split())  # others' demands, as nouns
GROWTH = frozenset("increased increasing grown growing grew mounted mounting intensified risen rose rising "
                   "multiplied spread".split())
ALTERNATIVE = (("rather", "than"), ("instead", "of"), ("in", "place", "of"))  # "not X but Y" is negation's
CONDITION = (("only", "if"), ("as", "long", "as"), ("provided",), ("on", "condition"), ("if",))
REFUSAL = (("not", "until"), ("unless",))
_CLAUSE_END = re.compile(r"[.;!?]|\b(?:but|while|whereas|although|however)\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass(frozen=True)
class Target:
    """A proposition as words: ``key`` words the statement must name (any of them), the rest context.
    "a ceasefire in Gaza" -> key ("ceasefire",); "building a wall on the Mexican border" -> ("wall",)
    when given as ``key``; by default every content word of the text is a key word."""

    text: str
    key: tuple[str, ...]

    @cached_property
    def prefixes(self) -> frozenset[str]:
        """The key words' first three letters: a word without one is no mention (no stemming needed)."""
        return frozenset(word[:3] for word in self.key)

    @classmethod
    def of(cls, text: str, key: str | None = None) -> "Target":
        words = [w for w in _words(key or text) if w not in STOP_WORDS and len(w) > 2]
        return cls(text, tuple(dict.fromkeys(_stem(w) for w in words)))


@dataclass(frozen=True)
class Stance:
    label: str  # for, against, neither
    confidence: float
    evidence: str  # the words that decided it ("calling for", "rather than", "not ... support")
    conditional: bool = False
    mentions: int = 0  # how often the statement names the target (0: it does not, and is neither)


class _Token:
    """A word (lowercase, straight apostrophes), where it starts, and its clause's number."""

    __slots__ = ("word", "start", "clause")

    def __init__(self, word: str, start: int, clause: int) -> None:
        self.word, self.start, self.clause = word, start, clause


def stance(text: str, target: Target, cue: str | None = None) -> Stance:
    """The statement's stance toward the target (see the module's docstring for the mechanism)."""
    lowered = text.lower()
    if not any(stem in lowered for stem in target.key):  # the cheap answer for most found statements
        return Stance("neither", 0.9, "does not name the target", mentions=0)
    said = ((cue + " ") if cue else "") + text
    tokens = _tokens(said, target.key)
    prefixes = target.prefixes
    mentions = [i for i, t in enumerate(tokens)
                if t.word[:3] in prefixes and _stem(t.word) in target.key and not _in_a_name(said, tokens, i)]
    if not mentions:
        return Stance("neither", 0.9, "does not name the target", mentions=0)
    readings = [_reading(tokens, i) for i in mentions]
    sided = [r for r in readings if r.label != "neither"]
    chosen = max(sided or readings, key=lambda r: r.confidence)
    return Stance(chosen.label, chosen.confidence, chosen.evidence, chosen.conditional, len(mentions))


def _reading(tokens: list[_Token], at: int) -> Stance:
    clause = [i for i, t in enumerate(tokens) if t.clause == tokens[at].clause]
    first, last = clause[0], clause[-1]
    before = range(at - 1, first - 1, -1)
    alternative = _phrase_before(tokens, at, first, ALTERNATIVE, within=4)
    if alternative:
        return Stance("against", 0.8, f"{alternative} the target: another option preferred")
    if _openness(tokens, at, first):
        return Stance("neither", 0.6, "openness, not a side (would not rule out)")
    if _reported_pressure(tokens, at, first, last):
        return Stance("neither", 0.7, "others' position: calls for it reported, not made")
    refused = _refused(tokens, at, first, last)
    if refused:
        return Stance("against", 0.7, refused)
    for i in before:
        word = tokens[i].word
        if word in FOR_WORDS or word in AGAINST_WORDS:
            side = "for" if word in FOR_WORDS else "against"
            outer = _governing(tokens, i, first)
            if outer is not None:  # "resisted calls for", "rejected demands for": a side on a side
                side = side if tokens[outer].word in FOR_WORDS else ("against" if side == "for" else "for")
                return _judged(tokens, outer, at, first, last, side, f"{tokens[outer].word} {word}")
            return _judged(tokens, i, at, first, last, side, word)
    for i in range(at + 1, min(last, at + 6) + 1):  # a judgement of it right after ("... is a disaster")
        word = tokens[i].word
        if word in GOOD_WORDS or word in BAD_WORDS:
            return _judged(tokens, i, at, first, last, "for" if word in GOOD_WORDS else "against", word, after=True)
    for i in range(at - 1, max(first, at - 3) - 1, -1):  # or right before ("a terrible deal")
        word = tokens[i].word
        if word in GOOD_WORDS or word in BAD_WORDS:  # a negation elsewhere in the clause is not its own
            return _judged(tokens, i, at, max(first, i - 2), last, "for" if word in GOOD_WORDS else "against", word)
    return Stance("neither", 0.6, "names the target without taking a side")


def _judged(tokens: list[_Token], cue: int, at: int, first: int, last: int, side: str, word: str,
            after: bool = False) -> Stance:
    """A side found at ``cue``: then whose it is, negation, openness and conditions."""
    if not after and _others_hold(tokens, cue, first):
        return Stance("neither", 0.7, f"others' position ({tokens[cue - 1].word} ... {word})")
    if _openness(tokens, cue, first):
        return Stance("neither", 0.6, f"openness, not a side ({word})")
    negated = [tokens[i].word for i in range(first, cue) if tokens[i].word in NEGATORS]
    if after:
        negated = [tokens[i].word for i in range(at + 1, cue) if tokens[i].word in NEGATORS]
    evidence = f"{negated[-1]} ... {word}" if negated else word
    if len(negated) % 2 == 1:
        side = "against" if side == "for" else "for"
    refusal = _phrase_after(tokens, at, last, REFUSAL)
    if refusal and side == "for":
        return Stance("against", 0.65, f"{evidence} ... {refusal}: refused until then")
    condition = _phrase_after(tokens, at, last, CONDITION)
    return Stance(side, 0.8 if not negated else 0.7, evidence + (f" ... {condition}" if condition else ""),
                  conditional=bool(condition))


def _others_hold(tokens: list[_Token], cue: int, first: int) -> bool:
    """The stance word's subject is other people ("critics want ..."): the statement reports a
    position, it does not take one."""
    for i in range(cue - 1, max(first, cue - 3) - 1, -1):  # the nearest subject-like word decides
        if tokens[i].word in SPEAKER_SUBJECTS:
            return False
        if tokens[i].word in OTHERS:
            return True
    return False


def _governing(tokens: list[_Token], cue: int, first: int) -> int | None:
    """A stance word right before a stance noun ("resisted calls for", "backed demands for"), which
    takes a side on that side."""
    if tokens[cue].word not in PRESSURE:
        return None
    for i in range(cue - 1, max(first, cue - 4) - 1, -1):
        if tokens[i].word in FOR_WORDS or tokens[i].word in AGAINST_WORDS:
            return i
    return None


def _reported_pressure(tokens: list[_Token], at: int, first: int, last: int) -> bool:
    """"Calls for a ceasefire have increased": a noun of others' demands whose verb reports a change
    in it, nobody taking it up in the clause."""
    nouns = [i for i in range(first, at) if tokens[i].word in PRESSURE]
    if not nouns:
        return False
    grows = any(tokens[i].word in GROWTH for i in range(at + 1, last + 1))
    taken_up = any(tokens[i].word in FOR_WORDS | AGAINST_WORDS - PRESSURE for i in range(first, nouns[0]))
    return grows and not taken_up


def _refused(tokens: list[_Token], at: int, first: int, last: int) -> str | None:
    """"No ceasefire until Hamas is gone": the target denied, on a condition."""
    if not any(tokens[i].word in NEGATORS for i in range(max(first, at - 2), at)):
        return None
    refusal = _phrase_after(tokens, at, last, REFUSAL + (("until",),))
    return f"no ... {refusal}: refused until then" if refusal else None


def _openness(tokens: list[_Token], at: int, first: int) -> bool:
    words = [t.word for t in tokens[first:at]]
    return any(_contains(words, phrase) for phrase in OPENNESS) and any(w in NEGATORS for w in words)


def _phrase_before(tokens: list[_Token], at: int, first: int, phrases, within: int) -> str | None:
    words = [t.word for t in tokens[max(first, at - within):at]]
    for phrase in phrases:
        if _contains(words, phrase):
            return " ".join(phrase)
    return None


def _phrase_after(tokens: list[_Token], at: int, last: int, phrases) -> str | None:
    words = [t.word for t in tokens[at + 1:last + 1]]
    for phrase in phrases:
        if _contains(words, phrase):
            return " ".join(phrase)
    return None


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i:i + n]) == phrase for i in range(len(words) - n + 1))


def _tokens(text: str, key: tuple[str, ...]) -> list[_Token]:
    """The words of the clauses that may name the target (every rule reads a mention's own clause
    only, so the others are never cut into words)."""
    tokens: list[_Token] = []
    bounds = [0, *(m.start() for m in _CLAUSE_END.finditer(text)), len(text)]
    for clause, (start, end) in enumerate(zip(bounds, bounds[1:])):
        piece = text[start:end].lower()
        if not any(stem in piece for stem in key):
            continue
        for match in _WORD.finditer(text, start, end):
            for word in _split_negation(match.group().lower().replace("’", "'")):
                tokens.append(_Token(word, match.start(), clause))
    return tokens


def _in_a_name(text: str, tokens: list[_Token], i: int) -> bool:
    """"Wall Street", "the Iran Deal Act": a capitalised word followed by another, not opening a
    quotation, is part of a name, not the target."""
    if i + 1 >= len(tokens) or not text[tokens[i].start].isupper() or not text[tokens[i + 1].start].isupper():
        return False
    before = text[max(0, tokens[i].start - 2):tokens[i].start]
    return not any(mark in before for mark in "\"“‘'")


def _split_negation(word: str) -> list[str]:
    """"doesn't" stays one negator; "isn't" too; a possessive "'s" is dropped."""
    if word.endswith("'s"):
        return [word[:-2]]
    return [word]


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _stem(word: str) -> str:
    """A crude fold of plurals and possessives, enough to match a target's words ("walls", "wall's")."""
    word = word.lower().replace("’", "'").removesuffix("'s").removesuffix("'")
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word
