"""A verb whose object holds a quote is a candidate cue, for quotes nothing else claims."""
from __future__ import annotations

from helpers import UNCHECKED


def test_verb_whose_object_holds_a_quote_is_a_candidate(nlp):
    from onrecord.extraction import find_statements

    doc = nlp("The council met on Tuesday. Mayor Ana Ruiz hailed the new tram line as “a gift to every commuter in town.”")
    [s] = [s for s in find_statements(doc, settings=UNCHECKED) if "a gift to every commuter" in s.text]
    assert s.cue.text == "hailed" and s.speaker.mention.text.endswith("Ruiz")


def test_candidate_verbs_claim_only_quotes_nothing_else_wants(nlp):
    from onrecord.extraction import find_statements

    doc = nlp("“We will not close the library,” said Ana Ruiz, who hailed the plan.")
    [s] = [s for s in find_statements(doc, settings=UNCHECKED) if "close the library" in s.text]
    assert s.cue.text == "said"
