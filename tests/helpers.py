from __future__ import annotations

from onrecord import Article, Statement, extract
from onrecord.extraction.context import Settings


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


def parsed(nlp, rows: list[tuple[str, str, int, str]]):
    """A Doc with a parse given by hand, (word, tag, head offset, dep) per token: for the parser's slips."""
    from spacy.tokens import Doc

    words = [w for w, _, _, _ in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in {",", ".", "”"} and words[i] != "“" for i in range(len(words))]
    return Doc(nlp.vocab, words=words, spaces=spaces, tags=[t for _, t, _, _ in rows],
               heads=[i + h for i, (_, _, h, _) in enumerate(rows)], deps=[d for _, _, _, d in rows])


# The rules' statements before the learned check drops any (how the scorer is trained).
UNCHECKED = Settings(learned_check=False)
