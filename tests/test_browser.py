"""The web app in a real browser: Playwright driving Debian's chromium, headless, against a live server.

Screenshots go to test-artifacts/ (kept by CI as artifacts; the README's come from here).
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import REPO, SAMPLES
from onrecord.extraction import extractor
from onrecord.inputs import read_inputs
from onrecord.record.ingest import ingest
from onrecord.record.store import Store
from web_server import HOSTILE_ID, build_store, running

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = REPO / "test-artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP onrecord.test 127.0.0.1"]  # a name for the test server that is not localhost

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
    chart = page.locator("svg.chart-wide")  # the desktop's drawing; a phone gets svg.chart-narrow
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


# -- the search's facets, sort, histogram and downloads; compare; phones; friendly errors; colours; API docs -------

WORD = "the"  # a word that 47 statements of the test store share: three pages of 20, over five months
CROWD_ID = "crowd-2024-03-05"
CROWD = ["Alice Moreno", "Bruno Kowalski", "Chiara Lombardi", "Dmitri Volkov", "Elena Petrova", "Farid Haddad",
         "Grace Okafor", "Hiroshi Tanaka", "Ingrid Larsen", "Jamal Bennett", "Katarina Novak", "Liam O'Connor",
         "Maria Santos", "Nikhil Rao", "Olivia Chen", "Pablo Ortega", "Quentin Dubois", "Rosa Jimenez",
         "Samuel Adeyemi", "Tamara Weiss"]
CROWD_TOPICS = ["bridge", "budget", "schools", "hospital", "harbour", "railway", "library", "museum", "market",
                "airport", "river", "park", "stadium", "tram", "port", "farms", "water", "roads", "housing", "festival"]
PHONE = {"width": 390, "height": 844}
COMPARED = "/compare?topic=ceasefire&speaker=Sadiq+Khan&speaker=Keir+Starmer"


@pytest.fixture(scope="module")
def crowd(tmp_path_factory, nlp):
    """A store of an article in which twenty people speak, one paragraph each (more speakers than colours
    would tell apart without their numbers), an older article and an undated one."""
    folder = tmp_path_factory.mktemp("crowd")
    text = "\n\n".join(f'{name} said: "We will keep working on the {topic} until it is finished."'
                       for name, topic in zip(CROWD, CROWD_TOPICS))
    articles = [
        {"id": CROWD_ID, "date": "2024-03-05", "title": "Twenty voices", "text": text},
        {"id": "harbour-2023-01-10", "date": "2023-01-10", "title": "Harbour works",
         "text": 'Grace Okafor said: "The harbour crews are working through the winter."\n\n'
                 'Pablo Ortega said: "Working at night costs more, but the work must be done."'},
        {"id": "undated-notes", "title": "Notes",  # no date: its statements sort after the dated ones
         "text": 'Rosa Jimenez said: "We are working with every council on the roads."\n\n'
                 'Nikhil Rao said: "Nobody is working on the tram this week."'},
    ]
    (folder / "crowd.jsonl").write_text("".join(json.dumps(article) + "\n" for article in articles))
    with Store(folder / "crowd.db") as store:
        ingest(read_inputs([str(folder / "crowd.jsonl")]), store, extractor(nlp=nlp))
    with running(folder / "crowd.db") as url:
        yield url


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    opened = context.new_page()
    opened.errors = []
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    yield opened
    context.close()


def found(page) -> int:
    """The number of matches the page says it found ("47 statements found, page 1 of 3.")."""
    count = re.match(r"([\d,]+) statements? found", page.locator("p.count[role=status]").inner_text())
    assert count, page.locator("p.count[role=status]").inner_text()
    return int(count.group(1).replace(",", ""))


def results(page) -> list[dict]:
    """The statements listed: id, speaker id (None for an unnamed one) and date (None for an undated one)."""
    return page.evaluate("""() => [...document.querySelectorAll('li.statement')].map(li => {
        const speaker = li.querySelector('p.meta a[href^="/speakers/"]');
        const time = li.querySelector('time');
        return {id: Number(li.querySelector('a[href^="/statements/"]').getAttribute('href').split('/').pop()),
                speaker: speaker ? decodeURIComponent(speaker.getAttribute('href').slice(10)) : null,
                date: time ? time.getAttribute('datetime') : null};
    })""")


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def bar_counts(chart) -> dict[str, int]:
    """A chart's bars that are links, as month -> count, read from their labels ("2019-09: 21 statements")."""
    labels = chart.locator("a").evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")
    return {label.split(":")[0]: int(label.split(": ")[1].split()[0]) for label in labels}


