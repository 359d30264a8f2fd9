"""The markers an author (or quizgen) writes into a page, shared by every host.

``<!-- quiz -->`` puts the page's own quiz there instead of at the end.
``<!-- quiz: phone-skills/taking-messages -->`` names the bank (its path under
the quizzes folder, without suffix), for hosts that cannot tell which page
they are rendering; where the host knows the page, the page's own bank wins.
``<!-- quizgen:NAME -->`` markers are quizgen's own, in the pages it writes
(course_pages.MARKER).
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

QUIZ = re.compile(r"<!--[ \t]*quiz(?:[ \t]*:[ \t]*(?P<name>[^\s>]*))?[ \t]*-->")
COURSE = re.compile(r"<!-- quizgen:(?P<name>[a-z-]+(?: [0-9]+)?) -->")


@dataclass(frozen=True)
class QuizMarker:
    start: int
    end: int
    bank: str | None  # the bank it names, if any


def find_quiz_marker(text: str) -> QuizMarker | None:
    """The first quiz marker in ``text``."""
    match = QUIZ.search(text)
    if match is None:
        return None
    return QuizMarker(match.start(), match.end(), match.group("name") or None)


def quiz_marker_alone(text: str) -> QuizMarker | None:
    """A quiz marker that is the whole of ``text`` (a block of raw HTML), else None."""
    match = QUIZ.fullmatch(text.strip())
    return QuizMarker(0, len(text), match.group("name") or None) if match else None


def course_marker_alone(text: str) -> str | None:
    """The name of the quizgen marker that is the whole of ``text``, else None."""
    match = COURSE.fullmatch(text.strip())
    return match.group("name") if match else None


def unique_id(wanted: str, taken: Container[str]) -> str:
    """``wanted``, or ``wanted-1``, ``wanted-2``... : the first the page does not use yet."""
    candidate, number = wanted, 1
    while candidate in taken:
        candidate, number = f"{wanted}-{number}", number + 1
    return candidate
