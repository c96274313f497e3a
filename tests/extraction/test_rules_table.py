"""The rules table: the order of application is the table's order, and it can be listed."""
from __future__ import annotations

from click.testing import CliRunner

from onrecord.cli import main
from onrecord.extraction import rules as rules_package
from onrecord.extraction.rules import PARSER_SLIP_REPAIRS, RULES, describe


def test_the_table_lists_every_rule_once_in_order():
    print("\n" + describe())  # pytest -s shows the order of application
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    # What the order guarantees: the signed paragraph is whole before any cue reads inside it; the
    # position-based trailing attribution claims its quote before the cue's object could; a
    # quote's speaker is resolved before the running speaker hands it on.
    assert names.index("signed paragraphs") < names.index("cues") < names.index("cue claims")
    assert names.index("trailing attributions") < names.index("cue claims") < names.index("nearby cues")
    assert names.index("speakers") == names.index("running speaker") - 1
    assert all(rule.reads and rule.claims for rule in RULES)


def test_every_rule_module_has_a_place_in_the_table():
    modules = {rule.apply.__module__ for rule in RULES}
    for name in ("signatures", "transcripts", "trailing_attributions", "cue_claims", "nearby_cues", "colon_leads",
                 "interrupted_quotes", "running_speaker"):
        assert f"{rules_package.__name__}.{name}" in modules


def test_onrecord_rules_prints_the_table_and_the_repairs():
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split("  ")[0].split(". ", 1)[1] for line in lines[:len(RULES)]] == [r.name for r in RULES]
    assert all(repair.__name__ in result.output for repair in PARSER_SLIP_REPAIRS)
