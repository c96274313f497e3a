"""Any quotation: words in quotation marks that no rule before claimed are still someone's words
('Boeing referred to the 707 involved as a "cargo plane"', 'the WHO raised the risk to "very
high"'): the sentence holding the quote is the attribution, its main verb the cue and that verb's
subject the source. Not a name or title, not a scare quote of a word or two, and not when the
sentence is the quote itself (a quote running on is the running speaker's), except in an
interview answer, whose quotes with no attribution of their own are the answerer's."""
from __future__ import annotations

from spacy.tokens import Token

from ...lexicon import CUE_FORMS, NAMING_FORMS, STANCE_FORMS
from ...model import Speaker
from ..context import MIN_QUOTE_WORDS, ArticleContext, Cue, Draft
from ..names import SPEAKER_KINDS
from ..quotes import Quote
from ..repairs import subject_of
from ..syntax import NOMINAL_TAGS, cue_phrase, token_index_at, tokens_in

_JUDGING_TAGS = frozenset({"JJ", "JJR", "JJS", "VBN"})
_NOT_JUDGING_DEPS = frozenset({"amod", "compound"})  # 'a "layered" look': describes a thing, as a name would
_VERB_AFTER_NAME_REACH = 12  # tokens back from a quote its verb may stand


def claim(ctx: ArticleContext) -> None:
    for i, quote in ctx.free_quotes():
        if quote.is_name_like(ctx.text):
            continue
        cue = _sentence_cue(ctx, quote) or _verb_after_name(ctx, quote)
        if quote.words(ctx.text) < MIN_QUOTE_WORDS and not (cue is not None and _characterises(ctx, cue, quote)):
            continue
        if cue is not None and (held := _statement_of_verb(ctx, cue.verb, quote)) is not None:
            _run_on(ctx, held, i)  # 'claiming that fraud is "a big problem" but "nobody talks about it"'
        elif cue is not None:
            ctx.claim_quote(i, cue, 0.7)
        elif (answering := ctx.names.turn_speaker_at(quote.open_mark)) is not None:
            draft = ctx.claim_quote(i, None, 0.7)  # a quote in an interview answer: the one answering
            draft.speaker, draft.how = Speaker(None, answering, "person"), "turn"


def _sentence_cue(ctx: ArticleContext, quote: Quote) -> Cue | None:
    """The nearest verb above the quote, outside it, with a subject outside it too ('as Trump went
    on about "..."': "went", not the sentence's main verb; 'the 707 involved as a "..."' has no
    subject of its own, so the verb above it speaks)."""
    token = ctx.doc[token_index_at(ctx.doc, quote.open_mark + 1)]
    while token.head.i != token.i:
        token = token.head
        if not token.tag_.startswith("VB") or ctx.in_quote[token.i]:
            continue
        source = subject_of(token)
        if source is not None and not ctx.in_quote[source.i] and source.tag_ in NOMINAL_TAGS:
            return Cue(cue_phrase(token), source, [], token)
    return None


def _verb_after_name(ctx: ArticleContext, quote: Quote) -> Cue | None:
    """'Trump called Stone's sentence "unjust."', 'Trump lauded Cain as a "powerful voice"': where
    the parser lost the sentence to the quote marks (it hung "called" under "unjust"), a speech,
    naming or judging verb right after a name, a few words before the quote in its sentence."""
    first = ctx.doc[token_index_at(ctx.doc, quote.open_mark + 1)]
    start = first.sent.start
    for token in reversed(ctx.doc[max(start, first.i - _VERB_AFTER_NAME_REACH):first.i]):
        if ctx.in_quote[token.i] and token.i < first.i - 1:
            return None  # another quote between: it is not this one's verb
        if token.lower_ in CUE_FORMS or token.lower_ in NAMING_FORMS or token.lower_ in STANCE_FORMS:
            before = token.nbor(-1) if token.i > start else None
            if before is None:
                return None
            mention = ctx.names.name_at(before)
            if mention is not None and mention.tokens[-1].i == before.i and ctx.names.kinds.get(mention.text) in SPEAKER_KINDS:
                return Cue([token], before, [], token)
            return None
    return None


def _statement_of_verb(ctx: ArticleContext, verb: Token, quote: Quote) -> Draft | None:
    """A statement the same verb already reports, ending before the quote in the same sentence."""
    for draft in ctx.drafts:
        if draft.cue is not None and draft.cue.verb.i == verb.i and draft.spans and draft.spans[-1][1] <= quote.open_mark:
            if not ctx.text[draft.spans[-1][1]:quote.open_mark].count("\n") and verb.sent.end_char >= quote.outer_end:
                return draft
    return None


def _run_on(ctx: ArticleContext, draft: Draft, i: int) -> None:
    """The statement runs on to the end of the quote: its clause, then the words up to the quote."""
    quote = ctx.quotes[i]
    draft.spans[-1] = (draft.spans[-1][0], quote.outer_end)
    draft.quotes.append(quote)
    if draft.type == "indirect":
        draft.type = "mixed"
    ctx.join(draft, i)


def _characterises(ctx: ArticleContext, cue: Cue, quote: Quote) -> bool:
    """A word or two in quotes that a speaker applies to something: 'referred to the 707 as a
    "cargo plane"', 'described by Johnson as a "historic mandate"', 'called the deal "unfair"'."""
    first = ctx.doc[token_index_at(ctx.doc, quote.open_mark + 1)]
    preposition = next((t for t in first.ancestors if t.dep_ == "prep" and t.i > cue.verb.i), None)
    if preposition is not None and preposition.lower_ == "as":
        return True  # 'as a "cargo plane"' characterises
    if _judges(ctx, quote):
        return True  # 'remains "fully committed"', 'raised the risk from "moderate" to "high"'
    if preposition is not None:
        return False  # 'about "software-as-a-service"' names a topic
    return cue.verb.lower_ in CUE_FORMS or cue.verb.lower_ in NAMING_FORMS


def _judges(ctx: ArticleContext, quote: Quote) -> bool:
    """A quoted adjective or participle, said of something: a judgement someone made ('"persistent"',
    '"fully committed"'), not a name."""
    words = [ctx.doc[i] for i in sorted(tokens_in(ctx.doc, *quote.fragments[0])) if not ctx.doc[i].is_punct]
    heads = [t for t in words if not any(t.head.i == w.i for w in words) or t.head.i == t.i]
    return len(heads) == 1 and heads[0].tag_ in _JUDGING_TAGS and heads[0].dep_ not in _NOT_JUDGING_DEPS
