"""The final course check: one exam-mode bank pooled from every lesson's bank,
with a group per lesson so that each attempt draws the same number of
questions from each lesson (attempt.Group).

Each question keeps what its own bank decided for it (hint penalty, option
shuffling), since the pooled bank's defaults are not the lesson's.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import IO

from .attempt import Group
from .course import Quiz
from .course_pages import FINAL_ID
from .i18n import ENGLISH, Messages
from .model import Bank, Question
from .render import Anchors, QuizMarkup, closing, data_json, intro_text, opening, runtime_head


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


@dataclass(frozen=True)
class FinalLesson:
    """A lesson whose questions the final check draws from, as its page writes them."""

    quiz_id: str
    size: int  # questions in its bank
    points: int  # the bank's max_points
    markup: Callable[[], QuizMarkup]  # its quiz's markup: called once, when its questions are written
    page: str  # the lesson's address from the final check's page
    anchors: Anchors  # the lesson's anchors (the headings its questions' ``see`` name)
    # its questions as ``final_lesson_html`` wrote them, if the build kept them (else None)
    written: Callable[[], tuple[str, str] | None] = lambda: None


def final_lesson_html(markup: QuizMarkup, first: int, pool: int, page: str, anchors: Anchors) -> tuple[str, str]:
    """A lesson's questions as the final check shows them, numbered from ``first`` of ``pool``, each linking
    back to the lesson at ``page`` (whose ``anchors`` name its headings); and their runtime data."""
    html = "".join(
        f"\n{parts.html(first + index, pool, page, anchors)}" for index, parts in enumerate(markup.questions)
    )
    return html, markup.data


def final_check_html(
    quiz_id: str,
    lessons: Sequence[FinalLesson],
    *,
    title: str,
    per_lesson: int,
    pass_mark: float,
    heading: str,
    heading_id: str,
    t: Messages = ENGLISH,
) -> Iterator[str]:
    """The final check's markup, piece by piece: ``render_quiz`` of ``final_bank``'s pooled bank, with
    each question's ``see`` leading to its lesson, written one lesson at a time.

    A 1,000-lesson course's final check is some 14 MB of HTML: pooled and rendered whole, its
    copies would take more memory than MkDocs' whole build of the site.
    """
    groups = [Group(lesson.quiz_id, lesson.size, min(per_lesson, lesson.size)) for lesson in lessons]
    pool = sum(lesson.size for lesson in lessons)
    points = sum(lesson.points for lesson in lessons)
    intro = intro_text(pool, points, float(pass_mark), "exam", None, groups, t)
    yield opening(title, quiz_id, "exam", intro, heading, heading_id, t)
    data: list[str] = []  # each lesson's questions' runtime data, as items of the JSON list
    first = 1
    for lesson in lessons:
        written = lesson.written()
        if written is None:
            written = final_lesson_html(lesson.markup(), first, pool, lesson.page, lesson.anchors)
        html, items = written
        yield html
        data.append(items)
        first += lesson.size
    head = runtime_head(quiz_id, float(pass_mark), "exam", shuffle=True, groups=groups)
    yield "\n" + closing("exam", data_json(head, data), t)


def render_final_check(
    quizzes: Sequence[Quiz],
    lesson_links: Mapping[str, tuple[str, Anchors]],
    *,
    title: str,
    per_lesson: int,
    pass_mark: float,
    t: Messages = ENGLISH,
) -> str:
    """The final check's quiz, as every host puts it on its page: ``render_quiz`` of ``final_bank``'s pooled
    bank (``final_check_html``, whole).

    ``quizzes``: the lessons' checks it draws from, in the course's order;
    ``lesson_links``: quiz id -> (link to its lesson from the final check's page, the lesson's anchors).
    """
    if not quizzes:
        return without_lessons(t)
    lessons = [
        FinalLesson(q.quiz_id, q.size, q.points, functools.partial(_markup, q, t), *lesson_links[q.quiz_id])
        for q in quizzes
    ]
    parts = final_check_html(
        FINAL_ID,
        lessons,
        title=title,
        per_lesson=per_lesson,
        pass_mark=pass_mark,
        heading=t("pages.final_questions"),
        heading_id="the-questions",
        t=t,
    )
    return "".join(parts)


def without_lessons(t: Messages = ENGLISH) -> str:
    """What the final check says when no lesson has a check to draw from."""
    return f"<p>{escape(t('pages.final_no_checks'))}</p>"


def _markup(quiz: Quiz, t: Messages) -> QuizMarkup:
    return QuizMarkup(quiz.bank(), t)


class Spool:
    """Texts kept in a temporary file until they are read back, by key: what the lessons' pages wrote of
    the final check, which is written after them (keeping it in memory would cost as much as the
    final check's page: 14 MB at 1,000 lessons)."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._places: dict[str, tuple[int, tuple[int, ...]]] = {}

    def put(self, key: str, texts: Sequence[str]) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 - open from put() to close(), across build events
        encoded = [text.encode("utf-8") for text in texts]
        self._places[key] = (self._file.seek(0, os.SEEK_END), tuple(len(data) for data in encoded))
        for data in encoded:
            self._file.write(data)

    def get(self, key: str) -> tuple[str, ...] | None:
        if self._file is None or key not in self._places:
            return None
        start, sizes = self._places[key]
        self._file.seek(start)
        return tuple(self._file.read(size).decode("utf-8") for size in sizes)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file, self._places = None, {}
