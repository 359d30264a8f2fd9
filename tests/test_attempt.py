"""Attempts in Python, against the vectors the runtime must also reproduce."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quizgen.attempt import Group, fnv1a, mulberry32, plan
from quizgen.model import Bank

ATTEMPTS = json.loads((Path(__file__).parent / "vectors" / "attempts.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", ATTEMPTS["cases"], ids=[c["name"] for c in ATTEMPTS["cases"]])
def test_python_attempts_match_the_shared_vectors(case: dict[str, Any]) -> None:
    groups = [Group(**g) for g in case.get("groups", [])]
    assert plan(Bank.model_validate(case["bank"]), case["seed"], groups=groups).data() == case["expected"]


def test_the_generator_matches_the_shared_vectors() -> None:
    for item in ATTEMPTS["generator"]["mulberry32"]:
        random = mulberry32(item["seed"])
        assert [random() for _ in item["first"]] == item["first"]
    for text, value in ATTEMPTS["generator"]["fnv1a"].items():
        assert fnv1a(text) == value


def test_the_vectors_cover_every_setting() -> None:
    names = " ".join(c["name"] for c in ATTEMPTS["cases"])
    for setting in (
        "fixed",
        "shuffle_options false",
        "question level",
        "question order",
        "draw",
        "ordering",
        "scenario",
        "groups draw per group",
        "groups with question order shuffled",
        "groups where a draw equals its size",
        "groups with a group of one question",
        "groups named with non-ASCII characters",
        "three groups",
        "groups with options shuffled",
        "groups take the place of the bank's draw",
    ):
        assert setting in names
    assert any(not g["name"].isascii() for c in ATTEMPTS["cases"] for g in c.get("groups", []))
    # in every case with groups, each group shows exactly its draw, and only of its own questions
    for case in ATTEMPTS["cases"]:
        if "groups" not in case:
            continue
        ids = [q["id"] for q in case["bank"]["questions"]]
        start = 0
        for group in case["groups"]:
            own = set(ids[start : start + group["size"]])
            assert len(own & set(case["expected"]["questions"])) == min(group["draw"], group["size"]), case["name"]
            start += group["size"]
        assert start == len(ids), case["name"]
    # in every case an ordering question is shown out of order
    for case in ATTEMPTS["cases"]:
        for question in case["bank"]["questions"]:
            if question["type"] == "ordering" and question["id"] in case["expected"]["orders"]:
                items = case["expected"]["orders"][question["id"]]["items"]
                assert items != sorted(items)


def _bank_of(count: int) -> Bank:
    questions = [{"id": f"q{i}", "type": "true_false", "prompt": "p", "answer": True} for i in range(count)]
    return Bank.model_validate({"title": "t", "questions": questions})


def test_a_group_draws_the_same_whatever_the_other_groups_hold() -> None:
    for seed in (0, 1, 12345, 4294967295):
        drawn = []
        for size_a in (2, 3, 7):
            groups = [Group("a", size_a, 1), Group("b", 5, 2), Group("c", 3, 1)]
            shown = plan(_bank_of(size_a + 8), seed, groups).questions
            # group b's questions, as places within b
            drawn.append(sorted(int(q[1:]) - size_a for q in shown if size_a <= int(q[1:]) < size_a + 5))
        assert len(drawn[0]) == 2
        assert drawn[1:] == drawn[:-1], seed


def test_groups_that_do_not_add_up_to_the_bank_are_refused() -> None:
    for sizes in ((2, 2), (3, 3)):
        with pytest.raises(ValueError, match="add up to"):
            plan(_bank_of(5), 0, [Group("a", sizes[0], 1), Group("b", sizes[1], 1)])


def test_a_group_gives_its_data() -> None:
    assert Group("leçons/ça", 4, 2).data() == {"name": "leçons/ça", "size": 4, "draw": 2}
