"""`quizgen new lesson`'s scaffolding: templates that pass every check, a nav
entry in the right place, mkdocs.yml otherwise untouched, and clear refusals."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, mkdocs_build

from quizgen.anchors import LessonAnchors
from quizgen.check import check_course
from quizgen.cli import main
from quizgen.load import load_bank
from quizgen.model import QUESTION_TYPES, MultipleQuestion, ScenarioQuestion, SingleQuestion
from quizgen.problems import QuizgenError
from quizgen.scaffold import new_lesson
from quizgen.site_config import read_site_config

COMMENTED_CONFIG = """\
site_name: Example   # the name in the header
site_url: !ENV [SITE_URL, 'http://127.0.0.1:8000/']
docs_dir: content
plugins:
  - quizgen
markdown_extensions:
  - toc:
      permalink: true
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
nav:
  - Home: index.md
  # Module one
  - Phone skills:
      - Overview: phone-skills/index.md
      - phone-skills/answering.md  # the first lesson
  # Module two
  - Service:
      - service/culture.md

  # Keep the glossary last
extra:
  owner: "HR"
"""


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``root`` (folders as None), to show that nothing changed."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes() if path.is_file() else None for path in root.rglob("*")
    }


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    """(added lines, removed lines), as `git diff` would show them."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [line[2:] for line in diff if line.startswith("+ ")], [line[2:] for line in diff if line.startswith("- ")]


def refusal(root: Path, target: str, title: str = "A title") -> list[str]:
    """The problems ``new_lesson`` reports, checking that it wrote nothing at all."""
    before = snapshot(root)
    with pytest.raises(QuizgenError) as raised:
        new_lesson(root, target, title)
    assert snapshot(root) == before
    return [problem.format() for problem in raised.value.problems]


@pytest.fixture
def real_config(tmp_path: Path) -> Path:
    """A course folder holding this course's own mkdocs.yml."""
    root = tmp_path / "real"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    return root


@pytest.fixture
def commented(tmp_path: Path) -> Path:
    """A course whose mkdocs.yml has comments between nav sections, tags and quoting."""
    root = tmp_path / "commented"
    root.mkdir()
    (root / "mkdocs.yml").write_text(COMMENTED_CONFIG)
    return root


# --- the navigation -------------------------------------------------------------------------------------------------


def test_a_lesson_in_an_existing_module_goes_at_the_end_of_its_section(course: Path) -> None:
    config = course / "mkdocs.yml"
    before = config.read_text()
    written = new_lesson(course, "module/voice-mail", "Voice mail")
    assert written == [course / "content/module/voice-mail.md", course / "quizzes/module/voice-mail.yml", config]
    assert all(path.is_file() for path in written)
    after = config.read_text()
    assert changes(before, after) == (["      - module/voice-mail.md"], [])
    assert after.endswith("      - module/other.md\n      - module/voice-mail.md\n")


def test_the_real_mkdocs_yml_gains_exactly_one_line(real_config: Path) -> None:
    config = real_config / "mkdocs.yml"
    before = config.read_text()
    new_lesson(real_config, "phone-skills/leaving-a-voice-mail", "Leaving a voice mail")
    after = config.read_text()
    old, new = before.splitlines(), after.splitlines()
    assert len(new) == len(old) + 1
    added, removed = changes(before, after)
    assert (added, removed) == (["      - phone-skills/leaving-a-voice-mail.md"], [])
    # every other line is unchanged and in its place: the new one comes right after the module's last lesson
    where = new.index("      - phone-skills/leaving-a-voice-mail.md")
    assert new[:where] + new[where + 1 :] == old
    assert new[where - 1] == "      - phone-skills/both-ends-of-the-line.md"
    assert 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]' in new
    assert "  font: false          # no web fonts: the site is served without internet" in new


def test_a_new_module_gets_a_section_of_its_own_at_the_end(course: Path) -> None:
    config = course / "mkdocs.yml"
    before = config.read_text()
    new_lesson(course, "new-module/first-steps", "First steps")
    after = config.read_text()
    assert changes(before, after) == (["  - New module:", "      - new-module/first-steps.md"], [])
    assert after.endswith("      - module/other.md\n  - New module:\n      - new-module/first-steps.md\n")


