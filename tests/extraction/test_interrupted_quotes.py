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


def test_a_speech_participle_between_two_quotes_goes_on_with_the_same_speaker(nlp):
    # Wikinews, 2019 (CC BY 2.5); the tagger reads "remarking" as a noun
    text = ('State Senator Patricia Ann Spearman remarked, "It\'s been a long, hard fight. I\'m starting to see '
            'the fruits of the labor of so many other people whose names I don\'t know," further remarking, "Women '
            'in Nevada have said, \'It\'s time to do away with the patriarchy.\'" Spearman was first elected in 2012.')
    statements = statements_of(text, nlp)
    s = find(statements, "Women in Nevada")
    assert s.type == "direct" and s.cue.text == "remarking" and s.speaker.name == "Patricia Ann Spearman"
    assert s.text.startswith('"Women in Nevada') and s.text.endswith("patriarchy.'\"")
    assert_round_trip(text, statements)

