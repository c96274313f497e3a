"""Reading articles from files, directories, globs and standard input.

Bad input never raises: each input yields either an ``Article`` or a ``Rejection``
that names the file (and line) and says what is wrong, so a batch always goes on.
"""
from __future__ import annotations

import errno
import glob
import gzip
import json
import os
import re
import stat
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .model import Article
from .values import counted, parse_date

# The longest of the 1,160 shared news articles has 104,313 characters; parsing 1,000,000 (spaCy's
# own limit) took 139 s and 2.9 GB, which for one input of a batch is a hang. --max-chars raises it.
MAX_CHARS = 300_000
TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
GZIP_JSONL_SUFFIXES = frozenset({".jsonl.gz", ".ndjson.gz"})  # read as a stream, a line at a time
WARC_SUFFIXES = frozenset({".warc", ".warc.gz"})  # web archives (CC-NEWS): their HTML responses
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | GZIP_JSONL_SUFFIXES | WARC_SUFFIXES
NOT_AN_ARTICLE_FILE = "not .txt, .jsonl, .jsonl.gz, .html or .warc"
_DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\S+)")
_NAME_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Rejection:
    """An input that could not be read as an article, and why."""

    origin: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Ignored:
    """A file inside a directory that is not an article format (a README, an image), or a web
    archive's record that holds no article (an image, a redirect, a page not found)."""

    origin: str
    reason: str = NOT_AN_ARTICLE_FILE


def ignored_summary(ignored: Iterable[Ignored]) -> list[str]:
    """What was passed over, in words for a run's summary: files by kind, archive records by reason."""
    reasons = Counter(item.reason for item in ignored)
    files = reasons.pop(NOT_AN_ARTICLE_FILE, 0)
    parts = [f"{counted(files, 'file')} ignored ({NOT_AN_ARTICLE_FILE})"] if files else []
    if reasons:
        skipped = sum(reasons.values())
        parts.append(f"{counted(skipped, 'web archive record')} skipped ("
                     + ", ".join(f"{reason}: {n:,}" for reason, n in sorted(reasons.items())) + ")")
    return parts


def articles_only(
    items: Iterable[Article | Rejection | Ignored],
    *,
    rejected: Callable[[Rejection], None],
    ignored: Callable[[Ignored], None],
    warning: Callable[[str, str], None],
) -> Iterator[Article]:
    """Pass the articles on; hand rejections, ignored files and warnings to the callbacks as they come."""
    for item in items:
        if isinstance(item, Rejection):
            rejected(item)
        elif isinstance(item, Ignored):
            ignored(item)
        else:
            for message in item.warnings:
                warning(item.origin, message)
            yield item


def read_inputs(
    paths: Iterable[str],
    *,
    default_date: str | None = None,
    max_chars: int = MAX_CHARS,
    stdin: BinaryIO | None = None,
    date_from_name: bool = False,
) -> Iterator[Article | Rejection | Ignored]:
    """Every article in ``paths`` (files, directories, globs, or ``-`` for stdin). With
    ``date_from_name``, a text or HTML file with no date of its own takes a YYYY-MM-DD date found
    in its file name ("breitbart_2016-09-12_stealth.txt"), before ``default_date``."""
    reader = _Reader(default_date, max_chars, date_from_name)
    for path in paths:
        if path == "-":
            yield from reader.read_bytes((stdin or sys.stdin.buffer).read(), "<stdin>", "stdin", suffix=None)
        elif re.match(r"(?i)^(https?|ftp)://", path):
            yield Rejection(path, "onrecord does not fetch pages: save the page first (curl -o page.html URL) and give the file")
        else:
            yield from _read_path(reader, path)


def read_jsonl_lines(lines: Iterable[bytes], origin: str, stem: str, *, default_date: str | None = None,
                     max_chars: int = MAX_CHARS) -> Iterator[Article | Rejection]:
    """Articles from JSON Lines given as lines (a byte range of a large file, say), checked as a file's are."""
    return _Reader(default_date, max_chars).read_jsonl(lines, origin, stem)


def _read_path(reader: "_Reader", path: str) -> Iterator[Article | Rejection | Ignored]:
    """A file, a folder, or a glob's matches; what is not there or cannot be read, said."""
    kind, problem = _kind_of(Path(path))
    if kind == "unreadable":
        yield Rejection(path, problem)
    elif kind != "missing":
        yield from reader.read_path(Path(path), kind)
    elif _GLOB_CHARS.search(path):
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            yield Rejection(path, "no file matches this pattern")
        for match in matches:
            yield from reader.read_path(Path(match), _kind_of(Path(match))[0])
    else:
        yield Rejection(path, "no such file or directory")


