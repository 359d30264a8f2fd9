"""The quizgen command: check, stats, schema (new has tests of its own)."""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from conftest import BILLION_LAUGHS, ROOT, mkdocs_build, run_capped

from quizgen.blind import blind_result
from quizgen.cli import main
from quizgen.load import load_bank
from quizgen.schema import bank_schema
from quizgen.stats import count_words, render_table

BANK = "quizzes/module/lesson.yml"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


# --- check ---------------------------------------------------------------------


def test_check_the_project_is_clean_even_with_strict() -> None:
    code, output = run("check", str(ROOT), "--strict")
    assert code == 0, output
    assert output.strip().splitlines()[-1].startswith("16 banks, ")  # 15 lessons and the capstone call
    assert output.strip().endswith(": 0 errors, 0 warnings")


def test_check_lists_warnings_and_passes_without_strict(course: Path) -> None:
    code, output = run("check", str(course))
    assert code == 0, output
    lines = output.strip().splitlines()
    assert lines[-1] == "1 bank, 4 questions: 0 errors, 6 warnings"
    assert (
        "content/module/other.md:1:1: warning: this lesson has no self-check "
        "(add quizzes/module/other.yml, or put 'quiz: false' in the page's front matter)"
    ) in lines
    assert (
        f"{BANK}:16:5: warning: question 'greet-good-habits' has no explanation (add 'explanation: ...' saying why)"
        in lines
    )
    assert any(line.startswith(f"{BANK}:28:5: warning: question 'greet-rings' does not link back") for line in lines)


def test_check_strict_fails_on_warnings(course: Path) -> None:
    code, _ = run("check", str(course), "--strict")
    assert code == 1


def test_check_warns_about_wrong_options_without_feedback_and_repeated_prompts(course: Path) -> None:
    bank = course / BANK
    text = bank.read_text().replace("        feedback: Ask before you put anyone on hold.\n", "")
    text = text.replace(
        "prompt: Letting the phone ring five times is fine.", "prompt: What do you say first when you pick up?"
    )
    bank.write_text(text)
    _, output = run("check", str(course))
    assert f"{BANK}:12:9: warning: wrong option 3 of question 'greet-what-to-say' has no feedback" in output
    assert f"{BANK}:27:5: warning: question 'greet-rings' has the same prompt as the question at line 4" in output


def test_check_reports_errors_with_positions_and_exit_1(course: Path) -> None:
    bank = course / BANK
    bank.write_text(bank.read_text().replace("answer: false", "answer: nope").replace("type: single", "type: singel"))
    code, output = run("check", str(course))
    assert code == 1
    assert f"{BANK}:5:11: error: unknown question type 'singel' (did you mean 'single'?" in output
    assert f"{BANK}:31:13: error: 'answer' of question 3 must be true or false, not 'nope'" in output
    assert output.strip().splitlines()[-1] == "1 bank, 0 questions: 2 errors, 1 warning"
    assert "Traceback" not in output


