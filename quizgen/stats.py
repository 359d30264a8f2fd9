"""Course statistics: per lesson, questions by type, points, pass mark, what a
learner who did not read would score (``blind``), and words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TextIO

from . import front_matter
from .blind import blind_result
from .course import load_course
from .kinds import KINDS, QUESTION_TYPES
from .site_config import SiteConfig

_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?")


def count_words(markdown: str) -> int:
    """Words a learner reads: link targets and front matter are not counted."""
    text = _LINK_TARGET.sub("]", front_matter.split(markdown)[1])
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class LessonStats:
    lesson: str
    by_type: dict[str, int] = field(default_factory=dict)
    points: int = 0
    pass_mark: float | None = None
    words: int = 0
    blind: float | None = None  # the percentage a learner scores who answers without reading (quizgen.blind)

    @property
    def questions(self) -> int:
        return sum(self.by_type.values())


def course_stats(site: SiteConfig) -> list[LessonStats]:
    """One row per lesson with a bank; raises QuizgenError if a bank is broken."""
    course = load_course(site.quizzes_dir, site.docs_dir, root=site.root)
    course.raise_problems()
    rows = []
    for lesson, quiz in sorted(course.quizzes.items()):
        bank = quiz.loaded.bank
        by_type = {kind: sum(q.type == kind for q in bank.questions) for kind in QUESTION_TYPES}
        words = count_words((site.docs_dir / lesson).read_text(encoding="utf-8", errors="replace"))
        rows.append(LessonStats(lesson, by_type, bank.max_points, bank.pass_mark, words, blind_result(bank).percent))
    return rows


def kinds_used(rows: list[LessonStats]) -> list[str]:
    """The kinds of question the course uses, in the registry's order: one column each."""
    return [kind for kind in QUESTION_TYPES if any(r.by_type.get(kind) for r in rows)]


def headers(rows: list[LessonStats]) -> tuple[str, ...]:
    return (
        "Lesson",
        *(KINDS[kind].label for kind in kinds_used(rows)),
        "Questions",
        "Points",
        "Pass mark",
        "Blind",
        "Words",
    )


def table_rows(rows: list[LessonStats]) -> list[tuple[str, ...]]:
    """The table's cells as text, the course totals last."""
    used = kinds_used(rows)

    def cells(
        name: str, by_type: dict[str, int], questions: int, points: int, mark: str, blind: str, words: int
    ) -> tuple[str, ...]:
        return (
            name,
            *(str(by_type.get(kind, 0)) for kind in used),
            str(questions),
            str(points),
            mark,
            blind,
            f"{words:,}",
        )

    body = [
        cells(
            r.lesson,
            r.by_type,
            r.questions,
            r.points,
            f"{r.pass_mark:g}%" if r.pass_mark is not None else "-",
            f"{int(r.blind)}%" if r.blind is not None else "-",
            r.words,
        )
        for r in rows
    ]
    totals = {kind: sum(r.by_type.get(kind, 0) for r in rows) for kind in QUESTION_TYPES}
    body.append(
        cells(
            f"Course ({len(rows)} lessons)",
            totals,
            sum(r.questions for r in rows),
            sum(r.points for r in rows),
            "",
            f"{int(max(r.blind or 0 for r in rows))}%" if rows else "",  # the most guessable bank
            sum(r.words for r in rows),
        )
    )
    return body


def render_table(rows: list[LessonStats], stream: TextIO) -> None:
    """A rich table on a terminal; plain aligned text when piped or redirected."""
    body = table_rows(rows)
    head = headers(rows)
    if stream.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(title="Question banks", show_footer=False)
        for index, header in enumerate(head):
            # the lesson's path whole; a narrow terminal shortens the numbers' headings instead
            table.add_column(header, justify="left" if index == 0 else "right", no_wrap=index == 0)
        for number, row in enumerate(body):
            table.add_row(*row, end_section=number == len(body) - 2)
        Console(file=stream).print(table)
        return
    widths = [max(len(row[i]) for row in (head, *body)) for i in range(len(head))]
    for number, row in enumerate((head, *body)):
        if number == len(body):  # a rule above the totals
            stream.write("  ".join("-" * w for w in widths) + "\n")
        stream.write(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
            + "\n"
        )
