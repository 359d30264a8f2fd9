"""Every kind of question, attempts, hints and exam mode, in a real Chromium:
the example course under tests/fixtures/kinds."""

from __future__ import annotations

import pytest
from a11y import focus_problem, too_small, walk_the_quiz
from conftest import FIXTURES, Site
from keyboard import answer, tab_to
from playwright.sync_api import Page, expect

from quizgen.load import load_bank
from quizgen.model import Bank

pytestmark = pytest.mark.browser

KINDS = load_bank(FIXTURES / "kinds/quizzes/module/kinds.yml").bank


def open_quiz(page: Page, url: str) -> None:
    page.goto(f"{url}#check-yourself")
    page.wait_for_selector("form.quizgen-quiz.is-ready")


def shown(page: Page) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        "fieldset.quizgen-question:not([hidden])", "els => els.map(e => e.dataset.questionId)"
    )
    return ids


def question(bank: Bank, qid: str) -> object:
    return next(q for q in bank.questions if q.id == qid)


def test_ordering_matching_and_a_call_with_the_keyboard_alone(page: Page, kinds_site: Site) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_quiz(page, f"{kinds_site.url}/module/kinds/")
    for qid in ("kinds-hold-steps", "kinds-details-why", "kinds-late-parcel"):
        answer(page, question(KINDS, qid), right=True)  # type: ignore[arg-type]
    tab_to(page, "form.quizgen-quiz .quizgen-check")
    page.keyboard.press("Enter")
    for qid in ("kinds-hold-steps", "kinds-details-why", "kinds-late-parcel"):
        fieldset = page.locator(f'fieldset[data-question-id="{qid}"]')
        expect(fieldset).to_have_class("quizgen-question is-correct")
        expect(fieldset.locator(".quizgen-verdict")).to_have_text("Right.")
    # 3 + 2 + 4 points of 14
    expect(page.locator(".quizgen-score")).to_have_text("9 of 14 points (64%) - not passed yet, 80% needed")
    call = page.locator("#quizgen-kinds-late-parcel")
    expect(call.locator(".quizgen-best-path")).to_be_visible()
    expect(call.locator(".quizgen-best-path li")).to_have_count(2)
    expect(call.locator(".quizgen-step.is-played")).to_have_count(2)  # the call as played
    expect(call.locator(".quizgen-option.is-chosen-right .quizgen-option-state").first).to_have_text(
        "Your reply: 2 points (the best here: 2)"
    )
    assert errors == []


def test_wrong_answers_show_the_right_order_matches_and_the_best_path(page: Page, kinds_site: Site) -> None:
    open_quiz(page, f"{kinds_site.url}/module/kinds/")
    for qid in ("kinds-hold-steps", "kinds-details-why", "kinds-late-parcel"):
        answer(page, question(KINDS, qid), right=False)  # type: ignore[arg-type]
    page.click(".quizgen-check")
    ordering = page.locator("#quizgen-kinds-hold-steps")
    expect(ordering).to_have_class("quizgen-question is-incorrect")
    expect(ordering.locator(".quizgen-right-order")).to_be_visible()
    expect(ordering.locator(".quizgen-feedback")).to_have_text("Ask first, and thank them last.")
    matching = page.locator("#quizgen-kinds-details-why")
    expect(matching.locator(".quizgen-right-answer:visible")).to_have_count(3)
    call = page.locator("#quizgen-kinds-late-parcel")
    # the worst path: "calm down" (0), the forced recovery (1), the vague answer (0): 1 of 4
    expect(call.locator(".quizgen-verdict")).to_have_text("Partly right: 1 of 4 points.")
    expect(call.locator(".quizgen-step.is-played")).to_have_count(3)


