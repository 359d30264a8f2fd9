"""The learner's progress in a real Chromium: records, ticks, the progress
page, Continue links, stored data that went wrong, other tabs, and the
learner's own copy (download, restore, reset). The course is
tests/fixtures/progress: three two-question lessons whose right option says
"right", and a final check."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, Site, StaticServer, mkdocs_build
from playwright.sync_api import FilePayload, Locator, Page, Route, expect

pytestmark = pytest.mark.browser

KEY = "quizgen:a-short-course"
LESSONS = {
    "calls/answering": ("greet-one", "greet-two"),
    "calls/holding": ("hold-one", "hold-two"),
    "culture/ownership": ("own-one", "own-two"),
}
RESUMED = "Your unfinished attempt is back: carry on, or press Try again to start afresh."
UNREADABLE = "Your saved progress could not be read: it has been set aside, and you start afresh here."
NEWER = (
    "Your saved progress comes from a newer version of this course: this page leaves it as it is and keeps nothing. "
    "Reload the page to get the newer version."
)
NOT_KEEPING = "This browser is not keeping your progress (its storage is blocked or full)."


def watch(page: Page) -> list[str]:
    """The page's uncaught errors, collected for the test to assert there were none."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{error}\n{error.stack or ''}"))
    return errors


def open_lesson(page: Page, url: str, lesson: str = "calls/answering") -> None:
    page.goto(f"{url}/{lesson}/")
    page.wait_for_selector("form.quizgen-quiz.is-ready")


def open_progress(page: Page, url: str) -> None:
    page.goto(f"{url}/progress/")
    views_loaded(page)


def views_loaded(page: Page) -> None:
    # views.js defines QuizGen.pages when it has run: the tables are its work
    page.wait_for_function("() => window.QuizGen && typeof window.QuizGen.pages === 'function'")


def choose(page: Page, question_id: str, label: str) -> None:
    page.locator(f'fieldset[data-question-id="{question_id}"]').get_by_label(label, exact=True).check()


def answer_all(page: Page, lesson: str, label: str) -> None:
    for question_id in LESSONS[lesson]:
        choose(page, question_id, label)


def record(page: Page) -> Locator:
    return page.locator("form.quizgen-quiz .quizgen-record")


def today(page: Page) -> str:
    """Today as the runtime writes dates, in the browser's own time zone."""
    text: str = page.evaluate(
        "() => new Date().toLocaleDateString('en', {day: 'numeric', month: 'short', year: 'numeric'})"
    )
    return text


def pass_lesson(page: Page, url: str, lesson: str = "calls/answering") -> None:
    open_lesson(page, url, lesson)
    answer_all(page, lesson, "right")
    page.click(".quizgen-check")
    expect(record(page)).to_have_text(f"Passed on {today(page)}. Best score 100%, 1 attempt.")


def row(page: Page, quiz_id: str) -> Locator:
    return page.locator(f'[data-quizgen="progress"] tr[data-quiz-id="{quiz_id}"]')


def field(holder: Locator, name: str) -> Locator:
    return holder.locator(f'[data-field="{name}"]')


def nav_link(page: Page, title: str) -> Locator:
    return page.locator("nav.md-nav--primary a.md-nav__link", has_text=title)


def ticked(page: Page, title: str) -> None:
    link = nav_link(page, title)
    expect(link.locator(".quizgen-tick .quizgen-sr")).to_have_text("(passed)")
    expect(link.locator('.quizgen-tick [aria-hidden="true"]')).to_have_text("\u2713")
    expect(link).to_have_accessible_name(re.compile(rf"^{re.escape(title)}\s*\(passed\)$"))


def put(page: Page, url: str, items: dict[str, str | None], clear: bool = False) -> None:
    """Sets (or, for None, removes) localStorage items of the site's origin, from a blank page of that origin:
    a page of the site would read them at once (the runtime reads again whenever the theme changes the page)."""
    page.route(f"{url}/blank.html", lambda route: route.fulfill(content_type="text/html", body="<!doctype html>"))
    page.goto(f"{url}/blank.html")
    page.evaluate(
        """([items, clear]) => {
            if (clear) localStorage.clear();
            for (const [key, value] of Object.entries(items)) {
                if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value);
            }
        }""",
        [items, clear],
    )


