"""The extract command shows speech unless asked for all attributions."""
from __future__ import annotations

import json

from cli_helpers import invoke


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
