"""``multiple``: one or more right options, checkboxes, partial credit.

Response: the indices of the options ticked, as written in the bank. Score:
points * max(0, right ticked - wrong ticked) / number of right options.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import field_validator

from ..i18n import Messages
from .base import Response, Scored, rule_error
from .choice import ChoiceQuestion, Option


class MultipleQuestion(Scored, ChoiceQuestion):
    """One or more right options; checkboxes; partial credit."""

    label = "Multiple"
    input_type: ClassVar[str] = "checkbox"
    type: Literal["multiple"]

    @field_validator("options")
    @classmethod
    def _some_correct(cls, options: list[Option]) -> list[Option]:
        if not any(option.correct for option in options):
            raise rule_error(
                "a multiple-choice question needs at least one correct option",
                "mark each right option with 'correct: true'",
            )
        return options

    @property
    def correct_count(self) -> int:
        return sum(option.correct for option in self.options)

    def score(self, response: Response) -> float:
        chosen = set(response) if isinstance(response, (list, tuple)) else set()
        valid = [i for i in chosen if isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(self.options)]
        right = sum(1 for i in valid if self.options[i].correct)
        return self.points * max(0, right - (len(valid) - right)) / self.correct_count

    def instruction(self, t: Messages) -> str:
        return t("quiz.choose_all")