def tick_heights(page, chart: str) -> list[float]:
    """The rendered heights, in CSS pixels, of the tick labels of the visible charts of one kind."""
    return page.evaluate("""selector => [...document.querySelectorAll(selector)]
        .filter(svg => svg.getBoundingClientRect().width > 0)
        .flatMap(svg => [...svg.querySelectorAll('text.tick')].map(t => t.getBoundingClientRect().height))""",
                         f"svg.{chart}")


def test_a_speaker_facet_narrows_the_search_and_takes_the_filter_off_again(page, base):
    page.goto(base + f"/search?q={WORD}")
    everything = found(page)
    assert everything > 20
    facet = page.locator("aside.facets section[aria-labelledby=facet-speakers] ul.facet > li")
    assert facet.count() >= 3
    khan = facet.filter(has_text="Sadiq Khan")
    expected = int(khan.locator(".count").inner_text())
    assert 1 < expected < everything
    khan.get_by_role("link").click()
    page.wait_for_url("**speaker=sadiq-khan*")
    assert query(page)["speaker"] == ["sadiq-khan"] and query(page)["q"] == [WORD]
    on = page.locator("aside.facets ul.facet > li.on")
    assert on.count() == 1 and "Sadiq Khan" in on.inner_text()
    assert on.get_by_role("link").get_attribute("aria-current") == "true"
    assert found(page) == expected
    listed = results(page)
    assert len(listed) == expected and {r["speaker"] for r in listed} == {"sadiq-khan"}
    shot(page, "search-facets")
    on.get_by_role("link").click()  # the active facet takes its filter off
    page.wait_for_url(lambda url: "speaker=" not in url)
    assert query(page)["q"] == [WORD]
    assert found(page) == everything
    assert page.locator("aside.facets ul.facet > li.on").count() == 0
    assert not page.errors


@pytest.mark.parametrize("sort, descending", [("newest", True), ("oldest", False)])
def test_sorting_by_date_orders_the_results_and_puts_the_undated_last(page, base, sort, descending):
    page.goto(base + f"/search?q={WORD}")
    page.locator("#sort").select_option(sort)
    page.locator("form.search[role=search]").get_by_role("button", name="Search").click()
    page.wait_for_url(f"**sort={sort}*")
    assert page.locator("#sort").input_value() == sort  # the form shows the order chosen
    listed = results(page)
    while page.locator('nav.pages a[rel="next"]').count():  # every page, in turn: the order runs across them
        with page.expect_navigation():
            page.locator('nav.pages a[rel="next"]').click()
        assert query(page)["sort"] == [sort]
        listed += results(page)
    assert len(listed) == found(page) > 20 and len({r["id"] for r in listed}) == len(listed)
    dates = [r["date"] for r in listed]
    dated = [d for d in dates if d]
    assert dates[:len(dated)] == dated, "an undated statement came before a dated one"
    assert dated == sorted(dated, reverse=descending)
    assert dated[0] != dated[-1]  # the store's statements span years: the order is a real one


@pytest.mark.parametrize("sort, order", [("newest", ["2024-03-05", "2023-01-10", None]),
                                         ("oldest", ["2023-01-10", "2024-03-05", None])])
def test_undated_statements_come_last_whichever_the_order(page, crowd, sort, order):
    page.goto(crowd + f"/search?q=working&sort={sort}&per_page=50")
    listed = results(page)
    assert len(listed) == found(page) == 24
    dates = [r["date"] for r in listed]
    assert [d for i, d in enumerate(dates) if i == 0 or d != dates[i - 1]] == order
    assert dates.count(None) == 2


