"""The course as the Markdown extension keeps it between pages: reused while no file it came from has
changed, and loaded again as soon as one has."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from quizgen.markdown_extension import project_state


@pytest.fixture
def config(tmp_path: Path) -> Path:
    project = tmp_path / "course"
    shutil.copytree(FIXTURES / "progress", project)
    return project / "mkdocs.yml"


def edit(path: Path, old: str, new: str) -> None:
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # later, whatever the clock's grain


def test_the_state_is_kept_while_nothing_changes(config: Path) -> None:
    first = project_state.current(config, prepared=False)
    assert first.project is not None and first.site is not None
    assert project_state.current(config, prepared=False) is first


def test_a_changed_bank_is_seen_on_the_next_page(config: Path) -> None:
    first = project_state.current(config, prepared=False)
    edit(config.parent / "quizzes/calls/holding.yml", "title: Holding a call", "title: Holding calls")
    again = project_state.current(config, prepared=False)
    assert again is not first and again.project is not None
    assert again.project.course.quizzes["calls/holding.md"].bank().title == "Holding calls"
    assert project_state.current(config, prepared=False) is again


def test_a_new_lesson_or_a_changed_config_is_seen_on_the_next_page(config: Path) -> None:
    first = project_state.current(config, prepared=False)
    lesson = config.parent / "content/calls/new.md"
    lesson.write_text("# New\n", encoding="utf-8")
    added = project_state.current(config, prepared=False)
    assert added is not first
    edit(config, "site_name: ", "site_name: Renamed ")
    renamed = project_state.current(config, prepared=False)
    assert renamed is not added and renamed.site is not None
    assert renamed.site.site_name.startswith("Renamed ")
    lesson.unlink()
    assert project_state.current(config, prepared=False) is not renamed
