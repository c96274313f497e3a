"""Scale benchmarks for the store: ingest throughput, memory at 10k and 100k articles, search at 1M statements.

    python benchmarks/store_scale.py                 # everything below, ~40 min on 2 cores
    python benchmarks/store_scale.py throughput --articles 1000
    python benchmarks/store_scale.py replay --articles 100000 --db /tmp/big.db
    python benchmarks/store_scale.py search --db /tmp/big.db
    python benchmarks/store_scale.py ten-million      # ~1.5 hours: the store at 10M statements, from a dataset

- throughput: the same synthetic articles through bare extraction (statements
  discarded) and through `ingest` into a new store, both on --jobs processes.
- replay: the store's own cost and memory at a size no 2-core machine parses in a
  session (100k articles is ~70M words, ~2 hours of parsing): each real source
  article is extracted once, and its statements are moved onto every shuffled
  copy (offsets follow their paragraphs), then written through ``Store.write``
  exactly as ingest writes them. Peak memory is the process's max RSS; each size
  runs in a fresh process.
- search: text + speaker queries drawn from the store's own statements, timed
  through ``onrecord.record.read.search`` (count, page of 20, snippets), and
  prefix queries (the first five letters of a drawn word and "*").
- ten-million: the way a cluster's output becomes the record at 10 million statements: the
  replayed articles written as a dataset of Parquet parts (``dataset.parts.write_task``, 5,000
  articles a task), then loaded by the same code as ``onrecord ingest DIR`` (no parse): time per
  million statements as the store grows, the corpus-wide finishing step, peak memory, file size;
  then search latency on the result. Kept under "ten_million" in the results.
Results go to benchmarks/results/store_scale.json.
"""
from __future__ import annotations

import argparse
import json
import pickle
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from bisect import bisect_right
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

from synth_corpus import Source, Synthetic, sources, synthesise  # noqa: E402

from onrecord import __version__  # noqa: E402
from onrecord.model import Article, ArticleExtraction, Span, Speaker  # noqa: E402

RESULTS = REPO / "benchmarks" / "results" / "store_scale.json"
CACHE = Path(tempfile.gettempdir()) / f"onrecord-{__version__}-source-extractions.pkl"


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- throughput -----------------------------------------------------------------------
def throughput(articles: int, jobs: int) -> dict:
    from onrecord.record.ingest import ingest
    from onrecord.inputs import read_inputs
    from onrecord.extraction.pipeline import extract_articles, extractor, load_pipeline
    from onrecord.record.store import Store

    nlp = load_pipeline()
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "synth.jsonl"
        with corpus.open("w", encoding="utf-8") as stream:
            for item in synthesise(articles, sources()):
                stream.write(json.dumps({"id": item.id, "date": item.date, "text": item.text}) + "\n")
        words = sum(len(json.loads(line)["text"].split()) for line in corpus.open(encoding="utf-8"))
        list(extract_articles(list(read_inputs([str(corpus)]))[:5], nlp=nlp))  # warm up
        started = time.perf_counter()
        statements = sum(len(f.statements) for f in extract_articles(read_inputs([str(corpus)]), n_process=jobs, nlp=nlp))
        extract_s = time.perf_counter() - started
        with Store(Path(folder) / "bench.db") as store:
            started = time.perf_counter()
            summary = ingest(read_inputs([str(corpus)]), store, extractor(nlp=nlp, jobs=jobs))
            ingest_s = time.perf_counter() - started
    return {
        "articles": articles, "words": words, "jobs": jobs, "statements": statements,
        "extract_articles_per_s": round(articles / extract_s, 2), "ingest_articles_per_s": round(articles / ingest_s, 2),
        "extract_s": round(extract_s, 1), "ingest_s": round(ingest_s, 1),
        "ingest_vs_extract": round(extract_s / ingest_s, 3), "stored_statements": summary.statements,
    }


