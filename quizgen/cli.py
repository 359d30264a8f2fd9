"""The ``quizgen`` command for authors and HR.

Exit status: 0 all well, 1 problems found, 2 bad usage (click's own).
Each subcommand imports what it needs when it runs, so `quizgen --help`
and the MkDocs plugin stay quick to start.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NoReturn

import click

from . import __version__
from .problems import Problem, QuizgenError, shown_path

COURSE_HELP = "The course folder (holding mkdocs.yml); default: the current folder."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quizgen")
def main() -> None:
    """Question banks for the course: check, create, count and describe them."""


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path), default=Path("."))
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: one object with every problem and a summary, for tools.",
)
def check(path: Path, strict: bool, output: str) -> None:
    """Check the banks of the course in PATH, or one bank file, without building the site.

    Prints each problem as FILE:LINE:COL: error|warning: message (hint), then a
    summary. Exits 1 when an error is found (or a warning, with --strict).
    """
    from .check import CheckResult, check_course
    from .load import load_bank
    from .site_config import CONFIG_NAME, read_site_config

    _fewer_garbage_collections()

    try:
        if path.is_dir():
            result = check_course(read_site_config(path))
        else:
            questions = len(load_bank(path).bank.questions)
            # A bank inside a course is checked with its course (its lesson, ids in other banks).
            root = next((p for p in path.resolve().parents if (p / CONFIG_NAME).is_file()), None)
            problems = []
            if root is not None:
                shown = path.resolve().relative_to(root).as_posix()
                problems = [p for p in check_course(read_site_config(root)).problems if p.file == shown]
            result = CheckResult(problems, 1, questions)
    except QuizgenError as exc:
        result = CheckResult(exc.problems, 1, 0)
    if output == "json":
        click.echo(
            json.dumps(
                {
                    "problems": [dataclasses.asdict(problem) for problem in result.problems],
                    "summary": {
                        "banks": result.banks,
                        "questions": result.questions,
                        "errors": result.errors,
                        "warnings": result.warnings,
                    },
                },
                indent=2,
            )
        )
    else:
        # One write: click.echo flushes after every call, and a first draft of a
        # large course has tens of thousands of warnings, each a write to the terminal.
        click.echo("\n".join([*(problem.format() for problem in result.problems), result.summary()]))
    if result.errors or (strict and result.warnings):
        sys.exit(1)


@main.group()
def new() -> None:
    """Create a lesson and its question bank from templates."""


@new.command("lesson")
@click.argument("target", metavar="MODULE/SLUG")
@click.option("--title", required=True, help="The lesson's title, as learners will see it.")
@click.option(
    "--course", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("."), help=COURSE_HELP
)
def new_lesson(target: str, title: str, course: Path) -> None:
    """Create content/MODULE/SLUG.md and quizzes/MODULE/SLUG.yml and add the page to the nav.

    Refuses to overwrite anything. Example:

        quizgen new lesson phone-skills/voice-mail --title "Leaving a voice mail"
    """
    from .scaffold import new_lesson as create

    try:
        changed = create(course, target, title)
    except QuizgenError as exc:
        _fail(exc.problems)
    for path in changed:
        click.echo(f"wrote {shown_path(path, course)}")
    click.echo("Next: write the lesson, edit the questions, then run `quizgen check`.")


@main.command()
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("."))
def stats(path: Path) -> None:
    """Count each lesson's questions by type, points, pass mark and words, with course totals."""
    from .site_config import read_site_config
    from .stats import course_stats, render_table

    try:
        rows = course_stats(read_site_config(path))
    except QuizgenError as exc:
        _fail(exc.problems)
    render_table(rows, sys.stdout)


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE, not stdout.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema (draft-07) of a question bank, for editors' autocompletion."""
    from .schema import bank_schema_text

    text = bank_schema_text()
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("."))
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if the docs folder is out of date.")
def prepare(path: Path, check_only: bool) -> None:
    """Write the quizzes' files into the docs folder, for Zensical (which runs no MkDocs plugin).

    Writes assets/quizgen/ (the runtime, its styles and the course's manifest)
    and the progress, final check and certificate pages, then says what
    mkdocs.yml still lacks. Run it before `zensical build` whenever the
    banks, the navigation or quizgen change: the build stops and says so when
    they are out of date. The MkDocs plugin needs none of this.
    """
    from . import prepare as preparing
    from .site_config import read_site_config

    try:
        site = read_site_config(path)
        planned = preparing.plan(preparing.load_project(site))
    except QuizgenError as exc:
        planned = preparing.Plan(problems=exc.problems)
    for problem in sorted(planned.problems):
        click.echo(problem.format(), err=True)
    if planned.errors:
        click.echo("quizgen: fix the problems above first; nothing was written", err=True)
        sys.exit(1)
    if check_only:
        out_of_date = preparing.stale(site, planned)
        for name in out_of_date:
            click.echo(f"out of date: {shown_path(site.docs_dir / name, site.root)}")
        sys.exit(1 if out_of_date else 0)
    try:
        said = preparing.write(site, planned)
    except QuizgenError as exc:
        _fail(exc.problems, "quizgen: nothing was written")
    for line in said:
        click.echo(line)
    click.echo(f"{shown_path(site.docs_dir, site.root)}/ holds the quizzes' files ({len(said)} changed).")
    for problem in sorted(planned.config):
        click.echo(problem.format(), err=True)
    if any(problem.severity == "error" for problem in planned.config):
        click.echo("quizgen: Zensical will not show the quizzes until mkdocs.yml says the above", err=True)
        sys.exit(1)


