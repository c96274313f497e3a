"""The fault and fuzz suite: whatever comes in, onrecord gives output or one line per rejected input,
never a traceback or a hang (each test under a timeout), and every offset still indexes the text.

The SIGKILL, concurrent-writer and damaged-store tests live beside the commands they exercise
(`test_store_cli.py`, `test_web.py`); docs/reliability.md lists them all.
"""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cli_helpers import invoke
from onrecord.inputs import Rejection, read_inputs
from onrecord.model import Article
from web_server import build_store, running


@pytest.fixture(scope="module")
def web_client(tmp_path_factory, nlp, seed_path):
    import httpx

    db = build_store(tmp_path_factory.mktemp("faults") / "record.db", seed_path, nlp=nlp)
    with running(db) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
# a JSON object shaped like an article, each field of any type (or a surrogate escape, or markup)
ARTICLE_FIELDS = st.fixed_dictionaries({}, optional={
    "id": JSON_VALUES | st.sampled_from(["[/]", "..", "a/b", "\\ud800", ""]),
    "text": st.text(min_size=0, max_size=200) | JSON_VALUES,
    "date": st.sampled_from(["2023-10-27", "2023-02-30", "[/]", "", "2023-10-27T10:00:00Z", "10/27/2023"]) | JSON_VALUES,
    "title": JSON_VALUES, "url": JSON_VALUES, "source": JSON_VALUES,
})
LINES = st.one_of(
    ARTICLE_FIELDS.map(json.dumps),
    JSON_VALUES.map(json.dumps),
    st.text(max_size=120),
    st.sampled_from(['{"text": "\\ud800 said hi."}', "[" * 5000 + "]" * 5000, '{"text": "x", "n": ' + "9" * 5000 + "}",
                     '{"text": "Tom said \\u0000 hi."}', "\x00\x01\x02", "\ufeff{}"]),
)


def _read(data: bytes, suffix: str, tmp_path) -> list:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    return list(read_inputs([str(path)]))


@pytest.mark.timeout(300)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINES, min_size=1, max_size=6))
def test_every_jsonl_line_is_one_article_or_one_rejection_naming_its_line(tmp_path, lines):
    data = "\n".join(line.replace("\n", " ") for line in lines).encode("utf-8", "surrogatepass")
    items = _read(data, ".jsonl", tmp_path)
    numbered = [n for n, line in enumerate(data.split(b"\n"), start=1) if line.strip()]
    if not numbered:
        assert [i.reason for i in items] == ["empty file"]
        return
    assert len(items) == len(numbered)
    for number, item in zip(numbered, items):
        if isinstance(item, Rejection):
            assert item.line == number and item.reason and "\n" not in item.reason
        else:
            assert isinstance(item, Article) and item.origin.endswith(f":{number}") and item.text.strip()
            item.text.encode("utf-8")  # nothing that cannot be written out


@pytest.mark.timeout(300)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".html", ".jsonl"]))
def test_any_bytes_in_any_file_are_articles_or_one_line_rejections(tmp_path, data, suffix):
    for item in _read(data, suffix, tmp_path):
        if isinstance(item, Rejection):
            assert item.reason and "\n" not in item.reason
        else:
            assert isinstance(item, Article) and item.text.strip()
            assert item.text[item.body_start:].strip()


@pytest.mark.timeout(600)
@settings(max_examples=25, deadline=None)
@given(lines=st.lists(LINES, min_size=1, max_size=3), fmt=st.sampled_from(["jsonl", "table", "json"]))
def test_extract_gives_output_or_one_line_rejections_never_a_traceback(lines, fmt):
    data = "\n".join(line.replace("\n", " ") for line in lines).encode("utf-8", "surrogatepass")
    result = invoke("extract", "-", "--format", fmt, input=data)  # an exception would be raised here
    assert result.exit_code in (0, 1), result.stderr
    for line in result.stderr.splitlines():
        assert line.startswith(("rejected ", "warning ", "onrecord: ")), line
    assert "Traceback" not in result.stderr
    if fmt == "jsonl":
        for line in result.stdout.splitlines():
            statement = json.loads(line)
            assert statement["content"]["spans"]


@pytest.mark.timeout(300)
@pytest.mark.parametrize("route", ["/api/quotes/{}", "/api/statements/{}", "/api/search?q=said&page={}",
                                   "/api/search?q=said&per_page={}", "/api/speakers?limit={}", "/quotes/{}",
                                   "/search?q=said&page={}"])
@pytest.mark.parametrize("value", ["0", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                                   "1" + "0" * 400, "1e309", "NaN", "%00", "%F0%9F%92%A9"])
def test_integer_extremes_in_any_route_are_answers_never_server_errors(web_client, route, value):
    answer = web_client.get(route.format(value))
    assert answer.status_code in (200, 400, 404, 422), (route, value, answer.status_code, answer.text[:200])
