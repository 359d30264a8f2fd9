"""Problems found in a course: one type, formatted once for every audience."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in a source file, with where it stands and how to fix it.

    ``line`` and ``column`` count from 1; 0 means "the whole file".
    """

    file: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: Severity = "error"

    def format(self) -> str:
        """``FILE:LINE:COL: error: message (hint)``: the form editors and CI read."""
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class QuizgenError(Exception):
    """Raised with every problem found; never shown to a user as a traceback."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


def shown_path(path: Path, root: Path | None) -> str:
    """How a problem names a file: relative to the course folder when it is inside it."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)
