"""Attempts in Python, against the vectors the runtime must also reproduce."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quizgen.attempt import fnv1a, mulberry32, plan
from quizgen.model import Bank

ATTEMPTS = json.loads((Path(__file__).parent / "vectors" / "attempts.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", ATTEMPTS["cases"], ids=[c["name"] for c in ATTEMPTS["cases"]])
def test_python_attempts_match_the_shared_vectors(case: dict[str, Any]) -> None:
    assert plan(Bank.model_validate(case["bank"]), case["seed"]).data() == case["expected"]


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
    ):
        assert setting in names
    # in every case an ordering question is shown out of order
    for case in ATTEMPTS["cases"]:
        for question in case["bank"]["questions"]:
            if question["type"] == "ordering" and question["id"] in case["expected"]["orders"]:
                items = case["expected"]["orders"][question["id"]]["items"]
                assert items != sorted(items)