def test_a_position_chosen_twice_is_pointed_out_before_scoring(page: Page, kinds_site: Site) -> None:
    open_quiz(page, f"{kinds_site.url}/module/kinds/")
    # by index: Playwright matches a value such as "1" against the labels too ("1" is position 0's label)
    page.select_option("#quizgen-kinds-hold-steps-0", index=1)
    page.select_option("#quizgen-kinds-hold-steps-1", index=1)
    page.click(".quizgen-check")
    problem = page.locator("#quizgen-kinds-hold-steps .quizgen-problem")
    expect(problem).to_have_text("Position 1 is chosen for more than one item. Give each item a position of its own.")
    expect(page.locator(".quizgen-score")).to_have_text("Not checked yet: 1 question to put right first.")
    expect(page.locator(".quizgen-result:visible")).to_have_count(0)
    invalid = page.locator("#quizgen-kinds-hold-steps select[aria-invalid=true]")
    expect(invalid).to_have_count(2)
    expect(invalid.first).to_be_focused()  # the first of them as shown
    page.select_option("#quizgen-kinds-hold-steps-1", index=2)  # put right: the message goes
    expect(problem).to_be_hidden()
    page.click(".quizgen-check")
    expect(page.locator(".quizgen-score")).to_contain_text("of 14 points")


def test_a_call_asks_for_a_reply_and_can_be_restarted(page: Page, kinds_site: Site) -> None:
    open_quiz(page, f"{kinds_site.url}/module/kinds/")
    call = page.locator("#quizgen-kinds-late-parcel")
    expect(call.locator(".quizgen-step:visible")).to_have_count(1)
    call.locator(".quizgen-step[data-step='opening'] .quizgen-reply").click()
    expect(call.locator(".quizgen-problem")).to_have_text("Choose a reply first.")
    page.check("#quizgen-kinds-late-parcel-opening-1")
    call.locator(".quizgen-step[data-step='opening'] .quizgen-reply").click()
    expect(call.locator(".quizgen-problem")).to_be_hidden()
    expect(page.locator("#quizgen-kinds-late-parcel-upset-caller")).to_be_focused()
    expect(call.locator(".quizgen-call-live")).to_have_text("Being told to calm down rarely calms anyone.")
    expect(page.locator("#quizgen-kinds-late-parcel-opening-1")).to_be_disabled()
    restart = call.locator(".quizgen-restart")
    restart.click()
    expect(page.locator("#quizgen-kinds-late-parcel-opening-caller")).to_be_focused()
    expect(call.locator(".quizgen-step:visible")).to_have_count(1)
    expect(page.locator("#quizgen-kinds-late-parcel-opening-1")).to_be_enabled()
    expect(restart).to_be_hidden()


def test_a_hint_costs_what_its_button_said(page: Page, kinds_site: Site) -> None:
    open_quiz(page, f"{kinds_site.url}/module/kinds/")
    thank = page.locator("#quizgen-kinds-thank")
    button = thank.locator(".quizgen-hint-button")
    expect(button).to_have_text("Show hint 1 of 2 (costs 50% of this question's points)")
    button.click()
    expect(thank.locator(".quizgen-hint").first).to_be_visible()
    expect(thank.locator(".quizgen-hint").first).to_be_focused()
    expect(button).to_have_text("Show hint 2 of 2 (costs 50% of this question's points)")
    page.fill("#quizgen-kinds-thank-answer", "thank")
    page.click(".quizgen-check")
    expect(thank.locator(".quizgen-verdict")).to_have_text("Right, less the hints: 0.5 of 1 point.")
    expect(page.locator(".quizgen-score")).to_have_text("0.5 of 14 points (3%) - not passed yet, 80% needed")
    # the bank's own penalty, on another question
    expect(page.locator("#quizgen-kinds-greeting .quizgen-hint-button")).to_have_text(
        "Show hint 1 of 1 (costs 25% of this question's points)"
    )


