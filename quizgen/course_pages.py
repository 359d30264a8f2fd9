"""The pages a course gets beyond its lessons: "My progress", the final
check and the certificate, plus the "Continue" link an author may place on
any page, and the course's manifest that the browser runtime reads.

The host (the MkDocs plugin) says what the course holds, in navigation
order: modules of lessons, each with its quiz id, title and address. This
module writes the Markdown (headings, so that the page has a table of
contents) and the HTML each marker in it becomes. The HTML is complete
without JavaScript (links, lesson names, empty scores); the runtime's
progress unit fills in what the learner's browser remembers.

Markup contract (the runtime relies on it): [data-quizgen=progress|continue|
certificate] holders; rows and items carry data-quiz-id; [data-field] cells;
buttons carry data-action.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape

from .kinds.base import plural
from .render import json_for_script
from .rules import format_points

FINAL_ID = "_final"  # no bank can have this id: bank files whose names start with "_" are skipped
MARKER = "<!-- quizgen:{} -->"


@dataclass(frozen=True)
class Lesson:
    quiz_id: str
    title: str
    url: str  # the page's address relative to the site's root: "phone-skills/taking-messages/"


@dataclass(frozen=True)
class Module:
    title: str | None  # None: lessons at the top of the navigation
    lessons: list[Lesson] = field(default_factory=list)


@dataclass(frozen=True)
class CourseMap:
    """What the course holds, in navigation order, and where its own pages are."""

    title: str
    key: str  # names the learner's progress in the browser
    modules: list[Module]
    final: Lesson | None = None  # the final check, when the course has one
    progress_url: str | None = None
    certificate_url: str | None = None

    @property
    def lessons(self) -> list[Lesson]:
        return [lesson for module in self.modules for lesson in module.lessons]

    @property
    def required(self) -> list[Lesson]:
        """Every check the course asks to pass, the final check last."""
        return self.lessons + ([self.final] if self.final else [])


def fill_markers(content: str, fills: Mapping[str, Callable[[], str]]) -> str:
    """Each marker in ``content`` that ``fills`` names, replaced by what its fill makes (once per name).

    One pass over the page, whatever the number of names: a course of 50 modules has 58.
    """
    opening, closing = MARKER.split("{}")
    made: dict[str, str] = {}
    pieces: list[str] = []
    start = 0
    at = content.find(opening)
    while at >= 0:
        end = content.find(closing, at + len(opening))
        if end < 0:
            break
        name = content[at + len(opening) : end]
        after = end + len(closing)
        if name in fills:
            if name not in made:
                made[name] = fills[name]()
            pieces += [content[start:at], made[name]]
            start = after
        at = content.find(opening, after if name in fills else at + len(opening))
    if not pieces:
        return content
    pieces.append(content[start:])
    return "".join(pieces)


def course_key(site_name: str) -> str:
    """A stable, readable id for a course's progress: its site name, in lower case and dashes."""
    text = unicodedata.normalize("NFKD", site_name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60] or "course"


def manifest_script(course: CourseMap) -> str:
    """The script every page loads after the runtime: the course's checks, in order, for the progress views."""
    data = {
        "title": course.title,
        "key": course.key,
        "lessons": [_lesson_data(lesson) for lesson in course.lessons],
        "final": _lesson_data(course.final) if course.final else None,
        "progress": course.progress_url,
        "certificate": course.certificate_url,
    }
    return (
        "/* quizgen: this course's checks, for the progress views. Written by the build. */\n"
        f"window.QuizGen && window.QuizGen.setCourse({json_for_script(data)});\n"
    )


def _lesson_data(lesson: Lesson) -> dict[str, str]:
    return {"id": lesson.quiz_id, "title": lesson.title, "url": lesson.url}


# A page's address relative to the page being written: the host's own rule.
Link = Callable[[str], str]


def progress_markdown(title: str, modules: Sequence[str | None], final_title: str | None) -> str:
    """The progress page as Markdown: headings for the table of contents, markers for the tables."""
    parts = [f"# {_markdown_text(title)}", "", MARKER.format("progress-course"), ""]
    for index, module in enumerate(modules):
        if module is not None:
            parts += [f"## {_markdown_text(module)}", ""]
        parts += [MARKER.format(f"progress-module {index}"), ""]
    if final_title:
        parts += [f"## {_markdown_text(final_title)}", "", MARKER.format("progress-final"), ""]
    parts += ["## Your progress in this browser", "", MARKER.format("progress-tools"), ""]
    return "\n".join(parts)


