from __future__ import annotations

from onrecord import Article, Statement, extract


def statements_of(text: str, nlp) -> list[Statement]:
    return extract(Article(id="t", text=text), nlp=nlp)


def find(statements: list[Statement], words: str) -> Statement:
    matches = [s for s in statements if words in s.text]
    assert matches, f"no statement contains {words!r}; got {[s.text for s in statements]}"
    return matches[0]


def assert_round_trip(text: str, statements: list[Statement]) -> None:
    for s in statements:
        assert " ".join(text[a:b] for a, b in s.spans) == s.text
        for a, b in s.spans:
            assert 0 <= a < b <= len(text)
        if s.cue:
            assert text[s.cue.start:s.cue.end] == s.cue.text
        if s.speaker.mention:
            m = s.speaker.mention
            assert text[m.start:m.end] == m.text
