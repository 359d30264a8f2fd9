"""The other site generators, as a user runs them: each from its own virtual
environment (Makefile: .venv-zensical, .venv-properdocs), on a copy of a course."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

ZENSICAL_BIN = ROOT / ".venv-zensical" / "bin"
PROPERDOCS_BIN = ROOT / ".venv-properdocs" / "bin"
# What a course needs to build: the rest of the repository stays out of the copy.
PROJECT_PARTS = ("content", "quizzes", "overrides", "mkdocs.yml")


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("assets", "site"))
        else:
            shutil.copy2(source, target / part)
    # a prepared copy of the author's working tree must not stand in for the test's own `quizgen prepare`
    for page in ("progress.md", "final-check.md", "certificate.md"):
        (target / "content" / page).unlink(missing_ok=True)
    return target


def _run(command: list[str], project: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=project,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def prepare(project: Path) -> subprocess.CompletedProcess[str]:
    """`quizgen prepare`, from Zensical's environment as a user runs it there."""
    return _run([str(ZENSICAL_BIN / "quizgen"), "prepare"], project)


def zensical_build(project: Path, site_url: str | None = None) -> subprocess.CompletedProcess[str]:
    """A real `zensical build` (strict as mkdocs.yml says); --clean: no page comes from an earlier build's cache."""
    env = {"SITE_URL": site_url} if site_url else {}
    return _run([str(ZENSICAL_BIN / "zensical"), "build", "--clean"], project, env)


def properdocs_build(project: Path, site_url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {"SITE_URL": site_url} if site_url else {}
    return _run([str(PROPERDOCS_BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml"], project, env)


def output(result: subprocess.CompletedProcess[str]) -> str:
    """What the generator printed, without the colour codes it adds even to a pipe."""
    return re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)


def quiz_sections(html: str) -> list[str]:
    """Each quiz of a page, as the core renders it: heading, form and data.

    Zensical's search indexer takes out the data-search-exclude attributes once it has honoured them.
    """
    html = html.replace(" data-search-exclude", "")
    return re.findall(r'<div class="quizgen">.*?</form>\s*</div>', html, re.S)


def manifest(site: Path) -> str:
    """The course's manifest, whatever the host named it (course.js or course.HASH.js)."""
    (found,) = sorted((site / "assets" / "quizgen").glob("course.*js"))
    return found.read_text(encoding="utf-8")
