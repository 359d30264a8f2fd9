"""The course itself: every curriculum lesson is there, in order, with the
parts a lesson needs and a bank that meets the course's standard."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

from quizgen.course import find_banks
from quizgen.load import load_bank
from quizgen.model import FillBlankQuestion, MultipleQuestion, SingleQuestion, TrueFalseQuestion
from quizgen.stats import count_words

CONTENT = ROOT / "content"
QUIZZES = ROOT / "quizzes"
SHARED = ROOT.parent / "shared"
CURRICULUM = SHARED / "curriculum.md"
MODULES = ("phone-skills", "service-culture", "service-recovery")


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml uses tags such as !ENV; their values do not matter here."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def nav_pages() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)

    def walk(items: Any) -> list[str]:
        found: list[str] = []
        for item in items:
            if isinstance(item, str):
                found.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    found.extend(walk(value) if isinstance(value, list) else [value])
        return found

    return walk(config["nav"])


def lessons() -> list[Path]:
    return [
        CONTENT / page
        for page in nav_pages()
        if page.startswith(MODULES) and (QUIZZES / page).with_suffix(".yml").exists()
    ]


def title(page: Path) -> str:
    text = re.sub(r"\A---\n.*?\n---\n\s*", "", page.read_text(encoding="utf-8"), flags=re.S)
    first = text.splitlines()[0]
    assert first.startswith("# "), page
    return first[2:].strip()


def test_every_curriculum_lesson_is_in_the_nav_in_order() -> None:
    if not CURRICULUM.is_file():
        pytest.skip("the curriculum is not beside the project")
    wanted = re.findall(r"^\s*\d+\. \*\*(.+?)\.\*\*", CURRICULUM.read_text(encoding="utf-8"), re.M)
    assert len(wanted) == 15
    in_nav = [title(CONTENT / page) for page in nav_pages()]
    positions = [in_nav.index(name) for name in wanted]
    assert positions == sorted(positions)


def test_each_module_has_an_index_listing_its_lessons() -> None:
    pages = nav_pages()
    for module in MODULES:
        index = CONTENT / module / "index.md"
        assert f"{module}/index.md" in pages
        text = index.read_text(encoding="utf-8")
        for lesson in [p for p in pages if p.startswith(f"{module}/") and not p.endswith("index.md")]:
            assert f"]({Path(lesson).name})" in text, (module, lesson)


def test_every_lesson_has_a_bank_and_every_bank_a_lesson() -> None:
    module_pages = [p for p in nav_pages() if p.startswith(MODULES) and not p.endswith(("index.md", "message-pad.md"))]
    assert len(module_pages) == 15
    banks = {b.relative_to(QUIZZES).with_suffix(".md").as_posix() for b in find_banks(QUIZZES)}
    assert banks == set(module_pages)


@pytest.mark.parametrize("lesson", lessons(), ids=lambda p: p.stem)
def test_lesson_structure(lesson: Path) -> None:
    text = lesson.read_text(encoding="utf-8")
    objectives = re.search(r'^!!! abstract "In this lesson you will learn to"\n((?:    - .+\n)+)', text, re.M)
    assert objectives, "learning objectives"
    assert 3 <= objectives.group(1).count("    - ") <= 5
    for heading in ("## Worked example", "## Try it", "## Key takeaways"):
        assert re.search(rf"^{heading}\b", text, re.M), heading
    assert re.search(r'^(!!! example|=== ")', text, re.M), "a transcript or a weak/strong comparison"
    assert 600 <= count_words(text) <= 1500, count_words(text)


@pytest.mark.parametrize("lesson", lessons(), ids=lambda p: p.stem)
def test_bank_meets_the_course_standard(lesson: Path) -> None:
    bank = load_bank(QUIZZES / lesson.relative_to(CONTENT).with_suffix(".yml")).bank
    assert len(bank.questions) >= 8
    assert len({q.type for q in bank.questions}) >= 3
    for question in bank.questions:
        assert question.explanation, question.id
        assert question.see, question.id
        if isinstance(question, (SingleQuestion, MultipleQuestion)):
            for option in question.options:
                assert option.correct or option.feedback, (question.id, option.text)
        if isinstance(question, (TrueFalseQuestion, FillBlankQuestion)):
            assert question.feedback, question.id


def test_the_course_has_enough_questions() -> None:
    assert sum(len(load_bank(bank).bank.questions) for bank in find_banks(QUIZZES)) >= 120


def test_each_module_has_a_diagram_with_alt_text() -> None:
    for module in MODULES:
        images = re.findall(r"!\[([^\]]+)\]\(\.\./images/([\w-]+\.svg)\)", _module_text(module))
        assert images, module
        for alt, name in images:
            assert len(alt.split()) >= 5, (module, name)
            svg = (CONTENT / "images" / name).read_text(encoding="utf-8")
            assert "<title" in svg and "<desc" in svg, name
            assert "http://" not in svg.replace("http://www.w3.org/", "") and "https://" not in svg, name


def test_glossary_terms_are_linked_from_the_lessons() -> None:
    glossary = (CONTENT / "glossary.md").read_text(encoding="utf-8")
    terms = re.findall(r"^## (.+)$", glossary, re.M)
    assert len(terms) >= 15
    linked = set()
    for module in MODULES:
        linked |= set(re.findall(r"\]\(\.\./glossary\.md#([\w-]+)\)", _module_text(module)))
    anchors = {re.sub(r"[^\w\s-]", "", t).strip().lower().replace(" ", "-") for t in terms}
    assert linked <= anchors, linked - anchors
    assert len(linked) >= 15


def test_the_message_pad_follows_lesson_four() -> None:
    pages = nav_pages()
    assert pages.index("phone-skills/message-pad.md") == pages.index("phone-skills/taking-messages.md") + 1


def test_the_course_is_in_our_own_words() -> None:
    tool = SHARED / "tools" / "originality.py"
    if not tool.is_file():
        pytest.skip("the originality tool is not beside the project")
    result = subprocess.run(
        [sys.executable, str(tool), "content", "quizzes"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 shared runs" in result.stdout


def _module_text(module: str) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((CONTENT / module).glob("*.md")))
