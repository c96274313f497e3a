"""onrecord: who said what, when, from dated news articles.

The layers, each a subpackage: ``extraction`` (the per-article core on spaCy), ``record`` (the
SQLite store and everything that reads it), ``evaluation`` (scoring against gold attributions),
and the shells over them, ``cli`` and ``web``. ``model``, ``lexicon``, ``inputs`` and ``values``
are shared by all of them.

``extract``, ``extract_many`` and ``load_pipeline`` load spaCy, so they are imported on first use
(PEP 562): ``import onrecord`` and the commands that only read the record stay fast.
"""
from __future__ import annotations

import importlib
import logging
from typing import Any

from .model import Article, Span, Speaker, Statement

__all__ = ["Article", "Span", "Speaker", "Statement", "extract", "extract_many", "load_pipeline"]
__version__ = "0.1.0"

_LAZY = {name: "onrecord.extraction.pipeline" for name in ("extract", "extract_many", "load_pipeline")}

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'onrecord' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
