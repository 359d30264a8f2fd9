"""The certificate page in a real Chromium: what is left before completion, the
sheet once every check is passed, the learner's name kept across reloads, one
printed page on A4 and Letter in either palette, and axe on the course pages.
The course under tests/fixtures/progress: three lessons and a final check."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Site
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

LESSONS = ("calls/answering/", "calls/holding/", "culture/ownership/")
FINAL = "final-check/"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}}
LONG_NAME = "Grace Brewster Murray Hopper, Rear Admiral, United States Navy, author of the first compiler"
# The theme's own chrome, which print hides on a complete certificate.
CHROME = (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer")


def pass_check(page: Page) -> None:
    """On a check's page: answer every question shown with "right", check or submit, and wait for the score."""
    form = page.locator("form.quizgen-quiz.is-ready")
    form.wait_for()
    questions = form.locator("fieldset.quizgen-question:not([hidden])")
    assert questions.count() > 0
    for index in range(questions.count()):
        questions.nth(index).get_by_label("right", exact=True).check()
    form.locator(".quizgen-check").click()
    expect(form.locator(".quizgen-score")).to_contain_text("(100%) - passed")


def complete_course(page: Page, site: Site) -> None:
    for lesson in LESSONS:
        page.goto(f"{site.url}/{lesson}")
        pass_check(page)
    page.goto(f"{site.url}/{FINAL}")
    final = page.locator('form.quizgen-quiz.is-ready[data-quiz-id="_final"]')
    expect(final.locator(".quizgen-check")).to_have_text("Submit answers")
    expect(final.locator("fieldset.quizgen-question:not([hidden])")).to_have_count(3)  # one from each lesson
    pass_check(page)


# views.js has filled the page in, and the stylesheet it adds has loaded
VIEWS_READY = "window.QuizGen && window.QuizGen.pages && document.querySelector('link[href*=quizgen-views]')?.sheet"


def open_certificate(page: Page, site: Site) -> None:
    page.goto(f"{site.url}/certificate/")
    page.wait_for_function(VIEWS_READY)


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def axe_violations(page: Page) -> list[tuple[str, str, list[Any]]]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options=AXE_OPTIONS)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in result.response["violations"]]


@pytest.fixture(scope="module")
def completed(browser: Browser, progress_site: Site) -> dict[str, Any]:
    """The browser storage of a learner who completed the course through the pages, once for the module."""
    context = browser.new_context()
    try:
        page = context.new_page()
        complete_course(page, progress_site)
        state: dict[str, Any] = dict(context.storage_state())
    finally:
        context.close()
    # without the theme's remembered palette, so that each test's colour scheme picks it
    for origin in state["origins"]:
        origin["localStorage"] = [item for item in origin["localStorage"] if not item["name"].endswith("__palette")]
    return state


@pytest.fixture
def completed_context(browser: Browser, completed: dict[str, Any]) -> Iterator[BrowserContext]:
    context = browser.new_context(storage_state=completed)  # type: ignore[arg-type]
    yield context
    context.close()


def test_before_completion_the_page_lists_what_is_left(page: Page, progress_site: Site) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_certificate(page, progress_site)
    todo = page.locator('[data-part="todo"]')
    expect(todo).to_be_visible()
    expect(page.locator('[data-part="done"]')).to_be_hidden()
    expect(todo.locator('[data-field="left"]')).to_have_text("4")
    items = todo.locator(".quizgen-todo li[data-quiz-id]")
    expect(items).to_have_count(4)
    expect(items.locator("a:visible")).to_have_count(4)
    links = items.locator("a").evaluate_all("links => links.map(a => [a.closest('li').dataset.quizId, a.href])")
    assert [href for _, href in links] == [f"{progress_site.url}/{url}" for url in (*LESSONS, FINAL)]
    for quiz_id, href in links:  # each leads to the page of its check
        page.goto(href)
        expect(page.locator(f'form.quizgen-quiz.is-ready[data-quiz-id="{quiz_id}"]')).to_have_count(1)
    # pass the first lesson on its own page, reached by the certificate's link
    open_certificate(page, progress_site)
    page.locator(".quizgen-todo a").first.click()
    page.wait_for_url(f"{progress_site.url}/{LESSONS[0]}")
    pass_check(page)
    open_certificate(page, progress_site)
    expect(todo.locator('[data-field="left"]')).to_have_text("3")
    expect(items.locator("a:visible")).to_have_count(3)
    expect(todo.locator(f'li[data-quiz-id="{links[0][0]}"]')).to_be_hidden()
    for quiz_id, _ in links[1:]:
        expect(todo.locator(f'li[data-quiz-id="{quiz_id}"]')).to_be_visible()
    expect(page.locator('[data-part="done"]')).to_be_hidden()
    assert errors == []


