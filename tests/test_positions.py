"""Positions: a statement's stance toward a target, and each speaker's stance over time, from a real store."""
from __future__ import annotations

import dataclasses
import json
import sqlite3

import pytest

from cli_helpers import invoke
from onrecord.positions.stance import Target, stance
from onrecord.positions.timeline import positions
from onrecord.record.store import Store
from test_store import ingest_paths, write_corpus

CEASEFIRE = Target.of("a ceasefire in Gaza", key="ceasefire")
WALL = Target.of("building a wall on the Mexican border", key="wall")


@pytest.mark.parametrize("text, cue, target, label, evidence", [
    ("I join the international community in calling for a ceasefire.", None, CEASEFIRE, "for", "calling"),
    ("he supported a call for a humanitarian pause rather than a complete ceasefire", "said", CEASEFIRE, "against",
     "rather than"),
    ("I do not support a ceasefire", None, CEASEFIRE, "against", "not ... support"),
    ("Nobody here is against the wall", None, WALL, "for", "nobody"),
    ("a ceasefire", "has resisted calls for", CEASEFIRE, "against", "resisted calls"),
    ("he would not rule out a ceasefire", "said", CEASEFIRE, "neither", "openness"),
    ("calls for the party to support a ceasefire in the war have increased", None, CEASEFIRE, "neither", "others"),
    ("critics want a ceasefire", None, CEASEFIRE, "neither", "others"),
    ("Like many colleagues, I join calls for a ceasefire", None, CEASEFIRE, "for", "join calls"),
    ("There will be no ceasefire until Hamas is gone", None, CEASEFIRE, "against", "until"),
    ("we are not going to pay any single cent for such a stupid wall", None, WALL, "against", "stupid"),
    ("that the wall would not work", "said", WALL, "against", "not ... work"),
    ("he railed against Wall Street and its bankers", "said", WALL, "neither", "does not name"),
    ("The ceasefire talks resume on Monday", None, CEASEFIRE, "neither", "without taking a side"),
])
def test_a_statements_stance_toward_a_target_is_read_by_mechanism(text, cue, target, label, evidence):
    found = stance(text, target, cue)
    assert found.label == label and evidence in found.evidence, found


def test_a_condition_keeps_the_side_and_is_marked():
    found = stance("We will back a ceasefire only if the hostages are freed", CEASEFIRE)
    assert (found.label, found.conditional) == ("for", True) and "only if" in found.evidence
    assert not stance("We back a ceasefire", CEASEFIRE).conditional


@pytest.fixture(scope="module")
def khan_store(tmp_path_factory, nlp, seed_path):
    db = tmp_path_factory.mktemp("positions") / "record.db"
    with Store(db) as store:
        from onrecord.extraction import extractor
        from onrecord.inputs import read_inputs
        from onrecord.record.ingest import ingest

        ingest(read_inputs([str(seed_path)]), store, extractor(nlp=nlp))
    return db


def test_the_reference_article_khan_for_a_ceasefire_starmer_against(khan_store):
    with Store(khan_store) as store:
        found = positions(store, "ceasefire")
    by_name = {row["name"]: row for row in found["speakers"]}
    assert set(by_name) == {"Sadiq Khan", "Keir Starmer"}  # "calls ... have increased" is nobody's position
    khan, starmer = by_name["Sadiq Khan"], by_name["Keir Starmer"]
    assert (khan["current"], khan["since"], khan["first"]["for"]) == ("for", "2023-10-27", "2023-10-27")
    assert "I join the international community in calling for a ceasefire" in khan["evidence"]["text"]
    assert (starmer["current"], starmer["since"]) == ("against", "2023-10-27")
    assert "humanitarian pause" in starmer["evidence"]["text"] and "rather than" in starmer["evidence"]["evidence"]


