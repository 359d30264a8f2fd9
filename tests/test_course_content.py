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

from quizgen.blind import blind_result, course_figures, length_ranks, place_shares
from quizgen.course import find_banks
from quizgen.load import load_bank
from quizgen.model import FillBlankQuestion, MultipleQuestion, ScenarioQuestion, SingleQuestion, TrueFalseQuestion
from quizgen.stats import count_words

CONTENT = ROOT / "content"
QUIZZES = ROOT / "quizzes"
SHARED = ROOT.parent / "shared"
CURRICULUM = SHARED / "curriculum.md"
MODULES = ("phone-skills", "service-culture", "service-recovery")
CAPSTONE = "capstone.md"
# listed in the nav for Zensical; the plugin makes them, `quizgen prepare` writes them (README)
QUIZGEN_PAGES = ("progress.md", "final-check.md", "certificate.md")


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
    in_nav = [title(CONTENT / page) for page in nav_pages() if page not in QUIZGEN_PAGES]
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
    assert banks == {*module_pages, CAPSTONE}


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


@pytest.mark.parametrize("lesson", lessons(), ids=lambda p: p.stem)
def test_bank_measures_its_lesson(lesson: Path) -> None:
    """A pool that two attempts draw differently from, that a learner who did not read cannot pass."""
    bank = load_bank(QUIZZES / lesson.relative_to(CONTENT).with_suffix(".yml")).bank
    pool = len(bank.questions)
    assert pool >= 12
    assert bank.draw is not None and 2 <= pool - bank.draw <= 4, (pool, bank.draw)
    assert bank.shuffle
    statements = [q.answer for q in bank.questions if isinstance(q, TrueFalseQuestion)]
    assert 2 <= len(statements) <= 4 and abs(2 * sum(statements) - len(statements)) <= 1, statements
    result = blind_result(bank)
    assert result.percent <= 40, f"a learner who did not read scores {result.percent:.0f}%"  # bets: quizgen/blind.py
    assert result.longest_right * 3 <= result.single, "the right option is the longest too often"
    for question in bank.questions:
        if isinstance(question, FillBlankQuestion):
            # the lesson's own term, in every reasonable wording
            assert len(question.answers) >= 2, (question.id, question.answers)


def test_the_course_does_not_reward_guessing() -> None:
    banks = [load_bank(bank).bank for bank in find_banks(QUIZZES)]
    figures = course_figures([blind_result(bank) for bank in banks])
    assert figures["longest_right_share"] <= 0.25
    assert figures["banks_passed_blind"] == 0
    assert abs(figures["true"] - figures["false"]) <= len(banks) // 2
    # the right answer's place by length (shortest, next, ..., longest) is spread: no place pays
    ranks = [rank for bank in banks for rank in length_ranks(bank)]
    for place, share in place_shares(ranks).items():
        assert share <= 0.45, f"the right answer is the {place} in {share:.0%} of questions and call steps"


def test_the_kinds_the_lessons_call_for() -> None:
    banks = {b.relative_to(QUIZZES).with_suffix("").as_posix(): load_bank(b).bank for b in find_banks(QUIZZES)}
    kinds = {name: {q.type for q in bank.questions} for name, bank in banks.items()}
    for module in MODULES:
        assert any("scenario" in used for name, used in kinds.items() if name.startswith(module)), module
    assert "ordering" in kinds["phone-skills/holding-and-transferring"]  # the steps of a warm transfer
    assert "matching" in kinds["phone-skills/taking-messages"]  # the parts of a message
    assert "matching" in kinds["service-recovery/seven-recovery-strategies"]  # strategies to situations


def test_the_capstone_call() -> None:
    """The upset caller from greeting to follow-up: a long best path and four kinds of ending."""
    bank = load_bank(QUIZZES / "capstone.yml").bank
    (call,) = bank.questions
    assert isinstance(call, ScenarioQuestion)
    assert len(call.best_path()) >= 10
    endings = [sid for sid, step in call.steps.items() if any(reply.goto == "end" for reply in step.choices)]
    assert len(endings) >= 4, endings
    for step in call.steps.values():
        for reply in step.choices:
            assert reply.feedback, reply.text
    assert CAPSTONE in nav_pages()


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
