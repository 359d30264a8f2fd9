"""The course built with ProperDocs, the continuation of MkDocs 1.x that keeps
plugins: a real `properdocs build --strict` from .venv-properdocs (Makefile),
with our MkDocs plugin, of this repository's course and of
tests/fixtures/progress. No `quizgen prepare`: the plugin does that work."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from hosts import copy_project, manifest, output, properdocs_build, quiz_sections

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def properdocs_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("properdocs") / "course")
    result = properdocs_build(project)
    assert result.returncode == 0, output(result)
    return project / "site"


def test_the_course_builds_with_every_lesson_quizzed_as_under_mkdocs(
    properdocs_project: Path, built_project: Path
) -> None:
    lessons = sorted(p.relative_to(ROOT / "quizzes").with_suffix("").as_posix() for p in ROOT.glob("quizzes/**/*.yml"))
    for lesson in lessons:
        ours = (properdocs_project / lesson / "index.html").read_text(encoding="utf-8")
        assert ours.count('<form class="quizgen-quiz"') == 1, lesson
        assert quiz_sections(ours) == quiz_sections((built_project / lesson / "index.html").read_text()), lesson
    assert manifest(properdocs_project) == manifest(built_project)
    assert not (properdocs_project / "assets" / "quizgen" / "quizgen.js").exists()  # the plugin's hashed files only
    final = (properdocs_project / "final-check" / "index.html").read_text(encoding="utf-8")
    assert 'data-quiz-id="_final"' in final


def test_the_progress_course_builds_with_its_pages(tmp_path: Path) -> None:
    project = tmp_path / "course"
    shutil.copytree(FIXTURES / "progress", project)
    result = properdocs_build(project)
    assert result.returncode == 0, output(result)
    site = project / "site"
    for lesson in ("calls/answering", "calls/holding", "culture/ownership"):
        assert (site / lesson / "index.html").read_text(encoding="utf-8").count(f'data-quiz-id="{lesson}"') == 1
    progress = (site / "progress" / "index.html").read_text(encoding="utf-8")
    assert progress.count('data-quizgen="progress"') == 4  # the course, two modules, the final check
    assert "<!-- quizgen:" not in progress


def test_a_broken_bank_fails_the_build(tmp_path: Path) -> None:
    project = tmp_path / "course"
    shutil.copytree(FIXTURES / "progress", project)
    bank = project / "quizzes" / "calls" / "holding.yml"
    bank.write_text(bank.read_text().replace("type: single", "type: singel", 1))
    result = properdocs_build(project)
    assert result.returncode != 0
    assert "quizzes/calls/holding.yml:" in output(result)