def test_a_change_of_stance_is_dated_and_backed_by_its_statement(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "in", {
        "a": "date 2020-01-10\nSenator Ann Lee said: \"I support the wall on the border.\"\n",
        "b": "date 2020-03-02\nSenator Ann Lee said that the wall was a waste of money.\n",
        "c": "date 2020-06-20\nSenator Ann Lee said she would now oppose the wall.\n",
    })
    db = tmp_path / "record.db"
    ingest_paths(db, corpus, nlp=nlp)
    with Store(db) as store:
        row = positions(store, "wall")["speakers"][0]
    assert row["name"] == "Ann Lee" and row["counts"] == {"for": 1, "against": 2, "neither": 0}
    assert row["first"] == {"for": "2020-01-10", "against": "2020-03-02"}
    assert [(c["date"], c["from"], c["to"]) for c in row["changes"]] == [("2020-03-02", "for", "against")]
    assert (row["current"], row["since"]) == ("against", "2020-03-02")  # against since its first statement
    assert "oppose" in row["evidence"]["text"]


def test_stances_are_kept_in_the_store_and_worked_out_again_for_a_new_model(khan_store, monkeypatch):
    import onrecord.positions.timeline as timeline

    with Store(khan_store) as store:
        positions(store, "ceasefire")
        kept = store.db.execute("SELECT count(*), min(model) FROM stances").fetchone()
        again = positions(store, "ceasefire")  # read back, not worked out: the same answer
        assert kept[0] >= 3 and kept[1] == timeline.MODEL_VERSION
        assert store.db.execute("SELECT count(*) FROM stances").fetchone()[0] == kept[0]
        monkeypatch.setattr(timeline, "MODEL_VERSION", "rules-test")
        positions(store, "ceasefire")
        models = {r[0] for r in store.db.execute("SELECT DISTINCT model FROM stances")}
    assert models == {kept[1], "rules-test"} and again["speakers"][0]["current"] == "for"


def test_the_positions_command(khan_store):
    answer = invoke("positions", "ceasefire", "--db", str(khan_store), "--format", "jsonl")
    rows = [json.loads(line) for line in answer.stdout.splitlines()]
    assert answer.exit_code == 0 and {(r["name"], r["current"]) for r in rows} == {("Sadiq Khan", "for"),
                                                                                 ("Keir Starmer", "against")}
    table = invoke("positions", "ceasefire", "--db", str(khan_store), "--format", "table")
    assert "Positions on 'ceasefire'" in table.stdout and "2 speakers" in table.stderr
    read_only = invoke("positions", "ceasefire", "--db", str(khan_store) + "-missing", "--format", "jsonl")
    assert read_only.exit_code == 1 and "no such store" in read_only.stderr
    with sqlite3.connect(khan_store) as db:
        assert db.execute("SELECT count(*) FROM stances").fetchone()[0] > 0


def test_the_positions_page_and_api(khan_store):
    import httpx

    from web_server import running

    with running(khan_store) as url, httpx.Client(base_url=url, timeout=30) as http:
        api = http.get("/api/positions", params={"topic": "ceasefire"}).json()
        page = http.get("/positions", params={"topic": "ceasefire"}).text
        rows = http.get("/positions.csv", params={"topic": "ceasefire"}).text.splitlines()
        missing = http.get("/api/positions")
    assert {(r["name"], r["current"]) for r in api["speakers"]} == {("Sadiq Khan", "for"), ("Keir Starmer", "against")}
    assert page.count('class="mark for"') == 2 and page.count('class="mark against"') == 1  # a mark per statement
    assert 'href="/articles/khan-ceasefire-2023-10-27#s' in page and "▲ for" in page and "▼ against" in page
    assert rows[0].startswith("speaker,speaker_id,current,since") and len(rows) == 3
    assert missing.status_code == 400 and "“topic” is needed." in missing.text