# -- replay -----------------------------------------------------------------------------
def source_extractions(pool: list[Source], jobs: int) -> dict[str, ArticleExtraction]:
    if CACHE.exists():
        with CACHE.open("rb") as stream:
            cached = pickle.load(stream)
        if set(cached) == {s.id for s in pool}:
            return cached
    from onrecord.extraction.pipeline import extract_articles

    print(f"extracting {len(pool)} source articles once (cached in {CACHE}) ...", file=sys.stderr)
    found = {f.article.id: f for f in extract_articles((Article(s.id, s.text) for s in pool), n_process=jobs)}
    with CACHE.open("wb") as stream:
        pickle.dump(found, stream)
    return found


def moved(item: Synthetic, found: ArticleExtraction) -> ArticleExtraction:
    """The source's statements placed on the shuffled copy: every offset follows its paragraph."""
    starts = [start for start, _ in item.source.paragraphs]
    shifts = item.shifts()

    def shift(position: int) -> int:
        return position + shifts[max(bisect_right(starts, position) - 1, 0)]

    def span(old: Span | None) -> Span | None:
        return None if old is None else Span(old.text, shift(old.start), shift(old.start) + len(old.text))

    statements = [
        replace(
            s, spans=tuple((shift(a), shift(a) + b - a) for a, b in s.spans), cue=span(s.cue),
            speaker=Speaker(span(s.speaker.mention), s.speaker.name, s.speaker.kind), article=item.id, date=item.date,
        )
        for s in found.statements
        if s.speech  # as ingest keeps them by default
    ]
    article = Article(item.id, item.text, date=item.date, source=f"synthetic from {item.source.id}")
    return ArticleExtraction(article, statements, found.roles, found.error)


def replay(articles: int, db: Path, jobs: int, batch: int = 64) -> dict:
    from onrecord.record.store import Store

    pool = sources()
    extractions = source_extractions(pool, jobs)
    baseline = peak_rss_mib()
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    statements = 0
    with Store(db) as store:
        pending: list[ArticleExtraction] = []
        for item in synthesise(articles, pool):
            pending.append(moved(item, extractions[item.source.id]))
            if len(pending) >= batch:
                statements += store.write(pending).statements
                pending = []
        if pending:
            statements += store.write(pending).statements
        finish_started = time.perf_counter()
        store.finish()
        finish_s = time.perf_counter() - finish_started
    seconds = time.perf_counter() - started
    return {
        "articles": articles, "statements": statements, "seconds": round(seconds, 1), "finish_s": round(finish_s, 1),
        "articles_per_s": round(articles / seconds, 1), "peak_rss_mib": round(peak_rss_mib(), 1),
        "rss_before_writing_mib": round(baseline, 1), "db_mib": round(db.stat().st_size / 2**20, 1),
    }


# -- ten million: a dataset of parts, loaded into a store ---------------------------------------
def write_dataset(articles: int, out: Path, jobs: int, task_articles: int = 5000) -> dict:
    """The replayed articles as a dataset of Parquet parts, as `extract --format parquet` writes one."""
    import shutil

    from onrecord.dataset.parts import Task, write_task

    pool = sources()
    extractions = source_extractions(pool, jobs)
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    statements, tasks, pending = 0, 0, []

    def flush() -> int:
        task = Task(f"synthetic-{tasks:05d}", key=f"synthetic-{tasks:05d}")
        return write_task(task, out, pending).statements

    for item in synthesise(articles, pool):
        pending.append(moved(item, extractions[item.source.id]))
        if len(pending) >= task_articles:
            statements, tasks, pending = statements + flush(), tasks + 1, []
    if pending:
        statements, tasks = statements + flush(), tasks + 1
    size = sum(p.stat().st_size for p in out.rglob("*.parquet"))
    return {"articles": articles, "statements": statements, "tasks": tasks, "seconds": round(time.perf_counter() - started, 1),
            "parquet_mib": round(size / 2**20, 1)}


