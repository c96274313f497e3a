"""The edges of a statement's content."""
from __future__ import annotations

from helpers import UNCHECKED, find, parsed, statements_of


def test_focus_adverb_before_that_is_not_content(nlp):
    text = "The minister said only that the talks would continue next week."
    s = find(statements_of(text, nlp), "the talks would continue")
    assert s.text == "that the talks would continue next week"


def test_clause_keeps_the_straight_mark_it_opened():
    from onrecord.extraction.content import trim_content
    from onrecord.extraction.pipeline import load_pipeline

    # 'Critics said he lacks "strength."' with the closing marks hung on "said", outside the clause.
    doc = parsed(load_pipeline(), [
        ("Critics", "NNS", 1, "nsubj"), ("said", "VBD", 0, "ROOT"), ("he", "PRP", 1, "nsubj"), ("lacks", "VBZ", -2, "ccomp"),
        ('"', "``", 1, "punct"), ("strength", "NN", -2, "dobj"), (".", ".", -5, "punct"), ('"', "''", -6, "punct"),
    ])
    assert [doc[i].text for i in trim_content(doc, [2, 3, 4, 5])] == ["he", "lacks", '"', "strength", ".", '"']


def test_a_trailing_participle_holding_quoted_words_stays_in_the_content(nlp):
    from onrecord.extraction import find_statements

    text = 'The jet overshot the runway, stopping only metres from "a crowded motorway" according to the Aviation Monitor.\n'
    statements = find_statements(nlp(text), settings=UNCHECKED)
    s = next(s for s in statements if s.cue is not None and s.cue.text == "according to")
    assert "a crowded motorway" in s.text
