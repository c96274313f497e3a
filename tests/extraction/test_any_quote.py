"""Any quotation left over is someone's words: the verb it hangs on and that verb's subject."""
from __future__ import annotations

from helpers import find, statements_of


def test_a_quote_in_any_verb_s_phrase_is_its_subject_s(nlp):
    text = "The plane crashed on Monday. Boeing referred to the 707 involved as a “cargo plane that carried meat”."
    s = find(statements_of(text, nlp), "cargo plane")
    assert s.type == "direct" and s.speaker.name == "Boeing" and s.cue.text == "referred"


def test_the_verb_the_quote_hangs_on_not_the_main_verb(nlp):
    text = "Kevin was drifting off, and as Mary Lee went on about “how the whole system is rigged,” Tom Fox said yes."
    s = find(statements_of(text, nlp), "system is rigged")
    assert s.speaker.name == "Mary Lee"


def test_a_second_quote_runs_on_the_statement_of_its_verb(nlp):
    text = "Ann Fox claimed that fraud is “a big, big problem in this country” but “nobody has the guts to talk about it.”"
    statements = [s for s in statements_of(text, nlp) if "guts" in s.text]
    assert len(statements) == 1 and "a big, big problem" in statements[0].text
    assert statements[0].speaker.name == "Ann Fox" and len(statements[0].spans) == 1


def test_a_quoted_title_stays_out(nlp):
    text = "Mike Pence said on CNN's “State of the Union.” that the plan would pass."
    assert not [s for s in statements_of(text, nlp) if s.type == "direct" and s.speech]


def test_in_an_interview_answer_i_and_unattributed_quotes_are_the_answerer_s(nlp):
    text = ("Dorsa Derakhshani spoke to Wikinews.\n\n((WN)) What did they tell you?\n\n"
            "((Dorsa Derakhshani)) I said “I will not play for a federation that treats us like this.”\n\n"
            "((WN)) And then?\n\n((Dorsa Derakhshani)) Well, “no federation is perfect, but this one is the worst.”")
    statements = statements_of(text, nlp)
    assert find(statements, "will not play").speaker.name == "Dorsa Derakhshani"
    assert find(statements, "no federation is perfect").speaker.name == "Dorsa Derakhshani"


def test_you_in_the_interviewer_s_question_is_the_one_answering(nlp):
    text = ("Adam Kokesh spoke to Wikinews.\n\n((WN)) On your website you state “American troops abroad will "
            "be brought home in an orderly manner.” Why?\n\n((Adam Kokesh)) Because the wars cost too much.")
    assert find(statements_of(text, nlp), "troops abroad").speaker.name == "Adam Kokesh"


def test_where_only_the_questions_are_turns_you_is_the_one_the_lead_is_about(nlp):
    # a dateline first, then the lead; the answers carry no "((Name))" of their own
    text = ("Saturday, September 7, 2019\n\n\nAdam Kokesh, a candidate for the nomination, spoke with Wikinews "
            "about his campaign.\n\n((WN)) Why did you join the party?\n\n((WN)) On your website you state "
            "“American troops abroad will be brought home in an orderly manner.” What does that mean?")
    assert find(statements_of(text, nlp), "troops abroad").speaker.name == "Adam Kokesh"


def test_a_word_or_two_a_speaker_applies_to_something_is_their_statement(nlp):
    text = ("Iran's fleet is ageing. Boeing referred to the 707 involved as a “cargo plane”. "
            "Richard Stallman said he could not say anything about “software-as-a-service” at all.")
    statements = statements_of(text, nlp)
    assert find(statements, "cargo plane").speaker.name == "Boeing"
    assert not [s for s in statements if s.type == "direct" and "software" in s.text]


def test_a_verb_right_after_a_name_brings_a_quote_the_parser_lost(nlp):
    # Two sentences of a Wikinews article (CC BY 2.5, https://en.wikinews.org, July 2020): the parser
    # hangs "called" under the quoted word, so no verb stands above the quote
    text = 'Stone had been found guilty of several crimes. Trump called Stone\'s 40 month sentence "unjust."\n'
    s = find(statements_of(text, nlp), "unjust")
    assert s.speaker.mention.text == "Trump" and s.cue.text == "called"


def test_a_quoted_judgement_of_a_word_or_two_is_a_statement_but_a_quoted_modifier_is_not(nlp):
    text = ("Darcy Richardson has since reconciled with the candidate and remains “fully committed” to the campaign. "
            "Many shops offered “furry” versions of traditional products.")
    statements = statements_of(text, nlp)
    assert find(statements, "fully committed").speaker.name == "Darcy Richardson"
    assert not [s for s in statements if "furry" in s.text and s.speech]

