"""A course's banks as a whole: finding them, pairing them with lessons, and
the rules that span more than one bank (ids unique across the course) or
need the lesson (``see`` anchors).
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from .load import LoadedBank, load_bank
from .model import Bank
from .problems import Problem, QuizgenError, shown_path

BANK_SUFFIXES = (".yml", ".yaml")


class See(NamedTuple):
    """A question's ``see`` anchor (without its '#') and where it is written."""

    anchor: str
    line: int
    column: int


class Quiz:
    """A valid bank attached to its lesson page.

    A build holds every quiz from its first event to its last page, and a
    large course's banks as objects take more memory than MkDocs' whole build
    (about 24 MB at 1,000 lessons of 10 questions). So ``load_course`` can
    keep, instead of each bank, what a build needs of it, made as it is loaded
    (a page's markup, as ``kept`` bytes); what a build needs of a bank on
    every page is kept beside it.
    """

    __slots__ = ("_loaded", "file", "kept", "lesson", "points", "quiz_id", "sees", "size")

    def __init__(self, quiz_id: str, lesson: str, loaded: LoadedBank) -> None:
        self.quiz_id = quiz_id  # the bank's path under the quizzes folder, less its suffix: "phone-skills/x"
        self.lesson = lesson  # the lesson's path under the docs folder: "phone-skills/taking-messages.md"
        self.file = loaded.file  # the bank's file, as problems show it
        self.size = len(loaded.bank.questions)
        self.points = loaded.bank.max_points
        self.sees = tuple(
            See(question.see[1:], *loaded.source.value(("questions", index, "see")))
            for index, question in enumerate(loaded.bank.questions)
            if question.see
        )
        self._loaded: LoadedBank | None = loaded
        self.kept = b""

    @property
    def loaded(self) -> LoadedBank:
        if self._loaded is None:
            raise ValueError(f"{self.file}: the course was loaded keeping what a build needs, not the bank")
        return self._loaded

    def bank(self) -> Bank:
        return self.loaded.bank

    def keeping(self, kept: bytes) -> Quiz:
        """This quiz holding ``kept`` instead of its bank."""
        quiz = Quiz.__new__(Quiz)
        for name in Quiz.__slots__:
            setattr(quiz, name, getattr(self, name))
        quiz._loaded = None
        quiz.kept = kept
        return quiz

    def see_anchors(self, anchors: Mapping[str, str | None]) -> dict[str, str | None]:
        """Of the lesson's anchors, those its questions' ``see`` name: all that rendering its quiz needs."""
        return {see.anchor: anchors[see.anchor] for see in self.sees if see.anchor in anchors}

    def missing_anchors(self, anchors: Mapping[str, str | None], lesson: str) -> list[Problem]:
        """Each ``see`` must name an anchor that the rendered lesson has."""
        return _missing_anchors(self.file, self.sees, anchors, lesson)


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

    def question_ids(self) -> set[str]:
        """Every question id of the course's valid banks."""
        return {question.id for quiz in self.quizzes.values() for question in quiz.bank().questions}

    def raise_problems(self) -> None:
        if self.problems:
            raise QuizgenError(self.problems)


# A bank file as last read: its modification time and size, and what it held.
BankCache = dict[Path, tuple[tuple[int, int], LoadedBank]]


def load_course(
    quizzes_dir: Path,
    docs_dir: Path,
    *,
    root: Path | None = None,
    cache: BankCache | None = None,
    keep: Callable[[Quiz], bytes] | None = None,
) -> Course:
    """Load every bank under ``quizzes_dir`` and pair it with its lesson in ``docs_dir``.

    File names in problems are shown relative to ``root`` (the course folder).
    Every problem in every bank is collected, so an author sees them all at once.
    With a ``cache`` (kept by `mkdocs serve` between rebuilds), a bank whose
    file has not changed since it was last read is not read again. With
    ``keep``, each quiz holds what ``keep`` makes of it instead of its bank (``Quiz.kept``).
    """
    # Loading makes hundreds of thousands of short-lived objects, and each of the collector's
    # passes they set off walks every object the process holds (a site build's too): a third of
    # the loading time. They make no cycles to collect; the collector resumes afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_course(quizzes_dir, docs_dir, root, cache, keep)
    finally:
        if collecting:
            gc.enable()


def _load_course(
    quizzes_dir: Path, docs_dir: Path, root: Path | None, cache: BankCache | None, keep: Callable[[Quiz], bytes] | None
) -> Course:
    course = Course(bank_files=find_banks(quizzes_dir))
    docs_shown = shown_path(docs_dir, root)
    quizzes_shown = shown_path(quizzes_dir, root)  # once: resolving each bank's path costs a system call a folder
    ids = _Ids()
    for path in course.bank_files:
        display = f"{quizzes_shown}/{path.relative_to(quizzes_dir).as_posix()}"
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
                    f"{docs_shown}/{lesson} already has a bank: {course.quizzes[lesson].file}",
                    "keep one bank per lesson: merge the two files",
                )
            )
            continue
        ids.add(loaded)
        quiz = Quiz(lesson.removesuffix(".md"), lesson, loaded)
        course.quizzes[lesson] = quiz.keeping(keep(quiz)) if keep else quiz
    course.problems.extend(ids.problems)
    return course


def duplicate_ids(banks: Iterable[LoadedBank]) -> list[Problem]:
    """Question ids must be unique across the whole course: progress and exports key on them."""
    ids = _Ids()
    for loaded in banks:
        ids.add(loaded)
    return ids.problems


class _Ids:
    """The question ids met so far, bank after bank, and the problems of those met twice."""

    def __init__(self) -> None:
        self.first_seen: dict[str, tuple[str, int]] = {}
        self.problems: list[Problem] = []

    def add(self, loaded: LoadedBank) -> None:
        for index, question in enumerate(loaded.bank.questions):
            position = loaded.source.value(("questions", index, "id"))
            if question.id in self.first_seen:
                file, line = self.first_seen[question.id]
                where = f"line {line}" if file == loaded.file else f"{file}:{line}"
                self.problems.append(
                    Problem(
                        loaded.file,
                        position.line,
                        position.column,
                        f"the id '{question.id}' is already used ({where})",
                        "give each question an id of its own",
                    )
                )
            else:
                self.first_seen[question.id] = (loaded.file, position.line)


def _missing_anchors(file: str, sees: Iterable[See], anchors: Mapping[str, str | None], lesson: str) -> list[Problem]:
    problems = []
    for see in sees:
        if see.anchor not in anchors:
            close = difflib.get_close_matches(see.anchor, list(anchors), n=1, cutoff=0.5)
            headings = f"did you mean '#{close[0]}'?" if close else ", ".join(f"#{a}" for a in list(anchors)[:12])
            problems.append(
                Problem(
                    file,
                    see.line,
                    see.column,
                    f"'see' points to #{see.anchor}, but {lesson} has no heading with that anchor",
                    headings if close or not headings else f"use one of: {headings}",
                )
            )
    return problems
