"""The JSON API and pages over real HTTP, against a store built from real articles."""
from __future__ import annotations

import json
import string
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cli_helpers import command, invoke, process_running
from conftest import SAMPLES
from store_dump import damage
from web_server import HOSTILE_ID, build_store, first_answer, running


@pytest.fixture(scope="module")
def store(tmp_path_factory, nlp, seed_path):
    return build_store(tmp_path_factory.mktemp("web") / "record.db", seed_path, SAMPLES, nlp=nlp)


@pytest.fixture(scope="module")
def base(store):
    with running(store) as url:
        yield url


@pytest.fixture(scope="module")
def client(base):
    with httpx.Client(base_url=base, timeout=30) as http:
        yield http


def error_shape(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    return body["error"]["message"]


def test_search_api_finds_the_reference_quote_with_ids(client):
    body = client.get("/api/search", params={"q": "international community ceasefire", "speaker": "Sadiq Khan"}).json()
    assert body["total"] == 2 and len(body["results"]) == 2
    hit = body["results"][0]
    assert hit["speaker"]["id"] == "sadiq-khan" and hit["speaker"]["name"] == "Sadiq Khan"
    assert "<mark>ceasefire</mark>" in hit["snippet"]
    assert {"id", "article", "date", "type", "content", "cue", "speaker", "confidence", "quote"} <= set(hit)
    quote = client.get(f"/api/quotes/{hit['quote']}").json()
    assert quote["count"] == 2 and quote["first_date"] == "2023-10-27"
    assert {o["article"] for o in quote["occurrences"]} == {"khan-ceasefire-2023-10-27"}
    article = client.get(f"/api/articles/{hit['article']}").json()
    for statement in article["statements"]:
        assert " ".join(article["text"][a:b] for a, b in statement["content"]["spans"]) == statement["content"]["text"]
    speaker = client.get("/api/speakers/sadiq-khan").json()
    assert speaker["statements"] >= 9 and sum(b["count"] for b in speaker["timeline"]["bins"]) == speaker["statements"]
    assert any(w["word"] == "international" for w in speaker["words"])


def test_search_paging_filters_and_bounds(client):
    first = client.get("/api/search", params={"speaker": "sadiq-khan", "per_page": 3}).json()
    second = client.get("/api/search", params={"speaker": "sadiq-khan", "per_page": 3, "page": 2}).json()
    assert first["total"] == second["total"] >= 6
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    dated = client.get("/api/search", params={"since": "2023-01-01", "type": "direct"}).json()
    assert dated["total"] > 0 and all(r["date"] >= "2023-01-01" and r["type"] == "direct" for r in dated["results"])
    assert "q" in error_shape(client.get("/api/search", params={"q": "x" * 501}), 400)
    assert "per_page" in error_shape(client.get("/api/search", params={"q": "x", "per_page": 101}), 400)
    assert "since" in error_shape(client.get("/api/search", params={"since": "27/10/2023"}), 400)
    assert "no such day" in error_shape(client.get("/api/search", params={"since": "2023-02-30"}), 400)
    assert client.get("/api/search", params={"q": '"); DROP TABLE statements; --'}).status_code == 200
    assert client.get("/api/search", params={"q": "ceasefire"}).json()["total"] >= 3  # the table is still there


def test_unknown_ids_and_routes_answer_one_error_shape(client):
    assert "nope" in error_shape(client.get("/api/articles/nope"), 404)
    error_shape(client.get("/api/speakers/nobody"), 404)
    error_shape(client.get("/api/quotes/999999"), 404)
    error_shape(client.get("/api/quotes/abc"), 400)
    error_shape(client.get("/api/quotes/" + "9" * 30), 400)  # past SQLite's 64-bit integers
    assert client.get("/quotes/" + "9" * 30).status_code == 400
    error_shape(client.get("/api/nothing-here"), 404)
    error_shape(client.get("/api/speakers/%2F", follow_redirects=False), 404)  # not a redirect to the list
    page = client.get("/articles/nope")
    assert page.status_code == 404 and "Not found" in page.text and "Traceback" not in page.text


def test_a_head_request_gets_the_get_answer_without_its_body(client):
    for path in ("/", "/speakers/sadiq-khan", "/api/search?q=ceasefire", "/search.csv?q=ceasefire", "/static/style.css"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code == 200, path
        assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"], path
        assert head.headers.get("content-security-policy") == got.headers.get("content-security-policy")
    assert client.head("/api/speakers/nobody").status_code == 404
    assert client.head("/articles/nope").status_code == 404


def test_pages_render_and_escape_hostile_text(client):
    for path in ("/", "/search?q=ceasefire", "/speakers", "/speakers/sadiq-khan",
                 "/articles/khan-ceasefire-2023-10-27", "/quotes/1"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "script-src" not in response.headers["content-security-policy"]  # no script allowed at all
        assert "default-src 'none'" in response.headers["content-security-policy"]
    hostile = client.get(f"/articles/{HOSTILE_ID}").text
    assert "<script>window" not in hostile and "&lt;script&gt;window.__pwned" in hostile
    assert "<img src=x" not in hostile and "<i>Hostile</i>" not in hostile
    assert 'href="javascript:' not in hostile
    found = client.get("/search", params={"q": "pwned"}).text
    assert "&lt;script&gt;" in found and "<script>window" not in found


def test_writing_is_off_by_default(client):
    response = client.post("/api/articles", json={"text": "Ann Lee said that it rained.", "id": "new"})
    assert "--allow-write" in error_shape(response, 403)
    assert client.get("/api/articles/new").status_code == 404


def test_writing_with_the_token(tmp_path, nlp, seed_path):
    db = build_store(tmp_path / "write.db", seed_path, nlp=nlp)
    with running(db, allow_write=True, token="s3cret") as url, httpx.Client(base_url=url, timeout=120) as http:
        article = {"id": "posted", "date": "2024-02-03", "text": "Ann Lee said that the bridge would reopen in May."}
        error_shape(http.post("/api/articles", json=article), 403)
        error_shape(http.post("/api/articles", json=article, headers={"Authorization": "Bearer wrong"}), 403)
        ok = http.post("/api/articles", json=[article, {"text": "", "id": "empty"}], headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 400  # an empty text fails validation before anything is written
        ok = http.post("/api/articles", json=article, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200 and ok.json()["new"] == 1 and ok.json()["statements"] == 1
        posted = http.get("/api/articles/posted").json()
        assert posted["statements"][0]["speaker"]["name"] == "Ann Lee"
        # a correction of who is who: the same token, kept in the store
        token = {"Authorization": "Bearer s3cret"}
        error_shape(http.post("/api/aliases", json={"name": "Ann Lee", "to": "Sadiq Khan"}), 403)
        error_shape(http.post("/api/aliases", json={"name": "Nobody Zzyzx", "own": True}, headers=token), 404)
        error_shape(http.post("/api/aliases", json={"name": "Ann Lee", "own": True, "clear": True}, headers=token), 400)
        joined = http.post("/api/aliases", json={"name": "Ann Lee", "to": "Sadiq Khan"}, headers=token)
        assert joined.status_code == 200 and joined.json()["speaker"]["id"] == "sadiq-khan" and joined.json()["moved"] == 1
        page = http.get("/speakers/sadiq-khan").text
        assert "Ann Lee" in page and "joined by hand to Sadiq Khan" in page
        cleared = http.post("/api/aliases", json={"name": "Ann Lee", "clear": True}, headers=token)
        assert cleared.json()["speaker"]["id"] == "ann-lee"


def _raw_post(url: str, head: str, body: bytes = b"") -> str:
    """A request written by hand (a declared length the body need not have), and the status line back."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(head.encode() + b"\r\n" + body)
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):  # headers, then the JSON error
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
        return answer.decode("latin-1")


def test_a_writing_request_is_refused_from_its_headers_before_its_body_is_read(base, tmp_path, nlp, seed_path):
    # a read-only server read a 190 MiB body from anyone before saying 403; now it answers at once
    huge = "POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 209715200\r\n"
    answer = _raw_post(base, huge)  # the body is never sent: a server that waited for it would time out
    assert answer.startswith("HTTP/1.1 403") and "--allow-write" in answer and "nosniff" in answer
    db = build_store(tmp_path / "bounded.db", seed_path, nlp=nlp)
    with running(db, allow_write=True, token="s3cret", max_body=4096) as url, httpx.Client(base_url=url, timeout=60) as http:
        article = {"id": "small", "text": "Ann Lee said that the bridge would reopen in May."}
        assert "Bearer" in error_shape(http.post("/api/articles", json=article, headers={"Authorization": "s3cret"}), 403)
        assert http.post("/api/articles", json=article, headers={"Authorization": "bearer s3cret"}).status_code == 200
        token = "Authorization: Bearer s3cret\r\n"
        assert _raw_post(url, huge + token).startswith("HTTP/1.1 413")  # declared too long: refused unread
        big = {"id": "big", "text": "Ann Lee said that it rained. " * 400}
        assert "MiB" in error_shape(http.post("/api/articles", json=big, headers={"Authorization": "Bearer s3cret"}), 413)
        chunks = (json.dumps(big).encode()[i:i + 1000] for i in range(0, 20_000, 1000))  # no length declared
        streamed = http.post("/api/articles", content=chunks, headers={"Authorization": "Bearer s3cret",
                                                                       "Content-Type": "application/json"})
        error_shape(streamed, 413)
        assert http.get("/api/articles/big").status_code == 404 and http.get("/api/articles/small").status_code == 200


def test_openapi_documents_every_api_route(client):
    schema = client.get("/openapi.json").json()
    documented = set(schema["paths"])
    assert {"/api/search", "/api/speakers/{speaker_id}", "/api/articles/{article_id}", "/api/quotes/{quote_id}",
            "/api/articles"} <= documented
    params = {p["name"] for p in schema["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "speaker", "since", "until", "type", "page", "per_page"} <= params


_TEXT = st.text(alphabet=string.printable + "“”’é中<>&\"';", max_size=40)
_VALUE = st.one_of(_TEXT, st.integers(-5, 2000).map(str), st.integers(2**62, 10**30).map(str), st.sampled_from(["", "2023-10-27", "direct", "sadiq-khan"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_documented_get_route_answers_json_and_never_a_server_error(client, data):
    """A property test over the OpenAPI schema (what schemathesis does): any values for the documented
    parameters give a documented answer, 200 with JSON or one error shape, never a 500."""
    schema = client.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if not get:
            continue
        url, query = path, {}
        for parameter in get.get("parameters", []):
            value = data.draw(_VALUE, label=f"{path} {parameter['name']}")
            if parameter["in"] == "path":
                # dots escaped: a client would read an id "." or ".." as a dot segment and ask for another route
                url = url.replace("{" + parameter["name"] + "}", quote(value, safe="").replace(".", "%2E") or "x")
            elif data.draw(st.booleans()):
                query[parameter["name"]] = value
        response = client.get(url, params=query)
        assert response.status_code in (200, 400, 404), (url, query, response.text)
        body = response.json()
        if response.status_code != 200:
            assert set(body) == {"error"}
        else:
            json.dumps(body)


@pytest.mark.parametrize("route", ["/api/articles/{}", "/api/speakers/{}", "/api/statements/{}", "/api/quotes/{}",
                                   "/articles/{}", "/speakers/{}"])
@pytest.mark.parametrize("unknown", [".", "..", "..%2F..", "a.b"])
def test_an_id_of_dots_is_an_unknown_id_not_another_route(client, route, unknown):
    escaped = quote(unknown, safe="%").replace(".", "%2E")  # as sent by a client that keeps the id one segment
    response = client.get(route.format(escaped))
    assert response.status_code in (400, 404), response.text
    if route.startswith("/api/"):
        assert set(response.json()) == {"error"}


def test_onrecord_serve_command(store, tmp_path):
    import subprocess

    from web_server import free_port

    missing = invoke("serve", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 1 and "no such store" in missing.stderr and "Traceback" not in missing.stderr
    no_token = invoke("serve", "--db", str(store), "--allow-write", env={"ONRECORD_TOKEN": None})
    assert no_token.exit_code == 2 and "--token" in no_token.stderr
    port = free_port()  # a real server process, stopped with SIGTERM
    server = subprocess.Popen(command("serve", "--db", str(store), "--port", str(port)), stderr=subprocess.PIPE, text=True)
    try:
        answer = first_answer(f"http://127.0.0.1:{port}/")
        assert answer is not None and answer.status_code == 200 and "The record" in answer.text
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in err and "read-only" in err


def test_posted_articles_are_parsed_in_a_process_of_their_own(tmp_path, nlp, seed_path):
    # parsing in the serving process held every reader for seconds (13.6 s for a 12k-quote article)
    import subprocess
    import time
    from pathlib import Path

    from web_server import free_port

    db = build_store(tmp_path / "served.db", seed_path, nlp=nlp)
    token_file = tmp_path / "token"
    token_file.write_text("s3cret\n", encoding="utf-8")  # not on the command line, where `ps` shows it
    port = free_port()
    server = subprocess.Popen(command("serve", "--db", str(db), "--port", str(port), "--allow-write",
                                      "--token-file", str(token_file)),
                              stderr=subprocess.DEVNULL, env={**__import__("os").environ, "ONRECORD_TOKEN": ""})

    def children() -> set[int]:
        found: set[int] = set()
        for task in Path(f"/proc/{server.pid}/task").glob("*"):
            found |= {int(pid) for pid in (task / "children").read_text().split()}
        return found

    try:
        answer = first_answer(f"http://127.0.0.1:{port}/")
        assert answer is not None and answer.status_code == 200 and not children()
        article = {"id": "posted", "date": "2024-02-03", "text": "Ann Lee said that the bridge would reopen in May."}
        posted = httpx.post(f"http://127.0.0.1:{port}/api/articles", json=article,
                            headers={"Authorization": "Bearer s3cret"}, timeout=180)
        assert posted.status_code == 200 and posted.json()["statements"] == 1
        workers = children()
        assert workers and all(b"python" in Path(f"/proc/{pid}/cmdline").read_bytes() for pid in workers)
        assert httpx.get(f"http://127.0.0.1:{port}/api/articles/posted", timeout=30).status_code == 200
    finally:
        server.kill()  # the hardest end: no shutdown hook runs
        server.wait(timeout=60)
    deadline = time.monotonic() + 30
    while any(map(process_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(map(process_running, workers))  # the writer goes with the server, even killed


def test_the_app_reads_while_an_ingest_writes(tmp_path, nlp, seed_path):
    import subprocess

    db = build_store(tmp_path / "live.db", seed_path, nlp=nlp)
    with running(db) as url, httpx.Client(base_url=url, timeout=60) as http:  # the writer: another process
        writer = subprocess.Popen(command("ingest", str(SAMPLES), "--db", str(db), "--batch-size", "1"),
                                  stderr=subprocess.PIPE, text=True)
        answers = []
        while writer.poll() is None:
            answers.append(http.get("/api/search", params={"q": "said"}).status_code)
        assert writer.wait() == 0, writer.stderr.read()
        assert answers and set(answers) == {200}
        assert http.get("/api/articles/wikinews-2fd2931ab1").status_code == 200  # what the ingest wrote shows


def test_a_speaker_filter_says_whom_it_matched(client):
    nobody = client.get("/search", params={"q": "ceasefire", "speaker": "Zzyzx Qwerty"})
    assert nobody.status_code == 200 and "No speaker matches “Zzyzx Qwerty”" in nobody.text
    assert client.get("/api/search", params={"speaker": "Zzyzx Qwerty"}).json()["speakers"] == []
    khan = client.get("/api/search", params={"q": "ceasefire", "speaker": "Sadiq Khan"}).json()
    assert [s["id"] for s in khan["speakers"]] == ["sadiq-khan"] and khan["total"] >= 1
    assert "described" not in khan
    shown = client.get("/api/search", params={"since": "1900-01-01", "per_page": 100}).json()["results"]
    unnamed = next(r for r in shown if r["speaker"]["name"] is None and r["speaker"]["description"])
    wanted = unnamed["speaker"]["description"]
    described = client.get("/api/search", params={"speaker": wanted, "per_page": 100}).json()
    assert described["described"] and described["speakers"] == []
    assert unnamed["id"] in {r["id"] for r in described["results"]}
    page = client.get("/search", params={"speaker": wanted})
    assert "No named speaker matches" in page.text and "unnamed speakers described with" in page.text


def test_a_statement_has_a_permalink_that_never_shows_reported_speech_as_a_quote(client):
    results = client.get("/api/search", params={"q": "ceasefire", "per_page": 50}).json()["results"]
    assert results
    for kind in ("indirect", "direct"):
        chosen = next((r for r in results if r["type"] == kind), None)
        if chosen is None:
            continue
        api = client.get(f"/api/statements/{chosen['id']}").json()
        assert api["id"] == chosen["id"] and api["reported_speech"] == (kind == "indirect")
        assert api["content"]["text"] in api["cite"] and api["cite"].startswith(chosen["speaker"]["name"] or "")
        html = client.get(f"/statements/{chosen['id']}").text
        if kind == "indirect":
            assert "Reported speech" in html and "not a quotation" in html and 'class="big"' not in html
            assert api["quote"] is None
        else:
            assert "Quoted words" in html and 'class="big"' in html
    assert client.get("/statements/99999999").status_code == 404
    assert client.get("/api/statements/0").status_code in (400, 422)


def test_the_home_page_counts_undated_articles_apart_from_its_date_range(tmp_path, nlp):
    undated = tmp_path / "undated.jsonl"
    undated.write_text(json.dumps({"id": "undated-1", "text": "Mayor Rosa Lind said the tunnel would close for a "
                                   "month.\n"}) + "\n", encoding="utf-8")
    db = build_store(tmp_path / "record.db", undated, nlp=nlp)
    with running(db) as url, httpx.Client(base_url=url, timeout=30) as http:
        home = http.get("/").text
    assert "2024-05-01" in home and "(1 statement in <span class=\"undated\">1 undated</span> article, outside" in home


def test_a_damaged_store_answers_503_in_the_error_shape_not_500(store, tmp_path):
    import shutil

    damaged = tmp_path / "damaged.db"
    shutil.copy(store, damaged)
    damage(damaged)
    with running(damaged) as url, httpx.Client(base_url=url, timeout=30) as http:
        answers = [http.get(path) for path in ("/api/search?q=said", "/api/speakers", "/api/search?q=ceasefire")]
    assert {a.status_code for a in answers} <= {200, 503} and 503 in {a.status_code for a in answers}
    for answer in answers:
        if answer.status_code == 503:
            assert "damaged" in error_shape(answer, 503)


def test_the_name_index_shared_between_requests_is_built_again_after_a_write(tmp_path, nlp):
    from onrecord.extraction import extractor
    from onrecord.inputs import read_inputs
    from onrecord.record.ingest import ingest
    from onrecord.record.store import Store

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("date 2024-01-02\nJoe Biden said that the rain would come on Monday.\n", encoding="utf-8")
    second.write_text("date 2024-01-03\nJoseph R. Biden said that the rain came on Monday.\n", encoding="utf-8")
    db = tmp_path / "record.db"
    with Store(db) as store:
        ingest(read_inputs([str(first)]), store, extractor(nlp=nlp))
    with running(db) as url, httpx.Client(base_url=url, timeout=30) as http:
        before = http.get("/api/speakers/joe-biden").json()
        assert [j["why"] for j in before["joins"]] == ["its own name"]  # the index is built, and kept
        with Store(db) as store:
            ingest(read_inputs([str(second)]), store, extractor(nlp=nlp))
        after = http.get("/api/speakers/joseph-r-biden").json()
    with Store(db, readonly=True) as store:
        fresh = store.names.why("Joe Biden")
    joined = {j["name"]: j["why"] for j in after["joins"]}
    assert joined["Joe Biden"] == fresh != "its own name"  # a kept index of the old store would say its own name
