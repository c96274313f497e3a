"""A whole paragraph signed "― Name", whatever the marks inside it."""
from __future__ import annotations

from helpers import assert_round_trip, find, statements_of


def test_signed_paragraph_is_one_statement_whatever_its_inner_marks(nlp):
    text = ("Readers wrote to us.\n\n“As a young woman, I’d rather live in what he calls “hell” than live in a world "
            "where he is president.” ― Adriana Rodarte\n")
    statements = statements_of(text, nlp)
    s = find(statements, "As a young woman")
    assert s.speaker.name == "Adriana Rodarte" and s.cue.text == "―"
    assert s.text.endswith("he is president.”") and "hell" in s.text
    assert [t.speaker.name for t in statements] == ["Adriana Rodarte"]  # "he calls" inside it is not a statement
    assert_round_trip(text, statements)
