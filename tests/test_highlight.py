"""The article page's runs: every character once, each run under the narrowest statement covering it."""
from __future__ import annotations

from hypothesis import given, strategies as st

from onrecord.web.highlight import runs, speaker_colours


def statement(i: int, spans: list[tuple[int, int]], speaker: str | None) -> dict:
    return {"id": i, "content": {"spans": [list(s) for s in spans]}, "speaker": {"id": speaker, "name": speaker}}


@st.composite
def texts_and_statements(draw):
    text = draw(st.text(min_size=1, max_size=80))
    found = []
    for i in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        found.append(statement(i, [(start, end)], draw(st.sampled_from(["a", "b", None]))))
    return text, found


@given(texts_and_statements())
def test_runs_cover_the_text_once_and_pick_the_narrowest_statement(case):
    text, found = case
    cut = runs(text, found)
    assert "".join(r.text for r in cut) == text
    for run in cut:
        assert text[run.start:run.start + len(run.text)] == run.text
        covering = [s for s in found for a, b in s["content"]["spans"] if a <= run.start and run.start + len(run.text) <= b]
        if run.statement is None:
            assert not covering
        else:
            widths = [b - a for s in covering for a, b in s["content"]["spans"]]
            chosen = [b - a for a, b in run.statement["content"]["spans"]]
            assert min(chosen) == min(widths)


def test_a_quote_inside_a_reported_clause_keeps_both_and_colours_by_speaker():
    text = 'He said the plan would "fail badly" soon.'
    outer = statement(1, [(8, 40)], "ann")
    inner = statement(2, [(23, 35)], "bob")
    cut = runs(text, [outer, inner])
    assert [(r.text, r.statement and r.statement["id"]) for r in cut] == [
        ("He said ", None), ("the plan would ", 1), ('"fail badly"', 2), (" soon", 1), (".", None)]
    assert speaker_colours([outer, inner]) == {"ann": 0, "bob": 1}
