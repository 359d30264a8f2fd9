"""AUTHORING.md cannot go stale: its commands run on a copy of the course, and
its YAML examples are valid questions."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, mkdocs_build

from quizgen.load import parse_bank
from quizgen.model import QUESTION_TYPES, Bank
from quizgen.yaml_source import MAX_BYTES, MAX_DEPTH, MAX_TEXT, MAX_VALUES

GUIDE = (ROOT / "AUTHORING.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", GUIDE, re.S | re.M)


def test_the_readme_links_the_guide() -> None:
    assert "](AUTHORING.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.build
def test_the_guides_commands_work_on_a_copy_of_the_course(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(
        ROOT, course, ignore=shutil.ignore_patterns(".venv", "site", ".git", "*_cache", "tests", "*.egg-info")
    )
    commands = [line for block in blocks("sh") for line in block.splitlines() if line.strip()]
    assert ".venv/bin/quizgen new lesson" in " ".join(commands)
    ran = []
    for command in commands:
        if command == "make serve":
            continue  # runs until stopped; the build below covers what it shows
        if command == "make build":
            result = mkdocs_build(course)
        else:
            assert command.startswith(".venv/bin/quizgen "), command
            args = shlex.split(command)
            args[0] = str(BIN / "quizgen")
            result = subprocess.run(args, cwd=course, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        ran.append(command)
    assert "make build" in ran
    page = (course / "site/phone-skills/leaving-a-voice-mail/index.html").read_text(encoding="utf-8")
    assert 'class="quizgen-quiz"' in page


def test_the_guides_question_examples_are_valid() -> None:
    examples = [block for block in blocks("yaml") if block.startswith("  - id:")]
    questions = [yaml.safe_load(block)[0] for block in examples]
    bank = Bank.model_validate({"title": "guide", "questions": questions})
    assert sorted(q.type for q in bank.questions) == sorted(QUESTION_TYPES)


def test_the_guides_examples_of_aliases_and_merge_keys_load() -> None:
    examples = [block for block in blocks("yaml") if block.startswith("# two questions") or "<<: *" in block]
    assert len(examples) == 2
    for example in examples:
        bank = parse_bank(f"title: Example\nquestions:\n{example}".encode(), "example.yml").bank
        assert len(bank.questions) == 2
        first, second = (question.model_dump(exclude={"id", "prompt"}) for question in bank.questions)
        assert first == second  # all but the id and the prompt came from the first question


def test_the_guide_states_the_limits_the_loader_applies() -> None:
    limits = GUIDE[GUIDE.index("### Limits") : GUIDE.index("## 5.")]
    assert f"**{MAX_BYTES // 1_000_000} MB** ({MAX_BYTES:,} bytes)" in limits
    assert f"**{MAX_VALUES:,} values**" in limits
    assert f"**{MAX_TEXT:,} characters**" in limits
    assert f"**{MAX_DEPTH} levels**" in limits


def test_the_guide_explains_every_error_the_loader_gives() -> None:
    for phrase in (
        "YAML syntax error",
        "a question bank may be at most 2,000,000 bytes (2 MB)",
        "with every alias written out in full",
        f"nested more than {MAX_DEPTH} levels deep",
        "the YAML tag '...' is not allowed",
        "cannot be read as a date",
        "has no anchor",
        "is inside the value it stands for",
        "is used twice",
        "'<<' (merge) must be followed by a mapping",
        "a key must be a name",
        "appears twice here",
        "the file is empty",
        "not valid UTF-8",
        "unknown question type",
        "unknown key",
        "is missing",
        "exactly one correct option",
        "at least one correct option",
        "already used",
        "must be true or false",
        "pass_mark must be between 0 and 100",
        "has no lesson",
        "no heading with that anchor",
        "single paragraph",
        "has no self-check",
    ):
        assert phrase in GUIDE, phrase
