"""Render a bank as the page's quiz: an HTML form of native controls plus the
JSON data the browser runtime scores with.

Every piece of bank text goes through ``safe_markdown`` and every attribute
value through ``html.escape``: bank files are untrusted. Each kind renders
its own controls (``kinds/``); this module renders what every question and
the quiz share.

The markup is a contract (tests and the runtime rely on it):
form.quizgen-quiz[data-quiz-id] > fieldset.quizgen-question[data-question-id][data-type]
with the prompt in <legend>, then .quizgen-score[role=status], where focus goes after a check.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from . import safe_markdown
from .attempt import Group, shuffle_lists
from .kinds.base import plural
from .model import Bank, Question
from .rules import format_points

# Anchors of the lesson: id -> heading text (None when the id is not a heading).
Anchors = Mapping[str, str | None]


def runtime_data(bank: Bank, quiz_id: str, groups: Sequence[Group] = ()) -> dict[str, Any]:
    """What the browser needs to run an attempt and score it: no prompts, no feedback."""
    lists = shuffle_lists(bank)
    data: dict[str, Any] = {"id": quiz_id, "passMark": bank.pass_mark, "mode": bank.mode}
    if bank.draw is not None:
        data["draw"] = bank.draw
    if bank.shuffle:
        data["shuffle"] = True
    if groups:
        data["groups"] = [group.data() for group in groups]
    data["questions"] = [_question_data(bank, q, lists.get(q.id, [])) for q in bank.questions]
    return data


def _question_data(bank: Bank, question: Question, lists: list[Any]) -> dict[str, Any]:
    data: dict[str, Any] = {"id": question.id, "type": question.type, "points": question.max_points}
    if question.hints:
        data["hints"] = len(question.hints)
        data["penalty"] = bank.hint_penalty_of(question)
    if lists:
        data["lists"] = [item.data() for item in lists]
    data.update(question.runtime())
    return data


def json_for_script(data: Any) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


def intro(bank: Bank, groups: Sequence[Group] = ()) -> str:
    """What the learner is told before starting: size, pass mark, how attempts work."""
    pool = len(bank.questions)
    drawn = sum(min(group.draw, group.size) for group in groups)
    if groups and drawn < pool:
        size = f"{plural(drawn, 'question')}, drawn afresh from {pool} for each attempt."
    elif bank.draw is not None and bank.draw < pool:
        size = f"{plural(bank.draw, 'question')}, drawn afresh from {pool} for each attempt."
    else:
        size = f"{plural(pool, 'question')}, {plural(bank.max_points, 'point')}."
    need = f"You need {format_points(bank.pass_mark)}% to pass."
    if bank.mode == "exam":
        how = "You submit your answers once; then you see your marks and all the feedback."
    else:
        how = "The first check of each attempt gives its score; then check again as often as you like."
    return f"{size} {need} {how} Your answers are kept in this browser only."


def render_quiz(
    bank: Bank,
    quiz_id: str,
    *,
    anchors: Anchors | None = None,
    heading: str = "Check yourself",
    heading_id: str = "check-yourself",
    groups: Sequence[Group] = (),
    lessons: Mapping[str, tuple[str, Anchors]] | None = None,
) -> str:
    """The whole quiz section: heading, form, controls and data.

    ``lessons`` serves a quiz drawn from other pages' banks (the final check):
    question id -> (address of its lesson, that lesson's anchors), so that
    each ``see`` link leads back to the lesson it names.
    """
    anchors = anchors or {}
    count = len(bank.questions)  # the runtime numbers the questions an attempt shows
    title_id = f"{heading_id}-title"
    check = "Submit answers" if bank.mode == "exam" else "Check answers"
    parts = [
        # data-search-exclude keeps answers and feedback out of the site's search index
        '<div class="quizgen" data-search-exclude>',
        f'<h2 id="{escape(heading_id)}" data-search-exclude>{escape(heading)}'
        f'<a class="headerlink" href="#{escape(heading_id)}" title="Permanent link">&para;</a></h2>',
        f'<form class="quizgen-quiz" data-quiz-id="{escape(quiz_id)}" data-mode="{bank.mode}" '
        f'aria-labelledby="{title_id}" novalidate>',
        f'<p class="quizgen-title" id="{title_id}">{safe_markdown.inline(bank.title)}</p>',
        f'<p class="quizgen-intro">{intro(bank, groups)}</p>',
        # what this browser remembers of the quiz, and any notice about it: the runtime fills them in
        '<p class="quizgen-notice" hidden></p>',
        '<p class="quizgen-record" hidden></p>',
        '<div class="quizgen-questions">',
    ]
    for number, question in enumerate(bank.questions, 1):
        page, own = (lessons or {}).get(question.id, ("", anchors))
        parts.append(_question(bank, question, number, count, own, page))
    parts += [
        "</div>",
        '<div class="quizgen-actions">',
        f'<button type="submit" class="quizgen-check">{check}</button>',
        '<button type="reset" class="quizgen-reset">Try again</button>',
        "</div>",
        # focus moves to the score after a check (tabindex: a target for scripts, not a tab stop)
        '<p class="quizgen-score" role="status" aria-live="polite" tabindex="-1"></p>',
        "<noscript><p>Turn on JavaScript in your browser to check your answers.</p></noscript>",
        # Inside a <template> the data is inert, and themes that re-run a
        # page's inline scripts after swapping content (mkdocs-material's
        # instant navigation copies them without their type) never see it.
        '<template class="quizgen-data"><script type="application/json">'
        f"{json_for_script(runtime_data(bank, quiz_id, groups))}</script></template>",
        "</form>",
        "</div>",
    ]
    return "\n".join(parts)


def _question(bank: Bank, question: Question, number: int, count: int, anchors: Anchors, page: str = "") -> str:
    qid = escape(question.id)
    base = f"quizgen-{qid}"
    points = plural(question.max_points, "point")
    parts = [
        f'<fieldset class="quizgen-question" data-question-id="{qid}" data-type="{question.type}" id="{base}">',
        f'<legend><span class="quizgen-number">Question {number} of {count} ({points})</span> '
        f'<span class="quizgen-prompt">{safe_markdown.inline(question.prompt)}</span></legend>',
    ]
    instruction = question.instruction()
    if instruction:
        parts.append(f'<p class="quizgen-instruction">{escape(instruction)}</p>')
    if question.hints:
        parts.append(_hints(question, base, bank.hint_penalty_of(question)))
    parts.append(question.render_body(base))
    # what must be put right before checking (a position chosen twice): the runtime fills it in
    parts.append('<p class="quizgen-problem" role="alert" hidden></p>')
    parts.append(_result(question, base, anchors, page))
    parts.append("</fieldset>")
    return "\n".join(parts)


def _hints(question: Question, base: str, penalty: float) -> str:
    """Hints, each hidden until the learner asks; the button says what the next one costs."""
    items = "".join(
        f'<li class="quizgen-hint" id="{base}-hint-{number}" tabindex="-1" hidden>{safe_markdown.inline(hint)}</li>'
        for number, hint in enumerate(question.hints)
    )
    return (
        f'<div class="quizgen-hints" data-cost="{hint_cost(penalty)}">'
        f'<ol class="quizgen-hint-list">{items}</ol>'
        f'<button type="button" class="quizgen-hint-button">{hint_button(1, len(question.hints), penalty)}</button>'
        "</div>"
    )


def hint_cost(penalty: float) -> str:
    return f"costs {format_points(penalty * 100)}% of this question's points" if penalty else "free"


def hint_button(number: int, count: int, penalty: float) -> str:
    """The hint button's words; the runtime writes the same as hints are revealed."""
    return f"Show hint {number} of {count} ({hint_cost(penalty)})"


def _result(question: Question, base: str, anchors: Anchors, page: str = "") -> str:
    """Verdict, feedback, explanation and the 'see' link: hidden until checked."""
    parts = [f'<div class="quizgen-result" id="{base}-result" hidden>', '<p class="quizgen-verdict"></p>']
    parts.append(question.render_result(base))
    feedback = question.feedback_text()
    if feedback:
        parts.append(f'<div class="quizgen-feedback" hidden>{safe_markdown.block(feedback)}</div>')
    if question.explanation:
        parts.append(f'<div class="quizgen-explanation">{safe_markdown.block(question.explanation)}</div>')
    if question.see or page:
        title = anchors.get(question.see[1:]) if question.see else None
        text = (
            f"Review: {escape(title)}"
            if title
            else "Review this part of the lesson"
            if question.see
            else "Review the lesson"
        )
        parts.append(f'<p class="quizgen-see"><a href="{escape(page + (question.see or ""))}">{text}</a></p>')
    parts.append("</div>")
    return "\n".join(p for p in parts if p)
