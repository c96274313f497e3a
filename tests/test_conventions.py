"""Spans as PolNeAR marks them, and the cue verbs learned from its train split."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import assert_round_trip, find, statements_of
from onrecord.extraction.cue_table import CueTable, count_cues, cue_table, frame_of


def test_two_apostrophes_are_a_quotation_mark(nlp):
    text = "''We will not back down from this fight,'' Mr. Hale said. ''Not now, not ever.''"
    statements = statements_of(text, nlp)
    s = find(statements, "We will not back down")
    assert s.type == "direct" and s.speaker.name == "Hale"
    assert s.spans[0] == (0, text.index(" Mr.")) and "''Not now, not ever.''" in s.text
    assert_round_trip(text, statements)


def test_quote_signed_with_a_dash(nlp):
    text = "Readers wrote to us.\n\n“We need better schools for our children.” ― Ana Ruiz\n\n“Nobody listens to us.” ― Jorge Falcon\n"
    statements = statements_of(text, nlp)
    first, second = find(statements, "better schools"), find(statements, "Nobody listens")
    assert (first.speaker.name, first.cue.text) == ("Ana Ruiz", "―")
    assert second.speaker.name == "Jorge Falcon"
    assert_round_trip(text, statements)


def test_paragraph_opened_by_a_closing_mark_is_a_quote(nlp):
    text = "Readers wrote to us.\n\n”Fear. I am truly afraid of what comes next for my family.” ― Edwin Monroy\n"
    statements = statements_of(text, nlp)
    s = find(statements, "I am truly afraid")
    assert s.speaker.name == "Edwin Monroy" and s.text.startswith("”Fear.")
    assert_round_trip(text, statements)


def test_signed_paragraph_is_one_statement_whatever_its_inner_marks(nlp):
    text = ("Readers wrote to us.\n\n“As a young woman, I’d rather live in what he calls “hell” than live in a world "
            "where he is president.” ― Adriana Rodarte\n")
    statements = statements_of(text, nlp)
    s = find(statements, "As a young woman")
    assert s.speaker.name == "Adriana Rodarte" and s.cue.text == "―"
    assert s.text.endswith("he is president.”") and "hell" in s.text
    assert [t.speaker.name for t in statements] == ["Adriana Rodarte"]  # "he calls" inside it is not a statement
    assert_round_trip(text, statements)


def test_cue_in_the_sentence_after_a_question(nlp):
    text = "The hearing grew tense.\n\n“Why does nobody ask the workers what they think?” Senator Vitter demanded.\n"
    s = find(statements_of(text, nlp), "Why does nobody ask the workers")
    assert s.type == "direct" and s.speaker.name == "Vitter" and s.cue.text == "demanded"


def test_quote_after_the_attribution_sentence_joins_it(nlp):
    text = "“The budget is balanced,” said Karen Liu, the city treasurer. “We owe nothing to anyone.”"
    statements = statements_of(text, nlp)
    s = find(statements, "The budget is balanced")
    assert len(s.spans) == 2 and "We owe nothing" in s.text
    assert s.speaker.name == "Karen Liu" and s.speaker.mention.text == "Karen Liu, the city treasurer"
    assert_round_trip(text, statements)


def test_cue_phrase_keeps_auxiliaries_and_adverbs(nlp):
    text = "The mayor has also said that the tram will run on Sundays."
    s = find(statements_of(text, nlp), "the tram will run")
    assert s.cue.text == "has also said"
    assert s.text == "that the tram will run on Sundays"


def test_source_mention_keeps_its_of_and_for_phrases(nlp):
    text = "A spokeswoman for the city council said the road would close for a week."
    s = find(statements_of(text, nlp), "the road would close")
    assert s.speaker.mention.text == "A spokeswoman for the city council"


def test_focus_adverb_before_that_is_not_content(nlp):
    text = "The minister said only that the talks would continue next week."
    s = find(statements_of(text, nlp), "the talks would continue")
    assert s.text == "that the talks would continue next week"


def test_subject_inside_the_quote_is_not_the_speaker(nlp):
    text = "“Full panic mode is where the campaign is now,” said Leslie Wimes, a party organiser."
    s = find(statements_of(text, nlp), "Full panic mode")
    assert s.speaker.name == "Leslie Wimes"


def test_learned_cue_beyond_speech_is_marked(nlp):
    text = "Researchers found that the river was cleaner than it had been a decade ago."
    s = find(statements_of(text, nlp), "the river was cleaner")
    assert s.type == "indirect" and s.cue.text == "found" and s.speech is False


def test_preposition_frame(nlp):
    text = "The governor complained about the new tax rules during a radio interview."
    s = find(statements_of(text, nlp), "the new tax rules")
    assert s.cue.text == "complained about" and s.text == "the new tax rules" and s.speech is True


def test_extract_shows_speech_unless_asked_for_all(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Researchers found that the river was cleaner than before. "
                       "Mayor Ann Fox said the beach would open in June.\n", encoding="utf-8")

    def run(*flags: str) -> list[dict]:
        out = subprocess.run([sys.executable, "-m", "onrecord", "extract", str(article), "--format", "jsonl", *flags],
                             capture_output=True, text=True, timeout=300, check=True).stdout
        return [json.loads(line) for line in out.splitlines()]

    assert [s["speech"] for s in run()] == [True]
    assert sorted(s["speech"] for s in run("--all-attributions")) == [False, True]


def test_cue_table_round_trips_and_smooths():
    table = CueTable({("found", "ccomp"): (30, 40), ("known", "prep:to"): (3, 6)})
    assert CueTable.from_json(table.to_json()) == table
    assert table.precision("found", "ccomp") > table.precision("known", "prep:to")
    assert table.precision("known", "prep:to") < 0.5  # 3 in 6 is weak evidence
    assert table.precision("found", "dobj") is None


def test_count_cues_over_a_parsed_text(nlp):
    text = "Police found that the door was open. Police found a key."
    doc = nlp(text)
    start = text.index("found")
    table = count_cues([(doc, [(start, start + len("found"))])], min_seen=1)
    assert table.counts[("found", "ccomp")] == (1, 1)
    assert ("found", "dobj") not in table.counts  # never a cue: not kept
    assert frame_of(doc[1]) == "ccomp"


def test_shipped_table_knows_the_common_cues():
    table = cue_table()
    assert table.precision("said", "ccomp") > 0.8
    assert table.precision("include", "dobj") < 0.2


def test_transcript_turns_are_their_speakers_statements(nlp):
    text = (
        "Mike Pence spoke to Chris Wallace on Sunday.\n\n"
        "WALLACE: Will Gennifer Flowers be at the debate tomorrow night?\n\n"
        "PENCE: Well, look, I think that is a question for the campaign to answer.\n\n"
        "UPDATE: The debate starts at nine.\n"
    )
    statements = statements_of(text, nlp)
    answer = find(statements, "a question for the campaign")
    assert answer.speaker.name == "Mike Pence" and answer.speaker.mention.text == "PENCE"
    assert answer.cue.text == ":" and answer.text.startswith("Well, look")
    assert find(statements, "Will Gennifer Flowers").speaker.mention.text == "WALLACE"
    assert not [s for s in statements if "starts at nine" in s.text]
    assert_round_trip(text, statements)


def test_cue_between_commas_inside_the_clause(nlp):
    text = "The museum, Mr. Bush said, celebrated several of his heroes."
    s = find(statements_of(text, nlp), "celebrated several")
    assert s.type == "indirect" and s.speaker.name == "Bush" and s.cue.text == "said"
    assert [text[a:b] for a, b in s.spans] == ["The museum", "celebrated several of his heroes"]


def test_speaker_named_before_a_trailing_cue_with_an_interview(nlp):
    text = ("\"He would be a great senator. Not good, great. One of the brightest members of the entire "
            "Congress,\" Rep. Elijah E. Cummings (D-Md.) said in a phone interview.")
    s = find(statements_of(text, nlp), "great senator")
    assert s.speaker.name == "Elijah E. Cummings"


def test_cue_with_a_colon_ending_its_paragraph(nlp):
    text = "Small donors are scarce this year.\n\nThe Daily Ledger reports:\n\n\"Only a quarter of the donors gave less than two hundred dollars this year.\"\n"
    s = find(statements_of(text, nlp), "Only a quarter of the donors")
    assert s.speaker.name == "The Daily Ledger" or s.speaker.mention.text == "The Daily Ledger"
    assert s.cue.text == "reports:"


def test_nested_single_quote_closing_before_the_double_mark(nlp):
    text = "\"I've always been insulted with the term 'outreach,' \" he told the group."
    statements = statements_of(text, nlp)
    s = find(statements, "always been insulted")
    assert s.spans == ((0, text.index(" he told") ),) and s.speaker.mention.text == "he"
    assert_round_trip(text, statements)


def _parsed(nlp, rows: list[tuple[str, str, int, str]]):
    """A Doc with a parse given by hand, (word, tag, head offset, dep) per token: for the parser's slips."""
    from spacy.tokens import Doc

    words = [w for w, _, _, _ in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in {",", ".", "”"} and words[i] != "“" for i in range(len(words))]
    return Doc(nlp.vocab, words=words, spaces=spaces, tags=[t for _, t, _, _ in rows],
               heads=[i + h for i, (_, _, h, _) in enumerate(rows)], deps=[d for _, _, _, d in rows])


