"""``matching``: each left-hand item gets a native <select> of the right-hand choices.

The choices are the pairs' right-hand texts, then the distractors (choices
that match nothing); an attempt shuffles them. Response: for each pair as
written, the index of the choice picked for it (as written), or null.
Score: points * pairs matched rightly / pairs.
"""

from __future__ import annotations

from html import escape
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from .. import safe_markdown
from ..i18n import Messages
from ..rules import normalise
from .base import QuestionBase, Response, Scored, ShuffleList, Shuffles, Strict, not_blank, plain, rule_error, texts


class Pair(Strict):
    left: str = Field(description="What the learner matches (Markdown).")
    right: str = Field(description="Its match, offered in every list of choices (plain text).")

    @field_validator("left", "right")
    @classmethod
    def _text(cls, value: str) -> str:
        return not_blank(value, "text")


class MatchingQuestion(Scored, Shuffles, QuestionBase):
    """Pairs to match, and right-hand choices that match nothing."""

    label = "Matching"
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2, description="Each item and its match.")
    distractors: list[str] = Field(
        default_factory=list, description="Right-hand choices that match no item (plain text)."
    )
    feedback: str | None = Field(None, description="Shown when a match is wrong.")

    @field_validator("distractors")
    @classmethod
    def _distractors(cls, distractors: list[str]) -> list[str]:
        return texts(distractors, "distractor")

    @model_validator(mode="after")
    def _unique(self) -> MatchingQuestion:
        for what, values, path in (
            ("left-hand", [p.left for p in self.pairs], lambda i: ("pairs", i, "left")),
            ("right-hand", self.choices, self._choice_path),
        ):
            seen: dict[str, int] = {}
            for index, text in enumerate(values):
                key = normalise(plain(text))
                if key in seen:
                    raise rule_error(
                        f"two {what} texts are the same ('{plain(text)}'), so a learner cannot tell them apart",
                        "make each one different" + (", or drop the distractor" if what == "right-hand" else ""),
                        path(index),
                    )
                seen[key] = index
        return self

    @property
    def choices(self) -> list[str]:
        return [pair.right for pair in self.pairs] + list(self.distractors)

    def _choice_path(self, index: int) -> tuple[str | int, ...]:
        if index < len(self.pairs):
            return ("pairs", index, "right")
        return ("distractors", index - len(self.pairs))

    def score(self, response: Response) -> float:
        given = response if isinstance(response, (list, tuple)) else ()
        right = sum(1 for index in range(len(self.pairs)) if index < len(given) and _same_int(given[index], index))
        return self.points * right / len(self.pairs)

    def runtime(self) -> dict[str, Any]:
        return {"pairs": len(self.pairs), "choices": len(self.choices)}

    def shuffle_lists(self, shuffle_options: bool) -> list[ShuffleList]:
        return [ShuffleList("choices", len(self.choices))] if shuffle_options else []

    def instruction(self, t: Messages) -> str:
        return t("kinds.matching_extra" if self.distractors else "kinds.matching_instruction")

    def render_body(self, base: str, t: Messages) -> str:
        choices = "".join(f'<option value="{i}">{escape(plain(text))}</option>' for i, text in enumerate(self.choices))
        placeholder = escape(t("kinds.choose_match"))
        parts = ['<div class="quizgen-pairs">']
        for index, pair in enumerate(self.pairs):
            control = f"{base}-{index}"
            parts.append(
                f'<div class="quizgen-pair" data-index="{index}">'
                f'<label for="{control}">{safe_markdown.inline(pair.left)}</label>'
                f'<select id="{control}" name="{control}"><option value="">{placeholder}</option>{choices}</select>'
                '<span class="quizgen-option-state"></span>'
                f'<span class="quizgen-right-answer" hidden>{escape(t("kinds.its_match", match=plain(pair.right)))}'
                "</span></div>"
            )
        parts.append("</div>")
        return "\n".join(parts)

    def feedback_text(self) -> str | None:
        return self.feedback


def _same_int(value: Any, wanted: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value == wanted
