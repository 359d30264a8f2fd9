"""``single``: exactly one right option, radio buttons; all the points or none.

Response: the index of the chosen option, as written in the bank.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import field_validator

from ..i18n import Messages
from .base import Advice, Response, Scored, rule_error
from .choice import ChoiceQuestion, Option

# The right option counts as "clearly the longest" when it is this much longer than the longest wrong one.
LONGEST_MARGIN = 1.25


class SingleQuestion(Scored, ChoiceQuestion):
    """Exactly one right option; radio buttons."""

    label = "Single"
    type: Literal["single"]

    @field_validator("options")
    @classmethod
    def _exactly_one_correct(cls, options: list[Option]) -> list[Option]:
        correct = [i + 1 for i, option in enumerate(options) if option.correct]
        if len(correct) != 1:
            which = ", ".join(map(str, correct[:-1])) + f" and {correct[-1]}" if correct else ""
            raise rule_error(
                "a single-choice question needs exactly one correct option, "
                + ("but none is marked correct" if not correct else f"but options {which} are all marked correct"),
                "mark one option with 'correct: true'"
                if not correct
                else "keep 'correct: true' on one option, or change 'type' to 'multiple'",
            )
        return options

    def score(self, response: Response) -> float:
        right = (
            isinstance(response, int)
            and not isinstance(response, bool)
            and 0 <= response < len(self.options)
            and self.options[response].correct
        )
        return self.points if right else 0

    def instruction(self, t: Messages) -> str:
        return t("quiz.choose_one")

    @classmethod
    def bank_advice(cls, questions: Sequence[tuple[int, SingleQuestion]]) -> list[Advice]:
        """The right option is the longest, clearly, in most of the bank's questions: length gives it away."""
        longest = [
            index
            for index, question in questions
            if len(question.options) >= 3 and _right_is_clearly_longest(question.options)
        ]
        if len(questions) < 3 or len(longest) * 2 <= len(questions):
            return []
        return [
            Advice(
                ("questions", longest[0]),
                f"the right option is clearly the longest in {len(longest)} of the bank's {len(questions)} "
                "single-choice questions, so a learner can pass by picking the longest",
                "make wrong options as long and as specific as the right one (see AUTHORING.md, 'Questions "
                "that measure')",
            )
        ]


def _right_is_clearly_longest(options: Sequence[Option]) -> bool:
    right = max(len(o.text.strip()) for o in options if o.correct)
    wrong = max(len(o.text.strip()) for o in options if not o.correct)
    return right > wrong * LONGEST_MARGIN