def test_any_verb_trailing_a_quote_is_its_cue(nlp):
    text = "The council met on Monday.\n\n“This is the best day of my life,” Tom Weller beamed as the results came in."
    s = find(statements_of(text, nlp), "the best day of my life")
    assert s.type == "direct" and s.cue.text == "beamed" and s.speaker.name == "Tom Weller"
    assert s.text == "“This is the best day of my life,”"


def test_a_question_needs_a_speech_verb_after_it(nlp):
    text = "The council met on Monday.\n\n“Who will pay for all of this?” The crowd applauded loudly."
    assert not [s for s in statements_of(text, nlp) if "Who will pay" in s.text and s.cue is not None]


def test_speaker_after_said_when_the_parser_hangs_it_elsewhere():
    from onrecord.extraction.attribution import find_statements
    from onrecord.extraction.pipeline import load_pipeline

    # '"We lost," said Robert Reich, who chairs it.' with "Reich" parsed as the subject of "chairs".
    doc = _parsed(load_pipeline(), [
        ("“", "``", 2, "punct"), ("We", "PRP", 1, "nsubj"), ("lost", "VBD", 3, "ccomp"), (",", ",", 2, "punct"),
        ("”", "''", 1, "punct"), ("said", "VBD", 0, "ROOT"), ("Robert", "NNP", 1, "compound"),
        ("Reich", "NNP", 3, "nsubj"), (",", ",", -1, "punct"), ("who", "WP", 1, "nsubj"),
        ("chairs", "VBZ", -5, "ccomp"), ("it", "PRP", -1, "dobj"), (".", ".", -7, "punct"),
    ])
    [s] = find_statements(doc)
    assert s.type == "direct" and s.speaker.mention.text == "Robert Reich"


