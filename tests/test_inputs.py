"""Reading articles: every format, and bad input that never stops a batch."""
from __future__ import annotations

import io
import json

from onrecord.inputs import Ignored, Rejection, read_inputs
from onrecord.model import Article


def read(paths, **kwargs):
    return list(read_inputs([str(p) for p in paths], **kwargs))


def test_text_with_date_header(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("date 2024-02-03 Body of the story.\n", encoding="utf-8")
    [article] = read([path])
    assert isinstance(article, Article)
    assert article.id == "story" and article.date == "2024-02-03"
    assert article.text.startswith("date 2024-02-03")  # offsets index the whole file
    assert article.text[article.body_start:].strip() == "Body of the story."


def test_default_date_only_when_article_has_none(tmp_path):
    (tmp_path / "a.txt").write_text("No header here.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2020-01-01 Header.", encoding="utf-8")
    a, b = read([tmp_path / "a.txt", tmp_path / "b.txt"], default_date="2022-05-05")
    assert a.date == "2022-05-05" and b.date == "2020-01-01"


def test_jsonl_articles_and_bad_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "one", "text": "First.", "date": "2021-03-04", "title": "T", "url": "http://x"}),
        "{not json",
        json.dumps({"id": "three"}),
        json.dumps({"text": "Bad date.", "date": "2021-13-01"}),
        "",
        json.dumps(["a list"]),
        json.dumps({"text": "No id."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read([path])
    articles = [i for i in items if isinstance(i, Article)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert [a.id for a in articles] == ["one", "feed-7"]
    assert articles[0].title == "T" and articles[0].url == "http://x" and articles[0].date == "2021-03-04"
    assert [(r.line, r.reason.split(":")[0]) for r in rejections] == [
        (2, "invalid JSON"), (3, 'no "text" field'), (4, '"date"'), (6, "expected a JSON object, found list"),
    ]
    assert str(rejections[0]).startswith(f"{path}:2: invalid JSON")


def test_json_that_python_cannot_hold_is_a_rejection_of_its_line_and_the_rest_goes_on(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        "[" * 100_000 + "]" * 100_000,  # deeper than the parser recurses
        '{"text": "Big.", "n": ' + "9" * 5000 + "}",  # more digits than int() converts
        '{"id": "x\\udfff", "text": "Tom said \\ud800 hi."}',  # half a character, escaped
        json.dumps({"text": "Last."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read([path])
    assert [(r.line, r.reason) for r in items if isinstance(r, Rejection)] == [
        (1, "invalid JSON: nested too deeply"), (2, "invalid JSON: a number too long to read (over 4,300 digits)"),
    ]
    surrogate, last = [a for a in items if isinstance(a, Article)]
    assert surrogate.text == "Tom said \ufffd hi." and surrogate.id == "x\ufffd" and last.text == "Last."
    assert surrogate.text.encode("utf-8") and len(surrogate.warnings) == 2 and "\\ud800" in surrogate.warnings[1]


def test_nul_bytes_anywhere_or_control_bytes_alone_are_binary(tmp_path):
    (tmp_path / "late-nul.txt").write_bytes(b"Tom said hi. " * 1000 + b"\x00 more")
    (tmp_path / "controls.txt").write_bytes(bytes(range(1, 9)) * 200)
    items = read([tmp_path / "late-nul.txt", tmp_path / "controls.txt"])
    assert [i.reason for i in items] == ["binary file (contains NUL bytes), not text",
                                         "binary file (mostly control characters), not text"]


def test_empty_binary_and_missing(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    items = read([tmp_path / "empty.txt", tmp_path / "image.txt", tmp_path / "nowhere.txt"])
    assert all(isinstance(i, Rejection) for i in items)
    assert [i.reason.split(" ")[0] for i in items] == ["empty", "binary", "no"]


def test_undecodable_bytes_fall_back_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 owner Jos\xe9 said it was fine.".encode("cp1252"))
    [article] = read([path])
    assert article.text == "Café owner José said it was fine."
    assert article.warnings and "not valid UTF-8" in article.warnings[0]


def test_malformed_date_header_is_rejected(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("date 2023-02-30 Text.", encoding="utf-8")
    [rejection] = read([path])
    assert isinstance(rejection, Rejection) and "no such day" in rejection.reason and rejection.line == 1


def test_oversized_article_is_rejected(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1_000_000, encoding="utf-8")  # 5 MB
    [rejection] = read([path])
    assert isinstance(rejection, Rejection) and "over the limit" in rejection.reason


def test_directory_glob_and_ignored_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("A text.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("B text.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    items = read([tmp_path])
    assert sorted(i.id for i in items if isinstance(i, Article)) == ["a", "b"]
    assert [i for i in items if isinstance(i, Ignored)][0].origin.endswith("notes.md")
    globbed = read([tmp_path / "**" / "*.txt"])
    assert sorted(i.id for i in globbed) == ["a", "b"]
    [none] = read([tmp_path / "*.html"])
    assert isinstance(none, Rejection) and "no file matches" in none.reason


def test_stdin_is_sniffed():
    stream = io.BytesIO(b'{"id": "s1", "text": "From a pipe."}\n')
    [article] = list(read_inputs(["-"], stdin=stream))
    assert article.id == "s1"
    [plain] = list(read_inputs(["-"], stdin=io.BytesIO(b"Plain text from a pipe.")))
    assert plain.id == "stdin" and plain.text == "Plain text from a pipe."


def test_html_article(tmp_path):
    html = """<html><head><title>Bridge to reopen</title>
    <meta property="article:published_time" content="2022-06-01"></head>
    <body><nav>Home | News</nav><article><h1>Bridge to reopen</h1>
    <p>The old bridge over the river will reopen in May after two years of repairs, the city council said on Monday.</p>
    <p>“We are proud of the work,” said Maria Lopez, who led the project for the council and its engineers.</p>
    </article><footer>Copyright</footer></body></html>"""
    path = tmp_path / "bridge.html"
    path.write_text(html, encoding="utf-8")
    [article] = read([path])
    assert isinstance(article, Article)
    assert "We are proud of the work" in article.text and "Copyright" not in article.text
    assert article.title == "Bridge to reopen" and article.date == "2022-06-01"


def test_a_date_in_the_file_name_only_when_asked_and_only_without_a_date_of_its_own(tmp_path):
    (tmp_path / "breitbart_2016-09-12_stealth.txt").write_text("No header here.", encoding="utf-8")
    (tmp_path / "cnn_2016-10-01_x.txt").write_text("date 2016-10-03 Header wins.", encoding="utf-8")
    (tmp_path / "note_2016-13-45.txt").write_text("Not a real date in the name.", encoding="utf-8")
    named = {a.id: a.date for a in read([tmp_path], date_from_name=True, default_date="2000-01-01")}
    assert named == {"breitbart_2016-09-12_stealth": "2016-09-12", "cnn_2016-10-01_x": "2016-10-03",
                     "note_2016-13-45": "2000-01-01"}
    assert {a.id: a.date for a in read([tmp_path])}["breitbart_2016-09-12_stealth"] is None


def test_only_regular_files_are_read_so_a_fifo_never_hangs(tmp_path):
    import os

    (tmp_path / "a.txt").write_text("A text.", encoding="utf-8")
    os.mkfifo(tmp_path / "f.txt")  # opening it would wait for a writer for ever
    for items in (read([tmp_path]), read([tmp_path / "f*.txt"]), read([tmp_path / "f.txt"]), read([tmp_path / "*.txt"])):
        fifo = [i for i in items if isinstance(i, Rejection)]
        assert [(f.origin, f.reason) for f in fifo] == [(str(tmp_path / "f.txt"), "not a regular file (FIFO)")]
    assert [i.id for i in read([tmp_path]) if isinstance(i, Article)] == ["a"]


def test_what_cannot_be_read_is_said_not_skipped(tmp_path, monkeypatch):
    import os
    from pathlib import Path

    (tmp_path / "ok.txt").write_text("A text.", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.txt").write_text("Hidden text.", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    # the tests may run as root, whom mode 000 does not stop: refuse as the kernel would
    real_stat, os_scandir = Path.stat, os.scandir

    def stat(self, *args, **kwargs):
        if "locked" in self.parts:
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    def scandir(path="."):
        if "locked" in Path(path).parts:
            raise PermissionError(13, "Permission denied", str(path))
        return os_scandir(path)

    monkeypatch.setattr(Path, "stat", stat)
    monkeypatch.setattr("os.scandir", scandir)
    inside = read([tmp_path / "locked" / "inside.txt"])
    assert [(i.origin, i.reason) for i in inside] == [(str(tmp_path / "locked" / "inside.txt"), "cannot read: Permission denied")]
    items = read([tmp_path])
    assert [i.id for i in items if isinstance(i, Article)] == ["ok"]
    assert sorted((i.origin, i.reason) for i in items if isinstance(i, Rejection)) == [
        (str(tmp_path / "gone.txt"), "no such file (a broken link?)"),
        (str(tmp_path / "locked"), "cannot read: Permission denied"),
    ]


def test_two_inputs_never_share_an_id_silently(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(f"Report from {folder}.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "x", "text": "One."}) + "\n"
                                         + json.dumps({"id": "x", "text": "Two."}) + "\n", encoding="utf-8")
    items = read([tmp_path / "a", tmp_path / "b", tmp_path / "feed.jsonl", tmp_path / "a"])
    assert [i.text for i in items if isinstance(i, Article)] == ["Report from a.", "One.", "Report from a."]
    assert [(i.origin, i.line, i.reason.split(":")[0]) for i in items if isinstance(i, Rejection)] == [
        (str(tmp_path / "b" / "report.txt"), None, f"id 'report' is already that of {tmp_path / 'a' / 'report.txt'} in this run"),
        (str(tmp_path / "feed.jsonl"), 2, f"id 'x' is already that of {tmp_path / 'feed.jsonl'}"),
    ]


def test_a_url_or_an_empty_folder_is_a_rejection_that_says_what_to_do(tmp_path):
    (tmp_path / "empty").mkdir()
    items = read(["https://example.com/news/a.html", tmp_path / "empty"])
    assert [i.reason for i in items] == [
        "onrecord does not fetch pages: save the page first (curl -o page.html URL) and give the file",
        "an empty folder: no .txt, .jsonl, .html or .warc files in it",
    ]
