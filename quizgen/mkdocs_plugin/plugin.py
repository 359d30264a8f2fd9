"""MkDocs events -> quizgen core. Loads every bank once per build (on_files),
renders each lesson's quiz into its page (on_page_content), and fails the
build, naming file and line, when any bank is wrong.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..course import Quiz, load_course, missing_anchors
from ..problems import Problem, QuizgenError
from ..render import render_quiz
from . import page as page_html
from .config import QuizgenConfig

log = logging.getLogger("mkdocs.plugins.quizgen")

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SITE_ASSETS = "assets/quizgen"


class QuizgenPlugin(BasePlugin[QuizgenConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.quizzes: dict[str, Quiz] = {}
        self.problems: list[Problem] = []
        self.quizzes_dir = Path("quizzes")
        self.project_dir = Path(".")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project_dir = Path(config.config_file_path or ".").resolve().parent
        self.quizzes_dir = (self.project_dir / self.config.quizzes_dir).resolve()
        for name in ("quizgen.css",):
            if f"{SITE_ASSETS}/{name}" not in config.extra_css:
                config.extra_css.append(f"{SITE_ASSETS}/{name}")
        # On every page, not only quiz pages: with instant navigation the theme
        # swaps page content without loading a new page's scripts.
        if f"{SITE_ASSETS}/quizgen.js" not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(f"{SITE_ASSETS}/quizgen.js")
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.problems = []
        docs_name = Path(config.docs_dir).name
        try:
            self.quizzes = load_course(
                self.quizzes_dir,
                lambda lesson: files.get_file_from_path(lesson) is not None,
                display_root=self.project_dir,
                docs_name=docs_name,
            )
        except QuizgenError as exc:
            self.quizzes = {}
            self._fail(exc.problems)
        for name in ("quizgen.js", "quizgen.css"):
            files.append(File.generated(config, f"{SITE_ASSETS}/{name}", abs_src_path=str(ASSETS / name)))
        log.debug("quizgen: %d question banks loaded from %s", len(self.quizzes), self.quizzes_dir)
        return files

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        quiz = self.quizzes.get(page.file.src_uri)
        if quiz is None:
            return html
        anchors = page_html.anchors(html, page.toc)
        self.problems.extend(missing_anchors(quiz.loaded, anchors, f"{Path(config.docs_dir).name}/{quiz.lesson}"))
        heading = self.config.heading
        heading_id = page_html.unique_id("check-yourself", anchors)
        quiz_html = render_quiz(quiz.loaded.bank, quiz.quiz_id, anchors=anchors, heading=heading, heading_id=heading_id)
        content, offset = page_html.place(html, quiz_html)
        page_html.add_to_toc(page.toc, content, offset, heading, heading_id)
        return content

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        # Every page has been rendered (and its anchors checked) before any is written.
        if self.problems:
            self._fail(self.problems)
        return env

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        if self.quizzes_dir.is_dir():
            server.watch(str(self.quizzes_dir))
        return server

    def _fail(self, problems: list[Problem]) -> None:
        problems = sorted(problems)
        for problem in problems:
            log.error(problem.format())
        files = sorted({p.file for p in problems})
        raise PluginError(
            f"quizgen: {len(problems)} problem{'s' if len(problems) != 1 else ''} in "
            f"{', '.join(files)}; fix the lines listed above"
        )
