"""When two statements are the same quote: normalised text and near-identical variants.

A quote is said once and reported many times, with its quotation marks, case,
punctuation or a few words changed ("to reach those who need them" / "to reach the
needy people"). Statements of one speaker merge into one quote when their
normalised texts are equal, or when they are long enough and their words match
closely. Short common phrases ("We will see") merge only when identical and only
within one speaker; quotes nobody is named for merge only when identical and long.
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

NEAR_MATCH = 0.8  # word-level similarity (difflib ratio) for near-identical variants
MIN_NEAR_WORDS = 8  # shorter quotes merge only when identical
MIN_ANONYMOUS_WORDS = 6  # quotes without a speaker merge only when identical and this long
ANCHOR_WORDS = 5  # variants are looked up by their first or last words


def normalise_quote(text: str) -> str:
    """Case, punctuation, quotation marks and whitespace folded: the text two reports share."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[’‘`´]", "'", text)
    text = re.sub(r"[^\w\s']+|(?<!\w)'|'(?!\w)", " ", text)
    return " ".join(text.split())


def anchors(norm: str) -> tuple[str, str]:
    """The first and the last few words: where near-identical variants are looked up."""
    words = norm.split()
    return " ".join(words[:ANCHOR_WORDS]), " ".join(words[-ANCHOR_WORDS:])


def may_merge_near(norm: str, anonymous: bool) -> bool:
    """Whether a quote is long enough to merge with variants (not only identical text)."""
    return not anonymous and len(norm.split()) >= MIN_NEAR_WORDS


def may_merge_exact(norm: str, anonymous: bool) -> bool:
    return bool(norm) and (not anonymous or len(norm.split()) >= MIN_ANONYMOUS_WORDS)


def similarity(a: str, b: str) -> float:
    """How closely two normalised texts match word for word (0..1)."""
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def is_variant(a: str, b: str) -> bool:
    """Near-identical: both long enough and nearly the same words in the same order."""
    words_a, words_b = len(a.split()), len(b.split())
    if min(words_a, words_b) < MIN_NEAR_WORDS or min(words_a, words_b) < NEAR_MATCH * max(words_a, words_b):
        return False
    return similarity(a, b) >= NEAR_MATCH
