"""MkDocs events -> quizgen core. Loads and validates every bank once per
build, renders each lesson's quiz into its page, and fails the build, naming
file and line, when anything is wrong.

While `mkdocs serve` runs, a broken bank does not stop the preview (MkDocs
would stall every page until the build passes): the problems are printed and
the lesson keeps the last good version of its quiz.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Literal

import click
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .. import runtime
from ..course import Course, Quiz, load_course, missing_anchors
from ..problems import Problem, shown_path
from ..render import render_quiz
from . import page as page_html
from .config import QuizgenConfig

log = logging.getLogger("mkdocs.plugins.quizgen")

SITE_ASSETS = "assets/quizgen"


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

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project_dir = Path(config.config_file_path or ".").resolve().parent
        self.quizzes_dir = (self.project_dir / self.config.quizzes_dir).resolve()
        self.docs_dir = Path(config.docs_dir).resolve()
        css = f"{SITE_ASSETS}/{runtime.stylesheet().name}"
        if css not in config.extra_css:
            config.extra_css.append(css)
        # On every page, not only quiz pages: with instant navigation the theme
        # swaps page content without loading a new page's scripts.
        script = f"{SITE_ASSETS}/{runtime.script().name}"
        if script not in [str(item) for item in config.extra_javascript]:
            config.extra_javascript.append(script)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Runs before MkDocs empties the site folder: a broken bank stops the
        # build here and `mkdocs serve` goes on serving the last good site.
        self.page_problems = []
        self.course = load_course(self.quizzes_dir, self.docs_dir, root=self.project_dir)
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
        for asset in (runtime.script(), runtime.stylesheet()):
            files.append(File.generated(config, f"{SITE_ASSETS}/{asset.name}", content=asset.content))
        return files

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        quiz = self.course.quizzes.get(page.file.src_uri)
        if quiz is None:
            return html
        anchors = page_html.anchors(html, page.toc)
        lesson = f"{shown_path(self.docs_dir, self.project_dir)}/{quiz.lesson}"
        self.page_problems += missing_anchors(quiz.loaded, anchors, lesson)
        heading = self.config.heading
        heading_id = page_html.unique_id("check-yourself", anchors)
        quiz_html = render_quiz(quiz.loaded.bank, quiz.quiz_id, anchors=anchors, heading=heading, heading_id=heading_id)
        content, offset = page_html.place(html, quiz_html)
        page_html.add_to_toc(page.toc, content, offset, heading, heading_id)
        return content

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        # Every page has been rendered (and its anchors checked) before any is written.
        if self.page_problems:
            if not self.serving:
                self._fail(self.page_problems)
            self._report(self.page_problems)  # the preview goes on with the link unchecked
        return env

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