def test_eval_reads_a_stance_set_and_scores_the_model(khan_store, tmp_path):
    with sqlite3.connect(khan_store) as db:
        spans = {text: json.loads(spans)[0] for text, spans in db.execute("SELECT text, spans FROM statements")}
    khan = next(span for text, span in spans.items() if text.startswith("“I join the international"))
    starmer = next(span for text, span in spans.items() if text.startswith("that he supported US Secretary"))
    hostages = next(span for text, span in spans.items() if "redouble" in text)
    article = "khan-ceasefire-2023-10-27"
    lines = [{"target": "ceasefire", "article": article, "statement": khan, "label": "for"},
             {"target": "ceasefire", "article": article, "statement": starmer, "label": "against"},
             {"target": "ceasefire", "article": article, "statement": hostages, "label": "for"},  # the model: neither
             {"target": "ceasefire", "article": "not-in-the-store", "statement": [0, 5], "label": "for"}]
    gold = tmp_path / "stance-gold.jsonl"
    gold.write_text("".join(json.dumps(line) + "\n" for line in lines))
    (tmp_path / "targets.json").write_text(json.dumps([{"id": "ceasefire", "proposition": "a ceasefire in Gaza",
                                                        "key": "ceasefire"}]))
    answer = invoke("eval", str(gold), "--db", str(khan_store), "--format", "json")
    scores = json.loads(answer.stdout)
    assert answer.exit_code == 0 and scores["statements"] == 3 and scores["missing"] == 1
    assert scores["confusion"]["for"] == {"for": 1, "against": 0, "neither": 1}
    assert scores["confusion"]["against"]["against"] == 1 and scores["accuracy"] == round(2 / 3, 4)
    assert scores["f1"]["against"] == 1.0 and "not in" in answer.stderr
    table = invoke("eval", str(gold), "--db", str(khan_store))
    assert "macro-F1" in table.stdout and "gold / predicted" in table.stdout


def test_the_regression_learns_round_trips_and_only_decides_where_the_rules_found_no_side():
    from onrecord.positions.learned import StanceModel, features, shipped, train

    target = Target.of("wall")
    said = [("We must finish the wall", "for"), ("The wall will keep us safe", "for"), ("Finish the wall now", "for"),
            ("The wall is a monument to fear", "against"), ("A wall shames the country", "against"),
            ("The wall shames us all", "against"), ("They talked about the wall", "neither"),
            ("The wall was discussed", "neither"), ("Reporters asked about the wall", "neither")]
    model = train([(features(text, target, None, "direct")[0], label) for text, label in said])
    assert StanceModel.from_json(model.to_json()).scores(["w:shames"]) == pytest.approx(model.scores(["w:shames"]), abs=1e-4)
    read = model.read("Such a wall shames us", target, None, "direct")
    assert read.label == "against" and "shames" in read.evidence  # the rules see no side here; the words decide
    assert model.read("I oppose the wall", target, None, "direct").evidence == "oppose"  # the rules' side stands
    assert model.read("Taxes are too high", target, None, "direct").label == "neither"  # the target is not named
    assert shipped().vocabulary  # the shipped weights load


def test_eval_cross_validates_by_target_when_the_model_saw_the_set(khan_store, tmp_path, monkeypatch):
    import onrecord.positions.evaluate as evaluate

    with sqlite3.connect(khan_store) as db:
        spans = [json.loads(spans)[0] for (spans,) in db.execute("SELECT spans FROM statements ORDER BY id")]
    lines = [{"target": target, "article": "khan-ceasefire-2023-10-27", "statement": span, "label": label}
             for target, span, label in [("ceasefire", spans[1], "for"), ("ceasefire", spans[3], "against"),
                                         ("israel", spans[2], "for"), ("israel", spans[8], "for")]]
    gold = tmp_path / "stance-gold.jsonl"
    gold.write_text("".join(json.dumps(line) + "\n" for line in lines))
    (tmp_path / "targets.json").write_text(json.dumps([{"id": "ceasefire", "proposition": "a ceasefire", "key": "ceasefire"},
                                                       {"id": "israel", "proposition": "Israel's right", "key": "Israel"}]))
    with Store(khan_store) as store:
        _, _, method = evaluate.score_stances(gold, store)
        assert method == "the shipped model"
        trained_here = dataclasses.replace(evaluate.shipped(), trained_on=evaluate.fingerprint(gold))
        monkeypatch.setattr(evaluate, "shipped", lambda: trained_here)
        scores, rules, method = evaluate.score_stances(gold, store)
    assert method.startswith("cross-validated by target") and scores.total == rules.total == 4