def test_subject_before_a_cue_the_parser_left_without_one():
    from onrecord.extraction.attribution import find_statements
    from onrecord.extraction.pipeline import load_pipeline

    # "Ana Ruiz, the leader, said it failed." with "Ruiz" hung on nothing the cue can see.
    doc = _parsed(load_pipeline(), [
        ("Ana", "NNP", 1, "compound"), ("Ruiz", "NNP", 5, "npadvmod"), (",", ",", -1, "punct"),
        ("the", "DT", 1, "det"), ("leader", "NN", -3, "appos"), (",", ",", -4, "punct"),
        ("said", "VBD", 0, "ROOT"), ("it", "PRP", 1, "nsubj"), ("failed", "VBD", -2, "ccomp"), (".", ".", -3, "punct"),
    ])
    [s] = find_statements(doc)
    assert s.speaker.mention.text.startswith("Ana Ruiz") and s.text == "it failed"


def test_verb_with_two_clauses_reports_the_one_after_it():
    from onrecord.extraction.attribution import find_statements
    from onrecord.extraction.pipeline import load_pipeline

    # "While funding mattered, Ham noted morale fell." with "mattered" misparsed as a second ccomp of "noted".
    doc = _parsed(load_pipeline(), [
        ("While", "IN", 2, "mark"), ("funding", "NN", 1, "nsubj"), ("mattered", "VBD", 3, "ccomp"), (",", ",", 2, "punct"),
        ("Ham", "NNP", 1, "nsubj"), ("noted", "VBD", 0, "ROOT"), ("morale", "NN", 1, "nsubj"), ("fell", "VBD", -2, "ccomp"),
        (".", ".", -3, "punct"),
    ])
    statements = find_statements(doc, learned_check=False)
    assert [(s.cue.text, s.text) for s in statements] == [("noted", "morale fell")]


def test_scorer_learns_which_features_mark_a_statement():
    from onrecord.extraction.scorer import StatementScorer, fit

    rows = [["type=direct", "named=True"]] * 30 + [["type=indirect", "named=False"]] * 30 + [["type=direct", "named=False"]] * 10
    labels = [True] * 30 + [False] * 30 + [True, False] * 5
    scorer = fit(rows, labels, l2=1.0, threshold=0.5)
    assert scorer.probability(["type=direct", "named=True"]) > 0.8 > 0.2 > scorer.probability(["type=indirect", "named=False"])
    assert StatementScorer.from_json(scorer.to_json()).probability(["type=direct"]) == pytest.approx(
        scorer.probability(["type=direct"]), abs=1e-3)


