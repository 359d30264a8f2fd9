"""Exports of the course's questions for review: CSV a spreadsheet opens
correctly, and JSON of the same rows. All from the one bank model."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT
from test_runtime_node import node

from quizgen.cli import main
from quizgen.course import load_course
from quizgen.exports.table import COLUMNS
from quizgen.model import (
    FillBlankQuestion,
    MatchingQuestion,
    MultipleQuestion,
    OrderingQuestion,
    ScenarioQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)


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


def test_gift_reads_back_with_an_independent_parser(tmp_path: Path) -> None:
    """gift-pegjs (npm) reads the export into the same questions, right answers and weights."""
    output = tmp_path / "course.gift"
    result = CliRunner().invoke(main, ["export", "gift", "-o", str(output), str(ROOT)])
    assert result.exit_code == 0, result.output
    course = load_course(ROOT / "quizzes", ROOT / "content")
    questions = {q.id: q for quiz in course.quizzes.values() for q in quiz.loaded.bank.questions}
    calls = [q.id for q in questions.values() if isinstance(q, ScenarioQuestion)]
    assert f"wrote {output}: {len(questions) - len(calls)} questions" in result.output
    for call in calls:  # skipped, and named
        assert f"{call} (a call has no GIFT equivalent)" in result.output
    parsed = json.loads(
        subprocess.run(
            [node(), str(ROOT / "tests/js/parse_gift.cjs"), str(output)],
            cwd=ROOT / "tests/js",
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    categories = [item["title"] for item in parsed if item["type"] == "Category"]
    assert categories == sorted(quiz.quiz_id for quiz in course.quizzes.values())
    read = [item for item in parsed if item["type"] != "Category"]
    assert len(read) == len(questions) - len(calls)
    for item in read:
        question = questions[item["title"]]
        assert item["stem"]["text"] == question.prompt, question.id
        if isinstance(question, SingleQuestion):
            assert item["type"] == "MC"
            assert [c["text"]["text"] for c in item["choices"] if c["isCorrect"]] == [
                o.text for o in question.options if o.correct
            ]
        elif isinstance(question, MultipleQuestion):
            weights = {c["text"]["text"]: c["weight"] for c in item["choices"]}
            share = 100 / question.correct_count
            for option in question.options:
                assert weights[option.text] == pytest.approx(share if option.correct else -share, abs=1e-4)
            assert sum(w for w in weights.values() if w > 0) == pytest.approx(100, abs=1e-3)  # weights add up
        elif isinstance(question, TrueFalseQuestion):
            assert item["type"] == "TF" and item["isTrue"] is question.answer
        elif isinstance(question, FillBlankQuestion):
            assert item["type"] == "Short"
            accepted = [c["text"]["text"] for c in item["choices"] if c["weight"] is None]
            assert accepted == [str(a) for a in question.answers]
            anything_else = [c for c in item["choices"] if c["weight"] is not None]  # Moodle's 0% "*" answer
            if question.feedback:
                assert [(c["text"]["text"], c["weight"]) for c in anything_else] == [("*", 0)]
                assert anything_else[0]["feedback"]["text"] == question.feedback
            else:
                assert anything_else == []
        elif isinstance(question, MatchingQuestion):
            pairs = [(p["subquestion"]["text"], p["subanswer"]) for p in item["matchPairs"]]
            assert pairs == [(p.left, p.right) for p in question.pairs] + [("", d) for d in question.distractors]
        elif isinstance(question, OrderingQuestion):  # matching to positions
            pairs = [(p["subquestion"]["text"], p["subanswer"]) for p in item["matchPairs"]]
            assert pairs == [(text, str(n)) for n, text in enumerate(question.items, 1)]
        assert item["globalFeedback"]["text"].endswith(question.explanation or ""), question.id
