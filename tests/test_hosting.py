"""The course as HR hosts it (HOSTING.md): under a strict Content-Security-Policy,
with no request leaving the site, under a sub-path, and opened from the file
system with no server at all. Real builds, real Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, Site, StaticServer, mkdocs_build
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

THEME = Path(__import__("material").__file__).parent / "templates" / "partials" / "javascripts"
OURS = ROOT / "content" / "javascripts"

# Records every violation of the page's Content-Security-Policy, from the first script on.
WATCH_CSP = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + event.sourceFile);
});
"""


def violations(page: Page) -> list[str]:
    found: list[str] = page.evaluate("() => window.__violations || []")
    return found


def visit_every_page(page: Page, site: Path, url: str, suffix: str = "/") -> None:
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative == "404.html" or relative.startswith(("assets/", "search/")):
            continue
        address = relative.removesuffix("index.html") if suffix == "/" else relative
        page.goto(f"{url}/{address}")
        page.wait_for_load_state("load")


@pytest.mark.parametrize(
    ("partial", "files"),
    [
        ("base.html", ["theme-base.js"]),
        ("palette.html", ["theme-palette.js"]),
        ("content.html", ["theme-content-tabs.js", "theme-content.js"]),
    ],
)
def test_the_themes_inline_scripts_live_on_as_files(partial: str, files: list[str]) -> None:
    """overrides/ replaces the theme's inline scripts with these files: they must still match the theme's."""
    theme = re.findall(r"<script>(.*?)</script>", (THEME / partial).read_text(encoding="utf-8"), re.S)
    ours = [
        re.sub(r"\A/\*.*?\*/\s*", "", (OURS / name).read_text(encoding="utf-8"), flags=re.S).strip() for name in files
    ]
    expected = [
        code.replace('"{{ config.extra.scope | d(base_url) }}"', "document.currentScript.dataset.scope")
        for code in theme
    ]
    if partial == "base.html":
        fallback, ours[0] = ours[0].split("\n", 1)
        assert fallback.startswith("var __md_storage=function(){try{return localStorage")
        expected = [code.replace("=localStorage", "=__md_storage") for code in expected]
    assert ours == expected, f"the theme's {partial} changed: update overrides/ and content/javascripts/"


def test_no_page_has_an_inline_script(project_site: Site) -> None:
    """Only data (JSON) inside <script> elements: the policy allows scripts from files alone."""
    for html in project_site.path.rglob("*.html"):
        for attributes in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html.read_text(encoding="utf-8")):
            assert 'type="application/json"' in attributes, (html, attributes)


def test_no_page_breaks_the_strict_policy(page: Page, project_site: Site) -> None:
    """Home, a lesson (its quiz checked), the progress page and the final check, by instant navigation too."""
    page.add_init_script(WATCH_CSP)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    url = project_site.url
    page.goto(f"{url}/")
    assert violations(page) == []
    page.click(".quizgen-continue a")  # instant navigation to the first lesson
    page.wait_for_selector("form.quizgen-quiz.is-ready")
    page.click(".quizgen-check")
    expect(page.locator(".quizgen-score")).not_to_have_text("")
    assert violations(page) == []
    page.locator("nav.md-nav--primary a", has_text="My progress").first.click()
    page.wait_for_function("() => window.QuizGen && typeof window.QuizGen.pages === 'function'")
    expect(page.locator('tr[data-quiz-id="phone-skills/answering-the-call"] [data-field="tries"]')).to_have_text("1")
    page.goto(f"{url}/final-check/")
    page.wait_for_selector("form.quizgen-quiz.is-ready")
    page.click(".quizgen-check")
    page.click(".quizgen-check")  # the exam asks once before submitting unanswered questions
    expect(page.locator("form.quizgen-quiz")).to_have_class(re.compile(r"\bis-submitted\b"))
    page.goto(f"{url}/capstone/")
    page.wait_for_selector("form.quizgen-quiz.is-ready")  # the rarer kinds load on demand
    page.goto(f"{url}/certificate/")
    page.wait_for_function("() => window.QuizGen && typeof window.QuizGen.pages === 'function'")
    assert violations(page) == []
    assert errors == []


