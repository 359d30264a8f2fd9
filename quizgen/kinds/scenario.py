"""``scenario``: a branching call, played one step at a time.

Each step has what the caller says (and, optionally, a note on the
situation) and the replies the learner may choose; each reply has points
(0 or more), feedback and the step it leads to (``goto``), or ``end``.
The call only moves forward: no cycles, every step reachable from ``start``.

Response: the index (as written) of the reply chosen at each step played, in
order, starting at ``start``. Score: the points of the replies chosen; the
question is worth the best path's points, computed here at build time.
"""

from __future__ import annotations

import difflib
from functools import cached_property
from html import escape
from typing import Any, Literal

from pydantic import Field, StrictInt, field_validator, model_validator

from .. import safe_markdown
from ..i18n import Messages
from .base import (
    ID_PATTERN,
    Advice,
    QuestionBase,
    Response,
    ShuffleList,
    Shuffles,
    Strict,
    block_or_empty,
    not_blank,
    one_paragraph,
    rule_error,
)

END = "end"


class Reply(Strict):
    text: str = Field(description="What the learner says (one paragraph of Markdown).")
    goto: str = Field(description="The step this reply leads to, or 'end' to finish the call.")
    points: StrictInt = Field(0, ge=0, description="Points for choosing this reply (0 or more).")
    feedback: str | None = Field(None, description="Shown once the learner has chosen this reply.")

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        return one_paragraph(not_blank(value, "reply text"), "reply text")


class Step(Strict):
    caller: str = Field(description="What the caller says at this point of the call.")
    note: str | None = Field(None, description="The situation, shown before the caller's words.")
    choices: list[Reply] = Field(min_length=1, description="The replies the learner may choose.")

    @field_validator("caller")
    @classmethod
    def _caller(cls, value: str) -> str:
        return one_paragraph(not_blank(value, "caller's line"), "the caller's line")


