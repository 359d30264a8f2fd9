"""`quizgen new lesson`: templates that pass the checks, and mkdocs.yml kept as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, mkdocs_build

from quizgen.anchors import LessonAnchors
from quizgen.check import check_course
from quizgen.cli import main
from quizgen.load import load_bank
from quizgen.model import QUESTION_TYPES
from quizgen.new_lesson import new_lesson
from quizgen.problems import QuizgenError
from quizgen.site_config import read_site_config


@pytest.fixture
def real_course(tmp_path: Path) -> Path:
    """A copy of this course's config, lessons and banks."""
    target = tmp_path / "real"
    target.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", target)
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copytree(ROOT / "quizzes", target / "quizzes")
    return target


def added_lines(before: str, after: str) -> list[str]:
    old, new = before.splitlines(), after.splitlines()
    for line in old:
        new.remove(line)  # every old line is still there...
    return new


def test_new_lesson_in_an_existing_module_adds_one_nav_line(real_course: Path) -> None:
    config = real_course / "mkdocs.yml"
    before = config.read_text()
    written = new_lesson(real_course, "phone-skills/leaving-a-voice-mail", "Leaving a voice mail")
    assert written == [
        real_course / "content/phone-skills/leaving-a-voice-mail.md",
        real_course / "quizzes/phone-skills/leaving-a-voice-mail.yml",
        config,
    ]
    after = config.read_text()
    assert added_lines(before, after) == ["      - phone-skills/leaving-a-voice-mail.md"]
    lines = after.splitlines()  # ...and in its place: right after the module's last lesson
    assert lines.index("      - phone-skills/leaving-a-voice-mail.md") == (
        lines.index("      - phone-skills/both-ends-of-the-line.md") + 1
    )
    assert 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]' in after
    assert "  font: false          # no web fonts: the site is served without internet" in after


def test_new_lesson_in_a_new_module(real_course: Path) -> None:
    config = real_course / "mkdocs.yml"
    before = config.read_text()
    new_lesson(real_course, "complaints/first-steps", "First steps")
    assert added_lines(before, config.read_text()) == ["  - Complaints:", "      - complaints/first-steps.md"]


def test_the_templates_pass_every_check(real_course: Path) -> None:
    new_lesson(real_course, "phone-skills/leaving-a-voice-mail", "Leaving a voice mail")
    bank = load_bank(real_course / "quizzes/phone-skills/leaving-a-voice-mail.yml").bank
    assert sorted(q.type for q in bank.questions) == sorted(QUESTION_TYPES)
    lesson = (real_course / "content/phone-skills/leaving-a-voice-mail.md").read_text()
    anchors = LessonAnchors()(lesson)
    assert all(q.see and q.see[1:] in anchors for q in bank.questions)
    assert lesson.startswith("# Leaving a voice mail\n")
    result = check_course(read_site_config(real_course))
    assert result.errors == 0 and result.warnings == 0, [p.format() for p in result.problems]


def test_titles_are_quoted_safely(course: Path) -> None:
    title = 'Holds: "why" & how # not a comment'
    new_lesson(course, "module/holds", title)
    assert load_bank(course / "quizzes/module/holds.yml").bank.title == title
    assert (course / "content/module/holds.md").read_text().startswith(f"# {title}\n")


def test_the_bank_points_editors_at_the_schema(course: Path) -> None:
    new_lesson(course, "module/holds", "Holds")
    first = (course / "quizzes/module/holds.yml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../bank.schema.json"


def test_refuses_to_overwrite_and_writes_nothing(course: Path) -> None:
    config = (course / "mkdocs.yml").read_text()
    (course / "quizzes/module/other.yml").write_text("title: mine\n")
    with pytest.raises(QuizgenError) as raised:
        new_lesson(course, "module/other", "Other")
    messages = [p.format() for p in raised.value.problems]
    assert messages == [
        f"{course / 'content/module/other.md'}: error: already exists; nothing was written "
        "(choose another name, or edit the file)",
        f"{course / 'quizzes/module/other.yml'}: error: already exists; nothing was written "
        "(choose another name, or edit the file)",
    ]
    assert (course / "quizzes/module/other.yml").read_text() == "title: mine\n"
    assert (course / "mkdocs.yml").read_text() == config


@pytest.mark.parametrize("target", ["Phone-Skills/x", "phone skills/x", "lesson", "a/b/c", "a/", "a/b_c", "/x"])
def test_bad_names_are_refused(course: Path, target: str) -> None:
    with pytest.raises(QuizgenError) as raised:
        new_lesson(course, target, "T")
    assert "is not MODULE/SLUG in lowercase words joined by hyphens" in raised.value.problems[0].message


def test_an_empty_title_is_refused(course: Path) -> None:
    with pytest.raises(QuizgenError, match="the title is empty"):
        new_lesson(course, "module/x", "  ")


def test_a_course_without_nav_is_left_alone(course: Path) -> None:
    config = course / "mkdocs.yml"
    config.write_text(config.read_text().split("nav:")[0])
    before = config.read_text()
    assert config not in new_lesson(course, "module/x", "X")
    assert config.read_text() == before


def test_the_command_then_a_strict_build(course: Path) -> None:
    result = CliRunner().invoke(
        main, ["new", "lesson", "module/voice-mail", "--title", "Voice mail", "--course", str(course)]
    )
    assert result.exit_code == 0, result.output
    assert "wrote content/module/voice-mail.md" in result.output
    assert "wrote mkdocs.yml" in result.output
    build = mkdocs_build(course)
    assert build.returncode == 0, build.stderr
    page = (course / "site/module/voice-mail/index.html").read_text()
    assert 'class="quizgen-quiz"' in page and 'data-quiz-id="module/voice-mail"' in page


def test_the_command_reports_refusals_with_exit_1(course: Path) -> None:
    result = CliRunner().invoke(main, ["new", "lesson", "module/lesson", "--title", "Again", "--course", str(course)])
    assert result.exit_code == 1
    assert "already exists; nothing was written" in result.output


def test_the_command_needs_a_title(course: Path) -> None:
    result = CliRunner().invoke(main, ["new", "lesson", "module/x", "--course", str(course)])
    assert result.exit_code == 2 and "--title" in result.output
