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
import pickle
import zlib
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from . import safe_markdown
from .attempt import Group, shuffle_lists
from .i18n import ENGLISH, Messages, messages_for
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


def intro_text(
    pool: int,
    max_points: int,
    pass_mark: float,
    mode: str,
    draw: int | None,
    groups: Sequence[Group] = (),
    t: Messages = ENGLISH,
) -> str:
    """What the learner is told before starting: size, pass mark, how attempts work."""
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
    heading = t("quiz.heading") if heading is None else heading
    return quiz_html(
        QuizMarkup(bank, t), quiz_id, anchors, heading=heading, heading_id=heading_id, groups=groups, lessons=lessons
    )


def quiz_html(
    markup: QuizMarkup,
    quiz_id: str,
    anchors: Anchors | None,
    *,
    heading: str,
    heading_id: str,
    groups: Sequence[Group] = (),
    lessons: Mapping[str, tuple[str, Anchors]] | None = None,
) -> str:
    """``render_quiz`` from the bank's ``QuizMarkup``."""
    t = markup.t
    count = len(markup.questions)  # the runtime numbers the questions an attempt shows
    head = runtime_head(quiz_id, markup.pass_mark, markup.mode, draw=markup.draw, shuffle=markup.shuffle, groups=groups)
    intro = intro_text(count, markup.points, markup.pass_mark, markup.mode, markup.draw, groups, t)
    html = [opening(markup.title, quiz_id, markup.mode, intro, heading, heading_id, t)]
    for number, parts in enumerate(markup.questions, 1):
        page, own = (lessons or {}).get(parts.question_id, ("", anchors or {}))
        html.append(parts.html(number, count, page, own))
    html.append(closing(markup.mode, data_json(head, [markup.data]), t))
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
    """A question's fieldset as far as its bank decides, rendered once: ``html`` writes it with its number,
    the address of its lesson and the titles of the lesson's headings (the lesson's page writes it, and so
    does the final check)."""

    FIELDS = ("question_id", "_points", "_start", "_prompt", "_middle", "_see")

    def __init__(self, bank: Bank, question: Question, t: Messages = ENGLISH) -> None:
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

    def html(self, number: int, count: int, page: str, anchors: Anchors) -> str:
        """The fieldset as question ``number`` of ``count``; ``page``: the address of its lesson from the page
        it is on ("" on the lesson's own page), to which a question without ``see`` then links; ``anchors``:
        the lesson's, to name the heading its ``see`` leads to."""
        t = self._t
        label = escape(t("quiz.number", number=number, count=count, points=self._points))
        see = ""
        if self._see:
            title = anchors.get(self._see[1:])
            review = t("quiz.review_heading", title=title) if title else t("quiz.review_part")
            see = f'\n<p class="quizgen-see"><a href="{escape(page + self._see)}">{escape(review)}</a></p>'
        elif page:
            see = f'\n<p class="quizgen-see"><a href="{escape(page)}">{escape(t("quiz.review_lesson"))}</a></p>'
        return (
            f'{self._start}\n<legend><span class="quizgen-number">{label}</span> {self._prompt}\n'
            f"{self._middle}{see}\n</div>\n</fieldset>"
        )

    @classmethod
    def restored(cls, fields: Sequence[str], t: Messages) -> QuestionParts:
        """The parts again from their ``FIELDS``, in that order."""
        parts = cls.__new__(cls)
        for name, value in zip(cls.FIELDS, fields, strict=True):
            setattr(parts, name, value)
        parts._t = t
        return parts


class QuizMarkup:
    """A bank's quiz as far as the bank decides, rendered once: the quiz's settings, each question's
    ``QuestionParts`` and the questions' runtime data (``questions_json``). Its page adds the questions'
    numbers, the quiz's heading and the titles of the headings that its questions' ``see`` name.

    ``packed`` gives it as compressed bytes, and ``unpacked`` back: how a build holds every lesson's quiz
    from loading its bank to writing its page. A large course's banks held as objects would take more memory
    than the rest of the build (some 24 MB at 1,000 lessons of 10 questions); these bytes take 1.5 MB.
    """

    __slots__ = ("data", "draw", "mode", "pass_mark", "points", "questions", "shuffle", "t", "title")

    def __init__(self, bank: Bank, t: Messages = ENGLISH) -> None:
        self.t = t
        self.title = bank.title
        self.mode: str = bank.mode
        self.pass_mark = bank.pass_mark
        self.draw = bank.draw
        self.shuffle = bank.shuffle
        self.points = bank.max_points
        self.questions = [QuestionParts(bank, question, t) for question in bank.questions]
        self.data = questions_json(bank)

    def packed(self) -> bytes:
        settings = (self.t.language, self.title, self.mode, self.pass_mark, self.draw, self.shuffle, self.points)
        fields = [getattr(parts, name) for parts in self.questions for name in QuestionParts.FIELDS]
        # level 1: an eighth of the size, for some 60 microseconds a bank each way, measured in a build
        return zlib.compress(pickle.dumps((settings, self.data, fields), pickle.HIGHEST_PROTOCOL), 1)

    @classmethod
    def unpacked(cls, packed: bytes) -> QuizMarkup:
        """The markup that ``packed`` gave these bytes of (only ever bytes this process made)."""
        settings, data, fields = pickle.loads(zlib.decompress(packed))
        markup = cls.__new__(cls)
        language, markup.title, markup.mode, markup.pass_mark, markup.draw, markup.shuffle, markup.points = settings
        markup.t = messages_for(language)
        markup.data = data
        size = len(QuestionParts.FIELDS)
        markup.questions = [
            QuestionParts.restored(fields[start : start + size], markup.t) for start in range(0, len(fields), size)
        ]
        return markup


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
