"""``fill_blank``: a short typed answer; all the points when it matches an accepted one.

Response: the text typed. Compared after ``rules.normalise`` (case, spaces, Unicode form).
"""

from __future__ import annotations

from html import escape
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, WithJsonSchema

from ..i18n import Messages
from ..rules import normalise
from .base import QuestionBase, Response, Scored, not_blank

# Numbers are fine as answers ("4"); the schema says so, so editors agree.
AcceptedAnswer = Annotated[
    str,
    AfterValidator(lambda value: not_blank(value, "accepted answer")),
    WithJsonSchema({"type": ["string", "number"], "minLength": 1}),
]


class FillBlankQuestion(Scored, QuestionBase):
    """A short typed answer, compared ignoring case and surrounding spaces."""

    label = "Fill-in"
    type: Literal["fill_blank"]
    answers: list[AcceptedAnswer] = Field(min_length=1, description="Every accepted answer.")
    feedback: str | None = Field(None, description="Shown when answered wrongly.")

    def score(self, response: Response) -> float:
        given = normalise(response) if isinstance(response, str) else None
        right = bool(given) and any(given == normalise(answer) for answer in self.answers)
        return self.points if right else 0

    def runtime(self) -> dict[str, Any]:
        return {"answers": list(self.answers)}

    def instruction(self, t: Messages) -> str:
        return ""  # the field's label says it

    def render_body(self, base: str, t: Messages) -> str:
        return (
            '<p class="quizgen-answer">'
            f'<label for="{base}-answer">{escape(t("quiz.your_answer"))}</label> '
            f'<input type="text" id="{base}-answer" name="{base}" autocomplete="off" '
            'autocapitalize="off" spellcheck="false">'
            "</p>"
        )

    def render_result(self, base: str, t: Messages) -> str:
        # the answers are HTML already: the message's own text is escaped around them
        marker = "\x00"
        sentence = escape(t("quiz.accepted", count=len(self.answers), answers=marker))
        accepted = ", ".join(f"<q>{escape(answer)}</q>" for answer in self.answers)
        return f'<p class="quizgen-accepted" hidden>{sentence.replace(marker, accepted)}</p>'

    def feedback_text(self) -> str | None:
        return self.feedback
