"""Exploring the record over real HTTP: facets, sorts, downloads, the indexes, compare, friendly forms.

The store holds the reference article, the demo's 36 Wikinews articles, an undated article and one
whose title starts like a spreadsheet formula.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import httpx
import pytest

from conftest import REPO
from web_server import build_store, running

DEMO = REPO / "samples" / "wikinews-demo.jsonl"
EXTRA = [
    {"id": "undated-council", "title": "Council meeting", "source": "Town Crier",
     "text": 'Mayor Jane Ortiz said: "The ceasefire between the two council factions will hold until spring."\n'},
    {"id": "formula-2024-02-02", "date": "2024-02-02", "title": '=HYPERLINK("http://example.com", "Spreadsheet")',
     "source": "Town Crier",
     "text": 'Analyst Tom Reyes said: "=1+2 is what the sheet showed about the ceasefire, and it was wrong."\n'},
]


@pytest.fixture(scope="module")
def store(tmp_path_factory, nlp, seed_path):
    folder = tmp_path_factory.mktemp("explore")
    extra = folder / "extra.jsonl"
    extra.write_text("".join(json.dumps(a) + "\n" for a in EXTRA))
    return build_store(folder / "record.db", seed_path, DEMO, extra, nlp=nlp)


@pytest.fixture(scope="module")
def client(store):
    with running(store) as url, httpx.Client(base_url=url, timeout=60) as http:
        yield http


def csv_rows(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def test_facets_count_exactly_what_the_search_matches(client):
    body = client.get("/api/search", params={"q": "said OR says OR government", "facets": "true"}).json()
    every = csv_rows(client.get("/search.csv", params={"q": "said OR says OR government"}))
    facets = body["facets"]
    assert body["total"] == len(every) > 20 and facets["estimated_from_one_in"] is None
    by_speaker = Counter(r["speaker_id"] for r in every if r["speaker_id"])
    assert [(f["id"], f["count"]) for f in facets["speakers"]] == sorted(by_speaker.items(), key=lambda i: (-i[1], i[0]))[:10]
    assert {f["type"]: f["count"] for f in facets["types"]} == Counter(r["type"] for r in every)
    assert sum(m["count"] for m in facets["months"]) + facets["undated"] == body["total"]
    assert {m["month"]: m["count"] for m in facets["months"] if m["count"]} == Counter(r["date"][:7] for r in every if r["date"])
    assert {f["source"]: f["count"] for f in facets["sources"]} == Counter(r["article_source"] for r in every if r["article_source"])


def test_facets_beyond_the_sample_are_estimates_and_the_page_says_so(client, monkeypatch):
    import onrecord.record.query as query

    monkeypatch.setattr(query, "FACET_SAMPLE", 10)
    body = client.get("/api/search", params={"q": "said OR says OR government", "facets": "true"}).json()
    step = body["facets"]["estimated_from_one_in"]
    assert step == -(-body["total"] // 10) > 1
    assert all(f["count"] % step == 0 for f in body["facets"]["types"])  # each sampled match stands for step
    page = client.get("/search", params={"q": "said OR says OR government"}).text
    assert f"estimated from 1 match in {step}" in page


def test_a_facet_link_adds_its_filter_and_the_active_one_takes_it_off(client):
    page = client.get("/search", params={"q": "ceasefire"}).text
    facet = re.search(r'<section aria-labelledby="facet-speakers">.*?</section>', page, re.S).group(0)
    first = re.search(r'<a href="([^"]+)">([^<]+)</a>', facet)
    narrowed = client.get(first.group(1).replace("&amp;", "&"))
    assert "speaker=" in first.group(1) and 'class="on"' in narrowed.text and 'aria-current="true"' in narrowed.text
    active = re.search(r'<li class="on"><a href="([^"]+)"', narrowed.text).group(1).replace("&amp;", "&")
    assert "speaker=" not in active and "q=ceasefire" in active


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_sorts_put_undated_statements_last_and_pages_agree_with_the_download(client, sort):
    params = {"q": "ceasefire OR said", "sort": sort, "per_page": 7}
    first = client.get("/api/search", params=params).json()
    shown = []
    for number in range(1, first["pages"] + 1):
        shown += client.get("/api/search", params={**params, "page": number}).json()["results"]
    dates = [r["date"] for r in shown]
    dated = [d for d in dates if d]
    assert dates[:len(dated)] == dated and None in dates  # undated last, and there is one
    assert dated == sorted(dated, reverse=sort == "newest")
    download = csv_rows(client.get("/search.csv", params={"q": "ceasefire OR said", "sort": sort}))
    assert [int(r["id"]) for r in download] == [r["id"] for r in shown]


def test_the_csv_holds_every_match_with_headline_and_source_and_no_formula_runs(client):
    rows = csv_rows(client.get("/search.csv", params={"q": "ceasefire", "per_page": 2}))
    total = client.get("/api/search", params={"q": "ceasefire"}).json()["total"]
    assert len(rows) == total > 2
    formula = [r for r in rows if r["article"] == "formula-2024-02-02"]
    assert formula and formula[0]["article_title"].startswith("'=HYPERLINK") and formula[0]["article_source"] == "Town Crier"
    khan = [r for r in rows if r["speaker_id"] == "sadiq-khan"]
    assert khan and float(khan[0]["confidence"]) > 0 and khan[0]["article_title"] == ""  # a .txt article has no title
    assert client.get("/search.csv", params={"q": "ceasefire"}).headers["content-disposition"].startswith("attachment")


def test_the_json_twin_is_the_page_shown(client):
    page = client.get("/search.json", params={"q": "ceasefire", "per_page": 2, "page": 2}).json()
    api = client.get("/api/search", params={"q": "ceasefire", "per_page": 2, "page": 2, "facets": "true"}).json()
    assert page["results"] == api["results"] and page["total"] == api["total"] and page["facets"] == api["facets"]
    assert page["page"] == 2 and len(page["results"]) == 2 and "<mark>" in page["results"][0]["snippet"]


def test_bad_fields_are_plain_words_beside_the_kept_form(client):
    page = client.get("/search", params={"q": "ceasefire", "since": "2023-13-45", "type": "bogus", "page": "abc"})
    assert page.status_code == 200
    assert "“From” must be a date written like 2023-10-27; “2023-13-45” is not one." in page.text
    assert "“Type” must be one of direct, mixed, indirect" in page.text and "must be a whole number" in page.text
    assert 'id="q" name="q" type="search" maxlength="500" value="ceasefire"' in page.text
    assert 'value="2023-13-45"' in page.text  # what was typed stays, to correct
    api = client.get("/api/search", params={"since": "27/10/2023"})
    assert api.status_code == 400 and api.json()["error"]["message"] == "“since” must be a date written like 2023-10-27."
    assert "pattern" not in api.text and "String should" not in api.text


def test_a_page_past_the_last_is_the_last_and_says_so(client):
    answer = client.get("/api/search", params={"q": "ceasefire", "per_page": 2, "page": 500}).json()
    assert answer["page"] == answer["pages"] and answer["asked_page"] == 500 and answer["results"]
    page = client.get("/search", params={"q": "ceasefire", "per_page": 2, "page": 9999}).text
    assert re.search(r"There is no page 9,999: this is the last, page \d+\.", page)
    speakers = client.get("/speakers.json", params={"page": 400}).json()
    assert speakers["page"] == speakers["pages"] and speakers["speakers"]


def test_the_speakers_index_filters_by_name_kind_and_dates_and_pages(client):
    everyone = client.get("/speakers.json", params={"per_page": 100}).json()
    assert everyone["total"] > 50
    second = client.get("/speakers.json", params={"per_page": 3, "page": 2}).json()["speakers"]
    assert [s["id"] for s in second] == [s["id"] for s in everyone["speakers"][3:6]]
    named = client.get("/speakers.json", params={"name": "trump"}).json()["speakers"]
    assert named and all("trump" in s["name"].lower() for s in named)
    people = client.get("/speakers.json", params={"kind": "organization"}).json()["speakers"]
    assert people and all(s["kind"] == "organization" for s in people)
    in_2019 = client.get("/speakers.json", params={"since": "2019-01-01", "until": "2019-12-31"}).json()["speakers"]
    assert in_2019 and all("2019-01-01" <= s["first_date"] <= s["last_date"] <= "2019-12-31" for s in in_2019)
    assert len(csv_rows(client.get("/speakers.csv"))) == everyone["total"]


def test_the_articles_and_sources_indexes(client):
    crier = client.get("/articles.json", params={"source": "Town Crier"}).json()
    assert crier["total"] == 2 and {a["id"] for a in crier["articles"]} == {"undated-council", "formula-2024-02-02"}
    assert crier["articles"][-1]["id"] == "undated-council"  # undated last
    titled = client.get("/articles.json", params={"title": "Spreadsheet"}).json()["articles"]
    assert [a["id"] for a in titled] == ["formula-2024-02-02"] and titled[0]["statements"] >= 1
    sources = client.get("/sources.json").json()
    assert sources["sources"][0] == {"source": "Wikinews", "articles": 36, "first_date": "2019-01-04",
                                     "last_date": "2020-11-26"}
    assert any(s["source"] is None for s in sources["sources"])  # the reference article names no source
    assert len(csv_rows(client.get("/articles.csv"))) == client.get("/articles.json").json()["total"]
    by_source = client.get("/api/search", params={"source": "Town Crier"}).json()
    assert by_source["total"] >= 2 and {r["article_source"] for r in by_source["results"]} == {"Town Crier"}


def test_compare_puts_speakers_on_one_axis(client):
    body = client.get("/api/compare", params={"speaker": ["Sadiq Khan", "Keir Starmer", "Nobody Atall"],
                                              "topic": "ceasefire"}).json()
    assert [c["id"] for c in body["speakers"]] == ["sadiq-khan", "keir-starmer"] and body["unknown"] == ["Nobody Atall"]
    for column in body["speakers"]:
        assert [m["month"] for m in column["months"]] == body["months"]
        assert sum(m["count"] for m in column["months"]) + column["undated"] == column["statements"] > 0
        assert all("ceasefire" in s["content"]["text"].lower() for s in column["latest"])
    rows = csv_rows(client.get("/compare.csv", params={"speaker": ["Sadiq Khan", "Keir Starmer"], "topic": "ceasefire"}))
    assert list(rows[0]) == ["month", "Sadiq Khan", "Keir Starmer"]
    page = client.get("/compare", params={"speaker": ["Sadiq Khan", "Keir Starmer"], "topic": "ceasefire"}).text
    assert page.count('<section class="compared"') == 2
    assert "/search?q=ceasefire&amp;speaker=sadiq-khan&amp;since=2023-10-01&amp;until=2023-10-31" in page


def test_the_api_docs_page_is_served_from_the_package(client):
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    assert sources and all(s.startswith("/") for s in sources)  # nothing from another host
    for asset in ("/api/docs/assets/swagger-ui-bundle.js", "/api/docs/assets/swagger-ui.css", "/static/api-docs.js"):
        assert client.get(asset).status_code == 200
    assert "script-src 'self'" in docs.headers["content-security-policy"]
    assert "script-src" not in client.get("/").headers["content-security-policy"]  # pages still run no script


def test_the_article_page_shows_the_body_not_the_date_header(client):
    page = client.get("/articles/khan-ceasefire-2023-10-27").text
    text = re.search(r'<article class="text"[^>]*>(.*?)</article>', page, re.S).group(1)
    assert "date 2023-10-27" not in text and "Sadiq Khan has stepped up pressure" in text
    assert 'data-n="1"' in text


def test_the_cli_search_sorts_filters_by_source_and_counts_facets(store):
    from cli_helpers import invoke

    oldest = invoke("search", "ceasefire OR said", "--db", str(store), "--sort", "oldest", "--format", "jsonl",
                    "--limit", "50")
    dates = [json.loads(line)["date"] for line in oldest.stdout.splitlines()]
    dated = [d for d in dates if d]
    assert oldest.exit_code == 0 and dated == sorted(dated) and dated[0] < dated[-1]
    crier = invoke("search", "--source", "Town Crier", "--db", str(store), "--format", "jsonl")
    assert {json.loads(line)["article"] for line in crier.stdout.splitlines()} == {"undated-council",
                                                                                    "formula-2024-02-02"}
    counted = invoke("search", "ceasefire", "--db", str(store), "--facets", "--format", "table")
    assert counted.exit_code == 0 and "Matches by speaker, type, source and month" in counted.stdout
    assert "Sadiq Khan" in counted.stdout and "undated" in counted.stdout
    refused = invoke("search", "ceasefire", "--db", str(store), "--facets", "--format", "jsonl")
    assert refused.exit_code == 2 and "--facets prints tables" in refused.output


@pytest.mark.parametrize("since, until", [
    ("2019-01-01", "2020-12-31"), ("2019-09-05", "2019-09-28"), ("2019-02-15", "2020-05-10"),
    (None, "2019-06-15"), ("2019-06-15", None), ("2019-07-01", "2019-07-31"), ("2019-12-16", "2020-01-10"),
])
def test_the_speakers_of_a_date_range_are_counted_as_the_statements_are(client, since, until):
    dates = {k: v for k, v in {"since": since, "until": until}.items() if v}
    listed = client.get("/speakers.json", params={**dates, "per_page": 100}).json()
    rows = csv_rows(client.get("/search.csv", params=dates))
    counted = Counter(r["speaker_id"] for r in rows if r["speaker_id"])
    assert listed["total"] == len(counted) > 0
    ranked = sorted(counted.items(), key=lambda item: (-item[1], item[0]))[:100]  # the page's order: most, then id
    assert [(s["id"], s["statements"]) for s in listed["speakers"]] == ranked
    for speaker in listed["speakers"]:
        theirs = [r["date"] for r in rows if r["speaker_id"] == speaker["id"]]
        assert (speaker["first_date"], speaker["last_date"]) == (min(theirs), max(theirs))


def test_a_download_of_a_search_that_cannot_run_says_why(client):
    answer = client.get("/search.csv", params={"q": "ceasefire", "since": "2023-13-45"})
    assert answer.status_code == 400 and "“From” must be a date written like 2023-10-27" in answer.text


def test_one_speaker_named_twice_is_compared_once(client):
    body = client.get("/api/compare", params={"speaker": ["Sadiq Khan", "sadiq-khan", "Keir Starmer"]}).json()
    assert [c["id"] for c in body["speakers"]] == ["sadiq-khan", "keir-starmer"]
    assert all(s["article_title"] is None or s["article_title"] for c in body["speakers"] for s in c["latest"])
    assert all("article_source" in s for c in body["speakers"] for s in c["latest"])


def test_facets_of_many_matches_without_words_visit_every_kth_statement(client, store, monkeypatch):
    import sqlite3

    import onrecord.record.query as query

    monkeypatch.setattr(query, "FACET_SAMPLE", 2)  # so that this small store's indirect statements are "many"
    body = client.get("/api/search", params={"type": "indirect", "facets": "true"}).json()
    step = body["facets"]["estimated_from_one_in"]
    assert step == -(-body["total"] // 2) > 1
    with sqlite3.connect(store) as db:
        sampled = db.execute("SELECT speaker, count(*) FROM statements WHERE type = 'indirect' AND id % ? = 0 "
                             "AND speaker IS NOT NULL GROUP BY speaker", (step,)).fetchall()
    assert {f["id"]: f["count"] for f in body["facets"]["speakers"]} == \
        {speaker: n * step for speaker, n in sampled}  # every step-th id, each standing for step statements
    assert body["facets"]["types"] == [{"type": "indirect", "count": body["facets"]["types"][0]["count"]}]


def test_speakers_past_the_fifth_are_named_as_left_out_not_dropped_silently(client):
    names = ["Sadiq Khan", "Keir Starmer", "Nobody A", "Nobody B", "Nobody C", "Nobody D", "Nobody E"]
    body = client.get("/api/compare", params={"speaker": names}).json()
    assert body["left_out"] == ["Nobody D", "Nobody E"] and body["unknown"] == ["Nobody A", "Nobody B", "Nobody C"]
    page = client.get("/compare", params={"speaker": names}).text
    assert "Up to 5 speakers are compared at once: left out “Nobody D”, “Nobody E”." in page
    assert page.count('<section class="compared"') == 2
