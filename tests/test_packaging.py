"""A new user's first `make serve` installs quizgen editable: it must say nothing
that is ours to fix (setuptools' deprecation and editable-install banners)."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

from conftest import ROOT


def test_the_first_install_prints_no_warning(tmp_path: Path) -> None:
    env = tmp_path / "env"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    # This project's pip (recent, as the Makefile installs it) shows what the build backend warns.
    result = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "-e", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Warning" not in output and "deprecat" not in output.lower(), output
    found = subprocess.run(
        [str(python), "-c", "import quizgen; print(quizgen.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(found.stdout.strip()) == ROOT / "quizgen" / "__init__.py"
