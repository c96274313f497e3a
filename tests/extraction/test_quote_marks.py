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


def test_a_quotation_hard_wrapped_over_two_lines_is_one(nlp):
    # Wikinews, 2020 (CC BY 2.5), shortened: a message copied with its line breaks
    text = ('Darcy Richardson provided Wikinews with the text of a message he sent to Mark Seidenberg:\n'
            '"Please let Rocky know that if he runs with Kanye West in California that I will withdraw.\n'
            'I\'ve spent my entire adult life battling the duopoly."\n\n\n'
            'Seidenberg declined to comment.\n'
            '"Next year," he said later, "we will run again."\n')
    statements = statements_of(text, nlp)
    s = find(statements, "Please let Rocky")
    assert s.type == "direct" and s.speaker.name == "Darcy Richardson"
    assert s.text.endswith('battling the duopoly."') and "\nI've spent" in s.text
    assert find(statements, "Next year").speaker.name == "Mark Seidenberg"
    assert_round_trip(text, statements)


def test_lines_that_each_open_their_own_quotation_stay_apart(nlp):
    text = ('What readers told us\n\n'
            '“Trump said Hispanics live in hell. He is wrong.” ― Sonya Herridge\n'
            '“I am so ashamed to be an American.” ― Pamela Padilla\n')
    statements = statements_of(text, nlp)
    assert find(statements, "live in hell").speaker.name == "Sonya Herridge"
    assert find(statements, "so ashamed").speaker.name == "Pamela Padilla"
