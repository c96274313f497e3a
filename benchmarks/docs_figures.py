"""The benchmark figures of README.md, rendered from benchmarks/results/*.json.

Each function returns the Markdown of one cog block in the README; `make docs` reruns them
(`cog -r -I benchmarks README.md docs/architecture.md`) and tests/test_docs.py checks that the
README still says what the results say. Never paste a measured figure into the docs by hand.
"""
from __future__ import annotations

import json
import math
import re
import textwrap
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
SUBSETS = ("all", "speech", "direct")
WIDTH = 96  # the README's line width
TIMES = {1: "", 2: "twice ", 3: "three times ", 4: "four times "}


def load(name: str) -> dict:
    """One results file by its stem: speed, store_scale, web_latency or peers."""
    return json.loads((RESULTS / f"{name}.json").read_text(encoding="utf-8"))


def wrap(text: str, first: str = "", rest: str = "") -> str:
    """A paragraph (or list item: first="- ", rest="  ") folded at the README's width."""
    return textwrap.fill(text, WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False)


def scores(system: str) -> dict:
    """One system's scores per subset in peers.json."""
    return next(s for s in load("peers")["systems"] if s["name"] == system)["scores"]


def accuracy_table() -> str:
    """onrecord's attribution and exact-span scores on PolNeAR dev, one row per subset."""
    peers = load("peers")
    lines = [
        f"On PolNeAR dev ({peers['articles']} articles, {peers['gold_attributions']:,} attributions;"
        " onrecord run with its defaults):",
        "",
        "| subset | attribution P / R / F1 | F1 without speaker | exact F1 source / cue / content |",
        "|---|---|---|---|",
    ]
    for subset, s in scores("onrecord").items():
        a, exact = s["attribution"], s["exact"]
        prf = " / ".join(f"{a[k]:.3f}" for k in ("precision", "recall", "f1"))
        roles = " / ".join(f"{exact[r]['f1']:.3f}" for r in ("source", "cue", "content"))
        lines.append(f"| `{subset}` | {prf} | {s['attribution_content_only']['f1']:.3f} | {roles} |")
    return "\n".join(lines)


def peers_sentences() -> str:
    """textacy's F1, the published state of the art and onrecord's speed, in words."""
    textacy = scores("textacy direct_quotations")
    f1s = " / ".join(f"{textacy[s]['attribution']['f1']:.3f}" for s in SUBSETS)
    reference = load("peers")["reference"]
    exact = reference["exact_f1"]
    ratio = round(load("speed")["speedup_over_bare_parse"])
    return wrap(
        f"textacy's `direct_quotations` scores {f1s} attribution F1 on the same subsets. "
        f"The published state of the art on PolNeAR (BERT-based {reference['system']}, test split, "
        f"exact F1: source {exact['source']}, cue {exact['cue']}, content {exact['content']}) is still "
        f"ahead of these dev figures; onrecord runs on a CPU at about {TIMES.get(ratio, f'{ratio}x ')}"
        "the speed of a bare spaCy parse."
    )


def speed_sentence() -> str:
    """Words/s of the bare parse and of onrecord with 1 and 2 processes (speed.json)."""
    speed = load("speed")
    runs = {run["run"]: run["words_per_s"] for run in speed["runs"]}
    return wrap(
        f"On the {speed['machine']['cpus']}-core development machine ({speed['articles']:,} articles, "
        f"{speed['words']:,} words): bare parse {runs['bare spaCy full parse, 1 process']:,} words/s; "
        f"onrecord {runs['onrecord extract, 1 process']:,} words/s with 1 process "
        f"({speed['speedup_over_bare_parse']:.2f}x the bare parse) and "
        f"{runs['onrecord extract, 2 processes']:,} words/s with 2 processes."
    )


