"""The learned statement scorer: its features, and the check that only drops statements."""
from __future__ import annotations

import pytest

from helpers import UNCHECKED


def test_scorer_learns_which_features_mark_a_statement():
    from onrecord.extraction.scorer import StatementScorer, fit

    rows = [["type=direct", "named=True"]] * 30 + [["type=indirect", "named=False"]] * 30 + [["type=direct", "named=False"]] * 10
    labels = [True] * 30 + [False] * 30 + [True, False] * 5
    scorer = fit(rows, labels, l2=1.0, threshold=0.5)
    assert scorer.probability(["type=direct", "named=True"]) > 0.8 > 0.2 > scorer.probability(["type=indirect", "named=False"])
    assert StatementScorer.from_json(scorer.to_json()).probability(["type=direct"]) == pytest.approx(
        scorer.probability(["type=direct"]), abs=1e-3)


def test_scorer_sees_a_report_nested_in_another_s_clause(nlp):
    from onrecord.extraction import find_statements
    from onrecord.extraction.scorer import features

    doc = nlp("Trump said that Clinton once described the trade deal as the gold standard of trade deals.")
    statements = find_statements(doc, settings=UNCHECKED)
    [outer] = [s for s in statements if s.cue.text == "said"]
    [inner] = [s for s in statements if s.cue.text == "described"]
    assert "nested=no" in features(outer, doc, statements)
    assert f"nested={outer.type}" in features(inner, doc, statements)


def test_learned_check_only_drops_statements(nlp):
    from onrecord.extraction import find_statements

    doc = nlp("The mayor said the tram will run on Sundays. “It is about time,” one rider wrote.")
    everything = find_statements(doc, settings=UNCHECKED)
    assert all(s in everything for s in find_statements(doc))
