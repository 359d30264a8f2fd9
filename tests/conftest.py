"""Shared fixtures: paths, example courses, real builds, a local web server, the pages of a built site."""

from __future__ import annotations

import functools
import http.server
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page

from quizgen.load import parse_bank
from quizgen.problems import Problem, QuizgenError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# A real alias bomb: nine levels of nine aliases in 701 bytes.
BILLION_LAUGHS = FIXTURES / "hostile" / "billion-laughs.yml"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def problems_of(text: str | bytes, file: str = "quizzes/bank.yml") -> list[Problem]:
    """The problems the loader reports for a bank's text (none: it loaded)."""
    try:
        parse_bank(text.encode() if isinstance(text, str) else text, file)
    except QuizgenError as exc:
        return exc.problems
    return []


def mkdocs_build(
    project: Path, *extra: str, site_url: str | None = None, strict: bool = True
) -> subprocess.CompletedProcess[str]:
    """A real ``mkdocs build --strict`` (never -q: it hides warnings from strict mode); with ``strict`` false,
    ``--no-strict``, whatever mkdocs.yml says, for a build that must go on past a warning."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict" if strict else "--no-strict", *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def run_capped(
    args: list[str], cwd: Path, *, memory: int = 2_000_000_000, timeout: float = 120
) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run a command with its memory capped, so that a runaway fails at once instead of
    exhausting the machine; also returns the processor seconds it used (the clock's
    would depend on what else the machine is doing)."""

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        args,
        cwd=cwd,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=cap_memory,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return result, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A copy of the small example course, free to change."""
    target = tmp_path / "course"
    shutil.copytree(FIXTURES / "course", target)
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


# The policy HOSTING.md gives HR for the course's server; the real course is tested under it.
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'self'"
)


class StaticServer:
    """Serves a folder on 127.0.0.1 at a free port, in a background thread, with any extra headers."""

    def __init__(self, directory: Path, headers: dict[str, str] | None = None) -> None:
        extra = dict(headers or {})

        class Handler(_QuietHandler):
            def end_headers(self) -> None:
                for name, value in extra.items():
                    self.send_header(name, value)
                super().end_headers()

        handler = functools.partial(Handler, directory=str(directory))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@dataclass(frozen=True)
class Site:
    path: Path
    url: str


def _built_and_served(project: Path, site: Path, headers: dict[str, str] | None = None) -> Iterator[Site]:
    # The server's URL is known before the build, so the site is built for it:
    # the theme's instant navigation only takes over links listed, with this
    # address, in the site map.
    server = StaticServer(site, headers)
    try:
        result = mkdocs_build(project, "--site-dir", str(site), site_url=f"{server.url}/")
        assert result.returncode == 0, result.stdout + result.stderr
        yield Site(site, server.url)
    finally:
        server.close()


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The example course, built once per session and served."""
    project = tmp_path_factory.mktemp("example") / "course"
    shutil.copytree(FIXTURES / "course", project)
    yield from _built_and_served(project, project / "site")


@pytest.fixture(scope="session")
def kinds_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The course with every kind of question, a drawn pool and an exam, built once per session and served."""
    project = tmp_path_factory.mktemp("kinds") / "course"
    shutil.copytree(FIXTURES / "kinds", project)
    yield from _built_and_served(project, project / "site")


@pytest.fixture(scope="session")
def progress_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A course of three two-question lessons (the right option says "right") and a final check, built and served."""
    project = tmp_path_factory.mktemp("progress") / "course"
    shutil.copytree(FIXTURES / "progress", project)
    yield from _built_and_served(project, project / "site")


@pytest.fixture(scope="session")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real course, built once per session into a temporary folder and served under the strict policy."""
    yield from _built_and_served(ROOT, tmp_path_factory.mktemp("project-site"), {"Content-Security-Policy": STRICT_CSP})


def _zensical_built_and_served(project: Path, headers: dict[str, str] | None = None) -> Iterator[Site]:
    """`quizgen prepare`, then a real `zensical build` from .venv-zensical (tests/hosts.py), served."""
    from hosts import output, prepare, zensical_build

    server = StaticServer(project / "site", headers)
    try:
        prepared = prepare(project)
        assert prepared.returncode == 0, output(prepared)
        built = zensical_build(project, site_url=f"{server.url}/")
        assert built.returncode == 0, output(built)
        assert not re.search(r"quizgen: .*: error: ", output(built))  # warnings only (a nav without quizgen's pages)
        yield Site(project / "site", server.url)
    finally:
        server.close()


@pytest.fixture(scope="session")
def zensical_project_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real course built with Zensical and served under the strict policy."""
    from hosts import copy_project

    yield from _zensical_built_and_served(
        copy_project(tmp_path_factory.mktemp("zensical-project") / "course"), {"Content-Security-Policy": STRICT_CSP}
    )


@pytest.fixture(scope="session")
def zensical_progress_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """tests/fixtures/progress built with Zensical and served (the fixture keeps the theme's inline scripts)."""
    project = tmp_path_factory.mktemp("zensical-progress") / "course"
    shutil.copytree(FIXTURES / "progress", project)
    yield from _zensical_built_and_served(project)


@pytest.fixture(scope="session")
def built_example(example_site: Site) -> Path:
    return example_site.path


@pytest.fixture(scope="session")
def example_url(example_site: Site) -> str:
    return example_site.url


@pytest.fixture(scope="session")
def built_project(project_site: Site) -> Path:
    return project_site.path


@pytest.fixture(scope="session")
def project_url(project_site: Site) -> str:
    return project_site.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, object]) -> dict[str, object]:
    """Debian's Chromium: Playwright cannot download its own browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


# --- the pages of a built course, as a browser finds them ---------------------------

COURSE_PAGES = ("progress/", "final-check/", "certificate/")


def every_page(site: Path) -> list[str]:
    """Every page's address, relative to the site: the course's own pages last, as learners meet them."""
    found = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if not relative.startswith(("assets/", "search/")):
            found.append(relative if relative == "404.html" else relative.removesuffix("index.html"))
    return [page for page in found if page not in COURSE_PAGES] + [page for page in COURSE_PAGES if page in found]


def ready(page: Page) -> None:
    """Waits for the page, its quiz set up, and the progress views' styles where they load."""
    page.wait_for_load_state("load")
    if page.locator("form.quizgen-quiz").count():
        page.wait_for_selector("form.quizgen-quiz.is-ready")
    if page.locator("[data-quizgen=progress], [data-quizgen=certificate]").count():
        page.wait_for_function("() => document.querySelector('link[href*=quizgen-views]')?.sheet")
