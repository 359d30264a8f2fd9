"""Writing a file whole or not at all: into a temporary file beside it, then renamed over it,
so that a failed or interrupted export never leaves a partial file."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """``write`` fills the temporary file it is given; only a complete file takes ``path``'s place, with the
    permissions of the file it replaces, or else those of any new file (the temporary file's own, owner
    only, would keep a web server or another user from reading a course's files)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        write(Path(partial))
        os.chmod(partial, mode)
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


def _umask() -> int:
    """The process's umask (which can only be read by setting it: set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text_atomically(path: Path, text: str) -> None:
    """``text`` into ``path`` as UTF-8, whole or not at all, its line endings as written."""

    def write(partial: Path) -> None:
        partial.write_text(text, encoding="utf-8", newline="")

    write_atomically(path, write)