class _Reader:
    def __init__(self, default_date: str | None, max_chars: int, date_from_name: bool = False):
        self.default_date = default_date
        self.max_chars = max_chars
        self.date_from_name = date_from_name
        self.given_ids: dict[str, str] = {}  # article id -> the input that has it, in this run

    def _file_date(self, stem: str) -> str | None:
        """The date for a file with none of its own: one in its name (if asked), else the default."""
        if self.date_from_name:
            for found in _NAME_DATE.findall(stem):
                try:
                    return parse_date(found)
                except ValueError:
                    continue  # "2016-13-45" is no date; another in the name may be
        return self.default_date

    def read_path(self, path: Path, kind: str) -> Iterator[Article | Rejection | Ignored]:
        """A folder's articles, or a file's (which says itself when it is no regular file)."""
        return self.read_directory(path) if kind == "directory" else self.read_file(path)

    def read_directory(self, directory: Path) -> Iterator[Article | Rejection | Ignored]:
        unreadable: list[OSError] = []  # a subdirectory no one may list is said, not skipped
        files = [Path(root, name) for root, _dirs, names in os.walk(directory, onerror=unreadable.append) for name in names]
        for error in unreadable:
            yield Rejection(str(error.filename or directory), f"cannot read: {error.strerror or error}")
        if not files and not unreadable:
            yield Rejection(str(directory), "an empty folder: no .txt, .jsonl, .html or .warc files in it")
        for path in sorted(files):
            if path.name.startswith("."):
                continue
            if format_suffix(path) in SUPPORTED_SUFFIXES:
                yield from self.read_file(path)
            else:
                yield Ignored(str(path))

    def read_file(self, path: Path) -> Iterator[Article | Rejection]:
        kind, problem = _kind_of(path)
        if kind != "file":  # a FIFO would wait for a writer for ever; a device never ends
            yield Rejection(str(path), problem)
            return
        suffix = format_suffix(path)
        try:
            if suffix in JSONL_SUFFIXES:
                with path.open("rb") as handle:
                    yield from self.read_jsonl(handle, str(path), path.stem)
                return
            if suffix in GZIP_JSONL_SUFFIXES:
                yield from self._read_gzip_jsonl(path)
                return
            if suffix in WARC_SUFFIXES:
                yield from self.read_warc(path)
                return
            data = path.read_bytes()
        except OSError as error:
            yield Rejection(str(path), f"cannot read: {error.strerror or error}")
            return
        yield from self.read_bytes(data, str(path), path.stem, suffix)

    def read_bytes(self, data: bytes, origin: str, stem: str, suffix: str | None) -> Iterator[Article | Rejection]:
        if suffix is None or suffix not in SUPPORTED_SUFFIXES:
            suffix = _sniff(data)
        if suffix in JSONL_SUFFIXES:
            yield from self.read_jsonl(data.splitlines(keepends=True), origin, stem)
            return
        decoded = _decode(data, origin)
        if isinstance(decoded, Rejection):
            yield decoded
            return
        text, warnings = decoded
        if suffix in HTML_SUFFIXES:
            article = self._html_article(text, origin, stem)
        else:
            article = self._text_article(text, origin, stem)
        if isinstance(article, Article):
            article.warnings.extend(warnings)
        yield article

    def read_jsonl(self, lines: Iterable[bytes], origin: str, stem: str) -> Iterator[Article | Rejection]:
        seen_any = False
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            seen_any = True
            decoded = _decode(raw, origin)
            if isinstance(decoded, Rejection):
                yield Rejection(origin, decoded.reason, number)
                continue
            yield self._json_article(decoded[0], origin, stem, number, decoded[1])
        if not seen_any:
            yield Rejection(origin, "empty file")

    def _read_gzip_jsonl(self, path: Path) -> Iterator[Article | Rejection]:
        """JSON Lines compressed with gzip, a line at a time: memory does not grow with the file."""
        try:
            with gzip.open(path, "rb") as handle:
                yield from self.read_jsonl(handle, str(path), path.name[: -len(format_suffix(path))])
        except (gzip.BadGzipFile, EOFError, zlib.error) as error:
            yield Rejection(str(path), f"not a whole gzip file ({error}): the lines before the damage were read")

    def read_warc(self, path: Path) -> Iterator[Article | Rejection | Ignored]:
        """A web archive's HTTP responses (WARC or WARC.gz, as CC-NEWS ships them), streamed a record at
        a time: each HTML page with status 200 goes through trafilatura, as an .html file does; its URL
        (WARC-Target-URI) is the article's id and url, its capture day (WARC-Date) its date. Other
        records are passed over and counted: status not 200, not HTML."""
        from fastwarc.warc import ArchiveIterator, WarcRecordType

        found = 0
        try:
            with path.open("rb") as handle:
                for number, record in enumerate(
                        ArchiveIterator(handle, record_types=WarcRecordType.response, parse_http=True), 1):
                    found += 1
                    yield self._warc_article(record, f"{path}#{number}")
        except Exception as error:  # fastwarc raises its own kinds for a damaged archive
            yield Rejection(str(path), f"cannot read the web archive after {found:,} records ({error})")
            return
        if not found:
            yield Rejection(str(path), "no HTTP response records: not a WARC file, or an empty one")

    def _warc_article(self, record: Any, origin: str) -> Article | Rejection | Ignored:
        url = record.headers.get("WARC-Target-URI") or origin
        http = record.http_headers
        status = http.status_code if http is not None else None
        if status != 200:
            return Ignored(origin, f"HTTP status {status}" if status else "no HTTP headers")
        content_type = (http.get("Content-Type") or "").lower()
        if "html" not in content_type:
            return Ignored(origin, "not HTML")
        body = record.reader.read()
        charset = re.search(r"charset=([\w-]+)", content_type)
        try:
            html = body.decode(charset.group(1) if charset else "utf-8")
        except (LookupError, UnicodeDecodeError):
            decoded = _decode(body, origin)
            if isinstance(decoded, Rejection):
                return decoded
            html = decoded[0]
        captured = (record.headers.get("WARC-Date") or "")[:10]
        try:
            day = parse_date(captured) if captured else None
        except ValueError:
            day = None
        return self._html_article(html, origin, url, url=url, date=day)

    # -- one article -----------------------------------------------------------------
    def _text_article(self, text: str, origin: str, stem: str) -> Article | Rejection:
        if not text.strip():
            return Rejection(origin, "empty file")
        article_date, body_start = self._file_date(stem), 0
        header = _DATE_HEADER.match(text)
        if header:
            try:
                article_date = parse_date(header.group(1))
            except ValueError as error:
                return Rejection(origin, f"date header: {error}", 1)
            body_start = header.end()
            if not text[body_start:].strip():
                return Rejection(origin, "no article text after the date header")
        return self._checked(Article(id=stem, text=text, date=article_date, body_start=body_start, origin=origin))

    def _json_article(self, line: str, origin: str, stem: str, number: int, warnings: list[str]) -> Article | Rejection:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            return Rejection(origin, f"invalid JSON: {error.msg} (column {error.colno})", number)
        except RecursionError:
            return Rejection(origin, "invalid JSON: nested too deeply", number)
        except ValueError:  # the one other way json.loads fails: an integer of more digits than Python converts
            return Rejection(origin, f"invalid JSON: a number too long to read (over {sys.get_int_max_str_digits():,} digits)", number)
        if not isinstance(record, dict):
            return Rejection(origin, f"expected a JSON object, found {type(record).__name__}", number)
        text = record.get("text")
        if text is None:
            return Rejection(origin, 'no "text" field', number)
        if not isinstance(text, str):
            return Rejection(origin, f'"text" must be a string, not {type(text).__name__}', number)
        if not text.strip():
            return Rejection(origin, 'empty "text"', number)
        record, replaced = _without_lone_surrogates(record)
        warnings = warnings + [f'lone surrogate {c} in "{field}" read as U+FFFD' for field, c in replaced]
        text = record["text"]
        article_date = record.get("date") or self.default_date
        if article_date is not None:
            try:
                article_date = parse_date(str(article_date)[:10] if _looks_like_timestamp(article_date) else str(article_date))
            except ValueError as error:
                return Rejection(origin, f'"date": {error}', number)
        article = Article(
            id=str(record.get("id") or f"{stem}-{number}"),
            text=text,
            date=article_date,
            title=_optional_str(record.get("title")),
            url=_optional_str(record.get("url")),
            source=_optional_str(record.get("source")),
            origin=f"{origin}:{number}",
            warnings=[f"line {number}: {w}" for w in warnings],
        )
        return self._checked(article, number)

    def _html_article(self, html: str, origin: str, stem: str, *, url: str | None = None,
                      date: str | None = None) -> Article | Rejection:
        """A page's main text, title and metadata (trafilatura); ``url`` and ``date``, when given
        (a web archive's record headers), win over what the page says."""
        import trafilatura

        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
        text = getattr(document, "text", None) if document is not None else None
        if not text or not text.strip():
            return Rejection(origin, "no article text found in the HTML")
        article_date = date or self._file_date(stem)
        found_date = getattr(document, "date", None)
        if found_date and not date:
            try:
                article_date = parse_date(str(found_date)[:10])
            except ValueError:
                pass
        return self._checked(
            Article(
                id=stem,
                text=text,
                date=article_date,
                title=getattr(document, "title", None),
                url=url or getattr(document, "url", None),
                source=getattr(document, "sitename", None),
                origin=origin,
            )
        )

    def _checked(self, article: Article, line: int | None = None) -> Article | Rejection:
        origin = article.origin.rsplit(":", 1)[0] if line is not None else article.origin
        first = self.given_ids.setdefault(article.id, article.origin)
        if first != article.origin:  # the later article would replace the earlier in a store
            return Rejection(origin, f"id {article.id!r} is already that of {first} in this run: "
                             "ids must differ (rename the file, or give each JSON line its own \"id\")", line)
        if len(article.text) > self.max_chars:
            return Rejection(
                origin,
                f"article is {len(article.text):,} characters, over the limit of {self.max_chars:,} "
                "(raise it with --max-chars)",
                line,
            )
        return article


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(record: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """JSON may escape half a character ("\\ud800"), which no UTF-8 text can hold: each string field's
    lone surrogates become U+FFFD (one character for one, so offsets hold); (field, escape) per one."""
    replaced: list[tuple[str, str]] = []
    cleaned = dict(record)
    for field, value in record.items():
        if isinstance(value, str) and _LONE_SURROGATE.search(value):
            replaced += [(field, f"\\u{ord(c):04x}") for c in dict.fromkeys(_LONE_SURROGATE.findall(value))]
            cleaned[field] = _LONE_SURROGATE.sub("\ufffd", value)
    return cleaned, replaced


def format_suffix(path: Path) -> str:
    """The format suffix, two-part where one is a compression: ".jsonl.gz", ".warc.gz"."""
    name = path.name.lower()
    for double in GZIP_JSONL_SUFFIXES | {".warc.gz"}:
        if name.endswith(double):
            return double
    return path.suffix.lower()


def _kind_of(path: Path) -> tuple[str, str]:
    """What a path is ("file", "directory", "missing", "unreadable", "FIFO", "socket", "device"),
    and, for all but a file or a directory, why it is not read."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "missing", "no such file (a broken link?)"
    except OSError as error:
        if error.errno in (errno.ENOTDIR, errno.ENAMETOOLONG, errno.ELOOP):
            return "missing", "no such file (a broken link?)"
        return "unreadable", f"cannot read: {error.strerror or error}"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return ("file" if stat.S_ISREG(mode) else "directory"), ""
    kind = "FIFO" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
    return kind, f"not a regular file ({kind})"


def _decode(data: bytes, origin: str) -> tuple[str, list[str]] | Rejection:
    """UTF-8 first; otherwise Windows-1252 (or Latin-1) with a warning. NUL bytes anywhere, or
    mostly control characters, mean binary."""
    if b"\x00" in data:
        return Rejection(origin, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = f"byte 0x{data[error.start]:02x} at offset {error.start}"
    else:
        if _control_ratio(text) > 0.1:
            return Rejection(origin, "binary file (mostly control characters), not text")
        return text, []
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_ratio(text) > 0.1:
            return Rejection(origin, "binary file (mostly control characters), not text")
        return text, [f"not valid UTF-8 ({where}); read as {encoding}"]
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return controls / max(len(sample), 1)


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:1]
    if head == b"{":
        return ".jsonl"
    if head == b"<":
        return ".html"
    return ".txt"


def _looks_like_timestamp(value: object) -> bool:
    return isinstance(value, str) and len(value) > 10 and value[10] in "T "


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)
