"""``true_false``: a statement the learner judges; all the points or none.

Response: true or false.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import Field, StrictBool

from ..i18n import Messages
from .base import Advice, QuestionBase, Response, Scored
from .choice import option_html

# A bank with at least this many statements should not answer nearly all of them the same way.
BALANCE_MIN_STATEMENTS = 3
BALANCE_MAX_SHARE = 0.8


class TrueFalseQuestion(Scored, QuestionBase):
    """A statement the learner judges true or false."""

    label = "True/false"
    type: Literal["true_false"]
    answer: StrictBool = Field(description="true or false, without quotes.")
    feedback: str | None = Field(None, description="Shown when answered wrongly.")

    def score(self, response: Response) -> float:
        return self.points if response is self.answer else 0

    def runtime(self) -> dict[str, Any]:
        return {"answer": self.answer}

    def instruction(self, t: Messages) -> str:
        return t("quiz.true_or_false")

    def render_body(self, base: str, t: Messages) -> str:
        options = [option_html("radio", base, i, value, t(label), "") for i, (label, value) in enumerate(_CHOICES)]
        return "\n".join(['<div class="quizgen-options">', *options, "</div>"])

    def feedback_text(self) -> str | None:
        return self.feedback

    @classmethod
    def bank_advice(cls, questions: Sequence[tuple[int, TrueFalseQuestion]]) -> list[Advice]:
        """Nearly every statement true (or false): answering all one way passes."""
        if len(questions) < BALANCE_MIN_STATEMENTS:
            return []
        false = [index for index, question in questions if not question.answer]
        true = [index for index, question in questions if question.answer]
        many, word, other = (false, "false", "true") if len(false) >= len(true) else (true, "true", "false")
        if len(many) / len(questions) < BALANCE_MAX_SHARE:
            return []
        return [
            Advice(
                ("questions", many[0]),
                f"{len(many)} of the bank's {len(questions)} true/false statements are {word}, so answering "
                f"'{word}' throughout scores well without reading",
                f"make about half of them {other}: state a belief the lesson confirms as well as ones it corrects",
            )
        ]


_CHOICES = (("quiz.true", "true"), ("quiz.false", "false"))