def test_a_completed_course_shows_the_sheet_and_keeps_the_name(page: Page, progress_site: Site) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    complete_course(page, progress_site)
    open_certificate(page, progress_site)
    expect(page.locator('[data-part="todo"]')).to_be_hidden()
    expect(page.locator('[data-part="done"]')).to_be_visible()
    sheet = page.locator("section.quizgen-sheet")
    expect(sheet).to_be_visible()
    expect(sheet.locator("h2")).to_have_text("A short course")
    today = page.evaluate(
        "new Date().toLocaleDateString(document.documentElement.lang || undefined,"
        " {day: 'numeric', month: 'short', year: 'numeric'})"
    )
    expect(sheet.locator('[data-field="date"]')).to_have_text(today)
    expect(sheet.locator('[data-field="final"]')).to_have_text("100%")
    rows = sheet.locator("tbody tr[data-quiz-id]")
    expect(rows).to_have_count(3)
    expect(rows.locator('[data-field="best"]')).to_have_text(["100%"] * 3)
    expect(rows.locator("th")).to_have_text(["Answering calls", "Holding a call", "Ownership"])
    page.locator('input[data-action="name"]').fill("Ada Lovelace")
    expect(sheet.locator('[data-field="name"]')).to_have_text("Ada Lovelace")
    page.reload()
    page.wait_for_function(VIEWS_READY)
    expect(page.locator('input[data-action="name"]')).to_have_value("Ada Lovelace")
    expect(sheet.locator('[data-field="name"]')).to_have_text("Ada Lovelace")
    assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_certificate_prints_on_one_page(
    completed_context: BrowserContext, progress_site: Site, scheme: str
) -> None:
    page = completed_context.new_page()
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_certificate(page, progress_site)
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    page.locator('input[data-action="name"]').fill("Grace Brewster Murray Hopper")
    expect(page.locator('.quizgen-sheet [data-field="name"]')).to_have_text("Grace Brewster Murray Hopper")
    for paper in ("A4", "Letter"):
        assert pdf_pages(page.pdf(format=paper, print_background=True)) == 1, paper
    # as long a sheet as the real course's (15 lessons) and a long name, which wraps: still one page
    page.locator("section.quizgen-sheet tbody").evaluate(
        "rows => { while (rows.rows.length < 15) rows.appendChild(rows.rows[0].cloneNode(true)); }"
    )
    page.locator('input[data-action="name"]').fill(LONG_NAME)
    expect(page.locator('.quizgen-sheet [data-field="name"]')).to_have_text(LONG_NAME)
    for paper in ("A4", "Letter"):
        assert pdf_pages(page.pdf(format=paper, print_background=True)) == 1, f"{paper}, 15 lessons"
    page.emulate_media(media="print")
    colours = page.locator("section.quizgen-sheet").evaluate(
        "sheet => { const style = getComputedStyle(sheet); return [style.backgroundColor, style.color]; }"
    )
    assert colours[0] == "rgb(255, 255, 255)"
    red, green, blue = (int(n) for n in re.findall(r"\d+", colours[1])[:3])
    assert max(red, green, blue) < 80, colours[1]  # dark text
    for hidden in (*CHROME, 'input[data-action="name"]', 'button[data-action="print"]'):
        assert not page.locator(hidden).first.is_visible(), hidden
    expect(page.locator("section.quizgen-sheet")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_course_pages_have_no_wcag_aa_violations(
    page: Page, completed_context: BrowserContext, progress_site: Site, scheme: str
) -> None:
    found: dict[str, list[tuple[str, str, list[Any]]]] = {}
    expected = "slate" if scheme == "dark" else "default"
    for state, tab in (("before", page), ("after", completed_context.new_page())):
        tab.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        for path in ("progress/", FINAL, "certificate/"):
            tab.goto(f"{progress_site.url}/{path}")
            tab.wait_for_selector("form.quizgen-quiz.is-ready" if path == FINAL else "body")
            if path != FINAL:
                tab.wait_for_function(VIEWS_READY)
            expect(tab.locator("body")).to_have_attribute("data-md-color-scheme", expected)
            found[f"{state} {path}"] = axe_violations(tab)
    assert found == {key: [] for key in found}
