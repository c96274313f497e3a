"""The per-article core: from an article's text to its statements and their speakers.

``quotes`` finds quotations by their marks, ``cues`` the verbs and nouns that report speech,
``rules`` (one module per pattern family, applied in the order of ``rules.RULES``) turns them
into statements, ``names`` resolves who each speaker is, ``scorer`` is the learned last check,
and ``pipeline`` is the spaCy side: the model, the registered components, ``extract``.
"""
from .statements import find_statements, find_statements_and_roles
from .pipeline import extract, extract_articles, extract_many, extract_texts, extractor, load_pipeline

__all__ = [
    "extract", "extract_articles", "extract_many", "extract_texts", "extractor", "find_statements",
    "find_statements_and_roles", "load_pipeline",
]
