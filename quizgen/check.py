"""Check a course without building it: every error the build would report,
plus warnings (see ``advice``)."""

from __future__ import annotations

from dataclasses import dataclass

from .advice import lessons_without_banks, question_advice
from .anchors import LessonAnchors
from .course import Course, lesson_of, load_course
from .problems import Problem, shown_path
from .site_config import SiteConfig


@dataclass(frozen=True)
class CheckResult:
    problems: list[Problem]
    banks: int
    questions: int

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)

    def summary(self) -> str:
        def count(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        return (
            f"{count(self.banks, 'bank')}, {count(self.questions, 'question')}: "
            f"{count(self.errors, 'error')}, {count(self.warnings, 'warning')}"
        )


def check_course(site: SiteConfig) -> CheckResult:
    course = load_course(site.quizzes_dir, site.docs_dir, root=site.root)
    problems = list(course.problems)
    problems += _anchor_problems(course, site)
    with_banks = {lesson_of(bank, site.quizzes_dir) for bank in course.bank_files}
    problems += lessons_without_banks(site.docs_dir, with_banks, shown_path(site.docs_dir, site.root))
    problems += question_advice(course.quizzes.values())
    questions = sum(len(q.loaded.bank.questions) for q in course.quizzes.values())
    return CheckResult(sorted(problems), len(course.bank_files), questions)


def _anchor_problems(course: Course, site: SiteConfig) -> list[Problem]:
    anchors = LessonAnchors(site.markdown_extensions)
    problems: list[Problem] = []
    docs = shown_path(site.docs_dir, site.root)
    for lesson, quiz in course.quizzes.items():
        wanted = [see.anchor for see in quiz.sees]
        if not wanted:
            continue
        text = (site.docs_dir / lesson).read_text(encoding="utf-8", errors="replace")
        problems += quiz.missing_anchors(anchors(text, wanted), f"{docs}/{lesson}")
    return problems
