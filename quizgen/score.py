"""Scoring an attempt. Each kind scores its own responses (``kinds/``); this
module adds what applies to every kind and to the quiz as a whole. The
browser runtime (assets/runtime/) applies the same rules; tests/vectors/
scoring.json holds the cases both must agree on.

- A question's score is its kind's score, less ``hint_penalty`` x its points
  for each hint revealed, never below 0. Its state (right, partly right,
  not right) comes from the answer itself, before any penalty.
- A quiz's points are those of the questions the attempt showed (all of
  them, or the ``draw``); it passes when its exact percentage reaches the
  pass mark. The percentage is shown rounded down, so 79.5% shows as 79%
  and fails 80%.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .i18n import ENGLISH, Messages
from .model import Bank, Question
from .rules import EPSILON, floor_percent, format_points, normalise, reaches

State = Literal["correct", "partial", "incorrect"]
Response = Any

__all__ = ["EPSILON", "QuestionScore", "QuizScore", "format_points", "normalise", "score_question", "score_quiz"]


@dataclass(frozen=True)
class QuestionScore:
    score: float
    max: int
    state: State


@dataclass(frozen=True)
class QuizScore:
    questions: dict[str, QuestionScore]
    total: float
    max: int
    percent: float
    pass_mark: float

    @property
    def shown_percent(self) -> int:
        return floor_percent(self.percent)

    @property
    def passed(self) -> bool:
        return reaches(self.percent, self.pass_mark)

    @property
    def message(self) -> str:
        return self.message_in(ENGLISH)

    def message_in(self, t: Messages) -> str:
        """The score sentence the learner reads, in the interface's language ``t``; the runtime says the same."""
        points = t("quiz.score_of", score=self.total, count=self.max)
        if self.passed:
            return t("quiz.result_passed", points=points, percent=t.percent(self.shown_percent))
        return t(
            "quiz.result_not_passed",
            points=points,
            percent=t.percent(self.shown_percent),
            needed=t.percent(self.pass_mark),
        )


def score_question(question: Question, response: Response, *, hints: int = 0, penalty: float = 0) -> QuestionScore:
    maximum = question.max_points
    raw = question.score(response)
    state: State = "correct" if raw >= maximum else "partial" if raw > 0 else "incorrect"
    used = min(max(hints, 0), len(question.hints))
    return QuestionScore(max(0.0, raw - penalty * used * maximum), maximum, state)


def score_quiz(
    bank: Bank,
    responses: Mapping[str, Response],
    *,
    shown: Sequence[str] | None = None,
    hints: Mapping[str, int] | None = None,
) -> QuizScore:
    """Score the questions ``shown`` (default: all), in that order, as the runtime does."""
    by_id = {q.id: q for q in bank.questions}
    ids = list(shown) if shown is not None else [q.id for q in bank.questions]
    hints = hints or {}
    scores: dict[str, QuestionScore] = {}
    total = 0.0
    maximum = 0
    for qid in ids:
        question = by_id[qid]
        scored = score_question(
            question, responses.get(qid), hints=hints.get(qid, 0), penalty=bank.hint_penalty_of(question)
        )
        scores[qid] = scored
        total += scored.score
        maximum += scored.max
    return QuizScore(scores, total, maximum, total / maximum * 100, bank.pass_mark)
