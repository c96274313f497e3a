"""The command line, run for real: output formats, messages on stderr, exit codes."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SAMPLES


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "onrecord", *args], input=stdin, capture_output=True, timeout=300
    )


def test_jsonl_when_piped_and_summary_on_stderr(seed_path):
    result = run("extract", str(seed_path))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(lines) >= 11  # the 13 expected lines fall in 11 statements
    assert {"article", "date", "type", "content", "cue", "speaker", "confidence"} <= set(lines[0])
    assert "1 article read" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_table_and_json_formats(seed_path):
    table = run("extract", str(seed_path), "--format", "table")
    assert table.returncode == 0 and "Sadiq Khan" in table.stdout.decode() and "HuffPost UK" in table.stdout.decode()
    as_json = run("extract", str(seed_path), "--format", "json")
    [record] = json.loads(as_json.stdout)
    assert record["article"]["id"] == "khan-ceasefire-2023-10-27" and record["statements"]


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Anna Berg said the museum would reopen in June.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"text": "Tom Hale said prices would rise."}\n{oops\n', encoding="utf-8")
    result = run("extract", str(tmp_path), str(tmp_path / "missing.txt"))
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert f"{tmp_path / 'empty.txt'}: empty file" in stderr
    assert f"{tmp_path / 'feed.jsonl'}:2: invalid JSON" in stderr
    assert "missing.txt: no such file or directory" in stderr
    assert "2 articles read" in stderr and "3 inputs rejected" in stderr
    speakers = {json.loads(line)["speaker"]["name"] for line in result.stdout.decode().splitlines()}
    assert speakers == {"Anna Berg", "Tom Hale"}
    assert "Traceback" not in stderr


def test_stdin_and_date_option():
    result = run("extract", "-", "--date", "2021-07-08", stdin=b"Laura Kim said the school would close early.")
    assert result.returncode == 0
    [line] = [json.loads(x) for x in result.stdout.decode().splitlines()]
    assert line["date"] == "2021-07-08" and line["article"] == "stdin" and line["speaker"]["name"] == "Laura Kim"


def test_malformed_date_option_is_a_usage_error():
    result = run("extract", "-", "--date", "2021-7-8", stdin=b"text")
    assert result.returncode == 2
    assert "malformed date '2021-7-8'" in result.stderr.decode()


@pytest.mark.slow
def test_several_processes_give_the_same_output():
    one = run("extract", str(SAMPLES))
    two = run("extract", str(SAMPLES), "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout and one.stdout
