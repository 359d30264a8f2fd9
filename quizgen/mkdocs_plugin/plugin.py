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
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

import click
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .. import course_pages, runtime, scorm, site_nav
from ..course import BankCache, Course, Quiz, lesson_of, load_course
from ..course_pages import FINAL_ID, CourseMap, Lesson, Module
from ..course_settings import DEFAULT_TITLES
from ..final_check import FinalLesson, Spool, final_check_html, final_lesson_html, without_lessons
from ..i18n import DEFAULT, ENGLISH, Messages, available, base_language, messages_for
from ..prepare import ASSETS_DIR
from ..problems import Problem, shown_path
from ..render import Anchors, QuizMarkup, quiz_html
from ..site_nav import NavItem, NavPage, NavSection
from . import other_hosts
from . import page as page_html
from .config import QuizgenConfig

if TYPE_CHECKING:  # only `mkdocs serve` loads the live-reload server (and its file watcher): a build need not
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.quizgen")

SITE_ASSETS = ASSETS_DIR
QUIZ_MARKER = course_pages.MARKER.format("quiz")  # where a lesson's quiz goes, until on_page_context
FINAL_MARKER = course_pages.MARKER.format("final-check")  # where the final check goes, once the page is written


class QuizgenPlugin(BasePlugin[QuizgenConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.course = Course()
        self.last_good: dict[str, Quiz] = {}
        self.page_problems: list[Problem] = []
        self.serving = False
        self.dirty = False  # `--dirty`: MkDocs builds only the pages whose files changed
        self.project_dir = Path(".")
        self.quizzes_dir = Path("quizzes")
        self.docs_dir = Path("docs")
        self.docs_shown = "docs"
        self.nav: Navigation | None = None
        self.course_map = CourseMap("", "course", [])
        self.lesson_anchors: dict[str, Anchors] = {}  # by quiz id: the anchors its questions' `see` name
        self.heading_ids: dict[str, str] = {}  # by lesson: the id of its quiz's heading
        self.generated: dict[str, str] = {}  # path of each page the plugin writes -> its kind
        self.unfilled: dict[str, str] = {}  # a page's content before its markers were filled, until it is written
        self.final_checks: list[tuple[Path, str]] = []  # pages to write the final check into: file, address
        self.drawn: list[NavPage] = []  # the lessons the final check draws from, once the navigation is final
        self.page_urls: dict[str, str] = {}  # by path, the address of each page of the navigation (on_env)
        self.final_elsewhere = False  # whether a page other than the plugin's own shows the final check
        # Each drawn lesson's questions as the final check page shows them, written with the lesson's own
        # quiz and kept in a file until the final check is: by lesson, their first number and the link back.
        self.final_url: str | None = None
        self.final_places: dict[str, tuple[int, str]] = {}
        self.final_pool = 0
        self.final_written = Spool()
        self.bank_cache: BankCache = {}
        self.t: Messages = ENGLISH  # the interface's language

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds.
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # `quizgen export scorm12|scorm2004` builds with this set: pages named as files, as an LMS serves them
        self.package = os.environ.get(scorm.PACKAGE_ENV, "")
        if self.package:
            config.use_directory_urls = False
        self.project_dir = Path(config.config_file_path or ".").resolve().parent
        self.quizzes_dir = (self.project_dir / self.config.quizzes_dir).resolve()
        self.docs_dir = Path(config.docs_dir).resolve()
        self.docs_shown = shown_path(self.docs_dir, self.project_dir)  # as problems name it
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
        self.lesson_anchors, self.heading_ids, self.unfilled, self.final_checks = {}, {}, {}, []
        self.final_elsewhere = False
        # while serving, a rebuild re-reads only the banks that changed;
        # each quiz keeps its markup as bytes: a large course's banks as objects would take more memory than the
        # build, and rendering them as they are loaded, in one go, costs half as much as page by page (while
        # serving, every bank is rendered again at each rebuild, from its cached model)
        self.course = load_course(
            self.quizzes_dir,
            self.docs_dir,
            root=self.project_dir,
            cache=self.bank_cache if self.serving else None,
            keep=self._markup,
        )
        if self.course.problems:
            if not self.serving:
                self._fail(self.course.problems)
            self._report(self.course.problems)
            for lesson, quiz in self.last_good.items():
                if lesson not in self.course.quizzes and (self.docs_dir / lesson).is_file():
                    self.course.quizzes[lesson] = quiz
                    _print_error(f"quizgen: {quiz.file} is broken: showing its last good version")
        self.last_good = dict(self.course.quizzes)
        log.debug("quizgen: %d question banks loaded from %s", len(self.course.quizzes), self.quizzes_dir)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        other_hosts.set_aside_files(files, list(self.generated))
        if self.dirty:
            self._outdate_lessons(files)
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

    def _outdate_lessons(self, files: Files) -> None:
        """A dirty build writes only the pages whose Markdown changed after the page was written, but a lesson's
        bank is its source too. A page is written again when its bank changed after it was, or the folder its
        bank belongs in did (a bank added, removed or renamed there; if that folder is gone, the nearest folder
        above it). Changes are told by the files' status change times, which copies keeping old modification
        times (cp -p, tar) and renames set too."""
        banks = {lesson_of(path, self.quizzes_dir): path for path in self.course.bank_files}
        folders: dict[Path, float] = {}

        def folder_changed(folder: Path) -> float:
            if folder not in folders:
                found = _changed(folder)
                folders[folder] = found if found or folder.parent == folder else folder_changed(folder.parent)
            return folders[folder]

        for file in files.documentation_pages(inclusion=InclusionLevel.all):
            written = _modified(Path(file.abs_dest_path))
            if not written:
                continue  # not written yet: MkDocs writes it
            newest = folder_changed(self.quizzes_dir / PurePosixPath(file.src_uri).parent)
            bank = banks.get(file.src_uri)
            if bank is not None:
                newest = max(newest, _changed(bank))
            if newest >= written:  # the same moment too: on a file system that keeps whole seconds, say
                os.remove(file.abs_dest_path)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        final = self.config.final_check
        lessons = {page.path for page in site_nav.lessons(self._nav(), self.course)}
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
            sizes = [self.course.quizzes[p.path].size for p in self._drawn_lessons()]
            return course_pages.final_check_markdown(
                self._title("final_check"), final["per_lesson"], sizes, final["pass_mark"], self.t
            )
        if kind == "certificate":
            return course_pages.certificate_markdown(self._title("certificate"))
        return markdown

    def _nav(self) -> list[NavItem]:
        """MkDocs' navigation as ``site_nav`` holds it (the other hosts make theirs from mkdocs.yml), so that the
        course's parts and lessons are found by one rule."""
        return _nav_items(self.nav.items if self.nav else [])

    def _modules(self) -> list[tuple[str | None, list[NavPage]]]:
        """The navigation's lessons that have a check, grouped by top-level section, in order."""
        return site_nav.modules(self._nav(), self.course)

    def _drawn_lessons(self) -> list[NavPage]:
        """The lessons whose checks the final check draws from."""
        return site_nav.drawn_lessons(self._nav(), self.course, self.config.final_check["skip"])

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if FINAL_MARKER in html and self.generated.get(page.file.src_uri) != "final_check":
            self.final_elsewhere = True  # an author's page shows the final check: it needs every lesson's anchors
        quiz = self.course.quizzes.get(page.file.src_uri)
        if quiz is None:
            return html
        anchors = page_html.anchors(html, page.toc)
        lesson = f"{self.docs_shown}/{quiz.lesson}"
        self.page_problems += quiz.missing_anchors(anchors, lesson)
        heading = self.config.heading or self.t("quiz.heading")
        heading_id = page_html.unique_id("check-yourself", anchors)
        # The quiz is rendered at on_page_context, once the search plugin has indexed the page: it would
        # only parse the quiz's markup to throw it away (data-search-exclude), at ten times the cost.
        self.lesson_anchors[quiz.quiz_id] = quiz.see_anchors(anchors)
        self.heading_ids[page.file.src_uri] = heading_id
        content, offset = page_html.place(html, QUIZ_MARKER)
        page_html.add_to_toc(page.toc, content, offset, heading, heading_id)
        return content

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        # Every page has been rendered (and its anchors checked) before any is written.
        if self.page_problems:
            if not self.serving:
                self._fail(self.page_problems)
            self._report(self.page_problems)  # the preview goes on with the link unchecked
        self.page_urls = {page.file.src_uri: page.url for page in self.nav.pages} if self.nav else {}
        self.course_map = self._course_map(config, files)
        self.drawn = self._drawn_lessons()
        self._plan_final_check(files)
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
            Module(title, [Lesson(self.course.quizzes[p.path].quiz_id, p.title, self.page_urls[p.path]) for p in pages])
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

    @event_priority(-100)  # after the search plugin has indexed the page, whatever the order of the plugins
    def on_page_context(self, context: Any, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        # Every page is rendered now, so the course's titles and anchors are all known.
        content = page.content
        if content and "<!-- quizgen:" in content:
            self.unfilled[page.file.src_uri] = content
            page.content = self._fill_markers(content, page)
            if FINAL_MARKER in page.content:
                self.final_checks.append((Path(page.file.abs_dest_path), page.url))
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        # The page is written from `output`; MkDocs keeps every page's content to the end of the build,
        # and with the quizzes left in they would add up to more memory than the build's own.
        unfilled = self.unfilled.pop(page.file.src_uri, None)
        if unfilled is not None:
            page.content = unfilled
        return output

    @event_priority(100)  # before other plugins read the pages written
    def on_post_build(self, config: MkDocsConfig) -> None:
        for path, url in self.final_checks:
            self._write_final_check(path, url)
        self.final_checks = []
        self.final_written.close()

    def _plan_final_check(self, files: Files) -> None:
        """Where each drawn lesson's questions stand in the final check, and their link back from its page."""
        self.final_written.close()
        self.final_url, self.final_places, self.final_pool = None, {}, 0
        options = self.config.final_check
        final = files.get_file_from_path(options["path"]) if options["enabled"] else None
        if final is None:
            return
        self.final_url = final.url
        for page in self.drawn:
            self.final_places[page.path] = (self.final_pool + 1, get_relative_url(self.page_urls[page.path], final.url))
            self.final_pool += self.course.quizzes[page.path].size

    def _fill_markers(self, content: str, page: Page) -> str:
        course = self.course_map

        def link(url: str) -> str:
            return get_relative_url(url, page.url)

        fills: dict[str, Callable[[], str]] = {
            "quiz": lambda: self._quiz(page),
            "progress-course": lambda: course_pages.progress_course(course, link, self.t),
            "progress-final": lambda: course_pages.progress_final(course, link, self.t),
            "progress-tools": lambda: course_pages.progress_tools(self.t),
            "certificate": lambda: course_pages.certificate(course, link, self.t),
            "continue": lambda: course_pages.continue_link(course, link, self.t),
        }
        if not self.drawn:  # what the final check says without lessons to draw from; else it is written later
            fills["final-check"] = lambda: without_lessons(self.t)
        for index in range(len(course.modules)):
            fills[f"progress-module {index}"] = functools.partial(
                course_pages.progress_module, course, index, link, self.t
            )
        return course_pages.fill_markers(content, fills)

    def _markup(self, quiz: Quiz) -> bytes:
        """What a build keeps of a quiz's bank: its markup, packed."""
        return QuizMarkup(quiz.bank(), self.t).packed()

    def _quiz(self, page: Page) -> str:
        quiz = self.course.quizzes.get(page.file.src_uri)
        heading_id = self.heading_ids.pop(page.file.src_uri, None)
        if quiz is None or heading_id is None:
            return ""
        markup = QuizMarkup.unpacked(quiz.kept)
        place = self.final_places.get(page.file.src_uri)
        # Written here are the lesson's quiz and its part of the final check: its anchors are needed no more,
        # unless another page shows the final check (rendered then from every lesson's markup and anchors).
        anchors = self.lesson_anchors.get if self.final_elsewhere else self.lesson_anchors.pop
        own = anchors(quiz.quiz_id, {})
        if place is not None:  # the final check shows these questions too: written now, from the same parts
            first, link = place
            self.final_written.put(quiz.quiz_id, final_lesson_html(markup, first, self.final_pool, link, own))
        heading = self.config.heading or self.t("quiz.heading")
        return quiz_html(markup, quiz.quiz_id, own, heading=heading, heading_id=heading_id)

    def _write_final_check(self, path: Path, url: str) -> None:
        """The final check goes into its written page piece by piece: at 1,000 lessons it is some 14 MB of
        HTML, and MkDocs' copies of a page that size (content, output, bytes) would double the build's memory."""
        try:
            pieces = path.read_text(encoding="utf-8").split(FINAL_MARKER)
        except FileNotFoundError:
            return
        if len(pieces) == 1:
            # another plugin rewrote the page after MkDocs wrote it, and dropped the comment that holds its place
            self._report_text(
                f"quizgen: the final check could not be written into {shown_path(path, self.project_dir)}: the comment "
                f"'{FINAL_MARKER}' that holds its place was removed after the page was written, so the page "
                "has no questions. A plugin that rewrites pages removed it, most likely an HTML minifier told to "
                "remove comments: let it keep comments (mkdocs-minify-plugin: htmlmin_opts: remove_comments: false)"
            )
            return
        options = self.config.final_check
        lessons = [
            FinalLesson(
                quiz.quiz_id,
                quiz.size,
                quiz.points,
                functools.partial(QuizMarkup.unpacked, quiz.kept),
                get_relative_url(self.page_urls[page.path], url),
                self.lesson_anchors.get(quiz.quiz_id, {}),
                functools.partial(self._written, quiz.quiz_id) if url == self.final_url else lambda: None,
            )
            for page in self.drawn
            for quiz in [self.course.quizzes[page.path]]
        ]
        with path.open("w", encoding="utf-8", errors="xmlcharrefreplace", newline="") as out:
            out.write(pieces[0])
            for piece in pieces[1:]:
                for part in final_check_html(
                    FINAL_ID,
                    lessons,
                    title=self._title("final_check"),
                    per_lesson=options["per_lesson"],
                    pass_mark=options["pass_mark"],
                    heading=self.t("pages.final_questions"),
                    heading_id="the-questions",
                    t=self.t,
                ):
                    out.write(part)
                out.write(piece)

    def _written(self, quiz_id: str) -> tuple[str, str] | None:
        written = self.final_written.get(quiz_id)
        return (written[0], written[1]) if written else None

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        if self.quizzes_dir.is_dir():
            server.watch(str(self.quizzes_dir))
        return server

    def _report(self, problems: list[Problem]) -> None:
        for problem in sorted(problems):
            self._report_text(problem.format())

    def _report_text(self, text: str) -> None:
        if self.serving:
            _print_error(text)
        else:
            log.error(text)

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


def _nav_items(items: list[Any]) -> list[NavItem]:
    """MkDocs' navigation items as ``site_nav``'s (links left out)."""
    found: list[NavItem] = []
    for item in items:
        if isinstance(item, Page):
            found.append(NavPage(item.file.src_uri, item.title or item.file.name))
        elif isinstance(item, Section):
            found.append(NavSection(item.title, _nav_items(item.children)))
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


def _modified(path: Path) -> float:
    """When a file was last written; 0 if it does not exist."""
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


def _changed(path: Path) -> float:
    """When a file or folder, or its status, last changed; 0 if it does not exist."""
    try:
        return os.stat(path).st_ctime
    except OSError:
        return 0.0