def test_a_reload_keeps_the_attempt_and_try_again_starts_a_new_one(page: Page, kinds_site: Site) -> None:
    url = f"{kinds_site.url}/module/pool/"
    open_quiz(page, url)
    first = shown(page)
    assert len(first) == 3
    options = page.eval_on_selector_all(
        "fieldset.quizgen-question:not([hidden]) .quizgen-option input", "els => els.map(e => e.id)"
    )
    page.check(f"#quizgen-{first[0]}-0")
    page.check(f"#quizgen-{first[1]}-1")
    page.reload()
    page.wait_for_selector("form.quizgen-quiz.is-ready")
    assert shown(page) == first
    assert (
        page.eval_on_selector_all(
            "fieldset.quizgen-question:not([hidden]) .quizgen-option input", "els => els.map(e => e.id)"
        )
        == options
    )
    expect(page.locator(f"#quizgen-{first[0]}-0")).to_be_checked()
    expect(page.locator(f"#quizgen-{first[1]}-1")).to_be_checked()
    numbers = page.locator("fieldset.quizgen-question:not([hidden]) .quizgen-number")
    expect(numbers).to_have_text(
        ["Question 1 of 3 (1 point)", "Question 2 of 3 (1 point)", "Question 3 of 3 (1 point)"]
    )
    for _ in range(10):  # a new seed: the same draw and order come back once in 120 attempts
        page.click(".quizgen-reset")
        if shown(page) != first:
            break
    assert shown(page) != first
    expect(page.locator("form.quizgen-quiz input:checked")).to_have_count(0)
    page.reload()
    page.wait_for_selector("form.quizgen-quiz.is-ready")
    assert shown(page) != first


def test_checked_marks_come_back_after_a_reload(page: Page, kinds_site: Site) -> None:
    open_quiz(page, f"{kinds_site.url}/module/kinds/")
    answer(page, question(KINDS, "kinds-hold-steps"), right=True)  # type: ignore[arg-type]
    page.click(".quizgen-check")
    expect(page.locator(".quizgen-score")).to_have_text("3 of 14 points (21%) - not passed yet, 80% needed")
    page.reload()
    page.wait_for_selector("form.quizgen-quiz.is-ready")
    expect(page.locator("#quizgen-kinds-hold-steps")).to_have_class("quizgen-question is-correct")
    expect(page.locator(".quizgen-score")).to_have_text("3 of 14 points (21%) - not passed yet, 80% needed")


def test_exam_mode_takes_one_submission_then_shows_everything(page: Page, kinds_site: Site) -> None:
    open_quiz(page, f"{kinds_site.url}/module/exam/")
    check = page.locator(".quizgen-check")
    expect(check).to_have_text("Submit answers")
    page.check("#quizgen-exam-names-1")  # false: wrong
    check.click()
    expect(page.locator(".quizgen-score")).to_have_text(
        "1 question not answered in full. Press Submit answers again to submit as it stands."
    )
    expect(page.locator(".quizgen-result:visible")).to_have_count(0)
    check.click()
    expect(page.locator(".quizgen-score")).to_have_text("0 of 2 points (0%) - not passed yet, 80% needed")
    expect(check).to_be_disabled()
    expect(page.locator("#quizgen-exam-names-0")).to_be_disabled()
    # all the feedback: the right option's too
    expect(page.locator("#quizgen-exam-greeting-0-feedback")).to_be_visible()
    expect(page.locator("#quizgen-exam-greeting-1-feedback")).to_be_visible()
    expect(page.locator("#quizgen-exam-names .quizgen-feedback")).to_be_visible()
    page.reload()
    page.wait_for_selector("form.quizgen-quiz.is-ready")
    expect(page.locator(".quizgen-check")).to_be_disabled()
    expect(page.locator("#quizgen-exam-names-1")).to_be_checked()
    page.click(".quizgen-reset")  # a new attempt
    expect(page.locator(".quizgen-check")).to_be_enabled()
    expect(page.locator("#quizgen-exam-names-1")).to_be_enabled()
    expect(page.locator("#quizgen-exam-names-1")).not_to_be_checked()


