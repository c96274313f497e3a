"""Page and API latency of `onrecord serve` over a big store, through real HTTP.

    python benchmarks/store_scale.py replay --articles 100000 --db /tmp/onrecord-scale-100000.db
    python benchmarks/web_latency.py --db /tmp/onrecord-scale-100000.db

Each route is asked --rounds times with ids and words drawn from the store (the
top speakers, random articles, quotes and words), one request at a time, after a
warm-up. Prints p50/p95/max per route and writes benchmarks/results/web_latency.json.
"""
from __future__ import annotations

import argparse
import json
import platform
import random
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

from web_server import running  # noqa: E402

RESULTS = REPO / "benchmarks" / "results" / "web_latency.json"


def samples(db: Path, rounds: int, seed: int = 5) -> dict[str, list[str]]:
    rng = random.Random(seed)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    top = [r[0] for r in con.execute("SELECT id FROM speakers ORDER BY statements DESC LIMIT 50")]
    max_id = con.execute("SELECT max(id) FROM statements").fetchone()[0]
    max_quote = con.execute("SELECT max(id) FROM quotes").fetchone()[0]
    rows = [con.execute("SELECT article_id, text, speaker FROM statements WHERE id >= ? LIMIT 1",
                        (rng.randrange(max_id),)).fetchone() for _ in range(rounds)]
    quotes = [con.execute("SELECT id FROM quotes WHERE id >= ? LIMIT 1", (rng.randrange(max_quote),)).fetchone()[0]
              for _ in range(rounds)]
    con.close()
    words = [next((w for w in text.split() if w.isalpha() and len(w) > 4), "said") for _, text, _ in rows]
    speakers = [rng.choice(top) for _ in range(rounds)]
    months = [m for (m,) in con_months(db)]
    sources = [s for (s,) in sqlite3.connect(f"file:{db}?mode=ro", uri=True).execute(
        "SELECT source FROM articles WHERE source IS NOT NULL GROUP BY source ORDER BY count(*) DESC LIMIT 200")]
    month_of = [rng.choice(months) for _ in range(rounds)]
    return {
        "/": ["/"] * rounds,
        "/search (words)": [f"/search?q={quote(w)}" for w in words],
        "/search (words + speaker)": [f"/search?q={quote(w)}&speaker={s}" for w, (_, _, s) in zip(words, rows) if s]
        or [f"/search?q={quote(w)}" for w in words],
        "/speakers/{id} (top 50)": [f"/speakers/{s}" for s in speakers],
        "/articles/{id}": [f"/articles/{quote(a)}" for a, _, _ in rows],
        "/quotes/{id}": [f"/quotes/{q}" for q in quotes],
        "/api/search (words + speaker)": [f"/api/search?q={quote(w)}&speaker={s}" for w, (_, _, s) in zip(words, rows) if s]
        or [f"/api/search?q={quote(w)}" for w in words],
        "/api/speakers/{id} (top 50)": [f"/api/speakers/{s}" for s in speakers],
        "/api/articles/{id}": [f"/api/articles/{quote(a)}" for a, _, _ in rows],
        "/api/quotes/{id}": [f"/api/quotes/{q}" for q in quotes],
        # exploring (issue 15): facets and the histogram come with every /search page
        "/search (words, newest first)": [f"/search?q={quote(w)}&sort=newest" for w in words],
        "/search (words, oldest first, page 5)": [f"/search?q={quote(w)}&sort=oldest&page=5" for w in words],
        "/search (words + source)": [f"/search?q={quote(w)}&source={quote(rng.choice(sources))}" for w in words],
        "/search (a type alone)": [f"/search?type={rng.choice(['direct', 'mixed', 'indirect'])}" for _ in words],
        "/search (a month alone)": [f"/search?since={m}-01&until={m}-28" for m in month_of],
        "/search.json (words)": [f"/search.json?q={quote(w)}" for w in words],
        "/search.csv (words + speaker, every match)": [f"/search.csv?q={quote(w)}&speaker={s}"
                                                       for w, (_, _, s) in zip(words, rows) if s],
        "/api/search (words, facets)": [f"/api/search?q={quote(w)}&facets=true" for w in words],
        "/speakers (page 1..20)": [f"/speakers?page={rng.randrange(1, 21)}" for _ in words],
        "/speakers (name)": [f"/speakers?name={quote(_surname(s))}" for s in speakers],
        "/speakers (kind, a year)": [f"/speakers?kind=person&since={m[:4]}-01-01&until={m[:4]}-12-31" for m in month_of],
        "/speakers (a month)": [f"/speakers?since={m}-01&until={m}-28" for m in month_of],
        "/speakers (every date, from the 15th)": [f"/speakers?since={months[0]}-15" for _ in words],
        "/speakers.csv (every speaker)": ["/speakers.csv"] * rounds,
        "/articles (page 1..200)": [f"/articles?page={rng.randrange(1, 201)}" for _ in words],
        "/articles (title words)": [f"/articles?title={quote(w)}" for w in words],
        "/articles (source, a year)": [f"/articles?source={quote(rng.choice(sources))}&since={m[:4]}-01-01"
                                       f"&until={m[:4]}-12-31" for m in month_of],
        "/sources": ["/sources"] * rounds,
        "/sources (name)": [f"/sources?name={quote(w)}" for w in words],
        "/compare (3 speakers on a word)": [f"/compare?topic={quote(w)}&speaker={a}&speaker={b}&speaker={c}"
                                            for w, a, b, c in zip(words, speakers, speakers[1:] + speakers[:1],
                                                                  speakers[2:] + speakers[:2])],
        "/compare (2 speakers, everything)": [f"/compare?speaker={a}&speaker={b}"
                                              for a, b in zip(speakers, speakers[1:] + speakers[:1])],
        "/api/compare (3 speakers on a word)": [f"/api/compare?topic={quote(w)}&speaker={a}&speaker={b}&speaker={c}"
                                                for w, a, b, c in zip(words, speakers, speakers[1:] + speakers[:1],
                                                                      speakers[2:] + speakers[:2])],
        "/api/articles (source)": [f"/api/articles?source={quote(rng.choice(sources))}" for _ in words],
        "/api/sources": ["/api/sources"] * rounds,
        "/api/docs": ["/api/docs"] * rounds,
    }


