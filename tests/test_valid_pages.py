"""Valid pages: every built page of the real course, and of the course with every kind of
question, through the Nu Html Checker (vnu.jar from npm, tests/js/package-lock.json, run
on the machine's Java) with no error in our markup; the theme's own errors are accepted
below, each by its exact message, with the reason. And no page of the course logs an
error or a warning to the browser's console."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from typing import Any

import pytest
from conftest import ROOT, Site, every_page, ready
from playwright.sync_api import Page, expect

VNU = ROOT / "tests/js/node_modules/vnu-jar/build/dist/vnu.jar"


@dataclass(frozen=True)
class Accepted:
    """An error the checker finds in mkdocs-material's own templates, accepted."""

    message: str  # the checker's message, exactly
    marker: str  # in the markup the checker quotes: the theme's element it is about
    reason: str


THEME_ERRORS = (
    Accepted(
        "Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.",
        'class="md-nav__link',
        'partials/nav-item.html writes tabindex="" on the label of a section (navigation.sections). Browsers '
        "ignore a value that is not a number, so the label stays out of the tab order, as the theme means. "
        "Only a copy of that template, the theme's largest, could change it, to keep in step with every update.",
    ),
    Accepted(
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
        "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
        "or “week”.",
        'class="md-toggle"',
        'base.html\'s hidden checkboxes that open the menu drawer and the search carry autocomplete="off" so '
        "that Firefox does not reopen them from its form cache on reload; nothing else reads it. They are in "
        "the theme's page skeleton outside any block: only a copy of the whole base.html could change them.",
    ),
    Accepted(
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
        'for="__toc"',
        "partials/toc.html's title of the contents is a label for the toggle that opens the contents in the "
        "phone's menu, which partials/nav-item.html leaves out on a module's index page (navigation.indexes). "
        "Clicking the title there does nothing, as on any page on a wide screen.",
    ),
)


def accepts(accepted: Accepted, message: dict[str, Any]) -> bool:
    return message.get("message") == accepted.message and accepted.marker in message.get("extract", "")


@pytest.fixture(scope="module")
def checked(project_site: Site, kinds_site: Site) -> list[dict[str, Any]]:
    """The checker's errors in every page of both sites, from one run (the JVM is slow to start)."""
    java = shutil.which("java")
    assert java, "The HTML check needs Java: make test installs it (Debian: apt-get install default-jre-headless)"
    assert VNU.is_file(), "vnu.jar is missing: make test installs it from npm (tests/js)"
    options = ["--format", "json", "--errors-only", "--exit-zero-always", "--skip-non-html"]
    result = subprocess.run(
        [java, "-jar", str(VNU), *options, str(project_site.path), str(kinds_site.path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    messages: list[dict[str, Any]] = json.loads(result.stderr)["messages"]  # the checker reports on stderr
    return messages


@pytest.mark.build
def test_every_page_is_valid_but_for_the_themes_accepted_errors(checked: list[dict[str, Any]]) -> None:
    ours = [
        f"{m.get('url', '')}:{m.get('lastLine', '')}: {m.get('message')}\n    {m.get('extract', '').strip()}"
        for m in checked
        if not any(accepts(accepted, m) for accepted in THEME_ERRORS)
    ]
    assert not ours, "\n".join(ours)


@pytest.mark.build
def test_every_accepted_theme_error_still_occurs(checked: list[dict[str, Any]]) -> None:
    """An error the theme no longer makes leaves the list, so that the list says what is true."""
    gone = [accepted.message for accepted in THEME_ERRORS if not any(accepts(accepted, m) for m in checked)]
    assert gone == []


@pytest.mark.browser
def test_no_page_logs_an_error_or_a_warning(page: Page, project_site: Site) -> None:
    """Every page, each quiz checked (an exam submitted), under the strict policy: the console stays quiet."""
    logged: list[str] = []
    page.on("console", lambda m: m.type in ("error", "warning") and logged.append(f"{page.url} {m.type}: {m.text}"))
    page.on("pageerror", lambda error: logged.append(f"{page.url} {error}"))
    for path in every_page(project_site.path):
        page.goto(f"{project_site.url}/{path}")
        ready(page)
        if page.locator("form.quizgen-quiz").count():
            page.click(".quizgen-check")
            if page.locator("form.quizgen-quiz[data-mode=exam]").count():
                expect(page.locator(".quizgen-score")).to_contain_text("Press Submit answers again")
                page.click(".quizgen-check")
            expect(page.locator(".quizgen-score")).to_contain_text("%")
    assert logged == []
