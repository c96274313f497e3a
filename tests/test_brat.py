"""Reading brat standoff attributions (the PolNeAR format) on files written for the test."""
from __future__ import annotations

from onrecord.evaluation.brat import parse_ann, read_split

TEXT = "The mayor said the park would reopen. Critics, however, believe it will not."
ANN = "\n".join([
    "T1\tSource 0 9\tThe mayor",
    "T2\tCue 10 14\tsaid",
    "T3\tContent 15 36\tthe park would reopen",
    "T4\tAttribution 10 14\tsaid",
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    "T5\tCue 56 63\tbelieve",
    "T6\tContent 38 45;64 75\tCritics it will not",
    "E2\tAttribution:T5 Content:T6 Cue:T5",
    "T7\tDiscard 0 3\tThe",
])


def test_parse_ann_roles_and_discontinuous_spans():
    first, second = parse_ann(ANN)
    assert TEXT[slice(*first.source[0])] == "The mayor" and TEXT[slice(*first.cue[0])] == "said"
    assert TEXT[slice(*first.content[0])] == "the park would reopen"
    assert second.source == () and len(second.content) == 2
    assert TEXT[slice(*second.content[1])] == "it will not"


def test_read_split_takes_the_first_annotator(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "story_a.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "attributions" / "story_b.ann").write_text("", encoding="utf-8")
    split = read_split(tmp_path)
    text, gold = split["story"]
    assert text == TEXT and len(gold) == 2
