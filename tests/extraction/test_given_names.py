"""The given-name gender table: derived from the nomquamgender package, read for pronoun agreement."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from onrecord.extraction.given_names import gender_of_full_name

REPO = Path(__file__).resolve().parents[2]


def test_full_names_get_the_gender_of_their_first_word():
    assert gender_of_full_name("Stacey Abrams") == "f"
    assert gender_of_full_name("Joe Biden") == "m"
    assert gender_of_full_name("Zoë Ball") == "f"  # accents folded


def test_lone_words_and_names_of_either_gender_decide_nothing():
    assert gender_of_full_name("Abrams") is None
    assert gender_of_full_name("Taylor Swift") is None
    assert gender_of_full_name("Jean Castex") is None
    assert gender_of_full_name("Qxzyw Smith") is None


def test_the_shipped_table_is_what_the_package_data_gives():
    result = subprocess.run([sys.executable, str(REPO / "training/given_names.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
