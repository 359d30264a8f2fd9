"""A course's banks as a whole: finding them, pairing them with lessons, and
the rules that span more than one bank (ids unique across the course) or
need the lesson (``see`` anchors).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .load import LoadedBank, load_bank
from .problems import Problem, QuizgenError, shown_path

BANK_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Quiz:
    """A valid bank attached to its lesson page."""

    quiz_id: str  # the bank's path under the quizzes folder, without suffix: "phone-skills/taking-messages"
    lesson: str  # the lesson's path under the docs folder: "phone-skills/taking-messages.md"
    loaded: LoadedBank


def lesson_of(bank: Path, quizzes_dir: Path) -> str:
    """The lesson a bank belongs to: quizzes/X.yml -> X.md (relative to the docs folder)."""
    return PurePosixPath(bank.relative_to(quizzes_dir).as_posix()).with_suffix(".md").as_posix()


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


@dataclass
class Course:
    """Every valid bank of a course, keyed by lesson path, and what was wrong with the rest."""

    quizzes: dict[str, Quiz] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    bank_files: list[Path] = field(default_factory=list)  # every bank found, valid or not

    def raise_problems(self) -> None:
        if self.problems:
            raise QuizgenError(self.problems)


# A bank file as last read: its modification time and size, and what it held.
BankCache = dict[Path, tuple[tuple[int, int], LoadedBank]]


def load_course(
    quizzes_dir: Path, docs_dir: Path, *, root: Path | None = None, cache: BankCache | None = None
) -> Course:
    """Load every bank under ``quizzes_dir`` and pair it with its lesson in ``docs_dir``.

    File names in problems are shown relative to ``root`` (the course folder).
    Every problem in every bank is collected, so an author sees them all at once.
    With a ``cache`` (kept by `mkdocs serve` between rebuilds), a bank whose
    file has not changed since it was last read is not read again.
    """
    course = Course(bank_files=find_banks(quizzes_dir))
    docs_shown = shown_path(docs_dir, root)
    for path in course.bank_files:
        display = shown_path(path, root)
        stat = path.stat()
        signature = (stat.st_mtime_ns, stat.st_size)
        if cache is not None and path in cache and cache[path][0] == signature:
            loaded = cache[path][1]
        else:
            try:
                loaded = load_bank(path, display)
            except QuizgenError as exc:
                course.problems.extend(exc.problems)
                continue
            if cache is not None:
                cache[path] = (signature, loaded)
        lesson = lesson_of(path, quizzes_dir)
        if not (docs_dir / lesson).is_file():
            course.problems.append(
                Problem(
                    display,
                    1,
                    1,
                    f"this bank has no lesson: {docs_shown}/{lesson} does not exist",
                    "create the lesson page, or move the bank so its path matches a lesson's "
                    f"(quizzes/X.yml belongs to {docs_shown}/X.md)",
                )
            )
            continue
        if lesson in course.quizzes:
            course.problems.append(
                Problem(
                    display,
                    1,
                    1,
                    f"{docs_shown}/{lesson} already has a bank: {course.quizzes[lesson].loaded.file}",
                    "keep one bank per lesson: merge the two files",
                )
            )
            continue
        course.quizzes[lesson] = Quiz(lesson.removesuffix(".md"), lesson, loaded)
    course.problems.extend(duplicate_ids(q.loaded for q in course.quizzes.values()))
    return course


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
