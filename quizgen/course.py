"""A course's banks as a whole: finding them, pairing them with lessons, and
the rules that span more than one bank (ids unique across the course) or
need the lesson (``see`` anchors).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .load import LoadedBank, load_bank
from .problems import Problem, QuizgenError

BANK_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Quiz:
    """A valid bank attached to its lesson page."""

    quiz_id: str  # the bank's path under the quizzes folder, without suffix: "phone-skills/taking-messages"
    lesson: str  # the lesson's path under the docs folder: "phone-skills/taking-messages.md"
    loaded: LoadedBank


def find_banks(quizzes_dir: Path) -> list[Path]:
    """Every bank file under ``quizzes_dir``, in a stable order; hidden files are skipped."""
    if not quizzes_dir.is_dir():
        return []
    return sorted(
        path
        for path in quizzes_dir.rglob("*")
        if path.suffix in BANK_SUFFIXES
        and path.is_file()
        and not any(part.startswith((".", "_")) for part in path.relative_to(quizzes_dir).parts)
    )


def load_course(
    quizzes_dir: Path,
    lesson_exists: Callable[[str], bool],
    *,
    display_root: Path | None = None,
    docs_name: str = "content",
) -> dict[str, Quiz]:
    """Load every bank under ``quizzes_dir`` and pair it with its lesson.

    Returns the quizzes keyed by lesson path. Raises QuizgenError with every
    problem in every bank, so an author sees them all at once.
    """
    problems: list[Problem] = []
    quizzes: dict[str, Quiz] = {}
    for path in find_banks(quizzes_dir):
        relative = PurePosixPath(path.relative_to(quizzes_dir).as_posix())
        display = _display(path, display_root)
        try:
            loaded = load_bank(path, display)
        except QuizgenError as exc:
            problems.extend(exc.problems)
            continue
        quiz_id = str(relative.with_suffix(""))
        lesson = str(relative.with_suffix(".md"))
        if not lesson_exists(lesson):
            problems.append(
                Problem(
                    display,
                    0,
                    0,
                    f"this bank has no lesson: {docs_name}/{lesson} does not exist",
                    f"create the lesson page, or move the bank so its path matches a lesson's "
                    f"(quizzes/X.yml belongs to {docs_name}/X.md)",
                )
            )
            continue
        if lesson in quizzes:
            problems.append(
                Problem(
                    display,
                    0,
                    0,
                    f"{docs_name}/{lesson} already has a bank: {quizzes[lesson].loaded.file}",
                    "keep one bank per lesson: merge the two files",
                )
            )
            continue
        quizzes[lesson] = Quiz(quiz_id, lesson, loaded)
    problems.extend(duplicate_ids(q.loaded for q in quizzes.values()))
    if problems:
        raise QuizgenError(problems)
    return quizzes


def duplicate_ids(banks: Iterable[LoadedBank]) -> list[Problem]:
    """Question ids must be unique across the whole course: progress and exports key on them."""
    first_seen: dict[str, tuple[str, int]] = {}
    problems = []
    for loaded in banks:
        for index, question in enumerate(loaded.bank.questions):
            position = loaded.source.value(("questions", index, "id"))
            if question.id in first_seen:
                file, line = first_seen[question.id]
                where = f"line {line}" if file == loaded.file else f"{file}:{line}"
                problems.append(
                    Problem(
                        loaded.file,
                        position.line,
                        position.column,
                        f"the id '{question.id}' is already used ({where})",
                        "give each question an id of its own",
                    )
                )
            else:
                first_seen[question.id] = (loaded.file, position.line)
    return problems


def missing_anchors(loaded: LoadedBank, anchors: Mapping[str, str | None], lesson: str) -> list[Problem]:
    """Each ``see`` must name an anchor that the rendered lesson has."""
    problems = []
    for index, question in enumerate(loaded.bank.questions):
        if question.see and question.see[1:] not in anchors:
            position = loaded.source.value(("questions", index, "see"))
            close = difflib.get_close_matches(question.see[1:], list(anchors), n=1, cutoff=0.5)
            headings = f"did you mean '#{close[0]}'?" if close else ", ".join(f"#{a}" for a in list(anchors)[:12])
            problems.append(
                Problem(
                    loaded.file,
                    position.line,
                    position.column,
                    f"'see' points to {question.see}, but {lesson} has no heading with that anchor",
                    headings if close or not headings else f"use one of: {headings}",
                )
            )
    return problems


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return str(path)
