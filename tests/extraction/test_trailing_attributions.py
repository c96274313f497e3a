"""An attribution trailing its quote: '"...," X said', '"...," warned X', any verb after a quote."""
from __future__ import annotations

from helpers import UNCHECKED, find, statements_of


def test_attribution_after_quote(nlp):
    text = "“We have run out of beds,” the hospital director Anna Berg said on Monday."
    s = find(statements_of(text, nlp), "We have run out of beds")
    assert s.type == "direct" and s.speaker.name == "Anna Berg"
    assert s.text == "“We have run out of beds,”"


def test_attribution_with_inverted_subject(nlp):
    text = "“Prices will keep rising,” warned Tom Hale, an economist at the bank."
    s = find(statements_of(text, nlp), "Prices will keep rising")
    assert s.type == "direct" and s.speaker.name == "Tom Hale" and s.cue.text == "warned"


def test_any_verb_trailing_a_quote_is_its_cue(nlp):
    text = "The council met on Monday.\n\n“This is the best day of my life,” Tom Weller beamed as the results came in."
    s = find(statements_of(text, nlp), "the best day of my life")
    assert s.type == "direct" and s.cue.text == "beamed" and s.speaker.name == "Tom Weller"
    assert s.text == "“This is the best day of my life,”"


def test_a_question_needs_a_speech_verb_after_it(nlp):
    text = "The council met on Monday.\n\n“Who will pay for all of this?” The crowd applauded loudly."
    assert not [s for s in statements_of(text, nlp) if "Who will pay" in s.text and s.cue is not None]


def test_trailing_attribution_stays_in_the_quote_s_paragraph(nlp):
    from onrecord.extraction import find_statements

    doc = nlp("Supporters lined the street.\n\n“Four more years, four more years,”\n\nThe crowd cheered as the mayor arrived.")
    assert not [s for s in find_statements(doc, settings=UNCHECKED) if s.cue is not None and s.cue.text == "cheered"]


def test_a_comma_after_the_closing_mark_or_in_brackets_closes_the_quote_as_one_inside_would(nlp):
    text = ('The debate goes on.\n\n"Harris can probably rest easy that despite the renewed debate", Andy Martin opines, '
            '"she will not be blocked."\n\n"We feel that bringing the buffalo back is going to heal us[,]" Crystal '
            "C'Bearing of the Northern Arapaho tribal historic preservation office told those gathered.")
    statements = statements_of(text, nlp)
    assert find(statements, "rest easy").speaker.name == "Andy Martin"
    assert find(statements, "heal us").speaker.name == "Crystal C'Bearing"


def test_a_speech_verb_after_a_name_beats_a_noun_the_tagger_read_as_a_verb(nlp):
    # "coach" is tagged as a verb with "Caloundra" as its subject
    text = 'The team drew again.\n\n"I am [pretty happy with that]", Caloundra coach Geoff Ingram said.'
    s = find(statements_of(text, nlp), "pretty happy")
    assert s.speaker.name == "Geoff Ingram" and s.cue.text == "said"


def test_a_document_after_a_quote_and_its_comma_reads_it_and_its_issuer_speaks(nlp):
    # Wikinews, 2019 (CC BY 2.5), shortened: "read" tagged as its base form, after logical punctuation
    text = ("The orange warning issued by Met Éireann applied to County Galway and starts tomorrow. Lorenzo was "
            'forecast to weaken.\n\n"Storm Lorenzo will produce significant swell, high waves and sizeable storm '
            'surges. This will lead to some coastal flooding and damage, especially along western coasts", read '
            "the warning. The warnings called for gale force winds.")
    s = find(statements_of(text, nlp), "Storm Lorenzo will produce")
    assert s.cue.text == "read" and s.speaker.mention.text == "the warning" and s.speaker.name == "Met Éireann"
