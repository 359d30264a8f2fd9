"""The final course check: one exam-mode bank pooled from every lesson's bank,
with a group per lesson so that each attempt draws the same number of
questions from each lesson (attempt.Group).

Each question keeps what its own bank decided for it (hint penalty, option
shuffling), since the pooled bank's defaults are not the lesson's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from .attempt import Group
from .course import Quiz
from .course_pages import FINAL_ID
from .i18n import ENGLISH, Messages
from .model import Bank, Question
from .render import Anchors, render_quiz


def final_bank(
    banks: Sequence[tuple[str, Bank]], *, title: str, per_lesson: int, pass_mark: float
) -> tuple[Bank, list[Group]]:
    """``banks``: (quiz id, bank) in the course's order. Returns the pooled bank and its groups."""
    questions: list[Question] = []
    groups: list[Group] = []
    for quiz_id, bank in banks:
        for question in bank.questions:
            update: dict[str, object] = {"hint_penalty": bank.hint_penalty_of(question)}
            if "shuffle_options" in type(question).model_fields:
                update["shuffle_options"] = bank.shuffles_options(question)
            questions.append(question.model_copy(update=update))
        groups.append(Group(quiz_id, len(bank.questions), min(per_lesson, len(bank.questions))))
    pooled = Bank.model_validate(
        {"title": title, "pass_mark": pass_mark, "mode": "exam", "shuffle": True, "questions": questions}
    )
    return pooled, groups


def render_final_check(
    quizzes: Sequence[Quiz],
    lesson_links: Mapping[str, tuple[str, Anchors]],
    *,
    title: str,
    per_lesson: int,
    pass_mark: float,
    t: Messages = ENGLISH,
) -> str:
    """The final check's quiz, as every host puts it on its page.

    ``quizzes``: the lessons' checks it draws from, in the course's order;
    ``lesson_links``: quiz id -> (link to its lesson from the final check's page, the lesson's anchors).
    """
    if not quizzes:
        return f"<p>{escape(t('pages.final_no_checks'))}</p>"
    bank, groups = final_bank(
        [(q.quiz_id, q.loaded.bank) for q in quizzes], title=title, per_lesson=per_lesson, pass_mark=pass_mark
    )
    lessons = {question.id: lesson_links[q.quiz_id] for q in quizzes for question in q.loaded.bank.questions}
    return render_quiz(
        bank,
        FINAL_ID,
        heading=t("pages.final_questions"),
        heading_id="the-questions",
        groups=groups,
        lessons=lessons,
        t=t,
    )
