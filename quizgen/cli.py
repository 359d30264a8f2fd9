"""The ``quizgen`` command for authors and HR."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quizgen")
def main() -> None:
    """Question banks for the course: check them before you publish."""


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path), default=Path("."))
def check(path: Path) -> None:
    """Check every question bank of the course in PATH (default: here), or one bank file.

    Prints each problem as FILE:LINE:COL: error: message (hint). Exits 0 when
    all is well, 1 when a problem was found.
    """
    from .course import load_course
    from .load import load_bank
    from .problems import QuizgenError

    try:
        if path.is_file():
            load_bank(path)
            count = 1
        else:
            docs, quizzes = _course_dirs(path)
            count = len(
                load_course(quizzes, lambda lesson: (docs / lesson).is_file(), display_root=path, docs_name=docs.name)
            )
    except QuizgenError as exc:
        for problem in exc.problems:
            click.echo(problem.format())
        click.echo(f"{len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''} found", err=True)
        sys.exit(1)
    click.echo(f"{count} question bank{'s' if count != 1 else ''} checked: no problems", err=True)


def _course_dirs(root: Path) -> tuple[Path, Path]:
    """The lessons and banks folders of the course whose mkdocs.yml is in ``root``."""
    import yaml

    docs = "docs"
    config = root / "mkdocs.yml"
    if config.is_file():
        # mkdocs.yml may use tags such as !ENV; only docs_dir matters here.
        for line in config.read_text(encoding="utf-8").splitlines():
            if line.startswith("docs_dir:"):
                docs = str(yaml.safe_load(line.partition(":")[2]) or docs)
    return root / docs, root / "quizzes"
