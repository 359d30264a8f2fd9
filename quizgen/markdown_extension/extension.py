"""The extension itself: a tree processor that runs once the table of
contents is made, puts the page's quiz where the MkDocs plugin would (at the
lesson's ``<!-- quiz -->`` marker, else at the end), lists its heading in the
page's table of contents, and fills the ``<!-- quizgen:NAME -->`` markers of
the pages `quizgen prepare` writes.

A problem (a broken bank, a ``see`` without its heading, files `quizgen
prepare` should have written) is printed, and then stops the build by
raising: Zensical ends `zensical build` with an error on any exception from
an extension. While `zensical serve` runs (an exception would stop the
server), the problem is shown on the page instead, in place of its quiz.
"""

from __future__ import annotations

import functools
import sys
import xml.etree.ElementTree as etree
from collections.abc import Callable
from html import escape
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .. import course_pages
from ..anchors import heading_titles, html_ids
from ..course import Quiz
from ..final_check import render_final_check
from ..page_markers import course_marker_alone, quiz_marker_alone, unique_id
from ..prepare import PREPARED
from ..problems import Problem, shown_path
from ..render import render_quiz
from ..site_nav import drawn_lessons, page_url, relative_url
from . import host, project_state

ON_ERROR = ("auto", "fail", "show")


class QuizgenBuildError(Exception):
    """Stops the host's build: the problems were printed just before."""


class QuizgenExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "config_file": [
                "",
                "the mkdocs.yml whose quizgen options apply; default: the site's, or mkdocs.yml in the current folder",
            ],
            "on_error": [
                "auto",
                "fail: stop the build on a problem; show: put it on the page and print it; "
                "auto: show while `zensical serve` runs, else fail",
            ],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        options = self.getConfigs()
        if options["on_error"] not in ON_ERROR:
            raise ValueError(f"quizgen: on_error must be one of {', '.join(ON_ERROR)}, not {options['on_error']!r}")
        # after the table of contents (5): headings have their ids
        md.treeprocessors.register(
            QuizTreeprocessor(md, str(options["config_file"]), options["on_error"]), "quizgen", 4
        )


def makeExtension(**kwargs: Any) -> QuizgenExtension:  # the name Python-Markdown looks for
    return QuizgenExtension(**kwargs)


class QuizTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, config_file: str, on_error: str) -> None:
        super().__init__(md)
        self.config_file = config_file
        self.on_error = on_error

    def _fails(self) -> bool:
        return self.on_error == "fail" or (self.on_error == "auto" and not host.serving())

    def run(self, root: etree.Element) -> None:
        context = host.page_context(self.md)
        stash = self.md.htmlStash.rawHtmlBlocks
        quiz_at: int | None = None
        named: str | None = None
        course_markers: list[tuple[int, str]] = []
        for index, block in enumerate(stash):
            if not isinstance(block, str):
                continue
            marker = quiz_marker_alone(block)
            if marker is not None and quiz_at is None:
                quiz_at, named = index, marker.bank
                continue
            name = course_marker_alone(block)
            if name is not None:
                course_markers.append((index, name))
            elif block.strip() == PREPARED:
                stash[index] = ""  # a note for authors, not for learners
        if context.path is None and quiz_at is None and not course_markers:
            return  # nothing here for quizgen, and no page to look up a bank for
        state = project_state.current(host.config_file(context, self.config_file), prepared=context.host != "markdown")
        self._report_course(state)
        if state.project is None or state.site is None:
            if quiz_at is not None or context.path is not None:
                self._show(root, quiz_at, self._problem_box(state.problems))
            return
        project, site = state.project, state.site
        lesson = context.path
        # Zensical treats a link in the page's HTML as relative to the page's source file, as it treats
        # Markdown links, and rewrites it for the page's address: so links are written from the source.
        here = lesson or ""
        shown_lesson = f"{state.docs_shown}/{lesson}" if lesson else "this page"
        problems: list[Problem] = []
        quiz: Quiz | None = None
        if lesson is not None:
            quiz = project.course.quizzes.get(lesson)
            own = lesson.removesuffix(".md")
            if named is not None and named != own:
                problems.append(
                    Problem(
                        shown_lesson,
                        0,
                        0,
                        f"the quiz marker names the bank '{named}', but this page's own bank is '{own}'",
                        "a page shows its own bank: write <!-- quiz --> (or name its own bank)",
                    )
                )
            bank_files = {shown_path(site.quizzes_dir / f"{own}{suffix}", site.root) for suffix in (".yml", ".yaml")}
            problems += [p for p in state.problems if p.file in bank_files and p.severity == "error"]
        elif named is not None:
            quiz = next((q for q in project.course.quizzes.values() if q.quiz_id == named), None)
            if quiz is None:
                problems.append(
                    Problem(
                        shown_lesson,
                        0,
                        0,
                        f"the quiz marker names the bank '{named}', which is not a bank of this course",
                        f"name a bank by its path under {shown_path(site.quizzes_dir, site.root)}/, without .yml",
                    )
                )
        elif quiz_at is not None:
            problems.append(
                Problem(
                    shown_lesson,
                    0,
                    0,
                    "this site generator does not say which page it renders, so the quiz marker cannot find its bank",
                    "name the bank: <!-- quiz: path/of/the/bank --> (its path under the quizzes folder, without .yml)",
                )
            )
        quiz_html = ""
        heading, heading_id = project.settings.heading, ""
        if quiz is not None:
            anchors = self._anchors(root)
            problems += quiz.missing_anchors(anchors, shown_lesson)
            heading_id = unique_id("check-yourself", anchors)
            quiz_html = render_quiz(
                quiz.loaded.bank,
                quiz.quiz_id,
                anchors=anchors,
                heading=heading,
                heading_id=heading_id,
                t=project.settings.t,
            )
        if problems:
            self._report(problems)
            quiz_html = self._problem_box(problems) + quiz_html
        if quiz_html:
            placeholder = self._show(root, quiz_at, quiz_html)
            if heading_id:
                self._add_to_toc(root, placeholder, heading, heading_id)
        if course_markers:
            link = functools.partial(_link_from, here)
            fills = self._course_fills(state, link)
            for index, name in course_markers:
                fill = fills.get(name)
                if fill is not None:
                    stash[index] = fill()

    # --- where things go ------------------------------------------------------------------------------

    def _show(self, root: etree.Element, quiz_at: int | None, html: str) -> str:
        """Put ``html`` in the marker's place, or at the end of the page. Returns its placeholder."""
        if quiz_at is not None:
            self.md.htmlStash.rawHtmlBlocks[quiz_at] = html
            return self.md.htmlStash.get_placeholder(quiz_at)
        holder = etree.SubElement(root, "p")
        holder.text = self.md.htmlStash.store(html)
        return holder.text

    def _anchors(self, root: etree.Element) -> dict[str, str | None]:
        """Every id of the page, with the heading text where it is a heading (as the plugin reads them)."""
        titles = heading_titles(self.md)
        found: dict[str, str | None] = {}
        for element in root.iter():
            anchor = element.get("id")
            if anchor:
                found[anchor] = titles.get(anchor)
        for block in self.md.htmlStash.rawHtmlBlocks:
            if isinstance(block, str):
                for anchor in html_ids(block):
                    found.setdefault(anchor, titles.get(anchor))
        return found

    def _add_to_toc(self, root: etree.Element, placeholder: str, title: str, anchor: str) -> None:
        """List the quiz's heading in the table of contents before the first heading that stands after it."""
        tokens: list[dict[str, Any]] | None = getattr(self.md, "toc_tokens", None)
        if tokens is None:
            return
        before: set[str] = set()
        for element in root.iter():
            if element.text and placeholder in element.text:
                break
            if element.get("id"):
                before.add(str(element.get("id")))
        siblings = tokens
        if len(siblings) == 1 and siblings[0]["level"] <= 1:
            siblings = siblings[0]["children"]
        position = next((i for i, token in enumerate(siblings) if token["id"] not in before), len(siblings))
        level = siblings[0]["level"] if siblings else 2
        siblings.insert(
            position,
            {"level": level, "id": anchor, "name": title, "html": escape(title), "data-toc-label": "", "children": []},
        )

    # --- the course's own pages ---------------------------------------------------------------------------

    def _course_fills(self, state: project_state.State, link: Callable[[str], str]) -> dict[str, Callable[[], str]]:
        course = state.plan.course_map if state.plan else None
        if course is None or state.project is None:
            return {}
        t = state.project.settings.t
        fills: dict[str, Callable[[], str]] = {
            "progress-course": lambda: course_pages.progress_course(course, link, t),
            "progress-final": lambda: course_pages.progress_final(course, link, t),
            "progress-tools": lambda: course_pages.progress_tools(t),
            "certificate": lambda: course_pages.certificate(course, link, t),
            "continue": lambda: course_pages.continue_link(course, link, t),
            "final-check": lambda: self._final_check(state, link),
        }
        for index in range(len(course.modules)):
            fills[f"progress-module {index}"] = functools.partial(course_pages.progress_module, course, index, link, t)
        return fills

    def _final_check(self, state: project_state.State, link: Callable[[str], str]) -> str:
        project, site, anchors_of = state.project, state.site, state.lesson_anchors
        assert project is not None and site is not None and anchors_of is not None
        final = project.settings.final_check
        pages = drawn_lessons(project.nav, project.course, final.skip)
        quizzes = [project.course.quizzes[page.path] for page in pages]
        links = {}
        for quiz in quizzes:
            wanted = [see.anchor for see in quiz.sees]
            text = (site.docs_dir / quiz.lesson).read_text(encoding="utf-8", errors="replace")
            links[quiz.quiz_id] = (link(page_url(quiz.lesson, site.use_directory_urls)), anchors_of(text, wanted))
        return render_final_check(
            quizzes,
            links,
            title=final.title,
            per_lesson=final.per_lesson,
            pass_mark=final.pass_mark,
            t=project.settings.t,
        )

    # --- problems -------------------------------------------------------------------------------------

    def _report_course(self, state: project_state.State) -> None:
        if not state.reported:
            state.reported = True
            self._report(state.problems)
        elif self._fails() and any(p.severity == "error" for p in state.problems):
            self._stop(state.problems)

    def _report(self, problems: list[Problem]) -> None:
        for problem in sorted(problems):
            sys.stderr.write(f"quizgen: {problem.format()}\n")
        sys.stderr.flush()
        errors = [p for p in problems if p.severity == "error"]
        if errors and self._fails():
            self._stop(errors)

    def _stop(self, problems: list[Problem]) -> None:
        errors = [p for p in problems if p.severity == "error"]
        files = sorted({p.file for p in errors})
        raise QuizgenBuildError(
            f"quizgen: {len(errors)} problem{'s' if len(errors) != 1 else ''} in {', '.join(files)}; "
            "fix the lines listed above"
        )

    def _problem_box(self, problems: list[Problem]) -> str:
        items = "".join(f"<li><code>{escape(p.format())}</code></li>" for p in sorted(problems))
        return (
            '<div class="admonition failure quizgen-problems" role="alert">'
            '<p class="admonition-title">This self-check cannot be shown: quizgen found a problem</p>'
            f"<ul>{items}</ul></div>"
        )


def _link_from(here: str, url: str) -> str:
    return relative_url(url, here)
