"""Signatures: '"We need change." ― Ana Ruiz', and whole paragraphs signed so."""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from ..context import ArticleContext, Cue, Draft
from ..syntax import token_index_at

_DASH = re.compile(r"[―—–]|--")
_SIGNATURE = re.compile(r"\s*(?P<dash>[―—–]|--)\s*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\.?\s*")


def claim_signed_paragraphs(ctx: ArticleContext) -> None:
    """'“As a young woman, I’d rather live in what he calls “hell” than ...” ― Adriana Rodarte':
    a paragraph that opens with a quote and ends with a closing mark and "― Name" is that person's
    statement, whole, however the marks inside it pair up. Its words count as quoted from here on,
    so no cue inside it makes a statement of its own."""
    doc, text, quotes = ctx.doc, ctx.text, ctx.quotes
    opening = {q.open_mark: i for i, q in enumerate(quotes)}
    for para in ctx.body:
        if para.start not in opening:
            continue
        dashes = [m.start() for m in _DASH.finditer(text, para.start, para.end)]
        if not dashes:
            continue
        match = _SIGNATURE.match(text, dashes[-1], para.end)
        quoted_end = dashes[-1]
        while quoted_end > para.start and text[quoted_end - 1].isspace():
            quoted_end -= 1
        if not match or match.end() != para.end or quoted_end <= para.start or text[quoted_end - 1] not in "”\"":
            continue
        cue = signature_cue(doc, match)
        if cue is None:
            continue
        held = [i for i, q in enumerate(quotes) if para.start <= q.open_mark < quoted_end]
        draft = Draft("direct", [(para.start, quoted_end)], cue, quotes=[quotes[i] for i in held], base_confidence=0.85)
        ctx.claim(draft, held)
        for token in doc[token_index_at(doc, para.start):token_index_at(doc, quoted_end - 1) + 1]:
            ctx.in_quote[token.i] = True


def claim_signed_quotes(ctx: ArticleContext) -> None:
    """'"We need change." ― Ana Ruiz': a quote signed with a dash and a name, ending its paragraph."""
    text = ctx.text
    ends = sorted(p.end for p in ctx.body)
    for i, quote in ctx.free_quotes():
        if quote.close_mark is None:
            continue
        paragraph_end = ends[bisect_right(ends, quote.outer_end - 1)] if ends and ends[-1] >= quote.outer_end else len(text)
        match = _SIGNATURE.match(text, quote.outer_end, paragraph_end)
        cue = signature_cue(ctx.doc, match) if match and match.end() == paragraph_end else None
        if cue is None:
            continue
        ctx.claim_quote(i, cue, 0.85)


def signature_cue(doc: Doc, match: re.Match) -> Cue | None:
    """The dash of a "― Name" signature as the cue, the name as the source."""
    dash = doc.char_span(match.start("dash"), match.end("dash"), alignment_mode="expand")
    name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
    return Cue(list(dash), name.root, [], dash[0]) if dash is not None and name is not None else None
