"""The question-bank format: the one statement of what a bank may contain.

The loader validates YAML against these models, the renderer and the scorer
read them, and later the JSON Schema for editors and the exporters come from
them too. Rules that involve more than one field live here as validators, each
raising a message an author can act on.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

QUESTION_TYPES = ("single", "multiple", "true_false", "fill_blank")
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ANCHOR_PATTERN = r"^#[^\s#]+$"
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _one_paragraph(value: str, what: str) -> str:
    if _BLANK_LINE.search(value.strip()):
        raise PydanticCustomError(
            "quizgen_paragraph",
            "{what} must be a single paragraph",
            {"what": what, "hint": "remove the blank line; longer teaching belongs in the lesson"},
        )
    return value


def _not_blank(value: str, what: str) -> str:
    if not value.strip():
        raise PydanticCustomError(
            "quizgen_blank", "{what} is empty", {"what": what, "hint": f"write the {what} after the colon"}
        )
    return value


class _Strict(BaseModel):
    # Unknown keys are errors (they are usually typos); numbers are accepted
    # where text is expected (an answer may be "4"), booleans are not.
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


Text = str
# Numbers are fine as answers ("4"); the schema says so, so editors agree.
AcceptedAnswer = Annotated[
    str,
    AfterValidator(lambda value: _not_blank(value, "accepted answer")),
    WithJsonSchema({"type": ["string", "number"], "minLength": 1}),
]


class Option(_Strict):
    """One choice of a single or multiple question."""

    text: Text = Field(description="What the learner reads next to the button (one line of Markdown).")
    correct: StrictBool = Field(False, description="true for a right answer.")
    feedback: Text | None = Field(
        None, description="Shown when this option is answered wrongly: why it is right or wrong."
    )

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        return _one_paragraph(_not_blank(value, "option text"), "option text")


class _Question(_Strict):
    id: str = Field(
        pattern=ID_PATTERN,
        description="Unique across the whole course, lowercase words joined by hyphens.",
    )
    prompt: Text = Field(description="The question (one paragraph of Markdown).")
    explanation: Text | None = Field(None, description="Shown after checking (Markdown).")
    see: str | None = Field(
        None,
        pattern=ANCHOR_PATTERN,
        description="A heading anchor of the lesson, such as '#what-to-write-down'.",
    )
    points: StrictInt = Field(1, gt=0, description="Points for a fully right answer (default 1).")

    @field_validator("prompt")
    @classmethod
    def _prompt(cls, value: str) -> str:
        return _one_paragraph(_not_blank(value, "prompt"), "prompt")


class SingleQuestion(_Question):
    """Exactly one right option; radio buttons."""

    type: Literal["single"]
    options: list[Option] = Field(min_length=2)

    @field_validator("options")
    @classmethod
    def _exactly_one_correct(cls, options: list[Option]) -> list[Option]:
        correct = [i + 1 for i, option in enumerate(options) if option.correct]
        if len(correct) != 1:
            which = ", ".join(map(str, correct[:-1])) + f" and {correct[-1]}" if correct else ""
            raise PydanticCustomError(
                "quizgen_single_correct",
                "a single-choice question needs exactly one correct option, "
                + ("but none is marked correct" if not correct else f"but options {which} are all marked correct"),
                {
                    "hint": "mark one option with 'correct: true'"
                    if not correct
                    else "keep 'correct: true' on one option, or change 'type' to 'multiple'"
                },
            )
        return options


class MultipleQuestion(_Question):
    """One or more right options; checkboxes; partial credit."""

    type: Literal["multiple"]
    options: list[Option] = Field(min_length=2)

    @field_validator("options")
    @classmethod
    def _some_correct(cls, options: list[Option]) -> list[Option]:
        if not any(option.correct for option in options):
            raise PydanticCustomError(
                "quizgen_multiple_correct",
                "a multiple-choice question needs at least one correct option",
                {"hint": "mark each right option with 'correct: true'"},
            )
        return options

    @property
    def correct_count(self) -> int:
        return sum(option.correct for option in self.options)


class TrueFalseQuestion(_Question):
    """A statement the learner judges true or false."""

    type: Literal["true_false"]
    answer: StrictBool = Field(description="true or false, without quotes.")
    feedback: Text | None = Field(None, description="Shown when answered wrongly.")


class FillBlankQuestion(_Question):
    """A short typed answer, compared ignoring case and surrounding spaces."""

    type: Literal["fill_blank"]
    answers: list[AcceptedAnswer] = Field(min_length=1, description="Every accepted answer.")
    feedback: Text | None = Field(None, description="Shown when answered wrongly.")


Question = Annotated[
    SingleQuestion | MultipleQuestion | TrueFalseQuestion | FillBlankQuestion,
    Field(discriminator="type"),
]


class Bank(_Strict):
    """A lesson's question bank: the self-check shown at the end of the lesson."""

    title: Text = Field(description="The quiz's title, usually the lesson's.")
    pass_mark: float = Field(80, ge=0, le=100, strict=True, description="Percent needed to pass (default 80).")
    questions: list[Question] = Field(min_length=1)

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return _not_blank(value, "title")

    @property
    def max_points(self) -> int:
        return sum(question.points for question in self.questions)
