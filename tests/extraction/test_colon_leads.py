"""A quote after a colon, or after a comma closing a clause that ends in its verb, belongs to what leads to it."""
from __future__ import annotations

import pytest

from helpers import UNCHECKED, assert_round_trip, find, statements_of


@pytest.mark.parametrize(
    "text,words,source,cue",
    [
        ("Rubio fired back: “If they sue us in a court in Miami, they’re going to lose.”", "If they sue us", "Rubio", "fired back:"),
        ("The debate was tense.\n\nClinton: \"Our goal is not to contain ISIS, but to defeat it.\"\n", "Our goal is", "Clinton", ":"),
    ],
)
def test_quote_after_a_colon_belongs_to_what_leads_to_it(nlp, text, words, source, cue):
    from onrecord.extraction import find_statements

    statements = find_statements(nlp(text), settings=UNCHECKED)
    s = find(statements, words)
    assert s.type == "direct" and s.speaker.mention.text == source and s.cue.text == cue
    assert s.text.startswith(("“", '"'))
    assert_round_trip(text, statements)


@pytest.mark.parametrize(
    "text,words,source,cue",
    [
        # the parser reads the lead as a clause of the quote's ("posted" under "ran"): no verb above the quote
        ('Mara Quist won the final. She posted on Instagram, "Today we ran to the finish and came back as champions! '
         'I am at a loss for words for all the support."', "Today we ran", "She", "posted"),
        ('The chairman paused. Hollis continued, "We will not sell the club to anyone this year."', "We will not sell", "Hollis", "continued"),
    ],
)
def test_quote_after_a_comma_belongs_to_the_clause_ending_in_its_verb(nlp, text, words, source, cue):
    from onrecord.extraction import find_statements

    statements = find_statements(nlp(text), settings=UNCHECKED)
    s = find(statements, words)
    assert s.type == "direct" and s.speaker.mention.text == source and s.cue.text == cue
    assert_round_trip(text, statements)


@pytest.mark.parametrize(
    "text,words",
    [
        ('When the mayor arrived, "the doors were already closed and nobody answered."', "the doors were already closed"),
        ('Every time I ask, people are like, "But he is my god and you should not say that."', "But he is my god"),
    ],
)
def test_a_comma_after_a_subordinate_clause_or_a_copula_is_no_lead(nlp, text, words):
    from onrecord.extraction import find_statements

    statements = find_statements(nlp(text), settings=UNCHECKED)
    assert all(s.cue is None or s.cue.text not in {"arrived", "are"} for s in statements if words in s.text)


def test_a_document_that_reads_before_a_colon_is_the_lead_however_read_is_parsed(nlp):
    # Wikinews, 2019-2020 (CC BY 2.5), shortened: the parser reads "read" as a noun, or as a clause on "decision"
    text = ("Imus is survived by his second wife and their two sons.\n\n"
            'The family\'s statement on the death read: "Don loved and adored Deirdre, who unconditionally loved '
            'him back."\n\n'
            "Today the Supreme Court of the United Kingdom issued a ruling on the prorogation.\n\n"
            'The summary of the decision read in part: "This Court has already concluded that the advice was '
            'unlawful, void and of no effect."\n')
    statements = statements_of(text, nlp)
    family = find(statements, "Don loved and adored")
    assert family.type == "direct" and family.speaker.mention.text.startswith("The family's statement")
    court = find(statements, "This Court has already concluded")
    assert court.cue.text == "read in part" and court.speaker.name == "Supreme Court of the United Kingdom"
    assert_round_trip(text, statements)


def test_a_document_read_out_before_a_comma_is_its_issuers(nlp):
    # "read" parsed as a noun with "tweet" as its compound and "Trump's" as its possessor
    text = ("President Donald Trump tweeted about the riots. Trump's tweet read, \"when the looting starts, "
            "the shooting starts.\" Twitter disallowed comments.")
    s = find(statements_of(text, nlp), "the shooting starts")
    assert s.type == "direct" and s.cue.text == "read" and s.speaker.name == "Donald Trump"


def test_a_word_quoted_in_the_lead_does_not_stop_it_leading(nlp):
    # Wikinews, 2020 (CC BY 2.5), shortened
    text = ("In a statement released after the attack, the United States Department of Defense justified the "
            'strike, which was approved by President Donald Trump, as "defensive" in nature: "At the direction of '
            'the President, the U.S. military has taken decisive defensive action to protect U.S. personnel abroad."')
    s = find(statements_of(text, nlp), "At the direction of the President")
    assert s.cue.text == "justified" and s.speaker.name == "United States Department of Defense"
