"""A reported clause that runs straight into quotations takes them: one mixed statement."""
from __future__ import annotations

from helpers import UNCHECKED, assert_round_trip


def test_a_clause_ending_at_a_quotation_takes_it_and_the_quotations_joined_to_it(nlp):
    from onrecord.extraction import find_statements

    # Wikinews, 2020 (CC BY 2.5): the parser ends the clause of "told" at the host's name
    text = ("Biden said he planned to announce his choice around August 1.  More consequential, he told African "
            "American radio host Charlamagne tha God \"if you have a problem figuring out whether you’re for me or "
            "Trump, then you ain’t black.\"  Backlash from the statement followed.")
    statements = find_statements(nlp(text), settings=UNCHECKED)
    holder = [s for s in statements if "you ain’t black" in s.text]
    assert len(holder) == 1
    s = holder[0]
    assert s.type == "mixed" and s.cue.text == "told" and s.speaker.mention.text == "he"
    assert s.text.startswith("African American radio host Charlamagne tha God \"if you")
    assert_round_trip(text, statements)


def test_a_quotation_in_the_next_paragraph_is_not_the_clauses(nlp):
    from onrecord.extraction import find_statements

    text = 'The agency announced the name of the disease:\n\n"COVID-19" replaces the old one, it said.'
    statements = find_statements(nlp(text), settings=UNCHECKED)
    assert not any("announced" == (s.cue.text if s.cue else "") and "COVID-19" in s.text for s in statements)


def test_a_quotation_joined_by_and_to_the_end_of_the_clause_is_the_clauses(nlp):
    from onrecord.extraction import find_statements

    # Wikinews, 2019 (CC BY 2.5): the parser leaves '"...I and we ..."' out of the clause of "said"
    text = ('Prime Minister Boris Johnson said he was "humbled" by the results and "...I and we will never take your '
            'support for granted." The Labour leader said he would not lead the party into another election.')
    statements = find_statements(nlp(text), settings=UNCHECKED)
    s = next(s for s in statements if "humbled" in s.text)
    assert s.type == "mixed" and s.cue.text == "said" and s.speaker.name == "Boris Johnson"
    assert s.text.endswith('and "...I and we will never take your support for granted."')
    assert_round_trip(text, statements)
