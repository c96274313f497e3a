"""onrecord as spaCy pipeline components: registered, versioned, configured like any other."""
from __future__ import annotations

import subprocess
import sys

import spacy

from onrecord.extraction.context import Settings
from onrecord.extraction.pipeline import STATEMENTS_CONFIG, load_model_name, load_pipeline


def test_add_pipe_sets_statements_on_the_doc():
    nlp = spacy.load(load_model_name())
    nlp.add_pipe("onrecord")
    doc = nlp("“We will rebuild the school,” Hannah Moss said on Friday.")
    [statement] = doc._.statements
    assert statement.speaker.name == "Hannah Moss" and statement.type == "direct"
    assert doc.text[statement.start:statement.end] == "“We will rebuild the school,”"  # marks included


def test_spacy_finds_the_components_by_entry_point_without_importing_onrecord():
    code = ("import spacy, sys\n"
            f"nlp = spacy.load({load_model_name()!r})\n"
            "nlp.add_pipe('onrecord_paragraphs_v1', before='parser')\n"
            "nlp.add_pipe('onrecord_statements_v1', config={'learned_check': False})\n"
            "print(nlp.get_pipe_config('onrecord_statements_v1')['learned_check'], "
            "len(nlp('Ann Lee said the road would open.')._.statements))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "1"]


def test_config_defaults_are_the_settings_and_a_config_changes_what_is_found():
    assert STATEMENTS_CONFIG == {name: getattr(Settings(), name) for name in Settings.__dataclass_fields__}
    text = "Voters heard Trump's claim that the election was rigged against him."
    [claim] = load_pipeline()(text)._.statements
    assert claim.cue.text == "claim" and claim.speaker.name == "Trump"
    for config in ({"noun_cues": False}, {"noun_cue_threshold": 0.99}):
        nlp = load_pipeline(**config)
        assert nlp.get_pipe_config("onrecord") | config == nlp.get_pipe_config("onrecord")
        assert nlp(text)._.statements == []


def test_pipe_streams_many_documents(nlp):
    texts = ["Peter Mills said the road would open.", "Nothing was said here.", "Ann Lee said: “It works.”"]
    docs = list(nlp.pipe(texts))
    assert [len(d._.statements) for d in docs] == [1, 0, 1]


def test_an_article_longer_than_the_parser_takes_fails_alone_and_the_rest_go_on(nlp):
    from onrecord.extraction.pipeline import extract_articles
    from onrecord.model import Article

    short = Article(id="short", text="Tom Hale said the plan would fail.")
    long = Article(id="long", text="Ann Cole said the vote was close. " * 4)
    saved = nlp.max_length
    nlp.max_length = 100  # spaCy would raise E088 for "long" and end the batch
    try:
        found = {f.article.id: f for f in extract_articles([short, long, short], nlp=nlp)}
    finally:
        nlp.max_length = saved
    assert found["long"].error == "article is 136 characters, over the parser's limit of 100"
    assert found["long"].statements == [] and found["short"].error is None and len(found["short"].statements) == 1


def test_the_cli_raises_the_parsers_limit_to_max_chars(tmp_path):
    from cli_helpers import invoke
    from onrecord.extraction.pipeline import load_pipeline

    result = invoke("extract", "-", "--max-chars", "3000000", input=b"Tom Hale said the plan would fail.")
    assert result.exit_code == 0 and load_pipeline().max_length >= 3_000_000


def test_a_long_run_of_marks_is_blanked_before_the_tokenizer_and_offsets_hold(nlp):
    # the tokenizer's time grows with the square of a run of marks: 100,000 quotation marks took minutes
    from onrecord.extraction.pipeline import MAX_PUNCTUATION_RUN, extract, parse_text
    from onrecord.model import Article

    text = 'Tom Hale said the plan would fail. ' + '"' * 100_000 + "\n" + "=" * 40 + "\nAnn Cole said rates would rise."
    seen = parse_text(Article(id="marks", text=text))
    assert len(seen) == len(text) and seen.count('"') == MAX_PUNCTUATION_RUN and "=" * 40 in seen
    assert len(nlp.make_doc(seen)) < 200  # not one token per mark of 100,000
    statements = extract(Article(id="marks", text=text), nlp=nlp)
    assert sorted(s.speaker.name for s in statements) == ["Ann Cole", "Tom Hale"]
    assert all(text[a:b] in s.text for s in statements for a, b in s.spans)  # offsets index the original
