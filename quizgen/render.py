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
from .i18n import ENGLISH, Messages
from .model import Bank, Question

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


def intro(bank: Bank, groups: Sequence[Group] = (), t: Messages = ENGLISH) -> str:
    """What the learner is told before starting: size, pass mark, how attempts work."""
    pool = len(bank.questions)
    drawn = sum(min(group.draw, group.size) for group in groups)
    if groups and drawn < pool:
        size = t("quiz.size_drawn", count=drawn, pool=pool)
    elif bank.draw is not None and bank.draw < pool:
        size = t("quiz.size_drawn", count=bank.draw, pool=pool)
    else:
        size = t(
            "quiz.size_all", questions=t("quiz.questions", count=pool), points=t("quiz.points", count=bank.max_points)
        )
    need = t("quiz.need", percent=t.percent(bank.pass_mark))
    how = t("quiz.how_exam" if bank.mode == "exam" else "quiz.how_practice")
    return f"{size} {need} {how} {t('quiz.kept_here')}"


def render_quiz(
    bank: Bank,
    quiz_id: str,
    *,
    anchors: Anchors | None = None,
    heading: str | None = None,
    heading_id: str = "check-yourself",
    groups: Sequence[Group] = (),
    lessons: Mapping[str, tuple[str, Anchors]] | None = None,
    t: Messages = ENGLISH,
) -> str:
    """The whole quiz section: heading, form, controls and data.

    ``lessons`` serves a quiz drawn from other pages' banks (the final check):
    question id -> (address of its lesson, that lesson's anchors), so that
    each ``see`` link leads back to the lesson it names. ``t``: the interface's language.
    """
    anchors = anchors or {}
    heading = t("quiz.heading") if heading is None else heading
    count = len(bank.questions)  # the runtime numbers the questions an attempt shows
    title_id = f"{heading_id}-title"
    check = t("quiz.submit" if bank.mode == "exam" else "quiz.check")
    parts = [
        # data-search-exclude keeps answers and feedback out of the site's search index
        '<div class="quizgen" data-search-exclude>',
        f'<h2 id="{escape(heading_id)}" data-search-exclude>{escape(heading)}'
        f'<a class="headerlink" href="#{escape(heading_id)}" title="{escape(t("quiz.permalink"))}">&para;</a></h2>',
        f'<form class="quizgen-quiz" data-quiz-id="{escape(quiz_id)}" data-mode="{bank.mode}" '
        f'aria-labelledby="{title_id}" novalidate>',
        f'<p class="quizgen-title" id="{title_id}">{safe_markdown.inline(bank.title)}</p>',
        f'<p class="quizgen-intro">{escape(intro(bank, groups, t))}</p>',
        # what this browser remembers of the quiz, and any notice about it: the runtime fills them in
        '<p class="quizgen-notice" hidden></p>',
        '<p class="quizgen-record" hidden></p>',
        '<div class="quizgen-questions">',
    ]
    for number, question in enumerate(bank.questions, 1):
        page, own = (lessons or {}).get(question.id, ("", anchors))
        parts.append(_question(bank, question, number, count, own, page, t))
    parts += [
        "</div>",
        '<div class="quizgen-actions">',
        f'<button type="submit" class="quizgen-check">{escape(check)}</button>',
        f'<button type="reset" class="quizgen-reset">{escape(t("quiz.try_again"))}</button>',
        "</div>",
        # focus moves to the score after a check (tabindex: a target for scripts, not a tab stop)
        '<p class="quizgen-score" role="status" aria-live="polite" tabindex="-1"></p>',
        f"<noscript><p>{escape(t('quiz.noscript'))}</p></noscript>",
        # Inside a <template> the data is inert, and themes that re-run a
        # page's inline scripts after swapping content (mkdocs-material's
        # instant navigation copies them without their type) never see it.
        '<template class="quizgen-data"><script type="application/json">'
        f"{json_for_script(runtime_data(bank, quiz_id, groups))}</script></template>",
        "</form>",
        "</div>",
    ]
    return "\n".join(parts)


def _question(bank: Bank, question: Question, number: int, count: int, anchors: Anchors, page: str, t: Messages) -> str:
    qid = escape(question.id)
    base = f"quizgen-{qid}"
    label = t("quiz.number", number=number, count=count, points=t("quiz.points", count=question.max_points))
    parts = [
        f'<fieldset class="quizgen-question" data-question-id="{qid}" data-type="{question.type}" id="{base}">',
        f'<legend><span class="quizgen-number">{escape(label)}</span> '
        f'<span class="quizgen-prompt">{safe_markdown.inline(question.prompt)}</span></legend>',
    ]
    instruction = question.instruction(t)
    if instruction:
        parts.append(f'<p class="quizgen-instruction">{escape(instruction)}</p>')
    if question.hints:
        parts.append(_hints(question, base, bank.hint_penalty_of(question), t))
    parts.append(question.render_body(base, t))
    # what must be put right before checking (a position chosen twice): the runtime fills it in
    parts.append('<p class="quizgen-problem" role="alert" hidden></p>')
    parts.append(_result(question, base, anchors, page, t))
    parts.append("</fieldset>")
    return "\n".join(parts)


def _hints(question: Question, base: str, penalty: float, t: Messages) -> str:
    """Hints, each hidden until the learner asks; the button says what the next one costs."""
    items = "".join(
        f'<li class="quizgen-hint" id="{base}-hint-{number}" tabindex="-1" hidden>{safe_markdown.inline(hint)}</li>'
        for number, hint in enumerate(question.hints)
    )
    return (
        f'<div class="quizgen-hints" data-cost="{escape(hint_cost(penalty, t))}">'
        f'<ol class="quizgen-hint-list">{items}</ol>'
        f'<button type="button" class="quizgen-hint-button">{escape(hint_button(1, len(question.hints), penalty, t))}'
        "</button></div>"
    )


def hint_cost(penalty: float, t: Messages = ENGLISH) -> str:
    return t("quiz.hint_cost", percent=t.percent(penalty * 100)) if penalty else t("quiz.hint_free")


def hint_button(number: int, count: int, penalty: float, t: Messages = ENGLISH) -> str:
    """The hint button's words; the runtime writes the same as hints are revealed."""
    return t("quiz.hint_button", number=number, count=count, cost=hint_cost(penalty, t))


def _result(question: Question, base: str, anchors: Anchors, page: str, t: Messages) -> str:
    """Verdict, feedback, explanation and the 'see' link: hidden until checked."""
    parts = [f'<div class="quizgen-result" id="{base}-result" hidden>', '<p class="quizgen-verdict"></p>']
    parts.append(question.render_result(base, t))
    feedback = question.feedback_text()
    if feedback:
        parts.append(f'<div class="quizgen-feedback" hidden>{safe_markdown.block(feedback)}</div>')
    if question.explanation:
        parts.append(f'<div class="quizgen-explanation">{safe_markdown.block(question.explanation)}</div>')
    if question.see or page:
        title = anchors.get(question.see[1:]) if question.see else None
        text = (
            t("quiz.review_heading", title=title)
            if title
            else t("quiz.review_part")
            if question.see
            else t("quiz.review_lesson")
        )
        parts.append(f'<p class="quizgen-see"><a href="{escape(page + (question.see or ""))}">{escape(text)}</a></p>')
    parts.append("</div>")
    return "\n".join(p for p in parts if p)
