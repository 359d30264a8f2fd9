"""The final course check: one exam-mode bank pooled from every lesson's bank,
with a group per lesson so that each attempt draws the same number of
questions from each lesson (attempt.Group).

Each question keeps what its own bank decided for it (hint penalty, option
shuffling), since the pooled bank's defaults are not the lesson's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from .attempt import Group
from .model import Bank, Question
from .render import Anchors, closing, intro_text, json_for_script, opening, question_data, question_html


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
    bank: Callable[[], Bank]  # called once, when its questions are written
    page: str  # the lesson's address from the final check's page
    anchors: Anchors  # the lesson's anchors (the headings its questions' ``see`` name)


def final_check_html(
    quiz_id: str,
    lessons: Sequence[FinalLesson],
    *,
    title: str,
    per_lesson: int,
    pass_mark: float,
    heading: str,
    heading_id: str,
) -> Iterator[str]:
    """The final check's markup, piece by piece: ``render_quiz`` of ``final_bank``'s pooled bank, with
    each question's ``see`` leading to its lesson, written one lesson's bank at a time.

    A 1,000-lesson course's final check is some 14 MB of HTML: pooled and rendered whole, its
    copies would take more memory than MkDocs' whole build of the site.
    """
    groups = [Group(lesson.quiz_id, lesson.size, min(per_lesson, lesson.size)) for lesson in lessons]
    pool = sum(lesson.size for lesson in lessons)
    points = sum(lesson.points for lesson in lessons)
    intro = intro_text(pool, points, float(pass_mark), "exam", None, groups)
    yield opening(title, quiz_id, "exam", intro, heading, heading_id)
    data: list[str] = []  # each question's runtime data as JSON, as json_for_script writes it in the list
    number = 0
    for lesson in lessons:
        bank = lesson.bank()
        for question in bank.questions:
            number += 1
            yield "\n" + question_html(bank, question, number, pool, lesson.anchors, lesson.page)
            lists = question.shuffle_lists(bank.shuffles_options(question))
            data.append(json_for_script(question_data(bank, question, lists)))
    settings = {"id": quiz_id, "passMark": float(pass_mark), "mode": "exam", "shuffle": True}
    head = json_for_script({**settings, "groups": [group.data() for group in groups]})
    yield "\n" + closing("exam", f'{head[:-1]},"questions":[{",".join(data)}]}}')