def test_check_refuses_an_alias_bomb_at_once(course: Path) -> None:
    shutil.copy(BILLION_LAUGHS, course / BANK)
    quizgen = Path(sys.executable).parent / "quizgen"
    result, seconds = run_capped([str(quizgen), "check", str(course)], course, timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert (
        f"{BANK}:10:12: error: with every alias written out in full, this bank would hold more than 200,000 "
        "values: the alias '*e' here passes that limit (aliases of aliases multiply, an 'alias bomb': write the "
        "values out, or repeat a value with an alias a few times at most)"
    ) in result.stdout.splitlines()
    assert result.stdout.strip().splitlines()[-1] == "1 bank, 0 questions: 1 error, 1 warning"
    assert seconds < 3  # the whole command, Python's start included; unguarded it ran out of memory


def test_check_refuses_a_bank_over_the_size_limit(course: Path) -> None:
    bank = course / BANK
    bank.write_text(bank.read_text() + "# " + "pasted by mistake " * 120_000 + "\n")
    size = bank.stat().st_size
    code, output = run("check", str(course))
    assert code == 1
    assert (
        f"{BANK}:1:1: error: the file is {size:,} bytes; a question bank may be at most 2,000,000 bytes (2 MB) "
        "(a bank this large is almost "
        "certainly a mistake, such as text pasted in by accident: remove what does not belong, or split the lesson "
        "and its questions in two)"
    ) in output.splitlines()
    code, output = run("check", str(bank))  # the bank on its own
    assert code == 1 and output.startswith(f"{bank}:1:1: error: the file is {size:,} bytes;")


def test_check_finds_missing_anchors_without_building(course: Path) -> None:
    bank = course / BANK
    bank.write_text(bank.read_text().replace('see: "#answer-quickly"', 'see: "#answer-quick"'))
    code, output = run("check", str(course))
    assert code == 1
    message = (
        f"{BANK}:27:10: error: 'see' points to #answer-quick, but content/module/lesson.md has no heading "
        "with that anchor (did you mean '#answer-quickly'?)"
    )
    assert message in output
    # the build says the same
    build = mkdocs_build(course)
    assert message in build.stderr


def test_check_anchor_inside_a_code_fence_is_not_a_heading(course: Path) -> None:
    lesson = course / "content/module/lesson.md"
    lesson.write_text(lesson.read_text().replace("## Answer quickly", "```\n## Answer quickly\n```"))
    code, output = run("check", str(course))
    assert code == 1 and "'see' points to #answer-quickly" in output


def test_check_anchor_made_by_attr_list_or_an_admonition(course: Path) -> None:
    config = course / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - toc:\n", "  - attr_list\n  - admonition\n  - toc:\n"))
    lesson = course / "content/module/lesson.md"
    lesson.write_text(
        lesson.read_text().replace("## Answer quickly", "!!! note\n    ## Answer quickly\n\n## Speed {#answer}")
    )
    bank = course / BANK
    bank.write_text(bank.read_text().replace('see: "#say-who-you-are"', 'see: "#answer"'))
    code, output = run("check", str(course))
    assert code == 0, output
    assert mkdocs_build(course).returncode == 0


def test_check_json(course: Path) -> None:
    bank = course / BANK
    bank.write_text(bank.read_text().replace("points: 2", "points: 0"))
    code, output = run("check", str(course), "--format", "json")
    assert code == 1
    data = json.loads(output)
    assert data["summary"] == {"banks": 1, "questions": 0, "errors": 1, "warnings": 1}
    errors = [p for p in data["problems"] if p["severity"] == "error"]
    assert errors == [
        {
            "file": BANK,
            "line": 18,
            "column": 13,
            "severity": "error",
            "message": "'points' of question 2 must be a whole number above 0, not 0",
            "hint": "use 1 or more, or remove it",
        }
    ]


def test_check_one_bank_file_with_its_course(course: Path) -> None:
    code, output = run("check", str(course / BANK))
    assert code == 0
    assert "other.md" not in output  # problems of other files are not this file's
    assert f"{BANK}:16:5: warning" in output


def test_check_one_bank_file_outside_a_course(tmp_path: Path) -> None:
    bank = tmp_path / "alone.yml"
    bank.write_text("title: T\nquestions:\n  - {id: a, type: true_false, prompt: p, answer: maybe}\n")
    code, output = run("check", str(bank))
    assert code == 1
    assert "alone.yml:3:50: error: 'answer' of question 1 must be true or false" in output


def test_check_without_a_course_here(tmp_path: Path) -> None:
    code, output = run("check", str(tmp_path))
    assert code == 1 and "no mkdocs.yml here" in output


@pytest.mark.parametrize("args", [["check", "/no/such/folder"], ["check", "--format", "xml"], ["nope"]])
def test_bad_usage_exits_2(args: list[str]) -> None:
    code, _ = run(*args)
    assert code == 2


@pytest.mark.parametrize("command", ["check", "new", "new lesson", "stats", "schema"])
def test_every_command_has_help(command: str) -> None:
    code, output = run(*command.split(), "--help")
    assert code == 0 and "Usage:" in output


# --- stats ---------------------------------------------------------------------


def test_stats_plain_text_when_not_a_terminal(course: Path) -> None:
    code, output = run("stats", str(course))
    assert code == 0, output
    lines = output.splitlines()
    assert lines[0].split() == [
        "Lesson",
        "Single",
        "Multiple",
        "True/false",
        "Fill-in",
        "Questions",
        "Points",
        "Pass",
        "mark",
        "Blind",
        "Words",
    ]
    words = count_words((course / "content/module/lesson.md").read_text())
    blind = int(blind_result(load_bank(course / BANK).bank).percent)
    assert lines[1].split() == ["module/lesson.md", "1", "1", "1", "1", "4", "5", "80%", f"{blind}%", str(words)]
    assert lines[-1].split()[:8] == ["Course", "(1", "lessons)", "1", "1", "1", "1", "4"]


def test_stats_rich_table_on_a_terminal(course: Path) -> None:
    from quizgen.site_config import read_site_config
    from quizgen.stats import course_stats

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    render_table(course_stats(read_site_config(course)), out)
    assert "Question banks" in out.getvalue() and "Course" in out.getvalue()
    assert "│" in out.getvalue() or "|" in out.getvalue()


def test_stats_of_a_broken_course(course: Path) -> None:
    (course / BANK).write_text("title: [\n")
    code, output = run("stats", str(course))
    assert code == 1 and "YAML syntax error" in output


def test_count_words_skips_link_targets_and_front_matter() -> None:
    assert count_words("---\nquiz: false\n---\n# Hi there\n\nSee [the glossary](../glossary.md#hold-x).") == 5


# --- schema --------------------------------------------------------------------


def test_schema_is_draft_07_and_committed_up_to_date() -> None:
    code, output = run("schema")
    assert code == 0
    schema = json.loads(output)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    committed = (ROOT / "quizzes/bank.schema.json").read_text(encoding="utf-8")
    assert committed == output, "run: quizgen schema -o quizzes/bank.schema.json"


def test_schema_to_a_file(tmp_path: Path) -> None:
    code, _ = run("schema", "-o", str(tmp_path / "s.json"))
    assert code == 0 and json.loads((tmp_path / "s.json").read_text()) == bank_schema()


def test_every_course_bank_names_the_schema_and_satisfies_it() -> None:
    validator = jsonschema.Draft7Validator(bank_schema())
    banks = sorted((ROOT / "quizzes").rglob("*.yml"))
    assert banks
    for bank in banks:
        text = bank.read_text(encoding="utf-8")
        schema = Path(os.path.relpath(ROOT / "quizzes/bank.schema.json", bank.parent)).as_posix()
        assert text.startswith(f"# yaml-language-server: $schema={schema}\n"), bank
        assert list(validator.iter_errors(yaml.safe_load(text))) == [], bank


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (("prompt:", "promt:"), ["questions", 0]),
        (("type: single", "type: singel"), ["questions", 0]),
        (("answer: false", 'answer: "false"'), ["questions", 2]),
        (("points: 2", "points: 0"), ["questions", 1]),
        (("pass_mark: 80", "pass_mark: 120"), ["pass_mark"]),
        (('see: "#answer-quickly"', "see: answer-quickly"), ["questions", 1]),
    ],
)
def test_schema_rejects_a_broken_bank(change: tuple[str, str], path: list[object]) -> None:
    text = (Path(__file__).parent / "fixtures/course" / BANK).read_text().replace(*change, 1)
    errors = list(jsonschema.Draft7Validator(bank_schema()).iter_errors(yaml.safe_load(text)))
    assert errors
    assert any(list(e.absolute_path)[: len(path)] == path for e in errors), [list(e.absolute_path) for e in errors]


def test_schema_accepts_numbers_as_answers() -> None:
    bank = {"title": "t", "questions": [{"id": "a", "type": "fill_blank", "prompt": "p", "answers": [4, "four"]}]}
    assert list(jsonschema.Draft7Validator(bank_schema()).iter_errors(bank)) == []


def test_copied_course_checks_clean(tmp_path: Path) -> None:
    target = tmp_path / "copy"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".venv", "site", ".git", "*_cache", "tests"))
    code, output = run("check", str(target), "--strict")
    assert code == 0, output