def test_no_request_leaves_the_site(page: Page, project_site: Site) -> None:
    outside: list[str] = []
    origin = project_site.url

    def record(request_url: str) -> None:
        if not request_url.startswith((origin, "data:", "blob:", "about:")):
            outside.append(request_url)

    page.on("request", lambda request: record(request.url))
    visit_every_page(page, project_site.path, origin)
    page.goto(f"{origin}/")
    page.keyboard.press("/")  # the theme's search, with its worker and index
    page.keyboard.type("transfer")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert outside == []


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The course built for https://intranet.example/training/ as HR would: served under /training/."""
    root = tmp_path_factory.mktemp("intranet")
    server = StaticServer(root)
    try:
        result = mkdocs_build(ROOT, "--site-dir", str(root / "training"), site_url=f"{server.url}/training/")
        assert result.returncode == 0, result.stdout + result.stderr
        yield Site(root / "training", f"{server.url}/training")
    finally:
        server.close()


def test_the_course_works_under_a_sub_path(page: Page, sub_path_site: Site) -> None:
    url = sub_path_site.url
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{url}/")
    page.click(".quizgen-continue a")
    page.wait_for_selector("form.quizgen-quiz.is-ready")
    assert page.url == f"{url}/phone-skills/answering-the-call/"
    page.click(".quizgen-check")
    expect(page.locator(".quizgen-record")).to_contain_text("1 attempt")
    page.goto(f"{url}/progress/")
    page.wait_for_function("() => window.QuizGen && typeof window.QuizGen.pages === 'function'")
    expect(page.locator('tr[data-quiz-id="phone-skills/answering-the-call"] [data-field="tries"]')).to_have_text("1")
    link = page.locator('tr[data-quiz-id="phone-skills/answering-the-call"] a')
    assert link.evaluate("a => a.href") == f"{url}/phone-skills/answering-the-call/"
    assert errors == []


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `make offline` builds (the same config and switch), into a temporary folder."""
    site = tmp_path_factory.mktemp("offline") / "site-offline"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs-offline.yml", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_the_offline_copy_works_from_the_file_system(page: Page, offline_copy: Path) -> None:
    root = offline_copy.as_uri()
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(("file:", "data:", "blob:", "about:")) else outside.append(request.url)
        ),
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{root}/index.html")
    page.click(".quizgen-continue a")
    page.wait_for_selector("form.quizgen-quiz.is-ready")
    assert page.url == f"{root}/phone-skills/answering-the-call.html"
    page.click(".quizgen-check")
    expect(page.locator(".quizgen-record")).to_contain_text("1 attempt")
    page.goto(f"{root}/progress.html")
    page.wait_for_function("() => window.QuizGen && typeof window.QuizGen.pages === 'function'")
    expect(page.locator('tr[data-quiz-id="phone-skills/answering-the-call"] [data-field="tries"]')).to_have_text("1")
    page.goto(f"{root}/capstone.html")
    page.wait_for_selector("form.quizgen-quiz.is-ready")
    page.keyboard.press("/")
    page.keyboard.type("transfer")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert outside == []
    assert errors == []


def test_make_offline_zips_the_copy() -> None:
    """The make target HOSTING.md names exists and zips the folder it builds."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = re.search(r"^offline:.*?(?=^\S|\Z)", makefile, re.S | re.M)
    assert target, "make offline"
    assert "mkdocs-offline.yml" in target.group(0) and "course-offline.zip" in target.group(0)
    assert shutil.which("make")


def test_the_theme_and_the_quizzes_work_where_storage_is_refused(page: Page, project_site: Site) -> None:
    """Some browsers refuse storage (settings, private windows): no script error at all, and the quiz says so."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{error}\n{error.stack or ''}"))
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }})"
    )
    page.goto(f"{project_site.url}/")
    page.click(".quizgen-continue a")
    page.wait_for_selector("form.quizgen-quiz.is-ready")
    expect(page.locator("form.quizgen-quiz .quizgen-notice")).to_contain_text("not keeping your progress")
    page.click(".quizgen-check")
    expect(page.locator(".quizgen-score")).not_to_have_text("")
    page.locator("[data-md-component=palette] label").first.click()  # the theme remembers the palette in memory
    assert errors == []
