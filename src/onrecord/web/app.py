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

import dataclasses
import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from importlib.resources import files
from datetime import date as Date, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as PathPart
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from pydantic import BaseModel, Field
from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..record.browse import KINDS, MAX_COMPARED, article_index, compare, source_index, speaker_directory
from ..record.query import month_bounds, month_range
from ..record.read import (
    MAX_QUERY_CHARS, QueryError, article_view, every_match, overview, plan_search, quote_view, search, speaker_label,
    speaker_page, statement_view, with_articles,
)
from ..inputs import MAX_CHARS
from ..record.store import Store, StoreBusy, StoreError, UnknownName
from ..positions.timeline import positions as find_positions
from .charts import Bar, Mark, bar_chart, position_strip
from .downloads import STATEMENT_COLUMNS, csv_lines, statement_row
from .forms import Form
from .head import HeadAsGet
from .guard import MAX_BODY_BYTES, WriteGuard, valid_token
from .writer import WriterProcess, add_articles
from .highlight import PALETTE_SIZE, runs, speaker_colours

log = logging.getLogger(__name__)
MAX_PAGE_SIZE = 100
MAX_PAGE = 1000
_OPEN, _CLOSE = "\x02", "\x03"  # around matched words in snippets
_DATE = r"^(\d{4}-\d{2}-\d{2})?$"
# SQLite integers are 64-bit: a longer id is a request for nothing, not a server error.
QuoteId = Annotated[int, PathPart(ge=1, le=2**63 - 1)]
StatementId = Annotated[int, PathPart(ge=1, le=2**63 - 1)]
_TYPE = r"^(direct|mixed|indirect)?$"
_SORT = r"^(relevance|newest|oldest)?$"
_KIND = r"^(person|organization|group)?$"
_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
# The API docs page runs Swagger UI, served from a package (fastapi-offline): its own scripts, and the inline styles
# its components set; nothing from elsewhere.
_DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SEARCH_FIELDS = ("q", "speaker", "since", "until", "type", "source", "article", "sort", "page", "per_page")
FILTERS = ("q", "speaker", "since", "until", "type", "source", "article")


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
    """The API's search fields (/api/search): typed, so that the API docs list them."""

    def __init__(
        self,
        q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="Words; \"a phrase\"; OR/NOT; prefix*")] = None,
        speaker: Annotated[str | None, Query(max_length=200, description="Speaker id or name")] = None,
        since: Annotated[str | None, Query(pattern=_DATE, description="YYYY-MM-DD")] = None,
        until: Annotated[str | None, Query(pattern=_DATE, description="YYYY-MM-DD")] = None,
        type: Annotated[str | None, Query(pattern=_TYPE, description="direct, mixed or indirect")] = None,
        source: Annotated[str | None, Query(max_length=300, description="The articles' source (outlet), exactly")] = None,
        article: Annotated[str | None, Query(max_length=300, description="One article's id")] = None,
        sort: Annotated[str | None, Query(pattern=_SORT, description="relevance (default), newest or oldest")] = None,
        facets: Annotated[bool, Query(description="Also count the matches by speaker, month, type and source")] = False,
        page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
        per_page: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
    ) -> None:
        self.fields = {"q": (q or "").strip() or None, "speaker": (speaker or "").strip() or None,
                       "since": since or None, "until": until or None, "type": type or None,
                       "source": source or None, "article": article or None}
        self.sort, self.facets, self.page, self.per_page = sort or "relevance", facets, page, per_page


