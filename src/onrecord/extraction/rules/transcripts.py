"""Transcripts: a paragraph opened by a speaker's name in capitals and a colon ("PENCE: Well, ...")."""
from __future__ import annotations

import re

from ...lexicon import NOT_SPEAKER_LABELS
from ...model import Span, Speaker
from ..context import ArticleContext, Cue, Draft

_SPEAKER_LABEL = re.compile(r"[\"“]?(?P<label>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2})(?P<colon>:)[ \t]+(?P<content>\S)")


def claim_turns(ctx: ArticleContext) -> None:
    """A paragraph opened by a speaker's name in capitals and a colon is that speaker's turn,
    with every quote in it."""
    doc, text = ctx.doc, ctx.text
    for para in ctx.body:
        match = _SPEAKER_LABEL.match(text, para.start, para.end)
        if not match or match.group("label").lower() in NOT_SPEAKER_LABELS:
            continue
        label, colon = match.span("label"), match.start("colon")
        label_text = text[label[0]:label[1]]
        colon_token = doc.char_span(colon, colon + 1)
        if colon_token is None:
            continue
        name = ctx.names.canonical(label_text.title(), label[0])
        draft = Draft("direct", [(match.start("content"), para.end)], Cue(list(colon_token), None, []),
                      base_confidence=0.9)
        draft.speaker = Speaker(Span(label_text, *label), name, "person")
        draft.how = "name"
        ctx.claim(draft, [i for i, quote in enumerate(ctx.quotes) if para.start <= quote.open_mark < para.end])
