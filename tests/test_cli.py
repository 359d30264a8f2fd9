"""The quizgen command."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from quizgen.cli import main


def test_check_a_clean_course(course: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(course)])
    assert result.exit_code == 0, result.output
    assert "1 question bank checked: no problems" in result.output


def test_check_reports_file_line_and_fix(course: Path) -> None:
    bank = course / "quizzes/module/lesson.yml"
    bank.write_text(bank.read_text().replace("answer: false", "answer: nope"))
    result = CliRunner().invoke(main, ["check", str(course)])
    assert result.exit_code == 1
    assert "quizzes/module/lesson.yml:31:13: error: 'answer' of question 3 must be true or false" in result.output
    assert "1 problem found" in result.output
    assert "Traceback" not in result.output


def test_check_one_bank_file(course: Path) -> None:
    bank = course / "quizzes/module/lesson.yml"
    result = CliRunner().invoke(main, ["check", str(bank)])
    assert result.exit_code == 0, result.output


def test_check_the_project() -> None:
    root = Path(__file__).resolve().parent.parent
    result = CliRunner().invoke(main, ["check", str(root)])
    assert result.exit_code == 0, result.output
    assert "15 question banks checked" in result.output
