"""The running speaker: a quote with no cue of its own (a quote running on over paragraphs, a
paragraph floating after a statement) belongs to whoever was speaking just before."""
from __future__ import annotations

from bisect import bisect_right

from ...model import Speaker
from ..context import MIN_QUOTE_WORDS, ArticleContext, Draft
from ..quotes import Paragraph, Quote

_RUNNING_SPEAKER_REACH = 2  # paragraphs a floating quote may look back for its speaker


def claim(ctx: ArticleContext) -> None:
    """Quotes with no cue of their own belong to whoever was speaking just before."""
    text, claimed = ctx.text, ctx.claimed
    para_start = {p.index: p.start for p in ctx.body}
    for i, quote in ctx.free_quotes():
        previous = claimed.get(i - 1) if i > 0 else None
        if quote.continues and previous is not None:
            speaker, conf = previous.speaker, 0.85
        else:
            floating = not text[para_start.get(quote.paragraph, quote.open_mark):quote.open_mark].strip()
            if not floating or quote.words(text) < MIN_QUOTE_WORDS:
                continue
            recent = _latest_speaker_before(ctx.drafts, quote, ctx.body)
            if recent is None or recent.speaker is None or recent.speaker.mention is None:
                continue  # nobody to attribute it to: a quoted title or epigraph, not a statement
            speaker, conf = recent.speaker, 0.75
        draft = Draft("direct", [quote.outer_span], None, quotes=[quote], base_confidence=conf)
        draft.speaker = speaker or Speaker()  # the mention that named them is the source
        draft.how = "name" if draft.speaker.name else "unresolved"
        ctx.claim(draft, [i])


def _latest_speaker_before(drafts: list[Draft], quote: Quote, paras: list[Paragraph]) -> Draft | None:
    """The statement just before the quote, if it is near enough to hand over its speaker."""
    earlier = [d for d in drafts if d.spans[0][0] < quote.open_mark and d.speaker is not None]
    if not earlier:
        return None
    latest = max(earlier, key=lambda d: d.spans[-1][1])
    starts = [p.start for p in paras]
    paragraph = paras[bisect_right(starts, latest.spans[-1][0]) - 1].index
    return latest if quote.paragraph - paragraph <= _RUNNING_SPEAKER_REACH else None
