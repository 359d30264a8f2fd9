"""SCORM packages (`quizgen export scorm12|scorm2004`) against a real SCORM
runtime: npm's scorm-again, in Chromium, hosting the package in a frame as
an LMS does. The course is tests/fixtures/progress (three lessons whose right
options say "right", and a final check drawing one question from each)."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT, StaticServer
from playwright.sync_api import FrameLocator, Page, expect

from quizgen.cli import main

RUNTIME = ROOT / "tests" / "js" / "node_modules" / "scorm-again" / "dist"
LESSONS = ("calls/answering", "calls/holding", "culture/ownership")
HOST = """<!doctype html>
<html><head><meta charset="utf-8"><title>LMS</title>
<script src="/runtime/{file}"></script>
<script>
  window.calls = {{ init: 0, finish: 0 }};
  window.sets = {{}};
  window.{api} = new {cls}({{ autocommit: false, logLevel: 5 }});
  {api}.on("{init}", () => window.calls.init++);
  {api}.on("{finish}", () => window.calls.finish++);
  {api}.on("{set}.cmi.*", (element, value) => {{ window.sets[element] = value; }});
</script></head>
<body><iframe id="lms" src="/package/scorm-launch.html" style="width:100%;height:900px"></iframe></body></html>
"""
STANDARDS = {
    "scorm12": {
        "file": "scorm12.min.js",
        "api": "API",
        "cls": "Scorm12API",
        "init": "LMSInitialize",
        "finish": "LMSFinish",
        "set": "LMSSetValue",
    },
    "scorm2004": {
        "file": "scorm2004.min.js",
        "api": "API_1484_11",
        "cls": "Scorm2004API",
        "init": "Initialize",
        "finish": "Terminate",
        "set": "SetValue",
    },
}


def export(standard: str, output: Path) -> str:
    project = output.parent / "course"
    if not project.exists():
        shutil.copytree(FIXTURES / "progress", project)
    result = CliRunner().invoke(main, ["export", standard, "-o", str(output), str(project)])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module", params=list(STANDARDS))
def lms(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The package unzipped beside a host page that plays the LMS, served: (standard, host page URL)."""
    standard: str = request.param
    root = tmp_path_factory.mktemp(f"lms-{standard}")
    package = root / "course.zip"
    export(standard, package)
    with zipfile.ZipFile(package) as archive:
        archive.extractall(root / "package")
    shutil.copytree(RUNTIME, root / "runtime")
    (root / "host.html").write_text(HOST.format(**STANDARDS[standard]), encoding="utf-8")
    server = StaticServer(root)
    try:
        yield standard, f"{server.url}/host.html"
    finally:
        server.close()


def course(page: Page) -> FrameLocator:
    return page.frame_locator("#lms").frame_locator("#quizgen-course")


def cmi(page: Page, standard: str, key: str) -> str:
    api = STANDARDS[standard]["api"]
    value: str = page.evaluate(f"() => String(window.{api}.cmi.{key})")
    return value


def pass_current_quiz(frame: FrameLocator | Page) -> None:
    frame.locator("form.quizgen-quiz.is-ready").wait_for()
    for fieldset in frame.locator("fieldset.quizgen-question:not([hidden])").all():
        fieldset.get_by_label("right", exact=True).check()
    frame.locator(".quizgen-check").click()
    frame.locator(".quizgen-score").filter(has_text="passed").wait_for()


