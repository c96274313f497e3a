"""Trailing attributions: '"...," the two write.', '"Why?" Trump asked.', '"No," replied Smith.'"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ...lexicon import CUE_FORMS, QUOTE_MARK_CHARS
from ..context import ArticleContext, Cue, Draft
from ..names import doc_text
from ..quotes import Quote
from ..syntax import (
    NOMINAL_TAGS, NOUN_PHRASE_TAGS, SUBJECT_DEPS, cue_phrase, head_noun, noun_after, token_index_at,
    verb_like,
)

_TRAILING_QUOTE_ENDS = ",?!"  # '"We will win," she said' but not '"We will win." She said ...'
_TRAILING_REACH = 14  # at most this many words from the closing mark to the verb


def claim(ctx: ArticleContext) -> None:
    """'"We will win," the two write.', '"Why?" Trump asked reporters.', '"No," replied Smith.'

    A quote that opens its sentence and closes on a comma, question or exclamation mark,
    followed by a short clause of a noun phrase and a verb (either order), is that
    clause's statement, whatever the verb: the position says it is the attribution.
    The verb is then no cue of its own: "told ABC News" reports the quote, not its object.
    """
    taken = {draft.cue.verb.i for draft in _claim_trailing(ctx) if draft.cue is not None}
    ctx.cues = [c for c in ctx.cues if c.verb.i not in taken]
    ctx.spare = [c for c in ctx.spare if c.verb.i not in taken]


def _claim_trailing(ctx: ArticleContext) -> list[Draft]:
    doc, text = ctx.doc, ctx.text
    found = []
    for i, quote in ctx.free_quotes():
        if quote.close_mark is None or not _opens_sentence(text, quote):
            continue
        closing = _closing_punctuation(text, quote)
        if closing not in _TRAILING_QUOTE_ENDS:
            continue
        verb, source = _trailing_verb(doc, quote, ctx.in_quote)
        if verb is None or source is None:
            continue
        if closing in "?!" and verb.lower_ not in CUE_FORMS:
            continue  # '"Why not?" The crowd applauded.': after a question, only a speech verb
        cue = Cue(cue_phrase(verb), source, [], verb)
        found.append(ctx.claim_quote(i, cue, 0.9))
    return found


def _closing_punctuation(text: str, quote: Quote) -> str:
    """The mark that closes the quoted sentence: inside the quotation marks ('"...," she said', also
    before '' and in an editor's brackets: '"... heal us[,]" she said'), or right after them, as
    logical punctuation has it ('"...", Martin opines').
    """
    inside = text[quote.start:quote.close_mark].rstrip(QUOTE_MARK_CHARS + " ").removesuffix("]")
    if inside[-1:] in _TRAILING_QUOTE_ENDS:
        return inside[-1:]
    after = text[quote.outer_end:quote.outer_end + 1]
    return after if after == "," else inside[-1:]


def _speech_verb_after_name(words: list[Token], k: int) -> Token | None:
    """A speech verb later in the attribution, right after a proper name, with only noun-phrase words
    between it and the word at ``k`` (a noun the tagger read as a verb)."""
    for j in range(k + 1, len(words)):
        token = words[j]
        if token.lower_ in CUE_FORMS and words[j - 1].tag_ in {"NNP", "NNPS"}:
            return token
        if token.tag_ not in NOUN_PHRASE_TAGS:
            return None
    return None


def _opens_sentence(text: str, quote: Quote) -> bool:
    """Whether a quote starts its paragraph or follows the end of a sentence."""
    before = text[:quote.open_mark].rstrip(" \t")
    return not before or before[-1] in "\n.?!:”\"’'"


def _trailing_verb(doc: Doc, quote: Quote, in_quote: list[bool]) -> tuple[Token | None, Token | None]:
    """The verb of the attribution right after a quote's closing mark, and its speaker."""
    first = next((t for t in doc[token_index_at(doc, quote.outer_end):] if t.idx >= quote.outer_end), None)
    words = [t for t in doc[first.i:first.i + 2 * _TRAILING_REACH] if not t.is_space][:_TRAILING_REACH] if first else []
    text = doc_text(doc)
    for k, token in enumerate(words):
        if in_quote[token.i] or "\n" in text[quote.outer_end:token.idx]:
            break  # the next paragraph is not the attribution
        if verb_like(token):
            if token.lower_ not in CUE_FORMS and (later := _speech_verb_after_name(words, k)) is not None:
                return later, later.nbor(-1)  # '"...", Caloundra coach Geoff Ingram said': "coach" read as a verb
            if any(c.dep_ == "ccomp" and c.i > token.i for c in token.children):
                break  # '"Why not?" Critics say the plan will fail.': a sentence of its own
            phrase = words[:k]
            if all(t.text == "," for t in phrase):  # '"No," replied Smith', '"...", read the warning'
                return token, noun_after(token, in_quote)
            if all(_in_noun_phrase(t) or t.text == "," for t in phrase):
                nouns = [t for t in phrase if t.tag_ in NOMINAL_TAGS | {"CD"}]
                subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS and c in phrase), None)
                return token, subject or (head_noun(nouns[0]) if nouns else None)
            break
        if not _in_noun_phrase(token) and token.text != ",":
            break
    return None, None


def _in_noun_phrase(token: Token) -> bool:
    """A word of the speaker's noun phrase, "of" included ('Crystal C'Bearing of the preservation office')."""
    return token.tag_ in NOUN_PHRASE_TAGS or token.lower_ == "of"
