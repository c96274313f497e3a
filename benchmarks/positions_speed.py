"""Speed of positions: the stance model over 10,000 statements on one target, and the positions
page over HTTP on a big store for topics with a few thousand matching statements.

    python benchmarks/store_scale.py replay --articles 100000 --db /tmp/onrecord-scale-100000.db
    python benchmarks/positions_speed.py --db /tmp/onrecord-scale-100000.db

Writes benchmarks/results/positions_speed.json. The issue's bars: stance for 10,000 statements in
under 10 s on this 2-core machine; the positions page under 300 ms p95 for a topic with a few
thousand matches.
"""
from __future__ import annotations

import argparse
import json
import platform
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))

import httpx  # noqa: E402

from onrecord.positions.stance import Target, stance  # noqa: E402
from web_server import running  # noqa: E402

RESULTS = REPO / "benchmarks" / "results" / "positions_speed.json"


def matches(con: sqlite3.Connection, word: str) -> int:
    return con.execute("SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ?",
                       (f'text : ("{word}")',)).fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    statements = con.execute("SELECT count(*) FROM statements").fetchone()[0]
    rows = con.execute("SELECT s.text, s.cue, s.type FROM statements_fts f JOIN statements s ON s.id = f.rowid "
                       "WHERE statements_fts MATCH 'text : (\"wall\")' LIMIT 10000").fetchall()
    target = Target.of("building a wall on the Mexican border", key="wall")
    started = time.perf_counter()
    for text, cue, kind in rows:
        stance(text, target, cue if kind == "indirect" else None)
    model_s = time.perf_counter() - started
    print(f"stance of {len(rows):,} statements on one target: {model_s:.2f} s ({len(rows) / model_s:,.0f}/s)")
    topics = [w for w in ("wall", "deal", "ceasefire", "tariffs", "referendum", "impeachment", "lockdown", "economy")
              if 500 <= matches(con, w) <= 15_000]
    con.close()
    pages: dict[str, dict[str, float]] = {}
    with running(args.db) as base, httpx.Client(base_url=base, timeout=120) as http:
        for topic in topics:
            http.get(f"/positions?topic={quote(topic)}")  # warm-up
            seconds = []
            for _ in range(args.rounds):
                started = time.perf_counter()
                answer = http.get(f"/positions?topic={quote(topic)}")
                seconds.append((time.perf_counter() - started) * 1000)
                if answer.status_code != 200:
                    raise SystemExit(f"/positions?topic={topic}: HTTP {answer.status_code}")
            ordered = sorted(seconds)
            pages[topic] = {"matches": None, "p50": round(statistics.median(ordered), 1),
                            "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1)}
            print(f"/positions?topic={topic:12} p50 {pages[topic]['p50']:7.1f} ms   p95 {pages[topic]['p95']:7.1f} ms")
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    for topic in pages:
        pages[topic]["matches"] = matches(con, topic)
    result = {"statements": statements, "stance_statements": len(rows), "stance_seconds": round(model_s, 3),
              "positions_pages_ms": pages, "rounds": args.rounds, "python": platform.python_version(),
              "date": time.strftime("%Y-%m-%d")}
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"{statements:,} statements; results in {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
