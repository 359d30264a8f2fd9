"""The course built with Zensical, which reads mkdocs.yml but runs no MkDocs
plugin: `quizgen prepare`, then a real `zensical build` from .venv-zensical
(Makefile), of this repository's course and of tests/fixtures/progress.

The quizzes must be the plugin's, byte for byte: the same core renders both.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, Site
from hosts import (
    ZENSICAL_BIN,
    manifest,
    output,
    prepare,
    quiz_sections,
    zensical_build,
)

from quizgen.i18n import ENGLISH, messages_for

pytestmark = pytest.mark.build

LESSONS_WITH_BANKS = sorted(
    path.relative_to(ROOT / "quizzes").with_suffix("").as_posix() for path in (ROOT / "quizzes").rglob("*.yml")
)


@pytest.fixture(scope="module")
def zensical_project(zensical_project_site: Site) -> Path:
    """This repository's course, prepared and built with Zensical (conftest)."""
    return zensical_project_site.path


def test_every_lesson_has_its_quiz_as_the_plugin_renders_it(zensical_project: Path, built_project: Path) -> None:
    assert len(LESSONS_WITH_BANKS) >= 15
    for lesson in LESSONS_WITH_BANKS:
        ours = (zensical_project / lesson / "index.html").read_text(encoding="utf-8")
        plugins = (built_project / lesson / "index.html").read_text(encoding="utf-8")
        assert ours.count('<form class="quizgen-quiz"') == 1, lesson
        assert f'data-quiz-id="{lesson}"' in ours
        # same heading anchors, same "Review: ..." links, same data: one renderer
        assert quiz_sections(ours) == quiz_sections(plugins), lesson
        assert re.search(r'<a href="#check-yourself"[^>]*class="md-nav__link"', ours), "the quiz is in the contents"
    assert "quizgen-quiz" not in (zensical_project / "glossary" / "index.html").read_text(encoding="utf-8")


def test_the_course_manifest_and_its_own_pages_match_the_plugins(zensical_project: Path, built_project: Path) -> None:
    assert manifest(zensical_project) == manifest(built_project)
    for page in ("progress", "final-check", "certificate"):
        ours = (zensical_project / page / "index.html").read_text(encoding="utf-8")
        plugins = (built_project / page / "index.html").read_text(encoding="utf-8")
        assert "<!-- quizgen:" not in ours, f"{page}: a marker left unfilled"
        holders = r'<div class="quizgen[^"]*" data-quizgen="[a-z]+".*?</div>'
        assert re.findall(holders, ours, re.S) == re.findall(holders, plugins, re.S), page
    final = (zensical_project / "final-check" / "index.html").read_text(encoding="utf-8")
    assert quiz_sections(final) == quiz_sections((built_project / "final-check" / "index.html").read_text())
    home = (zensical_project / "index.html").read_text(encoding="utf-8")
    assert 'class="quizgen-continue"' in home


def test_every_page_loads_the_runtime_from_files_and_runs_no_inline_script(zensical_project: Path) -> None:
    for html in zensical_project.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for attributes in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", text):
            assert 'type="application/json"' in attributes, (html, attributes)
        if html.name == "index.html" and "quizgen-quiz" in text:
            assert re.search(r'<script src="[./]*assets/quizgen/quizgen\.js">', text), html
            assert re.search(r'<script src="[./]*assets/quizgen/course\.js">', text), html
            assert re.search(r'<link rel="stylesheet" href="[./]*assets/quizgen/quizgen\.css">', text), html
    for name in ("quizgen.js", "course.js", "quizgen.css"):
        assert (zensical_project / "assets" / "quizgen" / name).stat().st_size > 0


def test_the_search_index_leaves_the_quizzes_out(zensical_project: Path) -> None:
    index = (zensical_project / "search.json").read_text(encoding="utf-8")
    assert "taking-messages" in index  # the lesson is indexed...
    assert "Naming your colleague's line and then yourself" not in index  # ...its check's explanations are not
    assert "Question 1 of" not in index


def _progress_course(tmp_path: Path) -> Path:
    project = tmp_path / "course"
    shutil.copytree(FIXTURES / "progress", project)
    return project