class ScenarioQuestion(Shuffles, QuestionBase):
    """A branching call: the learner chooses a reply at each step."""

    label = "Scenario"
    type: Literal["scenario"]
    start: str = Field(description="The id of the first step.")
    steps: dict[str, Step] = Field(min_length=1, description="The steps of the call, by id.")

    @model_validator(mode="before")
    @classmethod
    def _no_points(cls, data: Any) -> Any:
        if isinstance(data, dict) and "points" in data:
            raise rule_error(
                "a scenario is worth the points of its best path, so it takes no 'points' of its own",
                "remove 'points' here and give each reply its 'points'",
                ("points",),
            )
        return data

    @model_validator(mode="after")
    def _a_call_that_moves_forward(self) -> ScenarioQuestion:
        import re

        for step_id in self.steps:
            if step_id == END or not re.match(ID_PATTERN, step_id):
                raise rule_error(
                    f"the step id '{step_id}' is "
                    + (
                        "reserved: 'goto: end' finishes the call"
                        if step_id == END
                        else "not lowercase words joined by hyphens"
                    ),
                    "rename the step (and every 'goto' that names it)",
                    ("steps", step_id),
                    at_key=True,
                )
        if self.start not in self.steps:
            raise rule_error(
                f"'start' names no step: '{self.start}'", _did_you_mean(self.start, self.steps), ("start",)
            )
        for step_id, step in self.steps.items():
            for number, reply in enumerate(step.choices):
                if reply.goto != END and reply.goto not in self.steps:
                    raise rule_error(
                        f"reply {number + 1} of step '{step_id}' goes to '{reply.goto}', which is not a step",
                        _did_you_mean(reply.goto, self.steps, end=True),
                        ("steps", step_id, "choices", number, "goto"),
                    )
        cycle = _first_cycle(self.start, self.steps)
        if cycle:
            step_id, number = cycle
            raise rule_error(
                f"reply {number + 1} of step '{step_id}' goes back to '{self.steps[step_id].choices[number].goto}', "
                "an earlier step, so the call could go round for ever",
                "a call only moves forward: point it to a later step, or to 'end'",
                ("steps", step_id, "choices", number, "goto"),
            )
        reached = _reachable(self.start, self.steps)
        for step_id in self.steps:
            if step_id not in reached:
                raise rule_error(
                    f"no reply leads to the step '{step_id}', so no learner will ever see it",
                    "point a reply's 'goto' to it, or remove the step",
                    ("steps", step_id),
                    at_key=True,
                )
        # No cycles, every goto valid and every step with a reply: every path reaches 'end'.
        if self.max_points == 0:
            raise rule_error(
                "no path through the call earns any points, so it cannot be scored",
                "give the best reply of each step 'points: 1' or more",
                ("start",),
            )
        return self

    @cached_property
    def _best(self) -> dict[str, tuple[int, int]]:
        """For each step: the most points from there to the end, and the reply that earns them."""
        best: dict[str, tuple[int, int]] = {}

        def visit(step_id: str) -> int:
            if step_id == END:
                return 0
            if step_id not in best:
                options = [reply.points + visit(reply.goto) for reply in self.steps[step_id].choices]
                top = max(options)
                best[step_id] = (top, options.index(top))
            return best[step_id][0]

        visit(self.start)
        return best

    @property
    def max_points(self) -> int:
        return self._best[self.start][0]

    def best_path(self) -> list[tuple[str, int]]:
        """(step id, reply index) along the path that earns the most points; ties go to the first reply."""
        path, step_id = [], self.start
        while step_id != END:
            reply = self._best[step_id][1]
            path.append((step_id, reply))
            step_id = self.steps[step_id].choices[reply].goto
        return path

    def score(self, response: Response) -> float:
        given = response if isinstance(response, (list, tuple)) else ()
        total, step_id = 0, self.start
        for choice in given:
            if step_id == END:
                break
            replies = self.steps[step_id].choices
            if not (isinstance(choice, int) and not isinstance(choice, bool) and 0 <= choice < len(replies)):
                break
            total += replies[choice].points
            step_id = replies[choice].goto
        return total

    def runtime(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "steps": {sid: [[r.goto, r.points] for r in step.choices] for sid, step in self.steps.items()},
        }

    def shuffle_lists(self, shuffle_options: bool) -> list[ShuffleList]:
        if not shuffle_options:
            return []
        return [ShuffleList(sid, len(step.choices)) for sid, step in self.steps.items() if len(step.choices) > 1]

    def instruction(self, t: Messages) -> str:
        return t("kinds.scenario_instruction")

    def render_body(self, base: str, t: Messages) -> str:
        caller = escape(t("kinds.caller"))
        parts = ['<div class="quizgen-call">']
        for sid, step in self.steps.items():
            step_base = f"{base}-{sid}"
            parts.append(f'<div class="quizgen-step" data-step="{sid}" hidden>')
            if step.note:
                parts.append(f'<div class="quizgen-note">{safe_markdown.block(step.note)}</div>')
            parts.append(
                f'<p class="quizgen-caller" id="{step_base}-caller" tabindex="-1">'
                f'<span class="quizgen-speaker">{caller}</span> {safe_markdown.inline(step.caller)}</p>'
            )
            parts.append(
                f'<fieldset class="quizgen-replies"><legend>{escape(t("kinds.your_reply_legend"))}</legend>'
                '<div class="quizgen-options">'
            )
            for number, reply in enumerate(step.choices):
                control = f"{step_base}-{number}"
                feedback = (
                    f'<div class="quizgen-option-feedback" id="{control}-feedback" hidden>'
                    f"{safe_markdown.block(reply.feedback)}</div>"
                    if reply.feedback
                    else ""
                )
                parts.append(
                    f'<div class="quizgen-option" data-index="{number}">'
                    f'<input type="radio" id="{control}" name="{step_base}" value="{number}">'
                    f'<label for="{control}">{safe_markdown.inline(reply.text)}</label>'
                    f'<span class="quizgen-option-state"></span>{feedback}</div>'
                )
            parts.append(
                f'</div><button type="button" class="quizgen-reply">{escape(t("kinds.reply"))}</button>'
                "</fieldset></div>"
            )
        parts.append(
            f'<p class="quizgen-call-end" id="{base}-end" tabindex="-1" hidden>{escape(t("kinds.call_ended"))}</p>'
            '<p class="quizgen-call-actions"><button type="button" class="quizgen-restart" hidden>'
            f"{escape(t('kinds.restart'))}</button></p>"
            # the feedback on each reply, announced as the call moves on to the caller's next words
            '<p class="quizgen-call-live" aria-live="polite"></p></div>'
        )
        return "\n".join(parts)

    def render_result(self, base: str, t: Messages) -> str:
        caller, you = escape(t("kinds.caller")), escape(t("kinds.you"))
        rows = []
        for sid, number in self.best_path():
            step = self.steps[sid]
            reply = step.choices[number]
            rows.append(
                f'<li><p><span class="quizgen-speaker">{caller}</span> {safe_markdown.inline(step.caller)}</p>'
                f'<p><span class="quizgen-speaker">{you}</span> {safe_markdown.inline(reply.text)} '
                f"({escape(t('quiz.points', count=reply.points))})</p>"
                f"{block_or_empty(reply.feedback)}</li>"
            )
        best = escape(t("kinds.best_path", points=t("quiz.points", count=self.max_points)))
        return f'<div class="quizgen-best-path" hidden><p>{best}</p><ol>{"".join(rows)}</ol></div>'

    def advice(self) -> list[Advice]:
        return [
            Advice(
                ("steps", sid, "choices", number),
                f"reply {number + 1} of step '{sid}' in question '{self.id}' has no feedback",
                "add 'feedback: ...' saying how the caller takes this reply",
            )
            for sid, step in self.steps.items()
            for number, reply in enumerate(step.choices)
            if not reply.feedback
        ]


def _did_you_mean(name: str, steps: dict[str, Step], *, end: bool = False) -> str:
    close = difflib.get_close_matches(name, list(steps), n=1, cutoff=0.5)
    if close:
        return f"did you mean '{close[0]}'?" + (" Use 'end' to finish the call" if end else "")
    return f"name one of the steps: {', '.join(steps)}" + (", or 'end' to finish the call" if end else "")


def _reachable(start: str, steps: dict[str, Step]) -> set[str]:
    seen, stack = set(), [start]
    while stack:
        step_id = stack.pop()
        if step_id == END or step_id in seen:
            continue
        seen.add(step_id)
        stack.extend(reply.goto for reply in steps[step_id].choices)
    return seen


def _first_cycle(start: str, steps: dict[str, Step]) -> tuple[str, int] | None:
    """The first reply (step id, index) that leads back to a step on the current path, searching from start."""
    done: set[str] = set()
    on_path: set[str] = set()

    def visit(step_id: str) -> tuple[str, int] | None:
        on_path.add(step_id)
        for number, reply in enumerate(steps[step_id].choices):
            if reply.goto == END or reply.goto in done:
                continue
            if reply.goto in on_path:
                return step_id, number
            found = visit(reply.goto)
            if found:
                return found
        on_path.discard(step_id)
        done.add(step_id)
        return None

    return visit(start)
