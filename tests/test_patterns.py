"""Each pattern extraction must handle, on texts written for the test."""
from __future__ import annotations

import pytest

from helpers import assert_round_trip, find, statements_of


@pytest.mark.parametrize(
    "text,words",
    [
        ('Maria Lopez said: "The bridge will reopen in May."', "The bridge will reopen in May."),
        ("Maria Lopez said: “The bridge will reopen in May.”", "The bridge will reopen in May."),
        ("Maria Lopez said: ‘The bridge will reopen in May.’", "The bridge will reopen in May."),
        ("Maria Lopez said: «The bridge will reopen in May.»", "The bridge will reopen in May."),
        ("Maria Lopez said: 'The bridge will reopen in May.'", "The bridge will reopen in May."),
    ],
)
def test_quotation_marks(nlp, text, words):
    statements = statements_of(text, nlp)
    s = find(statements, words)
    assert s.type == "direct" and s.speaker.name == "Maria Lopez" and s.cue.text == "said:"
    assert s.text == text[len("Maria Lopez said: "):]  # the quotation with its marks, as PolNeAR marks it
    assert_round_trip(text, statements)


def test_attribution_after_quote(nlp):
    text = "“We have run out of beds,” the hospital director Anna Berg said on Monday."
    s = find(statements_of(text, nlp), "We have run out of beds")
    assert s.type == "direct" and s.speaker.name == "Anna Berg"
    assert s.text == "“We have run out of beds,”"


def test_attribution_with_inverted_subject(nlp):
    text = "“Prices will keep rising,” warned Tom Hale, an economist at the bank."
    s = find(statements_of(text, nlp), "Prices will keep rising")
    assert s.type == "direct" and s.speaker.name == "Tom Hale" and s.cue.text == "warned"


def test_quote_interrupted_by_attribution_has_two_spans(nlp):
    text = "“The vote was close,” Peter Mills said, “but the result is clear and we accept it.”"
    statements = statements_of(text, nlp)
    s = find(statements, "The vote was close")
    assert len(s.spans) == 2
    assert "the result is clear" in s.text
    assert s.speaker.name == "Peter Mills"
    assert_round_trip(text, statements)


@pytest.mark.parametrize("verb", ["told reporters", "added", "warned", "emphasized", "insisted", "revealed", "explained", "stressed"])
def test_cue_verbs_beyond_said(nlp, verb):
    text = f"The plan is finished and nobody will revive it, Laura Kim {verb}."
    s = find(statements_of(text, nlp), "The plan is finished")
    assert s.speaker.name == "Laura Kim" and s.type == "indirect"
    assert s.cue.text == verb.split()[0]


def test_according_to(nlp):
    text = "According to the Federal Aviation Administration, the airport will close for two days."
    s = find(statements_of(text, nlp), "the airport will close for two days")
    assert s.type == "indirect"
    assert s.cue.text == "According to"
    assert s.speaker.name == "Federal Aviation Administration" and s.speaker.kind == "organization"


def test_quote_over_several_paragraphs_and_floating_paragraph(nlp):
    text = (
        "Defence Secretary John Rowe said: “The fleet is ready. We have trained for this.\n\n"
        "“Our sailors know what is at stake and they will not be found wanting.\n\n"
        "“Nobody should doubt our resolve in the weeks to come.”\n\n"
        "The ministry did not give a date.\n"
    )
    statements = statements_of(text, nlp)
    for words in ["The fleet is ready", "Our sailors know what is at stake", "Nobody should doubt our resolve"]:
        s = find(statements, words)
        assert s.type == "direct" and s.speaker.name == "John Rowe", words
    assert not [s for s in statements if "did not give a date" in s.text]
    assert_round_trip(text, statements)


def test_floating_quote_paragraph_after_indirect_statement(nlp):
    text = (
        "Mayor Ellen Ward said on Monday that the parks would stay open all winter.\n\n"
        "“Fresh air is good for every one of us, and we will keep the gates open.”\n"
    )
    s = find(statements_of(text, nlp), "Fresh air is good")
    assert s.type == "direct" and s.speaker.name == "Ellen Ward"


def test_unbalanced_quote_does_not_swallow_the_article(nlp):
    text = (
        "Sam Ortiz said: “We will appeal the ruling. “It is unjust and we will win.\n\n"
        "The court adjourned until Thursday.\n\n"
        "Lawyers for the city declined to comment on the case.\n"
    )
    statements = statements_of(text, nlp)
    s = find(statements, "We will appeal the ruling")
    assert "It is unjust" in s.text and s.speaker.name == "Sam Ortiz"
    assert not [x for x in statements if "adjourned" in x.text]
    assert_round_trip(text, statements)


def test_mixed_quote(nlp):
    text = "The senator Jane Doe said the bill was “a betrayal of working families” and vowed to vote against it."
    s = find(statements_of(text, nlp), "a betrayal of working families")
    assert s.type == "mixed"
    assert s.text.startswith("the bill was")
    assert s.speaker.name == "Jane Doe"


