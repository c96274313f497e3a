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
