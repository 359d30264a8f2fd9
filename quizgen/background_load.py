"""A course's banks loaded in a second process while the host goes on with its own work.

A site build reads and validates every bank before MkDocs reads its first page, yet needs what is in
the banks only once MkDocs has rendered the lessons' Markdown. Reading 300 banks takes about a fifth
of a second, most of it libyaml's events walked in Python; on a machine with a second core, a forked
process does it while MkDocs renders, and the build waits for it only if it is not done by then.

The course that comes back is the one ``load_course(..., pack=True)`` gives in this process, and it
is the fallback whenever the second process cannot help: it could not start, died, or sent nothing.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from .course import Course, load_course


def can_fork() -> bool:
    """Whether loading in a second process can help here, and is safe.

    - a second core to run it on (the cores this process may use, not the machine's);
    - Linux, where forking is the usual way to start a process (macOS's system libraries are not
      safe across a fork; Windows has none);
    - no other thread: a lock another thread holds at the fork would stay held in the copy.
    """
    return sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) > 1 and threading.active_count() == 1


class BackgroundCourse:
    """``load_course(quizzes_dir, docs_dir, root=root, pack=True)``, under way in a forked process.

    ``result()`` waits for it; call ``can_fork()`` first. Nothing the second process does reaches
    the host but the course it sends: the banks' problems come back in it, to be reported by the host.
    """

    def __init__(self, quizzes_dir: Path, docs_dir: Path, root: Path | None) -> None:
        self._args = (quizzes_dir, docs_dir, root)
        self._course: Course | None = None
        self._process: BaseProcess | None = None
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        # the copy would write out again whatever the host's streams hold unwritten
        sys.stdout.flush()
        sys.stderr.flush()
        process = context.Process(target=_load_and_send, args=(send, *self._args), name="quizgen-banks", daemon=True)
        try:
            process.start()
            self._process = process
        except OSError:  # no process to be had (a limit on processes, or memory): result() loads here
            self._receive.close()
        finally:
            send.close()  # the second process holds its own end; the host's must go, so a death reads as the end

    def result(self) -> Course:
        """The course, once loaded; loaded in this process if the second one could not."""
        if self._course is None:
            course = self._receive_course()
            if course is None:
                quizzes_dir, docs_dir, root = self._args
                course = load_course(quizzes_dir, docs_dir, root=root, pack=True)
            self._course = course
        return self._course

    def _receive_course(self) -> Course | None:
        process = self._process
        if process is None:
            return None
        self._process = None
        collecting = gc.isenabled()
        gc.disable()  # rebuilding the course makes no cycles, and a pass of the collector walks the whole build
        try:
            sent = self._receive.recv()
        except Exception:  # died, was killed, or sent what cannot be read: the host loads the course
            sent = None
        finally:
            if collecting:
                gc.enable()
            self._receive.close()
            process.join()
        return sent if isinstance(sent, Course) else None


def _load_and_send(send: Connection, quizzes_dir: Path, docs_dir: Path, root: Path | None) -> None:
    """The second process: load the course and send it. Should loading fail for a reason of quizgen's own
    (a bug), nothing is sent and the host's own loading raises it, where the author sees it as usual."""
    try:
        course: Course | None = load_course(quizzes_dir, docs_dir, root=root, pack=True)
    except BaseException:  # the host loads it again, and meets the same failure in its own process
        course = None
    try:
        send.send(course)
    finally:
        send.close()