@pytest.mark.parametrize(
    "stored",
    [
        "not json",
        '{"attempts": []}',
        '{"attempts": {"module/kinds": {"seed": -4, "answers": {}, "hints": {}}}}',
        '{"attempts": {"module/kinds": {"seed": 7, "answers": {"kinds-hold-steps": "x", "kinds-late-parcel": [9, 9],'
        ' "kinds-greeting": {"a": 1}, "kinds-details-why": [99]}, "hints": {"kinds-thank": "lots"}}}}',
    ],
)
def test_bad_stored_data_never_breaks_the_page(page: Page, kinds_site: Site, stored: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{kinds_site.url}/")
    page.evaluate("value => localStorage.setItem('quizgen.v1', value)", stored)
    open_quiz(page, f"{kinds_site.url}/module/kinds/")
    answer(page, question(KINDS, "kinds-hold-steps"), right=True)  # type: ignore[arg-type]
    page.click(".quizgen-check")
    expect(page.locator(".quizgen-score")).to_contain_text("of 14 points")
    assert errors == []


def test_works_without_storage(page: Page, kinds_site: Site) -> None:
    # The theme's own scripts fail without storage; ours must not.
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(error.stack or ""))
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }})"
    )
    open_quiz(page, f"{kinds_site.url}/module/kinds/")
    answer(page, question(KINDS, "kinds-late-parcel"), right=True)  # type: ignore[arg-type]
    page.click(".quizgen-check")
    expect(page.locator(".quizgen-score")).to_have_text("4 of 14 points (28%) - not passed yet, 80% needed")
    assert [e for e in errors if "assets/quizgen/" in e] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_is_accessible_before_and_after_checking(page: Page, kinds_site: Site, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_quiz(page, f"{kinds_site.url}/module/kinds/")
    if scheme == "dark":
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}}
    before = Axe().run(page, options=options)
    page.click("#quizgen-kinds-thank .quizgen-hint-button")
    for qid in ("kinds-hold-steps", "kinds-details-why", "kinds-late-parcel", "kinds-greeting"):
        answer(page, question(KINDS, qid), right=False)  # type: ignore[arg-type]
    page.click(".quizgen-check")
    expect(page.locator(".quizgen-score")).not_to_have_text("")
    after = Axe().run(page, options=options)
    for result in (before, after):
        violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in result.response["violations"]]
        assert violations == []


def test_the_kinds_styles_survive_the_themes_instant_navigation(page: Page, kinds_site: Site) -> None:
    """The theme swaps the head for the next page's, dropping what that lacks: the styles loaded on demand stay."""
    open_quiz(page, f"{kinds_site.url}/module/kinds/")
    page.evaluate("() => { window.quizgenTestMarker = 'kept'; }")
    replies = "#quizgen-kinds-late-parcel .quizgen-replies"  # a fieldset without a border: kinds.css
    expect(page.locator(replies).first).to_have_css("border-top-style", "none")
    for there in ("module/pool/", "module/kinds/"):  # away to a page without the rarer kinds, and back
        page.locator("nav.md-nav--primary").locator(f"a[href$='{there}']").first.click()
        page.wait_for_url(f"{kinds_site.url}/{there}")
        page.wait_for_selector("form.quizgen-quiz.is-ready")
    assert page.evaluate("() => window.quizgenTestMarker") == "kept"  # not reloaded
    expect(page.locator(replies).first).to_have_css("border-top-style", "none")


def test_every_kind_on_a_phone_with_the_keyboard(page: Page, kinds_site: Site) -> None:
    """390 px wide: every control at least 44 px, a hint revealed and the call played by keyboard,
    the focus ring seen on the hint, on the score and at each stop of the quiz."""
    page.set_viewport_size({"width": 390, "height": 800})
    open_quiz(page, f"{kinds_site.url}/module/kinds/")
    assert too_small(page) == []
    page.locator("#quizgen-kinds-thank .quizgen-hint-button").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#quizgen-kinds-thank-hint-0")).to_be_focused()
    assert focus_problem(page) is None
    for qid in shown(page):
        answer(page, question(KINDS, qid), right=False)  # type: ignore[arg-type]
    tab_to(page, "form.quizgen-quiz .quizgen-check")
    page.keyboard.press("Enter")
    expect(page.locator(".quizgen-score")).to_be_focused()
    assert focus_problem(page) is None
    assert too_small(page) == []
    assert walk_the_quiz(page) == []