def test_comments_between_sections_stay_where_they_were(commented: Path) -> None:
    config = commented / "mkdocs.yml"
    new_lesson(commented, "phone-skills/holding", "Holding")
    lines = config.read_text().splitlines()
    assert changes(COMMENTED_CONFIG, config.read_text()) == (["      - phone-skills/holding.md"], [])
    assert lines[lines.index("      - phone-skills/answering.md  # the first lesson") + 1] == (
        "      - phone-skills/holding.md"
    )

    new_lesson(commented, "complaints/first-steps", "First steps")
    text = config.read_text()
    assert changes(COMMENTED_CONFIG, text)[1] == []
    assert "      - service/culture.md\n  - Complaints:\n      - complaints/first-steps.md\n\n  # Keep" in text
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in text
    assert "site_url: !ENV [SITE_URL, 'http://127.0.0.1:8000/']" in text


def test_a_course_without_a_nav_is_left_alone(course: Path) -> None:
    config = course / "mkdocs.yml"
    config.write_text(config.read_text().split("nav:")[0])
    before = config.read_text()
    assert new_lesson(course, "module/voice-mail", "Voice mail") == [
        course / "content/module/voice-mail.md",
        course / "quizzes/module/voice-mail.yml",
    ]
    assert config.read_text() == before


def test_a_page_already_in_the_nav_is_not_listed_twice(course: Path) -> None:
    config = course / "mkdocs.yml"
    config.write_text(config.read_text() + "      - module/voice-mail.md\n")
    before = config.read_text()
    assert config not in new_lesson(course, "module/voice-mail", "Voice mail")
    assert config.read_text() == before


def test_windows_line_endings_are_kept(course: Path) -> None:
    config = course / "mkdocs.yml"
    config.write_bytes(config.read_bytes().replace(b"\n", b"\r\n"))
    new_lesson(course, "module/voice-mail", "Voice mail")
    assert config.read_bytes().endswith(b"      - module/other.md\r\n      - module/voice-mail.md\r\n")
    assert b"\n" not in config.read_bytes().replace(b"\r\n", b"")


def test_a_nav_that_is_not_a_list_is_refused(course: Path) -> None:
    config = course / "mkdocs.yml"
    config.write_text(config.read_text().split("nav:")[0] + "nav: index.md\n")
    line = config.read_text().splitlines().index("nav: index.md") + 1
    assert refusal(course, "module/voice-mail") == [
        f"mkdocs.yml:{line}:1: error: 'nav' is not a list "
        "(write the nav as lines starting with '- ', as in MkDocs' documentation)"
    ]


def test_a_nav_that_would_be_reformatted_is_refused(commented: Path) -> None:
    """Lists indented two ways in one file: the round trip would re-indent one of them."""
    config = commented / "mkdocs.yml"
    config.write_text(COMMENTED_CONFIG.replace("      - service/culture.md", "    - service/culture.md"))
    assert refusal(commented, "service/complaints") == [
        "mkdocs.yml: error: cannot add the page to the nav without reformatting mkdocs.yml; nothing was written "
        "(add '- service/complaints.md' to the nav yourself, then run the command again)"
    ]


# --- refusals -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("existing", "shown"),
    [
        ("content/module/other.md", ["content/module/other.md"]),
        ("quizzes/module/voice-mail.yml", ["quizzes/module/voice-mail.yml"]),
        ("quizzes/module/voice-mail.yaml", ["quizzes/module/voice-mail.yaml"]),
    ],
)
def test_refuses_to_overwrite_and_creates_nothing(course: Path, existing: str, shown: list[str]) -> None:
    (course / existing).write_text("mine\n")
    slug = Path(existing).stem
    assert refusal(course, f"module/{slug}") == [
        f"{file}: error: already exists; nothing was written "
        "(choose another MODULE/SLUG, or edit the existing lesson and bank)"
        for file in shown
    ]
    assert (course / existing).read_text() == "mine\n"


