"""MkDocs events -> quizgen core. Loads and validates every bank once per
build, renders each lesson's quiz into its page, and fails the build, naming
file and line, when anything is wrong.

While `mkdocs serve` runs, a broken bank does not stop the preview (MkDocs
would stall every page until the build passes): the problems are printed and
the lesson keeps the last good version of its quiz.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import click
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .. import course_pages, runtime, scorm
from ..course import BankCache, Course, Quiz, load_course, missing_anchors
from ..course_pages import FINAL_ID, CourseMap, Lesson, Module
from ..course_settings import DEFAULT_TITLES
from ..final_check import render_final_check
from ..i18n import DEFAULT, ENGLISH, Messages, available, base_language, messages_for
from ..prepare import ASSETS_DIR
from ..problems import Problem, shown_path
from ..render import Anchors, render_quiz
from . import other_hosts
from . import page as page_html
from .config import QuizgenConfig

log = logging.getLogger("mkdocs.plugins.quizgen")

SITE_ASSETS = ASSETS_DIR
QUIZ_MARKER = course_pages.MARKER.format("quiz")  # where a lesson's quiz goes, until on_page_context


class QuizgenPlugin(BasePlugin[QuizgenConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.course = Course()
        self.last_good: dict[str, Quiz] = {}
        self.page_problems: list[Problem] = []
        self.serving = False
        self.project_dir = Path(".")
        self.quizzes_dir = Path("quizzes")
        self.docs_dir = Path("docs")
        self.nav: Navigation | None = None
        self.course_map = CourseMap("", "course", [])
        self.lesson_anchors: dict[str, Anchors] = {}
        self.generated: dict[str, str] = {}  # path of each page the plugin writes -> its kind
        self.quiz_html: dict[str, str] = {}  # each lesson's quiz, put in its page after the search index
        self.bank_cache: BankCache = {}
        self.t: Messages = ENGLISH  # the interface's language

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # `quizgen export scorm12|scorm2004` builds with this set: pages named as files, as an LMS serves them
        self.package = os.environ.get(scorm.PACKAGE_ENV, "")
        if self.package:
            config.use_directory_urls = False
        self.project_dir = Path(config.config_file_path or ".").resolve().parent
        self.quizzes_dir = (self.project_dir / self.config.quizzes_dir).resolve()
        self.docs_dir = Path(config.docs_dir).resolve()
        other_hosts.set_aside_config(config)
        self.t = self._language(config)
        css = f"{SITE_ASSETS}/{runtime.stylesheet().name}"
        if css not in config.extra_css:
            config.extra_css.append(css)
        # On every page, not only quiz pages: with instant navigation the theme
        # swaps page content without loading a new page's scripts.
        script = f"{SITE_ASSETS}/{runtime.script(self.t.language).name}"
        config.extra_javascript[:] = [
            item for item in config.extra_javascript if not str(item).startswith(f"{SITE_ASSETS}/quizgen.")
        ]  # one language's script: a `mkdocs serve` rebuild may have changed it
        config.extra_javascript.append(script)
        self.generated = self._generated_pages()
        for path, kind in self.generated.items():
            _place_in_nav(config, path, self._title(kind), self.config[kind]["nav"])
        return config

    def _language(self, config: MkDocsConfig) -> Messages:
        """The plugin's `language`, else the theme's; a language with no catalogue speaks English, with a warning."""
        theme = config.theme
        wanted = self.config.language or theme.get("language") or DEFAULT
        if base_language(wanted) == DEFAULT and wanted.split("-")[0].split("_")[0].lower() != DEFAULT:
            log.warning(
                f"quizgen: the quizzes have no interface text in '{wanted}', so they speak English. "
                f"Languages shipped: {', '.join(available())}; AUTHORING.md says how to add one."
            )
        return messages_for(wanted)

    def _title(self, kind: str) -> str:
        """A generated page's title: the author's, or the default in the interface's language."""
        title: str | None = self.config[kind]["title"]
        return title or self.t(DEFAULT_TITLES[kind])

    def _generated_pages(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        for kind in ("progress", "final_check", "certificate"):
            options = self.config[kind]
            if not options["enabled"]:
                continue
            path = options["path"]
            if not path.endswith(".md") or path.startswith(("/", "../")) or path in pages:
                raise PluginError(
                    f"quizgen: '{kind}: path: {path}' must be a page of its own inside the docs folder, ending in .md "
                    f"(for example {kind.replace('_', '-')}.md)"
                )
            pages[path] = kind
        final = self.config.final_check
        if final["enabled"] and final["per_lesson"] < 1:
            raise PluginError("quizgen: 'final_check: per_lesson' must be 1 or more: questions drawn from each lesson")
        if final["enabled"] and not 0 <= final["pass_mark"] <= 100:
            raise PluginError("quizgen: 'final_check: pass_mark' must be a percentage from 0 to 100")
        return pages

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Runs before MkDocs empties the site folder: a broken bank stops the
        # build here and `mkdocs serve` goes on serving the last good site.
        self.page_problems = []
        # while serving, a rebuild re-reads only the banks that changed
        self.course = load_course(
            self.quizzes_dir, self.docs_dir, root=self.project_dir, cache=self.bank_cache if self.serving else None
        )
        if self.course.problems:
            if not self.serving:
                self._fail(self.course.problems)
            self._report(self.course.problems)
            for lesson, quiz in self.last_good.items():
                if lesson not in self.course.quizzes and (self.docs_dir / lesson).is_file():
                    self.course.quizzes[lesson] = quiz
                    _print_error(f"quizgen: {quiz.loaded.file} is broken: showing its last good version")
        self.last_good = dict(self.course.quizzes)
        log.debug("quizgen: %d question banks loaded from %s", len(self.course.quizzes), self.quizzes_dir)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        other_hosts.set_aside_files(files, list(self.generated))
        for asset in runtime.assets(self.t.language):
            files.append(File.generated(config, f"{SITE_ASSETS}/{asset.name}", content=asset.content))
        for path, kind in self.generated.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"quizgen: {shown_path(self.docs_dir / path, self.project_dir)} already exists, and quizgen writes "
                    f"its {kind.replace('_', ' ')} page there: set '{kind}: path:' in mkdocs.yml to another file, "
                    f"or '{kind}: enabled: false'"
                )
            # the Markdown is written once the navigation is known (on_page_markdown)
            files.append(File.generated(config, path, content=f"# {self.config[kind]['title']}\n"))
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        final = self.config.final_check
        lessons = {page.file.src_uri for page in self._modules_lessons()}
        for path in final["skip"] if final["enabled"] else []:
            if path not in lessons:
                raise PluginError(
                    f"quizgen: 'final_check: skip' lists {path}, which is not a lesson with a check in the "
                    "navigation: give the lesson's path under the docs folder, as in nav (for example capstone.md)"
                )
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        kind = self.generated.get(page.file.src_uri)
        if kind == "progress":
            final = self.config.final_check
            return course_pages.progress_markdown(
                self._title("progress"),
                [title for title, _ in self._modules()],
                self._title("final_check") if final["enabled"] else None,
                self.t,
            )
        if kind == "final_check":
            final = self.config.final_check
            sizes = [len(self.course.quizzes[p.file.src_uri].loaded.bank.questions) for p in self._drawn_lessons()]
            return course_pages.final_check_markdown(
                self._title("final_check"), final["per_lesson"], sizes, final["pass_mark"], self.t
            )
        if kind == "certificate":
            return course_pages.certificate_markdown(self._title("certificate"))
        return markdown

    def _modules(self) -> list[tuple[str | None, list[Page]]]:
        """The navigation's lessons that have a check, grouped by top-level section, in order."""
        modules: list[tuple[str | None, list[Page]]] = []
        for item in self.nav.items if self.nav else []:
            if isinstance(item, Section):
                pages = [p for p in _pages(item) if p.file.src_uri in self.course.quizzes]
                if pages:
                    modules.append((item.title, pages))
            elif isinstance(item, Page) and item.file.src_uri in self.course.quizzes:
                # a lesson at the top of the navigation (a capstone) stands as a part of its own
                modules.append((item.title, [item]))
        return modules

    def _modules_lessons(self) -> list[Page]:
        return [page for _, pages in self._modules() for page in pages]

    def _drawn_lessons(self) -> list[Page]:
        """The lessons whose checks the final check draws from."""
        skip = set(self.config.final_check["skip"])
        return [page for page in self._modules_lessons() if page.file.src_uri not in skip]

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        quiz = self.course.quizzes.get(page.file.src_uri)
        if quiz is None:
            return html
        anchors = page_html.anchors(html, page.toc)
        lesson = f"{shown_path(self.docs_dir, self.project_dir)}/{quiz.lesson}"
        self.page_problems += missing_anchors(quiz.loaded, anchors, lesson)
        heading = self.config.heading or self.t("quiz.heading")
        heading_id = page_html.unique_id("check-yourself", anchors)
        quiz_html = render_quiz(
            quiz.loaded.bank, quiz.quiz_id, anchors=anchors, heading=heading, heading_id=heading_id, t=self.t
        )
        self.lesson_anchors[quiz.quiz_id] = anchors
        # The quiz goes in at on_page_context, once the search plugin has indexed the page: it would
        # only parse the quiz's markup to throw it away (data-search-exclude), at ten times the cost.
        self.quiz_html[page.file.src_uri] = quiz_html
        content, offset = page_html.place(html, QUIZ_MARKER)
        page_html.add_to_toc(page.toc, content, offset, heading, heading_id)
        return content

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        # Every page has been rendered (and its anchors checked) before any is written.
        if self.page_problems:
            if not self.serving:
                self._fail(self.page_problems)
            self._report(self.page_problems)  # the preview goes on with the link unchecked
        self.course_map = self._course_map(config, files)
        manifest = runtime.named("course", ".js", course_pages.manifest_script(self.course_map))
        files.append(File.generated(config, f"{SITE_ASSETS}/{manifest.name}", content=manifest.content))
        config.extra_javascript[:] = [
            item for item in config.extra_javascript if not str(item).startswith(f"{SITE_ASSETS}/course.")
        ]
        config.extra_javascript.append(f"{SITE_ASSETS}/{manifest.name}")
        if self.package:
            files.append(
                File.generated(
                    config,
                    scorm.LAUNCH_PAGE,
                    content=scorm.launch_page(
                        self.package,
                        config.site_name,
                        [
                            f"{SITE_ASSETS}/{runtime.script(self.t.language).name}",
                            f"{SITE_ASSETS}/{manifest.name}",
                            f"{SITE_ASSETS}/{runtime.lms_script().name}",
                        ],
                        self.t,
                    ),
                )
            )
            final = self.config.final_check
            about = {"title": config.site_name, "mastery": final["pass_mark"] if final["enabled"] else None}
            files.append(File.generated(config, scorm.ABOUT, content=json.dumps(about)))
        return env

    def _course_map(self, config: MkDocsConfig, files: Files) -> CourseMap:
        """Every page's title is known now: the course's checks in navigation order."""
        by_kind = {kind: path for path, kind in self.generated.items()}

        def url_of(path: str | None) -> str | None:
            # from the files, not the navigation: a page placed with `nav: none` is built all the same
            file = files.get_file_from_path(path) if path else None
            return file.url if file else None

        modules = [
            Module(
                title,
                [Lesson(self.course.quizzes[p.file.src_uri].quiz_id, p.title or p.file.name, p.url) for p in pages],
            )
            for title, pages in self._modules()
        ]
        final = None
        final_url = url_of(by_kind.get("final_check"))
        if final_url is not None:
            final = Lesson(FINAL_ID, self._title("final_check"), final_url)
        return CourseMap(
            title=config.site_name,
            key=self.config.course_id or course_pages.course_key(config.site_name),
            modules=modules,
            final=final,
            progress_url=url_of(by_kind.get("progress")),
            certificate_url=url_of(by_kind.get("certificate")),
        )

    def on_page_context(self, context: Any, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        # Every page is rendered now, so the course's titles and anchors are all known.
        if page.content and "<!-- quizgen:" in page.content:
            page.content = self._fill_markers(page.content, page)
        return context

    def _fill_markers(self, content: str, page: Page) -> str:
        course = self.course_map

        def link(url: str) -> str:
            return get_relative_url(url, page.url)

        quiz = self.quiz_html.get(page.file.src_uri, "")
        fills: dict[str, Callable[[], str]] = {
            "quiz": lambda: quiz,
            "progress-course": lambda: course_pages.progress_course(course, link, self.t),
            "progress-final": lambda: course_pages.progress_final(course, link, self.t),
            "progress-tools": lambda: course_pages.progress_tools(self.t),
            "certificate": lambda: course_pages.certificate(course, link, self.t),
            "continue": lambda: course_pages.continue_link(course, link, self.t),
            "final-check": lambda: self._final_check(link),
        }
        for index in range(len(course.modules)):
            fills[f"progress-module {index}"] = functools.partial(
                course_pages.progress_module, course, index, link, self.t
            )
        for name, fill in fills.items():
            marker = course_pages.MARKER.format(name)
            if marker in content:
                content = content.replace(marker, fill())
        return content

    def _final_check(self, link: Callable[[str], str]) -> str:
        options = self.config.final_check
        pages = self._drawn_lessons()
        quizzes = [self.course.quizzes[p.file.src_uri] for p in pages]
        links = {
            q.quiz_id: (link(p.url), self.lesson_anchors.get(q.quiz_id, {}))
            for q, p in zip(quizzes, pages, strict=True)
        }
        return render_final_check(
            quizzes,
            links,
            title=self._title("final_check"),
            per_lesson=options["per_lesson"],
            pass_mark=options["pass_mark"],
            t=self.t,
        )

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        if self.quizzes_dir.is_dir():
            server.watch(str(self.quizzes_dir))
        return server

    def _report(self, problems: list[Problem]) -> None:
        for problem in sorted(problems):
            if self.serving:
                _print_error(problem.format())
            else:
                log.error(problem.format())

    def _fail(self, problems: list[Problem]) -> None:
        self._report(problems)
        files = sorted({p.file for p in problems})
        raise PluginError(
            f"quizgen: {len(problems)} problem{'s' if len(problems) != 1 else ''} in "
            f"{', '.join(files)}; fix the lines listed above"
        )


def _print_error(text: str) -> None:
    # Printed, not logged, while serving: in strict mode MkDocs counts logged
    # errors and aborts the rebuild, which stalls the preview.
    click.echo(f"{click.style('ERROR', fg='red')}   -  {text}", err=True)


def _pages(section: Section) -> list[Page]:
    found: list[Page] = []
    for child in section.children:
        if isinstance(child, Page):
            found.append(child)
        elif isinstance(child, Section):
            found.extend(_pages(child))
    return found


def _place_in_nav(config: MkDocsConfig, path: str, title: str, place: str) -> None:
    """List a generated page in an explicit `nav`, unless the author placed it there already."""
    nav = config.nav
    if place == "none" or not isinstance(nav, list) or _lists(nav, path):
        return
    entry = {title: path}
    if place == "end":
        nav.append(entry)
        return
    first = nav[0] if nav else None
    home = first == "index.md" or (isinstance(first, dict) and list(first.values()) == ["index.md"])
    nav.insert(1 if home else 0, entry)


def _lists(items: Any, path: str) -> bool:
    if isinstance(items, str):
        return items == path
    if isinstance(items, list):
        return any(_lists(item, path) for item in items)
    if isinstance(items, dict):
        return any(_lists(value, path) for value in items.values())
    return False
