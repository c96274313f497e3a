"""The extract command shows speech unless asked for all attributions."""
from __future__ import annotations

import json

import pytest

from cli_helpers import invoke
from helpers import statements_of


def test_extract_shows_speech_unless_asked_for_all(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Researchers found that the river was cleaner than before. "
                       "Mayor Ann Fox said the beach would open in June.\n", encoding="utf-8")

    def run(*flags: str) -> list[dict]:
        result = invoke("extract", str(article), "--format", "jsonl", *flags)
        assert result.exit_code == 0, result.stderr
        return [json.loads(line) for line in result.stdout.splitlines()]

    assert [s["speech"] for s in run()] == [True]
    assert sorted(s["speech"] for s in run("--all-attributions")) == [False, True]


def test_quoted_words_are_speech_whatever_verb_brings_them(nlp):
    from helpers import statements_of

    text = ('Prime Minister Narendra Modi tweeted "Deeply saddened by the loss of lives in the fire." '
            'Duda also characterised the deaths as "crushing" and wrote "May God protect their parents."')
    statements = statements_of(text, nlp)
    quoted = [s for s in statements if s.type != "indirect"]
    assert {s.cue.text for s in quoted} >= {"tweeted", "wrote"}
    assert all(s.speech for s in quoted)


def test_a_quoted_name_or_title_is_not_speech(nlp):
    from helpers import statements_of

    text = ('President Erdogan named the offensive "Operation Peace Spring" on Wednesday. '
            'Amy Cook hosted a program at the hall called "Learning Together".')
    statements = statements_of(text, nlp)
    assert statements and not any(s.speech for s in statements if "Peace Spring" in s.text or "Learning" in s.text)


def test_a_word_or_two_in_quotes_beside_a_verb_of_no_speech_is_a_scare_quote(nlp):
    from helpers import statements_of

    text = ('Maker Tom Grivik was demonstrating small screens that could be used as "eyes" for a costume. '
            'Senator Ann Hale attacked the "macho culture" of the agency. '
            'She described the plan as "reckless".')
    speech = [s for s in statements_of(text, nlp) if s.speech]
    assert not any('"eyes"' in s.text for s in speech)
    assert any('"macho culture"' in s.text for s in speech)  # a judging verb: her words
    assert any('"reckless"' in s.text for s in speech)  # 'as "..."' characterises


def test_a_document_reads_what_it_says(nlp):
    from helpers import statements_of

    text = ("The court ruled on Monday.\n\n"
            'The opinion of the Court, released on Wednesday, read in part, "It is concluded that the oath of office '
            'is unconstitutional." The governor left.\n\n'
            'Meta released a statement which read, "This judgment raises critical questions for every platform."\n')
    statements = statements_of(text, nlp)
    opinion = next(s for s in statements if "It is concluded" in s.text)
    assert opinion.cue.text == "read" and opinion.speaker.name == "Court"
    meta = next(s for s in statements if "raises critical questions" in s.text)
    assert meta.speaker.name == "Meta"


def test_a_long_quoted_passage_is_kept_whatever_verb_brings_it(nlp):
    from helpers import statements_of

    text = ("Ebola cases fell in the east.\n\n"
            "Mike Ryan of the health agency told the press the new drugs were only part of the solution: "
            "\"What will stop Ebola is good surveillance, good infection prevention and excellent vaccination.\"\n")
    statements = statements_of(text, nlp)
    assert any("What will stop Ebola" in s.text for s in statements if s.speech)


def test_a_quotation_a_term_noun_names_is_not_speech(nlp):
    from helpers import statements_of

    text = ('For weeks, the agency has tried to add the question, "Is this person a citizen of the country?", '
            'to the census. Ana Diaz said "we will keep fighting this in every court we can find."')
    statements = statements_of(text, nlp)
    assert not any(s.speech for s in statements if "citizen of the country" in s.text)
    assert any(s.speech for s in statements if "keep fighting" in s.text)


@pytest.mark.parametrize(
    "text,words,speech",
    [
        # Wikinews, 2020 (CC BY 2.5): a name given, however long and lowercase
        ('The International Committee on Taxonomy of Viruses named the virus that causes it "severe acute '
         'respiratory syndrome coronavirus 2" (SARS-CoV-2).', "severe acute", False),
        ('Critics who name it as "oh it is part of your culture" are wrong, she said.', "part of your culture", True),
    ],
)
def test_a_verb_that_gives_a_name_quotes_a_name_not_words(nlp, text, words, speech):
    statements = [s for s in statements_of(text, nlp) if words in s.text]
    assert statements and all(s.speech is speech for s in statements)


def test_a_speech_verbs_as_brings_its_speakers_own_term(nlp):
    # Wikinews, 2020 (CC BY 2.5), shortened: a coined name, but Trump's characterisation
    text = ('Republicans sought documents related to alleged FISA abuse, which President Trump described as '
            '"Obamagate." Amy Cook hosted a program at the hall called "Learning Together".')
    statements = statements_of(text, nlp)
    assert any(s.speech and s.speaker.name == "Trump" for s in statements if "Obamagate" in s.text)
    assert not any(s.speech for s in statements if "Learning" in s.text)
