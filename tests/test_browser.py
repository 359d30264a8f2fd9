"""Real browser runs: Debian's Chromium driven by Playwright, pages served
from 127.0.0.1."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from a11y import legends_astride
from conftest import FIXTURES, StaticServer, mkdocs_build
from keyboard import answer, tab_to
from playwright.sync_api import Page, expect
from test_attempt import ATTEMPTS
from test_score import VECTORS, bank_of

from quizgen.attempt import Group
from quizgen.load import load_bank
from quizgen.model import Bank
from quizgen.render import runtime_data

pytestmark = pytest.mark.browser


def take_quiz(page: Page, bank: Bank, right: bool) -> None:
    """Answer the questions this attempt shows (a draw, in its order), with the keyboard alone."""
    page.keyboard.press("Home")
    page.wait_for_selector("form.quizgen-quiz.is-ready")
    shown = page.eval_on_selector_all(
        "fieldset.quizgen-question:not([hidden])", "sets => sets.map(set => set.dataset.questionId)"
    )
    by_id = {question.id: question for question in bank.questions}
    for question_id in shown:
        answer(page, by_id[question_id], right)
    tab_to(page, "form.quizgen-quiz .quizgen-check")
    page.keyboard.press("Enter")


def open_at_quiz(page: Page, url: str) -> None:
    # Following the heading's link moves the keyboard's starting point there,
    # as a learner's click on "Check yourself" in the contents would.
    page.goto(f"{url}#check-yourself")
    page.wait_for_selector("form.quizgen-quiz")


@pytest.fixture
def example_bank() -> Bank:
    return load_bank(FIXTURES / "course/quizzes/module/lesson.yml").bank


def test_all_right_with_the_keyboard_alone(page: Page, example_url: str, example_bank: Bank) -> None:
    open_at_quiz(page, f"{example_url}/module/lesson/")
    take_quiz(page, example_bank, right=True)
    score = page.locator(".quizgen-score")
    expect(score).to_have_text("5 of 5 points (100%) - passed")
    expect(score).to_have_attribute("role", "status")
    expect(score).to_be_focused()  # the keyboard goes on from the score
    for question in example_bank.questions:
        fieldset = page.locator(f'fieldset[data-question-id="{question.id}"]')
        expect(fieldset).to_have_class("quizgen-question is-correct")
        expect(fieldset.locator(".quizgen-verdict")).to_have_text("Right.")
    expect(page.locator('fieldset[data-question-id="greet-what-to-say"] .quizgen-explanation')).to_be_visible()
    expect(page.locator('fieldset[data-question-id="greet-what-to-say"] .quizgen-see a')).to_have_text(
        "Review: Say who you are"
    )


def test_all_wrong_with_the_keyboard_alone(page: Page, example_url: str, example_bank: Bank) -> None:
    open_at_quiz(page, f"{example_url}/module/lesson/")
    take_quiz(page, example_bank, right=False)
    expect(page.locator(".quizgen-score")).to_have_text("0 of 5 points (0%) - not passed yet, 80% needed")
    for question in example_bank.questions:
        expect(page.locator(f'fieldset[data-question-id="{question.id}"]')).to_have_class(
            "quizgen-question is-incorrect"
        )
    first = page.locator('fieldset[data-question-id="greet-what-to-say"]')
    # the wrongly chosen option says so in words and shows its feedback; the right one is revealed
    expect(first.locator('.quizgen-option[data-index="2"] .quizgen-option-state')).to_have_text(
        "Your choice: not right"
    )
    expect(first.locator('.quizgen-option[data-index="2"] .quizgen-option-feedback')).to_be_visible()
    expect(first.locator('.quizgen-option[data-index="1"] .quizgen-option-state')).to_have_text("A right answer")
    rings = page.locator('fieldset[data-question-id="greet-rings"]')
    expect(rings.locator(".quizgen-feedback")).to_have_text("By the fourth or fifth ring callers think you are closed.")
    smile = page.locator('fieldset[data-question-id="greet-smile"]')
    expect(smile.locator(".quizgen-accepted")).to_contain_text("smile")

    # Try again clears the answers and the marks, and puts the learner back at the start
    tab_to(page, "form.quizgen-quiz .quizgen-reset")
    page.keyboard.press("Enter")
    expect(page.locator(".quizgen-score")).to_have_text("")
    expect(page.locator("form.quizgen-quiz input:checked")).to_have_count(0)
    expect(page.locator("#quizgen-greet-smile-answer")).to_have_value("")
    expect(page.locator(".quizgen-result:visible")).to_have_count(0)
    expect(page.locator("form.quizgen-quiz .quizgen-question:not([hidden]) input").first).to_be_focused()


def test_each_question_reads_as_a_group_named_by_its_legend_inside_its_box(page: Page, example_url: str) -> None:
    open_at_quiz(page, f"{example_url}/module/lesson/")
    group = page.get_by_role("group", name="Question 1 of 4 (1 point) What do you say first when you pick up?")
    expect(group).to_be_visible()
    assert legends_astride(page) == []  # the prompt sits inside the box, below its top border


def test_partial_credit_and_changing_an_answer(page: Page, example_url: str) -> None:
    open_at_quiz(page, f"{example_url}/module/lesson/")
    page.check("#quizgen-greet-good-habits-0")
    page.click(".quizgen-check")
    habits = page.locator('fieldset[data-question-id="greet-good-habits"]')
    expect(habits).to_have_class("quizgen-question is-partial")
    expect(habits.locator(".quizgen-verdict")).to_have_text("Partly right: 1 of 2 points.")
    expect(page.locator(".quizgen-score")).to_have_text("1 of 5 points (20%) - not passed yet, 80% needed")
    # marks never describe answers the learner no longer gives
    page.check("#quizgen-greet-good-habits-1")
    expect(habits).to_have_class("quizgen-question")
    expect(page.locator(".quizgen-score")).to_have_text("")


def test_scoring_and_attempts_in_the_browser_match_the_shared_vectors(page: Page, example_url: str) -> None:
    page.goto(f"{example_url}/module/lesson/")
    cases = [
        {
            "data": runtime_data(bank_of(case), "v"),
            "responses": case["responses"],
            "shown": case.get("shown"),
            "hints": case.get("hints"),
        }
        for case in VECTORS
    ]
    page.evaluate("() => new Promise(done => QuizGen.load('kinds', done))")  # the kinds a lesson page loads on demand
    results: list[dict[str, Any]] = page.evaluate(
        "cases => cases.map(c => QuizGen.scoreQuiz(c.data, c.responses, c.shown, c.hints))", cases
    )
    for case, got in zip(VECTORS, results, strict=True):
        expected = case["expected"]
        for qid, want in expected["questions"].items():
            assert got["questions"][qid]["score"] == pytest.approx(want["score"]), (case["name"], qid)
            assert got["questions"][qid]["state"] == want["state"], (case["name"], qid)
        assert got["total"] == pytest.approx(expected["total"]), case["name"]
        assert got["shownPercent"] == expected["shown_percent"], case["name"]
        assert got["passed"] is expected["passed"], case["name"]
        assert got["message"] == expected["message"], case["name"]
    attempts = [
        {
            "data": runtime_data(
                Bank.model_validate(case["bank"]), "v", groups=[Group(**g) for g in case.get("groups", [])]
            ),
            "seed": case["seed"],
        }
        for case in ATTEMPTS["cases"]
    ]
    plans = page.evaluate("cases => cases.map(c => QuizGen.plan(c.data, c.seed))", attempts)
    assert plans == [case["expected"] for case in ATTEMPTS["cases"]]


def test_works_after_instant_navigation(page: Page, example_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # the theme takes over links once it has read the site map: until then a click loads a whole page
    page.goto(f"{example_url}/", wait_until="networkidle")
    page.evaluate("window.__noReload = true")
    page.click("article a[href$='module/lesson/']")
    page.wait_for_selector("form.quizgen-quiz")
    assert page.evaluate("window.__noReload === true"), "the theme's instant navigation swapped the page in place"
    page.check("#quizgen-greet-what-to-say-1")
    page.click(".quizgen-check")
    expect(page.locator('fieldset[data-question-id="greet-what-to-say"]')).to_have_class("quizgen-question is-correct")
    assert errors == []


def test_a_script_in_a_bank_never_runs(page: Page, course: Path) -> None:

    bank = course / "quizzes/module/lesson.yml"
    bank.write_text(
        bank.read_text().replace(
            "prompt: What do you say first when you pick up?",
            "prompt: \"<script>window.__owned = 1</script><img src=x onerror='window.__owned = 2'> What first?\"",
        ),
        encoding="utf-8",
    )
    assert mkdocs_build(course).returncode == 0
    server = StaticServer(course / "site")
    try:
        page.goto(f"{server.url}/module/lesson/")
        page.click(".quizgen-check")
        assert page.evaluate("window.__owned") is None
        expect(page.locator('fieldset[data-question-id="greet-what-to-say"] legend')).to_contain_text(
            "<script>window.__owned = 1</script>"
        )
    finally:
        server.close()


def test_the_course_loads_nothing_from_outside_the_site(page: Page, project_url: str) -> None:
    requests: list[str] = []
    failures: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failures.append(response.url))
    page.on("pageerror", lambda error: failures.append(str(error)))
    for url in ("/", "/phone-skills/taking-messages/", "/service-recovery/seven-recovery-strategies/"):
        page.goto(f"{project_url}{url}")
        page.wait_for_load_state("networkidle")
    outside = [u for u in requests if not u.startswith(project_url) and not u.startswith("data:")]
    assert outside == []
    assert failures == []


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_message_pad_prints_on_one_sheet(page: Page, project_url: str, paper: str) -> None:
    page.goto(f"{project_url}/phone-skills/message-pad/")
    pdf = page.pdf(format=paper, print_background=True, prefer_css_page_size=False)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == 1
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".pad-intro"):
        assert not page.locator(hidden).first.is_visible(), hidden
    expect(page.locator(".message-pad").first).to_be_visible()
