"""Quizzes passed in a real Chromium on sites built with Zensical: this
repository's course, served under the strict Content-Security-Policy that
HOSTING.md gives, and tests/fixtures/progress (three two-question lessons
whose right option says "right", and a final check)."""

from __future__ import annotations

import pytest
from conftest import ROOT, Site
from playwright.sync_api import Page, expect
from test_browser import open_at_quiz, take_quiz
from test_browser_progress import answer_all, nav_link, record, row, ticked, today, views_loaded
from test_hosting import WATCH_CSP, violations

from quizgen.load import load_bank

pytestmark = pytest.mark.browser


def test_a_lesson_quiz_is_passed_under_the_strict_policy(page: Page, zensical_project_site: Site) -> None:
    url = zensical_project_site.url
    page.add_init_script(WATCH_CSP)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_at_quiz(page, f"{url}/phone-skills/taking-messages/")
    take_quiz(page, load_bank(ROOT / "quizzes/phone-skills/taking-messages.yml").bank, right=True)
    expect(page.locator(".quizgen-score")).to_contain_text("(100%) - passed")
    expect(record(page)).to_have_text(f"Passed on {today(page)}. Best score 100%, 1 attempt.")
    ticked(page, "Answering for a colleague and taking messages")
    nav_link(page, "My progress").first.click()  # the theme's instant navigation
    views_loaded(page)
    expect(row(page, "phone-skills/taking-messages").locator('[data-field="best"]')).to_have_text("100%")
    page.goto(f"{url}/capstone/")
    page.wait_for_selector("form.quizgen-quiz.is-ready")  # the rarer kinds load on demand
    page.goto(f"{url}/final-check/")
    page.wait_for_selector('form.quizgen-quiz.is-ready[data-quiz-id="_final"]')
    assert violations(page) == []
    assert errors == []


def test_progress_is_saved_ticked_and_counted_on_the_zensical_site(page: Page, zensical_progress_site: Site) -> None:
    url = zensical_progress_site.url
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{url}/calls/answering/")
    page.wait_for_selector("form.quizgen-quiz.is-ready")
    answer_all(page, "calls/answering", "wrong")
    page.click(".quizgen-check")
    expect(page.locator(".quizgen-score")).to_have_text("0 of 2 points (0%) - not passed yet, 50% needed")
    page.click(".quizgen-reset")
    answer_all(page, "calls/answering", "right")
    page.click(".quizgen-check")
    expect(page.locator(".quizgen-score")).to_have_text("2 of 2 points (100%) - passed")
    expect(record(page)).to_have_text(f"Passed on {today(page)}. Best score 100%, 2 attempts.")
    ticked(page, "Answering calls")
    # kept across a reload, and counted on the progress page the course's manifest describes
    page.reload()
    page.wait_for_selector("form.quizgen-quiz.is-ready")
    expect(record(page)).to_have_text(f"Passed on {today(page)}. Best score 100%, 2 attempts.")
    page.goto(f"{url}/progress/")  # this fixture's nav leaves quizgen's pages out under Zensical
    views_loaded(page)
    expect(row(page, "calls/answering").locator('[data-field="best"]')).to_have_text("100%")
    expect(row(page, "calls/answering").locator('[data-field="passed"]')).to_have_text(f"passed on {today(page)}")
    expect(row(page, "calls/holding").locator('[data-field="best"]')).to_have_text("none yet")
    # the next lesson, reached by the theme's own navigation, has its quiz working too
    page.locator(".quizgen-continue a").first.click()
    page.wait_for_selector('form.quizgen-quiz.is-ready[data-quiz-id="calls/holding"]')
    answer_all(page, "calls/holding", "right")
    page.click(".quizgen-check")
    expect(page.locator(".quizgen-score")).to_have_text("2 of 2 points (100%) - passed")
    page.goto(f"{url}/final-check/")
    page.wait_for_selector('form.quizgen-quiz.is-ready[data-quiz-id="_final"]')
    page.goto(f"{url}/certificate/")
    views_loaded(page)
    expect(page.locator('[data-quizgen="certificate"] [data-field="left"]')).to_have_text("2")
    assert errors == []
