"""The quizgen options of mkdocs.yml (the `- quizgen:` block under `plugins`),
read without MkDocs, for the hosts that run no MkDocs plugin (the Markdown
extension under Zensical, `quizgen prepare`).

The MkDocs plugin reads the same block through MkDocs' own config classes
(mkdocs_plugin/config.py); tests/test_course_settings.py keeps the two
defaults equal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .i18n import ENGLISH, Messages, messages_for
from .problems import Problem, QuizgenError

NAV_PLACES = ("start", "end", "none")
PAGE_KINDS = ("progress", "final_check", "certificate")

DEFAULTS: dict[str, Any] = {
    "quizzes_dir": "quizzes",
    "heading": None,  # "Check yourself", in the interface's language
    "language": None,  # theme.language
    "course_id": None,
    "progress": {"enabled": True, "path": "progress.md", "title": None, "nav": "start"},
    "final_check": {
        "enabled": False,
        "path": "final-check.md",
        "title": None,
        "per_lesson": 2,
        "pass_mark": 80,
        "nav": "end",
        "skip": [],
    },
    "certificate": {"enabled": True, "path": "certificate.md", "title": None, "nav": "end"},
}
# A generated page's title when the author gives none: the catalogue's, in the interface's language.
DEFAULT_TITLES = {
    "progress": "pages.progress_title",
    "final_check": "pages.final_title",
    "certificate": "pages.certificate_title",
}


@dataclass(frozen=True)
class PageSettings:
    """One page quizgen writes: the progress page, the final check or the certificate."""

    kind: str
    enabled: bool
    path: str
    title: str
    nav: str


@dataclass(frozen=True)
class FinalCheckSettings(PageSettings):
    per_lesson: int = 2
    pass_mark: float = 80
    skip: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    quizzes_dir: str = "quizzes"
    heading: str = "Check yourself"
    course_id: str | None = None
    progress: PageSettings = field(default_factory=lambda: _page("progress", {}, ENGLISH))
    final_check: FinalCheckSettings = field(default_factory=lambda: _final_check({}, ENGLISH))
    certificate: PageSettings = field(default_factory=lambda: _page("certificate", {}, ENGLISH))
    t: Messages = ENGLISH  # the interface's language

    def pages(self) -> dict[str, PageSettings]:
        """The pages quizgen writes, by their path under the docs folder."""
        return {page.path: page for page in (self.progress, self.final_check, self.certificate) if page.enabled}


def read_settings(options: Mapping[str, Any], file: str = "mkdocs.yml", theme_language: str | None = None) -> Settings:
    """The settings from the plugin's block; a wrong value raises QuizgenError naming the option.
    The interface speaks the block's `language`, else ``theme_language``, else English."""
    problems: list[Problem] = []

    def wrong(option: str, hint: str) -> None:
        problems.append(Problem(file, 0, 0, f"quizgen option '{option}' is not valid", hint))

    for key in ("quizzes_dir", "heading", "language"):
        if key in options and not isinstance(options[key], str):
            wrong(key, "write it as text")
    course_id = options.get("course_id")
    if course_id is not None and not isinstance(course_id, str):
        wrong("course_id", "write it as text")
    sections = {kind: options.get(kind) or {} for kind in PAGE_KINDS}
    for kind, section in sections.items():
        if not isinstance(section, Mapping):
            wrong(kind, "write its options indented under it, as 'enabled: true'")
            sections[kind] = {}
    language = options.get("language")
    t = messages_for(language if isinstance(language, str) else theme_language or "en")
    heading = options.get("heading")
    settings = Settings(
        quizzes_dir=str(options.get("quizzes_dir", DEFAULTS["quizzes_dir"])),
        heading=heading if isinstance(heading, str) else t("quiz.heading"),
        course_id=course_id if isinstance(course_id, str) else None,
        progress=_page("progress", sections["progress"], t),
        final_check=_final_check(sections["final_check"], t),
        certificate=_page("certificate", sections["certificate"], t),
        t=t,
    )
    seen: set[str] = set()
    for page in (settings.progress, settings.final_check, settings.certificate):
        if page.nav not in NAV_PLACES:
            wrong(f"{page.kind}: nav", f"use one of {', '.join(NAV_PLACES)}")
        if not page.enabled:
            continue
        if not page.path.endswith(".md") or page.path.startswith(("/", "../")) or page.path in seen:
            wrong(
                f"{page.kind}: path",
                f"it must be a page of its own inside the docs folder, ending in .md "
                f"(for example {page.kind.replace('_', '-')}.md)",
            )
        seen.add(page.path)
    final = settings.final_check
    if final.enabled and final.per_lesson < 1:
        wrong("final_check: per_lesson", "questions drawn from each lesson: 1 or more")
    if final.enabled and not 0 <= final.pass_mark <= 100:
        wrong("final_check: pass_mark", "a percentage from 0 to 100")
    if problems:
        raise QuizgenError(problems)
    return settings


def _merged(kind: str, section: Mapping[str, Any], t: Messages) -> dict[str, Any]:
    values: dict[str, Any] = {**DEFAULTS[kind], **section}
    if values["title"] is None:
        values["title"] = t(DEFAULT_TITLES[kind])
    return values


def _page(kind: str, section: Mapping[str, Any], t: Messages) -> PageSettings:
    values = _merged(kind, section, t)
    return PageSettings(kind, bool(values["enabled"]), str(values["path"]), str(values["title"]), str(values["nav"]))


def _final_check(section: Mapping[str, Any], t: Messages) -> FinalCheckSettings:
    values = _merged("final_check", section, t)
    skip = values["skip"] if isinstance(values["skip"], list) else []
    per_lesson = values["per_lesson"] if isinstance(values["per_lesson"], int) else 0
    pass_mark = values["pass_mark"] if isinstance(values["pass_mark"], (int, float)) else -1
    return FinalCheckSettings(
        "final_check",
        bool(values["enabled"]),
        str(values["path"]),
        str(values["title"]),
        str(values["nav"]),
        per_lesson=per_lesson,
        pass_mark=pass_mark,
        skip=tuple(str(item) for item in skip),
    )