def test_a_histogram_bar_filters_to_its_month_and_the_current_bar_takes_it_off(page, base):
    page.goto(base + f"/search?q={WORD}")
    everything = found(page)
    chart = page.locator("figure.histogram svg.chart-wide")
    assert chart.is_visible() and not page.locator("figure.histogram svg.chart-narrow").is_visible()
    counts = bar_counts(chart)
    assert len(counts) > 2 and sum(counts.values()) == everything
    month = max(counts, key=counts.get)  # the busiest month, yet fewer than all the matches
    assert 0 < counts[month] < everything
    chart.locator(f'a[aria-label^="{month}:"]').click()
    page.wait_for_url("**since=*")
    first = date.fromisoformat(month + "-01")
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    assert query(page)["since"] == [first.isoformat()] and query(page)["until"] == [last.isoformat()]
    assert query(page)["q"] == [WORD]
    assert found(page) == counts[month]
    assert {r["date"][:7] for r in results(page)} == {month}
    chart = page.locator("figure.histogram svg.chart-wide")
    current = chart.locator("rect.bar.current")
    assert current.count() == 1
    on = page.locator("aside.facets ul.facet.months > li.on")  # the sidebar agrees
    assert on.count() == 1 and month in on.inner_text()
    bar = chart.locator(f'a[aria-label^="{month}:"]')
    assert bar.locator("rect.bar.current").count() == 1
    bar.click()  # the month's bar again: every month
    page.wait_for_url(lambda url: "since=" not in url and "until=" not in url)
    assert found(page) == everything
    assert page.locator("figure.histogram rect.bar.current").count() == 0
    assert not page.errors


def test_the_downloads_hold_every_match_as_csv_and_the_page_as_json(page, base):
    page.goto(base + f"/search?q={WORD}&per_page=5&page=2")
    total = found(page)
    assert total > 10 and "page 2 of" in page.locator("p.count[role=status]").inner_text()
    shown = [r["id"] for r in results(page)]
    assert len(shown) == 5
    downloads = page.locator("p.downloads")
    csv_href = downloads.locator('a[type="text/csv"]').get_attribute("href")
    assert "page=" not in csv_href.replace("per_page=", "")  # the CSV is every page, not this one
    answer = page.request.get(base + csv_href)
    assert answer.ok and answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers.get("content-disposition", "")
    rows = list(csv.reader(io.StringIO(answer.text())))
    assert ",".join(rows[0]).startswith("id,date,speaker_id,speaker,")
    ids = [int(row[0]) for row in rows[1:]]
    assert len(ids) == total == len(set(ids))  # every match once, all the pages' worth
    assert set(shown) <= set(ids)
    answer = page.request.get(base + downloads.locator('a[type="application/json"]').get_attribute("href"))
    assert answer.ok
    data = answer.json()
    assert data["total"] == total and data["page"] == 2 and data["per_page"] == 5
    assert [r["id"] for r in data["results"]] == shown  # the page's results, in the page's order


def test_compare_puts_two_speakers_side_by_side_on_one_scale(page, base):
    page.goto(base + COMPARED)
    sections = page.locator("section.compared")
    assert sections.count() == 2
    assert "Sadiq Khan" in sections.nth(0).get_by_role("heading", level=2).inner_text()
    assert "Keir Starmer" in sections.nth(1).get_by_role("heading", level=2).inner_text()
    charts = [sections.nth(i).locator("svg.chart") for i in range(2)]  # a column's chart: the narrow frame, always
    assert all(chart.is_visible() for chart in charts)
    months = [bar_counts(chart) for chart in charts]
    assert months[0].keys() == months[1].keys() and months[0]  # the same months
    peaks = [chart.locator("text.tick").first.text_content() for chart in charts]
    assert peaks[0] == peaks[1]  # and the same scale: the top of the axis
    assert sum(months[0].values()) > 0 and sum(months[1].values()) > 0
    month, count = next((m, n) for m, n in months[0].items() if n)
    shot(page, "compare")
    charts[0].locator(f'a[aria-label^="{month}:"]').click()
    page.wait_for_url("**/search?*")
    asked = query(page)
    assert asked["speaker"] == ["sadiq-khan"] and asked["q"] == ["ceasefire"]
    assert asked["since"] == [month + "-01"] and asked["until"][0].startswith(month)
    listed = results(page)
    assert len(listed) == count == found(page)
    assert {r["speaker"] for r in listed} == {"sadiq-khan"} and {r["date"][:7] for r in listed} == {month}
    assert not page.errors


