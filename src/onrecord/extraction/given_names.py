"""Which given names are a woman's or a man's, for pronoun agreement: "he" is not Stacey Abrams.

The table (``data/given_names.json``) is derived by ``training/given_names.py`` from the
name-gender counts of the `nomquamgender` package (MIT; Van Buskirk et al., built from 36
sources): a name is listed only when it was seen at least ``min_count`` times and at least
nine times in ten for one gender. Names the table does not hold (Jean, Taylor, Kim, Jo)
decide nothing; an article's own "Mr." or "she" outweighs the table.
"""
from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from importlib import resources

TABLE_FILE = "given_names.json"
_GENDER_KEYS = {"female": "f", "male": "m"}


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    data = json.loads(resources.files("onrecord.extraction.data").joinpath(TABLE_FILE).read_text(encoding="utf-8"))
    return {name: code for key, code in _GENDER_KEYS.items() for name in data[key]}


def fold_given_name(word: str) -> str:
    """'Zoë' -> 'zoe': accents and case gone, as the table keeps its names."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower().strip(".")


def gender_of_full_name(name: str) -> str | None:
    """'f', 'm' or None for a person's name of two words or more ('Stacey Abrams' -> 'f'), from its
    first word; a lone word may be a surname, and decides nothing."""
    words = name.split()
    if len(words) < 2:
        return None
    return _table().get(fold_given_name(words[0]))


def is_given_name(word: str) -> bool:
    """A word the table knows as a given name ('Adam', 'Zoë'), of either gender."""
    return fold_given_name(word) in _table()
