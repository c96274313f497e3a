"""Quotes running over several paragraphs, and floating quote paragraphs."""
from __future__ import annotations

from helpers import assert_round_trip, find, statements_of


def test_quote_over_several_paragraphs_and_floating_paragraph(nlp):
    text = (
        "Defence Secretary John Rowe said: “The fleet is ready. We have trained for this.\n\n"
        "“Our sailors know what is at stake and they will not be found wanting.\n\n"
        "“Nobody should doubt our resolve in the weeks to come.”\n\n"
        "The ministry did not give a date.\n"
    )
    statements = statements_of(text, nlp)
    for words in ["The fleet is ready", "Our sailors know what is at stake", "Nobody should doubt our resolve"]:
        s = find(statements, words)
        assert s.type == "direct" and s.speaker.name == "John Rowe", words
    assert not [s for s in statements if "did not give a date" in s.text]
    assert_round_trip(text, statements)


def test_floating_quote_paragraph_after_indirect_statement(nlp):
    text = (
        "Mayor Ellen Ward said on Monday that the parks would stay open all winter.\n\n"
        "“Fresh air is good for every one of us, and we will keep the gates open.”\n"
    )
    s = find(statements_of(text, nlp), "Fresh air is good")
    assert s.type == "direct" and s.speaker.name == "Ellen Ward"


def test_a_quote_standing_as_its_own_sentence_belongs_to_the_person_the_sentence_before_is_about(nlp):
    from helpers import statements_of

    text = ("The convention opened on Friday.\n\n"
            "Underwhelmed with her role, actor Dana Cross left the series in its first season. "
            "\"This is not what I wanted to become an actor for.\" Her character was written out.\n\n"
            "\"Law and order\" was a common theme of the week.\n")
    statements = statements_of(text, nlp)
    quote = next(s for s in statements if "This is not what I wanted" in s.text)
    assert quote.speaker.name == "Dana Cross" and quote.cue is None
    assert not any("Law and order" in s.text for s in statements)  # a noun of its sentence, no statement
