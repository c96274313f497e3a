"""Archive-scale inputs: web archives (WARC, as CC-NEWS ships them) and gzipped JSON Lines, streamed."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from cli_helpers import invoke
from conftest import REPO, SAMPLES
from onrecord.inputs import Article, Ignored, Rejection, read_inputs

WARC = REPO / "tests" / "fixtures" / "wikinews-sample.warc.gz"  # built by tests/fixtures/make_warc.py from SAMPLES


def test_a_web_archive_gives_its_html_pages_as_articles_and_counts_what_it_skips():
    items = list(read_inputs([str(WARC)]))
    articles = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, Ignored)]
    samples = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    assert [a.id for a in articles] == [s["url"].replace("//wiki", "/wiki") for s in samples]  # the URL is the id
    assert [a.date for a in articles] == [s["date"] for s in samples]  # the capture's day (WARC-Date)
    assert all(a.url == a.id and a.title for a in articles)
    first = " ".join(samples[0]["text"].split())
    assert first[:200] in " ".join(articles[0].text.split())  # the page's main text, as trafilatura reads it
    assert sorted(i.reason for i in skipped) == ["HTTP status 301", "HTTP status 404", "not HTML"]
    assert not [i for i in items if isinstance(i, Rejection)]


def test_extract_and_ingest_read_a_web_archive(tmp_path):
    extracted = invoke("extract", str(WARC), "--format", "jsonl")
    statements = [json.loads(line) for line in extracted.stdout.splitlines()]
    assert extracted.exit_code == 0 and len({s["article"] for s in statements}) == 5
    assert "3 web archive records skipped (HTTP status 301: 1, HTTP status 404: 1, not HTML: 1)" in extracted.stderr
    db = tmp_path / "record.db"
    ingested = invoke("ingest", str(WARC), "--db", str(db))
    assert ingested.exit_code == 0 and "5 new" in ingested.stderr
    again = invoke("ingest", str(WARC), "--db", str(db))
    assert "5 unchanged" in again.stderr  # the URL as id: an archive read twice is the same articles


def test_gzipped_json_lines_are_read_as_the_plain_file_is(tmp_path):
    packed = tmp_path / "sample.jsonl.gz"
    packed.write_bytes(gzip.compress(SAMPLES.read_bytes()))
    plain = [(a.id, a.text, a.date) for a in read_inputs([str(SAMPLES)]) if isinstance(a, Article)]
    read = [(a.id, a.text, a.date) for a in read_inputs([str(packed)]) if isinstance(a, Article)]
    assert read == plain and len(read) == 5
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(packed, folder / "a.jsonl.gz")
    shutil.copy(WARC, folder / "b.warc.gz")
    kinds = [type(i).__name__ for i in read_inputs([str(folder)])]
    assert kinds.count("Article") == 10 and kinds.count("Ignored") == 3  # both found in a folder


def test_a_damaged_archive_is_one_line_after_what_could_be_read(tmp_path):
    whole = gzip.compress(SAMPLES.read_bytes())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    items = list(read_inputs([str(cut)]))
    assert isinstance(items[-1], Rejection) and "not a whole gzip file" in items[-1].reason
    assert any(isinstance(i, Article) for i in items)  # the lines before the damage
    garbage = tmp_path / "garbage.warc.gz"
    garbage.write_bytes(b"this is no web archive\n" * 50)
    answer = invoke("extract", str(garbage), "--format", "jsonl")
    lines = answer.stderr.strip().splitlines()
    assert answer.exit_code == 1 and "Traceback" not in answer.stderr
    assert any("garbage.warc.gz" in line and "rejected" in line for line in lines)


def test_the_fixture_is_built_from_the_samples_by_its_script(tmp_path):
    import subprocess
    import sys

    from onrecord.inputs import read_inputs as again

    out = tmp_path / "rebuilt.warc.gz"
    subprocess.run([sys.executable, str(REPO / "tests/fixtures/make_warc.py"), str(SAMPLES), str(out)], check=True)
    ours = [(a.id, a.text) for a in again([str(WARC)]) if isinstance(a, Article)]
    rebuilt = [(a.id, a.text) for a in again([str(out)]) if isinstance(a, Article)]
    assert rebuilt == ours
    assert Path(out).stat().st_size > 0
