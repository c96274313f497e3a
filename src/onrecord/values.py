"""Plain values every layer shares: a word folded for matching, a checked date.

No spaCy here: the record, the evaluation and the CLI import this without the pipeline.
"""
from __future__ import annotations

import re
from datetime import date as Date
from functools import lru_cache

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@lru_cache(maxsize=65536)
def normalise_word(word: str) -> str:
    """Fold case and British spellings so "Labour" matches "Labor"."""
    word = word.lower().strip(".")
    word = re.sub(r"our$", "or", word)
    return re.sub(r"is(e|ed|ing)$", r"iz\1", word)


def without_the(name: str) -> str:
    """A name without a leading "the" ("The Atlantic" -> "Atlantic"), as speakers are shown and matched."""
    return name[4:] if name.lower().startswith("the ") else name


def parse_date(value: str) -> str:
    """A YYYY-MM-DD date, checked; raises ValueError with a readable message."""
    if not _ISO_DATE.fullmatch(value):
        raise ValueError(f"malformed date {value!r}: expected YYYY-MM-DD")
    try:
        Date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"malformed date {value!r}: no such day") from None
    return value


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """"1 statement", "12,345 statements": thousands separated, the noun agreeing."""
    return f"{number:,} {singular if number == 1 else plural or singular + 's'}"