def stored(page: Page, key: str = KEY) -> str | None:
    text: str | None = page.evaluate("key => localStorage.getItem(key)", key)
    return text


def test_a_passed_check_is_recorded_ticked_and_shown_on_the_progress_page(page: Page, progress_site: Site) -> None:
    url = progress_site.url
    errors = watch(page)
    open_lesson(page, url)
    expect(record(page)).to_be_hidden()
    expect(page.locator("nav.md-nav--primary .quizgen-tick")).to_have_count(0)
    answer_all(page, "calls/answering", "right")
    page.click(".quizgen-check")
    expect(page.locator(".quizgen-score")).to_have_text("2 of 2 points (100%) - passed")
    expect(record(page)).to_be_visible()
    expect(record(page)).to_have_text(f"Passed on {today(page)}. Best score 100%, 1 attempt.")
    # the sidebar of the same page is ticked at once, and only for this lesson: not its contents' links
    ticked(page, "Answering calls")
    expect(page.locator("nav.md-nav--primary .quizgen-tick")).to_have_count(1)
    expect(page.locator("nav.md-nav--secondary .quizgen-tick")).to_have_count(0)

    # to the progress page by the theme's instant navigation: the page is not reloaded
    page.evaluate("() => { window.quizgenTestMarker = 'kept'; }")
    page.locator("nav.md-nav--primary").get_by_role("link", name="My progress", exact=True).click()
    page.wait_for_url(f"{url}/progress/")
    answering = row(page, "calls/answering")
    expect(field(answering, "passed")).to_have_text(f"passed on {today(page)}")
    assert page.evaluate("() => window.quizgenTestMarker") == "kept"
    expect(field(answering, "best")).to_have_text("100%")
    expect(field(answering, "tries")).to_have_text("1")
    expect(field(answering, "last")).to_have_text(today(page))
    expect(answering).to_have_class(re.compile(r"\bis-passed\b"))
    holding = row(page, "calls/holding")
    expect(field(holding, "best")).to_have_text("none yet")
    expect(field(holding, "passed")).to_have_text("not yet")
    expect(field(holding, "tries")).to_have_text("0")
    expect(page.locator("#quizgen-course-progress")).to_have_text("The course: 1 of 4 checks passed")
    expect(page.locator('[aria-labelledby="quizgen-course-progress"]')).to_have_js_property("value", 1)
    expect(page.locator("#quizgen-module-0-progress")).to_have_text("Calls: 1 of 2 checks passed")
    expect(page.locator("#quizgen-module-1-progress")).to_have_text("Culture: 0 of 1 check passed")
    ticked(page, "Answering calls")
    expect(page.locator("nav.md-nav--primary .quizgen-tick")).to_have_count(1)
    assert errors == []


def test_the_first_check_of_an_attempt_is_its_score(page: Page, progress_site: Site) -> None:
    url = progress_site.url
    errors = watch(page)
    open_lesson(page, url)
    answer_all(page, "calls/answering", "wrong")
    page.click(".quizgen-check")
    score = page.locator(".quizgen-score")
    expect(score).to_have_text("0 of 2 points (0%) - not passed yet, 50% needed")
    expect(record(page)).to_have_text("Not passed yet. Best score 0%, 1 attempt.")
    # put right and checked again: the marks say so, the record does not
    answer_all(page, "calls/answering", "right")
    page.click(".quizgen-check")
    expect(score).to_have_text(
        "2 of 2 points (100%) - passed. "
        "This attempt's recorded score stays 0%: press Try again for a new attempt that counts"
    )
    expect(record(page)).to_have_text("Not passed yet. Best score 0%, 1 attempt.")
    expect(page.locator("nav.md-nav--primary .quizgen-tick")).to_have_count(0)
    quiz = json.loads(stored(page) or "{}")["quizzes"]["calls/answering"]
    assert (quiz["tries"], quiz["best"], quiz["passed"]) == (1, 0, None)
    # a new attempt counts
    page.click(".quizgen-reset")
    expect(page.locator("form.quizgen-quiz input:checked")).to_have_count(0)
    answer_all(page, "calls/answering", "right")
    page.click(".quizgen-check")
    expect(score).to_have_text("2 of 2 points (100%) - passed")
    expect(record(page)).to_have_text(f"Passed on {today(page)}. Best score 100%, 2 attempts.")
    ticked(page, "Answering calls")
    assert errors == []