def con_months(db: Path) -> list[tuple[str]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    return con.execute("SELECT DISTINCT substr(date, 1, 7) FROM articles WHERE date IS NOT NULL ORDER BY 1").fetchall()


def _surname(slug: str) -> str:
    return slug.rsplit("-", 1)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    statements = con.execute("SELECT count(*) FROM statements").fetchone()[0]
    con.close()
    routes = samples(args.db, args.rounds)
    timings: dict[str, dict[str, float]] = {}
    with running(args.db) as base, httpx.Client(base_url=base, timeout=60) as http:
        for name, paths in routes.items():
            if not paths:
                continue
            http.get(paths[0])  # warm-up
            seconds = []
            for path in paths:
                started = time.perf_counter()
                response = http.get(path)
                seconds.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{path}: HTTP {response.status_code}")
            ordered = sorted(seconds)
            timings[name] = {"p50": round(statistics.median(ordered), 1),
                             "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1),
                             "max": round(ordered[-1], 1)}
            print(f"{name:32} p50 {timings[name]['p50']:7.1f} ms   p95 {timings[name]['p95']:7.1f} ms   max {timings[name]['max']:7.1f} ms")
    result = {"statements": statements, "db_mib": round(args.db.stat().st_size / 2**20, 1), "rounds": args.rounds,
              "python": platform.python_version(), "date": time.strftime("%Y-%m-%d"), "routes_ms": timings}
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"{statements:,} statements; results in {RESULTS.relative_to(REPO)}")
    print("the README shows these figures: run `make docs` to update it")


if __name__ == "__main__":
    main()
