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

import json
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape

from .i18n import ENGLISH, Messages
from .render import json_for_script

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


def progress_markdown(title: str, modules: Sequence[str | None], final_title: str | None, t: Messages = ENGLISH) -> str:
    """The progress page as Markdown: headings for the table of contents, markers for the tables."""
    parts = [f"# {_markdown_text(title)}", "", MARKER.format("progress-course"), ""]
    for index, module in enumerate(modules):
        if module is not None:
            parts += [f"## {_markdown_text(module)}", ""]
        parts += [MARKER.format(f"progress-module {index}"), ""]
    if final_title:
        parts += [f"## {_markdown_text(final_title)}", "", MARKER.format("progress-final"), ""]
    parts += [f"## {_markdown_text(t('pages.progress_here'))}", "", MARKER.format("progress-tools"), ""]
    return "\n".join(parts)


def _markdown_text(text: str) -> str:
    # Markdown has no backslash escape for "<" (it would show): "<" and "&" become entities.
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return re.sub(r"([\\`*_{}\[\]()#+\-.!>|])", r"\\\1", text)


def progress_course(course: CourseMap, link: Link, t: Messages = ENGLISH) -> str:
    count = len(course.required)
    first = course.required[0] if course.required else None
    parts = [
        '<div class="quizgen quizgen-progress" data-quizgen="progress">',
        '<p class="quizgen-notice" hidden></p>',
        _bar("quizgen-course-progress", t("pages.the_course"), count, t),
    ]
    if first:
        parts.append(_continue(first, link, t))
    parts.append("</div>")
    return "\n".join(parts)


def _bar(bar_id: str, label: str, count: int, t: Messages) -> str:
    sentence = _with_field(t("pages.bar", label=label, passed=MARK, count=count), "passed-count", "0")
    return (
        f'<p class="quizgen-bar"><span id="{bar_id}">{sentence}</span>'
        f'<progress max="{count}" value="0" aria-labelledby="{bar_id}"></progress></p>'
    )


def progress_module(course: CourseMap, index: int, link: Link, t: Messages = ENGLISH) -> str:
    module = course.modules[index]
    label = module.title or t("pages.lessons")
    parts = [
        f'<div class="quizgen quizgen-progress" data-quizgen="progress" data-module="{index}">',
        _bar(f"quizgen-module-{index}-progress", label, len(module.lessons), t),
        _table(module.lessons, link, t),
        "</div>",
    ]
    return "\n".join(parts)


def progress_final(course: CourseMap, link: Link, t: Messages = ENGLISH) -> str:
    if not course.final:
        return ""
    return "\n".join(
        [
            '<div class="quizgen quizgen-progress" data-quizgen="progress">',
            _table([course.final], link, t, heading=t("pages.check")),
            "</div>",
        ]
    )


def _table(lessons: Sequence[Lesson], link: Link, t: Messages, heading: str | None = None) -> str:
    columns = [heading or t("pages.lesson"), t("pages.best_score"), t("pages.passed"), t("pages.attempts")]
    columns.append(t("pages.last_attempt"))
    rows = [
        "<table>",  # no class: the theme styles it as it styles the lessons' tables
        "<thead><tr>" + "".join(f'<th scope="col">{escape(column)}</th>' for column in columns) + "</tr></thead>",
        "<tbody>",
    ]
    empty = (
        f'<td data-field="best">{escape(t("views.none_yet"))}</td><td data-field="passed">{escape(t("views.not_yet"))}'
        f'</td><td data-field="tries">0</td><td data-field="last">{escape(t("views.never"))}</td></tr>'
    )
    for lesson in lessons:
        rows.append(
            f'<tr data-quiz-id="{escape(lesson.quiz_id)}">'
            f'<th scope="row"><a href="{escape(link(lesson.url))}">{escape(lesson.title)}</a></th>{empty}'
        )
    rows += ["</tbody>", "</table>"]
    return "\n".join(rows)


def progress_tools(t: Messages = ENGLISH) -> str:
    """Download, restore and reset: the learner's own copy of their progress."""

    def button(action: str, key: str) -> str:
        return f'<button type="button" class="quizgen-button" data-action="{action}">{escape(t(key))}</button>'

    return "\n".join(
        [
            '<div class="quizgen quizgen-progress quizgen-tools" data-quizgen="tools">',
            f"<p>{escape(t('pages.tools_intro'))}</p>",
            f"<p>{button('download', 'pages.download')}</p>",
            f'<p><label for="quizgen-restore-file">{escape(t("pages.restore_from"))}</label><br>'
            '<input type="file" id="quizgen-restore-file" accept=".json,application/json" data-action="restore-file">'
            "</p>",
            '<div class="quizgen-confirm" data-part="restore" hidden>',
            '<p data-field="restore-summary"></p>',
            f"<p>{button('restore', 'pages.replace')} {button('cancel', 'pages.cancel')}</p>",
            "</div>",
            f"<p>{button('reset', 'pages.reset')}</p>",
            '<div class="quizgen-confirm" data-part="reset" hidden>',
            f"<p>{escape(t('pages.reset_warning'))}</p>",
            f"<p>{button('confirm-reset', 'pages.confirm_reset')} {button('cancel', 'pages.keep')}</p>",
            "</div>",
            '<p class="quizgen-tools-status" role="status" aria-live="polite"></p>',
            "</div>",
        ]
    )


