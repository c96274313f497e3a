"""The rules, in the order they run: ``RULES``.

Each rule is a function of one ``ArticleContext``; it reads what the rules before it left there
and adds statements through ``ctx.claim``. A quote claimed by an earlier rule is not claimed
again (``ctx.free_quotes``), so the order is the precedence: a rule higher in the table wins a
quote that two rules could read. ``onrecord rules`` prints the table.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import cues, repairs, resolve
from ..context import ArticleContext
from . import any_quote, clause_quotes, colon_leads, cue_claims, interrupted_quotes, nearby_cues, running_speaker, signatures, trailing_attributions
from . import transcripts


@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable[[ArticleContext], None]
    reads: str  # what of the context it reads
    claims: str  # what it may claim or change


RULES: tuple[Rule, ...] = (
    Rule("signed paragraphs", signatures.claim_signed_paragraphs, "paragraphs, quotes",
         "a paragraph opening with a quote and ending '― Name', whole; marks its words as quoted"),
    Rule("cues", cues.collect, "the parse, words inside quotes",
         "nothing: lists cues with a clause, spare speech verbs and candidate verbs"),
    Rule("transcripts", transcripts.claim_turns, "paragraphs, quotes, names",
         "a paragraph opened by 'NAME:', with every quote in it"),
    Rule("trailing attributions", trailing_attributions.claim, "quotes, words inside quotes",
         "a quote opening its sentence, closed by ',?!', then 'noun phrase + verb' (or the verb first: "
         "'\"...\", read the warning'); takes that verb from the cues"),
    Rule("cue claims", cue_claims.claim_by_cues, "cues, quotes",
         "the quotes inside each cue's clause (direct or mixed), else the clause itself (indirect); of "
         "nested clauses, a named speaker's adverbial clause ('with Steve Scalise calling it \"...\"') keeps its quotes"),
    Rule("clauses into quotes", clause_quotes.absorb, "reported clauses, free quotes",
         "a quote a reported clause runs straight (or by 'and') into, and the quotes coordinated after it "
         "('arguing Trump was \"sow[ing] chaos\" and \"mak[ing] matters worse\"')"),
    Rule("signatures", signatures.claim_signed_quotes, "free quotes, paragraphs",
         "a quote followed by '― Name' at the end of its paragraph"),
    Rule("nearby cues", nearby_cues.claim, "free quotes, unused cues and spare verbs",
         "a quote with an unused cue in its sentence or opening the next one (or a parenthetical: "
         "'as the decision put it')"),
    Rule("colon leads", colon_leads.claim, "free quotes, the parse",
         "a quote after a colon (the verb or short noun phrase leading to it, a word or two quoted in it "
         "aside; a document noun then 'read') or after a comma closing a clause that ends in its verb ('He "
         "posted on Twitter, \"...\"', 'Trump's tweet read, \"...\"')"),
    Rule("quote-holding candidates", cue_claims.claim_by_candidates, "candidates, free quotes",
         "quotes nothing else wanted, inside a candidate verb's object (for the learned check)"),
    Rule("interrupted quotes", interrupted_quotes.join_halves, "claims, quotes",
         "the other half of a quote interrupted by its holder's own attribution; a quote after only a speech "
         "participle ('\"...,\" further remarking, \"...\"'), as the holder's next statement"),
    Rule("any quotation", any_quote.claim, "free quotes, the parse",
         "a quote of three words or more that is no name or title, for its sentence's main verb and subject "
         "(or, where the parse lost the sentence, a speech or naming verb right after a name before it)"),
    Rule("speakers", resolve.resolve_speakers, "every statement's cue source, names",
         "nothing: resolves each statement's speaker, in text order"),
    Rule("running speaker", running_speaker.claim, "free quotes, resolved statements",
         "a quote continuing the one before, or standing as its own sentence after a statement (that "
         "statement's speaker) or after a sentence about a person (that person)"),
)


# Where en_core_web_sm's parser slips and a rule mends it: who the source is, which clause is reported.
PARSER_SLIP_REPAIRS = repairs.SOURCE_REPAIRS + cues.CLAUSE_REPAIRS


def describe() -> str:
    """The table as text, one rule a line, in order, then the parser-slip repairs."""
    width = max(len(rule.name) for rule in RULES)
    lines = [f"{i:>2}. {rule.name:<{width}}  reads: {rule.reads}; claims: {rule.claims}" for i, rule in enumerate(RULES, 1)]
    lines.append("parser-slip repairs:")
    lines += [f"  - {repair.__name__}: {_first_line(repair.__doc__)}" for repair in PARSER_SLIP_REPAIRS]
    return "\n".join(lines)


def _first_line(doc: str | None) -> str:
    return " ".join((doc or "").strip().split("\n\n")[0].split())
