"""Colon leads: 'Rubio fired back: "..."' and 'Clinton: "..."'."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ...lexicon import CUE_FORMS, NOT_ATTRIBUTION_VERBS
from ..context import MIN_QUOTE_WORDS, ArticleContext, Cue
from ..names import doc_text
from ..repairs import subject_of
from ..syntax import NOUN_PHRASE_TAGS, cue_phrase, head_noun

_COLON_LEAD_WORDS = 6  # 'Former Rep. Jane Harman: "..."': a name or short noun phrase before a colon


def claim(ctx: ArticleContext) -> None:
    """'Rubio fired back: "If they sue us, they lose."' and 'Clinton: "Our goal is ..."'.

    A quote right after a colon (in its paragraph, or opening the next one) belongs to what
    leads to the colon: its verb is the cue, whatever the verb, and its subject the source;
    a short noun phrase alone before the colon is the source itself, the colon the cue.
    """
    doc, text, in_quote = ctx.doc, ctx.text, ctx.in_quote
    for i, quote in ctx.free_quotes():
        if quote.words(text) < MIN_QUOTE_WORDS:
            continue
        at = quote.open_mark
        while at > 0 and text[at - 1].isspace():
            at -= 1
        if at == 0 or text[at - 1] != ":" or text[at:quote.open_mark].count("\n") > 2:
            continue
        colon = doc.char_span(at - 1, at)
        if colon is None or in_quote[colon[0].i]:
            continue
        cue = _colon_lead_cue(doc, colon[0], in_quote)
        if cue is None:
            continue
        ctx.claim_quote(i, cue, 0.8)


def _leading_verb(verbs: list[Token]) -> Token:
    """The verb that brings the quote: a speech verb ('told the press the drugs were part of the
    solution: "..."'), else the one highest in the sentence, not one inside a reported clause."""
    speech = [v for v in verbs if v.lower_ in CUE_FORMS]
    if speech:
        return speech[0]
    return min(verbs, key=lambda v: (sum(1 for _ in v.ancestors), -v.i))


def _colon_lead_cue(doc: Doc, colon: Token, in_quote: list[bool]) -> Cue | None:
    """The cue of the words between the sentence start and a colon: a verb with a subject, or a
    noun phrase of a few words opening its paragraph."""
    lead = [t for t in doc[colon.sent.start:colon.i] if not t.is_space]
    if not lead or any(in_quote[t.i] for t in lead):
        return None
    verbs = [t for t in lead if t.tag_ in {"VBD", "VBZ", "VBP"} and t.lower_ not in NOT_ATTRIBUTION_VERBS]
    if verbs:
        verb = _leading_verb(verbs)
        source = subject_of(verb)
        if source is None or source.i > verb.i:
            return None
        phrase = cue_phrase(verb)
        between = doc[phrase[-1].i + 1:colon.i]
        if all(t.tag_ in {"RB", "RBR", "RP"} for t in between):  # "fired back forcefully:"
            phrase = list(doc[phrase[0].i:colon.i + 1])
        return Cue(phrase, source, [], verb)
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, lead[0].idx) + 1
    opens_paragraph = not text[line_start:lead[0].idx].strip()
    if not opens_paragraph or len(lead) > _COLON_LEAD_WORDS or not all(t.tag_ in NOUN_PHRASE_TAGS for t in lead):
        return None
    if not any(t.tag_ in {"NNP", "NNPS"} for t in lead) and lead[0].lower_ != "the":
        return None
    return Cue([colon], head_noun(lead[-1]), [], colon)
