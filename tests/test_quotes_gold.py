"""The quotes-gold scorer: found, speaker right, non-statements taken, and the error families."""
from __future__ import annotations

import json

from cli_helpers import invoke
from onrecord.evaluation.quotes_gold import GoldPassage, fold, is_quotes_gold, same_speaker, score
from onrecord.model import Speaker, Statement

TEXT = ('“We will win,” said Lindsey Graham. The film “Storm Area 51” opened. '
        'Tom Hale said he was “deeply saddened by the loss.” “No comment,” an aide said.')


def passage(words: str, is_statement: bool = True, speaker: str | None = None) -> GoldPassage:
    start = TEXT.index(words)
    return GoldPassage("a", start, start + len(words), words, is_statement, speaker)


def statement(words: str, name: str | None) -> Statement:
    start = TEXT.index(words)
    return Statement("direct", words, ((start, start + len(words)),), None, Speaker(None, name), 0.9)


def test_names_fold_and_a_surname_alone_counts():
    assert fold("Recep Tayyip Erdoğan") == "recep tayyip erdogan"
    assert same_speaker("Graham", "Lindsey Graham") and same_speaker("the White House", "White House")
    assert not same_speaker("Imran Khan", "Sadiq Khan") and not same_speaker(None, "Tom Hale")


def test_found_speaker_and_non_statements_with_families():
    gold = [passage("We will win,", speaker="Lindsey Graham"), passage("Storm Area 51", is_statement=False),
            passage("deeply saddened by the loss.", speaker="Tom Hale"), passage("No comment,", speaker=None)]
    predicted = {"a": [statement("“We will win,”", "Senator Lindsey Graham"), statement("“Storm Area 51”", None),
                       statement("he was “deeply saddened by the loss.”", "Tom Hale")]}
    scores = score({"a": TEXT}, gold, predicted)
    assert (scores.statements, scores.found, scores.named, scores.right) == (3, 2, 2, 1)
    assert (scores.non_statements, scores.taken) == (1, 1)
    assert scores.families() == {"speaker: extra words": 1, "non-statement taken": 1, "missed: not extracted": 1}


def test_eval_command_reads_a_quotes_gold_file(tmp_path):
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"id": "a", "text": TEXT, "date": "2020-01-01"}) + "\n", encoding="utf-8")
    gold = tmp_path / "quotes-gold.jsonl"
    records = [passage("We will win,", speaker="Lindsey Graham"), passage("Storm Area 51", is_statement=False)]
    gold.write_text("".join(json.dumps({"article": p.article, "start": p.start, "end": p.end, "text": p.text,
                                        "is_statement": p.is_statement, "speaker": p.speaker}) + "\n"
                            for p in records), encoding="utf-8")
    assert is_quotes_gold(str(gold)) and not is_quotes_gold(str(articles))
    result = invoke("eval", str(gold), "--json")
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["statements"] == 1 and scores["found"] == 1 and scores["speaker_right"] == 1
    assert scores["non_statements"] == 1 and scores["taken"] == 0
    listed = invoke("eval", str(gold), "--errors")
    assert listed.exit_code == 0 and "quotes-gold: 1/1 statements found" in listed.stdout
