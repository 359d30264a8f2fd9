"""Under `mkdocs serve`, a rebuild re-reads only the banks that changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

import quizgen.course
from quizgen.course import BankCache, load_course


def test_a_rebuild_reads_only_the_bank_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "course"
    shutil.copytree(FIXTURES / "progress", project)
    read: list[str] = []
    real = quizgen.course.load_bank

    def counting(path: Path, display: str | None = None) -> quizgen.course.LoadedBank:
        read.append(path.name)
        return real(path, display)

    monkeypatch.setattr(quizgen.course, "load_bank", counting)
    cache: BankCache = {}
    first = load_course(project / "quizzes", project / "content", root=project, cache=cache)
    assert sorted(read) == ["answering.yml", "holding.yml", "ownership.yml"]

    read.clear()
    again = load_course(project / "quizzes", project / "content", root=project, cache=cache)
    assert read == []  # nothing changed: nothing read
    assert again.quizzes.keys() == first.quizzes.keys()

    bank = project / "quizzes/calls/holding.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("Holding a call", "Holding calls"), encoding="utf-8")
    stat = bank.stat()
    os.utime(bank, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a later edit, whatever the clock's grain
    changed = load_course(project / "quizzes", project / "content", root=project, cache=cache)
    assert read == ["holding.yml"]
    assert changed.quizzes["calls/holding.md"].loaded.bank.title == "Holding calls"

    read.clear()
    load_course(project / "quizzes", project / "content", root=project)  # a build (no cache) reads every bank
    assert len(read) == 3
