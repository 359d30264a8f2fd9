"""`quizgen prepare`: what the MkDocs plugin adds to a built site, written
into the docs folder instead, for site generators that run no MkDocs plugin
(Zensical) and copy the docs folder as it is.

- ``assets/quizgen/``: the runtime (``quizgen.js``), its stylesheet
  (``quizgen.css``), the parts the runtime loads on demand, and the course's
  manifest (``course.js``). The two files every page loads have fixed names,
  so that mkdocs.yml can list them (extra_javascript, extra_css); the plugin
  names every file by its content's hash instead.
- The progress page, the final check and the certificate, as the plugin
  writes them: Markdown with ``<!-- quizgen:NAME -->`` markers that the
  Markdown extension fills when the page is rendered. Each ends with
  PREPARED, so that quizgen overwrites only pages it wrote, and the plugin,
  when it builds the same folder, replaces them with its own.

The Markdown extension compares the docs folder with ``plan()`` when it
renders and stops the build (or warns, while serving) when it is out of date.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import course_pages, runtime, site_nav
from .atomic import write_text_atomically
from .course import BankCache, Course, load_course
from .course_settings import Settings, read_settings
from .problems import Problem, QuizgenError, shown_path
from .site_config import SiteConfig

ASSETS_DIR = "assets/quizgen"  # the same folder of the site as the plugin's
SCRIPT = f"{ASSETS_DIR}/quizgen.js"
MANIFEST = f"{ASSETS_DIR}/course.js"
STYLESHEET = f"{ASSETS_DIR}/quizgen.css"
PREPARED = "<!-- quizgen:prepared: `quizgen prepare` writes this page; edit mkdocs.yml's quizgen options instead -->"
COMMAND = "quizgen prepare"


@dataclass
class Plan:
    """Every file `quizgen prepare` writes (path under the docs folder -> text), what stands in the way
    (``problems``: the banks and options), and what mkdocs.yml still lacks (``config``)."""

    files: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    config: list[Problem] = field(default_factory=list)
    course_map: course_pages.CourseMap | None = None  # what the manifest and the course's own pages say

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


@dataclass(frozen=True)
class Project:
    """A course as the hosts without MkDocs see it: settings, banks and navigation."""

    site: SiteConfig
    settings: Settings
    course: Course
    nav: list[site_nav.NavItem]


def load_project(site: SiteConfig, cache: BankCache | None = None) -> Project:
    """Read the quizgen options, the banks and the navigation; wrong options raise QuizgenError."""
    settings = read_settings(site.plugin_options, site_nav.shown_config(site), site.theme_language)
    course = load_course(site.quizzes_dir, site.docs_dir, root=site.root, cache=cache)
    generated = {path: page.title for path, page in settings.pages().items()}
    return Project(site, settings, course, site_nav.navigation(site, generated))


def is_prepared(text: str) -> bool:
    return PREPARED in text


def plan(project: Project) -> Plan:
    """What the docs folder should hold for this course."""
    site, settings, course, nav = project.site, project.settings, project.course, project.nav
    result = Plan(problems=list(course.problems))
    result.problems += site_nav.skip_problems(nav, course, settings, site_nav.shown_config(site))
    language = settings.t.language
    for asset in runtime.assets(language):
        if asset.name.startswith(("quizgen-kinds.", "quizgen-views.")):
            result.files[f"{ASSETS_DIR}/{asset.name}"] = asset.content
    result.files[SCRIPT] = runtime.script(language).content
    result.files[STYLESHEET] = runtime.stylesheet().content
    course_map = result.course_map = site_nav.course_map(site, settings, course, nav)
    result.files[MANIFEST] = course_pages.manifest_script(course_map)
    for path, page in settings.pages().items():
        result.files[path] = f"{_page_markdown(project, page.kind, course_map)}\n{PREPARED}\n"
    result.config = config_problems(site, settings, nav)
    return result


def _page_markdown(project: Project, kind: str, course_map: course_pages.CourseMap) -> str:
    settings = project.settings
    final = settings.final_check
    if kind == "progress":
        return course_pages.progress_markdown(
            settings.progress.title,
            [module.title for module in course_map.modules],
            final.title if final.enabled else None,
            settings.t,
        )
    if kind == "final_check":
        drawn = site_nav.drawn_lessons(project.nav, project.course, final.skip)
        sizes = [project.course.quizzes[page.path].size for page in drawn]
        return course_pages.final_check_markdown(final.title, final.per_lesson, sizes, final.pass_mark, settings.t)
    return course_pages.certificate_markdown(settings.certificate.title)


def config_problems(site: SiteConfig, settings: Settings, nav: list[site_nav.NavItem]) -> list[Problem]:
    """What mkdocs.yml must say for a host that reads it but runs no plugin (Zensical) to show the quizzes."""
    file = site_nav.shown_config(site)
    problems = []

    def missing(key: str, value: str, hint: str, severity: str = "error") -> None:
        problems.append(Problem(file, 0, 0, f"'{key}' does not list {value}", hint, severity))  # type: ignore[arg-type]

    if not site.own_extension:
        missing("markdown_extensions", "quizgen", "add '- quizgen' under markdown_extensions")
    for script in (SCRIPT, MANIFEST):
        if script not in site.extra_javascript:
            missing("extra_javascript", script, f"add '- {SCRIPT}' and then '- {MANIFEST}' under extra_javascript")
    if STYLESHEET not in site.extra_css:
        missing("extra_css", STYLESHEET, f"add '- {STYLESHEET}' under extra_css")
    quizzes = shown_path(site.quizzes_dir, site.root)
    if not any((site.root / path).resolve() == site.quizzes_dir.resolve() for path in site.watch):
        missing(
            "watch",
            quizzes,
            f"add 'watch: [{quizzes}]': Zensical re-renders a lesson when its bank changes only if it watches "
            "the banks' folder",
            "warning",
        )
    if isinstance(site.nav, list):
        listed = {page.path for page in site_nav.walk(nav)}
        for path, page in settings.pages().items():
            if page.nav != "none" and path not in listed:
                missing(
                    "nav",
                    path,
                    f"add '- {page.title}: {path}' to nav (at the {'start' if page.nav == 'start' else 'end'}), "
                    f"or set '{page.kind}: nav: none'",
                    "warning",
                )
    return problems


def stale(site: SiteConfig, planned: Plan) -> list[str]:
    """The planned files that the docs folder lacks or holds in another version."""
    found = []
    for path, text in planned.files.items():
        try:
            current = (site.docs_dir / path).read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            found.append(path)
    return found


def write(site: SiteConfig, planned: Plan) -> list[str]:
    """Write the planned files; remove the runtime's old files. Returns the paths written or removed, for the user.

    Refuses (QuizgenError) to overwrite a page that quizgen did not write.
    """
    refused = []
    for path in planned.files:
        target = site.docs_dir / path
        if path.endswith(".md") and target.is_file() and not is_prepared(target.read_text(encoding="utf-8")):
            refused.append(
                Problem(
                    shown_path(target, site.root),
                    0,
                    0,
                    "this page exists and quizgen did not write it",
                    "move it, or give quizgen's page another 'path:' in mkdocs.yml",
                )
            )
    if refused:
        raise QuizgenError(refused)
    said = []
    assets = site.docs_dir / ASSETS_DIR
    if assets.is_dir():
        for old in sorted(assets.iterdir()):
            if f"{ASSETS_DIR}/{old.name}" not in planned.files and old.is_file():
                old.unlink()
                said.append(f"removed {shown_path(old, site.root)}")
    for path, text in planned.files.items():
        target = site.docs_dir / path
        try:
            if target.read_text(encoding="utf-8") == text:
                continue
        except OSError:
            pass
        write_text_atomically(target, text)
        said.append(f"wrote {shown_path(target, site.root)}")
    return said
