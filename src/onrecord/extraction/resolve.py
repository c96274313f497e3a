"""Each statement's speaker: the source of its cue, resolved to a name (``names.ArticleNames``)."""
from __future__ import annotations

from ..model import Span, Speaker
from .context import ArticleContext, Draft
from .names import ArticleNames, Referent, mention_span


def resolve_speakers(ctx: ArticleContext) -> None:
    """Every statement so far gets its speaker, in text order (a pronoun looks back at names before it)."""
    ctx.drafts.sort(key=lambda d: d.spans[0][0])
    _resolve_speakers(ctx.drafts, ctx.names)


def _resolve_speakers(drafts: list[Draft], names: ArticleNames) -> None:
    for draft in drafts:
        if draft.speaker is not None:
            continue  # named by a transcript label
        source = draft.cue.source if draft.cue else None
        if source is None:
            draft.speaker, draft.how = Speaker(), "unresolved"
            continue
        span = mention_span(source)
        referent: Referent = names.resolve(source, draft.spans)
        names.remember(source, referent)
        draft.speaker = Speaker(Span(span.text, span.start_char, span.end_char), referent.name, referent.kind)
        draft.how = referent.how
