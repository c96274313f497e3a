"""The web app and JSON API over a store: server-rendered pages, each with a JSON twin.

Read-only by default: every request opens the store read-only. Writing
(``POST /api/articles``) needs the app made with ``allow_write=True`` and a token,
sent as ``Authorization: Bearer TOKEN``. Article and quote text is hostile until
shown otherwise: templates escape everything, SQL is parameterised, query length
and page size are bounded, and the Content-Security-Policy allows no script at all.
Errors come back as ``{"error": {"status": N, "message": "..."}}`` on /api and as a
friendly page elsewhere, never as a traceback.
"""
from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as PathPart
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..record.read import (
    MAX_QUERY_CHARS, QueryError, article_view, overview, quote_view, search, speaker_label, speaker_page, speakers,
    statement_view,
)
from ..inputs import MAX_CHARS
from ..record.store import Store, StoreBusy, StoreError, UnknownName
from .charts import Bar, bar_chart
from .guard import MAX_BODY_BYTES, WriteGuard, valid_token
from .writer import WriterProcess, add_articles
from .highlight import runs, speaker_colours

log = logging.getLogger(__name__)
MAX_PAGE_SIZE = 100
MAX_PAGE = 1000
_OPEN, _CLOSE = "\x02", "\x03"  # around matched words in snippets
_DATE = r"^(\d{4}-\d{2}-\d{2})?$"
# SQLite integers are 64-bit: a longer id is a request for nothing, not a server error.
QuoteId = Annotated[int, PathPart(ge=1, le=2**63 - 1)]
StatementId = Annotated[int, PathPart(ge=1, le=2**63 - 1)]
_TYPE = r"^(direct|mixed|indirect)?$"
_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


class ArticleIn(BaseModel):
    """An article to add, as a line of `onrecord ingest`'s JSONL."""

    text: str = Field(min_length=1, max_length=MAX_CHARS)
    id: str | None = Field(default=None, max_length=300)
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=300)


class AliasIn(BaseModel):
    """A correction of who is who, as `onrecord alias` takes it: ``name`` joins the speaker of ``to``,
    or gets a speaker of its own (``own``), or goes back to the rules (``clear``)."""

    name: str = Field(min_length=1, max_length=300)
    to: str | None = Field(default=None, min_length=1, max_length=300)
    own: bool = False
    clear: bool = False


class SearchParams:
    """The search form's fields, shared by /search and /api/search."""

    def __init__(
        self,
        q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="Words; \"a phrase\"; OR/NOT; prefix*")] = None,
        speaker: Annotated[str | None, Query(max_length=200, description="Speaker id or name")] = None,
        since: Annotated[str | None, Query(pattern=_DATE, description="YYYY-MM-DD")] = None,
        until: Annotated[str | None, Query(pattern=_DATE, description="YYYY-MM-DD")] = None,
        type: Annotated[str | None, Query(pattern=_TYPE, description="direct, mixed or indirect")] = None,
        page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
        per_page: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
    ) -> None:
        self.q, self.speaker = (q or "").strip() or None, (speaker or "").strip() or None
        self.since, self.until, self.type = since or None, until or None, type or None
        self.page, self.per_page = page, per_page

    def run(self, store: Store, marks: tuple[str, str]) -> dict[str, Any]:
        if not (self.q or self.speaker or self.since or self.until or self.type):
            return {"total": 0, "results": [], "page": self.page, "per_page": self.per_page}
        found = search(store, self.q, speaker=self.speaker, since=self.since, until=self.until, type=self.type,
                       limit=self.per_page, offset=(self.page - 1) * self.per_page, marks=marks)
        answer = {"total": found.total, "results": found.results, "page": self.page, "per_page": self.per_page}
        if found.ranked_among:
            answer["ranked_among"] = found.ranked_among
        if found.speakers is not None:
            answer["speakers"] = found.speakers  # who the speaker field matched: none, one, or several to pick from
        if found.described:
            answer["described"] = found.described  # none named: unnamed speakers described with these words
        return answer

    def with_speaker(self, speaker_id: str) -> str:
        """This search narrowed to one speaker, as a query string."""
        from urllib.parse import urlencode

        fields = {"q": self.q, "speaker": speaker_id, "since": self.since, "until": self.until, "type": self.type}
        return urlencode({k: v for k, v in fields.items() if v})

    def query_string(self, page: int) -> str:
        from urllib.parse import urlencode

        fields = {"q": self.q, "speaker": self.speaker, "since": self.since, "until": self.until, "type": self.type}
        fields = {k: v for k, v in fields.items() if v}
        return urlencode({**fields, "page": page})


