"""From a parsed article to its statements: the rules of ``rules.RULES`` in order over one
``ArticleContext``, then the statements finished and checked by the learned scorer."""
from __future__ import annotations

from spacy.tokens import Doc

from ..lexicon import NAME_GIVING_FORMS, STANCE_FORMS, is_speech_cue
from ..model import RoleSighting, Span, Speaker, Statement
from .context import MIN_QUOTE_WORDS, ArticleContext, Draft, Settings
from .names import ArticleNames, doc_text
from .quotes import Quote, find_quotes, paragraphs
from .rules import RULES
from .scorer import statement_scorer
from .syntax import headline_end, names_a_term, quote_token_mask, token_end

_CONFIDENCE_BY_HOW = {"name": 1.0, "turn": 0.95, "pronoun": 0.9, "role": 0.9, "lead": 0.85, "description": 0.6, "unresolved": 0.6}
_SIGNATURE_MARKS = "―—–-: "


def find_statements(doc: Doc, body_start: int = 0, settings: Settings = Settings()) -> list[Statement]:
    """Every statement in a parsed article, in text order."""
    return find_statements_and_roles(doc, body_start, settings)[0]


def find_statements_and_roles(
    doc: Doc, body_start: int = 0, settings: Settings = Settings()
) -> tuple[list[Statement], list[RoleSighting]]:
    """The statements of a parsed article, and the roles it gives its people ("London mayor").

    The rules' statements go through the learned scorer (``scorer.py``) unless
    ``settings.learned_check`` is off (as when training it).
    """
    ctx = article_context(doc, body_start, settings)
    for rule in RULES:
        rule.apply(ctx)
    ctx.drafts.sort(key=lambda d: d.spans[0][0])
    roles = [RoleSighting(name, role) for name, role in ctx.names.role_sightings()]
    statements = [_finish(ctx.doc, d) for d in ctx.drafts]
    scorer = statement_scorer() if settings.learned_check else None
    return (scorer.keep(statements, doc) if scorer is not None else statements), roles


def article_context(doc: Doc, body_start: int = 0, settings: Settings = Settings()) -> ArticleContext:
    """The article's shape before any rule runs: headline, body paragraphs, quotes, names."""
    text = doc_text(doc)
    paras = paragraphs(text, body_start)
    headline = headline_end(text, paras)
    body = [p for p in paras if p.start >= headline]
    quotes = find_quotes(text, body)
    in_quote = quote_token_mask(doc, quotes)
    return ArticleContext(
        doc=doc, text=text, body=body, headline_end=headline, quotes=quotes, in_quote=in_quote,
        names=ArticleNames.build(doc, body_start, headline, in_quote), settings=settings,
    )


def _finish(doc: Doc, draft: Draft) -> Statement:
    text = doc_text(doc)
    spans = tuple(sorted(set((s, e) for s, e in draft.spans if e > s)))
    cue = None
    if draft.cue is not None:
        first, last = draft.cue.tokens[0], draft.cue.tokens[-1]
        cue = Span(text[first.idx:token_end(last)], first.idx, token_end(last))
    speaker = draft.speaker or Speaker()
    confidence = draft.base_confidence * _CONFIDENCE_BY_HOW.get(draft.how, 0.6)
    if speaker.name is None:
        confidence *= 0.6
    return Statement(
        type=draft.type,  # type: ignore[arg-type]
        text=" ".join(text[s:e] for s, e in spans),
        spans=spans,
        cue=cue,
        speaker=speaker,
        confidence=round(confidence, 2),
        speech=_is_speech(doc, draft, cue),
    )


def _is_speech(doc: Doc, draft: Draft, cue: Span | None) -> bool:
    """Speech: words reproduced in quotation marks, whatever verb brings them ('tweeted "..."',
    'characterised the deaths as "crushing"'), unless all they reproduce is a name, a title or a term
    ('named it "Operation Peace Spring"', 'the slogan "Defund the Police"'); else a speech verb's
    report ("said that ...")."""
    if _gives_a_name(draft):
        return False  # 'named the virus "severe acute respiratory syndrome coronavirus 2"': a name given
    speech_cue = cue is None or is_speech_cue(cue.text) or not cue.text.strip(_SIGNATURE_MARKS)
    quotes_words = any(not _mentions_only(doc, quote) for quote in draft.quotes)
    if draft.type == "direct":
        return quotes_words or not draft.quotes or (speech_cue and _describes_as(draft))
    if draft.type == "mixed":
        stance_cue = cue is not None and any(w in STANCE_FORMS for w in cue.text.lower().split())
        return speech_cue or any(_reproduces_speech(doc, quote, stance_cue) for quote in draft.quotes)
    return speech_cue


def _gives_a_name(draft: Draft) -> bool:
    verb = draft.cue.verb if draft.cue is not None else None
    return bool(draft.quotes) and verb is not None and verb.lower_ in NAME_GIVING_FORMS and not any(
        c.lower_ == "as" for c in verb.children)  # not 'name it as "oh it's part of your culture"'


def _describes_as(draft: Draft) -> bool:
    """'which Trump described as "Obamagate."': a speech verb's "as" brings its speaker's own
    characterisation, a name or a term though it looks."""
    verb = draft.cue.verb if draft.cue is not None else None
    return verb is not None and any(c.lower_ == "as" and c.dep_ == "prep" for c in verb.children)


def _mentions_only(doc: Doc, quote: Quote) -> bool:
    return quote.is_name_like(doc_text(doc)) or names_a_term(doc, quote)


def _reproduces_speech(doc: Doc, quote: Quote, stance_cue: bool) -> bool:
    """Beside a verb that is no speech ('was demonstrating screens used as "eyes"'), a quotation
    reproduces someone's words when it is more than a word or two, or when the verb judges or names
    something ('attacked the "macho culture"', 'justified it as "defensive"'); else it is a scare quote."""
    if _mentions_only(doc, quote):
        return False
    return stance_cue or quote.words(doc_text(doc)) >= MIN_QUOTE_WORDS