def dataset_summary(out: Path) -> dict:
    """What a dataset written earlier holds, from its manifest."""
    entries = [json.loads(p.read_text()) for p in (out / "_manifest").glob("*.json")]
    size = sum(p.stat().st_size for p in out.rglob("*.parquet"))
    return {"articles": sum(e["articles"] for e in entries), "statements": sum(e["statements"] for e in entries),
            "tasks": len(entries), "parquet_mib": round(size / 2**20, 1)}


def load(out: Path, db: Path, every: int = 1_000_000) -> dict:
    """The dataset into a new store through ingest's own path (onrecord ingest DIR)."""
    from onrecord.dataset.load import read_dataset, replayed
    from onrecord.record.ingest import Progress, ingest
    from onrecord.record.store import Store

    db.unlink(missing_ok=True)
    marks: list[dict] = []
    seen = {"statements": 0, "next": every, "last": time.perf_counter()}
    started = time.perf_counter()

    def article_done(statements: int) -> None:
        seen["statements"] += statements
        if seen["statements"] >= seen["next"]:
            now = time.perf_counter()
            marks.append({"statements": seen["statements"], "seconds": round(now - started, 1),
                          "statements_per_s": round(every / (now - seen["last"])), "rss_mib": round(peak_rss_mib(), 1)})
            print(json.dumps(marks[-1]), file=sys.stderr, flush=True)
            seen["next"] += every
            seen["last"] = now

    finishing: dict[str, float] = {}
    with Store(db) as store:
        finish = store.finish

        def timed_finish() -> int:
            begun = time.perf_counter()
            moved_statements = finish()
            finishing.update(seconds=time.perf_counter() - begun, moved=moved_statements)
            return moved_statements

        store.finish = timed_finish  # type: ignore[method-assign]
        summary = ingest(read_dataset(out), store, replayed, progress=Progress(article_done=article_done))
        quotes = store.db.execute("SELECT count(*) FROM quotes").fetchone()[0]
    seconds = time.perf_counter() - started
    return {
        "articles": summary.articles, "new": summary.new, "copies": summary.copies, "statements": summary.statements,
        "speakers": summary.speakers, "quotes": quotes, "seconds": round(seconds, 1),
        "statements_per_s": round(summary.statements / seconds), "finish_s": round(finishing["seconds"], 1),
        "finish_moved": finishing["moved"], "peak_rss_mib": round(peak_rss_mib(), 1),
        "db_mib": round(db.stat().st_size / 2**20, 1), "by_million": marks,
    }


def ten_million(args: argparse.Namespace) -> dict:
    """Dataset, load and search at ~10M statements, each in a fresh process; kept in the results."""
    out = args.db.with_name("onrecord-10m-dataset")
    db = args.db.with_name("onrecord-10m.db")
    articles = str(args.articles or 770_000)
    if args.reuse_dataset and (out / "_manifest").is_dir():
        found = {"dataset": {**dataset_summary(out), "seconds": args.reuse_dataset}}
    else:
        found = {"dataset": in_child("write-dataset", "--articles", articles, "--db", str(out), "--jobs", str(args.jobs))}
    print(json.dumps(found["dataset"]), file=sys.stderr)
    found["load"] = in_child("load", "--db", str(db), "--dataset", str(out))
    print(json.dumps(found["load"]), file=sys.stderr)
    found["search"] = in_child("search", "--db", str(db), "--queries", str(args.queries))
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["ten_million"] = {"date": time.strftime("%Y-%m-%d"), **found}
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    return found


