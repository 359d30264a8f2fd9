"""The kinds of question, found by name: the one registry.

Adding a kind: a module here (its model, scoring, HTML, runtime data and
advice), a unit ``assets/runtime/kinds/<type>.js`` (reading, scoring and
showing it in the browser), and one entry in ``Question`` below.
"""

from __future__ import annotations

import typing
from typing import Annotated

from pydantic import Field

from .base import QuestionBase
from .fill_blank import FillBlankQuestion
from .matching import MatchingQuestion
from .multiple import MultipleQuestion
from .ordering import OrderingQuestion
from .scenario import ScenarioQuestion
from .single import SingleQuestion
from .true_false import TrueFalseQuestion

Question = Annotated[
    SingleQuestion
    | MultipleQuestion
    | TrueFalseQuestion
    | FillBlankQuestion
    | OrderingQuestion
    | MatchingQuestion
    | ScenarioQuestion,
    Field(discriminator="type"),
]

KINDS: dict[str, type[QuestionBase]] = {
    typing.get_args(model.model_fields["type"].annotation)[0]: model
    for model in typing.get_args(typing.get_args(Question)[0])
}
QUESTION_TYPES = tuple(KINDS)

__all__ = [
    "KINDS",
    "QUESTION_TYPES",
    "FillBlankQuestion",
    "MatchingQuestion",
    "MultipleQuestion",
    "OrderingQuestion",
    "Question",
    "QuestionBase",
    "ScenarioQuestion",
    "SingleQuestion",
    "TrueFalseQuestion",
]
