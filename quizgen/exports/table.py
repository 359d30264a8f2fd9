"""The course's questions as a table, for review by subject experts: CSV that a
spreadsheet opens correctly (UTF-8 with a byte-order mark, every field quoted,
one line per row), and JSON of the same rows with lists kept as lists.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from ..course import Quiz
from ..kinds.base import plain
from ..model import (
    FillBlankQuestion,
    MatchingQuestion,
    MultipleQuestion,
    OrderingQuestion,
    Question,
    ScenarioQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)

COLUMNS = ("lesson", "id", "kind", "prompt", "options", "right answers", "points", "explanation", "see")
SEPARATOR = " | "


def rows(quizzes: Sequence[Quiz]) -> list[dict[str, Any]]:
    """One row per question, in the course's bank order; options and right answers as lists."""
    found = []
    for quiz in quizzes:
        for question in quiz.loaded.bank.questions:
            options, right = _answers(question)
            found.append(
                {
                    "lesson": quiz.lesson,
                    "id": question.id,
                    "kind": question.type,
                    "prompt": question.prompt,
                    "options": options,
                    "right answers": right,
                    "points": question.max_points,
                    "explanation": question.explanation or "",
                    "see": question.see or "",
                }
            )
    return found


def _answers(question: Question) -> tuple[list[str], list[str]]:
    if isinstance(question, (SingleQuestion, MultipleQuestion)):
        return [o.text for o in question.options], [o.text for o in question.options if o.correct]
    if isinstance(question, TrueFalseQuestion):
        return ["True", "False"], ["True" if question.answer else "False"]
    if isinstance(question, FillBlankQuestion):
        return [], [str(answer) for answer in question.answers]
    if isinstance(question, OrderingQuestion):
        return list(question.items), [f"{n}. {item}" for n, item in enumerate(question.items, 1)]
    if isinstance(question, MatchingQuestion):
        return list(question.choices), [f"{pair.left} -> {pair.right}" for pair in question.pairs]
    if isinstance(question, ScenarioQuestion):
        steps = [f"{sid}: {plain(step.caller)}" for sid, step in question.steps.items()]
        best = [f"{sid}: {question.steps[sid].choices[reply].text}" for sid, reply in question.best_path()]
        return steps, best
    raise TypeError(f"no table row for {question.type}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def csv_text(found: Sequence[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in found:
        writer.writerow(
            [
                _one_line(SEPARATOR.join(value)) if isinstance(value, list) else _one_line(str(value))
                for value in (row[column] for column in COLUMNS)
            ]
        )
    return "\ufeff" + out.getvalue()


def json_text(found: Sequence[dict[str, Any]]) -> str:
    return json.dumps({"columns": list(COLUMNS), "questions": list(found)}, ensure_ascii=False, indent=1) + "\n"
