"""A quote signed with a dash and a name: '"We need change." ― Ana Ruiz'."""
from __future__ import annotations

from helpers import assert_round_trip, find, statements_of


def test_quote_signed_with_a_dash(nlp):
    text = "Readers wrote to us.\n\n“We need better schools for our children.” ― Ana Ruiz\n\n“Nobody listens to us.” ― Jorge Falcon\n"
    statements = statements_of(text, nlp)
    first, second = find(statements, "better schools"), find(statements, "Nobody listens")
    assert (first.speaker.name, first.cue.text) == ("Ana Ruiz", "―")
    assert second.speaker.name == "Jorge Falcon"
    assert_round_trip(text, statements)
