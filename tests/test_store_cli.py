"""The record's commands: ingest killed with SIGKILL and resumed (real processes), search, exports read back
(in this process, through click's CliRunner)."""
from __future__ import annotations

import csv
import io
import json
import os
import select
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cli_helpers import command, invoke, process_running, run_process
from conftest import SAMPLES, SHARED
from store_dump import damage, logical_dump

WIKINEWS = SHARED / "data" / "wikinews" / "wikinews-2019-2021.jsonl"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """30 real Wikinews articles (the shipped samples when the shared data is absent)."""
    if not WIKINEWS.exists():
        return SAMPLES
    path = tmp_path_factory.mktemp("corpus") / "wikinews-30.jsonl"
    lines = WIKINEWS.read_text(encoding="utf-8").splitlines()[:30]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory, corpus) -> Path:
    db = tmp_path_factory.mktemp("store") / "record.db"
    result = invoke("ingest", str(corpus), "--db", str(db), "--batch-size", "4")
    assert result.exit_code == 0, result.stderr
    return db


def committed_articles(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_sigkill_at_any_moment_then_rerun_gives_the_uninterrupted_store(tmp_path, corpus, store):
    db = tmp_path / "killed.db"
    ingest = command("ingest", str(corpus), "--db", str(db), "--batch-size", "4")
    kills = 0
    for wait_for in (1, 9, 17):  # kill just after the store holds this many articles, three times over
        process = subprocess.Popen(ingest, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 300
        while process.poll() is None and committed_articles(db) < wait_for and time.monotonic() < deadline:
            time.sleep(0.02)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            kills += 1
        process.wait()
    assert kills >= 2, "the run finished before it could be killed: make the corpus bigger"
    partial = committed_articles(db)
    assert 0 < partial < logical_dump(store)["articles"].__len__()
    result = subprocess.run(ingest, capture_output=True, timeout=600)
    assert result.returncode == 0, result.stderr.decode()
    assert f"{partial} unchanged" in result.stderr.decode()
    assert logical_dump(db) == logical_dump(store)
    assert logical_dump(db)["integrity"] == ("ok",)


def test_a_second_writer_waits_for_the_first_and_says_so(tmp_path):
    from onrecord.record.store import Store, StoreBusy

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Mayor Rosa Lind said the bridge would reopen.", encoding="utf-8")
    db = tmp_path / "record.db"
    with Store(db) as holder, holder.writer():  # a run in progress, as another process would hold it
        process = subprocess.Popen(command("ingest", str(folder), "--db", str(db)), stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, start_new_session=True)
        deadline, waited = time.monotonic() + 120, ""
        while process.poll() is None and time.monotonic() < deadline and "waiting for another run" not in waited:
            if select.select([process.stderr], [], [], 1)[0]:  # the message comes before it blocks
                waited += os.read(process.stderr.fileno(), 4096).decode()
        if process.poll() is None and "waiting for another run" not in waited:
            os.killpg(process.pid, signal.SIGKILL)
        assert f"waiting for another run writing to {db} to end" in waited and process.poll() is None
        time.sleep(1)
        assert process.poll() is None and committed_articles(db) == 0  # still waiting: nothing written
        with Store(db) as other, pytest.raises(StoreBusy, match="another run is writing"):
            with other.writer(wait=False):
                pass
    assert process.wait(timeout=300) == 0, process.stderr.read().decode()
    assert committed_articles(db) == 1


@pytest.mark.slow
def test_two_ingests_at_once_give_what_two_in_a_row_give(tmp_path, corpus):
    # each run decided who is who from the names it had seen: at once, PolNeAR dev and Wikinews split
    # Donald J. Trump in two and gave 179 statements another speaker than running them in a row did
    halves = {"one": tmp_path / "one.jsonl", "two": tmp_path / "two.jsonl"}
    lines = corpus.read_text(encoding="utf-8").splitlines() if corpus.suffix == ".jsonl" else None
    if lines is None:
        pytest.skip("needs the shared Wikinews file")
    halves["one"].write_text("\n".join(lines[::2]) + "\n", encoding="utf-8")
    halves["two"].write_text("\n".join(lines[1::2]) + "\n", encoding="utf-8")
    together, in_a_row = tmp_path / "together.db", tmp_path / "in-a-row.db"
    runs = [subprocess.Popen(command("ingest", str(path), "--db", str(together)), stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE) for path in halves.values()]
    for run in runs:
        assert run.wait(timeout=600) == 0, run.stderr.read().decode()
    for path in halves.values():
        assert invoke("ingest", str(path), "--db", str(in_a_row)).exit_code == 0
    assert logical_dump(together) == logical_dump(in_a_row)


def test_parse_workers_end_with_a_killed_ingest(tmp_path, corpus):
    # a SIGKILLed `ingest --jobs 2` left its two parse workers (160-195 MB each) blocked on a pipe
    db = tmp_path / "record.db"
    process = subprocess.Popen(command("ingest", str(corpus), "--db", str(db), "--jobs", "2", "--batch-size", "1"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while process.poll() is None and committed_articles(db) < 17 and time.monotonic() < deadline:
        time.sleep(0.02)  # past the first batch of 16 sent to one worker: both have parsed
    workers = {int(pid) for task in Path(f"/proc/{process.pid}/task").glob("*")
               for pid in (task / "children").read_text().split()}
    assert process.poll() is None and len(workers) >= 2, "the run ended before it could be killed"
    process.kill()
    process.wait()
    deadline = time.monotonic() + 60
    while any(map(process_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if process_running(pid)]



def test_ingest_summary_and_rejected_inputs(tmp_path, seed_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "text": "Ann Lee said that it rained.", "date": "2023-01-02"}\n{not json\n')
    db = tmp_path / "record.db"
    result = invoke("ingest", str(seed_path), str(bad), str(tmp_path / "missing.txt"), "--db", str(db))
    err = result.stderr
    assert result.exit_code == 1
    assert "bad.jsonl:2" in err and "missing.txt" in err and "Traceback" not in err
    assert "2 articles: 2 new" in err and "2 rejected" in err
    again = invoke("ingest", str(seed_path), "--db", str(db))
    assert again.exit_code == 0 and "1 unchanged" in again.stderr
    copy = tmp_path / "copy.txt"
    copy.write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    linked = invoke("ingest", str(copy), "--db", str(db))
    assert "1 article: 0 new" in linked.stderr and "1 copy linked" in linked.stderr  # not "1 copies linked"


def test_ingest_with_no_article_makes_no_store_and_names_what_it_rejected(tmp_path):
    db = tmp_path / "record.db"
    missing = tmp_path / "missing.txt"
    result = run_process("ingest", str(missing), "--db", str(db))
    err = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in err
    assert f"{missing}: no such file or directory" in err
    assert f"nothing ingested, {db} not created: 1 input rejected" in err
    assert not db.exists() and not Path(f"{db}.lock").exists()
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "README.md").write_text("not an article", encoding="utf-8")
    every_kind = invoke("ingest", str(missing), "https://example.com/a.html", str(tmp_path / "empty"),
                        str(tmp_path / "nothing-*.txt"), str(tmp_path / "notes"), "--db", str(db))
    assert every_kind.exit_code == 1
    for named in (missing, "https://example.com/a.html", tmp_path / "empty", tmp_path / "nothing-*.txt"):
        assert f"{named}: " in every_kind.stderr, named
    assert "4 inputs rejected, 1 file ignored" in every_kind.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "notes"]


def test_alias_and_ingest_make_no_store_where_there_should_be_none(tmp_path, seed_path):
    db = tmp_path / "record.db"
    alias = invoke("alias", "Joe Biden", "--own", "--db", str(db))
    assert alias.exit_code == 1 and f"{db}: no such store" in alias.stderr
    nowhere = tmp_path / "no-such-folder" / "record.db"
    ingest = invoke("ingest", str(seed_path), "--db", str(nowhere))
    assert ingest.exit_code == 1 and f"no folder {nowhere.parent} to make the store in" in ingest.stderr
    assert "not an onrecord store" not in ingest.stderr
    assert list(tmp_path.iterdir()) == []


def test_counts_in_messages_agree_and_are_grouped_by_thousands():
    from onrecord.values import counted

    assert [counted(1, "copy", "copies"), counted(2, "copy", "copies"), counted(12345, "statement")] == [
        "1 copy", "2 copies", "12,345 statements"]


def test_search_filters_and_formats(store):
    found = invoke("search", "said", "--db", str(store), "--limit", "5")
    assert found.exit_code == 0, found.stderr
    rows = [json.loads(line) for line in found.stdout.splitlines()]
    assert 1 <= len(rows) <= 5
    assert {"id", "article", "date", "type", "content", "speaker", "quote", "snippet"} <= set(rows[0])
    top = rows[0]["speaker"]
    if top["id"]:
        narrowed = invoke("search", "--speaker", top["id"], "--db", str(store), "--limit", "1000")
        assert {json.loads(line)["speaker"]["id"] for line in narrowed.stdout.splitlines()} == {top["id"]}
    dated = invoke("search", "--since", "2020-01-01", "--until", "2020-12-31", "--type", "direct", "--db", str(store),
                   "--format", "csv", "--limit", "1000")
    table = list(csv.DictReader(io.StringIO(dated.stdout)))
    assert all("2020-01-01" <= r["date"] <= "2020-12-31" and r["type"] == "direct" for r in table)
    assert f"{len(table)} statements match" in dated.stderr or "match" in dated.stderr
    missing = invoke("search", "said", "--db", str(store.parent / "nope.db"))
    assert missing.exit_code == 1 and "no such store" in missing.stderr
    nobody = invoke("search", "said", "--speaker", "Zzyzx Qwerty", "--db", str(store))
    assert nobody.exit_code == 0 and "no speaker matches 'Zzyzx Qwerty'" in nobody.stderr
    for words in (["said"], []):  # an offset past SQLite's integers: a usage error, not a traceback
        beyond = invoke("search", *words, "--since", "1900-01-01", "--offset", "99999999999999999999", "--db", str(store))
        assert beyond.exit_code == 2 and "offset must be between 0 and" in beyond.stderr
        assert "Traceback" not in beyond.stderr


def test_speakers_and_speaker(store):
    ranked = invoke("speakers", "--db", str(store), "--format", "jsonl")
    rows = [json.loads(line) for line in ranked.stdout.splitlines()]
    counts = [r["statements"] for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2
    profile = json.loads(invoke("speaker", rows[0]["id"], "--db", str(store), "--json").stdout)
    assert profile["id"] == rows[0]["id"] and profile["statements"] == rows[0]["statements"]
    assert sum(m["count"] for m in profile["months"]) == profile["statements"]
    unknown = invoke("speaker", "Nobody Atall Zzyzx", "--db", str(store))
    assert unknown.exit_code == 1 and "no speaker matches" in unknown.stderr


def test_exports_read_back_with_pyarrow_and_duckdb(store, tmp_path):
    import duckdb
    import pyarrow.parquet as pq

    con = sqlite3.connect(store)
    statements, quotes = con.execute("SELECT count(*), count(DISTINCT quote_id) FROM statements").fetchone()
    con.close()
    duck = duckdb.connect()
    for by, expected in (("statement", statements), ("quote", quotes)):
        parquet = tmp_path / f"{by}.parquet"
        result = invoke("export", "--by", by, "--format", "parquet", "--out", str(parquet), "--db", str(store))
        assert result.exit_code == 0, result.stderr
        table = pq.read_table(parquet)
        assert table.num_rows == expected
        assert duck.execute(f"SELECT count(*) FROM read_parquet('{parquet}')").fetchall() == [(expected,)]
        jsonl = invoke("export", "--by", by, "--db", str(store)).stdout.splitlines()
        assert [json.loads(line) for line in jsonl] == table.to_pylist()
        as_csv = invoke("export", "--by", by, "--format", "csv", "--db", str(store)).stdout
        csv_rows = list(csv.DictReader(io.StringIO(as_csv)))
        assert len(csv_rows) == expected
    occurrences = duck.execute(f"SELECT sum(len(occurrences)) FROM read_parquet('{tmp_path / 'quote.parquet'}')")
    assert occurrences.fetchall() == [(statements,)]
    usage = invoke("export", "--format", "parquet", "--db", str(store))
    assert usage.exit_code == 2 and "--out" in usage.stderr


def test_undated_articles_are_warned_about_and_counted(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "plain.txt").write_text("Ann Lee said that it rained all week.", encoding="utf-8")
    (tmp_path / "in" / "post_2019-05-06_rain.txt").write_text("Ann Lee said that it rained again.", encoding="utf-8")
    db = tmp_path / "record.db"
    result = invoke("ingest", str(tmp_path / "in"), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert "plain.txt: no date" in result.stderr and "2 undated" in result.stderr
    profile = invoke("speaker", "Ann Lee", "--db", str(db))
    assert "2 statements, undated" in profile.stdout and "per month: none dated" in profile.stdout
    named = invoke("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "named.db"), "--date-from-name")
    assert "1 undated" in named.stderr and "plain.txt: no date" in named.stderr
    assert "post_2019-05-06_rain.txt: no date" not in named.stderr
    with sqlite3.connect(tmp_path / "named.db") as con:
        assert con.execute("SELECT date FROM articles WHERE id = 'post_2019-05-06_rain'").fetchone()[0] == "2019-05-06"


def test_alias_corrects_who_is_who_and_speaker_why_shows_it(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "c1.txt").write_text("date 2020-01-02\nJoe Biden said the plan would cost less than expected.\n")
    (corpus / "c2.txt").write_text("date 2020-01-03\nJoseph R. Biden Jr. said that the vote would be close.\n")
    db = tmp_path / "record.db"
    assert invoke("ingest", str(corpus), "--db", str(db)).exit_code == 0
    why = invoke("speaker", "Joseph R. Biden Jr.", "--db", str(db), "--why")
    assert why.exit_code == 0 and "short form of 'joseph'" in why.stdout
    split = invoke("alias", "Joe Biden", "--own", "--db", str(db))
    assert split.exit_code == 0 and "1 statement moved" in split.stderr
    profile = json.loads(invoke("speaker", "joe-biden", "--db", str(db), "--json").stdout)
    assert profile["statements"] == 1 and profile["joins"][0]["override"]
    both = invoke("alias", "Joe Biden", "--own", "--clear", "--db", str(db))
    assert both.exit_code == 2 and "exactly one of" in both.stderr
    missing = invoke("alias", "Nobody Atall", "--to", "Joe Biden", "--db", str(db))
    assert missing.exit_code == 1 and "no speaker name 'Nobody Atall'" in missing.stderr
    assert invoke("alias", "Joe Biden", "--clear", "--db", str(db)).exit_code == 0
    assert json.loads(invoke("speaker", "Joe Biden", "--db", str(db), "--json").stdout)["id"] == "joseph-r-biden-jr"


def test_speaker_format_json_and_the_deprecated_json_flag(store):
    name = json.loads(invoke("speakers", "--db", str(store), "--format", "jsonl").stdout.splitlines()[0])["id"]
    as_json = invoke("speaker", name, "--db", str(store), "--format", "json")
    assert as_json.exit_code == 0 and as_json.stderr == ""
    profile = json.loads(as_json.stdout)
    assert profile["id"] == name and profile["joins"]  # the whole profile, with who is joined and why
    old = invoke("speaker", name, "--db", str(store), "--json")
    assert old.exit_code == 0 and old.stdout == as_json.stdout
    assert "--json is deprecated: use --format json" in old.stderr
    assert invoke("speaker", name, "--db", str(store), "--format", "json", "--why").stdout == as_json.stdout
    assert invoke("speaker", name, "--db", str(store), "--json", "--format", "json").stdout == as_json.stdout
    table = invoke("speaker", name, "--db", str(store))
    assert table.exit_code == 0 and table.stdout.startswith(profile["name"]) and "latest statements" in table.stdout
    assert invoke("speaker", name, "--db", str(store), "--format", "table").stdout == table.stdout
    why = invoke("speaker", name, "--db", str(store), "--format", "table", "--why")
    assert why.exit_code == 0 and "who is joined, and why" in why.stdout
    both = invoke("speaker", name, "--db", str(store), "--format", "table", "--json")
    assert both.exit_code == 2 and "--json means --format json" in both.stderr and both.stdout == ""


def test_one_of_a_kind_is_said_in_the_singular(tmp_path):
    (tmp_path / "a.txt").write_text("date 2020-01-02\nAnn Lee said that it rained all week.\n", encoding="utf-8")
    db = tmp_path / "record.db"
    assert invoke("ingest", str(tmp_path / "a.txt"), "--db", str(db)).exit_code == 0
    found = invoke("search", "rained", "--db", str(db))
    assert found.exit_code == 0 and "1 statement matches" in found.stderr
    profile = invoke("speaker", "Ann Lee", "--db", str(db))
    assert "1 statement, 2020-01-02" in profile.stdout
    exported = invoke("export", "--db", str(db))
    assert exported.exit_code == 0 and "1 statement record written" in exported.stderr


def test_search_finds_unnamed_speakers_by_how_articles_describe_them(store):
    import sqlite3

    with sqlite3.connect(store) as db:  # a description of several words that the record holds
        (mention,) = db.execute("SELECT mention FROM statements WHERE speaker IS NULL AND name IS NULL "
                                "AND mention LIKE '% % %' ORDER BY id LIMIT 1").fetchone()
    found = invoke("search", "--speaker", mention, "--db", str(store), "--limit", "1000")
    assert found.exit_code == 0 and "no named speaker matches" in found.stderr
    rows = [json.loads(line) for line in found.stdout.splitlines()]
    assert rows and all(r["speaker"]["name"] is None for r in rows)
    assert any(r["speaker"]["description"] == mention for r in rows)


def one_line_error(result, *words: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert all(word in lines[0] for word in words), lines[0]


def test_damaged_and_foreign_stores_are_one_clear_line(tmp_path, store):
    import shutil

    from onrecord.record.store import SCHEMA_VERSION

    # a store whose pages after the first were overwritten with garbage
    damaged = tmp_path / "damaged.db"
    shutil.copy(store, damaged)
    damage(damaged, start=0.25)  # every command then meets a damaged page, on opening or on reading
    for args in (("search", "said"), ("speakers",), ("speaker", "Khan")):
        one_line_error(invoke(*args, "--db", str(damaged)))
    # a store with its version but not its tables
    hollow = tmp_path / "hollow.db"
    with sqlite3.connect(hollow) as con:
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        con.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
    one_line_error(invoke("search", "said", "--db", str(hollow)), "missing tables", "statements")
    # another program's database is never written to
    foreign = tmp_path / "app.db"
    with sqlite3.connect(foreign) as con:
        con.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    before = foreign.read_bytes()
    one_line_error(invoke("ingest", str(SAMPLES), "--db", str(foreign)), "another program", "users")
    assert foreign.read_bytes() == before


def _make_read_only(*paths: Path) -> Callable[[], None]:
    """Make files and folders unwritable, even for root (whom file modes do not stop: the
    immutable attribute does); returns what undoes it. Skips the test where neither can."""
    if os.geteuid() != 0:
        modes = {path: path.stat().st_mode for path in paths}
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        return lambda: [path.chmod(mode) for path, mode in modes.items()]
    if subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True).returncode != 0:
        pytest.skip("no way to make a file read-only for root here (chattr +i)")
    return lambda: subprocess.run(["chattr", "-i", *map(str, paths)], check=True)


def test_a_read_only_store_is_read_and_refuses_writing_before_any_parse(tmp_path, store):
    import shutil

    folder = tmp_path / "published"
    folder.mkdir()
    shutil.copy(store, folder / "record.db")
    undo = _make_read_only(folder / "record.db", folder)
    try:
        read = invoke("search", "said", "--db", str(folder / "record.db"))
        assert read.exit_code == 0 and "statements match" in read.stderr, read.stderr  # no WAL index can be made here
        one_line_error(invoke("ingest", str(SAMPLES), "--db", str(folder / "record.db")), "cannot write")
    finally:
        undo()
