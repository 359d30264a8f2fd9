"""Exports of the course's questions for review: CSV a spreadsheet opens
correctly, and JSON of the same rows. All from the one bank model."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import FIXTURES, ROOT

from quizgen.cli import main
from quizgen.course import load_course
from quizgen.exports.table import COLUMNS


def export(kind: str, output: Path, course: Path = ROOT) -> str:
    result = CliRunner().invoke(main, ["export", kind, "-o", str(output), str(course)])
    assert result.exit_code == 0, result.output
    return result.output


def course_questions() -> int:
    course = load_course(ROOT / "quizzes", ROOT / "content")
    return sum(len(quiz.loaded.bank.questions) for quiz in course.quizzes.values())


def test_csv_opens_in_a_spreadsheet_one_line_per_question(tmp_path: Path) -> None:
    output = tmp_path / "questions.csv"
    assert export("csv", output).strip() == f"wrote {output}: {course_questions()} questions"
    raw = output.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark spreadsheets look for
    text = raw.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[-1] == "" and len(lines) - 2 == course_questions()  # header, one line per row, final newline
    assert all(line.startswith('"') for line in lines[:-1])  # every field quoted
    table = list(csv.reader(io.StringIO(text)))
    assert tuple(table[0]) == COLUMNS
    rows = {row[1]: dict(zip(COLUMNS, row, strict=True)) for row in table[1:]}
    greeting = rows["answering-greeting"]
    assert greeting["lesson"] == "phone-skills/answering-the-call.md" and greeting["kind"] == "single"
    assert greeting["right answers"] and greeting["right answers"] in greeting["options"]
    assert rows["capstone-missed-delivery-call"]["kind"] == "scenario"
    assert all("\n" not in value for row in table for value in row)


def test_json_holds_the_same_rows_with_lists(tmp_path: Path) -> None:
    export("csv", tmp_path / "q.csv")
    export("json", tmp_path / "q.json")
    data = json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))
    assert data["columns"] == list(COLUMNS)
    table = list(csv.reader(io.StringIO((tmp_path / "q.csv").read_text(encoding="utf-8-sig"))))[1:]
    assert [row[1] for row in table] == [question["id"] for question in data["questions"]]
    matching = next(q for q in data["questions"] if q["kind"] == "matching")
    assert isinstance(matching["options"], list) and all(" -> " in pair for pair in matching["right answers"])
    ordering = next(q for q in data["questions"] if q["kind"] == "ordering")
    assert ordering["right answers"][0].startswith("1. ")


def test_a_broken_bank_writes_nothing(tmp_path: Path) -> None:
    project = tmp_path / "course"
    shutil.copytree(FIXTURES / "progress", project)
    (project / "quizzes/calls/answering.yml").write_text("title: [\n", encoding="utf-8")
    output = tmp_path / "q.csv"
    result = CliRunner().invoke(main, ["export", "csv", "-o", str(output), str(project)])
    assert result.exit_code == 1
    assert "quizzes/calls/answering.yml:2:1: error: YAML syntax error" in result.output
    assert "no file was written" in result.output
    assert list(tmp_path.glob("*q.csv*")) == []