def test_a_learner_passes_the_course_inside_the_lms(page: Page, lms: tuple[str, str]) -> None:
    standard, url = lms
    v12 = standard == "scorm12"
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    frame = course(page)
    frame.locator('[data-quizgen="continue"] a').click()  # the home page's Continue link: lesson one
    pass_current_quiz(frame)
    status = "core.lesson_status" if v12 else "completion_status"
    page.wait_for_function(
        f"() => String(window.{STANDARDS[standard]['api']}.cmi.suspend_data).includes('calls/answering')"
    )
    assert cmi(page, standard, status) == "incomplete"
    for lesson in LESSONS[1:]:
        frame.locator(f'nav a[href$="{lesson.split("/")[1]}.html"]').first.click()
        pass_current_quiz(frame)
    frame.locator('nav a[href$="final-check.html"]').first.click()
    pass_current_quiz(frame)
    api = STANDARDS[standard]["api"]
    page.wait_for_function(f"() => window.{api}.cmi.{'core.lesson_status' if v12 else 'success_status'} === 'passed'")
    assert cmi(page, standard, "core.score.raw" if v12 else "score.raw") == "100"
    if not v12:
        assert cmi(page, standard, "completion_status") == "completed"
        assert cmi(page, standard, "score.scaled") == "1"
    suspend = cmi(page, standard, "suspend_data")
    assert len(suspend) <= 4096  # SCORM 1.2's limit, which scorm-again does not enforce
    for lesson in LESSONS:
        assert f'"{lesson}":[100,' in suspend
    # each question of the final check, as an interaction with its answer and result
    sets = page.evaluate("() => window.sets")
    interactions = sorted(key for key in sets if re.fullmatch(r"cmi\.interactions\.\d+\.id", key))
    assert len(interactions) == 3  # one question drawn from each lesson
    assert {sets[key] for key in interactions} <= {f"{q}-{n}" for q in ("greet", "hold", "own") for n in ("one", "two")}
    for key in interactions:
        base = key.removesuffix(".id")
        assert sets[f"{base}.result"] == "correct"
        assert sets[f"{base}.type"] == ("performance" if v12 else "other")
        assert sets[f"{base}.{'student_response' if v12 else 'learner_response'}"].isdigit()  # the option chosen
    # moving between pages never ended the session: one initialise, no finish yet
    assert page.evaluate("() => window.calls") == {"init": 1, "finish": 0}
    # the learner leaves: the session ends once, with its time
    page.evaluate("() => document.getElementById('lms').remove()")
    page.wait_for_function("() => window.calls.finish === 1")
    sets = page.evaluate("() => window.sets")
    assert re.fullmatch(
        r"\d{4}:\d\d:\d\d" if v12 else r"PT\d+H\d+M\d+S", sets["cmi.core.session_time" if v12 else "cmi.session_time"]
    )
    assert errors == []


def test_the_lms_copy_of_progress_comes_back_in_a_new_browser(page: Page, lms: tuple[str, str]) -> None:
    """suspend_data from another computer: merged into this browser's empty store on launch."""
    standard, url = lms
    api = STANDARDS[standard]["api"]
    summary = '{"v":2,"q":{"calls/answering":[100,20416,2,20416]}}'
    page.add_init_script(
        f"""window.addEventListener("DOMContentLoaded", () => {{
              if (window.{api}) window.{api}.loadFromJSON({{ suspend_data: {summary!r} }});
            }});"""
    )
    page.goto(url)
    frame = course(page)
    frame.locator('[data-quizgen="continue"] a').filter(has_text="Holding a call").wait_for()


def test_outside_an_lms_the_package_works_and_says_nothing_is_recorded(page: Page, lms: tuple[str, str]) -> None:
    _, url = lms
    page.goto(url.replace("host.html", "package/scorm-launch.html"))
    expect(page.locator("#quizgen-lms-notice")).to_be_visible()
    frame = page.frame_locator("#quizgen-course")
    frame.locator('[data-quizgen="continue"] a').click()
    pass_current_quiz(frame)