def test_compare_shows_the_headline_and_outlet_of_the_latest_statements(page, base):
    page.goto(base + "/compare?speaker=Carrie+Lam&speaker=Joshua+Wong")
    latest = page.locator("section.compared li.statement")
    assert latest.count() >= 2
    for headline in latest.locator("a.headline").all():
        assert headline.inner_text() == "Hong Kong leader announces withdrawal of extradition bill"
    assert latest.locator(".outlet").count() == latest.count()


PHONE_PAGES = [f"/search?q={WORD}", "/speakers", "/articles", COMPARED, "/speakers/sadiq-khan"]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_on_a_phone_nothing_scrolls_sideways_and_the_charts_stay_legible(phone, base, path):
    phone.goto(base + path)
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} scrolls sideways: {width} px wide"
    for table in phone.locator("table.data").all():  # a table may scroll, in its own box
        if table.is_visible():
            assert table.evaluate("t => !!t.closest('div.table-scroll')")
    wide, narrow = phone.locator("svg.chart-wide"), phone.locator("svg.chart-narrow")
    if path in ("/speakers", "/articles"):
        assert narrow.count() == 0
    else:
        assert narrow.count() >= 1 and all(svg.is_visible() for svg in narrow.all())
        assert not any(svg.is_visible() for svg in wide.all())
        heights = tick_heights(phone, "chart-narrow")
        assert heights and min(heights) >= 10, heights
    if path == f"/search?q={WORD}":
        shot(phone, "search-phone")
    if path == "/speakers":
        shot(phone, "speakers-phone")
    assert not phone.errors


@pytest.mark.parametrize("path", [f"/search?q={WORD}", "/speakers/sadiq-khan"])
def test_on_a_desktop_the_wide_chart_shows_with_legible_labels(page, base, path):
    page.goto(base + path)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280
    assert all(svg.is_visible() for svg in page.locator("svg.chart-wide").all())
    assert not any(svg.is_visible() for svg in page.locator("svg.chart-narrow").all())
    heights = tick_heights(page, "chart-wide")
    assert heights and min(heights) >= 10, heights


@pytest.mark.parametrize("width", [1280, 820, 700])
def test_compared_speakers_charts_keep_legible_labels_at_any_width(browser, base, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base + COMPARED + "&speaker=Carrie+Lam")
    assert page.locator("section.compared").count() == 3
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    heights = tick_heights(page, "chart")
    context.close()
    assert heights and min(heights) >= 10, heights


@pytest.mark.parametrize("field, typed", [("since", "2023-13-45"), ("type", "bogus"), ("page", "abc")])
def test_a_field_that_does_not_parse_is_explained_and_the_form_keeps_the_words(page, base, field, typed):
    page.goto(base + f"/search?q=ceasefire&{field}={typed}")
    problem = page.get_by_role("alert")
    assert problem.is_visible() and "problem" in problem.get_attribute("class")
    assert f"“{typed}”" in problem.inner_text()
    assert "Traceback" not in page.content() and "pattern" not in problem.inner_text()
    assert page.locator("#q").input_value() == "ceasefire"  # what was typed is still there, to correct
    assert page.locator("#quick-q").input_value() == "ceasefire"


