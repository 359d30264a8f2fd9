"""The course's banks as Moodle GIFT text: one $CATEGORY per module and lesson.

single and multiple choice (right options weighted to add up to 100%, each
wrong option taking away what one right option gives, as our scoring does),
true/false, short answer (every accepted answer, and the feedback for any
other as Moodle's 0% "*" answer), matching (with its extra choices),
ordering as matching to positions. A call (scenario) has no GIFT
equivalent: it is skipped and named. GIFT's special characters are escaped
in every piece of text, and line breaks are written as \\n, since a blank
line ends a question.

What GIFT cannot hold (a question's points, its lesson link, hints, fixed
options, the bank's title and settings) goes in a comment line, ``// quizgen:
{...}`` before the question and ``// quizgen-bank: {...}`` after the
category, as JSON. Moodle ignores comments; ``quizgen import gift`` reads
them back (``imports/gift.py``), so a round trip loses nothing but the calls.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..course import Quiz
from ..model import (
    FillBlankQuestion,
    MatchingQuestion,
    MultipleQuestion,
    OrderingQuestion,
    Question,
    ScenarioQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)

# What GIFT escapes with a backslash; the backslash first, so that no escape is escaped again.
SPECIAL = "\\~=#{}:"
BANK_NOTE = "// quizgen-bank: "
QUESTION_NOTE = "// quizgen: "
# Kept in the question's note: every key the GIFT text itself does not hold.
NOTED = ("points", "see", "hints", "hint_penalty", "shuffle_options")


def escape(text: str) -> str:
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def weight(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@dataclass
class GiftExport:
    text: str
    questions: int
    skipped: list[str] = field(default_factory=list)  # "file: id (why)"


def category(quiz: Quiz) -> str:
    return quiz.quiz_id  # "phone-skills/taking-messages": the module, then the lesson


def gift(quizzes: Sequence[Quiz]) -> GiftExport:
    parts: list[str] = []
    count = 0
    skipped: list[str] = []
    for quiz in quizzes:
        bank = quiz.loaded.bank
        parts.append(f"$CATEGORY: {category(quiz)}\n")
        parts.append(_note(BANK_NOTE, bank.model_dump(mode="json", exclude_defaults=True, exclude={"questions"})))
        for question in bank.questions:
            body = _question(question)
            if body is None:
                skipped.append(f"{quiz.loaded.file}: {question.id} (a call has no GIFT equivalent)")
                continue
            parts.append(_note(QUESTION_NOTE, _kept(question)) + body)
            count += 1
    return GiftExport("\n".join(parts), count, skipped)


def _note(prefix: str, data: dict[str, Any]) -> str:
    return f"{prefix}{json.dumps(data, ensure_ascii=False, separators=(', ', ': '))}\n" if data else ""


def _kept(question: Question) -> dict[str, Any]:
    """What the question's GIFT text does not say, to be read back on import."""
    kept = question.model_dump(mode="json", exclude_defaults=True, include=set(NOTED))
    if isinstance(question, (SingleQuestion, MultipleQuestion)) and any(o.fixed for o in question.options):
        kept["fixed"] = [index for index, option in enumerate(question.options) if option.fixed]
    if isinstance(question, (MatchingQuestion, OrderingQuestion)) and question.feedback:
        kept["feedback"] = question.feedback  # GIFT has no place for it but the general feedback
    return kept


def _feedback(text: str | None) -> str:
    return f"#{escape(text)}" if text else ""


def _general(question: Question, extra: str | None = None) -> str:
    text = " ".join(t for t in (extra, question.explanation) if t)
    return f"####{escape(text)}\n" if text else ""


def _question(question: Question) -> str | None:
    head = f"::{escape(question.id)}::[markdown]{escape(question.prompt)}"
    if isinstance(question, SingleQuestion):
        lines = [f"{'=' if o.correct else '~'}{escape(o.text)}{_feedback(o.feedback)}" for o in question.options]
        return f"{head}{{\n" + "\n".join(lines) + f"\n{_general(question)}}}\n"
    if isinstance(question, MultipleQuestion):
        share = 100 / question.correct_count
        lines = [
            f"~%{weight(share if o.correct else -share)}%{escape(o.text)}{_feedback(o.feedback)}"
            for o in question.options
        ]
        return f"{head}{{\n" + "\n".join(lines) + f"\n{_general(question)}}}\n"
    if isinstance(question, TrueFalseQuestion):
        wrong = _feedback(question.feedback) or "#"
        return f"{head}{{{'TRUE' if question.answer else 'FALSE'}{wrong}#\n{_general(question)}}}\n"
    if isinstance(question, FillBlankQuestion):
        lines = [f"={escape(str(answer))}" for answer in question.answers]
        if question.feedback:  # Moodle's way to answer anything else: a 0% wildcard
            lines.append(f"=%0%*{_feedback(question.feedback)}")
        return f"{head}{{\n" + "\n".join(lines) + f"\n{_general(question)}}}\n"
    if isinstance(question, MatchingQuestion):
        lines = [f"={escape(pair.left)} -> {escape(pair.right)}" for pair in question.pairs]
        lines += [f"= -> {escape(extra)}" for extra in question.distractors]
        return f"{head}{{\n" + "\n".join(lines) + f"\n{_general(question, question.feedback_text())}}}\n"
    if isinstance(question, OrderingQuestion):
        lines = [f"={escape(item)} -> {position}" for position, item in enumerate(question.items, 1)]
        return f"{head}{{\n" + "\n".join(lines) + f"\n{_general(question, question.feedback)}}}\n"
    if isinstance(question, ScenarioQuestion):
        return None
    raise TypeError(f"no GIFT for {question.type}")
