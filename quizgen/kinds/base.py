"""What every kind of question shares, and the interface the engine talks to.

A kind is one module in this package: its pydantic model (the format and its
validators) is also where its scoring, its HTML, its runtime data and its
``quizgen check`` advice live. The quiz engine (``render``, ``score``,
``attempt``, ``advice``) calls only the methods below; the browser mirrors each
kind in ``assets/runtime/kinds/<type>.js``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, field_validator
from pydantic_core import PydanticCustomError

from .. import safe_markdown
from ..anchors import plain_text
from ..i18n import Messages

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ANCHOR_PATTERN = r"^#[^\s#]+$"
_BLANK_LINE = re.compile(r"\n[ \t]*\n")

Path_ = tuple[str | int, ...]
Response = Any  # what the learner gave, in the shape the kind documents; anything else scores 0


def one_paragraph(value: str, what: str) -> str:
    if _BLANK_LINE.search(value.strip()):
        raise PydanticCustomError(
            "quizgen_paragraph",
            "{what} must be a single paragraph",
            {"what": what, "hint": "remove the blank line; longer teaching belongs in the lesson"},
        )
    return value


def not_blank(value: str, what: str) -> str:
    if not value.strip():
        raise PydanticCustomError(
            "quizgen_blank", "{what} is empty", {"what": what, "hint": f"write the {what} after the colon"}
        )
    return value


def rule_error(message: str, hint: str, at: Path_ = (), *, at_key: bool = False) -> PydanticCustomError:
    """An error of our own; ``at`` is where it stands, relative to the model that raises it
    (``at_key``: at the key that names it rather than its value)."""
    return PydanticCustomError("quizgen_rule", message, {"hint": hint, "at": list(at), "at_key": at_key})


def texts(values: list[str], what: str) -> list[str]:
    """A list of short texts (items, hints, distractors): each one paragraph, none empty, named by number."""
    for number, value in enumerate(values):
        if not value.strip():
            raise rule_error(
                f"{what} {number + 1} is empty", f"write the {what} after the '- ', or remove the line", (number,)
            )
        if _BLANK_LINE.search(value.strip()):
            raise rule_error(f"{what} {number + 1} must be a single paragraph", "remove the blank line", (number,))
    return values


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class Strict(BaseModel):
    # Unknown keys are errors (they are usually typos); numbers are accepted
    # where text is expected (an answer may be "4"), booleans are not.
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


@dataclass(frozen=True)
class ShuffleList:
    """A list the attempt shows in an order of its own: the kind says which, the attempt decides the order.

    ``key`` names the list within its question ("options", or a scenario's step id);
    ``fixed`` positions keep their place; ``derange`` forbids the written order itself
    (an ordering question must never be shown already solved).
    """

    key: str
    size: int
    fixed: tuple[int, ...] = ()
    derange: bool = False

    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"key": self.key, "size": self.size}
        if self.fixed:
            data["fixed"] = list(self.fixed)
        if self.derange:
            data["derange"] = True
        return data


@dataclass(frozen=True)
class Advice:
    """A warning of ``quizgen check``: where (from the bank's root), what, and the fix."""

    path: Path_
    message: str
    hint: str


Q = TypeVar("Q", bound="QuestionBase")


class QuestionBase(Strict):
    """The keys every kind has, and the interface every kind implements."""

    label: ClassVar[str]  # the kind's name for people: "Single", "Ordering"

    id: str = Field(
        pattern=ID_PATTERN,
        description="Unique across the whole course, lowercase words joined by hyphens.",
    )
    prompt: str = Field(description="The question (one paragraph of Markdown).")
    explanation: str | None = Field(None, description="Shown after checking (Markdown).")
    see: str | None = Field(
        None,
        pattern=ANCHOR_PATTERN,
        description="A heading anchor of the lesson, such as '#what-to-write-down'.",
    )
    hints: list[str] = Field(
        default_factory=list, description="Hints the learner may reveal one at a time before checking."
    )
    hint_penalty: float | None = Field(
        None,
        ge=0,
        le=1,
        strict=True,
        description="Share of the question's points each revealed hint costs (0 to 1); default: the bank's.",
    )

    @field_validator("prompt")
    @classmethod
    def _prompt(cls, value: str) -> str:
        return one_paragraph(not_blank(value, "prompt"), "prompt")

    @field_validator("hints")
    @classmethod
    def _hints(cls, hints: list[str]) -> list[str]:
        return texts(hints, "hint")

    # ---- the interface ----------------------------------------------------

    @property
    def max_points(self) -> int:
        """Points for a fully right answer."""
        raise NotImplementedError

    def score(self, response: Response) -> float:
        """Points earned by ``response`` (0 to max_points), before any hint penalty."""
        raise NotImplementedError

    def runtime(self) -> dict[str, Any]:
        """What the browser needs to score and show this kind (beyond id, type and points)."""
        return {}

    def shuffle_lists(self, shuffle_options: bool) -> list[ShuffleList]:
        """The lists an attempt may reorder; ``shuffle_options`` is the bank's or question's setting."""
        return []

    def instruction(self, t: Messages) -> str:
        """One line telling the learner how to answer, in the interface's language ``t``."""
        raise NotImplementedError

    def render_body(self, base: str, t: Messages) -> str:
        """The controls the learner answers with; ``base`` is the question's HTML id."""
        raise NotImplementedError

    def render_result(self, base: str, t: Messages) -> str:
        """Kind-specific parts of the result shown after checking (the right answer, say)."""
        return ""

    def feedback_text(self) -> str | None:
        """Feedback for a wrong answer as a whole, where the kind has it."""
        return None

    def advice(self) -> list[Advice]:
        """Warnings about this question alone; paths are relative to the question."""
        return []

    @classmethod
    def bank_advice(cls: type[Q], questions: Sequence[tuple[int, Q]]) -> list[Advice]:
        """Warnings about a bank's questions of this kind together (index in the bank, question)."""
        return []


class Scored(BaseModel):
    """The ``points`` key, for kinds whose worth the author sets directly."""

    points: StrictInt = Field(1, gt=0, description="Points for a fully right answer (default 1).")

    @property
    def max_points(self) -> int:
        return self.points


class Shuffles(BaseModel):
    """The ``shuffle_options`` key, for kinds whose choices an attempt shuffles."""

    shuffle_options: StrictBool | None = Field(
        None, description="false keeps the choices in the written order; default: the bank's setting."
    )


def select_control(select_id: str, choices: Sequence[tuple[str, str]], placeholder: str, label_id: str) -> str:
    """A native <select> named by the element ``label_id``; choices are (value, shown HTML-free text)."""
    options = [f'<option value="">{escape(placeholder)}</option>']
    options += [f'<option value="{escape(value)}">{escape(text)}</option>' for value, text in choices]
    return f'<select id="{select_id}" aria-labelledby="{label_id}">{"".join(options)}</select>'


def plain(text: str) -> str:
    """Bank text for places that take no markup (a <select>'s options): the words Markdown would show."""
    return " ".join(plain_text(safe_markdown.inline(text)).split())


def block_or_empty(text: str | None) -> str:
    return safe_markdown.block(text) if text else ""
