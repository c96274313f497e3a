"""Interrupted quotes: '"We will win," she said, "and soon."' is one statement of two fragments;
'"...," further remarking, "..."' is the holder's next statement."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ...lexicon import CUE_FORMS
from ..context import ArticleContext, Cue
from ..names import doc_text
from ..quotes import Quote
from ..syntax import tokens_in

_MERGING_TYPES = ("direct", "mixed")
_INTERRUPTION_CHARS = 400  # at most this between the halves of an interrupted quote
_JOINING_CONJUNCTION = re.compile(r",\s*(?P<word>(?:but|and)(?:\s+(?:still|also|then))?)\s*$")  # '..." he said, but "...'


def join_halves(ctx: ArticleContext) -> None:
    """The halves of an interrupted quote are one statement.

    '"We will win," she said, "and soon."', '"We will win," she said. "Soon."' and
    '"My hope," he said, "is peace."' (where the cue claimed the second half): when
    the words between two quotes of a paragraph are the holder's own attribution.
    """
    doc, quotes, claimed = ctx.doc, ctx.quotes, ctx.claimed
    for i in range(1, len(quotes)):
        before, after = quotes[i - 1], quotes[i]
        if before.paragraph != after.paragraph or (i - 1 in claimed) == (i in claimed):
            continue
        holder = claimed.get(i - 1) or claimed[i]
        if holder.type not in _MERGING_TYPES or holder.cue is None:
            continue
        if _only_attribution_between(doc, before, after, holder.cue):
            loose = after if i - 1 in claimed else before
            joined = _JOINING_CONJUNCTION.search(doc_text(doc), before.outer_end, after.open_mark)
            start = joined.start("word") if joined and loose is after else loose.open_mark
            holder.spans.append((start, loose.outer_end))  # '"...," he said, but "..."': from "but"
            holder.quotes.append(loose)
            ctx.join(holder, i if i - 1 in claimed else i - 1)
        elif i - 1 in claimed and (participle := _speech_participle_between(doc, before, after)) is not None:
            going_on = Cue([participle], holder.cue.source, [], participle)
            ctx.claim_quote(i, going_on, holder.base_confidence)


def _speech_participle_between(doc: Doc, before: Quote, after: Quote) -> Token | None:
    """'"...," further remarking, "..."', '"...," adding: "..."': between the quotes only a speech
    verb's participle (and adverbs), set off by punctuation: the holder goes on speaking."""
    between = [doc[i] for i in sorted(tokens_in(doc, before.outer_end, after.open_mark))]
    words = [t for t in between if not t.is_punct]
    if not between or not between[-1].is_punct or not words or len(words) > 3:
        return None
    *adverbs, verb = words
    if not verb.lower_.endswith("ing") or verb.lower_ not in CUE_FORMS or any(t.tag_ not in {"RB", "RBR", "JJ"} for t in adverbs):
        return None
    return verb


def _only_attribution_between(doc: Doc, before: Quote, after: Quote, cue: Cue) -> bool:
    """Whether the words between two quotes are the cue's sentence and nothing else."""
    gap = doc_text(doc)[before.outer_end:after.open_mark]
    joined = _JOINING_CONJUNCTION.search(gap)
    if joined:
        gap = gap[:joined.start("word")]
    if not gap.rstrip().endswith((",", ":", ".")) or len(gap) > _INTERRUPTION_CHARS:
        return False
    if not before.outer_end <= cue.verb.idx < after.open_mark:
        return False
    sentence = cue.verb.sent
    between = [doc[i] for i in tokens_in(doc, before.outer_end, after.open_mark)]
    return all(sentence.start <= t.i < sentence.end or t.is_punct for t in between)
