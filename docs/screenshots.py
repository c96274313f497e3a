"""The README's screenshots, taken again from the demo store: headless chromium against a live server.

    python docs/screenshots.py [--db demo.db] [--out docs/images]

Builds the store from samples/wikinews-demo.jsonl first if it is missing (as `make demo` does), serves it
on a free port on localhost (tests/web_server.running) and writes, at 1280x900 for a desktop and 390x844
for a phone:

    search-page.png   a search with its facets and histogram
    compare-page.png  two speakers compared on a topic
    speaker-page.png  a speaker's page: timeline, latest statements, names, roles
    article-page.png  an article with several speakers' statements highlighted
    search-phone.png  the same search on a phone

A long page is cut at --max-height pixels rather than shot whole. Needs Debian's chromium (`make chromium`)
and the test requirements (Playwright).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))

from web_server import running  # noqa: E402

DEMO = REPO / "samples" / "wikinews-demo.jsonl"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--font-render-hinting=none"]
SEARCH = "coronavirus OR pandemic"


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    phone: bool = False
    ready: str = "main"  # a selector that shows the page is drawn


SHOTS = [
    Shot("search-page", "/search?" + urlencode({"q": SEARCH}), ready="aside.facets"),
    Shot("compare-page", "/compare?" + urlencode([("topic", "election"), ("speaker", "Donald Trump"),
                                                  ("speaker", "Joe Biden")]), ready="section.compared"),
    Shot("speaker-page", "/speakers/donald-trump", ready="figure.timeline"),
    Shot("article-page", "/articles/wikinews-7ab31623b7", ready="ul.legend"),
    Shot("search-phone", "/search?" + urlencode({"q": SEARCH}), phone=True, ready="figure.histogram"),
]


def onrecord() -> list[str]:
    """The onrecord command of this Python (the virtualenv's), else the one on the PATH."""
    beside = Path(sys.executable).with_name("onrecord")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("onrecord")
    if found:
        return [found]
    return [sys.executable, "-m", "onrecord"]


def demo_store(db: Path, rebuild: bool) -> Path:
    """The demo store, ingested from samples/wikinews-demo.jsonl when it is missing (or asked to be rebuilt)."""
    if rebuild:
        for suffix in ("", "-wal", "-shm", ".lock"):  # the store and the files SQLite and onrecord keep beside it
            db.with_name(db.name + suffix).unlink(missing_ok=True)
    if not db.exists():
        print(f"building {db} from {DEMO.relative_to(REPO)}", flush=True)
        subprocess.run([*onrecord(), "ingest", str(DEMO), "--db", str(db)], check=True, cwd=REPO)
    return db


def take(browser, base: str, shot: Shot, out: Path, max_height: int) -> Path:
    viewport = PHONE if shot.phone else DESKTOP
    context = browser.new_context(viewport=viewport, is_mobile=shot.phone, has_touch=shot.phone,
                                  device_scale_factor=2 if shot.phone else 1)
    try:
        page = context.new_page()
        answer = page.goto(base + shot.path)
        if answer is None or not answer.ok:
            raise SystemExit(f"{shot.path}: the server answered {answer.status if answer else 'nothing'}")
        page.locator(shot.ready).first.wait_for(timeout=10_000)
        page.evaluate("document.fonts.ready")
        path = out / f"{shot.name}.png"
        if shot.phone:  # a phone's first screen and a half: the form, the count, the chart, the first results
            height = min(page.evaluate("document.documentElement.scrollHeight"), int(viewport["height"] * 1.5))
        else:
            height = min(page.evaluate("document.documentElement.scrollHeight"), max_height)
        page.screenshot(path=str(path), full_page=True,
                        clip={"x": 0, "y": 0, "width": viewport["width"], "height": height})
        return path
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=REPO / "demo.db", help="the demo store (built if missing)")
    parser.add_argument("--rebuild", action="store_true", help="ingest the demo store again from scratch")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images", help="where the PNGs go")
    parser.add_argument("--max-height", type=int, default=1400, help="cut desktop pages longer than this (px)")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"),
                        help="the chromium to drive (default: Debian's, on the PATH)")
    args = parser.parse_args(argv)
    if not args.chromium:
        parser.error("chromium is not installed: `make chromium` installs Debian's")
    from playwright.sync_api import sync_playwright

    from onrecord.record.store import Store, StoreError

    db = demo_store(args.db.resolve(), args.rebuild)
    try:
        Store(db, readonly=True).close()
    except StoreError as error:
        raise SystemExit(f"{error}\n(run again with --rebuild to ingest the demo from scratch)") from None
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with running(db) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, headless=True, args=FLAGS)
        try:
            for shot in SHOTS:
                path = take(browser, base, shot, args.out, args.max_height)
                print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}", flush=True)
        finally:
            browser.close()
    print(f"{len(SHOTS)} screenshots in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
