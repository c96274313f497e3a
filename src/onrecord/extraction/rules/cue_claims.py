"""Cues claim the quotes in their clause: direct when the clause is the quote, mixed when a quote
is a fragment of it, indirect when there is none; a quote right after the cue's own words
('X told the press in an interview, "..."') is its clause too."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ...lexicon import CUE_FORMS, NAMING_FORMS
from ..context import ArticleContext, Cue, Draft
from ..names import doc_text
from ..quotes import Quote
from ..syntax import COMPLEMENT_DEPS, token_end, token_spans, tokens_in, word_count, words_outside_quotes

def claim_by_cues(ctx: ArticleContext) -> None:
    """Every cue with a clause makes a statement of it, holding the free quotes inside it."""
    _claim_clauses(ctx, ctx.cues)


def claim_by_candidates(ctx: ArticleContext) -> None:
    """'hailed the plan as "..."': a candidate verb claims its clause only if a quote in it is still free."""
    _claim_clauses(ctx, _holding_unclaimed(ctx.doc, ctx.candidates, ctx.quotes, ctx.claimed))


def _claim_clauses(ctx: ArticleContext, cues: list[Cue]) -> None:
    doc, quotes, claimed = ctx.doc, ctx.quotes, ctx.claimed
    innermost = _innermost_cues(doc, cues, quotes)
    for cue in cues:
        start, end = doc[cue.content[0]].idx, token_end(doc[cue.content[-1]])
        inside = [i for i, q in enumerate(quotes) if q.open_mark < end and q.outer_end > start and i not in claimed
                  and innermost.get(i, cue) is cue]
        leading = _quote_led_by_cue(doc, cue, quotes, claimed)
        if leading is not None and not inside:
            inside, cue.content = [leading], []
        if not inside:
            if word_count(doc, cue.content) >= 2:
                ctx.claim(Draft("indirect", token_spans(doc, cue.content), cue, base_confidence=0.85))
            continue
        outside = words_outside_quotes(doc, cue.content, [quotes[i] for i in inside])
        if outside <= 1 and not _names_its_object(cue, outside):
            draft = Draft("direct", [], cue, base_confidence=0.95)
            for i in inside:
                draft.spans.append(quotes[i].outer_span)
            that = _leading_that(doc, cue.content, quotes[inside[0]])
            if that is not None:  # 'said that "..."': the clause starts at "that"
                draft.spans[0] = (that.idx, draft.spans[0][1])
        else:
            covered = set(cue.content)
            for i in inside:
                covered |= tokens_in(doc, quotes[i].open_mark, quotes[i].outer_end)
            draft = Draft("mixed", token_spans(doc, sorted(covered)), cue, base_confidence=0.9)
        draft.quotes = [quotes[i] for i in inside]
        ctx.claim(draft, inside)


def _names_its_object(cue: Cue, outside: int) -> bool:
    """'called her "third-rate"': a naming verb's object is part of what it reports, however short."""
    verb = cue.verb
    return outside == 1 and verb is not None and verb.lower_ in NAMING_FORMS and any(c.dep_ == "oprd" for c in verb.children)


def _innermost_cues(doc: Doc, cues: list[Cue], quotes: list[Quote]) -> dict[int, Cue]:
    """For each quote, the cue whose clause holds it; of two nested clauses, the inner one's when it is
    an adverbial clause whose verb speaks or names, with a name for subject: 'Republicans criticized the inquiry, with Steve
    Scalise calling it "Soviet-style"' gives the quote to "calling", not to "criticized"."""
    found: dict[int, tuple[int, Cue]] = {}
    for cue in cues:
        if not cue.content:
            continue
        start, end = doc[cue.content[0]].idx, token_end(doc[cue.content[-1]])
        for i, quote in enumerate(quotes):
            if not (quote.open_mark < end and quote.outer_end > start):
                continue
            if i not in found or (end - start < found[i][0] and _named_speech(cue)):
                found[i] = (end - start, cue)
    return {i: cue for i, (_, cue) in found.items()}


def _named_speech(cue: Cue) -> bool:
    """A speech or naming verb in an adverbial clause with a named subject of its own ('with Steve
    Scalise calling ...', 'while ALDI called it ...'): someone else speaks inside the clause."""
    verb = cue.verb
    if verb is None or verb.dep_ not in {"advcl", "pcomp"}:
        return False
    speaks = verb.lower_ in CUE_FORMS or verb.lower_ in NAMING_FORMS
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return speaks and subject is not None and subject.tag_ in {"NNP", "NNPS"}


def _leading_that(doc: Doc, content: list[int], quote: Quote) -> Token | None:
    """The complementiser right before a quote that is the whole clause, if any."""
    words = [doc[i] for i in content if not doc[i].is_space and doc[i].idx < quote.open_mark]
    if len(words) == 1 and words[0].lower_ == "that":
        return words[0]
    return None


def _quote_led_by_cue(doc: Doc, cue: Cue, quotes: list[Quote], claimed: dict[int, Draft]) -> int | None:
    """'X told the press in an interview, "..."': a quote right after the cue's own words.

    Everything between the cue and the opening mark must belong to the cue's phrase
    (its object, a prepositional phrase) and end with a comma or colon; the parser
    may still have hung a later clause on the cue as its complement.
    """
    verb = cue.verb
    phrase = {t.i for t in verb.subtree}
    for i, quote in enumerate(quotes):
        if i in claimed or quote.open_mark <= verb.idx:
            continue
        gap = doc_text(doc)[token_end(verb):quote.open_mark]
        if len(gap) > 80 or not gap.rstrip().endswith((",", ":")):
            return None
        if "\n" in gap and gap.strip() != ":":  # a colon may end the paragraph before a quote
            return None
        between = []
        for token in doc[verb.i + 1:]:
            if token.idx >= quote.open_mark:
                break
            if not token.is_space:
                between.append(token)
        if all(t.is_punct or (t.i in phrase and t.dep_ not in COMPLEMENT_DEPS) for t in between):
            return i
        return None
    return None


def _holding_unclaimed(doc: Doc, cues: list[Cue], quotes: list[Quote], claimed: dict[int, Draft]) -> list[Cue]:
    """The candidate cues whose content still holds a quote no other cue has claimed."""
    free = [q for i, q in enumerate(quotes) if i not in claimed]
    return [
        c for c in cues
        if any(q.open_mark < token_end(doc[c.content[-1]]) and q.outer_end > doc[c.content[0]].idx for q in free)
    ]
