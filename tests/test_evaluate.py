"""The scorer, on a split written for the test and on PolNeAR dev when it is there."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import invoke
from conftest import REPO, SHARED
from onrecord.evaluation.brat import read_split, split_fingerprint
from onrecord.evaluation.scoring import Attribution, Scores, score_article, score_split
from onrecord.model import Span, Speaker, Statement

TEXT = (
    "Anna Berg said the bridge would reopen in May.\n"
    "\u201cWe are on schedule,\u201d she told reporters.\n"
    "Critics believe the cost will double.\n"
)


def _span(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


GOLD_ANN = "\n".join([
    "T1\tSource {} {}\tAnna Berg".format(*_span("Anna Berg")),
    "T2\tCue {} {}\tsaid".format(*_span("said")),
    "T3\tContent {} {}\tthe bridge would reopen in May".format(*_span("the bridge would reopen in May")),
    "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
    "T4\tSource {} {}\tshe".format(*_span("she")),
    "T5\tCue {} {}\ttold".format(*_span("told")),
    "T6\tContent {} {}\t\u201cWe are on schedule,\u201d".format(*_span("\u201cWe are on schedule,\u201d")),
    "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
    "T7\tSource {} {}\tCritics".format(*_span("Critics")),
    "T8\tCue {} {}\tbelieve".format(*_span("believe")),
    "T9\tContent {} {}\tthe cost will double".format(*_span("the cost will double")),
    "E3\tAttribution:T8 Content:T9 Cue:T8 Source:T7",
]) + "\n"


def _statement(content: tuple[int, int], cue: tuple[int, int] | None, source: tuple[int, int] | None) -> Statement:
    return Statement(
        type="indirect", text=TEXT[content[0]:content[1]], spans=(content,),
        cue=Span(TEXT[cue[0]:cue[1]], *cue) if cue else None,
        speaker=Speaker(Span(TEXT[source[0]:source[1]], *source) if source else None),
        confidence=1.0,
    )


@pytest.fixture()
def split_dir(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_annotator1.ann").write_text(GOLD_ANN, encoding="utf-8")
    (tmp_path / "attributions" / "a_annotator2.ann").write_text("", encoding="utf-8")  # not gold: sorts second
    return tmp_path


def test_first_annotator_is_gold(split_dir):
    [(text, gold)] = read_split(split_dir).values()
    assert text == TEXT and len(gold) == 3


def test_gold_scores_perfectly(split_dir):
    [(text, gold)] = read_split(split_dir).values()
    predicted = [_statement(g.content[0], g.cue[0], g.source[0]) for g in gold]
    results = score_split({"a": text}, {"a": gold}, {"a": predicted})
    for scores in results.values():
        assert scores.attribution.f1 == 1.0
        assert all(scores.exact[role].f1 == 1.0 for role in ("source", "cue", "content"))


def test_partial_prediction_counts(split_dir):
    [(text, gold)] = read_split(split_dir).values()
    predicted = [
        # right content, wrong speaker: counts without the speaker condition only
        _statement(_span("the bridge would reopen in May"), _span("said"), _span("reporters")),
        # content too short for Dice >= 0.5 ("cost" vs "the cost will double": 2*1/5)
        _statement(_span("cost", 0), _span("believe"), _span("Critics")),
    ]
    results = score_split({"a": text}, {"a": gold}, {"a": predicted})
    everything = results["all"]
    assert (everything.attribution.tp, everything.attribution.predicted, everything.attribution.gold) == (0, 2, 3)
    assert everything.attribution_content_only.tp == 1
    assert everything.exact["content"].tp == 1 and everything.exact["cue"].tp == 2
    # token overlap still credits "cost"
    assert everything.overlap["content"].tp == len("the bridge would reopen in May".split()) + 1


def test_subsets_select_gold_and_predictions(split_dir):
    [(text, gold)] = read_split(split_dir).values()
    belief = _statement(_span("the cost will double"), _span("believe"), _span("Critics"))
    results = score_split({"a": text}, {"a": gold}, {"a": [belief]})
    assert results["all"].attribution.tp == 1
    # A belief is outside "speech": found correctly, it is neither credited nor blamed there.
    assert (results["speech"].attribution.predicted, results["speech"].attribution.gold) == (0, 2)
    assert results["direct"].attribution.gold == 1


def test_discontinuous_spans_score_as_fragments():
    text = "\u201cWe will win,\u201d she said, \u201cand soon.\u201d"
    first, second = (0, text.index(",\u201d") + 2), (text.index("\u201cand"), len(text))
    gold = [Attribution(((16, 19),), ((20, 24),), (first, second))]
    predicted = [Attribution(((16, 19),), ((20, 24),), (first,))]
    scores = Scores("all")
    score_article(scores, text, predicted, gold)
    assert (scores.exact["content"].tp, scores.exact["content"].predicted, scores.exact["content"].gold) == (1, 1, 2)
    assert scores.attribution.tp == 1  # Dice of 3 of 5 words, over 0.5


def test_fingerprint_changes_with_the_data(split_dir):
    before = split_fingerprint(split_dir)
    (split_dir / "attributions" / "a_annotator1.ann").write_text(GOLD_ANN.replace("T9", "T10"), encoding="utf-8")
    assert split_fingerprint(split_dir) != before


def test_eval_command_scores_predictions_and_reports_bad_lines(split_dir, tmp_path):
    [(text, gold)] = read_split(split_dir).values()
    predictions = tmp_path / "predictions.jsonl"
    lines = [json.dumps({**_statement(g.content[0], g.cue[0], g.source[0]).to_dict(), "article": "a"}) for g in gold]
    predictions.write_text("\n".join(lines + ["{not json"]) + "\n", encoding="utf-8")
    result = invoke("eval", str(split_dir), "--predictions", str(predictions), "--json")
    assert result.exit_code == 1  # one line was rejected, the rest still scored
    assert f"{predictions}:4" in result.stderr
    scores = json.loads(result.stdout)
    assert scores["all"]["attribution"]["f1"] == 1.0


def test_eval_command_runs_onrecord_itself(split_dir):
    result = invoke("eval", str(split_dir), "--subset", "speech", "--json")
    assert result.exit_code == 0, result.stderr
    speech = json.loads(result.stdout)["speech"]
    assert speech["attribution"]["gold"] == 2 and speech["attribution"]["tp"] >= 1


def test_eval_command_rejects_a_folder_that_is_not_a_split(tmp_path):
    result = invoke("eval", str(tmp_path))
    assert result.exit_code == 1 and "not a PolNeAR-style split" in result.stderr
    assert "Traceback" not in result.stderr


def test_accuracy_gate_holds_on_polnear_dev():
    """The CI gate: onrecord's dev scores are at or above every pinned floor."""
    dev = SHARED / "data" / "polnear" / "dev"
    if not (dev / "text").is_dir():
        pytest.skip(f"PolNeAR dev not found at {dev}: set ONRECORD_SHARED to run the accuracy gate")
    result = subprocess.run([sys.executable, str(REPO / "benchmarks" / "accuracy_gate.py"), "--split", str(dev)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