def test_a_reload_brings_back_the_unfinished_attempt(page: Page, progress_site: Site) -> None:
    url = progress_site.url
    errors = watch(page)
    checked = page.locator("form.quizgen-quiz input:checked")

    def reload() -> None:
        page.reload()
        page.wait_for_selector("form.quizgen-quiz.is-ready")

    open_lesson(page, url)
    choose(page, "greet-two", "right")
    reload()
    greet_two = page.locator('fieldset[data-question-id="greet-two"]')
    expect(greet_two.get_by_label("right", exact=True)).to_be_checked()
    expect(checked).to_have_count(1)
    expect(record(page)).to_be_visible()
    expect(record(page)).to_have_text(RESUMED)
    # Try again clears the answers and the offer, and the new attempt is what a reload brings back
    page.click(".quizgen-reset")
    expect(checked).to_have_count(0)
    expect(record(page)).to_be_hidden()
    reload()
    expect(checked).to_have_count(0)
    expect(record(page)).to_be_hidden()  # nothing answered yet: nothing to carry on with

    choose(page, "greet-one", "wrong")
    reload()
    expect(page.locator('fieldset[data-question-id="greet-one"]').get_by_label("wrong", exact=True)).to_be_checked()
    expect(record(page)).to_have_text(RESUMED)
    # carrying on works; the check is the attempt's first, so it counts
    choose(page, "greet-two", "right")
    page.click(".quizgen-check")
    expect(record(page)).to_have_text(f"Passed on {today(page)}. Best score 50%, 1 attempt.")
    reload()
    expect(checked).to_have_count(2)  # a checked attempt comes back checked, and is not offered to carry on
    expect(page.locator("form.quizgen-quiz")).to_have_class(re.compile(r"\bis-checked\b"))
    expect(record(page)).to_have_text(f"Passed on {today(page)}. Best score 50%, 1 attempt.")
    page.click(".quizgen-reset")
    expect(checked).to_have_count(0)
    reload()
    expect(checked).to_have_count(0)
    expect(record(page)).to_have_text(f"Passed on {today(page)}. Best score 50%, 1 attempt.")
    assert errors == []


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        pytest.param("not json", UNREADABLE, id="not-json"),
        pytest.param("[1,2]", UNREADABLE, id="a-list"),
        pytest.param(
            '{"version": 2, "quizzes": {"calls/answering": {"tries": "x", "history": [{"seed": 1}]}}}',
            None,
            id="wrong-parts",
        ),
        pytest.param('{"version": 99, "quizzes": {}}', NEWER, id="newer"),
    ],
)
def test_stored_progress_that_cannot_be_used(page: Page, progress_site: Site, text: str, notice: str | None) -> None:
    url = progress_site.url
    errors = watch(page)
    newer = notice == NEWER

    def set_aside() -> list[str]:
        """Every copy set aside, under the key + ".set-aside." + the date."""
        found: list[str] = page.evaluate(
            """key => Object.keys(localStorage).filter(k => k.startsWith(key + ".set-aside.")).sort()
                .map(k => localStorage.getItem(k))""",
            KEY,
        )
        return found

    def expect_kept() -> None:
        if newer:  # a newer build's progress is left exactly as it is, and nothing is set aside
            assert stored(page) == text
            assert set_aside() == []
        else:
            assert set_aside() == ([text] if notice else [])
            assert json.loads(stored(page) or "{}")["version"] == 2

    # the progress page renders, with the notice
    put(page, url, {KEY: text}, clear=True)
    open_progress(page, url)
    page_notice = page.locator('[data-quizgen="progress"] > .quizgen-notice')
    if notice:
        expect(page_notice).to_be_visible()
        expect(page_notice).to_have_text(notice)
    else:
        expect(page_notice).to_be_hidden()
    answering = row(page, "calls/answering")
    expect(field(answering, "best")).to_have_text("none yet")
    expect(field(answering, "tries")).to_have_text("0")
    expect(page.locator("#quizgen-course-progress")).to_have_text("The course: 0 of 4 checks passed")
    expect_kept()

    # a lesson's quiz shows the notice and still checks and records
    put(page, url, {KEY: text}, clear=True)
    open_lesson(page, url)
    form_notice = page.locator("form.quizgen-quiz .quizgen-notice")
    if notice:
        expect(form_notice).to_be_visible()
        expect(form_notice).to_have_text(notice)
    else:
        expect(form_notice).to_be_hidden()
    answer_all(page, "calls/answering", "right")
    page.click(".quizgen-check")
    expect(page.locator(".quizgen-score")).to_have_text("2 of 2 points (100%) - passed")
    expect(record(page)).to_have_text(f"Passed on {today(page)}. Best score 100%, 1 attempt.")
    expect_kept()
    if not newer:
        data = json.loads(stored(page) or "{}")
        assert data["quizzes"]["calls/answering"]["tries"] == 1
        assert len(data["quizzes"]["calls/answering"]["history"]) == 1
    assert errors == []


