"""A quote after a colon belongs to what leads to it."""
from __future__ import annotations

import pytest

from helpers import UNCHECKED, assert_round_trip, find


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
