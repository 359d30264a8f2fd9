"""The learner who answers without reading: each strategy, scored by the real rules."""

from __future__ import annotations

from typing import Any

import pytest

from quizgen.blind import blind_result, course_figures, guessed_score, length_ranks
from quizgen.model import Bank


def bank(*questions: dict[str, Any], pass_mark: int = 80) -> Bank:
    return Bank.model_validate({"title": "t", "pass_mark": pass_mark, "questions": list(questions)})


def single(qid: str, right: str, *wrong: str) -> dict[str, Any]:
    options = [{"text": right, "correct": True}] + [{"text": text, "feedback": "no"} for text in wrong]
    return {"id": qid, "type": "single", "prompt": "p", "options": options}


def test_one_answer_questions_are_guessed_by_length() -> None:
    guessable = bank(single("a", "the long and detailed right answer", "short", "brief"))
    assert blind_result(guessable).percent == 100
    assert blind_result(guessable).passes
    assert blind_result(guessable).longest_right == 1
    # the right answer shortest, second shortest, second longest and longest once each: no bet pays more than one
    texts = ["aa", "bbbb", "cccccc", "dddddddd"]
    fair = bank(*(single(f"q{place}", texts[place], *(t for t in texts if t != texts[place])) for place in range(4)))
    assert blind_result(fair).percent == 25
    assert sorted(length_ranks(fair)) == [(0, 4), (1, 4), (2, 4), (3, 4)]


def test_true_or_false_counts_the_better_of_all_true_and_all_false() -> None:
    all_false = bank(*({"id": f"t{i}", "type": "true_false", "prompt": "p", "answer": False} for i in range(3)))
    balanced = bank(
        {"id": "t0", "type": "true_false", "prompt": "p", "answer": False},
        {"id": "t1", "type": "true_false", "prompt": "p", "answer": True},
    )
    assert blind_result(all_false).percent == 100
    assert blind_result(balanced).percent == 50
    assert (blind_result(balanced).true_statements, blind_result(balanced).false_statements) == (1, 1)


def test_choose_all_ticks_the_options_of_above_average_length() -> None:
    question = {
        "id": "m",
        "type": "multiple",
        "prompt": "p",
        "points": 2,
        "options": [
            {"text": "a long right option here", "correct": True},
            {"text": "another long right option", "correct": True},
            {"text": "no", "feedback": "x"},
            {"text": "nope", "feedback": "x"},
        ],
    }
    (model,) = bank(question).questions
    assert guessed_score(model, False) == 2


def test_typed_answers_orders_matches_and_calls() -> None:
    questions = bank(
        {"id": "f", "type": "fill_blank", "prompt": "p ___", "answers": ["x"], "feedback": "f"},
        {"id": "o", "type": "ordering", "prompt": "p", "items": ["a", "b", "c", "d"], "points": 4},
        {
            "id": "m",
            "type": "matching",
            "prompt": "p",
            "pairs": [{"left": "a", "right": "1"}, {"left": "b", "right": "2"}],
        },
        {
            "id": "s",
            "type": "scenario",
            "prompt": "p",
            "start": "one",
            "steps": {
                "one": {
                    "caller": "c",
                    "choices": [
                        {"text": "the best reply", "goto": "end", "points": 2},
                        {"text": "a much longer reply that scores nothing", "goto": "end"},
                    ],
                }
            },
        },
    ).questions
    assert [guessed_score(q, False) for q in questions] == [0.0, 1.0, 0.5, 0.0]


def test_course_figures() -> None:
    results = [
        blind_result(bank(single("a", "the long and detailed right answer", "short", "a middling one"))),
        blind_result(bank(single("b", "a middling one", "a much longer wrong answer", "short"))),
    ]
    figures = course_figures(results)
    assert figures["longest_right_share"] == pytest.approx(0.5)
    assert figures["banks_passed_blind"] == 2  # a bank of one question: some bet always finds it
    assert figures["best_blind_percent"] == 100


def test_a_bank_that_hides_the_answer_in_the_middle_is_caught() -> None:
    """Never the longest, never the shortest: the second shortest every time pays, and is found."""
    middle = bank(
        *(single(f"q{i}", "a mid-length answer", "the longest wrong answer of all here", "short") for i in range(4))
    )
    result = blind_result(middle)
    assert result.longest_right == 0
    assert result.percent == 100
    assert length_ranks(middle) == [(1, 3)] * 4
