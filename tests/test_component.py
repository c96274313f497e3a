"""onrecord as a spaCy pipeline component."""
from __future__ import annotations

import spacy

import onrecord  # noqa: F401  (registers the factory)
from onrecord.extraction.pipeline import load_model_name


def test_add_pipe_sets_statements_on_the_doc():
    nlp = spacy.load(load_model_name())
    nlp.add_pipe("onrecord")
    doc = nlp("“We will rebuild the school,” Hannah Moss said on Friday.")
    [statement] = doc._.statements
    assert statement.speaker.name == "Hannah Moss" and statement.type == "direct"
    assert doc.text[statement.start:statement.end] == "“We will rebuild the school,”"  # marks included


def test_pipe_streams_many_documents(nlp):
    texts = ["Peter Mills said the road would open.", "Nothing was said here.", "Ann Lee said: “It works.”"]
    docs = list(nlp.pipe(texts))
    assert [len(d._.statements) for d in docs] == [1, 0, 1]
