"""Warnings: things the build accepts but a learner would miss, and signs that
a bank measures test-wiseness rather than learning.

Each kind gives advice on its own questions (``QuestionBase.advice``) and on
a bank's questions of that kind together (``bank_advice``); this module adds
what spans kinds and banks: a lesson with no self-check, a question that
explains nothing or does not point back, options that refer to places that
shuffling changes, and the same or nearly the same prompt asked twice.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from pathlib import Path

from . import front_matter
from .course import Quiz
from .kinds import KINDS
from .kinds.choice import ChoiceQuestion
from .problems import Problem
from .rules import normalise

_NOT_LESSONS = {"index.md", "README.md"}

# Two prompts are "nearly the same" when their content words overlap this much (Jaccard).
NEAR_SAME = 0.8
_WORD = re.compile(r"[^\W_]+")
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "do",
        "does",
        "for",
        "from",
        "has",
        "have",
        "how",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "what",
        "when",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    ]
)
# A word in more prompts than this says nothing about which prompts are alike.
_COMMON = 40


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
    quizzes = list(quizzes)
    problems = []
    for quiz in quizzes:
        source = quiz.loaded.source
        bank = quiz.loaded.bank
        warn = functools.partial(source.problem, severity="warning")
        by_kind: dict[str, list[tuple[int, object]]] = defaultdict(list)
        for index, question in enumerate(bank.questions):
            where = ("questions", index)
            name = f"question '{question.id}'"
            by_kind[question.type].append((index, question))
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
            found = question.advice()
            if isinstance(question, ChoiceQuestion):
                found += question.positional_options(bank.shuffles_options(question))
            problems += [warn((*where, *item.path), item.message, item.hint) for item in found]
        for kind, questions in by_kind.items():
            problems += [
                warn(item.path, item.message, item.hint)
                for item in KINDS[kind].bank_advice(questions)  # type: ignore[arg-type]
            ]
    problems += _repeated_prompts(quizzes)
    return problems


def _repeated_prompts(quizzes: list[Quiz]) -> list[Problem]:
    """Each question whose prompt is the same as, or nearly the same as, an earlier one's: once, naming it."""
    problems = []
    exact: dict[str, tuple[Quiz, int]] = {}
    words_of: list[frozenset[str]] = []
    where_of: list[tuple[Quiz, int]] = []
    index_by_word: dict[str, list[int]] = defaultdict(list)
    for quiz in quizzes:
        for index, question in enumerate(quiz.loaded.bank.questions):
            prompt = normalise(question.prompt)
            earlier = exact.get(prompt)
            same = "the same prompt as"
            if earlier is None:
                exact[prompt] = (quiz, index)
                words = frozenset(w for w in _WORD.findall(prompt) if w not in _SMALL_WORDS)
                earlier = _nearly_same(words, words_of, where_of, index_by_word)
                same = "nearly the same prompt as"
                number = len(words_of)
                words_of.append(words)
                where_of.append((quiz, index))
                for word in words:
                    index_by_word[word].append(number)
            if earlier is not None:
                problems.append(_repeat_problem(quiz, index, earlier, same))
    return problems


def _nearly_same(
    words: frozenset[str],
    words_of: list[frozenset[str]],
    where_of: list[tuple[Quiz, int]],
    index_by_word: dict[str, list[int]],
) -> tuple[Quiz, int] | None:
    if len(words) < 4:  # a short prompt differs by one word from many others
        return None
    candidates: set[int] = set()
    for word in words:
        found = index_by_word.get(word, ())
        if len(found) <= _COMMON:
            candidates.update(found)
    for number in sorted(candidates):
        other = words_of[number]
        if len(words & other) >= NEAR_SAME * len(words | other):
            return where_of[number]
    return None


def _repeat_problem(quiz: Quiz, index: int, earlier: tuple[Quiz, int], same: str) -> Problem:
    first_quiz, first_index = earlier
    line = first_quiz.loaded.source.value(("questions", first_index)).line
    first = f"line {line}" if first_quiz is quiz else f"{first_quiz.loaded.file}:{line}"
    question = quiz.loaded.bank.questions[index]
    return quiz.loaded.source.problem(
        ("questions", index),
        f"question '{question.id}' has {same} the question at {first}",
        "ask each thing once, or reword one of them"
        if same.startswith("the")
        else "ask each thing once: a final check drawn from every bank would repeat it",
        severity="warning",
    )


def _wants_quiz(page: Path) -> bool:
    meta, _ = front_matter.split(page.read_text(encoding="utf-8", errors="replace"))
    return meta.get("quiz") is not False