def test_both_files_in_the_way_are_named(course: Path) -> None:
    messages = refusal(course, "module/lesson")
    assert [message.split(":")[0] for message in messages] == ["content/module/lesson.md", "quizzes/module/lesson.yml"]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "Phone-Skills/voice-mail",
            "'Phone-Skills' in 'Phone-Skills/voice-mail' is not lowercase words joined by hyphens "
            "(try 'phone-skills/voice-mail')",
        ),
        (
            "phone skills/voice mail",
            "'phone skills' in 'phone skills/voice mail' is not lowercase words joined by hyphens "
            "(try 'phone-skills/voice-mail')",
        ),
        (
            "phone-skills/voice-mail.md",
            "'voice-mail.md' in 'phone-skills/voice-mail.md' is not lowercase words joined by hyphens "
            "(try 'phone-skills/voice-mail')",
        ),
        (
            "voice-mail",
            "'voice-mail' is not MODULE/SLUG: give the module's folder and the lesson's name, joined by one '/' "
            "(for example 'phone-skills/leaving-a-voice-mail')",
        ),
        (
            "phone-skills/calls/voice-mail",
            "'phone-skills/calls/voice-mail' is not MODULE/SLUG: give the module's folder and the lesson's name, "
            "joined by one '/' (for example 'phone-skills/leaving-a-voice-mail')",
        ),
        ("phone-skills/", "'phone-skills/' is not MODULE/SLUG"),
        ("/voice-mail", "'/voice-mail' is not MODULE/SLUG"),
        ("phone_skills/x", "'phone_skills' in 'phone_skills/x' is not lowercase words joined by hyphens"),
        ("__/x", "'__' in '__/x' is not lowercase words joined by hyphens (for example"),
    ],
)
def test_bad_targets_are_refused_with_a_way_out(course: Path, target: str, message: str) -> None:
    [problem] = refusal(course, target)
    assert problem.startswith("quizgen new lesson: error: ")
    assert message in problem


@pytest.mark.parametrize(
    ("title", "message"),
    [("", "the title is empty"), ("   ", "the title is empty"), ("Two\nlines", "the title must be one line")],
)
def test_bad_titles_are_refused(course: Path, title: str, message: str) -> None:
    [problem] = refusal(course, "module/voice-mail", title)
    assert message in problem


def test_a_folder_without_mkdocs_yml_is_refused(tmp_path: Path) -> None:
    [problem] = refusal(tmp_path, "module/voice-mail")
    assert problem.endswith(
        "mkdocs.yml: error: no mkdocs.yml here (run the command in the course folder, or give its path)"
    )


def test_a_failed_write_undoes_everything(course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(self: Path, data: bytes) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "write_bytes", fail)
    assert refusal(course, "new-module/voice-mail") == [
        "mkdocs.yml: error: cannot write the file: Permission denied; nothing was written"
    ]


# --- the templates --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title", ['Holds: "why" & how', "yes", "42", "Holds # and transfers", "- a dash", "[draft] it's", "Café: naïve"]
)
def test_titles_are_quoted_safely(course: Path, title: str) -> None:
    new_lesson(course, "module/holds", title)
    assert load_bank(course / "quizzes/module/holds.yml").bank.title == title
    assert (course / "content/module/holds.md").read_text().startswith(f"# {title}\n")


def test_a_plain_title_stays_plain_as_in_the_course_banks(course: Path) -> None:
    new_lesson(course, "module/holds", "  Putting a caller on hold  ")
    assert "\ntitle: Putting a caller on hold\n" in (course / "quizzes/module/holds.yml").read_text()
    assert (course / "content/module/holds.md").read_text().startswith("# Putting a caller on hold\n")


