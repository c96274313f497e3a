"""Each statement's speaker: the source of its cue, resolved to a name (``names.ArticleNames``)."""
from __future__ import annotations

from ..lexicon import CONTINUING_FORMS
from ..model import Span, Speaker
from .context import ArticleContext, Draft
from .names import ArticleNames, Referent, mention_span


def resolve_speakers(ctx: ArticleContext) -> None:
    """Every statement so far gets its speaker, in text order (a pronoun looks back at names before it)."""
    ctx.drafts.sort(key=lambda d: d.spans[0][0])
    _resolve_speakers(ctx.drafts, ctx.names)


_CONTINUING_REACH = 300  # characters from the statement before to the continuing verb


def _resolve_speakers(drafts: list[Draft], names: ArticleNames) -> None:
    before: Draft | None = None
    for draft in drafts:
        if draft.speaker is not None:
            before = draft
            continue  # named by a transcript label
        source = draft.cue.source if draft.cue else None
        if source is None:
            draft.speaker, draft.how = Speaker(), "unresolved"
            continue
        span = mention_span(source)
        names.follow_pronouns(until=source.idx)
        referent: Referent = names.resolve(source, draft.spans)
        if referent.name is None and referent.how == "description" and _continues(draft, before):
            assert before is not None and before.speaker is not None
            referent = Referent(before.speaker.name, before.speaker.kind, "description")
        if referent.name is not None and not _is_a_name(referent.name):
            referent = Referent(None, referent.kind, "description")  # "xenophobe"
        names.remember(source, referent)
        draft.speaker = Speaker(Span(span.text, span.start_char, span.end_char), referent.name, referent.kind)
        draft.how = referent.how
        before = draft


def _continues(draft: Draft, before: Draft | None) -> bool:
    """'"...," said study co-author Karen Alley. The Wooster professor added, "..."': a description
    of a person going on with the statement just made is its speaker."""
    if before is None or before.speaker is None or before.speaker.name is None or before.speaker.kind != "person":
        return False
    verb = draft.cue.verb if draft.cue else None
    if verb is None or verb.lower_ not in CONTINUING_FORMS:
        return False
    return 0 <= verb.idx - max(e for _, e in before.spans) <= _CONTINUING_REACH


def _is_a_name(name: str) -> bool:
    """A name has a capital letter, in a script with capitals ("xenophobe" is a common noun)."""
    cased = [c for c in name if c.lower() != c.upper()]
    return not cased or any(c.isupper() for c in cased)
