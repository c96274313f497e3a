"""A quote interrupted by its attribution, resumed after it."""
from __future__ import annotations

from helpers import assert_round_trip, find, statements_of


def test_quote_interrupted_by_attribution_has_two_spans(nlp):
    text = "“The vote was close,” Peter Mills said, “but the result is clear and we accept it.”"
    statements = statements_of(text, nlp)
    s = find(statements, "The vote was close")
    assert len(s.spans) == 2
    assert "the result is clear" in s.text
    assert s.speaker.name == "Peter Mills"
    assert_round_trip(text, statements)


def test_quote_resumed_after_the_attribution_with_but(nlp):
    text = 'The critic answered. "You know, I love Larry," Obama said, but "when it comes to energy, Larry has a history."'
    statements = statements_of(text, nlp)
    s = find(statements, "I love Larry")
    assert len(s.spans) == 2 and s.text.endswith('but "when it comes to energy, Larry has a history."')
    assert s.speaker.name == "Obama"
    assert_round_trip(text, statements)