def _markdown_text(text: str) -> str:
    # Markdown has no backslash escape for "<" (it would show): "<" and "&" become entities.
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return re.sub(r"([\\`*_{}\[\]()#+\-.!>|])", r"\\\1", text)


def progress_course(course: CourseMap, link: Link) -> str:
    count = len(course.required)
    first = course.required[0] if course.required else None
    parts = [
        '<div class="quizgen quizgen-progress" data-quizgen="progress">',
        '<p class="quizgen-notice" hidden></p>',
        _bar("quizgen-course-progress", "The course", count),
    ]
    if first:
        parts.append(_continue(first, link))
    parts.append("</div>")
    return "\n".join(parts)


def _bar(bar_id: str, label: str, count: int) -> str:
    return (
        f'<p class="quizgen-bar"><span id="{bar_id}">{escape(label)}: '
        f'<span data-field="passed-count">0</span> of {plural(count, "check")} passed</span>'
        f'<progress max="{count}" value="0" aria-labelledby="{bar_id}"></progress></p>'
    )


def progress_module(course: CourseMap, index: int, link: Link) -> str:
    module = course.modules[index]
    label = module.title or "Lessons"
    parts = [
        f'<div class="quizgen quizgen-progress" data-quizgen="progress" data-module="{index}">',
        _bar(f"quizgen-module-{index}-progress", label, len(module.lessons)),
        _table(module.lessons, link),
        "</div>",
    ]
    return "\n".join(parts)


def progress_final(course: CourseMap, link: Link) -> str:
    if not course.final:
        return ""
    return "\n".join(
        [
            '<div class="quizgen quizgen-progress" data-quizgen="progress">',
            _table([course.final], link, heading="Check"),
            "</div>",
        ]
    )


def _table(lessons: Sequence[Lesson], link: Link, heading: str = "Lesson") -> str:
    rows = [
        "<table>",  # no class: the theme styles it as it styles the lessons' tables
        f'<thead><tr><th scope="col">{heading}</th><th scope="col">Best score</th><th scope="col">Passed</th>'
        '<th scope="col">Attempts</th><th scope="col">Last attempt</th></tr></thead>',
        "<tbody>",
    ]
    for lesson in lessons:
        rows.append(
            f'<tr data-quiz-id="{escape(lesson.quiz_id)}">'
            f'<th scope="row"><a href="{escape(link(lesson.url))}">{escape(lesson.title)}</a></th>'
            '<td data-field="best">none yet</td><td data-field="passed">not yet</td>'
            '<td data-field="tries">0</td><td data-field="last">never</td></tr>'
        )
    rows += ["</tbody>", "</table>"]
    return "\n".join(rows)


def progress_tools() -> str:
    """Download, restore and reset: the learner's own copy of their progress."""
    return "\n".join(
        [
            '<div class="quizgen quizgen-progress quizgen-tools" data-quizgen="tools">',
            "<p>Your progress is kept in this browser only: another browser or device does not see it, "
            "and clearing this browser's data deletes it. To carry it over, download it as a file here "
            "and restore that file in the other browser.</p>",
            '<p><button type="button" class="quizgen-button" data-action="download">Download my progress</button></p>',
            '<p><label for="quizgen-restore-file">Restore progress from a file</label><br>'
            '<input type="file" id="quizgen-restore-file" accept=".json,application/json" data-action="restore-file">'
            "</p>",
            '<div class="quizgen-confirm" data-part="restore" hidden>',
            '<p data-field="restore-summary"></p>',
            '<p><button type="button" class="quizgen-button" data-action="restore">Replace my progress with this file'
            '</button> <button type="button" class="quizgen-button" data-action="cancel">Cancel</button></p>',
            "</div>",
            '<p><button type="button" class="quizgen-button" data-action="reset">Reset my progress</button></p>',
            '<div class="quizgen-confirm" data-part="reset" hidden>',
            "<p>This deletes every score, attempt and unfinished answer kept in this browser for this course. "
            "It cannot be undone (unless you downloaded your progress first).</p>",
            '<p><button type="button" class="quizgen-button" data-action="confirm-reset">Yes, delete my progress'
            '</button> <button type="button" class="quizgen-button" data-action="cancel">Keep it</button></p>',
            "</div>",
            '<p class="quizgen-tools-status" role="status" aria-live="polite"></p>',
            "</div>",
        ]
    )


