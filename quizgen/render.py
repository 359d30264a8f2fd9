"""Render a bank as the page's quiz: an HTML form of native controls plus the
JSON data the browser runtime scores with.

Every piece of bank text goes through ``safe_markdown`` and every attribute
value through ``html.escape``: bank files are untrusted.

The markup is a contract (tests and the runtime rely on it):
form.quizgen-quiz[data-quiz-id] > fieldset.quizgen-question[data-question-id]
with the prompt in <legend>, then .quizgen-score[role=status].
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import Any

from . import safe_markdown
from .model import (
    Bank,
    FillBlankQuestion,
    MultipleQuestion,
    Question,
    SingleQuestion,
    TrueFalseQuestion,
)
from .score import format_points

# Anchors of the lesson: id -> heading text (None when the id is not a heading).
Anchors = Mapping[str, str | None]


def runtime_data(bank: Bank, quiz_id: str) -> dict[str, Any]:
    """What the browser needs to score: no prompts, no feedback, just the rules' inputs."""
    return {
        "id": quiz_id,
        "passMark": bank.pass_mark,
        "questions": [_question_data(q) for q in bank.questions],
    }


def _question_data(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {"id": question.id, "type": question.type, "points": question.points}
    if isinstance(question, (SingleQuestion, MultipleQuestion)):
        data["options"] = len(question.options)
        data["correct"] = [i for i, option in enumerate(question.options) if option.correct]
    elif isinstance(question, TrueFalseQuestion):
        data["answer"] = question.answer
    else:
        data["answers"] = list(question.answers)
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


def render_quiz(
    bank: Bank,
    quiz_id: str,
    *,
    anchors: Anchors | None = None,
    heading: str = "Check yourself",
    heading_id: str = "check-yourself",
) -> str:
    """The whole quiz section: heading, form, controls and data."""
    anchors = anchors or {}
    count = len(bank.questions)
    total = bank.max_points
    title_id = f"{heading_id}-title"
    parts = [
        # data-search-exclude keeps answers and feedback out of the site's search index
        '<div class="quizgen" data-search-exclude>',
        f'<h2 id="{escape(heading_id)}" data-search-exclude>{escape(heading)}'
        f'<a class="headerlink" href="#{escape(heading_id)}" title="Permanent link">&para;</a></h2>',
        f'<form class="quizgen-quiz" data-quiz-id="{escape(quiz_id)}" aria-labelledby="{title_id}" novalidate>',
        f'<p class="quizgen-title" id="{title_id}">{safe_markdown.inline(bank.title)}</p>',
        f'<p class="quizgen-intro">{count} question{"s" if count != 1 else ""}, '
        f"{total} point{'s' if total != 1 else ''}. "
        f"You need {format_points(bank.pass_mark)}% to pass. Nothing is recorded: "
        "check your answers as often as you like.</p>",
    ]
    for number, question in enumerate(bank.questions, 1):
        parts.append(_question(question, number, count, anchors))
    parts += [
        '<div class="quizgen-actions">',
        '<button type="submit" class="quizgen-check">Check answers</button>',
        '<button type="reset" class="quizgen-reset">Try again</button>',
        "</div>",
        '<p class="quizgen-score" role="status" aria-live="polite"></p>',
        "<noscript><p>Turn on JavaScript in your browser to check your answers.</p></noscript>",
        # Inside a <template> the data is inert, and themes that re-run a
        # page's inline scripts after swapping content (mkdocs-material's
        # instant navigation copies them without their type) never see it.
        '<template class="quizgen-data"><script type="application/json">'
        f"{json_for_script(runtime_data(bank, quiz_id))}</script></template>",
        "</form>",
        "</div>",
    ]
    return "\n".join(parts)


def _question(question: Question, number: int, count: int, anchors: Anchors) -> str:
    qid = escape(question.id)
    base = f"quizgen-{qid}"
    points = f"{question.points} point{'s' if question.points != 1 else ''}"
    parts = [
        f'<fieldset class="quizgen-question" data-question-id="{qid}" data-type="{question.type}" id="{base}">',
        f'<legend><span class="quizgen-number">Question {number} of {count} ({points})</span> '
        f'<span class="quizgen-prompt">{safe_markdown.inline(question.prompt)}</span></legend>',
    ]
    if isinstance(question, (SingleQuestion, MultipleQuestion)):
        parts.append(_choices(question, base))
    elif isinstance(question, TrueFalseQuestion):
        parts.append(_true_false(question, base))
    else:
        parts.append(_fill_blank(question, base))
    parts.append(_result(question, base, anchors))
    parts.append("</fieldset>")
    return "\n".join(parts)


def _choices(question: SingleQuestion | MultipleQuestion, base: str) -> str:
    multiple = isinstance(question, MultipleQuestion)
    kind = "checkbox" if multiple else "radio"
    instruction = "Choose all that apply." if multiple else "Choose one answer."
    parts = [f'<p class="quizgen-instruction">{instruction}</p>', '<div class="quizgen-options">']
    for index, option in enumerate(question.options):
        feedback = (
            f'<div class="quizgen-option-feedback" id="{base}-{index}-feedback" hidden>'
            f"{safe_markdown.block(option.feedback)}</div>"
            if option.feedback
            else ""
        )
        parts.append(_option(kind, base, index, str(index), safe_markdown.inline(option.text), feedback))
    parts.append("</div>")
    return "\n".join(parts)


def _true_false(question: TrueFalseQuestion, base: str) -> str:
    parts = [
        '<p class="quizgen-instruction">Is this statement true or false?</p>',
        '<div class="quizgen-options">',
    ]
    for index, (label, value) in enumerate((("True", "true"), ("False", "false"))):
        parts.append(_option("radio", base, index, value, label, ""))
    parts.append("</div>")
    return "\n".join(parts)


def _option(kind: str, base: str, index: int, value: str, label: str, feedback: str) -> str:
    input_id = f"{base}-{index}"
    return (
        f'<div class="quizgen-option" data-index="{index}">'
        f'<input type="{kind}" id="{input_id}" name="{base}" value="{value}">'
        f'<label for="{input_id}">{label}</label>'
        '<span class="quizgen-option-state"></span>'
        f"{feedback}</div>"
    )


def _fill_blank(question: FillBlankQuestion, base: str) -> str:
    return (
        '<p class="quizgen-answer">'
        f'<label for="{base}-answer">Your answer</label> '
        f'<input type="text" id="{base}-answer" name="{base}" autocomplete="off" '
        'autocapitalize="off" spellcheck="false">'
        "</p>"
    )


def _result(question: Question, base: str, anchors: Anchors) -> str:
    """Verdict, feedback, explanation and the 'see' link: hidden until checked."""
    parts = [f'<div class="quizgen-result" id="{base}-result" hidden>', '<p class="quizgen-verdict"></p>']
    if isinstance(question, FillBlankQuestion):
        accepted = ", ".join(f"<q>{escape(answer)}</q>" for answer in question.answers)
        parts.append(
            f'<p class="quizgen-accepted" hidden>Accepted answer{"s" if len(question.answers) > 1 else ""}: '
            f"{accepted}</p>"
        )
    if isinstance(question, (TrueFalseQuestion, FillBlankQuestion)) and question.feedback:
        parts.append(f'<div class="quizgen-feedback" hidden>{safe_markdown.block(question.feedback)}</div>')
    if question.explanation:
        parts.append(f'<div class="quizgen-explanation">{safe_markdown.block(question.explanation)}</div>')
    if question.see:
        title = anchors.get(question.see[1:])
        text = f"Review: {escape(title)}" if title else "Review this part of the lesson"
        parts.append(f'<p class="quizgen-see"><a href="{escape(question.see)}">{text}</a></p>')
    parts.append("</div>")
    return "\n".join(parts)
