"""Offsets index the original text: text[start:end] round-trips on real articles."""
from __future__ import annotations


import pytest
from hypothesis import given, settings, strategies as st

from onrecord import extract_many
from onrecord.inputs import read_inputs
from onrecord.extraction.quotes import find_quotes, paragraphs

from conftest import SAMPLES, SHARED
from helpers import assert_round_trip


def _real_article_paths() -> list[str]:
    paths = [str(SAMPLES)]
    dev = SHARED / "data" / "polnear" / "dev" / "text"
    if dev.exists():
        paths += [str(p) for p in sorted(dev.glob("*.txt"))[:20]]
    seed = SHARED / "data" / "seed"
    if seed.exists():
        paths.append(str(seed / "khan-ceasefire-2023-10-27.txt"))
    return paths


@pytest.mark.slow
def test_offsets_round_trip_on_real_articles(nlp):
    articles = [a for a in read_inputs(_real_article_paths()) if hasattr(a, "text")]
    assert len(articles) >= 5
    total = 0
    for article, statements, error in extract_many(articles, nlp=nlp):
        assert error is None
        assert_round_trip(article.text, statements)
        total += len(statements)
    assert total > 50


quote_text = st.text(alphabet=st.sampled_from(list("ab ,.\n“”\"'‘’«»:")), max_size=200)


@given(quote_text)
@settings(max_examples=300, deadline=None)
def test_quotes_stay_inside_their_paragraph_or_the_line_it_wraps_onto(text):
    paras = paragraphs(text)
    for quote in find_quotes(text, paras):
        para = paras[quote.paragraph]
        following = paras[quote.paragraph + 1] if quote.paragraph + 1 < len(paras) else None
        wrapped = following is not None and text.count("\n", para.end, following.start) == 1
        for start, end in quote.fragments:
            inside = para.start <= start < end <= para.end
            assert inside or (wrapped and following.start <= start < end <= following.end)
        assert quote.open_mark < quote.start
        assert quote.close_mark is None or quote.close_mark >= quote.fragments[-1][1]


@given(st.text(max_size=300))
@settings(max_examples=100, deadline=None)
def test_extraction_never_crashes_and_round_trips(nlp, text):
    from onrecord import Article, extract

    statements = extract(Article(id="x", text=text), nlp=nlp)
    assert_round_trip(text, statements)
