"""Quotation marks: every kind of mark, a paragraph opened by a closing mark, nested single quotes,
unbalanced quotes, and headline and scare quotes that are not statements."""
from __future__ import annotations

import pytest

from helpers import assert_round_trip, find, statements_of


@pytest.mark.parametrize(
    "text,words",
    [
        ('Maria Lopez said: "The bridge will reopen in May."', "The bridge will reopen in May."),
        ("Maria Lopez said: “The bridge will reopen in May.”", "The bridge will reopen in May."),
        ("Maria Lopez said: ‘The bridge will reopen in May.’", "The bridge will reopen in May."),
        ("Maria Lopez said: «The bridge will reopen in May.»", "The bridge will reopen in May."),
        ("Maria Lopez said: 'The bridge will reopen in May.'", "The bridge will reopen in May."),
    ],
)
def test_quotation_marks(nlp, text, words):
    statements = statements_of(text, nlp)
    s = find(statements, words)
    assert s.type == "direct" and s.speaker.name == "Maria Lopez" and s.cue.text == "said:"
    assert s.text == text[len("Maria Lopez said: "):]  # the quotation with its marks, as PolNeAR marks it
    assert_round_trip(text, statements)


def test_two_apostrophes_are_a_quotation_mark(nlp):
    text = "''We will not back down from this fight,'' Mr. Hale said. ''Not now, not ever.''"
    statements = statements_of(text, nlp)
    s = find(statements, "We will not back down")
    assert s.type == "direct" and s.speaker.name == "Hale"
    assert s.spans[0] == (0, text.index(" Mr.")) and "''Not now, not ever.''" in s.text
    assert_round_trip(text, statements)


def test_paragraph_opened_by_a_closing_mark_is_a_quote(nlp):
    text = "Readers wrote to us.\n\n”Fear. I am truly afraid of what comes next for my family.” ― Edwin Monroy\n"
    statements = statements_of(text, nlp)
    s = find(statements, "I am truly afraid")
    assert s.speaker.name == "Edwin Monroy" and s.text.startswith("”Fear.")
    assert_round_trip(text, statements)


def test_nested_single_quote_closing_before_the_double_mark(nlp):
    text = "\"I've always been insulted with the term 'outreach,' \" he told the group."
    statements = statements_of(text, nlp)
    s = find(statements, "always been insulted")
    assert s.spans == ((0, text.index(" he told") ),) and s.speaker.mention.text == "he"
    assert_round_trip(text, statements)


def test_unbalanced_quote_does_not_swallow_the_article(nlp):
    text = (
        "Sam Ortiz said: “We will appeal the ruling. “It is unjust and we will win.\n\n"
        "The court adjourned until Thursday.\n\n"
        "Lawyers for the city declined to comment on the case.\n"
    )
    statements = statements_of(text, nlp)
    s = find(statements, "We will appeal the ruling")
    assert "It is unjust" in s.text and s.speaker.name == "Sam Ortiz"
    assert not [x for x in statements if "adjourned" in x.text]
    assert_round_trip(text, statements)


def test_headline_and_scare_quotes_are_not_statements(nlp):
    text = (
        "Mayor says “no more delays” on bridge\n\n"
        "The so-called “smart” bridge has been closed since March.\n\n"
        "Fans of the film “Long Road Home” queued outside the cinema.\n"
    )
    assert statements_of(text, nlp) == []