@pytest.mark.parametrize("standard", list(STANDARDS))
def test_the_manifest_lists_every_file_and_sets_the_mastery_score(standard: str, tmp_path: Path) -> None:
    package = tmp_path / "course.zip"
    output = export(standard, package)
    assert f"wrote {package}: {standard} package of" in output
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        root = ET.fromstring(archive.read("imsmanifest.xml"))
    namespace = root.tag.split("}")[0].strip("{")
    ns = {"m": namespace}
    assert namespace == (
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
        if standard == "scorm12"
        else "http://www.imsglobal.org/xsd/imscp_v1p1"
    )
    assert root.find("m:metadata/m:schema", ns).text == "ADL SCORM"  # type: ignore[union-attr]
    version = root.find("m:metadata/m:schemaversion", ns).text  # type: ignore[union-attr]
    assert version == ("1.2" if standard == "scorm12" else "2004 4th Edition")
    organizations = root.find("m:organizations", ns)
    assert organizations is not None and organizations.get("default") == "course"
    item = root.find("m:organizations/m:organization/m:item", ns)
    assert item is not None and item.get("identifierref") == "course-sco"
    (resource,) = root.findall("m:resources/m:resource", ns)
    assert resource.get("href") == "scorm-launch.html" and resource.get("identifier") == "course-sco"
    listed = {file.get("href") for file in resource.findall("m:file", ns)}
    assert listed == names - {"imsmanifest.xml"}  # every file listed, and nothing listed that is missing
    assert "scorm-launch.html" in listed and "index.html" in listed
    assert not any(name.endswith("/") or name.startswith(("/", "..")) for name in names)
    text = ET.tostring(root, encoding="unicode")
    assert ">50<" in text if standard == "scorm12" else ">0.5<" in text  # the final check's pass mark


def test_a_failed_export_leaves_no_file(tmp_path: Path) -> None:
    project = tmp_path / "course"
    shutil.copytree(FIXTURES / "progress", project)
    (project / "quizzes/calls/answering.yml").write_text("title: [\n", encoding="utf-8")
    output = tmp_path / "course.zip"
    result = CliRunner().invoke(main, ["export", "scorm12", "-o", str(output), str(project)])
    assert result.exit_code == 1
    assert "no package was written" in result.output
    assert list(tmp_path.glob("course.zip*")) == [] and list(tmp_path.glob(".course.zip*")) == []


def test_an_lms_that_refuses_a_value_is_logged_and_the_course_goes_on(page: Page, lms: tuple[str, str]) -> None:
    standard, url = lms
    api, setter = STANDARDS[standard]["api"], STANDARDS[standard]["set"]
    error = "GetLastError" if standard == "scorm2004" else "LMSGetLastError"
    page.add_init_script(
        f"""window.addEventListener("DOMContentLoaded", () => {{
              const lms = window.{api};
              if (!lms) return;
              const original = lms.{setter}.bind(lms), lastError = lms.{error}.bind(lms);
              let refused = false;
              lms.{setter} = (key, value) => {{
                refused = key === "cmi.suspend_data";
                return refused ? "false" : original(key, value);
              }};
              lms.{error} = () => (refused ? "351" : lastError());
            }});"""
    )
    warnings: list[str] = []
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    errors: list[str] = []
    page.on("pageerror", lambda failure: errors.append(str(failure)))
    page.goto(url)
    frame = course(page)
    frame.locator('[data-quizgen="continue"] a').click()
    pass_current_quiz(frame)
    wanted = f"the LMS refused {setter}(cmi.suspend_data): error 351"
    for _ in range(30):  # the launch page reports when the store's change reaches it
        if any(wanted in text for text in warnings):
            break
        page.wait_for_timeout(100)
    assert any(wanted in text for text in warnings), warnings
    frame.locator('nav a[href$="holding.html"]').first.click()  # the course goes on
    pass_current_quiz(frame)
    assert errors == []


def test_unreadable_suspend_data_from_the_lms_keeps_the_browsers_copy(page: Page, lms: tuple[str, str]) -> None:
    standard, url = lms
    api = STANDARDS[standard]["api"]
    page.goto(url.replace("host.html", "package/index.html"))  # the course alone: lesson one passed in this browser
    page.locator('[data-quizgen="continue"] a').click()
    pass_current_quiz(page)
    page.add_init_script(
        f"""window.addEventListener("DOMContentLoaded", () => {{
              if (window.{api}) window.{api}.loadFromJSON({{ suspend_data: "{{not json" }});
            }});"""
    )
    errors: list[str] = []
    page.on("pageerror", lambda failure: errors.append(str(failure)))
    page.goto(url)
    course(page).locator('[data-quizgen="continue"] a').filter(has_text="Holding a call").wait_for()
    assert errors == []
