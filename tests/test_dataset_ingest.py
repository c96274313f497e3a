"""A dataset of Parquet parts loaded into the store (`onrecord ingest DIR`): the record a direct
ingest of the same articles keeps, with no parse; idempotent; damaged or unfinished datasets
rejected by name while the rest goes in."""
from __future__ import annotations

import json
import sqlite3

import pytest

from cli_helpers import invoke
from conftest import REPO
from onrecord.dataset.parts import ARTICLES, MANIFEST, plan, run_task

DEMO = REPO / "samples" / "wikinews-demo.jsonl"


def record(db) -> dict[str, list[tuple]]:
    """What a store keeps, without its row ids."""
    with sqlite3.connect(db) as con:
        return {
            "articles": con.execute("SELECT id, text_hash, body_start, date, title, url, source, copy_of, error "
                                    "FROM articles ORDER BY id").fetchall(),
            "statements": con.execute(
                "SELECT s.article_id, s.seq, s.date, s.type, s.text, s.spans, s.cue_start, s.mention_start, s.name, "
                "s.description, s.speaker, round(s.confidence, 2), q.text FROM statements s "
                "LEFT JOIN quotes q ON q.id = s.quote_id ORDER BY s.article_id, s.seq").fetchall(),
            "roles": con.execute("SELECT article_id, name, role, date FROM roles ORDER BY 1, 2, 3").fetchall(),
            "speakers": con.execute("SELECT id, name, kind, statements, first_date, last_date FROM speakers "
                                    "ORDER BY id").fetchall(),
            "names": con.execute("SELECT name, kind, speaker FROM names ORDER BY name").fetchall(),
        }


@pytest.fixture(scope="module")
def dataset(tmp_path_factory, nlp):
    """The demo's articles as a dataset of six tasks, and a store made from them directly."""
    out = tmp_path_factory.mktemp("dataset")
    for task in plan([str(DEMO)], task_bytes=30_000):
        run_task(task, out, nlp)
    direct = tmp_path_factory.mktemp("direct") / "direct.db"
    assert invoke("ingest", str(DEMO), "--db", str(direct)).exit_code == 0
    return out, direct


def test_a_dataset_ingested_keeps_the_record_a_direct_ingest_keeps(dataset, tmp_path, monkeypatch):
    import onrecord.extraction.pipeline as pipeline

    out, direct = dataset
    monkeypatch.setattr(pipeline, "load_pipeline", lambda: pytest.fail("a dataset is ingested without spaCy"))
    result = invoke("ingest", str(out), "--db", str(tmp_path / "from-parts.db"))
    assert result.exit_code == 0, result.stderr
    assert "36 articles: 36 new" in result.stderr
    loaded, expected = record(tmp_path / "from-parts.db"), record(direct)
    assert len(expected["statements"]) > 300 and len(expected["roles"]) > 20
    for table in expected:
        assert loaded[table] == expected[table], table
    # offsets still index the stored text
    with sqlite3.connect(tmp_path / "from-parts.db") as con:
        for text, spans, article in con.execute("SELECT s.text, s.spans, a.text FROM statements s "
                                                "JOIN articles a ON a.id = s.article_id"):
            assert " ".join(article[a:b] for a, b in json.loads(spans)) == text


def test_ingesting_a_dataset_again_changes_nothing(dataset, tmp_path):
    out, _ = dataset
    db = tmp_path / "twice.db"
    invoke("ingest", str(out), "--db", str(db))
    before = record(db)
    again = invoke("ingest", str(out), "--db", str(db))
    assert again.exit_code == 0 and "0 new, 36 unchanged" in again.stderr
    assert record(db) == before


def test_damaged_and_unfinished_tasks_are_rejected_by_name_and_the_rest_goes_in(dataset, tmp_path):
    import shutil

    out, _ = dataset
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    tasks = sorted((json.loads(p.read_text()) for p in (copy / MANIFEST).glob("*.json")), key=lambda t: t["start"])
    damaged = copy / tasks[0]["parts"][0]
    damaged.write_bytes(b"PAR1 not parquet")
    (copy / ARTICLES / f"part-{tasks[1]['key']}.parquet").unlink()
    (copy / MANIFEST / f"{tasks[2]['key']}.json").unlink()  # a task whose run did not end
    db = tmp_path / "partial.db"
    result = invoke("ingest", str(copy), "--db", str(db))
    assert result.exit_code == 1
    assert str(damaged) in result.stderr and "not a readable Parquet file" in result.stderr
    assert f"part-{tasks[1]['key']}.parquet" in result.stderr and "missing" in result.stderr
    assert "1 task started but not finished" in result.stderr
    assert "Traceback" not in result.stderr
    kept = sum(t["articles"] for t in tasks[3:])
    assert f"{kept} articles: {kept} new" in result.stderr


def test_a_dataset_is_ingested_on_its_own(dataset, tmp_path):
    out, _ = dataset
    mixed = invoke("ingest", str(out), str(DEMO), "--db", str(tmp_path / "mixed.db"))
    assert mixed.exit_code == 2 and "on its own" in mixed.output
    assert not (tmp_path / "mixed.db").exists()
