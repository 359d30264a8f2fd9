"""The final course check: one exam-mode bank pooled from every lesson's bank,
with a group per lesson so that each attempt draws the same number of
questions from each lesson (attempt.Group).

Each question keeps what its own bank decided for it (hint penalty, option
shuffling), since the pooled bank's defaults are not the lesson's.
"""

from __future__ import annotations

from collections.abc import Sequence

from .attempt import Group
from .model import Bank, Question


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
