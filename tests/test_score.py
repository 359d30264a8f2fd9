"""Scoring in Python, against the vectors the browser runtime must also pass."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quizgen.model import QUESTION_TYPES, Bank
from quizgen.score import format_points, normalise, score_quiz

VECTORS = json.loads((Path(__file__).parent / "vectors" / "scoring.json").read_text(encoding="utf-8"))["cases"]


def bank_of(case: dict[str, Any]) -> Bank:
    return Bank.model_validate(
        {
            "title": case["name"],
            "pass_mark": case["pass_mark"],
            "hint_penalty": case.get("hint_penalty", 0),
            "questions": case["questions"],
        }
    )


@pytest.mark.parametrize("case", VECTORS, ids=[c["name"] for c in VECTORS])
def test_python_scoring_matches_the_shared_vectors(case: dict[str, Any]) -> None:
    result = score_quiz(bank_of(case), case["responses"], shown=case.get("shown"), hints=case.get("hints"))
    expected = case["expected"]
    for qid, want in expected["questions"].items():
        got = result.questions[qid]
        assert got.score == pytest.approx(want["score"]), qid
        assert (got.max, got.state) == (want["max"], want["state"]), qid
    assert result.total == pytest.approx(expected["total"])
    assert result.max == expected["max"]
    assert result.shown_percent == expected["shown_percent"]
    assert result.passed is expected["passed"]
    assert result.message == expected["message"]


def test_the_vectors_cover_every_rule() -> None:
    names = " ".join(c["name"] for c in VECTORS)
    for rule in (
        "79.5",
        "exactly the pass mark",
        "never below zero",
        "unicode",
        "case and spaces",
        "half up",
        "relative order",
        "distractor",
        "scenario paths",
        "hint penalties",
        "draws",
    ):
        assert rule in names
    types = {q["type"] for c in VECTORS for q in c["questions"]}
    assert types == set(QUESTION_TYPES)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (2, "2"),
        (2.0, "2"),
        (1 / 3, "0.33"),
        (2 / 3, "0.67"),
        (0.125, "0.13"),
        (1.5, "1.5"),
        (80.0, "80"),
        (0, "0"),
    ],
)
def test_format_points(value: float, shown: str) -> None:
    assert format_points(value) == shown


def test_normalise() -> None:
    assert normalise("  Spell\u00a0\u00a0OUT \n") == "spell out"
    assert normalise("Cafe\u0301") == normalise("CAFÉ")