def test_scorer_sees_a_report_nested_in_another_s_clause(nlp):
    from onrecord.extraction.attribution import find_statements
    from onrecord.extraction.scorer import features

    doc = nlp("Trump said that Clinton once described the trade deal as the gold standard of trade deals.")
    statements = find_statements(doc, learned_check=False)
    [outer] = [s for s in statements if s.cue.text == "said"]
    [inner] = [s for s in statements if s.cue.text == "described"]
    assert "nested=no" in features(outer, doc, statements)
    assert f"nested={outer.type}" in features(inner, doc, statements)


def test_learned_check_only_drops_statements(nlp):
    from onrecord.extraction.attribution import find_statements

    doc = nlp("The mayor said the tram will run on Sundays. “It is about time,” one rider wrote.")
    everything = find_statements(doc, learned_check=False)
    assert all(s in everything for s in find_statements(doc))


def test_verb_whose_object_holds_a_quote_is_a_candidate(nlp):
    from onrecord.extraction.attribution import find_statements

    doc = nlp("The council met on Tuesday. Mayor Ana Ruiz hailed the new tram line as “a gift to every commuter in town.”")
    [s] = [s for s in find_statements(doc, learned_check=False) if "a gift to every commuter" in s.text]
    assert s.cue.text == "hailed" and s.speaker.mention.text.endswith("Ruiz")


def test_candidate_verbs_claim_only_quotes_nothing_else_wants(nlp):
    from onrecord.extraction.attribution import find_statements

    doc = nlp("“We will not close the library,” said Ana Ruiz, who hailed the plan.")
    [s] = [s for s in find_statements(doc, learned_check=False) if "close the library" in s.text]
    assert s.cue.text == "said"


def test_trailing_attribution_stays_in_the_quote_s_paragraph(nlp):
    from onrecord.extraction.attribution import find_statements

    doc = nlp("Supporters lined the street.\n\n“Four more years, four more years,”\n\nThe crowd cheered as the mayor arrived.")
    assert not [s for s in find_statements(doc, learned_check=False) if s.cue is not None and s.cue.text == "cheered"]


def test_object_content_leaves_out_the_verb_s_own_clauses(nlp):
    from onrecord.extraction.attribution import find_statements

    doc = nlp("The union endorsed Ana Ruiz when she visited the plant in March.")
    [s] = [s for s in find_statements(doc, learned_check=False) if s.cue is not None and s.cue.text == "endorsed"]
    assert s.text == "Ana Ruiz"


def test_clause_keeps_the_straight_mark_it_opened():
    from onrecord.extraction.content import trim_content
    from onrecord.extraction.pipeline import load_pipeline

    # 'Critics said he lacks "strength."' with the closing marks hung on "said", outside the clause.
    doc = _parsed(load_pipeline(), [
        ("Critics", "NNS", 1, "nsubj"), ("said", "VBD", 0, "ROOT"), ("he", "PRP", 1, "nsubj"), ("lacks", "VBZ", -2, "ccomp"),
        ('"', "``", 1, "punct"), ("strength", "NN", -2, "dobj"), (".", ".", -5, "punct"), ('"', "''", -6, "punct"),
    ])
    assert [doc[i].text for i in trim_content(doc, [2, 3, 4, 5])] == ["he", "lacks", '"', "strength", ".", '"']


def test_seem_and_be_expected_cite_nobody(nlp):
    from onrecord.extraction.attribution import find_statements

    doc = nlp("The council met on Monday. The mayor is expected to approve the new budget.")
    [s] = [s for s in find_statements(doc, learned_check=False) if s.cue is not None and "expected" in s.cue.text]
    assert s.speaker.mention is None and s.text == "The mayor to approve the new budget"


@pytest.mark.parametrize(
    "text,words,source,cue",
    [
        ("Rubio fired back: “If they sue us in a court in Miami, they’re going to lose.”", "If they sue us", "Rubio", "fired back:"),
        ("The debate was tense.\n\nClinton: \"Our goal is not to contain ISIS, but to defeat it.\"\n", "Our goal is", "Clinton", ":"),
    ],
)
def test_quote_after_a_colon_belongs_to_what_leads_to_it(nlp, text, words, source, cue):
    from onrecord.extraction.attribution import find_statements

    statements = find_statements(nlp(text), learned_check=False)
    s = find(statements, words)
    assert s.type == "direct" and s.speaker.mention.text == source and s.cue.text == cue
    assert s.text.startswith(("“", '"'))
    assert_round_trip(text, statements)