def test_progress_of_version_1_is_carried_over(page: Page, progress_site: Site) -> None:
    url = progress_site.url
    errors = watch(page)
    old = {
        "attempts": {
            "calls/answering": {
                "seed": 12345,
                "answers": {"greet-one": 0},  # the option written first: "right"
                "hints": {},
                "checked": False,
                "submitted": False,
            }
        }
    }
    put(page, url, {KEY: None, "quizgen.v1": json.dumps(old)})
    open_lesson(page, url)
    greet_one = page.locator('fieldset[data-question-id="greet-one"]')
    expect(greet_one.get_by_label("right", exact=True)).to_be_checked()
    expect(page.locator("form.quizgen-quiz input:checked")).to_have_count(1)
    expect(record(page)).to_have_text(RESUMED)
    expect(page.locator("form.quizgen-quiz .quizgen-notice")).to_be_hidden()
    assert stored(page, "quizgen.v1") is None
    data = json.loads(stored(page) or "{}")
    assert data["version"] == 2
    assert data["quizzes"]["calls/answering"]["current"]["seed"] == 12345
    assert data["quizzes"]["calls/answering"]["current"]["answers"]["greet-one"] == 0
    choose(page, "greet-two", "right")
    page.click(".quizgen-check")
    expect(record(page)).to_have_text(f"Passed on {today(page)}. Best score 100%, 1 attempt.")
    assert errors == []


def test_quizzes_and_progress_page_work_without_storage(page: Page, progress_site: Site) -> None:
    url = progress_site.url
    errors = watch(page)
    # The theme's own scripts fail without storage; ours must not.
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }})"
    )
    open_lesson(page, url)
    notice = page.locator("form.quizgen-quiz .quizgen-notice")
    expect(notice).to_be_visible()
    expect(notice).to_have_text(NOT_KEEPING)
    answer_all(page, "calls/answering", "right")
    page.click(".quizgen-check")
    expect(page.locator(".quizgen-score")).to_have_text("2 of 2 points (100%) - passed")
    expect(record(page)).to_have_text(f"Passed on {today(page)}. Best score 100%, 1 attempt.")
    ticked(page, "Answering calls")  # progress lives in memory for as long as the page does
    open_progress(page, url)
    page_notice = page.locator('[data-quizgen="progress"] > .quizgen-notice')
    expect(page_notice).to_be_visible()
    expect(page_notice).to_have_text(NOT_KEEPING)
    expect(field(row(page, "calls/answering"), "passed")).to_have_text("not yet")
    expect(page.locator("#quizgen-course-progress")).to_have_text("The course: 0 of 4 checks passed")
    assert [e for e in errors if "assets/quizgen/" in e] == []