def test_a_page_past_the_last_shows_the_last(page, base):
    page.goto(base + f"/search?q={WORD}&page=9999")
    last = -(-found(page) // 20)  # 20 to a page
    assert last > 1 and page.locator("p.count[role=status]").inner_text().endswith(f"page {last} of {last}.")
    notice = page.locator("p.notice[role=status]")
    assert notice.is_visible() and notice.inner_text().endswith(f"this is the last, page {last}.")
    assert len(results(page)) == found(page) - 20 * (last - 1)
    assert page.get_by_role("link", name="Previous").is_visible()
    assert page.get_by_role("alert").count() == 0


def test_a_page_past_the_last_names_the_page_asked_for(page, base):
    page.goto(base + f"/search?q={WORD}&page=9999")
    assert page.locator("p.notice[role=status]").inner_text().startswith(("There is no page 9999:",
                                                                          "There is no page 9,999:"))


def test_the_reference_article_leaves_its_date_header_out_of_the_text(page, base):
    page.goto(base + "/articles/khan-ceasefire-2023-10-27")
    text = page.locator("article.text").inner_text()
    assert "date 2023-10-27" not in text
    assert text.strip().startswith("Sadiq Khan has stepped up pressure")
    assert "2023-10-27" in page.locator("p.lead").inner_text()  # the date is shown, once, as the article's date


def test_twenty_speakers_get_twenty_colours_and_numbers(page, crowd):
    page.goto(crowd + f"/articles/{CROWD_ID}")
    legend = page.locator("ul.legend > li")
    assert legend.count() == 20
    assert legend.evaluate_all("items => items.map(li => li.lastChild.textContent.trim())") == CROWD
    swatches = page.locator("ul.legend .swatch")
    colours = swatches.evaluate_all("spans => spans.map(s => getComputedStyle(s).backgroundColor)")
    assert len(set(colours)) == 20, colours
    assert swatches.evaluate_all("spans => spans.map(s => s.textContent.trim())") == [str(n) for n in range(1, 21)]
    marks = page.locator("mark.statement-mark")
    seen = marks.evaluate_all("""marks => marks.map(m => ({statement: m.dataset.statement, n: m.dataset.n || null,
        colour: getComputedStyle(m).backgroundColor, before: getComputedStyle(m, '::before').content,
        tip: m.dataset.tip}))""")
    firsts = {}  # each statement's first mark
    for mark in seen:
        firsts.setdefault(mark["statement"], mark)
    rest = [mark for mark in seen if all(mark is not first for first in firsts.values())]
    assert len(firsts) == 20
    numbers = [mark["n"] for mark in firsts.values()]
    assert sorted(numbers, key=int) == [str(n) for n in range(1, 21)]  # every statement's first mark has its number
    for mark in firsts.values():
        n = int(mark["n"])
        assert mark["before"] == f'"{n}"'  # ... and shows it
        assert mark["colour"] == colours[n - 1]  # in its speaker's colour, as in the legend
        assert mark["tip"].startswith(CROWD[n - 1])
    assert all(mark["n"] is None for mark in rest)  # the number once per statement, at its start
    shot(page, "article-twenty-speakers")


@pytest.mark.parametrize("host", ["127.0.0.1", "onrecord.test"])
def test_the_api_docs_render_from_this_server_alone(page, base, host):
    """Swagger UI from the package, on the server's own schema; nothing asked of any other host, under a
    public-looking name too (Swagger UI's online validator badge is skipped only for localhost)."""
    own = f"{host}:{urlparse(base).port}"
    asked, refused = [], []
    page.on("request", lambda request: asked.append(request.url))
    page.on("console", lambda message: refused.append(message.text) if "Refused to" in message.text else None)
    page.goto(f"http://{own}/api/docs")
    operation = page.locator(".opblock-summary-path", has_text="/api/search").first
    operation.wait_for(timeout=15_000)
    assert page.locator(".opblock").count() >= 8
    operation.click()  # it opens and lists the fields
    page.locator(".parameters").first.wait_for(timeout=5_000)
    assert page.locator(".parameters").first.get_by_text("since").first.is_visible()
    page.wait_for_load_state("networkidle")
    assert asked and all(urlparse(url).netloc == own for url in asked), asked
    assert any(url.endswith("/openapi.json") for url in asked)
    assert not refused and not page.errors


def test_positions_show_each_speakers_stance_as_shapes_that_link_to_the_statements(page, base):
    page.goto(base + "/search?q=ceasefire")
    page.get_by_role("link", name="Positions on this topic").click()
    page.wait_for_url("**/positions?topic=ceasefire")
    rows = page.locator("table.positions tbody tr")
    by_name = {rows.nth(i).locator("td").first.inner_text(): rows.nth(i) for i in range(rows.count())}
    assert "▲ for" in by_name["Sadiq Khan"].inner_text() and "▼ against" in by_name["Keir Starmer"].inner_text()
    khan_marks = by_name["Sadiq Khan"].locator("svg.strip a")
    assert khan_marks.count() >= 2 and by_name["Sadiq Khan"].locator("path.mark.for").count() >= 2
    assert by_name["Keir Starmer"].locator("path.mark.against").count() == 1  # a shape of its own, not only a colour
    khan_marks.first.click()
    page.wait_for_url("**/articles/khan-ceasefire-2023-10-27#s*")
    assert page.locator("article.text").is_visible()
    assert not page.errors
