"""WCAG 2.1 AA on every page of the real course, in a real Chromium, as HR hosts it
(under the strict Content-Security-Policy). Each page is visited in three settings,
one browser context each: light and dark palettes on a desktop, and a 390 px phone.
On each, axe-core before and after its quiz is checked; every quiz is
done with the keyboard alone (or, on the phone, any answers quickly), the score then
has the focus, each result is said in words, and a Tab through the quiz finds a
visible focus ring at each stop; on the phone every control is large enough to tap.
The checks themselves are in tests/a11y.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from a11y import failures, focus_problem, legends_astride, said_by_colour_alone, too_small, walk_the_quiz
from conftest import COURSE_PAGES, ROOT, Site, every_page, ready
from keyboard import answer, tab_to
from playwright.sync_api import Browser, BrowserContext, Page, expect

from quizgen.load import load_bank
from quizgen.model import Question

pytestmark = pytest.mark.browser

THEME = Path(__import__("material").__file__).parent / "templates"
PHONE = 390
# (palette, width, answers): with the keyboard alone, every answer right (the run ends with the
# certificate) or every answer wrong; or any answers, given quickly, for the marks on a phone.
SETTINGS = [("light", 1280, "right"), ("dark", 1280, "wrong"), ("light", PHONE, "any")]

QUESTIONS: dict[str, Question] = {
    question.id: question
    for bank in sorted(ROOT.glob("quizzes/**/*.yml"))
    for question in load_bank(bank).bank.questions
}

# Any answers to the questions shown, as a learner's clicks would give them: the first question
# left unanswered, then the last option of each radio group, the first checkbox, words in a blank,
# each list its own position, a call played out.
ANY_ANSWERS = """form => {
  const change = el => el.dispatchEvent(new Event("change", {bubbles: true}));
  for (const set of [...form.querySelectorAll("fieldset.quizgen-question:not([hidden])")].slice(1)) {
    const call = set.querySelector(".quizgen-call");
    for (let step = 0; call && step < 50 && call.querySelector(".quizgen-call-end").hidden; step++) {
      const open = [...call.querySelectorAll(".quizgen-step:not([hidden]) input:enabled")];
      open[open.length - 1].checked = true;
      change(open[open.length - 1]);
      open[0].closest(".quizgen-step").querySelector(".quizgen-reply").click();
    }
    if (call) continue;
    const radios = [...set.querySelectorAll("input[type=radio]")];
    if (radios.length) { radios[radios.length - 1].checked = true; change(radios[radios.length - 1]); }
    const box = set.querySelector("input[type=checkbox]");
    if (box) { box.checked = true; change(box); }
    for (const text of set.querySelectorAll("input[type=text]")) { text.value = "not this"; change(text); }
    set.querySelectorAll("select").forEach((list, index) => { list.selectedIndex = index + 1; change(list); });
  }
}"""


def do_the_quiz(page: Page, right: bool) -> str | None:
    """With the keyboard alone, from the quiz's heading: answer every question shown, check, land on the score;
    what is wrong with the focus shown there."""
    # the start: the heading's own link (going to its address instead would have the theme's
    # instant navigation swap the page in while the keys are pressed)
    page.locator("div.quizgen > h2 a.headerlink").focus()
    shown = page.eval_on_selector_all(
        "fieldset.quizgen-question:not([hidden])", "sets => sets.map(set => set.dataset.questionId)"
    )
    for question_id in shown:
        answer(page, QUESTIONS[question_id], right)
    tab_to(page, "form.quizgen-quiz .quizgen-check")
    page.keyboard.press("Enter")
    score = page.locator(".quizgen-score")
    expect(score).to_be_focused()
    expect(score).to_contain_text("(100%) - passed" if right else "not passed yet")
    return focus_problem(page)


def click_through_the_quiz(page: Page) -> None:
    """Any answers, quickly (the keyboard's way is tested in another setting), then Check with the mouse."""
    page.locator("form.quizgen-quiz").evaluate(ANY_ANSWERS)
    page.click(".quizgen-check")
    score = page.locator(".quizgen-score")
    if page.locator("form.quizgen-quiz[data-mode=exam]").count():  # asks once before submitting with one unanswered
        expect(score).to_contain_text("Press Submit answers again")
        page.click(".quizgen-check")
    expect(score).to_be_focused()
    expect(score).to_contain_text("%")


@pytest.fixture(params=SETTINGS, ids=[f"{scheme}-{width}px" for scheme, width, _ in SETTINGS])
def setting(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[BrowserContext, str, int, str]]:
    scheme, width, answers = request.param
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    yield context, scheme, width, answers
    context.close()


def test_every_page_before_and_after_its_quiz(
    setting: tuple[BrowserContext, str, int, str], project_site: Site
) -> None:
    context, scheme, width, answers = setting
    page = context.new_page()
    found: dict[str, list[Any]] = {}
    # the progress page and the certificate empty first, and again after every check of the course
    for number, path in enumerate([*COURSE_PAGES[::2], *every_page(project_site.path)]):
        page.goto(f"{project_site.url}/{path}")
        ready(page)
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", "slate" if scheme == "dark" else "default"
        )
        at = f"{path} ({'empty' if number < 2 else 'before'})"
        found[at] = failures(page)
        if width == PHONE:
            found[f"{at}: targets too small"] = too_small(page)
        if not page.locator("form.quizgen-quiz").count():
            continue
        found[f"{at}: legend astride the border"] = legends_astride(page)
        if answers == "any":
            click_through_the_quiz(page)
        else:
            on_the_score = do_the_quiz(page, answers == "right")
            found[f"{path}: focus on the score"] = [on_the_score] if on_the_score else []
        at = f"{path} (after)"
        found[at] = failures(page)
        found[f"{at}: said by colour alone"] = said_by_colour_alone(page)
        found[f"{at}: focus"] = walk_the_quiz(page)
        if width == PHONE:
            found[f"{at}: targets too small"] = too_small(page)
    problems = [f"{at}: {problem}" for at, found_there in found.items() for problem in found_there]
    assert not problems, "\n".join(problems)
    if answers == "right":
        expect(page.locator('[data-part="done"]')).to_be_visible()  # the certificate, every check passed


def test_the_search_dialog_override_is_the_themes_partial_named() -> None:
    """overrides/partials/search.html is the theme's partial, its dialog given a name: a theme update shows here."""
    theme = (THEME / "partials/search.html").read_text(encoding="utf-8")
    ours = (ROOT / "overrides/partials/search.html").read_text(encoding="utf-8")
    strip = re.compile(r"\A\{#-.*?-#\}\s*", re.S)  # the leading comment of each
    named = strip.sub("", ours)
    assert ' role="dialog" aria-label="{{ lang.t(\'search\') }}"' in named
    assert named.replace(" aria-label=\"{{ lang.t('search') }}\"", "", 1) == strip.sub("", theme), (
        "the theme's partials/search.html changed: update overrides/partials/search.html"
    )