def test_another_tab_follows_the_progress(page: Page, progress_site: Site) -> None:
    url = progress_site.url
    errors = watch(page)
    other = page.context.new_page()
    other_errors = watch(other)
    open_progress(other, url)
    answering = row(other, "calls/answering")
    expect(field(answering, "passed")).to_have_text("not yet")
    other.evaluate("() => { window.quizgenTestMarker = 'kept'; }")

    page.bring_to_front()  # a tab in the background draws no frames: Playwright would wait on them
    pass_lesson(page, url)
    expect(field(answering, "passed")).to_have_text(f"passed on {today(other)}")
    expect(field(answering, "best")).to_have_text("100%")
    expect(field(answering, "tries")).to_have_text("1")
    expect(other.locator("#quizgen-course-progress")).to_have_text("The course: 1 of 4 checks passed")
    expect(other.locator('[aria-labelledby="quizgen-course-progress"]')).to_have_js_property("value", 1)
    ticked(other, "Answering calls")
    expect(other.locator('[data-quizgen="continue"] a')).to_have_text("Continue with: Holding a call")
    assert other.evaluate("() => window.quizgenTestMarker") == "kept"  # no reload

    # the other way round: a reset in the progress tab reaches the lesson's tab
    other.bring_to_front()
    other.click('button[data-action="reset"]')
    other.click('button[data-action="confirm-reset"]')
    expect(field(answering, "passed")).to_have_text("not yet")
    expect(record(page)).to_be_hidden()
    expect(page.locator("nav.md-nav--primary .quizgen-tick")).to_have_count(0)

    # the lesson's tab began a new attempt: the deleted one neither comes back nor keeps counting
    page.bring_to_front()
    expect(page.locator(".quizgen-score")).to_have_text("")
    answer_all(page, "calls/answering", "right")
    page.click(".quizgen-check")
    expect(record(page)).to_have_text(f"Passed on {today(page)}. Best score 100%, 1 attempt.")
    expect(field(answering, "tries")).to_have_text("1")

    # a change elsewhere in the course leaves an attempt under way alone: focus and answers stay
    open_lesson(page, url, "calls/holding")
    choose(page, "hold-one", "right")
    focused = page.evaluate("() => document.activeElement.id")
    other.bring_to_front()
    open_lesson(other, url, "culture/ownership")
    answer_all(other, "culture/ownership", "right")
    other.click(".quizgen-check")
    page.bring_to_front()
    ticked(page, "Ownership")
    assert page.evaluate("() => document.activeElement.id") == focused
    expect(page.locator('fieldset[data-question-id="hold-one"]').get_by_label("right", exact=True)).to_be_checked()
    assert errors == []
    assert other_errors == []


def test_an_attempt_stored_with_questions_that_do_not_fit_starts_cleanly(page: Page, progress_site: Site) -> None:
    """Stored question ids that are unknown, repeated or named like Object.prototype's properties."""
    url = progress_site.url
    errors = watch(page)
    current = {
        "seed": 7,
        "questions": ["greet-one", "constructor", "toString", "greet-one"],
        "answers": {"greet-one": None, "constructor": 1},
        "hints": {"constructor": 1},
        "checked": False,
        "submitted": False,
        "recorded": False,
    }
    data = {"version": 2, "name": "", "quizzes": {"calls/answering": {"tries": 0, "history": [], "current": current}}}
    put(page, url, {KEY: json.dumps(data)}, clear=True)
    open_lesson(page, url)
    shown = page.locator("fieldset.quizgen-question:not([hidden])")
    expect(shown).to_have_count(1)
    choose(page, "greet-one", "right")
    page.click(".quizgen-check")
    expect(page.locator(".quizgen-score")).to_have_text("1 of 1 point (100%) - passed")
    assert errors == []


def test_a_quiz_of_a_kind_this_script_does_not_know_says_to_reload(page: Page, progress_site: Site) -> None:
    """A page newer than the script (instant navigation across a redeploy): a message, never a loop or an error."""
    url = progress_site.url
    errors = watch(page)

    def newer_page(route: Route) -> None:
        body = route.fetch().text().replace('"type":"single"', '"type":"a-kind-from-the-future"', 1)
        route.fulfill(body=body, content_type="text/html")

    page.route(f"{url}/calls/answering/", newer_page)
    page.goto(f"{url}/calls/answering/")
    expect(page.locator(".quizgen-score")).to_have_text("Reload this page to use this quiz.")
    expect(page.locator("form.quizgen-quiz.is-ready")).to_have_count(0)
    assert errors == []


def restore_file(page: Page, name: str, content: bytes) -> None:
    payload: FilePayload = {"name": name, "mimeType": "application/json", "buffer": content}
    page.set_input_files('input[data-action="restore-file"]', files=[payload])


