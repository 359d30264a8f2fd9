"""``ordering``: steps the learner puts in order, one native <select> of positions per step.

Written in the right order; always shown shuffled, never already solved.
Response: for each item as written, the position chosen for it (0 = first), or null.
Score (Moodle's "relative to the next item"): each item followed by its right
successor earns an equal share of the points, points * pairs / (items - 1).
An item whose position is missing, out of range or shared with another item
is not placed, and no pair through it counts; the runtime points such
positions out before it scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any, Literal

from pydantic import Field, field_validator

from .. import safe_markdown
from ..i18n import Messages
from ..rules import normalise
from .base import QuestionBase, Response, Scored, ShuffleList, rule_error, texts


class OrderingQuestion(Scored, QuestionBase):
    """Items in the right order; the learner restores it."""

    label = "Ordering"
    type: Literal["ordering"]
    items: list[str] = Field(min_length=2, description="The items in the right order (the site shuffles them).")
    feedback: str | None = Field(None, description="Shown when the order is wrong.")

    @field_validator("items")
    @classmethod
    def _items(cls, items: list[str]) -> list[str]:
        seen: dict[str, int] = {}
        for number, item in enumerate(texts(items, "item")):
            key = normalise(item)
            if key in seen:
                raise rule_error(
                    f"items {seen[key] + 1} and {number + 1} are the same, so their order cannot be marked",
                    "make every item different",
                    (number,),
                )
            seen[key] = number
        return items

    def score(self, response: Response) -> float:
        placed = placed_positions(response, len(self.items))
        pairs = sum(
            1
            for item in range(len(self.items) - 1)
            if (here := placed[item]) is not None and placed[item + 1] == here + 1
        )
        return self.points * pairs / (len(self.items) - 1)

    def runtime(self) -> dict[str, Any]:
        return {"items": len(self.items)}

    def shuffle_lists(self, shuffle_options: bool) -> list[ShuffleList]:
        return [ShuffleList("items", len(self.items), derange=True)]  # shown in the right order, it asks nothing

    def instruction(self, t: Messages) -> str:
        return t("kinds.ordering_instruction", count=len(self.items))

    def render_body(self, base: str, t: Messages) -> str:
        positions = "".join(f'<option value="{i}">{i + 1}</option>' for i in range(len(self.items)))
        placeholder = escape(t("kinds.position"))
        parts = ['<div class="quizgen-items">']
        for index, item in enumerate(self.items):
            control = f"{base}-{index}"
            parts.append(
                f'<div class="quizgen-item" data-index="{index}">'
                f'<label for="{control}">{safe_markdown.inline(item)}</label>'
                f'<select id="{control}" name="{control}"><option value="">{placeholder}</option>{positions}</select>'
                f'<span class="quizgen-option-state"></span></div>'
            )
        parts.append("</div>")
        return "\n".join(parts)

    def render_result(self, base: str, t: Messages) -> str:
        steps = "".join(f"<li>{safe_markdown.inline(item)}</li>" for item in self.items)
        return f'<div class="quizgen-right-order" hidden><p>{escape(t("kinds.right_order"))}</p><ol>{steps}</ol></div>'

    def feedback_text(self) -> str | None:
        return self.feedback


def placed_positions(response: Response, count: int) -> list[int | None]:
    """Each item's position, or None where it is missing, out of range or shared."""
    given: Sequence[Any] = response if isinstance(response, (list, tuple)) else ()
    positions: list[int | None] = []
    for item in range(count):
        value = given[item] if item < len(given) else None
        valid = isinstance(value, int) and not isinstance(value, bool) and 0 <= value < count
        positions.append(value if valid else None)
    return [None if position is not None and positions.count(position) > 1 else position for position in positions]
