"""Who the source is when the parser slips."""
from __future__ import annotations

from helpers import UNCHECKED, find, parsed, statements_of


def test_subject_inside_the_quote_is_not_the_speaker(nlp):
    text = "“Full panic mode is where the campaign is now,” said Leslie Wimes, a party organiser."
    s = find(statements_of(text, nlp), "Full panic mode")
    assert s.speaker.name == "Leslie Wimes"


def test_a_name_in_apposition_to_a_reflexive_subject_is_the_speaker(nlp):
    # "itself" parsed as the subject, the name as its apposition
    text = ("Ford Motor Company said it would cooperate. In the filing itself Ford also made this point, "
            "writing “We are fully cooperating with all government agencies.”")
    s = find(statements_of(text, nlp), "fully cooperating")
    assert s.speaker.name == "Ford Motor Company"


def test_a_person_named_right_before_the_verb_is_the_subject_the_parser_hung_elsewhere(nlp):
    # "Imus" parsed as the subject's head, the name as a conjunct of "writer"
    text = ("Longtime Imus in the Morning writer and performer Rob Bartlett tweeted: “He was a rebel, an "
            "unapologetic critic of human behavior.”")
    s = find(statements_of(text, nlp), "He was a rebel")
    assert s.speaker.name == "Rob Bartlett"


def test_speaker_named_before_a_trailing_cue_with_an_interview(nlp):
    text = ("\"He would be a great senator. Not good, great. One of the brightest members of the entire "
            "Congress,\" Rep. Elijah E. Cummings (D-Md.) said in a phone interview.")
    s = find(statements_of(text, nlp), "great senator")
    assert s.speaker.name == "Elijah E. Cummings"


def test_speaker_after_said_when_the_parser_hangs_it_elsewhere():
    from onrecord.extraction import find_statements
    from onrecord.extraction.pipeline import load_pipeline

    # '"We lost," said Robert Reich, who chairs it.' with "Reich" parsed as the subject of "chairs".
    doc = parsed(load_pipeline(), [
        ("“", "``", 2, "punct"), ("We", "PRP", 1, "nsubj"), ("lost", "VBD", 3, "ccomp"), (",", ",", 2, "punct"),
        ("”", "''", 1, "punct"), ("said", "VBD", 0, "ROOT"), ("Robert", "NNP", 1, "compound"),
        ("Reich", "NNP", 3, "nsubj"), (",", ",", -1, "punct"), ("who", "WP", 1, "nsubj"),
        ("chairs", "VBZ", -5, "ccomp"), ("it", "PRP", -1, "dobj"), (".", ".", -7, "punct"),
    ])
    [s] = find_statements(doc)
    assert s.type == "direct" and s.speaker.mention.text == "Robert Reich"


def test_subject_before_a_cue_the_parser_left_without_one():
    from onrecord.extraction import find_statements
    from onrecord.extraction.pipeline import load_pipeline

    # "Ana Ruiz, the leader, said it failed." with "Ruiz" hung on nothing the cue can see.
    doc = parsed(load_pipeline(), [
        ("Ana", "NNP", 1, "compound"), ("Ruiz", "NNP", 5, "npadvmod"), (",", ",", -1, "punct"),
        ("the", "DT", 1, "det"), ("leader", "NN", -3, "appos"), (",", ",", -4, "punct"),
        ("said", "VBD", 0, "ROOT"), ("it", "PRP", 1, "nsubj"), ("failed", "VBD", -2, "ccomp"), (".", ".", -3, "punct"),
    ])
    [s] = find_statements(doc)
    assert s.speaker.mention.text.startswith("Ana Ruiz") and s.text == "it failed"


def test_cue_after_a_participle_phrase_takes_the_participle_s_subject(nlp):
    from onrecord.extraction import find_statements

    # The parser hangs "chanted" on "marching"; the noun right before it is "streets".
    text = 'Protesters marching through the streets chanted "What curfew is this?" and kept going until 2 a.m.'
    s = find(find_statements(nlp(text), settings=UNCHECKED), "What curfew")
    assert s.speaker.mention.text == "Protesters" and s.cue.text == "chanted"


def test_participle_after_a_reported_clause_belongs_to_the_teller(nlp):
    from onrecord.extraction import find_statements

    text = "Warren told reporters that she thinks the bank failed its workers, saying that “the rot starts at the top” of the company."
    s = find(find_statements(nlp(text), settings=UNCHECKED), "the rot starts at the top")
    assert s.cue.text == "saying" and s.speaker.mention.text == "Warren"


def test_participle_right_after_a_name_is_that_person_s(nlp):
    from onrecord.extraction import find_statements

    text = "The ad uses footage of Hillary Clinton asking, “Why aren’t I fifty points ahead, you might ask?”"
    s = find(find_statements(nlp(text), settings=UNCHECKED), "fifty points ahead")
    assert s.cue.text == "asking" and s.speaker.mention.text == "Hillary Clinton"