def test_download_reset_and_restore(page: Page, progress_site: Site) -> None:
    url = progress_site.url
    errors = watch(page)
    pass_lesson(page, url)
    open_progress(page, url)
    answering = row(page, "calls/answering")
    status = page.locator('[data-quizgen="tools"] .quizgen-tools-status')
    expect(field(answering, "passed")).to_have_text(f"passed on {today(page)}")

    with page.expect_download() as info:
        page.click('button[data-action="download"]')
    download = info.value
    assert re.fullmatch(r"a-short-course-progress-\d{4}-\d\d-\d\d\.json", download.suggested_filename)
    expect(status).to_have_text(f"Your progress was downloaded as {download.suggested_filename}.")
    raw = Path(download.path()).read_bytes()
    saved = json.loads(raw)
    assert saved["course"] == "a-short-course"
    assert isinstance(saved["saved"], str)
    assert saved["progress"]["version"] == 2
    assert saved["progress"] == json.loads(stored(page) or "{}")
    quiz = saved["progress"]["quizzes"]["calls/answering"]
    assert (quiz["tries"], quiz["best"]) == (1, 100)
    assert quiz["passed"]

    # Cancel keeps the progress
    page.click('button[data-action="reset"]')
    reset_part = page.locator('[data-part="reset"]')
    expect(reset_part).to_be_visible()
    expect(page.locator('button[data-action="confirm-reset"]')).to_be_focused()
    reset_part.locator('button[data-action="cancel"]').click()
    expect(reset_part).to_be_hidden()
    expect(status).to_have_text("Nothing was changed.")
    expect(field(answering, "passed")).to_have_text(f"passed on {today(page)}")

    # reset, with confirmation
    page.click('button[data-action="reset"]')
    page.click('button[data-action="confirm-reset"]')
    expect(status).to_have_text("Your progress in this browser was deleted.")
    expect(reset_part).to_be_hidden()
    expect(field(answering, "passed")).to_have_text("not yet")
    expect(field(answering, "best")).to_have_text("none yet")
    expect(field(answering, "tries")).to_have_text("0")
    expect(page.locator("#quizgen-course-progress")).to_have_text("The course: 0 of 4 checks passed")
    expect(page.locator("nav.md-nav--primary .quizgen-tick")).to_have_count(0)
    assert json.loads(stored(page) or "{}")["quizzes"] == {}

    # restore the downloaded file
    restore_part = page.locator('[data-part="restore"]')
    restore_file(page, "mine.json", raw)
    expect(restore_part).to_be_visible()
    summary = (
        "This file holds 1 of 4 checks passed; this browser has 0. Restoring replaces the progress in this browser."
    )
    expect(field(restore_part, "restore-summary")).to_have_text(summary)
    expect(field(answering, "passed")).to_have_text("not yet")  # nothing changes before the learner confirms
    page.click('button[data-action="restore"]')
    expect(status).to_have_text("Your progress was restored from the file.")
    expect(restore_part).to_be_hidden()
    expect(field(answering, "passed")).to_have_text(f"passed on {today(page)}")
    expect(field(answering, "best")).to_have_text("100%")
    expect(page.locator("#quizgen-course-progress")).to_have_text("The course: 1 of 4 checks passed")
    ticked(page, "Answering calls")
    assert json.loads(stored(page) or "{}") == saved["progress"]

    # files that cannot be restored change nothing
    before = stored(page)
    other_course = {**saved, "course": "another-course"}
    newer = {**saved, "progress": {**saved["progress"], "version": 3}}
    for name, content, message in [
        ("damaged.json", b"{not json", "This file is damaged or is not a progress file: it could not be read."),
        (
            "other.json",
            json.dumps(other_course).encode(),
            "This file holds progress from another course (another-course).",
        ),
        ("newer.json", json.dumps(newer).encode(), "This file was saved by a newer version of this course"),
    ]:
        restore_file(page, name, content)
        expect(status).to_contain_text(message)
        expect(status).to_contain_text("Your progress in this browser was not changed.")
        expect(restore_part).to_be_hidden()
        expect(field(answering, "passed")).to_have_text(f"passed on {today(page)}")
        assert stored(page) == before
    assert errors == []