def _fail(problems: Iterable[Problem], summary: str = "") -> NoReturn:
    """Print each problem, then ``summary`` (what was not done), and exit 1."""
    for problem in problems:
        click.echo(problem.format(), err=True)
    if summary:
        click.echo(summary, err=True)
    sys.exit(1)


def _progress(doing: str, things: str) -> Callable[[int, int], None]:
    """A progress callback (done, total) that shows "doing done/total things" on a terminal, every 50."""
    terminal = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if terminal and (done == total or done % 50 == 0):
            click.echo(f"\r{doing} {done}/{total} {things}", err=True, nl=done == total)

    return progress


def _fewer_garbage_collections() -> None:
    """A check builds many small objects and frees little before it exits;
    Python's cyclic collector would walk them over and over (a third of the
    time on a 10,000-question course). Collect rarely instead."""
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


@main.command()
@click.argument("standard", metavar="FORMAT", type=click.Choice(["scorm12", "scorm2004", "qti", "csv", "json", "gift"]))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The package to write, for example course-scorm12.zip.",
)
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("."))
def export(standard: str, output: Path, path: Path) -> None:
    """Export the course in PATH: an LMS package, or its questions for review.

    scorm12, scorm2004: the built course as one SCO (SCORM 1.2 or 2004 4th
    edition) that reports status, score and progress. qti: an IMS QTI 2.1
    content package, an item per question and a test per lesson, for an
    LMS's own quiz engine (calls are skipped and named). csv, json: one row per
    question (lesson, id, kind, prompt, options, right answers, points,
    explanation, see). gift: Moodle GIFT text, a category per lesson (calls
    are skipped and named). Every file is written whole or not at all.
    """
    import os
    import subprocess
    import tempfile

    from . import scorm

    if standard in ("qti", "csv", "json", "gift"):
        _export_table(standard, output, path)
        return

    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        click.echo(f"Building the course for {standard}...", err=True)
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=path,
            env={**os.environ, scorm.PACKAGE_ENV: standard, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            click.echo(result.stderr.strip() or result.stdout.strip(), err=True)
            click.echo("quizgen: the course did not build, so no package was written", err=True)
            sys.exit(1)
        about = json.loads((site / scorm.ABOUT).read_text(encoding="utf-8"))
        count = scorm.package(site, output, standard, about["title"], about["mastery"], _progress("packaging", "files"))
    click.echo(f"wrote {output}: {standard} package of {count} files")


@main.group("import")
def import_() -> None:
    """Make banks of this course from another system's questions."""


@import_.command("gift")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="The folder the banks go in, for example quizzes/ or quizzes/imported/.",
)
@click.option(
    "--course", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("."), help=COURSE_HELP
)
def import_gift(file: Path, output: Path, course: Path) -> None:
    """Make banks from a Moodle GIFT FILE: one bank per category, in OUTPUT.

    Ids come from the question names, unique across the course. Feedback,
    weights and general feedback are kept; essays, numerical questions and
    descriptions are listed as skipped. A bank inside the course's quizzes
    folder gets a lesson page to write if it has none. Nothing is
    overwritten. Example:

        quizgen import gift moodle-export.gift -o quizzes/
    """
    from .course import load_course
    from .imports import files, gift_syntax
    from .imports.gift import convert, slug
    from .site_config import read_site_config
    from .yaml_source import decode

    shown = shown_path(file, course)
    try:
        site = read_site_config(course) if (course / "mkdocs.yml").is_file() else None
        taken: set[str] = set()
        if site is not None:
            existing = load_course(site.quizzes_dir, site.docs_dir, root=site.root)
            taken = existing.question_ids()
        document = gift_syntax.parse(decode(file.read_bytes(), shown), shown)
        imported = convert(document, slug(file.stem) or "imported", taken)
        planned = files.plan(imported.banks, output, site)
        said = files.write(planned, course)
    except QuizgenError as exc:
        _fail(exc.problems, "quizgen: nothing was imported")
    for line in said:
        click.echo(line)
    for note in imported.skipped:
        click.echo(note.format(shown, "skipped"), err=True)
    for note in imported.changed:
        click.echo(note.format(shown, "changed"), err=True)
    click.echo(
        f"imported {imported.questions} questions into {len(imported.banks)} banks; "
        f"{len(imported.skipped)} skipped. Next: run `quizgen check`."
    )


def _export_table(kind: str, output: Path, path: Path) -> None:
    from .atomic import write_atomically, write_text_atomically
    from .course import load_course
    from .exports import table
    from .site_config import read_site_config

    try:
        site = read_site_config(path)
        course = load_course(site.quizzes_dir, site.docs_dir, root=site.root)
        course.raise_problems()
    except QuizgenError as exc:
        _fail(exc.problems, "quizgen: fix the banks first; no file was written")
    quizzes = [course.quizzes[lesson] for lesson in sorted(course.quizzes)]
    if kind == "qti":
        from .exports import qti

        package = qti.package(quizzes, _progress("writing", "questions"))
        for skipped in package.skipped:
            click.echo(f"warning: skipped {skipped}", err=True)
        write_atomically(output, lambda partial: qti.write_zip(package, partial))
        click.echo(f"wrote {output}: QTI 2.1 package of {package.questions} questions")
        return
    if kind == "gift":
        from .exports.gift import gift

        result = gift(quizzes)
        for skipped in result.skipped:
            click.echo(f"warning: skipped {skipped}", err=True)
        text, count = result.text, result.questions
    else:
        found = table.rows(quizzes)
        text = table.csv_text(found) if kind == "csv" else table.json_text(found)
        count = len(found)
    write_text_atomically(output, text)
    click.echo(f"wrote {output}: {count} questions")
