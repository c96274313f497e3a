"""Cues claim the quotes and clauses they report: direct, mixed and indirect speech, "according to"."""
from __future__ import annotations

import pytest

from helpers import find, statements_of


@pytest.mark.parametrize("verb", ["told reporters", "added", "warned", "emphasized", "insisted", "revealed", "explained", "stressed"])
def test_cue_verbs_beyond_said(nlp, verb):
    text = f"The plan is finished and nobody will revive it, Laura Kim {verb}."
    s = find(statements_of(text, nlp), "The plan is finished")
    assert s.speaker.name == "Laura Kim" and s.type == "indirect"
    assert s.cue.text == verb.split()[0]


def test_according_to(nlp):
    text = "According to the Federal Aviation Administration, the airport will close for two days."
    s = find(statements_of(text, nlp), "the airport will close for two days")
    assert s.type == "indirect"
    assert s.cue.text == "According to"
    assert s.speaker.name == "Federal Aviation Administration" and s.speaker.kind == "organization"


def test_mixed_quote(nlp):
    text = "The senator Jane Doe said the bill was “a betrayal of working families” and vowed to vote against it."
    s = find(statements_of(text, nlp), "a betrayal of working families")
    assert s.type == "mixed"
    assert s.text.startswith("the bill was")
    assert s.speaker.name == "Jane Doe"


def test_indirect_speech_with_that(nlp):
    text = "Robert Chen announced that the factory would hire 300 workers next year."
    s = find(statements_of(text, nlp), "the factory would hire 300 workers")
    assert s.type == "indirect" and s.speaker.name == "Robert Chen" and s.cue.text == "announced"


def test_quote_led_by_cue_with_object_and_phrase(nlp):
    text = (
        'Expert Monica Lane told the press in a separate interview, "People have been blamed for germs '
        'regardless of what the science may say." As of Tuesday there had been new reports of harassment.'
    )
    statements = statements_of(text, nlp)
    s = find(statements, "People have been blamed for germs")
    assert s.type == "direct" and s.speaker.name == "Monica Lane" and s.cue.text == "told"
    assert not [x for x in statements if "As of Tuesday" in x.text]
    assert all(x.cue is None or x.cue.text != "say" for x in statements)  # a cue inside a quote is quoted speech


def test_a_named_speaker_in_an_adverbial_clause_takes_the_quote_from_the_clause_around_it(nlp):
    text = ('Opposition members attacked the budget, with Karen Moyo of Harare calling the cuts "reckless" '
            'and Peter Dube of Bulawayo calling the plan "a betrayal of every teacher in the country".\n')
    statements = statements_of(text, nlp)
    moyo = [s for s in statements if s.speaker.name == "Karen Moyo"]
    dube = [s for s in statements if s.speaker.name == "Peter Dube"]
    assert any('"reckless"' in s.text for s in moyo) and any("a betrayal of every teacher" in s.text for s in dube)