def _continue(first: Lesson, link: Link) -> str:
    return (
        f'<p class="quizgen-continue" data-quizgen="continue"><a href="{escape(link(first.url))}">'
        f'Start the course: <span data-field="title">{escape(first.title)}</span></a></p>'
    )


def continue_link(course: CourseMap, link: Link) -> str:
    """The link an author places with <!-- quizgen:continue -->: to the next check not yet passed."""
    if not course.required:
        return ""
    return f'<div class="quizgen">{_continue(course.required[0], link)}</div>'


def final_check_markdown(title: str, per_lesson: int, bank_sizes: Sequence[int], pass_mark: float) -> str:
    """The final check's page; ``bank_sizes``: the number of questions in each lesson's bank, in order."""
    count = sum(min(per_lesson, size) for size in bank_sizes)
    drawn = (
        f"{per_lesson} from each lesson's check"
        if all(size >= per_lesson for size in bank_sizes)
        else "from every lesson's check"
    )
    fresh = ", with a new draw for every attempt" if count < sum(bank_sizes) else ""
    return "\n".join(
        [
            f"# {_markdown_text(title)}",
            "",
            f"This check covers the whole course: {plural(count, 'question')}, {drawn}{fresh}. "
            "You submit once and then see your marks and all the feedback. "
            f"You need {format_points(pass_mark)}% to pass, and passing it counts toward completing the course.",
            "",
            MARKER.format("final-check"),
            "",
        ]
    )


def certificate_markdown(title: str) -> str:
    return f"# {_markdown_text(title)}\n\n{MARKER.format('certificate')}\n"


def certificate(course: CourseMap, link: Link) -> str:
    """Before completion: what is left, with links; after: the name field and the printable certificate."""
    todo = "".join(
        f'<li data-quiz-id="{escape(item.quiz_id)}"><a href="{escape(link(item.url))}">{escape(item.title)}</a></li>'
        for item in course.required
    )
    rows = "".join(
        f'<tr data-quiz-id="{escape(lesson.quiz_id)}"><th scope="row">{escape(lesson.title)}</th>'
        '<td data-field="best"></td></tr>'
        for lesson in course.lessons
    )
    final = (
        f'<p class="quizgen-sheet-final">{escape(course.final.title)}: <strong data-field="final"></strong></p>'
        if course.final
        else ""
    )
    return "\n".join(
        [
            '<div class="quizgen quizgen-certificate" data-quizgen="certificate">',
            '<p class="quizgen-notice" hidden></p>',
            '<div data-part="todo">',
            "<p>The certificate opens once you have passed every check of the course. Still to pass "
            '(<span data-field="left">all</span>):</p>',
            f'<ul class="quizgen-todo">{todo}</ul>',
            "</div>",
            '<div data-part="done" hidden>',
            '<p class="quizgen-screen-only">You have passed every check of the course. Type your name as it should '
            "appear, then print the certificate or save it as a PDF. Your name is kept in this browser only.</p>",
            '<p class="quizgen-screen-only"><label for="quizgen-name">Your name</label><br>'
            '<input type="text" id="quizgen-name" autocomplete="name" maxlength="200" data-action="name"> '
            '<button type="button" class="quizgen-button" data-action="print">Print the certificate</button></p>',
            '<section class="quizgen-sheet" aria-labelledby="quizgen-sheet-title">',
            '<p class="quizgen-sheet-kind">Certificate of completion</p>',
            f'<h2 id="quizgen-sheet-title" class="quizgen-sheet-course">{escape(course.title)}</h2>',
            '<p>completed by</p><p class="quizgen-sheet-name" data-field="name"></p>',
            '<p>on <span data-field="date"></span></p>',
            final,
            '<table class="quizgen-sheet-lessons"><thead><tr><th scope="col">Lesson</th>'
            f'<th scope="col">Best score</th></tr></thead><tbody>{rows}</tbody></table>',
            '<p class="quizgen-sheet-note">This certificate was produced in the learner\'s own web browser from the '
            "progress kept there. It is not a record held by the organisation.</p>",
            "</section>",
            "</div>",
            "</div>",
        ]
    )