def scale_bullets() -> str:
    """Ingest throughput, memory, search and web latency (store_scale.json, web_latency.json)."""
    scale, web = load("store_scale"), load("web_latency")
    put, search, routes = scale["throughput"], scale["search"], web["routes_ms"]
    small, large = scale["replay"]
    cores = re.search(r"(\d+) cores", scale["machine"])[1]
    cost = 1 - put["ingest_articles_per_s"] / put["extract_articles_per_s"]
    store_cost = "nothing visible" if cost <= 0.02 else f"{cost:.0%}"
    hours = round(large["articles"] / put["extract_articles_per_s"] / 3600)
    held = min(small["rss_before_writing_mib"], large["rss_before_writing_mib"])
    k = f"{large['articles'] // 1000}k"
    pages = {route: t for route, t in routes.items() if ".csv" not in route}  # downloads grow with what they hold
    slowest = max(pages, key=lambda route: pages[route]["p95"])
    slowest_words = "a top-50 speaker's page" if slowest == "/speakers/{id} (top 50)" else f"`{slowest}`"
    downloads = {route: t for route, t in routes.items() if ".csv" in route}
    bullets = [
        f"Ingest throughput: {put['articles']:,} synthetic articles ({put['words']:,} words), "
        f"`--jobs {put['jobs']}`: bare extraction {put['extract_articles_per_s']:.2f} articles/s, `ingest` "
        f"into a new store {put['ingest_articles_per_s']:.2f} articles/s (the store costs {store_cost} "
        "beside the parse; it must stay within 20%).",
        f"Memory: the store's side of ingest replayed at {small['articles']:,} and {large['articles']:,} "
        "articles (each source's extraction moved onto its shuffled copies, written through "
        f"`Store.write` as ingest writes; parsing {k} articles would take this machine about {hours} "
        f"hours): peak RSS {small['peak_rss_mib']:.1f} MiB and {large['peak_rss_mib']:.1f} MiB "
        f"({held:.0f} MiB of it the replayed extractions held in memory); {small['statements']:,} and "
        f"{large['statements']:,} statements; {large['db_mib'] / 1024:.1f} GB of SQLite at {k}.",
        f"Search with {search['statements']:,} statements, {search['queries']} queries drawn from the "
        f"store: text + speaker p95 {search['text+speaker_ms']['p95']:.1f} ms "
        f"(p50 {search['text+speaker_ms']['p50']:.1f}), text alone p95 {search['text_ms']['p95']:.1f} ms, "
        f"speaker alone p95 {search['speaker_ms']['p95']:.1f} ms"
        + (f", a prefix (`immig*`, unstemmed index) p95 {search['prefix_ms']['p95']:.1f} ms, with a speaker "
           f"{search['prefix+speaker_ms']['p95']:.1f} ms." if "prefix_ms" in search else "."),
        "Web (`python benchmarks/web_latency.py --db ...`, results in "
        "[benchmarks/results/web_latency.json](benchmarks/results/web_latency.json)), same store, "
        f"{web['rounds']} requests a route over HTTP, {len(pages)} routes and variants: every page and API "
        f"route answers under {math.floor(pages[slowest]['p95'] / 10) * 10 + 10} ms at p95 ({slowest_words}, "
        f"the slowest, p95 {pages[slowest]['p95']:.0f} ms; search with a speaker p95 "
        f"{routes['/search (words + speaker)']['p95']:.0f} ms, with its facets and histogram)"
        + "".join(f"; `{route}` p95 {t['p95']:.0f} ms" for route, t in downloads.items()) + ".",
    ]
    if "ten_million" in scale:
        bullets.insert(3, ten_million_bullet(scale["ten_million"]))
    items = "\n".join(wrap(bullet, "- ", "  ") for bullet in bullets)
    return f"On the {cores}-core development machine:\n\n{items}"


def ten_million_bullet(ten: dict) -> str:
    """The store at 10 million statements, loaded from a dataset (store_scale.py ten-million)."""
    data, loaded, search = ten["dataset"], ten["load"], ten["search"]
    first, last = loaded["by_million"][0], loaded["by_million"][-1]
    return (
        f"At {loaded['statements'] / 1e6:.1f} million statements (`store_scale.py ten-million`: "
        f"{data['articles']:,} replayed articles written as a dataset of {data['tasks']} tasks, "
        f"{data['parquet_mib'] / 1024:.1f} GB of Parquet with the articles' text, then loaded by the code of "
        f"`onrecord ingest DIR`): {loaded['seconds'] / 60:.0f} minutes, {loaded['statements_per_s']:,} "
        f"statements/s ({first['statements_per_s']:,} over the first million, {last['statements_per_s']:,} over "
        f"the last); the corpus-wide finishing step (speaker identity, role descriptions, quotes) "
        f"{loaded['finish_s']:.0f} s; {loaded['speakers']:,} speakers, {loaded['quotes']:,} merged quotes; "
        f"peak RSS {loaded['peak_rss_mib']:,.0f} MiB; {loaded['db_mib'] / 1024:.1f} GB of SQLite. Search there: "
        f"text + speaker p95 {search['text+speaker_ms']['p95']:.1f} ms, text alone p95 "
        f"{search['text_ms']['p95']:.1f} ms, a prefix p95 {search['prefix_ms']['p95']:.1f} ms."
    )


def quotes_gold_sentence() -> str:
    """onrecord's figures on the Wikinews quotes-gold file (benchmarks/quotes_gold.py)."""
    q = load("quotes_gold")
    return wrap(
        f"On the Wikinews quotes-gold file ({q['statements']:,} quoted statements, {q['non_statements']:,} "
        f"quoted non-statements in 235 articles of many outlets' styles), onrecord's default output finds "
        f"{q['found']:,} statements ({q['found_rate']:.3f}), names the right speaker for {q['speaker_right']:,} of "
        f"the {q['named']:,} found with a named speaker ({q['speaker_rate']:.3f}), and takes {q['taken']:,} "
        f"non-statements (titles, names, scare quotes) for statements ({q['taken_rate']:.3f}); "
        f"`onrecord eval ... --errors` lists every miss by family."
    ) + "\n"
