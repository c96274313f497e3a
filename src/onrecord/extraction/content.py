"""The edges of a reported clause, as PolNeAR's annotators draw them.

A clause taken from the parse (a complement's subtree, what follows a verb) is
trimmed of what readers do not count as what was said: punctuation at its edges,
a focus adverb before "that" ("said only that ..."), a leading connective
("However, ..."), a trailing aside (", who is 70", ", saying ..."), a dangling
"and"; and it keeps the closing mark of a quotation it opened.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lexicon import CLOSING_MARKS, CUE_FORMS, OPENING_MARKS, QUOTE_MARKS


def trim_content(doc: Doc, indices: list[int]) -> list[int]:
    """Drop punctuation and spaces at the edges of the reported clause, and a focus
    adverb before "that" ("said only that ...")."""
    kept = sorted(i for i in indices if not doc[i].is_space)
    while kept and _is_edge_junk(doc[kept[0]]):
        kept.pop(0)
    if len(kept) > 1 and doc[kept[0]].tag_ == "RB" and doc[kept[1]].lower_ == "that":
        kept.pop(0)
    kept = _without_leading_connective(doc, kept)
    kept = _without_trailing_asides(doc, kept)
    while kept and (_is_edge_junk(doc[kept[-1]]) or doc[kept[-1]].dep_ == "cc"):
        kept.pop()
    if kept:
        kept += _closing_quote_after(doc, kept)
    return kept


def _without_leading_connective(doc: Doc, kept: list[int]) -> list[int]:
    """"And ...", "However, ...", "In addition, ...": the link to the text before is not content."""
    if len(kept) > 2 and doc[kept[0]].dep_ == "cc":
        kept = kept[1:]
    first = doc[kept[0]] if kept else None
    if first is None or first.dep_ not in {"advmod", "prep"} or first.head.i <= first.i:
        return kept
    phrase_end = max(t.i for t in first.subtree)
    after = phrase_end + 1
    if after < len(doc) and doc[after].text == "," and after in kept and len(kept) > after - kept[0] + 3:
        return [i for i in kept if i > after]
    return kept


def _without_trailing_asides(doc: Doc, kept: list[int]) -> list[int]:
    """Cut a comma-led relative clause or participle that ends the clause:
    "questioned the health of Trump(, who is 70)", "... his hands(, which he said ...)"."""
    inside = set(kept)
    for i in kept:
        token = doc[i]
        if i == 0 or doc[i - 1].text != "," or i - 1 not in inside:
            continue
        aside = None
        if token.lower_ in {"who", "which"} and token.head.dep_ == "relcl":
            aside = token.head
        elif token.tag_ == "VBG" and token.dep_ == "advcl":
            aside = token
        if aside is None:
            continue
        clause = {t.i for t in aside.subtree}
        if aside.tag_ == "VBG" and aside.lower_ not in CUE_FORMS and any(doc[j].text in QUOTE_MARKS for j in clause):
            continue  # ', performing a go-around at "very low height"': quoted words are what was reported
        if all(j in clause or doc[j].is_punct for j in kept if j >= i):
            return [j for j in kept if j < i - 1]
    return kept


def _closing_quote_after(doc: Doc, kept: list[int]) -> list[int]:
    """'... might have admired,”': punctuation and the closing mark of a quote the clause opened
    (a curly opening mark, or an odd number of straight ones: 'lacks "strength."')."""
    opened = sum(1 for i in kept if doc[i].text in OPENING_MARKS) - sum(1 for i in kept if doc[i].text in CLOSING_MARKS)
    straight = sum(1 for i in kept if doc[i].text == '"') % 2 == 1  # a '"' left open: no shape to tell which
    if opened <= 0 and not straight:
        return []
    closing = CLOSING_MARKS | {'"'} if straight and opened <= 0 else CLOSING_MARKS
    extra = []
    for token in doc[kept[-1] + 1:kept[-1] + 4]:
        if token.text in closing:
            return extra + [token.i]
        if not token.is_punct:
            break
        extra.append(token.i)
    return []


def _is_edge_junk(token: Token) -> bool:
    # Quote marks stay: a mixed quote's clause may begin or end with one.
    return token.is_punct and token.text not in QUOTE_MARKS
