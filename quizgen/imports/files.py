"""Where imported banks go in a course, and writing them: nothing is overwritten,
each bank gets a lesson page to write if it has none, and every file is
written whole or, when one cannot be, none are left behind."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_text_atomically
from ..course import BANK_SUFFIXES, lesson_of
from ..problems import Problem, QuizgenError, shown_path
from ..scaffold import LESSON_TEMPLATE, schema_path
from ..site_config import SiteConfig
from .gift import ImportedBank


@dataclass(frozen=True)
class Planned:
    path: Path
    text: str
    what: str  # how the command's output describes the file


def plan(banks: list[ImportedBank], folder: Path, site: SiteConfig | None) -> list[Planned]:
    """The files to write: each bank, and a lesson stub where the course has no page for it."""
    planned: list[Planned] = []
    in_the_way: list[Path] = []
    for bank in banks:
        path = folder / f"{bank.path}.yml"
        in_the_way += [candidate for candidate in (path.with_suffix(s) for s in BANK_SUFFIXES) if candidate.exists()]
        schema = None
        lesson = None
        if site is not None:
            try:
                lesson = site.docs_dir / lesson_of(path.resolve(), site.quizzes_dir.resolve())
                schema = schema_path(site.quizzes_dir, path)
            except ValueError:
                pass  # written outside the course's banks: no lesson of its own
        planned.append(Planned(path, bank.yaml_text(schema), f"{len(bank.questions)} questions"))
        if lesson is not None and not lesson.exists():
            planned.append(Planned(lesson, LESSON_TEMPLATE.format(title=bank.title), "a lesson page to write"))
    if in_the_way:
        raise QuizgenError(
            Problem(
                str(path),
                0,
                0,
                "already exists; nothing was written",
                "import into another folder with -o, or move the existing bank away first",
            )
            for path in in_the_way
        )
    return planned


def write(planned: list[Planned], root: Path | None) -> list[str]:
    """Write every planned file; if one fails, remove those already written. Returns what was said."""
    written: list[Path] = []
    try:
        for item in planned:
            write_text_atomically(item.path, item.text)
            written.append(item.path)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise QuizgenError(
            [Problem(str(item.path), 0, 0, f"cannot be written: {exc.strerror}; nothing was written")]
        ) from None
    return [f"wrote {shown_path(item.path, root)}: {item.what}" for item in planned]
