"""The measured figures in the docs are the ones in benchmarks/results: never pasted by hand.

README.md holds cog blocks (benchmarks/docs_figures.py renders them); `make docs` regenerates
them after a benchmark writes new results.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

from cogapp import Cog

REPO = Path(__file__).resolve().parents[1]
DOCS = [REPO / "README.md", REPO / "docs" / "architecture.md"]
STALE = "README figures differ from benchmarks/results: run make docs"


def test_docs_show_the_benchmark_results():
    out = io.StringIO()
    cog = Cog()
    cog.set_output(stdout=out, stderr=out)
    status = cog.main(["cog", "--check", "--diff", "-I", str(REPO / "benchmarks"), *map(str, DOCS)])
    assert status == 0, f"{STALE}\n{out.getvalue()}"


def gate_names(scores: dict) -> dict[str, float]:
    """A peers.json score record under the accuracy gate's names (`all.exact.cue`, ...)."""
    figures = {}
    for subset, s in scores.items():
        figures[f"{subset}.attribution"] = s["attribution"]["f1"]
        figures[f"{subset}.attribution_content_only"] = s["attribution_content_only"]["f1"]
        for kind, key in (("exact", "exact"), ("overlap", "token_overlap")):
            figures.update({f"{subset}.{kind}.{role}": r["f1"] for role, r in s[key].items()})
    return figures


def test_readme_accuracy_is_not_behind_the_gate():
    """The README's accuracy table (peers.json) passes the floors pinned in accuracy_floors.json.

    A floor above it means the gate was raised on a newer measurement that peers.json lacks.
    """
    results = REPO / "benchmarks"
    pinned = json.loads((results / "accuracy_floors.json").read_text())
    peers = json.loads((results / "results" / "peers.json").read_text(encoding="utf-8"))
    rerun = "benchmarks/results/peers.json is older than benchmarks/accuracy_floors.json: run make peers, then make docs"
    assert peers["data_fingerprint"] == pinned["fingerprint"], rerun
    onrecord = next(s for s in peers["systems"] if s["name"] == "onrecord")
    figures = gate_names(onrecord["scores"])
    behind = [f"{name} {figures.get(name, 0.0):.4f} < floor {floor:.3f}"
              for name, floor in sorted(pinned["floors"].items()) if figures.get(name, 0.0) < floor]
    assert not behind, rerun + "\n" + "\n".join(behind)


def test_the_readme_python_example_runs(tmp_path, monkeypatch, seed_path, nlp):
    """The README's Python block, as written, on the reference article and a small dataset."""
    import re
    import shutil

    import onrecord.extraction.pipeline as pipeline
    from onrecord.dataset.parts import plan, run_task

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"From Python, the same operations.*?```python\n(.*?)```", readme, re.S).group(1)
    (tmp_path / "news").mkdir()
    shutil.copy(seed_path, tmp_path / "news" / seed_path.name)
    [task] = plan([str(REPO / "samples" / "wikinews-sample.jsonl")])
    run_task(task, tmp_path / "statements", nlp)
    monkeypatch.setattr(pipeline, "load_pipeline", lambda: nlp)  # the session's pipeline, not a second load
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "README.md", "exec"), {})
    import duckdb

    import sqlite3

    quotes = duckdb.sql("SELECT count(*) FROM 'quotes.parquet'").fetchall()[0][0]

    with sqlite3.connect(tmp_path / "onrecord.db") as con:
        stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert quotes >= 5 and stored > 1  # the reference article's quotes exported, then the dataset's articles kept
