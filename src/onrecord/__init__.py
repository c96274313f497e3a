"""onrecord: who said what, when, from dated news articles."""
import logging

from .model import Article, Span, Speaker, Statement
from .pipeline import extract, extract_many, load_pipeline

__all__ = ["Article", "Span", "Speaker", "Statement", "extract", "extract_many", "load_pipeline"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
