"""Live editing: `mkdocs serve` watches the banks, and a broken bank keeps the
last good site on show."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

pytestmark = pytest.mark.build

BANK = "quizzes/module/lesson.yml"


class _Server:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str, *args: Any, **kwargs: Any) -> None:
        self.watched.append(path)


def test_the_plugin_asks_the_server_to_watch_the_banks(course: Path) -> None:
    config = load_config(str(course / "mkdocs.yml"))
    plugin = config.plugins["quizgen"]
    config = plugin.on_config(config)
    server = _Server()
    plugin.on_serve(server, config=config, builder=None)
    assert server.watched == [str((course / "quizzes").resolve())]


def test_a_broken_bank_leaves_the_last_good_site(course: Path) -> None:
    build(load_config(str(course / "mkdocs.yml")))
    lesson = course / "site/module/lesson/index.html"
    assert "quizgen-quiz" in lesson.read_text()
    (course / BANK).write_text("title: [broken\n")
    with pytest.raises(Abort):
        build(load_config(str(course / "mkdocs.yml")))
    assert "quizgen-quiz" in lesson.read_text(), "the site folder was not emptied"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        text: str = response.read().decode("utf-8")
        return text


def _wait_for(condition: Any, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_a_bank_changes(course: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/module/lesson/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = course / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=course,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            assert _wait_for(lambda: "What do you say first" in _fetch(url)), log.read_text()
            bank = course / BANK
            bank.write_text(bank.read_text().replace("What do you say first", "What do you say at the start"))
            assert _wait_for(lambda: "What do you say at the start" in _fetch(url)), log.read_text()

            bank.write_text(bank.read_text().replace("answer: false", "answer: perhaps"))
            assert _wait_for(lambda: "must be true or false" in log.read_text()), log.read_text()
            assert "What do you say at the start" in _fetch(url), "the last good site is still served"
            assert "Traceback" not in log.read_text()
        finally:
            server.terminate()
            server.wait(timeout=10)