def test_the_bank_has_one_working_example_of_each_type(course: Path) -> None:
    new_lesson(course, "module/voice-mail", "Voice mail")
    path = course / "quizzes/module/voice-mail.yml"
    lines = path.read_text().splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../bank.schema.json"
    bank = load_bank(path).bank
    assert (bank.title, bank.pass_mark) == ("Voice mail", 80)
    assert [q.type for q in bank.questions] == list(QUESTION_TYPES)
    assert [q.id for q in bank.questions] == [
        "voice-mail-example-single",
        "voice-mail-example-multiple",
        "voice-mail-example-true-false",
        "voice-mail-example-fill-blank",
        "voice-mail-example-ordering",
        "voice-mail-example-matching",
        "voice-mail-example-scenario",
    ]
    for question in bank.questions:
        assert question.explanation and question.see
        assert "Replace this" in question.prompt
        if isinstance(question, (SingleQuestion, MultipleQuestion)):
            assert all(option.feedback for option in question.options if not option.correct)
        elif isinstance(question, ScenarioQuestion):
            assert all(reply.feedback for step in question.steps.values() for reply in step.choices)
        else:
            assert question.feedback_text()
    # a comment saying what each type means, right above each question
    for question in bank.questions:
        above = lines[lines.index(f"  - id: {question.id}") - 1]
        assert above.startswith(f"  # {question.type}: ")


def test_every_see_points_at_a_heading_of_the_lesson(course: Path) -> None:
    new_lesson(course, "module/voice-mail", "Voice mail")
    site = read_site_config(course)
    bank = load_bank(course / "quizzes/module/voice-mail.yml").bank
    anchors = LessonAnchors(site.markdown_extensions)((course / "content/module/voice-mail.md").read_text())
    assert {q.see for q in bank.questions} <= {f"#{anchor}" for anchor in anchors}


def test_the_lesson_follows_the_course_structure(course: Path) -> None:
    new_lesson(course, "module/voice-mail", "Leaving a voice mail")
    text = (course / "content/module/voice-mail.md").read_text()
    lines = text.splitlines()
    assert [line for line in lines if line.startswith("#")] == [
        "# Leaving a voice mail",
        "## First main point",
        "## Second main point",
        "## Worked example",
        "## Try it",
        "## Key takeaways",
    ]
    start = lines.index('!!! abstract "In this lesson you will learn to"')
    assert [line.startswith("    - Replace this") for line in lines[start + 1 : start + 5]] == [True] * 3 + [False]
    assert '!!! example "' in text and '??? tip "One way to handle it"' in text
    # every paragraph, list item and admonition body is a marked placeholder
    prose = [line.strip() for line in lines if line.strip() and not line.startswith(("#", "!!!", "???"))]
    assert all("Replace this" in line for line in prose if line != "Think about:"), prose


def test_the_new_files_pass_the_course_checks(course: Path) -> None:
    new_lesson(course, "module/voice-mail", "Voice mail")
    result = check_course(read_site_config(course))
    assert result.errors == 0, [p.format() for p in result.problems]
    assert not [p for p in result.problems if "voice-mail" in p.file], [p.format() for p in result.problems]


def test_the_same_slug_in_another_module_keeps_ids_unique(course: Path) -> None:
    new_lesson(course, "module/intro", "Intro")
    new_lesson(course, "other/intro", "Another intro")
    ids = [q.id for q in load_bank(course / "quizzes/other/intro.yml").bank.questions]
    assert ids[0] == "other-intro-example-single"
    result = check_course(read_site_config(course))
    assert result.errors == 0, [p.format() for p in result.problems]


def test_docs_and_quizzes_folders_come_from_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Example\nplugins:\n  - search\n  - quizgen:\n      quizzes_dir: data/banks\n"
    )
    written = new_lesson(tmp_path, "module/voice-mail", "Voice mail")
    assert written == [tmp_path / "docs/module/voice-mail.md", tmp_path / "data/banks/module/voice-mail.yml"]
    first = written[1].read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../bank.schema.json"


# --- end to end -----------------------------------------------------------------------------------------------------


@pytest.mark.build
def test_a_new_lesson_builds_strictly_with_its_quiz(course: Path) -> None:
    new_lesson(course, "module/voice-mail", "Voice mail")
    new_lesson(course, "new-module/first-steps", 'Holds: "why" & how')
    build = mkdocs_build(course)
    assert build.returncode == 0, build.stdout + build.stderr
    for page in ["module/voice-mail", "new-module/first-steps"]:
        html = (course / "site" / page / "index.html").read_text(encoding="utf-8")
        assert f'<form class="quizgen-quiz" data-quiz-id="{page}"' in html


# --- the command ------------------------------------------------------------------


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
