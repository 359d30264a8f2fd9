"""A build's banks loaded in a second process: the same course as loaded in the build's own, whatever
becomes of the second process, and the same site."""

from __future__ import annotations

import functools
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES

from quizgen.background_load import BackgroundCourse, can_fork
from quizgen.course import Course, Quiz, lessons_with_banks, load_course
from quizgen.i18n import Messages, messages_for
from quizgen.render import PreparedQuiz, quiz_html

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2, reason="needs Linux and a second core"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = tmp_path / "course"
    shutil.copytree(FIXTURES / "progress", project)
    return project


def loaded_here(project: Path) -> Course:
    return load_course(project / "quizzes", project / "content", root=project, pack=True)


def in_background(project: Path, load: Callable[[], Course] | None = None) -> BackgroundCourse:
    return BackgroundCourse(load or functools.partial(loaded_here, project))


def same_course(got: Course, expected: Course) -> None:
    assert got.problems == expected.problems
    assert got.bank_files == expected.bank_files
    assert got.quizzes.keys() == expected.quizzes.keys()
    for lesson, quiz in expected.quizzes.items():
        other = got.quizzes[lesson]
        for name in ("quiz_id", "lesson", "file", "size", "points", "sees"):
            assert getattr(other, name) == getattr(quiz, name), name
        assert other.loaded.bank == quiz.loaded.bank
        assert other.loaded.source.values == quiz.loaded.source.values


class Loads:
    """A loading function that notes the process of each call: the second process's notes stay in its copy,
    so the host's list shows only the host's own loading."""

    def __init__(self, project: Path, elsewhere: Callable[[], None] = lambda: None) -> None:
        self.project, self.elsewhere, self.host = project, elsewhere, os.getpid()
        self.calls: list[int] = []

    def __call__(self) -> Course:
        if os.getpid() != self.host:
            self.elsewhere()
        self.calls.append(os.getpid())
        return loaded_here(self.project)


def test_the_second_process_loads_the_course_the_host_would(project: Path) -> None:
    load = Loads(project)
    loading = in_background(project, load)
    course = loading.result()
    assert load.calls == []  # loaded in the second process, and sent
    assert multiprocessing.active_children() == []  # which has ended
    same_course(course, loaded_here(project))
    assert loading.result() is course
    assert all(isinstance(quiz, Quiz) for quiz in course.quizzes.values())


def test_a_broken_bank_comes_back_as_problems(project: Path) -> None:
    bank = project / "quizzes/calls/holding.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("prompt:", "promt:", 1), encoding="utf-8")
    (project / "quizzes/calls/orphan.yml").write_text("title: No lesson\nquestions: []\n", encoding="utf-8")
    load = Loads(project)
    course = in_background(project, load).result()
    assert load.calls == []
    expected = loaded_here(project)
    assert expected.problems, "the banks should be broken"
    same_course(course, expected)


def test_if_the_second_process_dies_the_host_loads_the_course(project: Path) -> None:
    def stuck() -> None:  # the second process never sends: it is killed
        while True:
            time.sleep(1)

    load = Loads(project, stuck)
    loading = in_background(project, load)
    (child,) = multiprocessing.active_children()
    assert child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    course = loading.result()
    assert load.calls == [os.getpid()]
    same_course(course, loaded_here(project))


def test_if_loading_fails_there_the_host_loads_the_course(project: Path) -> None:
    def failing() -> None:
        raise MemoryError

    load = Loads(project, failing)
    course = in_background(project, load).result()
    assert load.calls == [os.getpid()]
    same_course(course, loaded_here(project))


def test_if_no_process_can_start_the_host_loads_the_course(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    load = Loads(project)
    course = in_background(project, load).result()
    assert load.calls == [os.getpid()]
    same_course(course, loaded_here(project))


def test_a_build_process_may_fork() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from quizgen.background_load import can_fork; print(can_fork())"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "True"


def test_no_second_process_beside_another_thread() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not can_fork()  # a lock the thread holds at the fork would be held for ever in the copy
    finally:
        stop.set()
        other.join()


def test_no_second_process_on_one_core() -> None:
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})
    try:
        assert not can_fork()
    finally:
        os.sched_setaffinity(0, cores)


def test_the_lessons_with_banks_are_known_before_the_banks_are_read(project: Path) -> None:
    (project / "quizzes/calls/orphan.yml").write_text("not: [a bank", encoding="utf-8")
    assert lessons_with_banks(project / "quizzes", project / "content") == set(loaded_here(project).quizzes)


# --- a real build, with the second process and without ----------------------------------------------------

ONE_CORE = "import os, sys; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); sys.exit(__import__('mkdocs.__main__').__main__.cli())"  # noqa: E501


def build(project: Path, site: str, *, one_core: bool) -> subprocess.CompletedProcess[str]:
    command = ["-c", ONE_CORE] if one_core else ["-m", "mkdocs"]
    return subprocess.run(
        [sys.executable, *command, "build", "--strict", "--verbose", "--site-dir", site],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


SECOND_PROCESS = "quizgen: the banks load in a second process"


@pytest.mark.build
def test_the_site_is_the_same_built_on_one_core_or_two(project: Path) -> None:
    two = build(project, "site-two", one_core=False)
    assert two.returncode == 0, two.stderr
    assert SECOND_PROCESS in two.stderr
    one = build(project, "site-one", one_core=True)
    assert one.returncode == 0, one.stderr
    assert SECOND_PROCESS not in one.stderr
    built = sorted(path.relative_to(project / "site-two") for path in (project / "site-two").rglob("*"))
    assert built == sorted(path.relative_to(project / "site-one") for path in (project / "site-one").rglob("*"))
    assert len(built) > 20
    for path in built:
        if (project / "site-two" / path).is_file():
            assert (project / "site-two" / path).read_bytes() == (project / "site-one" / path).read_bytes(), path


@pytest.mark.build
@pytest.mark.parametrize("one_core", [False, True], ids=["two cores", "one core"])
def test_a_broken_bank_fails_the_build_the_same_way(project: Path, one_core: bool) -> None:
    bank = project / "quizzes/calls/holding.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("prompt:", "promt:", 1), encoding="utf-8")
    result = build(project, "site", one_core=one_core)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (SECOND_PROCESS in result.stderr) is not one_core
    assert "quizzes/calls/holding.yml:" in result.stderr
    assert "error: unknown key 'promt' (did you mean 'prompt'?" in result.stderr
    assert "quizgen: 2 problems in quizzes/calls/holding.yml; fix the lines listed above" in result.stderr


def test_a_quiz_prepared_where_it_loads_is_written_as_one_made_from_its_bank(project: Path) -> None:
    english, german = messages_for("en"), messages_for("de")
    quiz = loaded_here(project).quizzes["calls/holding.md"]

    def written(prepared: PreparedQuiz, t: Messages) -> str:
        return quiz_html(prepared, quiz.quiz_id, anchors={}, heading="Check", heading_id="check", t=t)

    quiz.prepare(english)
    assert written(quiz.prepared(english), english) == written(PreparedQuiz.of(quiz.bank(), english), english)
    in_german = written(quiz.prepared(german), german)  # prepared in another language: made anew
    assert in_german == written(PreparedQuiz.of(quiz.bank(), german), german)
    assert in_german != written(quiz.prepared(english), english)
