"""The web app in a real browser: Playwright driving Debian's chromium, headless, against a live server.

Screenshots go to test-artifacts/ (kept by CI as artifacts; the README's come from here).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, SAMPLES
from web_server import HOSTILE_ID, build_store, running

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = REPO / "test-artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make test installs it)")


@pytest.fixture(scope="module")
def base(tmp_path_factory, nlp, seed_path):
    db = build_store(tmp_path_factory.mktemp("browser") / "record.db", seed_path, SAMPLES, nlp=nlp)
    with running(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.errors = []
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    yield opened
    context.close()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_search_for_a_phrase_shows_khans_statement(page, base):
    page.goto(base + "/")
    page.get_by_label("Search statements").fill('"vital aid supplies"')
    page.get_by_role("button", name="Search").first.click()
    page.wait_for_url("**/search?q=*")
    assert "2 statements found" in page.get_by_role("status").inner_text()
    first = page.locator("li.statement").first
    assert "Sadiq Khan" in first.inner_text()
    assert first.locator("mark").first.inner_text().lower() == "vital aid supplies"
    assert "q=%22vital+aid+supplies%22" in page.url  # the query is in the URL, to share
    shot(page, "search")


def test_speaker_page_shows_the_timeline(page, base):
    page.goto(base + "/speakers/sadiq-khan")
    assert page.get_by_role("heading", level=1).inner_text() == "Sadiq Khan"
    chart = page.locator("svg.chart")
    assert chart.is_visible() and chart.locator("rect.bar").count() >= 2
    assert "Statements by Sadiq Khan" in chart.locator("title").first.text_content()
    assert page.get_by_role("heading", name="Named as").is_visible()
    shot(page, "speaker")


def test_article_page_highlights_every_statement(page, base):
    page.goto(base + "/articles/khan-ceasefire-2023-10-27")
    marks = page.locator("mark.statement-mark")
    assert marks.count() >= 11
    statements = page.locator("ol.statement-list > li")
    assert statements.count() >= 11
    khan = page.locator("mark.statement-mark", has_text="I join the international community").first
    assert "speaker-0" in khan.get_attribute("class")
    khan.focus()  # keyboard users get the same tooltip as mouse users
    tip = page.evaluate("el => getComputedStyle(el, '::after').content", khan.element_handle())
    assert "Sadiq Khan" in tip and "direct" in tip
    assert "Sadiq Khan" in khan.locator(".sr-only").text_content()
    shot(page, "article")


def test_a_hostile_article_shows_as_text_and_runs_nothing(page, base):
    page.goto(base + f"/articles/{HOSTILE_ID}")
    text = page.locator("article.text").inner_text()
    assert "<script>window.__pwned = 1</script>" in text and "<img src=x onerror" in text
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("article img, article script").count() == 0
    page.goto(base + "/search?q=pwned")
    assert page.evaluate("() => window.__pwned") is None
    assert not page.errors
    shot(page, "hostile")
