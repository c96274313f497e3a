"""The store on real SQLite files: speakers across articles, merged quotes, idempotency, replacement, copies."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO, SAMPLES
from onrecord.inputs import read_inputs
from onrecord.extraction import extractor
from onrecord.record.ingest import ingest
from onrecord.model import Article, ArticleExtraction, Statement
from onrecord.record.read import search, speaker_profile
from onrecord.record.store import Store

from store_dump import logical_dump

KHAN_CORPUS = {
    "a1": "date 2023-10-01\nLondon mayor Sadiq Khan said the city would host a peace vigil on Sunday.\n\n"
          "Labour leader Keir Starmer said that the party backed a humanitarian pause in Gaza.\n",
    "a2": 'date 2023-10-05\nMayor Sadiq Khan said: "We will keep the buses running through the strike, '
          'whatever it costs the city this winter."\n',
    "a3": "date 2023-10-08\nKhan said that the congestion charge in London would not rise this year.\n",
    "a4": "date 2023-10-09\nTransport\n\nThe London mayor said on Monday that the night tube would reopen in the spring.\n",
    "a5": "date 2023-10-09\nPolitics\n\nThe Labour leader said that the party would publish its plans for the railways next month.\n",
    "a6": "date 2023-10-10\nFormer Pakistani prime minister Imran Khan said that the elections had been rigged "
          "against his party.\n",
}


def write_corpus(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def ingest_paths(db: Path, *paths: Path, nlp, batch_size: int = 64):
    with Store(db) as store:
        return ingest(read_inputs([str(p) for p in paths]), store, extractor(nlp=nlp), batch_size=batch_size)


def speaker_of(db: Path, article: str) -> set[str | None]:
    with Store(db, readonly=True) as store:
        return {r[0] for r in store.db.execute("SELECT speaker FROM statements WHERE article_id = ?", (article,))}


def test_one_person_is_one_speaker_across_articles(tmp_path, nlp):
    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "in", KHAN_CORPUS), nlp=nlp)
    assert speaker_of(db, "a2") == {"sadiq-khan"}  # "Mayor Sadiq Khan"
    assert speaker_of(db, "a3") == {"sadiq-khan"}  # "Khan", with "London" pointing to the mayor
    assert speaker_of(db, "a4") == {"sadiq-khan"}  # "The London mayor", never named in its article
    assert speaker_of(db, "a5") == {"keir-starmer"}  # "The Labour leader"
    assert speaker_of(db, "a6") == {"imran-khan"}  # shares the surname, not the person
    with Store(db, readonly=True) as store:
        profile = speaker_profile(store, "Sadiq Khan")
    assert profile is not None and profile["statements"] == 4
    aliases = {a["alias"] for a in profile["aliases"]}
    assert {"London mayor Sadiq Khan", "Mayor Sadiq Khan", "Khan", "The London mayor"} <= aliases
    roles = {r["role"]: (r["first_date"], r["last_date"]) for r in profile["roles"]}
    assert roles["london mayor"] == ("2023-10-01", "2023-10-01")


def test_a_shared_surname_without_clues_stays_apart(tmp_path, nlp):
    corpus = dict(KHAN_CORPUS, a3="date 2023-10-08\nKhan said that the decision would not change.\n")
    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "in", corpus), nlp=nlp)
    assert speaker_of(db, "a3") == {"khan"}
    assert speaker_of(db, "a1") & {"sadiq-khan"} and speaker_of(db, "a6") == {"imran-khan"}


def test_a_surname_joins_the_one_person_who_has_it_even_when_named_later(tmp_path, nlp):
    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "first", {"a3": KHAN_CORPUS["a3"]}), nlp=nlp)
    assert speaker_of(db, "a3") == {"khan"}
    ingest_paths(db, write_corpus(tmp_path / "then", {"a2": KHAN_CORPUS["a2"]}), nlp=nlp)
    assert speaker_of(db, "a3") == {"sadiq-khan"}
    with Store(db, readonly=True) as store:
        assert [r[0] for r in store.db.execute("SELECT id FROM speakers")] == ["sadiq-khan"]


def test_a_role_only_names_someone_near_the_dates_it_was_seen(tmp_path, nlp):
    corpus = {"a1": KHAN_CORPUS["a1"], "late": KHAN_CORPUS["a4"].replace("2023-10-09", "2026-01-09")}
    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "in", corpus), nlp=nlp)
    assert speaker_of(db, "late") == {None}


def test_reference_article_repeated_quote_is_one_quote_with_two_occurrences(tmp_path, nlp, seed_path):
    db = tmp_path / "record.db"
    ingest_paths(db, seed_path, nlp=nlp)
    with Store(db, readonly=True) as store:
        rows = store.db.execute(
            "SELECT quote_id, speaker, text FROM statements WHERE text LIKE '%I join the international community%'"
        ).fetchall()
        assert len(rows) == 2
        assert rows[0]["quote_id"] == rows[1]["quote_id"]
        assert {r["speaker"] for r in rows} == {"sadiq-khan"}
        article_text = store.db.execute("SELECT text FROM articles").fetchone()[0]
        for row in store.db.execute("SELECT text, spans, cue, cue_start, cue_end FROM statements"):
            spans = json.loads(row["spans"])
            assert " ".join(article_text[a:b] for a, b in spans) == row["text"]
            if row["cue"] is not None:
                assert article_text[row["cue_start"]:row["cue_end"]] == row["cue"]
        distinct = store.db.execute("SELECT count(DISTINCT quote_id), count(*) FROM statements").fetchone()
    assert distinct[0] == distinct[1] - 1  # only the repeated quote merged


def test_short_phrases_merge_within_a_speaker_never_across(tmp_path, nlp):
    corpus = {
        "p1": 'date 2023-01-02\nMaria Lopez said: "We will see."\n',
        "p2": 'date 2023-01-03\nJohn Carter said: "We will see."\n',
        "p3": 'date 2023-01-04\nMaria Lopez said: "We will see!"\n',
    }
    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "in", corpus), nlp=nlp)
    with Store(db, readonly=True) as store:
        quotes = store.db.execute("SELECT speaker, count(*) FROM statements GROUP BY quote_id ORDER BY speaker").fetchall()
    assert [tuple(q) for q in quotes] == [("john-carter", 1), ("maria-lopez", 2)]


def test_ingest_is_idempotent_and_a_changed_article_replaces_its_statements(tmp_path, nlp):
    folder = write_corpus(tmp_path / "in", KHAN_CORPUS)
    db = tmp_path / "record.db"
    first = ingest_paths(db, folder, nlp=nlp)
    assert (first.new, first.unchanged) == (6, 0)
    before = logical_dump(db)
    again = ingest_paths(db, folder, nlp=nlp)
    assert (again.new, again.unchanged, again.updated, again.statements) == (0, 6, 0, 0)
    assert logical_dump(db) == before

    (folder / "a6.txt").write_text(
        "date 2023-10-11\nImran Khan said that his party would boycott the vote and take the case to court.\n"
    )
    changed = ingest_paths(db, folder, nlp=nlp)
    assert (changed.updated, changed.unchanged) == (1, 5)
    after = logical_dump(db)
    a6 = [s for s in after["statements"] if s[0] == "a6"]
    assert len(a6) == 1 and "boycott" in a6[0][3]
    assert [s for s in after["statements"] if s[0] != "a6"] == [s for s in before["statements"] if s[0] != "a6"]
    with Store(db, readonly=True) as store:
        assert store.db.execute("SELECT date FROM articles WHERE id = 'a6'").fetchone()[0] == "2023-10-11"
        assert search(store, "rigged").total == 0 and search(store, "boycott").total == 1


def test_a_syndicated_copy_is_linked_not_counted_twice(tmp_path, nlp):
    folder = write_corpus(tmp_path / "in", {"a1": KHAN_CORPUS["a1"], "a1-copy": KHAN_CORPUS["a1"]})
    db = tmp_path / "record.db"
    summary = ingest_paths(db, folder, nlp=nlp)
    assert (summary.new, summary.copies) == (1, 1)
    with Store(db, readonly=True) as store:
        links = dict(store.db.execute("SELECT id, copy_of FROM articles").fetchall())
        assert sorted(links.items(), key=lambda kv: kv[1] is None) in (
            [("a1", "a1-copy"), ("a1-copy", None)], [("a1-copy", "a1"), ("a1", None)]
        )
        copy = next(i for i, original in links.items() if original)
        assert store.db.execute("SELECT count(*) FROM statements WHERE article_id = ?", (copy,)).fetchone()[0] == 0
        assert store.db.execute("SELECT count(*) FROM statements").fetchone()[0] == 2


def test_a_copy_is_skipped_by_identity_and_forgotten_once_skipped(tmp_path):
    # The copy was marked "no parse" by its object's id() and never forgotten; once it was freed, a
    # later article could be given the same id() and be stored with no statements, silently (seen
    # in 1 of 1,160 articles of the shared store).
    from onrecord.record.ingest import IngestSummary, Progress, _Planner

    with Store(tmp_path / "record.db") as store:
        planner = _Planner(store)
        original, copy = Article(id="a", text="Tom said hi."), Article(id="b", text="Tom said hi.")
        planned = list(planner.articles_to_write(iter([original, copy]), IngestSummary(), Progress()))
        assert planned == [original, copy] and planner.needs_parse(original)
        assert planner.needs_parse(Article(id="b", text="Tom said hi."))  # an equal object is not it
        assert planner.needs_parse(copy) is False
        assert planner.skip_parse == {} and planner.needs_parse(copy)  # asked once, then forgotten


def test_samples_ingest_with_offsets_that_round_trip(tmp_path, nlp):
    db = tmp_path / "record.db"
    summary = ingest_paths(db, SAMPLES, nlp=nlp, batch_size=2)
    assert summary.new == 5 and summary.statements > 30
    with Store(db, readonly=True) as store:
        texts = dict(store.db.execute("SELECT id, text FROM articles").fetchall())
        for row in store.db.execute("SELECT article_id, text, spans, mention, mention_start, mention_end FROM statements"):
            text = texts[row["article_id"]]
            assert " ".join(text[a:b] for a, b in json.loads(row["spans"])) == row["text"]
            if row["mention"] is not None:
                assert text[row["mention_start"]:row["mention_end"]] == row["mention"]
        counted = store.db.execute("SELECT sum(statements) FROM speakers").fetchone()[0]
        attributed = store.db.execute("SELECT count(*) FROM statements WHERE speaker IS NOT NULL").fetchone()[0]
    assert counted == attributed


def test_a_store_of_another_kind_is_refused(tmp_path):
    bogus = tmp_path / "not-a-store.db"
    bogus.write_bytes(b"this is not sqlite at all" * 100)
    from onrecord.record.store import StoreError

    with pytest.raises(StoreError, match="not-a-store.db"):
        Store(bogus)


def test_extraction_failure_is_stored_and_counted(tmp_path, nlp, monkeypatch):
    import onrecord.extraction.pipeline as pipeline

    def explode(doc, body_start=0, settings=None):
        raise ValueError("boom")

    monkeypatch.setattr(pipeline, "find_statements_and_roles", explode)
    db = tmp_path / "record.db"
    with Store(db) as store:
        summary = ingest([Article(id="x", text="Ann Lee said that it rained.", date="2023-01-01")], store, extractor(nlp=nlp))
    assert summary.failed == 1
    with Store(db, readonly=True) as store:
        assert "boom" in store.db.execute("SELECT error FROM articles WHERE id = 'x'").fetchone()[0]


def test_search_words_phrases_operators_filters_and_paging(tmp_path, nlp):
    from onrecord.record.read import QueryError, fts_query

    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "in", KHAN_CORPUS), nlp=nlp)
    with Store(db, readonly=True) as store:
        assert search(store, "buses strike").total == 1
        assert search(store, '"strike whatever"').total == 1  # a phrase, punctuation aside
        assert search(store, "buses OR railways").total == 2
        assert search(store, "rail*").total == 1
        # a prefix matches words as written, not stems ("congestion" is stemmed to "congest")
        assert search(store, "congestio*").total == search(store, "congestion").total == 1
        assert search(store, "electio*").total == search(store, "elections").total >= 1
        assert search(store, "congestio*", speaker="Sadiq Khan").total == 1
        assert "congestion" in search(store, "congestio*", marks=("<b>", "</b>")).results[0]["snippet"].lower()
        hit = search(store, "congestion", marks=("<b>", "</b>")).results[0]
        assert "<b>congestion</b>" in hit["snippet"] and hit["speaker"]["id"] == "sadiq-khan"
        assert {r["article"] for r in search(store, speaker="Sadiq Khan", limit=10).results} == {"a1", "a2", "a3", "a4"}
        assert search(store, speaker="Khan").total == 5  # both Khans: every speaker whose name holds the word
        assert [s["id"] for s in search(store, speaker="Khan").speakers] == ["sadiq-khan", "imran-khan"]  # which ones
        assert search(store, "buses", speaker="Sadiq Khan").speakers == [{"id": "sadiq-khan", "name": "Sadiq Khan", "statements": 4}]
        assert search(store, speaker="Nobody Known").speakers == [] and search(store, "buses").speakers is None
        assert search(store, speaker="sadiq-khan", since="2023-10-06").total == 2
        assert search(store, speaker="Sadiq Khan", until="2023-10-04", type="direct").total == 0
        assert search(store, speaker="Sadiq Khan", until="2023-10-04", type="indirect").total == 1
        assert search(store, type="direct").total == 1
        newest_first = [r["date"] for r in search(store, limit=10).results]
        assert newest_first == sorted(newest_first, reverse=True)
        pages = [search(store, limit=2, offset=o).results for o in (0, 2, 4, 6)]
        assert len({r["id"] for page in pages for r in page}) == 7
        assert search(store, "buses", speaker="Nobody Known").total == 0
        for bad in ({"type": "rumour"}, {"since": "2023-02-30"}, {"limit": 0}):
            with pytest.raises(QueryError):
                search(store, "x", **bad)
    with pytest.raises(QueryError):
        fts_query("x" * 600)
    with pytest.raises(QueryError, match="nothing to search"):
        fts_query("OR ( )")


def test_a_busy_store_is_a_clear_error_and_nothing_is_half_written(tmp_path, nlp):
    import sqlite3

    from onrecord.record.store import StoreError

    db = tmp_path / "record.db"
    Store(db).close()
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the store
    try:
        with pytest.raises(StoreError, match="busy"):  # now when the store is opened for writing, before any parse
            with Store(db, busy_timeout=0.2) as store:
                ingest(read_inputs([str(write_corpus(tmp_path / "in", {"a1": KHAN_CORPUS["a1"]}))]), store, extractor(nlp=nlp))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert logical_dump(db)["articles"] == []


def test_a_very_common_word_is_ranked_among_its_newest_matches(tmp_path, nlp, monkeypatch):
    import onrecord.record.query as search_module

    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "in", KHAN_CORPUS), nlp=nlp)
    monkeypatch.setattr(search_module, "RANK_AT_MOST", 3)
    with Store(db, readonly=True) as store:
        everything = search(store, "said OR party OR city OR elections OR charge OR tube", limit=10)
        assert everything.total == 7 and everything.ranked_among == 3
        newest = {r["id"] for r in everything.results}
        top_ids = [r[0] for r in store.db.execute("SELECT id FROM statements ORDER BY id DESC LIMIT 3")]
        assert newest == set(top_ids)
        assert search(store, "buses").ranked_among is None


def test_an_older_store_is_upgraded_when_opened_for_writing(tmp_path):
    import sqlite3

    from onrecord.record.store import SCHEMA_VERSION, StoreError

    db = tmp_path / "old.db"
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema'")
    con.execute("DROP INDEX statements_speaker_mention")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="older onrecord"):
        Store(db, readonly=True)
    Store(db).close()
    with Store(db, readonly=True) as store:
        assert store._schema_version() == SCHEMA_VERSION
        assert store.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'statements_speaker_mention'").fetchone()


def test_a_schema_3_store_gets_its_word_index_filled_when_opened_for_writing(tmp_path, nlp):
    import sqlite3

    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "in", KHAN_CORPUS), nlp=nlp)
    con = sqlite3.connect(db)  # as onrecord with schema 3 left it: no unstemmed word index
    con.executescript(
        "DROP TRIGGER statements_words_insert; DROP TRIGGER statements_words_delete; "
        "DROP TRIGGER statements_words_speaker; DROP TABLE statements_words; "
        "UPDATE meta SET value = '3' WHERE key = 'schema';"
    )
    con.close()
    Store(db).close()
    with Store(db, readonly=True) as store:
        assert search(store, "congestio*").total == 1
        assert logical_dump(db)["integrity"] == ("ok",)


def test_nothing_resolves_to_a_headline_read_as_a_name():
    from onrecord.record.speakers import NameIndex

    index = NameIndex()
    for name in ("Hillary Clinton Reassures House Democrats", "Democrats", "Hillary Clinton", "Clinton"):
        index.add(name, "person")
    assert index.speaker_of("Democrats")[0] == "democrats"
    assert index.speaker_of("Clinton")[0] == "hillary-clinton"


def test_a_headline_name_met_before_the_name_it_holds_joins_it_once_the_ingest_ends(tmp_path):
    # the name cache is kept per surname, and "Ben Carson Defends" has another "surname" than Ben
    # Carson: the end of each ingest forgets the cache, so the order articles came in does not matter
    from onrecord.model import Speaker
    from onrecord.record.speakers import NameIndex

    index = NameIndex()
    index.add("Ben Carson Defends", "person")
    assert index.speaker_of("Ben Carson Defends")[0] == "ben-carson-defends"
    index.add("Ben Carson", "person")
    index.clear_cache()
    assert index.speaker_of("Ben Carson Defends")[0] == "ben-carson"
    db = tmp_path / "record.db"
    with Store(db) as store:
        for number, name in enumerate(("Ben Carson Defends", "Ben Carson")):
            text = f"the plan works {number}"  # two texts: the same one would be a syndicated copy
            statement = Statement(type="indirect", text=text, spans=((0, len(text)),), cue=None,
                                  speaker=Speaker(None, name, "person"), confidence=0.9, article=f"h{number}")
            store.write([ArticleExtraction(Article(id=f"h{number}", text=text), [statement], [], None)])
        store.finish()
    assert speaker_of(db, "h0") == speaker_of(db, "h1") == {"ben-carson"}


def test_progress_is_reported_once_per_article_and_rejection(tmp_path, nlp):
    from onrecord.record.ingest import Progress

    folder = write_corpus(tmp_path / "in", {"a1": KHAN_CORPUS["a1"], "a2": KHAN_CORPUS["a2"]})
    (folder / "bad.jsonl").write_text("{oops\n")
    done, rejected = [], []
    with Store(tmp_path / "record.db") as store:
        for _ in range(2):  # the second run: both unchanged
            ingest(read_inputs([str(folder)]), store, extractor(nlp=nlp),
                   progress=Progress(article_done=done.append, rejected=rejected.append))
    assert done == [2, 1, 0, 0] and len(rejected) == 2 and "bad.jsonl:1" in str(rejected[0])


def test_a_prefix_snippet_marks_the_words_the_prefix_starts_accents_and_case_folded():
    from onrecord.record.read import prefix_snippet

    text = "The Président said the presidential race was about the press. " + "More words here. " * 20
    snippet = prefix_snippet(text, '"presi"* "race"', ("<b>", "</b>"))
    assert snippet.startswith("The <b>Président</b> said the <b>presidential</b> <b>race</b> was about the press")
    assert snippet.endswith("…") and len(snippet.split()) <= 34
    assert prefix_snippet("Nothing matches here.", '"zzz"*', ("<b>", "</b>")) == "Nothing matches here."


def test_pronouns_are_counted_apart_from_the_names_a_speaker_goes_by(tmp_path, nlp):
    corpus = {"p1": 'date 2023-05-01\nMayor Rosa Lind said the bridge would reopen in June.\n\n'
                    '"We are not going to wait any longer," she said on Tuesday.\n'}
    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "in", corpus), nlp=nlp)
    with Store(db, readonly=True) as store:
        profile = speaker_profile(store, "Rosa Lind")
    assert profile is not None
    assert "she" not in {a["alias"].lower() for a in profile["aliases"]}
    assert {"pronoun": "she", "count": 1} in profile["pronouns"]


def test_a_mention_of_several_people_is_no_alias_but_a_body_named_with_and_keeps_its_name(tmp_path, nlp):
    corpus = {"w1": "date 2023-05-01\nMayor Rosa Lind said the bridge would reopen.\n\n"
                    "Rosa Lind and Tom Hale said the plan would fail.\n\nProcter & Gamble said prices would rise.\n"}
    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "in", corpus), nlp=nlp)
    with Store(db, readonly=True) as store:
        lind, company = speaker_profile(store, "Rosa Lind"), speaker_profile(store, "Procter & Gamble")
    assert lind is not None and company is not None
    assert [a["alias"] for a in lind["aliases"]] == ["Mayor Rosa Lind"]
    assert lind["with_others"] == [{"alias": "Rosa Lind and Tom Hale", "count": 1}]
    assert [a["alias"] for a in company["aliases"]] == ["Procter & Gamble"] and company["with_others"] == []


def test_an_unnamed_speaker_is_shown_by_the_articles_description(tmp_path, nlp):
    from onrecord.record.read import speaker_label

    corpus = {"u1": "date 2023-06-01\nA federal judge said the order was unlawful and must be lifted at once.\n\n"
                    "He said the agency had ignored the court.\n"}
    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "in", corpus), nlp=nlp)
    with Store(db, readonly=True) as store:
        judge = search(store, "unlawful").results[0]["speaker"]
        pronoun = search(store, "ignored").results[0]["speaker"]
    assert judge["name"] is None and judge["description"] == "A federal judge"
    assert speaker_label(judge) == "A federal judge (unnamed)"
    assert pronoun["description"] is None and speaker_label(pronoun) == "unknown speaker"


def test_a_speaker_filter_that_names_nobody_finds_unnamed_speakers_by_their_description(tmp_path, nlp):
    corpus = {"u1": "date 2023-06-01\nA federal judge said the order was unlawful and must be lifted at once.\n\n"
                    "Mayor Rosa Lind said the federal order would be appealed.\n",
              "u2": "date 2023-07-01\nA spokesman for the judge said the ruling stood.\n"}
    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "in", corpus), nlp=nlp)
    with Store(db, readonly=True) as store:
        judges = search(store, speaker="the federal judge")
        worded = search(store, "unlawful", speaker="Federal Judge")
        named = search(store, speaker="Rosa Lind")
        nobody = search(store, speaker="a Zzyzx")
        wildcards = [search(store, speaker=typed) for typed in ("%", "_", "Ros%", "L_nd")]
    assert judges.described == "federal judge" and judges.speakers == []
    assert [r["speaker"]["description"] for r in judges.results] == ["A federal judge"]  # not the spokesman's
    assert worded.total == 1 and worded.results[0]["speaker"]["description"] == "A federal judge"
    assert named.described is None and named.total == 1  # a named speaker matched: descriptions are not searched
    assert nobody.total == 0 and nobody.described is None and nobody.speakers == []  # nobody, named or described
    assert all(w.total == 0 and w.speakers == [] for w in wildcards)  # "%" and "_" are characters, not wildcards


def test_a_speakers_undated_statements_are_counted_apart_from_the_dated_range(tmp_path, nlp):
    corpus = {"d1": "date 2023-03-01\nMayor Rosa Lind said the bridge would reopen in June.\n",
              "d2": "Mayor Rosa Lind said the tunnel would close for a month.\n"}
    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "in", corpus), nlp=nlp)
    with Store(db, readonly=True) as store:
        profile = speaker_profile(store, "Rosa Lind")
        ranged = search(store, speaker="Rosa Lind", since="2000-01-01")
    assert profile is not None and profile["statements"] == 2 and profile["undated"] == 1
    assert profile["first_date"] == profile["last_date"] == "2023-03-01"
    assert ranged.total == 1  # a date range never holds an undated statement


def test_the_overview_counts_undated_articles_apart_from_its_date_range(tmp_path, nlp):
    from onrecord.record.read import overview

    corpus = {"d1": "date 2023-03-01\nMayor Rosa Lind said the bridge would reopen in June.\n",
              "d2": "Mayor Rosa Lind said the tunnel would close for a month. She said buses would run.\n"}
    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "in", corpus), nlp=nlp)
    with Store(db, readonly=True) as store:
        seen = overview(store)
    assert seen["articles"] == 2 and seen["first_date"] == seen["last_date"] == "2023-03-01"
    assert seen["undated_articles"] == 1 and seen["undated_statements"] == 2
    assert [s["date"] for s in seen["latest"]][0] == "2023-03-01"  # dated first; undated ones after


@pytest.mark.parametrize("names,joined,apart", [
    (["Donald Trump", "Donald J. Trump", "Donald Trump Jr.", "Eric Trump"],
     [("Donald Trump", "Donald J. Trump")], [("Donald Trump", "Donald Trump Jr."), ("Donald Trump", "Eric Trump")]),
    (["Joe Biden", "Joseph R. Biden Jr.", "Hunter Biden"],
     [("Joe Biden", "Joseph R. Biden Jr.")], [("Joe Biden", "Hunter Biden")]),
    (["Ted Cruz", "Rafael Edward Cruz"], [("Ted Cruz", "Rafael Edward Cruz")], []),
    (["Hillary Clinton", "Hillary Rodham Clinton", "Bill Clinton", "Crooked Hillary Clinton"],
     [("Hillary Clinton", "Hillary Rodham Clinton")], [("Hillary Clinton", "Bill Clinton")]),
    (["Donald Trump", "Donald J. Trump", "Entrusting Donald Trump", "Eric Trump"],  # a headline's words read as a name
     [("Donald Trump", "Donald J. Trump"), ("Entrusting Donald Trump", "Donald J. Trump")],
     [("Entrusting Donald Trump", "Eric Trump")]),
    (["Sadiq Khan", "Imran Khan", "Khan"], [], [("Sadiq Khan", "Imran Khan"), ("Khan", "Sadiq Khan")]),
    (["Donald J. Trump", "J. Trump", "Eric Trump"], [("J. Trump", "Donald J. Trump")], [("J. Trump", "Eric Trump")]),
    (["Bill de Blasio", "De Blasio", "Gloria La Riva", "La Riva", "Lucy Blasio"],
     [("De Blasio", "Bill de Blasio"), ("La Riva", "Gloria La Riva")], [("De Blasio", "Lucy Blasio")]),
    (["David Turpin", "Louise Turpin"], [], [("David Turpin", "Louise Turpin")]),
    (["Elijah Cummings", "Elijah E. Cummings", "Elijah Eugene Cummings"],
     [("Elijah E. Cummings", "Elijah Eugene Cummings"), ("Elijah Cummings", "Elijah Eugene Cummings")], []),
    (["Elijah E. Cummings", "Elijah Eugene Cummings", "Elijah Edward Cummings"],  # "E." could be either
     [], [("Elijah Eugene Cummings", "Elijah Edward Cummings"), ("Elijah E. Cummings", "Elijah Edward Cummings")]),
    (["Jake Sullivan", "Jacob Sullivan", "Margaret Sullivan"],
     [("Jake Sullivan", "Jacob Sullivan")], [("Jake Sullivan", "Margaret Sullivan")]),
    # a headline's words read as part of a name; two names in one headline, or a double given name, stay
    (["Ben Carson Defends", "Ben Carson", "Entrusting Donald Trump", "Donald Trump", "Hillary Clinton",
      "Hillary Clinton Slams Donald Trump", "Mary Ann Smith", "Ann Smith", "Ann Smith Jones", "Jones Wu", "Jones Smith"],
     [("Ben Carson Defends", "Ben Carson"), ("Entrusting Donald Trump", "Donald Trump")],
     [("Hillary Clinton Slams Donald Trump", "Donald Trump"), ("Hillary Clinton Slams Donald Trump", "Hillary Clinton"),
      ("Mary Ann Smith", "Ann Smith"), ("Ann Smith Jones", "Ann Smith")]),
])
def test_name_variants_of_one_person_join_and_different_people_never_do(names, joined, apart):
    from onrecord.record.speakers import NameIndex

    index = NameIndex()
    for name in names:
        index.add(name, "person")
    speaker = {name: index.speaker_of(name)[0] for name in names}
    for a, b in joined:
        assert speaker[a] == speaker[b], (a, b)
    for a, b in apart:
        assert speaker[a] != speaker[b], (a, b)


def test_a_nickname_and_a_full_name_are_one_speaker_across_articles_in_either_order(tmp_path, nlp):
    corpus = {"b1": "date 2020-01-02\nJoe Biden said the plan would cost less than expected.\n",
              "b2": "date 2020-01-03\nJoseph R. Biden Jr. said that the vote would be close.\n",
              "b3": "date 2020-01-04\nDonald Trump said the economy was strong. Donald Trump Jr. said that the rally was full.\n"}
    for order in (["b1", "b2", "b3"], ["b3", "b2", "b1"]):
        db = tmp_path / f"record-{order[0]}.db"
        for name in order:
            ingest_paths(db, write_corpus(tmp_path / f"in-{order[0]}-{name}", {name: corpus[name]}), nlp=nlp)
        assert speaker_of(db, "b1") == speaker_of(db, "b2") == {"joseph-r-biden-jr"}
        assert len(speaker_of(db, "b3")) == 2  # father and son stay apart


SUFFIX_CORPUS = {
    # one person written with and without "Jr.": the same post, never both in one article
    "s1": "date 2020-01-02\nVice President Joseph R. Biden Jr. said the plan would cost less than expected.\n",
    "s2": "date 2020-01-03\nVice President Joseph R. Biden said that the vote would be close.\n",
    "s3": "date 2020-01-04\nJoe Biden said that the debate went well.\n",
    # father and son in one post each, named together once: two people
    "f1": "date 2020-02-01\nCounty Commissioner Fred Lane said the road would be paved.\n",
    "f2": "date 2020-02-02\nCounty Commissioner Fred Lane Jr. said the school would reopen.\n",
    "f3": "date 2020-02-03\nFred Lane said the fair was a success. His son, Fred Lane Jr., said that it rained.\n",
}


def test_a_generational_suffix_joins_only_on_evidence_of_one_person(tmp_path, nlp):
    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "in", SUFFIX_CORPUS), nlp=nlp)
    assert speaker_of(db, "s1") == speaker_of(db, "s2") == speaker_of(db, "s3") == {"joseph-r-biden-jr"}
    assert speaker_of(db, "f1") == {"fred-lane"} and speaker_of(db, "f2") == {"fred-lane-jr"}
    assert speaker_of(db, "f3") == {"fred-lane", "fred-lane-jr"}
    with Store(db, readonly=True) as store:
        assert "never named together" in store.names.why("Joseph R. Biden")
    # a one-word post ("businessman") fits too many people to be evidence, nor is a relation ("son")
    jobs = {"g1": "date 2020-03-01\nBusinessman Tom Hale said the plant would close.\n",
            "g2": "date 2020-03-02\nBusinessman Tom Hale Jr. said the shop would stay open.\n",
            "g3": "date 2020-03-03\nHis son, Tom Hale Jr., said that prices rose.\n",
            "g4": "date 2020-03-04\nHer son, Tom Hale, said that the bus was late.\n"}
    db2 = tmp_path / "jobs.db"
    ingest_paths(db2, write_corpus(tmp_path / "in2", jobs), nlp=nlp)
    assert speaker_of(db2, "g1") == speaker_of(db2, "g4") == {"tom-hale"}
    assert speaker_of(db2, "g2") == speaker_of(db2, "g3") == {"tom-hale-jr"}


def test_a_shared_surname_goes_to_a_first_name_only_when_the_article_writes_it_as_a_name():
    from onrecord.record.speakers import pick_by_context

    both = {"Carly Fiorina", "Frank Fiorina"}
    assert pick_by_context(both, {"frank", "talks", "fiorina"}, {}, {"fiorina"}) is None
    assert pick_by_context(both, {"carly", "frank", "fiorina"}, {}, {"carly", "fiorina"}) == "Carly Fiorina"


OVERRIDE_CORPUS = {
    "c1": "date 2020-01-02\nJoe Biden said the plan would cost less than expected.\n",
    "c2": "date 2020-01-03\nJoseph R. Biden Jr. said that the vote would be close.\n",
    "c3": "date 2020-01-04\nSenator Bob Casey said that the bill would pass in the spring.\n",
}


def test_a_correction_joins_or_splits_a_name_and_outlives_a_re_ingest(tmp_path, nlp):
    from onrecord.record.store import StoreError

    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "in", OVERRIDE_CORPUS), nlp=nlp)
    assert speaker_of(db, "c1") == speaker_of(db, "c2") == {"joseph-r-biden-jr"}
    with Store(db) as store:
        assert store.override("Joe Biden", None) == 1  # split off: its one statement moves
        assert store.override("Bob Casey", "Joseph R. Biden Jr.") == 1  # a (wrong) join, to test joining
        with pytest.raises(StoreError, match="no speaker name"):
            store.override("Nobody Here", None)
    assert speaker_of(db, "c1") == {"joe-biden"} and speaker_of(db, "c3") == {"joseph-r-biden-jr"}
    # the articles change and come back: the corrections hold
    changed = {k: v.replace("said", "said on Monday") for k, v in OVERRIDE_CORPUS.items()}
    ingest_paths(db, write_corpus(tmp_path / "again", changed), nlp=nlp)
    assert speaker_of(db, "c1") == {"joe-biden"} and speaker_of(db, "c3") == {"joseph-r-biden-jr"}
    with Store(db, readonly=True) as store:
        joins = {j["name"]: j["why"] for j in speaker_profile(store, "joseph-r-biden-jr")["joins"]}
        assert joins["Bob Casey"] == "joined by hand to Joseph R. Biden Jr."
        assert store.db.execute("SELECT statements FROM speakers WHERE id = 'joe-biden'").fetchone()[0] == 1
    with Store(db) as store:
        store.clear_override("Joe Biden")
        store.clear_override("Bob Casey")
    assert speaker_of(db, "c1") == {"joseph-r-biden-jr"} and speaker_of(db, "c3") == {"bob-casey"}


def test_why_says_on_what_evidence_names_join():
    from onrecord.record.speakers import NameIndex

    index = NameIndex()
    for name in ("Joe Biden", "Joseph R. Biden Jr.", "Ted Cruz", "Rafael Edward Cruz", "Cruz", "Donald Trump", "Donald J. Trump"):
        index.add(name, "person")
    assert index.why("Joe Biden").startswith("'joe' is a short form of 'joseph'")
    assert index.why("Ted Cruz").startswith("'ted' is a short form of 'edward'")
    assert index.why("Cruz").startswith("a surname alone")
    assert "middle names, initials" in index.why("Donald Trump")
    assert index.why("Donald J. Trump") == "its own name"


def test_a_publication_s_short_name_joins_it_only_when_nothing_else_could_be_meant():
    from onrecord.record.speakers import NameIndex

    index = NameIndex()
    for name in ("The New York Times", "Times", "Washington Post", "Post", "Huffington Post", "Supreme Court", "Court"):
        index.add(name, "organization")
    assert index.speaker_of("Times") == index.speaker_of("The New York Times") == ("new-york-times", "New York Times")
    assert index.speaker_of("Post")[0] == "post"  # the Washington Post or the Huffington Post
    assert index.speaker_of("Court")[0] == "court"  # a generic word names no particular body
    assert index.why("Times").startswith("a short form: New York Times")
    index.add("Financial Times", "organization")
    assert index.speaker_of("Times")[0] == "times"


def _open_new_store(path: str, answers) -> None:
    try:
        with Store(path):
            answers.put("ok")
    except Exception as error:  # noqa: BLE001 - the answer is what the test compares
        answers.put(f"{type(error).__name__}: {error}")


def test_two_processes_creating_one_store_at_once_both_open_it(tmp_path):
    # the schema was written in several steps: the second process could see a meta table without
    # its version and call the new store "schema unknown" (2 runs in 40)
    import multiprocessing

    context = multiprocessing.get_context("fork")
    for attempt in range(20):
        answers = context.Queue()
        path = str(tmp_path / f"new-{attempt}.db")
        processes = [context.Process(target=_open_new_store, args=(path, answers)) for _ in range(2)]
        for process in processes:
            process.start()
        for process in processes:
            process.join(timeout=60)
        assert [answers.get(timeout=5) for _ in processes] == ["ok", "ok"]


def test_a_schema_5_store_gets_its_speakers_per_month_when_opened_for_writing(tmp_path, nlp):
    import sqlite3

    db = tmp_path / "record.db"
    ingest_paths(db, write_corpus(tmp_path / "in", KHAN_CORPUS), nlp=nlp)
    with Store(db, readonly=True) as store:
        kept = store.db.execute("SELECT * FROM speaker_months ORDER BY speaker, month").fetchall()
        counted = store.db.execute(
            "SELECT speaker, substr(date, 1, 7), count(*), min(date), max(date) FROM statements "
            "WHERE speaker IS NOT NULL AND date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
    assert [tuple(r) for r in kept] == [tuple(r) for r in counted] and kept
    con = sqlite3.connect(db)  # as onrecord with schema 5 left it: no months, no browsing indexes
    con.executescript("DROP TABLE speaker_months; DROP INDEX articles_source; DROP INDEX statements_type; "
                      "UPDATE meta SET value = '5' WHERE key = 'schema';")
    con.close()
    Store(db).close()
    with Store(db, readonly=True) as store:
        assert [tuple(r) for r in store.db.execute("SELECT * FROM speaker_months ORDER BY speaker, month")] == \
            [tuple(r) for r in counted]
        assert store.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_source'").fetchone()


def _counted_speakers(store: Store) -> tuple[list[tuple], list[tuple]]:
    """The speakers' counts and months as a full count of their statements gives them."""
    speakers = store.db.execute(
        "SELECT speaker, count(*), count(date), min(date), max(date) FROM statements "
        "WHERE speaker IS NOT NULL GROUP BY 1 ORDER BY 1").fetchall()
    months = store.db.execute(
        "SELECT speaker, substr(date, 1, 7), count(*), min(date), max(date) FROM statements "
        "WHERE speaker IS NOT NULL AND date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
    return [tuple(r) for r in speakers], [tuple(r) for r in months]


def _kept_speakers(store: Store) -> tuple[list[tuple], list[tuple]]:
    speakers = store.db.execute("SELECT id, statements, dated, first_date, last_date FROM speakers ORDER BY id")
    months = store.db.execute("SELECT * FROM speaker_months ORDER BY speaker, month")
    return [tuple(r) for r in speakers], [tuple(r) for r in months]


def test_speaker_counts_added_batch_by_batch_are_what_a_full_count_gives(tmp_path, nlp):
    # a batch adds its new statements to its speakers' counts (no recount of all they said): after
    # small batches, an article changed and an undated one, the counts are still a full count's
    lines = (REPO / "samples" / "wikinews-demo.jsonl").read_text(encoding="utf-8").splitlines()
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(lines[:24]) + "\n", encoding="utf-8")
    db = tmp_path / "record.db"
    ingest_paths(db, first, nlp=nlp, batch_size=3)
    changed = json.loads(lines[0])
    changed["text"] = changed["text"].replace(".", ". ", 1)
    undated = json.loads(lines[30])
    undated.pop("date", None)
    undated["id"] += "-undated"
    undated["text"] = undated["text"].replace(".", ". ", 1)  # not a copy of the dated one
    second = tmp_path / "second.jsonl"
    second.write_text("\n".join([json.dumps(changed), *lines[24:], json.dumps(undated)]) + "\n", encoding="utf-8")
    ingest_paths(db, second, nlp=nlp, batch_size=4)
    with Store(db, readonly=True) as store:
        kept, counted = _kept_speakers(store), _counted_speakers(store)
        assert store.db.execute("SELECT count(*) FROM statements WHERE date IS NULL").fetchone()[0] > 0
    assert kept == counted and len(kept[0]) > 50