# -- search -------------------------------------------------------------------------------
def search_latency(db: Path, queries: int, seed: int = 3) -> dict:
    from onrecord.record.read import search
    from onrecord.record.store import Store

    rng = random.Random(seed)
    with Store(db, readonly=True) as store:
        total = store.db.execute("SELECT count(*) FROM statements").fetchone()[0]
        top = store.db.execute("SELECT max(id) FROM statements").fetchone()[0]
        cases = []
        while len(cases) < queries:
            row = store.db.execute(
                "SELECT s.text, sp.name FROM statements s JOIN speakers sp ON sp.id = s.speaker WHERE s.id >= ? LIMIT 1",
                (rng.randrange(top),),
            ).fetchone()
            words = [w for w in row[0].split() if w.isalpha() and len(w) > 4]
            if words:
                cases.append((" ".join(rng.sample(words, min(2, len(words)))), row[1]))
        timings: dict[str, list[float]] = {"text+speaker": [], "text": [], "speaker": [], "prefix": [], "prefix+speaker": []}
        for text, name in cases:
            prefix = text.split()[0][:5] + "*"  # 'immig*': matched in the unstemmed word index
            for kind, words, kwargs in (
                ("text+speaker", text, {"speaker": name}), ("text", text, {}), ("speaker", None, {"speaker": name}),
                ("prefix", prefix, {}), ("prefix+speaker", prefix, {"speaker": name}),
            ):
                started = time.perf_counter()
                search(store, words, **kwargs)
                timings[kind].append((time.perf_counter() - started) * 1000)
    return {
        "statements": total, "queries": queries, "db_mib": round(db.stat().st_size / 2**20, 1),
        **{f"{kind}_ms": {"p50": round(statistics.median(t), 1), "p95": round(_p95(t), 1), "max": round(max(t), 1)}
           for kind, t in timings.items()},
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


# -- the whole run ---------------------------------------------------------------------------
def in_child(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, *args, "--json"], stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("phase", nargs="?", default="all",
                        choices=("all", "throughput", "replay", "search", "ten-million", "write-dataset", "load"))
    parser.add_argument("--dataset", type=Path, help="load: the dataset folder to load into --db")
    parser.add_argument("--reuse-dataset", type=float, metavar="SECONDS",
                        help="ten-million: keep the dataset an earlier run wrote (it took SECONDS to write)")
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "onrecord-scale.db")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="print one JSON line (used between processes)")
    parser.add_argument("--keep-throughput", action="store_true",
                        help="keep the throughput figures of the last run (they take the longest to measure)")
    args = parser.parse_args()
    if args.phase == "throughput":
        result = throughput(args.articles or 1000, args.jobs)
    elif args.phase == "replay":
        result = replay(args.articles or 10_000, args.db, args.jobs)
    elif args.phase == "search":
        result = search_latency(args.db, args.queries)
    elif args.phase == "write-dataset":
        result = write_dataset(args.articles or 770_000, args.db, args.jobs)
    elif args.phase == "load":
        result = load(args.dataset, args.db)
    elif args.phase == "ten-million":
        result = ten_million(args)
    else:
        result = run_all(args)
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))


def run_all(args: argparse.Namespace) -> dict:
    """Every phase in a fresh process each; with --keep-throughput the last run's throughput figures stay."""
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results = {
        "onrecord": __version__, "python": platform.python_version(), "machine": f"{platform.machine()}, "
        f"{len(__import__('os').sched_getaffinity(0))} cores", "date": time.strftime("%Y-%m-%d"),
    }
    if args.keep_throughput and "throughput" in previous:
        results["throughput"] = previous["throughput"]
    else:
        results["throughput"] = in_child("throughput", "--articles", str(args.articles or 1000), "--jobs", str(args.jobs))
    print(json.dumps(results["throughput"]), file=sys.stderr)
    results["replay"] = []
    for size in (10_000, 100_000):
        db = args.db.with_name(f"onrecord-scale-{size}.db")
        results["replay"].append(in_child("replay", "--articles", str(size), "--db", str(db), "--jobs", str(args.jobs)))
        print(json.dumps(results["replay"][-1]), file=sys.stderr)
    results["search"] = in_child("search", "--db", str(args.db.with_name("onrecord-scale-100000.db")),
                                 "--queries", str(args.queries))
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print("the README shows these figures: run `make docs` to update it", file=sys.stderr)
    return results


if __name__ == "__main__":
    main()