def open_store(request: Request) -> Iterator[Store]:
    """One read-only connection per request (SQLite connections are cheap; WAL lets readers run beside a writer)."""
    with Store(request.app.state.db, readonly=True) as opened:
        yield opened


StoreDep = Annotated[Store, Depends(open_store)]


def create_app(db: str | Path, *, allow_write: bool = False, token: str | None = None,
               max_body: int = MAX_BODY_BYTES) -> FastAPI:
    """The app over one store file (which must exist). A writing request is refused from its headers
    before its body is read, and its body is bounded by ``max_body`` bytes (``guard.WriteGuard``)."""
    db = Path(db)
    Store(db, readonly=True).close()  # fails now, with the file's name, rather than per request
    if allow_write and not token:
        raise ValueError("writing needs a token")
    app = FastAPI(
        title="onrecord", version=__version__,
        description="Who said what, when: statements, speakers, merged quotes and articles from the record.",
        docs_url=None, redoc_url=None,  # both load their code from a CDN; the schema is at /openapi.json
        redirect_slashes=False,  # "/api/speakers/%2F" is an unknown speaker (404), not a redirect to the list
    )
    templates = Jinja2Templates(directory=str(files("onrecord.web") / "templates"))
    templates.env.filters["snippet"] = _snippet_html
    templates.env.filters["web_url"] = _web_url
    templates.env.filters["speaker_label"] = speaker_label
    templates.env.globals["version"] = __version__
    app.mount("/static", StaticFiles(directory=str(files("onrecord.web") / "static")), name="static")
    write_lock = threading.Lock()
    writer = WriterProcess()
    app.router.on_shutdown.append(writer.close)
    app.state.db = db

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    security = {"Content-Security-Policy": _CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(security)
        return response

    app.add_middleware(WriteGuard, allow_write=allow_write, token=token, headers=security, max_body=max_body)

    # -- pages -------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home_page(request: Request, store: StoreDep):
        return page(request, "home.html", overview=overview(store))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, store: StoreDep, params: Annotated[SearchParams, Depends()]):
        found = params.run(store, (_OPEN, _CLOSE))
        pages = max(1, -(-found["total"] // params.per_page))
        return page(request, "search.html", params=params, found=found, pages=min(pages, MAX_PAGE))

    @app.get("/speakers", response_class=HTMLResponse, include_in_schema=False)
    def speakers_page(request: Request, store: StoreDep):
        return page(request, "speakers.html", speakers=speakers(store, limit=200))

    @app.get("/speakers/{speaker_id}", response_class=HTMLResponse, include_in_schema=False)
    def speaker_html(request: Request, speaker_id: str, store: StoreDep):
        profile = _found(speaker_page(store, speaker_id), f"no speaker {speaker_id!r}")
        unit = profile["timeline"]["unit"]
        chart = bar_chart([Bar(b["period"], b["count"]) for b in profile["timeline"]["bins"]],
                          title=f"Statements by {profile['name']} per {unit}", unit=unit)
        return page(request, "speaker.html", speaker=profile, chart=Markup(chart))

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article_html(request: Request, article_id: str, store: StoreDep):
        article = _found(article_view(store, article_id), f"no article {article_id!r}")
        colours = speaker_colours(article["statements"])
        return page(request, "article.html", article=article, runs=runs(article["text"], article["statements"]),
                    colours=colours)

    @app.get("/quotes/{quote_id}", response_class=HTMLResponse, include_in_schema=False)
    def quote_html(request: Request, quote_id: QuoteId, store: StoreDep):
        return page(request, "quote.html", quote=_found(quote_view(store, quote_id), f"no quote {quote_id}"))

    @app.get("/statements/{statement_id}", response_class=HTMLResponse, include_in_schema=False)
    def statement_html(request: Request, statement_id: StatementId, store: StoreDep):
        found = _found(statement_view(store, statement_id), f"no statement {statement_id}")
        return page(request, "statement.html", statement=found)

    # -- JSON --------------------------------------------------------------------------
    @app.get("/api/search", summary="Search statements")
    def api_search(store: StoreDep, params: Annotated[SearchParams, Depends()]) -> dict[str, Any]:
        """`{"total": N, "results": [statements]}`; matched words in `snippet` between `<mark>` and `</mark>`."""
        return params.run(store, ("<mark>", "</mark>"))

    @app.get("/api/speakers", summary="Speakers ranked by statements")
    def api_speakers(
        store: StoreDep,
        since: Annotated[str | None, Query(pattern=_DATE)] = None,
        until: Annotated[str | None, Query(pattern=_DATE)] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    ) -> list[dict[str, Any]]:
        return speakers(store, since=since or None, until=until or None, limit=limit)

    @app.get("/api/speakers/{speaker_id}", summary="One speaker")
    def api_speaker(speaker_id: str, store: StoreDep) -> dict[str, Any]:
        return _found(speaker_page(store, speaker_id), f"no speaker {speaker_id!r}")

    @app.get("/api/articles/{article_id:path}", summary="One article with its statements")
    def api_article(article_id: str, store: StoreDep) -> dict[str, Any]:
        return _found(article_view(store, article_id), f"no article {article_id!r}")

    @app.get("/api/statements/{statement_id}", summary="One statement, its article and a citation")
    def api_statement(statement_id: StatementId, store: StoreDep) -> dict[str, Any]:
        """A statement as in the search results, with `reported_speech` (true for an indirect one: the
        article's words, not a quote), the article's title, URL and source, and `cite`."""
        return _found(statement_view(store, statement_id), f"no statement {statement_id}")

    @app.get("/api/quotes/{quote_id}", summary="One merged quote with its occurrences")
    def api_quote(quote_id: QuoteId, store: StoreDep) -> dict[str, Any]:
        return _found(quote_view(store, quote_id), f"no quote {quote_id}")

    def check_writer(authorization: str | None) -> None:
        if not allow_write:
            raise HTTPException(403, "writing is off: start the server with --allow-write")
        if not valid_token(authorization, token):  # WriteGuard said so already; kept should it ever be bypassed
            raise HTTPException(403, "a valid token is needed: Authorization: Bearer TOKEN")

    @app.post("/api/articles", summary="Add articles (needs --allow-write and the token)", status_code=200)
    def api_add(
        articles: list[ArticleIn] | ArticleIn,
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        check_writer(authorization)
        items = articles if isinstance(articles, list) else [articles]
        lines = "".join(json.dumps(item.model_dump(exclude_none=True)) + "\n" for item in items).encode()
        with write_lock:  # one posted batch at a time; the parse runs in the writer process, not here
            try:
                return writer.run(add_articles, db, lines)
            except StoreBusy as error:
                raise HTTPException(503, str(error)) from None

    @app.post("/api/aliases", summary="Correct who is who (needs --allow-write and the token)", status_code=200)
    def api_alias(alias: AliasIn, authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        """Join a name to another speaker (`to`), split it off (`own`) or clear the correction; kept in
        the store across re-ingests. Answers with the name's speaker and how many statements moved."""
        check_writer(authorization)
        if sum((alias.to is not None, alias.own, alias.clear)) != 1:
            raise HTTPException(400, "give exactly one of to, own or clear")
        with write_lock, Store(db) as store:
            try:
                with store.writer(wait=False):  # never hold a request while a long ingest runs
                    moved = store.clear_override(alias.name) if alias.clear else store.override(alias.name, alias.to)
                slug, display = store.names.speaker_of(store.known_name(alias.name))
            except StoreBusy as error:
                raise HTTPException(503, str(error)) from None
            except StoreError as error:
                raise HTTPException(404 if isinstance(error, UnknownName) else 400, str(error)) from None
        return {"name": alias.name, "speaker": {"id": slug, "name": display}, "moved": moved}

    # -- errors -------------------------------------------------------------------------
    def error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                          status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        )
        return error(request, 400, problems or "invalid request")

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError):
        return error(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        return error(request, 503, "the store cannot be read right now")

    @app.exception_handler(sqlite3.DatabaseError)
    async def damaged_store(request: Request, exc: sqlite3.DatabaseError):
        log.error("the store cannot be read on %s: %s", request.url.path, exc)
        return error(request, 503, "the store cannot be read: it may be damaged; the error is logged")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("error on %s", request.url.path)
        return error(request, 500, "something went wrong on our side; the error is logged")

    return app


def _found(value: Any, message: str) -> Any:
    if value is None:
        raise HTTPException(404, message)
    return value


def _web_url(url: str | None) -> str | None:
    """Only http(s) addresses become links: an article's url may say javascript:."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _snippet_html(snippet: str) -> Markup:
    """A search snippet with its matched words in <mark>, everything else escaped."""
    return Markup(str(escape(snippet)).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>"))
