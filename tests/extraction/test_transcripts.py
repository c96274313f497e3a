"""Transcript turns: "PENCE: Well, ..." is the labelled speaker's statement."""
from __future__ import annotations

from helpers import assert_round_trip, find, statements_of


def test_transcript_turns_are_their_speakers_statements(nlp):
    text = (
        "Mike Pence spoke to Chris Wallace on Sunday.\n\n"
        "WALLACE: Will Gennifer Flowers be at the debate tomorrow night?\n\n"
        "PENCE: Well, look, I think that is a question for the campaign to answer.\n\n"
        "UPDATE: The debate starts at nine.\n"
    )
    statements = statements_of(text, nlp)
    answer = find(statements, "a question for the campaign")
    assert answer.speaker.name == "Mike Pence" and answer.speaker.mention.text == "PENCE"
    assert answer.cue.text == ":" and answer.text.startswith("Well, look")
    assert find(statements, "Will Gennifer Flowers").speaker.mention.text == "WALLACE"
    assert not [s for s in statements if "starts at nine" in s.text]
    assert_round_trip(text, statements)
