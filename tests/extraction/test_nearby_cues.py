"""A cue in a sentence next to its quote: after a question, before a quote that joins it, ending its paragraph with a colon."""
from __future__ import annotations

from helpers import assert_round_trip, find, statements_of


def test_cue_in_the_sentence_after_a_question(nlp):
    text = "The hearing grew tense.\n\n“Why does nobody ask the workers what they think?” Senator Vitter demanded.\n"
    s = find(statements_of(text, nlp), "Why does nobody ask the workers")
    assert s.type == "direct" and s.speaker.name == "Vitter" and s.cue.text == "demanded"


def test_quote_after_the_attribution_sentence_joins_it(nlp):
    text = "“The budget is balanced,” said Karen Liu, the city treasurer. “We owe nothing to anyone.”"
    statements = statements_of(text, nlp)
    s = find(statements, "The budget is balanced")
    assert len(s.spans) == 2 and "We owe nothing" in s.text
    assert s.speaker.name == "Karen Liu" and s.speaker.mention.text == "Karen Liu, the city treasurer"
    assert_round_trip(text, statements)


def test_cue_with_a_colon_ending_its_paragraph(nlp):
    text = "Small donors are scarce this year.\n\nThe Daily Ledger reports:\n\n\"Only a quarter of the donors gave less than two hundred dollars this year.\"\n"
    s = find(statements_of(text, nlp), "Only a quarter of the donors")
    assert s.speaker.name == "The Daily Ledger" or s.speaker.mention.text == "The Daily Ledger"
    assert s.cue.text == "reports:"
