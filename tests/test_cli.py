"""The command line: output formats, messages on stderr, exit codes, the options commands share.

Most tests run the command in this process through click's CliRunner (``invoke``); a few run a
real ``python -m onrecord`` (``run_process``): one plain extraction through real pipes, several
worker processes, and what ``import`` pulls in.
"""
from __future__ import annotations

import json

import click
import pytest

from cli_helpers import invoke, run_process
from conftest import SAMPLES
from onrecord.cli import main

INPUT_OPTIONS = ("--date", "--jobs", "--max-chars", "--all-attributions")


# -- in a real process ----------------------------------------------------------------------
def test_jsonl_when_piped_and_summary_on_stderr(seed_path):
    """End to end: a real process, standard output a real pipe (so JSON Lines), the summary on stderr alone."""
    result = run_process("extract", str(seed_path))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(lines) >= 11  # the 13 expected lines fall in 11 statements
    assert {"article", "date", "type", "content", "cue", "speaker", "confidence"} <= set(lines[0])
    assert "1 article read" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


@pytest.mark.slow
def test_several_processes_give_the_same_output():
    one = run_process("extract", str(SAMPLES))
    two = run_process("extract", str(SAMPLES), "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout and one.stdout


# -- in this process (CliRunner) ------------------------------------------------------------------
def test_table_and_json_formats(seed_path):
    table = invoke("extract", str(seed_path), "--format", "table")
    assert table.exit_code == 0 and "Sadiq Khan" in table.stdout and "HuffPost UK" in table.stdout
    as_json = invoke("extract", str(seed_path), "--format", "json")
    [record] = json.loads(as_json.stdout)
    assert record["article"]["id"] == "khan-ceasefire-2023-10-27" and record["statements"]


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Anna Berg said the museum would reopen in June.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"text": "Tom Hale said prices would rise."}\n{oops\n', encoding="utf-8")
    result = invoke("extract", str(tmp_path), str(tmp_path / "missing.txt"))
    stderr = result.stderr
    assert result.exit_code == 1
    assert f"{tmp_path / 'empty.txt'}: empty file" in stderr
    assert f"{tmp_path / 'feed.jsonl'}:2: invalid JSON" in stderr
    assert "missing.txt: no such file or directory" in stderr
    assert "2 articles read" in stderr and "3 inputs rejected" in stderr
    speakers = {json.loads(line)["speaker"]["name"] for line in result.stdout.splitlines()}
    assert speakers == {"Anna Berg", "Tom Hale"}
    assert "Traceback" not in stderr
    assert "rejected" not in result.stdout and "articles read" not in result.stdout  # messages stay off stdout


def test_text_that_looks_like_rich_markup_is_printed_as_it_is(tmp_path):
    # square brackets are data, never styles: "[/]" crashed every table and message, "[sic]" vanished
    quote = "\u201cUse [/] here [sic], and [bold]nothing[/bold] else,\u201d Tom Hale said."
    table = invoke("extract", "--format", "table", "-", input=quote.encode())
    assert table.exit_code == 0 and "[/] here [sic]" in table.stdout and "[bold]nothing[/bold]" in table.stdout
    feed = tmp_path / "[x].jsonl"
    feed.write_text(json.dumps({"id": "[/]", "text": quote, "date": "2023-01-02"}) + "\n"
                    + json.dumps({"text": quote, "date": "[/]"}) + "\n", encoding="utf-8")
    db = tmp_path / "record.db"
    ingest = invoke("ingest", str(feed), "--db", str(db))
    assert ingest.exit_code == 1 and f"{feed}:2: \"date\": malformed date '[/]'" in ingest.stderr
    search = invoke("search", "here", "--db", str(db), "--format", "table")
    assert search.exit_code == 0 and "[sic]" in search.stdout and "[/]" in search.stdout
    speaker = invoke("speaker", "Tom Hale", "--db", str(db))
    assert speaker.exit_code == 0 and "[sic]" in speaker.stdout


def test_stdin_and_date_option():
    result = invoke("extract", "-", "--date", "2021-07-08", input=b"Laura Kim said the school would close early.")
    assert result.exit_code == 0
    [line] = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["date"] == "2021-07-08" and line["article"] == "stdin" and line["speaker"]["name"] == "Laura Kim"


def test_malformed_date_option_is_a_usage_error():
    result = invoke("extract", "-", "--date", "2021-7-8", input=b"text")
    assert result.exit_code == 2
    assert "malformed date '2021-7-8'" in result.stderr


# -- options shared between commands ------------------------------------------------------------
def _help_records(name: str) -> dict[str, tuple[str, str]]:
    """Each option of command ``name``, by its first name: (its names and metavar, its help), as --help prints them."""
    command = main.commands[name]
    with click.Context(command, info_name=name) as ctx:
        return {param.opts[0]: param.get_help_record(ctx) for param in command.params
                if isinstance(param, click.Option) and param.get_help_record(ctx)}


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_commands_that_read_articles_share_their_input_options():
    readers = {name for name, command in main.commands.items()  # the commands that take PATHS of articles
               if any(isinstance(param, click.Argument) and param.name == "paths" for param in command.params)}
    assert readers == {"extract", "ingest"}
    extract, ingest = _help_records("extract"), _help_records("ingest")
    assert set(INPUT_OPTIONS) <= set(extract) and set(INPUT_OPTIONS) <= set(ingest)
    for option in ("--date", "--jobs", "--max-chars"):
        assert extract[option] == ingest[option], option
    # --all-attributions says what the command does with the statements: outputs them, or keeps them.
    assert extract["--all-attributions"][1] == ingest["--all-attributions"][1].replace("Also keep", "Also output")
    assert extract["--all-attributions"][1].startswith("Also output what people are reported to believe")
    for name, records in (("extract", extract), ("ingest", ingest)):
        shown = invoke(name, "--help")
        assert shown.exit_code == 0, shown.stderr
        for option in INPUT_OPTIONS:
            opts, help_text = records[option]
            assert _flat(f"{opts} {help_text}") in _flat(shown.stdout), (name, option)


def test_commands_that_read_articles_accept_their_input_options(tmp_path):
    text = b"Laura Kim said the school would close early."
    store = ("--db", str(tmp_path / "record.db"))
    extracted = invoke("extract", "-", "--date", "2021-07-08", "--jobs", "1", "--max-chars", "5000",
                       "--all-attributions", input=text)
    assert extracted.exit_code == 0, extracted.stderr
    assert json.loads(extracted.stdout.splitlines()[0])["date"] == "2021-07-08"
    ingested = invoke("ingest", "-", *store, "--date", "2021-07-08", "--jobs", "1", "--max-chars", "5000",
                      "--all-attributions", input=text)
    assert ingested.exit_code == 0, ingested.stderr
    assert "1 new" in ingested.stderr
    for too_long in (invoke("extract", "-", "--max-chars", "10", input=text),
                     invoke("ingest", "-", *store, "--max-chars", "10", input=text)):
        assert too_long.exit_code == 1 and "over the limit of 10 " in too_long.stderr, too_long.stderr


@pytest.mark.parametrize("name", ["search", "speakers"])
def test_record_commands_show_help_for_since_until_limit(name):
    records = _help_records(name)
    shown = invoke(name, "--help")
    assert shown.exit_code == 0, shown.stderr
    for option in ("--since", "--until", "--limit"):
        opts, help_text = records[option]
        assert help_text, (name, option)
        assert _flat(f"{opts} {help_text}") in _flat(shown.stdout), (name, option)
    assert "--since YYYY-MM-DD" in shown.stdout and "--until YYYY-MM-DD" in shown.stdout


@pytest.mark.parametrize("name", ["search", "speakers"])
@pytest.mark.parametrize("option", ["--since", "--until"])
@pytest.mark.parametrize(("value", "reason"), [("2020-13-01", "no such day"), ("last week", "expected YYYY-MM-DD")])
def test_malformed_since_until_is_a_usage_error(name, option, value, reason, tmp_path):
    result = invoke(name, option, value, "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2
    assert f"Usage: onrecord {name}" in result.stderr
    assert f"Invalid value for '{option}': malformed date '{value}': {reason}" in result.stderr
    assert "no such store" not in result.stderr and result.stdout == ""


# -- every command's options and formats ---------------------------------------------------------
def _commands(group: click.Group = main, prefix: str = "onrecord") -> list[tuple[str, click.Command]]:
    """The group and every command under it, by the words that run it."""
    found: list[tuple[str, click.Command]] = [(prefix, group)]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, f"{prefix} {name}")
        else:
            found.append((f"{prefix} {name}", command))
    return found


def test_every_option_of_every_command_says_what_it_does():
    silent = [f"{name} {param.opts[0]}" for name, command in _commands() for param in command.params
              if isinstance(param, click.Option) and param.name != "help" and not (param.help or "").strip()]
    assert not silent, f"options without help text: {', '.join(silent)}"


# what the commands without --format print: nothing a script would read from standard output
NO_RESULTS = {"ingest": "a summary on stderr", "alias": "one line on stderr", "serve": "a web server",
              "rules": "the extraction rules, as documentation"}


def test_every_command_that_prints_results_has_format():
    lacking = [name for name, command in main.commands.items()
               if name not in NO_RESULTS and "--format" not in {o for p in command.params for o in p.opts}]
    assert not lacking, f"commands printing results without --format: {', '.join(lacking)}"
    for name in ("speaker", "eval"):  # --json, their old spelling of --format json, is kept but not shown
        options = {p.opts[0]: p for p in main.commands[name].params if isinstance(p, click.Option)}
        assert options["--format"].type.choices == ("table", "json") and options["--format"].default == "table"
        assert options["--json"].hidden and "--json" not in invoke(name, "--help").stdout


def test_eval_format_json_and_the_old_json_flag(tmp_path):
    from onrecord.model import Speaker, Statement

    text = "\u201cWe will win,\u201d said Lindsey Graham."
    (tmp_path / "articles.jsonl").write_text(json.dumps({"id": "a", "text": text, "date": "2020-01-01"}) + "\n",
                                             encoding="utf-8")
    quoted = "We will win,"
    start = text.index(quoted)
    gold = tmp_path / "quotes-gold.jsonl"
    gold.write_text(json.dumps({"article": "a", "start": start, "end": start + len(quoted), "text": quoted,
                                "is_statement": True, "speaker": "Lindsey Graham"}) + "\n", encoding="utf-8")
    said = Statement("direct", quoted, ((start, start + len(quoted)),), None, Speaker(None, "Lindsey Graham"), 0.9)
    predictions = tmp_path / "predictions.txt"  # not .jsonl: the other .jsonl files beside the gold are its articles
    predictions.write_text(json.dumps({**said.to_dict(), "article": "a"}) + "\n", encoding="utf-8")
    run = ("eval", str(gold), "--predictions", str(predictions))
    as_json = invoke(*run, "--format", "json")
    assert as_json.exit_code == 0, as_json.stderr
    assert json.loads(as_json.stdout)["found"] == 1 and as_json.stderr == ""
    old = invoke(*run, "--json")
    assert old.exit_code == 0 and old.stdout == as_json.stdout
    assert "--json is deprecated: use --format json" in old.stderr
    table = invoke(*run)
    assert table.exit_code == 0 and "quotes-gold: 1/1 statements found" in table.stdout
    both = invoke(*run, "--format", "table", "--json")
    assert both.exit_code == 2 and "--json means --format json" in both.stderr and both.stdout == ""