def test_naming_verb_with_a_quoted_complement(nlp):
    from onrecord.extraction.attribution import find_statements

    text = "The senator was angry. Graham called both Trump and Clinton “crazy” on Tuesday."
    statements = find_statements(nlp(text), learned_check=False)
    s = find(statements, "crazy")
    assert s.speaker.name == "Graham" and s.cue.text == "called"
    assert s.text == "both Trump and Clinton “crazy” on Tuesday"  # what follows the verb, as PolNeAR marks it


def test_naming_verb_without_a_clause_still_reports_its_quoted_complement(nlp):
    from onrecord.extraction.attribution import find_statements

    # "called" has no clause, so as a speech verb alone it reports nothing; its quoted complement is the content.
    text = "He later suggested her cycle was behind her tone, called her “third-rate” and boycotted one of the debates."
    [s] = [s for s in find_statements(nlp(text), learned_check=False) if s.cue.text == "called"]
    assert s.speaker.mention.text == "He" and s.text == "her “third-rate”"


def test_cue_after_a_participle_phrase_takes_the_participle_s_subject(nlp):
    from onrecord.extraction.attribution import find_statements

    # The parser hangs "chanted" on "marching"; the noun right before it is "streets".
    text = 'Protesters marching through the streets chanted "What curfew is this?" and kept going until 2 a.m.'
    s = find(find_statements(nlp(text), learned_check=False), "What curfew")
    assert s.speaker.mention.text == "Protesters" and s.cue.text == "chanted"


def test_quote_resumed_after_the_attribution_with_but(nlp):
    text = 'The critic answered. "You know, I love Larry," Obama said, but "when it comes to energy, Larry has a history."'
    statements = statements_of(text, nlp)
    s = find(statements, "I love Larry")
    assert len(s.spans) == 2 and s.text.endswith('but "when it comes to energy, Larry has a history."')
    assert s.speaker.name == "Obama"
    assert_round_trip(text, statements)


def test_noun_with_a_that_clause_learned_as_a_cue(nlp):
    from onrecord.extraction.attribution import find_statements

    text = "Politifact checked Trump’s claim that there have been thousands of shootings in Chicago this year."
    s = find(find_statements(nlp(text), learned_check=False), "there have been thousands")
    assert s.cue.text == "claim" and s.speaker.mention.text.startswith("Trump")
    assert s.text == "that there have been thousands of shootings in Chicago this year"
    assert cue_table().precision("claim", "noun:that") is not None


def test_participle_after_a_reported_clause_belongs_to_the_teller(nlp):
    from onrecord.extraction.attribution import find_statements

    text = "Warren told reporters that she thinks the bank failed its workers, saying that “the rot starts at the top” of the company."
    s = find(find_statements(nlp(text), learned_check=False), "the rot starts at the top")
    assert s.cue.text == "saying" and s.speaker.mention.text == "Warren"


def test_participle_right_after_a_name_is_that_person_s(nlp):
    from onrecord.extraction.attribution import find_statements

    text = "The ad uses footage of Hillary Clinton asking, “Why aren’t I fifty points ahead, you might ask?”"
    s = find(find_statements(nlp(text), learned_check=False), "fifty points ahead")
    assert s.cue.text == "asking" and s.speaker.mention.text == "Hillary Clinton"


def test_reported_clause_stops_before_a_coordinated_report_of_its_own(nlp):
    from onrecord.extraction.attribution import find_statements

    text = ('She said fathers and parents who adopt would not be eligible for the six weeks of paid leave, and when '
            'pressed on why the plan leaves out dads, the 34-year-old mother of three replied, "It is meant to '
            'benefit the mother who has given birth."')
    statements = find_statements(nlp(text), learned_check=False)
    said = find(statements, "fathers and parents")
    assert said.text == "fathers and parents who adopt would not be eligible for the six weeks of paid leave"
    assert find(statements, "It is meant to benefit").cue.text == "replied"


def test_told_with_the_clause_hung_on_the_object_s_noun(nlp):
    from onrecord.extraction.attribution import find_statements

    text = 'He also told one of his young John Birch Society proteges on a regular basis that "terrorism is the answer."'
    [s] = find_statements(nlp(text), learned_check=False)
    assert s.cue.text == "told" and s.text == 'that "terrorism is the answer."'


def test_that_clause_parsed_as_an_adverbial_clause_is_still_reported(nlp):
    from onrecord.extraction.attribution import find_statements

    text = "Trump tweeted in the early morning hours that Machado was “disgusting” and “a con” and encouraged Americans to “check out” her tape."
    s = find(find_statements(nlp(text), learned_check=False), "that Machado was")
    assert s.cue.text == "tweeted" and s.speaker.mention.text == "Trump" and s.type == "mixed"
