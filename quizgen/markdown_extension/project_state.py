"""The course as the extension sees it, kept for the whole process.

A host creates a new Markdown instance for every page, so what every page
needs (settings, banks, navigation, what `quizgen prepare` should have
written) is loaded once and kept here, keyed by the configuration file. It
is loaded again when any file it came from changes (a preview server keeps
one process across rebuilds); only the banks that changed are read again.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..anchors import LessonAnchors
from ..course import BANK_SUFFIXES, BankCache
from ..prepare import COMMAND, Plan, Project, load_project, plan, stale
from ..problems import Problem, QuizgenError, shown_path
from ..site_config import SiteConfig, read_site_config
from ..site_nav import shown_config

Fingerprint = tuple[tuple[str, int, int], ...]


@dataclass
class State:
    fingerprint: Fingerprint
    site: SiteConfig | None = None
    project: Project | None = None
    plan: Plan | None = None
    docs_shown: str = ""  # the docs folder, as problems name it
    # what is wrong with the course as a whole (banks, options, mkdocs.yml, prepared files); reported once
    problems: list[Problem] = field(default_factory=list)
    reported: bool = False
    lesson_anchors: LessonAnchors | None = None


_lock = threading.Lock()
_states: dict[tuple[Path, bool], State] = {}
_bank_caches: dict[Path, BankCache] = {}
_sites: dict[Path, tuple[tuple[int, int], SiteConfig | QuizgenError]] = {}


def current(config_file: Path, *, prepared: bool) -> State:
    """The course of ``config_file``, as of now.

    ``prepared``: the host copies the docs folder as it is (Zensical), so
    check that `quizgen prepare` wrote what this course needs there.
    """
    with _lock:
        signature = _signature(str(config_file))  # once: the same for the site as read and the fingerprint
        site = _site(config_file, signature)
        fingerprint = _fingerprint(config_file, signature, site)
        key = (config_file, prepared)
        state = _states.get(key)
        if state is None or state.fingerprint != fingerprint:
            state = _load(config_file, site, fingerprint, prepared)
            _states[key] = state
        return state


def _site(config_file: Path, signature: tuple[int, int] | None) -> SiteConfig | QuizgenError:
    """mkdocs.yml as read, read again only once the file has changed (a large `nav` takes milliseconds)."""
    kept = _sites.get(config_file)
    if kept is not None and signature is not None and kept[0] == signature:
        return kept[1]
    try:
        site: SiteConfig | QuizgenError = read_site_config(config_file.parent, config_file)
    except QuizgenError as exc:
        site = exc
    if signature is not None:
        _sites[config_file] = (signature, site)
    return site


def _fingerprint(config_file: Path, signature: tuple[int, int] | None, site: SiteConfig | QuizgenError) -> Fingerprint:
    """Every file the state comes from, with its modification time and size: mkdocs.yml, the banks, the
    lessons and the prepared files. Asked for on every page, so walked with os.scandir: at 300 lessons,
    with mkdocs.yml read only when it changes, a page waits 2 ms for it (9 ms with pathlib and mkdocs.yml
    read every time)."""
    found = [(str(config_file), *signature)] if signature else []
    if isinstance(site, SiteConfig):
        found += _files(site.quizzes_dir, BANK_SUFFIXES)
        found += _files(site.docs_dir, (".md",))
        found += _files(site.docs_dir / "assets" / "quizgen", None)
    return tuple(found)


def _signature(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _files(folder: Path, suffixes: tuple[str, ...] | None) -> list[tuple[str, int, int]]:
    """The files under ``folder`` (those ending in ``suffixes``), as (path, modification time, size), sorted;
    folders linked to are not entered, as with Path.rglob."""
    found = []
    folders = [str(folder)]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                    elif suffixes is None or entry.name.endswith(suffixes):
                        try:
                            stat = entry.stat()
                        except OSError:
                            continue
                        found.append((entry.path, stat.st_mtime_ns, stat.st_size))
        except OSError:
            continue
    return sorted(found)


def _load(config_file: Path, site: SiteConfig | QuizgenError, fingerprint: Fingerprint, prepared: bool) -> State:
    if isinstance(site, QuizgenError):
        return State(fingerprint, problems=list(site.problems))
    state = State(fingerprint, site=site)
    try:
        project = load_project(site, cache=_bank_caches.setdefault(config_file, {}))
    except QuizgenError as exc:
        state.problems = list(exc.problems)
        return state
    state.project = project
    state.plan = plan(project)
    state.docs_shown = shown_path(site.docs_dir, site.root)
    state.lesson_anchors = LessonAnchors(site.markdown_extensions)
    if prepared:
        state.problems = [*state.plan.problems, *state.plan.config]
        out_of_date = stale(site, state.plan)
        if out_of_date:
            state.problems.append(
                Problem(
                    shown_config(site),
                    0,
                    0,
                    f"the quizzes' files in {state.docs_shown}/ are missing or out of date: "
                    f"{', '.join(sorted(out_of_date))}",
                    f"run `{COMMAND}` before building",
                )
            )
    else:
        # Plain Python-Markdown: only the banks matter, not what a site generator would copy.
        state.problems = list(project.course.problems)
    return state