def run_search(store: Store, fields: dict[str, Any], *, sort: str, page: int, per_page: int, marks: tuple[str, str],
               with_facets: bool) -> dict[str, Any]:
    """A page of a search, as the page and the API show it. A page past the last is the last."""
    if not any(fields.get(f) for f in FILTERS):
        return {"total": 0, "results": [], "page": 1, "pages": 1, "per_page": per_page, "sort": sort}
    args = {"text": fields.get("q"), "speaker": fields.get("speaker"), "since": fields.get("since"),
            "until": fields.get("until"), "type": fields.get("type"), "source": fields.get("source"),
            "article": fields.get("article"), "sort": sort, "marks": marks, "with_facets": with_facets}
    found = search(store, **args, limit=per_page, offset=(min(page, MAX_PAGE) - 1) * per_page)
    pages = min(max(1, -(-found.total // per_page)), MAX_PAGE)
    answer: dict[str, Any] = {"page": page}
    if page > pages:  # out of range: the last page, and say so
        answer = {"page": pages, "asked_page": page}
        counted = found.facets
        if min(page, MAX_PAGE) != pages:
            found = search(store, **{**args, "with_facets": False}, limit=per_page, offset=(pages - 1) * per_page)
        found = dataclasses.replace(found, facets=counted)
    answer.update({"total": found.total, "results": found.results, "pages": pages, "per_page": per_page, "sort": sort})
    if found.ranked_among:
        answer["ranked_among"] = found.ranked_among
    if found.speakers is not None:
        answer["speakers"] = found.speakers  # who the speaker field matched: none, one, or several to pick from
    if found.described:
        answer["described"] = found.described  # none named: unnamed speakers described with these words
    if found.facets is not None:
        answer["facets"] = found.facets.as_dict()
    return answer


def open_store(request: Request) -> Iterator[Store]:
    """One read-only connection per request (SQLite connections are cheap; WAL lets readers run beside a
    writer), with the name index the last request built while the store has not changed since."""
    with Store(request.app.state.db, readonly=True) as opened:
        version = request.app.state.names.lend(opened)
        yield opened
        request.app.state.names.keep(opened, version)


class SharedNames:
    """The store's name index, built once per version of the store and lent to every request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: tuple[tuple[int, ...], Any] | None = None

    def lend(self, store: Store) -> tuple[int, ...]:
        """Give the store the kept index if it was built at the store's present version; returns that
        version (read before any index is built, so an index is never filed under a later one)."""
        version = store.version()
        with self._lock:
            if self._kept is not None and self._kept[0] == version:
                store.adopt_names(self._kept[1])
        return version

    def keep(self, store: Store, version: tuple[int, ...]) -> None:
        built = store.__dict__.get("_names")
        if built is not None:
            with self._lock:
                self._kept = (version, built)


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
    templates.env.globals["max_compared"] = MAX_COMPARED
    templates.env.globals["month_end"] = lambda month: month_bounds(month)[1]
    app.mount("/static", StaticFiles(directory=str(files("onrecord.web") / "static")), name="static")
    # Swagger UI's files as the fastapi-offline package ships them (no CDN); started by static/api-docs.js
    app.mount("/api/docs/assets", StaticFiles(directory=str(files("fastapi_offline") / "static")), name="api-docs-assets")
    write_lock = threading.Lock()
    writer = WriterProcess()
    app.router.on_shutdown.append(writer.close)
    app.state.db = db
    app.state.names = SharedNames()

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    security = {"Content-Security-Policy": _CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}

    docs_security = {**security, "Content-Security-Policy": _DOCS_CSP}

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(docs_security if request.url.path.startswith("/api/docs") else security)
        return response

    app.add_middleware(WriteGuard, allow_write=allow_write, token=token, headers=security, max_body=max_body)
    app.add_middleware(HeadAsGet)  # outermost: a HEAD is a GET whose body is not sent

    def rows_csv(name: str, columns: list[str], rows: Any) -> StreamingResponse:
        return StreamingResponse(csv_lines(columns, rows), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})

    def answer(request: Request, suffix: str, template: str, data: dict[str, Any], csv_name: str,
               csv_columns: list[str], csv_rows: Any, **context: Any) -> Response:
        """One page in the form its address asks for: HTML, ``.json`` (the data shown) or ``.csv``."""
        if suffix == ".json":
            return JSONResponse(jsonable(data))
        if suffix == ".csv":
            return rows_csv(csv_name, csv_columns, csv_rows)
        return page(request, template, data=data, **context)

    # -- pages, each with .json and .csv twins --------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home_page(request: Request, store: StoreDep):
        summary = overview(store)
        with_articles(store, summary["latest"])
        bars = [Bar(m, n, f"/articles?since={month_bounds(m)[0]}&until={month_bounds(m)[1]}")
                for m, n in articles_per_month(store)]
        chart = bar_chart(bars, title="Articles in the record per month", unit="month", ident="home-chart")
        return page(request, "home.html", overview=summary, chart=Markup(chart))

    @app.get("/search{suffix:_suffix}", include_in_schema=False)
    def search_page(request: Request, store: StoreDep, suffix: str = ""):
        form = Form(request.query_params, SEARCH_FIELDS)
        if suffix == ".csv":
            if form.problems:  # a download has no form to show them beside: say them, and download nothing
                return Response(" ".join(form.problems) + "\n", status_code=400, media_type="text/plain; charset=utf-8")
            return rows_csv("statements", STATEMENT_COLUMNS, search_rows(form))
        data = {"total": 0, "results": [], "page": 1, "pages": 1, "per_page": form.per_page, "sort": form.sort}
        if not form.problems:
            try:
                data = run_search(store, {f: form.values.get(f) for f in FILTERS}, sort=form.sort, page=form.page,
                                  per_page=form.per_page, marks=(_OPEN, _CLOSE) if not suffix else ("<mark>", "</mark>"),
                                  with_facets=True)
            except QueryError as error:
                form.problems.append(_plain(str(error)))
        data["problems"] = form.problems
        if suffix == ".json":
            return JSONResponse(jsonable(data))
        return page(request, "search.html", form=form, data=data, histogram=Markup(search_histogram(form, data)),
                    colours=PALETTE_SIZE)

    def search_rows(form: Form) -> Any:
        """Every statement the search matches, for the CSV: read in a connection of its own, as the
        response is streamed after the request's connection has closed."""
        if form.problems or not form.asked(*FILTERS):
            return iter(())

        def rows():
            with Store(db, readonly=True) as store:
                plan = plan_search(store, form.q, speaker=form.speaker, since=form.since, until=form.until,
                                   type=form.type, source=form.source, article=form.article)
                for record in every_match(store, plan, form.sort):
                    yield statement_row(record)
        return rows()

    @app.get("/speakers{suffix:_suffix}", include_in_schema=False)
    def speakers_page(request: Request, store: StoreDep, suffix: str = ""):
        form = Form(request.query_params, ("name", "kind", "since", "until", "page", "per_page"), per_page=50)
        def listing(store: Store, limit: int, offset: int):
            return speaker_directory(store, name=form.name, kind=form.kind, since=form.since, until=form.until,
                                     limit=limit, offset=offset)
        data = paged(store, form, listing, "speakers") if suffix != ".csv" else {}
        columns = ["id", "name", "kind", "statements", "first_date", "last_date"]
        rows = all_pages(listing) if suffix == ".csv" else []
        return answer(request, suffix, "speakers.html", data, "speakers", columns, rows, form=form, kinds=KINDS)

    @app.get("/articles{suffix:_suffix}", include_in_schema=False)
    def articles_page(request: Request, store: StoreDep, suffix: str = ""):
        form = Form(request.query_params, ("title", "source", "since", "until", "page", "per_page"), per_page=50)
        def listing(store: Store, limit: int, offset: int):
            return article_index(store, title=form.title, source=form.source, since=form.since, until=form.until,
                                 limit=limit, offset=offset)
        data = paged(store, form, listing, "articles") if suffix != ".csv" else {}
        columns = ["id", "date", "title", "source", "url", "statements", "copy_of"]
        rows = all_pages(listing) if suffix == ".csv" else []
        return answer(request, suffix, "articles.html", data, "articles", columns, rows, form=form)

    @app.get("/sources{suffix:_suffix}", include_in_schema=False)
    def sources_page(request: Request, store: StoreDep, suffix: str = ""):
        form = Form(request.query_params, ("name", "page", "per_page"), per_page=50)
        def listing(store: Store, limit: int, offset: int):
            return source_index(store, name=form.name, limit=limit, offset=offset)
        data = paged(store, form, listing, "sources") if suffix != ".csv" else {}
        rows = all_pages(listing) if suffix == ".csv" else []
        return answer(request, suffix, "sources.html", data, "sources",
                      ["source", "articles", "first_date", "last_date"], rows, form=form)

    @app.get("/compare{suffix:_suffix}", include_in_schema=False)
    def compare_page(request: Request, store: StoreDep, suffix: str = ""):
        form = Form(request.query_params, ("topic", "since", "until"))
        names = [n.strip() for n in request.query_params.getlist("speaker") if n.strip()]
        data: dict[str, Any] = {"topic": form.topic, "speakers": [], "months": [], "unknown": [], "left_out": []}
        if names and not form.problems:
            try:
                data = compare(store, names, topic=form.topic, since=form.since, until=form.until)
            except QueryError as error:
                form.problems.append(_plain(str(error)))
        data["problems"] = form.problems
        rows = [{"month": m, **{c["name"]: c["months"][i]["count"] for c in data["speakers"]}}
                for i, m in enumerate(data["months"])]
        columns = ["month", *[c["name"] for c in data["speakers"]]]
        charts = compare_charts(form, data)
        shown = names[:MAX_COMPARED]
        return answer(request, suffix, "compare.html", data, "compare", columns, rows, form=form, names=shown,
                      charts=charts, slots=max(len(shown) + 1, 2))

    def paged(store: Store, form: Form, listing: Any, key: str) -> dict[str, Any]:
        """A page of an index; a page past the last is the last."""
        total, rows = listing(store, form.per_page, (min(form.page, MAX_PAGE) - 1) * form.per_page)
        pages = min(max(1, -(-total // form.per_page)), MAX_PAGE)
        data: dict[str, Any] = {"total": total, "page": form.page, "pages": pages, "per_page": form.per_page}
        if form.page > pages:
            data.update(page=pages, asked_page=form.page)
            if min(form.page, MAX_PAGE) != pages:
                total, rows = listing(store, form.per_page, (pages - 1) * form.per_page)
        data[key] = rows
        data["problems"] = form.problems
        return data

    def all_pages(listing: Any, batch: int = 1000) -> Any:
        """Every row of an index, a batch at a time, read in a connection of its own (the response is
        streamed after the request's connection has closed)."""
        with Store(db, readonly=True) as store:
            offset = 0
            while True:
                _, rows = listing(store, batch, offset)
                yield from rows
                if len(rows) < batch:
                    return
                offset += batch

    @app.get("/positions{suffix:_suffix}", include_in_schema=False)
    def positions_page(request: Request, store: StoreDep, suffix: str = ""):
        form = Form(request.query_params, ("topic", "target", "since", "until"))
        data: dict[str, Any] = {"topic": form.topic, "target": form.target, "speakers": [], "unnamed": []}
        if form.topic and not form.problems:
            try:
                data = find_positions(store, form.topic, target=form.target, since=form.since, until=form.until,
                                      keep=False)
            except QueryError as error:
                form.problems.append(_plain(str(error)))
        data["problems"] = form.problems
        rows = [{"speaker": r["name"], "speaker_id": r["id"], "current": r["current"], "since": r["since"],
                 "for": r["counts"]["for"], "against": r["counts"]["against"], "neither": r["counts"]["neither"],
                 "changes": "; ".join(f"{c['date']} {c['from']}->{c['to']}" for c in r["changes"]),
                 "evidence": r["evidence"]["text"], "evidence_statement": r["evidence"]["statement"]}
                for r in data["speakers"]]
        columns = ["speaker", "speaker_id", "current", "since", "for", "against", "neither", "changes", "evidence",
                   "evidence_statement"]
        return answer(request, suffix, "positions.html", data, "positions", columns, rows, form=form,
                      strips=position_strips(data))

    @app.get("/speakers/{speaker_id}", response_class=HTMLResponse, include_in_schema=False)
    def speaker_html(request: Request, speaker_id: str, store: StoreDep):
        profile = _found(speaker_page(store, speaker_id), f"no speaker {speaker_id!r}")
        with_articles(store, profile["latest"])
        unit = profile["timeline"]["unit"]
        bars = [Bar(b["period"], b["count"], _period_link(speaker_id, b["period"], unit))
                for b in profile["timeline"]["bins"]]
        chart = bar_chart(bars, title=f"Statements by {profile['name']} per {unit}", unit=unit, ident="timeline")
        return page(request, "speaker.html", speaker=profile, chart=Markup(chart))

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article_html(request: Request, article_id: str, store: StoreDep):
        article = _found(article_view(store, article_id), f"no article {article_id!r}")
        colours = speaker_colours(article["statements"])
        text_runs = runs(article["text"], article["statements"], article["body_start"])
        return page(request, "article.html", article=article, runs=text_runs, colours=colours)

    @app.get("/quotes/{quote_id}", response_class=HTMLResponse, include_in_schema=False)
    def quote_html(request: Request, quote_id: QuoteId, store: StoreDep):
        return page(request, "quote.html", quote=_found(quote_view(store, quote_id), f"no quote {quote_id}"))

    @app.get("/statements/{statement_id}", response_class=HTMLResponse, include_in_schema=False)
    def statement_html(request: Request, statement_id: StatementId, store: StoreDep):
        found = _found(statement_view(store, statement_id), f"no statement {statement_id}")
        return page(request, "statement.html", statement=found)

    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request):
        return page(request, "api_docs.html")

    # -- JSON --------------------------------------------------------------------------
    @app.get("/api/search", summary="Search statements")
    def api_search(store: StoreDep, params: Annotated[SearchParams, Depends()]) -> dict[str, Any]:
        """`{"total": N, "results": [statements], "page", "pages", ...}`; matched words in `snippet` between
        `<mark>` and `</mark>`; with `facets=true`, counts by speaker, month, type and source (estimated
        from an even sample when there are many matches: `estimated_from_one_in`)."""
        return run_search(store, params.fields, sort=params.sort, page=params.page, per_page=params.per_page,
                          marks=("<mark>", "</mark>"), with_facets=params.facets)

    @app.get("/api/speakers", summary="Speakers ranked by statements")
    def api_speakers(
        store: StoreDep,
        name: Annotated[str | None, Query(max_length=200, description="Words of the name")] = None,
        kind: Annotated[str | None, Query(pattern=_KIND, description="person, organization or group")] = None,
        since: Annotated[str | None, Query(pattern=_DATE)] = None,
        until: Annotated[str | None, Query(pattern=_DATE)] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
        offset: Annotated[int, Query(ge=0, le=2**62)] = 0,
    ) -> list[dict[str, Any]]:
        return speaker_directory(store, name=name or None, kind=kind or None, since=since or None,
                                 until=until or None, limit=limit, offset=offset)[1]

    @app.get("/api/positions", summary="Who is for a proposition, who against, since when")
    def api_positions(
        store: StoreDep,
        topic: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS, description="Words that find the statements")],
        target: Annotated[str | None, Query(max_length=300, description="The proposition (default: topic)")] = None,
        speaker: Annotated[str | None, Query(max_length=200)] = None,
        since: Annotated[str | None, Query(pattern=_DATE)] = None,
        until: Annotated[str | None, Query(pattern=_DATE)] = None,
    ) -> dict[str, Any]:
        """Per speaker: the stance now, since when, the first date of each side, every change with its
        statement, counts; statements of unnamed speakers apart. Stances are read by rules over the words."""
        return find_positions(store, topic, target=target or None, speaker=speaker or None, since=since or None,
                              until=until or None, keep=False)

    @app.get("/api/articles", summary="Articles, newest first")
    def api_articles(
        store: StoreDep,
        title: Annotated[str | None, Query(max_length=200, description="Words of the title")] = None,
        source: Annotated[str | None, Query(max_length=300)] = None,
        since: Annotated[str | None, Query(pattern=_DATE)] = None,
        until: Annotated[str | None, Query(pattern=_DATE)] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
        offset: Annotated[int, Query(ge=0, le=2**62)] = 0,
    ) -> dict[str, Any]:
        total, rows = article_index(store, title=title or None, source=source or None, since=since or None,
                                    until=until or None, limit=limit, offset=offset)
        return {"total": total, "articles": rows}

    @app.get("/api/sources", summary="Sources (outlets), by articles")
    def api_sources(
        store: StoreDep,
        name: Annotated[str | None, Query(max_length=200)] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
        offset: Annotated[int, Query(ge=0, le=2**62)] = 0,
    ) -> dict[str, Any]:
        total, rows = source_index(store, name=name or None, limit=limit, offset=offset)
        return {"total": total, "sources": rows}

    @app.get("/api/compare", summary="Speakers compared on a topic over time")
    def api_compare(
        store: StoreDep,
        speaker: Annotated[list[str], Query(max_length=200, description=f"Two to {MAX_COMPARED} speakers")],
        topic: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)] = None,
        since: Annotated[str | None, Query(pattern=_DATE)] = None,
        until: Annotated[str | None, Query(pattern=_DATE)] = None,
    ) -> dict[str, Any]:
        """For each speaker: statements about the topic per month (one shared axis), and their latest."""
        return compare(store, speaker, topic=topic, since=since or None, until=until or None)

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
        problems = " ".join(_plain_problem(e) for e in exc.errors())
        return error(request, 400, problems or "That request could not be read.")

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


class _Suffix(Convertor):
    """A page's download suffix: nothing (the HTML page), ".json" or ".csv"."""

    regex = r"(?:\.json|\.csv)?"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("_suffix", _Suffix())


def jsonable(data: dict[str, Any]) -> dict[str, Any]:
    """A page's data as its JSON twin serves it: search snippets marked with <mark>, not control marks."""
    text = json.dumps(data, default=str).replace("\\u0002", "<mark>").replace("\\u0003", "</mark>")
    return json.loads(text)


def _plain(message: str) -> str:
    """A library message as a sentence for the page."""
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


def articles_per_month(store: Store) -> list[tuple[str, int]]:
    """(YYYY-MM, articles) over the record, every month from the first to the last."""
    first, last = store.db.execute("SELECT min(date), max(date) FROM articles").fetchone()
    if first is None:
        return []
    # a count of an index range per month: no function of each of 100,000 dates to group by
    return [(month, store.db.execute("SELECT count(*) FROM articles WHERE date >= ? AND date <= ?",
                                     month_bounds(month)).fetchone()[0])
            for month in month_range({first[:7]: 1, last[:7]: 1})]


def search_histogram(form: Form, data: dict[str, Any]) -> str:
    """The matches per month; a bar filters the search to its month, and the current month's bar
    takes the filter off again."""
    counted = data.get("facets")
    if not counted or not counted["months"]:
        return ""
    bars = []
    for bin in counted["months"]:
        since, until = month_bounds(bin["month"])
        current = form.since == since and form.until == until
        href = form.link("/search", since=None if current else since, until=None if current else until, page=None)
        bars.append(Bar(bin["month"], bin["count"], href, current))
    note = f", estimated from 1 match in {counted['estimated_from_one_in']}" if counted["estimated_from_one_in"] else ""
    return bar_chart(bars, title="Matching statements per month", unit="month", ident="histogram", note=note)


def compare_charts(form: Form, data: dict[str, Any]) -> list[Markup]:
    """One chart per speaker on the same months and the same scale; a bar is that speaker's
    statements on the topic in that month."""
    peak = max((b["count"] for c in data["speakers"] for b in c["months"]), default=0) or 1
    charts = []
    for n, column in enumerate(data["speakers"]):
        bars = []
        for bin in column["months"]:
            since, until = month_bounds(bin["month"])
            fields = {"q": form.topic, "speaker": column["id"], "since": since, "until": until}
            bars.append(Bar(bin["month"], bin["count"], "/search?" + urlencode({k: v for k, v in fields.items() if v})))
        title = f"Statements by {column['name']}" + (f" on “{form.topic}”" if form.topic else "") + " per month"
        charts.append(Markup(bar_chart(bars, title=title, unit="month", ident=f"compare-{n}", peak=peak,
                                       narrow_only=True)))  # a column is narrow on any screen
    return charts


def position_strips(data: dict[str, Any], top: int = 50) -> list[Markup]:
    """Each speaker's statements on one shared line of time (the first to the last dated statement
    of all shown), marks linking to the statements in their articles."""
    rows = data["speakers"][:top]
    days = [Date.fromisoformat(p["date"]) for r in rows for p in r["points"] if p["date"]]
    if not days:
        return [Markup("") for _ in rows]
    start, span = min(days), (max(days) - min(days)).days
    strips = []
    for row in rows:
        changed = {c["statement"]["statement"] for c in row["changes"]}
        marks = [Mark((Date.fromisoformat(p["date"]) - start).days, p["stance"],
                      f"{p['date']}: {p['stance']}{' (conditional)' if p['conditional'] else ''}, {p['evidence']}",
                      f"/articles/{quote(p['article'], safe='')}#s{p['statement']}", p["statement"] in changed)
                 for p in row["points"] if p["date"]]
        strips.append(Markup(position_strip(marks, span, title=f"{row['name']}: statements on the target over time")))
    return strips


def _period_link(speaker_id: str, period: str, unit: str) -> str:
    """The search for a speaker's statements in one bin of their timeline (a month, or a week from its Monday)."""
    if unit == "week":
        start = Date.fromisoformat(period)
        since, until = start.isoformat(), (start + timedelta(days=6)).isoformat()
    else:
        since, until = month_bounds(period)
    return "/search?" + urlencode({"speaker": speaker_id, "since": since, "until": until, "sort": "oldest"})


_HINTS = {"since": "a date written like 2023-10-27", "until": "a date written like 2023-10-27",
          "type": "direct, mixed or indirect", "sort": "relevance, newest or oldest",
          "kind": "person, organization or group"}


def _plain_problem(error: dict[str, Any]) -> str:
    """A validation error in plain words: "“since” must be a date written like 2023-10-27.", not
    "String should match pattern '^(\\d{4}-\\d{2}-\\d{2})?$'"."""
    field = str(error.get("loc", ("", "request"))[-1])
    kind, context = error.get("type", ""), error.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        return f"“{field}” must be {_HINTS.get(field, 'in the documented form')}."
    if kind in ("int_parsing", "int_from_float"):
        return f"“{field}” must be a whole number."
    if kind == "greater_than_equal":
        return f"“{field}” must be at least {context.get('ge')}."
    if kind == "less_than_equal":
        return f"“{field}” must be at most {context.get('le')}."
    if kind == "string_too_long":
        return f"“{field}” is too long: at most {context.get('max_length')} characters."
    if kind == "missing":
        return f"“{field}” is needed."
    return f"“{field}”: {error.get('msg', 'not valid')}."


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
