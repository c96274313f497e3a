"""A bounded load test of `onrecord serve`: many clients at once, over a big store, through real HTTP.

    python benchmarks/store_scale.py replay --articles 100000 --db /tmp/onrecord-scale-100000.db
    python benchmarks/web_load.py --db /tmp/onrecord-scale-100000.db

The server runs as its own process (`onrecord serve`, as users run it). For each concurrency
(8 and 64 clients) every client asks pages and API routes drawn from the store (the mix of
web_latency.py) for --seconds; prints requests/s, p50/p95/p99 and errors (anything but HTTP
200, or no answer). Then, one request at a time, a search filtered by `speaker=%` (a LIKE
wildcard, once ~100x slower) against the same search by a real speaker.
Writes benchmarks/results/web_load.json.
"""
from __future__ import annotations

import argparse
import itertools
import json
import platform
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import httpx  # noqa: E402

from web_latency import samples  # noqa: E402

RESULTS = REPO / "benchmarks" / "results" / "web_load.json"


def percentile(ordered: list[float], share: float) -> float:
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1) if ordered else 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(db: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "onrecord", "serve", "--db", str(db), "--port", str(port)],
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/", timeout=5)
            return server, base
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


def load(base: str, paths: list[str], clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    mixes = [itertools.cycle(random.Random(i).sample(paths, len(paths))) for i in range(clients)]

    def client(mix) -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=60) as http:
            while time.monotonic() < stop:
                path = next(mix)
                started = time.perf_counter()
                try:
                    ok = http.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    errors += not ok

    threads = [threading.Thread(target=client, args=(mix,)) for mix in mixes]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.monotonic() - started
    ordered = sorted(latencies)
    return {"clients": clients, "seconds": round(took, 1), "requests": len(ordered), "errors": errors,
            "requests_per_s": round(len(ordered) / took, 1), "p50_ms": percentile(ordered, 0.5),
            "p95_ms": percentile(ordered, 0.95), "p99_ms": percentile(ordered, 0.99)}


def wildcard_against_named(base: str, words: list[str], speakers: list[str]) -> dict:
    timings: dict[str, list[float]] = {"speaker=%": [], "speaker=<a real speaker>": []}
    with httpx.Client(base_url=base, timeout=60) as http:
        for word, speaker in zip(words, speakers):
            for name, value in (("speaker=%", "%"), ("speaker=<a real speaker>", speaker)):
                started = time.perf_counter()
                http.get(f"/api/search?q={quote(word)}&speaker={quote(value)}")
                timings[name].append((time.perf_counter() - started) * 1000)
    return {name: {"p50_ms": round(statistics.median(t), 1), "p95_ms": percentile(sorted(t), 0.95)}
            for name, t in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    routes = samples(args.db, 50)
    paths = [path for name, found in routes.items() for path in found]
    words = [path.split("q=")[1].split("&")[0] for path in routes["/search (words)"]][:30]
    speakers = [path.rsplit("/", 1)[1] for path in routes["/speakers/{id} (top 50)"]][:30]
    server, base = serve(args.db)
    try:
        for path in paths[:20]:
            httpx.get(base + path, timeout=60)  # warm-up
        levels = []
        for clients in (8, 64):
            found = load(base, paths, clients, args.seconds)
            levels.append(found)
            print(f"{clients:3} clients: {found['requests_per_s']:7.1f} req/s   p50 {found['p50_ms']:7.1f} ms   "
                  f"p95 {found['p95_ms']:7.1f} ms   p99 {found['p99_ms']:7.1f} ms   errors {found['errors']} "
                  f"of {found['requests']}")
        wildcard = wildcard_against_named(base, words, speakers)
        for name, found in wildcard.items():
            print(f"search with {name:26} p50 {found['p50_ms']:7.1f} ms   p95 {found['p95_ms']:7.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = {"db_mib": round(args.db.stat().st_size / 2**20, 1), "python": platform.python_version(),
              "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores", "date": time.strftime("%Y-%m-%d"),
              "load": levels, "wildcard_speaker": wildcard}
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"results in {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