# What the runtime says in a Continue link, which it carries: few pages have one, so the every-page script does not.
CONTINUE_WORDS = ("pages.continue_certificate", "pages.continue_final", "pages.continue_with", "pages.continue_start")


def _continue(first: Lesson, link: Link, t: Messages) -> str:
    words = json.dumps({key: t.messages[key] for key in CONTINUE_WORDS}, ensure_ascii=False, separators=(",", ":"))
    return (
        f'<p class="quizgen-continue" data-quizgen="continue" data-words="{escape(words)}">'
        f'<a href="{escape(link(first.url))}">{escape(t("pages.continue_start", title=first.title))}</a></p>'
    )


def continue_link(course: CourseMap, link: Link, t: Messages = ENGLISH) -> str:
    """The link an author places with <!-- quizgen:continue -->: to the next check not yet passed."""
    if not course.required:
        return ""
    return f'<div class="quizgen">{_continue(course.required[0], link, t)}</div>'


def final_check_markdown(
    title: str, per_lesson: int, bank_sizes: Sequence[int], pass_mark: float, t: Messages = ENGLISH
) -> str:
    """The final check's page; ``bank_sizes``: the number of questions in each lesson's bank, in order."""
    count = sum(min(per_lesson, size) for size in bank_sizes)
    each = all(size >= per_lesson for size in bank_sizes)
    drawn = t("pages.final_drawn_each", count=per_lesson) if each else t("pages.final_drawn_every")
    fresh = t("pages.final_fresh") if count < sum(bank_sizes) else ""
    intro = t("pages.final_intro", count=count, drawn=drawn, fresh=fresh, percent=t.percent(pass_mark))
    return "\n".join(
        [
            f"# {_markdown_text(title)}",
            "",
            _markdown_text(intro),
            "",
            MARKER.format("final-check"),
            "",
        ]
    )


MARK = "\x00"  # where a field the runtime fills in stands in a sentence


def _with_field(sentence: str, name: str, shown: str = "") -> str:
    """A sentence escaped as text, with the runtime's field in place of MARK."""
    return escape(sentence).replace(MARK, f'<span data-field="{name}">{escape(shown)}</span>')


def certificate_markdown(title: str) -> str:
    return f"# {_markdown_text(title)}\n\n{MARKER.format('certificate')}\n"


def certificate(course: CourseMap, link: Link, t: Messages = ENGLISH) -> str:
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
    final = ""
    if course.final:
        score = '<strong data-field="final"></strong>'
        sentence = escape(t("pages.final_score", title=course.final.title, score=MARK)).replace(MARK, score)
        final = f'<p class="quizgen-sheet-final">{sentence}</p>'
    return "\n".join(
        [
            '<div class="quizgen quizgen-certificate" data-quizgen="certificate">',
            '<p class="quizgen-notice" hidden></p>',
            '<div data-part="todo">',
            f"<p>{_with_field(t('pages.certificate_todo', left=MARK), 'left', t('pages.all'))}</p>",
            f'<ul class="quizgen-todo">{todo}</ul>',
            "</div>",
            '<div data-part="done" hidden>',
            f'<p class="quizgen-screen-only">{escape(t("pages.certificate_done"))}</p>',
            f'<p class="quizgen-screen-only"><label for="quizgen-name">{escape(t("pages.your_name"))}</label><br>'
            '<input type="text" id="quizgen-name" autocomplete="name" maxlength="200" data-action="name"> '
            f'<button type="button" class="quizgen-button" data-action="print">{escape(t("pages.print"))}</button></p>',
            '<section class="quizgen-sheet" aria-labelledby="quizgen-sheet-title">',
            f'<p class="quizgen-sheet-kind">{escape(t("pages.certificate_kind"))}</p>',
            f'<h2 id="quizgen-sheet-title" class="quizgen-sheet-course">{escape(course.title)}</h2>',
            f'<p>{escape(t("pages.completed_by"))}</p><p class="quizgen-sheet-name" data-field="name"></p>',
            f"<p>{_with_field(t('pages.on_date', date=MARK), 'date')}</p>",
            final,
            f'<table class="quizgen-sheet-lessons"><thead><tr><th scope="col">{escape(t("pages.lesson"))}</th>'
            f'<th scope="col">{escape(t("pages.best_score"))}</th></tr></thead><tbody>{rows}</tbody></table>',
            f'<p class="quizgen-sheet-note">{escape(t("pages.certificate_note"))}</p>',
            "</section>",
            "</div>",
            "</div>",
        ]
    )