def test_indirect_speech_with_that(nlp):
    text = "Robert Chen announced that the factory would hire 300 workers next year."
    s = find(statements_of(text, nlp), "the factory would hire 300 workers")
    assert s.type == "indirect" and s.speaker.name == "Robert Chen" and s.cue.text == "announced"


def test_surname_resolves_to_full_name(nlp):
    text = (
        "Olivia Grant, the head of the union, met the minister on Tuesday.\n\n"
        "Grant said the talks had failed and a strike would begin next week.\n"
    )
    s = find(statements_of(text, nlp), "the talks had failed")
    assert s.speaker.name == "Olivia Grant" and s.speaker.mention.text == "Grant"


def test_two_people_sharing_a_surname_are_not_merged(nlp):
    text = (
        "Imran Malik arrived first.\n\n"
        "Later Sara Malik said the decision was final.\n\n"
        "Malik said the family would not comment further.\n"
    )
    statements = statements_of(text, nlp)
    assert find(statements, "the decision was final").speaker.name == "Sara Malik"
    assert find(statements, "the family would not comment").speaker.name == "Sara Malik"


def test_pronoun_resolves_to_recent_person(nlp):
    text = (
        "Lucy Park has led the charity for ten years.\n\n"
        "On Friday she said the charity would open three new shelters.\n"
    )
    s = find(statements_of(text, nlp), "the charity would open three new shelters")
    assert s.speaker.name == "Lucy Park" and s.speaker.mention.text == "she"


def test_pronoun_respects_gender_known_from_titles(nlp):
    text = (
        "Mrs Helen Ford spoke first, and Mr David Cole followed her.\n\n"
        "She said the plan had her full support.\n"
    )
    s = find(statements_of(text, nlp), "the plan had her full support")
    assert s.speaker.name == "Helen Ford"


def test_role_description_through_apposition(nlp):
    text = (
        "Keir Starmer, the Labour leader, visited Leeds on Monday.\n\n"
        "Rain fell all day in the city.\n\n"
        "The Labour leader said the railway would be rebuilt.\n"
    )
    s = find(statements_of(text, nlp), "the railway would be rebuilt")
    assert s.speaker.name == "Keir Starmer" and s.speaker.mention.text == "The Labour leader"


def test_role_description_through_title(nlp):
    text = (
        "London mayor Sadiq Khan opened the new station on Monday.\n\n"
        "Trains will run every five minutes.\n\n"
        "The mayor said the line had cost less than planned.\n"
    )
    s = find(statements_of(text, nlp), "the line had cost less than planned")
    assert s.speaker.name == "Sadiq Khan"


def test_role_description_through_news_lead(nlp):
    text = (
        "Angela Ruiz has called on the government to fund more teachers.\n\n"
        "In a speech on Tuesday, the Chicago mayor said classes were too large.\n"
    )
    s = find(statements_of(text, nlp), "classes were too large")
    assert s.speaker.name == "Angela Ruiz"


def test_unresolvable_description_gives_no_name(nlp):
    text = "Officials met on Monday.\n\nA spokesman said the meeting had been useful.\n"
    s = find(statements_of(text, nlp), "the meeting had been useful")
    assert s.speaker.name is None and s.speaker.kind == "person"


def test_organisation_source(nlp):
    text = "The company will cut 200 jobs in Ohio, the Wall Street Journal reported on Tuesday."
    s = find(statements_of(text, nlp), "The company will cut 200 jobs")
    assert s.speaker.kind == "organization" and s.speaker.name == "Wall Street Journal"


def test_headline_and_scare_quotes_are_not_statements(nlp):
    text = (
        "Mayor says “no more delays” on bridge\n\n"
        "The so-called “smart” bridge has been closed since March.\n\n"
        "Fans of the film “Long Road Home” queued outside the cinema.\n"
    )
    assert statements_of(text, nlp) == []


def test_quote_led_by_cue_with_object_and_phrase(nlp):
    text = (
        'Expert Monica Lane told the press in a separate interview, "People have been blamed for germs '
        'regardless of what the science may say." As of Tuesday there had been new reports of harassment.'
    )
    statements = statements_of(text, nlp)
    s = find(statements, "People have been blamed for germs")
    assert s.type == "direct" and s.speaker.name == "Monica Lane" and s.cue.text == "told"
    assert not [x for x in statements if "As of Tuesday" in x.text]
    assert all(x.cue is None or x.cue.text != "say" for x in statements)  # a cue inside a quote is quoted speech


def test_pronoun_prefers_the_main_clause_subject(nlp):
    text = (
        'Health expert Wendy Parmet said naming the virus would stigmatize "the people of Wuhan who are the victims." '
        'She went on to say, "People tend to blame a place for a disease, and that is never productive."'
    )
    s = find(statements_of(text, nlp), "People tend to blame a place")
    assert s.speaker.name == "Wendy Parmet" and s.speaker.mention.text == "She"


def test_participle_without_a_clause_is_not_a_statement(nlp):
    text = "Roughly one million people marched in London on Saturday, protesting the pending exit from the union."
    assert statements_of(text, nlp) == []
