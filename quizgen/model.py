"""The question-bank format: the one statement of what a bank may contain.

A bank's own keys live here; each kind of question brings its own model
from ``kinds/``. The loader validates YAML against these models, the
renderer, scorer and exporters read them, and the JSON Schema for editors
comes from them too.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool, StrictInt, field_validator, model_validator

from .kinds import (
    QUESTION_TYPES,
    FillBlankQuestion,
    MatchingQuestion,
    MultipleQuestion,
    OrderingQuestion,
    Question,
    ScenarioQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)
from .kinds.base import ANCHOR_PATTERN, ID_PATTERN, Strict, not_blank, rule_error
from .kinds.choice import Option

Mode = Literal["practice", "exam"]


class Bank(Strict):
    """A lesson's question bank: the self-check shown at the end of the lesson."""

    title: str = Field(description="The quiz's title, usually the lesson's.")
    pass_mark: float = Field(80, ge=0, le=100, strict=True, description="Percent needed to pass (default 80).")
    mode: Mode = Field(
        "practice",
        description="practice: check as often as you like; exam: one submission, then marks and all feedback.",
    )
    shuffle: StrictBool = Field(False, description="true shows the questions in a new order each attempt.")
    shuffle_options: StrictBool = Field(True, description="false keeps every question's options in the written order.")
    draw: StrictInt | None = Field(
        None, gt=0, description="Show this many questions, drawn from the bank afresh each attempt."
    )
    hint_penalty: float = Field(
        0, ge=0, le=1, strict=True, description="Share of a question's points each revealed hint costs (0 to 1)."
    )
    questions: list[Question] = Field(min_length=1)

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return not_blank(value, "title")

    @model_validator(mode="after")
    def _draw_fits(self) -> Bank:
        if self.draw is not None and self.draw > len(self.questions):
            raise rule_error(
                f"'draw: {self.draw}' asks for more questions than the bank's {len(self.questions)}",
                f"draw {len(self.questions)} or fewer, or add questions",
                ("draw",),
            )
        return self

    @property
    def max_points(self) -> int:
        """Points of every question: the most an attempt can score when nothing is drawn."""
        return sum(question.max_points for question in self.questions)

    def shuffles_options(self, question: Question) -> bool:
        own = getattr(question, "shuffle_options", None)
        return self.shuffle_options if own is None else bool(own)

    def hint_penalty_of(self, question: Question) -> float:
        return self.hint_penalty if question.hint_penalty is None else question.hint_penalty


__all__ = [
    "ANCHOR_PATTERN",
    "ID_PATTERN",
    "QUESTION_TYPES",
    "Bank",
    "FillBlankQuestion",
    "MatchingQuestion",
    "Mode",
    "MultipleQuestion",
    "Option",
    "OrderingQuestion",
    "Question",
    "ScenarioQuestion",
    "SingleQuestion",
    "TrueFalseQuestion",
]
