"""The acceptance example: every statement the extraction issue lists, and nothing from the quiet paragraphs."""
from __future__ import annotations

import pytest

from onrecord.inputs import read_inputs
from onrecord import extract

from helpers import assert_round_trip

EXPECTED = [
    ("further deepen the humanitarian disaster", {"mixed"}, "Sadiq Khan"),
    ("This will stop the killings and allow vital aid supplies to reach those who need them", {"direct"}, "Sadiq Khan"),
    ("he was supporting Israel’s right to defend itself", {"indirect"}, "Keir Starmer"),
    ("he supported US Secretary of State Antony Blinken’s call", {"indirect", "mixed"}, "Keir Starmer"),
    ("The terrible situation in Gaza now looks set to get even worse", {"direct"}, "Sadiq Khan"),
    ("Thousands of innocent civilians", {"direct"}, "Sadiq Khan"),
    ("And it is becoming impossible to deliver aid", {"direct"}, "Sadiq Khan"),
    ("reach the needy people in Gaza", {"direct"}, "Sadiq Khan"),
    ("This will give the international community more time", {"direct"}, "Sadiq Khan"),
    ("Israel has the right to defend itself, to target those responsible", {"direct"}, "Sadiq Khan"),
    ("The international community must redouble its efforts", {"direct"}, "Sadiq Khan"),
]
QUIET = [
    "Khan’s intervention came amid",
    "Many voters across the country",
    "However, the dispute has escalated",
    "Starmer met with almost a dozen",
]


@pytest.fixture(scope="module")
def seed(seed_path, nlp):
    [article] = list(read_inputs([str(seed_path)]))
    return article, extract(article, nlp=nlp)


@pytest.mark.parametrize("words,types,name", EXPECTED)
def test_expected_statement(seed, words, types, name):
    _, statements = seed
    matches = [s for s in statements if words in s.text and s.type in types and s.speaker.name == name]
    assert matches, f"{words!r} ({types}, {name}) missing: {[(s.type, s.speaker.name, s.text[:50]) for s in statements]}"


def test_first_ceasefire_quote_in_second_paragraph(seed):
    article, statements = seed
    second_paragraph = article.text.index("“I join")
    first = [s for s in statements if "I join the international community in calling for a ceasefire" in s.text]
    assert first and first[0].start == second_paragraph  # the span opens at the quotation mark
    assert first[0].type == "direct" and first[0].speaker.name == "Sadiq Khan"
    assert len(first) == 2  # and the repeat later on


def test_organisation_as_source(seed):
    _, statements = seed
    [huffpost] = [s for s in statements if "Labor MPs have been offered security advice" in s.text]
    assert huffpost.type == "indirect"
    assert huffpost.speaker.name == "HuffPost UK" and huffpost.speaker.kind == "organization"
    assert huffpost.cue.text == "revealed"


def test_nothing_from_quiet_paragraphs_or_header(seed):
    article, statements = seed
    for opening in QUIET:
        start = article.text.index(opening)
        end = article.text.index("\n", start)
        assert not [s for s in statements if s.start < end and s.end > start], opening
    assert all(s.start >= article.body_start for s in statements)
    assert article.date == "2023-10-27"


def test_offsets_round_trip(seed):
    article, statements = seed
    assert_round_trip(article.text, statements)
    assert all(s.article == "khan-ceasefire-2023-10-27" and s.date == "2023-10-27" for s in statements)
