"""What a bank gives a learner who answers without reading the lesson.

A self-check is a measurement: a learner who did not read should score
low. This module plays the strategies a test-wise guesser uses on every
question of a bank and scores them with the real scoring rules:

- one right answer: the longest option, the shortest, the second longest or
  the second shortest, the same in every question (a bank that has learnt
  not to make the right answer the longest may make it the shortest, or
  nearly); choose all that apply: every option at least as long as the
  options' average, or every one shorter;
- true or false: "false" throughout, or "true" throughout;
- type the answer: left empty; a call: the longest reply at every step, or
  the shortest;
- put in order, match pairs: what a random answer earns on average
  (1 / items of the points for an order, 1 / choices for each match).

The best of these strategies counts. It also measures the habits that make guessing pay: how often the right
option of a one-answer question is the longest, and how true/false
statements are balanced.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .kinds.base import plain
from .model import (
    Bank,
    FillBlankQuestion,
    MatchingQuestion,
    MultipleQuestion,
    OrderingQuestion,
    Question,
    ScenarioQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)
from .score import score_question


def _length(text: str) -> int:
    return len(plain(text))


# How the guesser bets on length: long or short answers, and which place in that order (0: the extreme).
Bet = tuple[bool, int]
BETS: tuple[Bet, ...] = ((True, 0), (False, 0), (True, 1), (False, 1))


def _by_length(texts: list[str], bet: Bet) -> int:
    """The index of the text the bet picks: the longest (True, 0), the second shortest (False, 1)..."""
    longest, place = bet
    order = sorted(range(len(texts)), key=lambda i: (_length(texts[i]), i), reverse=longest)
    return order[min(place, len(order) - 1)]


def guessed_score(question: Question, true_false: bool, bet: Bet = (True, 0)) -> float:
    """The points the guesser's answer to ``question`` earns (an average where the guess is random)."""
    longest = bet[0]
    if isinstance(question, SingleQuestion):
        return score_question(question, _by_length([option.text for option in question.options], bet)).score
    if isinstance(question, MultipleQuestion):
        lengths = [_length(option.text) for option in question.options]
        average = sum(lengths) / len(lengths)
        chosen = [i for i, size in enumerate(lengths) if (size >= average) == longest]
        return score_question(question, chosen).score
    if isinstance(question, TrueFalseQuestion):
        return score_question(question, true_false).score
    if isinstance(question, FillBlankQuestion):
        return 0.0
    if isinstance(question, OrderingQuestion):
        return question.points / len(question.items)
    if isinstance(question, MatchingQuestion):
        return question.points / len(question.choices)
    if isinstance(question, ScenarioQuestion):
        replies: list[int] = []
        step = question.start
        while step in question.steps and len(replies) <= len(question.steps):
            replies.append(_by_length([reply.text for reply in question.steps[step].choices], bet))
            step = question.steps[step].choices[replies[-1]].goto
        return score_question(question, replies).score
    raise TypeError(f"no guessing strategy for {question.type}")


@dataclass(frozen=True)
class BlindResult:
    percent: float  # the guesser's best percentage over the whole pool
    passes: bool
    longest_right: int  # one-answer questions whose right option is strictly the longest
    single: int  # one-answer questions
    true_statements: int
    false_statements: int


def blind_result(bank: Bank) -> BlindResult:
    most = sum(question.max_points for question in bank.questions)
    best = max(
        sum(guessed_score(question, answer, bet) for question in bank.questions) / most * 100
        for answer in (False, True)
        for bet in BETS
    )
    singles = [q for q in bank.questions if isinstance(q, SingleQuestion)]
    statements = [q.answer for q in bank.questions if isinstance(q, TrueFalseQuestion)]
    return BlindResult(
        percent=best,
        passes=best >= bank.pass_mark,
        longest_right=sum(_right_is_longest(q) for q in singles),
        single=len(singles),
        true_statements=sum(1 for answer in statements if answer),
        false_statements=sum(1 for answer in statements if not answer),
    )


def _right_is_longest(question: SingleQuestion) -> bool:
    lengths = [_length(option.text) for option in question.options]
    right = next(i for i, option in enumerate(question.options) if option.correct)
    return all(size < lengths[right] for i, size in enumerate(lengths) if i != right)


def length_ranks(bank: Bank) -> list[tuple[int, int]]:
    """Where the right answer sits by length: (rank from the shortest, number of options), for each
    one-answer question and each step of a call's best path. Spread evenly, length tells nothing."""
    ranks = []
    for question in bank.questions:
        if isinstance(question, SingleQuestion):
            right = next(i for i, option in enumerate(question.options) if option.correct)
            ranks.append(_rank([option.text for option in question.options], right))
        elif isinstance(question, ScenarioQuestion):
            for step, reply in question.best_path():
                choices = question.steps[step].choices
                if len(choices) > 1:
                    ranks.append(_rank([choice.text for choice in choices], reply))
    return ranks


def _rank(texts: list[str], index: int) -> tuple[int, int]:
    order = sorted(range(len(texts)), key=lambda i: (_length(texts[i]), i))
    return order.index(index), len(texts)


# The places by length a guesser bets on, as a test of (rank from the shortest, number of options).
PLACES: dict[str, Callable[[int, int], bool]] = {
    "shortest": lambda rank, size: rank == 0,
    "second shortest": lambda rank, size: rank == 1,
    "second longest": lambda rank, size: rank == size - 2,
    "longest": lambda rank, size: rank == size - 1,
}


def place_shares(ranks: Sequence[tuple[int, int]]) -> dict[str, float]:
    """How often the right answer sits at each place of PLACES (a middle of three counts as both second places)."""
    return {
        place: sum(1 for rank, size in ranks if at(rank, size)) / len(ranks) if ranks else 0.0
        for place, at in PLACES.items()
    }


def course_figures(results: Sequence[BlindResult]) -> dict[str, float]:
    singles = sum(r.single for r in results)
    return {
        "longest_right_share": sum(r.longest_right for r in results) / singles if singles else 0.0,
        "true": sum(r.true_statements for r in results),
        "false": sum(r.false_statements for r in results),
        "best_blind_percent": max((r.percent for r in results), default=0.0),
        "banks_passed_blind": sum(r.passes for r in results),
    }
