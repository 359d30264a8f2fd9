"""The scoring rules. The browser runtime (assets/quizgen.js) applies the same
rules; tests/vectors/scoring.json holds the cases both must agree on.

- single, true_false: all the points or none;
- multiple: points * max(0, right chosen - wrong chosen) / number of right options;
- fill_blank: all the points when the answer matches an accepted one after
  normalising (Unicode NFC, surrounding white space dropped, inner runs of
  white space made one space, lower case);
- a quiz passes when its exact percentage reaches the pass mark; the
  percentage is shown rounded down, so 79.5% shows as 79% and fails 80%.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from .model import (
    Bank,
    FillBlankQuestion,
    MultipleQuestion,
    Question,
    SingleQuestion,
    TrueFalseQuestion,
)

# The same characters as the runtime's WHITESPACE: JavaScript's \s and
# Python's \s differ, so both name the set explicitly.
_WS = "[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_EDGES = re.compile(f"^{_WS}+|{_WS}+$")
_INNER = re.compile(f"{_WS}+")

# Rounding tolerance: 80.0 computed as 79.99999999999999 still passes 80.
EPSILON = 1e-9

Response = int | bool | str | Sequence[int] | None
State = Literal["correct", "partial", "incorrect"]


@dataclass(frozen=True)
class QuestionScore:
    score: float
    max: int

    @property
    def state(self) -> State:
        if self.score >= self.max:
            return "correct"
        return "partial" if self.score > 0 else "incorrect"


@dataclass(frozen=True)
class QuizScore:
    questions: dict[str, QuestionScore]
    total: float
    max: int
    percent: float
    pass_mark: float

    @property
    def shown_percent(self) -> int:
        return math.floor(self.percent + EPSILON)

    @property
    def passed(self) -> bool:
        return self.percent + EPSILON >= self.pass_mark

    @property
    def message(self) -> str:
        unit = "point" if self.max == 1 else "points"
        head = f"{format_points(self.total)} of {self.max} {unit} ({self.shown_percent}%)"
        if self.passed:
            return f"{head} - passed"
        return f"{head} - not passed yet, {format_points(self.pass_mark)}% needed"


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return _INNER.sub(" ", _EDGES.sub("", text)).lower()


def format_points(value: float) -> str:
    """Up to two decimals, halves rounded up, no trailing zeros: 2, 0.67, 1.5."""
    rounded = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = format(rounded, "f").rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def score_question(question: Question, response: Response) -> QuestionScore:
    points = question.points
    if isinstance(question, SingleQuestion):
        right = (
            isinstance(response, int)
            and not isinstance(response, bool)
            and 0 <= response < len(question.options)
            and question.options[response].correct
        )
        return QuestionScore(points if right else 0, points)
    if isinstance(question, TrueFalseQuestion):
        return QuestionScore(points if response is question.answer else 0, points)
    if isinstance(question, MultipleQuestion):
        chosen = set(response) if isinstance(response, (list, tuple, set, frozenset)) else set()
        valid = [i for i in chosen if 0 <= i < len(question.options)]
        right_chosen = sum(1 for i in valid if question.options[i].correct)
        wrong_chosen = len(valid) - right_chosen
        return QuestionScore(points * max(0, right_chosen - wrong_chosen) / question.correct_count, points)
    if isinstance(question, FillBlankQuestion):
        given = normalise(response) if isinstance(response, str) else None
        right = bool(given) and any(given == normalise(answer) for answer in question.answers)
        return QuestionScore(points if right else 0, points)
    raise TypeError(f"unknown question type: {type(question).__name__}")  # pragma: no cover


def score_quiz(bank: Bank, responses: Mapping[str, Response]) -> QuizScore:
    scores = {q.id: score_question(q, responses.get(q.id)) for q in bank.questions}
    total = 0.0
    for question in bank.questions:  # summed in question order, as the runtime does
        total += scores[question.id].score
    maximum = bank.max_points
    return QuizScore(scores, total, maximum, total / maximum * 100, bank.pass_mark)