def test_a_passive_verbs_by_phrase_hung_on_a_noun_is_its_agent(nlp):
    from onrecord.extraction import find_statements

    text = 'The outbreak was declared to be a "global emergency" by the World Health Organization.\n'
    s = find(find_statements(nlp(text), settings=UNCHECKED), "global emergency")
    assert s.speaker.name == "World Health Organization"


def test_a_participle_with_its_agent_is_a_cue(nlp):
    from onrecord.extraction import find_statements

    text = 'The ferry left at dawn, in weather described by the Harbour Gazette as "wild and frankly dangerous".\n'
    s = find(find_statements(nlp(text), settings=UNCHECKED), "wild and frankly dangerous")
    assert s.speaker.name == "Harbour Gazette" and s.cue.text.startswith("described")


def test_a_verb_with_an_object_hung_on_a_noun_is_the_sentence_verb_of_the_participle_s_subject(nlp):
    # Wikinews, 2020 (CC BY 2.5): "speaking" parsed as the main verb, "called" as naming the think tank
    text = ('On Tuesday, Greek prime minister Kyriakos Mitsotakis speaking to the Atlantic Council think tank '
            'called the border agreement "null and void" and "geographically ridiculous".')
    s = find(statements_of(text, nlp), "null and void")
    assert s.cue.text == "called" and s.speaker.name == "Kyriakos Mitsotakis"
    assert s.text == 'the border agreement "null and void" and "geographically ridiculous"'


def test_a_group_called_by_a_quoted_name_names_nobody(nlp):
    text = 'The rally was run by a group called the "We The People Foundation" from Texas.'
    assert not any(s.speaker.name for s in statements_of(text, nlp))


def test_a_body_right_before_a_subjectless_participle_is_not_who_says_it(nlp):
    # Wikinews, 2021 (CC BY 2.5)
    text = ('Dorsa Derakhshani decided not to play for the Iranian Chess Federation saying "it wasn\'t a good fit" '
            'for her.')
    s = find(statements_of(text, nlp), "a good fit")
    assert s.cue.text == "saying" and s.speaker.name == "Dorsa Derakhshani"


def test_a_name_in_apposition_to_a_quoted_noun_is_the_subject_of_the_verb_after_it(nlp):
    # Wikinews, 2019 (CC BY 2.5): the parser hangs the name and its description on "apology", and
    # "told" has no subject
    text = ('Calling it as "just another apology", Anna Franowska of "Have no fear", an abuse victim support '
            'charity, told Reuters "it almost appears as if the statement was prepared before the church '
            'officials saw the movie".')
    s = find(statements_of(text, nlp), "it almost appears")
    assert s.cue.text == "told" and s.speaker.name == "Anna Franowska"


def test_a_speech_verb_joined_to_the_reported_clause_is_the_tellers_second_report(nlp):
    # Wikinews, 2020 (CC BY 2.5): "said" parsed as coordinated with "was", as if the vaccine said it
    text = ('Donald Trump met voters in Ohio on Monday. He claimed a vaccine was near and said people are '
            '"learning to live" with the virus.')
    statements = statements_of(text, nlp)
    claimed, said = find(statements, "a vaccine was near"), find(statements, "learning to live")
    assert said.cue.text == "said" and said.speaker.name == "Donald Trump"
    assert claimed.text == "a vaccine was near"


def test_a_campus_closing_the_speakers_affiliation_is_not_the_subject(nlp):
    # Wikinews, 2019 (CC BY 2.5), shortened: "Los Angeles" parsed as the subject, "disagreed" hung on the name
    text = ("Jo Anne Van Tilburg of the University of California, Los Angeles disagreed with these findings: "
            '"The existence of fresh water seeps near coastal ahu is well-known."')
    s = find(statements_of(text, nlp), "fresh water seeps")
    assert s.speaker.name == "Jo Anne Van Tilburg"
    assert s.speaker.mention.text == "Jo Anne Van Tilburg of the University of California"


def test_a_document_handed_on_with_its_author_named_is_the_authors(nlp):
    # Wikinews, 2019 (CC BY 2.5), shortened: the palace issues it, the king speaks
    text = ("Thai Raksa Chart Party withdrew Princess Ubolratana Mahidol as its candidate after a statement from "
            "her younger brother, King Maha Vajiralongkorn.\n\n"
            'The palace issued the following statement from the king: "Even though she relinquished her title '
            'according to royal laws, she still retains her status as a member of the Chakri dynasty."')
    s = find(statements_of(text, nlp), "relinquished her title")
    assert s.speaker.mention.text == "the king" and s.speaker.name == "Maha Vajiralongkorn"