def test_a_broken_bank_stops_the_build_naming_its_line(tmp_path: Path) -> None:
    project = _progress_course(tmp_path)
    assert prepare(project).returncode == 0
    bank = project / "quizzes" / "calls" / "holding.yml"
    bank.write_text(bank.read_text().replace("type: single", "type: singel", 1))
    result = zensical_build(project)
    assert result.returncode != 0
    assert re.search(r"quizgen: quizzes/calls/holding\.yml:\d+:\d+: error: ", output(result)), output(result)


def test_a_see_link_without_its_heading_stops_the_build(tmp_path: Path) -> None:
    project = _progress_course(tmp_path)
    assert prepare(project).returncode == 0
    lesson = project / "content" / "calls" / "answering.md"
    lesson.write_text(lesson.read_text().replace("## The lesson", "## Renamed"))
    result = zensical_build(project)
    assert result.returncode != 0
    assert "'see' points to #the-lesson, but content/calls/answering.md has no heading" in output(result)


def test_files_prepare_did_not_write_stop_the_build(tmp_path: Path) -> None:
    project = _progress_course(tmp_path)
    result = zensical_build(project)  # no `quizgen prepare` first
    assert result.returncode != 0
    assert "run `quizgen prepare` before building" in output(result), output(result)
    assert prepare(project).returncode == 0
    (project / "content" / "culture" / "ownership.md").write_text("# Ownership, renamed\n\n## The lesson\n")
    result = zensical_build(project)  # the manifest names the lesson by its old title
    assert result.returncode != 0
    assert "assets/quizgen/course.js" in output(result)
    assert prepare(project).returncode == 0
    assert zensical_build(project).returncode == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_while_serving_a_broken_bank_shows_on_its_page_and_the_server_goes_on(tmp_path: Path) -> None:
    project = _progress_course(tmp_path)
    assert prepare(project).returncode == 0
    bank = project / "quizzes" / "calls" / "holding.yml"
    bank.write_text(bank.read_text().replace("type: single", "type: singel", 1))
    port = _free_port()
    server = subprocess.Popen(
        [str(ZENSICAL_BIN / "zensical"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = _fetch_when_up(f"http://127.0.0.1:{port}/calls/holding/", server)
        assert "This self-check cannot be shown: quizgen found a problem" in page
        assert "quizzes/calls/holding.yml:" in page
        assert '<form class="quizgen-quiz"' not in page
        other = _fetch_when_up(f"http://127.0.0.1:{port}/calls/answering/", server)
        assert 'data-quiz-id="calls/answering"' in other
        assert server.poll() is None, "the preview server stopped"
    finally:
        server.terminate()
        printed, _ = server.communicate(timeout=30)
    assert re.search(r"quizgen: quizzes/calls/holding\.yml:\d+:\d+: error: ", printed), printed


def _fetch_when_up(url: str, server: subprocess.Popen[str], seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while True:
        assert server.poll() is None, "zensical serve exited"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text: str = response.read().decode("utf-8")
                return text
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_the_progress_course_builds_with_each_lesson_quizzed(zensical_progress_site: Site) -> None:
    for lesson in ("calls/answering", "calls/holding", "culture/ownership"):
        html = (zensical_progress_site.path / lesson / "index.html").read_text(encoding="utf-8")
        assert html.count(f'data-quiz-id="{lesson}"') == 1, lesson
    final = (zensical_progress_site.path / "final-check" / "index.html").read_text(encoding="utf-8")
    assert 'data-quiz-id="_final"' in final


def test_the_quizzes_speak_the_sites_language_under_zensical(tmp_path: Path) -> None:
    """theme.language reaches the extension and `quizgen prepare`: the same catalogue as under MkDocs."""
    project = _progress_course(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  language: de\n", 1))
    assert prepare(project).returncode == 0
    result = zensical_build(project)
    assert result.returncode == 0, output(result)
    t = messages_for("de")
    lesson = (project / "site/calls/answering/index.html").read_text(encoding="utf-8")
    assert t("quiz.heading") in lesson and t("quiz.check") in lesson and ENGLISH("quiz.check") not in lesson
    progress = (project / "site/progress/index.html").read_text(encoding="utf-8")
    assert t("pages.download") in progress
    script = (project / "site/assets/quizgen/quizgen.js").read_text(encoding="utf-8")
    assert '.lang="de"' in script  # the runtime's own words are German too
