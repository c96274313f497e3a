"""The running speaker: a quote with no cue of its own (a quote running on over paragraphs, a
paragraph floating after a statement) belongs to whoever was speaking just before."""
from __future__ import annotations

from bisect import bisect_right

from ...model import Span, Speaker
from ..context import MIN_QUOTE_WORDS, ArticleContext, Draft
from ..names import mention_span
from ..quotes import Paragraph, Quote
from ..repairs import subject_of

_RUNNING_SPEAKER_REACH = 2  # paragraphs a floating quote may look back for its speaker
_SENTENCE_ENDS = ".!?\"”’)"  # what ends the text before a quote that stands as its own sentence


def claim(ctx: ArticleContext) -> None:
    """Quotes with no cue of their own belong to whoever was speaking just before."""
    text, claimed = ctx.text, ctx.claimed
    para_start = {p.index: p.start for p in ctx.body}
    for i, quote in ctx.free_quotes():
        previous = claimed.get(i - 1) if i > 0 else None
        if quote.continues and previous is not None:
            speaker, conf = previous.speaker, 0.85
        else:
            before = text[para_start.get(quote.paragraph, quote.open_mark):quote.open_mark].rstrip()
            if before and before[-1] not in _SENTENCE_ENDS or quote.words(text) < MIN_QUOTE_WORDS:
                continue  # only a quote standing as a sentence of its own floats
            if quote.is_name_like(text) or _sentence_goes_on(text, quote):
                continue  # '"Law and order" was a common theme': the quote is a noun in the sentence
            recent = _latest_speaker_before(ctx.drafts, quote, ctx.body)
            if recent is not None and recent.speaker is not None and recent.speaker.mention is not None:
                speaker, conf = recent.speaker, 0.75
            elif (subject := _person_just_before(ctx, quote)) is not None:
                speaker, conf = subject, 0.7  # 'Underwhelmed with her role, she left the series. "This is not ..."'
            else:
                continue  # nobody to attribute it to: a quoted title or epigraph, not a statement
        draft = Draft("direct", [quote.outer_span], None, quotes=[quote], base_confidence=conf)
        draft.speaker = speaker or Speaker()  # the mention that named them is the source
        draft.how = "name" if draft.speaker.name else "unresolved"
        ctx.claim(draft, [i])


def _sentence_goes_on(text: str, quote: Quote) -> bool:
    """The words after the closing mark carry on the quote's sentence (a lower-case word follows)."""
    after = text[quote.outer_end:quote.outer_end + 40].lstrip(" \t")
    return bool(after) and after[0].islower()


def _person_just_before(ctx: ArticleContext, quote: Quote) -> Speaker | None:
    """The person the sentence right before the quote is about (its main verb's subject), when that
    sentence is in the quote's paragraph or closes the one before."""
    doc = ctx.doc
    opening = doc.char_span(quote.open_mark, quote.open_mark + 1, alignment_mode="expand")
    if opening is None or opening[0].sent.start == 0:
        return None
    previous = doc[opening[0].sent.start - 1].sent
    if quote.paragraph - _paragraph_of(ctx.body, previous.start_char) > 1 or any(ctx.in_quote[t.i] for t in previous):
        return None
    source = subject_of(previous.root)
    if source is None:
        return None
    referent = ctx.names.resolve(source)
    if referent.kind != "person" or referent.name is None:
        return None
    span = mention_span(source)
    return Speaker(Span(span.text, span.start_char, span.end_char), referent.name, "person")


def _paragraph_of(paras: list[Paragraph], position: int) -> int:
    starts = [p.start for p in paras]
    return paras[max(0, bisect_right(starts, position) - 1)].index


def _latest_speaker_before(drafts: list[Draft], quote: Quote, paras: list[Paragraph]) -> Draft | None:
    """The statement just before the quote, if it is near enough to hand over its speaker."""
    earlier = [d for d in drafts if d.spans[0][0] < quote.open_mark and d.speaker is not None]
    if not earlier:
        return None
    latest = max(earlier, key=lambda d: d.spans[-1][1])
    return latest if quote.paragraph - _paragraph_of(paras, latest.spans[-1][0]) <= _RUNNING_SPEAKER_REACH else None
