"""Nearby cues: a quote with an unused cue in its own sentence or opening the next one."""
from __future__ import annotations

from spacy.tokens import Doc

from ..context import MIN_QUOTE_WORDS, ArticleContext, Cue
from ..names import doc_text
from ..quotes import Quote
from ...lexicon import QUOTE_MARK_CHARS

_LEAD_ATTRIBUTION_TOKENS = 6  # '"..." Vitter demanded.': the cue opens the next sentence


def claim(ctx: ArticleContext) -> None:
    """A quote with an unused cue (or spare speech verb) in its own sentence or the one right after it.

    '"We will win," Khan said of the vote.' and '"Why not?" Vitter demanded.'
    (which the parser splits after the question mark).
    """
    used = {id(d.cue) for d in ctx.drafts if d.cue is not None}
    spare = [c for c in ctx.cues + ctx.spare if id(c) not in used]
    text = ctx.text
    for i, quote in ctx.free_quotes():
        if quote.words(text) < MIN_QUOTE_WORDS and not _is_exclamation(text, quote):
            continue
        for cue in spare:
            if id(cue) in used or not _cue_near_quote(ctx.doc, cue, quote):
                continue
            ctx.claim_quote(i, cue, 0.85)
            used.add(id(cue))
            break


def _is_exclamation(text: str, quote: Quote) -> bool:
    """'"You winning?" she said': a short question or exclamation is speech, not a scare quote."""
    return text[quote.open_mark:quote.outer_end].rstrip(QUOTE_MARK_CHARS).endswith(("?", "!"))


def _cue_near_quote(doc: Doc, cue: Cue, quote: Quote) -> bool:
    sent = cue.verb.sent
    if sent.start_char < quote.outer_end and sent.end_char > quote.open_mark:
        return True
    text = doc_text(doc)
    if cue.tokens[-1].text == ":" and quote.open_mark >= cue.tokens[-1].idx:
        # "The New York Times reports:" closing its paragraph, the quote opening the next.
        if not text[cue.tokens[-1].idx + 1:quote.open_mark].strip():
            return True
    # The sentence right after the quote, in the same paragraph, led by its attribution.
    gap = text[quote.outer_end:sent.start_char]
    return (
        sent.start_char >= quote.outer_end and not gap.strip() and "\n" not in gap
        and cue.verb.i - sent.start <= _LEAD_ATTRIBUTION_TOKENS
    )
