"""A build's banks loaded in a second process: the same course as loaded in the build's own, whatever
becomes of the second process, and the same site."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import FIXTURES

import quizgen.background_load
import quizgen.course
from quizgen.background_load import BackgroundCourse, can_fork
from quizgen.course import Course, Quiz, lessons_with_banks, load_course

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


def in_background(project: Path) -> BackgroundCourse:
    return BackgroundCourse(project / "quizzes", project / "content", project)


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


@pytest.fixture
def host_loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The processes that loaded a course themselves: the second process's own calls stay in its copy."""
    calls: list[int] = []
    real = quizgen.course.load_course

    def counting(*args: object, **kwargs: object) -> Course:
        calls.append(os.getpid())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(quizgen.background_load, "load_course", counting)
    return calls


def test_the_second_process_loads_the_course_the_host_would(project: Path, host_loads: list[int]) -> None:
    loading = in_background(project)
    course = loading.result()
    assert host_loads == []  # loaded in the second process, and sent
    assert multiprocessing.active_children() == []  # which has ended
    same_course(course, loaded_here(project))
    assert loading.result() is course
    assert all(isinstance(quiz, Quiz) for quiz in course.quizzes.values())


def test_a_broken_bank_comes_back_as_problems(project: Path, host_loads: list[int]) -> None:
    bank = project / "quizzes/calls/holding.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("prompt:", "promt:", 1), encoding="utf-8")
    (project / "quizzes/calls/orphan.yml").write_text("title: No lesson\nquestions: []\n", encoding="utf-8")
    course = in_background(project).result()
    assert host_loads == []
    expected = loaded_here(project)
    assert expected.problems, "the banks should be broken"
    same_course(course, expected)


def test_if_the_second_process_dies_the_host_loads_the_course(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    host = os.getpid()
    host_loads: list[int] = []
    real = quizgen.course.load_course

    def stuck_elsewhere(*args: object, **kwargs: object) -> Course:
        while os.getpid() != host:  # the second process never sends: it is killed
            time.sleep(1)
        host_loads.append(host)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(quizgen.background_load, "load_course", stuck_elsewhere)
    loading = in_background(project)
    (child,) = multiprocessing.active_children()
    assert child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    course = loading.result()
    assert host_loads == [os.getpid()]
    same_course(course, loaded_here(project))


def test_if_loading_fails_there_the_host_loads_the_course(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    host = os.getpid()
    real = quizgen.course.load_course

    def failing_elsewhere(*args: object, **kwargs: object) -> Course:
        if os.getpid() != host:
            raise MemoryError
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(quizgen.background_load, "load_course", failing_elsewhere)
    same_course(in_background(project).result(), loaded_here(project))


def test_if_no_process_can_start_the_host_loads_the_course(
    project: Path, host_loads: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    course = in_background(project).result()
    assert host_loads == [os.getpid()]
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
