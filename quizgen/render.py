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
    data = runtime_head(quiz_id, bank.pass_mark, bank.mode, draw=bank.draw, shuffle=bank.shuffle, groups=groups)
    data["questions"] = [question_data(bank, q, lists.get(q.id, [])) for q in bank.questions]
    return data


def runtime_head(
    quiz_id: str,
    pass_mark: float,
    mode: str,
    *,
    draw: int | None = None,
    shuffle: bool = False,
    groups: Sequence[Group] = (),
) -> dict[str, Any]:
    """``runtime_data`` but its questions: the quiz's own settings."""
    data: dict[str, Any] = {"id": quiz_id, "passMark": pass_mark, "mode": mode}
    if draw is not None:
        data["draw"] = draw
    if shuffle:
        data["shuffle"] = True
    if groups:
        data["groups"] = [group.data() for group in groups]
    return data


def questions_json(bank: Bank) -> str:
    """``runtime_data``'s questions of ``bank``, as the items of a JSON list (``json_for_script``)."""
    lists = shuffle_lists(bank)
    return json_for_script([question_data(bank, q, lists.get(q.id, [])) for q in bank.questions])[1:-1]


def data_json(head: Mapping[str, Any], questions: Sequence[str]) -> str:
    """``json_for_script`` of ``head`` with its questions: each of ``questions`` from ``questions_json``."""
    return f'{json_for_script(head)[:-1]},"questions":[{",".join(questions)}]}}'


def question_data(bank: Bank, question: Question, lists: list[Any]) -> dict[str, Any]:
    """One question's runtime data; ``bank`` is the question's own, ``lists`` what an attempt may shuffle."""
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
    return intro_text(len(bank.questions), bank.max_points, bank.pass_mark, bank.mode, bank.draw, groups, t)


def intro_text(
    pool: int,
    max_points: int,
    pass_mark: float,
    mode: str,
    draw: int | None,
    groups: Sequence[Group] = (),
    t: Messages = ENGLISH,
) -> str:
    """``intro`` from the figures alone, for a quiz written before its questions are at hand."""
    drawn = sum(min(group.draw, group.size) for group in groups)
    if groups and drawn < pool:
        size = t("quiz.size_drawn", count=drawn, pool=pool)
    elif draw is not None and draw < pool:
        size = t("quiz.size_drawn", count=draw, pool=pool)
    else:
        size = t("quiz.size_all", questions=t("quiz.questions", count=pool), points=t("quiz.points", count=max_points))
    need = t("quiz.need", percent=t.percent(pass_mark))
    how = t("quiz.how_exam" if mode == "exam" else "quiz.how_practice")
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
    parts = []
    for question in bank.questions:
        page, own = (lessons or {}).get(question.id, ("", anchors))
        parts.append((QuestionParts(bank, question, own, t), page))
    return quiz_html(bank, quiz_id, parts, heading=heading, heading_id=heading_id, groups=groups, t=t)


def quiz_html(
    bank: Bank,
    quiz_id: str,
    questions: Sequence[tuple[QuestionParts, str]],
    *,
    heading: str,
    heading_id: str,
    groups: Sequence[Group] = (),
    t: Messages = ENGLISH,
    data: str | None = None,
) -> str:
    """``render_quiz`` from its questions' parts: (parts, address of the question's lesson or "");
    ``data``: the bank's ``questions_json``, when the caller has it already."""
    count = len(questions)  # the runtime numbers the questions an attempt shows
    head = runtime_head(quiz_id, bank.pass_mark, bank.mode, draw=bank.draw, shuffle=bank.shuffle, groups=groups)
    html = [opening(bank.title, quiz_id, bank.mode, intro(bank, groups, t), heading, heading_id, t)]
    html += [parts.html(number, count, page) for number, (parts, page) in enumerate(questions, 1)]
    html.append(closing(bank.mode, data_json(head, [questions_json(bank) if data is None else data]), t))
    return "\n".join(html)


