"""Leads: 'Rubio fired back: "..."', 'Clinton: "..."' and 'He posted on Twitter, "..."'."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ...lexicon import CUE_FORMS, DOCUMENT_NOUNS, NOT_ATTRIBUTION_VERBS
from ...values import normalise_word
from ..context import MIN_QUOTE_WORDS, ArticleContext, Cue
from ..names import doc_text
from ..repairs import subject_of
from ..syntax import NOUN_PHRASE_TAGS, cue_phrase, head_noun

_OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "acomp", "oprd", "ccomp", "xcomp"})
_BE_FORMS = frozenset({"is", "am", "are", "was", "were", "'s", "'m", "'re", "’s", "’m", "’re"})
_DOCUMENT_VERBS = frozenset({"read", "reads", "said", "says", "stated", "states"})
_QUOTED_WORDS_IN_LEAD = 3  # tokens, marks included
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
        if at == 0 or text[at - 1] not in ":," or text[at:quote.open_mark].count("\n") > 2:
            continue
        mark = doc.char_span(at - 1, at)
        if mark is None or in_quote[mark[0].i]:
            continue
        if text[at - 1] == ":":
            cue = _colon_lead_cue(doc, mark[0], in_quote)
        elif not text[at:quote.open_mark].count("\n"):
            cue = _comma_lead_cue(doc, mark[0], in_quote)
        else:
            cue = None
        if cue is None:
            continue
        ctx.claim_quote(i, cue, 0.8)


def _comma_lead_cue(doc: Doc, comma: Token, in_quote: list[bool]) -> Cue | None:
    """'He posted on Twitter, "..."', 'Johnson continued, "..."', 'Martin opines, "..."': a clause
    that ends in its verb (and where or how: no object, unless the verb speaks: 'told reporters,')
    right before a comma and the quote. Not a subordinate clause ('When he arrived, "..."')."""
    lead = [t for t in doc[comma.sent.start:comma.i] if not t.is_space]
    if not lead or any(in_quote[t.i] for t in lead):
        return None
    document = _document_lead(lead)
    if document is not None:
        return document  # "Trump's tweet read, "...""
    verbs = [t for t in lead if t.tag_.startswith("VB") and t.tag_ != "VBN" and t.lower_ not in NOT_ATTRIBUTION_VERBS]
    if not verbs or (verbs[-1].tag_ in {"VB", "VBG"} and verbs[-1].lower_ not in CUE_FORMS):
        return None  # a bare infinitive or participle leads only when it speaks: 'went as far as to say,'
    verb = verbs[-1]
    if verb.lower_ in _BE_FORMS:
        return None  # 'people are like, "..."': who says it is the answerer's story, not a lead
    if any(c.dep_ == "mark" for c in verb.children) or lead[0].dep_ == "mark" or lead[0].tag_ in {"WRB", "IN"}:
        return None
    source = subject_of(verb)
    if source is None or source.i > verb.i or in_quote[source.i]:
        return None
    after = doc[verb.i + 1:comma.i]
    if verb.lower_ not in CUE_FORMS and any(t.dep_ in _OBJECT_DEPS for t in after):
        return None  # "He thanked the crowd, ...": an act, not the quote's lead
    if any(t.tag_.startswith("VB") for t in after):
        return None  # another verb after it: not the lead's last word
    return Cue(cue_phrase(verb), source, [], verb)


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
    if not lead or in_quote[lead[0].i] or sum(in_quote[t.i] for t in lead) > _QUOTED_WORDS_IN_LEAD:
        return None  # (a word or two quoted in it is the lead's own: 'justified it as "defensive":')
    document = _document_lead(lead)
    if document is not None:
        return document
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


def _document_lead(lead: list[Token]) -> Cue | None:
    """'The family's statement on the death read: "..."', 'The summary of the decision read in part:
    "..."', "Trump's tweet read, "..."", whatever the parse made of "read" (a noun; a clause on
    "decision"): a document noun heading the words before "read" (or "said", "stated"), right
    before the colon or comma."""
    end = len(lead) - 2 if [t.lower_ for t in lead[-2:]] == ["in", "part"] else len(lead)
    if end < 2 or lead[end - 1].lower_ not in _DOCUMENT_VERBS:
        return None
    verb = lead[end - 1]
    before = lead[:end - 1]
    document = next((t for t in reversed(before) if t.tag_ in {"NN", "NNS"} and normalise_word(t.text) in DOCUMENT_NOUNS), None)
    if document is None or any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in before):
        return None
    return Cue(lead[end - 1:], document, [], verb)
