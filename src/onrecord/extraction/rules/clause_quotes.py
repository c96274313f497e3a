"""Reported clauses that run into quotations: 'arguing Trump was "sow[ing] chaos and division" and
"mak[ing] matters worse."' is one statement, though the parser ended the clause at "was"; so is
'said he was "humbled" by the results and "...I and we will never take your support for granted."'."""
from __future__ import annotations

import re

from ..context import ArticleContext, Draft

_INTO_QUOTE = re.compile(r"[ \t]*(?:and[ \t]+)?")  # the clause's last word, then (and) the quotation
_BETWEEN_QUOTES = re.compile(r"[ \t]*(?:,[ \t]*)?(?:(?:and|or|but)[ \t]+)?")  # '"..." and "..."', '"...", "..."'
_REPORTED = ("indirect", "mixed")


def absorb(ctx: ArticleContext) -> None:
    """A reported clause (indirect or mixed) whose words stop right at a free quotation takes it,
    and the quotations coordinated after it; the statement becomes mixed."""
    starts = {quote.open_mark: i for i, quote in enumerate(ctx.quotes)}
    for draft in list(ctx.drafts):
        if draft.type not in _REPORTED or draft.cue is None or not draft.spans:
            continue
        end = max(e for _, e in draft.spans)
        gap = _INTO_QUOTE
        while (i := _free_quote_at(ctx, starts, gap, end)) is not None:
            quote = ctx.quotes[i]
            _take(ctx, draft, i)
            end, gap = quote.outer_end, _BETWEEN_QUOTES


def _free_quote_at(ctx: ArticleContext, starts: dict[int, int], gap: re.Pattern[str], end: int) -> int | None:
    match = gap.match(ctx.text, end)
    i = starts.get(match.end()) if match else None
    return i if i is not None and i not in ctx.claimed else None


def _take(ctx: ArticleContext, draft: Draft, i: int) -> None:
    quote = ctx.quotes[i]
    last = max(range(len(draft.spans)), key=lambda k: draft.spans[k][1])
    draft.spans[last] = (draft.spans[last][0], quote.outer_end)  # one span, through the words between
    draft.quotes.append(quote)
    draft.type = "mixed"
    ctx.join(draft, i)
