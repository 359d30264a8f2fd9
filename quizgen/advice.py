"""Warnings: things the build accepts but a learner would miss.

A lesson with no self-check, a question that explains nothing or does not
point back to the lesson, a wrong option that never says why, two questions
asking the same thing.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable
from pathlib import Path

from . import front_matter
from .course import Quiz
from .model import MultipleQuestion, SingleQuestion
from .problems import Problem
from .score import normalise

_NOT_LESSONS = {"index.md", "README.md"}


def lessons_without_banks(docs_dir: Path, with_banks: Collection[str], shown_docs: str) -> list[Problem]:
    """Pages inside module folders are lessons; each should have a bank unless it says ``quiz: false``.

    ``with_banks``: the lessons that have a bank file, valid or not.
    """
    problems = []
    for page in sorted(docs_dir.glob("*/**/*.md")):
        lesson = page.relative_to(docs_dir).as_posix()
        if page.name in _NOT_LESSONS or lesson in with_banks or not _wants_quiz(page):
            continue
        problems.append(
            Problem(
                f"{shown_docs}/{lesson}",
                1,
                1,
                "this lesson has no self-check",
                f"add quizzes/{lesson[:-3]}.yml, or put 'quiz: false' in the page's front matter",
                "warning",
            )
        )
    return problems


def question_advice(quizzes: Iterable[Quiz]) -> list[Problem]:
    problems = []
    seen_prompts: dict[str, tuple[str, int]] = {}
    for quiz in quizzes:
        source = quiz.loaded.source
        warn = functools.partial(source.problem, severity="warning")
        for index, question in enumerate(quiz.loaded.bank.questions):
            where = ("questions", index)
            name = f"question '{question.id}'"
            if not question.explanation:
                problems.append(warn(where, f"{name} has no explanation", "add 'explanation: ...' saying why"))
            if not question.see:
                problems.append(
                    warn(
                        where,
                        f"{name} does not link back to the lesson",
                        "add 'see: \"#heading-anchor\"' naming the heading that teaches it",
                    )
                )
            if isinstance(question, (SingleQuestion, MultipleQuestion)):
                for number, option in enumerate(question.options):
                    if not option.correct and not option.feedback:
                        problems.append(
                            warn(
                                (*where, "options", number),
                                f"wrong option {number + 1} of {name} has no feedback",
                                "add 'feedback: ...' saying why it is wrong",
                            )
                        )
            prompt = normalise(question.prompt)
            position = source.value(where)
            if prompt in seen_prompts:
                file, line = seen_prompts[prompt]
                first = f"line {line}" if file == quiz.loaded.file else f"{file}:{line}"
                problems.append(
                    warn(
                        where,
                        f"{name} has the same prompt as the question at {first}",
                        "ask each thing once, or reword one of them",
                    )
                )
            else:
                seen_prompts[prompt] = (quiz.loaded.file, position.line)
    return problems


def _wants_quiz(page: Path) -> bool:
    meta, _ = front_matter.split(page.read_text(encoding="utf-8", errors="replace"))
    return meta.get("quiz") is not False
