"""What the choice kinds share: options with radio buttons or checkboxes.

``single`` and ``multiple`` are kinds of their own; this module holds their
option format, markup and advice, and ``true_false`` borrows the markup.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from pydantic import Field, StrictBool, field_validator

from .. import safe_markdown
from ..i18n import Messages
from ..rules import normalise
from .base import Advice, QuestionBase, ShuffleList, Shuffles, Strict, not_blank, one_paragraph

# "All of the above", "none of these", "both of the above": their meaning depends on the other options' places.
_POSITIONAL = re.compile(
    r"^\W*(all|none|both|neither|any)( of)?( the)? (above|below|these|those|previous|others?|options|answers)\b"
)


class Option(Strict):
    """One choice of a single or multiple question."""

    text: str = Field(description="What the learner reads next to the button (one line of Markdown).")
    correct: StrictBool = Field(False, description="true for a right answer.")
    feedback: str | None = Field(
        None, description="Shown when this option is answered wrongly: why it is right or wrong."
    )
    fixed: StrictBool = Field(
        False, description="true keeps this option in its written place when options are shuffled ('None of these')."
    )

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        return one_paragraph(not_blank(value, "option text"), "option text")


class ChoiceQuestion(Shuffles, QuestionBase):
    """Options; the response is the index (single) or indices (multiple) of the options chosen, as written."""

    options: list[Option] = Field(min_length=2)
    input_type: ClassVar[str] = "radio"

    def runtime(self) -> dict[str, Any]:
        return {"options": len(self.options), "correct": [i for i, o in enumerate(self.options) if o.correct]}

    def shuffle_lists(self, shuffle_options: bool) -> list[ShuffleList]:
        if not shuffle_options:
            return []
        fixed = tuple(i for i, option in enumerate(self.options) if option.fixed)
        return [ShuffleList("options", len(self.options), fixed)]

    def render_body(self, base: str, t: Messages) -> str:
        parts = ['<div class="quizgen-options">']
        for index, option in enumerate(self.options):
            feedback = (
                f'<div class="quizgen-option-feedback" id="{base}-{index}-feedback" hidden>'
                f"{safe_markdown.block(option.feedback)}</div>"
                if option.feedback
                else ""
            )
            parts.append(
                option_html(self.input_type, base, index, str(index), safe_markdown.inline(option.text), feedback)
            )
        parts.append("</div>")
        return "\n".join(parts)

    def advice(self) -> list[Advice]:
        found = []
        for number, option in enumerate(self.options):
            if not option.correct and not option.feedback:
                found.append(
                    Advice(
                        ("options", number),
                        f"wrong option {number + 1} of question '{self.id}' has no feedback",
                        "add 'feedback: ...' saying why it is wrong",
                    )
                )
        return found

    def positional_options(self, shuffled: bool) -> list[Advice]:
        """Options such as "All of the above" that lose their meaning when moved."""
        if not shuffled:
            return []
        return [
            Advice(
                ("options", number),
                f"option {number + 1} of question '{self.id}' ('{option.text.strip()}') refers to the other "
                "options' places, but options are shuffled",
                "add 'fixed: true' to this option to keep its place, or name the options it means",
            )
            for number, option in enumerate(self.options)
            if not option.fixed and _POSITIONAL.search(normalise(option.text))
        ]


def option_html(kind: str, base: str, index: int, value: str, label: str, feedback: str) -> str:
    input_id = f"{base}-{index}"
    return (
        f'<div class="quizgen-option" data-index="{index}">'
        f'<input type="{kind}" id="{input_id}" name="{base}" value="{value}">'
        f'<label for="{input_id}">{label}</label>'
        '<span class="quizgen-option-state"></span>'
        f"{feedback}</div>"
    )
