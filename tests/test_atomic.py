"""Files written whole or not at all (exports, imports, `quizgen prepare`), readable as any new file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from quizgen.atomic import write_atomically, write_text_atomically


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask")
def test_a_new_file_has_the_permissions_of_any_new_file(tmp_path: Path) -> None:
    target = tmp_path / "assets" / "quizgen.js"
    write_text_atomically(target, "one\r\ntwo\n")
    assert mode(target) == 0o644  # not the temporary file's owner-only 0o600
    assert target.read_bytes() == b"one\r\ntwo\n"  # as written
    os.umask(0o027)
    other = tmp_path / "other.txt"
    write_text_atomically(other, "x")
    assert mode(other) == 0o640


@pytest.mark.usefixtures("umask")
def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "bank.yml"
    target.write_text("old")
    for kept in (0o600, 0o664):
        target.chmod(kept)
        write_text_atomically(target, "new")
        assert (mode(target), target.read_text()) == (kept, "new")


def test_a_failed_write_leaves_the_old_file_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "course.zip"
    target.write_bytes(b"old")

    def fail(partial: Path) -> None:
        partial.write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, fail)
    assert target.read_bytes() == b"old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["course.zip"]