def test_the_continue_link_leads_through_the_course(page: Page, progress_site: Site) -> None:
    url = progress_site.url
    errors = watch(page)
    link = page.locator('[data-quizgen="continue"] a')
    page.goto(f"{url}/")
    expect(link).to_have_text("Start the course: Answering calls")
    expect(link).to_have_js_property("href", f"{url}/calls/answering/")

    pass_lesson(page, url)
    page.goto(f"{url}/")
    expect(link).to_have_text("Continue with: Holding a call")
    expect(link).to_have_js_property("href", f"{url}/calls/holding/")
    link.click()
    page.wait_for_url(f"{url}/calls/holding/")
    page.wait_for_selector("form.quizgen-quiz.is-ready")
    expect(page.locator("form.quizgen-quiz")).to_have_attribute("data-quiz-id", "calls/holding")

    pass_lesson(page, url, "calls/holding")
    pass_lesson(page, url, "culture/ownership")
    page.goto(f"{url}/")
    expect(link).to_have_text("Every lesson passed: take the Final check")
    expect(link).to_have_js_property("href", f"{url}/final-check/")
    link.click()
    page.wait_for_url(f"{url}/final-check/")
    page.wait_for_selector("form.quizgen-quiz.is-ready")
    shown = page.locator("form.quizgen-quiz fieldset.quizgen-question:not([hidden])")
    expect(shown).to_have_count(3)
    for index in range(3):
        shown.nth(index).get_by_label("right", exact=True).check()
    page.click(".quizgen-check")
    expect(record(page)).to_have_text(f"Passed on {today(page)}. Best score 100%, 1 attempt.")
    page.goto(f"{url}/")
    expect(link).to_have_text("You have passed every check: open your certificate")
    expect(link).to_have_js_property("href", f"{url}/certificate/")
    assert errors == []


def test_progress_survives_a_rebuild_with_questions_reordered_added_and_removed(page: Page, tmp_path: Path) -> None:
    """Progress is keyed by quiz and question ids: an updated course keeps every learner's history."""
    project = tmp_path / "course"
    shutil.copytree(FIXTURES / "progress", project)
    server = StaticServer(project / "site")
    try:

        def build() -> None:
            result = mkdocs_build(project, site_url=f"{server.url}/")
            assert result.returncode == 0, result.stdout + result.stderr

        build()
        errors = watch(page)
        pass_lesson(page, server.url)  # a passed attempt on calls/answering
        open_lesson(page, server.url, "calls/holding")
        choose(page, "hold-two", "right")  # an attempt under way on calls/holding, its second question answered

        # The author removes hold-two and greet-one, reorders what is left and adds a question to each bank.
        new_question = (
            "  - id: {id}\n    type: single\n    prompt: A question added later ({id}).\n"
            "    options:\n      - text: right\n        correct: true\n      - text: wrong\n"
        )
        for bank, keep, added in (
            ("calls/answering", "greet-two", "greet-three"),
            ("calls/holding", "hold-one", "hold-three"),
        ):
            path = project / "quizzes" / f"{bank}.yml"
            text = path.read_text(encoding="utf-8")
            head, questions = text.split("questions:\n", 1)
            kept = [
                block for block in re.split(r"(?m)^(?=  - id: )", questions) if block.startswith(f"  - id: {keep}\n")
            ]
            path.write_text(f"{head}questions:\n{new_question.format(id=added)}{kept[0]}", encoding="utf-8")
        build()

        open_lesson(page, server.url, "calls/holding")
        # the attempt under way keeps its questions, less the removed one; nothing breaks
        shown = page.locator("fieldset.quizgen-question:not([hidden])")
        expect(shown).to_have_count(1)
        expect(shown.first).to_have_attribute("data-question-id", "hold-one")
        choose(page, "hold-one", "right")
        page.click(".quizgen-check")
        expect(page.locator(".quizgen-score")).to_contain_text("1 of 1 point (100%) - passed")

        open_lesson(page, server.url)
        expect(record(page)).to_have_text(f"Passed on {today(page)}. Best score 100%, 1 attempt.")
        open_progress(page, server.url)
        row = page.locator('tr[data-quiz-id="calls/answering"]')
        expect(row.locator('[data-field="passed"]')).to_have_text(f"passed on {today(page)}")
        expect(page.locator('tr[data-quiz-id="calls/holding"] [data-field="tries"]')).to_have_text("1")
        assert errors == []
    finally:
        server.close()