def opening(
    title: str, quiz_id: str, mode: str, intro_text: str, heading: str, heading_id: str, t: Messages = ENGLISH
) -> str:
    """A quiz's markup before its questions."""
    title_id = f"{heading_id}-title"
    return "\n".join(
        [
            # data-search-exclude keeps answers and feedback out of the site's search index
            '<div class="quizgen" data-search-exclude>',
            f'<h2 id="{escape(heading_id)}" data-search-exclude>{escape(heading)}'
            f'<a class="headerlink" href="#{escape(heading_id)}" title="{escape(t("quiz.permalink"))}">&para;</a></h2>',
            f'<form class="quizgen-quiz" data-quiz-id="{escape(quiz_id)}" data-mode="{mode}" '
            f'aria-labelledby="{title_id}" novalidate>',
            f'<p class="quizgen-title" id="{title_id}">{safe_markdown.inline(title)}</p>',
            f'<p class="quizgen-intro">{escape(intro_text)}</p>',
            # what this browser remembers of the quiz, and any notice about it: the runtime fills them in
            '<p class="quizgen-notice" hidden></p>',
            '<p class="quizgen-record" hidden></p>',
            '<div class="quizgen-questions">',
        ]
    )


def closing(mode: str, data: str, t: Messages = ENGLISH) -> str:
    """A quiz's markup after its questions; ``data``: its runtime data, from ``json_for_script``."""
    check = t("quiz.submit" if mode == "exam" else "quiz.check")
    return "\n".join(
        [
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
            f'<template class="quizgen-data"><script type="application/json">{data}</script></template>',
            "</form>",
            "</div>",
        ]
    )


class QuestionParts:
    """A question's fieldset as far as its bank and its lesson's anchors decide, rendered once: ``html``
    writes it with its number and the address of its lesson (the lesson's page writes it, and so does the
    final check)."""

    def __init__(self, bank: Bank, question: Question, anchors: Anchors, t: Messages = ENGLISH) -> None:
        qid = escape(question.id)
        base = f"quizgen-{qid}"
        self.question_id = question.id
        self._t = t
        self._points = t("quiz.points", count=question.max_points)
        self._start = (
            f'<fieldset class="quizgen-question" data-question-id="{qid}" data-type="{question.type}" id="{base}">'
        )
        self._prompt = f'<span class="quizgen-prompt">{safe_markdown.inline(question.prompt)}</span></legend>'
        middle = []
        instruction = question.instruction(t)
        if instruction:
            middle.append(f'<p class="quizgen-instruction">{escape(instruction)}</p>')
        if question.hints:
            middle.append(_hints(question, base, bank.hint_penalty_of(question), t))
        middle.append(question.render_body(base, t))
        # what must be put right before checking (a position chosen twice): the runtime fills it in
        middle.append('<p class="quizgen-problem" role="alert" hidden></p>')
        # the result: verdict, feedback, explanation and the 'see' link, hidden until checked
        result = [f'<div class="quizgen-result" id="{base}-result" hidden>', '<p class="quizgen-verdict"></p>']
        result.append(question.render_result(base, t))
        feedback = question.feedback_text()
        if feedback:
            result.append(f'<div class="quizgen-feedback" hidden>{safe_markdown.block(feedback)}</div>')
        if question.explanation:
            result.append(f'<div class="quizgen-explanation">{safe_markdown.block(question.explanation)}</div>')
        middle.append("\n".join(part for part in result if part))
        self._middle = "\n".join(middle)
        self._see = question.see or ""
        title = anchors.get(self._see[1:]) if self._see else None
        self._review = escape(
            t("quiz.review_heading", title=title)
            if title
            else t("quiz.review_part")
            if self._see
            else t("quiz.review_lesson")
        )

    def html(self, number: int, count: int, page: str = "") -> str:
        """The fieldset as question ``number`` of ``count``; ``page``: the address of its lesson from the page
        it is on ("" on the lesson's own page), to which a question without ``see`` then links."""
        label = escape(self._t("quiz.number", number=number, count=count, points=self._points))
        see = (
            f'\n<p class="quizgen-see"><a href="{escape(page + self._see)}">{self._review}</a></p>'
            if self._see or page
            else ""
        )
        return (
            f'{self._start}\n<legend><span class="quizgen-number">{label}</span> {self._prompt}\n'
            f"{self._middle}{see}\n</div>\n</fieldset>"
        )


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
